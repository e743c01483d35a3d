//! The playground's sessions without any JavaScript types: one shared
//! store, many [`Session`]s, each with its pending output rendered.

use litemap::LiteMap;
use std::sync::{Arc, Mutex};

use imap_engine::{Need, Output, Session, SessionOptions, SessionState, SharedStore};
use mailstore::Store;
use serde::Serialize;

use crate::check::{LineError, check_line};
use crate::facts::Facts;
use crate::redact::Redactor;
use crate::render::{Kind, Line, render_parsed};

/// What one typed line gives the page: the line as it may be shown, the
/// answers, and where a refused command went wrong. Every text in it has
/// been through the session's [`Redactor`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Typed {
    /// The typed line with its secrets masked.
    pub shown: String,
    /// The masked ranges of the real line (UTF-16), for columns.
    pub masks: Vec<(u32, u32)>,
    /// The session's answers, any echo of a secret masked.
    pub lines: Vec<Line>,
    /// For a command the parser refused: the caret, at its column in `shown`.
    pub caret: Option<LineError>,
}

/// A session's state as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StateView {
    /// `not-authenticated`, `authenticated`, `selected` or `logout`.
    pub state: &'static str,
    /// The logged-in user, if any.
    pub user: Option<String>,
    /// The selected mailbox, if any.
    pub mailbox: Option<String>,
    /// Whether the selected mailbox was opened with EXAMINE.
    pub read_only: bool,
    /// What the session needs next: `line`, `literal`, `idle`, `auth` or `closed`.
    pub need: &'static str,
    /// For `need == "literal"`: the octets still expected.
    pub literal_len: Option<u32>,
    /// The state in words for a status line, such as `alice · INBOX
    /// (read-write)` or `not logged in`.
    pub summary: String,
}

/// One session and what the façade keeps beside it.
#[derive(Debug)]
struct Entry {
    session: Session,
    /// Follows the client side for credentials.
    redactor: Redactor,
    /// The transcript's facts, fed as lines are rendered.
    facts: Facts,
}

/// One store and the sessions on it. Session ids start at 1 and are never
/// reused within one `Sessions`.
#[derive(Debug)]
pub struct Sessions {
    /// The store every session sees.
    store: SharedStore,
    /// Open sessions by id. A session that logged out stays here (state
    /// `logout`) until it is closed, so the page can still ask about it.
    entries: LiteMap<u32, Entry>,
    /// The id the next session gets.
    next_id: u32,
}

impl Sessions {
    /// Sessions on the given store.
    pub fn new(store: Store) -> Self {
        Sessions {
            store: Arc::new(Mutex::new(store)),
            entries: LiteMap::new(),
            next_id: 1,
        }
    }

    /// Opens a session at time `now_ms`; its greeting waits for [`Sessions::poll`].
    pub fn open(&mut self, now_ms: i64) -> u32 {
        let id = self.next_id;
        self.next_id = self.next_id.saturating_add(1);
        let session = Session::new(Arc::clone(&self.store), SessionOptions::default(), now_ms);
        self.entries.insert(
            id,
            Entry {
                session,
                redactor: Redactor::new(),
                facts: Facts::default(),
            },
        );
        id
    }

    /// Sends one line the learner typed (without CRLF) to session `id`:
    /// the engine gets the real bytes, the page gets [`Typed`], in which no
    /// credential shows. `None` if there is no such session.
    pub fn send_typed(&mut self, id: u32, line: &str, now_ms: i64) -> Option<Typed> {
        let entry = self.entries.get_mut(&id)?;
        let command = matches!(entry.session.need(), Need::Line);
        let shown = entry.redactor.typed(line);
        if command {
            // Only the shown text: the facts never hold a credential.
            entry.facts.observe_client(&shown.text);
        }
        let mut wire = Vec::with_capacity(line.len().saturating_add(2));
        wire.extend_from_slice(line.as_bytes());
        wire.extend_from_slice(b"\r\n");
        let raw = self.send_raw(id, &wire, now_ms)?;
        let entry = self.entries.get_mut(&id)?;
        let need = entry.session.need();
        let redactor = &mut entry.redactor;
        redactor.sync(
            match need {
                Need::Literal { len } => Some(u64::from(len)),
                _ => None,
            },
            matches!(need, Need::AuthResponse),
        );
        let caret = if command && raw.iter().any(|l| l.kind == Kind::Bad) {
            check_line(line).map(|e| LineError {
                column: shown.column(e.column),
                found: redactor.mask_echo(&e.found),
                ..e
            })
        } else {
            None
        };
        let lines = redactor.server_lines(raw);
        Some(Typed {
            shown: shown.text,
            masks: shown.masks,
            lines,
            caret,
        })
    }

