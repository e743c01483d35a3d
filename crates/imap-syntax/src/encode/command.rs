//! Client commands on the wire (RFC 3501 §6, §9).
//!
//! Choices where the model allows more than one spelling:
//! - STORE flags are always parenthesized, `+FLAGS (\Seen)`, which is valid
//!   for any number of flags including none.
//! - APPEND omits the flag list when it is empty.
//! - SEARCH writes the keys of a top-level [`SearchKey::And`] side by side
//!   (`SEARCH SEEN FROM x`); a nested `And` is parenthesized. An `And` of no
//!   keys would be `()`, which the grammar forbids; it is written `ALL`,
//!   which matches the same messages.
//! - FETCH items with `parenthesized: false` and not exactly one item are
//!   written in parentheses, the only valid form.

use super::Encode;
use super::primitives::{
    astring, date, date_time, decimal, flag, flag_list, list_mailbox, list_name, literal, mailbox,
    nstring, number, paren_list, quoted, sequence_set, spaced, string,
};
use crate::command::{
    Command, CommandBody, FetchAttr, FetchItems, ListExtended, ListReturn, ListSelection,
    SearchKey, SearchReturn, Section, SectionText, StatusItem, StoreMode,
};
use crate::core::{Flag, ListName, SequenceSet};

impl Encode for Command {
    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self.tag.as_str().as_bytes());
        out.push(b' ');
        self.body.encode(out);
        out.extend_from_slice(b"\r\n");
    }
}

/// Writes `[UID ]NAME`.
fn uid_prefix(out: &mut Vec<u8>, uid: bool, name: &str) {
    if uid {
        out.extend_from_slice(b"UID ");
    }
    out.extend_from_slice(name.as_bytes());
}

