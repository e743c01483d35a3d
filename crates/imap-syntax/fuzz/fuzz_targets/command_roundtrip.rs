//! Any bytes the command parser accepts must survive encode → parse as
//! the same value, up to the encoder's documented normalisations
//! ([`imap_syntax_fuzz::canonical_command`]); encoding that value again must give
//! the same bytes.
#![no_main]

use imap_syntax::parse_command;
use imap_syntax_fuzz::{canonical_command, survives_encoding};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(cmd) = parse_command(data) else { return };
    survives_encoding(cmd, parse_command, canonical_command);
});
