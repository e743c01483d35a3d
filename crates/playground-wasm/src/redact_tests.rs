use super::*;
use crate::render::render_response;

/// Feeds typed lines and returns what each shows.
fn show(lines: &[&str]) -> Vec<String> {
    let mut r = Redactor::new();
    lines.iter().map(|l| r.typed(l).text).collect()
}

fn server(r: &mut Redactor, text: &str) -> Line {
    let mut bytes = text.as_bytes().to_vec();
    bytes.extend_from_slice(b"\r\n");
    let line = render_response(&bytes);
    r.server_lines(vec![line]).remove(0)
}

/// After `command` is answered with the BAD `answer`, the next line is a
/// new command: the password of a LOGIN tagged `tag` is masked.
fn refused_then_login(command: &str, answer: &str, tag: &str) {
    let mut r = Redactor::new();
    r.typed(command);
    server(&mut r, answer);
    assert_eq!(
        r.typed(&format!("{tag} LOGIN bob builder")).text,
        format!("{tag} LOGIN bob ••••••")
    );
}

#[test]
fn login_passwords_in_every_form() {
    assert_eq!(
        show(&["a1 LOGIN alice wonderland"]),
        ["a1 LOGIN alice ••••••"]
    );
    assert_eq!(
        show(&[r#"a1 login "alice" "won \"der\" land""#]),
        [r#"a1 login "alice" ••••••"#]
    );
    // A synchronizing literal: its octets come on the next line.
    assert_eq!(
        show(&["c1 LOGIN alice {10}", "wonderland"]),
        ["c1 LOGIN alice {10}", "••••••"]
    );
    // LITERAL+: no continuation, same octets.
    assert_eq!(
        show(&["c1 LOGIN alice {10+}", "wonderland"]),
        ["c1 LOGIN alice {10+}", "••••••"]
    );
    // The user name as a literal too: only the password is hidden.
    assert_eq!(
        show(&["c2 LOGIN {5}", "alice {10}", "wonderland"]),
        ["c2 LOGIN {5}", "alice {10}", "••••••"]
    );
    // A password literal over two typed lines (each Enter adds CRLF).
    assert_eq!(
        show(&["c3 LOGIN bob {9}", "pa", "ss", "x"]),
        ["c3 LOGIN bob {9}", "••••••", "••••••", "••••••"]
    );
    assert_eq!(
        show(&["a1 LOGIN alice pässwörd"]),
        ["a1 LOGIN alice ••••••"]
    );
    // An unterminated quote hides everything after it.
    assert_eq!(
        show(&[r#"a1 LOGIN alice "secr"#]),
        ["a1 LOGIN alice ••••••"]
    );
}

#[test]
fn authenticate_initial_responses_and_challenge_answers() {
    let mut r = Redactor::new();
    assert_eq!(
        r.typed("b1 AUTHENTICATE PLAIN AGJlbmNoAGJlbmNo").text,
        "b1 AUTHENTICATE PLAIN ••••••"
    );
    server(&mut r, "b1 OK Logged in");
    assert_eq!(r.typed("b2 SELECT INBOX").text, "b2 SELECT INBOX");

    // Without SASL-IR: every line until the tagged answer is an answer.
    let mut r = Redactor::new();
    assert_eq!(
        r.typed("b3 AUTHENTICATE LOGIN").text,
        "b3 AUTHENTICATE LOGIN"
    );
    server(&mut r, "+ VXNlcm5hbWU6");
    assert_eq!(r.typed("YWxpY2U=").text, MASK);
    server(&mut r, "+ UGFzc3dvcmQ6");
    assert_eq!(r.typed("d29uZGVybGFuZA==").text, MASK);
    server(&mut r, "b3 OK done");
    assert_eq!(r.typed("b4 NOOP").text, "b4 NOOP");

    // `*` cancels and is shown.
    let mut r = Redactor::new();
    r.typed("b5 AUTHENTICATE PLAIN");
    server(&mut r, "+ ");
    assert_eq!(r.typed("*").text, "*");
    server(&mut r, "b5 BAD cancelled");
    assert_eq!(r.typed("b6 LIST \"\" *").text, "b6 LIST \"\" *");
}

#[test]
fn other_commands_and_literal_octets_are_left_alone() {
    // Literal octets are not read as commands, even when they look like one.
    assert_eq!(
        show(&["a1 APPEND INBOX {25}", "x1 LOGIN eve notsecret", "a2 NOOP"]),
        ["a1 APPEND INBOX {25}", "x1 LOGIN eve notsecret", "a2 NOOP"]
    );
    assert_eq!(
        show(&["a1 SELECT INBOX", "a2 FETCH 1 (FLAGS)"]),
        ["a1 SELECT INBOX", "a2 FETCH 1 (FLAGS)"]
    );
}

#[test]
fn a_command_cut_short_ends_at_its_line() {
    // Found by the redact fuzz target: `x LOGIN` alone left the scanner
    // waiting for a user name, so the next LOGIN's words were misread.
    let mut r = Redactor::new();
    r.typed("x LOGIN");
    assert_eq!(
        r.typed(r#"z1 LOGIN "alice" "~pa55~w0rd~""#).text,
        r#"z1 LOGIN "alice" ••••••"#
    );
    refused_then_login("y AUTHENTICATE", "y BAD expected a mechanism", "z2");
}

#[test]
fn a_refused_literal_is_never_sent() {
    // The next line is a new command, not the password.
    refused_then_login(
        "c1 LOGIN alice {999999999}",
        "c1 BAD literal too large",
        "c2",
    );
}

#[test]
fn an_echo_of_a_secret_is_masked() {
    let mut r = Redactor::new();
    r.typed(r#"a1 LOGIN alice "hunter2"#);
    let line = server(&mut r, r#"a1 BAD expected a closing quote, found "hunter2"#);
    assert!(!line.text.contains("hunter2"), "{}", line.text);
    // Once the command is answered, the secret is forgotten.
    assert!(r.secrets.is_empty());
}

#[test]
fn columns_map_into_the_shown_text() {
    let mut r = Redactor::new();
    let s = r.typed("a1 LOGIN alice wonderland x");
    assert_eq!(s.text, "a1 LOGIN alice •••••• x");
    assert_eq!(s.masks, [(15, 25)]);
    assert_eq!(s.column(3), 3);
    assert_eq!(s.column(18), 15, "inside the secret: its mask");
    assert_eq!(s.column(26), 22, "after it: shifted by the mask");
}

/// Every way to write a LOGIN that the syntax crate accepts: the redactor
/// must hide exactly what the parser reads as the password.
#[test]
fn agrees_with_the_command_parser() {
    let users = ["alice", "\"al ice\"", "{5}"];
    let passwords = [
        "wonderland",
        "\"won der\\\"land\"",
        "{10}",
        "{10+}",
        "\"p@ss\"",
    ];
    for user in users {
        for password in passwords {
            // The lines a learner types, and the bytes the engine gets.
            let mut lines: Vec<String> = Vec::new();
            let mut current = format!("t LOGIN {user}");
            if user == "{5}" {
                lines.push(current);
                current = "alice".to_owned();
            }
            current = format!("{current} {password}");
            let secret_value = match password {
                "{10}" | "{10+}" => {
                    lines.push(current);
                    current = "wonderland".to_owned();
                    "wonderland".to_owned()
                }
                p => p.to_owned(),
            };
            lines.push(current);
            let wire: String = lines.iter().map(|l| format!("{l}\r\n")).collect();
            let parsed = imap_syntax::parse_command(wire.as_bytes())
                .unwrap_or_else(|e| panic!("{wire:?}: {e:?}"));
            let imap_syntax::CommandBody::Login { password: p, .. } = parsed.body else {
                panic!("not a LOGIN: {wire:?}");
            };
            let value = p.expose().to_owned();
            assert!(!value.is_empty());
            // Neither the value nor the bytes as typed may show.
            let typed_form = secret_value;
            let mut r = Redactor::new();
            let shown: Vec<String> = lines.iter().map(|l| r.typed(l).text).collect();
            let all = shown.join("\n");
            assert!(!all.contains(&value), "{value:?} shows in {all:?}");
            assert!(
                !all.contains(&typed_form),
                "{typed_form:?} shows in {all:?}"
            );
            assert!(all.contains("al"), "the user name stays: {all:?}");
        }
    }
}

#[test]
fn the_engine_decides_what_is_literal_data() {
    // Found by the redact fuzz target. A refused `{n+}` literal's octets
    // still come and are thrown away by the engine; the redactor follows
    // the engine's need, so a LOGIN typed inside them is data, and the first
    // real command after them is scanned as one.
    let mut s = crate::Sessions::new(mailstore::demo::demo_store());
    let id = s.open(0);
    s.poll(id, 0);
    s.send_typed(id, "c ;;;{{44333333+}", 0).expect("session");
    let view = s.state(id).expect("session");
    assert_eq!((view.need, view.literal_len), ("literal", Some(44_333_333)));
    s.send_typed(id, "z1 LOGIN al {06+}", 0).expect("session");
    assert_eq!(s.state(id).expect("session").need, "literal");
}
