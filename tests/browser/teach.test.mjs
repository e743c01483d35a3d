// The teaching layer in the real page: explanations for every kind of
// response, help for every command, a lesson done start to end by clicking
// and typing, progress across a reload, the tutorial page with two
// independent embeds, and a Share link that replays a session.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PLAYGROUND_URL, WAIT_MS, launch, openPlayground, run, ARTIFACTS } from './lib.mjs';

const artifacts = ARTIFACTS;
let browser;

before(async () => {
  browser = await launch({ viewport: { width: 1440, height: 900 } });
  await mkdir(artifacts, { recursive: true });
});

after(async () => {
  await browser?.close();
});

/** Opens the playground and waits for the teaching layer. */
async function open(url = PLAYGROUND_URL) {
  const opened = await openPlayground(browser.context, url);
  await opened.page.waitForFunction(() => document.documentElement.dataset.teach === 'ready', null, { timeout: WAIT_MS });
  return opened;
}

/** Clicks every explainable line; returns [{text, title, body}] in order. */
async function explainAll(page) {
  const count = await page.locator('#scrollback .explainable').count();
  const out = [];
  for (let i = 0; i < count; i += 1) {
    const line = page.locator('#scrollback .explainable').nth(i);
    await line.click();
    out.push({
      text: await line.innerText(),
      title: await page.locator('#explain-body .explain-title').innerText(),
      body: await page.locator('#explain-body').innerText(),
      describedBy: await line.getAttribute('aria-describedby'),
    });
  }
  return out;
}

