//! APPEND, and MULTIAPPEND (RFC 3502): several messages in one command,
//! all appended or none.

use std::num::NonZeroU32;

use imap_syntax::{AppendMessage, Code, DateTime, Mailbox, SeqNo, SeqRange, SequenceSet};

use super::Outcome;
use crate::convert;
use crate::session::{Session, lock};

/// `APPEND mailbox [(flags)] [date-time] literal`, followed by `more`
/// messages for MULTIAPPEND. Every message is checked before any is
/// appended, so a bad one leaves the mailbox as it was; the answer has
/// one APPENDUID with the UIDs of all of them.
pub(crate) fn append(
    session: &mut Session,
    name: &Mailbox,
    first: AppendMessage,
    more: Vec<AppendMessage>,
) -> Outcome {
    let mut ready = Vec::with_capacity(1 + more.len());
    for m in std::iter::once(first).chain(more) {
        let flags = match convert::to_store_flags(&m.flags) {
            Ok(f) => f,
            Err(e) => return Outcome::bad(e.text()),
        };
        if m.message.is_empty() {
            return Outcome::no("An empty message cannot be appended");
        }
        let (when, zone) = when(session, m.date);
        ready.push((m.message, flags, m.flags, when, zone));
    }
    let user = session.user().unwrap_or_default().to_string();
    let mut store = lock(&session.store);
    let Some(mailbox) = store
        .account_mut(&user)
        .and_then(|a| a.mailbox_mut(name.as_str()))
    else {
        return Outcome::no_code(
            Code::TryCreate,
            format!("Mailbox doesn't exist: {name} (CREATE it first)"),
        );
    };
    if mailbox.noselect {
        return Outcome::no_code(
            Code::TryCreate,
            format!("{name} holds no messages (\\Noselect): CREATE it first"),
        );
    }
    let mut uids = (0u32, 0u32);
    for (message, flags, keywords, when, zone) in ready {
        super::store::note_keywords(mailbox, &keywords);
        let uid = mailbox.append(message, flags, when, zone);
        if uids.0 == 0 {
            uids.0 = uid;
        }
        uids.1 = uid;
    }
    let uid_validity = mailbox.uid_validity;
    drop(store);
    match uid_set(uids.0, uids.1) {
        Some(uids) => Outcome::ok_code(Code::AppendUid { uid_validity, uids }, "Append completed"),
        None => Outcome::ok("Append completed"),
    }
}

/// The internal date of a message: the one given, else now (in UTC).
fn when(session: &Session, date: Option<DateTime>) -> (i64, i16) {
    match date {
        Some(d) => (d.unix(), d.zone_minutes()),
        None => (session.now_ms.div_euclid(1000), 0),
    }
}

/// `first` or `first:last`; the appended UIDs are consecutive.
fn uid_set(first: u32, last: u32) -> Option<SequenceSet> {
    let a = NonZeroU32::new(first)?;
    let b = NonZeroU32::new(last)?;
    let range = if a == b {
        SeqRange::Single(SeqNo::Value(a))
    } else {
        SeqRange::Range(SeqNo::Value(a), SeqNo::Value(b))
    };
    SequenceSet::new(vec![range]).ok()
}
