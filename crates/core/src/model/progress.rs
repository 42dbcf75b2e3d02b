//! Progress math (rule 3): which steps count, how many are done, the
//! fraction, and which step is current.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::idmap::IdMap;
use crate::model::{Status, Step};

/// Completion counts of a journey.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Counts {
    /// Counted steps that are complete or skipped.
    pub completed: u32,
    /// Counted steps: the required ones, or all when every step is optional.
    pub total: u32,
    /// `completed / total`, in `0..=1` (0 without steps).
    pub progress: f64,
}

impl Counts {
    /// Whether every counted step is done (and there is at least one).
    pub fn is_complete(&self) -> bool {
        self.total > 0 && self.completed >= self.total
    }
}

/// The steps `s` still waits for: those its `requires` names (found in
/// `at`, the positions of `steps`) that are not done, itself left out. A
/// step is locked while this yields any; a done step never is.
pub fn waiting_on<'a>(
    steps: &'a [Step],
    at: &'a IdMap,
    s: &'a Step,
) -> impl Iterator<Item = &'a Step> + 'a {
    let open = !s.status.is_done();
    s.requires
        .iter()
        .filter(move |_| open)
        .filter_map(move |id| at.get(id).and_then(|i| steps.get(i)))
        .filter(move |o| o.id != s.id && !o.status.is_done())
}

/// Whether `step` counts towards the total, given whether any step is required.
pub fn counts_towards(step: &Step, any_required: bool) -> bool {
    !step.optional || !any_required
}

/// Counts the steps (rule 3).
pub fn counts(steps: &[Step]) -> Counts {
    let any_required = steps.iter().any(|s| !s.optional);
    let (mut completed, mut total) = (0u32, 0u32);
    for s in steps.iter().filter(|s| counts_towards(s, any_required)) {
        total += 1;
        if s.status.is_done() {
            completed += 1;
        }
    }
    let progress = if total == 0 {
        0.0
    } else {
        (f64::from(completed) / f64::from(total)).clamp(0.0, 1.0)
    };
    Counts {
        completed,
        total,
        progress,
    }
}

/// The index of the current step: the first `active` one, else the first
/// one not done. `None` when every step is done.
pub fn current_index(steps: &[Step]) -> Option<usize> {
    steps
        .iter()
        .position(|s| s.status == Status::Active)
        .or_else(|| steps.iter().position(|s| !s.status.is_done()))
}

/// The "Step X of Y" position: the current step's place among counted steps
/// when it counts, else one past the completed ones; never above the total.
pub fn step_position(steps: &[Step], counts: &Counts) -> u32 {
    let any_required = steps.iter().any(|s| !s.optional);
    if let Some(i) = current_index(steps) {
        if let Some(step) = steps.get(i) {
            if counts_towards(step, any_required) {
                let before = steps
                    .iter()
                    .take(i)
                    .filter(|s| counts_towards(s, any_required))
                    .count() as u32;
                return before + 1;
            }
        }
    }
    (counts.completed + 1).min(counts.total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Json;
    use crate::model::{parse_doc, Doc, State};

    fn steps(spec: &[(&str, bool)]) -> Vec<Step> {
        let items = spec
            .iter()
            .enumerate()
            .map(|(i, (status, optional))| {
                Json::Obj(vec![
                    ("id".into(), Json::Str(i.to_string())),
                    ("status".into(), Json::Str(status.to_string())),
                    ("optional".into(), Json::Bool(*optional)),
                ])
            })
            .collect();
        let j = Json::Obj(vec![("steps".into(), Json::Arr(items))]);
        let (d, _) = parse_doc(&j, true).unwrap();
        State::merged(&Doc::default(), &d).steps
    }

    #[test]
    fn optional_steps_do_not_count_and_skipped_is_done() {
        let s = steps(&[
            ("complete", false),
            ("skipped", false),
            ("pending", true),
            ("active", false),
            ("pending", false),
        ]);
        let c = counts(&s);
        assert_eq!((c.completed, c.total), (2, 4));
        assert_eq!(c.progress, 0.5);
        assert!(!c.is_complete());
        assert_eq!(current_index(&s), Some(3));
        assert_eq!(step_position(&s, &c), 3);
    }

    #[test]
    fn all_optional_counts_all() {
        let s = steps(&[("complete", true), ("pending", true)]);
        let c = counts(&s);
        assert_eq!((c.completed, c.total), (1, 2));
    }

    #[test]
    fn complete_journey() {
        let s = steps(&[("complete", false), ("pending", true)]);
        let c = counts(&s);
        assert!(c.is_complete());
        assert_eq!(c.progress, 1.0);
        assert_eq!(
            current_index(&s),
            Some(1),
            "the optional step is still open"
        );
        assert_eq!(step_position(&s, &c), 1);
    }

    #[test]
    fn empty() {
        let c = counts(&[]);
        assert_eq!((c.completed, c.total, c.progress), (0, 0, 0.0));
        assert!(!c.is_complete());
        assert_eq!(step_position(&[], &c), 0);
    }
}
