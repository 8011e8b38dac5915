//! Where outlets disagree on one statement: the same sentence with a different figure (a count,
//! a sum, a date), or the same quote put in different mouths. Only sentences the near-duplicate
//! index has matched are compared, so "21 countries" and "60 countries" in unrelated sentences
//! are no conflict.

/// What differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ConflictKind {
    /// A number, sum or date.
    Figure,
    /// The person a quote is attributed to.
    Speaker,
}

impl ConflictKind {
    pub fn label(self) -> &'static str {
        match self {
            ConflictKind::Figure => "figure",
            ConflictKind::Speaker => "speaker",
        }
    }
}

/// One side of a disagreement, seen from a sentence: what it says (`here`), and what the
/// sentence `sentence` of article `article` says instead (`there`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub kind: ConflictKind,
    pub here: String,
    pub there: String,
    pub article: u32,
    pub sentence: u32,
}

/// A figure of a sentence: its value as written ("$40", "21", "3.5%") and what it counts (the
/// next word, lower-cased: "countries", "million"), which is how two sentences' figures meet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub value: String,
    pub counts: String,
    /// The word before it, lower-cased ("january" of "January 22").
    pub after: String,
}

impl Figure {
    /// Whether two figures are of the same thing: they count the same or follow the same word.
    fn meets(&self, other: &Figure) -> bool {
        (!self.counts.is_empty() && self.counts == other.counts)
            || (!self.after.is_empty() && self.after == other.after)
    }
}

/// The figures of a sentence, in order.
pub fn figures(text: &str) -> Vec<Figure> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let after_word = i > 0 && chars[i - 1].1.is_alphanumeric();
        if !c.is_ascii_digit() || after_word {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len()
            && (chars[j].1.is_ascii_digit()
                || (matches!(chars[j].1, '.' | ',')
                    && chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit())))
        {
            j += 1;
        }
        // A number glued to letters ("G20", "3D") is a name, not a figure.
        if chars.get(j).is_some_and(|n| n.1.is_alphabetic()) {
            i = j;
            continue;
        }
        let end = chars.get(j).map_or(text.len(), |n| n.0);
        let mut value = String::new();
        if i > 0 && is_currency(chars[i - 1].1) {
            value.push(chars[i - 1].1);
        }
        value.push_str(&text[start..end]);
        let rest = &text[end..];
        let counts = if rest.starts_with('%') {
            value.push('%');
            "%".to_string()
        } else {
            rest.split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty())
                .unwrap_or("")
                .to_lowercase()
        };
        let after = text[..start]
            .rsplit(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("")
            .to_lowercase();
        out.push(Figure {
            value,
            counts,
            after,
        });
        i = j;
    }
    out
}

fn is_currency(c: char) -> bool {
    matches!(c, '$' | '\u{20ac}' | '\u{a3}' | '\u{a5}' | '\u{20b9}')
}

/// The figures of two matched sentences that count the same thing with different values:
/// (here, there) pairs. A thing counted more than once in either sentence is left alone (which
/// of them would be which?).
pub fn differing_figures(a: &str, b: &str) -> Vec<(String, String)> {
    let (fa, fb) = (figures(a), figures(b));
    let mut out = Vec::new();
    for x in &fa {
        let here: Vec<&Figure> = fa.iter().filter(|f| f.meets(x)).collect();
        let there: Vec<&Figure> = fb.iter().filter(|f| f.meets(x)).collect();
        if let ([one], [other]) = (here.as_slice(), there.as_slice())
            && one.value != other.value
            && !out.iter().any(|(h, _): &(String, String)| *h == one.value)
        {
            out.push((one.value.clone(), other.value.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_know_what_they_count() {
        let f = figures(
            "Ministers from 21 countries pledged $40 million, up 3.5% on 2014's 1,200 tents.",
        );
        let got: Vec<(&str, &str)> = f
            .iter()
            .map(|f| (f.value.as_str(), f.counts.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("21", "countries"),
                ("$40", "million"),
                ("3.5%", "%"),
                ("2014", "s"),
                ("1,200", "tents")
            ]
        );
        assert!(figures("The G20 met in 3D.").is_empty());
    }

    #[test]
    fn only_the_same_count_with_another_value_differs() {
        let a = "Envoys from 21 countries met for 2 days.";
        let b = "Envoys from 22 countries met for 2 days.";
        assert_eq!(differing_figures(a, b), vec![("21".into(), "22".into())]);
        assert!(differing_figures(a, "Envoys from 21 countries met on Monday.").is_empty());
        assert!(differing_figures("3 ships and 4 ships", "5 ships").is_empty());
        assert_eq!(
            differing_figures(
                "It opened on January 22, 2015.",
                "It opened on January 23, 2015."
            ),
            vec![("22".into(), "23".into())]
        );
    }
}
