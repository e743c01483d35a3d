//! Trust on purpose: which server certificates the bridge accepts, and
//! what it says when it refuses one.
//!
//! [`TrustOnPurpose`] is a rustls [`ServerCertVerifier`] that asks
//! webpki first (the web roots plus `--ca-file`, host name, dates) and,
//! when webpki refuses, still accepts an operator's deliberate choice:
//!
//! - a certificate byte-identical to one in `--ca-file`, whatever its basic
//!   constraints (a lab's `openssl req -x509` certificate says `CA:TRUE`,
//!   which webpki refuses as an end entity), as long as it is valid for
//!   the host name. Its dates were already checked: webpki checks the
//!   end entity's validity period before its basic constraints and before
//!   looking for an issuer, so a refusal for being a CA or for an unknown
//!   issuer means the dates were fine (a unit test holds webpki to it);
//! - with a pin (`:pin=sha256/BASE64`), exactly the certificate whose DER
//!   has that SHA-256, and nothing else: no CA, name or date is asked,
//!   as with SSH's known hosts.
//!
//! Handshake signatures are always verified with the provider's default
//! algorithms. A refusal carries a [`Refusal`] (the reason, the
//! certificate's fingerprint, whether it is self-signed), which
//! [`describe`] turns into plain words with what to do.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, Error, OtherError, SignatureScheme};

/// A certificate pin: the SHA-256 of the server certificate's DER,
/// written `sha256/BASE64` (standard base64 with padding, as HPKP and
/// curl's `--pinnedpubkey` write hashes).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pin(pub [u8; 32]);

impl Pin {
    /// The pin of `der`.
    pub fn of(der: &[u8]) -> Pin {
        let digest = ring::digest::digest(&ring::digest::SHA256, der);
        let mut out = [0u8; 32];
        out.copy_from_slice(digest.as_ref());
        Pin(out)
    }
}

impl fmt::Display for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sha256/{}", imap_syntax::base64::encode(&self.0))
    }
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for Pin {
    type Err = String;
    fn from_str(s: &str) -> Result<Pin, String> {
        let b64 = s
            .strip_prefix("sha256/")
            .ok_or_else(|| format!("{s:?}: a pin is written sha256/BASE64"))?;
        let bytes = imap_syntax::base64::decode(b64)
            .map_err(|_| format!("{s:?}: the pin is not valid base64"))?;
        let hash: [u8; 32] = bytes
            .try_into()
            .map_err(|_| format!("{s:?}: a SHA-256 pin is 32 bytes (44 base64 characters)"))?;
        Ok(Pin(hash))
    }
}

/// Why a server certificate was refused, with what the words need.
#[derive(Debug)]
pub struct Refusal {
    /// webpki's verdict, or [`Reason::PinMismatch`].
    pub reason: Reason,
    /// The pin of the certificate the server presented.
    pub seen: Pin,
    /// Its issuer is its subject.
    pub self_signed: bool,
}

/// The reason inside a [`Refusal`].
#[derive(Debug)]
pub enum Reason {
    /// webpki refused it (and no operator's choice applied).
    WebPki(CertificateError),
    /// The target pins another certificate.
    PinMismatch {
        /// The target's pin.
        wanted: Pin,
    },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.reason {
            Reason::WebPki(e) => write!(f, "{e} (certificate {})", self.seen),
            Reason::PinMismatch { wanted } => {
                write!(f, "certificate {} is not the pinned {wanted}", self.seen)
            }
        }
    }
}

impl std::error::Error for Refusal {}

/// The bridge's verifier; see the module documentation.
#[derive(Debug)]
pub struct TrustOnPurpose {
    /// webpki over the web roots and `--ca-file`; unused with a pin.
    webpki: Option<Arc<WebPkiServerVerifier>>,
    /// The certificates of `--ca-file`, accepted as the server's own.
    exact: Vec<CertificateDer<'static>>,
    /// The target's pin, if any: then only that certificate is accepted.
    pin: Option<Pin>,
    /// Signature algorithms for the handshake: the provider's defaults.
    algorithms: WebPkiSupportedAlgorithms,
}

impl TrustOnPurpose {
    /// Trusts what `webpki` trusts, plus any certificate of `exact`
    /// presented as is (and valid for the name).
    pub fn new(
        webpki: Arc<WebPkiServerVerifier>,
        exact: Vec<CertificateDer<'static>>,
        algorithms: WebPkiSupportedAlgorithms,
    ) -> Self {
        TrustOnPurpose {
            webpki: Some(webpki),
            exact,
            pin: None,
            algorithms,
        }
    }

    /// Trusts exactly the certificate with this pin.
    pub fn pinned(pin: Pin, algorithms: WebPkiSupportedAlgorithms) -> Self {
        TrustOnPurpose {
            webpki: None,
            exact: Vec::new(),
            pin: Some(pin),
            algorithms,
        }
    }

    fn refuse(reason: Reason, end_entity: &CertificateDer<'_>) -> Error {
        let self_signed = webpki::EndEntityCert::try_from(end_entity)
            .map(|c| c.issuer() == c.subject())
            .unwrap_or(false);
        let refusal = Refusal {
            reason,
            seen: Pin::of(end_entity),
            self_signed,
        };
        Error::InvalidCertificate(CertificateError::Other(OtherError(Arc::new(refusal))))
    }
}

