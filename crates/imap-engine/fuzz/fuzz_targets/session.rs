//! Arbitrary client bytes never panic a session. The input is cut into
//! chunks at its 0xFF bytes, so literals, IDLE and AUTHENTICATE exchanges
//! are interrupted at every point. Each run starts logged in with INBOX
//! selected, so the deep commands are reached, not only the login gate.
#![no_main]

use std::sync::{Arc, Mutex, OnceLock};

use imap_engine::{Session, SessionOptions};
use libfuzzer_sys::fuzz_target;
use mailstore::Store;

fn template() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(mailstore::demo::demo_store)
}

fuzz_target!(|data: &[u8]| {
    let store = Arc::new(Mutex::new(template().clone()));
    let mut session = Session::new(store, SessionOptions::default(), 0);
    session.handle_input(b"f1 LOGIN alice wonderland\r\nf2 SELECT INBOX\r\n", 0);
    let mut now = 0;
    for chunk in data.split(|b| *b == 0xFF) {
        now += 1000;
        session.handle_input(chunk, now);
        session.tick(now);
        while session.poll_output().is_some() {}
    }
});
