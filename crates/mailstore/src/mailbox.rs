//! One mailbox: its messages in UID order and its UID bookkeeping.
//!
//! (API contract; the implementation is being written.)

use std::collections::BTreeSet;

use crate::message::{Flags, Message};

/// A mailbox's identity, stable across RENAME, never reused in a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MailboxId(pub u64);

/// RFC 6154 special-use attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpecialUse {
    /// `\Sent`
    Sent,
    /// `\Drafts`
    Drafts,
    /// `\Trash`
    Trash,
    /// `\Junk`
    Junk,
    /// `\Archive`
    Archive,
}

/// A mailbox.
///
/// Invariants: `messages` is sorted by strictly ascending UID; every UID is
/// below `uid_next`; `uid_next` never decreases; `modseq` increases on every
/// change and each message's `modseq` is at most the mailbox's.
#[derive(Debug, Clone)]
pub struct MailboxData {
    /// Stable identity.
    pub id: MailboxId,
    /// UIDVALIDITY.
    pub uid_validity: u32,
    /// A `\Noselect` name: exists only as a parent in the hierarchy.
    pub noselect: bool,
    /// Special use, if any.
    pub special_use: Option<SpecialUse>,
    uid_next: u32,
    modseq: u64,
    first_recent_uid: u32,
    messages: Vec<Message>,
    keywords: BTreeSet<String>,
}

impl MailboxData {
    /// The messages, by ascending UID.
    pub fn messages(&self) -> &[Message] {
        &self.messages
    }
    /// UIDNEXT.
    pub fn uid_next(&self) -> u32 {
        self.uid_next
    }
    /// The highest modification sequence.
    pub fn modseq(&self) -> u64 {
        self.modseq
    }
    /// Keywords ever used in this mailbox, for the FLAGS response.
    pub fn keywords(&self) -> impl Iterator<Item = &str> {
        self.keywords.iter().map(String::as_str)
    }
    /// Index of the message with this UID.
    pub fn index_of_uid(&self, uid: u32) -> Option<usize> {
        self.messages.binary_search_by_key(&uid, |m| m.uid).ok()
    }
    /// Adds a message; analyses it once. Returns its UID.
    pub fn append(&mut self, raw: Vec<u8>, flags: Flags, internal_date: i64, zone: i16) -> u32 {
        let _ = (raw, flags, internal_date, zone, self.first_recent_uid);
        todo!("append")
    }
    /// Adds a copy of `message` (sharing its bytes and analysis) with a new UID.
    pub fn append_copy(&mut self, message: &Message) -> u32 {
        let _ = message;
        todo!("append_copy")
    }
    /// Replaces the flags of the message at `index`; bumps modseq if they changed.
    /// Returns whether they changed.
    pub fn set_flags(&mut self, index: usize, flags: Flags) -> bool {
        let _ = (index, flags);
        todo!("set_flags")
    }
    /// Removes the messages with these UIDs; returns the UIDs removed, ascending.
    pub fn expunge_uids(&mut self, uids: &[u32]) -> Vec<u32> {
        let _ = uids;
        todo!("expunge")
    }
    /// Hands out `\Recent`: returns the lowest UID that is recent for the
    /// caller (every present UID at or above it is recent for the caller
    /// alone) and moves the mark to `uid_next`, so no other session gets them.
    pub fn claim_recent(&mut self) -> u32 {
        todo!("claim_recent")
    }
}
