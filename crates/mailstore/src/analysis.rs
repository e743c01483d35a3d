//! What a message is made of, computed once with mail-parser when the
//! message enters the store: the envelope, the MIME part tree with byte
//! ranges into the raw message, and decoded text for SEARCH.
//!
//! The part tree and its byte ranges are computed here, not taken from
//! mail-parser, because IMAP needs exact ranges (a part's header includes
//! its blank line; the line break before a boundary belongs to the
//! boundary). mail-parser does the decoding: RFC 2047 words, dates,
//! base64, quoted-printable, charsets and HTML to text.
//!
//! Everything here is total: any bytes give an [`Analysis`], never a panic.

use std::ops::Range;

/// An address as IMAP's ENVELOPE sees it: raw header bytes, not decoded.
/// Group syntax is represented as IMAP does: a start marker (`host` None,
/// `mailbox` the group name) and an end marker (`host` and `mailbox` None).
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct Addr {
    /// Display name, raw (encoded words kept).
    pub name: Option<Vec<u8>>,
    /// Source route; almost always None.
    pub adl: Option<Vec<u8>>,
    /// Local part, or group name.
    pub mailbox: Option<Vec<u8>>,
    /// Domain.
    pub host: Option<Vec<u8>>,
}

/// The envelope fields of a message (raw header values, unfolded).
/// Sender and Reply-To are already defaulted to From where missing.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct Envelope {
    /// Date
    pub date: Option<Vec<u8>>,
    /// Subject
    pub subject: Option<Vec<u8>>,
    /// From
    pub from: Vec<Addr>,
    /// Sender
    pub sender: Vec<Addr>,
    /// Reply-To
    pub reply_to: Vec<Addr>,
    /// To
    pub to: Vec<Addr>,
    /// Cc
    pub cc: Vec<Addr>,
    /// Bcc
    pub bcc: Vec<Addr>,
    /// In-Reply-To
    pub in_reply_to: Option<Vec<u8>>,
    /// Message-ID
    pub message_id: Option<Vec<u8>>,
}

/// What kind of MIME part this is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PartKind {
    /// A leaf part (text, image, application, ...).
    Single,
    /// A multipart with its children.
    Multipart(Vec<Part>),
    /// A message/rfc822 part: the inner message's envelope and root part.
    Message {
        /// The inner message's envelope.
        envelope: Box<Envelope>,
        /// The inner message's root part (its `header` range is the inner header).
        inner: Box<Part>,
    },
}

/// One MIME part, with byte ranges into the raw message.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Part {
    /// Media type, lower case, such as `text` (default `text`).
    pub media_type: String,
    /// Subtype, lower case, such as `plain` (default `plain`).
    pub subtype: String,
    /// Content-Type parameters, names lower case, values as written (unquoted).
    pub params: Vec<(String, String)>,
    /// Content-ID
    pub id: Option<Vec<u8>>,
    /// Content-Description
    pub description: Option<Vec<u8>>,
    /// Content-Transfer-Encoding, lower case (default `7bit`).
    pub encoding: String,
    /// Content-MD5
    pub md5: Option<Vec<u8>>,
    /// Content-Disposition value (lower case) and parameters.
    pub disposition: Option<(String, Vec<(String, String)>)>,
    /// Content-Language values.
    pub language: Vec<String>,
    /// Content-Location
    pub location: Option<Vec<u8>>,
    /// This part's header block within the raw message, including the blank
    /// line that ends it (for the root: the message header).
    pub header: Range<usize>,
    /// This part's body within the raw message.
    pub body: Range<usize>,
    /// Number of lines in the body.
    pub lines: u32,
    /// Leaf, multipart or message/rfc822.
    pub kind: PartKind,
}

