//! The near-duplicate index: which sentences and quotes of a briefing say the same thing in
//! (nearly) the same words, without comparing every sentence with every other. Identical
//! wording (once case, punctuation and quote marks are set aside) falls into one class by a
//! hash; classes meet as candidates only when their MinHash signatures share an LSH band, and a
//! candidate pair joins when the exact Jaccard similarity of its word pairs is high enough.
//! Buckets are capped, so a sentence repeated thousands of times costs no more than its class.

use std::collections::HashMap;

use super::fingerprint::{BANDS, band_keys, exact_key, jaccard, shingles, words};

/// Fewest words a unit needs to count as a statement: shorter lines ("Read more", "3 min
/// read") say nothing another outlet could corroborate.
pub const MIN_WORDS: usize = 6;
/// How alike two classes' word pairs must be to be one statement.
pub const MIN_JACCARD: f64 = 0.5;
/// How many classes of one LSH bucket are compared with each other.
const BUCKET_CAP: usize = 12;

/// Where a unit (a sentence or a quote in it) sits: article and sentence number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Unit {
    pub article: u32,
    pub sentence: u32,
    /// 0 for the sentence itself, k for its k-th quote.
    pub part: u32,
}

/// Collects units, then groups them into statements.
#[derive(Default)]
pub struct Index {
    by_key: HashMap<u64, u32>,
    /// Per class, its shingles (a slice of `shingles`) and band keys.
    starts: Vec<u32>,
    shingles: Vec<u32>,
    bands: Vec<[u32; BANDS]>,
    /// Per class, how many words it has.
    lengths: Vec<u16>,
    units: Vec<(Unit, u32)>,
}

/// Statements carried by at least two articles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Statements {
    /// Every unit of every statement, one statement after the other (see [`Self::units`]).
    units: Vec<(Unit, u32)>,
    /// Where each statement's units start in `units`.
    starts: Vec<u32>,
    /// Per statement, the distinct articles carrying it, in order.
    pub articles: Vec<Vec<u32>>,
    /// Per statement, the words of its longest wording.
    pub words: Vec<u16>,
}

impl Statements {
    /// Statement `id`'s units sorted by article then sentence, each with its class (units of
    /// one class have the very same words).
    pub fn units(&self, id: usize) -> &[(Unit, u32)] {
        let from = self.starts[id] as usize;
        let to = self
            .starts
            .get(id + 1)
            .map_or(self.units.len(), |&s| s as usize);
        &self.units[from..to]
    }

    /// Each statement's units, in the order of the statements.
    pub fn each(&self) -> impl Iterator<Item = &[(Unit, u32)]> {
        (0..self.starts.len()).map(|id| self.units(id))
    }

    /// Every unit that belongs to a statement, with the statement: the sentences (part 0) in
    /// the order of the statements, then the quotes sorted by unit. A sentence makes one
    /// statement at most, so only the quotes need an order; a list of every unit would hold
    /// them all twice while the stories are built.
    pub fn of_unit(&self) -> impl Iterator<Item = (Unit, u32)> + '_ {
        let with_id = |part_0: bool| {
            self.each().enumerate().flat_map(move |(id, units)| {
                units
                    .iter()
                    .filter(move |(u, _)| (u.part == 0) == part_0)
                    .map(move |&(u, _)| (u, id as u32))
            })
        };
        let mut quotes: Vec<(Unit, u32)> = with_id(false).collect();
        quotes.sort_unstable();
        with_id(true).chain(quotes)
    }
}

impl Index {
    /// Adds a unit; a text under `MIN_WORDS` words is left out. Returns whether it was added.
    pub fn add(&mut self, unit: Unit, text: &str) -> bool {
        self.add_words(unit, &words(text))
    }

    /// [`Self::add`] of a text whose [`words`] are `w`.
    pub fn add_words(&mut self, unit: Unit, w: &[u64]) -> bool {
        if w.len() < MIN_WORDS {
            return false;
        }
        let key = exact_key(w);
        let next = self.bands.len() as u32;
        let class = *self.by_key.entry(key).or_insert(next);
        if class == next {
            let s = shingles(w);
            self.bands.push(band_keys(&s));
            self.lengths.push(w.len().min(u16::MAX as usize) as u16);
            self.starts.push(self.shingles.len() as u32);
            self.shingles.extend_from_slice(&s);
        }
        self.units.push((unit, class));
        true
    }

    fn shingles_of(&self, class: u32) -> &[u32] {
        let c = class as usize;
        let from = self.starts[c] as usize;
        let to = self
            .starts
            .get(c + 1)
            .map_or(self.shingles.len(), |&s| s as usize);
        &self.shingles[from..to]
    }

