//! Text said twice: a body pasted twice by the scraper (often once with straight and once
//! with curly quotes), a paragraph repeated, a pull quote that repeats a sentence of the
//! body. Lines are compared by their words (see `signals::key`) through sets of hashes of
//! those keys, so the pass is linear in the size of the text and keeps no copy of it.

use std::collections::hash_map::RandomState;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::signals::{key_hash, sentences, token_count, word_count};
use super::{Item, Role};

/// Drops every later copy of a paragraph of three words or more, captions included.
pub fn drop_repeats(items: &mut [Item]) {
    let state = RandomState::new();
    let mut seen = HashSet::new();
    for item in items.iter_mut() {
        if item.role == Role::Drop || item.verbatim || token_count(&item.text, 3) < 3 {
            continue;
        }
        if !seen.insert(key_hash(&item.text, &state)) {
            item.role = Role::Drop;
        }
    }
}

/// Drops a short paragraph that repeats a sentence (or run of sentences) found inside a
/// longer body paragraph, and the "- Name" attribution line that follows it.
pub fn drop_pull_quotes(items: &mut [Item]) {
    // Word counts once per item: recounting a long paragraph for each of its sentences
    // would be quadratic.
    let counts: Vec<usize> = items.iter().map(|i| i.words as usize).collect();
    // Each sentence (by the hash of its key), with the longest paragraph it is found in.
    // The hashes of each paragraph's sentences are kept (`hashes[spans[i]]`) for the second
    // pass, which looks at the same paragraphs: each sentence is split off and hashed once.
    let state = RandomState::new();
    let mut sentence_home: HashMap<u64, usize> = HashMap::new();
    let mut hashes: Vec<u64> = Vec::new();
    let mut spans: Vec<Range<usize>> = vec![0..0; items.len()];
    for (i, item) in items.iter().enumerate() {
        if item.role != Role::Body || item.verbatim {
            continue;
        }
        let from = hashes.len();
        for s in sentences(&item.text) {
            let hash = key_hash(s, &state);
            hashes.push(hash);
            let home = sentence_home.entry(hash).or_insert(i);
            if counts[*home] < counts[i] {
                *home = i;
            }
        }
        spans[i] = from..hashes.len();
    }
    let mut dropped_last = false;
    for i in 0..items.len() {
        let item = &items[i];
        if item.role == Role::Drop {
            continue;
        }
        let words = counts[i];
        if dropped_last && is_attribution(&item.text) {
            items[i].role = Role::Drop;
            continue;
        }
        dropped_last = false;
        if item.role != Role::Body || item.verbatim || !(5..=40).contains(&words) {
            continue;
        }
        // A body paragraph now was one in the first pass: its sentences were hashed there.
        let elsewhere = hashes[spans[i].clone()].iter().all(|hash| {
            sentence_home
                .get(hash)
                .is_some_and(|&home| home != i && counts[home] > words)
        });
        if elsewhere {
            items[i].role = Role::Drop;
            dropped_last = true;
        }
    }
}

/// "- Ana Silva", "— Minister Ana Silva": who said the quote above.
fn is_attribution(line: &str) -> bool {
    let t = line.trim();
    let rest = t.trim_start_matches(['-', '–', '—', '―', '~']);
    rest.len() < t.len()
        && (1..=6).contains(&word_count(rest))
        && !rest.trim_end().ends_with(['-', '–', '—'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributions_but_not_dashed_headings() {
        assert!(is_attribution("- Ana Silva"));
        assert!(is_attribution("— Ana Silva, minister"));
        assert!(!is_attribution("- A late night -"));
    }
}
