//! JSON that is safe on a terminal and reads back the same: the characters a terminal could
//! take as controls (DEL, C1, bidirectional overrides), which JSON may leave as they are, are
//! written as `\u` escapes. serde_json already escapes C0 and writes these characters only
//! inside strings, so the escaped document means exactly what the original meant.

use std::io::{self, Write};

/// A writer of JSON text that escapes what `is_unsafe` finds, as it goes (a character cut
/// between two writes is carried over to the next).
pub struct JsonSafe<W: Write> {
    inner: W,
    /// The start of a character whose other bytes come with the next write.
    carry: Vec<u8>,
}

impl<W: Write> JsonSafe<W> {
    pub fn new(inner: W) -> JsonSafe<W> {
        JsonSafe {
            inner,
            carry: Vec::new(),
        }
    }

    /// Writes anything carried over (nothing, for whole JSON) and flushes; gives the writer back.
    pub fn finish(mut self) -> io::Result<W> {
        let rest = std::mem::take(&mut self.carry);
        self.inner.write_all(&rest)?;
        self.inner.flush()?;
        Ok(self.inner)
    }

    fn escape(&mut self, text: &str) -> io::Result<()> {
        let mut from = 0;
        for (at, c) in text.char_indices() {
            if crate::sanitize::is_unsafe(c) && c != '\n' {
                self.inner.write_all(&text.as_bytes()[from..at])?;
                write!(self.inner, "\\u{:04x}", c as u32)?;
                from = at + c.len_utf8();
            }
        }
        self.inner.write_all(&text.as_bytes()[from..])
    }
}

impl<W: Write> Write for JsonSafe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        let joined;
        let bytes = if self.carry.is_empty() {
            buf
        } else {
            joined = [std::mem::take(&mut self.carry).as_slice(), buf].concat();
            &joined[..]
        };
        match std::str::from_utf8(bytes) {
            Ok(text) => self.escape(text),
            // Cut inside a character: the start of it waits for the rest.
            Err(e) if e.error_len().is_none() => {
                let (whole, cut) = bytes.split_at(e.valid_up_to());
                self.carry = cut.to_vec();
                self.escape(std::str::from_utf8(whole).unwrap_or_default())
            }
            Err(_) => Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "JSON text that is not UTF-8",
            )),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn safe(pieces: &[&[u8]]) -> String {
        let mut w = JsonSafe::new(Vec::new());
        for p in pieces {
            w.write_all(p).unwrap();
        }
        String::from_utf8(w.finish().unwrap()).unwrap()
    }

    #[test]
    fn controls_become_escapes_even_when_cut_between_writes() {
        let text = "{\"a\": \"x\u{7f}y\u{9b}2J\u{202e}z\u{e9}\"}\n";
        let want = "{\"a\": \"x\\u007fy\\u009b2J\\u202ez\u{e9}\"}\n";
        assert_eq!(safe(&[text.as_bytes()]), want);
        // Every cut, inside characters too.
        let bytes = text.as_bytes();
        for cut in 0..bytes.len() {
            assert_eq!(safe(&[&bytes[..cut], &bytes[cut..]]), want, "cut at {cut}");
        }
        let back: serde_json::Value = serde_json::from_str(want).unwrap();
        assert_eq!(
            back["a"], "x\u{7f}y\u{9b}2J\u{202e}z\u{e9}",
            "reads back the same"
        );
    }
}
