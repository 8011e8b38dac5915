//! The built-in demo briefing: five articles the project wrote about one invented event, with
//! the clutter real scrapes carry. Opened when briefly is run without a path.

use crate::ingest::Source;

const ARTICLES: &[(&str, &str)] = &[
    (
        "01-meridian-ledger.txt",
        include_str!("demo/01-meridian-ledger.txt"),
    ),
    (
        "02-northgate-wire.txt",
        include_str!("demo/02-northgate-wire.txt"),
    ),
    (
        "03-harbourline-daily.txt",
        include_str!("demo/03-harbourline-daily.txt"),
    ),
    (
        "04-civic-courier.txt",
        include_str!("demo/04-civic-courier.txt"),
    ),
    (
        "05-atlas-evening-post.txt",
        include_str!("demo/05-atlas-evening-post.txt"),
    ),
];

/// The demo briefing's sources, in order.
pub fn sources() -> Vec<Source> {
    ARTICLES
        .iter()
        .map(|&(name, text)| Source::Embedded { name, text })
        .collect()
}
