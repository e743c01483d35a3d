//! BINARY (RFC 3516): a part's content with its Content-Transfer-Encoding
//! undone, for `BINARY[part]`, `BINARY.PEEK[part]` and `BINARY.SIZE[part]`.
//!
//! As Dovecot 2.3: a leaf part gives its decoded body; a multipart, a
//! message/rfc822 part or the whole message (`BINARY[]`) gives its bytes
//! with each base64 or quoted-printable leaf inside decoded, its
//! Content-Transfer-Encoding field dropped and `Content-Transfer-Encoding:
//! binary` added at the end of its header. A part that does not exist
//! gives no octets. The value is a literal8 (`~{n}`) when something was
//! decoded or the octets hold a NUL, else a plain literal.

use imap_syntax::{FetchAttr, FetchValue};
use mailstore::analysis::decode_transfer;
use mailstore::{Message, Part, PartKind};

/// A part's Content-Transfer-Encoding is none this server can undo: the
/// FETCH fails with `[UNKNOWN-CTE]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct UnknownCte;

/// The value of a `BINARY[...]` or `BINARY.SIZE[...]` item of `m`, or
/// `None` when `attr` is another item.
pub(crate) fn value(m: &Message, attr: &FetchAttr) -> Option<Result<FetchValue, UnknownCte>> {
    let root = &m.analysis.root;
    Some(match attr {
        FetchAttr::Binary {
            section, partial, ..
        } => binary(&m.raw, root, section).map(|(bytes, literal8)| {
            let (origin, data) = match partial {
                Some((start, count)) => (
                    Some(*start),
                    super::fetch::partial_bytes(&bytes, *start, *count),
                ),
                None => (None, bytes),
            };
            FetchValue::Binary {
                section: section.clone(),
                origin,
                data: Some(data),
                literal8,
            }
        }),
        FetchAttr::BinarySize { section } => {
            binary(&m.raw, root, section).map(|(bytes, _)| FetchValue::BinarySize {
                section: section.clone(),
                size: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
            })
        }
        _ => return None,
    })
}

/// The decoded octets of the part at `path` (empty when there is no such
/// part), and whether they go in a literal8.
pub(crate) fn binary(raw: &[u8], root: &Part, path: &[u32]) -> Result<(Vec<u8>, bool), UnknownCte> {
    let Some(part) = root.find(path) else {
        return Ok((Vec::new(), false));
    };
    let mut decoded = false;
    let bytes = if path.is_empty() {
        let mut out = Vec::new();
        whole(raw, part, &mut out, &mut decoded)?;
        out
    } else {
        match &part.kind {
            PartKind::Single => leaf(raw, part, &mut decoded)?,
            PartKind::Multipart(children) => {
                let mut out = Vec::new();
                body(raw, part, children, &mut out, &mut decoded)?;
                out
            }
            PartKind::Message { inner, .. } => {
                let mut out = Vec::new();
                whole(raw, inner, &mut out, &mut decoded)?;
                out
            }
        }
    };
    let literal8 = decoded || bytes.contains(&0);
    Ok((bytes, literal8))
}

fn slice<'a>(raw: &'a [u8], range: &std::ops::Range<usize>) -> &'a [u8] {
    raw.get(range.clone()).unwrap_or_default()
}

/// Does this encoding need undoing? `Err` when it cannot be.
fn needs_decoding(part: &Part) -> Result<bool, UnknownCte> {
    match part.encoding.as_str() {
        "7bit" | "8bit" | "binary" => Ok(false),
        "base64" | "quoted-printable" => Ok(true),
        _ => Err(UnknownCte),
    }
}

/// A leaf's body, decoded.
fn leaf(raw: &[u8], part: &Part, decoded: &mut bool) -> Result<Vec<u8>, UnknownCte> {
    let body = slice(raw, &part.body);
    if needs_decoding(part)? {
        *decoded = true;
        Ok(decode_transfer(body, &part.encoding))
    } else {
        Ok(body.to_vec())
    }
}

/// Appends a part with its header: a decoded leaf gets a rewritten header.
fn whole(raw: &[u8], part: &Part, out: &mut Vec<u8>, decoded: &mut bool) -> Result<(), UnknownCte> {
    let header = slice(raw, &part.header);
    match &part.kind {
        PartKind::Single if needs_decoding(part)? => {
            binary_header(header, out);
            out.extend_from_slice(&leaf(raw, part, decoded)?);
        }
        PartKind::Single => {
            out.extend_from_slice(header);
            out.extend_from_slice(slice(raw, &part.body));
        }
        PartKind::Multipart(children) => {
            out.extend_from_slice(header);
            body(raw, part, children, out, decoded)?;
        }
        PartKind::Message { inner, .. } => {
            out.extend_from_slice(header);
            whole(raw, inner, out, decoded)?;
        }
    }
    Ok(())
}

