//! ESEARCH (RFC 4731), SEARCHRES (RFC 5182), WITHIN (RFC 5032),
//! CONTEXT=SEARCH (RFC 5267) and SORT (RFC 5256, with SORT=DISPLAY and ESORT) against
//! real Dovecot 2.3: each script runs through Dovecot and the engine (see
//! `support/differential.rs`) and every command's responses must agree,
//! except the tags each script lists with the reason (also in the README).
//! Names start with `es` so that the demo mailboxes of the engine's store
//! stay out of it.

#[path = "support/differential.rs"]
mod differential;

use differential::{BADCHARSET_LISTED, RECENT_ALWAYS, sessions_agree_with_dovecot};

/// ESEARCH: every RETURN option alone and together, in any order and
/// case, `RETURN ()`, the UID form, empty results (no MIN, MAX or ALL;
/// COUNT 0; a bare `* ESEARCH (TAG "x")`), compact ALL sets, RETURN
/// before CHARSET, and the BAD answers.
const ESEARCH: &[(char, &str)] = &[
    ('A', "a1 CREATE es"),
    ('A', "{APPEND es}"),
    ('A', "{APPEND es (\\Seen)}"),
    ('A', "{APPEND es}"),
    ('A', "{APPEND es (\\Seen)}"),
    ('A', "{APPEND es}"),
    ('A', "{APPEND es}"),
    ('A', "{APPEND es (\\Seen)}"),
    ('A', "a2 SELECT es"),
    ('A', "a3 SEARCH RETURN (MIN MAX COUNT ALL) ALL"),
    ('A', "a4 SEARCH RETURN (ALL COUNT MAX MIN) UNSEEN"),
    ('A', "a5 UID SEARCH RETURN (MIN MAX COUNT ALL) UNSEEN"),
    ('A', "a6 SEARCH RETURN () SEEN"),
    ('A', "a7 SEARCH RETURN (MIN) DELETED"),
    ('A', "a8 SEARCH RETURN (MAX) DELETED"),
    ('A', "a9 SEARCH RETURN (ALL) DELETED"),
    ('A', "a10 UID SEARCH RETURN (COUNT) DELETED"),
    ('A', "a11 UID SEARCH RETURN () DELETED"),
    ('A', "a12 SEARCH RETURN (min count) 1:3"),
    ('A', "a13 SEARCH RETURN (MIN MIN) ALL"),
    ('A', "a14 SEARCH RETURN (COUNT) CHARSET UTF-8 SEEN"),
    ('A', "a15 SEARCH RETURN (ALL) 1:3,5"),
    ('A', "a16 STORE 4 +FLAGS.SILENT (\\Deleted)"),
    ('A', "a17 EXPUNGE"),
    ('A', "a18 UID SEARCH RETURN (ALL) 1:3,5"),
    ('A', "a19 UID SEARCH RETURN (MIN MAX) UID 4"),
    ('A', "a20 SEARCH RETURN (BOGUS) ALL"),
    ('A', "a21 SEARCH CHARSET UTF-8 RETURN (MIN) ALL"),
    ('A', "a22 SEARCH RETURN MIN ALL"),
    ('A', "a23 SEARCH RETURN (MIN)"),
    ('A', "a24 SEARCH RETURN (COUNT) CHARSET BOGUS ALL"),
    ('A', "a25 UNSELECT"),
    ('A', "a26 SEARCH RETURN (COUNT) ALL"),
];

/// The one difference kept on purpose: a24's `[BADCHARSET]`.
#[test]
fn esearch_agrees_with_dovecot() {
    let allowed = [("a24", BADCHARSET_LISTED)];
    sessions_agree_with_dovecot("imap-engine-dovecot-esearch", ESEARCH, &allowed);
}

