//! The 10,000-message benchmark scenario, shared by the native bench
//! (`benches/mailbox.rs`) and the wasm one (the façade's `benchMailbox`),
//! so both measure exactly the same work. Behind the `bench` feature.
//!
//! The engine still reads no clock: the caller passes `now`, a function
//! returning milliseconds from any fixed origin.

use std::sync::{Arc, Mutex};

use crate::{Output, Session, SessionOptions};

/// The seed of the generated mailbox, so every run measures the same bytes.
pub const SEED: u64 = 2026;

/// One measured step: its name, the command, wall time in milliseconds,
/// and the bytes the engine wrote.
#[derive(Debug, Clone)]
pub struct Step {
    /// Short name for tables.
    pub name: &'static str,
    /// The IMAP command run.
    pub command: String,
    /// Milliseconds, from the caller's clock.
    pub ms: f64,
    /// Bytes of responses produced (encoding included in the time).
    pub bytes: usize,
    /// The tagged status line, to check the step worked.
    pub status: String,
}

/// What later steps of the scenario take from an earlier answer: the
/// mailbox's UIDVALIDITY and HIGHESTMODSEQ, which differ between servers
/// (a command's `{uidvalidity}` and `{modseq}` are filled from them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Kept {
    /// The last `[UIDVALIDITY n]` seen in a keeping step.
    pub uidvalidity: u64,
    /// The last `[HIGHESTMODSEQ n]` seen in a keeping step.
    pub modseq: u64,
}

impl Kept {
    /// Notes the codes one response carries.
    pub fn note(&mut self, response: &[u8]) {
        if let Some(n) = code_number(response, "UIDVALIDITY") {
            self.uidvalidity = n;
        }
        if let Some(n) = code_number(response, "HIGHESTMODSEQ") {
            self.modseq = n;
        }
    }

    /// `template` with `{uidvalidity}` and `{modseq}` filled in.
    pub fn fill(&self, template: &str) -> String {
        template
            .replace("{uidvalidity}", &self.uidvalidity.to_string())
            .replace("{modseq}", &self.modseq.to_string())
    }
}

/// The number of a `[CODE n]` response code in `response`, if it has one.
fn code_number(response: &[u8], code: &str) -> Option<u64> {
    let text = std::str::from_utf8(response).ok()?;
    let at = text.find(&format!("[{code} "))?;
    let digits = text.get(at + code.len() + 2..)?;
    let end = digits.find(|c: char| !c.is_ascii_digit())?;
    digits.get(..end)?.parse().ok()
}

/// The tag of a step's last command: steps of several commands give each
/// after the first its own tag (`b7 …`, `b9 …`).
pub fn last_tag(step_tag: &str, command: &str) -> String {
    match command.rsplit("\r\n").next() {
        Some(line) if command.contains("\r\n") => {
            line.split(' ').next().unwrap_or(step_tag).to_string()
        }
        _ => step_tag.to_string(),
    }
}