test('every kind of response in a scripted session can be explained', async () => {
  const { page, errors } = await open();
  const script = [
    ['e1 CAPABILITY', 'e1'],
    ['e2 LOGIN alice nottheword', 'e2'],
    ['e3 LOGIN alice wonderland', 'e3'],
    ['e4 ENABLE UTF8=ACCEPT', 'e4'],
    ['e5 ID ("name" "teach-test")', 'e5'],
    ['e6 NAMESPACE', 'e6'],
    ['e7 LIST "" *', 'e7'],
    ['e8 LSUB "" *', 'e8'],
    ['e9 STATUS INBOX (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN)', 'e9'],
    ['e10a SELECT INBOX', 'e10a'],
    ['e10 CREATE Explained', 'e10'],
    ['e11 COPY 1:4 Explained', 'e11'],
    ['e12 FETCH 1 FLAGS', 'e12'],
    ['e13 SELECT Explained', 'e13'],
    ['e14 FETCH 1 (FLAGS INTERNALDATE RFC822.SIZE ENVELOPE UID)', 'e14'],
    ['e15 FETCH 4 (BODY BODYSTRUCTURE BODY.PEEK[HEADER.FIELDS (FROM)] RFC822.HEADER)', 'e15'],
    ['e16 SEARCH ALL', 'e16'],
    ['e17 STORE 2 +FLAGS (\\Deleted)', 'e17'],
    ['e18 EXPUNGE', 'e18'],
    ['e19 FETCH 1 (FLAGS', 'e19'],
    ['e20 COPY 1 Nowhere', 'e20'],
  ];
  for (const [line, tag] of script) await run(page, line, tag);
  // A literal (continuation) and IDLE (continuation, then DONE).
  await page.locator('#input').fill('e21 APPEND Explained {5}');
  await page.locator('#input').press('Enter');
  await run(page, 'hello', 'e21');
  await page.locator('#input').fill('e22 IDLE');
  await page.locator('#input').press('Enter');
  await run(page, 'DONE', 'e22');
  await run(page, 'e23 LOGOUT', 'e23');

  const explained = await explainAll(page);
  const titles = new Set(explained.map((e) => e.title));
  for (const want of [
    'untagged OK', 'tagged OK', 'tagged NO', 'tagged BAD', 'untagged BYE',
    'untagged CAPABILITY', 'untagged ENABLED', 'untagged ID', 'untagged NAMESPACE', 'untagged LIST', 'untagged LSUB',
    'untagged STATUS', 'untagged FLAGS', 'untagged EXISTS', 'untagged RECENT', 'untagged EXPUNGE',
    'untagged FETCH', 'untagged SEARCH', 'continuation request',
  ]) assert.ok(titles.has(want), `an explanation titled ${want}; got ${[...titles].join(', ')}`);
  for (const e of explained) {
    assert.notEqual(e.title, 'not a response', `${e.text} parses`);
    assert.ok(e.body.length > e.text.split('\n')[0].length + 40, `a real explanation for ${e.text}`);
    assert.equal(e.describedBy, 'explain-body', 'the line is described by the explanation');
  }
  const find = (re) => explained.find((e) => re.test(e.text));
  assert.match(find(/^\* 2 EXPUNGE/).body, /3\.\.\d+ are now 2\.\.\d+/, 'EXPUNGE says which numbers shift');
  assert.match(find(/^e13 OK/).body, /SELECT/, 'the tagged OK names its command');
  assert.match(explained.findLast((e) => /UIDVALIDITY \d+\]/.test(e.text)).body, /Explained/, 'codes name the mailbox');
  assert.match(find(/^e2 NO/).body, /alice \/ wonderland/);
  assert.match(find(/^e20 NO/).body, /CREATE/, 'TRYCREATE says what to do');
  assert.match(find(/^\* 4 FETCH .*BODYSTRUCTURE/).body, /multipart\/mixed/);
  assert.match(find(/^\* 1 FETCH .*ENVELOPE/).body, /message-id/);
  assert.match(find(/^\* STATUS/).body, /INBOX holds \d+ messages/);

  // Keyboard: Alt+ArrowUp from the prompt focuses the newest line, arrows move, Enter explains.
  await page.locator('#explain .explain-close').click();
  await page.locator('#input').focus();
  await page.keyboard.press('Alt+ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#explain').isVisible(), true);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-describedby')), 'explain-body');
  await page.locator('#scrollback .explainable', { hasText: /^\* 4 FETCH \(BODY / }).click();
  await page.screenshot({ path: join(artifacts, 'teach-explanation.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('help lists what is allowed now, and explains every command', async () => {
  const { page } = await open();
  const names = await page.evaluate(async () => {
    const mod = await import('/pkg/playground_wasm.js');
    await mod.default();
    return new mod.Playground().vocabulary().commands.map((c) => c.name);
  });
  assert.ok(names.length >= 30);
  const shown = async () => page.locator('.line-help').last();
  await page.locator('#input').fill('help');
  await page.locator('#input').press('Enter');
  const topics = async () => (await shown()).locator('.help-topic').allInnerTexts();
  assert.match(await (await shown()).innerText(), /before logging in/);
  let list = await topics();
  assert.ok(list.includes('LOGIN') && list.includes('AUTHENTICATE'), list.join(' '));
  assert.ok(!list.includes('FETCH'), 'FETCH is not offered before login');
  await run(page, 'h1 LOGIN alice wonderland', 'h1');
  await run(page, 'h2 SELECT INBOX', 'h2');
  await page.locator('#input').fill('/help');
  await page.locator('#input').press('Enter');
  list = await topics();
  assert.ok(list.includes('FETCH') && list.includes('UID STORE'), list.join(' '));
  assert.ok(!list.includes('LOGIN'), 'LOGIN is not offered once logged in');

  for (const name of names) {
    await page.locator('#input').fill(`help ${name}`);
    await page.locator('#input').press('Enter');
    const entry = (await shown()).locator(`[data-help="${name}"]`);
    assert.equal(await entry.count(), 1, `help ${name}`);
    const text = await entry.innerText();
    assert.ok(text.length > 80, `help ${name} says something: ${text}`);
    assert.ok(await entry.locator('.help-example').count() >= 1, `help ${name} has an example`);
  }
  // Help never reaches the engine: no tagged answer to a tag "help".
  assert.equal(await page.locator('#scrollback .line-server[data-tag="help"]').count(), 0);

  await page.locator('#input').fill('help FETCH');
  await page.locator('#input').press('Enter');
  const fetchHelp = await shown();
  const text = await fetchHelp.innerText();
  for (const item of ['BODYSTRUCTURE', 'ENVELOPE', 'INTERNALDATE', 'BODY.PEEK[section]', 'FAST', 'FULL']) assert.ok(text.includes(item), item);
  // An example runs when clicked.
  const before = await page.locator('#scrollback > .line').count();
  await fetchHelp.locator('.help-example', { hasText: 'FETCH * (FLAGS)' }).click();
  await page.waitForFunction((n) => [...document.querySelectorAll('#scrollback > .line')].slice(n).some((e) => e.dataset.kind === 'ok' && e.dataset.tag), before);
  await page.locator('#input').fill('help search HEADER');
  await page.locator('#input').press('Enter');
  assert.match(await (await shown()).innerText(), /field-name/);
  await page.close();
});

test('a lesson done start to end by clicking and typing, refusing a step until its check holds', async () => {
  const { page } = await open();
  await page.locator('#tab-lessons').click();
  await page.locator('.course-item[data-lesson="first-steps"]').click();
  const lesson = page.locator('#lesson');
  const status = lesson.locator('.lesson-status');
  const step = async () => Number(await lesson.getAttribute('data-step'));
  assert.equal(await step(), 0);

  // Next before doing anything: refused, with the reason.
  await lesson.locator('.lesson-next').click();
  assert.equal(await step(), 0, 'the step did not advance');
  assert.match(await status.innerText(), /Not yet: run CAPABILITY/);
  await lesson.locator('.lesson-command').first().click();
  await page.waitForFunction(() => document.querySelector('.lesson-status')?.classList.contains('ok'));
  await lesson.locator('.lesson-next').click();
  assert.equal(await step(), 1);

  await lesson.locator('.lesson-command').first().click(); // NOOP
  await lesson.locator('.lesson-next').click();
  assert.equal(await step(), 2);

  // The wrong-password step: a right password does not count; typed by hand.
  await lesson.locator('.lesson-next').click();
  assert.match(await status.innerText(), /Not yet: the last answer should be NO to LOGIN/);
  await run(page, 'x3 LOGIN alice teacup', 'x3');
  await lesson.locator('.lesson-next').click();
  assert.equal(await step(), 3);

  await lesson.locator('.lesson-next').click();
  assert.match(await status.innerText(), /not logged in/);
  // Logging in with LOGIN does not count: this step teaches AUTHENTICATE's + exchange.
  await run(page, 'x4 LOGIN alice wonderland', 'x4');
  await lesson.locator('.lesson-next').click();
  assert.match(await status.innerText(), /Not yet: the last answer should be OK to AUTHENTICATE/);
  await run(page, 'x5 LOGOUT', 'x5');
  await page.locator('#new-session').click();
  await lesson.locator('.lesson-command', { hasText: 'AUTHENTICATE PLAIN' }).click();
  await page.waitForFunction(() => document.querySelector('.lesson-status')?.classList.contains('ok'));
  assert.ok(await page.locator('#scrollback .line[data-kind="continuation"]').count() >= 1, 'the server sent its + prompt');
  await lesson.locator('.lesson-next').click();
  assert.equal(await step(), 4);

  await lesson.locator('.lesson-command[data-command="help"]').click();
  assert.ok(await page.locator('.line-help').count() >= 1, 'the lesson ran help');
  await page.screenshot({ path: join(artifacts, 'teach-lesson.png') });
  await lesson.locator('.lesson-next').click();
  assert.equal(await step(), 5);
  assert.match(await lesson.innerText(), /Lesson complete/);
  await lesson.locator('.lesson-next', { hasText: 'Next lesson' }).click();
  assert.equal(await lesson.getAttribute('data-lesson'), 'mailboxes');
  await page.close();
});

test('lesson progress is kept across a reload', async () => {
  const { page } = await open();
  await page.locator('#tab-lessons').click();
  if (await page.locator('.lesson-course').count()) await page.locator('.lesson-course').click();
  await page.locator('.course-item[data-lesson="search"]').click();
  const lesson = page.locator('#lesson');
  await lesson.locator('.lesson-command').first().click(); // SELECT INBOX: not logged in yet
  await lesson.locator('.lesson-next').click();
  assert.match(await lesson.locator('.lesson-status').innerText(), /Not yet/);
  await run(page, 'r1 LOGIN alice wonderland', 'r1');
  // Every search key of the step: the check asks for each one.
  const buttons = lesson.locator('.lesson-command');
  for (let i = 0; i < await buttons.count(); i += 1) await buttons.nth(i).click();
  await lesson.locator('.lesson-next').click();
  assert.equal(await lesson.getAttribute('data-step'), '1');

  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.teach === 'ready', null, { timeout: WAIT_MS });
  assert.equal(await page.locator('#lesson').getAttribute('data-lesson'), 'search');
  assert.equal(await page.locator('#lesson').getAttribute('data-step'), '1');
  assert.equal(await page.locator('#lesson').isVisible(), true, 'the lessons tab is open again');
  // The new session starts logged out: Catch up runs the lesson's setup.
  await page.locator('.lesson-catchup').click();
  assert.equal(await page.evaluate(() => document.getElementById('status')?.textContent?.includes('INBOX')), true);
  const again = page.locator('#lesson .lesson-command');
  for (let i = 0; i < await again.count(); i += 1) await again.nth(i).click();
  await page.locator('#lesson .lesson-next').click();
  assert.equal(await page.locator('#lesson').getAttribute('data-step'), '2');
  await page.close();
});

test('a lesson starts from fresh demo data, and its IDLE step hears the second pane\'s APPEND', async () => {
  const { page, errors } = await open();
  await page.locator('#tab-lessons').click();
  if (await page.locator('.lesson-course').count()) await page.locator('.lesson-course').click();
  await page.locator('.course-item[data-lesson="uid-idle"]').click();
  const lesson = page.locator('#lesson');
  // Change the demo data first: the fresh start must undo it.
  await run(page, 'f1 LOGIN alice wonderland', 'f1');
  await run(page, 'f2 DELETE test', 'f2');
  await lesson.locator('.lesson-fresh').click();
  await page.waitForFunction(() => document.getElementById('status')?.textContent?.includes('INBOX'));
  await run(page, 'f3 LIST "" test', 'f3');
  assert.ok(await page.locator('#scrollback .line', { hasText: /^\* LIST .* test$/ }).count() >= 1, 'test is back');
  for (let s = 0; s < 3; s += 1) {
    const buttons = lesson.locator('.lesson-commands:not(.lesson-other) .lesson-command');
    for (let i = 0; i < await buttons.count(); i += 1) await buttons.nth(i).click();
    await lesson.locator('.lesson-next').click();
    assert.equal(await lesson.getAttribute('data-step'), String(s + 1));
  }
  await lesson.locator('.lesson-command[data-command="IDLE"]').click();
  for (const b of await lesson.locator('.lesson-other .lesson-command').all()) await b.click();
  await page.waitForFunction(() => [...document.querySelectorAll('#scrollback .line')].some((l) => /^\* 33 EXISTS/.test(l.textContent)), null, { timeout: WAIT_MS });
  await page.waitForFunction(() => document.querySelector('.lesson-status')?.classList.contains('ok'));
  assert.equal(await page.locator('#input2').count(), 1, 'the second pane was opened');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the tutorial page holds two independent embedded playgrounds', async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(new URL('/examples/tutorial.html', PLAYGROUND_URL).href);
  const frames = ['#first', '#second'].map((id) => page.frameLocator(`${id} >> iframe`));
  for (const f of frames) {
    await f.locator('html[data-teach="ready"]').waitFor({ timeout: WAIT_MS });
  }
  const [one, two] = frames;
  // The first replays its commands and opens its lesson.
  await one.locator('#scrollback .line-server[data-tag="t2"]').waitFor();
  assert.equal(await one.locator('#lesson').getAttribute('data-lesson'), 'fetch-basics');
  assert.equal(await one.locator('.masthead').isVisible(), false, 'embed mode hides the page chrome');
  // The second is a read-only light demo with its own session.
  await two.locator('#scrollback .line-server[data-tag="s4"]').waitFor();
  assert.match(await two.locator('#scrollback .line', { hasText: /^\* SEARCH/ }).last().innerText(), /^\* SEARCH 13 20 22$/);
  assert.equal(await two.locator('#input').isVisible(), false, 'read-only: no prompt');
  assert.equal(await two.locator('html').getAttribute('data-theme'), 'light');
  // What the first does stays in the first.
  await one.locator('#input').fill('z1 CREATE OnlyInTheFirst');
  await one.locator('#input').press('Enter');
  await one.locator('#scrollback .line-server[data-tag="z1"]').waitFor();
  await one.locator('#input').fill('z2 LIST "" Only*');
  await one.locator('#input').press('Enter');
  await one.locator('#scrollback .line-server[data-tag="z2"]').waitFor();
  assert.equal(await one.locator('#scrollback .line', { hasText: 'OnlyInTheFirst' }).count() >= 2, true);
  assert.equal(await two.locator('#scrollback .line', { hasText: 'OnlyInTheFirst' }).count(), 0);
  await page.screenshot({ path: join(artifacts, 'teach-tutorial.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('an mbox fixture is appended through the engine', async () => {
  const url = new URL('/?embed=1&mbox=/examples/sample.mbox&commands=m1%20LOGIN%20alice%20wonderland%20|%20m2%20SELECT%20INBOX%20|%20m3%20SEARCH%20BODY%20fixture', PLAYGROUND_URL).href;
  const { page } = await open(url);
  await page.locator('#scrollback .line-server[data-tag="m3"]').waitFor();
  assert.match(await page.locator('#scrollback .line', { hasText: 'Loaded 2 messages' }).innerText(), /sample\.mbox/);
  const search = await page.locator('#scrollback .line', { hasText: /^\* SEARCH/ }).last().innerText();
  assert.equal(search.split(' ').length - 2, 2, `two messages mention fixture: ${search}`);
  await page.close();
});

test('Share makes a link that replays the session, without other accounts\' passwords', async () => {
  const { page } = await open();
  await run(page, 'p1 LOGIN carol s3cret-word', 'p1');
  await run(page, 'p2 LOGIN alice wonderland', 'p2');
  await run(page, 'p3 SELECT INBOX', 'p3');
  await run(page, 'p4 SEARCH BODY test', 'p4');
  await page.locator('#share').click();
  const link = await page.locator('#share-link').inputValue();
  assert.ok(!link.includes('s3cret'), 'the non-demo password is gone');
  // No password at all is in the link; the replay restores the demo one.
  assert.ok(!decodeURIComponent(link).includes('wonderland'), 'nor the demo password');
  assert.match(decodeURIComponent(link), /p2 LOGIN alice ••••••/);
  await page.close();

  const { page: replay } = await open(link);
  await replay.locator('#scrollback .line-server[data-tag="p4"]').waitFor();
  assert.match(await replay.locator('#scrollback .line', { hasText: /^\* SEARCH/ }).last().innerText(), /^\* SEARCH 13 19 20 22$/);
  assert.equal(await replay.locator('#scrollback .line-server[data-tag="p1"]').getAttribute('data-kind'), 'no');
  assert.match(await replay.locator('#status').innerText(), /INBOX/);
  await replay.close();
});
