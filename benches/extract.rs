//! Extraction speed (printed, not asserted): milliseconds per page for HTML pages and per
//! article for text scrapes, in-process (no process start-up).
//!
//! `cargo bench --bench extract -- DIR... [--runs N]` times every .html/.htm/.txt file in the
//! folders given (e.g. a folder of the aeb-dev pages, decompressed), N times each (5 unless
//! told). With no folder it times pages this bench writes itself. Besides the wall time it
//! prints the thread's CPU time, which other work on a shared machine does not inflate.

use std::time::Instant;

use briefly::ingest::{self, Format};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs: usize = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|at| args.get(at + 1)?.parse().ok())
        .unwrap_or(5)
        .max(1);
    let dirs: Vec<String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with('-') && (*i == 0 || args[i - 1] != "--runs"))
        .map(|(_, a)| a.clone())
        .collect();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for dir in &dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            eprintln!("skipped {dir}: cannot be read");
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".txt") {
                files.push((name, std::fs::read(e.path()).unwrap_or_default()));
            }
        }
    }
    if files.is_empty() {
        files = synthetic();
    }
    // (format, wall ms, CPU ms, files)
    let mut by_format: Vec<(Format, f64, f64, usize)> = Vec::new();
    for (name, bytes) in &files {
        let format = Format::detect(name, bytes);
        let t = Instant::now();
        let cpu = thread_cpu_ms();
        for _ in 0..runs {
            std::hint::black_box(ingest::article_from_bytes(bytes, format).ok());
        }
        let cpu = (thread_cpu_ms() - cpu) / runs as f64;
        let ms = t.elapsed().as_secs_f64() * 1e3 / runs as f64;
        match by_format.iter_mut().find(|f| f.0 == format) {
            Some(f) => {
                f.1 += ms;
                f.2 += cpu;
                f.3 += 1;
            }
            None => by_format.push((format, ms, cpu, 1)),
        }
    }
    for (format, ms, cpu, n) in by_format {
        println!(
            "{format:?}: {:.2} ms per file over {n} files ({:.2} s in all), CPU {:.2} ms per file \
             ({:.2} s in all); mean of {runs} runs",
            ms / n as f64,
            ms / 1e3,
            cpu / n as f64,
            cpu / 1e3,
        );
    }
}

/// The CPU time this thread has used, in milliseconds.
fn thread_cpu_ms() -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    t.tv_sec as f64 * 1e3 + t.tv_nsec as f64 / 1e6
}

/// Pages and scrapes written here, of typical news-page size, when no folder is given.
fn synthetic() -> Vec<(String, Vec<u8>)> {
    let para = "<p>The harbour board met on Tuesday to weigh the ferry timetable, and members asked for the traffic figures before any vote on the repairs.</p>";
    let nav: String = (0..80)
        .map(|i| format!("<li><a href=\"/s/{i}\">Section {i}</a></li>"))
        .collect();
    let page = format!(
        "<!doctype html><html><head><title>Ferry board | Gazette</title></head><body><nav><ul>{nav}</ul></nav><article><h1>Ferry board meets</h1>{}</article><footer>{nav}</footer></body></html>",
        para.repeat(30)
    );
    let text = format!(
        "Home | News | Sign in\nFerry board meets\n\n{}",
        "The harbour board met on Tuesday to weigh the ferry timetable.\n\n".repeat(30)
    );
    (0..20)
        .flat_map(|i| {
            [
                (format!("{i}.html"), page.clone().into_bytes()),
                (format!("{i}.txt"), text.clone().into_bytes()),
            ]
        })
        .collect()
}
