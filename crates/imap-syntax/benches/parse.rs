//! Parsing speed of imap-syntax against imap-codec, on a corpus of
//! realistic commands and responses (see `corpus.rs`).
//!
//! Run: `cargo bench -p imap-syntax --bench parse` (add `-- --quick` for a
//! short run). Criterion prints the throughput of each benchmark and writes
//! its estimates to `target/criterion/<group>/<bench>/new/estimates.json`
//! (`<group>` is `commands` or `responses`, `<bench>` is `imap-syntax` or
//! `imap-codec`); the mean time per iteration is `mean.point_estimate`, in
//! nanoseconds, and one iteration parses the whole corpus, whose size in
//! bytes is printed as `corpus:` lines before the benchmarks run.

mod corpus;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use imap_codec::decode::Decoder;
use imap_codec::{CommandCodec, GreetingCodec, ResponseCodec};

/// Checks that both libraries accept every item completely; panics with
/// the list of rejected items otherwise, because a benchmark on inputs one
/// side rejects would compare nothing.
fn check(
    kind: &str,
    items: &[Vec<u8>],
    ours: impl Fn(&[u8]) -> bool,
    theirs: impl Fn(&[u8]) -> bool,
) {
    let mut rejected = Vec::new();
    for item in items {
        let (a, b) = (ours(item), theirs(item));
        if !a || !b {
            let line = String::from_utf8_lossy(item);
            let first = line.lines().next().unwrap_or_default().to_string();
            rejected.push(format!(
                "  imap-syntax {} imap-codec {}: {first}",
                if a { "ok" } else { "REJECTS" },
                if b { "ok" } else { "REJECTS" }
            ));
        }
    }
    assert!(
        rejected.is_empty(),
        "{kind} not accepted by both parsers:\n{}",
        rejected.join("\n")
    );
}

fn codec_command(item: &[u8]) -> bool {
    matches!(CommandCodec::default().decode(item), Ok((rest, _)) if rest.is_empty())
}

/// imap-codec reads `* PREAUTH` only as a greeting, with its own codec;
/// every other response with the response codec.
fn is_greeting(item: &[u8]) -> bool {
    item.starts_with(b"* PREAUTH ")
}

fn codec_response(item: &[u8]) -> bool {
    if is_greeting(item) {
        matches!(GreetingCodec::default().decode(item), Ok((rest, _)) if rest.is_empty())
    } else {
        matches!(ResponseCodec::default().decode(item), Ok((rest, _)) if rest.is_empty())
    }
}

fn bench(c: &mut Criterion) {
    let commands = corpus::commands();
    let responses = corpus::responses();
    check(
        "commands",
        &commands,
        |i| imap_syntax::parse_command(i).is_ok(),
        codec_command,
    );
    check(
        "responses",
        &responses,
        |i| imap_syntax::parse_response(i).is_ok(),
        codec_response,
    );

    for (name, items) in [("commands", &commands), ("responses", &responses)] {
        let bytes: usize = items.iter().map(Vec::len).sum();
        println!("corpus: {name}: {} items, {bytes} bytes", items.len());
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(bytes as u64));
        if name == "commands" {
            group.bench_function("imap-syntax", |b| {
                b.iter(|| {
                    for item in items {
                        let _ = black_box(imap_syntax::parse_command(black_box(item)));
                    }
                })
            });
            let codec = CommandCodec::default();
            group.bench_function("imap-codec", |b| {
                b.iter(|| {
                    for item in items {
                        let _ = black_box(codec.decode(black_box(item)));
                    }
                })
            });
        } else {
            group.bench_function("imap-syntax", |b| {
                b.iter(|| {
                    for item in items {
                        let _ = black_box(imap_syntax::parse_response(black_box(item)));
                    }
                })
            });
            let codec = ResponseCodec::default();
            let greeting = GreetingCodec::default();
            // Which codec each item needs is decided once, outside the timing.
            let tagged: Vec<(bool, &Vec<u8>)> = items.iter().map(|i| (is_greeting(i), i)).collect();
            group.bench_function("imap-codec", |b| {
                b.iter(|| {
                    for (is_greeting, item) in &tagged {
                        if *is_greeting {
                            let _ = black_box(greeting.decode(black_box(item)));
                        } else {
                            let _ = black_box(codec.decode(black_box(item)));
                        }
                    }
                })
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
