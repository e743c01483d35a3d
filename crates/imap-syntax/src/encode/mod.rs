//! Exact wire bytes for commands and responses.

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
