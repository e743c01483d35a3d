//! The whole [`Store`] as bytes and back, so the page can keep the virtual
//! mailbox across reloads (IndexedDB) and export it.
//!
//! # Format (version 1)
//! Integers are little-endian; a *string* or *bytes* is a `u32` length
//! followed by that many octets (strings are UTF-8). A *list of X* is a
//! `u32` count followed by the X's.
//!
//! ```text
//! snapshot  = "IMAPSNAP" u32:version(=1) u64:next_mailbox_id u32:next_uid_validity
//!             list of user
//! user      = string:name string:password list of string:subscription list of mailbox
//! mailbox   = string:name u64:id u32:uid_validity u8:noselect(0|1)
//!             u8:special_use(0 none, 1 Sent, 2 Drafts, 3 Trash, 4 Junk, 5 Archive)
//!             u32:uid_next u64:modseq u32:first_recent_uid list of string:keyword
//!             list of message
//! message   = u32:uid u8:system_flags(bits: 1 Seen, 2 Answered, 4 Flagged, 8 Deleted, 16 Draft)
//!             list of string:keyword i64:internal_date i16:zone u64:modseq bytes:raw
//! ```
//!
//! The MIME analysis is not stored: it is a function of the raw bytes and
//! is recomputed on [`read`]. Copies that shared bytes in memory are stored
//! (and read back) as separate byte strings.
//!
//! [`read`] never panics: a truncated, corrupt or future-version input is a
//! [`SnapshotError`], and every mailbox invariant is checked before the
//! store is built.

use litemap::LiteMap;
use std::sync::Arc;

use crate::analysis::Analysis;
use crate::mailbox::{MailboxData, MailboxId, SpecialUse};
use crate::memo::Memo;
use crate::message::{Flags, Message, SystemFlag};
use crate::store::{Account, Store};

/// The first eight bytes of every snapshot.
pub const MAGIC: &[u8; 8] = b"IMAPSNAP";
/// The format version [`write`] produces and [`read`] accepts.
pub const VERSION: u32 = 1;

/// Why bytes could not be read back as a store.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SnapshotError {
    /// The bytes do not start with [`MAGIC`].
    #[error("not a playground snapshot (the magic bytes are missing)")]
    NotASnapshot,
    /// A version this code does not know.
    #[error("snapshot version {0} is not supported (this playground reads version {VERSION})")]
    Version(u32),
    /// The bytes end in the middle of a value.
    #[error("the snapshot is truncated at byte {0}")]
    Truncated(usize),
    /// A value that cannot be right (bad UTF-8, a broken invariant, ...).
    #[error("the snapshot is corrupt at byte {at}: {why}")]
    Corrupt {
        /// Byte offset of the value.
        at: usize,
        /// What is wrong with it.
        why: &'static str,
    },
    /// Bytes follow the end of the store.
    #[error("the snapshot has {0} unexpected bytes at its end")]
    Trailing(usize),
}

/// Writes the whole store: users, passwords, subscriptions, mailboxes with
/// their ids, UIDVALIDITY, UIDNEXT, modseq and `\Recent` mark, and every
/// message with its UID, flags, internal date and raw bytes.
pub fn write(store: &Store) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    put_u32(&mut out, VERSION);
    let (next_id, next_validity) = store.counters();
    out.extend_from_slice(&next_id.to_le_bytes());
    put_u32(&mut out, next_validity);
    let users: Vec<&str> = store.users().collect();
    put_len(&mut out, users.len());
    for user in users {
        put_bytes(&mut out, user.as_bytes());
        put_bytes(&mut out, store.password(user).unwrap_or("").as_bytes());
        let Some(account) = store.account(user) else {
            put_len(&mut out, 0);
            put_len(&mut out, 0);
            continue;
        };
        let subs: Vec<&str> = account.subscriptions().collect();
        put_len(&mut out, subs.len());
        for s in subs {
            put_bytes(&mut out, s.as_bytes());
        }
        let mailboxes: Vec<(&str, &MailboxData)> = account.mailboxes().collect();
        put_len(&mut out, mailboxes.len());
        for (name, mailbox) in mailboxes {
            write_mailbox(&mut out, name, mailbox);
        }
    }
    out
}

