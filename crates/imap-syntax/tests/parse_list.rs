//! LIST with what LIST-EXTENDED (RFC 5258) adds: selection options,
//! patterns in parentheses, RETURN options (with RFC 5819's STATUS), and
//! the errors a learner gets for each part.

use imap_syntax::*;

mod refused;

fn ok(line: &str) -> CommandBody {
    match parse_command(format!("{line}\r\n").as_bytes()) {
        Ok(c) => c.body,
        Err(e) => panic!("{line:?} should parse: {e:?}"),
    }
}

#[test]
fn list_extended_forms() {
    let ext = |e: ListExtended| Some(Box::new(e));
    assert_eq!(
        ok("a LIST \"\" * RETURN (STATUS (MESSAGES UNSEEN))"),
        CommandBody::List {
            reference: "".into(),
            pattern: "*".into(),
            extended: ext(ListExtended {
                returns: Some(vec![ListReturn::Status(vec![
                    StatusItem::Messages,
                    StatusItem::Unseen
                ])]),
                ..ListExtended::default()
            }),
        }
    );
    assert_eq!(
        ok(
            "a list (subscribed recursivematch) \"\" (\"INBOX\" Sent*) return (children special-use subscribed)"
        ),
        CommandBody::List {
            reference: "".into(),
            pattern: "INBOX".into(),
            extended: ext(ListExtended {
                selection: vec![ListSelection::Subscribed, ListSelection::RecursiveMatch],
                more_patterns: vec!["Sent*".into()],
                patterns_parenthesized: true,
                returns: Some(vec![
                    ListReturn::Children,
                    ListReturn::SpecialUse,
                    ListReturn::Subscribed
                ]),
            }),
        }
    );
    assert_eq!(
        ok("a LIST () \"\" % RETURN ()"),
        CommandBody::List {
            reference: "".into(),
            pattern: "%".into(),
            extended: ext(ListExtended {
                returns: Some(vec![]),
                ..ListExtended::default()
            }),
        }
    );
}

#[test]
fn extended_list_mistakes_point_at_the_part() {
    let cases: &[(&str, usize, &str, &str)] = &[
        (
            "a LIST (RECURSIVEMATCH) \"\" *",
            8,
            "SUBSCRIBED beside RECURSIVEMATCH",
            "\"RECURSIVEMATCH\"",
        ),
        (
            "a LIST (BOGUS) \"\" *",
            8,
            "a selection option",
            "\"BOGUS\"",
        ),
        ("a LIST \"\" () ", 11, "a mailbox pattern", "\")\""),
        (
            "a LIST \"\" * RETURN",
            18,
            "a space, then return options",
            "the end of the line",
        ),
        (
            "a LIST \"\" * RETURNS ()",
            18,
            "a space, then return options",
            "\"S\"",
        ),
        (
            "a LIST \"\" * RETURN (FOO)",
            20,
            "a return option",
            "\"FOO\"",
        ),
        (
            "a LIST \"\" * RETURN (STATUS ())",
            28,
            "a STATUS item",
            "\")\"",
        ),
    ];
    refused::refused_where_and_why(cases);
}
