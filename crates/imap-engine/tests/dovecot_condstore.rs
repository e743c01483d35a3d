//! CONDSTORE (RFC 7162) against real Dovecot 2.3, sessions as in
//! `dovecot_extensions.rs`, with two things of its own:
//!
//! - **Modseq values are not compared.** Each server numbers its changes
//!   its own way (Dovecot gives every message a STORE changes one modseq,
//!   the store here one modseq per message changed), so every modseq in an
//!   answer (`HIGHESTMODSEQ`, `MODSEQ (n)`, STATUS's value, SEARCH's
//!   `(MODSEQ n)`) is replaced by `N` before comparing ([`blank_modseqs`]).
//!   Presence and place are still compared.
//! - **The relations are compared instead**, through what the commands
//!   that take a modseq select: a script line may say `$H`, which becomes,
//!   for each server separately, the last HIGHESTMODSEQ that session was
//!   told (by SELECT, EXAMINE, ENABLE, STATUS or EXPUNGE's OK); `$F` the
//!   first one; `$V` the last UIDVALIDITY. So `CHANGEDSINCE $H`,
//!   `UNCHANGEDSINCE $H`, `SEARCH MODSEQ $H` and `QRESYNC ($V $F)` ask both
//!   servers the same question, "since what I saw then", and which messages
//!   they answer for, which a STORE refuses in `[MODIFIED ...]` and which
//!   UIDs VANISHED names must agree.

#[path = "support/differential.rs"]
#[allow(dead_code)]
mod differential;

use differential::{Dovecot, exchange, normalise, process};
use imap_syntax::{
    Code, Data, DecoderOptions, Response, ResponseDecoder, StatusItem, StatusResponse,
};

/// Replaces the digits after each modseq in a normalised response by `N`.
fn blank_modseqs(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = ["ModSeq(", "HighestModSeq, ", "modseq: "]
        .iter()
        .filter_map(|p| rest.find(p).map(|i| (i, i + p.len())))
        .min()
    {
        out.push_str(&rest[..at.1]);
        rest = rest[at.1..].trim_start_matches(|c: char| c.is_ascii_digit());
        out.push('N');
    }
    out.push_str(rest);
    out
}

/// What `$H`, `$F` and `$V` stand for in a session's next line.
#[derive(Debug, Default, Clone, Copy)]
struct Told {
    /// The last HIGHESTMODSEQ (a code or a STATUS item).
    highest: Option<u64>,
    /// The first one.
    first: Option<u64>,
    /// The last UIDVALIDITY.
    uid_validity: Option<u32>,
}

/// What a session was told in `bytes`.
fn told(bytes: &[u8]) -> Told {
    let mut dec = ResponseDecoder::new(DecoderOptions::default());
    dec.push(bytes);
    let mut t = Told::default();
    let modseq = |t: &mut Told, n: u64| {
        t.highest = Some(n);
        t.first = t.first.or(Some(n));
    };
    while let Some((_, parsed)) = dec.next() {
        match parsed {
            Ok(Response::Status(StatusResponse {
                code: Some(Code::HighestModSeq(n)),
                ..
            })) => modseq(&mut t, n),
            Ok(Response::Status(StatusResponse {
                code: Some(Code::UidValidity(v)),
                ..
            })) => t.uid_validity = Some(v),
            Ok(Response::Data(Data::Status { items, .. })) => {
                for (item, n) in items {
                    if item == StatusItem::HighestModSeq {
                        modseq(&mut t, n);
                    }
                }
            }
            _ => {}
        }
    }
    t
}

