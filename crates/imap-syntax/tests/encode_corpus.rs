//! The realistic corpus of the benchmark, through parse → encode → parse:
//! the value survives, and where Dovecot's spelling is already canonical
//! the bytes survive too.

#[path = "../benches/corpus.rs"]
mod corpus;

use imap_syntax::*;

fn show(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Each item parses, and its encoding parses back to the same value.
fn survive_encoding<T: Encode + PartialEq + std::fmt::Debug>(
    items: Vec<Vec<u8>>,
    parse: fn(&[u8]) -> Result<T, ParseError>,
) {
    for item in items {
        let value = parse(&item).unwrap_or_else(|e| panic!("{e}: {}", show(&item)));
        let wire = value.to_bytes();
        assert_eq!(
            parse(&wire).as_ref(),
            Ok(&value),
            "re-encoded as {}",
            show(&wire)
        );
    }
}

#[test]
fn corpus_commands_survive_encoding() {
    survive_encoding(corpus::commands(), parse_command);
}

#[test]
fn corpus_responses_survive_encoding() {
    survive_encoding(corpus::responses(), parse_response);
}

/// Responses the encoder writes byte for byte as Dovecot does.
#[test]
fn dovecot_spelling_is_kept() {
    let mut same = 0;
    for item in corpus::responses() {
        let resp = parse_response(&item).unwrap();
        let wire = resp.to_bytes();
        // Dovecot quotes NIL-free strings and writes message bodies as
        // literals; only the ID and NAMESPACE and a few hand-written lines
        // in the corpus may differ.
        if wire == item {
            same += 1;
        }
    }
    let total = corpus::responses().len();
    assert!(
        same * 10 >= total * 9,
        "only {same} of {total} responses kept their bytes"
    );
}

#[test]
fn typical_commands_keep_their_bytes() {
    let cases = [
        "a002 LOGIN alice wonderland\r\n",
        "a004 SELECT INBOX\r\n",
        "a009 STATUS INBOX (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN)\r\n",
        "a017 UID FETCH 4827313:4828442 (UID RFC822.SIZE FLAGS BODY.PEEK[HEADER.FIELDS (From To Cc Subject Date Message-ID)])\r\n",
        "a021 UID FETCH 4827313 BODY.PEEK[1.2]<0.2048>\r\n",
        "a030 UID SEARCH OR (FROM alice SUBJECT \"meeting notes\") (TO bob NOT SEEN)\r\n",
        "a037 STORE 2:4 +FLAGS (\\Deleted)\r\n",
        "a042 UID COPY 4827313:4827320 Archive/2024\r\n",
        "a029 SEARCH FLAGGED SINCE 1-Feb-1994 NOT FROM Smith\r\n",
    ];
    for case in cases {
        let cmd = parse_command(case.as_bytes()).unwrap_or_else(|e| panic!("{e}: {case}"));
        assert_eq!(show(&cmd.to_bytes()), case);
    }
}
