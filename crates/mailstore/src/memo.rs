//! Bytes a user of the store derives from a message and keeps beside it.

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

/// Bytes that a user of the store derives from a message's content (its
/// raw bytes and [`Analysis`](crate::Analysis), which never change),
/// computed on first use and kept as long as the message. The store never
/// reads them and gives them no meaning: a slot is whatever its user
/// decides, as long as it depends on nothing but that content (the IMAP
/// engine keeps a message's encoded ENVELOPE, BODY and BODYSTRUCTURE).
///
/// A [`Message`] holds its memo inline (FETCH reads it for every message:
/// one pointer fewer to follow than behind an `Arc`). A clone starts
/// empty: what was derived can be derived again, and COPY clones every
/// message it copies. Never saved in a snapshot. Cost per message:
/// [`Memo::SLOTS`] empty cells (72 bytes on 64-bit targets, no
/// allocation) plus, once a slot is filled, one allocation holding its
/// bytes.
///
/// [`Message`]: crate::Message
#[derive(Default)]
pub struct Memo {
    slots: [OnceLock<Box<[u8]>>; Memo::SLOTS],
}

impl Memo {
    /// How many slots a memo has.
    pub const SLOTS: usize = 3;

    /// The bytes in `slot`, computed by `make` if the slot is empty. A slot
    /// past [`Memo::SLOTS`] keeps nothing: `make` runs every time.
    pub fn get_or_init(&self, slot: usize, make: impl FnOnce() -> Vec<u8>) -> Cow<'_, [u8]> {
        match self.slots.get(slot) {
            Some(cell) => Cow::Borrowed(cell.get_or_init(|| make().into_boxed_slice())),
            None => Cow::Owned(make()),
        }
    }

    /// The bytes in `slot`, if computed.
    pub fn get(&self, slot: usize) -> Option<&[u8]> {
        self.slots.get(slot)?.get().map(|b| &**b)
    }

    /// The bytes held in all slots together.
    pub fn held(&self) -> usize {
        self.slots
            .iter()
            .filter_map(OnceLock::get)
            .map(|b| b.len())
            .sum()
    }
}

impl Clone for Memo {
    /// An empty memo (see the type's documentation).
    fn clone(&self) -> Self {
        Memo::default()
    }
}

impl fmt::Debug for Memo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Memo").field("held", &self.held()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_once_per_slot() {
        let memo = Memo::default();
        let mut runs = 0;
        let first = memo.get_or_init(1, || {
            runs += 1;
            b"one".to_vec()
        });
        assert_eq!(&*first, b"one");
        let again = memo.get_or_init(1, || {
            runs += 1;
            b"other".to_vec()
        });
        assert_eq!(&*again, b"one");
        assert_eq!(runs, 1);
        assert_eq!(memo.get(1), Some(&b"one"[..]));
        assert_eq!(memo.get(0), None);
        assert_eq!(memo.held(), 3);
    }

    #[test]
    fn a_slot_out_of_range_keeps_nothing() {
        let memo = Memo::default();
        assert_eq!(&*memo.get_or_init(Memo::SLOTS, || b"x".to_vec()), b"x");
        assert_eq!(memo.get(Memo::SLOTS), None);
        assert_eq!(memo.held(), 0);
    }

    #[test]
    fn a_clone_starts_empty() {
        let memo = Memo::default();
        let _ = memo.get_or_init(0, || b"derived".to_vec());
        assert_eq!(memo.clone().get(0), None);
    }

    #[test]
    fn costs_its_cells_only_while_empty() {
        assert!(size_of::<Memo>() <= 24 * Memo::SLOTS);
    }
}
