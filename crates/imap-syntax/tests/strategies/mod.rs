//! proptest strategies for arbitrary valid commands and responses.
//!
//! Every value generated here is in CANONICAL form: the one value the parser
//! gives back for the bytes the encoder writes. Where the wire cannot tell
//! two values apart, only one of them is generated:
//! - SEARCH criteria: a single key that is not [`SearchKey::And`], or an
//!   `And` of two or more keys (one key alone is never wrapped in `And`);
//!   nested `And`s also have two or more keys (`(a)` is not generated).
//! - FETCH items: a macro, a parenthesized list of one or more items, or an
//!   unparenthesized list of exactly one item.
//! - STORE and APPEND never carry `\Recent`; PERMANENTFLAGS and FLAGS
//!   neither (the grammar's `flag` excludes it); FETCH FLAGS may.
//! - `Flag::Extension` never spells a system flag; keywords and other atoms
//!   are never `NIL`; `Code::Other` never spells a known code.
//! - Status text is non-empty, starts with a letter or digit (so never `[`),
//!   and does not end in a space; `Code::Other` text has no `]`.
//! - `Continue::Text` always contains a space (so it is never valid base64)
//!   and does not start with `[`; `Continue::Base64` is never empty.
//! - PREAUTH and BYE are untagged; UIDNEXT, UIDVALIDITY, UNSEEN, EXPUNGE,
//!   FETCH numbers and SEARCH results are non-zero; UID sets in APPENDUID and
//!   COPYUID have no `*`.
//! - Body structures: `TEXT` parts are `SinglePartKind::Text`,
//!   `MESSAGE/RFC822` parts are `Message`, every other type is `Basic`; in
//!   `FetchValue::Body` no part has extension data, in `BodyStructure` every
//!   part has it.
//! - Lists the grammar requires to be non-empty are non-empty (ENABLE, ID
//!   parameters, CAPABILITY, HEADER.FIELDS names, multipart parts, FETCH
//!   items, NAMESPACE lists).
//! - Byte strings never contain NUL, which IMAP4rev1 cannot carry.

#![allow(dead_code)]

use std::num::NonZeroU32;

use imap_syntax::*;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

mod list;
use list::list_extended;

// ---------------------------------------------------------------- primitives

/// A tag: letters, digits and a few punctuation marks.
pub fn tag() -> impl Strategy<Value = Tag> {
    "[A-Za-z0-9][A-Za-z0-9._-]{0,7}".prop_map(|s| Tag::new(s).unwrap())
}

/// An atom that is never `NIL`.
pub fn atom() -> impl Strategy<Value = Atom> {
    "[A-Za-z$][A-Za-z0-9$_.=-]{0,10}"
        .prop_filter("NIL is not an atom here", |s| {
            !s.eq_ignore_ascii_case("NIL")
        })
        .prop_map(|s| Atom::new(s).unwrap())
}

/// Text of any of the three wire forms: atoms, printable text with quotes
/// and backslashes, and text that needs a literal (CR, LF, 8-bit).
pub fn text_string() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[A-Za-z0-9]{1,10}",
        3 => "[ -~]{0,16}",
        1 => Just(String::new()),
        1 => Just("NIL".to_string()),
        2 => "[a-z \r\n\"\\\\\u{e9}\u{4e2d}\u{1f600}]{1,16}",
    ]
}

/// Bytes for an nstring or a literal: anything but NUL.
pub fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        2 => "[ -~]{0,24}".prop_map(String::into_bytes),
        1 => vec(1_u8..=255, 0..48),
    ]
}

/// An nstring.
pub fn nstring() -> impl Strategy<Value = Option<Vec<u8>>> {
    option::weighted(0.7, bytes())
}

/// A mailbox name, INBOX in some spelling included.
pub fn mailbox() -> impl Strategy<Value = Mailbox> {
    prop_oneof![
        1 => Just(Mailbox::Inbox),
        1 => prop::sample::select(vec!["inbox", "INBOX", "Inbox"]).prop_map(Mailbox::new),
        2 => prop::sample::select(vec![
            "Sent Items", "Archive/2024", "INBOX/Sub", "Entw\u{fc}rfe", "A&B", "", "NIL",
            "[Gmail]/All Mail", "\u{53f0}\u{5317}", "%*",
        ])
        .prop_map(Mailbox::new),
        3 => text_string().prop_map(Mailbox::new),
    ]
}

