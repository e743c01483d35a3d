//! Server responses on the wire (RFC 3501 §7, §9), spelled as Dovecot
//! spells them.
//!
//! Choices where the model allows more than one spelling:
//! - Status text is never empty on the wire (`text = 1*TEXT-CHAR`): an empty
//!   text is written as one word per kind: OK `completed`, NO `failed`,
//!   BAD `invalid`, PREAUTH `ready`, BYE `closing`. CR, LF and NUL in text
//!   become spaces.
//! - An empty continuation, `Continue::Text("")` or `Continue::Base64([])`,
//!   is written `+ ` and CRLF, as Dovecot sends an empty SASL challenge; it
//!   reads back as `Continue::Text("")`.
//! - Message contents (`BODY[...]`, `RFC822`, `RFC822.HEADER`,
//!   `RFC822.TEXT`) are always literals, as Dovecot writes them; every other
//!   string is quoted when it can be and a literal otherwise.
//! - Empty address lists and parameter lists are `NIL`; a language list is
//!   always parenthesized; BODYSTRUCTURE writes all four extension fields
//!   (md5, disposition, language, location) when the part has extension data.
//! - `FetchValue::Body` never writes extension data, even if the structure
//!   carries some; `FetchValue::BodyStructure` writes it when present.

use super::Encode;
use super::command::{body_section, id_params};
use super::primitives::{
    astring, date_time, decimal, delimiter, flag_list, flag_perm, mailbox, nliteral, nstring,
    number, paren_list, sequence_set, spaced, string, text,
};
use crate::response::{
    Address, BodyFields, BodyStructure, Code, Continue, Data, Disposition, ESearchItem, Envelope,
    FetchValue, ListEntry, MultiPartExtension, NString, NamespaceEntry, Response,
    SinglePartExtension, SinglePartKind, StatusKind, StatusResponse,
};

impl Encode for Response {
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            Response::Status(s) => s.encode(out),
            Response::Data(d) => d.encode(out),
            Response::Continue(c) => c.encode(out),
        }
    }
}

impl Encode for StatusResponse {
    /// `tag OK [CODE] text` or `* BYE text`, with CRLF.
    fn encode(&self, out: &mut Vec<u8>) {
        match &self.tag {
            Some(tag) => out.extend_from_slice(tag.as_str().as_bytes()),
            None => out.push(b'*'),
        }
        out.push(b' ');
        let word = self.kind.name();
        let filler = match self.kind {
            StatusKind::Ok => "completed",
            StatusKind::No => "failed",
            StatusKind::Bad => "invalid",
            StatusKind::PreAuth => "ready",
            StatusKind::Bye => "closing",
        };
        out.extend_from_slice(word.as_bytes());
        out.push(b' ');
        if let Some(code) = &self.code {
            out.push(b'[');
            code.encode(out);
            out.extend_from_slice(b"] ");
        }
        text(
            out,
            if self.text.is_empty() {
                filler
            } else {
                &self.text
            },
        );
        out.extend_from_slice(b"\r\n");
    }
}

