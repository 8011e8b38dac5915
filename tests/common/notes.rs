//! The notes the user wrote on a briefing, shared by the notes tests: a short article of the
//! project's own, opened in the reader.

use super::Harness;

pub const STORY: &str = "Quay repairs approved\n\n\
The harbour council voted on Monday to repair the north quay. Work starts in May. The bill is 2.1 million.\n\n\
Residents asked for a public meeting first. The council said no.\n";

/// The story opened in the reader, at 100x30.
pub fn reading() -> Harness {
    let mut h = Harness::files(&[("quay.txt", STORY.as_bytes())], 100, 30);
    h.load_all();
    h.keys("enter");
    h
}

/// The notes not deleted.
pub fn live_notes(h: &Harness) -> Vec<&briefly::notes::Note> {
    h.state.notes.iter().filter(|n| !n.deleted).collect()
}
