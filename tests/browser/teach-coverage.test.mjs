// Every command, search key and fetch item of the course brief has help
// text and is used by some lesson; the lesson files are well-formed. Plain
// Node, no browser: it reads crates/playground-teach/help.json and
// web/lessons/*.json.
//
// The brief is read from ../shared/brief/imap-commands.txt beside the
// repository (as in CI), else from the copy in this folder.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const briefPath = [join(repo, '..', 'shared', 'brief', 'imap-commands.txt'), join(here, 'brief-imap-commands.txt')]
  .find((p) => existsSync(p));
const HELP = JSON.parse(readFileSync(join(repo, 'crates', 'playground-teach', 'help.json'), 'utf8'));
const { commands: COMMAND_HELP, fetch: FETCH_HELP, search: SEARCH_HELP, status: STATUS_HELP, store: STORE_HELP } = HELP;
// What the flags mean comes from the teaching layer's wasm module (the
// words its explanations use too), as cargo xtask built it into target/pkg.
const pkg = join(repo, 'target', 'pkg');
const teach = await import(join(pkg, 'playground_teach.js'));
await teach.default({ module_or_path: readFileSync(join(pkg, 'playground_teach_bg.wasm')) });
const FLAG_MEANINGS = teach.flagMeanings();

/** The brief's commands, search keys, fetch items, STATUS and STORE items and flags. */
export function parseBrief(text) {
  const lines = text.split(/\r?\n/);
  const commands = [];
  const searchKeys = [];
  const fetchItems = [];
  const statusItems = [];
  const storeItems = [];
  const flags = [];
  let region = 'none';
  for (const line of lines) {
    if (/^Commands:/.test(line)) region = 'commands';
    else if (/search keys are as follows/.test(line)) { region = 'search'; continue; }
    else if (/data items that can be fetched/.test(line)) { region = 'fetch'; continue; }
    else if (/data items that can$/.test(line) || /status data items that can/.test(line)) { region = 'status'; }
    else if (/data items that can be stored/.test(line)) { region = 'store'; continue; }
    else if (/system flags are/.test(line)) { region = 'flags'; continue; }
    else if (/^Typical scenario:/.test(line)) region = 'none';
    else if (/^(Example:|a\d+ )/.test(line) && region !== 'commands') region = 'commands';
    const m = /^- (.+)$/.exec(line);
    if (!m) continue;
    const item = m[1];
    const bare = /^([A-Z]+)$/.exec(item);
    if (bare && region !== 'search') { commands.push(bare[1]); region = 'commands'; continue; }
    if (region === 'search') {
      searchKeys.push(item.startsWith('message set') ? 'message set' : item.split(/\s+/)[0]);
    } else if (region === 'fetch') {
      fetchItems.push(item.split(/\s+/)[0].replace(/<<partial>>$/, '').replace(/\[section\]$/, '['));
    } else if (region === 'status' && /^[A-Z]+ /.test(item)) {
      statusItems.push(item.split(/\s+/)[0]);
    } else if (region === 'store' && /^[+-]?FLAGS/.test(item)) {
      storeItems.push(item.split(/\s+/)[0]);
    } else if (region === 'flags' && item.startsWith('\\')) {
      flags.push(item.split(/\s+/)[0]);
    }
  }
  return { commands, searchKeys, fetchItems, statusItems, storeItems, flags };
}

const brief = parseBrief(readFileSync(briefPath, 'utf8'));
const lessonDir = join(repo, 'web', 'lessons');
const index = JSON.parse(readFileSync(join(lessonDir, 'index.json'), 'utf8'));
const lessons = index.lessons.map((id) => JSON.parse(readFileSync(join(lessonDir, `${id}.json`), 'utf8')));
/** Every command line the lessons offer, without tags, one line each. */
const lessonLines = lessons.flatMap((l) => l.steps.flatMap((s) => s.commands ?? []))
  .map((c) => c.split('\n')[0])
  .map((c) => c.replace(/^(?!UID |help)[A-Za-z]\d+\s+/, ''));

