//! The client command model: every command of RFC 3501 §6 and the
//! extensions the engine serves (IDLE, UNSELECT, NAMESPACE, ID, ENABLE,
//! MOVE, UIDPLUS's UID EXPUNGE, SASL-IR).

use crate::core::{Atom, Date, DateTime, Flag, ListName, Mailbox, SequenceSet, Tag};
use crate::secret::Secret;

/// A tagged client command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// The client's tag, echoed in the tagged response.
    pub tag: Tag,
    /// What the command asks for.
    pub body: CommandBody,
}

/// The body of a command, one variant per command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandBody {
    // ---- any state (RFC 3501 §6.1) ----
    /// `CAPABILITY`
    Capability,
    /// `NOOP`
    Noop,
    /// `LOGOUT`
    Logout,
    /// `ID ("name" "value" ...)` or `ID NIL` (RFC 2971).
    Id(Option<Vec<(String, Option<String>)>>),
    /// `ENABLE cap ...` (RFC 5161).
    Enable(Vec<Atom>),

    // ---- not authenticated (§6.2) ----
    /// `STARTTLS`
    StartTls,
    /// `AUTHENTICATE mechanism [initial-response]` (SASL-IR, RFC 4959).
    /// The initial response is kept as the base64 text the client sent
    /// (`=` stands for an empty response).
    Authenticate {
        /// The SASL mechanism name, such as `PLAIN`.
        mechanism: Atom,
        /// The base64 initial response, if given: a credential.
        initial_response: Option<Secret>,
    },
    /// `LOGIN user password`
    Login {
        /// The user name.
        username: String,
        /// The password; its `Debug` and `Display` never show it.
        password: Secret,
    },

    // ---- authenticated (§6.3) ----
    /// `SELECT mailbox [(CONDSTORE)]`
    Select(Mailbox, SelectParams),
    /// `EXAMINE mailbox [(CONDSTORE)]`
    Examine(Mailbox, SelectParams),
    /// `CREATE mailbox`, or with RFC 6154's `(USE (\\Archive))`
    /// (CREATE-SPECIAL-USE).
    Create {
        /// The name to create.
        mailbox: Mailbox,
        /// The special uses asked for, each with its backslash, such as
        /// `\\Archive`; `None` without USE, empty for `USE ()`.
        special_use: Option<Vec<String>>,
    },
    /// `DELETE mailbox`
    Delete(Mailbox),
    /// `RENAME from to`
    Rename {
        /// The existing name.
        from: Mailbox,
        /// The new name.
        to: Mailbox,
    },
    /// `SUBSCRIBE mailbox`
    Subscribe(Mailbox),
    /// `UNSUBSCRIBE mailbox`
    Unsubscribe(Mailbox),
    /// `LIST reference pattern`. Both are decoded Unicode text (unless the
    /// client's text is not modified UTF-7); the pattern may hold the
    /// wildcards `*` and `%`.
    List {
        /// The reference name (often empty).
        reference: ListName,
        /// The mailbox pattern (the first one, in the extended form).
        pattern: ListName,
        /// What LIST-EXTENDED (RFC 5258) adds; `None` for the RFC 3501 form.
        extended: Option<Box<ListExtended>>,
    },
    /// `LSUB reference pattern`
    Lsub {
        /// The reference name.
        reference: ListName,
        /// The mailbox pattern.
        pattern: ListName,
    },
    /// `STATUS mailbox (items)`
    Status {
        /// The mailbox asked about.
        mailbox: Mailbox,
        /// The items asked for, in the client's order.
        items: Vec<StatusItem>,
    },
    /// `APPEND mailbox [(flags)] [date-time] literal`
    Append {
        /// The destination mailbox.
        mailbox: Mailbox,
        /// Flags to set on the new message.
        flags: Vec<Flag>,
        /// The internal date to give the message.
        date: Option<DateTime>,
        /// The message, exactly as sent.
        message: Vec<u8>,
        /// MULTIAPPEND (RFC 3502): the messages after the first, appended
        /// with it, all or none. Empty for a plain APPEND.
        more: Vec<AppendMessage>,
    },
    /// `NAMESPACE` (RFC 2342).
    Namespace,
    /// `IDLE` (RFC 2177); ended by a `DONE` line, see [`crate::Decoded::Done`].
    Idle,

    // ---- selected (§6.4) ----
    /// `CHECK`
    Check,
    /// `CLOSE`
    Close,
    /// `UNSELECT` (RFC 3691)
    Unselect,
    /// `EXPUNGE`
    Expunge,
    /// `UID EXPUNGE set` (RFC 4315)
    UidExpunge(SequenceSet),
    /// `[UID] SORT [RETURN (options)] (criteria) charset keys...` (RFC
    /// 5256; RETURN is ESORT's, RFC 5267).
    Sort {
        /// `RETURN (...)`: `None` for a plain SORT, answered with `* SORT`;
        /// otherwise answered with `* ESEARCH`, its ALL in sort order.
        returns: Option<Vec<SearchReturn>>,
        /// The sort program, most significant first.
        criteria: Vec<SortCriterion>,
        /// The charset of the keys' strings (required by SORT).
        charset: String,
        /// Which messages to sort.
        keys: SearchKey,
        /// `UID SORT`: the answer lists UIDs.
        uid: bool,
    },
    /// `CANCELUPDATE "tag" ...` (RFC 5267): stop the updates of the
    /// searches run with `RETURN (UPDATE)` under these tags.
    CancelUpdate(Vec<String>),
    /// `[UID] SEARCH [RETURN (options)] [CHARSET name] keys...`
    Search {
        /// `RETURN (...)` (RFC 4731): `None` for a plain SEARCH, answered
        /// with `* SEARCH`; otherwise the options as written, answered
        /// with `* ESEARCH` (an empty list means ALL).
        returns: Option<Vec<SearchReturn>>,
        /// The charset named by the client, if any.
        charset: Option<String>,
        /// The keys, ANDed together (a single [`SearchKey::And`] when more than one).
        criteria: SearchKey,
        /// Whether this is `UID SEARCH`.
        uid: bool,
    },
    /// `[UID] FETCH set items`
    Fetch {
        /// The messages.
        set: SequenceSet,
        /// What to fetch.
        items: FetchItems,
        /// Whether this is `UID FETCH`.
        uid: bool,
        /// `(CHANGEDSINCE n)` (RFC 7162): only messages whose modseq is
        /// above `n`, each answered with its MODSEQ.
        changed_since: Option<u64>,
        /// `VANISHED` beside CHANGEDSINCE (RFC 7162 §3.2.6, QRESYNC, UID
        /// FETCH only): also tell which of the UIDs were expunged since.
        vanished: bool,
    },
    /// `[UID] STORE set [+|-]FLAGS[.SILENT] (flags)`
    Store {
        /// The messages.
        set: SequenceSet,
        /// Replace, add or remove.
        mode: StoreMode,
        /// Whether `.SILENT` was given.
        silent: bool,
        /// The flags.
        flags: Vec<Flag>,
        /// Whether this is `UID STORE`.
        uid: bool,
        /// `(UNCHANGEDSINCE n)` (RFC 7162): change only messages whose
        /// modseq is not above `n`; the others are reported in `MODIFIED`.
        unchanged_since: Option<u64>,
    },
    /// `[UID] COPY set mailbox`
    Copy {
        /// The messages.
        set: SequenceSet,
        /// The destination.
        mailbox: Mailbox,
        /// Whether this is `UID COPY`.
        uid: bool,
    },
    /// `[UID] MOVE set mailbox` (RFC 6851)
    Move {
        /// The messages.
        set: SequenceSet,
        /// The destination.
        mailbox: Mailbox,
        /// Whether this is `UID MOVE`.
        uid: bool,
    },
}

