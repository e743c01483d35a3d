//! Standard base64 (RFC 4648 §4, with `=` padding), as SASL exchanges use
//! it in AUTHENTICATE and in `+` continuation requests.

use std::fmt;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Encodes bytes as padded standard base64.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3).saturating_mul(4));
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        // Six bits always index the 64-character alphabet.
        let sextet = |shift: u32| {
            ALPHABET
                .get(((n >> shift) & 0x3f) as usize)
                .map_or('A', |&c| char::from(c))
        };
        out.push(sextet(18));
        out.push(sextet(12));
        out.push(if chunk.len() > 1 { sextet(6) } else { '=' });
        out.push(if chunk.len() > 2 { sextet(0) } else { '=' });
    }
    out
}

/// Text that is not valid padded base64.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base64Error {
    /// Byte offset of the first character that does not fit.
    pub offset: usize,
}

impl fmt::Display for Base64Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not valid base64 at column {}: use A-Z, a-z, 0-9, + and /, padded with = to a multiple of 4",
            self.offset.saturating_add(1)
        )
    }
}

impl std::error::Error for Base64Error {}

/// The value of one base64 character, if it is one.
fn value(c: u8) -> Option<u32> {
    sextet(c, b'/')
}

/// The value of one character of a base64 alphabet whose last character is
/// `last`: `/` in RFC 4648's, `,` in the modified base64 of mailbox names
/// (RFC 3501 §5.1.3).
pub(crate) fn sextet(c: u8, last: u8) -> Option<u32> {
    Some(u32::from(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ if c == last => 63,
        _ => return None,
    }))
}

/// Decodes padded standard base64. The length must be a multiple of four,
/// `=` may only end the text (at most two of them), and the unused bits
/// before the padding must be zero, so every byte string has exactly one
/// spelling.
pub fn decode(text: &str) -> Result<Vec<u8>, Base64Error> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return Err(Base64Error {
            offset: bytes.len() - bytes.len() % 4,
        });
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    let quads = bytes.len() / 4;
    for (qi, quad) in bytes.chunks(4).enumerate() {
        let base = qi * 4;
        let last = qi + 1 == quads;
        let pad = quad.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return Err(Base64Error {
                offset: base + 4 - pad,
            });
        }
        let mut n = 0_u32;
        for (i, &c) in quad.iter().enumerate() {
            let v = if i >= 4 - pad {
                0
            } else {
                value(c).ok_or(Base64Error { offset: base + i })?
            };
            n = n << 6 | v;
        }
        let decoded = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        let keep = 3 - pad;
        // Non-zero leftover bits would give a second spelling of the same bytes.
        let leftover = match pad {
            1 => n & 0xff,
            2 => n & 0xffff,
            _ => 0,
        };
        if leftover != 0 {
            return Err(Base64Error {
                offset: base + 3 - pad,
            });
        }
        out.extend_from_slice(decoded.get(..keep).unwrap_or(&[]));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_4648_test_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, coded) in vectors {
            assert_eq!(encode(plain.as_bytes()), coded);
            assert_eq!(decode(coded).unwrap(), plain.as_bytes());
        }
    }

    #[test]
    fn sasl_plain_example() {
        assert_eq!(encode(b"\0alice\0wonderland"), "AGFsaWNlAHdvbmRlcmxhbmQ=");
    }

    #[test]
    fn bad_text_is_refused_with_its_column() {
        assert_eq!(decode("Zm9").unwrap_err().offset, 0);
        assert_eq!(decode("Zm9vY*==").unwrap_err().offset, 5);
        assert!(decode("Zg==Zg==").is_err());
        assert!(decode("Z===").is_err());
        assert!(decode("Zh==").is_err(), "leftover bits must be zero");
    }

    #[test]
    fn every_byte_string_round_trips() {
        let all: Vec<u8> = (0..=255).collect();
        for len in 0..all.len() {
            let part = &all[..len];
            assert_eq!(decode(&encode(part)).unwrap(), part);
        }
    }
}
