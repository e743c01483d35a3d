//! Load, bounded: 500 concurrent bridge sessions each fetch a 1 MB message
//! from a fake IMAP server, and every byte equals what direct TCP returns.
//! In its own test binary so its CPU use does not disturb the timing
//! tests of `bridge_limits`.

mod support;

use std::time::Duration;

use imap_playground::Config;
use imap_playground::bridge::BridgeLimits;
use support::fake;
use support::ws::{Received, Server, read_until_within, send};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Everything the fake server sends for greeting + `a FETCH 1 BODY[]`, read
/// over direct TCP.
async fn direct_fetch(addr: std::net::SocketAddr) -> Vec<u8> {
    let mut s = tokio::net::TcpStream::connect(addr).await.expect("connect");
    s.write_all(b"a FETCH 1 BODY[]\r\n").await.expect("write");
    let mut out = Vec::new();
    let mut buf = vec![0u8; 65536];
    while !out.ends_with(b"a OK FETCH done\r\n") {
        let n = s.read(&mut buf).await.expect("read");
        assert!(n > 0, "closed early");
        out.extend_from_slice(&buf[..n]);
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_hundred_sessions_fetch_a_megabyte_each_byte_for_byte() {
    const SESSIONS: usize = 500;
    let fake = fake::start().await;
    let limits = BridgeLimits {
        max_sessions: SESSIONS,
        max_sessions_per_ip: SESSIONS,
        ..BridgeLimits::default()
    };
    let server = std::sync::Arc::new(
        Server::start(Config {
            targets: vec![
                format!("fake=127.0.0.1:{}", fake.port())
                    .parse()
                    .expect("valid"),
            ],
            bridge: limits,
            ..Config::default()
        })
        .await,
    );
    let expected = std::sync::Arc::new(direct_fetch(fake).await);
    assert!(expected.len() > 1024 * 1024);
    let started = std::time::Instant::now();
    // Open the sessions a few dozen at a time (a burst of 500 handshakes
    // overflows the listen backlog), then fetch on all 500 at once.
    let opening = std::sync::Arc::new(tokio::sync::Semaphore::new(32));
    let all_open = std::sync::Arc::new(tokio::sync::Barrier::new(SESSIONS));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..SESSIONS {
        let (server, expected) = (server.clone(), expected.clone());
        let (opening, all_open) = (opening.clone(), all_open.clone());
        tasks.spawn(async move {
            let permit = opening.acquire().await.expect("semaphore");
            let mut ws = server.open("fake").await;
            drop(permit);
            all_open.wait().await;
            send(&mut ws, "a FETCH 1 BODY[]\r\n").await;
            let mut got = Received::default();
            read_until_within(
                &mut ws,
                &mut got,
                "a OK FETCH done\r\n",
                Duration::from_secs(280),
            )
            .await;
            assert!(
                got.bytes == *expected,
                "a session's bytes differ from direct TCP"
            );
        });
    }
    let mut done = 0;
    while let Some(r) = tokio::time::timeout(Duration::from_secs(300), tasks.join_next())
        .await
        .expect("the load finishes within 5 minutes")
    {
        r.expect("session task");
        done += 1;
    }
    assert_eq!(done, SESSIONS);
    eprintln!(
        "{SESSIONS} x 1 MB through the bridge in {:?}",
        started.elapsed()
    );
}
