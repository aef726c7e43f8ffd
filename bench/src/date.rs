//! Calendar dates without a date library.
//!
//! Days are kept between 1 and 28 so every (year, month, day) is valid and no
//! leap-year logic is needed; that is plenty of variety for sorting tests.

use std::fmt;

use crate::rng::SplitMix64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u32,
    pub month: u32,
    pub day: u32,
}

/// The latest date the corpus mentions, so nothing lies in the future of a
/// reader in 2026.
pub const LATEST: Date = Date {
    year: 2025,
    month: 12,
    day: 28,
};

impl Date {
    pub fn random_in_years(rng: &mut SplitMix64, first_year: u32, last_year: u32) -> Date {
        Date {
            year: rng.range(first_year as u64, last_year as u64) as u32,
            month: rng.range(1, 12) as u32,
            day: rng.range(1, 28) as u32,
        }
    }

    /// This date moved forward by `months`, with a new random day, never past
    /// `LATEST`.
    pub fn plus_months(self, rng: &mut SplitMix64, months: u32) -> Date {
        let month_index = self.year * 12 + (self.month - 1) + months;
        let moved = Date {
            year: month_index / 12,
            month: month_index % 12 + 1,
            day: rng.range(1, 28) as u32,
        };
        moved.min(LATEST)
    }

    /// Whole months from this date to `later` (0 if `later` is not later).
    pub fn months_until(self, later: Date) -> u32 {
        (later.year * 12 + later.month).saturating_sub(self.year * 12 + self.month)
    }
}

/// ISO 8601, which is also a TOML local date.
impl fmt::Display for Date {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "{:04}-{:02}-{:02}",
            self.year, self.month, self.day
        )
    }
}
