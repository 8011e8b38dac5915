//! Seeded fuzzing of the whole way in: random and mutated pages, feeds, Markdown and text
//! through the real loader (as `extract` and the reader use it), then the entity analysis.
//! Nothing may panic, and nothing that comes out may hold a control character or escape
//! sequence. A bounded number of cases runs with `cargo test`; `BRIEFLY_FUZZ_CASES=N` runs
//! more (`BRIEFLY_FUZZ_SEED` picks another sequence).

use briefly::ingest::{self, Article};

#[path = "support/fuzz.rs"]
mod fuzz;
use fuzz::Rng;

const HTML: &str = "<!doctype html><html><head><meta charset=utf-8><title>Ferry strike ends | Harbour Post</title>\
<meta property=\"og:site_name\" content=\"Harbour Post\"><meta name=author content=\"Ines Varga\"></head>\
<body><nav><a href=/>Home</a><a href=/world>World</a></nav><article><h1>Ferry strike ends</h1>\
<p class=byline>By Ines Varga, 3 May 2026</p><p>Ferry crews in Porto Alvo voted on Tuesday to end a nine-day strike.</p>\
<figure><img src=a.jpg><figcaption>Crews at the quay. Photo: Lena Ortiz</figcaption></figure>\
<p>The union said pay would rise by 4.5 per cent from June, costing the operator about EUR 2 million.</p>\
<ul><li>First point</li><li>Second point</li></ul><blockquote>We are back at work, said Rui Sousa.</blockquote>\
<table><tr><td>Route</td><td>Sailings</td></tr></table></article><footer>Copyright Harbour Post</footer></body></html>";

const RSS: &str = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Harbour Post</title>\
<item><title>Ferry strike ends</title><link>https://example.org/a</link><pubDate>Tue, 05 May 2026 10:00:00 GMT</pubDate>\
<description>&lt;p&gt;Ferry crews voted on Tuesday to end the strike.&lt;/p&gt;</description></item>\
<item><title>Quay repairs</title><description><![CDATA[<p>Repairs start in June, the council said.</p>]]></description></item>\
</channel></rss>";

const ATOM: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">\
<title>Harbour Post</title><entry><title>Ferry strike ends</title><link href=\"https://example.org/a\"/>\
<updated>2026-05-05T10:00:00Z</updated><content type=\"html\">&lt;p&gt;Crews voted to end the strike.&lt;/p&gt;</content></entry></feed>";

const JSON_FEED: &str = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Harbour Post\", \"items\": [\
{\"id\": \"1\", \"title\": \"Ferry strike ends\", \"content_html\": \"<p>Crews voted to end the strike.</p>\"},\
{\"id\": \"2\", \"title\": \"Quay repairs\", \"content_text\": \"Repairs start in June.\"}]}";

const TEXT: &str = "Ferry strike ends in Porto Alvo\n\nHome | World | Sport\n\nBy Ines Varga\n3 May 2026\n\n\
Ferry crews in Porto Alvo voted on Tuesday to end a nine-day strike.\n\n\
The union said pay would rise by 4.5 per cent from June.\n\nShare this article\n";

const MARKDOWN: &str = "# Ferry strike ends\n\n*By Ines Varga*\n\nFerry crews voted on **Tuesday** to end the strike.\n\n\
> We are back at work.\n\n- one\n- two\n\n```\ncode\n```\n";

/// Pieces that hostile input is made of.
const NASTY: &[&str] = &[
    "\x1b[2J",
    "\x1b]52;c;SGVsbG8=\x07",
    "\x1b]8;;http://x\x1b\\",
    "\x1bP1$q\x1b\\",
    "\x1b_apc\x1b\\",
    "\u{9b}31m",
    "\u{9d}0;t\u{9c}",
    "\u{202e}",
    "\u{2066}",
    "\x07",
    "\x00",
    "\r",
    "&#27;[2J",
    "&#x1b;]0;x&#7;",
    "&#155;",
    "&#0;",
    "<div>",
    "</div>",
    "<p>",
    "<b>",
    "<a href=\"x\">",
    "<script>",
    "<!--",
    "<![CDATA[",
    "]]>",
    "\"",
    "'",
    "{",
    "[",
    "}",
    "\u{301}",
    "\u{200b}",
    "\u{fffd}",
    "\u{1f600}",
    "\u{5d0}\u{5d1}",
    "Zo\u{eb}",
    "\n\n",
    "                ",
];

