//! Modified UTF-7 (RFC 3501 §5.1.3), the wire form of mailbox names.
//!
//! Printable US-ASCII (0x20 to 0x7e) stands for itself, except `&`, which
//! is written `&-`. Any other characters are written as UTF-16 in a
//! modified base64 (`,` instead of `/`, no padding) between `&` and `-`:
//! `Entwürfe` is `Entw&APw-rfe`.
//!
//! Decoding is strict, as Dovecot's: 8-bit or control bytes, an
//! unterminated `&` run, leftover bits, broken surrogates and printable
//! ASCII hidden inside a `&...-` run are all rejected.

use crate::error::ValueError;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

/// The value of one modified-base64 character.
fn b64_value(b: u8) -> Option<u32> {
    crate::base64::sextet(b, b',')
}

/// The alphabet's character for the low six bits of `bits`.
fn sextet(bits: u32) -> char {
    // Six bits always index the 64-character alphabet.
    ALPHABET
        .get((bits & 0x3f) as usize)
        .map_or('A', |&b| char::from(b))
}

/// Appends the modified base64 of UTF-16 units `units` to `out`.
fn push_base64(units: &[u16], out: &mut String) {
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    for unit in units {
        acc = (acc << 16) | u32::from(*unit);
        bits += 16;
        while bits >= 6 {
            bits -= 6;
            out.push(sextet(acc >> bits));
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(sextet(acc << (6 - bits)));
    }
}

/// Encodes a Unicode mailbox name to modified UTF-7.
pub fn encode(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending: Vec<u16> = Vec::new();
    for c in name.chars() {
        if (' '..='~').contains(&c) {
            if !pending.is_empty() {
                out.push('&');
                push_base64(&pending, &mut out);
                out.push('-');
                pending.clear();
            }
            if c == '&' {
                out.push_str("&-");
            } else {
                out.push(c);
            }
        } else {
            let mut buf = [0u16; 2];
            pending.extend_from_slice(c.encode_utf16(&mut buf));
        }
    }
    if !pending.is_empty() {
        out.push('&');
        push_base64(&pending, &mut out);
        out.push('-');
    }
    out
}

/// Decodes one `&...-` run (without the `&` and `-`) and appends it to `out`.
fn decode_run(run: &[u8], out: &mut String) -> Option<()> {
    let mut units: Vec<u16> = Vec::with_capacity(run.len() * 6 / 16 + 1);
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    for &b in run {
        acc = (acc << 6) | b64_value(b)?;
        bits += 6;
        if bits >= 16 {
            bits -= 16;
            units.push(((acc >> bits) & 0xffff) as u16);
            acc &= (1 << bits) - 1;
        }
    }
    // Leftover bits must be fewer than six and all zero.
    if bits >= 6 || acc != 0 || units.is_empty() {
        return None;
    }
    for c in char::decode_utf16(units.iter().copied()) {
        let c = c.ok()?;
        // Printable ASCII must stand for itself, never be hidden in a run.
        if (' '..='~').contains(&c) {
            return None;
        }
        out.push(c);
    }
    Some(())
}

/// Decodes a modified UTF-7 mailbox name to Unicode.
pub fn decode(wire: &str) -> Result<String, ValueError> {
    let bad = || ValueError::Utf7(wire.to_string());
    let bytes = wire.as_bytes();
    let mut out = String::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'&' => {
                let rest = bytes.get(i + 1..).unwrap_or_default();
                let end = rest.iter().position(|&c| c == b'-').ok_or_else(bad)?;
                let run = rest.get(..end).unwrap_or_default();
                if run.is_empty() {
                    out.push('&');
                } else {
                    decode_run(run, &mut out).ok_or_else(bad)?;
                }
                i += end + 2;
            }
            0x20..=0x7e => {
                out.push(char::from(b));
                i += 1;
            }
            _ => return Err(bad()),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_and_decodes_rfc_examples() {
        let cases = [
            ("Entwürfe", "Entw&APw-rfe"),
            ("☺!", "&Jjo-!"),
            ("A&B", "A&-B"),
            ("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"),
            ("INBOX", "INBOX"),
            ("😀", "&2D3eAA-"),
            ("", ""),
        ];
        for (unicode, wire) in cases {
            assert_eq!(encode(unicode), wire, "encode {unicode}");
            assert_eq!(decode(wire).as_deref(), Ok(unicode), "decode {wire}");
        }
    }

    #[test]
    fn rejects_invalid_input() {
        for wire in [
            "&Jjo",      // unterminated
            "&Jjo!-",    // bad base64 character
            "Entwürfe",  // 8-bit text is not modified UTF-7
            "&AGE-",     // printable ASCII hidden in a run
            "&2D0-",     // lone high surrogate
            "&Jjp-",     // leftover bits not zero
            "tab\there", // control character
            "&A-",       // too few bits for one UTF-16 unit
        ] {
            assert!(decode(wire).is_err(), "{wire:?} should be rejected");
        }
    }
}
