//! Notes at scale (printed, not asserted): Markdown export of one long note, one long passage,
//! many notes and many tags; and `briefly import` of many annotations, run as the release
//! binary under `/usr/bin/time -v` for its peak memory.
//!
//! `cargo bench --bench notes_scale` runs the default sizes. Pick your own with
//! `cargo bench --bench notes_scale -- export 50000 500000` (characters) or
//! `-- import 10000 100000 1000000` (annotations); `-- notes 10000 100000` times many short
//! notes, each with a tag of its own, grouped by article and by tag; `-- cli-export 10000
//! 100000` runs `briefly export` (Markdown and JSON) of that many notes on one article.

use std::ffi::OsStr;
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use briefly::ingest::{Article, Paragraph};
use briefly::notes::export::{ArticleRef, GroupBy, gather, to_markdown};
use briefly::notes::model::{Note, Target};

const KEY: &str = "/bench/harbour.txt";

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let sizes = |what: &str, default: &[usize]| -> Option<Vec<usize>> {
        if args.is_empty() {
            return Some(default.to_vec());
        }
        (args[0] == what).then(|| args[1..].iter().filter_map(|a| a.parse().ok()).collect())
    };
    if let Some(sizes) = sizes("export", &[50_000, 500_000]) {
        for n in sizes {
            export_long(n);
        }
    }
    if let Some(sizes) = sizes("notes", &[10_000, 100_000]) {
        for n in sizes {
            export_many(n);
        }
    }
    if let Some(sizes) = sizes("import", &[10_000, 100_000]) {
        for n in sizes {
            import(n);
        }
    }
    if let Some(sizes) = sizes("cli-export", &[10_000, 100_000]) {
        for n in sizes {
            export_cli(n);
        }
    }
}

/// Prose of about `n` characters with a little of everything a note's Markdown holds: code
/// spans, links, emphasis, footnotes, dollars, a caret; one paragraph and no line break, the
/// worst case for a line-by-line pass.
fn prose(n: usize) -> String {
    let words = [
        "The harbour board met on Tuesday",
        "and `asked` for [figures](https://example.org/f)",
        "before a *vote* on $20 repairs^",
        "while ](x) and <b> and %% odd bits",
        "stood in the text",
    ];
    let mut out = String::with_capacity(n + 64);
    let mut i = 0;
    while out.len() < n {
        out.push_str(words[i % words.len()]);
        out.push(' ');
        i += 1;
    }
    out.truncate(n);
    out
}

fn article(text: &str) -> Article {
    Article {
        title: "Harbour week".into(),
        paragraphs: vec![Paragraph::body(text)],
        ..Article::default()
    }
}

fn note(id: usize, text: &str, tags: Vec<String>, target: Target) -> Note {
    let time = format!("2026-03-03T09:{:02}:{:02}.000Z", id / 60 % 60, id % 60);
    Note {
        id: format!("n{id}"),
        created: time.clone(),
        updated: time,
        tags,
        text: text.into(),
        target,
        deleted: false,
    }
}

fn time<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let t = Instant::now();
    let out = f();
    (out, t.elapsed().as_secs_f64())
}

/// One note whose text has `n` characters, then one whose passage has `n` characters.
fn export_long(n: usize) {
    let text = prose(n);
    let a = article(&text);
    let refs = [ArticleRef {
        key: KEY,
        name: "harbour.txt",
        article: Some(&a),
    }];
    let short = Target::new(KEY, &text, 0, 30);
    let notes = [note(1, &text, vec!["long".into()], short)];
    let input = gather("bench", "2026-03-04T08:30:00.000Z", &refs, &notes, &[]);
    let (md, s) = time(|| to_markdown(&input, GroupBy::Article));
    println!(
        "export: note of {n} characters: {s:.3} s ({} bytes of Markdown)",
        md.len()
    );
    // Notes made of one thing repeated: what a line-by-line or span-by-span pass that looks
    // ahead could stumble on.
    for unit in [
        "`", "``a", "](x", "^a ", "[", "*a", "<a", "\\`", "$$", "> ", "- ", "1. ", "~~~\n", "a\n",
        "    ",
    ] {
        let hostile = unit.repeat(n / unit.len());
        let notes = [note(1, &hostile, vec![], Target::new(KEY, &text, 0, 30))];
        let input = gather("bench", "2026-03-04T08:30:00.000Z", &refs, &notes, &[]);
        let (md, s) = time(|| to_markdown(&input, GroupBy::Article));
        println!(
            "export: note of {unit:?} x {}: {s:.3} s ({} bytes)",
            n / unit.len(),
            md.len()
        );
    }
    let whole = Target::new(KEY, &text, 0, text.chars().count());
    let notes = [note(1, "short", vec![], whole)];
    let (input, g) = time(|| gather("bench", "2026-03-04T08:30:00.000Z", &refs, &notes, &[]));
    let (md, s) = time(|| to_markdown(&input, GroupBy::Article));
    println!(
        "export: passage of {n} characters: gather {g:.3} s, Markdown {s:.3} s ({} bytes)",
        md.len()
    );
}

