//! Command parser: RFC 3501 §6 examples, the brief's typical session, one
//! table per grammar rule, and rejected inputs with the offset of the caret.

use std::num::NonZeroU32;

use imap_syntax::*;

mod refused;

fn parse(line: &str) -> Result<Command, ParseError> {
    parse_command(format!("{line}\r\n").as_bytes())
}

fn ok(line: &str) -> CommandBody {
    match parse(line) {
        Ok(c) => c.body,
        Err(e) => panic!("{line:?} should parse, got {e:?}"),
    }
}

fn set(s: &str) -> SequenceSet {
    let ranges = s
        .split(',')
        .map(|part| {
            let n = |x: &str| {
                if x == "*" {
                    SeqNo::Largest
                } else {
                    SeqNo::Value(NonZeroU32::new(x.parse().unwrap()).unwrap())
                }
            };
            match part.split_once(':') {
                Some((a, b)) => SeqRange::Range(n(a), n(b)),
                None => SeqRange::Single(n(part)),
            }
        })
        .collect();
    SequenceSet::new(ranges).unwrap()
}

fn mbox(s: &str) -> Mailbox {
    Mailbox::new(s)
}

fn date(d: u8, m: u8, y: u16) -> Date {
    Date::new(y, m, d).unwrap()
}

fn section(part: &[u32], text: Option<SectionText>) -> Section {
    Section {
        part: part.to_vec(),
        text,
    }
}

