// Share links: the URL fragment `#replay=` carries the session's typed
// lines (JSON, URI-encoded), so opening the link replays them. Fragments
// never reach the server. The lines are the ones the terminal shows, which
// the façade's redactor made: no password or SASL answer is in them. A
// LOGIN of a demo account gets its public password back when replayed.

/** The demo accounts, whose passwords the page itself prints. */
export const DEMO_ACCOUNTS = { alice: 'wonderland', bob: 'builder' };

/** What the redactor puts where a secret was (crates/playground-wasm/src/redact.rs). */
const MASK = '••••••';

/**
 * The link that replays `lines` on this page.
 * @param {string} href the current page
 * @param {string[]} lines typed lines as shown (already redacted)
 */
export function shareLink(href, lines) {
  const url = new URL(href);
  url.hash = '';
  url.searchParams.delete('commands');
  return `${url.href}#replay=${encodeURIComponent(JSON.stringify(lines))}`;
}

/**
 * A replayed line as it can run: `TAG LOGIN alice ••••••` logs in again
 * when the user is a demo account; for anyone else the password is empty
 * (`""`), so the server answers NO as to a wrong password.
 */
export function restoreDemo(line) {
  const words = line.trim().split(/\s+/);
  if (words.length !== 4 || words[1].toUpperCase() !== 'LOGIN' || words[3] !== MASK) return line;
  const user = words[2].replace(/^"(.*)"$/, '$1').toLowerCase();
  const password = Object.hasOwn(DEMO_ACCOUNTS, user) ? DEMO_ACCOUNTS[user] : '""';
  return `${words[0]} ${words[1]} ${words[2]} ${password}`;
}

/** The lines of a `#replay=` fragment, or null. */
export function readReplay(hash) {
  const m = /^#replay=(.*)$/.exec(hash ?? '');
  if (!m) return null;
  try {
    const lines = JSON.parse(decodeURIComponent(m[1]));
    return Array.isArray(lines) ? lines.filter((l) => typeof l === 'string').slice(0, 500).map(restoreDemo) : null;
  } catch {
    return null;
  }
}
