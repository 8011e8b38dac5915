//! Terminal input bytes to keys, and to the terminal's answers to our queries.
//!
//! briefly reads the terminal itself rather than through crossterm's event reader for one
//! reason: it asks the terminal whether it supports left/right margins (DECRQM for DECLRMM)
//! and must see the answer, which crossterm's reader swallows. The parser is pure and tested.

use crate::keymap::{Key, KeyCode};

const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Key(Key),
    /// The answer to DECRQM: a private mode and its state (0 = not recognised).
    ModeReport {
        mode: u16,
        state: u8,
    },
    /// Text pasted while bracketed paste is on: never to be taken as keys.
    Paste(String),
}

/// Collects bytes until they make whole inputs; an escape sequence cut between two reads is
/// kept for the next.
#[derive(Debug, Default)]
pub struct InputParser {
    pending: Vec<u8>,
}

enum Step {
    /// An input and the bytes it used.
    Done(Option<Input>, usize),
    /// More bytes are needed.
    Incomplete,
}

impl InputParser {
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Input> {
        self.pending.extend_from_slice(bytes);
        let mut out = Vec::new();
        let mut at = 0;
        while at < self.pending.len() {
            match parse_one(&self.pending[at..]) {
                Step::Done(input, used) => {
                    out.extend(input);
                    at += used;
                }
                Step::Incomplete => break,
            }
        }
        self.pending.drain(..at);
        out
    }

    /// True when bytes are waiting: a lone ESC is the Esc key only if nothing follows soon.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Called when no more bytes came: a lone ESC is the Esc key, ESC + text is Alt + text, and
    /// a cut-off sequence is dropped.
    pub fn flush(&mut self) -> Vec<Input> {
        let pending = std::mem::take(&mut self.pending);
        match pending.as_slice() {
            [0x1b] => vec![Input::Key(Key::plain(KeyCode::Esc))],
            _ => Vec::new(),
        }
    }
}

fn key(code: KeyCode, ctrl: bool, alt: bool) -> Option<Input> {
    Some(Input::Key(Key {
        code,
        ctrl,
        alt,
        after: None,
    }))
}

fn parse_one(b: &[u8]) -> Step {
    if b.starts_with(PASTE_START) {
        let body = &b[PASTE_START.len()..];
        return match body.windows(PASTE_END.len()).position(|w| w == PASTE_END) {
            Some(end) => Step::Done(
                Some(Input::Paste(
                    String::from_utf8_lossy(&body[..end]).into_owned(),
                )),
                PASTE_START.len() + end + PASTE_END.len(),
            ),
            None => Step::Incomplete,
        };
    }
    match b[0] {
        0x1b => parse_escape(b),
        _ => parse_plain(b, false),
    }
}

/// OSC, DCS, SOS, PM and APC strings (answers to queries some terminals send unasked) run to
/// BEL or ST and are dropped whole.
fn skip_string(b: &[u8]) -> Step {
    for i in 2..b.len() {
        match b[i] {
            0x07 => return Step::Done(None, i + 1),
            0x1b if b.get(i + 1) == Some(&b'\\') => return Step::Done(None, i + 2),
            0x1b if i + 1 < b.len() => return Step::Done(None, i),
            _ => {}
        }
    }
    Step::Incomplete
}

/// A key that is not an escape sequence: a control byte or a UTF-8 character.
fn parse_plain(b: &[u8], alt: bool) -> Step {
    let c = b[0];
    let (code, ctrl) = match c {
        b'\r' | b'\n' => (KeyCode::Enter, false),
        b'\t' => (KeyCode::Tab, false),
        0x7f | 0x08 => (KeyCode::Backspace, false),
        0x00 => (KeyCode::Char(' '), true),
        0x01..=0x1a => (KeyCode::Char((b'a' + c - 1) as char), true),
        0x1c..=0x1f => (KeyCode::Char((b'\\' + c - 0x1c) as char), true),
        0x1b => (KeyCode::Esc, false),
        _ => {
            let len = match c {
                0x00..=0x7f => 1,
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                0xf0..=0xf7 => 4,
                _ => return Step::Done(None, 1),
            };
            if b.len() < len {
                return Step::Incomplete;
            }
            return match std::str::from_utf8(&b[..len])
                .ok()
                .and_then(|s| s.chars().next())
            {
                Some(ch) => Step::Done(key(KeyCode::Char(ch), false, alt), len),
                None => Step::Done(None, 1),
            };
        }
    };
    Step::Done(key(code, ctrl, alt), 1)
}

