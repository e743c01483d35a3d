//! The extensions modern clients sync with, against real Dovecot 2.3: each
//! script runs through Dovecot and the engine (see
//! `support/differential.rs`) and every command's responses must agree,
//! except the tags each script lists with the reason (also in the README).

#[path = "support/differential.rs"]
mod differential;

use differential::sessions_agree_with_dovecot;

/// STATUS=SIZE (RFC 8438): SIZE alone and among other items, on an empty
/// mailbox, after APPENDs, COPY and EXPUNGE, and on a name that does not
/// exist.
const STATUS_SIZE: &[(char, &str)] = &[
    ('A', "a1 CREATE sized"),
    ('A', "a2 STATUS sized (SIZE)"),
    ('A', "{APPEND sized}"),
    (
        'A',
        "{APPEND sized (\\Seen)|From: a@b.c\r\nSubject: longer\r\n\r\nline one\r\nline two\r\n}",
    ),
    ('A', "a3 STATUS sized (MESSAGES SIZE UNSEEN)"),
    ('A', "a4 STATUS sized (size)"),
    ('A', "a5 CREATE other"),
    ('A', "a6 SELECT sized"),
    ('A', "a7 COPY 1:2 other"),
    ('A', "a8 STATUS other (SIZE MESSAGES)"),
    ('A', "a9 STORE 1 +FLAGS (\\Deleted)"),
    ('A', "a10 EXPUNGE"),
    ('B', "b1 STATUS sized (SIZE UIDNEXT)"),
    ('A', "a11 STATUS nosuch (SIZE)"),
    ('A', "a12 STATUS sized (SIZE BIGNESS)"),
    ('A', "a13 STATUS sized ()"),
];

/// Differences we keep on purpose in [`STATUS_SIZE`], by tag, with the reason.
const STATUS_SIZE_ALLOWED: &[(&str, &str)] = &[(
    "a11",
    "STATUS of a name that does not exist: Dovecot's NO has no code here; we add RFC 5530's [NONEXISTENT], as for SELECT in tests/dovecot.rs",
)];

#[test]
fn status_size_agrees_with_dovecot() {
    sessions_agree_with_dovecot("imap-engine-dovecot-size", STATUS_SIZE, STATUS_SIZE_ALLOWED);
}

/// LIST-EXTENDED (RFC 5258) with LIST-STATUS (RFC 5819): several patterns,
/// every selection and return option, `\NonExistent` for a subscribed name
/// that was deleted, CHILDINFO for RECURSIVEMATCH, STATUS lines only after
/// selectable mailboxes, and the BAD answers. Names start with `lx` so
/// that the demo mailboxes of the engine's store stay out of it.
const LIST_EXTENDED: &[(char, &str)] = &[
    ('A', "a1 CREATE lx/sub/deeper"),
    ('A', "a2 CREATE lx/other"),
    ('A', "a3 CREATE lxs"),
    ('A', "{APPEND lxs (\\Seen)}"),
    ('A', "{APPEND lxs}"),
    ('A', "a4 SUBSCRIBE lx/sub/deeper"),
    ('A', "a5 SUBSCRIBE lxs"),
    ('A', "a6 CREATE lxgone"),
    ('A', "a7 SUBSCRIBE lxgone"),
    ('A', "a8 DELETE lxgone"),
    (
        'A',
        "a9 LIST \"\" \"lx*\" RETURN (STATUS (MESSAGES UNSEEN SIZE))",
    ),
    ('A', "a10 LIST (SUBSCRIBED) \"\" \"lx*\""),
    ('A', "a11 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" \"lx%\""),
    (
        'A',
        "a12 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" \"lx%\" RETURN (CHILDREN)",
    ),
    ('A', "a13 LIST \"\" (\"lxs\" \"lx/o*\")"),
    ('A', "a14 LIST \"\" \"lx*\" RETURN (SUBSCRIBED CHILDREN)"),
    ('A', "a15 LIST \"\" \"lx*\" RETURN ()"),
    ('A', "a16 LIST (REMOTE) \"\" \"lx%\""),
    ('A', "a17 LIST (RECURSIVEMATCH) \"\" \"lx%\""),
    (
        'A',
        "a18 LIST (SUBSCRIBED) \"\" \"lx*\" RETURN (STATUS (MESSAGES))",
    ),
    ('A', "a19 LIST \"\" lxnosuch RETURN (STATUS (MESSAGES))"),
    (
        'A',
        "a20 LIST \"\" (\"lx\" \"*sub\") RETURN (STATUS (SIZE))",
    ),
    ('A', "a21 LIST (SUBSCRIBED) \"\" \"\""),
    (
        'A',
        "a22 LIST (SUBSCRIBED REMOTE) \"\" \"lx*\" RETURN (SUBSCRIBED)",
    ),
    ('A', "a23 LIST () \"\" lx%"),
    ('A', "a24 LIST lx/ % RETURN (CHILDREN)"),
    ('A', "a25 LIST \"\" lx* RETURN (BOGUS)"),
    ('A', "a26 LIST (BOGUS) \"\" lx*"),
    ('A', "a27 SELECT lxs"),
    ('A', "a28 LIST \"\" lxs RETURN (STATUS (MESSAGES UIDNEXT))"),
];

#[test]
fn list_extended_agrees_with_dovecot() {
    sessions_agree_with_dovecot("imap-engine-dovecot-listext", LIST_EXTENDED, &[]);
}
