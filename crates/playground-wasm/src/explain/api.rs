//! The `#[wasm_bindgen]` bindings of the teaching layer:
//! `Playground.explain`, `Playground.vocabulary` and `Playground.facts` (a
//! session's transcript facts, kept by `Sessions`).

use wasm_bindgen::prelude::*;

use super::vocabulary::vocabulary;
use super::{Context, explain_bytes};
use crate::Playground;

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

    /// What session `id`'s transcript has told, for lessons: `{exists,
    /// mailbox, flags: {SEQ: [flag]}, last: {command, status, code},
    /// okCommands: {NAME: n}, okSearchKeys: {KEY: n}}`.
    pub fn facts(&self, id: u32) -> Result<JsValue, JsError> {
        let facts = self
            .sessions
            .facts(id)
            .ok_or_else(|| JsError::new(&format!("no session {id}")))?;
        crate::to_js(&facts.view())
    }
}
