//! The model's rows by feature hash, for the tagger's hottest loop (some forty lookups a
//! token, most of them of features the model never saw): open addressing over one flat array
//! of (key, row number), at most half full, so that a lookup is a multiply, a shift and a
//! compare or two. The rows themselves are kept in insertion order beside it.

use super::model::Row;

#[derive(Debug, Clone, Default)]
pub struct Rows {
    /// (key, row number + 1; 0 marks a free slot), a power of two of them.
    slots: Vec<(u32, u32)>,
    /// How far to shift a key's product to get its slot: 32 minus log2 of the slot count.
    shift: u32,
    rows: Vec<(u32, Row)>,
}

impl Rows {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The first slot to look at for `key` (keys are hashes already; their low bit is not
    /// random, so the top bits of a product are taken).
    fn home(&self, key: u32) -> usize {
        (key.wrapping_mul(0x9e37_79b9) >> self.shift) as usize
    }

    /// The slot of `key`, or the free one where it would go.
    fn find(&self, key: u32) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let (k, at) = self.slots[i];
            if at == 0 || k == key {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    #[inline]
    pub fn get(&self, key: u32) -> Option<&Row> {
        if self.slots.is_empty() {
            return None;
        }
        let at = self.slots[self.find(key)].1;
        (at != 0).then(|| &self.rows[at as usize - 1].1)
    }

    /// The row of `key`, made from `new` if there is none.
    pub fn get_or_insert(&mut self, key: u32, new: Row) -> &mut Row {
        self.reserve(1);
        let i = self.find(key);
        if self.slots[i].1 == 0 {
            self.rows.push((key, new));
            self.slots[i] = (key, self.rows.len() as u32);
        }
        let at = self.slots[i].1 as usize - 1;
        &mut self.rows[at].1
    }

    /// Room for `more` rows without growing.
    pub fn reserve(&mut self, more: usize) {
        let want = (self.rows.len() + more) * 2;
        if want <= self.slots.len() {
            return;
        }
        let bits = want.next_power_of_two().max(16).trailing_zeros();
        self.shift = 32 - bits;
        self.slots = vec![(0, 0); 1 << bits];
        self.rows.reserve(more);
        for (n, &(key, _)) in self.rows.iter().enumerate() {
            let i = self.find(key);
            self.slots[i] = (key, n as u32 + 1);
        }
    }

    /// The rows with their keys, in the order they were made.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &Row)> {
        self.rows.iter().map(|(k, r)| (*k, r))
    }
}

/// The same rows under the same keys, whatever the order they were made in.
impl PartialEq for Rows {
    fn eq(&self, other: &Rows) -> bool {
        self.len() == other.len() && self.iter().all(|(k, r)| other.get(k) == Some(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_found_under_their_keys_only() {
        let row = |x: i16| Row {
            q: [[x; 9]; 2],
            has: 1,
        };
        let mut rows = Rows::default();
        assert_eq!(rows.get(7), None);
        // Keys that share their top bits, the low one, zero and the largest.
        let keys: Vec<u32> = (0..1000u32)
            .map(|k| k << 20 | 1)
            .chain([0, u32::MAX])
            .collect();
        for (n, &k) in keys.iter().enumerate() {
            *rows.get_or_insert(k, row(0)) = row(n as i16);
        }
        for (n, &k) in keys.iter().enumerate() {
            assert_eq!(rows.get(k), Some(&row(n as i16)), "{k}");
            assert_eq!(rows.get_or_insert(k, row(-1)), &mut row(n as i16));
        }
        assert_eq!(rows.get(2), None);
        assert_eq!(rows.len(), keys.len());
        let mut backwards = Rows::default();
        for (k, r) in rows.iter().collect::<Vec<_>>().into_iter().rev() {
            backwards.get_or_insert(k, *r);
        }
        assert_eq!(backwards, rows);
        backwards.get_or_insert(5, row(5));
        assert_ne!(backwards, rows);
    }
}
