//! `cargo xtask`: the project's build orchestration, in Rust so that it
//! runs wherever cargo does. std and anyhow only, so it compiles in seconds.
//!
//! # Layout
//! - `main`: command-line dispatch and help.
//! - `run`: running child processes with clear failure messages.
//! - `wasm`: the wasm target, wasm-bindgen-cli of the locked version, the package.
//! - `system`: Debian packages and npm modules the end-to-end tests need.
//! - `dist`: the static site and the release binary with the site built in.
//! - `layers`: `serve`, `test`, `bench` and `fuzz`.
//! - `size`: what the wasm module is made of, by crate (twiggy).
//! - `clients`: the real-clients layer (imaplib, curl, mbsync against `--imap-listen`).
#![forbid(unsafe_code)]

mod blank;
mod clients;
mod dist;
mod layers;
mod run;
mod size;
mod system;
mod wasm;

use std::path::PathBuf;
use std::process::ExitCode;

const HELP: &str = "\
cargo xtask: build, run and test the IMAP playground

USAGE:
    cargo xtask serve [ARGS...]      build the release server with the page built in (as `dist`),
                                     then run `target/dist/imap-playground serve ARGS...`
                                     (default http://127.0.0.1:8080; try `serve --help` for the flags)
    cargo xtask serve --dev [ARGS...]
                                     the quick debug build, reading web/ and target/pkg on every request
    cargo xtask dist                 target/dist/site/ (a static site for any host and path) and
                                     target/dist/imap-playground (one binary, the site inside)
    cargo xtask test                 run every test layer, stop at the first failure
    cargo xtask test WORD...         only the layers whose names contain a WORD
                                     (e.g. `cargo xtask test browser clients`)
    cargo xtask bench                run the benchmarks (criterion, TCP load) and measure the wasm package
    cargo xtask fuzz [TARGET] [SECS] run fuzz targets under crates/*/fuzz and server/fuzz (default: all, 60 s each)
    cargo xtask fuzz [TARGET] --runs N
                                     the same, N inputs per target instead of a time
    cargo xtask size                 the wasm package's download size, and its module by crate (twiggy)
    cargo xtask help                 this text

`serve` and `test` install what they lack: the wasm32 target (rustup), wasm-bindgen-cli
of the version in Cargo.lock (into target/tools/), npm packages (into tests/node_modules),
and, as root on Debian, the system packages the browser tests use (apt-get).

ENVIRONMENT:
    XTASK_FUZZ_SECONDS   seconds per fuzz target inside `test` (default 20; 0 skips fuzzing)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        print!("{HELP}");
        return ExitCode::SUCCESS;
    };
    let result = match command.as_str() {
        "serve" => layers::serve(rest),
        "dist" => dist::build().map(|_| ()),
        "size" => size::report(),
        "test" => return layers::test(rest),
        "bench" => layers::bench(),
        "fuzz" => layers::fuzz_command(rest),
        "help" | "--help" | "-h" => {
            print!("{HELP}");
            Ok(())
        }
        other => {
            eprint!("xtask: unknown command {other:?}\n\n{HELP}");
            return ExitCode::FAILURE;
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root (two levels above this crate's manifest).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .map(PathBuf::from)
        .unwrap_or(manifest)
}
