//! TLS to targets: one rustls client configuration (ring; the web roots
//! plus `--ca-file`, verified by [`TrustOnPurpose`]), one per pinned
//! target, STARTTLS done by the bridge itself, and error messages a
//! teacher can act on.

use std::io;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use rustls::pki_types::ServerName;
use rustls::pki_types::pem::PemObject;
use rustls::{ClientConfig, RootCertStore};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

use super::trust::{self, Pin, TrustOnPurpose};

/// Longest line the bridge reads itself (greeting, STARTTLS and
/// CAPABILITY answers) before it hands over: 16 KiB.
const MAX_LINE: usize = 16 * 1024;

/// The client configuration every TLS target without a pin uses: ring,
/// TLS 1.2 and 1.3, the Mozilla roots of webpki-roots plus the
/// certificates of `ca_file`, each of which is also accepted when a server
/// presents it as its own certificate (see [`TrustOnPurpose`]).
pub fn client_config(ca_file: Option<&Path>) -> anyhow::Result<Arc<ClientConfig>> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = verifier(ca_file, &provider)?;
    with_verifier(provider, verifier)
}

/// The verifier of [`client_config`].
pub fn verifier(
    ca_file: Option<&Path>,
    provider: &Arc<rustls::crypto::CryptoProvider>,
) -> anyhow::Result<TrustOnPurpose> {
    let mut roots = RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let mut exact = Vec::new();
    if let Some(path) = ca_file {
        for cert in rustls::pki_types::CertificateDer::pem_file_iter(path)
            .with_context(|| format!("reading --ca-file {}", path.display()))?
        {
            let cert = cert.with_context(|| format!("in --ca-file {}", path.display()))?;
            roots
                .add(cert.clone())
                .with_context(|| format!("a certificate in {}", path.display()))?;
            exact.push(cert);
        }
        if exact.is_empty() {
            anyhow::bail!("--ca-file {} holds no certificate", path.display());
        }
    }
    let webpki = rustls::client::WebPkiServerVerifier::builder_with_provider(
        Arc::new(roots),
        Arc::clone(provider),
    )
    .build()
    .context("the certificate verifier")?;
    Ok(TrustOnPurpose::new(
        webpki,
        exact,
        provider.signature_verification_algorithms,
    ))
}

/// The client configuration of a target pinned to one certificate.
pub fn pinned_config(pin: Pin) -> anyhow::Result<Arc<ClientConfig>> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = TrustOnPurpose::pinned(pin, provider.signature_verification_algorithms);
    with_verifier(provider, verifier)
}

fn with_verifier(
    provider: Arc<rustls::crypto::CryptoProvider>,
    verifier: TrustOnPurpose,
) -> anyhow::Result<Arc<ClientConfig>> {
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .context("TLS protocol versions")?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// Runs the TLS handshake on `tcp`, verifying the certificate for `host`
/// (the configured name, not the address connected to).
pub async fn handshake(
    config: Arc<ClientConfig>,
    host: &str,
    tcp: TcpStream,
) -> Result<TlsStream<TcpStream>, String> {
    let name = ServerName::try_from(host.to_owned())
        .map_err(|_| format!("{host:?} is not a name TLS can verify"))?;
    TlsConnector::from(config)
        .connect(name, tcp)
        .await
        .map_err(|e| describe_tls_error(&e, host))
}

/// A one-line description of a failed handshake with `host`: certificate
/// problems in plain words with what to do (see [`trust::describe`]).
pub fn describe_tls_error(e: &io::Error, host: &str) -> String {
    let Some(inner) = e.get_ref() else {
        return format!("TLS handshake failed: {e}");
    };
    match inner.downcast_ref::<rustls::Error>() {
        Some(rustls::Error::InvalidCertificate(why)) => trust::describe(host, why),
        Some(other) => format!("TLS handshake failed: {other}"),
        None => format!("TLS handshake failed: {e}"),
    }
}

/// The negotiated protocol and cipher suite, such as `TLS 1.3
/// (TLS13_AES_256_GCM_SHA384)`.
pub fn describe_session<S>(tls: &TlsStream<S>) -> String {
    let (_, conn) = tls.get_ref();
    let version = match conn.protocol_version() {
        Some(rustls::ProtocolVersion::TLSv1_3) => "TLS 1.3".to_owned(),
        Some(rustls::ProtocolVersion::TLSv1_2) => "TLS 1.2".to_owned(),
        Some(v) => format!("{v:?}"),
        None => "TLS".to_owned(),
    };
    match conn.negotiated_cipher_suite() {
        Some(suite) => format!("{version} ({:?})", suite.suite()),
        None => version,
    }
}

/// Reads lines from a stream the bridge talks to itself, before the
/// browser gets it. Keeps what it read past the last line.
#[derive(Debug, Default)]
pub struct LineReader {
    /// Bytes read but not yet returned as a line.
    pub pending: Vec<u8>,
}

impl LineReader {
    /// The next line with its CRLF, or an error if the server closes or
    /// sends a line longer than 16 KiB.
    pub async fn line<S: AsyncRead + Unpin>(&mut self, stream: &mut S) -> Result<Vec<u8>, String> {
        loop {
            if let Some(end) = self.pending.windows(2).position(|w| w == b"\r\n") {
                let rest = self.pending.split_off(end.saturating_add(2));
                return Ok(std::mem::replace(&mut self.pending, rest));
            }
            if self.pending.len() > MAX_LINE {
                return Err("the server sent a line longer than 16 KiB".to_owned());
            }
            let mut buf = [0u8; 4096];
            let n = stream
                .read(&mut buf)
                .await
                .map_err(|e| format!("reading from the server: {e}"))?;
            if n == 0 {
                return Err("the server closed the connection".to_owned());
            }
            self.pending
                .extend_from_slice(buf.get(..n).unwrap_or_default());
        }
    }
}

/// How a tagged status line starts, for `tag`: `TAG OK`, `TAG NO`, `TAG BAD`.
fn tagged_status<'a>(line: &'a [u8], tag: &str) -> Option<&'a [u8]> {
    let rest = line.strip_prefix(tag.as_bytes())?.strip_prefix(b" ")?;
    Some(rest)
}

