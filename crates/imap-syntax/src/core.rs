//! Values shared by commands and responses: tags, atoms, mailbox names,
//! sequence sets, flags and dates.
//!
//! Every type here is built through a validating constructor, so a value that
//! exists can always be written on the wire.

use std::fmt;
use std::num::NonZeroU32;

use crate::error::ValueError;

/// Is `b` an `ATOM-CHAR` (RFC 3501 §9): any CHAR except `atom-specials`?
pub fn is_atom_char(b: u8) -> bool {
    matches!(b, 0x21..=0x7e)
        && !matches!(
            b,
            b'(' | b')' | b'{' | b' ' | b'%' | b'*' | b'"' | b'\\' | b']'
        )
}

/// Is `b` an `ASTRING-CHAR`: an `ATOM-CHAR` or `]`?
pub fn is_astring_char(b: u8) -> bool {
    is_atom_char(b) || b == b']'
}

/// Is `b` allowed in a tag: an `ASTRING-CHAR` except `+`?
pub fn is_tag_char(b: u8) -> bool {
    is_astring_char(b) && b != b'+'
}

/// A non-empty string whose every byte passes `$valid`: the type, its
/// checked constructor (refusing with `ValueError::$name`), `as_str` and
/// `Display`. Tags and atoms are this same thing with different bytes.
macro_rules! checked_text {
    ($(#[$doc:meta])* $name:ident, $valid:ident, $a:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            #[doc = concat!("Validates and builds ", $a, ".")]
            pub fn new(s: impl Into<String>) -> Result<Self, ValueError> {
                let s = s.into();
                if s.is_empty() || !s.bytes().all($valid) {
                    return Err(ValueError::$name(s));
                }
                Ok($name(s))
            }

            #[doc = concat!("The text of ", $a, ".")]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

checked_text!(
    /// A command tag such as `a001`: one or more `ASTRING-CHAR`s except `+`.
    Tag,
    is_tag_char,
    "a tag"
);

checked_text!(
    /// An atom: one or more `ATOM-CHAR`s. Used for keywords, capability names,
    /// SASL mechanism names and response-code names.
    Atom,
    is_atom_char,
    "an atom"
);

/// A mailbox name, decoded from modified UTF-7 to Unicode.
///
/// `INBOX` is case-insensitive (RFC 3501 §5.1): any spelling of it becomes
/// [`Mailbox::Inbox`], and hierarchy below it (`INBOX/Sub`) keeps its text.
///
/// A client may also send a name that is not modified UTF-7 at all (`&`
/// not followed by `-` or valid base64, 8-bit text in quotes): the command
/// is still well-formed, but the name names no mailbox, and a server
/// answers NO rather than BAD (as Dovecot does). Such a name is kept as
/// sent, in [`Mailbox::NotUtf7`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mailbox {
    /// The special name INBOX, in any case.
    Inbox,
    /// Any other name, as Unicode text. Never a case variant of "INBOX".
    Other(String),
    /// A name that is not valid modified UTF-7, as the client sent it.
    /// Only commands carry it (a parsed response keeps what the server sent
    /// in [`Mailbox::Other`]).
    NotUtf7(String),
}

impl Mailbox {
    /// Builds a mailbox from its Unicode name, folding INBOX.
    pub fn new(name: impl Into<String>) -> Self {
        let name = name.into();
        if name.eq_ignore_ascii_case("INBOX") {
            Mailbox::Inbox
        } else {
            Mailbox::Other(name)
        }
    }

    /// The Unicode name (`INBOX` for the inbox), or, for
    /// [`Mailbox::NotUtf7`], the text as sent.
    pub fn as_str(&self) -> &str {
        match self {
            Mailbox::Inbox => "INBOX",
            Mailbox::Other(s) | Mailbox::NotUtf7(s) => s,
        }
    }
}

impl fmt::Display for Mailbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A LIST or LSUB argument, the reference name or the pattern: Unicode
/// text decoded from modified UTF-7 (the pattern with its wildcards `*` and
/// `%`), or, when the client's text is not modified UTF-7, that text as
/// sent, which matches no mailbox (see [`Mailbox::NotUtf7`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ListName {
    /// Decoded Unicode text.
    Text(String),
    /// Not valid modified UTF-7, as the client sent it.
    NotUtf7(String),
}

impl ListName {
    /// The Unicode text, or the text as sent for [`ListName::NotUtf7`].
    pub fn as_str(&self) -> &str {
        match self {
            ListName::Text(s) | ListName::NotUtf7(s) => s,
        }
    }
}

impl From<&str> for ListName {
    fn from(text: &str) -> Self {
        ListName::Text(text.to_string())
    }
}

impl fmt::Display for ListName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One end of a sequence range: a number, or `*` (the largest number in use).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SeqNo {
    /// A message sequence number or UID, never zero.
    Value(NonZeroU32),
    /// `*`: the last message (or the largest UID).
    Largest,
}

impl SeqNo {
    /// Resolves `*` to `largest`.
    pub fn resolve(self, largest: u32) -> u32 {
        match self {
            SeqNo::Value(v) => v.get(),
            SeqNo::Largest => largest,
        }
    }
}

/// One element of a sequence set: a single number or a range `a:b`.
/// A range may be written in either order (`5:2` means `2:5`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SeqRange {
    /// A single number or `*`.
    Single(SeqNo),
    /// A range, as written (not reordered).
    Range(SeqNo, SeqNo),
}