/// `n` short notes on one article, each with a tag of its own, by article and by tag.
fn export_many(n: usize) {
    let sentence = "The quay will be repaired in May. ";
    let text = sentence.repeat(n.min(10_000));
    let a = article(&text);
    let refs = [ArticleRef {
        key: KEY,
        name: "harbour.txt",
        article: Some(&a),
    }];
    let per = sentence.chars().count();
    let sentences = text.chars().count() / per;
    let notes: Vec<Note> = (0..n)
        .map(|i| {
            let at = (i % sentences) * per;
            let target = Target::new(KEY, &text, at, at + per - 1);
            note(i, "A short note.", vec![format!("tag-{i}")], target)
        })
        .collect();
    let (input, g) = time(|| gather("bench", "2026-03-04T08:30:00.000Z", &refs, &notes, &[]));
    let (md, s) = time(|| to_markdown(&input, GroupBy::Article));
    let (by_tag, t) = time(|| to_markdown(&input, GroupBy::Tag));
    println!(
        "export: {n} notes, {n} tags: gather {g:.3} s, by article {s:.3} s ({} bytes), by tag \
         {t:.3} s ({} bytes)",
        md.len(),
        by_tag.len()
    );
}

/// The release binary under `/usr/bin/time -v` when there is one: its output, the time it
/// took and its peak memory.
fn run_timed(args: &[&std::ffi::OsStr], data: &Path) -> (std::process::Output, f64, String) {
    let exe = env!("CARGO_BIN_EXE_briefly");
    let timed = Path::new("/usr/bin/time").exists();
    let mut cmd = if timed {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-v").arg(exe);
        c
    } else {
        Command::new(exe)
    };
    cmd.args(args)
        .env("BRIEFLY_DATA_DIR", data.join("data"))
        .env("BRIEFLY_CONFIG_DIR", data.join("config"));
    let (out, s) = time(|| cmd.output().unwrap());
    let rss = String::from_utf8_lossy(&out.stderr)
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .map_or("?".into(), |k| {
            format!("{} MB", k.trim().parse::<u64>().unwrap_or(0) / 1024)
        });
    (out, s, rss)
}

/// `briefly export` of `n` notes on one article, as Markdown and as JSON, to a file.
fn export_cli(n: usize) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("briefing");
    std::fs::create_dir(&folder).unwrap();
    let sentence = "The quay will be repaired in May, the council said. ";
    let path = folder.join("a.txt");
    std::fs::write(&path, format!("Article\n\n{}\n", sentence.repeat(40))).unwrap();
    let article = std::fs::canonicalize(path).unwrap();
    let file = dir.path().join("notes.json");
    write_annotations(&file, n, &[article], sentence);
    let (out, ..) = run_timed(
        &[OsStr::new("import"), file.as_os_str(), folder.as_os_str()],
        dir.path(),
    );
    assert!(out.status.success(), "{out:?}");
    for format in ["md", "json"] {
        let to = dir.path().join(format!("out.{format}"));
        let args = [
            OsStr::new("export"),
            folder.as_os_str(),
            OsStr::new("--format"),
            OsStr::new(format),
            OsStr::new("--out"),
            to.as_os_str(),
        ];
        let (out, s, rss) = run_timed(&args, dir.path());
        let bytes = std::fs::metadata(&to).map(|m| m.len()).unwrap_or(0);
        println!(
            "export: {n} notes on one article as {format}: {s:.2} s, peak {rss} ({:.1} MB written)",
            bytes as f64 / 1e6
        );
        if !out.status.success() {
            println!(
                "  failed: {}",
                String::from_utf8_lossy(&out.stderr)
                    .lines()
                    .next()
                    .unwrap_or("")
            );
        }
    }
}

