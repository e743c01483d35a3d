// The walking skeleton end to end: the real page, the real wasm engine,
// Debian's Chromium. Each step types what a learner types.

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { PLAYGROUND_URL, launch, openPlayground, run, stepsWithShots } from './lib.mjs';

let browser;
let page;
let requests;
let errors;
/** The README's picture (the page right after a FETCH) is refreshed only by a fully green run. */
const { step, shots, save } = stepsWithShots();

before(async () => {
  browser = await launch();
  ({ page, requests, errors } = await openPlayground(browser.context));
});

after(async () => {
  await save(page, 'skeleton.png');
  await browser?.close();
});

step('the greeting is shown when the page opens', async () => {
  const first = await page.locator('#scrollback > .line').first();
  assert.equal(await first.getAttribute('data-kind'), 'ok');
  assert.match(await first.innerText(), /^\* OK /);
});

step('LOGIN answers a tagged OK and the password is masked', async () => {
  const lines = await run(page, 'a1 LOGIN alice wonderland', 'a1');
  assert.equal(lines[0].kind, 'client');
  assert.match(lines[0].text, /^a1 LOGIN alice \S/);
  assert.ok(!lines.some((l) => l.text.includes('wonderland')), 'the password must not be shown');
  const done = lines.find((l) => l.tag === 'a1');
  assert.equal(done.kind, 'ok');
  assert.match(done.text, /^a1 OK /);
  assert.match(await page.locator('#status').innerText(), /alice/);
});

step('an unknown command gets BAD with a reason, then a caret under the problem', async () => {
  const lines = await run(page, 'a2 FOO', 'a2');
  const bad = lines.findIndex((l) => l.tag === 'a2');
  assert.equal(lines[bad].kind, 'bad');
  assert.match(lines[bad].text, /^a2 BAD \S+/, 'BAD carries a reason');
  const caret = lines.findIndex((l) => l.kind === 'caret');
  assert.ok(caret > bad, 'the caret follows the BAD line');
  const [source, mark, why] = lines[caret].text.split('\n');
  assert.equal(source, 'a2 FOO');
  const column = mark.indexOf('^');
  assert.ok(column >= 3 && column <= 6, `caret at column ${column} should point into "FOO"`);
  assert.match(why, /expected/);
});

step('a command without a tag gets the next automatic tag', async () => {
  const lines = await run(page, 'NOOP', 'A0001');
  assert.equal(lines[0].kind, 'client');
  assert.equal(lines[0].text, 'A0001 NOOP');
  assert.equal(lines.find((l) => l.tag === 'A0001').kind, 'ok');
});

step('APPEND asks for the literal with +, and the next line is its content', async () => {
  const before = await page.locator('#scrollback > .line').count();
  await page.locator('#input').fill('p1 APPEND INBOX {5}');
  await page.locator('#input').press('Enter');
  await page.waitForFunction(
    (n) => [...document.querySelectorAll('#scrollback > .line')].slice(n).some((e) => e.dataset.kind === 'continuation'),
    before,
  );
  const lines = await run(page, 'hello', 'p1');
  assert.deepEqual(lines[0], { kind: 'literal', text: 'hello', tag: null }, 'literal content is not auto-tagged');
  assert.equal(lines.find((l) => l.tag === 'p1').kind, 'ok');
});

step('SELECT and FETCH show the mailbox', async () => {
  const selected = await run(page, 's1 SELECT INBOX', 's1');
  assert.equal(selected.find((l) => l.tag === 's1').kind, 'ok');
  assert.ok(selected.some((l) => l.kind === 'untagged' && / EXISTS$/.test(l.text)));
  const fetched = await run(page, 'f1 FETCH 1:3 (FLAGS ENVELOPE)', 'f1');
  assert.equal(fetched.find((l) => l.tag === 'f1').kind, 'ok');
  assert.equal(fetched.filter((l) => l.kind === 'untagged' && /^\* \d+ FETCH /.test(l.text)).length, 3);
  shots.set('screenshot.png', await page.screenshot());
});

step('LOGOUT says BYE before the tagged OK', async () => {
  const lines = await run(page, 'a3 LOGOUT', 'a3');
  const bye = lines.findIndex((l) => l.kind === 'bye');
  const ok = lines.findIndex((l) => l.tag === 'a3');
  assert.ok(bye >= 0, 'a * BYE line');
  assert.ok(bye < ok, '* BYE comes before a3 OK');
  assert.equal(lines[ok].kind, 'ok');
});

step('every request stayed on the page\'s own origin', async () => {
  const origin = new URL(PLAYGROUND_URL).origin;
  assert.ok(requests.some((u) => u.endsWith('.wasm')), 'the wasm module was fetched');
  const foreign = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:'));
  assert.deepEqual(foreign, []);
});

step('no errors in the console', async () => {
  assert.deepEqual(errors, []);
});
