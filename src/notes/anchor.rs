//! Re-attaching a note to an article whose text changed (a re-saved page, better cleaning, an
//! edit): by position when the quote is still there; else among the exact occurrences of the
//! quote, scored by how well prefix, suffix and position agree; else by approximate matching
//! with a minimum score. Weak, ambiguous or approximate matches are flagged; no match is an
//! orphan.

use super::model::Target;

/// Where a note's passage is now, in character offsets of the new text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Anchoring {
    /// Found; `review` when the match is weak or ambiguous and the user should check it.
    Found {
        start: usize,
        end: usize,
        review: bool,
    },
    /// Not found: the note keeps its last known quote.
    Orphan,
}

/// Below this similarity an approximate match is not taken.
pub const MIN_FUZZY: f64 = 0.75;

pub fn reanchor(text: &str, target: &Target) -> Anchoring {
    reanchor_in(&text.chars().collect::<Vec<_>>(), target)
}

/// `reanchor` in a text already split into characters: for many notes on one article, split
/// it once and call this for each (splitting it per note costs the article's length per note).
pub fn reanchor_in(chars: &[char], target: &Target) -> Anchoring {
    let Some((exact, prefix, suffix)) = target.quote() else {
        return match target.position() {
            Some((s, e)) if e <= chars.len() && s < e => Anchoring::Found {
                start: s,
                end: e,
                review: true,
            },
            _ => Anchoring::Orphan,
        };
    };
    let exact: Vec<char> = exact.chars().collect();
    if exact.is_empty() {
        return Anchoring::Orphan;
    }
    let hint = target.position().map(|p| p.0);
    // 1. By position.
    // A position from an imported file can be any number: no overflow.
    if let Some(start) = hint
        && let Some(end) = start.checked_add(exact.len())
        && chars.get(start..end) == Some(&exact[..])
    {
        return Anchoring::Found {
            start,
            end: start + exact.len(),
            review: false,
        };
    }
    // 2. Among the exact occurrences.
    let occurrences = find_all(chars, &exact);
    if !occurrences.is_empty() {
        let prefix: Vec<char> = prefix.chars().collect();
        let suffix: Vec<char> = suffix.chars().collect();
        // Context decides; closeness to the old position only breaks ties, and a tie in
        // context is flagged.
        let mut scored: Vec<(f64, f64, usize)> = occurrences
            .iter()
            .map(|&at| {
                let closeness = hint.map_or(0.0, |h| 1.0 / (1.0 + (h as f64 - at as f64).abs()));
                (
                    context_score(chars, at, exact.len(), &prefix, &suffix),
                    closeness,
                    at,
                )
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.total_cmp(&a.1)));
        let (best, _, at) = scored[0];
        let ambiguous = scored.get(1).is_some_and(|s| (best - s.0).abs() < 1e-9);
        let weak = (!prefix.is_empty() || !suffix.is_empty()) && best < 1.0;
        return Anchoring::Found {
            start: at,
            end: at + exact.len(),
            review: ambiguous || (weak && occurrences.len() > 1),
        };
    }
    // 3. Approximately.
    match fuzzy_find(chars, &exact) {
        // The passage's own words changed: the note may no longer say what it said about
        // them, so the user is asked to check it, however close the match.
        Some((start, end, similarity)) if similarity >= MIN_FUZZY => Anchoring::Found {
            start,
            end,
            review: true,
        },
        _ => Anchoring::Orphan,
    }
}

/// Where `pat` occurs in `text` (overlapping occurrences too), in time linear in both
/// (Knuth–Morris–Pratt): a long passage of repeated words costs no more than any other.
fn find_all(text: &[char], pat: &[char]) -> Vec<usize> {
    if pat.is_empty() || pat.len() > text.len() {
        return Vec::new();
    }
    // fail[i]: the length of the longest proper prefix of pat[..=i] that is also its suffix.
    let mut fail = vec![0usize; pat.len()];
    let mut k = 0;
    for i in 1..pat.len() {
        while k > 0 && pat[i] != pat[k] {
            k = fail[k - 1];
        }
        if pat[i] == pat[k] {
            k += 1;
        }
        fail[i] = k;
    }
    let mut out = Vec::new();
    let mut k = 0;
    for (i, &c) in text.iter().enumerate() {
        while k > 0 && c != pat[k] {
            k = fail[k - 1];
        }
        if c == pat[k] {
            k += 1;
        }
        if k == pat.len() {
            out.push(i + 1 - k);
            k = fail[k - 1];
        }
    }
    out
}

