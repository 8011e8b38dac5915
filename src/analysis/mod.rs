//! Named-entity tagging of article text: people, organisations, places and other names
//! (nationalities, events, products), for the reader's entity highlights.
//!
//! A statistical tagger in pure Rust, with no runtime or download: an averaged structured
//! perceptron over hashed token features ([`features`]), decoded with Viterbi over BIO tags so
//! every result is a well-formed span. It runs twice per document: the second pass sees what
//! the first pass said about the same word elsewhere in the article, which keeps "Mira Volant
//! ... Volant said" consistent. The weights were trained on the CoNLL-2003 English training
//! set (Reuters news, 1996) by `src/bin/train-tagger.rs` and are embedded in the binary.
//!
//! Nothing here knows about the terminal: the app calls [`tag_text`] and gets byte ranges.

mod acronyms;
pub mod aliases;
mod brackets;
pub mod chars;
pub mod clusters;
pub mod conll;
mod dates;
pub mod entities;
pub mod features;
pub mod forms;
pub mod gazetteer;
mod heads;
pub mod held;
mod joins;
pub mod known;
pub mod memo;
pub mod model;
mod months;
pub mod repeats;
pub mod rows;
pub mod rules;
#[cfg(test)]
mod scale;
mod spread;
pub mod stored;
pub mod tagger;
pub mod tokens;
pub mod train;
mod value_key;
mod viterbi;

pub use tagger::Tagger;
use unicode_normalization::UnicodeNormalization;

/// The four CoNLL-2003 entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Person,
    Org,
    Place,
    Misc,
}

impl EntityKind {
    pub const ALL: [EntityKind; 4] = [Self::Person, Self::Org, Self::Place, Self::Misc];

    /// The CoNLL label: PER, ORG, LOC or MISC.
    pub fn conll(self) -> &'static str {
        match self {
            Self::Person => "PER",
            Self::Org => "ORG",
            Self::Place => "LOC",
            Self::Misc => "MISC",
        }
    }

    pub fn from_conll(label: &str) -> Option<EntityKind> {
        Self::ALL.into_iter().find(|k| k.conll() == label)
    }
}

/// A BIO tag: outside, beginning or inside of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    O,
    B(EntityKind),
    I(EntityKind),
}

/// Number of tags: O plus B and I for each kind.
pub const N_TAGS: usize = 9;

impl Tag {
    /// Dense index: O = 0, B-kind = 1 + 2k, I-kind = 2 + 2k.
    pub fn index(self) -> u8 {
        match self {
            Tag::O => 0,
            Tag::B(k) => 1 + 2 * k as u8,
            Tag::I(k) => 2 + 2 * k as u8,
        }
    }

    pub fn from_index(i: u8) -> Tag {
        match i {
            0 => Tag::O,
            _ => {
                let kind = EntityKind::ALL[((i - 1) / 2) as usize];
                if i % 2 == 1 {
                    Tag::B(kind)
                } else {
                    Tag::I(kind)
                }
            }
        }
    }

    pub fn kind(self) -> Option<EntityKind> {
        match self {
            Tag::O => None,
            Tag::B(k) | Tag::I(k) => Some(k),
        }
    }

    /// "O", "B-PER", "I-LOC", ...
    pub fn conll(self) -> String {
        match self {
            Tag::O => "O".into(),
            Tag::B(k) => format!("B-{}", k.conll()),
            Tag::I(k) => format!("I-{}", k.conll()),
        }
    }
}

/// One entity found in a text: `text[start..end]` is the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
}

/// Spans of consecutive tokens from BIO tags, as (kind, first, last + 1). A stray I starts a
/// span of its own, as in the CoNLL scorer.
pub fn spans(tags: &[Tag]) -> Vec<(EntityKind, usize, usize)> {
    let mut out = Vec::new();
    let mut cur: Option<(EntityKind, usize)> = None;
    for (i, &tag) in tags.iter().chain([Tag::O].iter()).enumerate() {
        let starts = match tag {
            Tag::O => false,
            Tag::B(_) => true,
            Tag::I(k) => cur.is_none_or(|(c, _)| c != k),
        };
        if let Some((kind, s)) = cur
            && (tag == Tag::O || starts)
        {
            out.push((kind, s, i));
            cur = None;
        }
        if starts {
            cur = tag.kind().map(|k| (k, i));
        }
    }
    out
}

/// Tags a whole article: tokenizes it, splits it into sentences, and tags them together so
/// the document-level features see every sentence. Mentions come in text order.
pub fn tag_text(text: &str) -> Vec<Mention> {
    tag_tokens(text, &tokens::tokenize(text))
}

