//! Deterministic demo data: alice/wonderland and bob/builder, and a bulk
//! generator for benchmarks. (Being written.)

use crate::store::Store;

/// The demo store: alice (INBOX with 30+ messages, Sent, Drafts, Trash,
/// Junk, Archive, test) and bob. Same bytes, dates and UIDs on every call.
pub fn demo_store() -> Store {
    todo!()
}
