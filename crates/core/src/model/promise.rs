//! Promises kept or missed (rule 45).
//!
//! Two things the other side says are promises: a step's `eta` ("done by
//! then") and the document's `nextUpdateBy` ("you will hear from us by
//! then"). A promise is fulfilled when its step completes, or when a newer
//! document arrives; it is kept when that happens by the promised time,
//! and late when it happens after. While nothing has fulfilled it, it is
//! pending until the promised time passes, and missed from then on: the
//! widget owns that ("We said Fri 2:00 PM — still waiting") rather than
//! hiding it.
//!
//! The `momentum-promise` event reports each promise once, when it
//! resolves: on fulfilment by the promised time (kept, with the actual
//! time), or when the promised time passes first (missed, without an
//! actual time), whichever comes first. A step completed late therefore
//! resolved as missed when its time passed; its late completion still
//! shows in the wording ("2 hours late") but is not a second event.
//! Remembering which promises already fired (and not firing those already
//! resolved at the first render) is the caller's part.

#[allow(unused_imports)]
use crate::prelude::*;

/// Which promise: a step's `eta` or the document's `nextUpdateBy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A step's `eta`: fulfilled when the step completes.
    Eta,
    /// The document's `nextUpdateBy`: fulfilled when a newer document
    /// arrives.
    Reply,
}

impl Kind {
    /// The name in the `momentum-promise` event's `kind`: `eta` or `reply`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Eta => "eta",
            Kind::Reply => "reply",
        }
    }
}

/// What became of a promise, as of a moment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Outcome {
    /// Not fulfilled, and the promised time has not passed.
    Pending,
    /// Fulfilled at `actual_ms`, by the promised time ("on time").
    Kept {
        /// When it was fulfilled, milliseconds since the epoch.
        actual_ms: f64,
    },
    /// Fulfilled at `actual_ms`, `late_ms` after the promised time ("2 hours
    /// late").
    Late {
        /// When it was fulfilled, milliseconds since the epoch.
        actual_ms: f64,
        /// How late, in milliseconds (above 0).
        late_ms: f64,
    },
    /// Not fulfilled, and the promised time passed `overdue_ms` ago ("still
    /// waiting").
    Missed {
        /// How long ago the promised time passed, in milliseconds (above 0).
        overdue_ms: f64,
    },
}

/// How a promise resolved, for the `momentum-promise` event.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Resolution {
    /// Whether it was kept.
    pub kept: bool,
    /// When it was fulfilled, for a kept promise; a missed one resolved when
    /// its time passed, before any fulfilment.
    pub actual_ms: Option<f64>,
}

impl Outcome {
    /// How the promise resolved, or `None` while it is pending.
    pub fn resolution(&self) -> Option<Resolution> {
        match *self {
            Outcome::Pending => None,
            Outcome::Kept { actual_ms } => Some(Resolution {
                kept: true,
                actual_ms: Some(actual_ms),
            }),
            Outcome::Late { .. } | Outcome::Missed { .. } => Some(Resolution {
                kept: false,
                actual_ms: None,
            }),
        }
    }
}

