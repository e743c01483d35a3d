//! FETCH and UID FETCH.

use imap_syntax::{
    Code, Encode, FetchAttr, FetchItems, FetchValue, FetchWriter, Flag, Section, SectionText,
    SequenceSet, Tag,
};
use mailstore::analysis::header_fields;
use mailstore::{MailboxData, Message, Part, PartKind, SystemFlag};

use super::{Outcome, binary};
use crate::convert;
use crate::session::{ExpungedAnswer, Pending, Session, State, lock};

/// A FETCH under way: what it answers and how far it has got. Answered
/// in one go unless [`SessionOptions::fetch_batch`] splits it; then it
/// waits in [`Pending::Fetch`] between batches.
///
/// [`SessionOptions::fetch_batch`]: crate::SessionOptions::fetch_batch
/// [`Pending::Fetch`]: crate::session::Pending::Fetch
#[derive(Debug)]
pub(crate) struct FetchJob {
    /// The command's tag, for the tagged answer at the end.
    pub tag: Tag,
    /// UID FETCH.
    pub uid: bool,
    attrs: Vec<FetchAttr>,
    /// The messages' positions in the view, ascending.
    positions: Vec<usize>,
    /// Whether each of them is recent, where FLAGS may be written.
    recent_at: Vec<bool>,
    /// How many of `positions` are answered.
    done: usize,
    /// Reading a body without PEEK marks the message \Seen.
    sets_seen: bool,
    wants_flags: bool,
    /// Some messages were expunged by another session.
    expunged: bool,
    /// Where the next message usually is in the mailbox.
    next: usize,
    /// CHANGEDSINCE (RFC 7162): only messages whose modseq is above it.
    changed_since: Option<u64>,
}

/// FETCH's modifiers (RFC 7162).
pub(crate) struct Modifiers {
    /// `CHANGEDSINCE n`
    pub changed_since: Option<u64>,
    /// `VANISHED` (QRESYNC, UID FETCH only, with CHANGEDSINCE).
    pub vanished: bool,
}

/// `FETCH set items [(CHANGEDSINCE n)]` and `UID FETCH ... [(CHANGEDSINCE
/// n VANISHED)]`: the outcome, or `None` when the answer is split into
/// batches and the rest waits for [`Session::resume`].
pub(crate) fn fetch(
    session: &mut Session,
    tag: &Tag,
    set: &SequenceSet,
    items: &FetchItems,
    uid: bool,
    modifiers: Modifiers,
) -> Option<Outcome> {
    let changed_since = modifiers.changed_since;
    if modifiers.vanished {
        if !uid {
            return Some(Outcome::bad(
                "VANISHED needs UID FETCH: it answers with UIDs (RFC 7162 §3.2.6)",
            ));
        }
        if !session.qresync {
            return Some(Outcome::bad(
                "VANISHED needs QRESYNC: send ENABLE QRESYNC first (RFC 7162 §3.2.6)",
            ));
        }
        if let Some(n) = changed_since {
            super::condstore::tell_vanished(session, set, n);
        }
    }
    let mut attrs = items.expand();
    // UID FETCH always returns the UID, first (as Dovecot does).
    if uid && !attrs.contains(&FetchAttr::Uid) {
        attrs.insert(0, FetchAttr::Uid);
    }
    // CHANGEDSINCE implies MODSEQ (RFC 7162 §3.1.4.1), last.
    if changed_since.is_some() && !attrs.contains(&FetchAttr::ModSeq) {
        attrs.push(FetchAttr::ModSeq);
    }
    if attrs.contains(&FetchAttr::ModSeq) {
        super::condstore::turn_on(session);
    }
    let State::Selected { view, .. } = &session.state else {
        return Some(Outcome::bad("No mailbox selected"));
    };
    let positions = match view.resolve(set, uid) {
        Ok(p) => p,
        Err(text) => return Some(Outcome::bad(text)),
    };
    // Reading a body without PEEK marks the message \Seen, unless read-only.
    let sets_seen = !view.read_only
        && attrs.iter().any(|a| {
            matches!(
                a,
                FetchAttr::Rfc822
                    | FetchAttr::Rfc822Text
                    | FetchAttr::BodySection { peek: false, .. }
                    | FetchAttr::Binary { peek: false, .. }
            )
        });
    let wants_flags = attrs.contains(&FetchAttr::Flags);
    // \Recent matters only where FLAGS is written.
    let recent_at = if wants_flags || sets_seen {
        view.recent_at(&positions)
    } else {
        Vec::new()
    };
    let job = FetchJob {
        tag: tag.clone(),
        uid,
        attrs,
        positions,
        recent_at,
        done: 0,
        sets_seen,
        wants_flags,
        expunged: false,
        next: 0,
        changed_since,
    };
    run(session, Box::new(job))
}

