//! `--imap-listen`: the sandbox engine over TCP, for real IMAP clients
//! (Thunderbird, mbsync, curl, Python's imaplib); with `--tls-cert` and
//! `--tls-key` it offers STARTTLS there (and refuses login before it
//! unless `--allow-plaintext-login`), and `--imap-tls-listen` serves
//! implicit TLS (port 993 style). TLS is rustls on ring (`tls.rs`); the
//! engine only says when to start it ([`Session::tls_requested`]).
//!
//! This is the third driver of [`imap_engine::Session`], beside the wasm
//! façade and the engine's tests. It owns sockets and timers; the engine
//! owns the protocol. One tokio task runs each connection
//! (`connection::run`); they share the store and two channels:
//!
//! - a change counter ([`tokio::sync::watch`]) bumped after each command.
//!   Sessions in IDLE wait on it and call [`Session::store_changed`], so a message
//!   appended by one client reaches another client's IDLE at once;
//! - a shutdown flag: every connection says `* BYE` and closes.
//!
//! Limits, each in [`ImapOptions`]: a connection cap (`* BYE` when full),
//! the engine's autologout (a tokio timer set to the instant
//! [`Session::poll_timeout`] gives, which then calls
//! [`Session::handle_timeout`]), the syntax crate's line and literal
//! limits, and backpressure from the engine's output budget
//! ([`SessionOptions::max_queued_output`]): [`Session::handle_input`] takes
//! only what fits, so a connection whose client does not read its
//! responses keeps the rest of one read and reads no more.
//!
//! The store lock is a `std::sync::Mutex` taken only inside the engine's
//! synchronous calls, never across an `.await`, so a stalled client cannot
//! hold it.
//!
//! [`Session`]: imap_engine::Session
//! [`Session::tls_requested`]: imap_engine::Session::tls_requested
//! [`Session::store_changed`]: imap_engine::Session::store_changed
//! [`Session::poll_timeout`]: imap_engine::Session::poll_timeout
//! [`Session::handle_timeout`]: imap_engine::Session::handle_timeout
//! [`Session::handle_input`]: imap_engine::Session::handle_input

mod connection;
mod tls;

pub use tls::ServerTls;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use imap_engine::{SessionOptions, SharedStore};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;
use tokio::time::Instant;

use crate::config::Config;

/// The FETCH output a session makes before the listener writes it and asks
/// for more ([`SessionOptions::fetch_batch`]): large enough that a batch
/// costs one write, small enough that the client starts reading early and
/// that a FETCH of whole bodies is never held whole.
pub const FETCH_BATCH: usize = 64 * 1024;

/// Choices of the TCP listener. `Default` documents each one.
#[derive(Debug, Clone)]
pub struct ImapOptions {
    /// What each session gets: decoder limits, autologout, the output
    /// budget, classroom accounts. Default: [`SessionOptions::default`]
    /// (30-minute autologout, 64 KiB lines, 32 MiB literals, cut off after
    /// 20 BADs in a row, 1 MiB of output queued before a connection stops
    /// taking commands: see [`SessionOptions::max_queued_output`]), but
    /// for FETCH, answered in batches of [`FETCH_BATCH`] octets, the next
    /// made once the socket takes no more.
    pub session: SessionOptions,
    /// Most connections served at once; one more gets `* BYE` and is
    /// closed. Default 500: far more than a classroom, few enough that the
    /// worst case (every client mid-literal) stays within memory.
    pub max_connections: usize,
    /// How long a closing connection (after BYE, LOGOUT or shutdown) may
    /// take to deliver its last output before it is dropped. Default 5 s.
    pub close_grace: Duration,
    /// Where the listener counts what it did. Default: fresh counters;
    /// keep a clone of the `Arc` to read them.
    pub stats: Arc<ImapStats>,
    /// The certificate for STARTTLS on the plain port and for the implicit
    /// TLS port. Default `None`: no TLS, STARTTLS is refused as in the
    /// browser. Set it with [`ImapOptions::with_tls`], which also sets what
    /// the sessions advertise.
    pub tls: Option<ServerTls>,
    /// How long a TLS handshake may take before the connection is dropped.
    /// Default 30 s: a person's client answers in milliseconds; this only
    /// frees the slot of one that never does.
    pub handshake_timeout: Duration,
}

