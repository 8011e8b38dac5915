//! Entity tagging with the embedded model, on sentences invented for these tests (no corpus
//! text), plus the model file round trip and the BIO guarantees of the decoder.

use briefly::analysis::tagger::{allowed, viterbi};
use briefly::analysis::train::{self, Doc, Options};
use briefly::analysis::{EntityKind, N_TAGS, Tag, Tagger, spans, tag_text};

fn found(text: &str) -> Vec<(&str, EntityKind)> {
    tag_text(text)
        .into_iter()
        .map(|m| (&text[m.start..m.end], m.kind))
        .collect()
}

#[test]
fn tags_invented_people_organisations_and_places() {
    let text = "Mira Volant, the chief executive of Quellwater Holdings Inc., said on Tuesday \
                that the company would open an office in Lisbon.\n\n\
                Volant told reporters in Berlin that German regulators had approved the deal.";
    let got = found(text);
    assert!(
        got.contains(&("Mira Volant", EntityKind::Person)),
        "{got:?}"
    );
    assert!(got.contains(&("Volant", EntityKind::Person)), "{got:?}");
    assert!(got.contains(&("Lisbon", EntityKind::Place)), "{got:?}");
    assert!(got.contains(&("Berlin", EntityKind::Place)), "{got:?}");
    assert!(got.contains(&("German", EntityKind::Misc)), "{got:?}");
    assert!(
        got.iter()
            .any(|&(s, k)| s.starts_with("Quellwater") && k == EntityKind::Org),
        "{got:?}"
    );
}

#[test]
fn all_caps_headlines_still_find_names() {
    let text = "ZORBIAN MINISTER QUITS AFTER TALKS IN PARIS\n\n\
                The Zorbian minister Tomas Brevik resigned on Friday after talks in Paris, \
                his office said.";
    let got = found(text);
    assert!(
        got.iter()
            .any(|&(s, k)| s == "PARIS" && k == EntityKind::Place),
        "{got:?}"
    );
    assert!(
        got.contains(&("Tomas Brevik", EntityKind::Person)),
        "{got:?}"
    );
    // Ordinary headline words are not names.
    assert!(
        !got.iter()
            .any(|&(s, _)| s.contains("QUITS") || s.contains("TALKS")),
        "{got:?}"
    );
}

#[test]
fn title_case_headlines_are_not_taken_for_names() {
    let text = "Zorbian Minister Quits After Talks in Paris\n\n\
                The Zorbian minister Tomas Brevik resigned on Friday after talks in Paris.";
    let got = found(text);
    assert!(
        got.iter()
            .any(|&(s, k)| s == "Paris" && k == EntityKind::Place),
        "{got:?}"
    );
    assert!(
        !got.iter()
            .any(|&(s, _)| s.contains("Minister") || s.contains("Quits")),
        "{got:?}"
    );
}

#[test]
fn mentions_are_valid_byte_ranges() {
    let text = "Ana Sörensen visited São Paulo and Zürich — \"really\" — for Helvetor AG.";
    for m in tag_text(text) {
        assert!(m.start < m.end && m.end <= text.len());
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
    }
    assert!(tag_text("").is_empty());
    // Odd edges of the tokenizer: lone clitics and apostrophes, dots, emoji, combining marks.
    for odd in [
        "'",
        "n't",
        "'s x",
        "x'",
        "U.S",
        "a.",
        "...",
        "—",
        "🙂 Zoë\u{301}",
        "1,",
        ",1",
        "-x-",
    ] {
        for m in tag_text(odd) {
            assert!(
                odd.is_char_boundary(m.start) && odd.is_char_boundary(m.end) && m.end <= odd.len()
            );
        }
    }
    assert!(tag_text("   \n\n ").is_empty());
}

