//! Types and spans that a name's words settle whatever the tagger said: a photo credit is a
//! person and an agency ("Rui Vell / Northwind Images"), a name headed by a building's or a
//! landform's word is a place, a paper is no person, and an agreement's name takes in its
//! subject ("the Ostra Accord on Shared Rivers").

use super::entities::Kind;
use super::forms::listed_kind;
use super::gazetteer::{Gazetteer, List};

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
    // Two names with only a slash between them are one credit too ("Ana Vell / Ostra"), but
    // what the tagger made of the second stands unless the first is a person's ("BELGA/AFP"
    // are two agencies): the start of each such pair, with the second name's type.
    names.sort_unstable_by_key(|&(s, e, _)| (s, e));
    let mut joined: Vec<(usize, usize, Kind)> = Vec::with_capacity(names.len());
    let mut pairs: Vec<(usize, Kind)> = Vec::new();
    for &(s, e, kind) in names.iter() {
        match joined.last_mut() {
            Some(last) if last.1 <= s && text[last.1..s].trim() == "/" => {
                pairs.push((last.0, kind));
                last.1 = e;
            }
            _ => joined.push((s, e, kind)),
        }
    }
    *names = joined;
    if !names.iter().any(|&(s, e, _)| text[s..e].contains('/')) {
        return;
    }
    let gaz = super::gazetteer::Gazetteer::embedded();
    let mut out: Vec<(usize, usize, Option<Kind>)> = Vec::with_capacity(names.len() + 4);
    for &(s, e, kind) in names.iter() {
        if !text[s..e].contains('/') {
            out.push((s, e, Some(kind)));
            continue;
        }
        let first_part = out.len();
        let mut from = s;
        for part in text[s..e].split('/') {
            let lead = part.len() - part.trim_start().len();
            let (ps, pe) = (from + lead, from + part.trim_end().len());
            from += part.len() + 1;
            let name = &text[ps..pe];
            if name.is_empty() || furniture(name) || !name.chars().any(char::is_alphabetic) {
                continue;
            }
            out.push((ps, pe, part_kind(gaz, name)));
        }
        // A credit is a person and an agency: a part its words do not settle takes the
        // type the other part leaves ("Henrik Vell / Ostra Post": a person).
        let pair = pairs.iter().find(|p| p.0 == s).map(|p| p.1);
        let parts = &mut out[first_part..];
        let settled: Vec<Kind> = parts.iter().filter_map(|p| p.2).collect();
        let other = match settled[..] {
            [Kind::Org] if pair.is_none() => Some(Kind::Person),
            [Kind::Person] => Some(Kind::Org),
            _ => None,
        };
        for (i, p) in parts.iter_mut().enumerate() {
            if p.2.is_none() {
                let own = pair.filter(|_| i > 0).unwrap_or(kind);
                p.2 = Some(
                    other
                        .filter(|_| parts_len_ok(&text[p.0..p.1]))
                        .unwrap_or(own),
                );
            }
        }
    }
    *names = out
        .into_iter()
        .map(|(s, e, k)| (s, e, k.unwrap_or(Kind::Misc)))
        .collect();
}

