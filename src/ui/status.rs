//! The status line: the prompt or a message on the left, the reading position and a help hint
//! on the right.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Theme, put};
use crate::app::{AppState, Command, Focus};

pub fn render(state: &AppState, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let style = theme.status();
    buf.set_style(area, style);
    let mut right = String::new();
    let lines = state.view.lines.len();
    if state.view.article.is_some()
        && lines > 0
        && (state.focus == Focus::Reader
            || state.panes().list.is_none()
            || state.panes().body.is_some())
    {
        let height = state.page_height();
        let top = state.view.top;
        let pct = if top == 0 {
            "Top".to_string()
        } else if top + height >= lines {
            "End".to_string()
        } else {
            format!("{}%", (top + height) * 100 / lines)
        };
        right.push_str(&format!("{}/{} {pct}", (top + height).min(lines), lines));
    }
    if let Some(key) = state.keymap.key_for(state.mode(), Command::Help) {
        right.push_str(&format!("  {key} help"));
    }
    let right = format!("{right} ");
    let right_w = right.chars().count() as u16;
    let left_w = area.width.saturating_sub(right_w + 1);
    if let Some(prompt) = &state.prompt {
        let text = format!("/{prompt}\u{2588}");
        put(buf, area.x, area.y, &text, left_w, style);
    } else {
        let text = state.message.clone().unwrap_or_else(|| match state.focus {
            Focus::List => " j/k choose  Enter read  / search".to_string(),
            Focus::Reader => " Space page  J/K next/prev  Tab list".to_string(),
        });
        put(buf, area.x, area.y, &text, left_w, style);
    }
    if right_w < area.width {
        put(buf, area.right() - right_w, area.y, &right, right_w, style);
    }
}
