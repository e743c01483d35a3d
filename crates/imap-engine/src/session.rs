//! The per-connection state machine: framing input, checking the state,
//! dispatching to the command modules, and queueing output.

use std::sync::{Arc, Mutex, MutexGuard};

use imap_syntax::{
    Code, Command, CommandBody, CommandDecoder, Continue, Data, Decoded, DecoderOptions, Encode,
    Expect, ParseError, ParseErrorKind, Progress, Response, StatusKind, StatusResponse, Tag,
};
use mailstore::Store;

use crate::capability;
use crate::cmd;
use crate::outbox::Outbox;
use crate::view::SelectedView;

/// The store shared by every session of one server or one page.
pub type SharedStore = Arc<Mutex<Store>>;

/// Locks a mutex, such as the [`SharedStore`]. A poisoned lock (a panic
/// elsewhere while holding it) still gives access: the store's invariants
/// are kept by each of its calls, and every other value this project
/// guards is left whole between statements. The one helper for every
/// crate that shares a store or a table.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Choices a driver makes for its sessions. `Default` documents each one.
#[derive(Debug, Clone)]
pub struct SessionOptions {
    /// Limits on lines and literals. Default: [`DecoderOptions::default`].
    pub decoder: DecoderOptions,
    /// Whether the driver can run a TLS handshake on this connection when
    /// asked. When `true`, CAPABILITY lists `STARTTLS` until TLS is up, and
    /// STARTTLS answers `OK Begin TLS negotiation now`, after which
    /// [`Session::tls_requested`] tells the driver to do the handshake.
    /// Default `false`: the browser engine has no TLS, and a TCP listener
    /// without a certificate has none either, so STARTTLS is refused with
    /// an explanation.
    pub starttls_offered: bool,
    /// Whether LOGIN and AUTHENTICATE are allowed on a connection that is
    /// not encrypted. When `false`, before TLS CAPABILITY lists
    /// `LOGINDISABLED` (and no `AUTH=` mechanisms, as Dovecot does), and
    /// both commands get `NO [PRIVACYREQUIRED]` (RFC 3501 §6.2.3, RFC 5530).
    /// Default `true`: the sandbox runs in the browser or on loopback,
    /// where there is nothing to protect the password from.
    pub plaintext_login_allowed: bool,
    /// Whether the connection is encrypted from its first byte (implicit
    /// TLS, port 993 style): no STARTTLS, and login is allowed. Default
    /// `false`.
    pub tls_from_start: bool,
    /// Idle time after which the session is logged out, in milliseconds.
    /// Default 30 minutes, the minimum RFC 3501 §5.4 allows.
    /// [`Session::poll_timeout`] says when that is.
    pub autologout_ms: i64,
    /// The output budget, in octets: [`Session::handle_input`] takes no
    /// further command once the output queued and not yet taken with
    /// [`Session::poll_output`] is above it, and says how much input it
    /// took, so the driver keeps the rest until the client has read. The
    /// queue can pass it by the output of one command (one FETCH of a
    /// whole mailbox, say), never by more. Default 1 MiB; `usize::MAX`
    /// turns it off.
    pub max_queued_output: usize,
    /// The text of the greeting. Default names the playground.
    pub greeting: String,
    /// How many BAD responses in a row end the session. Default 20, as
    /// Dovecot: a client that only sends garbage is cut off, a learner's
    /// typos are not.
    pub max_bad_in_row: u32,
    /// Classroom mode: when `Some(password)`, any user name logs in with
    /// this password and gets a fresh copy of the demo mailboxes on first
    /// login. Default `None`.
    pub classroom_password: Option<String>,
    /// Classroom mode: the most accounts that may exist in the store.
    /// Default 200.
    pub max_accounts: usize,
    /// How FETCH and STORE answer for a message another session expunged
    /// and this session still numbers (it has not been told yet). Default
    /// [`ExpungedAnswer::Serve`], as Dovecot 2.3.
    pub expunged: ExpungedAnswer,
    /// Octets of FETCH output after which a FETCH stops and waits for
    /// [`Session::resume`] to answer the next messages (checked between
    /// messages; at least one is answered each time). A driver that writes
    /// to a socket sends the first responses of a long FETCH while the
    /// rest are made, and a FETCH of large bodies never sits whole in
    /// memory. Input waits meanwhile ([`Session::handle_input`] takes
    /// none). Between batches the store is not locked: other sessions'
    /// flag changes may show in the later responses, as they may on any
    /// server. Default 0: every FETCH is answered whole inside
    /// [`Session::handle_input`] (the page, the tests).
    pub fetch_batch: usize,
}

