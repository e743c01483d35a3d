//! What SORT (RFC 5256), SORT=DISPLAY (RFC 5957) and ESORT (RFC 5267) add
//! to the grammar: the command in both forms, its `* SORT` answer with and
//! without `(MODSEQ n)`, each read, written back and refused where it is
//! wrong.

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
