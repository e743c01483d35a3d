// A second terminal pane on the same Playground: its own session on the
// same store, so a learner watches one session's changes reach the other
// (an APPEND or EXPUNGE in one, EXISTS/EXPUNGE in the other, at once if
// it is in IDLE).

import { TerminalPane } from './pane.js';
import { Tagger } from './commands.js';
import { installCompletion, installPaste } from './completion.js';
import { el } from './dom.js';

export class SecondPane {
  /**
   * @param {HTMLElement} parent where the pane goes
   * @param {() => any} pg the Playground
   * @param {{onClose: () => void, onFocus: () => void}} hooks
   */
  constructor(parent, pg, hooks) {
    const section = el('section', 'terminal pane');
    section.setAttribute('aria-label', 'Second IMAP terminal');
    const bar = el('div', 'term-bar');
    this.status = el('span', 'status');
    this.status.setAttribute('aria-live', 'polite');
    const badge = el('span', 'idle-badge', 'IDLE');
    badge.title = 'This session is idling: type DONE to stop';
    const close = el('button', 'bar-button', 'Close');
    close.type = 'button';
    close.addEventListener('click', () => hooks.onClose());
    const left = el('div', 'bar-left');
    left.append(el('span', 'pane-name', 'Second session'), this.status, badge);
    bar.append(left, close);
    this.scrollback = el('div', 'scrollback');
    this.scrollback.setAttribute('role', 'log');
    this.scrollback.setAttribute('aria-live', 'polite');
    this.scrollback.setAttribute('aria-label', 'Transcript of session 2');
    this.form = el('form', 'prompt');
    this.form.autocomplete = 'off';
    const sign = el('span', 'prompt-sign', 'C:');
    sign.setAttribute('aria-hidden', 'true');
    this.input = el('input', 'input');
    this.input.id = 'input2';
    this.input.type = 'text';
    this.input.setAttribute('aria-label', 'IMAP command for session 2');
    for (const a of ['autocomplete', 'autocapitalize', 'autocorrect']) this.input.setAttribute(a, 'off');
    this.input.spellcheck = false;
    this.form.append(sign, this.input);
    this.hint = el('div', 'completion-hint');
    this.hint.setAttribute('role', 'status');
    this.hint.hidden = true;
    section.append(bar, this.scrollback, this.hint, this.form);
    parent.append(section);
    this.section = section;
    this.pane = new TerminalPane({
      pg,
      scrollback: this.scrollback,
      input: this.input,
      form: this.form,
      tagger: new Tagger('B'),
      closedHint: 'Close the pane and split again.',
    });
    this.pane.addEventListener('state', (e) => {
      const s = /** @type {CustomEvent} */ (e).detail;
      this.status.textContent = s.summary;
      this.section.dataset.need = s.need;
    });
    this.input.addEventListener('focus', () => hooks.onFocus());
    installCompletion(this.input, this.hint, pg, () => this.pane.id);
    installPaste(this.input, this.form);
    this.pane.open();
  }

  /** The second session's id. */
  get id() {
    return this.pane.id;
  }

  /** Shows what the other sessions' commands brought (IDLE updates). */
  pollNow() {
    this.pane.poll();
  }

  /** Runs `line` as if typed in this pane. */
  run(line) {
    this.pane.run(line);
  }

  close() {
    this.pane.close();
    this.section.remove();
  }
}
