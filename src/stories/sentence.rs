//! The engine's view of one article: its sentences and the quotes in them, what it brings to
//! the grouping (names, title words, day), and the conflicts found on matched sentences.

use std::collections::HashMap;
use std::ops::Range;

use super::conflicts::{Conflict, ConflictKind, differing_figures};
use super::fingerprint::mix;
use super::group::Features;
use super::near::Statements;
use super::{ArticleStory, Input, Sentence};
use crate::analysis::aliases;
use crate::analysis::entities::Kind;
use crate::ingest::{Article, ParagraphKind};

/// The sentences of the article's text (body paragraphs and headings; captions are not the
/// article's words).
pub fn split_article(article: &Article) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (p, para) in article.paragraphs.iter().enumerate() {
        if para.kind == ParagraphKind::Caption {
            continue;
        }
        for range in crate::sentences::split(&para.text) {
            if para.text[range.clone()].trim().is_empty() {
                continue;
            }
            out.push(Sentence::new(p as u32, range));
        }
    }
    // Kept as long as the briefing is open: no spare capacity.
    out.shrink_to_fit();
    out
}

/// The quoted passages of a sentence, inside their marks: “…”, "…", «…», „…“. A quote left
/// open runs to the end of the sentence.
pub fn quotes(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        match open {
            None => {
                let close = match c {
                    '\u{201c}' => '\u{201d}',
                    '"' => '"',
                    '\u{ab}' => '\u{bb}',
                    '\u{201e}' => '\u{201c}',
                    _ => continue,
                };
                open = Some((i + c.len_utf8(), close));
            }
            Some((start, close)) if c == close => {
                out.push(start..i);
                open = None;
            }
            Some(_) => {}
        }
    }
    if let Some((start, _)) = open
        && start < text.len()
    {
        out.push(start..text.len());
    }
    out
}

/// A name's briefing-wide id: the entity index's when it knows the mention, else a hash of
/// the name's matching form.
fn name_id(index: Option<&aliases::Index>, article: usize, mention: usize, surface: &str) -> u32 {
    index
        .and_then(|ix| ix.entity_of(article, mention))
        .unwrap_or_else(|| {
            let key = aliases::key(surface);
            (mix(key.bytes().fold(0u64, |h, b| mix(h ^ u64::from(b)))) as u32) | 1 << 31
        })
}

/// What article `a` brings to the grouping.
pub fn features(a: usize, input: &Input, index: Option<&aliases::Index>) -> Features {
    let mut names: HashMap<u32, (u32, bool)> = HashMap::new();
    if let Some(entities) = input.entities {
        for (m, found) in entities.mentions.iter().enumerate() {
            if !found.kind.is_name() {
                continue;
            }
            let entry = names
                .entry(name_id(index, a, m, entities.surface(found)))
                .or_default();
            entry.0 += 1;
            entry.1 |= found.para <= 1;
        }
    }
    let mut names: Vec<(u32, f32)> = names
        .into_iter()
        .map(|(id, (count, lead))| {
            let weight = 1.0 + (count as f32).ln() + if lead { 0.5 } else { 0.0 };
            (id, weight)
        })
        .collect();
    names.sort_unstable_by_key(|x| x.0);
    let mut title: Vec<u64> = input
        .article
        .title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(|w| {
            let w = w.to_lowercase();
            w.bytes().fold(0u64, |h, b| mix(h ^ u64::from(b)))
        })
        .collect();
    title.sort_unstable();
    title.dedup();
    Features {
        names,
        title,
        day: input.article.published.as_deref().and_then(day_number),
        sentences: 0,
    }
}

