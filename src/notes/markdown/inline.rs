//! Inside one line of a note: raw HTML, script links, comments and block ids escaped, code
//! spans left as they are, in one pass however long the line.

/// Inside a note's line: raw HTML, script links, comments and block ids are escaped; code
/// spans are left as they are. One pass over the line, with what the checks look ahead for
/// (the end of a link destination, the next code span closer) found once beforehand, so
/// that a long line costs no more than a short one per character.
pub(super) fn note_inline(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let ahead = Lookahead::new(&chars);
    let mut out = String::with_capacity(line.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            // An escape already: keep it and the character it escapes.
            out.extend(&chars[i..(i + 2).min(chars.len())]);
            i += 2;
            continue;
        }
        if c == '`' {
            let run = chars[i..].iter().take_while(|&&x| x == '`').count();
            let end = ahead.closing_run(i + run, run).map_or(i + run, |j| j + run);
            out.extend(&chars[i..end]);
            i = end;
            continue;
        }
        let next = chars.get(i + 1).copied();
        let escape = match c {
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            ']' => next == Some('(') && ahead.destination_is_unsafe(i + 2),
            '%' | '$' => next == Some(c),
            '^' => {
                let id = chars[i + 1..]
                    .iter()
                    .take_while(|x| x.is_ascii_alphanumeric() || **x == '-')
                    .count();
                id > 0 && ahead.blank_from(i + 1 + id) && (i == 0 || chars[i - 1].is_whitespace())
            }
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        i += 1;
    }
    out
}

/// What `note_inline` looks ahead for, found in one pass from the end of the line.
struct Lookahead<'a> {
    chars: &'a [char],
    /// For each position, the first at or after it that ends a link destination.
    dest_end: Vec<usize>,
    /// For each position, the first at or after it that makes a destination not relative.
    not_relative: Vec<usize>,
    /// Where the line's last character that is not white space is, plus one.
    text_end: usize,
    /// The maximal runs of backticks, as (length, start), sorted.
    runs: Vec<(usize, usize)>,
}

impl<'a> Lookahead<'a> {
    fn new(chars: &'a [char]) -> Lookahead<'a> {
        let n = chars.len();
        let mut dest_end = vec![n; n + 1];
        let mut not_relative = vec![n; n + 1];
        for k in (0..n).rev() {
            let c = chars[k];
            dest_end[k] = if c.is_whitespace() || matches!(c, ')' | '>') {
                k
            } else {
                dest_end[k + 1]
            };
            not_relative[k] = if matches!(c, ':' | '&' | '\\' | '%') {
                k
            } else {
                not_relative[k + 1]
            };
        }
        let text_end = chars
            .iter()
            .rposition(|c| !c.is_whitespace())
            .map_or(0, |k| k + 1);
        let mut runs = Vec::new();
        let mut k = 0;
        while k < n {
            let len = chars[k..].iter().take_while(|&&x| x == '`').count();
            if len > 0 {
                runs.push((len, k));
                k += len;
            } else {
                k += 1;
            }
        }
        runs.sort_unstable();
        Lookahead {
            chars,
            dest_end,
            not_relative,
            text_end,
            runs,
        }
    }

    /// The start of the first run of exactly `len` backticks at or after `from`.
    fn closing_run(&self, from: usize, len: usize) -> Option<usize> {
        let at = self.runs.partition_point(|&r| r < (len, from));
        self.runs.get(at).filter(|r| r.0 == len).map(|r| r.1)
    }

    /// Nothing but white space from `k` to the end of the line.
    fn blank_from(&self, k: usize) -> bool {
        k >= self.text_end
    }

    /// `destination_is_unsafe` for the destination that starts at `k`.
    fn destination_is_unsafe(&self, k: usize) -> bool {
        let n = self.chars.len();
        let mut s = k.min(n);
        while s < n && self.chars[s].is_whitespace() {
            s += 1;
        }
        while s < n && self.chars[s] == '<' {
            s += 1;
        }
        let end = self.dest_end[s];
        let head: String = self.chars[s..end].iter().take(SCHEME_CHARS).collect();
        !(safe_scheme(&head) || self.not_relative[s] >= end)
    }
}

/// `[label]: destination` with a destination that is not a web, mail or relative address.
pub(super) fn link_definition_is_unsafe(line: &str) -> bool {
    match line.find("]:") {
        Some(at) => destination_is_unsafe(&line[at + 2..]),
        None => false,
    }
}

/// A link destination (the text after `(` or `]:`) that could run something: anything but
/// http(s), mailto, obsidian, an anchor or a plain relative path.
fn destination_is_unsafe(rest: &str) -> bool {
    let dest: String = rest
        .trim_start()
        .trim_start_matches('<')
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, ')' | '>'))
        .collect();
    let relative = !dest.contains([':', '&', '\\', '%']);
    !(safe_scheme(&dest) || relative)
}

