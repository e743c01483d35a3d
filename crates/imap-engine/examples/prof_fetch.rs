//! Profiling aid: one FETCH over 10,000 generated messages, 20 times.
//! `cargo run --release -p imap-engine --features bench --example prof_fetch -- "(FLAGS ENVELOPE)"`
use std::sync::{Arc, Mutex};

use imap_engine::{Session, SessionOptions};

fn main() {
    let messages = mailstore::demo::bulk_messages(10000, 2026);
    let store = Arc::new(Mutex::new(mailstore::demo::demo_store()));
    let mut s = Session::new(store, SessionOptions::default(), 0);
    s.handle_input(b"b0 LOGIN alice wonderland\r\nb1 CREATE bench\r\n", 0);
    s.handle_input(&imap_engine::scenario::append_script(&messages), 0);
    s.handle_input(b"b2 SELECT bench\r\n", 0);
    while s.poll_output().is_some() {}
    let item = std::env::args().nth(1).unwrap_or("(FLAGS ENVELOPE)".into());
    let t = std::time::Instant::now();
    for i in 0..20 {
        s.handle_input(format!("f{i} FETCH 1:* {item}\r\n").as_bytes(), 0);
        while s.poll_output().is_some() {}
    }
    eprintln!("{:?} per fetch", t.elapsed() / 20);
}
