// Shared helpers for the browser tests: launch Debian's Chromium through
// playwright-core, open the playground, type a command and collect what the
// terminal shows until the command's tagged answer arrives.

import { test } from 'node:test';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Where the tests write what they make (screenshots, downloads): under
 * target/, so a test run leaves the tree as it found it. Pictures meant for
 * the README land in `ARTIFACTS/docs/` after a green run; copying them to
 * docs/ is a deliberate commit, never a side effect of testing.
 */
export const ARTIFACTS = process.env.PLAYGROUND_ARTIFACTS ?? join(repo, 'target', 'browser-artifacts');
/** README pictures from the last green run. */
export const DOC_SHOTS = join(ARTIFACTS, 'docs');

/** The page under test; `cargo xtask test` sets it. */
export const PLAYGROUND_URL = process.env.PLAYGROUND_URL ?? 'http://127.0.0.1:8080';

/** How long to wait for the page or an answer before calling it a failure (not a performance limit). */
export const WAIT_MS = Number(process.env.PLAYGROUND_WAIT_MS ?? 30_000);

/**
 * Steps of a test file that takes pictures for docs/: `step` is `test`,
 * counting failures; `shots` maps a file name to a PNG for DOC_SHOTS; and
 * `save(page, name)`, for `after`, writes the page's last look to
 * ARTIFACTS/`name` and, only when every step passed, the `shots`.
 */
export function stepsWithShots() {
  let failures = 0;
  /** @type {Map<string, Buffer>} */
  const shots = new Map();
  return {
    shots,
    /**
     * @param {string} name
     * @param {() => Promise<void>} body
     */
    step(name, body) {
      test(name, async () => {
        try {
          await body();
        } catch (e) {
          failures += 1;
          throw e;
        }
      });
    },
    /**
     * @param {import('playwright-core').Page | undefined} page
     * @param {string} name
     */
    async save(page, name) {
      if (page) {
        await mkdir(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: join(ARTIFACTS, name) }).catch(() => {});
      }
      if (failures === 0 && shots.size) {
        await mkdir(DOC_SHOTS, { recursive: true });
        for (const [file, png] of shots) await writeFile(join(DOC_SHOTS, file), png);
      }
    },
  };
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts Chromium with a fresh profile.
 * @param {{viewport?: {width: number, height: number}, colorScheme?: 'light'|'dark', ignoreHTTPSErrors?: boolean}} [options]
 * @returns {Promise<{context: import('playwright-core').BrowserContext, close: () => Promise<void>}>}
 */
export async function launch(options = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'imap-playground-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'dark',
    // For a reverse proxy's self-signed test certificate.
    ignoreHTTPSErrors: Boolean(options.ignoreHTTPSErrors),
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the playground and waits until the engine is ready (or fails with
 * the text of the page's error panel). The page keeps its mailboxes in
 * IndexedDB across loads; unless `keepData` is set, that saved data is
 * cleared first, so every test starts from the deterministic demo store.
 * @param {{keepData?: boolean}} [options]
 * @returns {Promise<{page: import('playwright-core').Page, requests: string[], errors: string[]}>}
 */
export async function openPlayground(context, url = PLAYGROUND_URL, options = {}) {
  const page = await context.newPage();
  if (!options.keepData) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin: new URL(url).origin, storageTypes: 'indexeddb' });
    await cdp.detach();
  }
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  await page.goto(url);
  await page.waitForFunction(
    () => document.documentElement.dataset.engine !== undefined || !document.getElementById('load-error')?.hidden,
    null,
    { timeout: WAIT_MS },
  );
  if (await page.locator('#load-error').isVisible()) {
    const why = await page.locator('#load-error-message').innerText();
    throw new Error(`the page could not start the engine: ${why}\n${errors.join('\n')}`);
  }
  // The workbench, the teaching layer and the bridge load after the prompt.
  await page.waitForFunction(() => document.documentElement.dataset.extras === 'ready', null, { timeout: WAIT_MS });
  return { page, requests, errors };
}

/** Every line of the scrollback: {kind, text, tag}. */
export async function scrollback(page) {
  return page.$$eval('#scrollback > .line', (els) =>
    els.map((e) => ({ kind: e.dataset.kind, text: e.textContent, tag: e.dataset.tag ?? null })));
}

/**
 * Types `command` into the prompt, presses Enter and waits until a tagged
 * server line with `tag` appears. Returns the lines added meanwhile.
 * @param {import('playwright-core').Page} page
 * @param {string} command
 * @param {string} tag the tag of the expected answer (the auto tag for untagged commands)
 */
export async function run(page, command, tag) {
  const before = await page.locator('#scrollback > .line').count();
  await page.locator('#input').fill(command);
  await page.locator('#input').press('Enter');
  try {
    await page.waitForFunction(
      ({ before, tag }) => [...document.querySelectorAll('#scrollback > .line')]
        .slice(before)
        .some((e) => e.classList.contains('line-server') && e.dataset.tag === tag),
      { before, tag },
      { timeout: WAIT_MS },
    );
  } catch (e) {
    const shown = (await scrollback(page)).slice(before).map((l) => `[${l.kind}] ${l.text}`).join('\n');
    throw new Error(`no tagged answer ${tag} to ${JSON.stringify(command)}; the terminal shows:\n${shown || '(nothing)'}`, { cause: e });
  }
  return (await scrollback(page)).slice(before);
}

/**
 * Opens the playground in a fresh Chromium, waits for the teaching layer,
 * and returns what `fn` returns. `fn` runs in the page and is given the
 * engine's wasm package (`/pkg/playground_wasm.js`), initialised, to make
 * its own `Playground`s with. The browser is closed whatever happens.
 * @template T
 * @param {(wasm: any) => Promise<T>} fn
 * @returns {Promise<T>}
 */
export async function evaluateInPlayground(fn) {
  const browser = await launch();
  try {
    const { page } = await openPlayground(browser.context);
    await page.waitForFunction(() => document.documentElement.dataset.teach === 'ready', null, { timeout: WAIT_MS });
    const wasm = await page.evaluateHandle(async () => {
      const mod = await import('/pkg/playground_wasm.js');
      await mod.default();
      return mod;
    });
    return await page.evaluate(fn, wasm);
  } finally {
    await browser.close();
  }
}
