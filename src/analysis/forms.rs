//! The written forms a mention takes beyond the name itself: an adjective made from a name
//! ("US-led", "Iranian-funded": a mention of "US", of "Iranian"), a name glued to the word
//! before it by a lost space ("ButHammond": a mention of "Hammond"), and the variants of one
//! value ("US$200 million" and "$200 million", "2:50 p.m." and "2:50 pm").

use std::collections::{HashMap, HashSet};

pub use super::chars::LowerWords;
use super::chars::is_alphabetic;
use super::entities::Kind;
use super::gazetteer::{Gazetteer, List};

pub use super::heads::{dateline_agencies, join_agreements, settle_heads, split_credits};

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

/// Prefixes that make an adjective of a name without being part of it ("Anti-IS talks",
/// "pro-Kremlin groups", "ex-Soviet states").
const PREFIXES: &[&str] = &["anti", "pro", "ex", "non", "neo", "post", "pre"];

/// Where the name starts after such a prefix and its hyphen: "Anti-IS" -> 5.
pub fn prefixed_start(name: &str) -> Option<usize> {
    let (prefix, rest) = name.split_once('-')?;
    (PREFIXES.iter().any(|p| prefix.eq_ignore_ascii_case(p))
        && rest.starts_with(char::is_uppercase))
    .then_some(prefix.len() + 1)
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

/// Cuts adjectival and glued forms down to the name in them: "US-led" and "Anti-US" become
/// "US" (of the
/// type the article gives "US" elsewhere, else the type its lists give it), "ButHammond"
/// becomes "Hammond" (when the article also writes "Hammond" on its own, or a list names
/// it). A form with nothing of a name left is dropped.
pub fn trim_forms(text: &str, names: &mut Vec<(usize, usize, Kind)>, lower: &LowerWords) {
    let mut cut = false;
    // "Iranian-funded Shia": the adjective is one mention ("Iranian"), the rest another.
    let mut split = Vec::new();
    for (s, e, _) in names.iter_mut() {
        let surface = &text[*s..*e];
        if let Some(space) = surface.find(' ') {
            let first = &surface[..space];
            if adjectival_end(first).is_some()
                && surface[space..].trim().chars().any(char::is_uppercase)
            {
                let rest = *s
                    + space
                    + 1
                    + (surface[space + 1..].len() - surface[space + 1..].trim_start().len());
                split.push((rest, *e));
                *e = *s + space;
            }
        }
    }
    for (rs, re) in split {
        names.push((rs, re, Kind::Misc));
        cut = true;
    }
    for (s, e, _) in names.iter_mut() {
        let surface = &text[*s..*e];
        if let Some(at) = adjectival_end(surface) {
            *e = *s + at;
            cut = true;
        }
        if let Some(at) = prefixed_start(&text[*s..*e]) {
            *s += at;
            cut = true;
        }
        if let Some(at) = glued_start(&text[*s..*e], lower) {
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
    let gaz = super::gazetteer::Gazetteer::embedded();
    let mut out = Vec::with_capacity(names.len());
    for &(s, e, k) in names.iter() {
        let name = &text[s..e];
        if !name.chars().any(char::is_alphabetic) {
            continue;
        }
        let adjectival = text[e..].starts_with('-') || text[..s].ends_with('-');
        let glued = text[..s]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic);
        let named = whole.get(name).copied().or_else(|| listed_kind(gaz, name));
        // A glued word is a name only when the article names it on its own too, or a list
        // does: "CoalitionTop officials" (a lost line break) has no "Top" to find.
        if glued && !adjectival && named.is_none() && !written_alone(text, name) {
            continue;
        }
        let kind = if adjectival || glued {
            named.unwrap_or(k)
        } else {
            k
        };
        out.push((s, e, kind));
    }
    *names = out;
}

/// Whether `text` writes `name` somewhere not glued to a letter before it ("Tomas Arkwell"
/// writes "Arkwell").
fn written_alone(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(at, _)| {
        !text[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic)
    })
}

/// The places a name of several words that the article tags somewhere (`names`) is written
/// whole, as (start, end, its type), in text order and not overlapping, outside all-capital
/// lines (`shouting`): the longest name that starts at a word and ends at one, the leftmost
/// first. One pass over the text, looking up only the words that start with the first byte
/// of some name, by the name's first word (a matcher built per article cost more than the
/// pass itself).
pub fn written_whole(
    text: &str,
    names: &[(usize, usize, Kind)],
    shouting: impl Fn(usize) -> bool,
) -> Vec<(usize, usize, Kind)> {
    // By first word: the names that start with it, longest first.
    let mut by_first: HashMap<&str, Vec<(&str, Kind)>> = HashMap::new();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut first_bytes = [false; 256];
    for &(s, e, k) in names {
        let name = &text[s..e];
        if name.len() > super::spread::MAX_BYTES || !seen.insert(name) {
            continue;
        }
        if let Some(space) = name.find(' ') {
            by_first.entry(&name[..space]).or_default().push((name, k));
            first_bytes[name.as_bytes()[0] as usize] = true;
        }
    }
    if by_first.is_empty() {
        return Vec::new();
    }
    for forms in by_first.values_mut() {
        // Longest first; of equal length, the first the article tags.
        forms.sort_by_key(|(name, _)| std::cmp::Reverse(name.len()));
    }
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let found = (first_bytes[bytes[at] as usize]
            && text.is_char_boundary(at)
            && !word(text[..at].chars().next_back()))
        .then(|| {
            let rest = &text[at..];
            let first = &rest[..rest.find(' ')?];
            by_first.get(first)?.iter().find(|(name, _)| {
                rest.starts_with(name) && !word(rest[name.len()..].chars().next())
            })
        })
        .flatten()
        .filter(|_| !shouting(at));
        match found {
            Some(&(name, kind)) => {
                out.push((at, at + name.len(), kind));
                at += name.len();
            }
            None => at += 1,
        }
    }
    out
}

