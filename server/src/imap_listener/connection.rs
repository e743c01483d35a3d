//! One TCP connection driving one [`Session`].
//!
//! The loop waits on whichever comes first: the client's bytes (only while
//! the unsent output is under the bound), room to write, a change by
//! another session (only while in IDLE), the autologout deadline, or
//! shutdown. Every engine call is synchronous and returns before the next
//! `.await`, so the store lock is never held while waiting.

use std::sync::Arc;
use std::time::Duration;

use imap_engine::{Need, Output, Session};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
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
        session.handle_input(piece, shared.clock.now_ms());
        fed = true;
        closing = drain(session, unsent);
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

/// Serves one client until it leaves, the session ends, or `stop` turns
/// true.
pub(super) async fn run(stream: TcpStream, shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
    let _ = stream.set_nodelay(true);
    let (mut reader, mut writer) = stream.into_split();
    let options = &shared.options;
    let autologout =
        Duration::from_millis(u64::try_from(options.session.autologout_ms).unwrap_or(0));
    let mut session = Session::new(
        Arc::clone(&shared.store),
        options.session.clone(),
        shared.clock.now_ms(),
    );
    let mut changes = shared.changes.subscribe();
    let mut unsent = Unsent::default();
    let mut closing = drain(&mut session, &mut unsent);
    let mut buf = vec![0u8; READ_CHUNK];
    let mut deadline = after(autologout);
    if *stop.borrow_and_update() {
        unsent.extend(SHUTDOWN_BYE);
        closing = true;
    }
    // Bytes read and not yet given to the session (at most one read).
    let mut input = Input::default();
    while !closing {
        let idle = session.need() == Need::Idle;
        let may_read = input.is_empty() && unsent.len() < options.max_unsent;
        tokio::select! {
            changed = stop.changed() => {
                // A dropped sender means the listener is gone: stop too.
                if changed.is_err() || *stop.borrow_and_update() {
                    unsent.extend(SHUTDOWN_BYE);
                    closing = true;
                }
            }
            written = writer.write(unsent.pending()), if unsent.len() > 0 => {
                match written {
                    Ok(0) | Err(_) => return,
                    Ok(n) => unsent.advance(n),
                }
                if !input.is_empty() && unsent.len() < options.max_unsent {
                    closing = feed(&mut session, &mut input, &mut unsent, &shared, &mut changes);
                    deadline = after(autologout);
                }
            }
            read = reader.read(&mut buf), if may_read => {
                let n = match read {
                    Ok(0) | Err(_) => return,
                    Ok(n) => n,
                };
                let Some(bytes) = buf.get(..n) else { return };
                input.refill(bytes);
                closing = feed(&mut session, &mut input, &mut unsent, &shared, &mut changes);
                deadline = after(autologout);
            }
            changed = changes.changed(), if idle => {
                if changed.is_ok() {
                    session.tick(shared.clock.now_ms());
                    closing = drain(&mut session, &mut unsent);
                }
            }
            () = sleep_until(deadline) => {
                session.tick(shared.clock.now_ms());
                closing = drain(&mut session, &mut unsent);
                // The engine decides; if it did not log out, look again soon.
                deadline = after(Duration::from_secs(1));
            }
        }
    }
    finish(reader, writer, unsent, options.close_grace).await;
}

/// Delivers the last output (a BYE, a LOGOUT's OK) within `grace`, then
/// closes the connection. Input still arriving is read and dropped until
/// the client closes (or `grace` ends): closing a socket with unread input
/// resets it, and the client could lose the BYE that explains why.
async fn finish(
    mut reader: OwnedReadHalf,
    mut writer: OwnedWriteHalf,
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