/// SEARCHRES: `$` before any SAVE, SAVE alone (no ESEARCH line) and with
/// MIN, MAX, COUNT and ALL (what is kept), `$` in FETCH, STORE, COPY,
/// MOVE, UID EXPUNGE and SEARCH (as a set, in UID, under NOT and OR), in
/// the UID forms; `$` after this session's EXPUNGE and after another
/// session's, before and after it is told; a SAVE answered NO empties it
/// (one answered BAD does not); SELECT and EXAMINE empty it; `$` in a range
/// or a list is BAD.
const SEARCHRES: &[(char, &str)] = &[
    ('A', "a1 CREATE es"),
    ('A', "a2 CREATE esdest"),
    ('A', "{APPEND es}"),
    ('A', "{APPEND es (\\Seen)}"),
    ('A', "{APPEND es}"),
    ('A', "{APPEND es (\\Seen)}"),
    ('A', "{APPEND es}"),
    ('A', "{APPEND es}"),
    ('A', "a3 SELECT es"),
    ('A', "a4 FETCH $ UID"),
    ('A', "a5 SEARCH $"),
    ('A', "a6 SEARCH RETURN (SAVE) UNSEEN"),
    ('A', "a7 FETCH $ FLAGS"),
    ('A', "a8 UID FETCH $ FLAGS"),
    ('A', "a9 SEARCH RETURN (SAVE MIN) UNSEEN"),
    ('A', "a10 FETCH $ UID"),
    ('A', "a11 SEARCH RETURN (SAVE MAX MIN) UNSEEN"),
    ('A', "a12 FETCH $ UID"),
    ('A', "a13 SEARCH RETURN (SAVE MAX COUNT) SEEN"),
    ('A', "a14 FETCH $ UID"),
    ('A', "a15 SEARCH RETURN (SAVE ALL) SEEN"),
    ('A', "a16 SEARCH $ UNSEEN"),
    ('A', "a17 SEARCH OR $ 1 NOT $"),
    ('A', "a18 UID SEARCH UID $"),
    ('A', "a19 SEARCH RETURN (COUNT) NOT $"),
    ('A', "a20 STORE $ +FLAGS (\\Flagged)"),
    ('A', "a21 UID STORE $ -FLAGS.SILENT (\\Flagged)"),
    ('A', "a22 COPY $ esdest"),
    ('A', "a23 UID COPY $ esdest"),
    // This session's own EXPUNGE: $ keeps the messages that are left.
    ('A', "a24 SEARCH RETURN (SAVE) 2:4"),
    ('A', "a25 STORE 3 +FLAGS.SILENT (\\Deleted)"),
    ('A', "a26 EXPUNGE"),
    ('A', "a27 FETCH $ UID"),
    ('A', "a28 UID SEARCH $"),
    // Another session's EXPUNGE: $ follows this session's numbering, the
    // gone message in it until NOOP tells of the EXPUNGE.
    ('A', "a28s STORE 2 +FLAGS.SILENT (\\Deleted)"),
    ('B', "b1 SELECT es"),
    ('B', "b2 EXPUNGE"),
    ('A', "a29 SEARCH $"),
    ('A', "a30 NOOP"),
    ('A', "a31 FETCH $ UID"),
    ('A', "a32 SEARCH RETURN (ALL) $"),
    // A SEARCH with SAVE answered NO empties $ (RFC 5182 §2.1); one
    // answered BAD (its keys do not parse) leaves it, as in Dovecot.
    ('A', "a33 SEARCH RETURN (SAVE) ALL"),
    ('A', "a33b SEARCH RETURN (SAVE) BOGUSKEY"),
    ('A', "a33c FETCH $ UID"),
    ('A', "a34 SEARCH RETURN (SAVE) CHARSET BOGUS ALL"),
    ('A', "a35 FETCH $ UID"),
    ('A', "a36 SEARCH RETURN (SAVE) NOT ALL"),
    ('A', "a37 FETCH $ UID"),
    ('A', "a38 COPY $ esdest"),
    // The old $ is read before SAVE replaces it.
    ('A', "a39 SEARCH RETURN (SAVE) 1"),
    ('A', "a40 SEARCH RETURN (SAVE ALL) OR $ 2"),
    ('A', "a41 FETCH $ UID"),
    ('A', "a42 UID STORE $ +FLAGS.SILENT (\\Deleted)"),
    ('A', "a43 UID EXPUNGE $"),
    ('A', "a44 SEARCH RETURN (SAVE) ALL"),
    ('A', "a45 MOVE $ esdest"),
    ('A', "a46 FETCH $ UID"),
    // SELECT and EXAMINE start with $ empty.
    ('A', "a47 SELECT esdest"),
    ('A', "a48 SEARCH RETURN (SAVE) ALL"),
    ('A', "a49 EXAMINE esdest"),
    ('A', "a50 FETCH $ UID"),
    ('A', "a51 SEARCH RETURN (SAVE) 1:2"),
    ('A', "a52 UID FETCH $ UID"),
    ('A', "a53 FETCH $:4 UID"),
    ('A', "a54 FETCH 1,$ UID"),
    ('A', "a55 SEARCH 1,$"),
];

