//! What the differential tests against Dovecot share: one `imap` process on
//! a pipe ([`Dovecot`]), responses parsed and grouped by tag with the parts
//! that may legitimately differ set aside ([`normalise`]), and scripts of
//! several sessions run through both servers
//! ([`sessions_agree_with_dovecot`]). Included by each test file with
//! `#[path]`.

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};

use imap_engine::{Output, Session, SessionOptions};
use imap_syntax::{
    Code, Data, DateTime, DecoderOptions, FetchValue, Response, ResponseDecoder, StatusKind,
    StatusResponse,
};

#[path = "dovecot.rs"]
pub mod process;

/// One Dovecot `imap` process on a pipe, fed one command at a time.
pub struct Dovecot {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    stdout: std::process::ChildStdout,
    dec: ResponseDecoder,
}

impl Dovecot {
    /// Starts `imap` for alice on the maildir in `dir`, with a watchdog so
    /// that a Dovecot that stops answering fails the test instead of hanging it.
    pub fn start(dir: &Path) -> Dovecot {
        let mut child = process::spawn(dir).unwrap_or_else(|| {
            panic!(
                "{} is missing: install Debian's dovecot-imapd (cargo xtask test does it when run as root)",
                process::DOVECOT_IMAP
            )
        });
        let pid = child.id();
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_secs(60));
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
        });
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        Dovecot {
            child,
            stdin,
            stdout,
            dec: ResponseDecoder::new(DecoderOptions::default()),
        }
    }

    /// Sends one command and returns everything Dovecot wrote up to and
    /// including its tagged answer (the greeting too, the first time).
    /// One at a time: Dovecot runs pipelined FETCHes in parallel, which
    /// would interleave their answers.
    pub fn run(&mut self, tag: &str, bytes: &[u8]) -> Vec<u8> {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
        let mut all = Vec::new();
        let mut buf = [0u8; 65536];
        loop {
            while let Some((raw, parsed)) = self.dec.next() {
                all.extend_from_slice(&raw);
                if let Ok(Response::Status(StatusResponse { tag: Some(t), .. })) = parsed
                    && t.as_str() == tag
                {
                    return all;
                }
            }
            let n = std::io::Read::read(&mut self.stdout, &mut buf).unwrap();
            assert!(
                n > 0,
                "dovecot closed the connection while {tag} was pending"
            );
            self.dec.push(&buf[..n]);
        }
    }

    pub fn stop(mut self) {
        drop(self.stdin);
        let _ = self.child.wait();
    }
}

/// Parsed responses, grouped by the tag of the command they belong to.
pub fn normalise(bytes: &[u8]) -> Vec<(String, Vec<String>)> {
    let mut dec = ResponseDecoder::new(DecoderOptions::default());
    dec.push(bytes);
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    let mut current = Vec::new();
    while let Some((raw, parsed)) = dec.next() {
        let mut r = parsed.unwrap_or_else(|e| {
            panic!(
                "unparsable response {:?}: {e}",
                String::from_utf8_lossy(&raw)
            )
        });
        match &mut r {
            Response::Status(StatusResponse {
                tag,
                kind,
                code,
                text,
            }) => {
                text.clear();
                if let Some(Code::UidValidity(v)) = code {
                    *v = 0;
                }
                if let Some(
                    Code::AppendUid { uid_validity, .. } | Code::CopyUid { uid_validity, .. },
                ) = code
                {
                    *uid_validity = 0;
                }
                if matches!(code, Some(Code::Capability(_))) {
                    *code = None;
                }
                if matches!(kind, StatusKind::PreAuth)
                    || (tag.is_none() && *kind == StatusKind::Ok && code.is_none())
                {
                    continue;
                }
                if let Some(t) = tag.clone() {
                    current.push(format!("{r:?}"));
                    groups.push((t.as_str().to_string(), std::mem::take(&mut current)));
                    continue;
                }
            }
            Response::Data(Data::Capability(_) | Data::Id(_)) => continue,
            // Dovecot shows INTERNALDATE in the server's zone; we keep the
            // zone the client gave. Both name the same instant.
            Response::Data(Data::Fetch { items, .. }) => {
                for item in items.iter_mut() {
                    if let FetchValue::InternalDate(d) = item {
                        *d = DateTime::from_unix(d.unix(), 0).unwrap();
                    }
                }
            }
            _ => {}
        }
        current.push(format!("{r:?}"));
    }
    // The order of LIST lines is the server's (RFC 3501 and RFC 5258 set
    // none; Dovecot's follows its directory reads): compare them sorted,
    // each with the STATUS line RETURN (STATUS ...) puts after it.
    for (_, lines) in &mut groups {
        sort_list_lines(lines);
    }
    groups
}

