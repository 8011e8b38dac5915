//! Notes as a document people read and share: Markdown with YAML front matter, grouped by
//! article or by tag, each note as its passage in a block quote, its tags, its text and a
//! block reference. Pure: the articles, the notes and the export time come in, a string goes
//! out. (`w3c` writes the same notes as data.)

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::anchor::{Anchoring, reanchor_in};
use super::markdown as md;
use super::model::Note;
use crate::ingest::Article;

/// Everything an export is made from, gathered with no I/O.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportInput {
    /// The briefing's name.
    pub briefing: String,
    /// When the export was made (RFC 3339); only the Markdown says it.
    pub exported: String,
    /// Articles with notes whose passage is in the text, in the briefing's order.
    pub articles: Vec<ArticleNotes>,
    /// Notes whose passage is no longer in their article (or whose article is gone).
    pub orphans: Vec<Orphan>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleNotes {
    /// The article's key (what its notes name as their source).
    pub key: String,
    pub title: String,
    pub byline: Option<String>,
    pub published: Option<String>,
    /// The article's URL when it has one, else its path.
    pub location: String,
    /// In reading order.
    pub notes: Vec<Placed>,
}

/// A note and the passage it is on, as the article reads now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub note: Note,
    pub passage: String,
    /// Other outlets carrying the passage, when the stories are known (the reader's export).
    pub also_in: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Orphan {
    /// The article's title, or the note's source when the briefing no longer has it.
    pub article: String,
    pub note: Note,
}

/// An article of the briefing as export needs it: its key (what notes name as their
/// source), the name the list shows, and the article when it could be read.
#[derive(Debug, Clone, Copy)]
pub struct ArticleRef<'a> {
    pub key: &'a str,
    pub name: &'a str,
    pub article: Option<&'a Article>,
}

/// How the Markdown groups the notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupBy {
    #[default]
    Article,
    Tag,
}

/// Places each live note in its article (re-anchoring it to the text as it is now). With
/// `tags`, only notes with at least one of them are kept. Notes whose article is not among
/// `articles` are orphans.
pub fn gather(
    briefing: &str,
    exported: &str,
    articles: &[ArticleRef],
    notes: &[Note],
    tags: &[String],
) -> ExportInput {
    let kept = notes.iter().filter(|n| wanted(n, tags)).cloned().collect();
    gather_owned(briefing, exported, articles, kept, tags)
}

/// `gather` of notes the caller no longer needs: each is moved into the export, not copied
/// (with many notes, memory holds one copy of them, not two).
pub fn gather_owned(
    briefing: &str,
    exported: &str,
    articles: &[ArticleRef],
    notes: Vec<Note>,
    tags: &[String],
) -> ExportInput {
    let mut input = ExportInput {
        briefing: briefing.to_string(),
        exported: exported.to_string(),
        articles: Vec::new(),
        orphans: Vec::new(),
    };
    // Each article's notes, found in one pass over the notes (not one per article).
    let mut by_source: HashMap<String, Vec<Note>> = HashMap::new();
    for n in notes.into_iter().filter(|n| wanted(n, tags)) {
        by_source
            .entry(n.target.source.clone())
            .or_default()
            .push(n);
    }
    for a in articles {
        let mut mine = by_source.remove(a.key).unwrap_or_default();
        mine.sort_by(|x, y| order_key(x).cmp(&order_key(y)));
        let Some(article) = a.article else {
            input.orphans.extend(mine.into_iter().map(|note| Orphan {
                article: a.name.to_string(),
                note,
            }));
            continue;
        };
        if mine.is_empty() {
            continue;
        }
        // Split into characters once for all the article's notes.
        let text: Vec<char> = article.plain_text().chars().collect();
        let mut placed = Vec::new();
        for note in mine {
            match reanchor_in(&text, &note.target) {
                Anchoring::Found { start, end, .. } => placed.push((start, end, note)),
                Anchoring::Orphan => input.orphans.push(Orphan {
                    article: article.title.clone(),
                    note,
                }),
            }
        }
        if placed.is_empty() {
            continue;
        }
        placed.sort_by(|x, y| x.0.cmp(&y.0).then(order_key(&x.2).cmp(&order_key(&y.2))));
        input.articles.push(ArticleNotes {
            key: a.key.to_string(),
            title: article.title.clone(),
            byline: article.byline.clone(),
            published: article.published.clone(),
            location: article.link.clone().unwrap_or_else(|| a.key.to_string()),
            notes: placed
                .into_iter()
                .map(|(start, end, note)| Placed {
                    note,
                    passage: text[start..end.min(text.len())].iter().collect(),
                    also_in: Vec::new(),
                })
                .collect(),
        });
    }
    // What is left is on articles the briefing does not have.
    let mut strays: Vec<Note> = by_source.into_values().flatten().collect();
    strays.sort_by(|x, y| {
        x.target
            .source
            .cmp(&y.target.source)
            .then(order_key(x).cmp(&order_key(y)))
    });
    input.orphans.extend(strays.into_iter().map(|note| Orphan {
        article: note.target.source.clone(),
        note,
    }));
    input
}

