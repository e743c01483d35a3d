//! The server response model: status responses with their codes,
//! continuation requests and untagged data (RFC 3501 §7, plus the
//! extensions the engine serves).

use crate::command::{Section, StatusItem};
use crate::core::{Atom, DateTime, Flag, FlagPerm, Mailbox, SequenceSet, Tag};

/// One server response, written as one line plus any literals inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    /// `tag OK|NO|BAD [code] text` or `* OK|NO|BAD|PREAUTH|BYE [code] text`.
    Status(StatusResponse),
    /// `* ...` untagged data.
    Data(Data),
    /// `+ text` or `+ base64`: the server waits for more from the client.
    Continue(Continue),
}

/// The kind of a status response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusKind {
    /// `OK`
    Ok,
    /// `NO`: the command failed.
    No,
    /// `BAD`: the command was not understood or not allowed now.
    Bad,
    /// `PREAUTH`: greeting of a session that starts authenticated.
    PreAuth,
    /// `BYE`: the server is closing the connection.
    Bye,
}

impl StatusKind {
    /// The word on the wire: `OK`, `NO`, `BAD`, `PREAUTH` or `BYE`.
    pub fn name(self) -> &'static str {
        match self {
            StatusKind::Ok => "OK",
            StatusKind::No => "NO",
            StatusKind::Bad => "BAD",
            StatusKind::PreAuth => "PREAUTH",
            StatusKind::Bye => "BYE",
        }
    }
}

/// A status response. PREAUTH and BYE are always untagged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusResponse {
    /// The tag, or `None` for `*`.
    pub tag: Option<Tag>,
    /// OK, NO, BAD, PREAUTH or BYE.
    pub kind: StatusKind,
    /// The bracketed response code, if any.
    pub code: Option<Code>,
    /// Human-readable text; never empty on the wire (encoders write at least one character).
    pub text: String,
}

/// A response code, the bracketed part of a status response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Code {
    /// `ALERT`
    Alert,
    /// `BADCHARSET (charsets)`
    BadCharset(Vec<String>),
    /// `CAPABILITY caps`
    Capability(Vec<Capability>),
    /// `PARSE`
    Parse,
    /// `PERMANENTFLAGS (flags)`
    PermanentFlags(Vec<FlagPerm>),
    /// `READ-ONLY`
    ReadOnly,
    /// `READ-WRITE`
    ReadWrite,
    /// `TRYCREATE`
    TryCreate,
    /// `UIDNEXT n`
    UidNext(u32),
    /// `UIDVALIDITY n`
    UidValidity(u32),
    /// `UNSEEN n`
    Unseen(u32),
    /// `APPENDUID uidvalidity uid-set` (RFC 4315)
    AppendUid {
        /// The destination mailbox's UIDVALIDITY.
        uid_validity: u32,
        /// The UIDs given to the appended message(s).
        uids: SequenceSet,
    },
    /// `COPYUID uidvalidity source-set destination-set` (RFC 4315)
    CopyUid {
        /// The destination mailbox's UIDVALIDITY.
        uid_validity: u32,
        /// The source messages' UIDs.
        source: SequenceSet,
        /// The new UIDs, in the same order.
        destination: SequenceSet,
    },
    /// `UIDNOTSTICKY` (RFC 4315)
    UidNotSticky,
    /// `CLOSED` (RFC 7162): the previous mailbox was closed by this SELECT.
    Closed,
    /// `AUTHENTICATIONFAILED` (RFC 5530)
    AuthenticationFailed,
    /// `AUTHORIZATIONFAILED` (RFC 5530)
    AuthorizationFailed,
    /// `PRIVACYREQUIRED` (RFC 5530)
    PrivacyRequired,
    /// `NONEXISTENT` (RFC 5530)
    NonExistent,
    /// `ALREADYEXISTS` (RFC 5530)
    AlreadyExists,
    /// `CANNOT` (RFC 5530)
    Cannot,
    /// `LIMIT` (RFC 5530)
    Limit,
    /// `INUSE` (RFC 5530)
    InUse,
    /// `EXPUNGEISSUED` (RFC 5530)
    ExpungeIssued,
    /// `CLIENTBUG` (RFC 5530)
    ClientBug,
    /// `SERVERBUG` (RFC 5530)
    ServerBug,
    /// `UNAVAILABLE` (RFC 5530)
    Unavailable,
    /// `NOPERM` (RFC 5530)
    NoPerm,
    /// `USEATTR` (RFC 6154): a special use the server cannot give, in
    /// CREATE's USE or the like.
    UseAttr,
    /// `HIGHESTMODSEQ n` (RFC 7162): the mailbox's highest modseq, after
    /// SELECT or EXAMINE.
    HighestModSeq(u64),
    /// `NOMODSEQ` (RFC 7162): the mailbox keeps no modseqs.
    NoModSeq,
    /// `MODIFIED set` (RFC 7162): the messages a conditional STORE left
    /// alone because they changed since the client's modseq.
    Modified(SequenceSet),
    /// `UNKNOWN-CTE` (RFC 3516): a part's Content-Transfer-Encoding cannot
    /// be undone, so BINARY cannot give its content.
    UnknownCte,
    /// Any other code: its atom and the text after it, if any.
    Other(Atom, Option<String>),
}