impl Encode for Code {
    /// The text between the brackets, such as `UIDVALIDITY 3857529045`.
    fn encode(&self, out: &mut Vec<u8>) {
        let word = |out: &mut Vec<u8>, w: &str| out.extend_from_slice(w.as_bytes());
        let with_number = |out: &mut Vec<u8>, w: &str, n: u32| {
            word(out, w);
            out.push(b' ');
            number(out, n);
        };
        let name = self.name();
        match self {
            Code::Alert
            | Code::Parse
            | Code::ReadOnly
            | Code::ReadWrite
            | Code::TryCreate
            | Code::UnknownCte
            | Code::UidNotSticky
            | Code::Closed
            | Code::AuthenticationFailed
            | Code::AuthorizationFailed
            | Code::PrivacyRequired
            | Code::NonExistent
            | Code::AlreadyExists
            | Code::Cannot
            | Code::Limit
            | Code::InUse
            | Code::UseAttr
            | Code::ExpungeIssued
            | Code::ClientBug
            | Code::ServerBug
            | Code::Unavailable
            | Code::NoPerm
            | Code::NoModSeq => word(out, name),
            Code::HighestModSeq(n) => {
                word(out, name);
                out.push(b' ');
                decimal(out, *n);
            }
            Code::Modified(set) => {
                word(out, name);
                out.push(b' ');
                sequence_set(out, set);
            }
            Code::BadCharset(charsets) => {
                word(out, name);
                if !charsets.is_empty() {
                    out.push(b' ');
                    paren_list(out, charsets, |out, c| astring(out, c.as_bytes()));
                }
            }
            Code::Capability(caps) => {
                word(out, name);
                for cap in caps {
                    out.push(b' ');
                    word(out, cap.as_str());
                }
            }
            Code::PermanentFlags(perms) => {
                word(out, name);
                out.push(b' ');
                paren_list(out, perms, flag_perm);
            }
            Code::UidNext(n) => with_number(out, name, *n),
            Code::UidValidity(n) => with_number(out, name, *n),
            Code::Unseen(n) => with_number(out, name, *n),
            Code::AppendUid { uid_validity, uids } => {
                with_number(out, name, *uid_validity);
                out.push(b' ');
                sequence_set(out, uids);
            }
            Code::CopyUid {
                uid_validity,
                source,
                destination,
            } => {
                with_number(out, name, *uid_validity);
                out.push(b' ');
                sequence_set(out, source);
                out.push(b' ');
                sequence_set(out, destination);
            }
            Code::Other(_, extra) => {
                word(out, name);
                if let Some(extra) = extra.as_deref().filter(|e| !e.is_empty()) {
                    out.push(b' ');
                    // `1*<any TEXT-CHAR except "]">`: a `]` would end the code.
                    out.extend(extra.bytes().map(|b| {
                        if matches!(b, b']' | b'\r' | b'\n' | 0) {
                            b' '
                        } else {
                            b
                        }
                    }));
                }
            }
        }
    }
}

impl Encode for Continue {
    /// `+ text` or `+ base64`, with CRLF.
    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"+ ");
        match self {
            Continue::Text(t) => text(out, t),
            Continue::Base64(bytes) => {
                out.extend_from_slice(crate::base64::encode(bytes).as_bytes());
            }
        }
        out.extend_from_slice(b"\r\n");
    }
}

