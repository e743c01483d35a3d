// The embed options that need the engine or the lesson panel: an mbox
// fixture (read by the engine, as the Import button's files are) and the
// lesson column. The options themselves are read in
// ../options.js, which main.js applies before the first paint.

import { DEMO_ACCOUNTS } from './share.js';

/** Most bytes read from one mbox fixture. */
const MAX_BYTES = 16 * 1024 * 1024;

export { embedOptions } from '../options.js';

/** Applies the options that concern the lesson panel. */
export function applyEmbed(options, panel) {
  if (options.embed && !options.lesson) panel.classList.add('no-lesson');
}

/**
 * Fetches an mbox file and imports its messages into `user`'s INBOX with
 * the engine's own mbox reader (Playground.importMbox, the one the Import
 * button uses). Returns `{imported, errors}`.
 * @param {any} pg the Playground
 * @param {string} url
 * @param {string} user a demo account
 * @returns {Promise<{imported: number, errors: string[]}>}
 */
export async function loadMbox(pg, url, user) {
  if (!Object.hasOwn(DEMO_ACCOUNTS, user)) throw new Error(`${user} is not a demo account`);
  const response = await fetch(new URL(url, location.href));
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_BYTES) throw new Error(`the file has ${bytes.length} bytes; a fixture may have ${MAX_BYTES}`);
  const report = pg.importMbox(user, 'INBOX', bytes, 1);
  document.dispatchEvent(new CustomEvent('playground:sent', { detail: { id: 0 } }));
  return report;
}
