//! The help overlay: every binding in effect, by mode, with its description.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::{Theme, put};
use crate::app::AppState;
use crate::keymap::Mode;

pub fn render(state: &AppState, theme: &Theme, scroll: usize, area: Rect, buf: &mut Buffer) {
    let width = area.width.saturating_sub(4).min(76);
    let height = area.height.saturating_sub(2);
    let x = area.x + (area.width - width) / 2;
    let outer = Rect::new(x, area.y + 1, width, height);
    Clear.render(outer, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Keys \u{2014} Esc closes, j/k scroll ");
    let inner = block.inner(outer);
    block.render(outer, buf);

    let mut rows: Vec<(String, String, bool)> = Vec::new();
    for (mode, heading) in [
        (Mode::List, "Article list"),
        (Mode::Reader, "Reader"),
        (Mode::Global, "Everywhere"),
        (Mode::Prompt, "Search prompt"),
        (Mode::Help, "This help"),
    ] {
        if !rows.is_empty() {
            rows.push((String::new(), String::new(), false));
        }
        rows.push((heading.to_string(), String::new(), true));
        for (keys, _, desc) in state.keymap.rows(mode) {
            let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
            rows.push((keys.join(" "), desc, false));
        }
    }
    let key_w = 20u16.min(inner.width / 2);
    let max_scroll = rows.len().saturating_sub(inner.height.into());
    for (i, (keys, desc, heading)) in rows
        .iter()
        .skip(scroll.min(max_scroll))
        .take(inner.height.into())
        .enumerate()
    {
        let y = inner.y + i as u16;
        if *heading {
            put(
                buf,
                inner.x + 1,
                y,
                keys,
                inner.width.saturating_sub(1),
                theme.title(),
            );
        } else {
            put(buf, inner.x + 2, y, keys, key_w, theme.key());
            put(
                buf,
                inner.x + 3 + key_w,
                y,
                desc,
                inner.width.saturating_sub(key_w + 3),
                Theme::plain(),
            );
        }
    }
}
