//! The one place that decides what is a credential, for every way the page
//! shows or keeps what a learner typed: the terminal, the history, the
//! saved store, share links, transcripts and the explanation drawer all get
//! [`Shown`] text from here. The engine (or the real server) still gets the
//! real bytes.
//!
//! A [`Redactor`] follows one connection's client side line by line, as
//! the learner types it, the way the server's command decoder frames it:
//!
//! - `LOGIN user password`: the password, as an atom, a quoted string, or a
//!   literal (`{n}` or LITERAL+'s `{n+}`) whose octets come on the next
//!   lines; the user name stays visible.
//! - `AUTHENTICATE mech initial-response` (SASL-IR): the initial response.
//! - after `AUTHENTICATE mech` without one: every line until the server's
//!   tagged answer to it (the base64 answers to `+` challenges), except the
//!   `*` that cancels.
//!
//! It also watches the server's answers ([`Redactor::observe`]): a tagged
//! answer ends an AUTHENTICATE exchange or a command whose literal was
//! refused, and any server line that echoes a secret of the command in
//! progress has it masked too ([`Redactor::mask_echo`]).

use crate::render::{Kind, Line};

/// What replaces a secret on screen.
pub const MASK: &str = "••••••";

/// A typed line as it may be shown and kept.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Shown {
    /// The line with every secret replaced by [`MASK`].
    pub text: String,
    /// The masked ranges of the *real* line, in UTF-16 code units (the
    /// page's string indices), ascending: `[start, end)`.
    pub masks: Vec<(u32, u32)>,
}

impl Shown {
    /// Where column `column` (UTF-16) of the real line is in the shown text:
    /// inside a secret it points at the start of its mask.
    pub fn column(&self, column: u32) -> u32 {
        let mask_len = MASK.encode_utf16().count() as u32;
        let mut shift: i64 = 0;
        for &(start, end) in &self.masks {
            if column < start {
                break;
            }
            if column < end {
                return (i64::from(start) + shift).max(0) as u32;
            }
            shift += i64::from(mask_len) - i64::from(end - start);
        }
        (i64::from(column) + shift).max(0) as u32
    }
}

/// Where the scanner stands inside the current command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Stage {
    /// Between commands: the next line starts one.
    #[default]
    Start,
    /// After `LOGIN`, before the user name.
    LoginUser,
    /// After the user name, before the password.
    LoginPassword,
    /// After `AUTHENTICATE`, before the mechanism.
    AuthMechanism,
    /// After the mechanism: an initial response may follow.
    AuthInitial,
    /// Nothing secret can follow in this command.
    Rest,
}

/// One connection's client side, followed for secrets. Holds the secret
/// bytes of the command in progress only until its tagged answer, so that
/// an echo can be masked; nothing is kept after that.
#[derive(Debug, Default)]
pub struct Redactor {
    stage: Stage,
    /// The tag of the command being typed (over several lines if it has literals).
    tag: Option<String>,
    /// Literal octets still to come (each typed line adds its CRLF).
    literal_left: u64,
    /// Whether those octets are a secret.
    literal_secret: bool,
    /// The tag of an AUTHENTICATE whose exchange is open.
    auth_tag: Option<String>,
    /// The secrets of the command in progress, for [`Redactor::mask_echo`].
    secrets: Vec<String>,
}

impl Redactor {
    /// A redactor at the start of a connection.
    pub fn new() -> Self {
        Redactor::default()
    }

    /// Whether the next typed line starts a command (no literal, SASL
    /// answer or continued command is pending).
    pub fn at_command_start(&self) -> bool {
        self.auth_tag.is_none() && self.literal_left == 0 && self.stage == Stage::Start
    }

    /// The line the learner typed (without CRLF), as it may be shown.
    pub fn typed(&mut self, line: &str) -> Shown {
        let mut spans: Vec<(usize, usize)> = Vec::new();
        if self.auth_tag.is_some() && self.literal_left == 0 && self.stage == Stage::Start {
            // An answer to a SASL challenge; `*` cancels and is no secret.
            if line.trim() != "*" && !line.is_empty() {
                spans.push((0, line.len()));
                self.remember(line);
            }
            return shown(line, &spans);
        }
        let mut at = 0;
        if self.literal_left > 0 {
            let typed = line.len() as u64 + 2;
            let in_literal = self.literal_left.min(line.len() as u64) as usize;
            let end = floor_char(line, in_literal);
            if self.literal_secret && end > 0 {
                spans.push((0, end));
                self.remember(&line[..end]);
            }
            if self.literal_left >= typed {
                self.literal_left -= typed;
                return shown(line, &spans);
            }
            // The literal ends inside this line; the command goes on after it.
            at = self.literal_left as usize;
            self.literal_left = 0;
            at = floor_char(line, at);
        } else if self.stage == Stage::Start {
            self.secrets.clear();
        }
        self.scan(line, at, &mut spans);
        // A line that does not end by announcing a literal ends its command
        // (the server answers it, BAD if it was cut short).
        if self.literal_left == 0 {
            self.stage = Stage::Start;
        }
        shown(line, &spans)
    }