test('the brief parses into the lists it holds', () => {
  assert.ok(brief.commands.length >= 23, `commands: ${brief.commands}`);
  for (const c of ['NOOP', 'LOGIN', 'SELECT', 'FETCH', 'UID', 'CHECK', 'LSUB', 'APPEND']) assert.ok(brief.commands.includes(c), c);
  assert.ok(brief.searchKeys.length >= 35, `search keys: ${brief.searchKeys}`);
  for (const k of ['message set', 'ALL', 'HEADER', 'UNKEYWORD', 'SENTSINCE', 'UID']) assert.ok(brief.searchKeys.includes(k), k);
  assert.deepEqual(brief.fetchItems.toSorted(), ['ALL', 'BODY', 'BODY.PEEK[', 'BODY[', 'BODYSTRUCTURE', 'ENVELOPE', 'FAST', 'FLAGS', 'FULL', 'INTERNALDATE', 'UID'].toSorted());
  assert.deepEqual(brief.statusItems, ['MESSAGES', 'RECENT', 'UIDNEXT']);
  assert.equal(brief.storeItems.length, 6);
  assert.equal(brief.flags.length, 6);
});

test('every command, search key, fetch item, STATUS and STORE item and flag of the brief has help text', () => {
  const missing = [
    ...brief.commands.filter((c) => !COMMAND_HELP[c]?.summary).map((c) => `command ${c}`),
    ...brief.searchKeys.filter((k) => !SEARCH_HELP[k]).map((k) => `search key ${k}`),
    ...brief.fetchItems.filter((f) => !FETCH_HELP[f]).map((f) => `fetch item ${f}`),
    ...brief.statusItems.filter((s) => !STATUS_HELP[s]).map((s) => `status item ${s}`),
    ...brief.storeItems.filter((s) => !STORE_HELP[s]).map((s) => `store item ${s}`),
    ...brief.flags.filter((f) => !FLAG_MEANINGS[f]).map((f) => `flag ${f}`),
  ];
  assert.deepEqual(missing, []);
  for (const [name, entry] of Object.entries(COMMAND_HELP)) {
    assert.ok(entry.summary.length > 30, `${name} has a real summary`);
    assert.ok(entry.examples?.length, `${name} has an example`);
  }
});

test('every command of the brief appears in some lesson', () => {
  const used = (c) => lessonLines.some((l) => (c === 'UID' ? /^UID \w/i.test(l) : new RegExp(`^${c}(\\s|$)`, 'i').test(l)));
  assert.deepEqual(brief.commands.filter((c) => !used(c)), []);
});

test('every search key of the brief appears in some lesson SEARCH', () => {
  const searches = lessonLines.filter((l) => /^(UID )?SEARCH /i.test(l)).map((l) => l.replace(/^(UID )?SEARCH /i, '').split(/\s+/));
  const used = (k) => searches.some((words) => (k === 'message set' ? words.some((w) => /^[\d*][\d:,*]*$/.test(w)) : words.includes(k)));
  assert.deepEqual(brief.searchKeys.filter((k) => !used(k)), []);
});

