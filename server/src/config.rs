//! The server's configuration: command-line flags, an optional TOML file
//! with the same keys, and the defaults.
//!
//! Some settings are stored but not acted on yet; their docs say so. They
//! are parsed now so that scripts and docs can use the final flag names.

// The server is native: the wasm size rule of clippy.toml does not apply.
#![allow(clippy::disallowed_types)]

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use anyhow::{Context, bail};
use serde::Deserialize;

pub use crate::bridge::BridgeLimits;
pub use crate::bridge::trust::Pin;

/// Everything `imap-playground serve` needs. `Default` documents each choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Where the HTTP server listens. Default `127.0.0.1:8080`: loopback
    /// only, because the playground is a learning tool, not a public service,
    /// until someone decides otherwise with `--listen`.
    pub listen: SocketAddr,
    /// The page's files (index.html, main.js, ...), served at `/`, read
    /// from disk on every request. Default `None`: the copy embedded in the
    /// binary by `cargo xtask dist`, or, in a binary built without one,
    /// `web` relative to the working directory (see [`Config::web_root`]).
    pub web_dir: Option<PathBuf>,
    /// The wasm-bindgen package, served at `/pkg/`. Default `None`: the
    /// embedded copy, or `target/pkg` (where `cargo xtask serve --dev`
    /// writes it) in a binary built without one.
    pub pkg_dir: Option<PathBuf>,
    /// Where to serve the sandbox engine over plain TCP for real IMAP
    /// clients (the `imap_listener` module). Default `None` (off). Bind a
    /// loopback address unless the sandbox should be reachable from other
    /// machines.
    pub imap_listen: Option<SocketAddr>,
    /// Where to serve the sandbox engine over implicit TLS (port 993
    /// style). Default `None` (off). Needs `tls_cert` and `tls_key`.
    pub imap_tls_listen: Option<SocketAddr>,
    /// The IMAP listener's certificate chain (PEM, leaf first). With
    /// `tls_key` it turns on STARTTLS on `imap_listen`. Default `None`: no
    /// TLS, as a loopback-only sandbox needs none.
    pub tls_cert: Option<PathBuf>,
    /// The private key (PEM) of `tls_cert`. Default `None`.
    pub tls_key: Option<PathBuf>,
    /// With TLS configured, still allow LOGIN and AUTHENTICATE before
    /// STARTTLS on `imap_listen`. Default `false`: a classroom password
    /// must not cross the LAN in clear when it need not (RFC 3501 §6.2.3
    /// LOGINDISABLED, as Dovecot's `disable_plaintext_auth`). Without TLS
    /// configured login is always allowed.
    pub allow_plaintext_login: bool,
    /// Most IMAP connections at once; one more is told `* BYE` and closed.
    /// Default 500.
    pub imap_max_connections: usize,
    /// IMAP sessions idle this long are logged out. Default 30 minutes,
    /// the least RFC 3501 §5.4 allows.
    pub autologout: Duration,
    /// Classroom mode for the IMAP listener: any user name logs in with
    /// this password and gets a private copy of the demo mailboxes.
    /// Default `None` (only the demo accounts).
    pub classroom: Option<String>,
    /// Classroom mode: the most accounts the store may hold; the next new
    /// name gets `NO`. Default 200.
    pub classroom_max_accounts: usize,
    /// The bridge's allow-list: the only servers `/bridge?target=NAME` may
    /// reach. Default empty, which the bridge reads as its default list
    /// (`localhost=127.0.0.1:143:starttls`); `sandbox` is added whenever
    /// `imap_listen` is set (see `bridge::targets`).
    pub targets: Vec<Target>,
    /// Origins, besides the server's own, allowed to open the bridge.
    /// Default empty: same origin only.
    pub allow_origins: Vec<String>,
    /// Extra CA certificates (PEM) for TLS targets. Default `None`: the
    /// built-in web roots (webpki-roots) only.
    pub ca_file: Option<PathBuf>,
    /// Caps and timeouts of the bridge; see [`BridgeLimits`]' defaults.
    pub bridge: BridgeLimits,
    /// Reverse proxies whose `X-Forwarded-For` names the real client, for
    /// the per-IP limits and the logs. Default empty: the peer address is
    /// the client, and the header is ignored, since anyone can send it.
    pub trust_proxies: Vec<std::net::IpAddr>,
}

