// What the terminal needs to know about IMAP commands, kept small: the page
// must not second-guess the engine, only help the learner type.

/** Command names, so a line starting with one is known to lack a tag. */
export const COMMAND_NAMES = new Set([
  'CAPABILITY', 'NOOP', 'LOGOUT', 'STARTTLS', 'AUTHENTICATE', 'LOGIN',
  'SELECT', 'EXAMINE', 'CREATE', 'DELETE', 'RENAME', 'SUBSCRIBE', 'UNSUBSCRIBE',
  'LIST', 'LSUB', 'STATUS', 'APPEND', 'CHECK', 'CLOSE', 'UNSELECT', 'EXPUNGE',
  'SEARCH', 'FETCH', 'STORE', 'COPY', 'MOVE', 'UID', 'IDLE', 'NAMESPACE', 'ID', 'ENABLE',
]);

/** Whether the first word of `line` is a command name (so it has no tag). */
export function lacksTag(line) {
  const first = line.trimStart().split(/\s+/, 1)[0] ?? '';
  return COMMAND_NAMES.has(first.toUpperCase());
}

/** Tags the terminal hands out: A0001, A0002, … */
export class Tagger {
  constructor() { this.n = 0; }
  next() {
    this.n += 1;
    return `A${String(this.n).padStart(4, '0')}`;
  }
}

const MASK = '••••••';

// An astring as the learner types it: a quoted string or a run of non-space.
const ASTRING = String.raw`(?:"(?:[^"\\]|\\.)*"|\S+)`;
const LOGIN_RE = new RegExp(String.raw`^(\s*\S+\s+LOGIN\s+${ASTRING}\s+)(${ASTRING})`, 'i');

/**
 * Hides the password of a LOGIN line. Returns the text to show and a
 * function mapping a column of the real line to the shown one.
 * @param {string} line
 * @returns {{shown: string, column: (c: number) => number}}
 */
export function maskPassword(line) {
  const m = LOGIN_RE.exec(line);
  if (!m) return { shown: line, column: (c) => c };
  const start = m[1].length;
  const end = start + m[2].length;
  const shown = line.slice(0, start) + MASK + line.slice(end);
  const delta = MASK.length - m[2].length;
  return {
    shown,
    column: (c) => (c < start ? c : c >= end ? c + delta : start),
  };
}
