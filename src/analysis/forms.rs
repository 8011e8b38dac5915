//! The written forms a mention takes beyond the name itself: an adjective made from a name
//! ("US-led", "Iranian-funded": a mention of "US", of "Iranian"), a name glued to the word
//! before it by a lost space ("ButHammond": a mention of "Hammond"), and the variants of one
//! value ("US$200 million" and "$200 million", "2:50 p.m." and "2:50 pm").

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::entities::Kind;
use super::gazetteer::{Gazetteer, List};

/// Where the name ends in an adjective made from it: the byte offset of the hyphen in
/// "US-led" or "Iranian-funded" (a hyphen, then only lower-case letters to the end), if a
/// name with letters stands before it.
pub fn adjectival_end(name: &str) -> Option<usize> {
    let at = name.rfind('-')?;
    let tail = &name[at + 1..];
    let before = &name[..at];
    (!tail.is_empty()
        && tail.chars().all(char::is_lowercase)
        && before.chars().any(char::is_uppercase)
        && !before.ends_with('-'))
    .then_some(at)
}

/// Where a name glued to the word before it starts: "ButHammond" -> 3, when the text writes
/// that word ("but") on its own in lower case somewhere. "McDonald" and "DeVries" stay whole:
/// nobody writes "mc" or "de" as a word... except in some languages, so the prefix must be a
/// word of three letters or more, too.
pub fn glued_start(name: &str, lower_words: &LowerWords) -> Option<usize> {
    let first_word = name.split(|c: char| !c.is_alphabetic()).next()?;
    let mut prev: Option<char> = None;
    for (i, c) in first_word.char_indices() {
        if c.is_uppercase() && prev.is_some_and(char::is_lowercase) {
            let prefix = &first_word[..i];
            let rest = &first_word[i..];
            return (prefix.chars().count() >= 3
                && rest.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && lower_words.has(&prefix.to_lowercase()))
            .then_some(i);
        }
        prev = Some(c);
    }
    None
}

/// The words a text writes in lower case, read once on first use.
pub struct LowerWords<'t> {
    text: &'t str,
    words: std::cell::OnceCell<HashSet<&'t str>>,
}

