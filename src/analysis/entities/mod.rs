//! What an article mentions: names from the tagger and values from the rules on one scale of
//! kinds, paragraph by paragraph, with the aliases the text itself declares ("the Islamic
//! State group (IS, formerly ISIS)"). Joining mentions into entities is [`super::aliases`].

use std::collections::{HashMap, HashSet};

use super::known::Known;
use super::rules::{Value, ValueKind, find_values_in};
use super::{EntityKind, tag_tokens};

mod found;
mod names;

pub use found::{ArticleEntities, Found};
use names::*;
pub use names::{initials, is_acronym_of};

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Person,
    Org,
    Place,
    /// Nationalities, events, other names.
    Misc,
    /// Dates, days, times.
    Date,
    Money,
    Percent,
    /// Numbers with what they count.
    Quantity,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Person,
        Kind::Org,
        Kind::Place,
        Kind::Misc,
        Kind::Date,
        Kind::Money,
        Kind::Percent,
        Kind::Quantity,
    ];

    /// The label the CLI prints and the panel shows.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Person => "PERSON",
            Kind::Org => "ORG",
            Kind::Place => "PLACE",
            Kind::Misc => "MISC",
            Kind::Date => "DATE",
            Kind::Money => "MONEY",
            Kind::Percent => "PERCENT",
            Kind::Quantity => "QUANTITY",
        }
    }

    /// Names (from the tagger) take part in alias joining; values do not.
    pub fn is_name(self) -> bool {
        matches!(self, Kind::Person | Kind::Org | Kind::Place | Kind::Misc)
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

impl From<EntityKind> for Kind {
    fn from(k: EntityKind) -> Kind {
        match k {
            EntityKind::Person => Kind::Person,
            EntityKind::Org => Kind::Org,
            EntityKind::Place => Kind::Place,
            EntityKind::Misc => Kind::Misc,
        }
    }
}

impl From<ValueKind> for Kind {
    fn from(k: ValueKind) -> Kind {
        match k {
            ValueKind::Date => Kind::Date,
            ValueKind::Money => Kind::Money,
            ValueKind::Percent => Kind::Percent,
            ValueKind::Quantity => Kind::Quantity,
        }
    }
}

/// Tags an article given as its paragraphs. The paragraphs are tagged as one document, so that
/// what one sentence says about a word helps the others.
pub fn analyze<S: AsRef<str>>(paragraphs: &[S]) -> ArticleEntities {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(paragraphs.len());
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            text.push_str("\n\n");
        }
        starts.push(text.len());
        text.push_str(p.as_ref());
    }
    // The tagger and the rules read the same tokens.
    let toks = super::tokens::tokenize(&text);
    let names: Vec<(usize, usize, Kind)> = tag_tokens(&text, &toks)
        .into_iter()
        .map(|m| {
            let kind = if titled(&text, m.start, m.end) {
                Kind::Person
            } else {
                m.kind.into()
            };
            (m.start, m.end, kind)
        })
        .collect();
    // Listed names the tagger split or missed ("Islamic" + "State") take the place of what
    // it found inside them, unless it found the listed name within a longer one.
    let mut names = with_listed_names(names, Known::get().find(&text));
    // "US-led" is a mention of "US", "ButHammond" one of "Hammond"; a photo credit is a
    // person and an agency; a building is a place.
    // The words the text writes in lower case, for names glued to one (read on first use).
    let lower = super::forms::LowerWords::new(&text);
    super::forms::trim_forms(&text, &mut names, &lower);
    super::forms::split_credits(&text, &mut names, is_furniture);
    super::forms::settle_heads(&text, &mut names);
    super::forms::dateline_agencies(&text, &mut names);
    names.sort_unstable_by_key(|&(s, e, _)| (s, e));
    super::forms::join_agreements(&text, &mut names);
    let values = find_values_in(&text, &toks);
    // "EUR" in "EUR 2.4 billion" is the currency, not an organisation.
    let in_money = |s: usize, e: usize| {
        value_around(&values, s, e).is_some_and(|v| v.kind == ValueKind::Money)
    };
    names.retain(|&(s, e, _)| !in_money(s, e) && !never_a_name(&text[s..e]));
    let shouting = Shouting::of(&text);
    // A name of several words the article tags whole somewhere ("Coalition for Open Rivers")
    // is whole wherever it is written, not the pieces the tagger made of it there.
    let written = super::forms::written_whole(&text, &names, |at| shouting.at(at));
    if !written.is_empty() {
        names.sort_unstable_by_key(|&(s, e, _)| (s, e));
        names = with_listed_names(names, written);
    }
    // A name in a line of capitals takes the type the article gives it in running text.
    let mut in_text: HashMap<String, Kind> = HashMap::new();
    for &(s, e, kind) in &names {
        if !shouting.at(s) {
            in_text.entry(text[s..e].to_lowercase()).or_insert(kind);
        }
    }
    for (s, e, kind) in names.iter_mut() {
        if shouting.at(*s)
            && let Some(&k) = in_text.get(&text[*s..*e].to_lowercase())
        {
            *kind = k;
        }
    }
    // A heading in capitals hides which words are names: a word there that running text
    // writes without ever tagging it ("TRAINS" beside "Trains between ...") is not one.
    let shouted: Vec<usize> = (0..names.len())
        .filter(|&i| {
            let (s, e, _) = names[i];
            shouting.at(s) && !in_text.contains_key(&text[s..e].to_lowercase())
        })
        .collect();
    let in_body = super::forms::words_in_body(&text, &names, &shouted, |at| shouting.at(at));
    let shouted_words = |s: usize, e: usize| -> bool {
        text[s..e]
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .all(|w| in_body.contains(&w.to_lowercase()))
    };
    names.retain(|&(s, e, _)| {
        !(shouting.at(s)
            && !in_text.contains_key(&text[s..e].to_lowercase())
            && shouted_words(s, e))
    });
    // Aliases declared in brackets, and every other place the article writes a name it
    // tagged somewhere ("IS militants" after "Islamic State (IS)"), which the tagger may have
    // missed there.
    let mut declared: HashMap<usize, Vec<String>> = HashMap::new();
    let mut forms: Vec<(String, Kind)> = names
        .iter()
        .map(|&(s, e, kind)| (text[s..e].to_string(), kind))
        .collect();
    for &(s, e, kind) in &names {
        if let Some(alias) = declared_alias(&text[e..], &collapse(&text[s..e])) {
            forms.push((alias.clone(), kind));
            declared.entry(s).or_default().push(alias);
        }
    }
    // A listed entity's other names too ("ISIL" where the article named "Islamic State"),
    // once per entity.
    let known = Known::get();
    let mut listed = HashSet::new();
    for &(s, e, _) in &names {
        if let Some(usual) = known.usual(&super::aliases::key(&text[s..e]))
            && listed.insert(usual)
        {
            let kind = known.kind(usual).unwrap_or(Kind::Misc);
            forms.extend(known.forms(usual).iter().map(|f| (f.clone(), kind)));
        }
    }
    let spread = super::spread::spread(&text, &names, forms, &lower, |at| shouting.at(at));
    names.extend(spread);
    // One span, one type: "Twelve" in "Twelve countries" is the count and "GMT" part of the
    // time. A name inside a count ("5,000 EU citizens") is still a mention of that name.
    names.retain(|&(s, e, _)| {
        value_around(&values, s, e).is_none_or(|v| {
            v.kind == ValueKind::Quantity
                && !text[s..e].chars().any(|c| c.is_ascii_digit())
                && v.start < s
        })
    });
    // Names do not overlap one another: in text order, those that overlap a value are a run.
    let mut sorted: Vec<(usize, usize)> = names.iter().map(|&(s, e, _)| (s, e)).collect();
    sorted.sort_unstable();
    let mut all = names;
    for v in values {
        // A value may hold a name ("5,000 EU citizens"); one that cuts across a name is
        // dropped, the name being the surer of the two.
        let from = sorted.partition_point(|&(_, e)| e <= v.start);
        let crosses = sorted[from..]
            .iter()
            .take_while(|&&(s, _)| s < v.end)
            .any(|&(s, e)| !(v.start <= s && e <= v.end));
        if !crosses {
            all.push((v.start, v.end, v.kind.into()));
        }
    }
    all.sort_by_key(|&(s, e, k)| (s, std::cmp::Reverse(e), k));
    let mut out = ArticleEntities::with_capacity(all.len());
    for (start, end, kind) in all {
        let para = starts.partition_point(|&s| s <= start).saturating_sub(1);
        let base = starts[para];
        let len = paragraphs[para].as_ref().len();
        if end > base + len {
            continue;
        }
        if kind.is_name() {
            for alias in declared.get(&start).into_iter().flatten() {
                out.aliases.push((out.mentions.len(), alias.clone()));
            }
        }
        out.push(
            para as u32,
            (start - base) as u32,
            (end - base) as u32,
            kind,
            &text[start..end],
        );
    }
    out.shrink_to_fit();
    out
}

