//! BINARY (RFC 3516) and MULTIAPPEND (RFC 3502) against real Dovecot 2.3,
//! as `dovecot_extensions.rs` does for other extensions: each script runs
//! through Dovecot and the engine (see `support/differential.rs`) and every
//! command's responses must agree, except the tags listed with the reason
//! (also in the README).

#[path = "support/differential.rs"]
mod differential;

use differential::sessions_agree_with_dovecot;

/// Message 1 of `bin`: a quoted-printable text, a base64 attachment with
/// NULs, a plain part, an attached message whose body is quoted-printable
/// and a base64 part at the end.
const PARTS: &str = "{APPEND bin|From: a@b.c\r\nSubject: parts\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=XX\r\n\r\npreamble\r\n\
--XX\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
Caf=C3=A9 au lait=\r\n soft break=3D\r\n\
--XX\r\ncontent-transfer-encoding: BASE64\r\nContent-Type: application/octet-stream\r\n\r\nAAECAwRoZWxsbw==\r\n\
--XX\r\nContent-Type: text/plain\r\n\r\nplain seven bit\r\n\
--XX\r\nContent-Type: message/rfc822\r\n\r\nSubject: inner\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nx=3Dy\r\n\
--XX\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\naGVsbG8gd29ybGQ=\r\n\
--XX--\r\n}";

/// Message 2 of `bin`: its first part is in an encoding nobody decodes.
const UUENCODED: &str = "{APPEND bin|Subject: uu\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n\
--B\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 x\r\n\
--B\r\nContent-Type: text/plain\r\n\r\nfine\r\n--B--\r\n}";

/// BINARY of base64 and quoted-printable parts, whole and partial, of an
/// attached message and of the whole message; BINARY.SIZE; parts that do
/// not exist; BINARY without PEEK setting \Seen; an unknown transfer
/// encoding; APPEND of a literal8 holding a NUL, and BINARY of it.
const BINARY: &[(char, &str)] = &[
    ('A', "a1 CREATE bin"),
    ('A', PARTS),
    ('A', UUENCODED),
    ('A', "a2 SELECT bin"),
    (
        'A',
        "a3 FETCH 1 (BINARY.PEEK[1] BINARY.PEEK[2] BINARY.PEEK[3] BINARY.PEEK[5])",
    ),
    (
        'A',
        "a4 FETCH 1 (BINARY.SIZE[1] BINARY.SIZE[2] BINARY.SIZE[3] BINARY.SIZE[4] BINARY.SIZE[])",
    ),
    (
        'A',
        "a5 FETCH 1 (BINARY.PEEK[2]<1.3> BINARY.PEEK[1]<0.4> BINARY.PEEK[5]<100.4> BINARY.PEEK[3]<6.100>)",
    ),
    ('A', "a6 FETCH 1 (BINARY.PEEK[4] BINARY.PEEK[4.1])"),
    ('A', "a7 FETCH 1 BINARY.PEEK[]"),
    (
        'A',
        "a8 FETCH 1 (BINARY.PEEK[9] BINARY.SIZE[9] BINARY.PEEK[1.2] BINARY.PEEK[4.1.1])",
    ),
    ('A', "a9 FETCH 1 (FLAGS BINARY[5])"),
    ('A', "a10 FETCH 1 FLAGS"),
    ('A', "a11 FETCH 2 BINARY.PEEK[1]"),
    ('A', "a12 FETCH 2 (BINARY.PEEK[2] BINARY.PEEK[1])"),
    ('A', "a13 UID FETCH 2 BINARY.PEEK[2]"),
    ('A', "a14 FETCH 2 FLAGS"),
    ('A', "a15 APPEND bin ~{21+}\r\nSubject: nul\r\n\r\na\0b\r\n"),
    (
        'A',
        "a16 FETCH 3 (RFC822.SIZE BINARY.PEEK[1] BINARY.SIZE[1] BINARY.PEEK[])",
    ),
    ('A', "a17 FETCH 1:3 BINARY.PEEK[1]<0.3>"),
];

#[test]
fn binary_agrees_with_dovecot() {
    sessions_agree_with_dovecot("imap-engine-dovecot-binary", BINARY, &[]);
}

/// MULTIAPPEND: two messages with their own flags and dates, three with
/// synchronizing literals, literal8 among them; all or nothing when the
/// second message is empty; the mailbox's count after each.
const MULTIAPPEND: &[(char, &str)] = &[
    ('A', "a1 CREATE multi"),
    (
        'A',
        "a2 APPEND multi (\\Seen) {5+}\r\nab\r\nc (\\Flagged $Todo) \"01-Jan-2020 10:00:00 +0100\" {6+}\r\nxy\r\nzw",
    ),
    ('A', "a3 STATUS multi (MESSAGES UIDNEXT UNSEEN)"),
    ('A', "a4 APPEND multi {5+}\r\nab\r\nc {0+}\r\n"),
    ('A', "a5 STATUS multi (MESSAGES UIDNEXT)"),
    (
        'A',
        "a6 APPEND multi ~{3+}\r\na\0c {2+}\r\nhi ~{4+}\r\nx\0\0y",
    ),
    ('A', "a7 SELECT multi"),
    ('A', "a8 FETCH 1:* (FLAGS RFC822.SIZE BINARY.PEEK[])"),
    ('A', "a9 FETCH 2 INTERNALDATE"),
    ('B', "b1 APPEND multi {2+}\r\nno (\\Seen) {2+}\r\nyo"),
    ('A', "a10 NOOP"),
];

#[test]
fn multiappend_agrees_with_dovecot() {
    sessions_agree_with_dovecot("imap-engine-dovecot-multiappend", MULTIAPPEND, &[]);
}
