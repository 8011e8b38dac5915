use super::*;

#[test]
fn shapes_and_modes() {
    assert_eq!(shapes("McDonald's"), ("XxXxxxx'x".into(), "XxXx'x".into()));
    assert_eq!(shapes("1996-08-30").1, "d-d-d");
    assert_eq!(
        sentence_mode(&["LEICESTERSHIRE", "TAKE", "OVER", "."]),
        SentMode::Upper
    );
    assert_eq!(
        sentence_mode(&["Rain", "Stops", "Play", "At", "Lord's"]),
        SentMode::Title
    );
    assert_eq!(
        sentence_mode(&["Rain", "stopped", "play", "."]),
        SentMode::Normal
    );
    assert_eq!(normalize("Q3-1996"), "q0-0000");
}

#[test]
fn a_long_word_is_cut_for_its_features() {
    let word = "Ab".repeat(100_000);
    assert_eq!(normalize(&word).chars().count(), MAX_WORD);
    let (long, short) = shapes(&word);
    assert_eq!((long.len(), short.len()), (MAX_WORD, MAX_WORD));
}

#[test]
fn features_are_deterministic_and_per_token() {
    let gaz = Gazetteer::builtin();
    let words = ["Mira", "Volant", "visited", "Peru", "."];
    let doc = DocStats::new([&words[..]]);
    let (mut a, mut b) = (Features::default(), Features::default());
    extract(&words, &gaz, &doc, &mut a);
    extract(&words, &gaz, &doc, &mut b);
    assert_eq!(a.len(), 5);
    assert_eq!(a.hashes, b.hashes);
    // The gazetteer fires for "Peru" only.
    let country = Fnv::new(20).num(0).done();
    assert!(a.token(3).contains(&country));
    assert!(!a.token(2).contains(&country));
}
