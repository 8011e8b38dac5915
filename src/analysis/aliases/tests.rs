use super::*;

/// An article of mentions given as (surface, kind), one paragraph each.
fn article(mentions: &[(&str, Kind)]) -> ArticleEntities {
    let mut a = ArticleEntities::default();
    for (i, (s, k)) in mentions.iter().enumerate() {
        a.push(i as u32, 0, s.len() as u32, *k, s);
    }
    a
}

fn entity<'a>(index: &'a Index, name: &str) -> &'a Entity {
    index
        .entities
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entity {name}: {:?}", index.entities))
}

use Kind::*;

#[test]
fn keys() {
    assert_eq!(key("U.S."), "US");
    assert_eq!(key("Hammond's"), "hammond");
    assert_eq!(key("HAMMOND"), "hammond");
    assert_eq!(key("the Islamic State"), "islamic state");
    assert_eq!(key("Mr Arkwell"), "arkwell");
    assert_eq!(key("IS"), "IS");
    assert_eq!(key("Ayşe Korkmaz"), "ayşe korkmaz");
    assert_eq!(key("Dr Ōe"), "ōe");
    assert_eq!(display("U.S."), "U.S.");
    assert_eq!(display("Arkwell\u{2019}s"), "Arkwell");
}

#[test]
fn surnames_and_misspellings_join_the_full_name_and_take_its_kind() {
    let one = article(&[
        ("Tomas Arkwell", Person),
        ("Arkwell", Org),
        ("ARKWELL", Person),
        ("Tomas Arkwell", Person),
    ]);
    let two = article(&[("Thomas Arkwell", Person), ("Arkwell", Person)]);
    let index = build(&[Some(&one), Some(&two)]);
    let e = entity(&index, "Tomas Arkwell");
    assert_eq!(e.kind, Person);
    assert_eq!(e.mentions, 6);
    assert_eq!(e.articles, vec![0, 1]);
    assert!(e.aliases.contains(&"Thomas Arkwell".to_string()));
    assert!(e.aliases.contains(&"Arkwell".to_string()));
    assert_eq!(index.entities.len(), 1);
}

#[test]
fn short_names_a_letter_apart_stay_apart() {
    let a = article(&[("Jon Vell", Person), ("Joan Vell", Person), ("Iran", Place)]);
    let b = article(&[("Iraq", Place)]);
    let index = build(&[Some(&a), Some(&b)]);
    assert_eq!(index.entities.len(), 4);
}

#[test]
fn a_surname_a_letter_apart_joins_the_one_person_whose_surname_it_misspells() {
    let a = article(&[("Helena Vasconcelos", Person), ("Vasconcelos", Person)]);
    let b = article(&[("Vasconcellos", Person), ("Vasconcelas", Person)]);
    // Short surnames a letter apart are as often two people's.
    let c = article(&[("Ines Jansen", Person), ("Hansen", Person)]);
    // Two people a letter away: no telling which.
    let d = article(&[
        ("Ana Marquardt", Person),
        ("Rui Marquardo", Person),
        ("Marquardi", Person),
    ]);
    let index = build(&[Some(&a), Some(&b), Some(&c), Some(&d)]);
    let e = entity(&index, "Helena Vasconcelos");
    assert_eq!(e.mentions, 4, "{:?}", index.entities);
    assert!(!e.aliases.iter().any(|x| x == "Hansen"));
    assert_eq!(entity(&index, "Hansen").mentions, 1);
    assert_eq!(entity(&index, "Marquardi").mentions, 1);
}

#[test]
fn a_shared_surname_goes_to_the_person_named_in_the_same_article() {
    let a = article(&[("Ines Corvo", Person), ("Corvo", Person)]);
    let b = article(&[("Paul Corvo", Person), ("Corvo", Person)]);
    let c = article(&[("Corvo", Person)]);
    let index = build(&[Some(&a), Some(&b), Some(&c)]);
    assert_eq!(entity(&index, "Ines Corvo").mentions, 2);
    assert_eq!(entity(&index, "Paul Corvo").mentions, 2);
    assert_eq!(entity(&index, "Corvo").mentions, 1, "ambiguous alone");
}

#[test]
fn acronyms_brackets_and_the_curated_list() {
    let mut a = article(&[
        ("Islamic State", Org),
        ("ISIS", Org),
        ("Daesh", Misc),
        ("Northern Grain Council", Org),
    ]);
    a.aliases.push((0, "IS".into()));
    let b = article(&[
        ("IS", Org),
        ("NGC", Org),
        ("U.S.", Place),
        ("United States", Place),
    ]);
    let index = build(&[Some(&a), Some(&b)]);
    let is = entity(&index, "Islamic State");
    assert_eq!(is.kind, Org);
    assert_eq!(is.mentions, 4, "{is:?}");
    for alias in ["IS", "ISIS", "Daesh"] {
        assert!(is.aliases.contains(&alias.to_string()), "{alias}: {is:?}");
    }
    let council = entity(&index, "Northern Grain Council");
    assert_eq!(
        (council.mentions, council.articles.clone()),
        (2, vec![0, 1])
    );
    assert_eq!(
        entity(&index, "United States").aliases,
        vec!["U.S.".to_string()]
    );
}

#[test]
fn a_place_is_not_a_surname_and_values_keep_to_themselves() {
    let a = article(&[
        ("George Washington", Person),
        ("Washington", Place),
        ("Thursday", Date),
        ("thursday", Date),
    ]);
    let index = build(&[Some(&a), None]);
    assert_eq!(entity(&index, "Washington").kind, Place);
    assert_eq!(entity(&index, "Thursday").mentions, 2);
    assert_eq!(index.of[1], Vec::<u32>::new());
    assert_eq!(index.entity_of(0, 1), Some(1));
}
