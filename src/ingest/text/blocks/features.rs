//! The features of each block of a text, the same at training and at run time: its shape
//! (length, sentence punctuation, function words of many languages, capitals, digits, menu
//! separators), where it stands (position in the file, distance from the densest run of long
//! blocks), whether the file says it more than once, and the same for its neighbours.
//! Every feature is a number: a template id and a bin, hashed; no strings are built.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::super::Item;
use super::super::signals::key_hash;
use super::glyphs::{ALNUM, DIGIT, ENDS, LOW, STOP, Tally, UP, class, looks};
use super::words::{Fnv, edge_keys, is_function_word};
use super::{context, rhythm};

/// The features of all blocks of one file, block after block.
#[derive(Debug, Default, Clone)]
pub struct Features {
    pub hashes: Vec<u32>,
    /// Where each block's features end in `hashes`.
    pub ends: Vec<u32>,
    /// Each block's words.
    pub words: Vec<u32>,
}

impl Features {
    pub fn len(&self) -> usize {
        self.ends.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
    pub fn block(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.hashes[start..self.ends[i] as usize]
    }
}

/// How many measures `atoms` gives each block (the first `NEAR` are also given for the
/// blocks two away).
const ATOMS: usize = 19;
const NEAR: usize = 8;

/// One block measured once: its binned measures, and what the file-level passes need.
struct Shape {
    atoms: [u16; ATOMS],
    /// How the line starts and ends as classes of characters (see `looks`).
    looks: [u32; 2],
    words: u32,
    long: bool,
}

fn mix(template: u32, value: u32) -> u32 {
    let x = (u64::from(template) << 32 | u64::from(value)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (x >> 32) as u32 ^ x as u32
}

/// A bin for `n` among ascending upper bounds: 0 when `n <= bounds[0]`, and so on.
pub(super) fn bin(n: usize, bounds: &[usize]) -> u16 {
    bounds.iter().position(|&b| n <= b).unwrap_or(bounds.len()) as u16
}

/// A share in tenths-ish bins.
fn share(part: usize, all: usize) -> u16 {
    if all == 0 {
        return 15;
    }
    bin(part * 100 / all, &[0, 4, 9, 14, 19, 29, 39, 54, 74, 99])
}

fn measure(item: &Item) -> Shape {
    let t = item.text.trim();
    let (mut tokens, mut function, mut cased, mut capital, mut digits) = (0, 0, 0, 0, 0);
    // Words with a capital right after a small letter: a headline glued to its teaser.
    let mut glued = 0;
    let (mut chars, mut stops) = (0, 0);
    let mut tally = Tally::default();
    // One pass over the characters, each classed once (ASCII without the Unicode tables).
    // Words are the runs of alphanumeric characters; `prev_stop` is whether the character
    // before may end a sentence with the next one.
    let (mut word_at, mut small, mut glued_here, mut prev_stop) = (None, false, false, false);
    for (at, c) in t.char_indices() {
        let k = class(c);
        let (alnum, up, low) = (k & ALNUM != 0, k & UP != 0, k & LOW != 0);
        if alnum {
            if word_at.is_none() {
                word_at = Some(at);
                tokens += 1;
                (small, glued_here) = (false, false);
                if k & DIGIT != 0 {
                    digits += 1;
                } else if up || low {
                    cased += 1;
                    capital += usize::from(up);
                }
            }
            if !glued_here {
                if small && up {
                    glued += 1;
                    glued_here = true;
                }
                small = low;
            }
        } else if let Some(from) = word_at.take() {
            function += usize::from(is_function_word(&t[from..at]));
        }
        chars += 1;
        tally.add(k);
        if prev_stop {
            stops += usize::from(k & STOP != 0);
        }
        prev_stop = k & ENDS != 0;
    }
    tally.flush();
    let [upper, lower, commas, seps, wide] = tally.counts;
    if let Some(from) = word_at {
        function += usize::from(is_function_word(&t[from..]));
    }
    let end = t.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', ' ']);
    let last = end.chars().last().unwrap_or(' ');
    let end_class = match last {
        '.' if end.ends_with("...") => 1,
        '…' => 1,
        '.' | '。' => 2,
        '!' | '?' => 3,
        ':' => 4,
        ',' | ';' => 5,
        c if c.is_numeric() => 6,
        c if c.is_alphabetic() => 7,
        _ => 8,
    };
    let first = t.chars().next().unwrap_or(' ');
    let start_class = match first {
        c if c.is_uppercase() => 1,
        c if c.is_lowercase() => 2,
        c if c.is_numeric() => 3,
        '"' | '“' | '\'' | '‘' | '«' | '„' => 4,
        '-' | '–' | '—' | '•' | '*' | '·' | '▪' | '◦' => 5,
        '(' | '[' => 6,
        '©' => 7,
        _ => 8,
    };
    // Scripts written without spaces count a word for every two characters.
    let words = item.words as usize + wide / 2;
    let marks = u16::from(t.contains('©'))
        | u16::from(t.contains('@')) << 1
        | u16::from(t.contains("http") || t.contains("www.")) << 2
        | u16::from(upper > 1 && lower == 0) << 3
        | u16::from(t.contains(" | ")) << 4;
    let long = words >= 12 && stops >= 1;
    let atoms = [
        bin(words, &[0, 1, 2, 3, 5, 8, 12, 18, 25, 40, 60, 100, 200]),
        share(function, tokens),
        end_class,
        bin(stops, &[0, 1, 2, 4, 8]),
        share(capital, cased),
        start_class,
        bin(seps, &[0, 1, 2, 4]),
        marks,
        bin(chars, &[3, 10, 20, 40, 80, 160, 320, 640, 1280]),
        share(digits, tokens),
        bin(commas * 100 / words.max(1), &[0, 3, 6, 10, 20]),
        u16::from(item.heading),
        u16::from(item.verbatim),
        0,
        0,
        0,
        bin(glued, &[0, 1, 2]),
        0,
        0,
    ];
    Shape {
        atoms,
        looks: looks(t),
        words: u32::try_from(words).unwrap_or(u32::MAX),
        long,
    }
}

/// The densest run of long blocks: the stretch of the file where long blocks outweigh the
/// short ones between them most (a maximum-sum segment). Its first and last block.
fn densest_run(shapes: &[Shape]) -> Option<(usize, usize)> {
    let (mut best, mut best_at) = (0i64, None);
    let (mut sum, mut start) = (0i64, 0usize);
    for (i, s) in shapes.iter().enumerate() {
        let score = if s.long {
            i64::from(s.words)
        } else {
            -6 - i64::from(s.words.min(12))
        };
        if sum <= 0 {
            sum = 0;
            start = i;
        }
        sum += score;
        if sum > best {
            best = sum;
            best_at = Some((start, i));
        }
    }
    best_at
}

/// The features of every block of a file.
pub(in crate::ingest::text) fn extract(items: &[&Item]) -> Features {
    let n = items.len();
    let mut shapes: Vec<Shape> = items.iter().map(|i| measure(i)).collect();
    // How often each block's words occur in the file.
    // A fixed, fast hash: a collision only blurs one feature of one file.
    let state = BuildHasherDefault::<Fnv>::default();
    let keys: Vec<u64> = items.iter().map(|i| key_hash(&i.text, &state)).collect();
    let mut counts: HashMap<u64, u32, BuildHasherDefault<Fnv>> = HashMap::default();
    for &k in &keys {
        *counts.entry(k).or_default() += 1;
    }
    // How many blocks start with the same two words, and end with the same word.
    let edges: Vec<(u64, u64)> = items.iter().map(|i| edge_keys(&i.text)).collect();
    let mut edge_counts: [HashMap<u64, u32, BuildHasherDefault<Fnv>>; 2] = Default::default();
    for &(a, b) in &edges {
        *edge_counts[0].entry(a).or_default() += 1;
        *edge_counts[1].entry(b).or_default() += 1;
    }
    let run = densest_run(&shapes);
    let run_words: u64 = run.map_or(0, |(a, b)| {
        shapes[a..=b].iter().map(|s| u64::from(s.words)).sum()
    });
    let all_words: u64 = shapes.iter().map(|s| u64::from(s.words)).sum();
    let longs = shapes.iter().filter(|s| s.long).count();
    let doc = [
        share(run_words as usize, all_words as usize),
        share(longs, n),
    ];
    for (i, s) in shapes.iter_mut().enumerate() {
        let dist = |d: usize| bin(d, &[1, 2, 3, 5, 8, 12, 20, 40]);
        s.atoms[13] = match run {
            Some((a, _)) if i < a => 1 + dist(a - i),
            Some((_, b)) if i > b => 20 + dist(i - b),
            Some(_) => 0,
            None => 40,
        };
        s.atoms[14] = bin(counts[&keys[i]] as usize, &[1, 2, 3, 5]);
        s.atoms[15] =
            bin(i, &[0, 1, 2, 4, 8, 16, 32]) * 16 + bin(n - 1 - i, &[0, 1, 2, 4, 8, 16, 32]);
        for (k, key) in [edges[i].0, edges[i].1].into_iter().enumerate() {
            s.atoms[17 + k] = if key == 0 {
                15
            } else {
                bin(edge_counts[k][&key] as usize, &[1, 2, 3, 5, 10])
            };
        }
    }
    // Long blocks and their words before each block, for the windows around it.
    let mut long_before = vec![0u32; n + 1];
    let mut mass_before = vec![0u64; n + 1];
    for (i, s) in shapes.iter().enumerate() {
        long_before[i + 1] = long_before[i] + u32::from(s.long);
        mass_before[i + 1] = mass_before[i] + if s.long { u64::from(s.words) } else { 0 };
    }
    let mass = mass_before[n].max(1);
    let longs_in = |a: usize, b: usize| (long_before[b.min(n)] - long_before[a.min(n)]) as usize;
    let ctx = context::measure(
        &shapes
            .iter()
            .map(|s| context::Block {
                long: s.long,
                like: u32::from(s.atoms[0].min(6)) << 16
                    | u32::from(s.atoms[5]) << 8
                    | u32::from(s.atoms[2]),
            })
            .collect::<Vec<_>>(),
    );
    // What the rhythm of the page reads: prose alike, a short line by how it starts and ends.
    let rhythm = rhythm::measure(
        &shapes
            .iter()
            .map(|s| {
                if s.atoms[0] > 5 {
                    1
                } else {
                    (s.looks[0] ^ s.looks[1].rotate_left(7)) | 2
                }
            })
            .collect::<Vec<_>>(),
    );
    let mut f = Features {
        words: shapes.iter().map(|s| s.words).collect(),
        ..Features::default()
    };
    for i in 0..n {
        let own = &shapes[i].atoms;
        let h = &mut f.hashes;
        h.push(mix(0, 0));
        // The nearest long block above and below, alone and with this block's length; the
        // run of short blocks and of like blocks it is in, and where in that run.
        let c = ctx[i].map(u32::from);
        h.push(mix(33, c[0] << 8 | c[1]));
        h.push(mix(34, c[0] << 16 | c[1] << 8 | u32::from(own[0])));
        h.push(mix(35, c[2]));
        h.push(mix(36, c[3] << 8 | c[4]));
        h.push(mix(37, c[3] << 16 | c[4] << 8 | u32::from(own[0])));
        // How it starts and ends.
        let looks = shapes[i].looks;
        h.push(mix(43, looks[0]));
        h.push(mix(44, looks[1]));
        // The period of the lines around it, and with this block's length.
        let (period, part) = rhythm[i];
        h.push(mix(38, u32::from(period) << 8 | u32::from(part)));
        h.push(mix(
            39,
            u32::from(period) << 16 | u32::from(part) << 8 | u32::from(own[0]),
        ));
        for (a, &v) in own.iter().enumerate() {
            h.push(mix(100 + a as u32, u32::from(v)));
        }
        // Long blocks just above and below, near and further.
        for (t, w) in [(12u32, 3usize), (13, 8)] {
            let above = bin(longs_in(i.saturating_sub(w), i), &[0, 1, 2, 4]);
            let below = bin(longs_in(i + 1, i + 1 + w), &[0, 1, 2, 4]);
            h.push(mix(t, u32::from(above) << 8 | u32::from(below)));
            h.push(mix(
                t + 10,
                u32::from(above) << 16 | u32::from(below) << 8 | u32::from(own[0]),
            ));
        }
        // How much of the file's running text lies before this block, in tenths.
        let before = (mass_before[i] * 10 / mass) as u32;
        h.push(mix(14, before));
        h.push(mix(15, before << 16 | u32::from(own[0])));
        // Relative position in the file, in tenths.
        h.push(mix(1, (i * 10 / n) as u32));
        // Pairs of the block's own measures.
        let pair = |x: usize, y: usize| u32::from(own[x]) << 16 | u32::from(own[y]);
        h.push(mix(2, pair(0, 1)));
        h.push(mix(3, pair(0, 2)));
        h.push(mix(4, pair(0, 13)));
        h.push(mix(5, pair(0, 4)));
        h.push(mix(6, pair(0, 14)));
        h.push(mix(7, pair(1, 2)));
        h.push(mix(8, u32::from(doc[0]) << 16 | u32::from(own[0])));
        h.push(mix(9, u32::from(doc[1]) << 16 | u32::from(own[0])));
        // Same blank-line block as the neighbours (hard-wrapped and Markdown files).
        let same = |j: Option<usize>| j.is_some_and(|j| j < n && items[j].block == items[i].block);
        h.push(mix(
            10,
            u32::from(same(i.checked_sub(1))) << 1 | u32::from(same(Some(i + 1))),
        ));
        for (off, t) in [(-2i64, 300u32), (-1, 200), (1, 400), (2, 500)] {
            let j = i as i64 + off;
            let Some(other) = usize::try_from(j).ok().and_then(|j| shapes.get(j)) else {
                h.push(mix(t + 99, 0));
                continue;
            };
            let take = if off.abs() == 1 { ATOMS } else { NEAR };
            for (a, &v) in other.atoms[..take].iter().enumerate() {
                h.push(mix(t + a as u32, u32::from(v)));
            }
            if off.abs() == 1 {
                // The neighbour's length beside this block's own.
                h.push(mix(
                    t + 50,
                    u32::from(other.atoms[0]) << 16 | u32::from(own[0]),
                ));
                h.push(mix(
                    t + 51,
                    u32::from(other.atoms[1]) << 16 | u32::from(own[1]),
                ));
            }
        }
        f.ends.push(f.hashes.len() as u32);
    }
    f
}
