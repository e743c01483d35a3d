//! The shared grammar of RFC 3501 §9: the error type, spaces and line
//! ends, numbers, atoms, strings, literals, mailbox names, dates,
//! sequence sets and flags.
//!
//! The parsers are committed recursive descent written with nom: where
//! the grammar offers a choice, one byte of look-ahead decides, and from
//! then on a failure is the answer. That keeps errors where the learner's
//! mistake is instead of at some earlier point a backtracking parser
//! returned to.

use std::borrow::Cow;
use std::num::NonZeroU32;

use nom::IResult;
use nom::bytes::complete::{tag, tag_no_case, take_while, take_while1};
use nom::error::ErrorKind;

use crate::core::{
    Atom, Date, DateTime, Flag, FlagPerm, ListName, MONTHS, Mailbox, SeqNo, SeqRange, SequenceSet,
    is_astring_char, is_atom_char,
};
use crate::error::ParseErrorKind;

/// The input of every parser: the bytes not yet consumed.
pub(crate) type In<'a> = &'a [u8];
/// The result of every parser.
pub(crate) type R<'a, T> = IResult<In<'a>, T, PErr>;

/// How deep parentheses may nest (search keys, body structures, skipped
/// values) before the input is refused, so no input can overflow the stack.
pub(crate) const MAX_DEPTH: usize = 64;

/// A parse failure: where (as the number of bytes left, so that the
/// deepest failure is the one with the fewest), and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PErr {
    /// Bytes of input left at the failure point.
    pub remaining: usize,
    /// What was expected, in a learner's words.
    pub expected: &'static str,
    /// What was found, when the bytes alone do not say it well.
    pub found: Option<&'static str>,
    /// The kind of failure.
    pub kind: ParseErrorKind,
}

impl PErr {
    /// A syntax error at `i`.
    pub(crate) fn at(i: In<'_>, expected: &'static str) -> Self {
        PErr {
            remaining: i.len(),
            expected,
            found: None,
            kind: ParseErrorKind::Syntax,
        }
    }
}

impl nom::error::ParseError<In<'_>> for PErr {
    fn from_error_kind(input: In<'_>, _kind: ErrorKind) -> Self {
        PErr::at(input, "valid IMAP syntax")
    }

    fn append(_input: In<'_>, _kind: ErrorKind, other: Self) -> Self {
        other
    }

    /// Of two failures, the one further into the input explains more.
    fn or(self, other: Self) -> Self {
        if other.remaining < self.remaining {
            other
        } else {
            self
        }
    }
}

/// Fails at `i` (an alternative may still be tried).
pub(crate) fn fail<'a, T>(i: In<'_>, expected: &'static str) -> R<'a, T> {
    Err(nom::Err::Error(PErr::at(i, expected)))
}

/// Fails at `i` for good: the input is well-formed but its value is wrong.
pub(crate) fn cut<'a, T>(i: In<'_>, expected: &'static str) -> R<'a, T> {
    Err(nom::Err::Failure(PErr::at(i, expected)))
}

/// Like [`cut`], with a description of what was found.
pub(crate) fn cut_found<'a, T>(i: In<'_>, expected: &'static str, found: &'static str) -> R<'a, T> {
    let mut e = PErr::at(i, expected);
    e.found = Some(found);
    Err(nom::Err::Failure(e))
}

/// Runs `p` at `i`; when it fails without consuming anything, the failure
/// is described as `expected`. Deeper failures keep their own words.
pub(crate) fn label<'a, T>(
    i: In<'a>,
    expected: &'static str,
    mut p: impl FnMut(In<'a>) -> R<'a, T>,
) -> R<'a, T> {
    match p(i) {
        Err(nom::Err::Error(e)) if e.remaining == i.len() => fail(i, expected),
        other => other,
    }
}

/// The first byte, if any.
pub(crate) fn peek(i: In<'_>) -> Option<u8> {
    i.first().copied()
}

/// The bytes as text; only used on bytes already known to be ASCII.
pub(crate) fn ascii(b: &[u8]) -> &str {
    std::str::from_utf8(b).unwrap_or_default()
}

/// One space.
pub(crate) fn sp(i: In<'_>) -> R<'_, ()> {
    let (i, _) = label(i, "a space", tag(" "))?;
    Ok((i, ()))
}

/// One space before an argument; when it is missing, `expected` says
/// which argument (such as "a space, then a mailbox name").
pub(crate) fn sp_then<'a>(expected: &'static str) -> impl Fn(In<'a>) -> R<'a, ()> {
    move |i: In<'a>| match i.split_first() {
        Some((b' ', rest)) => Ok((rest, ())),
        _ => fail(i, expected),
    }
}