/// Differences kept on purpose in [`SEARCHRES`], by tag, with the reason.
const SEARCHRES_ALLOWED: &[(&str, &str)] = &[(
    "a34",
    "NO [BADCHARSET] as in ESEARCH's a24 (that the failure empties $ is checked by a35)",
)];

#[test]
fn searchres_agrees_with_dovecot() {
    sessions_agree_with_dovecot(
        "imap-engine-dovecot-searchres",
        SEARCHRES,
        SEARCHRES_ALLOWED,
    );
}

/// WITHIN: OLDER and YOUNGER on messages appended just now and with an
/// old date (the two servers' clocks differ, so only intervals far from
/// both are compared), and the BAD answers for 0 and for no number.
const WITHIN: &[(char, &str)] = &[
    ('A', "a1 CREATE es"),
    ('A', "{APPEND es}"),
    ('A', "{APPEND es (\\Seen) \"01-Jan-2001 00:00:00 +0000\"}"),
    ('A', "{APPEND es}"),
    ('A', "a2 SELECT es"),
    ('A', "a3 SEARCH OLDER 3600"),
    ('A', "a4 SEARCH YOUNGER 3600"),
    ('A', "a5 UID SEARCH RETURN (COUNT) NOT YOUNGER 86400"),
    ('A', "a6 SEARCH OR OLDER 86400 SEEN"),
    ('A', "a7 SEARCH YOUNGER 4294967295"),
    ('A', "a8 SEARCH OLDER 0"),
    ('A', "a9 SEARCH YOUNGER x"),
    ('A', "a10 SEARCH YOUNGER 4294967296"),
];

#[test]
fn within_agrees_with_dovecot() {
    sessions_agree_with_dovecot("imap-engine-dovecot-within", WITHIN, &[]);
}

