//! Corrections of issue #19: each test fails on the old wording of an
//! explanation that taught something the protocol contradicts.

use super::*;

/// Runs `lines` (each without tag or CRLF) in one session on a fresh demo
/// store and returns every server line with the command that caused it.
fn demo_transcript(lines: &[&str]) -> Vec<(String, String)> {
    let mut sessions = playground_wasm::Sessions::new(mailstore::demo::demo_store());
    let id = sessions.open(0);
    let _ = sessions.poll(id, 0);
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let command = format!("t{i} {line}\r\n");
        let answer = sessions.send(id, command.as_bytes(), 0).unwrap_or_default();
        for l in answer {
            out.push((line.to_string(), l.text));
        }
    }
    out
}

/// The explanation of the first line of `transcript` starting with `prefix`.
fn explain_line(transcript: &[(String, String)], prefix: &str, ctx: &Context) -> String {
    let (_, text) = transcript
        .iter()
        .find(|(_, t)| t.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starting with {prefix}: {transcript:#?}"));
    all_text(&explain_bytes(text.as_bytes(), ctx))
}

#[test]
fn a_failed_select_is_explained_as_deselecting() {
    // RFC 3501 §6.3.1: a failed SELECT leaves no mailbox selected; the old
    // text said "Nothing changed".
    let t = demo_transcript(&["LOGIN alice wonderland", "SELECT INBOX", "SELECT Nowhere"]);
    let ctx = in_mailbox(32, "INBOX", "SELECT");
    let text = explain_line(&t, "t2 NO", &ctx);
    assert!(!text.contains("Nothing changed"), "{text}");
    assert!(text.contains("no mailbox is selected"), "{text}");
    // Any other NO still says that a SELECT failure is the exception.
    let text = all_text(&explain_bytes(
        b"t9 NO [TRYCREATE] no such mailbox",
        &Context {
            command: Some("COPY".into()),
            ..ctx
        },
    ));
    assert!(!text.contains("Nothing changed"), "{text}");
    assert!(text.contains("SELECT"), "{text}");
}

#[test]
fn a_tagged_ok_does_not_claim_every_untagged_line() {
    // RFC 3501 §2.2.2 and §7: untagged data may come unasked.
    let text = all_text(&explain_bytes(b"a1 OK done", &ctx()));
    assert!(!text.contains("was part of"), "{text}");
    assert!(text.contains("unasked"), "{text}");
}

#[test]
fn the_answer_to_list_with_an_empty_pattern_is_not_a_mailbox() {
    // RFC 3501 §6.3.8: LIST "" "" gives the delimiter and the root.
    let t = demo_transcript(&["LOGIN alice wonderland", "LIST \"\" \"\""]);
    let text = explain_line(&t, "* LIST", &Context::default());
    assert!(!text.contains("exists"), "{text}");
    assert!(!text.contains("only holds other mailboxes"), "{text}");
    assert!(text.contains("not a mailbox"), "{text}");
    assert!(text.contains("delimiter"), "{text}");
    // An ordinary LIST line still names a mailbox.
    let t = demo_transcript(&["LOGIN alice wonderland", "LIST \"\" INBOX"]);
    assert!(explain_line(&t, "* LIST", &Context::default()).contains("“INBOX” exists"));
}

#[test]
fn parts_inside_an_attached_message_are_numbered_below_it() {
    // RFC 3501 §6.4.5: BODY[n] of a message/rfc822 part is the whole
    // attached message; its single-part text is BODY[n.1].
    let t = demo_transcript(&[
        "LOGIN alice wonderland",
        "EXAMINE INBOX",
        "FETCH 18 BODYSTRUCTURE",
        "FETCH 7 BODYSTRUCTURE",
    ]);
    let (_, line18) = t.iter().find(|(_, l)| l.starts_with("* 18 FETCH")).unwrap();
    let e = explain_bytes(line18.as_bytes(), &Context::default());
    let text = all_text(&e);
    assert!(text.contains("multipart/digest"), "{text}");
    let attached: Vec<&Term> = e
        .terms
        .iter()
        .filter(|t| t.meaning.contains("a whole message inside"))
        .collect();
    assert!(
        attached.len() >= 2,
        "message 18 holds attached messages: {text}"
    );
    for term in attached {
        let n = term.term.trim_start_matches("part ");
        assert!(
            term.meaning.contains(&format!("BODY[{n}] is all of it")),
            "{text}"
        );
        // The attached message's text is below its number, never the number itself.
        assert!(text.contains(&format!("BODY[{n}.1]")), "{text}");
        let fetch_self = format!("fetch it with BODY[{n}]");
        assert!(!text.contains(&fetch_self), "{text}");
    }
    // No part number is used for two different parts.
    for line in t
        .iter()
        .filter(|(_, l)| l.starts_with("* 7 FETCH") || l.starts_with("* 18 FETCH"))
    {
        let e = explain_bytes(line.1.as_bytes(), &Context::default());
        let mut seen = std::collections::HashSet::new();
        for term in e.terms.iter().filter(|t| t.term.starts_with("part ")) {
            assert!(
                seen.insert(term.term.clone()),
                "{} twice in {}",
                term.term,
                all_text(&e)
            );
        }
    }
}

#[test]
fn status_of_the_selected_mailbox_is_not_said_to_be_read_without_selecting() {
    // RFC 3501 §6.3.10: STATUS SHOULD NOT be used on the selected mailbox.
    let t = demo_transcript(&[
        "LOGIN alice wonderland",
        "SELECT test",
        "STATUS test (MESSAGES)",
    ]);
    let selected = in_mailbox(3, "test", "STATUS");
    let text = explain_line(&t, "* STATUS", &selected);
    assert!(!text.contains("without selecting"), "{text}");
    assert!(text.contains("you have selected"), "{text}");
    let other = Context {
        mailbox: Some("INBOX".into()),
        ..selected
    };
    assert!(explain_line(&t, "* STATUS", &other).contains("without selecting"));
}

#[test]
fn status_and_flags_terms_read_as_sentences() {
    // The old text glued "test has" to "the next message added will get…".
    let text = all_text(&explain_bytes(
        b"* STATUS test (UIDNEXT 44 UIDVALIDITY 9)",
        &Context::default(),
    ));
    assert!(!text.contains("has the next"), "{text}");
    assert!(!text.contains("has its UIDs"), "{text}");
    assert!(
        text.contains("the next message added to test will get UID 44"),
        "{text}"
    );
    let text = all_text(&explain_bytes(b"* 3 FETCH (FLAGS ())", &ctx()));
    assert!(!text.contains("is no flags"), "{text}");
    assert!(text.contains("message 3 has no flags"), "{text}");
}

#[test]
fn flags_after_select_say_a_keyword_is_new() {
    let line = b"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft NIL $hello)";
    let text = all_text(&explain_bytes(line, &ctx()));
    assert!(text.contains("for the first time"), "{text}");
    assert!(text.contains("NIL"), "{text}");
    let select = Context {
        command: Some("SELECT".to_owned()),
        ..ctx()
    };
    let text = all_text(&explain_bytes(line, &select));
    assert!(!text.contains("for the first time"), "{text}");
}

#[test]
fn literal_minus_states_its_limit_and_uids_their_condition() {
    let text = all_text(&explain_bytes(b"* CAPABILITY IMAP4rev1 LITERAL-", &ctx()));
    assert!(text.contains("4,096"), "{text}");
    let text = all_text(&explain_bytes(b"* 2 FETCH (UID 7)", &ctx()));
    assert!(text.contains("UIDVALIDITY"), "{text}");
    assert!(!text.contains("permanent"), "{text}");
}

#[test]
fn facts_count_search_keys_and_keep_the_last_code() {
    let mut f = Facts::default();
    f.observe_client("s1 SEARCH CHARSET UTF-8 (OR FROM hatter FROM rabbit) NOT SEEN 1:10");
    f.observe_client("s2 UID SEARCH OLD");
    f.observe_client("s3 SEARCH NEW");
    f.observe_server(b"s1 OK done\r\n");
    f.observe_server(b"s2 OK done\r\n");
    f.observe_server(b"s3 BAD no\r\n");
    for (key, n) in [
        ("CHARSET", 1),
        ("or", 1),
        ("FROM", 2),
        ("NOT", 1),
        ("SEEN", 1),
        ("message set", 1),
        ("OLD", 1),
        ("NEW", 0),
    ] {
        assert_eq!(f.search_key_count(key), n, "{key}");
    }
    assert_eq!(f.counts().1.get("FROM"), Some(&2));
    f.observe_client("c1 COPY 1 Nowhere");
    f.observe_server(b"c1 NO [TRYCREATE] no such mailbox\r\n");
    assert_eq!(f.last_tagged(), Some(("COPY".to_owned(), "NO")));
    assert_eq!(f.last_code(), Some("TRYCREATE"));
    f.observe_client("c2 NOOP");
    f.observe_server(b"c2 OK done\r\n");
    assert_eq!(f.last_code(), None);
}

#[test]
fn a_status_line_answering_list_says_so() {
    let ctx = Context {
        command: Some("LIST".to_owned()),
        ..ctx()
    };
    let e = explain_response(
        &Response::Data(Data::Status {
            mailbox: Mailbox::Inbox,
            items: vec![(StatusItem::Messages, 32)],
        }),
        &ctx,
    );
    let text = all_text(&e);
    assert!(text.contains("RETURN (STATUS"), "{text}");
    assert!(!text.contains("should not"), "{text}");
}