impl Encode for Data {
    /// `* ...` with CRLF.
    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"* ");
        let atoms = |out: &mut Vec<u8>, word: &str, caps: &[crate::core::Atom]| {
            out.extend_from_slice(word.as_bytes());
            for cap in caps {
                out.push(b' ');
                out.extend_from_slice(cap.as_str().as_bytes());
            }
        };
        match self {
            Data::Capability(caps) => atoms(out, "CAPABILITY", caps),
            Data::List(entry) => {
                out.extend_from_slice(b"LIST ");
                entry.encode(out);
            }
            Data::Lsub(entry) => {
                out.extend_from_slice(b"LSUB ");
                entry.encode(out);
            }
            Data::Status { mailbox: m, items } => {
                out.extend_from_slice(b"STATUS ");
                mailbox(out, m);
                out.push(b' ');
                paren_list(out, items, |out, (item, value)| {
                    item.encode(out);
                    out.push(b' ');
                    decimal(out, *value);
                });
            }
            Data::Search(numbers) => {
                out.extend_from_slice(b"SEARCH");
                for n in numbers {
                    out.push(b' ');
                    number(out, *n);
                }
            }
            Data::ESearch { tag, uid, items } => {
                out.extend_from_slice(b"ESEARCH");
                if let Some(t) = tag {
                    out.extend_from_slice(b" (TAG ");
                    string(out, t.as_bytes());
                    out.push(b')');
                }
                if *uid {
                    out.extend_from_slice(b" UID");
                }
                for item in items {
                    let (name, n) = match item {
                        ESearchItem::Min(n) => ("MIN", *n),
                        ESearchItem::Max(n) => ("MAX", *n),
                        ESearchItem::Count(n) => ("COUNT", *n),
                        ESearchItem::All(set) => {
                            out.extend_from_slice(b" ALL ");
                            sequence_set(out, set);
                            continue;
                        }
                        ESearchItem::ModSeq(m) => {
                            out.extend_from_slice(b" MODSEQ ");
                            decimal(out, *m);
                            continue;
                        }
                        ESearchItem::Partial { first, last, set } => {
                            out.extend_from_slice(b" PARTIAL (");
                            number(out, *first);
                            out.push(b':');
                            number(out, *last);
                            out.push(b' ');
                            match set {
                                Some(set) => sequence_set(out, set),
                                None => out.extend_from_slice(b"NIL"),
                            }
                            out.push(b')');
                            continue;
                        }
                        ESearchItem::AddTo(pairs) | ESearchItem::RemoveFrom(pairs) => {
                            out.extend_from_slice(if matches!(item, ESearchItem::AddTo(_)) {
                                b" ADDTO ("
                            } else {
                                b" REMOVEFROM ("
                            });
                            for (i, (position, set)) in pairs.iter().enumerate() {
                                if i > 0 {
                                    out.push(b' ');
                                }
                                number(out, *position);
                                out.push(b' ');
                                sequence_set(out, set);
                            }
                            out.push(b')');
                            continue;
                        }
                    };
                    out.push(b' ');
                    out.extend_from_slice(name.as_bytes());
                    out.push(b' ');
                    number(out, n);
                }
            }
            Data::SearchModSeq { numbers, modseq } => {
                out.extend_from_slice(b"SEARCH");
                for n in numbers {
                    out.push(b' ');
                    number(out, *n);
                }
                out.extend_from_slice(b" (MODSEQ ");
                decimal(out, *modseq);
                out.push(b')');
            }
            Data::Sort { numbers, modseq } => {
                out.extend_from_slice(b"SORT");
                for n in numbers {
                    out.push(b' ');
                    number(out, *n);
                }
                if let Some(m) = modseq {
                    out.extend_from_slice(b" (MODSEQ ");
                    decimal(out, *m);
                    out.push(b')');
                }
            }
            Data::Flags(flags) => {
                out.extend_from_slice(b"FLAGS ");
                flag_list(out, flags);
            }
            Data::Exists(n) => {
                number(out, *n);
                out.extend_from_slice(b" EXISTS");
            }
            Data::Recent(n) => {
                number(out, *n);
                out.extend_from_slice(b" RECENT");
            }
            Data::Expunge(n) => {
                number(out, *n);
                out.extend_from_slice(b" EXPUNGE");
            }
            Data::Fetch { seq, items } => {
                number(out, *seq);
                out.extend_from_slice(b" FETCH ");
                paren_list(out, items, |out, v| v.encode(out));
            }
            Data::Enabled(caps) => atoms(out, "ENABLED", caps),
            Data::Vanished { earlier, uids } => {
                out.extend_from_slice(if *earlier {
                    b"VANISHED (EARLIER) ".as_slice()
                } else {
                    b"VANISHED "
                });
                sequence_set(out, uids);
            }
            Data::Id(params) => {
                out.extend_from_slice(b"ID ");
                id_params(out, params.as_deref());
            }
            Data::Namespace {
                personal,
                other,
                shared,
            } => {
                out.extend_from_slice(b"NAMESPACE ");
                namespaces(out, personal.as_deref());
                out.push(b' ');
                namespaces(out, other.as_deref());
                out.push(b' ');
                namespaces(out, shared.as_deref());
            }
        }
        out.extend_from_slice(b"\r\n");
    }
}

/// `NIL` or `(("prefix" "/")("other" "."))`: no spaces between entries.
fn namespaces(out: &mut Vec<u8>, entries: Option<&[NamespaceEntry]>) {
    let Some(entries) = entries else {
        out.extend_from_slice(b"NIL");
        return;
    };
    out.push(b'(');
    for e in entries {
        out.push(b'(');
        string(out, crate::utf7::encode(&e.prefix).as_bytes());
        out.push(b' ');
        delimiter(out, e.delimiter);
        out.push(b')');
    }
    out.push(b')');
}

impl Encode for ListEntry {
    /// `(attributes) delimiter name`, as in `(\Noselect) "/" foo`, then
    /// `("CHILDINFO" ("SUBSCRIBED"))` when there is child information.
    fn encode(&self, out: &mut Vec<u8>) {
        paren_list(out, &self.attributes, |out, a| {
            out.extend_from_slice(a.as_bytes())
        });
        out.push(b' ');
        delimiter(out, self.delimiter);
        out.push(b' ');
        mailbox(out, &self.mailbox);
        if !self.child_info.is_empty() {
            out.extend_from_slice(b" (\"CHILDINFO\" ");
            paren_list(out, &self.child_info, |out, o| string(out, o.as_bytes()));
            out.push(b')');
        }
    }
}

