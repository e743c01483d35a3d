//! Streaming framing: bytes in as they arrive, whole commands (or
//! responses) out, with literals and bounded memory.

//!
//! # How framing works
//! A unit (a command or a response) is one line, or, when a line ends
//! with a literal announcement `{n}` or `{n+}`, that line, the n octets and
//! the next line, and so on. A literal8 (`~{n}`, RFC 3516) frames the same
//! way: only the `{...}` at the end of the line counts. A MULTIAPPEND
//! (RFC 3502) is one unit with a literal per message, each announced. The decoder scans each byte once: it
//! remembers how far it has looked, so feeding a big buffer of many small
//! commands is linear. Consumed bytes are dropped from the front of the
//! buffer only when they are at least half of it, which keeps compaction
//! amortised O(1) per byte.
//!
//! # Limits
//! The text of a unit (its lines without literals) may not exceed
//! [`DecoderOptions::max_line_len`], and its literals together may not
//! exceed [`DecoderOptions::max_literal_len`]. Past a limit the unit fails
//! at once and the rest of it is skipped as it arrives, without buffering:
//! to the end of the line, and the octets of a non-synchronizing literal.

use crate::command::Command;
use crate::core::Tag;
use crate::error::{ParseError, ParseErrorKind};
use crate::parse::{describe, read_tag};
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
        DecoderOptions {
            max_line_len: 64 * 1024,
            max_literal_len: 32 * 1024 * 1024,
        }
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
    framer: Framer,
    expect: Expect,
}

impl CommandDecoder {
    /// A decoder with the given limits.
    pub fn new(options: DecoderOptions) -> Self {
        CommandDecoder {
            options,
            framer: Framer::default(),
            expect: Expect::Command,
        }
    }

    /// Appends bytes received from the client.
    pub fn push(&mut self, bytes: &[u8]) {
        self.framer.push(bytes);
    }

    /// Sets what the next unit should be.
    ///
    /// [`Expect::Done`] lasts for one line: after that line (whether it was
    /// `DONE`, [`Decoded::Done`], or not, [`Decoded::Failed`]) IDLE is over
    /// and the decoder expects commands again, as Dovecot does.
    /// [`Expect::AuthResponse`] lasts until it is changed, since an
    /// AUTHENTICATE exchange may take several lines.
    pub fn set_expect(&mut self, expect: Expect) {
        self.expect = expect;
    }

    /// Octets buffered and not yet decoded.
    pub fn buffered(&self) -> usize {
        self.framer.buffered()
    }

    /// Gives back up to `n` of the last octets pushed, as if they had never
    /// been pushed, and returns how many it gave back. Only octets the
    /// decoder has not looked at yet can be given back: right after
    /// [`Progress::Decoded`], that is everything after the decoded unit;
    /// in the middle of a unit (after [`Progress::NeedMore`] or
    /// [`Progress::LiteralAnnounced`]), nothing.
    ///
    /// For a server that stops taking commands once it has enough output
    /// queued: it hands the octets back to its driver, which pushes them
    /// again later, and the decoder frames them exactly as if they had
    /// been pushed only then.
    pub fn take_back(&mut self, n: usize) -> usize {
        self.framer.take_back(n)
    }

    /// Octets of a refused non-synchronizing literal (`{n+}` past the
    /// limit) still to be skipped: the client sends them anyway, and none of
    /// them is a command. `None` when nothing is being skipped that way.
    pub fn skipping_literal(&self) -> Option<u64> {
        match self.framer.discard {
            Discard::Octets(n) if n > 0 => Some(n),
            _ => None,
        }
    }

