//! The words of the language, for Tab completion and help in the terminal.
//!
//! Every word listed here is accepted by the parser; the crate's tests
//! parse each example line and each search key and FETCH item in a
//! command, so the terminal's suggestions and the parser never disagree.

use crate::kind::CommandKind;

/// A session state in which a command is allowed (RFC 3501 §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StateName {
    /// Before LOGIN or AUTHENTICATE.
    NotAuthenticated,
    /// Logged in, no mailbox selected.
    Authenticated,
    /// A mailbox is selected.
    Selected,
    /// Any state.
    Any,
}

/// One command: which it is, its shape and an example. Its name and the
/// states that allow it come from [`CommandKind`], the table the engine
/// checks commands against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommandInfo {
    /// Which command.
    pub kind: CommandKind,
    /// The arguments, in the notation of the help text, such as
    /// `FETCH sequence-set items`.
    pub syntax: &'static str,
    /// A complete example line without the CRLF, such as `a1 NOOP`.
    pub example: &'static str,
}

/// One word with the shape of its argument, such as `FROM string`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// The word, such as `FROM`.
    pub name: &'static str,
    /// The word with its arguments, such as `FROM string`.
    pub syntax: &'static str,
    /// An example as it appears in a command, such as `FROM "alice"`.
    pub example: &'static str,
}

impl CommandInfo {
    /// The name as a client writes it, such as `FETCH` or `UID FETCH`.
    pub fn name(&self) -> &'static str {
        self.kind.name()
    }

    /// The states in which the command is allowed.
    pub fn states(&self) -> &'static [StateName] {
        self.kind.states()
    }
}

/// A mailbox name as the terminal writes it in a command: as an atom when
/// it is one, else quoted with `\` and `"` escaped.
pub fn quote_mailbox(name: &str) -> String {
    let atom = !name.is_empty()
        && name.chars().all(|c| {
            c.is_ascii_graphic() && !matches!(c, '(' | ')' | '{' | '"' | '\\' | '%' | '*' | ']')
        });
    if atom {
        name.to_owned()
    } else {
        let escaped = name.replace('\\', "\\\\").replace('"', "\\\"");
        format!("\"{escaped}\"")
    }
}

