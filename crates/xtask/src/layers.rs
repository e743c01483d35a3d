//! `serve`, `test`, `bench` and `fuzz`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::root;
use crate::run::{cargo, cmd, output, run, show, succeeds};
use crate::{dist, system, wasm};

/// Seconds each fuzz target runs inside `cargo xtask test`. Nine targets
/// at 11 s take less than the five at 20 s did, and each starts from its
/// committed corpus instead of from nothing.
const TEST_FUZZ_SECONDS: u64 = 11;
/// Seconds each fuzz target runs under `cargo xtask fuzz` by default.
const LONG_FUZZ_SECONDS: u64 = 60;

use crate::dist::target_dir;

/// The debug build of the server, for `serve --dev` and the layers that
/// test the engine through it.
fn debug_binary() -> anyhow::Result<PathBuf> {
    run(&mut cmd(cargo(), &["build", "-p", "imap-playground"]))?;
    let exe = target_dir()
        .join("debug")
        .join(format!("imap-playground{}", std::env::consts::EXE_SUFFIX));
    if !exe.is_file() {
        bail!(
            "cargo built imap-playground but {} is missing",
            exe.display()
        );
    }
    Ok(exe)
}

/// The server command line of the debug build: the page and the package
/// read from disk on every request, so edits show on reload.
fn dev_command(exe: &Path, extra: &[String]) -> Command {
    let mut c = cmd(
        exe,
        &["serve", "--web-dir", "web", "--pkg-dir", "target/pkg"],
    );
    c.args(extra);
    c
}

/// `cargo xtask serve [--dev] [ARGS...]`: the release build with the site
/// built in (what `cargo xtask dist` ships), or with `--dev` the debug
/// build reading `web/` and `target/pkg` from disk.
pub fn serve(args: &[String]) -> anyhow::Result<()> {
    let dev = args.first().is_some_and(|a| a == "--dev");
    let extra = if dev { &args[1..] } else { args };
    let mut c = if dev {
        eprintln!(
            "xtask: serving the DEBUG build (--dev): slow engine and bridge, page read from web/ on every request"
        );
        wasm::build_package()?;
        dev_command(&debug_binary()?, extra)
    } else {
        eprintln!(
            "xtask: serving the RELEASE build with the page built in (target/dist/imap-playground); `serve --dev` for the quick debug build"
        );
        let exe = dist::build()?;
        let mut c = cmd(&exe, &["serve"]);
        c.args(extra);
        c
    };
    eprintln!("xtask: $ {}", show(&c));
    eprintln!("xtask: open the URL printed below; Ctrl-C stops the server");
    #[cfg(unix)]
    {
        // Become the server, so Ctrl-C and SIGTERM reach it directly and
        // its exit status is ours.
        use std::os::unix::process::CommandExt;
        let err = c.exec();
        Err(err).context("cannot start imap-playground")
    }
    #[cfg(not(unix))]
    {
        run(&mut c)
    }
}

