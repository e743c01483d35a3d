//! Exact bytes of encoded commands, checked against the examples of
//! RFC 3501 §6 (and the extensions' RFCs).

use std::num::NonZeroU32;

use imap_syntax::*;

fn tag(t: &str) -> Tag {
    Tag::new(t).unwrap()
}

fn cmd(t: &str, body: CommandBody) -> String {
    String::from_utf8(Command { tag: tag(t), body }.to_bytes()).unwrap()
}

fn n(v: u32) -> SeqNo {
    SeqNo::Value(NonZeroU32::new(v).unwrap())
}

fn set(ranges: Vec<SeqRange>) -> SequenceSet {
    SequenceSet::new(ranges).unwrap()
}

fn atom(s: &str) -> Atom {
    Atom::new(s).unwrap()
}

#[test]
fn commands_without_arguments() {
    assert_eq!(cmd("a002", CommandBody::Noop), "a002 NOOP\r\n");
    assert_eq!(cmd("abcd", CommandBody::Capability), "abcd CAPABILITY\r\n");
    assert_eq!(cmd("A023", CommandBody::Logout), "A023 LOGOUT\r\n");
    assert_eq!(cmd("a001", CommandBody::StartTls), "a001 STARTTLS\r\n");
    assert_eq!(cmd("FXXZ", CommandBody::Check), "FXXZ CHECK\r\n");
    assert_eq!(cmd("A341", CommandBody::Close), "A341 CLOSE\r\n");
    assert_eq!(cmd("A202", CommandBody::Expunge), "A202 EXPUNGE\r\n");
    assert_eq!(cmd("a1", CommandBody::Idle), "a1 IDLE\r\n");
    assert_eq!(cmd("a1", CommandBody::Unselect), "a1 UNSELECT\r\n");
    assert_eq!(cmd("a1", CommandBody::Namespace), "a1 NAMESPACE\r\n");
}

#[test]
fn login_quotes_only_what_needs_quoting() {
    let body = CommandBody::Login {
        username: "SMITH".into(),
        password: "SESAME".into(),
    };
    assert_eq!(cmd("a001", body), "a001 LOGIN SMITH SESAME\r\n");
    let body = CommandBody::Login {
        username: "fred foobar".into(),
        password: "pass\"word\\".into(),
    };
    assert_eq!(
        cmd("a001", body),
        "a001 LOGIN \"fred foobar\" \"pass\\\"word\\\\\"\r\n"
    );
    let body = CommandBody::Login {
        username: "jos\u{e9}".into(),
        password: "".into(),
    };
    assert_eq!(cmd("a001", body), "a001 LOGIN {5}\r\njos\u{e9} \"\"\r\n");
}

#[test]
fn authenticate_with_and_without_initial_response() {
    let body = CommandBody::Authenticate {
        mechanism: atom("GSSAPI"),
        initial_response: None,
    };
    assert_eq!(cmd("A001", body), "A001 AUTHENTICATE GSSAPI\r\n");
    let body = CommandBody::Authenticate {
        mechanism: atom("PLAIN"),
        initial_response: Some(base64::encode(b"\0alice\0wonderland").into()),
    };
    assert_eq!(
        cmd("a", body),
        "a AUTHENTICATE PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=\r\n"
    );
    let body = CommandBody::Authenticate {
        mechanism: atom("PLAIN"),
        initial_response: Some("=".into()),
    };
    assert_eq!(cmd("a", body), "a AUTHENTICATE PLAIN =\r\n");
}

