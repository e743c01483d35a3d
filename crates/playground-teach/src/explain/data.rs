//! Untagged data: CAPABILITY, LIST, STATUS, SEARCH, FLAGS, EXISTS and the
//! rest, with the meanings of flags, capabilities and list attributes.

use super::*;

pub(super) fn status_item_meaning(item: StatusItem, value: u64, mailbox: &str) -> String {
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
        StatusItem::Size => format!(
            "the messages in {mailbox} take {value} bytes together, counted as FETCH \
             RFC822.SIZE counts them"
        ),
        StatusItem::HighestModSeq => format!(
            "the last change in {mailbox} has modification sequence {value}: if the \
             number grew since you last asked, something changed (CONDSTORE)"
        ),
    }
}

pub(super) fn status_item_name(item: StatusItem) -> &'static str {
    match item {
        StatusItem::Messages => "MESSAGES",
        StatusItem::Recent => "RECENT",
        StatusItem::UidNext => "UIDNEXT",
        StatusItem::UidValidity => "UIDVALIDITY",
        StatusItem::Unseen => "UNSEEN",
        StatusItem::Size => "SIZE",
        StatusItem::HighestModSeq => "HIGHESTMODSEQ",
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

/// Each system flag with [`flag_meaning`], for help's tables: one home for
/// that text, for help and answers alike.
pub fn flag_meanings() -> FlagMeanings {
    FlagMeanings(
        imap_syntax::vocabulary::SYSTEM_FLAGS
            .iter()
            .filter_map(|name| {
                let flag = Flag::parse_name(name).ok()?;
                Some((*name, flag_meaning(&flag)))
            })
            .collect(),
    )
}

/// System flag → meaning, serialized as one JSON object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagMeanings(pub Vec<(&'static str, String)>);

impl serde::Serialize for FlagMeanings {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (*k, v)))
    }
}

pub(super) fn flags_meaning(flags: &[Flag]) -> String {
    if flags.is_empty() {
        return "no flags: unread, not answered, nothing marked".to_owned();
    }
    flags
        .iter()
        .map(|f| format!("{f} ({})", flag_meaning(f)))
        .collect::<Vec<_>>()
        .join("; ")
}

