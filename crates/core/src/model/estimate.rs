//! Remaining time: the estimates of the steps not done, corrected by how
//! long finished steps really took. Never negative, never absurd: the
//! learned factor is smoothed towards 1 and clamped.
//!
//! Ranges that lean late (rule 44): when the finished steps disagree about
//! how good the estimates are (at least two of them with an estimate and
//! real start and completion times, whose actual/estimate ratios differ by
//! more than 10 %), one number would pretend to a certainty nobody has. The
//! remaining time is then a range ([`leaning_range`]): from the single value
//! shown otherwise up to the remaining estimates scaled by the worst ratio
//! seen. It only widens towards late: a step that overran once may overrun
//! again, and a fast step does not promise an early finish.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::model::progress::counts_towards;
use crate::model::{Status, Step};

/// Weight, in steps, of the prior belief that estimates are right.
pub const PRIOR_STEPS: f64 = 2.0;
/// The learned factor never goes below this...
pub const MIN_FACTOR: f64 = 0.5;
/// ...nor above this.
pub const MAX_FACTOR: f64 = 3.0;
/// An overdue active step still counts this share of its estimate.
pub const OVERDUE_SHARE: f64 = 0.25;

/// How much time is left.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Remaining {
    /// Seconds left on the counted steps, when every one of them has an estimate.
    pub required_secs: Option<f64>,
    /// Seconds of optional steps not done (when they have estimates).
    pub optional_secs: Option<f64>,
    /// Whether observed durations corrected the estimates.
    pub learned: bool,
    /// The factor applied to estimates (1 without observations).
    pub factor: f64,
}

/// The factor of actual to estimated time from finished steps that have an
/// estimate, `startedAt` and `completedAt`; `None` without such steps.
pub fn learned_factor(steps: &[Step]) -> Option<f64> {
    let (mut actual, mut estimated, mut n) = (0.0, 0.0, 0.0);
    for s in steps.iter().filter(|s| s.status == Status::Complete) {
        let (Some(est), Some(start), Some(end)) = (s.estimate, &s.started_at, &s.completed_at)
        else {
            continue;
        };
        let took = (end.ms - start.ms) / 1000.0;
        if est <= 0.0 || !took.is_finite() || took <= 0.0 {
            continue;
        }
        // One wild step cannot dominate: each ratio is clamped first.
        actual += est * (took / est).clamp(MIN_FACTOR, MAX_FACTOR);
        estimated += est;
        n += 1.0;
    }
    if n == 0.0 {
        return None;
    }
    let raw = actual / estimated;
    Some(((n * raw + PRIOR_STEPS) / (n + PRIOR_STEPS)).clamp(MIN_FACTOR, MAX_FACTOR))
}

/// Time left at `now_ms`.
pub fn remaining(steps: &[Step], now_ms: f64) -> Remaining {
    let learned = learned_factor(steps);
    let factor = learned.unwrap_or(1.0);
    let any_required = steps.iter().any(|s| !s.optional);
    let (mut required, mut required_known) = (0.0, true);
    let (mut optional, mut optional_any) = (0.0, false);
    for s in steps.iter().filter(|s| !s.status.is_done()) {
        let counted = counts_towards(s, any_required);
        let Some(est) = s.estimate else {
            if counted {
                required_known = false;
            }
            continue;
        };
        let mut left = est * factor;
        if s.status == Status::Active {
            if let Some(start) = &s.started_at {
                let elapsed = ((now_ms - start.ms) / 1000.0).max(0.0);
                left = (left - elapsed).max(left * OVERDUE_SHARE);
            }
        }
        if counted {
            required += left;
        } else {
            optional += left;
            optional_any = true;
        }
    }
    let any_open = steps
        .iter()
        .any(|s| !s.status.is_done() && counts_towards(s, any_required));
    Remaining {
        required_secs: (required_known && any_open).then_some(required),
        optional_secs: optional_any.then_some(optional),
        learned: learned.is_some(),
        factor,
    }
}

/// Ratios of actual to estimated time that differ by more than this share
/// (the largest more than 10 % above the smallest) make remaining time a
/// range.
pub const RANGE_SPREAD: f64 = 0.10;

