//! Where a block stands among the page's blocks: how far the nearest long block is above and
//! below, and how long the run of short blocks, and of blocks that look alike, it sits in is.
//! A short line between two paragraphs, a short last paragraph and an entry of a listing
//! inside the article stand differently from a menu label in a run of fifty.

use super::features::bin;

/// What the context measures need of one block.
pub(super) struct Block {
    pub long: bool,
    /// Blocks with the same key look alike (length class, first and last character class).
    pub like: u32,
}

/// The measures of each block, binned: the nearest long block above and below, the run of
/// short blocks it is in, the run of like blocks it is in and where in that run it stands.
pub(super) fn measure(blocks: &[Block]) -> Vec<[u16; 5]> {
    let n = blocks.len();
    // Nearest long block above (from the top) and below (from the bottom).
    let mut above = vec![None; n];
    let mut last = None;
    for i in 0..n {
        above[i] = last.map(|j: usize| i - j);
        if blocks[i].long {
            last = Some(i);
        }
    }
    let mut below = vec![None; n];
    last = None;
    for i in (0..n).rev() {
        below[i] = last.map(|j: usize| j - i);
        if blocks[i].long {
            last = Some(i);
        }
    }
    let runs = |same: &dyn Fn(usize, usize) -> bool| {
        // Length of the run each block is in, and its place: 0 alone, 1 first, 2 inside, 3 last.
        let mut start = vec![0usize; n];
        for i in 1..n {
            start[i] = if same(i - 1, i) { start[i - 1] } else { i };
        }
        let mut end = vec![n.saturating_sub(1); n];
        for i in (0..n.saturating_sub(1)).rev() {
            end[i] = if same(i, i + 1) { end[i + 1] } else { i };
        }
        (0..n)
            .map(|i| {
                let len = end[i] - start[i] + 1;
                let place = match (i == start[i], i == end[i]) {
                    (true, true) => 0,
                    (true, false) => 1,
                    (false, false) => 2,
                    (false, true) => 3,
                };
                (len, place)
            })
            .collect::<Vec<_>>()
    };
    let short_runs = runs(&|a, b| !blocks[a].long && !blocks[b].long);
    let like_runs = runs(&|a, b| blocks[a].like == blocks[b].like);
    let dist = |d: Option<usize>| d.map_or(15, |d| bin(d, &[1, 2, 3, 4, 6, 10, 20]));
    (0..n)
        .map(|i| {
            let run = if blocks[i].long { 0 } else { short_runs[i].0 };
            [
                dist(above[i]),
                dist(below[i]),
                bin(run, &[0, 1, 2, 3, 5, 8, 13, 21]),
                bin(like_runs[i].0, &[1, 2, 3, 5, 8]),
                like_runs[i].1 as u16,
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_and_runs_follow_the_long_blocks() {
        // menu, menu, paragraph, short line, paragraph, footer
        let shape = [false, false, true, false, true, false];
        let blocks: Vec<Block> = shape
            .iter()
            .map(|&long| Block {
                long,
                like: u32::from(long),
            })
            .collect();
        let m = measure(&blocks);
        // Nothing long above the menu; the paragraph is two below its first item.
        assert_eq!((m[0][0], m[0][1]), (15, 1));
        // The short line has a paragraph right above and right below it.
        assert_eq!((m[3][0], m[3][1]), (0, 0));
        // Nothing long below the footer.
        assert_eq!(m[5][1], 15);
        // The two menu items are a run of two short blocks, first and last of it.
        assert_eq!((m[0][2], m[0][4], m[1][4]), (2, 1, 3));
        // A long block is in no run of short blocks, and the lone short line is a run of one.
        assert_eq!((m[2][2], m[3][2], m[3][4]), (0, 1, 0));
    }
}
