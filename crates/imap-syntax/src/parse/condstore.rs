//! The arguments CONDSTORE (RFC 7162) adds to commands: SELECT's
//! `(CONDSTORE)`, FETCH's `(CHANGEDSINCE n)`, STORE's `(UNCHANGEDSINCE n)`
//! and the SEARCH key `MODSEQ`. Kept apart so that the RFC 3501 grammar in
//! `command.rs` stays as it was, with one call per extension point.

use nom::bytes::complete::take_while1;

use super::primitive::{In, R, ascii, byte, fail, keyword, label, number64, peek, quoted, sp_then};
use crate::command::{EntryType, SearchKey, SelectParams};
use crate::core::is_atom_char;

/// A modseq a client may send: 0 or a 63-bit number (RFC 7162's
/// mod-sequence-valzer).
fn modseq_value(i: In<'_>) -> R<'_, u64> {
    label(i, "a modification sequence (a number such as 12)", number64)
}

/// The optional ` (CONDSTORE)` after SELECT's or EXAMINE's mailbox.
pub(crate) fn select_params(i: In<'_>) -> R<'_, SelectParams> {
    const EXPECTED: &str = "CONDSTORE, as in SELECT INBOX (CONDSTORE)";
    let Some(r) = i.strip_prefix(b" ") else {
        return Ok((i, SelectParams::default()));
    };
    let (r, _) = byte(b'(', "(CONDSTORE) or the end of the line")(r)?;
    let (r, _) = keyword("CONDSTORE", EXPECTED)(r)?;
    if peek(r).is_some_and(is_atom_char) {
        return fail(r, EXPECTED);
    }
    let (r, _) = byte(b')', "a ) to close the SELECT parameters")(r)?;
    Ok((r, SelectParams { condstore: true }))
}

/// The optional ` (CHANGEDSINCE n)` after FETCH's items.
pub(crate) fn fetch_modifiers(i: In<'_>) -> R<'_, Option<u64>> {
    let Some(r) = i.strip_prefix(b" ") else {
        return Ok((i, None));
    };
    let (r, _) = byte(b'(', "(CHANGEDSINCE modseq) or the end of the line")(r)?;
    let (r, _) = keyword(
        "CHANGEDSINCE",
        "CHANGEDSINCE, as in FETCH 1:* (FLAGS) (CHANGEDSINCE 12)",
    )(r)?;
    let (r, _) = sp_then("a space, then a modification sequence such as 12")(r)?;
    let (r, n) = modseq_value(r)?;
    let (r, _) = byte(b')', "a ) to close the FETCH modifiers")(r)?;
    Ok((r, Some(n)))
}

/// The optional `(UNCHANGEDSINCE n) ` between STORE's set and its flags.
pub(crate) fn store_modifiers(i: In<'_>) -> R<'_, Option<u64>> {
    if peek(i) != Some(b'(') {
        return Ok((i, None));
    }
    let (r, _) = byte(b'(', "(UNCHANGEDSINCE modseq)")(i)?;
    let (r, _) = keyword(
        "UNCHANGEDSINCE",
        "UNCHANGEDSINCE, as in STORE 1 (UNCHANGEDSINCE 12) +FLAGS (\\Seen)",
    )(r)?;
    let (r, _) = sp_then("a space, then a modification sequence such as 12")(r)?;
    let (r, n) = modseq_value(r)?;
    let (r, _) = byte(b')', "a ) to close the STORE modifiers")(r)?;
    let (r, _) = sp_then("a space, then FLAGS, +FLAGS or -FLAGS")(r)?;
    Ok((r, Some(n)))
}

/// What follows the word MODSEQ in a search: ` [entry type] n`.
pub(crate) fn search_modseq(i: In<'_>) -> R<'_, SearchKey> {
    let (r, _) = sp_then("a space, then a modification sequence such as 12")(i)?;
    if peek(r) != Some(b'"') {
        let (r, modseq) = modseq_value(r)?;
        return Ok((
            r,
            SearchKey::ModSeq {
                entry: None,
                modseq,
            },
        ));
    }
    let (r, name) = label(r, "an entry name such as \"/flags/\\\\draft\"", quoted)?;
    let (r, _) = sp_then("a space, then the entry type: priv, shared or all")(r)?;
    const TYPE_EXPECTED: &str = "an entry type: priv, shared or all";
    let (r2, word) = label(r, TYPE_EXPECTED, take_while1(is_atom_char))?;
    let kind = match ascii(word).to_ascii_lowercase().as_str() {
        "priv" => EntryType::Priv,
        "shared" => EntryType::Shared,
        "all" => EntryType::All,
        _ => return fail(r, TYPE_EXPECTED),
    };
    let (r, _) = sp_then("a space, then a modification sequence such as 12")(r2)?;
    let (r, modseq) = modseq_value(r)?;
    Ok((
        r,
        SearchKey::ModSeq {
            entry: Some((String::from_utf8_lossy(&name).into_owned(), kind)),
            modseq,
        },
    ))
}