test('every fetch item of the brief appears in some lesson FETCH', () => {
  const fetches = lessonLines.filter((l) => /^(UID )?FETCH /i.test(l)).map((l) => l.replace(/^(UID )?FETCH \S+ /i, ''));
  const used = (item) => fetches.some((f) => {
    const words = f.replace(/[()]/g, ' ').split(/\s+/);
    if (item === 'BODY[') return /(^|[\s(])BODY\[/.test(f);
    if (item === 'BODY.PEEK[') return f.includes('BODY.PEEK[');
    return words.includes(item);
  });
  assert.deepEqual(brief.fetchItems.filter((i) => !used(i)), []);
});

test('the last lesson is the brief\'s typical session, verbatim with alice / wonderland', () => {
  const text = readFileSync(briefPath, 'utf8');
  const typical = text.split('Typical scenario:')[1].split(/\r?\n/).filter((l) => /^a\d{3} /.test(l))
    .map((l) => l.replace('username password', 'alice wonderland'));
  const last = lessons.at(-1);
  assert.equal(last.id, 'typical-session');
  assert.deepEqual(last.steps.flatMap((s) => s.commands), typical);
});

test('lesson files are well-formed: ids, steps, known checks', () => {
  const known = new Set(['state', 'selected', 'readOnly', 'flag', 'noFlag', 'lastCommandOk', 'lastCommand', 'ran', 'searched', 'arrived', 'exists', 'need']);
  const files = readdirSync(lessonDir).filter((f) => f.endsWith('.json') && f !== 'index.json');
  assert.deepEqual(files.map((f) => f.replace(/\.json$/, '')).toSorted(), index.lessons.toSorted(), 'index.json lists every lesson file');
  for (const lesson of lessons) {
    assert.match(lesson.id, /^[a-z0-9-]+$/);
    assert.ok(lesson.title && lesson.steps.length, lesson.id);
    for (const step of lesson.steps) {
      assert.ok(step.title && [step.text].flat().every((t) => typeof t === 'string' && t.length > 10), `${lesson.id}: ${step.title}`);
      for (const check of [step.check ?? []].flat()) {
        for (const key of Object.keys(check)) assert.ok(known.has(key), `${lesson.id}: unknown check ${key}`);
      }
      if (step.mistake !== undefined) assert.equal(typeof step.mistake, 'string', `${lesson.id}: ${step.title}: mistake is one command line`);
      if (step.otherPane !== undefined) assert.ok(step.otherPane.every((c) => typeof c === 'string'), `${lesson.id}: ${step.title}: otherPane lists lines`);
    }
  }
});

test('every lesson step that runs IMAP commands names the RFC section of the rule it teaches', () => {
  // A step that runs commands teaches how the protocol behaves; the page
  // shows its citation as a link (web/teach/rfc.js).
  const rfc = /^(3501|2177|2342|2971|3691|4315|5161|6851|7162|7888) §\d+(\.\d+)*$/;
  const missing = lessons.flatMap((l) => l.steps
    .filter((s) => (s.commands ?? []).some((c) => !/^help\b/.test(c)))
    .filter((s) => !rfc.test(s.rfc ?? ''))
    .map((s) => `${l.id}: ${s.title}`));
  assert.deepEqual(missing, []);
});

test('no lesson or help text repeats a statement the protocol contradicts', () => {
  // The nine corrections of issue #19 that live in the data, by their old words.
  const help = JSON.stringify([COMMAND_HELP, FETCH_HELP, SEARCH_HELP, STATUS_HELP, STORE_HELP, FLAG_MEANINGS]);
  const all = JSON.stringify(lessons) + help;
  for (const [re, rule] of [
    [/the way a client builds its message list/, 'RFC 3501 §6.4.5: BODY[HEADER.FIELDS] without PEEK sets \\Seen'],
    [/which marks them/, 'RFC 3501 §6.4.5: a003 has already marked them'],
    [/Cheap, and/, 'RFC 3501 §6.3.10: STATUS may be slow'],
    [/safe even if another session expunged/, 'RFC 3501 §7.4.1: sequence numbers only shift when the session is told'],
    [/flags to exactly/, 'RFC 3501 §6.4.6: \\Recent stays'],
    [/`FLAGS` replaces all flags/, 'RFC 3501 §6.4.6: \\Recent stays'],
    [/expect empty answers/, 'RFC 3501 §6.4.4: OLD finds every message that is not recent'],
    [/answers carry UID items/, 'RFC 3501 §6.4.8: UID SEARCH answers with UIDs'],
  ]) assert.doesNotMatch(all, re, rule);
});
