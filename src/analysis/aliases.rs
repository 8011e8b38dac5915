//! One entity, many names: joins the briefing's mentions into entities. "Philip Hammond",
//! "Hammond", "HAMMOND" and the misspelt "Phillip Hammond" are one person; "the Islamic State
//! group (IS, formerly ISIS)" and "Daesh (another name for IS)" one group; "EU" is the
//! "European Union" seen elsewhere. The joins, in order:
//!
//! 1. Names that read the same once case, dots in acronyms, a leading "the", a title ("Mr")
//!    and a possessive are set aside.
//! 2. Aliases an article declares in brackets, and the curated list in `data/aliases.txt`.
//! 3. An acronym and the one longer name in the briefing whose initials spell it.
//! 4. Two names of two or more words that differ by a letter or two in one word ("Phillip").
//! 5. A single word and the one person's full name that ends with it; when several people
//!    share the surname, the one named in the same article.
//!
//! Values (dates, money, percentages, quantities) are entities of their own, by their text.

use std::collections::HashMap;

use super::entities::{ArticleEntities, Kind, initials, titled};
use super::known::Known;

/// One entity of the briefing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The name it goes by: a person's full name, else the commonest form.
    pub name: String,
    pub kind: Kind,
    /// Its other names as written in the briefing, commonest first.
    pub aliases: Vec<String>,
    /// How many times the briefing mentions it.
    pub mentions: usize,
    /// The articles that mention it, in briefing order.
    pub articles: Vec<u32>,
}

/// The briefing's entities, and which entity each mention is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Index {
    pub entities: Vec<Entity>,
    /// Per article, the entity of each of its mentions (empty for an article not analysed
    /// when the index was built).
    pub of: Vec<Vec<u32>>,
    /// How many articles had been analysed when the index was built.
    pub analysed: usize,
}

impl Index {
    /// The entity of mention `mention` of article `article`, if the index knows it.
    pub fn entity_of(&self, article: usize, mention: usize) -> Option<u32> {
        self.of.get(article)?.get(mention).copied()
    }
}

/// The matching form of a name: "U.S." and "US" are "US", "Hammond's" and "HAMMOND" are
/// "hammond", "the Islamic State" is "islamic state". Short all-capital words keep their
/// case ("IS" is not "is"); rule 1 joins "IRAN" with "Iran" when both occur.
pub fn key(surface: &str) -> String {
    let s = display(surface);
    let s = s
        .get(..4)
        .filter(|t| t.eq_ignore_ascii_case("the "))
        .map_or(s.as_str(), |_| &s[4..]);
    let compact: String = s.chars().filter(|&c| c != '.').collect();
    let letters = compact.chars().count();
    if (2..=6).contains(&letters)
        && compact
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-')
        && compact.chars().any(char::is_uppercase)
    {
        return compact;
    }
    s.to_lowercase()
}

const TITLES: [&str; 8] = ["Mr ", "Mr. ", "Mrs ", "Mrs. ", "Ms ", "Ms. ", "Dr ", "Dr. "];

/// The name without a title in front ("Mr Arkwell": "Arkwell").
fn untitled(s: &str) -> &str {
    TITLES
        .iter()
        .find(|t| s.len() > t.len() && s.starts_with(*t))
        .map_or(s, |t| &s[t.len()..])
}

/// A name as it is shown: spaces collapsed, a title, a possessive and stray punctuation
/// trimmed.
pub fn display(surface: &str) -> String {
    let mut s = surface.split_whitespace().collect::<Vec<_>>().join(" ");
    s = untitled(&s).to_string();
    for end in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if s.len() > end.len() + 1 && s.ends_with(end) {
            s.truncate(s.len() - end.len());
        }
    }
    let s = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    let dotted = is_dotted_acronym(s);
    let mut s = s
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    if dotted {
        s.push('.');
    }
    s
}

/// "U.S." keeps its last dot when shown.
fn is_dotted_acronym(s: &str) -> bool {
    let s = s.trim();
    s.len() >= 4 && s.ends_with('.') && s.chars().all(|c| c.is_uppercase() || c == '.')
}

/// A distinct name (by matching form) and what the briefing says of it.
#[derive(Default)]
struct Node {
    key: String,
    /// Mentions of it per name kind (Person, Org, Place, Misc).
    votes: [u32; 4],
    /// How the text wrote it where an article declared it in brackets.
    declared: Vec<String>,
}