/// Answers the next messages of `job`: all of them, or, under
/// [`SessionOptions::fetch_batch`], until that many octets are queued. The
/// outcome when the FETCH is done; otherwise `None`, and the job waits in
/// [`Pending::Fetch`] for [`Session::resume`].
///
/// [`SessionOptions::fetch_batch`]: crate::SessionOptions::fetch_batch
/// [`Pending::Fetch`]: crate::session::Pending::Fetch
pub(crate) fn run(session: &mut Session, mut job: Box<FetchJob>) -> Option<Outcome> {
    let State::Selected { user, view } = &mut session.state else {
        return Some(Outcome::bad("No mailbox selected"));
    };
    let mut store = lock(&session.store);
    let Some(mailbox) = view.mailbox_in(&mut store, user) else {
        return Some(Outcome::no("The selected mailbox no longer exists"));
    };
    let serve = session.options.expunged == ExpungedAnswer::Serve;
    let batch = session.options.fetch_batch;
    // Every response goes straight into the session's output, in order:
    // nothing else is queued while a FETCH runs.
    let out = &mut session.out;
    let queued_before = out.pending().len();
    // FLAGS first if another session used a keyword this client has not
    // been told of (as Dovecot, whatever the items): a FETCH may show it.
    // (Between batches another session may have used one.)
    for r in view.announce_keywords(mailbox) {
        out.write(|bytes| r.encode(bytes));
    }
    let attrs = &job.attrs;
    let mut reuse = Reuse::default();
    let first = job.done;
    while let Some(&pos) = job.positions.get(job.done) {
        if batch > 0
            && job.done > first
            && out.pending().len().saturating_sub(queued_before) >= batch
        {
            break;
        }
        let recent = job.recent_at.get(job.done).copied().unwrap_or(false);
        job.done += 1;
        let Some(&msg_uid) = view.uids.get(pos) else {
            continue;
        };
        let seq = u32::try_from(pos + 1).unwrap_or(u32::MAX);
        let Some(index) = mailbox.index_of_uid_near(msg_uid, job.next) else {
            // Expunged by another session and not yet reported: the session
            // still numbers the message, so it gets what the store kept of
            // it (never marked \Seen: it is gone).
            job.expunged = true;
            if serve
                && let Some(m) = mailbox.expunged_message(msg_uid)
                && job.changed_since.is_none_or(|n| m.modseq > n)
            {
                out.write(|bytes| {
                    let mut w = FetchWriter::new(bytes, seq);
                    for a in attrs {
                        if !write_item(&mut w, m, a, recent, mailbox, &mut reuse) {
                            break;
                        }
                    }
                    w.finish();
                });
            }
            continue;
        };
        job.next = index + 1;
        if let Some(n) = job.changed_since
            && mailbox.messages().get(index).is_some_and(|m| m.modseq <= n)
        {
            continue;
        }
        let mut newly_seen = false;
        if job.sets_seen
            && let Some(m) = mailbox.messages().get(index)
            && !m.flags.has(SystemFlag::Seen)
        {
            let mut flags = m.flags.clone();
            flags.insert(SystemFlag::Seen);
            if mailbox.set_flags(index, flags) {
                newly_seen = true;
                view.note_own_change(msg_uid, mailbox.modseq());
            }
        }
        let Some(m) = mailbox.messages().get(index) else {
            continue;
        };
        // Encoded item by item, so a FETCH of many large bodies never
        // holds them all twice (as values and as bytes).
        let mut failed = false;
        out.write(|bytes| {
            let mut w = FetchWriter::new(bytes, seq);
            let mut written = 0;
            if newly_seen && !job.wants_flags {
                // The implicit \Seen is reported first, as Dovecot does.
                write_item(&mut w, m, &FetchAttr::Flags, recent, mailbox, &mut reuse);
                written += 1;
            }
            for a in attrs {
                if !write_item(&mut w, m, a, recent, mailbox, &mut reuse) {
                    failed = true;
                    break;
                }
                written += 1;
            }
            if failed && written == 0 {
                // Dovecot's answer when BINARY fails before any item: the UID.
                w.item(&FetchValue::Uid(m.uid));
            }
            // Under CONDSTORE the implicit \Seen's new modseq is told too
            // (RFC 7162 §3.1; Dovecot tells it in a FETCH of its own).
            if newly_seen && view.condstore && !attrs.contains(&FetchAttr::ModSeq) {
                write_item(&mut w, m, &FetchAttr::ModSeq, recent, mailbox, &mut reuse);
            }
            w.finish();
        });
        if failed {
            // The FETCH stops at the part it cannot decode (as Dovecot).
            return Some(Outcome::no_code(
                Code::UnknownCte,
                "Unknown Content-Transfer-Encoding: BINARY cannot decode this part (BODY[] gives it as it is)",
            ));
        }
    }
    drop(store);
    if job.done < job.positions.len() {
        session.pending = Pending::Fetch(job);
        return None;
    }
    Some(session.finish_fetch(job.expunged, "Fetch completed"))
}

