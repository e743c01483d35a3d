//! Exact bytes of encoded responses, checked against RFC 3501 §7 and the
//! way Dovecot writes them.

use std::num::NonZeroU32;

mod rfc3501;

use imap_syntax::*;

fn wire(r: Response) -> String {
    String::from_utf8(r.to_bytes()).unwrap()
}

fn data(d: Data) -> String {
    wire(Response::Data(d))
}

fn fetch(seq: u32, items: Vec<FetchValue>) -> String {
    data(Data::Fetch { seq, items })
}

fn status(tag: Option<&str>, kind: StatusKind, code: Option<Code>, text: &str) -> String {
    wire(Response::Status(StatusResponse {
        tag: tag.map(|t| Tag::new(t).unwrap()),
        kind,
        code,
        text: text.into(),
    }))
}

fn atom(s: &str) -> Atom {
    Atom::new(s).unwrap()
}

fn n(v: u32) -> SeqNo {
    SeqNo::Value(NonZeroU32::new(v).unwrap())
}

fn s(v: &str) -> Option<Vec<u8>> {
    Some(v.as_bytes().to_vec())
}

#[test]
fn status_responses_with_codes() {
    assert_eq!(
        status(
            None,
            StatusKind::Ok,
            Some(Code::UidValidity(3857529045)),
            "UIDs valid"
        ),
        "* OK [UIDVALIDITY 3857529045] UIDs valid\r\n"
    );
    assert_eq!(
        status(
            None,
            StatusKind::Ok,
            Some(Code::Unseen(17)),
            "Message 17 is first unseen"
        ),
        "* OK [UNSEEN 17] Message 17 is first unseen\r\n"
    );
    assert_eq!(
        status(
            None,
            StatusKind::Ok,
            Some(Code::UidNext(4392)),
            "Predicted next UID"
        ),
        "* OK [UIDNEXT 4392] Predicted next UID\r\n"
    );
    assert_eq!(
        status(
            None,
            StatusKind::Ok,
            Some(Code::PermanentFlags(vec![
                FlagPerm::Flag(Flag::Deleted),
                FlagPerm::Flag(Flag::Seen),
                FlagPerm::Asterisk
            ])),
            "Limited"
        ),
        "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n"
    );
    assert_eq!(
        status(
            Some("A142"),
            StatusKind::Ok,
            Some(Code::ReadWrite),
            "SELECT completed"
        ),
        "A142 OK [READ-WRITE] SELECT completed\r\n"
    );
    assert_eq!(
        status(
            Some("A932"),
            StatusKind::Ok,
            Some(Code::ReadOnly),
            "EXAMINE completed"
        ),
        "A932 OK [READ-ONLY] EXAMINE completed\r\n"
    );
    assert_eq!(
        status(
            Some("A003"),
            StatusKind::No,
            Some(Code::TryCreate),
            "COPY failed"
        ),
        "A003 NO [TRYCREATE] COPY failed\r\n"
    );
    assert_eq!(
        status(
            None,
            StatusKind::No,
            None,
            "Disk is 98% full, please delete unnecessary data"
        ),
        "* NO Disk is 98% full, please delete unnecessary data\r\n"
    );
    assert_eq!(
        status(None, StatusKind::Bad, None, "Command line too long"),
        "* BAD Command line too long\r\n"
    );
    assert_eq!(
        status(
            None,
            StatusKind::PreAuth,
            None,
            "IMAP4rev1 server logged in as Smith"
        ),
        "* PREAUTH IMAP4rev1 server logged in as Smith\r\n"
    );
    assert_eq!(
        status(None, StatusKind::Bye, None, "Autologout; idle for too long"),
        "* BYE Autologout; idle for too long\r\n"
    );
    assert_eq!(
        status(
            None,
            StatusKind::Ok,
            Some(Code::Capability(vec![
                atom("IMAP4rev1"),
                atom("AUTH=PLAIN")
            ])),
            "ready"
        ),
        "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n"
    );
}

