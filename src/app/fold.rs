//! `Z`: the paragraphs of the shown article that the user has read already in another outlet
//! of its story fold to one line each run ("▸ 3 paragraphs you read in AFP"), so that the
//! second article shows what is new. Again, and they show (dimmed, as before).

use super::state::AppState;

/// The paragraphs of the shown article that fold now (sorted), when folding is on.
pub fn folded(state: &AppState) -> &[usize] {
    let before = &state.stories.before;
    let on =
        state.stories.fold_read && !state.raw && before.of.map(|(a, _)| a) == Some(state.selected);
    if on { &before.folded } else { &[] }
}

/// Whether paragraph `para` of the shown article is folded away.
pub fn hides(state: &AppState, para: usize) -> bool {
    folded(state).binary_search(&para).is_ok()
}

/// The paragraphs every sentence of which was read before (per sentence of the stories'
/// split, `read_in`), with the article each was read in.
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
        if read_in[i..i + run].iter().all(Option::is_some) {
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
    let paragraphs = if count == 1 {
        "1 paragraph".to_string()
    } else {
        format!("{count} paragraphs")
    };
    format!("\u{25b8} {paragraphs} ({sentences} sentences) you read in {outlet}")
}

/// `Z`: fold what was read before, or show it again.
pub(super) fn toggle(state: &mut AppState) {
    state.stories.fold_read = !state.stories.fold_read;
    let n = state.stories.before.folded.len();
    state.message = Some(match (state.stories.fold_read, n) {
        (false, _) => "paragraphs read in other outlets shown".into(),
        (true, 0) => "nothing here was read in another outlet yet (Z folds it once read)".into(),
        (true, n) => format!("{n} paragraphs read in other outlets folded (Z shows them)"),
    });
    super::annotate::leave_hidden(state);
}
