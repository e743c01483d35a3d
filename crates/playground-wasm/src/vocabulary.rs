//! The vocabulary for help and completion, as the page receives it:
//! `imap_syntax::vocabulary`'s tables, plus the words the page needs for
//! session states, written once here. What flags mean is teaching prose:
//! `playground_teach::flag_meanings`.

use imap_syntax::vocabulary::{
    COMMANDS, FETCH_ITEMS, LIST_RETURN_OPTIONS, LIST_SELECTION_OPTIONS, SEARCH_KEYS, SECTION_WORDS,
    STATUS_ITEMS, STORE_ITEMS, SYSTEM_FLAGS, StateName,
};
use serde::Serialize;

/// The vocabulary for help: commands with states, and the word lists.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VocabularyView {
    /// `{name, states, syntax, example}` for every command.
    pub commands: Vec<CommandView>,
    /// FETCH items: `{name, syntax, example}`.
    pub fetch_items: Vec<WordView>,
    /// SEARCH keys.
    pub search_keys: Vec<WordView>,
    /// Section specifiers inside `BODY[...]`.
    pub section_words: Vec<WordView>,
    /// STATUS items.
    pub status_items: Vec<&'static str>,
    /// LIST-EXTENDED selection options.
    pub list_selection_options: Vec<&'static str>,
    /// LIST return options (RETURN).
    pub list_return_options: Vec<&'static str>,
    /// STORE items.
    pub store_items: Vec<&'static str>,
    /// System flags.
    pub system_flags: Vec<&'static str>,
    /// Each session state in words, the page's only source for them.
    pub states: Vec<StateWords>,
}

/// A session state in the two ways a sentence needs it.
#[derive(Debug, Clone, Serialize)]
pub struct StateWords {
    /// As `sessionState` names it: `not-authenticated`, `authenticated`,
    /// `selected`, `logout`, or `any` (in a command's list of states).
    pub name: &'static str,
    /// After "allowed": `before logging in`.
    pub when: &'static str,
    /// After "the session is": `not logged in`.
    pub is: &'static str,
}

/// Every state in words (see [`StateWords`]).
const STATE_WORDS: [StateWords; 5] = [
    StateWords {
        name: "not-authenticated",
        when: "before logging in",
        is: "not logged in",
    },
    StateWords {
        name: "authenticated",
        when: "logged in, with no mailbox selected",
        is: "logged in with no mailbox selected",
    },
    StateWords {
        name: "selected",
        when: "with a mailbox selected",
        is: "in a selected mailbox",
    },
    StateWords {
        name: "logout",
        when: "after LOGOUT",
        is: "logged out",
    },
    StateWords {
        name: "any",
        when: "in any state",
        is: "in any state",
    },
];

/// One command for help.
#[derive(Debug, Clone, Serialize)]
pub struct CommandView {
    /// Such as `UID FETCH`.
    pub name: &'static str,
    /// `not-authenticated`, `authenticated`, `selected`, `any`.
    pub states: Vec<&'static str>,
    /// The argument shape.
    pub syntax: &'static str,
    /// An example line.
    pub example: &'static str,
}

/// One word (fetch item, search key) for help.
#[derive(Debug, Clone, Serialize)]
pub struct WordView {
    /// The word.
    pub name: &'static str,
    /// With its arguments.
    pub syntax: &'static str,
    /// As used in a command.
    pub example: &'static str,
}

/// The syntax crate's vocabulary as plain data.
pub fn vocabulary() -> VocabularyView {
    let words = |list: &[imap_syntax::vocabulary::Word]| {
        list.iter()
            .map(|w| WordView {
                name: w.name,
                syntax: w.syntax,
                example: w.example,
            })
            .collect()
    };
    VocabularyView {
        commands: COMMANDS
            .iter()
            .map(|c| CommandView {
                name: c.name(),
                states: c
                    .states()
                    .iter()
                    .map(|s| match s {
                        StateName::NotAuthenticated => "not-authenticated",
                        StateName::Authenticated => "authenticated",
                        StateName::Selected => "selected",
                        StateName::Any => "any",
                    })
                    .collect(),
                syntax: c.syntax,
                example: c.example,
            })
            .collect(),
        fetch_items: words(FETCH_ITEMS),
        search_keys: words(SEARCH_KEYS),
        section_words: words(SECTION_WORDS),
        status_items: STATUS_ITEMS.to_vec(),
        list_selection_options: LIST_SELECTION_OPTIONS.to_vec(),
        list_return_options: LIST_RETURN_OPTIONS.to_vec(),
        store_items: STORE_ITEMS.to_vec(),
        system_flags: SYSTEM_FLAGS.to_vec(),
        states: STATE_WORDS.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_lists_every_command() {
        let v = vocabulary();
        assert_eq!(v.commands.len(), imap_syntax::vocabulary::COMMANDS.len());
        assert!(
            v.commands
                .iter()
                .any(|c| c.name == "FETCH" && c.states == ["selected"])
        );
        assert!(v.search_keys.iter().any(|k| k.name == "UNKEYWORD"));
    }
}
