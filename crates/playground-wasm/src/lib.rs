//! The wasm-bindgen façade of the IMAP playground: a [`Playground`] holds
//! one virtual mail store and many IMAP sessions on it, and hands the page
//! rendered, classified response lines.
//!
//! This crate and `playground-teach` are the only ones that know `JsValue`. Everything with logic in
//! it is plain Rust, tested natively; the `#[wasm_bindgen]` layer below
//! only converts values.
//!
//! # Layout
//! - [`render`]: one server response → one [`Line`] (text, kind, tag, code).
//! - [`check`]: one typed line → `None` or a [`LineError`] with a column.
//! - [`sessions`]: [`Sessions`], the store and its sessions, no JS types.
//! - [`proxy`]: a real server's bytes from the bridge → [`Line`]s ([`ServerStream`] in JS).
//! - [`redact`]: the one place that decides what is a credential ([`Redactor`]).
//! - [`data`]: snapshots, `.mbox`/`.eml` import and `.mbox` export (public
//!   so that `fuzz/` can feed the importer).
//! - [`facts`]: [`facts::Facts`], a session's transcript as a client would
//!   follow it (tags to commands, EXISTS, renumbering), for lessons and
//!   for the context each line carries to the explanations.
//! - [`vocabulary`]: the words the terminal's help and completion use.
//!
//! The explanations of lines are not here: they are the teaching layer's
//! own wasm module, `playground-teach`, loaded after this one.
//!
//! # JavaScript API
//! ```js
//! import init, { Playground } from '/pkg/playground_wasm.js';
//! await init();
//! const pg = new Playground();
//! const id = pg.openSession();
//! pg.poll(id);                       // [{text: "* OK ...", kind: "ok", tag: null, code: "CAPABILITY"}]
//! pg.send(id, new TextEncoder().encode("a1 LOGIN alice wonderland\r\n"));
//! pg.sessionState(id);               // {state: "authenticated", user: "alice", ...}
//! pg.nextTimeout(id);                // Date.now() + 30 min: when to poll(id) next
//! pg.checkLine("a2 FOO");            // {column: 3, expected: "...", found: "...", tag: "a2"}
//! ```
#![forbid(unsafe_code)]

#[cfg(feature = "bench")]
mod bench;
pub mod check;
mod complete;
pub mod data;
pub mod facts;
mod inspect;
pub mod proxy;
pub mod redact;
pub mod render;
pub mod sessions;
mod teach_api;
pub mod vocabulary;

pub use check::{LineError, check_line};
pub use proxy::{ServerLines, ServerStream};
pub use redact::{Redactor, Shown};
pub use render::{Kind, Line, render_response};
pub use sessions::{Sessions, StateView, Typed};

use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The playground: one demo store (alice/wonderland, bob/builder) and the
/// sessions opened on it. Every method that takes a session id throws if
/// there is no such session.
#[wasm_bindgen]
pub struct Playground {
    sessions: Sessions,
}

