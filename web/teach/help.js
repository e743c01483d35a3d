// The terminal's `help` command. It is answered by the page, never sent to
// the engine: `help`, `/help`, `help NAME`, `help fetch ITEM`,
// `help search KEY`, `help flags`. Syntax and states come from the
// engine's vocabulary; the prose from the teaching module's help.json
// (crates/playground-teach/help.json, the one home of the teaching prose).

import { helpText } from '../pkg/playground_teach.js';
import { rfcReference } from './rfc.js';
import { el } from '../dom.js';

/**
 * @typedef {{summary: string, detail?: string, examples?: string[], rfc: string, answer?: string}} HelpEntry
 * @typedef {{commands: Record<string, HelpEntry>, fetch: Record<string, string>, search: Record<string, string>,
 *   status: Record<string, string>, list: Record<string, string>, store: Record<string, string>,
 *   tables: Record<string, string>}} HelpProse
 */

/** @type {HelpProse|undefined} */
let prose;

/**
 * The help prose, parsed on first use (the teaching module is initialised
 * by then: teach.js does it before it answers anything).
 * @returns {HelpProse}
 */
export function helpProse() {
  prose ??= /** @type {HelpProse} */ (JSON.parse(helpText()));
  return prose;
}

/** Whether a typed line is a help request rather than IMAP. */
export function isHelp(line) {
  return /^\s*(\/help|help|\?)(\s|$)/i.test(line);
}

/** A state's words from the engine's vocabulary: `when` (after "allowed"). */
function stateWhen(vocab, name) {
  return vocab.states.find((s) => s.name === name)?.when ?? name;
}

function exampleButton(command, run) {
  const b = el('button', 'help-example', command.replace(/\n/g, ' ⏎ '));
  b.type = 'button';
  b.dataset.command = command;
  b.title = 'Run this command';
  b.addEventListener('click', (e) => { e.stopPropagation(); run(command); });
  return b;
}

/** Finds the vocabulary word a FETCH item name refers to ("BODY[TEXT]" → "BODY["). */
function fetchKey(word) {
  const w = word.toUpperCase();
  if (w.startsWith('BODY.PEEK[') || w === 'BODY.PEEK') return 'BODY.PEEK[';
  if (w.startsWith('BODY[')) return 'BODY[';
  return w;
}

/** The example help shows for a FETCH item: macros stand alone, items go in a list. */
export function fetchExample(item) {
  return ['ALL', 'FAST', 'FULL'].includes(item.name) ? `FETCH 1 ${item.example}` : `FETCH 1 (${item.example})`;
}

function table(rows) {
  const dl = el('dl', 'help-items');
  for (const [term, meaning] of rows) dl.append(el('dt', '', term), el('dd', '', meaning));
  return dl;
}

function commandEntry(info, vocab, run) {
  const node = el('section', 'help-entry');
  node.dataset.help = info.name;
  const entry = helpProse().commands[info.name] ?? helpProse().commands[info.name.split(' ')[0]];
  node.append(el('h3', 'help-title', info.name));
  node.append(el('code', 'help-syntax', info.syntax));
  node.append(el('p', 'help-states', `Allowed ${info.states.map((s) => stateWhen(vocab, s)).join(' or ')}.`));
  if (entry) {
    node.append(el('p', 'help-summary', entry.summary));
    if (entry.detail) node.append(el('p', 'help-detail', entry.detail));
    if (entry.rfc) node.append(rfcReference(entry.rfc));
  }
  const base = info.name.replace(/^UID /, '');
  if (base === 'FETCH') {
    node.append(el('h4', '', 'Items'));
    node.append(table(vocab.fetchItems.map((w) => [w.syntax, helpProse().fetch[w.name] ?? ''])));
    node.append(el('h4', '', 'Sections inside BODY[…]'));
    node.append(table(vocab.sectionWords.map((w) => [w.syntax, w.example])));
  } else if (base === 'SEARCH') {
    node.append(el('h4', '', 'Search keys'));
    node.append(table([['1:10, 2,4 …', helpProse().search['message set']], ...vocab.searchKeys.map((w) => [w.syntax, helpProse().search[w.name] ?? ''])]));
  } else if (base === 'STORE') {
    node.append(el('h4', '', 'Items'));
    node.append(table(vocab.storeItems.map((w) => [w, helpProse().store[w] ?? ''])));
    node.append(el('h4', '', 'System flags'));
    node.append(table(vocab.systemFlags.map((f) => [f, vocab.flagMeanings[f] ?? ''])));
  } else if (base === 'STATUS') {
    node.append(el('h4', '', 'Items'));
    node.append(table(vocab.statusItems.map((w) => [w, helpProse().status[w] ?? ''])));
  } else if (base === 'LIST') {
    node.append(el('h4', '', 'Options (LIST-EXTENDED)'));
    node.append(table(Object.entries(helpProse().list)));
  }
  const examples = entry?.examples?.length ? entry.examples : [info.example.replace(/^\S+\s+/, '')];
  const ex = el('div', 'help-examples');
  ex.append(el('span', 'help-label', 'Try: '));
  for (const e of examples) ex.append(exampleButton(e, run));
  node.append(ex);
  return node;
}

/** The prose's name for each kind of word's table (its RFC section is in `tables`). */
const WORD_TABLE = { FETCH: 'fetch', SEARCH: 'search', STATUS: 'status', STORE: 'store', flag: 'flags' };

