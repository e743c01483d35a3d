//! Response parser: RFC 3501 §7 examples, the §8 sample session's server
//! lines, what real servers send, and rejected responses.

mod rfc3501;

use imap_syntax::*;

fn parse(line: &str) -> Response {
    match parse_response(format!("{line}\r\n").as_bytes()) {
        Ok(r) => r,
        Err(e) => panic!("{line:?} should parse, got {e:?}"),
    }
}

fn status(tag: Option<&str>, kind: StatusKind, code: Option<Code>, text: &str) -> Response {
    Response::Status(StatusResponse {
        tag: tag.map(|t| Tag::new(t).unwrap()),
        kind,
        code,
        text: text.into(),
    })
}

/// `* STATUS INBOX (...)` with these items.
fn inbox_status(items: &[(StatusItem, u64)]) -> Response {
    Response::Data(Data::Status {
        mailbox: Mailbox::Inbox,
        items: items.to_vec(),
    })
}

fn atoms(words: &[&str]) -> Vec<Atom> {
    words.iter().map(|w| Atom::new(*w).unwrap()).collect()
}

#[test]
fn rfc3501_section_7_examples() {
    use StatusKind::*;
    let cases: Vec<(&str, Response)> = vec![
        (
            "* OK IMAP4rev1 server ready",
            status(None, Ok, None, "IMAP4rev1 server ready"),
        ),
        (
            "* OK [ALERT] System shutdown in 10 minutes",
            status(None, Ok, Some(Code::Alert), "System shutdown in 10 minutes"),
        ),
        (
            "A001 OK LOGIN Completed",
            status(Some("A001"), Ok, None, "LOGIN Completed"),
        ),
        (
            "* NO Disk is 98% full, please delete unnecessary data",
            status(
                None,
                No,
                None,
                "Disk is 98% full, please delete unnecessary data",
            ),
        ),
        (
            "A222 NO COPY failed: disk is full",
            status(Some("A222"), No, None, "COPY failed: disk is full"),
        ),
        (
            "* BAD Command line too long",
            status(None, Bad, None, "Command line too long"),
        ),
        (
            "* PREAUTH IMAP4rev1 server logged in as Smith",
            status(None, PreAuth, None, "IMAP4rev1 server logged in as Smith"),
        ),
        (
            "* BYE Autologout; idle for too long",
            status(None, Bye, None, "Autologout; idle for too long"),
        ),
        (
            "* CAPABILITY IMAP4rev1 STARTTLS AUTH=GSSAPI XPIG-LATIN",
            Response::Data(Data::Capability(atoms(&[
                "IMAP4rev1",
                "STARTTLS",
                "AUTH=GSSAPI",
                "XPIG-LATIN",
            ]))),
        ),
        (
            "* LIST (\\Noselect) \"/\" ~/Mail/foo",
            Response::Data(Data::List(ListEntry {
                attributes: vec!["\\Noselect".into()],
                delimiter: Some('/'),
                mailbox: Mailbox::new("~/Mail/foo"),
                child_info: vec![],
            })),
        ),
        (
            "* LSUB () \".\" #news.comp.mail.misc",
            Response::Data(Data::Lsub(ListEntry {
                attributes: vec![],
                delimiter: Some('.'),
                mailbox: Mailbox::new("#news.comp.mail.misc"),
                child_info: vec![],
            })),
        ),
        (
            "* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)",
            Response::Data(Data::Status {
                mailbox: Mailbox::new("blurdybloop"),
                items: vec![(StatusItem::Messages, 231), (StatusItem::UidNext, 44292)],
            }),
        ),
        (
            "* SEARCH 2 3 6",
            Response::Data(Data::Search(vec![2, 3, 6])),
        ),
        ("* SEARCH", Response::Data(Data::Search(vec![]))),
        (
            "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)",
            Response::Data(Data::Flags(vec![
                Flag::Answered,
                Flag::Flagged,
                Flag::Deleted,
                Flag::Seen,
                Flag::Draft,
            ])),
        ),
        ("* 23 EXISTS", Response::Data(Data::Exists(23))),
        ("* 5 RECENT", Response::Data(Data::Recent(5))),
        ("* 44 EXPUNGE", Response::Data(Data::Expunge(44))),
        (
            "* 23 FETCH (FLAGS (\\Seen) RFC822.SIZE 44827)",
            Response::Data(Data::Fetch {
                seq: 23,
                items: vec![
                    FetchValue::Flags(vec![Flag::Seen]),
                    FetchValue::Rfc822Size(44827),
                ],
            }),
        ),
        (
            "+ Ready for additional command text",
            Response::Continue(Continue::Text("Ready for additional command text".into())),
        ),
        (
            "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited",
            status(
                None,
                Ok,
                Some(Code::PermanentFlags(vec![
                    FlagPerm::Flag(Flag::Deleted),
                    FlagPerm::Flag(Flag::Seen),
                    FlagPerm::Asterisk,
                ])),
                "Limited",
            ),
        ),
        (
            "* OK [UIDNEXT 4392] Predicted next UID",
            status(None, Ok, Some(Code::UidNext(4392)), "Predicted next UID"),
        ),
        (
            "A142 OK [READ-WRITE] SELECT completed",
            status(Some("A142"), Ok, Some(Code::ReadWrite), "SELECT completed"),
        ),
        (
            "A932 OK [READ-ONLY] EXAMINE completed",
            status(Some("A932"), Ok, Some(Code::ReadOnly), "EXAMINE completed"),
        ),
        (
            "A003 NO [TRYCREATE] No such mailbox",
            status(Some("A003"), No, Some(Code::TryCreate), "No such mailbox"),
        ),
    ];
    for (line, want) in cases {
        assert_eq!(parse(line), want, "{line}");
    }
}

