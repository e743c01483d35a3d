//! Engine transcripts: plain files of client lines and expected server
//! lines, run against fresh demo data with a fixed clock.
//!
//! Format of `tests/transcripts/*.txt`, one directive a line:
//! - `# ...` and blank lines are comments.
//! - `@NAME` switches to session NAME, opening it (and checking its
//!   greeting is consumed by the following `S` lines) if new. The first
//!   session is `A`, opened implicitly. `@NAME refuse-expunged` opens it
//!   with `SessionOptions::expunged` set to `ExpungedAnswer::Refuse`.
//! - `C text` sends `text` + CRLF to the current session.
//! - `R text` sends `text` raw, with `\r`, `\n` and `\xNN` escapes and no CRLF added.
//! - `S text` expects the next server line to be exactly `text`.
//! - `S text...` (ending in `...`) expects a line starting with `text`.
//! - `S* text` skips server lines until one equals `text` (or starts with
//!   it, if it ends in `...`).
//! - `CLOSED` expects the session to have ended.
//! - `TICK ms` advances the clock by `ms`; every session gets
//!   `handle_timeout` (the autologout, if due).
//! - `DEADLINE ms` expects the current session's `poll_timeout()` to be
//!   `ms` after the transcript's start; `DEADLINE none`, no deadline.
//! - `OPTIONS word...` sets the options of sessions opened from now on,
//!   and reopens `A` with them if nothing was sent yet: `starttls` (the
//!   driver offers STARTTLS), `no-plaintext-login` (LOGIN needs TLS),
//!   `tls` (encrypted from the start).
//! - `TLS` expects the current session to have asked its driver for the
//!   TLS handshake, and reports it done.
//! - `NOTLS` expects it not to have asked.
//!
//! Before each `C`/`R`/`@`/`TICK`, and at the end, every line the current
//! session produced must have been matched: nothing unexpected may hide.
//! After each `C`/`R`, the other sessions get `store_changed`, as a driver
//! does after a command.
//!
//! Every transcript runs twice: with the default output budget, and with
//! a budget of 0, where `handle_input` stops after each command that
//! answers and the runner gives the rest again once it took the output.
//! Both must match the same lines: nothing lost, nothing reordered.

// A test's maps never reach the wasm module (see clippy.toml).
#![allow(clippy::disallowed_types)]

use std::collections::{BTreeMap, VecDeque};
use std::path::Path;
use std::sync::{Arc, Mutex};

use imap_engine::{ExpungedAnswer, Output, Session, SessionOptions};

/// 2026-01-15 10:00:00 UTC, the fixed clock of every transcript.
const START_MS: i64 = 1_768_471_200_000;

struct Peer {
    session: Session,
    lines: VecDeque<String>,
    closed: bool,
}

impl Peer {
    /// Gives `bytes` to the session until all is taken, taking its output
    /// whenever the output budget stops it.
    fn feed(&mut self, mut bytes: &[u8], now: i64) -> Result<(), String> {
        loop {
            let taken = self.session.handle_input(bytes, now);
            bytes = &bytes[taken..];
            self.drain();
            if bytes.is_empty() {
                return Ok(());
            }
            if taken == 0 {
                return Err("a drained session took none of its input".into());
            }
        }
    }

    fn drain(&mut self) {
        while let Some(out) = self.session.poll_output() {
            match out {
                Output::Bytes(bytes) => {
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    let text = text.strip_suffix("\r\n").unwrap_or(&text).to_string();
                    for line in text.split("\r\n") {
                        self.lines.push_back(line.to_string());
                    }
                }
                Output::Close => self.closed = true,
            }
        }
    }
}