/// Every command the parser accepts, including the UID forms and extensions.
pub const COMMANDS: &[CommandInfo] = &[
    CommandInfo {
        kind: CommandKind::Capability,
        syntax: "CAPABILITY",
        example: "a1 CAPABILITY",
    },
    CommandInfo {
        kind: CommandKind::Noop,
        syntax: "NOOP",
        example: "a1 NOOP",
    },
    CommandInfo {
        kind: CommandKind::Logout,
        syntax: "LOGOUT",
        example: "a1 LOGOUT",
    },
    CommandInfo {
        kind: CommandKind::Id,
        syntax: "ID (\"name\" \"value\" ...) | ID NIL",
        example: "a1 ID (\"name\" \"playground\")",
    },
    CommandInfo {
        kind: CommandKind::Enable,
        syntax: "ENABLE capability...",
        example: "a1 ENABLE UTF8=ACCEPT",
    },
    CommandInfo {
        kind: CommandKind::StartTls,
        syntax: "STARTTLS",
        example: "a1 STARTTLS",
    },
    CommandInfo {
        kind: CommandKind::Authenticate,
        syntax: "AUTHENTICATE mechanism [initial-response]",
        example: "a1 AUTHENTICATE PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=",
    },
    CommandInfo {
        kind: CommandKind::Login,
        syntax: "LOGIN user password",
        example: "a1 LOGIN alice wonderland",
    },
    CommandInfo {
        kind: CommandKind::Select,
        syntax: "SELECT mailbox [(CONDSTORE | QRESYNC (uidvalidity modseq [known-uids]))]",
        example: "a1 SELECT INBOX",
    },
    CommandInfo {
        kind: CommandKind::Examine,
        syntax: "EXAMINE mailbox [(CONDSTORE | QRESYNC (uidvalidity modseq [known-uids]))]",
        example: "a1 EXAMINE INBOX",
    },
    CommandInfo {
        kind: CommandKind::Create,
        syntax: "CREATE mailbox [(USE (special-use))]",
        example: "a1 CREATE Projects",
    },
    CommandInfo {
        kind: CommandKind::Delete,
        syntax: "DELETE mailbox",
        example: "a1 DELETE Projects",
    },
    CommandInfo {
        kind: CommandKind::Rename,
        syntax: "RENAME mailbox new-mailbox",
        example: "a1 RENAME Projects Archive",
    },
    CommandInfo {
        kind: CommandKind::Subscribe,
        syntax: "SUBSCRIBE mailbox",
        example: "a1 SUBSCRIBE Projects",
    },
    CommandInfo {
        kind: CommandKind::Unsubscribe,
        syntax: "UNSUBSCRIBE mailbox",
        example: "a1 UNSUBSCRIBE Projects",
    },
    CommandInfo {
        kind: CommandKind::List,
        syntax: "LIST reference pattern",
        example: "a1 LIST \"\" *",
    },
    CommandInfo {
        kind: CommandKind::Lsub,
        syntax: "LSUB reference pattern",
        example: "a1 LSUB \"\" %",
    },
    CommandInfo {
        kind: CommandKind::Status,
        syntax: "STATUS mailbox (item...)",
        example: "a1 STATUS INBOX (MESSAGES UNSEEN)",
    },
    CommandInfo {
        kind: CommandKind::Append,
        syntax: "APPEND mailbox [(flags)] [\"date-time\"] {size}",
        example: "a1 APPEND INBOX (\\Seen) {11}\r\nHello world",
    },
    CommandInfo {
        kind: CommandKind::Namespace,
        syntax: "NAMESPACE",
        example: "a1 NAMESPACE",
    },
    CommandInfo {
        kind: CommandKind::Idle,
        syntax: "IDLE (then DONE)",
        example: "a1 IDLE",
    },
    CommandInfo {
        kind: CommandKind::Check,
        syntax: "CHECK",
        example: "a1 CHECK",
    },
    CommandInfo {
        kind: CommandKind::Close,
        syntax: "CLOSE",
        example: "a1 CLOSE",
    },
    CommandInfo {
        kind: CommandKind::Unselect,
        syntax: "UNSELECT",
        example: "a1 UNSELECT",
    },
    CommandInfo {
        kind: CommandKind::Expunge,
        syntax: "EXPUNGE",
        example: "a1 EXPUNGE",
    },
    CommandInfo {
        kind: CommandKind::Search,
        syntax: "SEARCH [CHARSET name] key...",
        example: "a1 SEARCH UNSEEN FROM alice",
    },
    CommandInfo {
        kind: CommandKind::Fetch,
        syntax: "FETCH sequence-set item | (item...) [(CHANGEDSINCE modseq)]",
        example: "a1 FETCH 1:* (FLAGS ENVELOPE)",
    },
    CommandInfo {
        kind: CommandKind::Store,
        syntax: "STORE sequence-set [(UNCHANGEDSINCE modseq)] [+|-]FLAGS[.SILENT] (flags)",
        example: "a1 STORE 1 +FLAGS (\\Seen)",
    },
    CommandInfo {
        kind: CommandKind::Copy,
        syntax: "COPY sequence-set mailbox",
        example: "a1 COPY 1:3 Archive",
    },
    CommandInfo {
        kind: CommandKind::Move,
        syntax: "MOVE sequence-set mailbox",
        example: "a1 MOVE 2 Archive",
    },
    CommandInfo {
        kind: CommandKind::UidFetch,
        syntax: "UID FETCH uid-set item | (item...) [(CHANGEDSINCE modseq [VANISHED])]",
        example: "a1 UID FETCH 1:* (UID FLAGS)",
    },
    CommandInfo {
        kind: CommandKind::UidSearch,
        syntax: "UID SEARCH [CHARSET name] key...",
        example: "a1 UID SEARCH SINCE 1-Feb-1994",
    },
    CommandInfo {
        kind: CommandKind::Sort,
        syntax: "SORT [RETURN (options)] (criteria) charset key...",
        example: "a1 SORT (REVERSE DATE) UTF-8 UNSEEN",
    },
    CommandInfo {
        kind: CommandKind::UidSort,
        syntax: "UID SORT [RETURN (options)] (criteria) charset key...",
        example: "a1 UID SORT (SUBJECT DATE) UTF-8 ALL",
    },
    CommandInfo {
        kind: CommandKind::CancelUpdate,
        syntax: "CANCELUPDATE \"tag\" ...",
        example: "a1 CANCELUPDATE \"a5\"",
    },
    CommandInfo {
        kind: CommandKind::UidStore,
        syntax: "UID STORE uid-set [(UNCHANGEDSINCE modseq)] [+|-]FLAGS[.SILENT] (flags)",
        example: "a1 UID STORE 4 -FLAGS.SILENT (\\Flagged)",
    },
    CommandInfo {
        kind: CommandKind::UidCopy,
        syntax: "UID COPY uid-set mailbox",
        example: "a1 UID COPY 4:6 Archive",
    },
    CommandInfo {
        kind: CommandKind::UidMove,
        syntax: "UID MOVE uid-set mailbox",
        example: "a1 UID MOVE 7 Archive",
    },
    CommandInfo {
        kind: CommandKind::UidExpunge,
        syntax: "UID EXPUNGE uid-set",
        example: "a1 UID EXPUNGE 3:5",
    },
];

