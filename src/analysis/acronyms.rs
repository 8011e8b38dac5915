//! A name followed by its acronym in brackets ("State Law and Order Restoration Council (
//! SLORC )", "U.N. Interim Force in Lebanon ( UNIFIL )") is one name, and the acronym names
//! the same thing: the words whose initials spell the acronym are one name of the acronym's
//! type. In the training text every such pair but one whose name is longer than its initials
//! is tagged so; the tagger, word by word, cuts the long name at a small word or types the
//! acronym apart. Decoding such a sentence chooses the best of the readings that keep them
//! together: the pair as a name of each type, or neither a name.

use super::brackets::{any_bracket, viterbi_balanced};
use super::viterbi::viterbi_into;
use super::{EntityKind, N_TAGS, Tag};

/// Small words that an acronym may skip or keep ("and" in SLORC, "in" in UNIFIL).
const SMALL: &[&str] = &[
    "of", "the", "and", "for", "in", "on", "de", "du", "des", "la", "le", "&", "-",
];

/// The letters an acronym is spelt with: capitals and digits, dots left out, and a plural's
/// final "s" ("GDRs"); `None` unless it is two to eight of them.
fn letters(word: &str) -> Option<Vec<char>> {
    let word = word.strip_suffix('s').unwrap_or(word);
    let out: Vec<char> = word.chars().filter(|&c| c != '.').collect();
    let ok =
        (2..=8).contains(&out.len()) && out.iter().all(|c| c.is_uppercase() || c.is_ascii_digit());
    ok.then_some(out)
}

/// What a word of the name gives the acronym: a dotted acronym ("U.N.") all its capitals,
/// another word its first letter in upper case.
fn initials(word: &str) -> Vec<char> {
    if word.contains('.') && word.chars().filter(|c| c.is_uppercase()).count() > 1 {
        return word.chars().filter(|c| c.is_uppercase()).collect();
    }
    word.chars()
        .next()
        .into_iter()
        .flat_map(char::to_uppercase)
        .collect()
}

/// Whether the initials of `words` spell `acr`, each small word giving its initial or nothing.
fn spells(words: &[&str], acr: &[char]) -> bool {
    let Some((first, rest)) = words.split_first() else {
        return acr.is_empty();
    };
    let small = SMALL.contains(&first.to_lowercase().as_str());
    let own = initials(first);
    (small && spells(rest, acr))
        || (acr.starts_with(&own) && !own.is_empty() && spells(rest, &acr[own.len()..]))
}

/// Where a sentence writes a name and its acronym: (first word of the name, the opening
/// bracket), the acronym the one word between that bracket and its close. The name is the
/// shortest run of capitalized words (small words between them) before the bracket whose
/// initials spell the acronym.
pub fn sites(words: &[&str]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for i in 1..words.len().saturating_sub(2) {
        if words[i] != "(" || words[i + 2] != ")" {
            continue;
        }
        let Some(acr) = letters(words[i + 1]) else {
            continue;
        };
        for j in (0..i).rev() {
            let small = SMALL.contains(&words[j].to_lowercase().as_str());
            if !small && !words[j].starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
                break;
            }
            if !small && spells(&words[j..i], &acr) {
                out.push((j, i));
                break;
            }
        }
    }
    out
}

/// The score of the tag path `tags` (transitions `masked` as [`viterbi_balanced`] takes them).
fn path_score(em: &[[f32; N_TAGS]], masked: &[[f32; N_TAGS]; N_TAGS + 1], tags: &[u8]) -> f32 {
    let mut prev = N_TAGS;
    let mut s = 0.0;
    for (row, &t) in em.iter().zip(tags) {
        s += masked[prev][t as usize] + row[t as usize];
        prev = t as usize;
    }
    s
}

/// `em` with only `kind`'s reading of a site left (`None`: neither a name): the name's first
/// word B (or I, going on from a name before it), its other words I, the acronym B, the
/// brackets O.
fn only(em: &mut [[f32; N_TAGS]], (j, i): (usize, usize), kind: Option<EntityKind>) {
    let keep = |row: &mut [f32; N_TAGS], tags: &[Tag]| {
        for (t, x) in row.iter_mut().enumerate() {
            if !tags.iter().any(|g| g.index() as usize == t) {
                *x = f32::NEG_INFINITY;
            }
        }
    };
    let (b, inside) = match kind {
        Some(k) => (Tag::B(k), Tag::I(k)),
        None => (Tag::O, Tag::O),
    };
    keep(&mut em[j], &[b, inside]);
    for row in &mut em[j + 1..i] {
        keep(row, &[inside]);
    }
    keep(&mut em[i], &[Tag::O]);
    keep(&mut em[i + 1], &[b]);
    keep(&mut em[i + 2], &[Tag::O]);
}

