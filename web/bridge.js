// The bridge to real IMAP servers, from the same terminal: `/connect NAME`
// and `/disconnect`, a server picker filled from api/targets, and a
// WebSocket to bridge?target=NAME (both relative to the page) whose binary messages are raw IMAP
// bytes. The server's responses are framed and rendered by the wasm
// façade (ServerStream), so they get the same kinds and colours as the
// sandbox's. The bridge's own notices arrive as text messages shaped like
// `* OK [playground] bridge: ...` and are rendered the same way.

import { lacksTag } from './commands.js';
import { isHelp } from './teach/help.js';

const encoder = new TextEncoder();
/** A line that ends by announcing a literal ({n}, or LITERAL+'s {n+}): the next line is its octets. */
const LITERAL_AT_END = /\{\d+\+?\}$/;

/**
 * Adds the picker and the terminal commands to the main pane: it takes the
 * pane's typed lines (its `line` event) while connected, and `/` commands
 * always.
 * @param {{ServerStream: any, pane: import('./pane.js').TerminalPane, status: HTMLElement,
 *          anchor: HTMLElement|null}} deps
 */
export function installBridge({ ServerStream, pane, status, anchor }) {
  const { term, input, tagger } = pane;
  /** @type {WebSocket|null} */
  let ws = null;
  let stream = null;
  let target = '';
  /** The last line sent announced a literal: the next is its content. */
  let literalNext = false;
  /** A BYE notice from the bridge was shown, so the close needs no second line. */
  let told = false;
  /** @type {{name: string, mode: string}[]} */
  let targets = [];

  const picker = document.createElement('label');
  picker.className = 'bridge-picker';
  picker.textContent = 'Server ';
  const select = document.createElement('select');
  select.id = 'bridge-target';
  select.setAttribute('aria-label', 'IMAP server: the sandbox in this page or a real server through the bridge');
  const sandbox = new Option('Sandbox', '');
  sandbox.title = 'The IMAP server compiled to WebAssembly, running in this page';
  select.append(sandbox);
  picker.append(select);
  if (anchor) anchor.before(picker);
  select.addEventListener('change', () => {
    if (select.value) connect(select.value);
    else disconnect();
    input.focus();
  });

  /** False when the page was loaded from a static host: no bridge there. */
  let bridgeServed = true;
  const NO_BRIDGE = 'Real servers need the bridge of imap-playground serve; this copy of the page is static, so only the sandbox runs here.';

  // Relative to the page, so the page works under any path prefix.
  fetch(new URL('api/targets', document.baseURI))
    .then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.json();
    })
    .then((list) => {
      // The static site's stand-in file says {"bridge": false}.
      if (!Array.isArray(list)) throw new Error('no bridge here');
      targets = list;
      for (const t of targets) {
        const option = new Option(`${t.name} (${t.mode})`, t.name);
        option.title = `${t.name}: a real IMAP server, reached through this site's bridge (${t.mode})`;
        select.append(option);
      }
    })
    .catch(() => {
      // A static host: hide the picker and say why in its place.
      bridgeServed = false;
      select.hidden = true;
      picker.textContent = 'Sandbox only';
      picker.classList.add('bridge-absent');
      picker.title = NO_BRIDGE;
    });

  function render(lines) {
    for (const l of lines) {
      const el = term.line(l.kind, l.text, { tag: l.tag, code: l.code, context: l.context });
      el.classList.add('line-remote');
    }
  }

  function notice(text) {
    const line = ServerStream.render(text);
    const el = term.line(line.kind, line.text, { tag: line.tag, code: line.code });
    el.classList.add('line-bridge');
    if (line.kind === 'bye') told = true;
  }

  function showStatus(text) {
    status.textContent = text;
    const mode = ws ? 'bridge' : 'local';
    if (document.body.dataset.mode !== mode) {
      document.body.dataset.mode = mode;
      // The inspector (and anyone else) learns whose mailboxes the terminal shows.
      document.dispatchEvent(new CustomEvent('playground:bridge', { detail: { target: ws ? target : null } }));
    }
  }

  function connect(name) {
    if (ws) disconnect(true);
    const known = targets.find((t) => t.name === name);
    target = name;
    told = false;
    literalNext = false;
    stream = new ServerStream();
    term.separator(`bridge to ${name}${known ? ` (${known.mode})` : ''}`);
    // Beside the page, wherever it is served (a reverse proxy may add a prefix).
    const url = new URL(`bridge?target=${encodeURIComponent(name)}`, document.baseURI);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    ws = socket;
    select.value = known ? name : select.value;
    showStatus(`connecting to ${name} through the bridge…`);
    socket.addEventListener('open', () => {
      if (ws === socket) showStatus(`bridge · ${name} · a real server: your typing goes there`);
    });
    socket.addEventListener('message', (e) => {
      if (ws !== socket) return;
      try {
        if (typeof e.data === 'string') notice(e.data);
        else render(stream.push(new Uint8Array(e.data)));
      } catch (err) {
        term.line('system', `Could not show the server's answer: ${err && err.message ? err.message : err}`);
      }
    });
    socket.addEventListener('close', (e) => {
      if (ws !== socket) return;
      ws = null;
      stream = null;
      if (!told) {
        const why = e.reason || (e.code === 1006 ? 'the bridge could not be reached' : `code ${e.code}`);
        term.line('system', `Bridge to ${name} closed: ${why}.`);
      }
      back(`Back to the sandbox. Type /connect ${name} to try again.`);
    });
  }

  function back(message) {
    select.value = '';
    term.line('system', message);
    showStatus('');
    pane.state();
  }

  function disconnect(quiet = false) {
    if (!ws) {
      if (!quiet) term.line('system', 'Not connected to a real server: you are in the sandbox.');
      return;
    }
    const socket = ws;
    ws = null;
    stream = null;
    socket.close(1000, 'the learner disconnected');
    if (!quiet) back(`Disconnected from ${target}. Back to the sandbox.`);
  }

  /**
   * Sends one typed line to the real server. What the terminal shows (and
   * the pane keeps in its history) is what the façade's redactor returns
   * for this connection: credentials masked, in every form.
   */
  function send(real) {
    let line = real;
    if (!literalNext) {
      if (line.trim() === '') return null;
      if (lacksTag(line)) line = `${tagger.next()} ${line.trimStart()}`;
    }
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      term.line('system', `Still connecting to ${target}; wait for its greeting.`);
      return '';
    }
    const shown = stream.typed(line).text;
    term.line(literalNext ? 'literal' : 'client', shown).classList.add('line-remote');
    ws.send(encoder.encode(`${line}\r\n`));
    literalNext = LITERAL_AT_END.test(line);
    return shown;
  }

  function command(line) {
    const [word, arg] = line.trim().split(/\s+/, 2);
    const cmd = word.toLowerCase();
    if (cmd === '/connect') {
      if (!bridgeServed) {
        term.line('system', NO_BRIDGE);
      } else if (!arg) {
        const names = targets.map((t) => `${t.name} (${t.mode})`).join(', ');
        term.line('system', names ? `Usage: /connect NAME. Servers: ${names}.` : 'This server offers no real IMAP servers to connect to.');
      } else connect(arg);
    } else if (cmd === '/disconnect') disconnect();
    else term.line('system', `Unknown terminal command ${word}. Try /connect NAME, /disconnect or /help.`);
  }

  /** Handles a typed line if it is a terminal command or the bridge is
   * connected; returns what may be shown and kept of it, or null. */
  function intercept(real) {
    const trimmed = real.trimStart();
    if (!literalNext && isHelp(real)) return null; // the lesson helper answers
    if (!literalNext && trimmed.startsWith('/')) {
      command(trimmed);
      return trimmed;
    }
    if (!ws) return null;
    return send(real) ?? '';
  }

  pane.addEventListener('line', (e) => {
    const asked = /** @type {CustomEvent} */ (e);
    if (asked.defaultPrevented) return;
    const shown = intercept(asked.detail.real);
    if (typeof shown === 'string') {
      asked.preventDefault();
      asked.detail.shown = shown;
    }
  });
}
