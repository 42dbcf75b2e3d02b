//! Timing decisions for live state, free of the browser: retry backoff with
//! full jitter, and stall detection (docs/reference.md#what-is-shown; rules 15 and 26).

#[allow(unused_imports)]
use crate::prelude::*;

/// First retry ceiling after a failure, in milliseconds.
pub const BACKOFF_BASE_MS: f64 = 2_000.0;
/// Longest wait between retries, in milliseconds (5 minutes).
pub const BACKOFF_CAP_MS: f64 = 300_000.0;
/// Shortest wait between retries, in milliseconds.
pub const BACKOFF_MIN_MS: f64 = 1_000.0;
/// The wait before retry number `failures` (1 for the first failure), with
/// full jitter: uniform in `[0, min(cap, base * 2^(failures-1))]`, at least
/// [`BACKOFF_MIN_MS`]. `random` is uniform in `[0, 1)`.
pub fn backoff_ms(failures: u32, random: f64) -> f64 {
    let exp = failures.saturating_sub(1).min(20);
    let ceiling = (BACKOFF_BASE_MS * f64::from(1u32 << exp)).min(BACKOFF_CAP_MS);
    (ceiling * random.clamp(0.0, 1.0))
        .max(BACKOFF_MIN_MS)
        .round()
}

/// The stall situation at a moment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stall {
    /// Whether the journey counts as stalled now.
    pub stalled: bool,
    /// When to look again (ms since epoch), if a stall can still begin.
    pub check_at: Option<f64>,
}

/// Whether a journey whose last update was at `last_update` (ms) with a
/// promised `next_update_by` is stalled at `now`, given `stall_after_ms`.
pub fn stall_at(
    now: f64,
    last_update: Option<f64>,
    next_update_by: Option<f64>,
    stall_after_ms: f64,
) -> Stall {
    let silence_end = last_update.map(|t| t + stall_after_ms);
    let deadlines = [silence_end, next_update_by];
    let stalled = deadlines.iter().flatten().any(|&d| now >= d);
    let check_at = if stalled {
        None
    } else {
        deadlines
            .iter()
            .flatten()
            .copied()
            .filter(|&d| d > now)
            .reduce(f64::min)
    };
    Stall { stalled, check_at }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_is_jittered_and_capped() {
        assert_eq!(backoff_ms(1, 0.0), BACKOFF_MIN_MS);
        assert_eq!(backoff_ms(1, 0.999_999), 2_000.0);
        assert_eq!(backoff_ms(3, 0.5), 4_000.0);
        assert_eq!(backoff_ms(4, 1.0), 16_000.0);
        assert_eq!(backoff_ms(30, 1.0), BACKOFF_CAP_MS);
        assert_eq!(backoff_ms(u32::MAX, 0.5), BACKOFF_CAP_MS / 2.0);
        // Full jitter: the whole range below the ceiling is used.
        let samples: Vec<f64> = (0..10)
            .map(|i| backoff_ms(6, f64::from(i) / 10.0))
            .collect();
        assert!(samples.windows(2).all(|w| w[0] <= w[1]));
        assert!(samples[9] <= 64_000.0 && samples[1] < 10_000.0);
    }

    #[test]
    fn stall_by_silence_or_promise() {
        let h = 3_600_000.0;
        // Updated an hour ago, stall after 48h: not stalled, look again at 48h.
        let s = stall_at(10.0 * h, Some(9.0 * h), None, 48.0 * h);
        assert_eq!(
            s,
            Stall {
                stalled: false,
                check_at: Some(57.0 * h)
            }
        );
        // Past stall-after.
        assert!(stall_at(60.0 * h, Some(9.0 * h), None, 48.0 * h).stalled);
        // Past nextUpdateBy, even if recently updated.
        assert!(stall_at(10.0 * h, Some(9.5 * h), Some(9.9 * h), 48.0 * h).stalled);
        // nextUpdateBy ahead comes first.
        let s = stall_at(10.0 * h, Some(9.5 * h), Some(12.0 * h), 48.0 * h);
        assert_eq!(s.check_at, Some(12.0 * h));
        // Nothing known: never stalled.
        assert_eq!(
            stall_at(1.0, None, None, 1.0),
            Stall {
                stalled: false,
                check_at: None
            }
        );
    }
}
