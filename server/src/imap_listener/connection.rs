//! One TCP connection driving one [`Session`].
//!
//! The loop first gives the session what it will take, then waits on
//! whichever comes first: shutdown, room to write, the socket taking no
//! more while a FETCH has another batch to make ([`Session::resume`]), the
//! client's bytes (only once the last read has all been taken), a change
//! by another session (only while in IDLE), or the instant the session
//! asked for ([`Session::poll_timeout`]). Every engine call is
//! synchronous and returns before the next `.await`, so the store lock is
//! never held while waiting.
//!
//! Backpressure is the engine's output budget
//! ([`imap_engine::SessionOptions::max_queued_output`]):
//! [`Session::handle_input`] takes only what fits and says how much; the
//! rest of the read waits in [`Input`], and nothing more is read, until
//! the client has read enough of the output. The connection has no output
//! buffer of its own: it writes from the session's
//! ([`Session::pending_output`]), so what a connection holds stays within
//! the budget plus one command's output.
//!
//! The connection is a boxed stream, plain TCP or TLS. After STARTTLS's
//! `OK` ([`Session::tls_requested`]) the loop returns once that `OK` is
//! written; [`run`] runs the handshake on the same socket and goes round
//! again on the TLS stream.

use std::sync::Arc;
use std::time::Duration;

use imap_engine::{Need, Session};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadHalf, WriteHalf};
use tokio::sync::watch;
use tokio::time::{Instant, sleep_until};

use super::Shared;

/// Bytes read from the socket at a time.
const READ_CHUNK: usize = 16 * 1024;

/// What a connection's session says (`* BYE ...`) when the server shuts
/// down.
const SHUTDOWN_TEXT: &str = "Server shutting down";

/// Input read from the socket and not yet taken by the session:
/// `buf[pos..]`. Refilled only when empty, so it never holds more than one
/// read.
#[derive(Debug, Default)]
struct Input {
    buf: Vec<u8>,
    pos: usize,
}

impl Input {
    fn is_empty(&self) -> bool {
        self.pos >= self.buf.len()
    }

    fn rest(&self) -> &[u8] {
        self.buf.get(self.pos..).unwrap_or_default()
    }

    /// The session took `n` more octets.
    fn advance(&mut self, n: usize) {
        self.pos = self.pos.saturating_add(n).min(self.buf.len());
    }

    /// Drops what is left.
    fn discard(&mut self) {
        self.buf.clear();
        self.pos = 0;
    }

    fn refill(&mut self, bytes: &[u8]) {
        self.buf.clear();
        self.buf.extend_from_slice(bytes);
        self.pos = 0;
    }
}

/// Gives the session the input it will take (it takes nothing while its
/// output is over the budget). After a command, sessions in IDLE are
/// woken. `true` once the session has asked to close the connection.
fn step(conn: &mut Conn, shared: &Shared) -> bool {
    if !conn.input.is_empty() && !conn.session.unfinished() {
        let taken = conn
            .session
            .handle_input(conn.input.rest(), shared.clock.now_ms());
        conn.input.advance(taken);
        if conn.session.tls_requested() {
            // RFC 3501 §6.2.1: nothing sent in the clear after STARTTLS
            // may be taken as a command. The session dropped it already;
            // so do we.
            conn.input.discard();
        }
        shared.stats.saw_unsent(conn.session.queued_output());
        if taken > 0 {
            // Whatever the commands did, sessions in IDLE look again. Our
            // own bump is marked seen so we do not wake ourselves.
            shared.changes.send_modify(|n| *n = n.wrapping_add(1));
            conn.changes.borrow_and_update();
        }
    }
    conn.session.wants_close()
}

/// A client connection: plain TCP, or TLS over it.
pub(super) trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}

/// The connection as [`run`] holds it; boxed so STARTTLS can swap the
/// plain socket for the TLS stream over it.
pub(super) type Stream = Box<dyn Io>;

/// How one pass of [`serve`] ended.
enum End {
    /// The client left or the socket failed: drop everything.
    Gone,
    /// The session or the server is closing: deliver the last output.
    Closing,
    /// STARTTLS's `OK` is written: run the TLS handshake now.
    StartTls,
}

/// Everything a connection keeps across a STARTTLS upgrade.
struct Conn {
    /// The session, which also holds the output not yet written.
    session: Session,
    changes: watch::Receiver<u64>,
    /// Bytes read and not yet taken by the session (at most one read).
    input: Input,
}

