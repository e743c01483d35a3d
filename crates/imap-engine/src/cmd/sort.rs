//! SORT and UID SORT (RFC 5256), with SORT=DISPLAY's DISPLAYFROM and
//! DISPLAYTO (RFC 5957) and ESORT's `RETURN (...)` (RFC 5267).
//!
//! The messages are found as SEARCH finds them; each is then given one
//! value per criterion and the list is sorted by those, ties kept in
//! message-number order (RFC 5256 §3). Text is compared as Dovecot
//! compares it, by i;unicode-casemap: titlecased, with accented Latin
//! letters taken apart into letter and accent ([`casemap`]).

use std::cmp::Ordering;

use imap_syntax::{Data, ESearchItem, SearchKey, SearchReturn, SortCriterion, SortKey, Tag};
use mailstore::analysis::decode_header_value;
use mailstore::{Addr, Message};

use super::Outcome;
use super::search::{esearch_items, find};
use crate::session::{ExpungedAnswer, Session, State, lock};

/// One message's value for one criterion.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Value {
    Number(i64),
    Text(String),
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
    let mut keyed: Vec<(Vec<Value>, (u32, u32))> = hits
        .iter()
        .filter_map(|&(seq, uid)| {
            let m = mailbox
                .index_of_uid(uid)
                .and_then(|i| mailbox.messages().get(i))
                .or_else(|| serve.then(|| mailbox.expunged_message(uid)).flatten())?;
            let values = criteria.iter().map(|c| value(m, c.key)).collect();
            Some((values, (seq, uid)))
        })
        .collect();
    keyed.sort_by(|(a, x), (b, y)| {
        for ((c, va), vb) in criteria.iter().zip(a).zip(b) {
            let o = va.cmp(vb);
            let o = if c.reverse { o.reverse() } else { o };
            if o != Ordering::Equal {
                return o;
            }
        }
        x.0.cmp(&y.0)
    });
    Some(keyed.into_iter().map(|(_, hit)| hit).collect())
}

