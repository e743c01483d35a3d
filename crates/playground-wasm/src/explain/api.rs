//! The vocabulary for help, and the `#[wasm_bindgen]` bindings of the
//! teaching layer: `Playground.explain`, `Playground.vocabulary` and the
//! `Teacher` class.

use imap_syntax::vocabulary::{
    COMMANDS, FETCH_ITEMS, SEARCH_KEYS, SECTION_WORDS, STATUS_ITEMS, STORE_ITEMS, SYSTEM_FLAGS,
    StateName,
};
use std::collections::BTreeMap;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{Context, Facts, explain_bytes};
use crate::Playground;

/// The vocabulary for help: commands with states, and the word lists.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VocabularyView {
    /// `{name, states, syntax, example}` for every command.
    pub commands: Vec<CommandView>,
    /// FETCH items: `{name, syntax, example}`.
    pub fetch_items: Vec<WordView>,
    /// SEARCH keys.
    pub search_keys: Vec<WordView>,
    /// Section specifiers inside `BODY[...]`.
    pub section_words: Vec<WordView>,
    /// STATUS items.
    pub status_items: Vec<&'static str>,
    /// STORE items.
    pub store_items: Vec<&'static str>,
    /// System flags.
    pub system_flags: Vec<&'static str>,
}

/// One command for help.
#[derive(Debug, Clone, Serialize)]
pub struct CommandView {
    /// Such as `UID FETCH`.
    pub name: &'static str,
    /// `not-authenticated`, `authenticated`, `selected`, `any`.
    pub states: Vec<&'static str>,
    /// The argument shape.
    pub syntax: &'static str,
    /// An example line.
    pub example: &'static str,
}

/// One word (fetch item, search key) for help.
#[derive(Debug, Clone, Serialize)]
pub struct WordView {
    /// The word.
    pub name: &'static str,
    /// With its arguments.
    pub syntax: &'static str,
    /// As used in a command.
    pub example: &'static str,
}

/// The syntax crate's vocabulary as plain data.
pub fn vocabulary() -> VocabularyView {
    let words = |list: &[imap_syntax::vocabulary::Word]| {
        list.iter()
            .map(|w| WordView {
                name: w.name,
                syntax: w.syntax,
                example: w.example,
            })
            .collect()
    };
    VocabularyView {
        commands: COMMANDS
            .iter()
            .map(|c| CommandView {
                name: c.name(),
                states: c
                    .states()
                    .iter()
                    .map(|s| match s {
                        StateName::NotAuthenticated => "not-authenticated",
                        StateName::Authenticated => "authenticated",
                        StateName::Selected => "selected",
                        StateName::Any => "any",
                    })
                    .collect(),
                syntax: c.syntax,
                example: c.example,
            })
            .collect(),
        fetch_items: words(FETCH_ITEMS),
        search_keys: words(SEARCH_KEYS),
        section_words: words(SECTION_WORDS),
        status_items: STATUS_ITEMS.to_vec(),
        store_items: STORE_ITEMS.to_vec(),
        system_flags: SYSTEM_FLAGS.to_vec(),
    }
}

#[wasm_bindgen]
impl Playground {
    /// Explains one response line: `{title, paragraphs, terms: [{term,
    /// meaning}]}`. `exists` is the message count just before the line (it
    /// lets EXPUNGE say which numbers shift), `mailbox` the selected one,
    /// `command` the command its tag belongs to.
    pub fn explain(
        &self,
        line: &str,
        exists: Option<u32>,
        mailbox: Option<String>,
        command: Option<String>,
    ) -> Result<JsValue, JsError> {
        let ctx = Context {
            exists,
            mailbox,
            command,
        };
        crate::to_js(&explain_bytes(line.as_bytes(), &ctx))
    }

    /// `{commands: [{name, states, syntax, example}], fetchItems,
    /// searchKeys, sectionWords, statusItems, storeItems, systemFlags}`.
    pub fn vocabulary(&self) -> Result<JsValue, JsError> {
        crate::to_js(&vocabulary())
    }
}

/// Follows one session's transcript for lessons: `observeClient(line)`,
/// `observeServer(line)`, then `hasFlag(seq, flag)`, `lastTagged()`,
/// `okCount(name)`, `exists()`, `commandFor(tag)`.
#[wasm_bindgen]
#[derive(Debug, Default)]
pub struct Teacher {
    facts: Facts,
}

#[wasm_bindgen]
impl Teacher {
    /// A teacher that has seen nothing yet.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Teacher {
        Teacher::default()
    }

    /// Notes a line the learner typed.
    #[wasm_bindgen(js_name = observeClient)]
    pub fn observe_client(&mut self, line: &str) {
        self.facts.observe_client(line);
    }

    /// Notes a server line.
    #[wasm_bindgen(js_name = observeServer)]
    pub fn observe_server(&mut self, line: &str) {
        self.facts.observe_server(line.as_bytes());
    }

    /// `true`/`false` from the last FETCH of message `seq`, `undefined` if
    /// never fetched.
    #[wasm_bindgen(js_name = hasFlag)]
    pub fn has_flag(&self, seq: u32, flag: &str) -> Option<bool> {
        self.facts.has_flag(seq, flag)
    }

    /// `{command, status}` of the last tagged answer, or `null`.
    #[wasm_bindgen(js_name = lastTagged)]
    pub fn last_tagged(&self) -> Result<JsValue, JsError> {
        #[derive(Serialize)]
        struct Last<'a> {
            command: String,
            status: &'static str,
            code: Option<&'a str>,
        }
        crate::to_js(&self.facts.last_tagged().map(|(command, status)| Last {
            command,
            status,
            code: self.facts.last_code(),
        }))
    }

    /// Times a SEARCH using `key` (such as `OLD`, or `CHARSET`) finished
    /// with OK.
    #[wasm_bindgen(js_name = searchKeyCount)]
    pub fn search_key_count(&self, key: &str) -> u32 {
        self.facts.search_key_count(key)
    }

    /// `{commands: {NAME: n}, searchKeys: {KEY: n}}`: every OK counter, for
    /// a lesson step to compare with when it was opened.
    pub fn counts(&self) -> Result<JsValue, JsError> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Counts {
            commands: BTreeMap<String, u32>,
            search_keys: BTreeMap<String, u32>,
        }
        let (commands, search_keys) = self.facts.counts();
        crate::to_js(&Counts {
            commands,
            search_keys,
        })
    }

    /// Times `command` finished with OK.
    #[wasm_bindgen(js_name = okCount)]
    pub fn ok_count(&self, command: &str) -> u32 {
        self.facts.ok_count(command)
    }

    /// Messages in the selected mailbox, if known.
    pub fn exists(&self) -> Option<u32> {
        self.facts.exists()
    }

    /// The command a tag was used for.
    #[wasm_bindgen(js_name = commandFor)]
    pub fn command_for(&self, tag: &str) -> Option<String> {
        self.facts.command_for(tag).map(str::to_owned)
    }
}
