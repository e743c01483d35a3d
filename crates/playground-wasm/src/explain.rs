//! Plain-words explanations of server responses, and the facts a lesson
//! checks, both driven by the syntax crate's response model.
//!
//! [`explain_response`] turns one parsed [`Response`] into an
//! [`Explanation`]: a title, paragraphs and terms, in the project's own
//! words, naming this session's numbers and mailboxes. Every `match` over
//! the model's enums is exhaustive (no wildcard arm), so a variant added to
//! `imap-syntax` without an explanation here fails to compile.
//!
//! [`Facts`] follows one session's transcript the way a client would (tags
//! to commands, EXISTS, EXPUNGE renumbering, FLAGS from FETCH answers) so
//! lessons can check what the learner actually did. The `#[wasm_bindgen]`
//! layer at the end exposes both: `Playground.explain`,
//! `Playground.vocabulary` and the `Teacher` class.

use imap_syntax::{
    Address, BodyStructure, Code, Continue, Data, Encode, Envelope, FetchValue, Flag, FlagPerm,
    Response, Section, SectionText, SequenceSet, SinglePartKind, StatusItem, StatusKind,
    StatusResponse, parse_response,
};
use serde::Serialize;

mod api;
mod facts;
#[cfg(test)]
mod tests;

pub use api::{CommandView, Teacher, VocabularyView, WordView, vocabulary};
pub use facts::Facts;

/// One named part of a response and what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    /// The part as it appears on the wire, such as `UIDVALIDITY 3857529045`.
    pub term: String,
    /// What it means, in plain words.
    pub meaning: String,
}

/// The explanation of one response line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// A short name for the kind of response, such as `untagged EXPUNGE`.
    pub title: String,
    /// What the response means for this session, one idea per paragraph.
    pub paragraphs: Vec<String>,
    /// The response's parts (code, items, fields) with their meanings.
    pub terms: Vec<Term>,
}

/// What the explainer knows about the session when the line arrived.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    /// Messages in the selected mailbox just before this line, if known.
    pub exists: Option<u32>,
    /// The selected mailbox, if known.
    pub mailbox: Option<String>,
    /// The command the line's tag belongs to, such as `FETCH`, if known.
    pub command: Option<String>,
}

impl Explanation {
    fn new(title: impl Into<String>) -> Self {
        Explanation {
            title: title.into(),
            paragraphs: Vec::new(),
            terms: Vec::new(),
        }
    }

    fn say(&mut self, text: impl Into<String>) {
        self.paragraphs.push(text.into());
    }

    fn term(&mut self, term: impl Into<String>, meaning: impl Into<String>) {
        self.terms.push(Term {
            term: term.into(),
            meaning: meaning.into(),
        });
    }
}

/// Explains the bytes of one whole response (with or without its CRLF).
/// Bytes that do not parse get an explanation of their own.
pub fn explain_bytes(bytes: &[u8], ctx: &Context) -> Explanation {
    let mut owned;
    let bytes = if bytes.ends_with(b"\r\n") {
        bytes
    } else {
        owned = bytes.strip_suffix(b"\n").unwrap_or(bytes).to_vec();
        owned.extend_from_slice(b"\r\n");
        &owned[..]
    };
    match parse_response(bytes) {
        Ok(response) => explain_response(&response, ctx),
        Err(error) => {
            let mut e = Explanation::new("not a response");
            e.say(
                "This line is not something an IMAP server sends: the response parser \
                 stopped on it. Lines you typed yourself, notes from the terminal and a \
                 real server's non-standard output end up here.",
            );
            e.term("parser", error.to_string());
            e
        }
    }
}

/// Explains one parsed response in the light of `ctx`.
pub fn explain_response(response: &Response, ctx: &Context) -> Explanation {
    match response {
        Response::Status(status) => explain_status(status, ctx),
        Response::Data(data) => explain_data(data, ctx),
        Response::Continue(cont) => explain_continue(cont, ctx),
    }
}

fn mailbox_phrase(ctx: &Context) -> String {
    match &ctx.mailbox {
        Some(m) => format!("the selected mailbox {m}"),
        None => "the selected mailbox".to_owned(),
    }
}

