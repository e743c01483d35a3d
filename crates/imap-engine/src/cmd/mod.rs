//! One module per command group, like mini-redis's `cmd/`. Each handler
//! queues its untagged responses on the session and returns the tagged
//! [`Outcome`].

pub(crate) mod any;
pub(crate) mod append;
pub(crate) mod auth;
pub(crate) mod binary;
pub(crate) mod condstore;
pub(crate) mod copy;
pub(crate) mod fetch;
pub(crate) mod idle;
pub(crate) mod list_extended;
pub(crate) mod mailboxes;
pub(crate) mod search;
pub(crate) mod select;
pub(crate) mod selected;
pub(crate) mod sort;
pub(crate) mod store;

use imap_syntax::{Code, CommandBody, Secret, State as SyntaxState, StatusKind, Tag};

use crate::session::{ExpungedAnswer, Session, State};

/// The tagged result of a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Outcome {
    /// OK, NO or BAD.
    pub kind: StatusKind,
    /// A response code.
    pub code: Option<Code>,
    /// Words for the human.
    pub text: String,
}

impl Outcome {
    /// `OK text`
    pub fn ok(text: impl Into<String>) -> Self {
        Outcome {
            kind: StatusKind::Ok,
            code: None,
            text: text.into(),
        }
    }
    /// `OK [code] text`
    pub fn ok_code(code: Code, text: impl Into<String>) -> Self {
        Outcome {
            kind: StatusKind::Ok,
            code: Some(code),
            text: text.into(),
        }
    }
    /// `NO text`
    pub fn no(text: impl Into<String>) -> Self {
        Outcome {
            kind: StatusKind::No,
            code: None,
            text: text.into(),
        }
    }
    /// `NO [code] text`
    pub fn no_code(code: Code, text: impl Into<String>) -> Self {
        Outcome {
            kind: StatusKind::No,
            code: Some(code),
            text: text.into(),
        }
    }
    /// `BAD text`
    pub fn bad(text: impl Into<String>) -> Self {
        Outcome {
            kind: StatusKind::Bad,
            code: None,
            text: text.into(),
        }
    }
}

impl Session {
    /// The outcome of a FETCH, whose responses are queued (`expunged`:
    /// some messages named were expunged elsewhere): OK with `done`;
    /// `OK [EXPUNGEISSUED]` when some of the
    /// messages were expunged by another session and not yet reported, or
    /// `NO [EXPUNGEISSUED]` under [`ExpungedAnswer::Refuse`].
    ///
    /// [`ExpungedAnswer::Refuse`]: crate::ExpungedAnswer::Refuse
    pub(crate) fn finish_fetch(&self, expunged: bool, done: &str) -> Outcome {
        if !expunged {
            return Outcome::ok(done);
        }
        match self.options.expunged {
            ExpungedAnswer::Serve => Outcome::ok_code(
                Code::ExpungeIssued,
                "Some messages were expunged by another session: NOOP shows which",
            ),
            ExpungedAnswer::Refuse => refused(),
        }
    }

    /// Queues the responses a STORE produced (FLAGS for new keywords, then
    /// the flag updates), then gives its outcome:
    /// OK with `done` (also when some messages were expunged elsewhere, as
    /// Dovecot answers), or `NO [EXPUNGEISSUED]` under
    /// [`ExpungedAnswer::Refuse`].
    ///
    /// [`ExpungedAnswer::Refuse`]: crate::ExpungedAnswer::Refuse
    pub(crate) fn finish_store(
        &mut self,
        responses: Vec<imap_syntax::Response>,
        expunged: bool,
        done: &str,
    ) -> Outcome {
        for r in responses {
            self.push(r);
        }
        if expunged && self.options.expunged == ExpungedAnswer::Refuse {
            return refused();
        }
        Outcome::ok(done)
    }
}

/// `NO [EXPUNGEISSUED]` for a FETCH or STORE under [`ExpungedAnswer::Refuse`].
///
/// [`ExpungedAnswer::Refuse`]: crate::ExpungedAnswer::Refuse
fn refused() -> Outcome {
    Outcome::no_code(
        Code::ExpungeIssued,
        "Some messages were expunged by another session: NOOP shows which",
    )
}

