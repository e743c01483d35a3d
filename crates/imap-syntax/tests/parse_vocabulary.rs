//! The vocabulary and the parser never disagree; modified UTF-7 round trips.

use imap_syntax::vocabulary::*;
use imap_syntax::*;
use proptest::prelude::*;

fn parse(line: &str) -> Result<Command, ParseError> {
    parse_command(format!("{line}\r\n").as_bytes())
}

#[test]
fn every_command_example_parses_as_that_command() {
    for info in COMMANDS {
        let c = parse(info.example).unwrap_or_else(|e| panic!("{}: {e}", info.example));
        assert_eq!(c.body.kind(), info.kind, "{}", info.example);
        assert_eq!(c.body.name(), info.name(), "{}", info.example);
        assert!(info.syntax.starts_with(info.name()), "{}", info.syntax);
        assert!(!info.states().is_empty());
    }
}

/// Every command the parser accepts has one vocabulary entry, and every
/// entry is a command the parser accepts (its example parses, above).
/// `CommandBody::kind` is an exhaustive match, so a new command variant
/// needs a kind, and `CommandKind::ALL` is written from the same list as
/// the kinds; the proptest in `roundtrip.rs` checks generated commands.
#[test]
fn vocabulary_and_parser_list_the_same_commands() {
    for &kind in CommandKind::ALL {
        let entries = COMMANDS.iter().filter(|c| c.kind == kind).count();
        assert_eq!(
            entries,
            1,
            "{} has {entries} vocabulary entries",
            kind.name()
        );
    }
    assert_eq!(COMMANDS.len(), CommandKind::ALL.len());
    // Every command name the parser knows is a kind.
    for name in [
        "CAPABILITY",
        "NOOP",
        "LOGOUT",
        "ID",
        "ENABLE",
        "STARTTLS",
        "AUTHENTICATE",
        "LOGIN",
        "SELECT",
        "EXAMINE",
        "CREATE",
        "DELETE",
        "RENAME",
        "SUBSCRIBE",
        "UNSUBSCRIBE",
        "LIST",
        "LSUB",
        "STATUS",
        "APPEND",
        "NAMESPACE",
        "IDLE",
        "CHECK",
        "CLOSE",
        "UNSELECT",
        "EXPUNGE",
        "UID EXPUNGE",
        "SEARCH",
        "UID SEARCH",
        "FETCH",
        "UID FETCH",
        "STORE",
        "UID STORE",
        "COPY",
        "UID COPY",
        "MOVE",
        "UID MOVE",
    ] {
        assert!(
            CommandKind::ALL.iter().any(|k| k.name() == name),
            "{name} missing from CommandKind::ALL"
        );
        let line = COMMANDS
            .iter()
            .find(|c| c.name() == name)
            .map(|c| c.example)
            .unwrap_or_else(|| panic!("{name} missing from COMMANDS"));
        assert_eq!(parse(line).map(|c| c.body.name()), Ok(name));
    }
}

/// A line that starts with a command name instead of a tag is told so,
/// for every first word of a command the parser knows, UID included.
#[test]
fn a_command_typed_without_a_tag_is_named_in_the_error() {
    for kind in CommandKind::ALL {
        let word = kind.name().split(' ').next().unwrap();
        for typed in [word.to_owned(), word.to_ascii_lowercase()] {
            let e = parse(&format!("{typed} 1:* FLAGS")).unwrap_err();
            assert!(
                e.expected
                    .contains(&format!("start with the command {word} instead of a tag")),
                "{typed}: {e}"
            );
        }
    }
    let e = parse("hello 1:* FLAGS").unwrap_err();
    assert!(!e.expected.contains("instead of a tag"), "{e}");
}

#[test]
fn valid_in_follows_the_listed_states() {
    for &kind in CommandKind::ALL {
        for (state, listed) in [
            (State::NotAuthenticated, StateName::NotAuthenticated),
            (State::Authenticated, StateName::Authenticated),
            (State::Selected, StateName::Selected),
        ] {
            let states = kind.states();
            assert_eq!(
                kind.valid_in(state),
                states.contains(&StateName::Any) || states.contains(&listed),
                "{} in {state:?}",
                kind.name()
            );
        }
    }
    assert!(CommandKind::Fetch.valid_in(State::Selected));
    assert!(!CommandKind::Fetch.valid_in(State::Authenticated));
    assert!(!CommandKind::Login.valid_in(State::Authenticated));
    assert!(CommandKind::Noop.valid_in(State::NotAuthenticated));
}

#[test]
fn quote_mailbox_quotes_what_is_not_an_atom() {
    assert_eq!(quote_mailbox("INBOX"), "INBOX");
    assert_eq!(quote_mailbox("Sent Items"), "\"Sent Items\"");
    assert_eq!(quote_mailbox(""), "\"\"");
    assert_eq!(quote_mailbox("a\"b\\c"), "\"a\\\"b\\\\c\"");
    assert_eq!(quote_mailbox("50%"), "\"50%\"");
}

#[test]
fn every_search_key_parses() {
    for key in SEARCH_KEYS {
        assert!(key.syntax.starts_with(key.name));
        let line = format!("a SEARCH {}", key.example);
        parse(&line).unwrap_or_else(|e| panic!("{line}: {e}"));
        // And as the second of two keys, and under NOT.
        parse(&format!("a SEARCH ALL NOT {}", key.example)).unwrap();
    }
    assert_eq!(SEARCH_KEYS.len(), 38);
}

