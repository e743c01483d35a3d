//! Explanations and facts of CONDSTORE and QRESYNC (RFC 7162).

use super::*;

#[test]
fn condstore_responses_are_explained() {
    check(
        status(None, StatusKind::Ok, Some(Code::HighestModSeq(715))),
        &[
            "[HIGHESTMODSEQ 715]",
            "CHANGEDSINCE 715",
            "UNCHANGEDSINCE 715",
        ],
    );
    check(
        status(None, StatusKind::Ok, Some(Code::NoModSeq)),
        &["[NOMODSEQ]", "no modification sequences"],
    );
    let seven_nine = SequenceSet::new(vec![
        imap_syntax::SeqRange::Single(imap_syntax::SeqNo::Value(7.try_into().unwrap())),
        imap_syntax::SeqRange::Single(imap_syntax::SeqNo::Value(9.try_into().unwrap())),
    ])
    .unwrap();
    check(
        status(Some("a1"), StatusKind::Ok, Some(Code::Modified(seven_nine))),
        &["[MODIFIED 7,9]", "UNCHANGEDSINCE", "left alone"],
    );
    check(
        Response::Data(Data::Fetch {
            seq: 4,
            items: vec![FetchValue::Uid(8), FetchValue::ModSeq(12)],
        }),
        &["MODSEQ (12)", "message 4", "CHANGEDSINCE 12"],
    );
    check(
        Response::Data(Data::SearchModSeq {
            numbers: vec![2, 5],
            modseq: 917,
        }),
        &["2 messages", "(MODSEQ 917)", "SEARCH MODSEQ 918"],
    );
    check(
        Response::Data(Data::Status {
            mailbox: Mailbox::Inbox,
            items: vec![(StatusItem::HighestModSeq, 41)],
        }),
        &["HIGHESTMODSEQ", "41"],
    );
    check(
        Response::Data(Data::Capability(vec![atom("CONDSTORE")])),
        &["CONDSTORE", "CHANGEDSINCE"],
    );
}

#[test]
fn qresync_vanished_is_explained_and_counted() {
    let uids =
        |t: &str| match imap_syntax::parse_command(format!("a UID FETCH {t} UID\r\n").as_bytes())
            .unwrap()
            .body
        {
            imap_syntax::CommandBody::Fetch { set, .. } => set,
            _ => unreachable!(),
        };
    check(
        Response::Data(Data::Vanished {
            earlier: true,
            uids: uids("41,43:116"),
        }),
        &[
            "VANISHED (EARLIER)",
            "41,43:116",
            "QRESYNC",
            "Nothing is renumbered",
        ],
    );
    check(
        Response::Data(Data::Vanished {
            earlier: false,
            uids: uids("3:4"),
        }),
        &["untagged VANISHED", "3:4", "instead of one EXPUNGE"],
    );
    check(
        Response::Data(Data::Capability(vec![atom("QRESYNC")])),
        &["QRESYNC", "VANISHED"],
    );
    let mut f = Facts::default();
    f.observe_client("a2 SELECT INBOX (QRESYNC (1 5))");
    f.observe_server(b"* 22 EXISTS\r\n");
    f.observe_server(b"* VANISHED (EARLIER) 1:9\r\n");
    f.observe_server(b"a2 OK [READ-WRITE] SELECT completed\r\n");
    assert_eq!(f.exists(), Some(22));
    f.observe_client("a3 NOOP");
    f.observe_server(b"* VANISHED 30,32:33\r\n");
    assert_eq!(f.exists(), Some(19));
}
