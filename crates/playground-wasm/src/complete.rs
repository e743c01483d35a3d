//! Tab completion for the terminal, driven by `imap_syntax::vocabulary`
//! (whose words the syntax crate's tests parse), so a suggestion is never
//! a word the parser refuses. Mailbox names come from the store, for the
//! session's user.

use imap_syntax::vocabulary::{
    COMMANDS, FETCH_ITEMS, FETCH_MODIFIERS, LIST_RETURN_OPTIONS, LIST_SELECTION_OPTIONS,
    SEARCH_KEYS, SEARCH_RETURN_OPTIONS, SECTION_WORDS, SELECT_PARAMS, SORT_CRITERIA, SPECIAL_USES,
    STATUS_ITEMS, STORE_ITEMS, STORE_MODIFIERS, SYSTEM_FLAGS, quote_mailbox,
};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::check::utf16_column;
use crate::sessions::Sessions;
use crate::{Playground, no_session, to_js};

/// What Tab offers: replace the line from `replace_from` (UTF-16 index) up
/// to the cursor with one of `candidates` (sorted, no duplicates; empty
/// when nothing fits).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Completion {
    /// Where the word being completed starts, in UTF-16 code units.
    pub replace_from: u32,
    /// The words that fit, as they should be written.
    pub candidates: Vec<String>,
}

/// Which kind of word fits at the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Command,
    UidCommand,
    Mailbox,
    FetchItem,
    Section,
    SearchKey,
    /// The first word after SEARCH: a key, or RETURN.
    SearchFirst,
    /// Inside SEARCH's RETURN (...).
    SearchReturn,
    /// Inside SORT's criteria.
    SortCriterion,
    StoreItem,
    Flag,
    StatusItem,
    ListSelection,
    ListReturn,
    CreateUse,
    SpecialUse,
    SelectParam,
    FetchModifier,
    StoreModifier,
    Nothing,
}

/// Completes `line` at `cursor` (a UTF-16 index, as JavaScript counts),
/// offering `mailboxes` where a mailbox name fits.
pub fn complete(line: &str, cursor: u32, mailboxes: &[String]) -> Completion {
    let end = byte_offset(line, cursor);
    let before = line.get(..end).unwrap_or(line);
    let start = word_start(before);
    let prefix = before.get(start..).unwrap_or("");
    let head = before.get(..start).unwrap_or("");
    let slot = slot(head);
    let words: Vec<String> = match slot {
        Slot::Command => {
            let mut v: Vec<String> = COMMANDS
                .iter()
                .map(|c| c.name().split(' ').next().unwrap_or(c.name()).to_owned())
                .collect();
            v.push("UID".to_owned());
            v
        }
        Slot::UidCommand => COMMANDS
            .iter()
            .filter_map(|c| c.name().strip_prefix("UID "))
            .map(str::to_owned)
            .collect(),
        Slot::Mailbox => mailboxes.iter().map(|m| quote_mailbox(m)).collect(),
        Slot::FetchItem => FETCH_ITEMS.iter().map(|w| w.name.to_owned()).collect(),
        Slot::Section => SECTION_WORDS.iter().map(|w| w.name.to_owned()).collect(),
        Slot::SearchKey => SEARCH_KEYS.iter().map(|w| w.name.to_owned()).collect(),
        Slot::SearchFirst => SEARCH_KEYS
            .iter()
            .map(|w| w.name)
            .chain(["RETURN"])
            .map(str::to_owned)
            .collect(),
        Slot::SearchReturn => SEARCH_RETURN_OPTIONS
            .iter()
            .map(|w| (*w).to_owned())
            .collect(),
        Slot::SortCriterion => SORT_CRITERIA.iter().map(|w| (*w).to_owned()).collect(),
        Slot::StoreItem => STORE_ITEMS.iter().map(|w| (*w).to_owned()).collect(),
        Slot::Flag => SYSTEM_FLAGS
            .iter()
            .filter(|f| **f != "\\Recent")
            .map(|w| (*w).to_owned())
            .collect(),
        Slot::StatusItem => STATUS_ITEMS.iter().map(|w| (*w).to_owned()).collect(),
        Slot::CreateUse => vec!["USE".to_owned()],
        Slot::SpecialUse => SPECIAL_USES.iter().map(|w| (*w).to_owned()).collect(),
        Slot::ListSelection => LIST_SELECTION_OPTIONS
            .iter()
            .map(|w| (*w).to_owned())
            .collect(),
        Slot::ListReturn => LIST_RETURN_OPTIONS
            .iter()
            .map(|w| (*w).to_owned())
            .collect(),
        Slot::SelectParam => SELECT_PARAMS.iter().map(|w| w.name.to_owned()).collect(),
        Slot::FetchModifier => FETCH_MODIFIERS.iter().map(|w| w.name.to_owned()).collect(),
        Slot::StoreModifier => STORE_MODIFIERS.iter().map(|w| w.name.to_owned()).collect(),
        Slot::Nothing => Vec::new(),
    };
    let mut candidates: Vec<String> = words
        .into_iter()
        .filter(|w| starts_with_ignore_case(w, prefix))
        .collect();
    // Unstable: equal strings are alike, and the module already has this
    // sort for strings (the snapshot reader's); a stable one is 4 KB more.
    candidates.sort_unstable();
    candidates.dedup();
    Completion {
        replace_from: utf16_column(line, start),
        candidates,
    }
}

