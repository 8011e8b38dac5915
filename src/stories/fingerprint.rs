//! What a sentence says, as numbers: its words folded to lower case with punctuation and
//! quote marks set aside (so a re-punctuated or re-quoted sentence reads the same), an exact
//! key for identical wording, the set of its word pairs (shingles) for near-identical wording,
//! and a MinHash signature of that set cut into LSH bands.

/// Words of a sentence: runs of letters and digits, lower-cased, hashed (FNV-1a over the
/// lower case's UTF-8 bytes). ASCII is read byte by byte; other characters are decoded.
pub fn words(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut h = FNV_OFFSET;
    let mut in_word = false;
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        let alnum = if b < 0x80 {
            at += 1;
            let alnum = b.is_ascii_alphanumeric();
            if alnum {
                h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
            }
            alnum
        } else {
            let Some(c) = text[at..].chars().next() else {
                break;
            };
            at += c.len_utf8();
            let alnum = c.is_alphanumeric();
            if alnum {
                for l in c.to_lowercase() {
                    let mut buf = [0u8; 4];
                    for b in l.encode_utf8(&mut buf).bytes() {
                        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
                    }
                }
            }
            alnum
        };
        if alnum {
            in_word = true;
        } else if in_word {
            out.push(mix(h));
            h = FNV_OFFSET;
            in_word = false;
        }
    }
    if in_word {
        out.push(mix(h));
    }
    out
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x100_0000_01b3;

/// splitmix64's finaliser: spreads every input bit over the output.
pub fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The key of the exact wording (same words in the same order).
pub fn exact_key(words: &[u64]) -> u64 {
    words.iter().fold(0x9e37_79b9_7f4a_7c15u64, |acc, &w| {
        mix(acc ^ w).rotate_left(5)
    })
}

/// The sorted, distinct word pairs of a sentence, as 32-bit hashes.
pub fn shingles(words: &[u64]) -> Vec<u32> {
    let mut out: Vec<u32> = words
        .windows(2)
        .map(|w| (mix(w[0].rotate_left(17) ^ w[1]) >> 32) as u32)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// How many LSH bands, and how many MinHash values each band joins. With 18 bands of 3, two
/// sentences whose shingle sets overlap by half (Jaccard 0.5) meet in some band 91 times in
/// 100, at 0.3 four times in ten, at 0.1 hardly ever.
pub const BANDS: usize = 18;
pub const ROWS: usize = 3;

/// The band keys of a shingle set: band `b`'s key hashes the minima of `ROWS` hash functions.
pub fn band_keys(shingles: &[u32]) -> [u32; BANDS] {
    let mut minima = [u64::MAX; BANDS * ROWS];
    for &s in shingles {
        let base = mix(u64::from(s) | 1 << 40);
        for (i, m) in minima.iter_mut().enumerate() {
            // One hash function per slot: the shingle's hash re-mixed with the slot's seed.
            let v = mix(base ^ SEEDS[i % SEEDS.len()].wrapping_mul(i as u64 + 1));
            if v < *m {
                *m = v;
            }
        }
    }
    let mut keys = [0u32; BANDS];
    for (b, key) in keys.iter_mut().enumerate() {
        let row = &minima[b * ROWS..(b + 1) * ROWS];
        let h = row
            .iter()
            .fold(b as u64, |acc, &v| mix(acc.rotate_left(9) ^ v));
        *key = (h >> 32) as u32;
    }
    keys
}

const SEEDS: [u64; 4] = [
    0x243f_6a88_85a3_08d3,
    0x1319_8a2e_0370_7344,
    0xa409_3822_299f_31d0,
    0x082e_fa98_ec4e_6c89,
];

/// Jaccard similarity of two sorted, distinct sets.
pub fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    both as f64 / (a.len() + b.len() - both) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_read_byte_by_byte_are_those_read_char_by_char() {
        // Every character decoded and lower-cased, as the words were first read.
        let by_char = |text: &str| -> Vec<u64> {
            let mut out = Vec::new();
            let mut word = String::new();
            for c in text.chars().chain([' ']) {
                if c.is_alphanumeric() {
                    word.extend(c.to_lowercase());
                } else if !word.is_empty() {
                    let h = word.bytes().fold(FNV_OFFSET, |h, b| {
                        (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
                    });
                    out.push(mix(h));
                    word.clear();
                }
            }
            out
        };
        for text in [
            "Vell's 2,400 MW plan, \u{201c}Ostra\u{201d} said.",
            "Çelik İstanbul'da; ŽELEZNÁ Ķēde — naïve café 42",
            "東京 reports 3 Ämter, 12% up",
            "",
            "...",
            "x",
        ] {
            assert_eq!(words(text), by_char(text), "{text}");
        }
    }

    #[test]
    fn punctuation_quotes_and_case_do_not_change_the_words() {
        let a = words("\u{201c}The harbour will reopen in May,\u{201d} said Oren Falk.");
        let b = words("\"The harbour will reopen in May\" -- said OREN FALK");
        assert_eq!(a, b);
        assert_eq!(exact_key(&a), exact_key(&b));
        assert_ne!(
            exact_key(&a),
            exact_key(&words("Said Oren Falk: the harbour will reopen in May"))
        );
    }

    #[test]
    fn a_few_changed_words_keep_most_shingles_and_most_bands() {
        let a = shingles(&words(
            "The council of Velmora voted on Tuesday to close the northern quay for repairs \
             lasting at least two winters, the mayor's office said.",
        ));
        let b = shingles(&words(
            "The council of Velmora voted on Tuesday to shut the northern quay for repairs \
             lasting at least two winters, the mayor said.",
        ));
        let c = shingles(&words(
            "Grain prices in the southern provinces rose for a third week as the dry spell \
             held across the plains.",
        ));
        assert!(jaccard(&a, &b) > 0.6, "{}", jaccard(&a, &b));
        assert!(jaccard(&a, &c) < 0.1);
        let (ka, kb, kc) = (band_keys(&a), band_keys(&b), band_keys(&c));
        let shared =
            |x: &[u32; BANDS], y: &[u32; BANDS]| x.iter().zip(y).filter(|(p, q)| p == q).count();
        assert!(shared(&ka, &kb) >= 1);
        assert_eq!(shared(&ka, &kc), 0);
    }
}
