//! Markdown source: headings, list items, code, and inline markup stripped to its words.

pub fn is_heading(line: &str) -> bool {
    let t = line.trim_start();
    let hashes = t.chars().take_while(|&c| c == '#').count();
    (1..=6).contains(&hashes) && t[hashes..].starts_with(' ')
}

pub fn heading_text(line: &str) -> &str {
    line.trim_start()
        .trim_start_matches('#')
        .trim()
        .trim_end_matches('#')
        .trim()
}

pub fn is_fence(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("```") || t.starts_with("~~~")
}

/// Markdown lines that must keep their own line: headings, list items, quotes, fences, code.
pub fn is_structure(line: &str) -> bool {
    let t = line.trim_start();
    is_heading(line)
        || line.starts_with("    ")
        || line.starts_with('\t')
        || is_fence(line)
        || t.starts_with("> ")
        || list_item(line).is_some()
}

/// The text of a list item without its marker, bullets shown as "• ", numbers kept.
pub fn list_item(line: &str) -> Option<String> {
    let t = line.trim_start();
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = t.strip_prefix(marker) {
            return Some(format!("• {}", rest.trim()));
        }
    }
    let (n, rest) = t.split_once(". ")?;
    (!n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit()))
        .then(|| format!("{n}. {}", rest.trim()))
}

/// One line of Markdown as the reader shows it: `> ` quotes unmarked, list markers as
/// bullets, and inline markup reduced to its text.
pub fn plain_line(line: &str) -> String {
    let t = line.trim();
    let t = t.strip_prefix("> ").unwrap_or(t);
    let t = list_item(t).unwrap_or_else(|| t.to_string());
    strip_inline(&t)
}

/// `**bold**`, `*em*`, `_em_`, `` `code` `` and `[text](url)` (or `![alt](url)`) to text.
pub fn strip_inline(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let (mut tick, mut bracket, mut paren) = (Next::new('`'), Next::new(']'), Next::new(')'));
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '`' => {
                if let Some(end) = tick.find(&chars, i + 1) {
                    out.extend(&chars[i + 1..end]);
                    i = end + 1;
                    continue;
                }
            }
            '!' | '[' => {
                let open = if c == '!' { i + 1 } else { i };
                if chars.get(open) == Some(&'[')
                    && let Some(close) = bracket.find(&chars, open + 1)
                    && chars.get(close + 1) == Some(&'(')
                    && let Some(end) = paren.find(&chars, close + 2)
                {
                    out.extend(&chars[open + 1..close]);
                    i = end + 1;
                    continue;
                }
            }
            '*' | '_' => {
                // Emphasis markers: a run of them that opens before a word or closes after one.
                let run = chars[i..].iter().take_while(|&&d| d == c).count();
                let before = i.checked_sub(1).map(|j| chars[j]);
                let after = chars.get(i + run).copied();
                let opens = after.is_some_and(|a| !a.is_whitespace())
                    && before.is_none_or(|b| !b.is_alphanumeric());
                let closes = before.is_some_and(|b| !b.is_whitespace())
                    && after.is_none_or(|a| !a.is_alphanumeric());
                if run <= 3 && (opens || closes) && (c == '*' || !(opens && closes)) {
                    i += run;
                    continue;
                }
                // A longer run is text (a rule, a row of stars), kept whole: looking at each
                // of its characters again would take the square of its length.
                out.extend(&chars[i..i + run]);
                i += run;
                continue;
            }
            _ => {}
        }
        out.push(c);
        i += 1;
    }
    out
}

/// The next place of one closing mark, for searches that start further and further on: each
/// stretch of the line is looked through once, so a line of a million unclosed brackets
/// stays linear.
struct Next {
    mark: char,
    /// The last search: where it started and what it found (None: no mark after it).
    last: Option<(usize, Option<usize>)>,
}

impl Next {
    fn new(mark: char) -> Next {
        Next { mark, last: None }
    }

    fn find(&mut self, chars: &[char], from: usize) -> Option<usize> {
        if let Some((start, found)) = self.last
            && start <= from
            && found.is_none_or(|f| from <= f)
        {
            return found;
        }
        let found = (from..chars.len()).find(|&j| chars[j] == self.mark);
        self.last = Some((from, found));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markup_is_reduced_to_text() {
        assert_eq!(
            strip_inline("A **bold** and *em* `x + 1` [link](http://a.b/c) snake_case_name."),
            "A bold and em x + 1 link snake_case_name."
        );
        assert_eq!(strip_inline("2 * 3 * 4"), "2 * 3 * 4");
        assert_eq!(strip_inline("_under_ ![a cat](c.png)"), "under a cat");
        // A run of more than three marks is text, kept whole.
        assert_eq!(strip_inline("a **** b ____"), "a **** b ____");
        // Unclosed brackets and ticks stay as written.
        assert_eq!(strip_inline("[a](b [c] `d"), "[a](b [c] `d");
    }

    #[test]
    fn list_items_keep_a_marker() {
        assert_eq!(plain_line("- one"), "• one");
        assert_eq!(plain_line("2. two **b**"), "2. two b");
    }
}
