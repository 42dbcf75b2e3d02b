//! State + config -> view model -> keyed patch list (pure).
//!
//! The DOM layer applies only the [`Patch`]es that [`diff`] returns: one
//! changed step gives patches for that step alone (docs/reference.md#styling).
//! It makes a part the first time a patch gives it something to show.

pub mod clock;

#[allow(unused_imports)]
use crate::prelude::*;

use crate::i18n::{Key, Strings};
use crate::idmap::IdMap;
use crate::input::config::Config;
use crate::model::estimate::{remaining, total_taken};
use crate::model::progress::{counts, current_index, step_position, waiting_on, Counts};
use crate::model::{State, Status, Step};
use crate::plan::clock::{next_change_ms, relative};

pub use crate::i18n::Format;

/// The link target if `raw` is safe to follow: `http:`, `https:` or a
/// relative URL. `javascript:`, `data:` and every other scheme are refused,
/// also when disguised with control characters or whitespace.
pub fn safe_href(raw: &str) -> Option<String> {
    let cleaned: String = raw
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect();
    if cleaned.is_empty() {
        return None;
    }
    let scheme_end = crate::text::find_ascii(&cleaned, b':');
    let path_start = cleaned.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (Some(c), p) if p.is_none_or(|p| c < p) => {
            let scheme = cleaned.get(..c).unwrap_or_default().to_ascii_lowercase();
            (scheme == "http" || scheme == "https").then(|| raw.trim().to_string())
        }
        _ => Some(raw.trim().to_string()),
    }
}

/// What a render knows besides the state: the time and the live situation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Moment {
    /// Now, ms since epoch.
    pub now: f64,
    /// The last update, ms since epoch, if known.
    pub last_update_ms: Option<f64>,
    /// Whether the widget follows a `src`.
    pub live: bool,
    /// Stalled or out-of-date notice, empty when none.
    pub notice: String,
    /// Ids of steps that went back from complete.
    pub reverted: Vec<String>,
    /// The `nextUpdateBy` (ms) that a newer document answered, if one did:
    /// that promise is no longer "still waiting" (rule 45).
    pub reply_answered: Option<f64>,
}

/// What one step shows.
#[derive(Clone, Debug, PartialEq)]
pub struct StepView {
    /// Step id (the key).
    pub id: String,
    /// Status name, for `data-status` and styling.
    pub status: Status,
    /// Label text.
    pub label: String,
    /// State in words ("Done", "In progress · Optional").
    pub state: String,
    /// Marker glyph: a number, or a symbol for done/skipped/blocked/error.
    pub marker: String,
    /// Formatted estimate, empty when none.
    pub estimate: String,
    /// Whether this is the current step (`aria-current="step"`).
    pub current: bool,
    /// When it was completed or is expected, empty when unknown.
    pub time: String,
    /// Safe link target, only when the step may be followed (docs/reference.md#widget-attributes `href`).
    pub href: String,
    /// Longer description.
    pub description: String,
    /// Why the step is blocked or in error.
    pub reason: String,
    /// "Cannot start yet — finish X first", empty when the step may start.
    pub locked: String,
    /// Whether the step went back from complete.
    pub reverted: bool,
}

impl crate::idmap::Keyed for StepView {
    fn key(&self) -> &str {
        &self.id
    }
}

/// Everything the widget shows.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    /// Variant name.
    pub variant: &'static str,
    /// Orientation name.
    pub orientation: &'static str,
    /// Whether steps are selectable (`interactive`).
    pub interactive: bool,
    /// The compact form of a narrow stepper: "Step 2 of 4 · Shipping".
    pub compact: String,
    /// The checklist's done group: "Done (3)"; empty (hidden) while no step is done.
    pub done_group: String,
    /// Tiers: "360 points to VIP" or "Top tier reached"; empty otherwise.
    pub tier_line: String,
    /// Title, empty when none.
    pub title: String,
    /// Status line, empty when none.
    pub message: String,
    /// "3 of 5 complete".
    pub summary: String,
    /// "Step 4 of 5".
    pub position: String,
    /// "60%".
    pub percent: String,
    /// A plain notice: stalled, or possibly out of date. Empty when none.
    pub notice: String,
    /// "About 7 minutes left", empty when unknown.
    pub remaining: String,
    /// "Updated 2 minutes ago" or the heartbeat, empty when none.
    pub pulse: String,
    /// "You'll hear back by Fri 2:00 PM — in 3 days", empty when none.
    pub promise: String,
    /// Whether every counted step is done (the completion view shows).
    pub done: bool,
    /// The completion view's heading (`done-message`).
    pub done_title: String,
    /// "5 of 5 steps complete in 12 minutes".
    pub done_detail: String,
    /// Label of the button that reveals the list.
    pub show_steps: String,
    /// Label of the button that hides it again.
    pub hide_steps: String,
    /// When a relative time shown will change (ms from now), if any.
    pub next_tick_ms: Option<f64>,
    /// Progress fraction, 0..=1.
    pub fraction: f64,
    /// Steps in order.
    pub steps: Vec<StepView>,
}

