//! `E`: export notes. The next key picks the shown article's notes or the whole briefing's;
//! the shell writes the file (`Effect::Export`) and the status line says where. A tag filter
//! (`#`) in effect applies to the export too.

use super::action::{Command, Effect};
use super::state::AppState;
use crate::keymap::Mode;

/// E: asks what to export, naming the keys of the export table.
pub fn choose(state: &mut AppState) {
    if count(state, None) == 0 {
        state.message = Some(format!("no notes{} to export", tagged(state)));
        return;
    }
    let key = |c: Command| {
        state
            .keymap
            .key_for(Mode::Export, c)
            .map_or_else(|| "?".to_string(), |k| k.to_string())
    };
    state.message = Some(format!(
        "Export notes{} to Markdown: {} this article \u{b7} {} whole briefing \u{b7} {} cancel",
        tagged(state),
        key(Command::ExportArticle),
        key(Command::ExportBriefing),
        key(Command::ExportCancel),
    ));
    state.choosing_export = true;
}

/// The shown (or selected) article's notes.
pub fn article(state: &mut AppState, effects: &mut Vec<Effect>) {
    state.choosing_export = false;
    let Some(entry) = state.entries.get(state.selected) else {
        return;
    };
    if count(state, Some(&entry.key)) == 0 {
        state.message = Some(format!("this article has no notes{}", tagged(state)));
        return;
    }
    effects.push(Effect::Export(Some(state.selected)));
}

/// Every note of the briefing.
pub fn briefing(state: &mut AppState, effects: &mut Vec<Effect>) {
    state.choosing_export = false;
    effects.push(Effect::Export(None));
}

/// The shell wrote the file (or could not).
pub fn done(state: &mut AppState, result: Result<(std::path::PathBuf, usize), String>) {
    let shown = |p: Option<&std::path::Path>| {
        crate::sanitize::sanitize_line(&p.map(|p| p.display().to_string()).unwrap_or_default())
    };
    state.message = Some(match result {
        Ok((path, n)) => {
            let head = format!(
                "exported {}{}: ",
                crate::plural::count(n, "note"),
                tagged(state),
            );
            // The whole path when it fits; else its folder cut from the left, so that the
            // file's name and the folder it is in stay readable.
            let full = shown(Some(&path));
            let room = usize::from(state.size.0)
                .saturating_sub(head.chars().count() + 2)
                .max(20);
            let len = full.chars().count();
            let path = if len <= room {
                full
            } else {
                let tail: String = full.chars().skip(len + 1 - room).collect();
                format!("\u{2026}{tail}")
            };
            format!("{head}{path}")
        }
        Err(problem) => problem,
    });
}

/// Live notes (on one article's source), as the tag filter lets through.
fn count(state: &AppState, source: Option<&str>) -> usize {
    state
        .notes
        .iter()
        .filter(|n| !n.deleted && source.is_none_or(|s| n.target.source == s))
        .filter(|n| state.tag_filter.as_ref().is_none_or(|t| n.tags.contains(t)))
        .count()
}

fn tagged(state: &AppState) -> String {
    state
        .tag_filter
        .as_ref()
        .map(|t| format!(" tagged #{t}"))
        .unwrap_or_default()
}