/// Names a client may send that are not modified UTF-7: a bare `&`, a
/// base64 run without its `-`, ASCII hidden in base64, 8-bit text.
fn not_utf7() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "&Jjo",
        "a&b",
        "a&",
        "&AGE-",
        "!#$&'+,-.0123456789:;<=>?@^_`|[}",
        "Entw\u{fc}rfe",
        "&-&",
    ])
    .prop_map(str::to_string)
}

/// A mailbox name as a command carries it: [`mailbox`], or now and then a
/// name that is not modified UTF-7, kept as sent.
pub fn command_mailbox() -> impl Strategy<Value = Mailbox> {
    prop_oneof![
        6 => mailbox(),
        1 => not_utf7().prop_map(Mailbox::NotUtf7),
    ]
}

/// A LIST reference or pattern (`text`), or now and then one that is not
/// modified UTF-7.
fn list_name(text: BoxedStrategy<String>) -> impl Strategy<Value = ListName> {
    prop_oneof![
        6 => text.prop_map(ListName::Text),
        1 => not_utf7().prop_map(ListName::NotUtf7),
    ]
}

/// A non-zero number.
pub fn nz() -> impl Strategy<Value = u32> {
    prop_oneof![1_u32..100, 1_u32..=u32::MAX]
}

fn seq_no(star: bool) -> BoxedStrategy<SeqNo> {
    let value = nz().prop_map(|v| SeqNo::Value(NonZeroU32::new(v).unwrap()));
    if star {
        prop_oneof![4 => value, 1 => Just(SeqNo::Largest)].boxed()
    } else {
        value.boxed()
    }
}

fn seq_set(star: bool) -> impl Strategy<Value = SequenceSet> {
    let range = prop_oneof![
        seq_no(star).prop_map(SeqRange::Single),
        (seq_no(star), seq_no(star)).prop_map(|(a, b)| SeqRange::Range(a, b)),
    ];
    vec(range, 1..4).prop_map(|r| SequenceSet::new(r).unwrap())
}

/// A sequence set, `*` included.
pub fn sequence_set() -> impl Strategy<Value = SequenceSet> {
    seq_set(true)
}

/// A sequence set in a command: as [`sequence_set`], or now and then `$`
/// (RFC 5182's saved search result).
pub fn command_set() -> impl Strategy<Value = SequenceSet> {
    prop_oneof![
        6 => sequence_set(),
        1 => Just(SequenceSet::saved()),
    ]
}

/// A UID set as UIDPLUS codes write it: no `*`.
pub fn uid_set() -> impl Strategy<Value = SequenceSet> {
    seq_set(false)
}

/// A calendar date.
pub fn date() -> impl Strategy<Value = Date> {
    (1900_u16..2100, 1_u8..=12, 1_u8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap())
}

/// A date-time with a zone.
pub fn date_time() -> impl Strategy<Value = DateTime> {
    (date(), 0_u8..24, 0_u8..60, 0_u8..60, -1439_i16..=1439)
        .prop_map(|(d, h, m, s, z)| DateTime::new(d, h, m, s, z).unwrap())
}

const SYSTEM_FLAGS: [&str; 6] = ["seen", "answered", "flagged", "deleted", "draft", "recent"];

/// A flag; `\Recent` only when `recent`.
pub fn flag(recent: bool) -> impl Strategy<Value = Flag> {
    let mut system = vec![
        Flag::Seen,
        Flag::Answered,
        Flag::Flagged,
        Flag::Deleted,
        Flag::Draft,
    ];
    if recent {
        system.push(Flag::Recent);
    }
    prop_oneof![
        3 => prop::sample::select(system),
        2 => atom().prop_map(Flag::Keyword),
        1 => atom()
            .prop_filter("not a system flag", |a| {
                !SYSTEM_FLAGS.iter().any(|s| s.eq_ignore_ascii_case(a.as_str()))
            })
            .prop_map(Flag::Extension),
    ]
}

// ---------------------------------------------------------------- commands

fn status_item() -> impl Strategy<Value = StatusItem> {
    prop::sample::select(StatusItem::ALL.to_vec())
}

/// A STATUS item and a value it can carry: 63 bits for SIZE, 32 for the rest.
fn status_value() -> impl Strategy<Value = (StatusItem, u64)> {
    status_item().prop_flat_map(|item| {
        let max = if matches!(item, StatusItem::Size | StatusItem::HighestModSeq) {
            i64::MAX as u64
        } else {
            u64::from(u32::MAX)
        };
        (Just(item), 0..=max)
    })
}

fn header_name() -> impl Strategy<Value = String> {
    prop_oneof!["[A-Za-z][A-Za-z0-9-]{0,12}", Just("Message-ID".to_string())]
}