#[test]
fn rfc3501_section_8_sample_session_server_lines() {
    let lines = [
        "* OK IMAP4rev1 Service Ready",
        "a001 OK LOGIN completed",
        "* 18 EXISTS",
        "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)",
        "* 2 RECENT",
        "* OK [UNSEEN 17] Message 17 is the first unseen message",
        "* OK [UIDVALIDITY 3857529045] UIDs valid",
        "a002 OK [READ-WRITE] SELECT completed",
        "a003 OK FETCH completed",
        "a004 OK FETCH completed",
        "* 12 FETCH (FLAGS (\\Seen \\Deleted))",
        "a005 OK +FLAGS completed",
        "* BYE IMAP4rev1 server terminating connection",
        "a006 OK LOGOUT completed",
    ];
    for line in lines {
        parse(line);
    }
    assert_eq!(
        parse("* OK [UIDVALIDITY 3857529045] UIDs valid"),
        status(
            None,
            StatusKind::Ok,
            Some(Code::UidValidity(3_857_529_045)),
            "UIDs valid"
        )
    );

    let fetch = format!(
        "* 12 FETCH (FLAGS (\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" \
         RFC822.SIZE 4286 ENVELOPE {} BODY {})",
        rfc3501::ENVELOPE,
        rfc3501::BODY
    );
    let Response::Data(Data::Fetch { seq: 12, items }) = parse(&fetch) else {
        panic!()
    };
    assert_eq!(items.len(), 5);
    assert_eq!(items[0], FetchValue::Flags(vec![Flag::Seen]));
    let FetchValue::InternalDate(d) = &items[1] else {
        panic!()
    };
    assert_eq!(d.to_string(), "17-Jul-1996 02:44:25 -0700");
    assert_eq!(items[2], FetchValue::Rfc822Size(4286));
    assert_eq!(
        items[3],
        FetchValue::Envelope(Box::new(rfc3501::envelope()))
    );
    assert_eq!(items[4], FetchValue::Body(Box::new(rfc3501::body())));

    let header = "Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\r\nFrom: Terry Gray <gray@cac.washington.edu>\r\n\r\n";
    let line = format!("* 12 FETCH (BODY[HEADER] {{{}}}\r\n{header})", header.len());
    assert_eq!(
        parse(&line),
        Response::Data(Data::Fetch {
            seq: 12,
            items: vec![FetchValue::BodySection {
                section: Section {
                    part: vec![],
                    text: Some(SectionText::Header)
                },
                origin: None,
                data: Some(header.as_bytes().to_vec()),
            }],
        })
    );
}

