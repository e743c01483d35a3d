//! The page's data tools: snapshots of the whole store (persistence across
//! reloads), Reset to the demo data, `.eml`/`.mbox` import and `.mbox`
//! export (mboxrd quoting).

use mailstore::mbox;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::sessions::Sessions;
use crate::{Playground, now_ms, to_js};

/// The result of an import, for the page: `imap_engine::ImportReport`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct ImportReport {
    /// Messages appended.
    pub imported: u32,
    /// One learner-readable sentence per problem.
    pub errors: Vec<String>,
}

impl From<imap_engine::ImportReport> for ImportReport {
    fn from(r: imap_engine::ImportReport) -> Self {
        ImportReport {
            imported: r.imported,
            errors: r.errors,
        }
    }
}

#[wasm_bindgen]
impl Playground {
    /// The whole store as bytes (see `mailstore::snapshot` for the format).
    pub fn snapshot(&self) -> Vec<u8> {
        mailstore::snapshot::write(&imap_engine::lock(self.sessions.store()))
    }

    /// Replaces the store with a snapshot. Every session is closed (ids
    /// start again at 1): open new ones. Throws, changing nothing, when
    /// the bytes are not a readable snapshot.
    pub fn restore(&mut self, bytes: &[u8]) -> Result<(), JsError> {
        let store = mailstore::snapshot::read(bytes).map_err(|e| JsError::new(&e.to_string()))?;
        self.sessions = Sessions::new(store);
        Ok(())
    }

    /// Back to the demo data; every session is closed, as with `restore`.
    #[wasm_bindgen(js_name = resetDemo)]
    pub fn reset_demo(&mut self) {
        self.sessions = Sessions::new(mailstore::demo::demo_store());
    }

    /// Imports mbox bytes (whole messages, starting with a `From ` line)
    /// into `user`'s `mailbox`: `{imported, errors}`. Call it with chunks
    /// cut before `From ` lines to keep the page responsive; `first` is the
    /// number of the chunk's first message, for error texts.
    #[wasm_bindgen(js_name = importMbox)]
    pub fn import_mbox(
        &mut self,
        user: &str,
        mailbox: &str,
        bytes: &[u8],
        first: u32,
    ) -> Result<JsValue, JsError> {
        let report = match mbox::split(bytes) {
            Ok(messages) => imap_engine::import(
                &mut imap_engine::lock(self.sessions.store()),
                user,
                mailbox,
                messages,
                first,
                now_ms() / 1000,
            ),
            Err(why) => imap_engine::ImportReport {
                imported: 0,
                errors: vec![why],
            },
        };
        to_js(&ImportReport::from(report))
    }

    /// Imports one `.eml` message into `user`'s `mailbox`: `{imported, errors}`.
    #[wasm_bindgen(js_name = importEml)]
    pub fn import_eml(
        &mut self,
        user: &str,
        mailbox: &str,
        bytes: &[u8],
    ) -> Result<JsValue, JsError> {
        let report = imap_engine::import(
            &mut imap_engine::lock(self.sessions.store()),
            user,
            mailbox,
            vec![mbox::crlf(bytes)],
            1,
            now_ms() / 1000,
        );
        to_js(&ImportReport::from(report))
    }

    /// `user`'s `mailbox` as mboxrd bytes. Throws if there is no such mailbox.
    #[wasm_bindgen(js_name = exportMbox)]
    pub fn export_mbox(&self, user: &str, mailbox: &str) -> Result<Vec<u8>, JsError> {
        mbox::export(&imap_engine::lock(self.sessions.store()), user, mailbox)
            .ok_or_else(|| JsError::new(&format!("{user} has no mailbox {mailbox:?}")))
    }
}
