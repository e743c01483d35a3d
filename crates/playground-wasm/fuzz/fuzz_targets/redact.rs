//! No input makes the page show a credential. Arbitrary typed lines go to a
//! real sandbox session through `Sessions::send_typed`, the path the page
//! uses; at a point the input chooses, at the start of a command, a
//! credential is typed in one of the forms the redactor knows (LOGIN with
//! an atom, a quoted string or either literal; AUTHENTICATE with an initial
//! response or after `+`). Nothing returned from then on (the shown line,
//! the answers, the caret) may contain the credential or its base64.
//!
//! The fuzzer's own lines never contain `~`, and the credential does, so a
//! match can only come from the credential.
#![no_main]

use std::sync::OnceLock;

use imap_syntax::base64;
use libfuzzer_sys::fuzz_target;
use mailstore::Store;
use playground_wasm::{Sessions, Typed};

const NOW: i64 = 1_700_000_000_000;
const SECRET: &str = "~pa55~w0rd~";

fn template() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(mailstore::demo::demo_store)
}

/// The lines that type the credential in form `form`.
fn credential_lines(form: u8) -> Vec<String> {
    let plain = base64::encode(format!("\0alice\0{SECRET}").as_bytes());
    match form % 7 {
        0 => vec![format!("z1 LOGIN alice {SECRET}")],
        1 => vec![format!("z1 LOGIN \"alice\" \"{SECRET}\"")],
        2 => vec![format!("z1 LOGIN alice {{{}}}", SECRET.len()), SECRET.to_owned()],
        3 => vec![format!("z1 LOGIN alice {{{}+}}", SECRET.len()), SECRET.to_owned()],
        4 => vec![format!("z1 AUTHENTICATE PLAIN {plain}")],
        5 => vec!["z1 AUTHENTICATE PLAIN".to_owned(), plain],
        _ => vec![
            "z1 AUTHENTICATE LOGIN".to_owned(),
            base64::encode(b"alice"),
            base64::encode(SECRET.as_bytes()),
        ],
    }
}

fn text_of(t: &Typed) -> String {
    let mut all = t.shown.clone();
    for l in &t.lines {
        all.push_str(&l.text);
    }
    if let Some(c) = &t.caret {
        all.push_str(&c.found);
        all.push_str(&c.expected);
    }
    all
}

fuzz_target!(|data: &[u8]| {
    let Some((&form, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest).replace('~', "");
    let lines: Vec<&str> = text.split('\n').take(48).collect();
    let at = usize::from(form >> 3) % (lines.len() + 1);
    let plain = base64::encode(format!("\0alice\0{SECRET}").as_bytes());
    let secret_b64 = base64::encode(SECRET.as_bytes());
    let mut sessions = Sessions::new(template().clone());
    let id = sessions.open(NOW);
    let _ = sessions.poll(id, NOW);
    let mut typed_secret = false;
    for (i, line) in lines.iter().enumerate() {
        if i == at && sessions.state(id).is_some_and(|s| s.need == "line") {
            for l in credential_lines(form) {
                let Some(t) = sessions.send_typed(id, &l, NOW) else {
                    return;
                };
                let shown = text_of(&t);
                assert!(!shown.contains(SECRET), "{shown:?}");
                typed_secret = true;
            }
        }
        let Some(t) = sessions.send_typed(id, line, NOW) else {
            return;
        };
        if typed_secret {
            let shown = text_of(&t);
            assert!(!shown.contains(SECRET), "{shown:?}");
            for b in [&plain, &secret_b64] {
                assert!(text.contains(b.as_str()) || !shown.contains(b.as_str()), "{shown:?}");
            }
        }
        if sessions.state(id).is_some_and(|s| s.need == "closed") {
            return;
        }
    }
});
