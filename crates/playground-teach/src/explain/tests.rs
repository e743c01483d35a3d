//! Tests of the explanations, and of the transcript facts beside them
//! (`playground_wasm::facts`, a dev-dependency).

use super::*;
use imap_syntax::{
    Atom, BodyFields, Date, DateTime, Disposition, ListEntry, Mailbox, MultiPartExtension,
    NamespaceEntry, SeqNo, SeqRange, SinglePartExtension, Tag,
};
use playground_wasm::facts::Facts;

fn all_text(e: &Explanation) -> String {
    let mut s = e.title.clone();
    for p in &e.paragraphs {
        s.push('\n');
        s.push_str(p);
    }
    for t in &e.terms {
        s.push('\n');
        s.push_str(&t.term);
        s.push_str(": ");
        s.push_str(&t.meaning);
    }
    s
}

/// A line answering `command` with `mailbox` selected and `exists` known.
fn in_mailbox(exists: u32, mailbox: &str, command: &str) -> Context {
    Context {
        exists: Some(exists),
        mailbox: Some(mailbox.to_owned()),
        command: Some(command.to_owned()),
    }
}

fn ctx() -> Context {
    in_mailbox(22, "INBOX", "FETCH")
}

fn atom(s: &str) -> Atom {
    Atom::new(s).unwrap()
}

fn set(n: u32) -> SequenceSet {
    SequenceSet::single(n).unwrap()
}

/// Explains `r` and checks that every word of `needles` is in it.
fn check(r: Response, needles: &[&str]) {
    let e = explain_response(&r, &ctx());
    assert!(!e.paragraphs.is_empty() || !e.terms.is_empty(), "{r:?}");
    let text = all_text(&e);
    for n in needles {
        assert!(
            text.contains(n),
            "explanation of {r:?} lacks {n:?}:\n{text}"
        );
    }
}

fn status(tag: Option<&str>, kind: StatusKind, code: Option<Code>) -> Response {
    Response::Status(StatusResponse {
        tag: tag.map(|t| Tag::new(t).unwrap()),
        kind,
        code,
        text: "done here".to_owned(),
    })
}

#[test]
fn every_status_kind_tagged_and_untagged() {
    for kind in [
        StatusKind::Ok,
        StatusKind::No,
        StatusKind::Bad,
        StatusKind::PreAuth,
        StatusKind::Bye,
    ] {
        let word = kind.name();
        check(status(Some("a7"), kind, None), &["a7", word, "done here"]);
        check(status(None, kind, None), &[word]);
    }
    check(status(Some("a7"), StatusKind::Ok, None), &["FETCH"]);
}

#[test]
fn every_code() {
    let codes: Vec<(Code, Vec<&str>)> = vec![
        (Code::Alert, vec!["ALERT"]),
        (Code::BadCharset(vec!["UTF-8".into()]), vec!["UTF-8"]),
        (
            Code::Capability(vec![atom("IMAP4rev1"), atom("IDLE")]),
            vec!["IDLE", "2"],
        ),
        (Code::Parse, vec!["PARSE"]),
        (
            Code::PermanentFlags(vec![FlagPerm::Flag(Flag::Deleted), FlagPerm::Asterisk]),
            vec!["\\Deleted", "INBOX", "keywords"],
        ),
        (Code::ReadOnly, vec!["INBOX", "read-only"]),
        (Code::ReadWrite, vec!["INBOX"]),
        (Code::TryCreate, vec!["CREATE"]),
        (Code::UidNext(4392), vec!["4392", "INBOX"]),
        (Code::UidValidity(3857529045), vec!["3857529045", "INBOX"]),
        (Code::Unseen(17), vec!["17"]),
        (
            Code::AppendUid {
                uid_validity: 38505,
                uids: set(3955),
            },
            vec!["38505", "3955"],
        ),
        (
            Code::CopyUid {
                uid_validity: 38505,
                source: set(304),
                destination: set(3956),
            },
            vec!["304", "3956", "38505"],
        ),
        (Code::UidNotSticky, vec!["INBOX"]),
        (Code::Closed, vec!["closed"]),
        (Code::AuthenticationFailed, vec!["alice"]),
        (Code::AuthorizationFailed, vec!["AUTHORIZATIONFAILED"]),
        (Code::PrivacyRequired, vec!["STARTTLS"]),
        (Code::NonExistent, vec!["LIST"]),
        (Code::AlreadyExists, vec!["exists"]),
        (Code::Cannot, vec!["never"]),
        (Code::Limit, vec!["limit"]),
        (Code::InUse, vec!["later"]),
        (Code::UseAttr, vec!["special use"]),
        (Code::UnknownCte, vec!["BINARY", "base64", "BODY[part]"]),
        (Code::ExpungeIssued, vec!["expunged", "NOOP", "EXPUNGE"]),
        (Code::ClientBug, vec!["client"]),
        (Code::ServerBug, vec!["bug"]),
        (Code::Unavailable, vec!["retry"]),
        (Code::NoPerm, vec!["rights"]),
        (
            Code::Other(atom("X-FOO"), Some("bar".into())),
            vec!["X-FOO", "bar"],
        ),
    ];
    for (code, needles) in codes {
        check(status(None, StatusKind::Ok, Some(code)), &needles);
    }
}

