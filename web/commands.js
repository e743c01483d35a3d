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
