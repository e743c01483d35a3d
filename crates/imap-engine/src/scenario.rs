//! The 10,000-message benchmark scenario, shared by the native bench
//! (`benches/mailbox.rs`) and the wasm one (the façade's `benchMailbox`),
//! so both measure exactly the same work. Behind the `bench` feature.
//!
//! The engine still reads no clock: the caller passes `now`, a function
//! returning milliseconds from any fixed origin.

use std::sync::{Arc, Mutex};

use crate::{Output, Session, SessionOptions};

/// The seed of the generated mailbox, so every run measures the same bytes.
pub const SEED: u64 = 2026;

/// One measured step: its name, the command, wall time in milliseconds,
/// and the bytes the engine wrote.
#[derive(Debug, Clone)]
pub struct Step {
    /// Short name for tables.
    pub name: &'static str,
    /// The IMAP command run.
    pub command: String,
    /// Milliseconds, from the caller's clock.
    pub ms: f64,
    /// Bytes of responses produced (encoding included in the time).
    pub bytes: usize,
    /// The tagged status line, to check the step worked.
    pub status: String,
}

/// Gives `input` to the session, taking its output whenever the output
/// budget stops it, until all is taken: the bytes of responses and the
/// last tagged line.
fn exchange(session: &mut Session, input: &[u8]) -> (usize, String) {
    let mut bytes = 0;
    let mut last = String::new();
    let mut rest = input;
    loop {
        let taken = session.handle_input(rest, 0);
        rest = rest.get(taken..).unwrap_or_default();
        while let Some(o) = session.poll_output() {
            if let Output::Bytes(b) = o {
                bytes += b.len();
                if !b.starts_with(b"* ") && !b.starts_with(b"+ ") {
                    last = String::from_utf8_lossy(b.get(..b.len().min(120)).unwrap_or_default())
                        .trim_end()
                        .to_string();
                }
            }
        }
        // With the output taken, a session takes some of any input.
        if rest.is_empty() || taken == 0 {
            return (bytes, last);
        }
    }
}

/// Runs the scenario on `count` generated messages and returns each step.
/// The first step appends them all through the engine (APPEND with
/// LITERAL+), as a client would.
pub fn run(count: usize, now: &mut dyn FnMut() -> f64) -> Vec<Step> {
    let messages = mailstore::demo::bulk_messages(count, SEED);
    let store = Arc::new(Mutex::new(mailstore::demo::demo_store()));
    let mut s = Session::new(store, SessionOptions::default(), 0);
    exchange(
        &mut s,
        b"b0 LOGIN alice wonderland\r\nb1 CREATE bench\r\nb2 CREATE bench-copy\r\n",
    );
    let mut steps = Vec::new();

    let script = append_script(&messages);
    let start = now();
    let (bytes, status) = exchange(&mut s, &script);
    steps.push(Step {
        name: "APPEND all",
        command: format!("{count} × APPEND bench {{n+}}"),
        ms: now() - start,
        bytes,
        status,
    });
    drop(script);

    for (i, (name, command)) in COMMANDS.iter().enumerate() {
        let line = format!("s{i} {command}\r\n");
        let start = now();
        let (bytes, status) = exchange(&mut s, line.as_bytes());
        steps.push(Step {
            name,
            command: command.replace("\r\nb9 ", " + "),
            ms: now() - start,
            bytes,
            status,
        });
    }
    steps
}

/// The client bytes that APPEND every message to `bench` with its
/// internal date, as pipelined LITERAL+ commands tagged `p0`, `p1`, ...
pub fn append_script(messages: &[(Vec<u8>, i64)]) -> Vec<u8> {
    let mut script = Vec::new();
    for (i, (raw, when)) in messages.iter().enumerate() {
        let date = imap_syntax::DateTime::from_unix(*when, 0)
            .map(|d| format!(" \"{d}\""))
            .unwrap_or_default();
        script.extend_from_slice(
            format!("p{i} APPEND bench{date} {{{}+}}\r\n", raw.len()).as_bytes(),
        );
        script.extend_from_slice(raw);
        script.extend_from_slice(b"\r\n");
    }
    script
}

/// The measured commands after the APPENDs, in order, tagged `s0`, `s1`, ...
/// (the last is two commands; its final tag is `b9`).
pub const COMMANDS: [(&str, &str); 9] = [
    ("SELECT", "SELECT bench"),
    ("FETCH FLAGS ENVELOPE", "FETCH 1:* (FLAGS ENVELOPE)"),
    ("FETCH BODYSTRUCTURE", "FETCH 1:* BODYSTRUCTURE"),
    ("FETCH BODY.PEEK[]", "FETCH 1:* BODY.PEEK[]"),
    ("SEARCH TEXT rare", "SEARCH TEXT zanzibar"),
    ("SEARCH FROM SINCE", "SEARCH FROM priya SINCE 1-Jun-2024"),
    ("STORE +FLAGS.SILENT", "STORE 1:* +FLAGS.SILENT (\\Seen)"),
    ("COPY", "COPY 1:* bench-copy"),
    (
        "EXPUNGE all",
        "STORE 1:* +FLAGS.SILENT (\\Deleted)\r\nb9 EXPUNGE",
    ),
];
