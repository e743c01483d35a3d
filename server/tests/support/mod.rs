//! Shared helpers of the bridge tests: a real Dovecot on loopback, the
//! server on a free port, and a WebSocket client.
#![allow(dead_code)]

pub mod dovecot;
pub mod fake;
pub mod ws;
