//! SORT (RFC 5256), SORT=DISPLAY (RFC 5957) and ESORT (RFC 5267) against
//! real Dovecot 2.3: each script runs through Dovecot and the engine (see
//! `support/differential.rs`) and every command's responses must agree,
//! except the tags listed with the reason (also in the README).

#[path = "support/differential.rs"]
mod differential;

use differential::sessions_agree_with_dovecot;

/// Messages chosen for the edge cases: subjects with `Re:`, `RE:re:`,
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

/// Differences kept on purpose in [`SORT`], by tag, with the reason.
const SORT_ALLOWED: &[(&str, &str)] = &[(
    "a26",
    "NO [BADCHARSET] for an unknown charset: we list the charsets SEARCH and SORT read (RFC 3501 §7.1 allows it); Dovecot lists none",
)];

#[test]
fn sort_agrees_with_dovecot() {
    sessions_agree_with_dovecot("imap-engine-dovecot-sort", SORT, SORT_ALLOWED);
}