impl CommandBody {
    /// The first name in the command that the client did not write in
    /// modified UTF-7 ([`Mailbox::NotUtf7`], [`ListName::NotUtf7`]), as
    /// sent. The command is well-formed but that name names no mailbox: a
    /// server answers NO (and LIST or LSUB lists nothing), as Dovecot does.
    pub fn name_not_utf7(&self) -> Option<&str> {
        use CommandBody::*;
        fn mailbox(m: &Mailbox) -> Option<&str> {
            match m {
                Mailbox::NotUtf7(s) => Some(s),
                Mailbox::Inbox | Mailbox::Other(_) => None,
            }
        }
        fn list(l: &ListName) -> Option<&str> {
            match l {
                ListName::NotUtf7(s) => Some(s),
                ListName::Text(_) => None,
            }
        }
        match self {
            Select(m, _) | Examine(m, _) | Delete(m) | Subscribe(m) | Unsubscribe(m) => mailbox(m),
            Create { mailbox: m, .. } => mailbox(m),
            Status { mailbox: m, .. }
            | Append { mailbox: m, .. }
            | Copy { mailbox: m, .. }
            | Move { mailbox: m, .. } => mailbox(m),
            Rename { from, to } => mailbox(from).or_else(|| mailbox(to)),
            List {
                reference, pattern, ..
            }
            | Lsub { reference, pattern } => list(reference).or_else(|| list(pattern)),
            Capability
            | Noop
            | Logout
            | Id(_)
            | Enable(_)
            | StartTls
            | Authenticate { .. }
            | Login { .. }
            | Namespace
            | Idle
            | Check
            | Close
            | Unselect
            | Expunge
            | UidExpunge(_)
            | CancelUpdate(_)
            | Sort { .. }
            | Search { .. }
            | Fetch { .. }
            | Store { .. } => None,
        }
    }
}