/// The tagger's names with the listed names found in the text (both in text order, neither
/// overlapping itself): a listed name inside one of the tagger's stays out; one that
/// overlaps some otherwise takes their place. The tagger's names that stay keep their order,
/// and the listed ones come after them.
fn with_listed_names(
    names: Vec<(usize, usize, Kind)>,
    listed: Vec<(usize, usize, Kind)>,
) -> Vec<(usize, usize, Kind)> {
    let mut dropped = vec![false; names.len()];
    let mut added = Vec::new();
    for (s, e, kind) in listed {
        let from = names.partition_point(|&(_, ne, _)| ne <= s);
        let overlapping = || {
            (from..names.len())
                .take_while(|&i| names[i].0 < e)
                .filter(|&i| !dropped[i])
        };
        if overlapping().any(|i| names[i].0 <= s && e <= names[i].1) {
            continue;
        }
        for i in overlapping().collect::<Vec<_>>() {
            dropped[i] = true;
        }
        added.push((s, e, kind));
    }
    names
        .into_iter()
        .zip(dropped)
        .filter(|(_, d)| !d)
        .map(|(n, _)| n)
        .chain(added)
        .collect()
}

/// The value that holds `start..end`, if any (values are in text order and do not overlap).
fn value_around(values: &[Value], start: usize, end: usize) -> Option<&Value> {
    let i = values
        .partition_point(|v| v.start <= start)
        .checked_sub(1)?;
    Some(&values[i]).filter(|v| end <= v.end)
}

