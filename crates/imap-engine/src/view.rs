//! A session's picture of its selected mailbox: the sequence-number to UID
//! map it has told the client about, its `\Recent` messages, and how far it
//! has caught up with changes made by others.

use std::collections::HashMap;

use imap_syntax::{
    Code, Data, FetchValue, Flag, FlagPerm, Response, SequenceSet, StatusKind, StatusResponse,
};
use mailstore::{Account, MailboxData, MailboxId, Message, Store, SystemFlag};

use crate::convert;

/// The selected mailbox as one session sees it.
///
/// Invariants: `uids` is strictly ascending and is exactly the list of
/// messages the client has been told about (sequence number `n` is
/// `uids[n - 1]`); it changes only when the client is told (EXISTS,
/// EXPUNGE). `recent ⊆ uids`, and is ascending too. `modseq` is the
/// mailbox modification sequence up to which flag changes have been
/// reported. The client knows exactly the mailbox's first `keywords_told`
/// keywords (from FLAGS), and no response shows it a keyword before the
/// FLAGS that announces it.
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
    /// UIDs of the messages that are `\Recent` in this session, ascending.
    /// New messages always have higher UIDs, so this only grows at its end
    /// (a sorted `Vec`, not a set: smaller in the wasm module, and faster).
    pub recent: Vec<u32>,
    /// Flag changes up to this modseq have been reported.
    pub modseq: u64,
    /// Changes this session made itself and already reported: UID → the
    /// modseq of that change. Not reported again by [`SelectedView::sync`].
    pub own_changes: HashMap<u32, u64>,
    /// How many of the mailbox's keywords (which only grow, in the order of
    /// first use) the client has been told of with FLAGS.
    pub keywords_told: usize,
    /// `$` (RFC 5182): the UIDs the last `SEARCH RETURN (SAVE)` kept,
    /// ascending. UIDs, not numbers, so that after an EXPUNGE `$` names
    /// the messages that are left; empty at SELECT.
    pub saved: Vec<u32>,
    /// CONDSTORE is on (a copy of the session's flag): every FETCH of a
    /// flag change carries UID and MODSEQ (RFC 7162 §3.1).
    pub condstore: bool,
    /// QRESYNC is on (a copy of the session's flag): expunges are told as
    /// `* VANISHED uids` instead of EXPUNGE (RFC 7162 §3.2.10).
    pub qresync: bool,
    /// The searches run with `RETURN (UPDATE)` (RFC 5267), in the order
    /// they were made; empty at SELECT, gone with the selection.
    pub watches: Vec<Watch>,
}

/// A search whose result the sync keeps telling about (RFC 5267 UPDATE).
/// Invariant: `hits` is exactly the result the client has been told,
/// as UIDs, ascending.
#[derive(Debug, Clone)]
pub(crate) struct Watch {
    /// The tag of the SEARCH, which names it in ADDTO and REMOVEFROM.
    pub tag: String,
    /// It was a UID SEARCH: changes are told as UIDs.
    pub uid: bool,
    /// Its keys, folded as SEARCH runs them.
    pub key: imap_syntax::SearchKey,
    /// Its result as the client knows it.
    pub hits: Vec<u32>,
}