/// Everything the engine needs to answer FETCH and SEARCH without parsing again.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Analysis {
    /// The envelope.
    pub envelope: Envelope,
    /// The root part (its `header` is the message header).
    pub root: Part,
    /// The Date header as seconds since the Unix epoch, with its zone in
    /// minutes, for SENTBEFORE/SENTON/SENTSINCE; None if missing or invalid.
    pub sent_date: Option<(i64, i16)>,
    /// Header fields, names lower case, values decoded (RFC 2047) and
    /// lower-cased, in order; for SEARCH FROM/TO/CC/BCC/SUBJECT/HEADER.
    pub headers: Vec<(String, String)>,
    /// The decoded text of every text part (transfer encoding and charset
    /// undone), lower-cased, for SEARCH BODY and TEXT.
    pub body_text: String,
}

/// How deep multiparts and message/rfc822 parts may nest before the rest
/// is treated as an opaque leaf (keeps recursion bounded on hostile input).
pub const MAX_DEPTH: usize = 40;

impl Analysis {
    /// Analyses a raw message. Never panics, whatever the bytes.
    pub fn of(raw: &[u8]) -> Analysis {
        let root = parse_part(raw, 0, raw.len(), false, 0);
        let fields = fields_in(raw.get(root.header.clone()).unwrap_or_default());
        let envelope = envelope_of(&fields);
        let sent_date = fields
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(b"date"))
            .and_then(|f| parse_date(f.value));
        let headers = fields
            .iter()
            .map(|f| {
                let name = String::from_utf8_lossy(f.name).to_ascii_lowercase();
                (name, decode_header_value(f.value).to_lowercase())
            })
            .collect();
        let mut text = String::new();
        collect_text(raw, &root, &mut text);
        Analysis {
            envelope,
            root,
            sent_date,
            headers,
            body_text: text.to_lowercase(),
        }
    }
}

impl Part {
    /// The part at an IMAP part path (`[1, 2]` for `1.2`), following IMAP's
    /// numbering: a non-multipart message's only part is `1`, and the parts
    /// of a message/rfc822 part are numbered inside the inner message.
    /// The empty path is `self`.
    pub fn find(&self, path: &[u32]) -> Option<&Part> {
        find_in(self, path, true)
    }

    /// Is this a `text/*` part?
    pub fn is_text(&self) -> bool {
        self.media_type == "text"
    }

    /// The value of a Content-Type parameter (name compared case-insensitively).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// A dummy empty `text/plain` part at `at`, used as the only child of a
    /// multipart that has no body parts (IMAP requires at least one).
    fn empty_at(at: usize) -> Part {
        Part {
            media_type: "text".into(),
            subtype: "plain".into(),
            params: vec![("charset".into(), "us-ascii".into())],
            id: None,
            description: None,
            encoding: "7bit".into(),
            md5: None,
            disposition: None,
            language: Vec::new(),
            location: None,
            header: at..at,
            body: at..at,
            lines: 0,
            kind: PartKind::Single,
        }
    }
}

/// `top`: `part` is a message's root, where a non-multipart body is part 1.
fn find_in<'p>(part: &'p Part, path: &[u32], top: bool) -> Option<&'p Part> {
    let Some((&first, rest)) = path.split_first() else {
        return Some(part);
    };
    match &part.kind {
        PartKind::Multipart(children) => {
            let index = usize::try_from(first.checked_sub(1)?).ok()?;
            find_in(children.get(index)?, rest, false)
        }
        _ if top => (first == 1)
            .then_some(())
            .and_then(|()| find_in(part, rest, false)),
        PartKind::Message { inner, .. } => find_in(inner, path, true),
        PartKind::Single => None,
    }
}

/// Filters a header block to the named fields (`not == false`) or all but
/// them (`not == true`), names compared case-insensitively, keeping folded
/// lines and ending with the blank line, as BODY[HEADER.FIELDS (...)] returns.
pub fn header_fields(header: &[u8], names: &[String], not: bool) -> Vec<u8> {
    let mut out = Vec::new();
    for field in fields_in(header) {
        let named = names
            .iter()
            .any(|n| n.as_bytes().eq_ignore_ascii_case(field.name));
        if named != not {
            out.extend_from_slice(field.whole);
            if !field.whole.ends_with(b"\n") {
                out.extend_from_slice(b"\r\n");
            }
        }
    }
    out.extend_from_slice(b"\r\n");
    out
}

