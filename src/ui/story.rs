//! Stories as drawn: a story's header in the list, and in the reader the sentences read
//! before in another article of the story (dimmed, with a gutter mark) and, in the right-hand
//! margin, how many other outlets carry each sentence.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use unicode_width::UnicodeWidthStr;

use super::{Theme, put};
use crate::app::{AppState, Focus};
use crate::stories::Sentence;

/// A title keeps at least this many columns beside the dates; a narrower pane puts the dates
/// on the second row.
const MIN_TITLE: u16 = 8;

/// A story's two rows in the list: fold marker, title and dates (the title shortened to
/// leave the dates whole); outlets and articles.
pub fn header(state: &AppState, theme: &Theme, story: u32, area: Rect, y: u16, buf: &mut Buffer) {
    let Some(s) = state.stories.stories.stories.get(story as usize) else {
        return;
    };
    let focused = state.focus == Focus::List;
    let selected = state.stories.header == Some(story);
    let base = if selected {
        buf.set_style(Rect::new(area.x, y, area.width, 2), theme.selected(focused));
        theme.selected(focused)
    } else {
        Theme::plain()
    };
    // A shape, not a colour: open or folded.
    let folded = state.stories.folded.contains(&story);
    let marker = if folded { "\u{25b8}" } else { "\u{25be}" };
    put(buf, area.x + 1, y, marker, 1, base);
    let width = area.width.saturating_sub(4);
    let style = if selected { base } else { theme.dim() };
    let dates = date_range(s.first.as_deref(), s.last.as_deref());
    let dates_w = dates.as_deref().map_or(0, |d| d.width() as u16);
    let beside = dates.is_some() && width >= dates_w + 1 + MIN_TITLE;
    let title_w = if beside { width - dates_w - 1 } else { width };
    put(
        buf,
        area.x + 3,
        y,
        &s.title,
        title_w,
        base.patch(theme.title()),
    );
    if beside && let Some(d) = &dates {
        put(buf, area.x + 3 + width - dates_w, y, d, dates_w, style);
    }
    let shown = state
        .shown
        .iter()
        .filter(|&&i| crate::app::stories::story_of(state, i) == Some(story))
        .count();
    let mut detail = format!(
        "{} \u{b7} {}",
        crate::plural::count(s.outlets, "outlet"),
        crate::plural::count(shown, "article")
    );
    if let Some(d) = dates.filter(|_| !beside) {
        detail.push_str(&format!(" \u{b7} {d}"));
    }
    put(buf, area.x + 3, y + 1, &detail, width, style);
}

/// A story's first and last dates, short: ISO dates without their times, and a range that
/// leaves out what the last date shares with the first ("2026-04-12\u{2013}15",
/// "2026-04-30\u{2013}05-02"); other dates as they are, "a \u{2013} b".
pub(crate) fn date_range(first: Option<&str>, last: Option<&str>) -> Option<String> {
    let day = |d: &str| -> Option<String> {
        let head = d.get(..10)?;
        let iso = head.char_indices().all(|(i, c)| match i {
            4 | 7 => c == '-',
            _ => c.is_ascii_digit(),
        });
        iso.then(|| head.to_string())
    };
    let first = first?;
    let Some(last) = last.filter(|&l| l != first) else {
        return Some(day(first).unwrap_or_else(|| first.to_string()));
    };
    Some(match (day(first), day(last)) {
        (Some(a), Some(b)) if a == b => a,
        (Some(a), Some(b)) if a[..7] == b[..7] => format!("{a}\u{2013}{}", &b[8..]),
        (Some(a), Some(b)) if a[..4] == b[..4] => format!("{a}\u{2013}{}", &b[5..]),
        (Some(a), Some(b)) => format!("{a}\u{2013}{b}"),
        _ => format!("{first} \u{2013} {last}"),
    })
}

/// The sentences of the shown article as the stories split it (none before they are known).
fn sentences(state: &AppState) -> &[Sentence] {
    let article = state.view.article.filter(|_| !state.view.raw);
    article
        .and_then(|a| state.stories.stories.articles.get(a))
        .map_or(&[], |a| a.sentences.as_slice())
}

