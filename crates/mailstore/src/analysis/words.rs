//! RFC 2047 encoded words in header values, and the charsets this build
//! reads.
//!
//! mail-parser decodes encoded words through its table of every charset it
//! knows, which put 52 KB into the page's wasm module (8.5 KB of its
//! download). Mail in the playground is UTF-8, US-ASCII or one of the
//! Latin-1 family, so those are what [`charset_text`] reads; any other
//! charset is read as UTF-8 with replacement characters (the README says
//! so).

/// A header value with its encoded words (`=?charset?Q|B?text?=`)
/// decoded. Line folds are removed; white space between two adjacent
/// encoded words is dropped (RFC 2047 §6.2); text that only looks like an
/// encoded word is kept as it is.
pub fn decode_words(value: &[u8]) -> String {
    let unfolded = unfold_runs(value);
    let mut out = String::with_capacity(unfolded.len());
    let mut rest = unfolded.as_slice();
    // Spaces seen since the last encoded word, written only if plain text follows.
    let mut pending = String::new();
    let mut after_word = false;
    while !rest.is_empty() {
        if rest.starts_with(b"=?")
            && let Some((text, used)) = encoded_word(rest)
        {
            if !after_word {
                out.push_str(&pending);
            }
            pending.clear();
            out.push_str(&text);
            after_word = true;
            rest = rest.get(used..).unwrap_or_default();
            continue;
        }
        // Plain text up to the next space or possible encoded word.
        let space = rest.first().is_some_and(|b| *b == b' ' || *b == b'\t');
        let end = if space {
            rest.iter()
                .position(|b| *b != b' ' && *b != b'\t')
                .unwrap_or(rest.len())
        } else {
            rest.iter()
                .skip(1)
                .position(|b| *b == b' ' || *b == b'\t' || *b == b'=')
                .map_or(rest.len(), |p| p + 1)
        };
        let (chunk, tail) = rest.split_at(end);
        let chunk = String::from_utf8_lossy(chunk);
        if space {
            pending.push_str(&chunk);
        } else {
            out.push_str(&pending);
            pending.clear();
            out.push_str(&chunk);
            after_word = false;
        }
        rest = tail;
    }
    if !after_word {
        out.push_str(&pending);
    }
    out.trim().to_owned()
}

/// The value on one line: each line break, with the white space around
/// it, becomes one space.
fn unfold_runs(value: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.len());
    let mut i = 0;
    while let Some(&b) = value.get(i) {
        if b == b' ' || b == b'\t' || b == b'\r' || b == b'\n' {
            let run = value
                .get(i..)
                .unwrap_or_default()
                .iter()
                .take_while(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'))
                .count();
            let spaces = value.get(i..i + run).unwrap_or_default();
            if spaces.iter().any(|c| *c == b'\r' || *c == b'\n') {
                out.push(b' ');
            } else {
                out.extend_from_slice(spaces);
            }
            i += run;
        } else {
            out.push(b);
            i += 1;
        }
    }
    out
}

/// Decodes the encoded word at the start of `s` (which starts with `=?`):
/// its text and the bytes it used, or `None` if it is not one.
fn encoded_word(s: &[u8]) -> Option<(String, usize)> {
    let body = s.get(2..)?;
    let q1 = body.iter().position(|b| *b == b'?')?;
    let charset = body.get(..q1)?;
    let encoding = *body.get(q1 + 1)?;
    if body.get(q1 + 2) != Some(&b'?') {
        return None;
    }
    let text_start = q1 + 3;
    let text_len = body
        .get(text_start..)?
        .windows(2)
        .position(|w| w == b"?=")?;
    let text = body.get(text_start..text_start + text_len)?;
    if charset.is_empty() || text.iter().any(|b| *b == b' ' || *b == b'\t') {
        return None;
    }
    let bytes = match encoding.to_ascii_uppercase() {
        b'B' => mail_parser::decoders::base64::base64_decode(text)?,
        b'Q' => q_decode(text),
        _ => return None,
    };
    // RFC 2231 adds `*language` to the charset.
    let charset = String::from_utf8_lossy(charset);
    let charset = charset.split('*').next().unwrap_or_default();
    Some((charset_text(charset, &bytes), 2 + text_start + text_len + 2))
}