/// Unfolds a raw header value: line breaks removed (so CRLF + WSP becomes
/// WSP), leading and trailing whitespace trimmed. This is what ENVELOPE shows.
pub fn unfold(value: &[u8]) -> Vec<u8> {
    let kept: Vec<u8> = value
        .iter()
        .copied()
        .filter(|b| *b != b'\r' && *b != b'\n')
        .collect();
    trim(&kept).to_vec()
}

/// One header field of a header block, as slices of it.
#[derive(Debug, Clone, Copy)]
struct Field<'a> {
    /// The name, without the colon and trailing blanks.
    name: &'a [u8],
    /// Everything after the colon, folded lines and final line break included.
    value: &'a [u8],
    /// The whole field, every line with its line break.
    whole: &'a [u8],
}

/// The lines of `bytes`, each with its line break (the last may lack one).
fn lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    bytes.split_inclusive(|b| *b == b'\n')
}

fn is_blank_line(line: &[u8]) -> bool {
    line == b"\n" || line == b"\r\n"
}

/// The fields of a header block (which may include its blank line).
/// Lines that are neither fields nor continuations are skipped.
fn fields_in(header: &[u8]) -> Vec<Field<'_>> {
    let mut fields: Vec<Field<'_>> = Vec::new();
    // (start of field, start of value, name) of the field being read.
    let mut current: Option<(usize, usize, &[u8])> = None;
    let mut pos = 0usize;
    fn finish<'a>(
        header: &'a [u8],
        fields: &mut Vec<Field<'a>>,
        cur: Option<(usize, usize, &'a [u8])>,
        end: usize,
    ) {
        if let Some((start, value_start, name)) = cur {
            fields.push(Field {
                name,
                value: header.get(value_start..end).unwrap_or_default(),
                whole: header.get(start..end).unwrap_or_default(),
            });
        }
    }
    for line in lines(header) {
        let end = pos.saturating_add(line.len());
        if is_blank_line(line) {
            break;
        }
        if line.first().is_some_and(|b| *b == b' ' || *b == b'\t') {
            // A continuation line: it stays in the current field, if any.
        } else {
            finish(header, &mut fields, current.take(), pos);
            if let Some(colon) = line.iter().position(|b| *b == b':') {
                let name = trim_end(line.get(..colon).unwrap_or_default());
                if !name.is_empty() {
                    current = Some((pos, pos.saturating_add(colon).saturating_add(1), name));
                }
            }
        }
        pos = end;
    }
    finish(header, &mut fields, current, pos);
    fields
}

