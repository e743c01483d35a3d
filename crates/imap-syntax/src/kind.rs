//! Which command a [`CommandBody`] is, and in which session states it is
//! allowed: the one table that the engine's state check and the
//! terminal's vocabulary both read (RFC 3501 §3 and §6).

use crate::command::CommandBody;
use crate::vocabulary::StateName;

/// A session state in which commands run (RFC 3501 §3). The Logout state
/// accepts no command, so it has no place here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    /// Before LOGIN or AUTHENTICATE.
    NotAuthenticated,
    /// Logged in, no mailbox selected.
    Authenticated,
    /// A mailbox is selected.
    Selected,
}

/// Writes [`CommandKind`], [`CommandKind::ALL`] and [`CommandKind::name`]
/// from one list, so a kind cannot be missing from either.
macro_rules! command_kinds {
    ($($kind:ident => $name:literal,)*) => {
        /// A command without its arguments; the UID forms are kinds of
        /// their own.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum CommandKind {
            $(
                #[doc = concat!("`", $name, "`")]
                $kind,
            )*
        }

        impl CommandKind {
            /// Every kind, in the order of RFC 3501 §6 with the extensions
            /// after the commands they extend.
            pub const ALL: &'static [CommandKind] = &[$(CommandKind::$kind),*];

            /// The name as a client writes it, such as `FETCH` or `UID FETCH`.
            pub fn name(self) -> &'static str {
                match self {
                    $(CommandKind::$kind => $name,)*
                }
            }
        }
    };
}

command_kinds! {
    Capability => "CAPABILITY",
    Noop => "NOOP",
    Logout => "LOGOUT",
    Id => "ID",
    Enable => "ENABLE",
    StartTls => "STARTTLS",
    Authenticate => "AUTHENTICATE",
    Login => "LOGIN",
    Select => "SELECT",
    Examine => "EXAMINE",
    Create => "CREATE",
    Delete => "DELETE",
    Rename => "RENAME",
    Subscribe => "SUBSCRIBE",
    Unsubscribe => "UNSUBSCRIBE",
    List => "LIST",
    Lsub => "LSUB",
    Status => "STATUS",
    Append => "APPEND",
    Namespace => "NAMESPACE",
    Idle => "IDLE",
    Check => "CHECK",
    Close => "CLOSE",
    Unselect => "UNSELECT",
    Expunge => "EXPUNGE",
    UidExpunge => "UID EXPUNGE",
    Search => "SEARCH",
    UidSearch => "UID SEARCH",
    CancelUpdate => "CANCELUPDATE",
    Sort => "SORT",
    UidSort => "UID SORT",
    Fetch => "FETCH",
    UidFetch => "UID FETCH",
    Store => "STORE",
    UidStore => "UID STORE",
    Copy => "COPY",
    UidCopy => "UID COPY",
    Move => "MOVE",
    UidMove => "UID MOVE",
}

const ANY: &[StateName] = &[StateName::Any];
const NOT_AUTH: &[StateName] = &[StateName::NotAuthenticated];
const AUTH_SEL: &[StateName] = &[StateName::Authenticated, StateName::Selected];
const SEL: &[StateName] = &[StateName::Selected];

impl CommandKind {
    /// The states in which the command is allowed, as the vocabulary
    /// lists them (`Any` for the commands of RFC 3501 §6.1).
    pub fn states(self) -> &'static [StateName] {
        use CommandKind::*;
        match self {
            Capability | Noop | Logout | Id => ANY,
            StartTls | Authenticate | Login => NOT_AUTH,
            Enable | Select | Examine | Create | Delete | Rename | Subscribe | Unsubscribe
            | List | Lsub | Status | Append | Namespace | Idle => AUTH_SEL,
            // RFC 5267 runs it on a selected mailbox; Dovecot also takes
            // it before one is selected (and finds no such search: NO).
            CancelUpdate => AUTH_SEL,
            Check | Close | Unselect | Expunge | UidExpunge | Search | UidSearch | Sort
            | UidSort | Fetch | UidFetch | Store | UidStore | Copy | UidCopy | Move | UidMove => {
                SEL
            }
        }
    }

    /// Whether the command is allowed in `state`.
    pub fn valid_in(self, state: State) -> bool {
        self.states().iter().any(|s| {
            matches!(
                (s, state),
                (StateName::Any, _)
                    | (StateName::NotAuthenticated, State::NotAuthenticated)
                    | (StateName::Authenticated, State::Authenticated)
                    | (StateName::Selected, State::Selected)
            )
        })
    }
}

impl CommandBody {
    /// Which command this is.
    pub fn kind(&self) -> CommandKind {
        use CommandBody::*;
        match self {
            Capability => CommandKind::Capability,
            Noop => CommandKind::Noop,
            Logout => CommandKind::Logout,
            Id(_) => CommandKind::Id,
            Enable(_) => CommandKind::Enable,
            StartTls => CommandKind::StartTls,
            Authenticate { .. } => CommandKind::Authenticate,
            Login { .. } => CommandKind::Login,
            Select(..) => CommandKind::Select,
            Examine(..) => CommandKind::Examine,
            Create { .. } => CommandKind::Create,
            Delete(_) => CommandKind::Delete,
            Rename { .. } => CommandKind::Rename,
            Subscribe(_) => CommandKind::Subscribe,
            Unsubscribe(_) => CommandKind::Unsubscribe,
            List { .. } => CommandKind::List,
            Lsub { .. } => CommandKind::Lsub,
            Status { .. } => CommandKind::Status,
            Append { .. } => CommandKind::Append,
            Namespace => CommandKind::Namespace,
            Idle => CommandKind::Idle,
            Check => CommandKind::Check,
            Close => CommandKind::Close,
            Unselect => CommandKind::Unselect,
            Expunge => CommandKind::Expunge,
            UidExpunge(_) => CommandKind::UidExpunge,
            Search { uid: false, .. } => CommandKind::Search,
            Search { uid: true, .. } => CommandKind::UidSearch,
            CancelUpdate(_) => CommandKind::CancelUpdate,
            Sort { uid: false, .. } => CommandKind::Sort,
            Sort { uid: true, .. } => CommandKind::UidSort,
            Fetch { uid: false, .. } => CommandKind::Fetch,
            Fetch { uid: true, .. } => CommandKind::UidFetch,
            Store { uid: false, .. } => CommandKind::Store,
            Store { uid: true, .. } => CommandKind::UidStore,
            Copy { uid: false, .. } => CommandKind::Copy,
            Copy { uid: true, .. } => CommandKind::UidCopy,
            Move { uid: false, .. } => CommandKind::Move,
            Move { uid: true, .. } => CommandKind::UidMove,
        }
    }

    /// The command's name as a client writes it (`UID FETCH` for UID forms).
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }
}
