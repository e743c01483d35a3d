//! Decoding: header values (RFC 2047 words and charsets, in `words.rs`),
//! dates and transfer encodings (mail-parser), and the text that SEARCH
//! reads.

use super::*;

/// An RFC 2047-decoded header value (`words.rs`); public for displays
/// such as the page's mailbox inspector.
pub fn decode_header_value(value: &[u8]) -> String {
    super::words::decode_words(value)
}

/// The Date field as Unix seconds and zone minutes, if it parses and is valid.
pub(super) fn parse_date(value: &[u8]) -> Option<(i64, i16)> {
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

/// Appends the decoded text of every text part under `part` to `out`.
pub(super) fn collect_text(raw: &[u8], part: &Part, out: &mut String) {
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
                out.push_str(&super::html::html_to_text(&text));
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

/// Decodes a text body to UTF-8: transfer encoding, then charset (UTF-8,
/// US-ASCII and the Latin-1 family; any other charset is read as UTF-8
/// with replacement characters).
pub fn decode_text(body: &[u8], encoding: &str, charset: &str) -> String {
    let bytes = decode_transfer(body, encoding);
    let cs = charset.trim().to_ascii_lowercase();
    if matches!(cs.as_str(), "" | "utf-8" | "utf8" | "us-ascii" | "ascii") {
        return String::from_utf8_lossy(&bytes).into_owned();
    }
    super::words::charset_text(&cs, &bytes)
}

/// Appends every header field under `part` to `out`, one `name: value`
/// line each, values decoded (RFC 2047) and unfolded: the message's own
/// header, each MIME part's header and each attached message's header,
/// which SEARCH TEXT reads along with the body text, as Dovecot does.
pub(super) fn collect_headers(raw: &[u8], part: &Part, out: &mut String) {
    for field in fields_in(raw.get(part.header.clone()).unwrap_or_default()) {
        out.push_str(&String::from_utf8_lossy(field.name));
        out.push_str(": ");
        out.push_str(decode_header_value(field.value).trim());
        out.push('\n');
    }
    match &part.kind {
        PartKind::Multipart(children) => children.iter().for_each(|c| collect_headers(raw, c, out)),
        PartKind::Message { inner, .. } => collect_headers(raw, inner, out),
        PartKind::Single => {}
    }
}
