//! LIST-EXTENDED values (RFC 5258) for the round-trip properties.

use imap_syntax::*;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

use super::{list_name, status_item, text_string};

/// What LIST-EXTENDED adds: RECURSIVEMATCH only beside SUBSCRIBED, more
/// patterns only in parentheses, so that the value reads back the same.
pub fn list_extended() -> impl Strategy<Value = ListExtended> {
    let pattern = || list_name(prop_oneof![text_string(), "[A-Za-z/%*.]{1,10}"].boxed());
    let selection = prop::sample::select(vec![
        vec![],
        vec![ListSelection::Subscribed],
        vec![ListSelection::Remote],
        vec![ListSelection::RecursiveMatch, ListSelection::Subscribed],
        vec![
            ListSelection::Subscribed,
            ListSelection::Remote,
            ListSelection::RecursiveMatch,
        ],
    ]);
    let ret = prop_oneof![
        Just(ListReturn::Subscribed),
        Just(ListReturn::Children),
        Just(ListReturn::SpecialUse),
        vec(status_item(), 1..4).prop_map(ListReturn::Status),
    ];
    (
        selection,
        any::<bool>(),
        vec(pattern(), 0..3),
        option::of(vec(ret, 0..4)),
    )
        .prop_map(|(selection, parens, more_patterns, returns)| ListExtended {
            selection,
            patterns_parenthesized: parens || !more_patterns.is_empty(),
            more_patterns,
            returns,
        })
}
