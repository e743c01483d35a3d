//! What a driver relies on: the timer (`poll_timeout`, `handle_timeout`),
//! IDLE's news (`store_changed`), and the output budget of `handle_input`
//! (a pipelined burst is taken in parts, nothing lost, order kept).

use std::sync::{Arc, Mutex, OnceLock};

use imap_engine::{Need, Output, Session, SessionOptions, SessionState, SharedStore};
use proptest::prelude::*;

/// 2026-01-15 10:00:00 UTC.
const START: i64 = 1_768_471_200_000;
const MINUTE: i64 = 60_000;
const AUTOLOGOUT: i64 = 30 * MINUTE;

fn fresh_store() -> SharedStore {
    static TEMPLATE: OnceLock<mailstore::Store> = OnceLock::new();
    let store = TEMPLATE.get_or_init(mailstore::demo::demo_store).clone();
    Arc::new(Mutex::new(store))
}

/// Everything queued, as text; `"<close>"` for `Output::Close`.
fn take(s: &mut Session) -> Vec<String> {
    let mut out = Vec::new();
    while let Some(o) = s.poll_output() {
        out.push(match o {
            Output::Bytes(b) => String::from_utf8_lossy(&b).into_owned(),
            Output::Close => "<close>".into(),
        });
    }
    out
}

/// Sends one whole input (it must be taken at once) and returns the output.
fn send(s: &mut Session, input: &str, now: i64) -> Vec<String> {
    assert_eq!(
        s.handle_input(input.as_bytes(), now),
        input.len(),
        "{input}"
    );
    take(s)
}

fn opened(options: SessionOptions, now: i64) -> Session {
    let mut s = Session::new(fresh_store(), options, now);
    take(&mut s);
    s
}

/// A session whose queued output is always over its budget (0 bytes).
fn without_output_budget() -> Session {
    let options = SessionOptions {
        max_queued_output: 0,
        ..SessionOptions::default()
    };
    opened(options, START)
}

#[test]
fn autologout_comes_exactly_at_the_deadline_and_input_moves_it() {
    let mut s = opened(SessionOptions::default(), START);
    assert_eq!(s.poll_timeout(), Some(START + AUTOLOGOUT));
    // Early calls do nothing, however often.
    s.handle_timeout(START);
    s.handle_timeout(START + AUTOLOGOUT - 1);
    assert!(take(&mut s).is_empty());
    assert_eq!(s.need(), Need::Line);

    // Input ten minutes in moves the deadline to forty minutes.
    send(&mut s, "a1 LOGIN alice wonderland\r\n", START + 10 * MINUTE);
    assert_eq!(s.poll_timeout(), Some(START + 40 * MINUTE));
    s.handle_timeout(START + AUTOLOGOUT);
    assert!(take(&mut s).is_empty(), "the old deadline is gone");

    s.handle_timeout(START + 40 * MINUTE - 1);
    assert!(take(&mut s).is_empty(), "not a millisecond early");
    s.handle_timeout(START + 40 * MINUTE);
    assert_eq!(
        take(&mut s),
        ["* BYE Autologout: idle for too long\r\n", "<close>"]
    );
    assert_eq!(s.state(), SessionState::Logout);
    assert_eq!(s.poll_timeout(), None, "no deadline after the end");
    s.handle_timeout(START + 41 * MINUTE);
    assert!(take(&mut s).is_empty(), "one BYE only");
}

#[test]
fn a_late_timer_still_logs_out_once() {
    let mut s = opened(SessionOptions::default(), START);
    // A driver that wakes late (a suspended laptop) is not an error.
    s.handle_timeout(START + 5 * AUTOLOGOUT);
    assert_eq!(take(&mut s).len(), 2, "BYE and close");
    assert_eq!(s.poll_timeout(), None);
}

#[test]
fn no_deadline_after_logout() {
    let mut s = opened(SessionOptions::default(), START);
    let out = send(&mut s, "a1 LOGOUT\r\n", START + MINUTE);
    assert_eq!(out.last().map(String::as_str), Some("<close>"));
    assert_eq!(s.poll_timeout(), None);
    s.handle_timeout(START + 2 * AUTOLOGOUT);
    assert!(take(&mut s).is_empty());
}

#[test]
fn the_autologout_option_sets_the_deadline() {
    let options = SessionOptions {
        autologout_ms: 1500,
        ..SessionOptions::default()
    };
    let mut s = opened(options, START);
    assert_eq!(s.poll_timeout(), Some(START + 1500));
    s.handle_timeout(START + 1500);
    assert_eq!(take(&mut s).len(), 2);
}

