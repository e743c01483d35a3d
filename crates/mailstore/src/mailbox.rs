//! One mailbox: its messages in UID order and its UID bookkeeping.

use std::collections::VecDeque;
use std::sync::Arc;

use crate::analysis::Analysis;

use crate::memo::Memo;
use crate::message::{Flags, Message, SystemFlag};
use crate::vanished::VanishedLog;

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
/// Invariants (kept by every method; the message list is only changed here):
/// - `messages` is sorted by strictly ascending UID;
/// - every UID is below `uid_next`, and `uid_next` never decreases, so a UID
///   is never reused within one UIDVALIDITY;
/// - `modseq` strictly increases on every change (append, flag change,
///   expunge) and each message's `modseq` records its last change, so it is
///   at most the mailbox's;
/// - `keywords` only grows, in the order of first use, one spelling per
///   keyword (compared case-insensitively): every keyword ever stored on a
///   message is in it, so a session that has told its client of the first
///   `n` knows exactly which ones are new;
/// - `first_recent_uid <= uid_next`: messages at or above it have not been
///   handed out as `\Recent` to any session yet;
/// - `expunged` holds at most [`MailboxData::EXPUNGED_KEPT`] messages, none
///   of whose UIDs is in `messages`.
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
    /// UIDNEXT: above every UID ever given out here.
    uid_next: u32,
    /// The highest modification sequence: 1 for a mailbox never changed,
    /// so that the first change (2) is above what a client was told
    /// before it (RFC 7162's HIGHESTMODSEQ is positive; Dovecot starts at
    /// 1 too).
    modseq: u64,
    /// The lowest UID not yet claimed as `\Recent` by a session.
    first_recent_uid: u32,
    /// The messages, by strictly ascending UID.
    messages: Vec<Message>,
    /// Their UIDs, in the same order: a dense copy for lookups by UID,
    /// which then read one cache line per sixteen messages, not one per
    /// message (a SEARCH ALL after a large FETCH spent most of its time
    /// waiting for those lines).
    uids: Vec<u32>,
    /// Keywords ever used here, in the order of first use (kept in their
    /// first spelling).
    keywords: Vec<String>,
    /// The messages expunged most recently, oldest first (bytes and
    /// analysis shared, so each costs a few pointers and its flags). A
    /// session that has not yet been told of an EXPUNGE still numbers the
    /// message and may FETCH it: RFC 2180 §4.1.1 lets the server keep the
    /// message for that. Not written to snapshots.
    expunged: VecDeque<Message>,
    /// Which UIDs were expunged at which modseq, for QRESYNC (bounded,
    /// see [`VanishedLog`]). Not written to snapshots.
    vanished: VanishedLog,
}

impl MailboxData {
    /// How many expunged messages a mailbox keeps for sessions that still
    /// number them ([`MailboxData::expunged_message`]). A session that lags
    /// further behind finds nothing, and the engine answers without data.
    pub const EXPUNGED_KEPT: usize = 1024;

