//! The help overlay: every binding in effect, by mode, with its description.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::{Theme, put};
use crate::analysis::entities::Kind;
use crate::app::entities::{HELP_LEGEND_ROWS, TYPE_TOGGLES};
use crate::app::{AppState, Command, help};
use crate::keymap::Mode;

pub fn render(state: &AppState, theme: &Theme, scroll: usize, area: Rect, buf: &mut Buffer) {
    let width = help::outer_width(area.width);
    let height = area.height.saturating_sub(2);
    let x = area.x + (area.width - width) / 2;
    let outer = Rect::new(x, area.y + 1, width, height);
    Clear.render(outer, buf);
    let close = state
        .keymap
        .hint(Mode::Help, &[Command::CloseOverlay])
        .unwrap_or_default();
    let scroll_keys = state
        .keymap
        .hint(Mode::Help, &[Command::ScrollDown, Command::ScrollUp]);
    let only = super::filter_note(state);
    let title = match scroll_keys {
        Some(keys) => format!(" Keys{only} \u{2014} {close} closes, {keys} scroll, / filters "),
        None => format!(" Keys{only} \u{2014} {close} closes "),
    };
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(outer);
    block.render(outer, buf);

    let rows = help::lines(state, area.width);
    let key_w = help::key_width(inner.width);
    let total = rows.len() + HELP_LEGEND_ROWS;
    let max_scroll = total.saturating_sub(inner.height.into());
    let scroll = scroll.min(max_scroll);
    for (i, at) in (scroll..total).take(inner.height.into()).enumerate() {
        let y = inner.y + i as u16;
        if at < HELP_LEGEND_ROWS {
            legend(state, theme, at, Rect::new(inner.x, y, inner.width, 1), buf);
            continue;
        }
        let row = &rows[at - HELP_LEGEND_ROWS];
        if row.heading {
            put(
                buf,
                inner.x + 1,
                y,
                &row.keys,
                inner.width.saturating_sub(1),
                theme.title(),
            );
        } else {
            put(buf, inner.x + 2, y, &row.keys, key_w, theme.key());
            let desc_w = inner.width.saturating_sub(key_w + 3);
            put(
                buf,
                inner.x + 3 + key_w,
                y,
                &row.desc,
                desc_w,
                Theme::plain(),
            );
        }
    }
    // Say where in the list we are when it does not fit.
    if max_scroll > 0 && outer.width > 20 {
        let shown = (scroll + usize::from(inner.height)).min(total);
        let more = if shown < total {
            "\u{2193} more"
        } else {
            "end"
        };
        let text = format!(" {}-{shown} of {total} {more} ", scroll + 1);
        let x = outer
            .right()
            .saturating_sub(text.chars().count() as u16 + 2);
        put(
            buf,
            x,
            outer.bottom() - 1,
            &text,
            outer.width / 2,
            theme.dim(),
        );
    }
}

/// The highlight legend: each type in its own style (a type switched off is shown dim), and
/// the keys that switch them.
fn legend(state: &AppState, theme: &Theme, row: usize, area: Rect, buf: &mut Buffer) {
    let types: &[Kind] = match row {
        0 => {
            let keys = state
                .keymap
                .hint(Mode::Reader, &[Command::ToggleHighlights])
                .map(|k| format!(" ({k} switches them all, the keys below one type)"))
                .unwrap_or_default();
            put(
                buf,
                area.x + 1,
                area.y,
                &format!("Entity highlights{keys}"),
                area.width.saturating_sub(1),
                theme.title(),
            );
            return;
        }
        1 => &Kind::ALL[..4],
        2 => &Kind::ALL[4..],
        _ => return,
    };
    let mut x = area.x + 2;
    for &kind in types {
        let letter = TYPE_TOGGLES
            .iter()
            .find(|(_, k)| *k == kind)
            .and_then(|(c, _)| state.keymap.key_for(Mode::Reader, *c))
            .map(|k| k.to_string())
            .unwrap_or_default();
        let style = if state.highlights.shows(kind) {
            theme.entity(kind)
        } else {
            theme.dim()
        };
        let label = kind.label();
        if x + label.len() as u16 >= area.right() {
            break;
        }
        x += put(buf, x, area.y, label, area.right() - x, style);
        let key = format!(" {letter}   ");
        x += put(
            buf,
            x,
            area.y,
            &key,
            area.right().saturating_sub(x),
            theme.dim(),
        );
    }
}
