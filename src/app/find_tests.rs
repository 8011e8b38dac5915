//! Tests of finding: smart case, folded marks and accents, and the quick checks that must
//! never drop a match the full folding makes.

use super::{LOWER_TO_ASCII, Query, find_all};

#[test]
fn smart_case() {
    let t = "River fund: the river Authority and the RIVER board";
    assert_eq!(find_all(t, "river").len(), 3);
    assert_eq!(find_all(t, "River"), [(0, 5)]);
}

#[test]
fn ranges_point_into_the_original_text() {
    let t = "Zo\u{eb} MAR\u{c9}CHAL spoke";
    let m = find_all(t, "mar\u{e9}chal");
    assert_eq!(m.len(), 1);
    assert_eq!(&t[m[0].0..m[0].1], "MAR\u{c9}CHAL");
}

#[test]
fn straight_and_curly_apostrophes_match_both_ways() {
    let t = "It isn\u{2019}t late; it isn't early";
    let m = find_all(t, "isn't");
    assert_eq!(m.len(), 2);
    assert_eq!(&t[m[0].0..m[0].1], "isn\u{2019}t");
    assert_eq!(&t[m[1].0..m[1].1], "isn't");
    assert_eq!(find_all(t, "isn\u{2019}t"), m);
    // Low, reversed and prime forms too.
    for mark in ['\u{201a}', '\u{201b}', '\u{2032}', '\u{2018}'] {
        let t = format!("rock {mark}n{mark} roll");
        let m = find_all(&t, "'n'");
        assert_eq!(m.len(), 1, "{t}");
        assert_eq!(&t[m[0].0..m[0].1], format!("{mark}n{mark}"));
    }
}

#[test]
fn double_quotes_fold_and_ranges_cover_whole_characters() {
    let t = "Zo\u{eb} said \u{201c}it\u{2019}s done\u{201d}, then \u{201e}no\u{201f} and \u{2033}x\u{2033}";
    let m = find_all(t, "\"it's done\"");
    assert_eq!(m.len(), 1);
    assert_eq!(&t[m[0].0..m[0].1], "\u{201c}it\u{2019}s done\u{201d}");
    assert_eq!(find_all(t, "\"no\"").len(), 1);
    assert_eq!(find_all(t, "\"x\"").len(), 1);
    // A single quote does not stand for a double one.
    assert!(find_all(t, "'no'").is_empty());
}

#[test]
fn dashes_match_each_other() {
    let forms = [
        "-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}",
    ];
    let t: String = forms.iter().map(|d| format!("well{d}known ")).collect();
    for d in forms {
        let m = find_all(&t, &format!("well{d}known"));
        assert_eq!(m.len(), forms.len(), "{d}");
        for (r, want) in m.iter().zip(forms) {
            assert_eq!(&t[r.0..r.1], format!("well{want}known"));
        }
    }
}

#[test]
fn smart_case_holds_with_folded_marks() {
    let t = "Isn\u{2019}t it? isn\u{2019}t it";
    assert_eq!(find_all(t, "Isn't"), [(0, 7)]);
    assert_eq!(find_all(t, "isn't").len(), 2);
    assert!(find_all(t, "ISN'T").is_empty());
}

#[test]
fn a_character_folding_to_several_is_covered_whole() {
    // Capital I with a dot lower-cases to two characters; a match of the first alone
    // still covers the whole capital.
    let t = "\u{130}stanbul";
    let m = find_all(t, "i");
    assert_eq!(m, [(0, 2)]);
}

#[test]
fn the_quick_checks_never_drop_a_match_folding_makes() {
    let texts = [
        "The River board met.",
        "the RIVER rose",
        "It isn't late",
        "no water here",
        "well-known",
        "Zo\u{eb} MAR\u{c9}CHAL",
        "It isn\u{2019}t",
        "\u{212a}ELVIN",
        "\u{130}STANBUL \u{3a3}\u{39f}\u{3a6}\u{399}\u{391}\u{3a3} \u{2014} it\u{2019}s",
        "a well\u{2010}known \u{201c}River\u{201d}",
        "\u{2018}Isn\u{2019}t it?\u{2019} \u{2014} caf\u{e9}-goers",
        "Caf\u{e9} in \u{141}\u{f3}d\u{17a}, Zoe and ZO\u{cb}",
    ];
    let queries = [
        "river",
        "River",
        "isn't",
        "well-known",
        "kelvin",
        "x",
        "mar\u{e9}chal",
        "marechal",
        "it's",
        "\u{3c3}\u{3bf}\u{3c6}\u{3b9}\u{3b1}\u{3c3}",
        "istanbul",
        "\"river\"",
        "stan",
        "cafe",
        "lodz",
        "zoe",
        "Zoe",
    ];
    for accents in [false, true] {
        for t in texts {
            for q in queries {
                let query = Query::new(q, accents);
                // What folding the whole text finds, without any shortcut.
                let (folded, _) = super::fold(t, query.exact, accents);
                let full = folded.matches(query.folded.as_str()).count();
                assert_eq!(query.find(t).len(), full, "{t:?} {q:?} {accents}");
                if full > 0 {
                    assert!(query.may_hold(t), "{t:?} {q:?}");
                }
            }
        }
    }
}

#[test]
fn only_the_listed_characters_lower_to_ascii() {
    let found: Vec<char> = (0x80..=0x10ffff)
        .filter_map(char::from_u32)
        .filter(|c| c.to_lowercase().any(|l| l.is_ascii()))
        .collect();
    assert_eq!(found, LOWER_TO_ASCII);
}

#[test]
fn accents_fold_only_when_asked() {
    let t = "Zo\u{eb} met the caf\u{e9} owner in \u{141}\u{f3}d\u{17a} and \u{d8}rsted";
    assert!(find_all(t, "zoe").is_empty());
    let q = Query::new("zoe", true);
    let m = q.find(t);
    assert_eq!(m.len(), 1);
    assert_eq!(&t[m[0].0..m[0].1], "Zo\u{eb}");
    for (query, want) in [
        ("cafe", "caf\u{e9}"),
        ("lodz", "\u{141}\u{f3}d\u{17a}"),
        ("Orsted", "\u{d8}rsted"),
        ("caf\u{e9}", "caf\u{e9}"),
    ] {
        let m = Query::new(query, true).find(t);
        assert_eq!(m.len(), 1, "{query}");
        assert_eq!(&t[m[0].0..m[0].1], want);
    }
    // Smart case still holds: a capital makes the case count, not the accents.
    assert!(Query::new("ZOE", true).find(t).is_empty());
}

#[test]
fn ascii_text_is_matched_without_folding_and_the_same() {
    let t = "Minister said: the MINISTER's minister-general";
    let q = Query::new("minister", false);
    let found = q.find(t);
    assert_eq!(found.len(), 3);
    assert!(
        found
            .iter()
            .all(|&(a, b)| t[a..b].eq_ignore_ascii_case("minister"))
    );
    assert_eq!(Query::new("Minister", false).find(t), [(0, 8)]);
    assert!(!Query::new("mayor", false).may_hold(t));
}