/// CONTEXT=SEARCH (RFC 5267): PARTIAL pages (past the end: NIL; written
/// high to low; 0 and with ALL: BAD; beside MIN, MAX and COUNT); CONTEXT
/// (a hint that changes nothing); UPDATE on UID and number searches, alone
/// (an empty ESEARCH line), with COUNT, SAVE and ALL, and on a sequence
/// set; what each is told after this session's STORE, another session's
/// flag changes (REMOVEFROM and ADDTO in one line), an EXPUNGE told at an
/// APPEND (what left, numbered as before, ahead of the EXPUNGE; what
/// joined after the EXISTS) and at a UID SEARCH; CANCELUPDATE of one tag,
/// of two, of an unknown one, with none or an unquoted one; EXAMINE and
/// UNSELECT end every update.
const CONTEXT_SEARCH: &[(char, &str)] = &[
    ('A', "a1 CREATE esc"),
    ('A', "{APPEND esc}"),
    ('A', "{APPEND esc (\\Seen)}"),
    ('A', "{APPEND esc}"),
    ('A', "{APPEND esc (\\Seen)}"),
    ('A', "{APPEND esc}"),
    ('A', "{APPEND esc}"),
    ('A', "a2 SELECT esc"),
    ('A', "a3 SEARCH RETURN (PARTIAL 1:2) ALL"),
    ('A', "a4 UID SEARCH RETURN (PARTIAL 2:10) UNSEEN"),
    ('A', "a5 SEARCH RETURN (PARTIAL 4:9) SEEN"),
    ('A', "a6 SEARCH RETURN (PARTIAL 3:1) ALL"),
    ('A', "a7 SEARCH RETURN (PARTIAL 0:1) ALL"),
    ('A', "a8 SEARCH RETURN (COUNT PARTIAL 2:3 MAX MIN) UNSEEN"),
    ('A', "a9 SEARCH RETURN (ALL PARTIAL 1:2) ALL"),
    ('A', "a10 SEARCH RETURN (PARTIAL 1:4294967295) ALL"),
    ('A', "a11 SEARCH RETURN (CONTEXT ALL) UNSEEN"),
    ('A', "a12 SEARCH RETURN (PARTIAL 1:1) DELETED"),
    ('A', "a13 UID SEARCH RETURN (UPDATE) UNSEEN"),
    ('A', "a14 SEARCH RETURN (UPDATE COUNT) SEEN"),
    ('A', "a15 SEARCH RETURN (SAVE UPDATE) UNSEEN"),
    ('A', "a16 UID SEARCH RETURN (UPDATE ALL) SEEN"),
    ('A', "a17 SEARCH RETURN (UPDATE) 2:4"),
    ('A', "a18 UID STORE 1 +FLAGS (\\Seen)"),
    ('A', "a19 NOOP"),
    ('B', "b1 SELECT esc"),
    ('B', "b2 STORE 3 +FLAGS (\\Seen)"),
    ('B', "b3 STORE 2 -FLAGS (\\Seen)"),
    ('A', "a20 NOOP"),
    ('B', "b4 STORE 5 +FLAGS (\\Deleted)"),
    ('B', "b5 EXPUNGE"),
    ('A', "{APPEND esc}"),
    ('A', "a21 NOOP"),
    ('B', "b6 STORE 2:3 +FLAGS (\\Deleted)"),
    ('B', "b7 EXPUNGE"),
    ('A', "a22 UID SEARCH RETURN (COUNT) ALL"),
    ('A', "a23 CANCELUPDATE \"a13\""),
    ('A', "a24 CANCELUPDATE \"zz\""),
    ('A', "a25 CANCELUPDATE \"a14\" \"a15\""),
    ('A', "a26 CANCELUPDATE"),
    ('A', "a27 CANCELUPDATE a16"),
    ('B', "b8 STORE 1 -FLAGS (\\Seen)"),
    ('A', "a28 NOOP"),
    ('A', "a29 EXAMINE esc"),
    ('B', "b9 STORE 1 +FLAGS (\\Seen)"),
    ('A', "a30 NOOP"),
    ('A', "a31 CANCELUPDATE \"a16\""),
    ('A', "a32 UNSELECT"),
    ('A', "a33 CANCELUPDATE \"a16\""),
];

/// The differences kept on purpose: the RECENT after the EXISTS of p7 and
/// b6.
#[test]
fn context_search_agrees_with_dovecot() {
    let allowed = [("p7", RECENT_ALWAYS), ("b6", RECENT_ALWAYS)];
    sessions_agree_with_dovecot("imap-engine-dovecot-context", CONTEXT_SEARCH, &allowed);
}