impl Encode for CommandBody {
    /// The command without tag and CRLF, such as `UID FETCH 1:* FLAGS`.
    fn encode(&self, out: &mut Vec<u8>) {
        use CommandBody as C;
        let name = self.name();
        match self {
            C::Capability
            | C::Noop
            | C::Logout
            | C::StartTls
            | C::Namespace
            | C::Idle
            | C::Check
            | C::Close
            | C::Unselect
            | C::Expunge => out.extend_from_slice(name.as_bytes()),
            C::Id(params) => {
                out.extend_from_slice(b"ID ");
                id_params(out, params.as_deref());
            }
            C::Enable(caps) => {
                out.extend_from_slice(b"ENABLE");
                for cap in caps {
                    out.push(b' ');
                    out.extend_from_slice(cap.as_str().as_bytes());
                }
            }
            C::Authenticate {
                mechanism,
                initial_response,
            } => {
                out.extend_from_slice(b"AUTHENTICATE ");
                out.extend_from_slice(mechanism.as_str().as_bytes());
                if let Some(ir) = initial_response {
                    out.push(b' ');
                    // Base64 text or `=`: both are atoms. Anything else is
                    // not base64, but is still written so the line is valid.
                    if ir.expose().is_empty() {
                        out.push(b'=');
                    } else {
                        astring(out, ir.expose().as_bytes());
                    }
                }
            }
            C::Login { username, password } => {
                out.extend_from_slice(b"LOGIN ");
                astring(out, username.as_bytes());
                out.push(b' ');
                astring(out, password.expose().as_bytes());
            }
            C::Create {
                mailbox: m,
                special_use,
            } => {
                out.extend_from_slice(b"CREATE ");
                mailbox(out, m);
                if let Some(uses) = special_use {
                    out.extend_from_slice(b" (USE ");
                    paren_list(out, uses, |out, u| out.extend_from_slice(u.as_bytes()));
                    out.push(b')');
                }
            }
            C::Select(m, params) | C::Examine(m, params) => {
                out.extend_from_slice(name.as_bytes());
                out.push(b' ');
                mailbox(out, m);
                select_params(out, params);
            }
            C::Delete(m) | C::Subscribe(m) | C::Unsubscribe(m) => {
                out.extend_from_slice(name.as_bytes());
                out.push(b' ');
                mailbox(out, m);
            }
            C::Rename { from, to } => {
                out.extend_from_slice(b"RENAME ");
                mailbox(out, from);
                out.push(b' ');
                mailbox(out, to);
            }
            C::List {
                reference,
                pattern,
                extended: Some(ext),
            } => list_extended(out, reference, pattern, ext),
            C::List {
                reference, pattern, ..
            }
            | C::Lsub { reference, pattern } => {
                out.extend_from_slice(name.as_bytes());
                out.push(b' ');
                astring(out, list_name(reference).as_bytes());
                out.push(b' ');
                list_mailbox(out, list_name(pattern).as_bytes());
            }
            C::Status { mailbox: m, items } => {
                out.extend_from_slice(b"STATUS ");
                mailbox(out, m);
                out.push(b' ');
                paren_list(out, items, |out, item| item.encode(out));
            }
            C::Append {
                mailbox: m,
                flags,
                date,
                message,
                more,
            } => {
                out.extend_from_slice(b"APPEND ");
                mailbox(out, m);
                append_message(out, flags, date.as_ref(), message);
                for a in more {
                    append_message(out, &a.flags, a.date.as_ref(), &a.message);
                }
            }
            C::UidExpunge(set) => {
                out.extend_from_slice(b"UID EXPUNGE ");
                sequence_set(out, set);
            }
            C::Sort {
                returns,
                criteria,
                charset,
                keys,
                uid,
            } => {
                uid_prefix(out, *uid, "SORT");
                if let Some(options) = returns {
                    out.extend_from_slice(b" RETURN ");
                    paren_list(out, options, search_return);
                }
                out.push(b' ');
                paren_list(out, criteria, |out, c| {
                    if c.reverse {
                        out.extend_from_slice(b"REVERSE ");
                    }
                    out.extend_from_slice(c.key.name().as_bytes());
                });
                out.push(b' ');
                astring(out, charset.as_bytes());
                out.push(b' ');
                search_program(out, keys);
            }
            C::CancelUpdate(tags) => {
                out.extend_from_slice(b"CANCELUPDATE");
                for t in tags {
                    out.push(b' ');
                    quoted(out, t.as_bytes());
                }
            }
            C::Search {
                returns,
                charset,
                criteria,
                uid,
            } => {
                uid_prefix(out, *uid, "SEARCH");
                if let Some(options) = returns {
                    out.extend_from_slice(b" RETURN ");
                    paren_list(out, options, search_return);
                }
                if let Some(cs) = charset {
                    out.extend_from_slice(b" CHARSET ");
                    astring(out, cs.as_bytes());
                }
                out.push(b' ');
                search_program(out, criteria);
            }
            C::Fetch {
                set,
                items,
                uid,
                changed_since,
                vanished,
            } => {
                uid_prefix(out, *uid, "FETCH");
                out.push(b' ');
                sequence_set(out, set);
                out.push(b' ');
                items.encode(out);
                if let Some(n) = changed_since {
                    out.extend_from_slice(b" (CHANGEDSINCE ");
                    decimal(out, *n);
                    if *vanished {
                        out.extend_from_slice(b" VANISHED");
                    }
                    out.push(b')');
                }
            }
            C::Store {
                set,
                mode,
                silent,
                flags,
                uid,
                unchanged_since,
            } => {
                uid_prefix(out, *uid, "STORE");
                out.push(b' ');
                sequence_set(out, set);
                out.push(b' ');
                if let Some(n) = unchanged_since {
                    out.extend_from_slice(b"(UNCHANGEDSINCE ");
                    decimal(out, *n);
                    out.extend_from_slice(b") ");
                }
                out.extend_from_slice(match mode {
                    StoreMode::Replace => b"FLAGS".as_slice(),
                    StoreMode::Add => b"+FLAGS",
                    StoreMode::Remove => b"-FLAGS",
                });
                if *silent {
                    out.extend_from_slice(b".SILENT");
                }
                out.push(b' ');
                flag_list(out, flags);
            }
            C::Copy {
                set,
                mailbox: m,
                uid,
            }
            | C::Move {
                set,
                mailbox: m,
                uid,
            } => {
                let verb = if matches!(self, C::Copy { .. }) {
                    "COPY"
                } else {
                    "MOVE"
                };
                uid_prefix(out, *uid, verb);
                out.push(b' ');
                sequence_set(out, set);
                out.push(b' ');
                mailbox(out, m);
            }
        }
    }
}

/// Writes the parameter list of ID: `NIL` or `("name" "value" ...)`.
pub(crate) fn id_params(out: &mut Vec<u8>, params: Option<&[(String, Option<String>)]>) {
    match params {
        None => out.extend_from_slice(b"NIL"),
        Some(pairs) => paren_list(out, pairs, |out, (k, v)| {
            string(out, k.as_bytes());
            out.push(b' ');
            nstring(out, v.as_deref().map(str::as_bytes));
        }),
    }
}

