//! Between the store's model of mail and the wire model of `imap-syntax`:
//! flags, envelopes, body structures and dates.

use imap_syntax::{
    Address, BodyFields, BodyStructure, DateTime, Disposition, Envelope, Flag, MultiPartExtension,
    SinglePartExtension, SinglePartKind,
};
use mailstore::{Addr, Flags, Part, PartKind, SystemFlag};

/// A store flag set as wire flags, system flags first, with `\Recent` when
/// the message is recent in this session, then the keywords in the order
/// and spelling of the mailbox's list (`keywords`, as FLAGS shows it), as
/// Dovecot does: a message's keyword is one of its mailbox's.
pub(crate) fn flags<'k>(
    f: &'k Flags,
    recent: bool,
    keywords: impl Iterator<Item = &'k str>,
) -> Vec<Flag> {
    let mut out = Vec::new();
    flags_into(&mut out, f, recent, keywords);
    out
}

/// [`flags`] into `out`, emptied first: FETCH reuses one vector for
/// every message.
pub(crate) fn flags_into<'k>(
    out: &mut Vec<Flag>,
    f: &'k Flags,
    recent: bool,
    keywords: impl Iterator<Item = &'k str>,
) {
    out.clear();
    out.extend(f.system().map(system_flag));
    if recent {
        out.push(Flag::Recent);
    }
    let wanted = f.keywords().count();
    let mut names: Vec<&str> = Vec::with_capacity(wanted);
    if wanted > 0 {
        names.extend(keywords.filter(|k| f.has_keyword(k)).take(wanted));
    }
    // The mailbox lists every keyword its messages carry; should one be
    // missing all the same, it is shown after the others, never dropped.
    if names.len() < wanted {
        for k in f.keywords() {
            if !names.iter().any(|n| n.eq_ignore_ascii_case(k)) {
                names.push(k);
            }
        }
    }
    for k in names {
        if let Ok(atom) = imap_syntax::Atom::new(k) {
            out.push(Flag::Keyword(atom));
        }
    }
}

/// The wire form of a system flag.
pub(crate) fn system_flag(f: SystemFlag) -> Flag {
    match f {
        SystemFlag::Seen => Flag::Seen,
        SystemFlag::Answered => Flag::Answered,
        SystemFlag::Flagged => Flag::Flagged,
        SystemFlag::Deleted => Flag::Deleted,
        SystemFlag::Draft => Flag::Draft,
    }
}

/// Why a flag cannot be stored by a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FlagError {
    /// `\Recent` is the server's.
    Recent,
    /// `\Something` that IMAP does not define.
    UnknownSystem(String),
}

impl FlagError {
    /// The text of the BAD response.
    pub(crate) fn text(&self) -> String {
        match self {
            FlagError::Recent => {
                "\\Recent is set by the server and cannot be stored: use \\Seen, \\Answered, \\Flagged, \\Deleted, \\Draft or a keyword".to_string()
            }
            FlagError::UnknownSystem(name) => format!(
                "\\{name} is not a system flag: use \\Seen, \\Answered, \\Flagged, \\Deleted, \\Draft, or a keyword without a backslash"
            ),
        }
    }
}

/// Wire flags as a store flag set, refusing the ones a client may not store.
pub(crate) fn to_store_flags(list: &[Flag]) -> Result<Flags, FlagError> {
    let mut out = Flags::new();
    for f in list {
        match f {
            Flag::Seen => out.insert(SystemFlag::Seen),
            Flag::Answered => out.insert(SystemFlag::Answered),
            Flag::Flagged => out.insert(SystemFlag::Flagged),
            Flag::Deleted => out.insert(SystemFlag::Deleted),
            Flag::Draft => out.insert(SystemFlag::Draft),
            Flag::Recent => return Err(FlagError::Recent),
            Flag::Keyword(k) => out.insert_keyword(k.as_str()),
            Flag::Extension(a) => return Err(FlagError::UnknownSystem(a.as_str().to_string())),
        }
    }
    Ok(out)
}

