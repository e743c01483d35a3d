//! The engine over plain TCP (`imap_listener`), driven through real
//! loopback sockets: limits, hostile input, several sessions, shutdown and
//! load. Every wait is bounded.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use imap_playground::imap_listener::{ImapOptions, serve_imap};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// How long any single expected line may take (real time).
const WAIT: Duration = Duration::from_secs(10);

/// A listener on 127.0.0.1:0 with its own demo store.
struct Server {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<anyhow::Result<()>>,
}

impl Server {
    async fn start(mut options: ImapOptions) -> Server {
        // Clients the tests keep open would hold each closing connection
        // for the whole grace period.
        options.close_grace = Duration::from_secs(1);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let store = Arc::new(Mutex::new(mailstore::demo::demo_store()));
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(serve_imap(listener, store, options, async {
            let _ = stopped.await;
        }));
        Server {
            addr,
            stop: Some(stop),
            task,
        }
    }

    async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        tokio::time::timeout(WAIT, &mut self.task)
            .await
            .expect("listener stops in time")
            .expect("joined")
            .expect("clean stop");
    }
}

/// A line-oriented IMAP client.
struct Client {
    rd: BufReader<OwnedReadHalf>,
    wr: OwnedWriteHalf,
    /// `None` under a paused clock, where a timeout would fire at once.
    limit: Option<Duration>,
    next_tag: u32,
}

impl Client {
    async fn connect(addr: SocketAddr) -> Client {
        let stream = tokio::time::timeout(WAIT, TcpStream::connect(addr))
            .await
            .expect("connect in time")
            .expect("connect");
        let (rd, wr) = stream.into_split();
        let mut c = Client {
            rd: BufReader::new(rd),
            wr,
            limit: Some(WAIT),
            next_tag: 0,
        };
        let greeting = c.line().await;
        assert!(greeting.starts_with("* OK"), "greeting: {greeting:?}");
        c
    }

    /// The next line with its CRLF; empty at end of stream.
    async fn line(&mut self) -> String {
        let mut line = Vec::new();
        let read = self.rd.read_until(b'\n', &mut line);
        match self.limit {
            Some(limit) => {
                tokio::time::timeout(limit, read)
                    .await
                    .expect("a line in time")
                    .expect("read");
            }
            None => {
                read.await.expect("read");
            }
        }
        String::from_utf8_lossy(&line).into_owned()
    }

    async fn send(&mut self, text: &str) {
        self.wr.write_all(text.as_bytes()).await.expect("write");
    }

    /// Sends `command` with a fresh tag; returns every line up to and
    /// including the tagged one.
    async fn cmd(&mut self, command: &str) -> Vec<String> {
        self.next_tag = self.next_tag.saturating_add(1);
        let tag = format!("T{:04}", self.next_tag);
        self.send(&format!("{tag} {command}\r\n")).await;
        self.until_tagged(&tag).await
    }

    async fn until_tagged(&mut self, tag: &str) -> Vec<String> {
        let prefix = format!("{tag} ");
        let mut lines = Vec::new();
        loop {
            let line = self.line().await;
            assert!(
                !line.is_empty(),
                "connection closed before {tag}: {lines:?}"
            );
            let done = line.starts_with(&prefix);
            lines.push(line);
            if done {
                return lines;
            }
        }
    }

    /// Sends `command` and asserts its tagged status is OK.
    async fn ok(&mut self, command: &str) -> Vec<String> {
        let lines = self.cmd(command).await;
        let last = lines.last().map(String::as_str).unwrap_or_default();
        assert!(last.split(' ').nth(1) == Some("OK"), "{command}: {lines:?}");
        lines
    }

    /// Reads until end of stream; returns everything read (bounded).
    async fn rest(&mut self) -> String {
        let mut all = Vec::new();
        let mut limited = (&mut self.rd).take(4 * 1024 * 1024);
        tokio::time::timeout(WAIT, limited.read_to_end(&mut all))
            .await
            .expect("the server closes in time")
            .expect("read");
        String::from_utf8_lossy(&all).into_owned()
    }
}

/// A second client does real work meanwhile: LOGIN, SELECT, FETCH.
async fn other_client_works(addr: SocketAddr) {
    let mut c = Client::connect(addr).await;
    c.ok("LOGIN bob builder").await;
    let select = c.ok("SELECT INBOX").await;
    assert!(
        select.iter().any(|l| l.ends_with("EXISTS\r\n")),
        "{select:?}"
    );
    let fetch = c.ok("FETCH 1 (UID FLAGS ENVELOPE)").await;
    assert!(
        fetch.iter().any(|l| l.starts_with("* 1 FETCH")),
        "{fetch:?}"
    );
    c.ok("LOGOUT").await;
}

