//! Notes export: golden Markdown and JSON for a small invented briefing, hostile passages and
//! notes that must not break the document (checked with a CommonMark parser and a YAML
//! parser), and reading the JSON back.

use briefly::ingest::{Article, Paragraph};
use briefly::notes::export::{ArticleRef, ExportInput, GroupBy, gather, to_markdown};
use briefly::notes::model::{Note, Selector, Target};
use briefly::notes::{from_json, to_json};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use saphyr::LoadableYamlNode;

const QUAY: &str = "/briefing/quay.txt";
const FERRY: &str = "/briefing/ferries.xml#0";
const TIME: &str = "2026-03-04T08:30:00.000Z";

fn quay() -> Article {
    Article {
        title: "Harbour council says \u{201c}yes\u{201d}: quay repairs from May".into(),
        byline: Some("Lena Ortiz".into()),
        published: Some("2026-03-02".into()),
        paragraphs: vec![
            Paragraph::body(
                "The harbour council voted on Monday to repair the north quay. Work starts in May.",
            ),
            Paragraph::body("The bill is $2.1 million, the treasurer said."),
        ],
        ..Article::default()
    }
}

fn ferry() -> Article {
    Article {
        title: "Ferry timetable changes".into(),
        link: Some("https://example.org/ferries/summer".into()),
        paragraphs: vec![Paragraph::body(
            "Ferries will leave every 40 minutes from June.",
        )],
        ..Article::default()
    }
}

/// A note on the first occurrence of `passage` in the article.
fn note(
    id: &str,
    source: &str,
    article: &Article,
    passage: &str,
    tags: &[&str],
    text: &str,
) -> Note {
    let plain = article.plain_text();
    let byte = plain.find(passage).expect("the passage is in the article");
    let start = plain[..byte].chars().count();
    let time = format!("2026-03-03T09:00:0{}.000Z", id.len() % 10);
    Note {
        id: id.into(),
        created: time.clone(),
        updated: time,
        tags: tags.iter().map(|t| t.to_string()).collect(),
        text: text.into(),
        target: Target::new(source, &plain, start, start + passage.chars().count()),
        deleted: false,
    }
}

fn notes() -> Vec<Note> {
    let (q, f) = (quay(), ferry());
    let mut lost = note(
        "n4-lost",
        QUAY,
        &q,
        "Work starts in May.",
        &["claim"],
        "Was this retracted?",
    );
    lost.target.selector = vec![
        Selector::TextQuoteSelector {
            exact: "The mayor resigned on Friday.".into(),
            prefix: "".into(),
            suffix: "".into(),
        },
        Selector::TextPositionSelector {
            start: 200,
            end: 229,
        },
    ];
    let mut gone = note("n5-deleted", QUAY, &q, "The bill", &["figure"], "");
    gone.deleted = true;
    vec![
        note(
            "n2-bill",
            QUAY,
            &q,
            "The bill is $2.1 million",
            &["figure", "quote"],
            "",
        ),
        note(
            "n1-work",
            QUAY,
            &q,
            "Work starts in May.",
            &["key-fact"],
            "Ask for the *tender* documents.",
        ),
        note(
            "n3-ferry",
            FERRY,
            &f,
            "Ferries will leave every 40 minutes",
            &[],
            "Compare with last year.\n\n- summer\n- winter",
        ),
        lost,
        gone,
    ]
}

fn input(tags: &[String]) -> ExportInput {
    let (q, f) = (quay(), ferry());
    let refs = [
        ArticleRef {
            key: QUAY,
            name: "quay.txt",
            article: Some(&q),
        },
        ArticleRef {
            key: FERRY,
            name: "ferries.xml #1",
            article: Some(&f),
        },
    ];
    gather("Harbour \"week\": 12", TIME, &refs, &notes(), tags)
}

const GOLDEN_MD: &str = r#"---
briefing: "Harbour \"week\": 12"
exported: "2026-03-04T08:30:00.000Z"
articles: 2
notes: 4
tags:
  - "claim"
  - "figure"
  - "key-fact"
  - "quote"
---

# Notes on Harbour "week": 12

## Harbour council says “yes”: quay repairs from May

Lena Ortiz · 2026-03-02 · `/briefing/quay.txt`

> Work starts in May.

#key-fact

Ask for the *tender* documents.

^n1-work

> The bill is \$2.1 million

#figure #quote

^n2-bill

## Ferry timetable changes

<https://example.org/ferries/summer>

> Ferries will leave every 40 minutes

Compare with last year.

- summer
- winter

^n3-ferry

## Not found in the current text

These notes' passages are no longer in their articles; each shows its last known quote.

### Harbour council says “yes”: quay repairs from May

> The mayor resigned on Friday.

#claim

Was this retracted?

^n4-lost

