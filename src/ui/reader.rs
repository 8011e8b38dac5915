//! The reader: the article's title and source over its wrapped text, with search matches marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{Theme, put};
use crate::app::{AppState, Body, Command, Entry, annotate, entities};
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
            "raw source of {} \u{2014} struck lines: removed by cleaning \u{b7} {back}: the article",
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
    // The cursor matters only while reading; in the list it would be noise.
    let reading = !state.raw && state.focus == crate::app::Focus::Reader;
    let cursor = reading.then(|| cursor_range(state, article)).flatten();
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
        let y = body.y + row as u16;
        if line.fold > 0 {
            let words = crate::app::fold::line(state, para, line.fold);
            put(buf, body.x, y, &words, body.width, theme.dim());
            continue;
        }
        let base = match paragraph.kind {
            ParagraphKind::Heading => theme.heading(),
            ParagraphKind::Body => Theme::plain(),
            ParagraphKind::Caption => theme.caption(),
            ParagraphKind::Removed => theme.removed(),
        };
        let layers = layers(state, theme, para, paragraph.text.len());
        let spans = styled(&paragraph.text, line.range.clone(), base, &layers);
        buf.set_line(body.x, y, &Line::from(spans), body.width);
        // The gutter: the cursor's sentence, else a note's passage (? when it needs review).
        if body.x > 0 {
            let on = |r: &(usize, std::ops::Range<usize>)| {
                r.0 == para
                    && r.1.start < line.range.end.max(line.range.start + 1)
                    && r.1.end > line.range.start
            };
            let note = note_on_line(state, para, &line.range);
            let mark = if cursor.as_ref().is_some_and(on) {
                Some(("\u{258c}", theme.dim()))
            } else {
                note.map(|review| {
                    if review {
                        ("?", theme.note())
                    } else {
                        ("*", theme.note())
                    }
                })
            };
            // Outlets disagree here; read before in another outlet: marks that need no colour.
            let conflict = !state.raw && super::story::conflict_mark(state, para, &line.range);
            let mark = mark.or_else(|| conflict.then(|| ("!", theme.error())));
            let mark = mark.or_else(|| {
                (!state.raw && super::story::seen_mark(state, para, &line.range))
                    .then(|| ("\u{b7}", theme.dim()))
            });
            if let Some((symbol, style)) = mark {
                put(buf, body.x - 1, y, symbol, 1, style);
            }
        }
        // The right margin, after a blank column: how many other outlets carry the sentence
        // starting here.
        if body.right() + 1 < buf.area.right()
            && !state.raw
            && let Some(count) = super::story::corroboration(state, para, &line.range)
        {
            put(buf, body.right() + 1, y, &count, 1, theme.dim());
        }
    }
}

/// The cursor's sentence as (paragraph, byte range).
fn cursor_range(state: &AppState, article: &Article) -> Option<(usize, std::ops::Range<usize>)> {
    annotate::sentence_at(article, state.cursor).map(|(_, r)| (state.cursor.para, r))
}

/// Whether a note covers part of this line, and whether it needs review.
fn note_on_line(state: &AppState, para: usize, range: &std::ops::Range<usize>) -> Option<bool> {
    let mut found = None;
    for m in &state.marks {
        let start = if m.start.para == para {
            m.start.byte
        } else if m.start.para < para {
            0
        } else {
            continue;
        };
        let end = if m.end.para == para {
            m.end.byte
        } else if m.end.para > para {
            usize::MAX
        } else {
            continue;
        };
        if start < range.end && end > range.start {
            found = Some(found.unwrap_or(false) || m.review);
        }
    }
    found
}

/// Styled byte ranges of one paragraph, later ones drawn over earlier ones: notes, entities,
/// the selection, the walked mention, search matches, the current match.
fn layers(
    state: &AppState,
    theme: &Theme,
    para: usize,
    len: usize,
) -> Vec<(std::ops::Range<usize>, Style)> {
    let mut out = if state.raw {
        Vec::new()
    } else {
        super::story::layers(state, theme, para)
    };
    let clip = |start: annotate::Pos, end: annotate::Pos| -> Option<std::ops::Range<usize>> {
        if para < start.para || para > end.para {
            return None;
        }
        let s = if para == start.para { start.byte } else { 0 };
        let e = if para == end.para { end.byte } else { len };
        (s < e).then_some(s..e)
    };
    if !state.raw {
        for m in &state.marks {
            out.extend(clip(m.start, m.end).map(|r| (r, theme.note())));
        }
    }
    // Entities over notes (so that a name in a noted passage keeps its colour), under the
    // selection and the matches.
    let found = state
        .entries
        .get(state.selected)
        .and_then(|e| e.entities.as_ref());
    if let Some(found) = found.filter(|_| !state.raw && state.highlights.on) {
        for m in found.in_para(para) {
            let mention = &found.mentions[m];
            if let Some(kind) = entities::kind_of(state, state.selected, m)
                && state.highlights.shows(kind)
            {
                out.push((
                    (mention.start as usize)..(mention.end as usize),
                    theme.entity(kind),
                ));
            }
        }
    }
    if !state.raw
        && let Some(sel) = state.selection
    {
        out.extend(clip(sel.start, sel.end).map(|r| (r, theme.selection())));
    }
    // The mention n/N last went to.
    if let (Some(w), Some(found)) = (&state.walk, found)
        && w.article == state.selected
        && !state.raw
        && let Some(m) = found
            .mentions
            .get(w.mention)
            .filter(|m| (m.para as usize) == para)
    {
        out.push(((m.start as usize)..(m.end as usize), theme.current_match()));
    }
    if let Some(search) = state.search.as_ref() {
        for (i, m) in search
            .matches
            .iter()
            .enumerate()
            .filter(|(_, m)| m.para == para)
        {
            let style = if search.current == Some(i) {
                theme.current_match()
            } else {
                theme.search_match()
            };
            out.push((m.start..m.end, style));
        }
    }
    out
}

/// Cuts `text[range]` into spans at every layer boundary and styles each piece.
pub(super) fn styled<'a>(
    text: &'a str,
    range: std::ops::Range<usize>,
    base: Style,
    layers: &[(std::ops::Range<usize>, Style)],
) -> Vec<Span<'a>> {
    let mut cuts: Vec<usize> = vec![range.start, range.end];
    for (r, _) in layers {
        for b in [r.start, r.end] {
            // Never inside a character, nor between a letter and its combining marks.
            if b > range.start
                && b < range.end
                && text.is_char_boundary(b)
                && unicode_segmentation::GraphemeCursor::new(b, text.len(), true)
                    .is_boundary(text, 0)
                    .unwrap_or(false)
            {
                cuts.push(b);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let style = layers
                .iter()
                .filter(|(r, _)| r.start <= w[0] && r.end >= w[1])
                .fold(base, |s, (_, layer)| s.patch(*layer));
            Span::styled(&text[w[0]..w[1]], style)
        })
        .collect()
}
