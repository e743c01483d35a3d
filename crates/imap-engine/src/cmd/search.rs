//! SEARCH and UID SEARCH (RFC 3501 §6.4.4), with ESEARCH's `RETURN (...)`
//! (RFC 4731), SEARCHRES's SAVE and `$` (RFC 5182), WITHIN's OLDER and
//! YOUNGER (RFC 5032), and CONTEXT=SEARCH's PARTIAL, UPDATE and
//! CANCELUPDATE (RFC 5267).

use imap_syntax::{Code, Data, Date, ESearchItem, Response, SearchKey, SearchReturn, Tag};
use mailstore::{MailboxData, Message, SystemFlag};

use super::Outcome;
use super::copy::uid_set;
use crate::session::{ExpungedAnswer, Session, State, lock};
use crate::view::{SelectedView, Watch};

/// Charsets SEARCH understands. Every string is compared as Unicode text,
/// so US-ASCII and UTF-8 are the same to us.
const CHARSETS: [&str; 2] = ["US-ASCII", "UTF-8"];

/// What one message offers to the search keys.
struct Candidate<'a> {
    seq: u32,
    message: &'a Message,
    recent: bool,
}

/// What every message is searched against: the view (for `*` and `$`),
/// how many messages it numbers, and the session's clock in seconds (for
/// OLDER and YOUNGER).
struct Scope<'a> {
    view: &'a SelectedView,
    exists: u32,
    now: i64,
}

/// The keys with their string arguments lower-cased once, not per message,
/// and the keys of each AND in order of [`cost`]: every key is a pure test,
/// so the order changes no answer, only how soon a message is ruled out.
fn fold(key: &SearchKey) -> SearchKey {
    use SearchKey::*;
    let low = |s: &String| s.to_lowercase();
    match key {
        And(keys) => {
            // Cheapest first, keeping the written order within a cost (a
            // pass per cost instead of a sort: one less sort instantiated
            // in the wasm module).
            let folded: Vec<SearchKey> = keys.iter().map(fold).collect();
            let mut ordered = Vec::with_capacity(folded.len());
            for level in 0..=3 {
                ordered.extend(folded.iter().filter(|k| cost(k) == level).cloned());
            }
            And(ordered)
        }
        Not(k) => Not(Box::new(fold(k))),
        Or(a, b) => Or(Box::new(fold(a)), Box::new(fold(b))),
        Bcc(s) => Bcc(low(s)),
        Body(s) => Body(low(s)),
        Cc(s) => Cc(low(s)),
        From(s) => From(low(s)),
        Header(n, s) => Header(low(n), low(s)),
        Subject(s) => Subject(low(s)),
        Text(s) => Text(low(s)),
        To(s) => To(low(s)),
        other => other.clone(),
    }
}

/// Whether a message's text (lower-cased, as the analysis keeps it) holds
/// `word`: SEARCH BODY and TEXT read every byte of every message, 113 MB for
/// the 10,000-message benchmark. `str::contains` scans sixteen bytes at a
/// time on x86_64 but one at a time in wasm, where that search took 75 ms;
/// memchr's `memmem` scans with SIMD on both (the wasm build turns on
/// `simd128`, see `.cargo/config.toml`): in wasm 32–38 ms where `contains`
/// took 98–113 ms, measured side by side (README, the 10,000-message section).
fn text_has(text: &str, word: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), word.as_bytes()).is_some()
}

/// How much of a message a key reads: 0 what the store's message list
/// holds (flags, internal date, size, UID, number), 1 the sent date, 2
/// the headers, 3 the body. A mailbox's analyses are scattered over the
/// heap, so after anything else has run they are cache misses.
fn cost(key: &SearchKey) -> u8 {
    use SearchKey::*;
    match key {
        And(keys) => keys.iter().map(cost).max().unwrap_or(0),
        Not(k) => cost(k),
        Or(a, b) => cost(a).max(cost(b)),
        SentBefore(_) | SentOn(_) | SentSince(_) => 1,
        Bcc(_) | Cc(_) | From(_) | Header(..) | Subject(_) | To(_) => 2,
        Body(_) | Text(_) => 3,
        _ => 0,
    }
}

