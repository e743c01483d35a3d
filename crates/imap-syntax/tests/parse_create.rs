//! CREATE with RFC 6154's USE (CREATE-SPECIAL-USE), and its mistakes.

use imap_syntax::*;

fn parse(line: &str) -> Result<CommandBody, ParseError> {
    parse_command(format!("{line}\r\n").as_bytes()).map(|c| c.body)
}

#[test]
fn create_with_special_uses() {
    assert_eq!(
        parse("a CREATE Old (USE (\\Archive))").unwrap(),
        CommandBody::Create {
            mailbox: Mailbox::new("Old"),
            special_use: Some(vec!["\\Archive".into()]),
        }
    );
    assert_eq!(
        parse("a create \"My Sent\" (use (\\Sent \\Flagged))").unwrap(),
        CommandBody::Create {
            mailbox: Mailbox::new("My Sent"),
            special_use: Some(vec!["\\Sent".into(), "\\Flagged".into()]),
        }
    );
    assert_eq!(
        parse("a CREATE x (USE ())").unwrap(),
        CommandBody::Create {
            mailbox: Mailbox::new("x"),
            special_use: Some(vec![]),
        }
    );
    assert_eq!(
        parse("a CREATE x").unwrap(),
        CommandBody::Create {
            mailbox: Mailbox::new("x"),
            special_use: None,
        }
    );
}

#[test]
fn create_mistakes_point_at_the_part() {
    let cases: &[(&str, usize, &str)] = &[
        ("a CREATE x USE", 11, "(USE (special uses))"),
        ("a CREATE x (KEEP (\\Sent))", 12, "USE"),
        ("a CREATE x (USE \\Sent)", 16, "special uses in parentheses"),
        (
            "a CREATE x (USE (Sent))",
            17,
            "a special use such as \\Archive",
        ),
        ("a CREATE x (USE (\\Sent)", 23, "a closing parenthesis"),
    ];
    for &(line, offset, expected) in cases {
        let e = parse(line).expect_err(line);
        assert_eq!(e.offset, offset, "offset of {line:?}: {e:?}");
        assert!(e.expected.contains(expected), "expected of {line:?}: {e:?}");
    }
}
