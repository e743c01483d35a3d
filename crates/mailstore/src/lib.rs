//! The virtual mailbox: users, mailboxes, messages, flags, UIDs, and the
//! MIME analysis of each message, done once when it enters the store.
//!
//! This crate knows mail, not IMAP's wire format and not sessions: it has
//! no I/O, no clock of its own (times are passed in) and no async runtime.
//!
//! # Layout
//! - [`store`]: [`Store`] (accounts by user name) and [`Account`]
//!   (mailboxes, subscriptions).
//! - [`mailbox`]: [`MailboxData`]: messages in UID order, UIDVALIDITY,
//!   UIDNEXT, modification sequence, `\Recent` hand-out.
//! - [`message`]: [`Message`] and [`Flags`].
//! - `memo`: [`Memo`], the bytes a user of the store derives from a message
//!   and keeps beside it (opaque to the store).
//! - [`analysis`]: [`Analysis`] of a message with mail-parser: envelope,
//!   MIME part tree with byte ranges, decoded text for search.
//! - [`snapshot`]: the whole store as versioned bytes and back.
//! - [`civil`]: days since 1970 to a calendar date and back.
//! - [`demo`]: the deterministic demo accounts and (feature `bench`) a bulk
//!   generator for benchmarks.
#![forbid(unsafe_code)]
// The promise "never a panic, whatever the input" as lints: outside tests
// no unwrap, expect, panic or unchecked indexing.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
#![cfg_attr(not(test), deny(clippy::panic, clippy::indexing_slicing))]

pub mod analysis;
pub mod civil;
pub mod demo;
pub mod mailbox;
pub mod mbox;
mod memo;
pub mod message;
pub mod snapshot;
pub mod store;
pub mod vanished;

pub use analysis::{Addr, Analysis, Envelope, Part, PartKind};
pub use mailbox::{MailboxData, MailboxId, SpecialUse};
pub use memo::Memo;
pub use message::{Flags, Message, SystemFlag};
pub use store::{Account, MailboxInfo, Store, StoreError};