/// `* FLAGS (...)` and `* OK [PERMANENTFLAGS (...)]` for a mailbox: the five
/// system flags and every keyword used in it; PERMANENTFLAGS adds `\*`
/// (a client may make up keywords), or is empty when the mailbox is
/// read-only. Sent by SELECT, and again when a keyword is first used
/// (RFC 3501 §7.2.6: a client keeps its list of flags from FLAGS).
pub(crate) fn flag_lists(mailbox: &MailboxData, read_only: bool) -> [Response; 2] {
    let mut flags: Vec<Flag> = SystemFlag::ALL
        .into_iter()
        .map(convert::system_flag)
        .collect();
    flags.extend(
        mailbox
            .keywords()
            .filter_map(|k| imap_syntax::Atom::new(k).ok().map(Flag::Keyword)),
    );
    let (permanent, text) = if read_only {
        (Vec::new(), "Read-only mailbox")
    } else {
        let permanent = flags
            .iter()
            .cloned()
            .map(FlagPerm::Flag)
            .chain([FlagPerm::Asterisk])
            .collect();
        (permanent, "Flags permitted")
    };
    [
        Response::Data(Data::Flags(flags)),
        Response::Status(StatusResponse {
            tag: None,
            kind: StatusKind::Ok,
            code: Some(Code::PermanentFlags(permanent)),
            text: text.to_string(),
        }),
    ]
}

