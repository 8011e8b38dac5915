//! `update(state, action) -> effects`: every change to the app happens here, with no I/O.

use super::action::{Action, Command, Effect};
use super::annotate::{self, Unit};
use super::draft;
use super::editor;
use super::entities;
use super::export;
use super::panel;
use super::search;
use super::state::{AppState, Body, Focus, PromptKind};
use super::sync::{refresh_shown, scroll_by, sync_view};
use std::sync::Arc;

use crate::ingest::Article;

/// Applies one action. What it needs from the outside world comes back as effects.
pub fn update(state: &mut AppState, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    match action {
        Action::Resize(w, h) => {
            state.size = (w, h);
        }
        Action::Loaded(index, result) => {
            if let Some(entry) = state.entries.get_mut(index) {
                entry.body = match *result {
                    Ok(article) => {
                        entry.title = article.title.clone();
                        entry.outlet = crate::stories::outlet::named(&article);
                        effects.push(Effect::Analyze(index));
                        Body::Ready(std::sync::Arc::new(article))
                    }
                    Err(e) => Body::Failed(e.problem),
                };
            }
        }
        Action::RawLoaded(index, result) => {
            if let Some(entry) = state.entries.get_mut(index) {
                let article = match *result {
                    // One paragraph per line of the source, as it is; the lines cleaning
                    // left out are marked.
                    Ok(text) => Article {
                        title: entry.title.clone(),
                        paragraphs: super::raw::lines(&text, entry.article().map(|a| &**a)),
                        ..Article::default()
                    },
                    Err(e) => Article {
                        title: entry.title.clone(),
                        notice: Some(e.problem),
                        ..Article::default()
                    },
                };
                entry.raw = Some(Arc::new(article));
            }
        }
        Action::Analyzed(index, found) => {
            if let Some(entry) = state.entries.get_mut(index) {
                entry.entities = Some(found);
            }
        }
        Action::Indexed(index) => {
            state.index = index;
            if state.entity_filter.is_some() {
                refresh_shown(state);
            }
        }
        Action::Stories(stories, covered) => super::stories::arrived(state, stories, covered),
        Action::NotesLoaded(notes, problem) => {
            state.notes = notes;
            state.notes_version += 1;
            if problem.is_some() {
                state.message = problem;
            }
        }
        Action::Exported(result) => export::done(state, result),
        Action::DraftsFound(drafts) => draft::found(state, drafts),
        Action::FullText(index, result) => {
            super::fulltext::arrived(state, index, *result, &mut effects)
        }
        Action::Refreshed(link) => super::refresh::arrived(state, *link, &mut effects),
        Action::RefreshDone => super::refresh::finished(state),
        Action::NotesSaved(result) => match result {
            Ok(merged) => {
                state.notes_unsaved = false;
                // Another process may have added or changed notes: adopt the merged set.
                if merged != state.notes {
                    state.notes = merged;
                    state.notes_version += 1;
                }
            }
            Err(problem) => {
                // Kept in memory and tried again on the next change and on quit.
                state.notes_unsaved = true;
                state.message = Some(problem);
            }
        },
        Action::PromptInput(c) => {
            state.message = None;
            if let Some(p) = state.prompt.as_mut() {
                p.push(c);
            }
        }
        Action::EditorInput(key) => editor::input(state, key),
        Action::PendingKey(key) => {
            state.pending_key = Some(key);
            state.message = Some(format!("{key} \u{2026}"));
        }
        Action::ClearPendingKey => {
            state.pending_key = None;
            state.message = None;
        }
        Action::Paste(text) if state.editor.is_some() => editor::paste(state, &text),
        Action::Paste(text) => match state.prompt.as_mut() {
            // One line of text: newlines and controls in a paste become spaces.
            Some(p) => p.push_str(&crate::sanitize::sanitize_line(&text)),
            None => state.message = Some("paste ignored: press / to paste into a search".into()),
        },
        Action::Command(command) => {
            state.message = None;
            state.pending_key = None;
            command_update(state, command, &mut effects);
        }
    }
    sync_view(state, &mut effects);
    super::stories::after_update(state);
    // What was read before is known once the article is shown: folded now, not a key later
    // (but not where a note is, and the notes' places are known once it is shown too).
    annotate::refresh_marks(state);
    if state.view.folded != super::fold::folded(state) {
        sync_view(state, &mut effects);
    }
    annotate::keep_cursor_in_view(state);
    annotate::refresh_marks(state);
    super::hits::after_sync(state);
    if let Some(pos) = state.pending_pos
        && state.view.article == Some(state.selected)
        && !state.view.raw
    {
        state.pending_pos = None;
        annotate::jump_to(state, pos);
    }
    if let Some(note) = state.pending_jump
        && state.view.article == Some(state.selected)
    {
        state.pending_jump = None;
        match state.marks.iter().find(|m| m.note == note) {
            Some(m) => annotate::jump_to(state, m.start),
            None => state.message = Some("this note's passage is no longer in the article".into()),
        }
    }
    effects
}