/// The actual/estimate ratio of every finished step that has an estimate
/// and real start and completion times, unclamped, in step order.
pub fn observed_ratios(steps: &[Step]) -> Vec<f64> {
    steps
        .iter()
        .filter(|s| s.status == Status::Complete)
        .filter_map(|s| {
            let (est, start, end) = (
                s.estimate?,
                s.started_at.as_ref()?,
                s.completed_at.as_ref()?,
            );
            let took = (end.ms - start.ms) / 1000.0;
            (est > 0.0 && took.is_finite() && took > 0.0).then_some(took / est)
        })
        .collect()
}

/// The smallest and largest of `ratios` when there are at least two and
/// they disagree by more than [`RANGE_SPREAD`]; `None` when they agree (or
/// are too few to tell).
pub fn spread(ratios: &[f64]) -> Option<(f64, f64)> {
    if ratios.len() < 2 {
        return None;
    }
    let lo = ratios.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = ratios.iter().copied().fold(0.0, f64::max);
    (lo > 0.0 && hi > lo * (1.0 + RANGE_SPREAD)).then_some((lo, hi))
}

/// Remaining time as a range that leans late.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    /// The lower bound: the single value.
    pub low_secs: f64,
    /// The upper bound: the estimates of the counted steps not done, each
    /// scaled by the largest ratio observed; never below `low_secs`.
    pub high_secs: f64,
    /// The largest actual/estimate ratio observed.
    pub max_ratio: f64,
}

/// Remaining time as a range when finished steps disagree about the
/// estimates (see [`spread`]); `None` when the single value stands (the
/// ratios agree, fewer than two steps tell, or a counted step has no
/// estimate). `single_secs` is that single value, the `required_secs` of
/// [`remaining`], which the caller has already computed.
///
/// The upper bound scales the remaining estimates whole, an active step's
/// included, without taking off the time it has already run: the rule asks
/// for at least that much, and it only makes the range wider.
pub fn leaning_range(steps: &[Step], single_secs: f64) -> Option<Range> {
    let (_, max_ratio) = spread(&observed_ratios(steps))?;
    let any_required = steps.iter().any(|s| !s.optional);
    let mut estimates = 0.0;
    for s in steps
        .iter()
        .filter(|s| !s.status.is_done() && counts_towards(s, any_required))
    {
        estimates += s.estimate?;
    }
    Some(Range {
        low_secs: single_secs,
        high_secs: (estimates * max_ratio).max(single_secs),
        max_ratio,
    })
}

