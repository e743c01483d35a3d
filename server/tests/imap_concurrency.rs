//! Several clients on one mailbox, over `imap-playground serve
//! --imap-listen` on loopback, doing random FETCH, STORE, EXPUNGE and
//! APPEND at once (issue 17). Each client keeps its own model of the
//! mailbox (the sequence number → UID map it has been told, the flags it
//! was last shown) and checks every answer against it; every message's
//! bytes are checked against what was appended, across clients. The run
//! must end with no failed command (NO or BAD) and no contradiction.
//!
//! Every loop is bounded in count and in time; no assertion is about time.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use imap_syntax::{
    Code, Data, DecoderOptions, FetchValue, Flag, Response, ResponseDecoder, StatusKind,
    StatusResponse,
};

/// Clients running at once.
const CLIENTS: usize = 5;
/// The most commands one client sends.
const MAX_COMMANDS: usize = 2_000;
/// How long the clients keep sending new commands.
const RUN_FOR: Duration = Duration::from_secs(4);
/// The longest any one answer may take before the client gives up.
const ANSWER_WITHIN: Duration = Duration::from_secs(20);
/// The mailbox every client works on.
const MAILBOX: &str = "stress";

#[path = "support/listener.rs"]
mod listener;
use listener::Listener;

/// What one command brought back.
struct Answer {
    untagged: Vec<Data>,
    status: StatusResponse,
}

/// A client on a blocking socket.
struct Client {
    stream: TcpStream,
    dec: ResponseDecoder,
    tag: u32,
}

impl Client {
    fn connect(addr: SocketAddr) -> Client {
        let stream = TcpStream::connect(addr).expect("connect");
        stream
            .set_read_timeout(Some(ANSWER_WITHIN))
            .expect("read timeout");
        let mut c = Client {
            stream,
            dec: ResponseDecoder::new(DecoderOptions::default()),
            tag: 0,
        };
        let greeting = c.response();
        assert!(
            matches!(
                greeting,
                Response::Status(StatusResponse {
                    kind: StatusKind::Ok,
                    ..
                })
            ),
            "greeting: {greeting:?}"
        );
        c
    }

    /// The next whole response; a read that times out fails the test.
    fn response(&mut self) -> Response {
        let mut buf = [0u8; 65536];
        loop {
            if let Some((raw, parsed)) = self.dec.next() {
                return parsed.unwrap_or_else(|e| {
                    panic!("unparsable {:?}: {e}", String::from_utf8_lossy(&raw))
                });
            }
            let n = self.stream.read(&mut buf).expect("an answer in time");
            assert!(n > 0, "the server closed the connection");
            self.dec.push(&buf[..n]);
        }
    }

    /// Sends `command` (with its own tag; literals non-synchronizing) and
    /// collects everything up to the tagged answer.
    fn run(&mut self, command: &[u8]) -> Answer {
        self.tag += 1;
        let tag = format!("t{}", self.tag);
        let mut bytes = format!("{tag} ").into_bytes();
        bytes.extend_from_slice(command);
        bytes.extend_from_slice(b"\r\n");
        self.stream.write_all(&bytes).expect("send");
        let mut untagged = Vec::new();
        loop {
            match self.response() {
                Response::Data(d) => untagged.push(d),
                Response::Status(s) if s.tag.as_ref().is_some_and(|t| t.as_str() == tag) => {
                    return Answer {
                        untagged,
                        status: s,
                    };
                }
                // BYE only before LOGOUT's tagged OK.
                Response::Status(s) => assert!(
                    s.kind == StatusKind::Ok || (s.kind == StatusKind::Bye && command == b"LOGOUT"),
                    "unexpected untagged status {s:?}"
                ),
                Response::Continue(c) => panic!("unexpected continuation {c:?}"),
            }
        }
    }
}

/// A small deterministic generator (xorshift64*), one seed per client.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        usize::try_from(x >> 33).unwrap_or(0) % n.max(1)
    }
}

/// The bytes of every message ever seen, by UID, shared by all clients:
/// a message's bytes never change.
type Contents = Arc<Mutex<HashMap<u32, Vec<u8>>>>;

/// What the clients counted.
#[derive(Debug, Default, Clone)]
struct Tally {
    commands: usize,
    failed: Vec<String>,
    contradictions: Vec<String>,
    by_kind: HashMap<&'static str, usize>,
    expunge_issued: usize,
}

/// One client's model of the selected mailbox.
struct Model {
    /// Sequence number n is `uids[n - 1]`; `None` until a FETCH names it.
    uids: Vec<Option<u32>>,
    /// The flags last shown for each UID.
    flags: HashMap<u32, Vec<Flag>>,
    contents: Contents,
    name: String,
}

