// The mailbox inspector: the logged-in user's mailbox tree with counts,
// and the selected mailbox as the inspected session sees it (its own
// sequence numbers). Changes since the last look are marked: new flags,
// rows that leave after EXPUNGE and the sequence numbers that shift.
// Once the session has CONDSTORE on, each row shows its MODSEQ, and the
// rows changed since a MODSEQ the learner types are marked.
// Only the visible rows are rendered, so 10,000 messages stay fast.

import { el } from './dom.js';

const ROW_H = 40;
const OVERSCAN = 12;
/** How long a change stays marked, in milliseconds. */
const MARK_MS = 2600;

export class Inspector {
  /**
   * @param {HTMLElement} root where the inspector is drawn
   * @param {() => any} pg the Playground
   * @param {{onPick: (name: string) => void}} options
   */
  constructor(root, pg, options) {
    this.pg = pg;
    this.onPick = options.onPick;
    /** @type {() => number} */
    this.getId = () => 0;
    this.label = '';
    /** uid → {seq, flags} of the last rows shown, for the selected mailbox. */
    this.prev = new Map();
    /** Which mailbox `prev` belongs to: `${session}/${mailbox}/${uidValidity}`. */
    this.prevKey = '';
    /** uid → {until, flags?: new flags, seq?: old number, added?} of recent changes. */
    this.marks = new Map();
    this.lastSig = '';
    this.root = root;
    root.classList.add('inspector');
    root.setAttribute('aria-labelledby', 'inspector-heading');
    const head = el('div', 'insp-head');
    const h = el('h2', 'insp-title', 'Mailbox inspector');
    h.id = 'inspector-heading';
    this.who = el('span', 'insp-who');
    head.append(h, this.who);
    this.treeBox = el('nav', 'insp-tree');
    this.treeBox.setAttribute('aria-label', 'Mailboxes');
    this.selBox = el('section', 'insp-sel');
    this.selTitle = el('h3', 'insp-sel-title');
    this.selMeta = el('p', 'insp-meta');
    this.note = el('p', 'insp-note');
    this.note.setAttribute('role', 'status');
    this.scroll = el('div', 'insp-scroll');
    this.scroll.tabIndex = 0;
    this.scroll.setAttribute('aria-label', 'Messages in the selected mailbox');
    const table = el('table', 'insp-table');
    const thead = el('thead');
    const hr = el('tr');
    for (const [name, cls] of [['#', 'c-seq'], ['UID', 'c-uid'], ['MODSEQ', 'c-modseq'], ['Flags', 'c-flags'], ['Date', 'c-date'], ['Subject · From', 'c-msg']]) {
      const th = el('th', cls, name);
      th.scope = 'col';
      hr.append(th);
    }
    thead.append(hr);
    this.tbody = el('tbody');
    table.append(thead, this.tbody);
    this.scroll.append(table);
    // CONDSTORE: mark the rows whose MODSEQ is above the one typed here.
    this.since = /** @type {HTMLInputElement} */ (el('input', 'insp-since'));
    this.since.type = 'number';
    this.since.min = '0';
    this.since.placeholder = 'a MODSEQ';
    this.since.id = 'insp-since';
    const sinceLabel = el('label', 'insp-since-box', 'Mark what changed since ');
    sinceLabel.append(this.since);
    this.since.addEventListener('input', () => this.refresh('scroll'));
    this.selBox.append(this.selTitle, this.selMeta, sinceLabel, this.note, this.scroll);
    // In proxy mode the mailboxes are a real server's, which this page does
    // not hold: the sandbox's must not be shown under its name.
    this.away = el('p', 'insp-away');
    this.away.setAttribute('role', 'status');
    this.away.hidden = true;
    root.append(head, this.away, this.treeBox, this.selBox);
    this.remote = null;
    document.addEventListener('playground:bridge', (e) => this.bridged(e.detail?.target ?? null));
    let pending = 0;
    this.scroll.addEventListener('scroll', () => {
      if (pending) return;
      pending = requestAnimationFrame(() => { pending = 0; this.refresh('scroll'); });
    });
  }

  /**
   * Connected to a real server (`target`), or back in the sandbox (null).
   * The real server's mailboxes live there, so the inspector says so and
   * hides the sandbox's instead of showing them under the wrong name.
   */
  bridged(target) {
    this.remote = target;
    const away = target !== null;
    this.away.hidden = !away;
    this.treeBox.hidden = away;
    this.selBox.hidden = away;
    if (away) {
      this.away.textContent = `This terminal now talks to ${target}, a real IMAP server through the bridge. `
        + 'Its mailboxes live on that server, not in this page, so the inspector has nothing of them to show; '
        + 'their answers in the terminal are the picture. /disconnect brings the sandbox and its inspector back.';
      this.who.textContent = `${target} (real server)`;
    } else {
      this.refresh('command');
    }
  }

