//! What the analysis finds in one article: its mentions, their words kept in one buffer.

use super::Kind;

/// One mention: bytes `start..end` of paragraph `para`. Its words are
/// [`ArticleEntities::surface`] (a briefing holds hundreds of thousands of mentions: one
/// buffer per article rather than a string each).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub para: u32,
    pub start: u32,
    pub end: u32,
    pub kind: Kind,
    /// Its words' bytes in the article's `surfaces`.
    at: u32,
    len: u32,
}

/// An article's mentions in reading order, and the aliases it declares.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ArticleEntities {
    pub mentions: Vec<Found>,
    /// (mention, another name the text gives it in brackets).
    pub aliases: Vec<(usize, String)>,
    /// The mentions' words, one after another.
    surfaces: String,
}

impl ArticleEntities {
    /// The mentions in paragraph `para`.
    pub fn in_para(&self, para: usize) -> std::ops::Range<usize> {
        let from = self.mentions.partition_point(|m| (m.para as usize) < para);
        let to = self.mentions.partition_point(|m| m.para as usize <= para);
        from..to
    }

    /// None yet, room for `mentions`.
    pub fn with_capacity(mentions: usize) -> ArticleEntities {
        ArticleEntities {
            mentions: Vec::with_capacity(mentions),
            ..ArticleEntities::default()
        }
    }

    /// A mention's words as written, spaces collapsed (`mention` is one of this article's).
    pub fn surface(&self, mention: &Found) -> &str {
        let at = mention.at as usize;
        self.surfaces
            .get(at..at + mention.len as usize)
            .unwrap_or("")
    }

    /// Adds a mention after the others: bytes `start..end` of paragraph `para`, `written`
    /// as they read there (its words are kept with spaces collapsed).
    pub fn push(&mut self, para: u32, start: u32, end: u32, kind: Kind, written: &str) {
        let at = self.surfaces.len();
        for (i, word) in written.split_whitespace().enumerate() {
            if i > 0 {
                self.surfaces.push(' ');
            }
            self.surfaces.push_str(word);
        }
        self.mentions.push(Found {
            para,
            start,
            end,
            kind,
            at: at as u32,
            len: (self.surfaces.len() - at) as u32,
        });
    }

    /// Lets go of spare capacity (kept as long as the briefing is open).
    pub fn shrink_to_fit(&mut self) {
        self.mentions.shrink_to_fit();
        self.surfaces.shrink_to_fit();
    }
}
