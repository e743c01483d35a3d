//! The mailbox inspector's data: the user's mailbox tree with counts, and
//! the selected mailbox's messages *as one session sees them* (its
//! sequence numbers, which lag the store until the session is told). The
//! engine computes both; this module converts them to serializable rows.

use imap_engine::{MailboxView, TreeEntry, ViewRow};
use mailstore::{SpecialUse, SystemFlag};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::sessions::Sessions;
use crate::{Playground, no_session, to_js};

/// The most rows one call returns, whatever the page asks for.
pub const MAX_ROWS: u32 = 500;

/// What the inspector shows for one session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Inspection {
    /// The logged-in user; `None` before login (then the tree is empty).
    pub user: Option<String>,
    /// The user's mailboxes, sorted by name.
    pub tree: Vec<TreeRow>,
    /// The selected mailbox, if any.
    pub selected: Option<SelectedInfo>,
}

/// One mailbox in the tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TreeRow {
    /// The full name (`Archive/2025`).
    pub name: String,
    /// The last level (`2025`).
    pub leaf: String,
    /// Nesting depth, 0 for top-level names.
    pub depth: u32,
    /// Messages in the store now.
    pub messages: u32,
    /// Messages without `\Seen`.
    pub unseen: u32,
    /// A `\Noselect` placeholder.
    pub noselect: bool,
    /// `Sent`, `Drafts`, `Trash`, `Junk`, `Archive` or `None`.
    pub special_use: Option<&'static str>,
}

/// The selected mailbox as the session sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SelectedInfo {
    /// The name it was selected under.
    pub mailbox: String,
    /// Opened with EXAMINE.
    pub read_only: bool,
    /// The number of messages the session knows of (its last EXISTS).
    pub exists: u32,
    /// Messages in the store the session has not been told of yet.
    pub unannounced: u32,
    /// UIDVALIDITY.
    pub uid_validity: u32,
    /// UIDNEXT.
    pub uid_next: u32,
    /// The session has CONDSTORE on: the page shows each row's modseq.
    pub condstore: bool,
    /// The mailbox's HIGHESTMODSEQ now.
    pub highest_modseq: u64,
    /// The sequence number of the first row, minus one.
    pub offset: u32,
    /// Rows `offset + 1 ..= offset + rows.len()`.
    pub rows: Vec<Row>,
}

/// One message row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Row {
    /// The sequence number in this session.
    pub seq: u32,
    /// The UID.
    pub uid: u32,
    /// Flags as IMAP writes them (`\Seen`, keywords, `\Recent` for this session).
    pub flags: Vec<String>,
    /// The internal date, `YYYY-MM-DD HH:MM` in the message's zone.
    pub date: String,
    /// The first From address: display name (decoded), else `mailbox@host`.
    pub from: String,
    /// The Subject header, RFC 2047 words decoded.
    pub subject: String,
    /// Expunged from the store but not yet reported to this session (it
    /// still holds the sequence number until the session hears EXPUNGE).
    pub expunged: bool,
    /// Its modseq (0 for an expunged row).
    pub modseq: u64,
}

/// The inspection of session `id`, with at most `limit` rows (capped at
/// [`MAX_ROWS`]) starting after sequence number `offset`. `None` if there
/// is no such session. The engine answers ([`Session::mailbox_tree`],
/// [`Session::mailbox_view`]); this only converts its answer for the page.
///
/// [`Session::mailbox_tree`]: imap_engine::Session::mailbox_tree
/// [`Session::mailbox_view`]: imap_engine::Session::mailbox_view
pub fn inspect(sessions: &Sessions, id: u32, offset: u32, limit: u32) -> Option<Inspection> {
    let session = sessions.session(id)?;
    let user = session.user().map(str::to_owned);
    let tree = session
        .mailbox_tree()
        .unwrap_or_default()
        .into_iter()
        .map(tree_row)
        .collect();
    let selected = session
        .mailbox_view(offset, limit.min(MAX_ROWS))
        .map(selected_info);
    Some(Inspection {
        user,
        tree,
        selected,
    })
}

fn tree_row(entry: TreeEntry) -> TreeRow {
    TreeRow {
        name: entry.name,
        leaf: entry.leaf,
        depth: entry.depth,
        messages: entry.messages,
        unseen: entry.unseen,
        noselect: entry.noselect,
        special_use: entry.special_use.map(special_use_name),
    }
}

fn selected_info(view: MailboxView) -> SelectedInfo {
    SelectedInfo {
        mailbox: view.mailbox,
        read_only: view.read_only,
        exists: view.exists,
        unannounced: u32::try_from(view.unannounced.len()).unwrap_or(u32::MAX),
        uid_validity: view.uid_validity,
        uid_next: view.uid_next,
        condstore: view.condstore,
        highest_modseq: view.highest_modseq,
        offset: view.offset,
        rows: view.rows.into_iter().map(row).collect(),
    }
}