/// What became of a promise for `promised_ms` as of `now_ms`, given when it
/// was fulfilled (`None` while it is not): for an `eta`, the step's
/// completion time (its `completedAt`, or when the widget first saw it
/// complete); for `nextUpdateBy`, when the first newer document arrived.
///
/// Fulfilment exactly at the promised time is kept; the promise is missed
/// only once `now_ms` is past it. A promised time that is not a finite
/// number promises nothing and stays pending.
pub fn resolve(promised_ms: f64, fulfilled_ms: Option<f64>, now_ms: f64) -> Outcome {
    if !promised_ms.is_finite() {
        return Outcome::Pending;
    }
    match fulfilled_ms.filter(|t| t.is_finite()) {
        Some(actual_ms) if actual_ms <= promised_ms => Outcome::Kept { actual_ms },
        Some(actual_ms) => Outcome::Late {
            actual_ms,
            late_ms: actual_ms - promised_ms,
        },
        None if now_ms > promised_ms => Outcome::Missed {
            overdue_ms: now_ms - promised_ms,
        },
        None => Outcome::Pending,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: f64 = 3_600_000.0;
    /// Friday 20 November 2026, 2:00 PM UTC, as the promised time.
    const FRI_2PM: f64 = 1_795_183_200_000.0;

    #[test]
    fn the_promised_time_is_a_friday_afternoon() {
        assert_eq!(
            crate::input::time::to_iso(FRI_2PM),
            "2026-11-20T14:00:00.000Z"
        );
    }

    #[test]
    fn a_step_completed_two_hours_late() {
        let done = FRI_2PM + 2.0 * HOUR;
        let o = resolve(FRI_2PM, Some(done), done + HOUR);
        assert_eq!(
            o,
            Outcome::Late {
                actual_ms: done,
                late_ms: 2.0 * HOUR
            }
        );
        assert_eq!(
            o.resolution(),
            Some(Resolution {
                kept: false,
                actual_ms: None
            }),
            "its time passed first: missed, without an actual time"
        );
    }

    #[test]
    fn completed_by_the_eta_is_on_time() {
        for done in [FRI_2PM - HOUR, FRI_2PM] {
            let o = resolve(FRI_2PM, Some(done), FRI_2PM + 5.0 * HOUR);
            assert_eq!(o, Outcome::Kept { actual_ms: done });
            assert_eq!(
                o.resolution(),
                Some(Resolution {
                    kept: true,
                    actual_ms: Some(done)
                })
            );
        }
    }

    #[test]
    fn pending_until_the_time_passes_then_missed() {
        assert_eq!(resolve(FRI_2PM, None, FRI_2PM - 1.0), Outcome::Pending);
        assert_eq!(
            resolve(FRI_2PM, None, FRI_2PM),
            Outcome::Pending,
            "not missed at the promised minute itself"
        );
        assert_eq!(resolve(FRI_2PM, None, FRI_2PM).resolution(), None);
        let o = resolve(FRI_2PM, None, FRI_2PM + 30.0 * 60_000.0);
        assert_eq!(
            o,
            Outcome::Missed {
                overdue_ms: 30.0 * 60_000.0
            }
        );
        assert_eq!(
            o.resolution(),
            Some(Resolution {
                kept: false,
                actual_ms: None
            })
        );
    }

    #[test]
    fn next_update_by_kept_when_a_newer_document_came_in_time() {
        // A newer document arrived an hour before the promised time; hours
        // later the promise is still kept.
        let arrived = FRI_2PM - HOUR;
        assert_eq!(
            resolve(FRI_2PM, Some(arrived), FRI_2PM + 10.0 * HOUR),
            Outcome::Kept { actual_ms: arrived }
        );
        // None arrived: "We said Fri 2:00 PM — still waiting".
        assert!(matches!(
            resolve(FRI_2PM, None, FRI_2PM + HOUR),
            Outcome::Missed { .. }
        ));
        assert_eq!(Kind::Reply.name(), "reply");
        assert_eq!(Kind::Eta.name(), "eta");
    }

    #[test]
    fn a_fulfilment_the_clock_has_not_reached_yet_still_counts() {
        // The server's completedAt can be ahead of a slow viewer's clock.
        assert_eq!(
            resolve(FRI_2PM, Some(FRI_2PM - HOUR), FRI_2PM - 2.0 * HOUR),
            Outcome::Kept {
                actual_ms: FRI_2PM - HOUR
            }
        );
    }

    #[test]
    fn nonsense_times_promise_nothing() {
        assert_eq!(resolve(f64::NAN, None, FRI_2PM), Outcome::Pending);
        assert_eq!(resolve(f64::INFINITY, Some(0.0), FRI_2PM), Outcome::Pending);
        assert_eq!(
            resolve(FRI_2PM, Some(f64::NAN), FRI_2PM - 1.0),
            Outcome::Pending,
            "an unreadable fulfilment time is no fulfilment"
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Once resolved, a promise stays resolved the same way as time goes
        /// on; a fulfilment never turns a kept promise into anything else.
        #[test]
        fn resolution_never_changes_later(
            promised in 0u32..1_000_000, fulfilled in proptest::option::of(0u32..1_000_000),
            now in 0u32..1_000_000, later in 0u32..1_000_000,
        ) {
            let (p, f) = (f64::from(promised), fulfilled.map(f64::from));
            let (now, later) = (f64::from(now), f64::from(now) + f64::from(later));
            // Seen at `now` without the fulfilment if it had not happened yet.
            let seen_now = f.filter(|&t| t <= now);
            let first = resolve(p, seen_now, now).resolution();
            let after = resolve(p, f.filter(|&t| t <= later), later).resolution();
            if let Some(first) = first {
                proptest::prop_assert_eq!(Some(first), after);
            }
        }
    }
}
