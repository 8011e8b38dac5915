//! What the parse guard (`parse.rs`) needs to know of tags and text: which tags hold raw text,
//! which never hold others open, which are blocks, and whether a run of text is only white
//! space.

use html5ever::{LocalName, local_name};

/// Whether a run of characters holds more than white space (`!text.trim().is_empty()`, with
/// the white space of ASCII told byte by byte: most runs between tags are indentation).
pub fn has_text(text: &str) -> bool {
    for (i, b) in text.bytes().enumerate() {
        match b {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => {}
            0x80.. => return text[i..].chars().any(|c| !c.is_whitespace()),
            _ => return true,
        }
    }
    false
}

/// Elements whose content the tokenizer reads as text: they must reach the tree builder so
/// that the tokenizer is told so (a left-out `<script>` would show its code as text).
pub fn is_raw_text(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("script")
            | local_name!("style")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("noscript")
            | local_name!("textarea")
            | local_name!("title")
            | local_name!("plaintext")
    )
}

/// Elements that never hold others open.
pub fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("image")
            | local_name!("input")
            | local_name!("keygen")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
            | local_name!("basefont")
            | local_name!("bgsound")
            | local_name!("frame")
    )
}

/// Void elements that, wherever they come, add one element and nothing else (or, with
/// formatting elements to reopen first, more: the count then tells).
pub fn adds_one_element(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("br")
            | local_name!("img")
            | local_name!("wbr")
            | local_name!("embed")
            | local_name!("area")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("meta")
            | local_name!("link")
            | local_name!("base")
            | local_name!("basefont")
            | local_name!("bgsound")
    )
}

pub fn is_block(name: &LocalName) -> bool {
    super::score::BLOCKS.contains(&&**name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_what_trimming_leaves() {
        for t in [
            "",
            " ",
            "\n\t  \r",
            "\u{b}\u{c}",
            "\u{a0}",
            " \u{3000}\n",
            "x",
            "  x",
            "\u{a0}x",
            "\u{1c}",
            "\u{85} ",
            "\n\u{e9}",
        ] {
            assert_eq!(has_text(t), !t.trim().is_empty(), "{t:?}");
        }
    }
}
