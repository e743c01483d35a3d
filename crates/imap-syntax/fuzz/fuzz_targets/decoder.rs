//! Arbitrary bytes, cut into arbitrary chunks, pushed into both streaming
//! decoders with small limits: nothing panics, and the command decoder
//! never holds more than one unit's worth of bytes (its line limit plus its
//! literal limit, with room for line ends).
//!
//! Input layout: byte 0 picks the line limit, byte 1 the literal limit,
//! byte 2 what the command decoder expects; then each chunk is one length
//! byte followed by that many bytes.
#![no_main]

use imap_syntax::{CommandDecoder, Decoded, DecoderOptions, Expect, Progress, ResponseDecoder};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [a, b, c, rest @ ..] = data else { return };
    let options = DecoderOptions {
        max_line_len: 16 + usize::from(*a) * 4,
        max_literal_len: u32::from(*b) * 16,
    };
    // Each line of the unit may add its CRLF beyond the text the limit counts.
    let bound = options.max_line_len * 2 + options.max_literal_len as usize + 2;
    let mut commands = CommandDecoder::new(options.clone());
    let mut responses = ResponseDecoder::new(options);
    let expect = match c % 3 {
        0 => Expect::Command,
        1 => Expect::Done,
        _ => Expect::AuthResponse,
    };
    commands.set_expect(expect);

    let mut input = rest;
    while let [len, tail @ ..] = input {
        let take = usize::from(*len).min(tail.len());
        let (chunk, after) = tail.split_at(take);
        input = after;
        commands.push(chunk);
        responses.push(chunk);
        // Drain everything complete; each unit consumes input, so this ends.
        let mut units = 0_usize;
        loop {
            match commands.next() {
                Progress::NeedMore => break,
                Progress::LiteralAnnounced { len, .. } => {
                    assert!(
                        len <= u32::from(*b) * 16,
                        "literal over the limit announced"
                    );
                    // A real server would answer `+`; the bytes are already here.
                }
                Progress::Decoded(Decoded::Done | Decoded::AuthResponse(_)) => {
                    commands.set_expect(expect);
                }
                Progress::Decoded(_) => {}
            }
            units += 1;
            assert!(
                units <= data.len() + 2,
                "the command decoder does not make progress"
            );
        }
        assert!(
            commands.buffered() <= bound,
            "{} octets buffered with limits {bound}",
            commands.buffered()
        );
        let mut units = 0_usize;
        while responses.next().is_some() {
            units += 1;
            assert!(
                units <= data.len() + 2,
                "the response decoder does not make progress"
            );
        }
    }
});
