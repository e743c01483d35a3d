//! SELECT and EXAMINE.

use imap_syntax::{Code, Data, Mailbox, SelectParams};
use mailstore::SystemFlag;

use super::Outcome;
use crate::session::{Session, State, lock};
use crate::view::{SelectedView, flag_lists};

/// What every SELECT and EXAMINE does first, even one that fails: leave
/// the mailbox selected before, if any (RFC 3501 §6.3.1), with RFC 7162's
/// `OK [CLOSED]` marking where its responses end (Dovecot sends it too).
pub(crate) fn leave_selected(session: &mut Session, user: &str) {
    if matches!(session.state, State::Selected { .. }) {
        session.untagged_status(
            imap_syntax::StatusKind::Ok,
            Some(Code::Closed),
            "Previous mailbox closed",
        );
    }
    session.state = State::Authenticated {
        user: user.to_string(),
    };
}

/// `SELECT mailbox` (`read_only == false`) and `EXAMINE mailbox`.
pub(crate) fn select(
    session: &mut Session,
    name: &Mailbox,
    read_only: bool,
    params: SelectParams,
) -> Outcome {
    let Some(user) = session.user().map(str::to_string) else {
        return Outcome::bad("Not logged in");
    };
    if params.qresync.is_some() && !session.qresync {
        return Outcome::bad("QRESYNC is not enabled: send ENABLE QRESYNC first (RFC 7162 §3.2.5)");
    }
    leave_selected(session, &user);

    let store = std::sync::Arc::clone(&session.store);
    let mut store = lock(&store);
    let Some(mailbox) = store
        .account_mut(&user)
        .and_then(|a| a.mailbox_mut(name.as_str()))
    else {
        return Outcome::no_code(Code::NonExistent, format!("Mailbox doesn't exist: {name}"));
    };
    if mailbox.noselect {
        return Outcome::no_code(
            Code::NonExistent,
            format!("{name} is only a level of the hierarchy (\\Noselect) and holds no messages"),
        );
    }
    // EXAMINE shows what is recent without taking it from other sessions:
    // the unclaimed messages are the newest ones.
    let recent_from = if read_only {
        let unclaimed = usize::try_from(mailbox.unclaimed_recent_count()).unwrap_or(0);
        let count = mailbox.messages().len();
        mailbox
            .messages()
            .get(count.saturating_sub(unclaimed))
            .map_or(u32::MAX, |m| m.uid)
    } else {
        mailbox.claim_recent()
    };
    let mut view = SelectedView::open(name.as_str(), mailbox, read_only, recent_from);
    if params.condstore {
        session.condstore = true;
    }
    view.condstore = session.condstore;
    view.qresync = session.qresync;
    let highest_modseq = super::condstore::highest_modseq(mailbox);
    let resync = params
        .qresync
        .as_deref()
        .filter(|q| q.uid_validity == mailbox.uid_validity)
        .map(|q| super::condstore::resync(&view, mailbox, q));
    let recent_count = view.recent.len();

    let flag_lists = flag_lists(mailbox, read_only);
    let first_unseen = mailbox
        .messages()
        .iter()
        .position(|m| !m.flags.has(SystemFlag::Seen))
        .and_then(|i| u32::try_from(i + 1).ok());
    let uid_next = mailbox.uid_next();
    let uid_validity = mailbox.uid_validity;
    drop(store);

    for r in flag_lists {
        session.push(r);
    }
    session.data(Data::Exists(view.exists()));
    session.data(Data::Recent(
        u32::try_from(recent_count).unwrap_or(u32::MAX),
    ));
    if let Some(n) = first_unseen {
        session.untagged_status(
            imap_syntax::StatusKind::Ok,
            Some(Code::Unseen(n)),
            &format!("Message {n} is the first unseen"),
        );
    }
    session.untagged_status(
        imap_syntax::StatusKind::Ok,
        Some(Code::UidValidity(uid_validity)),
        "UIDs valid",
    );
    session.untagged_status(
        imap_syntax::StatusKind::Ok,
        Some(Code::UidNext(uid_next)),
        "Predicted next UID",
    );
    if session.condstore {
        session.untagged_status(
            imap_syntax::StatusKind::Ok,
            Some(Code::HighestModSeq(highest_modseq)),
            "Highest",
        );
    }
    // QRESYNC: what vanished and what changed since the client's modseq.
    for r in resync.unwrap_or_default() {
        session.data(r);
    }

    session.state = State::Selected {
        user,
        view: Box::new(view),
    };
    if read_only {
        Outcome::ok_code(
            Code::ReadOnly,
            "Examine completed: the mailbox is read-only",
        )
    } else {
        Outcome::ok_code(Code::ReadWrite, "Select completed")
    }
}
