//! The curated list of well-known names and their aliases (`data/aliases.txt`): which names
//! are one entity, what type it is, and where its longer names stand in a text the tagger
//! split ("Islamic" + "State") or missed.

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::aliases::key;
use super::entities::Kind;

pub struct Known {
    /// Matching form of every listed name -> matching form of its entity's usual name.
    usual: HashMap<String, String>,
    /// Matching form of a usual name -> its type.
    kinds: HashMap<String, Kind>,
    /// Matching form of a usual name -> every listed name, as written.
    forms: HashMap<String, Vec<String>>,
    /// Names of two or more words, found in text as written (first letters capital).
    phrases: AhoCorasick,
    phrase_kinds: Vec<Kind>,
}

impl Known {
    pub fn get() -> &'static Known {
        static KNOWN: OnceLock<Known> = OnceLock::new();
        KNOWN.get_or_init(|| Known::parse(include_str!("../../data/aliases.txt")))
    }

    fn parse(text: &str) -> Known {
        let mut usual = HashMap::new();
        let mut kinds = HashMap::new();
        let mut forms: HashMap<String, Vec<String>> = HashMap::new();
        let mut phrases = Vec::new();
        let mut phrase_kinds = Vec::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut fields = line.split('|').map(str::trim);
            let kind = match fields.next() {
                Some("PERSON") => Kind::Person,
                Some("ORG") => Kind::Org,
                Some("PLACE") => Kind::Place,
                _ => Kind::Misc,
            };
            let names: Vec<&str> = fields.filter(|n| !n.is_empty()).collect();
            let Some(first) = names.first() else { continue };
            let first = key(first);
            kinds.insert(first.clone(), kind);
            forms.insert(first.clone(), names.iter().map(|n| n.to_string()).collect());
            for name in names {
                usual.insert(key(name), first.clone());
                if name.contains(' ') {
                    phrases.push(name.to_string());
                    phrase_kinds.push(kind);
                }
            }
        }
        let phrases = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&phrases)
            .expect("the curated names build a matcher");
        Known {
            usual,
            kinds,
            forms,
            phrases,
            phrase_kinds,
        }
    }

    /// The matching form of the usual name of the entity this name is listed under.
    pub fn usual(&self, key: &str) -> Option<&str> {
        self.usual.get(key).map(String::as_str)
    }

    /// The listed type of a usual name.
    pub fn kind(&self, usual: &str) -> Option<Kind> {
        self.kinds.get(usual).copied()
    }

    /// Every listed name of the entity whose usual name has this matching form.
    pub fn forms(&self, usual: &str) -> &[String] {
        self.forms.get(usual).map_or(&[], Vec::as_slice)
    }

    /// Listed names of two or more words in `text`, whole words only: (start, end, kind).
    pub fn find(&self, text: &str) -> Vec<(usize, usize, Kind)> {
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        self.phrases
            .find_iter(text)
            .filter(|m| {
                !word(text[..m.start()].chars().next_back())
                    && !word(text[m.end()..].chars().next())
            })
            .map(|m| {
                (
                    m.start(),
                    m.end(),
                    self.phrase_kinds[m.pattern().as_usize()],
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_names_their_entity_and_type() {
        let k = Known::get();
        assert_eq!(k.usual("ISIS"), Some("islamic state"));
        assert_eq!(k.usual("US"), Some("united states"));
        assert_eq!(k.usual("britain"), Some("united kingdom"));
        assert_eq!(k.kind("islamic state"), Some(Kind::Org));
        assert_eq!(k.usual("is"), None, "the word is not the acronym");
        let text = "Fighters of the Islamic State group met; Islamic Statehood is not it.";
        let found = k.find(text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].0..found[0].1], "Islamic State");
    }
}