impl SelectedView {
    /// This view's mailbox in the store, if it still exists (another
    /// session may have deleted it).
    pub fn mailbox_in<'s>(&self, store: &'s mut Store, user: &str) -> Option<&'s mut MailboxData> {
        store
            .account_mut(user)
            .and_then(|a| a.mailbox_by_id_mut(self.id))
    }
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
            keywords_told: mailbox.keyword_count(),
            saved: Vec::new(),
            condstore: false,
            qresync: false,
            watches: Vec::new(),
        }
    }

    /// Number of messages the client knows of.
    pub fn exists(&self) -> u32 {
        u32::try_from(self.uids.len()).unwrap_or(u32::MAX)
    }

    /// Is this UID in `$`, the saved search result?
    pub fn is_saved(&self, uid: u32) -> bool {
        self.saved.binary_search(&uid).is_ok()
    }

    /// Sequence number of a UID in this view.
    pub fn seq_of(&self, uid: u32) -> Option<u32> {
        self.uids
            .binary_search(&uid)
            .ok()
            .and_then(|i| u32::try_from(i + 1).ok())
    }

    /// FLAGS and PERMANENTFLAGS again when keywords were first used in the
    /// mailbox since the client was last told (by anyone: a STORE, an
    /// APPEND or a COPY, in any session); nothing otherwise. Sent before
    /// any response that could show such a keyword, as Dovecot does.
    pub fn announce_keywords(&mut self, mailbox: &MailboxData) -> Vec<Response> {
        if mailbox.keyword_count() <= self.keywords_told {
            return Vec::new();
        }
        self.keywords_told = mailbox.keyword_count();
        flag_lists(mailbox, self.read_only).into()
    }

    /// Records a change this session made and has reported itself.
    pub fn note_own_change(&mut self, uid: u32, modseq: u64) {
        self.own_changes.insert(uid, modseq);
    }

    /// Whether the message with this UID is `\Recent` in this session.
    pub fn is_recent(&self, uid: u32) -> bool {
        self.recent.binary_search(&uid).is_ok()
    }

    /// Whether the message at each of `positions` is recent in this
    /// session. For ascending positions (what [`SelectedView::resolve`]
    /// gives) one walk through the set, not a search per message: FETCH 1:*
    /// FLAGS of thousands of recent messages spent a quarter of its time
    /// searching.
    pub fn recent_at(&self, positions: &[usize]) -> Vec<bool> {
        let mut walk = self.recent.iter().peekable();
        let mut last = 0;
        positions
            .iter()
            .map(|pos| {
                let Some(&uid) = self.uids.get(*pos) else {
                    return false;
                };
                if uid < last {
                    return self.is_recent(uid);
                }
                last = uid;
                while walk.next_if(|r| **r < uid).is_some() {}
                walk.peek() == Some(&&uid)
            })
            .collect()
    }

    /// Brings the view up to date with the store and collects the untagged
    /// responses that tell the client. Returns `true` when the mailbox no
    /// longer exists (the session must end).
    pub fn sync(
        &mut self,
        account: &mut Account,
        (expunges, with_uid): (bool, bool),
        now: i64,
        out: &mut Vec<Response>,
    ) -> bool {
        let Some(mailbox) = account.mailbox_by_id_mut(self.id) else {
            return true;
        };
        // 0. New keywords, before any FETCH below can show one.
        out.extend(self.announce_keywords(mailbox));
        if mailbox.modseq() == self.modseq && mailbox.messages().len() == self.uids.len() {
            return false;
        }
        let recent_before = self.recent.len();
        let highest = self.uids.last().copied().unwrap_or(0);
        // The messages the searches kept with UPDATE look at again.
        let watching = !self.watches.is_empty();
        let mut changed = Vec::new();
        // 1. Flag changes by others since the last report, numbered as the
        // client knows the mailbox now (before the expunges below): Dovecot
        // tells them first too.
        if mailbox.modseq() > self.modseq {
            for m in mailbox
                .messages()
                .iter()
                .filter(|m| m.modseq > self.modseq && m.uid <= highest)
            {
                if watching {
                    changed.push(m.uid);
                }
                if self.own_changes.get(&m.uid) == Some(&m.modseq) {
                    continue;
                }
                if let Some(seq) = self.seq_of(m.uid) {
                    out.push(Response::Data(self.flags_update(seq, m, with_uid, mailbox)));
                }
            }
            self.modseq = mailbox.modseq();
        }
        // 2. Expunges: UIDs in the view that the store no longer has.
        if expunges {
            // Positions of the UIDs the store no longer has, found in one
            // ascending walk (a hint instead of a search per message).
            let mut gone = Vec::new();
            let mut next = 0;
            for (index, uid) in self.uids.iter().enumerate() {
                match mailbox.index_of_uid_near(*uid, next) {
                    Some(i) => next = i + 1,
                    None => gone.push(index),
                }
            }
            // What leaves the kept searches is told before the EXPUNGEs,
            // numbered as the client still knows the mailbox (as Dovecot).
            if watching && !gone.is_empty() {
                let expunged: Vec<u32> = gone
                    .iter()
                    .filter_map(|i| self.uids.get(*i).copied())
                    .collect();
                crate::cmd::search::watch_changes(
                    self,
                    mailbox,
                    (&changed, &expunged),
                    now,
                    true,
                    out,
                );
            }
            // Highest number first, as Dovecot: an EXPUNGE renumbers only
            // the messages after it, so every number sent is still the
            // message's position in the view as the client knew it. Under
            // QRESYNC one VANISHED names them all by UID.
            let mut vanished = Vec::new();
            for &index in gone.iter().rev() {
                let seq = u32::try_from(index + 1).unwrap_or(u32::MAX);
                if !self.qresync {
                    out.push(Response::Data(Data::Expunge(seq)));
                }
                if let Some(uid) = self.uids.get(index) {
                    vanished.push(*uid);
                }
            }
            vanished.reverse();
            self.recent
                .retain(|uid| vanished.binary_search(uid).is_err());
            if self.qresync
                && let Some(uids) = crate::cmd::condstore::number_set(&vanished)
            {
                out.push(Response::Data(Data::Vanished {
                    earlier: false,
                    uids,
                }));
            }
            let mut position = 0;
            self.uids.retain(|_| {
                let keep = gone.binary_search(&position).is_err();
                position += 1;
                keep
            });
        }

        // 3. New messages: UIDs above the highest one the view knew.
        let start = mailbox.messages().partition_point(|m| m.uid <= highest);
        let grew = start < mailbox.messages().len();
        if grew {
            // The first session to hear of new messages gets their \Recent.
            let recent_from = if self.read_only {
                u32::MAX
            } else {
                mailbox.claim_recent()
            };
            for m in mailbox.messages().get(start..).unwrap_or_default() {
                self.uids.push(m.uid);
                if watching {
                    changed.push(m.uid);
                }
                if m.uid >= recent_from {
                    self.recent.push(m.uid);
                }
            }
            out.push(Response::Data(Data::Exists(self.exists())));
        }
        // RECENT whenever the mailbox grew (RFC 3501 §7.3.2: it comes when
        // the size changes; Dovecot only when the count did), and when
        // expunged recent messages changed the count (Dovecot reports that).
        if grew || self.recent.len() != recent_before {
            out.push(Response::Data(Data::Recent(
                u32::try_from(self.recent.len()).unwrap_or(u32::MAX),
            )));
        }

        if watching {
            crate::cmd::search::watch_changes(self, mailbox, (&changed, &[]), now, false, out);
        }
        self.own_changes.clear();
        false
    }

    /// `* n FETCH (FLAGS (...))`, with UID when asked; `mailbox` is the
    /// message's (for its keywords' order and spelling). Under CONDSTORE,
    /// `* n FETCH (UID u MODSEQ (m) FLAGS (...))` always: RFC 7162 §3.1
    /// asks for UID and MODSEQ; MODSEQ before FLAGS as Dovecot writes it
    /// (Dovecot leaves UID out unless the command was a UID command).
    pub fn flags_update(
        &self,
        seq: u32,
        m: &Message,
        with_uid: bool,
        mailbox: &MailboxData,
    ) -> Data {
        let mut items = Vec::with_capacity(3);
        if with_uid || self.condstore {
            items.push(FetchValue::Uid(m.uid));
        }
        if self.condstore {
            items.push(FetchValue::ModSeq(m.modseq));
        }
        items.push(FetchValue::Flags(convert::flags(
            &m.flags,
            self.is_recent(m.uid),
            mailbox.keywords(),
        )));
        Data::Fetch { seq, items }
    }

    /// `* n FETCH (UID u MODSEQ (m))`: what a STORE .SILENT still tells a
    /// CONDSTORE client about a message it changed (RFC 7162 §3.1.3, as
    /// Dovecot), so that the client knows the new modseq.
    pub fn modseq_update(&self, seq: u32, m: &Message) -> Data {
        Data::Fetch {
            seq,
            items: vec![FetchValue::Uid(m.uid), FetchValue::ModSeq(m.modseq)],
        }
    }
}

