//! Second-pass features: what the first pass said about a token, its neighbours and the
//! same word elsewhere in the document.

use super::Fnv;

/// Stage-two features: what the first-pass tagger said about this token and its neighbours,
/// and what it said about the same word elsewhere in the document (`votes`, without this
/// token's own vote). Tags are indices as in `Tag::index`.
pub fn extract_stage2(tags: &[u8], votes: &[[u16; 9]], i: usize, out: &mut Vec<u32>) {
    let tag = |j: isize| -> u64 {
        if j < 0 || j as usize >= tags.len() {
            99
        } else {
            tags[j as usize] as u64
        }
    };
    let ii = i as isize;
    out.push(Fnv::new(40).num(tag(ii)).done());
    out.push(Fnv::new(41).num(tag(ii - 1)).num(tag(ii)).done());
    out.push(Fnv::new(42).num(tag(ii)).num(tag(ii + 1)).done());
    let v = votes[i];
    let total: u32 = v[..5].iter().map(|&x| x as u32).sum();
    if total == 0 {
        out.push(Fnv::new(43).done());
        return;
    }
    // The type most often given to this word elsewhere (0 = O).
    let best = (0..5)
        .max_by_key(|&k| (v[k], std::cmp::Reverse(k)))
        .unwrap_or(0) as u64;
    let entity: u32 = v[1..5].iter().map(|&x| x as u32).sum();
    let frac = (entity * 4).div_ceil(total) as u64;
    out.push(Fnv::new(44).num(best).done());
    out.push(Fnv::new(45).num(best).num(tag(ii)).done());
    out.push(Fnv::new(46).num(best).num(frac).done());
    // The type this word has where it is part of a longer name.
    if let Some(long) = (5..9).filter(|&k| v[k] > 0).max_by_key(|&k| (v[k], 9 - k)) {
        out.push(Fnv::new(48).num(long as u64).done());
        out.push(Fnv::new(49).num(long as u64).num(tag(ii)).done());
    }
    for (k, &count) in v.iter().enumerate().take(5).skip(1) {
        if count > 0 {
            out.push(Fnv::new(47).num(k as u64).done());
        }
    }
}
