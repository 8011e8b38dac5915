//! The averaged structured perceptron that both learned parts train with (the entity tagger
//! over tokens, the block model over lines): weights per feature and state, transition
//! weights (row `N` is the start), lazily averaged, and the seeded shuffle of the examples.

/// A small seeded generator (xorshift*): training is the same run after run.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Fisher–Yates, from the end.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, (self.next_u64() % (i as u64 + 1)) as usize);
        }
    }
}

/// Weights being trained over `N` states.
pub struct Averaged<const N: usize> {
    /// The current weights, per feature id; what decoding during training reads.
    pub w: Vec<[f32; N]>,
    /// Transition weights: row `prev` (or `N` at the start) to column `next`.
    pub tw: Vec<[f32; N]>,
    // Lazy averaging: `u` sums c * delta, and the average is w - u / c.
    u: Vec<[f64; N]>,
    tu: Vec<[f64; N]>,
    c: f64,
}

impl<const N: usize> Averaged<N> {
    pub fn new(features: usize) -> Self {
        Averaged {
            w: vec![[0.0; N]; features],
            tw: vec![[0.0; N]; N + 1],
            u: vec![[0.0; N]; features],
            tu: vec![[0.0; N]; N + 1],
            c: 1.0,
        }
    }

    /// One example seen: where `pred` differs from `gold`, the gold state's features and
    /// transitions gain and the predicted ones lose. `feats(i)` are the ids of item `i`.
    pub fn learn<'f>(&mut self, gold: &[u8], pred: &[u8], feats: impl Fn(usize) -> &'f [u32]) {
        self.learn_weighted(gold, pred, feats, |_| 1.0);
    }

    /// `learn`, where a mistake on item `i` moves its features by `cost(i)` (a mistake on a
    /// long paragraph costs more than one on a label).
    pub fn learn_weighted<'f>(
        &mut self,
        gold: &[u8],
        pred: &[u8],
        feats: impl Fn(usize) -> &'f [u32],
        cost: impl Fn(usize) -> f32,
    ) {
        let c = self.c;
        for i in 0..gold.len() {
            let (g, p) = (gold[i] as usize, pred[i] as usize);
            if g != p {
                let k = cost(i);
                let kc = f64::from(k) * c;
                for &f in feats(i) {
                    let f = f as usize;
                    self.w[f][g] += k;
                    self.u[f][g] += kc;
                    self.w[f][p] -= k;
                    self.u[f][p] -= kc;
                }
            }
            let gp = if i == 0 { N } else { gold[i - 1] as usize };
            let pp = if i == 0 { N } else { pred[i - 1] as usize };
            if (gp, g) != (pp, p) {
                self.tw[gp][g] += 1.0;
                self.tu[gp][g] += c;
                self.tw[pp][p] -= 1.0;
                self.tu[pp][p] -= c;
            }
        }
        self.c += 1.0;
    }

    /// The averaged feature weights and transitions.
    pub fn finish(mut self) -> (Vec<[f32; N]>, Vec<[f32; N]>) {
        let c = self.c;
        let avg = |w: &mut [f32; N], u: &[f64; N]| {
            for (a, b) in w.iter_mut().zip(u) {
                *a -= (*b / c) as f32;
            }
        };
        self.w.iter_mut().zip(&self.u).for_each(|(w, u)| avg(w, u));
        self.tw
            .iter_mut()
            .zip(&self.tu)
            .for_each(|(w, u)| avg(w, u));
        (self.w, self.tw)
    }
}
