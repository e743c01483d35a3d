//! STORE and UID STORE.

use imap_syntax::{Code, Flag, Response, SequenceSet, StoreMode};
use mailstore::{Flags, MailboxData, SystemFlag};

use super::Outcome;
use crate::convert;
use crate::session::{ExpungedAnswer, Session, State, lock};

/// Applies a STORE to one message's flags.
fn apply(current: &Flags, mode: StoreMode, change: &Flags) -> Flags {
    match mode {
        StoreMode::Replace => change.clone(),
        StoreMode::Add => each_flag(current, change, Flags::insert, Flags::insert_keyword),
        StoreMode::Remove => each_flag(current, change, Flags::remove, Flags::remove_keyword),
    }
}

/// `current` with `system` and `keyword` applied to every flag of `change`.
fn each_flag(
    current: &Flags,
    change: &Flags,
    system: impl Fn(&mut Flags, SystemFlag),
    keyword: impl Fn(&mut Flags, &str),
) -> Flags {
    let mut f = current.clone();
    for s in change.system() {
        system(&mut f, s);
    }
    for k in change.keywords() {
        keyword(&mut f, k);
    }
    f
}

/// Notes the keywords among `flags` in `mailbox`'s list, in the client's
/// order (a [`Flags`] set is sorted), so FLAGS lists new ones as written.
pub(crate) fn note_keywords(mailbox: &mut MailboxData, flags: &[Flag]) {
    for f in flags {
        if let Flag::Keyword(k) = f {
            mailbox.note_keyword(k.as_str());
        }
    }
}

/// What a STORE asks for: the flag change and its condition.
pub(crate) struct Change<'a> {
    /// Replace, add or remove.
    pub mode: StoreMode,
    /// `.SILENT`
    pub silent: bool,
    /// The flags, as the client wrote them.
    pub flags: &'a [Flag],
    /// `(UNCHANGEDSINCE n)` (RFC 7162 §3.1.3): only messages whose modseq
    /// is at most `n` change; the others are listed in `[MODIFIED ...]`.
    pub unchanged_since: Option<u64>,
}

/// `STORE set [(UNCHANGEDSINCE n)] [+|-]FLAGS[.SILENT] (flags)` and its
/// UID form.
pub(crate) fn store(
    session: &mut Session,
    set: &SequenceSet,
    req: Change<'_>,
    uid: bool,
) -> Outcome {
    let Change {
        mode,
        silent,
        flags,
        unchanged_since,
    } = req;
    if unchanged_since.is_some() {
        super::condstore::turn_on(session);
    }
    let change = match convert::to_store_flags(flags) {
        Ok(f) => f,
        Err(e) => return Outcome::bad(e.text()),
    };
    let State::Selected { user, view } = &mut session.state else {
        return Outcome::bad("No mailbox selected");
    };
    if view.read_only {
        return Outcome::no_code(
            Code::ReadOnly,
            "The mailbox was opened with EXAMINE: flags cannot be changed",
        );
    }
    let positions = match view.resolve(set, uid) {
        Ok(p) => p,
        Err(text) => return Outcome::bad(text),
    };
    let mut store = lock(&session.store);
    let Some(mailbox) = view.mailbox_in(&mut store, user) else {
        return Outcome::no("The selected mailbox no longer exists");
    };
    let serve = session.options.expunged == ExpungedAnswer::Serve;
    let mut responses = Vec::new();
    let mut expunged = false;
    // The numbers (UIDs for UID STORE) that failed UNCHANGEDSINCE.
    let mut modified: Vec<u32> = Vec::new();
    // Where the next message usually is, for sets in ascending order.
    let mut next = 0;
    // New keywords join the mailbox's list in the order the command names
    // them (as Dovecot), just before the first message changes.
    let mut noted = mode == StoreMode::Remove;
    for pos in positions {
        let Some(&msg_uid) = view.uids.get(pos) else {
            continue;
        };
        let seq = u32::try_from(pos + 1).unwrap_or(u32::MAX);
        let Some(index) = mailbox.index_of_uid_near(msg_uid, next) else {
            // Expunged by another session and not yet reported. By sequence
            // number the kept copy's flags change and are reported, as
            // Dovecot does; UID STORE skips it (a UID that is gone, RFC 3501
            // §6.4.8) and the EXPUNGE follows in the same answer, as Dovecot.
            if uid {
                continue;
            }
            expunged = true;
            if serve && !noted {
                note_keywords(mailbox, flags);
                noted = true;
            }
            if serve
                && let Some(current) = mailbox.expunged_message(msg_uid).map(|m| m.flags.clone())
                && mailbox.set_expunged_flags(msg_uid, apply(&current, mode, &change))
                && !silent
                && let Some(m) = mailbox.expunged_message(msg_uid)
            {
                responses.push(view.flags_update(seq, m, uid, mailbox));
            }
            continue;
        };
        next = index + 1;
        let Some((current, modseq)) = mailbox
            .messages()
            .get(index)
            .map(|m| (m.flags.clone(), m.modseq))
        else {
            continue;
        };
        if unchanged_since.is_some_and(|n| modseq > n) {
            modified.push(if uid { msg_uid } else { seq });
            continue;
        }
        let new = apply(&current, mode, &change);
        if !noted {
            note_keywords(mailbox, flags);
            noted = true;
        }
        // Only messages whose flags changed are reported, as Dovecot does.
        if !mailbox.set_flags(index, new) {
            continue;
        }
        view.note_own_change(msg_uid, mailbox.modseq());
        if let Some(m) = mailbox.messages().get(index) {
            if !silent {
                responses.push(view.flags_update(seq, m, uid, mailbox));
            } else if view.condstore {
                responses.push(view.modseq_update(seq, m));
            }
        }
    }
    // FLAGS first if this STORE (or another session) used a keyword the
    // client has not been told of: the FETCH answers may show it.
    let mut out = view.announce_keywords(mailbox);
    out.extend(responses.into_iter().map(Response::Data));
    drop(store);
    let outcome = session.finish_store(out, expunged, "Store completed");
    match super::condstore::number_set(&modified) {
        Some(set) if outcome.kind == imap_syntax::StatusKind::Ok => Outcome::ok_code(
            Code::Modified(set),
            "Conditional STORE failed for the messages listed: they changed since that modseq",
        ),
        _ => outcome,
    }
}
