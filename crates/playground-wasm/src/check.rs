//! Syntax checking of one typed line, so the page can draw a caret under
//! the column where the parser stopped.

use imap_syntax::{CommandDecoder, Decoded, DecoderOptions, Progress, parse_command};
use serde::Serialize;

/// Where and why a typed line is not a valid command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineError {
    /// Zero-based column in the typed line, in UTF-16 code units (the unit
    /// of JavaScript string indices), where the parser stopped.
    pub column: u32,
    /// What the parser expected there, in a learner's words.
    pub expected: String,
    /// What it found there.
    pub found: String,
    /// The command's tag, if it could be read.
    pub tag: Option<String>,
}

/// Checks one typed line (without its line ending). `None` when the line is
/// a valid command, or a valid start of one that now waits for a literal.
pub fn check_line(line: &str) -> Option<LineError> {
    let line = line.trim_end_matches(['\r', '\n']);
    let mut wire = Vec::with_capacity(line.len().saturating_add(2));
    wire.extend_from_slice(line.as_bytes());
    wire.extend_from_slice(b"\r\n");

    // The decoder frames literals: a line that ends with `{n}` is complete
    // as far as the learner's typing goes.
    let mut decoder = CommandDecoder::new(DecoderOptions::default());
    decoder.push(&wire);
    match decoder.next() {
        Progress::LiteralAnnounced { .. } | Progress::Decoded(Decoded::Command(_)) => return None,
        Progress::Decoded(Decoded::Failed(e)) => return Some(to_line_error(line, &e)),
        Progress::Decoded(Decoded::Done | Decoded::AuthResponse(_)) | Progress::NeedMore => {}
    }
    match parse_command(&wire) {
        Ok(_) => None,
        Err(e) => Some(to_line_error(line, &e)),
    }
}

fn to_line_error(line: &str, e: &imap_syntax::ParseError) -> LineError {
    LineError {
        column: utf16_column(line, e.offset),
        expected: e.expected.clone(),
        found: e.found.clone(),
        tag: e.tag.as_ref().map(|t| t.as_str().to_owned()),
    }
}

/// The UTF-16 index of byte offset `offset` in `line`; an offset inside a
/// character points at its start, an offset past the end at the end.
pub fn utf16_column(line: &str, offset: usize) -> u32 {
    let units: usize = line
        .char_indices()
        .take_while(|(i, c)| i.saturating_add(c.len_utf8()) <= offset)
        .map(|(_, c)| c.len_utf16())
        .sum();
    u32::try_from(units).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units() {
        assert_eq!(utf16_column("a1 FOO", 3), 3);
        assert_eq!(utf16_column("a1 FOO", 99), 6);
        assert_eq!(utf16_column("é x", 3), 2);
        assert_eq!(utf16_column("😀 x", 5), 3);
        assert_eq!(utf16_column("😀 x", 2), 0);
        assert_eq!(utf16_column("", 5), 0);
    }

    #[test]
    fn valid_commands_pass() {
        assert_eq!(check_line("a1 LOGIN alice wonderland"), None);
        assert_eq!(check_line("a2 SELECT INBOX"), None);
        assert_eq!(check_line("a3 FETCH 1:5 (FLAGS ENVELOPE)"), None);
    }

    #[test]
    fn a_literal_announcement_is_not_an_error() {
        assert_eq!(check_line("a1 APPEND INBOX {5}"), None);
    }

    #[test]
    fn errors_point_at_the_problem() {
        let e = check_line("a2 FOO").expect("FOO is not a command");
        assert_eq!(e.column, 3);
        assert_eq!(e.tag.as_deref(), Some("a2"));
        assert!(!e.expected.is_empty());

        let e = check_line("a3 FETCH 1:5 (FLAGS").expect("unclosed list");
        assert!(
            e.column >= 13,
            "column {} should be inside the list",
            e.column
        );
    }
}
