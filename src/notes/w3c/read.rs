//! Reading a W3C annotation document as it is parsed: each annotation becomes a note as soon
//! as it has been read, so that memory holds the notes and one annotation at a time, not a
//! tree of the whole document. serde_json's nesting limit (128) bounds every walk here.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::annotation::{has_type, note_from, short};
use crate::notes::model::Note;
use crate::sanitize::PLACEHOLDER;

const NOT_W3C: &str = "not a W3C annotation, annotation page or annotation collection";
const LINKED_PAGES: &str =
    "the collection's pages are links, not embedded; only embedded pages can be read";

/// Notes from the text of a W3C annotation document: a collection with embedded pages, a
/// page, a list of annotations (JSON-LD) or one annotation. Annotations from other tools
/// may leave out the prefix and suffix, the position selector, the id or the times, and give
/// the body as one object, a plain string or `bodyValue`. A missing `modified` is the
/// `created` time and the other way round; an annotation with neither is created `now` and
/// has an empty `updated`: it never replaces a dated copy of itself (see `import`).
/// The first annotation that cannot be a note fails the whole document; the error says its
/// number (counted in the file's order) and why, in one line.
pub fn read(text: &str, now: &str) -> Result<Vec<Note>, String> {
    let mut reader = Reader::new(now);
    let mut de = serde_json::Deserializer::from_str(text);
    let result = Document(&mut reader)
        .deserialize(&mut de)
        .and_then(|()| de.end());
    reader.finish(result.map_err(|e| e.to_string()))
}

/// `read` from a file or any other reader, without holding its text: memory holds the
/// notes and one annotation. (Pass a buffered reader.)
pub fn read_from(source: impl std::io::Read, now: &str) -> Result<Vec<Note>, String> {
    let mut reader = Reader::new(now);
    let mut de = serde_json::Deserializer::from_reader(source);
    let result = Document(&mut reader)
        .deserialize(&mut de)
        .and_then(|()| de.end());
    reader.finish(result.map_err(|e| e.to_string()))
}

/// `read` for a document already parsed.
pub fn from_json(value: &Value, now: &str) -> Result<Vec<Note>, String> {
    let mut reader = Reader::new(now);
    let result = Document(&mut reader).deserialize(value);
    reader.finish(result.map_err(|e| e.to_string()))
}

/// What the nested readers share.
struct Reader<'a> {
    now: &'a str,
    notes: Vec<Note>,
    /// Annotations read so far.
    count: usize,
    /// Why reading stopped, when it was the document and not its JSON.
    failure: Option<String>,
    /// Inside a list of annotations, where a JSON error is in the next annotation.
    in_list: bool,
}

impl<'a> Reader<'a> {
    fn new(now: &'a str) -> Reader<'a> {
        Reader {
            now,
            notes: Vec::new(),
            count: 0,
            failure: None,
            in_list: false,
        }
    }

    fn finish(self, result: Result<(), String>) -> Result<Vec<Note>, String> {
        match (result, self.failure) {
            (Ok(()), _) => Ok(self.notes),
            (Err(_), Some(why)) => Err(why),
            (Err(e), None) if self.in_list => Err(format!(
                "annotation {}: not JSON ({})",
                self.count + 1,
                one_line(&e)
            )),
            (Err(e), None) => Err(format!("not JSON ({})", one_line(&e))),
        }
    }

    /// Stops reading, saying why.
    fn fail<E: de::Error>(&mut self, why: String) -> E {
        let e = E::custom(&why);
        self.failure.get_or_insert(why);
        e
    }

    /// One annotation, read: its note is kept, or reading stops.
    fn take<E: de::Error>(&mut self, a: &Value) -> Result<(), E> {
        self.count += 1;
        match note_from(a, self.now) {
            Ok(note) => {
                self.notes.push(note);
                Ok(())
            }
            Err(why) => {
                // The id, when something printable is left of it once made safe.
                let id = a
                    .get("id")
                    .and_then(Value::as_str)
                    .map(short)
                    .filter(|id| id.chars().any(|c| !c.is_whitespace() && c != PLACEHOLDER))
                    .map(|id| format!(" ({id})"))
                    .unwrap_or_default();
                Err(self.fail(format!("annotation {}{id}: {why}", self.count)))
            }
        }
    }
}

/// Text for a one-line message: line breaks and controls as spaces.
fn one_line(text: &str) -> String {
    crate::sanitize::sanitize_line(text)
}

/// The whole document.
struct Document<'r, 'a>(&'r mut Reader<'a>);

impl<'de> DeserializeSeed<'de> for Document<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

/// Any value that is not what was wanted, read and dropped: what `Document`, `Items` and
/// `Page` do with scalars.
macro_rules! scalars {
    ($out:expr) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            ($out)(self)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            ($out)(self)
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            ($out)(self)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            ($out)(self)
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            ($out)(self)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            ($out)(self)
        }
    };
}