#[test]
fn every_code() {
    let set = SequenceSet::new(vec![
        SeqRange::Range(n(304), n(306)),
        SeqRange::Single(n(319)),
    ])
    .unwrap();
    let cases = vec![
        (Code::Alert, "ALERT"),
        (Code::BadCharset(vec![]), "BADCHARSET"),
        (
            Code::BadCharset(vec!["UTF-8".into(), "US-ASCII".into()]),
            "BADCHARSET (UTF-8 US-ASCII)",
        ),
        (Code::Parse, "PARSE"),
        (Code::TryCreate, "TRYCREATE"),
        (
            Code::AppendUid {
                uid_validity: 38505,
                uids: SequenceSet::single(3955).unwrap(),
            },
            "APPENDUID 38505 3955",
        ),
        (
            Code::CopyUid {
                uid_validity: 38505,
                source: set.clone(),
                destination: SequenceSet::new(vec![SeqRange::Range(n(3956), n(3959))]).unwrap(),
            },
            "COPYUID 38505 304:306,319 3956:3959",
        ),
        (Code::UidNotSticky, "UIDNOTSTICKY"),
        (Code::Closed, "CLOSED"),
        (Code::AuthenticationFailed, "AUTHENTICATIONFAILED"),
        (Code::AuthorizationFailed, "AUTHORIZATIONFAILED"),
        (Code::PrivacyRequired, "PRIVACYREQUIRED"),
        (Code::NonExistent, "NONEXISTENT"),
        (Code::AlreadyExists, "ALREADYEXISTS"),
        (Code::Cannot, "CANNOT"),
        (Code::Limit, "LIMIT"),
        (Code::InUse, "INUSE"),
        (Code::UseAttr, "USEATTR"),
        (Code::UnknownCte, "UNKNOWN-CTE"),
        (Code::ExpungeIssued, "EXPUNGEISSUED"),
        (Code::ClientBug, "CLIENTBUG"),
        (Code::ServerBug, "SERVERBUG"),
        (Code::Unavailable, "UNAVAILABLE"),
        (Code::NoPerm, "NOPERM"),
        (Code::Other(atom("X-FOO"), None), "X-FOO"),
        (
            Code::Other(atom("X-FOO"), Some("a b]c".into())),
            "X-FOO a b c",
        ),
    ];
    for (code, wire) in cases {
        assert_eq!(String::from_utf8(code.to_bytes()).unwrap(), wire);
    }
}

#[test]
fn empty_status_text_becomes_one_word() {
    assert_eq!(
        status(Some("a1"), StatusKind::Ok, None, ""),
        "a1 OK completed\r\n"
    );
    assert_eq!(
        status(Some("a1"), StatusKind::No, None, ""),
        "a1 NO failed\r\n"
    );
    assert_eq!(
        status(Some("a1"), StatusKind::Bad, None, ""),
        "a1 BAD invalid\r\n"
    );
    assert_eq!(status(None, StatusKind::Bye, None, ""), "* BYE closing\r\n");
    assert_eq!(
        status(
            Some("a1"),
            StatusKind::Ok,
            Some(Code::Alert),
            "line\r\nbreak"
        ),
        "a1 OK [ALERT] line  break\r\n"
    );
}

#[test]
fn continuation_requests() {
    assert_eq!(
        wire(Response::Continue(Continue::Text(
            "Ready for literal data".into()
        ))),
        "+ Ready for literal data\r\n"
    );
    assert_eq!(
        wire(Response::Continue(Continue::Text("".into()))),
        "+ \r\n"
    );
    assert_eq!(
        wire(Response::Continue(Continue::Base64(
            b"\x60\x81\x93".to_vec()
        ))),
        "+ YIGT\r\n"
    );
    assert_eq!(wire(Response::Continue(Continue::Base64(vec![]))), "+ \r\n");
}

