//! A sans-IO IMAP4rev1 server session.
//!
//! Bytes from the client and the current time go in with
//! [`Session::handle_input`], which takes only what fits the output budget
//! and says how much it took; wire bytes come out of
//! [`Session::poll_output`]. [`Session::poll_timeout`] says when the session
//! next needs [`Session::handle_timeout`] (the autologout), and
//! [`Session::store_changed`] lets a session in IDLE report other sessions'
//! changes. The engine never touches a socket, a timer, a clock or
//! JavaScript: the wasm façade, the tokio TCP listener and the tests are
//! three thin drivers of the same state machine.
//!
//! # Layout
//! - `session`: [`Session`], the per-connection state machine (RFC 3501 §3):
//!   framing, state checks, dispatch, the output queue.
//! - `view`: a session's picture of its selected mailbox (sequence numbers,
//!   `\Recent`) and how other sessions' changes reach it (RFC 3501 §5.2, §7.4.1).
//! - `cmd`: one module per command group: `any` (CAPABILITY, NOOP, LOGOUT,
//!   ID, ENABLE), `auth` (STARTTLS, LOGIN, AUTHENTICATE), `select`,
//!   `mailboxes` (CREATE … STATUS, NAMESPACE), `append`, `idle`, `selected`
//!   (CHECK, CLOSE, UNSELECT, EXPUNGE), `search`, `fetch`, `store`, `copy`
//!   (COPY, MOVE).
//! - `outbox`: the output queue, every response in one buffer.
//! - `convert`: the store's model of mail as `imap-syntax` wire types.
//! - `inspect`: read-only queries for inspectors,
//!   [`Session::mailbox_view`] (the selected mailbox as the session numbers
//!   it, with what it has not been told yet) and [`Session::mailbox_tree`].
//! - `capability`: what CAPABILITY advertises.
//! - [`scenario`] (feature `bench`): the 10,000-message benchmark, with the
//!   clock passed in, shared by the native and the wasm benchmarks.
#![forbid(unsafe_code)]
// The promise "never a panic, whatever the input" as lints: outside tests
// no unwrap, expect, panic or unchecked indexing.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
#![cfg_attr(not(test), deny(clippy::panic, clippy::indexing_slicing))]

mod capability;
mod cmd;
mod convert;
mod import;
mod inspect;
mod outbox;
#[cfg(feature = "bench")]
pub mod scenario;
mod session;
mod view;

pub use import::{ImportReport, import};
pub use inspect::{MailboxView, RowMessage, TreeEntry, ViewRow};
pub use session::{
    ExpungedAnswer, Need, Output, Session, SessionOptions, SessionState, SharedStore,
    explain_parse_error, lock,
};
