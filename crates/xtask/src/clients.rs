//! The "real clients" test layer: Python's imaplib, curl and mbsync, none
//! written by us, against `imap-playground serve --imap-listen`.
//!
//! The scripts live in `tests/clients/`. The server runs on free loopback
//! ports and is stopped (SIGTERM, then kill) whatever the scripts do.

use anyhow::{Context, bail};

use crate::dist::target_dir;
use crate::layers::Server;
use crate::root;
use crate::run::{cargo, cmd, run};

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
    let server = Server::start(
        &exe,
        &["--listen", "127.0.0.1:0", "--imap-listen", "127.0.0.1:0"],
        "imap listening on ",
    )?;
    let port = server
        .announced
        .rsplit(':')
        .next()
        .and_then(|p| p.parse::<u16>().ok())
        .context("`imap listening on` gave no port")?
        .to_string();
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
