//! The hits of a search of the whole briefing, over the screen: a heading per article (title,
//! outlet, number of matches), then one line per match, cut so that the match shows, marked
//! reversed and underlined so that it shows without colour.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::{Theme, put};
use crate::app::AppState;
use crate::app::hits::{self, Hits, Row};

pub fn render(
    state: &AppState,
    h: &Hits,
    selected: usize,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let Some(outer) = super::panel_area(area, buf) else {
        return;
    };
    let more = if h.truncated { "+" } else { "" };
    let title = format!(
        " {}{more} {} for \u{201c}{}\u{201d} \u{2014} Enter goes there, Esc closes ",
        h.hits.len(),
        crate::plural::for_count(h.hits.len(), "match"),
        h.query
    );
    let block = Block::default().borders(Borders::ALL).title(super::fit(
        &title,
        usize::from(outer.width.saturating_sub(2)),
    ));
    let inner = block.inner(outer);
    block.render(outer, buf);
    let rows = hits::rows(h);
    let at = rows
        .iter()
        .position(|r| *r == Row::Hit(selected))
        .unwrap_or(0);
    let visible = usize::from(inner.height);
    // The selected match in the middle, its article's heading above it where there is room.
    let first = at
        .saturating_sub(visible / 2)
        .min(rows.len().saturating_sub(visible));
    let width = inner.width.saturating_sub(3);
    for (n, row) in rows.iter().enumerate().skip(first).take(visible) {
        let y = inner.y + (n - first) as u16;
        match *row {
            Row::Heading { article, count } => {
                let entry = &state.entries[article];
                let outlet = entry
                    .outlet
                    .as_deref()
                    .map(|o| format!(" \u{b7} {o}"))
                    .unwrap_or_default();
                let text = format!("{}{outlet} ({count})", entry.title);
                put(
                    buf,
                    inner.x + 1,
                    y,
                    &text,
                    inner.width.saturating_sub(1),
                    theme.title(),
                );
            }
            Row::Hit(i) => {
                if i == selected {
                    put(buf, inner.x, y, "\u{258c}", 1, Theme::plain());
                }
                let hit = h.hits[i];
                let Some(text) = state.entries[hit.article as usize]
                    .article()
                    .and_then(|a| a.paragraphs.get(hit.para as usize))
                    .map(|p| p.text.as_str())
                else {
                    continue;
                };
                let marked = theme.selection().add_modifier(Modifier::UNDERLINED);
                let (start, end) = (hit.start as usize, hit.end as usize);
                let line = snippet(text, start..end, usize::from(width), marked);
                buf.set_line(inner.x + 2, y, &line, width);
            }
        }
    }
}

/// One line of `text` about `width` columns wide holding the match `m` (marked): it starts a
/// few words before the match, with "…" when it does not start at the paragraph's start.
fn snippet(
    text: &str,
    m: std::ops::Range<usize>,
    width: usize,
    marked: ratatui::style::Style,
) -> Line<'_> {
    if text.get(m.clone()).is_none() {
        return Line::default();
    }
    // Up to a third of the line before the match.
    let budget = width / 3;
    let mut start = m.start;
    let mut used = 0;
    for (i, g) in text[..m.start].grapheme_indices(true).rev() {
        used += g.width();
        if used > budget {
            break;
        }
        start = i;
    }
    // At a word's start when one is near.
    if start > 0
        && let Some(space) = text[start..m.start].find(' ')
    {
        start += space + 1;
    }
    // Enough text to fill the line (it is cut at the width when drawn).
    let end = text[m.end..]
        .char_indices()
        .nth(width * 2)
        .map_or(text.len(), |(i, _)| m.end + i);
    let mut spans = Vec::new();
    if start > 0 {
        spans.push(Span::raw("\u{2026}"));
    }
    spans.extend(super::reader::styled(
        text,
        start..end,
        Theme::plain(),
        &[(m, marked)],
    ));
    Line::from(spans)
}
