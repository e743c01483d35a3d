//! APPEND.

use imap_syntax::{Code, DateTime, Flag, Mailbox, SequenceSet};

use super::Outcome;
use crate::convert;
use crate::session::{Session, lock};

/// `APPEND mailbox [(flags)] [date-time] literal`
pub(crate) fn append(
    session: &mut Session,
    name: &Mailbox,
    flags: &[Flag],
    date: Option<DateTime>,
    message: Vec<u8>,
) -> Outcome {
    let keywords = flags;
    let flags = match convert::to_store_flags(flags) {
        Ok(f) => f,
        Err(e) => return Outcome::bad(e.text()),
    };
    if message.is_empty() {
        return Outcome::no("An empty message cannot be appended");
    }
    let (when, zone) = match date {
        Some(d) => (d.unix(), d.zone_minutes()),
        None => (session.now_ms.div_euclid(1000), 0),
    };
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
    super::store::note_keywords(mailbox, keywords);
    let uid = mailbox.append(message, flags, when, zone);
    let uid_validity = mailbox.uid_validity;
    drop(store);
    match SequenceSet::single(uid) {
        Ok(uids) => Outcome::ok_code(Code::AppendUid { uid_validity, uids }, "Append completed"),
        Err(_) => Outcome::ok("Append completed"),
    }
}