impl<'de> Visitor<'de> for Document<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a W3C annotation document")
    }

    scalars!(|me: Self| Err(me.0.fail(NOT_W3C.into())));

    /// A list of annotations.
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        annotations(self.0, seq)
    }

    /// A collection, a page or one annotation: which one is known once every key is read,
    /// as JSON does not order them. A page's or a collection's annotations are read as they
    /// come; the other keys are kept, as they may be the annotation's.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let reader = self.0;
        let mut rest = Map::new();
        let mut items: Option<bool> = None;
        let mut first: Option<bool> = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "items" => items = Some(map.next_value_seed(Items(reader))?),
                "first" => first = Some(map.next_value_seed(Page(reader))?),
                _ => {
                    let value: Value = map.next_value()?;
                    rest.insert(key, value);
                }
            }
        }
        let doc = Value::Object(rest);
        if has_type(&doc, "AnnotationCollection") {
            match first {
                Some(false) => Err(reader.fail(LINKED_PAGES.into())),
                _ => Ok(()),
            }
        } else if has_type(&doc, "AnnotationPage") || items.is_some() {
            match items {
                Some(false) => Err(reader.fail("\"items\" is not a list".into())),
                _ => Ok(()),
            }
        } else if has_type(&doc, "Annotation") {
            reader.take(&doc)
        } else {
            Err(reader.fail(NOT_W3C.into()))
        }
    }
}

/// The annotations of a list, each made a note as soon as it is read.
fn annotations<'de, A: SeqAccess<'de>>(reader: &mut Reader, mut seq: A) -> Result<(), A::Error> {
    let outer = std::mem::replace(&mut reader.in_list, true);
    while seq.next_element_seed(One(reader))?.is_some() {}
    reader.in_list = outer;
    Ok(())
}

/// One annotation.
struct One<'r, 'a>(&'r mut Reader<'a>);

impl<'de> DeserializeSeed<'de> for One<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let value = Value::deserialize(d)?;
        self.0.take(&value)
    }
}

/// A page's `items`: true when it is a list (its annotations are read), false when it is
/// something else (read and dropped).
struct Items<'r, 'a>(&'r mut Reader<'a>);

impl<'de> DeserializeSeed<'de> for Items<'_, '_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Items<'_, '_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of annotations")
    }

    scalars!(|_| Ok(false));

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<bool, A::Error> {
        annotations(self.0, seq).map(|()| true)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(false)
    }
}

/// A collection's page: true when it is embedded (its annotations are read, and those of
/// the embedded pages after it), false when it is a link or anything else.
struct Page<'r, 'a>(&'r mut Reader<'a>);

