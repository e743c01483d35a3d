// What the terminal needs to know about IMAP commands, kept small: the page
// must not second-guess the engine, only help the learner type. The command
// names come from the engine's vocabulary (imap-syntax's table, through
// Playground.vocabulary), never from a list of the page's own.

/** First words of the commands the engine knows (`UID FETCH` gives `UID`). */
let names = new Set();

/** Learns the command names from the engine's vocabulary; main.js calls it once. */
export function useVocabulary(vocabulary) {
  names = new Set(vocabulary.commands.map((c) => String(c.name).split(' ')[0].toUpperCase()));
}

/** Whether the first word of `line` is a command name (so it has no tag). */
export function lacksTag(line) {
  const first = line.trimStart().split(/\s+/, 1)[0] ?? '';
  return names.has(first.toUpperCase());
}

/** Tags a pane hands out: A0001, A0002, … (B0001 … in Split's second pane). */
export class Tagger {
  constructor(prefix = 'A') {
    this.prefix = prefix;
    this.n = 0;
  }

  next() {
    this.n += 1;
    return `${this.prefix}${String(this.n).padStart(4, '0')}`;
  }
}
