//! Widget attributes -> [`Config`], with a [`Warning`] for every bad value.
//!
//! One parser serves both embedding forms: the shell passes a getter that
//! reads `name` from a `<momentum-progress>` or `data-name` from any other
//! element. A bad value never fails: it falls back to the default
//! (docs/reference.md#widget-attributes; rule 8).

#[allow(unused_imports)]
use crate::prelude::*;

use crate::input::duration;
use crate::num::parse_decimal;

/// The widget attributes [`parse`] reads: the first fifteen of
/// [`crate::wire::protocol::ATTRIBUTES`] (`strings`, `value`, `unit` and `lint` follow).
pub const ATTRIBUTES: &[&str] = crate::wire::protocol::ATTRIBUTES.split_at(15).0;

/// The default poll interval, in seconds.
pub const DEFAULT_POLL_SECS: f64 = 30.0;
/// The shortest poll interval allowed, in seconds.
pub const MIN_POLL_SECS: f64 = 2.0;
/// The default `stall-after`, in seconds (48 hours).
pub const DEFAULT_STALL_SECS: f64 = 48.0 * 3600.0;

/// How the widget follows `src`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Live {
    /// Poll `src` every `poll` interval.
    Poll,
    /// Open an `EventSource` on `src`.
    Sse,
    /// Fetch once at start, then only on `refresh()`.
    Off,
}

/// The journey presentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// Checkout steps.
    Stepper,
    /// Onboarding checklist.
    Checklist,
    /// Order or request tracking.
    Timeline,
    /// Loyalty tiers.
    Tiers,
}

/// Layout direction of the step list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orientation {
    /// Steps side by side.
    Horizontal,
    /// Steps stacked.
    Vertical,
    /// Vertical when the widget is narrow.
    Auto,
}

/// The built-in celebration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Celebrate {
    /// A canvas confetti burst.
    Confetti,
    /// A short check-mark and bar animation.
    Subtle,
    /// No animation (events still fire).
    None,
}

impl Variant {
    /// The attribute value naming this variant.
    pub fn name(self) -> &'static str {
        match self {
            Variant::Stepper => "stepper",
            Variant::Checklist => "checklist",
            Variant::Timeline => "timeline",
            Variant::Tiers => "tiers",
        }
    }
}

impl Orientation {
    /// The attribute value naming this orientation.
    pub fn name(self) -> &'static str {
        match self {
            Orientation::Horizontal => "horizontal",
            Orientation::Vertical => "vertical",
            Orientation::Auto => "auto",
        }
    }
}

/// The parsed configuration of one widget.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// URL of the state document.
    pub src: Option<String>,
    /// How `src` is followed (only meaningful with `src`).
    pub live: Live,
    /// Poll interval in seconds (at least [`MIN_POLL_SECS`]).
    pub poll_secs: f64,
    /// Presentation.
    pub variant: Variant,
    /// Layout direction.
    pub orientation: Orientation,
    /// Built-in celebration.
    pub celebrate: Celebrate,
    /// Milestone fractions, ascending, each strictly between 0 and 1.
    pub milestones: Vec<f64>,
    /// Silence (seconds) after which the journey counts as stalled.
    pub stall_after_secs: f64,
    /// `stall-after` in open time (`2bd`, rule 42), instead of the seconds.
    pub stall_after_open: Option<duration::Business>,
    /// Text of the completion moment, if set.
    pub done_message: Option<String>,
    /// BCP 47 locale, if set (validated by the shell through `Intl`).
    pub locale: Option<String>,
    /// Explicit storage key, if set.
    pub storage_key: Option<String>,
    /// Whether steps are selectable.
    pub interactive: bool,
    /// Opening hours and holidays for business durations (rule 42); office
    /// hours without `hours`.
    pub calendar: crate::model::calendar::Calendar,
    /// IANA name of the business's zone (validated by the shell through
    /// `Intl`); `None` is the viewer's zone.
    pub time_zone: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            src: None,
            live: Live::Off,
            poll_secs: DEFAULT_POLL_SECS,
            variant: Variant::Stepper,
            orientation: Orientation::Auto,
            celebrate: Celebrate::Subtle,
            milestones: vec![0.5],
            stall_after_secs: DEFAULT_STALL_SECS,
            stall_after_open: None,
            done_message: None,
            locale: None,
            storage_key: None,
            interactive: false,
            calendar: crate::model::calendar::Calendar::default(),
            time_zone: None,
        }
    }
}

pub use crate::warning::Warning;

fn pick<T: Copy>(
    warnings: &mut Vec<Warning>,
    attr: &str,
    value: Option<&str>,
    options: &[(&str, T)],
    default: T,
    allowed: &str,
) -> T {
    let Some(raw) = value else { return default };
    let v = raw.trim().to_ascii_lowercase();
    match options.iter().find(|(name, _)| *name == v) {
        Some((_, t)) => *t,
        None => {
            warnings.push(Warning::new(attr, raw, allowed));
            default
        }
    }
}

