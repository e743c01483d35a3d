//! Trust on purpose, against a real Dovecot whose certificate is the usual
//! lab one (`openssl req -x509`, so `CA:TRUE`, for `localhost` only), in
//! both TLS modes: refused without `--ca-file` with words that say what to
//! do and the pin to use; accepted with `--ca-file` of that certificate
//! and with its pin; refused with another certificate, another pin, or a
//! host name the certificate is not for.

mod support;

use imap_playground::Config;
use imap_playground::config::Pin;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use support::dovecot::Dovecot;
use support::ws::{Server, read_to_close};

/// The two modes, each as `(NAME, HOST:PORT:MODE)` with a host the
/// certificate is for (`localhost`) and one it is not (`127.0.0.1`).
/// STARTTLS goes to Dovecot's plain listener, which offers it too.
fn targets(d: &Dovecot, host: &str, suffix: &str) -> Vec<String> {
    vec![
        format!("tls={host}:{}:tls{suffix}", d.imaps),
        format!("starttls={host}:{}:starttls{suffix}", d.plain),
    ]
}

/// The bridge with both modes to `d` at `host` (each target ending in
/// `suffix`), trusting `ca_file` besides the system roots.
async fn start(
    d: &Dovecot,
    host: &str,
    suffix: &str,
    ca_file: Option<std::path::PathBuf>,
) -> Server {
    Server::start(Config {
        targets: targets(d, host, suffix)
            .iter()
            .map(|t| t.parse().expect("valid target"))
            .collect(),
        ca_file,
        ..Config::default()
    })
    .await
}

fn pin_of(pem: &std::path::Path) -> Pin {
    Pin::of(&CertificateDer::from_pem_file(pem).expect("a certificate"))
}

/// The two targets of [`targets`].
const MODES: [&str; 2] = ["tls", "starttls"];

/// In both modes, LOGIN, SELECT, FETCH and LOGOUT through the bridge; the
/// message must come back byte for byte.
async fn fetched(server: &Server) {
    for target in MODES {
        let got = support::ws::round_trip(server, target).await;
        support::ws::assert_fetched_the_message(&got);
    }
}

/// In both modes, a refusal saying `words`.
async fn refused(server: &Server, words: &str) {
    for target in MODES {
        refused_by(server, target, words).await;
    }
}

/// The words of the refusal of a self-signed certificate with that pin.
fn self_signed(pin: &Pin) -> String {
    format!(
        "the certificate of localhost is self-signed: give it to --ca-file to trust it, or pin it with :pin={pin}"
    )
}

/// Opens `target` and expects a refusal: no IMAP byte, a BYE notice that
/// is exactly `words`, and close code 1011.
async fn refused_by(server: &Server, target: &str, words: &str) {
    let mut ws = server.open(target).await;
    let got = read_to_close(&mut ws).await;
    assert!(
        got.bytes.is_empty(),
        "{target}: no IMAP bytes from a refused server"
    );
    let want = format!("* BYE [playground] bridge: {words}");
    assert!(
        got.notices.contains(&want),
        "{target}: expected {want:?}, got {:?}",
        got.notices
    );
    assert_eq!(got.close.map(|c| c.0), Some(1011), "{target}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lab_certificate_is_trusted_only_on_purpose() {
    let dovecot = Dovecot::start_lab();
    let cert = dovecot.cert_file();
    let pin = pin_of(&cert);

    // Without --ca-file: refused, saying what to do and the pin to use.
    let server = start(&dovecot, "localhost", "", None).await;
    refused(&server, &self_signed(&pin)).await;

    // With --ca-file of that very certificate: accepted in both modes.
    let server = start(&dovecot, "localhost", "", Some(cert.clone())).await;
    fetched(&server).await;

    // With its pin (and no --ca-file): accepted.
    let server = start(&dovecot, "localhost", &format!(":pin={pin}"), None).await;
    fetched(&server).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_certificate_pin_or_host_name_is_refused() {
    let dovecot = Dovecot::start_lab();
    let pin = pin_of(&dovecot.cert_file());

    // --ca-file holds a different certificate for the same name.
    let other = Dovecot::start_lab();
    let other_pin = pin_of(&other.cert_file());
    assert_ne!(pin, other_pin, "two certificates");
    let server = start(&dovecot, "localhost", "", Some(other.cert_file())).await;
    refused(&server, &self_signed(&pin)).await;

    // A pin of another certificate.
    let server = start(&dovecot, "localhost", &format!(":pin={other_pin}"), None).await;
    refused(
        &server,
        &format!(
            "the certificate of localhost is not the pinned one: the target pins {other_pin} but the server presented {pin}; if the server's certificate was replaced on purpose, pin the new one"
        ),
    )
    .await;

    // The right certificate in --ca-file, but reached by a name it is not
    // for: the host name is still checked.
    let server = start(&dovecot, "127.0.0.1", "", Some(dovecot.cert_file())).await;
    refused(
        &server,
        "the certificate of 127.0.0.1 is for localhost, not 127.0.0.1: connect with a name it lists, or give the server a certificate for 127.0.0.1",
    )
    .await;
}
