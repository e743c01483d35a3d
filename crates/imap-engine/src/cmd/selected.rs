//! Commands that end or tidy the selection: CHECK, CLOSE, UNSELECT,
//! EXPUNGE and UID EXPUNGE.

use imap_syntax::{Code, SequenceSet};
use mailstore::SystemFlag;

use super::Outcome;
use crate::session::{Session, State, lock};

/// `CHECK`: the virtual store is always consistent; nothing to do.
pub(crate) fn check(_session: &mut Session) -> Outcome {
    Outcome::ok("Check completed")
}

/// Removes `\Deleted` messages (only those in `only`, a UID set, if given)
/// from the selected mailbox. Returns how many were removed.
fn remove_deleted(session: &mut Session, only: Option<&SequenceSet>) -> usize {
    let State::Selected { user, view } = &session.state else {
        return 0;
    };
    let mut store = lock(&session.store);
    let Some(mailbox) = view.mailbox_in(&mut store, user) else {
        return 0;
    };
    let largest = mailbox.messages().last().map_or(0, |m| m.uid);
    let uids: Vec<u32> = mailbox
        .messages()
        .iter()
        .filter(|m| m.flags.has(SystemFlag::Deleted))
        .filter(|m| {
            only.is_none_or(|set| {
                if set.is_saved() {
                    view.is_saved(m.uid)
                } else {
                    set.contains(m.uid, largest)
                }
            })
        })
        .map(|m| m.uid)
        .collect();
    if uids.is_empty() {
        return 0;
    }
    mailbox.expunge_uids(&uids).len()
}

fn read_only(session: &Session) -> bool {
    matches!(&session.state, State::Selected { view, .. } if view.read_only)
}

/// `CLOSE`: silently expunges (unless read-only) and leaves the mailbox.
pub(crate) fn close(session: &mut Session) -> Outcome {
    if !read_only(session) {
        remove_deleted(session, None);
    }
    let user = session.user().unwrap_or_default().to_string();
    session.state = State::Authenticated { user };
    Outcome::ok("Close completed")
}

/// `UNSELECT` (RFC 3691): leaves the mailbox without expunging.
pub(crate) fn unselect(session: &mut Session) -> Outcome {
    let user = session.user().unwrap_or_default().to_string();
    session.state = State::Authenticated { user };
    Outcome::ok("Unselect completed")
}

/// `EXPUNGE` and `UID EXPUNGE set`. The EXPUNGE responses come from the
/// sync that follows every command, numbered as RFC 3501 §7.4.1 requires.
pub(crate) fn expunge(session: &mut Session, only: Option<&SequenceSet>) -> Outcome {
    if read_only(session) {
        return Outcome::no_code(
            Code::ReadOnly,
            "The mailbox was opened with EXAMINE: nothing can be expunged",
        );
    }
    remove_deleted(session, only);
    // Under QRESYNC the OK tells the mailbox's HIGHESTMODSEQ after the
    // expunge, as Dovecot does, so the client needs no STATUS for it.
    if session.qresync
        && let Some(n) = super::condstore::selected_highest(session)
    {
        return Outcome::ok_code(Code::HighestModSeq(n), "Expunge completed");
    }
    Outcome::ok("Expunge completed")
}
