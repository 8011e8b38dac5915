//! Photo captions and credits. A credit is a short line of names ending in an agency
//! ("Ana Silva, AGENCY/File", "Photo: Ana Silva / Outlet"); the line just above it in the
//! same block is its caption. Captions are kept as `Caption` (the reader shows them dimmed,
//! outside the text); a caption cut off with "..." or repeated is dropped.

use super::signals::{
    ends_sentence, first_tokens, is_all_caps, is_capitalised, is_truncated, more_words_than, tokens,
};
use super::{Item, Role};

const CREDIT_WORDS: &[&str] = &[
    "photo:",
    "photo by",
    "photos:",
    "photograph:",
    "photograph by",
    "image:",
    "image by",
    "images:",
    "picture:",
    "pictures:",
    "credit:",
    "photo credit",
    "image credit",
    "illustration:",
    "file photo",
    "image copyright",
    "(photo",
    "(image",
    "[photo",
];

/// Photo agencies and image libraries whose names are not written in capitals.
const AGENCIES: &[&str] = &[
    "getty images",
    "getty",
    "shutterstock",
    "istock",
    "istockphoto",
    "alamy",
    "unsplash",
    "reuters",
    "picture alliance",
];

/// A credit that says so: "Photo: ...", "Image credit ...".
fn has_credit_word(line: &str) -> bool {
    !more_words_than(line, 12) && starts_with_any(line, CREDIT_WORDS)
}

/// A caption that says so, standing after its credit: "Image caption ...".
fn has_caption_word(line: &str) -> bool {
    starts_with_any(line, &["image caption", "media caption"])
}

fn starts_with_any(line: &str, words: &[&str]) -> bool {
    // The words are ASCII, and no other character lower-cases to their letters (see
    // `meta::byline_line`): compared case aside, without a lower-case copy.
    let head = line.trim().as_bytes();
    words.iter().any(|w| {
        head.get(..w.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(w.as_bytes()))
    })
}

/// The last of the names in a credit is an agency: "Ana Silva/Outlet/Getty Images".
fn ends_in_agency(line: &str) -> bool {
    line.rsplit(['/', ','])
        .next()
        .is_some_and(|last| AGENCIES.contains(&tokens(last).join(" ").as_str()))
}

/// A credit by its shape: a few capitalised names with a comma or slash and an agency in
/// capitals, and no sentence.
fn credit_shaped(line: &str) -> bool {
    if more_words_than(line, 7) {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let caps = words
        .iter()
        .filter(|w| is_capitalised(w) || is_name_particle(w))
        .count();
    (2..=7).contains(&words.len())
        && !ends_sentence(line)
        && line.contains([',', '/'])
        && caps * 10 >= words.len() * 7
        && (words.iter().any(|w| w.split(['/', ',']).any(is_all_caps)) || ends_in_agency(line))
}

/// The small words inside names: "de", "van", "al-Rubaye".
fn is_name_particle(word: &str) -> bool {
    let lower = word.to_lowercase();
    let head = lower.split('-').next().unwrap_or("");
    [
        "al", "el", "de", "del", "da", "di", "du", "van", "von", "der", "den", "la", "le", "bin",
        "ibn",
    ]
    .contains(&head)
}

/// "Credit, AGENCY | what the photo shows" or "What it shows. AGENCY/Name Surname".
fn inline_caption(line: &str) -> bool {
    // `split_once(" | ")` and `rsplit_once(". ")`, found by `memchr`'s searcher.
    if let Some(at) = memchr::memmem::find(line.as_bytes(), b" | ") {
        let (head, rest) = (&line[..at], &line[at + 3..]);
        return credit_shaped(head.trim()) && more_words_than(rest, 2);
    }
    let line = line.trim_end();
    match memchr::memmem::rfind(line.as_bytes(), b". ") {
        Some(at) => {
            let tail = &line[at + 2..];
            tail.contains('/') && !more_words_than(tail, 5) && credit_shaped(tail)
        }
        None => false,
    }
}

/// Marks credits and their captions; drops truncated and repeated copies of a caption.
pub fn mark_captions(items: &mut [Item]) {
    for i in 0..items.len() {
        if items[i].role != Role::Body || items[i].verbatim {
            continue;
        }
        let text = items[i].text.as_str();
        if inline_caption(text) || has_caption_word(text) {
            items[i].role = Role::Caption;
            continue;
        }
        let prev = previous_in_block(items, i);
        // A credit by its shape alone stands under its caption, unless it names an agency.
        let credit = has_credit_word(text)
            || (credit_shaped(text) && (prev.is_some() || ends_in_agency(text)));
        if !credit {
            continue;
        }
        items[i].role = Role::Caption;
        // The caption that says so stands after its credit; the line above is the text's.
        if items.get(i + 1).is_some_and(|n| has_caption_word(&n.text)) {
            continue;
        }
        let Some(p) = prev.filter(|&p| items[p].words <= 60) else {
            continue;
        };
        items[p].role = Role::Caption;
        // Further up, only cut-off or repeated versions of the same caption.
        let mut caption = p;
        while let Some(q) = previous_in_block(items, caption) {
            if !same_or_prefix(&items[q].text, &items[caption].text) {
                break;
            }
            items[q].role = Role::Drop;
            caption = q;
        }
    }
    drop_cut_off_copies(items);
}

fn previous_in_block(items: &[Item], i: usize) -> Option<usize> {
    let p = (0..i).rev().find(|&p| items[p].role != Role::Drop)?;
    (items[p].block == items[i].block && items[p].role != Role::Heading).then_some(p)
}

/// Whether `short` says the same as `long` or its beginning (a cut-off copy ends mid-word).
fn same_or_prefix(short: &str, long: &str) -> bool {
    // Captions and teasers are short; a long line is no cut-off copy.
    if more_words_than(short, 80) {
        return false;
    }
    let mut s = tokens(short);
    if is_truncated(short) {
        s.pop();
    }
    s.len() >= 3 && first_tokens(long, s.len()) == s
}

/// A line cut off with "..." just before its full version, and captions cut off anywhere.
fn drop_cut_off_copies(items: &mut [Item]) {
    let mut next: Option<usize> = None;
    for i in (0..items.len()).rev() {
        if items[i].role == Role::Drop {
            continue;
        }
        let cut = is_truncated(&items[i].text);
        // Compared only when cut off: most lines are not, and comparing costs more.
        let copy_of_next = || next.is_some_and(|n| same_or_prefix(&items[i].text, &items[n].text));
        if cut && (items[i].role == Role::Caption || copy_of_next()) {
            // A cut-off caption is no headline either, though it may read like one.
            items[i].furniture |= items[i].role == Role::Caption;
            items[i].role = Role::Drop;
        } else {
            next = Some(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_by_word_and_by_shape() {
        assert!(has_credit_word("Photo: Ana Silva / Example Images"));
        assert!(credit_shaped("Ana Silva, AGENCY/File"));
        assert!(credit_shaped("Ana de Souza, AGENCY"));
        assert!(!credit_shaped("Talks resume in Oslo"));
        assert!(!credit_shaped("Paris, France"));
        assert!(credit_shaped("Ana Silva/Example Times/Getty Images"));
        assert!(!credit_shaped("Ana Silva/Example Times"));
        assert!(has_credit_word("Image copyright Example Agency"));
        assert!(has_caption_word("Image caption The minister in Oslo"));
        assert!(inline_caption(
            "Ana Silva, AGENCY | Ministers meet in Oslo on Monday"
        ));
        assert!(inline_caption(
            "The minister speaks on Monday. AGENCY/Ana Silva"
        ));
    }
}
