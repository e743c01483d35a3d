//! The bridge's safety limits and failure paths, against a fake IMAP
//! server: refusals with reasons, caps, timeouts, a dying upstream,
//! shutdown, message size.

mod support;

use std::time::Duration;

use imap_playground::Config;
use imap_playground::bridge::BridgeLimits;
use support::fake;
use support::ws::{Received, Server, read_to_close, read_until, send};

fn config(fake: std::net::SocketAddr, limits: BridgeLimits) -> Config {
    Config {
        targets: vec![
            format!("fake=127.0.0.1:{}", fake.port())
                .parse()
                .expect("valid"),
            // `vm` is another name for 127.0.0.1 in /etc/hosts; a name is
            // not the operator's consent to reach loopback.
            format!("named=vm:{}", fake.port()).parse().expect("valid"),
            format!("opted=vm:{}:plain:allow-private", fake.port())
                .parse()
                .expect("valid"),
        ],
        bridge: limits,
        ..Config::default()
    }
}

async fn greeted(server: &Server, target: &str) -> (support::ws::Ws, Received) {
    let mut ws = server.open(target).await;
    let mut got = Received::default();
    read_until(&mut ws, &mut got, "* OK fake IMAP ready\r\n").await;
    (ws, got)
}

#[tokio::test]
async fn refusals_say_why_in_the_close_frame() {
    let fake = fake::start().await;
    let server = Server::start(config(fake, BridgeLimits::default())).await;

    let got = read_to_close(&mut server.open("nope").await).await;
    let (code, reason) = got.close.expect("close frame");
    assert_eq!(code, 1008);
    assert!(reason.starts_with("unknown target \"nope\""), "{reason}");
    assert!(got.notices[0].starts_with("* BYE [playground] bridge: unknown target"));

    let got = read_to_close(&mut server.open_from("fake", "http://evil.example").await).await;
    let (code, reason) = got.close.expect("close frame");
    assert_eq!(code, 1008);
    assert!(
        reason.contains("origin http://evil.example may not open the bridge"),
        "{reason}"
    );
    assert!(got.bytes.is_empty());

    let got = read_to_close(&mut server.open("named").await).await;
    let (code, reason) = got.close.expect("close frame");
    assert_eq!(code, 1008);
    assert!(
        reason.contains("vm resolves to 127.0.0.1, a loopback address"),
        "{reason}"
    );
    assert!(got.bytes.is_empty());

    // With the operator's opt-in the same name is fine.
    let (_ws, got) = greeted(&server, "opted").await;
    assert!(got.notices[0].contains("plain TCP"), "{:?}", got.notices);
}

