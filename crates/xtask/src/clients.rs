//! The "real clients" test layer: Python's imaplib, curl and mbsync, none
//! written by us, against `imap-playground serve --imap-listen`.
//!
//! The scripts live in `tests/clients/`. The server runs on free loopback
//! ports and is stopped (SIGTERM, then kill) whatever the scripts do.
//!
//! Then the same clients over TLS (`*_tls.*`): a certificate made with
//! `openssl req -x509` under `target/clients-tls/` (removed afterwards),
//! one server with `--imap-listen` and `--tls-cert` (STARTTLS, login
//! refused before it) and one with `--imap-tls-listen` (implicit TLS).

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
    result?;
    layer_real_clients_tls(&exe, &demo, &dir)
}

/// The port at the end of an announced `HOST:PORT`.
fn port_of(announced: &str) -> anyhow::Result<String> {
    Ok(announced
        .rsplit(':')
        .next()
        .and_then(|p| p.parse::<u16>().ok())
        .with_context(|| format!("no port in {announced:?}"))?
        .to_string())
}

/// The TLS half of the layer: curl, imaplib and mbsync with STARTTLS and
/// with implicit TLS, trusting a certificate made here.
fn layer_real_clients_tls(
    exe: &std::path::Path,
    demo: &std::path::Path,
    dir: &std::path::Path,
) -> anyhow::Result<()> {
    let certs = target_dir().join("clients-tls");
    let _ = std::fs::remove_dir_all(&certs);
    std::fs::create_dir_all(&certs).with_context(|| format!("creating {}", certs.display()))?;
    let cert = certs.join("cert.pem");
    let key = certs.join("key.pem");
    let (cert_s, key_s) = (cert.to_string_lossy(), key.to_string_lossy());
    let result = (|| {
        // The usual lab certificate: self-signed, so CA:TRUE.
        run(&mut cmd(
            "openssl",
            &[
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout",
                &key_s,
                "-out",
                &cert_s,
            ],
        ))?;
        let tls = ["--tls-cert", &cert_s, "--tls-key", &key_s];
        let mut args = vec!["--listen", "127.0.0.1:0", "--imap-listen", "127.0.0.1:0"];
        args.extend_from_slice(&tls);
        let starttls = Server::start(exe, &args, "imap listening on ")?;
        let mut args = vec![
            "--listen",
            "127.0.0.1:0",
            "--imap-tls-listen",
            "127.0.0.1:0",
        ];
        args.extend_from_slice(&tls);
        let implicit = Server::start(exe, &args, "imaps listening on ")?;
        let (port, tls_port) = (port_of(&starttls.announced)?, port_of(&implicit.announced)?);
        eprintln!(
            "xtask: IMAP sandbox with STARTTLS on 127.0.0.1:{port}, implicit TLS on 127.0.0.1:{tls_port}"
        );
        let scripts: [(&str, &str); 3] = [
            ("sh", "curl_tls.sh"),
            ("sh", "mbsync_tls.sh"),
            ("python3", "test_imaplib_tls.py"),
        ];
        for (program, script) in scripts {
            let mut c = cmd(program, &[script]);
            c.current_dir(dir)
                .env("IMAP_PORT", &port)
                .env("IMAPS_PORT", &tls_port)
                .env("CA_FILE", &cert)
                .env("DEMO_MESSAGE", demo);
            run(&mut c)?;
        }
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&certs);
    result
}