/// Does any header named `name` contain `needle`? The store keeps header
/// names and decoded values lower-cased.
fn header_has(m: &Message, name: &str, needle: &str) -> bool {
    m.analysis
        .headers
        .iter()
        .any(|(n, v)| n == name && v.contains(needle))
}

/// Does any address field named `name` (from, to, cc, bcc) contain
/// `needle`? Each is compared in the form Dovecot compares with: the
/// addresses parsed and written back, `"Name" <local@domain>`, decoded
/// and lower-cased (see [`mailstore::analysis::address_search_text`]).
fn address_has(m: &Message, name: &str, needle: &str) -> bool {
    m.analysis
        .addresses
        .iter()
        .any(|(n, v)| n == name && v.contains(needle))
}

/// Whether any key asks whether a message is recent (RECENT, NEW, OLD).
fn reads_recent(key: &SearchKey) -> bool {
    use SearchKey::*;
    match key {
        And(keys) => keys.iter().any(reads_recent),
        Not(k) => reads_recent(k),
        Or(a, b) => reads_recent(a) || reads_recent(b),
        New | Old | Recent => true,
        _ => false,
    }
}

/// The local calendar day of a time with its zone, as days since the epoch.
fn day(unix: i64, zone: i16) -> i64 {
    (unix + i64::from(zone) * 60).div_euclid(86_400)
}

fn matches(key: &SearchKey, c: &Candidate<'_>, scope: &Scope<'_>) -> bool {
    use SearchKey::*;
    let (view, exists) = (scope.view, scope.exists);
    let m = c.message;
    let flags = &m.flags;
    let internal = || day(m.internal_date, m.internal_zone);
    // Only keys on the sent date read the analysis for it: most searches
    // need nothing from there, and each message's is a cache miss.
    let sent = || m.analysis.sent_date.map(|(t, z)| day(t, z));
    let on = |d: &Date| d.days_since_epoch();
    match key {
        And(keys) => keys.iter().all(|k| matches(k, c, scope)),
        SequenceSet(set) | Uid(set) if set.is_saved() => view.is_saved(m.uid),
        SequenceSet(set) => set.contains(c.seq, exists),
        All => true,
        Answered => flags.has(SystemFlag::Answered),
        Bcc(s) => address_has(m, "bcc", s),
        Before(d) => internal() < on(d),
        Body(s) => text_has(&m.analysis.body_text, s),
        Cc(s) => address_has(m, "cc", s),
        Deleted => flags.has(SystemFlag::Deleted),
        Draft => flags.has(SystemFlag::Draft),
        Flagged => flags.has(SystemFlag::Flagged),
        From(s) => address_has(m, "from", s),
        Header(name, s) => header_has(m, name, s),
        Keyword(k) => flags.has_keyword(k.as_str()),
        Larger(n) => m.size() > *n,
        New => c.recent && !flags.has(SystemFlag::Seen),
        Not(k) => !matches(k, c, scope),
        Old => !c.recent,
        On(d) => internal() == on(d),
        Or(a, b) => matches(a, c, scope) || matches(b, c, scope),
        // Whole seconds, both ends included, as Dovecot.
        Older(n) => m.internal_date <= scope.now - i64::from(*n),
        Younger(n) => m.internal_date >= scope.now - i64::from(*n),
        Recent => c.recent,
        Seen => flags.has(SystemFlag::Seen),
        SentBefore(d) => sent().is_some_and(|s| s < on(d)),
        SentOn(d) => sent().is_some_and(|s| s == on(d)),
        SentSince(d) => sent().is_some_and(|s| s >= on(d)),
        Since(d) => internal() >= on(d),
        Smaller(n) => m.size() < *n,
        Subject(s) => header_has(m, "subject", s),
        // The whole message, as Dovecot: every header (the message's, each
        // MIME part's, each attached message's) and the text of every part.
        Text(s) => text_has(&m.analysis.header_text, s) || text_has(&m.analysis.body_text, s),
        To(s) => address_has(m, "to", s),
        Uid(set) => set.contains(m.uid, view.uids.last().copied().unwrap_or(0)),
        Unanswered => !flags.has(SystemFlag::Answered),
        Undeleted => !flags.has(SystemFlag::Deleted),
        Undraft => !flags.has(SystemFlag::Draft),
        Unflagged => !flags.has(SystemFlag::Flagged),
        Unkeyword(k) => !flags.has_keyword(k.as_str()),
        Unseen => !flags.has(SystemFlag::Seen),
        // The entry (one flag's modseq) is not kept apart: the message's
        // modseq stands for all its flags, as RFC 7162 §3.1.5 allows.
        ModSeq { modseq, .. } => m.modseq >= *modseq,
    }
}