/// The parameters of SELECT and EXAMINE (RFC 4466's select-params).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct SelectParams {
    /// `(CONDSTORE)` (RFC 7162 §3.1.8): turn CONDSTORE on and answer
    /// HIGHESTMODSEQ.
    pub condstore: bool,
    /// `(QRESYNC (...))` (RFC 7162 §3.2.5): what the client remembers, so
    /// that the server tells only what changed since.
    pub qresync: Option<Box<Qresync>>,
}

/// The QRESYNC parameter of SELECT and EXAMINE:
/// `QRESYNC (uidvalidity modseq [known-uids [(seqs uids)]])`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Qresync {
    /// The UIDVALIDITY the client last saw.
    pub uid_validity: u32,
    /// The HIGHESTMODSEQ the client last saw.
    pub modseq: u64,
    /// The UIDs the client knows of (all below UIDNEXT when absent).
    pub known_uids: Option<SequenceSet>,
    /// Message numbers and the UIDs they had, pairwise, to help the
    /// server find what vanished (it may ignore them).
    pub seq_match: Option<(SequenceSet, SequenceSet)>,
}

/// What LIST-EXTENDED (RFC 5258) adds to LIST:
/// `LIST (selection) reference (patterns) RETURN (options)`. A command with
/// any of the three parts has one, even if its lists are empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListExtended {
    /// The selection options, before the reference, in the client's order.
    pub selection: Vec<ListSelection>,
    /// The patterns after the first, when they were given in parentheses.
    pub more_patterns: Vec<ListName>,
    /// Whether the patterns were given in parentheses (`("INBOX" "Sent*")`,
    /// also with one pattern).
    pub patterns_parenthesized: bool,
    /// The return options after RETURN; `None` without RETURN.
    pub returns: Option<Vec<ListReturn>>,
}

/// A LIST selection option: which mailboxes are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListSelection {
    /// `SUBSCRIBED`: the subscribed names, existing or not.
    Subscribed,
    /// `REMOTE`: also mailboxes on other servers (there are none here).
    Remote,
    /// `RECURSIVEMATCH`: also parents whose children match the other
    /// options, with CHILDINFO; never alone.
    RecursiveMatch,
}

/// A LIST return option: what each listed line also tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListReturn {
    /// `SUBSCRIBED`: mark subscribed names `\Subscribed`.
    Subscribed,
    /// `CHILDREN`: `\HasChildren` / `\HasNoChildren`.
    Children,
    /// `SPECIAL-USE` (RFC 6154): the special-use attributes.
    SpecialUse,
    /// `STATUS (items)` (RFC 5819, LIST-STATUS): a STATUS line after each
    /// selectable mailbox.
    Status(Vec<StatusItem>),
}