/// Serves one client until it leaves, the session ends, or `stop` turns
/// true. `secure`: the stream is already TLS (`--imap-tls-listen`).
pub(super) async fn run(
    stream: Stream,
    secure: bool,
    shared: Arc<Shared>,
    mut stop: watch::Receiver<bool>,
) {
    let options = &shared.options;
    let mut session_options = options.session.clone();
    if secure {
        session_options.tls_from_start = true;
        session_options.starttls_offered = false;
    }
    let mut conn = Conn {
        session: Session::new(
            Arc::clone(&shared.store),
            session_options,
            shared.clock.now_ms(),
        ),
        changes: shared.changes.subscribe(),
        input: Input::default(),
    };
    let mut closing = step(&mut conn, &shared);
    if *stop.borrow_and_update() {
        conn.session.shutdown(SHUTDOWN_TEXT);
        closing = true;
    }
    let mut stream = stream;
    loop {
        let (mut reader, mut writer) = tokio::io::split(stream);
        let end = if closing {
            End::Closing
        } else {
            serve(&mut conn, &mut reader, &mut writer, &shared, &mut stop).await
        };
        match end {
            End::Gone => return,
            End::Closing => {
                finish(reader, writer, &conn.session, options.close_grace).await;
                return;
            }
            End::StartTls => {
                let plain = reader.unsplit(writer);
                let Some(tls) = options.tls.as_ref() else {
                    return; // the session offered STARTTLS without TLS: a bug
                };
                match tls.accept(plain, options.handshake_timeout).await {
                    Ok(secured) => {
                        conn.session.tls_established();
                        stream = Box::new(secured);
                    }
                    Err(e) => {
                        tracing::debug!("imap STARTTLS handshake failed: {e}");
                        return;
                    }
                }
            }
        }
    }
}

/// The connection loop on one stream, until the client leaves, the session
/// closes, or STARTTLS asks for a handshake.
async fn serve(
    conn: &mut Conn,
    reader: &mut ReadHalf<Stream>,
    writer: &mut WriteHalf<Stream>,
    shared: &Shared,
    stop: &mut watch::Receiver<bool>,
) -> End {
    let mut buf = vec![0u8; READ_CHUNK];
    // A TLS stream keeps what it was given until flushed.
    let mut unflushed = false;
    loop {
        if step(conn, shared) {
            return End::Closing;
        }
        let unsent = conn.session.queued_output();
        if conn.session.tls_requested() && unsent == 0 && !unflushed {
            return End::StartTls;
        }
        let idle = conn.session.need() == Need::Idle;
        let may_read = conn.input.is_empty() && !conn.session.tls_requested();
        let timer = conn
            .session
            .poll_timeout()
            .map(|ms| shared.clock.instant_at(ms));
        // A FETCH answered in batches makes its next batch while the output
        // is under the budget, but only when the socket takes no more
        // right now: writing comes first (`biased`), so the client reads
        // the first responses while the rest are made.
        let more = conn.session.unfinished() && unsent < shared.options.session.max_queued_output;
        tokio::select! {
            biased;
            changed = stop.changed() => {
                // A dropped sender means the listener is gone: stop too.
                if changed.is_err() || *stop.borrow_and_update() {
                    conn.session.shutdown(SHUTDOWN_TEXT);
                    return End::Closing;
                }
            }
            io = write_or_flush(writer, conn.session.pending_output()), if unsent > 0 || unflushed => {
                match io {
                    Ok(Some(0)) | Err(_) => return End::Gone,
                    Ok(None) => unflushed = false,
                    Ok(Some(n)) => {
                        conn.session.output_written(n);
                        unflushed = true;
                    }
                }
            }
            () = std::future::ready(()), if more => {
                conn.session.resume(shared.clock.now_ms());
                shared.stats.saw_unsent(conn.session.queued_output());
            }
            read = reader.read(&mut buf), if may_read => {
                let n = match read {
                    Ok(0) | Err(_) => return End::Gone,
                    Ok(n) => n,
                };
                let Some(bytes) = buf.get(..n) else { return End::Gone };
                conn.input.refill(bytes);
            }
            changed = conn.changes.changed(), if idle => {
                if changed.is_ok() {
                    conn.session.store_changed(shared.clock.now_ms());
                }
            }
            () = sleep_until(timer.unwrap_or_else(Instant::now)), if timer.is_some() => {
                conn.session.handle_timeout(shared.clock.now_ms());
            }
        }
    }
}

/// Writes some of `pending`, or, when it is empty, flushes what a TLS
/// stream still holds. `Some(n)`: `n` octets written; `None`: flushed.
async fn write_or_flush(
    writer: &mut WriteHalf<Stream>,
    pending: &[u8],
) -> std::io::Result<Option<usize>> {
    if pending.is_empty() {
        writer.flush().await.map(|()| None)
    } else {
        writer.write(pending).await.map(Some)
    }
}

/// Delivers the last output (a BYE, a LOGOUT's OK) within `grace`, then
/// closes the connection. Input still arriving is read and dropped until
/// the client closes (or `grace` ends): closing a socket with unread input
/// resets it, and the client could lose the BYE that explains why.
async fn finish(
    mut reader: ReadHalf<Stream>,
    mut writer: WriteHalf<Stream>,
    session: &Session,
    grace: Duration,
) {
    let _ = tokio::time::timeout(grace, async {
        writer.write_all(session.pending_output()).await?;
        writer.shutdown().await?;
        let mut sink = vec![0u8; READ_CHUNK];
        while reader.read(&mut sink).await? > 0 {}
        Ok::<(), std::io::Error>(())
    })
    .await;
}