/// SORT (RFC 5256), SORT=DISPLAY (RFC 5957) and ESORT (RFC 5267), on
/// messages chosen for the edge cases: subjects with `Re:`, `RE:re:`,
/// `Fw:`, `Fwd[x]:`, `[list]` tags, a `(fwd)` trailer and a `[fwd: …]`
/// wrapper, an encoded-word display name with an accent, a Date header
/// with a zone, one that cannot be read and one missing (both sort by
/// arrival), missing To and Cc, a group, sizes that differ. Each APPEND
/// gives the internal date, so that both servers have the same arrivals.
const SORT: &[(char, &str)] = &[
    ('A', "a1 CREATE esort"),
    (
        'A',
        "{APPEND esort \"10-Mar-2026 10:01:00 +0000\"|From: \"Zed\" <alice@x.org>\r\nTo: bob@y.org\r\nCc: Carol <carol@z.org>\r\nSubject: Re: [list] Hello world (fwd)\r\nDate: Mon, 2 Feb 2026 10:00:00 +0000\r\n\r\nbody one\r\n}",
    ),
    (
        'A',
        "{APPEND esort \"10-Mar-2026 10:02:00 +0000\"|From: bob@y.org\r\nTo: \"Alice\" <alice@x.org>\r\nSubject: hello   WORLD\r\nDate: Sun, 1 Feb 2026 10:00:00 +0500\r\n\r\nbody two is longer\r\n}",
    ),
    (
        'A',
        "{APPEND esort \"10-Mar-2026 10:03:00 +0000\"|From: =?utf-8?q?=C3=89mile?= <emile@x.org>\r\nTo: dave@y.org\r\nSubject: [fwd: Re: Fwd: [list] hello world]\r\nDate: not a date\r\n\r\nb3\r\n}",
    ),
    (
        'A',
        "{APPEND esort \"10-Mar-2026 10:04:00 +0000\"|From: _under@x.org\r\nSubject: Fw: _misc\r\n\r\nb4\r\n}",
    ),
    (
        'A',
        "{APPEND esort \"10-Mar-2026 10:05:00 +0000\"|From: Apple <apple@x.org>\r\nTo: \"zz\" <aaa@b.c>\r\nSubject: RE:re: Fwd[x]: zebra\r\nDate: Tue, 3 Feb 2026 09:00:00 -0800\r\n\r\nb5 b5 b5\r\n}",
    ),
    (
        'A',
        "{APPEND esort \"10-Mar-2026 10:06:00 +0000\"|From: Emma <emma@x.org>\r\nTo: undisclosed-recipients:;\r\nCc: Bob <BOB@Y.ORG>, carl@z.org\r\nSubject: [list] [other] Re[2]: Zebra\r\nDate: Tue, 3 Feb 2026 17:00:00 +0000\r\n\r\nsix\r\n}",
    ),
    ('A', "a2 SELECT esort"),
    ('A', "a3 SORT (SUBJECT) UTF-8 ALL"),
    ('A', "a4 SORT (REVERSE SUBJECT) UTF-8 ALL"),
    ('A', "a5 SORT (DATE) UTF-8 ALL"),
    ('A', "a6 SORT (REVERSE DATE) UTF-8 ALL"),
    ('A', "a7 SORT (ARRIVAL) UTF-8 ALL"),
    ('A', "a8 SORT (FROM) UTF-8 ALL"),
    ('A', "a9 SORT (TO) UTF-8 ALL"),
    ('A', "a10 SORT (CC) UTF-8 ALL"),
    ('A', "a11 SORT (SIZE) UTF-8 ALL"),
    ('A', "a12 SORT (DISPLAYFROM) UTF-8 ALL"),
    ('A', "a13 SORT (DISPLAYTO) UTF-8 ALL"),
    ('A', "a14 UID SORT (REVERSE DATE SUBJECT) US-ASCII NOT 2"),
    ('A', "a15 SORT (SUBJECT REVERSE SIZE) UTF-8 ALL"),
    ('A', "a16 sort (subject) utf-8 all"),
    ('A', "a17 SORT (SUBJECT) UTF-8 DELETED"),
    ('A', "a18 SORT (DATE) UTF-8 FROM x.org"),
    ('A', "a19 SORT (DATE) UTF-8 MODSEQ 1"),
    (
        'A',
        "a20 SORT RETURN (MIN MAX COUNT ALL) (SUBJECT) UTF-8 ALL",
    ),
    ('A', "a21 UID SORT RETURN () (REVERSE SIZE) UTF-8 ALL"),
    ('A', "a22 SORT RETURN (COUNT) (DATE) UTF-8 DELETED"),
    ('A', "a23 SORT () UTF-8 ALL"),
    ('A', "a24 SORT (BOGUS) UTF-8 ALL"),
    ('A', "a25 SORT (DATE) ALL"),
    ('A', "a26 SORT (DATE) BOGUS-CHARSET ALL"),
    ('A', "a27 SORT (REVERSE) UTF-8 ALL"),
    ('A', "a28 UNSELECT"),
    ('A', "a29 SORT (DATE) UTF-8 ALL"),
];

/// The one difference kept on purpose: a26's `[BADCHARSET]`.
#[test]
fn sort_agrees_with_dovecot() {
    let allowed = [("a26", BADCHARSET_LISTED)];
    sessions_agree_with_dovecot("imap-engine-dovecot-sort", SORT, &allowed);
}