/// Days from 1970-01-01 of a date that starts "YYYY-MM-DD".
pub fn day_number(date: &str) -> Option<i64> {
    let d = date.get(..10)?;
    let mut parts = d.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let day: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// How many wordings of one statement are compared with each other.
const COMPARE_CLASSES: usize = 8;

/// Conflicts on matched sentences of different outlets: differing figures on sentences of one
/// statement, and a quote attributed to different people. Units with the very same words
/// cannot differ, so one unit per wording is compared, and what it finds is told to every
/// unit of that wording: a statement repeated by thousands of articles costs its wordings.
pub fn find_conflicts(
    inputs: &[Input],
    index: Option<&aliases::Index>,
    statements: &Statements,
    articles: &mut [ArticleStory],
) {
    let text = |u: &near::Unit, articles: &[ArticleStory]| -> String {
        let sentence = &articles[u.article as usize].sentences[u.sentence as usize];
        inputs[u.article as usize].article.paragraphs[sentence.para as usize].text[sentence.range()]
            .to_string()
    };
    // Each statement on its own, on every core; the conflicts are told in statement order.
    let found: Vec<(near::Unit, Conflict)> = {
        let articles: &[ArticleStory] = articles;
        let of_statement = |units: &[(near::Unit, u32)]| -> Vec<(near::Unit, Conflict)> {
            let mut found = Vec::new();
            // The first unit of each wording.
            let mut reps: Vec<(near::Unit, u32)> = Vec::new();
            for &(u, class) in units {
                if reps.len() < COMPARE_CLASSES && !reps.iter().any(|r| r.1 == class) {
                    reps.push((u, class));
                }
            }
            speaker_conflicts(inputs, index, units, articles, &mut found);
            if reps.len() < 2 {
                return found;
            }
            for (i, (x, cx)) in reps.iter().enumerate() {
                for (y, cy) in &reps[i + 1..] {
                    let mut differences: Vec<(ConflictKind, String, String)> = Vec::new();
                    if x.part == 0 && y.part == 0 {
                        let (tx, ty) = (text(x, articles), text(y, articles));
                        for (h, t) in differing_figures(&tx, &ty) {
                            differences.push((ConflictKind::Figure, h, t));
                        }
                    }
                    // Told to every unit of each wording whose outlet differs from the other's.
                    for (kind, h, t) in differences {
                        for &(u, c) in units {
                            let (other, here, there) = if c == *cx {
                                (y, &h, &t)
                            } else if c == *cy {
                                (x, &t, &h)
                            } else {
                                continue;
                            };
                            if articles[u.article as usize].outlet
                                == articles[other.article as usize].outlet
                            {
                                continue;
                            }
                            found.push((
                                u,
                                Conflict {
                                    kind,
                                    here: here.clone(),
                                    there: there.clone(),
                                    article: other.article,
                                    sentence: other.sentence,
                                },
                            ));
                        }
                    }
                }
            }
            found
        };
        let all: Vec<&[(near::Unit, u32)]> = statements.each().collect();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let part = all.len().div_ceil(cores).max(1);
        std::thread::scope(|scope| {
            let of_statement = &of_statement;
            let workers: Vec<_> = all
                .chunks(part)
                .map(|chunk| {
                    scope.spawn(move || {
                        chunk
                            .iter()
                            .flat_map(|u| of_statement(u))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect::<Vec<_>>()
        })
    };
    for (u, conflict) in found {
        articles[u.article as usize].sentences[u.sentence as usize].add_conflict(conflict);
    }
}

use super::near;

/// A quote of one statement put in different mouths: the same words can be given to
/// different people, so each unit's speaker is found (once per unit) and every unit is told
/// the first unit of each other speaker.
fn speaker_conflicts(
    inputs: &[Input],
    index: Option<&aliases::Index>,
    units: &[(near::Unit, u32)],
    articles: &[ArticleStory],
    found: &mut Vec<(near::Unit, Conflict)>,
) {
    let speakers: Vec<(near::Unit, u32, String)> = units
        .iter()
        .filter_map(|(u, _)| speaker(inputs, index, u, articles).map(|(id, name)| (*u, id, name)))
        .collect();
    let mut firsts: Vec<&(near::Unit, u32, String)> = Vec::new();
    for s in &speakers {
        if firsts.len() < COMPARE_CLASSES && !firsts.iter().any(|f| f.1 == s.1) {
            firsts.push(s);
        }
    }
    if firsts.len() < 2 {
        return;
    }
    for (u, id, name) in &speakers {
        for (other, other_id, other_name) in &firsts {
            if id == other_id
                || articles[u.article as usize].outlet == articles[other.article as usize].outlet
            {
                continue;
            }
            found.push((
                *u,
                Conflict {
                    kind: ConflictKind::Speaker,
                    here: name.clone(),
                    there: other_name.clone(),
                    article: other.article,
                    sentence: other.sentence,
                },
            ));
        }
    }
}

/// The person a quoted unit is attributed to: the person named in its sentence, outside the
/// quotes, nearest to the quote. Its id and name.
fn speaker(
    inputs: &[Input],
    index: Option<&aliases::Index>,
    unit: &near::Unit,
    articles: &[ArticleStory],
) -> Option<(u32, String)> {
    let input = &inputs[unit.article as usize];
    let entities = input.entities?;
    let sentence = &articles[unit.article as usize].sentences[unit.sentence as usize];
    let text = &input.article.paragraphs[sentence.para as usize].text[sentence.range()];
    let quoted = quotes(text);
    let quote = if unit.part == 0 {
        // A whole sentence matched: its attribution is only worth comparing if it quotes.
        quoted.first()?.clone()
    } else {
        quoted.get(unit.part as usize - 1)?.clone()
    };
    let base = sentence.range().start;
    entities
        .in_para(sentence.para as usize)
        .filter_map(|m| {
            let found = &entities.mentions[m];
            let (start, end) = (
                (found.start as usize).checked_sub(base)?,
                (found.end as usize).checked_sub(base)?,
            );
            let inside_sentence =
                (found.start as usize) >= base && (found.end as usize) <= sentence.range().end;
            let in_a_quote = quoted.iter().any(|q| start < q.end && end > q.start);
            (found.kind == Kind::Person && inside_sentence && !in_a_quote).then(|| {
                let distance = if end <= quote.start {
                    quote.start - end
                } else {
                    start.saturating_sub(quote.end)
                };
                (distance, m, entities.surface(found).to_string())
            })
        })
        .min_by_key(|x| x.0)
        .map(|(_, m, surface)| {
            let known = index.and_then(|ix| ix.entity_of(unit.article as usize, m));
            // Without the entity index, "Kerry" and "John Kerry" meet by the last name.
            let id = known.unwrap_or_else(|| {
                let last = surface.rsplit(' ').next().unwrap_or(&surface);
                name_id(None, 0, 0, last)
            });
            (id, surface)
        })
}
