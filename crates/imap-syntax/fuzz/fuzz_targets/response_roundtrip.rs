//! Any bytes the response parser accepts must survive encode → parse as
//! the same value, up to the encoder's documented normalisations
//! ([`imap_syntax_fuzz::canonical_response`]); encoding that value again must give
//! the same bytes.
#![no_main]

use imap_syntax::{Encode, parse_response};
use imap_syntax_fuzz::{canonical_response, text_has_nul};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(resp) = parse_response(data) else {
        return;
    };
    if text_has_nul(&resp) {
        return;
    }
    let wire = resp.to_bytes();
    let again = match parse_response(&wire) {
        Ok(again) => again,
        Err(e) => panic!(
            "encoder wrote what the parser refuses: {e}\nvalue: {resp:?}\nwire: {:?}",
            String::from_utf8_lossy(&wire)
        ),
    };
    assert_eq!(
        again,
        canonical_response(resp),
        "wire: {:?}",
        String::from_utf8_lossy(&wire)
    );
    assert_eq!(again.to_bytes(), wire, "encoding is not stable");
});
