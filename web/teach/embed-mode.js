// The embed options that need the engine or the lesson panel: an mbox
// fixture and the lesson column. The options themselves are read in
// ../options.js, which main.js applies before the first paint.

import { DEMO_ACCOUNTS } from './share.js';

/** Most messages taken from one mbox fixture. */
const MAX_MESSAGES = 1000;

export { embedOptions } from '../options.js';

/** Applies the options that concern the lesson panel. */
export function applyEmbed(options, panel) {
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
