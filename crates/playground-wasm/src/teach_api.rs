//! The `#[wasm_bindgen]` bindings the teaching layer needs from the
//! engine's façade: `Playground.vocabulary` and `Playground.facts` (a
//! session's transcript facts, kept by `Sessions`). The explanations
//! themselves are in their own module, `playground-teach`.

use wasm_bindgen::prelude::*;

use crate::Playground;
use crate::vocabulary::vocabulary;

#[wasm_bindgen]
impl Playground {
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
