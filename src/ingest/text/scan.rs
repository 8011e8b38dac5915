//! The words of a line, read fast: every rule of the cleaner reads each line's words, some
//! several times, so these loops are most of its work. ASCII (most of most scrapes, though
//! most lines hold a curly quote or a dash) is read by the byte, against a table or eight
//! bytes at once; only other characters are decoded, and looked up in the Unicode tables
//! only outside General Punctuation.

/// General Punctuation (U+2000 to U+206F: spaces, dashes, curly quotes, the ellipsis): no
/// letter and no digit among them (see the tests).
fn punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206f}').contains(&c)
}

/// `c.is_alphanumeric()`, without the Unicode tables for ASCII and for the General
/// Punctuation block (curly quotes, dashes, the ellipsis), which holds no letter or digit:
/// the tables are slow, and these are most of the characters of scraped text. The analysis
/// reads words with it too.
#[inline]
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !punctuation(c) && c.is_alphanumeric()
    }
}

/// `c.is_alphabetic()`, the same way as [`is_alnum`].
#[inline]
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        !punctuation(c) && c.is_alphabetic()
    }
}

/// The ASCII letters and digits, as a table: one load per byte.
pub(super) static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 128 {
        t[i] = (i as u8).is_ascii_alphanumeric();
        i += 1;
    }
    t
};

/// Eight bytes at once (SWAR): a one in each byte, and the high bit of each.
const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The ASCII white space among eight ASCII bytes, as the high bit of each such byte: the
/// space, and tab to carriage return (9 to 13), as `char::is_whitespace` has them. A byte
/// at or above `n` (at most 0x80) shows as the high bit of `(b | 0x80) - n`, and no byte
/// borrows from the next.
fn ascii_space_mask(x: u64) -> u64 {
    let at_least = |n: u8| (x | HIGH).wrapping_sub(ONES * u64::from(n)) & HIGH;
    let y = x ^ (ONES * u64::from(b' '));
    let blank = !(((y & !HIGH) + !HIGH) | y) & HIGH;
    blank | (at_least(b'\t') & !at_least(b'\r' + 1))
}

/// The words (runs of characters other than white space, as `split_whitespace` finds them)
/// of a line, counted up to `limit`: a count at or past `limit` may be returned as `limit`.
pub fn count_words(line: &str, limit: usize) -> usize {
    count_member_runs(
        line,
        limit,
        |x| !ascii_space_mask(x) & HIGH,
        |b| !(b == b' ' || b.wrapping_sub(b'\t') < 5),
        |c| !c.is_whitespace(),
    )
}

/// The runs of member characters of a line, counted up to `limit` (a count at or past it may
/// be returned as `limit`). Eight bytes at a time where they are ASCII, `ascii` giving the
/// members among them as the high bit of each (a run starts at a member after a byte that is
/// not one); a character at a time elsewhere, by `byte` (ASCII) and `other`.
#[inline(always)]
fn count_member_runs(
    line: &str,
    limit: usize,
    ascii: impl Fn(u64) -> u64,
    byte: impl Fn(u8) -> bool,
    other: impl Fn(char) -> bool,
) -> usize {
    let bytes = line.as_bytes();
    let (mut n, mut in_run, mut at) = (0usize, false, 0usize);
    while at < bytes.len() && n < limit {
        if let Some(chunk) = bytes.get(at..at + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let x = u64::from_le_bytes(word);
            if x & HIGH == 0 {
                let member = ascii(x);
                let before = member << 8 | if in_run { 0x80 } else { 0 };
                n += (member & !before).count_ones() as usize;
                in_run = member >> 63 != 0;
                at += 8;
                continue;
            }
        }
        // To the end of these eight bytes, or of the character that crosses it.
        let end = (at + 8).min(bytes.len());
        while at < end {
            let (member, len) = match bytes[at] {
                b if b < 0x80 => (byte(b), 1),
                _ => match line[at..].chars().next() {
                    Some(c) => (other(c), c.len_utf8()),
                    None => return n.min(limit),
                },
            };
            n += usize::from(member && !in_run);
            in_run = member;
            at += len;
        }
    }
    n.min(limit)
}

