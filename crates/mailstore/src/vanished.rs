//! Which UIDs left a mailbox, and when: what QRESYNC (RFC 7162) needs to
//! answer "what vanished since modseq n?" after the messages are gone.
//!
//! Kept compact and bounded: one entry per expunge and run of consecutive
//! UIDs (an EXPUNGE of 500 messages in a row is one entry), at most
//! [`VanishedLog::KEPT`] entries. When an entry must go, the oldest goes
//! and the log remembers up to which modseq it has forgotten: a question
//! about an earlier modseq gets `None`, and the caller answers with every
//! UID that is not present (RFC 7162 §3.2.5.1 lets a server report UIDs it
//! cannot tell apart that way). Not written to snapshots: a restored store
//! has forgotten everything before its restored modseq.

use std::collections::VecDeque;

/// The expunges of one mailbox, oldest first.
#[derive(Debug, Clone, Default)]
pub struct VanishedLog {
    /// `(first UID, last UID, modseq of the expunge)`, modseqs ascending.
    runs: VecDeque<(u32, u32, u64)>,
    /// Expunges at or below this modseq are not known any more (0: none
    /// was forgotten).
    forgotten_up_to: u64,
}

impl VanishedLog {
    /// The most runs kept (16 bytes each).
    pub const KEPT: usize = 4096;

    /// A log that knows nothing before `modseq` (a restored mailbox).
    pub fn forgetting_up_to(modseq: u64) -> Self {
        VanishedLog {
            runs: VecDeque::new(),
            forgotten_up_to: modseq,
        }
    }

    /// Records that `uids` (ascending) were expunged at `modseq`.
    pub fn record(&mut self, uids: &[u32], modseq: u64) {
        let mut run: Option<(u32, u32)> = None;
        for &uid in uids {
            run = match run {
                Some((lo, hi)) if hi.checked_add(1) == Some(uid) => Some((lo, uid)),
                Some((lo, hi)) => {
                    self.push((lo, hi, modseq));
                    Some((uid, uid))
                }
                None => Some((uid, uid)),
            };
        }
        if let Some((lo, hi)) = run {
            self.push((lo, hi, modseq));
        }
    }

    fn push(&mut self, run: (u32, u32, u64)) {
        if self.runs.len() >= Self::KEPT
            && let Some((_, _, modseq)) = self.runs.pop_front()
        {
            self.forgotten_up_to = self.forgotten_up_to.max(modseq);
        }
        self.runs.push_back(run);
    }

    /// The UIDs expunged after `modseq`, as ascending, merged runs; `None`
    /// when expunges after `modseq` may have been forgotten.
    pub fn since(&self, modseq: u64) -> Option<Vec<(u32, u32)>> {
        if modseq < self.forgotten_up_to {
            return None;
        }
        // Put in UID order by insertion (runs never overlap: a UID is
        // expunged once), which keeps a sort's code out of the wasm module.
        let mut runs: Vec<(u32, u32)> = Vec::new();
        for &(lo, hi, m) in &self.runs {
            if m > modseq {
                let at = runs.partition_point(|r| r.0 < lo);
                runs.insert(at, (lo, hi));
            }
        }
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(runs.len());
        for (lo, hi) in runs {
            match merged.last_mut() {
                Some((_, last)) if lo <= last.saturating_add(1) => *last = (*last).max(hi),
                _ => merged.push((lo, hi)),
            }
        }
        Some(merged)
    }
}

#[cfg(test)]
mod tests {
    use super::VanishedLog;

    #[test]
    fn runs_by_expunge_merged_when_asked() {
        let mut log = VanishedLog::default();
        log.record(&[2, 3, 4, 9], 10);
        log.record(&[5, 12], 11);
        assert_eq!(log.since(0), Some(vec![(2, 5), (9, 9), (12, 12)]));
        assert_eq!(log.since(10), Some(vec![(5, 5), (12, 12)]));
        assert_eq!(log.since(11), Some(vec![]));
        assert_eq!(log.runs.len(), 4);
    }

    #[test]
    fn the_oldest_runs_are_forgotten_and_said_so() {
        let mut log = VanishedLog::default();
        for i in 0..VanishedLog::KEPT + 2 {
            let uid = u32::try_from(i * 2 + 1).unwrap();
            log.record(&[uid], u64::try_from(i + 1).unwrap());
        }
        assert_eq!(log.runs.len(), VanishedLog::KEPT);
        assert_eq!(log.since(1), None);
        assert_eq!(log.since(2), Some(log.since(2).unwrap()));
        assert_eq!(log.since(2).unwrap().len(), VanishedLog::KEPT);
        let restored = VanishedLog::forgetting_up_to(7);
        assert_eq!(restored.since(6), None);
        assert_eq!(restored.since(7), Some(vec![]));
    }
}
