//! Load benchmark of `--imap-listen`: commands per second and latency
//! percentiles at 1, 50 and 200 connections over loopback, each client
//! sending one command at a time (LOGIN once, then SELECT, FETCH, STORE,
//! UID SEARCH and NOOP in a loop) against one shared demo store.
//!
//! Run by `cargo xtask bench` (through `cargo bench --workspace`) or
//! `cargo bench -p imap-playground --bench tcp_load`. Prints a Markdown
//! table. `TCP_LOAD_SECONDS` sets the time per level (default 5).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use imap_playground::imap_listener::{ImapOptions, serve_imap};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// The commands each client repeats, in order.
const MIX: &[&str] = &[
    "SELECT INBOX",
    "FETCH 1:3 (UID FLAGS RFC822.SIZE ENVELOPE)",
    "STORE 2 +FLAGS (\\Seen)",
    "UID SEARCH UNSEEN",
    "FETCH 3 (BODY.PEEK[])",
    "NOOP",
];

/// Sends one command and waits for its tagged reply; the reply's status.
async fn command(
    rd: &mut BufReader<tokio::net::tcp::OwnedReadHalf>,
    wr: &mut tokio::net::tcp::OwnedWriteHalf,
    tag: &str,
    text: &str,
    line: &mut Vec<u8>,
) -> std::io::Result<bool> {
    wr.write_all(format!("{tag} {text}\r\n").as_bytes()).await?;
    loop {
        line.clear();
        if rd.read_until(b'\n', line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        if line.starts_with(tag.as_bytes()) && line.get(tag.len()) == Some(&b' ') {
            return Ok(line.get(tag.len() + 1..tag.len() + 3) == Some(b"OK"));
        }
    }
}

/// One client: runs the mix until `until`; returns per-command latencies.
async fn client(addr: SocketAddr, i: usize, until: Instant) -> std::io::Result<Vec<Duration>> {
    let stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let (rd, mut wr) = stream.into_split();
    let mut rd = BufReader::new(rd);
    let mut line = Vec::new();
    rd.read_until(b'\n', &mut line).await?;
    let login = if i.is_multiple_of(2) {
        "LOGIN alice wonderland"
    } else {
        "LOGIN bob builder"
    };
    command(&mut rd, &mut wr, "L", login, &mut line).await?;
    let mut latencies = Vec::new();
    let mut n = 0usize;
    while Instant::now() < until {
        let text = MIX[n % MIX.len()];
        let tag = format!("c{n}");
        let started = Instant::now();
        let ok = command(&mut rd, &mut wr, &tag, text, &mut line).await?;
        latencies.push(started.elapsed());
        if !ok {
            return Err(std::io::Error::other(format!("{text} failed")));
        }
        n += 1;
    }
    command(&mut rd, &mut wr, "Z", "LOGOUT", &mut line).await?;
    Ok(latencies)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

async fn level(addr: SocketAddr, connections: usize, seconds: u64) -> (f64, Duration, Duration) {
    let until = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let tasks: Vec<_> = (0..connections)
        .map(|i| tokio::spawn(client(addr, i, until)))
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.expect("client task").expect("client ran"));
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.sort();
    (
        all.len() as f64 / elapsed,
        percentile(&all, 0.50),
        percentile(&all, 0.99),
    )
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not: then
    // run a quick smoke pass only.
    let bench = std::env::args().any(|a| a == "--bench");
    let seconds: u64 = std::env::var("TCP_LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if bench { 5 } else { 1 });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let store = Arc::new(Mutex::new(mailstore::demo::demo_store()));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(serve_imap(listener, store, ImapOptions::default(), async {
            let _ = stopped.await;
        }));
        println!(
            "tcp_load: {} s per level, {} cores",
            seconds,
            std::thread::available_parallelism().map_or(1, |n| n.get())
        );
        println!("| connections | commands/s | p50 latency | p99 latency |");
        println!("|---|---|---|---|");
        for connections in [1usize, 50, 200] {
            let (rate, p50, p99) = level(addr, connections, seconds).await;
            println!(
                "| {connections} | {rate:.0} | {:.3} ms | {:.3} ms |",
                p50.as_secs_f64() * 1000.0,
                p99.as_secs_f64() * 1000.0
            );
        }
        let _ = stop.send(());
        let _ = server.await;
    });
}