    /// Scans command text from `at` to the end of the line.
    fn scan(&mut self, line: &str, mut at: usize, spans: &mut Vec<(usize, usize)>) {
        let bytes = line.as_bytes();
        loop {
            let word = token(bytes, at);
            match self.stage {
                Stage::Start => {
                    let (start, end) = word;
                    if start == end {
                        return;
                    }
                    self.tag = Some(line[start..end].to_owned());
                    let (ns, ne) = token(bytes, end);
                    let name = &line[ns..ne];
                    self.stage = if name.eq_ignore_ascii_case("LOGIN") {
                        Stage::LoginUser
                    } else if name.eq_ignore_ascii_case("AUTHENTICATE") {
                        Stage::AuthMechanism
                    } else {
                        Stage::Rest
                    };
                    at = ne;
                    if self.stage == Stage::Rest {
                        self.rest_of_line(bytes, at);
                        return;
                    }
                }
                Stage::LoginUser | Stage::LoginPassword => {
                    let secret = self.stage == Stage::LoginPassword;
                    let start = skip_spaces(bytes, at);
                    if start >= bytes.len() {
                        return;
                    }
                    let (end, literal) = astring_end(bytes, start);
                    // A literal's announcement (`{10}`) is no secret; its octets are.
                    if secret && literal.is_none() {
                        spans.push((start, end));
                        self.remember(&line[start..end]);
                    }
                    self.stage = if secret {
                        Stage::Rest
                    } else {
                        Stage::LoginPassword
                    };
                    if let Some(len) = literal {
                        self.literal_left = len;
                        self.literal_secret = secret;
                        return;
                    }
                    at = end;
                    if self.stage == Stage::Rest {
                        self.rest_of_line(bytes, at);
                        return;
                    }
                }
                Stage::AuthMechanism => {
                    let (start, end) = token(bytes, at);
                    if start == end {
                        self.finish_auth_command();
                        return;
                    }
                    self.stage = Stage::AuthInitial;
                    at = end;
                }
                Stage::AuthInitial => {
                    let start = skip_spaces(bytes, at);
                    if start < bytes.len() {
                        spans.push((start, bytes.len()));
                        self.remember(&line[start..]);
                    }
                    // With or without an initial response, challenges may
                    // follow (LOGIN asks for the password after the user).
                    self.finish_auth_command();
                    return;
                }
                Stage::Rest => {
                    self.rest_of_line(bytes, at);
                    return;
                }
            }
        }
    }

    /// After `AUTHENTICATE mech` with no initial response: the lines that
    /// follow answer challenges, until the tagged answer.
    fn finish_auth_command(&mut self) {
        self.auth_tag = self.tag.clone();
        self.stage = Stage::Start;
    }

    /// The rest of a command that holds no secret: only a literal at the
    /// end of the line matters, since its octets must not be read as a
    /// new command.
    fn rest_of_line(&mut self, bytes: &[u8], at: usize) {
        match literal_at_end(bytes.get(at..).unwrap_or_default()) {
            Some(len) => {
                self.literal_left = len;
                self.literal_secret = false;
                self.stage = Stage::Rest;
            }
            None => self.stage = Stage::Start,
        }
    }

    fn remember(&mut self, secret: &str) {
        // Short fragments would mask ordinary words in answers.
        if secret.chars().count() >= 3 && self.secrets.len() < 16 {
            self.secrets.push(secret.to_owned());
        }
    }

    /// Follows one server response: a tagged answer ends the command it
    /// answers (and an AUTHENTICATE exchange), a BYE ends everything.
    pub fn observe(&mut self, line: &Line) {
        let ends = match line.kind {
            Kind::Bye => true,
            Kind::Ok | Kind::No | Kind::Bad => line.tag.is_some(),
            _ => false,
        };
        if !ends {
            return;
        }
        let tag = line.tag.as_deref();
        if line.kind == Kind::Bye || tag == self.auth_tag.as_deref() {
            self.auth_tag = None;
        }
        if line.kind == Kind::Bye || tag == self.tag.as_deref() {
            // A refused literal is never sent: what follows is a new command.
            self.literal_left = 0;
            self.stage = Stage::Start;
            self.secrets.clear();
        }
    }

