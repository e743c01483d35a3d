//! Streaming framing: bytes in as they arrive, whole commands (or
//! responses) out, with literals and bounded memory.

use crate::command::Command;
use crate::core::Tag;
use crate::error::ParseError;
use crate::response::Response;

/// Limits of a decoder. Going past a limit is an error, never unbounded memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecoderOptions {
    /// Longest line (without literals) accepted, in octets. Default 64 KiB,
    /// as Dovecot: long enough for any UID set a client sends in practice.
    pub max_line_len: usize,
    /// Largest literal accepted, in octets. Default 32 MiB: larger than any
    /// message a learner appends, small enough for a browser tab.
    pub max_literal_len: u32,
}

impl Default for DecoderOptions {
    fn default() -> Self {
        DecoderOptions { max_line_len: 64 * 1024, max_literal_len: 32 * 1024 * 1024 }
    }
}

/// What the decoder should expect next from the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Expect {
    /// A tagged command (the normal case).
    #[default]
    Command,
    /// During IDLE: the line `DONE` (case-insensitive).
    Done,
    /// During AUTHENTICATE: one line of base64, or `*` to cancel.
    AuthResponse,
}

/// A complete unit decoded from the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    /// A whole command.
    Command(Command),
    /// The `DONE` line that ends IDLE.
    Done,
    /// One AUTHENTICATE response line, without its CRLF (`*` cancels).
    AuthResponse(Vec<u8>),
    /// The input was not valid; the offending bytes have been consumed.
    Failed(ParseError),
}

/// The result of asking the decoder for the next unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// More bytes are needed.
    NeedMore,
    /// A literal was announced and its octets have not all arrived. Reported
    /// once per literal. For a synchronizing literal (`{n}`) the server must
    /// now send a `+` continuation, or the client will wait forever.
    LiteralAnnounced {
        /// The command's tag, when it could be read.
        tag: Option<Tag>,
        /// The literal's length in octets.
        len: u32,
        /// `true` for `{n}`, `false` for LITERAL+'s `{n+}`.
        synchronizing: bool,
    },
    /// A unit is complete.
    Decoded(Decoded),
}

/// Frames client bytes into commands.
#[derive(Debug, Clone, Default)]
pub struct CommandDecoder {
    options: DecoderOptions,
    buf: Vec<u8>,
    expect: Expect,
}

impl CommandDecoder {
    /// A decoder with the given limits.
    pub fn new(options: DecoderOptions) -> Self {
        CommandDecoder { options, buf: Vec::new(), expect: Expect::Command }
    }

    /// Appends bytes received from the client.
    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Sets what the next unit should be.
    pub fn set_expect(&mut self, expect: Expect) {
        self.expect = expect;
    }

    /// Octets buffered and not yet decoded.
    pub fn buffered(&self) -> usize {
        self.buf.len()
    }

    /// Decodes the next unit, if there is one.
    pub fn next(&mut self) -> Progress {
        // TODO(syntax-parsers): implement framing.
        let _ = (&self.options, self.expect);
        Progress::NeedMore
    }
}

/// Frames server bytes into responses (for proxy mode).
#[derive(Debug, Clone, Default)]
pub struct ResponseDecoder {
    options: DecoderOptions,
    buf: Vec<u8>,
}

impl ResponseDecoder {
    /// A decoder with the given limits.
    pub fn new(options: DecoderOptions) -> Self {
        ResponseDecoder { options, buf: Vec::new() }
    }

    /// Appends bytes received from the server.
    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// The next whole response: its raw bytes (with CRLF and literals) and
    /// the parse result. `None` when more bytes are needed.
    pub fn next(&mut self) -> Option<(Vec<u8>, Result<Response, ParseError>)> {
        // TODO(syntax-parsers): implement framing.
        let _ = &self.options;
        None
    }
}