#[test]
fn mailbox_commands() {
    assert_eq!(
        cmd(
            "A142",
            CommandBody::Select(Mailbox::new("inbox"), Default::default())
        ),
        "A142 SELECT INBOX\r\n"
    );
    assert_eq!(
        cmd(
            "A932",
            CommandBody::Examine(Mailbox::new("blurdybloop"), Default::default())
        ),
        "A932 EXAMINE blurdybloop\r\n"
    );
    assert_eq!(
        cmd(
            "A003",
            CommandBody::Create {
                mailbox: Mailbox::new("owatagusiam/"),
                special_use: None
            }
        ),
        "A003 CREATE owatagusiam/\r\n"
    );
    assert_eq!(
        cmd("A683", CommandBody::Delete(Mailbox::new("Sent Items"))),
        "A683 DELETE \"Sent Items\"\r\n"
    );
    assert_eq!(
        cmd(
            "A683",
            CommandBody::Rename {
                from: Mailbox::new("blurdybloop"),
                to: Mailbox::new("sarasoop")
            }
        ),
        "A683 RENAME blurdybloop sarasoop\r\n"
    );
    assert_eq!(
        cmd(
            "A002",
            CommandBody::Subscribe(Mailbox::new("#news.comp.mail.mime"))
        ),
        "A002 SUBSCRIBE #news.comp.mail.mime\r\n"
    );
    assert_eq!(
        cmd("A002", CommandBody::Unsubscribe(Mailbox::new(""))),
        "A002 UNSUBSCRIBE \"\"\r\n"
    );
}

/// A plain LIST (no RFC 5258 options).
fn list(reference: &str, pattern: &str) -> CommandBody {
    CommandBody::List {
        reference: reference.into(),
        pattern: pattern.into(),
        extended: None,
    }
}

#[test]
fn list_keeps_wildcards_bare() {
    assert_eq!(cmd("A101", list("", "")), "A101 LIST \"\" \"\"\r\n");
    assert_eq!(
        cmd("A102", list("/usr/staff/jones", "")),
        "A102 LIST /usr/staff/jones \"\"\r\n"
    );
    assert_eq!(cmd("A202", list("~/Mail/", "%")), "A202 LIST ~/Mail/ %\r\n");
    let body = CommandBody::Lsub {
        reference: "#news.".into(),
        pattern: "comp.mail.*".into(),
    };
    assert_eq!(cmd("A002", body), "A002 LSUB #news. comp.mail.*\r\n");
    // A wildcard is not an astring character: the reference must be quoted.
    assert_eq!(
        cmd("A3", list("a*", "two words*")),
        "A3 LIST \"a*\" \"two words*\"\r\n"
    );
}

#[test]
fn list_extended_writes_every_part() {
    let body = CommandBody::List {
        reference: "".into(),
        pattern: "INBOX".into(),
        extended: Some(Box::new(ListExtended {
            selection: vec![ListSelection::Subscribed, ListSelection::RecursiveMatch],
            more_patterns: vec!["Sent*".into()],
            patterns_parenthesized: true,
            returns: Some(vec![
                ListReturn::Children,
                ListReturn::Status(vec![StatusItem::Messages, StatusItem::Size]),
            ]),
        })),
    };
    assert_eq!(
        cmd("a", body),
        "a LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (INBOX Sent*) RETURN (CHILDREN STATUS (MESSAGES SIZE))\r\n"
    );
    let body = CommandBody::List {
        reference: "".into(),
        pattern: "*".into(),
        extended: Some(Box::default()),
    };
    assert_eq!(cmd("a", body), "a LIST () \"\" *\r\n");
}

#[test]
fn status_lists_items_in_order() {
    let body = CommandBody::Status {
        mailbox: Mailbox::new("blurdybloop"),
        items: vec![StatusItem::UidNext, StatusItem::Messages],
    };
    assert_eq!(
        cmd("A042", body),
        "A042 STATUS blurdybloop (UIDNEXT MESSAGES)\r\n"
    );
    let body = CommandBody::Status {
        mailbox: Mailbox::Inbox,
        items: StatusItem::ALL.to_vec(),
    };
    assert_eq!(
        cmd("a", body),
        "a STATUS INBOX (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ SIZE)\r\n"
    );
}

