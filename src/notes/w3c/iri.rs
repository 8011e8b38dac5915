//! Article sources as IRIs and back: an absolute path is a `file:` IRI, a feed entry's
//! number its fragment; other sources (`demo:…`, web addresses) are IRIs already. A path
//! read back is percent-decoded and normalised lexically, so that `file:///b/../b/a.txt`,
//! `file:///b/./a.txt` and `/b//a.txt` all name the article `/b/a.txt`.

/// An absolute path as a `file:` IRI (a feed entry's number stays its fragment); other
/// sources (`demo:…`, web addresses) are IRIs already.
pub fn source_iri(source: &str) -> String {
    if !source.starts_with('/') {
        return source.to_string();
    }
    let (path, entry) = match source.rsplit_once('#') {
        Some((p, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => (p, Some(n)),
        _ => (source, None),
    };
    let mut out = String::from("file://");
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if let Some(n) = entry {
        out.push('#');
        out.push_str(n);
    }
    out
}

/// The path of a `file:` IRI, percent-decoded; an absolute path as it is; either normalised
/// lexically (see `normalise`). Anything else as it is.
pub fn source_from_iri(iri: &str) -> String {
    let rest = if let Some(rest) = iri.strip_prefix("file://") {
        rest.strip_prefix("localhost").unwrap_or(rest)
    } else if let Some(rest) = iri.strip_prefix("file:").filter(|r| r.starts_with('/')) {
        rest
    } else if iri.starts_with('/') {
        let (path, entry) = split_entry(iri);
        return with_entry(normalise(path), entry);
    } else {
        return iri.to_string();
    };
    // A `#` left as it is starts the fragment (a feed entry's number); one that is part of
    // the file's name is written %23.
    let (path, entry) = split_entry(rest);
    let Some(path) = percent_decode(path) else {
        return iri.to_string();
    };
    if path.starts_with('/') {
        with_entry(normalise(&path), entry)
    } else {
        with_entry(path, entry)
    }
}

/// A path and a feed entry's number after its last `#`, when it has one.
fn split_entry(path: &str) -> (&str, Option<&str>) {
    match path.rsplit_once('#') {
        Some((p, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => (p, Some(n)),
        _ => (path, None),
    }
}

fn with_entry(mut path: String, entry: Option<&str>) -> String {
    if let Some(n) = entry {
        path.push('#');
        path.push_str(n);
    }
    path
}

/// `%XX` escapes as the bytes they stand for; None when those are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |j: usize| bytes.get(j).and_then(|b| (*b as char).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// An absolute path without `.` steps, `..` steps (each takes away the step before it; none
/// goes above the root) or repeated and trailing slashes. Lexical: symbolic links are not
/// followed, as the path may not exist on this machine.
pub fn normalise(path: &str) -> String {
    let mut steps: Vec<&str> = Vec::new();
    for step in path.split('/') {
        match step {
            "" | "." => {}
            ".." => {
                steps.pop();
            }
            s => steps.push(s),
        }
    }
    format!("/{}", steps.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_iris_round_trip() {
        for s in [
            "/b/a.txt",
            "/b/with space/été #1.txt",
            "/b/feed.xml#3",
            "/b/odd%41.txt",
            "demo:01-meridian-ledger.txt",
            "https://example.org/a?b=c#d",
        ] {
            assert_eq!(source_from_iri(&source_iri(s)), s, "{}", source_iri(s));
        }
        assert_eq!(source_iri("/b/a b.txt"), "file:///b/a%20b.txt");
        assert_eq!(source_iri("/b/feed.xml#3"), "file:///b/feed.xml#3");
    }

    #[test]
    fn paths_read_back_are_normalised() {
        for (written, read) in [
            ("file:///tmp/b/../b/a.txt", "/tmp/b/a.txt"),
            ("file:///tmp/b/./a.txt", "/tmp/b/a.txt"),
            ("file://localhost/tmp//b/a.txt", "/tmp/b/a.txt"),
            ("file:/tmp/b/a.txt", "/tmp/b/a.txt"),
            ("file:///tmp/b/%2E%2E/b/a%20b.txt", "/tmp/b/a b.txt"),
            ("file:///../../tmp/b/a.txt", "/tmp/b/a.txt"),
            ("file:///tmp/b/../b/feed.xml#3", "/tmp/b/feed.xml#3"),
            ("file:///tmp/b/x%233", "/tmp/b/x#3"),
            ("/tmp/b/./c/../a.txt", "/tmp/b/a.txt"),
            ("/tmp/b/./feed.xml#0", "/tmp/b/feed.xml#0"),
            ("https://example.org/a/../b", "https://example.org/a/../b"),
            ("demo:./x", "demo:./x"),
            ("file:///tmp/%FF.txt", "file:///tmp/%FF.txt"),
        ] {
            assert_eq!(source_from_iri(written), read, "{written}");
        }
    }
}
