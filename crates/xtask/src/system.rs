//! What the end-to-end tests need outside Rust: Debian packages and npm
//! modules. As root on Debian we install; otherwise we say exactly what to
//! install and stop.

use anyhow::bail;

use crate::root;
use crate::run::{cmd, on_path, run};

/// One system requirement: the Debian package that provides it and a file
/// or program whose presence proves it is installed.
pub struct Need {
    /// The Debian package name.
    pub package: &'static str,
    /// A program on PATH, or an absolute path.
    pub probe: &'static str,
    /// Why the tests need it.
    pub why: &'static str,
}

/// Everything `cargo xtask test` needs from the system. Add a line here
/// when a test layer needs another package.
pub const NEEDS: &[Need] = &[
    Need {
        package: "chromium",
        probe: "/usr/bin/chromium",
        why: "the browser tests drive it with playwright-core",
    },
    Need {
        package: "dovecot-imapd",
        probe: "/usr/lib/dovecot/imap",
        why: "the engine is compared with real Dovecot (crates/imap-engine/tests/dovecot.rs)",
    },
    Need {
        package: "isync",
        probe: "mbsync",
        why: "the real-clients layer syncs the IMAP sandbox to a maildir (tests/clients/mbsync.sh)",
    },
    Need {
        package: "curl",
        probe: "curl",
        why: "the real-clients layer uses curl's IMAP support (tests/clients/curl.sh)",
    },
    Need {
        package: "python3",
        probe: "python3",
        why: "the real-clients layer runs Python's imaplib; its http.server hosts the static site in a browser test",
    },
    Need {
        package: "websockify",
        probe: "websockify",
        why: "cargo xtask bench compares the bridge with websockify in front of the same Dovecot",
    },
    Need {
        package: "nginx",
        probe: "/usr/sbin/nginx",
        why: "the deployment test runs the dist binary behind nginx with TLS (tests/browser/reverse-proxy.test.mjs)",
    },
    Need {
        package: "openssl",
        probe: "openssl",
        why: "the bridge tests make a test CA and certificate for Dovecot's STARTTLS and TLS",
    },
    Need {
        package: "nodejs",
        probe: "node",
        why: "wasm-bindgen-test-runner and the browser tests run on Node",
    },
    Need {
        package: "npm",
        probe: "npm",
        why: "installs playwright-core into tests/node_modules",
    },
];

/// Installs the missing [`NEEDS`] (root on Debian) or fails with the list.
pub fn ensure_packages() -> anyhow::Result<()> {
    let missing: Vec<&Need> = NEEDS.iter().filter(|n| !on_path(n.probe)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let names: Vec<&str> = missing.iter().map(|n| n.package).collect();
    for n in &missing {
        eprintln!("xtask: missing {} ({}: {})", n.package, n.probe, n.why);
    }
    let debian = std::path::Path::new("/etc/debian_version").is_file() && on_path("apt-get");
    if !(is_root() && debian) {
        bail!(
            "missing system packages; install them and run again:\n    sudo apt-get install -y {}",
            names.join(" ")
        );
    }
    run(cmd("apt-get", &["update"]).env("DEBIAN_FRONTEND", "noninteractive"))?;
    let mut install = cmd("apt-get", &["install", "-y"]);
    install
        .args(&names)
        .env("DEBIAN_FRONTEND", "noninteractive");
    run(&mut install)?;
    let still: Vec<&str> = missing
        .iter()
        .filter(|n| !on_path(n.probe))
        .map(|n| n.probe)
        .collect();
    if !still.is_empty() {
        bail!(
            "apt-get ran but these are still missing: {}",
            still.join(", ")
        );
    }
    Ok(())
}

fn is_root() -> bool {
    crate::run::output(&mut cmd("id", &["-u"])).is_some_and(|s| s.trim() == "0")
}

/// Runs `npm ci` in tests/ when node_modules is missing or older than
/// package-lock.json.
pub fn ensure_npm_modules() -> anyhow::Result<()> {
    let tests = root().join("tests");
    let lock = tests.join("package-lock.json");
    let installed = tests.join("node_modules/.package-lock.json");
    let modified = |p: &std::path::Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let fresh = match (modified(&lock), modified(&installed)) {
        (Some(l), Some(i)) => i >= l,
        _ => false,
    };
    let installed = ["playwright-core", "typescript"]
        .iter()
        .all(|m| tests.join("node_modules").join(m).is_dir());
    if fresh && installed {
        return Ok(());
    }
    run(cmd("npm", &["ci", "--no-audit", "--no-fund"]).current_dir(&tests))
}