#[test]
fn capability_list_and_lsub() {
    assert_eq!(
        data(Data::Capability(vec![
            atom("IMAP4rev1"),
            atom("STARTTLS"),
            atom("AUTH=GSSAPI"),
            atom("LOGINDISABLED")
        ])),
        "* CAPABILITY IMAP4rev1 STARTTLS AUTH=GSSAPI LOGINDISABLED\r\n"
    );
    assert_eq!(
        data(Data::List(ListEntry {
            attributes: vec!["\\Noselect".into()],
            delimiter: Some('/'),
            mailbox: Mailbox::new("foo"),
            child_info: vec![],
        })),
        "* LIST (\\Noselect) \"/\" foo\r\n"
    );
    assert_eq!(
        data(Data::List(ListEntry {
            attributes: vec![],
            delimiter: None,
            mailbox: Mailbox::new(""),
            child_info: vec![],
        })),
        "* LIST () NIL \"\"\r\n"
    );
    assert_eq!(
        data(Data::List(ListEntry {
            attributes: vec!["\\HasNoChildren".into(), "\\Sent".into()],
            delimiter: Some('.'),
            mailbox: Mailbox::new("Sent Items"),
            child_info: vec![],
        })),
        "* LIST (\\HasNoChildren \\Sent) \".\" \"Sent Items\"\r\n"
    );
    assert_eq!(
        data(Data::Lsub(ListEntry {
            attributes: vec![],
            delimiter: Some('.'),
            mailbox: Mailbox::new("#news.comp.mail.misc"),
            child_info: vec![],
        })),
        "* LSUB () \".\" #news.comp.mail.misc\r\n"
    );
    assert_eq!(
        data(Data::List(ListEntry {
            attributes: vec![],
            delimiter: Some('/'),
            mailbox: Mailbox::Inbox,
            child_info: vec![],
        })),
        "* LIST () \"/\" INBOX\r\n"
    );
}

#[test]
fn list_with_childinfo() {
    assert_eq!(
        data(Data::List(ListEntry {
            attributes: vec![],
            delimiter: Some('/'),
            mailbox: Mailbox::new("lab"),
            child_info: vec!["SUBSCRIBED".into()],
        })),
        "* LIST () \"/\" lab (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n"
    );
}

#[test]
fn status_search_flags_and_counts() {
    assert_eq!(
        data(Data::Status {
            mailbox: Mailbox::new("blurdybloop"),
            items: vec![(StatusItem::Messages, 231), (StatusItem::UidNext, 44292)]
        }),
        "* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)\r\n"
    );
    assert_eq!(
        data(Data::Status {
            mailbox: Mailbox::Inbox,
            items: vec![(StatusItem::Size, 5_000_000_000)]
        }),
        "* STATUS INBOX (SIZE 5000000000)\r\n"
    );
    assert_eq!(
        data(Data::Search(vec![2, 84, 882])),
        "* SEARCH 2 84 882\r\n"
    );
    assert_eq!(data(Data::Search(vec![])), "* SEARCH\r\n");
    assert_eq!(
        data(Data::Flags(vec![
            Flag::Answered,
            Flag::Flagged,
            Flag::Deleted,
            Flag::Seen,
            Flag::Draft
        ])),
        "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
    );
    assert_eq!(data(Data::Exists(23)), "* 23 EXISTS\r\n");
    assert_eq!(data(Data::Recent(5)), "* 5 RECENT\r\n");
    assert_eq!(data(Data::Expunge(44)), "* 44 EXPUNGE\r\n");
    assert_eq!(
        data(Data::Enabled(vec![atom("CONDSTORE")])),
        "* ENABLED CONDSTORE\r\n"
    );
    assert_eq!(data(Data::Enabled(vec![])), "* ENABLED\r\n");
}

