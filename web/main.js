// The playground page: loads the wasm engine, opens a session, and wires
// the terminal, the examples and the session controls together.

//
// Only what the first prompt needs is imported here: the terminal, the
// tagger, persistence and the engine. The workbench, the teaching layer and
// the bridge are loaded once the prompt is ready (see `extras`), so the
// first download stays small; they find the lines already shown through
// the terminal's `line` events and its record of each line.

import { Terminal } from './terminal.js';
import { Tagger, lacksTag, useVocabulary } from './commands.js';
import { restoreSaved, loadHistory, saveHistory } from './persist.js';
import { embedOptions, applyLayout } from './options.js';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const scrollback = $('scrollback');
const input = /** @type {HTMLInputElement} */ ($('input'));
const form = /** @type {HTMLFormElement} */ ($('prompt'));
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
/** Settles when the workbench, the teaching layer and the bridge are installed. */
let extras = null;
/** The current session id. */
let session = 0;
/** Sessions opened so far, for the separator label. */
let sessionCount = 0;
/**
 * Typed lines, newest last: {shown, real}. `shown` is what the façade's
 * redactor returned (credentials masked); only it is ever saved. `real`
 * lives in this tab's memory so ↑ can send a recalled line again.
 */
const history = [];
/** Position while browsing history; history.length means "the new line". */
let historyAt = 0;
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

/**
 * Sends one typed line to the engine. The façade's `sendTyped` returns the
 * line as it may be shown (credentials masked: the one redaction path, in
 * Rust), the answers and any caret; nothing else of the line is shown or
 * kept. Returns the shown text (without an added tag), or null.
 */
function submit(realTyped) {
  const state = pg.sessionState(session);
  if (state.need === 'closed') {
    term.line('system', 'This session is closed. Press “New session” to start another.');
    return null;
  }
  let real = realTyped;
  let tag = '';
  if (state.need === 'line') {
    if (real.trim() === '') return null;
    if (lacksTag(real)) {
      tag = tagger.next();
      real = `${tag} ${real.trimStart()}`;
    }
  }
  const typed = pg.sendTyped(session, real);
  // `need` is what the session waited for when the line was typed (it has
  // answered by now): the teaching layer reads it.
  term.line(state.need === 'literal' ? 'literal' : 'client', typed.shown, { need: state.need });
  render(typed.lines);
  if (typed.caret) term.caret(typed.shown, typed.caret.column, typed.caret.expected, typed.caret.found);
  document.dispatchEvent(new CustomEvent('playground:typed', { detail: { shown: typed.shown, need: state.need } }));
  document.dispatchEvent(new CustomEvent('playground:sent', { detail: { id: session } }));
  const after = updateStatus();
  if (after.need === 'closed') term.line('system', 'The server closed the connection. Press “New session” to start another.');
  return tag && typed.shown.startsWith(`${tag} `) ? typed.shown.slice(tag.length + 1) : typed.shown;
}

function remember(shown, real) {
  if (shown.trim() !== '' && history.at(-1)?.shown !== shown) history.push({ shown, real });
  historyAt = history.length;
  draft = '';
  saveHistory(history);
}

/** A line that a later layer answers (a `/` command, help) before it is there. */
function waitsForExtras(line) {
  return extras !== null && (bridge === null || teach === null) && /^\s*(\/|(help|\?)(\s|$))/i.test(line);
}

function runTyped() {
  if (waitsForExtras(input.value)) {
    const line = input.value;
    input.value = '';
    extras.then(() => { input.value = line; runTyped(); });
    return;
  }
  const typedText = input.value;
  // A recalled line shows masked credentials; send the real ones.
  const recalled = history.find((h) => h.shown === typedText);
  const realTyped = recalled ? recalled.real : typedText;
  input.value = '';
  const state = pg.sessionState(session);
  // The bridge (when connected) and terminal commands take the line first.
  const forwarded = bridge?.intercept(realTyped);
  if (typeof forwarded === 'string') {
    remember(forwarded, realTyped);
    return;
  }
  if (teach?.intercept(realTyped, state)) {
    remember(realTyped, realTyped);
    return;
  }
  try {
    const shown = submit(realTyped);
    if (shown !== null) remember(shown, realTyped);
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
  for (const button of /** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll('.example'))) {
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
    history.push(...await saved);
    historyAt = history.length;
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
  input.focus();
  performance.mark('prompt-ready');
  extras = installExtras(mod);
  extras.catch((e) => term.line('system', `Part of the page did not load (${e && e.message ? e.message : e}); the terminal still works.`));
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
  workbench.attachWorkbench({ pg, term, input, form, tagger, render, updateStatus, openSession, session: () => session });
  teach = teaching.installTeach({ pg, Teacher: mod.Teacher, term, getSession: () => session, input, run: (line) => { input.value = line; runTyped(); } });
  bridge = bridging.installBridge({ ServerStream: mod.ServerStream, term, input, status, tagger, anchor: newSessionButton, onLocal: updateStatus });
  document.documentElement.dataset.extras = 'ready';
}

applyLayout(embedOptions(new URL(location.href)));
wire();
start();