/// How a session answers FETCH, UID FETCH and STORE for a message another
/// session expunged, when this session has not yet been told (so it still
/// numbers the message, and may not renumber during FETCH or STORE, RFC
/// 3501 §7.4.1). RFC 2180 §4.1 allows several answers. Not affected, in
/// either mode, as on Dovecot 2.3: UID STORE skips a UID that is gone and
/// reports the EXPUNGE in the same answer; COPY and MOVE (and their UID
/// forms) answer `NO [EXPUNGEISSUED]` and copy nothing (RFC 2180 §4.4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExpungedAnswer {
    /// FETCH gives what the store kept of the message (it keeps recently
    /// expunged messages, RFC 2180 §4.1.1) and answers `OK
    /// [EXPUNGEISSUED]`; STORE changes the kept flags and answers OK with
    /// the FETCH of the new flags; SEARCH still sees it. A FETCH of many
    /// messages keeps working, as on Dovecot 2.3; NOOP then shows the EXPUNGE.
    #[default]
    Serve,
    /// FETCH and STORE answer `NO [EXPUNGEISSUED]` after the data of the
    /// messages that still exist (RFC 2180 §4.1.2), and SEARCH does not
    /// see the message: the stricter answer, the engine's before issue 17,
    /// for lessons that show both.
    Refuse,
}

impl Default for SessionOptions {
    fn default() -> Self {
        SessionOptions {
            decoder: DecoderOptions::default(),
            starttls_offered: false,
            plaintext_login_allowed: true,
            tls_from_start: false,
            autologout_ms: 30 * 60 * 1000,
            max_queued_output: 1024 * 1024,
            greeting: "IMAP Playground ready: try LOGIN alice wonderland".to_string(),
            max_bad_in_row: 20,
            classroom_password: None,
            max_accounts: 200,
            expunged: ExpungedAnswer::Serve,
            fetch_batch: 0,
        }
    }
}

/// The state of a session (RFC 3501 §3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionState {
    /// Before LOGIN or AUTHENTICATE.
    NotAuthenticated,
    /// Logged in as `user`, no mailbox selected.
    Authenticated {
        /// The user name.
        user: String,
    },
    /// Logged in with a mailbox selected.
    Selected {
        /// The user name.
        user: String,
        /// The selected mailbox's name.
        mailbox: String,
        /// Whether it was opened with EXAMINE.
        read_only: bool,
    },
    /// After LOGOUT or a BYE: nothing more is read.
    Logout,
}

/// What the session needs next from the client, for drivers and the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// A command line.
    Line,
    /// The octets of a literal announced by the client.
    Literal {
        /// The literal's announced length.
        len: u32,
    },
    /// The session is in IDLE; `DONE` ends it.
    Idle,
    /// A line of base64 for AUTHENTICATE, or `*`.
    AuthResponse,
    /// The session has ended.
    Closed,
}

/// What the session hands to its driver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// One whole response (line plus any literals), ready for the wire.
    Bytes(Vec<u8>),
    /// The server ends the connection: the driver closes the transport.
    Close,
}

/// Where the session is in the protocol.
#[derive(Debug)]
pub(crate) enum State {
    /// Before authentication.
    NotAuthenticated,
    /// Logged in; no mailbox selected.
    Authenticated { user: String },
    /// Logged in with a mailbox selected; `view` is this session's picture
    /// of the mailbox (its sequence numbers).
    Selected {
        user: String,
        view: Box<SelectedView>,
    },
    /// Finished: input is ignored.
    Logout,
}

/// Where the connection stands with TLS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tls {
    /// Not encrypted.
    Plain,
    /// STARTTLS was answered `OK`: the driver must run the handshake now;
    /// input is ignored until [`Session::tls_established`].
    Requested,
    /// Encrypted (after STARTTLS, or from the start).
    Active,
}