/// A byte given literally, such as `(`.
pub(crate) fn byte(c: u8, expected: &'static str) -> impl Fn(In) -> R<'_, ()> {
    move |i: In| match i.split_first() {
        Some((&b, rest)) if b == c => Ok((rest, ())),
        _ => fail(i, expected),
    }
}

/// A keyword, case-insensitively.
pub(crate) fn keyword<'a>(
    word: &'static str,
    expected: &'static str,
) -> impl Fn(In<'a>) -> R<'a, ()> {
    move |i: In<'a>| {
        let (rest, _) = label(i, expected, tag_no_case(word))?;
        Ok((rest, ()))
    }
}

/// The end of a line: CRLF, or a bare LF as learners' terminals send.
pub(crate) fn crlf(i: In<'_>) -> R<'_, ()> {
    match i {
        [b'\r', b'\n', rest @ ..] | [b'\n', rest @ ..] => Ok((rest, ())),
        [b' ', rest @ ..] if matches!(rest.first(), Some(b'\r' | b'\n') | None) => {
            fail(i, "the end of the line, without a space before it")
        }
        [b' ', rest @ ..] => fail(rest, "the end of the line (nothing more here)"),
        _ => fail(i, "the end of the line"),
    }
}

/// A number (RFC 3501 `number`): digits, at most 4294967295.
pub(crate) fn number(i: In<'_>) -> R<'_, u32> {
    let (rest, n) = digits_up_to(i, u64::from(u32::MAX), "a number no larger than 4294967295")?;
    match u32::try_from(n) {
        Ok(n) => Ok((rest, n)),
        Err(_) => cut_found(
            i,
            "a number no larger than 4294967295",
            "a number too large",
        ),
    }
}

/// A 63-bit number (RFC 9051 `number64`, used by RFC 8438's STATUS SIZE):
/// digits, at most 9223372036854775807.
pub(crate) fn number64(i: In<'_>) -> R<'_, u64> {
    digits_up_to(
        i,
        i64::MAX.unsigned_abs(),
        "a number no larger than 9223372036854775807",
    )
}

/// A modseq as servers write it: any unsigned 64-bit number (RFC 7162
/// allows 63 bits; some servers use the 64th).
pub(crate) fn number_u64(i: In<'_>) -> R<'_, u64> {
    digits_up_to(i, u64::MAX, "a number no larger than 18446744073709551615")
}

/// Digits read as a number no larger than `max`; a larger one is cut with
/// `expected` saying the limit.
fn digits_up_to<'a>(i: In<'a>, max: u64, expected: &'static str) -> R<'a, u64> {
    let (rest, digits) = label(i, "a number", take_while1(|b: u8| b.is_ascii_digit()))?;
    let mut n: u64 = 0;
    for d in digits {
        n = match n
            .checked_mul(10)
            .and_then(|n| n.checked_add(u64::from(d - b'0')))
            .filter(|n| *n <= max)
        {
            Some(n) => n,
            None => return cut_found(i, expected, "a number too large"),
        };
    }
    Ok((rest, n))
}

/// A number of any size, skipped (for values the model does not keep,
/// such as a server's 64-bit HIGHESTMODSEQ).
pub(crate) fn any_number(i: In<'_>) -> R<'_, &[u8]> {
    label(i, "a number", take_while1(|b: u8| b.is_ascii_digit()))
}

/// A non-zero number.
pub(crate) fn nz_number(i: In<'_>) -> R<'_, NonZeroU32> {
    let (rest, n) = number(i)?;
    match NonZeroU32::new(n) {
        Some(n) => Ok((rest, n)),
        None => cut_found(i, "a number of 1 or more", "0"),
    }
}

/// An atom: one or more ATOM-CHARs.
pub(crate) fn atom(i: In<'_>) -> R<'_, &str> {
    let (rest, a) = label(i, "a word (an atom)", take_while1(is_atom_char))?;
    Ok((rest, ascii(a)))
}

/// An atom as an [`Atom`] value.
pub(crate) fn atom_value(i: In<'_>) -> R<'_, Atom> {
    let (rest, a) = atom(i)?;
    match Atom::new(a) {
        Ok(a) => Ok((rest, a)),
        Err(_) => cut(i, "a word (an atom)"),
    }
}

/// A quoted string with `\"` and `\\` escapes; the bytes inside, unescaped.
pub(crate) fn quoted(i: In<'_>) -> R<'_, Vec<u8>> {
    let (mut rest, _) = byte(b'"', "a quoted string")(i)?;
    let mut out = Vec::new();
    loop {
        match rest {
            [b'"', after @ ..] => return Ok((after, out)),
            [b'\\', c @ (b'"' | b'\\'), after @ ..] => {
                out.push(*c);
                rest = after;
            }
            [b'\\', after @ ..] => {
                return cut(after, "\\\" or \\\\ after a backslash in a quoted string");
            }
            [b'\r' | b'\n', ..] | [] => {
                return cut(rest, "a closing double quote before the end of the line");
            }
            [c, after @ ..] => {
                out.push(*c);
                rest = after;
            }
        }
    }
}

/// A literal header `{n}` or `{n+}` and its line end; returns `n`.
pub(crate) fn literal_header(i: In<'_>) -> R<'_, u32> {
    let (rest, _) = byte(b'{', "a literal such as {5}")(i)?;
    let (rest, n) = number(rest)?;
    let rest = rest.strip_prefix(b"+").unwrap_or(rest);
    let (rest, _) = byte(b'}', "} to close the literal's length")(rest)?;
    let (rest, _) = label(rest, "the end of the line after the literal's length", crlf)?;
    Ok((rest, n))
}

/// A literal: `{n}` CRLF and n octets.
pub(crate) fn literal(i: In<'_>) -> R<'_, &[u8]> {
    let (rest, n) = literal_header(i)?;
    let n = n as usize;
    match (rest.get(..n), rest.get(n..)) {
        (Some(data), Some(after)) => Ok((after, data)),
        _ => cut_found(
            rest.get(rest.len()..).unwrap_or_default(),
            "all the octets the literal announced",
            "the end of the input",
        ),
    }
}

/// A literal or a literal8 (`~{n}` CRLF and n octets, RFC 3516).
pub(crate) fn literal8(i: In<'_>) -> R<'_, &[u8]> {
    match i.strip_prefix(b"~") {
        Some(rest) => literal(rest),
        None => literal(i),
    }
}

/// A string: quoted or literal.
pub(crate) fn string(i: In<'_>) -> R<'_, Cow<'_, [u8]>> {
    match peek(i) {
        Some(b'"') => quoted(i).map(|(r, s)| (r, Cow::Owned(s))),
        Some(b'{') => literal(i).map(|(r, s)| (r, Cow::Borrowed(s))),
        _ => fail(i, "a string in double quotes"),
    }
}

/// An astring: 1*ASTRING-CHAR or a string.
pub(crate) fn astring(i: In<'_>) -> R<'_, Cow<'_, [u8]>> {
    match peek(i) {
        Some(b'"' | b'{') => string(i),
        _ => {
            let (rest, a) = label(i, "a word or a quoted string", take_while1(is_astring_char))?;
            Ok((rest, Cow::Borrowed(a)))
        }
    }
}

/// `NIL` or a string.
pub(crate) fn nstring(i: In<'_>) -> R<'_, Option<Cow<'_, [u8]>>> {
    match peek(i) {
        Some(b'"' | b'{') => string(i).map(|(r, s)| (r, Some(s))),
        _ => {
            let (rest, _) = keyword("NIL", "a string in double quotes, or NIL")(i)?;
            Ok((rest, None))
        }
    }
}

/// An nstring as owned bytes.
pub(crate) fn nbytes(i: In<'_>) -> R<'_, Option<Vec<u8>>> {
    let (rest, s) = nstring(i)?;
    Ok((rest, s.map(Cow::into_owned)))
}

/// Bytes as UTF-8 text; `at` is where they started, for the error.
pub(crate) fn utf8(at: In<'_>, bytes: Cow<'_, [u8]>) -> Result<String, nom::Err<PErr>> {
    let bytes = bytes.into_owned();
    String::from_utf8(bytes).map_err(|_| {
        let mut e = PErr::at(at, "text in UTF-8");
        e.found = Some("bytes that are not UTF-8");
        nom::Err::Failure(e)
    })
}

/// An astring as UTF-8 text.
pub(crate) fn astring_text(i: In<'_>) -> R<'_, String> {
    let (rest, s) = astring(i)?;
    Ok((rest, utf8(i, s)?))
}

/// A string as UTF-8 text.
pub(crate) fn string_text(i: In<'_>) -> R<'_, String> {
    let (rest, s) = string(i)?;
    Ok((rest, utf8(i, s)?))
}

/// The parse error for 8-bit text in an atom where a mailbox name or
/// pattern stands: an atom is ASCII (Dovecot: "8bit data in atom"), and the
/// way to write such a name is modified UTF-7.
fn not_utf7_atom(at: In<'_>) -> nom::Err<PErr> {
    let mut e = PErr::at(
        at,
        "a mailbox name in modified UTF-7 (RFC 3501 §5.1.3), such as Entw&APw-rfe for Entwürfe",
    );
    e.found = Some("a name that is not modified UTF-7");
    nom::Err::Failure(e)
}

/// Was the value at `i` written as a quoted string or a literal (not an atom)?
fn is_string_form(i: In<'_>) -> bool {
    matches!(peek(i), Some(b'"' | b'{'))
}

/// An astring, except that 8-bit bytes are taken into the atom form, so
/// that a name typed in plain UTF-8 gets the modified UTF-7 explanation.
fn name_text(i: In<'_>) -> R<'_, String> {
    match peek(i) {
        Some(b'"' | b'{') => astring_text(i),
        _ => {
            let (rest, a) = take_while1(|b: u8| is_astring_char(b) || b >= 0x80)(i)?;
            Ok((rest, utf8(i, Cow::Borrowed(a))?))
        }
    }
}

/// A mailbox name: an astring in modified UTF-7, INBOX folded. A quoted
/// name (or any ASCII name) that is not modified UTF-7 is kept as sent
/// ([`Mailbox::NotUtf7`]): the command is well-formed and a server answers
/// NO. 8-bit bytes in an atom are a syntax error.
pub(crate) fn mailbox(i: In<'_>) -> R<'_, Mailbox> {
    let (rest, s) = label(i, "a mailbox name", name_text)?;
    match crate::utf7::decode(&s) {
        Ok(name) => Ok((rest, Mailbox::new(name))),
        Err(_) if !is_string_form(i) && !s.is_ascii() => Err(not_utf7_atom(i)),
        Err(_) => Ok((rest, Mailbox::NotUtf7(s))),
    }
}

/// A mailbox name from a server: decoded from modified UTF-7 when it is
/// valid, kept as sent otherwise (servers with UTF8=ACCEPT send UTF-8).
pub(crate) fn mailbox_liberal(i: In<'_>) -> R<'_, Mailbox> {
    let (rest, s) = label(i, "a mailbox name", astring)?;
    let s = String::from_utf8_lossy(&s).into_owned();
    let name = crate::utf7::decode(&s).unwrap_or(s);
    Ok((rest, Mailbox::new(name)))
}

/// Text of a LIST argument, decoded from modified UTF-7, or kept as sent.
fn list_name(text: String) -> ListName {
    match crate::utf7::decode(&text) {
        Ok(decoded) => ListName::Text(decoded),
        Err(_) => ListName::NotUtf7(text),
    }
}

/// An astring that is a reference name (LIST), decoded from modified UTF-7.
pub(crate) fn reference_text(i: In<'_>) -> R<'_, ListName> {
    let (rest, s) = label(i, "a reference name, often \"\"", astring_text)?;
    Ok((rest, list_name(s)))
}

/// A LIST pattern: 1*list-char (atoms plus `%`, `*`, `]`) or a string,
/// decoded from modified UTF-7 (kept as sent when it is not).
pub(crate) fn list_mailbox(i: In<'_>) -> R<'_, ListName> {
    const EXPECTED: &str = "a mailbox pattern such as * or % or \"INBOX/*\"";
    let (rest, s) = match peek(i) {
        Some(b'"' | b'{') => string_text(i)?,
        _ => {
            let (rest, s) = label(
                i,
                EXPECTED,
                take_while1(|b: u8| {
                    is_atom_char(b) || b >= 0x80 || matches!(b, b'%' | b'*' | b']')
                }),
            )?;
            (rest, utf8(i, Cow::Borrowed(s))?)
        }
    };
    if !is_string_form(i) && !s.is_ascii() {
        return Err(not_utf7_atom(i));
    }
    Ok((rest, list_name(s)))
}

/// A month name, case-insensitively; 1 to 12.
fn month(i: In<'_>) -> R<'_, u8> {
    let (rest, m) = label(i, "a month such as Feb", take_while_m_n_alpha)?;
    for (n, name) in (1u8..).zip(MONTHS) {
        if name.as_bytes().eq_ignore_ascii_case(m) {
            return Ok((rest, n));
        }
    }
    fail(i, "a month such as Jan, Feb or Mar")
}

/// Three ASCII letters.
fn take_while_m_n_alpha(i: In<'_>) -> R<'_, &[u8]> {
    nom::bytes::complete::take_while_m_n(3, 3, |b: u8| b.is_ascii_alphabetic())(i)
}

/// Exactly `n` digits as a number.
fn digits(i: In<'_>, min: usize, max: usize) -> R<'_, u32> {
    let (rest, d) = nom::bytes::complete::take_while_m_n(min, max, |b: u8| b.is_ascii_digit())(i)?;
    Ok((
        rest,
        d.iter().fold(0u32, |n, b| n * 10 + u32::from(b - b'0')),
    ))
}

/// `d-Mon-yyyy` without quotes.
fn date_text(i: In<'_>) -> R<'_, Date> {
    let (rest, day) = digits(i, 1, 2)?;
    let (rest, _) = byte(b'-', "a - between day and month")(rest)?;
    let (rest, month) = month(rest)?;
    let (rest, _) = byte(b'-', "a - between month and year")(rest)?;
    let (rest, year) = label(rest, "a four-digit year", |r| digits(r, 4, 4))?;
    match Date::new(year as u16, month, day as u8) {
        Ok(d) => Ok((rest, d)),
        Err(_) => cut_found(
            i,
            "a real calendar date such as 1-Feb-1994",
            "a day that does not exist",
        ),
    }
}

/// A date (RFC 3501 `date`): `1-Feb-1994`, optionally in double quotes.
pub(crate) fn date(i: In<'_>) -> R<'_, Date> {
    label(i, "a date such as 1-Feb-1994", |i| {
        if let Some(inner) = i.strip_prefix(b"\"") {
            let (rest, d) = date_text(inner)?;
            let (rest, _) = byte(b'"', "a closing double quote after the date")(rest)?;
            Ok((rest, d))
        } else {
            date_text(i)
        }
    })
}

/// A date-time: `"17-Jul-1996 02:44:25 -0700"` (the day may be space-padded).
pub(crate) fn date_time(i: In<'_>) -> R<'_, DateTime> {
    const EXPECTED: &str = "a date and time such as \"17-Jul-1996 02:44:25 -0700\"";
    let (rest, _) = byte(b'"', EXPECTED)(i)?;
    let rest = rest.strip_prefix(b" ").unwrap_or(rest);
    let (rest, day) = label(rest, "a day of the month", |r| digits(r, 1, 2))?;
    let (rest, _) = byte(b'-', "a - between day and month")(rest)?;
    let (rest, month) = month(rest)?;
    let (rest, _) = byte(b'-', "a - between month and year")(rest)?;
    let (rest, year) = label(rest, "a four-digit year", |r| digits(r, 4, 4))?;
    let (rest, _) = sp(rest)?;
    let (rest, hour) = label(rest, "a time such as 02:44:25", |r| digits(r, 2, 2))?;
    let (rest, _) = byte(b':', "a : in the time")(rest)?;
    let (rest, minute) = label(rest, "two digits of minutes", |r| digits(r, 2, 2))?;
    let (rest, _) = byte(b':', "a : in the time")(rest)?;
    let (rest, second) = label(rest, "two digits of seconds", |r| digits(r, 2, 2))?;
    let (rest, _) = sp(rest)?;
    let zone_at = rest;
    let (rest, sign) = match rest.split_first() {
        Some((b'+', r)) => (r, 1i16),
        Some((b'-', r)) => (r, -1i16),
        _ => return fail(rest, "a time zone such as +0000 or -0700"),
    };
    let (rest, zone) = label(rest, "four digits of time zone such as -0700", |r| {
        digits(r, 4, 4)
    })?;
    let (rest, _) = byte(b'"', "a closing double quote after the date and time")(rest)?;
    let (zh, zm) = (zone / 100, zone % 100);
    if zm > 59 {
        return cut(zone_at, "a time zone such as +0000 or -0700");
    }
    let zone_minutes = sign * (zh as i16 * 60 + zm as i16);
    let date = match Date::new(year as u16, month, day as u8) {
        Ok(d) => d,
        Err(_) => return cut_found(i, "a real calendar date", "a day that does not exist"),
    };
    match DateTime::new(date, hour as u8, minute as u8, second as u8, zone_minutes) {
        Ok(dt) => Ok((rest, dt)),
        Err(_) => cut_found(
            i,
            "a real time of day such as 02:44:25",
            "a time that does not exist",
        ),
    }
}

/// The words used when a sequence set is missing.
pub(crate) const SEQ_SET_EXPECTED: &str = "a sequence set such as 1:5 or 2,4:*";

/// One end of a range: a number from 1, or `*`.
fn seq_number(i: In<'_>) -> R<'_, SeqNo> {
    if let Some(rest) = i.strip_prefix(b"*") {
        return Ok((rest, SeqNo::Largest));
    }
    let (rest, n) = label(i, SEQ_SET_EXPECTED, number)?;
    match NonZeroU32::new(n) {
        Some(n) => Ok((rest, SeqNo::Value(n))),
        None => cut_found(
            i,
            "a message number of 1 or more (message numbers and UIDs start at 1)",
            "0",
        ),
    }
}

/// A sequence set such as `1:5,7,9:*`.
pub(crate) fn sequence_set(i: In<'_>) -> R<'_, SequenceSet> {
    let mut ranges = Vec::new();
    let mut rest = i;
    loop {
        let (r, a) = seq_number(rest)?;
        let (r, range) = match r.strip_prefix(b":") {
            Some(r2) => {
                let (r3, b) = seq_number(r2)?;
                (r3, SeqRange::Range(a, b))
            }
            None => (r, SeqRange::Single(a)),
        };
        ranges.push(range);
        match r.strip_prefix(b",") {
            Some(r2) => rest = r2,
            None => {
                rest = r;
                break;
            }
        }
    }
    match SequenceSet::new(ranges) {
        Ok(set) => Ok((rest, set)),
        Err(_) => fail(i, SEQ_SET_EXPECTED),
    }
}

/// A sequence set in a command: as [`sequence_set`], or `$`, the saved
/// search result (RFC 5182), which stands alone (`$:4` and `1,$` are
/// wrong, as in Dovecot).
pub(crate) fn sequence_set_or_saved(i: In<'_>) -> R<'_, SequenceSet> {
    match i.strip_prefix(b"$") {
        Some(rest) => Ok((rest, SequenceSet::saved())),
        None => sequence_set(i),
    }
}

/// The words used when a flag is missing.
const FLAG_EXPECTED: &str = "a flag such as \\Seen or $Forwarded";

/// A flag: `\Name` or a keyword.
pub(crate) fn flag(i: In<'_>) -> R<'_, Flag> {
    let (rest, backslash) = match i.strip_prefix(b"\\") {
        Some(r) => (r, true),
        None => (i, false),
    };
    let (rest, name) = label(rest, FLAG_EXPECTED, take_while1(is_atom_char))?;
    let name = ascii(name);
    let parsed = if backslash {
        Flag::parse_name(&format!("\\{name}"))
    } else {
        Flag::parse_name(name)
    };
    match parsed {
        Ok(f) => Ok((rest, f)),
        Err(_) => fail(i, FLAG_EXPECTED),
    }
}

/// A PERMANENTFLAGS entry: a flag or `\*`.
pub(crate) fn flag_perm(i: In<'_>) -> R<'_, FlagPerm> {
    match i.strip_prefix(b"\\*") {
        Some(rest) => Ok((rest, FlagPerm::Asterisk)),
        None => flag(i).map(|(r, f)| (r, FlagPerm::Flag(f))),
    }
}

/// A parenthesized, space-separated list of `item`s, possibly empty.
pub(crate) fn paren_list<'a, T>(
    i: In<'a>,
    open_expected: &'static str,
    mut item: impl FnMut(In<'a>) -> R<'a, T>,
) -> R<'a, Vec<T>> {
    let (mut rest, _) = byte(b'(', open_expected)(i)?;
    let mut out = Vec::new();
    if let Some(r) = rest.strip_prefix(b")") {
        return Ok((r, out));
    }
    loop {
        let (r, v) = item(rest)?;
        out.push(v);
        match r {
            [b')', after @ ..] => return Ok((after, out)),
            [b' ', after @ ..] => rest = after,
            _ => return fail(r, "a space or a closing parenthesis"),
        }
    }
}

/// Skips any number of spaces: servers differ on the spaces between list
/// items and before the line end.
pub(crate) fn spaces(i: In<'_>) -> In<'_> {
    let n = i.iter().take_while(|&&b| b == b' ').count();
    i.get(n..).unwrap_or_default()
}

/// A parenthesized list as servers write it: any number of spaces between
/// the `item`s and inside the parentheses; possibly empty.
pub(crate) fn liberal_list<'a, T>(
    i: In<'a>,
    open_expected: &'static str,
    mut item: impl FnMut(In<'a>) -> R<'a, T>,
) -> R<'a, Vec<T>> {
    liberal_list_kept(i, open_expected, |r| item(r).map(|(r, v)| (r, Some(v))))
}

/// A [`liberal_list`] of items some of which the model does not keep:
/// `item` reads each one, and those it gives as `None` are left out.
pub(crate) fn liberal_list_kept<'a, T>(
    i: In<'a>,
    open_expected: &'static str,
    mut item: impl FnMut(In<'a>) -> R<'a, Option<T>>,
) -> R<'a, Vec<T>> {
    let (mut rest, _) = byte(b'(', open_expected)(i)?;
    let mut out = Vec::new();
    loop {
        rest = spaces(rest);
        if let Some(r) = rest.strip_prefix(b")") {
            return Ok((r, out));
        }
        let (r, v) = item(rest)?;
        out.extend(v);
        rest = r;
    }
}

/// A flag list: `(\Seen $Work)`, possibly empty.
pub(crate) fn flag_list(i: In<'_>) -> R<'_, Vec<Flag>> {
    paren_list(i, "a flag list such as (\\Seen \\Flagged)", flag)
}

/// The parameters of ID: `None` for NIL, else (name, value) pairs.
pub(crate) type IdParams = Option<Vec<(String, Option<String>)>>;

/// An ID parameter list: `NIL` or `("name" "value" ...)` (RFC 2971).
pub(crate) fn id_params(i: In<'_>) -> R<'_, IdParams> {
    const EXPECTED: &str = "NIL or a list of names and values such as (\"name\" \"my client\")";
    if peek(i) != Some(b'(') {
        let (rest, _) = keyword("NIL", EXPECTED)(i)?;
        return Ok((rest, None));
    }
    let (mut rest, _) = byte(b'(', EXPECTED)(i)?;
    let mut out = Vec::new();
    if let Some(r) = rest.strip_prefix(b")") {
        return Ok((r, Some(out)));
    }
    loop {
        let (r, name) = label(
            rest,
            "a field name in double quotes such as \"name\"",
            string_text,
        )?;
        let (r, _) = sp(r)?;
        let at = r;
        let (r, value) = nstring(r)?;
        let value = match value {
            Some(v) => Some(utf8(at, v)?),
            None => None,
        };
        out.push((name, value));
        match r {
            [b')', after @ ..] => return Ok((after, Some(out))),
            [b' ', after @ ..] => rest = after,
            _ => return fail(r, "a space or a closing parenthesis"),
        }
    }
}

/// A tag: one or more tag characters.
pub(crate) fn tag_text(i: In<'_>) -> R<'_, &str> {
    let (rest, t) = label(
        i,
        "a tag such as a001 at the start of the line",
        take_while1(crate::core::is_tag_char),
    )?;
    Ok((rest, ascii(t)))
}

/// Text to the end of the line (not including it), as lossy UTF-8.
pub(crate) fn line_text(i: In<'_>) -> R<'_, String> {
    let (rest, t) = take_while(|b: u8| b != b'\r' && b != b'\n')(i)?;
    Ok((rest, String::from_utf8_lossy(t).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_overflow_without_panic() {
        assert_eq!(number(b"4294967295 ").map(|r| r.1), Ok(4_294_967_295));
        assert!(matches!(number(b"4294967296"), Err(nom::Err::Failure(_))));
        assert!(matches!(nz_number(b"0"), Err(nom::Err::Failure(_))));
    }

    #[test]
    fn quoted_strings_unescape() {
        assert_eq!(
            quoted(b"\"a\\\"b\\\\c\" ").map(|r| r.1),
            Ok(b"a\"b\\c".to_vec())
        );
        assert!(quoted(b"\"abc").is_err());
        assert!(quoted(b"\"a\\nb\"").is_err());
    }
}
