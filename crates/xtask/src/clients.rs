//! The "real clients" test layer: Python's imaplib, curl and mbsync, none
//! written by us, against `imap-playground serve --imap-listen`.
//!
//! The scripts live in `tests/clients/`. The server runs on free loopback
//! ports and is stopped (SIGTERM, then kill) whatever the scripts do.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::root;
use crate::run::{cargo, cmd, run, show, succeeds};

/// A running server with its IMAP port, stopped when dropped.
struct ImapServer {
    child: Child,
    port: u16,
}

impl ImapServer {
    fn start(exe: &Path) -> anyhow::Result<ImapServer> {
        let mut c = cmd(
            exe,
            &[
                "serve",
                "--web-dir",
                "web",
                "--pkg-dir",
                "target/pkg",
                "--listen",
                "127.0.0.1:0",
                "--imap-listen",
                "127.0.0.1:0",
            ],
        );
        c.stdout(Stdio::piped()).env(
            "RUST_LOG",
            std::env::var("RUST_LOG").unwrap_or_else(|_| "warn".to_owned()),
        );
        eprintln!("xtask: $ {}", show(&c));
        let mut child = c.spawn().context("cannot start imap-playground")?;
        let stdout = child.stdout.take().context("no stdout pipe")?;
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            // Forward the IMAP port, then keep draining so the server never
            // blocks on a full pipe.
            let mut tx = Some(tx);
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let port = line
                    .strip_prefix("imap listening on ")
                    .and_then(|addr| addr.trim().rsplit(':').next())
                    .and_then(|p| p.parse::<u16>().ok());
                match (port, tx.take()) {
                    (Some(port), Some(tx)) => {
                        let _ = tx.send(port);
                    }
                    (_, keep) => {
                        tx = keep;
                        eprintln!("imap-playground: {line}");
                    }
                }
            }
        });
        let mut server = ImapServer { child, port: 0 };
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(port) => {
                server.port = port;
                Ok(server)
            }
            Err(_) => bail!("imap-playground did not print `imap listening on ADDR`"),
        }
    }
}

impl Drop for ImapServer {
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

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// `cargo xtask test`'s real-clients layer.
pub fn layer_real_clients() -> anyhow::Result<()> {
    run(&mut cmd(
        cargo(),
        &[
            "build",
            "-p",
            "imap-playground",
            "--bin",
            "imap-playground",
            "--example",
            "demo_message",
        ],
    ))?;
    let debug = target_dir().join("debug");
    let exe = debug.join(format!("imap-playground{}", std::env::consts::EXE_SUFFIX));
    let demo = debug
        .join("examples")
        .join(format!("demo_message{}", std::env::consts::EXE_SUFFIX));
    for f in [&exe, &demo] {
        if !f.is_file() {
            bail!("cargo built it but {} is missing", f.display());
        }
    }
    let server = ImapServer::start(&exe)?;
    let port = server.port.to_string();
    eprintln!("xtask: IMAP sandbox on 127.0.0.1:{port}");
    let dir = root().join("tests/clients");
    let scripts: [(&str, Vec<&str>); 3] = [
        ("sh", vec!["curl.sh"]),
        ("sh", vec!["mbsync.sh"]),
        ("python3", vec!["test_imaplib.py"]),
    ];
    let mut result = Ok(());
    for (program, args) in scripts {
        let mut c = cmd(program, &args);
        c.current_dir(&dir)
            .env("IMAP_PORT", &port)
            .env("DEMO_MESSAGE", &demo);
        result = run(&mut c);
        if result.is_err() {
            break;
        }
    }
    drop(server);
    result
}