#[test]
fn no_deadline_while_the_driver_runs_the_tls_handshake() {
    let options = SessionOptions {
        starttls_offered: true,
        ..SessionOptions::default()
    };
    let mut s = opened(options, START);
    let out = send(&mut s, "a1 STARTTLS\r\n", START + MINUTE);
    assert!(out[0].starts_with("a1 OK"), "{out:?}");
    assert!(s.tls_requested());
    assert_eq!(s.poll_timeout(), None, "the driver bounds the handshake");
    s.handle_timeout(START + 2 * AUTOLOGOUT);
    assert!(
        take(&mut s).is_empty(),
        "no BYE in the middle of a handshake"
    );
    s.tls_established();
    assert_eq!(s.poll_timeout(), Some(START + MINUTE + AUTOLOGOUT));
}

#[test]
fn store_changed_reports_to_idle_and_is_not_activity() {
    let store = fresh_store();
    let mut a = Session::new(Arc::clone(&store), SessionOptions::default(), START);
    let mut b = Session::new(Arc::clone(&store), SessionOptions::default(), START);
    take(&mut a);
    take(&mut b);
    send(&mut b, "b1 LOGIN alice wonderland\r\n", START);
    send(&mut b, "b2 SELECT INBOX\r\n", START);
    assert_eq!(send(&mut b, "b3 IDLE\r\n", START), ["+ idling\r\n"]);
    send(&mut a, "a1 LOGIN alice wonderland\r\n", START + MINUTE);
    send(
        &mut a,
        "a2 APPEND INBOX {22+}\r\nSubject: hi\r\n\r\nhello\r\n\r\n",
        START + MINUTE,
    );
    assert!(take(&mut b).is_empty(), "news waits for store_changed");
    b.store_changed(START + 2 * MINUTE);
    assert_eq!(take(&mut b), ["* 33 EXISTS\r\n", "* 1 RECENT\r\n"]);
    assert_eq!(b.poll_timeout(), Some(START + AUTOLOGOUT), "not activity");
    // Nothing new: nothing said. And it never logs out: that is the timer's job.
    b.store_changed(START + 2 * AUTOLOGOUT);
    assert!(take(&mut b).is_empty());
    assert_eq!(b.need(), Need::Idle);
    // Outside IDLE the news waits for the next command.
    send(&mut a, "a3 SELECT INBOX\r\n", START + MINUTE);
    send(&mut b, "DONE\r\n", START + 3 * MINUTE);
    send(
        &mut b,
        "b4 STORE 1 +FLAGS (\\Flagged)\r\n",
        START + 3 * MINUTE,
    );
    a.store_changed(START + 3 * MINUTE);
    assert!(take(&mut a).is_empty());
    let noop = send(&mut a, "a4 NOOP\r\n", START + 3 * MINUTE);
    assert!(noop[0].starts_with("* 1 FETCH (FLAGS"), "{noop:?}");
}

/// Gives `input` to the session in parts, as a driver does: whatever it
/// did not take is given again after its output is taken. Returns the
/// output and how many parts it took.
fn feed_in_parts(s: &mut Session, input: &[u8], now: i64) -> (Vec<String>, usize) {
    assert_eq!(s.queued_output(), 0, "start drained");
    let mut out = Vec::new();
    let mut rest = input;
    let mut parts = 0;
    while !rest.is_empty() {
        let taken = s.handle_input(rest, now);
        assert!(taken > 0, "a drained session takes some input");
        rest = &rest[taken..];
        parts += 1;
        out.extend(take(s));
    }
    (out, parts)
}

fn logged_in(options: SessionOptions) -> Session {
    let mut s = opened(options, START);
    send(&mut s, "a1 LOGIN alice wonderland\r\n", START);
    send(&mut s, "a2 SELECT INBOX\r\n", START);
    s
}

#[test]
fn a_pipelined_burst_is_taken_in_parts_nothing_lost_order_kept() {
    let mut burst = String::new();
    for i in 0..40 {
        burst.push_str(&format!("f{i} FETCH 1:* (BODY.PEEK[])\r\n"));
        burst.push_str(&format!("n{i} NOOP\r\n"));
    }
    let mut whole = logged_in(SessionOptions {
        max_queued_output: usize::MAX,
        ..SessionOptions::default()
    });
    let expected = send(&mut whole, &burst, START);

    let budget = 64 * 1024;
    let mut s = logged_in(SessionOptions {
        max_queued_output: budget,
        ..SessionOptions::default()
    });
    // The first call stops after the command that took the queue over
    // the budget, and what it queued is that, plus nothing more.
    let taken = s.handle_input(burst.as_bytes(), START);
    assert!(0 < taken && taken < burst.len(), "took {taken}");
    assert!(s.queued_output() > budget);
    let rest = &burst.as_bytes()[taken..];
    assert_eq!(s.handle_input(rest, START), 0, "over the budget");
    let first = take(&mut s);
    assert!(
        first
            .last()
            .is_some_and(|l| l.starts_with("f") && l.contains(" OK ")),
        "stops right after a FETCH's tagged answer: {:?}",
        first.last()
    );
    let (more, parts) = feed_in_parts(&mut s, rest, START);
    assert!(parts > 5, "the burst needed {parts} more parts");
    let got: Vec<String> = first.into_iter().chain(more).collect();
    assert_eq!(got.len(), expected.len());
    assert!(got == expected, "the same output in the same order");
    let tags: Vec<&str> = got
        .iter()
        .filter(|l| !l.starts_with('*'))
        .filter_map(|l| l.split(' ').next())
        .collect();
    let want: Vec<String> = (0..40)
        .flat_map(|i| [format!("f{i}"), format!("n{i}")])
        .collect();
    assert_eq!(tags, want);
}

