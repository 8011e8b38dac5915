//! Raw HTML written straight into a feed's text elements. Many feeds put unescaped markup in
//! `<description>`, `<content:encoded>`, an Atom `<content type="html">` or `<summary>`, or a
//! `<media:description>`: `<description><p>The minister said ...</p></description>`. The feed
//! parser reads the text of such an element only up to its first child element, so the body
//! was lost. Here each such element's content is turned back into what the feed should have
//! written, escaped HTML (a CDATA section), before the parser sees it. The HTML inside is often
//! not well-formed XML either (`<br>`, `<img ...>` left open), so an element's content runs to
//! its own end tag, matched by name, whatever is open inside it.

use std::borrow::Cow;
use std::ops::Range;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// A reader over XML that may hold sloppy HTML: end tags are not checked against start tags,
/// and a bare `&` is text.
pub fn lenient_reader(bytes: &[u8]) -> Reader<&[u8]> {
    let mut reader = Reader::from_reader(bytes);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_dangling_amp = true;
    reader
}

/// Whether an element (by its name as written) holds text that may be HTML: a title,
/// description, summary or content, in any namespace (RSS, Atom, Dublin Core, iTunes, Media
/// RSS), and `content:encoded`. `media:content` is not one: its children describe a file.
pub fn is_text_element(qname: &str) -> bool {
    let (prefix, local) = match qname.split_once(':') {
        Some((p, l)) => (Some(p), l),
        None => (None, qname),
    };
    match local {
        "title" | "description" | "summary" | "subtitle" | "encoded" => true,
        "content" => prefix.is_none_or(|p| p == "atom"),
        _ => false,
    }
}

/// What a text element holds, read up to its own end tag.
pub struct TextContent {
    /// Where the content lies, between the start and end tags.
    pub inner: Range<usize>,
    /// Where the element's end tag ends.
    pub end: usize,
    /// Whether any element is written inside it (raw markup).
    pub has_elements: bool,
}

/// Reads on from the start tag of the text element `name` to its end tag, counting only
/// elements of the same name; `html`, when given, receives the content as HTML source.
/// `None` when the file ends first or cannot be read.
pub fn read_text_content(
    reader: &mut Reader<&[u8]>,
    name: &str,
    mut html: Option<&mut String>,
) -> Option<TextContent> {
    let start = reader.buffer_position() as usize;
    let mut depth = 0usize;
    let mut has_elements = false;
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().ok()?;
        match &event {
            Event::Start(e) if e.name().as_ref() == name => depth += 1,
            Event::End(e) if e.name().as_ref() == name => {
                if depth == 0 {
                    return Some(TextContent {
                        inner: start..before,
                        end: reader.buffer_position() as usize,
                        has_elements,
                    });
                }
                depth -= 1;
            }
            Event::Eof => return None,
            _ => {}
        }
        has_elements |= matches!(event, Event::Start(_) | Event::Empty(_));
        if let Some(out) = html.as_deref_mut() {
            push_html(out, &event);
        }
    }
}

/// One event of raw content as HTML source: elements lose their namespace prefix (an
/// `<xhtml:p>` is a paragraph), text stays as written (the HTML parser reads its entities),
/// a CDATA section's text is HTML source as it would be alone in the element, and comments
/// and processing instructions go.
fn push_html(out: &mut String, event: &Event) {
    match event {
        Event::Start(e) | Event::Empty(e) => {
            out.push('<');
            out.push_str(e.local_name().as_ref());
            out.push_str(e.attributes_raw());
            out.push_str(if matches!(event, Event::Empty(_)) {
                "/>"
            } else {
                ">"
            });
        }
        Event::End(e) => {
            out.push_str("</");
            out.push_str(e.local_name().as_ref());
            out.push('>');
        }
        Event::Text(t) => out.push_str(t),
        Event::CData(t) => out.push_str(t),
        Event::GeneralRef(r) => {
            out.push('&');
            out.push_str(r);
            out.push(';');
        }
        _ => {}
    }
}

