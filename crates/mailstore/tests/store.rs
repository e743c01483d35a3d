//! Store and account operations: CREATE, DELETE, RENAME, LIST, subscriptions, mailbox bookkeeping.

use mailstore::{Flags, Store, StoreError, SystemFlag};

fn store() -> Store {
    let mut s = Store::new();
    s.add_user("u", "p");
    s
}

/// The account lists exactly these names, each with its `\\Noselect`.
fn assert_names(s: &Store, want: &[(&str, bool)]) {
    let names: Vec<(String, bool)> = s
        .account("u")
        .unwrap()
        .list()
        .into_iter()
        .map(|i| (i.name, i.noselect))
        .collect();
    let want: Vec<(String, bool)> = want.iter().map(|&(n, b)| (n.into(), b)).collect();
    assert_eq!(names, want);
}

#[test]
fn create_makes_placeholders_and_validates() {
    let mut s = store();
    s.create_mailbox("u", "a/b/c").unwrap();
    assert_names(
        &s,
        &[
            ("INBOX", false),
            ("a", true),
            ("a/b", true),
            ("a/b/c", false),
        ],
    );
    assert!(
        s.account("u")
            .unwrap()
            .list()
            .iter()
            .find(|i| i.name == "a")
            .unwrap()
            .has_children
    );
    // A placeholder becomes real.
    s.create_mailbox("u", "a/b").unwrap();
    assert!(!s.account("u").unwrap().mailbox("a/b").unwrap().noselect);
    assert_eq!(
        s.create_mailbox("u", "a/b"),
        Err(StoreError::AlreadyExists("a/b".into()))
    );
    for inbox in ["INBOX", "inbox", "InBoX"] {
        assert!(matches!(
            s.create_mailbox("u", inbox),
            Err(StoreError::AlreadyExists(_))
        ));
    }
    for bad in ["", "/", "/x", "x//y", "x//", "a*b", "a%"] {
        assert!(
            matches!(s.create_mailbox("u", bad), Err(StoreError::InvalidName(_))),
            "{bad}"
        );
    }
    // A trailing delimiter is allowed and dropped.
    s.create_mailbox("u", "foo/").unwrap();
    assert!(s.account("u").unwrap().mailbox("foo").is_some());
    assert!(s.account("u").unwrap().mailbox("foo/").is_none());
}

#[test]
fn recreated_mailbox_gets_new_uidvalidity() {
    let mut s = store();
    s.create_mailbox("u", "x").unwrap();
    let first = s.account("u").unwrap().mailbox("x").unwrap().uid_validity;
    s.delete_mailbox("u", "x").unwrap();
    assert!(s.account("u").unwrap().mailbox("x").is_none());
    s.create_mailbox("u", "x").unwrap();
    assert!(s.account("u").unwrap().mailbox("x").unwrap().uid_validity > first);
}

#[test]
fn delete_follows_rfc3501() {
    let mut s = store();
    assert_eq!(
        s.delete_mailbox("u", "inbox"),
        Err(StoreError::CannotDeleteInbox)
    );
    assert!(matches!(
        s.delete_mailbox("u", "nope"),
        Err(StoreError::NoSuchMailbox(_))
    ));
    s.create_mailbox("u", "p/q").unwrap();
    s.create_mailbox("u", "p").unwrap();
    let mb = s.account_mut("u").unwrap().mailbox_mut("p").unwrap();
    mb.append(b"Subject: x\r\n\r\nhi\r\n".to_vec(), Flags::new(), 0, 0);
    let uid_next = mb.uid_next();
    // With children: messages go, the name stays as \Noselect.
    s.delete_mailbox("u", "p").unwrap();
    let p = s.account("u").unwrap().mailbox("p").unwrap();
    assert!(p.noselect && p.messages().is_empty() && p.uid_next() == uid_next);
    assert_eq!(
        s.delete_mailbox("u", "p"),
        Err(StoreError::HasChildren("p".into()))
    );
    s.delete_mailbox("u", "p/q").unwrap();
    // Now a \Noselect leaf: removed.
    s.delete_mailbox("u", "p").unwrap();
    assert_names(&s, &[("INBOX", false)]);
}

