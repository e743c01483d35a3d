//! The bridge against direct TCP and websockify, in front of the same
//! Dovecot, in one run: throughput of a large FETCH, the median and p99
//! NOOP round trip, and memory per idle bridge session (the server's RSS
//! before and after 1000 idle sessions). Prints a Markdown table.
//!
//! Runs the real `imap-playground` binary (release, as `cargo bench`
//! builds it) as a child process, so its RSS is the server's alone.

#[path = "../tests/support/dovecot.rs"]
#[allow(dead_code)]
mod dovecot;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use futures_util::{SinkExt, StreamExt};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// Size of the message fetched for throughput.
const BIG: usize = 16 * 1024 * 1024;
/// Rounds; each runs every path in turn, so a burst of load from
/// elsewhere on the machine hits all paths alike. Throughput on two cores
/// varies by a quarter from one FETCH to the next, so many short rounds
/// make a steadier median than a few long ones.
const ROUNDS: usize = 24;
/// FETCHes of it per path and round, after one warm-up.
const FETCHES: usize = 1;
/// NOOP round trips per path and round.
const NOOPS: usize = 250;
/// Idle sessions for the memory figure.
const IDLE: usize = 1000;

enum Conn {
    Tcp(TcpStream),
    Ws(Box<WebSocketStream<MaybeTlsStream<TcpStream>>>),
}

struct Client {
    conn: Conn,
    /// The direct path's read buffer.
    buf: Vec<u8>,
    /// The last bytes received, to find the tagged line in.
    tail: Vec<u8>,
}

/// How much of the received bytes `until` keeps to search.
const TAIL: usize = 4096;

impl Client {
    fn new(conn: Conn) -> Client {
        Client {
            conn,
            buf: vec![0; 256 * 1024],
            tail: Vec::with_capacity(2 * TAIL),
        }
    }

    async fn send(&mut self, line: &str) -> anyhow::Result<()> {
        match &mut self.conn {
            Conn::Tcp(s) => s.write_all(line.as_bytes()).await?,
            Conn::Ws(ws) => {
                ws.send(Message::Binary(line.as_bytes().to_vec().into()))
                    .await?
            }
        }
        Ok(())
    }

    /// Reads until what arrived ends with a line starting with `needle`;
    /// returns the number of bytes read. Each path copies every byte once
    /// out of the kernel (direct into one reused buffer, the WebSocket
    /// paths into tungstenite's) and keeps only the last [`TAIL`] bytes to
    /// search, so the client costs the same per byte on every path.
    async fn until(&mut self, needle: &[u8]) -> anyhow::Result<usize> {
        self.tail.clear();
        let mut total = 0usize;
        loop {
            if self.tail.ends_with(b"\r\n") {
                let from = self.tail.len().saturating_sub(TAIL);
                if self.tail[from..].windows(needle.len()).any(|w| w == needle) {
                    return Ok(total);
                }
            }
            let got: &[u8] = match &mut self.conn {
                Conn::Tcp(s) => {
                    let n = s.read(&mut self.buf).await?;
                    if n == 0 {
                        bail!("closed");
                    }
                    &self.buf[..n]
                }
                Conn::Ws(ws) => match ws.next().await {
                    Some(Ok(Message::Binary(b))) => {
                        total += b.len();
                        keep_tail(&mut self.tail, &b);
                        continue;
                    }
                    Some(Ok(_)) => continue,
                    Some(Err(e)) => return Err(e.into()),
                    None => bail!("closed"),
                },
            };
            total += got.len();
            keep_tail(&mut self.tail, got);
        }
    }
}

/// Appends the end of `got` to `tail`, which keeps at least the last
/// [`TAIL`] bytes and never more than twice that.
fn keep_tail(tail: &mut Vec<u8>, got: &[u8]) {
    tail.extend_from_slice(&got[got.len().saturating_sub(TAIL)..]);
    if tail.len() > 2 * TAIL {
        tail.drain(..tail.len() - TAIL);
    }
}

async fn ws_connect(url: &str, origin: Option<&str>) -> anyhow::Result<Client> {
    let mut req = url.into_client_request()?;
    if let Some(o) = origin {
        req.headers_mut().insert("origin", o.parse()?);
    }
    let config = WebSocketConfig::default().max_message_size(Some(64 << 20));
    let (ws, _) = tokio_tungstenite::connect_async_with_config(req, Some(config), true).await?;
    Ok(Client::new(Conn::Ws(Box::new(ws))))
}

