//! Analysis: byte ranges, envelope, numbering, header filtering, decoding.

use mailstore::analysis::{decode_text, header_fields};
use mailstore::demo::demo_store;
use mailstore::{Addr, Analysis, Message, Part, PartKind};

fn inbox(n: usize) -> Message {
    let store = demo_store();
    store
        .account("alice")
        .unwrap()
        .mailbox("INBOX")
        .unwrap()
        .messages()[n - 1]
        .clone()
}

/// The decoded value of the message's first header field of that name.
fn header<'a>(m: &'a Message, name: &str) -> &'a str {
    &m.analysis
        .headers
        .iter()
        .find(|(n, _)| n == name)
        .unwrap()
        .1
}

fn slice<'a>(raw: &'a [u8], r: &std::ops::Range<usize>) -> &'a [u8] {
    &raw[r.clone()]
}

fn text_of(raw: &[u8], p: &Part) -> String {
    decode_text(
        slice(raw, &p.body),
        &p.encoding,
        p.param("charset").unwrap_or(""),
    )
}

/// Every part's ranges are in bounds, the header ends with its blank line
/// (or runs to the end) and the body follows the header.
fn check_ranges(raw: &[u8], p: &Part) {
    assert!(
        p.header.start <= p.header.end && p.header.end == p.body.start && p.body.end <= raw.len()
    );
    let h = slice(raw, &p.header);
    assert!(
        h.ends_with(b"\n\n")
            || h.ends_with(b"\r\n\r\n")
            || h == b"\r\n"
            || h == b"\n"
            || p.header.end == raw.len()
            || h.is_empty()
    );
    match &p.kind {
        PartKind::Multipart(c) => c.iter().for_each(|c| {
            assert!(c.header.start >= p.body.start && c.body.end <= p.body.end);
            check_ranges(raw, c)
        }),
        PartKind::Message { inner, .. } => {
            assert_eq!(inner.header.start, p.body.start);
            check_ranges(raw, inner)
        }
        PartKind::Single => {}
    }
}

#[test]
fn all_demo_messages_have_sound_ranges() {
    let store = demo_store();
    for user in ["alice", "bob"] {
        for (_, mailbox) in store.account(user).unwrap().mailboxes() {
            for m in mailbox.messages() {
                check_ranges(&m.raw, &m.analysis.root);
                assert_eq!(m.analysis.root.header.start, 0);
                assert_eq!(m.analysis.root.body.end, m.raw.len());
                assert!(m.analysis.sent_date.is_some());
            }
        }
    }
}

#[test]
fn plain_message() {
    let m = inbox(1);
    let a = &m.analysis;
    assert!(matches!(a.root.kind, PartKind::Single));
    assert_eq!(
        (a.root.media_type.as_str(), a.root.subtype.as_str()),
        ("text", "plain")
    );
    assert_eq!(a.root.find(&[1]), Some(&a.root));
    assert_eq!(a.root.find(&[2]), None);
    assert_eq!(a.root.find(&[1, 1]), None);
    let body = slice(&m.raw, &a.root.body);
    assert!(body.starts_with(b"Oh dear!"));
    assert_eq!(a.root.lines, 6);
    assert!(slice(&m.raw, &a.root.header).ends_with(b"us-ascii\r\n\r\n"));
    assert_eq!(
        a.envelope.subject.as_deref(),
        Some(&b"Running late for the tea party"[..])
    );
    assert_eq!(
        a.envelope.date.as_deref(),
        Some(&b"Sat, 1 Mar 2025 09:05:00 +0000"[..])
    );
    assert_eq!(a.sent_date, Some((1_740_819_900, 0)));
    assert_eq!(
        a.envelope.message_id.as_deref(),
        Some(&b"<0301.rabbit@wonderland.example>"[..])
    );
    let from = &a.envelope.from[0];
    assert_eq!(from.name.as_deref(), Some(&b"White Rabbit"[..]));
    assert_eq!(from.mailbox.as_deref(), Some(&b"rabbit"[..]));
    assert_eq!(from.host.as_deref(), Some(&b"wonderland.example"[..]));
    assert_eq!(a.envelope.sender, a.envelope.from);
    assert_eq!(a.envelope.reply_to, a.envelope.from);
    assert!(a.envelope.cc.is_empty());
    assert!(
        a.headers
            .contains(&("subject".into(), "running late for the tea party".into()))
    );
}

