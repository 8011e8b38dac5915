//! Moving the reader's sentence cursor and a selection by sentence, word and paragraph.

use std::ops::Range;

use super::{Pos, Selection, Unit, shown_article};
use crate::app::state::{AppState, Focus};
use crate::ingest::Article;
use crate::sentences;

/// The sentence of paragraph `para` that holds `byte` (the last one when past the end).
pub fn sentence_at(a: &Article, pos: Pos) -> Option<(usize, Range<usize>)> {
    let text = &a.paragraphs.get(pos.para)?.text;
    let ranges = sentences::split(text);
    let i = ranges
        .iter()
        .position(|r| pos.byte < r.end.max(r.start + 1))
        .unwrap_or(ranges.len().saturating_sub(1));
    ranges.get(i).cloned().map(|r| (i, r))
}

/// The start of the sentence after (or before) the one at `pos`, across paragraphs.
fn step_sentence(a: &Article, pos: Pos, forward: bool) -> Option<Pos> {
    let (i, _) = sentence_at(a, pos)?;
    let here = sentences::split(&a.paragraphs[pos.para].text);
    if forward {
        if let Some(r) = here.get(i + 1) {
            return Some(Pos {
                para: pos.para,
                byte: r.start,
            });
        }
        (pos.para + 1..a.paragraphs.len())
            .find(|&p| !a.paragraphs[p].text.is_empty())
            .map(|para| Pos { para, byte: 0 })
    } else {
        if i > 0 {
            return Some(Pos {
                para: pos.para,
                byte: here[i - 1].start,
            });
        }
        let para = (0..pos.para)
            .rev()
            .find(|&p| !a.paragraphs[p].text.is_empty())?;
        let last = sentences::split(&a.paragraphs[para].text).last()?.start;
        Some(Pos { para, byte: last })
    }
}

/// Moves the cursor by a sentence and scrolls so that it stays in view.
pub fn move_cursor(state: &mut AppState, forward: bool) {
    let Some(a) = shown_article(state) else {
        return;
    };
    let mut at = state.cursor;
    // Hidden captions are stepped over.
    while let Some(next) = step_sentence(&a, at, forward) {
        at = next;
        if !hidden(state, &a, next.para) {
            state.cursor = next;
            scroll_to_sentence(state, &a, next);
            return;
        }
    }
    if forward {
        state.message = Some("the end of the article".into());
    }
}

/// A caption paragraph while captions are hidden.
fn hidden(state: &AppState, a: &Article, para: usize) -> bool {
    (!state.captions
        && a.paragraphs
            .get(para)
            .is_some_and(|p| p.kind == crate::ingest::ParagraphKind::Caption))
        || crate::app::fold::hides(state, para)
}

/// After captions are hidden, a cursor on one moves to the next sentence that shows.
pub fn leave_hidden(state: &mut AppState) {
    let Some(a) = shown_article(state) else {
        return;
    };
    if hidden(state, &a, state.cursor.para) {
        move_cursor(state, true);
        if hidden(state, &a, state.cursor.para) {
            move_cursor(state, false);
        }
    }
}

/// The screen line of a position.
fn line_of_pos(state: &AppState, pos: Pos) -> usize {
    state
        .view
        .lines
        .iter()
        .position(|l| {
            l.para == Some(pos.para) && l.range.end > pos.byte
                || l.para.is_some_and(|p| p > pos.para)
        })
        .unwrap_or(0)
}

fn scroll_to(state: &mut AppState, pos: Pos) {
    let line = line_of_pos(state, pos);
    let height = state.page_height().max(1);
    if line < state.view.top {
        state.view.top = line;
    } else if line >= state.view.top + height {
        state.view.top = (line + 1 - height).min(state.max_top());
    }
}

/// Scrolls the sentence starting at `pos` into view: all of it when it fits on the page,
/// else its start.
fn scroll_to_sentence(state: &mut AppState, a: &Article, pos: Pos) {
    let line = line_of_pos(state, pos);
    let end = sentence_at(a, pos).map_or(pos, |(_, r)| Pos {
        para: pos.para,
        byte: r.end.saturating_sub(1).max(r.start),
    });
    let last = line_of_pos(state, end).max(line);
    let height = state.page_height().max(1);
    if line < state.view.top {
        state.view.top = line;
    } else if last >= state.view.top + height {
        state.view.top = (last + 1 - height).min(line).min(state.max_top());
    }
}

