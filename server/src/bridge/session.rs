//! One bridge session: connect (resolve once, TCP, STARTTLS or TLS), then
//! pump bytes both ways until one side ends or a limit is hit.
//!
//! Backpressure: server to page, one message is being sent while at most
//! one more buffer (each at most [`MAX_CHUNK`]) fills; page to server,
//! each message is written before the next is read. A slow browser slows
//! the server's TCP window and a slow server slows the WebSocket. Nothing
//! is queued without bound.

use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};

use std::pin::pin;
use std::time::Duration;

use axum::extract::ws::{Message, WebSocket};
use bytes::{BufMut, Bytes, BytesMut};
use futures_util::{Sink, SinkExt, Stream, StreamExt};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::watch;
use tokio::time::{Instant, sleep_until, timeout};

use super::{Bridge, BridgeLimits, Slot, close_frame, notice_bye, notice_ok, resolve, tls};
use crate::config::{Target, TlsMode};

/// A connection to a target, plain or TLS.
trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}

/// A connected target, ready to hand to the browser.
struct Upstream {
    stream: Box<dyn Io>,
    /// The bridge's notice for the learner.
    notice: String,
    /// Server bytes the bridge read itself and the browser must still see
    /// (the post-STARTTLS CAPABILITY).
    first_bytes: Vec<u8>,
}

/// Why a session ended.
enum End {
    UpstreamClosed,
    UpstreamError(String),
    BrowserClosed,
    BrowserError(String),
    TooLarge,
    Idle,
    TooLong,
    Shutdown,
}

/// The upstream read buffer starts this small, so an idle session costs
/// little memory...
const FIRST_CHUNK: usize = 4 * 1024;
/// ...and doubles while reads fill it, up to this, so a large FETCH moves
/// in few, large WebSocket messages.
const MAX_CHUNK: usize = 256 * 1024;

pub(super) async fn run(
    bridge: &Bridge,
    socket: WebSocket,
    target: Target,
    slot: Slot,
    peer: IpAddr,
    id: u64,
) {
    let _slot = slot;
    let limits = &bridge.inner.limits;
    let started = Instant::now();
    let mut shutdown = bridge.inner.shutdown.subscribe();
    let (mut tx, rx) = socket.split();
    let name = target.name.clone();

    let connected = tokio::select! {
        r = timeout(limits.connect_timeout, connect(bridge, &target)) => r.unwrap_or_else(|_| {
            Err((1011, format!(
                "connecting to {name} timed out after {} s",
                limits.connect_timeout.as_secs()
            )))
        }),
        _ = shutdown.wait_for(|s| *s) => Err((1001, "the server is shutting down".to_owned())),
    };
    let upstream = match connected {
        Ok(u) => u,
        Err((code, why)) => {
            tracing::info!(session = id, target = %name, client = %peer, reason = %why, "bridge connect failed");
            let _ = tx.send(notice_bye(&why)).await;
            let _ = tx.send(close_frame(code, &why)).await;
            return;
        }
    };
    tracing::info!(session = id, target = %name, client = %peer, "bridge session open: {}", upstream.notice);
    if tx.send(notice_ok(&upstream.notice)).await.is_err() {
        return;
    }
    if !upstream.first_bytes.is_empty()
        && tx
            .send(Message::Binary(upstream.first_bytes.into()))
            .await
            .is_err()
    {
        return;
    }

    let who = Who {
        id,
        name: &name,
        peer,
        started,
    };
    pump(upstream.stream, tx, rx, limits, shutdown, &who).await;
}

/// Who a session is, for logs and close reasons.
struct Who<'a> {
    id: u64,
    name: &'a str,
    peer: IpAddr,
    /// When the page's request arrived: the session length counts from
    /// here.
    started: Instant,
}

