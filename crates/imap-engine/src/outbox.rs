//! The session's queue of output: whole responses, one after another in
//! one buffer, so that a FETCH of thousands of messages writes each answer
//! where the driver will read it, with no allocation per response.
//!
//! Drivers take it one response at a time ([`Outbox::pop`], for the page,
//! which parses each) or as bytes to write straight from the buffer
//! ([`Outbox::pending`] and [`Outbox::written`], for a socket). The buffer
//! keeps its capacity up to [`KEEP`], as a socket driver's own buffer
//! would: most answers do not pay for growing it again. A larger one (a
//! FETCH of whole bodies) is given back once written, so an idle
//! connection never holds more than [`KEEP`].

use std::collections::VecDeque;

use crate::session::Output;

/// The capacity the buffer keeps once everything is written.
pub(crate) const KEEP: usize = 1024 * 1024;

/// One queued item: the end of a response in the buffer, or the close.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// A response that ends at this offset of the buffer (and begins where
    /// the one before it ends).
    End(usize),
    /// [`Output::Close`].
    Close,
}

/// Responses not yet handed to the driver: `bytes[start..]`, cut at the
/// ends in `pieces`, with the close in its place among them.
///
/// Invariant: the last [`Piece::End`] is `bytes.len()`, and when `pieces`
/// is empty, `bytes` is too.
#[derive(Debug, Default)]
pub(crate) struct Outbox {
    bytes: Vec<u8>,
    start: usize,
    pieces: VecDeque<Piece>,
}

impl Outbox {
    /// Queues one response, which `write` appends to the buffer (it must
    /// append one whole response, line and literals, and nothing else).
    pub(crate) fn write(&mut self, write: impl FnOnce(&mut Vec<u8>)) {
        let before = self.bytes.len();
        write(&mut self.bytes);
        if self.bytes.len() > before {
            self.pieces.push_back(Piece::End(self.bytes.len()));
        }
    }

    /// Queues [`Output::Close`] after what is queued.
    pub(crate) fn close(&mut self) {
        self.pieces.push_back(Piece::Close);
    }

    /// The next output, if any, as its own vector.
    pub(crate) fn pop(&mut self) -> Option<Output> {
        let out = match self.pieces.pop_front()? {
            Piece::End(end) => {
                let bytes = self.bytes.get(self.start..end).unwrap_or_default().to_vec();
                self.start = end;
                Output::Bytes(bytes)
            }
            Piece::Close => Output::Close,
        };
        if self.pieces.is_empty() {
            self.reset();
        }
        Some(out)
    }

    /// Every queued response not yet written, in order, as one slice.
    pub(crate) fn pending(&self) -> &[u8] {
        self.bytes.get(self.start..).unwrap_or_default()
    }

    /// The first `n` bytes of [`Outbox::pending`] have been written.
    pub(crate) fn written(&mut self, n: usize) {
        self.start = self.start.saturating_add(n).min(self.bytes.len());
        while let Some(&Piece::End(end)) = self.pieces.front()
            && end <= self.start
        {
            self.pieces.pop_front();
        }
        if self.start == self.bytes.len() {
            // Only closes can be left: they need no bytes.
            self.reset();
        }
    }

    fn reset(&mut self) {
        if self.bytes.capacity() > KEEP {
            self.bytes = Vec::new();
        } else {
            self.bytes.clear();
        }
        self.start = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn queued() -> Outbox {
        let mut out = Outbox::default();
        out.write(|b| b.extend_from_slice(b"* 1 EXISTS\r\n"));
        out.write(|_| {});
        out.write(|b| b.extend_from_slice(b"a OK done\r\n"));
        out
    }

    #[test]
    fn pops_each_response_then_the_close() {
        let mut out = queued();
        out.close();
        assert_eq!(out.pop(), Some(Output::Bytes(b"* 1 EXISTS\r\n".to_vec())));
        out.write(|b| b.extend_from_slice(b"* BYE\r\n"));
        assert_eq!(out.pop(), Some(Output::Bytes(b"a OK done\r\n".to_vec())));
        assert_eq!(out.pop(), Some(Output::Close));
        assert_eq!(out.pop(), Some(Output::Bytes(b"* BYE\r\n".to_vec())));
        assert_eq!(out.pop(), None);
        assert!(out.bytes.is_empty());
    }

    #[test]
    fn writes_from_the_buffer_in_any_steps() {
        let mut out = queued();
        assert_eq!(out.pending(), b"* 1 EXISTS\r\na OK done\r\n");
        out.written(4);
        assert_eq!(out.pending(), b"EXISTS\r\na OK done\r\n");
        out.written(8);
        assert_eq!(out.pieces.len(), 1);
        out.write(|b| b.extend_from_slice(b"b OK\r\n"));
        out.close();
        out.written(11);
        assert_eq!(out.pending(), b"b OK\r\n");
        out.written(100);
        assert_eq!(out.pending(), b"");
        assert_eq!(out.pop(), Some(Output::Close));
        assert_eq!(out.pop(), None);
        let capacity = out.bytes.capacity();
        assert!(capacity >= 30, "the buffer keeps its capacity");
        out.write(|b| b.extend_from_slice(b"c OK\r\n"));
        assert_eq!(out.pop(), Some(Output::Bytes(b"c OK\r\n".to_vec())));
        assert_eq!(out.bytes.capacity(), capacity);
    }

    #[test]
    fn gives_back_a_buffer_larger_than_it_keeps() {
        let mut out = Outbox::default();
        out.write(|b| b.resize(KEEP + 1, b'x'));
        out.write(|b| b.extend_from_slice(b"a OK\r\n"));
        out.written(KEEP);
        assert!(out.bytes.capacity() > KEEP, "kept while unwritten");
        out.written(100);
        assert_eq!(out.pending(), b"");
        assert_eq!(out.bytes.capacity(), 0);
    }
}
