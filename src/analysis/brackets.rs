//! Viterbi decoding that keeps brackets balanced inside names. A name may hold a bracketed
//! part ("Buducnost ( P )", "Total Petroleum ( North America ) Ltd"), but never half of one:
//! no name of the training text opens a bracket it does not close, or closes one it did not
//! open. Tagging word by word, the tagger cuts such names at the bracket ("Zeleznik" and
//! "B )", "Radnicki ( N"); decoding under the constraint makes it choose the best reading
//! with whole brackets instead (the name with its bracket, or the names on each side of it).

use super::viterbi::viterbi_into;
use super::{N_TAGS, Tag};

/// What a word does to the brackets of the name it is in.
#[derive(Clone, Copy, PartialEq)]
enum Bracket {
    Open,
    Close,
    None,
}

fn bracket(word: &str) -> Bracket {
    match word.as_bytes() {
        [b'(' | b'[' | b'{'] => Bracket::Open,
        [b')' | b']' | b'}'] => Bracket::Close,
        _ => Bracket::None,
    }
}

/// Whether a sentence has a bracket at all (most have none, and are decoded as they are).
pub fn any_bracket(words: &[&str]) -> bool {
    words.iter().any(|w| bracket(w) != Bracket::None)
}

/// States: a tag and whether the name it is in has a bracket open (`2 * tag + open`).
const STATES: usize = 2 * N_TAGS;

/// Whether tag `t` ends the name of tag `p` (an O, or the B of another name, after one).
fn ends_name(p: usize, t: usize) -> bool {
    p != 0 && !matches!(Tag::from_index(t as u8), Tag::I(_))
}

/// The bracket state after tag `t` on a word doing `b`, in a name whose state was `open`
/// before it (`None`: not allowed).
fn after(t: usize, open: bool, b: Bracket) -> Option<bool> {
    let open = match Tag::from_index(t as u8) {
        Tag::O => return Some(false),
        Tag::B(_) => false,
        Tag::I(_) => open,
    };
    match (b, open) {
        (Bracket::Open, false) => Some(true),
        (Bracket::Open, true) => None,
        (Bracket::Close, true) => Some(false),
        (Bracket::Close, false) => None,
        (Bracket::None, open) => Some(open),
    }
}

/// Whether every name of `tags` (over `words`) holds whole brackets only.
fn balanced(words: &[&str], tags: &[u8]) -> bool {
    let mut open = false;
    for (i, (w, &t)) in words.iter().zip(tags).enumerate() {
        if open && ends_name(tags[i - 1] as usize, t as usize) {
            return false;
        }
        match after(t as usize, open, bracket(w)) {
            Some(now) => open = now,
            None => return false,
        }
    }
    !open
}

/// [`viterbi_into`] under the constraint that no name holds half a bracket. The best path
/// is decoded first: when its names keep whole brackets (as in most sentences) it is the best
/// under the constraint too, and only otherwise is the sentence decoded again with it.
pub fn viterbi_balanced(
    words: &[&str],
    em: &[[f32; N_TAGS]],
    masked: &[[f32; N_TAGS]; N_TAGS + 1],
    back: &mut Vec<[u8; N_TAGS]>,
    out: &mut [u8],
) {
    viterbi_into(em, masked, back, out);
    if !any_bracket(words) || balanced(words, out) {
        return;
    }
    let kinds: Vec<Bracket> = words.iter().map(|w| bracket(w)).collect();
    let n = em.len();
    let mut score = [f32::NEG_INFINITY; STATES];
    let mut from = vec![[0u8; STATES]; n];
    for t in 0..N_TAGS {
        if let Some(open) = after(t, false, kinds[0]) {
            score[2 * t + open as usize] = masked[N_TAGS][t] + em[0][t];
        }
    }
    for i in 1..n {
        let mut next = [f32::NEG_INFINITY; STATES];
        for (s, &sp) in score.iter().enumerate() {
            if sp == f32::NEG_INFINITY {
                continue;
            }
            let (p, open) = (s / 2, s % 2 == 1);
            for t in 0..N_TAGS {
                if open && ends_name(p, t) {
                    continue;
                }
                let Some(now) = after(t, open, kinds[i]) else {
                    continue;
                };
                let v = sp + masked[p][t] + em[i][t];
                let to = 2 * t + now as usize;
                if v > next[to] {
                    next[to] = v;
                    from[i][to] = s as u8;
                }
            }
        }
        score = next;
    }
    // The last name must have closed its brackets: only even (closed) states end.
    let mut s = (0..N_TAGS)
        .map(|t| 2 * t)
        .max_by(|&a, &b| score[a].total_cmp(&score[b]))
        .unwrap_or(0);
    for i in (0..n).rev() {
        out[i] = (s / 2) as u8;
        s = from[i][s] as usize;
    }
}