#[test]
fn append_writes_a_synchronizing_literal() {
    let message = b"Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)\r\n\r\nHello Joe\r\n".to_vec();
    let len = message.len();
    let body = CommandBody::Append {
        mailbox: Mailbox::new("saved-messages"),
        flags: vec![Flag::Seen],
        date: None,
        message: message.clone(),
        more: vec![],
    };
    let expected = format!(
        "A003 APPEND saved-messages (\\Seen) {{{len}}}\r\n{}\r\n",
        String::from_utf8(message.clone()).unwrap()
    );
    assert_eq!(cmd("A003", body), expected);

    let dt = DateTime::new(Date::new(1996, 7, 7).unwrap(), 2, 4, 5, -420).unwrap();
    let body = CommandBody::Append {
        mailbox: Mailbox::Inbox,
        flags: vec![],
        date: Some(dt),
        message: b"x".to_vec(),
        more: vec![],
    };
    assert_eq!(
        cmd("a", body),
        "a APPEND INBOX \" 7-Jul-1996 02:04:05 -0700\" {1}\r\nx\r\n"
    );

    // MULTIAPPEND: each message after a space; a NUL makes a literal8.
    let body = CommandBody::Append {
        mailbox: Mailbox::Inbox,
        flags: vec![],
        date: None,
        message: b"x".to_vec(),
        more: vec![AppendMessage {
            flags: vec![Flag::Seen],
            date: Some(dt),
            message: b"a\0b".to_vec(),
        }],
    };
    assert_eq!(
        cmd("a", body),
        "a APPEND INBOX {1}\r\nx (\\Seen) \" 7-Jul-1996 02:04:05 -0700\" ~{3}\r\na\0b\r\n"
    );
}

#[test]
fn fetch_items_as_written() {
    let fetch = |items: FetchItems, set: SequenceSet, uid: bool| CommandBody::Fetch {
        set,
        items,
        uid,
        changed_since: None,
        vanished: false,
    };
    let two = set(vec![SeqRange::Range(n(2), n(4))]);
    assert_eq!(
        cmd("A654", fetch(FetchItems::All, two.clone(), false)),
        "A654 FETCH 2:4 ALL\r\n"
    );
    assert_eq!(
        cmd("A", fetch(FetchItems::Fast, two.clone(), false)),
        "A FETCH 2:4 FAST\r\n"
    );
    assert_eq!(
        cmd("A", fetch(FetchItems::Full, two.clone(), false)),
        "A FETCH 2:4 FULL\r\n"
    );
    let items = FetchItems::List {
        items: vec![FetchAttr::BodySection {
            peek: false,
            section: Section {
                part: vec![],
                text: Some(SectionText::HeaderFields(vec![
                    "DATE".into(),
                    "FROM".into(),
                ])),
            },
            partial: None,
        }],
        parenthesized: true,
    };
    assert_eq!(
        cmd("A654", fetch(items, two.clone(), false)),
        "A654 FETCH 2:4 (BODY[HEADER.FIELDS (DATE FROM)])\r\n"
    );
    let items = FetchItems::List {
        items: vec![FetchAttr::Flags],
        parenthesized: false,
    };
    let all = set(vec![SeqRange::Range(n(1), SeqNo::Largest)]);
    assert_eq!(
        cmd("a", fetch(items, all.clone(), true)),
        "a UID FETCH 1:* FLAGS\r\n"
    );
    let items = FetchItems::List {
        items: vec![
            FetchAttr::Uid,
            FetchAttr::Rfc822Size,
            FetchAttr::InternalDate,
            FetchAttr::Envelope,
            FetchAttr::BodyStructure,
            FetchAttr::Body,
            FetchAttr::Rfc822,
            FetchAttr::Rfc822Header,
            FetchAttr::Rfc822Text,
            FetchAttr::BodySection {
                peek: true,
                section: Section {
                    part: vec![1, 2],
                    text: Some(SectionText::Mime),
                },
                partial: Some((0, 1024)),
            },
            FetchAttr::BodySection {
                peek: true,
                section: Section {
                    part: vec![3],
                    text: None,
                },
                partial: None,
            },
            FetchAttr::BodySection {
                peek: false,
                section: Section {
                    part: vec![4, 1],
                    text: Some(SectionText::HeaderFieldsNot(vec!["X-Spam".into()])),
                },
                partial: None,
            },
            FetchAttr::BodySection {
                peek: false,
                section: Section::default(),
                partial: None,
            },
            FetchAttr::BodySection {
                peek: false,
                section: Section {
                    part: vec![],
                    text: Some(SectionText::Text),
                },
                partial: Some((100, 20)),
            },
            FetchAttr::BodySection {
                peek: true,
                section: Section {
                    part: vec![],
                    text: Some(SectionText::Header),
                },
                partial: None,
            },
        ],
        parenthesized: true,
    };
    let seqs = set(vec![
        SeqRange::Single(n(1)),
        SeqRange::Range(n(5), n(3)),
        SeqRange::Single(SeqNo::Largest),
    ]);
    assert_eq!(
        cmd("a", fetch(items, seqs, false)),
        "a FETCH 1,5:3,* (UID RFC822.SIZE INTERNALDATE ENVELOPE BODYSTRUCTURE BODY RFC822 \
         RFC822.HEADER RFC822.TEXT BODY.PEEK[1.2.MIME]<0.1024> BODY.PEEK[3] \
         BODY[4.1.HEADER.FIELDS.NOT (X-Spam)] BODY[] BODY[TEXT]<100.20> BODY.PEEK[HEADER])\r\n"
    );
}

