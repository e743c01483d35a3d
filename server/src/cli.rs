//! Command-line flags of `imap-playground`.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::config::{Config, FileConfig, Target};

/// The IMAP playground server.
#[derive(Debug, Parser)]
#[command(name = "imap-playground", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the playground page and its wasm package over HTTP.
    Serve(ServeArgs),
}

/// Flags of `serve`. Flags override `--config`; repeatable flags add to it.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ServeArgs {
    /// Address for the web page and API [default: 127.0.0.1:8080]. Use port 0
    /// for any free port; the bound address is printed as
    /// `listening on http://ADDR`.
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<SocketAddr>,
    /// Serve the page from this directory, read on every request, instead
    /// of the copy built into the binary [default: the built-in copy; in a
    /// binary built without one, `web`].
    #[arg(long, value_name = "DIR")]
    pub web_dir: Option<PathBuf>,
    /// Serve the wasm-bindgen package at /pkg/ from this directory [default:
    /// the built-in copy; in a binary built without one, `target/pkg`, written
    /// by `cargo xtask serve --dev`].
    #[arg(long, value_name = "DIR")]
    pub pkg_dir: Option<PathBuf>,
    /// Also serve the sandbox engine over plain TCP here, for real IMAP
    /// clients [default: off]. Use port 0 for any free port; the bound
    /// address is printed as `imap listening on ADDR`.
    #[arg(long, value_name = "ADDR")]
    pub imap_listen: Option<SocketAddr>,
    /// Also serve the sandbox engine over implicit TLS here (port 993
    /// style) [default: off]. Needs --tls-cert and --tls-key; printed as
    /// `imaps listening on ADDR`.
    #[arg(long, value_name = "ADDR")]
    pub imap_tls_listen: Option<SocketAddr>,
    /// IMAP: certificate chain (PEM, leaf first) for TLS; with --tls-key,
    /// --imap-listen offers STARTTLS and refuses LOGIN before it
    /// [default: no TLS].
    #[arg(long, value_name = "PEM")]
    pub tls_cert: Option<PathBuf>,
    /// IMAP: the private key (PEM) of --tls-cert.
    #[arg(long, value_name = "PEM")]
    pub tls_key: Option<PathBuf>,
    /// IMAP: with TLS configured, still allow LOGIN and AUTHENTICATE before
    /// STARTTLS [default: refused with NO [PRIVACYREQUIRED], and
    /// CAPABILITY shows LOGINDISABLED].
    #[arg(long)]
    pub allow_plaintext_login: bool,
    /// IMAP: most connections at once; one more gets `* BYE` [default: 500].
    #[arg(long, value_name = "N")]
    pub max_connections: Option<usize>,
    /// IMAP: log out sessions idle this many seconds [default: 1800, the
    /// 30 minutes of RFC 3501].
    #[arg(long, value_name = "SECONDS")]
    pub autologout: Option<u64>,
    /// IMAP classroom mode: any user name logs in with PASSWORD and gets a
    /// private copy of the demo mailboxes [default: off].
    #[arg(long, value_name = "PASSWORD")]
    pub classroom: Option<String>,
    /// IMAP classroom mode: the most accounts; the next new name gets NO
    /// [default: 200].
    #[arg(long, value_name = "N")]
    pub max_accounts: Option<usize>,
    /// A server the WebSocket bridge may reach, as
    /// NAME=HOST:PORT[:plain|starttls|tls][:allow-private][:pin=sha256/BASE64];
    /// repeatable. A pin accepts exactly the server certificate with that
    /// SHA-256 (of its DER), whoever signed it. This
    /// is the bridge's allow-list [default: localhost=127.0.0.1:143:starttls,
    /// plus sandbox when --imap-listen is on]. A host *name* resolving to a
    /// loopback, private or link-local address is refused unless
    /// :allow-private is given.
    #[arg(long = "target", value_name = "NAME=HOST:PORT[:MODE]")]
    pub targets: Vec<Target>,
    /// An extra origin allowed to open the bridge; repeatable [default: same
    /// origin only].
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    pub allow_origins: Vec<String>,
    /// PEM file of CA certificates trusted for TLS targets, besides the
    /// built-in web roots. A server presenting one of these certificates
    /// itself is accepted too (a lab's self-signed certificate), if it is
    /// valid for the target's host name.
    #[arg(long, value_name = "PEM")]
    pub ca_file: Option<PathBuf>,
    /// A reverse proxy (its IP address) whose `X-Forwarded-For` header names
    /// the real client, for the bridge's per-IP limit and the logs;
    /// repeatable [default: none: the header is ignored, since any client
    /// can send it].
    #[arg(long = "trust-proxy", value_name = "ADDR")]
    pub trust_proxies: Vec<std::net::IpAddr>,
    /// TOML file with the same keys as these flags (listen, web-dir,
    /// pkg-dir, imap-listen, imap-tls-listen, tls-cert, tls-key,
    /// allow-plaintext-login, max-connections, autologout, classroom,
    /// max-accounts, target, allow-origin, ca-file, trust-proxy) and a `[bridge]` table of
    /// limits (see `BridgeLimits`).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

