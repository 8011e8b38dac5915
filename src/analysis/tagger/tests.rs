use super::*;

#[test]
fn the_model_file_round_trips_byte_for_byte() {
    let bytes = Tagger::embedded().to_bytes();
    let again = Tagger::from_bytes(&bytes).expect("loads");
    assert_eq!(again.model, Tagger::embedded().model);
    assert_eq!(again.to_bytes(), bytes);
}

#[test]
fn a_word_inside_a_longer_name_votes_for_that_name_s_type() {
    use super::super::EntityKind::{Org, Person};
    let words = vec!["Tavora", "Maritima", "hired", "Tavora", "."];
    let tags: Vec<u8> = [Tag::B(Org), Tag::I(Org), Tag::O, Tag::B(Person), Tag::O]
        .into_iter()
        .map(Tag::index)
        .collect();
    let votes = doc_votes(std::slice::from_ref(&words), std::slice::from_ref(&tags));
    let v = votes[&features::norm_key("Tavora")];
    assert_eq!((v[1 + Org as usize], v[1 + Person as usize]), (1, 1));
    assert_eq!((v[5 + Org as usize], v[5 + Person as usize]), (1, 0));
    // Each token's own votes are taken out: the lone "Tavora" still sees the longer name.
    let mut own = Vec::new();
    own_votes(&words, &norm_keys(&words), &tags, &votes, &mut own);
    assert_eq!(own[3][5 + Org as usize], 1);
    assert_eq!(own[0][5 + Org as usize], 0);
}

#[test]
fn kept_word_weights_tag_as_the_model_does() {
    // The same model, not the embedded one: it looks every feature up each time.
    let fresh = Tagger::from_bytes(EMBEDDED).expect("loads");
    let docs: [&[&[&str]]; 5] = [
        &[
            &["OSTRAVA", "MILLS", "PROFIT", "UP"],
            &[
                "Ostrava", "Mills", "said", "on", "Monday", "it", "would", "hire", ".",
            ],
            &[
                "Mira", "Volant", "of", "Ostrava", "Mills", "met", "Lena", "Ostra", ".",
            ],
        ],
        &[&["Trains", "stopped", "in", "Velmora", "and", "Lisbon", "."]],
        &[
            &[
                "The", "Harbour", "Board", "(", "HB", ")", "met", "in", "1996", ".",
            ],
            &["HB", "said", "\"", "no", "\"", "to", "McDonald's", "."],
        ],
        // Sentences met above, in a document that says other things of their words: what
        // is kept of them ([`super::super::repeats`]) must not carry the first one's.
        &[
            &[
                "Mira", "Volant", "of", "Ostrava", "Mills", "met", "Lena", "Ostra", ".",
            ],
            &["Ostra", "Mills", "and", "Volant", "Bank", "merged", "."],
            &["Trains", "stopped", "in", "Velmora", "and", "Lisbon", "."],
        ],
        // "Xbmlfiqt" has the key of "Lisbon" in the clusters, so here "Lisbon" takes its
        // clusters: the sentence met above must not bring the sums of its own.
        &[
            &["Xbmlfiqt", "arrived", "."],
            &["Trains", "stopped", "in", "Velmora", "and", "Lisbon", "."],
        ],
    ];
    assert_eq!(
        crate::analysis::clusters::word_key("Xbmlfiqt"),
        crate::analysis::clusters::word_key("Lisbon")
    );
    for _ in 0..2 {
        for doc in docs {
            let doc: Vec<Vec<&str>> = doc.iter().map(|s| s.to_vec()).collect();
            assert_eq!(
                Tagger::embedded().tag_document(&doc),
                fresh.tag_document(&doc),
                "{doc:?}"
            );
        }
    }
}

#[test]
fn a_word_that_takes_another_s_clusters_is_read_as_it_takes_them() {
    use crate::analysis::features::Looked;
    // "Xbmlfiqt" has the key of "Lisbon" in the clusters: after it, "Lisbon" takes its
    // clusters, and the sentence is neither taken from what is kept nor kept.
    let met: Vec<Vec<&str>> = vec![vec!["Lisbon", "said", "it", "would", "hire", "."]];
    Tagger::embedded().tag_document(&met);
    let doc = [vec!["Xbmlfiqt", "arrived", "."], met[0].clone()];
    let words: Vec<&str> = doc.concat();
    let sentences = [0..3, 3..9];
    let mut stats = DocStats::default();
    let p = prepare::prepare(&|i| words[i], words.len(), &sentences, true, &mut stats);
    assert_eq!(p.known, [prepare::Known::Fresh, prepare::Known::Own]);
    let key = |l: &Looked| format!("{l:?}");
    assert_eq!(key(&p.looked[3]), key(&Looked::of("Xbmlfiqt")));
    assert_ne!(key(&p.looked[3]), key(&Looked::of("Lisbon")));
    assert_eq!(key(&p.looked[4]), key(&Looked::of("said")));
}

#[test]
fn viterbi_keeps_bio() {
    // Emissions that favour I-PER at the start: BIO forbids it, so B-PER comes first.
    let mut em = [[0f32; N_TAGS]; 2];
    em[0][Tag::I(super::super::EntityKind::Person).index() as usize] = 5.0;
    em[0][Tag::B(super::super::EntityKind::Person).index() as usize] = 1.0;
    em[1][Tag::I(super::super::EntityKind::Person).index() as usize] = 5.0;
    let tags = viterbi(&em, &[[0.0; N_TAGS]; N_TAGS + 1]);
    assert_eq!(tags, vec![1, 2]);
}