impl Encode for FetchValue {
    /// One FETCH item and its value, such as `UID 4827313`.
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            FetchValue::Flags(flags) => {
                out.extend_from_slice(b"FLAGS ");
                flag_list(out, flags);
            }
            FetchValue::InternalDate(dt) => {
                out.extend_from_slice(b"INTERNALDATE ");
                date_time(out, dt);
            }
            FetchValue::Rfc822Size(n) => {
                out.extend_from_slice(b"RFC822.SIZE ");
                number(out, *n);
            }
            FetchValue::ModSeq(n) => {
                out.extend_from_slice(b"MODSEQ (");
                decimal(out, *n);
                out.push(b')');
            }
            FetchValue::Envelope(env) => {
                out.extend_from_slice(b"ENVELOPE ");
                env.encode(out);
            }
            FetchValue::Body(body) => {
                out.extend_from_slice(b"BODY ");
                body_structure(out, body, false);
            }
            FetchValue::BodyStructure(body) => {
                out.extend_from_slice(b"BODYSTRUCTURE ");
                body_structure(out, body, true);
            }
            FetchValue::BodySection {
                section,
                origin,
                data,
            } => {
                body_section(out, false, section);
                if let Some(origin) = origin {
                    out.push(b'<');
                    number(out, *origin);
                    out.push(b'>');
                }
                out.push(b' ');
                nliteral(out, data.as_deref());
            }
            FetchValue::Uid(n) => {
                out.extend_from_slice(b"UID ");
                number(out, *n);
            }
            FetchValue::Rfc822(data) => {
                out.extend_from_slice(b"RFC822 ");
                nliteral(out, data.as_deref());
            }
            FetchValue::Rfc822Header(data) => {
                out.extend_from_slice(b"RFC822.HEADER ");
                nliteral(out, data.as_deref());
            }
            FetchValue::Rfc822Text(data) => {
                out.extend_from_slice(b"RFC822.TEXT ");
                nliteral(out, data.as_deref());
            }
            FetchValue::Binary {
                section,
                origin,
                data,
                literal8,
            } => {
                out.extend_from_slice(b"BINARY");
                super::command::binary_section(out, section);
                if let Some(origin) = origin {
                    out.push(b'<');
                    number(out, *origin);
                    out.push(b'>');
                }
                out.push(b' ');
                if *literal8 && data.is_some() {
                    out.push(b'~');
                }
                nliteral(out, data.as_deref());
            }
            FetchValue::BinarySize { section, size } => {
                out.extend_from_slice(b"BINARY.SIZE");
                super::command::binary_section(out, section);
                out.push(b' ');
                number(out, *size);
            }
        }
    }
}

impl Encode for Envelope {
    /// `(date subject from sender reply-to to cc bcc in-reply-to message-id)`.
    fn encode(&self, out: &mut Vec<u8>) {
        out.push(b'(');
        nstring(out, self.date.as_deref());
        out.push(b' ');
        nstring(out, self.subject.as_deref());
        for list in [
            &self.from,
            &self.sender,
            &self.reply_to,
            &self.to,
            &self.cc,
            &self.bcc,
        ] {
            out.push(b' ');
            addresses(out, list);
        }
        out.push(b' ');
        nstring(out, self.in_reply_to.as_deref());
        out.push(b' ');
        nstring(out, self.message_id.as_deref());
        out.push(b')');
    }
}

/// `NIL` for no addresses, else `((...)(...))` with no spaces between them.
fn addresses(out: &mut Vec<u8>, list: &[Address]) {
    if list.is_empty() {
        out.extend_from_slice(b"NIL");
        return;
    }
    out.push(b'(');
    for a in list {
        a.encode(out);
    }
    out.push(b')');
}

impl Encode for Address {
    /// `(name adl mailbox host)`.
    fn encode(&self, out: &mut Vec<u8>) {
        out.push(b'(');
        let fields = [&self.name, &self.adl, &self.mailbox, &self.host];
        spaced(out, &fields, |out, f| nstring(out, f.as_deref()));
        out.push(b')');
    }
}