/// A live note with one of `tags`, or any live note when there are none.
fn wanted(n: &Note, tags: &[String]) -> bool {
    !n.deleted && (tags.is_empty() || n.tags.iter().any(|t| tags.contains(t)))
}

/// Where a note was, then when it was made: a stable order for notes on the same place.
fn order_key(n: &Note) -> (Option<usize>, &str, &str) {
    (n.target.position().map(|p| p.0), &n.created, &n.id)
}

impl ExportInput {
    /// Every note in the export, in document order.
    pub fn notes(&self) -> impl Iterator<Item = &Note> {
        self.articles
            .iter()
            .flat_map(|a| a.notes.iter().map(|p| &p.note))
            .chain(self.orphans.iter().map(|o| &o.note))
    }

    /// The tags used, sorted.
    pub fn tags(&self) -> Vec<String> {
        let set: BTreeSet<&String> = self.notes().flat_map(|n| &n.tags).collect();
        set.into_iter().cloned().collect()
    }

    /// How many articles the export has notes on.
    fn article_count(&self) -> usize {
        let titles: HashSet<&str> = self
            .articles
            .iter()
            .map(|a| a.title.as_str())
            .chain(self.orphans.iter().map(|o| o.article.as_str()))
            .collect();
        titles.len()
    }
}

/// The Markdown document: front matter, a title, the notes grouped by article or by tag,
/// then the notes whose passage was not found.
pub fn to_markdown(input: &ExportInput, by: GroupBy) -> String {
    let mut out = front_matter(input);
    out.push_str(&format!(
        "# Notes on {}\n\n",
        md::plain_inline(&input.briefing)
    ));
    if input.notes().next().is_none() {
        out.push_str("No notes.\n");
        return out;
    }
    let mut referenced = HashSet::new();
    match by {
        GroupBy::Article => {
            for a in &input.articles {
                out.push_str(&format!("## {}\n\n", md::plain_inline(&a.title)));
                write_article_notes(&mut out, a, a.notes.iter().collect(), &mut referenced);
            }
        }
        GroupBy::Tag => {
            // Each tag's notes by article, found in one pass over the notes (not one per tag).
            let mut groups: BTreeMap<Option<&str>, Vec<(usize, Vec<&Placed>)>> = BTreeMap::new();
            for (at, a) in input.articles.iter().enumerate() {
                for p in &a.notes {
                    let tags: Vec<Option<&str>> = match p.note.tags.is_empty() {
                        true => vec![None],
                        false => p.note.tags.iter().map(|t| Some(t.as_str())).collect(),
                    };
                    for tag in tags {
                        let by_article = groups.entry(tag).or_default();
                        match by_article.last_mut() {
                            Some((last, notes)) if *last == at => {
                                // A tag written twice on a note lists the note once.
                                if !notes.last().is_some_and(|q| std::ptr::eq(*q, p)) {
                                    notes.push(p);
                                }
                            }
                            _ => by_article.push((at, vec![p])),
                        }
                    }
                }
            }
            // A heading per tag ("## #quote": Obsidian reads the tag in it), untagged last.
            let untagged = groups.remove(&None);
            let ordered = groups
                .into_iter()
                .map(|(tag, notes)| {
                    let t = tag.unwrap_or_default();
                    let heading =
                        md::tag(t).map_or_else(|| md::plain_inline(t), |h| format!("#{h}"));
                    (heading, notes)
                })
                .chain(untagged.map(|notes| ("Untagged".to_string(), notes)));
            for (heading, by_article) in ordered {
                out.push_str(&format!("## {heading}\n\n"));
                for (at, notes) in by_article {
                    let a = &input.articles[at];
                    out.push_str(&format!("### {}\n\n", md::plain_inline(&a.title)));
                    write_article_notes(&mut out, a, notes, &mut referenced);
                }
            }
        }
    }
    if !input.orphans.is_empty() {
        out.push_str("## Not found in the current text\n\n");
        out.push_str(
            "These notes' passages are no longer in their articles; each shows its last known \
             quote.\n\n",
        );
        let mut last: Option<&str> = None;
        for o in &input.orphans {
            if last != Some(o.article.as_str()) {
                out.push_str(&format!("### {}\n\n", md::plain_inline(&o.article)));
                last = Some(&o.article);
            }
            let quote = o.note.target.quote().map(|q| q.0).unwrap_or("");
            write_note(&mut out, &o.note, (quote, &[]), &mut referenced);
        }
    }
    out
}

