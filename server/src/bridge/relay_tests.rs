//! The session pump driven in memory (a duplex pipe for the server, channels
//! for the page's WebSocket) with tokio's clock paused: the idle timeout and
//! the session length fire at exactly their configured times, traffic
//! postpones the idle timeout, the server's last bytes arrive before the
//! close, and a page that does not read holds the bridge to a bounded
//! buffer.

use std::net::Ipv4Addr;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

use futures_util::{SinkExt, StreamExt};
use tokio::io::DuplexStream;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::Role;

use super::*;

/// The page's side of a session under test.
struct TestPage {
    /// A real WebSocket client (tungstenite) on the page's end.
    ws: WebSocketStream<DuplexStream>,
    /// The fake server's end of the upstream pipe.
    server: DuplexStream,
    session: tokio::task::JoinHandle<()>,
}

/// Starts a session with `limits` (on the test's `LocalSet`); the page's
/// connection buffers `page_room` bytes before the bridge's writes wait.
async fn start(limits: BridgeLimits, page_room: usize) -> TestPage {
    let (bridge_end, server) = tokio::io::duplex(64 * 1024);
    let (page_bridge_end, page_end) = tokio::io::duplex(page_room);
    let started = Instant::now();
    let session = tokio::task::spawn_local(async move {
        let (_stop, shutdown) = watch::channel(false);
        let who = Who {
            id: 1,
            name: "fake",
            peer: IpAddr::V4(Ipv4Addr::LOCALHOST),
            started,
        };
        let (read, write) = tokio::io::split(page_bridge_end);
        let mut page = Page::new(read, write, &limits);
        let meter = Meter::new(started, limits.busy_poll);
        let (up_read, up_write) = tokio::io::split(bridge_end);
        let Page { reader, writer } = &mut page;
        let down = down(up_read, &*writer, &meter);
        pump(
            reader, writer, down, up_write, &meter, &limits, shutdown, &who,
        )
        .await;
    });
    let ws = WebSocketStream::from_raw_socket(page_end, Role::Client, None).await;
    TestPage {
        ws,
        server,
        session,
    }
}

/// The next message to the page, or a panic if the bridge hung up.
async fn next(page: &mut TestPage) -> Message {
    page.ws
        .next()
        .await
        .expect("a message from the bridge")
        .expect("a valid message")
}

