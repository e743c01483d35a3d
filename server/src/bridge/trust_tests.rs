//! The verifier on real `openssl req -x509` certificates (called directly,
//! with the clock passed in), and the wording of every refusal.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use rustls::client::danger::ServerCertVerifier;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, Error, OtherError};

use super::*;

/// A temp dir, removed on drop.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let d = std::env::temp_dir().join(format!("trust-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).expect("temp dir");
        Dir(d)
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `openssl req -x509` as a lab makes it (CA:TRUE), valid for two days.
fn self_signed(dir: &Path, name: &str, cn: &str) -> (PathBuf, CertificateDer<'static>) {
    let pem = dir.join(format!("{name}.pem"));
    let out = Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        ])
        .args(["-subj", &format!("/CN={cn}")])
        .args(["-addext", &format!("subjectAltName=DNS:{cn}")])
        .arg("-keyout")
        .arg(dir.join(format!("{name}.key")))
        .arg("-out")
        .arg(&pem)
        .output()
        .expect("run openssl");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let der = CertificateDer::from_pem_file(&pem).expect("pem");
    (pem, der)
}

fn verifier_for(ca_file: Option<&Path>) -> TrustOnPurpose {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    crate::bridge::tls::verifier(ca_file, &provider).expect("verifier")
}

fn verify(
    v: &TrustOnPurpose,
    cert: &CertificateDer<'_>,
    host: &str,
    now: UnixTime,
) -> Result<(), String> {
    let name = ServerName::try_from(host.to_owned()).expect("name");
    match v.verify_server_cert(cert, &[], &name, &[], now) {
        Ok(_) => Ok(()),
        Err(Error::InvalidCertificate(e)) => Err(describe(host, &e)),
        Err(other) => Err(format!("not a certificate error: {other}")),
    }
}

#[test]
fn a_ca_file_certificate_is_trusted_as_it_is_for_its_name_and_dates_only() {
    let dir = Dir::new("exact");
    let (pem, cert) = self_signed(&dir.0, "lab", "localhost");
    let now = UnixTime::now();
    let pin = Pin::of(&cert);

    // Not given: refused, in words, with the pin to use.
    let words = verify(&verifier_for(None), &cert, "localhost", now).expect_err("untrusted");
    assert_eq!(
        words,
        format!(
            "the certificate of localhost is self-signed: give it to --ca-file to trust it, or pin it with :pin={pin}"
        )
    );

    // Given with --ca-file: accepted although it says CA:TRUE.
    let trusting = verifier_for(Some(&pem));
    assert_eq!(verify(&trusting, &cert, "localhost", now), Ok(()));

    // Still not for another name.
    let words = verify(&trusting, &cert, "imap.example.org", now).expect_err("wrong name");
    assert_eq!(
        words,
        "the certificate of imap.example.org is for localhost, not imap.example.org: connect with a name it lists, or give the server a certificate for imap.example.org"
    );

    // Nor after it expired: webpki checks dates before it objects to a CA,
    // which is what lets the verifier rely on them.
    let later =
        UnixTime::since_unix_epoch(std::time::Duration::from_secs(now.as_secs() + 365 * 86_400));
    let words = verify(&trusting, &cert, "localhost", later).expect_err("expired");
    assert!(
        words.starts_with("the certificate of localhost expired on 20"),
        "{words}"
    );

    // Another certificate for the same name is not trusted by this file.
    // (Read the clock again: `other` was made after `now`, and its validity
    // starts the second it was made.)
    let (_, other) = self_signed(&dir.0, "other", "localhost");
    let now = UnixTime::now();
    let words = verify(&trusting, &other, "localhost", now).expect_err("other cert");
    assert!(words.contains("is self-signed"), "{words}");
    assert!(words.contains(&Pin::of(&other).to_string()), "{words}");
}

#[test]
fn a_pin_accepts_exactly_its_certificate() {
    let dir = Dir::new("pin");
    let (_, cert) = self_signed(&dir.0, "lab", "localhost");
    let (_, other) = self_signed(&dir.0, "other", "localhost");
    let algorithms = rustls::crypto::ring::default_provider().signature_verification_algorithms;
    let pinned = TrustOnPurpose::pinned(Pin::of(&cert), algorithms);
    let now = UnixTime::now();
    assert_eq!(verify(&pinned, &cert, "localhost", now), Ok(()));
    let words = verify(&pinned, &other, "localhost", now).expect_err("other cert");
    assert_eq!(
        words,
        format!(
            "the certificate of localhost is not the pinned one: the target pins {} but the server presented {}; if the server's certificate was replaced on purpose, pin the new one",
            Pin::of(&cert),
            Pin::of(&other)
        )
    );
}