    /// Decodes the next unit, if there is one.
    // Not an Iterator: `NeedMore` is not the end, more bytes may come.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Progress {
        let line_only = self.expect != Expect::Command;
        match self.framer.next_frame(&self.options, line_only, false) {
            Frame::NeedMore => Progress::NeedMore,
            Frame::Announced { len, sync } => Progress::LiteralAnnounced {
                tag: read_tag(self.framer.unit()),
                len,
                synchronizing: sync,
            },
            Frame::TooLong { tag } => {
                Progress::Decoded(Decoded::Failed(line_too_long(&self.options, tag)))
            }
            Frame::TooLarge { tag, len, offset } => Progress::Decoded(Decoded::Failed(
                literal_too_large(&self.options, tag, len, offset),
            )),
            Frame::Unit(end) => {
                let bytes = self.framer.unit_to(end);
                let decoded = match self.expect {
                    Expect::Command => match crate::parse::parse_command(bytes) {
                        Ok(c) => Decoded::Command(c),
                        Err(e) => Decoded::Failed(e),
                    },
                    Expect::Done => {
                        self.expect = Expect::Command;
                        if strip_line_end(bytes).eq_ignore_ascii_case(b"DONE") {
                            Decoded::Done
                        } else {
                            Decoded::Failed(ParseError {
                                kind: ParseErrorKind::Syntax,
                                offset: 0,
                                expected: "DONE to end IDLE".to_string(),
                                found: describe(bytes),
                                tag: None,
                            })
                        }
                    }
                    Expect::AuthResponse => Decoded::AuthResponse(strip_line_end(bytes).to_vec()),
                };
                self.framer.consume_to(end);
                Progress::Decoded(decoded)
            }
        }
    }
}

/// Frames server bytes into responses (for proxy mode).
#[derive(Debug, Clone, Default)]
pub struct ResponseDecoder {
    options: DecoderOptions,
    framer: Framer,
}

impl ResponseDecoder {
    /// A decoder with the given limits.
    pub fn new(options: DecoderOptions) -> Self {
        ResponseDecoder {
            options,
            framer: Framer::default(),
        }
    }

    /// Appends bytes received from the server.
    pub fn push(&mut self, bytes: &[u8]) {
        self.framer.push(bytes);
    }

    /// The next whole response: its raw bytes (with CRLF and literals) and
    /// the parse result. `None` when more bytes are needed.
    ///
    /// A response past a limit is returned as the bytes buffered so far
    /// with a [`ParseErrorKind::LineTooLong`] or
    /// [`ParseErrorKind::LiteralTooLarge`] error; the rest of it is skipped.
    // Not an Iterator: `None` means "not yet", more bytes may come.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Option<(Vec<u8>, Result<Response, ParseError>)> {
        loop {
            let partial = self.framer.unit().to_vec();
            match self.framer.next_frame(&self.options, false, true) {
                Frame::NeedMore => return None,
                Frame::Announced { .. } => continue,
                Frame::TooLong { tag } => {
                    return Some((partial, Err(line_too_long(&self.options, tag))));
                }
                Frame::TooLarge { tag, len, offset } => {
                    return Some((
                        partial,
                        Err(literal_too_large(&self.options, tag, len, offset)),
                    ));
                }
                Frame::Unit(end) => {
                    let bytes = self.framer.unit_to(end).to_vec();
                    self.framer.consume_to(end);
                    let parsed = crate::parse::parse_response(&bytes);
                    return Some((bytes, parsed));
                }
            }
        }
    }
}

/// The error for a line past [`DecoderOptions::max_line_len`].
fn line_too_long(options: &DecoderOptions, tag: Option<Tag>) -> ParseError {
    ParseError {
        kind: ParseErrorKind::LineTooLong,
        offset: options.max_line_len,
        expected: format!("a line of at most {} octets", options.max_line_len),
        found: "a longer line".to_string(),
        tag,
    }
}

/// The error for a literal past [`DecoderOptions::max_literal_len`].
fn literal_too_large(
    options: &DecoderOptions,
    tag: Option<Tag>,
    len: u64,
    offset: usize,
) -> ParseError {
    ParseError {
        kind: ParseErrorKind::LiteralTooLarge,
        offset,
        expected: format!("a literal of at most {} octets", options.max_literal_len),
        found: format!("a literal of {len} octets"),
        tag,
    }
}

/// The line without its CRLF or LF.
fn strip_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// If `line` (without its line end) ends with `{n}` or `{n+}`: the length
/// (saturating, so a huge number is simply too large), whether it is
/// synchronizing, and where the `{` is.
fn literal_announcement(line: &[u8]) -> Option<(u64, bool, usize)> {
    let inner = line.strip_suffix(b"}")?;
    let (inner, sync) = match inner.strip_suffix(b"+") {
        Some(i) => (i, false),
        None => (inner, true),
    };
    let open = inner.iter().rposition(|&b| b == b'{')?;
    let digits = inner.get(open + 1..)?;
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let len = digits.iter().fold(0u64, |n, d| {
        n.saturating_mul(10).saturating_add(u64::from(d - b'0'))
    });
    Some((len, sync, open))
}

