//! The distinct names of a briefing as the nodes of a union-find, and the joins between them
//! that look at the names alone (rules 3 to 5 of [`super::aliases`]).
//!
//! A briefing can name a million distinct people, so nothing here compares every name with
//! every other or keeps a string per name beyond the name itself: names are found by hashes
//! of their keys, and names that may join are brought together by sorting.

use std::collections::HashMap;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, BuildHasherDefault};

use super::entities::{Kind, initials};
use super::tagger::KeyHasher;

/// A distinct name (by matching form) and how the briefing's mentions of it are typed.
pub struct Node {
    pub key: Box<str>,
    /// Mentions of it per name kind (Person, Org, Place, Misc).
    pub votes: [u32; 4],
}

impl Node {
    pub fn majority(&self) -> Option<Kind> {
        let (i, &n) = self
            .votes
            .iter()
            .enumerate()
            .max_by_key(|&(i, &n)| (n, std::cmp::Reverse(i)))?;
        (n > 0).then(|| Kind::ALL[i])
    }

    pub fn is_acronym(&self) -> bool {
        !self.key.chars().any(char::is_lowercase) && !self.key.contains(' ')
    }

    fn is_phrase(&self) -> bool {
        self.key.contains(' ')
    }

    fn last_word(&self) -> &str {
        self.key.rsplit(' ').next().unwrap_or("")
    }
}

/// The names, which of them are one entity (a union-find), and how the text wrote the names
/// it declared in brackets.
pub struct Nodes {
    pub nodes: Vec<Node>,
    /// The node of each key, under a hash of the key; a key whose hash is taken by another
    /// key goes under the next free hash.
    ids: HashMap<u64, usize, BuildHasherDefault<KeyHasher>>,
    state: RandomState,
    parent: Vec<usize>,
    pub declared: HashMap<usize, Vec<String>>,
}

impl Nodes {
    pub fn new() -> Nodes {
        Nodes {
            nodes: Vec::new(),
            ids: HashMap::default(),
            state: RandomState::new(),
            parent: Vec::new(),
            declared: HashMap::new(),
        }
    }

    /// The node of `key`, or the free hash it would go under.
    fn find(&self, key: &str) -> Result<usize, u64> {
        let mut h = self.state.hash_one(key);
        loop {
            match self.ids.get(&h) {
                Some(&i) if &*self.nodes[i].key == key => return Ok(i),
                Some(_) => h = h.wrapping_add(1),
                None => return Err(h),
            }
        }
    }

    pub fn get(&self, key: &str) -> Option<usize> {
        self.find(key).ok()
    }

    /// The node of `key`, made if new.
    pub fn id(&mut self, key: String) -> usize {
        match self.find(&key) {
            Ok(i) => i,
            Err(h) => {
                let i = self.nodes.len();
                self.ids.insert(h, i);
                self.nodes.push(Node {
                    key: key.into_boxed_str(),
                    votes: [0; 4],
                });
                self.parent.push(i);
                i
            }
        }
    }

    pub fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    pub fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            // The older node stays the root, so entity order follows first mention.
            self.parent[a.max(b)] = a.min(b);
        }
    }

    /// The distinct roots of some nodes, in order.
    fn roots(&mut self, nodes: impl IntoIterator<Item = usize>) -> Vec<usize> {
        let mut roots: Vec<usize> = nodes.into_iter().map(|j| self.root(j)).collect();
        roots.sort_unstable();
        roots.dedup();
        roots
    }
}

/// (hash of a word, node) pairs, sorted, to find the nodes filed under a word.
struct Filed {
    state: RandomState,
    pairs: Vec<(u64, usize)>,
}

impl Filed {
    fn new() -> Filed {
        Filed {
            state: RandomState::new(),
            pairs: Vec::new(),
        }
    }

    fn file(&mut self, word: &str, node: usize) {
        self.pairs.push((self.state.hash_one(word), node));
    }

    fn sort(mut self) -> Filed {
        self.pairs.sort_unstable();
        self
    }

