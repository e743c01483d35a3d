//! A sans-IO IMAP4rev1 server session.
//!
//! Bytes from the client and the current time go in with
//! [`Session::handle_input`]; wire bytes come out of [`Session::poll_output`].
//! The engine never touches a socket, a timer or JavaScript: the wasm
//! façade, the tokio TCP listener and the tests are three thin drivers of
//! the same state machine.
//!
//! # Layout
//! - `session`: [`Session`], the per-connection state machine (RFC 3501 §3).
#![forbid(unsafe_code)]

mod session;

pub use session::{Need, Output, Session, SessionOptions, SessionState, SharedStore};
