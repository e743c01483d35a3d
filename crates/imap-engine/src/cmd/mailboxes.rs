//! Commands about mailboxes as a whole: CREATE, DELETE, RENAME, SUBSCRIBE,
//! UNSUBSCRIBE, LIST, LSUB, STATUS, NAMESPACE.

use imap_syntax::{Code, CommandBody, Data, ListEntry, Mailbox, NamespaceEntry, StatusItem};
use mailstore::{SpecialUse, StoreError, SystemFlag};

use super::Outcome;
use crate::session::{Session, State, lock};

/// The hierarchy delimiter of every account.
pub(crate) const DELIMITER: char = '/';

/// A store refusal as a tagged NO with the RFC 5530 code that fits.
pub(crate) fn refused(error: &StoreError) -> Outcome {
    let code = match error {
        StoreError::NoSuchMailbox(_) => Code::NonExistent,
        StoreError::AlreadyExists(_) => Code::AlreadyExists,
        StoreError::Limit(_) => Code::Limit,
        _ => Code::Cannot,
    };
    // The store's messages start in lower case and in ASCII.
    let mut text = error.to_string();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    Outcome::no_code(code, text)
}

pub(crate) fn user(session: &Session) -> String {
    session.user().unwrap_or_default().to_string()
}

/// `CREATE mailbox`
/// `CREATE mailbox [(USE (attr))]`. A mailbox has at most one special use
/// here, one of the five the store knows; anything else is `NO [USEATTR]`
/// before anything is created (RFC 6154 §3).
pub(crate) fn create(session: &mut Session, name: &Mailbox, uses: Option<&[String]>) -> Outcome {
    let user = user(session);
    let special_use = match uses.unwrap_or_default() {
        [] => None,
        [one] => match special_use_named(one) {
            Some(s) => Some(s),
            None => {
                return Outcome::no_code(
                    Code::UseAttr,
                    format!(
                        "{one} is not a special use this server gives: use \\Archive, \\Drafts, \\Junk, \\Sent or \\Trash"
                    ),
                );
            }
        },
        _ => {
            return Outcome::no_code(Code::UseAttr, "A mailbox here has at most one special use");
        }
    };
    // A trailing delimiter declares the intent to create children (RFC 3501 §6.3.3).
    let wanted = name
        .as_str()
        .strip_suffix(DELIMITER)
        .unwrap_or(name.as_str());
    if matches!(name, Mailbox::Inbox) || wanted.eq_ignore_ascii_case("INBOX") {
        return Outcome::no_code(Code::AlreadyExists, "INBOX always exists");
    }
    let mut store = lock(&session.store);
    match store.create_mailbox(&user, wanted) {
        Ok(_) => {
            if special_use.is_some()
                && let Some(account) = store.account_mut(&user)
            {
                account.set_special_use(wanted, special_use);
            }
            Outcome::ok("Create completed")
        }
        Err(e) => refused(&e),
    }
}

/// The special use a USE attribute names, such as `\Archive` (any case).
fn special_use_named(attr: &str) -> Option<SpecialUse> {
    [
        SpecialUse::Sent,
        SpecialUse::Drafts,
        SpecialUse::Trash,
        SpecialUse::Junk,
        SpecialUse::Archive,
    ]
    .into_iter()
    .find(|s| special_use_attr(*s).eq_ignore_ascii_case(attr))
}

/// `DELETE mailbox`
pub(crate) fn delete(session: &mut Session, name: &Mailbox) -> Outcome {
    let user = user(session);
    if matches!(name, Mailbox::Inbox) {
        return Outcome::no_code(Code::Cannot, "INBOX cannot be deleted");
    }
    let result = lock(&session.store).delete_mailbox(&user, name.as_str());
    match result {
        Ok(()) => {
            // Deleting one's own selected mailbox leaves it.
            if let State::Selected { view, .. } = &session.state {
                let still_there = lock(&session.store)
                    .account(&user)
                    .and_then(|a| a.mailbox_by_id(view.id))
                    .is_some_and(|(_, m)| !m.noselect);
                if !still_there {
                    session.state = State::Authenticated { user };
                }
            }
            Outcome::ok("Delete completed")
        }
        Err(e) => refused(&e),
    }
}