/// A section specifier: MIME only after a part number.
pub fn section() -> impl Strategy<Value = Section> {
    let names = || vec(header_name(), 1..4);
    (vec(1_u32..30, 0..4), 0..6_u8, names()).prop_map(|(part, kind, names)| {
        let text = match kind {
            0 => None,
            1 => Some(SectionText::Header),
            2 => Some(SectionText::HeaderFields(names)),
            3 => Some(SectionText::HeaderFieldsNot(names)),
            4 => Some(SectionText::Text),
            _ if part.is_empty() => Some(SectionText::Text),
            _ => Some(SectionText::Mime),
        };
        Section { part, text }
    })
}

fn fetch_attr() -> impl Strategy<Value = FetchAttr> {
    prop_oneof![
        4 => prop::sample::select(vec![
            FetchAttr::Envelope,
            FetchAttr::Flags,
            FetchAttr::InternalDate,
            FetchAttr::Rfc822,
            FetchAttr::Rfc822Header,
            FetchAttr::Rfc822Size,
            FetchAttr::Rfc822Text,
            FetchAttr::Uid,
            FetchAttr::Body,
            FetchAttr::BodyStructure,
            FetchAttr::ModSeq,
        ]),
        3 => (any::<bool>(), section(), option::of((any::<u32>(), nz()))).prop_map(
            |(peek, section, partial)| FetchAttr::BodySection { peek, section, partial }
        ),
        1 => (any::<bool>(), vec(nz(), 0..4), option::of((any::<u32>(), nz()))).prop_map(
            |(peek, section, partial)| FetchAttr::Binary { peek, section, partial }
        ),
        1 => vec(nz(), 0..4).prop_map(|section| FetchAttr::BinarySize { section }),
    ]
}

/// FETCH items in canonical form.
pub fn fetch_items() -> impl Strategy<Value = FetchItems> {
    prop_oneof![
        1 => Just(FetchItems::All),
        1 => Just(FetchItems::Fast),
        1 => Just(FetchItems::Full),
        2 => fetch_attr().prop_map(|a| FetchItems::List { items: vec![a], parenthesized: false }),
        4 => vec(fetch_attr(), 1..5)
            .prop_map(|items| FetchItems::List { items, parenthesized: true }),
    ]
}

fn search_leaf() -> impl Strategy<Value = SearchKey> {
    use SearchKey as K;
    prop_oneof![
        3 => prop::sample::select(vec![
            K::All, K::Answered, K::Deleted, K::Draft, K::Flagged, K::New, K::Old, K::Recent,
            K::Seen, K::Unanswered, K::Undeleted, K::Undraft, K::Unflagged, K::Unseen,
        ]),
        1 => command_set().prop_map(K::SequenceSet),
        1 => command_set().prop_map(K::Uid),
        1 => (1..=u32::MAX).prop_map(K::Older),
        1 => (1..=u32::MAX).prop_map(K::Younger),
        3 => (0..7_u8, text_string()).prop_map(|(which, s)| match which {
            0 => K::Bcc(s),
            1 => K::Body(s),
            2 => K::Cc(s),
            3 => K::From(s),
            4 => K::Subject(s),
            5 => K::Text(s),
            _ => K::To(s),
        }),
        1 => (header_name(), text_string()).prop_map(|(f, v)| K::Header(f, v)),
        1 => atom().prop_map(K::Keyword),
        1 => atom().prop_map(K::Unkeyword),
        1 => any::<u32>().prop_map(K::Larger),
        1 => any::<u32>().prop_map(K::Smaller),
        1 => (
            option::of((
                "/flags/\\\\?[A-Za-z$]{1,8}",
                prop::sample::select(vec![EntryType::Priv, EntryType::Shared, EntryType::All]),
            )),
            0..=i64::MAX as u64,
        )
            .prop_map(|(entry, modseq)| K::ModSeq { entry, modseq }),
        2 => (0..6_u8, date()).prop_map(|(which, d)| match which {
            0 => K::Before(d),
            1 => K::On(d),
            2 => K::SentBefore(d),
            3 => K::SentOn(d),
            4 => K::SentSince(d),
            _ => K::Since(d),
        }),
    ]
}

/// A search key, nested up to a few levels; `And` has two or more keys.
pub fn search_key() -> impl Strategy<Value = SearchKey> {
    search_leaf().prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            inner.clone().prop_map(|k| SearchKey::Not(Box::new(k))),
            (inner.clone(), inner.clone())
                .prop_map(|(a, b)| SearchKey::Or(Box::new(a), Box::new(b))),
            vec(inner, 2..4).prop_map(SearchKey::And),
        ]
    })
}

