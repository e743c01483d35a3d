//! The ENVELOPE: address headers tokenized and read as RFC 5322
//! mailboxes and groups, the way IMAP shows them.

use super::*;

/// The envelope of a header block's fields.
pub(super) fn envelope_of(fields: &[Field<'_>]) -> Envelope {
    let get = |name: &str| {
        fields
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name.as_bytes()))
    };
    let text = |name: &str| get(name).map(|f| unfold(f.value));
    let addrs = |name: &str| {
        get(name)
            .map(|f| parse_addresses(&unfold(f.value)))
            .unwrap_or_default()
    };
    let from = addrs("from");
    let sender = match addrs("sender") {
        s if s.is_empty() => from.clone(),
        s => s,
    };
    let reply_to = match addrs("reply-to") {
        r if r.is_empty() => from.clone(),
        r => r,
    };
    Envelope {
        date: text("date"),
        subject: text("subject"),
        from,
        sender,
        reply_to,
        to: addrs("to"),
        cc: addrs("cc"),
        bcc: addrs("bcc"),
        in_reply_to: text("in-reply-to"),
        message_id: text("message-id"),
    }
}

/// A lexical piece of an address header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Token {
    /// An atom or a run of dot-atom text (as written).
    Word(Vec<u8>),
    /// A quoted string, unquoted (backslash escapes undone).
    Quoted(Vec<u8>),
    /// A comment's text.
    Comment(Vec<u8>),
    /// A special character: `< > @ , ; : .` or `[ ]` text kept in words.
    Special(u8),
}

pub(super) fn tokenize(v: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0usize;
    let at = |i: usize| v.get(i).copied();
    while let Some(b) = at(i) {
        match b {
            b' ' | b'\t' | b'\r' | b'\n' => i = i.saturating_add(1),
            b'"' => {
                let mut s = Vec::new();
                i = i.saturating_add(1);
                while let Some(c) = at(i) {
                    i = i.saturating_add(1);
                    match c {
                        b'"' => break,
                        b'\\' => {
                            if let Some(n) = at(i) {
                                s.push(n);
                                i = i.saturating_add(1);
                            }
                        }
                        _ => s.push(c),
                    }
                }
                out.push(Token::Quoted(s));
            }
            b'(' => {
                let mut depth = 0usize;
                let mut s = Vec::new();
                while let Some(c) = at(i) {
                    i = i.saturating_add(1);
                    match c {
                        b'(' => {
                            if depth > 0 {
                                s.push(c);
                            }
                            depth = depth.saturating_add(1);
                        }
                        b')' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                break;
                            }
                            s.push(c);
                        }
                        b'\\' => {
                            if let Some(n) = at(i) {
                                s.push(n);
                                i = i.saturating_add(1);
                            }
                        }
                        _ => s.push(c),
                    }
                }
                out.push(Token::Comment(s));
            }
            b'<' | b'>' | b'@' | b',' | b';' | b':' | b'.' => {
                out.push(Token::Special(b));
                i = i.saturating_add(1);
            }
            _ => {
                let start = i;
                while at(i).is_some_and(|c| !b" \t\r\n\"(<>@,;:.".contains(&c)) {
                    i = i.saturating_add(1);
                }
                out.push(Token::Word(v.get(start..i).unwrap_or_default().to_vec()));
            }
        }
    }
    out
}

/// Joins tokens back into text: words and quoted strings separated by one
/// space, dots glued to their neighbours (for names and local parts).
pub(super) fn join_tokens(tokens: &[Token]) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::new();
    let mut glue = true;
    for t in tokens {
        match t {
            Token::Word(w) | Token::Quoted(w) => {
                if !glue && !out.is_empty() {
                    out.push(b' ');
                }
                out.extend_from_slice(w);
                glue = false;
            }
            Token::Special(c) => {
                out.push(*c);
                glue = true;
            }
            Token::Comment(_) => {}
        }
    }
    out
}

pub(super) const MISSING_MAILBOX: &[u8] = b"MISSING_MAILBOX";
pub(super) const MISSING_DOMAIN: &[u8] = b"MISSING_DOMAIN";

/// Parses an address list (raw, unfolded) into IMAP envelope addresses,
/// with group start and end markers. Encoded words are kept as written.
pub fn parse_addresses(v: &[u8]) -> Vec<Addr> {
    let tokens = tokenize(v);
    let mut out = Vec::new();
    let mut i = 0usize;
    let mut in_group = false;
    while i < tokens.len() {
        // One item: tokens up to a top-level ',' or ';' (or ':' starting a group).
        let mut j = i;
        let mut angle = false;
        let mut stop = None;
        while let Some(t) = tokens.get(j) {
            match t {
                Token::Special(b'<') => angle = true,
                Token::Special(b'>') => angle = false,
                Token::Special(c @ (b',' | b';')) if !angle => {
                    stop = Some(*c);
                    break;
                }
                Token::Special(b':') if !angle && !in_group => {
                    stop = Some(b':');
                    break;
                }
                _ => {}
            }
            j = j.saturating_add(1);
        }
        let item = tokens.get(i..j).unwrap_or_default();
        match stop {
            Some(b':') => {
                let name = join_tokens(item);
                out.push(Addr {
                    name: None,
                    adl: None,
                    mailbox: Some(name),
                    host: None,
                });
                in_group = true;
            }
            _ => {
                if let Some(a) = parse_mailbox(item) {
                    out.push(a);
                }
                if stop == Some(b';') && in_group {
                    out.push(Addr::default());
                    in_group = false;
                }
            }
        }
        i = j.saturating_add(1);
    }
    if in_group {
        out.push(Addr::default());
    }
    out
}