/// A message's value for one key (RFC 5256 §3, RFC 5957 §3).
fn value(m: &Message, key: SortKey) -> Value {
    let env = &m.analysis.envelope;
    match key {
        SortKey::Arrival => Value::Number(m.internal_date),
        // The Date header in UTC; the internal date when it is missing or
        // cannot be read.
        SortKey::Date => Value::Number(m.analysis.sent_date.map_or(m.internal_date, |(t, _)| t)),
        SortKey::Size => Value::Number(i64::from(m.size())),
        SortKey::From => Value::Text(local_part(&env.from)),
        SortKey::To => Value::Text(local_part(&env.to)),
        SortKey::Cc => Value::Text(local_part(&env.cc)),
        SortKey::DisplayFrom => Value::Text(display(&env.from)),
        SortKey::DisplayTo => Value::Text(display(&env.to)),
        SortKey::Subject => {
            let subject = env
                .subject
                .as_deref()
                .map(decode_header_value)
                .unwrap_or_default();
            Value::Text(casemap(&base_subject(&subject)))
        }
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

/// The subject without what replies and forwards add (RFC 5256 §2.1):
/// `Re:`, `Fw:`, `Fwd:` (with any `[blob]` before the colon or the word),
/// a leading `[list]` tag, a trailing `(fwd)`, and `[fwd: …]` around the
/// whole, repeated until none is left; runs of white space become one
/// space.
pub(crate) fn base_subject(subject: &str) -> String {
    let mut s = String::with_capacity(subject.len());
    for word in subject
        .split([' ', '\t', '\r', '\n'])
        .filter(|w| !w.is_empty())
    {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(word);
    }
    loop {
        // (2) the trailer: "(fwd)" or white space at the end.
        loop {
            let t = s.trim_end();
            let t = match t.len().checked_sub(5).and_then(|i| t.get(i..)) {
                Some(end) if end.eq_ignore_ascii_case("(fwd)") => &t[..t.len() - 5],
                _ => t,
            };
            if t.len() == s.len() {
                break;
            }
            s.truncate(t.len());
        }
        // (3)-(5) the leaders, and a leading [blob] when something is left.
        loop {
            let before = s.len();
            let rest = strip_leader(&s);
            let rest = match strip_blob(rest) {
                Some(after) if !after.is_empty() => after,
                _ => rest,
            };
            s = rest.to_owned();
            if s.len() == before {
                break;
            }
        }
        // (6) "[fwd: ...]" around the whole: take it off and start again.
        let wrapped = s.len() >= 6
            && s.get(..5).is_some_and(|h| h.eq_ignore_ascii_case("[fwd:"))
            && s.ends_with(']');
        if !wrapped {
            return s;
        }
        s = s[5..s.len() - 1].to_owned();
    }
}

/// `subj-blob`: `[` anything but brackets `]`, then white space.
fn strip_blob(s: &str) -> Option<&str> {
    let inner = s.strip_prefix('[')?;
    let end = inner.find(['[', ']'])?;
    let after = inner[end..].strip_prefix(']')?;
    Some(after.trim_start_matches([' ', '\t']))
}

/// `subj-leader`: leading white space, or `*subj-blob` then `re`, `fw` or
/// `fwd`, white space, an optional blob and a colon. `s` is returned as it
/// is when it does not start with one.
fn strip_leader(s: &str) -> &str {
    let trimmed = s.trim_start_matches([' ', '\t']);
    if trimmed.len() != s.len() {
        return trimmed;
    }
    let mut rest = s;
    while let Some(after) = strip_blob(rest) {
        rest = after;
    }
    let lower = rest.get(..3).unwrap_or(rest).to_ascii_lowercase();
    let word = if lower.starts_with("fwd") {
        3
    } else if lower.starts_with("re") || lower.starts_with("fw") {
        2
    } else {
        return s;
    };
    let mut after = rest[word..].trim_start_matches([' ', '\t']);
    if let Some(a) = strip_blob(after) {
        after = a;
    }
    after.strip_prefix(':').unwrap_or(s)
}

/// A text as i;unicode-casemap compares it (RFC 5051, as Dovecot does):
/// each character titlecased, and the accented letters of Latin-1 taken
/// apart into the letter and its combining accent, so `Émile` sorts with
/// the E's, after `Emma`. Letters of other scripts are folded to lower
/// case (see below).
pub(crate) fn casemap(text: &str) -> String {
    const GRAVE: char = '\u{300}';
    const ACUTE: char = '\u{301}';
    const CIRC: char = '\u{302}';
    const TILDE: char = '\u{303}';
    const DIAER: char = '\u{308}';
    const RING: char = '\u{30a}';
    const CEDIL: char = '\u{327}';
    // U+00C0..=U+00DE: the letter and its accent ('\0': none).
    const LATIN1: [(char, char); 31] = [
        ('A', GRAVE),
        ('A', ACUTE),
        ('A', CIRC),
        ('A', TILDE),
        ('A', DIAER),
        ('A', RING),
        ('Æ', '\0'),
        ('C', CEDIL),
        ('E', GRAVE),
        ('E', ACUTE),
        ('E', CIRC),
        ('E', DIAER),
        ('I', GRAVE),
        ('I', ACUTE),
        ('I', CIRC),
        ('I', DIAER),
        ('Ð', '\0'),
        ('N', TILDE),
        ('O', GRAVE),
        ('O', ACUTE),
        ('O', CIRC),
        ('O', TILDE),
        ('O', DIAER),
        ('×', '\0'),
        ('Ø', '\0'),
        ('U', GRAVE),
        ('U', ACUTE),
        ('U', CIRC),
        ('U', DIAER),
        ('Y', ACUTE),
        ('Þ', '\0'),
    ];
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let code = u32::from(c);
        // Lower-case letters of Latin-1 sit 0x20 above their capitals.
        let upper = match code {
            0xE0..=0xFE if code != 0xF7 => code - 0x20,
            _ => code,
        };
        match (
            upper,
            usize::try_from(upper.wrapping_sub(0xC0))
                .ok()
                .and_then(|i| LATIN1.get(i)),
        ) {
            (0xC0..=0xDE, Some(&(letter, accent))) => {
                out.push(letter);
                if accent != '\0' {
                    out.push(accent);
                }
            }
            (0xFF, _) => out.extend(['Y', DIAER]),
            // ß has no single-letter capital: its simple titlecase is itself.
            (0xDF, _) => out.push(c),
            _ if c.is_ascii() => out.push(c.to_ascii_uppercase()),
            // Other scripts: folded to lower case, whose tables the module
            // has already (SEARCH uses them); upper case would add 15 KB
            // of tables to what the page downloads. Either folds case;
            // only the order against punctuation can differ from Dovecot.
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_subjects_lose_what_replies_and_forwards_add() {
        for (subject, base) in [
            ("Re: [list] Hello world (fwd)", "Hello world"),
            ("hello   WORLD", "hello WORLD"),
            ("[fwd: Re: Fwd: [list] hello world]", "hello world"),
            ("Fw: _misc", "_misc"),
            ("RE:re: Fwd[x]: zebra", "zebra"),
            ("[list] [other] Re: Re[2]: x (fwd) (FWD)", "x"),
            ("[only a blob]", "[only a blob]"),
            ("Re:", ""),
            ("  \t re : spaced", "spaced"),
            ("Reply needed", "Reply needed"),
            ("Fwdx: not a leader", "Fwdx: not a leader"),
            ("[fwd: [fwd: nested]]", "nested"),
        ] {
            assert_eq!(base_subject(subject), base, "{subject:?}");
        }
    }

    #[test]
    fn casemap_titlecases_and_takes_accents_apart() {
        assert_eq!(casemap("émile"), "E\u{301}MILE");
        assert!(casemap("Émile") > casemap("Emma"));
        assert!(casemap("Émile") < casemap("Zed"));
        assert!(casemap("_under") > casemap("zebra"));
        assert_eq!(casemap("ÿ÷ß"), "Y\u{308}÷ß");
    }
}