  /** Inspects the session `getId()` returns (labelled `label`) from now on. */
  follow(getId, label) {
    this.getId = getId;
    this.label = label;
    this.refresh('command');
  }

  /**
   * Redraws from the engine. `mode` is `command` (after a command: compare
   * and describe), `tick` (a timer: compare, describe only news) or
   * `scroll` (just draw). Marks stay for MARK_MS so a timer cannot wipe them.
   */
  refresh(mode = 'command') {
    if (this.remote !== null) return;
    const compare = mode !== 'scroll';
    this.session = this.getId();
    if (!this.session) return;
    let view;
    try {
      const top = Math.max(0, Math.floor(this.scroll.scrollTop / ROW_H) - OVERSCAN);
      const count = Math.ceil((this.scroll.clientHeight || 400) / ROW_H) + 2 * OVERSCAN;
      view = this.pg().inspect(this.session, top, count);
    } catch {
      return; // the session is gone (a reset); the next follow() fixes it
    }
    // A timer redraws only when something changed (no flicker, no work).
    const sig = JSON.stringify(view);
    if (mode === 'tick' && sig === this.lastSig) return;
    this.lastSig = sig;
    this.who.textContent = this.label + (view.user ? ` · ${view.user}` : '');
    this.drawTree(view);
    this.drawSelected(view.selected, compare, mode === 'command');
  }

  drawTree(view) {
    if (!view.user) {
      this.treeBox.replaceChildren(el('p', 'insp-empty', 'Log in (LOGIN alice wonderland) to see the mailboxes.'));
      return;
    }
    const ul = el('ul', 'tree');
    for (const mb of view.tree) {
      const li = el('li');
      li.style.setProperty('--depth', String(mb.depth));
      const b = el('button', 'tree-item');
      b.type = 'button';
      b.dataset.mailbox = mb.name;
      if (mb.noselect) b.classList.add('noselect');
      if (view.selected && view.selected.mailbox.toUpperCase() === mb.name.toUpperCase()) {
        b.setAttribute('aria-current', 'true');
      }
      const name = el('span', 'tree-name', mb.leaf);
      const counts = el('span', 'tree-counts');
      if (!mb.noselect) {
        counts.append(el('span', 'tree-total', String(mb.messages)));
        if (mb.unseen) counts.append(el('span', 'tree-unseen', `${mb.unseen} unseen`));
      }
      b.append(name, counts);
      b.title = mb.noselect ? `${mb.name} (holds no messages)` : `${mb.name}: ${mb.messages} messages, ${mb.unseen} unseen. Click to type SELECT.`;
      b.addEventListener('click', () => this.onPick(mb.name));
      li.append(b);
      ul.append(li);
    }
    this.treeBox.replaceChildren(ul);
  }

