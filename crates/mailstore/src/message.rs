//! A stored message and its flags.

use std::sync::Arc;

use crate::analysis::Analysis;
use crate::memo::Memo;

/// The five system flags a client can store (`\Recent` is per session and
/// lives in the engine, not here).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SystemFlag {
    /// `\Seen`
    Seen = 1,
    /// `\Answered`
    Answered = 2,
    /// `\Flagged`
    Flagged = 4,
    /// `\Deleted`
    Deleted = 8,
    /// `\Draft`
    Draft = 16,
}

impl SystemFlag {
    /// All five, in the order IMAP lists them.
    pub const ALL: [SystemFlag; 5] = [
        SystemFlag::Answered,
        SystemFlag::Flagged,
        SystemFlag::Deleted,
        SystemFlag::Seen,
        SystemFlag::Draft,
    ];
}

/// A message's flags: system flags and keywords.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Flags {
    system: u8,
    /// Sorted, no two equal ignoring ASCII case.
    keywords: Vec<String>,
}

impl Flags {
    /// No flags.
    pub fn new() -> Self {
        Flags::default()
    }
    /// Is the system flag set?
    pub fn has(&self, f: SystemFlag) -> bool {
        self.system & f as u8 != 0
    }
    /// Sets a system flag.
    pub fn insert(&mut self, f: SystemFlag) {
        self.system |= f as u8;
    }
    /// Clears a system flag.
    pub fn remove(&mut self, f: SystemFlag) {
        self.system &= !(f as u8);
    }
    /// Is the keyword set? Keywords compare case-insensitively, as in Dovecot.
    pub fn has_keyword(&self, k: &str) -> bool {
        self.keywords.iter().any(|x| x.eq_ignore_ascii_case(k))
    }
    /// Sets a keyword (keeping an existing spelling).
    pub fn insert_keyword(&mut self, k: &str) {
        if !self.has_keyword(k) {
            let at = self.keywords.partition_point(|x| x.as_str() < k);
            self.keywords.insert(at, k.to_string());
        }
    }
    /// Clears a keyword, in any case.
    pub fn remove_keyword(&mut self, k: &str) {
        self.keywords.retain(|x| !x.eq_ignore_ascii_case(k));
    }
    /// The keywords, sorted.
    pub fn keywords(&self) -> impl Iterator<Item = &str> {
        self.keywords.iter().map(String::as_str)
    }
    /// The set system flags, in [`SystemFlag::ALL`] order.
    pub fn system(&self) -> impl Iterator<Item = SystemFlag> + '_ {
        SystemFlag::ALL.into_iter().filter(|f| self.has(*f))
    }
}

/// A message in a mailbox.
#[derive(Debug, Clone)]
pub struct Message {
    /// The UID, unique and ascending within the mailbox's UIDVALIDITY.
    pub uid: u32,
    /// The flags.
    pub flags: Flags,
    /// Internal date, seconds since the Unix epoch.
    pub internal_date: i64,
    /// The zone the internal date is shown in, minutes east of UTC.
    pub internal_zone: i16,
    /// The mailbox modification sequence at this message's last change.
    pub modseq: u64,
    /// The message exactly as received. Shared by copies.
    pub raw: Arc<[u8]>,
    /// The analysis, computed once. Shared by copies.
    pub analysis: Arc<Analysis>,
    /// What users of the store derive from `raw` and `analysis` and keep
    /// here: empty until they fill it, and in a clone or a copy.
    pub memo: Memo,
}

impl Message {
    /// RFC822.SIZE: the size in octets.
    pub fn size(&self) -> u32 {
        u32::try_from(self.raw.len()).unwrap_or(u32::MAX)
    }
}