fn front_matter(input: &ExportInput) -> String {
    let mut out = String::from("---\n");
    out.push_str(&format!("briefing: {}\n", md::yaml_string(&input.briefing)));
    out.push_str(&format!("exported: {}\n", md::yaml_string(&input.exported)));
    out.push_str(&format!("articles: {}\n", input.article_count()));
    out.push_str(&format!("notes: {}\n", input.notes().count()));
    let tags: BTreeSet<String> = input.tags().iter().filter_map(|t| md::tag(t)).collect();
    if tags.is_empty() {
        out.push_str("tags: []\n");
    } else {
        out.push_str("tags:\n");
        for t in tags {
            out.push_str(&format!("  - {}\n", md::yaml_string(&t)));
        }
    }
    out.push_str("---\n\n");
    out
}

fn write_article_notes(
    out: &mut String,
    a: &ArticleNotes,
    notes: Vec<&Placed>,
    referenced: &mut HashSet<String>,
) {
    let mut about: Vec<String> = [&a.byline, &a.published]
        .into_iter()
        .flatten()
        .map(|s| md::plain_inline(s))
        .filter(|s| !s.is_empty())
        .collect();
    about.push(location(&a.location));
    out.push_str(&about.join(" \u{b7} "));
    out.push_str("\n\n");
    for p in notes {
        write_note(out, &p.note, (&p.passage, &p.also_in), referenced);
    }
}

/// A web address as a link, anything else (a path) as code.
pub(crate) fn location(text: &str) -> String {
    let web = (text.starts_with("https://") || text.starts_with("http://"))
        && !text.contains(|c: char| c.is_whitespace() || c.is_control() || c == '<' || c == '>');
    if web {
        format!("<{text}>")
    } else {
        md::code_span(text)
    }
}

/// One note: the passage quoted, its tags, its text, and its block reference (the first time
/// the note appears in the document).
/// (The passage, and the other outlets carrying it.)
fn write_note(
    out: &mut String,
    note: &Note,
    (passage, also_in): (&str, &[String]),
    referenced: &mut HashSet<String>,
) {
    out.push_str(&md::block_quote(passage));
    out.push_str("\n\n");
    if !also_in.is_empty() {
        let names: Vec<String> = also_in.iter().map(|o| md::plain_inline(o)).collect();
        out.push_str(&format!("also in: {}\n\n", names.join(", ")));
    }
    let tags: Vec<String> = note
        .tags
        .iter()
        .filter_map(|t| md::tag(t))
        .map(|t| format!("#{t}"))
        .collect();
    if !tags.is_empty() {
        out.push_str(&tags.join(" "));
        out.push_str("\n\n");
    }
    if !note.text.trim().is_empty() {
        out.push_str(&md::note(&note.text));
        out.push_str("\n\n");
    }
    let id = md::block_id(&note.id);
    if referenced.insert(id.clone()) {
        out.push_str(&format!("^{id}\n\n"));
    }
}
