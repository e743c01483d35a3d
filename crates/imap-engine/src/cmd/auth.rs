//! Commands of the not-authenticated state: STARTTLS, LOGIN, AUTHENTICATE.

use imap_syntax::{Atom, Code, Continue, Expect, Response, Tag, base64};

use super::Outcome;
use crate::capability;
use crate::session::{Pending, Session, State, Tls, lock};

/// Where an AUTHENTICATE exchange stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AuthStep {
    /// PLAIN: waiting for `authzid NUL user NUL password`.
    Plain,
    /// LOGIN: waiting for the user name.
    LoginUser,
    /// LOGIN: have the user name, waiting for the password.
    LoginPassword { user: String },
}

/// `STARTTLS` (RFC 3501 §6.2.1): when the driver offers TLS, answers `OK`
/// and asks the driver for the handshake ([`Session::tls_requested`]);
/// input buffered after this command is dropped by the session.
pub(crate) fn starttls(session: &mut Session) -> Outcome {
    if session.is_secure() {
        return Outcome::bad("TLS is already active");
    }
    if session.options.starttls_offered {
        session.tls = Tls::Requested;
        return Outcome::ok("Begin TLS negotiation now");
    }
    Outcome::bad(
        "STARTTLS is not available here: this engine runs without TLS (in your browser or on loopback), so there is nothing to upgrade. Real servers on port 143 need it before LOGIN; try it through the bridge.",
    )
}

/// Checks credentials, creating a classroom account on first login.
/// Returns the tagged outcome and, on success, logs the session in.
fn log_in(session: &mut Session, user: &str, password: &str) -> Outcome {
    let store = std::sync::Arc::clone(&session.store);
    let mut store = lock(&store);
    let ok = if store.check_login(user, password) {
        true
    } else if let Some(class_password) = session.options.classroom_password.as_deref() {
        if password != class_password || store.account(user).is_some() {
            false
        } else if store.users().count() >= session.options.max_accounts {
            return Outcome::no_code(
                Code::Limit,
                "The classroom is full: no more accounts can be created on this server",
            );
        } else if user.is_empty() || user.len() > 64 || user.chars().any(|c| c.is_control()) {
            false
        } else {
            // A fresh copy of alice's demo mailboxes for this student.
            mailstore::demo::demo_account_for(&mut store, user, password).is_ok()
        }
    } else {
        false
    };
    drop(store);
    if !ok {
        return Outcome::no_code(
            Code::AuthenticationFailed,
            "Authentication failed: the demo accounts are alice/wonderland and bob/builder",
        );
    }
    session.state = State::Authenticated {
        user: user.to_string(),
    };
    Outcome::ok_code(Code::Capability(capability::list(session)), "Logged in")
}

/// The answer to LOGIN or AUTHENTICATE while [`Session::login_disabled`]:
/// Dovecot's code, with what to do.
fn privacy_required() -> Outcome {
    Outcome::no_code(
        Code::PrivacyRequired,
        "Plaintext authentication is not allowed on this unencrypted connection: run STARTTLS first, then log in",
    )
}

/// `LOGIN user password`
pub(crate) fn login(session: &mut Session, user: &str, password: &str) -> Outcome {
    if session.login_disabled() {
        return privacy_required();
    }
    log_in(session, user, password)
}

/// `AUTHENTICATE mechanism [initial-response]` (PLAIN and LOGIN, SASL-IR).
pub(crate) fn authenticate(
    session: &mut Session,
    tag: &Tag,
    mechanism: &Atom,
    initial: Option<&str>,
) -> Option<Outcome> {
    if session.login_disabled() {
        // Refused before any challenge, so no credential is asked for in
        // the clear.
        return Some(privacy_required());
    }
    let step = match mechanism.as_str().to_ascii_uppercase().as_str() {
        "PLAIN" => AuthStep::Plain,
        "LOGIN" => AuthStep::LoginUser,
        _ => {
            return Some(Outcome::no(format!(
                "Unsupported authentication mechanism {mechanism}: use PLAIN or LOGIN"
            )));
        }
    };
    if let Some(initial) = initial {
        // SASL-IR: the first response came with the command.
        let bytes = if initial == "=" {
            Ok(Vec::new())
        } else {
            base64::decode(initial)
        };
        return match bytes {
            Ok(bytes) => step_with(session, tag, step, &bytes),
            Err(_) => Some(Outcome::bad("The initial response is not valid base64")),
        };
    }
    challenge(session, &step);
    session.pending = Pending::Auth {
        tag: tag.clone(),
        step,
    };
    session.expect(Expect::AuthResponse);
    None
}

fn challenge(session: &mut Session, step: &AuthStep) {
    let text: &[u8] = match step {
        AuthStep::Plain => b"",
        AuthStep::LoginUser => b"Username:",
        AuthStep::LoginPassword { .. } => b"Password:",
    };
    session.push(Response::Continue(Continue::Base64(text.to_vec())));
}

/// One client line during AUTHENTICATE.
pub(crate) fn response(session: &mut Session, line: &[u8]) {
    let Pending::Auth { tag, step } = std::mem::replace(&mut session.pending, Pending::None) else {
        return;
    };
    session.expect(Expect::Command);
    let text = String::from_utf8_lossy(line);
    let text = text.trim();
    let outcome = if text == "*" {
        Some(Outcome::bad("Authentication cancelled by the client"))
    } else {
        match base64::decode(text) {
            Ok(bytes) => step_with(session, &tag, step, &bytes),
            Err(_) => Some(Outcome::bad(
                "The response is not valid base64: send base64 text, or * to cancel",
            )),
        }
    };
    if let Some(o) = outcome {
        session.tagged(&tag, o.kind, o.code, &o.text);
    }
}

fn step_with(session: &mut Session, tag: &Tag, step: AuthStep, bytes: &[u8]) -> Option<Outcome> {
    match step {
        AuthStep::Plain => {
            let mut fields = bytes.split(|b| *b == 0);
            let (Some(_authz), Some(user), Some(pass), None) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                return Some(Outcome::bad(
                    "PLAIN expects authzid NUL user NUL password, in base64",
                ));
            };
            let user = String::from_utf8_lossy(user).into_owned();
            let pass = String::from_utf8_lossy(pass).into_owned();
            Some(log_in(session, &user, &pass))
        }
        AuthStep::LoginUser => {
            let user = String::from_utf8_lossy(bytes).into_owned();
            let next = AuthStep::LoginPassword { user };
            challenge(session, &next);
            session.pending = Pending::Auth {
                tag: tag.clone(),
                step: next,
            };
            session.expect(Expect::AuthResponse);
            None
        }
        AuthStep::LoginPassword { user } => {
            let pass = String::from_utf8_lossy(bytes).into_owned();
            Some(log_in(session, &user, &pass))
        }
    }
}
