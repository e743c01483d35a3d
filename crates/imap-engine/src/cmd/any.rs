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

/// `ENABLE` (RFC 5161): CONDSTORE and QRESYNC (which implies CONDSTORE,
/// RFC 7162 §3.2.3) can be enabled; ENABLED lists those asked for, each
/// once, also when already on (as Dovecot), and nothing else (unknown
/// names are ignored, as the RFC asks).
pub(crate) fn enable(session: &mut Session, caps: &[Atom]) -> Outcome {
    let mut enabled: Vec<Atom> = Vec::new();
    for cap in caps {
        let name = cap.as_str().to_ascii_uppercase();
        if !matches!(name.as_str(), "CONDSTORE" | "QRESYNC")
            || enabled.iter().any(|a| a.as_str() == name)
        {
            continue;
        }
        super::condstore::turn_on(session);
        if name == "QRESYNC" {
            super::condstore::turn_on_qresync(session);
        }
        enabled.extend(Atom::new(name).ok());
    }
    session.data(Data::Enabled(enabled));
    Outcome::ok("Enabled")
}
