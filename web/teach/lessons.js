// The guided course: lessons are data (web/lessons/*.json, format in
// web/lessons/README.md); this file shows one step at a time, runs its
// commands when clicked, and checks what the learner actually did before
// moving on. Checks ask the engine: the session's state
// (Playground.sessionState) and what its transcript has told
// (Playground.facts: flags shown, the last tagged answer, OK counters,
// EXISTS), kept by the façade as it renders each line. A lesson that declares `"reset": true` starts
// from the demo data as shipped: its first step offers a button that asks
// the page (a `playground:reset-demo` event) to reset the store, then runs
// the lesson's setup.

import { rfcReference } from './rfc.js';
import { el, button } from '../dom.js';

const STORAGE_KEY = 'imap-playground:lessons';

/** Text with `code` spans, as DOM nodes (never innerHTML). */
function rich(text) {
  const p = el('p', 'lesson-text');
  text.split(/(`[^`]+`)/).forEach((part) => {
    if (part.startsWith('`') && part.endsWith('`') && part.length > 1) p.append(el('code', '', part.slice(1, -1)));
    else if (part) p.append(part);
  });
  return p;
}

/**
 * A row of buttons, one for each command, shown as typed (⏎ for a line
 * break); `data-<key>` holds the command and a click hands it to `run`.
 * @param {string[]} commands
 * @param {string} className the row's class
 * @param {string} key
 * @param {string} title
 * @param {(command: string) => void} run
 */
function commandRow(commands, className, key, title, run) {
  const row = el('div', className);
  for (const c of commands) {
    const b = button(c.replace(/\n/g, ' ⏎ '), 'lesson-command', () => run(c), title);
    b.dataset[key] = c;
    row.append(b);
  }
  return row;
}


/**
 * A session's transcript facts, as Playground.facts returns them.
 * @typedef {{exists: number|null, mailbox: string|null, flags: Record<string, string[]>,
 *            last: {command: string, status: string, code: string|null}|null,
 *            okCommands: Record<string, number>, okSearchKeys: Record<string, number>}} Facts
 */

/**
 * What the counters were when a step opened, for checks that ask "since".
 * @param {Facts} facts
 * @returns {{commands: Record<string, number>, searchKeys: Record<string, number>, exists: number|null}}
 */
export function baselineOf(facts) {
  return { commands: { ...facts.okCommands }, searchKeys: { ...facts.okSearchKeys }, exists: facts.exists };
}

/** Whether the last FETCH of message `seq` listed `flag`; undefined if none was shown. */
function hasFlag(facts, seq, flag) {
  const flags = facts.flags[String(seq)];
  return flags === undefined ? undefined : flags.some((f) => f.toLowerCase() === String(flag).toLowerCase());
}

/** A counter looked up without regard to case. */
function count(counters, name) {
  const key = Object.keys(counters).find((k) => k.toLowerCase() === String(name).toLowerCase());
  return key === undefined ? 0 : counters[key];
}

/** How many times each name occurs in a list: ["FETCH", "FETCH"] → {FETCH: 2}. */
function tally(names) {
  const counts = new Map();
  for (const name of [names].flat()) counts.set(name.toUpperCase(), (counts.get(name.toUpperCase()) ?? 0) + 1);
  return counts;
}

/**
 * Evaluates one declarative check. Returns null when it holds, else why not.
 * `words`: each state's `is` words from the engine's vocabulary (state
 * names are shown as they are without them).
 * @param {Record<string, any>} check
 * @param {{state: any, facts: Facts, baseline: ReturnType<typeof baselineOf>, words?: Record<string, string>}} now
 */
export function failing(check, { state, facts, baseline, words = {} }) {
  const reasons = [];
  for (const [kind, want] of Object.entries(check)) {
    switch (kind) {
      case 'state':
        if (state.state !== want) reasons.push(`the session is ${words[state.state] ?? state.state}, it should be ${words[want] ?? want}`);
        break;
      case 'selected':
        if (state.state !== 'selected') reasons.push(`no mailbox is selected yet; select ${want}`);
        else if (String(state.mailbox).toUpperCase() !== String(want).toUpperCase()) reasons.push(`${state.mailbox} is selected, not ${want}`);
        break;
      case 'readOnly':
        if (state.readOnly !== want) reasons.push(want ? 'the mailbox is open read-write; use EXAMINE' : 'the mailbox is open read-only; use SELECT');
        break;
      case 'flag':
      case 'noFlag': {
        const has = hasFlag(facts, want.seq, want.flag);
        if (has === undefined) reasons.push(`the server has not shown the flags of message ${want.seq} yet (STORE without .SILENT, or FETCH ${want.seq} FLAGS)`);
        else if (kind === 'flag' && !has) reasons.push(`message ${want.seq} does not have ${want.flag}`);
        else if (kind === 'noFlag' && has) reasons.push(`message ${want.seq} still has ${want.flag}`);
        break;
      }
      case 'lastCommandOk': {
        const last = facts.last;
        if (!last || last.command !== String(want).toUpperCase() || last.status !== 'OK') {
          reasons.push(last ? `the last answer was ${last.status} to ${last.command || 'a line'}, not OK to ${want}` : `run ${want} first`);
        }
        break;
      }
      case 'lastCommand': {
        const last = facts.last;
        const code = want.code ? ` [${want.code}]` : '';
        if (!last || last.command !== want.command || last.status !== want.status || (want.code && last.code !== want.code)) {
          reasons.push(`the last answer should be ${want.status}${code} to ${want.command}${last ? `; it was ${last.status}${last.code ? ` [${last.code}]` : ''} to ${last.command}` : ''}`);
        }
        break;
      }
      case 'ran': {
        for (const [n, times] of tally(want)) {
          const done = count(facts.okCommands, n) - count(baseline.commands, n);
          if (done < times) reasons.push(times === 1 ? `run ${n} (it has not answered OK in this step yet)` : `run ${n} ${times} times (${done} so far in this step)`);
        }
        break;
      }
      case 'searched': {
        for (const [key] of tally(want)) {
          const name = key === 'MESSAGE SET' ? 'message set' : key;
          if (count(facts.okSearchKeys, name) <= count(baseline.searchKeys, name)) reasons.push(`run a SEARCH that uses ${name}`);
        }
        break;
      }
      case 'arrived': {
        const now = facts.exists;
        if (now === null || baseline.exists === null || now - baseline.exists < want) reasons.push(`wait for the server to announce ${want === 1 ? 'a new message' : `${want} new messages`} with * n EXISTS`);
        break;
      }
      case 'exists':
        if (facts.exists !== want) reasons.push(`the mailbox should hold ${want} messages${facts.exists === null ? '' : `, the server last said ${facts.exists}`}`);
        break;
      case 'need':
        if (state.need !== want) reasons.push(want === 'idle' ? 'the session is not idling; run IDLE' : `the session waits for ${state.need}, not ${want}`);
        break;
      default:
        reasons.push(`unknown check ${kind}`);
    }
  }
  return reasons.length ? reasons.join('; ') : null;
}

export class Lessons {
  /**
   * @param {{box: HTMLElement, pg: any, facts: () => Facts, getSession: () => number,
   *          run: (text: string) => void, storage: Storage|null, fixed: string|null}} opts
   */
  constructor(opts) {
    this.box = opts.box;
    this.pg = opts.pg;
    this.facts = opts.facts;
    this.getSession = opts.getSession;
    this.run = opts.run;
    this.storage = opts.storage;
    this.fixed = opts.fixed;
    /** @type {Record<string, string>} each state's words, from the engine */
    this.words = Object.fromEntries(opts.pg.vocabulary().states.map((s) => [s.name, s.is]));
    /** @type {any[]} */
    this.course = [];
    this.lesson = null;
    this.step = 0;
    this.baseline = { commands: {}, searchKeys: {}, exists: undefined };
    this.progress = { current: null, steps: {}, done: [] };
    this.restored = false;
    this.pending = false;
  }

  load() {
    if (!this.storage) return;
    try {
      const saved = JSON.parse(this.storage.getItem(STORAGE_KEY) ?? 'null');
      if (saved && typeof saved === 'object') this.progress = { current: null, steps: {}, done: [], ...saved };
    } catch { /* a broken entry starts over */ }
  }

  save() {
    if (!this.storage || !this.lesson) return;
    this.progress.current = this.lesson.id;
    this.progress.steps[this.lesson.id] = this.step;
    try { this.storage.setItem(STORAGE_KEY, JSON.stringify(this.progress)); } catch { /* private mode */ }
  }

  async start() {
    try {
      const index = await (await fetch(new URL('../lessons/index.json', import.meta.url))).json();
      this.course = await Promise.all(index.lessons.map(async (id) => (await fetch(new URL(`../lessons/${id}.json`, import.meta.url))).json()));
    } catch (e) {
      this.box.replaceChildren(el('p', 'teach-hint', `The lessons could not be loaded: ${e.message ?? e}`));
      return;
    }
    this.load();
    const wanted = this.fixed ?? this.progress.current;
    const lesson = this.course.find((l) => l.id === wanted);
    if (lesson) {
      this.open(lesson, this.fixed ? 0 : Math.min(this.progress.steps[lesson.id] ?? 0, lesson.steps.length));
      this.restored = !this.fixed && this.step > 0;
      this.render();
    } else {
      this.renderCourse();
    }
  }

  open(lesson, step = 0) {
    this.lesson = lesson;
    this.step = step;
    this.markBaseline();
    this.save();
  }

  markBaseline() {
    this.baseline = baselineOf(this.facts());
  }

  /**
   * Starts the lesson from the demo data as shipped: asks the page to reset
   * the store (the workbench answers the event and opens a new session),
   * then runs the lesson's setup in that session.
   */
  startFresh(lesson) {
    const asked = new CustomEvent('playground:reset-demo', { cancelable: true });
    document.dispatchEvent(asked);
    if (!asked.defaultPrevented) {
      const status = this.box.querySelector('.lesson-status');
      if (status) status.textContent = 'This page cannot reset the demo data; the lesson runs on the mailboxes as they are.';
      return;
    }
    this.restored = false;
    for (const c of lesson.setup ?? []) this.run(c);
    this.markBaseline();
    this.render();
  }

  /** The reason the current step's check fails, or null. */
  why() {
    const step = this.lesson?.steps[this.step];
    if (!step?.check) return null;
    const facts = { state: this.pg.sessionState(this.getSession()), facts: this.facts(), baseline: this.baseline, words: this.words };
    for (const check of [step.check].flat()) {
      const reason = failing(check, facts);
      if (reason) return reason;
    }
    return null;
  }

  /** Called after every server line: refresh the step's status. */
  onActivity() {
    if (this.pending || !this.lesson) return;
    this.pending = true;
    queueMicrotask(() => { this.pending = false; this.updateStatus(false); });
  }

  updateStatus(explicit) {
    const status = this.box.querySelector('.lesson-status');
    if (!status || !this.lesson || this.step >= this.lesson.steps.length) return;
    const step = this.lesson.steps[this.step];
    const reason = this.why();
    status.classList.toggle('ok', !reason);
    status.classList.toggle('refused', Boolean(reason) && explicit);
    if (!step.check) status.textContent = 'Read, try the commands, then press Next.';
    else if (!reason) status.textContent = '✓ Done. Press Next when you are ready.';
    else if (explicit) status.textContent = `Not yet: ${reason}.${step.hint ? ` ${step.hint}` : ''}`;
    else status.textContent = step.goal ?? 'Try it in the terminal; Next checks what you did.';
  }

  next() {
    const reason = this.why();
    if (reason) {
      this.updateStatus(true);
      /** @type {HTMLElement|null} */ (this.box.querySelector('.lesson-status'))?.focus();
      return;
    }
    this.step += 1;
    if (this.step >= this.lesson.steps.length && !this.progress.done.includes(this.lesson.id)) this.progress.done.push(this.lesson.id);
    this.restored = false;
    this.markBaseline();
    this.save();
    this.render();
  }

  back() {
    if (this.step === 0) return;
    this.step -= 1;
    this.markBaseline();
    this.save();
    this.render();
  }

  /** The list of lessons. */
  renderCourse() {
    const box = this.box;
    const head = el('h2', 'teach-heading', 'Lessons');
    const intro = el('p', 'teach-hint', 'A guided course from the first LOGIN to IDLE. Each step explains, offers commands you can click, and checks what you did before moving on.');
    const list = el('ol', 'course');
    for (const lesson of this.course) {
      const li = el('li');
      const b = button('', 'course-item', () => { this.open(lesson, 0); this.render(); });
      b.dataset.lesson = lesson.id;
      const done = this.progress.done.includes(lesson.id);
      b.append(el('span', 'course-title', lesson.title), el('span', 'course-meta', done ? '✓ done' : `${lesson.steps.length} steps`));
      if (done) b.classList.add('done');
      li.append(b);
      list.append(li);
    }
    box.replaceChildren(head, intro, list);
  }

  render() {
    const { lesson } = this;
    if (!lesson) { this.renderCourse(); return; }
    const n = lesson.steps.length;
    const index = this.course.indexOf(lesson);
    const head = el('div', 'lesson-head');
    const toCourse = button('☰ Lessons', 'lesson-course', () => { this.lesson = null; this.renderCourse(); });
    const title = el('h2', 'teach-heading lesson-title', lesson.title);
    title.id = 'lesson-title';
    head.append(title, toCourse);
    const meta = el('p', 'lesson-meta', `Lesson ${index + 1} of ${this.course.length} · step ${Math.min(this.step + 1, n)} of ${n}`);
    const bar = el('div', 'lesson-progress');
    bar.setAttribute('role', 'progressbar');
    bar.setAttribute('aria-valuemin', '0');
    bar.setAttribute('aria-valuemax', String(n));
    bar.setAttribute('aria-valuenow', String(this.step));
    bar.setAttribute('aria-labelledby', 'lesson-title');
    const fill = el('span', 'lesson-progress-fill');
    fill.style.width = `${Math.round((100 * this.step) / n)}%`;
    bar.append(fill);
    const parts = [head, meta, bar];

    if (this.step >= n) {
      const done = el('div', 'lesson-step lesson-done');
      done.append(el('h3', 'step-title', 'Lesson complete ✓'), rich(lesson.done ?? 'Well done. Pick the next lesson when you are ready.'));
      const following = this.course[index + 1];
      const actions = el('div', 'lesson-actions');
      actions.append(button('Start over', 'lesson-back', () => { this.open(lesson, 0); this.render(); }));
      if (following) {
        actions.append(button(`Next lesson: ${following.title}`, 'lesson-next', () => { this.open(following, 0); this.render(); }));
      }
      done.append(actions);
      parts.push(done);
      this.box.replaceChildren(...parts);
      this.box.dataset.lesson = lesson.id;
      this.box.dataset.step = String(this.step);
      return;
    }

    const step = lesson.steps[this.step];
    const body = el('div', 'lesson-step');
    body.append(el('h3', 'step-title', step.title));
    for (const t of [step.text].flat()) body.append(rich(t));
    if (step.rfc) body.append(rfcReference(step.rfc));
    if (this.step === 0 && lesson.reset) {
      body.append(button('Start from fresh demo data', 'lesson-fresh', () => this.startFresh(lesson),
        'Resets every mailbox to the demo data and opens a new session, so the numbers in this lesson match'));
    }
    if (this.restored && lesson.setup?.length) {
      body.append(button('Catch up: the page was reloaded, run the lesson’s setup again', 'lesson-catchup',
        () => { this.restored = false; for (const c of lesson.setup) this.run(c); this.render(); }));
    }
    if (step.commands?.length) {
      body.append(commandRow(step.commands, 'lesson-commands', 'command', 'Run this command', (c) => this.run(c)));
    }
    if (step.otherPane?.length) {
      // Commands for the second session: the split pane runs them when it
      // hears the event (it opens itself if needed).
      body.append(el('p', 'lesson-other-label', 'In the second session (Split):'));
      body.append(commandRow(step.otherPane, 'lesson-commands lesson-other', 'otherCommand', 'Run this command in the second session',
        (c) => document.dispatchEvent(new CustomEvent('playground:run-other', { detail: { text: c } }))));
    }
    const status = el('p', 'lesson-status');
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    status.tabIndex = -1;
    body.append(status);
    const actions = el('div', 'lesson-actions');
    const back = button('Back', 'lesson-back', () => this.back());
    back.disabled = this.step === 0;
    actions.append(back, button(this.step + 1 === n ? 'Finish' : 'Next', 'lesson-next', () => this.next()));
    body.append(actions);
    parts.push(body);
    this.box.replaceChildren(...parts);
    this.box.dataset.lesson = lesson.id;
    this.box.dataset.step = String(this.step);
    this.updateStatus(false);
  }
}