    /// The nodes filed under `word`, and perhaps a few filed under another word with the
    /// same hash: callers check.
    fn under(&self, word: &str) -> impl Iterator<Item = usize> + '_ {
        let h = self.state.hash_one(word);
        let from = self.pairs.partition_point(|&(k, _)| k < h);
        self.pairs[from..]
            .iter()
            .take_while(move |&&(k, _)| k == h)
            .map(|&(_, n)| n)
    }
}

/// Rule 3: an acronym and the one longer name whose initials spell it.
pub fn join_acronyms(g: &mut Nodes, named: usize) {
    let mut by_initials = Filed::new();
    for (i, n) in g.nodes[..named].iter().enumerate() {
        if n.is_phrase() {
            by_initials.file(&initials(&n.key), i);
        }
    }
    let by_initials = by_initials.sort();
    for i in 0..named {
        if !g.nodes[i].is_acronym() {
            continue;
        }
        let key = &g.nodes[i].key;
        let longer: Vec<usize> = by_initials
            .under(key)
            .filter(|&j| initials(&g.nodes[j].key) == **key)
            .collect();
        if longer.is_empty() {
            continue;
        }
        if let [one] = g.roots(longer)[..] {
            g.union(i, one);
        }
    }
}

/// Rule 4: names of two or more words, equal but for one word a letter or two apart, and of
/// the same kind. Names that share their word count and their first word, or their last,
/// are compared, in groups of at most 200.
pub fn join_misspellings(g: &mut Nodes, named: usize) {
    let state = RandomState::new();
    // (word count, which end, hash of the word at that end, node), sorted into groups.
    let mut ends: Vec<(usize, bool, u64, usize)> = Vec::new();
    for (i, n) in g.nodes[..named].iter().enumerate() {
        let count = n.key.split(' ').count();
        if count >= 2 && n.majority().is_some() {
            let first = n.key.split(' ').next().unwrap_or("");
            ends.push((count, false, state.hash_one(first), i));
            ends.push((count, true, state.hash_one(n.last_word()), i));
        }
    }
    ends.sort_unstable();
    let mut joins = Vec::new();
    for group in ends.chunk_by(|a, b| (a.0, a.1, a.2) == (b.0, b.1, b.2)) {
        if group.len() > 200 {
            continue;
        }
        for (x, a) in group.iter().enumerate() {
            for b in &group[x + 1..] {
                let (na, nb) = (&g.nodes[a.3], &g.nodes[b.3]);
                if na.majority() == nb.majority() && misspelt(&na.key, &nb.key) {
                    joins.push((a.3, b.3));
                }
            }
        }
    }
    for (a, b) in joins {
        g.union(a, b);
    }
}

