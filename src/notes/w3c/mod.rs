//! Notes as data for other tools: a W3C Web Annotation collection (JSON-LD), and the way
//! back in. Each note becomes an Annotation whose target has a TextQuoteSelector and a
//! TextPositionSelector, with its tags as TextualBody "tagging" and its text as TextualBody
//! "commenting". briefly's own fingerprint rides along as `briefly:fingerprint`, so that a
//! note exported and imported again is the same note. Pure.

mod annotation;
pub mod iri;
mod read;
mod safe;

use std::io::{self, Write};

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value, json};

use super::export::ExportInput;
use super::model::Note;
use iri::source_iri;
pub use read::{from_json, read, read_from};
pub use safe::JsonSafe;

pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// Note ids become IRIs with this prefix (ids that are IRIs already stay as they are).
pub(super) const NOTE_IRI: &str = "urn:briefly:note:";
pub(super) const FINGERPRINT: &str = "briefly:fingerprint";
/// The other outlets carrying a note's passage (names), when the stories know them.
pub const ALSO_IN: &str = "briefly:alsoIn";

/// Note id -> the other outlets carrying its passage.
type AlsoIn<'a> = std::collections::HashMap<&'a str, &'a [String]>;

fn also_in(input: &ExportInput) -> AlsoIn<'_> {
    input
        .articles
        .iter()
        .flat_map(|a| &a.notes)
        .filter(|p| !p.also_in.is_empty())
        .map(|p| (p.note.id.as_str(), p.also_in.as_slice()))
        .collect()
}

/// The notes of an export as one AnnotationCollection with its single page embedded.
pub fn to_json(input: &ExportInput) -> Value {
    let notes: Vec<&Note> = input.notes().collect();
    serde_json::to_value(Collection {
        label: &input.briefing,
        notes: &notes,
        also: &also_in(input),
    })
    .unwrap_or_default()
}

/// `to_json` as pretty text with a final line break, written as it is made: one annotation
/// at a time is built, so memory holds the notes, not a tree of the document. Characters a
/// terminal could take as controls are written as `\u` escapes (see `JsonSafe`).
pub fn write_json(input: &ExportInput, w: impl Write) -> io::Result<()> {
    let notes: Vec<&Note> = input.notes().collect();
    write_collection(&input.briefing, &notes, &also_in(input), w, true)
}

/// Notes that could not be saved, as the JSON `briefly import` takes back: one compact line,
/// or a pretty document. Deleted notes are left out (an import cannot delete). Meant for a
/// terminal: the characters a terminal could take as controls are written as `\u` escapes,
/// so the text reads back the same.
pub fn unsaved_json(briefing: &str, notes: &[Note], pretty: bool) -> String {
    let live: Vec<&Note> = notes.iter().filter(|n| !n.deleted).collect();
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write_collection(briefing, &live, &AlsoIn::new(), &mut out, pretty);
    while out.last() == Some(&b'\n') {
        out.pop();
    }
    String::from_utf8(out).unwrap_or_default()
}

fn write_collection(
    label: &str,
    notes: &[&Note],
    also: &AlsoIn,
    w: impl Write,
    pretty: bool,
) -> io::Result<()> {
    let doc = Collection { label, notes, also };
    let mut out = io::BufWriter::with_capacity(1 << 16, JsonSafe::new(w));
    if pretty {
        serde_json::to_writer_pretty(&mut out, &doc)?;
    } else {
        serde_json::to_writer(&mut out, &doc)?;
    }
    out.write_all(b"\n")?;
    out.into_inner()
        .map_err(io::IntoInnerError::into_error)?
        .finish()
        .map(drop)
}

/// The collection, its page and its annotations, serialised in the order of `json!` (keys
/// sorted), each annotation made only when it is written.
struct Collection<'a> {
    label: &'a str,
    notes: &'a [&'a Note],
    also: &'a AlsoIn<'a>,
}

struct Page<'a>(&'a [&'a Note], &'a AlsoIn<'a>);

struct Items<'a>(&'a [&'a Note], &'a AlsoIn<'a>);

impl Serialize for Collection<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(5))?;
        m.serialize_entry("@context", CONTEXT)?;
        m.serialize_entry("first", &Page(self.notes, self.also))?;
        m.serialize_entry("label", self.label)?;
        m.serialize_entry("total", &self.notes.len())?;
        m.serialize_entry("type", "AnnotationCollection")?;
        m.end()
    }
}

impl Serialize for Page<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("items", &Items(self.0, self.1))?;
        m.serialize_entry("startIndex", &0)?;
        m.serialize_entry("type", "AnnotationPage")?;
        m.end()
    }
}

impl Serialize for Items<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|n| {
            let mut a = annotation(n);
            if let Some(outlets) = self.1.get(n.id.as_str()) {
                a[ALSO_IN] = json!(outlets);
            }
            a
        }))
    }
}

fn annotation(note: &Note) -> Value {
    let mut body: Vec<Value> = note
        .tags
        .iter()
        .map(|t| json!({"type": "TextualBody", "purpose": "tagging", "value": t}))
        .collect();
    if !note.text.is_empty() {
        body.push(json!({
            "type": "TextualBody",
            "purpose": "commenting",
            "value": note.text,
            "format": "text/markdown",
        }));
    }
    let motivation = match (note.text.is_empty(), note.tags.is_empty()) {
        (false, _) => "commenting",
        (true, false) => "tagging",
        (true, true) => "highlighting",
    };
    let id = if note.id.contains(':') {
        note.id.clone()
    } else {
        format!("{NOTE_IRI}{}", note.id)
    };
    let mut a = json!({
        "id": id,
        "type": "Annotation",
        "motivation": motivation,
        "created": note.created,
        "modified": note.updated,
        "target": {
            "source": source_iri(&note.target.source),
            "selector": note.target.selector,
            FINGERPRINT: note.target.fingerprint,
        },
    });
    if !body.is_empty() {
        a["body"] = Value::Array(body);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::export::Orphan;
    use crate::notes::model::Target;

    fn input(texts: &[&str]) -> ExportInput {
        let orphans = texts
            .iter()
            .enumerate()
            .map(|(i, text)| Orphan {
                article: "gone.txt".into(),
                note: Note {
                    id: format!("n{i}"),
                    created: "2026-03-01T10:00:00.000Z".into(),
                    updated: "2026-03-02T10:00:00.000Z".into(),
                    tags: vec!["quote".into()],
                    text: (*text).into(),
                    target: Target::new("/b/gone.txt", "The quay will be repaired.", 4, 8),
                    deleted: false,
                },
            })
            .collect();
        ExportInput {
            briefing: "harbour week".into(),
            exported: "2026-03-03T10:00:00.000Z".into(),
            articles: Vec::new(),
            orphans,
        }
    }

    fn written(input: &ExportInput) -> String {
        let mut out = Vec::new();
        write_json(input, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn written_as_it_goes_the_same_document_as_the_tree() {
        for texts in [&[][..], &["one"], &["one", "two \"quoted\"\nlines", ""]] {
            let input = input(texts);
            let tree = serde_json::to_string_pretty(&to_json(&input)).unwrap();
            assert_eq!(written(&input), format!("{tree}\n"));
        }
    }

    #[test]
    fn controls_are_escaped_and_read_back_the_same() {
        let input = input(&["a\u{7f}b\u{9b}31mc\u{202e}d"]);
        let text = written(&input);
        assert!(text.contains(r"a\u007fb\u009b31mc\u202ed"), "{text}");
        assert!(
            !text
                .chars()
                .any(|c| crate::sanitize::is_unsafe(c) && c != '\n')
        );
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, to_json(&input));
    }
}
