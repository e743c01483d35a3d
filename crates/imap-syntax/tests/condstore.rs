//! CONDSTORE (RFC 7162) in both directions: the command arguments and
//! search key it adds, the responses it adds, each read and written back to
//! the same bytes, and the mistakes a learner makes with them.

use imap_syntax::*;

/// The line parses and is written back to the same bytes.
fn read_back<T: Encode + std::fmt::Debug>(
    line: &str,
    parse: fn(&[u8]) -> Result<T, ParseError>,
) -> T {
    let wire = format!("{line}\r\n");
    match parse(wire.as_bytes()) {
        Ok(value) => {
            assert_eq!(String::from_utf8_lossy(&value.to_bytes()), wire);
            value
        }
        Err(e) => panic!("{line:?} should parse, got {e:?}"),
    }
}

fn command(line: &str) -> CommandBody {
    read_back(line, parse_command).body
}

/// The line is refused, the error's `expected` naming `words`.
fn refused(line: &str, words: &str) {
    match parse_command(format!("{line}\r\n").as_bytes()) {
        Ok(c) => panic!("{line:?} should be refused, got {c:?}"),
        Err(e) => assert!(e.expected.contains(words), "{e:?}"),
    }
}

fn response(line: &str) -> Response {
    read_back(line, parse_response)
}

#[test]
fn select_and_examine_take_condstore() {
    let on = SelectParams {
        condstore: true,
        qresync: None,
    };
    assert_eq!(
        command("a SELECT INBOX (CONDSTORE)"),
        CommandBody::Select(Mailbox::Inbox, on.clone())
    );
    assert_eq!(
        command("a EXAMINE Sent (CONDSTORE)"),
        CommandBody::Examine(Mailbox::new("Sent"), on)
    );
    refused("a SELECT INBOX (QRESYNK (1 2))", "CONDSTORE or QRESYNC");
    refused("a SELECT INBOX CONDSTORE", "(CONDSTORE)");
}

#[test]
fn fetch_takes_changedsince_and_modseq() {
    let CommandBody::Fetch {
        items,
        changed_since,
        uid,
        ..
    } = command("a UID FETCH 1:* (FLAGS MODSEQ) (CHANGEDSINCE 0)")
    else {
        panic!()
    };
    assert!(uid);
    assert_eq!(changed_since, Some(0));
    assert_eq!(items.expand(), vec![FetchAttr::Flags, FetchAttr::ModSeq]);
    refused("a FETCH 1 FLAGS (CHANGEDSINCE)", "space");
    refused(
        "a FETCH 1 FLAGS (CHANGEDSINCE 9223372036854775808)",
        "9223372036854775807",
    );
    refused("a FETCH 1 FLAGS (VANISHED)", "CHANGEDSINCE");
}

#[test]
fn store_takes_unchangedsince_before_the_flags() {
    let CommandBody::Store {
        unchanged_since,
        mode,
        ..
    } = command("a STORE 1:3 (UNCHANGEDSINCE 12) +FLAGS.SILENT (\\Seen)")
    else {
        panic!()
    };
    assert_eq!(unchanged_since, Some(12));
    assert_eq!(mode, StoreMode::Add);
    refused("a STORE 1 (UNCHANGEDSINCE 5)+FLAGS (\\Seen)", "FLAGS");
    refused(
        "a STORE 1 (CHANGEDSINCE 5) +FLAGS (\\Seen)",
        "UNCHANGEDSINCE",
    );
}

#[test]
fn search_modseq_with_and_without_entry() {
    let CommandBody::Search { criteria, .. } = command("a SEARCH MODSEQ 620162338") else {
        panic!()
    };
    assert_eq!(
        criteria,
        SearchKey::ModSeq {
            entry: None,
            modseq: 620162338
        }
    );
    let CommandBody::Search { criteria, .. } = command(
        "a SEARCH OR NOT MODSEQ 720162338 LARGER 50000 MODSEQ \"/flags/\\\\draft\" all 620162338",
    ) else {
        panic!()
    };
    let SearchKey::And(keys) = criteria else {
        panic!()
    };
    assert_eq!(
        keys.last(),
        Some(&SearchKey::ModSeq {
            entry: Some(("/flags/\\draft".into(), EntryType::All)),
            modseq: 620162338
        })
    );
    refused(
        "a SEARCH MODSEQ \"/flags/\\\\draft\" mine 5",
        "priv, shared or all",
    );
}

