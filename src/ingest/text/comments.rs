//! Readers' comments under an article: each opens with a header that names its writer and
//! when it was written ("ana says:" over "May 3, 2026 at 6:44 am", "Ana on May 3, 2026 at
//! 6:44 am said:"). Comments read like running text, and there can be more of them than of
//! the article, so neither the block model nor the end-of-article rules (which cut what is
//! small beside the article) always leave them out: two such headers start the comments,
//! and what follows the first is dropped.

use super::meta::{date_line, has_date};
use super::signals::{more_words_than, tokens};
use super::{Item, Role};

/// How a comment's header ends, lower-cased: its last word, before the colon.
const SAID: &[&str] = &[
    "says",
    "said",
    "wrote",
    "writes",
    "commented",
    "replied",
    "dice",
    "dijo",
    "escribió",
    "disse",
    "escreveu",
    "sagt",
    "schreibt",
    "schrieb",
    "zegt",
    "schreef",
    "dit",
    "écrit",
];

/// Drops the comments: from the first comment header after the article's running text to
/// the end, when there are at least two.
pub fn cut_comments(items: &mut [Item]) {
    let Some(first_prose) = items.iter().position(|i| i.role == Role::Body && i.prose) else {
        return;
    };
    let headers: Vec<usize> = (first_prose + 1..items.len())
        .filter(|&i| {
            let next = items.get(i + 1).map_or("", |n| n.text.as_str());
            !items[i].verbatim && is_header(&items[i].text, next)
        })
        .take(2)
        .collect();
    if let [first, _] = headers[..] {
        for item in &mut items[first..] {
            item.role = Role::Drop;
        }
    }
}

/// A comment's header: a few words ending in "says:", "said:" and the like, with the date
/// in it or on the next line (so that "The minister said:" before a quote is not one).
fn is_header(line: &str, next: &str) -> bool {
    let line = line.trim();
    let Some(head) = line.strip_suffix(':') else {
        return false;
    };
    if more_words_than(head, 14) {
        return false;
    }
    let toks = tokens(head);
    let [.., said] = &toks[..] else {
        return false;
    };
    toks.len() >= 2
        && SAID.contains(&said.as_str())
        && (has_date(&toks) || date_line(next.trim()).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(lines: &[&str]) -> Vec<Item> {
        lines
            .iter()
            .map(|l| super::super::item(l.to_string(), Role::Body, 0, false))
            .collect()
    }

    fn kept(items: &[Item]) -> Vec<&str> {
        items
            .iter()
            .filter(|i| i.role == Role::Body)
            .map(|i| i.text.as_str())
            .collect()
    }

    const STORY: &str = "The council voted on Tuesday to close the old bridge to cars, and the work on a new one will start in the spring.";
    const REMARK: &str = "I drive over that bridge every day and I think the council should have done this years ago, to be honest.";

    #[test]
    fn comments_after_the_article_are_dropped() {
        let mut page = items(&[
            STORY,
            "jo_smith says:",
            "May 3, 2026 at 6:44 am",
            REMARK,
            "Ana on May 3, 2026 at 7:02 pm said:",
            REMARK,
        ]);
        cut_comments(&mut page);
        assert_eq!(kept(&page), [STORY]);
    }

    #[test]
    fn a_quote_introduced_in_the_story_is_kept() {
        // "said:" without a date is how a story introduces a quote, not a comment.
        let lines = [STORY, "The mayor said:", REMARK, "Her deputy said:", REMARK];
        let mut page = items(&lines);
        cut_comments(&mut page);
        assert_eq!(kept(&page), lines);
        // One comment header alone is not yet a comment section.
        let lines = [STORY, "jo_smith says:", "May 3, 2026 at 6:44 am", REMARK];
        let mut page = items(&lines);
        cut_comments(&mut page);
        assert_eq!(kept(&page), lines);
    }
}
