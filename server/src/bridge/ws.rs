//! The WebSocket protocol (RFC 6455), server side, as far as the bridge
//! needs it: the handshake's accept key, reading the page's frames, and
//! the headers of the frames the bridge writes.
//!
//! The bridge speaks WebSocket itself rather than through a library so
//! that every way a page can break the protocol gets a close frame with
//! its code and a reason (a library reports them as errors whose text would
//! have to be matched), so that the close handshake waits for the page's
//! answer, and because a frame from server to page is only a header in
//! front of the payload (server frames are not masked): the bridge reads
//! the server's bytes into a buffer with room for the header in front and
//! writes both in one call. Frames from the page are masked, so they are
//! read here, unmasked in place and handed on.
//!
//! What the bridge accepts from the page: binary and text messages (text
//! must be UTF-8), fragmented or not, up to a size limit counted over the
//! whole message; pings (answered with pongs); pongs (ignored); a close.
//! Anything else ends the session with the close code RFC 6455 §7.4.1
//! names: 1002 for a protocol error, 1007 for text that is not UTF-8, 1009
//! for a message over the limit.

use std::io;

use bytes::{Buf, Bytes, BytesMut};
use sha1::{Digest, Sha1};
use tokio::io::{AsyncRead, AsyncReadExt};

/// The key the handshake hashes with the page's `Sec-WebSocket-Key`.
const GUID: &str = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/// `Sec-WebSocket-Accept` for the page's `Sec-WebSocket-Key`.
pub fn accept_key(key: &[u8]) -> String {
    let mut sha = Sha1::new();
    sha.update(key);
    sha.update(GUID.as_bytes());
    imap_syntax::base64::encode(&sha.finalize())
}

/// The opcode of a text frame.
pub const TEXT: u8 = 0x1;
/// The opcode of a binary frame.
pub const BINARY: u8 = 0x2;
/// The opcode of a close frame.
pub const CLOSE: u8 = 0x8;
/// The opcode of a ping.
const PING: u8 = 0x9;
/// The opcode of a pong.
pub const PONG: u8 = 0xA;
/// The opcode of a fragmented message's later frames.
const CONTINUATION: u8 = 0x0;

/// The longest header of a frame the bridge writes (no mask).
pub const MAX_HEADER: usize = 10;

/// Writes the header of a whole (FIN) unmasked frame carrying `len` bytes
/// into the end of `room`, and returns where it starts, so that a payload
/// already placed right after `room` leaves with its header in one write.
pub fn header_before(room: &mut [u8; MAX_HEADER], opcode: u8, len: usize) -> usize {
    let (start, second) = match len {
        0..=125 => (MAX_HEADER - 2, len as u8),
        126..=0xFFFF => {
            room[8..].copy_from_slice(&(len as u16).to_be_bytes());
            (MAX_HEADER - 4, 126)
        }
        _ => {
            room[2..].copy_from_slice(&(len as u64).to_be_bytes());
            (0, 127)
        }
    };
    room[start] = 0x80 | opcode;
    room[start + 1] = second;
    start
}

/// A whole frame as bytes: header and payload.
pub fn frame(opcode: u8, payload: &[u8]) -> Vec<u8> {
    let mut room = [0u8; MAX_HEADER];
    let start = header_before(&mut room, opcode, payload.len());
    let mut out = Vec::with_capacity(MAX_HEADER - start + payload.len());
    out.extend_from_slice(&room[start..]);
    out.extend_from_slice(payload);
    out
}

/// A close frame with `code` and `reason`, the reason cut to the 123 bytes
/// a control frame leaves for it (at a character boundary).
pub fn close_frame(code: u16, reason: &str) -> Vec<u8> {
    let mut cut = reason.len().min(123);
    while !reason.is_char_boundary(cut) {
        cut = cut.saturating_sub(1);
    }
    let mut payload = code.to_be_bytes().to_vec();
    payload.extend_from_slice(reason.get(..cut).unwrap_or_default().as_bytes());
    frame(CLOSE, &payload)
}

/// What the page sent.
#[derive(Debug, PartialEq, Eq)]
pub enum Incoming {
    /// Message bytes for the server: a binary frame's payload (a fragment
    /// of a message comes as soon as it is whole), or a whole text message.
    Data(Bytes),
    /// A ping, to be answered with a pong carrying the same bytes.
    Ping(Bytes),
    /// A pong: nothing to do.
    Pong,
    /// A close frame, with its code when it had one.
    Close(Option<u16>),
}

/// Why reading the page's frames stopped.
#[derive(Debug)]
pub enum ReadError {
    /// The connection ended without a close frame.
    Eof,
    /// The connection failed.
    Io(io::Error),
    /// The page broke the protocol: close code 1002 with this reason.
    Protocol(String),
    /// A text message was not UTF-8: close code 1007.
    NotUtf8,
    /// A message was larger than the limit: close code 1009.
    TooLarge(usize),
}