/// A command that spans several exchanges with the client.
#[derive(Debug)]
pub(crate) enum Pending {
    /// Nothing in progress.
    None,
    /// IDLE: waiting for DONE.
    Idle { tag: Tag },
    /// AUTHENTICATE: waiting for the client's next response line.
    Auth { tag: Tag, step: cmd::auth::AuthStep },
    /// A FETCH answered in batches: waiting for [`Session::resume`].
    Fetch(Box<cmd::fetch::FetchJob>),
}

/// One client connection's state machine.
///
/// Invariants: `out` holds whole responses only (of which a driver that
/// writes bytes may have written the start); once `state` is
/// [`State::Logout`] the last output queued is
/// [`Output::Close`] and no input is read again.
///
/// # Driving a session
///
/// A driver owns the transport and the clock, and calls:
/// - [`Session::handle_input`] with the client's bytes; it returns how
///   many it took, which is fewer than given when the output budget
///   ([`SessionOptions::max_queued_output`]) is spent: the driver keeps
///   the rest and gives it again once it has taken output;
/// - [`Session::poll_output`] until `None`, and sends what it gets; or,
///   to write bytes with no copy, [`Session::pending_output`] and
///   [`Session::output_written`];
/// - [`Session::poll_timeout`] after each of these calls, for the instant
///   at which to call [`Session::handle_timeout`] (the autologout);
/// - [`Session::store_changed`] when another session may have changed the
///   store, so a session in IDLE reports it at once.
///
/// Time is always passed in, in milliseconds since the Unix epoch: the
/// session has no clock and no timer of its own.
#[derive(Debug)]
pub struct Session {
    pub(crate) store: SharedStore,
    pub(crate) options: SessionOptions,
    decoder: CommandDecoder,
    pub(crate) state: State,
    pub(crate) pending: Pending,
    pub(crate) out: Outbox,
    /// The length of a literal the client announced and has not finished sending.
    literal: Option<u32>,
    /// When the client last sent anything, for autologout.
    last_activity_ms: i64,
    /// The clock at the current input, for commands that need "now".
    pub(crate) now_ms: i64,
    /// BAD responses in a row.
    bad_in_row: u32,
    /// [`Output::Close`] has been queued.
    closed: bool,
    /// TLS on this connection; `Requested` only between STARTTLS's `OK`
    /// and the driver's [`Session::tls_established`].
    pub(crate) tls: Tls,
    /// CONDSTORE (RFC 7162) is on for the rest of the connection: turned
    /// on by ENABLE or by the first command that uses it.
    pub(crate) condstore: bool,
    /// QRESYNC (RFC 7162 §3.2) is on: turned on by ENABLE QRESYNC only;
    /// expunges are told as VANISHED.
    pub(crate) qresync: bool,
}

impl Session {
    /// Opens a session; the greeting is queued as the first output.
    pub fn new(store: SharedStore, options: SessionOptions, now_ms: i64) -> Self {
        let decoder = CommandDecoder::new(options.decoder.clone());
        let mut session = Session {
            store,
            options,
            decoder,
            state: State::NotAuthenticated,
            pending: Pending::None,
            out: Outbox::default(),
            literal: None,
            last_activity_ms: now_ms,
            now_ms,
            bad_in_row: 0,
            closed: false,
            tls: Tls::Plain,
            condstore: false,
            qresync: false,
        };
        if session.options.tls_from_start {
            session.tls = Tls::Active;
        }
        let caps = capability::list(&session);
        let greeting = session.options.greeting.clone();
        session.untagged_status(StatusKind::Ok, Some(Code::Capability(caps)), &greeting);
        session
    }