/// The byte offset of UTF-16 index `cursor` (clamped to the line).
fn byte_offset(line: &str, cursor: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in line.char_indices() {
        if units >= cursor {
            return i;
        }
        units = units.saturating_add(u32::try_from(c.len_utf16()).unwrap_or(2));
    }
    line.len()
}

/// Where the word before the cursor starts: after the last space or
/// bracket, or at an unclosed double quote.
fn word_start(before: &str) -> usize {
    let mut in_quote = None;
    let mut escaped = false;
    for (i, c) in before.char_indices() {
        if in_quote.is_some() {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_quote = None;
            }
        } else if c == '"' {
            in_quote = Some(i);
        }
    }
    if let Some(q) = in_quote {
        return q;
    }
    before
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ' ' | '(' | ')' | '[' | ']' | '<'))
        .map_or(0, |(i, c)| i.saturating_add(c.len_utf8()))
}

fn is_command(word: &str) -> bool {
    word.eq_ignore_ascii_case("UID")
        || COMMANDS
            .iter()
            .any(|c| c.name().split(' ').next() == Some(&word.to_ascii_uppercase()))
}

/// The kind of word that fits after `head` (the line up to the word).
fn slot(head: &str) -> Slot {
    let mut tokens = head.split_whitespace();
    let Some(first) = tokens.next() else {
        return Slot::Command;
    };
    // A line that starts with a command name gets an automatic tag.
    let command = if is_command(first) {
        first.to_ascii_uppercase()
    } else {
        match tokens.next() {
            Some(c) => c.to_ascii_uppercase(),
            None if head.ends_with(char::is_whitespace) => return Slot::Command,
            None => return Slot::Nothing,
        }
    };
    // The rest of the line after the command word.
    let after = {
        let at = head
            .to_ascii_uppercase()
            .find(&command)
            .map_or(head.len(), |i| i.saturating_add(command.len()));
        head.get(at..).unwrap_or("")
    };
    if after.is_empty() {
        // Still typing the command word itself: not a completion slot here.
        return Slot::Nothing;
    }
    let (command, after) = if command == "UID" {
        let rest = after.trim_start();
        let Some(sub) = rest.split_whitespace().next() else {
            return Slot::UidCommand;
        };
        let tail = rest.get(sub.len()..).unwrap_or("");
        if tail.is_empty() {
            return Slot::Nothing;
        }
        (sub.to_ascii_uppercase(), tail)
    } else {
        (command, after)
    };
    let scan = Scan::of(after);
    if scan.in_quote {
        return if mailbox_arg(&command, scan.arg) {
            Slot::Mailbox
        } else {
            Slot::Nothing
        };
    }
    match command.as_str() {
        "SELECT" | "EXAMINE" | "CREATE" | "DELETE" | "SUBSCRIBE" | "UNSUBSCRIBE" | "RENAME"
        | "STATUS" | "APPEND" | "LIST" | "LSUB" | "COPY" | "MOVE"
            if mailbox_arg(&command, scan.arg) && scan.parens == 0 =>
        {
            Slot::Mailbox
        }
        "STATUS" if scan.parens > 0 => Slot::StatusItem,
        // CONDSTORE's parameter, modifiers: SELECT INBOX (CONDSTORE),
        // FETCH set items (CHANGEDSINCE n), STORE set (UNCHANGEDSINCE n) ...
        "SELECT" | "EXAMINE" if scan.parens == 1 && scan.arg == 1 => Slot::SelectParam,
        "FETCH" if scan.parens == 1 && scan.arg == 2 => Slot::FetchModifier,
        "STORE" if scan.parens == 1 && scan.arg == 1 => Slot::StoreModifier,
        "STORE" if scan.arg >= 2 && store_modifier_given(after) => {
            if scan.arg == 2 {
                Slot::StoreItem
            } else {
                Slot::Flag
            }
        }
        "CREATE" if scan.parens == 1 => Slot::CreateUse,
        "CREATE" if scan.parens >= 2 => Slot::SpecialUse,
        // LIST-EXTENDED: (selection) first, RETURN (options) last, with
        // STATUS (items) inside.
        "LIST" if scan.parens > 0 => {
            if after.to_ascii_uppercase().contains(" RETURN ") {
                if scan.parens >= 2 {
                    Slot::StatusItem
                } else {
                    Slot::ListReturn
                }
            } else if scan.arg == 0 {
                Slot::ListSelection
            } else {
                Slot::Nothing
            }
        }
        "APPEND" if scan.parens > 0 => Slot::Flag,
        // BINARY[...] takes part numbers only: no section words.
        "FETCH" if scan.brackets > 0 && in_binary_brackets(after) => Slot::Nothing,
        "FETCH" if scan.brackets > 0 => Slot::Section,
        "FETCH" if scan.arg >= 1 => Slot::FetchItem,
        // ESEARCH: RETURN (options) before the keys.
        "SEARCH" if scan.arg == 1 && scan.parens > 0 => {
            if after
                .trim_start()
                .to_ascii_uppercase()
                .starts_with("RETURN ")
            {
                Slot::SearchReturn
            } else {
                Slot::SearchKey
            }
        }
        // SORT [RETURN (options)] (criteria) charset keys.
        "SORT" => {
            let returns = after
                .trim_start()
                .to_ascii_uppercase()
                .starts_with("RETURN ");
            match (scan.parens > 0, returns, scan.arg) {
                (true, true, 1) => Slot::SearchReturn,
                (true, _, _) => Slot::SortCriterion,
                (false, false, 2..) | (false, true, 4..) => Slot::SearchKey,
                _ => Slot::Nothing,
            }
        }
        "SEARCH" if scan.arg == 0 => Slot::SearchFirst,
        "SEARCH" => Slot::SearchKey,
        "STORE" if scan.arg == 1 => Slot::StoreItem,
        "STORE" if scan.arg >= 2 => Slot::Flag,
        _ => Slot::Nothing,
    }
}

