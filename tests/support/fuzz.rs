//! What the seeded fuzz tests share: a small deterministic generator and the number of cases
//! and the seed, which `BRIEFLY_FUZZ_CASES` and `BRIEFLY_FUZZ_SEED` change.
#![allow(dead_code)]

/// xorshift64*: small, seeded, the same on every machine.
pub struct Rng(pub u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// How many cases to run: `BRIEFLY_FUZZ_CASES`, else `default`.
pub fn cases(default: usize) -> usize {
    std::env::var("BRIEFLY_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// The sequence to run: `BRIEFLY_FUZZ_SEED`, else `default`.
pub fn seed(default: u64) -> u64 {
    std::env::var("BRIEFLY_FUZZ_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}
