//! COPY, MOVE and their UID forms.

use imap_syntax::{Code, Mailbox, SeqNo, SeqRange, SequenceSet, StatusKind};

use super::Outcome;
use crate::session::{Session, State, lock};

/// Builds a UID set from ascending UIDs, merging runs into ranges.
pub(crate) fn uid_set(uids: &[u32]) -> Option<SequenceSet> {
    let mut ranges = Vec::new();
    let mut iter = uids
        .iter()
        .copied()
        .filter_map(std::num::NonZeroU32::new)
        .peekable();
    while let Some(start) = iter.next() {
        let mut end = start;
        while let Some(&next) = iter.peek() {
            if Some(next.get()) == end.get().checked_add(1) {
                end = next;
                iter.next();
            } else {
                break;
            }
        }
        ranges.push(if start == end {
            SeqRange::Single(SeqNo::Value(start))
        } else {
            SeqRange::Range(SeqNo::Value(start), SeqNo::Value(end))
        });
    }
    SequenceSet::new(ranges).ok()
}

/// `COPY set mailbox`, `MOVE set mailbox` (RFC 6851) and the UID forms.
pub(crate) fn copy(
    session: &mut Session,
    set: &SequenceSet,
    target: &Mailbox,
    uid: bool,
    moving: bool,
) -> Outcome {
    let State::Selected { user, view } = &mut session.state else {
        return Outcome::bad("No mailbox selected");
    };
    if moving && view.read_only {
        return Outcome::no_code(
            Code::ReadOnly,
            "The mailbox was opened with EXAMINE: messages cannot be moved out of it",
        );
    }
    let positions = match view.resolve(set, uid) {
        Ok(p) => p,
        Err(text) => return Outcome::bad(text),
    };
    let mut store = lock(&session.store);
    let Some(account) = store.account_mut(user) else {
        return Outcome::no("No account");
    };
    match account.mailbox(target.as_str()) {
        None => {
            return Outcome::no_code(
                Code::TryCreate,
                format!("Mailbox doesn't exist: {target} (CREATE it first)"),
            );
        }
        Some(m) if m.noselect => {
            return Outcome::no_code(
                Code::TryCreate,
                format!("{target} holds no messages (\\Noselect): CREATE it first"),
            );
        }
        // A MOVE into the selected mailbox itself is a move like any other,
        // as on Dovecot: each message gets a new UID at the end (COPYUID
        // says which), and its old number is expunged.
        Some(_) => {}
    }
    let Some(source) = account.mailbox_by_id(view.id).map(|(_, m)| m) else {
        return Outcome::no("The selected mailbox no longer exists");
    };
    // Where the next message usually is, for sets in ascending order.
    let mut next = 0;
    let messages: Vec<mailstore::Message> = positions
        .iter()
        .filter_map(|p| view.uids.get(*p))
        .filter_map(|u| {
            source
                .index_of_uid_near(*u, next)
                .inspect(|i| next = i + 1)
                .and_then(|i| source.messages().get(i))
                .cloned()
        })
        .collect();
    // A message expunged elsewhere (and still numbered here) fails the
    // whole command and nothing is copied (RFC 2180 §4.4.1, as Dovecot);
    // the sync after it reports the EXPUNGE.
    if messages.len() < positions.len() {
        return Outcome::no_code(
            Code::ExpungeIssued,
            "Some of these messages were expunged by another session: NOOP shows which, then try again",
        );
    }
    let Some(dest) = account.mailbox_mut(target.as_str()) else {
        return Outcome::no_code(Code::TryCreate, format!("Mailbox doesn't exist: {target}"));
    };
    let new_uids: Vec<u32> = messages.iter().map(|m| dest.append_copy(m)).collect();
    let uid_validity = dest.uid_validity;
    let code = match (
        uid_set(&messages.iter().map(|m| m.uid).collect::<Vec<_>>()),
        uid_set(&new_uids),
    ) {
        (Some(source), Some(destination)) => Some(Code::CopyUid {
            uid_validity,
            source,
            destination,
        }),
        _ => None,
    };
    if !moving {
        drop(store);
        return match code {
            Some(code) => Outcome::ok_code(code, "Copy completed"),
            None => Outcome::ok("No messages copied"),
        };
    }
    let old: Vec<u32> = messages.iter().map(|m| m.uid).collect();
    if let Some(source) = account.mailbox_by_id_mut(view.id) {
        source.expunge_uids(&old);
    }
    drop(store);
    // RFC 6851: COPYUID goes in an untagged OK before the EXPUNGEs, which
    // the sync after the command sends (then EXISTS, for a move into the
    // selected mailbox itself).
    if code.is_some() {
        session.untagged_status(StatusKind::Ok, code, "Moved");
    }
    Outcome::ok("Move completed")
}

#[cfg(test)]
mod tests {
    use super::uid_set;
    use imap_syntax::Encode;

    #[test]
    fn uid_sets_merge_runs() {
        let set = uid_set(&[1, 2, 3, 5, 7, 8]).unwrap();
        let mut out = Vec::new();
        set.encode(&mut out);
        assert_eq!(String::from_utf8(out).unwrap(), "1:3,5,7:8");
        assert!(uid_set(&[]).is_none());
    }
}