    /// Feeds bytes received from the client, at time `now_ms` (milliseconds
    /// since the Unix epoch), and returns how many of them the session took.
    ///
    /// It takes everything unless the output budget
    /// ([`SessionOptions::max_queued_output`]) is spent: it stops after the
    /// command whose output took the queue over the budget, and takes
    /// nothing while the queue is still over it. The driver keeps the
    /// octets not taken (`bytes[taken..]`) and gives them again once it has
    /// taken output with [`Session::poll_output`]; they are framed exactly
    /// as if they arrived only then. With the queue drained, a call with
    /// input always takes some of it.
    ///
    /// Input after the session ended, and after STARTTLS's `OK` until
    /// [`Session::tls_established`], is taken and dropped.
    #[must_use = "the octets not taken must be given again later"]
    pub fn handle_input(&mut self, bytes: &[u8], now_ms: i64) -> usize {
        if matches!(self.state, State::Logout) || self.tls == Tls::Requested {
            // After STARTTLS's OK nothing but the TLS handshake may come
            // (RFC 3501 §6.2.1); the driver does not feed it to us.
            return bytes.len();
        }
        if self.over_budget() || self.unfinished() || bytes.is_empty() {
            return 0;
        }
        self.now_ms = now_ms;
        self.last_activity_ms = now_ms;
        self.decoder.push(bytes);
        loop {
            if matches!(self.state, State::Logout) {
                return bytes.len();
            }
            if self.tls == Tls::Requested {
                // Whatever followed STARTTLS in the clear is dropped: a
                // command injected there must not run as if it came over
                // TLS (the "STARTTLS command injection" attack).
                self.decoder = CommandDecoder::new(self.options.decoder.clone());
                self.literal = None;
                return bytes.len();
            }
            match self.decoder.next() {
                Progress::NeedMore => return bytes.len(),
                Progress::LiteralAnnounced {
                    len, synchronizing, ..
                } => {
                    self.literal = Some(len);
                    if synchronizing {
                        self.push(Response::Continue(Continue::Text(
                            "Ready for literal data".into(),
                        )));
                    }
                }
                Progress::Decoded(decoded) => {
                    self.literal = None;
                    self.handle_decoded(decoded);
                    let open = !matches!(self.state, State::Logout) && self.tls != Tls::Requested;
                    if open && (self.over_budget() || self.unfinished()) {
                        // Right after a unit the decoder has not looked at
                        // what follows, and all of it came in this call
                        // (what was buffered before could not complete a
                        // unit), so it can all go back to the driver.
                        let back = self.decoder.take_back(bytes.len());
                        return bytes.len().saturating_sub(back);
                    }
                }
            }
        }
    }

    /// Whether a FETCH answered in batches has more to answer (see
    /// [`SessionOptions::fetch_batch`]): the driver calls
    /// [`Session::resume`], best once what is queued is written. Until it
    /// ends, [`Session::handle_input`] takes nothing.
    pub fn unfinished(&self) -> bool {
        matches!(self.pending, Pending::Fetch(_))
    }

    /// Answers the next batch of an [`unfinished`](Session::unfinished)
    /// FETCH, at time `now_ms`, and once it is done its tagged answer.
    /// Does nothing otherwise.
    pub fn resume(&mut self, now_ms: i64) {
        let Pending::Fetch(job) = std::mem::replace(&mut self.pending, Pending::None) else {
            return;
        };
        self.now_ms = now_ms;
        let (tag, uid) = (job.tag.clone(), job.uid);
        if let Some(outcome) = cmd::fetch::run(self, job) {
            // As `handle_command` ends a FETCH: UID FETCH may carry
            // EXPUNGE responses, FETCH may not.
            self.end_command(&tag, outcome, true, (uid, uid));
        }
    }

    /// Whether the queued output is above the budget.
    fn over_budget(&self) -> bool {
        self.queued_output() > self.options.max_queued_output
    }

    /// The next instant, in milliseconds since the Unix epoch (the clock
    /// of [`Session::handle_input`]), at which the session needs
    /// [`Session::handle_timeout`]: the autologout deadline, the last input
    /// plus [`SessionOptions::autologout_ms`]. Input moves it later, so a
    /// driver asks again after every call. `None` once the session has
    /// ended, and while it waits for the driver's TLS handshake (which the
    /// driver bounds with its own timeout).
    pub fn poll_timeout(&self) -> Option<i64> {
        if matches!(self.state, State::Logout) || self.tls == Tls::Requested {
            return None;
        }
        Some(
            self.last_activity_ms
                .saturating_add(self.options.autologout_ms),
        )
    }

    /// Does what is due at `now_ms`: at or after the autologout deadline
    /// ([`Session::poll_timeout`]) the session says `* BYE` and ends.
    /// Before it, nothing happens, so calling early or twice is harmless.
    pub fn handle_timeout(&mut self, now_ms: i64) {
        let Some(deadline) = self.poll_timeout() else {
            return;
        };
        if now_ms >= deadline {
            self.now_ms = now_ms;
            self.bye("Autologout: idle for too long");
        }
    }

