//! Header blocks: splitting fields, unfolding, and picking the fields
//! `BODY[HEADER.FIELDS (...)]` names.

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
pub(super) struct Field<'a> {
    /// The name, without the colon and trailing blanks.
    pub(super) name: &'a [u8],
    /// Everything after the colon, folded lines and final line break included.
    pub(super) value: &'a [u8],
    /// The whole field, every line with its line break.
    pub(super) whole: &'a [u8],
}

/// The lines of `bytes`, each with its line break (the last may lack one).
pub(super) fn lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    bytes.split_inclusive(|b| *b == b'\n')
}

pub(super) fn is_blank_line(line: &[u8]) -> bool {
    line == b"\n" || line == b"\r\n"
}

/// The fields of a header block (which may include its blank line).
/// Lines that are neither fields nor continuations are skipped.
pub(super) fn fields_in(header: &[u8]) -> Vec<Field<'_>> {
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

pub(super) fn is_wsp(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

pub(super) fn trim(bytes: &[u8]) -> &[u8] {
    trim_end(trim_start(bytes))
}

pub(super) fn trim_start(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !is_wsp(*b))
        .unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

pub(super) fn trim_end(bytes: &[u8]) -> &[u8] {
    let end = bytes
        .iter()
        .rposition(|b| !is_wsp(*b))
        .map_or(0, |p| p.saturating_add(1));
    bytes.get(..end).unwrap_or_default()
}

/// Where the header starting at `start` ends (after its blank line), or
/// `end` if there is no blank line (then the whole rest is header).
pub(super) fn header_end(raw: &[u8], start: usize, end: usize) -> usize {
    let mut pos = start;
    for line in lines(raw.get(start..end).unwrap_or_default()) {
        pos = pos.saturating_add(line.len());
        if is_blank_line(line) {
            return pos;
        }
    }
    end
}