#[test]
fn rename_moves_children_and_keeps_identity() {
    let mut s = store();
    s.create_mailbox("u", "a/b").unwrap();
    s.create_mailbox("u", "a").unwrap();
    let (id_a, v_a) = {
        let m = s.account("u").unwrap().mailbox("a").unwrap();
        (m.id, m.uid_validity)
    };
    let id_b = s.account("u").unwrap().mailbox("a/b").unwrap().id;
    s.rename_mailbox("u", "a", "x/y").unwrap();
    assert_names(
        &s,
        &[
            ("INBOX", false),
            ("x", true),
            ("x/y", false),
            ("x/y/b", false),
        ],
    );
    let acc = s.account("u").unwrap();
    assert_eq!(acc.mailbox("x/y").unwrap().id, id_a);
    assert_eq!(acc.mailbox("x/y").unwrap().uid_validity, v_a);
    assert_eq!(acc.mailbox_by_id(id_b).unwrap().0, "x/y/b");
    let mut refused = |from, to| s.rename_mailbox("u", from, to).unwrap_err();
    assert!(matches!(
        refused("x/y", "x/y/z"),
        StoreError::RenameIntoSelf(_)
    ));
    assert!(matches!(refused("x/y", "x"), StoreError::AlreadyExists(_)));
    assert!(matches!(refused("nope", "z"), StoreError::NoSuchMailbox(_)));
    assert!(matches!(
        refused("x/y", "bad//name"),
        StoreError::InvalidName(_)
    ));
}

#[test]
fn rename_inbox_moves_messages() {
    let mut s = store();
    s.create_mailbox("u", "INBOX/child").unwrap();
    let inbox = s.account_mut("u").unwrap().mailbox_mut("INBOX").unwrap();
    let mut seen = Flags::new();
    seen.insert(SystemFlag::Seen);
    inbox.append(b"Subject: one\r\n\r\n1\r\n".to_vec(), seen.clone(), 100, 60);
    inbox.append(b"Subject: two\r\n\r\n2\r\n".to_vec(), Flags::new(), 200, 0);
    let (inbox_id, inbox_v, next) = (inbox.id, inbox.uid_validity, inbox.uid_next());
    s.rename_mailbox("u", "inbox", "old-mail").unwrap();
    let acc = s.account("u").unwrap();
    let inbox = acc.mailbox("INBOX").unwrap();
    assert!(inbox.messages().is_empty());
    assert_eq!(
        (inbox.id, inbox.uid_validity, inbox.uid_next()),
        (inbox_id, inbox_v, next)
    );
    let moved = acc.mailbox("old-mail").unwrap();
    assert_eq!(moved.messages().len(), 2);
    assert_eq!(moved.messages()[0].flags, seen);
    assert_eq!(
        (
            moved.messages()[0].internal_date,
            moved.messages()[0].internal_zone
        ),
        (100, 60)
    );
    assert!(
        acc.mailbox("INBOX/child").is_some(),
        "INBOX's children stay"
    );
}

#[test]
fn subscriptions() {
    let mut s = store();
    let acc = s.account_mut("u").unwrap();
    acc.subscribe("inbox");
    acc.subscribe("not/yet");
    assert_eq!(
        acc.subscriptions().collect::<Vec<_>>(),
        vec!["INBOX", "not/yet"]
    );
    assert!(acc.list().iter().any(|i| i.name == "INBOX" && i.subscribed));
    acc.unsubscribe("not/yet").unwrap();
    assert!(acc.unsubscribe("not/yet").is_err());
}