type Layer = (&'static str, fn() -> anyhow::Result<()>);

/// Every test layer, in order. The system packages come first: the Rust
/// tests compare the engine with Dovecot, and wasm-bindgen-test-runner
/// needs Node.
const LAYERS: &[Layer] = &[
    ("system packages", system::ensure_packages),
    ("format (cargo fmt --check)", layer_fmt),
    ("lints (cargo clippy -D warnings)", layer_clippy),
    ("Rust tests (cargo test --workspace)", layer_cargo_test),
    (
        "real clients (imaplib, curl, mbsync on --imap-listen)",
        crate::clients::layer_real_clients,
    ),
    (
        "wasm façade under Node (wasm-bindgen-test)",
        layer_wasm_tests,
    ),
    ("wasm package (target/pkg)", layer_package),
    (
        "npm modules (tests/node_modules)",
        system::ensure_npm_modules,
    ),
    (
        "page scripts (tsc --checkJs, node --test tests/unit)",
        layer_page_scripts,
    ),
    ("release build (cargo xtask dist)", layer_dist),
    ("browser (node --test tests/browser)", layer_browser),
    ("fuzzing (short runs)", layer_fuzz_short),
    ("the tree is as it was (git status)", layer_tree_clean),
];

/// `cargo xtask test`: every layer; stops at the first failure.
/// With `only` words, just the layers whose names contain one of them
/// (for working on one layer; CI always runs them all).
pub fn test(only: &[String]) -> ExitCode {
    let started = Instant::now();
    let mut passed = 0usize;
    let chosen: Vec<&Layer> = LAYERS
        .iter()
        .filter(|(name, _)| only.is_empty() || only.iter().any(|w| name.contains(w.as_str())))
        .collect();
    if chosen.is_empty() {
        eprintln!("xtask: no layer matches {only:?}");
        println!("xtask: 0 passed, 1 failed");
        return ExitCode::FAILURE;
    }
    for (i, (name, layer)) in chosen.iter().copied().enumerate() {
        eprintln!(
            "\nxtask: ── layer {}/{}: {name}",
            i.saturating_add(1),
            chosen.len()
        );
        let t = Instant::now();
        match layer() {
            Ok(()) => {
                passed = passed.saturating_add(1);
                eprintln!("xtask: ok: {name} ({:.0?})", t.elapsed());
            }
            Err(e) => {
                eprintln!("\nxtask: FAILED: {name}: {e:#}");
                let not_run: Vec<&str> = chosen
                    .iter()
                    .skip(i.saturating_add(1))
                    .map(|(n, _)| *n)
                    .collect();
                if !not_run.is_empty() {
                    eprintln!("xtask: not run: {}", not_run.join("; "));
                }
                println!("xtask: {passed} passed, 1 failed");
                return ExitCode::FAILURE;
            }
        }
    }
    eprintln!("\nxtask: all layers passed in {:.0?}", started.elapsed());
    println!("xtask: {passed} passed, 0 failed");
    ExitCode::SUCCESS
}

fn ensure_component(probe: &[&str], component: &str) -> anyhow::Result<()> {
    if succeeds(&mut cmd(cargo(), probe)) {
        return Ok(());
    }
    run(&mut cmd("rustup", &["component", "add", component])).with_context(|| {
        format!(
            "cargo {} is missing; install it with `rustup component add {component}`",
            probe[0]
        )
    })
}

fn layer_fmt() -> anyhow::Result<()> {
    ensure_component(&["fmt", "--version"], "rustfmt")?;
    run(&mut cmd(cargo(), &["fmt", "--all", "--check"]))
        .context("run `cargo fmt --all` to fix the formatting")
}

fn layer_clippy() -> anyhow::Result<()> {
    ensure_component(&["clippy", "--version"], "clippy")?;
    run(&mut cmd(
        cargo(),
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    ))
}

fn layer_cargo_test() -> anyhow::Result<()> {
    run(&mut cmd(cargo(), &["test", "--workspace"]))
}

fn layer_wasm_tests() -> anyhow::Result<()> {
    wasm::ensure_target()?;
    let bin = wasm::ensure_wasm_bindgen()?;
    let runner = bin.join("wasm-bindgen-test-runner");
    let mut c = cmd(
        cargo(),
        &["test", "-p", "playground-wasm", "--target", wasm::TARGET],
    );
    c.env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", &runner);
    run(&mut c)
}

fn layer_package() -> anyhow::Result<()> {
    wasm::build_package().map(|_| ())
}

/// The page's JavaScript without a browser: type-checked against its JSDoc
/// and `web/events.d.ts` (TypeScript from npm, `tests/tsconfig.json`; the
/// wasm package's `.d.ts` from `target/pkg`), then its pure functions'
/// unit tests under Node.
fn layer_page_scripts() -> anyhow::Result<()> {
    let tests = root().join("tests");
    run(cmd(
        "node",
        &["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"],
    )
    .current_dir(&tests))?;
    run(cmd("node", &["--test", "unit/"]).current_dir(&tests))
}

fn layer_dist() -> anyhow::Result<()> {
    dist::build().map(|_| ())
}

/// Tests write only under target/ (and ignored folders): a run that
/// changed or added a tracked-looking file fails, naming it.
fn layer_tree_clean() -> anyhow::Result<()> {
    let Some(status) = output(&mut cmd("git", &["status", "--porcelain"])) else {
        eprintln!("xtask: not a git checkout; nothing to compare");
        return Ok(());
    };
    if !status.trim().is_empty() {
        bail!(
            "the test run left the tree changed (generated files belong under target/):\n{status}"
        );
    }
    Ok(())
}

/// A running `imap-playground`, stopped (SIGTERM, then kill) when dropped.
pub(crate) struct Server {
    child: Child,
    /// What the server printed after the `announce` prefix it was started
    /// with: a URL (`listening on `) or an address (`imap listening on `).
    pub(crate) announced: String,
}

impl Server {
    /// Starts `exe serve ARGS` and waits (at most a minute) for a stdout
    /// line starting with `announce`. The debug build is given `--web-dir web
    /// --pkg-dir target/pkg`; the dist build serves the site built into it.
    pub(crate) fn start(
        exe: &Path,
        args: &[&str],
        announce: &'static str,
    ) -> anyhow::Result<Server> {
        let extra: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
        let mut c = if exe == dist::binary() {
            let mut c = cmd(exe, &["serve"]);
            c.args(&extra);
            c
        } else {
            dev_command(exe, &extra)
        };
        c.stdout(Stdio::piped()).env(
            "RUST_LOG",
            std::env::var("RUST_LOG").unwrap_or_else(|_| "warn".to_owned()),
        );
        eprintln!("xtask: $ {}", show(&c));
        let mut child = c.spawn().context("cannot start imap-playground")?;
        let stdout = child.stdout.take().context("no stdout pipe")?;
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            // Forward the first announcement, then keep draining so the
            // server never blocks on a full pipe.
            let mut tx = Some(tx);
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                match line.strip_prefix(announce) {
                    Some(value) if tx.is_some() => {
                        if let Some(tx) = tx.take() {
                            let _ = tx.send(value.trim().to_owned());
                        }
                    }
                    _ => eprintln!("imap-playground: {line}"),
                }
            }
        });
        let mut server = Server {
            child,
            announced: String::new(),
        };
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(value) => {
                server.announced = value;
                Ok(server)
            }
            Err(_) => {
                bail!("imap-playground did not print `{announce}...` (did it fail to start?)")
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let pid = self.child.id().to_string();
        let _ = succeeds(&mut cmd("kill", &["-TERM", &pid]));
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn layer_browser() -> anyhow::Result<()> {
    let dir = root().join("tests/browser");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("no tests/browser/*.test.mjs files");
    }
    // The binary users run: release, with the site built in.
    let exe = dist::binary();
    if !exe.is_file() {
        bail!("{} is missing: run `cargo xtask dist` first", exe.display());
    }
    let server = Server::start(&exe, &["--listen", "127.0.0.1:0"], "listening on ")?;
    eprintln!("xtask: server at {}", server.announced);
    let mut c = cmd("node", &["--test", "--test-concurrency=1"]);
    c.args(&files)
        .env("PLAYGROUND_URL", &server.announced)
        .env("PLAYGROUND_SERVER_BIN", &exe)
        .env("PLAYGROUND_SITE_DIR", dist::dist_dir().join("site"))
        .env(
            "PLAYGROUND_ARTIFACTS",
            target_dir().join("browser-artifacts"),
        )
        .env("CHROMIUM", "/usr/bin/chromium");
    let result = run(&mut c);
    drop(server);
    result
}

