//! What ESEARCH (RFC 4731), SEARCHRES (RFC 5182), WITHIN (RFC 5032),
//! CONTEXT=SEARCH (RFC 5267) and SORT (RFC 5256, with SORT=DISPLAY and
//! ESORT) add to the grammar: `RETURN (...)` on SEARCH and SORT, `$`
//! wherever a command takes a sequence set, OLDER and YOUNGER, SORT and
//! CANCELUPDATE, and the `* ESEARCH` and `* SORT` responses, each read,
//! written back and refused where it is wrong.

use imap_syntax::*;

mod refused;

fn ok(line: &str) -> CommandBody {
    match parse_command(format!("{line}\r\n").as_bytes()) {
        Ok(c) => c.body,
        Err(e) => panic!("{line:?} should parse: {e:?}"),
    }
}

fn wire(body: CommandBody) -> String {
    let mut out = Vec::new();
    Command {
        tag: Tag::new("a").unwrap(),
        body,
    }
    .encode(&mut out);
    String::from_utf8(out).unwrap()
}

fn response(line: &str) -> Response {
    match parse_response(format!("{line}\r\n").as_bytes()) {
        Ok(r) => r,
        Err(e) => panic!("{line:?} should parse: {e:?}"),
    }
}

fn written(r: &Response) -> String {
    let mut out = Vec::new();
    r.encode(&mut out);
    String::from_utf8(out).unwrap()
}

fn set(ranges: &[(u32, u32)]) -> SequenceSet {
    let n = |v| SeqNo::Value(std::num::NonZeroU32::new(v).unwrap());
    SequenceSet::new(
        ranges
            .iter()
            .map(|&(a, b)| {
                if a == b {
                    SeqRange::Single(n(a))
                } else {
                    SeqRange::Range(n(a), n(b))
                }
            })
            .collect(),
    )
    .unwrap()
}

#[test]
fn search_return_options() {
    use SearchReturn::*;
    let cases: &[(&str, Option<Vec<SearchReturn>>, bool)] = &[
        ("a SEARCH UNSEEN", None, false),
        ("a SEARCH RETURN () UNSEEN", Some(vec![]), false),
        (
            "a SEARCH RETURN (MIN MAX COUNT ALL) UNSEEN",
            Some(vec![Min, Max, Count, All]),
            false,
        ),
        (
            "a UID SEARCH return (save min) UNSEEN",
            Some(vec![Save, Min]),
            true,
        ),
        (
            "a SEARCH RETURN (MIN MIN) UNSEEN",
            Some(vec![Min, Min]),
            false,
        ),
        // RFC 5267: PARTIAL with its range (high to low means the same
        // positions), UPDATE and CONTEXT.
        (
            "a UID SEARCH RETURN (PARTIAL 1:10 COUNT) UNSEEN",
            Some(vec![Partial(1, 10), Count]),
            true,
        ),
        (
            "a SEARCH RETURN (partial 9:2) UNSEEN",
            Some(vec![Partial(2, 9)]),
            false,
        ),
        (
            "a SEARCH RETURN (UPDATE CONTEXT MIN) UNSEEN",
            Some(vec![Update, Context, Min]),
            false,
        ),
    ];
    for (line, returns, uid) in cases {
        match ok(line) {
            CommandBody::Search {
                returns: r,
                uid: u,
                criteria,
                charset,
            } => {
                assert_eq!(
                    (&r, u, criteria, charset),
                    (returns, *uid, SearchKey::Unseen, None)
                );
            }
            other => panic!("{line}: {other:?}"),
        }
    }
    // RETURN comes before CHARSET (RFC 4731's grammar, and Dovecot's).
    assert!(matches!(
        ok("a SEARCH RETURN (COUNT) CHARSET UTF-8 ALL"),
        CommandBody::Search {
            returns: Some(_),
            charset: Some(_),
            ..
        }
    ));
}

