//! Every other place an article writes a name it tagged somewhere ("IS militants" after
//! "Islamic State (IS)"), which the tagger may have missed there.
//!
//! An article may tag a million distinct names, so the names are not compiled into an
//! automaton (some hundreds of bytes per name): at each place a word starts, the text's next
//! few words are hashed as they are read and looked up among the names' hashes. Each byte of
//! the text is read for at most [`MAX_WORDS`] word starts, so the pass is linear.

use std::collections::hash_map::RandomState;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, BuildHasherDefault};

use super::chars::LowerWords;
use super::entities::Kind;
use super::tagger::KeyHasher;

/// Names of more words than this are not looked for elsewhere: long names are rarely
/// written out again word for word.
pub const MAX_WORDS: usize = 8;
/// Nor are names longer than this, in bytes.
pub const MAX_BYTES: usize = 200;

/// Letters, digits and the hyphen: what a name may not be glued to.
fn is_word(c: char) -> bool {
    super::chars::is_alphanumeric(c) || c == '-'
}

/// A hash of bytes that can grow one byte at a time, with a base drawn at random for each
/// run, so that no text can be written to make many names collide.
#[derive(Clone, Copy)]
struct Rolling {
    base: u64,
}

impl Rolling {
    fn new() -> Rolling {
        let base = RandomState::new().hash_one(0x5eed_u64) | 1;
        Rolling { base }
    }

    fn push(self, h: u64, byte: u8) -> u64 {
        h.wrapping_mul(self.base).wrapping_add(u64::from(byte) + 1)
    }

    fn of(self, s: &str) -> u64 {
        s.bytes().fold(0, |h, b| self.push(h, b))
    }
}

/// The names to look for, by the hash of their text; a name whose hash another holds goes
/// under the next free one.
struct Names {
    forms: Vec<(String, Kind)>,
    by_hash: HashMap<u64, usize, BuildHasherDefault<KeyHasher>>,
    /// The hashes of the names' beginnings up to each place inside them where reading
    /// stops to look a name up (see [`stops_before`]): where the text read so far is none
    /// of these, no name goes on from it.
    beginnings: HashSet<u64, BuildHasherDefault<KeyHasher>>,
    hash: Rolling,
}

/// Whether a name may end before `d`, the character at byte `i` of what is read (`next`
/// the one after it): before a non-word, or before the hyphen of an adjective made from it
/// ("US-led").
fn stops_before(i: usize, d: char, next: impl FnOnce() -> Option<char>) -> bool {
    let adjective = d == '-' && next().is_some_and(char::is_lowercase);
    (!is_word(d) || adjective) && i > 0
}

impl Names {
    fn new(candidates: Vec<(String, Kind)>) -> Names {
        let mut names = Names {
            forms: Vec::new(),
            by_hash: HashMap::default(),
            beginnings: HashSet::default(),
            hash: Rolling::new(),
        };
        for (form, kind) in candidates {
            let form = form.trim();
            let words = form
                .split(|c: char| !is_word(c))
                .filter(|w| !w.is_empty())
                .count();
            if form.chars().nth(1).is_some()
                && form.starts_with(char::is_uppercase)
                && !form.contains('\n')
                && form.len() <= MAX_BYTES
                && words <= MAX_WORDS
                && let Err(slot) = names.find(names.hash.of(form), form)
            {
                names.by_hash.insert(slot, names.forms.len());
                names.forms.push((form.to_string(), kind));
                let mut h = 0;
                for (j, d) in form.char_indices() {
                    // A hyphen that ends the name may stand before a lower-case letter.
                    let next = || form[j + d.len_utf8()..].chars().next().or(Some('a'));
                    if stops_before(j, d, next) {
                        names.beginnings.insert(h);
                    }
                    let mut buf = [0u8; 4];
                    for &b in d.encode_utf8(&mut buf).as_bytes() {
                        h = names.hash.push(h, b);
                    }
                }
            }
        }
        names
    }

    /// The name `text` (of hash `h`), or the free hash it would go under.
    fn find(&self, mut h: u64, text: &str) -> Result<usize, u64> {
        loop {
            match self.by_hash.get(&h) {
                Some(&i) if self.forms[i].0 == text => return Ok(i),
                Some(_) => h = h.wrapping_add(1),
                None => return Err(h),
            }
        }
    }
}

