//! Rendering of server responses for the page: one [`Line`] per response,
//! classified by parsing it with [`imap_syntax::parse_response`], never by
//! looking at the text.

use imap_syntax::{Code, Response, StatusKind, parse_response};
use serde::Serialize;

/// What kind of response a [`Line`] is; the page colours lines by kind.
///
/// Status responses take their status as kind whether they are tagged or
/// not (`* OK [UIDVALIDITY 1]` is `Ok` with no tag); the page tells tagged
/// from untagged by [`Line::tag`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// `* ...` untagged data such as `* 3 EXISTS`.
    Untagged,
    /// `+ ...` the server waits for more from the client.
    Continuation,
    /// An `OK` status.
    Ok,
    /// A `NO` status: the command failed.
    No,
    /// A `BAD` status: the command was not understood.
    Bad,
    /// `* BYE`: the server closes the connection.
    Bye,
    /// `* PREAUTH`: greeting of a session that starts logged in.
    Preauth,
    /// Bytes that do not parse as a response (a bug somewhere, shown as is).
    Unparsed,
}

/// One rendered response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    /// The raw bytes as lossy UTF-8, without the final CRLF; literals stay
    /// inline, so the text may hold line breaks.
    pub text: String,
    /// The classification.
    pub kind: Kind,
    /// The tag of a tagged status response.
    pub tag: Option<String>,
    /// The response code's atom, such as `UIDVALIDITY`, if there is one.
    pub code: Option<String>,
    /// What the session knew just before this line, for explaining it
    /// (set by the session's transcript, [`crate::facts::Facts`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<LineContext>,
}

/// What a line's explanation needs to know about its session: the facts
/// as they stood just before the line arrived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct LineContext {
    /// Messages in the selected mailbox, as the transcript told.
    pub exists: Option<u32>,
    /// The selected mailbox, as the transcript told.
    pub mailbox: Option<String>,
    /// The command the line answers: its tag's command, or the last typed.
    pub command: Option<String>,
}

/// Renders one whole response (line plus any literals, with its CRLF).
pub fn render_response(bytes: &[u8]) -> Line {
    render_parsed(bytes, parse_response(bytes).ok().as_ref())
}

/// Renders one whole response that has been parsed already (`None`: it
/// does not parse), so a caller that also needs the typed response parses
/// it once.
pub fn render_parsed(bytes: &[u8], parsed: Option<&Response>) -> Line {
    let body = bytes
        .strip_suffix(b"\r\n")
        .or_else(|| bytes.strip_suffix(b"\n"))
        .unwrap_or(bytes);
    let text = String::from_utf8_lossy(body).into_owned();
    match parsed {
        Some(Response::Data(_)) => Line {
            text,
            kind: Kind::Untagged,
            tag: None,
            code: None,
            context: None,
        },
        Some(Response::Continue(_)) => Line {
            text,
            kind: Kind::Continuation,
            tag: None,
            code: None,
            context: None,
        },
        Some(Response::Status(status)) => Line {
            text,
            kind: match status.kind {
                StatusKind::Ok => Kind::Ok,
                StatusKind::No => Kind::No,
                StatusKind::Bad => Kind::Bad,
                StatusKind::Bye => Kind::Bye,
                StatusKind::PreAuth => Kind::Preauth,
            },
            tag: status.tag.as_ref().map(|t| t.as_str().to_owned()),
            code: status.code.as_ref().map(code_name),
            context: None,
        },
        None => Line {
            text,
            kind: Kind::Unparsed,
            tag: None,
            code: None,
            context: None,
        },
    }
}

/// The atom that names a response code on the wire ([`Code::name`]), as
/// an owned string for the page.
pub fn code_name(code: &Code) -> String {
    code.name().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(bytes: &[u8]) -> Line {
        render_response(bytes)
    }

    #[test]
    fn tagged_ok_keeps_tag_and_code() {
        let l = line(b"a1 OK [READ-WRITE] SELECT completed\r\n");
        assert_eq!(l.kind, Kind::Ok);
        assert_eq!(l.tag.as_deref(), Some("a1"));
        assert_eq!(l.code.as_deref(), Some("READ-WRITE"));
        assert_eq!(l.text, "a1 OK [READ-WRITE] SELECT completed");
    }

    #[test]
    fn statuses_are_classified_by_the_parser() {
        assert_eq!(
            line(b"a2 NO [NONEXISTENT] no such mailbox\r\n").kind,
            Kind::No
        );
        assert_eq!(line(b"a3 BAD unknown command\r\n").kind, Kind::Bad);
        assert_eq!(line(b"* BYE logging out\r\n").kind, Kind::Bye);
        assert_eq!(line(b"* PREAUTH ready\r\n").kind, Kind::Preauth);
        let untagged_ok = line(b"* OK [UIDVALIDITY 3857529045] UIDs valid\r\n");
        assert_eq!(
            (
                untagged_ok.kind,
                untagged_ok.tag,
                untagged_ok.code.as_deref()
            ),
            (Kind::Ok, None, Some("UIDVALIDITY"))
        );
    }

    #[test]
    fn data_and_continuations() {
        assert_eq!(line(b"* 18 EXISTS\r\n").kind, Kind::Untagged);
        assert_eq!(
            line(b"* FLAGS (\\Answered \\Seen)\r\n").kind,
            Kind::Untagged
        );
        assert_eq!(
            line(b"+ Ready for literal data\r\n").kind,
            Kind::Continuation
        );
    }

    #[test]
    fn literals_stay_inline() {
        let l = line(b"* 1 FETCH (BODY[HEADER] {15}\r\nSubject: hi\r\n\r\n)\r\n");
        assert_eq!(l.kind, Kind::Untagged);
        assert_eq!(
            l.text,
            "* 1 FETCH (BODY[HEADER] {15}\r\nSubject: hi\r\n\r\n)"
        );
    }

    #[test]
    fn garbage_is_unparsed_and_never_panics() {
        let l = line(b"\xff\xfe not imap");
        assert_eq!(l.kind, Kind::Unparsed);
        assert_eq!(l.text, "\u{fffd}\u{fffd} not imap");
        assert_eq!(line(b"").kind, Kind::Unparsed);
    }

    #[test]
    fn code_names_are_wire_atoms() {
        assert_eq!(code_name(&Code::UidValidity(7)), "UIDVALIDITY");
        assert_eq!(code_name(&Code::ReadOnly), "READ-ONLY");
        let other = imap_syntax::Atom::new("XFOO").map(|a| Code::Other(a, None));
        assert_eq!(other.as_ref().map(code_name).ok().as_deref(), Some("XFOO"));
    }
}
