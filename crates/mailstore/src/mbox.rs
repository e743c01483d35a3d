//! mbox files: splitting one into messages (mboxrd quoting undone),
//! writing a mailbox as one, and the checks an uploaded message passes
//! before it is appended ([`prepare`]; the engine's import appends it
//! through the same path as APPEND). No I/O: bytes in, bytes out.

use std::sync::Arc;

use crate::civil::civil_from_days;
use crate::{Analysis, Flags, Store, SystemFlag};

/// The largest single message an import accepts (the engine's literal limit is similar).
pub const MAX_MESSAGE: usize = 32 * 1024 * 1024;

/// Splits mbox bytes into messages: each starts at a `From ` line (at the
/// start or after a line feed). mboxrd quoting (`>From `, `>>From `, …) loses
/// one `>`; the `From ` line and the blank separator line are dropped.
/// `Err` when the bytes are not an mbox at all.
pub fn split(bytes: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    if bytes.is_empty() {
        return Err("the file is empty".to_owned());
    }
    if !bytes.starts_with(b"From ") {
        return Err(
            "this is not an mbox file: an mbox starts with a line \"From sender date\"".to_owned(),
        );
    }
    let mut messages = Vec::new();
    let mut current: Option<Vec<u8>> = None;
    for line in bytes.split_inclusive(|b| *b == b'\n') {
        if line.starts_with(b"From ") {
            if let Some(done) = current.take() {
                messages.push(finish(done));
            }
            current = Some(Vec::new());
            continue;
        }
        if let Some(body) = current.as_mut() {
            let unquoted = match line.iter().position(|b| *b != b'>') {
                Some(n) if n > 0 && line.get(n..).is_some_and(|r| r.starts_with(b"From ")) => {
                    line.get(1..).unwrap_or(line)
                }
                _ => line,
            };
            body.extend_from_slice(unquoted);
        }
    }
    if let Some(done) = current.take() {
        messages.push(finish(done));
    }
    Ok(messages)
}

/// Drops the mbox separator (the last empty line) and makes line ends CRLF.
fn finish(mut body: Vec<u8>) -> Vec<u8> {
    if body.ends_with(b"\r\n\r\n") {
        body.truncate(body.len().saturating_sub(2));
    } else if body.ends_with(b"\n\n") {
        body.truncate(body.len().saturating_sub(1));
    }
    crlf(&body)
}

/// Bare LF (and bare CR) line ends become CRLF, as IMAP wants.
pub fn crlf(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len().saturating_add(bytes.len() / 32));
    let mut prev = 0u8;
    for (i, b) in bytes.iter().copied().enumerate() {
        match b {
            b'\n' if prev != b'\r' => out.extend_from_slice(b"\r\n"),
            b'\r' if bytes.get(i.saturating_add(1)) != Some(&b'\n') => {
                out.extend_from_slice(b"\r\n")
            }
            _ => out.push(b),
        }
        prev = b;
    }
    out
}

/// Why `raw` is not a message worth storing, if it is not.
fn problem(raw: &[u8]) -> Option<&'static str> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Some("it is empty");
    }
    if raw.len() > MAX_MESSAGE {
        return Some("it is larger than 32 MB");
    }
    let first = raw.split(|b| *b == b'\n').next().unwrap_or_default();
    let name_end = first.iter().position(|b| *b == b':');
    let header_like = name_end.is_some_and(|n| {
        n > 0
            && first
                .get(..n)
                .is_some_and(|name| name.iter().all(|b| b.is_ascii_graphic() && *b != b':'))
    });
    if !header_like {
        return Some("it does not start with a header field such as \"From: …\"");
    }
    None
}

/// An uploaded message made ready to append: its bytes, their analysis,
/// `\Seen` when its `Status:` field says it was read, and its `Date:` as
/// the internal date (or the time of the import when it has none).
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The message, as given.
    pub raw: Arc<[u8]>,
    /// Its analysis, made once.
    pub analysis: Arc<Analysis>,
    /// `\Seen` or nothing.
    pub flags: Flags,
    /// The internal date (seconds since the epoch) and its zone (minutes).
    pub date: (i64, i16),
}

/// Checks one uploaded message and reads what it is appended with; `Err`
/// with the reason, in a learner's words, when it must be skipped.
pub fn prepare(raw: Vec<u8>, now_secs: i64) -> Result<Prepared, &'static str> {
    if let Some(why) = problem(&raw) {
        return Err(why);
    }
    let analysis = Analysis::of(&raw);
    let date = analysis.sent_date.unwrap_or((now_secs, 0));
    let mut flags = Flags::new();
    let read = analysis
        .headers
        .iter()
        .any(|(n, v)| n == "status" && v.contains('r'));
    if read {
        flags.insert(SystemFlag::Seen);
    }
    Ok(Prepared {
        raw: Arc::from(raw),
        analysis: Arc::new(analysis),
        flags,
        date,
    })
}