#[test]
fn mailbox_bookkeeping() {
    let mut s = store();
    let mb = s.account_mut("u").unwrap().mailbox_mut("INBOX").unwrap();
    assert_eq!(mb.claim_recent(), 1);
    let mut f = Flags::new();
    f.insert_keyword("Work");
    let u1 = mb.append(b"a".to_vec(), f, 0, 0);
    let u2 = mb.append(b"b".to_vec(), Flags::new(), 0, 0);
    assert_eq!((u1, u2, mb.uid_next()), (1, 2, 3));
    assert!(mb.keywords().any(|k| k == "Work"));
    // \Recent goes to exactly one claimer.
    assert_eq!(mb.unclaimed_recent_count(), 2);
    let first = mb.claim_recent();
    assert_eq!(mb.recent_count_from(first), 2);
    let second = mb.claim_recent();
    assert_eq!(mb.recent_count_from(second), 0);
    assert_eq!(mb.unseen_count(), 2);
    let mut seen = Flags::new();
    seen.insert(SystemFlag::Seen);
    seen.insert_keyword("$Forwarded");
    let before = mb.modseq();
    assert!(mb.set_flags(0, seen.clone()));
    assert!(!mb.set_flags(0, seen), "unchanged flags do not bump modseq");
    assert!(!mb.set_flags(9, Flags::new()));
    assert_eq!(mb.modseq(), before + 1);
    assert_eq!(mb.messages()[0].modseq, mb.modseq());
    assert_eq!(mb.first_unseen_index(), Some(1));
    assert!(mb.keywords().any(|k| k == "$Forwarded"));
    // Keywords are listed in the order of first use, one spelling each, so
    // a session that told its client of the first n knows which are new.
    let mut more = Flags::new();
    more.insert_keyword("$forwarded");
    more.insert_keyword("Alpha");
    assert!(mb.set_flags(1, more));
    assert_eq!(
        mb.keywords().collect::<Vec<_>>(),
        ["Work", "$Forwarded", "Alpha"]
    );
    assert_eq!(mb.keyword_count(), 3);
    assert_eq!(mb.expunge_uids(&[2, 7]), vec![2]);
    // A kept expunged message's new keyword is noted too.
    let mut kept = Flags::new();
    kept.insert_keyword("Late");
    assert!(mb.set_expunged_flags(2, kept));
    assert_eq!(mb.keywords().last(), Some("Late"));
    assert_eq!(mb.uid_next(), 3);
    assert_eq!(
        mb.append(b"c".to_vec(), Flags::new(), 0, 0),
        3,
        "UIDs are not reused"
    );
}

#[test]
fn lookups_by_uid_follow_appends_expunges_and_copies() {
    let mut s = store();
    let mb = s.account_mut("u").unwrap().mailbox_mut("INBOX").unwrap();
    for i in 0..10u8 {
        mb.append(vec![b'a' + i], Flags::new(), 0, 0);
    }
    assert_eq!(mb.expunge_uids(&[1, 4, 5, 10]), vec![1, 4, 5, 10]);
    mb.append(b"z".to_vec(), Flags::new(), 0, 0);
    let copy = mb.clone_as(mb.id, 7);
    for m in [&*mb, &copy] {
        let uids: Vec<u32> = m.messages().iter().map(|x| x.uid).collect();
        assert_eq!(uids, [2, 3, 6, 7, 8, 9, 11]);
        for (i, uid) in uids.iter().enumerate() {
            assert_eq!(m.index_of_uid(*uid), Some(i));
            assert_eq!(m.index_of_uid_near(*uid, i), Some(i));
            assert_eq!(m.index_of_uid_near(*uid, 0), Some(i));
        }
        for gone in [1, 4, 5, 10, 12] {
            assert_eq!(m.index_of_uid(gone), None);
            assert_eq!(m.index_of_uid_near(gone, 2), None);
        }
        assert_eq!(m.recent_count_from(7), 4);
    }
    assert_eq!(mb.expunge_all(), 7);
    assert_eq!(mb.index_of_uid(2), None);
}

