// The playground page: loads the wasm engine, opens a session, and wires
// the terminal, the examples and the session controls together.

import { Terminal } from './terminal.js';
import { Tagger, lacksTag } from './commands.js';
import { attachWorkbench, restoreSaved, savedHistory, saveHistory, maskPassword, maskTyped } from './workbench.js';
import { installTeach } from './teach/teach.js';
import { installBridge } from './bridge.js';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const scrollback = $('scrollback');
const input = /** @type {HTMLInputElement} */ ($('input'));
const form = $('prompt');
const status = $('status');
const newSessionButton = $('new-session');
const term = new Terminal(scrollback);
const encoder = new TextEncoder();
const tagger = new Tagger();

/** @type {any} the wasm Playground */
let pg = null;
/** The teaching layer (help, explanations, lessons, share); see web/teach/. */
let teach = null;
/** The bridge to real servers (/connect, /disconnect), once the engine is loaded. */
let bridge = null;
/** The current session id. */
let session = 0;
/** Sessions opened so far, for the separator label. */
let sessionCount = 0;
/** Typed lines, newest last: {shown, real}. `shown` hides LOGIN passwords. */
const history = savedHistory;
/** Position while browsing history; history.length means "the new line". */
let historyAt = history.length;
/** The line being typed before the learner started browsing history. */
let draft = '';

function showLoadError(error) {
  $('load-error-message').textContent = String(error && error.message ? error.message : error);
  $('load-error').hidden = false;
  status.textContent = 'engine not loaded';
  input.disabled = true;
  console.error(error);
}

function render(lines) {
  for (const l of lines) term.line(l.kind, l.text, { tag: l.tag, code: l.code });
}

function updateStatus() {
  const s = pg.sessionState(session);
  let text = `session ${sessionCount} · `;
  if (s.state === 'not-authenticated') text += 'not logged in';
  else if (s.state === 'authenticated') text += `${s.user} · no mailbox selected`;
  else if (s.state === 'selected') text += `${s.user} · ${s.mailbox} (${s.readOnly ? 'read-only' : 'read-write'})`;
  else text += 'logged out';
  if (s.need === 'literal') text += ` · sending a literal: ${s.literalLen} octets to go`;
  if (s.need === 'idle') text += ' · idling: type DONE to stop';
  if (s.need === 'auth') text += ' · authenticating: send base64 or *';
  status.textContent = text;
  input.placeholder = s.need === 'closed' ? 'session closed: press New session'
    : s.need === 'literal' ? 'literal content (Enter adds CRLF)'
    : s.need === 'idle' ? 'DONE' : 'a1 LOGIN alice wonderland';
  document.body.dataset.need = s.need;
  return s;
}

function openSession() {
  if (session) pg.closeSession(session);
  session = pg.openSession();
  sessionCount += 1;
  if (sessionCount > 1) term.separator(`new session ${sessionCount}`);
  render(pg.poll(session));
  updateStatus();
}

/** Sends one typed line; `real` goes to the engine, `shown` to the screen. */
function submit(shownTyped, realTyped) {
  const state = pg.sessionState(session);
  if (state.need === 'closed') {
    term.line('system', 'This session is closed. Press “New session” to start another.');
    return;
  }
  let real = realTyped;
  let shown = shownTyped;
  let commandLine = false;
  if (state.need === 'line') {
    commandLine = true;
    if (real.trim() === '') return;
    if (lacksTag(real)) {
      const tag = tagger.next();
      real = `${tag} ${real.trimStart()}`;
      shown = `${tag} ${shown.trimStart()}`;
    }
  }
  const masked = commandLine ? maskPassword(real) : { shown, column: (c) => c };
  term.line(state.need === 'literal' ? 'literal' : 'client', masked.shown);
  const lines = pg.send(session, encoder.encode(`${real}\r\n`));
  render(lines);
  if (commandLine && lines.some((l) => l.kind === 'bad')) {
    const problem = pg.checkLine(real);
    if (problem) term.caret(masked.shown, masked.column(problem.column), problem.expected, problem.found);
  }
  const after = updateStatus();
  if (after.need === 'closed') term.line('system', 'The server closed the connection. Press “New session” to start another.');
}

function remember(shown, real) {
  if (shown.trim() !== '' && history.at(-1)?.shown !== shown) history.push({ shown, real });
  historyAt = history.length;
  draft = '';
  saveHistory(history);
}

function runTyped() {
  const shownTyped = input.value;
  // A recalled LOGIN shows a masked password; send the real one.
  const recalled = history.find((h) => h.shown === shownTyped);
  const realTyped = recalled ? recalled.real : shownTyped;
  input.value = '';
  const state = pg.sessionState(session);
  const masked = maskTyped(realTyped, state.need);
  remember(masked, realTyped);
  if (bridge?.intercept(realTyped, masked)) return;
  if (teach?.intercept(realTyped, state)) return;
  try {
    submit(masked, realTyped);
  } catch (e) {
    term.line('system', `The engine failed: ${e && e.message ? e.message : e}`);
    console.error(e);
  }
}

function browseHistory(step) {
  if (history.length === 0) return;
  if (historyAt === history.length) draft = input.value;
  historyAt = Math.min(history.length, Math.max(0, historyAt + step));
  input.value = historyAt === history.length ? draft : history[historyAt].shown;
  requestAnimationFrame(() => input.setSelectionRange(input.value.length, input.value.length));
}

function wire() {
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    runTyped();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowUp') { e.preventDefault(); browseHistory(-1); }
    else if (e.key === 'ArrowDown') { e.preventDefault(); browseHistory(1); }
    else if (e.key === 'Escape') { input.value = ''; historyAt = history.length; }
    else if (e.key === 'l' && e.ctrlKey) { e.preventDefault(); term.clear(); }
  });
  for (const button of document.querySelectorAll('.example')) {
    button.addEventListener('click', () => {
      input.value = button.dataset.command ?? '';
      runTyped();
      input.focus();
    });
  }
  newSessionButton.addEventListener('click', () => {
    openSession();
    input.focus();
  });
  // Clicking the transcript focuses the prompt, unless the learner is selecting text.
  scrollback.addEventListener('click', () => {
    if (String(window.getSelection() ?? '') === '') input.focus();
  });
  // Updates from other sessions (IDLE) and the autologout timer.
  setInterval(() => {
    if (!pg || !session) return;
    try {
      const lines = pg.poll(session);
      if (lines.length) { render(lines); updateStatus(); }
    } catch (e) { console.error(e); }
  }, 1000);
}

async function start() {
  let mod;
  try {
    mod = await import('./pkg/playground_wasm.js');
    // The module's address comes from the page's preload link, so a build
    // that gives it a content-hashed name (cargo xtask dist) needs no
    // change here, and the preloaded response is the one used.
    const preload = document.querySelector('link[rel=preload][as=fetch][href$=".wasm"]');
    await mod.default(preload ? { module_or_path: preload.href } : undefined);
    pg = new mod.Playground();
    await restoreSaved(pg);
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
  input.disabled = false;
  attachWorkbench({ pg, term, input, form, tagger, render, updateStatus, openSession, session: () => session });
  teach = installTeach({ pg, Teacher: mod.Teacher, term, getSession: () => session, input, run: (line) => { input.value = line; runTyped(); } });
  bridge = installBridge({ ServerStream: mod.ServerStream, term, input, status, tagger, anchor: newSessionButton, onLocal: updateStatus });
  input.focus();
}

wire();
start();