/// Throughput and round trips of one path, gathered over every round.
#[derive(Default)]
struct Figures {
    /// MB/s of each round's FETCHes.
    mb_per_s: Vec<f64>,
    /// Every NOOP round trip.
    rtts: Vec<Duration>,
    /// CPU time the relay process spent per 64 MB fetched, in ms, each
    /// round.
    relay_cpu_ms: Vec<f64>,
    /// The whole machine during the FETCHes: busy and all ticks (all
    /// cores, from `/proc/stat`), and bytes fetched.
    machine: (u64, u64, usize),
}

impl Figures {
    fn mb_per_s(&self) -> f64 {
        let mut v = self.mb_per_s.clone();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    }

    fn rtt_us(&mut self, q: f64) -> f64 {
        self.rtts.sort();
        let i = ((self.rtts.len() as f64 - 1.0) * q).round() as usize;
        self.rtts[i].as_secs_f64() * 1e6
    }
}

/// Greets, logs in, selects, and fetches the message once (warm-up).
async fn prepare(c: &mut Client) -> anyhow::Result<()> {
    c.until(b"* OK").await?;
    c.send("l LOGIN alice wonderland\r\n").await?;
    c.until(b"l OK").await?;
    c.send("s SELECT INBOX\r\n").await?;
    c.until(b"s OK").await?;
    c.send("w FETCH 1 BODY.PEEK[]\r\n").await?;
    let one = c.until(b"w OK").await?;
    if one < BIG {
        bail!("the FETCH returned {one} bytes, less than the message");
    }
    for i in 0..NOOPS / 10 {
        c.send(&format!("w{i} NOOP\r\n")).await?;
        c.until(format!("w{i} OK").as_bytes()).await?;
    }
    Ok(())
}

/// The newest child process of `pid`, if any.
fn child_of(pid: u32) -> Option<u32> {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).ok()?;
    tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("children")).ok())
        .flat_map(|c| {
            c.split_whitespace()
                .filter_map(|p| p.parse::<u32>().ok())
                .collect::<Vec<_>>()
        })
        .max()
}

/// CPU time of every thread of process `pid` so far
/// (`/proc/PID/task/*/schedstat`, nanoseconds).
fn cpu_ns(pid: u32) -> u64 {
    tasks_cpu_ns(&format!("/proc/{pid}/task"), |_| true)
}

/// The whole machine's CPU ticks so far, all cores: (busy, all).
fn machine_ticks() -> (u64, u64) {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let v: Vec<u64> = stat
        .lines()
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .skip(1)
        .filter_map(|x| x.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal
    let get = |i: usize| v.get(i).copied().unwrap_or(0);
    let busy = get(0) + get(1) + get(2) + get(5) + get(6);
    (busy, busy + get(3) + get(4) + get(7))
}

/// CPU time of this process's threads named `name` so far, nanoseconds.
fn thread_cpu_ns(name: &str) -> u64 {
    tasks_cpu_ns("/proc/self/task", |task| {
        std::fs::read_to_string(task.join("comm")).is_ok_and(|c| c.trim() == name)
    })
}

/// The CPU time (first field of `schedstat`, nanoseconds) of the threads
/// under `task_dir` that `keep` accepts.
fn tasks_cpu_ns(task_dir: &str, keep: impl Fn(&std::path::Path) -> bool) -> u64 {
    let Ok(tasks) = std::fs::read_dir(task_dir) else {
        return 0;
    };
    tasks
        .flatten()
        .map(|t| t.path())
        .filter(|t| keep(t))
        .filter_map(|t| std::fs::read_to_string(t.join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .sum()
}

/// A bare TCP relay to 127.0.0.1:`to` (`tokio::io::copy_bidirectional`
/// with 256 KiB buffers) on its own thread and runtime: no WebSocket, no
/// checks, the least any relay can do. Returns its port.
fn bare_relay(to: u16) -> anyhow::Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    listener.set_nonblocking(true)?;
    std::thread::Builder::new()
        .name(BARE_RELAY.to_owned())
        .spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async move {
                let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                    return;
                };
                while let Ok((mut page, _)) = listener.accept().await {
                    let _ = page.set_nodelay(true);
                    tokio::spawn(async move {
                        if let Ok(mut server) = TcpStream::connect(("127.0.0.1", to)).await {
                            let _ = server.set_nodelay(true);
                            let _ = tokio::io::copy_bidirectional_with_sizes(
                                &mut page,
                                &mut server,
                                256 * 1024,
                                256 * 1024,
                            )
                            .await;
                        }
                    });
                }
            });
        })?;
    Ok(port)
}