/// Which of the words of the `shouted` names (indices into `names`) the text writes, in
/// any case, outside all-capital lines: one pass over the text, comparing only words of the
/// right length.
pub fn words_in_body(
    text: &str,
    names: &[(usize, usize, Kind)],
    shouted: &[usize],
    shouting: impl Fn(usize) -> bool,
) -> HashSet<String> {
    let mut wanted: HashSet<String> = HashSet::new();
    for &i in shouted {
        let (s, e, _) = names[i];
        wanted.extend(
            text[s..e]
                .split(|c: char| !is_alphabetic(c))
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase),
        );
    }
    let mut found = HashSet::new();
    if wanted.is_empty() {
        return found;
    }
    let lengths: HashSet<usize> = wanted.iter().map(String::len).collect();
    let mut at = 0;
    for w in text.split(|c: char| !is_alphabetic(c)) {
        let here = at;
        at += w.len()
            + text[at + w.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        if w.is_empty() || !lengths.contains(&w.len()) {
            continue;
        }
        let lower = w.to_lowercase();
        if wanted.contains(&lower) && !found.contains(&lower) && !shouting(here) {
            found.insert(lower);
        }
    }
    found
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
        assert_eq!(prefixed_start("Anti-IS"), Some(5));
        assert_eq!(prefixed_start("pro-Ostra"), Some(4));
        assert_eq!(prefixed_start("Anti-war"), None);
        assert_eq!(prefixed_start("Al-Qaeda"), None);
        assert_eq!(glued_start("McDonald", &lower), None);
        assert_eq!(glued_start("MacArthur", &lower), None);
        assert_eq!(glued_start("Arkwell", &lower), None);
    }

    #[test]
    fn forms_are_cut_to_the_name() {
        let text = "The US-led strikes hit. The US said so. ButArkwell met Arkwell, but left. \
                    A coalition met. CoalitionTop aides came.";
        let us_led = (4, 10, Kind::Misc);
        let us = (28, 30, Kind::Place);
        let glued = (40, 50, Kind::Person);
        let arkwell = (55, 62, Kind::Person);
        let at = text.find("CoalitionTop").expect("in the text");
        let glued_word = (at, at + 12, Kind::Org);
        let mut names = vec![us_led, us, glued, arkwell, glued_word];
        let anti = text.len();
        let text = format!("{text} Anti-US talks.");
        let text = text.as_str();
        names.push((anti + 1, anti + 8, Kind::Misc));
        trim_forms(text, &mut names, &LowerWords::new(text));
        let got: Vec<(&str, Kind)> = names.iter().map(|&(s, e, k)| (&text[s..e], k)).collect();
        assert_eq!(
            got,
            [
                ("US", Kind::Place),
                ("US", Kind::Place),
                ("Arkwell", Kind::Person),
                ("Arkwell", Kind::Person),
                ("US", Kind::Place)
            ]
        );
    }

    #[test]
    fn names_written_whole_and_shouted_words() {
        let text = "The Ostra Grain Council met. Grain Council staff and the Ostra Grain Council \
                    left.\nOSTRA GRAIN COUNCIL";
        let names = vec![(4, 23, Kind::Org), (29, 42, Kind::Misc)];
        let got: Vec<&str> = written_whole(text, &names, |at| at > 82)
            .iter()
            .map(|&(s, e, _)| &text[s..e])
            .collect();
        assert_eq!(
            got,
            [
                "Ostra Grain Council",
                "Grain Council",
                "Ostra Grain Council"
            ]
        );
        // A name glued to the word before it is not written whole there, and does not hide
        // a shorter name inside it.
        let glued = "MidOstra Grain Council met.";
        let got: Vec<&str> = written_whole(glued, &[(3, 22, Kind::Org)], |_| false)
            .iter()
            .map(|&(s, e, _)| &glued[s..e])
            .collect();
        assert!(got.is_empty(), "{got:?}");
        let both = format!("{glued} {text}");
        let names = [(32, 51, Kind::Org), (9, 22, Kind::Org)];
        let got: Vec<&str> = written_whole(&both, &names, |_| false)
            .iter()
            .map(|&(s, e, _)| &both[s..e])
            .collect();
        assert_eq!(got[0], "Grain Council");
        let shouted = vec![(83, 102, Kind::Org)];
        let body = words_in_body(text, &shouted, &[0], |at| at > 82);
        assert_eq!(body.len(), 3);
        assert!(body.contains("council"));
    }
}
