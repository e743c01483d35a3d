// A hunt for credentials. Every form of LOGIN and AUTHENTICATE is typed in
// the sandbox, in the Split pane and through the bridge to a real Dovecot;
// then no password and no base64 credential may be found in the DOM (text,
// attributes, input values), IndexedDB, localStorage, the share link, the
// exported transcript or the console.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPlayground, PLAYGROUND_URL, WAIT_MS } from './lib.mjs';
import { startDovecot, startServer } from './services.mjs';

const b64 = (s) => Buffer.from(s, 'latin1').toString('base64');
/** Dovecot's real password for alice (the bridge logs in with it). */
const REAL = 'dOvE-real-9x7';

/**
 * Each secret, and the lines that type it: [line, what to wait for], where
 * `+` waits for the server's continuation and a tag for its answer.
 */
function forms(prefix, password) {
  const p = (n) => `${password}${n}`;
  const groups = [];
  const secrets = [];
  const add = (secret, ...typed) => { secrets.push(secret); groups.push(typed); };
  add(p('a'), [`${prefix}1 LOGIN alice ${p('a')}`, `${prefix}1`]);
  add(p('q'), [`${prefix}2 LOGIN alice "${p('q')} x"`, `${prefix}2`]);
  add(p('s'), [`${prefix}3 LOGIN alice {${p('s').length}}`, '+'], [p('s'), `${prefix}3`]);
  add(p('n'), [`${prefix}4 LOGIN alice {${p('n').length}+}`, null], [p('n'), `${prefix}4`]);
  const ir = b64(`\0alice\0${p('i')}`);
  add(ir, [`${prefix}5 AUTHENTICATE PLAIN ${ir}`, `${prefix}5`]);
  secrets.push(p('i'));
  const cont = b64(`\0alice\0${p('c')}`);
  add(cont, [`${prefix}6 AUTHENTICATE PLAIN`, '+'], [cont, `${prefix}6`]);
  secrets.push(p('c'));
  // The LOGIN mechanism: user name, then password, each after a `+`.
  const loginPassword = b64(p('l'));
  add(loginPassword, [`${prefix}7 AUTHENTICATE LOGIN`, '+'], [b64('alice'), '+'], [loginPassword, `${prefix}7`]);
  secrets.push(p('l'));
  return { lines: groups.flat(), groups, secrets };
}

/**
 * Types `line` into `input`, then waits for `until`: a tag's answer, a
 * new `+` continuation, or nothing (null).
 */
async function type(page, input, [line, until]) {
  const plusCount = () => page.evaluate(() => document.querySelectorAll('.scrollback > .line[data-kind="continuation"]').length);
  const plus = await plusCount();
  await page.locator(input).fill(line);
  await page.locator(input).press('Enter');
  if (until === '+') {
    await page.waitForFunction((n) => document.querySelectorAll('.scrollback > .line[data-kind="continuation"]').length > n, plus, { timeout: WAIT_MS });
  } else if (until) {
    await answered(page, until);
  }
}

/** Waits until tagged `tag` has its answer in the terminal. */
async function answered(page, tag) {
  await page.waitForFunction((t) => [...document.querySelectorAll('.scrollback > .line')].some((e) => e.dataset.tag === t), tag, { timeout: WAIT_MS });
}

