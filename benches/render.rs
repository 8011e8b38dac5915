//! Start-up and drawing figures (printed, not asserted).
//!
//! `cargo bench --bench render` builds a synthetic briefing of 10,000 articles written by this
//! bench (or uses the folder in BRIEFLY_BENCH_DIR) and prints how long each start-up step and
//! each frame take, and how many bytes the screen sends for reader scrolls.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use briefly::app::{Action, AppState, Command, Effect, update};
use briefly::ingest;
use briefly::keymap::Keymap;
use briefly::term::Screen;
use briefly::ui::{self, Theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn main() {
    let dir = match std::env::var_os("BRIEFLY_BENCH_DIR") {
        Some(d) => PathBuf::from(d),
        None => synthetic_briefing(10_000),
    };
    let t = Instant::now();
    let sources = ingest::collect(std::slice::from_ref(&dir));
    report("collect (walk + sort)", t.elapsed(), sources.len());

    let t = Instant::now();
    let mut state = AppState::new(
        "bench".into(),
        sources.clone(),
        Keymap::default_map(),
        (100, 30),
    );
    report("state with every entry", t.elapsed(), sources.len());

    let t = Instant::now();
    let effects = update(&mut state, Action::Resize(100, 30));
    for e in effects {
        if let Effect::Load(i) = e {
            let article = ingest::load(&state.entries[i].source);
            update(&mut state, Action::Loaded(i, Box::new(article)));
        }
    }
    report("first article loaded and wrapped", t.elapsed(), 1);

    let theme = Theme { color: true };
    let area = Rect::new(0, 0, 100, 30);
    let t = Instant::now();
    let frames = 200;
    for _ in 0..frames {
        let mut buf = Buffer::empty(area);
        ui::render(&state, &theme, area, &mut buf);
        std::hint::black_box(&buf);
    }
    report("render one 100x30 frame", t.elapsed() / frames, 1);

    // Bytes per reader scroll, through the real screen encoder (no terminal answers, so no
    // left/right margins: the split view pays for the list's rows).
    for (label, keys, margins) in [
        (
            "split view, no margins (tmux)",
            vec![Command::FocusReader],
            false,
        ),
        (
            "split view, left/right margins (xterm)",
            vec![Command::FocusReader],
            true,
        ),
        ("zoomed reader", vec![Command::ToggleZoom], false),
    ] {
        let mut s = state.clone();
        for k in keys {
            update(&mut s, Action::Command(k));
        }
        let mut screen = Screen::new(Vec::<u8>::new(), area).unwrap();
        if margins {
            screen.enable_margins().unwrap();
        }
        let mut top = s.view.top;
        let frame = |s: &AppState, screen: &mut Screen<Vec<u8>>, scroll| {
            let mut buf = Buffer::empty(area);
            ui::render(s, &theme, area, &mut buf);
            screen.present(buf, scroll).unwrap();
        };
        frame(&s, &mut screen, None);
        let start = screen.bytes;
        let mut scrolls = 0;
        for _ in 0..20 {
            update(&mut s, Action::Command(Command::ScrollDown));
            if s.view.top == top {
                break;
            }
            frame(
                &s,
                &mut screen,
                s.panes().body.map(|b| (b, (s.view.top - top) as i32)),
            );
            top = s.view.top;
            scrolls += 1;
        }
        if scrolls > 0 {
            println!(
                "{label}: {:.1} bytes per one-line scroll over {scrolls} scrolls",
                (screen.bytes - start) as f64 / scrolls as f64
            );
        }
    }

    let t = Instant::now();
    let mut bytes = 0usize;
    for s in &sources {
        if let Ok(a) = ingest::load(s) {
            bytes += a.paragraphs.iter().map(|p| p.text.len()).sum::<usize>();
        }
    }
    let el = t.elapsed();
    report("load every article (one thread)", el, sources.len());
    println!(
        "  {:.0} MB/s of article text",
        bytes as f64 / 1e6 / el.as_secs_f64()
    );
}

fn report(what: &str, took: Duration, n: usize) {
    println!("{what}: {:.3} ms ({n} items)", took.as_secs_f64() * 1e3);
}

/// A briefing of `n` articles made of sentences this bench writes, in a temp folder.
fn synthetic_briefing(n: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("briefly-bench-{n}"));
    if dir.join(format!("article-{:05}.txt", n - 1)).exists() {
        return dir;
    }
    std::fs::create_dir_all(&dir).unwrap();
    let words = [
        "council",
        "river",
        "budget",
        "minister",
        "harbour",
        "treaty",
        "vote",
        "delegates",
        "agency",
        "report",
        "talks",
        "fund",
    ];
    let mut seed = 7u64;
    let mut next = move |m: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % m
    };
    for i in 0..n {
        let mut text = format!(
            "Home | News | Sign in\nThe {} {} meets again\n\n",
            words[next(12)],
            words[next(12)]
        );
        for _ in 0..(6 + next(24)) {
            let sentence: Vec<&str> = (0..(12 + next(20))).map(|_| words[next(12)]).collect();
            text.push_str(&format!("The {}.\n\n", sentence.join(" ")));
        }
        std::fs::write(dir.join(format!("article-{i:05}.txt")), text).unwrap();
    }
    dir
}
