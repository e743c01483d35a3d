//! The bridge's limits ([`BridgeLimits`], part of [`crate::Config`]) and the
//! session counters that enforce the concurrency caps ([`SessionSlots`]).
//!
//! All limits are per server process: several instances behind a load
//! balancer each apply their own.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Deserializer};

/// Limits of the WebSocket bridge. `Default` documents each choice; the
/// `[bridge]` table of `--config` overrides any of them (durations in
/// seconds, sizes in bytes):
///
/// ```toml
/// [bridge]
/// max-sessions = 1000
/// max-sessions-per-ip = 8
/// idle-timeout = 600
/// max-session-length = 7200
/// connect-timeout = 10
/// max-message-size = 262144
/// busy-poll-us = 100
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct BridgeLimits {
    /// Bridge sessions open at once, all clients together. Default 1000:
    /// an idle session costs a few tens of kilobytes, so this bounds the
    /// bridge's memory in the tens of megabytes.
    pub max_sessions: usize,
    /// Bridge sessions open at once from one client IP address. Default 8:
    /// a learner needs one or two; a classroom behind one NAT address should
    /// raise it. Behind a reverse proxy every client has the proxy's address.
    pub max_sessions_per_ip: usize,
    /// A session with no byte in either direction for this long is closed.
    /// Default 10 minutes: shorter than RFC 3501's 30-minute autologout,
    /// because a playground tab left open should not hold a server
    /// connection; IDLE learners see a clear reason.
    #[serde(deserialize_with = "secs")]
    pub idle_timeout: Duration,
    /// A session is closed after this long, busy or not. Default 2 hours.
    #[serde(deserialize_with = "secs")]
    pub max_session_length: Duration,
    /// Time allowed to resolve, connect, and finish STARTTLS or the TLS
    /// handshake. Default 10 seconds.
    #[serde(deserialize_with = "secs")]
    pub connect_timeout: Duration,
    /// Largest WebSocket message (and frame) accepted from the browser, in
    /// bytes. Default 256 KiB: a typed line or a pasted message; larger
    /// messages close the session with code 1009.
    pub max_message_size: usize,
    /// After a short message in either direction, a session waits for the
    /// answer by polling in a busy loop for this long before sleeping
    /// (TOML key `busy-poll-us`, in microseconds; 0 turns it off). Default
    /// 100 µs: a command's round trip through the bridge adds two hops,
    /// and waking a sleeping thread is most of each hop's cost; on
    /// loopback Dovecot answers a NOOP well within it. At most half the
    /// cores poll at once, so a busy bridge does not spin.
    #[serde(rename = "busy-poll-us", deserialize_with = "micros")]
    pub busy_poll: Duration,
}

impl Default for BridgeLimits {
    fn default() -> Self {
        BridgeLimits {
            max_sessions: 1000,
            max_sessions_per_ip: 8,
            idle_timeout: Duration::from_secs(600),
            max_session_length: Duration::from_secs(2 * 3600),
            connect_timeout: Duration::from_secs(10),
            max_message_size: 256 * 1024,
            busy_poll: Duration::from_micros(100),
        }
    }
}

fn secs<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
    u64::deserialize(d).map(Duration::from_secs)
}

fn micros<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
    u64::deserialize(d).map(Duration::from_micros)
}

/// Why no slot was free.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotRefused {
    /// `max_sessions` sessions are open.
    Total(usize),
    /// `max_sessions_per_ip` sessions are open from this address.
    PerIp(usize),
}

/// Counts open sessions, in total and per client address.
#[derive(Debug, Default)]
pub struct SessionSlots {
    /// Open sessions per client address; an address with none is removed.
    /// The total is the sum of the values.
    open: Mutex<(usize, HashMap<IpAddr, usize>)>,
}

impl SessionSlots {
    /// Takes a slot for `ip`, or says which cap is reached. The slot is
    /// given back when the returned [`Slot`] is dropped.
    pub fn acquire(
        self: &Arc<Self>,
        ip: IpAddr,
        limits: &BridgeLimits,
    ) -> Result<Slot, SlotRefused> {
        let mut guard = imap_engine::lock(&self.open);
        let (total, per_ip) = &mut *guard;
        if *total >= limits.max_sessions {
            return Err(SlotRefused::Total(limits.max_sessions));
        }
        let mine = per_ip.entry(ip).or_insert(0);
        if *mine >= limits.max_sessions_per_ip {
            return Err(SlotRefused::PerIp(limits.max_sessions_per_ip));
        }
        *mine = mine.saturating_add(1);
        *total = total.saturating_add(1);
        Ok(Slot {
            slots: Arc::clone(self),
            ip,
        })
    }

    /// Sessions open now, all clients together.
    pub fn open(&self) -> usize {
        imap_engine::lock(&self.open).0
    }
}

/// One taken session slot; dropping it frees the slot.
#[derive(Debug)]
pub struct Slot {
    slots: Arc<SessionSlots>,
    ip: IpAddr,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut guard = imap_engine::lock(&self.slots.open);
        let (total, per_ip) = &mut *guard;
        *total = total.saturating_sub(1);
        if let Some(n) = per_ip.get_mut(&self.ip) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                per_ip.remove(&self.ip);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_per_ip_and_in_total_and_slots_come_back() {
        let limits = BridgeLimits {
            max_sessions: 3,
            max_sessions_per_ip: 2,
            ..BridgeLimits::default()
        };
        let slots = Arc::new(SessionSlots::default());
        let a: IpAddr = [10, 0, 0, 1].into();
        let b: IpAddr = [10, 0, 0, 2].into();
        let a1 = slots.acquire(a, &limits).expect("first");
        let _a2 = slots.acquire(a, &limits).expect("second");
        assert_eq!(slots.acquire(a, &limits).err(), Some(SlotRefused::PerIp(2)));
        let _b1 = slots.acquire(b, &limits).expect("other ip");
        assert_eq!(slots.acquire(b, &limits).err(), Some(SlotRefused::Total(3)));
        drop(a1);
        assert_eq!(slots.open(), 2);
        assert!(slots.acquire(b, &limits).is_ok());
    }

    #[test]
    fn toml_overrides_in_seconds() {
        let l: BridgeLimits = toml::from_str("idle-timeout = 5\nmax-sessions = 2").expect("valid");
        assert_eq!(l.idle_timeout, Duration::from_secs(5));
        assert_eq!(l.max_sessions, 2);
        assert_eq!(l.max_sessions_per_ip, 8);
        assert!(toml::from_str::<BridgeLimits>("idle = 5").is_err());
        let l: BridgeLimits = toml::from_str("busy-poll-us = 0").expect("valid");
        assert!(l.busy_poll.is_zero());
        assert_eq!(
            BridgeLimits::default().busy_poll,
            Duration::from_micros(100)
        );
    }
}