fn explain_status(status: &StatusResponse, ctx: &Context) -> Explanation {
    let command = ctx.command.as_deref();
    let (title, lead) = match (&status.tag, status.kind) {
        (Some(tag), kind) => {
            let what = match command {
                Some(c) => format!("your {c} command (tag {tag})"),
                None => format!("the command you sent with tag {tag}"),
            };
            let verdict = match kind {
                StatusKind::Ok => format!(
                    "{what} is finished and it worked. The untagged lines (starting \
                     with *) since the command are mostly its answer, but not always: \
                     a server may send data unasked at any time, such as new mail or \
                     flags another session changed, and a client must accept it \
                     whenever it comes."
                ),
                StatusKind::No => {
                    let effect = if matches!(command, Some("SELECT" | "EXAMINE")) {
                        "A failed SELECT or EXAMINE still changes something: the mailbox \
                         that was selected before is closed, so now no mailbox is \
                         selected and you are back in the authenticated state."
                    } else {
                        "For most commands a NO leaves everything as it was; the \
                         exception is SELECT and EXAMINE, whose failure leaves no \
                         mailbox selected."
                    };
                    format!(
                        "{what} is finished but it failed: the server understood it and \
                         refused it (wrong password, no such mailbox, nothing to do here). \
                         {effect} The text says why."
                    )
                }
                StatusKind::Bad => format!(
                    "{what} was rejected before it ran: the server could not parse it, \
                     or the command is not allowed in this state. Check the spelling, \
                     the arguments and whether you are logged in or have a mailbox \
                     selected."
                ),
                StatusKind::PreAuth => format!(
                    "The tag {tag} on a PREAUTH line is unusual: PREAUTH is a greeting \
                     and is normally untagged."
                ),
                StatusKind::Bye => format!(
                    "The tag {tag} on a BYE line is unusual: BYE announces that the \
                     server closes the connection and is normally untagged."
                ),
            };
            (format!("tagged {}", kind_word(kind)), verdict)
        }
        (None, kind) => {
            let text = match kind {
                StatusKind::Ok => "An untagged OK is information, not the end of a command: \
                     the greeting when you connect, or a fact (often in the bracketed \
                     code) that the server wants you to know now."
                    .to_owned(),
                StatusKind::No => "An untagged NO is a warning that does not end any \
                     command: the server tells you something went wrong in the background."
                    .to_owned(),
                StatusKind::Bad => "An untagged BAD means the server could not even find a \
                     tag in what it received, so it cannot say which command was wrong. \
                     Usually a protocol error on the client's side."
                    .to_owned(),
                StatusKind::PreAuth => "PREAUTH is a greeting for a connection that is \
                     already logged in (for example over a trusted local channel): skip \
                     LOGIN and go straight to SELECT."
                    .to_owned(),
                StatusKind::Bye => "BYE: the server is about to close the connection. After \
                     LOGOUT this is normal; at any other time it means the server gave up \
                     on the session (shutting down, idle too long, too many errors)."
                    .to_owned(),
            };
            (format!("untagged {}", kind_word(kind)), text)
        }
    };
    let mut e = Explanation::new(title);
    e.say(lead);
    if let Some(code) = &status.code {
        explain_code(code, ctx, &mut e);
    }
    e.term(
        "text",
        format!(
            "“{}”: free text for people; programs must not rely on it.",
            status.text
        ),
    );
    e
}

fn kind_word(kind: StatusKind) -> &'static str {
    match kind {
        StatusKind::Ok => "OK",
        StatusKind::No => "NO",
        StatusKind::Bad => "BAD",
        StatusKind::PreAuth => "PREAUTH",
        StatusKind::Bye => "BYE",
    }
}

fn set_text(set: &SequenceSet) -> String {
    String::from_utf8_lossy(&set.to_bytes()).into_owned()
}

