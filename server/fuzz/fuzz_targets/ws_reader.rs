//! Arbitrary bytes from a page never panic the bridge's WebSocket reader,
//! and it always comes to an end: every result uses up input, and the
//! message bytes it hands on are never more than it was given. The first
//! byte sets the message size limit (0 to 16,320 bytes), so the limit is
//! crossed at every point.
#![no_main]

use futures_util::FutureExt;
use imap_playground::bridge::ws::{Incoming, Reader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((scale, wire)) = data.split_first() else {
        return;
    };
    let mut reader = Reader::new(wire, usize::from(*scale) * 64);
    let mut handed_on = 0usize;
    // Every frame takes at least six bytes (header and mask), so there
    // cannot be more results than bytes, plus the end.
    for _ in 0..=wire.len() {
        match reader.next().now_or_never() {
            Some(Ok(Incoming::Data(bytes) | Incoming::Ping(bytes))) => {
                handed_on += bytes.len();
                assert!(handed_on <= wire.len(), "more bytes out than in");
            }
            Some(Ok(_)) => {}
            Some(Err(_)) => return,
            None => panic!("a reader over a byte slice never waits"),
        }
    }
    panic!("more results than input bytes");
});
