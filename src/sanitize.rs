//! Article text is untrusted: nothing it contains may reach the terminal as a control.
//!
//! Escape sequences (CSI, OSC, DCS, and the other ESC-introduced strings) are removed whole, so
//! that their parameters do not show up as stray text. Every other control character (C0, DEL,
//! C1) and every bidirectional override or isolate becomes a visible U+FFFD, so the reader can
//! see that something was there. Tabs become spaces, CR and CRLF become LF.

/// Shown in place of a control character that had no business in the text.
pub const PLACEHOLDER: char = '\u{FFFD}';

/// Returns `text` with every terminal control removed or made visible; newlines are kept.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        // Runs of ordinary text are copied whole; only the characters that need care are
        // looked at one by one.
        let cut = first_special(rest);
        out.push_str(&rest[..cut]);
        let mut chars = rest[cut..].chars();
        let Some(c) = chars.next() else {
            return out;
        };
        match c {
            '\r' => {
                if chars.clone().next() != Some('\n') {
                    out.push('\n');
                }
            }
            '\t' => out.push_str("    "),
            '\u{1b}' => skip_escape(&mut chars),
            // C1 CSI/OSC/DCS/SOS/PM/APC introducers start strings of their own.
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{9d}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\u{0}' => {}
            c if is_unsafe(c) => out.push(PLACEHOLDER),
            c => out.push(c),
        }
        rest = chars.as_str();
    }
}

/// `sanitize` for text that is already owned: returned as it is when nothing in it needs
/// care (no copy).
pub fn sanitize_owned(text: String) -> String {
    if first_special(&text) == text.len() {
        text
    } else {
        sanitize(&text)
    }
}

/// Where the first character that `sanitize` changes is (the length when there is none):
/// a control other than the newline, or a bidirectional control. Only a few lead bytes can
/// start a non-ASCII one (C1 controls, U+061C, U+200E to U+2069), so the scan is bytewise.
fn first_special(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // Eight bytes at a time past printable ASCII, the bulk of any text; the eight that
        // hold anything else are looked at one by one.
        if let Some(chunk) = bytes.get(at..at + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            if all_printable_ascii(u64::from_le_bytes(word)) {
                at += 8;
                continue;
            }
        }
        let end = (at + 8).min(bytes.len());
        for (i, &b) in bytes.iter().enumerate().take(end).skip(at) {
            let special = if b < 0x80 {
                (b < 0x20 && b != b'\n') || b == 0x7f
            } else {
                // Continuation bytes are 0x80 to 0xBF, so `i` is a character boundary here.
                matches!(b, 0xC2 | 0xD8 | 0xE2) && text[i..].chars().next().is_some_and(is_unsafe)
            };
            if special {
                return i;
            }
        }
        at = end;
    }
    bytes.len()
}

/// Whether all eight bytes of `x` are printable ASCII (0x20 to 0x7E), tested all at once:
/// no byte below 0x20, none equal to 0x7F, none with the high bit set.
fn all_printable_ascii(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte below n (n at most 0x80) borrows into its high bit; see "Bit Twiddling Hacks".
    let below_space = x.wrapping_sub(ONES * 0x20) & !x;
    let del = x ^ (ONES * 0x7f);
    let is_del = del.wrapping_sub(ONES) & !del;
    (below_space | is_del | x) & HIGH == 0
}

/// One line of untrusted text (a title, a file name): newlines become spaces too.
pub fn sanitize_line(text: &str) -> String {
    let clean = sanitize(text);
    if clean.contains('\n') {
        clean.split('\n').collect::<Vec<_>>().join(" ")
    } else {
        clean
    }
}

/// True for characters that must never be written to a terminal as they are.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() // C0, DEL and C1
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

type Chars<'a> = std::str::Chars<'a>;

fn skip_escape(chars: &mut Chars) {
    match chars.clone().next() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => {
            chars.next();
            skip_string(chars);
        }
        // Two- and three-character sequences: ESC, optional intermediates (0x20-0x2F), a final.
        Some(c) if ('\u{20}'..='\u{7e}').contains(&c) => {
            while let Some(i) = chars.clone().next() {
                chars.next();
                if !('\u{20}'..='\u{2f}').contains(&i) {
                    break;
                }
            }
        }
        _ => {}
    }
}

/// Parameters and intermediates, then one final byte in 0x40-0x7E.
fn skip_csi(chars: &mut Chars) {
    while let Some(c) = chars.clone().next() {
        if ('\u{20}'..='\u{3f}').contains(&c) {
            chars.next();
        } else {
            if ('\u{40}'..='\u{7e}').contains(&c) {
                chars.next();
            }
            return;
        }
    }
}

/// A string terminated by BEL, ST (ESC \) or C1 ST; a newline also ends it so that a missing
/// terminator cannot swallow the rest of the article.
fn skip_string(chars: &mut Chars) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' => {
                if chars.clone().next() == Some('\\') {
                    chars.next();
                }
                return;
            }
            '\n' => return,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_csi_osc_dcs_whole() {
        let s = sanitize("a\x1b[31mred\x1b[0m b\x1b]0;title\x07c\x1bPq#0;2\x1b\\d");
        assert_eq!(s, "ared bcd");
    }

    #[test]
    fn c1_and_bidi_become_visible() {
        let s = sanitize("x\u{85}y\u{202E}z\u{2066}w\u{7f}");
        assert_eq!(s, "x\u{FFFD}y\u{FFFD}z\u{FFFD}w\u{FFFD}");
        assert!(!s.chars().any(|c| c.is_control() && c != '\n'));
    }

    #[test]
    fn c1_csi_is_removed_with_its_parameters() {
        assert_eq!(sanitize("a\u{9b}2Jb"), "ab");
    }

    #[test]
    fn keeps_text_and_normalises_line_ends() {
        assert_eq!(sanitize("caf\u{e9}\r\n\tx\ry"), "caf\u{e9}\n    x\ny");
        assert_eq!(sanitize_line("one\ntwo"), "one two");
    }

    #[test]
    fn unterminated_osc_stops_at_newline() {
        assert_eq!(sanitize("a\x1b]8;;http://x\nkept"), "akept");
    }
}