/// What the framer found.
#[derive(Debug)]
enum Frame {
    /// More bytes are needed.
    NeedMore,
    /// A literal was announced and its octets are not all here.
    Announced { len: u32, sync: bool },
    /// A unit's text passed the line limit; the unit is dropped.
    TooLong { tag: Option<Tag> },
    /// A literal passed the literal limit; the unit is dropped.
    TooLarge {
        tag: Option<Tag>,
        len: u64,
        offset: usize,
    },
    /// A whole unit ends at this buffer index (exclusive).
    Unit(usize),
}

/// What is being skipped after a limit was passed.
#[derive(Debug, Clone, Default)]
enum Discard {
    /// Nothing: framing units.
    #[default]
    Nothing,
    /// Bytes up to and including the next LF. `tail` keeps the last few
    /// bytes of the line so a `{n+}` at its end is still noticed.
    ToLineEnd { tail: Vec<u8> },
    /// This many octets of a non-synchronizing literal.
    Octets(u64),
}

/// Longest tail kept while discarding: enough for `{4294967295+}` and a CRLF.
const TAIL: usize = 32;

/// The byte buffer and framing state shared by both decoders.
///
/// Invariant: `start <= line_start <= scan <= buf.len()`, and when
/// `awaiting` is set, `scan == line_start` is where the literal begins.
#[derive(Debug, Clone, Default)]
struct Framer {
    /// Received bytes; those before `start` are consumed.
    buf: Vec<u8>,
    /// First unconsumed byte: the start of the current unit.
    start: usize,
    /// Where the current line of the unit begins (after its last literal).
    line_start: usize,
    /// How far the current line has been searched for LF.
    scan: usize,
    /// Octets of line text in the unit so far, without the current line.
    text_len: usize,
    /// Octets of literals in the unit so far.
    literal_total: u64,
    /// Buffer index where the awaited literal ends.
    awaiting: Option<usize>,
    /// Whether the awaited literal has been reported.
    announced: bool,
    /// Whether the awaited literal is synchronizing (`{n}`).
    awaiting_sync: bool,
    /// What is being skipped.
    discard: Discard,
}

impl Framer {
    /// Appends bytes, first dropping consumed bytes when they are at least
    /// half the buffer.
    fn push(&mut self, bytes: &[u8]) {
        if self.start > 0 && self.start.saturating_mul(2) >= self.buf.len() {
            let n = self.start;
            self.buf.drain(..n);
            self.start = 0;
            self.line_start = self.line_start.saturating_sub(n);
            self.scan = self.scan.saturating_sub(n);
            self.awaiting = self.awaiting.map(|a| a.saturating_sub(n));
        }
        self.buf.extend_from_slice(bytes);
    }

    /// Unconsumed octets.
    fn buffered(&self) -> usize {
        self.buf.len().saturating_sub(self.start)
    }

    /// Drops up to `n` octets from the end that no framing step has looked
    /// at: those after the current unit's start, when the unit has not
    /// been scanned at all (no line searched, no literal awaited).
    fn take_back(&mut self, n: usize) -> usize {
        let untouched = self.awaiting.is_none()
            && self.start == self.line_start
            && self.start == self.scan
            && self.text_len == 0;
        if !untouched {
            return 0;
        }
        let k = self.buffered().min(n);
        self.buf.truncate(self.buf.len().saturating_sub(k));
        k
    }

    /// The unconsumed bytes (the unit so far).
    fn unit(&self) -> &[u8] {
        self.buf.get(self.start..).unwrap_or_default()
    }

    /// The unit ending at `end`.
    fn unit_to(&self, end: usize) -> &[u8] {
        self.buf.get(self.start..end).unwrap_or_default()
    }

    /// Consumes up to `end` and starts a new unit there.
    fn consume_to(&mut self, end: usize) {
        let end = end.min(self.buf.len());
        self.start = end;
        self.line_start = end;
        self.scan = end;
        self.text_len = 0;
        self.literal_total = 0;
        self.awaiting = None;
        self.announced = false;
        if self.start == self.buf.len() {
            self.buf.clear();
            self.start = 0;
            self.line_start = 0;
            self.scan = 0;
        }
    }

