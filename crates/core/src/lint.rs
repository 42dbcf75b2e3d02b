//! The design checks behind the `lint` attribute and `el.lint()` (rule 46):
//! pure functions of the merged state and the configuration.
//!
//! Each finding names the step or attribute it is about and says how to fix
//! it. The shell lists the warnings the widget logs on the console next to
//! these, and the colour contrast check, which needs the browser's resolved
//! colours (`js/contrast.js`).

#[allow(unused_imports)]
use crate::prelude::*;

use crate::idmap::IdMap;
use crate::input::config::{Config, Orientation, Variant};
use crate::model::{State, Step};
use crate::num::uint_to_string;
use crate::text::{fill, shorten};

/// Most findings listed per check; the rest are counted in one more finding.
pub const MAX_PER_CHECK: usize = 20;
/// Steps a horizontal stepper shows well side by side.
pub const MAX_STEPPER_STEPS: usize = 7;
/// Characters a stepper label shows well.
pub const MAX_STEPPER_LABEL: usize = 40;

/// One thing a designer should fix.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Which check: `stepper-steps`, `label-length`, `requires-cycle`, `all-optional`, `estimates-partial`, `tiers-order`.
    pub code: &'static str,
    /// The step it is about, if any.
    pub step: Option<String>,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl Finding {
    fn new(code: &'static str, step: Option<&str>, message: String) -> Finding {
        Finding {
            code,
            step: step.map(String::from),
            message,
        }
    }
}

/// The checks made on each step, by index in the counts of [`design`].
const PER_STEP: [&str; 3] = ["label-length", "estimates-partial", "tiers-order"];

/// The design checks on the current state and configuration, at most
/// [`MAX_PER_CHECK`] findings per check (then one counting the rest).
/// `prefixed`: the author writes widget attributes with `data-`.
pub fn design(state: &State, config: &Config, prefixed: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    let steps = &state.steps;
    let stepper = config.variant == Variant::Stepper;
    if stepper && config.orientation != Orientation::Vertical && steps.len() > MAX_STEPPER_STEPS {
        out.push(Finding::new(
            "stepper-steps",
            None,
            fill(
                "a horizontal stepper of {n} steps: more than 7 side by side get cramped; group them into at most 7, or set {d}orientation=\"vertical\"",
                &[
                    ("n", &uint_to_string(steps.len() as u64)),
                    ("d", if prefixed { "data-" } else { "" }),
                ],
            ),
        ));
    }
    let required = || steps.iter().filter(|s| !s.optional);
    // An estimate in open time (rule 42) is an estimate too.
    let estimated = |s: &Step| s.estimate.is_some() || s.business.is_some();
    let with = required().filter(|s| estimated(s)).count();
    let partial = with > 0 && with < required().count();
    let mut counts = [0u64; 3];
    // The highest tier so far: (threshold, id).
    let mut top: Option<(f64, &str)> = None;
    for s in steps {
        let mut found = |k: usize, template: &str, x: &str| {
            let (Some(c), Some(code)) = (counts.get_mut(k), PER_STEP.get(k)) else {
                return;
            };
            *c += 1;
            if *c <= MAX_PER_CHECK as u64 {
                let message = fill(template, &[("s", &shorten(&s.id, 60)), ("x", x)]);
                out.push(Finding::new(code, Some(&s.id), message));
            }
        };
        // Characters: the bytes that do not continue one.
        let chars = s.label.bytes().filter(|b| b & 0xC0 != 0x80).count();
        if stepper && chars > MAX_STEPPER_LABEL {
            found(
                0,
                "step \"{s}\": the label has {x} characters; a stepper label reads well up to 40: shorten it and move the rest into data-description (\"description\" in JSON)",
                &uint_to_string(chars as u64),
            );
        }
        if partial && !s.optional && !estimated(s) {
            found(
                1,
                "step \"{s}\": no estimate, while other required steps have one, so the time left reads too short: add data-estimate (\"estimate\" in JSON) to it, or remove the others",
                "",
            );
        }
        if let (Variant::Tiers, Some(t)) = (config.variant, s.threshold) {
            match top {
                Some((p, id)) if t <= p => found(
                    2,
                    "step \"{s}\": its threshold is not above that of \"{x}\", an earlier tier: order the tiers from the lowest threshold to the highest, each above the last",
                    &shorten(id, 60),
                ),
                _ => top = Some((t, &s.id)),
            }
        }
    }
    for (k, c) in counts.iter().enumerate() {
        if let (Some(more), Some(code)) = (c.checked_sub(MAX_PER_CHECK as u64), PER_STEP.get(k)) {
            if more > 0 {
                let n = uint_to_string(more);
                out.push(Finding::new(
                    code,
                    None,
                    fill("and {n} more steps like these", &[("n", &n)]),
                ));
            }
        }
    }
    cycles(steps, &mut out);
    if !steps.is_empty() && steps.iter().all(|s| s.optional) {
        out.push(Finding::new(
            "all-optional",
            None,
            String::from("every step is optional, so progress counts them all and nothing is required: remove data-optional (\"optional\": true in JSON) from the steps the journey needs"),
        ));
    }
    out
}

