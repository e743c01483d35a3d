//! Smoke tests of the JavaScript API under Node (wasm-bindgen-test-runner).
//! The logic is tested natively in the crate; these only prove the
//! bindings carry values across.
#![cfg(target_arch = "wasm32")]

use playground_wasm::Playground;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn lines(v: &JsValue) -> Vec<JsValue> {
    js_sys::Array::from(v).iter().collect()
}

#[wasm_bindgen_test]
fn greeting_then_login_answers_tagged_ok() {
    let mut pg = Playground::new();
    let id = pg.open_session();
    let greeting = lines(&pg.poll(id).map_err(JsValue::from).expect("session exists"));
    assert_eq!(greeting.len(), 1);
    assert!(get(&greeting[0], "tag").is_null());
    assert!(
        get(&greeting[0], "text")
            .as_string()
            .is_some_and(|t| t.starts_with("* "))
    );

    let out = pg
        .send(id, b"a1 LOGIN alice wonderland\r\n")
        .map_err(JsValue::from)
        .expect("session exists");
    let out = lines(&out);
    let last = out.last().expect("a tagged answer");
    assert_eq!(get(last, "tag").as_string().as_deref(), Some("a1"));
    assert_eq!(get(last, "kind").as_string().as_deref(), Some("ok"));

    let state = pg
        .session_state(id)
        .map_err(JsValue::from)
        .expect("session exists");
    assert_eq!(
        get(&state, "state").as_string().as_deref(),
        Some("authenticated")
    );
    assert_eq!(get(&state, "readOnly").as_bool(), Some(false));
    assert_eq!(
        get(&state, "summary").as_string().as_deref(),
        Some("alice · no mailbox selected")
    );
}

#[wasm_bindgen_test]
fn check_line_is_null_for_valid_and_an_object_for_errors() {
    let pg = Playground::new();
    assert!(
        pg.check_line("a1 NOOP")
            .map_err(JsValue::from)
            .expect("serialises")
            .is_null()
    );
    let err = pg
        .check_line("a2 FOO")
        .map_err(JsValue::from)
        .expect("serialises");
    assert_eq!(get(&err, "column").as_f64(), Some(3.0));
    assert_eq!(get(&err, "tag").as_string().as_deref(), Some("a2"));
}

#[wasm_bindgen_test]
fn unknown_sessions_throw() {
    let mut pg = Playground::new();
    assert!(pg.poll(42).is_err());
    pg.close_session(42);
    assert!(!Playground::version().is_empty());
}