#[test]
fn every_response_code() {
    let code = |inner: &str| match parse(&format!("a OK [{inner}] done")) {
        Response::Status(StatusResponse {
            code: Some(c),
            text,
            ..
        }) => {
            assert_eq!(text, "done", "{inner}");
            c
        }
        other => panic!("{other:?}"),
    };
    let set = |n: u32| SequenceSet::single(n).unwrap();
    let cases: Vec<(&str, Code)> = vec![
        ("ALERT", Code::Alert),
        (
            "BADCHARSET (UTF-8 \"US-ASCII\")",
            Code::BadCharset(vec!["UTF-8".into(), "US-ASCII".into()]),
        ),
        ("BADCHARSET", Code::BadCharset(vec![])),
        (
            "CAPABILITY IMAP4rev1 IDLE",
            Code::Capability(atoms(&["IMAP4rev1", "IDLE"])),
        ),
        ("PARSE", Code::Parse),
        ("PERMANENTFLAGS ()", Code::PermanentFlags(vec![])),
        ("READ-ONLY", Code::ReadOnly),
        ("read-write", Code::ReadWrite),
        ("TRYCREATE", Code::TryCreate),
        ("UIDNEXT 5", Code::UidNext(5)),
        ("UIDVALIDITY 1", Code::UidValidity(1)),
        ("UNSEEN 3", Code::Unseen(3)),
        (
            "APPENDUID 38505 3955",
            Code::AppendUid {
                uid_validity: 38505,
                uids: set(3955),
            },
        ),
        (
            "COPYUID 38505 304 3956",
            Code::CopyUid {
                uid_validity: 38505,
                source: set(304),
                destination: set(3956),
            },
        ),
        ("UIDNOTSTICKY", Code::UidNotSticky),
        ("CLOSED", Code::Closed),
        ("AUTHENTICATIONFAILED", Code::AuthenticationFailed),
        ("AUTHORIZATIONFAILED", Code::AuthorizationFailed),
        ("PRIVACYREQUIRED", Code::PrivacyRequired),
        ("NONEXISTENT", Code::NonExistent),
        ("ALREADYEXISTS", Code::AlreadyExists),
        ("CANNOT", Code::Cannot),
        ("LIMIT", Code::Limit),
        ("INUSE", Code::InUse),
        ("USEATTR", Code::UseAttr),
        ("UNKNOWN-CTE", Code::UnknownCte),
        ("EXPUNGEISSUED", Code::ExpungeIssued),
        ("CLIENTBUG", Code::ClientBug),
        ("SERVERBUG", Code::ServerBug),
        ("UNAVAILABLE", Code::Unavailable),
        ("NOPERM", Code::NoPerm),
        (
            "HIGHESTMODSEQ 715194045007",
            Code::HighestModSeq(715194045007),
        ),
        ("NOMODSEQ", Code::NoModSeq),
        (
            "MODIFIED 7,9:11",
            Code::Modified({
                let n = |x| SeqNo::Value(std::num::NonZeroU32::new(x).unwrap());
                SequenceSet::new(vec![SeqRange::Single(n(7)), SeqRange::Range(n(9), n(11))])
                    .unwrap()
            }),
        ),
        ("X-FOO", Code::Other(Atom::new("X-FOO").unwrap(), None)),
        // A known code with arguments that do not fit is kept as Other.
        (
            "UIDNEXT soon",
            Code::Other(Atom::new("UIDNEXT").unwrap(), Some("soon".into())),
        ),
    ];
    for (inner, want) in cases {
        assert_eq!(code(inner), want, "{inner}");
    }
}

