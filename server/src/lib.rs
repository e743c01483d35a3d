//! `imap-playground`: serves the IMAP playground page and its wasm
//! package, the WebSocket bridge to real IMAP servers (`/bridge`), and the
//! sandbox engine over TCP for real clients (`--imap-listen`, with
//! STARTTLS, and `--imap-tls-listen`).
//!
//! This is the only part of the project that knows axum, tokio and
//! sockets. It uses the engine only through its public API.
//!
//! # Layout
//! - [`config`]: [`Config`] and its defaults, the `--config` TOML file, bridge [`Target`]s.
//! - [`cli`]: the command-line flags ([`Cli`]).
//! - `static_files`: `/` and `/pkg/` with MIME types, caching and security headers.
//! - `assets`: the site built into the binary by `cargo xtask dist`, precompressed.
//! - [`forwarded`]: the client's address behind a trusted reverse proxy.
//! - `api`: `/api/targets`.
//! - [`bridge`]: `/bridge?target=NAME`, the WebSocket to real IMAP servers.
//! - [`imap_listener`]: `--imap-listen` and `--imap-tls-listen`, the engine
//!   over TCP (STARTTLS or implicit TLS).
//! - [`app`] puts the routes together; [`serve`] runs them until shutdown.
#![forbid(unsafe_code)]

mod api;
mod assets;
pub mod bridge;
pub mod cli;
pub mod config;
pub mod forwarded;
pub mod imap_listener;
mod static_files;

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

pub use assets::embedded as has_embedded_site;
pub use cli::{Cli, Command, ServeArgs};
pub use config::{Config, FileConfig, Root, Target, TlsMode};
pub use static_files::CONTENT_SECURITY_POLICY;

/// What every handler may read.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The configuration the server started with.
    pub config: Arc<Config>,
}

/// The whole HTTP application for `config`: API routes, static files,
/// compression (brotli or gzip, as the browser asks), security headers and
/// request tracing.
pub fn app(config: Config) -> Router {
    app_and_bridge(config).0
}

/// [`app`], plus the [`bridge::Bridge`] whose `shutdown` tells open bridge
/// sessions why they close.
pub fn app_and_bridge(config: Config) -> (Router, bridge::Bridge) {
    let statics = static_files::routes(&config);
    let bridge = bridge::Bridge::new(&config);
    let state = AppState {
        config: Arc::new(config),
    };
    let router = api::routes()
        .with_state(state)
        .merge(bridge.routes())
        .merge(statics);
    let router = static_files::with_headers(router)
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http());
    (router, bridge)
}

/// Serves `app(config)` on `listener` until `shutdown` completes, then
/// finishes the requests in flight.
pub async fn serve(
    config: Config,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let (imap_stop, imap_stop_rx) = tokio::sync::watch::channel(false);
    let imap = imap_listener::start(&config, imap_stop_rx).await?;
    let shutdown = async move {
        shutdown.await;
        let _ = imap_stop.send(true);
    };
    if let config::Root::Dir(dir) = config.pkg_root()
        && !dir.join("playground_wasm.js").is_file()
    {
        tracing::warn!(
            "{} has no playground_wasm.js: the page will show a load error. Build it with `cargo xtask serve`.",
            dir.display()
        );
    }
    let (router, bridge) = app_and_bridge(config);
    let shutdown = async move {
        shutdown.await;
        bridge.shutdown().await;
    };
    let router = router.into_make_service_with_connect_info::<std::net::SocketAddr>();
    // No Nagle delay: the bridge relays small IMAP lines both ways.
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await?;
    if let Some(imap) = imap {
        imap.await??;
    }
    Ok(())
}

/// Completes on Ctrl-C, or on SIGTERM where there are signals.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    tracing::info!("shutting down");
}