impl Code {
    /// The codes that carry no argument, each once: the parser knows
    /// them by [`Code::name`].
    pub const PLAIN: [Code; 23] = [
        Code::Alert,
        Code::Parse,
        Code::ReadOnly,
        Code::ReadWrite,
        Code::TryCreate,
        Code::UidNotSticky,
        Code::Closed,
        Code::AuthenticationFailed,
        Code::AuthorizationFailed,
        Code::PrivacyRequired,
        Code::NonExistent,
        Code::AlreadyExists,
        Code::Cannot,
        Code::Limit,
        Code::InUse,
        Code::ExpungeIssued,
        Code::ClientBug,
        Code::ServerBug,
        Code::Unavailable,
        Code::NoPerm,
        Code::UseAttr,
        Code::NoModSeq,
        Code::UnknownCte,
    ];

    /// The atom that names the code on the wire, such as `READ-ONLY` or
    /// `UIDVALIDITY`; for [`Code::Other`], its own atom.
    pub fn name(&self) -> &str {
        match self {
            Code::Alert => "ALERT",
            Code::BadCharset(_) => "BADCHARSET",
            Code::Capability(_) => "CAPABILITY",
            Code::Parse => "PARSE",
            Code::PermanentFlags(_) => "PERMANENTFLAGS",
            Code::ReadOnly => "READ-ONLY",
            Code::ReadWrite => "READ-WRITE",
            Code::TryCreate => "TRYCREATE",
            Code::UidNext(_) => "UIDNEXT",
            Code::UidValidity(_) => "UIDVALIDITY",
            Code::Unseen(_) => "UNSEEN",
            Code::AppendUid { .. } => "APPENDUID",
            Code::CopyUid { .. } => "COPYUID",
            Code::UidNotSticky => "UIDNOTSTICKY",
            Code::Closed => "CLOSED",
            Code::AuthenticationFailed => "AUTHENTICATIONFAILED",
            Code::AuthorizationFailed => "AUTHORIZATIONFAILED",
            Code::PrivacyRequired => "PRIVACYREQUIRED",
            Code::NonExistent => "NONEXISTENT",
            Code::AlreadyExists => "ALREADYEXISTS",
            Code::Cannot => "CANNOT",
            Code::Limit => "LIMIT",
            Code::InUse => "INUSE",
            Code::UseAttr => "USEATTR",
            Code::HighestModSeq(_) => "HIGHESTMODSEQ",
            Code::NoModSeq => "NOMODSEQ",
            Code::Modified(_) => "MODIFIED",
            Code::ExpungeIssued => "EXPUNGEISSUED",
            Code::ClientBug => "CLIENTBUG",
            Code::ServerBug => "SERVERBUG",
            Code::Unavailable => "UNAVAILABLE",
            Code::NoPerm => "NOPERM",
            Code::UnknownCte => "UNKNOWN-CTE",
            Code::Other(atom, _) => atom.as_str(),
        }
    }
}

/// A capability name such as `IMAP4rev1`, `IDLE` or `AUTH=PLAIN`.
pub type Capability = Atom;

