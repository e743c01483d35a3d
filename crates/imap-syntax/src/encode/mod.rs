//! Exact wire bytes for commands and responses.
//!
//! Every type of [`crate::command`] and [`crate::response`] that appears on
//! the wire implements [`Encode`]. A whole [`crate::Command`] or
//! [`crate::Response`] ends with CRLF; a piece (a [`crate::SearchKey`], a
//! [`crate::Section`], a [`crate::Code`]...) is written without one. What
//! the encoder writes, the parser reads back as the same value (for the
//! canonical values described in `tests/strategies`).

mod command;
mod fetch;
mod primitives;
mod response;

pub use fetch::FetchWriter;

/// A value that can be written as IMAP bytes.
pub trait Encode {
    /// Appends the wire form, including the final CRLF for a whole
    /// command or response, to `out`.
    fn encode(&self, out: &mut Vec<u8>);

    /// The wire form as a new vector.
    fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.encode(&mut out);
        out
    }
}