/// A non-empty sequence set such as `1:5,7,9:*`, or `$` (RFC 5182): the
/// messages the last `SEARCH RETURN (SAVE)` kept, which only the session
/// that saved them can resolve. A client's command may carry `$` (the
/// command parser reads it wherever a sequence set goes); a server's
/// response never does.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SequenceSet(Vec<SeqRange>);

impl SequenceSet {
    /// Builds a set from its elements; it must not be empty.
    pub fn new(ranges: Vec<SeqRange>) -> Result<Self, ValueError> {
        if ranges.is_empty() {
            return Err(ValueError::EmptySequenceSet);
        }
        Ok(SequenceSet(ranges))
    }

    /// A set of one number. `n` must not be zero.
    pub fn single(n: u32) -> Result<Self, ValueError> {
        let v = NonZeroU32::new(n).ok_or(ValueError::Zero)?;
        Ok(SequenceSet(vec![SeqRange::Single(SeqNo::Value(v))]))
    }

    /// `$`: the saved search result (RFC 5182). It has no ranges of its
    /// own; [`SequenceSet::contains`] is false and
    /// [`SequenceSet::resolved`] empty until the caller puts the saved
    /// messages in its place.
    pub fn saved() -> Self {
        SequenceSet(Vec::new())
    }

    /// Is this `$`, the saved search result?
    pub fn is_saved(&self) -> bool {
        self.0.is_empty()
    }

    /// The elements, as written (none for `$`).
    pub fn ranges(&self) -> &[SeqRange] {
        &self.0
    }

    /// Does the set contain `n`, with `*` meaning `largest`?
    pub fn contains(&self, n: u32, largest: u32) -> bool {
        self.0.iter().any(|r| match *r {
            SeqRange::Single(a) => a.resolve(largest) == n,
            SeqRange::Range(a, b) => {
                let (a, b) = (a.resolve(largest), b.resolve(largest));
                let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
                (lo..=hi).contains(&n)
            }
        })
    }

    /// Inclusive ranges with `*` resolved to `largest`, each ordered low to high.
    /// Ranges may overlap; callers that need a sorted, unique list merge them.
    pub fn resolved(&self, largest: u32) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.0.iter().map(move |r| match *r {
            SeqRange::Single(a) => {
                let a = a.resolve(largest);
                (a, a)
            }
            SeqRange::Range(a, b) => {
                let (a, b) = (a.resolve(largest), b.resolve(largest));
                if a <= b { (a, b) } else { (b, a) }
            }
        })
    }
}

