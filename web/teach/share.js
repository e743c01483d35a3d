// Share links: the URL fragment `#replay=` carries the session's typed
// lines (JSON, URI-encoded), so opening the link replays them. Fragments
// never reach the server. Passwords of accounts other than the demo ones
// are removed before the link is made.

/** The demo accounts whose passwords are public anyway. */
export const DEMO_ACCOUNTS = { alice: 'wonderland', bob: 'builder' };

const ASTRING = String.raw`(?:"(?:[^"\\]|\\.)*"|\S+)`;
const LOGIN_RE = new RegExp(String.raw`^(\s*\S+\s+LOGIN\s+)(${ASTRING})(\s+)(${ASTRING})(.*)$`, 'i');
const AUTH_PLAIN_RE = /^(\s*\S+\s+AUTHENTICATE\s+PLAIN)(\s+(\S+))?\s*$/i;

function unquote(s) {
  return s.startsWith('"') ? s.slice(1, -1).replace(/\\(.)/g, '$1') : s;
}

function isDemo(user, password) {
  return Object.hasOwn(DEMO_ACCOUNTS, user.toLowerCase()) && DEMO_ACCOUNTS[user.toLowerCase()] === password;
}

/** Removes a line's password unless it is a demo account's. */
export function scrubPassword(line) {
  const m = LOGIN_RE.exec(line);
  if (m) {
    if (isDemo(unquote(m[2]), unquote(m[4]))) return line;
    return `${m[1]}${m[2]}${m[3]}""${m[5]}`;
  }
  const a = AUTH_PLAIN_RE.exec(line);
  if (a && a[3]) {
    let decoded = '';
    try { decoded = atob(a[3]); } catch { decoded = ''; }
    const [, user = '', password = ''] = decoded.split('\0');
    if (isDemo(user, password)) return line;
    return a[1];
  }
  return line;
}

/**
 * The link that replays `lines` on this page.
 * @param {string} href the current page
 * @param {string[]} lines typed lines, real text
 */
export function shareLink(href, lines) {
  const url = new URL(href);
  url.hash = '';
  url.searchParams.delete('commands');
  const scrubbed = [];
  let afterAuth = false;
  for (const line of lines) {
    // A SASL answer typed after the + prompt is a password too.
    if (afterAuth) { afterAuth = false; scrubbed.push('*'); continue; }
    const clean = scrubPassword(line);
    if (AUTH_PLAIN_RE.test(line) && !AUTH_PLAIN_RE.exec(line)?.[3]) afterAuth = true;
    scrubbed.push(clean);
  }
  return `${url.href}#replay=${encodeURIComponent(JSON.stringify(scrubbed))}`;
}

/** The lines of a `#replay=` fragment, or null. */
export function readReplay(hash) {
  const m = /^#replay=(.*)$/.exec(hash ?? '');
  if (!m) return null;
  try {
    const lines = JSON.parse(decodeURIComponent(m[1]));
    return Array.isArray(lines) ? lines.filter((l) => typeof l === 'string').slice(0, 500) : null;
  } catch {
    return null;
  }
}
