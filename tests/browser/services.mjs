// Services the end-to-end tests start for themselves, all on loopback:
// a Dovecot that demands STARTTLS (with a test CA), the playground binary,
// free ports. Each is stopped by the test that started it.

import { spawn, execFileSync } from 'node:child_process';
import { writeFile, mkdir, chmod } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WAIT_MS } from './lib.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The binary users run: the release build with the site inside (`cargo xtask dist`). */
export const SERVER_BIN = process.env.PLAYGROUND_SERVER_BIN ?? join(ROOT, 'target/dist/imap-playground');
/** The static site of `cargo xtask dist`. */
export const SITE_DIR = process.env.PLAYGROUND_SITE_DIR ?? join(ROOT, 'target/dist/site');

export const MESSAGE = 'From: Bob <bob@example.org>\r\nTo: Alice <alice@example.org>\r\n'
  + 'Subject: Hello through the bridge\r\nDate: Mon, 2 Jun 2025 10:00:00 +0000\r\n\r\n'
  + 'A real server said this.\r\n';

export function freePort(host) {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, host, () => { const { port } = s.address(); s.close(() => ok(port)); });
  });
}

export async function waitForPort(host, port, deadline) {
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

/**
 * Starts Dovecot in `dir` (alice's password `options.password`, default
 * `wonderland`; `options.extra`, more lines of configuration).
 */
export async function startDovecot(dir, options = {}) {
  const password = options.password ?? 'wonderland';
  const openssl = (args) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Playground Test CA', '-keyout', 'ca.key', '-out', 'ca.pem']);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', 'key.pem', '-out', 'cert.csr']);
  await writeFile(join(dir, 'ext.cnf'), 'basicConstraints=CA:FALSE\nsubjectAltName=DNS:localhost,IP:127.0.0.1,IP:127.0.0.2\nextendedKeyUsage=serverAuth\n');
  openssl(['x509', '-req', '-days', '2', '-CAcreateserial', '-in', 'cert.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-extfile', 'ext.cnf', '-out', 'cert.pem']);
  const box = join(dir, 'mail', 'alice');
  for (const sub of ['new', 'cur', 'tmp']) await mkdir(join(box, sub), { recursive: true });
  await writeFile(join(box, 'new', '1750000000.M1P1.playground'), MESSAGE);
  for (const d of [dir, join(dir, 'mail'), box, join(box, 'new'), join(box, 'cur'), join(box, 'tmp')]) await chmod(d, 0o777);
  await writeFile(join(dir, 'users'), `alice:{PLAIN}${password}:65534:65534::${box}\n`);
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
${options.extra ?? ''}
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

export function startServer(args) {
  return new Promise((ok, fail) => {
    const child = spawn(SERVER_BIN, ['serve', '--listen', '127.0.0.1:0', ...args], {
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