/// Where the page's files come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Root {
    /// Read from this folder on each request (edits show on reload).
    Dir(PathBuf),
    /// The copy built into the binary (`cargo xtask dist`).
    Embedded,
}

impl Config {
    /// Where the page is served from: `--web-dir`, else the embedded copy,
    /// else `web`.
    pub fn web_root(&self) -> Root {
        Self::root(&self.web_dir, "web")
    }

    /// Where the wasm package is served from: `--pkg-dir`, else the
    /// embedded copy, else `target/pkg`.
    pub fn pkg_root(&self) -> Root {
        Self::root(&self.pkg_dir, "target/pkg")
    }

    fn root(dir: &Option<PathBuf>, fallback: &str) -> Root {
        match dir {
            Some(d) => Root::Dir(d.clone()),
            None if crate::assets::embedded() => Root::Embedded,
            None => Root::Dir(PathBuf::from(fallback)),
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            web_dir: None,
            pkg_dir: None,
            imap_listen: None,
            imap_tls_listen: None,
            tls_cert: None,
            tls_key: None,
            allow_plaintext_login: false,
            imap_max_connections: 500,
            autologout: Duration::from_secs(30 * 60),
            classroom: None,
            classroom_max_accounts: 200,
            targets: Vec::new(),
            allow_origins: Vec::new(),
            ca_file: None,
            bridge: BridgeLimits::default(),
            trust_proxies: Vec::new(),
        }
    }
}

/// How the bridge talks to a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TlsMode {
    /// Plain TCP (the default, as on port 143).
    #[default]
    Plain,
    /// Plain TCP, then the bridge runs STARTTLS before handing over.
    StartTls,
    /// TLS from the first byte (port 993).
    Tls,
}

/// A named server the bridge may connect to: `NAME=HOST:PORT[:MODE]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The name the page uses in `/bridge?target=NAME`.
    pub name: String,
    /// Host name or IP address (IPv6 written in brackets on the command line).
    pub host: String,
    /// TCP port.
    pub port: u16,
    /// Plain, STARTTLS or implicit TLS.
    pub mode: TlsMode,
    /// The operator allows a host *name* that resolves to a loopback,
    /// private or link-local address (`:allow-private`). Literal IP
    /// addresses and `localhost` need no opt-in.
    pub allow_private: bool,
    /// Accept exactly the server certificate with this SHA-256
    /// (`:pin=sha256/BASE64`, or the `[pin]` table of the config file),
    /// whoever signed it, and no other. Only for `starttls` and `tls`.
    pub pin: Option<Pin>,
}

impl FromStr for TlsMode {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> anyhow::Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "plain" => Ok(TlsMode::Plain),
            "starttls" => Ok(TlsMode::StartTls),
            "tls" => Ok(TlsMode::Tls),
            other => bail!("unknown mode {other:?}: use plain, starttls or tls"),
        }
    }
}

impl fmt::Display for TlsMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TlsMode::Plain => "plain",
            TlsMode::StartTls => "starttls",
            TlsMode::Tls => "tls",
        })
    }
}