impl Node {
    fn words(&self) -> Vec<&str> {
        self.key.split(' ').collect()
    }

    fn majority(&self) -> Option<Kind> {
        let (i, &n) = self
            .votes
            .iter()
            .enumerate()
            .max_by_key(|&(i, &n)| (n, std::cmp::Reverse(i)))?;
        (n > 0).then(|| Kind::ALL[i])
    }

    fn is_acronym(&self) -> bool {
        !self.key.chars().any(char::is_lowercase) && !self.key.contains(' ')
    }
}

struct Nodes {
    nodes: Vec<Node>,
    ids: HashMap<String, usize>,
    parent: Vec<usize>,
}

impl Nodes {
    fn id(&mut self, key: String) -> usize {
        if let Some(&i) = self.ids.get(&key) {
            return i;
        }
        let i = self.nodes.len();
        self.ids.insert(key.clone(), i);
        self.nodes.push(Node {
            key,
            ..Node::default()
        });
        self.parent.push(i);
        i
    }

    fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            // The older node stays the root, so entity order follows first mention.
            self.parent[a.max(b)] = a.min(b);
        }
    }
}

/// Joins the mentions of every analysed article (None: not analysed yet) into entities.
pub fn build(articles: &[Option<&ArticleEntities>]) -> Index {
    let mut g = Nodes {
        nodes: Vec::new(),
        ids: HashMap::new(),
        parent: Vec::new(),
    };
    // Rule 1: one node per matching form; each name mention votes for its kind.
    let mut node_of: Vec<Vec<Option<usize>>> = Vec::with_capacity(articles.len());
    for a in articles {
        let Some(a) = a else {
            node_of.push(Vec::new());
            continue;
        };
        let mut ids = Vec::with_capacity(a.mentions.len());
        for m in &a.mentions {
            if !m.kind.is_name() {
                ids.push(None);
                continue;
            }
            let id = g.id(key(&m.surface));
            // "Mr Trump" is a person, whatever a tagger trained on 1996 news made of him.
            let kind = if titled(&m.surface, 0, m.surface.len()) {
                Kind::Person
            } else {
                m.kind
            };
            g.nodes[id].votes[kind.index()] += 1;
            ids.push(Some(id));
        }
        // Rule 2: aliases declared in brackets.
        for (m, alias) in &a.aliases {
            if let Some(Some(id)) = ids.get(*m).copied() {
                let other = g.id(key(alias));
                g.nodes[other].declared.push(display(alias));
                g.union(id, other);
            }
        }
        node_of.push(ids);
    }
    let named = g.nodes.len();
    for i in 0..named {
        if let Some(usual) = Known::get().usual(&g.nodes[i].key) {
            let u = g.id(usual.to_string());
            g.union(i, u);
        }
        let lower = g.nodes[i].key.to_lowercase();
        if lower != g.nodes[i].key
            && let Some(&j) = g.ids.get(&lower)
        {
            g.union(i, j);
        }
    }
    join_acronyms(&mut g, named);
    join_misspellings(&mut g, named);
    let shared = join_surnames(&mut g, named);
    // A listed entity has its listed type, whatever the tagger said of its aliases.
    let mut listed: HashMap<usize, Kind> = HashMap::new();
    for i in 0..g.nodes.len() {
        if let Some(kind) = Known::get().kind(&g.nodes[i].key) {
            let root = g.root(i);
            listed.insert(root, kind);
        }
    }
    assign(articles, &node_of, &mut g, &shared, &listed)
}

/// Rule 3: an acronym and the one longer name whose initials spell it.
fn join_acronyms(g: &mut Nodes, named: usize) {
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, n) in g.nodes[..named].iter().enumerate() {
        if n.key.contains(' ') {
            by_initials.entry(initials(&n.key)).or_default().push(i);
        }
    }
    for i in 0..named {
        if !g.nodes[i].is_acronym() {
            continue;
        }
        let Some(longer) = by_initials.get(&g.nodes[i].key).cloned() else {
            continue;
        };
        let mut roots: Vec<usize> = longer.iter().map(|&j| g.root(j)).collect();
        roots.sort_unstable();
        roots.dedup();
        if let [one] = roots[..] {
            g.union(i, one);
        }
    }
}

