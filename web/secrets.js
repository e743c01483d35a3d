// What must not appear on screen or in the saved history: LOGIN
// passwords (commands.js) and AUTHENTICATE PLAIN credentials, which are
// only base64 of "user\0user\0password".

import { maskPassword as maskLogin } from './commands.js';

const MASK = '••••••';
const AUTH_RE = /^(\s*\S+\s+AUTHENTICATE\s+\S+\s+)(\S+)/i;

/**
 * Like commands.js's maskPassword, and also hides an AUTHENTICATE
 * initial response.
 * @param {string} line
 * @returns {{shown: string, column: (c: number) => number}}
 */
export function maskPassword(line) {
  const login = maskLogin(line);
  if (login.shown !== line) return login;
  const m = AUTH_RE.exec(line);
  if (!m || m[2] === '=') return login;
  const start = m[1].length;
  const end = start + m[2].length;
  const delta = MASK.length - m[2].length;
  return {
    shown: line.slice(0, start) + MASK + line.slice(end),
    column: (c) => (c < start ? c : c >= end ? c + delta : start),
  };
}

/**
 * The text to show for a typed line, given what the session needs:
 * command lines lose passwords, AUTHENTICATE responses (except the `*`
 * that cancels) are hidden entirely.
 */
export function maskTyped(line, need) {
  if (need === 'line') return maskPassword(line).shown;
  if (need === 'auth') return line.trim() === '*' ? line : MASK;
  return line;
}
