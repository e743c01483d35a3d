//! SEARCH keys (RFC 3501 §6.4.4), with nesting through parentheses,
//! NOT and OR bounded by [`MAX_DEPTH`].

use nom::bytes::complete::take_while1;

use super::primitive::{
    In, MAX_DEPTH, R, ascii, astring_text, atom_value, cut, cut_found, date, fail, label, number,
    paren_list, peek, sequence_set_or_saved, sp,
};
use crate::command::SearchKey;
use crate::core::is_atom_char;

/// The words used when a search key is missing or unknown.
pub(crate) const SEARCH_KEY_EXPECTED: &str =
    "a search key such as ALL, UNSEEN, FROM \"alice\" or SINCE 1-Feb-1994";

/// The words used when OLDER or YOUNGER lacks its interval (RFC 5032:
/// a number of seconds from 1).
const INTERVAL_EXPECTED: &str = "a number of seconds from 1, such as 3600";

/// One search key, `depth` levels deep.
pub(crate) fn search_key(i: In<'_>, depth: usize) -> R<'_, SearchKey> {
    if depth > MAX_DEPTH {
        return cut(i, "search keys nested less deeply");
    }
    match peek(i) {
        Some(b'(') => {
            let (rest, keys) = paren_list(i, SEARCH_KEY_EXPECTED, |r| search_key(r, depth + 1))?;
            if keys.is_empty() {
                return fail(i.get(1..).unwrap_or_default(), SEARCH_KEY_EXPECTED);
            }
            return Ok((rest, SearchKey::And(keys)));
        }
        Some(b'0'..=b'9' | b'*' | b'$') => {
            let (rest, set) = sequence_set_or_saved(i)?;
            return Ok((rest, SearchKey::SequenceSet(set)));
        }
        _ => {}
    }
    let (rest, word) = label(i, SEARCH_KEY_EXPECTED, take_while1(is_atom_char))?;
    let upper = ascii(word).to_ascii_uppercase();
    let simple = match upper.as_str() {
        "ALL" => Some(SearchKey::All),
        "ANSWERED" => Some(SearchKey::Answered),
        "DELETED" => Some(SearchKey::Deleted),
        "DRAFT" => Some(SearchKey::Draft),
        "FLAGGED" => Some(SearchKey::Flagged),
        "NEW" => Some(SearchKey::New),
        "OLD" => Some(SearchKey::Old),
        "RECENT" => Some(SearchKey::Recent),
        "SEEN" => Some(SearchKey::Seen),
        "UNANSWERED" => Some(SearchKey::Unanswered),
        "UNDELETED" => Some(SearchKey::Undeleted),
        "UNDRAFT" => Some(SearchKey::Undraft),
        "UNFLAGGED" => Some(SearchKey::Unflagged),
        "UNSEEN" => Some(SearchKey::Unseen),
        _ => None,
    };
    if let Some(k) = simple {
        return Ok((rest, k));
    }
    let string_key: Option<fn(String) -> SearchKey> = match upper.as_str() {
        "BCC" => Some(SearchKey::Bcc),
        "BODY" => Some(SearchKey::Body),
        "CC" => Some(SearchKey::Cc),
        "FROM" => Some(SearchKey::From),
        "SUBJECT" => Some(SearchKey::Subject),
        "TEXT" => Some(SearchKey::Text),
        "TO" => Some(SearchKey::To),
        _ => None,
    };
    if let Some(make) = string_key {
        let (rest, _) = sp(rest)?;
        let (rest, s) = label(
            rest,
            "a string to search for, such as \"alice\"",
            astring_text,
        )?;
        return Ok((rest, make(s)));
    }
    let date_key: Option<fn(crate::core::Date) -> SearchKey> = match upper.as_str() {
        "BEFORE" => Some(SearchKey::Before),
        "ON" => Some(SearchKey::On),
        "SENTBEFORE" => Some(SearchKey::SentBefore),
        "SENTON" => Some(SearchKey::SentOn),
        "SENTSINCE" => Some(SearchKey::SentSince),
        "SINCE" => Some(SearchKey::Since),
        _ => None,
    };
    if let Some(make) = date_key {
        let (rest, _) = sp(rest)?;
        let (rest, d) = date(rest)?;
        return Ok((rest, make(d)));
    }
    match upper.as_str() {
        "HEADER" => {
            let (rest, _) = sp(rest)?;
            let (rest, field) = label(rest, "a header field name such as Subject", astring_text)?;
            let (rest, _) = sp(rest)?;
            let (rest, value) = label(rest, "a string to search for in that header", astring_text)?;
            Ok((rest, SearchKey::Header(field, value)))
        }
        "KEYWORD" | "UNKEYWORD" => {
            let (rest, _) = sp(rest)?;
            let (rest, kw) = label(rest, "a keyword such as $Forwarded", atom_value)?;
            let key = if upper == "KEYWORD" {
                SearchKey::Keyword(kw)
            } else {
                SearchKey::Unkeyword(kw)
            };
            Ok((rest, key))
        }
        "LARGER" | "SMALLER" => {
            let (rest, _) = sp(rest)?;
            let (rest, n) = label(rest, "a size in octets such as 1000", number)?;
            let key = if upper == "LARGER" {
                SearchKey::Larger(n)
            } else {
                SearchKey::Smaller(n)
            };
            Ok((rest, key))
        }
        "NOT" => {
            let (rest, _) = sp(rest)?;
            let (rest, k) = search_key(rest, depth + 1)?;
            Ok((rest, SearchKey::Not(Box::new(k))))
        }
        "OR" => {
            let (rest, _) = sp(rest)?;
            let (rest, a) = search_key(rest, depth + 1)?;
            let (rest, _) = sp(rest)?;
            let (rest, b) = search_key(rest, depth + 1)?;
            Ok((rest, SearchKey::Or(Box::new(a), Box::new(b))))
        }
        "UID" => {
            let (rest, _) = sp(rest)?;
            let (rest, set) = sequence_set_or_saved(rest)?;
            Ok((rest, SearchKey::Uid(set)))
        }
        "OLDER" | "YOUNGER" => {
            let (rest, _) = sp(rest)?;
            let (after, n) = label(rest, INTERVAL_EXPECTED, number)?;
            if n == 0 {
                return cut_found(rest, INTERVAL_EXPECTED, "0");
            }
            let key = if upper == "OLDER" {
                SearchKey::Older(n)
            } else {
                SearchKey::Younger(n)
            };
            Ok((after, key))
        }
        "MODSEQ" => super::condstore::search_modseq(rest),
        _ => fail(i, SEARCH_KEY_EXPECTED),
    }
}

/// The keys of a SEARCH: one or more, space-separated, up to the line end.
/// More than one becomes [`SearchKey::And`].
pub(crate) fn search_keys(i: In<'_>) -> R<'_, SearchKey> {
    let (mut rest, first) = search_key(i, 0)?;
    let mut keys = vec![first];
    while let Some(after) = rest.strip_prefix(b" ") {
        let (r, k) = search_key(after, 0)?;
        keys.push(k);
        rest = r;
    }
    let key = if keys.len() == 1 {
        keys.pop().unwrap_or(SearchKey::All)
    } else {
        SearchKey::And(keys)
    };
    Ok((rest, key))
}