/// A continuation request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Continue {
    /// `+ text`: plain words, for literals and IDLE.
    Text(String),
    /// `+ base64`: a SASL challenge (decoded bytes).
    Base64(Vec<u8>),
}

/// Untagged data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Data {
    /// `* CAPABILITY caps`
    Capability(Vec<Capability>),
    /// `* LIST (attrs) delimiter name`
    List(ListEntry),
    /// `* LSUB (attrs) delimiter name`
    Lsub(ListEntry),
    /// `* STATUS mailbox (item value ...)`
    Status {
        /// The mailbox.
        mailbox: Mailbox,
        /// The items and their values, in order (a `u64` for SIZE and
        /// HIGHESTMODSEQ; the others are 32-bit numbers).
        items: Vec<(StatusItem, u64)>,
    },
    /// `* SEARCH n ...`
    Search(Vec<u32>),
    /// `* ESEARCH (TAG "t") [UID] items` (RFC 4731): the answer to a
    /// SEARCH with `RETURN (...)`.
    ESearch {
        /// The tag of the command answered (`(TAG "a1")`), if given.
        tag: Option<String>,
        /// Whether the numbers are UIDs (the answer to `UID SEARCH`).
        uid: bool,
        /// The results, in the server's order.
        items: Vec<ESearchItem>,
    },
    /// `* SEARCH n ... (MODSEQ m)` (RFC 7162 §3.1.5): the answer to a
    /// SEARCH with a MODSEQ key that found something; `modseq` is the
    /// highest modseq of the messages found.
    SearchModSeq {
        /// The numbers found (never empty).
        numbers: Vec<u32>,
        /// The highest modseq among them.
        modseq: u64,
    },
    /// `* SORT n ... [(MODSEQ m)]` (RFC 5256): the numbers (UIDs for UID
    /// SORT) in the order asked for; with a MODSEQ key, the highest modseq
    /// of what was found (RFC 7162 §3.1.5).
    Sort {
        /// The numbers, sorted.
        numbers: Vec<u32>,
        /// `(MODSEQ m)` at the end, if any.
        modseq: Option<u64>,
    },
    /// `* FLAGS (flags)`
    Flags(Vec<Flag>),
    /// `* n EXISTS`
    Exists(u32),
    /// `* n RECENT`
    Recent(u32),
    /// `* n EXPUNGE`
    Expunge(u32),
    /// `* n FETCH (items)`
    Fetch {
        /// The message sequence number.
        seq: u32,
        /// The data items, in the server's order.
        items: Vec<FetchValue>,
    },
    /// `* VANISHED [(EARLIER)] uids` (RFC 7162 §3.2.10, QRESYNC): UIDs
    /// that are gone, instead of EXPUNGE; EARLIER for expunges that
    /// happened before, told on request (SELECT's QRESYNC, UID FETCH's
    /// VANISHED).
    Vanished {
        /// `(EARLIER)`: not news, an answer about the past.
        earlier: bool,
        /// The UIDs.
        uids: SequenceSet,
    },
    /// `* ENABLED caps` (RFC 5161)
    Enabled(Vec<Capability>),
    /// `* ID (...)` or `* ID NIL` (RFC 2971)
    Id(Option<Vec<(String, Option<String>)>>),
    /// `* NAMESPACE personal other shared` (RFC 2342); `None` is NIL.
    Namespace {
        /// Personal namespaces.
        personal: Option<Vec<NamespaceEntry>>,
        /// Other users' namespaces.
        other: Option<Vec<NamespaceEntry>>,
        /// Shared namespaces.
        shared: Option<Vec<NamespaceEntry>>,
    },
}