/// A STATUS data item name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusItem {
    /// `MESSAGES`
    Messages,
    /// `RECENT`
    Recent,
    /// `UIDNEXT`
    UidNext,
    /// `UIDVALIDITY`
    UidValidity,
    /// `UNSEEN`
    Unseen,
    /// `SIZE` (RFC 8438, STATUS=SIZE): the sum of the message sizes in
    /// octets, a 63-bit number.
    Size,
    /// `HIGHESTMODSEQ` (RFC 7162, CONDSTORE): the mailbox's highest
    /// modification sequence, a 63-bit number.
    HighestModSeq,
}

impl StatusItem {
    /// Every item, in the order a server answers them (Dovecot's order,
    /// whatever the order asked).
    pub const ALL: [StatusItem; 7] = [
        StatusItem::Messages,
        StatusItem::Recent,
        StatusItem::UidNext,
        StatusItem::UidValidity,
        StatusItem::Unseen,
        StatusItem::HighestModSeq,
        StatusItem::Size,
    ];
}

/// How STORE changes flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StoreMode {
    /// `FLAGS`: replace.
    Replace,
    /// `+FLAGS`: add.
    Add,
    /// `-FLAGS`: remove.
    Remove,
}

/// One more message of a MULTIAPPEND (RFC 3502): `[(flags)] [date-time] literal`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppendMessage {
    /// Flags to set on the message.
    pub flags: Vec<Flag>,
    /// The internal date to give it.
    pub date: Option<DateTime>,
    /// The message, exactly as sent.
    pub message: Vec<u8>,
}

/// The items of a FETCH: a macro or a list (a single item is a list of one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchItems {
    /// `ALL`: FLAGS INTERNALDATE RFC822.SIZE ENVELOPE.
    All,
    /// `FAST`: FLAGS INTERNALDATE RFC822.SIZE.
    Fast,
    /// `FULL`: FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY.
    Full,
    /// Explicit items. `parenthesized` records whether the client wrote
    /// parentheses, so encoding gives back the same bytes.
    List {
        /// The items, in the client's order.
        items: Vec<FetchAttr>,
        /// Whether they were written inside `( )`.
        parenthesized: bool,
    },
}

impl FetchItems {
    /// The items with macros expanded.
    pub fn expand(&self) -> Vec<FetchAttr> {
        use FetchAttr::*;
        match self {
            FetchItems::All => vec![Flags, InternalDate, Rfc822Size, Envelope],
            FetchItems::Fast => vec![Flags, InternalDate, Rfc822Size],
            FetchItems::Full => vec![Flags, InternalDate, Rfc822Size, Envelope, Body],
            FetchItems::List { items, .. } => items.clone(),
        }
    }
}

/// One FETCH data item name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchAttr {
    /// `ENVELOPE`
    Envelope,
    /// `FLAGS`
    Flags,
    /// `INTERNALDATE`
    InternalDate,
    /// `RFC822` (like `BODY[]`, sets `\Seen`)
    Rfc822,
    /// `RFC822.HEADER` (like `BODY.PEEK[HEADER]`)
    Rfc822Header,
    /// `RFC822.SIZE`
    Rfc822Size,
    /// `RFC822.TEXT` (like `BODY[TEXT]`, sets `\Seen`)
    Rfc822Text,
    /// `UID`
    Uid,
    /// `BODY`: the body structure without extension data.
    Body,
    /// `BODYSTRUCTURE`: the body structure with extension data.
    BodyStructure,
    /// `MODSEQ` (RFC 7162): the message's modification sequence.
    ModSeq,
    /// `BODY[section]<partial>` or `BODY.PEEK[section]<partial>`.
    BodySection {
        /// `BODY.PEEK`: does not set `\Seen`.
        peek: bool,
        /// Which part of the message.
        section: Section,
        /// `<origin.count>`: the first octet and the number of octets.
        partial: Option<(u32, u32)>,
    },
    /// `BINARY[part]<partial>` or `BINARY.PEEK[part]<partial>` (RFC 3516):
    /// the part with its transfer encoding undone.
    Binary {
        /// `BINARY.PEEK`: does not set `\Seen`.
        peek: bool,
        /// The part path (`[1, 2]` for `1.2`); empty for the whole message.
        section: Vec<u32>,
        /// `<origin.count>`: the first octet and the number of octets.
        partial: Option<(u32, u32)>,
    },
    /// `BINARY.SIZE[part]` (RFC 3516): the size of the decoded part.
    BinarySize {
        /// The part path; empty for the whole message.
        section: Vec<u32>,
    },
}