#[test]
fn continuation_requests_follow_the_documented_rule() {
    let cont = |line: &str| match parse(line) {
        Response::Continue(c) => c,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        cont("+ VXNlcm5hbWU6"),
        Continue::Base64(b"Username:".to_vec())
    );
    assert_eq!(cont("+ YQ=="), Continue::Base64(b"a".to_vec()));
    assert_eq!(cont("+ idling"), Continue::Text("idling".into()));
    assert_eq!(
        cont("+ Ready for literal data"),
        Continue::Text("Ready for literal data".into())
    );
    assert_eq!(cont("+ "), Continue::Text(String::new()));
    assert_eq!(cont("+"), Continue::Text(String::new()));
}

#[test]
fn extension_data() {
    assert_eq!(
        parse("* ENABLED CONDSTORE"),
        Response::Data(Data::Enabled(atoms(&["CONDSTORE"])))
    );
    assert_eq!(parse("* ID NIL"), Response::Data(Data::Id(None)));
    assert_eq!(
        parse("* ID (\"name\" \"Dovecot\" \"version\" NIL)"),
        Response::Data(Data::Id(Some(vec![
            ("name".into(), Some("Dovecot".into())),
            ("version".into(), None)
        ])))
    );
    assert_eq!(
        parse("* NAMESPACE ((\"\" \"/\")) NIL ((\"Public Folders/\" \"/\")(\"Shared/\" NIL))"),
        Response::Data(Data::Namespace {
            personal: Some(vec![NamespaceEntry {
                prefix: "".into(),
                delimiter: Some('/')
            }]),
            other: None,
            shared: Some(vec![
                NamespaceEntry {
                    prefix: "Public Folders/".into(),
                    delimiter: Some('/')
                },
                NamespaceEntry {
                    prefix: "Shared/".into(),
                    delimiter: None
                },
            ]),
        })
    );
    assert_eq!(
        parse("* LIST (\\HasNoChildren \\Sent) NIL Entw&APw-rfe"),
        Response::Data(Data::List(ListEntry {
            attributes: vec!["\\HasNoChildren".into(), "\\Sent".into()],
            delimiter: None,
            mailbox: Mailbox::new("Entwürfe"),
            child_info: vec![],
        }))
    );
    assert_eq!(
        parse("* LIST () \"/\" lab (CHILDINFO (\"SUBSCRIBED\") \"OLDNAME\" (\"x\"))"),
        Response::Data(Data::List(ListEntry {
            attributes: vec![],
            delimiter: Some('/'),
            mailbox: Mailbox::new("lab"),
            child_info: vec!["SUBSCRIBED".into()],
        }))
    );
    assert_eq!(
        parse("* LIST () \"\\\\\" inbox"),
        Response::Data(Data::List(ListEntry {
            attributes: vec![],
            delimiter: Some('\\'),
            mailbox: Mailbox::Inbox,
            child_info: vec![],
        }))
    );
}