fn id_params() -> impl Strategy<Value = Option<Vec<(String, Option<String>)>>> {
    option::of(vec((text_string(), option::of(text_string())), 1..4))
}

fn base64_text() -> impl Strategy<Value = String> {
    prop_oneof![1 => Just("=".to_string()), 3 => vec(any::<u8>(), 1..24).prop_map(|b| base64::encode(&b))]
}

/// SELECT's parameters: none, CONDSTORE, QRESYNC with or without its
/// optional parts, or both.
fn select_params() -> impl Strategy<Value = SelectParams> {
    let qresync = (
        nz(),
        1..=i64::MAX as u64,
        option::of((uid_set(), option::of((sequence_set(), uid_set())))),
    )
        .prop_map(|(uid_validity, modseq, known)| {
            let (known_uids, seq_match) = match known {
                Some((k, m)) => (Some(k), m),
                None => (None, None),
            };
            Box::new(Qresync {
                uid_validity,
                modseq,
                known_uids,
                seq_match,
            })
        });
    (any::<bool>(), option::of(qresync))
        .prop_map(|(condstore, qresync)| SelectParams { condstore, qresync })
}

/// Any command body.
pub fn command_body() -> impl Strategy<Value = CommandBody> {
    use CommandBody as C;
    let no_flags_recent = || vec(flag(false), 0..4);
    prop_oneof![
        prop::sample::select(vec![
            C::Capability,
            C::Noop,
            C::Logout,
            C::StartTls,
            C::Namespace,
            C::Idle,
            C::Check,
            C::Close,
            C::Unselect,
            C::Expunge,
        ]),
        id_params().prop_map(C::Id),
        vec(atom(), 1..4).prop_map(C::Enable),
        (atom(), option::of(base64_text())).prop_map(|(mechanism, initial_response)| {
            C::Authenticate {
                mechanism,
                initial_response: initial_response.map(Into::into),
            }
        }),
        (text_string(), text_string()).prop_map(|(username, password)| C::Login {
            username,
            password: password.into(),
        }),
        (0..6_u8, command_mailbox(), select_params()).prop_map(|(which, m, params)| match which {
            0 => C::Select(m, params),
            1 => C::Examine(m, params),
            2 => C::Create {
                special_use: (m.as_str().len() % 3 == 1).then(|| vec!["\\Archive".to_string()]),
                mailbox: m,
            },
            3 => C::Delete(m),
            4 => C::Subscribe(m),
            _ => C::Unsubscribe(m),
        }),
        (command_mailbox(), command_mailbox()).prop_map(|(from, to)| C::Rename { from, to }),
        (
            any::<bool>(),
            list_name(text_string().boxed()),
            list_name(prop_oneof![text_string(), "[A-Za-z/%*.]{0,10}"].boxed()),
            option::of(list_extended()),
        )
            .prop_map(|(lsub, reference, pattern, extended)| if lsub {
                C::Lsub { reference, pattern }
            } else {
                C::List {
                    reference,
                    pattern,
                    extended: extended.map(Box::new),
                }
            }),
        (command_mailbox(), vec(status_item(), 1..6))
            .prop_map(|(mailbox, items)| C::Status { mailbox, items }),
        (
            command_mailbox(),
            no_flags_recent(),
            option::of(date_time()),
            bytes(),
            vec((no_flags_recent(), option::of(date_time()), bytes()), 0..3)
        )
            .prop_map(|(mailbox, flags, date, message, more)| C::Append {
                mailbox,
                flags,
                date,
                message,
                more: more
                    .into_iter()
                    .map(|(flags, date, message)| AppendMessage {
                        flags,
                        date,
                        message
                    })
                    .collect(),
            }),
        uid_set().prop_map(C::UidExpunge),
        vec("[a-z0-9 ]{1,6}", 1..4).prop_map(C::CancelUpdate),
        (
            option::of(vec(
                prop::sample::select(vec![
                    SearchReturn::Min,
                    SearchReturn::Count,
                    SearchReturn::All
                ]),
                0..3
            )),
            vec(
                (any::<bool>(), prop::sample::select(SortKey::EVERY.to_vec()))
                    .prop_map(|(reverse, key)| SortCriterion { reverse, key }),
                1..4
            ),
            prop::sample::select(vec!["UTF-8", "US-ASCII"]),
            search_key().prop_filter("one key is never an And", |k| !matches!(
                k,
                SearchKey::And(_)
            )),
            any::<bool>()
        )
            .prop_map(|(returns, criteria, charset, keys, uid)| C::Sort {
                returns,
                criteria,
                charset: charset.to_owned(),
                keys,
                uid,
            }),
        (
            option::of(
                vec(prop::sample::select(SearchReturn::EVERY.to_vec()), 0..4).prop_filter(
                    "PARTIAL and ALL never together (RFC 5267)",
                    |r| !(r.contains(&SearchReturn::All)
                        && r.iter().any(|o| matches!(o, SearchReturn::Partial(..))))
                )
            ),
            option::of(prop::sample::select(vec!["UTF-8", "US-ASCII", "utf-8"])),
            prop_oneof![
                search_key().prop_filter("one key is never an And", |k| !matches!(
                    k,
                    SearchKey::And(_)
                )),
                vec(search_key(), 2..5).prop_map(SearchKey::And),
            ],
            any::<bool>()
        )
            .prop_map(|(returns, charset, criteria, uid)| C::Search {
                returns,
                charset: charset.map(String::from),
                criteria,
                uid
            }),
        (
            command_set(),
            fetch_items(),
            any::<bool>(),
            option::of(0..=i64::MAX as u64),
            any::<bool>()
        )
            .prop_map(|(set, items, uid, changed_since, vanished)| C::Fetch {
                set,
                items,
                uid,
                vanished: vanished && changed_since.is_some(),
                changed_since,
            }),
        (
            command_set(),
            prop::sample::select(vec![StoreMode::Replace, StoreMode::Add, StoreMode::Remove]),
            any::<bool>(),
            no_flags_recent(),
            any::<bool>(),
            option::of(0..=i64::MAX as u64)
        )
            .prop_map(
                |(set, mode, silent, flags, uid, unchanged_since)| C::Store {
                    set,
                    mode,
                    silent,
                    flags,
                    uid,
                    unchanged_since
                }
            ),
        (
            any::<bool>(),
            command_set(),
            command_mailbox(),
            any::<bool>()
        )
            .prop_map(|(is_move, set, mailbox, uid)| if is_move {
                C::Move { set, mailbox, uid }
            } else {
                C::Copy { set, mailbox, uid }
            }),
    ]
}