fn write_mailbox(out: &mut Vec<u8>, name: &str, m: &MailboxData) {
    put_bytes(out, name.as_bytes());
    out.extend_from_slice(&m.id.0.to_le_bytes());
    put_u32(out, m.uid_validity);
    out.push(u8::from(m.noselect));
    out.push(match m.special_use {
        None => 0,
        Some(SpecialUse::Sent) => 1,
        Some(SpecialUse::Drafts) => 2,
        Some(SpecialUse::Trash) => 3,
        Some(SpecialUse::Junk) => 4,
        Some(SpecialUse::Archive) => 5,
    });
    put_u32(out, m.uid_next());
    out.extend_from_slice(&m.modseq().to_le_bytes());
    put_u32(out, m.first_recent_uid());
    let keywords: Vec<&str> = m.keywords().collect();
    put_len(out, keywords.len());
    for k in keywords {
        put_bytes(out, k.as_bytes());
    }
    put_len(out, m.messages().len());
    for msg in m.messages() {
        put_u32(out, msg.uid);
        let bits = msg.flags.system().fold(0u8, |acc, f| acc | system_bit(f));
        out.push(bits);
        let kws: Vec<&str> = msg.flags.keywords().collect();
        put_len(out, kws.len());
        for k in kws {
            put_bytes(out, k.as_bytes());
        }
        out.extend_from_slice(&msg.internal_date.to_le_bytes());
        out.extend_from_slice(&msg.internal_zone.to_le_bytes());
        out.extend_from_slice(&msg.modseq.to_le_bytes());
        put_bytes(out, &msg.raw);
    }
}

fn system_bit(f: SystemFlag) -> u8 {
    match f {
        SystemFlag::Seen => 1,
        SystemFlag::Answered => 2,
        SystemFlag::Flagged => 4,
        SystemFlag::Deleted => 8,
        SystemFlag::Draft => 16,
    }
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_len(out: &mut Vec<u8>, n: usize) {
    put_u32(out, u32::try_from(n).unwrap_or(u32::MAX));
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put_len(out, b.len());
    out.extend_from_slice(b);
}

/// Reads a snapshot written by [`write`]. Never panics; any problem is a
/// [`SnapshotError`] and nothing is half-built.
pub fn read(bytes: &[u8]) -> Result<Store, SnapshotError> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(MAGIC.len()).ok() != Some(&MAGIC[..]) {
        return Err(SnapshotError::NotASnapshot);
    }
    let version = r.u32()?;
    if version != VERSION {
        return Err(SnapshotError::Version(version));
    }
    let next_id = r.u64()?;
    let next_validity = r.u32()?;
    let mut accounts = LiteMap::new();
    let users = r.count()?;
    for _ in 0..users {
        let at = r.at;
        let user = r.string()?;
        let password = r.string()?;
        let mut subscriptions = Vec::new();
        for _ in 0..r.count()? {
            subscriptions.push(r.string()?);
        }
        subscriptions.sort_unstable();
        subscriptions.dedup();
        let mut mailboxes = LiteMap::new();
        let mut ids = Vec::new();
        for _ in 0..r.count()? {
            let at = r.at;
            let (name, mailbox) = read_mailbox(&mut r)?;
            if mailbox.id.0 >= next_id {
                return Err(corrupt(at, "a mailbox id is not below the counter"));
            }
            ids.push((mailbox.id, at));
            // Written in order: taken in order, each in constant time (a
            // file out of order could otherwise cost a shift per mailbox).
            if mailboxes.try_append(name, mailbox).is_some() {
                return Err(corrupt(at, "a mailbox name is repeated or out of order"));
            }
        }
        ids.sort_unstable();
        let repeated = ids.windows(2).find_map(|pair| match pair {
            [(a, _), (b, at)] if a == b => Some(*at),
            _ => None,
        });
        if let Some(at) = repeated {
            return Err(corrupt(at, "a mailbox id is repeated"));
        }
        if accounts
            .try_append(
                user,
                (password, Account::from_parts(mailboxes, subscriptions)),
            )
            .is_some()
        {
            return Err(corrupt(at, "a user is repeated or out of order"));
        }
    }
    if r.at < bytes.len() {
        return Err(SnapshotError::Trailing(bytes.len().saturating_sub(r.at)));
    }
    Ok(Store::from_parts(accounts, next_id, next_validity))
}

