//! The WebSocket bridge: `GET /bridge?target=NAME` upgrades to a WebSocket
//! whose binary frames carry raw IMAP bytes both ways between the page and
//! a target named in the server's configuration.
//!
//! # Protocol
//! - **Binary frames** are IMAP bytes, exactly as the server sent them or
//!   as the page wants them sent. Nothing else travels in binary frames.
//! - **Text frames** from the bridge are its own notices, one line each,
//!   shaped like an IMAP untagged status so the terminal can render them
//!   with the same parser: `* OK [playground] bridge: connected to ...`,
//!   `* OK [playground] bridge: STARTTLS done, TLS 1.3 (...) to HOST`,
//!   `* BYE [playground] bridge: certificate not trusted: ...`.
//! - **Close frames** carry the reason in a sentence: 1008 for refusals
//!   (unknown target, foreign origin, disallowed address, too many
//!   sessions), 1011 when the server could not be reached or was lost,
//!   1009 for a message over the size limit, 1001 at shutdown, 1000
//!   otherwise (the server closed, idle timeout, session too long).
//!
//! # Layout
//! - [`limits`]: [`BridgeLimits`] and the per-IP / total session slots.
//! - [`resolve`]: one lookup per session, checked against the operator's intent.
//! - [`tls`]: rustls client configuration, STARTTLS, readable TLS errors.
//! - [`trust`]: the certificate verifier (`--ca-file` certificates as
//!   they are, pins) and certificate refusals in plain words.
//! - [`ws`]: the WebSocket protocol, spoken by the bridge itself.
//! - `session`: connecting and relaying bytes with backpressure.
//!
//! The bridge keeps no state between sessions, so several instances can
//! run behind any load balancer; every limit is per instance.

mod connect;
pub mod limits;
mod relay;
pub mod resolve;
pub mod tls;
pub mod trust;
pub mod ws;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::connect_info::ConnectInfo;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use hyper_util::rt::TokioIo;
use rustls::ClientConfig;
use serde::Deserialize;
use tokio::sync::watch;

pub use limits::{BridgeLimits, SessionSlots, Slot, SlotRefused};

use crate::config::{Config, Target, TlsMode};

/// The targets the bridge offers for `config`: the operator's `--target`s,
/// or, when there are none, the default `localhost=127.0.0.1:143:starttls`;
/// plus `sandbox`, the `--imap-listen` engine, when that is on a known
/// port and no target already has that name.
pub fn targets(config: &Config) -> Vec<Target> {
    let mut list = if config.targets.is_empty() {
        vec![Target {
            name: "localhost".to_owned(),
            host: "127.0.0.1".to_owned(),
            port: 143,
            mode: TlsMode::StartTls,
            allow_private: false,
            pin: None,
        }]
    } else {
        config.targets.clone()
    };
    if let Some(addr) = config.imap_listen
        && addr.port() != 0
        && !list.iter().any(|t| t.name == "sandbox")
    {
        let ip = match addr.ip() {
            IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        list.insert(
            0,
            Target {
                name: "sandbox".to_owned(),
                host: ip.to_string(),
                port: addr.port(),
                mode: TlsMode::Plain,
                allow_private: false,
                pin: None,
            },
        );
    }
    list
}

/// The bridge's shared state: configuration, TLS settings, session slots
/// and the shutdown signal. Cheap to clone.
#[derive(Clone)]
pub struct Bridge {
    inner: Arc<Inner>,
}

struct Inner {
    /// The allow-list, from [`targets`].
    targets: Vec<Target>,
    /// Extra allowed origins, without a trailing `/`.
    allow_origins: Vec<String>,
    limits: BridgeLimits,
    /// The TLS client configuration, or why it could not be built (a bad
    /// `--ca-file`); TLS targets then fail with that reason.
    tls: Result<Arc<ClientConfig>, String>,
    slots: Arc<SessionSlots>,
    /// Becomes `true` once at shutdown.
    shutdown: watch::Sender<bool>,
    /// The id of the next session, for logs.
    next_id: AtomicU64,
    /// `--trust-proxy`: peers whose `X-Forwarded-For` names the client.
    trust_proxies: Vec<IpAddr>,
}

impl std::fmt::Debug for Bridge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bridge")
            .field("targets", &self.inner.targets)
            .field("open", &self.inner.slots.open())
            .finish_non_exhaustive()
    }
}

impl Bridge {
    /// A bridge for `config`.
    pub fn new(config: &Config) -> Bridge {
        let tls = tls::client_config(config.ca_file.as_deref()).map_err(|e| format!("{e:#}"));
        if let Err(e) = &tls {
            tracing::error!("TLS targets will fail: {e}");
        }
        Bridge {
            inner: Arc::new(Inner {
                targets: targets(config),
                allow_origins: config
                    .allow_origins
                    .iter()
                    .map(|o| o.trim_end_matches('/').to_owned())
                    .collect(),
                limits: config.bridge.clone(),
                tls,
                slots: Arc::new(SessionSlots::default()),
                shutdown: watch::channel(false).0,
                next_id: AtomicU64::new(1),
                trust_proxies: config.trust_proxies.clone(),
            }),
        }
    }