impl<'t> LowerWords<'t> {
    pub fn new(text: &'t str) -> LowerWords<'t> {
        LowerWords {
            text,
            words: Default::default(),
        }
    }

    pub fn has(&self, word: &str) -> bool {
        self.words
            .get_or_init(|| {
                self.text
                    .split(|c: char| !c.is_alphabetic())
                    .filter(|w| w.starts_with(char::is_lowercase) && w.len() <= 24)
                    .collect()
            })
            .contains(word)
    }
}

/// The type a name's own lists give it: a country or place is a place, a nationality or
/// faith other, a listed organisation, paper, club or group an organisation.
pub fn listed_kind(gaz: &Gazetteer, name: &str) -> Option<Kind> {
    let words: Vec<&str> = super::tokens::tokenize(name)
        .iter()
        .map(|t| t.of(name))
        .collect();
    let hits = gaz.hits(&words);
    let whole = hits.first()?.begin;
    let mask = |l: List| whole & (1 << l as u16) != 0;
    // A match must span the whole name: no token may start another match of its own.
    if words.len() > 1 && hits[1..].iter().any(|h| h.inside & whole == 0) {
        return None;
    }
    if mask(List::Country) || mask(List::Place) {
        Some(Kind::Place)
    } else if mask(List::Demonym) {
        Some(Kind::Misc)
    } else if mask(List::Org) || mask(List::Media) || mask(List::Club) || mask(List::Group) {
        Some(Kind::Org)
    } else {
        None
    }
}

/// Cuts adjectival and glued forms down to the name in them: "US-led" becomes "US" (of the
/// type the article gives "US" elsewhere, else the type its lists give it), "ButHammond"
/// becomes "Hammond". A form with nothing of a name left is dropped.
pub fn trim_forms(text: &str, names: &mut Vec<(usize, usize, Kind)>) {
    let lower = LowerWords::new(text);
    let mut cut = false;
    for (s, e, _) in names.iter_mut() {
        let surface = &text[*s..*e];
        if let Some(at) = adjectival_end(surface) {
            *e = *s + at;
            cut = true;
        }
        if let Some(at) = glued_start(&text[*s..*e], &lower) {
            *s += at;
            cut = true;
        }
    }
    if !cut {
        return;
    }
    // The type each name has where the article writes it whole.
    let mut whole: HashMap<&str, Kind> = HashMap::new();
    for &(s, e, k) in names.iter() {
        let before = text[..s].chars().next_back();
        let after = text[e..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && after != Some('-') {
            whole.entry(&text[s..e]).or_insert(k);
        }
    }
    let gaz = &super::Tagger::embedded().gazetteer;
    let mut out = Vec::with_capacity(names.len());
    for &(s, e, k) in names.iter() {
        let name = &text[s..e];
        if !name.chars().any(char::is_alphabetic) {
            continue;
        }
        let adjectival = text[e..].starts_with('-');
        let glued = text[..s]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic);
        let kind = if adjectival || glued {
            whole
                .get(name)
                .copied()
                .or_else(|| listed_kind(gaz, name))
                .unwrap_or(k)
        } else {
            k
        };
        out.push((s, e, kind));
    }
    *names = out;
}

/// Splits names at a slash between words ("Rui Monteagudo / Northwind Images", "AFP/File":
/// a photo credit is a person and an agency, never one name) and drops the parts that are
/// page furniture (`furniture`). A part takes its own type when its words say so: a given
/// name first makes a person, an organisation's word last ("Images", "Times") or a listed
/// paper or agency an organisation.
pub fn split_credits(
    text: &str,
    names: &mut Vec<(usize, usize, Kind)>,
    furniture: impl Fn(&str) -> bool,
) {
    if !names.iter().any(|&(s, e, _)| text[s..e].contains('/')) {
        return;
    }
    let gaz = &super::Tagger::embedded().gazetteer;
    let mut out = Vec::with_capacity(names.len() + 4);
    for &(s, e, kind) in names.iter() {
        if !text[s..e].contains('/') {
            out.push((s, e, kind));
            continue;
        }
        let mut from = s;
        for part in text[s..e].split('/') {
            let lead = part.len() - part.trim_start().len();
            let (ps, pe) = (from + lead, from + part.trim_end().len());
            from += part.len() + 1;
            let name = &text[ps..pe];
            if name.is_empty() || furniture(name) || !name.chars().any(char::is_alphabetic) {
                continue;
            }
            out.push((ps, pe, part_kind(gaz, name).unwrap_or(kind)));
        }
    }
    *names = out;
}

/// The type the words of a name give it, if they do: a given name first makes a person; an
/// organisation's word last, or a listed paper, agency or organisation, an organisation.
fn part_kind(gaz: &Gazetteer, name: &str) -> Option<Kind> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let hits = gaz.hits(&words);
    let has = |h: u16, l: List| h & (1 << l as u16) != 0;
    if let Some(k) = listed_kind(gaz, name) {
        return Some(k);
    }
    if words.len() >= 2 && has(hits[0].begin, List::GivenName) {
        return Some(Kind::Person);
    }
    let last = hits.last()?;
    has(last.begin, List::OrgWord).then_some(Kind::Org)
}

/// Types that a name's head word settles whatever the tagger said: a name ending in a word
/// for a building or a feature of the land ("Tagus Riverside Conference Centre", "Yangon
/// River"), or starting with one before "of" ("Palace of Justice"), is a place; a "person"
/// whose last word names an organisation ("Civic Courier", "Charlie Hebdo" is listed) is an
/// organisation.
pub fn settle_heads(text: &str, names: &mut [(usize, usize, Kind)]) {
    let gaz = &super::Tagger::embedded().gazetteer;
    for (s, e, kind) in names.iter_mut() {
        let words: Vec<&str> = text[*s..*e].split_whitespace().collect();
        if words.len() < 2 || *kind == Kind::Place {
            continue;
        }
        let hits = gaz.hits(&words);
        let has = |h: super::gazetteer::Hits, l: List| h.begin & (1 << l as u16) != 0;
        let last = hits[words.len() - 1];
        let facility = has(last, List::FacilityWord)
            || has(hits[0], List::FacilityWord) && matches!(words[1], "of" | "de" | "du");
        if facility && *kind != Kind::Person {
            *kind = Kind::Place;
        } else if *kind == Kind::Person && has(last, List::OrgWord) {
            *kind = Kind::Org;
        }
    }
}