function wordEntry(kind, name, syntax, meaning, example, run) {
  const node = el('section', 'help-entry');
  node.dataset.help = `${kind} ${name}`;
  node.append(el('h3', 'help-title', `${kind} ${syntax}`));
  node.append(el('p', 'help-summary', meaning));
  const rfc = helpProse().tables[WORD_TABLE[kind]];
  if (rfc) node.append(rfcReference(rfc));
  if (example) {
    const ex = el('div', 'help-examples');
    ex.append(el('span', 'help-label', 'Try: '));
    ex.append(exampleButton(example, run));
    node.append(ex);
  }
  return node;
}

/**
 * Builds the answer to a help line as a scrollback element.
 * @param {string} line what was typed, such as "help fetch"
 * @param {any} vocab Playground.vocabulary()
 * @param {{state: string}} state Playground.sessionState()
 * @param {(command: string) => void} run runs an example
 */
export function helpFor(line, vocab, state, run) {
  const root = el('div', 'line line-help');
  root.dataset.kind = 'help';
  root.setAttribute('role', 'note');
  const args = line.trim().split(/\s+/).slice(1);
  const query = args.join(' ').toUpperCase();
  const byName = new Map(vocab.commands.map((c) => [c.name, c]));

  if (args.length === 0) {
    const now = vocab.commands.filter((c) => c.states.includes('any') || c.states.includes(state.state));
    root.append(el('h3', 'help-title', `Commands you can use now (${stateWhen(vocab, state.state)})`));
    const list = el('ul', 'help-list');
    for (const c of now) {
      const li = el('li');
      const b = exampleButton(`help ${c.name}`, run);
      b.classList.add('help-topic');
      b.textContent = c.name;
      li.append(b, el('span', 'help-one', (helpProse().commands[c.name] ?? helpProse().commands[c.name.split(' ')[0]])?.summary.split(/(?<=\.)\s/)[0] ?? c.syntax));
      list.append(li);
    }
    root.append(list);
    if (now.length === 0) root.append(el('p', '', 'None: the session is closed. Press “New session”.'));
    root.append(el('p', 'help-foot', 'Type help NAME for one command (help FETCH), help fetch ITEM, help search KEY, or help flags. Every command line starts with a tag of your choice, such as a1.'));
    return root;
  }

  const entries = [];
  if (byName.has(query)) entries.push(commandEntry(byName.get(query), vocab, run));
  else if (query === 'UID') entries.push(commandEntry({ name: 'UID', states: ['selected'], syntax: 'UID FETCH|SEARCH|STORE|COPY|MOVE|EXPUNGE …', example: 'a1 UID FETCH 1:* (UID FLAGS)' }, vocab, run));

  const [first, ...rest] = args.map((a) => a.toUpperCase());
  const word = rest.join(' ');
  if (!entries.length && first === 'FETCH' && word) {
    const w = vocab.fetchItems.find((i) => i.name === fetchKey(word));
    if (w) entries.push(wordEntry('FETCH', w.name, w.syntax, helpProse().fetch[w.name], fetchExample(w), run));
  }
  if (!entries.length && first === 'SEARCH' && word) {
    const w = vocab.searchKeys.find((k) => k.name === word);
    if (w) entries.push(wordEntry('SEARCH', w.name, w.syntax, helpProse().search[w.name], `SEARCH ${w.example}`, run));
    else if (/^(MESSAGE SET|SET|[\d*][\d:,*]*)$/.test(word)) entries.push(wordEntry('SEARCH', 'message set', '1:10', helpProse().search['message set'], 'SEARCH 1:10 UNSEEN', run));
  }
  if (!entries.length && (first === 'FLAGS' || first === 'FLAG') && args.length === 1) {
    const node = el('section', 'help-entry');
    node.append(el('h3', 'help-title', 'System flags'), table(vocab.systemFlags.map((f) => [f, vocab.flagMeanings[f] ?? ''])), rfcReference(helpProse().tables.flags));
    node.append(el('p', 'help-detail', 'Any other word without a backslash, such as $Todo, is a keyword a client may invent when PERMANENTFLAGS shows \\*.'));
    entries.push(node);
  }
  if (!entries.length) {
    // A bare word: any FETCH item, SEARCH key, STATUS or STORE item of that name.
    const f = vocab.fetchItems.find((i) => i.name === fetchKey(query));
    if (f) entries.push(wordEntry('FETCH', f.name, f.syntax, helpProse().fetch[f.name], fetchExample(f), run));
    const s = vocab.searchKeys.find((k) => k.name === query);
    if (s) entries.push(wordEntry('SEARCH', s.name, s.syntax, helpProse().search[s.name], `SEARCH ${s.example}`, run));
    if (helpProse().status[query]) entries.push(wordEntry('STATUS', query, query, helpProse().status[query], `STATUS INBOX (${query})`, run));
    if (helpProse().store[query]) entries.push(wordEntry('STORE', query, `${query} (flags)`, helpProse().store[query], null, run));
    const flag = vocab.systemFlags.find((x) => x.toUpperCase() === query || x.slice(1).toUpperCase() === query);
    if (flag) entries.push(wordEntry('flag', flag, flag, `A message with ${flag} is ${vocab.flagMeanings[flag]}.`, null, run));
  }
  if (!entries.length) {
    root.append(el('p', 'help-summary', `No help for “${args.join(' ')}”. Type help for the list of commands.`));
    return root;
  }
  root.append(...entries);
  return root;
}