impl ReadError {
    /// The close code for this error, when the page should get one.
    pub fn close_code(&self) -> Option<u16> {
        match self {
            ReadError::Eof | ReadError::Io(_) => None,
            ReadError::Protocol(_) => Some(1002),
            ReadError::NotUtf8 => Some(1007),
            ReadError::TooLarge(_) => Some(1009),
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Eof => f.write_str("the page's connection ended without a close frame"),
            ReadError::Io(e) => write!(f, "WebSocket error: {e}"),
            ReadError::Protocol(why) => write!(f, "WebSocket protocol error: {why}"),
            ReadError::NotUtf8 => f.write_str("a text message was not UTF-8"),
            ReadError::TooLarge(limit) => write!(f, "a message was larger than {limit} bytes"),
        }
    }
}

/// Reads the page's frames from `io`. Holds at most one frame (at most the
/// message size limit) plus one read's worth of bytes.
pub struct Reader<R> {
    io: R,
    buf: BytesMut,
    max_message: usize,
    /// The message whose fragments are arriving: whether it is text, and
    /// its size so far.
    partial: Option<(bool, usize)>,
    /// A fragmented text message, kept whole to check its UTF-8.
    text: BytesMut,
}

/// What one parse step found.
enum Step {
    /// More bytes are needed.
    More,
    /// A frame that gives the caller nothing (a text fragment).
    Absorbed,
    Got(Incoming),
}

impl<R: AsyncRead + Unpin> Reader<R> {
    /// A reader of `io`.
    pub fn new(io: R, max_message: usize) -> Reader<R> {
        Reader {
            io,
            buf: BytesMut::new(),
            max_message,
            partial: None,
            text: BytesMut::new(),
        }
    }

    /// The next thing the page sent. Cancel-safe: bytes stay in the buffer
    /// until a whole frame is there, and a text message's fragments stay in
    /// the reader, so a dropped call loses nothing.
    pub async fn next(&mut self) -> Result<Incoming, ReadError> {
        loop {
            match self.parse()? {
                Step::Got(incoming) => return Ok(incoming),
                Step::Absorbed => continue,
                Step::More => {}
            }
            if self.buf.capacity() - self.buf.len() < 1024 {
                self.buf.reserve(4096);
            }
            match self.io.read_buf(&mut self.buf).await {
                Ok(0) => return Err(ReadError::Eof),
                Ok(_) => {}
                Err(e) => return Err(ReadError::Io(e)),
            }
        }
    }

    /// Takes one frame off the buffer when it is whole.
    fn parse(&mut self) -> Result<Step, ReadError> {
        let protocol = |why: &str| Err(ReadError::Protocol(why.to_owned()));
        let [b0, b1, ..] = self.buf[..] else {
            return Ok(Step::More);
        };
        let fin = b0 & 0x80 != 0;
        let opcode = b0 & 0x0F;
        if b0 & 0x70 != 0 {
            return protocol("reserved bits set, but no extension was agreed");
        }
        if b1 & 0x80 == 0 {
            return protocol("a frame from the page was not masked");
        }
        let (len_bytes, short) = match b1 & 0x7F {
            126 => (2, None),
            127 => (8, None),
            n => (0, Some(usize::from(n))),
        };
        let header = 2 + len_bytes + 4;
        if self.buf.len() < header {
            return Ok(Step::More);
        }
        let len = match short {
            Some(n) => n as u64,
            None => self.buf[2..2 + len_bytes]
                .iter()
                .fold(0u64, |acc, &b| (acc << 8) | u64::from(b)),
        };
        let control = opcode & 0x8 != 0;
        if control && (!fin || len > 125) {
            return protocol("a control frame must be whole and at most 125 bytes");
        }
        if !control {
            let so_far = self.partial.map_or(0, |(_, n)| n) as u64;
            if so_far.saturating_add(len) > self.max_message as u64 {
                return Err(ReadError::TooLarge(self.max_message));
            }
        }
        // Fits in usize: at most max_message, or 125.
        let len = len as usize;
        if self.buf.len() < header + len {
            self.buf.reserve(header + len - self.buf.len());
            return Ok(Step::More);
        }
        let mask = [
            self.buf[header - 4],
            self.buf[header - 3],
            self.buf[header - 2],
            self.buf[header - 1],
        ];
        self.buf.advance(header);
        let mut payload = self.buf.split_to(len);
        unmask(&mut payload, mask);
        match opcode {
            BINARY | TEXT | CONTINUATION => {
                let text = match (opcode, self.partial) {
                    (CONTINUATION, Some((text, _))) => text,
                    (CONTINUATION, None) => {
                        return protocol("a continuation frame, but no message had begun");
                    }
                    (_, Some(_)) => {
                        return protocol("a new message began before the last one ended");
                    }
                    (op, None) => op == TEXT,
                };
                self.partial = if fin {
                    None
                } else {
                    Some((text, self.partial.map_or(0, |(_, n)| n) + len))
                };
                if !text {
                    return Ok(Step::Got(Incoming::Data(payload.freeze())));
                }
                self.text.extend_from_slice(&payload);
                if !fin {
                    return Ok(Step::Absorbed);
                }
                let whole = self.text.split().freeze();
                if std::str::from_utf8(&whole).is_err() {
                    return Err(ReadError::NotUtf8);
                }
                Ok(Step::Got(Incoming::Data(whole)))
            }
            PING => Ok(Step::Got(Incoming::Ping(payload.freeze()))),
            PONG => Ok(Step::Got(Incoming::Pong)),
            CLOSE => match payload.len() {
                0 => Ok(Step::Got(Incoming::Close(None))),
                1 => protocol("a close frame with a one-byte code"),
                _ => {
                    let code = u16::from_be_bytes([payload[0], payload[1]]);
                    if !valid_close_code(code) {
                        return protocol(&format!("close code {code} is not one a page may send"));
                    }
                    if std::str::from_utf8(&payload[2..]).is_err() {
                        return Err(ReadError::NotUtf8);
                    }
                    Ok(Step::Got(Incoming::Close(Some(code))))
                }
            },
            other => protocol(&format!("unknown opcode {other:#x}")),
        }
    }
}