#[test]
fn rfc3501_section_6_examples() {
    use CommandBody::*;
    let cases: Vec<(&str, CommandBody)> = vec![
        ("abcd CAPABILITY", Capability),
        ("a002 NOOP", Noop),
        ("A023 LOGOUT", Logout),
        ("a001 STARTTLS", StartTls),
        (
            "A001 AUTHENTICATE GSSAPI",
            Authenticate {
                mechanism: Atom::new("GSSAPI").unwrap(),
                initial_response: None,
            },
        ),
        (
            "a001 LOGIN SMITH SESAME",
            Login {
                username: "SMITH".into(),
                password: "SESAME".into(),
            },
        ),
        (
            "A142 SELECT INBOX",
            Select(Mailbox::Inbox, Default::default()),
        ),
        (
            "A932 EXAMINE blurdybloop",
            Examine(mbox("blurdybloop"), Default::default()),
        ),
        (
            "A003 CREATE owatagusiam/",
            Create {
                mailbox: mbox("owatagusiam/"),
                special_use: None,
            },
        ),
        (
            "A004 CREATE owatagusiam/blurdybloop",
            Create {
                mailbox: mbox("owatagusiam/blurdybloop"),
                special_use: None,
            },
        ),
        ("A682 DELETE blurdybloop", Delete(mbox("blurdybloop"))),
        (
            "A683 RENAME blurdybloop sarasoop",
            Rename {
                from: mbox("blurdybloop"),
                to: mbox("sarasoop"),
            },
        ),
        (
            "Z432 RENAME INBOX old-mail",
            Rename {
                from: Mailbox::Inbox,
                to: mbox("old-mail"),
            },
        ),
        (
            "A002 SUBSCRIBE #news.comp.mail.mime",
            Subscribe(mbox("#news.comp.mail.mime")),
        ),
        (
            "A002 UNSUBSCRIBE #news.comp.mail.mime",
            Unsubscribe(mbox("#news.comp.mail.mime")),
        ),
        (
            "A101 LIST \"\" \"\"",
            List {
                reference: "".into(),
                pattern: "".into(),
                extended: None,
            },
        ),
        (
            "A102 LIST #news.comp.mail.misc \"\"",
            List {
                reference: "#news.comp.mail.misc".into(),
                pattern: "".into(),
                extended: None,
            },
        ),
        (
            "A103 LIST /usr/staff/jones \"\"",
            List {
                reference: "/usr/staff/jones".into(),
                pattern: "".into(),
                extended: None,
            },
        ),
        (
            "A202 LIST ~/Mail/ %",
            List {
                reference: "~/Mail/".into(),
                pattern: "%".into(),
                extended: None,
            },
        ),
        (
            "A002 LSUB \"#news.\" \"comp.mail.*\"",
            Lsub {
                reference: "#news.".into(),
                pattern: "comp.mail.*".into(),
            },
        ),
        (
            "A042 STATUS blurdybloop (UIDNEXT MESSAGES)",
            Status {
                mailbox: mbox("blurdybloop"),
                items: vec![StatusItem::UidNext, StatusItem::Messages],
            },
        ),
        (
            "s1 STATUS blurdybloop (MESSAGES size)",
            Status {
                mailbox: mbox("blurdybloop"),
                items: vec![StatusItem::Messages, StatusItem::Size],
            },
        ),
        ("FXXZ CHECK", Check),
        ("A341 CLOSE", Close),
        ("A202 EXPUNGE", Expunge),
        (
            "A282 SEARCH FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"",
            Search {
                returns: None,
                charset: None,
                criteria: SearchKey::And(vec![
                    SearchKey::Flagged,
                    SearchKey::Since(date(1, 2, 1994)),
                    SearchKey::Not(Box::new(SearchKey::From("Smith".into()))),
                ]),
                uid: false,
            },
        ),
        (
            "A283 SEARCH TEXT \"string not in mailbox\"",
            Search {
                returns: None,
                charset: None,
                criteria: SearchKey::Text("string not in mailbox".into()),
                uid: false,
            },
        ),
        (
            "A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])",
            Fetch {
                set: set("2:4"),
                items: FetchItems::List {
                    items: vec![
                        FetchAttr::Flags,
                        FetchAttr::BodySection {
                            peek: false,
                            section: section(
                                &[],
                                Some(SectionText::HeaderFields(vec![
                                    "DATE".into(),
                                    "FROM".into(),
                                ])),
                            ),
                            partial: None,
                        },
                    ],
                    parenthesized: true,
                },
                uid: false,
                changed_since: None,
                vanished: false,
            },
        ),
        (
            "A003 STORE 2:4 +FLAGS (\\Deleted)",
            Store {
                set: set("2:4"),
                mode: StoreMode::Add,
                silent: false,
                flags: vec![Flag::Deleted],
                uid: false,
                unchanged_since: None,
            },
        ),
        (
            "A003 COPY 2:4 MEETING",
            Copy {
                set: set("2:4"),
                mailbox: mbox("MEETING"),
                uid: false,
            },
        ),
        (
            "A999 UID FETCH 4827313:4828442 FLAGS",
            Fetch {
                set: set("4827313:4828442"),
                items: FetchItems::List {
                    items: vec![FetchAttr::Flags],
                    parenthesized: false,
                },
                uid: true,
                changed_since: None,
                vanished: false,
            },
        ),
        // §8 sample session client lines, in the RFC's lower case.
        (
            "a001 login mrc secret",
            Login {
                username: "mrc".into(),
                password: "secret".into(),
            },
        ),
        (
            "a002 select inbox",
            Select(Mailbox::Inbox, Default::default()),
        ),
        (
            "a003 fetch 12 full",
            Fetch {
                set: set("12"),
                items: FetchItems::Full,
                uid: false,
                changed_since: None,
                vanished: false,
            },
        ),
        (
            "a004 fetch 12 body[header]",
            Fetch {
                set: set("12"),
                items: FetchItems::List {
                    items: vec![FetchAttr::BodySection {
                        peek: false,
                        section: section(&[], Some(SectionText::Header)),
                        partial: None,
                    }],
                    parenthesized: false,
                },
                uid: false,
                changed_since: None,
                vanished: false,
            },
        ),
        (
            "a005 store 12 +flags \\deleted",
            Store {
                set: set("12"),
                mode: StoreMode::Add,
                silent: false,
                flags: vec![Flag::Deleted],
                uid: false,
                unchanged_since: None,
            },
        ),
        ("a006 logout", Logout),
    ];
    for (line, want) in cases {
        assert_eq!(ok(line), want, "{line}");
    }
}