    /// The `/bridge` route.
    pub fn routes(&self) -> Router {
        Router::new()
            .route("/bridge", get(upgrade))
            .with_state(self.clone())
    }

    /// Bridge sessions open now.
    pub fn open_sessions(&self) -> usize {
        self.inner.slots.open()
    }

    /// Tells every session to close with "the server is shutting down",
    /// then waits up to five seconds for them to finish.
    pub async fn shutdown(&self) {
        self.inner.shutdown.send_replace(true);
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        while self.open_sessions() > 0 && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Checks a request before any connection is made: the Origin, the
    /// target name, a free slot.
    fn admit(
        &self,
        target: Option<&str>,
        headers: &HeaderMap,
        peer: IpAddr,
    ) -> Result<(Target, Slot), String> {
        check_origin(headers, &self.inner.allow_origins)?;
        let Some(name) = target else {
            return Err("no target: use /bridge?target=NAME".to_owned());
        };
        let Some(target) = self.inner.targets.iter().find(|t| t.name == name) else {
            let known: Vec<&str> = self.inner.targets.iter().map(|t| t.name.as_str()).collect();
            return Err(format!(
                "unknown target {:?}; this server offers: {}",
                name.chars().take(40).collect::<String>(),
                known.join(", ")
            ));
        };
        let slot =
            self.inner.slots.acquire(peer, &self.inner.limits).map_err(
                |refused| match refused {
                    SlotRefused::PerIp(n) => {
                        format!("too many bridge sessions from your address (at most {n})")
                    }
                    SlotRefused::Total(n) => {
                        format!("too many bridge sessions on this server (at most {n})")
                    }
                },
            )?;
        Ok((target.clone(), slot))
    }
}

/// Same origin by default: the Origin's host and port must be the Host
/// header's, or the Origin must be one of `--allow-origin`. A request
/// without Origin is not from a browser page and cannot be a cross-site
/// attack, so it passes.
fn check_origin(headers: &HeaderMap, allowed: &[String]) -> Result<(), String> {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return Ok(());
    };
    let origin = origin
        .to_str()
        .map_err(|_| "the Origin header is not text".to_owned())?
        .trim_end_matches('/');
    if allowed.iter().any(|a| a.eq_ignore_ascii_case(origin)) {
        return Ok(());
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let authority = origin.split_once("://").map(|(_, a)| a);
    match (authority, host) {
        (Some(a), Some(h)) if a.eq_ignore_ascii_case(h) => Ok(()),
        _ => Err(format!(
            "origin {} may not open the bridge: only this server's own page may \
             (the operator can add origins with --allow-origin)",
            origin.chars().take(60).collect::<String>()
        )),
    }
}

#[derive(Debug, Deserialize)]
struct BridgeQuery {
    target: Option<String>,
}

/// The opening handshake (RFC 6455 §4.2): checks the upgrade request,
/// answers 101, and runs the session on hyper's upgraded connection. A request
/// that is not a WebSocket upgrade gets a plain HTTP error saying what was
/// missing. Refusals (origin, target, caps) happen after the upgrade, so
/// the page can read the reason in the terminal.
async fn upgrade(
    State(bridge): State<Bridge>,
    Query(query): Query<BridgeQuery>,
    connect: Option<axum::Extension<ConnectInfo<SocketAddr>>>,
    mut request: Request,
) -> Response {
    let key = match check_upgrade(request.headers()) {
        Ok(key) => key,
        Err(response) => return *response,
    };
    let Some(on_upgrade) = request
        .extensions_mut()
        .remove::<hyper::upgrade::OnUpgrade>()
    else {
        return (
            StatusCode::UPGRADE_REQUIRED,
            "this connection cannot be upgraded to a WebSocket (HTTP/1.1 is needed)\n",
        )
            .into_response();
    };
    let peer = connect.map_or(IpAddr::V4(Ipv4Addr::LOCALHOST), |c| c.0.0.ip());
    let peer = crate::forwarded::client_ip(peer, request.headers(), &bridge.inner.trust_proxies);
    let admitted = bridge.admit(query.target.as_deref(), request.headers(), peer);
    tokio::spawn(async move {
        let upgraded = match on_upgrade.await {
            Ok(u) => u,
            Err(e) => {
                tracing::info!(client = %peer, "bridge upgrade failed: {e}");
                return;
            }
        };
        let mut page = relay::UpgradedPage::upgraded(TokioIo::new(upgraded), &bridge.inner.limits);
        match admitted {
            Ok((target, slot)) => {
                let id = bridge.inner.next_id.fetch_add(1, Ordering::Relaxed);
                relay::run(&bridge, page, target, slot, peer, id).await;
            }
            Err(reason) => {
                tracing::info!(client = %peer, %reason, "bridge refused");
                page.close(1008, &reason).await;
            }
        }
    });
    let mut response = StatusCode::SWITCHING_PROTOCOLS.into_response();
    let h = response.headers_mut();
    h.insert(header::UPGRADE, HeaderValue::from_static("websocket"));
    h.insert(header::CONNECTION, HeaderValue::from_static("upgrade"));
    if let Ok(accept) = HeaderValue::from_str(&key) {
        h.insert(header::SEC_WEBSOCKET_ACCEPT, accept);
    }
    response
}

/// The `Sec-WebSocket-Accept` value for a valid upgrade request, or the
/// HTTP error for one that is not.
fn check_upgrade(headers: &HeaderMap) -> Result<String, Box<Response>> {
    let has_token = |name: header::HeaderName, token: &str| {
        headers.get_all(name).iter().any(|v| {
            v.to_str()
                .is_ok_and(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case(token)))
        })
    };
    let bad = |why: &str| {
        Err(Box::new(
            (
                StatusCode::BAD_REQUEST,
                format!("/bridge is a WebSocket endpoint: {why}\n"),
            )
                .into_response(),
        ))
    };
    if !has_token(header::CONNECTION, "upgrade") || !has_token(header::UPGRADE, "websocket") {
        return bad("expected the headers Connection: Upgrade and Upgrade: websocket");
    }
    if headers
        .get(header::SEC_WEBSOCKET_VERSION)
        .is_none_or(|v| v.as_bytes() != b"13")
    {
        let mut response = (
            StatusCode::UPGRADE_REQUIRED,
            "/bridge speaks WebSocket version 13 only\n",
        )
            .into_response();
        response.headers_mut().insert(
            header::SEC_WEBSOCKET_VERSION,
            HeaderValue::from_static("13"),
        );
        return Err(Box::new(response));
    }
    match headers.get(header::SEC_WEBSOCKET_KEY) {
        Some(key) if !key.is_empty() => Ok(ws::accept_key(key.as_bytes())),
        _ => bad("expected a Sec-WebSocket-Key header"),
    }
}

