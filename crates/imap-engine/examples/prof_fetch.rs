//! Profiling aid: one FETCH over 10,000 generated messages, 20 times (or
//! as many as the second argument says: more, so that a profile is not
//! mostly the setup).
//! `cargo run --release -p imap-engine --features bench --example prof_fetch -- "(FLAGS ENVELOPE)" [20]`
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
    let rounds: u32 = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(20)
        .max(1);
    let t = std::time::Instant::now();
    for i in 0..rounds {
        // As the TCP listener takes the output: written from the buffer.
        let mut input = format!("f{i} FETCH 1:* {item}\r\n").into_bytes();
        while !input.is_empty() {
            let taken = s.handle_input(&input, 0);
            input.drain(..taken);
            let n = s.pending_output().len();
            s.output_written(n);
        }
    }
    eprintln!("{:?} per fetch", t.elapsed() / rounds);
}