/// A credit's part of one to three words can be a person's or an agency's name.
fn parts_len_ok(name: &str) -> bool {
    (1..=3).contains(&name.split_whitespace().count())
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
    let gaz = super::gazetteer::Gazetteer::embedded();
    for (s, e, kind) in names.iter_mut() {
        // A name its lists give one type ("Tal Afar" a town, "Peshmerga" an armed group)
        // takes it. Not one that is also a given name, nor a single word the tagger calls an
        // organisation while its lists say place: clubs are named after their towns.
        if let Some(listed) = listed_kind(gaz, &text[*s..*e])
            && listed != *kind
            && !given_name(gaz, &text[*s..*e])
            && !(listed == Kind::Place && *kind == Kind::Org && !text[*s..*e].contains(' '))
        {
            *kind = listed;
        }
        let words: Vec<&str> = text[*s..*e].split_whitespace().collect();
        if words.len() < 2 || *kind == Kind::Place {
            continue;
        }
        let hits = gaz.hits(&words);
        let has = |h: super::gazetteer::Hits, l: List| h.begin & (1 << l as u16) != 0;
        // A people's adjective before a listed organisation or group is part of its name
        // ("Kurdish Peshmerga", "North Korean Red Cross"): the name is that organisation's.
        if has(hits[0], List::Demonym)
            && let Some((_, rest)) = text[*s..*e].split_once(' ')
            && listed_kind(gaz, rest) == Some(Kind::Org)
        {
            *kind = Kind::Org;
            continue;
        }
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

/// Whether a name's first word is a listed given name ("Sofia").
fn given_name(gaz: &Gazetteer, name: &str) -> bool {
    let first = name.split_whitespace().next().unwrap_or("");
    gaz.hits(&[first])[0].begin & (1 << List::GivenName as u16) != 0
}

/// Words that end the name of an agreement, whose subject may follow after "on", "of" or
/// "for" ("the Lisbon Accord on Shared Rivers" is one name, not two).
const AGREEMENTS: &[&str] = &[
    "Accord",
    "Accords",
    "Treaty",
    "Convention",
    "Agreement",
    "Protocol",
    "Pact",
    "Charter",
    "Declaration",
    "Act",
];

/// The name in brackets that ends a dateline ("LISBON, April 14 (Northgate) - Twelve ...") is
/// the agency that filed the story: an organisation, whatever the tagger made of it (a town's
/// name is a common agency name).
pub fn dateline_agencies(text: &str, names: &mut [(usize, usize, Kind)]) {
    for name in names.iter_mut() {
        let (Some(before), Some(after)) = (
            text[..name.0].strip_suffix('('),
            text[name.1..].strip_prefix(')'),
        ) else {
            continue;
        };
        let dash = after
            .trim_start_matches(' ')
            .starts_with(['-', '\u{2013}', '\u{2014}']);
        let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
        // The place in capitals, a comma, then the date: a short start of a line.
        let place = line.split(',').next().unwrap_or("");
        let capitals = place.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !place.chars().any(char::is_lowercase);
        if dash && capitals && line.contains(',') && line.chars().count() <= 60 {
            name.2 = Kind::Org;
        }
    }
}

/// Joins an agreement's name and its subject into one name of other type (MISC): "Lisbon
/// Accord" + "on" + "Shared Rivers". `names` are in text order.
pub fn join_agreements(text: &str, names: &mut Vec<(usize, usize, Kind)>) {
    let mut i = 0;
    while i + 1 < names.len() {
        let (s, e, _) = names[i];
        let (s2, e2, _) = names[i + 1];
        let last = text[s..e].rsplit(' ').next().unwrap_or("");
        let between = text.get(e..s2).unwrap_or("");
        if AGREEMENTS.contains(&last) && matches!(between, " on " | " of " | " for ") {
            names[i] = (s, e2, Kind::Misc);
            names.remove(i + 1);
        } else {
            if AGREEMENTS.contains(&last) && text[s..e].contains(' ') {
                names[i].2 = Kind::Misc;
            }
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::forms::{LowerWords, trim_forms};

    #[test]
    fn the_name_that_ends_a_dateline_is_the_agency() {
        let text = "VELMORA, May 2 (Ostrava) - Trains stopped.\nThey met in (Ostrava) - a town.\n\
                    Ostrava said (Lena Ostra) - no.";
        let at = |w: &str, from: usize| from + text[from..].find(w).unwrap();
        let mut names: Vec<(usize, usize, Kind)> = [("Ostrava", 0), ("Ostrava", 50), ("Lena", 70)]
            .iter()
            .map(|&(w, from)| {
                let s = at(w, from);
                let e = if w == "Lena" {
                    s + "Lena Ostra".len()
                } else {
                    s + w.len()
                };
                (
                    s,
                    e,
                    if w == "Lena" {
                        Kind::Person
                    } else {
                        Kind::Place
                    },
                )
            })
            .collect();
        dateline_agencies(text, &mut names);
        let kinds: Vec<Kind> = names.iter().map(|n| n.2).collect();
        // Only the first: the others are not at the end of a dateline.
        assert_eq!(kinds, [Kind::Org, Kind::Place, Kind::Person]);
    }

    #[test]
    fn credits_split_at_slashes() {
        let text = "Rui Vell / Northwind Images. Photo by Ana Reis, AFP/File. Vell Arkwen / Ostra \
                    Post";
        let mut names = vec![(0, 27, Kind::Org), (48, 56, Kind::Org), (58, 82, Kind::Org)];
        split_credits(text, &mut names, |w| w == "File");
        let got: Vec<(&str, Kind)> = names.iter().map(|&(s, e, k)| (&text[s..e], k)).collect();
        assert_eq!(
            got,
            [
                ("Rui Vell", Kind::Person),
                ("Northwind Images", Kind::Org),
                ("AFP", Kind::Org),
                ("Vell Arkwen", Kind::Person),
                ("Ostra Post", Kind::Org)
            ]
        );
    }

    #[test]
    fn two_names_with_a_slash_between_are_a_credit() {
        let text = "Photo: Ana Reis / Tidewater";
        let at = |w: &str| {
            let s = text.find(w).unwrap();
            (s, s + w.len(), Kind::Person)
        };
        let mut names = vec![at("Ana Reis"), at("Tidewater")];
        split_credits(text, &mut names, |_| false);
        let got: Vec<(&str, Kind)> = names.iter().map(|&(s, e, k)| (&text[s..e], k)).collect();
        assert_eq!(got, [("Ana Reis", Kind::Person), ("Tidewater", Kind::Org)]);
        // An agency and another name: each keeps what the tagger made of it.
        let text = "Ana Reis, OSTRAPRESS/AFP/File";
        let at = |w: &str, k: Kind| {
            let s = text.find(w).unwrap();
            (s, s + w.len(), k)
        };
        let mut names = vec![
            at("Ana Reis", Kind::Person),
            at("OSTRAPRESS", Kind::Org),
            at("AFP", Kind::Org),
        ];
        split_credits(text, &mut names, |w| w == "File");
        let got: Vec<(&str, Kind)> = names.iter().map(|&(s, e, k)| (&text[s..e], k)).collect();
        assert_eq!(
            got,
            [
                ("Ana Reis", Kind::Person),
                ("OSTRAPRESS", Kind::Org),
                ("AFP", Kind::Org)
            ]
        );
    }

    #[test]
    fn adjectives_inside_names_and_agreements() {
        let text = "Velmoran-funded Ostra militias. The Ostra Accord on Shared Rivers holds.";
        let mut names = vec![(0, 21, Kind::Misc)];
        trim_forms(text, &mut names, &LowerWords::new(text));
        let got: Vec<&str> = names.iter().map(|&(s, e, _)| &text[s..e]).collect();
        assert_eq!(got, ["Velmoran", "Ostra"]);
        let mut names = vec![(36, 48, Kind::Org), (52, 65, Kind::Place)];
        join_agreements(text, &mut names);
        let got: Vec<(&str, Kind)> = names.iter().map(|&(s, e, k)| (&text[s..e], k)).collect();
        assert_eq!(got, [("Ostra Accord on Shared Rivers", Kind::Misc)]);
    }

    #[test]
    fn a_name_its_lists_type_takes_that_type() {
        // Words of the lists, in sentences written for this test.
        let text = "Tal Afar fell. Peshmerga fighters. Sofia said. Mosul won.";
        let mut names = vec![
            (0, 8, Kind::Org),
            (15, 24, Kind::Misc),
            (35, 40, Kind::Person),
            (47, 52, Kind::Org),
        ];
        settle_heads(text, &mut names);
        let kinds: Vec<Kind> = names.iter().map(|n| n.2).collect();
        assert_eq!(kinds, [Kind::Place, Kind::Org, Kind::Person, Kind::Org]);
    }

    #[test]
    fn a_peoples_adjective_before_a_listed_group_is_the_groups_name() {
        let text = "Kurdish Peshmerga troops, Kurdish Velmoran hills";
        let mut names = vec![(0, 17, Kind::Misc), (26, 42, Kind::Misc)];
        settle_heads(text, &mut names);
        let kinds: Vec<Kind> = names.iter().map(|n| n.2).collect();
        assert_eq!(kinds, [Kind::Org, Kind::Misc]);
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
}