/// `briefly import` of `n` annotations into an empty data dir, as a user runs it.
fn import(n: usize) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("briefing");
    std::fs::create_dir(&folder).unwrap();
    let sentence = "The quay will be repaired in May, the council said. ";
    let text = sentence.repeat(40);
    let articles: Vec<_> = (0..10)
        .map(|i| {
            let path = folder.join(format!("a{i}.txt"));
            std::fs::write(&path, format!("Article {i}\n\n{text}\n")).unwrap();
            std::fs::canonicalize(path).unwrap()
        })
        .collect();
    let file = dir.path().join("notes.json");
    let (_, w) = time(|| write_annotations(&file, n, &articles, sentence));
    let bytes = std::fs::metadata(&file).unwrap().len();
    let exe = env!("CARGO_BIN_EXE_briefly");
    let timed = Path::new("/usr/bin/time").exists();
    let mut cmd = if timed {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-v").arg(exe);
        c
    } else {
        Command::new(exe)
    };
    cmd.arg("import")
        .arg(&file)
        .arg(&folder)
        .env("BRIEFLY_DATA_DIR", dir.path().join("data"))
        .env("BRIEFLY_CONFIG_DIR", dir.path().join("config"));
    let (out, s) = time(|| cmd.output().unwrap());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let rss = stderr
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .map_or("?".into(), |k| {
            format!("{} MB", k.trim().parse::<u64>().unwrap_or(0) / 1024)
        });
    println!(
        "import: {n} annotations ({} MB of JSON, written in {w:.1} s): {s:.2} s, peak {rss}: {}",
        bytes / 1_000_000,
        String::from_utf8_lossy(&out.stdout).trim()
    );
    if !out.status.success() {
        println!("  failed: {}", stderr.lines().next().unwrap_or(""));
    }
}

/// A W3C annotation collection as `briefly export --format json` writes it, streamed.
fn write_annotations(file: &Path, n: usize, articles: &[std::path::PathBuf], sentence: &str) {
    let mut w = std::io::BufWriter::new(std::fs::File::create(file).unwrap());
    write!(
        w,
        "{{\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"type\": \
         \"AnnotationCollection\", \"label\": \"bench\", \"total\": {n}, \"first\": \
         {{\"type\": \"AnnotationPage\", \"startIndex\": 0, \"items\": ["
    )
    .unwrap();
    let per = sentence.chars().count();
    for i in 0..n {
        let at = (i % 40) * per;
        let source = format!("file://{}", articles[i % articles.len()].display());
        let a = serde_json::json!({
            "id": format!("urn:briefly:note:n{i}"),
            "type": "Annotation",
            "motivation": "commenting",
            "created": "2026-03-03T09:00:00.000Z",
            "modified": "2026-03-03T09:00:00.000Z",
            "body": [
                {"type": "TextualBody", "purpose": "tagging", "value": format!("tag-{}", i % 50)},
                {"type": "TextualBody", "purpose": "commenting", "value": "Ask for the tender.",
                 "format": "text/markdown"}
            ],
            "target": {
                "source": source,
                "selector": [
                    {"type": "TextQuoteSelector", "exact": sentence.trim_end(),
                     "prefix": "", "suffix": ""},
                    {"type": "TextPositionSelector", "start": at, "end": at + per - 1}
                ],
                "briefly:fingerprint": "fnv1a:0000000000000000"
            }
        });
        if i > 0 {
            w.write_all(b",\n").unwrap();
        }
        serde_json::to_writer(&mut w, &a).unwrap();
    }
    w.write_all(b"]}}\n").unwrap();
}