/// Moves bytes both ways between a connected `upstream` and the browser's
/// WebSocket halves until one side ends or a limit is hit, then tells the
/// browser why (a BYE notice and a close frame) and shuts `upstream`.
///
/// See [`down`] and [`up`] for how each direction bounds what it holds.
///
/// Generic over the streams so tests can drive it in memory with a paused
/// clock.
async fn pump<U, S, R, E>(
    upstream: U,
    mut tx: S,
    rx: R,
    limits: &BridgeLimits,
    mut shutdown: watch::Receiver<bool>,
    who: &Who<'_>,
) where
    U: AsyncRead + AsyncWrite + Unpin,
    S: Sink<Message> + Unpin,
    R: Stream<Item = Result<Message, E>> + Unpin,
    E: std::fmt::Display,
{
    let started = who.started;
    let (up_read, mut up_write) = tokio::io::split(upstream);
    let activity = Activity::new(started);
    let (bytes_down, bytes_up) = (AtomicU64::new(0), AtomicU64::new(0));

    let end = {
        let down = down(up_read, &mut tx, &activity, &bytes_down);
        let up = up(rx, &mut up_write, &activity, &bytes_up);
        let idle = async {
            loop {
                let seen = activity.last();
                // A huge configured timeout means "never", not an overflow.
                let Some(deadline) = started
                    .checked_add(seen)
                    .and_then(|t| t.checked_add(limits.idle_timeout))
                else {
                    return std::future::pending().await;
                };
                sleep_until(deadline).await;
                if activity.last() == seen {
                    return;
                }
            }
        };
        let too_long = async {
            match started.checked_add(limits.max_session_length) {
                Some(at) => sleep_until(at).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            e = down => e,
            e = up => e,
            () = idle => End::Idle,
            () = too_long => End::TooLong,
            _ = shutdown.wait_for(|s| *s) => End::Shutdown,
        }
    };

    let name = who.name;
    let (code, reason, tell) = match &end {
        End::UpstreamClosed => (1000, format!("{name} closed the connection"), true),
        End::UpstreamError(e) => (1011, format!("connection to {name} lost: {e}"), true),
        End::BrowserClosed => (1000, "the page closed the connection".to_owned(), false),
        End::BrowserError(e) => (1002, format!("WebSocket error: {e}"), false),
        End::TooLarge => (
            1009,
            format!(
                "a message was larger than {} bytes",
                limits.max_message_size
            ),
            true,
        ),
        End::Idle => (
            1000,
            format!(
                "idle for {} s, closed by the bridge",
                limits.idle_timeout.as_secs()
            ),
            true,
        ),
        End::TooLong => (
            1000,
            format!(
                "session reached the {} s limit, closed by the bridge",
                limits.max_session_length.as_secs()
            ),
            true,
        ),
        End::Shutdown => (1001, "the server is shutting down".to_owned(), true),
    };
    tracing::info!(
        session = who.id,
        target = %name,
        client = %who.peer,
        bytes_up = bytes_up.load(Ordering::Relaxed),
        bytes_down = bytes_down.load(Ordering::Relaxed),
        secs = started.elapsed().as_secs(),
        %reason,
        "bridge session closed"
    );
    if tell {
        let _ = tx.send(notice_bye(&reason)).await;
        let _ = tx.send(close_frame(code, &reason)).await;
    }
    let _ = up_write.shutdown().await;
}

/// The time of the last byte in either direction, as milliseconds since
/// the session started.
struct Activity {
    started: Instant,
    ms: AtomicU64,
}

impl Activity {
    fn new(started: Instant) -> Activity {
        Activity {
            started,
            ms: AtomicU64::new(0),
        }
    }

    fn touch(&self) {
        let ms = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.ms.store(ms, Ordering::Relaxed);
    }

    fn last(&self) -> Duration {
        Duration::from_millis(self.ms.load(Ordering::Relaxed))
    }
}

/// Server to page. While one chunk is being sent as a binary message,
/// the next is read into the buffer (up to [`MAX_CHUNK`]), so the server's
/// bytes keep flowing during the send and what arrived meanwhile leaves as
/// one larger message. When nothing was waiting, a chunk is sent as soon
/// as it is read. In flight: the message being sent and the buffer, each
/// at most `MAX_CHUNK` bytes.
async fn down<S: Sink<Message> + Unpin>(
    mut up_read: impl AsyncRead + Unpin,
    tx: &mut S,
    activity: &Activity,
    counted: &AtomicU64,
) -> End {
    let mut want = FIRST_CHUNK;
    let mut buf = BytesMut::new();
    // Set once the server's side has ended; what is buffered still goes.
    let mut ended: Option<End> = None;
    loop {
        if buf.is_empty() {
            if let Some(end) = ended {
                return end;
            }
            ended = read_chunk(&mut up_read, &mut buf, &mut want, activity, counted).await;
            continue;
        }
        // The filled bytes leave without a copy.
        let mut send = pin!(tx.send(Message::Binary(buf.split().freeze())));
        loop {
            let room = ended.is_none() && buf.len() < MAX_CHUNK;
            tokio::select! {
                biased;
                sent = &mut send => {
                    if sent.is_err() {
                        return End::BrowserClosed;
                    }
                    break;
                }
                end = read_chunk(&mut up_read, &mut buf, &mut want, activity, counted), if room => {
                    ended = end;
                }
            }
        }
        if buf.is_empty() && buf.capacity() > MAX_CHUNK {
            buf = BytesMut::new();
        }
    }
}

/// One read of the server's bytes onto the end of `buf`, never past
/// [`MAX_CHUNK`] in all. The next read's size adapts: small while the
/// session is quiet, doubling while reads fill what was asked for.
/// `Some` when the server's side has ended. Cancel-safe: a read either
/// happened or did not.
async fn read_chunk(
    up_read: &mut (impl AsyncRead + Unpin),
    buf: &mut BytesMut,
    want: &mut usize,
    activity: &Activity,
    counted: &AtomicU64,
) -> Option<End> {
    let room = (*want).min(MAX_CHUNK.saturating_sub(buf.len())).max(1);
    buf.reserve(room);
    // The limit holds even when the allocation has more room.
    match up_read.read_buf(&mut BufMut::limit(&mut *buf, room)).await {
        Ok(0) => Some(End::UpstreamClosed),
        Ok(n) => {
            activity.touch();
            counted.fetch_add(n as u64, Ordering::Relaxed);
            *want = if n >= room {
                want.saturating_mul(2).min(MAX_CHUNK)
            } else {
                FIRST_CHUNK.max(*want / 2)
            };
            None
        }
        Err(e) => Some(End::UpstreamError(e.to_string())),
    }
}

/// Page to server: each message is written (and flushed, for TLS) before
/// the next is read, so at most one message of at most the configured
/// size is in flight; the WebSocket's own buffer and TCP hold the rest.
async fn up<R, E>(
    mut rx: R,
    up_write: &mut (impl AsyncWrite + Unpin),
    activity: &Activity,
    counted: &AtomicU64,
) -> End
where
    R: Stream<Item = Result<Message, E>> + Unpin,
    E: std::fmt::Display,
{
    loop {
        let bytes = match rx.next().await {
            None | Some(Ok(Message::Close(_))) => return End::BrowserClosed,
            Some(Err(e)) => {
                let text = e.to_string();
                return if text.contains("too long") || text.contains("Space limit") {
                    End::TooLarge
                } else {
                    End::BrowserError(text)
                };
            }
            Some(Ok(Message::Binary(b))) => b,
            // Text is taken as its UTF-8 bytes, for hand-written clients.
            Some(Ok(Message::Text(t))) => Bytes::from(t),
            Some(Ok(_)) => continue, // ping and pong
        };
        activity.touch();
        counted.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        if let Err(e) = up_write.write_all(&bytes).await {
            return End::UpstreamError(e.to_string());
        }
        if let Err(e) = up_write.flush().await {
            return End::UpstreamError(e.to_string());
        }
    }
}

/// Resolves, connects, and runs STARTTLS or the TLS handshake. An error
/// carries its close code: 1008 when the address is not allowed, 1011
/// when the server could not be reached.
async fn connect(bridge: &Bridge, target: &Target) -> Result<Upstream, (u16, String)> {
    let addr = resolve::resolve(target).await.map_err(|e| (1008, e))?;
    connect_to(bridge, target, addr)
        .await
        .map_err(|e| (1011, e))
}

async fn connect_to(
    bridge: &Bridge,
    target: &Target,
    addr: std::net::SocketAddr,
) -> Result<Upstream, String> {
    let mut tcp = TcpStream::connect(addr)
        .await
        .map_err(|e| format!("cannot connect to {} ({addr}): {e}", target.name))?;
    let _ = tcp.set_nodelay(true);
    let where_ = format!("{} ({}:{})", target.name, target.host, target.port);
    let tls_config = || bridge.inner.tls.clone();
    match target.mode {
        TlsMode::Plain => Ok(Upstream {
            stream: Box::new(tcp),
            notice: format!("connected to {where_}, plain TCP (not encrypted)"),
            first_bytes: Vec::new(),
        }),
        TlsMode::Tls => {
            let tls = tls::handshake(tls_config()?, &target.host, tcp).await?;
            let notice = format!("connected to {where_}, {}", tls::describe_session(&tls));
            Ok(Upstream {
                stream: Box::new(tls),
                notice,
                first_bytes: Vec::new(),
            })
        }
        TlsMode::StartTls => {
            tls::starttls_plaintext(&mut tcp).await?;
            let mut tls = tls::handshake(tls_config()?, &target.host, tcp).await?;
            let notice = format!(
                "connected to {where_}, STARTTLS done, {} to {}",
                tls::describe_session(&tls),
                target.host
            );
            let first_bytes = tls::capability_after_tls(&mut tls).await?;
            Ok(Upstream {
                stream: Box::new(tls),
                notice,
                first_bytes,
            })
        }
    }
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
