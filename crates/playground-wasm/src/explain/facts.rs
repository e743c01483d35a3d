//! [`Facts`]: what a lesson can check about a session, learned from its
//! transcript the way a client would learn it.

use std::collections::BTreeMap;

use imap_syntax::{
    Data, FetchValue, Response, StatusKind, StatusResponse, parse_command, parse_response,
};

use super::kind_word;

/// What a lesson can check about a session, learned from its transcript.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// Messages in the selected mailbox, from the last EXISTS and EXPUNGEs.
    exists: Option<u32>,
    /// Flags by sequence number, from FETCH answers; renumbered on EXPUNGE.
    flags: BTreeMap<u32, Vec<String>>,
    /// Command name by tag, for every command typed (bounded).
    commands: BTreeMap<String, String>,
    /// The last tagged answer: (command name, OK|NO|BAD).
    last: Option<(String, &'static str)>,
    /// Commands that finished with OK, by name (for "have you done X").
    ok_commands: BTreeMap<String, u32>,
    /// The tag of the last command typed.
    last_tag: Option<String>,
}

/// Most tags [`Facts`] remembers.
const MAX_TAGS: usize = 2000;

impl Facts {
    /// Notes a line the learner typed (tag and command name).
    pub fn observe_client(&mut self, line: &str) {
        let mut bytes = line.as_bytes().to_vec();
        bytes.extend_from_slice(b"\r\n");
        let (tag, name) = match parse_command(&bytes) {
            Ok(cmd) => (cmd.tag.as_str().to_owned(), cmd.body.name().to_owned()),
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
        }
        if self.commands.len() >= MAX_TAGS {
            self.commands.clear();
        }
        self.commands.insert(tag.clone(), name);
        self.last_tag = Some(tag);
    }

    /// Notes one server response (whole, with or without CRLF).
    pub fn observe_server(&mut self, bytes: &[u8]) {
        let mut owned = bytes.to_vec();
        if !owned.ends_with(b"\r\n") {
            owned.extend_from_slice(b"\r\n");
        }
        let Ok(response) = parse_response(&owned) else {
            return;
        };
        match response {
            Response::Data(Data::Exists(n)) => self.exists = Some(n),
            Response::Data(Data::Expunge(n)) => {
                self.exists = self.exists.map(|e| e.saturating_sub(1));
                self.flags.remove(&n);
                let later: Vec<(u32, Vec<String>)> = self
                    .flags
                    .range(n.saturating_add(1)..)
                    .map(|(k, v)| (*k, v.clone()))
                    .collect();
                for (k, v) in later {
                    self.flags.remove(&k);
                    self.flags.insert(k.saturating_sub(1), v);
                }
            }
            Response::Data(Data::Fetch { seq, items }) => {
                for item in items {
                    if let FetchValue::Flags(flags) = item {
                        self.flags
                            .insert(seq, flags.iter().map(ToString::to_string).collect());
                    }
                }
            }
            Response::Status(StatusResponse {
                tag: Some(tag),
                kind,
                ..
            }) => {
                let name = self.commands.get(tag.as_str()).cloned().unwrap_or_default();
                let word = kind_word(kind);
                if kind == StatusKind::Ok {
                    let count = self.ok_commands.entry(name.clone()).or_insert(0);
                    *count = count.saturating_add(1);
                }
                self.last = Some((name, word));
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
        self.last.clone()
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
}
