//! A feed cut into its entries without parsing it whole: where each `<item>` (RSS), `<entry>`
//! (Atom) or element of `"items"` (JSON Feed) lies in the file. The feed parser is then given
//! small documents, the feed's head and tail around a few entries, so that a feed of 100,000
//! entries never becomes 100,000 parsed entries at once.

use std::borrow::Cow;
use std::ops::Range;

use super::feed_markup;

/// The entries' places in a feed, and what to put around some of them to make a feed again.
pub struct Split<'a> {
    bytes: Cow<'a, [u8]>,
    pub items: Vec<Range<usize>>,
    json: bool,
    /// What closes the feed when the file was cut short (only what was read of it is there):
    /// the entries read whole are kept, and the elements left open are closed.
    closing: Option<Vec<u8>>,
}

impl<'a> Split<'a> {
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// A feed of the entries in `items` (a range of entry numbers), in order.
    pub fn document(&self, items: Range<usize>) -> Vec<u8> {
        let (Some(first), Some(last)) = (self.items.first(), self.items.last()) else {
            return self.bytes.to_vec();
        };
        let mut doc = Vec::new();
        doc.extend_from_slice(&self.bytes[..first.start]);
        for (n, i) in items.enumerate() {
            if self.json && n > 0 {
                doc.push(b',');
            }
            doc.extend_from_slice(&self.bytes[self.items[i].clone()]);
        }
        match &self.closing {
            Some(closing) => doc.extend_from_slice(closing),
            None => doc.extend_from_slice(&self.bytes[last.end..]),
        }
        doc
    }
}

/// The entries' byte ranges, and what closes a feed cut short.
type Found = (Vec<Range<usize>>, Option<Vec<u8>>);

/// Where the entries are; `None` when the file is not shaped as expected (the caller then
/// parses it whole).
pub fn split(bytes: &[u8]) -> Option<Split<'_>> {
    let ((items, closing), json) = find(bytes)?;
    Some(Split {
        bytes: Cow::Borrowed(bytes),
        items,
        json,
        closing,
    })
}

/// The same, keeping the bytes (to be kept for later entries); the bytes back when the file
/// is not shaped as expected.
pub fn split_owned(bytes: Vec<u8>) -> Result<Split<'static>, Vec<u8>> {
    match find(&bytes) {
        Some(((items, closing), json)) => Ok(Split {
            bytes: Cow::Owned(bytes),
            items,
            json,
            closing,
        }),
        None => Err(bytes),
    }
}

fn find(bytes: &[u8]) -> Option<(Found, bool)> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let body = bytes.get(start..)?;
    // A byte-order mark or '{' first: JSON; '<' (after a BOM): XML.
    let first = *body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body).first()?;
    if first == b'{' {
        Some((json_items(bytes)?, true))
    } else {
        Some((xml_items(bytes)?, false))
    }
}

/// The `<item>`s of RSS (in `<channel>`, or in `<rdf:RDF>` for RSS 1.0) or the `<entry>`s of
/// Atom, as byte ranges.
fn xml_items(bytes: &[u8]) -> Option<Found> {
    use quick_xml::events::Event;
    let mut reader = feed_markup::lenient_reader(bytes);
    let mut depth = 0usize;
    let mut root = String::new();
    let mut parent_is_channel = false;
    let mut open: Option<usize> = None;
    let mut items = Vec::new();
    // The elements open around the entries, by their names as written.
    let mut around: Vec<Vec<u8>> = Vec::new();
    loop {
        let at = reader.buffer_position() as usize;
        // Bad XML or a file cut short: the entries read whole so far are kept.
        let Ok(event) = reader.read_event() else {
            break;
        };
        match event {
            Event::Start(e) if feed_markup::is_text_element(e.name().as_ref()) => {
                // Its content may be raw HTML that is not well-formed XML (`<br>` left open):
                // read on to its own end tag, so that the elements around keep their depth.
                let content = feed_markup::read_text_content(&mut reader, e.name().as_ref(), None);
                if content.is_none() {
                    break;
                }
            }
            Event::Start(e) => {
                depth += 1;
                let name = e.local_name();
                let name = std::str::from_utf8(name.as_ref().as_bytes()).ok()?;
                if depth == 1 {
                    root = name.to_ascii_lowercase();
                } else if depth == 2 {
                    parent_is_channel = name == "channel";
                }
                if open.is_none() && is_item(&root, depth, parent_is_channel, name) {
                    open = Some(at);
                }
                if open.is_none() {
                    around.push(e.name().as_ref().as_bytes().to_vec());
                }
            }
            Event::Empty(e) => {
                let name = e.local_name();
                let name = std::str::from_utf8(name.as_ref().as_bytes()).ok()?;
                if open.is_none() && is_item(&root, depth + 1, parent_is_channel, name) {
                    items.push(at..reader.buffer_position() as usize);
                }
            }
            Event::End(_) => {
                if let Some(start) = open
                    && depth == item_depth(&root)
                {
                    items.push(start..reader.buffer_position() as usize);
                    open = None;
                } else if open.is_none() {
                    around.pop();
                }
                depth = depth.checked_sub(1)?;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth == 0 && open.is_none() {
        return Some((items, None));
    }
    // Cut short: the entries read whole, and the open elements closed.
    if items.is_empty() {
        return None;
    }
    let mut closing = Vec::new();
    for name in around.iter().rev() {
        closing.extend_from_slice(b"</");
        closing.extend_from_slice(name);
        closing.push(b'>');
    }
    Some((items, Some(closing)))
}

fn item_depth(root: &str) -> usize {
    if root == "rss" { 3 } else { 2 }
}

fn is_item(root: &str, depth: usize, parent_is_channel: bool, name: &str) -> bool {
    match root {
        "rss" => depth == 3 && parent_is_channel && name == "item",
        "rdf" => depth == 2 && name == "item",
        "feed" => depth == 2 && name == "entry",
        _ => false,
    }
}

/// The elements of the top-level `"items"` array of a JSON Feed, as byte ranges.
fn json_items(bytes: &[u8]) -> Option<Found> {
    let mut depth = 0usize;
    let mut i = 0;
    // The last string closed at depth 1, and whether a ':' followed it: the key being read.
    let mut key: Option<Range<usize>> = None;
    let mut in_items = false;
    let mut element: Option<usize> = None;
    let mut items = Vec::new();
    let mut found = false;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if in_items && depth == 2 && element.is_none() {
                    element = Some(start);
                }
                if depth == 1 {
                    key = Some(start + 1..i.min(bytes.len()));
                }
            }
            b'{' | b'[' => {
                if in_items && depth == 2 && element.is_none() {
                    element = Some(i);
                }
                if depth == 1
                    && bytes[i] == b'['
                    && key.as_ref().is_some_and(|k| &bytes[k.clone()] == b"items")
                {
                    if found {
                        return None;
                    }
                    in_items = true;
                    found = true;
                }
                depth += 1;
            }
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if in_items && depth == 1 {
                    // The array closes: its last element ends before the ']'.
                    if let Some(start) = element.take() {
                        items.push(start..trim_end(bytes, i));
                    }
                    in_items = false;
                }
            }
            b',' if in_items && depth == 2 => {
                if let Some(start) = element.take() {
                    items.push(start..trim_end(bytes, i));
                }
            }
            b':' | b' ' | b'\t' | b'\n' | b'\r' => {}
            _ => {
                if in_items && depth == 2 && element.is_none() {
                    element = Some(i);
                }
                if depth == 1 && bytes[i] != b',' {
                    key = None;
                }
            }
        }
        i += 1;
    }
    if depth == 0 && found {
        return Some((items, None));
    }
    // Cut short inside the items: the ones read whole, the array and the feed closed.
    (in_items && !items.is_empty()).then(|| (items, Some(b"]}".to_vec())))
}