/// Close codes an endpoint may put in a close frame (RFC 6455 §7.4).
fn valid_close_code(code: u16) -> bool {
    matches!(code, 1000..=1003 | 1007..=1011 | 3000..=4999)
}

/// Undoes the page's masking, eight bytes at a time.
fn unmask(payload: &mut [u8], mask: [u8; 4]) {
    let wide = u64::from_ne_bytes([
        mask[0], mask[1], mask[2], mask[3], mask[0], mask[1], mask[2], mask[3],
    ]);
    let mut chunks = payload.chunks_exact_mut(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        chunk.copy_from_slice(&(u64::from_ne_bytes(word) ^ wide).to_ne_bytes());
    }
    for (b, m) in chunks.into_remainder().iter_mut().zip(mask.iter().cycle()) {
        *b ^= m;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A masked frame as a page would send it.
    fn masked(first: u8, payload: &[u8]) -> Vec<u8> {
        let mask = [0x37, 0xfa, 0x21, 0x3d];
        let mut out = vec![first];
        match payload.len() {
            n @ 0..=125 => out.push(0x80 | n as u8),
            n @ 126..=0xFFFF => {
                out.push(0x80 | 126);
                out.extend_from_slice(&(n as u16).to_be_bytes());
            }
            n => {
                out.push(0x80 | 127);
                out.extend_from_slice(&(n as u64).to_be_bytes());
            }
        }
        out.extend_from_slice(&mask);
        out.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
        out
    }

    async fn read_all(bytes: &[u8], max: usize) -> Vec<Result<Incoming, String>> {
        let mut r = Reader::new(bytes, max);
        let mut out = Vec::new();
        loop {
            match r.next().await {
                Ok(i) => out.push(Ok(i)),
                Err(ReadError::Eof) => return out,
                Err(e) => {
                    out.push(Err(format!("{:?} {e}", e.close_code())));
                    return out;
                }
            }
        }
    }

    #[test]
    fn accept_key_of_the_rfc_example() {
        // RFC 6455 §1.3's example key and answer.
        assert_eq!(
            accept_key(b"dGhlIHNhbXBsZSBub25jZQ=="),
            "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
        );
    }

    #[test]
    fn headers_for_each_length_form() {
        for (len, expect) in [
            (0usize, vec![0x82, 0]),
            (125, vec![0x82, 125]),
            (126, vec![0x82, 126, 0, 126]),
            (65535, vec![0x82, 126, 0xff, 0xff]),
            (65536, vec![0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0]),
        ] {
            let mut room = [0u8; MAX_HEADER];
            let start = header_before(&mut room, BINARY, len);
            assert_eq!(room[start..], expect[..], "length {len}");
        }
    }

    #[tokio::test]
    async fn frames_of_every_kind_and_length() {
        let big = vec![b'x'; 70_000];
        let mut wire = masked(0x82, b"a1 NOOP\r\n");
        wire.extend(masked(0x82, &big[..300]));
        wire.extend(masked(0x82, &big));
        wire.extend(masked(0x81, "é1 NOOP\r\n".as_bytes()));
        wire.extend(masked(0x89, b"hi"));
        wire.extend(masked(0x8A, b""));
        wire.extend(masked(0x88, &[0x03, 0xe8, b'o', b'k']));
        let got = read_all(&wire, 100_000).await;
        assert_eq!(
            got,
            [
                Ok(Incoming::Data(Bytes::from_static(b"a1 NOOP\r\n"))),
                Ok(Incoming::Data(Bytes::from(big[..300].to_vec()))),
                Ok(Incoming::Data(Bytes::from(big.clone()))),
                Ok(Incoming::Data(Bytes::from("é1 NOOP\r\n"))),
                Ok(Incoming::Ping(Bytes::from_static(b"hi"))),
                Ok(Incoming::Pong),
                Ok(Incoming::Close(Some(1000))),
            ]
        );
    }

    #[tokio::test]
    async fn every_short_length_unmasks() {
        let text: Vec<u8> = (0..40u8).map(|i| b'a' + i % 26).collect();
        for len in 0..text.len() {
            let got = read_all(&masked(0x82, &text[..len]), 100).await;
            assert_eq!(got, [Ok(Incoming::Data(Bytes::from(text[..len].to_vec())))]);
        }
    }

    #[tokio::test]
    async fn fragments_with_a_ping_between() {
        // "é" split across two text fragments: only the whole message is UTF-8.
        let e = "é".as_bytes();
        let mut wire = masked(0x01, &[b'a', e[0]]);
        wire.extend(masked(0x89, b"p"));
        wire.extend(masked(0x80, &[e[1], b'\n']));
        wire.extend(masked(0x02, b"bin-"));
        wire.extend(masked(0x80, b"ary"));
        let got = read_all(&wire, 1000).await;
        assert_eq!(
            got,
            [
                Ok(Incoming::Ping(Bytes::from_static(b"p"))),
                Ok(Incoming::Data(Bytes::from("aé\n"))),
                Ok(Incoming::Data(Bytes::from_static(b"bin-"))),
                Ok(Incoming::Data(Bytes::from_static(b"ary"))),
            ]
        );
    }

    #[tokio::test]
    async fn errors_carry_their_close_codes() {
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (vec![0x82, 0x03, b'a', b'b', b'c'], "Some(1002)"),
            (masked(0xC2, b"x"), "Some(1002)"),
            (masked(0x80, b"x"), "Some(1002)"),
            (masked(0x83, b"x"), "Some(1002)"),
            (masked(0x09, b"x"), "Some(1002)"),
            (masked(0x81, &[0xff, 0xfe]), "Some(1007)"),
            (masked(0x88, &[0x03, 0xed]), "Some(1002)"),
            (masked(0x82, &[0u8; 2000]), "Some(1009)"),
            (
                {
                    let mut w = masked(0x02, &[0u8; 600]);
                    w.extend(masked(0x80, &[0u8; 600]));
                    w
                },
                "Some(1009)",
            ),
            (
                {
                    let mut w = masked(0x02, b"a");
                    w.extend(masked(0x82, b"b"));
                    w
                },
                "Some(1002)",
            ),
        ];
        for (wire, code) in cases {
            let got = read_all(&wire, 1000).await;
            let last = got.last().expect("a result");
            let Err(e) = last else {
                panic!("{wire:02x?} was accepted: {got:?}");
            };
            assert!(e.starts_with(code), "{wire:02x?}: {e}");
        }
    }

    #[tokio::test]
    async fn a_huge_announced_length_is_refused_before_reading_it() {
        // 2^63 bytes announced, nothing following: refused at once.
        let mut wire = vec![
            0x82,
            0x80 | 127,
            0x7f,
            0xff,
            0xff,
            0xff,
            0xff,
            0xff,
            0xff,
            0xff,
        ];
        wire.extend_from_slice(&[1, 2, 3, 4]);
        let got = read_all(&wire, 1 << 20).await;
        assert!(
            matches!(&got[..], [Err(e)] if e.starts_with("Some(1009)")),
            "{got:?}"
        );
    }

    #[tokio::test]
    async fn random_bytes_never_panic_and_always_end() {
        // xorshift: deterministic, no dependency. Half the inputs start
        // with a plausible masked header so parsing goes deep.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for i in 0..20_000 {
            let len = (next() % 64) as usize;
            let mut wire: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            if i % 2 == 0 && wire.len() > 2 {
                wire[1] |= 0x80;
                wire[0] &= 0x8F;
            }
            let got = read_all(&wire, 32).await;
            assert!(got.len() <= wire.len(), "{wire:02x?}");
        }
    }

    #[test]
    fn close_frames_fit_the_control_limit() {
        let f = close_frame(1008, &"é".repeat(100));
        assert!(f.len() <= 2 + 125);
        assert_eq!(&f[..4], &[0x88, (f.len() - 2) as u8, 0x03, 0xf0]);
        assert!(std::str::from_utf8(&f[4..]).is_ok());
    }
}
