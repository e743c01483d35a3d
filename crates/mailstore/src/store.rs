//! Accounts and their mailboxes.
//!
//! (API contract; the implementation is being written.)

use std::collections::{BTreeMap, BTreeSet};

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
    mailboxes: BTreeMap<String, MailboxData>,
    subscriptions: BTreeSet<String>,
}

/// All accounts. Deterministic: UIDVALIDITY values and mailbox ids come
/// from counters, not the clock.
#[derive(Debug, Clone, Default)]
pub struct Store {
    accounts: BTreeMap<String, (String, Account)>,
    next_mailbox_id: u64,
    next_uid_validity: u32,
}

impl Store {
    /// An empty store.
    pub fn new() -> Self {
        Store::default()
    }
    /// Adds a user with an INBOX; returns the account.
    pub fn add_user(&mut self, user: &str, password: &str) -> &mut Account {
        let _ = (user, password, self.next_mailbox_id, self.next_uid_validity);
        todo!()
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
    /// Creates a mailbox (and missing parents, as `\Noselect` placeholders
    /// that a later CREATE makes real) in a user's account.
    pub fn create_mailbox(&mut self, user: &str, name: &str) -> Result<MailboxId, StoreError> {
        let _ = (user, name);
        todo!()
    }
    /// Deletes a mailbox (RFC 3501 §6.3.4: a mailbox with children becomes
    /// `\Noselect`; a `\Noselect` one with children is an error; INBOX cannot go).
    pub fn delete_mailbox(&mut self, user: &str, name: &str) -> Result<(), StoreError> {
        let _ = (user, name);
        todo!()
    }
    /// Renames a mailbox and its children (RFC 3501 §6.3.5). Renaming INBOX
    /// moves its messages to a new mailbox and leaves INBOX empty.
    pub fn rename_mailbox(&mut self, user: &str, from: &str, to: &str) -> Result<(), StoreError> {
        let _ = (user, from, to);
        todo!()
    }
}

impl Account {
    /// The mailbox by name (INBOX in any case).
    pub fn mailbox(&self, name: &str) -> Option<&MailboxData> {
        let _ = (name, &self.mailboxes, &self.subscriptions);
        todo!()
    }
    /// The mailbox by name, to change.
    pub fn mailbox_mut(&mut self, name: &str) -> Option<&mut MailboxData> {
        let _ = name;
        todo!()
    }
    /// The mailbox and its current name, by id.
    pub fn mailbox_by_id(&self, id: MailboxId) -> Option<(&str, &MailboxData)> {
        let _ = id;
        todo!()
    }
    /// The mailbox by id, to change.
    pub fn mailbox_by_id_mut(&mut self, id: MailboxId) -> Option<&mut MailboxData> {
        let _ = id;
        todo!()
    }
    /// Every name, sorted, with its attributes.
    pub fn list(&self) -> Vec<MailboxInfo> {
        todo!()
    }
    /// Adds a name to the subscription list (the mailbox need not exist).
    pub fn subscribe(&mut self, name: &str) {
        let _ = name;
        todo!()
    }
    /// Removes a name from the subscription list.
    pub fn unsubscribe(&mut self, name: &str) -> Result<(), StoreError> {
        let _ = name;
        todo!()
    }
    /// The subscription list, sorted.
    pub fn subscriptions(&self) -> impl Iterator<Item = &str> {
        self.subscriptions.iter().map(String::as_str)
    }
}
