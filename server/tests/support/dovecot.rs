//! A real Dovecot (Debian's dovecot-imapd) on loopback, configured in a
//! temp dir, stopped on drop.
//!
//! Three listeners: `plain` on 127.0.0.1 (Dovecot counts a connection whose
//! local and remote address are equal as secure, so LOGIN works there
//! without TLS), `starttls` on 127.0.0.2 (the bridge connects from
//! 127.0.0.1, so the connection is not secure and Dovecot advertises
//! LOGINDISABLED until STARTTLS), and `imaps` on 127.0.0.1 (implicit TLS).
//! The certificate is issued by a test CA, written to `ca.pem` for
//! `--ca-file`; or, with [`Dovecot::start_lab`], it is the usual lab
//! certificate, self-signed with `openssl req -x509` (so `CA:TRUE`), for
//! `localhost` only.

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

/// The body of the message in alice's INBOX: about 200 KB, so a FETCH of it
/// spans many WebSocket frames.
pub fn message() -> Vec<u8> {
    let mut m = b"From: Bob <bob@example.org>\r\nTo: Alice <alice@example.org>\r\n\
Subject: Through the bridge\r\nDate: Mon, 2 Jun 2025 10:00:00 +0000\r\n\
Message-ID: <bridge@example.org>\r\n\r\n"
        .to_vec();
    for i in 0..4000u32 {
        m.extend_from_slice(
            format!("line {i:05} of the bridge test message, padded to fifty\r\n").as_bytes(),
        );
    }
    m
}

pub struct Dovecot {
    pub dir: PathBuf,
    pub plain: u16,
    pub starttls: u16,
    pub imaps: u16,
    child: Child,
}

fn free_port(ip: [u8; 4]) -> u16 {
    let l = TcpListener::bind(SocketAddr::from((ip, 0))).expect("bind a free port");
    l.local_addr().expect("addr").port()
}

fn run(cmd: &mut Command) {
    let out = cmd.output().expect("run openssl");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `openssl req` with a new RSA key written to `key` and, as `args` ask, a
/// certificate or a signing request written to `out`.
fn new_key(args: &[&str], key: PathBuf, out: PathBuf) {
    run(Command::new("openssl")
        .args(["req", "-newkey", "rsa:2048", "-nodes"])
        .args(args)
        .arg("-keyout")
        .arg(key)
        .arg("-out")
        .arg(out));
}

/// Writes `ca.pem`, `cert.pem` and `key.pem` (CN=localhost, SANs localhost,
/// 127.0.0.1, 127.0.0.2) into `dir`.
fn certificates(dir: &Path) {
    let p = |f: &str| dir.join(f);
    new_key(
        &["-x509", "-days", "2", "-subj", "/CN=Playground Test CA"],
        p("ca.key"),
        p("ca.pem"),
    );
    new_key(&["-subj", "/CN=localhost"], p("key.pem"), p("cert.csr"));
    std::fs::write(p("ext.cnf"), "basicConstraints=CA:FALSE\nsubjectAltName=DNS:localhost,IP:127.0.0.1,IP:127.0.0.2\nextendedKeyUsage=serverAuth\n").expect("write");
    run(Command::new("openssl")
        .args(["x509", "-req", "-days", "2", "-CAcreateserial"])
        .arg("-in")
        .arg(p("cert.csr"))
        .arg("-CA")
        .arg(p("ca.pem"))
        .arg("-CAkey")
        .arg(p("ca.key"))
        .arg("-extfile")
        .arg(p("ext.cnf"))
        .arg("-out")
        .arg(p("cert.pem")));
}

/// Writes the lab certificate as `cert.pem` and `key.pem`: `openssl req
/// -x509` as a teacher types it, valid for the name `localhost` only (so
/// `127.0.0.1` is a name it is not for).
fn lab_certificate(dir: &Path) {
    new_key(
        &[
            "-x509",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost",
        ],
        dir.join("key.pem"),
        dir.join("cert.pem"),
    );
}

fn chmod_777(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o777));
}

impl Dovecot {
    /// Starts Dovecot with [`message`] in alice's INBOX and waits until all
    /// three listeners accept.
    pub fn start() -> Dovecot {
        Dovecot::start_with(&message())
    }

    /// [`Dovecot::start`] with another message in the INBOX.
    pub fn start_with(message: &[u8]) -> Dovecot {
        Dovecot::start_inner(message, false)
    }

    /// [`Dovecot::start`] with the lab certificate (see [`lab_certificate`];
    /// [`Dovecot::cert_file`] is the certificate itself).
    pub fn start_lab() -> Dovecot {
        Dovecot::start_inner(&message(), true)
    }