/// Sorts each run of LIST lines (a LIST line with the STATUS lines right
/// after it moves as one).
fn sort_list_lines(lines: &mut Vec<String>) {
    let mut units: Vec<Vec<String>> = Vec::new();
    for l in lines.drain(..) {
        let follows_list = l.starts_with("Data(Status")
            && units.last().is_some_and(|u| u[0].starts_with("Data(List"));
        match units.last_mut() {
            Some(u) if follows_list => u.push(l),
            _ => units.push(vec![l]),
        }
    }
    let mut start = 0;
    while start < units.len() {
        let is_list = |u: &Vec<String>| u[0].starts_with("Data(List");
        if !is_list(&units[start]) {
            start += 1;
            continue;
        }
        let end = (start..units.len())
            .find(|&i| !is_list(&units[i]))
            .unwrap_or(units.len());
        units[start..end].sort();
        start = end;
    }
    *lines = units.into_iter().flatten().collect();
}

/// A script of several sessions as (session, tag, bytes). `{APPEND box
/// (flags)}` (flags optional) is a small message appended to `box` by that
/// session, tagged `p1`, `p2`, ...; `{APPEND box (flags)|message}` appends
/// that message.
pub fn session_commands(script: &[(char, &str)]) -> Vec<(char, String, Vec<u8>)> {
    let mut appends = 0;
    script
        .iter()
        .map(|(who, line)| {
            if let Some(args) = line
                .strip_prefix("{APPEND ")
                .and_then(|s| s.strip_suffix('}'))
            {
                let (args, body) = args
                    .split_once('|')
                    .unwrap_or((args, "Subject: hi\r\n\r\nhello\r\n"));
                let (args, body) = (args.trim_end(), body.as_bytes());
                appends += 1;
                let tag = format!("p{appends}");
                let mut bytes = format!("{tag} APPEND {args} {{{}+}}\r\n", body.len()).into_bytes();
                bytes.extend_from_slice(body);
                bytes.extend_from_slice(b"\r\n");
                (*who, tag, bytes)
            } else {
                let tag = line.split(' ').next().unwrap_or_default().to_string();
                (*who, tag, format!("{line}\r\n").into_bytes())
            }
        })
        .collect()
}

/// Why a `NO [BADCHARSET]` differs, wherever a script has one. (Each test
/// binary includes this file; not every one has a use for every reason.)
#[allow(dead_code)]
pub const BADCHARSET_LISTED: &str = "NO [BADCHARSET] for an unknown charset: we list the charsets SEARCH and SORT read (RFC 3501 §7.1 allows it); Dovecot lists none";

/// Why a RECENT line differs after a mailbox grew.
#[allow(dead_code)]
pub const RECENT_ALWAYS: &str = "RECENT after EXISTS whenever the mailbox grew (RFC 3501 §7.3.2); Dovecot only when the count changed";

/// The engine's clock in the differential scripts (15 January 2026).
pub const ENGINE_NOW: i64 = 1_768_471_200_000;