impl SelectedView {
    /// Resolves a sequence set (or, with `uid`, a UID set) to positions in
    /// this view, ascending and without duplicates. Sequence numbers beyond
    /// the mailbox are the client's mistake; UIDs that do not exist are
    /// skipped silently (RFC 3501 §6.4.8).
    pub fn resolve(&self, set: &SequenceSet, uid: bool) -> Result<Vec<usize>, String> {
        let mut positions = Vec::new();
        if set.is_saved() {
            // `$`: the saved messages this view still numbers, in either
            // form; none is no mistake (RFC 5182 §2.1).
            let mut next = 0;
            for u in &self.saved {
                let from = self.uids.get(next..).unwrap_or_default();
                if let Ok(i) = from.binary_search(u) {
                    positions.push(next + i);
                    next += i + 1;
                }
            }
            return Ok(positions);
        }
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

#[cfg(test)]
mod tests {
    use mailstore::{Flags, MailboxData, MailboxId};

    use super::SelectedView;

    #[test]
    fn recent_at_walks_or_searches() {
        let mut mailbox = MailboxData::new(MailboxId(1), 1);
        for _ in 0..6 {
            mailbox.append(b"Subject: x\r\n\r\n".to_vec(), Flags::new(), 0, 0);
        }
        let mut view = SelectedView::open("INBOX", &mailbox, false, 3);
        view.recent.retain(|uid| *uid != 5);
        assert_eq!(
            view.recent_at(&[0, 1, 2, 3, 4, 5, 9]),
            [false, false, true, true, false, true, false]
        );
        assert_eq!(view.recent_at(&[5, 0, 2, 4]), [true, false, true, false]);
        assert_eq!(view.recent_at(&[]), [false; 0]);
    }
}