    /// Another session may have changed the store: a session in IDLE
    /// reports the changes to its selected mailbox now (EXISTS, EXPUNGE,
    /// FETCH FLAGS); any other session tells its client at its next
    /// command, where RFC 3501 §7.4.1 allows, so this does nothing there.
    /// Not client activity: the autologout deadline does not move. Drivers
    /// call it after another session's command (the listener on a change
    /// counter, the façade after each `send`).
    pub fn store_changed(&mut self, now_ms: i64) {
        if matches!(self.state, State::Logout) {
            return;
        }
        self.now_ms = now_ms;
        if matches!(self.pending, Pending::Idle { .. }) {
            self.sync(true, false);
        }
    }

    /// The next output, if any.
    pub fn poll_output(&mut self) -> Option<Output> {
        self.out.pop()
    }

    /// Octets of output queued and not yet taken (with
    /// [`Session::poll_output`] or [`Session::output_written`]). While it
    /// is above [`SessionOptions::max_queued_output`],
    /// [`Session::handle_input`] takes nothing.
    pub fn queued_output(&self) -> usize {
        self.out.pending().len()
    }

    /// All the output queued and not yet written, every response in
    /// order, for drivers that write bytes: they write from this slice and
    /// report with [`Session::output_written`], with no copy and no
    /// allocation per response. Such a driver does not call
    /// [`Session::poll_output`]; it closes the connection once this is
    /// empty and [`Session::wants_close`] says so.
    pub fn pending_output(&self) -> &[u8] {
        self.out.pending()
    }

    /// The first `n` bytes of [`Session::pending_output`] are written.
    pub fn output_written(&mut self, n: usize) {
        self.out.written(n);
    }

    /// Whether the session has ended and asked for the connection to be
    /// closed ([`Output::Close`] is queued) once its output is written.
    pub fn wants_close(&self) -> bool {
        self.closed
    }

    /// The server is going away: queues `* BYE text` and ends the session.
    pub fn shutdown(&mut self, text: &str) {
        self.bye(text);
    }

    /// The session's state.
    pub fn state(&self) -> SessionState {
        match &self.state {
            State::NotAuthenticated => SessionState::NotAuthenticated,
            State::Authenticated { user } => SessionState::Authenticated { user: user.clone() },
            State::Selected { user, view } => SessionState::Selected {
                user: user.clone(),
                mailbox: view.name.clone(),
                read_only: view.read_only,
            },
            State::Logout => SessionState::Logout,
        }
    }

    /// What the session needs next.
    pub fn need(&self) -> Need {
        if matches!(self.state, State::Logout) {
            return Need::Closed;
        }
        if let Some(len) = self.literal {
            return Need::Literal { len };
        }
        // A refused `{n+}` literal: its octets still arrive and are thrown
        // away, so what the client types next is literal data, not commands.
        if let Some(left) = self.decoder.skipping_literal() {
            return Need::Literal {
                len: u32::try_from(left).unwrap_or(u32::MAX),
            };
        }
        match self.pending {
            Pending::None => Need::Line,
            Pending::Idle { .. } => Need::Idle,
            Pending::Auth { .. } => Need::AuthResponse,
            // Input waits until the FETCH is done, then is read as commands.
            Pending::Fetch(_) => Need::Line,
        }
    }

    /// `true` after STARTTLS was answered `OK Begin TLS negotiation now`:
    /// the driver sends what is queued, discards any input it has buffered
    /// after the STARTTLS line, runs the TLS handshake, and then calls
    /// [`Session::tls_established`]. Until then input is ignored. (A query
    /// rather than an [`Output`] variant so drivers that never offer
    /// STARTTLS have nothing to handle.)
    pub fn tls_requested(&self) -> bool {
        self.tls == Tls::Requested
    }

    /// The driver finished the TLS handshake that [`Session::tls_requested`]
    /// asked for: the session reads input again, now encrypted, and
    /// CAPABILITY no longer shows `STARTTLS` or `LOGINDISABLED`. Nothing is
    /// sent: the client asks CAPABILITY again (RFC 3501 §6.2.1).
    pub fn tls_established(&mut self) {
        if self.tls == Tls::Requested {
            self.tls = Tls::Active;
        }
    }

