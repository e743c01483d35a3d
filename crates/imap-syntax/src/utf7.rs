//! Modified UTF-7 (RFC 3501 §5.1.3), the wire form of mailbox names.

use crate::error::ValueError;

/// Encodes a Unicode mailbox name to modified UTF-7.
pub fn encode(name: &str) -> String {
    // TODO(syntax-parsers): implement.
    name.to_string()
}

/// Decodes a modified UTF-7 mailbox name to Unicode.
pub fn decode(wire: &str) -> Result<String, ValueError> {
    // TODO(syntax-parsers): implement.
    Ok(wire.to_string())
}
