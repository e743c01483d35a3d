//! The IMAP engine over TCP against real Dovecot 2.3 over TCP, in one run,
//! with the same client sending the same bytes to both.
//!
//! The engine is the real `imap-playground` binary as a child process
//! (`serve --imap-listen 127.0.0.1:0`); Dovecot is the test suite's
//! (`tests/support/dovecot.rs`) on its plain loopback listener. Each gets
//! one connection (Nagle off), logs in as alice/wonderland, creates
//! `bench` and `bench-copy`, and then:
//!
//! - APPENDs 2,000 generated messages (`mailstore::demo::bulk_messages`,
//!   seed 2026) to `bench`, pipelined: one writer thread sends every
//!   `APPEND bench "date" {n+}` (LITERAL+, or one at a time with
//!   synchronizing literals if either server lacks it) while the client
//!   reads the answers; timed until the last tagged OK;
//! - runs the read-only phases (SELECT, three FETCH 1:*, three SEARCHes)
//!   once unmeasured, to warm both, then [`ROUNDS`] rounds alternating
//!   which server goes first; the table gives each phase's median round
//!   (the first round, when Dovecot's index cache is still cold, and the
//!   NOOP round trip, the floor under every phase, are printed below it);
//! - runs the mutating phases (STORE \Seen, COPY, STORE \Deleted and
//!   EXPUNGE) once per server.
//!
//! Every SEARCH must give both servers the same answer, every FETCH must
//! return all 2,000 messages, or the run fails.
//!
//! Dovecot's configuration (dovecot.rs) sets only paths, listeners, users
//! and TLS; everything else is Dovecot's default: maildir under the temp
//! dir on the same disk as everything else, `mail_fsync = optimized`
//! (Dovecot fsyncs each saved message and its index, as any default
//! install does), the index cache, no full-text search (SEARCH TEXT reads
//! the messages), one `imap` process per connection. The engine keeps its
//! store in memory and writes nothing to disk: the comparison is the
//! engine as users run it against Dovecot as users install it.
//!
//! Prints a Markdown table, and writes the same figures to
//! `target/bench/engine_tcp.json`. `cargo xtask bench` runs it (through
//! `cargo bench --workspace`) with `PLAYGROUND_SERVER_BIN` naming the dist
//! binary; alone: `cargo bench -p imap-playground --bench engine_tcp`.

#[path = "../tests/support/dovecot.rs"]
#[allow(dead_code)]
mod dovecot;

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, ensure};

/// Messages appended to `bench`.
const COUNT: usize = 2_000;
/// The generator's seed (the engine's own benchmark uses the same).
const SEED: u64 = 2026;
/// Measured rounds of the read-only phases, after one warm-up round.
const ROUNDS: usize = 7;
/// The longest one read or write may wait before the run fails.
const IO_WITHIN: Duration = Duration::from_secs(120);
/// The longest the whole run may take.
const RUN_WITHIN: Duration = Duration::from_secs(30 * 60);
/// The most one response line (without its literals) may grow to.
const MAX_LINE: usize = 16 << 20;
/// NOOPs per round and server, for the round-trip floor.
const NOOPS: usize = 20;
/// The rare word in a few bodies, for SEARCH TEXT.
const RARE: &str = mailstore::demo::BULK_RARE_WORD;
/// The name searched for with SEARCH FROM: one of the generator's first
/// names, which appear in display names and in addresses.
const SENDER: &str = "priya";

#[path = "support/imap_client.rs"]
mod imap_client;

use imap_client::Client;

#[path = "../tests/support/listener.rs"]
mod listener;

/// One measured phase: its name and commands, and each server's times.
struct Phase {
    name: &'static str,
    /// The commands, in order (the last phase has two).
    commands: Vec<String>,
    /// Milliseconds of each measured round: engine, Dovecot.
    ms: [Vec<f64>; 2],
    /// Octets received in the last round (APPEND: octets sent): engine,
    /// Dovecot.
    bytes: [usize; 2],
    /// Milliseconds of the unmeasured first round, before Dovecot's index
    /// cache holds what the phase asks for: engine, Dovecot.
    first: [f64; 2],
    /// The least Dovecot ÷ engine the project asks for.
    target: f64,
}