/// The same words but one, and that one a typo apart: one edit in a word of five letters or
/// more, two in a word of eight or more. ("Jon"/"Joan" and "Iran"/"Iraq" stay apart.)
fn misspelt(a: &str, b: &str) -> bool {
    let (mut x, mut y) = (a.split(' '), b.split(' '));
    let mut differ = None;
    loop {
        match (x.next(), y.next()) {
            (None, None) => break,
            (Some(p), Some(q)) if p == q => {}
            (Some(p), Some(q)) if differ.is_none() => differ = Some((p, q)),
            _ => return false,
        }
    }
    let Some((x, y)) = differ else {
        return false;
    };
    let (nx, ny) = (x.chars().count(), y.chars().count());
    let shorter = nx.min(ny);
    // At most two edits apart: lengths within two. Words are short; a long one is not
    // compared letter by letter with another (that takes the product of their lengths).
    if nx.abs_diff(ny) > 2 || shorter > 64 {
        return false;
    }
    let d = edit_distance(x, y);
    (d == 1 && shorter >= 5) || (d == 2 && shorter >= 8)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// Particles before a surname: "Haider al-Abadi" is "Abadi" too.
const PARTICLES: [&str; 7] = ["al-", "el-", "ad-", "ash-", "as-", "ar-", "bin-"];

/// Rule 5: a single word joins the one person whose full name ends with it. Returns the
/// surnames several people share, with the candidates, for the per-article choice.
pub fn join_surnames(g: &mut Nodes, named: usize) -> HashMap<usize, Vec<usize>> {
    let mut people = Filed::new();
    for (i, n) in g.nodes[..named].iter().enumerate() {
        if n.is_phrase() && n.majority() == Some(Kind::Person) {
            let last = n.last_word();
            people.file(last, i);
            for particle in PARTICLES {
                if let Some(rest) = last.strip_prefix(particle) {
                    people.file(rest, i);
                }
            }
        }
    }
    let people = people.sort();
    let surname_of = |full: &Node, key: &str| {
        let last = full.last_word();
        last == key
            || PARTICLES
                .iter()
                .any(|p| last.strip_prefix(p).is_some_and(|rest| rest == key))
    };
    let mut shared = HashMap::new();
    let mut misspelt = Vec::new();
    for i in 0..named {
        let n = &g.nodes[i];
        // "Washington" the place does not join "George Washington".
        if n.is_phrase() || n.is_acronym() || (n.votes[0] == 0 && n.majority() == Some(Kind::Place))
        {
            continue;
        }
        let full: Vec<usize> = people
            .under(&n.key)
            .filter(|&j| surname_of(&g.nodes[j], &n.key))
            .collect();
        if full.is_empty() {
            if n.majority() == Some(Kind::Person) && n.key.chars().count() >= MISSPELT_SURNAME {
                misspelt.push(i);
            }
            continue;
        }
        match g.roots(full)[..] {
            [one] => g.union(i, one),
            [] => {}
            ref several => {
                shared.insert(i, several.to_vec());
            }
        }
    }
    join_misspelt_surnames(g, &people, &misspelt);
    shared
}

/// The shortest surname that a word a letter apart joins: shorter ones differ by a letter
/// as often as not ("Hansen", "Jansen").
const MISSPELT_SURNAME: usize = 7;

/// A single word, tagged a person, that is no one's surname but a letter apart from the
/// surname of exactly one person ("Vasconcellos" for Helena Vasconcelos) joins that person.
/// Candidates are found by the words with a letter left out, on either side (an added, a
/// missing or a changed letter), never by comparing every pair.
fn join_misspelt_surnames(g: &mut Nodes, people: &Filed, words: &[usize]) {
    if words.is_empty() {
        return;
    }
    let mut shortened = Filed::new();
    for &(_, j) in &people.pairs {
        for d in letter_out(g.nodes[j].last_word()) {
            shortened.file(&d, j);
        }
    }
    let shortened = shortened.sort();
    for &i in words {
        let key = g.nodes[i].key.clone();
        let mut near: Vec<usize> = shortened.under(&key).collect();
        for d in letter_out(&key) {
            near.extend(people.under(&d).chain(shortened.under(&d)));
        }
        near.retain(|&j| {
            let last = g.nodes[j].last_word();
            last.chars().count() >= MISSPELT_SURNAME && edit_distance(last, &key) == 1
        });
        if let [one] = g.roots(near)[..] {
            g.union(i, one);
        }
    }
}

/// The word with each of its letters left out in turn.
fn letter_out(word: &str) -> impl Iterator<Item = String> + '_ {
    word.char_indices()
        .map(move |(at, c)| format!("{}{}", &word[..at], &word[at + c.len_utf8()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_are_found_by_key_and_joined() {
        let mut g = Nodes::new();
        let a = g.id("ana reis".into());
        let b = g.id("reis".into());
        assert_eq!(g.id("ana reis".into()), a);
        assert_eq!(g.get("reis"), Some(b));
        assert_eq!(g.get("vell"), None);
        g.union(b, a);
        assert_eq!(g.root(b), a);
    }

    #[test]
    fn typos_in_one_word() {
        assert!(misspelt("phillip hammond", "philip hammond"));
        assert!(!misspelt("jon vell", "joan vell"));
        assert!(!misspelt("ana reis", "ana reis silva"));
        assert!(!misspelt("ana reis", "eva lind"));
    }
}
