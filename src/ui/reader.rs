//! The reader: the article's title and source over its wrapped text, with search matches marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{Theme, put};
use crate::app::{AppState, Body, Command, Entry};
use crate::ingest::Article;
use crate::ingest::ParagraphKind;
use crate::keymap::Mode;

/// The line under the title: byline, date and file (or what the raw view is), and any notice.
fn source_line(state: &AppState, entry: &Entry, article: &Article) -> String {
    if state.raw {
        let back = state
            .keymap
            .hint(Mode::Reader, &[Command::ToggleRaw])
            .unwrap_or_default();
        let mut line = format!(
            "raw source of {} \u{2014} {back} shows the clean article",
            entry.name
        );
        if let Some(notice) = &article.notice {
            line = format!("{} \u{2014} {notice}", entry.name);
        }
        return line;
    }
    let parts: Vec<&str> = [
        article.byline.as_deref(),
        article.published.as_deref(),
        Some(entry.name.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut line = parts.join(" \u{b7} ");
    if let Some(notice) = &article.notice {
        line.push_str(" \u{2014} ");
        line.push_str(notice);
    }
    line
}

pub fn render(state: &AppState, theme: &Theme, header: Rect, body: Rect, buf: &mut Buffer) {
    let Some(entry) = state.entries.get(state.selected) else {
        put(
            buf,
            body.x,
            body.y,
            "This briefing has no articles.",
            body.width,
            theme.dim(),
        );
        return;
    };
    put(
        buf,
        header.x,
        header.y,
        &entry.title,
        header.width,
        theme.title(),
    );
    let article = match (state.raw, &entry.body, &entry.raw) {
        (true, _, Some(raw)) => raw,
        (false, Body::Ready(a), _) => a,
        (false, Body::Failed(problem), _) => {
            let text = format!("{} cannot be opened: {problem}", entry.name);
            put(buf, body.x, body.y, &text, body.width, theme.error());
            return;
        }
        _ => {
            put(
                buf,
                body.x,
                body.y,
                "Loading\u{2026}",
                body.width,
                theme.dim(),
            );
            return;
        }
    };
    if header.height > 1 {
        put(
            buf,
            header.x,
            header.y + 1,
            &source_line(state, entry, article),
            header.width,
            theme.dim(),
        );
    }
    if article.paragraphs.is_empty() {
        put(
            buf,
            body.x,
            body.y,
            "(nothing to show)",
            body.width,
            theme.dim(),
        );
        return;
    }
    let search = state.search.as_ref();
    for (row, line) in state
        .view
        .lines
        .iter()
        .skip(state.view.top)
        .take(body.height.into())
        .enumerate()
    {
        let Some(para) = line.para else { continue };
        let Some(paragraph) = article.paragraphs.get(para) else {
            continue;
        };
        let base = match paragraph.kind {
            ParagraphKind::Heading => theme.heading(),
            ParagraphKind::Body => Theme::plain(),
            ParagraphKind::Caption => theme.caption(),
        };
        let text = &paragraph.text;
        // Cut the line at every match boundary inside it.
        let mut spans = Vec::new();
        let mut at = line.range.start;
        if let Some(search) = search {
            for (i, m) in search.matches.iter().enumerate() {
                if m.para != para || m.end <= line.range.start || m.start >= line.range.end {
                    continue;
                }
                let (s, e) = (m.start.max(line.range.start), m.end.min(line.range.end));
                if s > at {
                    spans.push(Span::styled(&text[at..s], base));
                }
                let style: Style = if search.current == Some(i) {
                    theme.current_match()
                } else {
                    theme.search_match()
                };
                spans.push(Span::styled(&text[s..e], base.patch(style)));
                at = e;
            }
        }
        if at < line.range.end {
            spans.push(Span::styled(&text[at..line.range.end], base));
        }
        buf.set_line(body.x, body.y + row as u16, &Line::from(spans), body.width);
    }
}
