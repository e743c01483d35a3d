//! Commands valid in any state: CAPABILITY, NOOP, LOGOUT, ID, ENABLE.

use imap_syntax::{Atom, Data};

use super::Outcome;
use crate::capability;
use crate::session::Session;

/// `CAPABILITY`
pub(crate) fn capability(session: &mut Session) -> Outcome {
    let caps = capability::list(session);
    session.data(Data::Capability(caps));
    Outcome::ok("Capability completed")
}

/// `NOOP`: does nothing itself; the sync after every command reports changes.
pub(crate) fn noop(_session: &mut Session) -> Outcome {
    Outcome::ok("NOOP completed")
}

/// `LOGOUT`: BYE first, then the tagged OK, then the connection closes.
pub(crate) fn logout(session: &mut Session) -> Outcome {
    session.untagged_status(imap_syntax::StatusKind::Bye, None, "Logging out");
    session.close_after_reply();
    Outcome::ok("Logout completed")
}

/// `ID` (RFC 2971): says who we are.
pub(crate) fn id(session: &mut Session, _client: Option<Vec<(String, Option<String>)>>) -> Outcome {
    session.data(Data::Id(Some(vec![
        ("name".to_string(), Some("imap-playground".to_string())),
        (
            "version".to_string(),
            Some(env!("CARGO_PKG_VERSION").to_string()),
        ),
        ("vendor".to_string(), Some("IMAP Playground".to_string())),
    ])));
    Outcome::ok("ID completed")
}

/// `ENABLE` (RFC 5161): none of the capabilities this server has need
/// enabling, so the ENABLED list is empty, as the RFC asks for unknown ones.
pub(crate) fn enable(session: &mut Session, _caps: &[Atom]) -> Outcome {
    session.data(Data::Enabled(Vec::new()));
    Outcome::ok("Enabled")
}