#[test]
fn every_continue() {
    check(
        Response::Continue(Continue::Text("go ahead".into())),
        &["go ahead", "DONE"],
    );
    check(
        Response::Continue(Continue::Base64(b"hello".to_vec())),
        &["hello", "5 bytes"],
    );
}

fn addr(name: &str, mailbox: &str, host: &str) -> Address {
    Address {
        name: Some(name.as_bytes().to_vec()),
        adl: None,
        mailbox: Some(mailbox.as_bytes().to_vec()),
        host: Some(host.as_bytes().to_vec()),
    }
}

fn envelope() -> Envelope {
    Envelope {
        date: Some(b"Mon, 7 Feb 1994 21:52:25 -0800".to_vec()),
        subject: Some(b"afternoon meeting".to_vec()),
        from: vec![addr("Terry Gray", "gray", "cac.washington.edu")],
        sender: vec![],
        reply_to: vec![],
        to: vec![addr("Alice", "alice", "teaparty.example")],
        cc: vec![addr("Carol", "carol", "gardens.example")],
        bcc: vec![addr("Bob", "bob", "builder.example")],
        in_reply_to: Some(b"<1@x>".to_vec()),
        message_id: Some(b"<B27397-0100000@cac.washington.edu>".to_vec()),
    }
}

fn text_part(lines: u32) -> BodyStructure {
    BodyStructure::Single {
        fields: BodyFields {
            media_type: "TEXT".into(),
            subtype: "PLAIN".into(),
            params: vec![("CHARSET".into(), "US-ASCII".into())],
            id: None,
            description: None,
            encoding: "7BIT".into(),
            octets: 3028,
        },
        specific: SinglePartKind::Text { lines },
        extension: None,
    }
}

