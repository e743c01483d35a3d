//! nom parsers for commands and responses.

use crate::command::Command;
use crate::error::{ParseError, ParseErrorKind};
use crate::response::Response;

/// Parses one complete command: the line(s) including the final CRLF, with
/// any literals inline (`{n}\r\n` followed by the n octets).
pub fn parse_command(input: &[u8]) -> Result<Command, ParseError> {
    let _ = input;
    Err(ParseError {
        kind: ParseErrorKind::Syntax,
        offset: 0,
        expected: "a command (parser not written yet)".into(),
        found: String::new(),
        tag: None,
    })
}

/// Parses one complete server response, including the final CRLF, with
/// any literals inline.
pub fn parse_response(input: &[u8]) -> Result<Response, ParseError> {
    let _ = input;
    Err(ParseError {
        kind: ParseErrorKind::Syntax,
        offset: 0,
        expected: "a response (parser not written yet)".into(),
        found: String::new(),
        tag: None,
    })
}
