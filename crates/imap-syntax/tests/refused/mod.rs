//! The check every "this command is refused, and here is why" test makes.

use imap_syntax::parse_command;

/// Each `(line, offset, expected, found)`: the line (without CRLF) must
/// fail to parse at `offset`, the error's `expected` and `found` containing
/// the given words.
pub fn refused_where_and_why(cases: &[(&str, usize, &str, &str)]) {
    for &(line, offset, expected, found) in cases {
        let input = format!("{line}\r\n");
        let e = match parse_command(input.as_bytes()) {
            Ok(c) => panic!("{line:?} should fail, parsed {c:?}"),
            Err(e) => e,
        };
        assert_eq!(e.offset, offset, "offset of {line:?}: {e:?}");
        assert!(e.expected.contains(expected), "expected of {line:?}: {e:?}");
        assert!(e.found.contains(found), "found of {line:?}: {e:?}");
    }
}