fn unescape(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() {
            match b[i + 1] {
                b'\\' => {
                    out.push(b'\\');
                    i += 2;
                }
                b'r' => {
                    out.push(b'\r');
                    i += 2;
                }
                b'n' => {
                    out.push(b'\n');
                    i += 2;
                }
                b'x' if i + 3 < b.len() => {
                    let hex = std::str::from_utf8(&b[i + 2..i + 4]).unwrap();
                    out.push(u8::from_str_radix(hex, 16).unwrap());
                    i += 4;
                }
                _ => {
                    out.push(b[i]);
                    i += 1;
                }
            }
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

fn line_matches(expected: &str, actual: &str) -> bool {
    match expected.strip_suffix("...") {
        Some(prefix) => actual.starts_with(prefix),
        None => expected == actual,
    }
}

fn run(path: &Path, budget: usize) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let store = Arc::new(Mutex::new(mailstore::demo::demo_store()));
    let mut now = START_MS;
    let mut peers: BTreeMap<String, Peer> = BTreeMap::new();
    let mut options = SessionOptions {
        max_queued_output: budget,
        ..SessionOptions::default()
    };
    let mut sent_any = false;
    let open = |store: &Arc<Mutex<mailstore::Store>>, options: &SessionOptions, now| {
        let mut p = Peer {
            session: Session::new(Arc::clone(store), options.clone(), now),
            lines: VecDeque::new(),
            closed: false,
        };
        p.drain();
        p
    };
    peers.insert("A".into(), open(&store, &options, now));
    let mut current = "A".to_string();
    let fail = |n: usize, msg: String| Err(format!("{}:{}: {msg}", path.display(), n + 1));

    fn check_drained(peers: &BTreeMap<String, Peer>, name: &str) -> Result<(), String> {
        let p = &peers[name];
        if let Some(l) = p.lines.front() {
            return Err(format!(
                "session {name} sent a line the transcript does not expect: {l:?} (and {} more)",
                p.lines.len() - 1
            ));
        }
        Ok(())
    }

    for (n, raw_line) in text.lines().enumerate() {
        let line = raw_line.trim_end_matches('\r');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (directive, rest) = line.split_once(' ').unwrap_or((line, ""));
        match directive {
            "C" | "R" => {
                if let Err(e) = check_drained(&peers, &current) {
                    return fail(n, e);
                }
                let bytes = if directive == "C" {
                    let mut b = rest.as_bytes().to_vec();
                    b.extend_from_slice(b"\r\n");
                    b
                } else {
                    unescape(rest)
                };
                sent_any = true;
                let peer = peers.get_mut(&current).unwrap();
                if let Err(e) = peer.feed(&bytes, now) {
                    return fail(n, e);
                }
                // Other sessions in IDLE hear of changes when the driver tells them.
                for (name, p) in peers.iter_mut() {
                    if *name != current {
                        p.session.store_changed(now);
                        p.drain();
                    }
                }
            }
            "S" | "S*" => {
                let peer = peers.get_mut(&current).unwrap();
                loop {
                    let Some(actual) = peer.lines.pop_front() else {
                        return fail(
                            n,
                            format!(
                                "expected {rest:?} from session {current}, but it sent nothing more"
                            ),
                        );
                    };
                    if line_matches(rest, &actual) {
                        break;
                    }
                    if directive == "S" {
                        return fail(
                            n,
                            format!(
                                "session {current}:\n  expected {rest:?}\n  got      {actual:?}"
                            ),
                        );
                    }
                }
            }
            "OPTIONS" => {
                options = SessionOptions {
                    max_queued_output: budget,
                    ..SessionOptions::default()
                };
                for word in rest.split_whitespace() {
                    match word {
                        "starttls" => options.starttls_offered = true,
                        "no-plaintext-login" => options.plaintext_login_allowed = false,
                        "tls" => options.tls_from_start = true,
                        other => return fail(n, format!("unknown option {other:?}")),
                    }
                }
                if !sent_any && peers.len() == 1 {
                    peers.insert("A".into(), open(&store, &options, now));
                }
            }
            "TLS" | "NOTLS" => {
                if let Err(e) = check_drained(&peers, &current) {
                    return fail(n, e);
                }
                let peer = peers.get_mut(&current).unwrap();
                let asked = peer.session.tls_requested();
                if asked != (directive == "TLS") {
                    return fail(n, format!("session {current}: tls_requested() is {asked}"));
                }
                if asked {
                    peer.session.tls_established();
                    if !peer.session.is_secure() {
                        return fail(n, format!("session {current} is not secure after TLS"));
                    }
                }
            }
            "CLOSED" => {
                let peer = &peers[&current];
                if !peer.closed {
                    return fail(n, format!("session {current} should have closed"));
                }
            }
            "TICK" => {
                if let Err(e) = check_drained(&peers, &current) {
                    return fail(n, e);
                }
                now += rest.parse::<i64>().map_err(|e| e.to_string())?;
                for p in peers.values_mut() {
                    p.session.handle_timeout(now);
                    p.drain();
                }
            }
            "DEADLINE" => {
                let expected = match rest {
                    "none" => None,
                    ms => Some(START_MS + ms.parse::<i64>().map_err(|e| e.to_string())?),
                };
                let actual = peers[&current].session.poll_timeout();
                if actual != expected {
                    let show = |t: Option<i64>| t.map(|t| t - START_MS);
                    return fail(
                        n,
                        format!(
                            "session {current}: deadline {:?} after the start, expected {:?}",
                            show(actual),
                            show(expected)
                        ),
                    );
                }
            }
            d if d.starts_with('@') => {
                if let Err(e) = check_drained(&peers, &current) {
                    return fail(n, e);
                }
                current = d[1..].to_string();
                let peer_options = match rest {
                    "" => options.clone(),
                    "refuse-expunged" => SessionOptions {
                        expunged: ExpungedAnswer::Refuse,
                        ..options.clone()
                    },
                    other => return fail(n, format!("unknown session option {other:?}")),
                };
                if !peers.contains_key(&current) {
                    peers.insert(current.clone(), open(&store, &peer_options, now));
                }
            }
            other => return fail(n, format!("unknown directive {other:?}")),
        }
    }
    for name in peers.keys() {
        check_drained(&peers, name).map_err(|e| format!("{}: at the end: {e}", path.display()))?;
    }
    Ok(())
}

#[test]
fn transcripts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no transcripts in {}", dir.display());
    let mut failures = Vec::new();
    for f in &files {
        for budget in [SessionOptions::default().max_queued_output, 0] {
            match run(f, budget) {
                Ok(()) => println!(
                    "ok   {} (budget {budget})",
                    f.file_name().unwrap().to_string_lossy()
                ),
                Err(e) => failures.push(format!("with budget {budget}: {e}")),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} runs ({} transcripts, two budgets) failed:\n\n{}",
        failures.len(),
        files.len() * 2,
        files.len(),
        failures.join("\n\n")
    );
}
