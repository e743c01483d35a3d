//! The HTTP application, driven in memory with `tower::ServiceExt::oneshot`.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use imap_playground::{CONTENT_SECURITY_POLICY, Config, app};
use tower::ServiceExt;

/// A scratch web/ and pkg/ directory, removed on drop.
struct Site {
    root: PathBuf,
}

impl Site {
    fn new() -> Site {
        static N: AtomicU32 = AtomicU32::new(0);
        let root = std::env::temp_dir().join(format!(
            "imap-playground-test-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let web = root.join("web");
        let pkg = root.join("pkg");
        std::fs::create_dir_all(&web).expect("temp dir");
        std::fs::create_dir_all(&pkg).expect("temp dir");
        let page = format!(
            "<!doctype html><title>IMAP Playground</title>{}",
            "<p>hello</p>".repeat(50)
        );
        std::fs::write(web.join("index.html"), page).expect("write");
        std::fs::write(web.join("main.js"), "export const x = 1;\n".repeat(20)).expect("write");
        // A real (empty) module header followed by padding, so it is big
        // enough to be worth compressing.
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend(std::iter::repeat_n(0u8, 4096));
        std::fs::write(pkg.join("playground_wasm_bg.wasm"), wasm).expect("write");
        Site { root }
    }

    fn config(&self) -> Config {
        Config {
            web_dir: Some(self.root.join("web")),
            pkg_dir: Some(self.root.join("pkg")),
            ..Config::default()
        }
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

async fn get(
    config: Config,
    path: &str,
    accept_encoding: Option<&str>,
) -> axum::http::Response<Body> {
    let mut req = Request::get(path);
    if let Some(enc) = accept_encoding {
        req = req.header(header::ACCEPT_ENCODING, enc);
    }
    app(config)
        .oneshot(req.body(Body::empty()).expect("request"))
        .await
        .expect("infallible")
}

fn header_of(res: &axum::http::Response<Body>, name: header::HeaderName) -> Option<String> {
    res.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// The response carries the header `name` with exactly `value`.
fn assert_header(res: &axum::http::Response<Body>, name: header::HeaderName, value: &str) {
    let got = header_of(res, name.clone());
    assert_eq!(got.as_deref(), Some(value), "{name}");
}

/// What the page and its scripts both carry: revalidated on every load
/// (a new deploy is seen at once), and no MIME sniffing.
fn assert_revalidated_not_sniffed(res: &axum::http::Response<Body>) {
    assert_header(res, header::CACHE_CONTROL, "no-cache");
    assert_header(res, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
}

#[tokio::test]
async fn index_is_html_with_security_headers() {
    let site = Site::new();
    let res = get(site.config(), "/", None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(header_of(&res, header::CONTENT_TYPE).is_some_and(|t| t.starts_with("text/html")));
    assert_revalidated_not_sniffed(&res);
    let csp = header_of(&res, header::CONTENT_SECURITY_POLICY).expect("a CSP");
    assert_eq!(csp, CONTENT_SECURITY_POLICY);
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval'"));
    let body = res.into_body().collect().await.expect("body").to_bytes();
    assert!(body.starts_with(b"<!doctype html>"));
}

#[tokio::test]
async fn scripts_are_javascript_and_revalidated() {
    let site = Site::new();
    let res = get(site.config(), "/main.js", None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(header_of(&res, header::CONTENT_TYPE).is_some_and(|t| t.contains("javascript")));
    assert_revalidated_not_sniffed(&res);
    // Tutorials on other sites load embed.js as a module: CORS must allow it.
    assert_header(&res, header::ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    // Document policies are sent with documents, not with every module.
    assert_eq!(header_of(&res, header::CONTENT_SECURITY_POLICY), None);
    assert_eq!(header_of(&res, header::REFERRER_POLICY), None);
}

#[tokio::test]
async fn wasm_is_application_wasm() {
    let site = Site::new();
    let res = get(site.config(), "/pkg/playground_wasm_bg.wasm", None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_header(&res, header::CONTENT_TYPE, "application/wasm");
    let body = res.into_body().collect().await.expect("body").to_bytes();
    assert!(body.starts_with(b"\0asm"));
}

#[tokio::test]
async fn gzip_when_asked_and_the_body_round_trips() {
    let site = Site::new();
    let res = get(site.config(), "/pkg/playground_wasm_bg.wasm", Some("gzip")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_header(&res, header::CONTENT_ENCODING, "gzip");
    let body = res.into_body().collect().await.expect("body").to_bytes();
    assert!(body.starts_with(&[0x1f, 0x8b]), "gzip magic");
    assert!(body.len() < 4096, "4 KiB of zeros compress");
}

#[tokio::test]
async fn brotli_when_preferred() {
    let site = Site::new();
    let res = get(site.config(), "/", Some("br")).await;
    assert_header(&res, header::CONTENT_ENCODING, "br");
}

#[tokio::test]
async fn no_compression_unless_asked() {
    let site = Site::new();
    let res = get(site.config(), "/", None).await;
    assert_eq!(header_of(&res, header::CONTENT_ENCODING), None);
}

#[tokio::test]
async fn unknown_paths_are_404() {
    let site = Site::new();
    assert_eq!(
        get(site.config(), "/nope.html", None).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(site.config(), "/pkg/nope.wasm", None).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(site.config(), "/../Cargo.toml", None).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn api_targets_is_a_json_list() {
    let site = Site::new();
    let res = get(site.config(), "/api/targets", None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        header_of(&res, header::CONTENT_TYPE).is_some_and(|t| t.starts_with("application/json"))
    );
    let body = res.into_body().collect().await.expect("body").to_bytes();
    // Without --target the bridge offers its default; never a host or port.
    assert_eq!(&body[..], br#"[{"name":"localhost","mode":"starttls"}]"#);
}

#[tokio::test]
async fn serves_on_a_real_socket_until_shutdown() {
    let site = Site::new();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(imap_playground::serve(site.config(), listener, async {
        let _ = stopped.await;
    }));
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    stream
        .write_all(b"GET /api/targets HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .expect("write");
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).await.expect("read");
    let reply = String::from_utf8_lossy(&reply);
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(
        reply.ends_with(r#"[{"name":"localhost","mode":"starttls"}]"#),
        "{reply}"
    );
    let _ = stop.send(());
    server.await.expect("joined").expect("clean shutdown");
}