/// How well the text around an occurrence agrees with the saved context: the share of the
/// prefix that ends right before it and of the suffix that starts right after it.
fn context_score(text: &[char], at: usize, len: usize, prefix: &[char], suffix: &[char]) -> f64 {
    let before = prefix
        .iter()
        .rev()
        .zip(text[..at].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let after = suffix
        .iter()
        .zip(text[at + len..].iter())
        .take_while(|(a, b)| a == b)
        .count();
    (before + after) as f64 / (prefix.len() + suffix.len()).max(1) as f64
}

/// The substring of `text` closest to `pat` by edit distance (Sellers' algorithm: free start
/// and end in the text), as (start, end, similarity 0..1). O(text × pattern) time, with the
/// pattern cut to 400 characters: long passages are matched by their ends' anchors.
fn fuzzy_find(text: &[char], pat: &[char]) -> Option<(usize, usize, f64)> {
    let m = pat.len();
    if m == 0 || text.is_empty() || m > 400 {
        return None;
    }
    // prev[i] = edit distance of pat[..i] against some text substring ending at j.
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut start_prev: Vec<usize> = vec![0; m + 1];
    let mut best: Option<(usize, usize, usize)> = None; // (distance, start, end)
    let mut cur = vec![0usize; m + 1];
    let mut start_cur = vec![0usize; m + 1];
    for (j, &c) in text.iter().enumerate() {
        cur[0] = 0;
        start_cur[0] = j + 1;
        for i in 1..=m {
            let sub = prev[i - 1] + usize::from(pat[i - 1] != c);
            let del = prev[i] + 1; // text char skipped
            let ins = cur[i - 1] + 1; // pattern char skipped
            let (d, s) = if sub <= del && sub <= ins {
                (sub, if i == 1 { j } else { start_prev[i - 1] })
            } else if del <= ins {
                (del, start_prev[i])
            } else {
                (ins, start_cur[i - 1])
            };
            cur[i] = d;
            start_cur[i] = s;
        }
        if best.is_none_or(|b| cur[m] < b.0) {
            best = Some((cur[m], start_cur[m], j + 1));
        }
        std::mem::swap(&mut prev, &mut cur);
        std::mem::swap(&mut start_prev, &mut start_cur);
    }
    let (dist, start, end) = best?;
    Some((start, end, 1.0 - dist as f64 / m as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(text: &str, quote: &str) -> Target {
        let byte = text.find(quote).unwrap();
        let start = text[..byte].chars().count();
        Target::new("a.txt", text, start, start + quote.chars().count())
    }

    fn found(text: &str, a: Anchoring) -> (String, bool) {
        match a {
            Anchoring::Found { start, end, review } => {
                (text.chars().skip(start).take(end - start).collect(), review)
            }
            Anchoring::Orphan => ("<orphan>".into(), false),
        }
    }

    const OLD: &str =
        "The council met on Monday. The quay will be repaired in May. Work starts soon.";

    #[test]
    fn unchanged_text_anchors_by_position() {
        let t = target(OLD, "quay will be repaired");
        assert_eq!(
            found(OLD, reanchor(OLD, &t)),
            ("quay will be repaired".into(), false)
        );
    }

    #[test]
    fn an_edit_before_the_quote_moves_it() {
        let t = target(OLD, "quay will be repaired");
        let new = "Breaking: the harbour council met on Monday. The quay will be repaired in May. Work starts soon.";
        assert_eq!(
            found(new, reanchor(new, &t)),
            ("quay will be repaired".into(), false)
        );
    }

    #[test]
    fn an_edit_after_the_quote_changes_nothing() {
        let t = target(OLD, "quay will be repaired");
        let new = "The council met on Monday. The quay will be repaired in May. Work starts in June, they said.";
        assert_eq!(
            found(new, reanchor(new, &t)),
            ("quay will be repaired".into(), false)
        );
    }

    #[test]
    fn an_edit_inside_the_quote_is_found_approximately_and_flagged() {
        let t = target(OLD, "The quay will be repaired in May.");
        let new =
            "The council met on Monday. The quay will now be repaired in May. Work starts soon.";
        let (text, review) = found(new, reanchor(new, &t));
        assert!(
            text.starts_with("The quay will now be repaired in May"),
            "{text}"
        );
        assert!(review, "an approximate match is flagged");
    }

    #[test]
    fn repeated_phrases_pick_the_occurrence_whose_context_agrees() {
        let text =
            "Vote one: the motion passed. Later, after a long debate, the motion passed again.";
        let byte = text.rfind("the motion passed").unwrap();
        let start = text[..byte].chars().count();
        let t = Target::new("a.txt", text, start, start + "the motion passed".len());
        // Text inserted at the start shifts both occurrences: context decides.
        let new = format!("Minutes. {text}");
        match reanchor(&new, &t) {
            Anchoring::Found { start, review, .. } => {
                let expected = new[..new.rfind("the motion passed").unwrap()]
                    .chars()
                    .count();
                assert_eq!((start, review), (expected, false));
            }
            Anchoring::Orphan => panic!("lost"),
        }
    }

    #[test]
    fn identical_occurrences_with_identical_context_are_flagged() {
        // The first "Yes." of two; the new text has three, and two of them agree with the
        // saved context equally well.
        let text = "Yes. Yes.";
        let t = Target::new("a.txt", text, 0, 4);
        let new = "X Yes. Yes. Yes.";
        match reanchor(new, &t) {
            Anchoring::Found { review, .. } => assert!(review, "ambiguous"),
            Anchoring::Orphan => panic!("lost"),
        }
    }

    #[test]
    fn occurrences_are_all_found_overlapping_ones_too() {
        let naive = |t: &[char], p: &[char]| -> Vec<usize> {
            (0..=t.len().saturating_sub(p.len()))
                .filter(|&i| t.len() >= p.len() && t[i..i + p.len()] == *p)
                .collect()
        };
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..5_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut s = seed;
            let mut pick = |n: u64| {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1);
                (s >> 33) % n
            };
            let text: Vec<char> = (0..pick(30))
                .map(|_| ['a', 'b', '\u{e9}'][pick(3) as usize])
                .collect();
            let pat: Vec<char> = (0..1 + pick(4))
                .map(|_| ['a', 'b', '\u{e9}'][pick(3) as usize])
                .collect();
            assert_eq!(
                find_all(&text, &pat),
                naive(&text, &pat),
                "{text:?} {pat:?}"
            );
        }
        let aaa: Vec<char> = "aaaa".chars().collect();
        assert_eq!(find_all(&aaa, &['a', 'a']), [0, 1, 2]);
    }

    #[test]
    fn a_position_far_past_the_end_is_only_a_wrong_hint() {
        let mut t = target(OLD, "quay");
        t.selector[1] = crate::notes::model::Selector::TextPositionSelector {
            start: usize::MAX - 1,
            end: usize::MAX,
        };
        assert_eq!(found(OLD, reanchor(OLD, &t)), ("quay".into(), false));
    }

    #[test]
    fn a_deleted_passage_is_an_orphan() {
        let t = target(OLD, "The quay will be repaired in May.");
        let new = "The council met on Monday. Work starts soon.";
        assert_eq!(reanchor(new, &t), Anchoring::Orphan);
    }

    #[test]
    fn a_changed_sentence_after_an_inserted_paragraph_is_found_where_it_went() {
        let old = "Noted entry\n\nAlpha sentence about the harbour in Lisbon opening next spring.\n\nBravo sentence says the mayor Pedro Silva promised cheaper ferries.\n\nCharlie sentence closes the story with weather notes.";
        let new = "Noted entry\n\nZulu inserted paragraph about taxes in Porto, entirely unrelated.\n\nAlpha sentence about the harbour in Lisbon opening next spring.\n\nBravo sentence says the mayor Pedro Silva promised much cheaper ferries.\n\nCharlie sentence closes the story with weather notes.";
        let t = target(
            old,
            "Bravo sentence says the mayor Pedro Silva promised cheaper ferries.",
        );
        let (got, review) = found(new, reanchor(new, &t));
        assert_eq!(
            got,
            "Bravo sentence says the mayor Pedro Silva promised much cheaper ferries."
        );
        assert!(review, "its words changed: flagged");
    }
}