#[test]
fn over_the_budget_nothing_is_taken_until_the_output_is() {
    let mut s = without_output_budget();
    let input = b"a1 NOOP\r\na2 NOOP\r\na3 NOOP\r\n";
    assert_eq!(s.handle_input(input, START), 9, "one answered command");
    let queued = s.queued_output();
    assert_eq!(queued, "a1 OK NOOP completed\r\n".len());
    assert_eq!(s.handle_input(&input[9..], START + 1), 0);
    assert_eq!(s.poll_timeout(), Some(START + AUTOLOGOUT), "nothing taken");
    assert_eq!(take(&mut s), ["a1 OK NOOP completed\r\n"]);
    assert_eq!(s.queued_output(), 0);
    assert_eq!(s.handle_input(&input[9..], START + 1), 9);
    assert_eq!(s.poll_timeout(), Some(START + 1 + AUTOLOGOUT));
    // A command in pieces, and a literal, are taken whole as they come.
    take(&mut s);
    assert_eq!(s.handle_input(b"a4 LOGIN alice {10}\r\n", START), 21);
    assert_eq!(take(&mut s), ["+ Ready for literal data\r\n"]);
    assert_eq!(s.handle_input(b"wonder", START), 6);
    assert_eq!(s.handle_input(b"land\r\na5 NOOP\r\n", START), 6);
    let login = take(&mut s);
    assert!(login[0].starts_with("a4 OK"), "{login:?}");
    assert_eq!(s.handle_input(b"a5 NOOP\r\n", START), 9);
}

#[test]
fn input_after_the_end_is_taken_and_dropped() {
    let mut s = without_output_budget();
    let input = b"a1 LOGOUT\r\na2 NOOP\r\n";
    assert_eq!(s.handle_input(input, START), input.len());
    assert_eq!(
        take(&mut s),
        [
            "* BYE Logging out\r\n",
            "a1 OK Logout completed\r\n",
            "<close>"
        ]
    );
    assert_eq!(s.handle_input(b"a3 NOOP\r\n", START), 9);
    assert!(take(&mut s).is_empty());
}

/// Commands a burst is made of: answers of every size, IDLE, literals, a
/// mistake.
const PIECES: &[&str] = &[
    "NOOP\r\n",
    "FETCH 1:4 (FLAGS UID)\r\n",
    "FETCH 2 BODY.PEEK[]\r\n",
    "SEARCH ALL\r\n",
    "LIST \"\" *\r\n",
    "STATUS INBOX (MESSAGES UIDNEXT)\r\n",
    "STORE 3 +FLAGS (\\Seen)\r\n",
    "IDLE\r\nDONE\r\n",
    "APPEND INBOX {22+}\r\nSubject: hi\r\n\r\nhello\r\n\r\n",
    "FOO bar\r\n",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any burst, cut anywhere, under any budget: the same output as the
    /// whole burst with no budget.
    #[test]
    fn any_budget_gives_the_same_output(
        picks in prop::collection::vec(0..PIECES.len(), 1..30),
        cuts in prop::collection::vec(1usize..200, 1..20),
        budget in prop_oneof![Just(0usize), 1usize..400, 400usize..20_000],
    ) {
        let mut burst = Vec::new();
        for (i, p) in picks.iter().enumerate() {
            burst.extend_from_slice(format!("t{i} {}", PIECES[*p]).as_bytes());
        }
        let mut whole = logged_in(SessionOptions {
            max_queued_output: usize::MAX,
            ..SessionOptions::default()
        });
        let expected = send(&mut whole, std::str::from_utf8(&burst).unwrap(), START);

        let mut s = logged_in(SessionOptions {
            max_queued_output: budget,
            ..SessionOptions::default()
        });
        // Bytes arrive in chunks; the driver keeps what was not taken
        // and gives it again, with the next chunk, after taking output.
        let mut got = Vec::new();
        let mut kept: Vec<u8> = Vec::new();
        let mut arrived = 0;
        let mut cut = cuts.iter().cycle();
        while arrived < burst.len() || !kept.is_empty() {
            if arrived < burst.len() {
                let n = (*cut.next().unwrap()).min(burst.len() - arrived);
                kept.extend_from_slice(&burst[arrived..arrived + n]);
                arrived += n;
            }
            let taken = s.handle_input(&kept, START);
            prop_assert!(taken > 0 || kept.is_empty(), "a drained session takes input");
            kept.drain(..taken);
            got.extend(take(&mut s));
        }
        prop_assert_eq!(got, expected);
    }
}
