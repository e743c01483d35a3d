// Every example the help shows runs as written on the demo data: the
// commands' examples (crates/playground-teach/help.json), in order, each entry on a
// fresh store; and the examples help builds for each FETCH item, SEARCH
// key and STATUS item. Each runs in the page's engine in the state its
// command needs: logged in as alice, with INBOX selected when required.
// Also: every help entry names the RFC section of the rule it teaches.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateInPlayground } from './lib.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HELP = JSON.parse(readFileSync(join(repo, 'crates', 'playground-teach', 'help.json'), 'utf8'));
const { commands: COMMAND_HELP, tables: TABLE_RFC } = HELP;
let results;

before(async () => {
  results = await evaluateInPlayground(runEveryExample);
});

/** Runs in the page, given the wasm package: [{entry, example, status, lines}] for every example. */
async function runEveryExample(mod) {
  // The help prose as the page gets it: from the teaching module.
  const teach = await import('/pkg/playground_teach.js');
  await teach.default();
  const COMMAND_HELP = JSON.parse(teach.helpText()).commands;
  const { lacksTag } = await import('/commands.js');
  const { fetchExample } = await import('/teach/help.js');
  const encoder = new TextEncoder();
  const vocab = new mod.Playground().vocabulary();
  const states = new Map(vocab.commands.map((c) => [c.name, c.states]));

  function fresh(needs) {
    const pg = new mod.Playground();
    const w = { pg, id: pg.openSession(), n: 0 };
    pg.poll(w.id);
    if (needs !== 'not-authenticated') send(w, 'LOGIN alice wonderland');
    if (needs === 'selected') send(w, 'SELECT INBOX');
    return w;
  }
  /** Sends an example as the terminal would; returns the tagged status and every line. */
  function send(w, example) {
    let tag = null;
    const lines = [];
    for (const line of example.split('\n')) {
      const state = w.pg.sessionState(w.id);
      let real = line;
      if (state.need === 'line' && lacksTag(real)) { w.n += 1; tag = `H${w.n}`; real = `${tag} ${real}`; }
      for (const l of w.pg.send(w.id, encoder.encode(`${real}\r\n`))) lines.push(l);
    }
    // IDLE waits for DONE.
    if (w.pg.sessionState(w.id).need === 'idle') for (const l of w.pg.send(w.id, encoder.encode('DONE\r\n'))) lines.push(l);
    const tagged = lines.find((l) => l.tag === tag && ['ok', 'no', 'bad'].includes(l.kind));
    return { status: tagged ? tagged.kind.toUpperCase() : 'none', lines: lines.map((l) => l.text.split('\n')[0]) };
  }
  const need = (s) => (s.includes('not-authenticated') ? 'not-authenticated' : s.includes('authenticated') || s.includes('any') ? 'authenticated' : 'selected');

  const out = [];
  for (const [name, entry] of Object.entries(COMMAND_HELP)) {
    const s = states.get(name) ?? (name === 'UID' ? ['selected'] : ['selected']);
    const w = fresh(need(s));
    for (const example of entry.examples ?? []) out.push({ entry: name, example, want: entry.answer ?? 'OK', ...send(w, example) });
  }
  const words = [
    ...vocab.fetchItems.map((i) => ['FETCH', fetchExample(i)]),
    ...vocab.searchKeys.map((k) => ['SEARCH', `SEARCH ${k.example}`]),
    ['SEARCH', 'SEARCH 1:10 UNSEEN'],
    ...vocab.statusItems.map((i) => ['STATUS', `STATUS INBOX (${i})`]),
  ];
  for (const [name, example] of words) {
    const w = fresh(need(states.get(name)));
    out.push({ entry: `${name} item`, example, want: 'OK', ...send(w, example) });
  }
  return out;
}

test('every help example runs as written on the demo data', () => {
  const wrong = results.filter((r) => r.status !== r.want).map((r) => `${r.entry}: ${r.example} => ${r.status}\n  ${r.lines.slice(-3).join('\n  ')}`);
  assert.deepEqual(wrong, []);
  console.log(`# ${results.length} help examples run`);
  assert.ok(results.length > 100);
});

test('the examples that show an extension really use it', () => {
  const line = (example) => results.find((r) => r.example === example)?.lines ?? [];
  // AUTHENTICATE shows the + exchange, not only the SASL-IR shortcut.
  assert.ok(COMMAND_HELP.AUTHENTICATE.examples.some((e) => e.includes('\n')));
  assert.ok(line(COMMAND_HELP.AUTHENTICATE.examples.find((e) => e.includes('\n'))).some((l) => l.startsWith('+')));
  // ENABLE says what its answer is: CONDSTORE and QRESYNC are switched
  // on, a name the server does not offer is left out.
  const enabled = (example) => line(example).find((l) => l.startsWith('* ENABLED'))?.trim();
  assert.equal(enabled('ENABLE CONDSTORE'), '* ENABLED CONDSTORE');
  assert.equal(enabled('ENABLE UTF8=ACCEPT'), '* ENABLED');
  assert.match(COMMAND_HELP.ENABLE.detail, /CONDSTORE and QRESYNC/);
  assert.match(COMMAND_HELP.ENABLE.detail, /left out of \* ENABLED/);
  // The QRESYNC examples really resynchronise: SELECT answers the FETCH
  // of what changed after modseq 30.
  assert.ok(line('SELECT INBOX (QRESYNC (1 30))').some((l) => l.startsWith('* 31 FETCH (UID 31')));
});

test('every help entry names the RFC section of its rule', () => {
  const rfc = /^(3501|2177|2342|2971|3691|4315|5161|5256|5267|6851|7888) §\d+(\.\d+)*$/;
  const missing = Object.entries(COMMAND_HELP).filter(([, e]) => !rfc.test(e.rfc ?? '')).map(([n]) => n);
  assert.deepEqual(missing, []);
  for (const [table, r] of Object.entries(TABLE_RFC)) assert.match(r, rfc, table);
});

test('help states the protocol\'s rules where the old text got them wrong', () => {
  // RFC 3501 §6.3.10: STATUS may be slow and is not for the selected mailbox.
  assert.doesNotMatch(COMMAND_HELP.STATUS.summary, /cheap/i);
  assert.match(`${COMMAND_HELP.STATUS.summary} ${COMMAND_HELP.STATUS.detail}`, /selected mailbox/);
  assert.match(COMMAND_HELP.STATUS.detail, /must not/);
  // RFC 3501 §6.4.8: UID SEARCH answers with UIDs, not UID items.
  assert.doesNotMatch(COMMAND_HELP.UID.summary, /their answers carry UID items/);
  // RFC 3501 §6.4.6: FLAGS replaces all but \Recent.
  assert.match(COMMAND_HELP.STORE.summary, /\\Recent/);
  // The AUTHENTICATE shortcut needs SASL-IR.
  assert.match(COMMAND_HELP.AUTHENTICATE.detail, /SASL-IR/);
});