/// `count` engine sessions on one fresh demo store, each logged in as
/// alice (its greeting and LOGIN answer taken), at [`ENGINE_NOW`].
pub fn engine_sessions(count: usize) -> Vec<Session> {
    let store = Arc::new(Mutex::new(mailstore::demo::demo_store()));
    (0..count)
        .map(|_| {
            let mut s = Session::new(Arc::clone(&store), SessionOptions::default(), ENGINE_NOW);
            exchange(&mut s, b"x0 LOGIN alice wonderland\r\n", ENGINE_NOW);
            s
        })
        .collect()
}

/// Gives `input` to the session until all is taken, taking its output
/// whenever the output budget stops it; returns the output.
pub fn exchange(s: &mut Session, mut input: &[u8], now: i64) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let taken = s.handle_input(input, now);
        input = &input[taken..];
        while let Some(o) = s.poll_output() {
            if let Output::Bytes(b) = o {
                out.extend_from_slice(&b);
            }
        }
        if input.is_empty() {
            return out;
        }
        assert!(taken > 0, "a drained session takes input");
    }
}

/// Runs a script of several sessions (each letter one session, all logged
/// in as alice) through Dovecot, one `imap` process per letter on one
/// maildir, and through the engine, one session per letter on one store;
/// every command's responses must agree, except the tags in `allowed`.
pub fn sessions_agree_with_dovecot(name: &str, script: &[(char, &str)], allowed: &[(&str, &str)]) {
    let commands = session_commands(script);
    let mut letters: Vec<char> = commands.iter().map(|(who, _, _)| *who).collect();
    letters.sort_unstable();
    letters.dedup();

    let dir = process::temp_dir(name);
    // Each process starts at its session's first command: one at a time,
    // since each start writes the configuration the others read.
    let mut servers: Vec<Option<Dovecot>> = letters.iter().map(|_| None).collect();
    let mut theirs = vec![Vec::new(); letters.len()];
    for (who, tag, bytes) in &commands {
        let i = letters.iter().position(|l| l == who).unwrap();
        let server = servers[i].get_or_insert_with(|| Dovecot::start(&dir));
        theirs[i].extend(server.run(tag, bytes));
    }
    servers.into_iter().flatten().for_each(Dovecot::stop);
    let _ = std::fs::remove_dir_all(&dir);

    let now = ENGINE_NOW;
    let mut sessions = engine_sessions(letters.len());
    let mut ours = vec![Vec::new(); letters.len()];
    for (who, _, bytes) in &commands {
        let i = letters.iter().position(|l| l == who).unwrap();
        ours[i].extend(exchange(&mut sessions[i], bytes, now));
    }

    let theirs: Vec<_> = theirs.iter().flat_map(|t| normalise(t)).collect();
    let ours: Vec<_> = ours.iter().flat_map(|o| normalise(o)).collect();
    assert_eq!(
        theirs.len(),
        commands.len(),
        "dovecot answered every command"
    );
    assert_agree(&theirs, &ours, allowed);
}

/// Fails, listing them, if any command's normalised answers differ between
/// Dovecot (`theirs`) and the engine (`ours`), except the `allowed` tags.
pub fn assert_agree(
    theirs: &[(String, Vec<String>)],
    ours: &[(String, Vec<String>)],
    allowed: &[(&str, &str)],
) {
    let report = differences(theirs, ours, allowed);
    assert!(
        report.is_empty(),
        "{} commands differ from Dovecot:\n{}",
        report.len(),
        report.join("\n")
    );
}

/// Every command whose normalised answers differ, Dovecot's first, except
/// the tags in `allowed`: one readable entry each.
pub fn differences(
    theirs: &[(String, Vec<String>)],
    ours: &[(String, Vec<String>)],
    allowed: &[(&str, &str)],
) -> Vec<String> {
    let mut report = Vec::new();
    for (tag, expected) in theirs {
        if allowed.iter().any(|(t, _)| t == tag) {
            continue;
        }
        let got = ours
            .iter()
            .find(|(t, _)| t == tag)
            .map(|(_, g)| g.clone())
            .unwrap_or_default();
        if &got != expected {
            report.push(format!(
                "{tag}:\n  dovecot: {expected:#?}\n  engine:  {got:#?}"
            ));
        }
    }
    report
}
