//! [`Facts`]: what a lesson can check about a session, and what a line's
//! explanation needs to know, learned from its transcript the way a client
//! would learn it. The façade keeps one per session (and one per bridge
//! connection) and feeds it the typed responses it renders, so no line is
//! parsed again for teaching.
//!
//! Its maps are sorted vectors ([`LiteMap`]), not `BTreeMap`s: see
//! ARCHITECTURE.md, "No `BTreeMap` … in what the page downloads".

use litemap::LiteMap;

use imap_syntax::{
    CommandBody, Data, FetchValue, Response, SearchKey, StatusKind, StatusResponse, parse_command,
    parse_response,
};

use serde::Serialize;

use crate::render::{Line, LineContext, code_name};

/// What a lesson can check about a session, learned from its transcript.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// Messages in the selected mailbox, from the last EXISTS and EXPUNGEs.
    exists: Option<u32>,
    /// Flags by sequence number, from FETCH answers; renumbered on EXPUNGE.
    flags: LiteMap<u32, Vec<String>>,
    /// Command name by tag, for every command typed (bounded).
    commands: LiteMap<String, String>,
    /// The last tagged answer: (command name, OK|NO|BAD, response code name).
    last: Option<(String, &'static str, Option<String>)>,
    /// Search keys (and `CHARSET`) of each SEARCH typed, by tag, until answered.
    searches: LiteMap<String, Vec<&'static str>>,
    /// Search keys used by SEARCH or UID SEARCH commands that finished with OK.
    ok_search_keys: LiteMap<&'static str, u32>,
    /// Commands that finished with OK, by name (for "have you done X").
    ok_commands: LiteMap<String, u32>,
    /// The tag of the last command typed.
    last_tag: Option<String>,
    /// The selected mailbox, once a SELECT or EXAMINE answered OK.
    mailbox: Option<String>,
    /// A SELECT or EXAMINE waiting for its answer: (tag, mailbox).
    selecting: Option<(String, String)>,
}

/// What `Playground.facts(id)` gives the page's lessons: the facts of one
/// session's transcript as plain data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FactsView {
    /// Messages in the selected mailbox, if the transcript told.
    pub exists: Option<u32>,
    /// The selected mailbox, if a SELECT or EXAMINE answered OK.
    pub mailbox: Option<String>,
    /// Flags by sequence number, as last shown (a JSON object keyed by
    /// the number).
    #[serde(serialize_with = "crate::serialize_pairs")]
    pub flags: Vec<(u32, Vec<String>)>,
    /// The last tagged answer.
    pub last: Option<LastView>,
    /// Commands that finished with OK, by name.
    pub ok_commands: LiteMap<String, u32>,
    /// Search keys (and `CHARSET`) of SEARCHes that finished with OK.
    pub ok_search_keys: LiteMap<String, u32>,
}

/// The last tagged answer: `{command, status, code}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LastView {
    /// The command's name, such as `SELECT` or `UID FETCH`.
    pub command: String,
    /// `OK`, `NO` or `BAD`.
    pub status: &'static str,
    /// The response code's name, such as `TRYCREATE`.
    pub code: Option<String>,
}

/// Most tags [`Facts`] remembers.
const MAX_TAGS: usize = 2000;

impl Facts {
    /// Notes a line the learner typed (tag and command name).
    pub fn observe_client(&mut self, line: &str) {
        let mut bytes = line.as_bytes().to_vec();
        bytes.extend_from_slice(b"\r\n");
        let (tag, name) = match parse_command(&bytes) {
            Ok(cmd) => {
                if let CommandBody::Search {
                    charset, criteria, ..
                } = &cmd.body
                {
                    let mut keys = Vec::new();
                    if charset.is_some() {
                        keys.push("CHARSET");
                    }
                    search_key_names(criteria, &mut keys);
                    if self.searches.len() >= MAX_TAGS {
                        self.searches.clear();
                    }
                    self.searches.insert(cmd.tag.as_str().to_owned(), keys);
                }
                if let CommandBody::Select(mailbox, _) | CommandBody::Examine(mailbox, _) =
                    &cmd.body
                {
                    self.selecting = Some((cmd.tag.as_str().to_owned(), mailbox.to_string()));
                }
                (cmd.tag.as_str().to_owned(), cmd.body.name().to_owned())
            }
            Err(_) => {
                let mut words = line.split_whitespace();
                let tag = words.next().unwrap_or_default().to_owned();
                let mut name = words.next().unwrap_or_default().to_ascii_uppercase();
                if name == "UID" {
                    name = format!(
                        "UID {}",
                        words.next().unwrap_or_default().to_ascii_uppercase()
                    );
                }
                (tag, name)
            }
        };
        if tag.is_empty() {
            return;
        }
        if matches!(
            name.as_str(),
            "SELECT" | "EXAMINE" | "CLOSE" | "UNSELECT" | "LOGOUT"
        ) {
            self.flags.clear();
            self.exists = None;
            self.mailbox = None;
        }
        if self.commands.len() >= MAX_TAGS {
            self.commands.clear();
        }
        self.commands.insert(tag.clone(), name);
        self.last_tag = Some(tag);
    }