fn read_mailbox(r: &mut Reader<'_>) -> Result<(String, MailboxData), SnapshotError> {
    let at = r.at;
    let name = r.string()?;
    let id = MailboxId(r.u64()?);
    let uid_validity = r.u32()?;
    let noselect = match r.u8()? {
        0 => false,
        1 => true,
        _ => return Err(corrupt(at, "noselect is not 0 or 1")),
    };
    let special_use = match r.u8()? {
        0 => None,
        1 => Some(SpecialUse::Sent),
        2 => Some(SpecialUse::Drafts),
        3 => Some(SpecialUse::Trash),
        4 => Some(SpecialUse::Junk),
        5 => Some(SpecialUse::Archive),
        _ => return Err(corrupt(at, "unknown special use")),
    };
    let uid_next = r.u32()?;
    let modseq = r.u64()?;
    let first_recent = r.u32()?;
    let mut keywords = Vec::new();
    for _ in 0..r.count()? {
        keywords.push(r.string()?);
    }
    let count = r.count()?;
    let mut messages = Vec::new();
    for _ in 0..count {
        let uid = r.u32()?;
        let bits = r.u8()?;
        if bits & !31 != 0 {
            return Err(corrupt(r.at, "unknown system flag bits"));
        }
        let mut flags = Flags::new();
        for f in SystemFlag::ALL {
            if bits & system_bit(f) != 0 {
                flags.insert(f);
            }
        }
        for _ in 0..r.count()? {
            flags.insert_keyword(&r.string()?);
        }
        let internal_date = r.i64()?;
        let internal_zone = r.i16()?;
        let msg_modseq = r.u64()?;
        let raw = r.bytes()?;
        let analysis = Arc::new(Analysis::of(raw));
        messages.push(Message {
            uid,
            flags,
            internal_date,
            internal_zone,
            modseq: msg_modseq,
            raw: Arc::from(raw),
            analysis,
            memo: Memo::default(),
        });
    }
    let mut head = MailboxData::new(id, uid_validity);
    head.noselect = noselect;
    head.special_use = special_use;
    let mailbox = MailboxData::from_parts(head, uid_next, modseq, first_recent, messages, keywords)
        .ok_or_else(|| corrupt(at, "the mailbox's UIDs or modseqs break its invariants"))?;
    Ok((name, mailbox))
}

fn corrupt(at: usize, why: &'static str) -> SnapshotError {
    SnapshotError::Corrupt { at, why }
}