/// Checks that the command is valid in the session's state (the table is
/// [`CommandKind::valid_in`]); the error is the text of the BAD response,
/// saying what to do instead.
///
/// [`CommandKind::valid_in`]: imap_syntax::CommandKind::valid_in
pub(crate) fn allowed(session: &Session, body: &CommandBody) -> Result<(), String> {
    let kind = body.kind();
    let name = kind.name();
    let state = match &session.state {
        State::NotAuthenticated => SyntaxState::NotAuthenticated,
        State::Authenticated { .. } => SyntaxState::Authenticated,
        State::Selected { .. } => SyntaxState::Selected,
        // A session that logged out reads no more commands.
        State::Logout => return Err(format!("{name} is not valid now: the session has ended")),
    };
    if kind.valid_in(state) {
        return Ok(());
    }
    let needs_login = !kind.valid_in(SyntaxState::NotAuthenticated);
    let needs_selected = needs_login && !kind.valid_in(SyntaxState::Authenticated);
    Err(match state {
        SyntaxState::NotAuthenticated if needs_selected => {
            format!("{name} is not valid before login: log in, then SELECT a mailbox")
        }
        SyntaxState::NotAuthenticated => format!(
            "{name} is not valid before login: log in first, for example LOGIN alice wonderland"
        ),
        SyntaxState::Authenticated if needs_selected => {
            format!("{name} needs a selected mailbox: SELECT or EXAMINE one first")
        }
        SyntaxState::Authenticated | SyntaxState::Selected => {
            format!("{name} is not valid now: you are already logged in")
        }
    })
}

/// Runs a command that [`allowed`] accepted. `None` when the command
/// continues over more exchanges (IDLE, AUTHENTICATE) and answers later.
pub(crate) fn dispatch(session: &mut Session, tag: &Tag, body: CommandBody) -> Option<Outcome> {
    use CommandBody::*;
    // A name that is not modified UTF-7 names no mailbox: one answer for
    // every command, before any handler looks such a name up.
    if let Some(name) = body.name_not_utf7() {
        let name = name.to_string();
        return Some(mailboxes::not_utf7(session, &body, &name));
    }
    let outcome = match body {
        Capability => any::capability(session),
        Noop => any::noop(session),
        Logout => any::logout(session),
        Id(params) => any::id(session, params),
        Enable(caps) => any::enable(session, &caps),
        StartTls => auth::starttls(session),
        Authenticate {
            mechanism,
            initial_response,
        } => {
            return auth::authenticate(
                session,
                tag,
                &mechanism,
                initial_response.as_ref().map(Secret::expose),
            );
        }
        Login { username, password } => auth::login(session, &username, password.expose()),
        Select(mailbox, params) => select::select(session, &mailbox, false, params),
        Examine(mailbox, params) => select::select(session, &mailbox, true, params),
        Create {
            mailbox,
            special_use,
        } => mailboxes::create(session, &mailbox, special_use.as_deref()),
        Delete(mailbox) => mailboxes::delete(session, &mailbox),
        Rename { from, to } => mailboxes::rename(session, &from, &to),
        Subscribe(mailbox) => mailboxes::subscribe(session, &mailbox),
        Unsubscribe(mailbox) => mailboxes::unsubscribe(session, &mailbox),
        List {
            reference,
            pattern,
            extended: Some(ext),
        } => list_extended::list(session, &reference, &pattern, &ext),
        List {
            reference,
            pattern,
            extended: None,
        } => mailboxes::list(session, reference.as_str(), pattern.as_str(), false),
        Lsub { reference, pattern } => {
            mailboxes::list(session, reference.as_str(), pattern.as_str(), true)
        }
        Status { mailbox, items } => mailboxes::status(session, &mailbox, &items),
        Namespace => mailboxes::namespace(session),
        Append {
            mailbox,
            flags,
            date,
            message,
            more,
        } => {
            let first = imap_syntax::AppendMessage {
                flags,
                date,
                message,
            };
            append::append(session, &mailbox, first, more)
        }
        Idle => return idle::idle(session, tag),
        Check => selected::check(session),
        Close => selected::close(session),
        Unselect => selected::unselect(session),
        Expunge => selected::expunge(session, None),
        UidExpunge(set) => selected::expunge(session, Some(&set)),
        CancelUpdate(tags) => search::cancel_update(session, &tags),
        Sort {
            returns,
            criteria,
            charset,
            keys,
            uid,
        } => sort::sort(
            session,
            tag,
            returns.as_deref(),
            &criteria,
            &charset,
            &keys,
            uid,
        ),
        Search {
            returns,
            charset,
            criteria,
            uid,
        } => search::search(
            session,
            tag,
            returns.as_deref(),
            charset.as_deref(),
            &criteria,
            uid,
        ),
        Fetch {
            set,
            items,
            uid,
            changed_since,
            vanished,
        } => {
            let modifiers = fetch::Modifiers {
                changed_since,
                vanished,
            };
            return fetch::fetch(session, tag, &set, &items, uid, modifiers);
        }
        Store {
            set,
            mode,
            silent,
            flags,
            uid,
            unchanged_since,
        } => {
            let change = store::Change {
                mode,
                silent,
                flags: &flags,
                unchanged_since,
            };
            store::store(session, &set, change, uid)
        }
        Copy { set, mailbox, uid } => copy::copy(session, &set, &mailbox, uid, false),
        Move { set, mailbox, uid } => copy::copy(session, &set, &mailbox, uid, true),
    };
    Some(outcome)
}