/// Finds `requires` cycles (linear in steps and requirements): one finding
/// per cycle met, naming its steps.
fn cycles(steps: &[Step], out: &mut Vec<Finding>) {
    let at = IdMap::positions(steps);
    // 0 not seen, 1 on the path, 2 finished.
    let mut colour = vec![0u8; steps.len()];
    // The path: (step, next requirement to follow).
    let mut path: Vec<(usize, usize)> = Vec::new();
    let mut found = 0u64;
    for start in 0..steps.len() {
        if colour.get(start) != Some(&0) {
            continue;
        }
        path.push((start, 0));
        while let Some((i, k)) = path.last_mut() {
            let i = *i;
            if let Some(c) = colour.get_mut(i) {
                *c = 1;
            }
            let Some(r) = steps.get(i).and_then(|s| s.requires.get(*k)) else {
                if let Some(c) = colour.get_mut(i) {
                    *c = 2;
                }
                path.pop();
                continue;
            };
            *k += 1;
            // An unknown id is warned about elsewhere.
            let Some(j) = at.get(r) else { continue };
            match colour.get(j) {
                Some(0) => path.push((j, 0)),
                Some(1) => {
                    found += 1;
                    if found <= MAX_PER_CHECK as u64 {
                        let from = path.iter().position(|(p, _)| *p == j).unwrap_or(0);
                        out.push(cycle_finding(steps, path.get(from..).unwrap_or_default()));
                    }
                }
                _ => {}
            }
        }
    }
    if let Some(more) = found.checked_sub(MAX_PER_CHECK as u64).filter(|n| *n > 0) {
        let n = uint_to_string(more);
        out.push(Finding::new(
            "requires-cycle",
            None,
            fill("and {n} more cycles", &[("n", &n)]),
        ));
    }
}

