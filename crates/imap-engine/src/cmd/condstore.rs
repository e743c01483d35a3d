//! CONDSTORE (RFC 7162): what is shared by the commands it extends. A
//! session turns it on once, with ENABLE CONDSTORE or with the first
//! command that uses a modseq (SELECT's `(CONDSTORE)`, FETCH's MODSEQ item
//! or CHANGEDSINCE, STORE's UNCHANGEDSINCE, SEARCH MODSEQ, STATUS
//! HIGHESTMODSEQ); from then on SELECT tells HIGHESTMODSEQ and every FETCH
//! of a flag change carries UID and MODSEQ.
//!
//! The modseqs are the store's: the mailbox's counter moves on every
//! change (append, flag change, expunge) and each message keeps the value
//! of its last change, so every mailbox keeps modseqs and NOMODSEQ is
//! never said (as Dovecot, for its usual mailbox formats).

use std::num::NonZeroU32;

use imap_syntax::{Code, SearchKey, SeqNo, SeqRange, SequenceSet, StatusKind};
use mailstore::MailboxData;

use crate::session::{Session, State};

/// The mailbox's HIGHESTMODSEQ: its modseq, at least 1 (RFC 7162's
/// values are positive; an empty new mailbox has seen no change yet).
pub(crate) fn highest_modseq(mailbox: &MailboxData) -> u64 {
    mailbox.modseq().max(1)
}

/// Turns CONDSTORE on for the rest of the connection. The first time, with
/// a mailbox selected, the client hears the mailbox's HIGHESTMODSEQ, which
/// SELECT did not tell it (RFC 7162 §3.1, as Dovecot).
pub(crate) fn turn_on(session: &mut Session) {
    if session.condstore {
        return;
    }
    session.condstore = true;
    let State::Selected { user, view } = &mut session.state else {
        return;
    };
    view.condstore = true;
    let highest = crate::session::lock(&session.store)
        .account(user)
        .and_then(|a| a.mailbox_by_id(view.id))
        .map(|(_, m)| highest_modseq(m));
    if let Some(n) = highest {
        session.untagged_status(StatusKind::Ok, Some(Code::HighestModSeq(n)), "Highest");
    }
}

/// Whether a search key uses MODSEQ anywhere (then the answer ends in
/// `(MODSEQ n)`, RFC 7162 §3.1.5).
pub(crate) fn uses_modseq(key: &SearchKey) -> bool {
    match key {
        SearchKey::And(keys) => keys.iter().any(uses_modseq),
        SearchKey::Not(k) => uses_modseq(k),
        SearchKey::Or(a, b) => uses_modseq(a) || uses_modseq(b),
        SearchKey::ModSeq { .. } => true,
        _ => false,
    }
}

/// Ascending numbers as a compact sequence set (`3:5,9`); `None` when
/// there are none.
pub(crate) fn number_set(numbers: &[u32]) -> Option<SequenceSet> {
    let value = |n: u32| NonZeroU32::new(n).map(SeqNo::Value);
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for &n in numbers {
        match ranges.last_mut() {
            Some((_, hi)) if hi.checked_add(1) == Some(n) => *hi = n,
            _ => ranges.push((n, n)),
        }
    }
    let ranges = ranges
        .into_iter()
        .filter_map(|(lo, hi)| {
            if lo == hi {
                value(lo).map(SeqRange::Single)
            } else {
                Some(SeqRange::Range(value(lo)?, value(hi)?))
            }
        })
        .collect();
    SequenceSet::new(ranges).ok()
}