/// Seconds from the first `startedAt` to the last `completedAt`, when the
/// journey is complete and both are known.
pub fn total_taken(steps: &[Step]) -> Option<f64> {
    let start = steps
        .iter()
        .filter_map(|s| s.started_at.as_ref().map(|t| t.ms))
        .reduce(f64::min)?;
    let end = steps
        .iter()
        .filter_map(|s| s.completed_at.as_ref().map(|t| t.ms))
        .reduce(f64::max)?;
    (end > start).then_some((end - start) / 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stamp;

    fn step(status: Status, est: Option<f64>, took: Option<(f64, f64)>, optional: bool) -> Step {
        let stamp = |ms: f64| Stamp {
            raw: String::new(),
            ms,
        };
        let mut s = crate::plan::tests::state(&[("x", "pending")])
            .steps
            .remove(0);
        s.status = status;
        s.estimate = est;
        s.optional = optional;
        s.started_at = took.map(|(a, _)| stamp(a * 1000.0));
        s.completed_at = took
            .filter(|_| status == Status::Complete)
            .map(|(_, b)| stamp(b * 1000.0));
        s
    }

    #[test]
    fn plain_sum_of_estimates_left() {
        let steps = [
            step(Status::Complete, Some(120.0), None, false),
            step(Status::Pending, Some(300.0), None, false),
            step(Status::Pending, Some(120.0), None, false),
            step(Status::Pending, Some(60.0), None, true),
        ];
        let r = remaining(&steps, 0.0);
        assert_eq!(r.required_secs, Some(420.0));
        assert_eq!(r.optional_secs, Some(60.0));
        assert!(!r.learned);
    }

    #[test]
    fn unknown_estimates_mean_no_claim() {
        let steps = [
            step(Status::Pending, Some(300.0), None, false),
            step(Status::Pending, None, None, false),
        ];
        assert_eq!(remaining(&steps, 0.0).required_secs, None);
        let done = [step(Status::Complete, Some(300.0), None, false)];
        assert_eq!(
            remaining(&done, 0.0).required_secs,
            None,
            "nothing left, nothing to say"
        );
    }

    #[test]
    fn learning_is_smoothed_and_clamped() {
        // One step took twice as long: factor (1*2 + 2) / 3 = 4/3.
        let slow = [
            step(Status::Complete, Some(60.0), Some((0.0, 120.0)), false),
            step(Status::Pending, Some(300.0), None, false),
        ];
        let r = remaining(&slow, 0.0);
        assert!(r.learned);
        assert!((r.factor - 4.0 / 3.0).abs() < 1e-9);
        assert!((r.required_secs.unwrap() - 400.0).abs() < 1e-9);
        // A step that took 100x as long is clamped at 3x before smoothing.
        let wild = [step(
            Status::Complete,
            Some(60.0),
            Some((0.0, 6000.0)),
            false,
        )];
        assert!((learned_factor(&wild).unwrap() - 5.0 / 3.0).abs() < 1e-9);
        // Many very fast steps: never below the floor.
        let fast: Vec<Step> = (0..50)
            .map(|_| step(Status::Complete, Some(600.0), Some((0.0, 1.0)), false))
            .collect();
        assert!(learned_factor(&fast).unwrap() >= MIN_FACTOR);
        // Bad data (completed before started) is ignored.
        let bad = [step(
            Status::Complete,
            Some(60.0),
            Some((100.0, 50.0)),
            false,
        )];
        assert_eq!(learned_factor(&bad), None);
    }

    #[test]
    fn active_step_counts_down_but_never_below_a_share() {
        let mut active = step(Status::Active, Some(600.0), Some((0.0, 0.0)), false);
        active.completed_at = None;
        let steps = [active];
        assert_eq!(remaining(&steps, 200_000.0).required_secs, Some(400.0));
        assert_eq!(remaining(&steps, 5_000_000.0).required_secs, Some(150.0));
        // A clock behind the server never adds time.
        assert_eq!(remaining(&steps, -9e9).required_secs, Some(600.0));
    }

    #[test]
    fn total_time_taken() {
        let steps = [
            step(Status::Complete, None, Some((10.0, 70.0)), false),
            step(Status::Complete, None, Some((70.0, 610.0)), false),
        ];
        assert_eq!(total_taken(&steps), Some(600.0));
        assert_eq!(
            total_taken(&[step(Status::Complete, None, None, false)]),
            None
        );
    }

    /// A finished step with estimate `est` that took `took` seconds.
    fn done(est: f64, took: f64) -> Step {
        step(Status::Complete, Some(est), Some((0.0, took)), false)
    }

    fn pending(est: f64) -> Step {
        step(Status::Pending, Some(est), None, false)
    }

    /// The range at `now_ms`, from the single value `remaining` gives.
    fn range(steps: &[Step], now_ms: f64) -> Option<Range> {
        leaning_range(steps, remaining(steps, now_ms).required_secs?)
    }

    #[test]
    fn a_step_that_overran_twice_its_estimate_makes_a_range() {
        // One step on time, one that took twice its estimate: ratios 1 and 2.
        let steps = [done(60.0, 60.0), done(60.0, 120.0), pending(300.0)];
        let single = remaining(&steps, 0.0).required_secs.unwrap();
        // Learned factor (2 * 1.5 + 2) / 4 = 1.25.
        assert!((single - 375.0).abs() < 1e-9);
        let r = range(&steps, 0.0).unwrap();
        assert_eq!(r.low_secs, single, "the low end is the single value");
        assert_eq!(r.high_secs, 600.0, "the high end scales by the worst ratio");
        assert_eq!(r.max_ratio, 2.0);
    }

    #[test]
    fn two_steps_that_overran_by_different_amounts() {
        let steps = [
            done(100.0, 150.0),
            done(100.0, 300.0),
            pending(60.0),
            pending(60.0),
        ];
        let r = range(&steps, 0.0).unwrap();
        assert_eq!(r.high_secs, 360.0);
        assert!(r.low_secs < r.high_secs);
        assert_eq!(Some(r.low_secs), remaining(&steps, 0.0).required_secs);
    }

    #[test]
    fn steps_that_agree_keep_a_single_value() {
        // Both overran twice: the estimates are consistently off, and the
        // learned factor already says so.
        let same = [done(60.0, 120.0), done(300.0, 600.0), pending(300.0)];
        assert_eq!(range(&same, 0.0), None);
        // Within 10 % of each other.
        let close = [done(100.0, 100.0), done(100.0, 110.0), pending(300.0)];
        assert_eq!(range(&close, 0.0), None);
        let apart = [done(100.0, 100.0), done(100.0, 111.0), pending(300.0)];
        assert!(range(&apart, 0.0).is_some());
    }

    #[test]
    fn one_witness_is_not_enough() {
        let steps = [done(60.0, 600.0), pending(300.0)];
        assert_eq!(range(&steps, 0.0), None);
        // A finished step without times does not count as a second one.
        let untimed = [
            done(60.0, 600.0),
            step(Status::Complete, Some(60.0), None, false),
            pending(300.0),
        ];
        assert_eq!(range(&untimed, 0.0), None);
        assert_eq!(observed_ratios(&untimed), [10.0]);
    }

    #[test]
    fn no_range_without_every_estimate() {
        let unknown = [
            done(60.0, 60.0),
            done(60.0, 120.0),
            pending(60.0),
            step(Status::Pending, None, None, false),
        ];
        assert_eq!(leaning_range(&unknown, 100.0), None);
        // An optional step without an estimate does not matter.
        let optional = [
            done(60.0, 60.0),
            done(60.0, 120.0),
            pending(60.0),
            step(Status::Pending, None, None, true),
        ];
        assert_eq!(
            leaning_range(&optional, 75.0).map(|r| r.high_secs),
            Some(120.0)
        );
    }

    #[test]
    fn the_high_end_is_not_clamped_like_the_learned_factor() {
        // A step that took ten times its estimate: the learned factor clamps
        // it, the upper bound does not hide it.
        let steps = [done(60.0, 60.0), done(60.0, 600.0), pending(100.0)];
        let r = range(&steps, 0.0).unwrap();
        assert_eq!(r.high_secs, 1000.0);
        assert!(r.low_secs < 300.0);
    }

    #[test]
    fn an_active_step_counts_whole_at_the_high_end() {
        let mut active = step(Status::Active, Some(600.0), Some((0.0, 0.0)), false);
        active.completed_at = None;
        let steps = [done(60.0, 60.0), done(60.0, 120.0), active];
        // 200 s into a 600 s step: low 600 * 1.25 - 200, high 600 * 2.
        let r = range(&steps, 200_000.0).unwrap();
        assert_eq!(r.low_secs, 550.0);
        assert_eq!(r.high_secs, 1200.0);
    }

    #[test]
    fn spread_edges() {
        assert_eq!(spread(&[]), None);
        assert_eq!(spread(&[2.0]), None);
        assert_eq!(spread(&[1.0, 1.1]), None);
        assert_eq!(spread(&[0.5, 1.0, 0.8]), Some((0.5, 1.0)));
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Whenever remaining time is a range, its low end is the single
        /// value and its high end at least the remaining estimates scaled by
        /// the largest ratio observed; when it is not, the ratios agree.
        #[test]
        fn ranges_bound_the_single_value(
            finished in proptest::collection::vec((1u32..1000, 1u32..5000), 0..5),
            left in proptest::collection::vec(1u32..1000, 1..5),
        ) {
            let mut steps: Vec<Step> = finished
                .iter()
                .map(|&(est, took)| done(f64::from(est), f64::from(took)))
                .collect();
            steps.extend(left.iter().map(|&est| pending(f64::from(est))));
            let single = remaining(&steps, 0.0).required_secs.unwrap();
            let ratios: Vec<f64> = finished
                .iter()
                .map(|&(e, t)| f64::from(t) / f64::from(e))
                .collect();
            match leaning_range(&steps, single) {
                Some(r) => {
                    let max = ratios.iter().copied().fold(0.0, f64::max);
                    let min = ratios.iter().copied().fold(f64::INFINITY, f64::min);
                    proptest::prop_assert!(ratios.len() >= 2 && max > min * 1.1);
                    proptest::prop_assert_eq!(r.low_secs, single);
                    let scaled: f64 = left.iter().map(|&e| f64::from(e) * max).sum();
                    proptest::prop_assert!(r.high_secs >= scaled - 1e-6);
                    proptest::prop_assert!(r.high_secs >= r.low_secs);
                }
                None => {
                    let agree = ratios.len() < 2
                        || ratios.iter().all(|&a| ratios.iter().all(|&b| a <= b * 1.1));
                    proptest::prop_assert!(agree, "ratios {:?} disagree but no range", ratios);
                }
            }
        }
    }
}
