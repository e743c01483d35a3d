// The bridge in the real page: a Dovecot on loopback that advertises
// LOGINDISABLED until STARTTLS, a server started with `--target` pointing
// at it, and one LOGIN, SELECT, FETCH round trip typed into the terminal
// after `/connect dovecot`, then `/disconnect` back to the sandbox.
//
// The test starts its own Dovecot and its own imap-playground (the binary
// from PLAYGROUND_SERVER_BIN, which `cargo xtask test` sets, or
// target/dist/imap-playground), with services.mjs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPlayground, run, scrollback, WAIT_MS } from './lib.mjs';
import { startDovecot, startServer } from './services.mjs';

test('/connect to a real Dovecot through the bridge: STARTTLS, LOGIN, SELECT, FETCH, /disconnect', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'imap-playground-bridge-'));
  await chmod(dir, 0o777);
  const dovecot = await startDovecot(dir);
  const server = await startServer(['--target', `dovecot=127.0.0.2:${dovecot.port}:starttls`, '--ca-file', join(dir, 'ca.pem')]);
  const browser = await launch();
  try {
    const { page, requests, errors } = await openPlayground(browser.context, server.url);
    // The picker lists the configured target by name and mode only.
    await page.waitForFunction(() => [...document.querySelectorAll('#bridge-target option')].some((o) => o.value === 'dovecot'), null, { timeout: WAIT_MS });
    const option = await page.locator('#bridge-target option[value="dovecot"]').innerText();
    assert.match(option, /dovecot \(starttls/);

    await page.locator('#input').fill('/connect dovecot');
    await page.locator('#input').press('Enter');
    await page.waitForFunction(() => [...document.querySelectorAll('#scrollback > .line')].some((e) => e.dataset.kind === 'untagged' && e.textContent.startsWith('* CAPABILITY ')), null, { timeout: WAIT_MS });
    const lines = await scrollback(page);
    const hello = lines.find((l) => l.text.startsWith('* OK [playground] bridge:'));
    assert.ok(hello, 'the bridge says where it connected');
    assert.match(hello.text, /STARTTLS done, TLS 1\.[23]/);
    const caps = lines.find((l) => l.text.startsWith('* CAPABILITY '));
    assert.ok(!caps.text.includes('LOGINDISABLED'), 'the post-TLS capabilities allow LOGIN');
    assert.ok(!lines.some((l) => /^\/connect/.test(l.text) && l.kind === 'client'), '/connect is not sent as IMAP');

    const login = await run(page, 'LOGIN alice wonderland', 'A0001');
    assert.equal(login.at(-1).kind, 'ok');
    assert.ok(login.some((l) => l.kind === 'client' && l.text.includes('••••••') && !l.text.includes('wonderland')), 'the password is masked on screen');
    const select = await run(page, 'SELECT INBOX', 'A0002');
    assert.ok(select.some((l) => l.text === '* 1 EXISTS' && l.kind === 'untagged'));
    const fetch = await run(page, 'FETCH 1 BODY[]', 'A0003');
    const body = fetch.find((l) => l.text.startsWith('* 1 FETCH'));
    assert.ok(body && body.text.includes('A real server said this.'), JSON.stringify(fetch));
    assert.equal(fetch.at(-1).kind, 'ok');

    await page.locator('#input').fill('/disconnect');
    await page.locator('#input').press('Enter');
    await page.waitForFunction(() => document.body.dataset.mode === 'local', null, { timeout: WAIT_MS });
    // The sandbox answers again (its own session, still not logged in).
    const local = await run(page, 'CAPABILITY', 'A0004');
    assert.equal(local.at(-1).kind, 'ok');

    // Every request stayed on the page's own origin (the WebSocket included).
    const origin = new URL(server.url).origin;
    const foreign = requests.filter((r) => !r.startsWith(origin) && !r.startsWith(origin.replace('http', 'ws')));
    assert.deepEqual(foreign, []);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.stop();
    dovecot.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
