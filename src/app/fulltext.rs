//! `L`: the full article behind a feed entry's link, fetched in the background and shown in
//! place of the summary (which stays when the page cannot be had). The page is kept in the
//! data folder, so the entry opens with its full text next time, offline too.

use super::action::Effect;
use super::state::AppState;
use crate::ingest::{Article, Source};

/// Asks for the selected article's linked page.
pub(super) fn request(state: &mut AppState, effects: &mut Vec<Effect>) {
    let i = state.selected;
    let Some(entry) = state.entries.get(i) else {
        return;
    };
    let Some(article) = entry.article() else {
        state.message = Some("this article is not read yet".into());
        return;
    };
    let Some(link) = article.link.clone().filter(|l| crate::web::is_url(l)) else {
        state.message = Some("this article has no web link".into());
        return;
    };
    if matches!(&entry.source, Source::Web { url, entry: None, .. } if *url == link) {
        state.message = Some("this article is the linked page already".into());
        return;
    }
    state.message = Some(format!("fetching {link}\u{2026}"));
    effects.push(Effect::FetchFull(i, link));
}

/// The page arrived (or did not).
pub(super) fn arrived(
    state: &mut AppState,
    i: usize,
    result: Result<Article, String>,
    effects: &mut Vec<Effect>,
) {
    let Some(entry) = state.entries.get_mut(i) else {
        return;
    };
    let link = entry
        .article()
        .and_then(|a| a.link.clone())
        .unwrap_or_default();
    match result {
        Ok(full) if !full.paragraphs.is_empty() => {
            let host = crate::web::host(&link);
            super::refresh::put(state, i, full, effects);
            state.message = Some(format!("full text from {host} (kept for next time)"));
        }
        Ok(_) => state.message = Some(format!("{link}: no article text found; the summary stays")),
        Err(problem) => state.message = Some(format!("{link}: {problem}; the summary stays")),
    }
}
