//! The demo store: deterministic, and shaped as the lessons and the brief's session expect.

use mailstore::demo::{BULK_RARE_WORD, bulk_messages, demo_account_for, demo_store};
use mailstore::{PartKind, SpecialUse, Store, SystemFlag};

fn inbox_bytes(store: &Store, user: &str) -> Vec<(u32, Vec<u8>, i64)> {
    let inbox = store
        .account(user)
        .and_then(|a| a.mailbox("INBOX"))
        .expect("inbox");
    inbox
        .messages()
        .iter()
        .map(|m| (m.uid, m.raw.to_vec(), m.internal_date))
        .collect()
}

#[test]
fn demo_store_is_deterministic() {
    let (a, b) = (demo_store(), demo_store());
    for user in ["alice", "bob"] {
        assert_eq!(inbox_bytes(&a, user), inbox_bytes(&b, user));
        let (la, lb) = (
            a.account(user).unwrap().list(),
            b.account(user).unwrap().list(),
        );
        assert_eq!(la, lb);
        for info in la {
            let (ma, mb) = (
                a.account(user).unwrap().mailbox(&info.name).unwrap(),
                b.account(user).unwrap().mailbox(&info.name).unwrap(),
            );
            assert_eq!(ma.uid_validity, mb.uid_validity);
            assert_eq!(ma.uid_next(), mb.uid_next());
            assert_eq!(ma.id, mb.id);
        }
    }
}

#[test]
fn alice_has_what_the_brief_needs() {
    let store = demo_store();
    assert!(store.check_login("alice", "wonderland"));
    assert!(store.check_login("bob", "builder"));
    assert!(!store.check_login("alice", "builder"));
    let alice = store.account("alice").unwrap();
    let inbox = alice.mailbox("inbox").unwrap();
    assert!(inbox.messages().len() >= 30);
    assert_eq!(inbox.unclaimed_recent_count(), 0);
    // SEARCH BODY test → exactly these sequence numbers; 19 is from someaddr@somewhere.edu.
    let with_test: Vec<usize> = inbox
        .messages()
        .iter()
        .enumerate()
        .filter(|(_, m)| m.analysis.body_text.contains("test"))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(with_test, vec![13, 19, 20, 22]);
    let m19 = &inbox.messages()[18].analysis.envelope.from[0];
    assert_eq!(m19.mailbox.as_deref(), Some(&b"someaddr"[..]));
    assert_eq!(m19.host.as_deref(), Some(&b"somewhere.edu"[..]));
    // Flags and keywords.
    let has = |i: usize, f| inbox.messages()[i - 1].flags.has(f);
    assert!(
        has(1, SystemFlag::Seen)
            && has(2, SystemFlag::Answered)
            && has(6, SystemFlag::Flagged)
            && has(27, SystemFlag::Draft)
    );
    assert!(inbox.messages()[6].flags.has_keyword("$forwarded"));
    assert!(inbox.keywords().any(|k| k == "Work"));
    // The large one.
    assert!(inbox.messages()[11].size() > 190_000);
    // Shapes.
    let kind = |i: usize| &inbox.messages()[i - 1].analysis.root;
    assert!(matches!(kind(2).kind, PartKind::Multipart(_)) && kind(2).subtype == "alternative");
    assert_eq!(kind(18).subtype, "digest");
    assert_eq!(kind(7).find(&[2]).unwrap().subtype, "rfc822");
    // Other mailboxes.
    let special = |n: &str| alice.mailbox(n).unwrap().special_use;
    assert_eq!(special("Sent"), Some(SpecialUse::Sent));
    assert_eq!(special("Drafts"), Some(SpecialUse::Drafts));
    assert_eq!(special("Trash"), Some(SpecialUse::Trash));
    assert_eq!(special("Junk"), Some(SpecialUse::Junk));
    assert_eq!(special("Archive"), Some(SpecialUse::Archive));
    assert_eq!(alice.mailbox("test").unwrap().messages().len(), 1);
    assert!(
        alice
            .list()
            .iter()
            .any(|i| i.name == "Archive" && i.has_children && i.subscribed)
    );
    assert!(
        store
            .account("bob")
            .unwrap()
            .mailbox("INBOX")
            .unwrap()
            .messages()
            .len()
            >= 5
    );
}

