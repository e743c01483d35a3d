// The page's embed options, read from its URL (the iframe that embed.js
// makes, or a tutorial author's own iframe):
//   ?embed=1            compact page: terminal and lesson only
//   &lesson=ID          open this lesson (progress not saved)
//   &commands=LINES     run these lines first; one per line, or separated by " | "
//   &readonly=1         a demo: the prompt is disabled, clicks still run commands
//   &theme=light|dark   force a colour scheme
//   &mbox=URL           APPEND the messages of this mbox file (same origin)
//   &mbox-user=NAME     into this demo account's INBOX (alice by default)

import { DEMO_ACCOUNTS } from './share.js';

/** Most messages taken from one mbox fixture. */
const MAX_MESSAGES = 1000;

/** The options in `url`. */
export function embedOptions(url) {
  const p = url.searchParams;
  const commands = p.getAll('commands').flatMap((c) => c.split(/\r?\n|\s\|\s/)).map((c) => c.trim()).filter(Boolean);
  const theme = p.get('theme');
  return {
    embed: p.get('embed') === '1',
    lesson: p.get('lesson') || null,
    commands,
    readOnly: p.get('readonly') === '1',
    theme: theme === 'light' || theme === 'dark' ? theme : null,
    mbox: p.get('mbox') || null,
    mboxUser: (p.get('mbox-user') || 'alice').toLowerCase(),
  };
}

/** Applies the layout options to the document. */
export function applyEmbed(options, panel) {
  if (options.theme) document.documentElement.dataset.theme = options.theme;
  if (options.embed) document.body.classList.add('embed');
  if (options.readOnly) document.body.classList.add('read-only');
  if (options.embed && !options.lesson) panel.classList.add('no-lesson');
}

/**
 * Splits an mbox file (bytes as a latin1 string, so one char is one byte)
 * into messages with CRLF line ends. Lines starting "From " after a blank
 * line (or at the start) separate messages; ">From " is unescaped.
 */
export function splitMbox(text) {
  const lines = text.split(/\r?\n/);
  const messages = [];
  let current = null;
  let blank = true;
  for (const line of lines) {
    if (line.startsWith('From ') && blank) {
      if (current) messages.push(current);
      current = [];
      blank = false;
      continue;
    }
    blank = line === '';
    if (current) current.push(line.replace(/^>(>*From )/, '$1'));
  }
  if (current) messages.push(current);
  return messages.slice(0, MAX_MESSAGES).map((m) => {
    while (m.length && m.at(-1) === '') m.pop();
    return m.join('\r\n') + '\r\n';
  });
}

function latin1Bytes(s) {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i += 1) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

/**
 * Fetches an mbox file and APPENDs its messages through the engine, on a
 * session of its own that logs in as a demo account. Returns the count.
 */
export async function loadMbox(pg, url, user) {
  const password = DEMO_ACCOUNTS[user];
  if (!password) throw new Error(`${user} is not a demo account`);
  const response = await fetch(new URL(url, location.href));
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const raw = new Uint8Array(await response.arrayBuffer());
  let text = '';
  for (let i = 0; i < raw.length; i += 8192) text += String.fromCharCode(...raw.subarray(i, i + 8192));
  const messages = splitMbox(text);
  const enc = new TextEncoder();
  const id = pg.openSession();
  try {
    pg.poll(id);
    pg.send(id, enc.encode(`m0 LOGIN ${user} ${password}\r\n`));
    messages.forEach((m, i) => {
      const bytes = latin1Bytes(m);
      pg.send(id, enc.encode(`m${i + 1} APPEND INBOX {${bytes.length}}\r\n`));
      const body = new Uint8Array(bytes.length + 2);
      body.set(bytes);
      body.set([13, 10], bytes.length);
      pg.send(id, body);
    });
    pg.send(id, enc.encode('mz LOGOUT\r\n'));
    document.dispatchEvent(new CustomEvent('playground:sent', { detail: { id } }));
  } finally {
    pg.closeSession(id);
  }
  return messages.length;
}
