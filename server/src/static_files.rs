//! The page (`/`) and the wasm package (`/pkg/`), with the headers a
//! playground needs: correct MIME types, revalidation so a rebuilt package
//! is picked up at once, and a strict content security policy.

use axum::Router;
use axum::http::{HeaderName, HeaderValue, Response, header};
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
    let router = match config.web_root() {
        Root::Dir(dir) => router.fallback_service(ServeDir::new(dir)),
        Root::Embedded => router.fallback_service(Embedded::new("")),
    };
    // A tutorial on another site loads `embed.js` as a module script, which
    // browsers fetch with CORS. These files are public, so any origin may
    // read them (the bridge and the API keep their own origin rules).
    router.layer(SetResponseHeaderLayer::overriding(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    ))
}

/// Headers added to every response: static files are revalidated on each
/// load (`no-cache`, unless a handler chose otherwise) and the browser must
/// not sniff types. The CSP, the referrer policy and the opener policy
/// govern documents only, so they go on HTML responses and nowhere else:
/// on the page's thirty other files they were about 300 bytes each of
/// headers that no browser reads.
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
            for_documents(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            for_documents("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("cross-origin-opener-policy"),
            for_documents("same-origin"),
        ))
}

/// A header value set only on HTML responses.
fn for_documents<B>(value: &'static str) -> impl Fn(&Response<B>) -> Option<HeaderValue> + Clone {
    move |response: &Response<B>| {
        response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("text/html"))
            .then(|| HeaderValue::from_static(value))
    }
}
