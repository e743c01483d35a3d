//! Server responses (RFC 3501 §7): status responses with codes,
//! continuation requests and untagged data.

use nom::bytes::complete::take_while1;

use super::body::{body, envelope, skip_value};
use super::esearch::{esearch, numbers_and_modseq};
use super::fetch::{binary_section, response_origin, section};
use super::primitive::{
    In, R, any_number, ascii, astring, atom_value, byte, crlf, date_time, fail, flag_list,
    flag_perm, id_params, keyword, label, liberal_list, liberal_list_kept, line_text, literal8,
    mailbox_liberal, nbytes, number, paren_list, peek, quoted, sequence_set, sp, spaces, tag_text,
};
use crate::command::StatusItem;
use crate::core::{Atom, Tag, is_atom_char};
use crate::response::{
    BodyStructure, Code, Continue, Data, FetchValue, ListEntry, NamespaceEntry, Response,
    SinglePartKind, StatusKind, StatusResponse,
};

/// The words used when an untagged response is not recognised.
const UNTAGGED_EXPECTED: &str =
    "an untagged response such as OK, CAPABILITY, LIST, FLAGS, SEARCH or a number then EXISTS";

/// One response.
pub(crate) fn response(i: In<'_>) -> R<'_, Response> {
    match peek(i) {
        Some(b'+') => continuation(i),
        Some(b'*') => {
            let (r, _) = byte(b'*', "*")(i)?;
            let (r, _) = sp(r)?;
            untagged(r)
        }
        _ => {
            let (r, t) = tag_text(i)?;
            let tag = Tag::new(t).ok();
            let (r, _) = sp(r)?;
            let (r2, word) = label(r, "OK, NO or BAD after the tag", take_while1(is_atom_char))?;
            let kind = match ascii(word).to_ascii_uppercase().as_str() {
                "OK" => StatusKind::Ok,
                "NO" => StatusKind::No,
                "BAD" => StatusKind::Bad,
                _ => return fail(r, "OK, NO or BAD after the tag"),
            };
            let (r, (code, text)) = resp_text(r2)?;
            let (r, _) = crlf(r)?;
            Ok((
                r,
                Response::Status(StatusResponse {
                    tag,
                    kind,
                    code,
                    text,
                }),
            ))
        }
    }
}

/// `+ text` or `+ base64`.
///
/// The rule: the text is a SASL challenge ([`Continue::Base64`]) when it is
/// one word (no spaces), its length is a multiple of four, it is valid
/// base64 and decodes to at least one byte. Anything else, including an
/// empty `+`, is [`Continue::Text`]. So `+ idling` and `+ Ready for literal
/// data` are text, and `+ VXNlcm5hbWU6` is base64 of `Username:`.
fn continuation(i: In<'_>) -> R<'_, Response> {
    let (r, _) = byte(b'+', "+")(i)?;
    let r = r.strip_prefix(b" ").unwrap_or(r);
    let (r, text) = line_text(r)?;
    let (r, _) = crlf(r)?;
    let cont = match crate::base64::decode(&text) {
        Ok(bytes) if !bytes.is_empty() => Continue::Base64(bytes),
        _ => Continue::Text(text),
    };
    Ok((r, Response::Continue(cont)))
}

/// `[SP ["[" code "]" [SP]] text]`; liberal about a missing text.
fn resp_text(i: In<'_>) -> R<'_, (Option<Code>, String)> {
    let Some(r) = i.strip_prefix(b" ") else {
        return Ok((i, (None, String::new())));
    };
    if peek(r) == Some(b'[') {
        let after_bracket = r.get(1..).unwrap_or_default();
        // Spaces before the `]` are not part of the code (some servers
        // leave one), so `[CAPABILITY ]` is the known code, written back as
        // `[CAPABILITY]`: one value, one encoding.
        let parsed = match code(after_bracket) {
            Ok((r2, c)) if peek(spaces(r2)) == Some(b']') => {
                Some((spaces(r2).get(1..).unwrap_or_default(), c))
            }
            _ => other_code(after_bracket),
        };
        if let Some((r2, c)) = parsed {
            let r2 = r2.strip_prefix(b" ").unwrap_or(r2);
            let (r2, text) = line_text(r2)?;
            return Ok((r2, (Some(c), text)));
        }
    }
    let (r, text) = line_text(r)?;
    Ok((r, (None, text)))
}

/// Any code as [`Code::Other`]: an atom, then text up to `]`.
///
/// Canonical, so that each value has one encoding and reads back the same:
/// the name in upper case (code names are case-insensitive, as the known
/// ones are matched), the text without the spaces before `]`, and no text
/// rather than an empty one.
fn other_code(i: In<'_>) -> Option<(In<'_>, Code)> {
    let (r, a) = atom_value(i).ok()?;
    let a = Atom::new(a.as_str().to_ascii_uppercase()).ok()?;
    let (r, arg) = match r.strip_prefix(b" ") {
        Some(r2) => {
            let n = r2
                .iter()
                .take_while(|&&b| !matches!(b, b']' | b'\r' | b'\n'))
                .count();
            let t = String::from_utf8_lossy(r2.get(..n)?)
                .trim_end_matches(' ')
                .to_owned();
            (r2.get(n..)?, Some(t).filter(|t| !t.is_empty()))
        }
        None => (r, None),
    };
    let r = r.strip_prefix(b"]")?;
    Some((r, Code::Other(a, arg)))
}

/// Space-separated atoms until something that is not ` atom`.
fn atoms(mut i: In<'_>) -> R<'_, Vec<Atom>> {
    let mut out = Vec::new();
    while let Some(r) = i.strip_prefix(b" ") {
        match atom_value(r) {
            Ok((r2, a)) => {
                out.push(a);
                i = r2;
            }
            Err(_) => break,
        }
    }
    Ok((i, out))
}

/// A known response code (the text inside the brackets).
fn code(i: In<'_>) -> R<'_, Code> {
    let (r, name) = label(i, "a response code", take_while1(is_atom_char))?;
    let upper = ascii(name).to_ascii_uppercase();
    let plain = Code::PLAIN
        .iter()
        .find(|c| c.name() == upper.as_str())
        .cloned();
    if let Some(c) = plain {
        return Ok((r, c));
    }
    match upper.as_str() {
        "BADCHARSET" => match r.strip_prefix(b" ") {
            // `[BADCHARSET ]`: no list, as `[BADCHARSET]`.
            Some(r2) if peek(spaces(r2)) != Some(b']') => {
                let (r2, list) = paren_list(r2, "a list of charsets", |x| {
                    let (x2, s) = astring(x)?;
                    Ok((x2, String::from_utf8_lossy(&s).into_owned()))
                })?;
                Ok((r2, Code::BadCharset(list)))
            }
            _ => Ok((r, Code::BadCharset(Vec::new()))),
        },
        "CAPABILITY" => {
            let (r, caps) = atoms(r)?;
            Ok((r, Code::Capability(caps)))
        }
        "PERMANENTFLAGS" => {
            let (r, _) = sp(r)?;
            let (r, flags) = paren_list(r, "a flag list", flag_perm)?;
            Ok((r, Code::PermanentFlags(flags)))
        }
        "UIDNEXT" | "UIDVALIDITY" | "UNSEEN" => {
            let (r, _) = sp(r)?;
            let (r, n) = number(r)?;
            let c = match upper.as_str() {
                "UIDNEXT" => Code::UidNext(n),
                "UIDVALIDITY" => Code::UidValidity(n),
                _ => Code::Unseen(n),
            };
            Ok((r, c))
        }
        "HIGHESTMODSEQ" => {
            let (r, _) = sp(r)?;
            let (r, n) = super::primitive::number_u64(r)?;
            Ok((r, Code::HighestModSeq(n)))
        }
        "MODIFIED" => {
            let (r, _) = sp(r)?;
            let (r, set) = sequence_set(r)?;
            Ok((r, Code::Modified(set)))
        }
        "APPENDUID" => {
            let (r, _) = sp(r)?;
            let (r, uid_validity) = number(r)?;
            let (r, _) = sp(r)?;
            let (r, uids) = sequence_set(r)?;
            Ok((r, Code::AppendUid { uid_validity, uids }))
        }
        "COPYUID" => {
            let (r, _) = sp(r)?;
            let (r, uid_validity) = number(r)?;
            let (r, _) = sp(r)?;
            let (r, source) = sequence_set(r)?;
            let (r, _) = sp(r)?;
            let (r, destination) = sequence_set(r)?;
            Ok((
                r,
                Code::CopyUid {
                    uid_validity,
                    source,
                    destination,
                },
            ))
        }
        _ => fail(i, "a known response code"),
    }
}

/// Everything after `* `.
fn untagged(i: In<'_>) -> R<'_, Response> {
    if peek(i).is_some_and(|b| b.is_ascii_digit()) {
        return message_data(i);
    }
    let (r, word) = label(i, UNTAGGED_EXPECTED, take_while1(is_atom_char))?;
    let upper = ascii(word).to_ascii_uppercase();
    let status = match upper.as_str() {
        "OK" => Some(StatusKind::Ok),
        "NO" => Some(StatusKind::No),
        "BAD" => Some(StatusKind::Bad),
        "PREAUTH" => Some(StatusKind::PreAuth),
        "BYE" => Some(StatusKind::Bye),
        _ => None,
    };
    if let Some(kind) = status {
        let (r, (code, text)) = resp_text(r)?;
        let (r, _) = crlf(r)?;
        return Ok((
            r,
            Response::Status(StatusResponse {
                tag: None,
                kind,
                code,
                text,
            }),
        ));
    }
    let (r, data) = match upper.as_str() {
        "CAPABILITY" => {
            let (r, caps) = atoms(r)?;
            (r, Data::Capability(caps))
        }
        "ENABLED" => {
            let (r, caps) = atoms(r)?;
            (r, Data::Enabled(caps))
        }
        "VANISHED" => {
            let (r, _) = sp(r)?;
            let (r, earlier) = match keyword("(EARLIER) ", "")(r) {
                Ok((r2, _)) => (r2, true),
                Err(_) => (r, false),
            };
            let (r, uids) = sequence_set(r)?;
            (r, Data::Vanished { earlier, uids })
        }
        "FLAGS" => {
            let (r, _) = sp(r)?;
            let (r, flags) = flag_list(r)?;
            (r, Data::Flags(flags))
        }
        "LIST" | "LSUB" => {
            let (r, _) = sp(r)?;
            let (r, entry) = list_entry(r)?;
            (
                r,
                if upper == "LIST" {
                    Data::List(entry)
                } else {
                    Data::Lsub(entry)
                },
            )
        }
        "SEARCH" => {
            let (r, (nums, modseq)) = numbers_and_modseq(r)?;
            match modseq {
                Some(modseq) => (
                    r,
                    Data::SearchModSeq {
                        numbers: nums,
                        modseq,
                    },
                ),
                None => (r, Data::Search(nums)),
            }
        }
        "SORT" => {
            let (r, (numbers, modseq)) = numbers_and_modseq(r)?;
            (r, Data::Sort { numbers, modseq })
        }
        "ESEARCH" => esearch(r)?,
        "STATUS" => status_data(r)?,
        "ID" => {
            let (r, _) = sp(r)?;
            let (r, params) = id_params(r)?;
            (r, Data::Id(params))
        }
        "NAMESPACE" => {
            let (r, _) = sp(r)?;
            let (r, personal) = namespace(r)?;
            let (r, _) = sp(r)?;
            let (r, other) = namespace(r)?;
            let (r, _) = sp(r)?;
            let (r, shared) = namespace(r)?;
            (
                r,
                Data::Namespace {
                    personal,
                    other,
                    shared,
                },
            )
        }
        _ => return fail(i, UNTAGGED_EXPECTED),
    };
    let (r, _) = crlf(spaces(r))?;
    Ok((r, Response::Data(data)))
}

/// `(attrs) delimiter name` of LIST and LSUB.
fn list_entry(i: In<'_>) -> R<'_, ListEntry> {
    let (r, attributes) = paren_list(i, "mailbox attributes such as (\\HasNoChildren)", |x| {
        let (x2, f) = match x.strip_prefix(b"\\") {
            Some(x1) => {
                let (x2, a) = take_while1(is_atom_char)(x1)?;
                (x2, format!("\\{}", ascii(a)))
            }
            None => {
                let (x2, a) = take_while1(is_atom_char)(x)?;
                (x2, ascii(a).to_string())
            }
        };
        Ok((x2, f))
    })?;
    let (r, _) = sp(r)?;
    let (r, delimiter) = delimiter(r)?;
    let (r, _) = sp(r)?;
    let (mut r, mailbox) = mailbox_liberal(r)?;
    // LIST-EXTENDED data: CHILDINFO kept, anything else skipped.
    let mut child_info = Vec::new();
    while let Some(r2) = r.strip_prefix(b" ") {
        let mut found = Vec::new();
        r = match extended_items(r2, &mut found) {
            Ok((r3, ())) => {
                child_info.append(&mut found);
                r3
            }
            Err(_) => skip_value(r2, 0)?.0,
        };
    }
    Ok((
        r,
        ListEntry {
            attributes,
            delimiter,
            mailbox,
            child_info,
        },
    ))
}

/// `(tag value ...)` after a LIST name (RFC 5258 `mbox-list-extended`):
/// the options of CHILDINFO go to `child_info`, other items are skipped.
fn extended_items<'a>(i: In<'a>, child_info: &mut Vec<String>) -> R<'a, ()> {
    let (mut r, _) = byte(b'(', "LIST extended data in parentheses")(i)?;
    loop {
        if let Some(r2) = r.strip_prefix(b")") {
            return Ok((r2, ()));
        }
        let (r2, tag) = super::primitive::astring_text(r)?;
        let (r2, _) = sp(r2)?;
        r = if tag.eq_ignore_ascii_case("CHILDINFO") {
            let (r3, options) = paren_list(r2, "CHILDINFO options in parentheses", |x| {
                super::primitive::astring_text(x)
            })?;
            child_info.extend(options);
            r3
        } else {
            skip_value(r2, 0)?.0
        };
        r = r.strip_prefix(b" ").unwrap_or(r);
    }
}

/// A hierarchy delimiter: one quoted character, or NIL.
fn delimiter(i: In<'_>) -> R<'_, Option<char>> {
    if peek(i) == Some(b'"') {
        let (r, q) = quoted(i)?;
        let s = String::from_utf8_lossy(&q).into_owned();
        let mut chars = s.chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None) => Ok((r, Some(c))),
            _ => fail(
                i,
                "a one-character hierarchy delimiter such as \"/\", or NIL",
            ),
        };
    }
    let (r, _) = keyword("NIL", "a hierarchy delimiter such as \"/\", or NIL")(i)?;
    Ok((r, None))
}

/// `mailbox (item value ...)` of STATUS.
fn status_data(i: In<'_>) -> R<'_, Data> {
    let (r, _) = sp(i)?;
    let (r, mailbox) = mailbox_liberal(r)?;
    let (r, _) = sp(r)?;
    let r = r.strip_prefix(b" ").unwrap_or(r);
    let (r, items) = liberal_list_kept(
        r,
        "a list of STATUS items and values such as (MESSAGES 3)",
        status_value,
    )?;
    Ok((r, Data::Status { mailbox, items }))
}

/// One STATUS item and its value; `None` for items the model does not keep.
fn status_value(i: In<'_>) -> R<'_, Option<(StatusItem, u64)>> {
    let (r, name) = label(
        i,
        "a STATUS item such as MESSAGES",
        take_while1(is_atom_char),
    )?;
    let (r, _) = sp(r)?;
    let item = match ascii(name).to_ascii_uppercase().as_str() {
        "MESSAGES" => StatusItem::Messages,
        "RECENT" => StatusItem::Recent,
        "UIDNEXT" => StatusItem::UidNext,
        "UIDVALIDITY" => StatusItem::UidValidity,
        "UNSEEN" => StatusItem::Unseen,
        "SIZE" => {
            let (r, n) = super::primitive::number64(r)?;
            return Ok((r, Some((StatusItem::Size, n))));
        }
        "HIGHESTMODSEQ" => {
            let (r, n) = super::primitive::number_u64(r)?;
            return Ok((r, Some((StatusItem::HighestModSeq, n))));
        }
        _ => return Ok((any_number(r)?.0, None)),
    };
    let (r, n) = number(r)?;
    Ok((r, Some((item, u64::from(n)))))
}

/// A namespace list, or NIL.
fn namespace(i: In<'_>) -> R<'_, Option<Vec<NamespaceEntry>>> {
    if peek(i) != Some(b'(') {
        let (r, _) = keyword("NIL", "a namespace list in parentheses, or NIL")(i)?;
        return Ok((r, None));
    }
    let (r, entries) = liberal_list(i, "a namespace list", namespace_entry)?;
    Ok((r, Some(entries)))
}

/// One namespace, `("prefix" "delimiter")`, its extensions skipped.
fn namespace_entry(i: In<'_>) -> R<'_, NamespaceEntry> {
    let (r, _) = byte(b'(', "a namespace such as (\"\" \"/\")")(i)?;
    let (r, prefix) = super::primitive::string(r)?;
    let prefix = String::from_utf8_lossy(&prefix).into_owned();
    // A prefix is the start of mailbox names: modified UTF-7 when valid.
    let prefix = crate::utf7::decode(&prefix).unwrap_or(prefix);
    let (r, _) = sp(r)?;
    let (mut r, delimiter) = delimiter(r)?;
    while let Some(r2) = r.strip_prefix(b" ") {
        r = skip_value(r2, 0)?.0;
    }
    let (r, _) = byte(b')', "a closing parenthesis after the namespace")(r)?;
    Ok((r, NamespaceEntry { prefix, delimiter }))
}

/// `n EXISTS`, `n RECENT`, `n EXPUNGE`, `n FETCH (...)`.
fn message_data(i: In<'_>) -> R<'_, Response> {
    let (r, n) = number(i)?;
    let (r, _) = sp(r)?;
    let (r2, word) = label(
        r,
        "EXISTS, RECENT, EXPUNGE or FETCH",
        take_while1(is_atom_char),
    )?;
    let data = match ascii(word).to_ascii_uppercase().as_str() {
        "EXISTS" => (r2, Data::Exists(n)),
        "RECENT" => (r2, Data::Recent(n)),
        "EXPUNGE" => (r2, Data::Expunge(n)),
        "FETCH" => {
            let (r3, _) = sp(r2)?;
            let (r3, items) = fetch_values(r3)?;
            (r3, Data::Fetch { seq: n, items })
        }
        _ => return fail(r, "EXISTS, RECENT, EXPUNGE or FETCH"),
    };
    let (r, data) = data;
    let (r, _) = crlf(spaces(r))?;
    Ok((r, Response::Data(data)))
}

/// The parenthesized FETCH items; unknown items are skipped.
fn fetch_values(i: In<'_>) -> R<'_, Vec<FetchValue>> {
    liberal_list_kept(i, "FETCH data in parentheses", fetch_value)
}

/// One FETCH item and value; `None` for items the model does not keep.
fn fetch_value(i: In<'_>) -> R<'_, Option<FetchValue>> {
    let (r, name) = label(
        i,
        "a FETCH item such as FLAGS or UID",
        take_while1(|b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_')),
    )?;
    let upper = ascii(name).to_ascii_uppercase();
    let v = match upper.as_str() {
        "FLAGS" => {
            let (r, _) = sp(r)?;
            let (r, flags) = flag_list(r)?;
            (r, FetchValue::Flags(flags))
        }
        "ENVELOPE" => {
            let (r, _) = sp(r)?;
            let (r, e) = envelope(r)?;
            (r, FetchValue::Envelope(Box::new(e)))
        }
        "INTERNALDATE" => {
            let (r, _) = sp(r)?;
            let (r, d) = date_time(r)?;
            (r, FetchValue::InternalDate(d))
        }
        "RFC822" | "RFC822.HEADER" | "RFC822.TEXT" => {
            let (r, _) = sp(r)?;
            let (r, s) = nbytes(r)?;
            let v = match upper.as_str() {
                "RFC822" => FetchValue::Rfc822(s),
                "RFC822.HEADER" => FetchValue::Rfc822Header(s),
                _ => FetchValue::Rfc822Text(s),
            };
            (r, v)
        }
        "RFC822.SIZE" => {
            let (r, _) = sp(r)?;
            let (r, n) = number(r)?;
            (r, FetchValue::Rfc822Size(n))
        }
        "UID" => {
            let (r, _) = sp(r)?;
            let (r, n) = number(r)?;
            (r, FetchValue::Uid(n))
        }
        "MODSEQ" => {
            let (r, _) = sp(r)?;
            let (r, _) = byte(b'(', "( before the modseq, as in MODSEQ (12)")(r)?;
            let (r, n) = super::primitive::number_u64(r)?;
            let (r, _) = byte(b')', "a ) after the modseq")(r)?;
            (r, FetchValue::ModSeq(n))
        }
        "BODY" if peek(r) == Some(b'[') => {
            let (r, sec) = section(r)?;
            let (r, origin) = optional_origin(r)?;
            let (r, _) = sp(r)?;
            let (r, data) = nbytes(r)?;
            (
                r,
                FetchValue::BodySection {
                    section: sec,
                    origin,
                    data,
                },
            )
        }
        "BINARY" if peek(r) == Some(b'[') => {
            let (r, sec) = binary_section(r)?;
            let (r, origin) = optional_origin(r)?;
            let (r, _) = sp(r)?;
            let is8 = peek(r) == Some(b'~');
            let (r, data) = if is8 {
                let (r, d) = literal8(r)?;
                (r, Some(d.to_vec()))
            } else {
                nbytes(r)?
            };
            (
                r,
                FetchValue::Binary {
                    section: sec,
                    origin,
                    data,
                    literal8: is8,
                },
            )
        }
        "BINARY.SIZE" if peek(r) == Some(b'[') => {
            let (r, sec) = binary_section(r)?;
            let (r, _) = sp(r)?;
            let (r, size) = number(r)?;
            (r, FetchValue::BinarySize { section: sec, size })
        }
        "BODY" | "BODYSTRUCTURE" => {
            let (r, _) = sp(r)?;
            let (r, b) = body(r, 0)?;
            let v = if upper == "BODY" {
                // BODY is the non-extensible form: extension data a server
                // adds anyway is read and dropped, so the value encodes back
                // to what it means (the encoder never writes it for BODY).
                FetchValue::Body(Box::new(without_extensions(b)))
            } else {
                FetchValue::BodyStructure(Box::new(b))
            };
            (r, v)
        }
        _ => {
            // An item this model does not keep (X-GM-LABELS, BINARY[...]).
            let mut r = r;
            if peek(r) == Some(b'[') {
                let n = r.iter().position(|&b| b == b']').map_or(r.len(), |p| p + 1);
                r = r.get(n..).unwrap_or_default();
                if peek(r) == Some(b'<') {
                    let n = r.iter().position(|&b| b == b'>').map_or(r.len(), |p| p + 1);
                    r = r.get(n..).unwrap_or_default();
                }
            }
            let (r, _) = sp(r)?;
            let (r, _) = skip_value(r, 0)?;
            return Ok((r, None));
        }
    };
    Ok((v.0, Some(v.1)))
}

/// `body` with the extension data of every part removed, at every depth.
fn without_extensions(body: BodyStructure) -> BodyStructure {
    match body {
        BodyStructure::Single {
            fields,
            specific,
            extension: _,
        } => BodyStructure::Single {
            fields,
            specific: match specific {
                SinglePartKind::Message {
                    envelope,
                    body,
                    lines,
                } => SinglePartKind::Message {
                    envelope,
                    body: Box::new(without_extensions(*body)),
                    lines,
                },
                other => other,
            },
            extension: None,
        },
        BodyStructure::Multi {
            parts,
            subtype,
            extension: _,
        } => BodyStructure::Multi {
            parts: parts.into_iter().map(without_extensions).collect(),
            subtype,
            extension: None,
        },
    }
}

/// An optional `<origin>` after a section in a FETCH response.
fn optional_origin(i: In<'_>) -> R<'_, Option<u32>> {
    if peek(i) == Some(b'<') {
        let (r, o) = response_origin(i)?;
        Ok((r, Some(o)))
    } else {
        Ok((i, None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_rule() {
        let cont = |line: &[u8]| match continuation(line) {
            Ok((_, Response::Continue(c))) => c,
            other => panic!("{other:?}"),
        };
        let text = |t: &str| Continue::Text(t.to_owned());
        assert_eq!(
            cont(b"+ VXNlcm5hbWU6\r\n"),
            Continue::Base64(b"Username:".to_vec())
        );
        assert_eq!(cont(b"+ YQ==\r\n"), Continue::Base64(b"a".to_vec()));
        assert_eq!(cont(b"+ idling\r\n"), text("idling"));
        assert_eq!(cont(b"+ YR==\r\n"), text("YR=="));
        assert_eq!(cont(b"+ \r\n"), text(""));
        assert_eq!(cont(b"+ Zg==Zg==\r\n"), text("Zg==Zg=="));
    }
}
