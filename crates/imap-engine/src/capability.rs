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
];

/// The capability list for the session's current state: the SASL
/// mechanisms only before authentication, STARTTLS only when the transport
/// has it.
pub(crate) fn list(session: &Session) -> Vec<Atom> {
    let mut names: Vec<&str> = vec!["IMAP4rev1"];
    names.extend_from_slice(EXTENSIONS);
    if matches!(session.state, State::NotAuthenticated) {
        if session.options.starttls {
            names.push("STARTTLS");
        }
        names.extend_from_slice(&["AUTH=PLAIN", "AUTH=LOGIN"]);
    }
    names
        .into_iter()
        .filter_map(|n| Atom::new(n).ok())
        .collect()
}