/// Any command.
pub fn command() -> impl Strategy<Value = Command> {
    (tag(), command_body()).prop_map(|(tag, body)| Command { tag, body })
}

// ---------------------------------------------------------------- responses

pub const KNOWN_CODES: [&str; 31] = [
    "ALERT",
    "BADCHARSET",
    "CAPABILITY",
    "PARSE",
    "PERMANENTFLAGS",
    "READ-ONLY",
    "READ-WRITE",
    "TRYCREATE",
    "UIDNEXT",
    "UIDVALIDITY",
    "UNSEEN",
    "APPENDUID",
    "COPYUID",
    "UIDNOTSTICKY",
    "CLOSED",
    "AUTHENTICATIONFAILED",
    "AUTHORIZATIONFAILED",
    "PRIVACYREQUIRED",
    "NONEXISTENT",
    "ALREADYEXISTS",
    "CANNOT",
    "LIMIT",
    "INUSE",
    "EXPUNGEISSUED",
    "CLIENTBUG",
    "SERVERBUG",
    "UNAVAILABLE",
    "NOPERM",
    "HIGHESTMODSEQ",
    "NOMODSEQ",
    "MODIFIED",
];

/// Human text of a status response: non-empty, no leading `[`, no trailing space.
pub fn resp_text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9]([ -~]{0,30}[!-~])?"
}

fn flag_perm() -> impl Strategy<Value = FlagPerm> {
    prop_oneof![4 => flag(false).prop_map(FlagPerm::Flag), 1 => Just(FlagPerm::Asterisk)]
}