impl Encode for BodyStructure {
    /// The BODYSTRUCTURE form: extension data is written where present.
    fn encode(&self, out: &mut Vec<u8>) {
        body_structure(out, self, true);
    }
}

/// `NIL` or `("name" "value" ...)`.
fn params(out: &mut Vec<u8>, params: &[(String, String)]) {
    if params.is_empty() {
        out.extend_from_slice(b"NIL");
        return;
    }
    paren_list(out, params, |out, (k, v)| {
        string(out, k.as_bytes());
        out.push(b' ');
        string(out, v.as_bytes());
    });
}

/// `NIL` or `("attachment" params)`.
fn disposition(out: &mut Vec<u8>, dsp: Option<&Disposition>) {
    let Some(dsp) = dsp else {
        out.extend_from_slice(b"NIL");
        return;
    };
    out.push(b'(');
    string(out, dsp.kind.as_bytes());
    out.push(b' ');
    params(out, &dsp.params);
    out.push(b')');
}

/// `NIL` or `("en" "fr")`.
fn languages(out: &mut Vec<u8>, langs: &[String]) {
    if langs.is_empty() {
        out.extend_from_slice(b"NIL");
    } else {
        paren_list(out, langs, |out, l| string(out, l.as_bytes()));
    }
}

/// ` disposition language location`: the extension fields a single part
/// and a multipart share, after the one that differs.
fn extension_tail(
    out: &mut Vec<u8>,
    dsp: Option<&Disposition>,
    langs: &[String],
    location: &NString,
) {
    out.push(b' ');
    disposition(out, dsp);
    out.push(b' ');
    languages(out, langs);
    out.push(b' ');
    nstring(out, location.as_deref());
}

/// `type subtype params id description encoding octets`.
fn body_fields(out: &mut Vec<u8>, f: &BodyFields) {
    string(out, f.media_type.as_bytes());
    out.push(b' ');
    string(out, f.subtype.as_bytes());
    out.push(b' ');
    params(out, &f.params);
    out.push(b' ');
    nstring(out, f.id.as_deref());
    out.push(b' ');
    nstring(out, f.description.as_deref());
    out.push(b' ');
    string(out, f.encoding.as_bytes());
    out.push(b' ');
    number(out, f.octets);
}

/// A body structure in parentheses; `extended` chooses BODYSTRUCTURE
/// (extension data where present) over BODY (never extension data).
fn body_structure(out: &mut Vec<u8>, body: &BodyStructure, extended: bool) {
    out.push(b'(');
    match body {
        BodyStructure::Single {
            fields,
            specific,
            extension,
        } => single_part(out, fields, specific, extension.as_ref(), extended),
        BodyStructure::Multi {
            parts,
            subtype,
            extension,
        } => multipart(out, parts, subtype, extension.as_ref(), extended),
    }
    out.push(b')');
}

/// The inside of a single part's parentheses.
fn single_part(
    out: &mut Vec<u8>,
    fields: &BodyFields,
    specific: &SinglePartKind,
    extension: Option<&SinglePartExtension>,
    extended: bool,
) {
    body_fields(out, fields);
    match specific {
        SinglePartKind::Basic => {}
        SinglePartKind::Text { lines } => {
            out.push(b' ');
            number(out, *lines);
        }
        SinglePartKind::Message {
            envelope,
            body,
            lines,
        } => {
            out.push(b' ');
            envelope.encode(out);
            out.push(b' ');
            body_structure(out, body, extended);
            out.push(b' ');
            number(out, *lines);
        }
    }
    if let Some(ext) = extension.filter(|_| extended) {
        out.push(b' ');
        nstring(out, ext.md5.as_deref());
        extension_tail(out, ext.disposition.as_ref(), &ext.language, &ext.location);
    }
}

/// The inside of a multipart's parentheses.
fn multipart(
    out: &mut Vec<u8>,
    parts: &[BodyStructure],
    subtype: &str,
    extension: Option<&MultiPartExtension>,
    extended: bool,
) {
    for part in parts {
        body_structure(out, part, extended);
    }
    out.push(b' ');
    string(out, subtype.as_bytes());
    if let Some(ext) = extension.filter(|_| extended) {
        out.push(b' ');
        params(out, &ext.params);
        extension_tail(out, ext.disposition.as_ref(), &ext.language, &ext.location);
    }
}
