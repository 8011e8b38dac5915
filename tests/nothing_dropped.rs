//! Text that used to be lost without a word: raw HTML inside feed elements, one-paragraph
//! text files, prose in deeply nested lists, nested Markdown, and gzip files cut short.

use std::fs;
use std::io::Write;

use briefly::ingest::{self, Article, Format, ParagraphKind, Source};

const ONE: &str = "The harbour minister said on Thursday that the quay talks would go on.";
const TWO: &str = "Dock workers will vote on the offer next week, their union said.";

fn texts(a: &Article) -> Vec<&str> {
    a.paragraphs.iter().map(|p| p.text.as_str()).collect()
}

fn feed_entry(xml: &str) -> Article {
    ingest::article_from_bytes(xml.as_bytes(), Format::Feed).unwrap()
}

fn rss(item: &str) -> String {
    format!(
        r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Gazette</title><item><title>Quay talks</title><link>https://example.org/q</link>{item}</item></channel></rss>"#
    )
}

fn atom(entry: &str) -> String {
    format!(
        r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"><title>G</title><id>u</id><updated>2026-03-01T10:00:00Z</updated><entry><title>Quay talks</title><id>u1</id><updated>2026-03-01T10:00:00Z</updated><link href="https://example.org/q"/>{entry}</entry></feed>"#
    )
}

#[test]
fn raw_html_in_feed_elements_is_the_entry_body() {
    let p = format!("<p>{ONE}</p><p>{TWO}</p>");
    let nested = format!("{}{p}{}", "<div>".repeat(5), "</div>".repeat(5));
    let cases = [
        rss(&format!("<description>{p}</description>")),
        rss(&format!("<description>{nested}</description>")),
        rss(&format!("<content:encoded>{p}</content:encoded>")),
        // HTML that is not well-formed XML: a `<br>` left open.
        rss(&format!(
            "<description><p>Lead<br>line</p>{p}</description>"
        )),
        // Namespaced XHTML elements.
        rss(&format!(
            r#"<description><h:div xmlns:h="http://www.w3.org/1999/xhtml"><h:p>{ONE}</h:p><h:p>{TWO}</h:p></h:div></description>"#
        )),
        atom(&format!("<content type=\"html\">\n    {p}</content>")),
        atom(&format!("<content type=\"xhtml\">{p}</content>")),
        atom(&format!("<summary type=\"html\">  {p}</summary>")),
        // A video feed: the only text is the media description.
        atom(&format!(
            "<media:group><media:title>Quay</media:title><media:content url=\"https://example.org/v.mp4\" type=\"video/mp4\"/><media:description>{ONE}\n\n{TWO}</media:description></media:group>"
        )),
    ];
    for xml in cases {
        let a = feed_entry(&xml);
        let t = texts(&a);
        assert!(t.contains(&ONE) && t.contains(&TWO), "{xml}\n gave {t:?}");
        assert_eq!(a.title, "Quay talks");
    }
}

#[test]
fn raw_markup_in_a_title_is_kept() {
    let a = feed_entry(&rss("<description>x</description>").replace(
        "<title>Quay talks</title>",
        "<title>The <em>quay</em> talks</title>",
    ));
    assert_eq!(a.title, "The quay talks");
}

#[test]
fn sloppy_html_in_one_entry_leaves_every_entry_readable() {
    let item = |i: usize| {
        format!(
            "<item><title>Entry {i}</title><description><p>Entry {i} text<br><img src=x.jpg></p></description></item>"
        )
    };
    let xml = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>G</title>{}</channel></rss>",
        (1..=3).map(item).collect::<String>()
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sloppy.rss");
    fs::write(&path, &xml).unwrap();
    let sources = ingest::collect(&[path]);
    assert_eq!(sources.len(), 3);
    for (i, a) in ingest::load_all(&sources).into_iter().enumerate() {
        let a = a.unwrap();
        assert_eq!(a.title, format!("Entry {}", i + 1));
        assert_eq!(texts(&a), [format!("Entry {} text", i + 1)]);
    }
}

fn load_file(name: &str, text: &str) -> Article {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, text).unwrap();
    ingest::load(&Source::file(&path)).unwrap()
}

#[test]
fn a_short_first_line_before_a_sentence_is_the_title() {
    let a = load_file("a.txt", "Title x\n\nBody text here.\n");
    assert_eq!(
        (a.title.as_str(), texts(&a)),
        ("Title x", vec!["Body text here."])
    );
    assert_eq!(a.notice, None);
    for name in ["b.txt", "b.md"] {
        let a = load_file(name, &format!("Brexit\n\n{ONE}\n\n{TWO}\n"));
        assert_eq!(
            (a.title.as_str(), texts(&a)),
            ("Brexit", vec![ONE, TWO]),
            "{name}"
        );
    }
    // Page furniture and dates placed so are not titles.
    for first in [
        "World",
        "Menu",
        "Home",
        "Skip to content",
        "22 January 2015",
    ] {
        let a = load_file("c.txt", &format!("{first}\n\n{ONE}\n\n{TWO}\n"));
        assert_ne!(a.title, first);
        assert!(texts(&a).contains(&TWO), "{first}: {:?}", texts(&a));
    }
}