#[test]
fn tag_tokens_returns_one_valid_tag_per_token() {
    let words = [
        "Kel",
        "Amari",
        "joined",
        "Brightfold",
        "Systems",
        "in",
        "Oslo",
        ".",
    ];
    let tags = Tagger::embedded().tag_tokens(&words);
    assert_eq!(tags.len(), words.len());
    assert_valid_bio(&tags);
    assert_eq!(tags[6], Tag::B(EntityKind::Place));
    assert_eq!(tags[2], Tag::O);
}

fn assert_valid_bio(tags: &[Tag]) {
    for (i, t) in tags.iter().enumerate() {
        let prev = if i == 0 {
            None
        } else {
            Some(tags[i - 1].index())
        };
        assert!(allowed(prev, t.index()), "{tags:?}");
    }
}

#[test]
fn viterbi_never_breaks_bio_even_when_emissions_want_it() {
    // Emissions that prefer I-ORG first and I-PER after B-LOC: both are invalid.
    let mut em = vec![[0f32; N_TAGS]; 3];
    em[0][Tag::I(EntityKind::Org).index() as usize] = 5.0;
    em[1][Tag::B(EntityKind::Place).index() as usize] = 5.0;
    em[2][Tag::I(EntityKind::Person).index() as usize] = 5.0;
    let trans = [[0f32; N_TAGS]; N_TAGS + 1];
    let tags: Vec<Tag> = viterbi(&em, &trans)
        .into_iter()
        .map(Tag::from_index)
        .collect();
    assert_valid_bio(&tags);
    assert_eq!(tags[1], Tag::B(EntityKind::Place));
}

#[test]
fn spans_follow_the_conll_rules() {
    use EntityKind::*;
    let tags = [
        Tag::B(Person),
        Tag::I(Person),
        Tag::O,
        Tag::I(Org),
        Tag::B(Org),
        Tag::I(Place),
    ];
    assert_eq!(
        spans(&tags),
        [(Person, 0, 2), (Org, 3, 4), (Org, 4, 5), (Place, 5, 6)]
    );
}

/// A tiny invented corpus: enough for training to learn something and for the model file to
/// round-trip exactly.
fn toy_docs() -> Vec<Doc> {
    let per = Tag::B(EntityKind::Person).index();
    let iper = Tag::I(EntityKind::Person).index();
    let loc = Tag::B(EntityKind::Place).index();
    let sent = |w: &[&str], t: &[u8]| (w.iter().map(|s| s.to_string()).collect(), t.to_vec());
    let doc = Doc {
        sentences: vec![
            sent(
                &["Lina", "Corvo", "arrived", "in", "Vell", "."],
                &[per, iper, 0, 0, loc, 0],
            ),
            sent(
                &["Corvo", "left", "Vell", "today", "."],
                &[per, 0, loc, 0, 0],
            ),
            sent(
                &["Tam", "Rusk", "stayed", "in", "Ostra", "."],
                &[per, iper, 0, 0, loc, 0],
            ),
        ],
    };
    vec![doc.clone(), doc.clone(), doc]
}

#[test]
fn training_learns_a_toy_corpus_and_the_model_round_trips() {
    let opts = Options {
        epochs: 5,
        folds: 3,
        ..Options::default()
    };
    let tagger = train::train(&toy_docs(), &opts, |_| {});
    let words = ["Tam", "Rusk", "stayed", "in", "Ostra", "."];
    let tags = tagger.tag_tokens(&words);
    assert_eq!(tags[0], Tag::B(EntityKind::Person));
    assert_eq!(tags[4], Tag::B(EntityKind::Place));

    let bytes = tagger.to_bytes();
    let back = Tagger::from_bytes(&bytes).expect("loads");
    assert_eq!(back.to_bytes(), bytes, "save/load/save is stable");
    assert_eq!(back.tag_tokens(&words), tags);
    assert!(Tagger::from_bytes(b"not a model").is_err());
    assert!(Tagger::from_bytes(&bytes[..bytes.len() / 2]).is_err());
}
