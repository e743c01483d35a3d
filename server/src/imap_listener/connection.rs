//! One TCP connection driving one [`Session`].
//!
//! The loop waits on whichever comes first: the client's bytes (only while
//! the unsent output is under the bound), room to write, a change by
//! another session (only while in IDLE), the autologout deadline, or
//! shutdown. Every engine call is synchronous and returns before the next
//! `.await`, so the store lock is never held while waiting.
//!
//! The connection is a boxed stream, plain TCP or TLS. After STARTTLS's
//! `OK` ([`Session::tls_requested`]) the loop returns once that `OK` is
//! written; [`run`] drops any input read after the STARTTLS line, runs
//! the handshake on the same socket and goes round again on the TLS
//! stream.

use std::sync::Arc;
use std::time::Duration;

use imap_engine::{Need, Output, Session};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadHalf, WriteHalf};
use tokio::sync::watch;
use tokio::time::{Instant, sleep_until};

use super::Shared;

/// Bytes read from the socket at a time. Small enough that one read's worth
/// of pipelined commands cannot push the output far past the bound.
const READ_CHUNK: usize = 16 * 1024;

/// What a connection sends when the server shuts down.
const SHUTDOWN_BYE: &[u8] = b"* BYE Server shutting down\r\n";

/// Output not yet written: `buf[sent..]`.
#[derive(Debug, Default)]
struct Unsent {
    buf: Vec<u8>,
    sent: usize,
}

impl Unsent {
    fn len(&self) -> usize {
        self.buf.len().saturating_sub(self.sent)
    }

    fn pending(&self) -> &[u8] {
        self.buf.get(self.sent..).unwrap_or_default()
    }

    fn advance(&mut self, n: usize) {
        self.sent = self.sent.saturating_add(n).min(self.buf.len());
        if self.sent == self.buf.len() {
            self.buf.clear();
            self.sent = 0;
        }
    }

    fn extend(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }
}

/// The instant `d` from now; a year from now if that overflows (an
/// operator's huge `--autologout`).
fn after(d: Duration) -> Instant {
    let now = Instant::now();
    now.checked_add(d)
        .or_else(|| now.checked_add(Duration::from_secs(365 * 24 * 3600)))
        .unwrap_or(now)
}

/// Input read from the socket and not yet handed to the session:
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

    /// Drops what is left (input sent after STARTTLS, before TLS).
    fn discard(&mut self) {
        self.buf.clear();
        self.pos = 0;
    }

    /// Puts back the last `n` octets handed over (the session did not
    /// take them).
    fn unread(&mut self, n: usize) {
        self.pos = self.pos.saturating_sub(n);
    }

    fn refill(&mut self, bytes: &[u8]) {
        self.buf.clear();
        self.buf.extend_from_slice(bytes);
        self.pos = 0;
    }

    /// The next piece to hand over: up to and including the next LF, or
    /// everything when `whole` (literal octets) or there is no LF.
    fn next_piece(&mut self, whole: bool) -> &[u8] {
        let rest = self.buf.get(self.pos..).unwrap_or_default();
        let len = if whole {
            rest.len()
        } else {
            rest.iter()
                .position(|&b| b == b'\n')
                .map_or(rest.len(), |i| i.saturating_add(1))
        };
        let start = self.pos;
        self.pos = self.pos.saturating_add(len);
        self.buf.get(start..self.pos).unwrap_or_default()
    }
}

/// Hands buffered input to the session one line at a time (literal octets
/// in one go), stopping as soon as the unsent output reaches the bound:
/// this is what keeps a client that pipelines big FETCHes and never reads
/// from growing our buffer. Then wakes the sessions in IDLE. `true` once
/// the session has asked to close.
fn feed(
    session: &mut Session,
    input: &mut Input,
    unsent: &mut Unsent,
    shared: &Shared,
    changes: &mut watch::Receiver<u64>,
) -> bool {
    let mut closing = false;
    let mut fed = false;
    while !closing && !input.is_empty() && unsent.len() < shared.options.max_unsent {
        let whole = matches!(session.need(), Need::Literal { .. });
        let piece = input.next_piece(whole);
        let offered = piece.len();
        let taken = session.handle_input(piece, shared.clock.now_ms());
        input.unread(offered.saturating_sub(taken));
        fed = true;
        closing = drain(session, unsent);
        if session.tls_requested() {
            // RFC 3501 §6.2.1: nothing sent in the clear after STARTTLS
            // may be taken as a command.
            input.discard();
            break;
        }
    }
    shared.stats.saw_unsent(unsent.len());
    if fed {
        // Whatever the commands did, sessions in IDLE look again. Our own
        // bump is marked seen so we do not wake ourselves.
        shared.changes.send_modify(|n| *n = n.wrapping_add(1));
        changes.borrow_and_update();
    }
    closing
}