/// One result of an ESEARCH response (RFC 4731). MIN, MAX and ALL are
/// left out when nothing matched; COUNT is then 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ESearchItem {
    /// `MIN n`
    Min(u32),
    /// `MAX n`
    Max(u32),
    /// `ALL set`, such as `1:5,7`.
    All(SequenceSet),
    /// `COUNT n`
    Count(u32),
    /// `MODSEQ n`: the highest modseq of the messages that match, when
    /// the search used a MODSEQ key (RFC 7162 §3.1.5).
    ModSeq(u64),
    /// `PARTIAL (first:last set)` (RFC 5267): the matches at positions
    /// `first` to `last`; `None` (written `NIL`) when there are none.
    Partial {
        /// The first position asked for, counted from 1.
        first: u32,
        /// The last position asked for.
        last: u32,
        /// The numbers at those positions.
        set: Option<SequenceSet>,
    },
    /// `ADDTO (position set ...)` (RFC 5267): messages that now match a
    /// search run with `RETURN (UPDATE)`. Position 0 says the server does
    /// not tell where in the result they go (Dovecot's way for SEARCH).
    AddTo(Vec<(u32, SequenceSet)>),
    /// `REMOVEFROM (position set ...)`: messages that left its result.
    RemoveFrom(Vec<(u32, SequenceSet)>),
}

/// One namespace: a prefix and its hierarchy delimiter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamespaceEntry {
    /// The prefix, such as `""` or `"Other Users/"`.
    pub prefix: String,
    /// The hierarchy delimiter, or `None` for NIL.
    pub delimiter: Option<char>,
}

/// The body of a LIST or LSUB response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListEntry {
    /// Name attributes such as `\Noselect`, `\HasChildren`, `\Sent`;
    /// each written with its backslash.
    pub attributes: Vec<String>,
    /// The hierarchy delimiter, or `None` for NIL (flat namespace).
    pub delimiter: Option<char>,
    /// The mailbox name, decoded to Unicode. LIST "" "" returns an empty name,
    /// which is `Mailbox::Other("")`.
    pub mailbox: Mailbox,
    /// LIST-EXTENDED's CHILDINFO (RFC 5258 §3.5): the selection options,
    /// such as `SUBSCRIBED`, that a child of this name matches where the
    /// name itself does not (answering RECURSIVEMATCH). Empty when absent;
    /// other extended data is not kept.
    pub child_info: Vec<String>,
}

/// One FETCH data item with its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchValue {
    /// `FLAGS (flags)`
    Flags(Vec<Flag>),
    /// `INTERNALDATE "date-time"`
    InternalDate(DateTime),
    /// `RFC822.SIZE n`
    Rfc822Size(u32),
    /// `ENVELOPE (...)`
    Envelope(Box<Envelope>),
    /// `BODY (...)`: structure without extension data.
    Body(Box<BodyStructure>),
    /// `BODYSTRUCTURE (...)`: structure with extension data.
    BodyStructure(Box<BodyStructure>),
    /// `BODY[section]<origin> nstring`
    BodySection {
        /// The section, as requested (HEADER.FIELDS names as the client wrote them).
        section: Section,
        /// For a partial fetch, the first octet returned.
        origin: Option<u32>,
        /// The bytes, or `None` for NIL.
        data: Option<Vec<u8>>,
    },
    /// `UID n`
    Uid(u32),
    /// `MODSEQ (n)` (RFC 7162)
    ModSeq(u64),
    /// `RFC822 nstring`
    Rfc822(Option<Vec<u8>>),
    /// `RFC822.HEADER nstring`
    Rfc822Header(Option<Vec<u8>>),
    /// `RFC822.TEXT nstring`
    Rfc822Text(Option<Vec<u8>>),
    /// `BINARY[part]<origin> literal` (RFC 3516): the part's content with
    /// its transfer encoding undone.
    Binary {
        /// The part path, as requested (empty for the whole message).
        section: Vec<u32>,
        /// For a partial fetch, the first octet returned.
        origin: Option<u32>,
        /// The decoded bytes, or `None` for NIL.
        data: Option<Vec<u8>>,
        /// Sent as a literal8 (`~{n}`): the bytes were decoded from base64
        /// or quoted-printable, or hold a NUL.
        literal8: bool,
    },
    /// `BINARY.SIZE[part] n` (RFC 3516): the size of the decoded content.
    BinarySize {
        /// The part path, as requested.
        section: Vec<u32>,
        /// Octets after decoding.
        size: u32,
    },
}

/// A string that may be NIL. Bytes, because header values may hold 8-bit data.
pub type NString = Option<Vec<u8>>;