/// Shorthand for a [`Word`] whose example is its syntax.
const fn w(name: &'static str, syntax: &'static str, example: &'static str) -> Word {
    Word {
        name,
        syntax,
        example,
    }
}

/// The FETCH items and macros.
pub const FETCH_ITEMS: &[Word] = &[
    w("ALL", "ALL", "ALL"),
    w("FAST", "FAST", "FAST"),
    w("FULL", "FULL", "FULL"),
    w("BODY", "BODY", "BODY"),
    w(
        "BODY[",
        "BODY[section]<origin.count>",
        "BODY[HEADER.FIELDS (DATE FROM SUBJECT)]",
    ),
    w(
        "BODY.PEEK[",
        "BODY.PEEK[section]<origin.count>",
        "BODY.PEEK[1.2.MIME]<0.100>",
    ),
    w("BODYSTRUCTURE", "BODYSTRUCTURE", "BODYSTRUCTURE"),
    w("BINARY[", "BINARY[part]<origin.count>", "BINARY[1]"),
    w(
        "BINARY.PEEK[",
        "BINARY.PEEK[part]<origin.count>",
        "BINARY.PEEK[1]<0.64>",
    ),
    w("BINARY.SIZE[", "BINARY.SIZE[part]", "BINARY.SIZE[1]"),
    w("ENVELOPE", "ENVELOPE", "ENVELOPE"),
    w("FLAGS", "FLAGS", "FLAGS"),
    w("INTERNALDATE", "INTERNALDATE", "INTERNALDATE"),
    w("RFC822", "RFC822", "RFC822"),
    w("RFC822.HEADER", "RFC822.HEADER", "RFC822.HEADER"),
    w("RFC822.SIZE", "RFC822.SIZE", "RFC822.SIZE"),
    w("RFC822.TEXT", "RFC822.TEXT", "RFC822.TEXT"),
    w("UID", "UID", "UID"),
    w("MODSEQ", "MODSEQ", "MODSEQ"),
];

/// FETCH's modifiers (RFC 7162), in parentheses after the items.
pub const FETCH_MODIFIERS: &[Word] = &[
    w("CHANGEDSINCE", "(CHANGEDSINCE modseq)", "(CHANGEDSINCE 1)"),
    w(
        "VANISHED",
        "(CHANGEDSINCE modseq VANISHED)",
        "(CHANGEDSINCE 1 VANISHED)",
    ),
];

/// STORE's modifiers (RFC 7162), in parentheses before FLAGS.
pub const STORE_MODIFIERS: &[Word] = &[w(
    "UNCHANGEDSINCE",
    "(UNCHANGEDSINCE modseq)",
    "(UNCHANGEDSINCE 1)",
)];

/// SELECT's and EXAMINE's parameters (RFC 7162), in parentheses after the
/// mailbox.
pub const SELECT_PARAMS: &[Word] = &[
    w("CONDSTORE", "(CONDSTORE)", "(CONDSTORE)"),
    w(
        "QRESYNC",
        "(QRESYNC (uidvalidity modseq [known-uids [(seqs uids)]]))",
        "(QRESYNC (1 1))",
    ),
];

/// The body section specifiers that go inside `BODY[...]`.
pub const SECTION_WORDS: &[Word] = &[
    w("HEADER", "HEADER", "BODY[HEADER]"),
    w(
        "HEADER.FIELDS",
        "HEADER.FIELDS (name...)",
        "BODY[HEADER.FIELDS (FROM SUBJECT)]",
    ),
    w(
        "HEADER.FIELDS.NOT",
        "HEADER.FIELDS.NOT (name...)",
        "BODY[HEADER.FIELDS.NOT (TO)]",
    ),
    w("TEXT", "TEXT", "BODY[TEXT]"),
    w("MIME", "part.MIME", "BODY[1.MIME]"),
];