/// A root-level slot of the view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// `data-variant` on the root.
    Variant,
    /// `data-orientation` on the root.
    Orientation,
    /// Interactive rows, compact line, done group label, tier line.
    Extras,
    /// Title text.
    Title,
    /// Message text.
    Message,
    /// Summary text.
    Summary,
    /// Position text.
    Position,
    /// Percentage text.
    Percent,
    /// Bar fill and `aria-valuenow`.
    Bar,
    /// The notice line.
    Notice,
    /// The remaining-time line.
    Remaining,
    /// The updated/heartbeat line.
    Pulse,
    /// The hear-back promise.
    Promise,
    /// The completion view (shown or not, heading, detail, button labels).
    Done,
}

pub use crate::wire::protocol::field;

/// One DOM change.
#[derive(Clone, Debug, PartialEq)]
pub enum Patch {
    /// A root slot changed.
    Root(Slot),
    /// Remove the step with this id.
    Remove(String),
    /// Create the step at this index of the new view and insert it before the
    /// step with id `before` (at the end when `None`).
    Insert {
        /// Index into the new view's steps.
        index: usize,
        /// Id of the following step.
        before: Option<String>,
    },
    /// Move the existing step `id` before `before` (to the end when `None`).
    Move {
        /// Step to move.
        id: String,
        /// Id of the following step.
        before: Option<String>,
    },
    /// Update fields of the step at this index of the new view.
    Step {
        /// Index into the new view's steps.
        index: usize,
        /// Bit set of [`field`]s.
        fields: u8,
    },
}

fn state_text(strings: &Strings, status: Status, optional: bool) -> String {
    let mut s = String::from(strings.get(match status {
        Status::Pending => Key::Pending,
        Status::Active => Key::Active,
        Status::Complete => Key::Complete,
        Status::Skipped => Key::Skipped,
        Status::Blocked => Key::Blocked,
        Status::Error => Key::Error,
    }));
    if optional {
        s.push_str(" · ");
        s.push_str(strings.get(Key::Optional));
    }
    s
}

/// Tracks the soonest moment a shown relative time changes.
struct Ticks(Option<f64>);

impl Ticks {
    fn relative(&mut self, fmt: &dyn Format, at: f64, now: f64) -> String {
        let delta = at - now;
        let wait = next_change_ms(delta);
        self.0 = Some(self.0.map_or(wait, |w: f64| w.min(wait)));
        let (value, unit) = relative(delta);
        fmt.relative(value, unit)
    }

    /// Asks for a render when the moment `at` passes (a promise resolving).
    fn at(&mut self, at: f64, now: f64) {
        if at >= now {
            let wait = at - now + 1.0;
            self.0 = Some(self.0.map_or(wait, |w: f64| w.min(wait)));
        }
    }
}

fn remaining_text(state: &State, strings: &Strings, fmt: &dyn Format, now: f64) -> String {
    let r = remaining(&state.steps, now);
    let Some(secs) = r.required_secs else {
        return String::new();
    };
    // Finished steps that disagree about the estimates: a range that leans
    // late (rule 44).
    let range =
        crate::model::estimate::leaning_range(&state.steps, secs).filter(|r| r.high_secs >= 60.0);
    let mut s = if let Some(r) = range {
        strings.fill(
            Key::AboutLeftRange,
            &[("range", &fmt.duration_range(r.low_secs, r.high_secs))],
        )
    } else if secs < 60.0 {
        String::from(strings.get(Key::LessThanMinute))
    } else {
        strings.fill(Key::AboutLeft, &[("duration", &fmt.duration_long(secs))])
    };
    if let Some(opt) = r.optional_secs.filter(|o| *o >= 60.0) {
        s.push_str(", ");
        s.push_str(&strings.fill(Key::OptionalExtra, &[("duration", &fmt.duration_long(opt))]));
    }
    if r.learned {
        s.push_str(" · ");
        s.push_str(strings.get(Key::Learned));
    }
    s
}

/// Most steps a "finish X first" line names; more are counted ("… and 2 more").
pub const MAX_NAMED_STEPS: usize = 3;

/// Longest label, in characters, that a line about other steps repeats;
/// longer ones are shortened with "…" (a step's own row shows it whole).
pub const MAX_NAMED_LABEL: usize = 64;