/// Rule 4: names of two or more words, equal but for one word a letter or two apart, and of
/// the same kind.
fn join_misspellings(g: &mut Nodes, named: usize) {
    let mut buckets: HashMap<(usize, String, bool), Vec<usize>> = HashMap::new();
    for (i, n) in g.nodes[..named].iter().enumerate() {
        let w = n.words();
        if w.len() >= 2 && n.majority().is_some() {
            buckets
                .entry((w.len(), w[w.len() - 1].to_string(), true))
                .or_default()
                .push(i);
            buckets
                .entry((w.len(), w[0].to_string(), false))
                .or_default()
                .push(i);
        }
    }
    for ids in buckets.values() {
        if ids.len() > 200 {
            continue;
        }
        for (x, &a) in ids.iter().enumerate() {
            for &b in &ids[x + 1..] {
                let (na, nb) = (&g.nodes[a], &g.nodes[b]);
                if na.majority() == nb.majority() && misspelt(&na.words(), &nb.words()) {
                    g.union(a, b);
                }
            }
        }
    }
}

/// The same words but one, and that one a typo apart: one edit in a word of five letters or
/// more, two in a word of eight or more. ("Jon"/"Joan" and "Iran"/"Iraq" stay apart.)
fn misspelt(a: &[&str], b: &[&str]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let differ: Vec<(&str, &str)> = a
        .iter()
        .zip(b)
        .filter(|(x, y)| x != y)
        .map(|(x, y)| (*x, *y))
        .collect();
    let [(x, y)] = differ[..] else {
        return false;
    };
    let shorter = x.chars().count().min(y.chars().count());
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

/// Rule 5: a single word joins the one person whose full name ends with it. Returns the
/// surnames several people share, with the candidates, for the per-article choice.
fn join_surnames(g: &mut Nodes, named: usize) -> HashMap<usize, Vec<usize>> {
    let mut people: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, n) in g.nodes[..named].iter().enumerate() {
        let w = n.words();
        if w.len() >= 2 && n.majority() == Some(Kind::Person) {
            let last = w[w.len() - 1];
            people.entry(last.to_string()).or_default().push(i);
            // "Haider al-Abadi" is "Abadi" too.
            for particle in ["al-", "el-", "ad-", "ash-", "as-", "ar-", "bin-"] {
                if let Some(rest) = last.strip_prefix(particle) {
                    people.entry(rest.to_string()).or_default().push(i);
                }
            }
        }
    }
    let mut shared = HashMap::new();
    for i in 0..named {
        let n = &g.nodes[i];
        // "Washington" the place does not join "George Washington".
        if n.key.contains(' ')
            || n.is_acronym()
            || (n.votes[0] == 0 && n.majority() == Some(Kind::Place))
        {
            continue;
        }
        let Some(full) = people.get(&n.key).cloned() else {
            continue;
        };
        let mut roots: Vec<usize> = full.iter().map(|&j| g.root(j)).collect();
        roots.sort_unstable();
        roots.dedup();
        match roots[..] {
            [one] => g.union(i, one),
            [] => {}
            _ => {
                shared.insert(i, roots);
            }
        }
    }
    shared
}