    /// Whether the connection is encrypted (TLS from the start, or after
    /// STARTTLS and its handshake).
    pub fn is_secure(&self) -> bool {
        self.tls == Tls::Active
    }

    /// Whether LOGIN and AUTHENTICATE are refused now with
    /// `[PRIVACYREQUIRED]`: plaintext login is not allowed and the
    /// connection is not yet encrypted.
    pub(crate) fn login_disabled(&self) -> bool {
        !self.options.plaintext_login_allowed && !self.is_secure()
    }

    /// The user logged in, if any.
    pub fn user(&self) -> Option<&str> {
        match &self.state {
            State::Authenticated { user } | State::Selected { user, .. } => Some(user),
            _ => None,
        }
    }

    // ---- internals shared by the command modules ----

    fn handle_decoded(&mut self, decoded: Decoded) {
        match decoded {
            Decoded::Command(command) => self.handle_command(command),
            Decoded::Done => cmd::idle::done(self),
            Decoded::AuthResponse(line) => cmd::auth::response(self, &line),
            Decoded::Failed(error) => self.handle_parse_error(error),
        }
    }

    fn handle_parse_error(&mut self, error: ParseError) {
        if let Pending::Idle { tag } = std::mem::replace(&mut self.pending, Pending::None) {
            // Anything but DONE ends IDLE with BAD, as Dovecot does.
            self.decoder.set_expect(Expect::Command);
            self.tagged(&tag, StatusKind::Bad, None, "Expected DONE to end IDLE");
            return;
        }
        let text = explain_parse_error(&error);
        match error.kind {
            ParseErrorKind::LineTooLong => {
                self.untagged_status(StatusKind::Bad, None, &text);
                self.bye("Line too long: closing the connection");
            }
            _ => {
                match &error.tag {
                    Some(tag) => self.tagged(tag, StatusKind::Bad, None, &text),
                    None => self.untagged_status(StatusKind::Bad, None, &text),
                }
                self.count_bad();
            }
        }
    }

    fn handle_command(&mut self, command: Command) {
        let Command { tag, body } = command;
        if let Err(reason) = cmd::allowed(self, &body) {
            self.tagged(&tag, StatusKind::Bad, None, &reason);
            self.count_bad();
            return;
        }
        // RFC 3501 §7.4.1: no EXPUNGE while FETCH, STORE or SEARCH (by
        // sequence number) run; UID forms may carry them.
        let (expunges, with_uid) = match &body {
            CommandBody::Fetch { uid, .. }
            | CommandBody::Store { uid, .. }
            | CommandBody::Search { uid, .. }
            | CommandBody::Sort { uid, .. } => (*uid, *uid),
            CommandBody::Copy { uid, .. } | CommandBody::Move { uid, .. } => (true, *uid),
            CommandBody::UidExpunge(_) => (true, true),
            _ => (true, false),
        };
        let syncs = !matches!(body, CommandBody::Logout | CommandBody::Idle);
        match cmd::dispatch(self, &tag, body) {
            Some(outcome) => self.end_command(&tag, outcome, syncs, (expunges, with_uid)),
            None => {
                if matches!(self.state, State::Logout) && !self.closed {
                    self.close();
                }
            }
        }
    }

    /// A command's end: the sync of other sessions' changes (unless
    /// `syncs` is false or the command was BAD), then its tagged answer.
    fn end_command(
        &mut self,
        tag: &Tag,
        mut outcome: cmd::Outcome,
        syncs: bool,
        (expunges, with_uid): (bool, bool),
    ) {
        if syncs && outcome.kind != StatusKind::Bad {
            let held_changed = self.sync(expunges, with_uid);
            // After a VANISHED or an EXISTS the answer tells the new
            // HIGHESTMODSEQ (as Dovecot), so a QRESYNC client can store it:
            // in the OK, or just before it when the OK has a code already
            // (APPENDUID, COPYUID).
            if held_changed && outcome.kind == StatusKind::Ok {
                let highest = cmd::condstore::selected_highest(self).map(Code::HighestModSeq);
                match outcome.code {
                    None => outcome.code = highest,
                    // EXPUNGE's own OK tells it already.
                    Some(Code::HighestModSeq(_)) => {}
                    Some(_) => {
                        if highest.is_some() {
                            self.untagged_status(StatusKind::Ok, highest, "Highest");
                        }
                    }
                }
            }
        }
        if outcome.kind == StatusKind::Bad {
            self.count_bad();
        } else {
            self.bad_in_row = 0;
        }
        self.tagged(tag, outcome.kind, outcome.code, &outcome.text);
        if matches!(self.state, State::Logout) && !self.closed {
            self.close();
        }
    }