/// `LIST (selection) reference patterns [RETURN (options)]` (RFC 5258):
/// the selection list always (empty too, so that the command reads back as
/// extended), the patterns in parentheses when they were or when there are
/// several.
fn list_extended(out: &mut Vec<u8>, reference: &ListName, pattern: &ListName, ext: &ListExtended) {
    out.extend_from_slice(b"LIST ");
    paren_list(out, &ext.selection, |out, s| {
        out.extend_from_slice(match s {
            ListSelection::Subscribed => b"SUBSCRIBED".as_slice(),
            ListSelection::Remote => b"REMOTE",
            ListSelection::RecursiveMatch => b"RECURSIVEMATCH",
        });
    });
    out.push(b' ');
    astring(out, list_name(reference).as_bytes());
    out.push(b' ');
    if ext.patterns_parenthesized || !ext.more_patterns.is_empty() {
        out.push(b'(');
        list_mailbox(out, list_name(pattern).as_bytes());
        for p in &ext.more_patterns {
            out.push(b' ');
            list_mailbox(out, list_name(p).as_bytes());
        }
        out.push(b')');
    } else {
        list_mailbox(out, list_name(pattern).as_bytes());
    }
    if let Some(returns) = &ext.returns {
        out.extend_from_slice(b" RETURN ");
        paren_list(out, returns, |out, r| match r {
            ListReturn::Subscribed => out.extend_from_slice(b"SUBSCRIBED"),
            ListReturn::Children => out.extend_from_slice(b"CHILDREN"),
            ListReturn::SpecialUse => out.extend_from_slice(b"SPECIAL-USE"),
            ListReturn::Status(items) => {
                out.extend_from_slice(b"STATUS ");
                paren_list(out, items, |out, item| item.encode(out));
            }
        });
    }
}

/// SELECT's and EXAMINE's ` (CONDSTORE QRESYNC (...))`, or nothing.
fn select_params(out: &mut Vec<u8>, params: &crate::command::SelectParams) {
    if !params.condstore && params.qresync.is_none() {
        return;
    }
    out.extend_from_slice(b" (");
    if params.condstore {
        out.extend_from_slice(b"CONDSTORE");
        if params.qresync.is_some() {
            out.push(b' ');
        }
    }
    if let Some(q) = &params.qresync {
        out.extend_from_slice(b"QRESYNC (");
        number(out, q.uid_validity);
        out.push(b' ');
        decimal(out, q.modseq);
        if let Some(known) = &q.known_uids {
            out.push(b' ');
            sequence_set(out, known);
            if let Some((seqs, uids)) = &q.seq_match {
                out.extend_from_slice(b" (");
                sequence_set(out, seqs);
                out.push(b' ');
                sequence_set(out, uids);
                out.push(b')');
            }
        }
        out.push(b')');
    }
    out.push(b')');
}

impl Encode for StatusItem {
    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(match self {
            StatusItem::Messages => b"MESSAGES".as_slice(),
            StatusItem::Recent => b"RECENT",
            StatusItem::UidNext => b"UIDNEXT",
            StatusItem::UidValidity => b"UIDVALIDITY",
            StatusItem::Unseen => b"UNSEEN",
            StatusItem::Size => b"SIZE",
            StatusItem::HighestModSeq => b"HIGHESTMODSEQ",
        });
    }
}

impl Encode for Flag {
    fn encode(&self, out: &mut Vec<u8>) {
        flag(out, self);
    }
}

impl Encode for SequenceSet {
    fn encode(&self, out: &mut Vec<u8>) {
        sequence_set(out, self);
    }
}

impl Encode for FetchItems {
    /// `ALL`, `FAST`, `FULL`, a single item, or `(item item ...)`.
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            FetchItems::All => out.extend_from_slice(b"ALL"),
            FetchItems::Fast => out.extend_from_slice(b"FAST"),
            FetchItems::Full => out.extend_from_slice(b"FULL"),
            FetchItems::List {
                items,
                parenthesized,
            } => match items.as_slice() {
                [one] if !parenthesized => one.encode(out),
                _ => paren_list(out, items, |out, a| a.encode(out)),
            },
        }
    }
}