    /// Feeds `bytes` to session `id` and returns its output. Every other
    /// session is then told the store may have changed, so changes reach
    /// IDLE sessions at their next poll. `None` if there is no such session.
    pub fn send(&mut self, id: u32, bytes: &[u8], now_ms: i64) -> Option<Vec<Line>> {
        let entry = self.entries.get_mut(&id)?;
        if matches!(entry.session.need(), Need::Line) {
            let first = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
            let first = first.strip_suffix(b"\r").unwrap_or(first);
            let shown = Redactor::new().typed(&String::from_utf8_lossy(first));
            entry.facts.observe_client(&shown.text);
        }
        let raw = self.send_raw(id, bytes, now_ms)?;
        Some(self.entries.get_mut(&id)?.redactor.server_lines(raw))
    }

    /// Gives all of `bytes` to session `id`: when the output budget stops
    /// the session, its output is rendered and the rest given again, so a
    /// pasted burst of commands is answered whole, in order.
    fn send_raw(&mut self, id: u32, bytes: &[u8], now_ms: i64) -> Option<Vec<Line>> {
        let entry = self.entries.get_mut(&id)?;
        let mut lines = Vec::new();
        let mut rest = bytes;
        loop {
            let taken = entry.session.handle_input(rest, now_ms);
            rest = rest.get(taken..).unwrap_or_default();
            lines.extend(drain(&mut entry.session, &mut entry.facts));
            // With its output taken, a session takes some of any input.
            if rest.is_empty() || taken == 0 {
                break;
            }
        }
        for (other_id, other) in self.entries.iter_mut() {
            if *other_id != id {
                other.session.store_changed(now_ms);
            }
        }
        Some(lines)
    }

    /// The pending output of session `id` (greeting, IDLE updates, an
    /// autologout BYE), after doing what is due at `now_ms`
    /// ([`Session::handle_timeout`]) and letting a session in IDLE report
    /// changes to the store ([`Session::store_changed`]). `None` if there
    /// is no such session.
    pub fn poll(&mut self, id: u32, now_ms: i64) -> Option<Vec<Line>> {
        let entry = self.entries.get_mut(&id)?;
        entry.session.handle_timeout(now_ms);
        entry.session.store_changed(now_ms);
        let lines = drain(&mut entry.session, &mut entry.facts);
        Some(entry.redactor.server_lines(lines))
    }

    /// When session `id` next needs [`Sessions::poll`], in milliseconds
    /// since the epoch: its autologout deadline
    /// ([`Session::poll_timeout`]). Input moves it, so ask again after
    /// each send and poll. `Some(None)`: nothing will be due (the session
    /// has ended). `None` if there is no such session.
    pub fn next_timeout(&self, id: u32) -> Option<Option<i64>> {
        Some(self.entries.get(&id)?.session.poll_timeout())
    }

    /// Forgets session `id`; returns whether it existed.
    pub fn close(&mut self, id: u32) -> bool {
        self.entries.remove(&id).is_some()
    }

    /// The state of session `id`.
    pub fn state(&self, id: u32) -> Option<StateView> {
        let session = &self.entries.get(&id)?.session;
        // `clone` keeps this independent of whether the engine lends or
        // returns its state.
        let current: SessionState = session.state().clone();
        let (state, user, mailbox, read_only) = match current {
            SessionState::NotAuthenticated => ("not-authenticated", None, None, false),
            SessionState::Authenticated { user } => ("authenticated", Some(user), None, false),
            SessionState::Selected {
                user,
                mailbox,
                read_only,
            } => ("selected", Some(user), Some(mailbox), read_only),
            SessionState::Logout => ("logout", None, None, false),
        };
        let (need, literal_len) = match session.need() {
            Need::Line => ("line", None),
            Need::Literal { len } => ("literal", Some(len)),
            Need::Idle => ("idle", None),
            Need::AuthResponse => ("auth", None),
            Need::Closed => ("closed", None),
        };
        let summary = match (state, &user, &mailbox) {
            ("authenticated", Some(u), _) => format!("{u} · no mailbox selected"),
            ("selected", Some(u), Some(m)) => format!(
                "{u} · {m} ({})",
                if read_only { "read-only" } else { "read-write" }
            ),
            ("logout", _, _) => "logged out".to_owned(),
            _ => "not logged in".to_owned(),
        };
        Some(StateView {
            state,
            user,
            mailbox,
            read_only,
            need,
            literal_len,
            summary,
        })
    }