/// The form under which values join: lower case, no spaces, "US$" as "$", "p.m." as "pm".
pub fn value_key(surface: &str) -> Cow<'_, str> {
    let plain = |c: char| c.is_lowercase() || c.is_ascii_digit() || matches!(c, ',' | ':' | '%');
    if surface.chars().all(plain) {
        return Cow::Borrowed(surface);
    }
    let mut s: String = surface
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    if let Some(rest) = s.strip_prefix("us$") {
        s = format!("${rest}");
    }
    Cow::Owned(s.replace("a.m.", "am").replace("p.m.", "pm"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjectives_made_from_names() {
        assert_eq!(adjectival_end("US-led"), Some(2));
        assert_eq!(adjectival_end("Velmoran-funded"), Some(8));
        assert_eq!(adjectival_end("Guinea-Bissau"), None);
        assert_eq!(adjectival_end("al-Abadi"), None);
        assert_eq!(adjectival_end("-led"), None);
    }

    #[test]
    fn glued_names() {
        let lower = LowerWords::new("but he said so, and then");
        assert_eq!(glued_start("ButArkwell", &lower), Some(3));
        assert_eq!(glued_start("AndVolant said", &lower), Some(3));
        // The prefix is not a word the text writes, or too short to tell.
        assert_eq!(glued_start("McDonald", &lower), None);
        assert_eq!(glued_start("MacArthur", &lower), None);
        assert_eq!(glued_start("Arkwell", &lower), None);
    }

    #[test]
    fn forms_are_cut_to_the_name() {
        let text = "The US-led strikes hit. The US said so. ButArkwell met Arkwell, but left.";
        let us_led = (4, 10, Kind::Misc);
        let us = (28, 30, Kind::Place);
        let glued = (40, 50, Kind::Person);
        let arkwell = (55, 62, Kind::Person);
        let mut names = vec![us_led, us, glued, arkwell];
        trim_forms(text, &mut names);
        let got: Vec<(&str, Kind)> = names.iter().map(|&(s, e, k)| (&text[s..e], k)).collect();
        assert_eq!(
            got,
            [
                ("US", Kind::Place),
                ("US", Kind::Place),
                ("Arkwell", Kind::Person),
                ("Arkwell", Kind::Person)
            ]
        );
    }

    #[test]
    fn credits_split_at_slashes() {
        let text = "Rui Vell / Northwind Images. Photo by Ana Reis, AFP/File";
        let mut names = vec![(0, 27, Kind::Org), (48, 56, Kind::Org)];
        split_credits(text, &mut names, |w| w == "File");
        let got: Vec<(&str, Kind)> = names.iter().map(|&(s, e, k)| (&text[s..e], k)).collect();
        assert_eq!(
            got,
            [
                ("Rui Vell", Kind::Person),
                ("Northwind Images", Kind::Org),
                ("AFP", Kind::Org)
            ]
        );
    }

    #[test]
    fn head_words_settle_types() {
        let text = "Palace of Justice, Velmora River, Ostra Courier, Tomas Arkwell, West Bank";
        let mut names = vec![
            (0, 17, Kind::Org),
            (19, 32, Kind::Misc),
            (34, 47, Kind::Person),
            (49, 62, Kind::Person),
            (64, 73, Kind::Place),
        ];
        settle_heads(text, &mut names);
        let kinds: Vec<Kind> = names.iter().map(|n| n.2).collect();
        assert_eq!(
            kinds,
            [
                Kind::Place,
                Kind::Place,
                Kind::Org,
                Kind::Person,
                Kind::Place
            ]
        );
    }

    #[test]
    fn value_variants_join() {
        assert_eq!(value_key("US$200 million"), value_key("$200 million"));
        assert_eq!(value_key("2:50 p.m."), value_key("2:50 pm"));
        assert_eq!(value_key("2:50 PM"), value_key("2:50pm"));
        assert_ne!(value_key("$200 million"), value_key("$300 million"));
        assert!(matches!(value_key("21,000"), Cow::Borrowed(_)));
    }
}