impl Phase {
    fn new(name: &'static str, commands: &[&str]) -> Phase {
        Phase {
            name,
            commands: commands.iter().map(|c| c.to_string()).collect(),
            ms: [Vec::new(), Vec::new()],
            bytes: [0, 0],
            first: [f64::NAN, f64::NAN],
            target: if name == "FETCH BODY.PEEK[]" {
                1.0
            } else {
                5.0
            },
        }
    }

    fn median(&self, side: usize) -> f64 {
        median(&self.ms[side])
    }

    fn ratio(&self) -> f64 {
        self.median(1) / self.median(0)
    }
}

fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Runs one phase's commands on one server; checks what came back (against
/// `expect`, what the first server answered to the same SEARCH); returns
/// the time, the bytes, and the SEARCH answer if any.
fn run_phase(
    c: &mut Client,
    phase: &Phase,
    expect: Option<&Vec<u32>>,
) -> anyhow::Result<(f64, usize, Option<Vec<u32>>)> {
    let started = Instant::now();
    let mut bytes = 0;
    let mut replies = Vec::with_capacity(2);
    for command in &phase.commands {
        let r = c.command(command)?;
        bytes += r.bytes;
        replies.push(r);
    }
    let ms = started.elapsed().as_secs_f64() * 1e3;
    let (name, last) = (c.name, replies.last().context("a command")?);
    let first = phase.commands.first().map_or("", String::as_str);
    if first.starts_with("FETCH") {
        ensure!(
            last.fetches == COUNT,
            "{name}: {first} returned {} messages",
            last.fetches
        );
    }
    if phase.commands.last().is_some_and(|c| c == "EXPUNGE") {
        ensure!(
            last.expunges == COUNT,
            "{name}: EXPUNGE removed {}",
            last.expunges
        );
    }
    let mut found = None;
    if first.contains("RETURN") {
        ensure!(
            last.kept.iter().any(|l| l.starts_with("* ESEARCH")),
            "{name}: {first} gave no ESEARCH"
        );
    } else if first.contains("SEARCH") {
        let hits = last.search()?;
        if first.starts_with("UID") {
            ensure!(hits.len() == COUNT, "{name}: {first} found {}", hits.len());
        }
        if let Some(e) = expect
            && !first.starts_with("UID")
        {
            ensure!(
                e == &hits,
                "`{first}`: the servers disagree: {} vs {name}'s {} matches ({e:?} vs {hits:?})",
                e.len(),
                hits.len()
            );
        }
        found = Some(hits);
    }
    Ok((ms, bytes, found))
}

/// The client bytes of every APPEND, pipelined with LITERAL+: tags `p0` to
/// `p1999`; the same bytes go to both servers.
fn append_script(messages: &[(Vec<u8>, i64)]) -> anyhow::Result<Vec<u8>> {
    let mut script = Vec::new();
    for (i, (raw, when)) in messages.iter().enumerate() {
        let date = imap_syntax::DateTime::from_unix(*when, 0)
            .map_err(|e| anyhow::anyhow!("date {when}: {e:?}"))?;
        script.extend_from_slice(
            format!("p{i} APPEND bench \"{date}\" {{{}+}}\r\n", raw.len()).as_bytes(),
        );
        script.extend_from_slice(raw);
        script.extend_from_slice(b"\r\n");
    }
    Ok(script)
}