/// [`tag_text`] with the text already tokenized (`toks` as [`tokens::tokenize`] makes them),
/// for a caller that reads the tokens again.
pub fn tag_tokens(text: &str, toks: &[tokens::Token]) -> Vec<Mention> {
    let sents = tokens::sentences(text, toks);
    // The training text writes headlines in capitals, and the model knows those well; title
    // case it has hardly seen, so it is shown a title-case headline in capitals.
    let mut upper = String::new();
    let mut upper_at: chars::WordMap<usize, std::ops::Range<usize>> = Default::default();
    for r in &sents {
        let own_line = toks[r.start].breaks > 0 || r.start == 0;
        let line_ends = toks.get(r.end).is_none_or(|t| t.breaks > 0);
        if !(own_line && line_ends) {
            continue;
        }
        let words: Vec<&str> = toks[r.clone()].iter().map(|t| t.of(text)).collect();
        if title_case_headline(&words) {
            for (k, w) in words.iter().enumerate() {
                let from = upper.len();
                upper.extend(w.to_uppercase().nfc());
                upper_at.insert(r.start + k, from..upper.len());
            }
        }
    }
    // Letters written with combining accents ("Nguye\u{302}\u{303}n") are shown to the model
    // composed, as the lists, the clusters and the training text write them.
    for (k, t) in toks.iter().enumerate() {
        let w = t.of(text);
        if !w.is_ascii() && !upper_at.contains_key(&k) && w.chars().any(tokens::is_combining_mark) {
            let from = upper.len();
            upper.extend(w.nfc());
            upper_at.insert(k, from..upper.len());
        }
    }
    let word = |k: usize| match upper_at.get(&k) {
        Some(r) => &upper[r.clone()],
        None => toks[k].of(text),
    };
    let tags = Tagger::embedded().tag_words(word, toks.len(), &sents);
    let mut out = Vec::new();
    for range in &sents {
        for (kind, a, b) in spans(&tags[range.clone()]) {
            let (first, last) = (&toks[range.start + a], &toks[range.start + b - 1]);
            out.push(Mention {
                start: first.range().start,
                end: last.range().end,
                kind,
            });
        }
    }
    out
}

/// A line like "Storm Halts Ferry Service Between Dover and Calais": at least three words of
/// letters, three in four of them capitalized (some styles keep "and", "of" in lowercase), at
/// least one of them a word that is not a name in running text, and no full stop at the end.
fn title_case_headline(words: &[&str]) -> bool {
    const SMALL: &[&str] = &[
        "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "by", "with",
        "from", "as", "is", "are", "was", "will", "after", "over", "into", "amid", "says",
    ];
    let alpha: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .collect();
    let capital = alpha
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    let upper = alpha
        .iter()
        .filter(|w| !w.chars().any(char::is_lowercase))
        .count();
    let stop = words.last().is_some_and(|w| matches!(*w, "." | "!" | "?"));
    alpha.len() >= 3
        && capital * 4 >= alpha.len() * 3
        && upper * 2 < alpha.len()
        && alpha
            .iter()
            .skip(1)
            .any(|w| w.len() <= 5 && SMALL.contains(&w.to_lowercase().as_str()))
        && !stop
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_headlines() {
        assert!(title_case_headline(&[
            "Storm", "Halts", "Ferries", "Between", "Dover", "and", "Calais"
        ]));
        assert!(title_case_headline(&["Vell", "Wins", "In", "Ostra"]));
        assert!(!title_case_headline(&[
            "Mira", "Volant", "(", "Zorbia", ")", "2:03.5"
        ]));
        assert!(!title_case_headline(&[
            "The", "Cat", "Sat", "On", "The", "Mat", "."
        ]));
        assert!(!title_case_headline(&["VELL", "WINS", "IN", "OSTRA"]));
    }

    #[test]
    fn names_written_with_combining_accents_are_tagged_as_composed() {
        use unicode_normalization::UnicodeNormalization;
        let text = "Nguyễn Văn Minh, the lead delegate, spoke on Monday. Later, Trần Thu Hà \
                    said the river data would be shared.";
        let names = |t: &str| -> Vec<String> {
            tag_text(t)
                .iter()
                .filter(|m| m.kind == EntityKind::Person)
                .map(|m| aliases::display(&t[m.start..m.end]))
                .collect()
        };
        let composed = names(&text.nfc().collect::<String>());
        assert_eq!(composed, ["Nguyễn Văn Minh", "Trần Thu Hà"]);
        assert_eq!(names(&text.nfd().collect::<String>()), composed);
    }
}