fn parse_escape(b: &[u8]) -> Step {
    let Some(&next) = b.get(1) else {
        return Step::Incomplete;
    };
    match next {
        b'[' => parse_csi(b),
        b']' | b'P' | b'X' | b'^' | b'_' => skip_string(b),
        b'O' => match b.get(2) {
            None => Step::Incomplete,
            Some(&f) => Step::Done(ss3(f).and_then(|code| key(code, false, false)), 3),
        },
        0x1b => Step::Done(key(KeyCode::Esc, false, false), 1),
        _ => match parse_plain(&b[1..], true) {
            Step::Done(input, used) => Step::Done(input, used + 1),
            Step::Incomplete => Step::Incomplete,
        },
    }
}

fn ss3(f: u8) -> Option<KeyCode> {
    Some(match f {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        _ => return None,
    })
}

/// CSI: parameter bytes 0x30-0x3F, intermediates 0x20-0x2F, one final byte 0x40-0x7E.
fn parse_csi(b: &[u8]) -> Step {
    let mut i = 2;
    while i < b.len() && (0x30..=0x3f).contains(&b[i]) {
        i += 1;
    }
    let params_end = i;
    while i < b.len() && (0x20..=0x2f).contains(&b[i]) {
        i += 1;
    }
    let Some(&fin) = b.get(i) else {
        return Step::Incomplete;
    };
    let used = i + 1;
    if !(0x40..=0x7e).contains(&fin) {
        // Not a CSI after all: drop the introducer and go on.
        return Step::Done(None, 2);
    }
    let params = std::str::from_utf8(&b[2..params_end]).unwrap_or("");
    let inter = &b[params_end..i];
    if let Some(rest) = params.strip_prefix('?') {
        if inter == b"$" && fin == b'y' {
            let mut nums = rest.split(';').map(|n| n.parse::<u16>().unwrap_or(0));
            let mode = nums.next().unwrap_or(0);
            let state = nums.next().unwrap_or(0) as u8;
            return Step::Done(Some(Input::ModeReport { mode, state }), used);
        }
        return Step::Done(None, used);
    }
    let nums: Vec<u32> = params
        .split(';')
        .map(|n| n.split(':').next().unwrap_or("").parse().unwrap_or(0))
        .collect();
    let modifiers = nums.get(1).copied().unwrap_or(1).saturating_sub(1);
    let (shift, alt, ctrl) = (modifiers & 1 != 0, modifiers & 2 != 0, modifiers & 4 != 0);
    let code = match fin {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'Z' => KeyCode::BackTab,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'S' => KeyCode::F(4),
        b'~' => match nums[0] {
            1 | 7 => KeyCode::Home,
            2 => KeyCode::Insert,
            3 => KeyCode::Delete,
            4 | 8 => KeyCode::End,
            5 => KeyCode::PageUp,
            6 => KeyCode::PageDown,
            n @ 11..=15 => KeyCode::F((n - 10) as u8),
            n @ 17..=21 => KeyCode::F((n - 11) as u8),
            n @ 23..=24 => KeyCode::F((n - 12) as u8),
            _ => return Step::Done(None, used),
        },
        // The kitty keyboard protocol's CSI codepoint ; modifiers u.
        b'u' => match char::from_u32(nums[0]) {
            Some('\r') => KeyCode::Enter,
            Some('\t') => KeyCode::Tab,
            Some('\u{1b}') => KeyCode::Esc,
            Some('\u{7f}') => KeyCode::Backspace,
            Some(c) if !c.is_control() => {
                KeyCode::Char(if shift { c.to_ascii_uppercase() } else { c })
            }
            _ => return Step::Done(None, used),
        },
        _ => return Step::Done(None, used),
    };
    let code = if shift && code == KeyCode::Tab {
        KeyCode::BackTab
    } else {
        code
    };
    Step::Done(key(code, ctrl, alt), used)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(bytes: &[u8]) -> Vec<String> {
        let mut p = InputParser::default();
        let mut out = p.feed(bytes);
        out.extend(p.flush());
        out.into_iter()
            .map(|i| match i {
                Input::Key(k) => k.to_string(),
                Input::ModeReport { mode, state } => format!("mode {mode}={state}"),
                Input::Paste(text) => format!("paste {text:?}"),
            })
            .collect()
    }

    #[test]
    fn plain_and_control_keys() {
        assert_eq!(
            keys(b"jG? \r\t\x7f\x04\x15"),
            [
                "j",
                "G",
                "?",
                "space",
                "enter",
                "tab",
                "backspace",
                "ctrl-d",
                "ctrl-u"
            ]
        );
        assert_eq!(keys("é川".as_bytes()), ["é", "川"]);
    }

    #[test]
    fn escape_sequences() {
        assert_eq!(
            keys(b"\x1b[A\x1b[B\x1bOC\x1b[D\x1b[5~\x1b[6~\x1b[H\x1b[4~\x1b[Z\x1b[3~\x1b[15~"),
            [
                "up", "down", "right", "left", "pageup", "pagedown", "home", "end", "backtab",
                "delete", "f5"
            ]
        );
        assert_eq!(keys(b"\x1b[1;5A"), ["ctrl-up"]);
        assert_eq!(keys(b"\x1bx"), ["alt-x"]);
    }

    #[test]
    fn lone_escape_is_esc_only_after_a_pause() {
        let mut p = InputParser::default();
        assert!(p.feed(b"\x1b").is_empty());
        assert!(p.has_pending());
        assert_eq!(p.flush(), [Input::Key(Key::plain(KeyCode::Esc))]);
        // A sequence split across reads is joined.
        assert!(p.feed(b"\x1b[").is_empty());
        assert_eq!(p.feed(b"6~"), [Input::Key(Key::plain(KeyCode::PageDown))]);
        // Two escapes in a row are two Esc keys.
        assert_eq!(keys(b"\x1b\x1b"), ["esc", "esc"]);
    }

    #[test]
    fn mode_reports_and_unknown_sequences() {
        assert_eq!(keys(b"\x1b[?69;2$y"), ["mode 69=2"]);
        assert_eq!(keys(b"\x1b[?64;1;2c j"), ["space", "j"]);
        assert_eq!(keys(b"\x1b[200~"), Vec::<String>::new());
    }

    #[test]
    fn pastes_arrive_whole_and_never_as_keys() {
        assert_eq!(
            keys(b"\x1b[200~Hammond\rq\x1b[201~j"),
            ["paste \"Hammond\\rq\"", "j"]
        );
        let mut p = InputParser::default();
        assert!(
            p.feed(b"\x1b[200~half").is_empty(),
            "waits for the end of the paste"
        );
        assert_eq!(
            p.feed(b" more\x1b[201~"),
            [Input::Paste("half more".into())]
        );
    }

    #[test]
    fn terminal_answers_in_strings_are_dropped() {
        assert_eq!(keys(b"\x1b]11;rgb:0000/0000/0000\x1b\\j"), ["j"]);
        assert_eq!(keys(b"\x1b]10;rgb:ffff/ffff/ffff\x07k"), ["k"]);
        assert_eq!(keys(b"\x1bP1$r0m\x1b\\/"), ["/"]);
    }

    #[test]
    fn utf8_split_across_reads() {
        let mut p = InputParser::default();
        let bytes = "é".as_bytes();
        assert!(p.feed(&bytes[..1]).is_empty());
        assert_eq!(
            p.feed(&bytes[1..]),
            [Input::Key(Key::plain(KeyCode::Char('é')))]
        );
    }
}
