//! The forms a mention takes beyond the plain name, on text invented for these tests: an
//! adjective made from a name, a name glued to the word before it, a name inside a count,
//! and the variants of one value, as the entity index (the panel, `briefly entities`) shows
//! them.

use briefly::analysis::aliases::{self, Entity, Index};
use briefly::analysis::entities::{ArticleEntities, Kind, analyze};

fn index_of(articles: &[Vec<&str>]) -> (Vec<ArticleEntities>, Index) {
    let found: Vec<ArticleEntities> = articles.iter().map(|a| analyze(a)).collect();
    let refs: Vec<Option<&ArticleEntities>> = found.iter().map(Some).collect();
    let index = aliases::build(&refs);
    (found, index)
}

fn entity<'a>(index: &'a Index, name: &str) -> Option<&'a Entity> {
    index.entities.iter().find(|e| e.name == name)
}

fn named(index: &Index) -> Vec<(String, Kind)> {
    index
        .entities
        .iter()
        .map(|e| (e.name.clone(), e.kind))
        .collect()
}

#[test]
fn an_adjective_made_from_a_name_is_a_mention_of_the_name() {
    let (found, index) = index_of(&[vec![
        "The United States (US) said on Monday that US-led strikes had hit Ostra.",
        "The US-backed council met in Velmora.",
    ]]);
    let surfaces: Vec<&str> = found[0]
        .mentions
        .iter()
        .map(|m| found[0].surface(m))
        .collect();
    assert!(
        !surfaces
            .iter()
            .any(|s| s.contains("-led") || s.contains("-backed")),
        "{surfaces:?}"
    );
    let us = entity(&index, "United States").expect("the US is an entity");
    // "United States" once, "US" three times: in brackets, in "US-led" and in "US-backed".
    assert_eq!(us.mentions, 4, "{us:?}");
    assert!(
        index
            .entities
            .iter()
            .all(|e| !e.name.contains("-led") && e.aliases.iter().all(|a| !a.contains("-led"))),
        "{:?}",
        named(&index)
    );
}

#[test]
fn a_name_glued_to_the_word_before_it_is_found() {
    let (found, index) = index_of(&[vec![
        "Tomas Arkwell met the council on Monday, but nothing was agreed.ButArkwell said talks would go on.",
    ]]);
    let arkwell = entity(&index, "Tomas Arkwell").expect("Arkwell is an entity");
    assert_eq!(arkwell.mentions, 2, "{:?}", found[0].mentions);
    assert!(
        index
            .entities
            .iter()
            .all(|e| !e.name.contains("ButArkwell")
                && e.aliases.iter().all(|a| !a.contains("But"))),
        "{:?}",
        named(&index)
    );
}

#[test]
fn a_name_inside_a_count_is_still_a_mention_of_it() {
    let (found, _) = index_of(&[vec![
        "Up to 5,000 EU citizens have gone, the EU said on Monday.",
    ]]);
    let kinds: Vec<(&str, Kind)> = found[0]
        .mentions
        .iter()
        .map(|m| (found[0].surface(m), m.kind))
        .collect();
    assert!(
        kinds.contains(&("Up to 5,000 EU citizens", Kind::Quantity)),
        "{kinds:?}"
    );
    assert_eq!(
        kinds.iter().filter(|(s, _)| *s == "EU").count(),
        2,
        "{kinds:?}"
    );
}

#[test]
fn variants_of_one_value_are_one_entity() {
    let (_, index) = index_of(&[
        vec!["Velmora pledged US$200 million at 2:50 p.m. on Monday."],
        vec!["Velmora pledged $200 million at 2:50 pm on Monday."],
    ]);
    let money: Vec<&Entity> = index
        .entities
        .iter()
        .filter(|e| e.kind == Kind::Money)
        .collect();
    assert_eq!(money.len(), 1, "{:?}", named(&index));
    assert_eq!(money[0].mentions, 2);
    let times: Vec<&Entity> = index
        .entities
        .iter()
        .filter(|e| e.kind == Kind::Date && e.name.starts_with("2:50"))
        .collect();
    assert_eq!(times.len(), 1, "{:?}", named(&index));
}

#[test]
fn a_name_in_capitals_is_no_alias_of_itself() {
    let (_, index) = index_of(&[vec![
        "LISBON, April 14 - Twelve countries met in Lisbon on Tuesday.",
        "Lisbon will host the agency.",
    ]]);
    let lisbon = index
        .entities
        .iter()
        .find(|e| e.name.eq_ignore_ascii_case("lisbon"))
        .expect("Lisbon is an entity");
    assert!(lisbon.aliases.is_empty(), "{lisbon:?}");
}