/// Whether a STORE's second argument is a parenthesized modifier (`STORE 1
/// (UNCHANGEDSINCE 5) +FLAGS ...`), which moves the item and flags one on.
fn store_modifier_given(args: &str) -> bool {
    args.split_whitespace()
        .nth(1)
        .is_some_and(|t| t.starts_with('('))
}

/// Whether the last `[` of `after` opens a BINARY, BINARY.PEEK or
/// BINARY.SIZE section (RFC 3516).
fn in_binary_brackets(after: &str) -> bool {
    let Some(open) = after.rfind('[') else {
        return false;
    };
    let before = after.get(..open).unwrap_or_default();
    let start = before
        .rfind(|c: char| c.is_whitespace() || c == '(')
        .map_or(0, |i| i + 1);
    before
        .get(start..)
        .is_some_and(|w| w.to_ascii_uppercase().starts_with("BINARY"))
}

/// Whether argument `arg` (0-based) of `command` is a mailbox name.
fn mailbox_arg(command: &str, arg: usize) -> bool {
    match command {
        "SELECT" | "EXAMINE" | "CREATE" | "DELETE" | "SUBSCRIBE" | "UNSUBSCRIBE" | "STATUS"
        | "APPEND" => arg == 0,
        "RENAME" => arg <= 1,
        "LIST" | "LSUB" | "COPY" | "MOVE" => arg == 1,
        _ => false,
    }
}