fn mutate(rng: &mut Rng, seed: &str) -> Vec<u8> {
    let mut bytes = seed.as_bytes().to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(7) {
            0 => bytes.splice(at..at, rng.pick(NASTY).bytes()).for_each(drop),
            1 => {
                // Deep nesting of one tag or bracket.
                let piece = rng.pick(&[
                    "<div>",
                    "<b>",
                    "<a>",
                    "<table><tr><td>",
                    "[",
                    "{\"a\":",
                    "<li>",
                    "> ",
                ]);
                let depth = 1 + rng.below(3000);
                bytes
                    .splice(at..at, piece.repeat(depth).bytes())
                    .for_each(drop);
            }
            2 => {
                let end = (at + rng.below(64)).min(bytes.len());
                bytes.drain(at..end);
            }
            3 => {
                let end = (at + rng.below(256)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                let times = 1 + rng.below(20);
                for _ in 0..times {
                    bytes.splice(at..at, copy.iter().copied()).for_each(drop);
                }
            }
            4 => {
                if let Some(b) = bytes.get_mut(at) {
                    *b = rng.next() as u8;
                }
            }
            5 => bytes.truncate(at),
            _ => {
                let n = rng.below(200);
                let noise: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                bytes.splice(at..at, noise).for_each(drop);
            }
        }
    }
    bytes
}

fn clean(text: &str) -> bool {
    !text.chars().any(|c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

fn check(article: &Article, what: &str) {
    let one_line = [
        Some(&article.title),
        article.published.as_ref(),
        article.byline.as_ref(),
        article.link.as_ref(),
        article.notice.as_ref(),
    ];
    for field in one_line.into_iter().flatten() {
        assert!(clean(field) && !field.contains('\n'), "{what}: {field:?}");
    }
    for p in &article.paragraphs {
        assert!(clean(&p.text), "{what}: {:?}", p.text);
    }
}

#[test]
fn mutated_pages_feeds_and_text_never_panic_or_leak_controls() {
    let cases = fuzz::cases(240);
    let seed = fuzz::seed(0x5eed_b41e_f1ee);
    let mut rng = Rng::new(seed);
    let dir = tempfile::tempdir().unwrap();
    let seeds = [
        ("page.html", HTML),
        ("feed.rss", RSS),
        ("feed.atom", ATOM),
        ("feed.json", JSON_FEED),
        ("scrape.txt", TEXT),
        ("note.md", MARKDOWN),
        ("page.txt", HTML),
    ];
    for case in 0..cases {
        let (name, template) = seeds[case % seeds.len()];
        let bytes = mutate(&mut rng, template);
        let path = dir.path().join(format!("{case}-{name}"));
        std::fs::write(&path, &bytes).unwrap();
        let what = format!("case {case} ({name}, seed {seed})");
        let mut paragraphs = Vec::new();
        for source in ingest::collect(std::slice::from_ref(&path)) {
            match ingest::load(&source) {
                Ok(article) => {
                    check(&article, &what);
                    paragraphs.push(article.paragraphs);
                }
                Err(e) => {
                    let line = e.to_string();
                    assert!(clean(&line) && !line.contains('\n'), "{what}: {line:?}");
                }
            }
        }
        let texts: Vec<Vec<&str>> = paragraphs
            .iter()
            .map(|ps| ps.iter().map(|p| p.text.as_str()).collect())
            .collect();
        let analysed = briefly::analysis::entities::analyze_many(&texts);
        let index =
            briefly::analysis::aliases::build(&analysed.iter().map(Some).collect::<Vec<_>>());
        for e in &index.entities {
            for name in std::iter::once(&e.name).chain(&e.aliases) {
                assert!(
                    clean(name) && !name.contains('\n'),
                    "{what}: entity {name:?}"
                );
            }
        }
        let _ = std::fs::remove_file(&path);
    }
}
