//! The bridge against a real Dovecot on loopback: plain, STARTTLS (the
//! listener advertises LOGINDISABLED before TLS) and implicit TLS, each
//! with a LOGIN, SELECT, FETCH round trip through the WebSocket.

mod support;

use std::io::{Read, Write};

use imap_playground::Config;
use support::dovecot::Dovecot;
use support::ws::{Server, assert_fetched_the_message, read_to_close, round_trip};

fn config(dovecot: &Dovecot, ca: bool) -> Config {
    Config {
        targets: dovecot
            .targets()
            .iter()
            .map(|t| t.parse().expect("valid target"))
            .collect(),
        ca_file: ca.then(|| dovecot.ca_file()),
        ..Config::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_starttls_and_tls_round_trips_against_dovecot() {
    let dovecot = Dovecot::start();
    let server = Server::start(config(&dovecot, true)).await;

    // Plain: the greeting comes through untouched.
    let got = round_trip(&server, "plain").await;
    assert!(
        got.notices[0].starts_with("* OK [playground] bridge: connected to plain"),
        "{:?}",
        got.notices
    );
    assert!(
        got.text().starts_with("* OK [CAPABILITY IMAP4rev1"),
        "{}",
        got.text()
    );
    assert_fetched_the_message(&got);

    // The STARTTLS listener really refuses plaintext LOGIN...
    let mut direct =
        std::net::TcpStream::connect(("127.0.0.2", dovecot.starttls)).expect("connect");
    let mut greeting = [0u8; 512];
    let n = direct.read(&mut greeting).expect("greeting");
    let greeting = String::from_utf8_lossy(&greeting[..n]).into_owned();
    assert!(
        greeting.contains("LOGINDISABLED") && greeting.contains("STARTTLS"),
        "{greeting}"
    );
    let _ = direct.write_all(b"x LOGOUT\r\n");
    // ...and through the bridge, which does STARTTLS, LOGIN works.
    let got = round_trip(&server, "starttls").await;
    let hello = &got.notices[0];
    assert!(
        hello.starts_with("* OK [playground] bridge: connected to starttls"),
        "{hello}"
    );
    assert!(hello.contains("STARTTLS done, TLS 1.3"), "{hello}");
    let text = got.text();
    assert!(text.starts_with("* CAPABILITY IMAP4rev1"), "{text}");
    let capability_line = text.lines().next().unwrap_or_default();
    assert!(
        !capability_line.contains("LOGINDISABLED") && capability_line.contains("AUTH=PLAIN"),
        "{capability_line}"
    );
    assert!(
        !text.contains("pgcap") && !text.contains("pgtls"),
        "the bridge's own commands stay hidden"
    );
    assert_fetched_the_message(&got);

    // Implicit TLS, verified against the configured name `localhost`.
    let got = round_trip(&server, "tls").await;
    assert!(got.notices[0].contains("TLS 1.3"), "{:?}", got.notices);
    assert!(
        got.text().starts_with("* OK [CAPABILITY IMAP4rev1"),
        "{}",
        got.text()
    );
    assert_fetched_the_message(&got);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_untrusted_certificate_is_a_clear_line_not_a_silent_close() {
    let dovecot = Dovecot::start();
    // No --ca-file: the test CA is unknown to the web roots.
    let server = Server::start(config(&dovecot, false)).await;
    for target in ["tls", "starttls"] {
        let mut ws = server.open(target).await;
        let got = read_to_close(&mut ws).await;
        assert!(
            got.bytes.is_empty(),
            "no IMAP bytes from an untrusted server"
        );
        let host = if target == "tls" {
            "localhost"
        } else {
            "127.0.0.2"
        };
        let words = format!(
            "* BYE [playground] bridge: the certificate of {host} is signed by an authority this server does not know: give that authority's certificate to --ca-file, or pin it with :pin=sha256/"
        );
        assert!(
            got.notices.iter().any(|n| n.starts_with(&words)),
            "{:?}",
            got.notices
        );
        let (code, reason) = got.close.expect("a close frame");
        assert_eq!(code, 1011);
        assert!(reason.contains("the certificate of"), "{reason}");
    }
}
