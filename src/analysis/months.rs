//! A month written before a name ("the August National Association of Purchasing Management
//! index", "the July FOMC meeting") dates what the name did; it is not part of the name. No
//! name of the training text starts with a month's full name, but the tagger reads a run of
//! capitalized words, and runs the month into the name after it. The month then goes to the
//! values, as any other date.

use super::{EntityKind, Tag};
use crate::ingest::MONTH_NAMES;

/// Whether `word` is a month's full name, in any case.
fn is_month(word: &str) -> bool {
    MONTH_NAMES.iter().any(|m| m.eq_ignore_ascii_case(word))
}

/// Takes a leading month out of the names of one sentence's `tags` (its words are `words`):
/// the name starts at the next word, when that is capitalized ("March of Dimes" stays whole).
/// People keep theirs ("April Ryan").
pub fn lead_apart(words: &[&str], tags: &mut [Tag]) {
    for i in 0..tags.len().saturating_sub(1) {
        let Tag::B(kind) = tags[i] else { continue };
        let capitalized = words
            .get(i + 1)
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase);
        if kind != EntityKind::Person
            && tags[i + 1] == Tag::I(kind)
            && capitalized
            && words.get(i).is_some_and(|w| is_month(w))
        {
            tags[i] = Tag::O;
            tags[i + 1] = Tag::B(kind);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_before_a_name_is_taken_out_and_other_names_stay() {
        let org = EntityKind::Org;
        let words = ["the", "July", "Harbour", "Board", "meeting"];
        let mut tags = [Tag::O, Tag::B(org), Tag::I(org), Tag::I(org), Tag::O];
        lead_apart(&words, &mut tags);
        assert_eq!(tags, [Tag::O, Tag::O, Tag::B(org), Tag::I(org), Tag::O]);

        let words = ["the", "March", "of", "Lanterns", "and", "April", "Vell"];
        let per = EntityKind::Person;
        let before = [
            Tag::O,
            Tag::B(org),
            Tag::I(org),
            Tag::I(org),
            Tag::O,
            Tag::B(per),
            Tag::I(per),
        ];
        let mut tags = before;
        lead_apart(&words, &mut tags);
        assert_eq!(tags, before);
    }
}