impl FromStr for Target {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> anyhow::Result<Self> {
        let usage = "expected NAME=HOST:PORT[:plain|starttls|tls][:allow-private][:pin=sha256/BASE64], such as local=127.0.0.1:143:starttls";
        let (name, rest) = s
            .split_once('=')
            .with_context(|| format!("{s:?}: {usage}"))?;
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
        {
            bail!("{s:?}: the name must be letters, digits, '-', '_' or '.'");
        }
        let (host, after_host) = if let Some(v6) = rest.strip_prefix('[') {
            let (host, after) = v6
                .split_once(']')
                .with_context(|| format!("{s:?}: unclosed '[' in the host"))?;
            let after = after
                .strip_prefix(':')
                .with_context(|| format!("{s:?}: {usage}"))?;
            (host, after)
        } else {
            rest.split_once(':')
                .with_context(|| format!("{s:?}: {usage}"))?
        };
        if host.is_empty() {
            bail!("{s:?}: the host is empty");
        }
        let mut parts = after_host.split(':');
        let port = parts.next().unwrap_or_default();
        let (mut mode, mut allow_private, mut pin) = (TlsMode::default(), false, None);
        for (i, part) in parts.enumerate() {
            if part.eq_ignore_ascii_case("allow-private") {
                allow_private = true;
            } else if let Some(p) = part.strip_prefix("pin=") {
                pin = Some(
                    p.parse::<Pin>()
                        .map_err(|e| anyhow::anyhow!("{s:?}: {e}"))?,
                );
            } else if i == 0 {
                mode = part.parse()?;
            } else {
                bail!("{s:?}: {usage}");
            }
        }
        let port: u16 = port
            .parse()
            .with_context(|| format!("{s:?}: {port:?} is not a port number"))?;
        if port == 0 {
            bail!("{s:?}: port 0 cannot be connected to");
        }
        if pin.is_some() && mode == TlsMode::Plain {
            bail!("{s:?}: a pin needs TLS: add :starttls or :tls before :pin=");
        }
        Ok(Target {
            name: name.to_owned(),
            host: host.to_owned(),
            port,
            mode,
            allow_private,
            pin,
        })
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.host.contains(':') {
            write!(
                f,
                "{}=[{}]:{}:{}",
                self.name, self.host, self.port, self.mode
            )?;
        } else {
            write!(f, "{}={}:{}:{}", self.name, self.host, self.port, self.mode)?;
        }
        if self.allow_private {
            f.write_str(":allow-private")?;
        }
        if let Some(pin) = &self.pin {
            write!(f, ":pin={pin}")?;
        }
        Ok(())
    }
}

/// The TOML file of `--config`: the same keys as the flags, all optional.
///
/// ```toml
/// listen = "127.0.0.1:8080"
/// web-dir = "web"
/// pkg-dir = "target/pkg"
/// imap-listen = "127.0.0.1:1143"
/// imap-tls-listen = "127.0.0.1:1993"
/// tls-cert = "cert.pem"
/// tls-key = "key.pem"
/// allow-plaintext-login = false
/// max-connections = 500
/// autologout = 1800
/// classroom = "letmein"
/// max-accounts = 200
/// target = ["local=127.0.0.1:143:starttls"]
/// allow-origin = ["https://tutorial.example"]
/// ca-file = "ca.pem"
/// trust-proxy = ["127.0.0.1"]
///
/// [pin]
/// local = "sha256/BASE64"
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FileConfig {
    /// See [`Config::listen`].
    pub listen: Option<SocketAddr>,
    /// See [`Config::web_dir`].
    pub web_dir: Option<PathBuf>,
    /// See [`Config::pkg_dir`].
    pub pkg_dir: Option<PathBuf>,
    /// See [`Config::imap_listen`].
    pub imap_listen: Option<SocketAddr>,
    /// See [`Config::imap_tls_listen`].
    pub imap_tls_listen: Option<SocketAddr>,
    /// See [`Config::tls_cert`].
    pub tls_cert: Option<PathBuf>,
    /// See [`Config::tls_key`].
    pub tls_key: Option<PathBuf>,
    /// See [`Config::allow_plaintext_login`].
    pub allow_plaintext_login: Option<bool>,
    /// See [`Config::imap_max_connections`].
    pub max_connections: Option<usize>,
    /// See [`Config::autologout`], in seconds.
    pub autologout: Option<u64>,
    /// See [`Config::classroom`].
    pub classroom: Option<String>,
    /// See [`Config::classroom_max_accounts`].
    pub max_accounts: Option<usize>,
    /// See [`Config::targets`], each as `NAME=HOST:PORT[:MODE]`.
    #[serde(default)]
    pub target: Vec<String>,
    /// See [`Config::allow_origins`].
    #[serde(default)]
    pub allow_origin: Vec<String>,
    /// See [`Config::ca_file`].
    pub ca_file: Option<PathBuf>,
    /// See [`Config::bridge`]: a `[bridge]` table.
    pub bridge: Option<BridgeLimits>,
    /// See [`Config::trust_proxies`].
    #[serde(default)]
    pub trust_proxy: Vec<std::net::IpAddr>,
    /// [`Target::pin`] by target name: a `[pin]` table of
    /// `NAME = "sha256/BASE64"`, for targets listed in `target`.
    #[serde(default)]
    pub pin: std::collections::BTreeMap<String, String>,
}