#[test]
fn fetch_values() {
    let items = |line: &str| match parse(line) {
        Response::Data(Data::Fetch { items, .. }) => items,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        items("* 1 FETCH (UID 7 RFC822 NIL)"),
        vec![FetchValue::Uid(7), FetchValue::Rfc822(None)]
    );
    assert_eq!(
        items("* 1 FETCH (RFC822.HEADER \"a\" RFC822.TEXT {2}\r\nhi)"),
        vec![
            FetchValue::Rfc822Header(Some(b"a".to_vec())),
            FetchValue::Rfc822Text(Some(b"hi".to_vec()))
        ]
    );
    assert_eq!(
        items("* 1 FETCH (BODY[1.2.HEADER.FIELDS (FROM)]<0> NIL)"),
        vec![FetchValue::BodySection {
            section: Section {
                part: vec![1, 2],
                text: Some(SectionText::HeaderFields(vec!["FROM".into()]))
            },
            origin: Some(0),
            data: None,
        }]
    );
    // Unknown items (Gmail, BINARY) are skipped; flags may include \Recent.
    assert_eq!(
        items(
            "* 1 FETCH (MODSEQ (12345678901234) X-GM-LABELS (\"\\\\Inbox\" work) FLAGS (\\Recent) X-BINARY[1]<0> {1}\r\nx)"
        ),
        vec![
            FetchValue::ModSeq(12345678901234),
            FetchValue::Flags(vec![Flag::Recent])
        ]
    );
    // BINARY (RFC 3516): a literal, a literal8 with a NUL, NIL, and sizes.
    assert_eq!(
        items(
            "* 1 FETCH (BINARY[1]<0> {1}\r\nx BINARY[2.1] ~{3}\r\na\0b BINARY[] NIL BINARY.SIZE[2] 77)"
        ),
        vec![
            FetchValue::Binary {
                section: vec![1],
                origin: Some(0),
                data: Some(b"x".to_vec()),
                literal8: false,
            },
            FetchValue::Binary {
                section: vec![2, 1],
                origin: None,
                data: Some(b"a\0b".to_vec()),
                literal8: true,
            },
            FetchValue::Binary {
                section: vec![],
                origin: None,
                data: None,
                literal8: false,
            },
            FetchValue::BinarySize {
                section: vec![2],
                size: 77,
            },
        ]
    );
}

#[test]
fn bodystructure_with_multiparts_messages_and_extensions() {
    let line = "* 3 FETCH (BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"utf-8\") NIL NIL \"7BIT\" 12 1 NIL NIL NIL NIL)\
        (\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 300 \
        (NIL \"inner\" NIL NIL NIL NIL NIL NIL NIL NIL) \
        (\"TEXT\" \"HTML\" NIL NIL NIL \"QUOTED-PRINTABLE\" 40 2) 10)\
        (\"APPLICATION\" \"PDF\" (\"NAME\" \"a.pdf\") \"<id@x>\" \"A file\" \"BASE64\" 2048 \"md5sum\" \
        (\"attachment\" (\"filename\" \"a.pdf\")) (\"en\" \"de\") \"http://x/a.pdf\" 42 (1 (2)))\
        \"MIXED\" (\"BOUNDARY\" \"xyz\") NIL \"fr\"))";
    let Response::Data(Data::Fetch { items, .. }) = parse(line) else {
        panic!()
    };
    let FetchValue::BodyStructure(b) = &items[0] else {
        panic!("{items:?}")
    };
    let BodyStructure::Multi {
        parts,
        subtype,
        extension,
    } = b.as_ref()
    else {
        panic!()
    };
    assert_eq!(subtype, "MIXED");
    assert_eq!(
        extension.as_ref().unwrap(),
        &MultiPartExtension {
            params: vec![("BOUNDARY".into(), "xyz".into())],
            disposition: None,
            language: vec!["fr".into()],
            location: None,
        }
    );
    assert_eq!(parts.len(), 3);
    let BodyStructure::Single {
        specific: SinglePartKind::Text { lines: 1 },
        extension: Some(ext),
        ..
    } = &parts[0]
    else {
        panic!("{:?}", parts[0])
    };
    assert_eq!(ext, &SinglePartExtension::default());
    let BodyStructure::Single {
        specific:
            SinglePartKind::Message {
                envelope,
                body,
                lines,
            },
        ..
    } = &parts[1]
    else {
        panic!("{:?}", parts[1])
    };
    assert_eq!(*lines, 10);
    assert_eq!(envelope.subject.as_deref(), Some(&b"inner"[..]));
    assert!(matches!(
        body.as_ref(),
        BodyStructure::Single {
            specific: SinglePartKind::Text { lines: 2 },
            ..
        }
    ));
    let BodyStructure::Single {
        fields,
        specific: SinglePartKind::Basic,
        extension: Some(ext),
    } = &parts[2]
    else {
        panic!("{:?}", parts[2])
    };
    assert_eq!(fields.id.as_deref(), Some(&b"<id@x>"[..]));
    assert_eq!(fields.octets, 2048);
    assert_eq!(
        ext,
        &SinglePartExtension {
            md5: Some(b"md5sum".to_vec()),
            disposition: Some(Disposition {
                kind: "attachment".into(),
                params: vec![("filename".into(), "a.pdf".into())],
            }),
            language: vec!["en".into(), "de".into()],
            location: Some(b"http://x/a.pdf".to_vec()),
        }
    );
}

