// The DOM console: a scrollback of lines, each tagged with its kind so CSS
// colours it and tests can find it. No knowledge of IMAP beyond the kinds.
//
// Other parts of the page follow the transcript through events, never by
// wrapping methods: each line() dispatches a `line` event whose detail is
// {node, kind, text, meta}, and record(node) gives the same for a line
// shown before a listener was there (the page loads some layers late).

import { fillLine } from './fold.js';

/** Kinds of line the scrollback shows. Server kinds come from the wasm façade. */
export const SERVER_KINDS = new Set(['untagged', 'continuation', 'ok', 'no', 'bad', 'bye', 'preauth', 'unparsed']);

export class Terminal extends EventTarget {
  /** @type {WeakMap<HTMLElement, LineRecord>} */
  #records = new WeakMap();

  /** @param {HTMLElement} scrollback the role="log" element */
  constructor(scrollback) {
    super();
    this.scrollback = scrollback;
  }

  /**
   * What line() was given for a node it made, or undefined.
   * @param {Element} node
   * @returns {LineRecord|undefined}
   */
  record(node) {
    return this.#records.get(/** @type {HTMLElement} */ (node));
  }

  /**
   * Appends one line.
   * @param {string} kind 'client' | 'literal' | 'system' | a server kind
   * @param {string} text the line; may hold line breaks (literals)
   * @param {LineRecord['meta']} [meta] (web/events.d.ts) `tag` and `code` of
   *   a server line and its `context`; `need`: what the session waited for
   *   when a client line was typed; `echo`: a line the terminal itself
   *   answers (help), not IMAP
   * @returns {HTMLElement}
   */
  line(kind, text, meta = {}) {
    const el = document.createElement('div');
    el.className = `line line-${kind}`;
    el.dataset.kind = kind;
    if (SERVER_KINDS.has(kind)) {
      el.classList.add('line-server');
      if (meta.tag) el.classList.add('tagged');
    }
    if (meta.tag) el.dataset.tag = meta.tag;
    if (meta.code) el.dataset.code = meta.code;
    fillLine(el, text.replace(/\r\n/g, '\n'));
    this.append(el);
    const record = { node: el, kind, text, meta };
    this.#records.set(el, record);
    this.dispatchEvent(new CustomEvent('line', { detail: record }));
    return el;
  }

  /**
   * Shows where a typed line went wrong: the line, a caret under `column`,
   * and what the parser expected and found.
   */
  caret(lineText, column, expected, found) {
    const el = document.createElement('div');
    el.className = 'line line-caret';
    el.dataset.kind = 'caret';
    const src = document.createElement('span');
    src.className = 'caret-source';
    src.textContent = lineText;
    const mark = document.createElement('span');
    mark.className = 'caret-mark';
    mark.setAttribute('aria-hidden', 'true');
    mark.textContent = `${' '.repeat(Math.max(0, column))}^`;
    const why = document.createElement('span');
    why.className = 'caret-why';
    why.textContent = `column ${column + 1}: expected ${expected}${found ? `, found ${found}` : ''}`;
    el.append(src, '\n', mark, '\n', why);
    this.append(el);
    return el;
  }

  /** Appends a separator with a label, e.g. between sessions. */
  separator(label) {
    const el = document.createElement('div');
    el.className = 'line line-separator';
    el.dataset.kind = 'separator';
    el.textContent = label;
    this.append(el);
  }

  append(el) {
    const nearBottom = this.scrollback.scrollHeight - this.scrollback.scrollTop - this.scrollback.clientHeight < 80;
    this.scrollback.append(el);
    if (nearBottom) this.scrollback.scrollTop = this.scrollback.scrollHeight;
  }

  clear() {
    this.scrollback.replaceChildren();
  }
}
