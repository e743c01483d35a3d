//! Client commands (RFC 3501 §6 and the extensions): the dispatch on the
//! command name and the argument grammar of each command.

use nom::bytes::complete::{tag_no_case, take_while1};

use super::fetch::fetch_items;
use super::primitive::{
    In, PErr, R, ascii, astring_text, atom_value, byte, crlf, date_time, fail, flag, flag_list,
    id_params, label, list_mailbox, literal8, mailbox, number, paren_list, peek, quoted,
    reference_text, sequence_set_or_saved, sp, sp_then,
};
use super::search::search_keys;
use super::sort::sort;
use crate::command::{
    AppendMessage, CommandBody, SearchReturn, SelectParams, StatusItem, StoreMode,
};
use crate::core::is_atom_char;
use crate::error::ParseErrorKind;

/// The words used when the command name is missing or unknown.
pub(crate) const COMMAND_EXPECTED: &str =
    "a command such as LOGIN, SELECT, FETCH or LOGOUT (type HELP in the terminal for the list)";

/// The words used when the command after UID is missing or unknown.
const UID_EXPECTED: &str = "FETCH, SEARCH, SORT, STORE, COPY, MOVE or EXPUNGE after UID";

/// An unknown-command failure at `i`.
fn unknown<'a, T>(i: In<'_>, expected: &'static str) -> R<'a, T> {
    let mut e = PErr::at(i, expected);
    e.kind = ParseErrorKind::UnknownCommand;
    Err(nom::Err::Failure(e))
}