/// A message's internal date as a wire date-time. The store accepts any
/// number; dates outside years 1..=9999 are clamped so that the answer is
/// always valid IMAP.
pub(crate) fn internal_date(unix: i64, zone: i16) -> Option<DateTime> {
    const MIN: i64 = -62_135_596_800 + 2 * 86_400; // 3-Jan-0001
    const MAX: i64 = 253_402_300_799 - 2 * 86_400; // 29-Dec-9999
    let zone = zone.clamp(-1439, 1439);
    DateTime::from_unix(unix.clamp(MIN, MAX), zone).ok()
}

fn addr(a: &Addr) -> Address {
    Address {
        name: a.name.clone(),
        adl: a.adl.clone(),
        mailbox: a.mailbox.clone(),
        host: a.host.clone(),
    }
}

fn addrs(list: &[Addr]) -> Vec<Address> {
    list.iter().map(addr).collect()
}

/// The wire ENVELOPE of an analysed envelope.
pub(crate) fn envelope(e: &mailstore::Envelope) -> Envelope {
    Envelope {
        date: e.date.clone(),
        subject: e.subject.clone(),
        from: addrs(&e.from),
        sender: addrs(&e.sender),
        reply_to: addrs(&e.reply_to),
        to: addrs(&e.to),
        cc: addrs(&e.cc),
        bcc: addrs(&e.bcc),
        in_reply_to: e.in_reply_to.clone(),
        message_id: e.message_id.clone(),
    }
}

/// Media types, subtypes, encodings and parameter names are written in the
/// case the message uses, as Dovecot does (IMAP compares them case-insensitively).
fn upper(s: &str) -> String {
    s.to_string()
}

fn params(p: &[(String, String)]) -> Vec<(String, String)> {
    p.iter().map(|(k, v)| (upper(k), v.clone())).collect()
}

fn disposition(d: &Option<(String, Vec<(String, String)>)>) -> Option<Disposition> {
    d.as_ref().map(|(kind, p)| Disposition {
        kind: upper(kind),
        params: params(p),
    })
}

/// The wire body structure of a part: with extension data for
/// BODYSTRUCTURE (`extended`), without for BODY.
pub(crate) fn body_structure(part: &Part, extended: bool) -> BodyStructure {
    match &part.kind {
        PartKind::Multipart(children) if !children.is_empty() => BodyStructure::Multi {
            parts: children
                .iter()
                .map(|c| body_structure(c, extended))
                .collect(),
            subtype: upper(&part.subtype),
            extension: extended.then(|| MultiPartExtension {
                params: params(&part.params),
                disposition: disposition(&part.disposition),
                language: part.language.clone(),
                location: part.location.clone(),
            }),
        },
        kind => {
            let fields = BodyFields {
                media_type: upper(&part.media_type),
                subtype: upper(&part.subtype),
                params: params(&part.params),
                id: part.id.clone(),
                description: part.description.clone(),
                encoding: upper(&part.encoding),
                octets: u32::try_from(part.body.len()).unwrap_or(u32::MAX),
            };
            let specific = match kind {
                PartKind::Message {
                    envelope: env,
                    inner,
                } => SinglePartKind::Message {
                    envelope: Box::new(envelope(env)),
                    body: Box::new(body_structure(inner, extended)),
                    lines: part.lines,
                },
                _ if part.media_type.eq_ignore_ascii_case("text") => {
                    SinglePartKind::Text { lines: part.lines }
                }
                _ => SinglePartKind::Basic,
            };
            BodyStructure::Single {
                fields,
                specific,
                extension: extended.then(|| SinglePartExtension {
                    md5: part.md5.clone(),
                    disposition: disposition(&part.disposition),
                    language: part.language.clone(),
                    location: part.location.clone(),
                }),
            }
        }
    }
}
