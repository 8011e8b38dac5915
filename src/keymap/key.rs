//! A key as the keymap names it ("ctrl-d", "] a", "pagedown"), and its name back.

use std::fmt;

/// A key as the keymap names it, independent of the terminal library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
    /// A plain key pressed just before, for two-key bindings such as "] a".
    pub after: Option<KeyCode>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    F(u8),
}

const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("space", KeyCode::Char(' ')),
];

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
            after: None,
        }
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
            after: None,
        }
    }

    /// Parses `"j"`, `"G"`, `"?"`, `"space"`, `"pagedown"`, `"ctrl-d"`, `"alt-x"`, `"shift-tab"`, `"f1"`.
    pub fn parse(text: &str) -> Result<Key, String> {
        // Two keys, "] a": the second pressed right after the first (a plain key).
        if let Some((first, second)) = text.trim().split_once(' ')
            && !first.is_empty()
            && !second.trim().is_empty()
        {
            let first = Key::parse(first)?;
            if first.ctrl || first.alt || first.after.is_some() {
                return Err(format!(
                    "cannot read the key {text:?}: the first of two keys must be a plain key"
                ));
            }
            let mut key = Key::parse(second.trim())?;
            if key.after.is_some() {
                return Err(format!("cannot read the key {text:?}: at most two keys"));
            }
            key.after = Some(first.code);
            return Ok(key);
        }
        let bad = || format!("cannot read the key {text:?}");
        let mut key = Key::plain(KeyCode::Esc);
        let mut rest = text;
        let mut shift = false;
        while rest.chars().count() > 1 {
            let Some((modifier, tail)) = rest.split_once('-') else {
                break;
            };
            match modifier.to_ascii_lowercase().as_str() {
                "ctrl" | "c" => key.ctrl = true,
                "alt" | "a" | "m" => key.alt = true,
                "shift" | "s" => shift = true,
                _ => return Err(bad()),
            }
            rest = tail;
        }
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) if key.ctrl => {
                // A terminal sends the same byte for ctrl-x, ctrl-X and ctrl-shift-x.
                if shift {
                    return Err(format!(
                        "cannot use {text:?}: terminals send it as ctrl-{}",
                        c.to_ascii_lowercase()
                    ));
                }
                KeyCode::Char(c.to_ascii_lowercase())
            }
            (Some(c), None) => KeyCode::Char(if shift { c.to_ascii_uppercase() } else { c }),
            _ => {
                let lower = rest.to_ascii_lowercase();
                if let Some(&(_, code)) = NAMED.iter().find(|(n, _)| *n == lower) {
                    code
                } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse().ok()) {
                    KeyCode::F(n)
                } else {
                    return Err(bad());
                }
            }
        };
        if shift && key.code == KeyCode::Tab {
            key.code = KeyCode::BackTab;
        }
        Ok(key)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(first) = self.after {
            write!(f, "{} ", Key::plain(first))?;
        }
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            code => {
                let name = NAMED.iter().find(|(_, c)| *c == code).map(|(n, _)| *n);
                f.write_str(name.unwrap_or("?"))
            }
        }
    }
}
