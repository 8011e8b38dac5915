//! Notes as stored: W3C Web Annotation–shaped targets (a quote with its context and a
//! character position in the clean text), tags, text and times.

use serde::{Deserialize, Serialize};

/// One note on a passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Stable across edits, processes and exports.
    pub id: String,
    /// RFC 3339 UTC times.
    pub created: String,
    pub updated: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub text: String,
    pub target: Target,
    /// A deleted note is kept as a tombstone, so that another process merging its older
    /// copy does not bring it back.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
}

/// What a note is attached to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// The article's source: its path (or URL for a feed entry).
    pub source: String,
    /// A hash of the clean text the selectors were made against.
    pub fingerprint: String,
    pub selector: Vec<Selector>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Selector {
    /// The passage itself with about 32 characters of context either side.
    TextQuoteSelector {
        exact: String,
        #[serde(default)]
        prefix: String,
        #[serde(default)]
        suffix: String,
    },
    /// Character offsets (Unicode scalar values) in the clean text, end exclusive.
    TextPositionSelector { start: usize, end: usize },
}

/// How much context a quote selector keeps either side of the passage.
pub const CONTEXT_CHARS: usize = 32;

impl Target {
    /// Selectors for the characters `start..end` of `text`.
    pub fn new(source: &str, text: &str, start: usize, end: usize) -> Target {
        let chars: Vec<char> = text.chars().collect();
        let end = end.min(chars.len());
        let start = start.min(end);
        let take = |from: usize, to: usize| chars[from..to].iter().collect::<String>();
        Target {
            source: source.to_string(),
            fingerprint: fingerprint(text),
            selector: vec![
                Selector::TextQuoteSelector {
                    exact: take(start, end),
                    prefix: take(start.saturating_sub(CONTEXT_CHARS), start),
                    suffix: take(end, (end + CONTEXT_CHARS).min(chars.len())),
                },
                Selector::TextPositionSelector { start, end },
            ],
        }
    }

    /// (exact, prefix, suffix) of the quote selector.
    pub fn quote(&self) -> Option<(&str, &str, &str)> {
        self.selector.iter().find_map(|s| match s {
            Selector::TextQuoteSelector {
                exact,
                prefix,
                suffix,
            } => Some((exact.as_str(), prefix.as_str(), suffix.as_str())),
            _ => None,
        })
    }

    /// (start, end) of the position selector.
    pub fn position(&self) -> Option<(usize, usize)> {
        self.selector.iter().find_map(|s| match s {
            Selector::TextPositionSelector { start, end } => Some((*start, *end)),
            _ => None,
        })
    }
}

/// A stable fingerprint of an article's clean text (FNV-1a, hex), to tell when it changed.
pub fn fingerprint(text: &str) -> String {
    format!("fnv1a:{:016x}", crate::session::fnv1a(text.as_bytes()))
}

/// The time now as RFC 3339 UTC with milliseconds, e.g. "2026-11-23T10:54:39.123Z".
pub fn now() -> String {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    rfc3339(since.as_secs() as i64, since.subsec_millis())
}

/// Formats seconds since the Unix epoch as RFC 3339 UTC (civil-from-days, proleptic Gregorian).
pub fn rfc3339(secs: i64, millis: u32) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (h, m, s) = (rem / 3600, rem % 3600 / 60, rem % 60);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let mo = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(mo <= 2);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{m:02}:{s:02}.{millis:03}Z")
}

/// A new note id: the time in milliseconds and a counter, in hex, unique within a process and
/// practically across processes (the process id is mixed in).
pub fn new_id() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_millis();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("n{ms:x}-{:x}-{n:x}", std::process::id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_dates() {
        assert_eq!(rfc3339(0, 0), "1970-01-01T00:00:00.000Z");
        assert_eq!(rfc3339(951_782_400, 5), "2000-02-29T00:00:00.005Z");
        assert_eq!(rfc3339(1_795_431_279, 123), "2026-11-23T10:54:39.123Z");
    }

    #[test]
    fn targets_keep_quote_context_and_character_positions() {
        let text = "Zo\u{eb} said the quay will be repaired in May, before the storms.";
        let start = text.chars().position(|c| c == 'q').unwrap();
        let t = Target::new("/b/a.txt", text, start, start + 4);
        assert_eq!(
            t.quote(),
            Some((
                "quay",
                "Zo\u{eb} said the ",
                " will be repaired in May, before"
            ))
        );
        assert_eq!(t.position(), Some((start, start + 4)));
        let json = serde_json::to_value(&t).unwrap();
        assert_eq!(json["selector"][0]["type"], "TextQuoteSelector");
        assert_eq!(json["selector"][1]["type"], "TextPositionSelector");
    }

    #[test]
    fn ids_are_unique() {
        let ids: std::collections::HashSet<String> = (0..1000).map(|_| new_id()).collect();
        assert_eq!(ids.len(), 1000);
    }
}
