//! Lines by their letters' classes: scripts written without spaces, and the look of how a
//! line starts and ends, so that lines of one kind compare equal across languages.

/// Letters of scripts written without spaces between words (Chinese, Japanese, Thai, Lao,
/// Khmer, Myanmar): a line of them is one "word" to `split_whitespace`.
pub(super) fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF | 0x3040..=0x30FF
            | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// The look of a line's start and end: its first six and last four characters as classes
/// (capital, small letter, digit, space, or the punctuation itself), runs of one class
/// folded, hashed. "12:30 pm" and "9:05 am" look alike, as do "Reply" and "Antworten".
pub(super) fn looks(t: &str) -> [u32; 2] {
    let class = |c: char| match c {
        c if c.is_uppercase() => 'A',
        c if c.is_alphabetic() => 'a',
        c if c.is_numeric() => '0',
        c if c.is_whitespace() => ' ',
        c if c.is_ascii_punctuation() => c,
        _ => '*',
    };
    let fold = |chars: &mut dyn Iterator<Item = char>, take: usize| {
        let (mut h, mut prev, mut n) = (0x811c_9dc5u32, '\0', 0);
        for k in chars.map(class) {
            if k != prev {
                h = (h ^ k as u32).wrapping_mul(0x0100_0193);
                prev = k;
                n += 1;
                if n == take {
                    break;
                }
            }
        }
        h
    };
    [fold(&mut t.chars(), 6), fold(&mut t.chars().rev(), 4)]
}

fn is_separator(c: char) -> bool {
    matches!(
        c,
        '|' | '›' | '»' | '•' | '·' | '/' | '>' | '<' | '«' | '‹' | '→' | '←'
    )
}

/// What the block measures (`features::measure`) ask of a character, as bits: `class`.
pub(super) const ALNUM: u16 = 1;
pub(super) const UP: u16 = 2;
pub(super) const LOW: u16 = 4;
/// A digit or other number.
pub(super) const DIGIT: u16 = 8;
/// A sentence stop (counted after an `ENDS` character).
pub(super) const STOP: u16 = 16;
pub(super) const COMMA: u16 = 32;
pub(super) const SEP: u16 = 64;
/// A letter of a script written without spaces (`is_unspaced`).
pub(super) const WIDE: u16 = 128;
/// A letter, digit, `)` or `"`: what a sentence stop may follow.
pub(super) const ENDS: u16 = 256;

/// The class bits of a character, computed without the table.
fn bits(c: char) -> u16 {
    let (up, low) = (c.is_uppercase(), c.is_lowercase());
    let alnum = c.is_alphanumeric();
    ((alnum as u16) * ALNUM)
        | ((up as u16) * UP)
        | ((low as u16) * LOW)
        | (((c.is_ascii_digit() || c.is_numeric()) as u16) * DIGIT)
        | ((matches!(c, '.' | '!' | '?' | '。' | '\u{ff01}' | '\u{ff1f}') as u16) * STOP)
        | ((matches!(c, ',' | ';' | '،' | '、' | '\u{ff0c}') as u16) * COMMA)
        | ((is_separator(c) as u16) * SEP)
        | ((is_unspaced(c) as u16) * WIDE)
        | (((alnum || c == ')' || c == '"') as u16) * ENDS)
}

/// The classes of the ASCII characters, worked out once.
static ASCII: [u16; 128] = {
    let mut t = [0u16; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        let alnum = c.is_ascii_alphanumeric();
        t[i] = ((alnum as u16) * ALNUM)
            | ((c.is_ascii_uppercase() as u16) * UP)
            | ((c.is_ascii_lowercase() as u16) * LOW)
            | ((c.is_ascii_digit() as u16) * DIGIT)
            | ((matches!(c, b'.' | b'!' | b'?') as u16) * STOP)
            | ((matches!(c, b',' | b';') as u16) * COMMA)
            | ((matches!(c, b'|' | b'/' | b'>' | b'<') as u16) * SEP)
            | (((alnum || c == b')' || c == b'"') as u16) * ENDS);
        i += 1;
    }
    t
};

/// A character's class bits (see `ALNUM` and the rest).
#[inline]
pub(super) fn class(c: char) -> u16 {
    match ASCII.get(c as usize) {
        Some(&k) => k,
        // General Punctuation (curly quotes, dashes): no letters, digits or stops.
        None if ('\u{2000}'..='\u{206f}').contains(&c) => {
            if is_separator(c) {
                SEP
            } else {
                0
            }
        }
        None => bits(c),
    }
}

/// The counts `features::measure` keeps of a line's characters by class: capitals, small
/// letters, commas, separators and wide letters, in that order. They are added up in 12-bit
/// lanes of one number, one addition per character, and the lanes emptied into `counts`
/// before any can fill.
#[derive(Default)]
pub(super) struct Tally {
    sum: u64,
    pending: u32,
    pub counts: [usize; 5],
}

impl Tally {
    /// Counts a character of class bits `k`.
    #[inline]
    pub fn add(&mut self, k: u16) {
        self.sum += SPREAD[usize::from(k & 0x1ff)];
        self.pending += 1;
        if self.pending == 0xfff {
            self.flush();
        }
    }

    /// Empties the lanes into `counts`.
    pub fn flush(&mut self) {
        for (lane, count) in self.counts.iter_mut().enumerate() {
            *count += ((self.sum >> (12 * lane)) & 0xfff) as usize;
        }
        (self.sum, self.pending) = (0, 0);
    }
}

/// For each set of class bits, a one in the lane of each count it adds to (see `Tally`).
static SPREAD: [u64; 512] = {
    let mut t = [0u64; 512];
    let mut k = 0;
    while k < 512 {
        let bits = k as u16;
        let mut lane = 0;
        let kinds = [UP, LOW, COMMA, SEP, WIDE];
        while lane < kinds.len() {
            if bits & kinds[lane] != 0 {
                t[k] |= 1 << (12 * lane);
            }
            lane += 1;
        }
        k += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_fold_runs_of_one_class() {
        assert_eq!(looks("12:30 pm")[0], looks("9:05 am")[0]);
        assert_eq!(looks("Reply")[0], looks("Antworten")[0]);
        assert_ne!(looks("Reply")[0], looks("reply")[0]);
        assert_eq!(looks("said:")[1], looks("schrieb:")[1]);
        assert!(is_unspaced('語') && is_unspaced('ก') && !is_unspaced('a'));
    }

    #[test]
    fn the_tally_counts_as_one_counter_per_class_would() {
        let text = "Ab, c|d 語 » x".repeat(2000);
        let mut tally = Tally::default();
        let mut want = [0usize; 5];
        for c in text.chars() {
            let k = class(c);
            tally.add(k);
            for (n, kind) in want.iter_mut().zip([UP, LOW, COMMA, SEP, WIDE]) {
                *n += usize::from(k & kind != 0);
            }
        }
        tally.flush();
        assert_eq!(tally.counts, want);
    }
}