#[test]
fn rfc3501_append_and_literals() {
    let msg = "Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)\r\nSubject: afternoon meeting\r\n\r\nHello Joe\r\n";
    let line = format!(
        "A003 APPEND saved-messages (\\Seen) {{{}}}\r\n{msg}",
        msg.len()
    );
    assert_eq!(
        ok(&line),
        CommandBody::Append {
            mailbox: mbox("saved-messages"),
            flags: vec![Flag::Seen],
            date: None,
            message: msg.as_bytes().to_vec(),
            more: vec![],
        }
    );
    // LITERAL+ and a date-time with a space-padded day.
    let line = "a APPEND INBOX \" 7-Feb-1994 21:52:25 -0800\" {3+}\r\nabc";
    match ok(line) {
        CommandBody::Append {
            date: Some(d),
            message,
            flags,
            ..
        } => {
            assert_eq!(d.to_string(), " 7-Feb-1994 21:52:25 -0800");
            assert_eq!(message, b"abc");
            assert!(flags.is_empty());
        }
        other => panic!("{other:?}"),
    }
    // Binary literal with NUL and CRLF inside.
    let body = b"a\0\r\nb";
    let mut bytes = b"a1 APPEND x {5}\r\n".to_vec();
    bytes.extend_from_slice(body);
    bytes.extend_from_slice(b"\r\n");
    match parse_command(&bytes).unwrap().body {
        CommandBody::Append { message, .. } => assert_eq!(message, body),
        other => panic!("{other:?}"),
    }
    // A literal where an astring is allowed, and a UTF-8 search literal.
    assert_eq!(
        ok("a LOGIN {5}\r\nalice {10}\r\nwonderland"),
        CommandBody::Login {
            username: "alice".into(),
            password: "wonderland".into()
        }
    );
    assert_eq!(
        ok("A284 SEARCH CHARSET UTF-8 TEXT {6}\r\nXXXXXX"),
        CommandBody::Search {
            returns: None,
            charset: Some("UTF-8".into()),
            criteria: SearchKey::Text("XXXXXX".into()),
            uid: false
        }
    );
}

#[test]
fn the_briefs_typical_session_parses() {
    let session = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/brief/imap-commands.txt"
    ))
    .unwrap_or_default();
    let mut lines: Vec<String> = session
        .lines()
        .skip_while(|l| !l.starts_with("Typical scenario"))
        .filter(|l| l.starts_with("a0"))
        .map(String::from)
        .collect();
    if lines.is_empty() {
        // The brief lives outside the repository; these are its lines.
        lines = [
            "a001 LOGIN username password",
            "a002 SELECT inbox",
            "a003 FETCH 1:22 (FLAGS BODY[HEADER.FIELDS (DATE FROM SUBJECT)])",
            "a004 FETCH 22 (FLAGS BODY[TEXT])",
            "a005 FETCH 21 (FLAGS BODY[TEXT])",
            "a006 FETCH 20 (FLAGS BODY[TEXT])",
            "a007 COPY 22 test",
            "a008 STORE 21:22 +FLAGS (\\Deleted)",
            "a009 SEARCH BODY test",
            "a010 SEARCH BODY test NOT FROM someaddr@somewhere.edu",
            "a011 FETCH 8,19 (BODY[HEADER.FIELDS (FROM SUBJECT)])",
            "a012 CLOSE",
            "a013 SELECT test",
            "a014 STATUS test (MESSAGES)",
            "a015 FETCH 1:2 (FLAGS BODY[HEADER.FIELDS (FROM SUBJECT)])",
            "a016 STORE 1:2 FLAGS (\\Answered)",
            "a017 LOGOUT",
        ]
        .map(String::from)
        .to_vec();
    }
    assert_eq!(lines.len(), 17, "{lines:?}");
    for line in &lines {
        let c = parse(line).unwrap_or_else(|e| panic!("{line}: {e}"));
        assert_eq!(c.tag.as_str(), line.split(' ').next().unwrap());
    }
    assert_eq!(
        ok("a010 SEARCH BODY test NOT FROM someaddr@somewhere.edu"),
        CommandBody::Search {
            returns: None,
            charset: None,
            criteria: SearchKey::And(vec![
                SearchKey::Body("test".into()),
                SearchKey::Not(Box::new(SearchKey::From("someaddr@somewhere.edu".into()))),
            ]),
            uid: false,
        }
    );
    assert_eq!(
        ok("a011 FETCH 8,19 FLAGS"),
        CommandBody::Fetch {
            set: set("8,19"),
            items: FetchItems::List {
                items: vec![FetchAttr::Flags],
                parenthesized: false
            },
            uid: false,
            changed_since: None,
            vanished: false,
        }
    );
}