fn trim_end(bytes: &[u8], end: usize) -> usize {
    let mut e = end;
    while e > 0 && bytes[e - 1].is_ascii_whitespace() {
        e -= 1;
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(bytes: &[u8]) -> Vec<String> {
        let s = split(bytes).unwrap();
        s.items
            .iter()
            .map(|r| String::from_utf8_lossy(&bytes[r.clone()]).into_owned())
            .collect()
    }

    #[test]
    fn rss_items_are_found_in_the_channel() {
        let rss = b"<?xml version=\"1.0\"?><!-- <item>no</item> --><rss><channel><title>T</title>\
            <item><title>A</title><description><![CDATA[<item>x</item>]]></description></item>\
            <image><item>not one</item></image><item/></channel></rss>";
        assert_eq!(
            texts(rss),
            [
                "<item><title>A</title><description><![CDATA[<item>x</item>]]></description></item>",
                "<item/>"
            ]
        );
        let s = split(rss).unwrap();
        let one = String::from_utf8(s.document(1..2)).unwrap();
        assert!(
            one.starts_with("<?xml") && one.ends_with("<item/></channel></rss>"),
            "{one}"
        );
        assert!(!one.contains("<title>A"));
    }

    #[test]
    fn atom_entries_and_json_items() {
        let atom = b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><id>1</id></entry>\n<entry><id>2</id></entry></feed>";
        assert_eq!(
            texts(atom),
            ["<entry><id>1</id></entry>", "<entry><id>2</id></entry>"]
        );
        let json = br#"{"title": "T, with \"items\": [1]", "items": [ {"id": "1", "tags": ["a]"]}, {"id": "2"} ], "x": {"items": [3]}}"#;
        assert_eq!(
            texts(json),
            [r#"{"id": "1", "tags": ["a]"]}"#, r#"{"id": "2"}"#]
        );
        let s = split(json).unwrap();
        let doc = String::from_utf8(s.document(0..2)).unwrap();
        let v: serde_json::Value = serde_json::from_str(&doc).unwrap();
        assert_eq!(v["items"].as_array().unwrap().len(), 2);
        let doc = String::from_utf8(s.document(1..2)).unwrap();
        let v: serde_json::Value = serde_json::from_str(&doc).unwrap();
        assert_eq!(v["items"][0]["id"], "2");
    }

    #[test]
    fn a_feed_cut_short_keeps_its_whole_entries() {
        let rss = b"<rss><channel><title>T</title><item><title>A</title></item><item><title>B</ti";
        let s = split(rss).unwrap();
        assert_eq!(s.items.len(), 1);
        assert_eq!(
            String::from_utf8(s.document(0..1)).unwrap(),
            "<rss><channel><title>T</title><item><title>A</title></item></channel></rss>"
        );
        let json = br#"{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1"}, {"id": "2", "ti"#;
        let s = split(json).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&s.document(0..1)).unwrap();
        assert_eq!(v["items"][0]["id"], "1");
    }

    #[test]
    fn other_shapes_are_left_to_the_parser() {
        assert!(split(b"<html><body></body></html>").is_none_or(|s| s.items.is_empty()));
        assert!(split(b"<rss><channel><item>").is_none());
        assert!(split(br#"{"items": [1"#).is_none());
    }
}
