// Long server output (a FETCH with a big literal) is folded: the first
// lines stay visible and the rest opens with a native <details>, so the
// scrollback stays readable and keyboard users can expand it.

/** Fold lines with more than this many lines… */
export const FOLD_LINES = 12;
/** …or more than this many characters. */
export const FOLD_CHARS = 1024;
/** Lines kept visible above the expander. */
const HEAD_LINES = 4;

/**
 * Puts `text` into `el`, folding it when long.
 * @param {HTMLElement} el
 * @param {string} text with \n line breaks
 */
export function fillLine(el, text) {
  const lines = text.split('\n');
  if (lines.length <= FOLD_LINES && text.length <= FOLD_CHARS) {
    el.textContent = text;
    return;
  }
  const headLines = lines.slice(0, HEAD_LINES);
  let head = headLines.join('\n');
  if (head.length > 400) head = head.slice(0, 400);
  const rest = text.slice(head.length);
  const bytes = new TextEncoder().encode(text).length;
  el.classList.add('folded');
  el.dataset.full = 'folded';
  const details = document.createElement('details');
  details.className = 'fold';
  const summary = document.createElement('summary');
  const hidden = rest.split('\n').length;
  summary.textContent = `${hidden} more lines (${bytes.toLocaleString('en')} bytes in all)`;
  const body = document.createElement('span');
  body.className = 'fold-body';
  body.textContent = rest;
  details.append(summary, body);
  el.append(head, details);
}