impl Encode for FetchAttr {
    fn encode(&self, out: &mut Vec<u8>) {
        let simple: &[u8] = match self {
            FetchAttr::Envelope => b"ENVELOPE",
            FetchAttr::Flags => b"FLAGS",
            FetchAttr::InternalDate => b"INTERNALDATE",
            FetchAttr::Rfc822 => b"RFC822",
            FetchAttr::Rfc822Header => b"RFC822.HEADER",
            FetchAttr::Rfc822Size => b"RFC822.SIZE",
            FetchAttr::Rfc822Text => b"RFC822.TEXT",
            FetchAttr::Uid => b"UID",
            FetchAttr::Body => b"BODY",
            FetchAttr::BodyStructure => b"BODYSTRUCTURE",
            FetchAttr::ModSeq => b"MODSEQ",
            FetchAttr::Binary {
                peek,
                section,
                partial,
            } => {
                out.extend_from_slice(if *peek { b"BINARY.PEEK" } else { b"BINARY" });
                binary_section(out, section);
                partial_range(out, *partial);
                return;
            }
            FetchAttr::BinarySize { section } => {
                out.extend_from_slice(b"BINARY.SIZE");
                binary_section(out, section);
                return;
            }
            FetchAttr::BodySection {
                peek,
                section,
                partial,
            } => {
                body_section(out, *peek, section);
                partial_range(out, *partial);
                return;
            }
        };
        out.extend_from_slice(simple);
    }
}

/// One message of an APPEND after a space: `[(flags)] [date] literal`,
/// a literal8 (`~{n}`, RFC 3516) when the message holds a NUL.
fn append_message(
    out: &mut Vec<u8>,
    flags: &[Flag],
    date: Option<&crate::core::DateTime>,
    message: &[u8],
) {
    if !flags.is_empty() {
        out.push(b' ');
        flag_list(out, flags);
    }
    if let Some(dt) = date {
        out.push(b' ');
        date_time(out, dt);
    }
    out.push(b' ');
    if message.contains(&0) {
        out.push(b'~');
    }
    literal(out, message);
}

/// RFC 3516's section-binary: `[1.2]`, `[]` for the whole message.
pub(crate) fn binary_section(out: &mut Vec<u8>, part: &[u32]) {
    out.push(b'[');
    for (k, n) in part.iter().enumerate() {
        if k > 0 {
            out.push(b'.');
        }
        number(out, *n);
    }
    out.push(b']');
}

/// `BODY[section]`, or `BODY.PEEK[section]` when `peek`: the name of a
/// FETCH item and of the answer's item (which never peeks).
pub(crate) fn body_section(out: &mut Vec<u8>, peek: bool, section: &Section) {
    out.extend_from_slice(if peek { b"BODY.PEEK[" } else { b"BODY[" });
    section.encode(out);
    out.push(b']');
}

impl Encode for Section {
    /// The text between the brackets: `1.2.HEADER.FIELDS (From To)`, `TEXT`,
    /// or nothing for the whole message.
    fn encode(&self, out: &mut Vec<u8>) {
        for (i, p) in self.part.iter().enumerate() {
            if i > 0 {
                out.push(b'.');
            }
            number(out, *p);
        }
        let Some(text) = &self.text else { return };
        if !self.part.is_empty() {
            out.push(b'.');
        }
        let (word, header_names) = match text {
            SectionText::Header => ("HEADER", None),
            SectionText::HeaderFields(names) => ("HEADER.FIELDS", Some(names)),
            SectionText::HeaderFieldsNot(names) => ("HEADER.FIELDS.NOT", Some(names)),
            SectionText::Text => ("TEXT", None),
            SectionText::Mime => ("MIME", None),
        };
        out.extend_from_slice(word.as_bytes());
        if let Some(names) = header_names {
            out.push(b' ');
            paren_list(out, names, |out, n| astring(out, n.as_bytes()));
        }
    }
}

