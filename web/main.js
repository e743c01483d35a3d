// The playground page: loads the wasm engine, opens the main pane's
// session, and wires the examples and the session controls to it.
//
// Only what the first prompt needs is imported here: the pane (terminal,
// history, tags), persistence, the URL options and the engine. The
// workbench, the teaching layer and the bridge are loaded once the prompt
// is ready (see `installExtras`), so the first download stays small; they
// follow the pane through its events, and read back the lines shown
// before they came from the terminal's records.

import { TerminalPane } from './pane.js';
import { useVocabulary } from './commands.js';
import { restoreSaved, loadHistory, saveHistory } from './persist.js';
import { embedOptions, applyLayout } from './options.js';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const input = /** @type {HTMLInputElement} */ ($('input'));
const status = $('status');
const newSessionButton = $('new-session');

/** @type {any} the wasm Playground */
let pg = null;
/** Settles when the workbench, the teaching layer and the bridge are installed. */
let extras = null;
/** Sessions opened so far, for the status line and the separator label. */
let sessionCount = 0;

const pane = new TerminalPane({
  pg: () => pg,
  scrollback: $('scrollback'),
  input,
  form: /** @type {HTMLFormElement} */ ($('prompt')),
});

// The prompt takes typing at once; what is entered before the engine is
// ready waits for it (pane `early`), so a learner never faces a dead box.
pane.addEventListener('early', (e) => {
  const n = /** @type {CustomEvent} */ (e).detail.count;
  status.textContent = `loading the engine… ${n === 1 ? 'your command runs' : `your ${n} commands run`} as soon as it is ready`;
});

function showLoadError(error) {
  $('load-error-message').textContent = String(error && error.message ? error.message : error);
  $('load-error').hidden = false;
  status.textContent = 'engine not loaded';
  input.disabled = true;
  console.error(error);
}

/** The status line, the prompt's placeholder and `body[data-need]`. */
pane.addEventListener('state', (e) => {
  const s = /** @type {CustomEvent} */ (e).detail;
  let text = `session ${sessionCount} · ${s.summary}`;
  if (s.need === 'literal') text += ` · sending a literal: ${s.literalLen} octets to go`;
  if (s.need === 'idle') text += ' · idling: type DONE to stop';
  if (s.need === 'auth') text += ' · authenticating: send base64 or *';
  status.textContent = text;
  input.placeholder = s.need === 'closed' ? 'session closed: press New session'
    : s.need === 'literal' ? 'literal content (Enter adds CRLF)'
    : s.need === 'idle' ? 'DONE' : 'a1 LOGIN alice wonderland';
  document.body.dataset.need = s.need;
});

pane.addEventListener('history', () => saveHistory(pane.history));

// A `/` command or `help` typed before the layers that answer them are
// loaded waits for them, instead of reaching the engine as IMAP.
pane.addEventListener('line', (e) => {
  const asked = /** @type {CustomEvent} */ (e);
  const line = asked.detail.real;
  if (extras === null || document.documentElement.dataset.extras === 'ready') return;
  if (!/^\s*(\/|(help|\?)(\s|$))/i.test(line)) return;
  asked.preventDefault();
  asked.detail.shown = '';
  extras.then(() => pane.run(line));
});

function openSession() {
  sessionCount += 1;
  if (sessionCount > 1) pane.term.separator(`new session ${sessionCount}`);
  pane.open();
}

function wire() {
  for (const button of /** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll('.example'))) {
    button.addEventListener('click', () => {
      pane.run(button.dataset.command ?? '');
      input.focus();
    });
  }
  newSessionButton.addEventListener('click', () => {
    openSession();
    input.focus();
  });
  // No polling: the pane sets a timer for its session's next deadline,
  // and the workbench lets it hear what other panes' commands changed.
}

async function start() {
  let mod;
  try {
    const saved = loadHistory();
    mod = await import('./pkg/playground_wasm.js');
    // The module's address comes from the page's preload link, so a build
    // that gives it a content-hashed name (cargo xtask dist) needs no
    // change here, and the preloaded response is the one used.
    const preload = /** @type {HTMLLinkElement|null} */ (document.querySelector('link[rel=preload][as=fetch][href$=".wasm"]'));
    await mod.default(preload ? { module_or_path: preload.href } : undefined);
    pg = new mod.Playground();
    useVocabulary(pg.vocabulary());
    await restoreSaved(pg);
    pane.history.push(...await saved);
    pane.historyAt = pane.history.length;
  } catch (e) {
    showLoadError(e);
    return;
  }
  try {
    openSession();
  } catch (e) {
    showLoadError(e);
    return;
  }
  document.documentElement.dataset.engine = mod.Playground.version();
  performance.mark('engine-ready');
  pane.runEarly();
  extras = installExtras(mod);
  extras.catch((e) => pane.term.line('system', `Part of the page did not load (${e && e.message ? e.message : e}); the terminal still works.`));
}

/** Loads a stylesheet beside the page's own and resolves once it applies. */
function stylesheet(href) {
  return new Promise((resolve) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL(href, import.meta.url).href;
    link.onload = link.onerror = () => resolve(undefined);
    document.head.append(link);
  });
}

/** The workbench, the teaching layer and the bridge, after the prompt. */
async function installExtras(mod) {
  const [workbench, teaching, bridging] = await Promise.all([
    import('./workbench.js'),
    import('./teach/teach.js'),
    import('./bridge.js'),
    stylesheet('./workbench.css'),
    stylesheet('./teach/teach.css'),
  ]);
  workbench.attachWorkbench({ pg, pane, openSession });
  // The bridge hears typed lines before the teaching layer: while it is
  // connected, a line is the real server's, even one that looks like help.
  bridging.installBridge({ ServerStream: mod.ServerStream, pane, status, anchor: newSessionButton });
  await teaching.installTeach({ pg, pane });
  document.documentElement.dataset.extras = 'ready';
}

applyLayout(embedOptions(new URL(location.href)));
wire();
input.disabled = false;
input.focus();
performance.mark('prompt-ready');
start();
