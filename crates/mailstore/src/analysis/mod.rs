//! What a message is made of, computed once with mail-parser when the
//! message enters the store: the envelope, the MIME part tree with byte
//! ranges into the raw message, and decoded text for SEARCH.
//!
//! The part tree and its byte ranges are computed here, not taken from
//! mail-parser, because IMAP needs exact ranges (a part's header includes
//! its blank line; the line break before a boundary belongs to the
//! boundary). mail-parser does the decoding: RFC 2047 words, dates,
//! base64 and quoted-printable. Encoded words and charsets are read in
//! `words.rs`, HTML becomes text in `html.rs`.
//!
//! Everything here is total: any bytes give an [`Analysis`], never a panic.

use std::ops::Range;

mod address;
mod decode;
mod header;
mod html;
mod mime;
mod subject;
mod words;

pub use address::{address_search_text, parse_addresses};
pub use decode::{decode_header_value, decode_text, decode_transfer};
pub use header::{header_fields, unfold};
pub use subject::{base_subject, casemap};

use address::*;
use decode::*;
use header::*;
use mime::*;

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
    /// lower-cased, in order; for SEARCH SUBJECT and HEADER.
    pub headers: Vec<(String, String)>,
    /// The From, To, Cc and Bcc fields (names lower case), each in the form
    /// SEARCH FROM, TO, CC and BCC compare with ([`address_search_text`]),
    /// lower-cased, in order.
    pub addresses: Vec<(String, String)>,
    /// Every header of the message, of each MIME part and of each attached
    /// message, one `name: value` line each, values decoded and unfolded,
    /// lower-cased: with `body_text`, what SEARCH TEXT reads.
    pub header_text: String,
    /// The decoded text of every text part (transfer encoding and charset
    /// undone), lower-cased, for SEARCH BODY and TEXT.
    pub body_text: String,
    /// The base subject (RFC 5256 §2.1), casemapped: what SORT (SUBJECT)
    /// compares, worked out once as Dovecot keeps it in its cache.
    pub sort_subject: String,
}

/// The fields SEARCH FROM, TO, CC and BCC look in, lower case.
const ADDRESS_FIELDS: [&str; 4] = ["from", "to", "cc", "bcc"];

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
        let addresses = fields
            .iter()
            .filter_map(|f| {
                let name = String::from_utf8_lossy(f.name).to_ascii_lowercase();
                ADDRESS_FIELDS.contains(&name.as_str()).then(|| {
                    let addrs = parse_addresses(&unfold(f.value));
                    (name, address_search_text(&addrs).to_lowercase())
                })
            })
            .collect();
        let mut header_text = String::new();
        collect_headers(raw, &root, &mut header_text);
        let mut text = String::new();
        collect_text(raw, &root, &mut text);
        let subject = envelope
            .subject
            .as_deref()
            .map(decode_header_value)
            .unwrap_or_default();
        let sort_subject = casemap(&base_subject(&subject));
        Analysis {
            envelope,
            root,
            sent_date,
            sort_subject,
            headers,
            addresses,
            header_text: header_text.to_lowercase(),
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