/// Counters of one listener, readable while it runs.
#[derive(Debug, Default)]
pub struct ImapStats {
    accepted: AtomicU64,
    refused: AtomicU64,
    peak_unsent: AtomicUsize,
}

impl ImapStats {
    /// Connections admitted so far.
    pub fn accepted(&self) -> u64 {
        self.accepted.load(Ordering::Relaxed)
    }

    /// Connections turned away with `* BYE` because the limit was reached.
    pub fn refused(&self) -> u64 {
        self.refused.load(Ordering::Relaxed)
    }

    /// The most output, in octets, that any connection has held unsent
    /// (queued in its session or taken and not yet written) after handing
    /// input to its session. Backpressure keeps it below the session's
    /// [`SessionOptions::max_queued_output`] plus the output of one
    /// command.
    pub fn peak_unsent(&self) -> usize {
        self.peak_unsent.load(Ordering::Relaxed)
    }

    pub(crate) fn saw_unsent(&self, unsent: usize) {
        self.peak_unsent.fetch_max(unsent, Ordering::Relaxed);
    }
}

impl Default for ImapOptions {
    fn default() -> Self {
        ImapOptions {
            session: SessionOptions {
                fetch_batch: FETCH_BATCH,
                ..SessionOptions::default()
            },
            max_connections: 500,
            close_grace: Duration::from_secs(5),
            stats: Arc::default(),
            tls: None,
            handshake_timeout: Duration::from_secs(30),
        }
    }
}

impl ImapOptions {
    /// The options `imap-playground serve` uses for `config`.
    pub fn from_config(config: &Config) -> Self {
        let mut options = ImapOptions {
            max_connections: config.imap_max_connections,
            ..ImapOptions::default()
        };
        options.session.autologout_ms =
            i64::try_from(config.autologout.as_millis()).unwrap_or(i64::MAX);
        options.session.classroom_password = config.classroom.clone();
        options.session.max_accounts = config.classroom_max_accounts;
        options
    }

    /// Turns TLS on: sessions on the plain port offer STARTTLS and, unless
    /// `allow_plaintext_login`, refuse LOGIN and AUTHENTICATE before it
    /// with `NO [PRIVACYREQUIRED]` and advertise `LOGINDISABLED`.
    pub fn with_tls(mut self, tls: ServerTls, allow_plaintext_login: bool) -> Self {
        self.tls = Some(tls);
        self.session.starttls_offered = true;
        self.session.plaintext_login_allowed = allow_plaintext_login;
        self
    }
}

/// The sockets one listener serves; the sessions of both share one store.
#[derive(Debug, Default)]
pub struct Listeners {
    /// `--imap-listen`: plain TCP, with STARTTLS when TLS is configured.
    pub plain: Option<TcpListener>,
    /// `--imap-tls-listen`: TLS from the first byte. Needs
    /// [`ImapOptions::tls`].
    pub implicit_tls: Option<TcpListener>,
}

/// Accepts on `listener`, or waits forever if there is none.
async fn accept(listener: Option<&TcpListener>) -> std::io::Result<(TcpStream, SocketAddr)> {
    match listener {
        Some(l) => l.accept().await,
        None => std::future::pending().await,
    }
}

/// The wall clock as the engine wants it (milliseconds since the Unix
/// epoch), advanced by tokio's clock so that `tokio::time::pause()` in
/// tests moves the engine's idea of time too.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clock {
    /// Milliseconds since the epoch at `start`.
    base_ms: i64,
    /// tokio's instant when the listener started.
    start: Instant,
}

impl Clock {
    fn new() -> Self {
        let base_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
            .unwrap_or(0);
        Clock {
            base_ms,
            start: Instant::now(),
        }
    }

    /// Now, in milliseconds since the epoch.
    pub(crate) fn now_ms(&self) -> i64 {
        let elapsed = i64::try_from(self.start.elapsed().as_millis()).unwrap_or(i64::MAX);
        self.base_ms.saturating_add(elapsed)
    }