impl ServeArgs {
    /// Defaults, then the `--config` file, then the flags. The flags are
    /// applied as one more file layer, so each key has one place that
    /// knows how it changes the configuration.
    pub fn into_config(self) -> anyhow::Result<Config> {
        let mut config = Config::default();
        if let Some(path) = &self.config {
            FileConfig::load(path)?.apply(&mut config)?;
        }
        FileConfig {
            listen: self.listen,
            web_dir: self.web_dir,
            pkg_dir: self.pkg_dir,
            imap_listen: self.imap_listen,
            imap_tls_listen: self.imap_tls_listen,
            tls_cert: self.tls_cert,
            tls_key: self.tls_key,
            allow_plaintext_login: self.allow_plaintext_login.then_some(true),
            max_connections: self.max_connections,
            autologout: self.autologout,
            classroom: self.classroom,
            max_accounts: self.max_accounts,
            target: self.targets.iter().map(ToString::to_string).collect(),
            allow_origin: self.allow_origins,
            ca_file: self.ca_file,
            bridge: None,
            trust_proxy: self.trust_proxies,
            pin: Default::default(),
        }
        .apply(&mut config)?;
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Config, String> {
        let cli = Cli::try_parse_from(args).map_err(|e| e.to_string())?;
        let Command::Serve(serve) = cli.command;
        serve.into_config().map_err(|e| e.to_string())
    }

    #[test]
    fn defaults_without_flags() {
        assert_eq!(parse(&["imap-playground", "serve"]), Ok(Config::default()));
    }

    #[test]
    fn every_flag_is_stored() {
        let c = parse(&[
            "imap-playground",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--web-dir",
            "w",
            "--pkg-dir",
            "p",
            "--imap-listen",
            "127.0.0.1:1143",
            "--target",
            "a=h:143",
            "--target",
            "b=h:993:tls",
            "--allow-origin",
            "https://x.example",
            "--ca-file",
            "ca.pem",
            "--max-connections",
            "7",
            "--autologout",
            "60",
            "--classroom",
            "pw",
            "--max-accounts",
            "3",
            "--trust-proxy",
            "127.0.0.2",
            "--imap-tls-listen",
            "127.0.0.1:1993",
            "--tls-cert",
            "c.pem",
            "--tls-key",
            "k.pem",
            "--allow-plaintext-login",
        ])
        .expect("valid flags");
        assert_eq!(c.listen.port(), 0);
        assert_eq!(c.web_dir, Some(PathBuf::from("w")));
        assert_eq!(c.pkg_dir, Some(PathBuf::from("p")));
        assert_eq!(c.trust_proxies, [std::net::IpAddr::from([127, 0, 0, 2])]);
        assert_eq!(c.imap_listen.map(|a| a.port()), Some(1143));
        assert_eq!(
            c.targets
                .iter()
                .map(|t| t.name.as_str())
                .collect::<Vec<_>>(),
            ["a", "b"]
        );
        assert_eq!(c.allow_origins, ["https://x.example"]);
        assert_eq!(c.ca_file, Some(PathBuf::from("ca.pem")));
        assert_eq!(c.imap_max_connections, 7);
        assert_eq!(c.autologout.as_secs(), 60);
        assert_eq!(c.classroom.as_deref(), Some("pw"));
        assert_eq!(c.classroom_max_accounts, 3);
        assert_eq!(c.imap_tls_listen.map(|a| a.port()), Some(1993));
        assert_eq!(c.tls_cert, Some(PathBuf::from("c.pem")));
        assert_eq!(c.tls_key, Some(PathBuf::from("k.pem")));
        assert!(c.allow_plaintext_login);
    }

    #[test]
    fn bad_values_are_refused() {
        assert!(parse(&["imap-playground", "serve", "--target", "nonsense"]).is_err());
        assert!(parse(&["imap-playground", "serve", "--listen", "localhost"]).is_err());
        assert!(
            parse(&[
                "imap-playground",
                "serve",
                "--config",
                "/nonexistent/x.toml"
            ])
            .is_err()
        );
    }
}
