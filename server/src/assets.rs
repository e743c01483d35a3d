//! The site embedded in the binary by `build.rs` (`cargo xtask dist`), served
//! from memory: precompressed variants chosen by `Accept-Encoding`, weak
//! ETags answered with 304, and a year of caching for content-hashed names.

use std::convert::Infallible;
use std::future::{Ready, ready};
use std::task::{Context, Poll};

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Method, Request, Response, StatusCode, header};

/// One embedded file.
#[derive(Debug)]
pub(crate) struct Asset {
    /// Path below the site root, `/`-separated, without a leading `/`.
    pub path: &'static str,
    /// The `Content-Type`.
    pub mime: &'static str,
    /// A weak validator of the content (`W/"…"`).
    pub etag: &'static str,
    /// The name carries the content's hash, so the bytes behind it never change.
    pub immutable: bool,
    /// The file as it is.
    pub raw: &'static [u8],
    /// gzip -9, when that is smaller.
    pub gzip: Option<&'static [u8]>,
    /// brotli at quality 11, when that is smaller.
    pub brotli: Option<&'static [u8]>,
}

include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// Whether this binary was built with the site inside it.
pub fn embedded() -> bool {
    !ASSETS.is_empty()
}

/// The file of `table` (sorted by path) at `path` (relative, no leading
/// `/`); a folder's `index.html` for a path that names a folder.
fn find(table: &'static [Asset], path: &str) -> Option<&'static Asset> {
    let lookup = |p: &str| {
        table
            .binary_search_by(|a| a.path.cmp(p))
            .ok()
            .and_then(|i| table.get(i))
    };
    if path.is_empty() || path.ends_with('/') {
        return lookup(&format!("{path}index.html"));
    }
    lookup(path)
}

/// The encodings the request accepts, by name; `q=0` refuses one.
fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';').map(str::trim);
            let name = parts.next().unwrap_or("");
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            name.eq_ignore_ascii_case(coding) && !refused
        })
}

fn not_found() -> Response<Body> {
    let mut r = Response::new(Body::from("not found\n"));
    *r.status_mut() = StatusCode::NOT_FOUND;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}

/// The response for the request's path below `prefix` of `table`.
fn respond(table: &'static [Asset], prefix: &str, req: &Request<Body>) -> Response<Body> {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut r = Response::new(Body::empty());
        *r.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let rel = req.uri().path().trim_start_matches('/');
    // Only plain names: no `..`, no empty segments, no percent escapes.
    if rel.split('/').any(|s| s == ".." || s == ".") || rel.contains("//") || rel.contains('%') {
        return not_found();
    }
    let Some(asset) = find(table, &format!("{prefix}{rel}")) else {
        return not_found();
    };
    let headers = req.headers();
    let mut r = Response::new(Body::empty());
    let h = r.headers_mut();
    h.insert(header::ETAG, HeaderValue::from_static(asset.etag));
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if asset.immutable {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        }),
    );
    let fresh = headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == "*" || t == asset.etag.trim_start_matches("W/"));
    if fresh {
        *r.status_mut() = StatusCode::NOT_MODIFIED;
        return r;
    }
    let (bytes, coding) = match (asset.brotli, asset.gzip) {
        (Some(br), _) if accepts(headers, "br") => (br, Some("br")),
        (_, Some(gz)) if accepts(headers, "gzip") => (gz, Some("gzip")),
        _ => (asset.raw, None),
    };
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(asset.mime));
    if let Some(coding) = coding {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
    }
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    if req.method() == Method::GET {
        *r.body_mut() = Body::from(bytes);
    }
    r
}

/// A tower service answering from the embedded files under `prefix`
/// (`""` for the whole site, `"pkg/"` for the wasm package).
#[derive(Debug, Clone, Copy)]
pub struct Embedded {
    prefix: &'static str,
}

impl Embedded {
    /// The embedded files whose paths start with `prefix`.
    pub fn new(prefix: &'static str) -> Self {
        Embedded { prefix }
    }
}

