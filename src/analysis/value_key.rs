//! The form under which values join ("US$200 million" and "$200 million").

use std::borrow::Cow;

/// Counts written as a word, from one.
const NUMBER_WORDS: [&str; 20] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// The form under which values join: lower case, no spaces, "US$" as "$", "p.m." as "pm", a
/// count in words as its number ("Twelve countries" is "12 countries"), and without what a
/// bracket after it gives again in other terms ("11:45 a.m. (1045 GMT)", "$200 million
/// (180 million euros)").
pub fn value_key(surface: &str) -> Cow<'_, str> {
    let plain = |c: char| c.is_lowercase() || c.is_ascii_digit() || matches!(c, ',' | ':' | '%');
    if surface.chars().all(plain) {
        return Cow::Borrowed(surface);
    }
    let mut text = surface.trim();
    if let Some(open) = text.rfind('(').filter(|&at| at > 0 && text.ends_with(')')) {
        text = text[..open].trim_end();
    }
    let (first, rest) = text.split_once(' ').unwrap_or((text, ""));
    let count = NUMBER_WORDS
        .iter()
        .position(|w| first.eq_ignore_ascii_case(w))
        .map(|n| format!("{} {rest}", n + 1));
    let mut s: String = count
        .as_deref()
        .unwrap_or(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    if let Some(rest) = s.strip_prefix("us$") {
        s = format!("${rest}");
    }
    Cow::Owned(s.replace("a.m.", "am").replace("p.m.", "pm"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_variants_join() {
        assert_eq!(value_key("US$200 million"), value_key("$200 million"));
        assert_eq!(value_key("2:50 p.m."), value_key("2:50 pm"));
        assert_eq!(value_key("2:50 PM"), value_key("2:50pm"));
        assert_ne!(value_key("$200 million"), value_key("$300 million"));
        assert_eq!(value_key("Twelve countries"), value_key("12 countries"));
        assert_ne!(value_key("Twelve countries"), value_key("11 countries"));
        assert_eq!(value_key("11:45 a.m. (1045 GMT)"), value_key("11:45 a.m."));
        assert_ne!(value_key("11:45 a.m. (1045 GMT)"), value_key("10:45 a.m."));
        assert_eq!(value_key("(1045 GMT)"), "(1045gmt)");
        assert!(matches!(value_key("21,000"), Cow::Borrowed(_)));
    }
}