/// The command bytes of a script line for one server, `$H`, `$F` and
/// `$V` replaced by what that session was told; `{APPEND box (flags)}` as
/// in `differential::session_commands`.
fn bytes_of(line: &str, t: Told, appends: &mut u32) -> (String, Vec<u8>) {
    if let Some(args) = line
        .strip_prefix("{APPEND ")
        .and_then(|s| s.strip_suffix('}'))
    {
        *appends += 1;
        let tag = format!("p{appends}");
        let body = "Subject: hi\r\n\r\nhello\r\n";
        let bytes = format!("{tag} APPEND {args} {{{}+}}\r\n{body}\r\n", body.len());
        return (tag, bytes.into_bytes());
    }
    let mut line = line.to_string();
    for (name, value) in [
        ("$H", t.highest),
        ("$F", t.first),
        ("$V", t.uid_validity.map(u64::from)),
    ] {
        if line.contains(name) {
            let v = value.unwrap_or_else(|| panic!("{line}: {name} before it was told"));
            line = line.replace(name, &v.to_string());
        }
    }
    let tag = line.split(' ').next().unwrap_or_default().to_string();
    (tag, format!("{line}\r\n").into_bytes())
}

/// Runs the script through Dovecot and the engine (sessions by letter, all
/// alice) and compares every command's answers, modseqs blanked, except
/// the tags in `allowed`.
fn condstore_agrees(name: &str, script: &[(char, &str)], allowed: &[(&str, &str)]) {
    let mut letters: Vec<char> = script.iter().map(|(who, _)| *who).collect();
    letters.sort_unstable();
    letters.dedup();
    let at = |who: char| letters.iter().position(|l| *l == who).unwrap();

    let dir = process::temp_dir(name);
    let mut servers: Vec<Option<Dovecot>> = letters.iter().map(|_| None).collect();
    let mut theirs = vec![Vec::new(); letters.len()];
    let mut appends = 0;
    for (who, line) in script {
        let i = at(*who);
        let (tag, bytes) = bytes_of(line, told(&theirs[i]), &mut appends);
        let server = servers[i].get_or_insert_with(|| Dovecot::start(&dir));
        theirs[i].extend(server.run(&tag, &bytes));
    }
    servers.into_iter().flatten().for_each(Dovecot::stop);
    let _ = std::fs::remove_dir_all(&dir);

    let now = differential::ENGINE_NOW;
    let mut sessions = differential::engine_sessions(letters.len());
    let mut ours = vec![Vec::new(); letters.len()];
    let mut appends = 0;
    for (who, line) in script {
        let i = at(*who);
        let (_, bytes) = bytes_of(line, told(&ours[i]), &mut appends);
        ours[i].extend(exchange(&mut sessions[i], &bytes, now));
    }

    let blank = |groups: Vec<(String, Vec<String>)>| -> Vec<(String, Vec<String>)> {
        groups
            .into_iter()
            .map(|(t, lines)| (t, lines.iter().map(|l| blank_modseqs(l)).collect()))
            .collect()
    };
    let theirs: Vec<_> = theirs.iter().flat_map(|t| blank(normalise(t))).collect();
    let ours: Vec<_> = ours.iter().flat_map(|o| blank(normalise(o))).collect();
    assert_eq!(theirs.len(), script.len(), "dovecot answered every command");
    differential::assert_agree(&theirs, &ours, allowed);
}

#[test]
fn blanking_keeps_everything_but_the_digits() {
    assert_eq!(
        blank_modseqs("Fetch { seq: 1, items: [Uid(4), ModSeq(12), Flags([])] }"),
        "Fetch { seq: 1, items: [Uid(4), ModSeq(N), Flags([])] }"
    );
    assert_eq!(
        blank_modseqs("SearchModSeq { numbers: [1, 2], modseq: 917 } (HighestModSeq, 5)"),
        "SearchModSeq { numbers: [1, 2], modseq: N } (HighestModSeq, N)"
    );
    assert_eq!(
        blank_modseqs("Some(HighestModSeq(7))"),
        "Some(HighestModSeq(N))"
    );
}