#[test]
fn extensions_and_uid_forms() {
    use CommandBody::*;
    let cases: Vec<(&str, CommandBody)> = vec![
        ("a IDLE", Idle),
        ("a UNSELECT", Unselect),
        ("a NAMESPACE", Namespace),
        ("a ID NIL", Id(None)),
        ("a ID ()", Id(Some(vec![]))),
        (
            "a ID (\"name\" \"sodr\" \"version\" NIL)",
            Id(Some(vec![
                ("name".into(), Some("sodr".into())),
                ("version".into(), None),
            ])),
        ),
        (
            "a ENABLE CONDSTORE UTF8=ACCEPT",
            Enable(vec![
                Atom::new("CONDSTORE").unwrap(),
                Atom::new("UTF8=ACCEPT").unwrap(),
            ]),
        ),
        (
            "a MOVE 1:* Trash",
            Move {
                set: set("1:*"),
                mailbox: mbox("Trash"),
                uid: false,
            },
        ),
        (
            "a uid move 5 Trash",
            Move {
                set: set("5"),
                mailbox: mbox("Trash"),
                uid: true,
            },
        ),
        (
            "a UID COPY 5,7 Trash",
            Copy {
                set: set("5,7"),
                mailbox: mbox("Trash"),
                uid: true,
            },
        ),
        ("a UID EXPUNGE 3:5", UidExpunge(set("3:5"))),
        (
            "a UID SEARCH ALL",
            Search {
                returns: None,
                charset: None,
                criteria: SearchKey::All,
                uid: true,
            },
        ),
        (
            "a UID STORE 1 FLAGS.SILENT ()",
            Store {
                set: set("1"),
                mode: StoreMode::Replace,
                silent: true,
                flags: vec![],
                uid: true,
                unchanged_since: None,
            },
        ),
        (
            "a AUTHENTICATE PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=",
            Authenticate {
                mechanism: Atom::new("PLAIN").unwrap(),
                initial_response: Some("AGFsaWNlAHdvbmRlcmxhbmQ=".into()),
            },
        ),
        (
            "a AUTHENTICATE PLAIN =",
            Authenticate {
                mechanism: Atom::new("PLAIN").unwrap(),
                initial_response: Some("=".into()),
            },
        ),
    ];
    for (line, want) in cases {
        assert_eq!(ok(line), want, "{line}");
    }
}

