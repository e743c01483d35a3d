//! Connecting a bridge session to its target: resolve once (checking the
//! address against the allow-list), TCP, then STARTTLS or the TLS
//! handshake as the target says. A failure is a [`ConnectError`], which
//! knows the WebSocket close code the page is sent.

use std::net::SocketAddr;

use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;

use super::{Bridge, resolve, tls};
use crate::config::{Target, TlsMode};

/// A connection to a target, plain or TLS.
pub(super) trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}

/// A connected target, ready to hand to the page.
pub(super) struct Upstream {
    /// The byte stream to the server, plain or TLS.
    pub(super) stream: Box<dyn Io>,
    /// The bridge's notice for the learner.
    pub(super) notice: String,
    /// Server bytes the bridge read itself and the page must still see
    /// (the post-STARTTLS CAPABILITY).
    pub(super) first_bytes: Vec<u8>,
}

/// Why a session could not connect. The text is what the page shows as
/// the close reason; [`ConnectError::close_code`] is the close code.
#[derive(Debug, thiserror::Error)]
pub(super) enum ConnectError {
    /// The name did not resolve, or only to addresses the bridge may not
    /// reach.
    #[error("{0}")]
    Address(String),
    /// The TCP connection failed.
    #[error("cannot connect to {name} ({addr}): {source}")]
    Tcp {
        /// The target's name.
        name: String,
        /// The address tried.
        addr: SocketAddr,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// STARTTLS or the TLS handshake failed, or the TLS settings are
    /// unusable.
    #[error("{0}")]
    Tls(String),
    /// The whole connect took longer than the bridge allows.
    #[error("connecting to {name} timed out after {secs} s")]
    TimedOut {
        /// The target's name.
        name: String,
        /// The limit, in seconds.
        secs: u64,
    },
    /// The server began shutting down while connecting.
    #[error("the server is shutting down")]
    ShuttingDown,
}

impl ConnectError {
    /// The WebSocket close code for the page: 1008 (policy) when the
    /// address is not allowed, 1001 (going away) on shutdown, 1011 when
    /// the server could not be reached.
    pub(super) fn close_code(&self) -> u16 {
        match self {
            ConnectError::Address(_) => 1008,
            ConnectError::ShuttingDown => 1001,
            ConnectError::Tcp { .. } | ConnectError::Tls(_) | ConnectError::TimedOut { .. } => 1011,
        }
    }
}

/// Resolves, connects, and runs STARTTLS or the TLS handshake.
pub(super) async fn connect(bridge: &Bridge, target: &Target) -> Result<Upstream, ConnectError> {
    let addr = resolve::resolve(target)
        .await
        .map_err(ConnectError::Address)?;
    connect_to(bridge, target, addr).await
}

async fn connect_to(
    bridge: &Bridge,
    target: &Target,
    addr: SocketAddr,
) -> Result<Upstream, ConnectError> {
    let mut tcp = TcpStream::connect(addr)
        .await
        .map_err(|source| ConnectError::Tcp {
            name: target.name.clone(),
            addr,
            source,
        })?;
    let _ = tcp.set_nodelay(true);
    let where_ = format!("{} ({}:{})", target.name, target.host, target.port);
    let tls_config = || match target.pin {
        Some(pin) => tls::pinned_config(pin).map_err(|e| ConnectError::Tls(format!("{e:#}"))),
        None => bridge.inner.tls.clone().map_err(ConnectError::Tls),
    };
    match target.mode {
        TlsMode::Plain => Ok(Upstream {
            stream: Box::new(tcp),
            notice: format!("connected to {where_}, plain TCP (not encrypted)"),
            first_bytes: Vec::new(),
        }),
        TlsMode::Tls => {
            let tls = tls::handshake(tls_config()?, &target.host, tcp)
                .await
                .map_err(ConnectError::Tls)?;
            let notice = format!("connected to {where_}, {}", tls::describe_session(&tls));
            Ok(Upstream {
                stream: Box::new(tls),
                notice,
                first_bytes: Vec::new(),
            })
        }
        TlsMode::StartTls => {
            tls::starttls_plaintext(&mut tcp)
                .await
                .map_err(ConnectError::Tls)?;
            let mut tls = tls::handshake(tls_config()?, &target.host, tcp)
                .await
                .map_err(ConnectError::Tls)?;
            let notice = format!(
                "connected to {where_}, STARTTLS done, {} to {}",
                tls::describe_session(&tls),
                target.host
            );
            let first_bytes = tls::capability_after_tls(&mut tls)
                .await
                .map_err(ConnectError::Tls)?;
            Ok(Upstream {
                stream: Box::new(tls),
                notice,
                first_bytes,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_error_knows_its_close_code_and_says_why() {
        let timed_out = ConnectError::TimedOut {
            name: "dovecot".to_owned(),
            secs: 10,
        };
        assert_eq!(timed_out.close_code(), 1011);
        assert_eq!(
            timed_out.to_string(),
            "connecting to dovecot timed out after 10 s"
        );
        assert_eq!(ConnectError::ShuttingDown.close_code(), 1001);
        assert_eq!(
            ConnectError::ShuttingDown.to_string(),
            "the server is shutting down"
        );
        let refused = ConnectError::Address("10.0.0.1 is not allowed".to_owned());
        assert_eq!(refused.close_code(), 1008);
        assert_eq!(refused.to_string(), "10.0.0.1 is not allowed");
        let tcp = ConnectError::Tcp {
            name: "dovecot".to_owned(),
            addr: SocketAddr::from(([127, 0, 0, 1], 143)),
            source: std::io::Error::from(std::io::ErrorKind::ConnectionRefused),
        };
        assert_eq!(tcp.close_code(), 1011);
        assert!(
            tcp.to_string()
                .starts_with("cannot connect to dovecot (127.0.0.1:143): "),
            "{tcp}"
        );
        assert_eq!(ConnectError::Tls("bad".to_owned()).close_code(), 1011);
    }
}
