//! Plain-words explanations of server responses, driven by the syntax
//! crate's response model.
//!
//! [`explain_response`] turns one parsed [`Response`] into an
//! [`Explanation`]: a title, paragraphs and terms, in the project's own
//! words, naming this session's numbers and mailboxes. Every `match` over
//! the model's enums is exhaustive (no wildcard arm), so a variant added to
//! `imap-syntax` without an explanation here fails to compile.
//!
//! # Layout
//! - this file: the types ([`Explanation`], [`Context`]) and the entry points;
//! - `status`: status responses, response codes, `+` continuations;
//! - `data`: untagged data, and what flags, capabilities and list attributes mean;
//! - `body`: inside FETCH answers (envelopes, sections, BODYSTRUCTURE parts);
//!
//! The transcript facts a lesson checks (`playground_wasm::facts`) and the
//! vocabulary (`playground_wasm::vocabulary`) stay with the engine's
//! façade: the page needs them before this module is loaded.

use imap_syntax::{
    Address, BodyStructure, Code, Continue, Data, ESearchItem, Encode, Envelope, FetchValue, Flag,
    FlagPerm, Response, Section, SectionText, SequenceSet, SinglePartKind, StatusItem, StatusKind,
    StatusResponse, parse_response,
};
use serde::Serialize;

mod body;
mod data;
mod status;
#[cfg(test)]
mod tests;

pub use data::{FlagMeanings, flag_meaning, flag_meanings};

use body::*;
use data::*;
use status::*;

/// One named part of a response and what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    /// The part as it appears on the wire, such as `UIDVALIDITY 3857529045`.
    pub term: String,
    /// What it means, in plain words.
    pub meaning: String,
}

/// The explanation of one response line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// A short name for the kind of response, such as `untagged EXPUNGE`.
    pub title: String,
    /// What the response means for this session, one idea per paragraph.
    pub paragraphs: Vec<String>,
    /// The response's parts (code, items, fields) with their meanings.
    pub terms: Vec<Term>,
}

/// What the explainer knows about the session when the line arrived.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    /// Messages in the selected mailbox just before this line, if known.
    pub exists: Option<u32>,
    /// The selected mailbox, if known.
    pub mailbox: Option<String>,
    /// The command the line's tag belongs to, such as `FETCH`, if known.
    pub command: Option<String>,
}

impl Explanation {
    fn new(title: impl Into<String>) -> Self {
        Explanation {
            title: title.into(),
            paragraphs: Vec::new(),
            terms: Vec::new(),
        }
    }

    fn say(&mut self, text: impl Into<String>) {
        self.paragraphs.push(text.into());
    }

    fn term(&mut self, term: impl Into<String>, meaning: impl Into<String>) {
        self.terms.push(Term {
            term: term.into(),
            meaning: meaning.into(),
        });
    }
}

/// Explains the bytes of one whole response (with or without its CRLF).
/// Bytes that do not parse get an explanation of their own.
pub fn explain_bytes(bytes: &[u8], ctx: &Context) -> Explanation {
    let mut owned;
    let bytes = if bytes.ends_with(b"\r\n") {
        bytes
    } else {
        owned = bytes.strip_suffix(b"\n").unwrap_or(bytes).to_vec();
        owned.extend_from_slice(b"\r\n");
        &owned[..]
    };
    match parse_response(bytes) {
        Ok(response) => explain_response(&response, ctx),
        Err(error) => {
            let mut e = Explanation::new("not a response");
            e.say(
                "The response parser stopped on this line, so it is not a response this \
                 playground knows. Lines you typed yourself and notes from the terminal end \
                 up here. So does a real server's answer from an extension the playground \
                 does not speak yet, such as * THREAD (the README's capability \
                 table lists them), and output that breaks the protocol's grammar.",
            );
            e.term("parser", error.to_string());
            e
        }
    }
}

/// Explains one parsed response in the light of `ctx`.
pub fn explain_response(response: &Response, ctx: &Context) -> Explanation {
    match response {
        Response::Status(status) => explain_status(status, ctx),
        Response::Data(data) => explain_data(data, ctx),
        Response::Continue(cont) => explain_continue(cont, ctx),
    }
}

fn mailbox_phrase(ctx: &Context) -> String {
    match &ctx.mailbox {
        Some(m) => format!("the selected mailbox {m}"),
        None => "the selected mailbox".to_owned(),
    }
}

fn set_text(set: &SequenceSet) -> String {
    String::from_utf8_lossy(&set.to_bytes()).into_owned()
}

fn list_text<T: std::fmt::Display>(items: &[T]) -> String {
    if items.is_empty() {
        return "(none)".to_owned();
    }
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}