#[tokio::test]
async fn sessions_per_ip_are_capped_and_slots_come_back() {
    let fake = fake::start().await;
    let limits = BridgeLimits {
        max_sessions_per_ip: 2,
        ..BridgeLimits::default()
    };
    let server = Server::start(config(fake, limits)).await;
    let (a, _) = greeted(&server, "fake").await;
    let (_b, _) = greeted(&server, "fake").await;
    let got = read_to_close(&mut server.open("fake").await).await;
    let (code, reason) = got.close.expect("close frame");
    assert_eq!(code, 1008);
    assert_eq!(
        reason,
        "too many bridge sessions from your address (at most 2)"
    );
    drop(a);
    // The slot is freed once the bridge notices the close.
    let mut ok = false;
    for _ in 0..100 {
        let mut ws = server.open("fake").await;
        let mut got = Received::default();
        read_until(&mut ws, &mut got, "\r\n").await;
        if got.close.is_none() && got.text().starts_with("* OK fake") {
            ok = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(ok, "a freed slot can be used again");
}

#[tokio::test]
async fn idle_sessions_and_long_sessions_are_closed_with_a_reason() {
    let fake = fake::start().await;
    let limits = BridgeLimits {
        idle_timeout: Duration::from_millis(1000),
        max_session_length: Duration::from_millis(3000),
        ..BridgeLimits::default()
    };
    let server = Server::start(config(fake, limits)).await;

    // Traffic keeps a session alive past the idle timeout...
    let (mut ws, mut got) = greeted(&server, "fake").await;
    for i in 0..6 {
        tokio::time::sleep(Duration::from_millis(300)).await;
        send(&mut ws, &format!("n{i} NOOP\r\n")).await;
        read_until(&mut ws, &mut got, &format!("n{i} OK")).await;
        assert!(got.close.is_none(), "closed while busy: {got:?}");
    }
    // ...silence does not.
    let rest = read_to_close(&mut ws).await;
    let (code, reason) = rest.close.expect("close frame");
    assert_eq!(code, 1000);
    assert!(
        reason.starts_with("idle for 0 s") || reason.contains("idle"),
        "{reason}"
    );
    assert!(
        rest.notices
            .iter()
            .any(|n| n.starts_with("* BYE [playground] bridge: idle"))
    );

    // A busy session still ends at the maximum length.
    let (mut ws, mut got) = greeted(&server, "fake").await;
    let started = std::time::Instant::now();
    let mut i = 0;
    while got.close.is_none() && started.elapsed() < Duration::from_secs(10) {
        i += 1;
        send(&mut ws, &format!("m{i} NOOP\r\n")).await;
        read_until(&mut ws, &mut got, &format!("m{i} OK")).await;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (code, reason) = got.close.expect("closed at the maximum length");
    assert_eq!(code, 1000);
    assert!(reason.contains("limit"), "{reason}");
    assert!(
        started.elapsed() >= Duration::from_millis(1000),
        "not before its time"
    );
}

#[tokio::test]
async fn a_dying_upstream_is_reported_and_other_sessions_go_on() {
    let fake = fake::start().await;
    let server = Server::start(config(fake, BridgeLimits::default())).await;
    let (mut one, _) = greeted(&server, "fake").await;
    let (mut two, mut got_two) = greeted(&server, "fake").await;
    send(&mut one, "x DIE\r\n").await;
    let got = read_to_close(&mut one).await;
    assert!(
        got.notices
            .iter()
            .any(|n| n == "* BYE [playground] bridge: fake closed the connection"),
        "{:?}",
        got.notices
    );
    assert_eq!(got.close.map(|c| c.0), Some(1000));
    send(&mut two, "y NOOP\r\n").await;
    read_until(&mut two, &mut got_two, "y OK NOOP done\r\n").await;
    assert!(got_two.close.is_none());
}

#[tokio::test]
async fn shutdown_tells_open_sessions_why() {
    let fake = fake::start().await;
    let mut server = Server::start(config(fake, BridgeLimits::default())).await;
    let (mut ws, _) = greeted(&server, "fake").await;
    server.stop();
    let got = read_to_close(&mut ws).await;
    assert_eq!(
        got.close,
        Some((1001, "the server is shutting down".to_owned()))
    );
    let done = tokio::time::timeout(Duration::from_secs(10), &mut server.task).await;
    assert!(matches!(done, Ok(Ok(Ok(())))), "{done:?}");
}

#[tokio::test]
async fn an_oversized_message_closes_with_1009() {
    let fake = fake::start().await;
    let limits = BridgeLimits {
        max_message_size: 1024,
        ..BridgeLimits::default()
    };
    let server = Server::start(config(fake, limits)).await;
    let (mut ws, _) = greeted(&server, "fake").await;
    send(&mut ws, &format!("a NOOP {}\r\n", "x".repeat(2000))).await;
    let got = read_to_close(&mut ws).await;
    let (code, reason) = got.close.expect("close frame");
    assert_eq!(code, 1009);
    assert_eq!(reason, "a message was larger than 1024 bytes");
}

#[tokio::test]
async fn huge_configured_timeouts_mean_never_not_a_panic() {
    let fake = fake::start().await;
    let limits = BridgeLimits {
        idle_timeout: Duration::MAX,
        max_session_length: Duration::MAX,
        connect_timeout: Duration::MAX,
        ..BridgeLimits::default()
    };
    let server = Server::start(config(fake, limits)).await;
    let (mut ws, mut got) = greeted(&server, "fake").await;
    send(&mut ws, "h NOOP\r\n").await;
    read_until(&mut ws, &mut got, "h OK NOOP done\r\n").await;
    assert!(got.close.is_none());
}
