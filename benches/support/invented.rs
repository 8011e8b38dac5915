//! An invented briefing for the search benches when no folder is given:
//! `#[path = "support/invented.rs"] mod invented;`, then `invented::write(dir, n)`.

use std::path::Path;

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