#[test]
fn alternative_parts_slice_exactly() {
    let m = inbox(2);
    let root = &m.analysis.root;
    let PartKind::Multipart(children) = &root.kind else {
        panic!("multipart")
    };
    assert_eq!(children.len(), 2);
    let plain = root.find(&[1]).unwrap();
    let html = root.find(&[2]).unwrap();
    assert_eq!(html.subtype, "html");
    // The CRLF before the boundary belongs to the boundary: the body ends with the blank line.
    let body = slice(&m.raw, &plain.body);
    assert!(body.starts_with(b"Dear Alice,") && body.ends_with(b"The Hatter\r\n"));
    assert_eq!(
        slice(&m.raw, &plain.header),
        b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
    );
    assert!(slice(&m.raw, &html.body).ends_with(b"</html>\r\n"));
    assert_eq!(
        plain.params,
        vec![("charset".to_string(), "utf-8".to_string())]
    );
    assert_eq!(root.param("boundary"), Some("=_alt_0302"));
    assert!(
        m.analysis
            .body_text
            .contains("why is a raven like a writing-desk")
    );
    assert!(
        !m.analysis.body_text.contains("<b>"),
        "html is turned into text"
    );
    assert_eq!(
        m.analysis.envelope.cc[0].mailbox.as_deref(),
        Some(&b"hare"[..])
    );
}

#[test]
fn quoted_printable_and_base64_bodies_decode() {
    let m3 = inbox(3);
    assert_eq!(m3.analysis.root.encoding, "quoted-printable");
    let t = text_of(&m3.raw, &m3.analysis.root);
    assert!(t.contains("Sweet peas — sow now") && t.contains("Café crème"));
    assert!(t.contains("for the season:"), "soft line break joined: {t}");
    assert!(m3.analysis.body_text.contains("café crème dahlias"));
    let m10 = inbox(10);
    assert_eq!(m10.analysis.root.encoding, "base64");
    assert!(m10.analysis.body_text.contains("rare blue poppy"));
    let m24 = inbox(24);
    assert!(
        m24.analysis.body_text.contains("señor gonzález")
            && m24.analysis.body_text.contains("rosé")
    );
}

#[test]
fn encoded_words_stay_raw_in_envelope_and_decoded_in_headers() {
    let m5 = inbox(5);
    let e = &m5.analysis.envelope;
    assert!(e.subject.as_ref().unwrap().starts_with(b"=?UTF-8?B?"));
    assert!(
        e.from[0]
            .name
            .as_ref()
            .unwrap()
            .starts_with(b"=?UTF-8?Q?Ren")
    );
    let subject = header(&m5, "subject");
    assert_eq!(subject, "thé dansant on the lawn \u{1FAD6}");
    let from = header(&m5, "from");
    assert!(from.contains("renée dupont"), "{from}");
    assert!(m5.analysis.body_text.contains("crème fraîche"));
    let m11 = inbox(11);
    assert_eq!(header(&m11, "subject"), "café au lait, the proper way");
    assert!(header(&m11, "from").contains("andré lefèvre"));
    assert!(
        m11.analysis.body_text.contains("café très fort"),
        "8-bit latin-1 body converted"
    );
}

#[test]
fn attachments_and_parameters() {
    let m4 = inbox(4);
    let att = m4.analysis.root.find(&[2]).unwrap();
    assert_eq!(
        att.disposition,
        Some((
            "attachment".into(),
            vec![("filename".into(), "timetable.txt".into())]
        ))
    );
    assert_eq!(att.description.as_deref(), Some(&b"Spring timetable"[..]));
    assert_eq!(att.param("name"), Some("timetable.txt"));
    assert!(slice(&m4.raw, &att.body).ends_with(b"16:55"));
    assert_eq!(
        att.lines, 3,
        "line breaks; the last line's break belongs to the boundary"
    );
    let m6 = inbox(6);
    let png = m6.analysis.root.find(&[2]).unwrap();
    assert_eq!(
        (
            png.media_type.as_str(),
            png.subtype.as_str(),
            png.encoding.as_str()
        ),
        ("image", "png", "base64")
    );
    assert_eq!(png.id.as_deref(), Some(&b"<flag.0306@hearts.example>"[..]));
    let bytes = mailstore::analysis::decode_transfer(slice(&m6.raw, &png.body), "base64");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    let m9 = inbox(9);
    let pdf = m9.analysis.root.find(&[2]).unwrap();
    assert!(
        mailstore::analysis::decode_transfer(slice(&m9.raw, &pdf.body), "base64")
            .starts_with(b"%PDF-1.4")
    );
    assert!(
        !m9.analysis.body_text.contains("%pdf"),
        "binary parts are not text"
    );
}