/// The finding for a cycle through the steps of `path` (each requires the
/// next, the last the first).
fn cycle_finding(steps: &[Step], path: &[(usize, usize)]) -> Finding {
    let id = |k: usize| {
        let s = path.get(k).and_then(|(i, _)| steps.get(*i));
        shorten(s.map_or("", |s| s.id.as_str()), 60)
    };
    let first = id(0);
    let mut m = String::from("step \"");
    m.push_str(&first);
    m.push_str("\": data-requires (\"requires\" in JSON) goes round in a cycle, ");
    for k in 0..path.len().min(5) {
        m.push('"');
        m.push_str(&id(k));
        m.push_str("\" → ");
    }
    if path.len() > 5 {
        m.push_str("… → ");
    }
    m.push('"');
    m.push_str(&first);
    m.push_str("\", so none of these steps can ever start: remove one of these requirements");
    let step = path.first().and_then(|(i, _)| steps.get(*i));
    Finding::new("requires-cycle", step.map(|s| s.id.as_str()), m)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::input::config;

    fn step(id: &str) -> Step {
        Step {
            label: id.into(),
            ..Step::new(id.into())
        }
    }

    fn state(steps: Vec<Step>) -> State {
        State {
            steps,
            ..State::default()
        }
    }

    fn conf(attrs: &[(&str, &str)]) -> Config {
        config::parse(|name| {
            attrs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        })
        .0
    }

    fn codes(f: &[Finding]) -> Vec<&'static str> {
        f.iter().map(|f| f.code).collect()
    }

    fn ids(n: usize) -> Vec<Step> {
        (1..=n).map(|i| step(&format!("s{i}"))).collect()
    }

    #[test]
    fn a_good_configuration_has_no_findings() {
        let mut steps = ids(3);
        steps[0].estimate = Some(60.0);
        steps[1].estimate = Some(60.0);
        steps[2].estimate = Some(60.0);
        steps[2].optional = true;
        steps[1].requires = vec!["s1".into()];
        assert_eq!(design(&state(steps), &conf(&[]), false), vec![]);
        assert_eq!(design(&state(vec![]), &conf(&[]), false), vec![]);
    }

    #[test]
    fn more_than_seven_steps_in_a_horizontal_stepper() {
        let f = design(&state(ids(8)), &conf(&[]), false);
        assert_eq!(codes(&f), ["stepper-steps"]);
        assert!(f[0].message.starts_with("a horizontal stepper of 8 steps"));
        assert!(f[0].message.contains("orientation=\"vertical\""));
        let f = design(
            &state(ids(8)),
            &conf(&[("orientation", "horizontal")]),
            true,
        );
        assert!(
            f[0].message.contains("data-orientation=\"vertical\""),
            "{f:?}"
        );
        // Seven fit; vertical steppers and other variants may be long.
        assert_eq!(design(&state(ids(7)), &conf(&[]), false), vec![]);
        let vertical = conf(&[("orientation", "vertical")]);
        assert_eq!(design(&state(ids(12)), &vertical, false), vec![]);
        let checklist = conf(&[("variant", "checklist")]);
        assert_eq!(design(&state(ids(12)), &checklist, false), vec![]);
    }

    #[test]
    fn long_labels_in_a_stepper() {
        let mut steps = ids(2);
        steps[1].label = "é".repeat(41);
        steps[0].label = "é".repeat(40);
        let f = design(&state(steps.clone()), &conf(&[]), false);
        assert_eq!(codes(&f), ["label-length"]);
        assert_eq!(f[0].step.as_deref(), Some("s2"));
        assert!(f[0]
            .message
            .starts_with("step \"s2\": the label has 41 characters"));
        assert!(f[0].message.contains("data-description"));
        let timeline = conf(&[("variant", "timeline")]);
        assert_eq!(design(&state(steps), &timeline, false), vec![]);
    }

    #[test]
    fn requires_cycles_are_named() {
        let mut steps = ids(4);
        steps[0].requires = vec!["s3".into(), "nowhere".into()];
        steps[1].requires = vec!["s1".into()];
        steps[2].requires = vec!["s2".into()];
        steps[3].requires = vec!["s4".into()];
        let f = design(&state(steps), &conf(&[("variant", "checklist")]), false);
        assert_eq!(codes(&f), ["requires-cycle", "requires-cycle"]);
        assert_eq!(f[0].step.as_deref(), Some("s1"));
        assert!(
            f[0].message.contains("\"s1\" → \"s3\" → \"s2\" → \"s1\""),
            "{}",
            f[0].message
        );
        assert!(f[1].message.contains("\"s4\" → \"s4\""), "{}", f[1].message);
        // A diamond is no cycle.
        let mut steps = ids(4);
        steps[1].requires = vec!["s1".into()];
        steps[2].requires = vec!["s1".into()];
        steps[3].requires = vec!["s2".into(), "s3".into()];
        assert_eq!(design(&state(steps), &conf(&[]), false), vec![]);
    }

    #[test]
    fn a_long_chain_and_many_cycles_stay_bounded() {
        // One long chain closed into a cycle: found once, without recursion.
        let mut steps = ids(1000);
        for (i, s) in steps.iter_mut().enumerate() {
            s.requires = vec![format!("s{}", (i + 1) % 1000 + 1)];
        }
        let f = design(&state(steps), &conf(&[("variant", "checklist")]), false);
        assert_eq!(codes(&f), ["requires-cycle"]);
        assert!(f[0].message.contains("… →"));
        // 500 two-step cycles: 20 listed and one count.
        let mut steps = ids(1000);
        for i in 0..500 {
            steps[2 * i].requires = vec![format!("s{}", 2 * i + 2)];
            steps[2 * i + 1].requires = vec![format!("s{}", 2 * i + 1)];
        }
        let f = design(&state(steps), &conf(&[("variant", "checklist")]), false);
        assert_eq!(f.len(), MAX_PER_CHECK + 1);
        assert_eq!(f[MAX_PER_CHECK].message, "and 480 more cycles");
    }

    #[test]
    fn every_step_optional() {
        let mut steps = ids(2);
        steps[0].optional = true;
        assert_eq!(design(&state(steps.clone()), &conf(&[]), false), vec![]);
        steps[1].optional = true;
        let f = design(&state(steps), &conf(&[]), false);
        assert_eq!(codes(&f), ["all-optional"]);
    }

    #[test]
    fn estimates_on_some_required_steps() {
        let mut steps = ids(4);
        steps[0].estimate = Some(60.0);
        steps[3].optional = true;
        let f = design(&state(steps.clone()), &conf(&[]), false);
        assert_eq!(codes(&f), ["estimates-partial", "estimates-partial"]);
        assert_eq!(f[0].step.as_deref(), Some("s2"));
        assert!(f[1]
            .message
            .starts_with("step \"s3\": no estimate, while other"));
        // None, or all required ones (optional steps may go without).
        steps[0].estimate = None;
        assert_eq!(design(&state(steps.clone()), &conf(&[]), false), vec![]);
        for s in steps.iter_mut().take(3) {
            s.estimate = Some(30.0);
        }
        assert_eq!(design(&state(steps), &conf(&[]), false), vec![]);
        // Many: 20 listed and one count.
        let mut steps = ids(100);
        steps[0].estimate = Some(60.0);
        let f = design(&state(steps), &conf(&[("variant", "checklist")]), false);
        assert_eq!(f.len(), MAX_PER_CHECK + 1);
        assert_eq!(f[MAX_PER_CHECK].message, "and 79 more steps like these");
    }

    #[test]
    fn tiers_must_rise() {
        let mut steps = ids(4);
        for (s, t) in steps.iter_mut().zip([0.0, 1000.0, 500.0, 2500.5]) {
            s.threshold = Some(t);
        }
        let tiers = conf(&[("variant", "tiers")]);
        let f = design(&state(steps.clone()), &tiers, false);
        assert_eq!(codes(&f), ["tiers-order"]);
        assert_eq!(f[0].step.as_deref(), Some("s3"));
        assert!(f[0]
            .message
            .contains("its threshold is not above that of \"s2\""));
        steps[2].threshold = Some(1500.25);
        assert_eq!(design(&state(steps.clone()), &tiers, false), vec![]);
        // An equal threshold does not rise either; other variants are not tiers.
        steps[2].threshold = Some(1000.0);
        assert_eq!(
            codes(&design(&state(steps.clone()), &tiers, false)),
            ["tiers-order"]
        );
        assert_eq!(design(&state(steps), &conf(&[]), false), vec![]);
    }
}
