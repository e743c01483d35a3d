//! Decoder: framing at every split point, literal announcements, limits,
//! IDLE's DONE and AUTHENTICATE lines, and linear time on big buffers.

use imap_syntax::*;

/// Feeds `chunks` one by one, collecting everything the decoder reports.
fn run(decoder: &mut CommandDecoder, chunks: &[&[u8]]) -> Vec<Progress> {
    let mut out = Vec::new();
    for chunk in chunks {
        decoder.push(chunk);
        loop {
            match decoder.next() {
                Progress::NeedMore => break,
                p => out.push(p),
            }
        }
    }
    out
}

fn decoded(progress: Vec<Progress>) -> Vec<Decoded> {
    progress
        .into_iter()
        .filter_map(|p| match p {
            Progress::Decoded(d) => Some(d),
            _ => None,
        })
        .collect()
}

const SESSION: &[u8] = b"a1 LOGIN alice wonderland\r\n\
a2 SELECT INBOX\r\n\
a3 APPEND INBOX (\\Seen) {11}\r\nHi\0\r\nthere!\r\n\
a4 FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (FROM)])\n\
a5 LOGIN {5+}\r\nalice {4}\r\npass\r\n\
bogus\r\n\
a6 LOGOUT\r\n";

#[test]
fn splitting_at_every_byte_gives_the_same_commands() {
    let whole = decoded(run(&mut CommandDecoder::default(), &[SESSION]));
    assert_eq!(whole.len(), 7, "{whole:#?}");
    assert!(
        matches!(&whole[2], Decoded::Command(Command { body: CommandBody::Append { message, .. }, .. }) if message == b"Hi\0\r\nthere!")
    );
    assert!(
        matches!(&whole[4], Decoded::Command(Command { body: CommandBody::Login { password, .. }, .. }) if password.expose() == "pass")
    );
    assert!(matches!(&whole[5], Decoded::Failed(_)));
    for split in 0..=SESSION.len() {
        let (a, b) = SESSION.split_at(split);
        let got = decoded(run(&mut CommandDecoder::default(), &[a, b]));
        assert_eq!(got, whole, "split at {split}");
    }
    // And one byte at a time.
    let bytes: Vec<&[u8]> = SESSION.chunks(1).collect();
    let mut d = CommandDecoder::default();
    assert_eq!(decoded(run(&mut d, &bytes)), whole);
    assert_eq!(d.buffered(), 0);
}

/// The failed command the decoder reports next; anything else fails the test.
fn next_failure(d: &mut CommandDecoder) -> ParseError {
    match d.next() {
        Progress::Decoded(Decoded::Failed(e)) => e,
        other => panic!("expected a failed command, got {other:?}"),
    }
}

/// What the decoder reports when the command tagged `tag` announces a
/// literal of `len` octets: `{len}` if `synchronizing`, else `{len+}`.
fn announced(tag: &str, len: u32, synchronizing: bool) -> Progress {
    Progress::LiteralAnnounced {
        tag: Some(Tag::new(tag).unwrap()),
        len,
        synchronizing,
    }
}

#[test]
fn literals_are_announced_once_before_their_octets() {
    let mut d = CommandDecoder::default();
    d.push(b"a3 APPEND INBOX {5}\r\n");
    assert_eq!(d.next(), announced("a3", 5, true));
    assert_eq!(d.next(), Progress::NeedMore);
    d.push(b"he");
    assert_eq!(d.next(), Progress::NeedMore);
    d.push(b"llo\r\n");
    assert!(matches!(d.next(), Progress::Decoded(Decoded::Command(_))));

    d.push(b"a4 LOGIN {3+}\r\n");
    assert_eq!(d.next(), announced("a4", 3, false));
    d.push(b"bob {3+}\r\n");
    assert_eq!(d.next(), announced("a4", 3, false));
    d.push(b"pwd");
    assert_eq!(d.next(), Progress::NeedMore);
    d.push(b"\r\n");
    assert!(matches!(
        d.next(),
        Progress::Decoded(Decoded::Command(Command {
            body: CommandBody::Login { .. },
            ..
        }))
    ));
    assert_eq!(d.next(), Progress::NeedMore);

    // When the octets are already here there is nothing to announce.
    d.push(b"a5 LOGIN {3}\r\nbob x\r\n");
    assert!(matches!(d.next(), Progress::Decoded(Decoded::Command(_))));
}

