//! What the page shows never panics the façade, whatever the bytes: a
//! server's bytes rendered line by line (`render_response`), the same bytes
//! streamed in chunks cut at every 0xFF as the bridge delivers them
//! (`ServerLines`), each parsed response explained (the teaching layer's
//! module, `playground-teach`), and the bytes as a
//! typed line given to `check_line`. A line the checker accepts is one the
//! command parser accepts.
#![no_main]

use imap_syntax::parse_response;
use libfuzzer_sys::fuzz_target;
use playground_teach::{Context, explain_response};
use playground_wasm::{ServerLines, check_line, render_response};

fuzz_target!(|data: &[u8]| {
    let _ = render_response(data);
    if let Ok(resp) = parse_response(data) {
        let _ = explain_response(&resp, &Context::default());
    }
    let mut stream = ServerLines::new();
    for chunk in data.split(|b| *b == 0xFF) {
        let _ = stream.push(chunk);
    }
    let text = String::from_utf8_lossy(data);
    for line in text.split("\r\n") {
        let _ = check_line(line);
    }
});
