//! Business time in the view (rules 42 and 43): the calendar a widget uses
//! (the document's `hours`, `holidays` and `timeZone` over the attributes),
//! and when each remaining step is expected when estimates count open time.
//!
//! The maths is [`crate::calendar`]'s; this module only chains the remaining
//! steps: each starts when the one before it is expected to end (an active
//! step at its `startedAt`), a plain estimate adds elapsed time and a
//! business one open time on the calendar. The zone's offsets come through
//! [`Format::zone_offset`], so the wasm carries no zone rules.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::calendar::{Calendar, Zone};
use crate::config::Config;
use crate::model::{State, Status};
use crate::view::Format;

/// The business's zone, asked through the shell's `Intl` (`name` empty: the
/// viewer's zone).
pub struct FormatZone<'a> {
    /// Where offsets come from.
    pub fmt: &'a dyn Format,
    /// IANA zone name, or empty.
    pub name: &'a str,
}

impl Zone for FormatZone<'_> {
    fn offset_ms(&self, utc_ms: f64) -> f64 {
        self.fmt.zone_offset(self.name, utc_ms)
    }
}

/// The calendar and zone name in force: each of the document's `hours`,
/// `holidays` and `timeZone` wins over its attribute.
pub fn calendar<'a>(state: &'a State, config: &'a Config) -> (Calendar, &'a str) {
    let b = &state.business;
    let mut cal = config.calendar.clone();
    if let Some((_, schedule)) = &b.hours {
        cal.schedule = schedule.clone();
    }
    if let Some(h) = &b.holidays {
        cal.holidays = h.clone();
    }
    let zone = b
        .time_zone
        .as_deref()
        .or(config.time_zone.as_deref())
        .unwrap_or_default();
    (cal, zone)
}

/// When the remaining steps are expected, where business estimates are
/// involved.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Expected {
    /// By step position: when a step not done whose estimate counts open
    /// time is expected (ms since epoch); `None` for every other step.
    pub steps: Vec<Option<f64>>,
    /// When the last counted step is expected, when one of the counted
    /// steps not done has a business estimate and every one has an estimate.
    pub finish: Option<f64>,
}

/// Chains the steps not done from `now`: see the module documentation.
/// Returns the default (nothing expected) when no step not done has a
/// business estimate, so journeys without business time cost one pass.
pub fn expected(state: &State, config: &Config, fmt: &dyn Format, now: f64) -> Expected {
    let open = |s: &&crate::model::Step| !s.status.is_done();
    if !state
        .steps
        .iter()
        .filter(open)
        .any(|s| s.business.is_some())
    {
        return Expected::default();
    }
    let (cal, name) = calendar(state, config);
    let zone = FormatZone { fmt, name };
    let any_required = state.steps.iter().any(|s| !s.optional);
    let mut out = Expected {
        steps: vec![None; state.steps.len()],
        finish: None,
    };
    let (mut cursor, mut known, mut business) = (now, true, false);
    for (i, s) in state.steps.iter().enumerate() {
        if s.status.is_done() {
            continue;
        }
        let counted = !s.optional || !any_required;
        let start = match (&s.started_at, s.status) {
            (Some(t), Status::Active) if t.ms <= cursor => t.ms,
            _ => cursor,
        };
        let end = match (&s.business, s.estimate) {
            (Some(b), _) => cal.add_open(&zone, start, b.value).map(|t| t.max(now)),
            (None, Some(secs)) => Some((start + secs * 1000.0).max(now)),
            (None, None) => None,
        };
        if s.business.is_some() {
            if let Some(slot) = out.steps.get_mut(i) {
                *slot = end;
            }
        }
        if counted {
            match end {
                Some(t) => cursor = t,
                None => known = false,
            }
            business |= s.business.is_some();
        }
    }
    out.finish = (known && business).then_some(cursor);
    out
}