    /// Aligns with what the engine waits for, where the engine is known (the
    /// sandbox): its command decoder, not this scanner, decides whether
    /// literal octets or a SASL answer come next. The answers alone cannot
    /// always tell: a refusal of a line whose tag is not a valid tag carries
    /// no tag to match.
    pub fn sync(&mut self, literal: Option<u64>, expects_auth_answer: bool) {
        match literal {
            // The engine reads a new command next, whatever the scanner thought.
            None => {
                self.literal_left = 0;
                self.stage = Stage::Start;
            }
            // A literal the scanner did not see announced: octets, not
            // commands (and not a credential: no LOGIN reached a password).
            Some(left) if self.literal_left == 0 => {
                self.literal_left = left;
                self.literal_secret = false;
                self.stage = Stage::Rest;
            }
            Some(left) => self.literal_left = left,
        }
        if expects_auth_answer {
            if self.auth_tag.is_none() {
                self.auth_tag = Some(self.tag.clone().unwrap_or_default());
            }
        } else {
            self.auth_tag = None;
        }
    }

    /// `text` with any secret of the command in progress masked, for server
    /// lines that echo what they were sent.
    pub fn mask_echo(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for secret in &self.secrets {
            if out.contains(secret.as_str()) {
                out = out.replace(secret.as_str(), MASK);
            }
        }
        out
    }

    /// Renders server lines for the page: echoes masked, state followed.
    pub fn server_lines(&mut self, mut lines: Vec<Line>) -> Vec<Line> {
        for line in &mut lines {
            line.text = self.mask_echo(&line.text);
            self.observe(line);
        }
        lines
    }
}

/// The largest char boundary of `s` at or below `at`.
fn floor_char(s: &str, mut at: usize) -> usize {
    at = at.min(s.len());
    while at > 0 && !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn skip_spaces(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at) == Some(&b' ') {
        at += 1;
    }
    at
}

/// The next run of non-space bytes from `at`: `(start, end)`.
fn token(bytes: &[u8], at: usize) -> (usize, usize) {
    let start = skip_spaces(bytes, at);
    let mut end = start;
    while end < bytes.len() && bytes[end] != b' ' {
        end += 1;
    }
    (start, end)
}

/// Where the astring starting at `start` ends, and the literal length if it
/// is a literal announced at the end of the line (`{n}` or `{n+}`). A
/// quoted string runs to its closing quote (backslash escapes), or to the
/// end of the line when it is not closed; an atom to the next space.
fn astring_end(bytes: &[u8], start: usize) -> (usize, Option<u64>) {
    match bytes.get(start) {
        Some(b'"') => {
            let mut i = start + 1;
            while i < bytes.len() {
                match bytes[i] {
                    b'\\' => i += 2,
                    b'"' => return (i + 1, None),
                    _ => i += 1,
                }
            }
            (bytes.len(), None)
        }
        Some(b'{') => match literal_at_end(&bytes[start..]) {
            Some(len) => (bytes.len(), Some(len)),
            None => (token(bytes, start).1, None),
        },
        _ => (token(bytes, start).1, None),
    }
}

/// The length of a literal announced at the very end of `bytes`
/// (`{123}` or `{123+}`), if there is one.
fn literal_at_end(bytes: &[u8]) -> Option<u64> {
    let body = bytes.strip_suffix(b"}")?;
    let body = body.strip_suffix(b"+").unwrap_or(body);
    let open = body.iter().rposition(|&b| b == b'{')?;
    let digits = &body[open + 1..];
    if digits.is_empty() || digits.len() > 10 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(digits).ok()?.parse().ok()
}

/// The shown text for `line` with `spans` (byte ranges) masked.
fn shown(line: &str, spans: &[(usize, usize)]) -> Shown {
    let mut text = String::with_capacity(line.len());
    let mut masks = Vec::new();
    let mut at = 0;
    for &(start, end) in spans {
        let (start, end) = (floor_char(line, start.max(at)), floor_char(line, end));
        if start >= end {
            continue;
        }
        text.push_str(&line[at..start]);
        text.push_str(MASK);
        let u16_start = line[..start].encode_utf16().count() as u32;
        let u16_end = u16_start + line[start..end].encode_utf16().count() as u32;
        masks.push((u16_start, u16_end));
        at = end;
    }
    text.push_str(&line[at..]);
    Shown { text, masks }
}

#[cfg(test)]
#[path = "redact_tests.rs"]
mod tests;