#[test]
fn the_text_of_a_file_is_never_all_taken_for_its_title() {
    for text in [
        "Only one line of words here\n",
        "Body text here.\n",
        "Menu\n\nA headline and nothing more\n",
    ] {
        let a = load_file("only.txt", text);
        let last = text.trim_end().lines().last().unwrap();
        assert!(texts(&a).contains(&last), "{text:?}: {:?}", texts(&a));
        assert_eq!(a.title, "only.txt", "{text:?}");
        assert_eq!(a.notice, None);
    }
}

const PROSE: [&str; 3] = [
    "The harbour council voted on Monday to repair the north quay before the winter storms arrive, officials said.",
    "Repairs will cost about two million and start in May, the council said, with contractors chosen by tender.",
    "Residents near the quay welcomed the decision, though they worried about noise from the works in summer.",
];

fn html_body(html: &str) -> Vec<String> {
    ingest::html::extract(html)
        .paragraphs
        .into_iter()
        .filter(|p| p.kind != ParagraphKind::Caption)
        .map(|p| p.text)
        .collect()
}

fn page(body: &str) -> String {
    format!("<!doctype html><html><head><title>Quay</title></head><body>{body}</body></html>")
}

#[test]
fn prose_in_lists_nested_at_any_depth_is_kept() {
    let paragraphs: String = PROSE.iter().map(|p| format!("<p>{p}</p>")).collect();
    let intro = "An introduction to the story of the quay and its repair, which was long awaited.";
    for depth in 1..=6 {
        let list = format!(
            "{}{paragraphs}{}",
            "<ul><li>".repeat(depth),
            "</li></ul>".repeat(depth)
        );
        for html in [
            page(&list),
            page(&format!("<article><p>{intro}</p>{list}</article>")),
            page(&format!(
                "<article><p>{intro}</p><p>{intro}</p>{list}<p>{intro}</p></article>"
            )),
        ] {
            let body = html_body(&html);
            for p in PROSE {
                assert!(
                    body.iter().any(|b| b == p),
                    "depth {depth}: {html}\n gave {body:?}"
                );
            }
        }
    }
}

#[test]
fn prose_beside_the_article_in_lists_tables_and_quotes_is_kept() {
    let story: String = (0..4).map(|_| format!("<p>{}</p>", PROSE[0])).collect();
    let aside = PROSE[2];
    for wrapper in [
        format!("<ul><li><p>{aside}</p></li><li><p>{aside}</p></li></ul>"),
        format!("<ul><li><ul><li><ul><li><p>{aside}</p></li></ul></li></ul></li></ul>"),
        format!("<table><tr><td><p>{aside}</p><p>{aside}</p></td></tr></table>"),
        format!("<blockquote><div><p>{aside}</p></div></blockquote>"),
        format!("<div><div><div><p>{aside}</p></div></div></div>"),
    ] {
        let body = html_body(&page(&format!(
            "<div class=\"story\">{story}</div>{wrapper}"
        )));
        assert!(body.iter().any(|b| b == aside), "{wrapper}\n gave {body:?}");
    }
    // A list of links beside the article is still left out.
    let links: String = (0..5)
        .map(|i| format!("<li><p><a href=\"/s{i}\">{aside}</a></p></li>"))
        .collect();
    let body = html_body(&page(&format!(
        "<div class=\"story\">{story}</div><ul>{links}</ul>"
    )));
    assert!(!body.iter().any(|b| b == aside), "{body:?}");
}

/// No paragraph shows Markdown syntax: list markers, quote marks, emphasis or fences.
fn no_markdown_syntax(a: &Article) {
    for t in texts(a) {
        let t = t.trim_start_matches('\u{a0}');
        assert!(
            !(t.starts_with("- ")
                || t.starts_with("* ")
                || t.starts_with("> ")
                || t.starts_with('#')
                || t.contains("**")
                || t.contains("```")),
            "{t:?}"
        );
    }
}