impl tower::Service<Request<Body>> for Embedded {
    type Response = Response<Body>;
    type Error = Infallible;
    type Future = Ready<Result<Response<Body>, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: Request<Body>) -> Self::Future {
        ready(Ok(respond(ASSETS, self.prefix, &req)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static TABLE: &[Asset] = &[
        Asset {
            path: "index.html",
            mime: "text/html; charset=utf-8",
            etag: "W/\"aa\"",
            immutable: false,
            raw: b"<!doctype html>",
            gzip: Some(b"GZ"),
            brotli: Some(b"BR"),
        },
        Asset {
            path: "pkg/m.0123456789abcdef.wasm",
            mime: "application/wasm",
            etag: "W/\"bb\"",
            immutable: true,
            raw: b"\0asm",
            gzip: None,
            brotli: None,
        },
    ];

    fn get(prefix: &str, path: &str, headers: &[(&str, &str)]) -> Response<Body> {
        let mut req = Request::get(path);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        respond(TABLE, prefix, &req.body(Body::empty()).expect("request"))
    }

    fn header(r: &Response<Body>, name: header::HeaderName) -> Option<&str> {
        r.headers().get(name).and_then(|v| v.to_str().ok())
    }

    #[test]
    fn picks_the_best_encoding_the_client_accepts() {
        let br = get("", "/", &[("accept-encoding", "gzip, br")]);
        assert_eq!(header(&br, header::CONTENT_ENCODING), Some("br"));
        assert_eq!(header(&br, header::CONTENT_LENGTH), Some("2"));
        let gz = get("", "/index.html", &[("accept-encoding", "gzip")]);
        assert_eq!(header(&gz, header::CONTENT_ENCODING), Some("gzip"));
        let plain = get("", "/index.html", &[]);
        assert_eq!(header(&plain, header::CONTENT_ENCODING), None);
        assert_eq!(header(&plain, header::CONTENT_LENGTH), Some("15"));
        assert_eq!(header(&plain, header::VARY), Some("accept-encoding"));
        assert_eq!(header(&plain, header::CACHE_CONTROL), Some("no-cache"));
    }

    #[test]
    fn validators_and_long_caching() {
        let again = get("", "/", &[("if-none-match", "\"zz\", W/\"aa\"")]);
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        let changed = get("", "/", &[("if-none-match", "W/\"zz\"")]);
        assert_eq!(changed.status(), StatusCode::OK);
        let wasm = get("pkg/", "/m.0123456789abcdef.wasm", &[]);
        assert_eq!(wasm.status(), StatusCode::OK);
        assert_eq!(
            header(&wasm, header::CACHE_CONTROL),
            Some("public, max-age=31536000, immutable")
        );
        assert_eq!(
            header(&wasm, header::CONTENT_TYPE),
            Some("application/wasm")
        );
    }

    #[test]
    fn only_plain_names_are_found() {
        for path in [
            "/missing.js",
            "/pkg/../index.html",
            "/index%2ehtml",
            "/a//index.html",
        ] {
            assert_eq!(get("", path, &[]).status(), StatusCode::NOT_FOUND, "{path}");
        }
        let post = respond(
            TABLE,
            "",
            &Request::post("/").body(Body::empty()).expect("request"),
        );
        assert_eq!(post.status(), StatusCode::METHOD_NOT_ALLOWED);
    }

    fn with(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).expect("header"),
        );
        h
    }

    #[test]
    fn accept_encoding_is_read_with_its_weights() {
        assert!(accepts(&with("gzip, deflate, br, zstd"), "br"));
        assert!(accepts(&with("GZIP"), "gzip"));
        assert!(!accepts(&with("gzip;q=0, br"), "gzip"));
        assert!(accepts(&with("gzip;q=0.5"), "gzip"));
        assert!(!accepts(&with("identity"), "br"));
        assert!(!accepts(&HeaderMap::new(), "gzip"));
    }
}