"#;

#[test]
fn markdown_golden() {
    let md = to_markdown(&input(&[]), GroupBy::Article);
    assert_eq!(md, GOLDEN_MD, "\n{md}");
}

const GOLDEN_BY_TAG: &str = r#"# Notes on Harbour "week": 12

## #figure

### Harbour council says “yes”: quay repairs from May

Lena Ortiz · 2026-03-02 · `/briefing/quay.txt`

> The bill is \$2.1 million

#figure #quote

^n2-bill

## #key-fact

### Harbour council says “yes”: quay repairs from May

Lena Ortiz · 2026-03-02 · `/briefing/quay.txt`

> Work starts in May.

#key-fact

Ask for the *tender* documents.

^n1-work

## #quote

### Harbour council says “yes”: quay repairs from May

Lena Ortiz · 2026-03-02 · `/briefing/quay.txt`

> The bill is \$2.1 million

#figure #quote

## Untagged

### Ferry timetable changes

"#;

#[test]
fn markdown_by_tag_golden() {
    let md = to_markdown(&input(&[]), GroupBy::Tag);
    let body = md.split_once("---\n\n").unwrap().1;
    assert!(body.starts_with(GOLDEN_BY_TAG), "\n{body}");
    // The untagged note reads as it does by article, and the lost notes follow.
    let ferry = &GOLDEN_MD[GOLDEN_MD.find("<https://").unwrap()..];
    assert_eq!(&body[GOLDEN_BY_TAG.len()..], ferry);
    // A note under two tags has its block reference once.
    assert_eq!(md.matches("^n2-bill").count(), 1);
}

#[test]
fn a_tag_filter_keeps_notes_with_any_of_the_tags() {
    let only = input(&["quote".into(), "claim".into()]);
    let ids: Vec<&str> = only.notes().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["n2-bill", "n4-lost"]);
    let md = to_markdown(&only, GroupBy::Article);
    assert!(md.contains("notes: 2\n") && !md.contains("Ferry"));
}

const GOLDEN_JSON_FIRST: &str = r#"{
  "body": [
    {
      "purpose": "tagging",
      "type": "TextualBody",
      "value": "key-fact"
    },
    {
      "format": "text/markdown",
      "purpose": "commenting",
      "type": "TextualBody",
      "value": "Ask for the *tender* documents."
    }
  ],
  "created": "2026-03-03T09:00:07.000Z",
  "id": "urn:briefly:note:n1-work",
  "modified": "2026-03-03T09:00:07.000Z",
  "motivation": "commenting",
  "target": {
    "briefly:fingerprint": "fnv1a:2784c0cbdda35481",
    "selector": [
      {
        "exact": "Work starts in May.",
        "prefix": "onday to repair the north quay. ",
        "suffix": "\n\nThe bill is $2.1 million, the ",
        "type": "TextQuoteSelector"
      },
      {
        "end": 81,
        "start": 62,
        "type": "TextPositionSelector"
      }
    ],
    "source": "file:///briefing/quay.txt"
  },
  "type": "Annotation"
}"#;

