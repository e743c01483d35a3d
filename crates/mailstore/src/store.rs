//! Accounts and their mailboxes.
//!
//! Names use `/` as the hierarchy delimiter. `INBOX` is matched in any
//! case, also as the first level of a longer name (`inbox/x` is `INBOX/x`).
//! Missing parents are kept as `\\Noselect` placeholder mailboxes, so every
//! existing name's parents exist too.

use litemap::LiteMap;

use crate::mailbox::{MailboxData, MailboxId, SpecialUse};

/// Why a store operation failed. The engine turns these into NO responses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// No mailbox by that name.
    #[error("no mailbox named {0:?}")]
    NoSuchMailbox(String),
    /// The name is taken.
    #[error("a mailbox named {0:?} already exists")]
    AlreadyExists(String),
    /// INBOX cannot be deleted.
    #[error("INBOX cannot be deleted")]
    CannotDeleteInbox,
    /// A `\Noselect` mailbox with children cannot be deleted (RFC 3501 §6.3.4).
    #[error("{0:?} has child mailboxes and holds no messages: delete the children first")]
    HasChildren(String),
    /// A name that cannot be a mailbox (empty level, starts with the delimiter, ...).
    #[error("{0:?} is not a valid mailbox name")]
    InvalidName(String),
    /// A mailbox cannot be renamed under itself.
    #[error("cannot rename {0:?} into itself")]
    RenameIntoSelf(String),
    /// A cap was reached.
    #[error("limit reached: {0}")]
    Limit(String),
}

/// One row of the mailbox list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailboxInfo {
    /// The full name, levels separated by `/`.
    pub name: String,
    /// `\Noselect`
    pub noselect: bool,
    /// Has children (`\HasChildren`, else `\HasNoChildren`).
    pub has_children: bool,
    /// Special use.
    pub special_use: Option<SpecialUse>,
    /// In the subscription list.
    pub subscribed: bool,
}

/// One user's mailboxes and subscriptions.
#[derive(Debug, Clone, Default)]
pub struct Account {
    /// By normalised name (`INBOX` upper case). Invariant: every name's
    /// parents are present (real or `\\Noselect` placeholders).
    mailboxes: LiteMap<String, MailboxData>,
    /// Subscribed names, as given (they need not exist); sorted, no repeats.
    subscriptions: Vec<String>,
}

/// All accounts. Deterministic: UIDVALIDITY values and mailbox ids come
/// from counters, not the clock.
#[derive(Debug, Clone, Default)]
pub struct Store {
    /// User name → (password, account).
    accounts: LiteMap<String, (String, Account)>,
    /// The next mailbox id to hand out; only grows.
    next_mailbox_id: u64,
    /// The next UIDVALIDITY to hand out; only grows, so a name deleted and
    /// created again gets a new UIDVALIDITY.
    next_uid_validity: u32,
}

/// The most mailboxes (placeholders included) one account may hold.
pub const MAX_MAILBOXES: usize = 1000;

/// The hierarchy delimiter.
pub const DELIMITER: char = '/';

/// Normalises a name: `INBOX` in any case (as a whole or as the first level) becomes `INBOX`.
pub fn normalize_name(name: &str) -> String {
    let (first, rest) = match name.find(DELIMITER) {
        Some(i) => name.split_at(i),
        None => (name, ""),
    };
    if first.eq_ignore_ascii_case("INBOX") {
        format!("INBOX{rest}")
    } else {
        name.to_string()
    }
}

/// Checks and normalises a name for CREATE or a RENAME target: one trailing
/// delimiter is dropped (RFC 3501 §6.3.3); empty levels, a leading
/// delimiter, wildcards (`*`, `%`) and control characters are refused.
pub fn valid_new_name(name: &str) -> Result<String, StoreError> {
    let trimmed = name.strip_suffix(DELIMITER).unwrap_or(name);
    let bad = trimmed.is_empty()
        || trimmed.split(DELIMITER).any(str::is_empty)
        || trimmed
            .chars()
            .any(|c| c.is_control() || c == '*' || c == '%');
    if bad {
        Err(StoreError::InvalidName(name.to_string()))
    } else {
        Ok(normalize_name(trimmed))
    }
}

/// The parents of a name, outermost first (`a/b/c` → `a`, `a/b`).
fn parents(name: &str) -> impl Iterator<Item = &str> {
    name.match_indices(DELIMITER)
        .map(move |(i, _)| name.get(..i).unwrap_or_default())
}

/// Is `name` strictly under `parent`?
fn is_under(name: &str, parent: &str) -> bool {
    name.strip_prefix(parent)
        .is_some_and(|rest| rest.starts_with(DELIMITER))
}