#[test]
fn sequence_sets() {
    for (text, want) in [
        ("1", "1"),
        ("*", "*"),
        ("1:*", "1:*"),
        ("5:2", "5:2"),
        ("2,4:*,7", "2,4:*,7"),
        ("4294967295", "4294967295"),
    ] {
        match ok(&format!("a FETCH {text} UID")) {
            CommandBody::Fetch { set: s, .. } => assert_eq!(s, set(want), "{text}"),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn fetch_items_and_sections() {
    let attr = |line: &str| match ok(&format!("a FETCH 1 {line}")) {
        CommandBody::Fetch {
            items: FetchItems::List { items, .. },
            ..
        } => items,
        CommandBody::Fetch { items, .. } => items.expand(),
        other => panic!("{other:?}"),
    };
    assert_eq!(attr("ALL"), FetchItems::All.expand());
    assert_eq!(attr("fast"), FetchItems::Fast.expand());
    assert_eq!(
        attr(
            "(ENVELOPE RFC822 RFC822.HEADER RFC822.SIZE RFC822.TEXT UID BODY BODYSTRUCTURE INTERNALDATE)"
        ),
        vec![
            FetchAttr::Envelope,
            FetchAttr::Rfc822,
            FetchAttr::Rfc822Header,
            FetchAttr::Rfc822Size,
            FetchAttr::Rfc822Text,
            FetchAttr::Uid,
            FetchAttr::Body,
            FetchAttr::BodyStructure,
            FetchAttr::InternalDate,
        ]
    );
    let body =
        |peek: bool, part: &[u32], text: Option<SectionText>, partial: Option<(u32, u32)>| {
            vec![FetchAttr::BodySection {
                peek,
                section: section(part, text),
                partial,
            }]
        };
    assert_eq!(attr("BODY[]"), body(false, &[], None, None));
    assert_eq!(attr("BODY.PEEK[1.2.3]"), body(true, &[1, 2, 3], None, None));
    assert_eq!(
        attr("body.peek[2.MIME]<0.100>"),
        body(true, &[2], Some(SectionText::Mime), Some((0, 100)))
    );
    assert_eq!(
        attr("BODY[1.TEXT]"),
        body(false, &[1], Some(SectionText::Text), None)
    );
    assert_eq!(
        attr("BODY[3.HEADER]"),
        body(false, &[3], Some(SectionText::Header), None)
    );
    assert_eq!(
        attr("BODY[HEADER.FIELDS.NOT (To \"Cc\")]"),
        body(
            false,
            &[],
            Some(SectionText::HeaderFieldsNot(vec!["To".into(), "Cc".into()])),
            None
        )
    );
    assert_eq!(
        attr("BODY[]<10.20>"),
        body(false, &[], None, Some((10, 20)))
    );
}

#[test]
fn store_forms() {
    let store = |line: &str| match ok(&format!("a STORE 1 {line}")) {
        CommandBody::Store {
            mode,
            silent,
            flags,
            ..
        } => (mode, silent, flags),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        store("FLAGS (\\Seen $Work)"),
        (
            StoreMode::Replace,
            false,
            vec![Flag::Seen, Flag::Keyword(Atom::new("$Work").unwrap())]
        )
    );
    assert_eq!(
        store("-flags.silent \\Flagged"),
        (StoreMode::Remove, true, vec![Flag::Flagged])
    );
    assert_eq!(
        store("+FLAGS \\Seen \\Draft"),
        (StoreMode::Add, false, vec![Flag::Seen, Flag::Draft])
    );
    assert_eq!(
        store("+FLAGS (\\X-Custom)"),
        (
            StoreMode::Add,
            false,
            vec![Flag::Extension(Atom::new("X-Custom").unwrap())]
        )
    );
}

#[test]
fn every_search_key() {
    use SearchKey::*;
    let key = |text: &str| match ok(&format!("a SEARCH {text}")) {
        CommandBody::Search { criteria, .. } => criteria,
        other => panic!("{other:?}"),
    };
    let d = date(1, 2, 1994);
    let cases: Vec<(&str, SearchKey)> = vec![
        ("ALL", All),
        ("answered", Answered),
        ("BCC bob", Bcc("bob".into())),
        ("BEFORE 1-Feb-1994", Before(d)),
        ("BODY \"two words\"", Body("two words".into())),
        ("CC carol", Cc("carol".into())),
        ("DELETED", Deleted),
        ("DRAFT", Draft),
        ("FLAGGED", Flagged),
        ("FROM alice", From("alice".into())),
        (
            "HEADER Message-ID \"<1@x>\"",
            Header("Message-ID".into(), "<1@x>".into()),
        ),
        (
            "KEYWORD $Forwarded",
            Keyword(Atom::new("$Forwarded").unwrap()),
        ),
        ("LARGER 1000", Larger(1000)),
        ("NEW", New),
        ("NOT SEEN", Not(Box::new(Seen))),
        ("OLD", Old),
        ("ON \"1-Feb-1994\"", On(d)),
        ("OR SEEN FLAGGED", Or(Box::new(Seen), Box::new(Flagged))),
        ("RECENT", Recent),
        ("SEEN", Seen),
        ("SENTBEFORE 1-Feb-1994", SentBefore(d)),
        ("SENTON 1-feb-1994", SentOn(d)),
        ("SENTSINCE 01-Feb-1994", SentSince(d)),
        ("SINCE 1-Feb-1994", Since(d)),
        ("SMALLER 5", Smaller(5)),
        ("SUBJECT hi", Subject("hi".into())),
        ("TEXT hi", Text("hi".into())),
        ("TO bob", To("bob".into())),
        ("UID 1:100", Uid(set("1:100"))),
        ("UNANSWERED", Unanswered),
        ("UNDELETED", Undeleted),
        ("UNDRAFT", Undraft),
        ("UNFLAGGED", Unflagged),
        ("UNKEYWORD $Junk", Unkeyword(Atom::new("$Junk").unwrap())),
        ("UNSEEN", Unseen),
        ("2:4,*", SequenceSet(set("2:4,*"))),
        ("(SEEN FLAGGED)", And(vec![Seen, Flagged])),
        (
            "OR (FROM a TO b) NOT (OR 1 2)",
            Or(
                Box::new(And(vec![From("a".into()), To("b".into())])),
                Box::new(Not(Box::new(And(vec![Or(
                    Box::new(SequenceSet(set("1"))),
                    Box::new(SequenceSet(set("2"))),
                )])))),
            ),
        ),
    ];
    for (text, want) in cases {
        assert_eq!(key(text), want, "{text}");
    }
}

#[test]
fn mailbox_names_are_decoded_from_modified_utf7() {
    assert_eq!(
        ok("a SELECT Entw&APw-rfe"),
        CommandBody::Select(mbox("Entwürfe"), Default::default())
    );
    assert_eq!(
        ok("a SELECT \"iNbOx\""),
        CommandBody::Select(Mailbox::Inbox, Default::default())
    );
    assert_eq!(
        ok("a CREATE \"A&-B\""),
        CommandBody::Create {
            mailbox: mbox("A&B"),
            special_use: None
        }
    );
    assert_eq!(
        ok("a SELECT INBOX/Sub"),
        CommandBody::Select(mbox("INBOX/Sub"), Default::default())
    );
    assert_eq!(
        ok("a LIST \"\" \"&Jjo-*\""),
        CommandBody::List {
            reference: "".into(),
            pattern: "☺*".into(),
            extended: None,
        }
    );
    assert_eq!(
        ok("a LIST \"\" foo]%"),
        CommandBody::List {
            reference: "".into(),
            pattern: "foo]%".into(),
            extended: None,
        }
    );
}

#[test]
fn names_that_are_not_modified_utf7_are_kept_as_sent() {
    // Well-formed commands whose name names no mailbox: a server says NO.
    let odd = "!#$&'+,-.0123456789:;<=>?@^_`|[}";
    assert_eq!(
        ok(&format!("a SELECT \"{odd}\"")),
        CommandBody::Select(Mailbox::NotUtf7(odd.into()), Default::default())
    );
    assert_eq!(
        ok("a CREATE a&b"),
        CommandBody::Create {
            mailbox: Mailbox::NotUtf7("a&b".into()),
            special_use: None
        }
    );
    assert_eq!(
        ok("a RENAME ok \"&Jjo\""),
        CommandBody::Rename {
            from: mbox("ok"),
            to: Mailbox::NotUtf7("&Jjo".into())
        }
    );
    assert_eq!(
        ok("a SELECT \"Entwürfe\""),
        CommandBody::Select(Mailbox::NotUtf7("Entwürfe".into()), Default::default())
    );
    let list = ok(&format!("a LIST \"\" \"{odd}\""));
    assert_eq!(
        list,
        CommandBody::List {
            reference: "".into(),
            pattern: ListName::NotUtf7(odd.into()),
            extended: None,
        }
    );
    assert_eq!(list.name_not_utf7(), Some(odd));
    assert_eq!(
        ok("a LSUB &Jjo *").name_not_utf7(),
        Some("&Jjo"),
        "the reference counts too"
    );
    assert_eq!(ok("a COPY 1 &Jjo").name_not_utf7(), Some("&Jjo"));
    assert_eq!(ok("a SELECT Entw&APw-rfe").name_not_utf7(), None);
    assert_eq!(ok("a LIST \"\" *").name_not_utf7(), None);
    // They go back on the wire as they came (in the shortest form).
    for (line, wire) in [
        (format!("a SELECT \"{odd}\""), format!("a SELECT {odd}")),
        ("a LIST &Jjo a&b*".into(), "a LIST &Jjo a&b*".into()),
        (
            "a CREATE \"Entwürfe\"".into(),
            "a CREATE {9}\r\nEntwürfe".into(),
        ),
    ] {
        let mut out = Vec::new();
        parse_command(format!("{line}\r\n").as_bytes())
            .unwrap()
            .encode(&mut out);
        assert_eq!(String::from_utf8(out).unwrap(), format!("{wire}\r\n"));
    }
}

/// (input without CRLF, offset of the caret, words expected to be in `expected`, `found`).
#[test]
fn rejected_commands_point_at_the_mistake() {
    let cases: &[(&str, usize, &str, &str)] = &[
        ("", 0, "a tag", "the end of the line"),
        ("a001", 4, "a space after the tag", "the end of the line"),
        ("a001 ", 5, "a command such as LOGIN", "the end of the line"),
        ("a001 FOO", 5, "a command such as LOGIN", "\"FOO\""),
        (
            "LOGIN alice wonderland",
            6,
            "write a tag first",
            "\"alice\"",
        ),
        ("a UID FOO 1", 6, "after UID", "\"FOO\""),
        ("a SELECT", 8, "a mailbox name", "the end of the line"),
        ("a SELECT ", 9, "a mailbox name", "the end of the line"),
        (
            "a SELECT Entwürfe",
            9,
            "modified UTF-7",
            "not modified UTF-7",
        ),
        ("a NOOP extra", 7, "the end of the line", "\"extra\""),
        ("a NOOP ", 6, "without a space", "a space"),
        ("a FETCH 0 FLAGS", 8, "1 or more", "0"),
        ("a FETCH 1:0 FLAGS", 10, "1 or more", "0"),
        ("a FETCH x FLAGS", 8, "a sequence set such as 1:5", "\"x\""),
        (
            "a FETCH 4294967296 FLAGS",
            8,
            "no larger than 4294967295",
            "a number too large",
        ),
        ("a FETCH 1 FOO", 10, "FETCH items such as FLAGS", "\"FOO\""),
        ("a FETCH 1 (FLAGS FOO)", 17, "FETCH items", "\"FOO\""),
        (
            "a FETCH 1 (FLAGS",
            16,
            "a space or a closing parenthesis",
            "the end of the line",
        ),
        ("a FETCH 1 ()", 11, "FETCH items", "\")\""),
        (
            "a FETCH 1 BODY[MIME]",
            15,
            "part number before MIME",
            "MIME",
        ),
        ("a FETCH 1 BODY[FOO]", 15, "HEADER", "\"FOO\""),
        ("a FETCH 1 BODY[TEXT", 19, "] to end", "the end of the line"),
        ("a FETCH 1 BODY.PEEK", 19, "[", "the end of the line"),
        ("a FETCH 1 BODY[]<5>", 18, "a . between", "\">\""),
        ("a FETCH 1 BODY[]<0.0>", 19, "1 or more", "0"),
        (
            "a FETCH 1 BODY[HEADER.FIELDS ()]",
            30,
            "a header name",
            "\")\"",
        ),
        ("a SEARCH", 8, "a search key", "the end of the line"),
        ("a SEARCH FOO", 9, "a search key such as ALL", "\"FOO\""),
        ("a SEARCH FROM", 13, "a space", "the end of the line"),
        ("a SEARCH SINCE 1-Foo-1994", 17, "a month", "\"Foo-1994\""),
        (
            "a SEARCH SINCE 31-Feb-1994",
            15,
            "a real calendar date",
            "does not exist",
        ),
        (
            "a SEARCH SINCE yesterday",
            15,
            "a date such as 1-Feb-1994",
            "\"yesterday\"",
        ),
        ("a SEARCH LARGER big", 16, "a size in octets", "\"big\""),
        (
            "a SEARCH (SEEN",
            14,
            "a space or a closing parenthesis",
            "the end of the line",
        ),
        ("a SEARCH OR SEEN", 16, "a space", "the end of the line"),
        ("a SEARCH ALL ", 13, "a search key", "the end of the line"),
        (
            "a STORE 1 FLAGZ (\\Seen)",
            10,
            "FLAGS, +FLAGS or -FLAGS",
            "\"FLAGZ\"",
        ),
        ("a STORE 1 +FLAGS", 16, "a flag list", "the end of the line"),
        ("a STORE 1 FLAGS (\\)", 18, "a flag such as", "\")\""),
        ("a STATUS INBOX ()", 16, "a STATUS item", "\")\""),
        (
            "a STATUS INBOX (MESSAGES FOO)",
            25,
            "a STATUS item",
            "\"FOO\"",
        ),
        (
            "a STATUS INBOX MESSAGES",
            15,
            "STATUS items in parentheses",
            "\"MESSAGES\"",
        ),
        ("a APPEND INBOX hello", 15, "a literal", "\"hello\""),
        (
            "a APPEND INBOX \"1-Jan-2020\" {1}\r\nx",
            26,
            "a space",
            "'\"'",
        ),
        (
            "a APPEND INBOX {5}\r\nab",
            24,
            "all the octets",
            "the end of the input",
        ),
        ("a LOGIN alice", 13, "the password", "the end of the line"),
        (
            "a LOGIN \"alice",
            14,
            "closing double quote",
            "the end of the line",
        ),
        (
            "a LOGIN \"al\\ice\" x",
            12,
            "after a backslash",
            "\"ice\\\"\"",
        ),
        (
            "a RENAME a",
            10,
            "the new mailbox name",
            "the end of the line",
        ),
        ("a LIST \"\"", 9, "a mailbox pattern", "the end of the line"),
        ("a AUTHENTICATE PLAIN abc", 21, "base64", "\"abc\""),
        ("a ID (\"name\")", 12, "a space", "\")\""),
        ("a ENABLE", 8, "a space", "the end of the line"),
    ];
    refused::refused_where_and_why(cases);
}

#[test]
fn literal_bytes_that_are_not_utf8_are_refused_where_text_is_needed() {
    let e = parse_command(b"a LOGIN {2}\r\n\xff\xfe x\r\n").unwrap_err();
    assert_eq!(
        (e.offset, e.expected.as_str(), e.found.as_str()),
        (8, "text in UTF-8", "bytes that are not UTF-8")
    );
    // APPEND takes any octets.
    assert!(parse_command(b"a APPEND x {2}\r\n\xff\xfe\r\n").is_ok());
}

#[test]
fn errors_carry_kind_and_tag() {
    let e = parse("a7 FOO").unwrap_err();
    assert_eq!(e.kind, ParseErrorKind::UnknownCommand);
    assert_eq!(e.tag, Some(Tag::new("a7").unwrap()));
    let e = parse("a7 SELECT").unwrap_err();
    assert_eq!(e.kind, ParseErrorKind::Syntax);
    assert_eq!(e.tag.as_ref().map(Tag::as_str), Some("a7"));
    let e = parse("+ NOOP").unwrap_err();
    assert_eq!(e.tag, None);
    assert_eq!(e.offset, 0);
    // Display names the column (offset + 1).
    assert!(
        parse("a FOO")
            .unwrap_err()
            .to_string()
            .starts_with("at column 3:")
    );
}

#[test]
fn liberal_line_ends_and_case() {
    assert_eq!(parse_command(b"a noop\n").unwrap().body, CommandBody::Noop);
    assert_eq!(ok("a uId FeTcH 1 fLaGs").name(), "UID FETCH");
    // Bytes after the command are an error, not silently ignored.
    let e = parse_command(b"a NOOP\r\nb NOOP\r\n").unwrap_err();
    assert_eq!(e.offset, 8);
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!("a SEARCH {}ALL{}", "(".repeat(10_000), ")".repeat(10_000));
    assert!(parse(&deep).is_err());
    let nots = format!("a SEARCH {}ALL", "NOT ".repeat(10_000));
    assert!(parse(&nots).is_err());
    let ok_depth = format!("a SEARCH {}ALL{}", "(".repeat(20), ")".repeat(20));
    assert!(parse(&ok_depth).is_ok());
}

#[test]
fn rfc3502_multiappend_and_rfc3516_literal8() {
    // Two messages, the second with its own flags and date, both literal8.
    let mut bytes =
        b"a1 APPEND box ~{3}\r\na\0b (\\Seen $Todo) \"01-Jan-2020 10:00:00 +0100\" ~{2+}\r\nxy\r\n"
            .to_vec();
    let parsed = parse_command(&bytes).unwrap().body;
    let CommandBody::Append {
        mailbox,
        flags,
        date,
        message,
        more,
    } = parsed
    else {
        panic!("{parsed:?}");
    };
    assert_eq!(mailbox, mbox("box"));
    assert!(flags.is_empty() && date.is_none());
    assert_eq!(message, b"a\0b");
    assert_eq!(more.len(), 1);
    assert_eq!(
        more[0].flags,
        vec![Flag::Seen, Flag::Keyword(Atom::new("$Todo").unwrap())]
    );
    assert_eq!(
        more[0].date.as_ref().unwrap().to_string(),
        " 1-Jan-2020 10:00:00 +0100"
    );
    assert_eq!(more[0].message, b"xy");
    // A space after the last message with nothing after it.
    bytes = b"a1 APPEND box {1}\r\na \r\n".to_vec();
    let e = parse_command(&bytes).unwrap_err();
    assert!(e.expected.contains("literal"), "{e:?}");
    assert_eq!(e.offset, 21);
    // ~ must be followed by a literal.
    let e = parse_command(b"a1 APPEND box ~3\r\n").unwrap_err();
    assert!(e.expected.contains("literal"), "{e:?}");
}

#[test]
fn rfc3516_binary_fetch_items() {
    let items = |line: &str| match ok(line) {
        CommandBody::Fetch { items, .. } => items.expand(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        items("a FETCH 1 (BINARY[1.2]<0.10> binary.peek[] BINARY.SIZE[3])"),
        vec![
            FetchAttr::Binary {
                peek: false,
                section: vec![1, 2],
                partial: Some((0, 10)),
            },
            FetchAttr::Binary {
                peek: true,
                section: vec![],
                partial: None,
            },
            FetchAttr::BinarySize { section: vec![3] },
        ]
    );
    for (line, at) in [
        ("a FETCH 1 BINARY[HEADER]", 17),
        ("a FETCH 1 BINARY[1.MIME]", 19),
        ("a FETCH 1 BINARY", 16),
        ("a FETCH 1 BINARY.SIZE[1]<0.1>", 24),
    ] {
        let e = parse(line).unwrap_err();
        assert_eq!(e.offset, at, "{line}: {e:?}");
    }
}