#[test]
fn store_always_parenthesizes_flags() {
    let store = |mode, silent, flags, uid| CommandBody::Store {
        set: set(vec![SeqRange::Range(n(2), n(4))]),
        mode,
        silent,
        flags,
        uid,
        unchanged_since: None,
    };
    assert_eq!(
        cmd(
            "A003",
            store(StoreMode::Add, false, vec![Flag::Deleted], false)
        ),
        "A003 STORE 2:4 +FLAGS (\\Deleted)\r\n"
    );
    assert_eq!(
        cmd(
            "A",
            store(
                StoreMode::Remove,
                true,
                vec![
                    Flag::Seen,
                    Flag::Keyword(atom("$Junk")),
                    Flag::Extension(atom("X"))
                ],
                true
            )
        ),
        "A UID STORE 2:4 -FLAGS.SILENT (\\Seen $Junk \\X)\r\n"
    );
    assert_eq!(
        cmd("A", store(StoreMode::Replace, false, vec![], false)),
        "A STORE 2:4 FLAGS ()\r\n"
    );
}

#[test]
fn copy_move_and_uid_expunge() {
    let s = set(vec![SeqRange::Range(n(2), n(4))]);
    assert_eq!(
        cmd(
            "A003",
            CommandBody::Copy {
                set: s.clone(),
                mailbox: Mailbox::new("MEETING"),
                uid: false
            }
        ),
        "A003 COPY 2:4 MEETING\r\n"
    );
    assert_eq!(
        cmd(
            "a",
            CommandBody::Move {
                set: s.clone(),
                mailbox: Mailbox::new("Trash"),
                uid: true
            }
        ),
        "a UID MOVE 2:4 Trash\r\n"
    );
    let s = set(vec![SeqRange::Range(n(3000), n(3002))]);
    assert_eq!(
        cmd("A003", CommandBody::UidExpunge(s)),
        "A003 UID EXPUNGE 3000:3002\r\n"
    );
}

#[test]
fn search_examples_of_rfc_3501() {
    let search = |charset: Option<&str>, criteria: SearchKey| CommandBody::Search {
        returns: None,
        charset: charset.map(String::from),
        criteria,
        uid: false,
    };
    let body = search(
        None,
        SearchKey::And(vec![
            SearchKey::Flagged,
            SearchKey::Since(Date::new(1994, 2, 1).unwrap()),
            SearchKey::Not(Box::new(SearchKey::From("Smith".into()))),
        ]),
    );
    assert_eq!(
        cmd("A282", body),
        "A282 SEARCH FLAGGED SINCE 1-Feb-1994 NOT FROM Smith\r\n"
    );
    let body = search(
        Some("UTF-8"),
        SearchKey::And(vec![SearchKey::Text("XXXXXX".into())]),
    );
    assert_eq!(
        cmd("A284", body),
        "A284 SEARCH CHARSET UTF-8 TEXT XXXXXX\r\n"
    );
    let body = search(None, SearchKey::Subject("caf\u{e9} au lait".into()));
    assert_eq!(
        cmd("A", body),
        "A SEARCH SUBJECT {13}\r\ncaf\u{e9} au lait\r\n"
    );
}