/// A body section specifier, such as `1.2.HEADER.FIELDS (From)`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Section {
    /// The part path: `[1, 2]` for `1.2`; empty for the whole message.
    pub part: Vec<u32>,
    /// The text specifier after the part path, if any.
    pub text: Option<SectionText>,
}

/// The text part of a section specifier.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SectionText {
    /// `HEADER`
    Header,
    /// `HEADER.FIELDS (names)`; the names as the client wrote them.
    HeaderFields(Vec<String>),
    /// `HEADER.FIELDS.NOT (names)`
    HeaderFieldsNot(Vec<String>),
    /// `TEXT`
    Text,
    /// `MIME`: only after a part number.
    Mime,
}

/// One option of an extended SEARCH's `RETURN (...)` (RFC 4731; SAVE is
/// RFC 5182's; PARTIAL, UPDATE and CONTEXT are RFC 5267's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SearchReturn {
    /// `MIN`: the lowest matching number.
    Min,
    /// `MAX`: the highest matching number.
    Max,
    /// `ALL`: every matching number, as a sequence set.
    All,
    /// `COUNT`: how many messages match.
    Count,
    /// `SAVE`: keep the result for `$` in later commands.
    Save,
    /// `PARTIAL first:last`: only the matches at these positions (counted
    /// from 1 in ascending order), written lowest first.
    Partial(u32, u32),
    /// `UPDATE`: keep telling, as ADDTO and REMOVEFROM, how the result
    /// changes, until CANCELUPDATE or the mailbox is closed.
    Update,
    /// `CONTEXT`: a hint that the client will narrow this search later;
    /// it changes no answer.
    Context,
}

impl SearchReturn {
    /// The option's name on the wire.
    pub fn name(self) -> &'static str {
        match self {
            SearchReturn::Min => "MIN",
            SearchReturn::Max => "MAX",
            SearchReturn::All => "ALL",
            SearchReturn::Count => "COUNT",
            SearchReturn::Save => "SAVE",
            SearchReturn::Partial(..) => "PARTIAL",
            SearchReturn::Update => "UPDATE",
            SearchReturn::Context => "CONTEXT",
        }
    }

    /// Every option, in the order this list gives them (completion, help);
    /// PARTIAL with an example range.
    pub const EVERY: [SearchReturn; 8] = [
        SearchReturn::Min,
        SearchReturn::Max,
        SearchReturn::All,
        SearchReturn::Count,
        SearchReturn::Save,
        SearchReturn::Partial(1, 10),
        SearchReturn::Update,
        SearchReturn::Context,
    ];
}

/// What SORT orders by (RFC 5256 §3; DISPLAYFROM and DISPLAYTO are
/// SORT=DISPLAY's, RFC 5957).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortKey {
    /// `ARRIVAL`: the internal date.
    Arrival,
    /// `CC`: the mailbox (local part) of the first Cc address.
    Cc,
    /// `DATE`: the Date header, in UTC; the internal date when it has none.
    Date,
    /// `FROM`: the mailbox (local part) of the first From address.
    From,
    /// `SIZE`: RFC822.SIZE.
    Size,
    /// `SUBJECT`: the base subject (without Re:, Fwd:, `[list]` …).
    Subject,
    /// `TO`: the mailbox (local part) of the first To address.
    To,
    /// `DISPLAYFROM`: the first From address as a client shows it: its
    /// display name, else the address.
    DisplayFrom,
    /// `DISPLAYTO`: the same for To.
    DisplayTo,
}