/// Moves the session's output into `unsent`. `true` once the session has
/// asked to close the connection.
fn drain(session: &mut Session, unsent: &mut Unsent) -> bool {
    let mut close = false;
    while let Some(out) = session.poll_output() {
        match out {
            Output::Bytes(bytes) => unsent.extend(&bytes),
            Output::Close => close = true,
        }
    }
    close
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
    session: Session,
    changes: watch::Receiver<u64>,
    unsent: Unsent,
    /// Bytes read and not yet given to the session (at most one read).
    input: Input,
    autologout: Duration,
    deadline: Instant,
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
    let autologout =
        Duration::from_millis(u64::try_from(options.session.autologout_ms).unwrap_or(0));
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
        unsent: Unsent::default(),
        input: Input::default(),
        autologout,
        deadline: after(autologout),
    };
    let mut closing = drain(&mut conn.session, &mut conn.unsent);
    if *stop.borrow_and_update() {
        conn.unsent.extend(SHUTDOWN_BYE);
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
                finish(reader, writer, conn.unsent, options.close_grace).await;
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
                        conn.deadline = after(autologout);
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
    let options = &shared.options;
    let mut buf = vec![0u8; READ_CHUNK];
    // A TLS stream keeps what it was given until flushed.
    let mut unflushed = false;
    loop {
        if conn.session.tls_requested() && conn.unsent.len() == 0 && !unflushed {
            return End::StartTls;
        }
        let idle = conn.session.need() == Need::Idle;
        let may_read = conn.input.is_empty()
            && conn.unsent.len() < options.max_unsent
            && !conn.session.tls_requested();
        let closing = tokio::select! {
            changed = stop.changed() => {
                // A dropped sender means the listener is gone: stop too.
                if changed.is_err() || *stop.borrow_and_update() {
                    conn.unsent.extend(SHUTDOWN_BYE);
                    true
                } else {
                    false
                }
            }
            io = write_or_flush(writer, conn.unsent.pending()), if conn.unsent.len() > 0 || unflushed => {
                match io {
                    Ok(Some(0)) | Err(_) => return End::Gone,
                    Ok(None) => {
                        unflushed = false;
                        false
                    }
                    Ok(Some(n)) => {
                        conn.unsent.advance(n);
                        unflushed = true;
                        if !conn.input.is_empty() && conn.unsent.len() < options.max_unsent {
                            conn.deadline = after(conn.autologout);
                            feed(&mut conn.session, &mut conn.input, &mut conn.unsent, shared, &mut conn.changes)
                        } else {
                            false
                        }
                    }
                }
            }
            read = reader.read(&mut buf), if may_read => {
                let n = match read {
                    Ok(0) | Err(_) => return End::Gone,
                    Ok(n) => n,
                };
                let Some(bytes) = buf.get(..n) else { return End::Gone };
                conn.input.refill(bytes);
                conn.deadline = after(conn.autologout);
                feed(&mut conn.session, &mut conn.input, &mut conn.unsent, shared, &mut conn.changes)
            }
            changed = conn.changes.changed(), if idle => {
                if changed.is_ok() {
                    conn.session.store_changed(shared.clock.now_ms());
                    drain(&mut conn.session, &mut conn.unsent)
                } else {
                    false
                }
            }
            () = sleep_until(conn.deadline) => {
                conn.session.handle_timeout(shared.clock.now_ms());
                // The engine decides; if it did not log out, look again soon.
                conn.deadline = after(Duration::from_secs(1));
                drain(&mut conn.session, &mut conn.unsent)
            }
        };
        if closing {
            return End::Closing;
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
    unsent: Unsent,
    grace: Duration,
) {
    let _ = tokio::time::timeout(grace, async {
        writer.write_all(unsent.pending()).await?;
        writer.shutdown().await?;
        let mut sink = vec![0u8; READ_CHUNK];
        while reader.read(&mut sink).await? > 0 {}
        Ok::<(), std::io::Error>(())
    })
    .await;
}