/// A response code.
pub fn code() -> impl Strategy<Value = Code> {
    prop_oneof![
        3 => prop::sample::select(vec![
            Code::Alert, Code::Parse, Code::ReadOnly, Code::ReadWrite, Code::TryCreate,
            Code::UidNotSticky, Code::Closed, Code::AuthenticationFailed,
            Code::AuthorizationFailed, Code::PrivacyRequired, Code::NonExistent,
            Code::AlreadyExists, Code::Cannot, Code::Limit, Code::InUse, Code::UseAttr, Code::UnknownCte, Code::ExpungeIssued,
            Code::ClientBug, Code::ServerBug, Code::Unavailable, Code::NoPerm, Code::NoModSeq,
        ]),
        1 => (1..=i64::MAX as u64).prop_map(Code::HighestModSeq),
        1 => sequence_set().prop_map(Code::Modified),
        1 => vec("[A-Za-z0-9-]{1,10}", 0..3).prop_map(Code::BadCharset),
        1 => vec(atom(), 1..4).prop_map(Code::Capability),
        1 => vec(flag_perm(), 0..5).prop_map(Code::PermanentFlags),
        1 => nz().prop_map(Code::UidNext),
        1 => nz().prop_map(Code::UidValidity),
        1 => nz().prop_map(Code::Unseen),
        1 => (nz(), uid_set()).prop_map(|(uid_validity, uids)| Code::AppendUid { uid_validity, uids }),
        1 => (nz(), uid_set(), uid_set()).prop_map(|(uid_validity, source, destination)| {
            Code::CopyUid { uid_validity, source, destination }
        }),
        1 => (
            "X-[A-Z0-9-]{1,8}".prop_filter("unknown code", |s| !KNOWN_CODES.contains(&s.as_str())),
            option::of("[A-Za-z0-9]([ -\\\\^-~]{0,20}[!-\\\\^-~])?"),
        )
            .prop_map(|(a, t)| Code::Other(Atom::new(a).unwrap(), t)),
    ]
}

fn status_response() -> impl Strategy<Value = StatusResponse> {
    let tagged = (
        tag(),
        prop::sample::select(vec![StatusKind::Ok, StatusKind::No, StatusKind::Bad]),
    )
        .prop_map(|(t, k)| (Some(t), k));
    let untagged = prop::sample::select(vec![
        StatusKind::Ok,
        StatusKind::No,
        StatusKind::Bad,
        StatusKind::PreAuth,
        StatusKind::Bye,
    ])
    .prop_map(|k| (None, k));
    (
        prop_oneof![tagged, untagged],
        option::of(code()),
        resp_text(),
    )
        .prop_map(|((tag, kind), code, text)| StatusResponse {
            tag,
            kind,
            code,
            text,
        })
}

fn continue_req() -> impl Strategy<Value = Continue> {
    prop_oneof![
        "[A-Za-z]{1,10} [!-~]([ -~]{0,20}[!-~])?".prop_map(Continue::Text),
        vec(any::<u8>(), 1..40).prop_map(Continue::Base64),
    ]
}

fn delimiter() -> impl Strategy<Value = Option<char>> {
    option::weighted(0.8, prop::sample::select(vec!['/', '.', '\\', '"', '-']))
}

fn list_entry() -> impl Strategy<Value = ListEntry> {
    let attr = prop::sample::select(vec![
        "\\Noselect",
        "\\Noinferiors",
        "\\Marked",
        "\\Unmarked",
        "\\HasChildren",
        "\\HasNoChildren",
        "\\Sent",
        "\\Trash",
        "\\Drafts",
        "\\Junk",
        "\\Archive",
        "\\All",
        "\\Flagged",
    ])
    .prop_map(String::from);
    let child_info = vec(
        prop_oneof![Just("SUBSCRIBED".to_string()), "[A-Za-z][A-Za-z0-9-]{0,8}"],
        0..3,
    );
    (vec(attr, 0..4), delimiter(), mailbox(), child_info).prop_map(
        |(attributes, delimiter, mailbox, child_info)| ListEntry {
            attributes,
            delimiter,
            mailbox,
            child_info,
        },
    )
}

fn address() -> impl Strategy<Value = Address> {
    (nstring(), nstring(), nstring(), nstring()).prop_map(|(name, adl, mailbox, host)| Address {
        name,
        adl,
        mailbox,
        host,
    })
}

/// An envelope.
pub fn envelope() -> impl Strategy<Value = Envelope> {
    let list = || vec(address(), 0..3);
    (
        (nstring(), nstring(), list(), list(), list()),
        (list(), list(), list(), nstring(), nstring()),
    )
        .prop_map(
            |((date, subject, from, sender, reply_to), (to, cc, bcc, in_reply_to, message_id))| {
                Envelope {
                    date,
                    subject,
                    from,
                    sender,
                    reply_to,
                    to,
                    cc,
                    bcc,
                    in_reply_to,
                    message_id,
                }
            },
        )
}

fn params() -> impl Strategy<Value = Vec<(String, String)>> {
    vec(
        (prop_oneof!["[A-Z]{1,8}", text_string()], text_string()),
        0..3,
    )
}