#[test]
fn failed_commands_are_consumed() {
    let mut d = CommandDecoder::default();
    d.push(b"a1 SELECT\r\na2 NOOP\r\n");
    let e = next_failure(&mut d);
    assert_eq!((e.offset, e.tag.as_ref().map(Tag::as_str)), (9, Some("a1")));
    assert!(matches!(
        d.next(),
        Progress::Decoded(Decoded::Command(Command {
            body: CommandBody::Noop,
            ..
        }))
    ));
    assert_eq!(d.next(), Progress::NeedMore);
    assert_eq!(d.buffered(), 0);
}

fn small() -> DecoderOptions {
    DecoderOptions {
        max_line_len: 20,
        max_literal_len: 10,
    }
}

#[test]
fn long_lines_fail_as_soon_as_the_limit_is_passed_and_are_skipped() {
    let mut d = CommandDecoder::new(small());
    d.push(b"a1 NOOP 0123456789");
    assert_eq!(d.next(), Progress::NeedMore);
    d.push(b"ABC");
    let e = next_failure(&mut d);
    assert_eq!(e.kind, ParseErrorKind::LineTooLong);
    assert_eq!(e.tag.as_ref().map(Tag::as_str), Some("a1"));
    // The rest of the line is skipped without being buffered.
    for _ in 0..1000 {
        d.push(&[b'x'; 100]);
        assert_eq!(d.next(), Progress::NeedMore);
        assert!(d.buffered() < 200, "{}", d.buffered());
    }
    d.push(b"xx\r\na2 NOOP\r\n");
    assert!(matches!(
        d.next(),
        Progress::Decoded(Decoded::Command(Command {
            body: CommandBody::Noop,
            ..
        }))
    ));
    // A line of exactly the limit is fine, even when its CR and LF arrive apart.
    d.push(b"a3 LOGIN alice wonde\r");
    assert_eq!(d.next(), Progress::NeedMore);
    d.push(b"\n");
    assert!(matches!(d.next(), Progress::Decoded(Decoded::Command(_))));
}

#[test]
fn large_synchronizing_literals_drop_the_command() {
    let mut d = CommandDecoder::new(small());
    d.push(b"a1 APPEND INBOX {11}\r\na2 NOOP\r\n");
    let e = next_failure(&mut d);
    assert_eq!(e.kind, ParseErrorKind::LiteralTooLarge);
    assert_eq!(e.offset, 16);
    assert_eq!(e.tag.as_ref().map(Tag::as_str), Some("a1"));
    assert!(matches!(
        d.next(),
        Progress::Decoded(Decoded::Command(Command {
            body: CommandBody::Noop,
            ..
        }))
    ));
}

#[test]
fn large_non_synchronizing_literals_are_skipped_without_buffering() {
    let mut d = CommandDecoder::default();
    d.push(b"a1 APPEND INBOX {1000000000+}\r\n");
    let e = next_failure(&mut d);
    assert_eq!(e.kind, ParseErrorKind::LiteralTooLarge);
    let chunk = vec![b'\n'; 1 << 16];
    let mut sent = 0u64;
    while sent < 1_000_000_000 {
        let n = (1_000_000_000 - sent).min(chunk.len() as u64) as usize;
        d.push(&chunk[..n]);
        sent += n as u64;
        assert_eq!(d.next(), Progress::NeedMore);
        assert!(d.buffered() <= chunk.len());
        if sent > 5_000_000 {
            // Jump ahead: the rest behaves the same; prove the count is exact below.
            break;
        }
    }
    // A smaller one, exactly: the octets (with line ends inside) then the rest of the line.
    let mut d = CommandDecoder::new(small());
    d.push(b"a1 APPEND INBOX {15+}\r\n0123456789\r\na9 X");
    next_failure(&mut d);
    assert_eq!(d.next(), Progress::NeedMore);
    d.push(b" NOOP\r\na2 NOOP\r\n");
    let Progress::Decoded(Decoded::Command(c)) = d.next() else {
        panic!()
    };
    assert_eq!(c.tag.as_str(), "a2");
    assert_eq!(d.next(), Progress::NeedMore);
}

