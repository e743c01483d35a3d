// Unit tests of the page's pure functions, under Node: no browser, no
// engine. Hand-made facts stand in for Playground.facts, so these are unit
// tests of the page's own logic; the browser layer tests it with the real
// engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { failing, baselineOf } from '../../web/teach/lessons.js';
import { shareLink, readReplay, restoreDemo } from '../../web/teach/share.js';
import { mboxCuts, CHUNK } from '../../web/importexport.js';
import { messageText, appendCommand } from '../../web/composer.js';
import { useVocabulary, lacksTag, Tagger } from '../../web/commands.js';
import { embedOptions } from '../../web/options.js';

/** A session's facts, shaped as Playground.facts returns them. */
function facts({ flags = {}, last = null, ok = {}, keys = {}, exists = null } = {}) {
  return { exists, mailbox: null, flags, last, okCommands: ok, okSearchKeys: keys };
}

const selected = { state: 'selected', mailbox: 'INBOX', readOnly: false, need: 'line' };

test('a lesson check holds, or says what is missing', () => {
  const f = facts({ flags: { 1: ['\\Seen'] }, ok: { FETCH: 1 }, exists: 3 });
  const words = { selected: 'in a selected mailbox', authenticated: 'logged in with no mailbox selected' };
  const now = { state: selected, facts: f, baseline: baselineOf(f), words };
  assert.equal(failing({ state: 'selected', selected: 'inbox' }, now), null);
  assert.equal(failing({ flag: { seq: 1, flag: '\\Seen' } }, now), null);
  assert.match(failing({ noFlag: { seq: 1, flag: '\\Seen' } }, now), /still has \\Seen/);
  assert.match(failing({ flag: { seq: 2, flag: '\\Seen' } }, now), /has not shown the flags of message 2/);
  assert.match(failing({ readOnly: true }, now), /use EXAMINE/);
  assert.match(failing({ state: 'authenticated' }, now), /the session is in a selected mailbox, it should be logged in with no mailbox selected/);
  assert.match(failing({ bogus: 1 }, now), /unknown check bogus/);
});

test('"ran" counts only what answered OK since the step opened', () => {
  const before = facts({ ok: { FETCH: 2 } });
  const baseline = baselineOf(before);
  const same = { state: selected, facts: before, baseline };
  assert.match(failing({ ran: 'fetch' }, same), /run FETCH/);
  const after = facts({ ok: { FETCH: 3 } });
  assert.equal(failing({ ran: 'FETCH' }, { state: selected, facts: after, baseline }), null);
  assert.match(failing({ ran: ['FETCH', 'FETCH'] }, { state: selected, facts: after, baseline }), /2 times \(1 so far/);
  const searched = facts({ keys: { OLD: 1 } });
  assert.match(failing({ searched: 'old' }, { state: selected, facts: searched, baseline: baselineOf(searched) }), /run a SEARCH that uses OLD/);
  assert.equal(failing({ searched: 'old' }, { state: selected, facts: facts({ keys: { OLD: 2 } }), baseline: baselineOf(searched) }), null);
});

test('lastCommand names what the server answered instead', () => {
  const f = facts({ last: { command: 'SELECT', status: 'NO', code: 'NONEXISTENT' } });
  const now = { state: selected, facts: f, baseline: baselineOf(f) };
  assert.equal(failing({ lastCommand: { command: 'SELECT', status: 'NO', code: 'NONEXISTENT' } }, now), null);
  assert.match(failing({ lastCommandOk: 'select' }, now), /the last answer was NO to SELECT, not OK to select/);
});

test('import chunks are cut only before a From line', () => {
  const msg = (i) => `From x Mon Jan  1 00:00:00 2024\nSubject: ${i}\n\n${'y'.repeat(50_000)}\n`;
  const bytes = new TextEncoder().encode(Array.from({ length: 20 }, (_, i) => msg(i)).join(''));
  const cuts = mboxCuts(bytes);
  assert.equal(cuts[0], 0);
  assert.equal(cuts.at(-1), bytes.length);
  assert.ok(cuts.length > 2, 'a 1 MB mbox is cut');
  for (const c of cuts.slice(1, -1)) {
    assert.equal(new TextDecoder().decode(bytes.subarray(c, c + 5)), 'From ');
    assert.equal(bytes[c - 1], 0x0a);
  }
  for (let i = 1; i < cuts.length; i += 1) assert.ok(cuts[i] - cuts[i - 1] <= CHUNK + 60_000);
});

test('the composer counts octets as IMAP does: UTF-8 bytes with CRLF', () => {
  const text = messageText({ raw: 'Subject: café\nline\n\n' });
  assert.equal(text, 'Subject: café\r\nline');
  const cmd = appendCommand('a1', 'My Box', ['\\Seen'], text);
  assert.equal(cmd.octets, 20);
  assert.equal(cmd.line, 'a1 APPEND "My Box" (\\Seen) {20}');
});

test('share links carry the shown lines; demo passwords come back, others do not', () => {
  const link = shareLink('https://h/p/?commands=x#old', ['a1 LOGIN alice ••••••', 'a2 LOGIN eve ••••••', 'a3 SELECT INBOX']);
  const url = new URL(link);
  assert.equal(url.searchParams.get('commands'), null);
  assert.deepEqual(readReplay(url.hash), ['a1 LOGIN alice wonderland', 'a2 LOGIN eve ""', 'a3 SELECT INBOX']);
  assert.equal(restoreDemo('a1 LOGIN alice secret'), 'a1 LOGIN alice secret');
  assert.equal(readReplay('#replay=%7Bbroken'), null);
});

test('auto-tagging knows the engine vocabulary, not a list of its own', () => {
  useVocabulary({ commands: [{ name: 'NOOP' }, { name: 'UID FETCH' }] });
  assert.ok(lacksTag('noop'));
  assert.ok(lacksTag('  UID FETCH 1 FLAGS'));
  assert.ok(!lacksTag('a1 NOOP'));
  assert.ok(!lacksTag('SELECT INBOX'), 'a name the vocabulary lacks is taken as a tag');
  const t = new Tagger();
  assert.equal(t.next(), 'A0001');
  assert.equal(t.next(), 'A0002');
});

test('URL options: only known themes, commands split on lines and " | "', () => {
  const o = embedOptions(new URL('https://h/?embed=1&theme=neon&commands=a1%20NOOP%20%7C%20a2%20NOOP&commands=a3%20X&mbox-user=Bob'));
  assert.equal(o.embed, true);
  assert.equal(o.theme, null);
  assert.deepEqual(o.commands, ['a1 NOOP', 'a2 NOOP', 'a3 X']);
  assert.equal(o.mboxUser, 'bob');
});