/// `RENAME from to`
pub(crate) fn rename(session: &mut Session, from: &Mailbox, to: &Mailbox) -> Outcome {
    let user = user(session);
    if matches!(to, Mailbox::Inbox) {
        return Outcome::no_code(
            Code::AlreadyExists,
            "INBOX always exists: choose another name",
        );
    }
    let result = lock(&session.store).rename_mailbox(&user, from.as_str(), to.as_str());
    match result {
        Ok(()) => {
            if let State::Selected { view, .. } = &mut session.state
                && let Some((name, _)) = lock(&session.store)
                    .account(&user)
                    .and_then(|a| a.mailbox_by_id(view.id))
            {
                view.name = name.to_string();
            }
            Outcome::ok("Rename completed")
        }
        Err(e) => refused(&e),
    }
}

/// `SUBSCRIBE mailbox`: Dovecot lets a client subscribe only to names that exist.
pub(crate) fn subscribe(session: &mut Session, name: &Mailbox) -> Outcome {
    let user = user(session);
    let mut store = lock(&session.store);
    let Some(account) = store.account_mut(&user) else {
        return Outcome::no("No account");
    };
    if account.mailbox(name.as_str()).is_none() {
        return Outcome::no_code(Code::NonExistent, format!("Mailbox doesn't exist: {name}"));
    }
    account.subscribe(name.as_str());
    Outcome::ok("Subscribe completed")
}

/// `UNSUBSCRIBE mailbox`
pub(crate) fn unsubscribe(session: &mut Session, name: &Mailbox) -> Outcome {
    let user = user(session);
    let mut store = lock(&session.store);
    let Some(account) = store.account_mut(&user) else {
        return Outcome::no("No account");
    };
    match account.unsubscribe(name.as_str()) {
        Ok(()) => Outcome::ok("Unsubscribe completed"),
        Err(e) => refused(&e),
    }
}

/// Does `name` match a LIST pattern? `*` matches anything, `%` anything but
/// the delimiter. INBOX matches case-insensitively.
pub(crate) fn pattern_matches(pattern: &str, name: &str) -> bool {
    let inbox = name.eq_ignore_ascii_case("INBOX")
        || name
            .get(..6)
            .is_some_and(|p| p.eq_ignore_ascii_case("INBOX/"));
    let fold = |c: char| if inbox { c.to_ascii_uppercase() } else { c };
    let p: Vec<char> = pattern.chars().map(fold).collect();
    let n: Vec<char> = name.chars().map(fold).collect();
    // reach[j]: the first i pattern characters can match the first j name characters.
    let mut reach = vec![false; n.len() + 1];
    if let Some(empty) = reach.first_mut() {
        *empty = true;
    }
    for &pc in &p {
        reach = match pc {
            '*' | '%' => {
                let mut open = false;
                reach
                    .iter()
                    .enumerate()
                    .map(|(j, &r)| {
                        open |= r;
                        let here = open;
                        if pc == '%' && n.get(j) == Some(&DELIMITER) {
                            open = false;
                        }
                        here
                    })
                    .collect()
            }
            // next[j + 1]: reach[j] and the name's character j is pc.
            _ => std::iter::once(false)
                .chain(reach.iter().zip(&n).map(|(&r, &c)| r && c == pc))
                .collect(),
        };
    }
    reach.last().copied().unwrap_or(false)
}

pub(crate) fn special_use_attr(s: SpecialUse) -> &'static str {
    match s {
        SpecialUse::Sent => "\\Sent",
        SpecialUse::Drafts => "\\Drafts",
        SpecialUse::Trash => "\\Trash",
        SpecialUse::Junk => "\\Junk",
        SpecialUse::Archive => "\\Archive",
    }
}

