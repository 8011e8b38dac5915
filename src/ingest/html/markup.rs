//! One linear pass over a page's markup before html5ever reads it: a tag keeps at most
//! [`MAX_ATTRIBUTES`] attributes. html5ever's tokenizer checks each new attribute against every
//! earlier one of its tag, so a tag with a million attributes takes minutes.
//!
//! The pass reads tags the way the HTML tokenizer does (quoted and unquoted values, comments,
//! the raw text of `<script>` and its kin) and changes nothing else; a page with no such tag is
//! returned as it is, without a copy.

use std::borrow::Cow;

use memchr::memchr;

/// Far more than a real tag carries (the evaluation pages have at most 40).
pub const MAX_ATTRIBUTES: usize = 128;

/// Elements whose content is text up to their end tag, never markup.
const RAW_TEXT: &[&[u8]] = &[
    b"script",
    b"style",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
    b"noscript",
    b"textarea",
    b"title",
];

/// The page with every attribute past the first [`MAX_ATTRIBUTES`] of a tag left out.
pub fn cap_attributes(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut i = 0;
    while let Some(off) = memchr(b'<', &b[i..]) {
        let lt = i + off;
        i = lt + 1;
        match b.get(i) {
            Some(b'!') if b[i..].starts_with(b"!--") => i = comment_end(b, i + 3),
            Some(b'!') | Some(b'?') => i = after_gt(b, i),
            Some(b'/') if b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) => {
                let tag = scan_tag(b, i + 1);
                cut(html, &tag, &mut out, &mut copied);
                i = tag.end;
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let tag = scan_tag(b, i);
                cut(html, &tag, &mut out, &mut copied);
                i = tag.end;
                let name = &b[tag.name.0..tag.name.1];
                if name.eq_ignore_ascii_case(b"plaintext") {
                    break;
                }
                if let Some(raw) = RAW_TEXT.iter().find(|r| name.eq_ignore_ascii_case(r)) {
                    i = end_tag_of(b, i, raw);
                }
            }
            _ => {}
        }
    }
    if copied == 0 {
        Cow::Borrowed(html)
    } else {
        out.push_str(&html[copied..]);
        Cow::Owned(out)
    }
}

/// One tag as the tokenizer reads it.
struct TagSpan {
    name: (usize, usize),
    /// Where the first attribute past the limit starts, and where the tag's `>` is (or the
    /// end of the page).
    cut: Option<(usize, usize)>,
    /// Just past the tag.
    end: usize,
}

fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn scan_tag(b: &[u8], start: usize) -> TagSpan {
    let mut p = start;
    while p < b.len() && !is_space(b[p]) && b[p] != b'/' && b[p] != b'>' {
        p += 1;
    }
    let name = (start, p);
    let mut count = 0;
    let mut cut_from = None;
    loop {
        // Before an attribute's name: white space and stray slashes are skipped.
        while p < b.len() && (is_space(b[p]) || (b[p] == b'/' && b.get(p + 1) != Some(&b'>'))) {
            p += 1;
        }
        if p < b.len() && b[p] == b'/' {
            p += 1;
        }
        if p >= b.len() || b[p] == b'>' {
            break;
        }
        count += 1;
        if count == MAX_ATTRIBUTES + 1 {
            cut_from = Some(p);
        }
        // The name; a leading '=' belongs to it.
        p += 1;
        while p < b.len() && !is_space(b[p]) && !matches!(b[p], b'/' | b'>' | b'=') {
            p += 1;
        }
        while p < b.len() && is_space(b[p]) {
            p += 1;
        }
        if p < b.len() && b[p] == b'=' {
            p += 1;
            while p < b.len() && is_space(b[p]) {
                p += 1;
            }
            match b.get(p) {
                Some(&q @ (b'"' | b'\'')) => {
                    p += 1;
                    p = memchr(q, &b[p..]).map_or(b.len(), |k| p + k + 1);
                }
                Some(b'>') | None => {}
                Some(_) => {
                    while p < b.len() && !is_space(b[p]) && b[p] != b'>' {
                        p += 1;
                    }
                }
            }
        }
    }
    let gt = p.min(b.len());
    TagSpan {
        name,
        cut: cut_from.map(|from| (from, gt)),
        end: (gt + 1).min(b.len()),
    }
}