#[test]
fn status_asks_for_highestmodseq() {
    assert_eq!(
        command("a STATUS INBOX (UIDNEXT HIGHESTMODSEQ)"),
        CommandBody::Status {
            mailbox: Mailbox::Inbox,
            items: vec![StatusItem::UidNext, StatusItem::HighestModSeq]
        }
    );
}

#[test]
fn responses_of_condstore() {
    let Response::Status(ok) = response("* OK [HIGHESTMODSEQ 715194045007] Highest") else {
        panic!()
    };
    assert_eq!(ok.code, Some(Code::HighestModSeq(715194045007)));
    let Response::Status(ok) =
        response("* OK [NOMODSEQ] Sorry, this mailbox format doesn't support modsequences")
    else {
        panic!()
    };
    assert_eq!(ok.code, Some(Code::NoModSeq));
    let Response::Status(ok) = response("d105 OK [MODIFIED 7,9] Conditional STORE failed") else {
        panic!()
    };
    assert!(matches!(ok.code, Some(Code::Modified(_))));
    assert_eq!(
        response("* 4 FETCH (UID 8 MODSEQ (12121231000))"),
        Response::Data(Data::Fetch {
            seq: 4,
            items: vec![FetchValue::Uid(8), FetchValue::ModSeq(12121231000)]
        })
    );
    assert_eq!(
        response("* SEARCH 2 5 6 7 11 12 18 19 20 23 (MODSEQ 917162500)"),
        Response::Data(Data::SearchModSeq {
            numbers: vec![2, 5, 6, 7, 11, 12, 18, 19, 20, 23],
            modseq: 917162500
        })
    );
    assert_eq!(
        response("* STATUS blurdybloop (MESSAGES 231 UIDNEXT 7500 HIGHESTMODSEQ 7011231777)"),
        Response::Data(Data::Status {
            mailbox: Mailbox::new("blurdybloop"),
            items: vec![
                (StatusItem::Messages, 231),
                (StatusItem::UidNext, 7500),
                (StatusItem::HighestModSeq, 7011231777)
            ]
        })
    );
}

#[test]
fn qresync_parameters_and_vanished() {
    let CommandBody::Select(_, params) =
        command("a SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))")
    else {
        panic!()
    };
    let q = params.qresync.unwrap();
    assert_eq!((q.uid_validity, q.modseq), (67890007, 20050715194045000));
    assert!(q.known_uids.is_some() && q.seq_match.is_none());
    let CommandBody::Examine(_, params) =
        command("a EXAMINE INBOX (CONDSTORE QRESYNC (1 5 1:10 (1:3 2,4,9)))")
    else {
        panic!()
    };
    assert!(params.condstore && params.qresync.unwrap().seq_match.is_some());
    refused("a SELECT INBOX (QRESYNC (0 5))", "1 or more");
    refused("a SELECT INBOX (QRESYNC 1 5)", "UIDVALIDITY");
    let CommandBody::Fetch {
        changed_since,
        vanished,
        ..
    } = command("a UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12 VANISHED)")
    else {
        panic!()
    };
    assert_eq!((changed_since, vanished), (Some(12), true));
    refused("a UID FETCH 1:* (FLAGS) (VANISHED)", "which VANISHED needs");
    assert_eq!(
        response("* VANISHED (EARLIER) 41,43:116"),
        Response::Data(Data::Vanished {
            earlier: true,
            uids: match parse_command(b"a UID FETCH 41,43:116 UID\r\n")
                .unwrap()
                .body
            {
                CommandBody::Fetch { set, .. } => set,
                _ => unreachable!(),
            }
        })
    );
    assert!(matches!(
        response("* VANISHED 405"),
        Response::Data(Data::Vanished { earlier: false, .. })
    ));
}