    /// An empty, selectable mailbox: UIDNEXT 1, modseq 1, no special use.
    pub fn new(id: MailboxId, uid_validity: u32) -> Self {
        MailboxData {
            id,
            uid_validity,
            noselect: false,
            special_use: None,
            uid_next: 1,
            modseq: 1,
            first_recent_uid: 1,
            messages: Vec::new(),
            uids: Vec::new(),
            keywords: Vec::new(),
            expunged: VecDeque::new(),
            vanished: VanishedLog::default(),
        }
    }
    /// An empty `\Noselect` placeholder (a parent that exists only in the hierarchy).
    pub fn placeholder(id: MailboxId, uid_validity: u32) -> Self {
        MailboxData {
            noselect: true,
            ..MailboxData::new(id, uid_validity)
        }
    }
    /// A copy of this mailbox under another identity: same messages (bytes
    /// and analyses shared), UIDs, flags, UIDNEXT, modseq and `\Recent` mark.
    pub fn clone_as(&self, id: MailboxId, uid_validity: u32) -> Self {
        MailboxData {
            id,
            uid_validity,
            ..self.clone()
        }
    }
    /// The messages, by ascending UID.
    pub fn messages(&self) -> &[Message] {
        &self.messages
    }
    /// The message at a 0-based index (sequence number minus one).
    pub fn message(&self, index: usize) -> Option<&Message> {
        self.messages.get(index)
    }
    /// Number of messages (EXISTS).
    pub fn len(&self) -> usize {
        self.messages.len()
    }
    /// No messages?
    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }
    /// UIDNEXT.
    pub fn uid_next(&self) -> u32 {
        self.uid_next
    }
    /// The highest modification sequence.
    pub fn modseq(&self) -> u64 {
        self.modseq
    }
    /// Keywords ever used in this mailbox, for the FLAGS response, in the
    /// order of first use (as Dovecot lists them): a new keyword comes last.
    pub fn keywords(&self) -> impl Iterator<Item = &str> {
        self.keywords.iter().map(String::as_str)
    }
    /// How many keywords have ever been used here: the first `n` of
    /// [`keywords`](Self::keywords) never change, so a count tells which
    /// ones are new since then.
    pub fn keyword_count(&self) -> usize {
        self.keywords.len()
    }
    /// Records a keyword as used here (case-insensitively; the first spelling stays).
    pub fn note_keyword(&mut self, keyword: &str) {
        if !self
            .keywords
            .iter()
            .any(|k| k.eq_ignore_ascii_case(keyword))
        {
            self.keywords.push(keyword.to_string());
        }
    }
    /// Records every keyword of `flags` as used here.
    fn note_keywords(&mut self, flags: &Flags) {
        for k in flags.keywords() {
            self.note_keyword(k);
        }
    }
    /// Index of the message with this UID.
    pub fn index_of_uid(&self, uid: u32) -> Option<usize> {
        self.uids.binary_search(&uid).ok()
    }
    /// [`index_of_uid`](Self::index_of_uid), looking at index `hint` first.
    /// A walk over ascending UIDs passes the index after the last one
    /// found: while no message between them is gone, each lookup is then
    /// one comparison instead of a binary search over the whole mailbox.
    pub fn index_of_uid_near(&self, uid: u32, hint: usize) -> Option<usize> {
        match self.uids.get(hint) {
            Some(&u) if u == uid => Some(hint),
            _ => self.index_of_uid(uid),
        }
    }
    /// Messages without `\Seen` (STATUS UNSEEN).
    pub fn unseen_count(&self) -> u32 {
        let n = self
            .messages
            .iter()
            .filter(|m| !m.flags.has(SystemFlag::Seen))
            .count();
        u32::try_from(n).unwrap_or(u32::MAX)
    }
    /// Index of the first message without `\Seen` (for SELECT's `[UNSEEN n]`, add one).
    pub fn first_unseen_index(&self) -> Option<usize> {
        self.messages
            .iter()
            .position(|m| !m.flags.has(SystemFlag::Seen))
    }
    /// Number of present messages with a UID at or above `uid` (the
    /// `\Recent` count for a session whose [`claim_recent`](Self::claim_recent) returned `uid`).
    pub fn recent_count_from(&self, uid: u32) -> u32 {
        let start = self.uids.partition_point(|&u| u < uid);
        u32::try_from(self.messages.len().saturating_sub(start)).unwrap_or(u32::MAX)
    }
    /// Number of messages not yet claimed as `\Recent` by any session
    /// (STATUS RECENT, which must not claim them).
    pub fn unclaimed_recent_count(&self) -> u32 {
        self.recent_count_from(self.first_recent_uid)
    }
    /// Sum of the message sizes in octets (copies counted each time).
    pub fn total_bytes(&self) -> u64 {
        self.messages.iter().map(|m| m.raw.len() as u64).sum()
    }
    /// Takes the next UID and the next modseq; None when UIDs are exhausted.
    fn next_uid_and_modseq(&mut self) -> Option<(u32, u64)> {
        let uid = self.uid_next;
        self.uid_next = uid.checked_add(1)?;
        self.modseq = self.modseq.saturating_add(1);
        Some((uid, self.modseq))
    }
    /// Adds a message; analyses it once. Returns its UID.
    ///
    /// The flags' keywords are noted in [`keywords`](Self::keywords). If the
    /// UID space is exhausted (UIDNEXT would pass 2^32-1) the message is not
    /// added and 0 is returned; a client needs 4 billion appends to get there.
    pub fn append(&mut self, raw: Vec<u8>, flags: Flags, internal_date: i64, zone: i16) -> u32 {
        let analysis = Arc::new(Analysis::of(&raw));
        self.append_shared(Arc::from(raw), analysis, flags, internal_date, zone)
    }
    /// Adds a message whose bytes and analysis already exist (shared, not
    /// copied). Returns its UID (0 if the UID space is exhausted).
    pub fn append_shared(
        &mut self,
        raw: Arc<[u8]>,
        analysis: Arc<Analysis>,
        flags: Flags,
        internal_date: i64,
        zone: i16,
    ) -> u32 {
        let Some((uid, modseq)) = self.next_uid_and_modseq() else {
            return 0;
        };
        self.note_keywords(&flags);
        self.uids.push(uid);
        self.messages.push(Message {
            uid,
            flags,
            internal_date,
            internal_zone: zone,
            modseq,
            raw,
            analysis,
            memo: Memo::default(),
        });
        uid
    }
    /// Adds a copy of `message` (sharing its bytes and analysis; its memo
    /// starts empty) with a new UID. Flags and internal date are kept
    /// (RFC 3501 §6.4.7 SHOULD).
    pub fn append_copy(&mut self, message: &Message) -> u32 {
        self.append_shared(
            Arc::clone(&message.raw),
            Arc::clone(&message.analysis),
            message.flags.clone(),
            message.internal_date,
            message.internal_zone,
        )
    }
    /// Replaces the flags of the message at `index`; bumps modseq if they changed.
    /// Returns whether they changed (false too for an index out of range).
    pub fn set_flags(&mut self, index: usize, flags: Flags) -> bool {
        let Some(message) = self.messages.get(index) else {
            return false;
        };
        if message.flags == flags {
            return false;
        }
        self.note_keywords(&flags);
        self.modseq = self.modseq.saturating_add(1);
        let modseq = self.modseq;
        if let Some(message) = self.messages.get_mut(index) {
            message.flags = flags;
            message.modseq = modseq;
        }
        true
    }
    /// Removes the messages with these UIDs; returns the UIDs removed,
    /// ascending. Bumps modseq once if anything was removed.
    pub fn expunge_uids(&mut self, uids: &[u32]) -> Vec<u32> {
        let mut wanted = uids.to_vec();
        wanted.sort_unstable();
        let mut removed = Vec::new();
        let mut kept = Vec::with_capacity(self.messages.len());
        for m in std::mem::take(&mut self.messages) {
            if wanted.binary_search(&m.uid).is_ok() {
                removed.push(m.uid);
                if self.expunged.len() >= Self::EXPUNGED_KEPT {
                    self.expunged.pop_front();
                }
                self.expunged.push_back(m);
            } else {
                kept.push(m);
            }
        }
        self.messages = kept;
        self.uids = self.messages.iter().map(|m| m.uid).collect();
        if !removed.is_empty() {
            self.modseq = self.modseq.saturating_add(1);
            self.vanished.record(&removed, self.modseq);
        }
        removed
    }
    /// The UIDs expunged after `modseq`, as ascending runs `(first, last)`
    /// (QRESYNC's VANISHED (EARLIER)). When the mailbox no longer knows
    /// (too long ago, or before a restore), every UID below UIDNEXT that
    /// is not present: a superset the RFC allows.
    pub fn vanished_since(&self, modseq: u64) -> Vec<(u32, u32)> {
        if let Some(runs) = self.vanished.since(modseq) {
            return runs;
        }
        let mut runs = Vec::new();
        let mut next = 1u32;
        for &uid in self.uids.iter().chain(std::iter::once(&self.uid_next)) {
            if uid > next {
                runs.push((next, uid - 1));
            }
            next = uid.saturating_add(1);
        }
        runs
    }
    /// A message expunged recently (one of the last
    /// [`EXPUNGED_KEPT`](Self::EXPUNGED_KEPT)), as it was when expunged
    /// plus any flag changes made since by sessions that still number it.
    pub fn expunged_message(&self, uid: u32) -> Option<&Message> {
        self.expunged.iter().rev().find(|m| m.uid == uid)
    }
    /// Replaces the flags of a recently expunged message (a STORE from a
    /// session not yet told of the EXPUNGE, as Dovecot allows). Returns
    /// whether they changed; the mailbox's modseq does not move, since no
    /// present message changed. Its keywords are noted all the same: the
    /// session that stored them shows them.
    pub fn set_expunged_flags(&mut self, uid: u32, flags: Flags) -> bool {
        let Some(m) = self.expunged.iter_mut().rev().find(|m| m.uid == uid) else {
            return false;
        };
        if m.flags == flags {
            return false;
        }
        m.flags = flags.clone();
        self.note_keywords(&flags);
        true
    }
    /// Removes every message (UIDNEXT and UIDVALIDITY stay); returns how many.
    pub fn expunge_all(&mut self) -> usize {
        let uids = self.uids.clone();
        self.expunge_uids(&uids).len()
    }
    /// The lowest UID not yet claimed as `\Recent` (for [`crate::snapshot`]).
    pub(crate) fn first_recent_uid(&self) -> u32 {
        self.first_recent_uid
    }
    /// Rebuilds a mailbox from its parts (for [`crate::snapshot`]). `None`
    /// when the parts break an invariant: UIDs not strictly ascending or
    /// not below `uid_next`, a message modseq above the mailbox's, or
    /// `first_recent_uid > uid_next`. Keywords are kept in the order given,
    /// a repeated one dropped, and any keyword of a message that the list
    /// lacks added after them.
    pub(crate) fn from_parts(
        head: MailboxData,
        uid_next: u32,
        modseq: u64,
        first_recent_uid: u32,
        messages: Vec<Message>,
        keywords: Vec<String>,
    ) -> Option<Self> {
        let ascending = messages.windows(2).all(|w| match w {
            [a, b] => a.uid < b.uid,
            _ => true,
        });
        let bounded = messages
            .iter()
            .all(|m| m.uid > 0 && m.uid < uid_next && m.modseq <= modseq);
        if !ascending || !bounded || first_recent_uid > uid_next || uid_next == 0 {
            return None;
        }
        let mut mailbox = MailboxData {
            uid_next,
            // Snapshots written before modseqs started at 1 may say 0.
            modseq: modseq.max(1),
            first_recent_uid,
            uids: messages.iter().map(|m| m.uid).collect(),
            messages,
            keywords: Vec::new(),
            expunged: VecDeque::new(),
            vanished: VanishedLog::forgetting_up_to(modseq),
            ..head
        };
        for k in &keywords {
            mailbox.note_keyword(k);
        }
        let used: Vec<String> = mailbox
            .messages
            .iter()
            .flat_map(|m| m.flags.keywords().map(str::to_string))
            .collect();
        for k in &used {
            mailbox.note_keyword(k);
        }
        Some(mailbox)
    }
    /// Hands out `\Recent`: returns the lowest UID that is recent for the
    /// caller (every present UID at or above it is recent for the caller
    /// alone) and moves the mark to `uid_next`, so no other session gets them.
    pub fn claim_recent(&mut self) -> u32 {
        let first = self.first_recent_uid;
        self.first_recent_uid = self.uid_next;
        first
    }
}
