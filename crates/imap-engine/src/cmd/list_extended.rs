//! LIST with what LIST-EXTENDED (RFC 5258) adds: several patterns, the
//! selection options SUBSCRIBED, REMOTE and RECURSIVEMATCH, and the return
//! options SUBSCRIBED, CHILDREN, SPECIAL-USE (RFC 6154) and STATUS (RFC
//! 5819, LIST-STATUS). The RFC 3501 form stays in `mailboxes::list`.
//!
//! As Dovecot 2.3, the extended form says only what was asked for:
//! `\HasChildren`/`\HasNoChildren` with RETURN (CHILDREN), special uses
//! with RETURN (SPECIAL-USE), `\Subscribed` with SUBSCRIBED (selection or
//! return); `\Noselect` always. An empty pattern lists nothing.

use imap_syntax::{
    Data, ListEntry, ListExtended, ListName, ListReturn, ListSelection, Mailbox, StatusItem,
};
use mailstore::MailboxInfo;

use super::Outcome;
use super::mailboxes::{DELIMITER, pattern_matches, special_use_attr, status_values, user};
use crate::session::{Session, lock};

/// One line to send: the LIST entry and, for RETURN (STATUS ...), the
/// STATUS of a selectable mailbox.
type Line = (ListEntry, Option<Data>);

/// `LIST (selection) reference patterns RETURN (options)`.
pub(crate) fn list(
    session: &mut Session,
    reference: &ListName,
    pattern: &ListName,
    ext: &ListExtended,
) -> Outcome {
    let patterns: Vec<String> = std::iter::once(pattern)
        .chain(&ext.more_patterns)
        .filter(|p| !p.as_str().is_empty())
        .map(|p| format!("{}{}", reference.as_str(), p.as_str()))
        .collect();
    let matches = |name: &str| patterns.iter().any(|p| pattern_matches(p, name));
    let returns = ext.returns.as_deref().unwrap_or_default();
    let by_subscription = ext.selection.contains(&ListSelection::Subscribed);
    let ask = Asked {
        subscribed: by_subscription || returns.contains(&ListReturn::Subscribed),
        children: returns.contains(&ListReturn::Children),
        special_use: returns.contains(&ListReturn::SpecialUse),
        status: returns.iter().find_map(|r| match r {
            ListReturn::Status(items) => Some(items.as_slice()),
            _ => None,
        }),
    };
    // STATUS HIGHESTMODSEQ turns CONDSTORE on, here as in STATUS.
    if ask
        .status
        .is_some_and(|items| items.contains(&imap_syntax::StatusItem::HighestModSeq))
    {
        super::condstore::turn_on(session);
    }
    let user = user(session);
    let store = lock(&session.store);
    let Some(account) = store.account(&user) else {
        return Outcome::no("No account");
    };
    let infos = account.list();
    let status = |name: &str| {
        let items = ask.status?;
        let mailbox = account.mailbox(name)?;
        (!mailbox.noselect).then(|| Data::Status {
            mailbox: Mailbox::new(name),
            items: status_values(mailbox, items),
        })
    };
    let mut lines: Vec<Line> = Vec::new();
    if by_subscription {
        let subscribed: Vec<&str> = account.subscriptions().collect();
        // (name, listed only for a subscribed child)
        let mut names: Vec<(String, bool)> = Vec::new();
        for s in &subscribed {
            if matches(s) {
                names.push((s.to_string(), false));
            }
            if ext.selection.contains(&ListSelection::RecursiveMatch) {
                let mut at = 0;
                while let Some(i) = s.get(at..).and_then(|r| r.find(DELIMITER)) {
                    let parent = s.get(..at + i).unwrap_or_default();
                    at += i + 1;
                    if matches(parent) && !subscribed.contains(&parent) {
                        names.push((parent.to_string(), true));
                    }
                }
            }
        }
        names.sort();
        names.dedup_by(|a, b| a.0 == b.0);
        for (name, for_child) in names {
            let info = infos.iter().find(|i| i.name == name);
            let mut attributes = Vec::new();
            if !for_child {
                attributes.push("\\Subscribed".to_string());
            }
            match info {
                None => attributes.push("\\NonExistent".to_string()),
                Some(i) if i.noselect && !for_child => attributes.push("\\Noselect".to_string()),
                Some(_) => {}
            }
            ask.push_more(&mut attributes, info, &name, &infos);
            let entry = ListEntry {
                attributes,
                delimiter: Some(DELIMITER),
                mailbox: Mailbox::new(name.as_str()),
                child_info: if for_child {
                    vec!["SUBSCRIBED".to_string()]
                } else {
                    Vec::new()
                },
            };
            lines.push((entry, status(&name)));
        }
    } else {
        for info in infos.iter().filter(|i| matches(&i.name)) {
            let mut attributes = Vec::new();
            if info.noselect {
                attributes.push("\\Noselect".to_string());
            }
            if ask.subscribed && info.subscribed {
                attributes.push("\\Subscribed".to_string());
            }
            ask.push_more(&mut attributes, Some(info), &info.name, &infos);
            let entry = ListEntry {
                attributes,
                delimiter: Some(DELIMITER),
                mailbox: Mailbox::new(info.name.as_str()),
                child_info: Vec::new(),
            };
            lines.push((entry, status(&info.name)));
        }
    }
    drop(store);
    for (entry, status) in lines {
        session.data(Data::List(entry));
        if let Some(s) = status {
            session.data(s);
        }
    }
    Outcome::ok("List completed")
}

/// What the return options ask each line to tell.
struct Asked<'a> {
    /// `\Subscribed` (SUBSCRIBED, as selection or return option).
    subscribed: bool,
    /// `\HasChildren` / `\HasNoChildren`.
    children: bool,
    /// The special-use attributes.
    special_use: bool,
    /// The STATUS items, for a STATUS line after each selectable mailbox.
    status: Option<&'a [StatusItem]>,
}

impl Asked<'_> {
    /// Adds the children and special-use attributes, when asked for.
    fn push_more(
        &self,
        attributes: &mut Vec<String>,
        info: Option<&MailboxInfo>,
        name: &str,
        infos: &[MailboxInfo],
    ) {
        if self.children {
            let prefix = format!("{name}{DELIMITER}");
            let has = infos.iter().any(|i| i.name.starts_with(&prefix));
            attributes.push(
                if has {
                    "\\HasChildren"
                } else {
                    "\\HasNoChildren"
                }
                .to_string(),
            );
        }
        if self.special_use
            && let Some(s) = info.and_then(|i| i.special_use)
        {
            attributes.push(special_use_attr(s).to_string());
        }
    }
}
