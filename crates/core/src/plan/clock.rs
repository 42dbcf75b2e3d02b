//! The living clock: which unit a relative time is shown in ("2 minutes ago",
//! "in 3 days"), and when the shown text next changes, so widgets re-render
//! on a schedule that fits the magnitude instead of every second.

#[allow(unused_imports)]
use crate::prelude::*;

/// A unit of `Intl.RelativeTimeFormat`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Seconds.
    Second,
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
}

impl Unit {
    /// The unit name `Intl.RelativeTimeFormat` takes.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Second => "second",
            Unit::Minute => "minute",
            Unit::Hour => "hour",
            Unit::Day => "day",
        }
    }

    fn ms(self) -> f64 {
        match self {
            Unit::Second => 1_000.0,
            Unit::Minute => 60_000.0,
            Unit::Hour => 3_600_000.0,
            Unit::Day => 86_400_000.0,
        }
    }
}

/// Under this, a relative time reads in seconds, rounded to tens.
const SECONDS_STEP: f64 = 10.0;

/// The value and unit to show for a moment `delta_ms` away (negative: past).
/// Past moments count whole units ("2 minutes ago" until 3); future ones
/// round ("in 2 days" for 47 hours), so a promise never reads sooner than
/// it is by almost a whole unit.
pub fn relative(delta_ms: f64) -> (f64, Unit) {
    let a = delta_ms.abs();
    let unit = if a < 60_000.0 {
        Unit::Second
    } else if a < 3_600_000.0 {
        Unit::Minute
    } else if a < 86_400_000.0 {
        Unit::Hour
    } else {
        Unit::Day
    };
    let step = if unit == Unit::Second {
        SECONDS_STEP
    } else {
        1.0
    };
    let units = a / unit.ms() / step;
    let value = if delta_ms < 0.0 {
        units.floor()
    } else {
        units.round()
    } * step;
    (if delta_ms < 0.0 { -value } else { value }, unit)
}

/// Milliseconds until the text for a moment `delta_ms` away changes. At
/// least a second, so a clock never spins.
pub fn next_change_ms(delta_ms: f64) -> f64 {
    let a = delta_ms.abs();
    let (_, unit) = relative(delta_ms);
    let step = if unit == Unit::Second {
        SECONDS_STEP * 1000.0
    } else {
        unit.ms()
    };
    // Past moments grow away from now and change at each whole unit; future
    // ones shrink towards now and change at each half unit (they round).
    let wait = if delta_ms <= 0.0 {
        step - rem(a, step)
    } else {
        rem(a + step / 2.0, step) + 1.0
    };
    wait.max(1000.0)
}

/// `a % step` for `a >= 0` and `step > 0`, without the float `%` operator,
/// whose `fmod` costs the wasm 2 KB. Exact for whole numbers below 2^53,
/// which milliseconds are.
fn rem(a: f64, step: f64) -> f64 {
    let r = a - (a / step).floor() * step;
    if r < 0.0 {
        r + step
    } else if r >= step {
        r - step
    } else {
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remainder_matches_the_operator() {
        for step in [1000.0, 10_000.0, 60_000.0, 3_600_000.0, 86_400_000.0] {
            for a in [
                0.0,
                1.0,
                999.0,
                1000.0,
                59_999.5,
                1_763_900_000_123.0,
                8.64e15,
                123_456_789.25,
            ] {
                assert_eq!(rem(a, step), a % step, "{a} % {step}");
            }
        }
    }

    #[test]
    fn units_fit_the_magnitude() {
        assert_eq!(relative(-5_000.0), (-0.0, Unit::Second));
        assert_eq!(relative(-45_000.0), (-40.0, Unit::Second));
        assert_eq!(relative(-125_000.0), (-2.0, Unit::Minute));
        assert_eq!(relative(-3.5 * 3_600_000.0), (-3.0, Unit::Hour));
        assert_eq!(relative(3.0 * 86_400_000.0 + 5.0), (3.0, Unit::Day));
        // Future moments round: 47 hours from now is "in 2 days", not "tomorrow".
        assert_eq!(relative(2.0 * 86_400_000.0 - 60_000.0), (2.0, Unit::Day));
        assert_eq!(relative(90.0 * 60_000.0 - 1.0), (1.0, Unit::Hour));
    }

    #[test]
    fn refresh_waits_until_the_text_changes() {
        // "2 minutes ago" at 2:05 changes to "3 minutes ago" in 55 s.
        assert_eq!(next_change_ms(-125_000.0), 55_000.0);
        // "3 hours ago" is not re-rendered every second.
        assert!(next_change_ms(-3.5 * 3_600_000.0) >= 1_800_000.0);
        // Near now: every ten seconds at most.
        assert!(next_change_ms(-1_000.0) <= 10_000.0);
        // Future: "in 3 days" changes to "in 2 days" when 2.5 days are left.
        let d = 86_400_000.0;
        assert_eq!(next_change_ms(3.0 * d + 5_000.0), 0.5 * d + 5_001.0);
        let at = 3.0 * d + 5_000.0 - next_change_ms(3.0 * d + 5_000.0);
        assert_eq!(relative(at).0, 2.0);
        assert_eq!(relative(at + 2.0).0, 3.0);
        assert!(next_change_ms(0.0) >= 1000.0);
    }
}
