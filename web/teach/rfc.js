// A small reference to the RFC section that states a rule, shown under
// help entries and lesson steps: "RFC 3501 §6.4.5", linked to the text.

/**
 * @param {string} rfc such as "3501 §6.4.5"
 * @returns {HTMLElement}
 */
export function rfcReference(rfc) {
  const m = /^(\d+) §([\d.]+)$/.exec(rfc);
  const a = document.createElement('a');
  a.className = 'rfc-ref';
  a.textContent = `RFC ${rfc}`;
  if (m) {
    a.href = `https://www.rfc-editor.org/rfc/rfc${m[1]}#section-${m[2]}`;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
  }
  a.title = 'Where the protocol states this rule';
  const p = document.createElement('p');
  p.className = 'rfc-line';
  p.append(a);
  return p;
}