#[test]
fn every_data_kind() {
    check(
        Response::Data(Data::Capability(vec![
            atom("IMAP4rev1"),
            atom("AUTH=PLAIN"),
        ])),
        &["AUTHENTICATE PLAIN", "2"],
    );
    let entry = ListEntry {
        attributes: vec!["\\Noselect".into()],
        delimiter: Some('/'),
        mailbox: Mailbox::new("Projects"),
        child_info: Vec::new(),
    };
    check(
        Response::Data(Data::List(entry.clone())),
        &["Projects", "/", "SELECT fails"],
    );
    check(
        Response::Data(Data::Lsub(entry)),
        &["subscribed", "Projects"],
    );
    check(
        Response::Data(Data::List(ListEntry {
            attributes: vec![],
            delimiter: Some('/'),
            mailbox: Mailbox::new("lab"),
            child_info: vec!["SUBSCRIBED".into()],
        })),
        &["CHILDINFO", "lab", "inside it", "subscribed"],
    );
    check(
        Response::Data(Data::Status {
            mailbox: Mailbox::new("test"),
            items: vec![
                (StatusItem::Messages, 2),
                (StatusItem::Recent, 1),
                (StatusItem::UidNext, 44),
                (StatusItem::UidValidity, 9),
                (StatusItem::Unseen, 3),
                (StatusItem::Size, 5_000_000_000),
            ],
        }),
        &[
            "test",
            "MESSAGES 2",
            "RECENT 1",
            "UID 44",
            "generation 9",
            "3 messages",
            "SIZE 5000000000",
            "5000000000 bytes",
        ],
    );
    check(
        Response::Data(Data::Search(vec![13, 20, 22])),
        &["13 20 22", "3 messages"],
    );
    check(Response::Data(Data::Search(vec![])), &["No message"]);
    let esearch = |uid, items| Data::ESearch {
        tag: Some("a7".to_owned()),
        uid,
        items,
    };
    let all = SequenceSet::new(vec![SeqRange::Range(
        SeqNo::Value(std::num::NonZeroU32::new(2).unwrap()),
        SeqNo::Largest,
    )])
    .unwrap();
    let every = vec![
        ESearchItem::Min(2),
        ESearchItem::Max(9),
        ESearchItem::All(all),
        ESearchItem::Count(4),
    ];
    check(
        Response::Data(esearch(false, every)),
        &[
            "(TAG \"a7\")",
            "tagged a7",
            "MIN 2",
            "MAX 9",
            "ALL 2:*",
            "COUNT 4",
            "4 messages",
            "INBOX",
        ],
    );
    check(
        Response::Data(esearch(true, vec![ESearchItem::Count(0)])),
        &["UID", "as UIDs", "COUNT 0", "No message", "INBOX"],
    );
    // An empty line: nothing matched, or only UPDATE (or SAVE) was asked.
    check(
        Response::Data(esearch(false, vec![])),
        &["No result", "RETURN (UPDATE) alone"],
    );
    // CONTEXT=SEARCH (RFC 5267): a page, an empty page, and the news of
    // an updated search.
    check(
        Response::Data(esearch(
            false,
            vec![ESearchItem::Partial {
                first: 1,
                last: 5,
                set: Some(
                    SequenceSet::new(vec![SeqRange::Range(
                        SeqNo::Value(std::num::NonZeroU32::new(3).unwrap()),
                        SeqNo::Value(std::num::NonZeroU32::new(7).unwrap()),
                    )])
                    .unwrap(),
                ),
            }],
        )),
        &["PARTIAL (1:5 3:7)", "places 1 to 5"],
    );
    check(
        Response::Data(esearch(
            false,
            vec![ESearchItem::Partial {
                first: 40,
                last: 50,
                set: None,
            }],
        )),
        &["PARTIAL (40:50 NIL)", "past the end", "No message"],
    );
    check(
        Response::Data(esearch(
            true,
            vec![
                ESearchItem::RemoveFrom(vec![(0, set(4))]),
                ESearchItem::AddTo(vec![(0, set(9))]),
            ],
        )),
        &[
            "RETURN (UPDATE)",
            "REMOVEFROM (0 4)",
            "ADDTO (0 9)",
            "CANCELUPDATE",
            "no longer match",
        ],
    );
    check(
        Response::Data(Data::Flags(vec![Flag::Seen, Flag::Keyword(atom("$Todo"))])),
        &["\\Seen", "$Todo", "INBOX"],
    );
    check(Response::Data(Data::Exists(25)), &["25", "23:25"]);
    check(Response::Data(Data::Recent(2)), &["2", "INBOX"]);
    check(
        Response::Data(Data::Expunge(3)),
        &["Message 3", "4..22", "3..21", "21 messages"],
    );
    check(
        Response::Data(Data::Enabled(vec![atom("UTF8=ACCEPT")])),
        &["UTF8=ACCEPT"],
    );
    check(
        Response::Data(Data::Id(Some(vec![(
            "name".into(),
            Some("playground".into()),
        )]))),
        &["name", "playground"],
    );
    check(Response::Data(Data::Id(None)), &["NIL"]);
    check(
        Response::Data(Data::Namespace {
            personal: Some(vec![NamespaceEntry {
                prefix: String::new(),
                delimiter: Some('/'),
            }]),
            other: None,
            shared: None,
        }),
        &["personal", "“/”", "NIL"],
    );
}

#[test]
fn expunge_of_the_last_and_next_to_last() {
    let e = explain_response(&Response::Data(Data::Expunge(22)), &ctx());
    assert!(all_text(&e).contains("no other number changes"));
    let e = explain_response(&Response::Data(Data::Expunge(21)), &ctx());
    assert!(
        all_text(&e).contains("Message 22 now becomes message 21"),
        "{}",
        all_text(&e)
    );
}

