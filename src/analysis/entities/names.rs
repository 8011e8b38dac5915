//! What can and cannot be a name, and the aliases a text declares for one ("the Islamic
//! State group (IS, formerly ISIS)"), with the acronyms and initials that join them.

/// The longest name, in bytes: the longest names of organisations run to some sixty
/// characters ("International Bank for Reconstruction and Development").
pub(super) const MAX_NAME: usize = 200;

/// Words of page furniture that a tagger takes for names ("Photo: Ana Reis"), and runs of
/// text too long to be a name.
/// A word of a page's furniture ("Photo", "File"), never a name.
pub(super) fn is_furniture(name: &str) -> bool {
    FURNITURE.contains(&name)
}

pub(super) const FURNITURE: &[&str] = &[
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

pub(super) fn never_a_name(name: &str) -> bool {
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

pub(super) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words that say that what follows is another name for what came before.
pub(super) const ALIAS_MARKERS: &[&str] = &[
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
pub(super) fn declared_alias(after: &str, name: &str) -> Option<String> {
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
pub(super) fn looks_like_name(s: &str) -> bool {
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