#[wasm_bindgen]
impl Playground {
    /// A playground on a fresh copy of the deterministic demo store.
    #[wasm_bindgen(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Playground {
        console_error_panic_hook::set_once();
        Playground {
            sessions: Sessions::new(mailstore::demo::demo_store()),
        }
    }

    /// Opens a session; the next [`Playground::poll`] returns its greeting.
    #[wasm_bindgen(js_name = openSession)]
    pub fn open_session(&mut self) -> u32 {
        self.sessions.open(now_ms())
    }

    /// Sends raw client bytes (a line with its CRLF, or literal octets) to
    /// session `id`; returns the array of response lines it produced.
    pub fn send(&mut self, id: u32, bytes: &[u8]) -> Result<JsValue, JsError> {
        let lines = self
            .sessions
            .send(id, bytes, now_ms())
            .ok_or_else(|| no_session(id))?;
        to_js(&lines)
    }

    /// Sends one typed line (without CRLF) to session `id`; returns
    /// `{shown, masks, lines, caret}`: the line as it may be shown and kept
    /// (credentials masked), the answers, and `null` or the caret
    /// `{column, expected, found, tag}` for a refused command. The page
    /// shows, stores and shares only what this returns.
    #[wasm_bindgen(js_name = sendTyped)]
    pub fn send_typed(&mut self, id: u32, line: &str) -> Result<JsValue, JsError> {
        let typed = self
            .sessions
            .send_typed(id, line, now_ms())
            .ok_or_else(|| no_session(id))?;
        to_js(&typed)
    }

    /// The pending response lines of session `id` (greeting, IDLE updates,
    /// an autologout `* BYE`), after doing what is due now: at or after
    /// [`Playground::next_timeout`] the session logs out here.
    pub fn poll(&mut self, id: u32) -> Result<JsValue, JsError> {
        let lines = self
            .sessions
            .poll(id, now_ms())
            .ok_or_else(|| no_session(id))?;
        to_js(&lines)
    }

    /// When session `id` next needs a [`Playground::poll`], in milliseconds
    /// since the epoch (the clock of `Date.now()`): its autologout
    /// deadline, 30 minutes after its last input. `undefined` when nothing
    /// will be due (the session has ended). Throws if there is no such
    /// session.
    ///
    /// Instead of polling every second, set one timer and set it again
    /// after each `send`, `sendTyped` and `poll` (input moves the
    /// deadline):
    ///
    /// ```js
    /// clearTimeout(timer);
    /// const at = pg.nextTimeout(id);
    /// if (at !== undefined) timer = setTimeout(() => show(pg.poll(id)), Math.max(0, at - Date.now()));
    /// ```
    ///
    /// A poll that comes early does nothing, so a timer the browser fires
    /// a little early (or late, after sleep) is harmless: poll, then ask
    /// again. Other sessions' changes are not timed: they reach a session
    /// in IDLE when another session sends, and its next `poll` returns
    /// them (the page polls the other pane on `playground:sent`).
    #[wasm_bindgen(js_name = nextTimeout)]
    pub fn next_timeout(&self, id: u32) -> Result<Option<f64>, JsError> {
        let at = self
            .sessions
            .next_timeout(id)
            .ok_or_else(|| no_session(id))?;
        // Milliseconds since the epoch are far below 2^53: exact in f64.
        Ok(at.map(|ms| ms as f64))
    }

    /// Forgets session `id`. Closing an unknown id does nothing.
    #[wasm_bindgen(js_name = closeSession)]
    pub fn close_session(&mut self, id: u32) {
        self.sessions.close(id);
    }

    /// Checks a typed line: `null` if it is a valid command (or waits for a
    /// literal), else `{column, expected, found, tag}` with `column` a
    /// zero-based index into the line.
    #[wasm_bindgen(js_name = checkLine)]
    pub fn check_line(&self, line: &str) -> Result<JsValue, JsError> {
        to_js(&check::check_line(line))
    }

    /// `{state, user, mailbox, readOnly, need, literalLen}` of session `id`.
    #[wasm_bindgen(js_name = sessionState)]
    pub fn session_state(&self, id: u32) -> Result<JsValue, JsError> {
        let view = self.sessions.state(id).ok_or_else(|| no_session(id))?;
        to_js(&view)
    }

    /// The façade's version, from Cargo.toml.
    pub fn version() -> String {
        env!("CARGO_PKG_VERSION").to_owned()
    }
}

/// Milliseconds since the Unix epoch, from the browser's clock. The engine
/// never reads a clock itself.
fn now_ms() -> i64 {
    // f64 → i64 with `as` saturates; the clock is never NaN in practice and
    // NaN would become 0, which the engine accepts.
    js_sys::Date::now() as i64
}

fn no_session(id: u32) -> JsError {
    JsError::new(&format!("no session {id}: open one with openSession()"))
}

/// Serialises with `null` for `None` and plain objects for structs.
/// Serializes `(key, value)` pairs as one map (a JSON object), for fields
/// that are lists in Rust: each map type instantiated costs the wasm module
/// several kilobytes of B-tree code.
fn serialize_pairs<K, V, S>(pairs: &[(K, V)], s: S) -> Result<S::Ok, S::Error>
where
    K: std::fmt::Display,
    V: Serialize,
    S: serde::Serializer,
{
    s.collect_map(pairs.iter().map(|(k, v)| (k.to_string(), v)))
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}
