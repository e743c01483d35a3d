//! The server on a free port and a WebSocket client for `/bridge`.

use std::net::SocketAddr;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use imap_playground::Config;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

pub type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// A running server; `stop()` triggers its graceful shutdown.
pub struct Server {
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    pub task: tokio::task::JoinHandle<anyhow::Result<()>>,
}

impl Server {
    pub async fn start(config: Config) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(imap_playground::serve(config, listener, async {
            let _ = stopped.await;
        }));
        Server {
            addr,
            stop: Some(stop),
            task,
        }
    }

    pub fn stop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }

    /// Opens `/bridge?target=NAME` with this server's own Origin.
    pub async fn open(&self, target: &str) -> Ws {
        self.open_from(target, &format!("http://{}", self.addr))
            .await
    }

    /// Opens `/bridge?target=NAME` with the given Origin.
    pub async fn open_from(&self, target: &str, origin: &str) -> Ws {
        let mut req = format!("ws://{}/bridge?target={target}", self.addr)
            .into_client_request()
            .expect("request");
        req.headers_mut()
            .insert("origin", HeaderValue::from_str(origin).expect("origin"));
        let config = WebSocketConfig::default().max_message_size(Some(64 << 20));
        let (ws, _) = tokio_tungstenite::connect_async_with_config(req, Some(config), false)
            .await
            .expect("websocket handshake");
        ws
    }
}

/// What came back from the bridge: IMAP bytes, notices and the close frame.
#[derive(Debug, Default)]
pub struct Received {
    pub bytes: Vec<u8>,
    pub notices: Vec<String>,
    pub close: Option<(u16, String)>,
}

impl Received {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

/// Reads until the IMAP bytes contain `needle`, the socket closes, or 20
/// seconds pass (then it panics with what it has).
pub async fn read_until(ws: &mut Ws, got: &mut Received, needle: &str) {
    read_until_within(ws, got, needle, Duration::from_secs(20)).await;
}

/// [`read_until`] with its own time limit.
pub async fn read_until_within(ws: &mut Ws, got: &mut Received, needle: &str, limit: Duration) {
    // Search only the bytes not searched yet (plus an overlap), so a
    // megabyte in 16 KiB frames is scanned once, not once per frame.
    let mut searched = 0usize;
    let mut found = |g: &Received| {
        let from = searched.saturating_sub(needle.len());
        searched = g.bytes.len();
        g.bytes[from..]
            .windows(needle.len().max(1))
            .any(|w| w == needle.as_bytes())
    };
    let r = tokio::time::timeout(limit, async {
        while !found(&*got) {
            match ws.next().await {
                Some(Ok(Message::Binary(b))) => got.bytes.extend_from_slice(&b),
                Some(Ok(Message::Text(t))) => got.notices.push(t.to_string()),
                Some(Ok(Message::Close(c))) => {
                    got.close = c.map(|c| (u16::from(c.code), c.reason.to_string()));
                    return;
                }
                Some(Ok(_)) => {}
                Some(Err(_)) | None => return,
            }
        }
    })
    .await;
    if r.is_err() {
        let tail = got.bytes.len().saturating_sub(200);
        panic!(
            "timed out waiting for {needle:?}; got {} bytes ending {:?}, notices {:?}",
            got.bytes.len(),
            String::from_utf8_lossy(&got.bytes[tail..]),
            got.notices
        );
    }
}

/// Reads until the bridge closes; returns everything.
pub async fn read_to_close(ws: &mut Ws) -> Received {
    let mut got = Received::default();
    read_until(ws, &mut got, "\u{0}never\u{0}").await;
    got
}

pub async fn send(ws: &mut Ws, line: &str) {
    ws.send(Message::Binary(line.as_bytes().to_vec().into()))
        .await
        .expect("send");
}

/// LOGIN, SELECT and FETCH through the bridge; returns what came back.
pub async fn round_trip(server: &Server, target: &str) -> Received {
    let mut ws = server.open(target).await;
    let mut got = Received::default();
    let first = if target == "starttls" {
        "* CAPABILITY"
    } else {
        "* OK"
    };
    read_until(&mut ws, &mut got, first).await;
    read_until(&mut ws, &mut got, "\r\n").await;
    send(&mut ws, "a1 LOGIN alice wonderland\r\n").await;
    read_until(&mut ws, &mut got, "a1 OK").await;
    send(&mut ws, "a2 SELECT INBOX\r\n").await;
    read_until(&mut ws, &mut got, "a2 OK").await;
    send(&mut ws, "a3 FETCH 1 BODY.PEEK[]\r\n").await;
    read_until(&mut ws, &mut got, "a3 OK").await;
    send(&mut ws, "a4 LOGOUT\r\n").await;
    read_until(&mut ws, &mut got, "a4 OK").await;
    let rest = read_to_close(&mut ws).await;
    got.notices.extend(rest.notices);
    got.close = rest.close;
    got
}

pub fn assert_fetched_the_message(got: &Received) {
    let m = super::dovecot::message();
    let announced = format!("{{{}}}\r\n", m.len());
    let text = got.text();
    assert!(text.contains("* 1 EXISTS"), "{text}");
    let at = text.find(&announced).expect("the literal's announcement") + announced.len();
    assert_eq!(
        got.bytes.get(at..at + m.len()),
        Some(&m[..]),
        "the message, byte for byte"
    );
    assert!(
        got.notices
            .last()
            .is_some_and(|n| n.starts_with("* BYE [playground] bridge: ")
                && n.contains("closed the connection")),
        "{:?}",
        got.notices
    );
    assert_eq!(got.close.as_ref().map(|c| c.0), Some(1000));
}
