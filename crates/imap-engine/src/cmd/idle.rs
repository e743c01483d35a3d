//! IDLE (RFC 2177): changes are pushed while the client waits; DONE ends it.

use imap_syntax::{Continue, Expect, Response, StatusKind, Tag};

use super::Outcome;
use crate::session::{Pending, Session};

/// `IDLE`: sends the continuation and reports pending changes at once.
pub(crate) fn idle(session: &mut Session, tag: &Tag) -> Option<Outcome> {
    session.push(Response::Continue(Continue::Text("idling".to_string())));
    session.pending = Pending::Idle { tag: tag.clone() };
    session.expect(Expect::Done);
    session.sync(true, false);
    None
}

/// The `DONE` line.
pub(crate) fn done(session: &mut Session) {
    let Pending::Idle { tag } = std::mem::replace(&mut session.pending, Pending::None) else {
        return;
    };
    session.expect(Expect::Command);
    session.sync(true, false);
    session.tagged(&tag, StatusKind::Ok, None, "Idle completed");
}
