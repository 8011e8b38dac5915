//! Viterbi decoding over BIO tags: the best tag sequence under emission and transition
//! scores that never puts an I after a tag of another kind.

use super::{N_TAGS, Tag};

/// Whether tag `b` may follow tag `a` (`None`: sentence start) in BIO.
pub fn allowed(a: Option<u8>, b: u8) -> bool {
    match Tag::from_index(b) {
        Tag::I(k) => a.is_some_and(|a| Tag::from_index(a).kind() == Some(k)),
        _ => true,
    }
}

/// Best tag sequence under emission and transition scores, never breaking BIO.
pub fn viterbi(em: &[[f32; N_TAGS]], trans: &[[f32; N_TAGS]; N_TAGS + 1]) -> Vec<u8> {
    let mut out = vec![0u8; em.len()];
    viterbi_into(em, &super::model::mask(trans), &mut Vec::new(), &mut out);
    out
}

/// [`viterbi`] with transitions already masked ([`super::model::mask`]), a reused buffer of
/// back pointers, and the tags written to `out` (one per emission).
pub fn viterbi_into(
    em: &[[f32; N_TAGS]],
    masked: &[[f32; N_TAGS]; N_TAGS + 1],
    back: &mut Vec<[u8; N_TAGS]>,
    out: &mut [u8],
) {
    let n = em.len();
    if n == 0 {
        return;
    }
    back.clear();
    back.resize(n, [0u8; N_TAGS]);
    let mut score = [0f32; N_TAGS];
    for t in 0..N_TAGS {
        score[t] = masked[N_TAGS][t] + em[0][t];
    }
    for i in 1..n {
        // For every tag at once, the best previous tag (the first of equal scores), one
        // previous tag at a time: the inner loop is over the tags, without branches, and
        // the previous tag is kept as a float so that it moves in the same lanes as the
        // score (the compiler makes vector code of it).
        let mut best = [f32::NEG_INFINITY; N_TAGS];
        let mut from = [0f32; N_TAGS];
        for (p, row) in masked[..N_TAGS].iter().enumerate() {
            let (sp, pf) = (score[p], p as f32);
            for t in 0..N_TAGS {
                let s = sp + row[t];
                let better = s > best[t];
                best[t] = if better { s } else { best[t] };
                from[t] = if better { pf } else { from[t] };
            }
        }
        for t in 0..N_TAGS {
            score[t] = best[t] + em[i][t];
            back[i][t] = from[t] as u8;
        }
    }
    let mut t = (0..N_TAGS)
        .max_by(|&a, &b| score[a].total_cmp(&score[b]))
        .unwrap_or(0);
    for i in (0..n).rev() {
        out[i] = t as u8;
        t = back[i][t] as usize;
    }
}
