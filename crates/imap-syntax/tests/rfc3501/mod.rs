//! Message 12 of RFC 3501 §8's sample session: its ENVELOPE and BODY as
//! the RFC writes them on the wire and as values, so that the parser's
//! tests and the encoder's check the same example in both directions.

use imap_syntax::*;

/// The ENVELOPE of message 12, as the server sends it.
pub const ENVELOPE: &str = "(\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \
    \"IMAP4rev1 WG mtg summary and minutes\" \
    ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) \
    ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) \
    ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) \
    ((NIL NIL \"imap\" \"cac.washington.edu\")) \
    ((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")\
    (\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL \
    \"<B27397-0100000@cac.washington.edu>\")";

/// [`ENVELOPE`] as a value.
pub fn envelope() -> Envelope {
    let terry = addr(Some("Terry Gray"), "gray", "cac.washington.edu");
    Envelope {
        date: Some(b"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)".to_vec()),
        subject: Some(b"IMAP4rev1 WG mtg summary and minutes".to_vec()),
        from: vec![terry.clone()],
        sender: vec![terry.clone()],
        reply_to: vec![terry],
        to: vec![addr(None, "imap", "cac.washington.edu")],
        cc: vec![
            addr(None, "minutes", "CNRI.Reston.VA.US"),
            addr(Some("John Klensin"), "KLENSIN", "MIT.EDU"),
        ],
        bcc: vec![],
        in_reply_to: None,
        message_id: Some(b"<B27397-0100000@cac.washington.edu>".to_vec()),
    }
}

/// The BODY of message 12, as the server sends it.
pub const BODY: &str = "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92)";

/// [`BODY`] as a value.
pub fn body() -> BodyStructure {
    BodyStructure::Single {
        fields: BodyFields {
            media_type: "TEXT".into(),
            subtype: "PLAIN".into(),
            params: vec![("CHARSET".into(), "US-ASCII".into())],
            id: None,
            description: None,
            encoding: "7BIT".into(),
            octets: 3028,
        },
        specific: SinglePartKind::Text { lines: 92 },
        extension: None,
    }
}

fn addr(name: Option<&str>, mailbox: &str, host: &str) -> Address {
    Address {
        name: name.map(|n| n.as_bytes().to_vec()),
        adl: None,
        mailbox: Some(mailbox.as_bytes().to_vec()),
        host: Some(host.as_bytes().to_vec()),
    }
}