fn is_wsp(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

fn trim(bytes: &[u8]) -> &[u8] {
    trim_end(trim_start(bytes))
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !is_wsp(*b))
        .unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

fn trim_end(bytes: &[u8]) -> &[u8] {
    let end = bytes
        .iter()
        .rposition(|b| !is_wsp(*b))
        .map_or(0, |p| p.saturating_add(1));
    bytes.get(..end).unwrap_or_default()
}

/// Where the header starting at `start` ends (after its blank line), or
/// `end` if there is no blank line (then the whole rest is header).
fn header_end(raw: &[u8], start: usize, end: usize) -> usize {
    let mut pos = start;
    for line in lines(raw.get(start..end).unwrap_or_default()) {
        pos = pos.saturating_add(line.len());
        if is_blank_line(line) {
            return pos;
        }
    }
    end
}

/// Lines of a body as BODYSTRUCTURE counts them: line breaks, as Dovecot
/// does (a last line without a break, such as a part before a boundary,
/// does not count).
fn count_lines(body: &[u8]) -> u32 {
    let breaks = body.iter().filter(|b| **b == b'\n').count();
    u32::try_from(breaks).unwrap_or(u32::MAX)
}

/// Parses the part occupying `start..end` of `raw`.
fn parse_part(raw: &[u8], start: usize, end: usize, in_digest: bool, depth: usize) -> Part {
    let h = header_end(raw, start, end);
    let fields = fields_in(raw.get(start..h).unwrap_or_default());
    let mut part = mime_fields(&fields, in_digest);
    part.header = start..h;
    part.body = h..end;
    part.lines = count_lines(raw.get(h..end).unwrap_or_default());
    if depth >= MAX_DEPTH {
        return part;
    }
    if part.media_type == "multipart" {
        let boundary = part
            .param("boundary")
            .map(|b| b.as_bytes().to_vec())
            .unwrap_or_default();
        let digest = part.subtype == "digest";
        let mut children: Vec<Part> = split_multipart(raw, h, end, &boundary)
            .into_iter()
            .map(|(a, b)| parse_part(raw, a, b, digest, depth.saturating_add(1)))
            .collect();
        if children.is_empty() {
            children.push(Part::empty_at(end));
        }
        part.kind = PartKind::Multipart(children);
    } else if part.media_type == "message"
        && part.subtype == "rfc822"
        && !matches!(part.encoding.as_str(), "base64" | "quoted-printable")
    {
        let inner = parse_part(raw, h, end, false, depth.saturating_add(1));
        let envelope = envelope_of(&fields_in(
            raw.get(inner.header.clone()).unwrap_or_default(),
        ));
        part.kind = PartKind::Message {
            envelope: Box::new(envelope),
            inner: Box::new(inner),
        };
    }
    part
}

/// Is the line at the start of `rest` a delimiter for `boundary`?
/// Returns `Some(true)` for the close delimiter, `Some(false)` for a part delimiter.
fn delimiter(line: &[u8], boundary: &[u8]) -> Option<bool> {
    let after = line.strip_prefix(b"--")?.strip_prefix(boundary)?;
    if after.starts_with(b"--") {
        Some(true)
    } else if after.iter().all(|b| is_wsp(*b)) {
        Some(false)
    } else {
        None
    }
}

/// The body parts of a multipart body `start..end`: for each, the range
/// from after its delimiter line to before the line break that precedes
/// the next delimiter. An unclosed last part runs to `end`.
fn split_multipart(raw: &[u8], start: usize, end: usize, boundary: &[u8]) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    if boundary.is_empty() {
        return parts;
    }
    let mut open: Option<usize> = None;
    let mut pos = start;
    for line in lines(raw.get(start..end).unwrap_or_default()) {
        let next = pos.saturating_add(line.len());
        if let Some(close) = delimiter(line, boundary) {
            if let Some(part_start) = open.take() {
                parts.push((
                    part_start,
                    line_break_before(raw, start, pos).max(part_start),
                ));
            }
            if close {
                return parts;
            }
            open = Some(next);
        }
        pos = next;
    }
    if let Some(part_start) = open {
        parts.push((part_start, end.max(part_start)));
    }
    parts
}

/// `pos` minus the line break just before it (which belongs to the
/// delimiter that starts at `pos`), not going below `floor`.
fn line_break_before(raw: &[u8], floor: usize, pos: usize) -> usize {
    let mut at = pos;
    if at > floor && raw.get(at.saturating_sub(1)) == Some(&b'\n') {
        at = at.saturating_sub(1);
        if at > floor && raw.get(at.saturating_sub(1)) == Some(&b'\r') {
            at = at.saturating_sub(1);
        }
    }
    at
}