#[test]
fn done_ends_idle() {
    let mut d = CommandDecoder::default();
    d.push(b"a1 IDLE\r\n");
    assert!(matches!(
        d.next(),
        Progress::Decoded(Decoded::Command(Command {
            body: CommandBody::Idle,
            ..
        }))
    ));
    d.set_expect(Expect::Done);
    d.push(b"done\r\na2 NOOP\r\n");
    assert_eq!(d.next(), Progress::Decoded(Decoded::Done));
    // After DONE the decoder expects commands again.
    assert!(matches!(d.next(), Progress::Decoded(Decoded::Command(_))));
    d.set_expect(Expect::Done);
    d.push(b"a3 NOOP\r\n");
    let e = next_failure(&mut d);
    assert_eq!(e.expected, "DONE to end IDLE");
    assert_eq!(e.found, "\"a3\"");
    // In DONE mode a {5} at the end of a line is not a literal.
    d.set_expect(Expect::Done);
    d.push(b"x {5}\r\n");
    next_failure(&mut d);
}

#[test]
fn auth_responses_are_lines() {
    let mut d = CommandDecoder::default();
    d.set_expect(Expect::AuthResponse);
    d.push(b"AGFsaWNlAHdvbmRlcmxhbmQ=\r\n*\n");
    assert_eq!(
        d.next(),
        Progress::Decoded(Decoded::AuthResponse(b"AGFsaWNlAHdvbmRlcmxhbmQ=".to_vec()))
    );
    assert_eq!(
        d.next(),
        Progress::Decoded(Decoded::AuthResponse(b"*".to_vec()))
    );
    assert_eq!(d.next(), Progress::NeedMore);
}

