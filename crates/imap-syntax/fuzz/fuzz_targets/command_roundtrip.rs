//! Any bytes the command parser accepts must survive encode → parse as
//! the same value, up to the encoder's documented normalisations
//! ([`imap_syntax_fuzz::canonical_command`]); encoding that value again must give
//! the same bytes.
#![no_main]

use imap_syntax::{Encode, parse_command};
use imap_syntax_fuzz::canonical_command;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(cmd) = parse_command(data) else { return };
    let wire = cmd.to_bytes();
    let again = match parse_command(&wire) {
        Ok(again) => again,
        Err(e) => panic!(
            "encoder wrote what the parser refuses: {e}\nvalue: {cmd:?}\nwire: {:?}",
            String::from_utf8_lossy(&wire)
        ),
    };
    assert_eq!(
        again,
        canonical_command(cmd),
        "wire: {:?}",
        String::from_utf8_lossy(&wire)
    );
    assert_eq!(again.to_bytes(), wire, "encoding is not stable");
});