fn starts_ci(line: &[u8], word: &[u8]) -> bool {
    line.get(..word.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(word))
}

fn text(line: &[u8]) -> String {
    String::from_utf8_lossy(line.strip_suffix(b"\r\n").unwrap_or(line)).into_owned()
}

/// The plaintext part of STARTTLS: reads the greeting, sends `STARTTLS`,
/// waits for its `OK`. Refuses if the server sends anything after that
/// `OK` before the handshake (bytes an attacker could have injected).
pub async fn starttls_plaintext(tcp: &mut TcpStream) -> Result<(), String> {
    let mut reader = LineReader::default();
    let greeting = reader.line(tcp).await?;
    if starts_ci(&greeting, b"* PREAUTH") {
        return Err(format!(
            "the server greeted with PREAUTH, so STARTTLS is not possible: {}",
            text(&greeting)
        ));
    }
    if !starts_ci(&greeting, b"* OK") {
        return Err(format!(
            "the server did not greet with OK: {}",
            text(&greeting)
        ));
    }
    const TAG: &str = "pgtls";
    tcp.write_all(format!("{TAG} STARTTLS\r\n").as_bytes())
        .await
        .map_err(|e| format!("sending STARTTLS: {e}"))?;
    loop {
        let line = reader.line(tcp).await?;
        let Some(status) = tagged_status(&line, TAG) else {
            continue; // untagged data (some servers repeat CAPABILITY)
        };
        if !starts_ci(status, b"OK") {
            return Err(format!("the server refused STARTTLS: {}", text(&line)));
        }
        if !reader.pending.is_empty() {
            return Err(
                "the server sent data after STARTTLS's OK, before TLS; refusing it (it could be injected)"
                    .to_owned(),
            );
        }
        return Ok(());
    }
}

/// After STARTTLS's handshake: asks `CAPABILITY` and returns the untagged
/// response lines (the real, post-TLS capabilities) plus any bytes read
/// past the tagged `OK`, for the browser. The bridge's own tagged line is
/// not passed on: the learner did not send that command.
pub async fn capability_after_tls<S: AsyncRead + AsyncWrite + Unpin>(
    stream: &mut S,
) -> Result<Vec<u8>, String> {
    const TAG: &str = "pgcap";
    stream
        .write_all(format!("{TAG} CAPABILITY\r\n").as_bytes())
        .await
        .map_err(|e| format!("sending CAPABILITY: {e}"))?;
    let mut reader = LineReader::default();
    let mut out = Vec::new();
    loop {
        let line = reader.line(stream).await?;
        if tagged_status(&line, TAG).is_some() {
            out.extend_from_slice(&reader.pending);
            return Ok(out);
        }
        if out.len() > MAX_LINE {
            return Err("the CAPABILITY answer is too long".to_owned());
        }
        out.extend_from_slice(&line);
    }
}