#[test]
fn json_golden_and_back() {
    let input = input(&[]);
    let json = to_json(&input);
    assert_eq!(json["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(json["type"], "AnnotationCollection");
    assert_eq!(json["label"], "Harbour \"week\": 12");
    assert_eq!(json["total"], 4);
    assert_eq!(json["first"]["type"], "AnnotationPage");
    let items = json["first"]["items"].as_array().unwrap();
    let first = serde_json::to_string_pretty(&items[0]).unwrap();
    assert_eq!(first, GOLDEN_JSON_FIRST, "\n{first}");
    assert_eq!(items[1]["motivation"], "tagging");
    assert_eq!(
        items[2]["target"]["source"],
        "file:///briefing/ferries.xml#0"
    );
    // The notes come back exactly as they were (deleted ones are not exported).
    let back = from_json(&json, "unused").unwrap();
    let sent: Vec<Note> = input.notes().cloned().collect();
    assert_eq!(back, sent);
}

/// Strings that try to leave their block, start a heading, run a script or fake a block id.
const HOSTILE: &[&str] = &[
    "# heading",
    "---",
    "```",
    "~~~",
    "> quote",
    "<div>",
    "<script>alert(1)</script>",
    "[link](javascript:alert(1))",
    "see ^fake-ref",
    "===",
    "bell\u{7} esc\u{1b}[31m nul\u{0} del\u{7f} c1\u{85}",
    "    indented code",
    "1. list",
    "- list",
    "| a | b |",
    "$$",
    "%%",
];

#[test]
fn hostile_passages_and_notes_stay_in_their_blocks() {
    let text = HOSTILE.join("\n\n");
    let hostile = Article {
        title: "# Title ``` with <b>tags</b> and ^ref".into(),
        byline: Some("--- by ---".into()),
        published: Some("[x](javascript:y)".into()),
        paragraphs: HOSTILE.iter().map(|h| Paragraph::body(*h)).collect(),
        ..Article::default()
    };
    let mut notes = Vec::new();
    for (i, h) in HOSTILE.iter().enumerate() {
        let mut n = note(
            &format!("n{i}"),
            "/h.txt",
            &hostile,
            h,
            &["two words", "a_b_"],
            h,
        );
        n.text = format!("{h}\n{h}\n\n{h}");
        notes.push(n);
    }
    // A note whose passage is the whole hostile text, and one that is all of it at once.
    notes.push(note("whole", "/h.txt", &hostile, &text, &[], &text));
    let refs = [ArticleRef {
        key: "/h.txt",
        name: "h.txt",
        article: Some(&hostile),
    }];
    let input = gather("---\nname: \"x\"\n...", TIME, &refs, &notes, &[]);
    let md = to_markdown(&input, GroupBy::Article);
    assert!(!md.contains('\u{1b}') && !md.contains('\u{7}') && !md.contains('\u{0}'));

    // The front matter is YAML that reads back as the values written.
    let (front, body) = md
        .strip_prefix("---\n")
        .and_then(|m| m.split_once("\n---\n\n"))
        .expect("front matter");
    let yaml = saphyr::Yaml::load_from_str(front).expect("valid YAML");
    let doc = &yaml[0];
    assert_eq!(doc["briefing"].as_str(), Some("--- name: \"x\" ..."));
    assert_eq!(doc["notes"].as_integer(), Some(notes.len() as i64));
    assert_eq!(doc["tags"][0].as_str(), Some("a_b-"));
    assert_eq!(doc["tags"][1].as_str(), Some("two-words"));

    // The body: one title, one article heading, nothing else at heading level.
    let mut headings = Vec::new();
    let mut quotes = 0;
    let mut depth = 0;
    let mut top_paragraphs = Vec::new();
    let mut in_heading = None;
    let mut para = None::<String>;
    for event in Parser::new_ext(body, briefly::notes::markdown::options()) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => in_heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => headings.push(in_heading.take().unwrap()),
            Event::Start(Tag::BlockQuote(_)) if depth == 0 => {
                quotes += 1;
                depth += 1;
            }
            Event::Start(Tag::Paragraph) if depth == 0 => para = Some(String::new()),
            Event::End(TagEnd::Paragraph) if depth == 0 => top_paragraphs.extend(para.take()),
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, h)) = in_heading.as_mut() {
                    h.push_str(&t);
                } else if let Some(p) = para.as_mut() {
                    p.push_str(&t);
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML in the export: {h:?}"),
            _ => {}
        }
    }
    assert_eq!(
        headings,
        [
            (HeadingLevel::H1, "Notes on --- name: \"x\" ...".to_string()),
            (
                HeadingLevel::H2,
                "# Title ``` with <b>tags</b> and ^ref".to_string()
            )
        ]
    );
    // One block quote per passage, and two that the note on "> quote" writes itself.
    assert_eq!(quotes, notes.len() + 2, "{body}");
    for n in &notes {
        assert!(
            top_paragraphs.contains(&format!("^{}", n.id)),
            "the block reference of {} survives",
            n.id
        );
    }
    assert!(top_paragraphs.contains(&"#two-words #a_b-".to_string()));
    assert_eq!(top_paragraphs[0], "--- by --- · [x](javascript:y) · /h.txt");
    // No link anywhere goes to a script.
    for event in Parser::new_ext(&md, briefly::notes::markdown::options()) {
        if let Event::Start(Tag::Link { dest_url, .. }) = event {
            assert!(
                !dest_url.to_lowercase().contains("javascript"),
                "{dest_url}"
            );
        }
    }
}

#[test]
fn a_quoted_passage_reads_as_it_was_written() {
    // What a block quote renders to is the passage's own words, line for line.
    for h in HOSTILE.iter().filter(|h| !h.contains(['\u{7}', '\u{1b}'])) {
        let quoted = briefly::notes::markdown::block_quote(h);
        let mut text = String::new();
        let mut inside = 0;
        for event in Parser::new_ext(&quoted, briefly::notes::markdown::options()) {
            match event {
                Event::Start(Tag::BlockQuote(_)) => inside += 1,
                Event::Text(t) => {
                    assert_eq!(inside, 1, "{h:?} stays in the quote: {quoted}");
                    text.push_str(&t);
                }
                Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
                Event::End(TagEnd::BlockQuote(_)) => {}
                other => panic!("{h:?} became {other:?} in {quoted:?}"),
            }
        }
        assert_eq!(text, h.trim(), "{quoted}");
    }
}