/// The SEARCH keys, with the shape of their arguments.
pub const SEARCH_KEYS: &[Word] = &[
    w("ALL", "ALL", "ALL"),
    w("ANSWERED", "ANSWERED", "ANSWERED"),
    w("BCC", "BCC string", "BCC bob"),
    w("BEFORE", "BEFORE date", "BEFORE 1-Feb-1994"),
    w("BODY", "BODY string", "BODY \"lunch plans\""),
    w("CC", "CC string", "CC carol"),
    w("DELETED", "DELETED", "DELETED"),
    w("DRAFT", "DRAFT", "DRAFT"),
    w("FLAGGED", "FLAGGED", "FLAGGED"),
    w("FROM", "FROM string", "FROM alice"),
    w(
        "HEADER",
        "HEADER field-name string",
        "HEADER Message-ID \"<123@example.org>\"",
    ),
    w("KEYWORD", "KEYWORD flag", "KEYWORD $Forwarded"),
    w("LARGER", "LARGER n", "LARGER 1000"),
    w("NEW", "NEW", "NEW"),
    w("NOT", "NOT search-key", "NOT SEEN"),
    w("OLD", "OLD", "OLD"),
    w("OLDER", "OLDER seconds", "OLDER 86400"),
    w("ON", "ON date", "ON 1-Feb-1994"),
    w("OR", "OR search-key1 search-key2", "OR SEEN FLAGGED"),
    w("RECENT", "RECENT", "RECENT"),
    w("SEEN", "SEEN", "SEEN"),
    w("SENTBEFORE", "SENTBEFORE date", "SENTBEFORE 1-Feb-1994"),
    w("SENTON", "SENTON date", "SENTON 1-Feb-1994"),
    w("SENTSINCE", "SENTSINCE date", "SENTSINCE 1-Feb-1994"),
    w("SINCE", "SINCE date", "SINCE 1-Feb-1994"),
    w("SMALLER", "SMALLER n", "SMALLER 5000"),
    w("SUBJECT", "SUBJECT string", "SUBJECT \"hello world\""),
    w("TEXT", "TEXT string", "TEXT wonderland"),
    w("TO", "TO string", "TO bob"),
    w("UID", "UID sequence-set", "UID 1:100"),
    w("UNANSWERED", "UNANSWERED", "UNANSWERED"),
    w("UNDELETED", "UNDELETED", "UNDELETED"),
    w("UNDRAFT", "UNDRAFT", "UNDRAFT"),
    w("UNFLAGGED", "UNFLAGGED", "UNFLAGGED"),
    w("UNKEYWORD", "UNKEYWORD flag", "UNKEYWORD $Junk"),
    w("UNSEEN", "UNSEEN", "UNSEEN"),
    w("YOUNGER", "YOUNGER seconds", "YOUNGER 3600"),
    w(
        "MODSEQ",
        "MODSEQ [entry-name entry-type] modseq",
        "MODSEQ 1",
    ),
];

/// SEARCH's return options after RETURN (RFC 4731, with RFC 5182's SAVE):
/// what an ESEARCH answer tells.
pub const SEARCH_RETURN_OPTIONS: &[&str] = &[
    "MIN",
    "MAX",
    "ALL",
    "COUNT",
    "SAVE",
    "PARTIAL 1:10",
    "UPDATE",
    "CONTEXT",
];

/// SORT's criteria (RFC 5256, RFC 5957), REVERSE first: it goes before
/// any of the others. The names come from [`crate::SortKey::name`].
pub const SORT_CRITERIA: &[&str] = &[
    "REVERSE",
    "ARRIVAL",
    "CC",
    "DATE",
    "FROM",
    "SIZE",
    "SUBJECT",
    "TO",
    "DISPLAYFROM",
    "DISPLAYTO",
];

/// The STATUS items.
pub const STATUS_ITEMS: &[&str] = &[
    "MESSAGES",
    "RECENT",
    "UIDNEXT",
    "UIDVALIDITY",
    "UNSEEN",
    "SIZE",
    "HIGHESTMODSEQ",
];

/// LIST-EXTENDED's selection options (RFC 5258), in parentheses before the
/// reference: which names are listed.
pub const LIST_SELECTION_OPTIONS: &[&str] = &["SUBSCRIBED", "REMOTE", "RECURSIVEMATCH"];

/// LIST's return options after RETURN (RFC 5258, with RFC 5819's STATUS and
/// RFC 6154's SPECIAL-USE): what each line also tells.
pub const LIST_RETURN_OPTIONS: &[&str] = &["SUBSCRIBED", "CHILDREN", "SPECIAL-USE", "STATUS"];

/// The special uses CREATE's USE can give (RFC 6154 §3), the five this
/// server knows.
pub const SPECIAL_USES: &[&str] = &["\\Archive", "\\Drafts", "\\Junk", "\\Sent", "\\Trash"];

/// The system flags. `\Recent` is set by the server only.
pub const SYSTEM_FLAGS: &[&str] = &[
    "\\Seen",
    "\\Answered",
    "\\Flagged",
    "\\Deleted",
    "\\Draft",
    "\\Recent",
];

/// The STORE items.
pub const STORE_ITEMS: &[&str] = &[
    "FLAGS",
    "FLAGS.SILENT",
    "+FLAGS",
    "+FLAGS.SILENT",
    "-FLAGS",
    "-FLAGS.SILENT",
];