    /// The tokio instant at which [`Clock::now_ms`] reaches `ms` (a
    /// session's [`Session::poll_timeout`]): at that instant or any later
    /// one, `now_ms() >= ms`. An instant in the past for a time before the
    /// start; a year from now for one too far to represent (an operator's
    /// huge `--autologout`), when the session, asked, sets the timer again.
    ///
    /// [`Session::poll_timeout`]: imap_engine::Session::poll_timeout
    pub(crate) fn instant_at(&self, ms: i64) -> Instant {
        let after_start = u64::try_from(ms.saturating_sub(self.base_ms)).unwrap_or(0);
        self.start
            .checked_add(Duration::from_millis(after_start))
            .unwrap_or_else(|| {
                let now = Instant::now();
                now.checked_add(Duration::from_secs(365 * 24 * 3600))
                    .unwrap_or(now)
            })
    }
}

/// What every connection task shares.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) store: SharedStore,
    pub(crate) options: ImapOptions,
    pub(crate) clock: Clock,
    /// Bumped after every command; sessions in IDLE wake on it.
    pub(crate) changes: watch::Sender<u64>,
    /// The listener's counters (a clone of [`ImapOptions::stats`]).
    pub(crate) stats: Arc<ImapStats>,
}

/// Binds `addr` for the IMAP listener.
pub async fn bind(addr: SocketAddr) -> anyhow::Result<TcpListener> {
    use anyhow::Context;
    TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen for IMAP on {addr}"))
}

/// Serves IMAP on `listener` with the sessions of `store` until `shutdown`
/// completes; then says `* BYE` to every client and waits (at most
/// [`ImapOptions::close_grace`] and a little more) for them to close.
pub async fn serve_imap(
    listener: TcpListener,
    store: SharedStore,
    options: ImapOptions,
    shutdown: impl Future<Output = ()> + Send,
) -> anyhow::Result<()> {
    let listeners = Listeners {
        plain: Some(listener),
        implicit_tls: None,
    };
    serve_listeners(listeners, store, options, shutdown).await
}

/// Like [`serve_imap`], on the plain port and the implicit TLS port of
/// `listeners` at once, one store and one change counter for both.
pub async fn serve_listeners(
    listeners: Listeners,
    store: SharedStore,
    options: ImapOptions,
    shutdown: impl Future<Output = ()> + Send,
) -> anyhow::Result<()> {
    if listeners.implicit_tls.is_some() && options.tls.is_none() {
        anyhow::bail!("an implicit TLS port needs a certificate (--tls-cert and --tls-key)");
    }
    let (changes, _) = watch::channel(0u64);
    let (stop_tx, stop_rx) = watch::channel(false);
    let limit = Arc::new(Semaphore::new(
        options.max_connections.min(Semaphore::MAX_PERMITS),
    ));
    let grace = options.close_grace;
    let stats = Arc::clone(&options.stats);
    let shared = Arc::new(Shared {
        store,
        stats: Arc::clone(&stats),
        options,
        clock: Clock::new(),
        changes,
    });
    let mut tasks = JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            accepted = accept(listeners.plain.as_ref()) => {
                admit(accepted, false, &shared, &limit, &stop_rx, &mut tasks).await;
            }
            accepted = accept(listeners.implicit_tls.as_ref()) => {
                admit(accepted, true, &shared, &limit, &stop_rx, &mut tasks).await;
            }
            // Reap finished connections so the set does not grow.
            Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
        }
    }
    drop(listeners);
    let _ = stop_tx.send(true);
    let all_closed = async { while tasks.join_next().await.is_some() {} };
    if tokio::time::timeout(grace.saturating_add(Duration::from_secs(1)), all_closed)
        .await
        .is_err()
    {
        tasks.abort_all();
    }
    Ok(())
}