fn refusal(reason: Reason, self_signed: bool) -> CertificateError {
    CertificateError::Other(OtherError(Arc::new(Refusal {
        reason,
        seen: Pin([7; 32]),
        self_signed,
    })))
}

fn at(date: &str) -> UnixTime {
    // Only the dates these tests use.
    let secs = match date {
        "2025-01-01" => 1_735_689_600,
        "2030-06-15" => 1_907_712_000,
        other => panic!("no such test date {other}"),
    };
    UnixTime::since_unix_epoch(std::time::Duration::from_secs(secs))
}

#[test]
fn every_refusal_is_said_in_words_with_what_to_do() {
    let pin = Pin([7; 32]).to_string();
    let ca = || {
        Reason::WebPki(CertificateError::Other(OtherError(Arc::new(
            webpki::Error::CaUsedAsEndEntity,
        ))))
    };
    let cases: Vec<(CertificateError, String)> = vec![
        (
            refusal(ca(), true),
            format!("the certificate of imap.example.org is self-signed: give it to --ca-file to trust it, or pin it with :pin={pin}"),
        ),
        (
            refusal(Reason::WebPki(CertificateError::UnknownIssuer), true),
            format!("the certificate of imap.example.org is self-signed: give it to --ca-file to trust it, or pin it with :pin={pin}"),
        ),
        (
            refusal(Reason::WebPki(CertificateError::UnknownIssuer), false),
            format!("the certificate of imap.example.org is signed by an authority this server does not know: give that authority's certificate to --ca-file, or pin it with :pin={pin}"),
        ),
        (
            refusal(ca(), false),
            format!("the certificate of imap.example.org is a CA certificate, not a server's: give it to --ca-file to trust it as it is, or pin it with :pin={pin}"),
        ),
        (
            refusal(
                Reason::WebPki(CertificateError::ExpiredContext {
                    time: at("2030-06-15"),
                    not_after: at("2025-01-01"),
                }),
                false,
            ),
            format!("the certificate of imap.example.org expired on 2025-01-01: renew it on the server, or pin it with :pin={pin}"),
        ),
        (
            refusal(
                Reason::WebPki(CertificateError::NotValidYetContext {
                    time: at("2025-01-01"),
                    not_before: at("2030-06-15"),
                }),
                false,
            ),
            format!("the certificate of imap.example.org is not valid before 2030-06-15: check the clocks of both machines, or pin it with :pin={pin}"),
        ),
        (
            refusal(
                Reason::WebPki(CertificateError::NotValidForNameContext {
                    expected: ServerName::try_from("imap.example.org").expect("name"),
                    presented: vec!["DnsName(\"mail.example.org\")".to_owned()],
                }),
                false,
            ),
            "the certificate of imap.example.org is for mail.example.org, not imap.example.org: connect with a name it lists, or give the server a certificate for imap.example.org".to_owned(),
        ),
        (
            refusal(Reason::PinMismatch { wanted: Pin([1; 32]) }, true),
            format!("the certificate of imap.example.org is not the pinned one: the target pins {} but the server presented {pin}; if the server's certificate was replaced on purpose, pin the new one", Pin([1; 32])),
        ),
        (
            refusal(Reason::WebPki(CertificateError::Revoked), false),
            format!("the certificate of imap.example.org was refused (Revoked): fix it on the server, or pin it with :pin={pin}"),
        ),
    ];
    for (error, want) in cases {
        assert_eq!(describe("imap.example.org", &error), want);
    }
    // An error the verifier did not wrap is still named.
    assert_eq!(
        describe("h", &CertificateError::BadEncoding),
        "the certificate of h was refused: BadEncoding"
    );
}

#[test]
fn dates_and_pins_are_written_as_people_read_them() {
    let day = |d: u64| {
        date(UnixTime::since_unix_epoch(std::time::Duration::from_secs(
            d * 86_400,
        )))
    };
    assert_eq!(day(0), "1970-01-01");
    assert_eq!(day(11_016), "2000-02-29");
    assert_eq!(day(20_089), "2025-01-01");
    assert_eq!(day(20_088), "2024-12-31");
    let pin: Pin = "sha256/47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        .parse()
        .expect("pin");
    assert_eq!(pin, Pin::of(b""), "the SHA-256 of nothing");
    assert_eq!(
        pin.to_string(),
        "sha256/47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
    );
}
