//! Hostile text, seeded: random bytes read leniently, random Unicode (combining marks,
//! right-to-left scripts, zero-width and bidirectional characters, emoji, control characters
//! and escape sequences), very long words and lines, and copies of an article written for
//! this test with such characters put inside its words. A few hundred cases, the same on
//! every run (a failing case prints its seed).
//!
//! Whatever the input: cleaning and analysis do not panic, no paragraph, title or entity
//! name carries a control character, nothing is invented, every mention points into its
//! paragraph, and the article's own paragraphs come through whatever is put inside them.

use briefly::analysis::{aliases, entities};
use briefly::ingest::{Extracted, ParagraphKind, parse_text};
use briefly::sanitize::{is_unsafe, sanitize};

/// SplitMix64: small, seeded, good enough to pick test cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// Characters that make trouble, put inside words: combining marks, zero-width and format
/// characters, bidirectional controls, right-to-left letters, emoji, CJK, C0 and C1 controls.
const ODD: &[&str] = &[
    "\u{301}",
    "\u{308}\u{323}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\u{ad}",
    "\u{202e}",
    "\u{2066}",
    "\u{200f}",
    "\u{5d0}\u{5d1}",
    "\u{627}\u{644}",
    "😀",
    "👩\u{200d}🚀",
    "🇫🇷",
    "漢字",
    "\u{0}",
    "\u{7}",
    "\u{8}",
    "\u{7f}",
    "\u{85}",
    "\u{9b}2J",
    "\x1b[31m",
    "\x1b[0m",
    "\x1b]0;title\x07",
    "\u{fffd}",
    "\u{2028}",
    "\u{a0}",
];

/// An article written for this test: a page's clutter around a title, a date, a byline and
/// five paragraphs, a share button in the middle and a teaser list at the end.
const TITLE: &str = "Ferry levy rises for the third time";
const BODY: [&str; 5] = [
    "The harbour board agreed on Monday to raise the ferry levy again, the third rise in as many years, after a long meeting in the town hall.",
    "Members said the money would pay for repairs to the east quay, which has been closed to heavy traffic since a storm damaged it in the spring.",
    "Traders on the island had asked the board to wait until the summer, when the number of visitors is known and the accounts can be checked.",
    "A vote on the timetable for the repairs is due next month, and the board has promised to publish the figures before then.",
    "The levy will be reviewed again in the autumn, when the first part of the work should be finished and the quay open to lorries.",
];

fn sample(body: &[String]) -> String {
    format!(
        "Home | News | Island | Sign in\n{TITLE}\nBy Ana Reis\nPublished Monday, 4 May 2026\n\n\
         {}\n\n{}\n\nShare this article\n\n{}\n\n{}\n\n{}\n\nRelated Articles\n\n\
         Harbour lights to be replaced\n\nIsland school gets a new roof\n",
        body[0], body[1], body[2], body[3], body[4]
    )
}

/// A paragraph as the cleaner gives it back: controls removed or shown, spaces squeezed.
fn as_cleaned(paragraph: &str) -> String {
    let clean = sanitize(paragraph);
    let mut out = String::new();
    for c in clean.trim().chars() {
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    out
}

/// Some random text: bytes read leniently, odd characters, long words, long lines.
fn random_text(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => {
            let bytes: Vec<u8> = (0..rng.below(2000)).map(|_| rng.next() as u8).collect();
            String::from_utf8_lossy(&bytes).into_owned()
        }
        1 => {
            let mut s = String::new();
            for _ in 0..rng.below(600) {
                match rng.below(6) {
                    0 => s.push_str(rng.pick(ODD)),
                    1 => s.push(rng.pick(&[' ', ' ', '\n', '\n', '\t', '\r', '.', ',', '|'])),
                    2 => s.push(char::from_u32(rng.below(0x3_0000) as u32).unwrap_or('?')),
                    _ => s.push_str(
                        rng.pick(&["the ", "Ana ", "Reis ", "harbour ", "$4 ", "Monday "]),
                    ),
                }
            }
            s
        }
        2 => {
            // One very long word, or a line of one word repeated.
            let word: String = (0..rng.below(12) + 1).map(|_| rng.pick(ODD)).collect();
            let sep = if rng.below(2) == 0 { "" } else { " " };
            format!(
                "{TITLE}\n{}",
                format!("Velmora{word}{sep}").repeat(rng.below(400) + 1)
            )
        }
        3 => {
            // Many short lines and blank lines.
            let mut s = String::new();
            for _ in 0..rng.below(600) {
                s.push_str(rng.pick(&["a", "Reis", "", "", "-", "The Board", "|", "😀"]));
                s.push('\n');
            }
            s
        }
        _ => {
            // The sample article, cut and pasted about.
            let mut s = sample(&BODY.map(String::from));
            for _ in 0..rng.below(6) {
                let (a, b) = (rng.below(s.len()), rng.below(s.len()));
                let (a, b) = (a.min(b), a.max(b));
                if s.is_char_boundary(a) && s.is_char_boundary(b) {
                    let piece = s[a..b].to_string();
                    match rng.below(3) {
                        0 => s.replace_range(a..b, ""),
                        1 => s.insert_str(a, &piece),
                        _ => s.insert_str(b, rng.pick(ODD)),
                    }
                }
            }
            s
        }
    }
}

/// Puts odd characters inside the words of a paragraph.
fn salted(rng: &mut Rng, paragraph: &str) -> String {
    let mut out = String::new();
    for c in paragraph.chars() {
        out.push(c);
        if rng.below(12) == 0 {
            out.push_str(rng.pick(ODD));
        }
    }
    out
}