/// The notice line for `text`: `* OK [playground] bridge: ...`, as a text
/// frame.
fn notice_ok(text: &str) -> Vec<u8> {
    ws::frame(
        ws::TEXT,
        format!("* OK [playground] bridge: {text}").as_bytes(),
    )
}

/// The notice line for a failure: `* BYE [playground] bridge: ...`, as a
/// text frame.
fn notice_bye(text: &str) -> Vec<u8> {
    ws::frame(
        ws::TEXT,
        format!("* BYE [playground] bridge: {text}").as_bytes(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(origin: Option<&str>, host: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_str(host).expect("header"));
        if let Some(o) = origin {
            h.insert(header::ORIGIN, HeaderValue::from_str(o).expect("header"));
        }
        h
    }

    #[test]
    fn origin_is_same_origin_or_allowed() {
        let allowed = vec!["https://tutorial.example".to_owned()];
        assert!(
            check_origin(
                &headers(Some("http://127.0.0.1:8080"), "127.0.0.1:8080"),
                &allowed
            )
            .is_ok()
        );
        assert!(check_origin(&headers(None, "127.0.0.1:8080"), &allowed).is_ok());
        assert!(check_origin(&headers(Some("https://tutorial.example/"), "x:1"), &allowed).is_ok());
        assert!(
            check_origin(
                &headers(Some("http://evil.example"), "127.0.0.1:8080"),
                &allowed
            )
            .is_err()
        );
        assert!(
            check_origin(
                &headers(Some("http://127.0.0.1:9999"), "127.0.0.1:8080"),
                &allowed
            )
            .is_err()
        );
        assert!(check_origin(&headers(Some("null"), "127.0.0.1:8080"), &allowed).is_err());
    }

    #[test]
    fn default_targets_and_sandbox() {
        let c = Config::default();
        let t = targets(&c);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].to_string(), "localhost=127.0.0.1:143:starttls");
        let c = Config {
            imap_listen: Some(SocketAddr::from(([0, 0, 0, 0], 1143))),
            targets: vec!["real=imap.example:993:tls".parse().expect("valid")],
            ..Config::default()
        };
        let names: Vec<String> = targets(&c).iter().map(|t| t.to_string()).collect();
        assert_eq!(
            names,
            ["sandbox=127.0.0.1:1143:plain", "real=imap.example:993:tls"]
        );
    }
}
