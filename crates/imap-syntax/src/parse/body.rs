//! ENVELOPE and BODY/BODYSTRUCTURE values of FETCH responses
//! (RFC 3501 §7.4.2), and skipping of values the model does not keep.

use super::primitive::{
    In, MAX_DEPTH, R, byte, cut, fail, keyword, label, liberal_list, nbytes, nstring, number, peek,
    quoted, sp, spaces, string,
};
use crate::response::{
    Address, BodyFields, BodyStructure, Disposition, Envelope, MultiPartExtension, NString,
    SinglePartExtension, SinglePartKind,
};

/// A string from a server as text; NIL is accepted as empty (liberal).
fn text(i: In<'_>) -> R<'_, String> {
    let (rest, s) = label(i, "a string in double quotes", nstring)?;
    Ok((
        rest,
        s.map(|c| String::from_utf8_lossy(&c).into_owned())
            .unwrap_or_default(),
    ))
}

/// `(addr addr ...)` or NIL.
fn address_list(i: In<'_>) -> R<'_, Vec<Address>> {
    if peek(i) != Some(b'(') {
        let (rest, _) = keyword("NIL", "an address list in parentheses, or NIL")(i)?;
        return Ok((rest, Vec::new()));
    }
    liberal_list(i, "an address list", address)
}

/// One address: `(name adl mailbox host)`.
fn address(i: In<'_>) -> R<'_, Address> {
    let (r, _) = byte(
        b'(',
        "an address such as (\"Alice\" NIL \"alice\" \"example.org\")",
    )(i)?;
    let (r, name) = nbytes(r)?;
    let (r, _) = sp(r)?;
    let (r, adl) = nbytes(r)?;
    let (r, _) = sp(r)?;
    let (r, mailbox) = nbytes(r)?;
    let (r, _) = sp(r)?;
    let (r, host) = nbytes(r)?;
    let (r, _) = byte(b')', "a closing parenthesis after the address")(r)?;
    Ok((
        r,
        Address {
            name,
            adl,
            mailbox,
            host,
        },
    ))
}

/// An ENVELOPE value.
pub(crate) fn envelope(i: In<'_>) -> R<'_, Envelope> {
    let (r, _) = byte(b'(', "an envelope in parentheses")(i)?;
    let (r, date) = nbytes(r)?;
    let (r, _) = sp(r)?;
    let (r, subject) = nbytes(r)?;
    let (r, _) = sp(r)?;
    let (r, from) = address_list(r)?;
    let (r, _) = sp(r)?;
    let (r, sender) = address_list(r)?;
    let (r, _) = sp(r)?;
    let (r, reply_to) = address_list(r)?;
    let (r, _) = sp(r)?;
    let (r, to) = address_list(r)?;
    let (r, _) = sp(r)?;
    let (r, cc) = address_list(r)?;
    let (r, _) = sp(r)?;
    let (r, bcc) = address_list(r)?;
    let (r, _) = sp(r)?;
    let (r, in_reply_to) = nbytes(r)?;
    let (r, _) = sp(r)?;
    let (r, message_id) = nbytes(r)?;
    let (r, _) = byte(b')', "a closing parenthesis after the envelope")(r)?;
    Ok((
        r,
        Envelope {
            date,
            subject,
            from,
            sender,
            reply_to,
            to,
            cc,
            bcc,
            in_reply_to,
            message_id,
        },
    ))
}

/// `("name" "value" ...)` or NIL.
fn params(i: In<'_>) -> R<'_, Vec<(String, String)>> {
    if peek(i) != Some(b'(') {
        let (rest, _) = keyword("NIL", "parameters in parentheses, or NIL")(i)?;
        return Ok((rest, Vec::new()));
    }
    liberal_list(i, "parameters", |r| {
        let (r, k) = text(r)?;
        let (r, _) = sp(r)?;
        let (r, v) = text(r)?;
        Ok((r, (k, v)))
    })
}

/// A Content-Disposition: `("attachment" ("filename" "a.txt"))` or NIL.
fn disposition(i: In<'_>) -> R<'_, Option<Disposition>> {
    if peek(i) != Some(b'(') {
        let (rest, _) = keyword("NIL", "a disposition in parentheses, or NIL")(i)?;
        return Ok((rest, None));
    }
    let (r, _) = byte(b'(', "a disposition")(i)?;
    let (r, kind) = text(r)?;
    let (r, _) = sp(r)?;
    let (r, params) = params(r)?;
    let (r, _) = byte(b')', "a closing parenthesis after the disposition")(r)?;
    Ok((r, Some(Disposition { kind, params })))
}

/// Content-Language: one string, a list of strings, or NIL.
fn language(i: In<'_>) -> R<'_, Vec<String>> {
    if peek(i) == Some(b'(') {
        return liberal_list(i, "languages", text);
    }
    let (rest, s) = nstring(i)?;
    Ok((
        rest,
        s.map(|s| vec![String::from_utf8_lossy(&s).into_owned()])
            .unwrap_or_default(),
    ))
}

/// Skips one value of any shape: an atom or number, a string, a literal,
/// or a parenthesized list of values.
pub(crate) fn skip_value(i: In<'_>, depth: usize) -> R<'_, ()> {
    if depth > MAX_DEPTH {
        return cut(i, "values nested less deeply");
    }
    match peek(i) {
        Some(b'(') => {
            // The values are `()`: a vector of them never allocates.
            let (r, _) = liberal_list(i, "a list", |r| skip_value(r, depth + 1))?;
            Ok((r, ()))
        }
        Some(b'"') => quoted(i).map(|(r, _)| (r, ())),
        Some(b'{') => string(i).map(|(r, _)| (r, ())),
        _ => {
            let n = i
                .iter()
                .take_while(|&&b| !matches!(b, b' ' | b'(' | b')' | b'\r' | b'\n' | b'"'))
                .count();
            if n == 0 {
                return fail(i, "a value");
            }
            Ok((i.get(n..).unwrap_or_default(), ()))
        }
    }
}

/// Skips `*(SP body-extension)` up to the closing parenthesis.
fn skip_extensions(mut i: In<'_>, depth: usize) -> R<'_, ()> {
    while let Some(r) = i.strip_prefix(b" ") {
        let (r, _) = skip_value(r, depth + 1)?;
        i = r;
    }
    Ok((i, ()))
}

/// A BODY or BODYSTRUCTURE value, `depth` levels deep.
pub(crate) fn body(i: In<'_>, depth: usize) -> R<'_, BodyStructure> {
    if depth > MAX_DEPTH {
        return cut(i, "body parts nested less deeply");
    }
    let (r, _) = byte(b'(', "a body structure in parentheses")(i)?;
    if peek(r) == Some(b'(') {
        multipart(r, depth)
    } else {
        single_part(r, depth)
    }
}

/// The inside of a multipart body, after its `(`.
fn multipart(i: In<'_>, depth: usize) -> R<'_, BodyStructure> {
    let mut parts = Vec::new();
    let mut r = i;
    while peek(r) == Some(b'(') {
        let (r2, part) = body(r, depth + 1)?;
        parts.push(part);
        r = spaces(r2);
    }
    let (r, subtype) = label(r, "the multipart subtype such as \"MIXED\"", text)?;
    let (r, extension) = extension(r, depth, params, multi_fields)?;
    let (r, _) = byte(b')', "a closing parenthesis after the multipart body")(r)?;
    Ok((
        r,
        BodyStructure::Multi {
            parts,
            subtype,
            extension,
        },
    ))
}

/// Where [`extension`] puts what it reads: the part's own first field,
/// then the fields both kinds of extension data share.
type ExtensionFields<'e, F> = (
    &'e mut F,
    &'e mut Option<Disposition>,
    &'e mut Vec<String>,
    &'e mut NString,
);

/// Where a single part's extension data goes.
fn single_fields(e: &mut SinglePartExtension) -> ExtensionFields<'_, NString> {
    (
        &mut e.md5,
        &mut e.disposition,
        &mut e.language,
        &mut e.location,
    )
}

/// Where a multipart's extension data goes.
fn multi_fields(e: &mut MultiPartExtension) -> ExtensionFields<'_, Vec<(String, String)>> {
    (
        &mut e.params,
        &mut e.disposition,
        &mut e.language,
        &mut e.location,
    )
}

/// A part's extension data, `[SP first optional_ext]`, where `first` reads
/// the field that differs (a single part's MD5, a multipart's parameters)
/// and `fields` says where each field goes; `None` when there is none.
fn extension<'a, E: Default, F>(
    i: In<'a>,
    depth: usize,
    first: impl Fn(In<'a>) -> R<'a, F>,
    fields: fn(&mut E) -> ExtensionFields<'_, F>,
) -> R<'a, Option<E>> {
    let Some(r) = i.strip_prefix(b" ") else {
        return Ok((i, None));
    };
    let mut ext = E::default();
    let (first_out, disposition_out, language_out, location_out) = fields(&mut ext);
    let (r, f) = first(r)?;
    *first_out = f;
    let (r, _) = optional_ext(r, disposition_out, language_out, location_out, depth)?;
    Ok((r, Some(ext)))
}

/// `[SP disposition [SP language [SP location *(SP extension)]]]`.
fn optional_ext<'a>(
    i: In<'a>,
    disposition_out: &mut Option<Disposition>,
    language_out: &mut Vec<String>,
    location_out: &mut NString,
    depth: usize,
) -> R<'a, ()> {
    let Some(r) = i.strip_prefix(b" ") else {
        return Ok((i, ()));
    };
    let (r, d) = disposition(r)?;
    *disposition_out = d;
    let Some(r2) = r.strip_prefix(b" ") else {
        return Ok((r, ()));
    };
    let (r, l) = language(r2)?;
    *language_out = l;
    let Some(r2) = r.strip_prefix(b" ") else {
        return Ok((r, ()));
    };
    let (r, loc) = nbytes(r2)?;
    *location_out = loc;
    skip_extensions(r, depth)
}

/// The inside of a single-part body, after its `(`.
fn single_part(i: In<'_>, depth: usize) -> R<'_, BodyStructure> {
    let (r, media_type) = label(i, "the media type such as \"TEXT\"", text)?;
    let (r, _) = sp(r)?;
    let (r, subtype) = label(r, "the media subtype such as \"PLAIN\"", text)?;
    let (r, _) = sp(r)?;
    let (r, params) = params(r)?;
    let (r, _) = sp(r)?;
    let (r, id) = nbytes(r)?;
    let (r, _) = sp(r)?;
    let (r, description) = nbytes(r)?;
    let (r, _) = sp(r)?;
    let (r, encoding) = label(r, "the transfer encoding such as \"7BIT\"", text)?;
    let (r, _) = sp(r)?;
    let (r, octets) = label(r, "the size in octets", number)?;
    let (r, specific) = if media_type.eq_ignore_ascii_case("TEXT") {
        let (r, _) = sp(r)?;
        let (r, lines) = label(r, "the size in lines", number)?;
        (r, SinglePartKind::Text { lines })
    } else if media_type.eq_ignore_ascii_case("MESSAGE") && subtype.eq_ignore_ascii_case("RFC822") {
        let (r, _) = sp(r)?;
        let (r, env) = envelope(r)?;
        let (r, _) = sp(r)?;
        let (r, inner) = body(r, depth + 1)?;
        let (r, _) = sp(r)?;
        let (r, lines) = label(r, "the size in lines", number)?;
        (
            r,
            SinglePartKind::Message {
                envelope: Box::new(env),
                body: Box::new(inner),
                lines,
            },
        )
    } else {
        (r, SinglePartKind::Basic)
    };
    let (r, extension) = extension(r, depth, nbytes, single_fields)?;
    let (r, _) = byte(b')', "a closing parenthesis after the body part")(r)?;
    let fields = BodyFields {
        media_type,
        subtype,
        params,
        id,
        description,
        encoding,
        octets,
    };
    Ok((
        r,
        BodyStructure::Single {
            fields,
            specific,
            extension,
        },
    ))
}
