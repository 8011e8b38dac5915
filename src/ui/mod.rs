//! Drawing: a pure function of the state. No I/O, no changes to the state.

mod editor;
mod entities;
mod help;
mod hits;
mod list;
mod notes;
mod reader;
mod status;
mod story;
mod story_panel;
pub mod theme;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::app::AppState;
use crate::layout::{MIN_HEIGHT, MIN_WIDTH};
pub use theme::Theme;

/// Draws the whole screen for `state` into a buffer (the shell sends it to the terminal).
pub fn render(state: &AppState, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let panes = state.panes();
    if panes.too_small {
        let text = format!("Terminal too small: needs {MIN_WIDTH}x{MIN_HEIGHT}");
        for (y, chunk) in wrap_plain(&text, area.width)
            .iter()
            .enumerate()
            .take(area.height.into())
        {
            put(
                buf,
                area.x,
                area.y + y as u16,
                chunk,
                area.width,
                Style::default(),
            );
        }
        return;
    }
    if let Some(list) = panes.list {
        list::render(state, theme, list, buf);
    }
    if let Some(d) = panes.divider {
        for y in d.top()..d.bottom() {
            put(buf, d.x, y, "\u{2502}", 1, theme.dim());
        }
    }
    if let (Some(header), Some(body)) = (panes.header, panes.body) {
        reader::render(state, theme, header, body, buf);
    }
    status::render(state, theme, panes.status, buf);
    if let Some(scroll) = state.help {
        help::render(state, theme, scroll, area, buf);
    }
    if let Some(p) = state.panel {
        notes::render(state, p, theme, area, buf);
    }
    if let Some(p) = state.entity_panel {
        entities::render(state, p, theme, area, buf);
    }
    if let Some(p) = state.story_panel {
        story_panel::render(state, p, theme, area, buf);
    }
    if let Some(h) = &state.hits
        && let Some(selected) = h.panel
    {
        hits::render(state, h, selected, theme, area, buf);
    }
    if let Some(ed) = &state.editor {
        editor::render(state, ed, theme, area, buf);
    }
}

/// " holding “text”" for the title of a panel filtered with `/`.
pub(crate) fn filter_note(state: &AppState) -> String {
    state
        .panel_filter
        .as_deref()
        .map(|t| format!(" holding \u{201c}{}\u{201d}", fit(t, 20)))
        .unwrap_or_default()
}

/// The area of a panel drawn over the screen (up to 90 columns, centred, a row from the top),
/// cleared; None when the terminal is too small for one.
pub(crate) fn panel_area(area: Rect, buf: &mut Buffer) -> Option<Rect> {
    use ratatui::widgets::{Clear, Widget};
    let width = area.width.saturating_sub(4).min(90);
    let height = area.height.saturating_sub(2);
    if width < 20 || height < 4 {
        return None;
    }
    let outer = Rect::new(area.x + (area.width - width) / 2, area.y + 1, width, height);
    Clear.render(outer, buf);
    Some(outer)
}

/// Writes `text` at (x, y) in at most `width` columns, cutting with "…" when it does not fit.
/// Returns the columns used.
pub(crate) fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, width: u16, style: Style) -> u16 {
    let fitted = fit(text, usize::from(width));
    buf.set_stringn(x, y, &fitted, usize::from(width), style);
    fitted.width() as u16
}

/// `text` cut to `width` columns in the middle ("Anti-IS coalit…in London"), so that titles
/// that begin alike still differ; short widths cut at the end.
pub(crate) fn fit_middle(text: &str, width: usize) -> String {
    if text.width() <= width || width < 16 {
        return fit(text, width);
    }
    let tail_w = (width - 1) * 2 / 5;
    let head = fit(text, width - tail_w);
    let mut tail: Vec<&str> = Vec::new();
    let mut used = 0;
    for g in text.graphemes(true).rev() {
        if used + g.width() > tail_w {
            break;
        }
        used += g.width();
        tail.push(g);
    }
    let tail: String = tail.into_iter().rev().collect();
    format!("{head}{}", tail.trim_start())
}

/// `text` cut to `width` columns, ending in "…" when cut.
pub(crate) fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = g.width();
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    if width > 0 {
        out.push('\u{2026}');
    }
    out
}

fn wrap_plain(text: &str, width: u16) -> Vec<String> {
    crate::wrap::wrap(text, width)
        .into_iter()
        .map(|r| text[r].to_string())
        .collect()
}
