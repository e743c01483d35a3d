//! The page (`/`) and the wasm package (`/pkg/`), with the headers a
//! playground needs: correct MIME types, revalidation so a rebuilt package
//! is picked up at once, and a strict content security policy.

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::assets::Embedded;
use crate::config::{Config, Root};

/// Scripts only from this server, plus compiling WebAssembly; nothing else
/// from anywhere else. `connect-src 'self'` covers the bridge's same-origin
/// WebSocket. No `frame-ancestors`: tutorial authors embed the page.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'";

/// Routes serving the page at `/` and the wasm package at `/pkg/`, each
/// from its folder or from the copy built into the binary
/// ([`Config::web_root`], [`Config::pkg_root`]). A missing file is a 404.
pub fn routes(config: &Config) -> Router {
    // ServeDir guesses MIME types from extensions (`.wasm` is
    // `application/wasm`, which `WebAssembly.instantiateStreaming` requires)
    // and answers conditional requests, so `no-cache` costs a 304 only.
    // The embedded copy does the same from memory, precompressed.
    let router = match config.pkg_root() {
        Root::Dir(dir) => Router::new().nest_service("/pkg", ServeDir::new(dir)),
        Root::Embedded => Router::new().nest_service("/pkg", Embedded::new("pkg/")),
    };
    match config.web_root() {
        Root::Dir(dir) => router.fallback_service(ServeDir::new(dir)),
        Root::Embedded => router.fallback_service(Embedded::new("")),
    }
}

/// Headers added to every response: static files are revalidated on each
/// load (`no-cache`, unless a handler chose otherwise), the browser must not
/// sniff types, and the CSP above applies.
pub fn with_headers(router: Router) -> Router {
    router
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ))
}
