//! The prose of the terminal's `help` command: `help.json` beside this
//! crate's `Cargo.toml`, sent to the page as it is (`helpText()`, which
//! `web/teach/help.js` parses once).
//!
//! The syntax and the states of each command come from the engine's
//! vocabulary (`imap_syntax::vocabulary`), and what each flag means from
//! [`crate::flag_meaning`]; the file adds what each word is for, and
//! examples that run when clicked. Its parts:
//!
//! - `commands`: by the name a client writes, `{summary, detail?,
//!   examples?, rfc, answer?}`. Examples have no tag (the terminal adds
//!   one) and run, in order, on the demo data as shipped, logged in as
//!   alice / wonderland with INBOX selected for those that need it
//!   (`tests/browser/help-examples.test.mjs` runs them all). `rfc` names
//!   the section that states the rule the entry teaches, such as
//!   "3501 §6.4.5"; the page links it. `answer` is the status the examples
//!   get when it is not OK (STARTTLS in the sandbox).
//! - `fetch`, `search`, `status`, `list`, `store`: one line for each FETCH
//!   item, SEARCH key ("message set" is the key without a name), STATUS
//!   item, LIST-EXTENDED option and STORE item, by the vocabulary's names.
//! - `tables`: the RFC section of each of those tables' rules.
//!
//! Every word is the project's own. With the explanations in
//! [`crate::explain`], this crate is the one home of the teaching prose.

/// The help prose, as JSON.
pub const HELP_JSON: &str = include_str!("../help.json");

#[cfg(test)]
mod tests {
    use super::HELP_JSON;
    use imap_syntax::vocabulary::{COMMANDS, FETCH_ITEMS, SEARCH_KEYS, STATUS_ITEMS, STORE_ITEMS};

    fn help() -> serde_json::Value {
        serde_json::from_str(HELP_JSON).expect("help.json is JSON")
    }

    #[test]
    fn every_command_of_the_vocabulary_has_help_with_its_rfc() {
        let help = help();
        for c in COMMANDS {
            let name = c.name();
            let entry = help["commands"]
                .get(name)
                .or_else(|| help["commands"].get(name.trim_start_matches("UID ")))
                .unwrap_or_else(|| panic!("no help for {name}"));
            assert!(
                entry["summary"].as_str().is_some_and(|s| s.len() > 20),
                "{name}"
            );
            let rfc = entry["rfc"].as_str().unwrap_or_default();
            assert!(
                rfc.split_once(" §")
                    .is_some_and(|(n, s)| n.parse::<u32>().is_ok() && !s.is_empty()),
                "{name}: rfc {rfc:?}"
            );
        }
    }

    #[test]
    fn every_item_and_key_has_a_line() {
        let help = help();
        for w in FETCH_ITEMS {
            assert!(help["fetch"][w.name].is_string(), "FETCH {}", w.name);
        }
        for w in SEARCH_KEYS {
            assert!(help["search"][w.name].is_string(), "SEARCH {}", w.name);
        }
        for item in STATUS_ITEMS {
            assert!(help["status"][*item].is_string(), "STATUS {item}");
        }
        for item in STORE_ITEMS {
            assert!(help["store"][*item].is_string(), "STORE {item}");
        }
        assert!(help["search"]["message set"].is_string());
    }
}