/// The lines of a text in capitals (headlines, kickers), as byte ranges.
struct Shouting(Vec<std::ops::Range<usize>>);

impl Shouting {
    fn of(text: &str) -> Shouting {
        let mut out = Vec::new();
        let mut from = 0;
        for line in text.split('\n') {
            let (mut lower, mut upper) = (0, 0);
            for c in line.chars() {
                lower += usize::from(c.is_lowercase());
                upper += usize::from(c.is_uppercase());
            }
            if lower * 4 < upper {
                out.push(from..from + line.len());
            }
            from += line.len() + 1;
        }
        Shouting(out)
    }

    /// Whether byte `at` is on such a line.
    fn at(&self, at: usize) -> bool {
        let i = self.0.partition_point(|r| r.end < at);
        self.0.get(i).is_some_and(|r| r.start <= at)
    }
}

/// Whether `text[start..end]` is a name with a title ("Mr", "Mrs", "Ms", "Dr") in or before
/// it, and one or two words besides: a person's, whatever the tagger (trained on 1996 news,
/// which never heard of many of today's people) made of it.
pub fn titled(text: &str, start: usize, end: usize) -> bool {
    const TITLES: [&str; 8] = ["Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr."];
    let name = &text[start..end];
    let words = name.split_whitespace().count();
    let first = name.split_whitespace().next().unwrap_or("");
    if TITLES.contains(&first) {
        return (2..=3).contains(&words);
    }
    let before = text[..start].trim_end_matches(' ');
    // The word before the name, read back only as far as a title is long.
    let word_before = TITLES.iter().any(|t| {
        before
            .strip_suffix(t)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with([' ', '\n', '(', '"']))
    });
    before.len() < start && word_before && words <= 2
}

/// [`analyze`] for many articles, on every core.
pub fn analyze_many(articles: &[Vec<&str>]) -> Vec<ArticleEntities> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(articles.len());
    if threads <= 1 {
        return articles.iter().map(|p| analyze(p)).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut out: Vec<(usize, ArticleEntities)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(paragraphs) = articles.get(i) else {
                            return done;
                        };
                        done.push((i, analyze(paragraphs)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, a)| a).collect()
}

#[cfg(test)]
mod tests;
