//! `Z`: the paragraphs of the shown article that the user has read already in another outlet
//! of its story fold to one line each run ("▸ 3 paragraphs you read in AFP"), so that the
//! second article shows what is new. Again, and they show (dimmed, as before). What the
//! user should not miss never folds: a figure another outlet gives differently, a passage
//! with a note. A search, a walk through mentions or a jump to a note that lands in a fold
//! opens it, as vim does.

use super::state::AppState;
use crate::plural;

/// Whether folding applies to the shown article now.
fn on(state: &AppState) -> bool {
    let before = &state.stories.before;
    state.stories.fold_read && !state.raw && before.of.map(|(a, _)| a) == Some(state.selected)
}

/// Whether a note's passage takes in paragraph `para` of the shown article.
fn noted(state: &AppState, para: usize) -> bool {
    state
        .marks
        .iter()
        .any(|m| m.start.para <= para && para <= m.end.para)
}

/// The paragraphs of the shown article that fold now (sorted), when folding is on.
pub fn folded(state: &AppState) -> Vec<usize> {
    if !on(state) {
        return Vec::new();
    }
    let all = state.stories.before.folded.iter().copied();
    all.filter(|&p| !noted(state, p)).collect()
}

/// Whether paragraph `para` of the shown article is folded away.
pub fn hides(state: &AppState, para: usize) -> bool {
    on(state) && state.stories.before.folded.binary_search(&para).is_ok() && !noted(state, para)
}

/// Opens the fold over paragraph `para` of the shown article, for good while it is shown
/// (a jump lands there), and wraps the reader again. Whether there was one.
pub fn open(state: &mut AppState, para: usize) -> bool {
    if !hides(state, para) {
        return false;
    }
    let folded = &mut state.stories.before.folded;
    if let Ok(i) = folded.binary_search(&para) {
        folded.remove(i);
    }
    super::sync::sync_view(state, &mut Vec::new());
    true
}

/// The paragraphs every sentence of which was read before (per sentence of the stories'
/// split, `read_in`), with the article each was read in, and none of which another outlet
/// contradicts.
pub fn paragraphs_read(state: &AppState, article: usize, read_in: &[Option<u32>]) -> Vec<usize> {
    let Some(own) = state.stories.stories.articles.get(article) else {
        return Vec::new();
    };
    let mut out: Vec<usize> = Vec::new();
    let mut i = 0;
    let sentences = &own.sentences;
    while i < sentences.len() {
        let para = sentences[i].para;
        let run = sentences[i..].iter().take_while(|s| s.para == para).count();
        if read_in[i..i + run].iter().all(Option::is_some)
            && sentences[i..i + run]
                .iter()
                .all(|s| s.conflicts().is_empty())
        {
            out.push(para as usize);
        }
        i += run;
    }
    out
}

/// The fold line's words for the run of `count` paragraphs from `para`: how many sentences,
/// and the outlet they were read in.
pub fn line(state: &AppState, para: usize, count: usize) -> String {
    let stories = &state.stories.stories;
    let before = &state.stories.before;
    let Some(own) = stories.articles.get(state.selected) else {
        return String::new();
    };
    let all = folded(state);
    let start = all.binary_search(&para).unwrap_or(all.len());
    let run = &all[start..(start + count).min(all.len())];
    let mut sentences = 0;
    let mut outlet = None;
    for (s, read) in own.sentences.iter().zip(&before.read_in) {
        if run.binary_search(&(s.para as usize)).is_ok() {
            sentences += 1;
            outlet = outlet.or(read.and_then(|a| stories.articles.get(a as usize)));
        }
    }
    let outlet = outlet.map_or("another outlet", |a| a.outlet.as_str());
    format!(
        "\u{25b8} {} ({}) you read in {outlet}",
        plural::count(count, "paragraph"),
        plural::count(sentences, "sentence")
    )
}

/// `Z`: fold what was read before, or show it again.
pub(super) fn toggle(state: &mut AppState) {
    state.stories.fold_read = !state.stories.fold_read;
    let n = state.stories.before.folded.len();
    state.message = Some(match (state.stories.fold_read, n) {
        (false, _) => "paragraphs read in other outlets shown".into(),
        (true, 0) => "nothing here was read in another outlet yet (Z folds it once read)".into(),
        (true, 1) => "1 paragraph read in another outlet folded (Z shows it)".into(),
        (true, n) => format!(
            "{} read in other outlets folded (Z shows them)",
            plural::count(n, "paragraph")
        ),
    });
    super::annotate::leave_hidden(state);
}
