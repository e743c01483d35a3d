//! IMAP4rev1 in both directions: types, parsers and encoders.
//!
//! This crate knows every byte of IMAP and nothing else: no I/O, no
//! mailbox, no async runtime. It builds for `wasm32-unknown-unknown`.
//!
//! # Layout
//! - [`core`]: tags, atoms, mailbox names, sequence sets, flags, dates.
//! - [`command`]: the client command model (RFC 3501 §6 and extensions).
//! - [`response`]: the server response model (RFC 3501 §7 and extensions).
//! - `parse`: nom parsers for commands and responses ([`parse_command`],
//!   [`parse_response`]).
//! - `decoder`: streaming framing of bytes into commands ([`CommandDecoder`])
//!   and responses ([`ResponseDecoder`]), with literals and limits.
//! - `encode`: exact wire bytes for commands and responses ([`Encode`]),
//!   and FETCH responses written item by item ([`FetchWriter`]).
//! - [`utf7`]: modified UTF-7 for mailbox names.
//! - [`base64`]: standard base64 for SASL (AUTHENTICATE, `+` challenges).
//! - [`error`]: [`ValueError`] and [`ParseError`].
#![forbid(unsafe_code)]
// The promise "never a panic, whatever the input" as lints: outside tests
// no unwrap, expect, panic or unchecked indexing.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
#![cfg_attr(not(test), deny(clippy::panic, clippy::indexing_slicing))]

pub mod base64;
pub mod command;
pub mod core;
mod decoder;
mod encode;
pub mod error;
mod kind;
mod parse;
pub mod response;
mod secret;
pub mod utf7;
pub mod vocabulary;

pub use command::*;
pub use core::*;
pub use decoder::{CommandDecoder, Decoded, DecoderOptions, Expect, Progress, ResponseDecoder};
pub use encode::{Encode, FetchWriter};
pub use error::{ParseError, ParseErrorKind, ValueError};
pub use kind::{CommandKind, State};
pub use parse::{parse_command, parse_response};
pub use response::*;
pub use secret::Secret;