/// Where the cursor is among a command's arguments.
#[derive(Debug, Default)]
struct Scan {
    /// The 0-based argument the cursor is in.
    arg: usize,
    /// Open parentheses.
    parens: u32,
    /// Open square brackets.
    brackets: u32,
    /// Inside a quoted string.
    in_quote: bool,
}

impl Scan {
    fn of(args: &str) -> Scan {
        let mut s = Scan::default();
        let mut count = 0usize;
        let mut in_token = false;
        let mut escaped = false;
        for c in args.chars() {
            if s.in_quote {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    s.in_quote = false;
                }
                continue;
            }
            let top = s.parens == 0 && s.brackets == 0;
            if c.is_whitespace() {
                if top {
                    in_token = false;
                }
                continue;
            }
            if top && !in_token {
                count = count.saturating_add(1);
                in_token = true;
            }
            match c {
                '"' => s.in_quote = true,
                '(' => s.parens = s.parens.saturating_add(1),
                ')' => s.parens = s.parens.saturating_sub(1),
                '[' => s.brackets = s.brackets.saturating_add(1),
                ']' => s.brackets = s.brackets.saturating_sub(1),
                _ => {}
            }
        }
        // Inside a group or a quote, the cursor is in the last token;
        // otherwise it starts the next one.
        s.arg = if s.parens > 0 || s.brackets > 0 || s.in_quote || in_token {
            count.saturating_sub(1)
        } else {
            count
        };
        s
    }
}

fn starts_with_ignore_case(word: &str, prefix: &str) -> bool {
    word.len() >= prefix.len()
        && word
            .get(..prefix.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(prefix))
}

/// The mailbox names of session `id`'s user (empty before login).
pub fn mailbox_names(sessions: &Sessions, id: u32) -> Option<Vec<String>> {
    let session = sessions.session(id)?;
    let Some(user) = session.user() else {
        return Some(Vec::new());
    };
    let store = imap_engine::lock(sessions.store());
    Some(
        store
            .account(user)
            .map(|a| a.mailboxes().map(|(n, _)| n.to_owned()).collect())
            .unwrap_or_default(),
    )
}

#[wasm_bindgen]
impl Playground {
    /// Tab completion for session `id`: `{replaceFrom, candidates}` for
    /// `line` with the cursor at UTF-16 index `cursor`. Command names,
    /// mailbox names of the logged-in user, FETCH items, body sections,
    /// SEARCH keys, STORE items, flags and STATUS items.
    pub fn complete(&self, id: u32, line: &str, cursor: u32) -> Result<JsValue, JsError> {
        let names = mailbox_names(&self.sessions, id).ok_or_else(|| no_session(id))?;
        to_js(&complete(line, cursor, &names))
    }

