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

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn commands_round_trip(cmd in strategies::command()) {
        let wire = cmd.to_bytes();
        prop_assert!(wire.ends_with(b"\r\n"));
        let parsed = parse_command(&wire);
        prop_assert_eq!(parsed, Ok(cmd), "wire: {}", show(&wire));
    }

    #[test]
    fn responses_round_trip(resp in strategies::response()) {
        let wire = resp.to_bytes();
        prop_assert!(wire.ends_with(b"\r\n"));
        let parsed = parse_response(&wire);
        prop_assert_eq!(parsed, Ok(resp), "wire: {}", show(&wire));
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
}