#[test]
fn every_fetch_value_and_structure() {
    let date = DateTime::new(Date::new(1994, 2, 17).unwrap(), 13, 3, 0, -480).unwrap();
    let section = Section {
        part: vec![],
        text: Some(SectionText::HeaderFields(vec![
            "FROM".into(),
            "SUBJECT".into(),
        ])),
    };
    let sections = [
        (
            Section {
                part: vec![],
                text: None,
            },
            "whole message",
        ),
        (
            Section {
                part: vec![1, 2],
                text: None,
            },
            "part 1.2",
        ),
        (
            Section {
                part: vec![],
                text: Some(SectionText::Header),
            },
            "all header lines",
        ),
        (section.clone(), "FROM, SUBJECT"),
        (
            Section {
                part: vec![],
                text: Some(SectionText::HeaderFieldsNot(vec!["TO".into()])),
            },
            "except TO",
        ),
        (
            Section {
                part: vec![],
                text: Some(SectionText::Text),
            },
            "without its header",
        ),
        (
            Section {
                part: vec![2],
                text: Some(SectionText::Mime),
            },
            "MIME header lines of part 2",
        ),
    ];
    for (section, needle) in sections {
        check(
            Response::Data(Data::Fetch {
                seq: 8,
                items: vec![FetchValue::BodySection {
                    section,
                    origin: Some(10),
                    data: Some(b"abc".to_vec()),
                }],
            }),
            &["message 8", needle, "3 bytes", "byte 10"],
        );
    }
    check(
        Response::Data(Data::Fetch {
            seq: 6,
            items: vec![
                FetchValue::Binary {
                    section: vec![2],
                    origin: Some(4),
                    data: Some(vec![0, 1, 2]),
                    literal8: true,
                },
                FetchValue::BinarySize {
                    section: vec![],
                    size: 1234,
                },
            ],
        }),
        &[
            "BINARY[2]<4>",
            "part 2 of message 6 decoded",
            "3 bytes",
            "byte 4",
            "literal8",
            "BINARY.SIZE[] 1234",
            "the whole message",
        ],
    );
    let attachment = BodyStructure::Single {
        fields: BodyFields {
            media_type: "IMAGE".into(),
            subtype: "PNG".into(),
            params: vec![("NAME".into(), "map.png".into())],
            id: None,
            description: None,
            encoding: "BASE64".into(),
            octets: 512,
        },
        specific: SinglePartKind::Basic,
        extension: Some(SinglePartExtension {
            disposition: Some(Disposition {
                kind: "attachment".into(),
                params: vec![],
            }),
            ..Default::default()
        }),
    };
    let forwarded = BodyStructure::Single {
        fields: BodyFields {
            media_type: "MESSAGE".into(),
            subtype: "RFC822".into(),
            params: vec![],
            id: None,
            description: None,
            encoding: "7BIT".into(),
            octets: 900,
        },
        specific: SinglePartKind::Message {
            envelope: Box::new(envelope()),
            body: Box::new(text_part(4)),
            lines: 20,
        },
        extension: None,
    };
    let multi = BodyStructure::Multi {
        parts: vec![text_part(12), attachment, forwarded],
        subtype: "MIXED".into(),
        extension: Some(MultiPartExtension {
            params: vec![("BOUNDARY".into(), "xyz".into())],
            ..Default::default()
        }),
    };
    check(
        Response::Data(Data::Fetch {
            seq: 7,
            items: vec![
                FetchValue::Flags(vec![
                    Flag::Deleted,
                    Flag::Recent,
                    Flag::Extension(atom("Foo")),
                ]),
                FetchValue::InternalDate(date),
                FetchValue::Rfc822Size(44827),
                FetchValue::Envelope(Box::new(envelope())),
                FetchValue::Body(Box::new(text_part(3))),
                FetchValue::BodyStructure(Box::new(multi)),
                FetchValue::Uid(4827313),
                FetchValue::Rfc822(Some(b"12345".to_vec())),
                FetchValue::Rfc822Header(None),
                FetchValue::Rfc822Text(Some(b"1".to_vec())),
            ],
        }),
        &[
            "message 7",
            "\\Deleted",
            "EXPUNGE",
            "\\Recent",
            "\\Foo",
            "17-Feb-1994",
            "44827",
            "afternoon meeting",
            "gray@cac.washington.edu",
            "Carol <carol@gardens.example>",
            "Bob <bob@builder.example>",
            "<1@x>",
            "B27397-0100000",
            "3 lines",
            "multipart/mixed with 3 parts",
            "BOUNDARY=xyz",
            "image/png",
            "attachment",
            "BODY[2]",
            "part 3",
            "3 date",
            "4827313",
            "5 bytes",
            "RFC822.HEADER",
            "RFC822.TEXT",
        ],
    );
}

