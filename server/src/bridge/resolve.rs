//! Where a target really is: the host name is resolved once per session,
//! the address is checked against the operator's intent, and that checked
//! address is the one connected to (no second lookup, so no DNS
//! rebinding between the check and the connect).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use crate::config::Target;

/// What kind of network an address belongs to, as far as the bridge cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddrClass {
    /// An address on the internet.
    Public,
    /// 127.0.0.0/8, ::1.
    Loopback,
    /// RFC 1918, 100.64.0.0/10 (carrier-grade NAT), fc00::/7.
    Private,
    /// 169.254.0.0/16, fe80::/10.
    LinkLocal,
    /// The cloud instance-metadata service: 169.254.169.254, fd00:ec2::254.
    Metadata,
    /// Unspecified, multicast, broadcast or documentation: never useful.
    Unusable,
}

impl AddrClass {
    /// Words for the refusal message.
    pub fn describe(self) -> &'static str {
        match self {
            AddrClass::Public => "a public address",
            AddrClass::Loopback => "a loopback address",
            AddrClass::Private => "a private address",
            AddrClass::LinkLocal => "a link-local address",
            AddrClass::Metadata => "the cloud metadata address",
            AddrClass::Unusable => "an address that cannot be a server",
        }
    }
}

/// Classifies `ip` (an IPv4-mapped IPv6 address as its IPv4 address).
pub fn classify(ip: IpAddr) -> AddrClass {
    match ip {
        IpAddr::V4(v4) => classify_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => classify_v4(v4),
            None => classify_v6(v6),
        },
    }
}

fn classify_v4(ip: Ipv4Addr) -> AddrClass {
    let [a, b, ..] = ip.octets();
    if ip == Ipv4Addr::new(169, 254, 169, 254) {
        AddrClass::Metadata
    } else if ip.is_loopback() {
        AddrClass::Loopback
    } else if ip.is_private() || (a == 100 && (64..128).contains(&b)) {
        AddrClass::Private
    } else if ip.is_link_local() {
        AddrClass::LinkLocal
    } else if ip.is_unspecified()
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip.is_documentation()
        || a == 0
        || a >= 240
    {
        AddrClass::Unusable
    } else {
        AddrClass::Public
    }
}

fn classify_v6(ip: Ipv6Addr) -> AddrClass {
    let seg = ip.segments();
    if ip == Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254) {
        AddrClass::Metadata
    } else if ip.is_loopback() {
        AddrClass::Loopback
    } else if seg[0] & 0xfe00 == 0xfc00 {
        AddrClass::Private
    } else if seg[0] & 0xffc0 == 0xfe80 {
        AddrClass::LinkLocal
    } else if ip.is_unspecified() || ip.is_multicast() || (seg[0] == 0x2001 && seg[1] == 0xdb8) {
        AddrClass::Unusable
    } else {
        AddrClass::Public
    }
}

/// Whether the operator's configuration allows the bridge to connect to an
/// address of class `class` for `target`.
///
/// A literal IP address or `localhost` in the configuration is the
/// operator's own choice, and so is `:allow-private`; a host *name* that
/// resolves into a non-public network is refused otherwise, because DNS is
/// not the operator's to control.
pub fn allowed(target: &Target, class: AddrClass) -> bool {
    let literal = target.host.parse::<IpAddr>().is_ok();
    let localhost = target.host.eq_ignore_ascii_case("localhost");
    match class {
        AddrClass::Public => true,
        AddrClass::Unusable => false,
        AddrClass::Metadata => literal,
        AddrClass::Loopback => literal || localhost || target.allow_private,
        AddrClass::Private | AddrClass::LinkLocal => literal || target.allow_private,
    }
}

/// Resolves `target` once and returns the first allowed address, or a
/// sentence saying why there is none.
pub async fn resolve(target: &Target) -> Result<SocketAddr, String> {
    let addrs: Vec<SocketAddr> = match target.host.parse::<IpAddr>() {
        Ok(ip) => vec![SocketAddr::new(ip, target.port)],
        Err(_) => tokio::net::lookup_host((target.host.as_str(), target.port))
            .await
            .map_err(|e| format!("cannot resolve {}: {e}", target.host))?
            .collect(),
    };
    let mut refused = None;
    for addr in &addrs {
        let class = classify(addr.ip());
        if allowed(target, class) {
            return Ok(*addr);
        }
        refused.get_or_insert((addr.ip(), class));
    }
    match refused {
        Some((ip, class)) => Err(format!(
            "{} resolves to {ip}, {}; the operator did not allow that for target {:?} \
             (a literal IP address or :allow-private in --target does)",
            target.host,
            class.describe(),
            target.name
        )),
        None => Err(format!("{} has no address", target.host)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    #[test]
    fn classes() {
        for (s, c) in [
            ("8.8.8.8", AddrClass::Public),
            ("2a00:1450::1", AddrClass::Public),
            ("127.0.0.1", AddrClass::Loopback),
            ("127.9.9.9", AddrClass::Loopback),
            ("::1", AddrClass::Loopback),
            ("::ffff:127.0.0.1", AddrClass::Loopback),
            ("10.1.2.3", AddrClass::Private),
            ("172.16.0.1", AddrClass::Private),
            ("192.168.1.1", AddrClass::Private),
            ("100.64.0.1", AddrClass::Private),
            ("fd12::1", AddrClass::Private),
            ("169.254.1.1", AddrClass::LinkLocal),
            ("fe80::1", AddrClass::LinkLocal),
            ("169.254.169.254", AddrClass::Metadata),
            ("::ffff:169.254.169.254", AddrClass::Metadata),
            ("fd00:ec2::254", AddrClass::Metadata),
            ("0.0.0.0", AddrClass::Unusable),
            ("::", AddrClass::Unusable),
            ("224.0.0.1", AddrClass::Unusable),
            ("255.255.255.255", AddrClass::Unusable),
        ] {
            assert_eq!(classify(ip(s)), c, "{s}");
        }
    }

    #[test]
    fn operator_intent() {
        let name: Target = "x=mail.example:143".parse().expect("valid");
        let literal: Target = "x=10.0.0.5:143".parse().expect("valid");
        let local: Target = "x=localhost:143".parse().expect("valid");
        let opted: Target = "x=mail.internal:143:plain:allow-private"
            .parse()
            .expect("valid");
        assert!(allowed(&name, AddrClass::Public));
        for c in [
            AddrClass::Loopback,
            AddrClass::Private,
            AddrClass::LinkLocal,
            AddrClass::Metadata,
            AddrClass::Unusable,
        ] {
            assert!(!allowed(&name, c), "{c:?}");
        }
        assert!(allowed(&literal, AddrClass::Private));
        assert!(allowed(&local, AddrClass::Loopback));
        assert!(!allowed(&local, AddrClass::Private));
        assert!(allowed(&opted, AddrClass::Private));
        assert!(allowed(&opted, AddrClass::Loopback));
        assert!(!allowed(&opted, AddrClass::Metadata));
    }

    #[tokio::test]
    async fn a_name_for_loopback_is_refused_and_the_literal_is_not() {
        // /etc/hosts maps `localhost` to 127.0.0.1 everywhere; the bridge
        // lets the word `localhost` through but any other name for it not.
        let literal: Target = "x=127.0.0.1:143".parse().expect("valid");
        assert_eq!(
            resolve(&literal).await,
            Ok(SocketAddr::from(([127, 0, 0, 1], 143)))
        );
        let local: Target = "x=localhost:143".parse().expect("valid");
        assert!(resolve(&local).await.is_ok_and(|a| a.ip().is_loopback()));
    }
}
