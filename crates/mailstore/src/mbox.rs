//! mbox files: splitting one into messages (mboxrd quoting undone),
//! writing a mailbox as one, and importing messages into a mailbox with the
//! checks the page reports. No I/O: bytes in, bytes or a report out.

use crate::civil::civil_from_days;
use crate::{Flags, Store, SystemFlag};

/// What an import did: how many messages went in, and why the others did
/// not (one learner-readable sentence per problem).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    /// Messages appended.
    pub imported: u32,
    /// Why each skipped message was skipped.
    pub errors: Vec<String>,
}

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

/// Appends messages to `user`'s `mailbox`. Nothing is appended when the
/// mailbox is missing; a broken message is skipped and reported.
pub fn import(
    store: &mut Store,
    user: &str,
    mailbox: &str,
    messages: Vec<Vec<u8>>,
    first_number: u32,
    now_secs: i64,
) -> Report {
    let mut report = Report::default();
    let Some(target) = store
        .account_mut(user)
        .and_then(|a| a.mailbox_mut(mailbox))
        .filter(|m| !m.noselect)
    else {
        report.errors.push(format!(
            "{user} has no mailbox {mailbox:?} to import into: create it first"
        ));
        return report;
    };
    for (i, raw) in messages.into_iter().enumerate() {
        let number = first_number.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
        if let Some(why) = problem(&raw) {
            report
                .errors
                .push(format!("message {number} was skipped: {why}"));
            continue;
        }
        let analysis = crate::Analysis::of(&raw);
        let (date, zone) = analysis.sent_date.unwrap_or((now_secs, 0));
        let mut flags = Flags::new();
        let status = analysis
            .headers
            .iter()
            .find(|(n, _)| n == "status")
            .map(|(_, v)| v.clone());
        if status.is_some_and(|s| s.contains('r')) {
            flags.insert(SystemFlag::Seen);
        }
        if target.append(raw, flags, date, zone) == 0 {
            report
                .errors
                .push("the mailbox has run out of UIDs".to_owned());
            break;
        }
        report.imported = report.imported.saturating_add(1);
    }
    report
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
    fn export_then_import_gives_the_same_messages() {
        let mut store = crate::demo::demo_store();
        let before: Vec<Vec<u8>> = store
            .account("alice")
            .and_then(|a| a.mailbox("INBOX"))
            .map(|m| m.messages().iter().map(|x| x.raw.to_vec()).collect())
            .expect("inbox");
        let mbox = export(&store, "alice", "INBOX").expect("exports");
        assert!(mbox.starts_with(b"From MAILER-DAEMON "));
        assert!(!mbox.contains(&b'\r'));
        store.create_mailbox("alice", "Copy").expect("create");
        let messages = split(&mbox).expect("reads back");
        let report = import(&mut store, "alice", "Copy", messages, 1, 0);
        assert_eq!(report.errors, Vec::<String>::new());
        assert_eq!(report.imported as usize, before.len());
        let after: Vec<Vec<u8>> = store
            .account("alice")
            .and_then(|a| a.mailbox("Copy"))
            .map(|m| m.messages().iter().map(|x| x.raw.to_vec()).collect())
            .expect("copy");
        assert_eq!(after, before);
    }

    #[test]
    fn mboxrd_quoting_round_trips() {
        let mut store = Store::new();
        store.add_user("u", "p");
        let raw = b"From: x@y\r\nSubject: q\r\n\r\nFrom here\r\n>From there\r\nplain\r\n".to_vec();
        let report = import(&mut store, "u", "INBOX", vec![raw.clone()], 1, 0);
        assert_eq!(report.imported, 1);
        let mbox = export(&store, "u", "INBOX").expect("exports");
        let text = String::from_utf8(mbox.clone()).expect("utf8");
        assert!(
            text.contains("\n>From here\n>>From there\nplain\n"),
            "{text}"
        );
        assert_eq!(split(&mbox).expect("mbox"), vec![raw]);
    }

    #[test]
    fn broken_input_is_reported_and_nothing_is_lost() {
        let mut store = crate::demo::demo_store();
        let count = |s: &Store| {
            s.account("alice")
                .and_then(|a| a.mailbox("INBOX"))
                .map(|m| m.len())
        };
        let before = count(&store);
        let r = import(
            &mut store,
            "alice",
            "Nope",
            vec![b"From: a\r\n\r\nx".to_vec()],
            1,
            0,
        );
        assert_eq!(r.imported, 0);
        assert!(r.errors[0].contains("Nope"));
        let r = import(
            &mut store,
            "alice",
            "INBOX",
            vec![
                b"\x00\x01 garbage".to_vec(),
                b"  \r\n".to_vec(),
                b"Subject: ok\r\n\r\nfine".to_vec(),
            ],
            7,
            0,
        );
        assert_eq!(r.imported, 1);
        assert_eq!(r.errors.len(), 2);
        assert!(r.errors[0].starts_with("message 7 "), "{:?}", r.errors);
        assert_eq!(count(&store), before.map(|n| n + 1));
    }

    #[test]
    fn crlf_and_asctime() {
        assert_eq!(crlf(b"a\nb\r\nc\rd"), b"a\r\nb\r\nc\r\nd".to_vec());
        assert_eq!(asctime(0), "Thu Jan  1 00:00:00 1970");
        assert_eq!(asctime(1_795_666_153), "Thu Nov 26 04:09:13 2026");
    }
}
