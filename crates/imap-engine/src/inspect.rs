//! Read-only queries for inspectors (the page's mailbox inspector): the
//! user's mailboxes with counts, and the selected mailbox *as this session
//! numbers it*, which lags the store until the session is told. They change
//! nothing: no `\Recent` is claimed, no response is queued, the view does
//! not catch up.

use mailstore::{Addr, Flags, MailboxData, SpecialUse};

use crate::cmd::mailboxes::DELIMITER;
use crate::session::{Session, State, lock};
use crate::view::SelectedView;

/// One mailbox of the logged-in user, with counts from the store now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeEntry {
    /// The full name (`Archive/2025`).
    pub name: String,
    /// The last level of the name (`2025`).
    pub leaf: String,
    /// Nesting depth: how many hierarchy delimiters the name has.
    pub depth: u32,
    /// Messages in the store.
    pub messages: u32,
    /// Messages without `\Seen`.
    pub unseen: u32,
    /// A `\Noselect` placeholder (a parent that was never created).
    pub noselect: bool,
    /// Its special use (RFC 6154), if any.
    pub special_use: Option<SpecialUse>,
}

/// The selected mailbox as one session numbers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailboxView {
    /// The name it was selected under.
    pub mailbox: String,
    /// Opened with EXAMINE.
    pub read_only: bool,
    /// The number of messages the session knows of (its last EXISTS),
    /// expunged-but-not-yet-reported ones included.
    pub exists: u32,
    /// UIDs of the messages in the store the session has not been told of
    /// yet (above the highest UID it knows), ascending.
    pub unannounced: Vec<u32>,
    /// UIDVALIDITY.
    pub uid_validity: u32,
    /// UIDNEXT.
    pub uid_next: u32,
    /// Whether the session has CONDSTORE on (RFC 7162): then the page
    /// shows each message's modseq.
    pub condstore: bool,
    /// The mailbox's HIGHESTMODSEQ in the store now.
    pub highest_modseq: u64,
    /// The sequence number of the first row, minus one (the asked offset,
    /// at most `exists`).
    pub offset: u32,
    /// Rows `offset + 1 ..= offset + rows.len()`.
    pub rows: Vec<ViewRow>,
}

/// One sequence number of the session's view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewRow {
    /// The sequence number in this session.
    pub seq: u32,
    /// The UID.
    pub uid: u32,
    /// The message as the store has it; `None` when another session
    /// expunged it and this one has not been told yet (it still holds the
    /// sequence number until it hears EXPUNGE).
    pub message: Option<RowMessage>,
}

impl ViewRow {
    /// Expunged from the store but not yet reported to this session.
    pub fn is_expunged(&self) -> bool {
        self.message.is_none()
    }
}

/// What the store has of one message, for display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowMessage {
    /// Its flags in the store.
    pub flags: Flags,
    /// `\Recent` for this session.
    pub recent: bool,
    /// The internal date, seconds since the epoch.
    pub internal_date: i64,
    /// The internal date's zone, minutes east of UTC.
    pub internal_zone: i16,
    /// RFC822.SIZE.
    pub size: u32,
    /// Its modseq: the number of its latest change (RFC 7162).
    pub modseq: u64,
    /// The first From address, raw (encoded words kept).
    pub from: Option<Addr>,
    /// The Subject, raw (unfolded, encoded words kept).
    pub subject: Option<Vec<u8>>,
}

impl Session {
    /// The logged-in user's mailboxes in name order, with their counts in
    /// the store now. `None` before login; empty if the account is gone.
    pub fn mailbox_tree(&self) -> Option<Vec<TreeEntry>> {
        let user = self.user()?;
        let store = lock(&self.store);
        let Some(account) = store.account(user) else {
            return Some(Vec::new());
        };
        Some(
            account
                .mailboxes()
                .map(|(name, m)| tree_entry(name, m))
                .collect(),
        )
    }

    /// The selected mailbox as this session numbers it: at most `limit`
    /// rows starting after sequence number `offset`, with the rows another
    /// session expunged (and this one still numbers) marked, and the
    /// messages not yet announced to this session. `None` when no mailbox
    /// is selected, or the selected one no longer exists.
    pub fn mailbox_view(&self, offset: u32, limit: u32) -> Option<MailboxView> {
        let State::Selected { user, view } = &self.state else {
            return None;
        };
        let store = lock(&self.store);
        let (_, mailbox) = store.account(user)?.mailbox_by_id(view.id)?;
        Some(mailbox_view(view, mailbox, offset, limit))
    }
}

fn tree_entry(name: &str, m: &MailboxData) -> TreeEntry {
    TreeEntry {
        name: name.to_owned(),
        leaf: name.rsplit(DELIMITER).next().unwrap_or(name).to_owned(),
        depth: u32::try_from(name.matches(DELIMITER).count()).unwrap_or(u32::MAX),
        messages: u32::try_from(m.len()).unwrap_or(u32::MAX),
        unseen: m.unseen_count(),
        noselect: m.noselect,
        special_use: m.special_use,
    }
}

