//! The help overlay's lines: every binding with its description wrapped to the overlay's
//! width (never cut), shared by the drawing and by the scrolling that must know their number.

use super::state::PromptKind;
use super::update::help_height;
use super::{AppState, Command};

/// One line of the help below the legend: a heading, or a binding's keys (on its first line
/// only) and a piece of its description.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HelpLine {
    pub keys: String,
    pub desc: String,
    pub heading: bool,
}

/// The overlay's outer width in a terminal `columns` wide.
pub fn outer_width(columns: u16) -> u16 {
    columns.saturating_sub(4).min(76)
}

/// The width of the keys column inside a frame `inner` columns wide.
pub fn key_width(inner: u16) -> u16 {
    20u16.min(inner / 2)
}

/// The help's lines for a terminal `columns` wide.
pub fn lines(state: &AppState, columns: u16) -> Vec<HelpLine> {
    let inner = outer_width(columns).saturating_sub(2);
    let desc_w = inner.saturating_sub(key_width(inner) + 3);
    let mut out = Vec::new();
    // `/` in the help: only the bindings whose keys or description hold the text.
    let rows = super::panel_filter::sections(
        state.keymap.help_rows(),
        |r| r.heading || (r.keys.is_empty() && r.desc.is_empty()),
        |r| super::panel_filter::help_row_kept(state, &r.keys, &r.desc),
    );
    for row in rows {
        if row.heading || desc_w < 8 || row.desc.is_empty() {
            out.push(HelpLine {
                keys: row.keys,
                desc: row.desc,
                heading: row.heading,
            });
            continue;
        }
        for (i, range) in crate::wrap::wrap(&row.desc, desc_w).into_iter().enumerate() {
            out.push(HelpLine {
                keys: if i == 0 {
                    row.keys.clone()
                } else {
                    String::new()
                },
                desc: row.desc[range].trim_end().to_string(),
                heading: false,
            });
        }
    }
    out
}

/// The help's own keys (it scrolls; `/` filters it): true when the command was the help's.
/// Any other command closes it, and runs unless it was the one that closes it.
pub(super) fn command(state: &mut AppState, command: Command) -> bool {
    use Command::*;
    let Some(scroll) = state.help.filter(|_| state.prompt.is_none()) else {
        return false;
    };
    // The help's own keys scroll it; any other command closes it and then runs.
    let max = lines(state, state.size.0)
        .len()
        .saturating_add(super::entities::HELP_LEGEND_ROWS)
        .saturating_sub(help_height(state));
    let page = help_height(state).max(1);
    let scrolled = match command {
        ScrollDown => Some(scroll + 1),
        ScrollUp => Some(scroll.saturating_sub(1)),
        PageDown | HalfPageDown => Some(scroll + page),
        PageUp | HalfPageUp => Some(scroll.saturating_sub(page)),
        Top => Some(0),
        Bottom => Some(max),
        _ => None,
    };
    if let Some(to) = scrolled {
        state.help = Some(to.min(max));
        return true;
    }
    if command == FilterPanel {
        super::update::open_prompt(state, PromptKind::Panel);
        return true;
    }
    state.help = None;
    if matches!(command, Help | CloseOverlay) {
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_descriptions_wrap_instead_of_being_cut() {
        let keymap = crate::keymap::Keymap::default_map();
        let state = AppState::new("b".into(), Vec::new(), keymap, (200, 60));
        let wide = lines(&state, 200);
        let narrow = lines(&state, 60);
        assert!(narrow.len() > wide.len(), "narrow help has more lines");
        let words = |ls: &[HelpLine]| -> Vec<String> {
            ls.iter()
                .flat_map(|l| l.desc.split_whitespace().map(str::to_string))
                .collect()
        };
        assert_eq!(words(&wide), words(&narrow), "no word is lost");
        let inner = outer_width(60) - 2;
        let desc_w = usize::from(inner - key_width(inner) - 3);
        assert!(
            narrow
                .iter()
                .all(|l| l.heading || l.desc.chars().count() <= desc_w)
        );
    }
}
