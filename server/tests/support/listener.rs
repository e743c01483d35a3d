//! The real `imap-playground` binary serving IMAP on a free loopback port
//! (`serve --imap-listen 127.0.0.1:0`), for the tests and benchmarks that
//! talk to it over TCP. The child is killed when the handle is dropped.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A running server and the IMAP address it announced.
pub struct Listener {
    child: Child,
    /// Where `--imap-listen` answers.
    pub imap: SocketAddr,
}

impl Listener {
    /// Starts `exe` and waits (up to a minute) for its `imap listening on
    /// ADDR` line; the rest of its output is drained.
    pub fn start(exe: &Path) -> Result<Listener, String> {
        let mut child = Command::new(exe)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(["--imap-listen", "127.0.0.1:0"])
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("start {}: {e}", exe.display()))?;
        let Some(stdout) = child.stdout.take() else {
            let _ = child.kill();
            return Err("the server's stdout is not piped".into());
        };
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(addr) = line.strip_prefix("imap listening on ") {
                    let _ = tx.send(addr.trim().to_owned());
                }
            }
        });
        let mut listener = Listener {
            child,
            imap: SocketAddr::from(([127, 0, 0, 1], 0)),
        };
        let line = rx
            .recv_timeout(Duration::from_secs(60))
            .map_err(|_| "no `imap listening on ADDR` line within a minute".to_owned())?;
        listener.imap = line.parse().map_err(|e| format!("{line:?}: {e}"))?;
        Ok(listener)
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