impl Store {
    /// An empty store.
    pub fn new() -> Self {
        Store {
            accounts: LiteMap::new(),
            next_mailbox_id: 1,
            next_uid_validity: 1,
        }
    }
    /// A fresh mailbox id and UIDVALIDITY.
    fn fresh(&mut self) -> (MailboxId, u32) {
        let id = MailboxId(self.next_mailbox_id.max(1));
        self.next_mailbox_id = id.0.saturating_add(1);
        let validity = self.next_uid_validity.max(1);
        self.next_uid_validity = validity.saturating_add(1);
        (id, validity)
    }
    /// A new empty selectable mailbox with a fresh id and UIDVALIDITY
    /// (not yet in any account).
    pub fn new_mailbox(&mut self) -> MailboxData {
        let (id, validity) = self.fresh();
        MailboxData::new(id, validity)
    }
    /// The id and UIDVALIDITY counters (for [`crate::snapshot`]).
    pub(crate) fn counters(&self) -> (u64, u32) {
        (self.next_mailbox_id, self.next_uid_validity)
    }
    /// A user's password (for [`crate::snapshot`]).
    pub(crate) fn password(&self, user: &str) -> Option<&str> {
        self.accounts.get(user).map(|(p, _)| p.as_str())
    }
    /// Rebuilds a store from its parts (for [`crate::snapshot`]).
    pub(crate) fn from_parts(
        accounts: LiteMap<String, (String, Account)>,
        next_mailbox_id: u64,
        next_uid_validity: u32,
    ) -> Self {
        Store {
            accounts,
            next_mailbox_id,
            next_uid_validity,
        }
    }
    /// Adds a user with an INBOX; returns the account. An existing user
    /// keeps the account and gets the new password.
    pub fn add_user(&mut self, user: &str, password: &str) -> &mut Account {
        if !self.accounts.contains_key(user) {
            let inbox = self.new_mailbox();
            let mut account = Account::default();
            account.mailboxes.insert("INBOX".into(), inbox);
            self.accounts
                .insert(user.to_string(), (password.to_string(), account));
        }
        let entry = self.accounts.entry(user.to_string()).or_default();
        entry.0 = password.to_string();
        &mut entry.1
    }
    /// Adds (or replaces) a user whose mailboxes are copies of `from`'s:
    /// same names, messages (bytes shared), UIDs, flags and subscriptions,
    /// but fresh mailbox ids and UIDVALIDITY values. For classroom mode.
    pub fn add_user_copy(&mut self, user: &str, password: &str, from: &Account) -> &mut Account {
        let mut account = Account {
            mailboxes: LiteMap::new(),
            subscriptions: from.subscriptions.clone(),
        };
        for (name, mailbox) in &from.mailboxes {
            let (id, validity) = self.fresh();
            account
                .mailboxes
                .insert(name.clone(), mailbox.clone_as(id, validity));
        }
        if !account.mailboxes.contains_key("INBOX") {
            let inbox = self.new_mailbox();
            account.mailboxes.insert("INBOX".into(), inbox);
        }
        let entry = self.accounts.entry(user.to_string()).or_default();
        *entry = (password.to_string(), account);
        &mut entry.1
    }
    /// Removes a user and their mailboxes; returns whether there was one.
    pub fn remove_user(&mut self, user: &str) -> bool {
        self.accounts.remove(user).is_some()
    }
    /// The user names, sorted.
    pub fn users(&self) -> impl Iterator<Item = &str> {
        self.accounts.keys().map(String::as_str)
    }
    /// Octets of message data in a user's mailboxes (each copy counted;
    /// copies share bytes in memory, so this over-estimates memory). A
    /// measure for classroom caps. 0 for an unknown user.
    pub fn total_bytes(&self, user: &str) -> u64 {
        self.account(user).map_or(0, Account::total_bytes)
    }
    /// Is this the user's password?
    pub fn check_login(&self, user: &str, password: &str) -> bool {
        self.accounts.get(user).is_some_and(|(p, _)| p == password)
    }
    /// A user's account.
    pub fn account(&self, user: &str) -> Option<&Account> {
        self.accounts.get(user).map(|(_, a)| a)
    }
    /// A user's account, to change.
    pub fn account_mut(&mut self, user: &str) -> Option<&mut Account> {
        self.accounts.get_mut(user).map(|(_, a)| a)
    }
    /// The account of a user, or NoSuchMailbox naming the mailbox (an
    /// unknown user cannot be logged in, so this is only a guard).
    fn account_for(&mut self, user: &str, name: &str) -> Result<&mut Account, StoreError> {
        self.account_mut(user)
            .ok_or_else(|| StoreError::NoSuchMailbox(name.to_string()))
    }
    /// Adds `\Noselect` placeholders for the missing parents of `name`.
    fn add_parents(&mut self, user: &str, name: &str) -> Result<(), StoreError> {
        for parent in parents(name) {
            let exists = self
                .account(user)
                .is_some_and(|a| a.mailboxes.contains_key(parent));
            if !exists {
                let (id, validity) = self.fresh();
                let account = self.account_for(user, name)?;
                account
                    .mailboxes
                    .insert(parent.to_string(), MailboxData::placeholder(id, validity));
            }
        }
        Ok(())
    }
    /// Fails with Limit if adding `more` names would pass [`MAX_MAILBOXES`].
    fn check_room(&self, user: &str, more: usize) -> Result<(), StoreError> {
        let count = self.account(user).map_or(0, |a| a.mailboxes.len());
        if count.saturating_add(more) > MAX_MAILBOXES {
            return Err(StoreError::Limit(format!(
                "at most {MAX_MAILBOXES} mailboxes per user"
            )));
        }
        Ok(())
    }
    /// Creates a mailbox (and missing parents, as `\Noselect` placeholders
    /// that a later CREATE makes real) in a user's account.
    ///
    /// A trailing `/` is dropped (`foo/` creates `foo`). Errors:
    /// InvalidName, AlreadyExists (also for INBOX in any case), Limit.
    pub fn create_mailbox(&mut self, user: &str, name: &str) -> Result<MailboxId, StoreError> {
        let name = valid_new_name(name)?;
        let (id, validity) = self.fresh();
        let account = self.account_for(user, &name)?;
        if let Some(existing) = account.mailboxes.get_mut(&name) {
            if !existing.noselect {
                return Err(StoreError::AlreadyExists(name));
            }
            // A placeholder becomes real, with a fresh UIDVALIDITY.
            existing.noselect = false;
            existing.uid_validity = validity;
            return Ok(existing.id);
        }
        let levels = parents(&name).count().saturating_add(1);
        self.check_room(user, levels)?;
        self.add_parents(user, &name)?;
        let account = self.account_for(user, &name)?;
        account
            .mailboxes
            .insert(name, MailboxData::new(id, validity));
        Ok(id)
    }
    /// Deletes a mailbox (RFC 3501 §6.3.4: a mailbox with children becomes
    /// `\Noselect`; a `\Noselect` one with children is an error; INBOX cannot go).
    ///
    /// A mailbox with children loses its messages and becomes `\Noselect`;
    /// a leaf is removed. Subscriptions are left alone (RFC 3501 §6.3.6).
    pub fn delete_mailbox(&mut self, user: &str, name: &str) -> Result<(), StoreError> {
        let name = normalize_name(name);
        if name == "INBOX" {
            return Err(StoreError::CannotDeleteInbox);
        }
        let account = self.account_for(user, &name)?;
        let has_children = account.has_children(&name);
        let Some(mailbox) = account.mailboxes.get_mut(&name) else {
            return Err(StoreError::NoSuchMailbox(name));
        };
        if has_children {
            if mailbox.noselect {
                return Err(StoreError::HasChildren(name));
            }
            mailbox.expunge_all();
            mailbox.noselect = true;
        } else {
            account.mailboxes.remove(&name);
        }
        Ok(())
    }
    /// Renames a mailbox and its children (RFC 3501 §6.3.5). Renaming INBOX
    /// moves its messages to a new mailbox and leaves INBOX empty.
    ///
    /// Renamed mailboxes keep their ids, UIDVALIDITY and UIDs. The mailbox
    /// made from INBOX is new (fresh id and UIDVALIDITY; its messages get
    /// UIDs from 1, keeping flags and dates); INBOX's children stay where
    /// they are. Missing parents of the target are created as `\Noselect`.
    /// Errors: NoSuchMailbox, AlreadyExists, InvalidName, RenameIntoSelf, Limit.
    pub fn rename_mailbox(&mut self, user: &str, from: &str, to: &str) -> Result<(), StoreError> {
        let from = normalize_name(from);
        let to = valid_new_name(to)?;
        let account = self.account_for(user, &from)?;
        if !account.mailboxes.contains_key(&from) {
            return Err(StoreError::NoSuchMailbox(from));
        }
        if account.mailboxes.contains_key(&to) {
            return Err(StoreError::AlreadyExists(to));
        }
        if is_under(&to, &from) {
            return Err(StoreError::RenameIntoSelf(from));
        }
        self.check_room(user, parents(&to).count().saturating_add(1))?;
        if from == "INBOX" {
            let mut target = self.new_mailbox();
            let account = self.account_for(user, &from)?;
            if let Some(inbox) = account.mailboxes.get_mut("INBOX") {
                for message in inbox.messages() {
                    target.append_copy(message);
                }
                inbox.expunge_all();
            }
            self.add_parents(user, &to)?;
            let account = self.account_for(user, &to)?;
            account.mailboxes.insert(to, target);
            return Ok(());
        }
        let account = self.account_for(user, &from)?;
        let moving: Vec<String> = account
            .mailboxes
            .keys()
            .filter(|n| **n == from || is_under(n, &from))
            .cloned()
            .collect();
        let renamed: Vec<(String, String)> = moving
            .into_iter()
            .map(|old| {
                let new = format!("{to}{}", old.get(from.len()..).unwrap_or_default());
                (old, new)
            })
            .collect();
        if let Some((_, taken)) = renamed
            .iter()
            .find(|(_, new)| account.mailboxes.contains_key(new))
        {
            return Err(StoreError::AlreadyExists(taken.clone()));
        }
        for (old, new) in renamed {
            if let Some(mailbox) = account.mailboxes.remove(&old) {
                account.mailboxes.insert(new, mailbox);
            }
        }
        self.add_parents(user, &to)
    }
}

