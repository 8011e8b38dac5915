//! Untrusted text: whatever an article holds, the bytes sent to the terminal carry only the
//! escape sequences briefly itself writes.

mod common;

use briefly::term::Screen;
use common::Harness;

/// Checks every byte the screen wrote: each ESC starts one of our own CSI sequences (digits,
/// `;` and `?` as parameters, a final letter we use), and no other control byte appears but
/// CR and LF.
fn assert_only_our_sequences(bytes: &[u8]) {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == 0x1b {
            assert_eq!(
                bytes.get(i + 1),
                Some(&b'['),
                "bare ESC at {i}: {:?}",
                String::from_utf8_lossy(&bytes[i..(i + 20).min(bytes.len())])
            );
            let mut j = i + 2;
            while j < bytes.len()
                && (bytes[j].is_ascii_digit() || bytes[j] == b';' || bytes[j] == b'?')
            {
                j += 1;
            }
            let fin = bytes[j];
            assert!(
                b"HCJKmSTrslh".contains(&fin),
                "unexpected final {:?} at {i}",
                fin as char
            );
            i = j + 1;
            continue;
        }
        assert!(
            b >= 0x20 || b == b'\r' || b == b'\n',
            "control byte {b:#04x} at {i}"
        );
        i += 1;
    }
    // No C1 controls or bidi overrides as UTF-8 either.
    let text = String::from_utf8(bytes.to_vec()).expect("valid UTF-8");
    assert!(!text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)));
}

#[test]
fn hostile_article_text_never_reaches_the_terminal() {
    let hostile = "Title \x1b]0;owned\x07 with \x1b[2J clear\n\n\
        Body \x1b[31mred\x1b[0m, OSC 52 \x1b]52;c;ZXZpbA==\x07 clipboard, DCS \x1bPq#0\x1b\\ sixel,\n\
        C1 CSI \u{9b}6n and NEL \u{85}, bell \x07, backspace \x08, bidi \u{202e}txet\u{202c} and \u{2066}iso\u{2069}.\n\
        Hyperlink \x1b]8;;http://example.invalid\x1b\\click\x1b]8;;\x1b\\ done.\n";
    // The file name is untrusted too.
    let mut h = Harness::files(
        &[
            ("evil\x1b[7mname.txt", hostile.as_bytes()),
            ("plain.txt", b"Plain title\n\nPlain text.\n"),
        ],
        100,
        30,
    );
    h.load_all();
    let area = ratatui::layout::Rect::new(0, 0, 100, 30);
    let mut screen = Screen::new(Vec::<u8>::new(), area).unwrap();
    for keys in ["", "enter", "j", "k /", "tab ?"] {
        h.keys(keys);
        screen.present(h.render(), None).unwrap();
    }
    let bytes = screen.writer_mut().clone();
    assert_only_our_sequences(&bytes);
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        !text.contains("owned") && !text.contains("ZXZpbA") && !text.contains("example.invalid"),
        "payloads removed"
    );
    // The words around the sequences are still there, and the bidi override shows as U+FFFD.
    assert!(
        text.contains("clipboard") && text.contains("\u{FFFD}txet"),
        "{text}"
    );
}
