//! What the server advertises in CAPABILITY.

use imap_syntax::Atom;

use crate::session::{Session, State};

/// Extensions served in every state, after IMAP4rev1.
const EXTENSIONS: &[&str] = &[
    "LITERAL+",
    "SASL-IR",
    "ID",
    "ENABLE",
    "IDLE",
    "NAMESPACE",
    "UNSELECT",
    "UIDPLUS",
    "MOVE",
    "CHILDREN",
    "SPECIAL-USE",
    "CREATE-SPECIAL-USE",
    "STATUS=SIZE",
    "LIST-EXTENDED",
    "LIST-STATUS",
    "ESEARCH",
    "SEARCHRES",
    "WITHIN",
    "CONTEXT=SEARCH",
    "SORT",
    "SORT=DISPLAY",
    "ESORT",
    "CONDSTORE",
    "QRESYNC",
    "BINARY",
    "MULTIAPPEND",
];

/// The capability list for the session's current state: before
/// authentication, `STARTTLS` while the driver offers it and TLS is not up,
/// then either `LOGINDISABLED` (plaintext login refused, as Dovecot: no
/// `AUTH=` mechanism either) or the SASL mechanisms.
pub(crate) fn list(session: &Session) -> Vec<Atom> {
    let mut names: Vec<&str> = vec!["IMAP4rev1"];
    names.extend_from_slice(EXTENSIONS);
    if matches!(session.state, State::NotAuthenticated) {
        if session.options.starttls_offered && !session.is_secure() {
            names.push("STARTTLS");
        }
        if session.login_disabled() {
            names.push("LOGINDISABLED");
        } else {
            names.extend_from_slice(&["AUTH=PLAIN", "AUTH=LOGIN"]);
        }
    }
    names
        .into_iter()
        .filter_map(|n| Atom::new(n).ok())
        .collect()
}
