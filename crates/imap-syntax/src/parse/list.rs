//! LIST, in the RFC 3501 form and with what LIST-EXTENDED (RFC 5258) adds:
//! selection options before the reference, several patterns in
//! parentheses, and return options after RETURN (with RFC 5819's STATUS and
//! RFC 6154's SPECIAL-USE).

use nom::bytes::complete::take_while1;

use super::command::status_items;
use super::primitive::{
    In, R, ascii, byte, fail, label, list_mailbox, paren_list, peek, reference_text, sp_then,
};
use crate::command::{CommandBody, ListExtended, ListReturn, ListSelection};

/// The words of a selection option.
const SELECTION_EXPECTED: &str = "a selection option: SUBSCRIBED, REMOTE or RECURSIVEMATCH";

/// The words of a return option.
const RETURN_EXPECTED: &str =
    "a return option: SUBSCRIBED, CHILDREN, SPECIAL-USE or STATUS (items)";

/// `LIST [(selection)] reference pattern-or-(patterns) [RETURN (options)]`,
/// after the command name.
pub(super) fn list(i: In<'_>) -> R<'_, CommandBody> {
    let (mut r, _) = sp_then(
        "a space, then a reference name (often \"\") and a pattern, or selection options in parentheses",
    )(i)?;
    let mut ext = ListExtended::default();
    let mut extended = false;
    if peek(r) == Some(b'(') {
        let at = r;
        let (r2, selection) = paren_list(r, SELECTION_EXPECTED, selection_option)?;
        // RFC 5258 §3: RECURSIVEMATCH only refines another option.
        if selection.contains(&ListSelection::RecursiveMatch)
            && !selection.contains(&ListSelection::Subscribed)
        {
            return fail(
                at.get(1..).unwrap_or_default(),
                "SUBSCRIBED beside RECURSIVEMATCH (it only refines another selection option)",
            );
        }
        ext.selection = selection;
        extended = true;
        let (r3, _) = sp_then("a space, then a reference name (often \"\")")(r2)?;
        r = r3;
    }
    let (r, reference) = reference_text(r)?;
    let (r, _) =
        sp_then("a space, then a mailbox pattern such as * or %, or patterns in parentheses")(r)?;
    let (mut r, pattern) = if peek(r) == Some(b'(') {
        let (r2, mut patterns) = paren_list(r, "patterns in parentheses", list_mailbox)?;
        if patterns.is_empty() {
            return fail(
                r.get(1..).unwrap_or_default(),
                "a mailbox pattern such as * or %",
            );
        }
        let first = patterns.remove(0);
        ext.more_patterns = patterns;
        ext.patterns_parenthesized = true;
        extended = true;
        (r2, first)
    } else {
        list_mailbox(r)?
    };
    if let Some(rest) = r.strip_prefix(b" ") {
        let (r2, _) = label(
            rest,
            "RETURN and return options in parentheses, or the end of the line",
            super::primitive::keyword("RETURN", "RETURN"),
        )?;
        let (r2, _) =
            sp_then("a space, then return options in parentheses such as (CHILDREN)")(r2)?;
        let (r2, returns) = paren_list(
            r2,
            "return options in parentheses such as (CHILDREN)",
            return_option,
        )?;
        ext.returns = Some(returns);
        extended = true;
        r = r2;
    }
    let extended = extended.then(|| Box::new(ext));
    Ok((
        r,
        CommandBody::List {
            reference,
            pattern,
            extended,
        },
    ))
}

/// One option word: letters, digits and `-`.
fn option_word<'a>(i: In<'a>, expected: &'static str) -> R<'a, String> {
    let (r, w) = label(
        i,
        expected,
        take_while1(|b: u8| b.is_ascii_alphanumeric() || b == b'-'),
    )?;
    Ok((r, ascii(w).to_ascii_uppercase()))
}

/// One selection option.
fn selection_option(i: In<'_>) -> R<'_, ListSelection> {
    let (r, w) = option_word(i, SELECTION_EXPECTED)?;
    let option = match w.as_str() {
        "SUBSCRIBED" => ListSelection::Subscribed,
        "REMOTE" => ListSelection::Remote,
        "RECURSIVEMATCH" => ListSelection::RecursiveMatch,
        _ => return fail(i, SELECTION_EXPECTED),
    };
    Ok((r, option))
}

/// One return option; STATUS takes its items.
fn return_option(i: In<'_>) -> R<'_, ListReturn> {
    let (r, w) = option_word(i, RETURN_EXPECTED)?;
    let option = match w.as_str() {
        "SUBSCRIBED" => ListReturn::Subscribed,
        "CHILDREN" => ListReturn::Children,
        "SPECIAL-USE" => ListReturn::SpecialUse,
        "STATUS" => {
            let (r, _) = byte(
                b' ',
                "a space, then STATUS items in parentheses such as (MESSAGES UNSEEN)",
            )(r)?;
            let (r, items) = status_items(r)?;
            return Ok((r, ListReturn::Status(items)));
        }
        _ => return fail(i, RETURN_EXPECTED),
    };
    Ok((r, option))
}
