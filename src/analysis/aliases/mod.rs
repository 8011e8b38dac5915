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

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;

use super::entities::{ArticleEntities, Kind, titled};
use super::joins::{Nodes, join_acronyms, join_misspellings, join_surnames};
use super::known::Known;
use super::tokens::is_combining_mark;

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
    // "Hà" written as "a" and a combining grave is shown, and matched, as the one letter.
    if s.chars().any(is_combining_mark) {
        s = s.nfc().collect();
    }
    s = untitled(&s).to_string();
    for end in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if s.len() > end.len() + 1 && s.ends_with(end) {
            s.truncate(s.len() - end.len());
        }
    }
    let s = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    let dotted = is_dotted_acronym(s);
    let mut s = s
        .trim_end_matches(|c: char| !c.is_alphanumeric() && !is_combining_mark(c))
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

/// Joins the mentions of every analysed article (None: not analysed yet) into entities.
pub fn build(articles: &[Option<&ArticleEntities>]) -> Index {
    let mut g = Nodes::new();
    // Rule 1: one node per matching form; each name mention votes for its kind.
    let mut node_of: Vec<Vec<Option<u32>>> = Vec::with_capacity(articles.len());
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
            let surface = a.surface(m);
            let id = g.id(key(surface));
            // "Mr Trump" is a person, whatever a tagger trained on 1996 news made of him.
            let kind = if titled(surface, 0, surface.len()) {
                Kind::Person
            } else {
                m.kind
            };
            g.nodes[id].votes[kind.index()] += 1;
            ids.push(Some(id as u32));
        }
        // Rule 2: aliases declared in brackets.
        for (m, alias) in &a.aliases {
            if let Some(Some(id)) = ids.get(*m).copied() {
                let id = id as usize;
                let other = g.id(key(alias));
                g.declared.entry(other).or_default().push(display(alias));
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
        if *lower != *g.nodes[i].key
            && let Some(j) = g.get(&lower)
        {
            g.union(i, j);
        }
    }
    join_acronyms(&mut g, named);
    join_misspellings(&mut g, named);
    let shared = join_surnames(&mut g, named);
    let roots: Vec<usize> = (0..g.nodes.len()).map(|i| g.root(i)).collect();
    // A listed entity has its listed type, whatever the tagger said of its aliases.
    let mut listed: HashMap<usize, Kind> = HashMap::new();
    for (i, node) in g.nodes.iter().enumerate() {
        if let Some(kind) = Known::get().kind(&node.key) {
            listed.insert(roots[i], kind);
        }
    }
    assign(articles, &node_of, &g, &roots, &shared, &listed)
}

/// How an entity is written somewhere: how often so, and when first (a count of mentions).
struct Form<'a> {
    text: Cow<'a, str>,
    count: u32,
    first: u32,
}

/// Every form of every entity: the first form each entity was seen in, kept beside it (most
/// entities have one), and the others in a map.
#[derive(Default)]
struct Forms<'a> {
    first: Vec<Form<'a>>,
    more: HashMap<OtherForm<'a>, (u32, u32)>,
}

/// An entity and one more form of it; with it, how often and when first.
type OtherForm<'a> = (u32, Cow<'a, str>);

impl<'a> Forms<'a> {
    /// Counts a mention of entity `id` written `text` (`count` 0: a form never mentioned).
    fn add(&mut self, id: u32, text: Cow<'a, str>, count: u32, seen: u32) {
        match self.first.get_mut(id as usize) {
            None => self.first.push(Form {
                text,
                count,
                first: seen,
            }),
            Some(f) if f.text == text => f.count += count,
            Some(_) => self.more.entry((id, text)).or_insert((0, seen)).0 += count,
        }
    }

