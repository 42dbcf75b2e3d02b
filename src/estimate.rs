//! Remaining time (SPEC §4 "Time"): the estimates of the steps not done,
//! corrected by how long finished steps really took. Never negative, never
//! absurd: the learned factor is smoothed towards 1 and clamped.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::model::{Status, Step};
use crate::progress::counts_towards;

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
        let mut s = crate::view::tests::state(&[("x", "pending")])
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
}
