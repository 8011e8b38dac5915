//! `briefly export --format json` holds the notes, not the document: the JSON is written one
//! annotation at a time. Counted by an allocator that keeps the peak of the bytes in use (a
//! count, not a timing: the same on every machine). The one test of this file, so that no
//! other test's allocations are counted.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use briefly::ingest::{Article, Paragraph};
use briefly::notes::export::{ArticleRef, gather};
use briefly::notes::model::{Note, Target};
use briefly::notes::{to_json, w3c};

struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The most memory in use while `f` runs, beyond what was in use before.
fn peak_of(f: impl FnOnce()) -> usize {
    let before = IN_USE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    f();
    PEAK.load(Ordering::Relaxed) - before
}

/// Counts what is written and keeps nothing.
struct Counter(usize);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn json_export_memory_is_a_small_part_of_the_output() {
    let sentence = "The quay will be repaired in May, the council said. ";
    let text = sentence.repeat(40);
    let article = Article {
        title: "Harbour week".into(),
        paragraphs: vec![Paragraph::body(&text)],
        ..Article::default()
    };
    let key = "/bench/harbour.txt";
    let per = sentence.chars().count();
    let notes: Vec<Note> = (0..5_000)
        .map(|i| {
            let at = (i % 40) * per;
            Note {
                id: format!("n{i}"),
                created: "2026-03-03T09:00:00.000Z".into(),
                updated: "2026-03-03T09:00:00.000Z".into(),
                tags: vec![format!("tag-{}", i % 50)],
                text: "Ask for the tender.".into(),
                target: Target::new(key, &text, at, at + per - 1),
                deleted: false,
            }
        })
        .collect();
    let refs = [ArticleRef {
        key,
        name: "harbour.txt",
        article: Some(&article),
    }];
    let input = gather("bench", "2026-03-04T08:30:00.000Z", &refs, &notes, &[]);
    assert_eq!(input.notes().count(), notes.len());

    let mut out = Counter(0);
    let streamed = peak_of(|| w3c::write_json(&input, &mut out).unwrap());
    let tree = peak_of(|| {
        let doc = serde_json::to_string_pretty(&to_json(&input)).unwrap();
        assert_eq!(doc.len() + 1, out.0, "the same document");
    });
    println!(
        "JSON of {} notes: {} bytes; peak memory written as it goes {} bytes, as a tree then a \
         string {} bytes",
        notes.len(),
        out.0,
        streamed,
        tree
    );
    // The notes' references (8 bytes each), the write buffer and one annotation at a time.
    assert!(streamed < out.0 / 20, "{streamed} of {}", out.0);
}