/// The MIME fields of a part from its header fields (ranges and kind left empty).
fn mime_fields(fields: &[Field<'_>], in_digest: bool) -> Part {
    let get = |name: &str| {
        fields
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name.as_bytes()))
    };
    let raw_value = |name: &str| get(name).map(|f| unfold(f.value));
    let (mut media_type, mut subtype, mut params) = match get("content-type") {
        Some(f) => parse_content_type(&unfold(f.value)),
        None => (String::new(), String::new(), Vec::new()),
    };
    if media_type.is_empty() || subtype.is_empty() {
        (media_type, subtype) = if in_digest {
            ("message".into(), "rfc822".into())
        } else {
            ("text".into(), "plain".into())
        };
        params.retain(|(n, _)| n == "charset");
    }
    if media_type == "text" && !params.iter().any(|(n, _)| n == "charset") {
        params.push(("charset".into(), "us-ascii".into()));
    }
    let encoding = raw_value("content-transfer-encoding")
        .map(|v| String::from_utf8_lossy(&v).to_ascii_lowercase())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "7bit".into());
    let disposition = get("content-disposition").and_then(|f| {
        let v = unfold(f.value);
        let (value, params) = split_value_params(&v);
        let value = String::from_utf8_lossy(trim(value)).to_ascii_lowercase();
        (!value.is_empty()).then(|| (value, parse_params(params)))
    });
    let language = raw_value("content-language")
        .map(|v| {
            v.split(|b| *b == b',')
                .map(|l| String::from_utf8_lossy(trim(l)).into_owned())
                .filter(|l| !l.is_empty())
                .collect()
        })
        .unwrap_or_default();
    Part {
        media_type,
        subtype,
        params,
        id: raw_value("content-id"),
        description: raw_value("content-description"),
        encoding,
        md5: raw_value("content-md5"),
        disposition,
        language,
        location: raw_value("content-location"),
        header: 0..0,
        body: 0..0,
        lines: 0,
        kind: PartKind::Single,
    }
}

/// Splits `value; params` at the first `;` (type and disposition values
/// never contain one).
fn split_value_params(v: &[u8]) -> (&[u8], &[u8]) {
    match v.iter().position(|b| *b == b';') {
        Some(i) => (
            v.get(..i).unwrap_or_default(),
            v.get(i..).unwrap_or_default(),
        ),
        None => (v, &[]),
    }
}

