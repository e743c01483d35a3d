//! The virtual mailbox.
#![forbid(unsafe_code)]
