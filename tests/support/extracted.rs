//! What the extraction tests read from an extraction.

use briefly::ingest::{Extracted, ParagraphKind};

/// The captions an extraction found, in order.
pub fn captions(e: &Extracted) -> Vec<&str> {
    e.paragraphs
        .iter()
        .filter(|p| p.kind == ParagraphKind::Caption)
        .map(|p| p.text.as_str())
        .collect()
}
