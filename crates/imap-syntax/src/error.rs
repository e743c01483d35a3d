//! Errors of this crate: [`ValueError`] for values that a validating
//! constructor refused, and [`ParseError`] for input that is not IMAP.

use crate::core::Tag;

/// A value that cannot be represented on the wire.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    /// A tag must be one or more ASTRING-CHARs other than `+`.
    #[error("{0:?} is not a valid tag: use letters and digits, such as a001")]
    Tag(String),
    /// An atom must be one or more ATOM-CHARs.
    #[error("{0:?} is not a valid atom")]
    Atom(String),
    /// A sequence set needs at least one element.
    #[error("a sequence set cannot be empty")]
    EmptySequenceSet,
    /// Sequence numbers and UIDs start at 1.
    #[error("0 is not a valid message number: numbering starts at 1")]
    Zero,
    /// Not a real calendar date.
    #[error("not a valid date")]
    Date,
    /// Not a real time of day or time zone.
    #[error("not a valid time or zone")]
    Time,
    /// Not valid modified UTF-7 (RFC 3501 §5.1.3).
    #[error("{0:?} is not valid modified UTF-7")]
    Utf7(String),
}

/// What kind of failure a [`ParseError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// The bytes do not follow the grammar.
    Syntax,
    /// The first word is not a command this server knows.
    UnknownCommand,
    /// A line was longer than the decoder's limit.
    LineTooLong,
    /// A literal announced more octets than the decoder's limit.
    LiteralTooLarge,
}

/// Input that is not valid IMAP, with what a learner needs to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("at column {}: expected {expected}, found {found}", .offset + 1)]
pub struct ParseError {
    /// What went wrong.
    pub kind: ParseErrorKind,
    /// Byte offset from the start of the command (or response) where the
    /// problem is; the terminal draws a caret under it.
    pub offset: usize,
    /// What was expected there, in words a learner understands, for
    /// example "a sequence set such as 1:5 or 2,4:*".
    pub expected: String,
    /// What was found there, for example `")"` or "the end of the line".
    pub found: String,
    /// The tag, when it could be read, so the answer can be `tag BAD ...`.
    pub tag: Option<Tag>,
}