/// `type/subtype; params` → lower-case type and subtype (empty if invalid) and params.
fn parse_content_type(v: &[u8]) -> (String, String, Vec<(String, String)>) {
    let (value, params) = split_value_params(v);
    let value = strip_comments(value);
    let mut halves = value.splitn(2, |b| *b == b'/');
    let media = trim(halves.next().unwrap_or_default());
    let sub = trim(halves.next().unwrap_or_default());
    let valid = |t: &[u8]| {
        !t.is_empty()
            && t.iter()
                .all(|b| b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?=".contains(b))
    };
    let (media, sub) = if valid(media) && valid(sub) {
        (
            String::from_utf8_lossy(media).to_ascii_lowercase(),
            String::from_utf8_lossy(sub).to_ascii_lowercase(),
        )
    } else {
        (String::new(), String::new())
    };
    (media, sub, parse_params(params))
}

fn strip_comments(v: &[u8]) -> Vec<u8> {
    let mut depth = 0usize;
    let mut out = Vec::with_capacity(v.len());
    for &b in v {
        match b {
            b'(' => depth = depth.saturating_add(1),
            b')' if depth > 0 => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(b),
            _ => {}
        }
    }
    out
}

/// Parses `; name=value; name="quoted value"` (names lower-cased, values
/// unquoted, otherwise as written). Malformed pieces are skipped.
fn parse_params(v: &[u8]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut i = 0usize;
    let at = |i: usize| v.get(i).copied();
    loop {
        // Skip to the next ';'.
        while at(i).is_some_and(|b| b != b';') {
            i = i.saturating_add(1);
        }
        if at(i).is_none() {
            return out;
        }
        i = i.saturating_add(1);
        while at(i).is_some_and(is_wsp) {
            i = i.saturating_add(1);
        }
        let name_start = i;
        while at(i).is_some_and(|b| b != b'=' && b != b';') {
            i = i.saturating_add(1);
        }
        let name = trim(v.get(name_start..i).unwrap_or_default());
        if at(i) != Some(b'=') {
            continue;
        }
        i = i.saturating_add(1);
        while at(i).is_some_and(is_wsp) {
            i = i.saturating_add(1);
        }
        let mut value = Vec::new();
        if at(i) == Some(b'"') {
            i = i.saturating_add(1);
            while let Some(b) = at(i) {
                i = i.saturating_add(1);
                match b {
                    b'"' => break,
                    b'\\' => {
                        if let Some(next) = at(i) {
                            value.push(next);
                            i = i.saturating_add(1);
                        }
                    }
                    _ => value.push(b),
                }
            }
        } else {
            let start = i;
            while at(i).is_some_and(|b| b != b';') {
                i = i.saturating_add(1);
            }
            value = trim(v.get(start..i).unwrap_or_default()).to_vec();
        }
        if !name.is_empty() {
            out.push((
                String::from_utf8_lossy(name).to_ascii_lowercase(),
                String::from_utf8_lossy(&value).into_owned(),
            ));
        }
    }
}

/// An RFC 2047-decoded header value (mail-parser's unstructured parser);
/// public for displays such as the page's mailbox inspector.
pub fn decode_header_value(value: &[u8]) -> String {
    match mail_parser::parsers::MessageStream::new(value).parse_unstructured() {
        mail_parser::HeaderValue::Text(t) => t.into_owned(),
        mail_parser::HeaderValue::TextList(l) => l.join(" "),
        _ => String::from_utf8_lossy(&unfold(value)).into_owned(),
    }
}

/// The Date field as Unix seconds and zone minutes, if it parses and is valid.
fn parse_date(value: &[u8]) -> Option<(i64, i16)> {
    let text = String::from_utf8_lossy(&unfold(value)).into_owned();
    let dt = mail_parser::DateTime::parse_rfc822(&text).filter(|d| d.is_valid())?;
    let minutes = i16::from(dt.tz_hour)
        .saturating_mul(60)
        .saturating_add(i16::from(dt.tz_minute));
    let zone = if dt.tz_before_gmt {
        minutes.saturating_neg()
    } else {
        minutes
    };
    Some((dt.to_timestamp(), zone))
}

/// The envelope of a header block's fields.
fn envelope_of(fields: &[Field<'_>]) -> Envelope {
    let get = |name: &str| {
        fields
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name.as_bytes()))
    };
    let text = |name: &str| get(name).map(|f| unfold(f.value));
    let addrs = |name: &str| {
        get(name)
            .map(|f| parse_addresses(&unfold(f.value)))
            .unwrap_or_default()
    };
    let from = addrs("from");
    let sender = match addrs("sender") {
        s if s.is_empty() => from.clone(),
        s => s,
    };
    let reply_to = match addrs("reply-to") {
        r if r.is_empty() => from.clone(),
        r => r,
    };
    Envelope {
        date: text("date"),
        subject: text("subject"),
        from,
        sender,
        reply_to,
        to: addrs("to"),
        cc: addrs("cc"),
        bcc: addrs("bcc"),
        in_reply_to: text("in-reply-to"),
        message_id: text("message-id"),
    }
}

/// A lexical piece of an address header.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// An atom or a run of dot-atom text (as written).
    Word(Vec<u8>),
    /// A quoted string, unquoted (backslash escapes undone).
    Quoted(Vec<u8>),
    /// A comment's text.
    Comment(Vec<u8>),
    /// A special character: `< > @ , ; : .` or `[ ]` text kept in words.
    Special(u8),
}

