//! Counts in messages: "1 match", "2 matches". English plurals of the nouns the messages
//! use (regular ones: -s, -es after a hiss, -ies after a consonant's y).

/// `n` and the noun for that many: "1 note", "0 notes", "3 entries".
pub fn count(n: usize, noun: &str) -> String {
    format!("{n} {}", for_count(n, noun))
}

/// The noun as `n` of them are called (singular for exactly one).
pub fn for_count(n: usize, noun: &str) -> String {
    if n == 1 {
        return noun.to_string();
    }
    let hiss = ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| noun.ends_with(e));
    let mut letters = noun.chars().rev();
    let consonant_y = letters.next() == Some('y')
        && letters
            .next()
            .is_some_and(|c| c.is_alphabetic() && !"aeiou".contains(c));
    if hiss {
        format!("{noun}es")
    } else if consonant_y {
        format!("{}ies", &noun[..noun.len() - 1])
    } else {
        format!("{noun}s")
    }
}

/// The verb agreeing with `n` subjects: `verb(1, "holds", "hold")`.
pub fn verb<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(1, "match"), "1 match");
        assert_eq!(count(0, "match"), "0 matches");
        assert_eq!(count(2, "match"), "2 matches");
        assert_eq!(count(1, "note"), "1 note");
        assert_eq!(count(7, "note"), "7 notes");
        assert_eq!(count(3, "entry"), "3 entries");
        assert_eq!(count(3, "story"), "3 stories");
        assert_eq!(count(3, "day"), "3 days");
        assert_eq!(count(2, "box"), "2 boxes");
        assert_eq!(count(1, "article"), "1 article");
        assert_eq!(for_count(5, "word"), "words");
        assert_eq!(verb(1, "holds", "hold"), "holds");
        assert_eq!(verb(4, "holds", "hold"), "hold");
    }
}
