//! A large Markdown file cut into pieces that are parsed one after another. The parser keeps
//! a node for every piece of markup until it is dropped: hostile files (a table of a million
//! cells, a line of a million `*a`) cost it fifty times their size. A piece ends where a new
//! top-level block starts (after a blank line, at a line that starts in the first column,
//! outside fenced code), so that pieces parse as the whole would; a block longer than
//! [`HARD`] is cut between lines, and a line longer than that at a space. Link reference
//! definitions hold only within their piece, which matters only for files over [`SOFT`].

use std::ops::Range;

use super::markdown::is_fence;

/// A piece ends at the first place where a block may start after this many bytes.
pub const SOFT: usize = 256 * 1024;
/// No piece is longer than this (at most a line's worth more, unless the line is cut).
pub const HARD: usize = 1024 * 1024;

/// The byte ranges of the pieces of `text`, in order, covering all of it.
pub fn chunks(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if text.len() <= SOFT {
        out.push(0..text.len());
        return out;
    }
    let mut start = 0;
    let mut in_fence = false;
    let mut after_blank = false;
    let mut at = 0;
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        let line = &text[at..end];
        let size = at - start;
        let block_starts =
            after_blank && !in_fence && line.starts_with(|c: char| !c.is_whitespace() && c != '>');
        if size > 0 && ((size >= SOFT && block_starts) || size >= HARD) {
            out.push(start..at);
            start = at;
        }
        // A line that alone would pass the limit is cut at spaces.
        while end - start > HARD {
            let cut = cut_point(text, start, end);
            out.push(start..cut);
            start = cut;
        }
        if is_fence(line.trim_end()) {
            in_fence = !in_fence;
        }
        after_blank = line.trim().is_empty();
        at = end;
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// Where to cut the line that runs from before `start` to `end`: at the last space before
/// `start + HARD`, else at a character boundary there.
fn cut_point(text: &str, start: usize, end: usize) -> usize {
    let mut limit = (start + HARD).min(end);
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    match text[start + SOFT.min(limit - start)..limit].rfind(' ') {
        Some(i) => start + SOFT.min(limit - start) + i + 1,
        None => limit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Vec<Range<usize>> {
        let c = chunks(text);
        assert_eq!(c.first().map(|r| r.start), Some(0));
        assert_eq!(c.last().map(|r| r.end), Some(text.len()));
        for w in c.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
        assert!(
            c.iter()
                .all(|r| r.len() <= HARD + 1 && text.is_char_boundary(r.start))
        );
        c
    }

    #[test]
    fn pieces_start_at_top_level_blocks() {
        let para = "A paragraph of words that goes on for a while.\n\n";
        let text = format!(
            "{}```\n{}```\n\n> quote\n\n  indented\n\nNext\n",
            para.repeat(6000),
            "\n\ncode\n".repeat(100)
        );
        for r in check(&text).iter().skip(1) {
            let first = &text[r.clone()];
            assert!(
                first.starts_with("A ") || first.starts_with("Next"),
                "{:?}",
                &first[..20]
            );
        }
        assert_eq!(check("short").len(), 1);
    }

    #[test]
    fn long_blocks_and_lines_are_cut() {
        let lines = "x\n".repeat(HARD);
        assert!(check(&lines).len() >= 2);
        let line = "é a ".repeat(HARD / 2);
        let c = check(&line);
        assert!(c.len() >= 2);
        assert!(
            c[..c.len() - 1]
                .iter()
                .all(|r| line[..r.end].ends_with(' '))
        );
        let word = "é".repeat(HARD);
        assert!(check(&word).len() >= 2);
    }
}