/// The sentences read before, dimmed: layers for the reader, under everything else.
/// Figures and speakers other outlets give differently: underlined in the error style.
pub fn layers(state: &AppState, theme: &Theme, para: usize) -> Vec<(Range<usize>, Style)> {
    let before = &state.stories.before;
    let all = sentences(state);
    let mut out: Vec<(Range<usize>, Style)> = all
        .iter()
        .zip(&before.read_in)
        .filter(|(s, read)| s.para as usize == para && read.is_some())
        .map(|(s, _)| (s.range(), theme.dim()))
        .collect();
    let text = state
        .shown_article()
        .and_then(|a| a.paragraphs.get(para))
        .map_or("", |p| p.text.as_str());
    let flagged = theme.error().add_modifier(Modifier::UNDERLINED);
    for s in all.iter().filter(|s| s.para as usize == para) {
        let Some(sentence) = text.get(s.range()) else {
            continue;
        };
        for c in s.conflicts() {
            out.extend(
                sentence
                    .match_indices(c.here.as_str())
                    .filter(|_| !c.here.is_empty())
                    .map(|(i, m)| (s.range().start + i..s.range().start + i + m.len(), flagged)),
            );
        }
    }
    out
}

/// Whether a sentence on this line gives a figure or speaker other outlets give differently.
pub fn conflict_mark(state: &AppState, para: usize, line: &Range<usize>) -> bool {
    sentences(state).iter().any(|s| {
        s.para as usize == para
            && s.range().start < line.end
            && s.range().end > line.start
            && !s.conflicts().is_empty()
    })
}

/// The sentences that start on this line of paragraph `para`, by number.
fn starting(state: &AppState, para: usize, line: &Range<usize>) -> Range<usize> {
    let all = sentences(state);
    let key = |s: &Sentence| (s.para as usize, s.range().start);
    let from = all.partition_point(|s| key(s) < (para, line.start));
    let to = all.partition_point(|s| key(s) < (para, line.end.max(line.start + 1)));
    from..to.max(from)
}

/// The left gutter's mark for a line whose text was read before elsewhere (drawn when the
/// cursor and notes leave the gutter free).
pub fn seen_mark(state: &AppState, para: usize, line: &Range<usize>) -> bool {
    let read = &state.stories.before.read_in;
    sentences(state).iter().enumerate().any(|(i, s)| {
        s.para as usize == para
            && s.range().start < line.end
            && s.range().end > line.start
            && read.get(i).is_some_and(|r| r.is_some())
    })
}

/// The right margin's figure for a line: how many other outlets carry a sentence that starts
/// on it (the most of them), "+" for ten or more; nothing when none does.
pub fn corroboration(state: &AppState, para: usize, line: &Range<usize>) -> Option<String> {
    let article = state.view.article?;
    let most = starting(state, para, line)
        .map(|s| state.stories.stories.corroboration(article, s))
        .max()
        .filter(|&n| n > 0)?;
    Some(if most > 9 {
        "+".to_string()
    } else {
        most.to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::date_range;

    #[test]
    fn date_ranges_are_short() {
        let r = |a: &str, b: &str| date_range(Some(a), Some(b)).unwrap();
        assert_eq!(r("2026-04-14", "2026-04-14"), "2026-04-14");
        assert_eq!(
            r("2026-04-14T09:30:00Z", "2026-04-14T18:00:00Z"),
            "2026-04-14"
        );
        assert_eq!(r("2026-04-12", "2026-04-15"), "2026-04-12\u{2013}15");
        assert_eq!(
            r("2026-04-30", "2026-05-02T08:00"),
            "2026-04-30\u{2013}05-02"
        );
        assert_eq!(
            r("2025-12-31", "2026-01-02"),
            "2025-12-31\u{2013}2026-01-02"
        );
        assert_eq!(r("Tuesday", "Friday"), "Tuesday \u{2013} Friday");
        assert_eq!(date_range(Some("2026-04-14"), None).unwrap(), "2026-04-14");
        assert_eq!(date_range(None, None), None);
    }
}
