//! Which articles tell the same story. Two articles join when they carry the same statements
//! (sentences or quotes, even reworded), or when they name mostly the same people, places and
//! organisations, with titles or dates that agree. One shared name (a country) is not enough.
//! Candidates come from the statements and from an inverted index of names whose long lists
//! are left out, so nothing compares every article with every other.

use std::collections::HashMap;

use super::near::{Statements, find, union};

/// What one article brings to the grouping.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Its named entities (briefing-wide ids) with their weight in the article, by id.
    pub names: Vec<(u32, f32)>,
    /// The longer words of its title, hashed, sorted and distinct.
    pub title: Vec<u64>,
    /// The day it was published (days from 1970-01-01), when known.
    pub day: Option<i64>,
    /// How many sentences it has.
    pub sentences: u32,
}

/// The evidence that two articles tell one story.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Evidence {
    /// Statements both carry.
    pub statements: u32,
    /// The shorter article's number of sentences.
    pub sentences: u32,
    /// Names both carry.
    pub names: u32,
    /// The weight of the shared names over the smaller article's weight of names (0 to 1).
    pub overlap: f32,
    /// Jaccard similarity of the titles' longer words.
    pub title: f32,
    /// Days between their publications, when both dates are known.
    pub days: Option<i64>,
}

impl Evidence {
    /// Whether the evidence makes one story. The figures were chosen on the shared briefing
    /// against unrelated pages, and are loose on statements (the strongest sign) and strict
    /// on names alone.
    pub fn joins(&self) -> bool {
        // Shared statements that are a fair part of the shorter article are wire copy or
        // the same report; a few shared lines in a long article may be a site's furniture
        // (a newsletter offer, opening hours), which needs the names to agree as well.
        let share = self.statements as f32 / self.sentences.max(1) as f32;
        if self.statements >= 2 && (share >= 0.2 || self.statements >= 6) {
            return true;
        }
        if self.days.is_some_and(|d| d > 7) {
            return false;
        }
        if self.statements >= 1
            && (self.overlap >= 0.35 || (self.overlap >= 0.2 && self.title >= 0.15))
        {
            return true;
        }
        (self.names >= 3 && self.overlap >= 0.45)
            || (self.names >= 2 && self.overlap >= 0.3 && self.title >= 0.15)
    }
}

/// A statement carried by more articles than this does not count pairs: with at least
/// `LONG_STATEMENT` words it joins its articles outright (wire copy), else it is ignored.
const PAIR_CAP: usize = 32;
const LONG_STATEMENT: u16 = 10;
/// A name in more articles than this gives no candidates (it still counts in the evidence).
const NAME_CAP: usize = 48;
/// How many of an article's names (the most mentioned) give it candidates.
const POSTED_NAMES: usize = 16;

/// The story of each article: stories are numbered in the order of their first article.
pub fn group(features: &[Features], statements: &Statements) -> Vec<u32> {
    let n = features.len();
    let mut parent: Vec<u32> = (0..n as u32).collect();
    for (articles, &words) in statements.articles.iter().zip(&statements.words) {
        if articles.len() > PAIR_CAP && words >= LONG_STATEMENT {
            for w in articles.windows(2) {
                union(&mut parent, w[0], w[1]);
            }
        }
    }
    let shared = shared_pairs(n, &statements.articles);
    candidates(features, shared, |(a, b), evidence| {
        if evidence.joins() {
            union(&mut parent, a, b);
        }
    });
    let mut number: HashMap<u32, u32> = HashMap::new();
    (0..n as u32)
        .map(|a| {
            let root = find(&mut parent, a);
            let next = number.len() as u32;
            *number.entry(root).or_insert(next)
        })
        .collect()
}

/// Every pair worth weighing, with its evidence: pairs that share a statement, and pairs
/// that share two names of modest spread.
pub fn candidates(
    features: &[Features],
    shared: Vec<((u32, u32), u32)>,
    mut weigh: impl FnMut((u32, u32), Evidence),
) {
    // Each article posts its strongest names only: enough to meet its story, and the lists
    // stay short however many names the briefing has.
    let mut postings: HashMap<u32, Vec<u32>> = HashMap::new();
    for (a, f) in features.iter().enumerate() {
        let mut strongest: Vec<&(u32, f32)> = f.names.iter().collect();
        strongest.sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        for &&(e, _) in strongest.iter().take(POSTED_NAMES) {
            postings.entry(e).or_default().push(a as u32);
        }
    }
    postings.retain(|_, list| list.len() <= NAME_CAP);
    // Per article, the later articles it meets on two names or more.
    let mut meetings: Vec<(u32, u32)> = Vec::new();
    let mut met: HashMap<u32, u32> = HashMap::new();
    for (a, f) in features.iter().enumerate() {
        met.clear();
        for (e, _) in &f.names {
            let Some(list) = postings.get(e) else {
                continue;
            };
            if list.binary_search(&(a as u32)).is_err() {
                continue;
            }
            for &b in list.iter().filter(|&&b| b > a as u32) {
                *met.entry(b).or_default() += 1;
            }
        }
        meetings.extend(
            met.iter()
                .filter(|&(_, &k)| k >= 2)
                .map(|(&b, _)| (a as u32, b)),
        );
    }
    meetings.sort_unstable();
    // Both lists are sorted: walk them together, each pair once, without gathering them.
    let mut shared = shared.into_iter().peekable();
    let mut meetings = meetings.into_iter().peekable();
    loop {
        let next = match (shared.peek(), meetings.peek()) {
            (None, None) => break,
            (Some(&(p, k)), Some(&m)) if p <= m => {
                shared.next();
                if p == m {
                    meetings.next();
                }
                (p, k)
            }
            (Some(&(p, k)), None) => {
                shared.next();
                (p, k)
            }
            (_, Some(&m)) => {
                meetings.next();
                (m, 0)
            }
        };
        let ((a, b), statements) = next;
        let mut e = evidence(&features[a as usize], &features[b as usize]);
        e.statements = statements;
        weigh((a, b), e);
    }
}

