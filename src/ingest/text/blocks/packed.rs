//! The rows of a model file read in place: the file holds the rows' keys sorted, their
//! weights, and before them a table of where each run of keys with the same top bits starts,
//! so a row is found in a probe or two without copying one. The embedded model is ready at
//! once instead of in the fraction of a millisecond a hash map of its ten thousand rows takes
//! to fill, and that time came before the first article could be shown.

use super::{Row, STATES};

#[derive(Debug, Clone, PartialEq)]
pub struct Packed<'a> {
    /// Keys' top `bits` bits select a bucket; the u32 at `b` and `b + 1` bound its rows.
    bits: u32,
    starts: &'a [u8],
    /// The rows' keys (u32), sorted, then their weights (`[i16; STATES]` each), little-endian.
    keys: &'a [u8],
    weights: &'a [u8],
    scale: f32,
}

impl<'a> Packed<'a> {
    /// The file's bytes for `rows` sorted by key, after their number and scale.
    pub fn write(rows: &[(u32, Row)], scale: f32, out: &mut Vec<u8>) {
        let bits = bits_for(rows.len());
        out.push(bits as u8);
        let mut next = 0usize;
        for (i, (key, _)) in rows.iter().enumerate() {
            while next <= bucket(*key, bits) {
                out.extend_from_slice(&(i as u32).to_le_bytes());
                next += 1;
            }
        }
        while next <= 1 << bits {
            out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
            next += 1;
        }
        for (key, _) in rows {
            out.extend_from_slice(&key.to_le_bytes());
        }
        for x in rows.iter().flat_map(|(_, row)| row) {
            out.extend_from_slice(&((x / scale).round() as i16).to_le_bytes());
        }
    }

    /// Reads `n` rows as `write` wrote them from the front of `r`; `None` if they do not fit.
    pub fn read(r: &mut &'a [u8], n: usize, scale: f32) -> Option<Packed<'a>> {
        let bits = u32::from(*r.split_off_first()?);
        if bits != bits_for(n) {
            return None;
        }
        let starts = r.split_off(..4 * ((1usize << bits) + 1))?;
        let keys = r.split_off(..n.checked_mul(4)?)?;
        let weights = r.split_off(..n.checked_mul(2 * STATES)?)?;
        let packed = Packed {
            bits,
            starts,
            keys,
            weights,
            scale,
        };
        // The table must end at the last row: a lookup then never reads past them.
        (packed.start(1 << bits) == n).then_some(packed)
    }

    pub fn len(&self) -> usize {
        self.keys.len() / 4
    }

    pub fn get(&self, key: u32) -> Option<Row> {
        let b = bucket(key, self.bits);
        let (from, to) = (self.start(b), self.start(b + 1).min(self.len()));
        (from..to)
            .find(|&i| u32_at(self.keys, i) == key)
            .map(|i| self.row_at(i))
    }

    /// Every (key, row), in key order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, Row)> + '_ {
        (0..self.len()).map(|i| (u32_at(self.keys, i), self.row_at(i)))
    }

    fn start(&self, b: usize) -> usize {
        u32_at(self.starts, b) as usize
    }

    fn row_at(&self, i: usize) -> Row {
        let w = &self.weights[i * 2 * STATES..(i + 1) * 2 * STATES];
        let mut row = [0f32; STATES];
        for (x, b) in row.iter_mut().zip(w.chunks_exact(2)) {
            *x = f32::from(i16::from_le_bytes([b[0], b[1]])) * self.scale;
        }
        row
    }
}

/// About one row per bucket: a lookup reads one or two keys.
fn bits_for(n: usize) -> u32 {
    n.max(2).next_power_of_two().trailing_zeros().min(20)
}

fn u32_at(bytes: &[u8], i: usize) -> u32 {
    let b = &bytes[4 * i..4 * i + 4];
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

fn bucket(key: u32, bits: u32) -> usize {
    if bits == 0 {
        0
    } else {
        (key >> (32 - bits)) as usize
    }
}
