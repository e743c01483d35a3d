//! The MIME part tree: where each part's header and body start and end,
//! multipart boundaries, and Content-Type with its parameters.

use super::*;

/// Lines of a body as BODYSTRUCTURE counts them: line breaks, as Dovecot
/// does (a last line without a break, such as a part before a boundary,
/// does not count).
pub(super) fn count_lines(body: &[u8]) -> u32 {
    let breaks = body.iter().filter(|b| **b == b'\n').count();
    u32::try_from(breaks).unwrap_or(u32::MAX)
}

/// Parses the part occupying `start..end` of `raw`.
pub(super) fn parse_part(
    raw: &[u8],
    start: usize,
    end: usize,
    in_digest: bool,
    depth: usize,
) -> Part {
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
pub(super) fn delimiter(line: &[u8], boundary: &[u8]) -> Option<bool> {
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
pub(super) fn split_multipart(
    raw: &[u8],
    start: usize,
    end: usize,
    boundary: &[u8],
) -> Vec<(usize, usize)> {
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
pub(super) fn line_break_before(raw: &[u8], floor: usize, pos: usize) -> usize {
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
pub(super) fn mime_fields(fields: &[Field<'_>], in_digest: bool) -> Part {
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
pub(super) fn split_value_params(v: &[u8]) -> (&[u8], &[u8]) {
    match v.iter().position(|b| *b == b';') {
        Some(i) => (
            v.get(..i).unwrap_or_default(),
            v.get(i..).unwrap_or_default(),
        ),
        None => (v, &[]),
    }
}

/// `type/subtype; params` → lower-case type and subtype (empty if invalid) and params.
pub(super) fn parse_content_type(v: &[u8]) -> (String, String, Vec<(String, String)>) {
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

pub(super) fn strip_comments(v: &[u8]) -> Vec<u8> {
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
pub(super) fn parse_params(v: &[u8]) -> Vec<(String, String)> {
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