#[test]
fn saved_result_stands_for_a_sequence_set() {
    let saved = SequenceSet::saved();
    assert!(saved.is_saved() && saved.ranges().is_empty());
    assert!(!saved.contains(1, 10));
    assert_eq!(
        ok("a FETCH $ FLAGS"),
        CommandBody::Fetch {
            set: saved.clone(),
            items: FetchItems::List {
                items: vec![FetchAttr::Flags],
                parenthesized: false
            },
            uid: false,
            changed_since: None,
            vanished: false,
        }
    );
    for line in [
        "a FETCH $ FLAGS",
        "a UID FETCH $ (UID)",
        "a STORE $ +FLAGS (\\Seen)",
        "a UID STORE $ FLAGS.SILENT (\\Seen)",
        "a COPY $ Trash",
        "a UID MOVE $ Trash",
        "a UID EXPUNGE $",
        "a SEARCH $",
        "a SEARCH UID $",
        "a SEARCH OR $ 1:2 NOT $",
        "a UID SEARCH RETURN (SAVE) $ UNSEEN",
    ] {
        let body = ok(line);
        assert_eq!(
            wire(body),
            format!("{line}\r\n").replace("return", "RETURN")
        );
    }
    assert_eq!(ok("a SEARCH UID $"), ok("a SEARCH uid $"));
    for line in [
        "a SEARCH RETURN (PARTIAL 1:10 UPDATE CONTEXT) ALL",
        "a CANCELUPDATE \"a5\"",
        "a CANCELUPDATE \"a5\" \"b 7\"",
    ] {
        assert_eq!(wire(ok(line)), format!("{line}\r\n"));
    }
    assert_eq!(
        ok("a CANCELUPDATE \"a5\" \"b\""),
        CommandBody::CancelUpdate(vec!["a5".into(), "b".into()])
    );
    assert!(matches!(
        ok("a SEARCH $"),
        CommandBody::Search { criteria: SearchKey::SequenceSet(s), .. } if s.is_saved()
    ));
}

#[test]
fn older_and_younger() {
    let key = |line: &str| match ok(line) {
        CommandBody::Search { criteria, .. } => criteria,
        other => panic!("{other:?}"),
    };
    assert_eq!(key("a SEARCH OLDER 3600"), SearchKey::Older(3600));
    assert_eq!(key("a SEARCH younger 1"), SearchKey::Younger(1));
    assert_eq!(
        key("a SEARCH YOUNGER 4294967295"),
        SearchKey::Younger(u32::MAX)
    );
    assert_eq!(
        wire(ok("a SEARCH OLDER 60 NOT YOUNGER 7")),
        "a SEARCH OLDER 60 NOT YOUNGER 7\r\n"
    );
}

#[test]
fn wrong_forms_are_refused_where_they_go_wrong() {
    refused::refused_where_and_why(&[
        (
            "a SEARCH RETURN (BOGUS) ALL",
            17,
            "MIN, MAX, ALL, COUNT, SAVE, PARTIAL, UPDATE or CONTEXT",
            "BOGUS",
        ),
        (
            "a SEARCH RETURN MIN ALL",
            16,
            "parenthesized list of RETURN options",
            "MIN",
        ),
        (
            "a SEARCH RETURN (MIN)",
            21,
            "a space, then a search key",
            "the end of the line",
        ),
        (
            "a SEARCH RETURN (MIN ) ALL",
            21,
            "MIN, MAX, ALL, COUNT, SAVE, PARTIAL, UPDATE or CONTEXT",
            ")",
        ),
        (
            "a SEARCH CHARSET UTF-8 RETURN (MIN) ALL",
            23,
            "search key",
            "RETURN",
        ),
        ("a FETCH $:4 FLAGS", 9, "a space", ":"),
        ("a FETCH 1,$ FLAGS", 10, "sequence set", "$"),
        ("a SEARCH OLDER 0", 15, "seconds from 1", "0"),
        (
            "a SEARCH RETURN (PARTIAL 0:5) ALL",
            25,
            "counted from 1",
            "0:5",
        ),
        ("a SEARCH RETURN (PARTIAL 5) ALL", 26, "such as 1:10", ")"),
        (
            "a SEARCH RETURN (PARTIAL -1:5) ALL",
            25,
            "such as 1:10",
            "-1",
        ),
        (
            "a SEARCH RETURN (ALL PARTIAL 1:5) ALL",
            16,
            "PARTIAL or ALL, not both",
            "(",
        ),
        (
            "a CANCELUPDATE",
            14,
            "the tag of a SEARCH RETURN (UPDATE)",
            "the end of the line",
        ),
        (
            "a CANCELUPDATE a5",
            15,
            "the tag of a SEARCH RETURN (UPDATE)",
            "a5",
        ),
        ("a SEARCH YOUNGER x", 17, "seconds from 1", "x"),
        (
            "a SEARCH YOUNGER 4294967296",
            17,
            "no larger than 4294967295",
            "too large",
        ),
    ]);
}