impl SortKey {
    /// Every key, in this order (parser, completion, help).
    pub const EVERY: [SortKey; 9] = [
        SortKey::Arrival,
        SortKey::Cc,
        SortKey::Date,
        SortKey::From,
        SortKey::Size,
        SortKey::Subject,
        SortKey::To,
        SortKey::DisplayFrom,
        SortKey::DisplayTo,
    ];

    /// The key's name on the wire.
    pub fn name(self) -> &'static str {
        match self {
            SortKey::Arrival => "ARRIVAL",
            SortKey::Cc => "CC",
            SortKey::Date => "DATE",
            SortKey::From => "FROM",
            SortKey::Size => "SIZE",
            SortKey::Subject => "SUBJECT",
            SortKey::To => "TO",
            SortKey::DisplayFrom => "DISPLAYFROM",
            SortKey::DisplayTo => "DISPLAYTO",
        }
    }
}

/// One step of a sort program: a key, descending with `REVERSE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SortCriterion {
    /// `REVERSE` before the key.
    pub reverse: bool,
    /// What to order by.
    pub key: SortKey,
}

/// A SEARCH key (RFC 3501 §6.4.4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchKey {
    /// Several keys, all of which must match: a parenthesized list, or the
    /// top-level keys of a SEARCH when there is more than one.
    And(Vec<SearchKey>),
    /// A message sequence set.
    SequenceSet(SequenceSet),
    /// `ALL`
    All,
    /// `ANSWERED`
    Answered,
    /// `BCC string`
    Bcc(String),
    /// `BEFORE date`
    Before(Date),
    /// `BODY string`
    Body(String),
    /// `CC string`
    Cc(String),
    /// `DELETED`
    Deleted,
    /// `DRAFT`
    Draft,
    /// `FLAGGED`
    Flagged,
    /// `FROM string`
    From(String),
    /// `HEADER field-name string`
    Header(String, String),
    /// `KEYWORD flag`
    Keyword(Atom),
    /// `LARGER n`
    Larger(u32),
    /// `NEW`
    New,
    /// `NOT key`
    Not(Box<SearchKey>),
    /// `OLD`
    Old,
    /// `OLDER n` (RFC 5032): an internal date at least `n` seconds ago.
    Older(u32),
    /// `ON date`
    On(Date),
    /// `OR key1 key2`
    Or(Box<SearchKey>, Box<SearchKey>),
    /// `RECENT`
    Recent,
    /// `SEEN`
    Seen,
    /// `SENTBEFORE date`
    SentBefore(Date),
    /// `SENTON date`
    SentOn(Date),
    /// `SENTSINCE date`
    SentSince(Date),
    /// `SINCE date`
    Since(Date),
    /// `SMALLER n`
    Smaller(u32),
    /// `SUBJECT string`
    Subject(String),
    /// `TEXT string`
    Text(String),
    /// `TO string`
    To(String),
    /// `UID set`
    Uid(SequenceSet),
    /// `UNANSWERED`
    Unanswered,
    /// `UNDELETED`
    Undeleted,
    /// `UNDRAFT`
    Undraft,
    /// `UNFLAGGED`
    Unflagged,
    /// `UNKEYWORD flag`
    Unkeyword(Atom),
    /// `UNSEEN`
    Unseen,
    /// `YOUNGER n` (RFC 5032): an internal date less than `n` seconds ago.
    Younger(u32),
    /// `MODSEQ [entry-name entry-type] n` (RFC 7162 §3.1.5): messages
    /// whose modseq is `n` or more. The entry, a flag's metadata name, is
    /// kept but may be ignored, as RFC 7162 allows.
    ModSeq {
        /// The entry name (such as `/flags/\\draft`) and its type.
        entry: Option<(String, EntryType)>,
        /// The smallest modseq that matches.
        modseq: u64,
    },
}

/// The entry type of `SEARCH MODSEQ` (RFC 7162 §3.1.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryType {
    /// `priv`: the user's private flag data.
    Priv,
    /// `shared`: flag data shared by all users.
    Shared,
    /// `all`: either.
    All,
}

impl EntryType {
    /// The word on the wire.
    pub fn name(self) -> &'static str {
        match self {
            EntryType::Priv => "priv",
            EntryType::Shared => "shared",
            EntryType::All => "all",
        }
    }
}
