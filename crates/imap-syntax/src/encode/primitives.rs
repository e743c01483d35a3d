//! The small pieces every encoder is made of: strings in their three wire
//! forms, numbers, sequence sets, flags, dates and mailbox names.
//!
//! The rule for strings follows Dovecot: the shortest form the grammar
//! position allows that can carry the value exactly.
//! - an atom, where the grammar allows one (`astring`, `list-mailbox`) and the
//!   value is made only of the allowed characters and is not `NIL`;
//! - a quoted string when every byte is printable 7-bit (0x20..=0x7e), with
//!   `"` and `\` escaped;
//! - otherwise a synchronizing literal `{n}\r\n` followed by the bytes.

use crate::core::{
    Date, DateTime, Flag, FlagPerm, ListName, Mailbox, SeqNo, SeqRange, SequenceSet,
    is_astring_char,
};

/// Appends a decimal number (without a heap string: FETCH answers are
/// mostly numbers).
pub(crate) fn number(out: &mut Vec<u8>, n: u32) {
    decimal(out, u64::from(n));
}

/// Appends the decimal digits of `n`.
pub(crate) fn decimal(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    // Pushed one by one: a call to copy a few bytes cost more than the
    // digits (a third of `UID SEARCH ALL`'s time went to it).
    out.reserve(digits.len() - at);
    for &d in digits.get(at..).unwrap_or_default() {
        out.push(d);
    }
}

/// Can `bytes` travel as a quoted string? Printable 7-bit only: no CR, LF,
/// NUL, other controls or 8-bit bytes.
pub(crate) fn is_quotable(bytes: &[u8]) -> bool {
    bytes.iter().all(|&b| (0x20..=0x7e).contains(&b))
}

/// Appends a quoted string. The caller has checked [`is_quotable`].
pub(crate) fn quoted(out: &mut Vec<u8>, bytes: &[u8]) {
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // Copy the runs between the bytes that need a backslash in one go.
    let mut rest = bytes;
    while let Some(at) = rest.iter().position(|&b| b == b'"' || b == b'\\') {
        let (run, tail) = rest.split_at(at);
        out.extend_from_slice(run);
        out.push(b'\\');
        if let Some((&b, after)) = tail.split_first() {
            out.push(b);
            rest = after;
        } else {
            rest = tail;
        }
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// Appends a synchronizing literal: `{n}\r\n` and the bytes.
pub(crate) fn literal(out: &mut Vec<u8>, bytes: &[u8]) {
    out.reserve(bytes.len() + 16);
    out.push(b'{');
    decimal(out, bytes.len() as u64);
    out.extend_from_slice(b"}\r\n");
    out.extend_from_slice(bytes);
}

/// Appends a `string`: quoted when possible, else a literal. Never an atom.
pub(crate) fn string(out: &mut Vec<u8>, bytes: &[u8]) {
    if is_quotable(bytes) {
        quoted(out, bytes);
    } else {
        literal(out, bytes);
    }
}

/// Appends an `nstring`: `NIL` for `None`, else a [`string`].
pub(crate) fn nstring(out: &mut Vec<u8>, value: Option<&[u8]>) {
    match value {
        None => out.extend_from_slice(b"NIL"),
        Some(bytes) => string(out, bytes),
    }
}

/// Appends an `nstring` whose value is always a literal when present, as
/// Dovecot writes message contents (`BODY[] {342}`).
pub(crate) fn nliteral(out: &mut Vec<u8>, value: Option<&[u8]>) {
    match value {
        None => out.extend_from_slice(b"NIL"),
        Some(bytes) => literal(out, bytes),
    }
}

/// Is `bytes` the word `NIL` in any case? Such a value is never written
/// bare, so no reader can mistake it for the NIL of an `nstring`.
fn is_nil(bytes: &[u8]) -> bool {
    bytes.eq_ignore_ascii_case(b"NIL")
}

/// Appends an `astring`: an atom (of `ASTRING-CHAR`s) when possible.
pub(crate) fn astring(out: &mut Vec<u8>, bytes: &[u8]) {
    if !bytes.is_empty() && !is_nil(bytes) && bytes.iter().all(|&b| is_astring_char(b)) {
        out.extend_from_slice(bytes);
    } else {
        string(out, bytes);
    }
}

/// Appends a `list-mailbox`: like an astring, but the wildcards `%` and `*`
/// may stay bare.
pub(crate) fn list_mailbox(out: &mut Vec<u8>, bytes: &[u8]) {
    let list_char = |b: u8| is_astring_char(b) || b == b'%' || b == b'*';
    if !bytes.is_empty() && !is_nil(bytes) && bytes.iter().all(|&b| list_char(b)) {
        out.extend_from_slice(bytes);
    } else {
        string(out, bytes);
    }
}

/// Appends a mailbox name: `INBOX`, or the modified UTF-7 form as an
/// astring (a name that is not modified UTF-7 goes as it was sent).
pub(crate) fn mailbox(out: &mut Vec<u8>, mailbox: &Mailbox) {
    match mailbox {
        Mailbox::Inbox => out.extend_from_slice(b"INBOX"),
        Mailbox::Other(name) => astring(out, crate::utf7::encode(name).as_bytes()),
        Mailbox::NotUtf7(wire) => astring(out, wire.as_bytes()),
    }
}

/// The wire text of a LIST argument: modified UTF-7, or as it was sent.
pub(crate) fn list_name(name: &ListName) -> std::borrow::Cow<'_, str> {
    match name {
        ListName::Text(text) => crate::utf7::encode(text).into(),
        ListName::NotUtf7(wire) => wire.as_str().into(),
    }
}

/// Appends items separated by single spaces.
pub(crate) fn spaced<T>(out: &mut Vec<u8>, items: &[T], mut each: impl FnMut(&mut Vec<u8>, &T)) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        each(out, item);
    }
}