/// `LIST reference pattern` and `LSUB reference pattern`.
pub(crate) fn list(session: &mut Session, reference: &str, pattern: &str, lsub: bool) -> Outcome {
    let done = if lsub {
        "Lsub completed"
    } else {
        "List completed"
    };
    if pattern.is_empty() && !lsub {
        // LIST "" "": tell the client the delimiter and the root.
        session.data(Data::List(ListEntry {
            attributes: vec!["\\Noselect".to_string()],
            delimiter: Some(DELIMITER),
            mailbox: Mailbox::Other(String::new()),
            child_info: Vec::new(),
        }));
        return Outcome::ok(done);
    }
    let full = format!("{reference}{pattern}");
    let user = user(session);
    let store = lock(&session.store);
    let Some(account) = store.account(&user) else {
        return Outcome::no("No account");
    };
    let mut entries = Vec::new();
    if lsub {
        let subscribed: Vec<&str> = account.subscriptions().collect();
        let mut names: Vec<(String, bool)> = Vec::new();
        for s in &subscribed {
            if pattern_matches(&full, s) {
                names.push((s.to_string(), false));
            } else if full.ends_with('%') {
                // A subscribed child makes its unsubscribed parent show as \Noselect.
                let mut prefix = String::new();
                for level in s.split(DELIMITER) {
                    if !prefix.is_empty() {
                        prefix.push(DELIMITER);
                    }
                    prefix.push_str(level);
                    if prefix.len() < s.len()
                        && pattern_matches(&full, &prefix)
                        && !subscribed.contains(&prefix.as_str())
                    {
                        names.push((prefix.clone(), true));
                    }
                }
            }
        }
        names.sort();
        names.dedup_by(|a, b| a.0 == b.0);
        for (name, noselect) in names {
            let attributes = if noselect {
                vec!["\\Noselect".to_string()]
            } else {
                Vec::new()
            };
            entries.push(ListEntry {
                attributes,
                delimiter: Some(DELIMITER),
                mailbox: Mailbox::new(name),
                child_info: Vec::new(),
            });
        }
    } else {
        for info in account.list() {
            if !pattern_matches(&full, &info.name) {
                continue;
            }
            let mut attributes = Vec::new();
            if info.noselect {
                attributes.push("\\Noselect".to_string());
            }
            attributes.push(
                if info.has_children {
                    "\\HasChildren"
                } else {
                    "\\HasNoChildren"
                }
                .to_string(),
            );
            if let Some(s) = info.special_use {
                attributes.push(special_use_attr(s).to_string());
            }
            entries.push(ListEntry {
                attributes,
                delimiter: Some(DELIMITER),
                mailbox: Mailbox::new(info.name),
                child_info: Vec::new(),
            });
        }
    }
    drop(store);
    for e in entries {
        session.data(if lsub { Data::Lsub(e) } else { Data::List(e) });
    }
    Outcome::ok(done)
}

/// The order in which STATUS answers its items.
const STATUS_ORDER: [StatusItem; 7] = StatusItem::ALL;

/// The values of the STATUS items asked for, each once, in
/// [`STATUS_ORDER`] (STATUS, and LIST's RETURN (STATUS ...)).
pub(crate) fn status_values(
    mailbox: &mailstore::MailboxData,
    items: &[StatusItem],
) -> Vec<(StatusItem, u64)> {
    let count = |n: usize| {
        u64::try_from(n)
            .unwrap_or(u64::MAX)
            .min(u64::from(u32::MAX))
    };
    // Each item once, in one fixed order whatever the request's, as Dovecot
    // answers (RFC 3501 leaves the order open).
    STATUS_ORDER
        .iter()
        .filter(|item| items.contains(item))
        .map(|item| {
            let v = match item {
                StatusItem::Messages => count(mailbox.messages().len()),
                StatusItem::Recent => u64::from(mailbox.unclaimed_recent_count()),
                StatusItem::UidNext => u64::from(mailbox.uid_next()),
                StatusItem::UidValidity => u64::from(mailbox.uid_validity),
                StatusItem::Unseen => count(
                    mailbox
                        .messages()
                        .iter()
                        .filter(|m| !m.flags.has(SystemFlag::Seen))
                        .count(),
                ),
                StatusItem::Size => mailbox.total_bytes(),
                StatusItem::HighestModSeq => super::condstore::highest_modseq(mailbox),
            };
            (*item, v)
        })
        .collect()
}

