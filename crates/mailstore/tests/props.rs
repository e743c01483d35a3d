//! Property tests: analysis never panics and its ranges stay in bounds;
//! mailbox invariants hold under random operation sequences.

// A test's maps never reach the wasm module (see clippy.toml).
#![allow(clippy::disallowed_types)]

use mailstore::demo::demo_store;
use mailstore::{Analysis, Flags, Part, PartKind, Store, SystemFlag};
use proptest::prelude::*;

fn check(raw: &[u8], p: &Part, depth: usize) {
    assert!(
        p.header.start <= p.header.end
            && p.header.end == p.body.start
            && p.body.start <= p.body.end
    );
    assert!(p.body.end <= raw.len());
    assert!(depth <= mailstore::analysis::MAX_DEPTH + 1);
    match &p.kind {
        PartKind::Multipart(c) => {
            assert!(!c.is_empty());
            c.iter().for_each(|c| check(raw, c, depth + 1));
        }
        PartKind::Message { inner, .. } => check(raw, inner, depth + 1),
        PartKind::Single => {}
    }
    // find never panics on any path.
    for path in [&[1u32][..], &[0], &[1, 1], &[2, 1, 3], &[u32::MAX]] {
        let _ = p.find(path);
    }
}

fn analyse(raw: &[u8]) {
    let a = Analysis::of(raw);
    check(raw, &a.root, 0);
    let h = &raw[a.root.header.clone()];
    let _ = mailstore::analysis::header_fields(h, &["from".into(), "subject".into()], false);
    let _ = mailstore::analysis::header_fields(h, &["from".into()], true);
}

fn demo_messages() -> Vec<Vec<u8>> {
    let store = demo_store();
    let alice = store.account("alice").unwrap();
    alice
        .mailbox("INBOX")
        .unwrap()
        .messages()
        .iter()
        .filter(|m| m.raw.len() < 20_000)
        .map(|m| m.raw.to_vec())
        .collect()
}

/// Bytes that look like mail: header names, boundaries, encodings, line ends.
fn mailish() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop::sample::select(vec![
        &b"Content-Type: multipart/mixed; boundary=b\r\n"[..],
        b"Content-Type: message/rfc822\r\n",
        b"Content-Type: multipart/digest; boundary=\"b\"\r\n",
        b"Content-Transfer-Encoding: base64\r\n",
        b"Content-Transfer-Encoding: quoted-printable\r\n",
        b"\r\n",
        b"\n",
        b"--b\r\n",
        b"--b--\r\n",
        b"From: \"a\" <b@c>, (x) d@e; g: h@i;\r\n",
        b" folded\r\n",
        b"=?utf-8?q?=C3=A9?= ",
        b"=?x?b?////?=",
        b"=\r\n",
        b"=ZZ",
        b"\xff\xfe\x00",
        b"Subject: s\r\n",
        b"Date: Mon, 1 Jan 2024 00:00:00 +9999\r\n",
        b"Content-Type: text/html; charset=iso-8859-1\r\n",
        b"<p>x</p>",
        b":",
        b"\"",
        b"(",
        b"<",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(raw in prop::collection::vec(any::<u8>(), 0..2000)) {
        analyse(&raw);
    }

    #[test]
    fn mailish_bytes_never_panic(raw in mailish()) {
        analyse(&raw);
    }

    #[test]
    fn mutated_demo_messages_never_panic(which in 0usize..100, edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..4, any::<u8>()), 1..20)) {
        let all = demo_messages();
        let mut raw = all[which % all.len()].clone();
        for (at, op, byte) in edits {
            let i = if raw.is_empty() { 0 } else { at.index(raw.len()) };
            match op {
                0 if !raw.is_empty() => raw[i] = byte,
                1 => raw.insert(i, byte),
                2 if !raw.is_empty() => { raw.remove(i); }
                _ => raw.truncate(i),
            }
        }
        analyse(&raw);
    }

    #[test]
    fn deeply_nested_input_is_bounded(depth in 0usize..300) {
        let raw = "Content-Type: message/rfc822\r\n\r\n".repeat(depth) + "Subject: end\r\n\r\nx";
        analyse(raw.as_bytes());
    }
}