fn disposition() -> impl Strategy<Value = Option<Disposition>> {
    option::of(
        (
            prop_oneof![
                Just("attachment".to_string()),
                Just("inline".to_string()),
                text_string()
            ],
            params(),
        )
            .prop_map(|(kind, params)| Disposition { kind, params }),
    )
}

fn languages() -> impl Strategy<Value = Vec<String>> {
    vec(prop_oneof!["[a-z]{2}(-[A-Z]{2})?", text_string()], 0..3)
}

fn single_ext() -> impl Strategy<Value = SinglePartExtension> {
    (nstring(), disposition(), languages(), nstring()).prop_map(
        |(md5, disposition, language, location)| SinglePartExtension {
            md5,
            disposition,
            language,
            location,
        },
    )
}

/// Parameters where a single part has its MD5, then the same fields.
fn multi_ext() -> impl Strategy<Value = MultiPartExtension> {
    (params(), single_ext()).prop_map(|(params, single)| MultiPartExtension {
        params,
        disposition: single.disposition,
        language: single.language,
        location: single.location,
    })
}

fn body_fields(
    media_type: BoxedStrategy<String>,
    subtype: BoxedStrategy<String>,
) -> impl Strategy<Value = BodyFields> {
    (
        media_type,
        subtype,
        params(),
        nstring(),
        nstring(),
        prop::sample::select(vec!["7BIT", "8BIT", "BASE64", "QUOTED-PRINTABLE", "binary"]),
        any::<u32>(),
    )
        .prop_map(
            |(media_type, subtype, params, id, description, encoding, octets)| BodyFields {
                media_type,
                subtype,
                params,
                id,
                description,
                encoding: encoding.to_string(),
                octets,
            },
        )
}