/// Puts the cursor at `pos` and scrolls it into view, a third of the page from the top.
pub fn jump_to(state: &mut AppState, pos: Pos) {
    crate::app::fold::open(state, pos.para);
    state.cursor = pos;
    let line = line_of_pos(state, pos);
    let height = state.page_height();
    if line < state.view.top || line >= state.view.top + height {
        state.view.top = line.saturating_sub(height / 3).min(state.max_top());
    }
}

/// After a scroll, the cursor moves onto the first (or last) sentence in view if it left it.
pub fn keep_cursor_in_view(state: &mut AppState) {
    if state.view.lines.is_empty() || state.focus != Focus::Reader {
        return;
    }
    let line = line_of_pos(state, state.cursor);
    let (top, height) = (state.view.top, state.page_height().max(1));
    let target = if line < top {
        top
    } else if line >= top + height {
        top + height - 1
    } else {
        return;
    };
    // The first line at or after (before, when below) the target that starts a sentence.
    let Some(a) = shown_article(state) else {
        return;
    };
    let lines = &state.view.lines;
    // Each paragraph on screen is split into sentences once, not once per line: a paragraph
    // of megabytes fills the whole screen.
    let mut split: Option<(usize, Vec<std::ops::Range<usize>>)> = None;
    let mut starts = |i: usize| {
        let l = lines.get(i)?;
        let para = l.para?;
        let text = &a.paragraphs.get(para)?.text;
        if split.as_ref().is_none_or(|(p, _)| *p != para) {
            split = Some((para, sentences::split(text)));
        }
        let (_, sentences) = split.as_ref()?;
        sentences
            .iter()
            .find(|s| l.range.contains(&s.start) || (l.range.is_empty() && s.start == 0))
            .map(|s| Pos {
                para,
                byte: s.start,
            })
    };
    let found = if line < top {
        (target..top + height).find_map(&mut starts)
    } else {
        (top..=target).rev().find_map(&mut starts)
    };
    if let Some(pos) = found {
        state.cursor = pos;
    }
}

/// The cursor's sentence as a range of positions.
fn cursor_range(state: &AppState, a: &Article) -> Option<(Pos, Pos)> {
    let (_, r) = sentence_at(a, state.cursor)?;
    Some((
        Pos {
            para: state.cursor.para,
            byte: r.start,
        },
        Pos {
            para: state.cursor.para,
            byte: r.end,
        },
    ))
}

/// `v`: select the cursor's sentence. `V`: its whole paragraph.
pub fn select(state: &mut AppState, whole_paragraph: bool) {
    let Some(a) = shown_article(state) else {
        return;
    };
    let Some((mut start, mut end)) = cursor_range(state, &a) else {
        return;
    };
    if whole_paragraph {
        start.byte = 0;
        end.byte = a.paragraphs[start.para].text.len();
    }
    state.selection = Some(Selection {
        start,
        end,
        moving_end: true,
    });
}

/// Extends (forward) or shrinks (back) the moving end of the selection by a unit.
pub fn extend(state: &mut AppState, unit: Unit, forward: bool) {
    let Some(a) = shown_article(state) else {
        return;
    };
    let Some(mut sel) = state.selection else {
        return;
    };
    let moving = if sel.moving_end { sel.end } else { sel.start };
    let moved = match unit {
        Unit::Sentence => step_sentence_edge(&a, moving, forward, sel.moving_end),
        Unit::Word => step_word(&a, moving, forward, sel.moving_end),
        Unit::Paragraph => step_paragraph(&a, moving, forward, sel.moving_end),
    };
    let Some(moved) = moved else { return };
    if sel.moving_end {
        sel.end = moved.max(sel.start);
    } else {
        sel.start = moved.min(sel.end);
    }
    if sel.start < sel.end {
        state.selection = Some(sel);
        scroll_to(state, moved);
    }
}

