//! The answers of SEARCH and SORT: `* SEARCH`, `* SORT` (with RFC 7162's
//! `(MODSEQ n)`) and `* ESEARCH` (RFC 4731, with RFC 7162's MODSEQ and RFC
//! 5267's PARTIAL, ADDTO and REMOVEFROM).

use nom::bytes::complete::take_while1;

use super::body::skip_value;
use super::primitive::{
    In, R, ascii, byte, fail, keyword, label, number, number_u64, peek, sequence_set, sp, string,
};
use crate::core::{SequenceSet, is_atom_char};
use crate::response::{Data, ESearchItem};

/// The words used when an ESEARCH result is missing or unknown.
const ESEARCH_EXPECTED: &str =
    "an ESEARCH result: MIN, MAX, ALL, COUNT, MODSEQ, PARTIAL, ADDTO or REMOVEFROM";

/// `(position set *(SP position set))` of ADDTO and REMOVEFROM (RFC 5267).
fn update_pairs(i: In<'_>) -> R<'_, Vec<(u32, SequenceSet)>> {
    let (mut r, _) = byte(b'(', "a parenthesized position and set such as (0 4:5)")(i)?;
    let mut pairs = Vec::new();
    loop {
        let (r2, position) = number(r)?;
        let (r2, _) = sp(r2)?;
        let (r2, set) = sequence_set(r2)?;
        pairs.push((position, set));
        match r2.strip_prefix(b" ") {
            Some(r3) => r = r3,
            None => {
                let (r2, _) = byte(b')', "a closing parenthesis")(r2)?;
                return Ok((r2, pairs));
            }
        }
    }
}

/// `(first:last set)` or `(first:last NIL)` of PARTIAL (RFC 5267).
fn partial_result(i: In<'_>) -> R<'_, ESearchItem> {
    let (r, _) = byte(b'(', "a parenthesized range and set such as (1:10 4:7)")(i)?;
    let (r, first) = number(r)?;
    let (r, _) = byte(b':', ":")(r)?;
    let (r, last) = number(r)?;
    let (r, _) = sp(r)?;
    let (r, set) = match r.strip_prefix(b"NIL") {
        Some(r2) => (r2, None),
        None => sequence_set(r).map(|(r, s)| (r, Some(s)))?,
    };
    let (r, _) = byte(b')', "a closing parenthesis")(r)?;
    Ok((r, ESearchItem::Partial { first, last, set }))
}

/// What follows `ESEARCH` (RFC 4731): `[(TAG "t")] [UID] *(SP name SP value)`.
pub(super) fn esearch(i: In<'_>) -> R<'_, Data> {
    let mut r = i;
    let mut tag = None;
    if let Some(r2) = r.strip_prefix(b" (") {
        let (r2, _) = keyword("TAG", "TAG, then the command's tag in quotes")(r2)?;
        let (r2, _) = sp(r2)?;
        let (r2, t) = string(r2)?;
        let (r2, _) = byte(b')', "a closing parenthesis")(r2)?;
        tag = Some(String::from_utf8_lossy(&t).into_owned());
        r = r2;
    }
    let mut uid = false;
    let mut items = Vec::new();
    while let Some(r2) = r.strip_prefix(b" ") {
        let (r2, word) = label(r2, ESEARCH_EXPECTED, take_while1(is_atom_char))?;
        let upper = ascii(word).to_ascii_uppercase();
        if upper == "UID" && items.is_empty() && !uid {
            uid = true;
            r = r2;
            continue;
        }
        let (r2, _) = sp(r2)?;
        let (r2, item) = match upper.as_str() {
            "MIN" => number(r2).map(|(r, n)| (r, ESearchItem::Min(n)))?,
            "MAX" => number(r2).map(|(r, n)| (r, ESearchItem::Max(n)))?,
            "COUNT" => number(r2).map(|(r, n)| (r, ESearchItem::Count(n)))?,
            "ALL" => sequence_set(r2).map(|(r, s)| (r, ESearchItem::All(s)))?,
            "MODSEQ" => number_u64(r2).map(|(r, n)| (r, ESearchItem::ModSeq(n)))?,
            "PARTIAL" => partial_result(r2)?,
            "ADDTO" => update_pairs(r2).map(|(r, p)| (r, ESearchItem::AddTo(p)))?,
            "REMOVEFROM" => update_pairs(r2).map(|(r, p)| (r, ESearchItem::RemoveFrom(p)))?,
            _ => return fail(r2, ESEARCH_EXPECTED),
        };
        items.push(item);
        r = r2;
    }
    Ok((r, Data::ESearch { tag, uid, items }))
}

/// What follows `SEARCH` or `SORT`: ` n` per number, then maybe
/// ` (MODSEQ m)` (RFC 7162 §3.1.5).
pub(super) fn numbers_and_modseq(i: In<'_>) -> R<'_, (Vec<u32>, Option<u64>)> {
    let mut r = i;
    let mut nums = Vec::new();
    let mut modseq = None;
    while let Some(r2) = r.strip_prefix(b" ") {
        match peek(r2) {
            Some(b'0'..=b'9') => {
                let (r3, n) = number(r2)?;
                nums.push(n);
                r = r3;
            }
            Some(b'(') => {
                let (r3, m) = search_modseq(r2)?;
                r = r3;
                modseq = modseq.or(m);
            }
            _ => break,
        }
    }
    Ok((r, (nums, modseq)))
}

/// The `(MODSEQ n)` at the end of a SEARCH answer (RFC 7162); any other
/// parenthesized extension is skipped (`None`).
fn search_modseq(i: In<'_>) -> R<'_, Option<u64>> {
    if let Ok((r, _)) = keyword("(MODSEQ ", "")(i) {
        let (r, n) = number_u64(r)?;
        let (r, _) = byte(b')', "a ) after the modseq")(r)?;
        return Ok((r, Some(n)));
    }
    Ok((skip_value(i, 0)?.0, None))
}