/// `user`'s `mailbox` as an mboxrd file: a `From ` line per message (with
/// its internal date), LF line ends, and one more `>` before any line that
/// matches `>*From `. `None` when there is no such mailbox.
pub fn export(store: &Store, user: &str, mailbox: &str) -> Option<Vec<u8>> {
    let m = store.account(user)?.mailbox(mailbox)?;
    let mut out = Vec::new();
    for msg in m.messages() {
        out.extend_from_slice(
            format!("From MAILER-DAEMON {}\n", asctime(msg.internal_date)).as_bytes(),
        );
        let text = msg.raw.as_ref();
        let mut lines = text.split(|b| *b == b'\n').peekable();
        while let Some(line) = lines.next() {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if lines.peek().is_none() && line.is_empty() {
                break;
            }
            let gt = line.iter().take_while(|b| **b == b'>').count();
            if line.get(gt..).is_some_and(|r| r.starts_with(b"From ")) {
                out.push(b'>');
            }
            out.extend_from_slice(line);
            out.push(b'\n');
        }
        out.push(b'\n');
    }
    Some(out)
}

/// `Thu Nov 26 02:09:13 2026` (UTC), the date of an mbox `From ` line.
fn asctime(secs: i64) -> String {
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let days = secs.div_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    let weekday = usize::try_from(days.saturating_add(4).rem_euclid(7)).unwrap_or(0);
    let month = usize::try_from(month).unwrap_or(1);
    let rem = secs.rem_euclid(86_400);
    format!(
        "{} {} {day:2} {:02}:{:02}:{:02} {year}",
        DAYS.get(weekday).unwrap_or(&"Thu"),
        MONTHS.get(month.saturating_sub(1)).unwrap_or(&"Jan"),
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mbox_split_unquotes_and_uses_crlf() {
        let mbox = b"From a@b Thu Nov 26 02:09:13 2026\nFrom: a@b\nSubject: one\n\n>From the start\n>>From deeper\n\nFrom c@d Thu Nov 26 02:09:13 2026\nFrom: c@d\n\nsecond\n";
        let messages = split(mbox).expect("an mbox");
        assert_eq!(messages.len(), 2);
        assert_eq!(
            messages[0],
            b"From: a@b\r\nSubject: one\r\n\r\nFrom the start\r\n>From deeper\r\n".to_vec()
        );
        assert_eq!(messages[1], b"From: c@d\r\n\r\nsecond\r\n".to_vec());
        assert!(split(b"").is_err());
        assert!(split(b"Subject: not an mbox\n").is_err());
    }

    #[test]
    fn mboxrd_quoting_round_trips() {
        let mut store = Store::new();
        store.add_user("u", "p");
        let raw = b"From: x@y\r\nSubject: q\r\n\r\nFrom here\r\n>From there\r\nplain\r\n".to_vec();
        let inbox = store
            .account_mut("u")
            .and_then(|a| a.mailbox_mut("INBOX"))
            .expect("inbox");
        assert_eq!(inbox.append(raw.clone(), Flags::new(), 0, 0), 1);
        let mbox = export(&store, "u", "INBOX").expect("exports");
        let text = String::from_utf8(mbox.clone()).expect("utf8");
        assert!(
            text.contains("\n>From here\n>>From there\nplain\n"),
            "{text}"
        );
        assert_eq!(split(&mbox).expect("mbox"), vec![raw]);
    }

    #[test]
    fn prepare_reads_status_and_date_and_refuses_what_is_no_message() {
        let read = prepare(
            b"Status: RO\r\nDate: Thu, 26 Nov 2026 04:09:13 +0100\r\nSubject: s\r\n\r\nx".to_vec(),
            7,
        )
        .expect("a message");
        assert!(read.flags.has(SystemFlag::Seen));
        assert_eq!(read.date, (1_795_662_553, 60));
        let undated = prepare(b"Subject: s\r\n\r\nx".to_vec(), 7).expect("a message");
        assert!(!undated.flags.has(SystemFlag::Seen));
        assert_eq!(undated.date, (7, 0));
        assert!(prepare(b"\x00\x01 garbage".to_vec(), 0).is_err());
        assert!(prepare(b"  \r\n".to_vec(), 0).is_err());
    }

    #[test]
    fn crlf_and_asctime() {
        assert_eq!(crlf(b"a\nb\r\nc\rd"), b"a\r\nb\r\nc\r\nd".to_vec());
        assert_eq!(asctime(0), "Thu Jan  1 00:00:00 1970");
        assert_eq!(asctime(1_795_666_153), "Thu Nov 26 04:09:13 2026");
    }
}