impl FileConfig {
    /// Reads and parses a TOML file.
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        Self::parse(&text).with_context(|| format!("in {}", path.display()))
    }

    /// Parses TOML text.
    pub fn parse(text: &str) -> anyhow::Result<Self> {
        Ok(toml::from_str(text)?)
    }

    /// Applies the file's settings on top of `config`; list settings are added.
    pub fn apply(self, config: &mut Config) -> anyhow::Result<()> {
        if let Some(v) = self.listen {
            config.listen = v;
        }
        if let Some(v) = self.web_dir {
            config.web_dir = Some(v);
        }
        if let Some(v) = self.pkg_dir {
            config.pkg_dir = Some(v);
        }
        if let Some(v) = self.imap_listen {
            config.imap_listen = Some(v);
        }
        if let Some(v) = self.imap_tls_listen {
            config.imap_tls_listen = Some(v);
        }
        if let Some(v) = self.tls_cert {
            config.tls_cert = Some(v);
        }
        if let Some(v) = self.tls_key {
            config.tls_key = Some(v);
        }
        if let Some(v) = self.allow_plaintext_login {
            config.allow_plaintext_login = v;
        }
        if let Some(v) = self.max_connections {
            config.imap_max_connections = v;
        }
        if let Some(v) = self.autologout {
            config.autologout = Duration::from_secs(v);
        }
        if let Some(v) = self.classroom {
            config.classroom = Some(v);
        }
        if let Some(v) = self.max_accounts {
            config.classroom_max_accounts = v;
        }
        for t in self.target {
            config.targets.push(t.parse()?);
        }
        for (name, pin) in self.pin {
            let pin: Pin = pin
                .parse()
                .map_err(|e| anyhow::anyhow!("[pin] {name}: {e}"))?;
            let Some(target) = config.targets.iter_mut().find(|t| t.name == name) else {
                bail!("[pin] {name}: no target has that name");
            };
            if target.mode == TlsMode::Plain {
                bail!("[pin] {name}: a pin needs a starttls or tls target");
            }
            target.pin = Some(pin);
        }
        config.allow_origins.extend(self.allow_origin);
        config.trust_proxies.extend(self.trust_proxy);
        if let Some(v) = self.ca_file {
            config.ca_file = Some(v);
        }
        if let Some(v) = self.bridge {
            config.bridge = v;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse_with_and_without_mode() {
        let t: Target = "local=127.0.0.1:143".parse().expect("valid");
        assert_eq!(
            (t.name.as_str(), t.host.as_str(), t.port, t.mode),
            ("local", "127.0.0.1", 143, TlsMode::Plain)
        );
        let t: Target = "gmail=imap.gmail.com:993:TLS".parse().expect("valid");
        assert_eq!(
            (t.host.as_str(), t.port, t.mode),
            ("imap.gmail.com", 993, TlsMode::Tls)
        );
        let t: Target = "v6=[::1]:143:starttls".parse().expect("valid");
        assert_eq!((t.host.as_str(), t.mode), ("::1", TlsMode::StartTls));
        assert_eq!(t.to_string(), "v6=[::1]:143:starttls");
        assert!(!t.allow_private);
        let t: Target = "in=mail.lan:143:tls:allow-private".parse().expect("valid");
        assert!(t.allow_private && t.mode == TlsMode::Tls);
        assert_eq!(t.to_string(), "in=mail.lan:143:tls:allow-private");
        let t: Target = "in=mail.lan:143:allow-private".parse().expect("valid");
        assert!(t.allow_private && t.mode == TlsMode::Plain);
    }

    #[test]
    fn pins_parse_print_and_come_from_the_file() {
        let pin = "sha256/47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
        let t: Target = format!("lab=localhost:993:tls:pin={pin}")
            .parse()
            .expect("valid");
        assert_eq!(t.pin.map(|p| p.to_string()).as_deref(), Some(pin));
        assert_eq!(t.to_string(), format!("lab=localhost:993:tls:pin={pin}"));
        assert_eq!(t.to_string().parse::<Target>().expect("round trip"), t);
        for bad in [
            format!("lab=localhost:143:plain:pin={pin}"),
            "lab=localhost:993:tls:pin=sha1/AAAA".to_owned(),
            "lab=localhost:993:tls:pin=sha256/AAAA".to_owned(),
            "lab=localhost:993:tls:pin=sha256/!!!".to_owned(),
        ] {
            assert!(bad.parse::<Target>().is_err(), "{bad} should be refused");
        }
        let file = FileConfig::parse(&format!(
            "target = [\"lab=localhost:143:starttls\"]\n[pin]\nlab = \"{pin}\"\n"
        ))
        .expect("valid");
        let mut config = Config::default();
        file.apply(&mut config).expect("valid");
        assert_eq!(
            config.targets[0].pin.map(|p| p.to_string()).as_deref(),
            Some(pin)
        );
        let file = FileConfig::parse(&format!("[pin]\nnone = \"{pin}\"\n")).expect("valid");
        assert!(
            file.apply(&mut Config::default()).is_err(),
            "no such target"
        );
    }

    #[test]
    fn bad_targets_say_why() {
        for bad in [
            "local",
            "=h:1",
            "x=h",
            "x=h:port",
            "x=h:0",
            "x=h:143:ssl",
            "x=h:143:tls:tls",
            "x=[::1:143",
            "x=:143",
            "a b=h:1",
        ] {
            assert!(bad.parse::<Target>().is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn imap_listener_keys_are_read() {
        let file = FileConfig::parse(
            "imap-listen = \"127.0.0.1:1143\"\nmax-connections = 9\nautologout = 120\nclassroom = \"pw\"\nmax-accounts = 5\n",
        )
        .expect("valid");
        let mut config = Config::default();
        file.apply(&mut config).expect("valid");
        assert_eq!(config.imap_listen.map(|a| a.port()), Some(1143));
        assert_eq!(config.imap_max_connections, 9);
        assert_eq!(config.autologout, Duration::from_secs(120));
        assert_eq!(config.classroom.as_deref(), Some("pw"));
        assert_eq!(config.classroom_max_accounts, 5);
        let file = FileConfig::parse(
            "imap-tls-listen = \"127.0.0.1:1993\"\ntls-cert = \"c.pem\"\ntls-key = \"k.pem\"\nallow-plaintext-login = true\n",
        )
        .expect("valid");
        file.apply(&mut config).expect("valid");
        assert_eq!(config.imap_tls_listen.map(|a| a.port()), Some(1993));
        assert_eq!(config.tls_cert, Some(PathBuf::from("c.pem")));
        assert_eq!(config.tls_key, Some(PathBuf::from("k.pem")));
        assert!(config.allow_plaintext_login);
        let defaults = Config::default();
        assert!(!defaults.allow_plaintext_login, "refused once TLS is on");
        assert_eq!(defaults.imap_listen, None, "off unless asked");
        assert_eq!(defaults.autologout, Duration::from_secs(30 * 60));
    }

    #[test]
    fn file_keys_match_the_flags() {
        let file = FileConfig::parse(
            "listen = \"127.0.0.1:9000\"\nweb-dir = \"w\"\ntarget = [\"a=h:143\"]\nallow-origin = [\"https://x.example\"]\n",
        )
        .expect("valid");
        let mut config = Config::default();
        file.apply(&mut config).expect("valid");
        assert_eq!(config.listen, SocketAddr::from(([127, 0, 0, 1], 9000)));
        assert_eq!(config.web_dir, Some(PathBuf::from("w")));
        assert_eq!(config.pkg_dir, None);
        assert_eq!(config.targets.len(), 1);
        assert_eq!(config.allow_origins, vec!["https://x.example".to_owned()]);
        assert!(
            FileConfig::parse("listne = \"x\"").is_err(),
            "typos are errors"
        );
    }
}
