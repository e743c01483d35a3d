//! The IMAP engine.
#![forbid(unsafe_code)]
