//! Arbitrary bytes given to the snapshot reader (a file a learner restores
//! may be anything) give a store or an error, never a panic. A store it
//! accepts writes back to bytes that read as a store again, and writing
//! that one gives the same bytes: reading checks every invariant, so what
//! passes is a store the writer can keep.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailstore::snapshot;

fuzz_target!(|data: &[u8]| {
    let Ok(store) = snapshot::read(data) else {
        return;
    };
    let bytes = snapshot::write(&store);
    let again = snapshot::read(&bytes).expect("a written snapshot reads back");
    assert_eq!(snapshot::write(&again), bytes, "writing is not stable");
});
