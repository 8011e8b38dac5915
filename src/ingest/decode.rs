//! Bytes to text: UTF-8 with or without BOM, UTF-16 with BOM (or plainly UTF-16 without one),
//! a charset an HTML page declares, and legacy single-byte encodings guessed by chardetng.
//! Binary data is refused.

/// Decoded text, and a note when the encoding was guessed.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub note: Option<String>,
}

pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, String> {
    let plain = |text: String| Decoded { text, note: None };
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(plain(String::from_utf8_lossy(rest).into_owned()));
    }
    if let Some((encoding, skip)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[skip..]);
        return Ok(plain(text.into_owned()));
    }
    if let Some(little) = utf16_without_bom(bytes) {
        let enc = if little {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return Ok(Decoded {
            text: text.into_owned(),
            note: Some("read as UTF-16 (the file has no byte-order mark)".into()),
        });
    }
    if looks_binary(bytes) {
        return Err("looks like a binary file, not text".into());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(plain(text.to_string()));
    }
    // Not UTF-8: a charset the page declares, else chardetng's guess.
    let declared =
        declared.and_then(|label| encoding_rs::Encoding::for_label(label.trim().as_bytes()));
    let (encoding, guessed) = match declared {
        Some(enc) if enc != encoding_rs::UTF_8 => (enc, false),
        _ => {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            (detector.guess(None, chardetng::Utf8Detection::Allow), true)
        }
    };
    let (text, _, errors) = encoding.decode(bytes);
    let note = if encoding == encoding_rs::UTF_8 || errors {
        Some("not valid UTF-8: some characters could not be read".into())
    } else if guessed {
        Some(format!("not UTF-8: read as {}", encoding.name()))
    } else {
        None
    };
    Ok(Decoded {
        text: text.into_owned(),
        note,
    })
}

/// UTF-16 without a BOM shows as NUL bytes on every other byte of mostly-ASCII text.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 16 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_nul = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_nul * 10 >= pairs * 7 && even_nul * 10 <= pairs {
        Some(true)
    } else if even_nul * 10 >= pairs * 7 && odd_nul * 10 <= pairs {
        Some(false)
    } else {
        None
    }
}

/// Binary when the start has many NUL bytes or control bytes that text does not use. A few
/// stray NULs in text are tolerated (and dropped later).
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.is_empty() {
        return false;
    }
    let nul = head.iter().filter(|&&b| b == 0).count();
    let odd = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b | 0))
        .count();
    nul * 100 > head.len() * 2 || odd * 10 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFcaf\xC3\xA9", None).unwrap().text,
            "caf\u{e9}"
        );
        let d = decode("caf\u{e9}".as_bytes(), None).unwrap();
        assert_eq!((d.text.as_str(), d.note), ("caf\u{e9}", None));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let le: Vec<u8> = "\u{feff}Zo\u{eb} wins"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(decode(&le, None).unwrap().text, "Zo\u{eb} wins");
        let be: Vec<u8> = "\u{feff}Zo\u{eb} wins"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(decode(&be, None).unwrap().text, "Zo\u{eb} wins");
        let bare: Vec<u8> = "A plain headline\nand its text"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let d = decode(&bare, None).unwrap();
        assert_eq!(d.text, "A plain headline\nand its text");
        assert!(d.note.unwrap().contains("UTF-16"));
    }

    #[test]
    fn legacy_single_byte_text_is_detected() {
        // "Café owners in Besançon say the façade costs €2,000" in Windows-1252.
        let bytes = b"Caf\xe9 owners in Besan\xe7on say the fa\xe7ade will cost \x802,000 to repair, and the caf\xe9 will close.";
        let d = decode(bytes, None).unwrap();
        assert!(
            d.text.contains("Caf\u{e9} owners in Besan\u{e7}on")
                && d.text.contains("\u{20ac}2,000"),
            "{}",
            d.text
        );
        assert!(d.note.unwrap().contains("windows-1252"));
    }

    #[test]
    fn a_declared_charset_is_used() {
        let d = decode(b"<p>\xc0 bient\xf4t</p>", Some("iso-8859-1")).unwrap();
        assert_eq!(d.text, "<p>\u{c0} bient\u{f4}t</p>");
    }

    #[test]
    fn binary_is_refused_stray_nuls_are_not() {
        let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
        elf.extend(std::iter::repeat_n(0u8, 200));
        assert!(decode(&elf, None).unwrap_err().contains("binary"));
        let text =
            b"A headline\n\nSome text with a stray\0 NUL byte in the middle of a long enough line.";
        assert!(decode(text, None).is_ok());
    }
}
