//! A FETCH response written one item at a time, for servers that answer
//! many messages and would rather not build every [`FetchValue`] first.

use super::Encode;
use super::primitives::{flag_list, number};
use crate::core::Flag;
use crate::response::FetchValue;

/// Writes `* n FETCH (item item ...)` and CRLF straight into an output
/// buffer, one item at a time: the same bytes as encoding
/// `Response::Data(Data::Fetch { seq, items })` with those items, without
/// the list of items.
///
/// Besides [`FetchValue`]s it takes items already encoded
/// ([`FetchWriter::encoded`]): a server may keep the bytes of an item that
/// never changes for a message (its ENVELOPE, its BODYSTRUCTURE) and write
/// them again on the next FETCH instead of encoding the item anew.
///
/// The response is complete once [`FetchWriter::finish`] has run; until
/// then `out` holds its beginning.
#[derive(Debug)]
#[must_use = "the response is not complete until `finish`"]
pub struct FetchWriter<'a> {
    out: &'a mut Vec<u8>,
    /// No item written yet: the next one needs no space before it.
    first: bool,
}

impl<'a> FetchWriter<'a> {
    /// Starts the response for message `seq`: appends `* seq FETCH (`.
    pub fn new(out: &'a mut Vec<u8>, seq: u32) -> Self {
        out.extend_from_slice(b"* ");
        number(out, seq);
        out.extend_from_slice(b" FETCH (");
        FetchWriter { out, first: true }
    }

    /// Appends one item, as [`FetchValue::encode`] writes it.
    pub fn item(&mut self, value: &FetchValue) {
        self.separate();
        value.encode(self.out);
    }

    /// Appends `FLAGS (flags)`, as [`FetchValue::Flags`] writes it, from a
    /// slice the caller may reuse for the next message.
    pub fn flags(&mut self, flags: &[Flag]) {
        self.separate();
        self.out.extend_from_slice(b"FLAGS ");
        flag_list(self.out, flags);
    }

    /// Appends one item already encoded: `bytes` must be exactly what
    /// [`FetchValue::encode`] wrote for it (such as `ENVELOPE (...)`); they
    /// are copied as they are, unchecked.
    pub fn encoded(&mut self, bytes: &[u8]) {
        self.separate();
        self.out.extend_from_slice(bytes);
    }

    /// Ends the response: appends `)` and CRLF.
    pub fn finish(self) {
        self.out.extend_from_slice(b")\r\n");
    }

    fn separate(&mut self) {
        if self.first {
            self.first = false;
        } else {
            self.out.push(b' ');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Flag;
    use crate::response::{Data, Envelope, Response};

    fn whole(seq: u32, items: Vec<FetchValue>) -> Vec<u8> {
        Response::Data(Data::Fetch { seq, items }).to_bytes()
    }

    #[test]
    fn writes_what_the_fetch_response_encodes() {
        let items = vec![
            FetchValue::Uid(4_827_313),
            FetchValue::Flags(vec![Flag::Seen, Flag::Recent]),
            FetchValue::Envelope(Box::default()),
            FetchValue::Rfc822Size(44_827),
        ];
        let mut out = b"earlier output ".to_vec();
        let mut w = FetchWriter::new(&mut out, 12);
        for (i, item) in items.iter().enumerate() {
            match item {
                FetchValue::Flags(flags) => w.flags(flags),
                _ if i == 2 => w.encoded(&item.to_bytes()),
                _ => w.item(item),
            }
        }
        w.finish();
        let expected = [b"earlier output ".to_vec(), whole(12, items)].concat();
        assert_eq!(out, expected);
    }

    #[test]
    fn no_items_is_an_empty_list() {
        let mut out = Vec::new();
        FetchWriter::new(&mut out, 1).finish();
        assert_eq!(out, whole(1, Vec::new()));
        let envelope = FetchValue::Envelope(Box::new(Envelope {
            subject: Some(b"say \"hi\"".to_vec()),
            ..Envelope::default()
        }));
        let mut out = Vec::new();
        let mut w = FetchWriter::new(&mut out, 3);
        w.encoded(&envelope.to_bytes());
        w.finish();
        assert_eq!(out, whole(3, vec![envelope]));
    }
}
