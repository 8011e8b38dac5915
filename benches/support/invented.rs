//! An invented briefing for the search benches when no folder is given:
//! `#[path = "support/invented.rs"] mod invented;`, then `invented::write(dir, n)`.

use std::path::{Path, PathBuf};

/// The bench's arguments (options such as `--bench` left out).
pub fn args() -> Vec<String> {
    std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect()
}

/// The folder the first argument names, or `n` invented articles written under `scratch`.
pub fn briefing(args: &[String], scratch: &Path, n: usize) -> PathBuf {
    match args.first() {
        Some(d) => PathBuf::from(d),
        None => {
            let d = scratch.join("briefing");
            std::fs::create_dir_all(&d).expect("a temp folder");
            write(&d, n);
            d
        }
    }
}

/// `n` invented articles, a few of them naming the harbour master.
pub fn write(dir: &Path, n: usize) {
    for i in 0..n {
        let mut text = format!("Council notes, part {i}\n\n");
        for p in 0..12 {
            text.push_str(&format!(
                "The council of district {i} met on day {p} and talked about roads, schools \
                 and the budget for the coming year, which isn\u{2019}t settled yet.\n\n"
            ));
        }
        if i % 50 == 0 {
            text.push_str("The Harbour Master said the quay would reopen.\n");
        }
        std::fs::write(dir.join(format!("notes-{i:05}.txt")), text).expect("a file");
    }
}