/// The ASCII letters and digits among eight ASCII bytes, as the high bit of each such byte
/// (the same bytes as [`ASCII_ALNUM`]): digits are 0x30 to 0x39, and a letter of either case
/// is 0x61 to 0x7A once its 0x20 bit is set (which sends no other byte there).
fn ascii_alnum_mask(x: u64) -> u64 {
    let at_least = |v: u64, n: u8| (v | HIGH).wrapping_sub(ONES * u64::from(n)) & HIGH;
    let digit = at_least(x, b'0') & !at_least(x, b'9' + 1);
    let folded = x | (ONES * 0x20);
    digit | (at_least(folded, b'a') & !at_least(folded, b'z' + 1))
}

/// How many alphanumeric runs ([`runs`]) a line has, without making them.
pub fn count_runs(line: &str) -> usize {
    count_member_runs(
        line,
        usize::MAX,
        ascii_alnum_mask,
        |b| ASCII_ALNUM[usize::from(b)],
        is_alnum,
    )
}

/// The alphanumeric runs of a line, as written: what
/// `line.split(|c: char| !c.is_alphanumeric())` gives, empty pieces left out.
pub fn runs(line: &str) -> Runs<'_> {
    Runs { rest: line }
}

pub struct Runs<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Runs<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let s = self.rest;
        let start = skip(s, 0, false);
        let end = skip(s, start, true);
        self.rest = &s[end..];
        (start < end).then_some(&s[start..end])
    }
}

/// Where the run of characters from `at` that are (`alnum`) or are not letters or digits
/// ends: ASCII bytes by the table, other characters decoded.
#[inline]
fn skip(s: &str, mut at: usize, alnum: bool) -> usize {
    let bytes = s.as_bytes();
    while let Some(&b) = bytes.get(at) {
        if b < 0x80 {
            if ASCII_ALNUM[usize::from(b)] != alnum {
                break;
            }
            at += 1;
        } else {
            match s[at..].chars().next() {
                Some(c) if is_alnum(c) == alnum => at += c.len_utf8(),
                _ => break,
            }
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_runs_as_the_standard_library_finds_them() {
        let lines = [
            "",
            " ",
            "one",
            " two  words ",
            "tab\there\nand\x0bvertical\x0cfeed\rend",
            "“Curly” — quotes… and\u{a0}no-break\u{2003}spaces",
            "Straße ÉCOLE 東京 2026, x1-y2",
            &"word ".repeat(100),
            &"a  ".repeat(70),
            "x\u{85}y\u{3000}z\u{1680}w\u{2009}v\u{a0}",
            "a\x1cb\x1fc\x7fd\x00e",
            "twelve chars\tthen\x0bmore   and more “quoted” words—dashed… 語語 end",
            "@AZ[`az{/09:Ab9-Z_z0 a\x7f\x40\x5b\x60\x7b\x2f\x3a A",
            "U.S. 2,000-odd e-mail x\u{e9}y caf\u{e9} na\u{ef}ve\u{2019}s 12345678abcdefgh",
        ];
        for line in lines {
            let words = line.split_whitespace().count();
            assert_eq!(count_words(line, usize::MAX), words, "{line:?}");
            for limit in 0..words + 2 {
                assert_eq!(
                    count_words(line, limit) >= limit,
                    words >= limit,
                    "{line:?}"
                );
            }
            let want: Vec<&str> = line
                .split(|c: char| !c.is_alphanumeric())
                .filter(|t| !t.is_empty())
                .collect();
            assert_eq!(runs(line).collect::<Vec<_>>(), want, "{line:?}");
            assert_eq!(count_runs(line), want.len(), "{line:?}");
        }
        for b in 0..0x80u8 {
            for place in 0..8 {
                let x = u64::from(b) << (8 * place)
                    | u64::from_le_bytes(*b"~~~~~~~~") & !(0xff << (8 * place));
                let bit = ascii_alnum_mask(x) >> (8 * place + 7) & 1 == 1;
                assert_eq!(bit, ASCII_ALNUM[usize::from(b)], "{b:#x} at {place}");
            }
        }
        for u in (0..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(is_alnum(u), u.is_alphanumeric(), "{u:?}");
        }
    }
}
