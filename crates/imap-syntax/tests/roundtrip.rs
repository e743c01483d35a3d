//! Property tests: whatever the encoder writes, the parser reads back as the
//! same value. The strategies in `strategies/` generate canonical values
//! only (see the module doc there for what "canonical" rules out).

mod strategies;

use imap_syntax::*;
use proptest::prelude::*;

/// The bytes as text for failure messages.
fn show(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The value's encoding ends its line and parses back to the same value.
fn round_trips<T: Encode + PartialEq + std::fmt::Debug>(
    value: T,
    parse: fn(&[u8]) -> Result<T, ParseError>,
) -> Result<(), TestCaseError> {
    let wire = value.to_bytes();
    prop_assert!(wire.ends_with(b"\r\n"));
    prop_assert_eq!(parse(&wire), Ok(value), "wire: {}", show(&wire));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn commands_round_trip(cmd in strategies::command()) {
        round_trips(cmd, parse_command)?;
    }

    #[test]
    fn every_command_the_parser_accepts_has_a_vocabulary_entry(cmd in strategies::command()) {
        let parsed = parse_command(&cmd.to_bytes());
        prop_assert!(parsed.is_ok());
        let kind = cmd.body.kind();
        prop_assert!(
            vocabulary::COMMANDS.iter().any(|c| c.kind == kind),
            "{} has no vocabulary entry", kind.name()
        );
    }

    #[test]
    fn responses_round_trip(resp in strategies::response()) {
        round_trips(resp, parse_response)?;
    }

    /// Encoding is a pure function of the value: two encodes give the same
    /// bytes, and a command's encoding starts with its tag.
    #[test]
    fn encoding_is_deterministic(cmd in strategies::command()) {
        let a = cmd.to_bytes();
        prop_assert_eq!(&a, &cmd.to_bytes());
        let tag = format!("{} ", cmd.tag);
        prop_assert!(a.starts_with(tag.as_bytes()));
    }

    #[test]
    fn base64_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        prop_assert_eq!(base64::decode(&base64::encode(&bytes)), Ok(bytes));
    }

    /// Any spelling of a response code a server may send (its name in any
    /// case, any argument, spaces before the `]`) reads as one value with
    /// one encoding: parse → encode → parse gives the same value, and
    /// encoding it again gives the same bytes. The class of the fuzz
    /// finding below.
    #[test]
    fn response_code_spellings_have_one_encoding(
        name in proptest::sample::select(strategies::KNOWN_CODES.to_vec())
            .prop_union(proptest::sample::select(vec!["X-FOO", "x-Foo", "NOSUCH"])),
        flips in proptest::collection::vec(any::<bool>(), 32),
        arg in proptest::sample::select(vec![
            "", " ", " 5", " 5 ", " IMAP4rev1 IDLE", " (\\Seen \\*)", " (UTF-8 \"x\")",
            " 7 1:3", " 7 1 2", " abc", " a b", " ]",
        ]),
        spaces in 0usize..4,
    ) {
        let name: String = name
            .chars()
            .zip(flips.iter().cycle())
            .map(|(c, flip)| if *flip { c.to_ascii_lowercase() } else { c })
            .collect();
        let line = format!("* BYE [{name}{arg}{}] gone\r\n", " ".repeat(spaces));
        if let Ok(first) = parse_response(line.as_bytes()) {
            let wire = first.to_bytes();
            let again = parse_response(&wire);
            prop_assert_eq!(again.as_ref(), Ok(&first), "line {:?} wire {}", line, show(&wire));
            prop_assert_eq!(again.unwrap().to_bytes(), wire.clone(), "line {:?}", line);
        }
    }
}

/// The input `cargo xtask fuzz 240` found on 2026-12-02 (issue 18):
/// `* BYE [CAPABILiTY ]` and three 0xFF bytes, `I`, DEL and LF. It read as
/// an unknown code with empty text, written `[CAPABILiTY]`, which reads as
/// the known CAPABILITY code: two encodings for one input.
#[test]
fn capability_code_with_a_trailing_space_round_trips() {
    let input: &[u8] = &[
        0x2a, 0x20, 0x42, 0x59, 0x45, 0x20, 0x5b, 0x43, 0x41, 0x50, 0x41, 0x42, 0x49, 0x4c, 0x69,
        0x54, 0x59, 0x20, 0x5d, 0xff, 0xff, 0xff, 0x49, 0x7f, 0x0a,
    ];
    let first = parse_response(input).expect("the lenient parser reads it");
    match &first {
        Response::Status(StatusResponse {
            kind: StatusKind::Bye,
            code: Some(Code::Capability(caps)),
            ..
        }) => assert!(caps.is_empty()),
        other => panic!("expected BYE with an empty CAPABILITY code, got {other:?}"),
    }
    let wire = first.to_bytes();
    assert!(wire.starts_with(b"* BYE [CAPABILITY] "), "{}", show(&wire));
    let again = parse_response(&wire).expect("reads back");
    assert_eq!(again, first);
    assert_eq!(again.to_bytes(), wire);
}

/// Found by the short fuzz runs of `cargo xtask test` (2026-12-02): a FETCH
/// `BODY` (the non-extensible form) that carried extension data anyway
/// (`NIL NIL NIL NIL` after the line count). The encoder never writes
/// extension data for BODY, so the value must not hold any: it is read and
/// dropped, at every depth.
#[test]
fn body_with_extension_data_round_trips() {
    let input: &[u8] =
        b"* 16 FETCH (BODY (\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"8bit\" 1340 27 NIL NIL NIL NIL))\r\n";
    let first = parse_response(input).expect("the lenient parser reads it");
    let wire = first.to_bytes();
    assert_eq!(
        show(&wire),
        "* 16 FETCH (BODY (\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"8bit\" 1340 27))\r\n"
    );
    let again = parse_response(&wire).expect("reads back");
    assert_eq!(again, first);
    let nested = b"* 2 FETCH (BODY ((\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 40 (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) (\"text\" \"plain\" NIL NIL NIL \"7bit\" 3 1 NIL NIL NIL NIL) 4 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"b\") NIL NIL NIL))\r\n";
    let first = parse_response(nested).expect("the lenient parser reads it");
    let again = parse_response(&first.to_bytes()).expect("reads back");
    assert_eq!(again, first);
}
