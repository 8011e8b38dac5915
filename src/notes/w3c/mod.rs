//! Notes as data for other tools: a W3C Web Annotation collection (JSON-LD), and the way
//! back in. Each note becomes an Annotation whose target has a TextQuoteSelector and a
//! TextPositionSelector, with its tags as TextualBody "tagging" and its text as TextualBody
//! "commenting". briefly's own fingerprint rides along as `briefly:fingerprint`, so that a
//! note exported and imported again is the same note. Pure.

mod annotation;
pub mod iri;
mod read;

use serde_json::{Value, json};

use super::export::ExportInput;
use super::model::Note;
use iri::source_iri;
pub use read::{from_json, read, read_from};

pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// Note ids become IRIs with this prefix (ids that are IRIs already stay as they are).
pub(super) const NOTE_IRI: &str = "urn:briefly:note:";
pub(super) const FINGERPRINT: &str = "briefly:fingerprint";

/// The notes of an export as one AnnotationCollection with its single page embedded.
pub fn to_json(input: &ExportInput) -> Value {
    collection(&input.briefing, input.notes())
}

/// Notes that could not be saved, as the JSON `briefly import` takes back: one compact line,
/// or a pretty document. Deleted notes are left out (an import cannot delete). Meant for a
/// terminal: the characters a terminal could take as controls (DEL, C1, bidirectional
/// overrides), which JSON may leave as they are, are written as `\u` escapes, so the text
/// reads back the same.
pub fn unsaved_json(briefing: &str, notes: &[Note], pretty: bool) -> String {
    let doc = collection(briefing, notes.iter().filter(|n| !n.deleted));
    let json = if pretty {
        serde_json::to_string_pretty(&doc)
    } else {
        serde_json::to_string(&doc)
    }
    .unwrap_or_default();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if crate::sanitize::is_unsafe(c) && c != '\n' {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

fn collection<'a>(label: &str, notes: impl Iterator<Item = &'a Note>) -> Value {
    let items: Vec<Value> = notes.map(annotation).collect();
    json!({
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": label,
        "total": items.len(),
        "first": {
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    })
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