/// Entities from the joined nodes, each mention given its entity.
fn assign(
    articles: &[Option<&ArticleEntities>],
    node_of: &[Vec<Option<usize>>],
    g: &mut Nodes,
    shared: &HashMap<usize, Vec<usize>>,
    listed: &HashMap<usize, Kind>,
) -> Index {
    // Per group (root node, or a value's kind and text): its entity id.
    let mut entity_of_group: HashMap<Group, u32> = HashMap::new();
    let mut forms: Vec<Forms> = Vec::new();
    let mut seen = 0u32;
    let mut votes: Vec<[u32; 4]> = Vec::new();
    let mut person: Vec<bool> = Vec::new();
    let mut fixed: Vec<Option<Kind>> = Vec::new();
    let mut index = Index {
        analysed: articles.iter().filter(|a| a.is_some()).count(),
        ..Index::default()
    };
    let roots: Vec<usize> = (0..g.nodes.len()).map(|i| g.root(i)).collect();
    for (a, article) in articles.iter().enumerate() {
        let Some(article) = article else {
            index.of.push(Vec::new());
            continue;
        };
        let roots_here: Vec<usize> = node_of[a]
            .iter()
            .flatten()
            .filter(|&&n| g.nodes[n].key.contains(' '))
            .map(|&n| roots[n])
            .collect();
        let mut ids = Vec::with_capacity(article.mentions.len());
        for (m, mention) in article.mentions.iter().enumerate() {
            let group = match node_of[a][m] {
                Some(n) => {
                    let mut root = roots[n];
                    if let Some(candidates) = shared.get(&n) {
                        let here: Vec<usize> = candidates
                            .iter()
                            .copied()
                            .filter(|c| roots_here.contains(c))
                            .collect();
                        if let [one] = here[..] {
                            root = one;
                        }
                    }
                    Group::Name(root)
                }
                None => Group::Value(mention.kind, mention.surface.to_lowercase()),
            };
            let next = index.entities.len() as u32;
            let id = *entity_of_group.entry(group.clone()).or_insert(next);
            if id == next {
                index.entities.push(Entity {
                    name: String::new(),
                    kind: mention.kind,
                    aliases: Vec::new(),
                    mentions: 0,
                    articles: Vec::new(),
                });
                forms.push(Forms::new());
                votes.push([0; 4]);
                person.push(false);
                fixed.push(match &group {
                    Group::Name(root) => listed.get(root).copied(),
                    Group::Value(..) => None,
                });
            }
            let e = &mut index.entities[id as usize];
            e.mentions += 1;
            if e.articles.last() != Some(&(a as u32)) {
                e.articles.push(a as u32);
            }
            let form = if mention.kind.is_name() {
                display(&mention.surface)
            } else {
                mention.surface.clone()
            };
            if let Some(n) = node_of[a][m] {
                votes[id as usize][mention.kind.index()] += 1;
                let node = &g.nodes[n];
                if (node.key.contains(' ') && node.majority() == Some(Kind::Person))
                    || titled(&mention.surface, 0, mention.surface.len())
                {
                    person[id as usize] = true;
                }
            }
            seen += 1;
            let f = forms[id as usize].entry(form).or_insert((0, seen));
            f.0 += 1;
            ids.push(id);
        }
        index.of.push(ids);
    }
    // Names declared in brackets but never tagged themselves are still aliases.
    for (n, node) in g.nodes.iter().enumerate() {
        if node.declared.is_empty() {
            continue;
        }
        if let Some(&id) = entity_of_group.get(&Group::Name(roots[n])) {
            for d in &node.declared {
                forms[id as usize].entry(d.clone()).or_insert((0, u32::MAX));
            }
        }
    }
    for (id, e) in index.entities.iter_mut().enumerate() {
        if e.kind.is_name() {
            e.kind = if let Some(kind) = fixed[id] {
                kind
            } else if person[id] {
                Kind::Person
            } else {
                let v = votes[id];
                let best = (0..4)
                    .max_by_key(|&i| (v[i], std::cmp::Reverse(i)))
                    .unwrap_or(0);
                Kind::ALL[best]
            };
        }
        // Commonest first, then first seen; a name of several words ("European Union")
        // names the entity over its short forms ("EU").
        let mut ranked: Vec<(&String, &(u32, u32))> = forms[id].iter().collect();
        ranked.sort_by_key(|(f, (n, first))| (!f.contains(' '), std::cmp::Reverse(*n), *first));
        e.name = ranked
            .first()
            .map(|(f, _)| f.to_string())
            .unwrap_or_default();
        ranked.sort_by_key(|(_, (n, first))| (std::cmp::Reverse(*n), *first));
        // One alias per matching form: "Mr Arkwell" adds nothing to "Arkwell".
        let key_of = |f: &str| {
            if e.kind.is_name() {
                key(f)
            } else {
                f.to_lowercase()
            }
        };
        let mut keys = vec![key_of(&e.name)];
        for (f, _) in ranked {
            let k = key_of(f);
            if !keys.contains(&k) {
                keys.push(k);
                e.aliases.push(f.clone());
            }
        }
    }
    index
}

#[derive(Clone, PartialEq, Eq, Hash)]
enum Group {
    Name(usize),
    Value(Kind, String),
}

/// The forms an entity is written in: how often, and when first seen.
type Forms = HashMap<String, (u32, u32)>;

#[cfg(test)]
mod tests {
    use super::super::entities::Found;
    use super::*;

    /// An article of mentions given as (surface, kind), one paragraph each.
    fn article(mentions: &[(&str, Kind)]) -> ArticleEntities {
        ArticleEntities {
            mentions: mentions
                .iter()
                .enumerate()
                .map(|(i, (s, k))| Found {
                    para: i,
                    start: 0,
                    end: s.len(),
                    kind: *k,
                    surface: s.to_string(),
                })
                .collect(),
            aliases: Vec::new(),
        }
    }