/** Everything the page holds that a person or a script could read. */
async function everything(page, consoleText, downloadsText) {
  const dom = await page.evaluate(() => {
    const values = [...document.querySelectorAll('input, textarea, select')].map((e) => e.value);
    return `${document.documentElement.outerHTML}\n${values.join('\n')}`;
  });
  const storage = await page.evaluate(async () => {
    const out = [];
    for (let i = 0; i < localStorage.length; i += 1) {
      const k = localStorage.key(i);
      out.push(`${k}=${localStorage.getItem(k)}`);
    }
    const text = (v) => {
      if (v instanceof Uint8Array || v instanceof ArrayBuffer) {
        const bytes = new Uint8Array(v);
        let s = '';
        for (let j = 0; j < bytes.length; j += 1) s += String.fromCharCode(bytes[j]);
        return s;
      }
      return JSON.stringify(v);
    };
    for (const info of await indexedDB.databases()) {
      const db = await new Promise((ok, fail) => { const r = indexedDB.open(info.name); r.onsuccess = () => ok(r.result); r.onerror = fail; });
      for (const name of db.objectStoreNames) {
        const all = await new Promise((ok, fail) => { const r = db.transaction(name).objectStore(name).getAll(); r.onsuccess = () => ok(r.result); r.onerror = fail; });
        for (const v of all) out.push(text(v));
      }
      db.close();
    }
    return out.join('\n');
  });
  await page.locator('#share').click();
  const share = decodeURIComponent(await page.locator('#share-link').inputValue());
  return { dom, storage, share, console: consoleText(), transcript: downloadsText };
}

function assertNoSecret(where, secrets) {
  for (const [place, text] of Object.entries(where)) {
    for (const s of secrets) assert.ok(!text.includes(s), `${JSON.stringify(s)} found in ${place}`);
  }
}

