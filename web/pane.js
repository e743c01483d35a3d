// One terminal pane: a session of the engine with its scrollback, prompt,
// history, tags and literal state. The main terminal and Split's second one
// are both a TerminalPane; what differs (the status line, saving the
// history) listens to its events.
//
// Events (each a CustomEvent on the pane):
//   `line`    {real, state, shown}: a typed line, before the engine sees it.
//             Cancelable: a listener that answers the line itself (the
//             bridge, `help`) calls preventDefault() and may set `shown`,
//             the text the history keeps.
//   `typed`   {shown, need}: a line sent to the engine, as the façade's
//             redactor showed it (credentials masked).
//   `state`   the session's state (Playground.sessionState), after every
//             change: a new session, a command, news from a poll.
//   `history` the history changed (main.js saves it).
//   `early`   {count}: a line was typed before the pane's session opened
//             (the engine still loading); it waits, in memory only, and
//             runs once `runEarly()` is called.
// After each exchange the pane also sends `playground:sent` {id} on the
// document, which the workbench and the other pane listen to.

import { Terminal } from './terminal.js';
import { Tagger, lacksTag } from './commands.js';

const encoder = new TextEncoder();

/** @typedef {{shown: string, real: string}} HistoryEntry */

export class TerminalPane extends EventTarget {
  /**
   * @param {{pg: () => any, scrollback: HTMLElement, input: HTMLInputElement, form: HTMLFormElement,
   *          tagger?: Tagger, history?: HistoryEntry[], closedHint?: string}} opts
   *   `history`: lines saved by an earlier visit (shown text only);
   *   `closedHint`: what to do when the session has closed.
   */
  constructor(opts) {
    super();
    this.pg = opts.pg;
    this.input = opts.input;
    this.form = opts.form;
    this.tagger = opts.tagger ?? new Tagger();
    this.closedHint = opts.closedHint ?? 'Press “New session” to start another.';
    this.term = new Terminal(opts.scrollback);
    /**
     * Typed lines, newest last. `shown` is what the façade's redactor
     * returned; `real` lives in this tab's memory only, so ↑ can send a
     * recalled line again.
     * @type {HistoryEntry[]}
     */
    this.history = opts.history ?? [];
    /** Position while browsing history; history.length means "the new line". */
    this.historyAt = this.history.length;
    /** The line being typed before the learner started browsing history. */
    this.draft = '';
    /** The session id; 0 before open(). */
    this.id = 0;
    /** The timer for the session's next deadline (autologout). */
    this.timer = 0;
    /** Lines typed before the session opened, oldest first (see `runEarly`). */
    this.early = [];

    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.runTyped();
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowUp' && !e.altKey) { e.preventDefault(); this.browse(-1); }
      else if (e.key === 'ArrowDown' && !e.altKey) { e.preventDefault(); this.browse(1); }
      else if (e.key === 'Escape') { this.input.value = ''; this.historyAt = this.history.length; }
      else if (e.key === 'l' && e.ctrlKey) { e.preventDefault(); this.term.clear(); }
    });
    // Clicking the transcript focuses the prompt, unless the learner is selecting text.
    opts.scrollback.addEventListener('click', () => {
      if (String(window.getSelection() ?? '') === '') this.input.focus();
    });
  }

  /** Opens a new session (closing the pane's last one) and shows its greeting. */
  open() {
    if (this.id) this.pg().closeSession(this.id);
    this.id = this.pg().openSession();
    this.render(this.pg().poll(this.id));
    this.state();
  }

  /** Closes the pane's session. */
  close() {
    clearTimeout(this.timer);
    if (this.id) this.pg().closeSession(this.id);
    this.id = 0;
  }

  /** Shows lines from the façade. */
  render(lines) {
    for (const l of lines) this.term.line(l.kind, l.text, { tag: l.tag, code: l.code, context: l.context });
  }

  /**
   * The session's state, announced to listeners (`state` event). Every
   * exchange ends here, so this is also where the pane sets its timer for
   * the session's next deadline (Playground.nextTimeout): no polling.
   */
  state() {
    const s = this.pg().sessionState(this.id);
    this.schedule();
    this.dispatchEvent(new CustomEvent('state', { detail: s }));
    return s;
  }

  /** Wakes the pane when the engine says something is due (autologout). */
  schedule() {
    clearTimeout(this.timer);
    this.timer = 0;
    if (!this.id) return;
    const due = this.pg().nextTimeout(this.id);
    if (due === undefined) return;
    // setTimeout's longest wait is about 24 days; a later deadline is
    // looked at again then.
    const wait = Math.min(Math.max(0, due - Date.now()), 2 ** 31 - 1);
    this.timer = setTimeout(() => this.poll(), wait);
  }

  /**
   * Shows what is due (an autologout BYE) and what other sessions' commands
   * brought (IDLE news). The pane calls it when its timer fires; the
   * workbench, after another pane's exchange.
   */
  poll() {
    if (!this.id) return;
    try {
      const lines = this.pg().poll(this.id);
      if (lines.length) this.render(lines);
      this.state();
    } catch (e) { console.error(e); }
  }

  /** Runs the lines typed before the session opened, in order. */
  runEarly() {
    for (const line of this.early.splice(0)) this.run(line);
  }

  /** Runs `line` as if typed. */
  run(line) {
    this.input.value = line;
    this.runTyped();
  }

  /** Takes the prompt's line: to a listener that answers it, else to the engine. */
  runTyped() {
    if (!this.id) {
      // The engine is still loading: the line waits for it. It is not
      // shown (only the façade's redactor may show a typed line).
      const line = this.input.value;
      this.input.value = '';
      if (line.trim() === '') return;
      this.early.push(line);
      this.dispatchEvent(new CustomEvent('early', { detail: { count: this.early.length } }));
      return;
    }
    const typedText = this.input.value;
    // A recalled line shows masked credentials; send the real ones.
    const recalled = this.history.find((h) => h.shown === typedText);
    const real = recalled ? recalled.real : typedText;
    this.input.value = '';
    const state = this.pg().sessionState(this.id);
    const asked = new CustomEvent('line', { cancelable: true, detail: { real, state, shown: null } });
    this.dispatchEvent(asked);
    if (asked.defaultPrevented) {
      this.remember(asked.detail.shown ?? real, real);
      return;
    }
    try {
      const shown = this.submit(real, state);
      if (shown !== null) this.remember(shown, real);
    } catch (e) {
      this.term.line('system', `The engine failed: ${e && e.message ? e.message : e}`);
      console.error(e);
    }
  }

  /**
   * Sends one line to the engine. The façade's `sendTyped` returns the line
   * as it may be shown (credentials masked: the one redaction path, in
   * Rust), the answers and any caret; nothing else of the line is shown or
   * kept. Returns the shown text (without an added tag), or null.
   */
  submit(realTyped, state) {
    if (state.need === 'closed') {
      this.term.line('system', `This session is closed. ${this.closedHint}`);
      return null;
    }
    let real = realTyped;
    let tag = '';
    if (state.need === 'line') {
      if (real.trim() === '') return null;
      if (lacksTag(real)) {
        tag = this.tagger.next();
        real = `${tag} ${real.trimStart()}`;
      }
    }
    const typed = this.pg().sendTyped(this.id, real);
    // `need` is what the session waited for when the line was typed (it has
    // answered by now): the teaching layer reads it.
    this.term.line(state.need === 'literal' ? 'literal' : 'client', typed.shown, { need: state.need });
    this.render(typed.lines);
    if (typed.caret) this.term.caret(typed.shown, typed.caret.column, typed.caret.expected, typed.caret.found);
    this.dispatchEvent(new CustomEvent('typed', { detail: { shown: typed.shown, need: state.need } }));
    this.sent();
    if (this.state().need === 'closed') this.term.line('system', `The server closed the connection. ${this.closedHint}`);
    return tag && typed.shown.startsWith(`${tag} `) ? typed.shown.slice(tag.length + 1) : typed.shown;
  }

  /**
   * Sends a command the page built (the APPEND composer), with its literal
   * when the server asks for it. Returns false, sending nothing, when the
   * session is in the middle of something else.
   */
  sendCommand(line, literal) {
    if (this.pg().sessionState(this.id).need !== 'line') return false;
    const full = `${this.tagger.next()} ${line}`;
    this.term.line('client', full);
    this.render(this.pg().send(this.id, encoder.encode(`${full}\r\n`)));
    if (literal !== undefined && this.pg().sessionState(this.id).need === 'literal') {
      this.term.line('literal', literal);
      this.render(this.pg().send(this.id, encoder.encode(`${literal}\r\n`)));
    }
    this.sent();
    this.state();
    return true;
  }

  /** Tells the rest of the page that this session exchanged something. */
  sent() {
    document.dispatchEvent(new CustomEvent('playground:sent', { detail: { id: this.id } }));
  }

  remember(shown, real) {
    if (shown.trim() !== '' && this.history.at(-1)?.shown !== shown) this.history.push({ shown, real });
    this.historyAt = this.history.length;
    this.draft = '';
    this.dispatchEvent(new CustomEvent('history'));
  }

  browse(step) {
    if (this.history.length === 0) return;
    if (this.historyAt === this.history.length) this.draft = this.input.value;
    this.historyAt = Math.min(this.history.length, Math.max(0, this.historyAt + step));
    this.input.value = this.historyAt === this.history.length ? this.draft : this.history[this.historyAt].shown;
    requestAnimationFrame(() => this.input.setSelectionRange(this.input.value.length, this.input.value.length));
  }
}