/// APPENDs every message: the script written by a second thread while this
/// one reads the answers. Returns milliseconds.
fn append_pipelined(c: &mut Client, script: &Arc<Vec<u8>>) -> anyhow::Result<f64> {
    let mut w = c.stream.try_clone()?;
    let bytes = Arc::clone(script);
    let started = Instant::now();
    let writer = std::thread::spawn(move || w.write_all(&bytes).and_then(|()| w.flush()));
    let r = c.reply(&format!("p{}", COUNT - 1), false)?;
    let ms = started.elapsed().as_secs_f64() * 1e3;
    writer
        .join()
        .map_err(|_| anyhow::anyhow!("the writer panicked"))?
        .with_context(|| format!("write the APPENDs to {}", c.name))?;
    ensure!(
        r.status.contains(" OK") && r.other_ok == COUNT - 1 && r.other_failed.is_empty(),
        "{}: {} other OKs, failed {:?}, last {}",
        c.name,
        r.other_ok,
        r.other_failed,
        r.status
    );
    Ok(ms)
}

/// APPENDs every message one at a time with synchronizing literals.
fn append_synchronizing(c: &mut Client, messages: &[(Vec<u8>, i64)]) -> anyhow::Result<f64> {
    let started = Instant::now();
    for (raw, when) in messages {
        let date = imap_syntax::DateTime::from_unix(*when, 0)
            .map_err(|e| anyhow::anyhow!("date {when}: {e:?}"))?;
        let tag = c.tag();
        c.stream
            .write_all(format!("{tag} APPEND bench \"{date}\" {{{}}}\r\n", raw.len()).as_bytes())?;
        let go = c.reply(&tag, true)?;
        ensure!(go.status.starts_with('+'), "{}: {}", c.name, go.status);
        c.stream.write_all(raw)?;
        c.stream.write_all(b"\r\n")?;
        let done = c.reply(&tag, false)?;
        ensure!(done.status.contains(" OK"), "{}: {}", c.name, done.status);
    }
    Ok(started.elapsed().as_secs_f64() * 1e3)
}

/// The server's capabilities, from a CAPABILITY command.
fn capabilities(c: &mut Client) -> anyhow::Result<Vec<String>> {
    let r = c.command("CAPABILITY")?;
    let line = r
        .kept
        .iter()
        .find(|l| l.starts_with("* CAPABILITY"))
        .context("no * CAPABILITY")?;
    Ok(line.split_whitespace().skip(2).map(str::to_owned).collect())
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_owned())
}

fn now_text() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    imap_syntax::DateTime::from_unix(secs, 0)
        .map(|d| d.to_string().trim().to_owned())
        .unwrap_or_default()
}

fn dovecot_version() -> String {
    Command::new("/usr/sbin/dovecot")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

/// `target/bench/engine_tcp.json` (or under `CARGO_TARGET_DIR`).
fn json_path() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"))
        .join("bench")
        .join("engine_tcp.json")
}