/// The reading `tags` already give a site, if they give it one of them: the type of a name
/// with its acronym (the best path is then the best under the site's constraint too).
fn reading(tags: &[u8], (j, i): (usize, usize)) -> Option<EntityKind> {
    let Tag::B(k) = Tag::from_index(tags[i + 1]) else {
        return None;
    };
    let inside = Tag::I(k).index();
    let together = (tags[j] == Tag::B(k).index() || tags[j] == inside)
        && tags[j + 1..i].iter().all(|&t| t == inside)
        && tags[i] == 0
        && tags[i + 2] == 0;
    together.then_some(k)
}

/// [`viterbi_balanced`], with each name and its acronym ([`sites`]) read together: where
/// the best path reads the site otherwise, the site takes the best of its readings as a name
/// of each type or as none.
pub fn viterbi_acronyms(
    words: &[&str],
    em: &[[f32; N_TAGS]],
    masked: &[[f32; N_TAGS]; N_TAGS + 1],
    back: &mut Vec<[u8; N_TAGS]>,
    out: &mut [u8],
) {
    if !any_bracket(words) {
        return viterbi_into(em, masked, back, out);
    }
    viterbi_balanced(words, em, masked, back, out);
    let found = sites(words);
    if found.is_empty() {
        return;
    }
    let mut fixed = em.to_vec();
    let mut tags = vec![0u8; out.len()];
    let mut changed = false;
    for &(j, i) in &found {
        if out[j..=i + 2].iter().all(|&t| t == 0) {
            continue;
        }
        if let Some(kind) = reading(out, (j, i)) {
            only(&mut fixed, (j, i), Some(kind));
            continue;
        }
        let mut best: Option<(f32, Vec<[f32; N_TAGS]>)> = None;
        let readings = EntityKind::ALL.iter().map(|&k| Some(k)).chain([None]);
        for kind in readings {
            let mut trial = fixed.clone();
            only(&mut trial, (j, i), kind);
            viterbi_balanced(words, &trial, masked, back, &mut tags);
            let s = path_score(&trial, masked, &tags);
            if s.is_finite() && best.as_ref().is_none_or(|(b, _)| s > *b) {
                best = Some((s, trial));
            }
        }
        if let Some((_, trial)) = best {
            fixed = trial;
            changed = true;
        }
    }
    if changed {
        viterbi_balanced(words, &fixed, masked, back, out);
    }
}

#[cfg(test)]
mod tests {
    use super::super::EntityKind::{Misc, Org};
    use super::super::model::mask;
    use super::*;

    #[test]
    fn names_and_their_acronyms_are_found() {
        let words = "the State Law and Order Restoration Council ( SLORC ) met".split(' ');
        assert_eq!(sites(&words.collect::<Vec<_>>()), [(1, 7)]);
        let words = "at the U.N. Interim Force in Lebanon ( UNIFIL )".split(' ');
        assert_eq!(sites(&words.collect::<Vec<_>>()), [(2, 7)]);
        let words = "sold Global Depositary Receipts ( GDRs ) .".split(' ');
        assert_eq!(sites(&words.collect::<Vec<_>>()), [(1, 4)]);
        // Not an acronym of the words before it, or not an acronym at all.
        let words = "the Harbour Board ( HX ) and Mira ( Vell )".split(' ');
        assert!(sites(&words.collect::<Vec<_>>()).is_empty());
        let words = "figures for the first half ( IAS )".split(' ');
        assert!(sites(&words.collect::<Vec<_>>()).is_empty());
    }

    #[test]
    fn a_name_and_its_acronym_are_read_together() {
        let words: Vec<&str> = "the Harbour Law and Order Board ( HLOB ) met"
            .split(' ')
            .collect();
        let (b, i, o) = (Tag::B(Org), Tag::I(Org), Tag::O);
        // Word by word: the name is cut at "and", and the acronym is a MISC.
        let mut em = vec![[0f32; N_TAGS]; words.len()];
        let like = [
            (0, o, 1.0),
            (1, b, 3.0),
            (2, i, 3.0),
            (3, o, 2.0),
            (3, i, 1.5),
            (4, b, 3.0),
            (4, i, 2.5),
            (5, i, 3.0),
            (6, o, 1.0),
            (7, Tag::B(Misc), 2.0),
            (7, b, 1.8),
            (8, o, 1.0),
            (9, o, 1.0),
        ];
        for (k, t, s) in like {
            em[k][t.index() as usize] = s;
        }
        let masked = mask(&[[0.0; N_TAGS]; N_TAGS + 1]);
        let mut plain = vec![0u8; words.len()];
        viterbi_balanced(&words, &em, &masked, &mut Vec::new(), &mut plain);
        let plain: Vec<Tag> = plain.into_iter().map(Tag::from_index).collect();
        assert_eq!(plain, [o, b, i, o, b, i, o, Tag::B(Misc), o, o]);
        let mut got = vec![0u8; words.len()];
        viterbi_acronyms(&words, &em, &masked, &mut Vec::new(), &mut got);
        let got: Vec<Tag> = got.into_iter().map(Tag::from_index).collect();
        assert_eq!(got, [o, b, i, i, i, i, o, b, o, o]);
    }
}
