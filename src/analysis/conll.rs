//! The CoNLL-2003 layout: one token per line with its columns (the token first, the NER tag
//! last), blank lines between sentences, `-DOCSTART-` lines between documents. Only the token
//! column is used for prediction; the POS and chunk columns are ignored (article text has
//! none). Gold tags may be IOB1, as in the original files, and are read as BIO.

use super::train::Doc;
use super::{EntityKind, Tag, Tagger};

/// Line indices of each sentence, grouped by document.
fn structure(lines: &[&str]) -> Vec<Vec<Vec<usize>>> {
    let mut docs: Vec<Vec<Vec<usize>>> = vec![Vec::new()];
    let mut sent: Vec<usize> = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let first = line.split_whitespace().next();
        if first.is_none() || first == Some("-DOCSTART-") {
            if !sent.is_empty() {
                docs.last_mut()
                    .expect("one document")
                    .push(std::mem::take(&mut sent));
            }
            if first.is_some() && docs.last().is_some_and(|d| !d.is_empty()) {
                docs.push(Vec::new());
            }
        } else {
            sent.push(n);
        }
    }
    if !sent.is_empty() {
        docs.last_mut().expect("one document").push(sent);
    }
    docs.retain(|d| !d.is_empty());
    docs
}

/// Gold tags from the last column, IOB1 or BIO, as BIO: an I after O or after another type
/// begins an entity.
fn bio(labels: &[&str]) -> Vec<Tag> {
    let mut out: Vec<Tag> = Vec::with_capacity(labels.len());
    for label in labels {
        let (prefix, kind) = label.split_once('-').unwrap_or(("O", ""));
        let tag = match (prefix, EntityKind::from_conll(kind)) {
            ("B", Some(k)) => Tag::B(k),
            ("I", Some(k)) => match out.last() {
                Some(Tag::B(p) | Tag::I(p)) if *p == k => Tag::I(k),
                _ => Tag::B(k),
            },
            _ => Tag::O,
        };
        out.push(tag);
    }
    out
}

/// Reads a tagged file into training documents.
pub fn read_training(input: &str) -> Vec<Doc> {
    let lines: Vec<&str> = input.lines().collect();
    structure(&lines)
        .into_iter()
        .map(|doc| Doc {
            sentences: doc
                .into_iter()
                .map(|sent| {
                    let cols: Vec<Vec<&str>> = sent
                        .iter()
                        .map(|&n| lines[n].split_whitespace().collect())
                        .collect();
                    let words = cols.iter().map(|c| c[0].to_string()).collect();
                    let labels: Vec<&str> = cols
                        .iter()
                        .map(|c| if c.len() > 1 { c[c.len() - 1] } else { "O" })
                        .collect();
                    (words, bio(&labels).into_iter().map(Tag::index).collect())
                })
                .collect(),
        })
        .collect()
}

/// Tags a file in the CoNLL layout with the embedded model: every input line comes back with
/// the predicted BIO tag appended as its last column; `-DOCSTART-` and blank lines are kept.
pub fn conll_predict(input: &str) -> String {
    predict_with(&Tagger::embedded(), input)
}

/// [`conll_predict`] with a given model.
pub fn predict_with(tagger: &Tagger, input: &str) -> String {
    let lines: Vec<&str> = input.lines().collect();
    let mut tags: Vec<Option<Tag>> = vec![None; lines.len()];
    for doc in structure(&lines) {
        let words: Vec<Vec<&str>> = doc
            .iter()
            .map(|s| {
                s.iter()
                    .map(|&n| lines[n].split_whitespace().next().unwrap_or(""))
                    .collect()
            })
            .collect();
        for (sent, pred) in doc.iter().zip(tagger.tag_document(&words)) {
            for (&n, tag) in sent.iter().zip(pred) {
                tags[n] = Some(tag);
            }
        }
    }
    let mut out = String::with_capacity(input.len() + lines.len() * 6);
    for (line, tag) in lines.iter().zip(tags) {
        out.push_str(line);
        if let Some(tag) = tag {
            out.push(' ');
            out.push_str(&tag.conll());
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_iob1_as_bio_and_keeps_the_layout() {
        // Invented lines in the CoNLL layout.
        let text = "-DOCSTART- -X- O O\n\nMira NNP I-NP I-PER\nVolant NNP I-NP I-PER\n\
                    met NN I-NP O\nZorbia NNP I-NP I-LOC\n. . O O\n\n-DOCSTART- -X- O O\n\n\
                    Quell NNP I-NP I-ORG\nB-Labs NNP I-NP B-ORG\n";
        let docs = read_training(text);
        assert_eq!(docs.len(), 2);
        let per = Tag::B(EntityKind::Person).index();
        let iper = Tag::I(EntityKind::Person).index();
        let loc = Tag::B(EntityKind::Place).index();
        assert_eq!(docs[0].sentences[0].1, [per, iper, 0, loc, 0]);
        let org = Tag::B(EntityKind::Org).index();
        assert_eq!(docs[1].sentences[0].1, [org, org]);
        let out = conll_predict(text);
        assert_eq!(out.lines().count(), text.lines().count());
        for (a, b) in text.lines().zip(out.lines()) {
            assert!(b.starts_with(a));
            assert_eq!(a.is_empty() || a.starts_with("-DOCSTART-"), a == b);
        }
    }
}