impl<'de> DeserializeSeed<'de> for Page<'_, '_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Page<'_, '_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an annotation page")
    }

    scalars!(|_| Ok(false));

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(false)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let reader = self.0;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "items" => {
                    if !map.next_value_seed(Items(reader))? {
                        return Err(reader.fail("\"items\" is not a list".into()));
                    }
                }
                // A next page that is a link ends the walk, as in a collection whose later
                // pages are not embedded.
                "next" => {
                    map.next_value_seed(Page(reader))?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn other_tools_annotations_are_read_where_they_can_be() {
        let doc = json!([
            {
                "type": "Annotation",
                "body": {"type": "TextualBody", "value": "A plain comment"},
                "target": {"source": "https://example.org/a",
                           "selector": {"type": "TextQuoteSelector", "exact": "quay"}}
            },
            {
                "id": "https://example.org/anno/2",
                "type": ["Annotation"],
                "motivation": "tagging",
                "created": "2024-01-02T03:04:05Z",
                "body": ["Harbour", {"type": "TextualBody", "value": "Two Words"}],
                "target": {"source": "file:///b/a%20b.txt",
                           "selector": [{"type": "TextPositionSelector", "start": 4, "end": 8},
                                        {"type": "XPathSelector", "value": "/p[1]"}]}
            },
            {"bodyValue": "short form", "target": {"source": "s",
              "selector": {"type": "TextQuoteSelector", "exact": "x"}}}
        ]);
        let notes = from_json(&doc, "2025-05-05T00:00:00.000Z").unwrap();
        assert_eq!(notes.len(), 3);
        assert_eq!(notes[0].text, "A plain comment");
        assert_eq!(notes[0].created, "2025-05-05T00:00:00.000Z");
        assert_eq!(notes[0].updated, "", "undated: loses to any dated copy");
        assert!(notes[0].id.starts_with("imported-"));
        assert_eq!(
            notes[0].target.quote(),
            Some(("quay", "", "")),
            "prefix and suffix may be missing"
        );
        assert_eq!(notes[1].id, "https://example.org/anno/2");
        assert_eq!(notes[1].tags, ["harbour", "two-words"]);
        assert_eq!(notes[1].updated, "2024-01-02T03:04:05Z");
        assert_eq!(notes[1].target.source, "/b/a b.txt");
        assert_eq!(notes[1].target.position(), Some((4, 8)));
        assert_eq!(notes[2].text, "short form");
        // The same file read twice gives the same ids.
        assert_eq!(from_json(&doc, "later").unwrap()[0].id, notes[0].id);
    }

    #[test]
    fn malformed_annotations_say_which_and_why() {
        let bad = |v: Value| from_json(&v, "now").unwrap_err();
        assert_eq!(
            bad(json!({"hello": 1})),
            "not a W3C annotation, annotation page or annotation collection"
        );
        let e = bad(json!([{"type": "Annotation", "target": {"source": "s"}}]));
        assert_eq!(
            e,
            "annotation 1: the target has no TextQuoteSelector or TextPositionSelector"
        );
        let e = bad(json!({"type": "AnnotationPage", "items": [
            {"id": "x", "type": "Annotation", "target": {"source": "s",
             "selector": {"type": "TextPositionSelector", "start": 9, "end": 2}}}]}));
        assert!(
            e.starts_with("annotation 1 (x): a TextPositionSelector"),
            "{e}"
        );
        assert!(bad(json!([{"type": "Note"}])).contains("not Annotation"));
        assert!(bad(json!([{"type": "Annotation"}])).contains("no target"));
        let e = bad(json!({"type": "AnnotationCollection", "first": "https://e.org/p1"}));
        assert!(e.contains("links"), "{e}");
    }

    #[test]
    fn text_and_parsed_documents_read_the_same() {
        let one = |n: u32| {
            json!({"id": format!("a{n}"), "type": "Annotation", "bodyValue": "x",
                   "target": {"source": "s", "selector": {"type": "TextQuoteSelector", "exact": "q"}}})
        };
        for doc in [
            json!([one(1), one(2)]),
            json!({"type": "AnnotationPage", "items": [one(1)]}),
            json!({"items": [one(1)], "type": "AnnotationCollection",
                   "first": {"next": {"items": [one(3)]}, "items": [one(2)]}}),
            json!({"type": "AnnotationCollection"}),
            one(7),
            json!({"target": {"source": "s", "selector": {"type": "TextQuoteSelector",
                   "exact": "q"}}, "type": ["Annotation"]}),
        ] {
            let from_text = read(&doc.to_string(), "now");
            assert_eq!(from_text, from_json(&doc, "now"), "{doc}");
            assert!(from_text.is_ok(), "{doc}: {from_text:?}");
        }
        let ids = |doc: &str| -> Vec<String> {
            read(doc, "now")
                .unwrap()
                .into_iter()
                .map(|n| n.id)
                .collect()
        };
        let doc = json!({"type": "AnnotationCollection",
                         "first": {"items": [one(1)], "next": {"items": [one(2)]}}});
        assert_eq!(ids(&doc.to_string()), ["a1", "a2"]);
        let e = read(
            &json!({"type": "AnnotationPage", "items": 3}).to_string(),
            "n",
        );
        assert_eq!(e.unwrap_err(), "\"items\" is not a list");
        assert_eq!(read("\"text\"", "n").unwrap_err(), NOT_W3C);
    }

    #[test]
    fn broken_json_says_which_annotation() {
        let good = r#"{"type": "Annotation", "bodyValue": "x", "target": {"source": "s",
            "selector": {"type": "TextQuoteSelector", "exact": "q"}}}"#;
        let e = read(&format!("[{good}, {good}, {{\"type\": tru"), "n").unwrap_err();
        assert!(e.starts_with("annotation 3: not JSON ("), "{e}");
        let e = read(&format!("[{good} {good}]"), "n").unwrap_err();
        assert!(e.starts_with("annotation 2: not JSON ("), "{e}");
        let e = read(&format!("[{good}] x"), "n").unwrap_err();
        assert!(e.starts_with("not JSON (trailing"), "{e}");
        assert!(!e.contains('\n'));
    }

    #[test]
    fn an_id_made_of_controls_is_not_shown_as_empty_brackets() {
        let no_target = |id: &str| json!([{"id": id, "type": "Annotation"}]).to_string();
        for id in ["\u{1b}[2J\u{1b}]0;x\u{7}", "\u{1}\u{2}", " \u{9b}1m "] {
            let e = read(&no_target(id), "n").unwrap_err();
            assert_eq!(e, "annotation 1: it has no target", "{id:?}");
        }
        let e = read(&no_target("\u{1b}[1mbold\u{1b}[0m"), "n").unwrap_err();
        assert_eq!(e, "annotation 1 (bold): it has no target");
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        for doc in [
            "[".repeat(100_000),
            format!("{{\"items\": {}", "[".repeat(100_000)),
            format!("[{}", "{\"a\": ".repeat(100_000)),
            format!(
                "{{\"type\": \"AnnotationCollection\", \"first\": {}",
                "{\"next\": ".repeat(100_000)
            ),
        ] {
            let e = read(&doc, "n").unwrap_err();
            assert!(e.contains("recursion limit exceeded"), "{e}");
        }
    }
}