/// RFC 2047's Q encoding: `_` is a space, `=XX` a byte in hex.
fn q_decode(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while let Some(&b) = text.get(i) {
        match b {
            b'_' => out.push(b' '),
            b'=' => {
                let hex = text
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok());
                if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    out.push(v);
                    i += 3;
                    continue;
                }
                out.push(b'=');
            }
            _ => out.push(b),
        }
        i += 1;
    }
    out
}

/// `bytes` in `charset` as text: UTF-8 (and US-ASCII), ISO-8859-1,
/// ISO-8859-15 and windows-1252; anything else is read as UTF-8 with
/// replacement characters.
pub fn charset_text(charset: &str, bytes: &[u8]) -> String {
    let cs = charset.trim().to_ascii_lowercase();
    let latin = |map: fn(u8) -> char| bytes.iter().map(|b| map(*b)).collect::<String>();
    match cs.as_str() {
        "iso-8859-1" | "iso8859-1" | "iso_8859-1" | "latin1" | "latin-1" | "l1" | "cp819" => {
            latin(char::from)
        }
        "iso-8859-15" | "iso8859-15" | "iso_8859-15" | "latin9" | "latin-9" => latin(latin9),
        "windows-1252" | "cp1252" | "x-cp1252" => latin(windows_1252),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// ISO-8859-15: Latin-1 with eight places changed.
fn latin9(b: u8) -> char {
    match b {
        0xA4 => '€',
        0xA6 => 'Š',
        0xA8 => 'š',
        0xB4 => 'Ž',
        0xB8 => 'ž',
        0xBC => 'Œ',
        0xBD => 'œ',
        0xBE => 'Ÿ',
        _ => char::from(b),
    }
}

/// windows-1252: Latin-1 with printable characters in 0x80..=0x9F.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH
            .get(usize::from(b - 0x80))
            .copied()
            .unwrap_or('\u{FFFD}'),
        _ => char::from(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_words_are_decoded_and_plain_text_kept() {
        assert_eq!(decode_words(b"=?UTF-8?Q?Caf=C3=A9_notes?="), "Café notes");
        assert_eq!(
            decode_words(b"=?ISO-8859-1?q?Andr=E9?= Dupont"),
            "André Dupont"
        );
        assert_eq!(decode_words(b"=?utf-8?B?w6k=?="), "é");
        assert_eq!(decode_words(b"Re: plain text"), "Re: plain text");
        assert_eq!(decode_words(b"a =?utf-8?Q?b?= c"), "a b c");
        // White space between two encoded words goes; a fold is removed.
        assert_eq!(decode_words(b"=?utf-8?Q?a?=\r\n =?utf-8?Q?b?="), "ab");
        assert_eq!(decode_words(b"Hello\r\n world"), "Hello world");
        assert_eq!(decode_words(b"a\r\n  folded  note"), "a folded  note");
        // A language (RFC 2231) after the charset.
        assert_eq!(decode_words(b"=?ISO-8859-1*fr?Q?=E9t=E9?="), "été");
    }

    #[test]
    fn what_only_looks_like_an_encoded_word_is_kept() {
        for s in [
            "=?",
            "=?utf-8?Q?",
            "=?utf-8?X?abc?=",
            "=??Q?a?=",
            "=?utf-8?Q?a b?=",
            "a = b",
        ] {
            assert_eq!(decode_words(s.as_bytes()), s.trim());
        }
        assert_eq!(decode_words(b"=?utf-8?B?!!!?="), "=?utf-8?B?!!!?=");
    }

    #[test]
    fn charsets_of_the_latin_1_family() {
        assert_eq!(charset_text("ISO-8859-1", b"caf\xe9"), "café");
        assert_eq!(charset_text("iso-8859-15", b"\xa4 \xbd"), "€ œ");
        assert_eq!(charset_text("windows-1252", b"\x93hi\x94 \x80"), "“hi” €");
        assert_eq!(charset_text("koi8-r", b"ok \xff"), "ok \u{FFFD}");
        assert_eq!(charset_text("utf-8", "é".as_bytes()), "é");
    }
}