    /// The store every session shares (for inspectors, snapshots and imports).
    pub fn store(&self) -> &SharedStore {
        &self.store
    }

    /// What session `id`'s transcript has told so far (for lessons).
    pub fn facts(&self, id: u32) -> Option<&Facts> {
        self.entries.get(&id).map(|e| &e.facts)
    }

    /// Session `id`, read-only (for inspectors and completion).
    pub fn session(&self, id: u32) -> Option<&Session> {
        self.entries.get(&id).map(|e| &e.session)
    }

    /// The ids of the open sessions, ascending.
    pub fn ids(&self) -> Vec<u32> {
        self.entries.keys().copied().collect()
    }

    /// Number of open sessions.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no session is open.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Renders everything the session has queued, each response parsed once:
/// rendered, then followed by the session's facts, which give the line its
/// context. `Output::Close` adds no line: the page learns of it from the
/// state (`need == "closed"`).
fn drain(session: &mut Session, facts: &mut Facts) -> Vec<Line> {
    let mut lines = Vec::new();
    while let Some(output) = session.poll_output() {
        match output {
            Output::Bytes(bytes) => {
                let parsed = imap_syntax::parse_response(&bytes).ok();
                let mut line = render_parsed(&bytes, parsed.as_ref());
                facts.follow(&mut line, parsed.as_ref());
                lines.push(line);
            }
            Output::Close => {}
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Kind;

    const NOW: i64 = 1_700_000_000_000;

    fn demo() -> Sessions {
        Sessions::new(mailstore::demo::demo_store())
    }

    /// A new session whose greeting has been taken.
    fn greeted(s: &mut Sessions) -> u32 {
        let id = s.open(NOW);
        s.poll(id, NOW);
        id
    }

    fn send(s: &mut Sessions, id: u32, line: &str) -> Vec<Line> {
        s.send(id, format!("{line}\r\n").as_bytes(), NOW)
            .expect("session exists")
    }

    /// Types the lines into a new session: its id, and everything the page
    /// gets back, as one text.
    fn typed_all(s: &mut Sessions, lines: &[&str]) -> (u32, String) {
        let id = greeted(s);
        let mut all = String::new();
        for l in lines {
            let t = s.send_typed(id, l, NOW).expect("session exists");
            all.push_str(&t.shown);
            for line in &t.lines {
                all.push_str(&line.text);
            }
            if let Some(c) = &t.caret {
                all.push_str(&c.found);
                all.push_str(&c.expected);
            }
            all.push('\n');
        }
        (id, all)
    }

    #[test]
    fn each_line_carries_the_facts_it_arrived_with() {
        let mut s = demo();
        let id = greeted(&mut s);
        s.send_typed(id, "a1 LOGIN alice wonderland", NOW);
        let select = s.send_typed(id, "a2 SELECT INBOX", NOW).expect("session");
        let exists = select
            .lines
            .iter()
            .find(|l| l.text.ends_with(" EXISTS"))
            .expect("an EXISTS line");
        let ctx = exists.context.as_ref().expect("a context");
        // Before this EXISTS the session knew no count; the answers to a
        // SELECT are about the mailbox being selected.
        assert_eq!((ctx.exists, ctx.mailbox.as_deref()), (None, Some("INBOX")));
        assert_eq!(ctx.command.as_deref(), Some("SELECT"));
        let fetch = s
            .send_typed(id, "a3 FETCH 1 (FLAGS)", NOW)
            .expect("session");
        let ctx = fetch.lines[0].context.as_ref().expect("a context");
        assert_eq!(ctx.exists, Some(32));
        assert_eq!(ctx.mailbox.as_deref(), Some("INBOX"));
        assert_eq!(ctx.command.as_deref(), Some("FETCH"));
        let facts = s.facts(id).expect("facts").view();
        assert_eq!(facts.mailbox.as_deref(), Some("INBOX"));
        assert_eq!(facts.ok_commands.get("SELECT"), Some(&1));
        assert!(facts.flags.iter().any(|(seq, _)| *seq == 1));
        let last = facts.last.expect("a tagged answer");
        assert_eq!((last.command.as_str(), last.status), ("FETCH", "OK"));
        // A failed SELECT leaves no mailbox selected.
        s.send_typed(id, "a4 SELECT Nowhere", NOW);
        assert_eq!(s.facts(id).expect("facts").view().mailbox, None);
    }

    #[test]
    fn facts_never_hold_a_credential() {
        let mut s = demo();
        let id = greeted(&mut s);
        s.send_typed(id, "a1 LOGIN alice wonderland", NOW);
        s.send(id, b"a2 LOGIN bob builder\r\n", NOW);
        let text = format!("{:?}", s.facts(id).expect("facts"));
        assert!(
            !text.contains("wonderland") && !text.contains("builder"),
            "{text}"
        );
        assert!(s.close(id));
        assert!(s.facts(id).is_none());
    }

    #[test]
    fn typed_credentials_never_come_back() {
        let mut s = demo();
        let (_, all) = typed_all(
            &mut s,
            &[
                "a1 LOGIN alice \"hunter22",
                "a2 LOGIN alice {10}",
                "wonderland",
                "a3 LOGOUT",
            ],
        );
        assert!(!all.contains("hunter22"), "{all}");
        assert!(!all.contains("wonderland"), "{all}");
        assert!(all.contains("a2 OK"), "the literal login worked: {all}");

        // AGFsaWNlAHdvbmRlcmxhbmQ= is base64 of \0alice\0wonderland.
        let (id, all) = typed_all(
            &mut s,
            &[
                "b1 AUTHENTICATE PLAIN",
                "AGFsaWNlAHdvbmRlcmxhbmQ=",
                "b2 NOOP",
            ],
        );
        assert!(!all.contains("AGFsaWNl"), "{all}");
        assert!(all.contains("b1 OK") && all.contains("b2 OK"), "{all}");
        let state = s.state(id).expect("session exists");
        assert_eq!(
            state.user.as_deref(),
            Some("alice"),
            "the engine got the real bytes"
        );
    }

    #[test]
    fn the_caret_points_into_the_shown_line() {
        let mut s = demo();
        let id = greeted(&mut s);
        let t = s
            .send_typed(id, "a1 LOGIN alice wonderland extra", NOW)
            .expect("session exists");
        assert_eq!(t.shown, "a1 LOGIN alice •••••• extra");
        let caret = t.caret.expect("BAD has a caret");
        assert_eq!(caret.column, 22, "after the mask, at `extra`");
    }

    #[test]
    fn greeting_then_login() {
        let mut s = demo();
        let id = s.open(NOW);
        let greeting = s.poll(id, NOW).expect("session exists");
        assert_eq!(greeting.len(), 1);
        assert!(
            matches!(greeting[0].kind, Kind::Ok | Kind::Preauth),
            "{greeting:?}"
        );
        assert_eq!(greeting[0].tag, None);
        assert_eq!(s.state(id).map(|v| v.state), Some("not-authenticated"));

        let out = send(&mut s, id, "a1 LOGIN alice wonderland");
        let last = out.last().expect("a tagged answer");
        assert_eq!((last.kind, last.tag.as_deref()), (Kind::Ok, Some("a1")));
        let view = s.state(id).expect("session exists");
        assert_eq!(
            (view.state, view.user.as_deref(), view.need),
            ("authenticated", Some("alice"), "line")
        );
    }

    #[test]
    fn select_shows_the_mailbox_and_codes() {
        let mut s = demo();
        let id = greeted(&mut s);
        send(&mut s, id, "a1 LOGIN alice wonderland");
        let out = send(&mut s, id, "a2 SELECT INBOX");
        assert!(
            out.iter().any(|l| l.code.as_deref() == Some("UIDVALIDITY")),
            "{out:?}"
        );
        assert!(
            out.iter()
                .any(|l| l.kind == Kind::Untagged && l.text.ends_with("EXISTS")),
            "{out:?}"
        );
        let view = s.state(id).expect("session exists");
        assert_eq!(
            (view.state, view.mailbox.as_deref(), view.read_only),
            ("selected", Some("INBOX"), false)
        );
    }

    #[test]
    fn bad_command_and_literal_need() {
        let mut s = demo();
        let id = greeted(&mut s);
        let out = send(&mut s, id, "a2 FOO");
        assert_eq!(
            out.last().map(|l| (l.kind, l.tag.as_deref())),
            Some((Kind::Bad, Some("a2")))
        );

        send(&mut s, id, "a1 LOGIN alice wonderland");
        let out = send(&mut s, id, "a3 APPEND INBOX {5}");
        assert_eq!(
            out.first().map(|l| l.kind),
            Some(Kind::Continuation),
            "{out:?}"
        );
        let view = s.state(id).expect("session exists");
        assert_eq!((view.need, view.literal_len), ("literal", Some(5)));
    }

    #[test]
    fn logout_says_bye_before_ok_and_closes() {
        let mut s = demo();
        let id = greeted(&mut s);
        let out = send(&mut s, id, "a3 LOGOUT");
        let kinds: Vec<Kind> = out.iter().map(|l| l.kind).collect();
        assert_eq!(kinds, vec![Kind::Bye, Kind::Ok]);
        assert_eq!(
            s.state(id).map(|v| (v.state, v.need)),
            Some(("logout", "closed"))
        );
    }

    #[test]
    fn the_next_timeout_is_the_autologout_and_poll_does_it() {
        const MINUTE: i64 = 60_000;
        let mut s = demo();
        let id = greeted(&mut s);
        assert_eq!(s.next_timeout(id), Some(Some(NOW + 30 * MINUTE)));
        s.send(id, b"a1 LOGIN alice wonderland\r\n", NOW + MINUTE);
        assert_eq!(s.next_timeout(id), Some(Some(NOW + 31 * MINUTE)));
        // A poll before the deadline does nothing; at it, the BYE.
        let early = s.poll(id, NOW + 31 * MINUTE - 1).expect("session");
        assert!(early.is_empty(), "{early:?}");
        let due = s.poll(id, NOW + 31 * MINUTE).expect("session");
        assert_eq!(due.len(), 1, "{due:?}");
        assert_eq!(due[0].kind, Kind::Bye);
        assert!(due[0].text.contains("Autologout"), "{due:?}");
        assert_eq!(s.next_timeout(id), Some(None), "nothing more is due");
        assert_eq!(s.state(id).map(|v| v.need), Some("closed"));
        assert_eq!(s.next_timeout(99), None, "no such session");
    }

    #[test]
    fn a_paste_past_the_output_budget_is_answered_whole_in_order() {
        let mut s = demo();
        let id = greeted(&mut s);
        send(&mut s, id, "a1 LOGIN alice wonderland");
        send(&mut s, id, "a2 SELECT INBOX");
        // Ten FETCHes of every body: well past the engine's 1 MiB budget,
        // so the session stops and the façade gives it the rest again.
        let paste: String = (0..10)
            .map(|i| format!("f{i} FETCH 1:* (BODY.PEEK[])\r\n"))
            .collect();
        let lines = s.send(id, paste.as_bytes(), NOW).expect("session");
        let tags: Vec<&str> = lines.iter().filter_map(|l| l.tag.as_deref()).collect();
        let want: Vec<String> = (0..10).map(|i| format!("f{i}")).collect();
        assert_eq!(tags, want);
        assert!(
            lines
                .iter()
                .filter(|l| l.tag.is_some())
                .all(|l| l.kind == Kind::Ok)
        );
        assert_eq!(lines.len(), 10 * 33, "32 FETCH lines and one OK each");
    }

    #[test]
    fn sessions_are_separate_and_closable() {
        let mut s = Sessions::new(Store::new());
        let a = s.open(NOW);
        let b = s.open(NOW);
        assert_ne!(a, b);
        assert_eq!(s.len(), 2);
        assert!(s.close(a));
        assert!(!s.close(a));
        assert!(s.send(a, b"x1 NOOP\r\n", NOW).is_none());
        assert!(s.poll(a, NOW).is_none());
        assert!(s.state(a).is_none());
        assert!(s.state(b).is_some());
        assert!(s.poll(b, NOW).is_some_and(|lines| !lines.is_empty()));
    }
}