/// Builds the view of a state at a moment.
pub fn plan(
    state: &State,
    config: &Config,
    strings: &Strings,
    fmt: &dyn Format,
    moment: &Moment,
) -> View {
    let c = counts(&state.steps);
    let cx = Cx {
        state,
        config,
        strings,
        fmt,
        moment,
        c,
        current: current_index(&state.steps),
        total: fmt.number(f64::from(c.total)),
        now: moment.now,
        tiers: config.variant == crate::input::config::Variant::Tiers,
        // Business estimates on the calendar (rules 42 and 43).
        expected: crate::model::business::expected(state, config, fmt, moment.now),
    };
    let mut ticks = Ticks(None);
    let steps = step_views(&cx, &mut ticks);
    let tier = tier_ladder(&cx);
    let done = c.is_complete();
    let pulse = pulse_text(&cx, &mut ticks, done);
    let promise = promise_text(&cx, &mut ticks, done);
    let position = position_text(&cx, &tier);
    View {
        variant: config.variant.name(),
        orientation: config.orientation.name(),
        interactive: config.interactive,
        compact: compact_text(&cx, &position),
        done_group: done_group_text(&cx),
        tier_line: tier.line,
        title: state.title.clone().unwrap_or_default(),
        message: state.message.clone().unwrap_or_default(),
        summary: strings.fill_counted(
            Key::Summary,
            &[
                ("completed", &fmt.number(f64::from(c.completed))),
                ("total", &cx.total),
            ],
            &cx.counted(),
            fmt,
        ),
        position,
        percent: percent_text(&cx),
        notice: moment.notice.clone(),
        remaining: match cx.expected.finish {
            _ if done => String::new(),
            Some(t) => strings.fill(Key::ExpectedBy, &[("date", &fmt.when(t, cx.now))]),
            None => remaining_text(state, strings, fmt, cx.now),
        },
        pulse,
        promise,
        done,
        done_title: config
            .done_message
            .clone()
            .unwrap_or_else(|| strings.get(Key::DoneMessage).to_string()),
        done_detail: if done {
            done_detail(&cx)
        } else {
            String::new()
        },
        show_steps: strings.get(Key::ShowSteps).to_string(),
        hide_steps: strings.get(Key::HideSteps).to_string(),
        next_tick_ms: ticks.0,
        fraction: tier.fraction.unwrap_or(c.progress),
        steps,
    }
}

/// What every part of a plan reads: the inputs and what is derived once.
struct Cx<'a> {
    state: &'a State,
    config: &'a Config,
    strings: &'a Strings,
    fmt: &'a dyn Format,
    moment: &'a Moment,
    /// The counts of the steps.
    c: Counts,
    /// The current step's index.
    current: Option<usize>,
    /// The total, formatted.
    total: String,
    /// The render's time.
    now: f64,
    /// Whether the variant is tiers.
    tiers: bool,
    /// When steps with business estimates, and the journey, are expected.
    expected: crate::model::business::Expected,
}

impl Cx<'_> {
    /// The raw numbers of "completed" and "total", for the plural forms.
    fn counted(&self) -> [(&'static str, f64); 2] {
        [
            ("completed", f64::from(self.c.completed)),
            ("total", f64::from(self.c.total)),
        ]
    }
}

/// The steps' views, with the fix-ups that depend on more than one field: a
/// locked step has no link, a reopened one says so.
fn step_views(cx: &Cx, ticks: &mut Ticks) -> Vec<StepView> {
    let at = IdMap::positions(&cx.state.steps);
    let reverted = IdMap::positions(&cx.moment.reverted);
    cx.state
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut v = step_view(cx, ticks, &at, i, s);
            v.reverted = reverted.contains(&s.id);
            if !v.locked.is_empty() {
                v.href.clear();
            }
            if v.reverted {
                v.state.push_str(" · ");
                v.state.push_str(cx.strings.get(Key::Reopened));
            }
            v
        })
        .collect()
}

/// The view of step `i`, `s` (`reverted` is set by the caller).
fn step_view(cx: &Cx, ticks: &mut Ticks, at: &IdMap, i: usize, s: &Step) -> StepView {
    let (strings, fmt) = (cx.strings, cx.fmt);
    let stepper = cx.config.variant == crate::input::config::Variant::Stepper;
    StepView {
        id: s.id.clone(),
        status: s.status,
        label: s.label.clone(),
        state: state_text(strings, s.status, s.optional),
        marker: match s.status {
            Status::Complete => String::from("✓"),
            Status::Skipped => String::from("–"),
            Status::Blocked => String::from("‖"),
            Status::Error => String::from("!"),
            Status::Pending | Status::Active => fmt.number(i as f64 + 1.0),
        },
        estimate: match (cx.tiers, s.threshold) {
            (true, Some(t)) => with_unit(fmt.number(t), &cx.state.unit),
            _ => s.estimate.map(|e| fmt.duration(e)).unwrap_or_default(),
        },
        current: cx.current == Some(i),
        time: time_text(cx, ticks, i, s),
        locked: locked_text(cx, at, s),
        href: s
            .href
            .as_deref()
            .and_then(safe_href)
            .filter(|_| !stepper || s.status == Status::Complete || cx.current == Some(i))
            .unwrap_or_default(),
        description: s.description.clone().unwrap_or_default(),
        reason: match s.status {
            Status::Blocked | Status::Error => s.reason.clone().unwrap_or_default(),
            _ => String::new(),
        },
        reverted: false,
    }
}

/// `text`, then a space and `unit` when there is one.
fn with_unit(mut text: String, unit: &Option<String>) -> String {
    if let Some(u) = unit {
        text.push(' ');
        text.push_str(u);
    }
    text
}