/// A cursor over the input that never reads past its end.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], SnapshotError> {
        let end = self
            .at
            .checked_add(n)
            .ok_or(SnapshotError::Truncated(self.at))?;
        let slice = self
            .bytes
            .get(self.at..end)
            .ok_or(SnapshotError::Truncated(self.at))?;
        self.at = end;
        Ok(slice)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], SnapshotError> {
        let at = self.at;
        self.take(N)?
            .try_into()
            .map_err(|_| SnapshotError::Truncated(at))
    }
    fn u8(&mut self) -> Result<u8, SnapshotError> {
        Ok(u8::from_le_bytes(self.array()?))
    }
    fn u32(&mut self) -> Result<u32, SnapshotError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn u64(&mut self) -> Result<u64, SnapshotError> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    fn i64(&mut self) -> Result<i64, SnapshotError> {
        Ok(i64::from_le_bytes(self.array()?))
    }
    fn i16(&mut self) -> Result<i16, SnapshotError> {
        Ok(i16::from_le_bytes(self.array()?))
    }
    /// A count, checked against the bytes left (every element takes at
    /// least one byte), so corrupt counts cannot make huge loops.
    fn count(&mut self) -> Result<usize, SnapshotError> {
        let at = self.at;
        let n = usize::try_from(self.u32()?).map_err(|_| SnapshotError::Truncated(at))?;
        if n > self.bytes.len().saturating_sub(self.at) {
            return Err(SnapshotError::Truncated(at));
        }
        Ok(n)
    }
    fn bytes(&mut self) -> Result<&'a [u8], SnapshotError> {
        let at = self.at;
        let n = usize::try_from(self.u32()?).map_err(|_| SnapshotError::Truncated(at))?;
        self.take(n)
    }
    fn string(&mut self) -> Result<String, SnapshotError> {
        let at = self.at;
        let b = self.bytes()?;
        String::from_utf8(b.to_vec()).map_err(|_| corrupt(at, "a string is not UTF-8"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_store;
    use proptest::prelude::*;

    /// Everything a client can observe of a store, as comparable values.
    fn observable(store: &Store) -> Vec<String> {
        let mut out = vec![format!("{:?}", store.counters())];
        for user in store.users() {
            out.push(format!("user {user} {:?}", store.password(user)));
            let Some(account) = store.account(user) else {
                continue;
            };
            out.push(format!(
                "subs {:?}",
                account.subscriptions().collect::<Vec<_>>()
            ));
            for (name, m) in account.mailboxes() {
                out.push(format!(
                    "mbox {name} {:?} {} {} {:?} {} {} {} {:?}",
                    m.id,
                    m.uid_validity,
                    m.noselect,
                    m.special_use,
                    m.uid_next(),
                    m.modseq(),
                    m.first_recent_uid(),
                    m.keywords().collect::<Vec<_>>()
                ));
                for msg in m.messages() {
                    out.push(format!(
                        "msg {} {:?} {} {} {} {:?} {:?}",
                        msg.uid,
                        msg.flags,
                        msg.internal_date,
                        msg.internal_zone,
                        msg.modseq,
                        msg.raw,
                        msg.analysis.envelope
                    ));
                }
            }
        }
        out
    }

    #[test]
    fn the_demo_store_round_trips() {
        let store = demo_store();
        let bytes = write(&store);
        let back = read(&bytes).expect("reads");
        assert_eq!(observable(&back), observable(&store));
        assert_eq!(write(&back), bytes);
    }

    #[test]
    fn changes_survive_a_round_trip() {
        let mut store = demo_store();
        let account = store.account_mut("alice").expect("alice");
        let inbox = account.mailbox_mut("INBOX").expect("inbox");
        let mut flags = Flags::new();
        flags.insert(SystemFlag::Flagged);
        flags.insert_keyword("$Work");
        inbox.set_flags(0, flags.clone());
        let removed = inbox.expunge_uids(&[2]);
        assert_eq!(removed, vec![2]);
        inbox.append(
            b"Subject: x\r\n\r\nhi".to_vec(),
            Flags::new(),
            1_700_000_000,
            60,
        );
        store.create_mailbox("bob", "Work/2026").expect("create");
        let back = read(&write(&store)).expect("reads");
        let inbox = back
            .account("alice")
            .and_then(|a| a.mailbox("INBOX"))
            .expect("inbox");
        assert_eq!(inbox.message(0).map(|m| &m.flags), Some(&flags));
        assert_eq!(inbox.index_of_uid(2), None);
        assert_eq!(inbox.messages().last().map(|m| m.internal_zone), Some(60));
        let bob = back.account("bob").expect("bob");
        assert!(bob.mailbox("Work").is_some_and(|m| m.noselect));
        assert!(back.check_login("bob", "builder"));
        assert_eq!(observable(&back), observable(&store));
    }

    #[test]
    fn bad_bytes_are_errors() {
        assert_eq!(read(b"").err(), Some(SnapshotError::NotASnapshot));
        assert_eq!(
            read(b"hello world").err(),
            Some(SnapshotError::NotASnapshot)
        );
        let mut future = MAGIC.to_vec();
        future.extend_from_slice(&9u32.to_le_bytes());
        assert_eq!(read(&future).err(), Some(SnapshotError::Version(9)));
        let good = write(&demo_store());
        // Every truncation fails cleanly.
        for cut in (0..good.len()).step_by(997) {
            assert!(read(&good[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = good.clone();
        longer.push(0);
        assert_eq!(read(&longer).err(), Some(SnapshotError::Trailing(1)));
    }

    /// A snapshot of user `u` with these mailboxes besides INBOX.
    fn snapshot_with(mailboxes: &[&str]) -> Vec<u8> {
        let mut store = Store::new();
        store.add_user("u", "p");
        for name in mailboxes {
            store.create_mailbox("u", name).expect("create");
        }
        write(&store)
    }

    /// Where `name` is in a snapshot: each mailbox record starts with its
    /// name, then its id (u64).
    fn position_of(bytes: &[u8], name: &str) -> usize {
        bytes
            .windows(name.len())
            .position(|w| w == name.as_bytes())
            .expect("name in snapshot")
    }

    /// Reading `bytes` fails as corrupt, for a reason that says `why`.
    fn assert_corrupt(bytes: &[u8], why: &str) {
        match read(bytes) {
            Err(SnapshotError::Corrupt { why: said, .. }) => assert!(said.contains(why), "{said}"),
            other => panic!("expected a corrupt snapshot ({why}), got {other:?}"),
        }
    }

    #[test]
    fn mailboxes_out_of_order_are_an_error() {
        let mut bytes = snapshot_with(&["Aaa", "Bbb"]);
        let (a, b) = (position_of(&bytes, "Aaa"), position_of(&bytes, "Bbb"));
        bytes[a..a + 3].copy_from_slice(b"Bbb");
        bytes[b..b + 3].copy_from_slice(b"Aaa");
        assert_corrupt(&bytes, "out of order");
    }

    #[test]
    fn a_repeated_mailbox_id_is_an_error() {
        let mut bytes = snapshot_with(&["Zed"]);
        let inbox = position_of(&bytes, "INBOX") + "INBOX".len();
        let zed = position_of(&bytes, "Zed") + "Zed".len();
        let id: Vec<u8> = bytes[inbox..inbox + 8].to_vec();
        bytes[zed..zed + 8].copy_from_slice(&id);
        assert_corrupt(&bytes, "id is repeated");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Random edits to a small store: write → read → write is identical.
        #[test]
        fn write_read_write_is_stable(
            ops in proptest::collection::vec((0u8..4, 0usize..8, "[a-z]{1,6}", any::<u8>()), 0..24)
        ) {
            let mut store = Store::new();
            store.add_user("u", "p");
            for (op, index, word, bits) in ops {
                match op {
                    0 => { let _ = store.create_mailbox("u", &word); }
                    1 => {
                        if let Some(m) = store.account_mut("u").and_then(|a| a.mailbox_mut("INBOX")) {
                            m.append(format!("Subject: {word}\r\n\r\n{word}").into_bytes(), Flags::new(), i64::from(bits), i16::from(bits));
                        }
                    }
                    2 => {
                        if let Some(m) = store.account_mut("u").and_then(|a| a.mailbox_mut("INBOX")) {
                            let mut f = Flags::new();
                            for s in SystemFlag::ALL { if bits & system_bit(s) != 0 { f.insert(s); } }
                            if bits & 32 != 0 { f.insert_keyword(&word); }
                            m.set_flags(index, f);
                        }
                    }
                    _ => {
                        if let Some(m) = store.account_mut("u").and_then(|a| a.mailbox_mut("INBOX")) {
                            let uid = m.message(index).map(|x| x.uid).unwrap_or(0);
                            m.expunge_uids(&[uid]);
                        }
                        if let Some(a) = store.account_mut("u") { a.subscribe(&word); }
                    }
                }
            }
            let first = write(&store);
            let back = read(&first).expect("reads its own output");
            prop_assert_eq!(observable(&back), observable(&store));
            prop_assert_eq!(write(&back), first);
        }

        /// Arbitrary bytes, and flipped bytes of a real snapshot, never panic.
        #[test]
        fn corrupt_bytes_never_panic(noise in proptest::collection::vec(any::<u8>(), 0..256), at in any::<usize>(), value in any::<u8>()) {
            let _ = read(&noise);
            let mut with_magic = MAGIC.to_vec();
            with_magic.extend_from_slice(&noise);
            let _ = read(&with_magic);
            let mut good = write(&demo_store());
            let len = good.len();
            if let Some(b) = good.get_mut(at % len) { *b = value; }
            let _ = read(&good);
        }
    }
}