/// Two sessions on one mailbox, `cs`, with CONDSTORE turned on each of
/// its ways: the HIGHESTMODSEQ of SELECT, EXAMINE, ENABLE and STATUS;
/// MODSEQ in FETCH answers and in the FETCHes of flag changes (own and
/// the other session's, `.SILENT` too); CHANGEDSINCE after flag changes;
/// UNCHANGEDSINCE conflicts (`[MODIFIED ...]`, by number and by UID, and
/// 0, which always fails); SEARCH MODSEQ with and without an entry name,
/// with its `(MODSEQ n)`; an EXPUNGE in between.
const CONDSTORE: &[(char, &str)] = &[
    ('A', "a1 ENABLE CONDSTORE"),
    ('A', "a2 CREATE cs"),
    ('A', "{APPEND cs}"),
    ('A', "{APPEND cs (\\Seen)}"),
    ('A', "{APPEND cs}"),
    ('A', "{APPEND cs (\\Deleted)}"),
    ('A', "a3 STATUS cs (MESSAGES HIGHESTMODSEQ UIDNEXT)"),
    ('A', "a4 SELECT cs"),
    ('A', "a5 FETCH 1:* (FLAGS MODSEQ)"),
    ('B', "b1 SELECT cs (CONDSTORE)"),
    ('B', "b2 UID STORE 1 +FLAGS (\\Flagged)"),
    ('A', "a6 UID FETCH 1:* (FLAGS) (CHANGEDSINCE $H)"),
    ('A', "a7 NOOP"),
    (
        'A',
        "a8 UID STORE 1:3 (UNCHANGEDSINCE $H) +FLAGS (\\Answered)",
    ),
    ('B', "b3 NOOP"),
    ('B', "b4 UID SEARCH MODSEQ $H"),
    ('B', "b5 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 0)"),
    ('B', "b6 STORE 2 (UNCHANGEDSINCE 0) -FLAGS (\\Answered)"),
    ('B', "b7 SEARCH MODSEQ $H"),
    ('B', "b8 SEARCH MODSEQ 1 NOT MODSEQ 1"),
    ('B', "b8a SEARCH RETURN (MIN MAX COUNT ALL) MODSEQ $H"),
    ('B', "b8b UID SEARCH RETURN (MIN) MODSEQ 1"),
    ('B', "b8c SEARCH RETURN (COUNT) MODSEQ 1 NOT MODSEQ 1"),
    ('B', "b8d UID SEARCH RETURN () MODSEQ 1 UNSEEN"),
    ('A', "a9 EXAMINE cs (CONDSTORE)"),
    ('A', "a10 FETCH 1:* (UID FLAGS) (CHANGEDSINCE $H)"),
    ('B', "b9 UID STORE 3 FLAGS.SILENT (\\Seen)"),
    ('A', "a11 NOOP"),
    ('A', "a12 UID FETCH 1:* (FLAGS) (CHANGEDSINCE $H)"),
    ('A', "a13 UID SEARCH MODSEQ \"/flags/\\\\seen\" all $H"),
    ('B', "b10 EXPUNGE"),
    ('A', "a14 NOOP"),
    ('A', "a15 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 1)"),
    ('A', "a16 ENABLE CONDSTORE"),
    ('C', "c1 SELECT cs"),
    ('C', "c2 FETCH 1 (FLAGS)"),
    ('C', "c3 FETCH 2 (MODSEQ)"),
];

/// Differences we keep on purpose in [`CONDSTORE`], by tag, with the reason.
const CONDSTORE_ALLOWED: &[(&str, &str)] = &[
    (
        "a6",
        "a flag change told under CONDSTORE: we send UID and MODSEQ with FLAGS, as RFC 7162 §3.1 asks; Dovecot sends MODSEQ and FLAGS only (outside UID commands)",
    ),
    (
        "a11",
        "as a6: UID in the FETCH of another session's flag change",
    ),
    (
        "b3",
        "as a6: UID in the FETCH of another session's flag change",
    ),
    (
        "a13",
        "SEARCH MODSEQ with an entry name: we compare the message's modseq (RFC 7162 §3.1.5 allows a server to ignore the entry); Dovecot keeps modseqs per flag and also found a message whose \\Seen did not change",
    ),
    (
        "c1",
        "SELECT by a session that never used CONDSTORE: we tell HIGHESTMODSEQ only to sessions that turned CONDSTORE on; Dovecot tells every session once any client has used CONDSTORE on that mailbox",
    ),
];