#[test]
fn message_rfc822_numbering() {
    let m = inbox(7);
    let root = &m.analysis.root;
    let fwd = root.find(&[2]).unwrap();
    let PartKind::Message { envelope, inner } = &fwd.kind else {
        panic!("message/rfc822")
    };
    assert_eq!(
        envelope.subject.as_deref(),
        Some(&b"Directions to the garden"[..])
    );
    assert_eq!(envelope.from[0].mailbox.as_deref(), Some(&b"spades"[..]));
    assert!(slice(&m.raw, &inner.header).starts_with(b"Date: Wed, 5 Mar 2025"));
    assert!(slice(&m.raw, &inner.header).ends_with(b"boundary=\"roses\"\r\n\r\n"));
    assert_eq!(
        slice(&m.raw, &fwd.header),
        b"Content-Type: message/rfc822\r\nContent-Description: Directions to the garden\r\n\r\n"
    );
    // 2.1 and 2.2 are the inner multipart's children (the multipart itself has no number).
    let p21 = root.find(&[2, 1]).unwrap();
    let p22 = root.find(&[2, 2]).unwrap();
    assert_eq!(
        (p21.subtype.as_str(), p22.subtype.as_str()),
        ("plain", "html")
    );
    assert!(slice(&m.raw, &p21.body).ends_with(b"mind the wet paint."));
    assert_eq!(root.find(&[2, 3]), None);
    assert_eq!(root.find(&[0]), None);
    assert_eq!(root.find(&[]), Some(root));
    assert!(m.analysis.body_text.contains("follow the white roses"));
}

#[test]
fn digest_defaults_to_message_rfc822() {
    let m = inbox(18);
    let first = m.analysis.root.find(&[1]).unwrap();
    assert_eq!(
        (first.media_type.as_str(), first.subtype.as_str()),
        ("message", "rfc822")
    );
    assert_eq!(slice(&m.raw, &first.header), b"\r\n");
    // A single-part message inside message/rfc822: its body is part 1.1.
    let inner_text = m.analysis.root.find(&[1, 1]).unwrap();
    assert_eq!(inner_text.subtype, "plain");
    assert!(slice(&m.raw, &inner_text.body).starts_with(b"A green trowel"));
    let PartKind::Message { envelope, .. } = &first.kind else {
        panic!()
    };
    assert_eq!(envelope.subject.as_deref(), Some(&b"Lost trowel"[..]));
}

#[test]
fn nested_multipart_numbering() {
    let m = inbox(26);
    let root = &m.analysis.root;
    assert_eq!(root.find(&[1]).unwrap().subtype, "alternative");
    assert_eq!(root.find(&[1, 2]).unwrap().subtype, "html");
    assert_eq!(root.find(&[2]).unwrap().subtype, "pdf");
    assert_eq!(root.find(&[1, 1, 1]), None);
}

#[test]
fn group_addresses() {
    let m = inbox(15);
    let to = &m.analysis.envelope.to;
    assert_eq!(to.len(), 5);
    assert_eq!(
        to[0],
        Addr {
            name: None,
            adl: None,
            mailbox: Some(b"Tea Party Club".to_vec()),
            host: None
        }
    );
    assert_eq!(to[1].mailbox.as_deref(), Some(&b"hatter"[..]));
    assert_eq!(to[3].name, None);
    assert_eq!(to[4], Addr::default());
}

#[test]
fn sender_and_reply_to_are_kept_when_present() {
    let e = inbox(16).analysis.envelope.clone();
    assert_eq!(e.sender[0].mailbox.as_deref(), Some(&b"list"[..]));
    assert_eq!(e.reply_to[0].mailbox.as_deref(), Some(&b"volunteers"[..]));
    assert_eq!(e.from[0].mailbox.as_deref(), Some(&b"stationmaster"[..]));
}

