//! What an article mentions: names from the tagger and values from the rules on one scale of
//! kinds, paragraph by paragraph, with the aliases the text itself declares ("the Islamic
//! State group (IS, formerly ISIS)"). Joining mentions into entities is [`super::aliases`].

use std::collections::{HashMap, HashSet};

use super::known::Known;
use super::rules::{Value, ValueKind, find_values};
use super::{EntityKind, tag_text};

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

/// One mention: bytes `start..end` of paragraph `para`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub para: usize,
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// The words as written, spaces collapsed.
    pub surface: String,
}

/// An article's mentions in reading order, and the aliases it declares.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ArticleEntities {
    pub mentions: Vec<Found>,
    /// (mention, another name the text gives it in brackets).
    pub aliases: Vec<(usize, String)>,
}

impl ArticleEntities {
    /// The mentions in paragraph `para`.
    pub fn in_para(&self, para: usize) -> std::ops::Range<usize> {
        let from = self.mentions.partition_point(|m| m.para < para);
        let to = self.mentions.partition_point(|m| m.para <= para);
        from..to
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
    let names: Vec<(usize, usize, Kind)> = tag_text(&text)
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
    super::forms::trim_forms(&text, &mut names);
    super::forms::split_credits(&text, &mut names, is_furniture);
    super::forms::settle_heads(&text, &mut names);
    names.sort_unstable_by_key(|&(s, e, _)| (s, e));
    super::forms::join_agreements(&text, &mut names);
    let values = find_values(&text);
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
    let spread = super::spread::spread(&text, &names, forms, |at| shouting.at(at));
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
    let mut out = ArticleEntities {
        mentions: Vec::with_capacity(all.len()),
        aliases: Vec::new(),
    };
    for (start, end, kind) in all {
        let para = starts.partition_point(|&s| s <= start).saturating_sub(1);
        let base = starts[para];
        let len = paragraphs[para].as_ref().len();
        if end > base + len {
            continue;
        }
        let surface = collapse(&text[start..end]);
        if kind.is_name() {
            for alias in declared.get(&start).into_iter().flatten() {
                out.aliases.push((out.mentions.len(), alias.clone()));
            }
        }
        out.mentions.push(Found {
            para,
            start: start - base,
            end: end - base,
            kind,
            surface,
        });
    }
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

/// The longest name, in bytes: the longest names of organisations run to some sixty
/// characters ("International Bank for Reconstruction and Development").
const MAX_NAME: usize = 200;

/// Words of page furniture that a tagger takes for names ("Photo: Ana Reis"), and runs of
/// text too long to be a name.
/// A word of a page's furniture ("Photo", "File"), never a name.
fn is_furniture(name: &str) -> bool {
    FURNITURE.contains(&name)
}

const FURNITURE: &[&str] = &[
    "Photo",
    "Photos",
    "Photograph",
    "Picture",
    "Image",
    "Images",
    "Video",
    "Watch",
    "Share",
    "Caption",
    "Credit",
    "Advertisement",
    "Read",
    "File",
    "Files",
    "Handout",
    "Pool",
];

fn never_a_name(name: &str) -> bool {
    // Pronouns and small words a tagger sometimes takes for a name at a sentence's start
    // ("He" would otherwise join "Liu He" as a surname).
    const SMALL: &[&str] = &[
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "its",
        "our",
        "the",
        "a",
        "an",
        "as",
        "at",
        "in",
        "on",
        "of",
        "and",
        "but",
        "or",
        "if",
        "so",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "then",
        "when",
        "while",
        "what",
        "who",
        "why",
        "how",
        "ask",
        "dr",
        "mr",
        "mrs",
        "ms",
        "sir",
        "yes",
        "no",
        "not",
        "to",
        "for",
        "by",
        "with",
        "my",
        "your",
        "all",
        "let",
        "some",
        "many",
        "most",
        "one",
        "each",
        "every",
        "both",
        "after",
        "before",
        "also",
        "just",
        "only",
        "now",
        "later",
        "today",
        "yesterday",
    ];
    // A run of text that long is no name: joined-up words, a page without spaces.
    if name.len() > MAX_NAME {
        return true;
    }
    let all_caps = name.chars().all(|c| !c.is_lowercase());
    FURNITURE.contains(&name)
        || (!all_caps && !name.contains(' ') && SMALL.contains(&name.to_lowercase().as_str()))
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

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words that say that what follows is another name for what came before.
const ALIAS_MARKERS: &[&str] = &[
    "also known as",
    "also called",
    "another name for",
    "formerly known as",
    "formerly",
    "known as",
    "short for",
    "aka",
    "or",
];

/// The other name the text gives a name right after it, in brackets: "Islamic State (IS)",
/// "the Islamic State group (IS, formerly ISIS)", "Daesh (another name for IS)". A bracket
/// holding something else ("Mira Volant (Zorbia)", a party, a score) is not an alias: the
/// name in brackets must be an acronym of the name before it, or come after a marker word.
/// Returns the first alias; the rest of the bracket is read by the caller's next mention.
fn declared_alias(after: &str, name: &str) -> Option<String> {
    // A word like "group" may sit between the name and the bracket: "the X group (IS)".
    let rest = after.trim_start_matches([' ', '\u{a0}']);
    // Only the next few words are looked at (a bracket holds at most 80 bytes), however
    // long the text goes on without a space or a closing bracket.
    let mut window = rest.len().min(256);
    while !rest.is_char_boundary(window) {
        window -= 1;
    }
    let mut rest = &rest[..window];
    if !rest.starts_with('(') {
        let word_end = rest.find([' ', '(']).unwrap_or(rest.len());
        let word = &rest[..word_end];
        const BETWEEN: &[&str] = &[
            "group",
            "party",
            "movement",
            "militants",
            "militia",
            "organisation",
            "organization",
            "network",
            "agency",
            "forces",
            "front",
            "alliance",
            "coalition",
            "company",
        ];
        if !BETWEEN.contains(&word) {
            return None;
        }
        rest = rest[word_end..].trim_start_matches(' ');
    }
    let inner = rest.strip_prefix('(')?;
    let inner = &inner[..inner.find(')')?];
    if inner.len() > 80 {
        return None;
    }
    for piece in inner.split([',', ';']) {
        let piece = piece.trim();
        let marker = ALIAS_MARKERS.iter().find_map(|m| {
            let head = piece.get(..m.len())?;
            let rest = piece[m.len()..].strip_prefix(' ')?;
            head.eq_ignore_ascii_case(m).then(|| rest.trim())
        });
        let (marked, candidate) = match marker {
            Some(rest) => (true, rest),
            None => (false, piece),
        };
        let candidate = candidate
            .strip_prefix("the ")
            .or_else(|| candidate.strip_prefix("The "))
            .unwrap_or(candidate);
        if !looks_like_name(candidate) {
            continue;
        }
        if marked || is_acronym_of(candidate, name) {
            return Some(candidate.to_string());
        }
    }
    None
}

/// One to five words, each starting with a capital (or a digit), no sentence punctuation.
fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 5
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
        && !s.contains(['.', '!', '?', ':', '"'])
}

/// "EU" for "European Union", "IS" for "Islamic State": the capitals of the longer name's
/// words (small words skipped) spell the acronym.
pub fn is_acronym_of(acronym: &str, name: &str) -> bool {
    let letters: String = acronym.chars().filter(|c| *c != '.').collect();
    if letters.chars().count() < 2
        || letters.chars().count() > 8
        || !letters
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit())
    {
        return false;
    }
    let initials: String = initials(name);
    initials.len() >= 2 && initials == letters
}

/// The capitals that begin the words of a name, small words skipped.
pub fn initials(name: &str) -> String {
    const SMALL: &[&str] = &["of", "the", "and", "for", "de", "du", "la", "le", "&"];
    name.split([' ', '-'])
        .filter(|w| !w.is_empty() && !SMALL.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().next())
        .map(|c| c.to_uppercase().next().unwrap_or(c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_currencies_and_page_furniture_are_not_names() {
        let a = analyze(&[
            "Photo: Ana Reis / Velmora Pictures",
            "Twelve countries pledged EUR 40 million to the Velmora Trust on Monday.",
        ]);
        let kinds = |s: &str| -> Vec<Kind> {
            a.mentions
                .iter()
                .filter(|m| m.surface == s)
                .map(|m| m.kind)
                .collect()
        };
        assert_eq!(kinds("Photo"), vec![]);
        assert_eq!(kinds("Twelve"), vec![]);
        assert_eq!(kinds("Twelve countries"), vec![Kind::Quantity]);
        assert_eq!(kinds("EUR"), vec![]);
        assert_eq!(kinds("EUR 40 million"), vec![Kind::Money]);
        assert_eq!(kinds("Monday"), vec![Kind::Date]);
    }

    #[test]
    fn all_capital_and_title_case_headlines_do_not_wreck_tagging() {
        for headline in [
            "STORM HALTS TRAINS BETWEEN LISBON AND MADRID",
            "Storm Halts Trains Between Lisbon and Madrid",
        ] {
            let a = analyze(&[
                headline,
                "On Friday trains between Lisbon and Madrid stopped, the operator said.",
            ]);
            let in_headline: Vec<(String, Kind)> = a
                .mentions
                .iter()
                .filter(|m| m.para == 0)
                .map(|m| (m.surface.to_lowercase(), m.kind))
                .collect();
            assert_eq!(
                in_headline,
                [
                    ("lisbon".to_string(), Kind::Place),
                    ("madrid".to_string(), Kind::Place)
                ],
                "{headline}"
            );
        }
    }

    #[test]
    fn titles_make_people() {
        let t = "Talks: Mr Apple met Dr. Lin Bo and Ms Tarn Holdings Group, not Mrsa Vell.";
        let at = |s: &str| {
            let i = t.find(s).unwrap();
            titled(t, i, i + s.len())
        };
        assert!(at("Apple"));
        assert!(at("Mr Apple"));
        assert!(at("Lin Bo"));
        assert!(
            !at("Ms Tarn Holdings Group"),
            "too long for a person's name"
        );
        assert!(!at("Vell"));
        assert!(!at("Talks"));
    }

    #[test]
    fn a_run_of_text_too_long_for_a_name_is_none() {
        assert!(never_a_name(&"Velmora".repeat(40)));
        assert!(!never_a_name(
            "International Bank for Reconstruction and Development"
        ));
    }

    #[test]
    fn names_spread_to_their_other_places_but_not_into_shouting() {
        let text =
            "Islamic State (IS) lost ground.\n\nIS fighters left; ISIS did not.\n\nTHE WAR IS OVER";
        let names = [(0, 13, Kind::Org)];
        let forms = vec![
            ("Islamic State".to_string(), Kind::Org),
            ("IS".to_string(), Kind::Org),
        ];
        let shouting = Shouting::of(text);
        let found: Vec<&str> =
            super::super::spread::spread(text, &names, forms, |at| shouting.at(at))
                .iter()
                .map(|&(s, e, _)| &text[s..e])
                .collect();
        assert_eq!(
            found,
            ["IS", "IS"],
            "the bracket and 'IS fighters', not ISIS or the caps"
        );
    }

    #[test]
    fn acronyms() {
        assert!(is_acronym_of("EU", "European Union"));
        assert!(is_acronym_of("U.N.", "United Nations"));
        assert!(is_acronym_of("IS", "Islamic State"));
        assert!(is_acronym_of("NATO", "North Atlantic Treaty Organization"));
        assert!(!is_acronym_of("EU", "Eastern Ukraine Office"));
        assert!(!is_acronym_of("Eu", "European Union"));
        assert!(!is_acronym_of("E", "Europe"));
    }

    #[test]
    fn brackets_declare_aliases_only_when_they_are_names_for_it() {
        assert_eq!(
            declared_alias(" (IS, formerly ISIS) said", "Islamic State").as_deref(),
            Some("IS")
        );
        assert_eq!(
            declared_alias(" group (IS) said", "Islamic State").as_deref(),
            Some("IS")
        );
        assert_eq!(
            declared_alias(" (another name for IS) were", "Daesh").as_deref(),
            Some("IS")
        );
        assert_eq!(
            declared_alias(" (also known as the Harbour Board)", "Port Authority").as_deref(),
            Some("Harbour Board")
        );
        assert_eq!(declared_alias(" (Zorbia) won", "Mira Volant"), None);
        assert_eq!(declared_alias(" (2:03.5)", "Mira Volant"), None);
        assert_eq!(declared_alias(" said (IS)", "Islamic State"), None);
    }

    #[test]
    fn mentions_are_per_paragraph_with_names_and_values() {
        let paras = [
            "Talks in Velmora",
            "Foreign minister Tomas Arkwell met Ines Corvo in Velmora on Thursday, \
             and pledged $200 million to the Northern Grain Council (NGC).",
            "Arkwell said 21 countries had joined, and Ms Corvo agreed. The NGC was pleased.",
            "THE NGC IS HERE",
        ];
        let a = analyze(&paras);
        let find = |s: &str| a.mentions.iter().find(|m| m.surface == s);
        let arkwell = find("Tomas Arkwell").expect("full name");
        assert_eq!((arkwell.para, arkwell.kind), (1, Kind::Person));
        assert_eq!(&paras[1][arkwell.start..arkwell.end], "Tomas Arkwell");
        assert_eq!(find("Thursday").map(|m| m.kind), Some(Kind::Date));
        assert_eq!(find("$200 million").map(|m| m.kind), Some(Kind::Money));
        assert_eq!(find("21 countries").map(|m| m.kind), Some(Kind::Quantity));
        assert_eq!(find("Arkwell").map(|m| m.para), Some(2));
        // The declared alias is a mention too, there and wherever else the text uses it.
        let ngc: Vec<&Found> = a
            .mentions
            .iter()
            .filter(|m| m.surface == "NGC" && m.para < 3)
            .collect();
        assert_eq!(ngc.len(), 2, "{:?}", a.mentions);
        assert!(ngc.iter().all(|m| m.kind == Kind::Org));
        let council = a
            .mentions
            .iter()
            .position(|m| m.surface == "Northern Grain Council")
            .expect("the council is a name");
        assert!(a.aliases.contains(&(council, "NGC".to_string())));
        // Reading order, and in_para finds a paragraph's mentions.
        for w in a.mentions.windows(2) {
            assert!((w[0].para, w[0].start) <= (w[1].para, w[1].start));
        }
        assert!(a.in_para(2).all(|i| a.mentions[i].para == 2));
        assert!(!a.in_para(2).is_empty());
    }
}
