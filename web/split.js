// A second terminal pane on the same Playground: its own session on the
// same store, so a learner watches one session's changes reach the other
// (an APPEND or EXPUNGE in one, EXISTS/EXPUNGE in the other, at once if
// it is in IDLE).

import { Terminal } from './terminal.js';
import { lacksTag } from './commands.js';
import { installCompletion, installPaste } from './completion.js';
import { el } from './dom.js';

export class SecondPane {
  /**
   * @param {HTMLElement} parent where the pane goes
   * @param {() => any} pg the Playground
   * @param {{onClose: () => void, onFocus: () => void}} hooks
   */
  constructor(parent, pg, hooks) {
    this.pg = pg;
    this.n = 0;
    this.history = [];
    this.at = 0;
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
    this.term = new Terminal(this.scrollback);
    this.id = pg().openSession();
    this.render(pg().poll(this.id));
    this.updateStatus();
    this.form.addEventListener('submit', (e) => { e.preventDefault(); this.runTyped(); });
    this.input.addEventListener('focus', () => hooks.onFocus());
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
        e.preventDefault();
        if (!this.history.length) return;
        this.at = Math.min(this.history.length, Math.max(0, this.at + (e.key === 'ArrowUp' ? -1 : 1)));
        this.input.value = this.history[this.at]?.shown ?? '';
      } else if (e.key === 'l' && e.ctrlKey) { e.preventDefault(); this.term.clear(); }
    });
    installCompletion(this.input, this.hint, pg, () => this.id);
    installPaste(this.input, this.form);
  }

  render(lines) {
    for (const l of lines) this.term.line(l.kind, l.text, { tag: l.tag, code: l.code });
  }

  updateStatus() {
    const s = this.pg().sessionState(this.id);
    const where = s.state === 'selected' ? `${s.user} · ${s.mailbox}` : s.state === 'authenticated' ? `${s.user}` : s.state.replace('-', ' ');
    this.status.textContent = where;
    this.section.dataset.need = s.need;
    return s;
  }

  /** Shows what the other sessions' commands brought (IDLE updates). */
  pollNow() {
    try {
      const lines = this.pg().poll(this.id);
      if (lines.length) { this.render(lines); this.updateStatus(); }
    } catch { /* closed by a reset */ }
  }

  runTyped() {
    const typed = this.input.value;
    this.input.value = '';
    const recalled = this.history.find((h) => h.shown === typed);
    let real = recalled ? recalled.real : typed;
    const state = this.pg().sessionState(this.id);
    if (state.need === 'closed') {
      this.term.line('system', 'This session is closed. Close the pane and split again.');
      return;
    }
    const commandLine = state.need === 'line';
    if (commandLine) {
      if (real.trim() === '') return;
      if (lacksTag(real)) {
        this.n += 1;
        real = `B${String(this.n).padStart(4, '0')} ${real.trimStart()}`;
      }
    }
    // The façade masks credentials (the one redaction path); only its
    // `shown` text is drawn or kept.
    const sent = this.pg().sendTyped(this.id, real);
    if (sent.shown.trim() !== '' && commandLine) this.history.push({ shown: sent.shown, real });
    this.at = this.history.length;
    this.term.line(state.need === 'literal' ? 'literal' : 'client', sent.shown);
    this.render(sent.lines);
    if (sent.caret) this.term.caret(sent.shown, sent.caret.column, sent.caret.expected, sent.caret.found);
    document.dispatchEvent(new CustomEvent('playground:sent', { detail: { id: this.id } }));
    this.updateStatus();
  }

  close() {
    this.pg().closeSession(this.id);
    this.section.remove();
  }
}
