// Persistence in IndexedDB: the store snapshot (bytes from
// Playground.snapshot) and the command history. Passwords are never
// written: a history entry whose shown text differs from what was sent
// (a masked LOGIN or AUTHENTICATE) is stored with its shown text only.

const DB = 'imap-playground';
const STORE = 'kv';

/**
 * @returns {Promise<IDBDatabase|null>} null when IndexedDB is unavailable,
 * and in an embed (`?embed=1`): every embedded playground starts from the
 * demo data, so a tutorial's page reads the same for every visitor and two
 * embeds never share what one of them saved.
 */
function openDb() {
  return new Promise((resolve) => {
    if (new URLSearchParams(globalThis.location?.search ?? '').has('embed')) {
      resolve(null);
      return;
    }
    let req;
    try {
      req = indexedDB.open(DB, 1);
    } catch {
      resolve(null);
      return;
    }
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(null);
    req.onblocked = () => resolve(null);
  });
}

const dbReady = openDb();

/** Reads one value (undefined when missing or on error). */
export async function get(key) {
  const db = await dbReady;
  if (!db) return undefined;
  return new Promise((resolve) => {
    const req = db.transaction(STORE).objectStore(STORE).get(key);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(undefined);
  });
}

/** Writes one value; resolves when committed. */
export async function put(key, value) {
  const db = await dbReady;
  if (!db) return;
  await new Promise((resolve) => {
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put(value, key);
    tx.oncomplete = () => resolve();
    tx.onerror = () => resolve();
    tx.onabort = () => resolve();
  });
}

/** Removes one value. */
export async function remove(key) {
  const db = await dbReady;
  if (!db) return;
  await new Promise((resolve) => {
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).delete(key);
    tx.oncomplete = () => resolve();
    tx.onerror = () => resolve();
  });
}

/** Calls `fn` once, `ms` after the last call of the returned function. */
export function debounce(fn, ms) {
  let timer = 0;
  const run = () => { timer = 0; fn(); };
  const call = () => { clearTimeout(timer); timer = setTimeout(run, ms); };
  call.flush = () => { if (timer) { clearTimeout(timer); run(); } };
  return call;
}

/** The most history entries kept. */
export const HISTORY_MAX = 500;

/**
 * The history saved by an earlier visit: [{shown, real}], oldest first.
 * Not awaited at the top of the module: opening IndexedDB in a new profile
 * takes tens of milliseconds, which the wasm download can overlap.
 */
export async function loadHistory() {
  const saved = await get('history');
  if (!Array.isArray(saved)) return [];
  return saved
    .filter((h) => typeof h === 'string')
    .map((shown) => ({ shown, real: shown }));
}

let pendingHistory = null;
const writeHistory = debounce(() => {
  if (pendingHistory) put('history', pendingHistory);
}, 200);

/** Saves the history soon (only the shown, masked text of each entry). */
export function saveHistory(history) {
  pendingHistory = history.slice(-HISTORY_MAX).map((h) => h.shown);
  writeHistory();
}

/** What restoreSaved found, for the first message in the terminal. */
let note = '';

/** What restoreSaved found, or '' (shown once the workbench is on the page). */
export function restoreNote() {
  return note;
}

/**
 * Loads the store saved by an earlier visit into `pg`, before any session
 * opens. A snapshot that cannot be read is dropped (the demo data stays).
 */
export async function restoreSaved(pg) {
  const bytes = await get('store');
  if (!bytes) return;
  try {
    pg.restore(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
    note = 'Your mailboxes were restored from the last visit. “Reset demo data” starts over.';
  } catch (e) {
    note = `The saved mailboxes could not be read (${e.message}); the demo data is loaded instead.`;
    await remove('store');
  }
}