#[test]
fn classroom_copy_has_fresh_ids_and_same_messages() {
    let mut store = demo_store();
    demo_account_for(&mut store, "student1", "pw").unwrap();
    assert!(store.check_login("student1", "pw"));
    let alice = store.account("alice").unwrap();
    let student = store.account("student1").unwrap();
    assert_eq!(
        inbox_bytes(&store, "alice"),
        inbox_bytes(&store, "student1")
    );
    for (name, m) in student.mailboxes() {
        let original = alice.mailbox(name).unwrap();
        assert_ne!(m.id, original.id);
        assert_ne!(m.uid_validity, original.uid_validity);
        assert!(alice.mailbox_by_id(m.id).is_none());
    }
    assert_eq!(
        store.users().collect::<Vec<_>>(),
        vec!["alice", "bob", "student1"]
    );
    assert!(store.total_bytes("student1") > 200_000);
}

#[test]
fn bulk_is_deterministic_and_varied() {
    let a = bulk_messages(300, 7);
    assert_eq!(a, bulk_messages(300, 7));
    assert_ne!(a, bulk_messages(300, 8));
    assert!(
        a.windows(2).all(|w| w[0].1 < w[1].1),
        "dates ascend strictly"
    );
    let analyses: Vec<_> = a
        .iter()
        .map(|(raw, _)| mailstore::Analysis::of(raw))
        .collect();
    assert!(
        analyses
            .iter()
            .any(|x| matches!(x.root.kind, PartKind::Single))
    );
    assert!(analyses.iter().any(|x| x.root.subtype == "alternative"));
    assert!(
        analyses
            .iter()
            .any(|x| x.root.find(&[2]).is_some_and(|p| p.subtype == "rfc822"))
    );
    assert!(
        analyses
            .iter()
            .all(|x| x.sent_date.is_some() && !x.envelope.from.is_empty())
    );
    let many = bulk_messages(3000, 1);
    let rare = many
        .iter()
        .filter(|(raw, _)| Analysis_of_contains(raw))
        .count();
    assert!((1..30).contains(&rare), "rare word in {rare} of 3000");
}

#[allow(non_snake_case)]
fn Analysis_of_contains(raw: &[u8]) -> bool {
    mailstore::Analysis::of(raw)
        .body_text
        .contains(BULK_RARE_WORD)
}

#[test]
fn bulk_analysis_timing() {
    let start = std::time::Instant::now();
    let msgs = bulk_messages(10_000, 42);
    let built = start.elapsed();
    let bytes: usize = msgs.iter().map(|(r, _)| r.len()).sum();
    let start = std::time::Instant::now();
    let mut store = Store::new();
    store.add_user("u", "p");
    let inbox = store
        .account_mut("u")
        .unwrap()
        .mailbox_mut("INBOX")
        .unwrap();
    for (raw, date) in msgs {
        inbox.append(raw, mailstore::Flags::new(), date, 0);
    }
    let analysed = start.elapsed();
    assert_eq!(inbox.messages().len(), 10_000);
    println!(
        "bulk: built 10000 messages ({} MB) in {built:?}, appended+analysed in {analysed:?}",
        bytes / 1_000_000
    );
}

/// FNV-1a, 64 bits: a stable digest (std's hasher may change between
/// Rust releases).
fn fnv1a(hash: &mut u64, bytes: &[u8]) {
    for &b in bytes {
        *hash ^= u64::from(b);
        *hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
}

/// Every demo message, byte for byte: user, mailbox, UID, flags, internal
/// date and zone, and the raw bytes; and the whole store as a snapshot
/// (mailbox ids, UIDVALIDITY, UIDNEXT, modseq, subscriptions, special use).
/// Lessons and tests name message numbers, so the demo must not drift: if
/// this fails, a change altered what the demo serves.
#[test]
fn demo_store_bytes_are_pinned() {
    let store = demo_store();
    let mut messages = 0xcbf2_9ce4_8422_2325u64;
    let mut count = 0;
    for user in store.users() {
        let account = store.account(user).unwrap();
        for (name, mailbox) in account.mailboxes() {
            for m in mailbox.messages() {
                count += 1;
                let flags: Vec<String> = m
                    .flags
                    .system()
                    .map(|f| format!("{f:?}"))
                    .chain(m.flags.keywords().map(str::to_owned))
                    .collect();
                let line = format!(
                    "{user}/{name} uid={} flags={flags:?} date={} zone={} size={}\n",
                    m.uid,
                    m.internal_date,
                    m.internal_zone,
                    m.raw.len()
                );
                fnv1a(&mut messages, line.as_bytes());
                fnv1a(&mut messages, &m.raw);
            }
        }
    }
    let mut snapshot = 0xcbf2_9ce4_8422_2325u64;
    fnv1a(&mut snapshot, &mailstore::snapshot::write(&store));
    assert_eq!(
        (
            count,
            format!("{messages:016x}"),
            format!("{snapshot:016x}")
        ),
        (
            47,
            "d745df7a96bbb7a4".to_owned(),
            "9617708f3eca8735".to_owned()
        )
    );
}