  drawSelected(sel, compare, describe) {
    this.selBox.hidden = !sel;
    if (!sel) {
      this.prev = new Map();
      this.prevKey = '';
      this.note.textContent = '';
      return;
    }
    const key = `${this.session}/${sel.mailbox}/${sel.uidValidity}`;
    const sameBox = key === this.prevKey;
    this.selTitle.textContent = sel.mailbox + (sel.readOnly ? ' (read-only)' : '');
    this.selMeta.textContent = `${sel.exists} messages as this session knows them · UIDVALIDITY ${sel.uidValidity} · UIDNEXT ${sel.uidNext}`
      + (sel.condstore ? ` · HIGHESTMODSEQ ${sel.highestModseq}` : '');
    this.root.classList.toggle('condstore', sel.condstore);
    const since = sel.condstore && this.since.value !== '' ? Number(this.since.value) : null;
    const news = [];
    if (sel.unannounced) news.push(`${sel.unannounced} new message${sel.unannounced > 1 ? 's' : ''} not announced to this session yet (its next command brings the EXISTS).`);
    const stale = sel.rows.filter((r) => r.expunged).length;
    if (stale) news.push(`${stale} row${stale > 1 ? 's were' : ' was'} expunged by another session; this session keeps the number until it is told.`);

    const rows = sel.rows;
    const changed = [];
    const removed = [];
    let shifted = 0;
    if (compare && sameBox && this.prev.size) {
      const now = new Map(rows.map((r) => [r.uid, r]));
      const lo = rows.length ? rows[0].uid : 0;
      const hi = rows.length ? rows[rows.length - 1].uid : 0;
      // Rows of the last look that are gone now. When the window shows the
      // whole mailbox every missing UID left; otherwise only those inside it.
      const whole = sel.offset === 0 && rows.length >= sel.exists;
      for (const [uid, old] of this.prev) {
        if (!now.has(uid) && (whole || (uid > lo && uid < hi))) removed.push({ uid, ...old });
      }
      for (const r of rows) {
        const old = this.prev.get(r.uid);
        if (old && old.flags !== r.flags.join(' ')) changed.push(r.uid);
        if (old && old.seq !== r.seq) shifted += 1;
      }
      if (removed.length) {
        const which = removed.map((r) => `UID ${r.uid} (was #${r.seq})`).join(', ');
        news.unshift(`EXPUNGE removed ${which}${shifted ? `; ${shifted} later message${shifted > 1 ? 's' : ''} moved up` : ''}.`);
      }
      if (changed.length) news.unshift(`Flags changed on #${changed.map((u) => now.get(u).seq).join(', #')}.`);
    }
    if (describe || !sameBox || (compare && news.length && (changed.length || removed.length))) this.note.textContent = news.join(' ');

    const now = Date.now();
    if (!sameBox) this.marks = new Map();
    for (const [uid, m] of this.marks) if (m.until < now) this.marks.delete(uid);
    const mark = (uid, what, extra) => {
      const m = this.marks.get(uid) ?? { until: 0 };
      m.until = now + MARK_MS;
      m[what] = extra ?? true;
      this.marks.set(uid, m);
    };
    if (compare && sameBox && this.prev.size) {
      const maxPrev = Math.max(...this.prev.keys());
      for (const r of rows) {
        const old = this.prev.get(r.uid);
        if (old && old.flags !== r.flags.join(' ')) {
          const before = old.flags.split(' ');
          mark(r.uid, 'flags', r.flags.filter((f) => !before.includes(f)));
        }
        if (old && old.seq !== r.seq) mark(r.uid, 'seq', old.seq);
        if (!old && !r.expunged && r.uid > maxPrev) mark(r.uid, 'added');
      }
    }
    const frag = document.createDocumentFragment();
    const top = el('tr', 'spacer');
    top.style.height = `${sel.offset * ROW_H}px`;
    frag.append(top);
    const removedBySeq = new Map(removed.map((r) => [r.seq, r]));
    for (const r of rows) {
      const ghost = removedBySeq.get(r.seq);
      if (ghost) frag.append(this.ghostRow(ghost));
      const m = this.marks?.get(r.uid);
      const tr = el('tr', 'row');
      tr.dataset.uid = String(r.uid);
      tr.dataset.seq = String(r.seq);
      if (r.expunged) {
        tr.classList.add('stale');
        tr.title = 'Expunged by another session: this session has not been told yet';
      }
      const seq = el('td', 'c-seq');
      if (m?.seq !== undefined && m.seq !== r.seq) {
        tr.classList.add('renumbered');
        seq.append(el('s', 'old-seq', String(m.seq)), ` ${r.seq}`);
        seq.title = `was ${m.seq}`;
      } else seq.textContent = String(r.seq);
      const flags = el('td', 'c-flags');
      for (const f of r.flags) {
        const chip = el('span', 'flag', f);
        chip.dataset.flag = f;
        if (m?.flags && m.flags.includes(f)) chip.classList.add('new');
        flags.append(chip);
      }
      if (m?.flags) tr.classList.add('changed');
      if (m?.added) tr.classList.add('added');
      const modseq = el('td', 'c-modseq', r.expunged ? '' : String(r.modseq));
      if (since !== null && !r.expunged && r.modseq > since) {
        tr.classList.add('since');
        modseq.title = `changed since MODSEQ ${since}`;
      }
      const date = el('td', 'c-date', r.date.slice(0, 10));
      date.title = r.date;
      const msg = el('td', 'c-msg');
      msg.append(el('span', 'c-subject', r.subject || '(no subject)'), el('span', 'c-from', r.from));
      msg.title = `${r.subject}\n${r.from}`;
      tr.append(seq, el('td', 'c-uid', String(r.uid)), modseq, flags, date, msg);
      frag.append(tr);
    }
    for (const g of removed) if (!rows.some((r) => r.seq === g.seq)) frag.append(this.ghostRow(g));
    const bottom = el('tr', 'spacer');
    bottom.style.height = `${Math.max(0, sel.exists - sel.offset - rows.length) * ROW_H}px`;
    frag.append(bottom);
    this.tbody.replaceChildren(frag);
    // What was drawn is what the next comparison starts from.
    if (!sameBox) this.prev = new Map();
    for (const r of rows) this.prev.set(r.uid, { seq: r.seq, flags: r.flags.join(' ') });
    for (const g of removed) this.prev.delete(g.uid);
    this.prevKey = key;
  }

  ghostRow(g) {
    const tr = el('tr', 'row leaving');
    tr.dataset.uid = String(g.uid);
    tr.setAttribute('aria-hidden', 'true');
    const td = el('td', 'c-ghost', `#${g.seq} · UID ${g.uid} expunged`);
    td.colSpan = 6;
    tr.append(td);
    setTimeout(() => tr.remove(), 2400);
    return tr;
  }
}