/// Appends `(item item ...)`.
pub(crate) fn paren_list<T>(out: &mut Vec<u8>, items: &[T], each: impl FnMut(&mut Vec<u8>, &T)) {
    out.push(b'(');
    spaced(out, items, each);
    out.push(b')');
}

/// Appends a flag such as `\Seen` or `$Forwarded`, as its `Display`
/// writes it (without a heap string: every FETCH FLAGS writes some).
pub(crate) fn flag(out: &mut Vec<u8>, flag: &Flag) {
    let word: &[u8] = match flag {
        Flag::Seen => b"\\Seen",
        Flag::Answered => b"\\Answered",
        Flag::Flagged => b"\\Flagged",
        Flag::Deleted => b"\\Deleted",
        Flag::Draft => b"\\Draft",
        Flag::Recent => b"\\Recent",
        Flag::Keyword(a) => a.as_str().as_bytes(),
        Flag::Extension(a) => {
            out.push(b'\\');
            a.as_str().as_bytes()
        }
    };
    out.extend_from_slice(word);
}

/// Appends `(flag flag ...)`.
pub(crate) fn flag_list(out: &mut Vec<u8>, flags: &[Flag]) {
    paren_list(out, flags, flag);
}

/// Appends a PERMANENTFLAGS entry.
pub(crate) fn flag_perm(out: &mut Vec<u8>, perm: &FlagPerm) {
    match perm {
        FlagPerm::Flag(f) => flag(out, f),
        FlagPerm::Asterisk => out.extend_from_slice(b"\\*"),
    }
}

/// Appends one end of a range: a number or `*`.
pub(crate) fn seq_no(out: &mut Vec<u8>, n: SeqNo) {
    match n {
        SeqNo::Value(v) => number(out, v.get()),
        SeqNo::Largest => out.push(b'*'),
    }
}

/// Appends a sequence set as written, such as `1:5,7,9:*`, or `$`.
pub(crate) fn sequence_set(out: &mut Vec<u8>, set: &SequenceSet) {
    if set.is_saved() {
        out.push(b'$');
        return;
    }
    for (i, range) in set.ranges().iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        match *range {
            SeqRange::Single(a) => seq_no(out, a),
            SeqRange::Range(a, b) => {
                seq_no(out, a);
                out.push(b':');
                seq_no(out, b);
            }
        }
    }
}