#[test]
fn address_edge_cases() {
    let a = Analysis::of(b"From: \"Smith, John\" <john@x.example>, bare@y.example (Bare Person), nodomain, <@route.example:r@z.example>\r\nSubject: x\r\n folded\r\n\r\nbody");
    let f = &a.envelope.from;
    assert_eq!(f.len(), 4);
    assert_eq!(f[0].name.as_deref(), Some(&b"Smith, John"[..]));
    assert_eq!(f[1].name.as_deref(), Some(&b"Bare Person"[..]));
    assert_eq!(f[2].host.as_deref(), Some(&b"MISSING_DOMAIN"[..]));
    assert_eq!(f[3].adl.as_deref(), Some(&b"@route.example"[..]));
    assert_eq!(f[3].mailbox.as_deref(), Some(&b"r"[..]));
    // Unfolded: CRLF removed, the whitespace kept.
    assert_eq!(a.envelope.subject.as_deref(), Some(&b"x folded"[..]));
    assert_eq!(
        a.root.lines, 0,
        "a last line without a break does not count"
    );
    assert!(a.envelope.to.is_empty() && a.envelope.date.is_none() && a.sent_date.is_none());
}

#[test]
fn header_fields_filters_with_folding() {
    let header =
        b"From: a@b.example\r\nSubject: hello\r\n  world\r\nX-Other: 1\r\nsubject: second\r\n\r\n";
    let names = vec!["SUBJECT".to_string(), "date".to_string()];
    assert_eq!(
        header_fields(header, &names, false),
        b"Subject: hello\r\n  world\r\nsubject: second\r\n\r\n"
    );
    assert_eq!(
        header_fields(header, &names, true),
        b"From: a@b.example\r\nX-Other: 1\r\n\r\n"
    );
    assert_eq!(header_fields(header, &["none".to_string()], false), b"\r\n");
    assert_eq!(
        header_fields(b"A: 1", &["a".to_string()], false),
        b"A: 1\r\n\r\n"
    );
    let m = inbox(8);
    let got = header_fields(
        &m.raw[m.analysis.root.header.clone()],
        &["FROM".into(), "SUBJECT".into()],
        false,
    );
    assert_eq!(got, b"From: Dormouse <dormouse@teaparty.example>\r\nSubject: Minutes of the last meeting\r\n\r\n");
}

#[test]
fn malformed_mime_is_handled() {
    // Missing close delimiter: the last part runs to the end.
    let a = Analysis::of(b"Content-Type: multipart/mixed; boundary=b\r\n\r\npre\r\n--b\r\n\r\none\r\n--b\r\nContent-Type: text/html\r\n\r\ntwo");
    let PartKind::Multipart(c) = &a.root.kind else {
        panic!()
    };
    assert_eq!(c.len(), 2);
    assert_eq!(c[1].subtype, "html");
    assert!(
        a.body_text.contains("one") && a.body_text.contains("two") && !a.body_text.contains("pre")
    );
    // No delimiter at all: one empty text/plain child, so BODYSTRUCTURE stays valid.
    let a = Analysis::of(b"Content-Type: multipart/mixed; boundary=zz\r\n\r\nno parts here\r\n");
    let PartKind::Multipart(c) = &a.root.kind else {
        panic!()
    };
    assert_eq!(c.len(), 1);
    assert!(c[0].body.is_empty());
    // No header/body separator: all header, empty body.
    let a = Analysis::of(b"Subject: only a header");
    assert_eq!(a.root.header, 0..22);
    assert!(a.root.body.is_empty());
    // Empty message.
    let a = Analysis::of(b"");
    assert_eq!(a.root.media_type, "text");
    assert_eq!(
        a.root.params,
        vec![("charset".to_string(), "us-ascii".to_string())]
    );
    // Bad content type falls back to text/plain; bad base64 is kept as it is.
    let a = Analysis::of(b"Content-Type: garbage\r\nContent-Transfer-Encoding: BASE64\r\n\r\n!!!not base64 at all\r\n");
    assert_eq!(
        (a.root.subtype.as_str(), a.root.encoding.as_str()),
        ("plain", "base64")
    );
    assert!(a.body_text.contains("not base64"));
    // Bare LF line ends work too.
    let a = Analysis::of(b"Content-Type: multipart/alternative; boundary=\"q\"\n\n--q\nContent-Type: text/plain\n\nlf body\n--q--\n");
    let p = a.root.find(&[1]).unwrap();
    assert_eq!(&b"Content-Type: multipart/alternative; boundary=\"q\"\n\n--q\nContent-Type: text/plain\n\nlf body\n--q--\n"[p.body.clone()], b"lf body");
}

