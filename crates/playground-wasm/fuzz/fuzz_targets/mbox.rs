//! The mbox importer, given arbitrary bytes as a learner's upload, never
//! panics: the file is split into messages, and those are imported into a
//! mailbox; every message is either appended or reported, and the mailbox
//! then holds exactly the appended ones.
#![no_main]

use libfuzzer_sys::fuzz_target;
use imap_engine::import;
use mailstore::Store;
use mailstore::mbox::split;

fuzz_target!(|data: &[u8]| {
    let Ok(messages) = split(data) else {
        return;
    };
    let count = messages.len();
    let mut store = Store::new();
    store.add_user("alice", "wonderland");
    let report = import(&mut store, "alice", "INBOX", messages, 1, 0);
    let held = store
        .account("alice")
        .and_then(|a| a.mailbox("INBOX"))
        .map_or(0, |m| m.len());
    assert_eq!(held, report.imported as usize, "imported count");
    assert!(
        report.imported as usize + report.errors.len() >= count,
        "every message is imported or reported"
    );
});
