//! Classroom mode: any user name logs in with the class password and gets
//! a private copy of the demo mailboxes; the account cap answers NO.

use std::sync::{Arc, Mutex};

use imap_engine::{Output, Session, SessionOptions};

fn run(store: &Arc<Mutex<mailstore::Store>>, options: &SessionOptions, lines: &[&str]) -> String {
    let mut s = Session::new(Arc::clone(store), options.clone(), 0);
    let mut out = String::new();
    for l in lines {
        let line = format!("{l}\r\n");
        assert_eq!(s.handle_input(line.as_bytes(), 0), line.len());
    }
    while let Some(o) = s.poll_output() {
        if let Output::Bytes(b) = o {
            out.push_str(&String::from_utf8_lossy(&b));
        }
    }
    out
}

#[test]
fn students_get_separate_mailboxes_and_the_cap_says_no() {
    let store = Arc::new(Mutex::new(mailstore::demo::demo_store()));
    let options = SessionOptions {
        classroom_password: Some("class".into()),
        max_accounts: 4, // alice, bob, and two students
        ..SessionOptions::default()
    };
    let ann = run(
        &store,
        &options,
        &["a LOGIN ann class", "b CREATE ann-only", "c LIST \"\" ann*"],
    );
    assert!(ann.contains("a OK"), "{ann}");
    assert!(
        ann.contains("* LIST (\\HasNoChildren) \"/\" ann-only"),
        "{ann}"
    );
    let ben = run(
        &store,
        &options,
        &[
            "a LOGIN ben class",
            "b LIST \"\" ann*",
            "c STATUS INBOX (MESSAGES)",
        ],
    );
    assert!(ben.contains("a OK"), "{ben}");
    assert!(
        !ben.contains("ann-only"),
        "ben must not see ann's mailbox: {ben}"
    );
    let inbox = mailstore::demo::demo_template()
        .mailbox("INBOX")
        .map(|m| m.messages().len())
        .unwrap();
    assert!(
        ben.contains(&format!("* STATUS INBOX (MESSAGES {inbox})")),
        "{ben}"
    );
    let wrong = run(&store, &options, &["a LOGIN cat wrong"]);
    assert!(wrong.contains("a NO [AUTHENTICATIONFAILED]"), "{wrong}");
    let full = run(&store, &options, &["a LOGIN cat class"]);
    assert!(full.contains("a NO [LIMIT]"), "{full}");
    // Existing students still log in when the class is full.
    let again = run(&store, &options, &["a LOGIN ann class", "b LIST \"\" ann*"]);
    assert!(again.contains("ann-only"), "{again}");
}