/// A message flag.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Flag {
    /// `\Seen`
    Seen,
    /// `\Answered`
    Answered,
    /// `\Flagged`
    Flagged,
    /// `\Deleted`
    Deleted,
    /// `\Draft`
    Draft,
    /// `\Recent`: set by the server only; never valid in STORE or APPEND.
    Recent,
    /// A keyword such as `$Forwarded` or `Work` (an atom without backslash).
    Keyword(Atom),
    /// An unknown system-style flag `\Something`; the atom holds `Something`.
    Extension(Atom),
}

impl Flag {
    /// Builds a flag from its wire text, such as `\Seen` or `$Junk`.
    /// System flag names are case-insensitive.
    pub fn parse_name(s: &str) -> Result<Self, ValueError> {
        if let Some(rest) = s.strip_prefix('\\') {
            Ok(match rest.to_ascii_lowercase().as_str() {
                "seen" => Flag::Seen,
                "answered" => Flag::Answered,
                "flagged" => Flag::Flagged,
                "deleted" => Flag::Deleted,
                "draft" => Flag::Draft,
                "recent" => Flag::Recent,
                _ => Flag::Extension(Atom::new(rest)?),
            })
        } else {
            Ok(Flag::Keyword(Atom::new(s)?))
        }
    }
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Flag::Seen => f.write_str("\\Seen"),
            Flag::Answered => f.write_str("\\Answered"),
            Flag::Flagged => f.write_str("\\Flagged"),
            Flag::Deleted => f.write_str("\\Deleted"),
            Flag::Draft => f.write_str("\\Draft"),
            Flag::Recent => f.write_str("\\Recent"),
            Flag::Keyword(a) => write!(f, "{a}"),
            Flag::Extension(a) => write!(f, "\\{a}"),
        }
    }
}

/// An entry of a PERMANENTFLAGS list: a flag, or `\*` (new keywords may be created).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FlagPerm {
    /// A flag that can be stored permanently.
    Flag(Flag),
    /// `\*`: the client may create new keywords.
    Asterisk,
}

/// A calendar date, as in SEARCH's `SINCE 1-Feb-1994`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// English three-letter month names, as IMAP writes them.
pub const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Date {
    /// Validates and builds a date (year 1..=9999, a real day of that month).
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self, ValueError> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(ValueError::Date),
        };
        if year == 0 || year > 9999 || day == 0 || day > days {
            return Err(ValueError::Date);
        }
        Ok(Date { year, month, day })
    }

    /// The year.
    pub fn year(&self) -> u16 {
        self.year
    }
    /// The month, 1 to 12.
    pub fn month(&self) -> u8 {
        self.month
    }
    /// The day of the month, 1 to 31.
    pub fn day(&self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before), for comparisons and arithmetic.
    pub fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's days-from-civil algorithm, in our own words.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Result<Self, ValueError> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        let year = u16::try_from(year).map_err(|_| ValueError::Date)?;
        Date::new(year, month as u8, day as u8)
    }
}

/// The three-letter name of month 1 to 12 (a [`Date`] holds no other).
fn month_name(month: u8) -> &'static str {
    MONTHS
        .get(usize::from(month).saturating_sub(1))
        .copied()
        .unwrap_or("Jan")
}

impl fmt::Display for Date {
    /// Writes `d-Mon-yyyy`, for example `1-Feb-1994`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{}-{:04}",
            self.day,
            month_name(self.month),
            self.year
        )
    }
}

/// A date and time with a zone offset, as in INTERNALDATE and APPEND.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateTime {
    date: Date,
    hour: u8,
    minute: u8,
    second: u8,
    /// Offset from UTC in minutes, -1439..=1439.
    zone_minutes: i16,
}