/// One mailbox (`name <route:local@domain>` or `local@domain (comment)`).
pub(super) fn parse_mailbox(item: &[Token]) -> Option<Addr> {
    if item.iter().all(|t| matches!(t, Token::Comment(_))) {
        return None;
    }
    let comment = item.iter().find_map(|t| match t {
        Token::Comment(c) if !trim(c).is_empty() => Some(trim(c).to_vec()),
        _ => None,
    });
    let (name, spec) = match item.iter().position(|t| *t == Token::Special(b'<')) {
        Some(lt) => {
            let phrase = join_tokens(item.get(..lt).unwrap_or_default());
            let rest = item.get(lt.saturating_add(1)..).unwrap_or_default();
            let gt = rest
                .iter()
                .position(|t| *t == Token::Special(b'>'))
                .unwrap_or(rest.len());
            let name = if phrase.is_empty() {
                comment
            } else {
                Some(phrase)
            };
            (name, rest.get(..gt).unwrap_or_default())
        }
        None => (comment, item),
    };
    // A source route: "@a,@b:" before the address.
    let (adl, spec) = match spec.iter().position(|t| *t == Token::Special(b':')) {
        Some(colon) if spec.first() == Some(&Token::Special(b'@')) => (
            Some(join_tokens(spec.get(..colon).unwrap_or_default())),
            spec.get(colon.saturating_add(1)..).unwrap_or_default(),
        ),
        _ => (None, spec),
    };
    let (local, domain) = match spec.iter().rposition(|t| *t == Token::Special(b'@')) {
        Some(at) => (
            join_tokens(spec.get(..at).unwrap_or_default()),
            join_tokens(spec.get(at.saturating_add(1)..).unwrap_or_default()),
        ),
        None => (join_tokens(spec), Vec::new()),
    };
    let mailbox = if local.is_empty() {
        MISSING_MAILBOX.to_vec()
    } else {
        local
    };
    let host = if domain.is_empty() {
        MISSING_DOMAIN.to_vec()
    } else {
        domain
    };
    Some(Addr {
        name,
        adl,
        mailbox: Some(mailbox),
        host: Some(host),
    })
}

/// Is `b` RFC 5322 `atext`: a character that may stand in an atom?
fn is_atext(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&b)
}

/// Appends `text` as is when every character is `atext` (or, with `dots`,
/// a dot: a local part's dot-atom), else as a quoted string.
fn push_word(out: &mut String, text: &str, dots: bool) {
    if !text.is_empty() && text.bytes().all(|b| is_atext(b) || (dots && b == b'.')) {
        out.push_str(text);
        return;
    }
    out.push('"');
    for c in text.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
}

/// Appends a display name or group name: decoded as it is when it holds
/// RFC 2047 encoded words (which may not stand in a quoted string), else
/// as an atom or a quoted string.
fn push_phrase(out: &mut String, raw: &[u8]) {
    let text = String::from_utf8_lossy(raw);
    if text.contains("=?") {
        out.push_str(&decode_header_value(raw));
    } else {
        push_word(out, &text, false);
    }
}

/// An address list as SEARCH FROM, TO, CC and BCC compare with it, the way
/// Dovecot 2.3 writes it back after parsing: each address as
/// `"Display Name" <local@domain>` or `<local@domain>` (a source route
/// kept as `<@route:local@domain>`), a comment standing in for a missing
/// display name, other comments, folding and extra spaces gone, encoded
/// words decoded, groups as `name: <a@b>, <c@d>;`, addresses separated by
/// `, `. So `user@example.org` finds `user (Someone) @ example.org` and
/// `"user"@example.org` alike, and a display name is found as it reads.
pub fn address_search_text(addrs: &[Addr]) -> String {
    let mut out = String::new();
    // What comes before the next address: nothing (the list's start), a
    // group's "name:" (then a space) or another item (then ", ").
    let mut after = After::Start;
    for a in addrs {
        match (&a.mailbox, &a.host) {
            // A group's start: its name.
            (Some(name), None) => {
                if after != After::Start {
                    out.push_str(", ");
                }
                push_phrase(&mut out, name);
                out.push(':');
                after = After::GroupName;
            }
            // A group's end.
            (None, None) => {
                out.push(';');
                after = After::Item;
            }
            (mailbox, Some(host)) => {
                out.push_str(match after {
                    After::Start => "",
                    After::GroupName => " ",
                    After::Item => ", ",
                });
                after = After::Item;
                if let Some(name) = a.name.as_deref().filter(|n| !n.is_empty()) {
                    push_phrase(&mut out, name);
                    out.push(' ');
                }
                out.push('<');
                if let Some(route) = &a.adl {
                    out.push_str(&String::from_utf8_lossy(route));
                    out.push(':');
                }
                let local = String::from_utf8_lossy(mailbox.as_deref().unwrap_or_default());
                push_word(&mut out, &local, true);
                out.push('@');
                out.push_str(&String::from_utf8_lossy(host));
                out.push('>');
            }
        }
    }
    out
}

/// Where [`address_search_text`] is in the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum After {
    Start,
    GroupName,
    Item,
}