/// `STATUS mailbox (items)`
pub(crate) fn status(session: &mut Session, name: &Mailbox, items: &[StatusItem]) -> Outcome {
    let user = user(session);
    let store = lock(&session.store);
    let Some(mailbox) = store.account(&user).and_then(|a| a.mailbox(name.as_str())) else {
        return Outcome::no_code(Code::NonExistent, format!("Mailbox doesn't exist: {name}"));
    };
    if mailbox.noselect {
        return Outcome::no_code(
            Code::NonExistent,
            format!("{name} holds no messages (\\Noselect)"),
        );
    }
    let values = status_values(mailbox, items);
    drop(store);
    if items.contains(&StatusItem::HighestModSeq) {
        super::condstore::turn_on(session);
    }
    session.data(Data::Status {
        mailbox: name.clone(),
        items: values,
    });
    Outcome::ok("Status completed")
}

/// A command naming a mailbox in text that is not modified UTF-7 (RFC 3501
/// §5.1.3), such as `a&b`, `&Jjo` or a quoted `Entwürfe`. The command is
/// well-formed, so not a BAD: no mailbox has such a name, so NO, as Dovecot
/// answers (SELECT and EXAMINE still leave the selected mailbox); LIST and
/// LSUB find nothing and say OK, except that `LIST ref ""` still gives the
/// hierarchy delimiter. The text says how to write what was meant.
pub(crate) fn not_utf7(session: &mut Session, body: &CommandBody, name: &str) -> Outcome {
    let how = format!(
        "\"{name}\" is not valid modified UTF-7 (RFC 3501 §5.1.3), so it names no mailbox: \
         & starts an encoded run such as &APw- (for ü), and a & itself is written &-. \
         For the characters as typed, write \"{}\"",
        imap_syntax::utf7::encode(name)
    );
    match body {
        CommandBody::List { pattern, .. } if pattern.as_str().is_empty() => {
            list(session, "", "", false)
        }
        CommandBody::List { .. } => Outcome::ok(format!("List completed, nothing listed: {how}")),
        CommandBody::Lsub { .. } => Outcome::ok(format!("Lsub completed, nothing listed: {how}")),
        CommandBody::Select(..) | CommandBody::Examine(..) => {
            let user = user(session);
            super::select::leave_selected(session, &user);
            Outcome::no(how)
        }
        _ => Outcome::no(how),
    }
}

/// `NAMESPACE`: one personal namespace with the empty prefix.
pub(crate) fn namespace(session: &mut Session) -> Outcome {
    session.data(Data::Namespace {
        personal: Some(vec![NamespaceEntry {
            prefix: String::new(),
            delimiter: Some(DELIMITER),
        }]),
        other: None,
        shared: None,
    });
    Outcome::ok("Namespace completed")
}

#[cfg(test)]
mod tests {
    use super::pattern_matches;

    #[test]
    fn wildcards_follow_rfc_3501() {
        assert!(pattern_matches("*", "Archive/2025"));
        assert!(pattern_matches("%", "Archive"));
        assert!(!pattern_matches("%", "Archive/2025"));
        assert!(pattern_matches("Archive/%", "Archive/2025"));
        assert!(pattern_matches("inbox", "INBOX"));
        assert!(!pattern_matches("sent", "Sent"));
        assert!(pattern_matches("S*t", "Sent"));
        assert!(pattern_matches("*2025", "Archive/2025"));
        assert!(!pattern_matches("", "INBOX"));
    }
}
