//! The teaching layer's wasm module: what a server's line means, in the
//! project's own words.
//!
//! The page loads it after the engine is ready, with the rest of the
//! teaching layer (`web/teach/`), so none of its bytes stand between a
//! visitor and the prompt. It needs nothing of a session but the line and
//! the little context the engine's façade attaches to each line it renders
//! (`playground_wasm::render::LineContext`): the explanations are pure
//! functions of those.
//!
//! It is the one home of the teaching prose: what each answer means
//! ([`explain`], Rust, tested natively) and the `help` command's text
//! ([`help`], `help.json`). The `#[wasm_bindgen]` functions below only
//! convert values. This
//! crate and `playground-wasm` are the only ones that know `JsValue`.
//!
//! # JavaScript API
//! ```js
//! import init, { explain, flagMeanings } from '/pkg/playground_teach.js';
//! await init();
//! explain("* 3 EXPUNGE", 25, "INBOX", null); // {title, paragraphs, terms: [{term, meaning}]}
//! flagMeanings();                            // {"\\Seen": "read", ...}
//! JSON.parse(helpText()).commands.FETCH;     // {summary, detail, examples, rfc}
//! ```
#![forbid(unsafe_code)]

pub mod explain;
pub mod help;

pub use explain::{Context, Explanation, Term, explain_bytes, explain_response, flag_meaning};

use serde::Serialize;
use wasm_bindgen::prelude::*;

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Explains one response line: `{title, paragraphs, terms: [{term,
/// meaning}]}`. `exists` is the message count just before the line (it
/// lets EXPUNGE say which numbers shift), `mailbox` the selected one,
/// `command` the command its tag belongs to.
#[wasm_bindgen]
pub fn explain(
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
    to_js(&explain_bytes(line.as_bytes(), &ctx))
}

/// The help prose (`help.json`, see [`help`]), as JSON text.
#[wasm_bindgen(js_name = helpText)]
pub fn help_text() -> String {
    help::HELP_JSON.to_owned()
}

/// What each system flag means, in the words the explanations use: a JSON
/// object keyed by the flag, for help's tables.
#[wasm_bindgen(js_name = flagMeanings)]
pub fn flag_meanings() -> Result<JsValue, JsError> {
    to_js(&explain::flag_meanings())
}