#[test]
fn nested_markdown_lists_and_quotes_are_read_as_such() {
    let a = load_file("l.md", "# Title\n\n- one\n  - two\n    - three\n- four\n");
    assert_eq!(a.title, "Title");
    assert_eq!(
        texts(&a),
        [
            "• one",
            "\u{a0}\u{a0}◦ two",
            "\u{a0}\u{a0}\u{a0}\u{a0}▪ three",
            "• four"
        ]
    );
    no_markdown_syntax(&a);
    let a = load_file("q.md", "# Title\n\n> one\n> > two\n> > > three\n");
    assert_eq!(texts(&a), ["one", "│ two", "│ │ three"]);
    no_markdown_syntax(&a);
    // Lists in quotes, quotes in lists, ordered lists, loose items with two paragraphs.
    let a = load_file(
        "m.md",
        &format!(
            "# Title\n\n> - quoted **item**\n>   1. first\n>   2. second\n\n- {ONE}\n\n  > {TWO}\n\n* loose\n\n  second paragraph of it\n"
        ),
    );
    assert_eq!(
        texts(&a),
        [
            "• quoted item".to_string(),
            "\u{a0}\u{a0}1. first".into(),
            "\u{a0}\u{a0}2. second".into(),
            format!("• {ONE}"),
            format!("\u{a0}\u{a0}{TWO}"),
            "• loose".into(),
            "\u{a0}\u{a0}second paragraph of it".into(),
        ]
    );
    no_markdown_syntax(&a);
}

#[test]
fn a_markdown_heading_is_the_title() {
    for (md, title) in [
        ("# Brexit\n\nTalks go on\n", "Brexit"),
        ("Brexit\n======\n\nTalks go on\n", "Brexit"),
        ("## Brexit\n\nTalks go on\n", "Brexit"),
        ("# Menu\n\nTalks go on\n", "Menu"),
        (&*format!("{ONE}\n\n# Quay talks\n\n{TWO}\n"), "Quay talks"),
    ] {
        let a = load_file("h.md", md);
        assert_eq!(a.title, title, "{md:?}");
        // The text before a heading that comes later is kept.
        if md.starts_with(ONE) {
            assert_eq!(texts(&a), [ONE, TWO]);
        }
    }
}

#[test]
fn a_large_markdown_file_keeps_every_paragraph() {
    // Over the size at which Markdown is parsed piece by piece.
    let n = 12_000;
    let md: String = (0..n)
        .map(|i| {
            format!(
                "Paragraph {i} says that the ferry runs on time.\n\n- item {i}\n  - nested {i}\n\n"
            )
        })
        .collect();
    let a = load_file("big.md", &format!("# Big\n\n{md}"));
    assert_eq!(a.title, "Big");
    let t = texts(&a);
    assert_eq!(t.len(), 3 * n);
    for i in [0, n / 2, n - 1] {
        assert!(
            t.contains(&format!("\u{a0}\u{a0}◦ nested {i}").as_str()),
            "{i}"
        );
    }
    no_markdown_syntax(&a);
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

const CUT_SHORT: &str = "the gzip file is cut short: only what could be unpacked is shown";

#[test]
fn a_gzip_file_cut_short_shows_what_it_holds_with_a_notice() {
    let paragraphs: String = (0..300)
        .map(|i| format!("<p>Paragraph {i}: the ferry left {} minutes late, the harbour office said on Monday.</p>", i * 7 % 61))
        .collect();
    let page = format!(
        "<!doctype html><html><head><title>Quay</title></head><body><article>{paragraphs}</article></body></html>"
    );
    let packed = gzip(page.as_bytes());
    let dir = tempfile::tempdir().unwrap();
    for n in [packed.len() / 2, packed.len() - 8, packed.len() - 1] {
        let path = dir.path().join("corrupt.html");
        fs::write(&path, &packed[..n]).unwrap();
        let a = ingest::load(&Source::file(&path)).unwrap();
        assert_eq!(a.notice.as_deref(), Some(CUT_SHORT), "cut at {n}");
        assert!(
            texts(&a).iter().any(|t| t.starts_with("Paragraph 0:")),
            "cut at {n}"
        );
    }
    // A feed cut short: its whole entries, each with the notice.
    let items: String = (0..200)
        .map(|i| format!("<item><title>Sailing {i}</title><description>The ferry left {} minutes late on sailing {i}.</description></item>", i * 7 % 61))
        .collect();
    let feed = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>{items}</channel></rss>"
    );
    let packed = gzip(feed.as_bytes());
    let path = dir.path().join("feed.rss.gz");
    fs::write(&path, &packed[..packed.len() / 2]).unwrap();
    let sources = ingest::collect(&[path]);
    assert!(
        sources.len() > 1 && sources.len() < 200,
        "{}",
        sources.len()
    );
    for a in ingest::load_all(&sources) {
        let a = a.unwrap();
        assert_eq!(a.notice.as_deref(), Some(CUT_SHORT));
        assert!(a.title.starts_with("Sailing "));
    }
}