/// `SEARCH [RETURN (options)] [CHARSET c] keys` and `UID SEARCH ...`.
/// With SAVE, a SEARCH answered NO empties `$` (RFC 5182 §2.1); one
/// whose keys do not parse never gets here and leaves it, as Dovecot.
pub(crate) fn search(
    session: &mut Session,
    tag: &Tag,
    returns: Option<&[SearchReturn]>,
    charset: Option<&str>,
    criteria: &SearchKey,
    uid: bool,
) -> Outcome {
    let save = returns.is_some_and(|r| r.contains(&SearchReturn::Save));
    let with_modseq = super::condstore::uses_modseq(criteria);
    if with_modseq {
        super::condstore::turn_on(session);
    }
    let found = find(session, charset, criteria, with_modseq);
    let State::Selected { view, .. } = &mut session.state else {
        return found
            .err()
            .unwrap_or_else(|| Outcome::bad("No mailbox selected"));
    };
    let (hits, highest) = match found {
        Ok(found) => found,
        Err(outcome) => {
            if save {
                view.saved.clear();
            }
            return outcome;
        }
    };
    let Some(returns) = returns else {
        let numbers: Vec<u32> = hits
            .iter()
            .map(|&(seq, u)| if uid { u } else { seq })
            .collect();
        // With MODSEQ among the keys, a non-empty answer ends in the
        // highest modseq of what it found (RFC 7162 §3.1.5).
        if with_modseq && !numbers.is_empty() {
            session.data(Data::SearchModSeq {
                numbers,
                modseq: highest,
            });
        } else {
            session.data(Data::Search(numbers));
        }
        return Outcome::ok("Search completed");
    };
    if save {
        view.saved = saved_uids(returns, &hits);
    }
    // UPDATE: from now on the sync tells how the result changes (RFC 5267
    // §4.3). A second UPDATE under the same tag replaces the first.
    if returns.contains(&SearchReturn::Update) {
        view.watches.retain(|w| w.tag != tag.as_str());
        view.watches.push(Watch {
            tag: tag.as_str().to_string(),
            uid,
            key: fold(criteria),
            hits: hits.iter().map(|&(_, u)| u).collect(),
        });
    }
    // RETURN () is ALL; SAVE alone asks for no ESEARCH line at all.
    let all = [SearchReturn::All];
    let wanted = if returns.is_empty() {
        &all[..]
    } else {
        returns
    };
    if wanted.iter().any(|r| *r != SearchReturn::Save) {
        let tag = Some(tag.as_str().to_string());
        let mut items = esearch_items(wanted, &hits, uid);
        // With a MODSEQ key, the highest modseq of what matched (RFC 7162
        // §3.1.5); nothing, when nothing matched.
        if with_modseq && !hits.is_empty() {
            items.push(ESearchItem::ModSeq(highest));
        }
        session.data(Data::ESearch { tag, uid, items });
    }
    Outcome::ok("Search completed")
}

/// What SAVE keeps: the minimum and/or maximum when MIN and MAX are the
/// only other options, else every match (RFC 5182), as UIDs.
fn saved_uids(returns: &[SearchReturn], hits: &[(u32, u32)]) -> Vec<u32> {
    use SearchReturn::*;
    let others: Vec<SearchReturn> = returns.iter().copied().filter(|r| *r != Save).collect();
    if others.is_empty() || others.iter().any(|r| matches!(r, All | Count)) {
        return hits.iter().map(|&(_, u)| u).collect();
    }
    let mut kept = Vec::new();
    if let (true, Some(&(_, u))) = (others.contains(&Min), hits.first()) {
        kept.push(u);
    }
    if let (true, Some(&(_, u))) = (others.contains(&Max), hits.last())
        && kept.last() != Some(&u)
    {
        kept.push(u);
    }
    kept
}