#[test]
fn every_search_key() {
    use SearchKey as K;
    let d = Date::new(2024, 12, 31).unwrap();
    let keys = vec![
        K::SequenceSet(set(vec![SeqRange::Range(n(1), n(10))])),
        K::All,
        K::Answered,
        K::Bcc("b".into()),
        K::Before(d),
        K::Body("hello world".into()),
        K::Cc("c".into()),
        K::Deleted,
        K::Draft,
        K::Flagged,
        K::From("f".into()),
        K::Header("Message-ID".into(), "".into()),
        K::Keyword(atom("$Work")),
        K::Larger(1000),
        K::New,
        K::Not(Box::new(K::Seen)),
        K::Old,
        K::On(d),
        K::Or(
            Box::new(K::Or(Box::new(K::Seen), Box::new(K::Draft))),
            Box::new(K::And(vec![K::New, K::Old])),
        ),
        K::Recent,
        K::Seen,
        K::SentBefore(d),
        K::SentOn(d),
        K::SentSince(d),
        K::Since(d),
        K::Smaller(5),
        K::Subject("s".into()),
        K::Text("t".into()),
        K::To("NIL".into()),
        K::Uid(set(vec![SeqRange::Single(SeqNo::Largest)])),
        K::Unanswered,
        K::Undeleted,
        K::Undraft,
        K::Unflagged,
        K::Unkeyword(atom("Old")),
        K::Unseen,
        K::And(vec![]),
    ];
    let body = CommandBody::Search {
        returns: None,
        charset: None,
        criteria: K::And(keys),
        uid: true,
    };
    assert_eq!(
        cmd("a", body),
        "a UID SEARCH 1:10 ALL ANSWERED BCC b BEFORE 31-Dec-2024 BODY \"hello world\" CC c \
         DELETED DRAFT FLAGGED FROM f HEADER Message-ID \"\" KEYWORD $Work LARGER 1000 NEW \
         NOT SEEN OLD ON 31-Dec-2024 OR OR SEEN DRAFT (NEW OLD) RECENT SEEN \
         SENTBEFORE 31-Dec-2024 SENTON 31-Dec-2024 SENTSINCE 31-Dec-2024 SINCE 31-Dec-2024 \
         SMALLER 5 SUBJECT s TEXT t TO \"NIL\" UID * UNANSWERED UNDELETED UNDRAFT UNFLAGGED \
         UNKEYWORD Old UNSEEN ALL\r\n"
    );
}

#[test]
fn id_and_enable() {
    let body = CommandBody::Id(Some(vec![
        ("name".into(), Some("sodr".into())),
        ("version".into(), Some("19.34".into())),
        ("vendor".into(), None),
    ]));
    assert_eq!(
        cmd("a023", body),
        "a023 ID (\"name\" \"sodr\" \"version\" \"19.34\" \"vendor\" NIL)\r\n"
    );
    assert_eq!(cmd("a", CommandBody::Id(None)), "a ID NIL\r\n");
    assert_eq!(
        cmd(
            "t2",
            CommandBody::Enable(vec![atom("CONDSTORE"), atom("X-GOOD-IDEA")])
        ),
        "t2 ENABLE CONDSTORE X-GOOD-IDEA\r\n"
    );
}

#[test]
fn pieces_encode_without_crlf() {
    assert_eq!(Flag::Keyword(atom("$Forwarded")).to_bytes(), b"$Forwarded");
    assert_eq!(
        set(vec![
            SeqRange::Range(n(9), SeqNo::Largest),
            SeqRange::Single(n(2))
        ])
        .to_bytes(),
        b"9:*,2"
    );
    assert_eq!(
        Section {
            part: vec![1],
            text: Some(SectionText::Text)
        }
        .to_bytes(),
        b"1.TEXT"
    );
    assert_eq!(
        SearchKey::And(vec![SearchKey::Seen, SearchKey::New]).to_bytes(),
        b"(SEEN NEW)"
    );
}

#[test]
fn create_with_use() {
    let body = CommandBody::Create {
        mailbox: Mailbox::new("Old mail"),
        special_use: Some(vec!["\\Archive".into()]),
    };
    assert_eq!(
        cmd("a", body),
        "a CREATE \"Old mail\" (USE (\\Archive))\r\n"
    );
}
