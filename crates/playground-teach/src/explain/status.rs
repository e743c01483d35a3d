//! Status responses (OK, NO, BAD, BYE, PREAUTH), their response codes,
//! and `+` continuations.

use super::*;

pub(super) fn explain_status(status: &StatusResponse, ctx: &Context) -> Explanation {
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
            (format!("tagged {}", kind.name()), verdict)
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
            (format!("untagged {}", kind.name()), text)
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

pub(super) fn explain_code(code: &Code, ctx: &Context, e: &mut Explanation) {
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
        Code::UseAttr => (
            "[USEATTR]".to_owned(),
            "The server cannot give the mailbox the special use you asked for (such as \
             \\Archive in CREATE's USE): it does not know that use, or cannot give a \
             mailbox more than one. Nothing was created."
                .to_owned(),
        ),
        Code::HighestModSeq(n) => (
            format!("[HIGHESTMODSEQ {n}]"),
            format!(
                "The most recent change in {mb} has modification sequence {n} \
                 (CONDSTORE). Remember it: next time, FETCH 1:* (FLAGS) (CHANGEDSINCE {n}) \
                 gives only the messages that changed since now, and STORE … \
                 (UNCHANGEDSINCE {n}) changes a message only if nobody else did."
            ),
        ),
        Code::NoModSeq => (
            "[NOMODSEQ]".to_owned(),
            format!(
                "{mb} keeps no modification sequences: CHANGEDSINCE, UNCHANGEDSINCE and \
                 SEARCH MODSEQ cannot be used on it."
            ),
        ),
        Code::Modified(set) => {
            let mut set_text = Vec::new();
            set.encode(&mut set_text);
            let set_text = String::from_utf8_lossy(&set_text).into_owned();
            (
                format!("[MODIFIED {set_text}]"),
                format!(
                    "The STORE had UNCHANGEDSINCE, and messages {set_text} (UIDs after UID \
                     STORE) had changed since that modseq, so their flags were left alone; \
                     the others were changed. FETCH their FLAGS and MODSEQ to see what \
                     changed, then decide again."
                ),
            )
        }
        Code::UnknownCte => (
            "[UNKNOWN-CTE]".to_owned(),
            "BINARY could not decode a part: its Content-Transfer-Encoding is not one the \
             server knows how to undo (it knows base64 and quoted-printable). BODY[part] \
             still gives the part as it is stored, encoded."
                .to_owned(),
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

pub(super) fn explain_continue(cont: &Continue, ctx: &Context) -> Explanation {
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
