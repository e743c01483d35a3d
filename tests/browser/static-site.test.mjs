// The static site of `cargo xtask dist` (target/dist/site) on a plain
// static file server, Python's http.server, under a deep path prefix, as a
// tutorial author would host it: no server of ours anywhere. The page must
// load with no failed request, answer a typed session, load a lesson, say
// that the bridge needs the server, and work as an embed in a page of
// another origin (a second port).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPlayground, run, scrollback, WAIT_MS } from './lib.mjs';
import { SITE_DIR, freePort, waitForPort } from './services.mjs';

const PREFIX = '/some/deep/path/';

// http.server as a static host: it sends CORS headers, as public static
// hosts do, so another origin may load embed.js as a module script.
const STATIC_HOST = `
import http.server, sys, functools
class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, '.wasm': 'application/wasm', '.js': 'text/javascript', '.json': 'application/json'}
    def end_headers(self):
        self.send_header('Access-Control-Allow-Origin', '*')
        super().end_headers()
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), functools.partial(Handler, directory=sys.argv[2])).serve_forever()
`;

let root;
const hosts = [];

async function staticHost(dir) {
  const port = await freePort('127.0.0.1');
  const child = spawn('python3', ['-c', STATIC_HOST, String(port), dir], { stdio: 'ignore' });
  hosts.push(child);
  await waitForPort('127.0.0.1', port, Date.now() + WAIT_MS);
  return `http://127.0.0.1:${port}`;
}

let siteUrl;
let otherOrigin;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'imap-playground-static-'));
  const parent = join(root, 'site', 'some', 'deep');
  await mkdir(parent, { recursive: true });
  await symlink(SITE_DIR, join(parent, 'path'));
  siteUrl = (await staticHost(join(root, 'site'))) + PREFIX;
  // The tutorial page on another origin embeds the playground by its full URL.
  await mkdir(join(root, 'tutorial'));
  await writeFile(join(root, 'tutorial', 'index.html'), `<!doctype html><meta charset="utf-8"><title>A tutorial elsewhere</title>
<h1>Learning IMAP</h1>
<script type="module" src="${siteUrl}embed.js"></script>
<imap-playground commands="a1 LOGIN alice wonderland | a2 SELECT INBOX" height="420px"></imap-playground>
`);
  otherOrigin = await staticHost(join(root, 'tutorial'));
});

after(async () => {
  for (const h of hosts) h.kill('SIGTERM');
  if (root) await rm(root, { recursive: true, force: true });
});

test('the static site under a deep path: no failed request, a typed session, a lesson', async () => {
  const browser = await launch();
  try {
    const failed = [];
    browser.context.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
    browser.context.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.url()}: HTTP ${r.status()}`); });
    const { page, requests, errors } = await openPlayground(browser.context, siteUrl);
    await run(page, 'a1 LOGIN alice wonderland', 'a1');
    const select = await run(page, 'a2 SELECT INBOX', 'a2');
    assert.ok(select.some((l) => /^\* 32 EXISTS/.test(l.text)), 'the demo INBOX answers');
    const fetched = await run(page, 'a3 FETCH 1 (FLAGS ENVELOPE)', 'a3');
    assert.match(fetched.at(-1).text, /^a3 OK/);
    // Every request stayed under the prefix of this one host.
    for (const url of requests) assert.ok(url.startsWith(siteUrl), `request outside the site: ${url}`);
    assert.ok(requests.some((u) => /\/pkg\/playground_wasm_bg\.[0-9a-f]{16}\.wasm$/.test(u)), 'the content-hashed module was loaded');
    // The bridge is not here, and the page says so instead of failing.
    await page.waitForSelector('.bridge-absent', { timeout: WAIT_MS });
    assert.equal(await page.locator('#bridge-target').isVisible(), false, 'no server picker on a static host');
    await page.locator('#input').fill('/connect anything');
    await page.locator('#input').press('Enter');
    await page.waitForFunction(() => [...document.querySelectorAll('#scrollback > .line')].some((e) => e.textContent.includes('need the bridge of imap-playground serve')), null, { timeout: WAIT_MS });
    // A lesson loads from the site's own lessons/ folder.
    await page.locator('#tab-lessons').click();
    await page.waitForFunction(() => (document.querySelector('[role=tabpanel]:not([hidden])')?.textContent ?? '').includes('First steps'), null, { timeout: WAIT_MS });
    assert.ok(requests.some((u) => u.startsWith(`${siteUrl}lessons/`)), 'lessons came from the site');
    assert.deepEqual(failed, [], 'no request failed');
    assert.deepEqual(errors, [], 'no errors in the console');
  } finally {
    await browser.close();
  }
});

test('an embed on a page of another origin frames the playground from where embed.js came', async () => {
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${otherOrigin}/index.html`);
    const frameHandle = await page.waitForFunction(() => document.querySelector('imap-playground')?.frame ?? null, null, { timeout: WAIT_MS });
    const src = await frameHandle.evaluate((f) => f.src);
    assert.ok(src.startsWith(`${siteUrl}?embed=1`), `the frame comes from the site: ${src}`);
    const frame = await (await frameHandle.asElement()).contentFrame();
    // The embed runs its commands in its own engine.
    await frame.waitForFunction(() => [...document.querySelectorAll('#scrollback > .line')].some((e) => e.dataset.tag === 'a2' && /^a2 OK/.test(e.textContent)), null, { timeout: WAIT_MS });
    const lines = await scrollback(frame);
    assert.ok(lines.some((l) => /^\* 32 EXISTS/.test(l.text)), 'SELECT answered inside the embed');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