/// The slots of a message's [`mailstore::Memo`] that FETCH fills: each
/// holds one item exactly as [`FetchValue::encode`] writes it (name
/// included, such as `ENVELOPE (...)`). These items depend only on the
/// message's bytes, which never change.
const ENVELOPE_SLOT: usize = 0;
const BODY_SLOT: usize = 1;
const BODYSTRUCTURE_SLOT: usize = 2;

/// The memo slot of an item that is kept once encoded, if it is one.
fn memo_slot(attr: &FetchAttr) -> Option<usize> {
    match attr {
        FetchAttr::Envelope => Some(ENVELOPE_SLOT),
        FetchAttr::Body => Some(BODY_SLOT),
        FetchAttr::BodyStructure => Some(BODYSTRUCTURE_SLOT),
        _ => None,
    }
}

/// What a FETCH reuses from message to message instead of allocating it
/// for each.
#[derive(Debug, Default)]
struct Reuse {
    /// A message's FLAGS.
    flags: Vec<Flag>,
    /// An item being encoded for a memo, copied out at its exact size.
    bytes: Vec<u8>,
}

/// Writes one item for one message of `mailbox`: ENVELOPE, BODY and
/// BODYSTRUCTURE from the message's memo (encoded on first use), FLAGS
/// from its flags, BINARY from [`binary::value`], the others from
/// [`value`]. `false`, with nothing written, when BINARY meets a transfer
/// encoding it cannot undo.
fn write_item(
    w: &mut FetchWriter<'_>,
    m: &Message,
    attr: &FetchAttr,
    recent: bool,
    mailbox: &MailboxData,
    reuse: &mut Reuse,
) -> bool {
    if let Some(slot) = memo_slot(attr) {
        w.encoded(&m.memo.get_or_init(slot, || {
            reuse.bytes.clear();
            value(m, attr, recent, mailbox).encode(&mut reuse.bytes);
            // One allocation of the exact size, which the memo keeps as is.
            reuse.bytes.as_slice().to_vec()
        }));
    } else if *attr == FetchAttr::Flags {
        convert::flags_into(&mut reuse.flags, &m.flags, recent, mailbox.keywords());
        w.flags(&reuse.flags);
    } else if let Some(v) = binary::value(m, attr) {
        match v {
            Ok(v) => w.item(&v),
            Err(binary::UnknownCte) => return false,
        }
    } else {
        w.item(&value(m, attr, recent, mailbox));
    }
    true
}

