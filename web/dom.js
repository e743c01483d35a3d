// Element helpers for every part of the page, in one place.

/**
 * Creates an element with a class and optional text.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [className]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * A `type="button"` button that calls `onClick`.
 * @param {string} text
 * @param {string} className
 * @param {(e: MouseEvent) => void} onClick
 * @param {string} [title]
 * @returns {HTMLButtonElement}
 */
export function button(text, className, onClick, title) {
  const b = el('button', className, text);
  b.type = 'button';
  if (title) b.title = title;
  b.addEventListener('click', onClick);
  return b;
}
