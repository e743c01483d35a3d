//! nom parsers for commands and responses.
//!
//! Both entry points take one complete unit (a command or a response,
//! with its final CRLF and any literals inline) and return the model value
//! or a [`ParseError`] that points at the first byte that is wrong.
//!
//! # How errors are found
//! The grammar is parsed by committed recursive descent on nom: one byte of
//! look-ahead picks the branch, so the first byte that cannot continue the
//! command is the place of the error. The custom nom error type records
//! that place (as the number of bytes left) and the expectation in a
//! learner's words; when nom's `alt` has to choose between two failures,
//! the one further into the input wins.
//!
//! # Liberal where harmless
//! A bare LF ends a line as well as CRLF. Keywords are case-insensitive.
//! Responses accept what real servers send: `* OK` with no text, unknown
//! response codes, unknown FETCH items and body extensions (skipped), and
//! spaces between the parts of a multipart body structure.

mod body;
mod command;
mod condstore;
mod esearch;
mod fetch;
mod list;
mod primitive;
mod response;
mod search;
mod sort;

use crate::command::Command;
use crate::core::Tag;
use crate::error::{ParseError, ParseErrorKind};
use crate::kind::CommandKind;
use crate::response::Response;

use primitive::PErr;

/// Parses one complete command: the line(s) including the final CRLF, with
/// any literals inline (`{n}\r\n` followed by the n octets).
pub fn parse_command(input: &[u8]) -> Result<Command, ParseError> {
    let (rest, tag_text) = match command::tag_then_space(input) {
        Ok(ok) => ok,
        Err(e) => return Err(to_error(input, e, None)),
    };
    let tag = Tag::new(tag_text).ok();
    match command::command_body(rest) {
        Ok((after, body)) => {
            if !after.is_empty() {
                let e = PErr::at(after, "nothing after the end of the line");
                return Err(to_error(input, nom::Err::Error(e), tag));
            }
            match tag {
                Some(tag) => Ok(Command { tag, body }),
                None => Err(to_error(
                    input,
                    nom::Err::Error(PErr::at(input, "a tag")),
                    None,
                )),
            }
        }
        Err(e) => {
            let mut err = to_error(input, e, tag.clone());
            if err.kind == ParseErrorKind::UnknownCommand
                && CommandKind::ALL
                    .iter()
                    .filter_map(|k| k.name().split(' ').next())
                    .any(|n| n.eq_ignore_ascii_case(tag_text))
            {
                err.expected = format!(
                    "a command after the tag; the line seems to start with the command {} \
                     instead of a tag: write a tag first, such as a001 {}",
                    tag_text.to_ascii_uppercase(),
                    tag_text.to_ascii_uppercase(),
                );
            }
            Err(err)
        }
    }
}

/// Parses one complete server response, including the final CRLF, with
/// any literals inline.
pub fn parse_response(input: &[u8]) -> Result<Response, ParseError> {
    match response::response(input) {
        Ok(([], r)) => Ok(r),
        Ok((after, _)) => {
            let e = PErr::at(after, "nothing after the end of the line");
            Err(to_error(input, nom::Err::Error(e), read_tag(input)))
        }
        Err(e) => Err(to_error(input, e, read_tag(input))),
    }
}

/// The tag at the start of a command, when it can be read (for errors
/// the decoder reports before the command is parsed).
pub(crate) fn read_tag(input: &[u8]) -> Option<Tag> {
    let (_, t) = command::tag_then_space(input).ok()?;
    Tag::new(t).ok()
}

/// Turns a nom failure into a [`ParseError`] with an offset into `input`.
fn to_error(input: &[u8], e: nom::Err<PErr>, tag: Option<Tag>) -> ParseError {
    let e = match e {
        nom::Err::Error(e) | nom::Err::Failure(e) => e,
        nom::Err::Incomplete(_) => PErr::at(&[], "more input"),
    };
    let offset = input.len().saturating_sub(e.remaining);
    let found = match e.found {
        Some(f) => f.to_string(),
        None => describe(input.get(offset..).unwrap_or_default()),
    };
    ParseError {
        kind: e.kind,
        offset,
        expected: e.expected.to_string(),
        found,
        tag,
    }
}

/// Describes the bytes at an error position for a learner: a quoted token
/// such as `"FOO"`, or "the end of the line", or "a space".
pub(crate) fn describe(at: &[u8]) -> String {
    match at.first() {
        None | Some(b'\r' | b'\n') => "the end of the line".to_string(),
        Some(b' ') => "a space".to_string(),
        Some(b'"') => "'\"'".to_string(),
        Some(&c @ (b'(' | b')' | b'[' | b']' | b'<' | b'>' | b'{' | b'}' | b',' | b':')) => {
            format!("\"{}\"", char::from(c))
        }
        Some(_) => {
            let end = at
                .iter()
                .position(|&b| matches!(b, b' ' | b'\r' | b'\n' | b'(' | b')' | b'[' | b']'))
                .unwrap_or(at.len())
                .min(40);
            let token = String::from_utf8_lossy(at.get(..end).unwrap_or_default());
            format!("{token:?}")
        }
    }
}