    /// Each entity's forms, as (text, count, first seen), in entity order.
    fn by_entity(self) -> impl Iterator<Item = Vec<(Cow<'a, str>, u32, u32)>> {
        let mut more: Vec<(OtherForm<'a>, (u32, u32))> = self.more.into_iter().collect();
        more.sort_unstable_by(|((a, f), (_, s)), ((b, g), (_, t))| (a, s, f).cmp(&(b, t, g)));
        let mut more = more.into_iter().peekable();
        self.first.into_iter().enumerate().map(move |(id, f)| {
            let mut all = vec![(f.text, f.count, f.first)];
            while let Some(((_, text), (count, first))) =
                more.next_if(|((e, _), _)| *e as usize == id)
            {
                all.push((text, count, first));
            }
            all
        })
    }
}

/// Entities from the joined nodes, each mention given its entity.
fn assign<'a>(
    articles: &[Option<&'a ArticleEntities>],
    node_of: &[Vec<Option<u32>>],
    g: &'a Nodes,
    roots: &[usize],
    shared: &HashMap<usize, Vec<usize>>,
    listed: &HashMap<usize, Kind>,
) -> Index {
    const NONE: u32 = u32::MAX;
    // The entity of each root node, and of each value (by kind and text).
    let mut entity_of_root: Vec<u32> = vec![NONE; g.nodes.len()];
    let mut entity_of_value: HashMap<(Kind, Cow<str>), u32> = HashMap::new();
    let mut forms = Forms::default();
    let mut seen = 0u32;
    let mut votes: Vec<[u32; 4]> = Vec::new();
    let mut person: Vec<bool> = Vec::new();
    let mut fixed: Vec<Option<Kind>> = Vec::new();
    let mut index = Index {
        analysed: articles.iter().filter(|a| a.is_some()).count(),
        ..Index::default()
    };
    for (a, article) in articles.iter().enumerate() {
        let Some(article) = article else {
            index.of.push(Vec::new());
            continue;
        };
        let roots_here: HashSet<usize> = node_of[a]
            .iter()
            .flatten()
            .map(|&n| n as usize)
            .filter(|&n| g.nodes[n].key.contains(' '))
            .map(|n| roots[n])
            .collect();
        // A surname several people share: the one of them named in this article, if one is.
        let mut chosen: HashMap<usize, Option<usize>> = HashMap::new();
        let mut ids = Vec::with_capacity(article.mentions.len());
        for (m, mention) in article.mentions.iter().enumerate() {
            let surface = article.surface(mention);
            let node = node_of[a][m].map(|n| n as usize);
            let next = index.entities.len() as u32;
            let (id, listed_kind) = match node {
                Some(n) => {
                    let here = shared.get(&n).and_then(|candidates| {
                        *chosen.entry(n).or_insert_with(|| {
                            let mut here = candidates.iter().filter(|c| roots_here.contains(c));
                            match (here.next(), here.next()) {
                                (Some(&one), None) => Some(one),
                                _ => None,
                            }
                        })
                    });
                    let root = here.unwrap_or(roots[n]);
                    if entity_of_root[root] == NONE {
                        entity_of_root[root] = next;
                    }
                    (entity_of_root[root], listed.get(&root).copied())
                }
                None => {
                    let id = *entity_of_value
                        .entry((mention.kind, super::value_key::value_key(surface)))
                        .or_insert(next);
                    (id, None)
                }
            };
            if id == next {
                fixed.push(listed_kind);
                index.entities.push(Entity {
                    name: String::new(),
                    kind: mention.kind,
                    aliases: Vec::new(),
                    mentions: 0,
                    articles: Vec::new(),
                });
                votes.push([0; 4]);
                person.push(false);
            }
            let e = &mut index.entities[id as usize];
            e.mentions += 1;
            if e.articles.last() != Some(&(a as u32)) {
                e.articles.push(a as u32);
            }
            let form: Cow<str> = if mention.kind.is_name() {
                let shown = display(surface);
                if *shown == *surface {
                    Cow::Borrowed(surface)
                } else {
                    Cow::Owned(shown)
                }
            } else {
                Cow::Borrowed(surface)
            };
            if let Some(n) = node {
                votes[id as usize][mention.kind.index()] += 1;
                let node = &g.nodes[n];
                if (node.key.contains(' ') && node.majority() == Some(Kind::Person))
                    || titled(surface, 0, surface.len())
                {
                    person[id as usize] = true;
                }
            }
            seen += 1;
            forms.add(id, form, 1, seen);
            ids.push(id);
        }
        index.of.push(ids);
    }
    drop(entity_of_value);
    // Names declared in brackets but never tagged themselves are still aliases.
    for (&n, declared) in &g.declared {
        let id = entity_of_root[roots[n]];
        if id != NONE {
            for d in declared {
                forms.add(id, Cow::Borrowed(d.as_str()), 0, u32::MAX);
            }
        }
    }
    for (id, (e, mut ranked)) in index.entities.iter_mut().zip(forms.by_entity()).enumerate() {
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
        ranked.sort_by_key(|(f, n, first)| (!f.contains(' '), std::cmp::Reverse(*n), *first));
        e.name = ranked
            .first()
            .map(|(f, _, _)| f.to_string())
            .unwrap_or_default();
        ranked.sort_by_key(|(_, n, first)| (std::cmp::Reverse(*n), *first));
        // One alias per matching form: "Mr Arkwell" adds nothing to "Arkwell", nor "LISBON"
        // to "Lisbon", nor "US$200 million" to "$200 million".
        let key_of = |f: &str| {
            if e.kind.is_name() {
                key(f).to_lowercase()
            } else {
                super::value_key::value_key(f).into_owned()
            }
        };
        let mut keys = HashSet::from([key_of(&e.name)]);
        for (f, _, _) in ranked {
            if keys.insert(key_of(&f)) {
                e.aliases.push(f.into_owned());
            }
        }
    }
    index
}

#[cfg(test)]
mod tests;
