// The teaching layer of the page: explanations of server lines, the `help`
// terminal command, the lessons panel, the Share link and the embed
// options. main.js hands it the engine and the main pane with one call,
// installTeach(); it follows the pane through its events, and everything
// else lives in web/teach/.
//
// The words shown come from the teaching layer's own wasm module,
// crates/playground-teach, the one home of the teaching prose (explain(),
// flagMeanings() and helpText()), fetched with this file once the engine
// is ready; this file only places them on the page.

import initTeach, { explain as explainLine, flagMeanings } from '../pkg/playground_teach.js';
import { helpFor, isHelp } from './help.js';
import { Lessons } from './lessons.js';
import { shareLink, readReplay } from './share.js';
import { embedOptions, applyEmbed, loadMbox } from './embed-mode.js';
import { el } from '../dom.js';
import { SERVER_KINDS } from '../terminal.js';

/**
 * Wires the teaching layer into a running page.
 * @param {{pg: any, pane: import('../pane.js').TerminalPane}} ctx
 */
export async function installTeach(ctx) {
  // The module comes after the engine, so the prompt never waits for it.
  await initTeach();
  const meanings = flagMeanings();
  const { pg, pane } = ctx;
  const term = pane.term;
  const getSession = () => pane.id;
  const scrollback = term.scrollback;
  const layout = document.querySelector('.layout') ?? document.body;
  const options = embedOptions(new URL(location.href));

  // --- where things go ----------------------------------------------------
  // The explanation is a drawer docked under the scrollback of the main
  // terminal. The lessons share the side column with the mailbox inspector
  // (tabs) when the workbench made one, else they get a column of their own.
  const explainBox = el('section', 'explain');
  explainBox.id = 'explain';
  explainBox.hidden = true;
  explainBox.setAttribute('aria-labelledby', 'explain-heading');
  const explainHead = el('div', 'explain-head');
  const explainHeading = el('h2', 'teach-heading', 'What this line means');
  explainHeading.id = 'explain-heading';
  const explainClose = el('button', 'explain-close', '×');
  explainClose.type = 'button';
  explainClose.setAttribute('aria-label', 'Close the explanation');
  explainHead.append(explainHeading, explainClose);
  const explainBody = el('div', 'explain-body');
  explainBody.id = 'explain-body';
  explainBody.setAttribute('aria-live', 'polite');
  explainBox.append(explainHead, explainBody);
  const form = scrollback.parentElement?.querySelector('form') ?? null;
  if (form) form.before(explainBox); else scrollback.after(explainBox);

  const lessonBox = el('section', 'lesson');
  lessonBox.id = 'lesson';
  lessonBox.setAttribute('aria-label', 'Lesson');
  const side = layout.querySelector('.side');
  /** Shows the lesson tab (when lessons share the side column). */
  let showLessons = () => {};
  const panel = el('aside', 'teach-panel');
  if (side) {
    const tabs = el('div', 'side-tabs');
    tabs.setAttribute('role', 'tablist');
    tabs.setAttribute('aria-label', 'Side panel');
    const others = /** @type {HTMLElement[]} */ ([...side.children]);
    const lessonTab = el('button', 'side-tab', 'Lessons');
    const otherTab = el('button', 'side-tab', 'Inspector');
    lessonTab.id = 'tab-lessons';
    otherTab.id = 'tab-inspector';
    /** @type {[HTMLButtonElement, string][]} */
    const tabList = [[lessonTab, 'lesson'], [otherTab, others[0]?.id || 'inspector']];
    for (const [tab, controls] of tabList) {
      tab.type = 'button';
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-controls', controls);
    }
    lessonBox.setAttribute('role', 'tabpanel');
    lessonBox.setAttribute('aria-labelledby', 'tab-lessons');
    panel.append(lessonBox);
    side.prepend(tabs, panel);
    tabs.append(lessonTab, otherTab);
    const select = (lessonsOn) => {
      lessonTab.setAttribute('aria-selected', String(lessonsOn));
      otherTab.setAttribute('aria-selected', String(!lessonsOn));
      lessonTab.tabIndex = lessonsOn ? 0 : -1;
      otherTab.tabIndex = lessonsOn ? -1 : 0;
      panel.hidden = !lessonsOn;
      for (const o of others) o.hidden = lessonsOn;
      try { localStorage.setItem('imap-playground:side-tab', lessonsOn ? 'lessons' : 'inspector'); } catch { /* private mode */ }
    };
    lessonTab.addEventListener('click', () => select(true));
    otherTab.addEventListener('click', () => select(false));
    tabs.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
        const on = lessonTab.getAttribute('aria-selected') !== 'true';
        select(on);
        (on ? lessonTab : otherTab).focus();
      }
    });
    let saved = null;
    try { saved = localStorage.getItem('imap-playground:side-tab'); } catch { /* private mode */ }
    select(saved === 'lessons' || Boolean(options.lesson));
    showLessons = () => select(true);
  } else {
    panel.append(lessonBox);
    layout.append(panel);
    layout.classList.add('has-teach');
  }

  // --- following the transcript -------------------------------------------
  // The façade follows each session's transcript itself (Facts, in Rust):
  // every server line arrives with `context` (the message count, mailbox
  // and command just before it), and lessons read Playground.facts.
  let typedSession = getSession();
  /** Lines typed in this session, as shown (credentials masked), for Share. */
  let typed = [];
  let lessons = null;
  /** The text of each server line as received (folded lines show less). */
  const rawText = new WeakMap();

  function freshSession() {
    if (getSession() !== typedSession) {
      typedSession = getSession();
      typed = [];
    }
  }

  // Every line the terminal shows, through its events; the lines shown
  // before this layer was loaded (the greeting, a first command) are read
  // back from the terminal's records, in order.
  const follow = (record) => {
    try {
      observe(record.node, record.kind, record.text, record.meta);
    } catch (e) {
      console.error(e);
    }
  };
  for (const node of scrollback.querySelectorAll('.line')) {
    const record = term.record(node);
    if (!record) continue;
    follow(record);
    // What was typed before, as shown (masked), for Share.
    const need = record.meta.need;
    if ((record.kind === 'client' || record.kind === 'literal') && (need === 'line' || need === 'literal')) typed.push(record.text);
  }
  term.addEventListener('line', (e) => follow(/** @type {CustomEvent} */ (e).detail));

  function observe(node, kind, text, meta) {
    if (meta.echo) return;
    freshSession();
    if (!SERVER_KINDS.has(kind)) return;
    const context = meta.context ?? {};
    if (context.exists !== null && context.exists !== undefined) node.dataset.exists = String(context.exists);
    if (context.mailbox) node.dataset.mailbox = context.mailbox;
    if (context.command) node.dataset.command = context.command;
    node.tabIndex = -1;
    node.classList.add('explainable');
    node.title = 'Click to explain this line';
    rawText.set(node, text);
    lessons?.onActivity();
  }

  // --- explanations --------------------------------------------------------
  let current = null;

  function explain(node) {
    const text = rawText.get(node) ?? node.textContent ?? '';
    const ex = explainLine(
      text,
      node.dataset.exists === undefined ? undefined : Number(node.dataset.exists),
      node.dataset.mailbox ?? undefined,
      node.dataset.command ?? undefined,
    );
    current?.classList.remove('explained');
    current?.removeAttribute('aria-describedby');
    if (current) current.tabIndex = -1;
    current = node;
    node.classList.add('explained');
    node.tabIndex = 0;
    node.setAttribute('aria-describedby', 'explain-body');
    const quote = el('pre', 'explain-quote', text.split('\n')[0].slice(0, 300));
    const title = el('h3', 'explain-title', ex.title);
    /** @type {HTMLElement[]} */
    const body = [quote, title];
    for (const p of ex.paragraphs) body.push(el('p', 'explain-p', p));
    if (ex.terms.length) {
      const dl = el('dl', 'explain-terms');
      for (const t of ex.terms) dl.append(el('dt', '', t.term), el('dd', '', t.meaning));
      body.push(dl);
    }
    explainBody.replaceChildren(...body);
    explainBox.hidden = false;
    explainBox.scrollTop = 0;
    // The drawer takes room from the scrollback: keep the line in view.
    node.scrollIntoView({ block: 'nearest' });
  }

  function closeExplanation() {
    explainBox.hidden = true;
    current?.classList.remove('explained');
    current?.removeAttribute('aria-describedby');
    current?.focus({ preventScroll: true });
  }
  explainClose.addEventListener('click', closeExplanation);
  explainBox.addEventListener('keydown', (e) => { if (e.key === 'Escape') closeExplanation(); });

  function explainable() {
    return /** @type {HTMLElement[]} */ ([...scrollback.querySelectorAll('.explainable')]);
  }

  scrollback.addEventListener('click', (e) => {
    const node = /** @type {HTMLElement|null} */ (/** @type {HTMLElement} */ (e.target)?.closest?.('.explainable'));
    if (!node || String(window.getSelection() ?? '') !== '') return;
    e.stopPropagation();
    explain(node);
    node.focus({ preventScroll: true });
  }, true);
  scrollback.addEventListener('focusin', (e) => {
    const node = /** @type {HTMLElement} */ (e.target);
    if (node.classList?.contains('explainable') && node !== current) explain(node);
  });
  scrollback.addEventListener('keydown', (e) => {
    const node = /** @type {HTMLElement} */ (e.target);
    if (!node.classList?.contains('explainable')) return;
    const all = explainable();
    const at = all.indexOf(node);
    let next = null;
    if (e.key === 'ArrowDown') next = all[at + 1];
    else if (e.key === 'ArrowUp') next = all[at - 1];
    else if (e.key === 'Home') next = all[0];
    else if (e.key === 'End') next = all.at(-1);
    else if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); explain(node); return; }
    else if (e.key === 'Escape') { if (!explainBox.hidden) closeExplanation(); else pane.input.focus(); return; }
    else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey) { pane.input.focus(); return; }
    if (next) { e.preventDefault(); next.focus(); }
  });
  // Alt+ArrowUp in the prompt jumps to the newest server line.
  pane.input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowUp' && e.altKey) {
      e.preventDefault();
      e.stopImmediatePropagation();
      explainable().at(-1)?.focus();
    }
  }, true);

  // --- help and the lesson commands -----------------------------------------
  function runLines(text) {
    for (const line of text.split('\n')) pane.run(line);
    pane.input.focus();
  }

  function showHelp(line) {
    const state = pg.sessionState(getSession());
    const node = helpFor(line, { ...pg.vocabulary(), flagMeanings: meanings }, state, runLines);
    const echo = term.line('client', line.trim(), { echo: true });
    echo.classList.add('line-help-echo');
    term.append(node);
  }

  // --- Share ----------------------------------------------------------------
  const bar = document.querySelector('.term-bar');
  const shareButton = el('button', 'share-button', 'Share');
  shareButton.type = 'button';
  shareButton.id = 'share';
  shareButton.title = 'Copy a link that replays this session’s commands';
  const shareOut = el('input', 'share-link');
  shareOut.id = 'share-link';
  shareOut.readOnly = true;
  shareOut.hidden = true;
  shareOut.setAttribute('aria-label', 'Link that replays this session');
  shareButton.addEventListener('click', async () => {
    const link = shareLink(location.href, typed);
    shareOut.value = link;
    shareOut.hidden = false;
    shareOut.select();
    try { await navigator.clipboard?.writeText(link); shareButton.textContent = 'Link copied'; } catch { shareButton.textContent = 'Share'; }
    setTimeout(() => { shareButton.textContent = 'Share'; }, 2500);
  });
  // Beside the other session tools when the workbench made a row of them.
  const tools = bar?.querySelector('.bar-tools');
  const newSession = tools?.querySelector('#new-session');
  if (newSession) newSession.before(shareButton);
  else if (bar) bar.append(shareButton);
  if (bar) bar.append(shareOut);

  // What the main pane sent to the engine, as the façade's redactor showed it.
  pane.addEventListener('typed', (e) => {
    const { shown, need } = /** @type {CustomEvent} */ (e).detail ?? {};
    if (typeof shown === 'string' && (need === 'line' || need === 'literal')) typed.push(shown);
  });

  // --- lessons --------------------------------------------------------------
  lessons = new Lessons({
    box: lessonBox,
    pg,
    facts: () => pg.facts(getSession()),
    getSession,
    run: runLines,
    storage: options.embed ? null : window.localStorage,
    fixed: options.lesson,
  });

  // `help` is answered here and never reaches the engine.
  pane.addEventListener('line', (e) => {
    const asked = /** @type {CustomEvent} */ (e);
    if (asked.defaultPrevented) return;
    freshSession();
    const { real, state } = asked.detail;
    if (state?.need === 'line' && isHelp(real)) {
      asked.preventDefault();
      showHelp(real);
    }
  });

  // --- start: embed options, an mbox fixture, replayed commands ------------
  applyEmbed(options, panel);
  if (options.lesson) showLessons();
  (async () => {
    if (options.mbox) {
      try {
        const { imported, errors } = await loadMbox(pg, options.mbox, options.mboxUser);
        term.line('system', `Loaded ${imported} messages from ${options.mbox} into ${options.mboxUser}'s INBOX.`);
        for (const why of errors) term.line('system', `${options.mbox}: ${why}`);
      } catch (e) {
        term.line('system', `Could not load the mailbox fixture ${options.mbox}: ${e.message ?? e}`);
      }
    }
    await lessons.start();
    const replay = readReplay(location.hash) ?? options.commands;
    if (replay && replay.length) {
      term.line('system', `Replaying ${replay.length} command lines…`);
      for (const line of replay) pane.run(line);
    }
    if (options.readOnly) pane.input.disabled = true;
    document.documentElement.dataset.teach = 'ready';
  })();
}
