//! APPEND, and MULTIAPPEND (RFC 3502): several messages in one command,
//! all appended or none. [`append_to`] is the one path that adds a message
//! to a mailbox, which imports take too.

use std::num::NonZeroU32;
use std::sync::Arc;

use imap_syntax::{AppendMessage, Code, DateTime, Mailbox, SeqNo, SeqRange, SequenceSet};
use mailstore::{Analysis, Flags, Store};

use super::Outcome;
use crate::convert;
use crate::session::{Session, lock};

/// Why a message was not appended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// The user has no mailbox by that name.
    NoMailbox,
    /// The mailbox is a `\Noselect` placeholder.
    Noselect,
    /// The mailbox has given out its last UID.
    OutOfUids,
}

/// Appends one message (bytes and analysis shared) to `user`'s mailbox
/// `name`, noting its keywords: the path of APPEND and of imports.
/// Returns the mailbox's UIDVALIDITY and the new UID.
pub(crate) fn append_to(
    store: &mut Store,
    user: &str,
    name: &str,
    raw: Arc<[u8]>,
    analysis: Arc<Analysis>,
    flags: Flags,
    (when, zone): (i64, i16),
) -> Result<(u32, u32), Refusal> {
    let mailbox = store
        .account_mut(user)
        .and_then(|a| a.mailbox_mut(name))
        .ok_or(Refusal::NoMailbox)?;
    if mailbox.noselect {
        return Err(Refusal::Noselect);
    }
    match mailbox.append_shared(raw, analysis, flags, when, zone) {
        0 => Err(Refusal::OutOfUids),
        uid => Ok((mailbox.uid_validity, uid)),
    }
}

/// A message checked and ready to append.
struct Ready {
    raw: Arc<[u8]>,
    analysis: Arc<Analysis>,
    flags: Flags,
    when: (i64, i16),
}

/// `APPEND mailbox [(flags)] [date-time] literal`, followed by `more`
/// messages for MULTIAPPEND. Every message, and the mailbox's room for
/// them, is checked before any is appended, so a bad one leaves the
/// mailbox as it was; the answer has one APPENDUID with the UIDs of all.
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
        ready.push(Ready {
            analysis: Arc::new(Analysis::of(&m.message)),
            raw: Arc::from(m.message),
            flags,
            when: when(session, m.date),
        });
    }
    let user = session.user().unwrap_or_default().to_string();
    let mut store = lock(&session.store);
    let refusal = match store.account(&user).and_then(|a| a.mailbox(name.as_str())) {
        None => Some(Refusal::NoMailbox),
        Some(m) if m.noselect => Some(Refusal::Noselect),
        Some(m) if u64::from(m.uid_next()) + ready.len() as u64 > u64::from(u32::MAX) => {
            Some(Refusal::OutOfUids)
        }
        Some(_) => None,
    };
    if let Some(refusal) = refusal {
        return refused(name, refusal);
    }
    let (mut uids, mut uid_validity) = ((0u32, 0u32), 0);
    for r in ready {
        match append_to(
            &mut store,
            &user,
            name.as_str(),
            r.raw,
            r.analysis,
            r.flags,
            r.when,
        ) {
            Ok((validity, uid)) => {
                uid_validity = validity;
                if uids.0 == 0 {
                    uids.0 = uid;
                }
                uids.1 = uid;
            }
            // Checked above: the mailbox is there and has room.
            Err(refusal) => return refused(name, refusal),
        }
    }
    drop(store);
    match uid_set(uids.0, uids.1) {
        Some(uids) => Outcome::ok_code(Code::AppendUid { uid_validity, uids }, "Append completed"),
        None => Outcome::ok("Append completed"),
    }
}

/// APPEND's answer when the mailbox cannot take the message.
fn refused(name: &Mailbox, refusal: Refusal) -> Outcome {
    match refusal {
        Refusal::NoMailbox => Outcome::no_code(
            Code::TryCreate,
            format!("Mailbox doesn't exist: {name} (CREATE it first)"),
        ),
        Refusal::Noselect => Outcome::no_code(
            Code::TryCreate,
            format!("{name} holds no messages (\\Noselect): CREATE it first"),
        ),
        Refusal::OutOfUids => Outcome::no(format!(
            "{name} has too few UIDs left: no message can be added to it"
        )),
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