#[test]
fn every_fetch_item_parses() {
    for item in FETCH_ITEMS {
        let line = format!("a FETCH 1 {}", item.example);
        parse(&line).unwrap_or_else(|e| panic!("{line}: {e}"));
        if !matches!(item.name, "ALL" | "FAST" | "FULL") {
            parse(&format!("a FETCH 1 (UID {})", item.example)).unwrap();
        }
    }
    for word in SECTION_WORDS {
        let line = format!("a FETCH 1 {}", word.example);
        parse(&line).unwrap_or_else(|e| panic!("{line}: {e}"));
    }
    for modifier in FETCH_MODIFIERS {
        let line = format!("a UID FETCH 1:* (FLAGS) {}", modifier.example);
        parse(&line).unwrap_or_else(|e| panic!("{line}: {e}"));
    }
}

#[test]
fn every_status_and_store_item_and_flag_parses() {
    for item in STATUS_ITEMS {
        parse(&format!("a STATUS INBOX ({item})")).unwrap();
    }
    for special_use in SPECIAL_USES {
        let line = format!("a CREATE x (USE ({special_use}))");
        parse(&line).unwrap_or_else(|e| panic!("{line}: {e}"));
    }
    for option in LIST_SELECTION_OPTIONS {
        let line = format!("a LIST ({option} SUBSCRIBED) \"\" *");
        parse(&line).unwrap_or_else(|e| panic!("{line}: {e}"));
    }
    for option in LIST_RETURN_OPTIONS {
        let option = if *option == "STATUS" {
            "STATUS (MESSAGES)"
        } else {
            option
        };
        let line = format!("a LIST \"\" * RETURN ({option})");
        parse(&line).unwrap_or_else(|e| panic!("{line}: {e}"));
    }
    // The list names every option the parser knows, in its order.
    let names: Vec<&str> = SearchReturn::EVERY.iter().map(|o| o.name()).collect();
    let written: Vec<&str> = SEARCH_RETURN_OPTIONS
        .iter()
        .map(|o| o.split(' ').next().unwrap_or(o))
        .collect();
    assert_eq!(written, names);
    for option in SEARCH_RETURN_OPTIONS {
        let line = format!("a SEARCH RETURN ({option}) ALL");
        parse(&line).unwrap_or_else(|e| panic!("{line}: {e}"));
    }
    // SORT's criteria: REVERSE and then every key, as SortKey names them.
    let keys: Vec<&str> = SortKey::EVERY.iter().map(|k| k.name()).collect();
    assert_eq!(SORT_CRITERIA[0], "REVERSE");
    assert_eq!(&SORT_CRITERIA[1..], keys.as_slice());
    for criterion in SORT_CRITERIA {
        let line = format!("a SORT ({criterion} DATE) UTF-8 ALL");
        parse(&line).unwrap_or_else(|e| panic!("{line}: {e}"));
    }
    for item in STORE_ITEMS {
        for flag in SYSTEM_FLAGS {
            parse(&format!("a STORE 1:* {item} ({flag})")).unwrap();
        }
        for modifier in STORE_MODIFIERS {
            let line = format!("a STORE 1 {} {item} (\\Seen)", modifier.example);
            parse(&line).unwrap_or_else(|e| panic!("{line}: {e}"));
        }
    }
    for param in SELECT_PARAMS {
        parse(&format!("a SELECT INBOX {}", param.example)).unwrap();
        parse(&format!("a EXAMINE INBOX {}", param.example)).unwrap();
    }
    for flag in SYSTEM_FLAGS {
        assert!(Flag::parse_name(flag).is_ok());
    }
}

#[test]
fn modified_utf7_examples() {
    for (unicode, wire) in [
        ("Entwürfe", "Entw&APw-rfe"),
        ("☺!", "&Jjo-!"),
        ("Tom & Jerry", "Tom &- Jerry"),
    ] {
        assert_eq!(utf7::encode(unicode), wire);
        assert_eq!(utf7::decode(wire).unwrap(), unicode);
    }
    for bad in ["&", "&-&", "&Jjo", "&Jj o-", "caf\u{e9}", "&ImIDkQ"] {
        assert!(
            matches!(utf7::decode(bad), Err(ValueError::Utf7(_))),
            "{bad:?}"
        );
    }
}

proptest! {
    #[test]
    fn modified_utf7_round_trips(name in "\\PC*") {
        let wire = utf7::encode(&name);
        prop_assert!(wire.bytes().all(|b| (0x20..=0x7e).contains(&b)));
        prop_assert_eq!(utf7::decode(&wire).unwrap(), name);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = parse_command(&bytes);
        let _ = parse_response(&bytes);
        let _ = utf7::decode(&String::from_utf8_lossy(&bytes));
        let mut d = CommandDecoder::new(DecoderOptions { max_line_len: 50, max_literal_len: 20 });
        d.push(&bytes);
        for _ in 0..300 {
            if d.next() == Progress::NeedMore { break; }
        }
        let mut r = ResponseDecoder::default();
        r.push(&bytes);
        for _ in 0..300 {
            if r.next().is_none() { break; }
        }
    }

    #[test]
    fn errors_point_inside_the_input(line in "[a-zA-Z0-9 ()\\[\\]<>.:*\"{}\\\\+-]{0,60}") {
        let input = format!("{line}\r\n");
        if let Err(e) = parse_command(input.as_bytes()) {
            prop_assert!(e.offset <= input.len());
            prop_assert!(!e.expected.is_empty() && !e.found.is_empty());
        }
    }
}
