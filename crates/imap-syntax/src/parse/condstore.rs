//! The arguments CONDSTORE and QRESYNC (RFC 7162) add to commands:
//! SELECT's `(CONDSTORE)` and `(QRESYNC (...))`, FETCH's `(CHANGEDSINCE n
//! VANISHED)`, STORE's `(UNCHANGEDSINCE n)` and the SEARCH key `MODSEQ`. Kept apart so that the RFC 3501 grammar in
//! `command.rs` stays as it was, with one call per extension point.

use nom::bytes::complete::take_while1;

use super::primitive::{
    In, R, ascii, byte, fail, keyword, label, number64, nz_number, peek, quoted, sequence_set,
    sp_then,
};
use crate::command::{EntryType, Qresync, SearchKey, SelectParams};
use crate::core::is_atom_char;

/// A modseq a client may send: 0 or a 63-bit number (RFC 7162's
/// mod-sequence-valzer).
fn modseq_value(i: In<'_>) -> R<'_, u64> {
    label(i, "a modification sequence (a number such as 12)", number64)
}

/// A word of atom characters, upper-cased.
fn word<'a>(i: In<'a>, expected: &'static str) -> R<'a, String> {
    let (r, w) = label(i, expected, take_while1(is_atom_char))?;
    Ok((r, ascii(w).to_ascii_uppercase()))
}

/// The optional ` (CONDSTORE)` or ` (QRESYNC (...))` (or both) after
/// SELECT's or EXAMINE's mailbox.
pub(crate) fn select_params(i: In<'_>) -> R<'_, SelectParams> {
    const EXPECTED: &str = "CONDSTORE or QRESYNC, as in SELECT INBOX (CONDSTORE)";
    let mut params = SelectParams::default();
    let Some(r) = i.strip_prefix(b" ") else {
        return Ok((i, params));
    };
    let (mut r, _) = byte(b'(', "(CONDSTORE) or the end of the line")(r)?;
    loop {
        let (r2, name) = word(r, EXPECTED)?;
        r = match name.as_str() {
            "CONDSTORE" => {
                params.condstore = true;
                r2
            }
            "QRESYNC" => {
                let (r3, q) = qresync(r2)?;
                params.qresync = Some(Box::new(q));
                r3
            }
            _ => return fail(r, EXPECTED),
        };
        match r.split_first() {
            Some((b' ', after)) => r = after,
            _ => break,
        }
    }
    let (r, _) = byte(b')', "a ) to close the SELECT parameters")(r)?;
    Ok((r, params))
}

/// ` (uidvalidity modseq [known-uids [(seqs uids)]])` after QRESYNC.
fn qresync(i: In<'_>) -> R<'_, Qresync> {
    let (r, _) = sp_then("a space, then (uidvalidity modseq), as in QRESYNC (1 20)")(i)?;
    let (r, _) = byte(
        b'(',
        "( then the UIDVALIDITY and modseq the client remembers",
    )(r)?;
    let (r, uid_validity) = label(r, "the UIDVALIDITY the client remembers", nz_number)?;
    let (r, _) = sp_then("a space, then the HIGHESTMODSEQ the client remembers")(r)?;
    let (r, modseq) = modseq_value(r)?;
    let mut q = Qresync {
        uid_validity: uid_validity.get(),
        modseq,
        known_uids: None,
        seq_match: None,
    };
    let mut r = r;
    if let Some(after) = r.strip_prefix(b" ") {
        let (r2, known) = sequence_set(after)?;
        q.known_uids = Some(known);
        r = r2;
        if let Some(after) = r.strip_prefix(b" ") {
            let (r3, _) = byte(b'(', "(message numbers and their UIDs), as in (1:3 4,7,9)")(after)?;
            let (r3, seqs) = sequence_set(r3)?;
            let (r3, _) = sp_then("a space, then the UIDs of those messages")(r3)?;
            let (r3, uids) = sequence_set(r3)?;
            let (r3, _) = byte(b')', "a ) after the UIDs")(r3)?;
            q.seq_match = Some((seqs, uids));
            r = r3;
        }
    }
    let (r, _) = byte(b')', "a ) to close QRESYNC's values")(r)?;
    Ok((r, q))
}

/// The optional ` (CHANGEDSINCE n [VANISHED])` after FETCH's items: the
/// modseq and whether VANISHED was given.
pub(crate) fn fetch_modifiers(i: In<'_>) -> R<'_, (Option<u64>, bool)> {
    const EXPECTED: &str = "CHANGEDSINCE or VANISHED, as in FETCH 1:* (FLAGS) (CHANGEDSINCE 12)";
    let Some(r) = i.strip_prefix(b" ") else {
        return Ok((i, (None, false)));
    };
    let (mut r, _) = byte(b'(', "(CHANGEDSINCE modseq) or the end of the line")(r)?;
    let (mut changed_since, mut vanished) = (None, false);
    loop {
        let (r2, name) = word(r, EXPECTED)?;
        r = match name.as_str() {
            "CHANGEDSINCE" => {
                let (r3, _) = sp_then("a space, then a modification sequence such as 12")(r2)?;
                let (r3, n) = modseq_value(r3)?;
                changed_since = Some(n);
                r3
            }
            "VANISHED" => {
                vanished = true;
                r2
            }
            _ => return fail(r, EXPECTED),
        };
        match r.split_first() {
            Some((b' ', after)) => r = after,
            _ => break,
        }
    }
    if vanished && changed_since.is_none() {
        return fail(r, "CHANGEDSINCE modseq, which VANISHED needs");
    }
    let (r, _) = byte(b')', "a ) to close the FETCH modifiers")(r)?;
    Ok((r, (changed_since, vanished)))
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
