//! The design checks behind the `lint` attribute and `el.lint()` (rule 46):
//! pure functions of the merged state and the configuration, plus the WCAG
//! contrast arithmetic for the colours the shell resolves in the browser.
//!
//! Each finding names the step or attribute it is about and says how to fix
//! it. The warnings the widget logs on the console are listed by the shell
//! next to these; nothing here repeats them.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::config::{Config, Orientation, Variant};
use crate::idmap::IdMap;
use crate::model::{State, Step};
use crate::num::uint_to_string;
use crate::strings::{fill, shorten};

/// Most findings listed per check; the rest are counted in one more finding.
pub const MAX_PER_CHECK: usize = 20;
/// Steps a horizontal stepper shows well side by side.
pub const MAX_STEPPER_STEPS: usize = 7;
/// Characters a stepper label shows well.
pub const MAX_STEPPER_LABEL: usize = 40;
/// WCAG 2.2 AA contrast for text.
pub const MIN_CONTRAST: f64 = 4.5;
/// The colours checked for contrast, in the order the shell resolves them
/// (after the background).
pub const COLOURS: [&str; 4] = [
    "--momentum-accent",
    "--momentum-done",
    "--momentum-error",
    "--momentum-muted",
];

/// One thing a designer should fix.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Which check: `stepper-steps`, `label-length`, `contrast`,
    /// `requires-cycle`, `all-optional`, `estimates-partial`, `tiers-order`.
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
    let with = required().filter(|s| s.estimate.is_some()).count();
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
        if partial && !s.optional && s.estimate.is_none() {
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

/// `x^0.4` for `x` in 0..=1 (Newton's method on `y^5 = x^2`, from above;
/// no `powf` without the standard library).
fn pow04(x: f64) -> f64 {
    let a = x * x;
    let mut y = 1.0;
    for _ in 0..100 {
        let y4 = y * y * y * y;
        let next = (4.0 * y + a / y4) / 5.0;
        if next.partial_cmp(&y) != Some(core::cmp::Ordering::Less) {
            break;
        }
        y = next;
    }
    y
}

/// WCAG relative luminance of an sRGB colour with 0–255 channels.
pub fn luminance(rgb: [f64; 3]) -> f64 {
    let lin = |c: f64| {
        let c = (c / 255.0).clamp(0.0, 1.0);
        if c <= 0.04045 {
            c / 12.92
        } else {
            let x = (c + 0.055) / 1.055;
            x * x * pow04(x)
        }
    };
    let [r, g, b] = rgb;
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// The WCAG contrast ratio of two colours (1 to 21).
pub fn contrast_ratio(a: [f64; 3], b: [f64; 3]) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    let (hi, lo) = if x > y { (x, y) } else { (y, x) };
    (hi + 0.05) / (lo + 0.05)
}

/// `#rrggbb`.
fn hex(rgb: [f64; 3]) -> String {
    let mut s = String::from("#");
    for c in rgb {
        let v = c.clamp(0.0, 255.0) as u32;
        for d in [v >> 4, v & 15] {
            s.push(char::from_digit(d, 16).unwrap_or('0'));
        }
    }
    s
}

/// The contrast checks: `colours` holds the widget's background, then each
/// of [`COLOURS`], as 0–255 sRGB triples; a triple with a NaN (not resolved)
/// is skipped. The ratio is shown rounded down to one decimal, so a colour
/// that fails never reads as 4.5:1.
pub fn contrast(colours: &[f64]) -> Vec<Finding> {
    let triple = |i: usize| -> Option<[f64; 3]> {
        let t = colours.get(i * 3..i * 3 + 3)?;
        let t = [*t.first()?, *t.get(1)?, *t.get(2)?];
        t.iter().all(|c| c.is_finite()).then_some(t)
    };
    let mut out = Vec::new();
    let Some(bg) = triple(0) else { return out };
    for (k, name) in COLOURS.iter().enumerate() {
        let Some(fg) = triple(k + 1) else { continue };
        let ratio = contrast_ratio(fg, bg);
        if ratio >= MIN_CONTRAST {
            continue;
        }
        let tenths = crate::num::floor(ratio * 10.0) as u64;
        let mut r = uint_to_string(tenths / 10);
        r.push('.');
        r.push_str(&uint_to_string(tenths % 10));
        let lighter = luminance(fg) > luminance(bg);
        let message = fill(
            "{c}: {f} on the widget's background {b} has a contrast of {r}:1, below the 4.5:1 that WCAG AA needs for text: choose a {l} colour, or change the background",
            &[
                ("c", name),
                ("f", &hex(fg)),
                ("b", &hex(bg)),
                ("r", &r),
                ("l", if lighter { "lighter" } else { "darker" }),
            ],
        );
        out.push(Finding::new("contrast", None, message));
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::config;
    use crate::model::Status;

    fn step(id: &str) -> Step {
        Step {
            id: id.into(),
            label: id.into(),
            status: Status::Pending,
            estimate: None,
            optional: false,
            href: None,
            description: None,
            started_at: None,
            completed_at: None,
            eta: None,
            reason: None,
            requires: Vec::new(),
            threshold: None,
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

    #[test]
    fn luminance_and_ratio_match_the_wcag_formula() {
        let exact = |rgb: [f64; 3]| {
            let lin = |c: f64| {
                let c = c / 255.0;
                if c <= 0.04045 {
                    c / 12.92
                } else {
                    ((c + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2])
        };
        for v in 0..=255 {
            let c = [
                f64::from(v),
                f64::from((v * 7) % 256),
                f64::from((v * 13) % 256),
            ];
            assert!((luminance(c) - exact(c)).abs() < 1e-9, "{c:?}");
        }
        let white = [255.0; 3];
        let black = [0.0; 3];
        assert!((contrast_ratio(white, black) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(black, white) - 21.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1.
        let grey = [118.0; 3];
        assert!((contrast_ratio(grey, white) - 4.54).abs() < 0.01);
    }

    #[test]
    fn low_contrast_colours_are_named_with_their_ratio() {
        let white = [255.0, 255.0, 255.0];
        let mut colours = white.to_vec();
        colours.extend([29.0, 78.0, 216.0]); // accent #1d4ed8: fine
        colours.extend([119.0, 119.0, 119.0]); // done #777777: 4.48:1
        colours.extend([f64::NAN, 0.0, 0.0]); // error: not resolved
        colours.extend([255.0, 255.0, 0.0]); // muted: yellow on white
        let f = contrast(&colours);
        assert_eq!(codes(&f), ["contrast", "contrast"]);
        assert_eq!(
            f[0].message,
            "--momentum-done: #777777 on the widget's background #ffffff has a contrast of 4.4:1, below the 4.5:1 that WCAG AA needs for text: choose a darker colour, or change the background"
        );
        assert!(f[1].message.starts_with("--momentum-muted: #ffff00"));
        assert!(f[1].message.contains("1.0:1"));
        // Light text on black asks for a lighter colour.
        let f = contrast(&[0.0, 0.0, 0.0, 60.0, 60.0, 60.0]);
        assert!(f[0].message.contains("a lighter colour"), "{f:?}");
        // Nothing resolved, nothing to say.
        assert_eq!(contrast(&[]), vec![]);
        assert_eq!(contrast(&[f64::NAN, 0.0, 0.0, 0.0, 0.0, 0.0]), vec![]);
    }
}
