//! Real Dovecot as a pre-authenticated `imap` process on a pipe, with a
//! throwaway maildir: shared by `tests/dovecot.rs` and `benches/mailbox.rs`
//! (included with `#[path]`).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// Debian's dovecot-imapd puts the `imap` binary here.
pub const DOVECOT_IMAP: &str = "/usr/lib/dovecot/imap";

/// A fresh folder under the system temp dir that Dovecot's mail user
/// (`nobody`) can write to.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a temporary folder");
    let _ = Command::new("chmod").arg("777").arg(&dir).status();
    dir
}

/// Starts `imap` for user alice with its config and maildir in `dir`
/// (LAYOUT=fs, `/` separator, as the playground). `None` if Dovecot is not
/// installed.
pub fn spawn(dir: &Path) -> Option<Child> {
    if !Path::new(DOVECOT_IMAP).exists() {
        return None;
    }
    let conf = dir.join("dovecot.conf");
    std::fs::write(
        &conf,
        format!(
            "protocols = imap\nbase_dir = {d}/run\nstate_dir = {d}/state\nlog_path = {d}/dovecot.log\nssl = no\n\
             mail_location = maildir:{d}/%u/Maildir:LAYOUT=fs\nnamespace inbox {{\n  inbox = yes\n  separator = /\n}}\n\
             mail_uid = nobody\nmail_gid = nogroup\nfirst_valid_uid = 0\nfirst_valid_gid = 0\n\
             default_internal_user = root\ndefault_login_user = root\n",
            d = dir.display()
        ),
    )
    .ok()?;
    Command::new(DOVECOT_IMAP)
        .arg("-c")
        .arg(&conf)
        .env_clear()
        .env("USER", "alice")
        .env("HOME", dir.join("alice"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()
}
