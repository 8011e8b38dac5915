//! Small curated name lists (under `data/gazetteer/`, written for this project), matched
//! case-insensitively so that all-caps headlines hit them too. They are features, not rules:
//! the model learns how far to trust each list ("Chad", "Jordan" and "US" are also other
//! things), so the lists can stay short and general.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::tagger::KeyHasher;

/// Which list an entry comes from; the bit in [`Gazetteer::spans`] masks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Country = 0,
    Place = 1,
    Org = 2,
    Demonym = 3,
    GivenName = 4,
    OrgWord = 5,
    Media = 6,
    Club = 7,
    Group = 8,
    FacilityWord = 9,
}

pub const LISTS: [List; 10] = [
    List::Country,
    List::Place,
    List::Org,
    List::Demonym,
    List::GivenName,
    List::OrgWord,
    List::Media,
    List::Club,
    List::Group,
    List::FacilityWord,
];

const SOURCES: [(List, &str); 10] = [
    (
        List::Country,
        include_str!("../../data/gazetteer/countries.txt"),
    ),
    (List::Place, include_str!("../../data/gazetteer/places.txt")),
    (List::Org, include_str!("../../data/gazetteer/orgs.txt")),
    (
        List::Demonym,
        include_str!("../../data/gazetteer/demonyms.txt"),
    ),
    (
        List::GivenName,
        include_str!("../../data/gazetteer/people.txt"),
    ),
    (
        List::OrgWord,
        include_str!("../../data/gazetteer/org_words.txt"),
    ),
    (List::Media, include_str!("../../data/gazetteer/media.txt")),
    (List::Club, include_str!("../../data/gazetteer/clubs.txt")),
    (List::Group, include_str!("../../data/gazetteer/groups.txt")),
    (
        List::FacilityWord,
        include_str!("../../data/gazetteer/facility_words.txt"),
    ),
];

/// Longest entry, in tokens, that matching tries.
const MAX_LEN: usize = 5;

/// Entries keyed by a hash of their lowercased tokens; the value is a bit mask of lists (none
/// for the first words of a longer entry).
pub struct Gazetteer {
    entries: HashMap<u64, u16, BuildHasherDefault<KeyHasher>>,
}

/// Per token: for each list, whether the token begins (`begin`) or continues (`inside`) a
/// matched entry; bit `n` stands for list `n`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hits {
    pub begin: u16,
    pub inside: u16,
}

/// Hash of one lowercased word.
fn word_hash(w: &str) -> u64 {
    let step = |h: u64, c: u64| (h ^ c).wrapping_mul(0x100_0000_01b3);
    let h = 0xcbf2_9ce4_8422_2325u64;
    if w.is_ascii() {
        // The lower case of an ASCII letter is one ASCII letter.
        w.bytes()
            .fold(h, |h, b| step(h, b.to_ascii_lowercase() as u64))
    } else {
        w.chars()
            .flat_map(char::to_lowercase)
            .fold(h, |h, c| step(h, c as u64))
    }
}

/// Extends the hash of a token sequence by one word's hash, so that matching can grow a
/// candidate one token at a time.
fn extend(seq: u64, word: u64) -> u64 {
    (seq ^ word)
        .wrapping_mul(0x9e37_79b9_7f4a_7c15)
        .rotate_left(31)
}

impl Gazetteer {
    /// The lists compiled into the binary, made on first use and kept (a few kilobytes):
    /// what finding names needs without the tagger's model.
    pub fn embedded() -> &'static Gazetteer {
        static CELL: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
        CELL.get_or_init(Gazetteer::builtin)
    }

    /// The lists compiled into the binary.
    pub fn builtin() -> Gazetteer {
        let mut entries = HashMap::default();
        for (list, text) in SOURCES {
            for line in text.lines().map(str::trim) {
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                // Entries are tokenized the way article text is, so "U.S." and "Guinea-Bissau"
                // match the same token sequences.
                let toks = super::tokens::tokenize(line);
                let mut key = 0;
                for (k, t) in toks.iter().enumerate() {
                    key = extend(key, word_hash(t.of(line)));
                    // The entry's shorter beginnings are kept too (of no list), so that
                    // matching stops where no entry goes on.
                    let e = entries.entry(key).or_insert(0);
                    if k + 1 == toks.len() {
                        *e |= 1 << list as u16;
                    }
                }
            }
        }
        Gazetteer { entries }
    }

    /// Longest match per list starting at each token.
    pub fn hits(&self, words: &[&str]) -> Vec<Hits> {
        let hashes: Vec<u64> = words.iter().map(|w| word_hash(w)).collect();
        let mut out = vec![Hits::default(); words.len()];
        for start in 0..words.len() {
            let longest = MAX_LEN.min(words.len() - start);
            // Matching lengths, shortest first; the longest match per list wins below.
            let mut found = [(0usize, 0u16); MAX_LEN];
            let mut h = 0;
            for len in 1..=longest {
                h = extend(h, hashes[start + len - 1]);
                // No entry begins with these words: none goes on from them either.
                let Some(&mask) = self.entries.get(&h) else {
                    break;
                };
                found[len - 1] = (len, mask);
            }
            let mut done = 0u16;
            for &(len, mask) in found[..longest].iter().rev() {
                let new = mask & !done;
                if new == 0 {
                    continue;
                }
                done |= mask;
                out[start].begin |= new;
                for hit in &mut out[start + 1..start + len] {
                    hit.inside |= new;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_multiword_entries_in_any_case() {
        let g = Gazetteer::builtin();
        let words = ["IN", "NEW", "YORK", "AND", "Sri", "Lanka"];
        let hits = g.hits(&words);
        let place = 1 << List::Place as u16;
        let country = 1 << List::Country as u16;
        assert_eq!(hits[1].begin & place, place);
        assert_eq!(hits[2].inside & place, place);
        assert_eq!(hits[4].begin & country, country);
        assert_eq!(hits[5].inside & country, country);
        assert_eq!(hits[3], Hits::default());
    }
}
