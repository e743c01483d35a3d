//! The bridge's own WebSocket code on the wire, seen from a hand-written
//! client on a raw TCP socket: the opening handshake and its refusals,
//! pings, a message split into fragments, and a broken frame.

mod support;

use std::time::Duration;

use imap_playground::Config;
use support::fake;
use support::ws::Server;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

async fn server() -> Server {
    let fake = fake::start().await;
    Server::start(Config {
        targets: vec![
            format!("fake=127.0.0.1:{}", fake.port())
                .parse()
                .expect("valid"),
        ],
        ..Config::default()
    })
    .await
}

/// Sends `request` and returns the response head, and whatever followed it.
async fn http(server: &Server, request: &str) -> (TcpStream, String, Vec<u8>) {
    let mut tcp = TcpStream::connect(server.addr).await.expect("connect");
    tcp.write_all(request.as_bytes()).await.expect("write");
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some(end) = got.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&got[..end]).into_owned();
            let rest = got[end + 4..].to_vec();
            return (tcp, head, rest);
        }
        let n = tokio::time::timeout(Duration::from_secs(10), tcp.read(&mut buf))
            .await
            .expect("an answer in time")
            .expect("read");
        assert!(n > 0, "closed after {:?}", String::from_utf8_lossy(&got));
        got.extend_from_slice(&buf[..n]);
    }
}

fn upgrade_request(server: &Server, version: &str) -> String {
    format!(
        "GET /bridge?target=fake HTTP/1.1\r\nHost: {}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\
         Sec-WebSocket-Version: {version}\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
        server.addr
    )
}

/// A masked frame, as a page sends it.
fn masked(first: u8, payload: &[u8]) -> Vec<u8> {
    assert!(payload.len() < 126);
    let mask = [0xa1, 0x5e, 0x07, 0xc3];
    let mut out = vec![first, 0x80 | payload.len() as u8];
    out.extend_from_slice(&mask);
    out.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
    out
}

/// Reads one unmasked frame from the bridge: (first byte, payload).
async fn frame(tcp: &mut TcpStream, pending: &mut Vec<u8>) -> (u8, Vec<u8>) {
    let mut buf = [0u8; 65536];
    loop {
        if pending.len() >= 2 {
            assert_eq!(
                pending[1] & 0x80,
                0,
                "frames from the bridge are not masked"
            );
            let (start, len) = match pending[1] & 0x7f {
                126 if pending.len() >= 4 => {
                    (4, usize::from(u16::from_be_bytes([pending[2], pending[3]])))
                }
                127 if pending.len() >= 10 => (
                    10,
                    usize::try_from(u64::from_be_bytes(
                        pending[2..10].try_into().expect("8 bytes"),
                    ))
                    .expect("length"),
                ),
                126 | 127 => (usize::MAX, 0),
                n => (2, usize::from(n)),
            };
            if start != usize::MAX && pending.len() >= start + len {
                let first = pending[0];
                let payload = pending[start..start + len].to_vec();
                pending.drain(..start + len);
                return (first, payload);
            }
        }
        let n = tokio::time::timeout(Duration::from_secs(10), tcp.read(&mut buf))
            .await
            .expect("a frame in time")
            .expect("read");
        assert!(n > 0, "the bridge closed the connection");
        pending.extend_from_slice(&buf[..n]);
    }
}

#[tokio::test]
async fn requests_that_are_not_websocket_upgrades_get_a_reason() {
    let server = server().await;
    let (_, head, _) = http(
        &server,
        &format!(
            "GET /bridge?target=fake HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            server.addr
        ),
    )
    .await;
    assert!(head.starts_with("HTTP/1.1 400"), "{head}");
    let (_, head, _) = http(&server, &upgrade_request(&server, "8")).await;
    assert!(head.starts_with("HTTP/1.1 426"), "{head}");
    assert!(
        head.to_ascii_lowercase()
            .contains("sec-websocket-version: 13"),
        "{head}"
    );
}

#[tokio::test]
async fn handshake_pings_fragments_and_a_broken_frame() {
    let server = server().await;
    let (mut tcp, head, mut pending) = http(&server, &upgrade_request(&server, "13")).await;
    assert!(head.starts_with("HTTP/1.1 101"), "{head}");
    // RFC 6455 §1.3's example key gives this accept value.
    assert!(head.contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), "{head}");

    let (first, notice) = frame(&mut tcp, &mut pending).await;
    assert_eq!(first, 0x81, "a whole text frame");
    assert!(
        String::from_utf8_lossy(&notice).starts_with("* OK [playground] bridge: connected to fake"),
        "{}",
        String::from_utf8_lossy(&notice)
    );
    let (first, greeting) = frame(&mut tcp, &mut pending).await;
    assert_eq!(
        (first, &greeting[..]),
        (0x82, &b"* OK fake IMAP ready\r\n"[..])
    );

    // A ping is answered with a pong carrying the same bytes.
    tcp.write_all(&masked(0x89, b"are you there"))
        .await
        .expect("write");
    assert_eq!(
        frame(&mut tcp, &mut pending).await,
        (0x8A, b"are you there".to_vec())
    );

    // A command split over two fragments, with a ping between them,
    // reaches the server whole.
    let mut wire = masked(0x02, b"a1 NO");
    wire.extend(masked(0x89, b"p"));
    wire.extend(masked(0x80, b"OP\r\n"));
    tcp.write_all(&wire).await.expect("write");
    assert_eq!(frame(&mut tcp, &mut pending).await, (0x8A, b"p".to_vec()));
    let mut answer = Vec::new();
    while !answer.ends_with(b"\r\n") {
        let (first, bytes) = frame(&mut tcp, &mut pending).await;
        assert_eq!(first, 0x82);
        answer.extend(bytes);
    }
    assert_eq!(answer, b"a1 OK NOOP done\r\n");

    // A frame with a reserved bit set is a protocol error: 1002 and why.
    tcp.write_all(&masked(0xC2, b"x")).await.expect("write");
    let (first, bye) = frame(&mut tcp, &mut pending).await;
    assert_eq!(first, 0x81);
    assert!(
        String::from_utf8_lossy(&bye)
            .starts_with("* BYE [playground] bridge: WebSocket protocol error: reserved bits"),
        "{}",
        String::from_utf8_lossy(&bye)
    );
    let (first, close) = frame(&mut tcp, &mut pending).await;
    assert_eq!(first, 0x88);
    assert_eq!(&close[..2], &1002u16.to_be_bytes());
    // The close handshake: the page answers, the bridge ends the connection.
    tcp.write_all(&masked(0x88, &1002u16.to_be_bytes()))
        .await
        .expect("write");
    let mut rest = [0u8; 64];
    let n = tokio::time::timeout(Duration::from_secs(5), tcp.read(&mut rest))
        .await
        .expect("the bridge ends the connection")
        .unwrap_or(0);
    assert_eq!(n, 0, "nothing after the close frame");
}
