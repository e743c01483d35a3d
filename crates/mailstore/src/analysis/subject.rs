//! What SORT and THREAD compare subjects and names by (RFC 5256): the base
//! subject, and text folded as i;unicode-casemap folds it.

/// The subject without what replies and forwards add (RFC 5256 §2.1):
/// `Re:`, `Fw:`, `Fwd:` (with any `[blob]` before the colon or the word),
/// a leading `[list]` tag, a trailing `(fwd)`, and `[fwd: …]` around the
/// whole, repeated until none is left; runs of white space become one
/// space.
pub fn base_subject(subject: &str) -> String {
    let mut s = String::with_capacity(subject.len());
    for word in subject
        .split([' ', '\t', '\r', '\n'])
        .filter(|w| !w.is_empty())
    {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(word);
    }
    loop {
        // (2) the trailer: "(fwd)" or white space at the end.
        loop {
            let t = s.trim_end();
            let t = match t.len().checked_sub(5).and_then(|i| t.get(i..)) {
                Some(end) if end.eq_ignore_ascii_case("(fwd)") => &t[..t.len() - 5],
                _ => t,
            };
            if t.len() == s.len() {
                break;
            }
            s.truncate(t.len());
        }
        // (3)-(5) the leaders, and a leading [blob] when something is left.
        loop {
            let before = s.len();
            let rest = strip_leader(&s);
            let rest = match strip_blob(rest) {
                Some(after) if !after.is_empty() => after,
                _ => rest,
            };
            s = rest.to_owned();
            if s.len() == before {
                break;
            }
        }
        // (6) "[fwd: ...]" around the whole: take it off and start again.
        let wrapped = s.len() >= 6
            && s.get(..5).is_some_and(|h| h.eq_ignore_ascii_case("[fwd:"))
            && s.ends_with(']');
        if !wrapped {
            return s;
        }
        s = s[5..s.len() - 1].to_owned();
    }
}

/// `subj-blob`: `[` anything but brackets `]`, then white space.
fn strip_blob(s: &str) -> Option<&str> {
    let inner = s.strip_prefix('[')?;
    let end = inner.find(['[', ']'])?;
    let after = inner[end..].strip_prefix(']')?;
    Some(after.trim_start_matches([' ', '\t']))
}

/// `subj-leader`: leading white space, or `*subj-blob` then `re`, `fw` or
/// `fwd`, white space, an optional blob and a colon. `s` is returned as it
/// is when it does not start with one.
fn strip_leader(s: &str) -> &str {
    let trimmed = s.trim_start_matches([' ', '\t']);
    if trimmed.len() != s.len() {
        return trimmed;
    }
    let mut rest = s;
    while let Some(after) = strip_blob(rest) {
        rest = after;
    }
    let lower = rest.get(..3).unwrap_or(rest).to_ascii_lowercase();
    let word = if lower.starts_with("fwd") {
        3
    } else if lower.starts_with("re") || lower.starts_with("fw") {
        2
    } else {
        return s;
    };
    let mut after = rest[word..].trim_start_matches([' ', '\t']);
    if let Some(a) = strip_blob(after) {
        after = a;
    }
    after.strip_prefix(':').unwrap_or(s)
}

/// A text as i;unicode-casemap compares it (RFC 5051, as Dovecot does):
/// each character titlecased, and the accented letters of Latin-1 taken
/// apart into the letter and its combining accent, so `Émile` sorts with
/// the E's, after `Emma`. Letters of other scripts are folded to lower
/// case (see below).
pub fn casemap(text: &str) -> String {
    const GRAVE: char = '\u{300}';
    const ACUTE: char = '\u{301}';
    const CIRC: char = '\u{302}';
    const TILDE: char = '\u{303}';
    const DIAER: char = '\u{308}';
    const RING: char = '\u{30a}';
    const CEDIL: char = '\u{327}';
    // U+00C0..=U+00DE: the letter and its accent ('\0': none).
    const LATIN1: [(char, char); 31] = [
        ('A', GRAVE),
        ('A', ACUTE),
        ('A', CIRC),
        ('A', TILDE),
        ('A', DIAER),
        ('A', RING),
        ('Æ', '\0'),
        ('C', CEDIL),
        ('E', GRAVE),
        ('E', ACUTE),
        ('E', CIRC),
        ('E', DIAER),
        ('I', GRAVE),
        ('I', ACUTE),
        ('I', CIRC),
        ('I', DIAER),
        ('Ð', '\0'),
        ('N', TILDE),
        ('O', GRAVE),
        ('O', ACUTE),
        ('O', CIRC),
        ('O', TILDE),
        ('O', DIAER),
        ('×', '\0'),
        ('Ø', '\0'),
        ('U', GRAVE),
        ('U', ACUTE),
        ('U', CIRC),
        ('U', DIAER),
        ('Y', ACUTE),
        ('Þ', '\0'),
    ];
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let code = u32::from(c);
        // Lower-case letters of Latin-1 sit 0x20 above their capitals.
        let upper = match code {
            0xE0..=0xFE if code != 0xF7 => code - 0x20,
            _ => code,
        };
        match (
            upper,
            usize::try_from(upper.wrapping_sub(0xC0))
                .ok()
                .and_then(|i| LATIN1.get(i)),
        ) {
            (0xC0..=0xDE, Some(&(letter, accent))) => {
                out.push(letter);
                if accent != '\0' {
                    out.push(accent);
                }
            }
            (0xFF, _) => out.extend(['Y', DIAER]),
            // ß has no single-letter capital: its simple titlecase is itself.
            (0xDF, _) => out.push(c),
            _ if c.is_ascii() => out.push(c.to_ascii_uppercase()),
            // Other scripts: folded to lower case, whose tables the module
            // has already (SEARCH uses them); upper case would add 15 KB
            // of tables to what the page downloads. Either folds case;
            // only the order against punctuation can differ from Dovecot.
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_subjects_lose_what_replies_and_forwards_add() {
        for (subject, base) in [
            ("Re: [list] Hello world (fwd)", "Hello world"),
            ("hello   WORLD", "hello WORLD"),
            ("[fwd: Re: Fwd: [list] hello world]", "hello world"),
            ("Fw: _misc", "_misc"),
            ("RE:re: Fwd[x]: zebra", "zebra"),
            ("[list] [other] Re: Re[2]: x (fwd) (FWD)", "x"),
            ("[only a blob]", "[only a blob]"),
            ("Re:", ""),
            ("  \t re : spaced", "spaced"),
            ("Reply needed", "Reply needed"),
            ("Fwdx: not a leader", "Fwdx: not a leader"),
            ("[fwd: [fwd: nested]]", "nested"),
        ] {
            assert_eq!(base_subject(subject), base, "{subject:?}");
        }
    }

    #[test]
    fn casemap_titlecases_and_takes_accents_apart() {
        assert_eq!(casemap("émile"), "E\u{301}MILE");
        assert!(casemap("Émile") > casemap("Emma"));
        assert!(casemap("Émile") < casemap("Zed"));
        assert!(casemap("_under") > casemap("zebra"));
        assert_eq!(casemap("ÿ÷ß"), "Y\u{308}÷ß");
    }
}
