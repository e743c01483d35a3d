//! Smoke tests of the workbench's JavaScript API under Node
//! (wasm-bindgen-test-runner): completion, the inspector, snapshots,
//! import and export carry their values across the boundary. The logic is
//! tested natively in `complete`, `inspect` and `data`.
#![cfg(target_arch = "wasm32")]

use playground_wasm::Playground;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn logged_in(pg: &mut Playground) -> u32 {
    let id = pg.open_session();
    pg.poll(id).map_err(JsValue::from).expect("session");
    pg.send(id, b"a1 LOGIN alice wonderland\r\n")
        .map_err(JsValue::from)
        .expect("session");
    id
}

#[wasm_bindgen_test]
fn complete_and_inspect_return_plain_objects() {
    let mut pg = Playground::new();
    let id = logged_in(&mut pg);
    let c = pg
        .complete(id, "a2 SELECT inb", 13)
        .map_err(JsValue::from)
        .expect("session");
    assert_eq!(get(&c, "replaceFrom").as_f64(), Some(10.0));
    let candidates = js_sys::Array::from(&get(&c, "candidates"));
    assert_eq!(candidates.get(0).as_string().as_deref(), Some("INBOX"));

    pg.send(id, b"a2 SELECT INBOX\r\n")
        .map_err(JsValue::from)
        .expect("session");
    let view = pg
        .inspect(id, 0, 5)
        .map_err(JsValue::from)
        .expect("session");
    assert_eq!(get(&view, "user").as_string().as_deref(), Some("alice"));
    let selected = get(&view, "selected");
    assert_eq!(get(&selected, "exists").as_f64(), Some(32.0));
    assert_eq!(js_sys::Array::from(&get(&selected, "rows")).length(), 5);
    assert!(pg.inspect(999, 0, 5).is_err());
}

#[wasm_bindgen_test]
fn snapshot_restore_import_export_round_trip() {
    let mut pg = Playground::new();
    let report = pg
        .import_mbox(
            "alice",
            "test",
            b"From x Thu Jan  1 00:00:00 1970\nFrom: a@b\nSubject: s\n\n>From body\n",
            1,
        )
        .map_err(JsValue::from)
        .expect("imports");
    assert_eq!(get(&report, "imported").as_f64(), Some(1.0));
    let bytes = pg.snapshot();
    let mut other = Playground::new();
    other.reset_demo();
    other
        .restore(&bytes)
        .map_err(JsValue::from)
        .expect("restores");
    let mbox = other
        .export_mbox("alice", "test")
        .map_err(JsValue::from)
        .expect("exports");
    let text = String::from_utf8(mbox).expect("utf8");
    assert_eq!(text.matches("\nFrom: a@b\n").count(), 1, "{text}");
    assert!(text.contains("\n>From body\n"));
    assert!(other.restore(b"not a snapshot").is_err());
}