fn special_use_name(s: SpecialUse) -> &'static str {
    match s {
        SpecialUse::Sent => "Sent",
        SpecialUse::Drafts => "Drafts",
        SpecialUse::Trash => "Trash",
        SpecialUse::Junk => "Junk",
        SpecialUse::Archive => "Archive",
    }
}

fn row(view_row: ViewRow) -> Row {
    let ViewRow { seq, uid, message } = view_row;
    let Some(msg) = message else {
        return Row {
            seq,
            uid,
            flags: Vec::new(),
            date: String::new(),
            from: String::new(),
            subject: String::new(),
            expunged: true,
            modseq: 0,
        };
    };
    let mut flags: Vec<String> = msg
        .flags
        .system()
        .map(|f| {
            match f {
                SystemFlag::Seen => "\\Seen",
                SystemFlag::Answered => "\\Answered",
                SystemFlag::Flagged => "\\Flagged",
                SystemFlag::Deleted => "\\Deleted",
                SystemFlag::Draft => "\\Draft",
            }
            .to_owned()
        })
        .collect();
    flags.extend(msg.flags.keywords().map(str::to_owned));
    if msg.recent {
        flags.push("\\Recent".to_owned());
    }
    let from = msg
        .from
        .map(|a| match &a.name {
            Some(name) if !name.is_empty() => decode(name),
            _ => format!(
                "{}@{}",
                String::from_utf8_lossy(a.mailbox.as_deref().unwrap_or_default()),
                String::from_utf8_lossy(a.host.as_deref().unwrap_or_default())
            ),
        })
        .unwrap_or_default();
    let subject = msg.subject.as_deref().map(decode).unwrap_or_default();
    Row {
        seq,
        uid,
        flags,
        date: format_date(msg.internal_date, msg.internal_zone),
        from,
        subject,
        expunged: false,
        modseq: msg.modseq,
    }
}

/// A header value with RFC 2047 words decoded (the decoder reads a whole
/// header line, so the line end is added), trimmed.
fn decode(value: &[u8]) -> String {
    let mut line = Vec::with_capacity(value.len().saturating_add(2));
    line.extend_from_slice(value);
    line.extend_from_slice(b"\r\n");
    mailstore::analysis::decode_header_value(&line)
        .trim()
        .to_owned()
}

/// `YYYY-MM-DD HH:MM` of `secs` since the epoch shown in `zone` minutes east.
pub fn format_date(secs: i64, zone: i16) -> String {
    let local = secs.saturating_add(i64::from(zone).saturating_mul(60));
    let days = local.div_euclid(86_400);
    let rem = local.rem_euclid(86_400);
    let (y, m, d) = mailstore::civil::civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}",
        rem / 3600,
        (rem % 3600) / 60
    )
}