/// The ENVELOPE of a message (RFC 3501 §7.4.2). Address lists that are
/// empty are written as NIL.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Envelope {
    /// The Date header, unparsed.
    pub date: NString,
    /// The Subject header, unparsed (encoded words are not decoded).
    pub subject: NString,
    /// From
    pub from: Vec<Address>,
    /// Sender (defaults to From)
    pub sender: Vec<Address>,
    /// Reply-To (defaults to From)
    pub reply_to: Vec<Address>,
    /// To
    pub to: Vec<Address>,
    /// Cc
    pub cc: Vec<Address>,
    /// Bcc
    pub bcc: Vec<Address>,
    /// In-Reply-To
    pub in_reply_to: NString,
    /// Message-ID
    pub message_id: NString,
}

/// One address of an ENVELOPE. A group is written as a start marker
/// (`host` NIL, `mailbox` the group name) and an end marker (all but
/// `host` and `mailbox` NIL, both NIL).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Address {
    /// The display name.
    pub name: NString,
    /// The source route (obsolete; normally NIL).
    pub adl: NString,
    /// The local part, or the group name for a group start.
    pub mailbox: NString,
    /// The domain, or NIL for group markers.
    pub host: NString,
}

/// A MIME body structure (RFC 3501 §7.4.2, BODY and BODYSTRUCTURE).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyStructure {
    /// A non-multipart body.
    Single {
        /// Type, subtype and the fields common to every single part.
        fields: BodyFields,
        /// What depends on the type: nothing, TEXT's line count, or
        /// MESSAGE/RFC822's envelope, inner structure and line count.
        specific: SinglePartKind,
        /// Extension data (BODYSTRUCTURE only); `None` for BODY.
        extension: Option<SinglePartExtension>,
    },
    /// A multipart body.
    Multi {
        /// The parts, in order. Never empty.
        parts: Vec<BodyStructure>,
        /// The subtype, such as `MIXED` or `ALTERNATIVE`.
        subtype: String,
        /// Extension data (BODYSTRUCTURE only); `None` for BODY.
        extension: Option<MultiPartExtension>,
    },
}

/// The fields every single part has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyFields {
    /// The media type, such as `TEXT` or `IMAGE`.
    pub media_type: String,
    /// The subtype, such as `PLAIN`.
    pub subtype: String,
    /// Content-Type parameters as (name, value) pairs; empty is NIL.
    pub params: Vec<(String, String)>,
    /// Content-ID
    pub id: NString,
    /// Content-Description
    pub description: NString,
    /// Content-Transfer-Encoding, such as `7BIT` or `BASE64`.
    pub encoding: String,
    /// Size of the body in octets, in its transfer encoding.
    pub octets: u32,
}

/// The type-specific part of a single-part body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SinglePartKind {
    /// Any type other than TEXT and MESSAGE/RFC822.
    Basic,
    /// TEXT/*: the body's size in lines.
    Text {
        /// Number of lines.
        lines: u32,
    },
    /// MESSAGE/RFC822: the inner message.
    Message {
        /// The inner message's envelope.
        envelope: Box<Envelope>,
        /// The inner message's structure.
        body: Box<BodyStructure>,
        /// Size of the encapsulated message in lines.
        lines: u32,
    },
}

/// A Content-Disposition: its value and parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disposition {
    /// Such as `attachment` or `inline`.
    pub kind: String,
    /// Parameters; empty is NIL.
    pub params: Vec<(String, String)>,
}

/// Extension data of a single part, in BODYSTRUCTURE.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SinglePartExtension {
    /// Content-MD5
    pub md5: NString,
    /// Content-Disposition, or NIL.
    pub disposition: Option<Disposition>,
    /// Content-Language values; empty is NIL.
    pub language: Vec<String>,
    /// Content-Location
    pub location: NString,
}

/// Extension data of a multipart, in BODYSTRUCTURE.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MultiPartExtension {
    /// Content-Type parameters (such as the boundary); empty is NIL.
    pub params: Vec<(String, String)>,
    /// Content-Disposition, or NIL.
    pub disposition: Option<Disposition>,
    /// Content-Language values; empty is NIL.
    pub language: Vec<String>,
    /// Content-Location
    pub location: NString,
}
