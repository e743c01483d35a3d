//! APPEND, and the one path that adds a message to a mailbox
//! ([`append_to`]), which imports take too.

use std::sync::Arc;

use imap_syntax::{Code, DateTime, Flag, Mailbox, SequenceSet};
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
#[allow(clippy::too_many_arguments)]
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

/// `APPEND mailbox [(flags)] [date-time] literal`
pub(crate) fn append(
    session: &mut Session,
    name: &Mailbox,
    flags: &[Flag],
    date: Option<DateTime>,
    message: Vec<u8>,
) -> Outcome {
    let flags = match convert::to_store_flags(flags) {
        Ok(f) => f,
        Err(e) => return Outcome::bad(e.text()),
    };
    if message.is_empty() {
        return Outcome::no("An empty message cannot be appended");
    }
    let when = match date {
        Some(d) => (d.unix(), d.zone_minutes()),
        None => (session.now_ms.div_euclid(1000), 0),
    };
    let user = session.user().unwrap_or_default().to_string();
    let analysis = Arc::new(Analysis::of(&message));
    let appended = append_to(
        &mut lock(&session.store),
        &user,
        name.as_str(),
        Arc::from(message),
        analysis,
        flags,
        when,
    );
    match appended {
        Ok((uid_validity, uid)) => match SequenceSet::single(uid) {
            Ok(uids) => {
                Outcome::ok_code(Code::AppendUid { uid_validity, uids }, "Append completed")
            }
            Err(_) => Outcome::ok("Append completed"),
        },
        Err(Refusal::NoMailbox) => Outcome::no_code(
            Code::TryCreate,
            format!("Mailbox doesn't exist: {name} (CREATE it first)"),
        ),
        Err(Refusal::Noselect) => Outcome::no_code(
            Code::TryCreate,
            format!("{name} holds no messages (\\Noselect): CREATE it first"),
        ),
        Err(Refusal::OutOfUids) => Outcome::no(format!(
            "{name} has given out its last UID: no message can be added to it"
        )),
    }
}