    /// Notes one server response given as bytes (whole, with or without
    /// CRLF); for tests and callers that have no parsed response.
    pub fn observe_server(&mut self, bytes: &[u8]) {
        let mut owned = bytes.to_vec();
        if !owned.ends_with(b"\r\n") {
            owned.extend_from_slice(b"\r\n");
        }
        if let Ok(response) = parse_response(&owned) {
            self.observe_response(&response);
        }
    }

    /// Gives `line` its context (the facts just before it), then notes its
    /// parsed response, if it parsed.
    pub fn follow(&mut self, line: &mut Line, response: Option<&Response>) {
        line.context = Some(self.context(line.tag.as_deref()));
        if let Some(r) = response {
            self.observe_response(r);
        }
    }

    /// What an explanation of a line with `tag` (or untagged) needs now.
    pub fn context(&self, tag: Option<&str>) -> LineContext {
        let command = tag
            .or(self.last_tag.as_deref())
            .and_then(|t| self.command_for(t))
            .map(str::to_owned);
        // The answers to a SELECT or EXAMINE in progress describe the
        // mailbox being selected.
        let mailbox = match &self.selecting {
            Some((selecting, name)) if tag.is_none_or(|t| t == selecting) => Some(name.clone()),
            _ => self.mailbox.clone(),
        };
        LineContext {
            exists: self.exists,
            mailbox,
            command,
        }
    }

    /// Notes one parsed server response.
    pub fn observe_response(&mut self, response: &Response) {
        match response {
            Response::Data(Data::Exists(n)) => self.exists = Some(*n),
            Response::Data(Data::Expunge(n)) => {
                let n = *n;
                self.exists = self.exists.map(|e| e.saturating_sub(1));
                // Later messages move down one; the order stays sorted.
                let flags = std::mem::take(&mut self.flags).into_tuple_vec();
                self.flags = LiteMap::from_sorted_store_unchecked(
                    flags
                        .into_iter()
                        .filter(|(k, _)| *k != n)
                        .map(|(k, v)| (if k > n { k - 1 } else { k }, v))
                        .collect(),
                );
            }
            // QRESYNC's expunges name UIDs, which the facts do not map to
            // numbers: the count drops, the flags kept by number are
            // forgotten (VANISHED (EARLIER) changes nothing: EXISTS
            // already left those out).
            Response::Data(Data::Vanished {
                earlier: false,
                uids,
            }) => {
                let gone: u32 = uids
                    .resolved(u32::MAX)
                    .map(|(lo, hi)| hi.saturating_sub(lo).saturating_add(1))
                    .fold(0, u32::saturating_add);
                self.exists = self.exists.map(|e| e.saturating_sub(gone));
                self.flags.clear();
            }
            Response::Data(Data::Fetch { seq, items }) => {
                for item in items {
                    if let FetchValue::Flags(flags) = item {
                        self.flags
                            .insert(*seq, flags.iter().map(ToString::to_string).collect());
                    }
                }
            }
            Response::Status(StatusResponse {
                tag: Some(tag),
                kind,
                code,
                ..
            }) => {
                let name = self.commands.get(tag.as_str()).cloned().unwrap_or_default();
                let kind = *kind;
                let word = kind.name();
                if let Some((selecting, mailbox)) = self.selecting.take() {
                    if selecting == tag.as_str() {
                        // A failed SELECT leaves no mailbox selected.
                        self.mailbox = (kind == StatusKind::Ok).then_some(mailbox);
                    } else {
                        self.selecting = Some((selecting, mailbox));
                    }
                }
                let keys = self.searches.remove(tag.as_str()).unwrap_or_default();
                if kind == StatusKind::Ok {
                    let count = self.ok_commands.entry(name.clone()).or_insert(0);
                    *count = count.saturating_add(1);
                    for key in keys {
                        let count = self.ok_search_keys.entry(key).or_insert(0);
                        *count = count.saturating_add(1);
                    }
                }
                self.last = Some((name, word, code.as_ref().map(code_name)));
            }
            Response::Status(_) | Response::Data(_) | Response::Continue(_) => {}
        }
    }

    /// Whether the last FETCH answer about message `seq` listed `flag`
    /// (case-insensitive); `None` if no answer about `seq` was seen.
    pub fn has_flag(&self, seq: u32, flag: &str) -> Option<bool> {
        self.flags
            .get(&seq)
            .map(|flags| flags.iter().any(|f| f.eq_ignore_ascii_case(flag)))
    }

