//! The status line: the prompt or a message on the left, the reading position and a help hint
//! on the right. Key hints come from the keymap in effect.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Theme, put};
use crate::app::{AppState, Command, Focus, PromptKind};
use crate::keymap::Mode;

pub fn render(state: &AppState, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let style = theme.status();
    buf.set_style(area, style);
    let mut right = String::new();
    let lines = state.view.lines.len();
    if state.view.article.is_some() && lines > 0 && state.panes().body.is_some() {
        let height = state.page_height();
        let top = state.view.top;
        // Only the share read: a row counter beside it would change on every one-line scroll
        // and cost bytes per key over SSH for what the share already says.
        let pct = if top == 0 {
            "Top".to_string()
        } else if top + height >= lines {
            "End".to_string()
        } else {
            format!("{}%", (top + height) * 100 / lines)
        };
        right.push_str(&pct);
    }
    if let Some(done) = state.refresh.running {
        right.insert_str(0, &format!("links {done}/{}  ", state.refresh.links));
    }
    // Tagged first; then the index and the stories join what was found.
    let (tagged, total) = crate::app::entities::tagged(state);
    let indexed = state.index.analysed;
    if tagged < total && total > 1 {
        right.insert_str(0, &format!("entities {tagged}/{total}  "));
    } else if total > 1 && (indexed < total || state.stories.covered < ready(state)) {
        right.insert_str(0, "stories\u{2026}  ");
    }
    // How much of the article the user has not read in another outlet's.
    let (before, sentences) = state.stories.before.counts();
    if before > 0 && sentences > 0 && !state.raw {
        let new = sentences - before;
        right.insert_str(0, &format!("{}% new  ", new * 100 / sentences));
    }
    if let Some(key) = state.keymap.key_for(state.mode(), Command::Help) {
        right.push_str(&format!("  {key} help"));
    }
    let offer = crate::app::draft::offer(state);
    let left = match (&state.prompt, offer.as_ref().or(state.message.as_ref())) {
        (Some(prompt), _) => {
            let label = match state.prompt_kind {
                PromptKind::Search => "/",
                PromptKind::Tags => "tags (Tab completes): ",
                PromptKind::Sticky => "sticky tag: ",
                PromptKind::Filter => "show only the tag (empty: all): ",
                PromptKind::Briefing => "search every article: ",
                PromptKind::Title => "titles holding (empty: all): ",
                PromptKind::Panel => "show only rows holding (empty: all): ",
            };
            // What Tab found (the tags in use) shows after what is typed.
            match state.message.as_ref() {
                Some(m) => format!("{label}{prompt}\u{2588}   {m}"),
                None => format!("{label}{prompt}\u{2588}"),
            }
        }
        (None, Some(message)) => format!(" {message}"),
        (None, None) if state.selection.is_some() => selection_hints(state),
        (None, None) => hints(state),
    };
    let left = match &state.sticky {
        Some(tag) => format!(" [#{tag}]{left}"),
        None => left,
    };
    // A message (an exported file's path, an error) matters more than the position: when
    // the two do not fit, the position gives way.
    let mut right = format!("{right} ");
    let left_len = unicode_width::UnicodeWidthStr::width(left.as_str()) as u16;
    if (state.message.is_some() || offer.is_some())
        && state.prompt.is_none()
        && left_len + right.chars().count() as u16 + 1 > area.width
    {
        right.clear();
    }
    let right_w = right.chars().count() as u16;
    let left_w = area.width.saturating_sub(right_w + 1);
    put(buf, area.x, area.y, &left, left_w, style);
    if right_w > 0 && right_w < area.width {
        put(buf, area.right() - right_w, area.y, &right, right_w, style);
    }
}

/// How many articles have their text (the stories are complete when built over them all).
fn ready(state: &AppState) -> usize {
    state
        .entries
        .iter()
        .filter(|e| e.article().is_some())
        .count()
}

/// " SELECT  ) ( w b } { extend  t tag  1-9 quick tag  esc cancel", from the keys bound to
/// those commands where a selection is made now (a command left unbound is not shown).
fn selection_hints(state: &AppState) -> String {
    use Command::*;
    let key = |command| state.keymap.key_for(Mode::Select, command);
    let keys = |commands: &[Command]| -> Option<String> {
        let keys: Option<Vec<String>> = commands
            .iter()
            .map(|&c| key(c).map(|k| k.to_string()))
            .collect();
        keys.map(|k| k.join(" "))
    };
    let extend = [
        SelectSentenceForward,
        SelectSentenceBack,
        SelectWordForward,
        SelectWordBack,
        SelectParagraphForward,
        SelectParagraphBack,
    ];
    let quick = key(QuickTag1)
        .zip(key(QuickTag9))
        .map(|(a, b)| format!("{a}-{b}"));
    let shown = [
        (keys(&extend), "extend"),
        (keys(&[Tag]), "tag"),
        (quick, "quick tag"),
        (keys(&[SelectCancel]), "cancel"),
    ];
    let mut out = " SELECT ".to_string();
    for (keys, what) in shown {
        if let Some(keys) = keys {
            out.push_str(&format!(" {keys} {what} "));
        }
    }
    out
}

/// " j/k choose  enter read  / search", from the keys bound where the keys go now: the note
/// editor's own while it is open (how to save, how to cancel), else the list's or the
/// reader's.
fn hints(state: &AppState) -> String {
    let (mode, wanted): (Mode, &[(&[Command], &str)]) = match (state.mode(), state.focus) {
        (Mode::Editor, _) => (
            Mode::Editor,
            &[
                (&[Command::EditorSave], "save"),
                (&[Command::EditorClose], "cancel"),
            ],
        ),
        (_, Focus::List) => (
            Mode::List,
            &[
                (&[Command::NextArticle, Command::PrevArticle], "choose"),
                (&[Command::FocusReader], "read"),
                (&[Command::Search], "search"),
            ],
        ),
        (_, Focus::Reader) => (
            Mode::Reader,
            &[
                (&[Command::PageDown], "page"),
                (&[Command::NextArticle, Command::PrevArticle], "next/prev"),
                (&[Command::FocusList], "list"),
            ],
        ),
    };
    let mut out = String::new();
    for (commands, what) in wanted {
        if let Some(keys) = state.keymap.hint(mode, commands) {
            out.push_str(&format!(" {keys} {what} "));
        }
    }
    out
}