/// When a step was completed, or is expected.
fn time_text(cx: &Cx, ticks: &mut Ticks, i: usize, s: &Step) -> String {
    let (strings, fmt, now) = (cx.strings, cx.fmt, cx.now);
    match (&s.completed_at, &s.eta) {
        // A kept or broken promise says so (rule 45).
        (Some(at), Some(eta)) if s.status == Status::Complete => {
            let date = fmt.when(at.ms, now);
            if at.ms <= eta.ms {
                strings.fill(Key::CompletedOnTime, &[("date", &date)])
            } else {
                let late = fmt.duration_long((at.ms - eta.ms) / 1000.0);
                strings.fill(Key::CompletedLate, &[("date", &date), ("duration", &late)])
            }
        }
        (Some(at), _) if s.status == Status::Complete => {
            strings.fill(Key::CompletedAt, &[("date", &fmt.when(at.ms, now))])
        }
        (_, Some(eta)) if !s.status.is_done() => {
            ticks.at(eta.ms, now);
            strings.fill(
                Key::Expected,
                &[
                    ("date", &fmt.when(eta.ms, now)),
                    ("relative", &ticks.relative(fmt, eta.ms, now)),
                ],
            )
        }
        _ => match cx.expected.steps.get(i).copied().flatten() {
            Some(t) => strings.fill(Key::ExpectedBy, &[("date", &fmt.when(t, now))]),
            None => String::new(),
        },
    }
}

/// "Cannot start yet — finish A, B, C and 2 more first": linear in the
/// step's `requires`, and at most three (shortened) names long.
fn locked_text(cx: &Cx, at: &IdMap, s: &Step) -> String {
    let mut names = Vec::new();
    let mut more = 0usize;
    for o in waiting_on(&cx.state.steps, at, s) {
        if names.len() < MAX_NAMED_STEPS {
            let label = crate::text::shorten(&o.label, MAX_NAMED_LABEL);
            names.push(crate::text::isolate(&label));
        } else {
            more += 1;
        }
    }
    if names.is_empty() {
        return String::new();
    }
    if more > 0 {
        let n = more as f64;
        let count = cx.fmt.number(n);
        names.push(cx.strings.fill_counted(
            Key::More,
            &[("count", &count)],
            &[("count", n)],
            cx.fmt,
        ));
    }
    cx.strings
        .fill(Key::Locked, &[("steps", &cx.fmt.list(&names))])
}

/// Where the value stands on the tiers' ladder of thresholds.
#[derive(Default)]
struct Tier {
    /// "360 points to VIP", "Top tier reached", or empty.
    line: String,
    /// The bar's fraction, when the ladder sets it.
    fraction: Option<f64>,
    /// How many tiers are reached (at least 1), when on a ladder.
    position: Option<usize>,
    /// How many tiers the ladder has.
    len: usize,
}

/// The tiers' ladder: empty unless the variant is tiers with a value and
/// thresholds.
fn tier_ladder(cx: &Cx) -> Tier {
    let ladder: Vec<(f64, &str)> = cx
        .state
        .steps
        .iter()
        .filter_map(|s| s.threshold.map(|t| (t, s.label.as_str())))
        .collect();
    let mut tier = Tier {
        len: ladder.len(),
        ..Tier::default()
    };
    let (true, Some(value), false) = (cx.tiers, cx.state.value, ladder.is_empty()) else {
        return tier;
    };
    let reached = ladder.iter().filter(|(t, _)| value >= *t).count();
    tier.position = Some(reached.max(1));
    let unit = cx.state.unit.clone().unwrap_or_default();
    tier.line = match ladder.iter().find(|(t, _)| *t > value) {
        Some((t, name)) => {
            let distance = cx.fmt.number(t - value);
            let name = &crate::text::isolate(name);
            let counts = [("distance", t - value)];
            if unit.is_empty() {
                cx.strings.fill_counted(
                    Key::ToNextNoUnit,
                    &[("distance", &distance), ("tier", name)],
                    &counts,
                    cx.fmt,
                )
            } else {
                cx.strings.fill_counted(
                    Key::ToNext,
                    &[("distance", &distance), ("unit", &unit), ("tier", name)],
                    &counts,
                    cx.fmt,
                )
            }
        }
        None => String::from(cx.strings.get(Key::TopTier)),
    };
    let segments = (ladder.len().max(2) - 1) as f64;
    let i = reached.saturating_sub(1);
    let within = match (ladder.get(i), ladder.get(i + 1)) {
        (Some((lo, _)), Some((hi, _))) if hi > lo && value >= *lo => {
            ((value - lo) / (hi - lo)).clamp(0.0, 1.0)
        }
        _ => 0.0,
    };
    tier.fraction = Some(if reached == 0 {
        0.0
    } else {
        ((i as f64 + within) / segments).clamp(0.0, 1.0)
    });
    tier
}

