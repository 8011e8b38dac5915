//! The second pass: features of what the first pass decided about the whole file. A block
//! the first pass calls body may still stand apart from the article (comments below it after
//! a run of share buttons, a listing of teasers above it); a lone short line it calls
//! furniture may sit inside the article. The second model reads each block's own features
//! again, plus where it stands from the first pass's largest run of body text, its margin
//! and its neighbours' states.

use super::features::bin;
use super::{BODY, Features, Row};

fn mix(template: u32, value: u32) -> u32 {
    let x = (u64::from(template) << 32 | u64::from(value)).wrapping_mul(0xd6e8_feb8_6659_fd93);
    (x >> 32) as u32 ^ x as u32
}

/// The body-against-furniture margin of each block, binned against the file's mean size.
fn margins(em: &[Row]) -> Vec<u32> {
    let m: Vec<f32> = em
        .iter()
        .map(|e| e[0] - e[1..].iter().fold(f32::MIN, |a, &b| a.max(b)))
        .collect();
    let mean = m.iter().map(|x| x.abs()).sum::<f32>() / m.len().max(1) as f32 + 1e-6;
    m.iter()
        .map(|&x| {
            let r = x / mean;
            [-3.0, -1.5, -0.5, 0.0, 0.5, 1.5, 3.0]
                .iter()
                .position(|&b| r <= b)
                .unwrap_or(7) as u32
        })
        .collect()
}

/// `feats` with each block's stacked features added, from the first pass's `states` and
/// emission scores `em`.
pub(super) fn stacked(feats: &Features, states: &[u8], em: &[Row]) -> Features {
    let n = feats.len();
    let body = |i: usize| states[i] == BODY;
    let words = |i: usize| feats.words.get(i).copied().unwrap_or(0);
    // Runs of body blocks; the largest by words is the article's main run.
    let mut run_of = vec![usize::MAX; n];
    let mut runs: Vec<(usize, usize, u64)> = Vec::new();
    for (i, run) in run_of.iter_mut().enumerate() {
        if body(i) {
            if i == 0 || !body(i - 1) {
                runs.push((i, i, 0));
            }
            let r = runs.last_mut().expect("a run was started");
            r.1 = i;
            r.2 += u64::from(words(i));
            *run = runs.len() - 1;
        }
    }
    let total: u64 = runs.iter().map(|r| r.2).sum();
    let main = (0..runs.len()).max_by_key(|&r| (runs[r].2, usize::MAX - r));
    let mut before = vec![0u64; n + 1];
    for i in 0..n {
        before[i + 1] = before[i] + if body(i) { u64::from(words(i)) } else { 0 };
    }
    let marg = margins(em);
    let mut body_before = vec![0usize; n + 1];
    for i in 0..n {
        body_before[i + 1] = body_before[i] + usize::from(body(i));
    }
    let body_in = |a: usize, b: usize| body_before[b.min(n)] - body_before[a.min(n)];
    let state = |j: i64| {
        usize::try_from(j)
            .ok()
            .and_then(|j| states.get(j))
            .map_or(9, |&s| u32::from(s))
    };
    let mut out = Features {
        hashes: Vec::with_capacity(feats.hashes.len() + n * 12),
        ends: Vec::with_capacity(n),
        words: feats.words.clone(),
    };
    for i in 0..n {
        let h = &mut out.hashes;
        h.extend_from_slice(feats.block(i));
        let (s, k) = (u32::from(states[i]), i as i64);
        h.push(mix(700, s));
        h.push(mix(701, state(k - 1) << 16 | s << 8 | state(k + 1)));
        h.push(mix(702, state(k - 2) << 8 | state(k + 2)));
        h.push(mix(703, s << 8 | marg[i]));
        let m = |j: i64| {
            usize::try_from(j)
                .ok()
                .and_then(|j| marg.get(j))
                .map_or(9, |&x| x)
        };
        h.push(mix(704, m(k - 1) << 8 | marg[i]));
        h.push(mix(705, m(k + 1) << 8 | marg[i]));
        // Where the block stands from the main run: inside, above or below, how many
        // blocks away and how many of those are furniture.
        let (side, dist, gap) = match main.map(|r| runs[r]) {
            None => (3u32, 0u16, 0u16),
            Some((a, b, _)) if i >= a && i <= b => (0, 0, 0),
            Some((a, _, _)) if i < a => {
                let gap = (i + 1..a).filter(|&j| !body(j)).count();
                (
                    1,
                    bin(a - i, &[1, 2, 3, 5, 8, 13, 21]),
                    bin(gap, &[0, 1, 2, 4, 8]),
                )
            }
            Some((_, b, _)) => {
                let gap = (b + 1..i).filter(|&j| !body(j)).count();
                (
                    2,
                    bin(i - b, &[1, 2, 3, 5, 8, 13, 21]),
                    bin(gap, &[0, 1, 2, 4, 8]),
                )
            }
        };
        h.push(mix(706, side << 16 | u32::from(dist) << 8 | s));
        h.push(mix(707, side << 16 | u32::from(gap) << 8 | s));
        h.push(mix(708, side << 16 | u32::from(gap) << 8 | marg[i]));
        // The share of the first pass's body words in this block's own run, and before it.
        let own = if run_of[i] == usize::MAX {
            15
        } else {
            share_bin(runs[run_of[i]].2, total)
        };
        h.push(mix(709, own << 8 | s));
        h.push(mix(710, share_bin(before[i], total) << 8 | s));
        // How much of the window around the block the first pass calls body.
        for (t, w) in [(712u32, 3usize), (713, 8)] {
            let above = share_bin(body_in(i.saturating_sub(w), i) as u64, w as u64);
            let below = share_bin(body_in(i + 1, i + 1 + w) as u64, w as u64);
            h.push(mix(t, above << 16 | below << 8 | s));
        }
        h.push(mix(711, share_bin(total - before[i + 1], total) << 8 | s));
        out.ends.push(out.hashes.len() as u32);
    }
    out
}

fn share_bin(part: u64, all: u64) -> u32 {
    if all == 0 {
        return 15;
    }
    u32::from(bin(
        (part * 100 / all) as usize,
        &[0, 4, 9, 19, 34, 49, 64, 79, 94, 99],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::text::blocks::OTHER;

    #[test]
    fn a_body_block_apart_from_the_main_run_reads_differently() {
        // Five blocks with one feature each; the first pass calls 1-2 body (the main run)
        // and 4 body too, after a furniture block.
        let feats = Features {
            hashes: vec![1, 2, 3, 4, 5],
            ends: vec![1, 2, 3, 4, 5],
            words: vec![3, 40, 50, 2, 30],
        };
        let states = [OTHER, BODY, BODY, OTHER, BODY];
        let em = vec![[1.0, 0.0, 0.0, 0.0]; 5];
        let out = stacked(&feats, &states, &em);
        assert_eq!(out.len(), 5);
        // Each block keeps its own features first and gains as many stacked ones.
        let added = out.block(0).len() - 1;
        for i in 0..5 {
            assert_eq!(out.block(i)[0], feats.block(i)[0]);
            assert_eq!(out.block(i).len(), added + 1);
        }
        // Block 4 (below the main run) and block 2 (inside it) are both body with the
        // same margin, yet where they stand from the main run tells them apart.
        let side = |i: usize| out.block(i)[8];
        assert_ne!(side(4), side(2));
        assert_eq!(stacked(&feats, &states, &em).hashes, out.hashes);
    }
}
