//! One bridge session: connect (in [`super::connect`]: resolve once, TCP,
//! STARTTLS or TLS), then relay bytes both ways until one side ends or a
//! limit is hit, then tell the page why and finish the WebSocket close
//! handshake.
//!
//! Server to page: reads grow from [`FIRST_CHUNK`] while they come full,
//! up to [`MAX_CHUNK`], into a buffer with room for the frame header in
//! front, so each read leaves as one binary message in one write, with
//! no copy besides the kernel's. Page to server: each message is written
//! before the next is read.
//!
//! Backpressure: each direction holds at most one buffer (at most
//! [`MAX_CHUNK`] bytes, or one message from the page) and waits for the
//! other side before reading more, so a slow page slows the server's TCP
//! window and a slow server slows the page. Nothing queues without bound.
//!
//! Latency: a command's round trip through the bridge costs two more hops,
//! and on a machine with idle cores each hop is mostly the time to wake a
//! sleeping thread. Right after forwarding a short message the session
//! polls for the answer in a busy loop for a little while
//! ([`BridgeLimits::busy_poll`], default 100 µs) instead of sleeping; at
//! most half the cores (at least one) do so at once, so a busy bridge
//! never spins.

use std::future::Future;
use std::net::IpAddr;
use std::pin::pin;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::task::Poll;
use std::time::Duration;

use bytes::Bytes;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadHalf, WriteHalf};
use tokio::sync::{Mutex, watch};
use tokio::time::{Instant, sleep_until, timeout};

use super::connect::{ConnectError, connect};
use super::ws::{self, Incoming};
use super::{Bridge, BridgeLimits, Slot, notice_bye, notice_ok};
use crate::config::Target;

/// Why a session ended.
enum End {
    UpstreamClosed,
    UpstreamError(String),
    /// The page sent a close frame (and was answered).
    PageClosed,
    /// The page's connection failed or ended without a close frame.
    PageGone(String),
    /// The page broke the protocol: the close code and why.
    PageBroke(u16, String),
    Idle,
    TooLong,
    Shutdown,
}

/// A message at most this long makes the session hot (busy polling).
const SMALL: usize = 4 * 1024;
/// Reads start this small, so an idle session costs little memory...
const FIRST_CHUNK: usize = 4 * 1024;
/// ...and double while reads fill them, up to this, so a large FETCH moves
/// in few, large WebSocket messages.
const MAX_CHUNK: usize = 256 * 1024;
/// How long the bridge waits for the page's close frame after its own.
const CLOSE_WAIT: Duration = Duration::from_secs(2);

/// The page's side of a session: its frames in, the bridge's frames out.
pub(super) struct Page<R, W> {
    reader: ws::Reader<R>,
    /// Shared by both directions and the closing code; a frame is written
    /// whole while the lock is held.
    writer: Mutex<W>,
}

/// The upgraded HTTP connection.
type Upgraded = hyper_util::rt::TokioIo<hyper::upgrade::Upgraded>;

/// The page's side of a real session.
pub(super) type UpgradedPage = Page<ReadHalf<Upgraded>, WriteHalf<Upgraded>>;

impl UpgradedPage {
    /// The page's side of an upgraded connection.
    pub(super) fn upgraded(io: Upgraded, limits: &BridgeLimits) -> UpgradedPage {
        let (read, write) = tokio::io::split(io);
        Page::new(read, write, limits)
    }
}

impl<R: AsyncRead + Unpin, W: AsyncWrite + Unpin> Page<R, W> {
    fn new(read: R, write: W, limits: &BridgeLimits) -> Page<R, W> {
        Page {
            reader: ws::Reader::new(read, limits.max_message_size),
            writer: Mutex::new(write),
        }
    }

    /// Sends `frame` (whole frame bytes).
    async fn send(&mut self, frame: &[u8]) -> std::io::Result<()> {
        self.writer.lock().await.write_all(frame).await
    }

    /// Ends the session from the bridge's side: the reason as a BYE notice
    /// and a close frame with `code` and `reason`, then the page's
    /// answering close frame is awaited (for at most [`CLOSE_WAIT`],
    /// whatever it sends meanwhile is dropped) so the page reads the
    /// reason before the connection ends.
    pub(super) async fn close(&mut self, code: u16, reason: &str) {
        close_page(&mut self.reader, &self.writer, code, reason).await;
    }
}

