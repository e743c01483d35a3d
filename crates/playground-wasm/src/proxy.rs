//! Proxy mode: the bytes a real IMAP server sends through the bridge,
//! framed by [`imap_syntax::ResponseDecoder`] and rendered like the
//! engine's responses, so both paths look the same in the terminal.

use imap_syntax::{DecoderOptions, ResponseDecoder};
use wasm_bindgen::prelude::*;

use crate::facts::Facts;
use crate::redact::Redactor;
use crate::render::{Line, render_parsed, render_response};

/// Frames a server's byte stream into whole responses (lines plus their
/// literals) and renders each. Bytes may arrive split anywhere.
#[derive(Debug)]
pub struct ServerLines {
    decoder: ResponseDecoder,
    /// The connection's transcript, which gives each line its context.
    facts: Facts,
}

impl Default for ServerLines {
    fn default() -> Self {
        ServerLines::new()
    }
}

impl ServerLines {
    /// A framer with the decoder's default limits (64 KiB lines, 32 MiB
    /// literals); a response past them is rendered as `unparsed`.
    pub fn new() -> ServerLines {
        ServerLines {
            decoder: ResponseDecoder::new(DecoderOptions::default()),
            facts: Facts::default(),
        }
    }

    /// Takes the next bytes and returns every response they complete.
    pub fn push(&mut self, bytes: &[u8]) -> Vec<Line> {
        self.decoder.push(bytes);
        let mut lines = Vec::new();
        while let Some((raw, parsed)) = self.decoder.next() {
            let parsed = parsed.ok();
            let mut line = render_parsed(&raw, parsed.as_ref());
            self.facts.follow(&mut line, parsed.as_ref());
            lines.push(line);
        }
        lines
    }

    /// Notes a command line the learner sent (as shown, credentials masked).
    pub fn typed_command(&mut self, shown: &str) {
        self.facts.observe_client(shown);
    }
}

/// JavaScript: `new ServerStream()`, then `push(bytes) → Line[]` for each
/// binary WebSocket message from `/bridge`, and `render(text) → Line` for
/// the bridge's own notices (text messages such as
/// `* OK [playground] bridge: connected ...`).
#[wasm_bindgen]
#[derive(Debug, Default)]
pub struct ServerStream {
    lines: ServerLines,
    /// The client side of this bridge session, followed for credentials.
    redactor: Redactor,
}

#[wasm_bindgen]
impl ServerStream {
    /// A stream for one bridge session.
    #[wasm_bindgen(constructor)]
    pub fn new() -> ServerStream {
        ServerStream::default()
    }

    /// The rendered responses completed by `bytes` (any echo of a
    /// credential masked).
    pub fn push(&mut self, bytes: &[u8]) -> Result<JsValue, JsError> {
        let lines = self.lines.push(bytes);
        crate::to_js(&self.redactor.server_lines(lines))
    }

    /// A line the learner typed for the real server (without CRLF):
    /// `{text, masks}`, what the page may show and keep of it. The page
    /// sends the real line itself.
    pub fn typed(&mut self, line: &str) -> Result<JsValue, JsError> {
        let command = self.redactor.at_command_start();
        let shown = self.redactor.typed(line);
        if command {
            self.lines.typed_command(&shown.text);
        }
        crate::to_js(&shown)
    }

    /// Renders one notice line from the bridge (no CRLF needed).
    pub fn render(text: &str) -> Result<JsValue, JsError> {
        let mut bytes = text.as_bytes().to_vec();
        bytes.extend_from_slice(b"\r\n");
        crate::to_js(&render_response(&bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Kind;

    #[test]
    fn split_bytes_and_literals_become_whole_rendered_lines() {
        let wire = b"* OK [CAPABILITY IMAP4rev1] Dovecot ready.\r\n* 1 FETCH (BODY[] {5}\r\nhello)\r\na3 OK Fetch completed.\r\na4 NO [TRYCREATE] no\r\n";
        for split in 0..wire.len() {
            let mut s = ServerLines::new();
            let mut lines = s.push(&wire[..split]);
            lines.extend(s.push(&wire[split..]));
            let kinds: Vec<Kind> = lines.iter().map(|l| l.kind).collect();
            assert_eq!(
                kinds,
                [Kind::Ok, Kind::Untagged, Kind::Ok, Kind::No],
                "split at {split}"
            );
            assert_eq!(lines[1].text, "* 1 FETCH (BODY[] {5}\r\nhello)");
            assert_eq!(lines[2].tag.as_deref(), Some("a3"));
            assert_eq!(lines[3].code.as_deref(), Some("TRYCREATE"));
        }
    }

    #[test]
    fn bridge_notices_and_garbage_render() {
        let mut s = ServerLines::new();
        let lines =
            s.push(b"* BYE [playground] bridge: certificate not trusted: UnknownIssuer\r\n");
        assert_eq!(lines[0].kind, Kind::Bye);
        let lines = s.push(b"\x00\xffnot imap\r\n");
        assert_eq!(lines[0].kind, Kind::Unparsed);
    }
}
