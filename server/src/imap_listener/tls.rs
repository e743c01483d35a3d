//! TLS for the IMAP listener: the rustls server configuration (ring, TLS
//! 1.2 and 1.3) built from `--tls-cert` and `--tls-key`, used both for
//! STARTTLS on `--imap-listen` and for implicit TLS on `--imap-tls-listen`.

use std::fmt;
use std::io;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use rustls::ServerConfig;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::server::TlsStream;

/// The listener's certificate and key, ready to accept TLS. Cheap to clone.
#[derive(Clone)]
pub struct ServerTls {
    acceptor: TlsAcceptor,
}

impl fmt::Debug for ServerTls {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerTls").finish_non_exhaustive()
    }
}

impl ServerTls {
    /// Reads the certificate chain (PEM, leaf first) and the private key
    /// (PEM: PKCS#8, PKCS#1 or SEC1). Errors name the file and what was
    /// wrong with it.
    pub fn load(cert: &Path, key: &Path) -> anyhow::Result<Self> {
        let chain = CertificateDer::pem_file_iter(cert)
            .with_context(|| format!("reading --tls-cert {}", cert.display()))?
            .collect::<Result<Vec<_>, _>>()
            .with_context(|| format!("in --tls-cert {}", cert.display()))?;
        if chain.is_empty() {
            anyhow::bail!("--tls-cert {} holds no certificate", cert.display());
        }
        let key = PrivateKeyDer::from_pem_file(key)
            .with_context(|| format!("reading a private key from --tls-key {}", key.display()))?;
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .context("TLS protocol versions")?
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .context("--tls-cert and --tls-key do not go together")?;
        Ok(ServerTls {
            acceptor: TlsAcceptor::from(Arc::new(config)),
        })
    }

    /// Runs the server side of the handshake on `stream`, within `limit`.
    pub(crate) async fn accept<S: AsyncRead + AsyncWrite + Unpin>(
        &self,
        stream: S,
        limit: Duration,
    ) -> io::Result<TlsStream<S>> {
        match tokio::time::timeout(limit, self.acceptor.accept(stream)).await {
            Ok(result) => result,
            Err(_) => Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the TLS handshake took too long",
            )),
        }
    }
}
