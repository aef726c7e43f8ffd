//! A small deterministic pseudo-random number generator.
//!
//! The corpus must be byte-identical for the same arguments on every machine
//! and every Rust version, so we cannot use a crate whose algorithm may change
//! between releases. SplitMix64 is tiny, well studied, and good enough for
//! choosing words and dates.

/// SplitMix64 (Steele, Lea, Flood 2014), as used to seed xoshiro generators.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// A generator for one numbered item (a profile, a decision) that does not
    /// depend on how many items came before it. Profile 42 therefore has the
    /// same text in a 1,000-case corpus and a 100,000-case corpus.
    pub fn for_item(corpus_seed: u64, stream: u64, index: u64) -> Self {
        let mut mixer = SplitMix64::new(
            corpus_seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ index.rotate_left(32),
        );
        SplitMix64::new(mixer.next_u64())
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`. The modulo bias is irrelevant at these ranges.
    pub fn range(&mut self, low: u64, high: u64) -> u64 {
        debug_assert!(low <= high);
        low + self.next_u64() % (high - low + 1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next_u64() % items.len() as u64) as usize]
    }

    /// Picks `count` distinct items (or all of them if there are fewer),
    /// keeping the order of `items` so the output reads naturally.
    pub fn pick_distinct<'a, T>(&mut self, items: &'a [T], count: usize) -> Vec<&'a T> {
        let mut chosen: Vec<usize> = Vec::with_capacity(count);
        while chosen.len() < count.min(items.len()) {
            let index = (self.next_u64() % items.len() as u64) as usize;
            if !chosen.contains(&index) {
                chosen.push(index);
            }
        }
        chosen.sort_unstable();
        chosen.into_iter().map(|index| &items[index]).collect()
    }

    /// Picks from `(item, weight)` pairs in proportion to the weights.
    pub fn pick_weighted<'a, T>(&mut self, items: &'a [(T, u64)]) -> &'a T {
        let total: u64 = items.iter().map(|(_, weight)| weight).sum();
        let mut ticket = self.next_u64() % total;
        for (item, weight) in items {
            if ticket < *weight {
                return item;
            }
            ticket -= weight;
        }
        // Unreachable: the ticket is below the total of the weights.
        &items[items.len() - 1].0
    }
}

#[cfg(test)]
mod tests {
    use super::SplitMix64;

    #[test]
    fn known_first_values() {
        // Reference values for seed 1234567 from the SplitMix64 paper's C code.
        let mut rng = SplitMix64::new(1234567);
        assert_eq!(rng.next_u64(), 6457827717110365317);
        assert_eq!(rng.next_u64(), 3203168211198807973);
    }

    #[test]
    fn item_streams_are_independent_of_order() {
        let a = SplitMix64::for_item(7, 1, 42).next_u64();
        let _ = SplitMix64::for_item(7, 1, 41).next_u64();
        let b = SplitMix64::for_item(7, 1, 42).next_u64();
        assert_eq!(a, b);
        assert_ne!(a, SplitMix64::for_item(7, 2, 42).next_u64());
    }
}