#[wasm_bindgen]
impl Playground {
    /// The inspector's view of session `id`: `{user, tree: [{name, leaf,
    /// depth, messages, unseen, noselect, specialUse}], selected: null |
    /// {mailbox, readOnly, exists, unannounced, uidValidity, uidNext,
    /// offset, rows: [{seq, uid, flags, date, from, subject, expunged}]}}`.
    /// Rows start after sequence number `offset`; at most `limit` (≤ 500).
    pub fn inspect(&self, id: u32, offset: u32, limit: u32) -> Result<JsValue, JsError> {
        let view = inspect(&self.sessions, id, offset, limit).ok_or_else(|| no_session(id))?;
        to_js(&view)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_700_000_000_000;

    fn send(s: &mut Sessions, id: u32, line: &str) {
        s.send(id, format!("{line}\r\n").as_bytes(), NOW);
    }

    fn selected(s: &Sessions, id: u32) -> SelectedInfo {
        inspect(s, id, 0, 1000)
            .and_then(|i| i.selected)
            .expect("a selected mailbox")
    }

    #[test]
    fn dates_are_civil() {
        assert_eq!(format_date(0, 0), "1970-01-01 00:00");
        assert_eq!(format_date(951_782_400, 0), "2000-02-29 00:00");
        assert_eq!(format_date(1_700_000_000, 60), "2023-11-14 23:13");
        assert_eq!(format_date(-86_400, 0), "1969-12-31 00:00");
    }

    #[test]
    fn tree_before_and_after_login() {
        let mut s = Sessions::new(mailstore::demo::demo_store());
        let id = s.open(NOW);
        let before = inspect(&s, id, 0, 10).expect("session");
        assert_eq!((before.user, before.tree.len()), (None, 0));
        send(&mut s, id, "a1 LOGIN alice wonderland");
        let after = inspect(&s, id, 0, 10).expect("session");
        let inbox = after
            .tree
            .iter()
            .find(|t| t.name == "INBOX")
            .expect("INBOX");
        assert_eq!(inbox.messages, 32);
        assert!(inbox.unseen > 0 && inbox.unseen <= 32);
        let child = after
            .tree
            .iter()
            .find(|t| t.name == "Archive/2025")
            .expect("child");
        assert_eq!((child.depth, child.leaf.as_str()), (1, "2025"));
        assert!(after.selected.is_none());
        assert!(inspect(&s, 99, 0, 1).is_none());
    }

    #[test]
    fn rows_follow_what_the_session_was_told() {
        let mut s = Sessions::new(mailstore::demo::demo_store());
        let a = s.open(NOW);
        let b = s.open(NOW);
        for id in [a, b] {
            send(&mut s, id, "x LOGIN alice wonderland");
            send(&mut s, id, "x SELECT INBOX");
        }
        let first = selected(&s, a);
        assert_eq!(first.exists, 32);
        assert_eq!(first.rows.len(), 32);
        assert_eq!(first.rows[1].seq, 2);
        let uid2 = first.rows[1].uid;
        assert!(!first.rows[0].subject.is_empty());
        // RFC 2047 words are decoded for display.
        assert!(
            first
                .rows
                .iter()
                .all(|r| !r.subject.contains("=?") && !r.from.contains("=?")),
            "{:?}",
            first
                .rows
                .iter()
                .map(|r| (&r.from, &r.subject))
                .collect::<Vec<_>>()
        );

        // STORE in session a: a's rows show the flag.
        send(&mut s, a, "x STORE 2 +FLAGS (\\Deleted $Work)");
        let row = selected(&s, a).rows[1].clone();
        assert!(row.flags.contains(&"\\Deleted".to_owned()), "{row:?}");
        assert!(row.flags.contains(&"$Work".to_owned()));

        // EXPUNGE in a: a's sequence numbers shift at once …
        send(&mut s, a, "x EXPUNGE");
        let after = selected(&s, a);
        assert_eq!(after.exists, 31);
        assert!(after.rows.iter().all(|r| r.uid != uid2 && !r.expunged));
        assert_eq!(after.rows[1].seq, 2);
        // … while b still holds the old number for it until told.
        let stale = selected(&s, b);
        assert_eq!(stale.exists, 32);
        assert!(stale.rows[1].expunged);
        assert_eq!(stale.rows[1].uid, uid2);
        send(&mut s, b, "x NOOP");
        assert_eq!(selected(&s, b).exists, 31);

        // An APPEND by a is unannounced to b until b's next command.
        send(&mut s, a, "x APPEND INBOX {2}");
        send(&mut s, a, "hi");
        assert_eq!(selected(&s, b).unannounced, 1);
        send(&mut s, b, "x NOOP");
        let b_now = selected(&s, b);
        assert_eq!((b_now.exists, b_now.unannounced), (32, 0));

        // Windows.
        let window = inspect(&s, a, 30, 5)
            .and_then(|i| i.selected)
            .expect("selected");
        assert_eq!(window.offset, 30);
        assert_eq!(
            window.rows.iter().map(|r| r.seq).collect::<Vec<_>>(),
            vec![31, 32]
        );
    }

    #[test]
    fn modseqs_are_shown_once_condstore_is_on() {
        let mut s = Sessions::new(mailstore::demo::demo_store());
        let id = s.open(NOW);
        send(&mut s, id, "x LOGIN alice wonderland");
        send(&mut s, id, "x SELECT INBOX");
        let before = selected(&s, id);
        assert!(!before.condstore);
        send(&mut s, id, "x ENABLE CONDSTORE");
        send(&mut s, id, "x STORE 3 +FLAGS (\\Flagged)");
        let after = selected(&s, id);
        assert!(after.condstore);
        let highest = after.highest_modseq;
        assert!(highest > before.highest_modseq);
        let row3 = after.rows.iter().find(|r| r.seq == 3).expect("row 3");
        assert_eq!(row3.modseq, highest, "the latest change is message 3's");
        assert!(
            after
                .rows
                .iter()
                .filter(|r| r.seq != 3)
                .all(|r| r.modseq < highest)
        );
    }

    /// FNV-1a, 64 bits, of the inspection's `Debug` text: every field of
    /// every row, stable across Rust releases.
    fn digest(value: &impl std::fmt::Debug) -> String {
        let mut hash = 0xcbf2_9ce4_8422_2325u64;
        for b in format!("{value:?}").bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        format!("{hash:016x}")
    }

    /// The inspector's output, pinned on the demo store after another
    /// session changed flags, expunged, appended and created a mailbox:
    /// the tree with its counts, the rows as the stale session still
    /// numbers them (expunged ones marked), the unannounced count, a
    /// window, an EXAMINE session, and the same session once told.
    #[test]
    fn inspection_is_pinned() {
        let mut s = Sessions::new(mailstore::demo::demo_store());
        let (a, b, c) = (s.open(NOW), s.open(NOW), s.open(NOW));
        for id in [a, b, c] {
            send(&mut s, id, "x LOGIN alice wonderland");
        }
        send(&mut s, a, "x SELECT INBOX");
        send(&mut s, b, "x SELECT INBOX");
        send(&mut s, c, "x EXAMINE Archive");
        send(&mut s, b, "x STORE 2,5 +FLAGS (\\Deleted)");
        send(&mut s, b, "x EXPUNGE");
        send(&mut s, b, "x STORE 3 +FLAGS ($Work \\Flagged)");
        send(&mut s, b, "x STORE 7 -FLAGS (\\Seen)");
        send(&mut s, b, "x CREATE Projects/2026");
        send(&mut s, b, "x APPEND INBOX (\\Seen) {47}");
        send(
            &mut s,
            b,
            "From: Dodo <dodo@race.example>\r\nSubject: Caucus",
        );
        send(&mut s, b, "x APPEND Archive {21}");
        send(&mut s, b, "Subject: Race results");

        let stale = inspect(&s, a, 0, 1000).expect("session a");
        let tree: Vec<String> = stale
            .tree
            .iter()
            .map(|t| {
                format!(
                    "{} {} {} {}/{} {} {:?}",
                    t.name, t.leaf, t.depth, t.unseen, t.messages, t.noselect, t.special_use
                )
            })
            .collect();
        assert_eq!(
            tree,
            [
                "Archive Archive 0 1/3 false Some(\"Archive\")",
                "Archive/2025 2025 1 0/1 false None",
                "Drafts Drafts 0 0/1 false Some(\"Drafts\")",
                "INBOX INBOX 0 17/31 false None",
                "Junk Junk 0 1/1 false Some(\"Junk\")",
                "Projects Projects 0 0/0 true None",
                "Projects/2026 2026 1 0/0 false None",
                "Sent Sent 0 0/3 false Some(\"Sent\")",
                "Trash Trash 0 0/1 false Some(\"Trash\")",
                "test test 0 0/1 false None",
            ]
        );
        let info = stale.selected.clone().expect("a has INBOX selected");
        assert_eq!(
            (
                info.mailbox.as_str(),
                info.read_only,
                info.exists,
                info.unannounced,
                info.offset,
                info.rows.len()
            ),
            ("INBOX", false, 32, 1, 0, 32)
        );
        let expunged: Vec<u32> = info
            .rows
            .iter()
            .filter(|r| r.expunged)
            .map(|r| r.seq)
            .collect();
        assert_eq!(expunged, [2, 5]);
        let line = |r: &Row| {
            format!(
                "{} {} {:?} {} | {} | {} {}",
                r.seq, r.uid, r.flags, r.date, r.from, r.subject, r.expunged
            )
        };
        assert_eq!(
            info.rows.iter().take(5).map(line).collect::<Vec<_>>(),
            [
                r#"1 1 ["\\Seen"] 2025-03-01 09:07 | White Rabbit | Running late for the tea party false"#,
                "2 2 []  |  |  true",
                r#"3 3 ["\\Seen"] 2025-03-03 07:47 | Riverside Garden Society | Spring planting calendar false"#,
                r#"4 4 ["\\Flagged", "\\Seen", "$Work"] 2025-03-04 12:02 | Little Valley Railway | Timetable changes from 1 April false"#,
                "5 5 []  |  |  true",
            ]
        );
        assert_eq!(digest(&stale), "321b041e6645dfa9");

        let window = inspect(&s, a, 29, 2).expect("session a");
        let rows = window.selected.as_ref().map(|w| (w.offset, w.rows.len()));
        assert_eq!(rows, Some((29, 2)));
        assert_eq!(digest(&window), "5923a6ede4e08a77");
        assert_eq!(
            digest(&inspect(&s, b, 0, 1000).expect("b")),
            "e7117e6f16780177"
        );
        let examined = inspect(&s, c, 0, 1000)
            .and_then(|i| i.selected)
            .expect("c has Archive selected");
        assert_eq!(
            (examined.read_only, examined.exists, examined.unannounced),
            (true, 2, 1)
        );
        assert_eq!(
            digest(&inspect(&s, c, 0, 1000).expect("c")),
            "02481e709c789028"
        );

        send(&mut s, a, "x NOOP");
        let told = selected(&s, a);
        assert_eq!((told.exists, told.unannounced), (31, 0));
        assert!(told.rows.iter().all(|r| !r.expunged));
        assert_eq!(
            digest(&inspect(&s, a, 0, 1000).expect("a")),
            "b79d74ec909d8588"
        );
    }
}