#[test]
fn esearch_responses_read_and_written() {
    let cases: Vec<(&str, Data)> = vec![
        (
            "* ESEARCH (TAG \"a2\") MIN 1 MAX 7 ALL 1:5,7 COUNT 6",
            Data::ESearch {
                tag: Some("a2".into()),
                uid: false,
                items: vec![
                    ESearchItem::Min(1),
                    ESearchItem::Max(7),
                    ESearchItem::All(set(&[(1, 5), (7, 7)])),
                    ESearchItem::Count(6),
                ],
            },
        ),
        (
            "* ESEARCH (TAG \"x\") UID COUNT 0",
            Data::ESearch {
                tag: Some("x".into()),
                uid: true,
                items: vec![ESearchItem::Count(0)],
            },
        ),
        (
            "* ESEARCH (TAG \"x\")",
            Data::ESearch {
                tag: Some("x".into()),
                uid: false,
                items: vec![],
            },
        ),
        (
            "* ESEARCH (TAG \"p\") UID PARTIAL (1:10 3,5) COUNT 2",
            Data::ESearch {
                tag: Some("p".into()),
                uid: true,
                items: vec![
                    ESearchItem::Partial {
                        first: 1,
                        last: 10,
                        set: Some(set(&[(3, 3), (5, 5)])),
                    },
                    ESearchItem::Count(2),
                ],
            },
        ),
        (
            "* ESEARCH (TAG \"p\") PARTIAL (4:9 NIL)",
            Data::ESearch {
                tag: Some("p".into()),
                uid: false,
                items: vec![ESearchItem::Partial {
                    first: 4,
                    last: 9,
                    set: None,
                }],
            },
        ),
        (
            "* ESEARCH (TAG \"u\") UID REMOVEFROM (0 3) ADDTO (0 2,7 5 9)",
            Data::ESearch {
                tag: Some("u".into()),
                uid: true,
                items: vec![
                    ESearchItem::RemoveFrom(vec![(0, set(&[(3, 3)]))]),
                    ESearchItem::AddTo(vec![(0, set(&[(2, 2), (7, 7)])), (5, set(&[(9, 9)]))]),
                ],
            },
        ),
        (
            "* ESEARCH UID",
            Data::ESearch {
                tag: None,
                uid: true,
                items: vec![],
            },
        ),
        (
            "* ESEARCH MAX 3",
            Data::ESearch {
                tag: None,
                uid: false,
                items: vec![ESearchItem::Max(3)],
            },
        ),
    ];
    for (line, data) in cases {
        let r = response(line);
        assert_eq!(r, Response::Data(data), "{line}");
        assert_eq!(written(&r), format!("{line}\r\n"));
    }
    // Names in any case; a response never carries `$`.
    assert_eq!(
        response("* esearch (tag \"a\") uid min 2"),
        response("* ESEARCH (TAG \"a\") UID MIN 2")
    );
    for bad in [
        "* ESEARCH (TAG \"a\") ALL $",
        "* ESEARCH (TAG \"a\") BOGUS 1",
        "* ESEARCH (TAG a) MIN 1",
        "* ESEARCH MIN",
    ] {
        assert!(
            parse_response(format!("{bad}\r\n").as_bytes()).is_err(),
            "{bad} should be refused"
        );
    }
}

