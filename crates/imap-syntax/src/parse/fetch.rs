//! FETCH items (RFC 3501 §6.4.5) and body section specifiers, shared by
//! the FETCH command and the BODY[section] response item.

use nom::bytes::complete::take_while1;

use super::primitive::{
    In, R, ascii, astring, byte, fail, label, number, nz_number, paren_list, peek, sp,
};
use crate::command::{FetchAttr, FetchItems, Section, SectionText};

/// The words used when a FETCH item is missing or unknown.
pub(crate) const FETCH_ITEM_EXPECTED: &str =
    "one of the FETCH items such as FLAGS, ENVELOPE or BODY[TEXT]";

/// A FETCH item name such as `RFC822.SIZE` or `BODY.PEEK` (letters, digits, dots).
pub(crate) fn item_name(i: In<'_>) -> R<'_, &str> {
    let (rest, n) = take_while1(|b: u8| b.is_ascii_alphanumeric() || b == b'.')(i)?;
    Ok((rest, ascii(n)))
}

/// The argument of a FETCH command: a macro, one item, or a list.
pub(crate) fn fetch_items(i: In<'_>) -> R<'_, FetchItems> {
    if peek(i) == Some(b'(') {
        let (rest, items) = paren_list(i, FETCH_ITEM_EXPECTED, fetch_attr)?;
        if items.is_empty() {
            return fail(i.get(1..).unwrap_or_default(), FETCH_ITEM_EXPECTED);
        }
        return Ok((
            rest,
            FetchItems::List {
                items,
                parenthesized: true,
            },
        ));
    }
    let (rest, name) = label(i, FETCH_ITEM_EXPECTED, item_name)?;
    let macro_item = match name.to_ascii_uppercase().as_str() {
        "ALL" => Some(FetchItems::All),
        "FAST" => Some(FetchItems::Fast),
        "FULL" => Some(FetchItems::Full),
        _ => None,
    };
    if let Some(m) = macro_item {
        return Ok((rest, m));
    }
    let (rest, attr) = fetch_attr(i)?;
    Ok((
        rest,
        FetchItems::List {
            items: vec![attr],
            parenthesized: false,
        },
    ))
}

/// One FETCH item.
pub(crate) fn fetch_attr(i: In<'_>) -> R<'_, FetchAttr> {
    let (rest, name) = label(i, FETCH_ITEM_EXPECTED, item_name)?;
    let attr = match name.to_ascii_uppercase().as_str() {
        "ENVELOPE" => FetchAttr::Envelope,
        "FLAGS" => FetchAttr::Flags,
        "INTERNALDATE" => FetchAttr::InternalDate,
        "RFC822" => FetchAttr::Rfc822,
        "RFC822.HEADER" => FetchAttr::Rfc822Header,
        "RFC822.SIZE" => FetchAttr::Rfc822Size,
        "RFC822.TEXT" => FetchAttr::Rfc822Text,
        "UID" => FetchAttr::Uid,
        "BODYSTRUCTURE" => FetchAttr::BodyStructure,
        "MODSEQ" => FetchAttr::ModSeq,
        "BODY" if peek(rest) != Some(b'[') => FetchAttr::Body,
        "BODY" | "BODY.PEEK" => {
            let peek_flag = name.len() > 4;
            let (rest, section) = section(rest)?;
            let (rest, partial) = optional_partial(rest)?;
            return Ok((
                rest,
                FetchAttr::BodySection {
                    peek: peek_flag,
                    section,
                    partial,
                },
            ));
        }
        "BINARY" | "BINARY.PEEK" => {
            let (rest, section) = binary_section(rest)?;
            let (rest, partial) = optional_partial(rest)?;
            return Ok((
                rest,
                FetchAttr::Binary {
                    peek: name.len() > 6,
                    section,
                    partial,
                },
            ));
        }
        "BINARY.SIZE" => {
            let (rest, section) = binary_section(rest)?;
            return Ok((rest, FetchAttr::BinarySize { section }));
        }
        _ => return fail(i, FETCH_ITEM_EXPECTED),
    };
    Ok((rest, attr))
}

/// RFC 3516's section-binary: `[` part numbers `]`, such as `[]` or
/// `[1.2]`; no HEADER, TEXT or MIME (those have no transfer encoding).
pub(crate) fn binary_section(i: In<'_>) -> R<'_, Vec<u32>> {
    const EXPECTED: &str = "a part number such as 1 or 2 (BINARY takes no HEADER, TEXT or MIME)";
    let (mut rest, _) = byte(b'[', "[ to start a part number, such as BINARY[1]")(i)?;
    let mut part = Vec::new();
    if peek(rest) != Some(b']') {
        loop {
            let (r, n) = label(rest, EXPECTED, nz_number)?;
            part.push(n.get());
            match r.split_first() {
                Some((b'.', after)) => rest = after,
                _ => {
                    rest = r;
                    break;
                }
            }
        }
    }
    let (rest, _) = byte(b']', "] to end the part number")(rest)?;
    Ok((rest, part))
}

/// `<origin.count>` of a partial FETCH.
fn partial(i: In<'_>) -> R<'_, (u32, u32)> {
    const EXPECTED: &str = "a partial range such as <0.1024> (first octet, then how many)";
    let (rest, _) = byte(b'<', EXPECTED)(i)?;
    let (rest, origin) = label(rest, EXPECTED, number)?;
    let (rest, _) = byte(
        b'.',
        "a . between the first octet and the count, such as <0.1024>",
    )(rest)?;
    let (rest, count) = label(rest, "the number of octets (1 or more)", nz_number)?;
    let (rest, _) = byte(b'>', "a > to close the partial range")(rest)?;
    Ok((rest, (origin, count.get())))
}

/// `<origin>` of a partial BODY[] response.
pub(crate) fn response_origin(i: In<'_>) -> R<'_, u32> {
    let (rest, _) = byte(b'<', "<origin>")(i)?;
    let (rest, origin) = number(rest)?;
    let (rest, _) = byte(b'>', "a > to close the origin")(rest)?;
    Ok((rest, origin))
}

/// The words used when a section text is missing or unknown.
const SECTION_TEXT_EXPECTED: &str =
    "a section such as HEADER, HEADER.FIELDS (FROM), HEADER.FIELDS.NOT (TO), TEXT or MIME";

/// A section specifier in brackets: `[]`, `[1.2]`, `[HEADER.FIELDS (From)]`, `[2.MIME]`.
pub(crate) fn section(i: In<'_>) -> R<'_, Section> {
    let (mut rest, _) = byte(b'[', "[ to start a body section, such as BODY[TEXT]")(i)?;
    let mut section = Section::default();
    if peek(rest).is_some_and(|b| b.is_ascii_digit()) {
        loop {
            let (r, n) = label(rest, "a part number such as 1 or 2", nz_number)?;
            section.part.push(n.get());
            rest = r;
            match r.split_first() {
                Some((b'.', after)) if peek(after).is_some_and(|b| b.is_ascii_digit()) => {
                    rest = after;
                }
                Some((b'.', after)) => {
                    let (r2, text) = section_text(after, true)?;
                    section.text = Some(text);
                    rest = r2;
                    break;
                }
                _ => break,
            }
        }
    } else if peek(rest) != Some(b']') {
        let (r, text) = section_text(rest, false)?;
        section.text = Some(text);
        rest = r;
    }
    let (rest, _) = byte(b']', "] to end the body section")(rest)?;
    Ok((rest, section))
}

/// HEADER, HEADER.FIELDS (...), HEADER.FIELDS.NOT (...), TEXT, or MIME after a part.
fn section_text(i: In<'_>, after_part: bool) -> R<'_, SectionText> {
    let (rest, word) = label(
        i,
        SECTION_TEXT_EXPECTED,
        take_while1(|b: u8| b.is_ascii_alphabetic() || b == b'.'),
    )?;
    let text = match ascii(word).to_ascii_uppercase().as_str() {
        "HEADER" => SectionText::Header,
        "TEXT" => SectionText::Text,
        "MIME" if after_part => SectionText::Mime,
        "MIME" => {
            return super::primitive::cut_found(
                i,
                "a part number before MIME, such as BODY[1.MIME]",
                "MIME without a part number",
            );
        }
        "HEADER.FIELDS" => {
            let (rest, _) = sp(rest)?;
            let (rest, names) = header_list(rest)?;
            return Ok((rest, SectionText::HeaderFields(names)));
        }
        "HEADER.FIELDS.NOT" => {
            let (rest, _) = sp(rest)?;
            let (rest, names) = header_list(rest)?;
            return Ok((rest, SectionText::HeaderFieldsNot(names)));
        }
        _ => return fail(i, SECTION_TEXT_EXPECTED),
    };
    Ok((rest, text))
}

/// `(DATE FROM SUBJECT)`: header field names as written.
fn header_list(i: In<'_>) -> R<'_, Vec<String>> {
    const EXPECTED: &str = "a list of header names such as (DATE FROM SUBJECT)";
    let (rest, names) = paren_list(i, EXPECTED, |r| {
        let (r2, s) = label(r, "a header name such as FROM", astring)?;
        Ok((r2, String::from_utf8_lossy(&s).into_owned()))
    })?;
    if names.is_empty() {
        return fail(i.get(1..).unwrap_or_default(), "a header name such as FROM");
    }
    Ok((rest, names))
}

/// An optional `<origin.count>` after a section.
fn optional_partial(i: In<'_>) -> R<'_, Option<(u32, u32)>> {
    if peek(i) == Some(b'<') {
        let (r, p) = partial(i)?;
        Ok((r, Some(p)))
    } else {
        Ok((i, None))
    }
}