/// A bare relay that never copies bytes into user space: each direction
/// is a thread splicing socket to pipe to socket (Linux `splice(2)`,
/// blocking). The reference for a zero-copy bridge. Returns its port.
#[cfg(target_os = "linux")]
fn splice_relay(to: u16) -> anyhow::Result<u16> {
    use rustix::pipe::{SpliceFlags, fcntl_setpipe_size, pipe, splice};
    fn pump(from: std::net::TcpStream, into: std::net::TcpStream) {
        let Ok((r, w)) = pipe() else { return };
        let _ = fcntl_setpipe_size(&w, 256 * 1024);
        loop {
            let n = match splice(&from, None, &w, None, 256 * 1024, SpliceFlags::MOVE) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            let mut left = n;
            while left > 0 {
                match splice(&r, None, &into, None, left, SpliceFlags::MOVE) {
                    Ok(0) | Err(_) => return,
                    Ok(k) => left -= k,
                }
            }
        }
        let _ = into.shutdown(std::net::Shutdown::Write);
    }
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    std::thread::Builder::new()
        .name(SPLICE_RELAY.to_owned())
        .spawn(move || {
            for page in listener.incoming().flatten() {
                let Ok(server) = std::net::TcpStream::connect(("127.0.0.1", to)) else {
                    continue;
                };
                let _ = (page.set_nodelay(true), server.set_nodelay(true));
                let (Ok(page2), Ok(server2)) = (page.try_clone(), server.try_clone()) else {
                    continue;
                };
                let up = std::thread::Builder::new()
                    .name(SPLICE_RELAY.to_owned())
                    .spawn(move || pump(page2, server2));
                let down = std::thread::Builder::new()
                    .name(SPLICE_RELAY.to_owned())
                    .spawn(move || pump(server, page));
                if up.is_err() || down.is_err() {
                    return;
                }
            }
        })?;
    Ok(port)
}

/// The splice relay's thread names.
const SPLICE_RELAY: &str = "splice-relay";

/// The bare relay's thread name.
const BARE_RELAY: &str = "bare-relay";

/// One round on one path: FETCHES large FETCHes, then NOOPS round trips.
/// `relay`: the CPU time so far of what sits between client and Dovecot.
async fn round(
    c: &mut Client,
    r: usize,
    into: &mut Figures,
    relay: Option<&dyn Fn() -> u64>,
) -> anyhow::Result<()> {
    let cpu_before = relay.map(|f| f());
    let machine_before = machine_ticks();
    let started = Instant::now();
    let mut bytes = 0usize;
    for i in 0..FETCHES {
        c.send(&format!("f{r}.{i} FETCH 1 BODY.PEEK[]\r\n")).await?;
        bytes += c.until(format!("f{r}.{i} OK").as_bytes()).await?;
    }
    into.mb_per_s
        .push(bytes as f64 / 1e6 / started.elapsed().as_secs_f64());
    let machine_after = machine_ticks();
    into.machine.0 += machine_after.0.saturating_sub(machine_before.0);
    into.machine.1 += machine_after.1.saturating_sub(machine_before.1);
    into.machine.2 += bytes;
    if let (Some(cpu), Some(before)) = (relay, cpu_before) {
        let ms = cpu().saturating_sub(before) as f64 / 1e6;
        into.relay_cpu_ms.push(ms * 64e6 / bytes as f64);
    }
    for i in 0..NOOPS {
        let t = Instant::now();
        c.send(&format!("n{r}.{i} NOOP\r\n")).await?;
        c.until(format!("n{r}.{i} OK").as_bytes()).await?;
        into.rtts.push(t.elapsed());
    }
    Ok(())
}

fn rss_kb(pid: u32) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let line = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .context("no VmRSS")?;
    Ok(line
        .split_whitespace()
        .nth(1)
        .context("VmRSS value")?
        .parse()?)
}

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(0)
}

async fn wait_port(port: u16) -> anyhow::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).await.is_err() {
        if Instant::now() > deadline {
            bail!("nothing listens on {port}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}

/// A server that greets and then only waits: the far end of idle sessions.
async fn idle_server() -> anyhow::Result<SocketAddr> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        while let Ok((mut s, _)) = listener.accept().await {
            tokio::spawn(async move {
                let _ = s.write_all(b"* OK idle\r\n").await;
                let mut b = [0u8; 64];
                while matches!(s.read(&mut b).await, Ok(n) if n > 0) {}
            });
        }
    });
    Ok(addr)
}