    fn count_bad(&mut self) {
        self.bad_in_row = self.bad_in_row.saturating_add(1);
        if self.bad_in_row >= self.options.max_bad_in_row {
            self.bye("Too many invalid commands in a row");
        }
    }

    /// Queues one response.
    pub(crate) fn push(&mut self, response: Response) {
        self.out.write(|out| response.encode(out));
    }

    /// Queues untagged data.
    pub(crate) fn data(&mut self, data: Data) {
        self.push(Response::Data(data));
    }

    /// Queues an untagged status response.
    pub(crate) fn untagged_status(&mut self, kind: StatusKind, code: Option<Code>, text: &str) {
        self.push(Response::Status(StatusResponse {
            tag: None,
            kind,
            code,
            text: text.to_string(),
        }));
    }

    /// Queues a tagged status response.
    pub(crate) fn tagged(&mut self, tag: &Tag, kind: StatusKind, code: Option<Code>, text: &str) {
        self.push(Response::Status(StatusResponse {
            tag: Some(tag.clone()),
            kind,
            code,
            text: text.to_string(),
        }));
    }

    /// Sends BYE and ends the session.
    pub(crate) fn bye(&mut self, text: &str) {
        self.untagged_status(StatusKind::Bye, None, text);
        self.close();
    }

    /// Ends the session after what is queued.
    pub(crate) fn close(&mut self) {
        self.state = State::Logout;
        self.pending = Pending::None;
        if !self.closed {
            self.closed = true;
            self.out.close();
        }
    }

    /// Ends the session once the current command's tagged reply is queued
    /// (LOGOUT: BYE, then the tagged OK, then the close).
    pub(crate) fn close_after_reply(&mut self) {
        self.state = State::Logout;
        self.pending = Pending::None;
    }

    /// Switches what the decoder expects next.
    pub(crate) fn expect(&mut self, expect: Expect) {
        self.decoder.set_expect(expect);
    }

    /// Reports other sessions' changes to the selected mailbox, at a moment
    /// RFC 3501 allows. `expunges` is false during FETCH, STORE and SEARCH,
    /// when EXPUNGE responses would make sequence numbers ambiguous.
    /// `with_uid` adds UID to flag updates (during UID commands). Returns
    /// whether, under QRESYNC, it told a VANISHED or an EXISTS: a change of
    /// which messages the client holds, after which Dovecot tells the new
    /// HIGHESTMODSEQ (flag changes carry theirs in each FETCH).
    pub(crate) fn sync(&mut self, expunges: bool, with_uid: bool) -> bool {
        let store = Arc::clone(&self.store);
        let mut guard = lock(&store);
        let State::Selected { user, view } = &mut self.state else {
            return false;
        };
        let Some(account) = guard.account_mut(user) else {
            return false;
        };
        let mut responses = Vec::new();
        let now = self.now_ms.div_euclid(1000);
        let gone = view.sync(account, (expunges, with_uid), now, &mut responses);
        let qresync = view.qresync;
        drop(guard);
        let held_changed = qresync
            && responses
                .iter()
                .any(|r| matches!(r, Response::Data(Data::Vanished { .. } | Data::Exists(_))));
        for r in responses {
            self.push(r);
        }
        if gone {
            self.bye("The selected mailbox was deleted by another session");
        }
        held_changed
    }
}

/// Turns a parse error into the text of a BAD response that teaches.
pub fn explain_parse_error(error: &ParseError) -> String {
    let column = error.offset + 1;
    match error.kind {
        ParseErrorKind::LineTooLong => "Line too long".to_string(),
        ParseErrorKind::LiteralTooLarge => {
            format!("Literal too large (at column {column}): {}", error.expected)
        }
        ParseErrorKind::UnknownCommand => {
            format!(
                "Unknown command {} (at column {column}): expected {}",
                error.found, error.expected
            )
        }
        ParseErrorKind::Syntax => {
            format!(
                "Expected {} at column {column}, found {}",
                error.expected, error.found
            )
        }
    }
}
