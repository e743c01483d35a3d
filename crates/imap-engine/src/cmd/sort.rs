//! SORT and UID SORT (RFC 5256), with SORT=DISPLAY's DISPLAYFROM and
//! DISPLAYTO (RFC 5957) and ESORT's `RETURN (...)` (RFC 5267).
//!
//! The messages are found as SEARCH finds them; each is then given one
//! value per criterion and the list is sorted by those, ties kept in
//! message-number order (RFC 5256 §3). Text is compared as Dovecot
//! compares it, by i;unicode-casemap (`mailstore::analysis::casemap`); the
//! base subject is worked out when a message is stored
//! (`Analysis::sort_subject`).

use std::cmp::Ordering;

use imap_syntax::{Data, ESearchItem, SearchKey, SearchReturn, SortCriterion, SortKey, Tag};
use std::borrow::Cow;

use mailstore::analysis::{casemap, decode_header_value};
use mailstore::{Addr, Message};

use super::Outcome;
use super::search::{esearch_items, find};
use crate::session::{ExpungedAnswer, Session, State, lock};

/// One message's value for one criterion.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Value<'m> {
    Number(i64),
    Text(Cow<'m, str>),
}

/// `[UID] SORT [RETURN (options)] (criteria) charset keys`.
pub(crate) fn sort(
    session: &mut Session,
    tag: &Tag,
    returns: Option<&[SearchReturn]>,
    criteria: &[SortCriterion],
    charset: &str,
    keys: &SearchKey,
    uid: bool,
) -> Outcome {
    let with_modseq = super::condstore::uses_modseq(keys);
    if with_modseq {
        super::condstore::turn_on(session);
    }
    let (hits, highest) = match find(session, Some(charset), keys, with_modseq) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let sorted = match order(session, &hits, criteria) {
        Some(sorted) => sorted,
        None => return Outcome::no("The selected mailbox no longer exists"),
    };
    let number = |&(seq, u): &(u32, u32)| if uid { u } else { seq };
    let modseq = (with_modseq && !sorted.is_empty()).then_some(highest);
    match returns {
        None => session.data(Data::Sort {
            numbers: sorted.iter().map(number).collect(),
            modseq,
        }),
        // ESORT: the ESEARCH results in sort order (MIN and MAX are the
        // first and the last of it, as Dovecot gives them); RETURN () is ALL.
        Some(returns) => {
            let all = [SearchReturn::All];
            let wanted = if returns.is_empty() {
                &all[..]
            } else {
                returns
            };
            let mut items = esearch_items(wanted, &sorted, uid);
            if let Some(m) = modseq {
                items.push(ESearchItem::ModSeq(m));
            }
            session.data(Data::ESearch {
                tag: Some(tag.as_str().to_string()),
                uid,
                items,
            });
        }
    }
    Outcome::ok("Sort completed")
}

/// `hits` (sequence number, UID) in the order of `criteria`; `None` when
/// the mailbox is gone.
fn order(
    session: &Session,
    hits: &[(u32, u32)],
    criteria: &[SortCriterion],
) -> Option<Vec<(u32, u32)>> {
    let State::Selected { user, view } = &session.state else {
        return None;
    };
    let store = lock(&session.store);
    let (_, mailbox) = store.account(user)?.mailbox_by_id(view.id)?;
    let serve = session.options.expunged == ExpungedAnswer::Serve;
    // One flat table of values, `criteria.len()` per message, and the
    // messages sorted as indices into it: no allocation per message.
    let width = criteria.len();
    let mut values = Vec::with_capacity(hits.len() * width);
    let mut kept = Vec::with_capacity(hits.len());
    // Both lists ascend: each lookup starts where the last one ended.
    let mut next = 0;
    for &(seq, uid) in hits {
        let found = mailbox
            .index_of_uid_near(uid, next)
            .inspect(|i| next = i + 1)
            .and_then(|i| mailbox.messages().get(i))
            .or_else(|| serve.then(|| mailbox.expunged_message(uid)).flatten());
        if let Some(m) = found {
            values.extend(criteria.iter().map(|c| value(m, c.key)));
            kept.push((seq, uid));
        }
    }
    let mut order: Vec<usize> = (0..kept.len()).collect();
    // Ties end in message-number order, so the order is total and an
    // unstable sort gives the one answer.
    order.sort_unstable_by(|&x, &y| {
        let (a, b) = (values.get(x * width..), values.get(y * width..));
        for (c, (va, vb)) in criteria
            .iter()
            .zip(a.unwrap_or_default().iter().zip(b.unwrap_or_default()))
        {
            let o = va.cmp(vb);
            let o = if c.reverse { o.reverse() } else { o };
            if o != Ordering::Equal {
                return o;
            }
        }
        x.cmp(&y)
    });
    Some(
        order
            .into_iter()
            .filter_map(|i| kept.get(i).copied())
            .collect(),
    )
}

/// A message's value for one key (RFC 5256 §3, RFC 5957 §3).
fn value(m: &Message, key: SortKey) -> Value<'_> {
    let env = &m.analysis.envelope;
    match key {
        SortKey::Arrival => Value::Number(m.internal_date),
        // The Date header in UTC; the internal date when it is missing or
        // cannot be read.
        SortKey::Date => Value::Number(m.analysis.sent_date.map_or(m.internal_date, |(t, _)| t)),
        SortKey::Size => Value::Number(i64::from(m.size())),
        SortKey::From => Value::Text(Cow::Owned(local_part(&env.from))),
        SortKey::To => Value::Text(Cow::Owned(local_part(&env.to))),
        SortKey::Cc => Value::Text(Cow::Owned(local_part(&env.cc))),
        SortKey::DisplayFrom => Value::Text(Cow::Owned(display(&env.from))),
        SortKey::DisplayTo => Value::Text(Cow::Owned(display(&env.to))),
        // Worked out once, when the message was stored (as Dovecot keeps
        // it in its cache): THREAD needs it too.
        SortKey::Subject => Value::Text(Cow::Borrowed(&m.analysis.sort_subject)),
    }
}

/// The first address of a list; for a group, its start, whose mailbox is
/// the group's name (Dovecot sorts `undisclosed-recipients:;` by that).
fn first(list: &[Addr]) -> Option<&Addr> {
    list.first()
}

/// The mailbox (local part) of the first address, casemapped; empty when
/// there is none, which sorts first.
fn local_part(list: &[Addr]) -> String {
    first(list)
        .and_then(|a| a.mailbox.as_deref())
        .map(|b| casemap(&String::from_utf8_lossy(b)))
        .unwrap_or_default()
}

/// The first address as a client shows it (RFC 5957): its display name,
/// decoded, when it has one, else `mailbox@host`.
fn display(list: &[Addr]) -> String {
    let Some(a) = first(list) else {
        return String::new();
    };
    let name = a
        .name
        .as_deref()
        .map(decode_header_value)
        .filter(|n| !n.trim().is_empty());
    let shown = name.unwrap_or_else(|| {
        let part = |b: &Option<Vec<u8>>| {
            String::from_utf8_lossy(b.as_deref().unwrap_or_default()).into_owned()
        };
        match &a.host {
            Some(_) => format!("{}@{}", part(&a.mailbox), part(&a.host)),
            // A group: its name.
            None => part(&a.mailbox),
        }
    });
    casemap(shown.trim())
}
