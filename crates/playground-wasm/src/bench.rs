//! `benchMailbox`: the engine's 10,000-message scenario in wasm, timed with
//! the JavaScript clock (feature `bench`; not in the page's package).

use wasm_bindgen::prelude::*;

/// One step's result, for the Node script that prints the table.
#[derive(serde::Serialize)]
struct StepOut {
    name: &'static str,
    command: String,
    ms: f64,
    bytes: usize,
    status: String,
}

/// Runs [`imap_engine::scenario::run`] on `count` messages and returns its
/// steps as `[{name, command, ms, bytes, status}]`.
#[wasm_bindgen(js_name = benchMailbox)]
pub fn bench_mailbox(count: usize) -> Result<JsValue, JsError> {
    let mut clock = js_sys::Date::now;
    let steps: Vec<StepOut> = imap_engine::scenario::run(count, &mut clock)
        .into_iter()
        .map(|s| StepOut {
            name: s.name,
            command: s.command,
            ms: s.ms,
            bytes: s.bytes,
            status: s.status,
        })
        .collect();
    serde_wasm_bindgen::to_value(&steps).map_err(|e| JsError::new(&e.to_string()))
}