pub(super) fn explain_data(data: &Data, ctx: &Context) -> Explanation {
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
            if !entry.child_info.is_empty() {
                let options = entry.child_info.join(" ");
                e.term(
                    format!("CHILDINFO ({options})"),
                    format!(
                        "listed because of what is inside it: {name} itself does not \
                         match {options}, but a mailbox below it does (you asked for \
                         RECURSIVEMATCH); with SUBSCRIBED, a child is subscribed"
                    ),
                );
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
            let from_list = ctx
                .command
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case("LIST"));
            if from_list {
                e.say(format!(
                    "Counters of {mailbox}, sent right after its LIST line because the \
                     LIST asked RETURN (STATUS ...) (LIST-STATUS, RFC 5819): one command \
                     instead of a STATUS per mailbox. Mailboxes you cannot select get \
                     no such line."
                ));
            } else if selected {
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
        Data::ESearch { tag, uid, items } => explain_esearch(tag.as_deref(), *uid, items, &mb),
        Data::SearchModSeq { numbers, modseq } => {
            let mut e = Explanation::new("untagged SEARCH with MODSEQ");
            e.say(format!(
                "{} messages in {mb} match: {}. The search named a MODSEQ key, so the \
                 answer ends with the highest modification sequence among them.",
                numbers.len(),
                list_text(numbers)
            ));
            e.term(
                format!("(MODSEQ {modseq})"),
                format!(
                    "the most recent change among the messages found has modseq {modseq}: \
                     a client can ask SEARCH MODSEQ {} next time to find only what changed \
                     after these",
                    modseq.saturating_add(1)
                ),
            );
            e
        }
        Data::Sort { numbers, modseq } => {
            let mut e = Explanation::new("untagged SORT");
            let which = if ctx.command.as_deref() == Some("UID SORT") {
                "UIDs"
            } else {
                "message numbers"
            };
            e.say(if numbers.is_empty() {
                format!("No message in {mb} matches the search keys of the SORT: nothing to order.")
            } else {
                format!(
                    "The answer to SORT: the {} messages of {mb} that match, as {which}, in the \
                     order the criteria asked for (ties in message-number order). Unlike \
                     SEARCH, the order is the point: a client shows its message list this way \
                     without fetching every date or subject first.",
                    numbers.len()
                )
            });
            if let (Some(first), Some(last)) = (numbers.first(), numbers.last()) {
                e.term(
                    format!("{first} … {last}"),
                    format!("{first} comes first in that order and {last} last"),
                );
            }
            if let Some(m) = modseq {
                e.term(
                    format!("(MODSEQ {m})"),
                    "the search named a MODSEQ key, so the answer ends with the highest \
                     modification sequence among the messages found (CONDSTORE)",
                );
            }
            e
        }
        Data::Flags(flags) => {
            let mut e = Explanation::new("untagged FLAGS");
            e.say(format!(
                "The flags that messages in {mb} can carry. Which of them a STORE may \
                 set for good is in PERMANENTFLAGS."
            ));
            match ctx.command.as_deref() {
                Some("SELECT" | "EXAMINE") => {}
                _ => e.say(
                    "Sent again when a keyword is used in this mailbox for the first time \
                     (by this session or another one), before any FETCH shows it: a client \
                     keeps its list of flags from the latest FLAGS, so the newest keyword \
                     is the last one here.",
                ),
            }
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
        Data::Vanished { earlier, uids } => {
            let mut text = Vec::new();
            uids.encode(&mut text);
            let text = String::from_utf8_lossy(&text).into_owned();
            let mut e = Explanation::new(if *earlier {
                "untagged VANISHED (EARLIER)"
            } else {
                "untagged VANISHED"
            });
            if *earlier {
                e.say(format!(
                    "The messages with UIDs {text} were expunged from {mb} before now, \
                     after the modseq the client gave (QRESYNC, RFC 7162): a client that \
                     still keeps any of them should forget them. Nothing is renumbered: \
                     EXISTS already counts without them."
                ));
            } else {
                e.say(format!(
                    "The messages with UIDs {text} are gone from {mb}: with QRESYNC on, \
                     expunges are told by UID in one line instead of one EXPUNGE per \
                     message. Every later message moves down by one per message removed \
                     before it."
                ));
            }
            e.term(
                "(EARLIER)",
                if *earlier {
                    "an answer about the past, asked for by SELECT … (QRESYNC …) or UID \
                     FETCH … (CHANGEDSINCE n VANISHED)"
                } else {
                    "absent: news, as EXPUNGE would be"
                },
            );
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

/// The answer to SEARCH RETURN (...) (RFC 4731): only what was asked for.
fn explain_esearch(tag: Option<&str>, uid: bool, items: &[ESearchItem], mb: &str) -> Explanation {
    let mut e = Explanation::new("untagged ESEARCH");
    let what = if uid { "UIDs" } else { "message numbers" };
    let update = items
        .iter()
        .any(|i| matches!(i, ESearchItem::AddTo(_) | ESearchItem::RemoveFrom(_)));
    e.say(if update {
        format!(
            "Nobody asked just now: this is news about a search run earlier with RETURN \
             (UPDATE) (CONTEXT=SEARCH). Its result changed, because flags changed or \
             messages came or went, and the server says how, as {what}, so the client can \
             keep a list current without searching again. CANCELUPDATE with the tag stops it."
        )
    } else {
        format!(
            "The answer to a SEARCH with RETURN (...), an extended search: instead of \
             listing every match, the server tells only what was asked for, here as {what}."
        )
    });
    if let Some(t) = tag {
        e.term(
            format!("(TAG \"{t}\")"),
            format!("this answers the command tagged {t}, so a client with several searches out knows which"),
        );
    }
    if uid {
        e.term(
            "UID",
            "the numbers below are UIDs: the command was UID SEARCH",
        );
    }
    for item in items {
        let (name, meaning) = match item {
            ESearchItem::Min(n) => (
                format!("MIN {n}"),
                format!("the lowest of the {what} that match"),
            ),
            ESearchItem::Max(n) => (
                format!("MAX {n}"),
                format!("the highest of the {what} that match"),
            ),
            ESearchItem::All(set) => (
                format!("ALL {}", set_text(set)),
                "every match, as a sequence set: a:b is a to b, commas separate \
                 runs; use it as it is in FETCH, STORE or COPY"
                    .to_owned(),
            ),
            ESearchItem::Count(n) => (format!("COUNT {n}"), format!("{n} messages in {mb} match")),
            ESearchItem::ModSeq(n) => (
                format!("MODSEQ {n}"),
                format!(
                    "the newest change among the matches has modification sequence {n}: \
                     the search used a MODSEQ key, so the answer says how far it looked (CONDSTORE)"
                ),
            ),
            ESearchItem::Partial { first, last, set } => (
                format!(
                    "PARTIAL ({first}:{last} {})",
                    set.as_ref().map_or("NIL".to_owned(), set_text)
                ),
                match set {
                    Some(_) => format!(
                        "one page of the result: the matches in places {first} to {last}, \
                         counting from the lowest; ask for the next page with the next range"
                    ),
                    None => format!(
                        "no match sits in places {first} to {last}: past the end of the result"
                    ),
                },
            ),
            ESearchItem::AddTo(pairs) | ESearchItem::RemoveFrom(pairs) => {
                let add = matches!(item, ESearchItem::AddTo(_));
                let sets: Vec<String> = pairs
                    .iter()
                    .map(|(p, set)| format!("{p} {}", set_text(set)))
                    .collect();
                (
                    format!(
                        "{} ({})",
                        if add { "ADDTO" } else { "REMOVEFROM" },
                        sets.join(" ")
                    ),
                    format!(
                        "{} the result{}; the first number is a place in the result, 0 when \
                         the server does not say",
                        if add {
                            "these now match and join"
                        } else {
                            "these no longer match, or are gone, and leave"
                        },
                        if uid {
                            ""
                        } else {
                            " (message numbers as they are at this moment)"
                        }
                    ),
                )
            }
        };
        e.term(name, meaning);
    }
    let nothing = items.iter().all(|i| {
        matches!(
            i,
            ESearchItem::Count(0) | ESearchItem::Partial { set: None, .. }
        )
    });
    if items.is_empty() {
        e.say(format!(
            "No result is listed. Either nothing in {mb} matches (MIN, MAX and ALL are \
             then left out), or the options asked for nothing to be told now: RETURN \
             (UPDATE) alone sends its news later, as ADDTO and REMOVEFROM."
        ));
    } else if nothing {
        e.say(format!(
            "No message in {mb} matches: MIN, MAX and ALL are left out when nothing \
             matches (COUNT, if asked for, is 0)."
        ));
    }
    e
}

pub(super) fn capability_meaning(cap: &str) -> String {
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
        "CREATE-SPECIAL-USE" => "CREATE can give the new mailbox a special use: \
                                 CREATE Old (USE (\\Archive))"
            .to_owned(),
        "LIST-EXTENDED" => "LIST takes selection options, several patterns and RETURN \
                            options, such as LIST (SUBSCRIBED) \"\" * RETURN (CHILDREN)"
            .to_owned(),
        "LIST-STATUS" => "LIST can answer a STATUS line after each mailbox: \
                          RETURN (STATUS (MESSAGES UNSEEN))"
            .to_owned(),
        "ESEARCH" => "SEARCH RETURN (MIN MAX COUNT ALL) answers with one ESEARCH line \
                      telling only those results"
            .to_owned(),
        "SEARCHRES" => "SEARCH RETURN (SAVE) keeps its result, and $ stands for it in \
                        later commands, such as FETCH $ FLAGS"
            .to_owned(),
        "CONTEXT=SEARCH" => "SEARCH RETURN (PARTIAL 1:50) gives the result a page at a \
                             time, and RETURN (UPDATE) keeps telling how the result changes \
                             (ADDTO, REMOVEFROM) until CANCELUPDATE"
            .to_owned(),
        "WITHIN" => "SEARCH keys OLDER n and YOUNGER n: messages that arrived more, or \
                     less, than n seconds ago"
            .to_owned(),
        "QRESYNC" => "a client that comes back tells SELECT what it remembers \
                      (SELECT box (QRESYNC (uidvalidity modseq))) and hears only what \
                      vanished and what changed since; expunges become VANISHED lines"
            .to_owned(),
        "CONDSTORE" => "each message carries a modification sequence (MODSEQ) that grows \
                        with every change: FETCH … (CHANGEDSINCE n) asks only for what \
                        changed, STORE … (UNCHANGEDSINCE n) changes only what did not"
            .to_owned(),
        "STATUS=SIZE" => "STATUS can also report SIZE: how many bytes a mailbox's \
                          messages take together"
            .to_owned(),
        "BINARY" => "FETCH BINARY[part] gives a part decoded from base64 or \
                     quoted-printable (BINARY.SIZE[part] its decoded size), and APPEND \
                     takes literal8 ~{n} for messages with NUL octets"
            .to_owned(),
        "MULTIAPPEND" => "one APPEND can carry several messages, each with its own flags \
                          and date: all are appended, or none"
            .to_owned(),
        "SASL-IR" => "AUTHENTICATE may carry its first answer on the same line, instead \
                      of after the server's +"
            .to_owned(),
        "CHILDREN" => "LIST marks each mailbox \\HasChildren or \\HasNoChildren, so a \
                       client can draw the folder tree without asking again"
            .to_owned(),
        "SPECIAL-USE" => "LIST marks the mailboxes with a role, such as \\Sent, \\Drafts, \
                          \\Trash or \\Junk, whatever their names"
            .to_owned(),
        "IMAP4REV2" => "the current version of the protocol (RFC 9051): ENABLE IMAP4rev2 \
                        switches a session to its rules (no \\Recent, searches answered \
                        as ESEARCH, LIST instead of LSUB)"
            .to_owned(),
        "SORT" => "SORT (criteria) charset keys: the matches in an order the server \
                   works out (by date, sender, subject, size…), for a message list"
            .to_owned(),
        "SORT=DISPLAY" => "SORT can also order by what a client shows: DISPLAYFROM and \
                           DISPLAYTO, the display name when there is one"
            .to_owned(),
        "ESORT" => "SORT takes RETURN (...) as an extended search does, and answers \
                    with one ESEARCH line"
            .to_owned(),
        "CONTEXT=SORT" => "SORT RETURN (PARTIAL …) and (UPDATE) work as for SEARCH, \
                           keeping the sorted order"
            .to_owned(),
        "CATENATE" => "APPEND can build a message from pieces, some sent as literals, \
                       some copied from messages already on the server by IMAP URL"
            .to_owned(),
        "URL-PARTIAL" => "an IMAP URL may name a byte range of a part, for CATENATE".to_owned(),
        "I18NLEVEL=1" => "SEARCH and SORT compare text with Unicode case folding, not \
                          only ASCII"
            .to_owned(),
        "SNIPPET=FUZZY" | "PREVIEW=FUZZY" | "PREVIEW" => "FETCH PREVIEW gives the first \
                                                          words of a message's text, for a \
                                                          message list"
            .to_owned(),
        "SAVEDATE" => "FETCH SAVEDATE, and SEARCH SAVEDBEFORE/SAVEDSINCE: when a message \
                       was put in this mailbox, which a COPY or MOVE changes"
            .to_owned(),
        "NOTIFY" => "the client names the mailboxes and events it wants to hear of, even \
                     for mailboxes it has not selected"
            .to_owned(),
        "LOGIN-REFERRALS" => "the server may send a client to another server with a \
                              [REFERRAL imap-url] code at login"
            .to_owned(),
        "THREAD=REFERENCES" | "THREAD=REFS" | "THREAD=ORDEREDSUBJECT" => format!(
            "THREAD {}: the matches grouped into conversations, {}",
            upper.trim_start_matches("THREAD="),
            if upper.ends_with("ORDEREDSUBJECT") {
                "by subject (without Re:, Fwd:…) and then by date"
            } else {
                "by the Message-ID, In-Reply-To and References headers"
            }
        ),
        "UTF8=ACCEPT" => "after ENABLE UTF8=ACCEPT, mailbox names and strings may be UTF-8 \
                          as they are, without modified UTF-7"
            .to_owned(),
        "OBJECTID" => "messages and mailboxes get ids that survive a move or a rename \
                       (EMAILID, THREADID, MAILBOXID)"
            .to_owned(),
        "COMPRESS=DEFLATE" => "the connection can be compressed after login".to_owned(),
        "QUOTA" => "GETQUOTA and GETQUOTAROOT tell how much space is left".to_owned(),
        "ACL" => "mailboxes can be shared, with rights per user (GETACL, SETACL)".to_owned(),
        "METADATA" | "METADATA-SERVER" => {
            "notes attached to the server or to mailboxes (GETMETADATA, SETMETADATA)".to_owned()
        }
        "APPENDLIMIT" => "the largest message APPEND will take".to_owned(),
        _ => "an extension (see its RFC)".to_owned(),
    }
}

pub(super) fn list_attribute_meaning(attr: &str) -> String {
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
