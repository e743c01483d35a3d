//! The benchmark's IMAP client: blocking, one command at a time (or a
//! pipelined script), reading whole responses and skipping `{n}` literals
//! without keeping them. Both servers get this same client.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Instant;

use anyhow::{Context, bail, ensure};

use super::{IO_WITHIN, MAX_LINE};

/// What the client saw in answer to one command.
#[derive(Default)]
pub(crate) struct Reply {
    /// Octets received, literals included.
    pub(crate) bytes: usize,
    /// Untagged `* n FETCH` responses.
    pub(crate) fetches: usize,
    /// Untagged `* n EXPUNGE` responses.
    pub(crate) expunges: usize,
    /// Tagged OKs of other (pipelined) commands before the awaited one.
    pub(crate) other_ok: usize,
    /// Tagged answers of other commands that were not OK.
    pub(crate) other_failed: Vec<String>,
    /// Untagged SEARCH, ESEARCH, CAPABILITY, STATUS and VANISHED lines,
    /// and `OK [code]` lines, without CRLF.
    pub(crate) kept: Vec<String>,
    /// The awaited tagged line (or `+ ...` when waiting for one), without
    /// CRLF.
    pub(crate) status: String,
}

impl Reply {
    /// The number of a `[CODE n]` in an untagged `OK` line.
    pub(crate) fn code(&self, code: &str) -> Option<u64> {
        self.kept.iter().find_map(|l| {
            let rest = l
                .strip_prefix("* OK [")?
                .strip_prefix(code)?
                .strip_prefix(' ')?;
            rest.split(']').next()?.parse().ok()
        })
    }

    /// The numbers of the `* SEARCH` line.
    pub(crate) fn search(&self) -> anyhow::Result<Vec<u32>> {
        let line = self
            .kept
            .iter()
            .find(|l| l.starts_with("* SEARCH"))
            .context("no * SEARCH line")?;
        line["* SEARCH".len()..]
            .split_whitespace()
            .map(|n| n.parse().context("a number in * SEARCH"))
            .collect()
    }
}

/// A blocking IMAP client that reads whole responses, skipping `{n}`
/// literals without looking at them, until the tagged line it waits for.
/// Both servers get this same client.
pub(crate) struct Client {
    pub(crate) name: &'static str,
    pub(crate) stream: TcpStream,
    pub(crate) buf: Vec<u8>,
    /// Unread bytes are `buf[start..end]`.
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) next_tag: u32,
    /// When reading gives up, however steadily bytes arrive.
    pub(crate) deadline: Instant,
}

