//! Imports: messages from a learner's upload (an `.eml`, or an mbox split
//! by [`mailstore::mbox::split`]) appended through the same path as the
//! APPEND command ([`crate::cmd::append::append_to`]), after the checks of
//! [`mailstore::mbox::prepare`].

use mailstore::Store;
use mailstore::mbox;

use crate::cmd::append::{Refusal, append_to};

/// What an import did: how many messages went in, and why the others did
/// not (one learner-readable sentence per problem).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportReport {
    /// Messages appended.
    pub imported: u32,
    /// Why each skipped message was skipped.
    pub errors: Vec<String>,
}

/// Appends `messages` to `user`'s `mailbox`, numbering them from
/// `first_number` in the errors. A message that is no message is skipped
/// and reported; nothing is appended when the mailbox cannot take any.
/// Sessions learn of the new messages as of APPEND's: the driver calls
/// [`crate::Session::store_changed`].
pub fn import(
    store: &mut Store,
    user: &str,
    mailbox: &str,
    messages: Vec<Vec<u8>>,
    first_number: u32,
    now_secs: i64,
) -> ImportReport {
    let mut report = ImportReport::default();
    let open = store
        .account(user)
        .and_then(|a| a.mailbox(mailbox))
        .is_some_and(|m| !m.noselect);
    if !open {
        report.errors.push(no_mailbox(user, mailbox));
        return report;
    }
    for (i, raw) in messages.into_iter().enumerate() {
        let number = first_number.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
        let message = match mbox::prepare(raw, now_secs) {
            Ok(message) => message,
            Err(why) => {
                report
                    .errors
                    .push(format!("message {number} was skipped: {why}"));
                continue;
            }
        };
        let appended = append_to(
            store,
            user,
            mailbox,
            message.raw,
            message.analysis,
            message.flags,
            message.date,
        );
        let why = match appended {
            Ok(_) => {
                report.imported = report.imported.saturating_add(1);
                continue;
            }
            Err(Refusal::NoMailbox | Refusal::Noselect) => no_mailbox(user, mailbox),
            Err(Refusal::OutOfUids) => "the mailbox has run out of UIDs".to_owned(),
        };
        report.errors.push(why);
        break;
    }
    report
}

fn no_mailbox(user: &str, mailbox: &str) -> String {
    format!("{user} has no mailbox {mailbox:?} to import into: create it first")
}

#[cfg(test)]
mod tests {
    use mailstore::mbox::{export, split};

    use super::*;

    #[test]
    fn export_then_import_gives_the_same_messages() {
        let mut store = mailstore::demo::demo_store();
        let before: Vec<Vec<u8>> = store
            .account("alice")
            .and_then(|a| a.mailbox("INBOX"))
            .map(|m| m.messages().iter().map(|x| x.raw.to_vec()).collect())
            .expect("inbox");
        let mbox = export(&store, "alice", "INBOX").expect("exports");
        assert!(mbox.starts_with(b"From MAILER-DAEMON "));
        assert!(!mbox.contains(&b'\r'));
        store.create_mailbox("alice", "Copy").expect("create");
        let messages = split(&mbox).expect("reads back");
        let report = import(&mut store, "alice", "Copy", messages, 1, 0);
        assert_eq!(report.errors, Vec::<String>::new());
        assert_eq!(report.imported as usize, before.len());
        let after: Vec<Vec<u8>> = store
            .account("alice")
            .and_then(|a| a.mailbox("Copy"))
            .map(|m| m.messages().iter().map(|x| x.raw.to_vec()).collect())
            .expect("copy");
        assert_eq!(after, before);
    }

    #[test]
    fn broken_input_is_reported_and_nothing_is_lost() {
        let mut store = mailstore::demo::demo_store();
        let count = |s: &Store| {
            s.account("alice")
                .and_then(|a| a.mailbox("INBOX"))
                .map(|m| m.len())
        };
        let before = count(&store);
        let r = import(
            &mut store,
            "alice",
            "Nope",
            vec![b"From: a\r\n\r\nx".to_vec()],
            1,
            0,
        );
        assert_eq!(r.imported, 0);
        assert!(r.errors[0].contains("Nope"));
        let r = import(
            &mut store,
            "alice",
            "INBOX",
            vec![
                b"\x00\x01 garbage".to_vec(),
                b"  \r\n".to_vec(),
                b"Subject: ok\r\n\r\nfine".to_vec(),
            ],
            7,
            0,
        );
        assert_eq!(r.imported, 1);
        assert_eq!(r.errors.len(), 2);
        assert!(r.errors[0].starts_with("message 7 "), "{:?}", r.errors);
        assert_eq!(count(&store), before.map(|n| n + 1));
    }
}
