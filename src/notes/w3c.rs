//! Notes as data for other tools: a W3C Web Annotation collection (JSON-LD), and the way
//! back in. Each note becomes an Annotation whose target has a TextQuoteSelector and a
//! TextPositionSelector, with its tags as TextualBody "tagging" and its text as TextualBody
//! "commenting". briefly's own fingerprint rides along as `briefly:fingerprint`, so that a
//! note exported and imported again is the same note. Pure.

use serde_json::{Map, Value, json};

use super::export::ExportInput;
use super::model::{Note, Selector, Target};

pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// Note ids become IRIs with this prefix (ids that are IRIs already stay as they are).
const NOTE_IRI: &str = "urn:briefly:note:";
const FINGERPRINT: &str = "briefly:fingerprint";

/// The notes of an export as one AnnotationCollection with its single page embedded.
pub fn to_json(input: &ExportInput) -> Value {
    let items: Vec<Value> = input.notes().map(annotation).collect();
    json!({
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": input.briefing,
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

/// Notes from a W3C annotation document: a collection with embedded pages, a page, a list of
/// annotations (JSON-LD) or one annotation. Annotations from other tools may leave out the
/// prefix and suffix, the position selector, the id or the times, and give the body as one
/// object, a plain string or `bodyValue`. `now` stands in for missing times. The first
/// annotation that cannot be a note fails the whole document, with its number and why.
pub fn from_json(value: &Value, now: &str) -> Result<Vec<Note>, String> {
    let items = annotations(value)?;
    items
        .iter()
        .enumerate()
        .map(|(i, a)| {
            note_from(a, now).map_err(|why| {
                let id = a
                    .get("id")
                    .and_then(Value::as_str)
                    .map(|id| format!(" ({id})"))
                    .unwrap_or_default();
                format!("annotation {}{id}: {why}", i + 1)
            })
        })
        .collect()
}

fn has_type(v: &Value, wanted: &str) -> bool {
    match v.get("type") {
        Some(Value::String(t)) => t == wanted,
        Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str() == Some(wanted)),
        _ => false,
    }
}

/// A page's annotations.
fn items(page: &Value) -> Result<Vec<&Value>, String> {
    match page.get("items") {
        Some(Value::Array(items)) => Ok(items.iter().collect()),
        Some(_) => Err("\"items\" is not a list".into()),
        None => Ok(Vec::new()),
    }
}

fn annotations(v: &Value) -> Result<Vec<&Value>, String> {
    match v {
        Value::Array(list) => Ok(list.iter().collect()),
        Value::Object(_) if has_type(v, "AnnotationCollection") => {
            let mut out = Vec::new();
            let mut page = v.get("first");
            while let Some(p) = page {
                if !p.is_object() {
                    return Err("the collection's pages are links, not embedded; \
                         only embedded pages can be read"
                        .into());
                }
                out.extend(items(p)?);
                page = p.get("next").filter(|n| n.is_object());
            }
            Ok(out)
        }
        Value::Object(_) if has_type(v, "AnnotationPage") || v.get("items").is_some() => items(v),
        Value::Object(_) if has_type(v, "Annotation") => Ok(vec![v]),
        _ => Err("not a W3C annotation, annotation page or annotation collection".into()),
    }
}

fn note_from(a: &Value, now: &str) -> Result<Note, String> {
    let Value::Object(obj) = a else {
        return Err("not an object".into());
    };
    if obj.contains_key("type") && !has_type(a, "Annotation") {
        return Err(format!("its type is {}, not Annotation", obj["type"]));
    }
    let text_of = |key: &str| obj.get(key).and_then(Value::as_str);
    let id = match text_of("id") {
        Some(id) => id.strip_prefix(NOTE_IRI).unwrap_or(id).to_string(),
        // A stable id from the content, so that importing the same file twice adds nothing.
        None => format!(
            "imported-{:016x}",
            crate::session::fnv1a(a.to_string().as_bytes())
        ),
    };
    if id.is_empty() {
        return Err("its id is empty".into());
    }
    let created = text_of("created")
        .or(text_of("modified"))
        .unwrap_or(now)
        .to_string();
    let updated = text_of("modified").unwrap_or(&created).to_string();
    let tagging = text_of("motivation") == Some("tagging");
    let (tags, text) = bodies(obj, tagging)?;
    Ok(Note {
        id,
        created,
        updated,
        tags,
        text,
        target: target(obj.get("target").ok_or("it has no target")?)?,
        deleted: false,
    })
}

/// Tags and note text from `body` (a list, one object or a string) and `bodyValue`.
fn bodies(obj: &Map<String, Value>, tagging: bool) -> Result<(Vec<String>, String), String> {
    let mut tags: Vec<String> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    let list: Vec<&Value> = match obj.get("body") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one) => vec![one],
    };
    for body in list {
        let (value, purpose) = match body {
            Value::String(s) => (s.as_str(), None),
            Value::Object(b) => match b.get("value") {
                Some(Value::String(s)) => (s.as_str(), b.get("purpose")),
                Some(_) => return Err("a body's value is not text".into()),
                // Not a textual body (an image, a link): nothing a note can hold.
                None => continue,
            },
            _ => return Err("a body is neither text nor an object".into()),
        };
        let purpose_is = |p: &str| match purpose {
            Some(Value::String(s)) => s == p,
            Some(Value::Array(ps)) => ps.iter().any(|x| x.as_str() == Some(p)),
            _ => false,
        };
        if purpose_is("tagging") || (purpose.is_none() && tagging) {
            let tag = crate::app::annotate::normalise_tag(value)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join("-");
            if !tag.is_empty() && !tags.contains(&tag) {
                tags.push(tag);
            }
        } else if !value.is_empty() {
            texts.push(value.to_string());
        }
    }
    if let Some(v) = obj.get("bodyValue").and_then(Value::as_str) {
        texts.push(v.to_string());
    }
    Ok((tags, texts.join("\n\n")))
}

