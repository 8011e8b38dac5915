//! Copying to the clipboard: what `y` and `Y` take (the selection, else the cursor's
//! sentence; in the notes panel, the note), made safe, as an effect the shell sends to the
//! terminal as OSC 52 (which works over SSH and through tmux).

use super::action::Effect;
use super::annotate::{self, Pos};
use super::panel::{self, Row};
use super::state::AppState;
use crate::ingest::Article;
use crate::notes::markdown as md;

/// Terminals drop longer OSC 52 sequences (xterm and tmux take about 100 kB of base64).
pub const MAX_COPY_BYTES: usize = 74_000;

/// Copies the passage (or the notes panel's note): as it is, or (`quote`) as a Markdown
/// quote with its outlet, title and link.
pub fn copy(state: &mut AppState, quote: bool, effects: &mut Vec<Effect>) {
    if !state.copy_enabled {
        state.message = Some("copying is off (copy = false in config.toml)".into());
        return;
    }
    let Some((text, article)) = what_to_copy(state, quote) else {
        state.message = Some("nothing to copy here".into());
        return;
    };
    let text = clean(&text);
    let out = match (quote, article) {
        (true, Some(a)) => as_quote(state, a, &text),
        _ => text.clone(),
    };
    if out.len() > MAX_COPY_BYTES {
        state.message = Some(format!(
            "not copied: {} kB is more than terminals take through OSC 52 ({} kB)",
            out.len() / 1000,
            MAX_COPY_BYTES / 1000
        ));
        return;
    }
    let words = text.split_whitespace().count();
    let first: String = text
        .split_whitespace()
        .take(6)
        .collect::<Vec<_>>()
        .join(" ");
    let what = if quote { "as a Markdown quote " } else { "" };
    // The passage's own quotation marks are not doubled by the message's.
    let preview = annotate::quoted(&format!(
        "{first}{}",
        if words > 6 { "\u{2026}" } else { "" }
    ));
    state.message = Some(format!(
        "copied {} {what}{preview}",
        crate::plural::count(words, "word")
    ));
    effects.push(Effect::Copy(out));
}

/// The text to copy and the article it comes from (None for a note's own text). In the
/// notes panel: the note's text, or (`quote`, or a note with no text) its passage.
fn what_to_copy(state: &AppState, quote: bool) -> Option<(String, Option<usize>)> {
    if let Some(p) = state.panel {
        let rows = panel::rows(state, p.briefing);
        let Some(Row::Note { note, article, .. }) = rows.get(p.selected) else {
            return None;
        };
        let n = &state.notes[*note];
        return match quote || n.text.trim().is_empty() {
            false => Some((n.text.clone(), None)),
            true => n.target.quote().map(|q| (q.0.to_string(), Some(*article))),
        };
    }
    let a = annotate::shown_article(state)?;
    let (start, end) = annotate::passage(state, &a)?;
    Some((passage_text(&a, start, end), Some(state.selected)))
}

/// The text between two positions, paragraphs separated by a blank line.
pub(super) fn passage_text(a: &Article, start: Pos, end: Pos) -> String {
    let mut out = Vec::new();
    for para in start.para..=end.para.min(a.paragraphs.len().saturating_sub(1)) {
        let text = &a.paragraphs[para].text;
        let from = if para == start.para { start.byte } else { 0 };
        let to = if para == end.para {
            end.byte
        } else {
            text.len()
        };
        if let Some(part) = text.get(from.min(to)..to.min(text.len())) {
            out.push(part.trim());
        }
    }
    out.retain(|p| !p.is_empty());
    out.join("\n\n")
}

/// No control characters or escapes leave for the clipboard: lines and paragraphs stay.
fn clean(text: &str) -> String {
    text.split('\n')
        .map(crate::sanitize::sanitize_line)
        .collect::<Vec<_>>()
        .join("\n")
}

/// "> passage" and a line saying where it is from: outlet, title, link or path.
fn as_quote(state: &AppState, article: usize, text: &str) -> String {
    let entry = &state.entries[article];
    let shown = entry.article();
    let link = shown
        .and_then(|a| a.link.clone())
        .unwrap_or_else(|| entry.key.clone());
    let mut about: Vec<String> = Vec::new();
    if let Some(outlet) = &entry.outlet {
        about.push(md::plain_inline(outlet));
    }
    if !entry.title.trim().is_empty() {
        about.push(format!(
            "\u{201c}{}\u{201d}",
            md::plain_inline(&entry.title)
        ));
    }
    about.push(crate::notes::export::location(&link));
    format!(
        "{}\n>\n> \u{2014} {}\n",
        md::block_quote(text),
        clean(&about.join(", "))
    )
}

/// The OSC 52 sequence that puts `text` on the clipboard, base64 inside.
pub fn osc52(text: &str) -> Vec<u8> {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{encoded}\x07").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_holds_the_text_in_base64() {
        assert_eq!(osc52("hi"), b"\x1b]52;c;aGk=\x07".to_vec());
    }

    #[test]
    fn clean_keeps_lines_and_drops_escapes() {
        let out = clean("a\x1b[31mred\nb\x07\u{9b}2J");
        assert!(
            !out.chars()
                .any(|c| c != '\n' && crate::sanitize::is_unsafe(c)),
            "{out:?}"
        );
        assert!(out.contains("red\nb"), "{out:?}");
    }
}