/// Starts a task for one accepted connection (`secure`: on the implicit
/// TLS port, handshake first), or turns it away when the limit is reached.
async fn admit(
    accepted: std::io::Result<(TcpStream, SocketAddr)>,
    secure: bool,
    shared: &Arc<Shared>,
    limit: &Arc<Semaphore>,
    stop: &watch::Receiver<bool>,
    tasks: &mut JoinSet<()>,
) {
    let (stream, peer) = match accepted {
        Ok(a) => a,
        Err(e) => {
            // Out of file descriptors and the like: wait a little instead
            // of spinning.
            tracing::warn!("imap accept failed: {e}");
            tokio::time::sleep(Duration::from_millis(50)).await;
            return;
        }
    };
    let _ = stream.set_nodelay(true);
    let stats = &shared.stats;
    let Ok(permit) = Arc::clone(limit).try_acquire_owned() else {
        stats.refused.fetch_add(1, Ordering::Relaxed);
        tracing::warn!(%peer, "imap connection refused: limit reached");
        let max = shared.options.max_connections;
        tasks.spawn(refuse(stream, max, shared.options.close_grace));
        return;
    };
    stats.accepted.fetch_add(1, Ordering::Relaxed);
    tracing::debug!(%peer, secure, "imap connection");
    let shared = Arc::clone(shared);
    let stop = stop.clone();
    tasks.spawn(async move {
        let stream: connection::Stream = if secure {
            let Some(tls) = shared.options.tls.as_ref() else {
                return;
            };
            match tls.accept(stream, shared.options.handshake_timeout).await {
                Ok(s) => Box::new(s),
                Err(e) => {
                    tracing::debug!(%peer, "imap TLS handshake failed: {e}");
                    return;
                }
            }
        } else {
            Box::new(stream)
        };
        connection::run(stream, secure, shared, stop).await;
        drop(permit);
    });
}

/// Says why a connection over the limit is closed, then closes it.
async fn refuse(mut stream: TcpStream, max: usize, grace: Duration) {
    let line = format!("* BYE Too many connections (the limit is {max}); try again later\r\n");
    let _ = tokio::time::timeout(grace, async {
        stream.write_all(line.as_bytes()).await?;
        stream.shutdown().await
    })
    .await;
}

/// Starts the listeners of `config.imap_listen` and
/// `config.imap_tls_listen`, if any, on a task: loads the certificate,
/// binds, prints `imap listening on ADDR` (and `imaps listening on ADDR`)
/// on stdout (so scripts find a port 0), and serves the demo store until
/// `stop` turns true.
pub async fn start(
    config: &Config,
    mut stop: watch::Receiver<bool>,
) -> anyhow::Result<Option<tokio::task::JoinHandle<anyhow::Result<()>>>> {
    if config.imap_listen.is_none() && config.imap_tls_listen.is_none() {
        return Ok(None);
    }
    let mut options = ImapOptions::from_config(config);
    match (&config.tls_cert, &config.tls_key) {
        (Some(cert), Some(key)) => {
            let tls = ServerTls::load(cert, key)?;
            options = options.with_tls(tls, config.allow_plaintext_login);
        }
        (None, None) if config.imap_tls_listen.is_some() => {
            anyhow::bail!("--imap-tls-listen needs --tls-cert and --tls-key")
        }
        (None, None) => {}
        _ => anyhow::bail!("--tls-cert and --tls-key go together: give both"),
    }
    let mut listeners = Listeners::default();
    for (addr, implicit) in [(config.imap_listen, false), (config.imap_tls_listen, true)] {
        let Some(addr) = addr else { continue };
        let listener = bind(addr).await?;
        let local = listener.local_addr()?;
        let (what, how) = if implicit {
            ("imaps", "implicit TLS")
        } else if options.tls.is_some() {
            ("imap", "STARTTLS")
        } else {
            ("imap", "plain TCP")
        };
        {
            use std::io::Write;
            let mut stdout = std::io::stdout();
            writeln!(stdout, "{what} listening on {local}")?;
            stdout.flush()?;
        }
        tracing::info!("IMAP sandbox listening on {local} ({how})");
        if implicit {
            listeners.implicit_tls = Some(listener);
        } else {
            listeners.plain = Some(listener);
        }
    }
    let store: SharedStore = Arc::new(std::sync::Mutex::new(mailstore::demo::demo_store()));
    let shutdown = async move {
        while !*stop.borrow_and_update() {
            if stop.changed().await.is_err() {
                break;
            }
        }
    };
    Ok(Some(tokio::spawn(serve_listeners(
        listeners, store, options, shutdown,
    ))))
}