fn tokenize(v: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0usize;
    let at = |i: usize| v.get(i).copied();
    while let Some(b) = at(i) {
        match b {
            b' ' | b'\t' | b'\r' | b'\n' => i = i.saturating_add(1),
            b'"' => {
                let mut s = Vec::new();
                i = i.saturating_add(1);
                while let Some(c) = at(i) {
                    i = i.saturating_add(1);
                    match c {
                        b'"' => break,
                        b'\\' => {
                            if let Some(n) = at(i) {
                                s.push(n);
                                i = i.saturating_add(1);
                            }
                        }
                        _ => s.push(c),
                    }
                }
                out.push(Token::Quoted(s));
            }
            b'(' => {
                let mut depth = 0usize;
                let mut s = Vec::new();
                while let Some(c) = at(i) {
                    i = i.saturating_add(1);
                    match c {
                        b'(' => {
                            if depth > 0 {
                                s.push(c);
                            }
                            depth = depth.saturating_add(1);
                        }
                        b')' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                break;
                            }
                            s.push(c);
                        }
                        b'\\' => {
                            if let Some(n) = at(i) {
                                s.push(n);
                                i = i.saturating_add(1);
                            }
                        }
                        _ => s.push(c),
                    }
                }
                out.push(Token::Comment(s));
            }
            b'<' | b'>' | b'@' | b',' | b';' | b':' | b'.' => {
                out.push(Token::Special(b));
                i = i.saturating_add(1);
            }
            _ => {
                let start = i;
                while at(i).is_some_and(|c| !b" \t\r\n\"(<>@,;:.".contains(&c)) {
                    i = i.saturating_add(1);
                }
                out.push(Token::Word(v.get(start..i).unwrap_or_default().to_vec()));
            }
        }
    }
    out
}

/// Joins tokens back into text: words and quoted strings separated by one
/// space, dots glued to their neighbours (for names and local parts).
fn join_tokens(tokens: &[Token]) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::new();
    let mut glue = true;
    for t in tokens {
        match t {
            Token::Word(w) | Token::Quoted(w) => {
                if !glue && !out.is_empty() {
                    out.push(b' ');
                }
                out.extend_from_slice(w);
                glue = false;
            }
            Token::Special(c) => {
                out.push(*c);
                glue = true;
            }
            Token::Comment(_) => {}
        }
    }
    out
}

const MISSING_MAILBOX: &[u8] = b"MISSING_MAILBOX";
const MISSING_DOMAIN: &[u8] = b"MISSING_DOMAIN";

/// Parses an address list (raw, unfolded) into IMAP envelope addresses,
/// with group start and end markers. Encoded words are kept as written.
pub fn parse_addresses(v: &[u8]) -> Vec<Addr> {
    let tokens = tokenize(v);
    let mut out = Vec::new();
    let mut i = 0usize;
    let mut in_group = false;
    while i < tokens.len() {
        // One item: tokens up to a top-level ',' or ';' (or ':' starting a group).
        let mut j = i;
        let mut angle = false;
        let mut stop = None;
        while let Some(t) = tokens.get(j) {
            match t {
                Token::Special(b'<') => angle = true,
                Token::Special(b'>') => angle = false,
                Token::Special(c @ (b',' | b';')) if !angle => {
                    stop = Some(*c);
                    break;
                }
                Token::Special(b':') if !angle && !in_group => {
                    stop = Some(b':');
                    break;
                }
                _ => {}
            }
            j = j.saturating_add(1);
        }
        let item = tokens.get(i..j).unwrap_or_default();
        match stop {
            Some(b':') => {
                let name = join_tokens(item);
                out.push(Addr {
                    name: None,
                    adl: None,
                    mailbox: Some(name),
                    host: None,
                });
                in_group = true;
            }
            _ => {
                if let Some(a) = parse_mailbox(item) {
                    out.push(a);
                }
                if stop == Some(b';') && in_group {
                    out.push(Addr::default());
                    in_group = false;
                }
            }
        }
        i = j.saturating_add(1);
    }
    if in_group {
        out.push(Addr::default());
    }
    out
}