fn pick(words: &[&'static str]) -> BoxedStrategy<String> {
    prop::sample::select(words.to_vec())
        .prop_map(String::from)
        .boxed()
}

/// A body structure; with `ext` every part carries extension data
/// (BODYSTRUCTURE), without it none does (BODY).
pub fn body_structure(ext: bool) -> impl Strategy<Value = BodyStructure> {
    let part_ext = move || {
        if ext {
            single_ext().prop_map(Some).boxed()
        } else {
            Just(None).boxed()
        }
    };
    let basic = (
        body_fields(
            pick(&["APPLICATION", "IMAGE", "AUDIO", "VIDEO", "MESSAGE", "model"]),
            pick(&["OCTET-STREAM", "PNG", "DELIVERY-STATUS", "PDF"]),
        ),
        part_ext(),
    )
        .prop_map(|(fields, extension)| BodyStructure::Single {
            fields,
            specific: SinglePartKind::Basic,
            extension,
        });
    let text = (
        body_fields(
            pick(&["TEXT", "text"]),
            pick(&["PLAIN", "HTML", "calendar"]),
        ),
        any::<u32>(),
        part_ext(),
    )
        .prop_map(|(fields, lines, extension)| BodyStructure::Single {
            fields,
            specific: SinglePartKind::Text { lines },
            extension,
        });
    let leaf = prop_oneof![basic, text];
    leaf.prop_recursive(3, 12, 3, move |inner| {
        let message = (
            body_fields(pick(&["MESSAGE", "message"]), pick(&["RFC822", "rfc822"])),
            envelope(),
            inner.clone(),
            any::<u32>(),
            if ext {
                single_ext().prop_map(Some).boxed()
            } else {
                Just(None).boxed()
            },
        )
            .prop_map(
                |(fields, envelope, body, lines, extension)| BodyStructure::Single {
                    fields,
                    specific: SinglePartKind::Message {
                        envelope: Box::new(envelope),
                        body: Box::new(body),
                        lines,
                    },
                    extension,
                },
            );
        let multi = (
            vec(inner, 1..4),
            pick(&["MIXED", "ALTERNATIVE", "RELATED", "signed"]),
            if ext {
                multi_ext().prop_map(Some).boxed()
            } else {
                Just(None).boxed()
            },
        )
            .prop_map(|(parts, subtype, extension)| BodyStructure::Multi {
                parts,
                subtype,
                extension,
            });
        prop_oneof![message, multi]
    })
}

fn fetch_value() -> impl Strategy<Value = FetchValue> {
    prop_oneof![
        2 => vec(flag(true), 0..4).prop_map(FetchValue::Flags),
        1 => date_time().prop_map(FetchValue::InternalDate),
        1 => any::<u32>().prop_map(FetchValue::Rfc822Size),
        1 => envelope().prop_map(|e| FetchValue::Envelope(Box::new(e))),
        1 => body_structure(false).prop_map(|b| FetchValue::Body(Box::new(b))),
        1 => body_structure(true).prop_map(|b| FetchValue::BodyStructure(Box::new(b))),
        2 => (section(), option::of(any::<u32>()), nstring())
            .prop_map(|(section, origin, data)| FetchValue::BodySection { section, origin, data }),
        1 => (vec(nz(), 0..4), option::of(any::<u32>()), nstring(), any::<bool>()).prop_map(
            |(section, origin, data, literal8)| FetchValue::Binary {
                literal8: literal8 && data.is_some(),
                section,
                origin,
                data,
            }
        ),
        1 => (vec(nz(), 0..4), any::<u32>())
            .prop_map(|(section, size)| FetchValue::BinarySize { section, size }),
        1 => nz().prop_map(FetchValue::Uid),
        1 => (1..=i64::MAX as u64).prop_map(FetchValue::ModSeq),
        1 => nstring().prop_map(FetchValue::Rfc822),
        1 => nstring().prop_map(FetchValue::Rfc822Header),
        1 => nstring().prop_map(FetchValue::Rfc822Text),
    ]
}

fn namespaces() -> impl Strategy<Value = Option<Vec<NamespaceEntry>>> {
    option::of(vec(
        (
            prop_oneof![Just(String::new()), "[A-Za-z#~]{1,8}/?", text_string()],
            delimiter(),
        )
            .prop_map(|(prefix, delimiter)| NamespaceEntry { prefix, delimiter }),
        1..3,
    ))
}

/// One ESEARCH result.
fn esearch_item() -> impl Strategy<Value = ESearchItem> {
    prop_oneof![
        any::<u32>().prop_map(ESearchItem::Min),
        any::<u32>().prop_map(ESearchItem::Max),
        any::<u32>().prop_map(ESearchItem::Count),
        uid_set().prop_map(ESearchItem::All),
        (1..=i64::MAX.unsigned_abs()).prop_map(ESearchItem::ModSeq),
        (any::<u32>(), any::<u32>(), option::of(uid_set()))
            .prop_map(|(first, last, set)| ESearchItem::Partial { first, last, set }),
        vec((any::<u32>(), uid_set()), 1..3).prop_map(ESearchItem::AddTo),
        vec((any::<u32>(), uid_set()), 1..3).prop_map(ESearchItem::RemoveFrom),
    ]
}

/// Untagged data.
pub fn data() -> impl Strategy<Value = Data> {
    prop_oneof![
        (
            vec(1..=u32::MAX, 0..5),
            option::of(1..=i64::MAX.unsigned_abs())
        )
            .prop_map(|(numbers, modseq)| Data::Sort { numbers, modseq }),
        vec(atom(), 1..5).prop_map(Data::Capability),
        list_entry().prop_map(Data::List),
        list_entry().prop_map(Data::Lsub),
        (mailbox(), vec(status_value(), 0..5))
            .prop_map(|(mailbox, items)| Data::Status { mailbox, items }),
        vec(nz(), 0..12).prop_map(Data::Search),
        (
            option::of("[A-Za-z0-9. ]{0,8}"),
            any::<bool>(),
            vec(esearch_item(), 0..5)
        )
            .prop_map(|(tag, uid, items)| Data::ESearch { tag, uid, items }),
        (vec(nz(), 1..12), 1..=i64::MAX as u64)
            .prop_map(|(numbers, modseq)| Data::SearchModSeq { numbers, modseq }),
        (any::<bool>(), uid_set()).prop_map(|(earlier, uids)| Data::Vanished { earlier, uids }),
        vec(flag(false), 0..6).prop_map(Data::Flags),
        any::<u32>().prop_map(Data::Exists),
        any::<u32>().prop_map(Data::Recent),
        nz().prop_map(Data::Expunge),
        (nz(), vec(fetch_value(), 1..5)).prop_map(|(seq, items)| Data::Fetch { seq, items }),
        vec(atom(), 0..3).prop_map(Data::Enabled),
        id_params().prop_map(Data::Id),
        (namespaces(), namespaces(), namespaces()).prop_map(|(personal, other, shared)| {
            Data::Namespace {
                personal,
                other,
                shared,
            }
        }),
    ]
}

/// Any response.
pub fn response() -> impl Strategy<Value = Response> {
    prop_oneof![
        2 => status_response().prop_map(Response::Status),
        4 => data().prop_map(Response::Data),
        1 => continue_req().prop_map(Response::Continue),
    ]
}