#[tokio::test]
async fn real_client_session_over_tcp() {
    let server = Server::start(ImapOptions::default()).await;
    let mut c = Client::connect(server.addr).await;
    let caps = c.ok("CAPABILITY").await;
    assert!(
        caps.iter()
            .any(|l| l.contains("IMAP4rev1") && l.contains("IDLE"))
    );
    c.ok("LOGIN alice wonderland").await;
    c.ok("SELECT INBOX").await;
    let search = c.ok("UID SEARCH ALL").await;
    assert!(
        search.iter().any(|l| l.starts_with("* SEARCH 1")),
        "{search:?}"
    );
    let bye = c.ok("LOGOUT").await;
    assert!(bye.iter().any(|l| l.starts_with("* BYE")), "{bye:?}");
    assert_eq!(c.rest().await, "", "closed after LOGOUT");
    server.stop().await;
}

#[tokio::test]
async fn connection_limit_says_bye() {
    let options = ImapOptions {
        max_connections: 2,
        ..ImapOptions::default()
    };
    let stats = Arc::clone(&options.stats);
    let server = Server::start(options).await;
    let a = Client::connect(server.addr).await;
    let mut b = Client::connect(server.addr).await;
    let stream = TcpStream::connect(server.addr).await.expect("connect");
    let mut third = Vec::new();
    tokio::time::timeout(WAIT, BufReader::new(stream).read_to_end(&mut third))
        .await
        .expect("refused in time")
        .expect("read");
    let third = String::from_utf8_lossy(&third);
    assert!(third.starts_with("* BYE Too many connections"), "{third:?}");
    // The two admitted clients are unaffected; when one leaves, a new one
    // gets in.
    b.ok("LOGIN bob builder").await;
    drop(a);
    let mut admitted = None;
    for _ in 0..50 {
        let stream = TcpStream::connect(server.addr).await.expect("connect");
        let mut first = String::new();
        let mut rd = BufReader::new(stream);
        tokio::time::timeout(WAIT, rd.read_line(&mut first))
            .await
            .expect("a line in time")
            .expect("read");
        if first.starts_with("* OK") {
            admitted = Some(first);
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(admitted.is_some(), "a freed slot is reused");
    assert!(stats.refused() >= 1, "the refusal was counted");
    assert!(stats.accepted() >= 3);
    server.stop().await;
}

#[tokio::test(start_paused = true)]
async fn autologout_after_thirty_minutes_of_silence() {
    let server = Server::start(ImapOptions::default()).await;
    let mut c = Client::connect(server.addr).await;
    c.limit = None;
    c.ok("LOGIN alice wonderland").await;
    let quiet_from = tokio::time::Instant::now();
    let bye = c.line().await;
    let waited = quiet_from.elapsed();
    assert!(bye.starts_with("* BYE Autologout"), "{bye:?}");
    assert!(
        waited >= Duration::from_secs(30 * 60),
        "logged out after {waited:?}"
    );
    assert!(waited < Duration::from_secs(31 * 60), "{waited:?}");
    assert_eq!(c.line().await, "", "closed after the BYE");
    server.stop().await;
}

#[tokio::test(start_paused = true)]
async fn each_command_moves_the_autologout_deadline() {
    let mut options = ImapOptions::default();
    options.session.autologout_ms = 10_000;
    let server = Server::start(options).await;
    let mut c = Client::connect(server.addr).await;
    c.limit = None;
    let login_at = tokio::time::Instant::now();
    c.ok("LOGIN alice wonderland").await;
    tokio::time::sleep(Duration::from_secs(8)).await;
    c.ok("NOOP").await;
    let quiet_from = tokio::time::Instant::now();
    let bye = c.line().await;
    let waited = quiet_from.elapsed();
    assert!(bye.starts_with("* BYE Autologout"), "{bye:?}");
    // Ten seconds after the NOOP (to the engine's millisecond), not after
    // the LOGIN.
    assert!(waited >= Duration::from_millis(9_999), "{waited:?}");
    assert!(waited < Duration::from_secs(11), "{waited:?}");
    assert!(login_at.elapsed() >= Duration::from_secs(18));
    assert_eq!(c.line().await, "", "closed after the BYE");
    server.stop().await;
}

#[tokio::test]
async fn a_short_autologout_from_the_config_on_the_real_clock() {
    // What `--autologout` sets, shortened (the flag counts seconds), on
    // the wall clock rather than a paused one.
    let config = imap_playground::Config {
        autologout: Duration::from_millis(300),
        ..imap_playground::Config::default()
    };
    let server = Server::start(ImapOptions::from_config(&config)).await;
    let mut c = Client::connect(server.addr).await;
    // The server reads the LOGIN after this instant: its deadline is at
    // least 300 ms later.
    let sent_at = std::time::Instant::now();
    c.ok("LOGIN alice wonderland").await;
    let bye = c.line().await;
    let waited = sent_at.elapsed();
    assert!(bye.starts_with("* BYE Autologout"), "{bye:?}");
    assert!(waited >= Duration::from_millis(300), "{waited:?}");
    assert!(waited < Duration::from_secs(5), "{waited:?}");
    assert_eq!(c.line().await, "", "closed after the BYE");
    // Others are not affected by one logging out.
    let mut d = Client::connect(server.addr).await;
    d.ok("LOGIN bob builder").await;
    server.stop().await;
}

#[tokio::test]
async fn synchronizing_gigabyte_literal_gets_no_continuation() {
    let server = Server::start(ImapOptions::default()).await;
    let mut c = Client::connect(server.addr).await;
    c.ok("LOGIN alice wonderland").await;
    c.send("big APPEND INBOX {1000000000}\r\n").await;
    let reply = c.line().await;
    assert!(
        reply.starts_with("big BAD") || reply.starts_with("big NO"),
        "{reply:?}"
    );
    assert!(!reply.starts_with('+'), "no continuation: {reply:?}");
    // The session goes on.
    c.ok("NOOP").await;
    other_client_works(server.addr).await;
    server.stop().await;
}

#[tokio::test]
async fn non_synchronizing_gigabyte_literal_is_discarded() {
    let server = Server::start(ImapOptions::default()).await;
    let mut c = Client::connect(server.addr).await;
    c.ok("LOGIN alice wonderland").await;
    c.send("big APPEND INBOX {1000000000+}\r\n").await;
    let reply = c.line().await;
    assert!(reply.starts_with("big BAD"), "{reply:?}");
    assert!(reply.contains("Literal too large"), "{reply:?}");
    // 48 MiB of the announced octets (more than the 32 MiB literal limit)
    // flow through and are dropped, not buffered: the writes complete.
    let chunk = vec![b'x'; 1024 * 1024];
    let sending = async {
        for _ in 0..48 {
            if c.wr.write_all(&chunk).await.is_err() {
                return false;
            }
        }
        true
    };
    let accepted = tokio::time::timeout(Duration::from_secs(30), sending)
        .await
        .expect("the server keeps reading (and dropping) the literal");
    assert!(accepted, "the server read the octets");
    other_client_works(server.addr).await;
    server.stop().await;
}

#[tokio::test]
async fn endless_line_is_cut_off() {
    let server = Server::start(ImapOptions::default()).await;
    let mut c = Client::connect(server.addr).await;
    // 200 KiB without a line end, well past the 64 KiB line limit.
    let junk = vec![b'a'; 200 * 1024];
    let _ = c.wr.write_all(&junk).await;
    let rest = c.rest().await;
    assert!(rest.contains("* BAD Line too long"), "{rest:?}");
    assert!(rest.contains("* BYE"), "{rest:?}");
    other_client_works(server.addr).await;
    server.stop().await;
}

#[tokio::test]
async fn garbage_gets_bad_then_bye() {
    let server = Server::start(ImapOptions::default()).await;
    let mut c = Client::connect(server.addr).await;
    let mut garbage = String::new();
    for i in 0..40 {
        garbage.push_str(&format!("\u{1b}[{i}~ ?? ((( {i}\r\n"));
    }
    let _ = c.wr.write_all(garbage.as_bytes()).await;
    let rest = c.rest().await;
    let bads = rest.lines().filter(|l| l.contains(" BAD ")).count();
    assert_eq!(bads, 20, "cut off after 20 BADs in a row: {rest}");
    assert!(rest.contains("* BYE Too many invalid commands"), "{rest}");
    other_client_works(server.addr).await;
    server.stop().await;
}

#[tokio::test]
async fn a_client_that_never_reads_is_not_buffered_without_bound() {
    let options = ImapOptions::default();
    let stats = Arc::clone(&options.stats);
    let max_unsent = options.session.max_queued_output;
    let server = Server::start(options).await;
    let stream = TcpStream::connect(server.addr).await.expect("connect");
    let (_rd, mut wr) = stream.into_split();
    // Each command asks for every message body of INBOX; the client never
    // reads. If the server kept answering, it would buffer gigabytes.
    wr.write_all(b"a LOGIN alice wonderland\r\nb SELECT INBOX\r\n")
        .await
        .expect("write");
    let flood = async move {
        let line = b"f FETCH 1:* (BODY.PEEK[])\r\n".repeat(1000);
        for _ in 0..2000 {
            if wr.write_all(&line).await.is_err() {
                return "closed";
            }
        }
        "all written"
    };
    let flood = tokio::spawn(flood);
    // Meanwhile others work normally, more than once.
    for _ in 0..3 {
        tokio::time::timeout(WAIT, other_client_works(server.addr))
            .await
            .expect("others are not disturbed");
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    // 2,000,000 FETCH commands (54 MB, more than any socket buffers) would
    // need far more output than the bound: the server stopped reading, so
    // the writer is stuck.
    assert!(
        !flood.is_finished(),
        "the server kept reading a client that never reads"
    );
    flood.abort();
    // And what it holds for that client is the bound plus one response.
    let inbox: usize = mailstore::demo::demo_store()
        .account("alice")
        .and_then(|a| a.mailbox("INBOX"))
        .map(|m| m.messages().iter().map(|m| m.raw.len() + 256).sum())
        .expect("alice's INBOX");
    let peak = stats.peak_unsent();
    eprintln!("peak unsent {peak}, bound {max_unsent}, one FETCH about {inbox}");
    assert!(peak >= max_unsent, "the flood reached the bound: {peak}");
    assert!(
        peak < max_unsent + inbox,
        "held {peak} octets; bound {max_unsent} + one FETCH of {inbox}"
    );
    server.stop().await;
}

#[tokio::test]
async fn a_pipelined_burst_is_answered_whole_and_in_order() {
    // A small output budget: the session stops after almost every command
    // and the connection gives it the rest of the burst again once the
    // output is written.
    let mut options = ImapOptions::default();
    options.session.max_queued_output = 4096;
    let server = Server::start(options).await;
    let mut c = Client::connect(server.addr).await;
    c.ok("LOGIN alice wonderland").await;
    c.ok("SELECT INBOX").await;
    let mut burst = String::new();
    let mut tags = Vec::new();
    for i in 0..30 {
        burst.push_str(&format!("f{i} FETCH 1:* (BODY.PEEK[])\r\nn{i} NOOP\r\n"));
        tags.extend([format!("f{i}"), format!("n{i}")]);
    }
    burst.push_str("i1 IDLE\r\nDONE\r\nz1 NOOP\r\n");
    tags.extend(["i1".to_string(), "z1".to_string()]);
    c.send(&burst).await;
    let mut answered = Vec::new();
    let mut fetched = 0;
    while answered.last() != Some(&"z1".to_string()) {
        let line = c.line().await;
        assert!(!line.is_empty(), "closed after {answered:?}");
        if line.starts_with("* ") && line.contains(" FETCH (BODY[] {") {
            fetched += 1;
        }
        let mut words = line.split(' ');
        if let (Some(tag), Some("OK")) = (words.next(), words.next())
            && tags.iter().any(|t| t == tag)
        {
            answered.push(tag.to_string());
        }
    }
    assert_eq!(answered, tags, "every command answered, in order");
    assert_eq!(fetched, 30 * 32, "every message of every FETCH");
    server.stop().await;
}

#[tokio::test]
async fn idle_sees_another_sessions_append_and_noop_sees_flags() {
    let server = Server::start(ImapOptions::default()).await;
    let mut a = Client::connect(server.addr).await;
    let mut b = Client::connect(server.addr).await;
    a.ok("LOGIN alice wonderland").await;
    let select = a.ok("SELECT INBOX").await;
    let exists: u32 = select
        .iter()
        .find_map(|l| {
            l.strip_prefix("* ")?
                .strip_suffix(" EXISTS\r\n")?
                .parse()
                .ok()
        })
        .expect("EXISTS");
    a.send("idle IDLE\r\n").await;
    let cont = a.line().await;
    assert!(cont.starts_with("+ "), "{cont:?}");

    b.ok("LOGIN alice wonderland").await;
    let message = "From: b@example.org\r\nSubject: over tcp\r\n\r\nhello\r\n";
    b.send(&format!(
        "ap APPEND INBOX {{{}+}}\r\n{message}\r\n",
        message.len()
    ))
    .await;
    let appended = b.until_tagged("ap").await;
    assert!(
        appended.last().is_some_and(|l| l.starts_with("ap OK")),
        "{appended:?}"
    );
    let started = std::time::Instant::now();
    let seen = tokio::time::timeout(Duration::from_secs(1), a.line())
        .await
        .expect("IDLE hears of the append within a second");
    assert_eq!(seen, format!("* {} EXISTS\r\n", exists + 1));
    assert!(started.elapsed() < Duration::from_secs(1));
    // Drain whatever else IDLE reports (RECENT), then end it.
    a.send("DONE\r\n").await;
    let done = a.until_tagged("idle").await;
    assert!(
        done.last().is_some_and(|l| l.starts_with("idle OK")),
        "{done:?}"
    );

    b.ok("SELECT INBOX").await;
    b.ok("STORE 1 +FLAGS (\\Flagged)").await;
    let noop = a.ok("NOOP").await;
    assert!(
        noop.iter()
            .any(|l| l.starts_with("* 1 FETCH (FLAGS (") && l.contains("\\Flagged")),
        "{noop:?}"
    );
    server.stop().await;
}

#[tokio::test]
async fn classroom_accounts_are_separate_and_capped() {
    let mut options = ImapOptions::default();
    options.session.classroom_password = Some("class".into());
    options.session.max_accounts = 4; // alice, bob and two students
    let server = Server::start(options).await;
    let mut ann = Client::connect(server.addr).await;
    ann.ok("LOGIN ann class").await;
    ann.ok("CREATE ann-notes").await;
    let mut ben = Client::connect(server.addr).await;
    ben.ok("LOGIN ben class").await;
    let list = ben.ok("LIST \"\" *").await;
    assert!(list.iter().any(|l| l.contains("INBOX")), "{list:?}");
    assert!(!list.iter().any(|l| l.contains("ann-notes")), "{list:?}");
    let own = ann.ok("LIST \"\" ann*").await;
    assert!(own.iter().any(|l| l.contains("ann-notes")), "{own:?}");
    let mut cat = Client::connect(server.addr).await;
    let full = cat.cmd("LOGIN cat class").await;
    assert!(
        full.last().is_some_and(|l| l.contains(" NO [LIMIT]")),
        "{full:?}"
    );
    server.stop().await;
}

#[tokio::test]
async fn shutdown_says_bye_to_every_client() {
    let server = Server::start(ImapOptions::default()).await;
    let mut a = Client::connect(server.addr).await;
    let mut b = Client::connect(server.addr).await;
    a.ok("LOGIN alice wonderland").await;
    b.ok("LOGIN bob builder").await;
    b.ok("SELECT INBOX").await;
    b.send("i IDLE\r\n").await;
    assert!(b.line().await.starts_with("+ "));
    server.stop().await;
    for c in [&mut a, &mut b] {
        let rest = c.rest().await;
        assert!(rest.contains("* BYE Server shutting down"), "{rest:?}");
    }
}

/// Everything a client that pipelines `script` at once gets, until the
/// server closes, from a listener whose FETCH batches are `fetch_batch`
/// octets; another client works meanwhile (in another mailbox, so the
/// answer does not depend on when).
async fn pipelined_answer(script: &str, fetch_batch: usize) -> String {
    let mut options = ImapOptions::default();
    options.session.fetch_batch = fetch_batch;
    let server = Server::start(options).await;
    let mut c = Client::connect(server.addr).await;
    c.send(script).await;
    let mut other = Client::connect(server.addr).await;
    other.ok("LOGIN alice wonderland").await;
    other.ok("SELECT Archive").await;
    other.ok("STORE 1:* +FLAGS (\\Flagged)").await;
    let rest = c.rest().await;
    server.stop().await;
    rest
}

#[tokio::test]
async fn a_fetch_in_batches_answers_as_a_whole_fetch_does() {
    let script = "a LOGIN alice wonderland\r\nb SELECT INBOX\r\n\
        c FETCH 1:* (UID FLAGS BODY[])\r\nd UID FETCH 1:* (FLAGS ENVELOPE)\r\n\
        e NOOP\r\nf LOGOUT\r\n";
    let whole = pipelined_answer(script, 0).await;
    assert!(whole.contains("\r\nc OK") && whole.ends_with("f OK Logout completed\r\n"));
    for batch in [1, 4096] {
        let batched = pipelined_answer(script, batch).await;
        assert!(
            batched == whole,
            "batches of {batch} octets answered otherwise"
        );
    }
}

/// What one load client did.
#[derive(Default)]
struct LoadReport {
    appended_uids: Vec<u32>,
}

async fn load_client(addr: SocketAddr, i: usize, appends: usize) -> LoadReport {
    let mut c = Client::connect(addr).await;
    let mut report = LoadReport::default();
    let (user, pass) = if i.is_multiple_of(2) {
        ("alice", "wonderland")
    } else {
        ("bob", "builder")
    };
    c.ok(&format!("LOGIN {user} {pass}")).await;
    if i.is_multiple_of(3) {
        let own = format!("Load{i}");
        c.ok(&format!("CREATE {own}")).await;
        c.ok(&format!("SELECT {own}")).await;
    } else {
        c.ok("SELECT INBOX").await;
        c.ok("FETCH 1:3 (UID FLAGS RFC822.SIZE)").await;
        c.ok(&format!("STORE 1 +FLAGS (load{i})")).await;
    }
    for n in 0..appends {
        let msg =
            format!("From: c{i}@example.org\r\nSubject: load {i}/{n}\r\n\r\nbody {i} {n}\r\n");
        let lines = c
            .ok(&format!("APPEND Shared {{{}+}}\r\n{msg}", msg.len()))
            .await;
        let tagged = lines.last().cloned().unwrap_or_default();
        // `Tnnnn OK [APPENDUID validity uid] ...`
        let uid = tagged
            .split("APPENDUID ")
            .nth(1)
            .and_then(|r| r.split([' ', ']']).nth(1))
            .and_then(|u| u.parse().ok())
            .unwrap_or_else(|| panic!("APPENDUID in {tagged:?}"));
        report.appended_uids.push(uid);
        c.ok("NOOP").await;
    }
    c.ok("LOGOUT").await;
    report
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_clients_lose_nothing() {
    const CLIENTS: usize = 200;
    const APPENDS: usize = 3;
    let server = Server::start(ImapOptions::default()).await;
    // The shared mailbox, in alice's and bob's accounts.
    for (user, pass) in [("alice", "wonderland"), ("bob", "builder")] {
        let mut c = Client::connect(server.addr).await;
        c.ok(&format!("LOGIN {user} {pass}")).await;
        c.ok("CREATE Shared").await;
        c.ok("LOGOUT").await;
    }
    let started = std::time::Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|i| tokio::spawn(load_client(server.addr, i, APPENDS)))
        .collect();
    let reports = tokio::time::timeout(Duration::from_secs(20), async {
        let mut reports = Vec::new();
        for c in clients {
            reports.push(c.await.expect("a load client failed"));
        }
        reports
    })
    .await
    .expect("200 clients finish within 20 seconds");
    let elapsed = started.elapsed();
    // Per account: UIDs unique, and the mailbox holds exactly what was
    // appended.
    for (parity, user, pass) in [(0, "alice", "wonderland"), (1, "bob", "builder")] {
        let uids: Vec<u32> = reports
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == parity)
            .flat_map(|(_, r)| r.appended_uids.iter().copied())
            .collect();
        let unique: HashSet<u32> = uids.iter().copied().collect();
        assert_eq!(unique.len(), uids.len(), "{user}: APPENDUIDs are unique");
        assert_eq!(uids.len(), CLIENTS / 2 * APPENDS);
        let mut c = Client::connect(server.addr).await;
        c.ok(&format!("LOGIN {user} {pass}")).await;
        let status = c.ok("STATUS Shared (MESSAGES)").await;
        assert!(
            status.contains(&format!("* STATUS Shared (MESSAGES {})\r\n", uids.len())),
            "{user}: {status:?}"
        );
        c.ok("EXAMINE Shared").await;
        let fetched = c.ok("UID SEARCH ALL").await;
        let found: HashSet<u32> = fetched
            .iter()
            .find_map(|l| l.strip_prefix("* SEARCH"))
            .unwrap_or_default()
            .split_whitespace()
            .filter_map(|u| u.parse().ok())
            .collect();
        assert_eq!(
            found, unique,
            "{user}: the stored UIDs are the appended ones"
        );
    }
    eprintln!("200 clients × {APPENDS} appends in {elapsed:?}");
    server.stop().await;
}