/// A command name: letters (and atom characters, so that a wrong name is
/// reported whole).
fn command_name(i: In<'_>) -> R<'_, String> {
    let (rest, n) = label(i, COMMAND_EXPECTED, take_while1(is_atom_char))?;
    Ok((rest, ascii(n).to_ascii_uppercase()))
}

/// Everything after `tag SP`: the command and its arguments, and the line end.
pub(crate) fn command_body(i: In<'_>) -> R<'_, CommandBody> {
    let (rest, name) = command_name(i)?;
    let (rest, body) = match name.as_str() {
        "CAPABILITY" => (rest, CommandBody::Capability),
        "NOOP" => (rest, CommandBody::Noop),
        "LOGOUT" => (rest, CommandBody::Logout),
        "STARTTLS" => (rest, CommandBody::StartTls),
        "CHECK" => (rest, CommandBody::Check),
        "CLOSE" => (rest, CommandBody::Close),
        "EXPUNGE" => (rest, CommandBody::Expunge),
        "IDLE" => (rest, CommandBody::Idle),
        "UNSELECT" => (rest, CommandBody::Unselect),
        "NAMESPACE" => (rest, CommandBody::Namespace),
        "CANCELUPDATE" => cancel_update(rest)?,
        "AUTHENTICATE" => authenticate(rest)?,
        "LOGIN" => {
            let (r, _) = sp_then("a space, then a user name and a password")(rest)?;
            let (r, username) = label(r, "a user name such as alice", astring_text)?;
            let (r, _) = sp_then("a space, then the password")(r)?;
            let (r, password) = label(r, "a password", astring_text)?;
            (
                r,
                CommandBody::Login {
                    username,
                    password: password.into(),
                },
            )
        }
        "CREATE" => create(rest)?,
        "SELECT" | "EXAMINE" | "DELETE" | "SUBSCRIBE" | "UNSUBSCRIBE" => {
            let (r, _) = sp_then("a space, then a mailbox name")(rest)?;
            let (r, m) = mailbox(r)?;
            let (r, params) = if matches!(name.as_str(), "SELECT" | "EXAMINE") {
                super::condstore::select_params(r)?
            } else {
                (r, SelectParams::default())
            };
            let body = match name.as_str() {
                "SELECT" => CommandBody::Select(m, params),
                "EXAMINE" => CommandBody::Examine(m, params),
                "DELETE" => CommandBody::Delete(m),
                "SUBSCRIBE" => CommandBody::Subscribe(m),
                _ => CommandBody::Unsubscribe(m),
            };
            (r, body)
        }
        "RENAME" => {
            let (r, _) = sp_then("a space, then the mailbox name and its new name")(rest)?;
            let (r, from) = mailbox(r)?;
            let (r, _) = sp_then("a space, then the new mailbox name")(r)?;
            let (r, to) = label(r, "the new mailbox name", mailbox)?;
            (r, CommandBody::Rename { from, to })
        }
        "LIST" => super::list::list(rest)?,
        "LSUB" => {
            let (r, _) =
                sp_then("a space, then a reference name (often \"\") and a pattern")(rest)?;
            let (r, reference) = reference_text(r)?;
            let (r, _) = sp_then("a space, then a mailbox pattern such as * or %")(r)?;
            let (r, pattern) = list_mailbox(r)?;
            (r, CommandBody::Lsub { reference, pattern })
        }
        "STATUS" => status(rest)?,
        "APPEND" => append(rest)?,
        "SEARCH" => search(rest, false)?,
        "SORT" => sort(rest, false)?,
        "FETCH" => fetch(rest, false)?,
        "STORE" => store(rest, false)?,
        "COPY" | "MOVE" => copy_move(rest, name == "MOVE", false)?,
        "ID" => {
            let (r, _) = sp(rest)?;
            let (r, params) = id_params(r)?;
            (r, CommandBody::Id(params))
        }
        "ENABLE" => {
            let mut caps = Vec::new();
            let (mut r, _) = sp(rest)?;
            loop {
                let (r2, cap) = label(r, "a capability to enable such as CONDSTORE", atom_value)?;
                caps.push(cap);
                match r2.strip_prefix(b" ") {
                    Some(r3) if !matches!(peek(r3), Some(b'\r' | b'\n') | None) => r = r3,
                    _ => {
                        r = r2;
                        break;
                    }
                }
            }
            (r, CommandBody::Enable(caps))
        }
        "UID" => {
            let (r, _) = sp(rest)?;
            let (r2, sub) = label(r, UID_EXPECTED, take_while1(is_atom_char))?;
            match ascii(sub).to_ascii_uppercase().as_str() {
                "FETCH" => fetch(r2, true)?,
                "SEARCH" => search(r2, true)?,
                "SORT" => sort(r2, true)?,
                "STORE" => store(r2, true)?,
                "COPY" => copy_move(r2, false, true)?,
                "MOVE" => copy_move(r2, true, true)?,
                "EXPUNGE" => {
                    let (r3, _) = sp(r2)?;
                    let (r3, set) = sequence_set_or_saved(r3)?;
                    (r3, CommandBody::UidExpunge(set))
                }
                _ => return unknown(r, UID_EXPECTED),
            }
        }
        _ => return unknown(i, COMMAND_EXPECTED),
    };
    let (rest, _) = crlf(rest)?;
    Ok((rest, body))
}

/// `AUTHENTICATE mechanism [initial-response]`.
fn authenticate(i: In<'_>) -> R<'_, CommandBody> {
    let (r, _) = sp_then("a space, then a SASL mechanism such as PLAIN")(i)?;
    let (r, mechanism) = label(r, "a SASL mechanism such as PLAIN", atom_value)?;
    let Some(after) = r.strip_prefix(b" ") else {
        return Ok((
            r,
            CommandBody::Authenticate {
                mechanism,
                initial_response: None,
            },
        ));
    };
    const EXPECTED: &str = "a base64 initial response, or = for an empty one";
    let (r2, b64) = label(
        after,
        EXPECTED,
        take_while1(|b: u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=')),
    )?;
    if !valid_base64_text(b64) {
        return super::primitive::cut(after, EXPECTED);
    }
    Ok((
        r2,
        CommandBody::Authenticate {
            mechanism,
            initial_response: Some(ascii(b64).into()),
        },
    ))
}

/// Is `t` base64 with padding only at the end, or the lone `=` of SASL-IR?
fn valid_base64_text(t: &[u8]) -> bool {
    if t == b"=" {
        return true;
    }
    let body_len = t.iter().rposition(|&b| b != b'=').map_or(0, |p| p + 1);
    let pad = t.len() - body_len;
    body_len > 0
        && pad <= 2
        && t.len().is_multiple_of(4)
        && t.iter().take(body_len).all(|&b| b != b'=')
}

/// `CREATE mailbox [(USE (attrs))]` (RFC 6154 §3, in RFC 4466's
/// create-params).
fn create(i: In<'_>) -> R<'_, CommandBody> {
    const USE_EXPECTED: &str =
        "a special use such as \\Archive, \\Drafts, \\Junk, \\Sent or \\Trash";
    let (r, _) = sp_then("a space, then a mailbox name")(i)?;
    let (r, mailbox) = mailbox(r)?;
    let Some(rest) = r.strip_prefix(b" ") else {
        return Ok((
            r,
            CommandBody::Create {
                mailbox,
                special_use: None,
            },
        ));
    };
    let (r, _) = byte(b'(', "(USE (special uses)) or the end of the line")(rest)?;
    let (r, _) = super::primitive::keyword("USE", "USE, as in (USE (\\Archive))")(r)?;
    let (r, _) = sp_then("a space, then special uses in parentheses such as (\\Archive)")(r)?;
    let (r, uses) =
        super::primitive::paren_list(r, "special uses in parentheses such as (\\Archive)", |x| {
            let (x2, _) = byte(b'\\', USE_EXPECTED)(x)?;
            let (x2, w) = label(x2, USE_EXPECTED, take_while1(is_atom_char))?;
            Ok((x2, format!("\\{}", ascii(w))))
        })?;
    let (r, _) = byte(b')', "a closing parenthesis after the USE list")(r)?;
    Ok((
        r,
        CommandBody::Create {
            mailbox,
            special_use: Some(uses),
        },
    ))
}

/// `STATUS mailbox (items)`.
fn status(i: In<'_>) -> R<'_, CommandBody> {
    let (r, _) = sp_then("a space, then a mailbox name")(i)?;
    let (r, mailbox) = mailbox(r)?;
    let (r, _) = sp_then("a space, then STATUS items in parentheses such as (MESSAGES UNSEEN)")(r)?;
    let (r, items) = status_items(r)?;
    Ok((r, CommandBody::Status { mailbox, items }))
}

/// `(item ...)` of STATUS, also after LIST's `RETURN (STATUS ...)`: at
/// least one item.
pub(super) fn status_items(i: In<'_>) -> R<'_, Vec<StatusItem>> {
    const EXPECTED: &str = "a STATUS item such as MESSAGES, RECENT, UIDNEXT, UIDVALIDITY, UNSEEN, SIZE or HIGHESTMODSEQ";
    let (r, items) = super::primitive::paren_list(
        i,
        "a list of STATUS items in parentheses such as (MESSAGES UNSEEN)",
        |x| {
            let (x2, w) = label(x, EXPECTED, take_while1(|b: u8| b.is_ascii_alphanumeric()))?;
            let item = match ascii(w).to_ascii_uppercase().as_str() {
                "MESSAGES" => StatusItem::Messages,
                "RECENT" => StatusItem::Recent,
                "UIDNEXT" => StatusItem::UidNext,
                "UIDVALIDITY" => StatusItem::UidValidity,
                "UNSEEN" => StatusItem::Unseen,
                "SIZE" => StatusItem::Size,
                "HIGHESTMODSEQ" => StatusItem::HighestModSeq,
                _ => return fail(x, EXPECTED),
            };
            Ok((x2, item))
        },
    )?;
    if items.is_empty() {
        return fail(i.get(1..).unwrap_or_default(), EXPECTED);
    }
    Ok((r, items))
}

/// `APPEND mailbox [(flags)] ["date-time"] literal`, and MULTIAPPEND's
/// (RFC 3502) further `[(flags)] ["date-time"] literal` groups, each after
/// a space. The literals may be literal8 (`~{n}`, RFC 3516).
fn append(i: In<'_>) -> R<'_, CommandBody> {
    let (r, _) = sp_then("a space, then a mailbox name")(i)?;
    let (r, mailbox) = mailbox(r)?;
    let (r, _) = sp_then(APPEND_EXPECTED)(r)?;
    let (mut r, first) = append_message(r)?;
    let mut more = Vec::new();
    while peek(r) == Some(b' ') {
        let (r2, _) = sp(r)?;
        let (r2, m) = append_message(r2)?;
        more.push(m);
        r = r2;
    }
    Ok((
        r,
        CommandBody::Append {
            mailbox,
            flags: first.flags,
            date: first.date,
            message: first.message,
            more,
        },
    ))
}

/// The words used when APPEND's message is missing.
const APPEND_EXPECTED: &str =
    "a literal with the message, such as {310} (optionally after flags and a date)";

/// One message of an APPEND: `[(flags) SP] ["date-time" SP] literal`.
fn append_message(i: In<'_>) -> R<'_, AppendMessage> {
    let mut r = i;
    let mut flags = Vec::new();
    if peek(r) == Some(b'(') {
        let (r2, f) = flag_list(r)?;
        let (r2, _) = sp(r2)?;
        flags = f;
        r = r2;
    }
    let mut date = None;
    if peek(r) == Some(b'"') {
        let (r2, d) = date_time(r)?;
        let (r2, _) = sp(r2)?;
        date = Some(d);
        r = r2;
    }
    if !matches!(peek(r), Some(b'{' | b'~')) {
        return fail(r, APPEND_EXPECTED);
    }
    let (r, message) = literal8(r)?;
    Ok((
        r,
        AppendMessage {
            flags,
            date,
            message: message.to_vec(),
        },
    ))
}

/// `CANCELUPDATE "tag" *(SP "tag")` (RFC 5267 §4.3): the tags of earlier
/// `SEARCH RETURN (UPDATE)` commands, as quoted strings.
fn cancel_update(i: In<'_>) -> R<'_, CommandBody> {
    const EXPECTED: &str =
        "a space, then the tag of a SEARCH RETURN (UPDATE) in quotes, such as \"a5\"";
    let mut tags = Vec::new();
    let mut r = i;
    loop {
        let (r2, _) = sp_then(EXPECTED)(r)?;
        let (r2, t) = label(r2, EXPECTED, quoted)?;
        tags.push(String::from_utf8_lossy(&t).into_owned());
        r = r2;
        if peek(r) != Some(b' ') {
            return Ok((r, CommandBody::CancelUpdate(tags)));
        }
    }
}

/// The words used when a RETURN option is missing or unknown.
const RETURN_EXPECTED: &str =
    "a RETURN option: MIN, MAX, ALL, COUNT, SAVE, PARTIAL, UPDATE or CONTEXT";

/// The words used when PARTIAL's range is missing or wrong.
const PARTIAL_EXPECTED: &str = "a range of positions such as 1:10, counted from 1";

/// One option of `RETURN (...)`.
fn search_return(i: In<'_>) -> R<'_, SearchReturn> {
    let (rest, word) = label(i, RETURN_EXPECTED, take_while1(is_atom_char))?;
    let upper = ascii(word).to_ascii_uppercase();
    if upper == "PARTIAL" {
        // RFC 5267 §4.4: `PARTIAL first:last`, both at least 1; a range
        // written high to low means the same positions (as Dovecot).
        let (r, _) = sp_then(PARTIAL_EXPECTED)(rest)?;
        let (r2, a) = label(r, PARTIAL_EXPECTED, number)?;
        let (r2, _) = label(r2, PARTIAL_EXPECTED, byte(b':', ":"))?;
        let (r2, b) = label(r2, PARTIAL_EXPECTED, number)?;
        if a == 0 || b == 0 {
            return fail(r, PARTIAL_EXPECTED);
        }
        return Ok((r2, SearchReturn::Partial(a.min(b), a.max(b))));
    }
    match SearchReturn::EVERY.iter().find(|o| o.name() == upper) {
        Some(o) => Ok((rest, *o)),
        None => fail(i, RETURN_EXPECTED),
    }
}

/// `RETURN (options) ` of SEARCH and SORT, if it is there (RFC 4731, RFC
/// 5267), with the space after it; `then` says what follows.
pub(crate) fn search_returns<'a>(
    r: In<'a>,
    then: &'static str,
) -> R<'a, Option<Vec<SearchReturn>>> {
    let Ok((r2, _)) = tag_no_case::<_, _, PErr>("RETURN ")(r) else {
        return Ok((r, None));
    };
    let (r3, options) = paren_list(
        r2,
        "a parenthesized list of RETURN options such as (MIN COUNT)",
        search_return,
    )?;
    // PARTIAL is a slice of what ALL would give: one or the other
    // (RFC 5267 §4.4).
    let partial = options
        .iter()
        .any(|o| matches!(o, SearchReturn::Partial(..)));
    if partial && options.contains(&SearchReturn::All) {
        return fail(r2, "RETURN options with PARTIAL or ALL, not both");
    }
    let (r3, _) = sp_then(then)(r3)?;
    Ok((r3, Some(options)))
}

/// `[UID] SEARCH [RETURN (options)] [CHARSET name] keys` (RETURN: RFC 4731).
fn search(i: In<'_>, uid: bool) -> R<'_, CommandBody> {
    const THEN: &str = "a space, then a search key such as ALL or UNSEEN";
    let (r, _) = sp_then(THEN)(i)?;
    let (mut r, returns) = search_returns(r, THEN)?;
    let mut charset = None;
    if let Ok((r2, _)) = tag_no_case::<_, _, PErr>("CHARSET ")(r) {
        let (r2, cs) = label(r2, "a character set name such as UTF-8", astring_text)?;
        let (r2, _) = sp(r2)?;
        charset = Some(cs);
        r = r2;
    }
    let (r, criteria) = search_keys(r)?;
    Ok((
        r,
        CommandBody::Search {
            returns,
            charset,
            criteria,
            uid,
        },
    ))
}

/// `[UID] FETCH set items`.
fn fetch(i: In<'_>, uid: bool) -> R<'_, CommandBody> {
    let (r, _) = sp_then("a space, then a sequence set such as 1:5 and the items to fetch")(i)?;
    let (r, set) = sequence_set_or_saved(r)?;
    let (r, _) = sp_then("a space, then the items to fetch such as (FLAGS ENVELOPE)")(r)?;
    let (r, items) = fetch_items(r)?;
    let (r, (changed_since, vanished)) = super::condstore::fetch_modifiers(r)?;
    Ok((
        r,
        CommandBody::Fetch {
            set,
            items,
            uid,
            changed_since,
            vanished,
        },
    ))
}

/// `[UID] STORE set [+|-]FLAGS[.SILENT] flags`.
fn store(i: In<'_>, uid: bool) -> R<'_, CommandBody> {
    const EXPECTED: &str = "FLAGS, +FLAGS or -FLAGS (each may end in .SILENT)";
    let (r, _) = sp_then("a space, then a sequence set such as 1:5")(i)?;
    let (r, set) = sequence_set_or_saved(r)?;
    let (r, _) = sp_then("a space, then FLAGS, +FLAGS or -FLAGS")(r)?;
    let (r, unchanged_since) = super::condstore::store_modifiers(r)?;
    let item_at = r;
    let (r, mode) = match r.split_first() {
        Some((b'+', r2)) => (r2, StoreMode::Add),
        Some((b'-', r2)) => (r2, StoreMode::Remove),
        _ => (r, StoreMode::Replace),
    };
    let (r, word) = label(
        r,
        EXPECTED,
        take_while1(|b: u8| b.is_ascii_alphabetic() || b == b'.'),
    )
    .map_err(|_| nom::Err::Error(PErr::at(item_at, EXPECTED)))?;
    let silent = match ascii(word).to_ascii_uppercase().as_str() {
        "FLAGS" => false,
        "FLAGS.SILENT" => true,
        _ => return fail(item_at, EXPECTED),
    };
    let (r, _) = sp_then("a space, then a flag list such as (\\Seen)")(r)?;
    let (r, flags) = if peek(r) == Some(b'(') {
        flag_list(r)?
    } else {
        let (mut r, first) = label(r, "a flag list such as (\\Seen \\Flagged)", flag)?;
        let mut flags = vec![first];
        while let Some(after) = r.strip_prefix(b" ") {
            let (r2, f) = flag(after)?;
            flags.push(f);
            r = r2;
        }
        (r, flags)
    };
    Ok((
        r,
        CommandBody::Store {
            set,
            mode,
            silent,
            flags,
            uid,
            unchanged_since,
        },
    ))
}

/// `[UID] COPY|MOVE set mailbox`.
fn copy_move(i: In<'_>, is_move: bool, uid: bool) -> R<'_, CommandBody> {
    let (r, _) = sp_then("a space, then a sequence set such as 1:5")(i)?;
    let (r, set) = sequence_set_or_saved(r)?;
    let (r, _) = sp_then("a space, then the destination mailbox name")(r)?;
    let (r, mailbox) = label(r, "the destination mailbox name", mailbox)?;
    let body = if is_move {
        CommandBody::Move { set, mailbox, uid }
    } else {
        CommandBody::Copy { set, mailbox, uid }
    };
    Ok((r, body))
}

/// A tag and the space after it.
pub(crate) fn tag_then_space(i: In<'_>) -> R<'_, &str> {
    let (r, t) = super::primitive::tag_text(i)?;
    let (r, _) = byte(b' ', "a space after the tag, then the command")(r)?;
    Ok((r, t))
}
