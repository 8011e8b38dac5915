//! What can be read of a damaged notes file: every note of its `notes` list that parses on
//! its own, when the file was cut short (the notes before the cut), or when one note is
//! malformed (the others). A lenient scan finds where each note begins and ends without
//! trusting the rest of the file, then each note is parsed as usual. Pure.

use super::model::Note;

/// The notes read from a damaged file, and how many of its notes could not be read.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Recovered {
    pub notes: Vec<Note>,
    pub unreadable: usize,
    /// The schema version the file says it has, when it says one.
    pub version: Option<u64>,
}

/// Reads what it can of a notes file (`{"version": …, "briefing": …, "notes": [ … ]}`).
pub fn recover(text: &str) -> Recovered {
    let bytes = text.as_bytes();
    let mut out = Recovered {
        version: version(bytes),
        ..Recovered::default()
    };
    let Some(start) = notes_list(bytes) else {
        return out;
    };
    // A piece that is not a note's start is the rest of a damaged one, counted with it.
    let mut previous_ok = true;
    for (from, to) in elements(bytes, start) {
        let piece = text[from..to].trim();
        if piece.is_empty() {
            continue;
        }
        match serde_json::from_str::<Note>(piece) {
            Ok(note) => {
                out.notes.push(note);
                previous_ok = true;
            }
            Err(_) => {
                if piece.starts_with('{') || previous_ok {
                    out.unreadable += 1;
                }
                previous_ok = resync(piece, &mut out.notes);
            }
        }
    }
    out
}

/// Notes inside a piece that did not parse as one (a note that lost a closing bracket runs
/// on into the next ones): each line that starts with `{`, as the notes file writes a note,
/// is tried as a note's start. True when the piece ends with a note that was read.
fn resync(piece: &str, notes: &mut Vec<Note>) -> bool {
    let mut at = 0;
    let mut last_ok = false;
    while let Some(nl) = piece[at..].find('\n') {
        let line = at + nl + 1;
        let start = line + (piece[line..].len() - piece[line..].trim_start_matches(' ').len());
        at = line;
        if piece[start..].starts_with('{') {
            let mut one = serde_json::Deserializer::from_str(&piece[start..]).into_iter::<Note>();
            last_ok = match one.next() {
                Some(Ok(note)) => {
                    notes.push(note);
                    at = start + one.byte_offset();
                    true
                }
                _ => false,
            };
        }
    }
    last_ok && piece[at..].trim().is_empty()
}

/// Where the top level's `"notes": [` list starts (just after its `[`): found by walking the
/// top-level keys, else, when the start of the file is damaged, by looking for the key.
fn notes_list(bytes: &[u8]) -> Option<usize> {
    top_level_value(bytes, b"notes")
        .filter(|&at| bytes.get(at) == Some(&b'['))
        .map(|at| at + 1)
        .or_else(|| {
            let key = b"\"notes\"";
            (0..bytes.len().saturating_sub(key.len())).find_map(|i| {
                if &bytes[i..i + key.len()] != key {
                    return None;
                }
                let mut at = skip_space(bytes, i + key.len());
                (bytes.get(at) == Some(&b':')).then_some(())?;
                at = skip_space(bytes, at + 1);
                (bytes.get(at) == Some(&b'[')).then_some(at + 1)
            })
        })
}

/// The `version` number at the top level of a notes file, when it is there and whole, even
/// when the rest of the file is damaged.
pub fn version(bytes: &[u8]) -> Option<u64> {
    let at = top_level_value(bytes, b"version")?;
    let digits = bytes[at..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    std::str::from_utf8(&bytes[at..at + digits])
        .ok()?
        .parse()
        .ok()
}

/// Where the value of a top-level key starts, walking the top-level object key by key.
fn top_level_value(bytes: &[u8], wanted: &[u8]) -> Option<usize> {
    let mut at = skip_space(bytes, 0);
    (bytes.get(at) == Some(&b'{')).then_some(())?;
    at += 1;
    loop {
        at = skip_space(bytes, at);
        (bytes.get(at) == Some(&b'"')).then_some(())?;
        let key_end = string_end(bytes, at);
        let key = &bytes[at + 1..key_end.saturating_sub(1).max(at + 1)];
        at = skip_space(bytes, key_end);
        (bytes.get(at) == Some(&b':')).then_some(())?;
        at = skip_space(bytes, at + 1);
        if key == wanted {
            return Some(at);
        }
        at = value_end(bytes, at);
        at = skip_space(bytes, at);
        match bytes.get(at) {
            Some(b',') => at += 1,
            _ => return None,
        }
    }
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
        at += 1;
    }
    at
}