/// A step's commands as a table shows them: one line, the inner tags gone.
fn shown(command: &str) -> String {
    command
        .split("\r\n")
        .enumerate()
        .map(|(i, line)| {
            if i == 0 {
                line
            } else {
                line.split_once(' ').map_or(line, |(_, rest)| rest)
            }
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Gives `input` to the session, taking its output whenever the output
/// budget stops it, until all is taken: the bytes of responses and the
/// last tagged line; the codes later steps need go to `kept`.
fn exchange(session: &mut Session, input: &[u8], mut kept: Option<&mut Kept>) -> (usize, String) {
    let mut bytes = 0;
    let mut last = String::new();
    let mut rest = input;
    loop {
        let taken = session.handle_input(rest, 0);
        rest = rest.get(taken..).unwrap_or_default();
        while let Some(o) = session.poll_output() {
            if let Output::Bytes(b) = o {
                if let Some(k) = kept.as_deref_mut() {
                    k.note(&b);
                }
                bytes += b.len();
                if !b.starts_with(b"* ") && !b.starts_with(b"+ ") {
                    last = String::from_utf8_lossy(b.get(..b.len().min(120)).unwrap_or_default())
                        .trim_end()
                        .to_string();
                }
            }
        }
        // With the output taken, a session takes some of any input.
        if rest.is_empty() || taken == 0 {
            return (bytes, last);
        }
    }
}

/// Runs the scenario on `count` generated messages and returns each step.
/// The first step appends them all through the engine (APPEND with
/// LITERAL+), as a client would.
pub fn run(count: usize, now: &mut dyn FnMut() -> f64) -> Vec<Step> {
    let messages = mailstore::demo::bulk_messages(count, SEED);
    let store = Arc::new(Mutex::new(mailstore::demo::demo_store()));
    let mut s = Session::new(store, SessionOptions::default(), 0);
    exchange(
        &mut s,
        b"b0 LOGIN alice wonderland\r\nb1 CREATE bench\r\nb2 CREATE bench-copy\r\n",
        None,
    );
    let mut steps = Vec::new();

    let script = append_script(&messages);
    let start = now();
    let (bytes, status) = exchange(&mut s, &script, None);
    steps.push(Step {
        name: "APPEND all",
        command: format!("{count} × APPEND bench {{n+}}"),
        ms: now() - start,
        bytes,
        status,
    });
    drop(script);

    let mut kept = Kept::default();
    for (i, step) in COMMANDS.iter().enumerate() {
        let command = kept.fill(step.command);
        let line = format!("s{i} {command}\r\n");
        let start = now();
        let (bytes, status) = exchange(&mut s, line.as_bytes(), step.keeps.then_some(&mut kept));
        steps.push(Step {
            name: step.name,
            command: shown(&command),
            ms: now() - start,
            bytes,
            status,
        });
    }
    steps
}

/// The client bytes that APPEND every message to `bench` with its
/// internal date, as pipelined LITERAL+ commands tagged `p0`, `p1`, ...
pub fn append_script(messages: &[(Vec<u8>, i64)]) -> Vec<u8> {
    let mut script = Vec::new();
    for (i, (raw, when)) in messages.iter().enumerate() {
        let date = imap_syntax::DateTime::from_unix(*when, 0)
            .map(|d| format!(" \"{d}\""))
            .unwrap_or_default();
        script.extend_from_slice(
            format!("p{i} APPEND bench{date} {{{}+}}\r\n", raw.len()).as_bytes(),
        );
        script.extend_from_slice(raw);
        script.extend_from_slice(b"\r\n");
    }
    script
}

/// One measured step after the APPENDs.
#[derive(Debug, Clone, Copy)]
pub struct Command {
    /// Short name for tables.
    pub name: &'static str,
    /// The client's line (tag added), or several, CRLF between them, each
    /// after the first with its own tag; `{uidvalidity}` and `{modseq}`
    /// are filled from the last keeping step ([`Kept`]).
    pub command: &'static str,
    /// Whether its answer's UIDVALIDITY and HIGHESTMODSEQ are kept.
    pub keeps: bool,
}

const fn step(name: &'static str, command: &'static str) -> Command {
    Command {
        name,
        command,
        keeps: false,
    }
}

/// The measured commands after the APPENDs, in order, tagged `s0`, `s1`, ...
/// The synchronisation steps (RFC 7162) follow a client that knew the
/// mailbox at one HIGHESTMODSEQ, then 100 flag changes and 100 expunges.
pub const COMMANDS: [Command; 16] = [
    step("SELECT", "SELECT bench"),
    step("FETCH FLAGS ENVELOPE", "FETCH 1:* (FLAGS ENVELOPE)"),
    step("FETCH BODYSTRUCTURE", "FETCH 1:* BODYSTRUCTURE"),
    step("FETCH BODY.PEEK[]", "FETCH 1:* BODY.PEEK[]"),
    step("SEARCH TEXT rare", "SEARCH TEXT zanzibar"),
    step(
        "ESEARCH TEXT rare",
        "SEARCH RETURN (COUNT ALL) TEXT zanzibar",
    ),
    step("SEARCH FROM SINCE", "SEARCH FROM priya SINCE 1-Jun-2024"),
    step("SORT DATE", "SORT (DATE) UTF-8 ALL"),
    step("SORT SUBJECT", "SORT (SUBJECT) UTF-8 ALL"),
    step("STORE +FLAGS.SILENT", "STORE 1:* +FLAGS.SILENT (\\Seen)"),
    step("COPY", "COPY 1:* bench-copy"),
    Command {
        name: "ENABLE QRESYNC, SELECT",
        command: "ENABLE QRESYNC\r\nb6 SELECT bench",
        keeps: true,
    },
    step(
        "100 flag changes, 100 expunges",
        "STORE 1:100 +FLAGS.SILENT (\\Flagged)\r\nb7 STORE 101:200 +FLAGS.SILENT (\\Deleted)\r\nb8 EXPUNGE",
    ),
    step(
        "FETCH CHANGEDSINCE",
        "FETCH 1:* (FLAGS) (CHANGEDSINCE {modseq})",
    ),
    step(
        "QRESYNC resync",
        "UNSELECT\r\nb8 SELECT bench (QRESYNC ({uidvalidity} {modseq}))",
    ),
    step(
        "EXPUNGE all",
        "STORE 1:* +FLAGS.SILENT (\\Deleted)\r\nb9 EXPUNGE",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_codes_fill_later_commands() {
        let mut k = Kept::default();
        k.note(b"* OK [UIDVALIDITY 1764000000] UIDs valid\r\n");
        k.note(b"* OK [HIGHESTMODSEQ 10123] Highest\r\n");
        k.note(b"* 3 EXISTS\r\n");
        assert_eq!(
            k.fill("SELECT b (QRESYNC ({uidvalidity} {modseq}))"),
            "SELECT b (QRESYNC (1764000000 10123))"
        );
        assert_eq!(last_tag("s3", "UNSELECT\r\nb8 SELECT bench"), "b8");
        assert_eq!(last_tag("s3", "NOOP"), "s3");
        assert_eq!(
            shown("STORE 1 +FLAGS (x)\r\nb8 EXPUNGE"),
            "STORE 1 +FLAGS (x) + EXPUNGE"
        );
    }
}