#[test]
fn many_small_commands_from_one_buffer_is_linear() {
    let mut big = Vec::new();
    for i in 0..200_000 {
        big.extend_from_slice(format!("a{i} NOOP\r\n").as_bytes());
    }
    let mut d = CommandDecoder::default();
    d.push(&big);
    let start = std::time::Instant::now();
    let mut n = 0;
    while let Progress::Decoded(Decoded::Command(_)) = d.next() {
        n += 1;
    }
    assert_eq!(n, 200_000);
    // Quadratic behaviour would take minutes here; linear takes well under a second.
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

#[test]
fn responses_are_framed_with_literals() {
    let stream: &[u8] = b"* OK ready\r\n* 1 FETCH (BODY[] {5}\r\nab\r\nc)\r\n+ idling\r\na1 OK done\r\n* garbage\r\n";
    let collect = |chunks: &[&[u8]]| {
        let mut d = ResponseDecoder::default();
        let mut out = Vec::new();
        for c in chunks {
            d.push(c);
            while let Some(r) = d.next() {
                out.push(r);
            }
        }
        out
    };
    let whole = collect(&[stream]);
    assert_eq!(whole.len(), 5);
    assert_eq!(whole[1].0, b"* 1 FETCH (BODY[] {5}\r\nab\r\nc)\r\n");
    assert!(matches!(
        &whole[1].1,
        Ok(Response::Data(Data::Fetch { .. }))
    ));
    assert!(whole[4].1.is_err());
    for split in 0..=stream.len() {
        let (a, b) = stream.split_at(split);
        assert_eq!(collect(&[a, b]), whole, "split at {split}");
    }
    // Limits apply to responses too.
    let mut d = ResponseDecoder::new(DecoderOptions {
        max_line_len: 30,
        max_literal_len: 10,
    });
    d.push(b"* 1 FETCH (BODY[] {11}\r\n01234567890)\r\n* 2 EXISTS\r\n");
    let (_, r) = d.next().unwrap();
    assert_eq!(r.unwrap_err().kind, ParseErrorKind::LiteralTooLarge);
    let (raw, r) = d.next().unwrap();
    assert_eq!(raw, b"* 2 EXISTS\r\n");
    assert_eq!(r.unwrap(), Response::Data(Data::Exists(2)));
}

/// Decodes `input` as a server with an output budget does: pushes what it
/// has, stops after each unit and takes back the octets after it, then
/// pushes those again.
fn one_unit_at_a_time(options: DecoderOptions, input: &[u8]) -> Vec<Decoded> {
    let mut d = CommandDecoder::new(options);
    let mut units = Vec::new();
    let mut pos = 0;
    while pos < input.len() {
        d.push(&input[pos..]);
        pos = input.len();
        loop {
            match d.next() {
                Progress::NeedMore => break,
                Progress::LiteralAnnounced { .. } => {}
                Progress::Decoded(unit) => {
                    units.push(unit);
                    let back = d.take_back(usize::MAX);
                    assert_eq!(d.buffered(), 0, "everything after the unit went back");
                    pos -= back;
                    break;
                }
            }
        }
    }
    units
}

#[test]
fn octets_taken_back_after_a_unit_frame_the_same_when_pushed_again() {
    let inputs: [(DecoderOptions, &[u8]); 4] = [
        (DecoderOptions::default(), SESSION),
        // A line past the limit, skipped across the give-back.
        (small(), b"a1 NOOP 0123456789ABCDEFGH xx\r\na2 NOOP\r\na3 NOOP\r\n"),
        // A too-large synchronizing literal, and a non-synchronizing one
        // whose octets (line ends inside) are skipped.
        (
            small(),
            b"a1 APPEND INBOX {11}\r\na2 NOOP\r\na3 APPEND INBOX {15+}\r\n0123456789\r\na9 X NOOP\r\na4 NOOP\r\n",
        ),
        (
            DecoderOptions::default(),
            b"a1 IDLE\r\nDONE\r\na2 AUTHENTICATE PLAIN\r\nAGFsaWNlAHdvbmRlcmxhbmQ=\r\n",
        ),
    ];
    for (options, input) in inputs {
        let whole = decoded(run(&mut CommandDecoder::new(options.clone()), &[input]));
        assert_eq!(one_unit_at_a_time(options, input), whole);
    }
}

#[test]
fn nothing_is_taken_back_from_a_unit_in_progress() {
    let mut d = CommandDecoder::default();
    d.push(b"a1 NOO");
    assert_eq!(d.next(), Progress::NeedMore);
    assert_eq!(d.take_back(3), 0);
    d.push(b"P\r\na2 APPEND INBOX {5}\r\nhe");
    assert!(matches!(d.next(), Progress::Decoded(Decoded::Command(_))));
    assert!(matches!(
        d.next(),
        Progress::LiteralAnnounced { len: 5, .. }
    ));
    assert_eq!(d.take_back(2), 0, "the literal is awaited");
    d.push(b"llo\r\na3 NOOP\r\n");
    assert!(matches!(d.next(), Progress::Decoded(Decoded::Command(_))));
    // After a unit: at most what was asked for, from the end.
    assert_eq!(d.take_back(4), 4);
    assert_eq!(d.buffered(), b"a3 NO".len());
    d.push(b"OP\r\n");
    let Progress::Decoded(Decoded::Command(c)) = d.next() else {
        panic!()
    };
    assert_eq!((c.tag.as_str(), &c.body), ("a3", &CommandBody::Noop));
}

#[test]
fn multiappend_literal8s_are_each_announced_then_framed_as_one_command() {
    let mut d = CommandDecoder::default();
    let got = run(
        &mut d,
        &[
            b"a1 APPEND box ~{3}\r\n",
            b"a\0b (\\Seen) {2}\r\n",
            b"hi ~{1+}\r\n",
            b"\0\r\n",
        ],
    );
    let tag = Some(Tag::new("a1").unwrap());
    assert_eq!(
        got[..2],
        [
            Progress::LiteralAnnounced {
                tag: tag.clone(),
                len: 3,
                synchronizing: true
            },
            Progress::LiteralAnnounced {
                tag: tag.clone(),
                len: 2,
                synchronizing: true
            },
        ]
    );
    // The `{1+}` literal is announced too, as non-synchronizing.
    assert!(matches!(
        got[2],
        Progress::LiteralAnnounced {
            len: 1,
            synchronizing: false,
            ..
        }
    ));
    let [
        Progress::Decoded(Decoded::Command(Command {
            body: CommandBody::Append { message, more, .. },
            ..
        })),
    ] = &got[3..]
    else {
        panic!("{got:#?}");
    };
    assert_eq!(message, b"a\0b");
    let messages: Vec<&[u8]> = more.iter().map(|m| &m.message[..]).collect();
    assert_eq!(messages, [&b"hi"[..], b"\0"]);
    assert_eq!(more[0].flags, vec![Flag::Seen]);
    assert_eq!(d.buffered(), 0);
}