impl Client {
    pub(crate) fn connect(
        name: &'static str,
        addr: SocketAddr,
        deadline: Instant,
    ) -> anyhow::Result<Client> {
        ensure!(addr.ip().is_loopback(), "{name}: {addr} is not loopback");
        let stream = TcpStream::connect(addr).with_context(|| format!("connect to {name}"))?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(IO_WITHIN))?;
        stream.set_write_timeout(Some(IO_WITHIN))?;
        let mut c = Client {
            name,
            stream,
            buf: vec![0; 256 * 1024],
            start: 0,
            end: 0,
            next_tag: 0,
            deadline,
        };
        let greeting = c.reply("*", false)?;
        ensure!(
            greeting.status.starts_with("* OK"),
            "{name} greeted with {}",
            greeting.status
        );
        Ok(c)
    }

    pub(crate) fn tag(&mut self) -> String {
        self.next_tag += 1;
        format!("t{}", self.next_tag)
    }

    /// Sends `tag text` and reads until its tagged answer, which must be OK.
    pub(crate) fn command(&mut self, text: &str) -> anyhow::Result<Reply> {
        let tag = self.tag();
        self.stream
            .write_all(format!("{tag} {text}\r\n").as_bytes())
            .with_context(|| format!("send to {}", self.name))?;
        let reply = self.reply(&tag, false)?;
        ensure!(
            reply.status[tag.len()..].starts_with(" OK"),
            "{}: `{text}` answered {}",
            self.name,
            reply.status
        );
        ensure!(
            reply.other_failed.is_empty(),
            "{}: {:?}",
            self.name,
            reply.other_failed
        );
        Ok(reply)
    }

    /// Reads more into the buffer, first making room.
    pub(crate) fn fill(&mut self) -> anyhow::Result<()> {
        if self.start == self.end {
            (self.start, self.end) = (0, 0);
        } else if self.end == self.buf.len() {
            if self.start > 0 {
                self.buf.copy_within(self.start..self.end, 0);
                (self.start, self.end) = (0, self.end - self.start);
            } else {
                ensure!(
                    self.buf.len() < MAX_LINE,
                    "{}: a line over {MAX_LINE} octets",
                    self.name
                );
                self.buf.resize(self.buf.len() * 2, 0);
            }
        }
        let n = self
            .stream
            .read(&mut self.buf[self.end..])
            .with_context(|| format!("read from {}", self.name))?;
        ensure!(n > 0, "{} closed the connection", self.name);
        ensure!(Instant::now() < self.deadline, "{}: out of time", self.name);
        self.end += n;
        Ok(())
    }

    /// Consumes an `n`-octet literal, mostly without keeping it.
    pub(crate) fn skip(&mut self, n: usize) -> anyhow::Result<()> {
        let here = n.min(self.end - self.start);
        self.start += here;
        let mut left = n - here;
        while left > 0 {
            (self.start, self.end) = (0, 0);
            self.fill()?;
            let here = left.min(self.end);
            self.start = here;
            left -= here;
        }
        Ok(())
    }

    /// Reads responses until one tagged `tag` (`*`: the first untagged
    /// one, for the greeting), or with `plus` until a continuation request.
    pub(crate) fn reply(&mut self, tag: &str, plus: bool) -> anyhow::Result<Reply> {
        let mut r = Reply::default();
        // Whether the next line starts a response (not a literal's tail).
        let mut at_start = true;
        // How far past `start` the current line has been searched for LF.
        let mut searched = 0;
        loop {
            let from = self.start + searched;
            let Some(i) = memchr::memchr(b'\n', &self.buf[from..self.end]) else {
                searched = self.end - self.start;
                self.fill()?;
                continue;
            };
            let nl = from + i;
            searched = 0;
            let line = &self.buf[self.start..=nl];
            r.bytes += line.len();
            let literal = literal_len(line);
            let mut done = false;
            if at_start {
                done = classify(line, tag, plus, &mut r)
                    .with_context(|| format!("from {}", self.name))?;
            }
            self.start = nl + 1;
            if done {
                return Ok(r);
            }
            at_start = literal.is_none();
            if let Some(n) = literal {
                r.bytes += n;
                self.skip(n)?;
            }
        }
    }
}

/// Looks at the first line of a response; true if it is the one awaited.
fn classify(line: &[u8], tag: &str, plus: bool, r: &mut Reply) -> anyhow::Result<bool> {
    let text = || String::from_utf8_lossy(line).trim_end().to_owned();
    if tag == "*" || line.starts_with(tag.as_bytes()) && line.get(tag.len()) == Some(&b' ') {
        r.status = text();
        return Ok(true);
    }
    if let Some(rest) = line.strip_prefix(b"* ") {
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits > 0 {
            let what = &rest[digits..];
            if what.starts_with(b" FETCH ") {
                r.fetches += 1;
            } else if what.starts_with(b" EXPUNGE") {
                r.expunges += 1;
            }
        } else if rest.starts_with(b"BYE") {
            bail!("{}", text());
        } else if [
            "SEARCH",
            "ESEARCH",
            "CAPABILITY",
            "STATUS",
            "VANISHED",
            "OK [",
        ]
        .iter()
        .any(|k| rest.starts_with(k.as_bytes()))
        {
            r.kept.push(text());
        }
    } else if line.starts_with(b"+") {
        ensure!(plus, "an unexpected continuation request: {}", text());
        r.status = text();
        return Ok(true);
    } else {
        let mut words = line.splitn(3, |&b| b == b' ');
        if words.nth(1) == Some(b"OK") {
            r.other_ok += 1;
        } else {
            r.other_failed.push(text());
        }
    }
    Ok(false)
}

/// The size of the literal a line ends with (`{n}` or `~{n}` before CRLF).
fn literal_len(line: &[u8]) -> Option<usize> {
    let body = line.strip_suffix(b"}\r\n")?;
    let open = body.iter().rposition(|&b| b == b'{')?;
    std::str::from_utf8(&body[open + 1..]).ok()?.parse().ok()
}