    /// The command and status (`OK`, `NO`, `BAD`) of the last tagged answer.
    pub fn last_tagged(&self) -> Option<(String, &'static str)> {
        self.last.as_ref().map(|(c, s, _)| (c.clone(), *s))
    }

    /// The response code of the last tagged answer, such as `TRYCREATE`.
    pub fn last_code(&self) -> Option<&str> {
        self.last.as_ref().and_then(|(_, _, code)| code.as_deref())
    }

    /// How many SEARCH or UID SEARCH commands that used `key` (a search key
    /// name such as `OLD`, or `CHARSET`) finished with OK.
    pub fn search_key_count(&self, key: &str) -> u32 {
        self.ok_search_keys
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map_or(0, |(_, n)| *n)
    }

    /// Every counter at once, so a lesson step can compare against the
    /// moment it was opened: `(commands, search keys)`.
    pub fn counts(&self) -> (LiteMap<String, u32>, LiteMap<String, u32>) {
        (
            self.ok_commands.clone(),
            // Already in order: `&str` and `String` sort alike.
            LiteMap::from_sorted_store_unchecked(
                self.ok_search_keys
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), *v))
                    .collect(),
            ),
        )
    }

    /// How many times a command (such as `FETCH`) finished with OK.
    pub fn ok_count(&self, command: &str) -> u32 {
        self.ok_commands
            .get(&command.to_ascii_uppercase())
            .copied()
            .unwrap_or(0)
    }

    /// Messages in the selected mailbox, as far as the transcript tells.
    pub fn exists(&self) -> Option<u32> {
        self.exists
    }

    /// The command name a tag was used for.
    pub fn command_for(&self, tag: &str) -> Option<&str> {
        self.commands.get(tag).map(String::as_str)
    }

    /// The facts as plain data, for the page.
    pub fn view(&self) -> FactsView {
        let (ok_commands, ok_search_keys) = self.counts();
        FactsView {
            exists: self.exists,
            mailbox: self.mailbox.clone(),
            flags: self
                .flags
                .iter()
                .map(|(seq, flags)| (*seq, flags.clone()))
                .collect(),
            last: self.last.as_ref().map(|(command, status, code)| LastView {
                command: command.clone(),
                status,
                code: code.clone(),
            }),
            ok_commands,
            ok_search_keys,
        }
    }
}

/// The names of the keys in a search, as the client wrote them; a bare
/// sequence set is `message set` (the brief's name), parentheses add nothing.
fn search_key_names(key: &SearchKey, out: &mut Vec<&'static str>) {
    let name = match key {
        SearchKey::And(keys) => {
            for k in keys {
                search_key_names(k, out);
            }
            return;
        }
        SearchKey::Not(k) => {
            out.push("NOT");
            search_key_names(k, out);
            return;
        }
        SearchKey::Or(a, b) => {
            out.push("OR");
            search_key_names(a, out);
            search_key_names(b, out);
            return;
        }
        SearchKey::SequenceSet(s) if s.is_saved() => "$",
        SearchKey::SequenceSet(_) => "message set",
        SearchKey::Older(_) => "OLDER",
        SearchKey::Younger(_) => "YOUNGER",
        SearchKey::All => "ALL",
        SearchKey::Answered => "ANSWERED",
        SearchKey::Bcc(_) => "BCC",
        SearchKey::Before(_) => "BEFORE",
        SearchKey::Body(_) => "BODY",
        SearchKey::Cc(_) => "CC",
        SearchKey::Deleted => "DELETED",
        SearchKey::Draft => "DRAFT",
        SearchKey::Flagged => "FLAGGED",
        SearchKey::From(_) => "FROM",
        SearchKey::Header(..) => "HEADER",
        SearchKey::Keyword(_) => "KEYWORD",
        SearchKey::Larger(_) => "LARGER",
        SearchKey::New => "NEW",
        SearchKey::Old => "OLD",
        SearchKey::On(_) => "ON",
        SearchKey::Recent => "RECENT",
        SearchKey::Seen => "SEEN",
        SearchKey::SentBefore(_) => "SENTBEFORE",
        SearchKey::SentOn(_) => "SENTON",
        SearchKey::SentSince(_) => "SENTSINCE",
        SearchKey::Since(_) => "SINCE",
        SearchKey::Smaller(_) => "SMALLER",
        SearchKey::Subject(_) => "SUBJECT",
        SearchKey::Text(_) => "TEXT",
        SearchKey::To(_) => "TO",
        SearchKey::Uid(_) => "UID",
        SearchKey::Unanswered => "UNANSWERED",
        SearchKey::Undeleted => "UNDELETED",
        SearchKey::Undraft => "UNDRAFT",
        SearchKey::Unflagged => "UNFLAGGED",
        SearchKey::Unkeyword(_) => "UNKEYWORD",
        SearchKey::Unseen => "UNSEEN",
        SearchKey::ModSeq { .. } => "MODSEQ",
    };
    out.push(name);
}