/// The value of one item for one message of `mailbox`.
fn value(m: &Message, attr: &FetchAttr, recent: bool, mailbox: &MailboxData) -> FetchValue {
    let a = &m.analysis;
    match attr {
        FetchAttr::Envelope => FetchValue::Envelope(Box::new(convert::envelope(&a.envelope))),
        FetchAttr::Flags => FetchValue::Flags(convert::flags(&m.flags, recent, mailbox.keywords())),
        FetchAttr::InternalDate => match convert::internal_date(m.internal_date, m.internal_zone) {
            Some(d) => FetchValue::InternalDate(d),
            None => FetchValue::Rfc822Size(m.size()),
        },
        FetchAttr::Rfc822 => FetchValue::Rfc822(Some(m.raw.to_vec())),
        FetchAttr::Rfc822Header => {
            FetchValue::Rfc822Header(Some(slice(&m.raw, &a.root.header).to_vec()))
        }
        FetchAttr::Rfc822Size => FetchValue::Rfc822Size(m.size()),
        FetchAttr::Rfc822Text => FetchValue::Rfc822Text(Some(slice(&m.raw, &a.root.body).to_vec())),
        FetchAttr::Uid => FetchValue::Uid(m.uid),
        FetchAttr::ModSeq => FetchValue::ModSeq(m.modseq),
        FetchAttr::Body => FetchValue::Body(Box::new(convert::body_structure(&a.root, false))),
        FetchAttr::BodyStructure => {
            FetchValue::BodyStructure(Box::new(convert::body_structure(&a.root, true)))
        }
        // Answered by `binary::value` in `write_item`; an undecodable part
        // has no value, so this one stands in for it.
        FetchAttr::Binary { .. } | FetchAttr::BinarySize { .. } => binary::value(m, attr)
            .and_then(Result::ok)
            .unwrap_or(FetchValue::Uid(m.uid)),
        FetchAttr::BodySection {
            section, partial, ..
        } => {
            let data = section_bytes(&m.raw, &a.root, section);
            let (origin, data) = match (partial, data) {
                (Some((start, count)), Some(bytes)) => {
                    (Some(*start), Some(partial_bytes(&bytes, *start, *count)))
                }
                (Some((start, _)), None) => (Some(*start), None),
                (None, data) => (None, data),
            };
            // Field names are echoed in upper case, as Dovecot does.
            let mut section = section.clone();
            if let Some(SectionText::HeaderFields(names) | SectionText::HeaderFieldsNot(names)) =
                &mut section.text
            {
                names.iter_mut().for_each(|n| n.make_ascii_uppercase());
            }
            FetchValue::BodySection {
                section,
                origin,
                data,
            }
        }
    }
}

fn slice<'a>(raw: &'a [u8], range: &std::ops::Range<usize>) -> &'a [u8] {
    raw.get(range.clone()).unwrap_or_default()
}

/// The bytes a section specifier names (RFC 3501 §6.4.5), or `None` (NIL)
/// when the part does not exist.
fn section_bytes(raw: &[u8], root: &Part, section: &Section) -> Option<Vec<u8>> {
    let part = root.find(&section.part)?;
    // HEADER, TEXT and HEADER.FIELDS after a part number refer to the
    // message inside a message/rfc822 part.
    let message_part = if section.part.is_empty() {
        Some(part)
    } else {
        match &part.kind {
            PartKind::Message { inner, .. } => Some(inner.as_ref()),
            _ => None,
        }
    };
    let bytes = match &section.text {
        None => slice(raw, &part.body).to_vec(),
        Some(SectionText::Mime) => slice(raw, &part.header).to_vec(),
        Some(SectionText::Header) => slice(raw, &message_part?.header).to_vec(),
        Some(SectionText::Text) => slice(raw, &message_part?.body).to_vec(),
        Some(SectionText::HeaderFields(names)) => {
            header_fields(slice(raw, &message_part?.header), names, false)
        }
        Some(SectionText::HeaderFieldsNot(names)) => {
            header_fields(slice(raw, &message_part?.header), names, true)
        }
    };
    if section.part.is_empty() && section.text.is_none() {
        return Some(raw.to_vec());
    }
    Some(bytes)
}

/// The `count` octets of `bytes` from `start` (fewer at the end, none past
/// it): a `<start.count>` partial fetch (RFC 3501 §6.4.5).
pub(crate) fn partial_bytes(bytes: &[u8], start: u32, count: u32) -> Vec<u8> {
    let begin = usize::try_from(start)
        .unwrap_or(usize::MAX)
        .min(bytes.len());
    let end = begin
        .saturating_add(usize::try_from(count).unwrap_or(usize::MAX))
        .min(bytes.len());
    bytes.get(begin..end).unwrap_or_default().to_vec()
}

#[cfg(test)]
mod tests {
    use imap_syntax::{Data, Encode, FetchAttr, FetchValue, FetchWriter, Response};
    use mailstore::{Flags, MailboxData, MailboxId};

    use super::{memo_slot, value, write_item};

    const KEPT: [FetchAttr; 3] = [
        FetchAttr::Envelope,
        FetchAttr::Body,
        FetchAttr::BodyStructure,
    ];

