//! The engine on a 10,000-message mailbox, natively, beside Dovecot doing
//! the same work in the same run: each step of [`imap_engine::scenario`]
//! timed over several runs (median), then the same client bytes sent to a
//! pre-authenticated Dovecot `imap` process over a pipe (maildir in a
//! temporary folder; no network). Prints a Markdown table.
//!
//! Run with `cargo xtask bench` (or
//! `cargo bench -p imap-engine --features bench --bench mailbox`).
//! `BENCH_MESSAGES` and `BENCH_RUNS` change the size and the repetitions.

use std::io::{Read, Write};
use std::path::Path;
use std::time::Instant;

use imap_engine::scenario::{self, COMMANDS, Kept, SEED, Step};
use imap_syntax::{DecoderOptions, Response, ResponseDecoder, StatusResponse};

#[path = "../tests/support/dovecot.rs"]
mod dovecot_support;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Sends `bytes` and reads until the tagged response `tag`; milliseconds.
/// The codes later steps need go to `kept`.
fn exchange(
    stdin: &mut impl Write,
    stdout: &mut impl Read,
    dec: &mut ResponseDecoder,
    bytes: &[u8],
    tag: &str,
    mut kept: Option<&mut Kept>,
) -> f64 {
    let start = Instant::now();
    stdin.write_all(bytes).unwrap();
    stdin.flush().unwrap();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        while let Some((raw, parsed)) = dec.next() {
            if let Some(k) = kept.as_deref_mut() {
                k.note(&raw);
            }
            if let Ok(Response::Status(StatusResponse { tag: Some(t), .. })) = parsed
                && t.as_str() == tag
            {
                return start.elapsed().as_secs_f64() * 1000.0;
            }
        }
        let n = stdout.read(&mut buf).unwrap();
        assert!(n > 0, "dovecot closed the pipe while waiting for {tag}");
        dec.push(&buf[..n]);
    }
}

/// The same steps through Dovecot, or `None` when it is not installed.
fn dovecot(count: usize) -> Option<Vec<f64>> {
    if !Path::new(dovecot_support::DOVECOT_IMAP).exists() {
        eprintln!("dovecot-imapd is not installed: no reference column");
        return None;
    }
    let dir = dovecot_support::temp_dir("imap-bench-dovecot");
    let mut child = dovecot_support::spawn(&dir)?;
    let mut stdin = child.stdin.take()?;
    let mut stdout = child.stdout.take()?;
    let mut dec = ResponseDecoder::new(DecoderOptions {
        max_line_len: 1 << 20,
        max_literal_len: u32::MAX,
    });
    exchange(
        &mut stdin,
        &mut stdout,
        &mut dec,
        b"c1 CREATE bench\r\nc2 CREATE bench-copy\r\n",
        "c2",
        None,
    );
    let messages = mailstore::demo::bulk_messages(count, SEED);
    let last = format!("p{}", count - 1);
    let mut times = vec![exchange(
        &mut stdin,
        &mut stdout,
        &mut dec,
        &scenario::append_script(&messages),
        &last,
        None,
    )];
    let mut kept = Kept::default();
    for (i, step) in COMMANDS.iter().enumerate() {
        let command = kept.fill(step.command);
        let line = format!("s{i} {command}\r\n");
        let tag = scenario::last_tag(&format!("s{i}"), &command);
        times.push(exchange(
            &mut stdin,
            &mut stdout,
            &mut dec,
            line.as_bytes(),
            &tag,
            step.keeps.then_some(&mut kept),
        ));
    }
    drop(stdin);
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    Some(times)
}

fn main() {
    let count: usize = std::env::var("BENCH_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let origin = Instant::now();
    let mut clock = || origin.elapsed().as_secs_f64() * 1000.0;
    let all: Vec<Vec<Step>> = (0..runs)
        .map(|_| scenario::run(count, &mut clock))
        .collect();
    let reference = dovecot(count);
    println!(
        "engine, native, {count} messages, median of {runs} runs; Dovecot 2.3 maildir over a pipe, one run"
    );
    println!("| step | command | engine ms | Dovecot ms | Dovecot / engine | status |");
    println!("|---|---|---|---|---|---|");
    for (i, step) in all[0].iter().enumerate() {
        let ours = median(all.iter().map(|r| r[i].ms).collect());
        let (theirs, ratio) = match reference.as_ref().and_then(|r| r.get(i)) {
            Some(t) => (format!("{t:.1}"), format!("{:.1}×", t / ours.max(0.001))),
            None => ("-".to_string(), "-".to_string()),
        };
        println!(
            "| {} | `{}` | {:.1} | {theirs} | {ratio} | {} |",
            step.name, step.command, ours, step.status
        );
    }
}