/// Appends a `date` bare, such as `1-Feb-1994`.
pub(crate) fn date(out: &mut Vec<u8>, date: &Date) {
    out.extend_from_slice(date.to_string().as_bytes());
}

/// Appends a quoted `date-time`, such as `"17-Jul-1996 02:44:25 -0700"`.
pub(crate) fn date_time(out: &mut Vec<u8>, dt: &DateTime) {
    out.push(b'"');
    out.extend_from_slice(dt.to_string().as_bytes());
    out.push(b'"');
}

/// Appends free text (`text` of a status response or continuation) with
/// CR, LF and NUL turned into spaces, so the line cannot be cut short.
pub(crate) fn text(out: &mut Vec<u8>, s: &str) {
    out.extend(s.bytes().map(|b| {
        if matches!(b, b'\r' | b'\n' | 0) {
            b' '
        } else {
            b
        }
    }));
}

/// Appends a hierarchy delimiter: `NIL` or a quoted character. The grammar
/// allows only the quoted form here (`DQUOTE QUOTED-CHAR DQUOTE`), so even
/// an 8-bit character is quoted, as UTF-8; only CR, LF and NUL, which no
/// quoted string can hold, fall back to a literal.
pub(crate) fn delimiter(out: &mut Vec<u8>, delim: Option<char>) {
    match delim {
        None => out.extend_from_slice(b"NIL"),
        Some(c) => {
            let mut buf = [0_u8; 4];
            let s = c.encode_utf8(&mut buf);
            if matches!(c, '\r' | '\n' | '\0') {
                literal(out, s.as_bytes());
            } else {
                quoted(out, s.as_bytes());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(f: impl FnOnce(&mut Vec<u8>)) -> String {
        let mut out = Vec::new();
        f(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn strings_take_the_shortest_safe_form() {
        assert_eq!(with(|o| astring(o, b"alice")), "alice");
        assert_eq!(with(|o| astring(o, b"a]b")), "a]b");
        assert_eq!(with(|o| astring(o, b"")), "\"\"");
        assert_eq!(with(|o| astring(o, b"nil")), "\"nil\"");
        assert_eq!(with(|o| astring(o, b"two words")), "\"two words\"");
        assert_eq!(
            with(|o| astring(o, b"say \"hi\" \\o/")),
            r#""say \"hi\" \\o/""#
        );
        assert_eq!(with(|o| astring(o, b"a\r\nb")), "{4}\r\na\r\nb");
        assert_eq!(with(|o| string(o, b"atom")), "\"atom\"");
        assert_eq!(
            with(|o| string(o, "caf\u{e9}".as_bytes())),
            "{5}\r\ncaf\u{e9}"
        );
        assert_eq!(with(|o| nstring(o, None)), "NIL");
        assert_eq!(with(|o| list_mailbox(o, b"INBOX.%")), "INBOX.%");
        assert_eq!(with(|o| list_mailbox(o, b"")), "\"\"");
    }

    #[test]
    fn flags_are_written_as_displayed() {
        let flags = [
            Flag::Seen,
            Flag::Answered,
            Flag::Flagged,
            Flag::Deleted,
            Flag::Draft,
            Flag::Recent,
            Flag::Keyword(crate::core::Atom::new("$Forwarded").unwrap()),
            Flag::Extension(crate::core::Atom::new("Junk").unwrap()),
        ];
        for f in &flags {
            assert_eq!(with(|o| flag(o, f)), f.to_string());
        }
        assert_eq!(with(|o| flag(o, &flags[7])), "\\Junk");
    }

    #[test]
    fn text_cannot_break_the_line() {
        assert_eq!(with(|o| text(o, "a\r\nb\0c")), "a  b c");
    }

    #[test]
    fn delimiters_are_quoted_and_escaped() {
        assert_eq!(with(|o| delimiter(o, Some('/'))), "\"/\"");
        assert_eq!(with(|o| delimiter(o, Some('\\'))), "\"\\\\\"");
        assert_eq!(with(|o| delimiter(o, None)), "NIL");
        assert_eq!(with(|o| delimiter(o, Some('\u{b7}'))), "\"\u{b7}\"");
    }
}