/// The next sentence edge: for the end, the end of the next sentence (or of the previous
/// one); for the start, the start of the next sentence (or of the previous one).
fn step_sentence_edge(a: &Article, pos: Pos, forward: bool, is_end: bool) -> Option<Pos> {
    if !is_end {
        return step_sentence(a, pos, forward);
    }
    let ranges = sentences::split(&a.paragraphs.get(pos.para)?.text);
    if forward {
        match ranges.iter().find(|r| r.end > pos.byte) {
            Some(r) => Some(Pos {
                para: pos.para,
                byte: r.end,
            }),
            None => {
                let para = (pos.para + 1..a.paragraphs.len())
                    .find(|&p| !a.paragraphs[p].text.is_empty())?;
                let first = sentences::split(&a.paragraphs[para].text).first()?.end;
                Some(Pos { para, byte: first })
            }
        }
    } else if let Some(r) = ranges.iter().rev().find(|r| r.end < pos.byte) {
        Some(Pos {
            para: pos.para,
            byte: r.end,
        })
    } else {
        // Back into the previous paragraph: the end of its last sentence.
        let para = (0..pos.para)
            .rev()
            .find(|&p| !a.paragraphs[p].text.is_empty())?;
        let last = sentences::split(&a.paragraphs[para].text).last()?.end;
        Some(Pos { para, byte: last })
    }
}

/// The next word edge: ends of words for the selection's end, starts for its start. Like
/// the sentence keys, it crosses into the next (or previous) paragraph at the end of one.
fn step_word(a: &Article, pos: Pos, forward: bool, is_end: bool) -> Option<Pos> {
    let edges = |para: usize| word_edges(&a.paragraphs[para].text, is_end);
    let here = edges(pos.para);
    let found = if forward {
        here.into_iter().find(|&b| b > pos.byte)
    } else {
        here.into_iter().rev().find(|&b| b < pos.byte)
    };
    if let Some(byte) = found {
        return Some(Pos {
            para: pos.para,
            byte,
        });
    }
    let mut others: Box<dyn Iterator<Item = usize>> = if forward {
        Box::new(pos.para + 1..a.paragraphs.len())
    } else {
        Box::new((0..pos.para).rev())
    };
    others.find_map(|para| {
        let e = edges(para);
        let byte = if forward { e.first() } else { e.last() }.copied()?;
        Some(Pos { para, byte })
    })
}

/// The byte offsets of a paragraph's word ends (`is_end`) or word starts.
fn word_edges(text: &str, is_end: bool) -> Vec<usize> {
    text.char_indices()
        .chain(std::iter::once((text.len(), ' ')))
        .filter(|&(i, c)| {
            let prev = text[..i].chars().next_back();
            if is_end {
                c.is_whitespace() && prev.is_some_and(|p| !p.is_whitespace())
            } else {
                !c.is_whitespace() && prev.is_none_or(char::is_whitespace)
            }
        })
        .map(|(i, _)| i)
        .collect()
}

fn step_paragraph(a: &Article, pos: Pos, forward: bool, is_end: bool) -> Option<Pos> {
    let len = |p: usize| a.paragraphs[p].text.len();
    match (forward, is_end) {
        (true, true) if pos.byte < len(pos.para) => Some(Pos {
            para: pos.para,
            byte: len(pos.para),
        }),
        (true, true) => (pos.para + 1 < a.paragraphs.len()).then(|| Pos {
            para: pos.para + 1,
            byte: len(pos.para + 1),
        }),
        (false, true) => (pos.para > 0).then(|| Pos {
            para: pos.para - 1,
            byte: len(pos.para - 1),
        }),
        (true, false) => (pos.para + 1 < a.paragraphs.len()).then_some(Pos {
            para: pos.para + 1,
            byte: 0,
        }),
        (false, false) if pos.byte > 0 => Some(Pos {
            para: pos.para,
            byte: 0,
        }),
        (false, false) => pos.para.checked_sub(1).map(|para| Pos { para, byte: 0 }),
    }
}

/// `o`: the other end moves from now on.
pub fn swap(state: &mut AppState) {
    if let Some(sel) = state.selection.as_mut() {
        sel.moving_end = !sel.moving_end;
    }
}

/// The passage tags and notes apply to: the selection, else the cursor's sentence.
pub(in crate::app) fn passage(state: &AppState, a: &Article) -> Option<(Pos, Pos)> {
    state
        .selection
        .map(|s| (s.start, s.end))
        .or_else(|| cursor_range(state, a))
}
