//! Any bytes the response parser accepts must survive encode → parse as
//! the same value, up to the encoder's documented normalisations
//! ([`imap_syntax_fuzz::canonical_response`]); encoding that value again must give
//! the same bytes.
#![no_main]

use imap_syntax::parse_response;
use imap_syntax_fuzz::{canonical_response, survives_encoding, text_has_nul};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(resp) = parse_response(data) else {
        return;
    };
    if text_has_nul(&resp) {
        return;
    }
    survives_encoding(resp, parse_response, canonical_response);
});