/// The other places `text` writes the `candidates` (the names it tagged and the aliases it
/// declared), as whole words, outside the `names` already found (which do not overlap one
/// another) and outside all-capital lines (`shouting`, where "IS" is a word): (start, end,
/// kind of the name). At each place, the longest name that fits is taken. `lower` holds
/// the words of `text` in lower case (for names glued to one).
pub fn spread(
    text: &str,
    names: &[(usize, usize, Kind)],
    candidates: Vec<(String, Kind)>,
    lower: &LowerWords,
    shouting: impl Fn(usize) -> bool,
) -> Vec<(usize, usize, Kind)> {
    let lookup = Names::new(candidates);
    if lookup.forms.is_empty() {
        return Vec::new();
    }
    let mut taken: Vec<(usize, usize)> = names.iter().map(|&(s, e, _)| (s, e)).collect();
    taken.sort_unstable();
    let free = |start: usize, end: usize| {
        let i = taken.partition_point(|&(_, e)| e <= start);
        taken.get(i).is_none_or(|&(s, _)| s >= end)
    };
    let mut out = Vec::new();
    // Places where a name could end after the current start: (end, hash of the text so far).
    let mut ends: Vec<(usize, u64)> = Vec::new();
    let mut prev: Option<char> = None;
    let mut skip_to = 0;
    for (start, c) in text.char_indices() {
        // A name starts after a non-word, or glued to a word before it by a lost space
        // ("ButHammond", when the text writes "but" as a word).
        let glued = prev.is_some_and(char::is_lowercase);
        let at_start = start >= skip_to
            && c.is_uppercase()
            && (!prev.is_some_and(is_word)
                || glued && glued_here(text, start, lower)
                || prev == Some('-') && prefixed_here(text, start));
        prev = Some(c);
        if !at_start {
            continue;
        }
        // Read on from `start` for at most MAX_WORDS words and MAX_BYTES bytes.
        ends.clear();
        let (mut h, mut words, mut in_word) = (0u64, 0usize, false);
        for (i, d) in text[start..].char_indices() {
            if i > MAX_BYTES {
                break;
            }
            if stops_before(i, d, || text[start + i + 1..].chars().next()) {
                ends.push((start + i, h));
                if !lookup.beginnings.contains(&h) {
                    break;
                }
            }
            if is_word(d) && !in_word {
                words += 1;
                if words > MAX_WORDS {
                    break;
                }
            }
            in_word = is_word(d);
            let mut buf = [0u8; 4];
            for &b in d.encode_utf8(&mut buf).as_bytes() {
                h = lookup.hash.push(h, b);
            }
            if start + i + d.len_utf8() == text.len() && i + d.len_utf8() <= MAX_BYTES {
                ends.push((text.len(), h));
            }
        }
        let found = ends.iter().rev().find_map(|&(end, h)| {
            let i = lookup.find(h, &text[start..end]).ok()?;
            (free(start, end) && !shouting(start)).then_some((start, end, lookup.forms[i].1))
        });
        if let Some(m) = found {
            skip_to = m.1;
            out.push(m);
        }
    }
    out
}

/// Where the run of letters that ends at `end` starts, reading back at most `most` letters.
fn letters_before(text: &str, end: usize, most: usize) -> usize {
    text[..end]
        .char_indices()
        .rev()
        .take(most)
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(end, |(i, _)| i)
}

/// Whether the capital at `start` begins a name after a prefix and its hyphen ("Anti-IS"),
/// the prefix standing as a word of its own.
fn prefixed_here(text: &str, start: usize) -> bool {
    let from = letters_before(text, start - 1, 5);
    !text[..from].chars().next_back().is_some_and(is_word)
        && super::forms::prefixed_start(&text[from..]) == Some(start - from)
}

/// Whether the capital at `start` begins a name glued to the word before it: that word
/// (at most 24 letters back) is one the text writes in lower case.
fn glued_here(text: &str, start: usize, lower: &LowerWords) -> bool {
    let from = letters_before(text, start, 25);
    let glued = &text[from..start];
    super::forms::glued_start(&text[from..], lower) == Some(glued.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'a>(text: &'a str, names: &[(usize, usize, Kind)], forms: &[&str]) -> Vec<&'a str> {
        let forms = forms.iter().map(|f| (f.to_string(), Kind::Org)).collect();
        spread(text, names, forms, &LowerWords::new(text), |_| false)
            .into_iter()
            .map(|(s, e, _)| &text[s..e])
            .collect()
    }

    #[test]
    fn whole_words_longest_first_outside_the_names() {
        let text = "The Grain Council (GC) met. GC members and the Grain Council Board, \
                    not GCs, nor Grain Councillors, nor U.S. or U.S.-made or GC-run.";
        assert_eq!(
            found(
                text,
                &[(4, 17, Kind::Org)],
                &["Grain Council", "GC", "Grain Council Board", "U.S."]
            ),
            ["GC", "GC", "Grain Council Board", "U.S.", "U.S.", "GC"]
        );
        // A name at the very end of the text.
        assert_eq!(found("met the GC", &[], &["GC"]), ["GC"]);
        // Forms of one letter, lower case or too many words are not looked for.
        assert!(
            found(
                "a b A",
                &[],
                &["A", "a b", "One Two Three Four Five Six Seven Eight Nine"]
            )
            .is_empty()
        );
    }

    #[test]
    fn a_longer_name_that_cannot_be_taken_does_not_hide_a_shorter_one() {
        // "Apple" is a name found here; "Apple AirPods" overlaps it, "AirPods" does not.
        let text = "Apple AirPods";
        assert_eq!(
            found(text, &[(0, 5, Kind::Org)], &["Apple AirPods", "AirPods"]),
            ["AirPods"]
        );
    }

    #[test]
    fn names_glued_by_a_lost_space_are_found() {
        let text = "Arkwell spoke. ButArkwell left, but McArkwell stayed.";
        assert_eq!(
            found(text, &[(0, 7, Kind::Person)], &["Arkwell"]),
            ["Arkwell"]
        );
    }

    #[test]
    fn names_after_a_prefix_and_its_hyphen_are_found() {
        let text = "Ostra spoke. Anti-Ostra and pro-Ostra groups met; Tanti-Ostra is a word.";
        let got: Vec<usize> = spread(
            text,
            &[(0, 5, Kind::Org)],
            vec![("Ostra".into(), Kind::Org)],
            &LowerWords::new(text),
            |_| false,
        )
        .into_iter()
        .map(|(s, _, _)| s)
        .collect();
        assert_eq!(got, [18, 32]);
    }

    #[test]
    fn all_capital_lines_are_left_alone() {
        let text = "IS fighters\nTHE IS HERE";
        let lower = LowerWords::new(text);
        let got = spread(text, &[], vec![("IS".into(), Kind::Org)], &lower, |at| {
            at >= 12
        });
        assert_eq!(got, [(0, 2, Kind::Org)]);
    }
}
