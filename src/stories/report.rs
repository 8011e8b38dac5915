//! What `briefly stories` and `briefly compare` print: pure functions from the engine's value
//! to text. Articles are named as the reader names them (`Input::label`).

use serde_json::{Value, json};

use super::{Input, Stories};

/// A field of a TSV line: tabs and line breaks become spaces.
fn field(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn sentence_text<'a>(inputs: &'a [Input], stories: &Stories, a: usize, s: usize) -> &'a str {
    let sentence = &stories.articles[a].sentences[s];
    &inputs[a].article.paragraphs[sentence.para as usize].text[sentence.range()]
}

/// One line per article, story by story: story number, story title, path, outlet, sources,
/// published, title.
pub fn stories_tsv(inputs: &[Input], stories: &Stories) -> String {
    let mut out = String::from("story\tstory_title\tpath\toutlet\tsources\tpublished\ttitle\n");
    for (n, story) in stories.stories.iter().enumerate() {
        for &a in &story.articles {
            let (input, info) = (&inputs[a as usize], &stories.articles[a as usize]);
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                n + 1,
                field(&story.title),
                field(input.label),
                field(&info.outlet),
                field(&info.sources.join("; ")),
                field(input.article.published.as_deref().unwrap_or("")),
                field(&input.article.title),
            ));
        }
    }
    out
}

/// The list of stories, each with its articles.
pub fn stories_json(inputs: &[Input], stories: &Stories) -> Value {
    Value::Array(
        stories
            .stories
            .iter()
            .enumerate()
            .map(|(n, story)| {
                json!({
                    "story": n + 1,
                    "title": story.title,
                    "outlets": story.outlets,
                    "first": story.first,
                    "last": story.last,
                    "articles": story.articles.iter().map(|&a| {
                        let (input, info) = (&inputs[a as usize], &stories.articles[a as usize]);
                        json!({
                            "path": input.label,
                            "outlet": info.outlet,
                            "sources": info.sources,
                            "title": input.article.title,
                            "published": input.article.published,
                        })
                    }).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}

/// Every article with its sentences, each with the other articles carrying it and its
/// conflicts.
pub fn compare_json(inputs: &[Input], stories: &Stories) -> Value {
    let label = |a: u32| inputs[a as usize].label;
    Value::Array(
        stories
            .articles
            .iter()
            .enumerate()
            .map(|(a, info)| {
                let sentences: Vec<Value> = (0..info.sentences.len())
                    .map(|s| {
                        let conflicts: Vec<Value> = info.sentences[s]
                            .conflicts()
                            .iter()
                            .map(|c| {
                                json!({
                                    "kind": c.kind.label(),
                                    "here": c.here,
                                    "there": c.there,
                                    "in": label(c.article),
                                })
                            })
                            .collect();
                        let mut v = json!({
                            "text": sentence_text(inputs, stories, a, s),
                            "also_in": stories.also_in(a, s).into_iter().map(label).collect::<Vec<_>>(),
                        });
                        if !conflicts.is_empty() {
                            v["conflicts"] = Value::Array(conflicts);
                        }
                        v
                    })
                    .collect();
                json!({
                    "path": inputs[a].label,
                    "outlet": info.outlet,
                    "sources": info.sources,
                    "story": info.story as usize + 1,
                    "sentences": sentences,
                })
            })
            .collect(),
    )
}

/// A report per story: the statements its outlets share, what only each outlet reports, and
/// the figures and attributions they disagree on.
pub fn compare_md(inputs: &[Input], stories: &Stories) -> String {
    let mut out = String::new();
    let name = |a: u32| {
        format!(
            "{} ({})",
            stories.articles[a as usize].outlet, inputs[a as usize].label
        )
    };
    for (n, story) in stories.stories.iter().enumerate() {
        out.push_str(&format!("# Story {}: {}\n\n", n + 1, story.title));
        let dates = match (&story.first, &story.last) {
            (Some(f), Some(l)) if f != l => format!(", {f} to {l}"),
            (Some(f), _) => format!(", {f}"),
            _ => String::new(),
        };
        out.push_str(&format!(
            "{} article{}, {} outlet{}{dates}: {}\n\n",
            story.articles.len(),
            plural(story.articles.len()),
            story.outlets,
            plural(story.outlets),
            story
                .articles
                .iter()
                .map(|&a| name(a))
                .collect::<Vec<_>>()
                .join(", "),
        ));
        if story.articles.len() < 2 {
            continue;
        }
        let in_story = |list: Vec<u32>| -> Vec<u32> {
            list.into_iter()
                .filter(|&o| stories.articles[o as usize].story as usize == n)
                .collect()
        };
        let mut shown = std::collections::HashSet::new();
        let mut shared = String::new();
        for &a in &story.articles {
            for s in 0..stories.articles[a as usize].sentences.len() {
                let sentence = &stories.articles[a as usize].sentences[s];
                let ids: Vec<u32> = sentence
                    .statement()
                    .iter()
                    .chain(sentence.quotes())
                    .copied()
                    .collect();
                let others = in_story(stories.also_in(a as usize, s));
                // Each statement once: a sentence is shown when its own statement (else its
                // first quote) has not been.
                let fresh = ids.first().is_some_and(|&id| !shown.contains(&id));
                shown.extend(ids.iter().copied());
                if others.is_empty() || !fresh {
                    continue;
                }
                let mut carriers: Vec<String> = std::iter::once(a)
                    .chain(others)
                    .map(|o| stories.articles[o as usize].outlet.clone())
                    .collect();
                carriers.sort();
                carriers.dedup();
                shared.push_str(&format!(
                    "- {} ({})\n",
                    sentence_text(inputs, stories, a as usize, s),
                    carriers.join(", ")
                ));
            }
        }
        if !shared.is_empty() {
            out.push_str("## Shared statements\n\n");
            out.push_str(&shared);
            out.push('\n');
        }
        for &a in &story.articles {
            let only = stories.only_here(a as usize);
            out.push_str(&format!(
                "## Only in {}: {} of {} sentences\n\n",
                name(a),
                only.len(),
                stories.articles[a as usize].sentences.len()
            ));
            for s in only {
                out.push_str(&format!(
                    "- {}\n",
                    sentence_text(inputs, stories, a as usize, s)
                ));
            }
            out.push('\n');
        }
        let mut conflicts = String::new();
        for &a in &story.articles {
            for (s, sentence) in stories.articles[a as usize].sentences.iter().enumerate() {
                for c in sentence.conflicts() {
                    // Each disagreement once, from the side that comes first.
                    if (c.article, c.sentence) < (a, s as u32) {
                        continue;
                    }
                    conflicts.push_str(&format!(
                        "- {}: \"{}\" in {} but \"{}\" in {}: {}\n",
                        c.kind.label(),
                        c.here,
                        name(a),
                        c.there,
                        name(c.article),
                        sentence_text(inputs, stories, a as usize, s),
                    ));
                }
            }
        }
        if !conflicts.is_empty() {
            out.push_str("## Conflicts\n\n");
            out.push_str(&conflicts);
            out.push('\n');
        }
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
