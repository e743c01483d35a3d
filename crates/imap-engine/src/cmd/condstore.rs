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
//!
//! QRESYNC (RFC 7162 §3.2) is on only after ENABLE QRESYNC: then the
//! sync tells expunges as VANISHED, SELECT's QRESYNC parameter gets
//! [`resync`] and UID FETCH's VANISHED gets [`tell_vanished`], both from
//! the store's record of expunged UIDs (`MailboxData::vanished_since`).

use std::num::NonZeroU32;

use imap_syntax::{
    Code, Data, FetchValue, Qresync, SearchKey, SeqNo, SeqRange, SequenceSet, StatusKind,
};
use mailstore::MailboxData;

use crate::session::{Session, State};
use crate::view::SelectedView;

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

/// Turns QRESYNC on for the rest of the connection (CONDSTORE must be on
/// already): from now on expunges are told as VANISHED.
pub(crate) fn turn_on_qresync(session: &mut Session) {
    session.qresync = true;
    if let State::Selected { view, .. } = &mut session.state {
        view.qresync = true;
    }
}

/// What SELECT's QRESYNC tells after HIGHESTMODSEQ (RFC 7162 §3.2.5.1),
/// for a client whose UIDVALIDITY is still right: `* VANISHED (EARLIER)`
/// with the known UIDs expunged after its modseq, then a FETCH (UID FLAGS
/// MODSEQ) of each known message changed after it. `seq_match` is not
/// needed: the store remembers the expunges themselves.
pub(crate) fn resync(view: &SelectedView, mailbox: &MailboxData, q: &Qresync) -> Vec<Data> {
    let largest = mailbox.uid_next().saturating_sub(1);
    let known = |uid: u32| {
        q.known_uids
            .as_ref()
            .is_none_or(|set| set.contains(uid, largest))
    };
    let mut out = Vec::new();
    let gone = vanished_among(mailbox, q.modseq, known);
    if let Some(uids) = number_set(&gone) {
        out.push(Data::Vanished {
            earlier: true,
            uids,
        });
    }
    for (pos, m) in mailbox.messages().iter().enumerate() {
        if m.modseq > q.modseq && known(m.uid) {
            let seq = u32::try_from(pos + 1).unwrap_or(u32::MAX);
            out.push(Data::Fetch {
                seq,
                items: vec![
                    FetchValue::Uid(m.uid),
                    FetchValue::Flags(crate::convert::flags(
                        &m.flags,
                        view.is_recent(m.uid),
                        mailbox.keywords(),
                    )),
                    FetchValue::ModSeq(m.modseq),
                ],
            });
        }
    }
    out
}

/// The UIDs expunged after `modseq` that `wanted` keeps, ascending.
pub(crate) fn vanished_among(
    mailbox: &MailboxData,
    modseq: u64,
    wanted: impl Fn(u32) -> bool,
) -> Vec<u32> {
    // Runs can be long (a superset after a restore): at most this many
    // UIDs are looked at, which bounds the work whatever the history.
    const MOST: usize = 1 << 20;
    mailbox
        .vanished_since(modseq)
        .into_iter()
        .flat_map(|(lo, hi)| lo..=hi)
        .take(MOST)
        .filter(|uid| wanted(*uid))
        .collect()
}

/// `* VANISHED (EARLIER) uids` for UID FETCH's VANISHED: the UIDs of `set`
/// expunged after `modseq` (told again even if the client heard of them),
/// before the FETCH answers.
pub(crate) fn tell_vanished(session: &mut Session, set: &SequenceSet, modseq: u64) {
    let State::Selected { user, view } = &session.state else {
        return;
    };
    let gone = crate::session::lock(&session.store)
        .account(user)
        .and_then(|a| a.mailbox_by_id(view.id))
        .map(|(_, m)| {
            let largest = m.uid_next().saturating_sub(1);
            vanished_among(m, modseq, |uid| set.contains(uid, largest))
        })
        .unwrap_or_default();
    if let Some(uids) = number_set(&gone) {
        session.data(Data::Vanished {
            earlier: true,
            uids,
        });
    }
}

/// The selected mailbox's HIGHESTMODSEQ, if a mailbox is selected.
pub(crate) fn selected_highest(session: &Session) -> Option<u64> {
    let State::Selected { user, view } = &session.state else {
        return None;
    };
    crate::session::lock(&session.store)
        .account(user)
        .and_then(|a| a.mailbox_by_id(view.id))
        .map(|(_, m)| highest_modseq(m))
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
