//! The rhythm of a page: lines that repeat a pattern every few lines. A comment thread is
//! name, date, text, name, date, text; a listing of teasers is headline, byline, date,
//! summary, again and again. Running text has no such period (all its blocks look alike, a
//! period of one), nor has a menu (a run of labels). Each block gets the strongest period of
//! two to five lines in the window around it and how much of the window follows it.

use super::features::bin;

const WINDOW: usize = 6;

/// For each block, from the blocks' pattern keys: the best period (0 for none) and how much
/// of the window around the block repeats with it, binned.
pub(super) fn measure(keys: &[u32]) -> Vec<(u16, u16)> {
    let n = keys.len();
    // same[p][j]: block j looks like block j + p; prefix sums for the windows.
    let sums: Vec<Vec<u32>> = (1..=5)
        .map(|p| {
            let mut s = vec![0u32; n + 1];
            for j in 0..n {
                s[j + 1] = s[j] + u32::from(j + p < n && keys[j] == keys[j + p]);
            }
            s
        })
        .collect();
    (0..n)
        .map(|i| {
            let (a, b) = (i.saturating_sub(WINDOW), (i + WINDOW).min(n));
            let len = (b - a) as u32;
            let count = |p: usize| sums[p - 1][b] - sums[p - 1][a];
            let flat = count(1);
            let (mut best, mut period) = (0u32, 0u16);
            for p in 2..=5 {
                let c = count(p);
                if c > flat && c > best {
                    (best, period) = (c, p as u16);
                }
            }
            let part = (best * 10)
                .checked_div(len)
                .map_or(0, |r| bin(r as usize, &[2, 4, 6, 8]));
            (if part == 0 { 0 } else { period }, part)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thread_has_a_period_and_prose_has_none() {
        // Name, date, text, six times over; then eight paragraphs.
        let mut keys: Vec<u32> = (0..18).map(|i| [7, 8, 1][i % 3]).collect();
        keys.extend([1; 8]);
        let m = measure(&keys);
        assert_eq!(m[6].0, 3);
        assert!(m[6].1 >= 3);
        assert_eq!(m[24], (0, 0));
    }
}
