//! The per-connection state machine. (Skeleton: grows into one module per
//! command group.)

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use imap_syntax::{CommandDecoder, DecoderOptions};
use mailstore::Store;

/// The store shared by every session of one server or one page.
pub type SharedStore = Arc<Mutex<Store>>;

/// Choices a driver makes for its sessions. `Default` documents each one.
#[derive(Debug, Clone)]
pub struct SessionOptions {
    /// Limits on lines and literals. Default: [`DecoderOptions::default`].
    pub decoder: DecoderOptions,
    /// Whether the transport can do STARTTLS. Default `false`: neither the
    /// browser engine nor the plain TCP listener has TLS.
    pub starttls: bool,
    /// Idle time after which the session is logged out, in milliseconds.
    /// Default 30 minutes, the minimum RFC 3501 §5.4 allows.
    pub autologout_ms: i64,
}

impl Default for SessionOptions {
    fn default() -> Self {
        SessionOptions { decoder: DecoderOptions::default(), starttls: false, autologout_ms: 30 * 60 * 1000 }
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
        /// Octets still expected.
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

/// One client connection's state machine.
#[derive(Debug)]
pub struct Session {
    store: SharedStore,
    options: SessionOptions,
    decoder: CommandDecoder,
    state: SessionState,
    out: VecDeque<Output>,
}

impl Session {
    /// Opens a session; the greeting is queued as the first output.
    pub fn new(store: SharedStore, options: SessionOptions, now_ms: i64) -> Self {
        let _ = now_ms;
        let decoder = CommandDecoder::new(options.decoder.clone());
        let mut out = VecDeque::new();
        out.push_back(Output::Bytes(b"* OK [CAPABILITY IMAP4rev1] IMAP Playground ready\r\n".to_vec()));
        Session { store, options, decoder, state: SessionState::NotAuthenticated, out }
    }

    /// Feeds bytes received from the client, at time `now_ms` (milliseconds
    /// since the Unix epoch).
    pub fn handle_input(&mut self, bytes: &[u8], now_ms: i64) {
        let _ = (now_ms, &self.store, &self.options);
        self.decoder.push(bytes);
    }

    /// Lets the session report changes made by other sessions when it is
    /// allowed to (during IDLE), and enforce its idle timer. Drivers call
    /// it when the store has changed or a timer fires.
    pub fn tick(&mut self, now_ms: i64) {
        let _ = now_ms;
    }

    /// The next output, if any.
    pub fn poll_output(&mut self) -> Option<Output> {
        self.out.pop_front()
    }

    /// The session's state.
    pub fn state(&self) -> &SessionState {
        &self.state
    }

    /// What the session needs next.
    pub fn need(&self) -> Need {
        Need::Line
    }
}