impl Encode for SearchKey {
    /// One search key. A nested [`SearchKey::And`] is parenthesized.
    fn encode(&self, out: &mut Vec<u8>) {
        use SearchKey as K;
        let word = |out: &mut Vec<u8>, w: &str| out.extend_from_slice(w.as_bytes());
        let with_string = |out: &mut Vec<u8>, w: &str, s: &str| {
            word(out, w);
            out.push(b' ');
            astring(out, s.as_bytes());
        };
        let with_date = |out: &mut Vec<u8>, w: &str, d: &crate::core::Date| {
            word(out, w);
            out.push(b' ');
            date(out, d);
        };
        let with_number = |out: &mut Vec<u8>, w: &str, n: u32| {
            word(out, w);
            out.push(b' ');
            number(out, n);
        };
        match self {
            K::And(keys) if keys.is_empty() => word(out, "ALL"),
            K::And(keys) => paren_list(out, keys, |out, k| k.encode(out)),
            K::SequenceSet(set) => sequence_set(out, set),
            K::All => word(out, "ALL"),
            K::Answered => word(out, "ANSWERED"),
            K::Bcc(s) => with_string(out, "BCC", s),
            K::Before(d) => with_date(out, "BEFORE", d),
            K::Body(s) => with_string(out, "BODY", s),
            K::Cc(s) => with_string(out, "CC", s),
            K::Deleted => word(out, "DELETED"),
            K::Draft => word(out, "DRAFT"),
            K::Flagged => word(out, "FLAGGED"),
            K::From(s) => with_string(out, "FROM", s),
            K::Header(field, value) => {
                with_string(out, "HEADER", field);
                out.push(b' ');
                astring(out, value.as_bytes());
            }
            K::Keyword(a) => with_string(out, "KEYWORD", a.as_str()),
            K::Larger(n) => with_number(out, "LARGER", *n),
            K::New => word(out, "NEW"),
            K::Not(k) => {
                word(out, "NOT ");
                k.encode(out);
            }
            K::Old => word(out, "OLD"),
            K::On(d) => with_date(out, "ON", d),
            K::Or(a, b) => {
                word(out, "OR ");
                a.encode(out);
                out.push(b' ');
                b.encode(out);
            }
            K::Recent => word(out, "RECENT"),
            K::Seen => word(out, "SEEN"),
            K::SentBefore(d) => with_date(out, "SENTBEFORE", d),
            K::SentOn(d) => with_date(out, "SENTON", d),
            K::SentSince(d) => with_date(out, "SENTSINCE", d),
            K::Since(d) => with_date(out, "SINCE", d),
            K::Smaller(n) => with_number(out, "SMALLER", *n),
            K::Subject(s) => with_string(out, "SUBJECT", s),
            K::Text(s) => with_string(out, "TEXT", s),
            K::To(s) => with_string(out, "TO", s),
            K::Uid(set) => {
                word(out, "UID ");
                sequence_set(out, set);
            }
            K::Unanswered => word(out, "UNANSWERED"),
            K::Undeleted => word(out, "UNDELETED"),
            K::Undraft => word(out, "UNDRAFT"),
            K::Unflagged => word(out, "UNFLAGGED"),
            K::Unkeyword(a) => with_string(out, "UNKEYWORD", a.as_str()),
            K::Unseen => word(out, "UNSEEN"),
            K::Older(n) => with_number(out, "OLDER", *n),
            K::Younger(n) => with_number(out, "YOUNGER", *n),
            K::ModSeq { entry, modseq } => {
                word(out, "MODSEQ ");
                if let Some((name, kind)) = entry {
                    quoted(out, name.as_bytes());
                    out.push(b' ');
                    word(out, kind.name());
                    out.push(b' ');
                }
                decimal(out, *modseq);
            }
        }
    }
}

/// `<origin.count>` after a section, when a range was asked for.
fn partial_range(out: &mut Vec<u8>, partial: Option<(u32, u32)>) {
    if let Some((origin, count)) = partial {
        out.push(b'<');
        number(out, origin);
        out.push(b'.');
        number(out, count);
        out.push(b'>');
    }
}

/// One RETURN option of SEARCH or SORT, PARTIAL with its range.
fn search_return(out: &mut Vec<u8>, o: &SearchReturn) {
    out.extend_from_slice(o.name().as_bytes());
    if let SearchReturn::Partial(a, b) = o {
        out.push(b' ');
        number(out, *a);
        out.push(b':');
        number(out, *b);
    }
}

/// The keys of SEARCH or SORT: a top-level AND is written without its
/// parentheses.
fn search_program(out: &mut Vec<u8>, keys: &SearchKey) {
    match keys {
        SearchKey::And(keys) if !keys.is_empty() => {
            spaced(out, keys, |out, k| k.encode(out));
        }
        other => other.encode(out),
    }
}