#[test]
fn zone_and_sent_date() {
    let a = Analysis::of(b"Date: Wed, 19 Mar 2025 14:02:00 -0500\r\n\r\n");
    assert_eq!(a.sent_date, Some((1_742_410_920, -300)));
}

#[test]
fn address_fields_read_as_dovecot_writes_them_back() {
    let from = |value: &str| {
        let raw = format!("From: {value}\r\nTo: x@y.z\r\n\r\nbody\r\n");
        let a = Analysis::of(raw.as_bytes());
        let froms: Vec<&str> = a
            .addresses
            .iter()
            .filter(|(n, _)| n == "from")
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(froms.len(), 1, "{value}");
        froms[0].to_owned()
    };
    for (value, form) in [
        ("user-from@domain.org", "<user-from@domain.org>"),
        (
            "User From <user-from@domain.org>",
            "\"user from\" <user-from@domain.org>",
        ),
        // A comment stands in for a missing display name; others go.
        (
            "user-from@domain.org (Comment)",
            "comment <user-from@domain.org>",
        ),
        (
            "user-from(inner)@domain.org",
            "inner <user-from@domain.org>",
        ),
        (
            "User (the) From <user-from@domain.org>",
            "\"user from\" <user-from@domain.org>",
        ),
        // Spaces, quotes and folding in the address itself.
        ("user-from @ domain.org", "<user-from@domain.org>"),
        ("\"user-from\"@domain.org", "<user-from@domain.org>"),
        ("\"first last\"@b.c", "<\"first last\"@b.c>"),
        (
            "Folded\r\n <user-from@\r\n domain.org>",
            "folded <user-from@domain.org>",
        ),
        // Source routes are kept.
        (
            "<@r1,@r2:user-from@domain.org>",
            "<@r1,@r2:user-from@domain.org>",
        ),
        // Encoded words are decoded, even inside quotes.
        (
            "=?utf-8?q?J=C3=B6rg_From?= <u@d.org>",
            "jörg from <u@d.org>",
        ),
        ("\"=?utf-8?q?J=C3=B6rg?=\" <u@d.org>", "jörg <u@d.org>"),
        ("\"a.b\" <a@b.c>", "\"a.b\" <a@b.c>"),
        ("\"say \\\"hi\\\"\" <a@b.c>", "\"say \\\"hi\\\"\" <a@b.c>"),
        // Groups.
        ("team: a@b.c, d@e.f;", "team: <a@b.c>, <d@e.f>;"),
        ("Big Team: a@b.c;, g@h.i", "\"big team\": <a@b.c>;, <g@h.i>"),
        ("undisclosed-recipients:;", "undisclosed-recipients:;"),
        ("a@b.c,\r\n d@e.f", "<a@b.c>, <d@e.f>"),
    ] {
        assert_eq!(from(value), form, "{value}");
    }
    let raw = b"From: a@b.c\r\nCc: c@d.e\r\nBcc: f@g.h\r\nSubject: s\r\nTo: <i@j.k>\r\n\r\n";
    let analysis = Analysis::of(raw);
    let names: Vec<&str> = analysis.addresses.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["from", "cc", "bcc", "to"]);
}

#[test]
fn header_text_holds_every_header_of_every_part() {
    let raw = b"Subject: Outer\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\nContent-Description: a\r\n  folded note\r\n\r\ntext\r\n--b\r\nContent-Type: message/rfc822\r\n\r\nFrom: Inner <in@x.org>\r\nSubject: =?utf-8?q?Gl=C3=BCck?=\r\n\r\ninner\r\n--b--\r\n";
    let a = Analysis::of(raw);
    for line in [
        "subject: outer\n",
        "content-description: a folded note\n",
        "content-type: message/rfc822\n",
        "from: inner <in@x.org>\n",
        "subject: glück\n",
    ] {
        assert!(
            a.header_text.contains(line),
            "{line:?} in {:?}",
            a.header_text
        );
    }
    assert!(
        !a.body_text.contains("in@x.org"),
        "BODY does not read headers"
    );
}