#[test]
fn unparsed_bytes_are_explained() {
    let e = explain_bytes(b"hello there", &Context::default());
    assert_eq!(e.title, "not a response");
}

#[test]
fn facts_follow_a_session() {
    let mut f = Facts::default();
    f.observe_client("a2 SELECT INBOX");
    f.observe_server(b"* 22 EXISTS\r\n");
    f.observe_server(b"a2 OK [READ-WRITE] SELECT completed\r\n");
    assert_eq!(f.last_tagged(), Some(("SELECT".to_owned(), "OK")));
    assert_eq!(f.exists(), Some(22));
    f.observe_client("a3 STORE 3,5 +FLAGS (\\Deleted)");
    f.observe_server(b"* 3 FETCH (FLAGS (\\Deleted))\r\n");
    f.observe_server(b"* 5 FETCH (FLAGS (\\Seen \\Deleted))\r\n");
    f.observe_server(b"a3 OK STORE completed\r\n");
    assert_eq!(f.has_flag(3, "\\deleted"), Some(true));
    assert_eq!(f.has_flag(4, "\\Deleted"), None);
    f.observe_client("a4 EXPUNGE");
    f.observe_server(b"* 3 EXPUNGE\r\n");
    assert_eq!(f.has_flag(4, "\\Seen"), Some(true), "5 became 4");
    assert_eq!(f.exists(), Some(21));
    f.observe_client("a5 FETCH 1 (FLAGS");
    f.observe_server(b"a5 BAD missing )\r\n");
    assert_eq!(f.last_tagged(), Some(("FETCH".to_owned(), "BAD")));
    assert_eq!(f.ok_count("store"), 1);
    assert_eq!(f.command_for("a4"), Some("EXPUNGE"));
}

mod condstore;
mod corrections;

/// Every capability Debian's Dovecot 2.3.19 advertises after LOGIN, and
/// the ones only the engine does, has words of its own: a learner who
/// connects to a real server through the bridge sees each one explained,
/// not "an extension".
#[test]
fn every_capability_of_dovecot_and_the_engine_is_explained() {
    const DOVECOT: &str = "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY \
        THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE \
        UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH \
        ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY \
        PREVIEW STATUS=SIZE SAVEDATE LITERAL+ NOTIFY SPECIAL-USE";
    const ENGINE_ONLY: &str = "CREATE-SPECIAL-USE STARTTLS LOGINDISABLED AUTH=PLAIN";
    let generic = capability_meaning("X-NOBODY-HAS-THIS");
    for cap in DOVECOT
        .split_whitespace()
        .chain(ENGINE_ONLY.split_whitespace())
    {
        let meaning = capability_meaning(cap);
        assert_ne!(meaning, generic, "{cap} has no words of its own");
    }
    assert!(capability_meaning("THREAD=ORDEREDSUBJECT").contains("by subject"));
    assert!(capability_meaning("children").contains("\\HasChildren"));
}

/// A real server's THREAD answer, which the parser does not know yet, is
/// not called something no server sends.
#[test]
fn an_unknown_extension_answer_is_not_called_garbage() {
    let e = explain_bytes(
        b"* THREAD (2)(3 6 (4 23)(44 7 96))\r\n",
        &Context::default(),
    );
    assert_eq!(e.title, "not a response");
    let text = all_text(&e);
    assert!(text.contains("does not speak yet"), "{text}");
    assert!(
        !text.contains("not something an IMAP server sends"),
        "{text}"
    );
}

#[test]
fn sort_answers_are_explained() {
    let ctx = Context {
        exists: None,
        mailbox: Some("INBOX".into()),
        command: Some("UID SORT".into()),
    };
    let e = explain_bytes(b"* SORT 7 3 9 (MODSEQ 12)\r\n", &ctx);
    let text = all_text(&e);
    for needle in [
        "untagged SORT",
        "3 messages of the selected mailbox INBOX",
        "as UIDs",
        "7 comes first",
        "9 last",
        "(MODSEQ 12)",
    ] {
        assert!(text.contains(needle), "{needle}: {text}");
    }
    let e = explain_bytes(b"* SORT\r\n", &Context::default());
    assert!(all_text(&e).contains("nothing to order"));
}