fn command_update(state: &mut AppState, command: Command, effects: &mut Vec<Effect>) {
    use Command::*;
    if super::help::command(state, command) {
        return;
    }
    if super::stories::command(state, command) || super::hits::command(state, command) {
        return;
    }
    let page = state.page_height().max(1);
    match command {
        // The shell saves the session on the way out, whatever ends the program.
        Quit => effects.push(Effect::Quit),
        Suspend => {
            effects.push(Effect::SaveSession);
            effects.push(Effect::Suspend);
        }
        Help => {
            state.help = Some(0);
            state.panel_filter = None;
        }
        FilterPanel => open_prompt(state, PromptKind::Panel),
        FullText => super::fulltext::request(state, effects),
        Refresh => super::refresh::request(state, effects),
        FoldRead => super::fold::toggle(state),
        CloseOverlay => state.help = None,
        FocusReader => state.focus = Focus::Reader,
        ToggleRaw => {
            state.raw = !state.raw;
            state.message = Some(
                if state.raw {
                    "raw source: what the file holds, before cleaning"
                } else {
                    "clean article"
                }
                .into(),
            );
        }
        ToggleCaptions => {
            state.captions = !state.captions;
            annotate::leave_hidden(state);
            state.message = Some(
                if state.captions {
                    "captions shown"
                } else {
                    "captions hidden"
                }
                .into(),
            );
        }
        // From the list, zoom opens the article full width; in the reader it toggles.
        ToggleZoom => {
            state.zoom = state.focus == Focus::List || !state.zoom;
            state.focus = Focus::Reader;
        }
        FocusList => state.focus = Focus::List,
        ToggleFocus => {
            state.focus = match state.focus {
                Focus::List => Focus::Reader,
                Focus::Reader => Focus::List,
            }
        }
        NextArticle => select_at(state, state.shown_position() + 1),
        NextUnread => {
            let n = state.shown.len();
            let at = state.shown_position();
            let next = (1..n).map(|d| state.shown[(at + d) % n]).find(|&i| {
                !state.entries[i].read
                    && matches!(state.entries[i].body, Body::Ready(_) | Body::Pending)
            });
            match next {
                Some(i) => state.selected = i,
                None => state.message = Some("every article has been read".into()),
            }
        }
        ListPageDown => select_at(state, state.shown_position() + state.list_capacity()),
        ListPageUp => select_at(
            state,
            state.shown_position().saturating_sub(state.list_capacity()),
        ),
        PrevArticle => select_at(state, state.shown_position().saturating_sub(1)),
        FirstArticle => select_at(state, 0),
        LastArticle => select_at(state, state.shown.len().saturating_sub(1)),
        FilterTag => open_prompt(state, PromptKind::Filter),
        ExportNotes => export::choose(state),
        ExportArticle => export::article(state, effects),
        ExportBriefing => export::briefing(state, effects),
        ExportCancel => state.choosing_export = false,
        DraftRestore => draft::restore(state, effects),
        DraftDiscard => draft::discard(state, effects),
        DraftLater => draft::later(state),
        ToggleRead | MarkAllRead | FilterUnread => super::unread::run(state, command, effects),
        Copy => super::copy::copy(state, false, effects),
        CopyQuote => super::copy::copy(state, true, effects),
        SearchBriefing => open_prompt(state, PromptKind::Briefing),
        FilterTitle => open_prompt(state, PromptKind::Title),
        ToggleStories | ToggleStory | CompareSentence | StoryDifferences | StoryDown | StoryUp
        | StoryJump | StoryClose | HitsDown | HitsUp | HitsPageDown | HitsPageUp | HitsJump
        | HitsClose => {}
        ScrollDown => scroll_by(state, 1),
        ScrollUp => scroll_by(state, -1),
        HalfPageDown => scroll_by(state, (page / 2).max(1) as isize),
        HalfPageUp => scroll_by(state, -((page / 2).max(1) as isize)),
        // A page keeps two lines of context, as pagers do.
        PageDown => scroll_by(state, page.saturating_sub(2).max(1) as isize),
        PageUp => scroll_by(state, -(page.saturating_sub(2).max(1) as isize)),
        // The top of the article, and the cursor on its first sentence.
        Top => {
            state.view.top = 0;
            state.cursor = annotate::Pos::default();
            annotate::leave_hidden(state);
        }
        Bottom => state.view.top = state.max_top(),
        Search => open_prompt(state, PromptKind::Search),
        CursorNext => annotate::move_cursor(state, true),
        CursorPrev => annotate::move_cursor(state, false),
        Select => annotate::select(state, false),
        SelectParagraph => annotate::select(state, true),
        SelectSentenceForward => annotate::extend(state, Unit::Sentence, true),
        SelectSentenceBack => annotate::extend(state, Unit::Sentence, false),
        SelectWordForward => annotate::extend(state, Unit::Word, true),
        SelectWordBack => annotate::extend(state, Unit::Word, false),
        SelectParagraphForward => annotate::extend(state, Unit::Paragraph, true),
        SelectParagraphBack => annotate::extend(state, Unit::Paragraph, false),
        SelectSwap => annotate::swap(state),
        SelectCancel => state.selection = None,
        Tag => open_prompt(state, PromptKind::Tags),
        QuickTag1 | QuickTag2 | QuickTag3 | QuickTag4 | QuickTag5 | QuickTag6 | QuickTag7
        | QuickTag8 | QuickTag9 => {
            let n = Command::QUICK_TAGS
                .iter()
                .position(|&c| c == command)
                .unwrap_or(0);
            match state.quick_tags.get(n).cloned() {
                Some(tag) => annotate::apply_tags(state, &[tag], effects),
                None => state.message = Some(format!("no quick tag {} is set", n + 1)),
            }
        }
        StickyTag => {
            if state.sticky.take().is_some() {
                state.message = Some("sticky tag off".into());
            } else {
                open_prompt(state, PromptKind::Sticky);
            }
        }
        Stamp => match state.sticky.clone() {
            Some(tag) => {
                annotate::apply_tags(state, &[tag], effects);
                annotate::move_cursor(state, true);
            }
            None => state.message = Some("no sticky tag: T sets one".into()),
        },
        DeleteNote => annotate::delete_at_cursor(state, effects),
        AddNote => editor::open_for_passage(state),
        EditNote => editor::open_at_cursor(state),
        EditorSave => editor::save(state, effects),
        EditorClose => editor::close(state),
        NotesPanel => match state.panel {
            Some(_) => state.panel = None,
            None => panel::open(state),
        },
        NotesScope => panel::toggle_scope(state),
        NotesDown => panel::step(state, true),
        NotesUp => panel::step(state, false),
        NotesJump => panel::jump(state),
        NotesClose => state.panel = None,
        NextNote => panel::next_note(state, true),
        PrevNote => panel::next_note(state, false),
        Undo => annotate::undo(state, false, effects),
        Redo => annotate::undo(state, true, effects),
        SearchNext if state.walk.is_some() => entities::step_mention(state, true, false),
        SearchPrev if state.walk.is_some() => entities::step_mention(state, false, false),
        SearchNext => search::step(state, true),
        SearchPrev => search::step(state, false),
        ToggleHighlights => entities::toggle(state, None),
        TogglePerson | ToggleOrg | TogglePlace | ToggleMisc | ToggleDate | ToggleMoney
        | TogglePercent | ToggleQuantity => entities::toggle(state, entities::toggled(command)),
        EntitiesPanel => entities::open(state),
        EntitiesDown => entities::step(state, true),
        EntitiesUp => entities::step(state, false),
        EntitiesJump => entities::jump(state),
        EntitiesFilter => {
            entities::filter(state);
            refresh_shown(state);
        }
        EntitiesClearFilter => {
            entities::clear_filter(state);
            refresh_shown(state);
        }
        EntitiesClose => state.entity_panel = None,
        NextMention => entities::step_mention(state, true, true),
        NextEntityHere => super::entity_pick::next_here(state),
        PrevMention => entities::step_mention(state, false, true),
        ClearSearch => {
            state.search = None;
            state.walk = None;
        }
        PromptConfirm | PromptComplete | PromptCancel | PromptBackspace | PromptClear => {
            super::prompt::command(state, command, effects)
        }
    }
    if state.focus == Focus::Reader
        && let Some(entry) = state.entries.get_mut(state.selected)
    {
        entry.read = true;
    }
}

pub(super) fn open_prompt(state: &mut AppState, kind: PromptKind) {
    state.prompt = Some(String::new());
    state.prompt_kind = kind;
}

/// Rows of bindings the help overlay shows at once (inside its border).
pub fn help_height(state: &AppState) -> usize {
    usize::from(state.size.1.saturating_sub(4))
}

/// Selects the article at a position of the list as shown.
fn select_at(state: &mut AppState, position: usize) {
    if let Some(&i) = state
        .shown
        .get(position.min(state.shown.len().saturating_sub(1)))
    {
        state.selected = i;
    }
}
