//! Inside FETCH answers: envelopes, addresses, body sections and the
//! parts of a BODYSTRUCTURE, numbered as a client would ask for them.

use super::*;

pub(super) fn nstring_text(value: &Option<Vec<u8>>) -> String {
    match value {
        Some(bytes) => format!("“{}”", String::from_utf8_lossy(bytes)),
        None => "NIL (absent)".to_owned(),
    }
}

pub(super) fn address_text(list: &[Address]) -> String {
    if list.is_empty() {
        return "NIL (nobody)".to_owned();
    }
    list.iter()
        .map(|a| {
            let mailbox = a.mailbox.as_deref().map(String::from_utf8_lossy);
            let host = a.host.as_deref().map(String::from_utf8_lossy);
            let name = a.name.as_deref().map(String::from_utf8_lossy);
            match (mailbox, host) {
                (Some(m), Some(h)) => match name {
                    Some(n) => format!("{n} <{m}@{h}>"),
                    None => format!("{m}@{h}"),
                },
                (Some(group), None) => format!("group “{group}” begins"),
                (None, _) => "group ends".to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn explain_envelope(env: &Envelope, prefix: &str, e: &mut Explanation) {
    e.term(
        format!("{prefix}date"),
        format!(
            "{}: the Date header, as the sender wrote it",
            nstring_text(&env.date)
        ),
    );
    e.term(
        format!("{prefix}subject"),
        format!(
            "{}: the Subject header (encoded words left as they are)",
            nstring_text(&env.subject)
        ),
    );
    e.term(
        format!("{prefix}from"),
        format!("{}: who wrote it", address_text(&env.from)),
    );
    e.term(
        format!("{prefix}sender"),
        format!(
            "{}: who sent it (the server copies From when there is no Sender header)",
            address_text(&env.sender)
        ),
    );
    e.term(
        format!("{prefix}reply-to"),
        format!(
            "{}: where replies go (From when there is no Reply-To)",
            address_text(&env.reply_to)
        ),
    );
    e.term(format!("{prefix}to"), address_text(&env.to));
    e.term(format!("{prefix}cc"), address_text(&env.cc));
    e.term(format!("{prefix}bcc"), address_text(&env.bcc));
    e.term(
        format!("{prefix}in-reply-to"),
        format!(
            "{}: the Message-ID this one answers",
            nstring_text(&env.in_reply_to)
        ),
    );
    e.term(
        format!("{prefix}message-id"),
        format!(
            "{}: the message's world-unique name",
            nstring_text(&env.message_id)
        ),
    );
}

pub(super) fn section_text(section: &Section) -> String {
    let mut parts: Vec<String> = section.part.iter().map(ToString::to_string).collect();
    if let Some(text) = &section.text {
        parts.push(match text {
            SectionText::Header => "HEADER".to_owned(),
            SectionText::HeaderFields(names) => format!("HEADER.FIELDS ({})", names.join(" ")),
            SectionText::HeaderFieldsNot(names) => {
                format!("HEADER.FIELDS.NOT ({})", names.join(" "))
            }
            SectionText::Text => "TEXT".to_owned(),
            SectionText::Mime => "MIME".to_owned(),
        });
    }
    parts.join(".")
}

pub(super) fn section_meaning(section: &Section) -> String {
    let part = if section.part.is_empty() {
        "the message".to_owned()
    } else {
        format!(
            "part {}",
            section
                .part
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(".")
        )
    };
    match &section.text {
        None if section.part.is_empty() => {
            "the whole message, headers and body, as stored".to_owned()
        }
        None => format!("the content of {part}, still in its transfer encoding"),
        Some(SectionText::Header) => format!("all header lines of {part}"),
        Some(SectionText::HeaderFields(names)) => {
            format!("only the {} header lines of {part}", names.join(", "))
        }
        Some(SectionText::HeaderFieldsNot(names)) => {
            format!("every header line of {part} except {}", names.join(", "))
        }
        Some(SectionText::Text) => format!("the body of {part}, without its header"),
        Some(SectionText::Mime) => {
            format!("the MIME header lines of {part} (Content-Type and friends)")
        }
    }
}

/// A BINARY part path as written: `1.2`, empty for the whole message.
fn part_path(section: &[u32]) -> String {
    section
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

/// A BINARY part path in words.
fn part_name(section: &[u32]) -> String {
    if section.is_empty() {
        "the whole message".to_owned()
    } else {
        format!("part {}", part_path(section))
    }
}

pub(super) fn explain_fetch_value(item: &FetchValue, seq: u32, e: &mut Explanation) {
    match item {
        FetchValue::Flags(flags) => {
            e.term(format!("FLAGS ({})", list_text(flags)), format!("message {seq} has {}", flags_meaning(flags)));
        }
        FetchValue::InternalDate(date) => e.term(
            format!("INTERNALDATE \"{date}\""),
            "when the message arrived in this mailbox (what SINCE, BEFORE and ON search)".to_owned(),
        ),
        FetchValue::Rfc822Size(n) => e.term(
            format!("RFC822.SIZE {n}"),
            format!("message {seq} is {n} bytes long, headers included (what LARGER and SMALLER compare)"),
        ),
        FetchValue::Envelope(env) => {
            e.term("ENVELOPE", format!("the main headers of message {seq}, already parsed, in a fixed order:"));
            explain_envelope(env, "", e);
        }
        FetchValue::Body(body) => {
            e.term("BODY", format!("the MIME structure of message {seq}, short form (no extension data):"));
            explain_structure(body, "", e);
        }
        FetchValue::BodyStructure(body) => {
            e.term("BODYSTRUCTURE", format!("the MIME structure of message {seq}, with extension data:"));
            explain_structure(body, "", e);
        }
        FetchValue::BodySection { section, origin, data } => {
            let size = data.as_ref().map_or(0, Vec::len);
            let from = origin.map_or(String::new(), |o| format!(", starting at byte {o}"));
            e.term(
                format!("BODY[{}]{}", section_text(section), origin.map_or(String::new(), |o| format!("<{o}>"))),
                format!(
                    "{} of message {seq}: {size} bytes{from}. The {{n}} before it announces how many bytes follow. A plain BODY[...] also sets \\Seen; BODY.PEEK[...] does not.",
                    section_meaning(section)
                ),
            );
        }
        FetchValue::ModSeq(n) => e.term(
            format!("MODSEQ ({n})"),
            format!("message {seq} last changed at modification sequence {n} (CONDSTORE): every change to a message, such as a flag set or cleared, gives it a higher number, so FETCH … (CHANGEDSINCE {n}) would leave it out until it changes again"),
        ),
        FetchValue::Uid(uid) => e.term(
            format!("UID {uid}"),
            format!("message {seq}'s name in this mailbox: UID {uid} stays the same when numbers shift, for as long as the mailbox's UIDVALIDITY does not change"),
        ),
        FetchValue::Rfc822(data) => e.term(
            "RFC822",
            format!("the whole of message {seq} ({} bytes); the old name of BODY[]", data.as_ref().map_or(0, Vec::len)),
        ),
        FetchValue::Rfc822Header(data) => e.term(
            "RFC822.HEADER",
            format!("the header of message {seq} ({} bytes); the old name of BODY.PEEK[HEADER]", data.as_ref().map_or(0, Vec::len)),
        ),
        FetchValue::Rfc822Text(data) => e.term(
            "RFC822.TEXT",
            format!("the body of message {seq} ({} bytes); the old name of BODY[TEXT]", data.as_ref().map_or(0, Vec::len)),
        ),
        FetchValue::Binary { section, origin, data, literal8 } => {
            let part = part_name(section);
            let size = data.as_ref().map_or(0, Vec::len);
            let from = origin.map_or(String::new(), |o| format!(", starting at byte {o}"));
            let literal = if *literal8 {
                "The ~{n} before it is a literal8: n raw octets that may hold any byte, NUL included (RFC 3516)."
            } else {
                "The {n} before it announces how many bytes follow."
            };
            e.term(
                format!("BINARY[{}]{}", part_path(section), origin.map_or(String::new(), |o| format!("<{o}>"))),
                format!(
                    "{part} of message {seq} decoded: its base64 or quoted-printable transfer encoding undone, {size} bytes{from}. {literal} A plain BINARY[...] also sets \\Seen; BINARY.PEEK[...] does not."
                ),
            );
        }
        FetchValue::BinarySize { section, size } => e.term(
            format!("BINARY.SIZE[{}] {size}", part_path(section)),
            format!("{} of message {seq} is {size} bytes once decoded (what BINARY[{}] would give)", part_name(section), part_path(section)),
        ),
    }
}

pub(super) fn explain_structure(body: &BodyStructure, path: &str, e: &mut Explanation) {
    let here = if path.is_empty() {
        "the message".to_owned()
    } else {
        format!("part {path}")
    };
    match body {
        BodyStructure::Single {
            fields,
            specific,
            extension,
        } => {
            let mut meaning = format!(
                "{here} is {}/{}, {} bytes in {} encoding",
                fields.media_type.to_ascii_lowercase(),
                fields.subtype.to_ascii_lowercase(),
                fields.octets,
                fields.encoding
            );
            for (k, v) in &fields.params {
                meaning.push_str(&format!(", {k}={v}"));
            }
            match specific {
                SinglePartKind::Basic => {}
                SinglePartKind::Text { lines } => {
                    meaning.push_str(&format!(", {lines} lines of text"))
                }
                SinglePartKind::Message {
                    envelope,
                    body,
                    lines,
                } => {
                    // An attached message (RFC 3501 §6.4.5): BODY[P] is all of
                    // it, header included; its own parts are numbered below P,
                    // and a single-part body is P.1.
                    let inner = if path.is_empty() {
                        "1".to_owned()
                    } else {
                        path.to_owned()
                    };
                    meaning.push_str(&format!(
                        ", a whole message inside ({lines} lines): BODY[{inner}] is all of it, \
                         header included; BODY[{inner}.HEADER] its header, BODY[{inner}.TEXT] \
                         its body"
                    ));
                    e.term(format!("part {inner}"), meaning);
                    explain_envelope(envelope, &format!("{inner} "), e);
                    match body.as_ref() {
                        BodyStructure::Single { .. } => {
                            explain_structure(body, &format!("{inner}.1"), e)
                        }
                        BodyStructure::Multi { .. } => explain_body_of(body, &inner, e),
                    }
                    return;
                }
            }
            if let Some(ext) = extension
                && let Some(d) = &ext.disposition
            {
                meaning.push_str(&format!(", disposition {}", d.kind));
                for (k, v) in &d.params {
                    meaning.push_str(&format!(" {k}={v}"));
                }
            }
            let label = if path.is_empty() {
                "BODY[TEXT]".to_owned()
            } else {
                format!("BODY[{path}]")
            };
            meaning.push_str(&format!("; fetch it with {label}"));
            e.term(
                if path.is_empty() {
                    "single part".to_owned()
                } else {
                    format!("part {path}")
                },
                meaning,
            );
        }
        BodyStructure::Multi { .. } => {
            let label = if path.is_empty() {
                "multipart".to_owned()
            } else {
                format!("part {path}")
            };
            explain_multi(body, path, label, &here, e);
        }
    }
}

/// The multipart body of the attached message at `path`: it has no part
/// number of its own (it is BODY[path.TEXT]); its parts are path.1, path.2…
pub(super) fn explain_body_of(body: &BodyStructure, path: &str, e: &mut Explanation) {
    explain_multi(
        body,
        path,
        format!("part {path} body"),
        &format!("the body of part {path} (BODY[{path}.TEXT])"),
        e,
    );
}

pub(super) fn explain_multi(
    body: &BodyStructure,
    path: &str,
    label: String,
    here: &str,
    e: &mut Explanation,
) {
    match body {
        BodyStructure::Single { .. } => explain_structure(body, path, e),
        BodyStructure::Multi {
            parts,
            subtype,
            extension,
        } => {
            let kind = match subtype.to_ascii_lowercase().as_str() {
                "alternative" => "the same content in several forms; show the last one you can",
                "mixed" => "parts shown one after another, often with attachments",
                "related" => "an HTML page and the images it uses",
                "digest" => "a bundle of messages",
                _ => "several parts",
            };
            let mut meaning = format!(
                "{here} is multipart/{} with {} parts: {kind}",
                subtype.to_ascii_lowercase(),
                parts.len()
            );
            if let Some(ext) = extension {
                for (k, v) in &ext.params {
                    meaning.push_str(&format!(", {k}={v}"));
                }
            }
            e.term(label, meaning);
            for (i, part) in parts.iter().enumerate() {
                let n = i.saturating_add(1);
                let child = if path.is_empty() {
                    n.to_string()
                } else {
                    format!("{path}.{n}")
                };
                explain_structure(part, &child, e);
            }
        }
    }
}
