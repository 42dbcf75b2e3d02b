//! Which celebrations are due (docs/reference.md#events; rules 6, 24 and 35): each milestone
//! and the completion fire once per storage key, also at the first render;
//! when one change reaches completion only `complete` fires and the passed
//! milestones are recorded silently.

#[allow(unused_imports)]
use crate::prelude::*;

/// A due celebration.
#[derive(Clone, Debug, PartialEq)]
pub enum Celebration {
    /// A milestone fraction was reached or passed.
    Milestone(f64),
    /// Every counted step is done.
    Complete,
}

impl Celebration {
    /// The key under which it is remembered as fired.
    pub fn key(&self) -> String {
        match self {
            Celebration::Complete => String::from("complete"),
            Celebration::Milestone(m) => {
                let mut k = String::from("m");
                k.push_str(&crate::num::uint_to_string((m * 1_000_000.0).round() as u64));
                k
            }
        }
    }
}

/// What is due at `progress` (0..=1, `complete` when every counted step is
/// done), given the milestone fractions and what already fired. Returns the
/// celebrations to fire (ascending, `complete` last) and the keys to record.
pub fn due(
    progress: f64,
    complete: bool,
    milestones: &[f64],
    fired: &[String],
) -> (Vec<Celebration>, Vec<String>) {
    let mut fire = Vec::new();
    let mut record = Vec::new();
    let mut ms: Vec<f64> = milestones.to_vec();
    crate::num::sort_small(&mut ms);
    for m in ms {
        let c = Celebration::Milestone(m);
        let key = c.key();
        if progress >= m && !fired.contains(&key) && !record.contains(&key) {
            record.push(key);
            if !complete {
                fire.push(c);
            }
        }
    }
    let key = Celebration::Complete.key();
    if complete && !fired.contains(&key) {
        record.push(key);
        fire.push(Celebration::Complete);
    }
    (fire, record)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(v: &[String]) -> Vec<&str> {
        v.iter().map(String::as_str).collect()
    }

    #[test]
    fn milestones_fire_once_in_ascending_order() {
        let (fire, rec) = due(0.8, false, &[0.75, 0.25, 0.5], &[]);
        assert_eq!(
            fire,
            [
                Celebration::Milestone(0.25),
                Celebration::Milestone(0.5),
                Celebration::Milestone(0.75)
            ]
        );
        assert_eq!(keys(&rec), ["m250000", "m500000", "m750000"]);
        let (fire, _) = due(0.9, false, &[0.25, 0.5, 0.75], &rec);
        assert!(fire.is_empty(), "already fired for this key");
    }

    #[test]
    fn reaching_completion_fires_only_complete() {
        let (fire, rec) = due(1.0, true, &[0.5], &[]);
        assert_eq!(fire, [Celebration::Complete]);
        assert_eq!(
            keys(&rec),
            ["m500000", "complete"],
            "the milestone is recorded silently"
        );
    }

    #[test]
    fn once_means_once_across_reopen_and_reload() {
        let fired = vec![String::from("complete"), String::from("m500000")];
        // Reopened (progress back down) and completed again: nothing.
        assert!(due(0.4, false, &[0.5], &fired).0.is_empty());
        assert!(due(1.0, true, &[0.5], &fired).0.is_empty());
    }

    #[test]
    fn below_every_milestone_nothing() {
        assert_eq!(due(0.2, false, &[0.5], &[]), (vec![], vec![]));
        assert_eq!(due(0.0, false, &[], &[]), (vec![], vec![]));
    }
}
