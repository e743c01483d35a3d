// The bridge in the real page: a Dovecot on loopback that advertises
// LOGINDISABLED until STARTTLS, a server started with `--target` pointing
// at it, and one LOGIN, SELECT, FETCH round trip typed into the terminal
// after `/connect dovecot`, then `/disconnect` back to the sandbox.
//
// The test starts its own Dovecot and its own imap-playground (the binary
// from PLAYGROUND_SERVER_BIN, which `cargo xtask test` sets, or
// target/debug/imap-playground).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir, chmod } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, openPlayground, run, scrollback, WAIT_MS } from './lib.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER_BIN = process.env.PLAYGROUND_SERVER_BIN ?? join(ROOT, 'target/debug/imap-playground');

const MESSAGE = 'From: Bob <bob@example.org>\r\nTo: Alice <alice@example.org>\r\n'
  + 'Subject: Hello through the bridge\r\nDate: Mon, 2 Jun 2025 10:00:00 +0000\r\n\r\n'
  + 'A real server said this.\r\n';

function freePort(host) {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, host, () => { const { port } = s.address(); s.close(() => ok(port)); });
  });
}

async function waitForPort(host, port, deadline) {
  while (Date.now() < deadline) {
    const up = await new Promise((ok) => {
      const c = connect(port, host, () => { c.destroy(); ok(true); });
      c.on('error', () => ok(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on ${host}:${port}`);
}

async function startDovecot(dir) {
  const openssl = (args) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Playground Test CA', '-keyout', 'ca.key', '-out', 'ca.pem']);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', 'key.pem', '-out', 'cert.csr']);
  await writeFile(join(dir, 'ext.cnf'), 'basicConstraints=CA:FALSE\nsubjectAltName=DNS:localhost,IP:127.0.0.1,IP:127.0.0.2\nextendedKeyUsage=serverAuth\n');
  openssl(['x509', '-req', '-days', '2', '-CAcreateserial', '-in', 'cert.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-extfile', 'ext.cnf', '-out', 'cert.pem']);
  const box = join(dir, 'mail', 'alice');
  for (const sub of ['new', 'cur', 'tmp']) await mkdir(join(box, sub), { recursive: true });
  await writeFile(join(box, 'new', '1750000000.M1P1.playground'), MESSAGE);
  for (const d of [dir, join(dir, 'mail'), box, join(box, 'new'), join(box, 'cur'), join(box, 'tmp')]) await chmod(d, 0o777);
  await writeFile(join(dir, 'users'), `alice:{PLAIN}wonderland:65534:65534::${box}\n`);
  // 127.0.0.2: the bridge connects from 127.0.0.1, so Dovecot does not
  // count the connection as secure and demands STARTTLS before LOGIN.
  const port = await freePort('127.0.0.2');
  await writeFile(join(dir, 'dovecot.conf'), `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/log
protocols = imap
listen = 127.0.0.2
mail_uid = nobody
mail_gid = nogroup
first_valid_uid = 0
default_internal_user = root
default_login_user = nobody
login_trusted_networks =
disable_plaintext_auth = yes
mail_location = maildir:${dir}/mail/%u
ssl = yes
ssl_cert = <${dir}/cert.pem
ssl_key = <${dir}/key.pem
passdb {
  driver = passwd-file
  args = ${dir}/users
}
userdb {
  driver = passwd-file
  args = ${dir}/users
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.2
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`);
  const child = spawn('/usr/sbin/dovecot', ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  await waitForPort('127.0.0.2', port, Date.now() + 15_000);
  return {
    port,
    stop() {
      try { execFileSync('/usr/sbin/dovecot', ['-c', join(dir, 'dovecot.conf'), 'stop'], { stdio: 'ignore' }); } catch { child.kill('SIGKILL'); }
    },
  };
}

function startServer(args) {
  return new Promise((ok, fail) => {
    const child = spawn(SERVER_BIN, ['serve', '--listen', '127.0.0.1:0', '--web-dir', join(ROOT, 'web'), '--pkg-dir', join(ROOT, 'target/pkg'), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'warn' },
    });
    let out = '';
    const timer = setTimeout(() => fail(new Error(`${SERVER_BIN} did not print its address`)), WAIT_MS);
    child.on('error', fail);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok({ url: m[1], stop: () => child.kill('SIGTERM') });
      }
    });
  });
}

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