/// The ESEARCH results asked for, in Dovecot's order (MIN, MAX, ALL or
/// PARTIAL, COUNT) whatever the client's; with no match only COUNT (0)
/// and PARTIAL (NIL) are told. UPDATE and CONTEXT add no result.
pub(crate) fn esearch_items(
    wanted: &[SearchReturn],
    hits: &[(u32, u32)],
    uid: bool,
) -> Vec<ESearchItem> {
    let number = |&(seq, u): &(u32, u32)| if uid { u } else { seq };
    let asks = |r: SearchReturn| wanted.contains(&r);
    let mut items = Vec::new();
    if let (true, Some(first)) = (asks(SearchReturn::Min), hits.first()) {
        items.push(ESearchItem::Min(number(first)));
    }
    if let (true, Some(last)) = (asks(SearchReturn::Max), hits.last()) {
        items.push(ESearchItem::Max(number(last)));
    }
    if asks(SearchReturn::All) {
        let numbers: Vec<u32> = hits.iter().map(number).collect();
        if let Some(set) = uid_set(&numbers) {
            items.push(ESearchItem::All(set));
        }
    }
    for option in wanted {
        if let SearchReturn::Partial(first, last) = *option {
            // Positions count from 1 in the ascending result.
            let from = usize::try_from(first - 1).unwrap_or(usize::MAX);
            let to = usize::try_from(last).unwrap_or(usize::MAX).min(hits.len());
            let numbers: Vec<u32> = hits
                .get(from..to)
                .unwrap_or_default()
                .iter()
                .map(number)
                .collect();
            items.push(ESearchItem::Partial {
                first,
                last,
                set: uid_set(&numbers),
            });
            break;
        }
    }
    if asks(SearchReturn::Count) {
        items.push(ESearchItem::Count(
            u32::try_from(hits.len()).unwrap_or(u32::MAX),
        ));
    }
    items
}

/// What the searches kept with UPDATE have to tell after a change, as
/// Dovecot tells it: one `* ESEARCH (TAG t) [UID] REMOVEFROM (0 set)
/// ADDTO (0 set)` per search whose result changed, position 0 (a SEARCH
/// result has no order to place them in). Only messages that changed are
/// looked at again: `changed` (flags changed, or new) and `expunged` (the
/// UIDs leaving the view now). With `removes_only` (just before the
/// EXPUNGEs, numbered as the client still knows them) messages that stop
/// matching are told; otherwise both ways.
pub(crate) fn watch_changes(
    view: &mut SelectedView,
    mailbox: &MailboxData,
    (changed, expunged): (&[u32], &[u32]),
    now: i64,
    removes_only: bool,
    out: &mut Vec<Response>,
) {
    let mut watches = std::mem::take(&mut view.watches);
    let scope = Scope {
        view,
        exists: view.exists(),
        now,
    };
    let candidate = |uid: u32| {
        Some(Candidate {
            seq: view.seq_of(uid)?,
            message: mailbox
                .index_of_uid(uid)
                .and_then(|i| mailbox.messages().get(i))?,
            recent: view.is_recent(uid),
        })
    };
    for w in &mut watches {
        // Both lists ascend, and so do `changed` and `expunged`: no sort.
        let mut removed = Vec::new();
        w.hits.retain(|&uid| {
            let leaves = expunged.binary_search(&uid).is_ok()
                || (changed.binary_search(&uid).is_ok()
                    && candidate(uid).is_some_and(|c| !matches(&w.key, &c, &scope)));
            if leaves {
                removed.push(uid);
            }
            !leaves
        });
        let mut added = Vec::new();
        if !removes_only {
            for &uid in changed {
                if let Err(at) = w.hits.binary_search(&uid)
                    && candidate(uid).is_some_and(|c| matches(&w.key, &c, &scope))
                {
                    w.hits.insert(at, uid);
                    added.push(uid);
                }
            }
        }
        if removed.is_empty() && added.is_empty() {
            continue;
        }
        let numbers = |uids: &[u32]| -> Vec<u32> {
            if w.uid {
                uids.to_vec()
            } else {
                uids.iter().filter_map(|u| view.seq_of(*u)).collect()
            }
        };
        let mut items = Vec::new();
        if let Some(set) = uid_set(&numbers(&removed)) {
            items.push(ESearchItem::RemoveFrom(vec![(0, set)]));
        }
        if let Some(set) = uid_set(&numbers(&added)) {
            items.push(ESearchItem::AddTo(vec![(0, set)]));
        }
        out.push(Response::Data(Data::ESearch {
            tag: Some(w.tag.clone()),
            uid: w.uid,
            items,
        }));
    }
    view.watches = watches;
}