/// Each pair of articles (a < b) that share statements of at most `PAIR_CAP` articles, with
/// how many they share, sorted. Counted article by article: memory holds the distinct pairs,
/// never an entry per statement and pair (on a briefing full of repeats, many times more).
fn shared_pairs(n: usize, statements: &[Vec<u32>]) -> Vec<((u32, u32), u32)> {
    let small = |articles: &&Vec<u32>| articles.len() <= PAIR_CAP;
    // Per article, its statements: offsets into one list.
    let mut starts = vec![0u32; n + 1];
    for &a in statements.iter().filter(small).flatten() {
        starts[a as usize + 1] += 1;
    }
    for i in 0..n {
        starts[i + 1] += starts[i];
    }
    let mut fill = starts.clone();
    let mut of = vec![0u32; starts[n] as usize];
    for (s, articles) in statements.iter().enumerate().filter(|(_, a)| small(a)) {
        for &a in articles {
            of[fill[a as usize] as usize] = s as u32;
            fill[a as usize] += 1;
        }
    }
    drop(fill);
    let mut out = Vec::new();
    let mut tally = vec![0u32; n];
    let mut met: Vec<u32> = Vec::new();
    for a in 0..n {
        for &s in &of[starts[a] as usize..starts[a + 1] as usize] {
            // A statement's articles are in order: the later ones follow `a`.
            let articles = &statements[s as usize];
            let after = articles.partition_point(|&b| b <= a as u32);
            for &b in &articles[after..] {
                if tally[b as usize] == 0 {
                    met.push(b);
                }
                tally[b as usize] += 1;
            }
        }
        met.sort_unstable();
        for &b in &met {
            out.push(((a as u32, b), tally[b as usize]));
            tally[b as usize] = 0;
        }
        met.clear();
    }
    out
}

/// The evidence of the names, titles and dates of two articles.
pub fn evidence(a: &Features, b: &Features) -> Evidence {
    let (mut i, mut j, mut both, mut names) = (0, 0, 0.0f32, 0u32);
    while i < a.names.len() && j < b.names.len() {
        let (x, y) = (a.names[i], b.names[j]);
        match x.0.cmp(&y.0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += x.1.min(y.1);
                names += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let total = |f: &Features| f.names.iter().map(|x| x.1).sum::<f32>();
    let smaller = total(a).min(total(b));
    let overlap = if smaller > 0.0 { both / smaller } else { 0.0 };
    let title_both = a
        .title
        .iter()
        .filter(|w| b.title.binary_search(w).is_ok())
        .count();
    let union_len = a.title.len() + b.title.len() - title_both;
    Evidence {
        statements: 0,
        names,
        overlap,
        title: if union_len == 0 {
            0.0
        } else {
            title_both as f32 / union_len as f32
        },
        days: a.day.zip(b.day).map(|(x, y)| (x - y).abs()),
        sentences: a.sentences.min(b.sentences),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_pairs_counts_each_pair_once_per_statement_and_skips_crowded_statements() {
        let crowded: Vec<u32> = (0..PAIR_CAP as u32 + 1).collect();
        let statements = vec![
            vec![0, 2, 5],
            vec![2, 5],
            vec![1, 5],
            crowded,
            vec![0, 5],
            vec![4],
        ];
        // What counting every pair of every statement gives, the crowded one left out.
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for articles in statements.iter().filter(|a| a.len() <= PAIR_CAP) {
            for (i, &a) in articles.iter().enumerate() {
                pairs.extend(articles[i + 1..].iter().map(|&b| (a, b)));
            }
        }
        pairs.sort_unstable();
        let naive: Vec<((u32, u32), u32)> = pairs
            .chunk_by(|x, y| x == y)
            .map(|run| (run[0], run.len() as u32))
            .collect();
        let got = shared_pairs(PAIR_CAP + 1, &statements);
        assert_eq!(got, naive);
        assert_eq!(&got[..3], &[((0, 2), 1), ((0, 5), 2), ((1, 5), 1)]);
    }

    fn e(statements: u32, sentences: u32, names: u32, overlap: f32) -> Evidence {
        Evidence {
            statements,
            sentences,
            names,
            overlap,
            ..Evidence::default()
        }
    }

    #[test]
    fn a_few_shared_lines_in_long_articles_need_agreeing_names_and_wire_copy_does_not() {
        // A newsletter offer and opening hours at the foot of two long posts.
        assert!(!e(3, 40, 2, 0.25).joins());
        assert!(e(3, 40, 5, 0.4).joins());
        // Wire copy: most of the shorter article.
        assert!(e(9, 16, 0, 0.0).joins());
        // One shared country is not a story; most names shared is.
        assert!(!e(0, 20, 1, 0.9).joins());
        assert!(e(0, 20, 6, 0.6).joins());
        let far = Evidence {
            days: Some(30),
            ..e(0, 20, 6, 0.6)
        };
        assert!(!far.joins(), "a month apart needs shared statements");
    }
}