/// Just past the string that starts at `at` (a `"`). A raw line break ends it too: JSON
/// strings cannot hold one, so a string whose closing quote was lost stops at its line.
fn string_end(bytes: &[u8], at: usize) -> usize {
    let mut i = at + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            b'\n' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Just past the value that starts at `at`, with brackets matched leniently (see
/// `elements`).
fn value_end(bytes: &[u8], at: usize) -> usize {
    let mut stack: Vec<u8> = Vec::new();
    let mut i = at;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i = string_end(bytes, i);
                if stack.is_empty() {
                    return i;
                }
                continue;
            }
            b'{' | b'[' => stack.push(bytes[i]),
            b'}' | b']' => {
                close(&mut stack, bytes[i]);
                if stack.is_empty() {
                    return i + 1;
                }
            }
            b',' if stack.is_empty() => return i,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// Pops up to and including the opener that `closer` matches; a stray closer with no
/// opener to match is ignored.
fn close(stack: &mut Vec<u8>, closer: u8) {
    let opener = if closer == b'}' { b'{' } else { b'[' };
    if let Some(at) = stack.iter().rposition(|&b| b == opener) {
        stack.truncate(at);
    }
}

/// The byte ranges of a list's elements, from just after its `[` to its `]` or the end of
/// the text. Brackets are matched by kind, so that an element missing a closer ends at the
/// closer of the element itself; strings end at a line break, so that a lost quote spoils
/// one line, not the rest of the file.
fn elements(bytes: &[u8], start: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut stack: Vec<u8> = Vec::new();
    let mut from = start;
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i = string_end(bytes, i);
                continue;
            }
            b'{' | b'[' => stack.push(bytes[i]),
            b']' if stack.is_empty() => {
                // The list's own end.
                out.push((from, i));
                return out;
            }
            // A stray closer (a note closed early): not the list's end.
            b'}' if stack.is_empty() => {}
            b'}' | b']' => close(&mut stack, bytes[i]),
            b',' if stack.is_empty() => {
                out.push((from, i));
                from = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    // Cut short: the last element is whatever is left (it will not parse if it was cut).
    out.push((from, bytes.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::model::Target;

    fn file(n: usize) -> String {
        let notes: Vec<Note> = (0..n)
            .map(|i| Note {
                id: format!("n{i}"),
                created: format!("2026-01-0{}T00:00:00.000Z", i + 1),
                updated: format!("2026-01-0{}T00:00:00.000Z", i + 1),
                tags: vec!["a".into(), "b \"quoted\" [x] {y}".into()],
                text: format!("note {i}, with a comma, a ] and a }} and \"quotes\"\nand lines"),
                target: Target::new("/b/a.txt", "The quay will be repaired.", 4, 8),
                deleted: false,
            })
            .collect();
        serde_json::to_string_pretty(&serde_json::json!({
            "version": 1, "briefing": "b \"notes\": [", "notes": notes
        }))
        .unwrap()
    }

    #[test]
    fn a_whole_file_gives_every_note() {
        let r = recover(&file(3));
        assert_eq!((r.notes.len(), r.unreadable, r.version), (3, 0, Some(1)));
    }

    #[test]
    fn a_file_cut_anywhere_gives_the_notes_before_the_cut() {
        let text = file(4);
        let ends: Vec<usize> = text.match_indices("\n    }").map(|(i, _)| i + 6).collect();
        for cut in 0..text.len() {
            if !text.is_char_boundary(cut) {
                continue;
            }
            let r = recover(&text[..cut]);
            let whole = ends.iter().filter(|&&e| e <= cut).count();
            assert_eq!(r.notes.len(), whole, "cut at {cut}");
            assert!(r.unreadable <= 1, "cut at {cut}");
            let ids: Vec<String> = (0..whole).map(|i| format!("n{i}")).collect();
            assert_eq!(
                r.notes.iter().map(|n| &n.id).collect::<Vec<_>>(),
                ids.iter().collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn one_malformed_note_costs_only_itself() {
        let text = file(3);
        let second = text.find("\"n1\"").unwrap();
        for damage in ["\"n1", "n1\"", "{\"n1\"", "[\"n1\"", "\"n1\"}", "tru"] {
            let mut bad = text.clone();
            bad.replace_range(second..second + 4, damage);
            let r = recover(&bad);
            let ids: Vec<&str> = r.notes.iter().map(|n| n.id.as_str()).collect();
            assert_eq!(ids, ["n0", "n2"], "{damage}: {bad}");
            assert_eq!(r.unreadable, 1, "{damage}");
        }
    }

    #[test]
    fn a_damaged_start_still_finds_the_list() {
        let text = file(2);
        let bad = format!("\u{0}\u{0}garbage{}", &text[20..]);
        assert_eq!(recover(&bad).notes.len(), 2);
        assert_eq!(recover("").notes.len(), 0);
        assert_eq!(recover("[[[[").notes.len(), 0);
        assert_eq!(recover("{\"version\": 9, \"notes\": []}").version, Some(9));
    }
}