fn list_text<T: std::fmt::Display>(items: &[T]) -> String {
    if items.is_empty() {
        return "(none)".to_owned();
    }
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

fn explain_code(code: &Code, ctx: &Context, e: &mut Explanation) {
    let mb = mailbox_phrase(ctx);
    let (term, meaning) = match code {
        Code::Alert => (
            "[ALERT]".to_owned(),
            "The text must be shown to the person using the client, word for word: \
             it is a message for you, not for the program."
                .to_owned(),
        ),
        Code::BadCharset(sets) => (
            format!("[BADCHARSET {}]", list_text(sets)),
            format!(
                "SEARCH was given a character set the server does not support. It \
                 supports: {}.",
                list_text(sets)
            ),
        ),
        Code::Capability(caps) => (
            "[CAPABILITY …]".to_owned(),
            format!(
                "The server lists what it can do, saving you a CAPABILITY command. \
                 {} capabilities: {}.",
                caps.len(),
                list_text(caps)
            ),
        ),
        Code::Parse => (
            "[PARSE]".to_owned(),
            "The server could not parse the headers or MIME structure of a message; the \
             message is still there, but some fields may be missing."
                .to_owned(),
        ),
        Code::PermanentFlags(flags) => {
            let star = flags.iter().any(|f| matches!(f, FlagPerm::Asterisk));
            let names: Vec<String> = flags
                .iter()
                .filter_map(|f| match f {
                    FlagPerm::Flag(flag) => Some(flag.to_string()),
                    FlagPerm::Asterisk => None,
                })
                .collect();
            (
                "[PERMANENTFLAGS …]".to_owned(),
                format!(
                    "The flags a STORE in {mb} will keep for good: {}.{}{}",
                    list_text(&names),
                    if star {
                        " The \\* means you may also invent keywords of your own (such as $Todo)."
                    } else {
                        ""
                    },
                    if names.is_empty() && !star {
                        " None: the mailbox is read-only for you."
                    } else {
                        ""
                    }
                ),
            )
        }
        Code::ReadOnly => (
            "[READ-ONLY]".to_owned(),
            format!(
                "{mb} is open read-only (EXAMINE, or no write rights): you can read and \
                 search, but STORE, EXPUNGE and anything that changes flags will fail, \
                 and reading does not mark messages \\Seen."
            ),
        ),
        Code::ReadWrite => (
            "[READ-WRITE]".to_owned(),
            format!("{mb} is open for changes: STORE, EXPUNGE and COPY into it all work."),
        ),
        Code::TryCreate => (
            "[TRYCREATE]".to_owned(),
            "The destination mailbox does not exist. CREATE it first, then repeat the \
             COPY or APPEND."
                .to_owned(),
        ),
        Code::UidNext(n) => (
            format!("[UIDNEXT {n}]"),
            format!(
                "The next message added to {mb} will get UID {n} (or higher). A client \
                 that remembers this number knows, next time, that anything at or above \
                 {n} is new."
            ),
        ),
        Code::UidValidity(n) => (
            format!("[UIDVALIDITY {n}]"),
            format!(
                "UIDs in {mb} belong to generation {n}. As long as this number stays the \
                 same, a UID always names the same message; if it ever changes, a client \
                 must forget every UID it cached."
            ),
        ),
        Code::Unseen(n) => (
            format!("[UNSEEN {n}]"),
            format!(
                "Message {n} is the first one in {mb} without \\Seen: where a reader \
                 would start."
            ),
        ),
        Code::AppendUid { uid_validity, uids } => (
            format!("[APPENDUID {uid_validity} {}]", set_text(uids)),
            format!(
                "The appended message got UID {} in a mailbox whose UIDVALIDITY is \
                 {uid_validity}; you can fetch it by that UID without searching.",
                set_text(uids)
            ),
        ),
        Code::CopyUid {
            uid_validity,
            source,
            destination,
        } => (
            format!(
                "[COPYUID {uid_validity} {} {}]",
                set_text(source),
                set_text(destination)
            ),
            format!(
                "The messages with UIDs {} here became UIDs {} in the destination \
                 (UIDVALIDITY {uid_validity}), pair by pair in order.",
                set_text(source),
                set_text(destination)
            ),
        ),
        Code::UidNotSticky => (
            "[UIDNOTSTICKY]".to_owned(),
            format!("{mb} cannot keep UIDs between sessions: do not cache them."),
        ),
        Code::Closed => (
            "[CLOSED]".to_owned(),
            "The mailbox that was selected before is now closed (without expunging); \
             what follows is about the newly selected one."
                .to_owned(),
        ),
        Code::AuthenticationFailed => (
            "[AUTHENTICATIONFAILED]".to_owned(),
            "The user name or password is wrong. In the playground the accounts are \
             alice / wonderland and bob / builder."
                .to_owned(),
        ),
        Code::AuthorizationFailed => (
            "[AUTHORIZATIONFAILED]".to_owned(),
            "The credentials are right but this identity may not act as the requested user."
                .to_owned(),
        ),
        Code::PrivacyRequired => (
            "[PRIVACYREQUIRED]".to_owned(),
            "The server refuses to take a password over an unencrypted connection. Run \
             STARTTLS first (or connect on port 993)."
                .to_owned(),
        ),
        Code::NonExistent => (
            "[NONEXISTENT]".to_owned(),
            "No mailbox has that name. LIST \"\" * shows the ones that exist.".to_owned(),
        ),
        Code::AlreadyExists => (
            "[ALREADYEXISTS]".to_owned(),
            "A mailbox with that name exists already, so it cannot be created (or renamed to)."
                .to_owned(),
        ),
        Code::Cannot => (
            "[CANNOT]".to_owned(),
            "The server will never do this, however often you ask (for example deleting \
             INBOX)."
                .to_owned(),
        ),
        Code::Limit => (
            "[LIMIT]".to_owned(),
            "A limit was reached: too many mailboxes, messages, bytes or sessions.".to_owned(),
        ),
        Code::InUse => (
            "[INUSE]".to_owned(),
            "Someone else is using the mailbox in a way that blocks this; try again later."
                .to_owned(),
        ),
        Code::ExpungeIssued => (
            "[EXPUNGEISSUED]".to_owned(),
            "Some of the messages you named were expunged by another session (another \
             connection, or the other pane, stored \\Deleted and ran EXPUNGE). This \
             session still numbers them: the server may not renumber your messages in the \
             middle of a FETCH, STORE or SEARCH, so it answered from what it still knew \
             (with OK) or refused them (with NO). Send NOOP: it shows `* n EXPUNGE` for \
             each one, and from then on the later messages are numbered one lower."
                .to_owned(),
        ),
        Code::ClientBug => (
            "[CLIENTBUG]".to_owned(),
            "The server did it, but thinks the client made a mistake in asking (for \
             example a sequence number past the end)."
                .to_owned(),
        ),
        Code::ServerBug => (
            "[SERVERBUG]".to_owned(),
            "The server hit a bug of its own; not your fault.".to_owned(),
        ),
        Code::Unavailable => (
            "[UNAVAILABLE]".to_owned(),
            "A resource the server needs is temporarily out of reach; retry later.".to_owned(),
        ),
        Code::NoPerm => (
            "[NOPERM]".to_owned(),
            "You do not have the rights for this mailbox or message.".to_owned(),
        ),
        Code::Other(atom, arg) => (
            match arg {
                Some(a) => format!("[{atom} {a}]"),
                None => format!("[{atom}]"),
            },
            format!(
                "A response code this playground does not know ({atom}), probably from an \
                 extension of a real server. Clients ignore codes they do not understand."
            ),
        ),
    };
    e.term(term, meaning);
}

fn explain_continue(cont: &Continue, ctx: &Context) -> Explanation {
    let mut e = Explanation::new("continuation request");
    match cont {
        Continue::Text(text) => {
            if ctx.command.as_deref() == Some("IDLE") {
                e.say(
                    "The server is now idling: it will push changes (new mail, expunges, \
                     flag changes) as untagged lines while you wait. Type DONE to end IDLE \
                     and get the tagged OK.",
                );
            } else {
                e.say(
                    "The + says: go on, I am listening. After a literal announcement like \
                     {11} the server wants exactly that many bytes next; in IDLE it waits \
                     for DONE.",
                );
            }
            e.term("text", format!("“{text}”: words for people, not parsed."));
        }
        Continue::Base64(bytes) => {
            e.say(
                "The server sent a base64 challenge during AUTHENTICATE and waits for your \
                 base64 answer on one line (or * to cancel).",
            );
            e.term(
                "challenge",
                format!(
                    "{} bytes once decoded: {}",
                    bytes.len(),
                    String::from_utf8_lossy(bytes)
                ),
            );
        }
    }
    e
}

fn status_item_meaning(item: StatusItem, value: u32, mailbox: &str) -> String {
    match item {
        StatusItem::Messages => format!("{mailbox} holds {value} messages"),
        StatusItem::Recent => format!(
            "{value} messages in {mailbox} are \\Recent (new since the last session looked)"
        ),
        StatusItem::UidNext => {
            format!("the next message added to {mailbox} will get UID {value} or higher")
        }
        StatusItem::UidValidity => format!("the UIDs in {mailbox} belong to generation {value}"),
        StatusItem::Unseen => format!("{value} messages in {mailbox} lack \\Seen"),
    }
}

fn status_item_name(item: StatusItem) -> &'static str {
    match item {
        StatusItem::Messages => "MESSAGES",
        StatusItem::Recent => "RECENT",
        StatusItem::UidNext => "UIDNEXT",
        StatusItem::UidValidity => "UIDVALIDITY",
        StatusItem::Unseen => "UNSEEN",
    }
}