/// Fuzz targets: (crate directory, target name) for every
/// `crates/*/fuzz/fuzz_targets/*.rs` and `server/fuzz/fuzz_targets/*.rs`.
fn fuzz_targets() -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    let crates = std::fs::read_dir(root().join("crates"))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .chain([root().join("server")]);
    for krate in crates {
        let Ok(targets) = std::fs::read_dir(krate.join("fuzz/fuzz_targets")) else {
            continue;
        };
        for t in targets.filter_map(Result::ok).map(|e| e.path()) {
            if t.extension().is_some_and(|e| e == "rs")
                && let Some(stem) = t.file_stem()
            {
                found.push((krate.clone(), stem.to_string_lossy().into_owned()));
            }
        }
    }
    found.sort();
    found
}

/// Whether fuzzing can run: a nightly toolchain and cargo-fuzz (installed
/// if missing). `Ok(false)` with a warning when there is no nightly.
fn fuzz_ready() -> anyhow::Result<bool> {
    let nightly =
        output(&mut cmd("rustup", &["toolchain", "list"])).is_some_and(|l| l.contains("nightly"));
    if !nightly {
        eprintln!(
            "xtask: WARNING: no nightly toolchain, so fuzzing is skipped; install it with `rustup toolchain install nightly`"
        );
        return Ok(false);
    }
    if !succeeds(&mut cmd("cargo", &["+nightly", "fuzz", "--version"])) {
        run(&mut cmd("cargo", &["install", "cargo-fuzz"]))?;
    }
    Ok(true)
}

/// Runs each target for `seconds`, one at a time (each uses one core).
///
/// Two corpus folders: `fuzz/corpus/TARGET` (ignored by git) first, where
/// libFuzzer writes what it finds, then `fuzz/seeds/TARGET`, the committed,
/// minimized corpus (`cargo fuzz cmin`), which is only read, so a run
/// starts from what earlier runs found and leaves the tree clean. No
/// sanitizer: every crate forbids `unsafe`, and AddressSanitizer made the
/// session target 6x slower and 15x larger (479 MB) for nothing it could
/// find there; a panic is what these targets look for.
/// How long each fuzz target runs: seconds, or a number of inputs.
#[derive(Debug, Clone, Copy)]
enum FuzzBudget {
    Seconds(u64),
    Runs(u64),
}