/// Reads the page's messages until the close frame: (binary bytes, notices,
/// close code and reason).
async fn to_close(page: &mut TestPage) -> (Vec<u8>, Vec<String>, u16, String) {
    let (mut bytes, mut notices) = (Vec::new(), Vec::new());
    loop {
        match next(page).await {
            Message::Binary(b) => bytes.extend_from_slice(&b),
            Message::Text(t) => notices.push(t.as_str().to_owned()),
            Message::Close(Some(frame)) => {
                return (
                    bytes,
                    notices,
                    frame.code.into(),
                    frame.reason.as_str().to_owned(),
                );
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}

#[tokio::test(start_paused = true)]
async fn idle_timeout_fires_after_exactly_the_configured_quiet_time() {
    tokio::task::LocalSet::new()
        .run_until(async {
            let limits = BridgeLimits {
                idle_timeout: Duration::from_secs(600),
                ..BridgeLimits::default()
            };
            let mut page = start(limits, 64 * 1024).await;
            page.server.write_all(b"* OK hi\r\n").await.expect("write");
            assert_eq!(next(&mut page).await, Message::Binary("* OK hi\r\n".into()));

            // Traffic from the page at 599 s postpones the timeout.
            sleep_until(Instant::now() + Duration::from_secs(599)).await;
            let sent = Instant::now();
            page.ws
                .send(Message::Binary("a NOOP\r\n".into()))
                .await
                .expect("send");
            let mut line = [0u8; 8];
            page.server.read_exact(&mut line).await.expect("read");
            assert_eq!(&line, b"a NOOP\r\n");

            // Nothing happens until 600 s after that; then the reason and the close.
            let (bytes, notices, code, reason) = to_close(&mut page).await;
            let quiet = sent.elapsed();
            assert!(
                quiet >= Duration::from_millis(599_999) && quiet <= Duration::from_millis(600_001),
                "closed after {quiet:?} of quiet"
            );
            assert!(bytes.is_empty());
            assert_eq!(code, 1000);
            assert_eq!(reason, "idle for 600 s, closed by the bridge");
            assert_eq!(notices, [format!("* BYE [playground] bridge: {reason}")]);
            page.session.await.expect("the session ends");
            // The server's side was shut down.
            assert_eq!(page.server.read(&mut line).await.expect("read"), 0);
        })
        .await;
}

#[tokio::test(start_paused = true)]
async fn a_busy_session_ends_at_exactly_the_maximum_length() {
    tokio::task::LocalSet::new()
        .run_until(async {
            let limits = BridgeLimits {
                idle_timeout: Duration::from_secs(600),
                max_session_length: Duration::from_secs(7200),
                ..BridgeLimits::default()
            };
            let t0 = Instant::now();
            let mut page = start(limits, 64 * 1024).await;
            // Server bytes every 500 s keep the session from going idle.
            let mut ticks = 0u32;
            let ended = loop {
                tokio::select! {
                    m = page.ws.next() => break m.expect("a message").expect("valid"),
                    () = sleep_until(t0 + Duration::from_secs(500) * (ticks + 1)) => {
                        page.server.write_all(b"* OK tick\r\n").await.expect("write");
                        ticks += 1;
                        assert_eq!(next(&mut page).await, Message::Binary("* OK tick\r\n".into()));
                    }
                }
            };
            let reason = "session reached the 7200 s limit, closed by the bridge";
            assert_eq!(
                ended,
                Message::Text(format!("* BYE [playground] bridge: {reason}").into())
            );
            assert_eq!(t0.elapsed(), Duration::from_secs(7200));
            assert_eq!(ticks, 14, "ticks at 500 s, 1000 s, ... 7000 s");
            let (_, _, code, got) = to_close(&mut page).await;
            assert_eq!((code, got.as_str()), (1000, reason));
        })
        .await;
}

#[tokio::test(start_paused = true)]
async fn the_servers_last_bytes_arrive_before_the_close() {
    tokio::task::LocalSet::new()
        .run_until(async {
            let mut page = start(BridgeLimits::default(), 64 * 1024).await;
            let goodbye: Vec<u8> = (0..200_000u32)
                .flat_map(|i| format!("* {i} EXISTS\r\n").into_bytes())
                .collect();
            let mut server = page.server;
            let expected = goodbye.clone();
            let writer = tokio::spawn(async move {
                server.write_all(&goodbye).await.expect("write");
                // Dropping the server's end is its close.
            });
            page.server = tokio::io::duplex(1).0;
            let (bytes, notices, code, reason) = to_close(&mut page).await;
            writer.await.expect("writer");
            assert!(
                bytes == expected,
                "{} of {} bytes",
                bytes.len(),
                expected.len()
            );
            assert_eq!(
                (code, reason.as_str()),
                (1000, "fake closed the connection")
            );
            assert_eq!(notices.len(), 1);
        })
        .await;
}

#[tokio::test(start_paused = true)]
async fn a_page_that_does_not_read_holds_the_bridge_to_a_bounded_buffer() {
    tokio::task::LocalSet::new()
        .run_until(async {
            // The page's connection holds 64 KiB and is never read.
            let page = start(BridgeLimits::default(), 64 * 1024).await;
            let written = Arc::new(AtomicUsize::new(0));
            let counter = Arc::clone(&written);
            let mut server = page.server;
            let writer = tokio::spawn(async move {
                let block = vec![b'x'; 16 * 1024];
                for _ in 0..1024 {
                    // 16 MiB in all, far more than the bridge may hold.
                    if server.write_all(&block).await.is_err() {
                        return;
                    }
                    counter.fetch_add(block.len(), Ordering::Relaxed);
                }
            });
            // Long enough for everything that can move to have moved (the paused
            // clock only advances once every task waits).
            tokio::time::sleep(Duration::from_secs(60)).await;
            let held = written.load(Ordering::Relaxed);
            // The server's pipe and the page's connection (64 KiB each), the
            // bridge's one buffer (256 KiB).
            let bound = 2 * 64 * 1024 + MAX_CHUNK + ws::MAX_HEADER;
            // More than the server's pipe holds: bytes did move to the page.
            assert!(held > 64 * 1024, "the bridge took only {held} bytes");
            assert!(
                held <= bound,
                "the bridge took {held} bytes, more than {bound}"
            );
            assert!(!writer.is_finished());
            writer.abort();
            page.session.abort();
        })
        .await;
}
