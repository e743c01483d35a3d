// The workbench around the terminal: Tab completion, multi-line paste,
// the mailbox inspector, a second session pane (Split), the APPEND
// composer, persistence (IndexedDB), import/export and Reset. main.js
// loads it after the prompt is ready and calls attachWorkbench(); the
// store saved by an earlier visit was restored before (persist.js).

import { put, remove, debounce, restoreNote } from './persist.js';
import { installCompletion, installPaste } from './completion.js';
import { Inspector } from './inspector.js';
import { SecondPane } from './split.js';
import { createComposer } from './composer.js';
import { importFile, download, transcript } from './importexport.js';
import { el, button } from './dom.js';

/**
 * @param {{pg: any, pane: import('./pane.js').TerminalPane, openSession: () => void}} ctx
 *   `pane`: the main terminal; `openSession`: main.js's New session.
 */
export function attachWorkbench(ctx) {
  const { pg } = ctx;
  const main = ctx.pane;
  const { term, input, form } = main;
  const mainSession = () => main.id;
  const getPg = () => pg;
  const layout = document.querySelector('.layout');
  const mainTerm = document.querySelector('.terminal');
  layout.classList.add('wb');
  mainTerm.classList.add('main');

  // The terminals column: the main pane and, after Split, a second one.
  const terms = el('div', 'terms');
  mainTerm.before(terms);
  terms.append(mainTerm);

  // Completion hint and IDLE badge for the main pane.
  const hint = el('div', 'completion-hint');
  hint.id = 'completion-hint';
  hint.setAttribute('role', 'status');
  hint.hidden = true;
  form.before(hint);
  installCompletion(input, hint, getPg, mainSession);
  installPaste(input, form);
  const bar = mainTerm.querySelector('.term-bar');
  const status = bar.querySelector('.status');
  const left = el('div', 'bar-left');
  status.before(left);
  const badge = el('span', 'idle-badge', 'IDLE');
  badge.id = 'idle-badge';
  badge.title = 'This session is idling: updates arrive as they happen; type DONE to stop';
  left.append(status, badge);
  const tools = el('div', 'bar-tools');
  const newSession = bar.querySelector('#new-session');
  newSession.before(tools);
  tools.append(newSession);

  // The side column: inspector and data tools.
  const side = el('div', 'side');
  layout.append(side);
  const inspectorBox = el('aside');
  inspectorBox.id = 'inspector';
  side.append(inspectorBox);
  const inspector = new Inspector(inspectorBox, getPg, {
    onPick(name) {
      const target = pane && active === 'pane' ? pane.input : input;
      target.value = `SELECT ${pg.quoteMailbox(name)}`;
      target.focus();
    },
  });
  let active = 'main';
  const followMain = () => { active = 'main'; inspector.follow(mainSession, 'main terminal'); };
  followMain();
  input.addEventListener('focus', () => { if (active !== 'main') followMain(); });

  // Split: a second pane with its own session.
  /** @type {SecondPane|null} */
  let pane = null;
  const splitButton = button('Split', 'bar-button', () => {
    if (pane) { closePane(); return; }
    pane = new SecondPane(terms, getPg, {
      onClose: closePane,
      onFocus() { active = 'pane'; inspector.follow(() => pane?.id ?? 0, 'second terminal'); },
    });
    terms.classList.add('split');
    layout.classList.add('split-mode');
    splitButton.textContent = 'Unsplit';
    splitButton.setAttribute('aria-pressed', 'true');
    pane.input.focus();
  }, 'Open a second session on the same mailboxes, side by side');
  splitButton.id = 'split';
  splitButton.setAttribute('aria-pressed', 'false');
  function closePane() {
    if (!pane) return;
    pane.close();
    pane = null;
    terms.classList.remove('split');
    layout.classList.remove('split-mode');
    splitButton.textContent = 'Split';
    splitButton.setAttribute('aria-pressed', 'false');
    input.focus();
    followMain();
  }

  // The APPEND composer (on the main session).
  const composer = createComposer({
    defaultFrom: () => '',
    send(line, literal) {
      if (!main.sendCommand(line, literal)) {
        term.line('system', 'Finish the current command first (the session is waiting for something else).');
        return;
      }
      input.focus();
    },
  });
  const composeButton = button('APPEND…', 'bar-button', () => composer.open(), 'Compose a message and APPEND it with a literal');
  composeButton.id = 'compose';
  tools.prepend(splitButton, composeButton);

  // Persistence: the store after every command (debounced), the history by main.js.
  let saves = 0;
  const saveStore = debounce(async () => {
    try {
      await put('store', pg.snapshot());
      saves += 1;
      document.documentElement.dataset.saves = String(saves);
    } catch (e) { console.error(e); }
  }, 300);

  // After every command of any session (each sender announces it with a
  // `playground:sent` event): the other pane hears IDLE news, the
  // inspector redraws, the store is saved.
  document.addEventListener('playground:sent', (e) => {
    const id = e.detail?.id;
    queueMicrotask(() => {
      // Every other pane hears the news (IDLE updates) at once.
      if (pane && id !== pane.id) pane.pollNow();
      if (id !== main.id) main.poll();
      inspector.refresh('command');
      saveStore();
    });
  });

  // Data tools.
  const data = el('section', 'data-tools');
  data.setAttribute('aria-labelledby', 'data-heading');
  const dh = el('h2', null, 'Your data');
  dh.id = 'data-heading';
  const where = el('div', 'data-where');
  const userSel = el('select');
  userSel.id = 'import-user';
  userSel.setAttribute('aria-label', 'User');
  for (const u of ['alice', 'bob']) userSel.append(new Option(u, u));
  const mbox = el('input');
  mbox.id = 'import-mailbox';
  mbox.value = 'INBOX';
  mbox.setAttribute('aria-label', 'Mailbox');
  const pick = el('input');
  pick.type = 'file';
  pick.id = 'import-file';
  pick.multiple = true;
  pick.accept = '.eml,.mbox,message/rfc822,application/mbox';
  pick.className = 'visually-hidden';
  const pickLabel = el('label', 'bar-button file-button', 'Import .eml / .mbox…');
  pickLabel.htmlFor = 'import-file';
  where.append(el('span', 'data-label', 'Mailbox'), userSel, el('span', null, '/'), mbox);
  const drop = el('div', 'drop-zone');
  drop.append(pick, pickLabel, el('span', 'drop-hint', 'or drop files here'));
  const progress = el('progress');
  progress.id = 'import-progress';
  progress.max = 1;
  progress.value = 0;
  progress.hidden = true;
  const msg = el('p', 'data-msg');
  msg.id = 'data-msg';
  msg.setAttribute('role', 'status');
  const row = el('div', 'data-buttons');
  row.append(
    button('Export mailbox (.mbox)', 'bar-button', () => {
      try {
        const bytes = pg.exportMbox(userSel.value, mbox.value);
        download(`${userSel.value}-${mbox.value.replace(/[^\w.-]+/g, '_')}.mbox`, bytes, 'application/mbox');
        msg.textContent = `Exported ${userSel.value}'s ${mbox.value}.`;
      } catch (e) { msg.textContent = e.message; msg.className = 'data-msg error'; }
    }),
    button('Save transcript', 'bar-button', () => {
      download('imap-transcript.txt', transcript(document.getElementById('scrollback')), 'text/plain');
    }),
    button('Reset demo data', 'bar-button danger', resetDemo),
  );
  function resetDemo() {
    if (pane) { pane.section.remove(); pane = null; terms.classList.remove('split'); layout.classList.remove('split-mode'); splitButton.textContent = 'Split'; splitButton.setAttribute('aria-pressed', 'false'); }
    pg.resetDemo();
    ctx.openSession();
    followMain();
    remove('store');
    term.line('system', 'The demo mailboxes are back as they were; every session was closed.');
    msg.className = 'data-msg';
    msg.textContent = 'Demo data restored.';
    input.focus();
  }
  // Lessons ask through events (web/teach/lessons.js): reset the demo data
  // (answered with preventDefault, so the lesson knows it happened), and
  // run lines in the second session, opening it first if needed.
  document.addEventListener('playground:reset-demo', (e) => { e.preventDefault(); resetDemo(); });
  document.addEventListener('playground:run-other', (e) => {
    if (!pane) splitButton.click();
    if (!pane) return;
    for (const line of String(e.detail?.text ?? '').split('\n')) pane.run(line);
  });
  row.querySelector('.danger').id = 'reset';
  data.append(dh, where, drop, progress, msg, row);
  const guide = document.querySelector('.guide');
  (guide ?? side).append(data);

  const syncUser = () => {
    const s = pg.sessionState(mainSession());
    if (s.user && [...userSel.options].some((o) => o.value === s.user)) userSel.value = s.user;
  };
  async function runImport(files) {
    syncUser();
    msg.className = 'data-msg';
    progress.hidden = false;
    progress.value = 0;
    let imported = 0;
    const errors = [];
    for (const file of files) {
      msg.textContent = `Importing ${file.name}…`;
      const r = await importFile(pg, userSel.value, mbox.value, file, (done, total) => {
        progress.value = total ? done / total : 1;
      });
      imported += r.imported;
      errors.push(...r.errors.map((e) => `${file.name}: ${e}`));
    }
    progress.value = 1;
    msg.textContent = `${imported} message${imported === 1 ? '' : 's'} imported into ${userSel.value}'s ${mbox.value}.`
      + (errors.length ? ` ${errors.length} problem${errors.length > 1 ? 's' : ''}: ${errors.slice(0, 3).join(' ')}${errors.length > 3 ? ' …' : ''}` : '');
    if (errors.length) msg.className = 'data-msg error';
    document.documentElement.dataset.imports = String(Number(document.documentElement.dataset.imports ?? 0) + 1);
    inspector.refresh('command');
    saveStore();
  }
  pick.addEventListener('change', () => { if (pick.files?.length) runImport([...pick.files]).finally(() => { pick.value = ''; }); });
  for (const t of [drop, inspectorBox]) {
    t.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
    t.addEventListener('dragleave', () => drop.classList.remove('over'));
    t.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      if (e.dataTransfer?.files?.length) runImport([...e.dataTransfer.files]);
    });
  }

  const note = restoreNote();
  if (note) term.line('system', note);
  window.addEventListener('pagehide', () => saveStore.flush());
  return { inspector };
}
