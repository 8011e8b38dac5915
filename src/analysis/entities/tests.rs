use super::*;

#[test]
fn counts_currencies_and_page_furniture_are_not_names() {
    let a = analyze(&[
        "Photo: Ana Reis / Velmora Pictures",
        "Twelve countries pledged EUR 40 million to the Velmora Trust on Monday.",
    ]);
    let kinds = |s: &str| -> Vec<Kind> {
        a.mentions
            .iter()
            .filter(|m| a.surface(m) == s)
            .map(|m| m.kind)
            .collect()
    };
    assert_eq!(kinds("Photo"), vec![]);
    assert_eq!(kinds("Twelve"), vec![]);
    assert_eq!(kinds("Twelve countries"), vec![Kind::Quantity]);
    assert_eq!(kinds("EUR"), vec![]);
    assert_eq!(kinds("EUR 40 million"), vec![Kind::Money]);
    assert_eq!(kinds("Monday"), vec![Kind::Date]);
}

#[test]
fn all_capital_and_title_case_headlines_do_not_wreck_tagging() {
    for headline in [
        "STORM HALTS TRAINS BETWEEN LISBON AND MADRID",
        "Storm Halts Trains Between Lisbon and Madrid",
    ] {
        let a = analyze(&[
            headline,
            "On Friday trains between Lisbon and Madrid stopped, the operator said.",
        ]);
        let in_headline: Vec<(String, Kind)> = a
            .mentions
            .iter()
            .filter(|m| m.para == 0)
            .map(|m| (a.surface(m).to_lowercase(), m.kind))
            .collect();
        assert_eq!(
            in_headline,
            [
                ("lisbon".to_string(), Kind::Place),
                ("madrid".to_string(), Kind::Place)
            ],
            "{headline}"
        );
    }
}

#[test]
fn titles_make_people() {
    let t = "Talks: Mr Apple met Dr. Lin Bo and Ms Tarn Holdings Group, not Mrsa Vell.";
    let at = |s: &str| {
        let i = t.find(s).unwrap();
        titled(t, i, i + s.len())
    };
    assert!(at("Apple"));
    assert!(at("Mr Apple"));
    assert!(at("Lin Bo"));
    assert!(
        !at("Ms Tarn Holdings Group"),
        "too long for a person's name"
    );
    assert!(!at("Vell"));
    assert!(!at("Talks"));
}

#[test]
fn a_run_of_text_too_long_for_a_name_is_none() {
    assert!(never_a_name(&"Velmora".repeat(40)));
    assert!(!never_a_name(
        "International Bank for Reconstruction and Development"
    ));
}

#[test]
fn names_spread_to_their_other_places_but_not_into_shouting() {
    let text =
        "Islamic State (IS) lost ground.\n\nIS fighters left; ISIS did not.\n\nTHE WAR IS OVER";
    let names = [(0, 13, Kind::Org)];
    let forms = vec![
        ("Islamic State".to_string(), Kind::Org),
        ("IS".to_string(), Kind::Org),
    ];
    let shouting = Shouting::of(text);
    let found: Vec<&str> = super::super::spread::spread(
        text,
        &names,
        forms,
        &super::super::forms::LowerWords::new(text),
        |at| shouting.at(at),
    )
    .iter()
    .map(|&(s, e, _)| &text[s..e])
    .collect();
    assert_eq!(
        found,
        ["IS", "IS"],
        "the bracket and 'IS fighters', not ISIS or the caps"
    );
}

#[test]
fn acronyms() {
    assert!(is_acronym_of("EU", "European Union"));
    assert!(is_acronym_of("U.N.", "United Nations"));
    assert!(is_acronym_of("IS", "Islamic State"));
    assert!(is_acronym_of("NATO", "North Atlantic Treaty Organization"));
    assert!(!is_acronym_of("EU", "Eastern Ukraine Office"));
    assert!(!is_acronym_of("Eu", "European Union"));
    assert!(!is_acronym_of("E", "Europe"));
}

#[test]
fn brackets_declare_aliases_only_when_they_are_names_for_it() {
    assert_eq!(
        declared_alias(" (IS, formerly ISIS) said", "Islamic State").as_deref(),
        Some("IS")
    );
    assert_eq!(
        declared_alias(" group (IS) said", "Islamic State").as_deref(),
        Some("IS")
    );
    assert_eq!(
        declared_alias(" (another name for IS) were", "Daesh").as_deref(),
        Some("IS")
    );
    assert_eq!(
        declared_alias(" (also known as the Harbour Board)", "Port Authority").as_deref(),
        Some("Harbour Board")
    );
    assert_eq!(declared_alias(" (Zorbia) won", "Mira Volant"), None);
    assert_eq!(declared_alias(" (2:03.5)", "Mira Volant"), None);
    assert_eq!(declared_alias(" said (IS)", "Islamic State"), None);
}

#[test]
fn mentions_are_per_paragraph_with_names_and_values() {
    let paras = [
        "Talks in Velmora",
        "Foreign minister Tomas Arkwell met Ines Corvo in Velmora on Thursday, \
         and pledged $200 million to the Northern Grain Council (NGC).",
        "Arkwell said 21 countries had joined, and Ms Corvo agreed. The NGC was pleased.",
        "THE NGC IS HERE",
    ];
    let a = analyze(&paras);
    let find = |s: &str| a.mentions.iter().find(|m| a.surface(m) == s);
    let arkwell = find("Tomas Arkwell").expect("full name");
    assert_eq!((arkwell.para, arkwell.kind), (1, Kind::Person));
    assert_eq!(
        &paras[1][arkwell.start as usize..arkwell.end as usize],
        "Tomas Arkwell"
    );
    assert_eq!(find("Thursday").map(|m| m.kind), Some(Kind::Date));
    assert_eq!(find("$200 million").map(|m| m.kind), Some(Kind::Money));
    assert_eq!(find("21 countries").map(|m| m.kind), Some(Kind::Quantity));
    assert_eq!(find("Arkwell").map(|m| m.para), Some(2));
    // The declared alias is a mention too, there and wherever else the text uses it.
    let ngc: Vec<&Found> = a
        .mentions
        .iter()
        .filter(|m| a.surface(m) == "NGC" && m.para < 3)
        .collect();
    assert_eq!(ngc.len(), 2, "{:?}", a.mentions);
    assert!(ngc.iter().all(|m| m.kind == Kind::Org));
    let council = a
        .mentions
        .iter()
        .position(|m| a.surface(m) == "Northern Grain Council")
        .expect("the council is a name");
    assert!(a.aliases.contains(&(council, "NGC".to_string())));
    // Reading order, and in_para finds a paragraph's mentions.
    for w in a.mentions.windows(2) {
        assert!((w[0].para, w[0].start) <= (w[1].para, w[1].start));
    }
    assert!(a.in_para(2).all(|i| a.mentions[i].para == 2));
    assert!(!a.in_para(2).is_empty());
}

#[test]
fn a_river_named_alone_is_a_place_whatever_the_tagger_says() {
    let a = analyze(&[
        "Barges on the Mekong carried rice to Vientiane, and the Danube froze early, Mira \
         Volant of the Velmora Trust said.",
    ]);
    let index = crate::analysis::aliases::build(&[Some(&a)]);
    for river in ["Mekong", "Danube"] {
        let e = index.entities.iter().find(|e| e.name == river);
        assert_eq!(e.map(|e| e.kind), Some(Kind::Place), "{river}");
    }
}