#[derive(Debug, Clone)]
enum Op {
    Append(u8),
    SetFlags(usize, u8, bool),
    Copy(usize),
    Expunge(Vec<usize>),
    Claim,
    Rename,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        any::<u8>().prop_map(Op::Append),
        (any::<usize>(), any::<u8>(), any::<bool>()).prop_map(|(i, f, k)| Op::SetFlags(i, f, k)),
        any::<usize>().prop_map(Op::Copy),
        prop::collection::vec(any::<usize>(), 0..4).prop_map(Op::Expunge),
        Just(Op::Claim),
        Just(Op::Rename),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn mailbox_invariants_hold(ops in prop::collection::vec(op(), 0..60)) {
        let mut store = Store::new();
        store.add_user("u", "p");
        store.create_mailbox("u", "box").unwrap();
        let mut name = "box".to_string();
        let validity = store.account("u").unwrap().mailbox(&name).unwrap().uid_validity;
        let mut given = std::collections::BTreeSet::new();
        let mut analyses = std::collections::BTreeMap::new();
        let (mut last_next, mut last_modseq) = (1u32, 0u64);
        let mut renames = 0;
        for op in ops {
            let mb = store.account_mut("u").unwrap().mailbox_mut(&name).unwrap();
            let len = mb.messages().len();
            match op {
                Op::Append(b) => {
                    let raw = format!("Subject: m{b}\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n\r\nbody {b}\r\n--x--\r\n").into_bytes();
                    let uid = mb.append(raw, Flags::new(), i64::from(b), 0);
                    prop_assert!(given.insert(uid), "UID {} reused", uid);
                }
                Op::SetFlags(i, bits, kw) if len > 0 => {
                    let mut f = Flags::new();
                    for (n, flag) in SystemFlag::ALL.into_iter().enumerate() {
                        if bits & (1 << n) != 0 { f.insert(flag); }
                    }
                    if kw { f.insert_keyword("Kw"); }
                    let before = mb.modseq();
                    let changed = mb.set_flags(i % len, f);
                    prop_assert_eq!(changed, mb.modseq() > before);
                    if changed {
                        prop_assert_eq!(mb.messages()[i % len].modseq, mb.modseq());
                    }
                    if kw { prop_assert!(mb.keywords().any(|k| k == "Kw")); }
                }
                Op::Copy(i) if len > 0 => {
                    let m = mb.messages()[i % len].clone();
                    let uid = mb.append_copy(&m);
                    prop_assert!(given.insert(uid));
                    prop_assert_eq!(&mb.messages().last().unwrap().analysis, &m.analysis);
                }
                Op::Expunge(picks) if len > 0 => {
                    let uids: Vec<u32> = picks.iter().map(|i| mb.messages()[i % len].uid).collect();
                    let removed = mb.expunge_uids(&uids);
                    prop_assert!(removed.windows(2).all(|w| w[0] < w[1]));
                    for u in &removed { prop_assert!(mb.index_of_uid(*u).is_none()); }
                }
                Op::Claim => {
                    let first = mb.claim_recent();
                    prop_assert!(first <= mb.uid_next());
                    prop_assert_eq!(mb.unclaimed_recent_count(), 0);
                }
                Op::Rename => {
                    renames += 1;
                    let to = format!("renamed{renames}/box");
                    store.rename_mailbox("u", &name, &to).unwrap();
                    name = to;
                }
                _ => {}
            }
            let mb = store.account("u").unwrap().mailbox(&name).unwrap();
            prop_assert_eq!(mb.uid_validity, validity);
            prop_assert!(mb.messages().windows(2).all(|w| w[0].uid < w[1].uid));
            prop_assert!(mb.messages().iter().all(|m| m.uid < mb.uid_next() && m.modseq <= mb.modseq()));
            prop_assert!(mb.uid_next() >= last_next && mb.modseq() >= last_modseq);
            last_next = mb.uid_next();
            last_modseq = mb.modseq();
            for m in mb.messages() {
                let a = analyses.entry(m.uid).or_insert_with(|| (*m.analysis).clone());
                prop_assert_eq!(&*a, &*m.analysis);
                prop_assert_eq!(&Analysis::of(&m.raw), &*m.analysis);
            }
            // The hinted lookup finds what the binary search finds, wherever
            // the hint points.
            let len = mb.messages().len();
            for uid in 0..=mb.uid_next() {
                let want = mb.index_of_uid(uid);
                let at = want.unwrap_or(0);
                for hint in [0, at, at + 1, len / 2, len, len + 1, usize::MAX] {
                    prop_assert_eq!(mb.index_of_uid_near(uid, hint), want);
                }
            }
        }
    }
}