/// One mailbox (`name <route:local@domain>` or `local@domain (comment)`).
fn parse_mailbox(item: &[Token]) -> Option<Addr> {
    if item.iter().all(|t| matches!(t, Token::Comment(_))) {
        return None;
    }
    let comment = item.iter().find_map(|t| match t {
        Token::Comment(c) if !trim(c).is_empty() => Some(trim(c).to_vec()),
        _ => None,
    });
    let (name, spec) = match item.iter().position(|t| *t == Token::Special(b'<')) {
        Some(lt) => {
            let phrase = join_tokens(item.get(..lt).unwrap_or_default());
            let rest = item.get(lt.saturating_add(1)..).unwrap_or_default();
            let gt = rest
                .iter()
                .position(|t| *t == Token::Special(b'>'))
                .unwrap_or(rest.len());
            let name = if phrase.is_empty() {
                comment
            } else {
                Some(phrase)
            };
            (name, rest.get(..gt).unwrap_or_default())
        }
        None => (comment, item),
    };
    // A source route: "@a,@b:" before the address.
    let (adl, spec) = match spec.iter().position(|t| *t == Token::Special(b':')) {
        Some(colon) if spec.first() == Some(&Token::Special(b'@')) => (
            Some(join_tokens(spec.get(..colon).unwrap_or_default())),
            spec.get(colon.saturating_add(1)..).unwrap_or_default(),
        ),
        _ => (None, spec),
    };
    let (local, domain) = match spec.iter().rposition(|t| *t == Token::Special(b'@')) {
        Some(at) => (
            join_tokens(spec.get(..at).unwrap_or_default()),
            join_tokens(spec.get(at.saturating_add(1)..).unwrap_or_default()),
        ),
        None => (join_tokens(spec), Vec::new()),
    };
    let mailbox = if local.is_empty() {
        MISSING_MAILBOX.to_vec()
    } else {
        local
    };
    let host = if domain.is_empty() {
        MISSING_DOMAIN.to_vec()
    } else {
        domain
    };
    Some(Addr {
        name,
        adl,
        mailbox: Some(mailbox),
        host: Some(host),
    })
}

/// Appends the decoded text of every text part under `part` to `out`.
fn collect_text(raw: &[u8], part: &Part, out: &mut String) {
    match &part.kind {
        PartKind::Multipart(children) => children.iter().for_each(|c| collect_text(raw, c, out)),
        PartKind::Message { inner, .. } => collect_text(raw, inner, out),
        PartKind::Single if part.is_text() => {
            let body = raw.get(part.body.clone()).unwrap_or_default();
            let text = decode_text(body, &part.encoding, part.param("charset").unwrap_or(""));
            if !out.is_empty() {
                out.push('\n');
            }
            if part.subtype == "html" {
                out.push_str(&mail_parser::decoders::html::html_to_text(&text));
            } else {
                out.push_str(&text);
            }
        }
        PartKind::Single => {}
    }
}

/// Undoes a content transfer encoding; bytes that do not decode are kept as they are.
pub fn decode_transfer(body: &[u8], encoding: &str) -> Vec<u8> {
    match encoding {
        "base64" => {
            mail_parser::decoders::base64::base64_decode(body).unwrap_or_else(|| body.to_vec())
        }
        "quoted-printable" => {
            mail_parser::decoders::quoted_printable::quoted_printable_decode(body)
                .unwrap_or_else(|| body.to_vec())
        }
        _ => body.to_vec(),
    }
}

/// Decodes a text body to UTF-8: transfer encoding, then charset (unknown
/// charsets, and CJK ones which this build does not carry tables for, are
/// read as UTF-8 with replacement characters).
pub fn decode_text(body: &[u8], encoding: &str, charset: &str) -> String {
    let bytes = decode_transfer(body, encoding);
    let cs = charset.trim().to_ascii_lowercase();
    if matches!(cs.as_str(), "" | "utf-8" | "utf8" | "us-ascii" | "ascii") {
        return String::from_utf8_lossy(&bytes).into_owned();
    }
    match mail_parser::decoders::charsets::map::charset_decoder(cs.as_bytes()) {
        Some(decode) => decode(&bytes),
        None => String::from_utf8_lossy(&bytes).into_owned(),
    }
}
