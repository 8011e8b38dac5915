//! Word wrapping by display width: CJK and emoji take two columns, combining marks none, and a
//! grapheme cluster is never split.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::ingest::{Paragraph, ParagraphKind};

/// One screen line of an article: a byte range of one paragraph, or the blank line between two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisualLine {
    pub para: Option<usize>,
    pub range: Range<usize>,
    /// This line stands for this many folded paragraphs, from `para` on (0: a line of text).
    pub fold: usize,
}

/// How an article is laid out in lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Wrap {
    /// No blank line between paragraphs, and an empty paragraph is an empty line (the raw
    /// source, one paragraph per line of the file).
    pub dense: bool,
    /// Caption paragraphs are laid out; otherwise they are skipped.
    pub captions: bool,
}

/// Wraps every paragraph at `width` columns, with a blank line between paragraphs unless
/// `dense`. Line numbers refer to the paragraphs' own indices, skipped ones included.
pub fn wrap_article(paragraphs: &[Paragraph], width: u16, how: Wrap) -> Vec<VisualLine> {
    wrap_folded(paragraphs, width, how, &[])
}

/// [`wrap_article`], with the paragraphs `folded` (sorted) laid out as one line per run.
pub fn wrap_folded(
    paragraphs: &[Paragraph],
    width: u16,
    how: Wrap,
    folded: &[usize],
) -> Vec<VisualLine> {
    let mut out: Vec<VisualLine> = Vec::new();
    let line =
        |para: Option<usize>, range: Range<usize>, fold: usize| VisualLine { para, range, fold };
    for (i, p) in paragraphs.iter().enumerate() {
        if p.kind == ParagraphKind::Caption && !how.captions {
            continue;
        }
        let folds = folded.binary_search(&i).is_ok();
        if folds && let Some(last) = out.last_mut().filter(|l| l.fold > 0) {
            // One line for a run of folded paragraphs.
            last.fold += 1;
            continue;
        }
        if how.dense && p.text.is_empty() && !folds {
            out.push(line(Some(i), 0..0, 0));
            continue;
        }
        // A blank line between paragraphs.
        if !out.is_empty() && !how.dense {
            out.push(line(None, 0..0, 0));
        }
        if folds {
            out.push(line(Some(i), 0..0, 1));
            continue;
        }
        out.extend(
            wrap(&p.text, width)
                .into_iter()
                .map(|range| line(Some(i), range, 0)),
        );
    }
    out
}

/// Greedy wrap of one paragraph into byte ranges, each at most `width` columns wide. Breaks
/// fall at spaces; a word longer than the line (or a run of CJK) is broken between graphemes.
pub fn wrap(text: &str, width: u16) -> Vec<Range<usize>> {
    let width = usize::from(width.max(1));
    let mut lines = Vec::new();
    let mut start: Option<usize> = None; // byte where the current line starts
    let mut end = 0; // byte where its last word ends
    let mut cols = 0; // width up to `end`
    for (idx, token) in tokens(text) {
        let is_space = token.starts_with(' ');
        let tw = token.width();
        if is_space {
            continue; // spaces are accounted for when the next word arrives
        }
        let gap = match start {
            Some(_) => text[end..idx].width(),
            None => 0,
        };
        if start.is_some() && cols + gap + tw <= width {
            cols += gap + tw;
            end = idx + token.len();
            continue;
        }
        if let Some(s) = start.take() {
            lines.push(s..end);
        }
        if tw <= width {
            start = Some(idx);
            end = idx + token.len();
            cols = tw;
            continue;
        }
        // A token wider than a line: fill lines grapheme by grapheme.
        let mut line_start = idx;
        cols = 0;
        for (gi, g) in token.grapheme_indices(true) {
            let gw = g.width();
            if cols + gw > width && cols > 0 {
                lines.push(line_start..idx + gi);
                line_start = idx + gi;
                cols = 0;
            }
            cols += gw;
        }
        start = Some(line_start);
        end = idx + token.len();
    }
    if let Some(s) = start {
        lines.push(s..end);
    }
    lines
}

/// Maximal runs of spaces and of everything else, with their byte offsets.
fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text;
    let mut offset = 0;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let space = first == ' ';
        let len = rest
            .find(|c: char| (c == ' ') != space)
            .unwrap_or(rest.len());
        let token = &rest[..len];
        let at = offset;
        rest = &rest[len..];
        offset += len;
        Some((at, token))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, width: u16) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn breaks_at_spaces_and_keeps_punctuation_with_words() {
        assert_eq!(
            lines("The quick brown fox, jumps over", 10),
            ["The quick", "brown fox,", "jumps over"]
        );
    }

    #[test]
    fn never_exceeds_the_width_with_wide_characters() {
        let text = "川に国境はない、と代表は言った。 Then 🌊 came the vote.";
        for w in [3u16, 5, 8, 13] {
            for l in lines(text, w) {
                assert!(l.width() <= w as usize, "{l:?} wider than {w}");
            }
        }
        assert_eq!(lines("川に国境", 4), ["川に", "国境"]);
    }

    #[test]
    fn combining_marks_stay_with_their_letter() {
        let name = "Nguye\u{302}\u{303}n"; // e + two combining marks
        let out = lines(name, 3);
        assert_eq!(out.concat(), name);
        assert!(out.iter().all(|l| l.width() <= 3));
        assert!(
            !out.iter()
                .any(|l| l.starts_with('\u{302}') || l.starts_with('\u{303}'))
        );
    }

    #[test]
    fn long_words_are_split() {
        assert_eq!(lines("abcdefgh ij", 3), ["abc", "def", "gh", "ij"]);
    }

    #[test]
    fn paragraphs_get_a_blank_line_between_and_captions_can_be_skipped() {
        let paras = vec![
            Paragraph::body("one"),
            Paragraph {
                kind: ParagraphKind::Caption,
                text: "a caption".into(),
            },
            Paragraph::body("two"),
        ];
        let all = Wrap {
            dense: false,
            captions: true,
        };
        let v = wrap_article(&paras, 20, all);
        assert_eq!(v.len(), 5);
        assert_eq!(v[1].para, None);
        let v = wrap_article(
            &paras,
            20,
            Wrap {
                captions: false,
                ..all
            },
        );
        let shown: Vec<Option<usize>> = v.iter().map(|l| l.para).collect();
        assert_eq!(
            shown,
            [Some(0), None, Some(2)],
            "indices keep counting the hidden caption"
        );
    }

    #[test]
    fn dense_keeps_lines_as_they_are() {
        let paras = vec![
            Paragraph::body("one"),
            Paragraph::body(""),
            Paragraph::body("two"),
        ];
        let v = wrap_article(
            &paras,
            20,
            Wrap {
                dense: true,
                captions: true,
            },
        );
        let shown: Vec<Option<usize>> = v.iter().map(|l| l.para).collect();
        assert_eq!(shown, [Some(0), Some(1), Some(2)]);
    }
}