impl Model {
    /// Applies the untagged responses of one command and checks them.
    /// `expunge_allowed`: false during FETCH and STORE (RFC 3501 §7.4.1).
    fn apply(&mut self, answer: &Answer, expunge_allowed: bool, tally: &mut Tally, what: &str) {
        let problem = |t: &mut Tally, text: String| {
            t.contradictions
                .push(format!("{}: {what}: {text}", self.name))
        };
        for d in &answer.untagged {
            match d {
                Data::Expunge(n) => {
                    let n = *n as usize;
                    if !expunge_allowed {
                        problem(
                            tally,
                            format!("EXPUNGE {n} during a command that forbids it"),
                        );
                    }
                    if n == 0 || n > self.uids.len() {
                        problem(
                            tally,
                            format!("EXPUNGE {n} with {} messages", self.uids.len()),
                        );
                    } else if let Some(uid) = self.uids.remove(n - 1) {
                        self.flags.remove(&uid);
                    }
                }
                Data::Exists(n) => {
                    let n = *n as usize;
                    if n < self.uids.len() {
                        problem(tally, format!("EXISTS {n} below {}", self.uids.len()));
                    }
                    self.uids.resize(n.max(self.uids.len()), None);
                }
                Data::Fetch { seq, items } => {
                    let n = *seq as usize;
                    if n == 0 || n > self.uids.len() {
                        problem(
                            tally,
                            format!("FETCH {n} with {} messages", self.uids.len()),
                        );
                        continue;
                    }
                    let uid = items.iter().find_map(|i| match i {
                        FetchValue::Uid(u) => Some(*u),
                        _ => None,
                    });
                    let known = self.uids[n - 1];
                    let uid = match (known, uid) {
                        (Some(k), Some(u)) if k != u => {
                            problem(tally, format!("message {n} is UID {u}, was UID {k}"));
                            continue;
                        }
                        (_, Some(u)) => {
                            self.uids[n - 1] = Some(u);
                            u
                        }
                        (Some(k), None) => k,
                        (None, None) => continue,
                    };
                    for item in items {
                        match item {
                            FetchValue::Flags(f) => {
                                self.flags.insert(uid, f.clone());
                            }
                            FetchValue::BodySection {
                                data: Some(bytes),
                                section,
                                origin: None,
                            } if section.part.is_empty() && section.text.is_none() => {
                                let mut all = self.contents.lock().unwrap();
                                match all.get(&uid) {
                                    Some(b) if b != bytes => {
                                        problem(tally, format!("UID {uid} changed its bytes"))
                                    }
                                    Some(_) => {}
                                    None => {
                                        all.insert(uid, bytes.clone());
                                    }
                                }
                            }
                            FetchValue::BodySection { data: None, .. } => {
                                problem(tally, format!("UID {uid}: BODY[] is NIL"));
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        // Known UIDs must stay strictly ascending.
        let known: Vec<u32> = self.uids.iter().flatten().copied().collect();
        if known.windows(2).any(|w| w[0] >= w[1]) {
            problem(tally, format!("UIDs out of order: {known:?}"));
        }
    }
}

fn status_ok(answer: &Answer, tally: &mut Tally, name: &str, what: &str) -> bool {
    if answer.status.kind != StatusKind::Ok {
        tally
            .failed
            .push(format!("{name}: {what}: {:?}", answer.status));
        return false;
    }
    if answer.status.code == Some(Code::ExpungeIssued) {
        tally.expunge_issued += 1;
    }
    true
}

/// One client: login, select, then random commands until the count or the
/// time runs out. The first four commands are one of each kind, so every
/// kind runs however slow the machine is.
fn client(addr: SocketAddr, id: usize, contents: Contents) -> Tally {
    let mut tally = Tally::default();
    let mut c = Client::connect(addr);
    let name = format!("client {id}");
    let login = c.run(b"LOGIN alice wonderland");
    assert_eq!(login.status.kind, StatusKind::Ok, "{name}: LOGIN");
    let mut model = Model {
        uids: Vec::new(),
        flags: HashMap::new(),
        contents,
        name: name.clone(),
    };
    let select = c.run(format!("SELECT {MAILBOX}").as_bytes());
    assert_eq!(select.status.kind, StatusKind::Ok, "{name}: SELECT");
    model.apply(&select, true, &mut tally, "SELECT");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (id as u64 + 1).wrapping_mul(0x1234_5678_9ABC));
    let started = Instant::now();
    let mut appended = 0u32;
    for i in 0..MAX_COMMANDS {
        if i >= 4 && started.elapsed() >= RUN_FOR {
            break;
        }
        let kind = if i < 4 { i } else { rng.below(10) };
        let exists = model.uids.len();
        match kind {
            // FETCH (the most common, as in real clients)
            0 | 4 | 5 | 6 if exists > 0 => {
                let n = rng.below(exists) + 1;
                let m = (n + rng.below(3)).min(exists);
                let what = format!("FETCH {n}:{m}");
                let a = c.run(format!("FETCH {n}:{m} (UID FLAGS BODY.PEEK[])").as_bytes());
                *tally.by_kind.entry("FETCH").or_default() += 1;
                model.apply(&a, false, &mut tally, &what);
                if status_ok(&a, &mut tally, &name, &what) {
                    // Every message named is answered (the store keeps
                    // what another session expunged).
                    for seq in n..=m {
                        let answered = a
                            .untagged
                            .iter()
                            .any(|d| matches!(d, Data::Fetch { seq: s, .. } if *s as usize == seq));
                        if !answered {
                            tally
                                .contradictions
                                .push(format!("{name}: {what}: no FETCH for {seq}"));
                        }
                    }
                }
            }
            // STORE +FLAGS / -FLAGS, on a flag every client changes (\Seen,
            // \Flagged) or on this client's own keyword, which no other
            // client touches.
            1 | 7 | 8 if exists > 0 => {
                let n = rng.below(exists) + 1;
                let own = Flag::Keyword(imap_syntax::Atom::new(format!("c{id}")).expect("an atom"));
                let (sign, flag) = match rng.below(6) {
                    0 => ('+', Flag::Flagged),
                    1 => ('-', Flag::Seen),
                    2 => ('+', Flag::Seen),
                    3 => ('-', Flag::Flagged),
                    4 => ('+', own.clone()),
                    _ => ('-', own.clone()),
                };
                let text = match &flag {
                    Flag::Seen => "\\Seen".to_owned(),
                    Flag::Flagged => "\\Flagged".to_owned(),
                    _ => format!("c{id}"),
                };
                let what = format!("STORE {n} {sign}FLAGS ({text})");
                let a = c.run(what.as_bytes());
                *tally.by_kind.entry("STORE").or_default() += 1;
                // Every FETCH of n in the answer was made after the STORE
                // changed the message: the STORE's own, or a later change by
                // another client (made after this one, so it carries it).
                // Only this client changes its keyword, so each of them must
                // show it as the STORE left it. A shared flag may have been
                // changed back by another client in between: no claim there.
                if flag == own {
                    for d in &a.untagged {
                        if let Data::Fetch { seq, items } = d
                            && *seq as usize == n
                            && let Some(f) = items.iter().find_map(|i| match i {
                                FetchValue::Flags(f) => Some(f),
                                _ => None,
                            })
                            && f.contains(&flag) != (sign == '+')
                        {
                            tally
                                .contradictions
                                .push(format!("{name}: {what}: answered {f:?}"));
                        }
                    }
                }
                model.apply(&a, false, &mut tally, &what);
                status_ok(&a, &mut tally, &name, &what);
            }
            // EXPUNGE one message
            2 | 9 if exists > 0 => {
                let n = rng.below(exists) + 1;
                let what = format!("STORE {n} +FLAGS.SILENT (\\Deleted)");
                let a = c.run(what.as_bytes());
                model.apply(&a, false, &mut tally, &what);
                status_ok(&a, &mut tally, &name, &what);
                let a = c.run(b"EXPUNGE");
                *tally.by_kind.entry("EXPUNGE").or_default() += 1;
                model.apply(&a, true, &mut tally, "EXPUNGE");
                status_ok(&a, &mut tally, &name, "EXPUNGE");
                tally.commands += 1;
            }
            // APPEND (also whenever the mailbox is empty)
            _ => {
                appended += 1;
                let body = format!(
                    "From: client{id}@example.org\r\nSubject: message {appended} of client {id}\r\n\r\nbody {id}.{appended}\r\n"
                );
                let mut cmd = format!("APPEND {MAILBOX} {{{}+}}\r\n", body.len()).into_bytes();
                cmd.extend_from_slice(body.as_bytes());
                let known_before: Vec<u32> = model.uids.iter().flatten().copied().collect();
                let a = c.run(&cmd);
                *tally.by_kind.entry("APPEND").or_default() += 1;
                model.apply(&a, true, &mut tally, "APPEND");
                if status_ok(&a, &mut tally, &name, "APPEND") {
                    let uid = match &a.status.code {
                        Some(Code::AppendUid { uids, .. }) => uids.resolved(u32::MAX).next(),
                        _ => None,
                    };
                    match uid {
                        Some((uid, _)) => {
                            // UIDs only grow: the new one is above every UID
                            // this client was told of before. (Its EXISTS may
                            // never come: another client may expunge it first.)
                            if known_before.iter().any(|k| *k >= uid) {
                                tally
                                    .contradictions
                                    .push(format!("{name}: APPEND: UID {uid} is not new"));
                            }
                            let mut all = model.contents.lock().unwrap();
                            match all.get(&uid) {
                                Some(b) if b != body.as_bytes() => tally
                                    .contradictions
                                    .push(format!("{name}: APPEND: UID {uid} has other bytes")),
                                _ => {
                                    all.insert(uid, body.into_bytes());
                                }
                            }
                        }
                        None => tally
                            .contradictions
                            .push(format!("{name}: APPEND: no APPENDUID")),
                    }
                }
            }
        }
        tally.commands += 1;
        // Now and then, catch up and check the whole map.
        if i % 16 == 15 {
            let a = c.run(b"NOOP");
            model.apply(&a, true, &mut tally, "NOOP");
            status_ok(&a, &mut tally, &name, "NOOP");
            tally.commands += 1;
            let told = model.uids.len();
            if told > 0 {
                let a = c.run(b"FETCH 1:* (UID FLAGS)");
                model.apply(&a, false, &mut tally, "FETCH 1:*");
                status_ok(&a, &mut tally, &name, "FETCH 1:*");
                tally.commands += 1;
                // No EXPUNGE during FETCH, so the first `told` numbers are
                // the ones asked for (an EXISTS may have added more).
                if model.uids.iter().take(told).any(Option::is_none) {
                    tally
                        .contradictions
                        .push(format!("{name}: FETCH 1:* left a number without its UID"));
                }
            }
        }
    }
    let a = c.run(b"LOGOUT");
    assert_eq!(a.status.kind, StatusKind::Ok, "{name}: LOGOUT");
    tally
}

#[test]
fn clients_on_one_mailbox_never_fail_or_contradict_their_model() {
    let server = Listener::start(std::path::Path::new(env!("CARGO_BIN_EXE_imap-playground")))
        .expect("imap-playground serve --imap-listen");
    // The mailbox, with a few messages to start from.
    let mut setup = Client::connect(server.imap);
    assert_eq!(
        setup.run(b"LOGIN alice wonderland").status.kind,
        StatusKind::Ok
    );
    assert_eq!(
        setup
            .run(format!("CREATE {MAILBOX}").as_bytes())
            .status
            .kind,
        StatusKind::Ok
    );
    for k in 0..10 {
        let body = format!("Subject: seed {k}\r\n\r\nseed body {k}\r\n");
        let mut cmd = format!("APPEND {MAILBOX} {{{}+}}\r\n", body.len()).into_bytes();
        cmd.extend_from_slice(body.as_bytes());
        assert_eq!(setup.run(&cmd).status.kind, StatusKind::Ok);
    }
    drop(setup);

    let contents: Contents = Arc::default();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|id| {
            let contents = Arc::clone(&contents);
            let addr = server.imap;
            std::thread::spawn(move || client(addr, id, contents))
        })
        .collect();
    let tallies: Vec<Tally> = clients
        .into_iter()
        .map(|t| t.join().expect("a client panicked"))
        .collect();

    let mut total = Tally::default();
    for t in &tallies {
        total.commands += t.commands;
        total.failed.extend(t.failed.iter().cloned());
        total
            .contradictions
            .extend(t.contradictions.iter().cloned());
        total.expunge_issued += t.expunge_issued;
        for (k, v) in &t.by_kind {
            *total.by_kind.entry(k).or_default() += v;
        }
    }
    eprintln!(
        "{CLIENTS} clients: {} commands ({:?}), {} answered OK [EXPUNGEISSUED], {} failed, {} contradictions",
        total.commands,
        total.by_kind,
        total.expunge_issued,
        total.failed.len(),
        total.contradictions.len()
    );
    for kind in ["FETCH", "STORE", "EXPUNGE", "APPEND"] {
        assert!(
            total.by_kind.get(kind).copied().unwrap_or(0) >= CLIENTS,
            "every client ran {kind}"
        );
    }
    assert!(
        total.failed.is_empty(),
        "{} commands failed:\n{}",
        total.failed.len(),
        total.failed.join("\n")
    );
    assert!(
        total.contradictions.is_empty(),
        "{} contradictions:\n{}",
        total.contradictions.len(),
        total.contradictions.join("\n")
    );
}