fn cut(html: &str, tag: &TagSpan, out: &mut String, copied: &mut usize) {
    if let Some((from, to)) = tag.cut {
        out.push_str(&html[*copied..from]);
        *copied = to;
    }
}

/// Just past a comment: `-->` or `--!>`, or `<!-->` and `<!--->` closed at once.
fn comment_end(b: &[u8], from: usize) -> usize {
    if b[from..].starts_with(b">") {
        return from + 1;
    }
    if b[from..].starts_with(b"->") {
        return from + 2;
    }
    let mut k = from;
    while k + 2 < b.len() {
        // Only where a dash is can the comment end.
        match memchr(b'-', &b[k..b.len() - 2]) {
            Some(off) => k += off,
            None => break,
        }
        if b[k] == b'-' && b[k + 1] == b'-' {
            if b[k + 2] == b'>' {
                return k + 3;
            }
            if b[k + 2] == b'!' && b.get(k + 3) == Some(&b'>') {
                return k + 4;
            }
        }
        k += 1;
    }
    b.len()
}

fn after_gt(b: &[u8], from: usize) -> usize {
    memchr(b'>', &b[from..]).map_or(b.len(), |k| from + k + 1)
}

/// Where the end tag `</name` of a raw-text element starts (the end of the page if none).
fn end_tag_of(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut k = from;
    while let Some(off) = memchr(b'<', &b[k..]) {
        let lt = k + off;
        let after = lt + 2 + name.len();
        if b.get(lt + 1) == Some(&b'/')
            && after <= b.len()
            && b[lt + 2..after].eq_ignore_ascii_case(name)
            && b.get(after)
                .is_none_or(|&c| is_space(c) || c == b'/' || c == b'>')
        {
            return lt;
        }
        k = lt + 1;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag_with(n: usize) -> String {
        let attrs: Vec<String> = (0..n).map(|i| format!("a{i}=\"{i}\"")).collect();
        format!("<p {}>Text.</p>", attrs.join(" "))
    }

    #[test]
    fn ordinary_pages_are_not_copied() {
        let page = "<!doctype html><p class=a id='b' data-x=\"1 2\" hidden>One</p><!-- <p x> -->";
        assert!(matches!(cap_attributes(page), Cow::Borrowed(_)));
        assert!(matches!(
            cap_attributes(&tag_with(MAX_ATTRIBUTES)),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn attributes_past_the_limit_are_left_out() {
        let page = tag_with(MAX_ATTRIBUTES + 50);
        let capped = cap_attributes(&page);
        let last = MAX_ATTRIBUTES - 1;
        assert!(
            capped.contains(&format!("a{last}=\"{last}\" >Text.</p>")),
            "{capped}"
        );
        assert!(!capped.contains(&format!("a{MAX_ATTRIBUTES}=")));
    }

    #[test]
    fn quoted_values_comments_and_scripts_are_not_tags() {
        // A '>' inside a quoted value does not end the tag; markup in a comment or a script
        // is not a tag.
        let many: String = (0..MAX_ATTRIBUTES + 5).map(|i| format!(" x{i}")).collect();
        let page = format!(
            "<p title='a > b'{many}>T</p><!-- <p{many}> --><script>if (a <b{many}) {{}}</script>"
        );
        let capped = cap_attributes(&page);
        assert!(capped.starts_with("<p title='a > b' x0"), "{capped}");
        assert!(!capped[..capped.find("</p>").unwrap()].contains(&format!("x{}", MAX_ATTRIBUTES)));
        // The comment and the script keep every word.
        assert!(capped.ends_with(&format!(
            "<!-- <p{many}> --><script>if (a <b{many}) {{}}</script>"
        )));
    }
}
