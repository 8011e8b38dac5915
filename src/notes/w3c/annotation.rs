//! One W3C Web Annotation as a note: the checks and the reading of its parts (bodies,
//! target, selectors), with the reason an annotation cannot be a note. Pure.

use serde_json::{Map, Value};

use super::iri::source_from_iri;
use super::{FINGERPRINT, NOTE_IRI};
use crate::notes::model::{Note, Selector, Target};

/// True when `v`'s type (one or a list) is `wanted`.
pub(super) fn has_type(v: &Value, wanted: &str) -> bool {
    match v.get("type") {
        Some(Value::String(t)) => t == wanted,
        Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str() == Some(wanted)),
        _ => false,
    }
}

/// The note an annotation stands for, or why it cannot be one.
pub(super) fn note_from(a: &Value, now: &str) -> Result<Note, String> {
    let Value::Object(obj) = a else {
        return Err("not an object".into());
    };
    if obj.contains_key("type") && !has_type(a, "Annotation") {
        return Err(format!(
            "its type is {}, not Annotation",
            short(&obj["type"].to_string())
        ));
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
    // A missing update time is the creation time. With neither, the note is undated: it is
    // given `now` as its creation time and no update time, so that it never wins a merge
    // against a dated copy (the caller dates it when it is new).
    let dated = text_of("created").or(text_of("modified"));
    let created = dated.unwrap_or(now).to_string();
    let updated = text_of("modified")
        .or(dated)
        .unwrap_or_default()
        .to_string();
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
            let tag = crate::app::annotate::normalise_tag(value);
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

/// Text from the file for a one-line message: at most 60 characters, no controls.
pub(super) fn short(text: &str) -> String {
    let line = crate::sanitize::sanitize_line(text);
    match line.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line,
    }
}