#[test]
fn id_and_namespace() {
    assert_eq!(
        data(Data::Id(Some(vec![
            ("name".into(), Some("Cyrus".into())),
            ("support-url".into(), None)
        ]))),
        "* ID (\"name\" \"Cyrus\" \"support-url\" NIL)\r\n"
    );
    assert_eq!(data(Data::Id(None)), "* ID NIL\r\n");
    assert_eq!(
        data(Data::Namespace {
            personal: Some(vec![NamespaceEntry {
                prefix: "".into(),
                delimiter: Some('/')
            }]),
            other: Some(vec![
                NamespaceEntry {
                    prefix: "~".into(),
                    delimiter: Some('/')
                },
                NamespaceEntry {
                    prefix: "#users/".into(),
                    delimiter: Some('/')
                },
            ]),
            shared: None,
        }),
        "* NAMESPACE ((\"\" \"/\")) ((\"~\" \"/\")(\"#users/\" \"/\")) NIL\r\n"
    );
}

#[test]
fn fetch_flags_uid_and_dates() {
    assert_eq!(
        fetch(
            12,
            vec![
                FetchValue::Flags(vec![Flag::Seen]),
                FetchValue::Uid(4827313)
            ]
        ),
        "* 12 FETCH (FLAGS (\\Seen) UID 4827313)\r\n"
    );
    let dt = DateTime::new(Date::new(1996, 7, 17).unwrap(), 2, 44, 25, -420).unwrap();
    let early = DateTime::new(Date::new(2024, 1, 5).unwrap(), 9, 0, 0, 330).unwrap();
    assert_eq!(
        fetch(
            1,
            vec![
                FetchValue::InternalDate(dt),
                FetchValue::InternalDate(early),
                FetchValue::Rfc822Size(4286)
            ]
        ),
        "* 1 FETCH (INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" INTERNALDATE \" 5-Jan-2024 09:00:00 +0530\" RFC822.SIZE 4286)\r\n"
    );
}

#[test]
fn fetch_body_sections_are_literals() {
    assert_eq!(
        fetch(
            12,
            vec![FetchValue::BodySection {
                section: Section {
                    part: vec![],
                    text: Some(SectionText::Header)
                },
                origin: None,
                data: s("From: a@b\r\n\r\n"),
            }]
        ),
        "* 12 FETCH (BODY[HEADER] {13}\r\nFrom: a@b\r\n\r\n)\r\n"
    );
    assert_eq!(
        fetch(
            2,
            vec![
                FetchValue::BodySection {
                    section: Section {
                        part: vec![1, 2],
                        text: None
                    },
                    origin: Some(0),
                    data: s("")
                },
                FetchValue::BodySection {
                    section: Section {
                        part: vec![],
                        text: Some(SectionText::HeaderFields(vec![
                            "From".into(),
                            "Subject".into()
                        ]))
                    },
                    origin: None,
                    data: None
                },
                FetchValue::Rfc822(s("x")),
                FetchValue::Rfc822Header(None),
                FetchValue::Rfc822Text(s("y")),
            ]
        ),
        "* 2 FETCH (BODY[1.2]<0> {0}\r\n BODY[HEADER.FIELDS (From Subject)] NIL RFC822 {1}\r\nx RFC822.HEADER NIL RFC822.TEXT {1}\r\ny)\r\n"
    );
}

#[test]
fn envelope_of_rfc_3501_section_8() {
    assert_eq!(
        fetch(
            12,
            vec![FetchValue::Envelope(Box::new(rfc3501::envelope()))]
        ),
        format!("* 12 FETCH (ENVELOPE {})\r\n", rfc3501::ENVELOPE)
    );
    // 8-bit header text travels as a literal.
    let env = Envelope {
        subject: Some("Gr\u{fc}\u{df}e".as_bytes().to_vec()),
        ..Envelope::default()
    };
    assert_eq!(
        String::from_utf8(env.to_bytes()).unwrap(),
        "(NIL {7}\r\nGr\u{fc}\u{df}e NIL NIL NIL NIL NIL NIL NIL NIL)"
    );
}

fn text_part(
    subtype: &str,
    octets: u32,
    lines: u32,
    ext: Option<SinglePartExtension>,
) -> BodyStructure {
    BodyStructure::Single {
        fields: BodyFields {
            media_type: "TEXT".into(),
            subtype: subtype.into(),
            params: vec![("CHARSET".into(), "US-ASCII".into())],
            id: None,
            description: None,
            encoding: "7BIT".into(),
            octets,
        },
        specific: SinglePartKind::Text { lines },
        extension: ext,
    }
}