/// Fails once the run has taken longer than [`RUN_WITHIN`].
fn in_time(started: Instant) -> anyhow::Result<()> {
    ensure!(
        started.elapsed() < RUN_WITHIN,
        "the run took over {RUN_WITHIN:?}"
    );
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let run_started = Instant::now();
    let load_start = load_average();
    let date = now_text();
    // The binary users run (`cargo xtask bench` passes target/dist's), else
    // the bench profile's own build of the same code.
    let exe = PathBuf::from(
        std::env::var_os("PLAYGROUND_SERVER_BIN")
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_imap-playground").into()),
    );
    let exe = exe.canonicalize().unwrap_or(exe);
    let messages = mailstore::demo::bulk_messages(COUNT, SEED);
    let total: usize = messages.iter().map(|(m, _)| m.len()).sum();
    // SINCE the day of the middle message's internal date, so about half
    // the messages are candidates (the 2,000 span about three months from
    // November 2023).
    let since = imap_syntax::DateTime::from_unix(messages[COUNT / 2].1, 0)
        .map_err(|e| anyhow::anyhow!("{e:?}"))?
        .date()
        .to_string();
    let script = Arc::new(append_script(&messages)?);

    let engine = listener::Listener::start(&exe).map_err(anyhow::Error::msg)?;
    let dovecot = dovecot::Dovecot::start();
    let (deadline, plain) = (run_started + RUN_WITHIN, ([127, 0, 0, 1], dovecot.plain));
    let mut clients = [
        Client::connect("engine", engine.imap, deadline)?,
        Client::connect("Dovecot", SocketAddr::from(plain), deadline)?,
    ];
    let mut literal_plus = true;
    for c in &mut clients {
        c.command("LOGIN alice wonderland")?;
        literal_plus &= capabilities(c)?.iter().any(|k| k == "LITERAL+");
        c.command("CREATE bench")?;
        c.command("CREATE bench-copy")?;
    }
    let how = if literal_plus {
        "pipelined, LITERAL+ {n+}"
    } else {
        "one at a time, synchronizing literals"
    };
    println!(
        "\nengine_tcp: {COUNT} messages ({:.1} MB, seed {SEED}), APPEND {how}; read-only phases: median of {ROUNDS} rounds after a warm-up, alternating which server goes first; mutating phases once per server",
        total as f64 / 1e6
    );
    println!("date: {date}");
    println!("engine binary: {}", exe.display());
    println!("Dovecot: {}", dovecot_version());

    let mut append = Phase::new("APPEND", &["APPEND bench"]);
    append.commands = vec![format!("{COUNT} × APPEND bench \"date\" literal ({how})")];
    for (side, c) in clients.iter_mut().enumerate() {
        let ms = if literal_plus {
            append_pipelined(c, &script)?
        } else {
            append_synchronizing(c, &messages)?
        };
        append.ms[side].push(ms);
        append.bytes[side] = script.len();
        in_time(run_started)?;
    }
    drop(script);

    let from_since = format!("SEARCH FROM {SENDER} SINCE {since}");
    let text = format!("SEARCH TEXT {RARE}");
    let esearch = format!("SEARCH RETURN (COUNT ALL) TEXT {RARE}");
    let mut reads = vec![
        Phase::new("SELECT", &["SELECT bench"]),
        Phase::new("FETCH FLAGS ENVELOPE", &["FETCH 1:* (FLAGS ENVELOPE)"]),
        Phase::new("FETCH BODYSTRUCTURE", &["FETCH 1:* BODYSTRUCTURE"]),
        Phase::new("FETCH BODY.PEEK[]", &["FETCH 1:* BODY.PEEK[]"]),
        Phase::new("UID SEARCH ALL", &["UID SEARCH ALL"]),
        Phase::new("SEARCH FROM SINCE", &[&from_since]),
        Phase::new("SEARCH TEXT rare", &[&text]),
        Phase::new("ESEARCH TEXT rare", &[&esearch]),
    ];
    // Each SEARCH's answer: from the warm-up, which every later round and
    // the other server must repeat.
    let mut answers: Vec<Option<Vec<u32>>> = vec![None; reads.len()];
    let mut noop: [Vec<f64>; 2] = Default::default();
    for round in 0..=ROUNDS {
        let order = if round % 2 == 0 { [0, 1] } else { [1, 0] };
        for side in order {
            for (phase, answer) in reads.iter_mut().zip(answers.iter_mut()) {
                let (ms, bytes, found) = run_phase(&mut clients[side], phase, answer.as_ref())?;
                if answer.is_none() {
                    *answer = found;
                }
                if round > 0 {
                    phase.ms[side].push(ms);
                    phase.bytes[side] = bytes;
                } else {
                    phase.first[side] = ms;
                }
            }
            // The round trip under every phase: NOOPs, answered at once.
            for _ in 0..NOOPS {
                let started = Instant::now();
                clients[side].command("NOOP")?;
                noop[side].push(started.elapsed().as_secs_f64() * 1e3);
            }
            in_time(run_started)?;
        }
    }
    let counts: Vec<(String, usize)> = reads
        .iter()
        .zip(&answers)
        .filter_map(|(p, a)| Some((p.commands[0].clone(), a.as_ref()?.len())))
        .collect();
    for (command, n) in &counts {
        println!("`{command}`: {n} matches on both servers");
        if *n == 0 {
            println!("WARNING: `{command}` matches nothing; it measures less than it should");
        }
    }

    let mut writes = vec![
        Phase::new(
            "STORE +FLAGS.SILENT \\Seen",
            &["STORE 1:* +FLAGS.SILENT (\\Seen)"],
        ),
        Phase::new("COPY", &["COPY 1:* bench-copy"]),
        Phase::new(
            "STORE \\Deleted + EXPUNGE",
            &["STORE 1:* +FLAGS.SILENT (\\Deleted)", "EXPUNGE"],
        ),
    ];
    for (i, phase) in writes.iter_mut().enumerate() {
        let order = if i % 2 == 0 { [0, 1] } else { [1, 0] };
        for side in order {
            let (ms, bytes, _) = run_phase(&mut clients[side], phase, None)?;
            phase.ms[side].push(ms);
            phase.bytes[side] = bytes;
            in_time(run_started)?;
        }
    }

    // Synchronisation (RFC 7162), on the copies: a client that knew
    // bench-copy at one HIGHESTMODSEQ comes back after 100 flag changes and
    // 100 expunges. Each server numbers modseqs its own way, so the
    // commands take the UIDVALIDITY and HIGHESTMODSEQ each one gave.
    let mut sync = vec![
        Phase::new(
            "ENABLE QRESYNC, SELECT",
            &["ENABLE QRESYNC", "SELECT bench-copy"],
        ),
        Phase::new(
            "100 flag changes, 100 expunges",
            &[
                "STORE 1:100 +FLAGS.SILENT (\\Flagged)",
                "STORE 101:200 +FLAGS.SILENT (\\Deleted)",
                "EXPUNGE",
            ],
        ),
        Phase::new(
            "FETCH CHANGEDSINCE",
            &["FETCH 1:* (FLAGS) (CHANGEDSINCE {modseq})"],
        ),
        Phase::new(
            "QRESYNC resync",
            &[
                "UNSELECT",
                "SELECT bench-copy (QRESYNC ({uidvalidity} {modseq}))",
            ],
        ),
    ];
    let mut known = [(0, 0); 2];
    for (i, phase) in sync.iter_mut().enumerate() {
        let order = if i % 2 == 0 { [0, 1] } else { [1, 0] };
        for side in order {
            let (uidvalidity, modseq) = known[side];
            let filled = Phase {
                commands: phase
                    .commands
                    .iter()
                    .map(|c| {
                        c.replace("{uidvalidity}", &uidvalidity.to_string())
                            .replace("{modseq}", &modseq.to_string())
                    })
                    .collect(),
                ..Phase::new(phase.name, &[])
            };
            let started = Instant::now();
            let mut last = None;
            for command in &filled.commands {
                last = Some(clients[side].command(command)?);
            }
            let ms = started.elapsed().as_secs_f64() * 1e3;
            let last = last.context("a command")?;
            let name = clients[side].name;
            match i {
                0 => {
                    known[side] = (
                        last.code("UIDVALIDITY").context("no UIDVALIDITY")?,
                        last.code("HIGHESTMODSEQ").context("no HIGHESTMODSEQ")?,
                    );
                }
                2 => ensure!(
                    last.fetches == 100,
                    "{name}: CHANGEDSINCE gave {} FETCHes",
                    last.fetches
                ),
                3 => {
                    ensure!(
                        last.fetches == 100,
                        "{name}: QRESYNC gave {} FETCHes",
                        last.fetches
                    );
                    ensure!(
                        last.kept
                            .iter()
                            .any(|l| l.starts_with("* VANISHED (EARLIER) ")),
                        "{name}: QRESYNC gave no VANISHED (EARLIER)"
                    );
                }
                _ => {}
            }
            phase.ms[side].push(ms);
            phase.bytes[side] = last.bytes;
            in_time(run_started)?;
        }
    }
    for c in &mut clients {
        let r = c.command("STATUS bench-copy (MESSAGES)")?;
        ensure!(
            r.kept
                .iter()
                .any(|l| l.contains(&format!("MESSAGES {})", COUNT - 100))),
            "{}: bench-copy: {:?}",
            c.name,
            r.kept
        );
        let _ = c.command("LOGOUT");
    }
    drop(clients);
    drop(engine);
    drop(dovecot);
    let load_end = load_average();

    let phases: Vec<&Phase> = std::iter::once(&append)
        .chain(&reads)
        .chain(&writes)
        .chain(&sync)
        .collect();
    println!();
    println!("| phase | engine (ms) | Dovecot (ms) | Dovecot ÷ engine |");
    println!("|---|---|---|---|");
    for p in &phases {
        println!(
            "| {} | {:.1} | {:.1} | {:.1}× |",
            p.name,
            p.median(0),
            p.median(1),
            p.ratio()
        );
    }
    let floor = [median(&noop[0]), median(&noop[1])];
    println!(
        "\nNOOP round trip (the floor under every phase; median of {}): engine {:.3} ms, Dovecot {:.3} ms",
        noop[0].len(),
        floor[0],
        floor[1]
    );
    println!(
        "\nfirst (unmeasured) round, before Dovecot's index cache holds what each FETCH asks for:\n"
    );
    println!("| phase | engine (ms) | Dovecot (ms) | Dovecot ÷ engine |");
    println!("|---|---|---|---|");
    for p in &reads {
        println!(
            "| {} | {:.1} | {:.1} | {:.1}× |",
            p.name,
            p.first[0],
            p.first[1],
            p.first[1] / p.first[0]
        );
    }
    println!("\nload average (1, 5, 15 min): {load_start} at start, {load_end} at end");
    let below: Vec<String> = phases
        .iter()
        .filter(|p| p.ratio().is_nan() || p.ratio() < p.target)
        .map(|p| format!("{} ({:.1}×, target {}×)", p.name, p.ratio(), p.target))
        .collect();
    if below.is_empty() {
        println!("every phase meets its target (5×, FETCH BODY.PEEK[] 1×)");
    } else {
        println!("below target: {}", below.join(", "));
    }

    let json = serde_json::json!({
        "date": date,
        "binary": exe.display().to_string(),
        "dovecot": dovecot_version(),
        "messages": COUNT,
        "message_bytes": total,
        "seed": SEED,
        "rounds": ROUNDS,
        "append": how,
        "load_average_start": load_start,
        "load_average_end": load_end,
        "noop_round_trip_ms": {"engine": floor[0], "dovecot": floor[1]},
        "search_matches": counts.iter().map(|(c, n)| serde_json::json!({"command": c, "matches": n})).collect::<Vec<_>>(),
        "phases": phases.iter().map(|p| serde_json::json!({
            "phase": p.name,
            "commands": p.commands,
            "engine_ms": p.median(0),
            "dovecot_ms": p.median(1),
            "dovecot_over_engine": p.ratio(),
            "target": p.target,
            "meets_target": p.ratio() >= p.target,
            "engine_rounds_ms": p.ms[0],
            "dovecot_rounds_ms": p.ms[1],
            "engine_bytes": p.bytes[0],
            "dovecot_bytes": p.bytes[1],
            "engine_first_round_ms": p.first[0],
            "dovecot_first_round_ms": p.first[1],
        })).collect::<Vec<_>>(),
    });
    let path = json_path();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("create {}", dir.display()))?;
    }
    std::fs::write(&path, serde_json::to_string_pretty(&json)?)
        .with_context(|| format!("write {}", path.display()))?;
    let path = path.canonicalize().unwrap_or(path);
    println!("written: {}", path.display());
    Ok(())
}