fn run_fuzz(targets: &[(PathBuf, String)], budget: FuzzBudget) -> anyhow::Result<()> {
    let max = match budget {
        FuzzBudget::Seconds(s) => format!("-max_total_time={s}"),
        FuzzBudget::Runs(n) => format!("-runs={n}"),
    };
    for (krate, target) in targets {
        let corpus = format!("fuzz/corpus/{target}");
        let seeds = format!("fuzz/seeds/{target}");
        std::fs::create_dir_all(krate.join(&corpus))
            .with_context(|| format!("creating {corpus} in {}", krate.display()))?;
        let mut c = cmd(
            "cargo",
            &[
                "+nightly",
                "fuzz",
                "run",
                "--sanitizer",
                "none",
                target,
                &corpus,
            ],
        );
        if krate.join(&seeds).is_dir() {
            c.arg(&seeds);
        }
        c.args(["--", &max]);
        c.current_dir(krate);
        run(&mut c).with_context(|| {
            format!(
                "fuzz target {target} in {} found a failure",
                krate.display()
            )
        })?;
    }
    Ok(())
}

fn layer_fuzz_short() -> anyhow::Result<()> {
    let seconds = match std::env::var("XTASK_FUZZ_SECONDS") {
        Ok(s) => s
            .trim()
            .parse()
            .context("XTASK_FUZZ_SECONDS must be a number of seconds")?,
        Err(_) => TEST_FUZZ_SECONDS,
    };
    let targets = fuzz_targets();
    if targets.is_empty() {
        eprintln!("xtask: no fuzz targets under crates/*/fuzz yet");
        return Ok(());
    }
    if seconds == 0 {
        eprintln!("xtask: WARNING: XTASK_FUZZ_SECONDS=0, fuzzing skipped");
        return Ok(());
    }
    if !fuzz_ready()? {
        return Ok(());
    }
    run_fuzz(&targets, FuzzBudget::Seconds(seconds))
}

/// `cargo xtask fuzz [TARGET] [SECONDS]`.
pub fn fuzz_command(args: &[String]) -> anyhow::Result<()> {
    let mut targets = fuzz_targets();
    let mut budget = FuzzBudget::Seconds(LONG_FUZZ_SECONDS);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "--runs" {
            let n = args
                .next()
                .and_then(|n| n.parse::<u64>().ok())
                .context("--runs needs a number of inputs, such as --runs 10000000")?;
            budget = FuzzBudget::Runs(n);
        } else if let Ok(n) = arg.parse::<u64>() {
            budget = FuzzBudget::Seconds(n);
        } else {
            targets.retain(|(_, t)| t == arg);
            if targets.is_empty() {
                let all: Vec<String> = fuzz_targets().into_iter().map(|(_, t)| t).collect();
                bail!(
                    "no fuzz target {arg:?}; there are: {}",
                    if all.is_empty() {
                        "none yet".to_owned()
                    } else {
                        all.join(", ")
                    }
                );
            }
        }
    }
    if targets.is_empty() {
        bail!("no fuzz targets under crates/*/fuzz yet");
    }
    if !fuzz_ready()? {
        bail!("fuzzing needs a nightly toolchain");
    }
    run_fuzz(&targets, budget)
}

/// `cargo xtask bench`: the criterion benchmarks, the TCP listener's load
/// benchmark (`server/benches/tcp_load.rs`: commands/s and p99 latency at 1,
/// 50 and 200 connections), the bridge benchmark and the engine over TCP
/// against Dovecot over TCP (`server/benches/engine_tcp.rs`, also written to
/// `target/bench/engine_tcp.json`), all through `cargo bench --workspace`;
/// then the size of what a visitor downloads. The engine, bridge and
/// engine_tcp benchmarks measure Dovecot and websockify in the same run, so
/// the system packages come first, as in `test`. The dist binary is built
/// first: bridge and engine_tcp run it (`PLAYGROUND_SERVER_BIN`), not the
/// bench profile's own build, which lacks the embedded site.
pub fn bench() -> anyhow::Result<()> {
    system::ensure_packages()?;
    // The bridge benchmark measures the binary the README's `serve` runs.
    let exe = dist::build()?;
    run(cmd(cargo(), &["bench", "--workspace"]).env("PLAYGROUND_SERVER_BIN", &exe))?;
    engine_bench()?;
    crate::size::report()
}

/// The engine on 10,000 messages: natively, then the same scenario
/// compiled to wasm and run under Node (`tests/bench/wasm-mailbox.mjs`).
fn engine_bench() -> anyhow::Result<()> {
    run(&mut cmd(
        cargo(),
        &[
            "bench",
            "-p",
            "imap-engine",
            "--features",
            "bench",
            "--bench",
            "mailbox",
        ],
    ))?;
    let pkg = wasm::build_package_with(Some("bench"), "target/pkg-bench")?;
    let script = root().join("tests/bench/wasm-mailbox.mjs");
    run(cmd("node", &[&script.to_string_lossy()]).env("PKG_DIR", &pkg))?;
    Ok(())
}