#[test]
fn body_of_rfc_3501_section_7() {
    assert_eq!(
        fetch(12, vec![FetchValue::Body(Box::new(rfc3501::body()))]),
        format!("* 12 FETCH (BODY {})\r\n", rfc3501::BODY)
    );
}

#[test]
fn multipart_bodystructure_with_attachment_and_message() {
    let attachment = BodyStructure::Single {
        fields: BodyFields {
            media_type: "APPLICATION".into(),
            subtype: "PDF".into(),
            params: vec![("NAME".into(), "r\u{e9}sum\u{e9}.pdf".into())],
            id: Some(b"<part1@x>".to_vec()),
            description: None,
            encoding: "BASE64".into(),
            octets: 4096,
        },
        specific: SinglePartKind::Basic,
        extension: Some(SinglePartExtension {
            md5: None,
            disposition: Some(Disposition {
                kind: "attachment".into(),
                params: vec![("filename".into(), "cv.pdf".into())],
            }),
            language: vec!["en".into(), "fr".into()],
            location: None,
        }),
    };
    let inner = text_part("PLAIN", 10, 1, Some(SinglePartExtension::default()));
    let forwarded = BodyStructure::Single {
        fields: BodyFields {
            media_type: "MESSAGE".into(),
            subtype: "RFC822".into(),
            params: vec![],
            id: None,
            description: Some(b"fwd".to_vec()),
            encoding: "7BIT".into(),
            octets: 500,
        },
        specific: SinglePartKind::Message {
            envelope: Box::new(Envelope::default()),
            body: Box::new(inner),
            lines: 12,
        },
        extension: Some(SinglePartExtension::default()),
    };
    let mixed = BodyStructure::Multi {
        parts: vec![
            text_part("PLAIN", 20, 2, Some(SinglePartExtension::default())),
            attachment,
            forwarded,
        ],
        subtype: "MIXED".into(),
        extension: Some(MultiPartExtension {
            params: vec![("BOUNDARY".into(), "b1".into())],
            ..MultiPartExtension::default()
        }),
    };
    let nil_env = "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)";
    let expected_ext = format!(
        "* 3 FETCH (BODYSTRUCTURE (\
         (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 20 2 NIL NIL NIL NIL)\
         (\"APPLICATION\" \"PDF\" (\"NAME\" {{12}}\r\nr\u{e9}sum\u{e9}.pdf) \"<part1@x>\" NIL \"BASE64\" 4096 \
         NIL (\"attachment\" (\"filename\" \"cv.pdf\")) (\"en\" \"fr\") NIL)\
         (\"MESSAGE\" \"RFC822\" NIL NIL \"fwd\" \"7BIT\" 500 {nil_env} \
         (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 10 1 NIL NIL NIL NIL) 12 \
         NIL NIL NIL NIL) \
         \"MIXED\" (\"BOUNDARY\" \"b1\") NIL NIL NIL))\r\n"
    );
    assert_eq!(
        fetch(3, vec![FetchValue::BodyStructure(Box::new(mixed.clone()))]),
        expected_ext
    );
    // BODY drops every extension, at every depth.
    let expected_plain = format!(
        "* 3 FETCH (BODY (\
         (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 20 2)\
         (\"APPLICATION\" \"PDF\" (\"NAME\" {{12}}\r\nr\u{e9}sum\u{e9}.pdf) \"<part1@x>\" NIL \"BASE64\" 4096)\
         (\"MESSAGE\" \"RFC822\" NIL NIL \"fwd\" \"7BIT\" 500 {nil_env} \
         (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 10 1) 12) \
         \"MIXED\"))\r\n"
    );
    assert_eq!(
        fetch(3, vec![FetchValue::Body(Box::new(mixed))]),
        expected_plain
    );
}
