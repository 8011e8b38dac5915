//! The reader on the shared briefing beside the repository (`../shared`), skipped when it is
//! not there: its five outlets are one story in the list, and of the two outlets carrying
//! the same wire copy, whichever is read second shows that copy as read before. Prints the
//! figures; nothing here is copied into the repository.

mod common;

use std::path::Path;

use briefly::app::stories::{self, Row};
use briefly::ingest;
use common::Harness;

#[test]
fn the_shared_briefing_reads_as_one_story_with_the_wire_copy_seen_before() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/briefings/london-talks-2015");
    if !dir.is_dir() {
        eprintln!("skipped: no ../shared");
        return;
    }
    let sources = ingest::collect(&[dir]);
    let mut h = Harness::with_sources(sources, 100, 30, None);
    h.load_all();
    let n = h.state.entries.len();
    let rows = stories::rows(&h.state);
    assert!(matches!(rows[0], Row::Header(_)), "{rows:?}");
    assert_eq!(rows.len(), n + 1, "one header over all {n}: {rows:?}");
    // The pair sharing the most statements: the wire copy.
    let s = h.state.stories.stories.clone();
    let mut best = (0, 0, 0);
    for a in 0..n {
        for b in a + 1..n {
            let shared = s
                .statements
                .iter()
                .filter(|arts| arts.contains(&(a as u32)) && arts.contains(&(b as u32)))
                .count();
            best = best.max((shared, a, b));
        }
    }
    let (shared, first, second) = best;
    assert!(shared >= 10, "{best:?}");
    for (read, then) in [(first, second), (second, first)] {
        let mut h = Harness::with_sources(
            h.state.entries.iter().map(|e| e.source.clone()).collect(),
            100,
            30,
            None,
        );
        h.load_all();
        h.keys("S g");
        for _ in 0..read {
            h.keys("j");
        }
        h.keys("enter");
        assert_eq!(h.state.selected, read);
        // Read to the end, a page at a time.
        while h.state.view.top < h.state.max_top() {
            h.keys("space");
        }
        h.keys("tab g");
        for _ in 0..then {
            h.keys("j");
        }
        h.keys("enter");
        let (before, total) = h.state.stories.before.counts();
        println!(
            "read {} then {}: {before} of {total} sentences read before ({shared} statements shared)",
            h.state.entries[read].name, h.state.entries[then].name
        );
        assert!(before * 2 >= shared, "{before} of {shared}");
    }
}
