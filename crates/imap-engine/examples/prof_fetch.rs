//! Profiling aid: one FETCH over 10,000 generated messages, 20 times.
//! `cargo run --release -p imap-engine --features bench --example prof_fetch -- "(FLAGS ENVELOPE)"`
use std::sync::{Arc, Mutex};

use imap_engine::{Session, SessionOptions};

/// Gives `input` to the session, dropping its output, until all is taken.
fn exchange(s: &mut Session, mut input: &[u8]) {
    while !input.is_empty() {
        let taken = s.handle_input(input, 0);
        input = &input[taken..];
        while s.poll_output().is_some() {}
    }
}

fn main() {
    let messages = mailstore::demo::bulk_messages(10000, 2026);
    let store = Arc::new(Mutex::new(mailstore::demo::demo_store()));
    let mut s = Session::new(store, SessionOptions::default(), 0);
    exchange(&mut s, b"b0 LOGIN alice wonderland\r\nb1 CREATE bench\r\n");
    exchange(&mut s, &imap_engine::scenario::append_script(&messages));
    exchange(&mut s, b"b2 SELECT bench\r\n");
    let item = std::env::args().nth(1).unwrap_or("(FLAGS ENVELOPE)".into());
    let t = std::time::Instant::now();
    for i in 0..20 {
        exchange(&mut s, format!("f{i} FETCH 1:* {item}\r\n").as_bytes());
    }
    eprintln!("{:?} per fetch", t.elapsed() / 20);
}
