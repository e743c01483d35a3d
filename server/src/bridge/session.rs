//! One bridge session: connect (resolve once, TCP, STARTTLS or TLS), then
//! pump bytes both ways until one side ends or a limit is hit.
//!
//! Backpressure: each direction awaits its write before it reads again,
//! so at most one 16 KiB read buffer per direction is in flight; a slow
//! browser slows the server's TCP window and a slow server slows the
//! WebSocket. Nothing is queued without bound.

use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::ws::{Message, WebSocket};
use bytes::BytesMut;
use futures_util::{SinkExt, StreamExt};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::{Instant, sleep, sleep_until, timeout};

use super::{Bridge, Slot, close_frame, notice_bye, notice_ok, resolve, tls};
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
    let (mut tx, mut rx) = socket.split();
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

    let (mut up_read, mut up_write) = tokio::io::split(upstream.stream);
    // Milliseconds from `started` to the last byte in either direction.
    let last_activity = AtomicU64::new(0);
    let touch = || {
        let ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        last_activity.store(ms, Ordering::Relaxed);
    };
    let (bytes_down, bytes_up) = (AtomicU64::new(0), AtomicU64::new(0));

    let end = {
        let down = async {
            let mut want = FIRST_CHUNK;
            let mut buf = BytesMut::new();
            loop {
                buf.reserve(want);
                let n = match up_read.read_buf(&mut buf).await {
                    Ok(0) => return End::UpstreamClosed,
                    Ok(n) => n,
                    Err(e) => return End::UpstreamError(e.to_string()),
                };
                touch();
                bytes_down.fetch_add(n as u64, Ordering::Relaxed);
                want = if n >= want {
                    want.saturating_mul(2).min(MAX_CHUNK)
                } else {
                    FIRST_CHUNK.max(want / 2)
                };
                // The filled bytes leave without a copy; the next reserve
                // reuses or replaces the allocation.
                let chunk = buf.split().freeze();
                if tx.send(Message::Binary(chunk)).await.is_err() {
                    return End::BrowserClosed;
                }
                if buf.capacity() > MAX_CHUNK {
                    buf = BytesMut::new();
                }
            }
        };
        let up = async {
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
                    Some(Ok(Message::Text(t))) => axum::body::Bytes::from(t),
                    Some(Ok(_)) => continue, // ping and pong
                };
                touch();
                bytes_up.fetch_add(bytes.len() as u64, Ordering::Relaxed);
                if let Err(e) = up_write.write_all(&bytes).await {
                    return End::UpstreamError(e.to_string());
                }
            }
        };
        let idle = async {
            loop {
                let seen = last_activity.load(Ordering::Relaxed);
                // A huge configured timeout means "never", not an overflow.
                let Some(deadline) = started
                    .checked_add(std::time::Duration::from_millis(seen))
                    .and_then(|t| t.checked_add(limits.idle_timeout))
                else {
                    return std::future::pending().await;
                };
                sleep_until(deadline).await;
                if last_activity.load(Ordering::Relaxed) == seen {
                    return;
                }
            }
        };
        tokio::select! {
            e = down => e,
            e = up => e,
            () = idle => End::Idle,
            () = sleep(limits.max_session_length) => End::TooLong,
            _ = shutdown.wait_for(|s| *s) => End::Shutdown,
        }
    };

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
        session = id,
        target = %name,
        client = %peer,
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