    /// Joins near-identical classes and keeps the statements carried by two articles or more.
    pub fn finish(self) -> Statements {
        let n = self.bands.len();
        let mut parent: Vec<u32> = (0..n as u32).collect();
        let mut candidates: Vec<(u32, u32)> = Vec::new();
        let mut band: Vec<(u32, u32)> = Vec::with_capacity(n);
        for b in 0..BANDS {
            band.clear();
            band.extend(self.bands.iter().enumerate().map(|(c, k)| (k[b], c as u32)));
            band.sort_unstable();
            for run in band.chunk_by(|x, y| x.0 == y.0) {
                let run = &run[..run.len().min(BUCKET_CAP)];
                for (i, &(_, a)) in run.iter().enumerate() {
                    for &(_, c) in &run[i + 1..] {
                        candidates.push((a, c));
                    }
                }
            }
            // Keep the list short as it grows: the same pair meets in many bands.
            if candidates.len() > 4 * n + 1024 {
                candidates.sort_unstable();
                candidates.dedup();
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        for (a, b) in candidates {
            if find(&mut parent, a) != find(&mut parent, b)
                && jaccard(self.shingles_of(a), self.shingles_of(b)) >= MIN_JACCARD
            {
                union(&mut parent, a, b);
            }
        }
        drop(self.bands);
        // Each class's root, then the units sorted by (root, unit) in place: each root's
        // units and articles are a run. Runs of one article are dropped as the statements'
        // units are moved to the front, so the units are held once.
        for c in 0..n as u32 {
            let root = find(&mut parent, c);
            parent[c as usize] = root;
        }
        let mut units = self.units;
        units.sort_unstable_by_key(|&(u, c)| (parent[c as usize], u, c));
        let mut out = Statements::default();
        let (mut from, mut kept) = (0, 0);
        while from < units.len() {
            let root = parent[units[from].1 as usize];
            let to = from
                + units[from..]
                    .iter()
                    .take_while(|&&(_, c)| parent[c as usize] == root)
                    .count();
            let mut articles: Vec<u32> = units[from..to].iter().map(|(u, _)| u.article).collect();
            articles.dedup();
            if articles.len() >= 2 {
                let longest = units[from..to]
                    .iter()
                    .map(|&(_, c)| self.lengths[c as usize])
                    .max();
                out.starts.push(kept as u32);
                let start = kept;
                for k in from..to {
                    // A unit added twice counts once.
                    if kept > start && units[kept - 1].0 == units[k].0 {
                        continue;
                    }
                    units[kept] = units[k];
                    kept += 1;
                }
                out.articles.push(articles);
                out.words.push(longest.unwrap_or(0));
            }
            from = to;
        }
        units.truncate(kept);
        units.shrink_to_fit();
        out.units = units;
        out
    }
}

/// The root of `x` in a union-find forest (path halving).
pub(super) fn find(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        let up = parent[parent[x as usize] as usize];
        parent[x as usize] = up;
        x = up;
    }
    x
}

/// Joins the sets of `a` and `b`; the smaller root stays the root.
pub(super) fn union(parent: &mut [u32], a: u32, b: u32) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb) as usize] = ra.min(rb);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(article: u32, sentence: u32) -> Unit {
        Unit {
            article,
            sentence,
            part: 0,
        }
    }

    #[test]
    fn reworded_and_repunctuated_sentences_are_one_statement_and_others_are_not() {
        let mut index = Index::default();
        index.add(
            unit(0, 0),
            "Delegates from nine provinces agreed on Monday to share the cost of the new dam.",
        );
        index.add(
            unit(1, 3),
            "\u{201c}Delegates from nine provinces agreed, on Monday, to share the cost of the new dam\u{201d}",
        );
        index.add(
            unit(2, 1),
            "Delegates from nine provinces agreed on Monday to split the cost of the new dam, officials said.",
        );
        index.add(
            unit(2, 2),
            "The river has flooded the lower town twice since the spring thaw began.",
        );
        assert!(!index.add(unit(3, 0), "Read more"));
        let s = index.finish();
        assert_eq!(s.articles, vec![vec![0, 1, 2]]);
        let units: Vec<Unit> = s.units(0).iter().map(|x| x.0).collect();
        assert_eq!(units, vec![unit(0, 0), unit(1, 3), unit(2, 1)]);
        assert_ne!(s.units(0)[0].1, s.units(0)[2].1, "reworded: another class");
    }

    #[test]
    fn one_sentence_repeated_in_many_articles_is_one_statement_and_stays_cheap() {
        let mut index = Index::default();
        for a in 0..5000 {
            index.add(
                unit(a, 0),
                "The same wire sentence runs in every single one of these articles.",
            );
            index.add(
                unit(a, 1),
                &format!("alpha{a} beta{a} gamma{a} delta{a} epsilon{a} zeta{a} eta{a}"),
            );
        }
        let s = index.finish();
        assert_eq!(
            s.articles.len(),
            1,
            "{:?}",
            &s.articles[..s.articles.len().min(3)]
        );
        assert_eq!(s.articles[0].len(), 5000);
    }
}
