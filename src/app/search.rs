//! Search in the shown article: smart case (a capital letter in the query makes it exact),
//! matches kept as paragraph byte ranges so they survive re-wrapping.

use super::state::{Anchor, AppState, Match, Search};
use super::sync::line_of;
use crate::ingest::ParagraphKind;

/// Runs a new search from the top of the reader and jumps to the first match below it.
pub(super) fn start(state: &mut AppState, query: String) {
    state.search = Some(Search {
        query,
        matches: Vec::new(),
        current: None,
    });
    refresh(state);
    step(state, true);
}

/// Recomputes the matches for the shown article (after switching articles).
pub(super) fn refresh(state: &mut AppState) {
    let Some(query) = state.search.as_ref().map(|s| s.query.clone()) else {
        return;
    };
    let matches = match state.shown_article() {
        Some(article) => article
            .paragraphs
            .iter()
            .enumerate()
            // Hidden captions are not searched: a match there could not be shown.
            .filter(|(_, p)| state.captions || state.raw || p.kind != ParagraphKind::Caption)
            .flat_map(|(para, p)| {
                find_all(&p.text, &query)
                    .into_iter()
                    .map(move |(start, end)| Match { para, start, end })
            })
            .collect(),
        None => Vec::new(),
    };
    if let Some(search) = state.search.as_mut() {
        search.matches = matches;
        search.current = None;
    }
}

/// Moves to the next (or previous) match, wrapping around the article, and scrolls to it.
pub(super) fn step(state: &mut AppState, forward: bool) {
    let Some(search) = state.search.as_ref() else {
        state.message = Some("no search yet: press / to search".into());
        return;
    };
    let query = search.query.clone();
    let n = search.matches.len();
    if n == 0 {
        state.message = Some(format!(
            "no match for \u{201c}{query}\u{201d} in this article"
        ));
        return;
    }
    let line = |m: &Match| {
        line_of(
            state,
            Anchor {
                para: m.para,
                offset: m.start,
                gap: false,
            },
        )
    };
    let (next, wrapped) = match search.current {
        Some(c) if forward => ((c + 1) % n, c + 1 == n),
        Some(c) => ((c + n - 1) % n, c == 0),
        None => {
            // The first match at or below the top of the reader (above it, going back).
            let top = state.view.top;
            let found = if forward {
                search.matches.iter().position(|m| line(m) >= top)
            } else {
                search.matches.iter().rposition(|m| line(m) < top)
            };
            match found {
                Some(i) => (i, false),
                None if forward => (0, true),
                None => (n - 1, true),
            }
        }
    };
    let target = line(&search.matches[next]);
    // The sentence cursor follows, so that v or a tag acts on what was found.
    let found = &search.matches[next];
    state.cursor = super::annotate::Pos {
        para: found.para,
        byte: found.start,
    };
    if let Some(s) = state.search.as_mut() {
        s.current = Some(next);
    }
    let height = state.page_height();
    if target < state.view.top || target >= state.view.top + height {
        // Leave a third of the page above the match, for context.
        state.view.top = target.saturating_sub(height / 3).min(state.max_top());
    }
    let wrap_note = if wrapped { " (wrapped)" } else { "" };
    state.message = Some(format!(
        "\u{201c}{query}\u{201d}: match {} of {n}{wrap_note}",
        next + 1
    ));
}

/// Byte ranges of every occurrence of `query` in `text`, ignoring case unless the query has a
/// capital letter. Quotes, apostrophes and dashes fold: `isn't` finds "isn’t" and back.
/// The ranges are ranges of `text` itself, whole characters.
pub fn find_all(text: &str, query: &str) -> Vec<(usize, usize)> {
    if query.is_empty() {
        return Vec::new();
    }
    let exact = query.chars().any(char::is_uppercase);
    let q = fold(query, exact).0;
    if exact && !q.contains(['\'', '"', '-']) {
        // Nothing to fold on either side: the text as it is.
        return text
            .match_indices(query)
            .map(|(i, m)| (i, i + m.len()))
            .collect();
    }
    let (folded, origin) = fold(text, exact);
    folded
        .match_indices(&q)
        .map(|(i, m)| {
            // From the character the first folded byte came from to the end of the one the
            // last came from (a character may fold to several).
            let last = origin[i + m.len() - 1];
            let end = last + text[last..].chars().next().map_or(0, char::len_utf8);
            (origin[i], end)
        })
        .collect()
}

/// `text` folded for search (lower case unless `exact`, quotes and dashes to their ASCII
/// forms), with the byte of `text` each folded byte came from.
fn fold(text: &str, exact: bool) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    let mut push = |c: char, i: usize| {
        folded.push(fold_mark(c));
        origin.resize(folded.len(), i);
    };
    for (i, c) in text.char_indices() {
        if exact {
            push(c, i);
        } else {
            c.to_lowercase().for_each(|lc| push(lc, i));
        }
    }
    (folded, origin)
}

/// Curly, low and reversed quotes and primes as the straight quote, every dash as `-`.
fn fold_mark(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' => '-',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::find_all;

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
}