/// The updated/heartbeat line.
fn pulse_text(cx: &Cx, ticks: &mut Ticks, done: bool) -> String {
    let (moment, now) = (cx.moment, cx.now);
    match moment.last_update_ms {
        Some(at) if moment.notice.is_empty() && (moment.live || cx.state.updated_at.is_some()) => {
            let rel = ticks.relative(cx.fmt, at.min(now), now);
            let waiting =
                moment.live && !done && cx.state.steps.iter().any(|s| s.status == Status::Active);
            cx.strings.fill(
                if waiting {
                    Key::Heartbeat
                } else {
                    Key::Updated
                },
                &[("relative", &rel)],
            )
        }
        // Following `src`, before its first document: a blank line where the
        // last update will be told, so the widget does not grow when it comes.
        None if moment.live && moment.notice.is_empty() => String::from("\u{a0}"),
        _ => String::new(),
    }
}

/// The hear-back promise.
fn promise_text(cx: &Cx, ticks: &mut Ticks, done: bool) -> String {
    match &cx.state.next_update_by {
        Some(by) if by.ms > cx.now && !done => {
            ticks.at(by.ms, cx.now);
            cx.strings.fill(
                Key::HearBack,
                &[
                    ("date", &cx.fmt.when(by.ms, cx.now)),
                    ("relative", &ticks.relative(cx.fmt, by.ms, cx.now)),
                ],
            )
        }
        // The promised reply did not come: owned, not hidden (rule 45).
        Some(by) if !done && cx.moment.reply_answered != Some(by.ms) => cx
            .strings
            .fill(Key::PromiseMissed, &[("date", &cx.fmt.when(by.ms, cx.now))]),
        _ => String::new(),
    }
}

/// The completion view's detail: how many steps, and how long it took.
fn done_detail(cx: &Cx) -> String {
    let mut detail = cx.strings.fill_counted(
        Key::DoneSummary,
        &[
            ("completed", &cx.fmt.number(f64::from(cx.c.completed))),
            ("total", &cx.total),
        ],
        &cx.counted(),
        cx.fmt,
    );
    if let Some(took) = total_taken(&cx.state.steps) {
        detail.push(' ');
        detail.push_str(
            &cx.strings
                .fill(Key::DoneTook, &[("duration", &cx.fmt.duration_long(took))]),
        );
    }
    detail
}

/// "Step 3 of 5", or the tier position.
fn position_text(cx: &Cx, tier: &Tier) -> String {
    match tier.position {
        Some(p) => cx.strings.fill(
            Key::TierPosition,
            &[
                ("position", &cx.fmt.number(p as f64)),
                ("total", &cx.fmt.number(tier.len as f64)),
            ],
        ),
        None => cx.strings.fill(
            Key::Position,
            &[
                (
                    "position",
                    &cx.fmt
                        .number(f64::from(step_position(&cx.state.steps, &cx.c))),
                ),
                ("total", &cx.total),
            ],
        ),
    }
}

/// The narrow stepper's line: the position and the current step.
fn compact_text(cx: &Cx, position: &str) -> String {
    match cx.current.and_then(|i| cx.state.steps.get(i)) {
        Some(s) if cx.config.variant == crate::input::config::Variant::Stepper => {
            let mut t = String::from(position);
            t.push_str(" · ");
            t.push_str(&crate::text::isolate(&s.label));
            t
        }
        _ => String::new(),
    }
}

/// The checklist's "Done (3)", empty while nothing is done.
fn done_group_text(cx: &Cx) -> String {
    let done_count = cx.state.steps.iter().filter(|s| s.status.is_done()).count();
    if cx.config.variant == crate::input::config::Variant::Checklist && done_count > 0 {
        cx.strings.fill(
            Key::DoneGroup,
            &[("count", &cx.fmt.number(done_count as f64))],
        )
    } else {
        String::new()
    }
}

/// The percentage, floored to whole percent so 99.6% never reads "100%"
/// before the end; the value and unit for tiers.
fn percent_text(cx: &Cx) -> String {
    match (cx.tiers, cx.state.value) {
        (true, Some(v)) => with_unit(cx.fmt.number(v), &cx.state.unit),
        _ => cx.fmt.percent((cx.c.progress * 100.0).floor() / 100.0),
    }
}

fn step_fields(a: &StepView, b: &StepView) -> u8 {
    let mut f = 0;
    if a.status != b.status {
        f |= field::STATUS;
    }
    if a.label != b.label {
        f |= field::LABEL;
    }
    if a.state != b.state {
        f |= field::STATE;
    }
    if a.marker != b.marker {
        f |= field::MARKER;
    }
    if a.estimate != b.estimate {
        f |= field::ESTIMATE;
    }
    if a.current != b.current {
        f |= field::CURRENT;
    }
    if a.time != b.time {
        f |= field::TIME;
    }
    if a.href != b.href
        || a.description != b.description
        || a.reason != b.reason
        || a.locked != b.locked
        || a.reverted != b.reverted
    {
        f |= field::DETAIL;
    }
    f
}