/// Appends a multipart's body: the boundaries and the text around the
/// children as they are, each child rewritten by [`whole`].
fn body(
    raw: &[u8],
    part: &Part,
    children: &[Part],
    out: &mut Vec<u8>,
    decoded: &mut bool,
) -> Result<(), UnknownCte> {
    let mut at = part.body.start;
    for child in children {
        let start = child.header.start.max(at);
        out.extend_from_slice(raw.get(at..start).unwrap_or_default());
        whole(raw, child, out, decoded)?;
        at = child.body.end.max(start);
    }
    let end = part.body.end.max(at);
    out.extend_from_slice(raw.get(at..end).unwrap_or_default());
    Ok(())
}

/// Appends `header` (ending with its blank line) without its
/// Content-Transfer-Encoding field, with `Content-Transfer-Encoding:
/// binary` as its last field.
fn binary_header(header: &[u8], out: &mut Vec<u8>) {
    let mut skipping = false;
    for line in header.split_inclusive(|&b| b == b'\n') {
        if line == b"\r\n" || line == b"\n" {
            break;
        }
        let continued = line.first().is_some_and(|&b| b == b' ' || b == b'\t');
        if !continued {
            skipping = line
                .get(..26)
                .is_some_and(|n| n.eq_ignore_ascii_case(b"content-transfer-encoding:"));
        }
        if !skipping {
            out.extend_from_slice(line);
        }
    }
    out.extend_from_slice(b"Content-Transfer-Encoding: binary\r\n\r\n");
}

#[cfg(test)]
mod tests {
    use mailstore::analysis::Analysis;

    use super::{UnknownCte, binary};

    const MIXED: &[u8] = b"Subject: two\r\nContent-Type: multipart/mixed; boundary=YY\r\n\r\n\
        pre\r\n--YY\r\ncontent-transfer-encoding: BASE64\r\nContent-Type: text/plain\r\n\r\n\
        aGVsbG8=\r\n--YY\r\nContent-Type: message/rfc822\r\n\r\nSubject: in\r\n\
        Content-Transfer-Encoding: quoted-printable\r\n\r\nx=3Dy\r\n--YY--\r\n";

    fn of(raw: &[u8], path: &[u32]) -> Result<(String, bool), UnknownCte> {
        let a = Analysis::of(raw);
        binary(raw, &a.root, path).map(|(b, l8)| (String::from_utf8_lossy(&b).into_owned(), l8))
    }

    #[test]
    fn leaves_are_decoded_and_containers_rewritten() {
        assert_eq!(of(MIXED, &[1]), Ok(("hello".into(), true)));
        assert_eq!(of(MIXED, &[2, 1]), Ok(("x=y".into(), true)));
        assert_eq!(
            of(MIXED, &[2]),
            Ok((
                "Subject: in\r\nContent-Transfer-Encoding: binary\r\n\r\nx=y".into(),
                true
            ))
        );
        let (all, l8) = of(MIXED, &[]).unwrap();
        assert!(l8);
        assert!(all.contains(
            "--YY\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\n\r\nhello\r\n--YY\r\n"
        ));
        assert!(all.ends_with("x=y\r\n--YY--\r\n"), "{all}");
        assert_eq!(of(MIXED, &[9]), Ok((String::new(), false)));
    }

    #[test]
    fn plain_parts_are_literals_unless_they_hold_a_nul() {
        assert_eq!(
            of(b"Subject: x\r\n\r\nplain\r\n", &[1]),
            Ok(("plain\r\n".into(), false))
        );
        assert_eq!(
            of(b"Subject: x\r\n\r\na\0b\r\n", &[1]),
            Ok(("a\0b\r\n".into(), true))
        );
    }

    #[test]
    fn an_unknown_encoding_fails_wherever_it_is() {
        let raw = b"Content-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\n\
            Content-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 x\r\n--B\r\n\r\nok\r\n--B--\r\n";
        assert_eq!(of(raw, &[1]), Err(UnknownCte));
        assert_eq!(of(raw, &[]), Err(UnknownCte));
        assert_eq!(of(raw, &[2]), Ok(("ok".into(), false)));
    }
}
