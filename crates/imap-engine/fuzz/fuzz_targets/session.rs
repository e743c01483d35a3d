//! Arbitrary client bytes never panic a session. The input is cut into
//! chunks at its 0xFF bytes, so literals, IDLE and AUTHENTICATE exchanges
//! are interrupted at every point. Each run starts logged in with INBOX
//! selected, so the deep commands are reached, not only the login gate.
//! A small output budget makes `handle_input` stop and give input back
//! often; the driver here gives it again after taking the output, as the
//! TCP listener does, and calls the timer and `store_changed` between
//! chunks.
#![no_main]

use std::sync::{Arc, Mutex, OnceLock};

use imap_engine::{Session, SessionOptions};
use libfuzzer_sys::fuzz_target;
use mailstore::Store;

fn template() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(mailstore::demo::demo_store)
}

/// Gives `input` until all is taken, taking the output in between.
fn feed(session: &mut Session, mut input: &[u8], now: i64) {
    loop {
        // Drained first: the greeting alone may pass the small budget.
        while session.poll_output().is_some() {}
        let taken = session.handle_input(input, now);
        input = input.get(taken..).unwrap_or_default();
        // A drained session always takes some input.
        assert!(input.is_empty() || taken > 0);
        if input.is_empty() {
            return;
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let store = Arc::new(Mutex::new(template().clone()));
    let options = SessionOptions {
        max_queued_output: 256,
        autologout_ms: 60_000,
        ..SessionOptions::default()
    };
    let mut session = Session::new(store, options, 0);
    feed(&mut session, b"f1 LOGIN alice wonderland\r\nf2 SELECT INBOX\r\n", 0);
    let mut now = 0;
    for chunk in data.split(|b| *b == 0xFF) {
        now += 1000;
        feed(&mut session, chunk, now);
        session.store_changed(now);
        if session.poll_timeout().is_some_and(|deadline| deadline <= now) {
            session.handle_timeout(now);
        }
        // Whatever is due has been done.
        assert!(session.poll_timeout().is_none_or(|deadline| deadline > now));
        while session.poll_output().is_some() {}
    }
});