#[test]
fn liberal_with_real_servers() {
    assert_eq!(parse("* OK"), status(None, StatusKind::Ok, None, ""));
    assert_eq!(
        parse("a1 ok [READ-WRITE]"),
        status(Some("a1"), StatusKind::Ok, Some(Code::ReadWrite), "")
    );
    assert_eq!(parse("* 3 exists"), Response::Data(Data::Exists(3)));
    assert_eq!(
        parse("* SEARCH 1 2 "),
        Response::Data(Data::Search(vec![1, 2]))
    );
    assert_eq!(
        parse("* CAPABILITY IMAP4rev1 "),
        Response::Data(Data::Capability(atoms(&["IMAP4rev1"])))
    );
    assert_eq!(
        parse("* STATUS INBOX (MESSAGES 2 HIGHESTMODSEQ 18446744073709551615)"),
        inbox_status(&[
            (StatusItem::Messages, 2),
            (StatusItem::HighestModSeq, u64::MAX)
        ])
    );
    assert_eq!(
        parse("* SEARCH 2 5 (MODSEQ 917162500)"),
        Response::Data(Data::SearchModSeq {
            numbers: vec![2, 5],
            modseq: 917162500
        })
    );
    assert_eq!(
        parse("* STATUS INBOX (SIZE 9223372036854775807 MESSAGES 2)"),
        inbox_status(&[
            (StatusItem::Size, 9_223_372_036_854_775_807),
            (StatusItem::Messages, 2)
        ])
    );
    assert_eq!(
        parse_response(b"* 1 EXISTS\n").unwrap(),
        Response::Data(Data::Exists(1))
    );
}

#[test]
fn rejected_responses_point_at_the_mistake() {
    let cases: &[(&str, usize, &str)] = &[
        ("", 0, "a tag"),
        ("* FOO bar", 2, "an untagged response"),
        ("a1 MAYBE done", 3, "OK, NO or BAD"),
        ("* 3 THINGS", 4, "EXISTS, RECENT, EXPUNGE or FETCH"),
        ("* 3 FETCH (UID x)", 15, "a number"),
        ("* 3 FETCH (UID 1", 16, "a FETCH item"),
        ("* FLAGS (\\Seen", 14, "a space or a closing parenthesis"),
        ("* 4294967296 EXISTS", 2, "no larger than 4294967295"),
        (
            "* STATUS a (MESSAGES 4294967296)",
            21,
            "no larger than 4294967295",
        ),
        (
            "* STATUS a (SIZE 9223372036854775808)",
            17,
            "no larger than 9223372036854775807",
        ),
        ("* 1 FETCH (BODY (\"TEXT\"))", 23, "a space"),
    ];
    for &(line, offset, expected) in cases {
        let e = parse_response(format!("{line}\r\n").as_bytes()).unwrap_err();
        assert_eq!(e.offset, offset, "{line:?}: {e:?}");
        assert!(e.expected.contains(expected), "{line:?}: {e:?}");
    }
    let e = parse_response(b"a1 MAYBE\r\n").unwrap_err();
    assert_eq!(e.tag.as_ref().map(Tag::as_str), Some("a1"));
}

#[test]
fn deep_body_nesting_is_an_error_not_a_crash() {
    let line = format!(
        "* 1 FETCH (BODY {}\"TEXT\"{})",
        "(".repeat(5000),
        ")".repeat(5000)
    );
    assert!(parse_response(format!("{line}\r\n").as_bytes()).is_err());
    let line = format!(
        "* 1 FETCH (X-UNKNOWN {}{})",
        "(".repeat(5000),
        ")".repeat(5000)
    );
    assert!(parse_response(format!("{line}\r\n").as_bytes()).is_err());
}
