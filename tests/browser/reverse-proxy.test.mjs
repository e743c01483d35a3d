// The dist binary behind Debian's nginx, which terminates TLS, as the
// README's Deploy section configures it (web/examples/nginx.conf is the
// same server block). A learner's page loads over https, a bridge session
// goes through nginx to Dovecot, and the per-IP cap of the bridge sees the
// real client through X-Forwarded-For only when the operator trusts the
// proxy (--trust-proxy).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, chmod, readFile, writeFile } from 'node:fs/promises';
import { connect as tlsConnect } from 'node:tls';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPlayground, run, WAIT_MS } from './lib.mjs';
import { ROOT, freePort, startDovecot, startServer, waitForPort } from './services.mjs';

/** Starts nginx in front of `upstream` (host:port) with the deploy example's server block. */
async function startNginx(dir, upstream, cert, key) {
  const port = await freePort('127.0.0.1');
  const example = await readFile(join(ROOT, 'web', 'examples', 'nginx.conf'), 'utf8');
  const block = example
    .replaceAll('listen 443 ssl;', `listen 127.0.0.1:${port} ssl;`)
    .replaceAll('/etc/ssl/playground/fullchain.pem', cert)
    .replaceAll('/etc/ssl/playground/privkey.pem', key)
    .replaceAll('127.0.0.1:8080', upstream);
  for (const d of ['tmp', 'logs']) await mkdir(join(dir, d), { recursive: true });
  await writeFile(join(dir, 'nginx.conf'), `daemon off;
user root;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
${block}
}
`);
  execFileSync('/usr/sbin/nginx', ['-t', '-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'pipe' });
  const child = spawn('/usr/sbin/nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
  await waitForPort('127.0.0.1', port, Date.now() + WAIT_MS);
  return { url: `https://localhost:${port}/`, port, stop: () => child.kill('SIGTERM') };
}

/**
 * Opens a bridge WebSocket through nginx from the loopback address `from`
 * (so each "client" has an address of its own) and resolves with what the
 * bridge said first: the server's greeting or the bridge's refusal.
 */
function bridgeFrom(from, port, forged) {
  return new Promise((ok, fail) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, localAddress: from, servername: 'localhost', rejectUnauthorized: false }, () => {
      socket.write([
        'GET /bridge?target=dovecot HTTP/1.1',
        `Host: localhost:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        ...(forged ? [`X-Forwarded-For: ${forged}`] : []),
        '', '',
      ].join('\r\n'));
    });
    let seen = '';
    const timer = setTimeout(() => { socket.destroy(); fail(new Error(`no answer from the bridge; got ${JSON.stringify(seen)}`)); }, WAIT_MS);
    socket.on('data', (d) => {
      seen += d.toString('latin1');
      if (/too many bridge sessions/.test(seen)) { clearTimeout(timer); ok({ refused: true, socket }); }
      else if (/\* OK/.test(seen)) { clearTimeout(timer); ok({ refused: false, socket }); }
    });
    socket.on('error', (e) => { clearTimeout(timer); fail(e); });
  });
}

test('behind nginx with TLS: the page, a bridge session to Dovecot, and per-IP caps by X-Forwarded-For only when trusted', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'imap-playground-proxy-'));
  await chmod(dir, 0o777);
  const dovecot = await startDovecot(dir);
  const limits = join(dir, 'limits.toml');
  await writeFile(limits, '[bridge]\nmax-sessions-per-ip = 1\n');
  const base = ['--target', `dovecot=127.0.0.2:${dovecot.port}:starttls`, '--ca-file', join(dir, 'ca.pem'), '--config', limits];
  const trusting = await startServer([...base, '--trust-proxy', '127.0.0.1']);
  const nginxDir = join(dir, 'nginx');
  await mkdir(nginxDir);
  const upstream = new URL(trusting.url).host;
  let nginx = await startNginx(nginxDir, upstream, join(dir, 'cert.pem'), join(dir, 'key.pem'));
  const open = [];
  const browser = await launch({ ignoreHTTPSErrors: true });
  let untrusting;
  try {
    // A learner's page over https, and a bridge session through nginx.
    const { page, errors } = await openPlayground(browser.context, nginx.url);
    await page.waitForFunction(() => [...document.querySelectorAll('#bridge-target option')].some((o) => o.value === 'dovecot'), null, { timeout: WAIT_MS });
    await page.locator('#input').fill('/connect dovecot');
    await page.locator('#input').press('Enter');
    await page.waitForFunction(() => document.body.dataset.mode === 'bridge' && /a real server/.test(document.getElementById('status')?.textContent ?? ''), null, { timeout: WAIT_MS });
    const login = await run(page, 'p1 LOGIN alice wonderland', 'p1');
    assert.match(login.at(-1).text, /^p1 OK/, 'LOGIN through nginx, the bridge and STARTTLS');
    const select = await run(page, 'p2 SELECT INBOX', 'p2');
    assert.ok(select.some((l) => /^\* 1 EXISTS/.test(l.text)), 'Dovecot answered through the proxy');
    await page.locator('#input').fill('/disconnect');
    await page.locator('#input').press('Enter');
    await page.waitForFunction(() => document.body.dataset.mode === 'local', null, { timeout: WAIT_MS });
    assert.deepEqual(errors, []);

    // Trusted proxy: two clients on two addresses each get their one slot.
    const a = await bridgeFrom('127.0.0.5', nginx.port);
    open.push(a.socket);
    assert.equal(a.refused, false, 'the first client from 127.0.0.5 is admitted');
    const b = await bridgeFrom('127.0.0.6', nginx.port);
    open.push(b.socket);
    assert.equal(b.refused, false, 'a second client, from 127.0.0.6, is counted apart');
    // A forged header cannot buy a second slot: the proxy's own entry wins.
    const c = await bridgeFrom('127.0.0.5', nginx.port, '198.51.100.9');
    open.push(c.socket);
    assert.equal(c.refused, true, 'a second session from 127.0.0.5 is refused, forged header or not');
    for (const s of open.splice(0)) s.destroy();

    // Without --trust-proxy, everyone is nginx: the second client is refused.
    trusting.stop();
    nginx.stop();
    untrusting = await startServer(base);
    nginx = await startNginx(nginxDir, new URL(untrusting.url).host, join(dir, 'cert.pem'), join(dir, 'key.pem'));
    const d = await bridgeFrom('127.0.0.5', nginx.port);
    open.push(d.socket);
    assert.equal(d.refused, false);
    const e = await bridgeFrom('127.0.0.6', nginx.port);
    open.push(e.socket);
    assert.equal(e.refused, true, 'an untrusted proxy is one address: its X-Forwarded-For is ignored');
  } finally {
    for (const s of open) s.destroy();
    await browser.close();
    nginx.stop();
    trusting.stop();
    untrusting?.stop();
    dovecot.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