    /// A mailbox name as a command argument: an atom when it is one, else
    /// quoted (`imap_syntax::vocabulary::quote_mailbox`, the one rule the
    /// completion, the inspector and the APPEND composer share).
    #[wasm_bindgen(js_name = quoteMailbox)]
    pub fn quote_mailbox(&self, name: &str) -> String {
        quote_mailbox(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<String> {
        ["INBOX", "Archive", "Archive/2025", "My Stuff", "test"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect()
    }

    fn at_end(line: &str) -> Completion {
        let n = u32::try_from(line.encode_utf16().count()).unwrap_or(0);
        complete(line, n, &names())
    }

    fn cands(line: &str) -> Vec<String> {
        at_end(line).candidates
    }

    #[test]
    fn command_names_with_and_without_a_tag() {
        assert_eq!(cands("a1 SEL"), vec!["SELECT"]);
        assert_eq!(cands("sel"), vec!["SELECT"]);
        assert_eq!(at_end("a1 SEL").replace_from, 3);
        let all = cands("a1 ");
        assert!(all.contains(&"LOGIN".to_owned()) && all.contains(&"UID".to_owned()));
        assert_eq!(cands("a1 UID F"), vec!["FETCH"]);
        assert_eq!(cands("a1 S").len(), 7, "{:?}", cands("a1 S"));
    }

    #[test]
    fn mailbox_names_where_a_mailbox_fits() {
        assert_eq!(cands("a1 SELECT in"), vec!["INBOX"]);
        assert_eq!(cands("a1 SELECT Ar"), vec!["Archive", "Archive/2025"]);
        assert_eq!(cands("a1 SELECT \"My"), vec!["\"My Stuff\""]);
        assert_eq!(at_end("a1 SELECT \"My").replace_from, 10);
        assert_eq!(cands("a1 COPY 1:3 t"), vec!["test"]);
        assert_eq!(cands("a1 UID MOVE 4 t"), vec!["test"]);
        assert!(
            cands("a1 COPY t").is_empty(),
            "the first COPY argument is a set"
        );
        assert_eq!(cands("a1 LIST \"\" A").len(), 2);
        assert_eq!(cands("STATUS te"), vec!["test"]);
    }

    #[test]
    fn fetch_items_and_sections() {
        assert_eq!(cands("a1 FETCH 1:* (FLAGS ENV"), vec!["ENVELOPE"]);
        assert_eq!(cands("a1 FETCH 1 BODY.P"), vec!["BODY.PEEK["]);
        assert_eq!(
            cands("a1 FETCH 1 (BODY[HEADER.F"),
            vec!["HEADER.FIELDS", "HEADER.FIELDS.NOT"]
        );
        assert!(cands("a1 FETCH 1").is_empty(), "a sequence set comes first");
        assert_eq!(cands("a1 UID FETCH 1:* RFC822.S"), vec!["RFC822.SIZE"]);
        assert_eq!(cands("a1 FETCH 1 (FLAGS BINARY.P"), vec!["BINARY.PEEK["]);
        assert!(
            cands("a1 FETCH 1 BINARY.PEEK[H").is_empty(),
            "BINARY takes part numbers, not HEADER"
        );
        assert_eq!(
            cands("a1 FETCH 1 (BINARY[1] BODY[HEADER.F"),
            vec!["HEADER.FIELDS", "HEADER.FIELDS.NOT"]
        );
    }

    #[test]
    fn search_keys_flags_and_status_items() {
        assert_eq!(cands("a1 SEARCH UNSE"), vec!["UNSEEN"]);
        assert_eq!(cands("a1 SEARCH NOT FL"), vec!["FLAGGED"]);
        assert_eq!(cands("a1 STORE 1 +FL"), vec!["+FLAGS", "+FLAGS.SILENT"]);
        assert_eq!(cands("a1 STORE 1 +FLAGS (\\Se"), vec!["\\Seen"]);
        assert_eq!(at_end("a1 STORE 1 +FLAGS (\\Se").replace_from, 19);
        assert!(!cands("a1 STORE 1 FLAGS (").contains(&"\\Recent".to_owned()));
        assert_eq!(cands("a1 STATUS INBOX (MESS"), vec!["MESSAGES"]);
        assert_eq!(cands("a1 STATUS INBOX (MESSAGES SI"), vec!["SIZE"]);
        assert_eq!(
            cands("a1 LIST (SUBSCRIBED RE"),
            vec!["RECURSIVEMATCH", "REMOTE"]
        );
        assert_eq!(cands("a1 LIST \"\" * RETURN (CH"), vec!["CHILDREN"]);
        assert_eq!(cands("a1 CREATE Old (U"), vec!["USE"]);
        assert_eq!(cands("a1 CREATE Old (USE (\\Ar"), vec!["\\Archive"]);
        assert_eq!(cands("a1 LIST \"\" * RETURN (STATUS (UN"), vec!["UNSEEN"]);
        assert_eq!(cands("a1 APPEND INBOX (\\Dr"), vec!["\\Draft"]);
        assert_eq!(cands("a1 SEARCH RE"), vec!["RECENT", "RETURN"]);
        assert_eq!(cands("a1 SEARCH RETURN (M"), vec!["MAX", "MIN"]);
        assert_eq!(cands("a1 UID SEARCH RETURN (MIN S"), vec!["SAVE"]);
        assert_eq!(cands("a1 SEARCH RETURN (COUNT) YO"), vec!["YOUNGER"]);
        assert_eq!(cands("a1 SEARCH RETURN (COUNT) RE"), vec!["RECENT"]);
        assert_eq!(cands("a1 SEARCH (SEEN O"), vec!["OLD", "OLDER", "ON", "OR"]);
    }

    #[test]
    fn sort_criteria_return_options_and_keys() {
        assert_eq!(cands("a1 SO"), vec!["SORT"]);
        assert_eq!(cands("a1 SORT (RE"), vec!["REVERSE"]);
        assert_eq!(cands("a1 SORT (REVERSE DA"), vec!["DATE"]);
        assert_eq!(
            cands("a1 UID SORT (DISPLAY"),
            vec!["DISPLAYFROM", "DISPLAYTO"]
        );
        assert_eq!(cands("a1 SORT RETURN (CO"), vec!["CONTEXT", "COUNT"]);
        assert_eq!(cands("a1 SORT RETURN (COUNT) (SI"), vec!["SIZE"]);
        assert_eq!(cands("a1 SORT (DATE) UTF-8 UNSE"), vec!["UNSEEN"]);
        assert_eq!(
            cands("a1 SORT RETURN (MIN) (DATE) UTF-8 FLAG"),
            vec!["FLAGGED"]
        );
        assert!(cands("a1 SORT (DATE) UT").is_empty());
    }

    #[test]
    fn condstore_parameter_modifiers_and_items() {
        assert_eq!(cands("a1 SELECT INBOX (C"), vec!["CONDSTORE"]);
        assert_eq!(cands("a1 EXAMINE INBOX ("), vec!["CONDSTORE", "QRESYNC"]);
        assert_eq!(cands("a1 SELECT INBOX (QR"), vec!["QRESYNC"]);
        assert_eq!(
            cands("a1 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 5 VAN"),
            vec!["VANISHED"]
        );
        assert_eq!(cands("a1 FETCH 1:* (FLAGS MOD"), vec!["MODSEQ"]);
        assert_eq!(cands("a1 FETCH 1:* (FLAGS) (CH"), vec!["CHANGEDSINCE"]);
        assert_eq!(cands("a1 UID FETCH 1:* FLAGS (CH"), vec!["CHANGEDSINCE"]);
        assert_eq!(cands("a1 STORE 1 (UN"), vec!["UNCHANGEDSINCE"]);
        assert_eq!(
            cands("a1 STORE 1 (UNCHANGEDSINCE 5) +FL"),
            vec!["+FLAGS", "+FLAGS.SILENT"]
        );
        assert_eq!(
            cands("a1 UID STORE 1 (UNCHANGEDSINCE 5) +FLAGS (\\Dr"),
            vec!["\\Draft"]
        );
        assert_eq!(cands("a1 SEARCH MOD"), vec!["MODSEQ"]);
        assert_eq!(cands("a1 STATUS INBOX (HIGH"), vec!["HIGHESTMODSEQ"]);
    }

    #[test]
    fn odd_input_never_panics() {
        for line in [
            "",
            " ",
            "\"",
            "a1 \"",
            "((((",
            "a1 FETCH ]]]",
            "é SELECT é",
            "a1 UID ",
        ] {
            for cursor in 0..12 {
                let _ = complete(line, cursor, &names());
            }
        }
        // The cursor in the middle: only the text before it counts.
        let c = complete("a1 SEL INBOX", 6, &names());
        assert_eq!(
            (c.replace_from, c.candidates),
            (3, vec!["SELECT".to_owned()])
        );
        // UTF-16 columns.
        assert_eq!(at_end("é1 SELECT t").replace_from, 10);
    }

    #[test]
    fn every_candidate_parses_in_its_slot() {
        for item in cands("a1 FETCH 1 ") {
            let line = if item.ends_with('[') {
                format!("a1 FETCH 1 {item}]\r\n")
            } else {
                format!("a1 FETCH 1 {item}\r\n")
            };
            assert!(
                imap_syntax::parse_command(line.as_bytes()).is_ok(),
                "{line}"
            );
        }
        for key in cands("a1 SEARCH ") {
            let example = SEARCH_KEYS
                .iter()
                .find(|w| w.name == key)
                .map_or(format!("{key} () ALL"), |w| w.example.to_owned());
            let line = format!("a1 SEARCH {example}\r\n");
            assert!(
                imap_syntax::parse_command(line.as_bytes()).is_ok(),
                "{line}"
            );
        }
        for flag in cands("a1 STORE 1 FLAGS (") {
            let line = format!("a1 STORE 1 FLAGS ({flag})\r\n");
            assert!(
                imap_syntax::parse_command(line.as_bytes()).is_ok(),
                "{line}"
            );
        }
    }
}