fn target(t: &Value) -> Result<Target, String> {
    let t = match t {
        Value::Array(list) => list
            .iter()
            .find(|x| x.get("selector").is_some())
            .ok_or("none of its targets has a selector")?,
        Value::String(_) => return Err("its target is an address with no selector".into()),
        other => other,
    };
    let source = t
        .get("source")
        .and_then(Value::as_str)
        .ok_or("the target has no source")?;
    let selectors: Vec<&Value> = match t.get("selector") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(one) => vec![one],
        None => Vec::new(),
    };
    let mut selector = Vec::new();
    for s in selectors {
        if has_type(s, "TextQuoteSelector") {
            let part = |k: &str| s.get(k).and_then(Value::as_str).map(str::to_string);
            selector.push(Selector::TextQuoteSelector {
                exact: part("exact").ok_or("a TextQuoteSelector has no exact text")?,
                prefix: part("prefix").unwrap_or_default(),
                suffix: part("suffix").unwrap_or_default(),
            });
        } else if has_type(s, "TextPositionSelector") {
            let at = |k: &str| s.get(k).and_then(Value::as_u64).map(|n| n as usize);
            match (at("start"), at("end")) {
                (Some(start), Some(end)) if start <= end => {
                    selector.push(Selector::TextPositionSelector { start, end })
                }
                _ => {
                    return Err("a TextPositionSelector needs whole numbers start <= end".into());
                }
            }
        }
    }
    if selector.is_empty() {
        return Err("the target has no TextQuoteSelector or TextPositionSelector".into());
    }
    Ok(Target {
        source: source_from_iri(source),
        fingerprint: t
            .get(FINGERPRINT)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        selector,
    })
}

/// An absolute path as a `file:` IRI (a feed entry's number stays its fragment); other
/// sources (`demo:…`, web addresses) are IRIs already.
fn source_iri(source: &str) -> String {
    if !source.starts_with('/') {
        return source.to_string();
    }
    let (path, entry) = match source.rsplit_once('#') {
        Some((p, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => (p, Some(n)),
        _ => (source, None),
    };
    let mut out = String::from("file://");
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if let Some(n) = entry {
        out.push('#');
        out.push_str(n);
    }
    out
}

/// The path of a `file:` IRI; anything else as it is.
fn source_from_iri(iri: &str) -> String {
    let Some(rest) = iri.strip_prefix("file://") else {
        return iri.to_string();
    };
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |j: usize| bytes.get(j).and_then(|b| (*b as char).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| iri.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_iris_round_trip() {
        for s in [
            "/b/a.txt",
            "/b/with space/été #1.txt",
            "/b/feed.xml#3",
            "/b/odd%41.txt",
            "demo:01-meridian-ledger.txt",
            "https://example.org/a?b=c#d",
        ] {
            assert_eq!(source_from_iri(&source_iri(s)), s, "{}", source_iri(s));
        }
        assert_eq!(source_iri("/b/a b.txt"), "file:///b/a%20b.txt");
        assert_eq!(source_iri("/b/feed.xml#3"), "file:///b/feed.xml#3");
    }

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
}