impl Account {
    /// The mailbox by name (INBOX in any case). Placeholders are returned
    /// too: check [`MailboxData::noselect`] before selecting.
    pub fn mailbox(&self, name: &str) -> Option<&MailboxData> {
        self.mailboxes.get(&normalize_name(name))
    }
    /// The mailbox by name, to change.
    pub fn mailbox_mut(&mut self, name: &str) -> Option<&mut MailboxData> {
        self.mailboxes.get_mut(&normalize_name(name))
    }
    /// The mailbox and its current name, by id.
    pub fn mailbox_by_id(&self, id: MailboxId) -> Option<(&str, &MailboxData)> {
        self.mailboxes
            .iter()
            .find(|(_, m)| m.id == id)
            .map(|(n, m)| (n.as_str(), m))
    }
    /// The mailbox by id, to change.
    pub fn mailbox_by_id_mut(&mut self, id: MailboxId) -> Option<&mut MailboxData> {
        self.mailboxes
            .iter_mut()
            .map(|(_, m)| m)
            .find(|m| m.id == id)
    }
    /// Does a name have children?
    pub fn has_children(&self, name: &str) -> bool {
        let name = normalize_name(name);
        let prefix = format!("{name}{DELIMITER}");
        let (Ok(first) | Err(first)) = self.mailboxes.find_index(prefix.as_str());
        self.mailboxes
            .get_indexed(first)
            .is_some_and(|(n, _)| n.starts_with(&prefix))
    }
    /// Every name, sorted, with its attributes.
    pub fn list(&self) -> Vec<MailboxInfo> {
        self.mailboxes
            .iter()
            .map(|(name, m)| MailboxInfo {
                name: name.clone(),
                noselect: m.noselect,
                has_children: self.has_children(name),
                special_use: m.special_use,
                subscribed: self.subscriptions.binary_search(name).is_ok(),
            })
            .collect()
    }
    /// Rebuilds an account from its parts (for [`crate::snapshot`]).
    pub(crate) fn from_parts(
        mailboxes: LiteMap<String, MailboxData>,
        subscriptions: Vec<String>,
    ) -> Self {
        Account {
            mailboxes,
            subscriptions,
        }
    }
    /// The mailboxes by name, sorted.
    pub fn mailboxes(&self) -> impl Iterator<Item = (&str, &MailboxData)> {
        self.mailboxes.iter().map(|(n, m)| (n.as_str(), m))
    }
    /// Sets a mailbox's special use; returns false if there is no such mailbox.
    pub fn set_special_use(&mut self, name: &str, special_use: Option<SpecialUse>) -> bool {
        self.mailbox_mut(name)
            .map(|m| m.special_use = special_use)
            .is_some()
    }
    /// Octets of message data in all mailboxes (each copy counted).
    pub fn total_bytes(&self) -> u64 {
        self.mailboxes.values().map(MailboxData::total_bytes).sum()
    }
    /// Adds a name to the subscription list (the mailbox need not exist).
    pub fn subscribe(&mut self, name: &str) {
        let name = normalize_name(name);
        if let Err(at) = self.subscriptions.binary_search(&name) {
            self.subscriptions.insert(at, name);
        }
    }
    /// Removes a name from the subscription list.
    pub fn unsubscribe(&mut self, name: &str) -> Result<(), StoreError> {
        if let Ok(at) = self.subscriptions.binary_search(&normalize_name(name)) {
            self.subscriptions.remove(at);
            Ok(())
        } else {
            Err(StoreError::NoSuchMailbox(name.to_string()))
        }
    }
    /// The subscription list, sorted.
    pub fn subscriptions(&self) -> impl Iterator<Item = &str> {
        self.subscriptions.iter().map(String::as_str)
    }
}
