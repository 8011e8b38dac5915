//! The note editor popup: the passage quoted above a ratatui-textarea.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::{Theme, put};
use crate::app::AppState;
use crate::app::editor::Editor;

pub fn render(state: &AppState, editor: &Editor, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = area.width.saturating_sub(4).min(80);
    let height = area.height.saturating_sub(4).min(14);
    if width < 10 || height < 5 {
        return;
    }
    let outer = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    Clear.render(outer, buf);
    let what = if editor.note.is_some() {
        "Edit note"
    } else {
        "New note"
    };
    let keys = |c| {
        state
            .keymap
            .key_for(crate::keymap::Mode::Editor, c)
            .map(|k| k.to_string())
            .unwrap_or_default()
    };
    let title = format!(
        " {what} \u{2014} {} saves, {} closes{} ",
        keys(crate::app::Command::EditorSave),
        keys(crate::app::Command::EditorClose),
        if editor.dirty { " \u{b7} unsaved" } else { "" }
    );
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(outer);
    block.render(outer, buf);
    // The passage, on one line, so the user knows what the note is about.
    put(
        buf,
        inner.x,
        inner.y,
        &crate::app::annotate::quoted(&editor.quote.replace('\n', " ")),
        inner.width,
        theme.caption(),
    );
    let text = Rect::new(
        inner.x,
        inner.y + 2,
        inner.width,
        inner.height.saturating_sub(2),
    );
    editor.area.render(text, buf);
}
