//! TLS on the IMAP listener, with a rustls client over loopback: STARTTLS
//! on the plain port (LOGINDISABLED and NO [PRIVACYREQUIRED] before it,
//! pipelined input after it dropped), implicit TLS on its own port, and
//! `allow_plaintext_login`. The certificate is made by openssl in a temp
//! dir. Every wait is bounded.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use imap_playground::imap_listener::{ImapOptions, Listeners, ServerTls, serve_listeners};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio_rustls::client::TlsStream;

/// How long any single expected line may take.
const WAIT: Duration = Duration::from_secs(10);

/// A temp dir with `cert.pem` and `key.pem` (self-signed, CN=localhost,
/// an end-entity certificate), removed on drop.
struct Certs(PathBuf);

impl Certs {
    fn new(name: &str) -> Certs {
        let dir = std::env::temp_dir().join(format!("imap-tls-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let out = Command::new("openssl")
            .args([
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            ])
            .args(["-subj", "/CN=localhost"])
            .args(["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
            .args(["-addext", "basicConstraints=critical,CA:FALSE"])
            .arg("-keyout")
            .arg(dir.join("key.pem"))
            .arg("-out")
            .arg(dir.join("cert.pem"))
            .output()
            .expect("run openssl");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        Certs(dir)
    }

    fn path(&self, f: &str) -> PathBuf {
        self.0.join(f)
    }
}

impl Drop for Certs {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Both listeners with one store, and the certificate they present.
struct Server {
    certs: Certs,
    plain: std::net::SocketAddr,
    implicit: std::net::SocketAddr,
    stop: oneshot::Sender<()>,
}

impl Server {
    /// A connection to the plain port, and its greeting.
    async fn plain(&self) -> (BufReader<TcpStream>, String) {
        let tcp = TcpStream::connect(self.plain).await.expect("connect");
        let mut rd = BufReader::new(tcp);
        let greeting = line(&mut rd).await;
        (rd, greeting)
    }

    /// A connection to the implicit TLS port, and its greeting.
    async fn implicit(&self) -> (BufReader<TlsStream<TcpStream>>, String) {
        let tcp = TcpStream::connect(self.implicit).await.expect("connect");
        let mut rd = BufReader::new(self.tls(tcp).await);
        let greeting = line(&mut rd).await;
        (rd, greeting)
    }

    /// The TLS handshake on `tcp`, trusting this server's certificate.
    async fn tls(&self, tcp: TcpStream) -> TlsStream<TcpStream> {
        tls_to(&connector(&self.certs.path("cert.pem")), tcp).await
    }
}

/// Serves both ports with a new certificate in a temp dir named after `name`.
async fn start(name: &str, allow_plaintext_login: bool) -> Server {
    let certs = Certs::new(name);
    let tls = ServerTls::load(&certs.path("cert.pem"), &certs.path("key.pem")).expect("load");
    let mut options = ImapOptions::default().with_tls(tls, allow_plaintext_login);
    options.close_grace = Duration::from_secs(1);
    let plain = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let implicit = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addrs = (
        plain.local_addr().expect("a"),
        implicit.local_addr().expect("a"),
    );
    let store = Arc::new(Mutex::new(mailstore::demo::demo_store()));
    let (stop, stopped) = oneshot::channel::<()>();
    let listeners = Listeners {
        plain: Some(plain),
        implicit_tls: Some(implicit),
    };
    tokio::spawn(serve_listeners(listeners, store, options, async {
        let _ = stopped.await;
    }));
    Server {
        certs,
        plain: addrs.0,
        implicit: addrs.1,
        stop,
    }
}

fn connector(cert: &Path) -> tokio_rustls::TlsConnector {
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(CertificateDer::from_pem_file(cert).expect("cert"))
        .expect("root");
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
    tokio_rustls::TlsConnector::from(Arc::new(config))
}

async fn line<S: AsyncRead + Unpin>(rd: &mut BufReader<S>) -> String {
    let mut l = String::new();
    let n = tokio::time::timeout(WAIT, rd.read_line(&mut l))
        .await
        .expect("a line in time")
        .expect("read");
    assert!(n > 0, "the server closed the connection");
    l
}

async fn send<S: AsyncRead + AsyncWrite + Unpin>(rd: &mut BufReader<S>, text: &str) {
    rd.get_mut()
        .write_all(text.as_bytes())
        .await
        .expect("write");
}

/// Sends `tag command` and returns every line up to the tagged one.
async fn command<S: AsyncRead + AsyncWrite + Unpin>(
    rd: &mut BufReader<S>,
    tag: &str,
    command: &str,
) -> Vec<String> {
    send(rd, &format!("{tag} {command}\r\n")).await;
    let mut lines = Vec::new();
    for _ in 0..100 {
        let l = line(rd).await;
        let done = l.starts_with(&format!("{tag} "));
        lines.push(l);
        if done {
            return lines;
        }
    }
    panic!("no tagged answer to {command} in 100 lines: {lines:?}");
}

async fn tls_to(connector: &tokio_rustls::TlsConnector, tcp: TcpStream) -> TlsStream<TcpStream> {
    let name = ServerName::try_from("localhost").expect("name");
    tokio::time::timeout(WAIT, connector.connect(name, tcp))
        .await
        .expect("handshake in time")
        .expect("handshake")
}

#[tokio::test]
async fn starttls_refuses_login_before_and_drops_pipelined_input() {
    let server = start("starttls", false).await;
    let (mut rd, greeting) = server.plain().await;
    assert!(
        greeting.contains(" STARTTLS LOGINDISABLED]"),
        "greeting: {greeting}"
    );
    assert!(!greeting.contains("AUTH=PLAIN"), "greeting: {greeting}");
    let answer = command(&mut rd, "a1", "LOGIN alice wonderland").await;
    assert!(
        answer[0].starts_with("a1 NO [PRIVACYREQUIRED] "),
        "{answer:?}"
    );
    let answer = command(&mut rd, "a2", "AUTHENTICATE PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=").await;
    assert!(
        answer[0].starts_with("a2 NO [PRIVACYREQUIRED] "),
        "{answer:?}"
    );

    // A command sent in the clear right behind STARTTLS must never run.
    send(&mut rd, "a3 STARTTLS\r\na4 LOGIN alice wonderland\r\n").await;
    assert_eq!(line(&mut rd).await, "a3 OK Begin TLS negotiation now\r\n");
    assert!(rd.buffer().is_empty(), "nothing may follow the OK in clear");
    let tcp = rd.into_inner();
    let mut rd = BufReader::new(server.tls(tcp).await);
    let caps = command(&mut rd, "a5", "CAPABILITY").await;
    assert_eq!(caps.len(), 2, "only CAPABILITY's answer, no a4: {caps:?}");
    assert!(caps[0].starts_with("* CAPABILITY IMAP4rev1 "), "{caps:?}");
    assert!(caps[0].contains(" AUTH=PLAIN"), "{caps:?}");
    assert!(!caps[0].contains("STARTTLS") && !caps[0].contains("LOGINDISABLED"));
    let answer = command(&mut rd, "a6", "LOGIN alice wonderland").await;
    assert!(answer[0].starts_with("a6 OK "), "{answer:?}");
    let answer = command(&mut rd, "a7", "SELECT INBOX").await;
    assert!(
        answer
            .last()
            .is_some_and(|l| l.starts_with("a7 OK [READ-WRITE]")),
        "{answer:?}"
    );
    let answer = command(&mut rd, "a8", "LOGOUT").await;
    assert!(answer[0].starts_with("* BYE"), "{answer:?}");
    let _ = server.stop.send(());
}

#[tokio::test]
async fn implicit_tls_port_logs_in_at_once() {
    let server = start("implicit", false).await;
    let (mut rd, greeting) = server.implicit().await;
    assert!(
        greeting.starts_with("* OK [CAPABILITY IMAP4rev1 "),
        "{greeting}"
    );
    assert!(!greeting.contains("STARTTLS") && !greeting.contains("LOGINDISABLED"));
    let answer = command(&mut rd, "b1", "STARTTLS").await;
    assert_eq!(answer, ["b1 BAD TLS is already active\r\n"]);
    let answer = command(&mut rd, "b2", "LOGIN bob builder").await;
    assert!(answer[0].starts_with("b2 OK "), "{answer:?}");
    // A big answer goes through TLS whole: LIST and a FETCH.
    let answer = command(&mut rd, "b3", "SELECT INBOX").await;
    assert!(
        answer.last().is_some_and(|l| l.starts_with("b3 OK")),
        "{answer:?}"
    );
    let _ = server.stop.send(());
}

#[tokio::test]
async fn plaintext_login_can_be_allowed() {
    let server = start("allowed", true).await;
    let (mut rd, greeting) = server.plain().await;
    assert!(greeting.contains(" STARTTLS AUTH=PLAIN"), "{greeting}");
    assert!(!greeting.contains("LOGINDISABLED"), "{greeting}");
    let answer = command(&mut rd, "c1", "LOGIN alice wonderland").await;
    assert!(answer[0].starts_with("c1 OK "), "{answer:?}");
    let _ = server.stop.send(());
}

#[tokio::test]
async fn a_failed_handshake_after_starttls_closes_only_that_connection() {
    let server = start("failed", false).await;
    let (mut rd, _) = server.plain().await;
    let answer = command(&mut rd, "d1", "STARTTLS").await;
    assert_eq!(answer, ["d1 OK Begin TLS negotiation now\r\n"]);
    // Not a TLS ClientHello: the server gives up on this connection.
    send(&mut rd, "d2 NOOP\r\n").await;
    let mut rest = Vec::new();
    let _ = tokio::time::timeout(WAIT, rd.read_to_end(&mut rest))
        .await
        .expect("closed in time");
    // At most a TLS alert record (content type 21), never IMAP.
    assert!(
        rest.is_empty() || rest.first() == Some(&21),
        "no IMAP answer in clear after STARTTLS: {:?}",
        String::from_utf8_lossy(&rest)
    );
    // The listener still serves others.
    let (_, greeting) = server.plain().await;
    assert!(greeting.starts_with("* OK "), "{greeting}");
    let _ = server.stop.send(());
}