    /// FETCH (UID FLAGS ENVELOPE BODY BODYSTRUCTURE) of every message, item
    /// by item through the memo (twice: filling it, then reading it) and
    /// the reused FLAGS vector, must give the bytes of the plain response
    /// model.
    fn check(mailbox: &MailboxData) -> usize {
        let attrs = [
            FetchAttr::Uid,
            FetchAttr::Flags,
            KEPT[0].clone(),
            KEPT[1].clone(),
            KEPT[2].clone(),
        ];
        let mut reuse = super::Reuse::default();
        for (i, m) in mailbox.messages().iter().enumerate() {
            let seq = u32::try_from(i + 1).unwrap();
            let recent = i % 2 == 0;
            let items = attrs.iter().map(|a| value(m, a, recent, mailbox)).collect();
            let plain = Response::Data(Data::Fetch { seq, items }).to_bytes();
            for round in ["filling", "kept"] {
                let mut bytes = Vec::new();
                let mut w = FetchWriter::new(&mut bytes, seq);
                for a in &attrs {
                    write_item(&mut w, m, a, recent, mailbox, &mut reuse);
                }
                w.finish();
                assert_eq!(
                    String::from_utf8_lossy(&bytes),
                    String::from_utf8_lossy(&plain),
                    "UID {} ({round})",
                    m.uid
                );
            }
            for a in &KEPT {
                let slot = memo_slot(a).unwrap();
                let item: FetchValue = value(m, a, false, mailbox);
                assert_eq!(m.memo.get(slot), Some(&item.to_bytes()[..]));
            }
        }
        mailbox.len()
    }

    /// Everything `script` gets from a session on its own demo store,
    /// resuming while it is unfinished; and how many times it resumed.
    fn answers(script: &[u8], fetch_batch: usize) -> (String, usize) {
        use std::sync::{Arc, Mutex};

        use crate::{Session, SessionOptions};
        let store = Arc::new(Mutex::new(mailstore::demo::demo_store()));
        let options = SessionOptions {
            fetch_batch,
            ..SessionOptions::default()
        };
        let mut s = Session::new(store, options, 0);
        let mut input = script;
        let mut all = String::new();
        let mut resumed = 0;
        loop {
            let taken = s.handle_input(input, 0);
            input = &input[taken..];
            all.push_str(&String::from_utf8_lossy(s.pending_output()));
            let n = s.pending_output().len();
            s.output_written(n);
            while s.unfinished() {
                assert!(
                    !all.contains("\r\nz OK"),
                    "NOOP answered before the FETCH ended"
                );
                assert_eq!(s.handle_input(input, 0), 0, "input waits for the FETCH");
                s.resume(0);
                resumed += 1;
                all.push_str(&String::from_utf8_lossy(s.pending_output()));
                let n = s.pending_output().len();
                s.output_written(n);
            }
            if input.is_empty() {
                return (all, resumed);
            }
        }
    }

    #[test]
    fn a_fetch_in_batches_answers_the_same_bytes() {
        let script = b"a LOGIN alice wonderland\r\nb SELECT INBOX\r\n\
            c FETCH 1:* (FLAGS ENVELOPE BODY[HEADER.FIELDS (SUBJECT)])\r\n\
            d UID FETCH 1:* (BODYSTRUCTURE RFC822.SIZE)\r\nz NOOP\r\n";
        let (whole, resumed) = answers(script, 0);
        assert_eq!(resumed, 0);
        assert!(whole.contains("\\Seen") && whole.ends_with("z OK NOOP completed\r\n"));
        for batch in [1, 700, 5_000] {
            let (batched, resumed) = answers(script, batch);
            assert!(resumed > 1, "batch {batch}: resumed {resumed} times");
            assert_eq!(batched, whole, "batch {batch}");
        }
    }

    #[test]
    fn kept_items_are_the_plain_encoding_for_the_demo_mail() {
        let store = mailstore::demo::demo_store();
        let mut checked = 0;
        for user in store.users() {
            let account = store.account(user).unwrap();
            for (_, mailbox) in account.mailboxes() {
                checked += check(mailbox);
            }
        }
        assert!(checked > 10, "only {checked} demo messages");
    }

    #[test]
    fn kept_items_are_the_plain_encoding_for_the_generated_mail() {
        let mut mailbox = MailboxData::new(MailboxId(1), 1);
        for (raw, date) in mailstore::demo::bulk_messages(2_000, 2026) {
            mailbox.append(raw, Flags::new(), date, 0);
        }
        assert_eq!(check(&mailbox), 2_000);
    }
}