    fn entity<'a>(index: &'a Index, name: &str) -> &'a Entity {
        index
            .entities
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("no entity {name}: {:?}", index.entities))
    }

    use Kind::*;

    #[test]
    fn keys() {
        assert_eq!(key("U.S."), "US");
        assert_eq!(key("Hammond's"), "hammond");
        assert_eq!(key("HAMMOND"), "hammond");
        assert_eq!(key("the Islamic State"), "islamic state");
        assert_eq!(key("Mr Arkwell"), "arkwell");
        assert_eq!(key("IS"), "IS");
        assert_eq!(key("Ayşe Korkmaz"), "ayşe korkmaz");
        assert_eq!(key("Dr Ōe"), "ōe");
        assert_eq!(display("U.S."), "U.S.");
        assert_eq!(display("Arkwell\u{2019}s"), "Arkwell");
    }

    #[test]
    fn surnames_and_misspellings_join_the_full_name_and_take_its_kind() {
        let one = article(&[
            ("Tomas Arkwell", Person),
            ("Arkwell", Org),
            ("ARKWELL", Person),
            ("Tomas Arkwell", Person),
        ]);
        let two = article(&[("Thomas Arkwell", Person), ("Arkwell", Person)]);
        let index = build(&[Some(&one), Some(&two)]);
        let e = entity(&index, "Tomas Arkwell");
        assert_eq!(e.kind, Person);
        assert_eq!(e.mentions, 6);
        assert_eq!(e.articles, vec![0, 1]);
        assert!(e.aliases.contains(&"Thomas Arkwell".to_string()));
        assert!(e.aliases.contains(&"Arkwell".to_string()));
        assert_eq!(index.entities.len(), 1);
    }

    #[test]
    fn short_names_a_letter_apart_stay_apart() {
        let a = article(&[("Jon Vell", Person), ("Joan Vell", Person), ("Iran", Place)]);
        let b = article(&[("Iraq", Place)]);
        let index = build(&[Some(&a), Some(&b)]);
        assert_eq!(index.entities.len(), 4);
    }

    #[test]
    fn a_shared_surname_goes_to_the_person_named_in_the_same_article() {
        let a = article(&[("Ines Corvo", Person), ("Corvo", Person)]);
        let b = article(&[("Paul Corvo", Person), ("Corvo", Person)]);
        let c = article(&[("Corvo", Person)]);
        let index = build(&[Some(&a), Some(&b), Some(&c)]);
        assert_eq!(entity(&index, "Ines Corvo").mentions, 2);
        assert_eq!(entity(&index, "Paul Corvo").mentions, 2);
        assert_eq!(entity(&index, "Corvo").mentions, 1, "ambiguous alone");
    }

    #[test]
    fn acronyms_brackets_and_the_curated_list() {
        let mut a = article(&[
            ("Islamic State", Org),
            ("ISIS", Org),
            ("Daesh", Misc),
            ("Northern Grain Council", Org),
        ]);
        a.aliases.push((0, "IS".into()));
        let b = article(&[
            ("IS", Org),
            ("NGC", Org),
            ("U.S.", Place),
            ("United States", Place),
        ]);
        let index = build(&[Some(&a), Some(&b)]);
        let is = entity(&index, "Islamic State");
        assert_eq!(is.kind, Org);
        assert_eq!(is.mentions, 4, "{is:?}");
        for alias in ["IS", "ISIS", "Daesh"] {
            assert!(is.aliases.contains(&alias.to_string()), "{alias}: {is:?}");
        }
        let council = entity(&index, "Northern Grain Council");
        assert_eq!(
            (council.mentions, council.articles.clone()),
            (2, vec![0, 1])
        );
        assert_eq!(
            entity(&index, "United States").aliases,
            vec!["U.S.".to_string()]
        );
    }

    #[test]
    fn a_place_is_not_a_surname_and_values_keep_to_themselves() {
        let a = article(&[
            ("George Washington", Person),
            ("Washington", Place),
            ("Thursday", Date),
            ("thursday", Date),
        ]);
        let index = build(&[Some(&a), None]);
        assert_eq!(entity(&index, "Washington").kind, Place);
        assert_eq!(entity(&index, "Thursday").mentions, 2);
        assert_eq!(index.of[1], Vec::<u32>::new());
        assert_eq!(index.entity_of(0, 1), Some(1));
    }
}
