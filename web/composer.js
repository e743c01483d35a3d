// The APPEND composer: a small form that builds a message (or takes a
// raw one), counts its octets as IMAP does (UTF-8 bytes, CRLF line ends)
// and sends `APPEND mailbox (flags) {n}` followed by the literal.

import { el, button } from './dom.js';

const encoder = new TextEncoder();

/** The message text with CRLF line ends (no trailing CRLF). */
export function messageText({ from, to, subject, body, raw }) {
  if (raw && raw.trim() !== '') return raw.replace(/\r\n|\r|\n/g, '\r\n').replace(/(\r\n)+$/, '');
  const date = new Date().toUTCString().replace('GMT', '+0000');
  const head = [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${subject}`,
    `Date: ${date}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
  ];
  return `${head.join('\r\n')}\r\n\r\n${body.replace(/\r\n|\r|\n/g, '\r\n')}`;
}

/** A mailbox name as an IMAP astring. */
export function astring(name) {
  return /^[A-Za-z0-9_.\-/&+]+$/.test(name) ? name : `"${name.replace(/[\\"]/g, '\\$&')}"`;
}

/** The APPEND command line and the literal, with the octet count. */
export function appendCommand(tag, mailbox, flags, text) {
  const n = encoder.encode(text).length;
  const f = flags.length ? ` (${flags.join(' ')})` : '';
  return { line: `${tag} APPEND ${astring(mailbox)}${f} {${n}}`, literal: text, octets: n };
}

function field(form, label, name, type = 'text', value = '') {
  const wrap = el('label', 'field');
  const span = el('span', '', label);
  const input = type === 'textarea' ? el('textarea') : el('input');
  if (input instanceof HTMLInputElement) input.type = type;
  input.name = name;
  input.value = value;
  wrap.append(span, input);
  form.append(wrap);
  return input;
}

/**
 * Builds the composer dialog. `send(line, literal)` runs the APPEND on the
 * active session.
 * @param {{send: (line: string, literal: string) => void, defaultFrom: () => string}} hooks
 * @returns {{open: () => void, dialog: HTMLDialogElement}}
 */
export function createComposer(hooks) {
  const dialog = el('dialog', 'composer');
  dialog.setAttribute('aria-labelledby', 'composer-title');
  const form = el('form');
  form.method = 'dialog';
  const h = el('h2', '', 'Compose an APPEND');
  h.id = 'composer-title';
  const intro = el('p', 'hint', 'The terminal sends APPEND with a literal: {n} is the message size in octets (UTF-8, CRLF line ends). Watch for the server\'s “+” before the content.');
  form.append(h, intro);
  const mailbox = field(form, 'Mailbox', 'mailbox', 'text', 'INBOX');
  const flagsBox = el('fieldset', 'flags');
  flagsBox.append(el('legend', '', 'Flags'));
  for (const f of ['\\Seen', '\\Flagged', '\\Answered', '\\Draft']) {
    const l = el('label');
    const c = el('input');
    c.type = 'checkbox';
    c.value = f;
    c.name = 'flag';
    l.append(c, ` ${f}`);
    flagsBox.append(l);
  }
  form.append(flagsBox);
  const from = field(form, 'From', 'from', 'text', 'Alice <alice@example.org>');
  const to = field(form, 'To', 'to', 'text', 'Bob <bob@example.org>');
  const subject = field(form, 'Subject', 'subject', 'text', 'Hello from the playground');
  const body = field(form, 'Body', 'body', 'textarea', 'Hi Bob,\n\nThis message was appended by hand.\n');
  const raw = field(form, 'Or paste a raw message (replaces the fields above)', 'raw', 'textarea', '');
  if (raw instanceof HTMLTextAreaElement) raw.rows = 3;
  const size = el('p', 'composer-size');
  size.setAttribute('aria-live', 'polite');
  const actions = el('div', 'actions');
  const cancel = button('Cancel', '', () => dialog.close());
  const ok = el('button', 'primary', 'Send APPEND');
  ok.type = 'submit';
  actions.append(cancel, ok);
  form.append(size, actions);
  dialog.append(form);
  document.body.append(dialog);

  const current = () => messageText({ from: from.value, to: to.value, subject: subject.value, body: body.value, raw: raw.value });
  const flags = () => [...flagsBox.querySelectorAll('input:checked')].map((c) => /** @type {HTMLInputElement} */ (c)).map((c) => c.value);
  const showSize = () => {
    const cmd = appendCommand('tag', mailbox.value || 'INBOX', flags(), current());
    size.textContent = `${cmd.octets} octets → ${cmd.line.slice(4)}`;
  };
  form.addEventListener('input', showSize);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const cmd = appendCommand('', mailbox.value.trim() || 'INBOX', flags(), current());
    dialog.close();
    hooks.send(cmd.line.trimStart(), cmd.literal);
  });
  return {
    dialog,
    open() {
      from.value = hooks.defaultFrom() || from.value;
      showSize();
      dialog.showModal();
      mailbox.focus();
    },
  };
}