impl DateTime {
    /// Validates and builds a date-time.
    pub fn new(
        date: Date,
        hour: u8,
        minute: u8,
        second: u8,
        zone_minutes: i16,
    ) -> Result<Self, ValueError> {
        if hour > 23 || minute > 59 || second > 60 || !(-1439..=1439).contains(&zone_minutes) {
            return Err(ValueError::Time);
        }
        Ok(DateTime {
            date,
            hour,
            minute,
            second,
            zone_minutes,
        })
    }

    /// Builds a UTC date-time from seconds since the Unix epoch.
    pub fn from_unix(secs: i64, zone_minutes: i16) -> Result<Self, ValueError> {
        let local = secs + i64::from(zone_minutes) * 60;
        let date = Date::from_days_since_epoch(local.div_euclid(86_400))?;
        let rem = local.rem_euclid(86_400);
        DateTime::new(
            date,
            (rem / 3600) as u8,
            ((rem / 60) % 60) as u8,
            (rem % 60) as u8,
            zone_minutes,
        )
    }

    /// The local date.
    pub fn date(&self) -> Date {
        self.date
    }
    /// Hour, minute and second of the local time.
    pub fn time(&self) -> (u8, u8, u8) {
        (self.hour, self.minute, self.second)
    }
    /// Offset from UTC in minutes.
    pub fn zone_minutes(&self) -> i16 {
        self.zone_minutes
    }

    /// Seconds since the Unix epoch (UTC).
    pub fn unix(&self) -> i64 {
        self.date.days_since_epoch() * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
            - i64::from(self.zone_minutes) * 60
    }
}

impl fmt::Display for DateTime {
    /// Writes the IMAP `date-time` form without quotes: `17-Jul-1996 02:44:25 -0700`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.zone_minutes < 0 { '-' } else { '+' };
        let z = self.zone_minutes.unsigned_abs();
        write!(
            f,
            "{:2}-{}-{:04} {:02}:{:02}:{:02} {}{:02}{:02}",
            self.date.day,
            month_name(self.date.month),
            self.date.year,
            self.hour,
            self.minute,
            self.second,
            sign,
            z / 60,
            z % 60
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_through_days() {
        for days in [-1000_i64, 0, 1, 59, 10_000, 20_000, 2_932_896] {
            let d = Date::from_days_since_epoch(days).unwrap();
            assert_eq!(d.days_since_epoch(), days);
        }
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().days_since_epoch(), 11_017);
        assert!(Date::new(2023, 2, 29).is_err());
        assert!(Date::new(2024, 2, 29).is_ok());
    }

    #[test]
    fn date_time_displays_like_rfc_3501() {
        let dt = DateTime::new(Date::new(1996, 7, 17).unwrap(), 2, 44, 25, -420).unwrap();
        assert_eq!(dt.to_string(), "17-Jul-1996 02:44:25 -0700");
        let back = DateTime::from_unix(dt.unix(), -420).unwrap();
        assert_eq!(back, dt);
    }

    #[test]
    fn sequence_sets_resolve_star_and_reversed_ranges() {
        let one = NonZeroU32::new(1).unwrap();
        let five = NonZeroU32::new(5).unwrap();
        let set = SequenceSet::new(vec![
            SeqRange::Range(SeqNo::Value(five), SeqNo::Value(one)),
            SeqRange::Single(SeqNo::Largest),
        ])
        .unwrap();
        assert!(set.contains(3, 10));
        assert!(set.contains(10, 10));
        assert!(!set.contains(7, 10));
        assert!(SequenceSet::new(vec![]).is_err());
    }

    #[test]
    fn tags_and_atoms_are_validated() {
        assert!(Tag::new("a001").is_ok());
        assert!(Tag::new("a+1").is_err());
        assert!(Tag::new("").is_err());
        assert!(Atom::new("$Forwarded").is_ok());
        assert!(Atom::new("a b").is_err());
        assert_eq!(Mailbox::new("inBox"), Mailbox::Inbox);
    }
}