    /// Skips what `discard` says; `true` when done skipping.
    fn skip(&mut self) -> bool {
        loop {
            match std::mem::take(&mut self.discard) {
                Discard::Nothing => return true,
                Discard::Octets(n) => {
                    let take = (self.buffered() as u64).min(n);
                    let left = n - take;
                    self.consume_to(self.start.saturating_add(take as usize));
                    if left > 0 {
                        self.discard = Discard::Octets(left);
                        return false;
                    }
                    self.discard = Discard::ToLineEnd { tail: Vec::new() };
                }
                Discard::ToLineEnd { mut tail } => {
                    let rest = self.buf.get(self.start..).unwrap_or_default();
                    let lf = rest.iter().position(|&b| b == b'\n');
                    let line = rest.get(..lf.unwrap_or(rest.len())).unwrap_or_default();
                    tail.extend_from_slice(line);
                    if tail.len() > TAIL {
                        tail.drain(..tail.len() - TAIL);
                    }
                    let Some(lf) = lf else {
                        self.consume_to(self.buf.len());
                        self.discard = Discard::ToLineEnd { tail };
                        return false;
                    };
                    self.discard = match literal_announcement(strip_line_end(&tail)) {
                        Some((len, false, _)) => Discard::Octets(len),
                        _ => Discard::Nothing,
                    };
                    self.consume_to(self.start.saturating_add(lf).saturating_add(1));
                }
            }
        }
    }

    /// Frames the next unit. `line_only`: literals are not recognised (DONE,
    /// AUTHENTICATE lines). `server`: synchronizing literals are sent
    /// without waiting, so a too-large one is skipped like `{n+}`.
    fn next_frame(&mut self, options: &DecoderOptions, line_only: bool, server: bool) -> Frame {
        if !self.skip() {
            return Frame::NeedMore;
        }
        loop {
            if let Some(end) = self.awaiting {
                // A synchronizing `{0}` has all its octets at once, but the
                // client still waits for `+` before sending the rest of the
                // command, so it is announced all the same.
                let empty_sync =
                    self.awaiting_sync && end == self.line_start && self.buf.len() == end;
                if self.buf.len() < end || empty_sync {
                    if self.announced {
                        return Frame::NeedMore;
                    }
                    self.announced = true;
                    let len = end.saturating_sub(self.line_start);
                    return Frame::Announced {
                        len: u32::try_from(len).unwrap_or(u32::MAX),
                        sync: self.awaiting_sync,
                    };
                }
                self.awaiting = None;
                self.announced = false;
                self.line_start = end;
                self.scan = end;
            }
            let from = self.scan;
            let rest = self.buf.get(from..).unwrap_or_default();
            let Some(lf) = rest.iter().position(|&b| b == b'\n') else {
                self.scan = self.buf.len();
                // A CR that has arrived without its LF yet is not text.
                let cr = usize::from(self.buf.last() == Some(&b'\r'));
                let line_len = self
                    .buf
                    .len()
                    .saturating_sub(self.line_start)
                    .saturating_sub(cr);
                if self.text_len.saturating_add(line_len) > options.max_line_len {
                    return self.too_long();
                }
                return Frame::NeedMore;
            };
            let lf = from.saturating_add(lf);
            let line = self
                .buf
                .get(self.line_start..lf.saturating_add(1))
                .unwrap_or_default();
            let text = strip_line_end(line);
            if self.text_len.saturating_add(text.len()) > options.max_line_len {
                return self.too_long();
            }
            self.text_len = self.text_len.saturating_add(line.len());
            let announcement = if line_only {
                None
            } else {
                literal_announcement(text)
            };
            let Some((len, sync, open)) = announcement else {
                return Frame::Unit(lf.saturating_add(1));
            };
            let total = self.literal_total.saturating_add(len);
            if total > u64::from(options.max_literal_len) {
                let tag = read_tag(self.unit());
                let offset = self
                    .line_start
                    .saturating_add(open)
                    .saturating_sub(self.start);
                self.consume_to(lf.saturating_add(1));
                if !sync || server {
                    self.discard = Discard::Octets(len);
                }
                return Frame::TooLarge { tag, len, offset };
            }
            self.literal_total = total;
            let data_start = lf.saturating_add(1);
            self.line_start = data_start;
            self.scan = data_start;
            self.awaiting = Some(data_start.saturating_add(len as usize));
            self.awaiting_sync = sync;
        }
    }

    /// Fails the unit for its length and skips the rest of its line.
    fn too_long(&mut self) -> Frame {
        let tag = read_tag(self.unit());
        let line_start = self.line_start;
        self.consume_to(line_start);
        self.discard = Discard::ToLineEnd { tail: Vec::new() };
        Frame::TooLong { tag }
    }
}