/// webpki refused `e` for a reason an operator's own certificate may
/// have: it is a CA (self-signed `CA:TRUE`), or its issuer is unknown.
fn operator_may_override(e: &CertificateError) -> bool {
    match e {
        CertificateError::UnknownIssuer => true,
        CertificateError::Other(OtherError(inner)) => matches!(
            inner.downcast_ref::<webpki::Error>(),
            Some(webpki::Error::CaUsedAsEndEntity)
        ),
        _ => false,
    }
}

impl ServerCertVerifier for TrustOnPurpose {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        if let Some(wanted) = self.pin {
            if Pin::of(end_entity) == wanted {
                return Ok(ServerCertVerified::assertion());
            }
            return Err(Self::refuse(Reason::PinMismatch { wanted }, end_entity));
        }
        let Some(webpki) = &self.webpki else {
            return Err(Error::General("no certificate can be trusted".to_owned()));
        };
        let e = match webpki.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        ) {
            Ok(verified) => return Ok(verified),
            Err(Error::InvalidCertificate(e)) => e,
            Err(other) => return Err(other),
        };
        let named = self.exact.iter().any(|c| c.as_ref() == end_entity.as_ref());
        if !(named && operator_may_override(&e)) {
            return Err(Self::refuse(Reason::WebPki(e), end_entity));
        }
        // The operator's own certificate: the host name is still checked.
        let parsed = rustls::server::ParsedCertificate::try_from(end_entity)?;
        match rustls::client::verify_server_name(&parsed, server_name) {
            Ok(()) => Ok(ServerCertVerified::assertion()),
            Err(Error::InvalidCertificate(e)) => Err(Self::refuse(Reason::WebPki(e), end_entity)),
            Err(other) => Err(other),
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// A date as `YYYY-MM-DD` (UTC).
pub fn date(t: UnixTime) -> String {
    let days = i64::try_from(t.as_secs() / 86_400).unwrap_or(i64::MAX / 2);
    let (year, month, day) = mailstore::civil::civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}")
}

/// A name as rustls presents it (`DnsName("mail.example.org")`,
/// `IpAddress(V4(...))`) as a person writes it.
fn plain_name(presented: &str) -> String {
    let mut s = presented;
    // Peel `Kind(...)` wrappers, then quotes.
    for _ in 0..4 {
        match (s.find('('), s.strip_suffix(')')) {
            (Some(open), Some(inner)) => s = inner.get(open.saturating_add(1)..).unwrap_or(s),
            _ => break,
        }
    }
    s.trim_matches('"').to_owned()
}

/// A refused certificate of `host` in plain words, with what to do, and
/// the pin that would accept it. Errors [`TrustOnPurpose`] did not wrap
/// in a [`Refusal`] are named as they are.
pub fn describe(host: &str, error: &CertificateError) -> String {
    let CertificateError::Other(OtherError(inner)) = error else {
        return format!("the certificate of {host} was refused: {error}");
    };
    let Some(refusal) = inner.downcast_ref::<Refusal>() else {
        return format!("the certificate of {host} was refused: {error}");
    };
    let seen = refusal.seen;
    let pin_it = format!("or pin it with :pin={seen}");
    match &refusal.reason {
        Reason::PinMismatch { wanted } => format!(
            "the certificate of {host} is not the pinned one: the target pins {wanted} but the server presented {seen}; if the server's certificate was replaced on purpose, pin the new one"
        ),
        Reason::WebPki(e) => match e {
            CertificateError::ExpiredContext { not_after, .. } => format!(
                "the certificate of {host} expired on {}: renew it on the server, {pin_it}",
                date(*not_after)
            ),
            CertificateError::Expired => {
                format!("the certificate of {host} has expired: renew it on the server, {pin_it}")
            }
            CertificateError::NotValidYetContext { not_before, .. } => format!(
                "the certificate of {host} is not valid before {}: check the clocks of both machines, {pin_it}",
                date(*not_before)
            ),
            CertificateError::NotValidYet => format!(
                "the certificate of {host} is not valid yet: check the clocks of both machines, {pin_it}"
            ),
            CertificateError::NotValidForNameContext { presented, .. } => {
                let names = if presented.is_empty() {
                    "no host name at all".to_owned()
                } else {
                    presented
                        .iter()
                        .map(|n| plain_name(n))
                        .collect::<Vec<_>>()
                        .join(" or ")
                };
                format!(
                    "the certificate of {host} is for {names}, not {host}: connect with a name it lists, or give the server a certificate for {host}"
                )
            }
            CertificateError::NotValidForName => format!(
                "the certificate of {host} is for another host name: connect with a name it lists, or give the server a certificate for {host}"
            ),
            e if refusal.self_signed && operator_may_override(e) => format!(
                "the certificate of {host} is self-signed: give it to --ca-file to trust it, {pin_it}"
            ),
            CertificateError::UnknownIssuer => format!(
                "the certificate of {host} is signed by an authority this server does not know: give that authority's certificate to --ca-file, {pin_it}"
            ),
            e if operator_may_override(e) => format!(
                "the certificate of {host} is a CA certificate, not a server's: give it to --ca-file to trust it as it is, {pin_it}"
            ),
            other => format!(
                "the certificate of {host} was refused ({other}): fix it on the server, {pin_it}"
            ),
        },
    }
}

#[cfg(test)]
#[path = "trust_tests.rs"]
mod tests;