// ---- SORT (RFC 5256), SORT=DISPLAY (RFC 5957) and ESORT (RFC 5267) ----

fn by(reverse: bool, key: SortKey) -> SortCriterion {
    SortCriterion { reverse, key }
}

#[test]
fn sort_commands_read_and_written() {
    assert_eq!(
        ok("a UID sort (reverse Date subject DISPLAYFROM) utf-8 UNSEEN FROM alice"),
        CommandBody::Sort {
            returns: None,
            criteria: vec![
                by(true, SortKey::Date),
                by(false, SortKey::Subject),
                by(false, SortKey::DisplayFrom)
            ],
            charset: "utf-8".into(),
            keys: SearchKey::And(vec![SearchKey::Unseen, SearchKey::From("alice".into())]),
            uid: true,
        }
    );
    assert!(matches!(
        ok("a SORT RETURN (MIN COUNT) (SIZE) US-ASCII ALL"),
        CommandBody::Sort { returns: Some(r), uid: false, .. } if r == vec![SearchReturn::Min, SearchReturn::Count]
    ));
    for line in [
        "a SORT (ARRIVAL) UTF-8 ALL",
        "a UID SORT (REVERSE SIZE CC TO DISPLAYTO) UTF-8 1:5 NOT DELETED",
        "a SORT RETURN (ALL) (DATE) UTF-8 SINCE 1-Feb-2026",
        "a SORT RETURN () (SUBJECT) UTF-8 ALL",
    ] {
        assert_eq!(wire(ok(line)), format!("{line}\r\n"));
    }
}

#[test]
fn sort_answers_read_and_written() {
    for (line, data) in [
        (
            "* SORT 2 3 1",
            Data::Sort {
                numbers: vec![2, 3, 1],
                modseq: None,
            },
        ),
        (
            "* SORT",
            Data::Sort {
                numbers: vec![],
                modseq: None,
            },
        ),
        (
            "* SORT 5 4 (MODSEQ 917)",
            Data::Sort {
                numbers: vec![5, 4],
                modseq: Some(917),
            },
        ),
    ] {
        let parsed = parse_response(format!("{line}\r\n").as_bytes()).unwrap();
        assert_eq!(parsed, Response::Data(data), "{line}");
        let mut out = Vec::new();
        parsed.encode(&mut out);
        assert_eq!(out, format!("{line}\r\n").into_bytes());
    }
}

#[test]
fn wrong_sorts_are_refused_where_they_go_wrong() {
    refused::refused_where_and_why(&[
        ("a SORT () UTF-8 ALL", 8, "a sort criterion", ")"),
        ("a SORT (BOGUS) UTF-8 ALL", 8, "a sort criterion", "BOGUS"),
        (
            "a SORT (REVERSE) UTF-8 ALL",
            15,
            "the criterion REVERSE turns round",
            ")",
        ),
        (
            "a SORT (REVERSE BOGUS) UTF-8 ALL",
            16,
            "a sort criterion",
            "BOGUS",
        ),
        (
            "a SORT (DATE) ALL",
            17,
            "wants a charset",
            "the end of the line",
        ),
        (
            "a SORT DATE UTF-8 ALL",
            7,
            "sort criteria in parentheses",
            "DATE",
        ),
        (
            "a SORT (DATE SUBJECT",
            20,
            "another criterion, or )",
            "the end of the line",
        ),
        (
            "a SORT RETURN (MIN) DATE UTF-8 ALL",
            20,
            "sort criteria in parentheses",
            "DATE",
        ),
        ("a UID SORTX (DATE) UTF-8 ALL", 6, "SORT", "SORTX"),
    ]);
}