/// See [`Page::close`]; on the page's two halves, for [`pump`].
async fn close_page<R, W>(reader: &mut ws::Reader<R>, writer: &Mutex<W>, code: u16, reason: &str)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let closing = async {
        let mut page = writer.lock().await;
        page.write_all(&notice_bye(reason)).await?;
        page.write_all(&ws::close_frame(code, reason)).await?;
        drop(page);
        while !matches!(reader.next().await, Ok(Incoming::Close(_)) | Err(_)) {}
        std::io::Result::Ok(())
    };
    let _ = timeout(CLOSE_WAIT, closing).await;
    let _ = writer.lock().await.shutdown().await;
}

pub(super) async fn run(
    bridge: &Bridge,
    mut page: UpgradedPage,
    target: Target,
    slot: Slot,
    peer: IpAddr,
    id: u64,
) {
    let _slot = slot;
    let limits = &bridge.inner.limits;
    let started = Instant::now();
    let mut shutdown = bridge.inner.shutdown.subscribe();
    let name = target.name.clone();

    let connected = tokio::select! {
        r = timeout(limits.connect_timeout, connect(bridge, &target)) => r.unwrap_or_else(|_| {
            Err(ConnectError::TimedOut {
                name: name.clone(),
                secs: limits.connect_timeout.as_secs(),
            })
        }),
        _ = shutdown.wait_for(|s| *s) => Err(ConnectError::ShuttingDown),
    };
    let upstream = match connected {
        Ok(u) => u,
        Err(e) => {
            let why = e.to_string();
            tracing::info!(session = id, target = %name, client = %peer, reason = %why, "bridge connect failed");
            page.close(e.close_code(), &why).await;
            return;
        }
    };
    tracing::info!(session = id, target = %name, client = %peer, "bridge session open: {}", upstream.notice);
    if page.send(&notice_ok(&upstream.notice)).await.is_err()
        || (!upstream.first_bytes.is_empty()
            && page
                .send(&ws::frame(ws::BINARY, &upstream.first_bytes))
                .await
                .is_err())
    {
        return;
    }

    let who = Who {
        id,
        name: &name,
        peer,
        started,
    };
    let meter = Meter::new(started, limits.busy_poll);
    let (up_read, up_write) = tokio::io::split(upstream.stream);
    let Page { reader, writer } = &mut page;
    let down = down(up_read, &*writer, &meter);
    pump(
        reader, writer, down, up_write, &meter, limits, shutdown, &who,
    )
    .await;
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

/// Runs `down` (server to page, already set up by the caller) and page to
/// server until one ends or a limit is hit, then tells the page why (a
/// BYE notice and a close frame, unless the page ended it), finishes the
/// close handshake and shuts `up_write`.
///
/// Generic over the streams so tests can drive it in memory with a paused
/// clock.
#[allow(clippy::too_many_arguments)]
async fn pump<R, W, U>(
    reader: &mut ws::Reader<R>,
    writer: &Mutex<W>,
    down: impl Future<Output = End>,
    mut up_write: U,
    meter: &Meter,
    limits: &BridgeLimits,
    mut shutdown: watch::Receiver<bool>,
    who: &Who<'_>,
) where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
    U: AsyncWrite + Unpin,
{
    let started = who.started;
    let end = {
        let up = up(reader, writer, &mut up_write, meter);
        let idle = async {
            loop {
                let seen = meter.last();
                // A huge configured timeout means "never", not an overflow.
                let Some(deadline) = started
                    .checked_add(seen)
                    .and_then(|t| t.checked_add(limits.idle_timeout))
                else {
                    return std::future::pending().await;
                };
                sleep_until(deadline).await;
                if meter.last() == seen {
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
    // The close code and reason for the page, unless it is gone or closed.
    let (code, reason) = match &end {
        End::UpstreamClosed => (1000, format!("{name} closed the connection")),
        End::UpstreamError(e) => (1011, format!("connection to {name} lost: {e}")),
        End::PageClosed => (1000, "the page closed the connection".to_owned()),
        End::PageGone(e) => (1006, e.clone()),
        End::PageBroke(code, e) => (*code, e.clone()),
        End::Idle => (
            1000,
            format!(
                "idle for {} s, closed by the bridge",
                limits.idle_timeout.as_secs()
            ),
        ),
        End::TooLong => (
            1000,
            format!(
                "session reached the {} s limit, closed by the bridge",
                limits.max_session_length.as_secs()
            ),
        ),
        End::Shutdown => (1001, "the server is shutting down".to_owned()),
    };
    tracing::info!(
        session = who.id,
        target = %name,
        client = %who.peer,
        bytes_up = meter.up.load(Ordering::Relaxed),
        bytes_down = meter.down.load(Ordering::Relaxed),
        secs = started.elapsed().as_secs(),
        %reason,
        "bridge session closed"
    );
    match end {
        End::PageClosed | End::PageGone(_) => {}
        _ => close_page(reader, writer, code, &reason).await,
    }
    let _ = up_write.shutdown().await;
}

/// A session's traffic: when the last byte moved, how many moved each
/// way, and whether an answer is expected soon (busy polling).
struct Meter {
    started: Instant,
    /// The last byte in either direction, in ms since `started`.
    last_ms: AtomicU64,
    up: AtomicU64,
    down: AtomicU64,
    /// Busy polling: how long after a short message, and until when (µs
    /// since `epoch`, on the real clock even in tests with paused time).
    busy_poll: Duration,
    epoch: std::time::Instant,
    hot_until_us: AtomicU64,
}

/// Sessions busy polling right now, across the process.
static SPINNING: AtomicUsize = AtomicUsize::new(0);

/// At most this many sessions busy poll at once: half the cores, at least one.
fn max_spinning() -> usize {
    static MAX: OnceLock<usize> = OnceLock::new();
    *MAX.get_or_init(|| {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get() / 2)
            .max(1)
    })
}

/// Takes a busy-polling permit if one is free; [`Spinning`] gives it back.
fn take_permit() -> bool {
    SPINNING
        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| {
            (n < max_spinning()).then_some(n + 1)
        })
        .is_ok()
}

/// A busy-polling permit; dropping it gives it back.
struct Spinning;

impl Drop for Spinning {
    fn drop(&mut self) {
        SPINNING.fetch_sub(1, Ordering::Relaxed);
    }
}

impl Meter {
    fn new(started: Instant, busy_poll: Duration) -> Meter {
        Meter {
            started,
            last_ms: AtomicU64::new(0),
            up: AtomicU64::new(0),
            down: AtomicU64::new(0),
            busy_poll,
            epoch: std::time::Instant::now(),
            hot_until_us: AtomicU64::new(0),
        }
    }

    fn touch(&self) {
        let ms = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last_ms.store(ms, Ordering::Relaxed);
    }

    fn last(&self) -> Duration {
        Duration::from_millis(self.last_ms.load(Ordering::Relaxed))
    }

    fn now_us(&self) -> u64 {
        u64::try_from(self.epoch.elapsed().as_micros()).unwrap_or(u64::MAX)
    }

    /// Counts `n` bytes moved; a short message makes the session hot: the
    /// answer (or the next command) is likely to follow at once.
    fn moved(&self, counter: &AtomicU64, n: usize) {
        self.touch();
        counter.fetch_add(n as u64, Ordering::Relaxed);
        if n <= SMALL && !self.busy_poll.is_zero() {
            let until = self
                .now_us()
                .saturating_add(u64::try_from(self.busy_poll.as_micros()).unwrap_or(u64::MAX));
            self.hot_until_us.store(until, Ordering::Relaxed);
        }
    }

    /// Waits for `fut`; while the session is hot and a permit is free,
    /// by polling it in a loop that yields to the runtime (which polls
    /// the sockets without sleeping) rather than by sleeping.
    async fn wait<F: Future>(&self, fut: F) -> F::Output {
        let mut fut = pin!(fut);
        let until = self.hot_until_us.load(Ordering::Relaxed);
        if self.now_us() < until && take_permit() {
            let _permit = Spinning;
            loop {
                let polled = std::future::poll_fn(|cx| match fut.as_mut().poll(cx) {
                    Poll::Ready(v) => Poll::Ready(Some(v)),
                    Poll::Pending => Poll::Ready(None),
                })
                .await;
                if let Some(v) = polled {
                    return v;
                }
                if self.now_us() >= until {
                    break;
                }
                tokio::task::yield_now().await;
            }
        }
        fut.await
    }
}

/// Server to page: reads grow from [`FIRST_CHUNK`] while they come full,
/// up to [`MAX_CHUNK`], and shrink back when the session quiets (the
/// buffer keeps its largest size until reads are back to the first); each read
/// leaves as one binary message, its header written into the room in
/// front of the bytes so header and payload go in one write, before the
/// next read.
async fn down<R, W>(mut up_read: R, writer: &Mutex<W>, meter: &Meter) -> End
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut want = FIRST_CHUNK;
    let mut buf = vec![0u8; ws::MAX_HEADER + want];
    loop {
        let Some((room, rest)) = buf.split_first_chunk_mut::<{ ws::MAX_HEADER }>() else {
            return End::UpstreamError("no buffer".to_owned());
        };
        let len = want.min(rest.len());
        let Some(bytes) = rest.get_mut(..len) else {
            return End::UpstreamError("no buffer".to_owned());
        };
        let n = match meter.wait(up_read.read(bytes)).await {
            Ok(0) => return End::UpstreamClosed,
            Ok(n) => n,
            Err(e) => return End::UpstreamError(e.to_string()),
        };
        let start = ws::header_before(room, ws::BINARY, n);
        let sent = writer
            .lock()
            .await
            .write_all(&buf[start..ws::MAX_HEADER + n])
            .await;
        if let Err(e) = sent {
            return End::PageGone(e.to_string());
        }
        meter.moved(&meter.down, n);
        want = if n == want {
            (want * 2).min(MAX_CHUNK)
        } else {
            (want / 2).max(FIRST_CHUNK)
        };
        // The buffer grows with `want` and is kept while reads stay large
        // (a new zeroed buffer at each change of size cost more than the
        // copy, and `want` changes often while a FETCH streams); it goes
        // back to the first size once the session quiets.
        if buf.len() < ws::MAX_HEADER + want
            || want == FIRST_CHUNK && buf.len() > ws::MAX_HEADER + want
        {
            buf = vec![0u8; ws::MAX_HEADER + want];
        }
    }
}

/// Page to server: each message is written (and flushed, for TLS) before
/// the next is read, so at most one message of at most the configured
/// size is in flight; the page's socket and TCP hold the rest. Pings are
/// answered; a close frame is answered and ends the session.
async fn up<R, W, U>(
    reader: &mut ws::Reader<R>,
    writer: &Mutex<W>,
    up_write: &mut U,
    meter: &Meter,
) -> End
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
    U: AsyncWrite + Unpin,
{
    loop {
        let incoming = match meter.wait(reader.next()).await {
            Ok(i) => i,
            Err(e) => {
                return match e.close_code() {
                    Some(code) => End::PageBroke(code, e.to_string()),
                    None => End::PageGone(e.to_string()),
                };
            }
        };
        let bytes: Bytes = match incoming {
            Incoming::Data(b) => b,
            Incoming::Ping(p) => {
                if let Err(e) = writer
                    .lock()
                    .await
                    .write_all(&ws::frame(ws::PONG, &p))
                    .await
                {
                    return End::PageGone(e.to_string());
                }
                continue;
            }
            Incoming::Pong => continue,
            Incoming::Close(code) => {
                let echo = code.map(u16::to_be_bytes);
                let mut page = writer.lock().await;
                let _ = page
                    .write_all(&ws::frame(
                        ws::CLOSE,
                        echo.as_ref().map_or(&[][..], |c| &c[..]),
                    ))
                    .await;
                let _ = page.shutdown().await;
                return End::PageClosed;
            }
        };
        if bytes.is_empty() {
            continue;
        }
        if let Err(e) = up_write.write_all(&bytes).await {
            return End::UpstreamError(e.to_string());
        }
        if let Err(e) = up_write.flush().await {
            return End::UpstreamError(e.to_string());
        }
        meter.moved(&meter.up, bytes.len());
    }
}

#[cfg(test)]
#[path = "relay_tests.rs"]
mod tests;