const SAFE_SCHEMES: [&str; 5] = ["http://", "https://", "mailto:", "obsidian://", "#"];
/// The longest of `SAFE_SCHEMES`, in characters.
const SCHEME_CHARS: usize = 11;

fn safe_scheme(dest: &str) -> bool {
    SAFE_SCHEMES.iter().any(|s| {
        dest.get(..s.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(s))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first, plainly quadratic way of writing `note_inline`: the linear one must agree
    /// with it everywhere.
    fn reference_inline(line: &str) -> String {
        let chars: Vec<char> = line.chars().collect();
        let mut out = String::with_capacity(line.len() + 8);
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '\\' {
                // An escape already: keep it and the character it escapes.
                out.extend(&chars[i..(i + 2).min(chars.len())]);
                i += 2;
                continue;
            }
            if c == '`' {
                let run = chars[i..].iter().take_while(|&&x| x == '`').count();
                let close = (i + run..chars.len()).find(|&j| {
                    chars[j..].iter().take_while(|&&x| x == '`').count() == run
                        && (j == 0 || chars[j - 1] != '`')
                });
                let end = close.map_or(i + run, |j| j + run);
                out.extend(&chars[i..end]);
                i = end;
                continue;
            }
            let next = chars.get(i + 1).copied();
            let rest: String = chars[i + 1..].iter().collect();
            let escape = match c {
                '<' => {
                    next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
                }
                ']' => next == Some('(') && reference_destination_is_unsafe(&rest[1..]),
                '%' | '$' => next == Some(c),
                '^' => {
                    let id = rest
                        .chars()
                        .take_while(|x| x.is_ascii_alphanumeric() || *x == '-')
                        .count();
                    id > 0
                        && rest[id..].trim().is_empty()
                        && (i == 0 || chars[i - 1].is_whitespace())
                }
                _ => false,
            };
            if escape {
                out.push('\\');
            }
            out.push(c);
            i += 1;
        }
        out
    }
    fn reference_destination_is_unsafe(rest: &str) -> bool {
        let dest: String = rest
            .trim_start()
            .trim_start_matches('<')
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, ')' | '>'))
            .collect();
        let lower = dest.to_ascii_lowercase();
        let safe_scheme = ["http://", "https://", "mailto:", "obsidian://", "#"]
            .iter()
            .any(|s| lower.starts_with(s));
        let relative = !dest.contains([':', '&', '\\', '%']);
        !(safe_scheme || relative)
    }

    #[test]
    fn inline_escaping_agrees_with_the_plain_reading_on_random_lines() {
        let alphabet: Vec<char> = "`\\<a/](:^-  %$&>#hts(p)!\u{e9}1".chars().collect();
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 24) as usize;
            let mut s = seed;
            let line: String = (0..len)
                .map(|_| {
                    s = s
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    alphabet[(s >> 33) as usize % alphabet.len()]
                })
                .collect();
            assert_eq!(note_inline(&line), reference_inline(&line), "{line:?}");
        }
        for line in [
            "](https://x) ](javascript:y)",
            "``a`b``c``",
            "x ^id-1  ",
            "]( <<mailto:a",
        ] {
            assert_eq!(note_inline(line), reference_inline(line), "{line:?}");
        }
    }
}