#[test]
fn condstore_agrees_with_dovecot() {
    condstore_agrees(
        "imap-engine-dovecot-condstore",
        CONDSTORE,
        CONDSTORE_ALLOWED,
    );
}

/// QRESYNC (RFC 7162 §3.2): session A resynchronises after session B
/// expunged and changed messages while A was away: SELECT with QRESYNC
/// (with and without known UIDs), UID FETCH with VANISHED, VANISHED instead
/// of EXPUNGE (for its own EXPUNGE and another session's), HIGHESTMODSEQ in
/// EXPUNGE's OK, and the BAD answers. Then the order of what one command
/// hears at once: a flag change and an expunge in a plain session (D), and
/// with a new message too (appended by E, which has nothing selected) under
/// QRESYNC (A): the FETCH first, numbered as before the expunge, then
/// EXPUNGE or VANISHED, then EXISTS and RECENT. Last, B's own APPEND, whose
/// OK carries APPENDUID, tells HIGHESTMODSEQ in an untagged OK before it.
const QRESYNC: &[(char, &str)] = &[
    ('A', "q1 ENABLE QRESYNC"),
    ('A', "q2 CREATE qr"),
    ('A', "{APPEND qr}"),
    ('A', "{APPEND qr (\\Seen)}"),
    ('A', "{APPEND qr}"),
    ('A', "{APPEND qr}"),
    ('A', "{APPEND qr}"),
    ('A', "{APPEND qr}"),
    ('A', "q3 SELECT qr"),
    ('A', "q4 UNSELECT"),
    ('B', "r1 ENABLE CONDSTORE QRESYNC"),
    ('B', "r2 SELECT qr"),
    ('B', "r3 STORE 2:3 +FLAGS (\\Deleted)"),
    ('B', "r4 EXPUNGE"),
    ('B', "r5 UID STORE 5 +FLAGS (\\Seen)"),
    ('B', "r6 UID STORE 6 +FLAGS (\\Deleted)"),
    ('B', "r7 UID EXPUNGE 6"),
    ('A', "q5 SELECT qr (QRESYNC ($V $H))"),
    ('A', "q6 UNSELECT"),
    ('A', "q7 EXAMINE qr (QRESYNC ($V $F 1:3,5))"),
    ('A', "q8 SELECT qr (QRESYNC ($V $F 1:10 (1:3 1,4,5)))"),
    ('A', "q9 UID FETCH 1:* (FLAGS) (CHANGEDSINCE $F VANISHED)"),
    ('A', "q10 UID FETCH 4:* (FLAGS) (CHANGEDSINCE $H VANISHED)"),
    ('B', "r8 STORE 1 +FLAGS (\\Flagged)"),
    ('A', "q11 NOOP"),
    ('B', "r9 STORE 1 +FLAGS.SILENT (\\Deleted)"),
    ('B', "r10 EXPUNGE"),
    ('A', "q12 NOOP"),
    ('D', "d1 SELECT qr"),
    ('B', "r11 STORE 2 +FLAGS (\\Answered)"),
    ('B', "r12 STORE 1 +FLAGS.SILENT (\\Deleted)"),
    ('B', "r13 EXPUNGE"),
    ('D', "d2 NOOP"),
    ('E', "{APPEND qr}"),
    ('A', "q12b NOOP"),
    ('B', "{APPEND qr}"),
    ('A', "q13 SELECT qr (QRESYNC (4000000000 1))"),
    ('A', "q14 FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)"),
    ('C', "s1 SELECT qr (QRESYNC (1 1))"),
];

/// Differences we keep on purpose in [`QRESYNC`], by tag, with the reason.
const QRESYNC_ALLOWED: &[(&str, &str)] = &[(
    "d1",
    "SELECT by a session that never used CONDSTORE: we tell HIGHESTMODSEQ only to sessions that turned CONDSTORE on (as c1 of the CONDSTORE script)",
)];

#[test]
fn qresync_agrees_with_dovecot() {
    condstore_agrees("imap-engine-dovecot-qresync", QRESYNC, QRESYNC_ALLOWED);
}
