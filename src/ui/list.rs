//! The article list: a header, then two rows per article (marker and title; outlet and file
//! name), or by story: a header per story of two or more articles, its articles under it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Theme, put};
use crate::app::stories::{self, Row};
use crate::app::{AppState, Body, Focus, annotate};

pub fn render(state: &AppState, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let focused = state.focus == Focus::List;
    let n = state.shown.len();
    let mut position = match n {
        0 => "no articles".to_string(),
        _ => format!("{}/{n}", state.shown_position() + 1),
    };
    if let Some(tag) = &state.tag_filter {
        position.insert_str(0, &format!("#{tag} "));
    }
    if let Some(text) = &state.title_filter {
        position.insert_str(0, &format!("\u{201c}{}\u{201d} ", super::fit(text, 16)));
    }
    if let Some(name) = &state.entity_filter {
        position.insert_str(0, &format!("\u{2261}{} ", super::fit(name, 16)));
    }
    let pos_w = unicode_width::UnicodeWidthStr::width(position.as_str()) as u16;
    let head_style = if focused { theme.title() } else { theme.dim() };
    let used = put(
        buf,
        area.x + 1,
        area.y,
        &state.briefing,
        area.width.saturating_sub(pos_w + 3),
        head_style,
    );
    let pos_x = area.right().saturating_sub(pos_w + 1);
    if pos_x > area.x + used + 1 {
        put(buf, pos_x, area.y, &position, pos_w, head_style);
    }
    let capacity = usize::from(area.height.saturating_sub(1)) / 2;
    let rows = stories::rows(state);
    let visible: Vec<&Row> = rows.iter().skip(state.list_top).take(capacity).collect();
    // Titles that would look alike cut at the end ("Anti-IS coalition talks k…" twice) are
    // cut in the middle instead, so their ends tell them apart.
    let cuts: Vec<Option<String>> = visible
        .iter()
        .map(|item| match **item {
            Row::Article { index, .. } => Some(super::fit(
                &state.entries[index].title,
                usize::from(area.width.saturating_sub(6)),
            )),
            Row::Header(_) => None,
        })
        .collect();
    let mut cut_alike: std::collections::HashMap<&str, usize> = Default::default();
    for cut in cuts.iter().flatten() {
        *cut_alike.entry(cut.as_str()).or_default() += 1;
    }
    for (row, item) in visible.into_iter().enumerate() {
        let y = area.y + 1 + 2 * row as u16;
        match *item {
            Row::Header(story) => super::story::header(state, theme, story, area, y, buf),
            Row::Article { index, in_story } => {
                // Under a header, indented where the list has room to spare for it.
                let indent = if in_story && area.width >= 36 { 2 } else { 0 };
                let middle = cuts[row]
                    .as_deref()
                    .is_some_and(|c| cut_alike.get(c).is_some_and(|&n| n > 1));
                article(state, theme, index, (area, y, indent, middle), buf);
            }
        }
    }
}

/// One article's two rows at `y`: marker and title; notes, outlet and file name; indented
/// under its story's header.
fn article(
    state: &AppState,
    theme: &Theme,
    index: usize,
    (area, y, indent, middle): (Rect, u16, u16, bool),
    buf: &mut Buffer,
) {
    let focused = state.focus == Focus::List;
    let entry = &state.entries[index];
    let selected = index == state.selected && state.stories.header.is_none();
    if selected {
        buf.set_style(Rect::new(area.x, y, area.width, 2), theme.selected(focused));
    }
    let base = if selected {
        theme.selected(focused)
    } else {
        Theme::plain()
    };
    // The marker is a shape, not a colour: a dot for unread, nothing once read (or when
    // there is nothing to read).
    let nothing = match &entry.body {
        Body::Failed(_) => true,
        Body::Ready(a) => a.paragraphs.is_empty(),
        Body::Pending => false,
    };
    let (marker, marker_style) = if entry.read || nothing {
        (" ", base)
    } else {
        ("\u{25cf}", if selected { base } else { theme.unread() })
    };
    put(buf, area.x + 1 + indent, y, marker, 1, marker_style);
    let title_style = if entry.read {
        base
    } else {
        base.patch(theme.title())
    };
    let title_w = area.width.saturating_sub(4 + indent);
    put(
        buf,
        area.x + 3 + indent,
        y,
        &match middle {
            true => super::fit_middle(&entry.title, title_w.into()),
            false => entry.title.clone(),
        },
        title_w,
        title_style,
    );
    let (detail, detail_style) = match &entry.body {
        Body::Failed(problem) => (
            format!("{} \u{2014} {problem}", entry.name),
            base.patch(theme.error()),
        ),
        Body::Ready(article) if article.notice.is_some() => (
            format!(
                "{} \u{2014} {}",
                entry.name,
                article.notice.as_deref().unwrap_or_default()
            ),
            base.patch(theme.error()),
        ),
        _ => (
            {
                // The outlet before the file name; a file name that is a hash (as a
                // scraper writes them) says nothing, so the date takes its place.
                let date = entry
                    .article()
                    .and_then(|a| a.published.as_deref().map(short_date));
                let name = match (&entry.outlet, date) {
                    (Some(outlet), Some(date)) if hashed(&entry.name) => {
                        format!("{outlet} \u{b7} {date}")
                    }
                    (Some(outlet), _) => format!("{outlet} \u{b7} {}", entry.name),
                    (None, Some(date)) if hashed(&entry.name) => {
                        format!("{date} \u{b7} {}", entry.name)
                    }
                    _ => entry.name.clone(),
                };
                match annotate::note_count(state, &entry.key) {
                    0 => name,
                    // The count first: the name may be cut at the pane's edge.
                    n => format!("{} \u{b7} {name}", crate::plural::count(n, "note")),
                }
            },
            if selected { base } else { theme.dim() },
        ),
    };
    put(
        buf,
        area.x + 3 + indent,
        y + 1,
        &detail,
        area.width.saturating_sub(4 + indent),
        detail_style,
    );
}

/// A published date as the list shows it: the day of an ISO timestamp, else as given (cut).
fn short_date(published: &str) -> String {
    let day = published.get(..10).filter(|d| {
        d.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
    });
    match day {
        Some(d) => d.to_string(),
        None => crate::sanitize::sanitize_line(published)
            .chars()
            .take(20)
            .collect(),
    }
}

/// A file name holding a run of 12 or more hex digits ("000_2ed440f412a22c34.txt").
fn hashed(name: &str) -> bool {
    let mut run = 0;
    for c in name.chars() {
        run = if c.is_ascii_hexdigit() { run + 1 } else { 0 };
        if run >= 12 {
            return true;
        }
    }
    false
}