/// Text without what Markdown reads as inline HTML tags (`<b>`, `</N>`), which it leaves out.
fn without_tags(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let tag = after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/');
        match after.find(['>', '<']) {
            Some(close) if tag && after.as_bytes()[close] == b'>' => rest = &after[close + 1..],
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn check_clean(seed: u64, input: &str, e: &Extracted, markdown: bool) {
    // Markdown loses its markup (escapes included): compare without it. Its list items are
    // shown with a bullet or a number and nesting with bars, which the reader adds.
    let unmarked = |s: &str| -> String {
        if markdown {
            s.chars()
                .filter(|c| !"*_`[]()!#>\\~".contains(*c))
                .collect()
        } else {
            s.to_string()
        }
    };
    let added = |w: &str| {
        markdown
            && (["◦", "▪", "│", "☐", "☑"].contains(&w)
                || w.strip_suffix('.')
                    .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit())))
    };
    let clean = unmarked(&sanitize(input));
    // What Markdown reads as inline HTML tags is left out, which may join two words.
    let untagged = if markdown {
        unmarked(&without_tags(&sanitize(input)))
    } else {
        String::new()
    };
    let unsafe_in = |s: &str| s.chars().any(is_unsafe);
    assert!(
        !unsafe_in(&e.title) && !e.title.contains('\n'),
        "seed {seed}: title {:?}",
        e.title
    );
    for p in &e.paragraphs {
        assert!(!unsafe_in(&p.text), "seed {seed}: control in {:?}", p.text);
        // Nothing invented: every word of the text is in the input.
        for w in p
            .text
            .split_whitespace()
            .filter(|w| w.chars().count() < 200)
        {
            let w = unmarked(w.trim_start_matches('•'));
            assert!(
                added(&w) || clean.contains(&w) || (markdown && untagged.contains(&w)),
                "seed {seed}: {w:?} is not in the input"
            );
        }
    }
}

fn check_analysis(seed: u64, e: &Extracted) {
    let paragraphs: Vec<&str> = e.paragraphs.iter().map(|p| p.text.as_str()).collect();
    let found = entities::analyze(&paragraphs);
    for m in &found.mentions {
        let text = paragraphs[m.para as usize];
        assert!(
            m.start < m.end && text.get(m.start as usize..m.end as usize).is_some(),
            "seed {seed}: mention {m:?} outside its paragraph"
        );
        assert!(
            !found.surface(m).chars().any(is_unsafe),
            "seed {seed}: {m:?}"
        );
    }
    let index = aliases::build(&[Some(&found)]);
    for entity in &index.entities {
        for name in std::iter::once(&entity.name).chain(&entity.aliases) {
            assert!(!name.chars().any(is_unsafe), "seed {seed}: entity {name:?}");
        }
    }
    for p in &paragraphs {
        let mut at = 0;
        for r in briefly::sentences::split(p) {
            assert!(
                r.start >= at && p.get(r.clone()).is_some(),
                "seed {seed}: sentence {r:?}"
            );
            at = r.end;
        }
        for r in briefly::wrap::wrap(p, 1 + (seed % 90) as u16) {
            assert!(p.get(r.clone()).is_some(), "seed {seed}: line {r:?}");
        }
    }
}

#[test]
fn random_text_neither_breaks_cleaning_and_analysis_nor_reaches_the_terminal() {
    for seed in 0..200 {
        let mut rng = Rng(seed);
        let input = random_text(&mut rng);
        for markdown in [false, true] {
            let e = parse_text(&input, markdown);
            check_clean(seed, &input, &e, markdown);
            if !markdown {
                check_analysis(seed, &e);
            }
        }
    }
}

#[test]
fn odd_characters_inside_the_words_do_not_lose_the_article() {
    for seed in 0..120 {
        let mut rng = Rng(1000 + seed);
        let body: Vec<String> = BODY.iter().map(|p| salted(&mut rng, p)).collect();
        let input = sample(&body);
        let e = parse_text(&input, false);
        check_clean(seed, &input, &e, false);
        assert_eq!(e.title, TITLE, "seed {seed}");
        let kept: Vec<&str> = e
            .paragraphs
            .iter()
            .filter(|p| p.kind != ParagraphKind::Caption)
            .map(|p| p.text.as_str())
            .collect();
        let want: Vec<String> = body.iter().map(|p| as_cleaned(p)).collect();
        assert_eq!(kept, want, "seed {seed}");
        check_analysis(seed, &e);
    }
}

#[test]
fn a_lone_block_of_any_text_is_the_body() {
    for seed in 0..120 {
        let mut rng = Rng(5000 + seed);
        // One line of random words and odd characters, no line breaks, no full stop needed.
        let mut line = String::new();
        while line.chars().filter(|c| c.is_alphanumeric()).count() < 100 {
            match rng.below(4) {
                0 => line.push_str(rng.pick(ODD)),
                1 => line.push(' '),
                _ => line.push_str(rng.pick(&[
                    "Café",
                    "naïve",
                    "résumé",
                    "Ostra",
                    "río",
                    "über",
                    "straße",
                    "42",
                    "€3",
                    "город",
                    "مدينة",
                    "都市",
                    "🌊",
                    "Lisboa",
                    "Ana",
                    "—",
                ])),
            }
        }
        let line = line.replace(['\r', '\n', '\u{85}', '\u{2028}'], " ");
        let e = parse_text(&format!("{TITLE}\n\n{line}\n"), false);
        check_clean(seed, &line, &e, false);
        let body: Vec<&str> = e.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(body, [as_cleaned(&line)], "seed {seed}: {line:?}");
    }
}