/// What a flag means, in a few words.
pub fn flag_meaning(flag: &Flag) -> String {
    match flag {
        Flag::Seen => "read".to_owned(),
        Flag::Answered => "replied to".to_owned(),
        Flag::Flagged => "marked important".to_owned(),
        Flag::Deleted => "marked for removal by the next EXPUNGE or CLOSE".to_owned(),
        Flag::Draft => "a draft, not finished".to_owned(),
        Flag::Recent => {
            "new: this session is the first to see it; only the server sets it".to_owned()
        }
        Flag::Keyword(k) => format!("the keyword {k}, a label a client chose"),
        Flag::Extension(a) => format!("\\{a}, a system flag from an extension"),
    }
}

fn flags_meaning(flags: &[Flag]) -> String {
    if flags.is_empty() {
        return "no flags: unread, not answered, nothing marked".to_owned();
    }
    flags
        .iter()
        .map(|f| format!("{f} ({})", flag_meaning(f)))
        .collect::<Vec<_>>()
        .join("; ")
}

fn explain_data(data: &Data, ctx: &Context) -> Explanation {
    let mb = mailbox_phrase(ctx);
    match data {
        Data::Capability(caps) => {
            let mut e = Explanation::new("untagged CAPABILITY");
            e.say(format!(
                "What this server can do: {} capabilities. IMAP4rev1 is the base \
                 protocol; the rest are extensions a client may use.",
                caps.len()
            ));
            for cap in caps {
                e.term(cap.to_string(), capability_meaning(cap.as_str()));
            }
            e
        }
        Data::List(entry) | Data::Lsub(entry) => {
            let lsub = matches!(data, Data::Lsub(_));
            let mut e = Explanation::new(if lsub {
                "untagged LSUB"
            } else {
                "untagged LIST"
            });
            let name = entry.mailbox.as_str();
            if !lsub && name.is_empty() {
                // The answer to LIST with an empty pattern (RFC 3501 §6.3.8):
                // not a mailbox, but where the hierarchy starts.
                e.say(
                    "This is not a mailbox. An empty name is the special answer to \
                     LIST with an empty pattern (LIST \"\" \"\"): it only tells the \
                     hierarchy delimiter and the root of the names. The \\Noselect \
                     attribute says that this root is not something you can SELECT.",
                );
                e.term(
                    "delimiter",
                    match entry.delimiter {
                        Some(d) => format!(
                            "“{d}” separates levels of mailbox names: Archive{d}2025 is \
                             2025 inside Archive"
                        ),
                        None => "NIL: this server's names are flat, with no levels".to_owned(),
                    },
                );
                e.term(
                    "\"\"",
                    "the root: the reference was empty, so names start at the top",
                );
                return e;
            }
            e.say(if lsub {
                format!("You are subscribed to the mailbox “{name}”.")
            } else {
                format!("A mailbox called “{name}” exists and matches your pattern.")
            });
            e.term(
                "delimiter",
                match entry.delimiter {
                    Some(d) => format!("“{d}” separates levels: {name}{d}Sub would be a child"),
                    None => "NIL: this server has no hierarchy".to_owned(),
                },
            );
            for attr in &entry.attributes {
                e.term(attr.clone(), list_attribute_meaning(attr));
            }
            if entry.attributes.is_empty() {
                e.term("()", "no attributes: an ordinary mailbox you can SELECT");
            }
            e
        }
        Data::Status { mailbox, items } => {
            let mut e = Explanation::new("untagged STATUS");
            let selected = ctx.mailbox.as_deref().is_some_and(|m| {
                m == mailbox.as_str()
                    || (m.eq_ignore_ascii_case("INBOX")
                        && mailbox.as_str().eq_ignore_ascii_case("INBOX"))
            });
            if selected {
                e.say(format!(
                    "Counters of {mailbox}, which is the mailbox you have selected. STATUS \
                     is meant for other mailboxes: on the selected one a client should not \
                     use it, and never to look for new mail, since EXISTS, RECENT and \
                     FETCH lines already tell you (RFC 3501 §6.3.10). The server may also \
                     find it slow to compute."
                ));
            } else {
                e.say(format!(
                    "Counters of {mailbox}, read without selecting it (your selection, if \
                     any, is unchanged). A server may need time to compute them, so \
                     clients do not ask for every mailbox at every turn."
                ));
            }
            for (item, value) in items {
                e.term(
                    format!("{} {value}", status_item_name(*item)),
                    status_item_meaning(*item, *value, mailbox.as_str()),
                );
            }
            e
        }
        Data::Search(numbers) => {
            let mut e = Explanation::new("untagged SEARCH");
            let what = if ctx.command.as_deref().is_some_and(|c| c.starts_with("UID")) {
                "UIDs"
            } else {
                "message numbers"
            };
            if numbers.is_empty() {
                e.say(format!("No message in {mb} matches the search."));
            } else {
                e.say(format!(
                    "{} messages in {mb} match, as {what}: {}. Use them in FETCH, STORE \
                     or COPY.",
                    numbers.len(),
                    list_text(numbers)
                ));
            }
            e
        }
        Data::Flags(flags) => {
            let mut e = Explanation::new("untagged FLAGS");
            e.say(format!(
                "The flags that messages in {mb} can carry. Which of them a STORE may \
                 set for good is in PERMANENTFLAGS."
            ));
            for flag in flags {
                e.term(flag.to_string(), flag_meaning(flag));
            }
            e
        }
        Data::Exists(n) => {
            let mut e = Explanation::new("untagged EXISTS");
            let grew = match ctx.exists {
                Some(before) if *n > before => format!(
                    " That is {} more than before: new messages arrived as {}.",
                    n.saturating_sub(before),
                    if n.saturating_sub(before) == 1 {
                        format!("number {n}")
                    } else {
                        format!("numbers {}:{n}", before.saturating_add(1))
                    }
                ),
                _ => String::new(),
            };
            e.say(format!(
                "{mb} holds {n} messages, numbered 1 to {n}.{grew} Sequence numbers are \
                 positions, not names: they shift when messages are expunged."
            ));
            e
        }
        Data::Recent(n) => {
            let mut e = Explanation::new("untagged RECENT");
            e.say(format!(
                "{n} messages in {mb} are \\Recent: they arrived since the last session \
                 looked, and this session is the one told about them."
            ));
            e
        }
        Data::Expunge(n) => {
            let mut e = Explanation::new("untagged EXPUNGE");
            let shift = match ctx.exists {
                Some(total) if total > *n => {
                    let first = n.saturating_add(1);
                    if first == total {
                        format!(
                            "Message {total} now becomes message {n}; the mailbox has {} messages.",
                            total.saturating_sub(1)
                        )
                    } else {
                        format!(
                            "Every later message moves down by one: {first}..{total} are \
                             now {n}..{}, and the mailbox has {} messages.",
                            total.saturating_sub(1),
                            total.saturating_sub(1)
                        )
                    }
                }
                Some(total) if total == *n => format!(
                    "It was the last one, so no other number changes; {} messages remain.",
                    total.saturating_sub(1)
                ),
                _ => format!(
                    "Every message after {n} moves down by one (message {} becomes {n}, and so on).",
                    n.saturating_add(1)
                ),
            };
            e.say(format!(
                "Message {n} has been removed from {mb} for good. {shift} Several \
                 EXPUNGE lines in a row each apply to the numbering left by the one \
                 before, which is why they often repeat the same number."
            ));
            e
        }
        Data::Fetch { seq, items } => {
            let mut e = Explanation::new("untagged FETCH");
            e.say(format!(
                "Data about message {seq} of {mb}. Sent as the answer to FETCH, after a \
                 STORE (the new flags), or unasked when another session changed the \
                 message."
            ));
            for item in items {
                explain_fetch_value(item, *seq, &mut e);
            }
            e
        }
        Data::Enabled(caps) => {
            let mut e = Explanation::new("untagged ENABLED");
            e.say(format!(
                "These extensions are now switched on for this session: {}.",
                list_text(caps)
            ));
            e
        }
        Data::Id(fields) => {
            let mut e = Explanation::new("untagged ID");
            match fields {
                Some(pairs) => {
                    e.say("The server introduces itself: software name, version and such.");
                    for (k, v) in pairs {
                        e.term(
                            k.clone(),
                            v.clone().unwrap_or_else(|| "NIL (not given)".to_owned()),
                        );
                    }
                }
                None => e.say("The server prefers not to say what software it is (NIL)."),
            }
            e
        }
        Data::Namespace {
            personal,
            other,
            shared,
        } => {
            let mut e = Explanation::new("untagged NAMESPACE");
            e.say("Where mailboxes live: your own, other users', and shared ones.");
            for (label, list) in [
                ("personal", personal),
                ("other users", other),
                ("shared", shared),
            ] {
                let meaning = match list {
                    None => "NIL: none on this server".to_owned(),
                    Some(entries) => entries
                        .iter()
                        .map(|n| {
                            format!(
                                "prefix “{}” with delimiter {}",
                                n.prefix,
                                n.delimiter.map_or("NIL".to_owned(), |d| format!("“{d}”"))
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                };
                e.term(label, meaning);
            }
            e
        }
    }
}

fn capability_meaning(cap: &str) -> String {
    let upper = cap.to_ascii_uppercase();
    if let Some(mech) = upper.strip_prefix("AUTH=") {
        return format!("AUTHENTICATE {mech} is available for logging in");
    }
    match upper.as_str() {
        "IMAP4REV1" => "the base protocol this playground teaches".to_owned(),
        "IDLE" => "IDLE: wait for changes to be pushed".to_owned(),
        "LOGINDISABLED" => "LOGIN is refused until the connection is encrypted".to_owned(),
        "STARTTLS" => "the connection can switch to TLS".to_owned(),
        "UIDPLUS" => "APPENDUID/COPYUID codes and UID EXPUNGE".to_owned(),
        "MOVE" => "MOVE and UID MOVE".to_owned(),
        "NAMESPACE" => "the NAMESPACE command".to_owned(),
        "UNSELECT" => "UNSELECT: leave a mailbox without expunging".to_owned(),
        "ENABLE" => "ENABLE switches extensions on".to_owned(),
        "ID" => "the ID command".to_owned(),
        "LITERAL+" => "literals of any size may be sent without waiting for the + \
                       continuation (written {n+})"
            .to_owned(),
        "LITERAL-" => "literals of at most 4,096 octets may be sent without waiting for \
                       the + continuation (written {n+}); larger ones still wait"
            .to_owned(),
        "SASL-IR" => "AUTHENTICATE may carry its first answer on the same line, instead \
                      of after the server's +"
            .to_owned(),
        _ => "an extension (see its RFC)".to_owned(),
    }
}

fn list_attribute_meaning(attr: &str) -> String {
    match attr.to_ascii_lowercase().as_str() {
        "\\noselect" => "a folder that only holds other mailboxes; SELECT fails on it".to_owned(),
        "\\noinferiors" => "cannot have child mailboxes".to_owned(),
        "\\marked" => "may hold new messages".to_owned(),
        "\\unmarked" => "no new messages since last look".to_owned(),
        "\\haschildren" => "has child mailboxes".to_owned(),
        "\\hasnochildren" => "has no child mailboxes".to_owned(),
        "\\nonexistent" => {
            "does not exist (listed only because a child or subscription does)".to_owned()
        }
        "\\subscribed" => "you are subscribed to it".to_owned(),
        "\\sent" => "special use: where sent mail is kept".to_owned(),
        "\\drafts" => "special use: drafts".to_owned(),
        "\\trash" => "special use: deleted mail".to_owned(),
        "\\junk" => "special use: spam".to_owned(),
        "\\archive" => "special use: archived mail".to_owned(),
        "\\all" => "special use: every message".to_owned(),
        "\\flagged" => "special use: flagged messages".to_owned(),
        _ => "an attribute from an extension".to_owned(),
    }
}

fn nstring_text(value: &Option<Vec<u8>>) -> String {
    match value {
        Some(bytes) => format!("“{}”", String::from_utf8_lossy(bytes)),
        None => "NIL (absent)".to_owned(),
    }
}

fn address_text(list: &[Address]) -> String {
    if list.is_empty() {
        return "NIL (nobody)".to_owned();
    }
    list.iter()
        .map(|a| {
            let mailbox = a.mailbox.as_deref().map(String::from_utf8_lossy);
            let host = a.host.as_deref().map(String::from_utf8_lossy);
            let name = a.name.as_deref().map(String::from_utf8_lossy);
            match (mailbox, host) {
                (Some(m), Some(h)) => match name {
                    Some(n) => format!("{n} <{m}@{h}>"),
                    None => format!("{m}@{h}"),
                },
                (Some(group), None) => format!("group “{group}” begins"),
                (None, _) => "group ends".to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn explain_envelope(env: &Envelope, prefix: &str, e: &mut Explanation) {
    e.term(
        format!("{prefix}date"),
        format!(
            "{}: the Date header, as the sender wrote it",
            nstring_text(&env.date)
        ),
    );
    e.term(
        format!("{prefix}subject"),
        format!(
            "{}: the Subject header (encoded words left as they are)",
            nstring_text(&env.subject)
        ),
    );
    e.term(
        format!("{prefix}from"),
        format!("{}: who wrote it", address_text(&env.from)),
    );
    e.term(
        format!("{prefix}sender"),
        format!(
            "{}: who sent it (the server copies From when there is no Sender header)",
            address_text(&env.sender)
        ),
    );
    e.term(
        format!("{prefix}reply-to"),
        format!(
            "{}: where replies go (From when there is no Reply-To)",
            address_text(&env.reply_to)
        ),
    );
    e.term(format!("{prefix}to"), address_text(&env.to));
    e.term(format!("{prefix}cc"), address_text(&env.cc));
    e.term(format!("{prefix}bcc"), address_text(&env.bcc));
    e.term(
        format!("{prefix}in-reply-to"),
        format!(
            "{}: the Message-ID this one answers",
            nstring_text(&env.in_reply_to)
        ),
    );
    e.term(
        format!("{prefix}message-id"),
        format!(
            "{}: the message's world-unique name",
            nstring_text(&env.message_id)
        ),
    );
}

fn section_text(section: &Section) -> String {
    let mut parts: Vec<String> = section.part.iter().map(ToString::to_string).collect();
    if let Some(text) = &section.text {
        parts.push(match text {
            SectionText::Header => "HEADER".to_owned(),
            SectionText::HeaderFields(names) => format!("HEADER.FIELDS ({})", names.join(" ")),
            SectionText::HeaderFieldsNot(names) => {
                format!("HEADER.FIELDS.NOT ({})", names.join(" "))
            }
            SectionText::Text => "TEXT".to_owned(),
            SectionText::Mime => "MIME".to_owned(),
        });
    }
    parts.join(".")
}

fn section_meaning(section: &Section) -> String {
    let part = if section.part.is_empty() {
        "the message".to_owned()
    } else {
        format!(
            "part {}",
            section
                .part
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(".")
        )
    };
    match &section.text {
        None if section.part.is_empty() => {
            "the whole message, headers and body, as stored".to_owned()
        }
        None => format!("the content of {part}, still in its transfer encoding"),
        Some(SectionText::Header) => format!("all header lines of {part}"),
        Some(SectionText::HeaderFields(names)) => {
            format!("only the {} header lines of {part}", names.join(", "))
        }
        Some(SectionText::HeaderFieldsNot(names)) => {
            format!("every header line of {part} except {}", names.join(", "))
        }
        Some(SectionText::Text) => format!("the body of {part}, without its header"),
        Some(SectionText::Mime) => {
            format!("the MIME header lines of {part} (Content-Type and friends)")
        }
    }
}

fn explain_fetch_value(item: &FetchValue, seq: u32, e: &mut Explanation) {
    match item {
        FetchValue::Flags(flags) => {
            e.term(format!("FLAGS ({})", list_text(flags)), format!("message {seq} has {}", flags_meaning(flags)));
        }
        FetchValue::InternalDate(date) => e.term(
            format!("INTERNALDATE \"{date}\""),
            "when the message arrived in this mailbox (what SINCE, BEFORE and ON search)".to_owned(),
        ),
        FetchValue::Rfc822Size(n) => e.term(
            format!("RFC822.SIZE {n}"),
            format!("message {seq} is {n} bytes long, headers included (what LARGER and SMALLER compare)"),
        ),
        FetchValue::Envelope(env) => {
            e.term("ENVELOPE", format!("the main headers of message {seq}, already parsed, in a fixed order:"));
            explain_envelope(env, "", e);
        }
        FetchValue::Body(body) => {
            e.term("BODY", format!("the MIME structure of message {seq}, short form (no extension data):"));
            explain_structure(body, "", e);
        }
        FetchValue::BodyStructure(body) => {
            e.term("BODYSTRUCTURE", format!("the MIME structure of message {seq}, with extension data:"));
            explain_structure(body, "", e);
        }
        FetchValue::BodySection { section, origin, data } => {
            let size = data.as_ref().map_or(0, Vec::len);
            let from = origin.map_or(String::new(), |o| format!(", starting at byte {o}"));
            e.term(
                format!("BODY[{}]{}", section_text(section), origin.map_or(String::new(), |o| format!("<{o}>"))),
                format!(
                    "{} of message {seq}: {size} bytes{from}. The {{n}} before it announces how many bytes follow. A plain BODY[...] also sets \\Seen; BODY.PEEK[...] does not.",
                    section_meaning(section)
                ),
            );
        }
        FetchValue::Uid(uid) => e.term(
            format!("UID {uid}"),
            format!("message {seq}'s name in this mailbox: UID {uid} stays the same when numbers shift, for as long as the mailbox's UIDVALIDITY does not change"),
        ),
        FetchValue::Rfc822(data) => e.term(
            "RFC822",
            format!("the whole of message {seq} ({} bytes); the old name of BODY[]", data.as_ref().map_or(0, Vec::len)),
        ),
        FetchValue::Rfc822Header(data) => e.term(
            "RFC822.HEADER",
            format!("the header of message {seq} ({} bytes); the old name of BODY.PEEK[HEADER]", data.as_ref().map_or(0, Vec::len)),
        ),
        FetchValue::Rfc822Text(data) => e.term(
            "RFC822.TEXT",
            format!("the body of message {seq} ({} bytes); the old name of BODY[TEXT]", data.as_ref().map_or(0, Vec::len)),
        ),
    }
}

fn explain_structure(body: &BodyStructure, path: &str, e: &mut Explanation) {
    let here = if path.is_empty() {
        "the message".to_owned()
    } else {
        format!("part {path}")
    };
    match body {
        BodyStructure::Single {
            fields,
            specific,
            extension,
        } => {
            let mut meaning = format!(
                "{here} is {}/{}, {} bytes in {} encoding",
                fields.media_type.to_ascii_lowercase(),
                fields.subtype.to_ascii_lowercase(),
                fields.octets,
                fields.encoding
            );
            for (k, v) in &fields.params {
                meaning.push_str(&format!(", {k}={v}"));
            }
            match specific {
                SinglePartKind::Basic => {}
                SinglePartKind::Text { lines } => {
                    meaning.push_str(&format!(", {lines} lines of text"))
                }
                SinglePartKind::Message {
                    envelope,
                    body,
                    lines,
                } => {
                    // An attached message (RFC 3501 §6.4.5): BODY[P] is all of
                    // it, header included; its own parts are numbered below P,
                    // and a single-part body is P.1.
                    let inner = if path.is_empty() {
                        "1".to_owned()
                    } else {
                        path.to_owned()
                    };
                    meaning.push_str(&format!(
                        ", a whole message inside ({lines} lines): BODY[{inner}] is all of it, \
                         header included; BODY[{inner}.HEADER] its header, BODY[{inner}.TEXT] \
                         its body"
                    ));
                    e.term(format!("part {inner}"), meaning);
                    explain_envelope(envelope, &format!("{inner} "), e);
                    match body.as_ref() {
                        BodyStructure::Single { .. } => {
                            explain_structure(body, &format!("{inner}.1"), e)
                        }
                        BodyStructure::Multi { .. } => explain_body_of(body, &inner, e),
                    }
                    return;
                }
            }
            if let Some(ext) = extension
                && let Some(d) = &ext.disposition
            {
                meaning.push_str(&format!(", disposition {}", d.kind));
                for (k, v) in &d.params {
                    meaning.push_str(&format!(" {k}={v}"));
                }
            }
            let label = if path.is_empty() {
                "BODY[TEXT]".to_owned()
            } else {
                format!("BODY[{path}]")
            };
            meaning.push_str(&format!("; fetch it with {label}"));
            e.term(
                if path.is_empty() {
                    "single part".to_owned()
                } else {
                    format!("part {path}")
                },
                meaning,
            );
        }
        BodyStructure::Multi { .. } => {
            let label = if path.is_empty() {
                "multipart".to_owned()
            } else {
                format!("part {path}")
            };
            explain_multi(body, path, label, &here, e);
        }
    }
}

/// The multipart body of the attached message at `path`: it has no part
/// number of its own (it is BODY[path.TEXT]); its parts are path.1, path.2…
fn explain_body_of(body: &BodyStructure, path: &str, e: &mut Explanation) {
    explain_multi(
        body,
        path,
        format!("part {path} body"),
        &format!("the body of part {path} (BODY[{path}.TEXT])"),
        e,
    );
}

fn explain_multi(body: &BodyStructure, path: &str, label: String, here: &str, e: &mut Explanation) {
    match body {
        BodyStructure::Single { .. } => explain_structure(body, path, e),
        BodyStructure::Multi {
            parts,
            subtype,
            extension,
        } => {
            let kind = match subtype.to_ascii_lowercase().as_str() {
                "alternative" => "the same content in several forms; show the last one you can",
                "mixed" => "parts shown one after another, often with attachments",
                "related" => "an HTML page and the images it uses",
                "digest" => "a bundle of messages",
                _ => "several parts",
            };
            let mut meaning = format!(
                "{here} is multipart/{} with {} parts: {kind}",
                subtype.to_ascii_lowercase(),
                parts.len()
            );
            if let Some(ext) = extension {
                for (k, v) in &ext.params {
                    meaning.push_str(&format!(", {k}={v}"));
                }
            }
            e.term(label, meaning);
            for (i, part) in parts.iter().enumerate() {
                let n = i.saturating_add(1);
                let child = if path.is_empty() {
                    n.to_string()
                } else {
                    format!("{path}.{n}")
                };
                explain_structure(part, &child, e);
            }
        }
    }
}
