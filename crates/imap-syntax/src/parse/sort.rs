//! `[UID] SORT [RETURN (options)] (criteria) charset keys` (RFC 5256, with
//! SORT=DISPLAY's keys, RFC 5957, and ESORT's RETURN, RFC 5267).

use nom::bytes::complete::take_while1;

use super::command::search_returns;
use super::primitive::{In, R, ascii, astring_text, byte, cut, label, sp_then};
use super::search::search_keys;
use crate::command::{CommandBody, SortCriterion, SortKey};
use crate::core::is_atom_char;

/// The words used when a sort criterion is missing or unknown.
const CRITERION_EXPECTED: &str = "a sort criterion: ARRIVAL, CC, DATE, FROM, SIZE, SUBJECT, TO, \
     DISPLAYFROM or DISPLAYTO, each after REVERSE if descending";

/// One criterion, with its REVERSE.
fn criterion(i: In<'_>) -> R<'_, SortCriterion> {
    let (r, word) = label(i, CRITERION_EXPECTED, take_while1(is_atom_char))?;
    let (at, r, word, reverse) = if ascii(word).eq_ignore_ascii_case("REVERSE") {
        let (r2, _) = sp_then("a space, then the criterion REVERSE turns round, such as DATE")(r)?;
        let (r3, word) = label(r2, CRITERION_EXPECTED, take_while1(is_atom_char))?;
        (r2, r3, word, true)
    } else {
        (i, r, word, false)
    };
    let upper = ascii(word).to_ascii_uppercase();
    match SortKey::EVERY.iter().find(|k| k.name() == upper) {
        Some(key) => Ok((r, SortCriterion { reverse, key: *key })),
        None => cut(at, CRITERION_EXPECTED),
    }
}

/// What follows `SORT`.
pub(crate) fn sort(i: In<'_>, uid: bool) -> R<'_, CommandBody> {
    const THEN: &str = "a space, then the sort criteria in parentheses, such as (REVERSE DATE)";
    let (r, _) = sp_then(THEN)(i)?;
    let (r, returns) = search_returns(r, THEN)?;
    let (mut r, _) = label(
        r,
        "the sort criteria in parentheses, such as (REVERSE DATE)",
        byte(b'(', "("),
    )?;
    let mut criteria = Vec::new();
    loop {
        let (r2, c) = criterion(r)?;
        criteria.push(c);
        match r2.strip_prefix(b" ") {
            Some(r3) => r = r3,
            None => {
                let (r2, _) = byte(b')', "a space and another criterion, or )")(r2)?;
                r = r2;
                break;
            }
        }
    }
    let (r, _) = sp_then("a space, then the charset of the search, such as UTF-8")(r)?;
    let (r, charset) = label(r, "the charset of the search, such as UTF-8", astring_text)?;
    let (r, _) = sp_then(
        "a space, then the search keys, such as ALL (SORT wants a charset before them, such as UTF-8)",
    )(r)?;
    let (r, keys) = search_keys(r)?;
    Ok((
        r,
        CommandBody::Sort {
            returns,
            criteria,
            charset,
            keys,
            uid,
        },
    ))
}
