//! Deterministic demo data: alice/wonderland and bob/builder, and (feature
//! `bench`) a bulk generator for benchmarks.
//!
//! The demo world: Alice belongs to the Hatter's Tea Party Club
//! (`teaparty.example`), the Riverside Garden Society (`gardens.example`)
//! and reads the Little Valley Railway newsletter (`lvr.example`); Bob
//! builds garden sheds (`builder.example`). Every message, date, flag and
//! UID is fixed, so lessons and tests can quote them. Each message is a
//! file under `demo/mail/` (the exact bytes served), listed with its
//! mailbox, flags and date in `mail.rs`'s table.
//!
//! Alice's INBOX holds 32 messages. Facts lessons rely on:
//! - messages 13, 19, 20 and 22 contain the word "test" in their bodies;
//!   19 is from `someaddr@somewhere.edu`, so `SEARCH BODY test NOT FROM
//!   someaddr@somewhere.edu` gives `13 20 22`;
//! - 2 is multipart/alternative, 4, 6, 9 and 26 are multipart/mixed with
//!   attachments (text, PNG, PDF), 7 forwards a message/rfc822, 18 is a
//!   multipart/digest, 12 is the large one (about 200 KB);
//! - 5, 11 and 24 use RFC 2047 encoded words (UTF-8 and ISO-8859-1, B and Q);
//!   3 and 24 are quoted-printable, 10 is base64 text, 11 is 8-bit ISO-8859-1;
//! - 15 is addressed to a group.
//!
//! The mailbox `test` holds one message; the brief's session copies INBOX
//! message 22 there and fetches `1:2`.

use std::sync::OnceLock;

#[cfg(feature = "bench")]
mod bulk;
mod mail;

#[cfg(feature = "bench")]
pub use bulk::{BULK_RARE_WORD, bulk_messages};

use crate::civil::days_from_civil;
use mail::{ALICE_INBOX, ALICE_OTHERS, BOB_INBOX, Demo};

use crate::message::{Flags, SystemFlag};
use crate::store::{Account, Store, StoreError};

/// Local civil time in a zone → (Unix seconds, RFC 5322 date text).
fn date(y: i64, mo: u32, d: u32, h: u32, mi: u32, zone: i16) -> (i64, String) {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let days = days_from_civil(y, mo, d);
    let local = days * 86_400 + i64::from(h) * 3600 + i64::from(mi) * 60;
    let utc = local - i64::from(zone) * 60;
    let dow = DAYS
        .get(days.rem_euclid(7) as usize)
        .copied()
        .unwrap_or("Mon");
    let month = MONTHS
        .get(mo.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("Jan");
    let sign = if zone < 0 { '-' } else { '+' };
    let z = zone.unsigned_abs();
    let text = format!(
        "{dow}, {d} {month} {y} {h:02}:{mi:02}:00 {sign}{:02}{:02}",
        z / 60,
        z % 60
    );
    (utc, text)
}

/// Base64 with CRLF every 76 characters.
pub(crate) fn base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len() * 4 / 3 + data.len() / 38 + 4);
    let mut col = 0;
    for chunk in data.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            let c = if i <= chunk.len() {
                // Six bits always index the 64-character alphabet.
                ALPHABET
                    .get(((n >> (18 - 6 * i)) & 63) as usize)
                    .map_or('A', |&b| char::from(b))
            } else {
                '='
            };
            out.push(c);
        }
        col += 4;
        if col == 76 {
            out.push_str("\r\n");
            col = 0;
        }
    }
    if col != 0 {
        out.push_str("\r\n");
    }
    out
}

/// A tiny linear congruential generator (Knuth's MMIX constants).
#[derive(Debug, Clone)]
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| (self.next() & 0xff) as u8).collect()
    }
}

/// Flags from a short spec: `S` seen, `A` answered, `F` flagged, `D` draft,
/// `X` deleted; words after a space are keywords.
fn flags(spec: &str) -> Flags {
    let mut f = Flags::new();
    let mut words = spec.split(' ');
    for c in words.next().unwrap_or("").chars() {
        match c {
            'S' => f.insert(SystemFlag::Seen),
            'A' => f.insert(SystemFlag::Answered),
            'F' => f.insert(SystemFlag::Flagged),
            'D' => f.insert(SystemFlag::Draft),
            'X' => f.insert(SystemFlag::Deleted),
            _ => {}
        }
    }
    for k in words.filter(|w| !w.is_empty()) {
        f.insert_keyword(k);
    }
    f
}

fn fill(store: &mut Store, user: &str, name: &str, mails: &[Demo]) {
    if let Some(mailbox) = store.account_mut(user).and_then(|a| a.mailbox_mut(name)) {
        for m in mails {
            let (internal, zone) = m.internal_date();
            mailbox.append(m.raw(), m.flags(), internal, zone);
        }
        // The demo messages are old news: no session sees them as \Recent.
        mailbox.claim_recent();
    }
}

/// The demo store: alice (INBOX with 30+ messages, Sent, Drafts, Trash,
/// Junk, Archive, test) and bob. Same bytes, dates and UIDs on every call.
///
/// Alice: `INBOX` (32), `Sent` (3), `Drafts` (1), `Trash` (1), `Junk` (1),
/// `Archive` (2) with child `Archive/2025` (1), `test` (1); subscribed to
/// all of them. Bob: `INBOX` (5). No message is `\Recent`.
pub fn demo_store() -> Store {
    let mut store = Store::new();
    store.add_user("alice", "wonderland");
    fill(&mut store, "alice", "INBOX", ALICE_INBOX);
    for &(name, special, mails) in ALICE_OTHERS {
        // The names are valid and new, so creation cannot fail here.
        let _ = store.create_mailbox("alice", name);
        if let Some(account) = store.account_mut("alice") {
            account.set_special_use(name, special);
            account.subscribe(name);
        }
        fill(&mut store, "alice", name, mails);
    }
    if let Some(account) = store.account_mut("alice") {
        account.subscribe("INBOX");
    }
    store.add_user("bob", "builder");
    fill(&mut store, "bob", "INBOX", BOB_INBOX);
    if let Some(account) = store.account_mut("bob") {
        account.subscribe("INBOX");
    }
    store
}

/// Alice's demo account, built once and shared (message bytes are shared
/// by every copy made from it).
pub fn demo_template() -> &'static Account {
    static TEMPLATE: OnceLock<Account> = OnceLock::new();
    TEMPLATE.get_or_init(|| demo_store().account("alice").cloned().unwrap_or_default())
}

/// Adds a classroom user whose mailboxes are a fresh copy of alice's demo
/// mailboxes (fresh mailbox ids and UIDVALIDITY, same messages and UIDs).
/// An existing user of that name is replaced.
pub fn demo_account_for(store: &mut Store, user: &str, password: &str) -> Result<(), StoreError> {
    if user.is_empty() {
        return Err(StoreError::Limit("a user name is required".into()));
    }
    store.add_user_copy(user, password, demo_template());
    Ok(())
}