    fn start_inner(message: &[u8], lab: bool) -> Dovecot {
        let binary = Path::new("/usr/sbin/dovecot");
        assert!(
            binary.exists(),
            "/usr/sbin/dovecot is missing: install Debian's dovecot-imapd (cargo xtask test does)"
        );
        static N: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "imap-playground-dovecot-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        let mail = dir.join("mail");
        let new = mail.join("alice").join("new");
        std::fs::create_dir_all(&new).expect("mail dir");
        std::fs::create_dir_all(mail.join("alice").join("cur")).expect("mail dir");
        std::fs::create_dir_all(mail.join("alice").join("tmp")).expect("mail dir");
        std::fs::write(new.join("1750000000.M1P1.playground"), message).expect("message");
        for d in [
            &dir,
            &mail,
            &mail.join("alice"),
            &new,
            &mail.join("alice").join("cur"),
            &mail.join("alice").join("tmp"),
        ] {
            chmod_777(d);
        }
        chmod_777(&new.join("1750000000.M1P1.playground"));
        if lab {
            lab_certificate(&dir);
        } else {
            certificates(&dir);
        }
        let (plain, starttls, imaps) = (
            free_port([127, 0, 0, 1]),
            free_port([127, 0, 0, 2]),
            free_port([127, 0, 0, 1]),
        );
        let d = dir.display();
        std::fs::write(
            dir.join("users"),
            format!("alice:{{PLAIN}}wonderland:65534:65534::{d}/mail/alice\n"),
        )
        .expect("users");
        let conf = format!(
            "base_dir = {d}/run\nstate_dir = {d}/state\nlog_path = {d}/log\ninfo_log_path = {d}/log\n\
protocols = imap\nlisten = 127.0.0.1, 127.0.0.2\n\
mail_uid = nobody\nmail_gid = nogroup\nfirst_valid_uid = 0\n\
default_internal_user = root\ndefault_login_user = nobody\n\
login_trusted_networks =\ndisable_plaintext_auth = yes\nauth_mechanisms = plain login\n\
mail_location = maildir:{d}/mail/%u\n\
ssl = yes\nssl_cert = <{d}/cert.pem\nssl_key = <{d}/key.pem\n\
passdb {{\n  driver = passwd-file\n  args = {d}/users\n}}\n\
userdb {{\n  driver = passwd-file\n  args = {d}/users\n}}\n\
service imap-login {{\n\
  inet_listener imap {{\n    address = 127.0.0.1\n    port = {plain}\n  }}\n\
  inet_listener imapstarttls {{\n    address = 127.0.0.2\n    port = {starttls}\n  }}\n\
  inet_listener imaps {{\n    address = 127.0.0.1\n    port = {imaps}\n    ssl = yes\n  }}\n\
}}\n"
        );
        std::fs::write(dir.join("dovecot.conf"), conf).expect("conf");
        let child = Command::new(binary)
            .arg("-F")
            .arg("-c")
            .arg(dir.join("dovecot.conf"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start dovecot");
        let dovecot = Dovecot {
            dir,
            plain,
            starttls,
            imaps,
            child,
        };
        let deadline = Instant::now() + Duration::from_secs(15);
        for (ip, port) in [
            ([127, 0, 0, 1], plain),
            ([127, 0, 0, 2], starttls),
            ([127, 0, 0, 1], imaps),
        ] {
            while std::net::TcpStream::connect(SocketAddr::from((ip, port))).is_err() {
                assert!(
                    Instant::now() < deadline,
                    "dovecot did not listen on {port}; its log:\n{}",
                    std::fs::read_to_string(dovecot.dir.join("log")).unwrap_or_default()
                );
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        dovecot
    }

    pub fn ca_file(&self) -> PathBuf {
        self.dir.join("ca.pem")
    }

    /// The server's own certificate (PEM).
    pub fn cert_file(&self) -> PathBuf {
        self.dir.join("cert.pem")
    }

    /// `--target` lines for the three listeners.
    pub fn targets(&self) -> Vec<String> {
        vec![
            format!("plain=127.0.0.1:{}:plain", self.plain),
            format!("starttls=127.0.0.2:{}:starttls", self.starttls),
            format!("tls=localhost:{}:tls", self.imaps),
        ]
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        // `dovecot stop` lets the master end its children too.
        let _ = Command::new("/usr/sbin/dovecot")
            .arg("-c")
            .arg(self.dir.join("dovecot.conf"))
            .arg("stop")
            .output();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