#[test]
fn expunged_messages_are_kept_for_lagging_sessions_within_a_bound() {
    let mut s = store();
    let mb = s.account_mut("u").unwrap().mailbox_mut("INBOX").unwrap();
    let mut seen = Flags::new();
    seen.insert(SystemFlag::Seen);
    let first = mb.append(b"Subject: one\r\n\r\nbody\r\n".to_vec(), seen.clone(), 0, 0);
    assert!(
        mb.expunged_message(first).is_none(),
        "present, not expunged"
    );
    assert_eq!(mb.expunge_uids(&[first]), vec![first]);
    let gone = mb.expunged_message(first).expect("kept after EXPUNGE");
    assert_eq!(&gone.raw[..], b"Subject: one\r\n\r\nbody\r\n");
    assert!(gone.flags.has(SystemFlag::Seen));

    let modseq = mb.modseq();
    let mut flagged = seen.clone();
    flagged.insert(SystemFlag::Flagged);
    assert!(mb.set_expunged_flags(first, flagged.clone()));
    assert!(!mb.set_expunged_flags(first, flagged), "unchanged");
    assert!(
        !mb.set_expunged_flags(first + 100, Flags::new()),
        "unknown UID"
    );
    assert_eq!(mb.modseq(), modseq, "no present message changed");
    assert!(
        mb.expunged_message(first)
            .unwrap()
            .flags
            .has(SystemFlag::Flagged)
    );

    // Only the most recent EXPUNGED_KEPT are kept: the first one falls out.
    for _ in 0..mailstore::MailboxData::EXPUNGED_KEPT {
        let uid = mb.append(b"x".to_vec(), Flags::new(), 0, 0);
        mb.expunge_uids(&[uid]);
    }
    assert!(mb.expunged_message(first).is_none());
    assert!(mb.expunged_message(mb.uid_next() - 1).is_some());
}

#[test]
fn copies_and_clones_start_with_an_empty_memo() {
    let mut s = store();
    s.create_mailbox("u", "b").unwrap();
    let a = s.account_mut("u").unwrap();
    let inbox = a.mailbox_mut("INBOX").unwrap();
    inbox.append(b"Subject: x\r\n\r\nbody\r\n".to_vec(), Flags::new(), 0, 0);
    let original = inbox.messages()[0].clone();
    assert_eq!(original.memo.get(0), None);
    let _ = original.memo.get_or_init(0, || b"derived".to_vec());
    assert_eq!(original.memo.get(0), Some(&b"derived"[..]));
    assert_eq!(original.clone().memo.get(0), None);
    let b = a.mailbox_mut("b").unwrap();
    b.append_copy(&original);
    assert_eq!(b.messages()[0].memo.get(0), None);
}

#[test]
fn vanished_since_tells_which_uids_left_after_a_modseq() {
    let mut mb = mailstore::MailboxData::new(mailstore::MailboxId(1), 1);
    for _ in 0..8 {
        mb.append(
            b"Subject: x\r\n\r\n".to_vec(),
            mailstore::Flags::new(),
            0,
            0,
        );
    }
    let before = mb.modseq();
    mb.expunge_uids(&[2, 3, 7]);
    let middle = mb.modseq();
    mb.expunge_uids(&[4]);
    assert_eq!(mb.vanished_since(before), vec![(2, 4), (7, 7)]);
    assert_eq!(mb.vanished_since(middle), vec![(4, 4)]);
    assert_eq!(mb.vanished_since(mb.modseq()), vec![]);
    // After a snapshot round trip the history is gone: every absent UID
    // below UIDNEXT is reported, a superset.
    let mut store = mailstore::demo::demo_store();
    let inbox = store
        .account_mut("alice")
        .unwrap()
        .mailbox_mut("INBOX")
        .unwrap();
    let modseq = inbox.modseq();
    inbox.expunge_uids(&[3]);
    assert_eq!(inbox.vanished_since(modseq), vec![(3, 3)]);
    let restored = mailstore::snapshot::read(&mailstore::snapshot::write(&store)).unwrap();
    let inbox = restored.account("alice").unwrap().mailbox("INBOX").unwrap();
    assert_eq!(inbox.vanished_since(modseq), vec![(3, 3)]);
    assert_eq!(inbox.vanished_since(inbox.modseq()), vec![]);
}