/// The patches that turn the DOM of `old` (or an empty tree) into `new`.
pub fn diff(old: Option<&View>, new: &View) -> Vec<Patch> {
    let mut out = Vec::new();
    let root = |o: &View| {
        [
            (Slot::Variant, o.variant != new.variant),
            (Slot::Orientation, o.orientation != new.orientation),
            (
                Slot::Extras,
                o.interactive != new.interactive
                    || o.compact != new.compact
                    || o.done_group != new.done_group
                    || o.tier_line != new.tier_line,
            ),
            (Slot::Title, o.title != new.title),
            (Slot::Message, o.message != new.message),
            (Slot::Summary, o.summary != new.summary),
            (Slot::Position, o.position != new.position),
            (Slot::Percent, o.percent != new.percent),
            (Slot::Bar, o.fraction != new.fraction),
            (Slot::Notice, o.notice != new.notice),
            (Slot::Remaining, o.remaining != new.remaining),
            (Slot::Pulse, o.pulse != new.pulse),
            (Slot::Promise, o.promise != new.promise),
            (
                Slot::Done,
                o.done != new.done
                    || o.done_title != new.done_title
                    || o.done_detail != new.done_detail
                    || o.show_steps != new.show_steps,
            ),
        ]
    };
    match old {
        None => {
            for (slot, _) in root(new) {
                out.push(Patch::Root(slot));
            }
            for index in 0..new.steps.len() {
                out.push(Patch::Insert {
                    index,
                    before: None,
                });
            }
            return out;
        }
        Some(old) => {
            for (slot, changed) in root(old) {
                if changed {
                    out.push(Patch::Root(slot));
                }
            }
            // Removals first; then, from the end, each step that is new or
            // out of place goes before the one after it (already in place),
            // while the longest run of steps still in their old order stays.
            let old_at = IdMap::positions(&old.steps);
            let new_at = IdMap::positions(&new.steps);
            for s in &old.steps {
                if !new_at.contains(&s.id) {
                    out.push(Patch::Remove(s.id.clone()));
                }
            }
            let was: Vec<Option<usize>> = new.steps.iter().map(|s| old_at.get(&s.id)).collect();
            let stays = longest_increasing(&was);
            let mut after: Option<&str> = None;
            for (index, step) in new.steps.iter().enumerate().rev() {
                let before = after.map(str::to_string);
                match (was.get(index), stays.get(index)) {
                    (Some(None), _) => out.push(Patch::Insert { index, before }),
                    (_, Some(false)) => out.push(Patch::Move {
                        id: step.id.clone(),
                        before,
                    }),
                    _ => {}
                }
                after = Some(&step.id);
            }
            for (index, step) in new.steps.iter().enumerate() {
                let prev = was.get(index).copied().flatten();
                if let Some(prev) = prev.and_then(|i| old.steps.get(i)) {
                    let fields = step_fields(prev, step);
                    if fields != 0 {
                        out.push(Patch::Step { index, fields });
                    }
                }
            }
        }
    }
    out
}

/// Which of `seq`'s positions (the `Some` ones) form a longest strictly
/// increasing run: the steps that can stay where they are. O(n log n).
fn longest_increasing(seq: &[Option<usize>]) -> Vec<bool> {
    let value = |i: usize| seq.get(i).copied().flatten();
    // `tails[k]`: where the smallest end of an increasing run of k + 1 is;
    // `prev[i]`: the item before `i` in its run.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = vec![usize::MAX; seq.len()];
    for (i, v) in seq.iter().enumerate() {
        let Some(v) = *v else { continue };
        let k = tails.partition_point(|&t| value(t).is_some_and(|x| x < v));
        crate::work::add(1);
        if let (Some(p), Some(&before)) =
            (prev.get_mut(i), k.checked_sub(1).and_then(|k| tails.get(k)))
        {
            *p = before;
        }
        match tails.get_mut(k) {
            Some(t) => *t = i,
            None => tails.push(i),
        }
    }
    let mut stays = vec![false; seq.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        if let Some(s) = stays.get_mut(i) {
            *s = true;
        }
        at = prev.get(i).copied().filter(|p| *p != usize::MAX);
    }
    stays
}

