//! A session's picture of its selected mailbox: the sequence-number to UID
//! map it has told the client about, its `\Recent` messages, and how far it
//! has caught up with changes made by others.

use std::collections::{BTreeSet, HashMap};

use imap_syntax::{Data, FetchValue, SequenceSet};
use mailstore::{Account, MailboxData, MailboxId, Message};

use crate::convert;

/// The selected mailbox as one session sees it.
///
/// Invariants: `uids` is strictly ascending and is exactly the list of
/// messages the client has been told about (sequence number `n` is
/// `uids[n - 1]`); it changes only when the client is told (EXISTS,
/// EXPUNGE). `recent ⊆ uids`. `modseq` is the mailbox modification sequence
/// up to which flag changes have been reported.
#[derive(Debug, Clone)]
pub(crate) struct SelectedView {
    /// The mailbox's stable id (survives RENAME).
    pub id: MailboxId,
    /// The name it was selected under, for display.
    pub name: String,
    /// Opened with EXAMINE.
    pub read_only: bool,
    /// Sequence number `n` is `uids[n - 1]`.
    pub uids: Vec<u32>,
    /// Messages that are `\Recent` in this session.
    pub recent: BTreeSet<u32>,
    /// Flag changes up to this modseq have been reported.
    pub modseq: u64,
    /// Changes this session made itself and already reported: UID → the
    /// modseq of that change. Not reported again by [`SelectedView::sync`].
    pub own_changes: HashMap<u32, u64>,
}

impl SelectedView {
    /// The view of a freshly selected mailbox. `recent_from` is the first
    /// UID that is recent for this session (`u32::MAX` for none).
    pub fn open(name: &str, mailbox: &MailboxData, read_only: bool, recent_from: u32) -> Self {
        let uids: Vec<u32> = mailbox.messages().iter().map(|m| m.uid).collect();
        let recent = uids.iter().copied().filter(|u| *u >= recent_from).collect();
        SelectedView {
            id: mailbox.id,
            name: name.to_string(),
            read_only,
            uids,
            recent,
            modseq: mailbox.modseq(),
            own_changes: HashMap::new(),
        }
    }

    /// Number of messages the client knows of.
    pub fn exists(&self) -> u32 {
        u32::try_from(self.uids.len()).unwrap_or(u32::MAX)
    }

    /// Sequence number of a UID in this view.
    pub fn seq_of(&self, uid: u32) -> Option<u32> {
        self.uids
            .binary_search(&uid)
            .ok()
            .and_then(|i| u32::try_from(i + 1).ok())
    }

    /// Records a change this session made and has reported itself.
    pub fn note_own_change(&mut self, uid: u32, modseq: u64) {
        self.own_changes.insert(uid, modseq);
    }

    /// Brings the view up to date with the store and collects the untagged
    /// responses that tell the client. Returns `true` when the mailbox no
    /// longer exists (the session must end).
    pub fn sync(
        &mut self,
        account: &mut Account,
        expunges: bool,
        with_uid: bool,
        out: &mut Vec<Data>,
    ) -> bool {
        let Some(mailbox) = account.mailbox_by_id_mut(self.id) else {
            return true;
        };
        if mailbox.modseq() == self.modseq && mailbox.messages().len() == self.uids.len() {
            return false;
        }
        // 1. Expunges: UIDs in the view that the store no longer has.
        let recent_before = self.recent.len();
        if expunges {
            let mut kept = Vec::with_capacity(self.uids.len());
            let mut removed = 0u32;
            // Where the next UID's message is unless it is gone.
            let mut next = 0;
            for (index, uid) in self.uids.iter().enumerate() {
                if let Some(i) = mailbox.index_of_uid_near(*uid, next) {
                    next = i + 1;
                    kept.push(*uid);
                } else {
                    // Each EXPUNGE renumbers the later messages, so the
                    // number sent is the position after earlier removals.
                    let seq = u32::try_from(index + 1)
                        .unwrap_or(u32::MAX)
                        .saturating_sub(removed);
                    out.push(Data::Expunge(seq));
                    removed += 1;
                    self.recent.remove(uid);
                    self.own_changes.remove(uid);
                }
            }
            self.uids = kept;
        }

        // 2. New messages: UIDs above the highest one the view knows.
        let highest = self.uids.last().copied().unwrap_or(0);
        let start = mailbox.messages().partition_point(|m| m.uid <= highest);
        if start < mailbox.messages().len() {
            // The first session to hear of new messages gets their \Recent.
            let recent_from = if self.read_only {
                u32::MAX
            } else {
                mailbox.claim_recent()
            };
            for m in mailbox.messages().get(start..).unwrap_or_default() {
                self.uids.push(m.uid);
                if m.uid >= recent_from {
                    self.recent.insert(m.uid);
                }
            }
            out.push(Data::Exists(self.exists()));
            out.push(Data::Recent(
                u32::try_from(self.recent.len()).unwrap_or(u32::MAX),
            ));
        } else if self.recent.len() != recent_before {
            // Expunged recent messages change the RECENT count (Dovecot reports it).
            out.push(Data::Recent(
                u32::try_from(self.recent.len()).unwrap_or(u32::MAX),
            ));
        }

        // 3. Flag changes by others since the last report.
        if mailbox.modseq() > self.modseq {
            for m in mailbox
                .messages()
                .iter()
                .filter(|m| m.modseq > self.modseq && m.uid <= highest)
            {
                if self.own_changes.get(&m.uid) == Some(&m.modseq) {
                    continue;
                }
                if let Some(seq) = self.seq_of(m.uid) {
                    out.push(self.flags_update(seq, m, with_uid));
                }
            }
            self.modseq = mailbox.modseq();
        }
        self.own_changes.clear();
        false
    }

    /// `* n FETCH (FLAGS (...))`, with UID when asked.
    pub fn flags_update(&self, seq: u32, m: &Message, with_uid: bool) -> Data {
        let mut items = Vec::with_capacity(2);
        if with_uid {
            items.push(FetchValue::Uid(m.uid));
        }
        items.push(FetchValue::Flags(convert::flags(
            &m.flags,
            self.recent.contains(&m.uid),
        )));
        Data::Fetch { seq, items }
    }
}

impl SelectedView {
    /// Resolves a sequence set (or, with `uid`, a UID set) to positions in
    /// this view, ascending and without duplicates. Sequence numbers beyond
    /// the mailbox are the client's mistake; UIDs that do not exist are
    /// skipped silently (RFC 3501 §6.4.8).
    pub fn resolve(&self, set: &SequenceSet, uid: bool) -> Result<Vec<usize>, String> {
        let mut positions = Vec::new();
        if uid {
            let largest = self.uids.last().copied().unwrap_or(0);
            for (lo, hi) in set.resolved(largest) {
                let start = self.uids.partition_point(|u| *u < lo);
                let end = self.uids.partition_point(|u| *u <= hi);
                positions.extend(start..end);
            }
        } else {
            let exists = self.exists();
            for (lo, hi) in set.resolved(exists) {
                if exists == 0 {
                    return Err(
                        "The mailbox is empty: there are no message numbers to use".to_string()
                    );
                }
                if hi > exists {
                    return Err(format!(
                        "Message {hi} does not exist: this mailbox has {exists} messages, so use numbers 1 to {exists} (or *)"
                    ));
                }
                positions
                    .extend(usize::try_from(lo - 1).unwrap_or(0)..usize::try_from(hi).unwrap_or(0));
            }
        }
        positions.sort_unstable();
        positions.dedup();
        Ok(positions)
    }
}