/// Most milestones a widget takes: each may fire an event, and the list is
/// sorted and searched on every render (rule 50).
pub const MAX_MILESTONES: usize = 100;

/// Parses `milestones`: at most [`MAX_MILESTONES`] fractions strictly
/// between 0 and 1, separated by commas or spaces, or `none`. Returns them
/// sorted and de-duplicated.
pub fn parse_milestones(raw: &str) -> Option<Vec<f64>> {
    let s = raw.trim();
    if s.eq_ignore_ascii_case("none") {
        return Some(Vec::new());
    }
    let mut out = Vec::new();
    for part in s.split([',', ' ', '\t', '\n']).filter(|p| !p.is_empty()) {
        let f = parse_decimal(part)?;
        if f <= 0.0 || f >= 1.0 || out.len() == MAX_MILESTONES {
            return None;
        }
        out.push(f);
    }
    if out.is_empty() {
        return None;
    }
    crate::num::sort_small(&mut out);
    out.dedup();
    Some(out)
}

fn non_empty(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Parses the widget attributes. `get(name)` returns the value of attribute
/// `name` (given without `data-`), or `None` when it is absent.
pub fn parse(get: impl Fn(&str) -> Option<String>) -> (Config, Vec<Warning>) {
    let mut w = Vec::new();
    let mut c = Config {
        src: non_empty(get("src")),
        ..Config::default()
    };
    let live = get("live");
    c.live = pick(
        &mut w,
        "live",
        live.as_deref(),
        &[("poll", Live::Poll), ("sse", Live::Sse), ("off", Live::Off)],
        if c.src.is_some() {
            Live::Poll
        } else {
            Live::Off
        },
        "poll, sse or off; using the default",
    );
    parse_timing(&get, &mut c, &mut w);
    parse_looks(&get, &mut c, &mut w);
    if let Some(raw) = get("milestones") {
        match parse_milestones(&raw) {
            Some(m) => c.milestones = m,
            None => w.push(Warning::new(
                "milestones",
                &raw,
                "at most 100 fractions strictly between 0 and 1 separated by commas or spaces, or none; using 0.5",
            )),
        }
    }
    if let Some(raw) = get("stall-after") {
        match duration::parse_span(&raw) {
            Some(duration::Span::Plain(s)) if s > 0.0 => c.stall_after_secs = s,
            Some(duration::Span::Business(b)) if !b.is_zero() => c.stall_after_open = Some(b),
            _ => w.push(Warning::new(
                "stall-after",
                &raw,
                "a positive duration such as 48h, 2d, PT12H or open time such as 2bd; using 48h",
            )),
        }
    }
    c.done_message = non_empty(get("done-message")).map(|m| crate::text::clip(&m));
    c.locale = non_empty(get("locale"));
    c.storage_key = non_empty(get("storage-key"));
    c.interactive = get("interactive").is_some_and(|v| !v.trim().eq_ignore_ascii_case("false"));
    if let Some(raw) = get("hours") {
        let (schedule, warnings) = crate::model::calendar::parse_hours(&raw);
        c.calendar.schedule = schedule;
        w.extend(warnings);
    }
    if let Some(raw) = get("holidays") {
        let (holidays, warnings) = crate::model::calendar::parse_holidays(&raw);
        c.calendar.holidays = holidays;
        w.extend(warnings);
    }
    c.time_zone = non_empty(get("time-zone"));
    (c, w)
}

/// `poll`.
fn parse_timing(get: &impl Fn(&str) -> Option<String>, c: &mut Config, w: &mut Vec<Warning>) {
    if let Some(raw) = get("poll") {
        match duration::parse(&raw) {
            Some(s) if s < MIN_POLL_SECS => {
                w.push(Warning::new("poll", &raw, "at least 2s; using 2s"));
                c.poll_secs = MIN_POLL_SECS;
            }
            Some(s) => c.poll_secs = s,
            None => w.push(Warning::new(
                "poll",
                &raw,
                "a duration such as 15s, 1m or PT30S (minimum 2s); using 30s",
            )),
        }
    }
}

/// `variant`, `orientation` and `celebrate`.
fn parse_looks(get: &impl Fn(&str) -> Option<String>, c: &mut Config, w: &mut Vec<Warning>) {
    let variant = get("variant");
    c.variant = pick(
        w,
        "variant",
        variant.as_deref(),
        &[
            ("stepper", Variant::Stepper),
            ("checklist", Variant::Checklist),
            ("timeline", Variant::Timeline),
            ("tiers", Variant::Tiers),
        ],
        Variant::Stepper,
        "stepper, checklist, timeline or tiers; using stepper",
    );
    let orientation = get("orientation");
    c.orientation = pick(
        w,
        "orientation",
        orientation.as_deref(),
        &[
            ("horizontal", Orientation::Horizontal),
            ("vertical", Orientation::Vertical),
            ("auto", Orientation::Auto),
        ],
        Orientation::Auto,
        "horizontal, vertical or auto; using auto",
    );
    let celebrate = get("celebrate");
    c.celebrate = pick(
        w,
        "celebrate",
        celebrate.as_deref(),
        &[
            ("confetti", Celebrate::Confetti),
            ("subtle", Celebrate::Subtle),
            ("none", Celebrate::None),
        ],
        Celebrate::Subtle,
        "confetti, subtle or none; using subtle",
    );
}

/// The tiers variant's `value` (a non-negative number; `,` and `_` group
/// digits) and `unit` attributes, with a warning for a `value` that is not
/// a number.
pub fn parse_value(
    get: impl Fn(&str) -> Option<String>,
) -> (Option<f64>, Option<String>, Option<Warning>) {
    let mut warning = None;
    let value = get("value").and_then(|raw| {
        let trimmed = crate::text::replace_chars(raw.trim(), &[',', '_'], "");
        let parsed = parse_decimal(&trimmed);
        if parsed.is_none() {
            warning = Some(Warning::new(
                "value",
                &raw,
                "a non-negative number such as 640; ignored",
            ));
        }
        parsed
    });
    let unit = get("unit")
        .map(|u| crate::text::clip(u.trim()))
        .filter(|u| !u.is_empty());
    (value, unit, warning)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn defaults_without_attributes() {
        let (c, w) = parse(attrs(&[]));
        assert_eq!(c, Config::default());
        assert!(w.is_empty());
    }

    #[test]
    fn src_turns_on_polling() {
        let (c, w) = parse(attrs(&[("src", "/api/x")]));
        assert_eq!(c.live, Live::Poll);
        assert_eq!(c.src.as_deref(), Some("/api/x"));
        assert!(w.is_empty());
    }

    #[test]
    fn good_values() {
        let (c, w) = parse(attrs(&[
            ("src", "/s"),
            ("live", "SSE"),
            ("poll", "1m"),
            ("variant", "checklist"),
            ("orientation", "vertical"),
            ("celebrate", "confetti"),
            ("milestones", "0.75, 0.25 0.5"),
            ("stall-after", "2d"),
            ("done-message", " All set "),
            ("locale", "de-DE"),
            ("storage-key", "k1"),
            ("interactive", ""),
        ]));
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(c.live, Live::Sse);
        assert_eq!(c.poll_secs, 60.0);
        assert_eq!(c.variant, Variant::Checklist);
        assert_eq!(c.orientation, Orientation::Vertical);
        assert_eq!(c.celebrate, Celebrate::Confetti);
        assert_eq!(c.milestones, vec![0.25, 0.5, 0.75]);
        assert_eq!(c.stall_after_secs, 172_800.0);
        assert_eq!(c.done_message.as_deref(), Some("All set"));
        assert!(c.interactive);
    }

    #[test]
    fn bad_values_fall_back_with_one_warning_each() {
        let (c, w) = parse(attrs(&[
            ("live", "push"),
            ("poll", "soon"),
            ("variant", "carousel"),
            ("orientation", "diagonal"),
            ("celebrate", "fireworks"),
            ("milestones", "0.5, 2"),
            ("stall-after", "-1"),
        ]));
        assert_eq!(c, Config::default());
        let names: Vec<&str> = w.iter().map(|w| w.attr.as_str()).collect();
        assert_eq!(
            names,
            [
                "live",
                "poll",
                "variant",
                "orientation",
                "celebrate",
                "milestones",
                "stall-after"
            ]
        );
        let variant = &w[2];
        assert_eq!(variant.value, "carousel");
        assert!(variant
            .allowed
            .contains("stepper, checklist, timeline or tiers"));
    }

    #[test]
    fn poll_is_clamped_to_two_seconds() {
        let (c, w) = parse(attrs(&[("poll", "500ms")]));
        assert_eq!(c.poll_secs, 30.0, "500ms is not in the grammar");
        assert_eq!(w.len(), 1);
        let (c, w) = parse(attrs(&[("poll", "1s")]));
        assert_eq!(c.poll_secs, 2.0);
        assert!(w[0].allowed.contains("using 2s"));
    }

    #[test]
    fn milestones_none_and_errors() {
        assert_eq!(parse_milestones("none"), Some(vec![]));
        assert_eq!(parse_milestones("0"), None);
        assert_eq!(parse_milestones("1"), None);
        assert_eq!(parse_milestones(""), None);
        assert_eq!(parse_milestones("half"), None);
        let hundred = "0.5 ".repeat(MAX_MILESTONES);
        assert_eq!(parse_milestones(&hundred), Some(vec![0.5]));
        assert_eq!(parse_milestones(&(hundred + "0.5")), None);
    }
}