/// `CANCELUPDATE "tag" ...` (RFC 5267 §4.3): forgets the searches kept
/// under these tags, in order; NO at the first tag that has none (as
/// Dovecot, which has cancelled the ones before it by then).
pub(crate) fn cancel_update(session: &mut Session, tags: &[String]) -> Outcome {
    for tag in tags {
        let State::Selected { view, .. } = &mut session.state else {
            return Outcome::no("Unknown tag: no mailbox is selected, so no search is kept");
        };
        let before = view.watches.len();
        view.watches.retain(|w| w.tag != *tag);
        if view.watches.len() == before {
            return Outcome::no(format!(
                "Unknown tag: no SEARCH RETURN (UPDATE) runs under \"{tag}\""
            ));
        }
    }
    Outcome::ok("Updates cancelled")
}

/// The messages that match, as (sequence number, UID), ascending, and
/// (with `modseqs`) the highest modseq among them; or the answer that
/// refuses the search.
pub(crate) fn find(
    session: &Session,
    charset: Option<&str>,
    criteria: &SearchKey,
    modseqs: bool,
) -> Result<(Vec<(u32, u32)>, u64), Outcome> {
    if let Some(cs) = charset
        && !CHARSETS.iter().any(|c| c.eq_ignore_ascii_case(cs))
    {
        return Err(Outcome::no_code(
            Code::BadCharset(CHARSETS.iter().map(|c| c.to_string()).collect()),
            format!("Charset {cs} is not supported: use UTF-8 or US-ASCII"),
        ));
    }
    let State::Selected { user, view } = &session.state else {
        return Err(Outcome::bad("No mailbox selected"));
    };
    let key = fold(criteria);
    let store = lock(&session.store);
    let Some((_, mailbox)) = store.account(user).and_then(|a| a.mailbox_by_id(view.id)) else {
        return Err(Outcome::no("The selected mailbox no longer exists"));
    };
    let scope = Scope {
        view,
        exists: view.exists(),
        now: session.now_ms.div_euclid(1000),
    };
    // A message another session expunged is still numbered here, and FETCH
    // still answers for it from what the store kept: SEARCH sees the same
    // (as Dovecot, whose view still holds it).
    let serve = session.options.expunged == ExpungedAnswer::Serve;
    let mut hits = Vec::with_capacity(view.uids.len());
    // The highest modseq among the messages found.
    let mut highest = 0;
    // \Recent is looked up only when a key asks, in one walk of the set:
    // a lookup per message was a third of `UID SEARCH ALL`.
    let recent = if reads_recent(&key) {
        let all: Vec<usize> = (0..view.uids.len()).collect();
        view.recent_at(&all)
    } else {
        Vec::new()
    };
    // Where the next UID's message usually is (both lists ascend).
    let mut next = 0;
    for (pos, msg_uid) in view.uids.iter().enumerate() {
        let Some(message) = mailbox
            .index_of_uid_near(*msg_uid, next)
            .inspect(|i| next = i + 1)
            .and_then(|i| mailbox.messages().get(i))
            .or_else(|| serve.then(|| mailbox.expunged_message(*msg_uid)).flatten())
        else {
            continue;
        };
        let seq = u32::try_from(pos + 1).unwrap_or(u32::MAX);
        let c = Candidate {
            seq,
            message,
            recent: recent.get(pos).copied().unwrap_or(false),
        };
        if matches(&key, &c, &scope) {
            hits.push((seq, *msg_uid));
            // Read only when asked: it is a cache miss per message.
            if modseqs {
                highest = highest.max(message.modseq);
            }
        }
    }
    Ok((hits, highest))
}