/// The feed with the raw markup in its text elements escaped (as CDATA); the bytes as they
/// are when there is none, or when the file is not XML. Whatever cannot be read (a file cut
/// short, bytes that are not text) is copied as it is.
pub fn escape_raw_html(bytes: &[u8]) -> Cow<'_, [u8]> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'<') {
        return Cow::Borrowed(bytes);
    }
    let mut reader = lenient_reader(bytes);
    let mut out: Vec<u8> = Vec::new();
    // Bytes before this are in `out` (when anything was rewritten).
    let mut copied = 0;
    let mut html = String::new();
    loop {
        let at = reader.buffer_position() as usize;
        let start = match reader.read_event() {
            Ok(Event::Start(e)) if is_text_element(e.name().as_ref()) => e.into_owned(),
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        let tag_end = reader.buffer_position() as usize;
        html.clear();
        let Some(content) = read_text_content(&mut reader, start.name().as_ref(), Some(&mut html))
        else {
            break;
        };
        if !content.has_elements {
            continue;
        }
        out.extend_from_slice(&bytes[copied..at]);
        push_start_tag(&mut out, &start, &bytes[at..tag_end]);
        out.extend_from_slice(b"<![CDATA[");
        out.extend_from_slice(html.replace("]]>", "]]]]><![CDATA[>").as_bytes());
        out.extend_from_slice(b"]]>");
        out.extend_from_slice(&bytes[content.inner.end..content.end]);
        copied = content.end;
    }
    if copied == 0 {
        return Cow::Borrowed(bytes);
    }
    out.extend_from_slice(&bytes[copied..]);
    Cow::Owned(out)
}

/// The start tag as written, except that an Atom `type="xhtml"` becomes `type="html"`: its
/// content is now escaped HTML.
fn push_start_tag(out: &mut Vec<u8>, start: &BytesStart, raw: &[u8]) {
    let xhtml = start
        .attributes()
        .flatten()
        .any(|a| a.key.as_ref() == "type" && a.value.as_ref() == "xhtml");
    if !xhtml {
        out.extend_from_slice(raw);
        return;
    }
    out.push(b'<');
    out.extend_from_slice(start.name().as_ref().as_bytes());
    for a in start.attributes().flatten() {
        out.push(b' ');
        out.extend_from_slice(a.key.as_ref().as_bytes());
        if a.key.as_ref() == "type" {
            out.extend_from_slice(b"=\"html\"");
        } else {
            let quote = if a.value.contains('"') { b'\'' } else { b'"' };
            out.extend_from_slice(&[b'=', quote]);
            out.extend_from_slice(a.value.as_bytes());
            out.push(quote);
        }
    }
    out.push(b'>');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(xml: &str) -> String {
        String::from_utf8(escape_raw_html(xml.as_bytes()).into_owned()).unwrap()
    }

    #[test]
    fn raw_markup_in_text_elements_becomes_cdata() {
        assert_eq!(
            escaped("<rss><item><description><p>One <b>two</b></p></description></item></rss>"),
            "<rss><item><description><![CDATA[<p>One <b>two</b></p>]]></description></item></rss>"
        );
        // Sloppy HTML: the element still ends at its own end tag.
        assert_eq!(
            escaped(
                "<item><content:encoded><p>a<br>b &amp; c</p></content:encoded><guid>1</guid></item>"
            ),
            "<item><content:encoded><![CDATA[<p>a<br>b &amp; c</p>]]></content:encoded><guid>1</guid></item>"
        );
        // Namespaced HTML loses its prefix; a CDATA section inside stays HTML source; a `]]>`
        // in the text cannot end the new section.
        assert_eq!(
            escaped(
                "<i><description><x:p xmlns:x='u'>A ]]> B</x:p><![CDATA[<p>C</p>]]></description></i>"
            ),
            "<i><description><![CDATA[<p xmlns:x='u'>A ]]]]><![CDATA[> B</p><p>C</p>]]></description></i>"
        );
        // Atom XHTML content becomes HTML content.
        assert_eq!(
            escaped(
                "<entry><content type=\"xhtml\" xml:lang=\"en\"><div>Hi</div></content></entry>"
            ),
            "<entry><content type=\"html\" xml:lang=\"en\"><![CDATA[<div>Hi</div>]]></content></entry>"
        );
    }

    #[test]
    fn other_elements_and_other_files_are_left_alone() {
        for xml in [
            "<rss><item><description>&lt;p&gt;escaped&lt;/p&gt;</description></item></rss>",
            "<rss><item><description><![CDATA[<p>x</p>]]></description></item></rss>",
            "<rss><item><media:content url='a'><media:title>T</media:title></media:content></item></rss>",
            "<rss><item><author><name>N</name></author></item></rss>",
            "{\"items\": [\"<description><p>x</p></description>\"]}",
        ] {
            assert!(
                matches!(escape_raw_html(xml.as_bytes()), Cow::Borrowed(_)),
                "{xml}"
            );
        }
        // Cut short inside an element: what was read is kept, the rest copied.
        let cut = "<rss><item><title><b>A</b></title><description><p>B";
        assert_eq!(
            escaped(cut),
            "<rss><item><title><![CDATA[<b>A</b>]]></title><description><p>B"
        );
    }
}