fn mailbox_view(
    view: &SelectedView,
    mailbox: &MailboxData,
    offset: u32,
    limit: u32,
) -> MailboxView {
    let start = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(view.uids.len());
    let take = usize::try_from(limit).unwrap_or(usize::MAX);
    let rows = view
        .uids
        .iter()
        .enumerate()
        .skip(start)
        .take(take)
        .map(|(i, &uid)| ViewRow {
            seq: u32::try_from(i.saturating_add(1)).unwrap_or(u32::MAX),
            uid,
            message: mailbox
                .index_of_uid(uid)
                .and_then(|ix| mailbox.message(ix))
                .map(|m| RowMessage {
                    flags: m.flags.clone(),
                    recent: view.is_recent(uid),
                    internal_date: m.internal_date,
                    internal_zone: m.internal_zone,
                    size: m.size(),
                    modseq: m.modseq,
                    from: m.analysis.envelope.from.first().cloned(),
                    subject: m.analysis.envelope.subject.clone(),
                }),
        })
        .collect();
    let highest = view.uids.last().copied().unwrap_or(0);
    let first_new = mailbox.messages().partition_point(|m| m.uid <= highest);
    let unannounced = mailbox
        .messages()
        .get(first_new..)
        .unwrap_or_default()
        .iter()
        .map(|m| m.uid)
        .collect();
    MailboxView {
        mailbox: view.name.clone(),
        read_only: view.read_only,
        exists: view.exists(),
        unannounced,
        uid_validity: mailbox.uid_validity,
        uid_next: mailbox.uid_next(),
        condstore: view.condstore,
        highest_modseq: mailbox.modseq(),
        offset: u32::try_from(start).unwrap_or(u32::MAX),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;
    use crate::session::{Output, SessionOptions, SharedStore};

    const NOW: i64 = 1_700_000_000_000;

    fn session(store: &SharedStore, lines: &[&str]) -> Session {
        let mut s = Session::new(Arc::clone(store), SessionOptions::default(), NOW);
        for line in lines {
            let bytes = format!("{line}\r\n");
            assert_eq!(s.handle_input(bytes.as_bytes(), NOW), bytes.len());
        }
        while s.poll_output().is_some() {}
        s
    }

    #[test]
    fn tree_needs_a_login() {
        let store: SharedStore = Arc::new(Mutex::new(mailstore::demo::demo_store()));
        assert_eq!(session(&store, &[]).mailbox_tree(), None);
        let tree = session(&store, &["a LOGIN alice wonderland"])
            .mailbox_tree()
            .unwrap();
        let child = tree.iter().find(|t| t.name == "Archive/2025").unwrap();
        assert_eq!((child.leaf.as_str(), child.depth), ("2025", 1));
        let sent = tree.iter().find(|t| t.name == "Sent").unwrap();
        assert_eq!(sent.special_use, Some(SpecialUse::Sent));
        assert_eq!((sent.messages, sent.unseen), (3, 0));
    }

    #[test]
    fn view_lags_the_store_until_told_and_changes_nothing() {
        let store: SharedStore = Arc::new(Mutex::new(mailstore::demo::demo_store()));
        let mut a = session(&store, &["a LOGIN alice wonderland", "a SELECT INBOX"]);
        let mut b = session(&store, &["b LOGIN alice wonderland"]);
        assert!(b.mailbox_view(0, 10).is_none(), "nothing selected");
        for line in [
            "b SELECT INBOX",
            "b STORE 3 +FLAGS (\\Deleted)",
            "b EXPUNGE",
            "b UNSELECT",
            "b APPEND INBOX {2}",
            "hi",
        ] {
            let bytes = format!("{line}\r\n");
            assert_eq!(b.handle_input(bytes.as_bytes(), NOW), bytes.len());
        }

        let view = a.mailbox_view(1, 3).unwrap();
        assert_eq!((view.exists, view.offset), (32, 1));
        assert_eq!(
            view.rows
                .iter()
                .map(|r| (r.seq, r.uid, r.is_expunged()))
                .collect::<Vec<_>>(),
            [(2, 2, false), (3, 3, true), (4, 4, false)]
        );
        assert_eq!(view.unannounced, [33]);
        let first = view.rows.first().and_then(|r| r.message.as_ref()).unwrap();
        assert_eq!(
            first.subject.as_deref(),
            Some(&b"Tea party this Saturday"[..])
        );
        assert!(!first.recent && first.size > 0);

        // Asking again queued nothing and claimed no \Recent: the NOOP
        // that follows reports what happened, and gets the \Recent.
        assert!(a.poll_output().is_none());
        assert_eq!(a.handle_input(b"a NOOP\r\n", NOW), 8);
        let mut told = Vec::new();
        while let Some(Output::Bytes(bytes)) = a.poll_output() {
            told.extend(bytes);
        }
        let told = String::from_utf8(told).unwrap();
        assert!(told.contains("* 3 EXPUNGE\r\n* 32 EXISTS\r\n"), "{told}");
        let view = a.mailbox_view(31, 5).unwrap();
        assert_eq!(view.unannounced, Vec::<u32>::new());
        let last = view.rows.last().unwrap();
        assert_eq!(last.uid, 33);
        assert!(last.message.as_ref().unwrap().recent);

        // Beyond the end: no rows, the offset clamped.
        let past = a.mailbox_view(99, 5).unwrap();
        assert_eq!((past.offset, past.rows.len()), (32, 0));
    }
}