#[cfg(test)]
mod tests {
    use super::super::EntityKind::{Org, Person};
    use super::super::model::mask;
    use super::super::viterbi::viterbi_into;
    use super::*;

    /// Decodes `words` under emissions that give O 1.0, other tags 0.0, and the scores of
    /// `like` (word index, tag, score) where given.
    fn decode(words: &[&str], like: &[(usize, Tag, f32)]) -> (Vec<Tag>, Vec<Tag>) {
        let mut em = vec![[0f32; N_TAGS]; words.len()];
        for row in &mut em {
            row[0] = 1.0;
        }
        for &(i, t, s) in like {
            em[i][t.index() as usize] = s;
        }
        let masked = mask(&[[0.0; N_TAGS]; N_TAGS + 1]);
        let (mut out, mut plain) = (vec![0u8; words.len()], vec![0u8; words.len()]);
        viterbi_balanced(words, &em, &masked, &mut Vec::new(), &mut out);
        viterbi_into(&em, &masked, &mut Vec::new(), &mut plain);
        let tags = |v: Vec<u8>| v.into_iter().map(Tag::from_index).collect();
        (tags(out), tags(plain))
    }

    #[test]
    fn names_hold_whole_brackets_or_none() {
        let (b, i, o) = (Tag::B(Org), Tag::I(Org), Tag::O);
        // Word by word, "Ostrava" and "B )" are two names: the bracket is taken whole.
        let words = ["Ostrava", "(", "B", ")", "4"];
        let like = [
            (0, b, 3.0),
            (1, i, 0.8),
            (2, b, 3.0),
            (2, i, 2.5),
            (3, i, 3.0),
        ];
        let (got, plain) = decode(&words, &like);
        assert_eq!(plain, [b, o, b, i, o]);
        assert_eq!(got, [b, i, i, i, o]);
        // A name that opens a bracket and ends before closing it closes it.
        let like = [(0, b, 3.0), (1, i, 3.0), (2, i, 3.0), (3, i, 0.5)];
        let (got, plain) = decode(&words, &like);
        assert_eq!(plain, [b, i, i, o, o]);
        assert_eq!(got, [b, i, i, i, o]);
        // Balanced names and names beside brackets are left as they are.
        let (p, ip) = (Tag::B(Person), Tag::I(Person));
        let words = ["Mira", "(", "Vell", ")", "said"];
        let (got, plain) = decode(&words, &[(0, p, 3.0), (2, p, 3.0)]);
        assert_eq!((got.clone(), plain), (got, vec![p, o, p, o, o]));
        let words = ["Mira", "Vell", "said", "."];
        let (got, plain) = decode(&words, &[(0, p, 3.0), (1, ip, 3.0)]);
        assert_eq!((got, plain.clone()), (plain, vec![p, ip, o, o]));
    }

    #[test]
    fn a_name_never_ends_with_a_bracket_open() {
        let (b, i) = (Tag::B(Org), Tag::I(Org));
        let words = ["Harbour", "Board", "(", "Ostrava"];
        let (got, plain) = decode(
            &words,
            &[(0, b, 3.0), (1, i, 3.0), (2, i, 3.0), (3, i, 3.0)],
        );
        assert_eq!(plain, [b, i, i, i]);
        let spans = super::super::spans(&got);
        for (_, a, e) in spans {
            let inside = &words[a..e];
            assert_eq!(
                inside.iter().filter(|w| **w == "(").count(),
                inside.iter().filter(|w| **w == ")").count(),
            );
        }
    }
}
