//! Who the client is when a reverse proxy stands in front (`--trust-proxy`).
//!
//! Behind nginx every connection comes from nginx's address, so a class of
//! 30 would share one per-IP slot count. A proxy the operator names appends
//! the address it received the request from to `X-Forwarded-For`; reading
//! that list from the right, past the trusted proxies, gives the client.
//! From any other peer the header is ignored: anyone can write it.

use std::net::IpAddr;

use axum::http::HeaderMap;

/// The client's address: `peer`, unless `peer` is a trusted proxy and
/// `X-Forwarded-For` names someone further out.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let hops: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|hop| hop.trim().parse::<IpAddr>())
        .collect::<Result<_, _>>()
        // A list with a hop that is not an address is not to be believed.
        .unwrap_or_default();
    hops.iter()
        .rev()
        .find(|hop| !trusted.contains(hop))
        .or(hops.first())
        .copied()
        .unwrap_or(peer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn xff(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", HeaderValue::from_str(v).expect("header"));
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("address")
    }

    #[test]
    fn only_a_trusted_peer_is_believed() {
        let proxy = ip("127.0.0.1");
        let h = xff(&["203.0.113.7"]);
        assert_eq!(client_ip(proxy, &h, &[]), proxy, "no proxy trusted");
        assert_eq!(client_ip(proxy, &h, &[proxy]), ip("203.0.113.7"));
        let stranger = ip("198.51.100.1");
        assert_eq!(client_ip(stranger, &h, &[proxy]), stranger);
    }

    #[test]
    fn the_rightmost_untrusted_hop_is_the_client() {
        let proxy = ip("127.0.0.1");
        let inner = ip("10.0.0.2");
        // A client that forged the first entry cannot choose its address.
        let h = xff(&["192.0.2.66, 203.0.113.7", "10.0.0.2"]);
        assert_eq!(client_ip(proxy, &h, &[proxy, inner]), ip("203.0.113.7"));
        assert_eq!(client_ip(proxy, &xff(&[]), &[proxy]), proxy);
        assert_eq!(
            client_ip(proxy, &xff(&["junk, 203.0.113.7"]), &[proxy]),
            proxy
        );
        assert_eq!(client_ip(proxy, &xff(&["::1"]), &[proxy]), ip("::1"));
    }
}