/// Ids of the steps a patch list touches (for `momentum-change`'s
/// `changed`), each once.
pub fn changed_ids(patches: &[Patch], new: &View) -> Vec<String> {
    let mut seen = IdMap::with_capacity(patches.len());
    let mut ids = Vec::new();
    for p in patches {
        let id = match p {
            Patch::Remove(id) | Patch::Move { id, .. } => id,
            Patch::Insert { index, .. } | Patch::Step { index, .. } => {
                match new.steps.get(*index) {
                    Some(s) => &s.id,
                    None => continue,
                }
            }
            Patch::Root(_) => continue,
        };
        if seen.insert(id.as_str().into(), 0) {
            ids.push(id.clone());
        }
    }
    ids
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::json::Json;
    use crate::model::{parse_doc, Doc};
    use crate::num::uint_to_string;
    use crate::plan::clock::Unit;

    /// A plain formatter for host tests.
    pub struct Plain;
    impl Format for Plain {
        fn number(&self, n: f64) -> String {
            uint_to_string(n as u64)
        }
        fn percent(&self, f: f64) -> String {
            let mut s = uint_to_string((f * 100.0).round() as u64);
            s.push('%');
            s
        }
        fn duration(&self, secs: f64) -> String {
            let mut s = uint_to_string((secs / 60.0).round() as u64);
            s.push_str(" min");
            s
        }
        fn date_time(&self, ms: f64) -> String {
            let mut s = String::from("t=");
            s.push_str(&uint_to_string(ms as u64));
            s
        }
        fn when(&self, ms: f64, _now: f64) -> String {
            self.date_time(ms)
        }
        fn duration_long(&self, secs: f64) -> String {
            let mut s = uint_to_string((secs / 60.0).round() as u64);
            s.push_str(" minutes");
            s
        }
        fn list(&self, items: &[String]) -> String {
            items.join(" and ")
        }
        fn plural(&self, n: f64) -> u8 {
            if n == 1.0 {
                1
            } else {
                5
            }
        }
        fn relative(&self, value: f64, unit: Unit) -> String {
            let mut s = if value < 0.0 {
                String::from("-")
            } else {
                String::from("+")
            };
            s.push_str(&uint_to_string(value.abs() as u64));
            s.push(' ');
            s.push_str(unit.name());
            s
        }
    }

    pub fn state(spec: &[(&str, &str)]) -> State {
        let items = spec
            .iter()
            .map(|(id, status)| {
                Json::Obj(vec![
                    ("id".into(), Json::Str(id.to_string())),
                    ("label".into(), Json::Str(id.to_uppercase())),
                    ("status".into(), Json::Str(status.to_string())),
                    ("estimate".into(), Json::Num(120.0)),
                ])
            })
            .collect();
        let (d, _) = parse_doc(&Json::Obj(vec![("steps".into(), Json::Arr(items))]), true).unwrap();
        State::merged(&Doc::default(), &d)
    }

    fn view(spec: &[(&str, &str)]) -> View {
        plan(
            &state(spec),
            &Config::default(),
            &Strings::default(),
            &Plain,
            &Moment::default(),
        )
    }

    #[test]
    fn plan_texts() {
        let v = view(&[("a", "complete"), ("b", "active"), ("c", "pending")]);
        assert_eq!(v.summary, "1 of 3 complete");
        assert_eq!(v.position, "Step 2 of 3");
        assert_eq!(v.percent, "33%");
        assert_eq!(v.steps[0].marker, "✓");
        assert_eq!(v.steps[0].state, "Done");
        assert_eq!(v.steps[1].marker, "2");
        assert!(v.steps[1].current);
        assert_eq!(v.steps[2].estimate, "2 min");
        assert_eq!(v.variant, "stepper");
    }

    #[test]
    fn the_checklist_shows_its_done_group_only_when_something_is_done() {
        let checklist = |spec: &[(&str, &str)]| {
            let config = Config {
                variant: crate::input::config::Variant::Checklist,
                ..Config::default()
            };
            let st = if spec.is_empty() {
                State::default()
            } else {
                state(spec)
            };
            plan(
                &st,
                &config,
                &Strings::default(),
                &Plain,
                &Moment::default(),
            )
            .done_group
        };
        assert_eq!(checklist(&[]), "", "an empty checklist: no \"Done (0)\"");
        assert_eq!(checklist(&[("a", "pending"), ("b", "active")]), "");
        assert_eq!(
            checklist(&[("a", "complete"), ("b", "skipped")]),
            "Done (2)"
        );
    }

    #[test]
    fn only_http_and_relative_links() {
        for ok in [
            "https://example.com/x",
            "http://a.b",
            "/account",
            "#step",
            "?q=1",
            "next.html",
            "./a:b",
        ] {
            assert!(safe_href(ok).is_some(), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc",
            "",
        ] {
            assert_eq!(safe_href(bad), None, "{bad}");
        }
    }

    #[test]
    fn first_render_builds_everything() {
        let v = view(&[("a", "pending"), ("b", "pending")]);
        let p = diff(None, &v);
        assert_eq!(p.iter().filter(|p| matches!(p, Patch::Root(_))).count(), 14);
        assert_eq!(
            p.iter()
                .filter(|p| matches!(p, Patch::Insert { .. }))
                .count(),
            2
        );
    }

    #[test]
    fn identical_views_need_nothing() {
        let a = view(&[("a", "pending"), ("b", "active")]);
        assert!(diff(Some(&a), &a.clone()).is_empty());
    }

    #[test]
    fn one_step_change_touches_that_step_and_the_summary() {
        let ids: Vec<String> = (0..500).map(uint_to_string).collect();
        let before: Vec<(&str, &str)> = ids.iter().map(|i| (i.as_str(), "pending")).collect();
        let mut after = before.clone();
        after[250].1 = "skipped";
        let (a, b) = (view(&before), view(&after));
        let p = diff(Some(&a), &b);
        let step_patches: Vec<&Patch> = p.iter().filter(|p| !matches!(p, Patch::Root(_))).collect();
        assert_eq!(step_patches.len(), 1, "{p:?}");
        assert!(p.len() <= 5, "{p:?}");
        assert_eq!(changed_ids(&p, &b), ["250"]);
    }

    #[test]
    fn reorder_insert_remove() {
        let a = view(&[("a", "pending"), ("b", "pending"), ("c", "pending")]);
        let b = view(&[("c", "pending"), ("a", "pending"), ("d", "pending")]);
        let p = diff(Some(&a), &b);
        assert!(p.contains(&Patch::Remove("b".into())));
        assert!(p.contains(&Patch::Move {
            id: "c".into(),
            before: Some("a".into())
        }));
        assert!(p.contains(&Patch::Insert {
            index: 2,
            before: None
        }));
        // Replaying the structural patches on the old order yields the new one.
        let mut order: Vec<String> = a.steps.iter().map(|s| s.id.clone()).collect();
        for patch in &p {
            let place = |order: &mut Vec<String>, id: String, before: &Option<String>| {
                let at = before
                    .as_ref()
                    .and_then(|b| order.iter().position(|x| x == b))
                    .unwrap_or(order.len());
                order.insert(at, id);
            };
            match patch {
                Patch::Remove(id) => order.retain(|x| x != id),
                Patch::Move { id, before } => {
                    order.retain(|x| x != id);
                    place(&mut order, id.clone(), before);
                }
                Patch::Insert { index, before } => {
                    place(&mut order, b.steps[*index].id.clone(), before)
                }
                _ => {}
            }
        }
        let want: Vec<String> = b.steps.iter().map(|s| s.id.clone()).collect();
        assert_eq!(order, want);
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn a_locked_step_names_three_waiting_steps_and_counts_the_rest() {
        let long = "L".repeat(5000);
        let mut st = state(&[
            ("a", "pending"),
            ("b", "complete"),
            ("c", "pending"),
            ("d", "active"),
            ("e", "pending"),
            ("f", "pending"),
            ("g", "pending"),
        ]);
        st.steps[0].label = long.clone();
        st.steps[6].requires = ["a", "b", "c", "g", "d", "zz", "e", "f"]
            .map(String::from)
            .to_vec();
        st.steps[5].requires = vec!["b".into()];
        let v = plan(
            &st,
            &Config::default(),
            &Strings::default(),
            &Plain,
            &Moment::default(),
        );
        // Not b (done), not g itself, not zz (no such step).
        let a = format!("{}…", "L".repeat(MAX_NAMED_LABEL));
        assert_eq!(
            v.steps[6].locked,
            format!("Cannot start yet — finish {a} and C and D and 2 more first")
        );
        assert_eq!(v.steps[5].locked, "", "its only prerequisite is done");
        assert_eq!(v.steps[0].label, long, "its own row shows the whole label");
        // Three waiting steps are named without a count.
        st.steps[6].requires.truncate(5);
        let v = plan(
            &st,
            &Config::default(),
            &Strings::default(),
            &Plain,
            &Moment::default(),
        );
        assert_eq!(
            v.steps[6].locked,
            format!("Cannot start yet — finish {a} and C and D first")
        );
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn reordering_moves_only_the_steps_out_of_place() {
        let ids: Vec<String> = (0..1000).map(uint_to_string).collect();
        let spec = |ids: &[String]| -> View {
            let s: Vec<(&str, &str)> = ids.iter().map(|i| (i.as_str(), "pending")).collect();
            view(&s)
        };
        let a = spec(&ids);
        let count = |p: &[Patch]| p.iter().filter(|p| matches!(p, Patch::Move { .. })).count();
        // The first step to the end: one move (a walk in order moved the other 999).
        let mut rotated = ids.clone();
        rotated.rotate_left(1);
        let p = diff(Some(&a), &spec(&rotated));
        assert_eq!(count(&p), 1);
        assert_eq!(
            p.iter().find(|p| matches!(p, Patch::Move { .. })),
            Some(&Patch::Move {
                id: "0".into(),
                before: None
            })
        );
        // Reversed: every step but one moves, in linear work.
        let mut reversed = ids.clone();
        reversed.reverse();
        let b = spec(&reversed);
        crate::work::take();
        let p = diff(Some(&a), &b);
        let work = crate::work::take();
        assert_eq!(count(&p), 999);
        assert!(work < 1_000_000, "{work} units of work");
        assert_eq!(
            changed_ids(&p, &b).len(),
            1000,
            "every marker number changed"
        );
    }

    #[test]
    fn percent_never_rounds_up_to_done() {
        let mut spec: Vec<(String, &str)> =
            (0..1000).map(|i| (uint_to_string(i), "complete")).collect();
        spec[999].1 = "pending";
        let spec: Vec<(&str, &str)> = spec.iter().map(|(a, b)| (a.as_str(), *b)).collect();
        assert_eq!(view(&spec).percent, "99%");
    }
}
