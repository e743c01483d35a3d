//! The benchmark mailbox: thousands of varied, deterministic messages
//! (feature `bench`).

use super::{Lcg, base64, date};
use crate::civil::civil_from_days;

impl Lcg {
    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    /// One of `items`, chosen with one draw (the default if empty).
    fn pick<T: Copy + Default>(&mut self, items: &[T]) -> T {
        items
            .get(self.below(items.len() as u64) as usize)
            .copied()
            .unwrap_or_default()
    }
}

/// The rare word put in a few bulk message bodies (about one in 500), for
/// benchmarks of SEARCH BODY that match almost nothing.
pub const BULK_RARE_WORD: &str = "zanzibar";

pub(super) const FIRST: &[&str] = &[
    "Ada", "Ben", "Chloe", "Dev", "Emma", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kemi",
    "Liam", "Mei", "Nils", "Olga", "Priya", "Quinn", "Rosa", "Sam", "Tomas",
];
pub(super) const LAST: &[&str] = &[
    "Archer", "Baker", "Clarke", "Dunn", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jensen",
    "Khan", "Lopez", "Moreau", "Novak", "Okafor", "Patel",
];
pub(super) const DOMAINS: &[&str] = &[
    "example.com",
    "example.org",
    "mail.example",
    "lists.example.net",
    "uni.example.edu",
    "shop.example",
];
pub(super) const TOPICS: &[&str] = &[
    "quarterly report",
    "team lunch",
    "server migration",
    "budget review",
    "holiday rota",
    "release notes",
    "garden party",
    "train delays",
    "invoice",
    "meeting notes",
    "conference travel",
    "book club",
    "project kickoff",
    "security update",
    "newsletter",
];
pub(super) const WORDS: &[&str] = &[
    "the",
    "a",
    "we",
    "will",
    "meeting",
    "report",
    "please",
    "review",
    "attached",
    "schedule",
    "team",
    "project",
    "update",
    "next",
    "week",
    "thanks",
    "budget",
    "plan",
    "draft",
    "final",
    "numbers",
    "office",
    "train",
    "garden",
    "tea",
    "coffee",
    "monday",
    "friday",
    "deadline",
    "notes",
    "question",
    "answer",
    "agenda",
    "minutes",
    "client",
    "server",
    "release",
    "version",
    "issue",
    "fixed",
    "soon",
    "later",
    "today",
    "tomorrow",
    "morning",
    "afternoon",
    "and",
    "or",
    "but",
    "with",
    "for",
    "about",
    "from",
    "into",
    "over",
];

pub(super) fn bulk_text(rng: &mut Lcg, bytes: usize, rare: bool) -> String {
    let mut out = String::with_capacity(bytes + 80);
    let mut line = 0usize;
    let rare_at = if rare {
        rng.below(bytes as u64 / 2 + 1) as usize
    } else {
        usize::MAX
    };
    while out.len() < bytes {
        let w = if out.len() >= rare_at && !out.contains(BULK_RARE_WORD) {
            BULK_RARE_WORD
        } else {
            rng.pick(WORDS)
        };
        out.push_str(w);
        line += w.len() + 1;
        if line > 68 {
            out.push_str(".\r\n");
            line = 0;
        } else {
            out.push(' ');
        }
    }
    out.push_str("\r\n");
    out
}

/// `count` realistic messages for benchmarks, the same for the same
/// `seed`: (raw bytes, internal date in Unix seconds, strictly ascending).
///
/// Shapes: about 45% text/plain, 25% multipart/alternative, 20%
/// multipart/mixed with an attachment (3% of all messages carry a
/// 100–250 KB one), 10% forwarding a message/rfc822. Text bodies are mostly
/// 2–20 KB. About one body in 500 contains [`BULK_RARE_WORD`].
pub fn bulk_messages(count: usize, seed: u64) -> Vec<(Vec<u8>, i64)> {
    let mut rng = Lcg(seed ^ 0x5eed_cafe_f00d_d00d);
    let mut when = 1_700_000_000i64;
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        when += 60 + rng.below(7200) as i64;
        let zone = rng.pick(&[0i16, 60, -300, 330, -480]);
        let (y, mo, d, h, mi) = civil(when + i64::from(zone) * 60);
        let (_, date_text) = date(y, mo, d, h, mi, zone);
        let from = format!(
            "{} {} <{}.{}@{}>",
            rng.pick(FIRST),
            rng.pick(LAST),
            rng.pick(FIRST).to_lowercase(),
            rng.pick(LAST).to_lowercase(),
            rng.pick(DOMAINS)
        );
        let to = format!(
            "{} {} <{}@{}>",
            rng.pick(FIRST),
            rng.pick(LAST),
            rng.pick(FIRST).to_lowercase(),
            rng.pick(DOMAINS)
        );
        let subject = format!(
            "{}{} #{}",
            if rng.below(4) == 0 { "Re: " } else { "" },
            rng.pick(TOPICS),
            rng.below(1000)
        );
        let size = if rng.below(10) < 8 {
            2_000 + rng.below(18_000) as usize
        } else {
            300 + rng.below(1_700) as usize
        };
        let rare = rng.below(500) == 0;
        let text = bulk_text(&mut rng, size, rare);
        let shape = rng.below(100);
        let boundary = format!("=_bulk_{i}_{}", rng.below(1 << 30));
        let head = format!(
            "Date: {date_text}\r\nFrom: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <bulk.{i}.{seed}@example.com>\r\nMIME-Version: 1.0\r\n"
        );
        let body = if shape < 45 {
            format!("Content-Type: text/plain; charset=utf-8\r\n\r\n{text}")
        } else if shape < 70 {
            format!(
                "Content-Type: multipart/alternative; boundary=\"{boundary}\"\r\n\r\n--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n--{boundary}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>{}</p></body></html>\r\n--{boundary}--\r\n",
                text.replace("\r\n", "<br>\r\n")
            )
        } else if shape < 90 {
            let big = rng.below(20) < 3;
            let len = if big {
                75_000 + rng.below(110_000) as usize
            } else {
                1_000 + rng.below(15_000) as usize
            };
            let (kind, name) = rng.pick(&[
                ("application/pdf", "report.pdf"),
                ("image/jpeg", "photo.jpg"),
                ("application/zip", "files.zip"),
            ]);
            format!(
                "Content-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n--{boundary}\r\nContent-Type: {kind}; name=\"{name}\"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"{name}\"\r\n\r\n{}--{boundary}--\r\n",
                base64(&rng.bytes(len))
            )
        } else {
            format!(
                "Content-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nForwarding this, see below.\r\n\r\n--{boundary}\r\nContent-Type: message/rfc822\r\n\r\nDate: {date_text}\r\nFrom: {to}\r\nTo: {from}\r\nSubject: {subject}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n--{boundary}--\r\n"
            )
        };
        let mut raw = head.into_bytes();
        raw.extend_from_slice(body.as_bytes());
        out.push((raw, when + 30));
    }
    out
}

/// Unix seconds → (year, month, day, hour, minute), proleptic Gregorian.
fn civil(t: i64) -> (i64, u32, u32, u32, u32) {
    let (y, m, d) = civil_from_days(t.div_euclid(86_400));
    let secs = t.rem_euclid(86_400);
    (y, m, d, (secs / 3600) as u32, ((secs % 3600) / 60) as u32)
}
