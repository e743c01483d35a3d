//! What the fuzz targets share: the documented normalisations of the
//! encoder, applied to a parsed value, so that `parse(encode(v))` can be
//! compared with `canonical(v)` exactly.
//!
//! Each rule here mirrors a rule documented in `src/encode/command.rs` or
//! `src/encode/response.rs`; nothing else may differ.

use imap_syntax::{
    Code, Command, CommandBody, Continue, Data, Encode, FetchItems, ParseError, Response,
    SearchKey, StatusKind,
};

/// The check both round-trip targets make on a parsed value: its encoding
/// parses back as `canonical(value)`, and encoding that gives the same bytes.
pub fn survives_encoding<T: Encode + PartialEq + std::fmt::Debug>(
    value: T,
    parse: fn(&[u8]) -> Result<T, ParseError>,
    canonical: fn(T) -> T,
) {
    let wire = value.to_bytes();
    let again = match parse(&wire) {
        Ok(again) => again,
        Err(e) => panic!(
            "encoder wrote what the parser refuses: {e}\nvalue: {value:?}\nwire: {:?}",
            String::from_utf8_lossy(&wire)
        ),
    };
    assert_eq!(
        again,
        canonical(value),
        "wire: {:?}",
        String::from_utf8_lossy(&wire)
    );
    assert_eq!(again.to_bytes(), wire, "encoding is not stable");
}

/// Replaces the bytes the encoder cannot put in a line of text.
fn clean_text(s: &str, also: Option<char>) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, '\r' | '\n' | '\0') || Some(c) == also {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// A search key as the encoder writes it: an `And` of nothing is `ALL`.
fn canonical_key(key: SearchKey) -> SearchKey {
    match key {
        SearchKey::And(keys) if keys.is_empty() => SearchKey::All,
        SearchKey::And(keys) => SearchKey::And(keys.into_iter().map(canonical_key).collect()),
        SearchKey::Not(k) => SearchKey::Not(Box::new(canonical_key(*k))),
        SearchKey::Or(a, b) => {
            SearchKey::Or(Box::new(canonical_key(*a)), Box::new(canonical_key(*b)))
        }
        other => other,
    }
}

/// The command as it reads back after encoding.
pub fn canonical_command(mut cmd: Command) -> Command {
    match &mut cmd.body {
        CommandBody::Search { criteria, .. } => {
            let key = canonical_key(std::mem::replace(criteria, SearchKey::All));
            // A top-level And of one key is written as that key alone.
            *criteria = match key {
                SearchKey::And(mut keys) if keys.len() == 1 => keys.remove(0),
                other => other,
            };
        }
        CommandBody::Fetch {
            items:
                FetchItems::List {
                    items,
                    parenthesized,
                },
            ..
        } => {
            if items.len() != 1 {
                *parenthesized = true;
            }
        }
        CommandBody::Authenticate {
            initial_response: Some(ir),
            ..
        } if ir.expose().is_empty() => {
            *ir = "=".into();
        }
        _ => {}
    }
    cmd
}

/// Does the response carry NUL in free text or in a hierarchy delimiter?
/// TEXT-CHAR and QUOTED-CHAR exclude NUL, so no canonical value does; the
/// parser currently accepts it there, and the encoder never writes a raw
/// NUL (it becomes a space in text, which can change how the line reads
/// back: a text beginning `[X\0 ...]` becomes a response code; a delimiter
/// becomes a literal, which the grammar does not allow there). Such inputs
/// are left out of the comparison until the parser refuses them.
pub fn text_has_nul(resp: &Response) -> bool {
    match resp {
        Response::Status(s) => {
            s.text.contains('\0')
                || matches!(&s.code, Some(Code::Other(_, Some(e))) if e.contains('\0'))
        }
        Response::Continue(Continue::Text(t)) => t.contains('\0'),
        Response::Data(Data::List(e) | Data::Lsub(e)) => e.delimiter == Some('\0'),
        Response::Data(Data::Namespace {
            personal,
            other,
            shared,
        }) => [personal, other, shared]
            .into_iter()
            .flatten()
            .flatten()
            .any(|n| n.delimiter == Some('\0')),
        _ => false,
    }
}

/// The response as it reads back after encoding.
pub fn canonical_response(resp: Response) -> Response {
    match resp {
        Response::Status(mut s) => {
            if s.text.is_empty() {
                s.text = match s.kind {
                    StatusKind::Ok => "completed",
                    StatusKind::No => "failed",
                    StatusKind::Bad => "invalid",
                    StatusKind::PreAuth => "ready",
                    StatusKind::Bye => "closing",
                }
                .to_string();
            } else {
                s.text = clean_text(&s.text, None);
            }
            // The parser gives no empty text and no trailing spaces in an
            // unknown code, so only the encoder's replacements remain.
            if let Some(Code::Other(_, Some(e))) = &mut s.code {
                *e = clean_text(e, Some(']'));
            }
            Response::Status(s)
        }
        Response::Continue(Continue::Text(t)) => {
            Response::Continue(Continue::Text(clean_text(&t, None)))
        }
        Response::Continue(Continue::Base64(b)) if b.is_empty() => {
            Response::Continue(Continue::Text(String::new()))
        }
        other => other,
    }
}