test('no credential, in any form, in the sandbox, Split or through the bridge, is shown or kept', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'imap-playground-secrets-'));
  await chmod(dir, 0o777);
  const dovecot = await startDovecot(dir, { password: REAL, extra: 'auth_failure_delay = 0\nauth_mechanisms = plain login' });
  const server = await startServer(['--target', `dovecot=127.0.0.2:${dovecot.port}:starttls`, '--ca-file', join(dir, 'ca.pem')]);
  const browser = await launch();
  const logs = [];
  try {
    const { page } = await openPlayground(browser.context, server.url);
    page.on('console', (m) => logs.push(m.text()));
    const consoleText = () => logs.join('\n');

    // The sandbox: every form, each refused (wrong passwords), and the
    // AUTHENTICATE LOGIN exchange, which succeeds with alice's demo password.
    const sandbox = forms('s', 'SbxS3cret-');
    for (const line of sandbox.lines) await type(page, '#input', line);
    const login = [b64('alice'), b64('wonderland')];
    await type(page, '#input', ['s9 AUTHENTICATE LOGIN', '+']);
    await type(page, '#input', [login[0], '+']);
    await type(page, '#input', [login[1], 's9']);
    assert.match(await page.locator('#status').innerText(), /alice/, 'AUTHENTICATE LOGIN worked in the sandbox');

    // The Split pane: its own session, the same forms.
    await page.locator('#split').click();
    await page.locator('#input2').waitFor();
    const split = forms('p', 'SplitS3cret-');
    for (const line of split.lines) await type(page, '#input2', line);

    // The bridge to Dovecot: wrong passwords in every form, then the real one.
    await page.waitForFunction(() => [...document.querySelectorAll('#bridge-target option')].some((o) => o.value === 'dovecot'), null, { timeout: WAIT_MS });
    await page.locator('#input').fill('/connect dovecot');
    await page.locator('#input').press('Enter');
    await page.waitForFunction(() => /a real server/.test(document.getElementById('status')?.textContent ?? ''), null, { timeout: WAIT_MS });
    const proxy = forms('r', 'PrxS3cret-');
    const connected = () => page.waitForFunction(() => /a real server/.test(document.getElementById('status')?.textContent ?? ''), null, { timeout: WAIT_MS });
    for (const [i, group] of proxy.groups.entries()) {
      // Dovecot hangs up after a few failed logins: a fresh connection every two.
      if (i > 0 && i % 2 === 0) {
        await page.locator('#input').fill('/disconnect');
        await page.locator('#input').press('Enter');
        await page.waitForFunction(() => document.body.dataset.mode === 'local', null, { timeout: WAIT_MS });
        await page.locator('#input').fill('/connect dovecot');
        await page.locator('#input').press('Enter');
        await connected();
      }
      for (const line of group) await type(page, '#input', line);
    }
    assert.equal(await page.locator('.insp-away').isVisible(), true, 'the inspector says it cannot show the real server');
    const real = b64(`\0alice\0${REAL}`);
    await type(page, '#input', [`r9 AUTHENTICATE PLAIN ${real}`, 'r9']);
    assert.equal(await page.locator('.line[data-tag="r9"]').getAttribute('data-kind'), 'ok', 'Dovecot took the real credential');
    await type(page, '#input', ['r8 LOGOUT', 'r8']);
    await page.waitForFunction(() => document.body.dataset.mode === 'local', null, { timeout: WAIT_MS });
    assert.equal(await page.locator('.insp-away').isVisible(), false, 'the inspector is back with the sandbox');

    // Close the Split pane (the data tools share its column), then let the
    // store and history be written.
    await page.locator('#split').click();
    await page.locator('#input2').waitFor({ state: 'detached' });
    await page.waitForTimeout(800);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save transcript' }).click()]);
    const transcript = await readFile(await download.path(), 'utf8');
    assert.match(transcript, /s1 LOGIN alice ••••••/, 'the transcript holds the session, masked');
    const secrets = [...sandbox.secrets, ...split.secrets, ...proxy.secrets, REAL, real, ...login];
    // The plain words of every password too, whatever the form.
    assertNoSecret(await everything(page, consoleText, transcript), secrets);
    // And after a reload, what came back from storage.
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.engine !== undefined, null, { timeout: WAIT_MS });
    assertNoSecret(await everything(page, consoleText, ''), secrets);
  } finally {
    await browser.close();
    server.stop();
    dovecot.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a LOGIN typed while the engine loads waits for it, and only its masked form is shown', async () => {
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const consoleLines = [];
    page.on('console', (m) => consoleLines.push(m.text()));
    // Hold the wasm module back, so the prompt is there well before the engine.
    let release;
    const held = new Promise((ok) => { release = ok; });
    await page.route(/\.wasm$/, async (route) => { await held; await route.continue(); });
    await page.goto(PLAYGROUND_URL);
    await page.waitForFunction(() => !document.getElementById('input').disabled, null, { timeout: WAIT_MS });
    assert.equal(await page.evaluate(() => document.documentElement.dataset.engine), undefined, 'the engine is still loading');
    const secret = 'early-bird-pw-42';
    await page.locator('#input').fill(`e1 LOGIN alice ${secret}`);
    await page.locator('#input').press('Enter');
    await page.locator('#input').fill('e2 LOGIN alice wonderland');
    await page.locator('#input').press('Enter');
    assert.match(await page.locator('#status').innerText(), /loading the engine… your 2 commands run as soon as it is ready/);
    assert.equal(await page.locator('#input').inputValue(), '', 'the prompt is cleared');
    assert.ok(!(await page.content()).includes(secret), 'nothing of the waiting line is on the page');
    release();
    await page.waitForFunction(() => [...document.querySelectorAll('.scrollback > .line')].some((e) => e.dataset.tag === 'e2'), null, { timeout: WAIT_MS });
    const text = await page.locator('#scrollback').innerText();
    assert.match(text, /e1 LOGIN alice ••••••[\s\S]*e1 NO[\s\S]*e2 LOGIN alice ••••••[\s\S]*e2 OK/, 'both ran, in order, masked');
    assert.match(await page.locator('#status').innerText(), /alice · no mailbox selected/, 'logged in by the second line');
    const typed = await page.evaluate(() => [...document.querySelectorAll('.scrollback > .line[data-kind="client"]')].map((e) => e.textContent));
    assert.ok(typed.every((t) => !t.includes(secret) && !t.includes('wonderland')), `typed lines are masked: ${typed.join(' | ')}`);
    const where = { dom: await page.content(), console: consoleLines.join('\n') };
    assertNoSecret(where, [secret]);
  } finally {
    await browser.close();
  }
});