fn big_message() -> Vec<u8> {
    let mut m = b"From: bench@example.org\r\nSubject: big\r\n\r\n".to_vec();
    let mut i = 0u64;
    while m.len() < BIG {
        m.extend_from_slice(
            format!("{i:020} the quick brown fox jumps over the lazy dog\r\n").as_bytes(),
        );
        i += 1;
    }
    m
}

/// The bridge's busy polling, in µs: the server's default unless
/// `BRIDGE_BUSY_POLL_US` says otherwise (0 turns it off, to compare).
fn busy_poll_us() -> u128 {
    std::env::var("BRIDGE_BUSY_POLL_US")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            imap_playground::bridge::BridgeLimits::default()
                .busy_poll
                .as_micros()
        })
}

async fn run() -> anyhow::Result<()> {
    let dovecot = dovecot::Dovecot::start_with(&big_message());
    let idle = idle_server().await?;
    let dir = dovecot.dir.clone();
    let config = dir.join("bench.toml");
    std::fs::write(
        &config,
        format!(
            "target = [\"dovecot=127.0.0.1:{}:plain\", \"idle=127.0.0.1:{}:plain\"]\n\n[bridge]\nmax-sessions = {n}\nmax-sessions-per-ip = {n}\nbusy-poll-us = {busy}\n",
            dovecot.plain,
            idle.port(),
            n = IDLE + 100,
            busy = busy_poll_us(),
        ),
    )?;
    // The binary users run (`cargo xtask bench` passes target/dist's), else
    // the bench profile's own build of the same code.
    let exe = std::env::var_os("PLAYGROUND_SERVER_BIN")
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_imap-playground").into());
    let mut child = Command::new(exe)
        .args(["serve", "--listen", "127.0.0.1:0", "--config"])
        .arg(&config)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .context("start imap-playground")?;
    let stdout = child.stdout.take().context("stdout")?;
    let server = Killed(child);
    let mut first = String::new();
    BufReader::new(stdout).read_line(&mut first)?;
    let addr = first
        .trim()
        .strip_prefix("listening on http://")
        .context("the server's address")?
        .to_owned();
    let ws_port = free_port();
    let websockify = Command::new("websockify")
        .arg(format!("127.0.0.1:{ws_port}"))
        .arg(format!("127.0.0.1:{}", dovecot.plain))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("start websockify (Debian package websockify)")?;
    let websockify_proc = Killed(websockify);
    wait_port(ws_port).await?;

    // TCP_NODELAY like the WebSocket clients (`connect_async_with_config`'s
    // `true`).
    let direct_tcp = TcpStream::connect(("127.0.0.1", dovecot.plain)).await?;
    direct_tcp.set_nodelay(true)?;
    let mut direct_c = Client::new(Conn::Tcp(direct_tcp));
    let bare_tcp = TcpStream::connect(("127.0.0.1", bare_relay(dovecot.plain)?)).await?;
    bare_tcp.set_nodelay(true)?;
    let mut bare_c = Client::new(Conn::Tcp(bare_tcp));
    let splice_tcp = TcpStream::connect(("127.0.0.1", splice_relay(dovecot.plain)?)).await?;
    splice_tcp.set_nodelay(true)?;
    let mut splice_c = Client::new(Conn::Tcp(splice_tcp));
    let origin = format!("http://{addr}");
    let mut bridge_c =
        ws_connect(&format!("ws://{addr}/bridge?target=dovecot"), Some(&origin)).await?;
    let mut wsify_c = ws_connect(&format!("ws://127.0.0.1:{ws_port}/"), None).await?;
    let mut figures: [Figures; 5] = Default::default();
    for c in [
        &mut direct_c,
        &mut bare_c,
        &mut splice_c,
        &mut bridge_c,
        &mut wsify_c,
    ] {
        prepare(c).await?;
    }
    let server_pid = server.0.id();
    // websockify forks a process per connection: that child relays.
    let wsify_pid = child_of(websockify_proc.0.id());
    let bare_cpu = || thread_cpu_ns(BARE_RELAY);
    let splice_cpu = || thread_cpu_ns(SPLICE_RELAY);
    let bridge_cpu = move || cpu_ns(server_pid);
    let wsify_cpu = move || wsify_pid.map_or(0, cpu_ns);
    let relays: [Option<&dyn Fn() -> u64>; 5] = [
        None,
        Some(&bare_cpu),
        Some(&splice_cpu),
        Some(&bridge_cpu),
        wsify_pid.map(|_| &wsify_cpu as &dyn Fn() -> u64),
    ];
    for r in 0..ROUNDS {
        for ((c, f), relay) in [
            &mut direct_c,
            &mut bare_c,
            &mut splice_c,
            &mut bridge_c,
            &mut wsify_c,
        ]
        .into_iter()
        .zip(figures.iter_mut())
        .zip(relays)
        {
            round(c, r, f, relay).await?;
        }
    }
    drop((direct_c, bare_c, splice_c, bridge_c, wsify_c));
    let [mut direct, mut bare, mut spliced, mut bridge, mut wsify] = figures;

    // Memory per idle bridge session.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let before = rss_kb(server.0.id())?;
    let mut idle_clients = Vec::with_capacity(IDLE);
    for _ in 0..IDLE {
        let mut c = ws_connect(&format!("ws://{addr}/bridge?target=idle"), Some(&origin)).await?;
        c.until(b"* OK idle").await?;
        idle_clients.push(c);
    }
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let after = rss_kb(server.0.id())?;
    let per_session = (after.saturating_sub(before)) as f64 / IDLE as f64;
    drop(idle_clients);

    println!(
        "\nbridge benchmark (busy polling {} µs): {ROUNDS} rounds, each {FETCHES} FETCH of a {} MB message and {NOOPS} NOOPs per path, on one connection per path to Dovecot over loopback; throughput is the median round, round trips are over all rounds",
        busy_poll_us(),
        BIG >> 20
    );
    println!(
        "| path | FETCH MB/s (median round) | rounds min–max | vs direct | NOOP median µs | p99 µs | median vs direct |"
    );
    println!("|---|---|---|---|---|---|---|");
    let direct_mb = direct.mb_per_s();
    let direct_us = direct.rtt_us(0.5);
    for (name, f) in [
        ("direct TCP", &mut direct),
        ("bare TCP relay (no WebSocket)", &mut bare),
        ("bare splice(2) relay (no WebSocket)", &mut spliced),
        ("imap-playground bridge", &mut bridge),
        ("websockify", &mut wsify),
    ] {
        let (lo, hi) = f
            .mb_per_s
            .iter()
            .fold((f64::MAX, 0f64), |(lo, hi), &x| (lo.min(x), hi.max(x)));
        let (mb, median) = (f.mb_per_s(), f.rtt_us(0.5));
        println!(
            "| {name} | {mb:.0} | {lo:.0}–{hi:.0} | {:.0}% | {median:.1} | {:.0} | {:.2}x |",
            100.0 * mb / direct_mb,
            f.rtt_us(0.99),
            median / direct_us
        );
    }
    println!(
        "\nCPU during the FETCHes | the machine's cores busy | the machine's CPU time per 64 MB | the relay process's per 64 MB (median round, min–max)"
    );
    println!("|---|---|---|---|");
    let ms_per_tick = 1000.0 / 100.0; // USER_HZ is 100 on Linux
    for (name, f) in [
        ("direct TCP", &direct),
        ("bare TCP relay (no WebSocket)", &bare),
        ("bare splice(2) relay (no WebSocket)", &spliced),
        ("imap-playground bridge", &bridge),
        ("websockify", &wsify),
    ] {
        let (busy, all, bytes) = f.machine;
        let relay = {
            let mut cpu = f.relay_cpu_ms.clone();
            cpu.sort_by(f64::total_cmp);
            match (cpu.first(), cpu.last()) {
                (Some(lo), Some(hi)) => {
                    format!("{:.0} ms ({lo:.0}–{hi:.0})", cpu[cpu.len() / 2])
                }
                _ => "none".to_owned(),
            }
        };
        println!(
            "| {name} | {:.0}% | {:.0} ms | {relay} |",
            100.0 * busy as f64 / all.max(1) as f64,
            busy as f64 * ms_per_tick * 64e6 / bytes.max(1) as f64,
        );
    }
    println!(
        "\nidle bridge sessions: server RSS {before} KB before, {after} KB with {IDLE} idle sessions: {per_session:.1} KB per session"
    );
    Ok(())
}

fn main() -> anyhow::Result<()> {
    // `cargo bench` passes --bench; this benchmark takes no options.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    rt.block_on(run())
}
