//! Business time in the view (rules 42 and 43): the calendar a widget uses
//! (the document's `hours`, `holidays` and `timeZone` over the attributes),
//! and when each remaining step is expected when estimates count open time.
//!
//! The maths is [`crate::model::calendar`]'s; this module only chains the remaining
//! steps: each starts when the one before it is expected to end (an active
//! step at its `startedAt`), a plain estimate adds elapsed time and a
//! business one open time on the calendar. The zone's offsets come through
//! [`Format::zone_offset`], so the wasm carries no zone rules.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::i18n::Format;
use crate::input::config::Config;
use crate::model::calendar::{Calendar, Zone};
use crate::model::{State, Status};

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
    let schedule = b.hours.as_ref().map_or(&config.calendar.schedule, |h| &h.1);
    let holidays = b.holidays.as_ref().unwrap_or(&config.calendar.holidays);
    let cal = Calendar::new(schedule.clone(), holidays.clone());
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

/// How many days of calendar one render may walk for business estimates,
/// over all steps (rule 50): a walk costs about one zone lookup per open day,
/// so a thousand steps of `520bd` cannot keep the page busy. Past it, the
/// remaining steps show no calendar time and the journey no overall one.
pub const MAX_WALK_DAYS: f64 = 2_000.0;

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
    let mut budget = MAX_WALK_DAYS;
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
            (Some(_), _) if budget <= 0.0 => None,
            (Some(b), _) => {
                let due = cal.add_open(&zone, start, b.value);
                // A walk that found nothing went to the calendar's horizon.
                let walked = due.map_or(crate::model::calendar::HORIZON_DAYS as f64, |t| {
                    (t - start) / crate::model::calendar::DAY_MS
                });
                budget -= walked + 1.0;
                due.map(|t| t.max(now))
            }
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::engine::{Engine, Source};
    use crate::i18n::Strings;
    use crate::input::duration::{parse_span, Business};
    use crate::input::time::{parse_iso, to_iso};
    use crate::json::Json;
    use crate::model::calendar::{parse_holidays, parse_hours, Calendar};
    use crate::model::parse_doc;
    use crate::plan::tests::Plain;
    use proptest::prelude::*;

    const HOUR: f64 = 3_600_000.0;

    /// The instant of an ISO text (tests only).
    fn at(text: &str) -> f64 {
        parse_iso(text).unwrap()
    }

    /// Day count (since 1970-01-01) of a civil date.
    fn days(y: i64, m: i64, d: i64) -> i64 {
        (at(&format!("{y:04}-{m:02}-{d:02}")) / 86_400_000.0) as i64
    }

    /// The last Sunday of a month, as a day count.
    fn last_sunday(y: i64, m: i64, month_days: i64) -> i64 {
        let last = days(y, m, month_days);
        last - (crate::model::calendar::weekday(last) as i64 + 1) % 7
    }

    /// The n-th Sunday of a month, as a day count.
    fn nth_sunday(y: i64, m: i64, n: i64) -> i64 {
        let first = days(y, m, 1);
        let to_sunday = (6 - crate::model::calendar::weekday(first) as i64).rem_euclid(7);
        first + to_sunday + 7 * (n - 1)
    }

    /// Europe/Berlin by its rules: CET, CEST from 01:00 UTC on the last
    /// Sunday of March to 01:00 UTC on the last Sunday of October.
    struct Berlin;
    impl Zone for Berlin {
        fn offset_ms(&self, t: f64) -> f64 {
            let y: i64 = to_iso(t)[..4].parse().unwrap();
            let start = last_sunday(y, 3, 31) as f64 * 86_400_000.0 + HOUR;
            let end = last_sunday(y, 10, 31) as f64 * 86_400_000.0 + HOUR;
            if t >= start && t < end {
                2.0 * HOUR
            } else {
                HOUR
            }
        }
    }

    /// America/New_York by its rules: EST, EDT from 02:00 EST on the second
    /// Sunday of March to 02:00 EDT on the first Sunday of November.
    struct NewYork;
    impl Zone for NewYork {
        fn offset_ms(&self, t: f64) -> f64 {
            let y: i64 = to_iso(t)[..4].parse().unwrap();
            let start = nth_sunday(y, 3, 2) as f64 * 86_400_000.0 + 7.0 * HOUR;
            let end = nth_sunday(y, 11, 1) as f64 * 86_400_000.0 + 6.0 * HOUR;
            if t >= start && t < end {
                -4.0 * HOUR
            } else {
                -5.0 * HOUR
            }
        }
    }

    #[test]
    fn the_test_zones_switch_on_the_real_dates() {
        assert_eq!(Berlin.offset_ms(at("2026-03-29T00:59:59Z")), HOUR);
        assert_eq!(Berlin.offset_ms(at("2026-03-29T01:00:00Z")), 2.0 * HOUR);
        assert_eq!(Berlin.offset_ms(at("2026-10-25T00:59:59Z")), 2.0 * HOUR);
        assert_eq!(Berlin.offset_ms(at("2026-10-25T01:00:00Z")), HOUR);
        assert_eq!(NewYork.offset_ms(at("2026-03-08T06:59:59Z")), -5.0 * HOUR);
        assert_eq!(NewYork.offset_ms(at("2026-03-08T07:00:00Z")), -4.0 * HOUR);
        assert_eq!(NewYork.offset_ms(at("2026-11-01T05:59:59Z")), -4.0 * HOUR);
        assert_eq!(NewYork.offset_ms(at("2026-11-01T06:00:00Z")), -5.0 * HOUR);
    }

    fn office() -> Calendar {
        Calendar::new(parse_hours("Mon-Fri 09:00-17:00").0, Default::default())
    }

    fn b(text: &str) -> Business {
        parse_span(text).unwrap().business().unwrap()
    }

    #[test]
    fn open_time_across_a_clock_change_in_berlin() {
        let cal = office();
        // Friday 27 March 2026, 10:00 CET; Berlin springs forward on Sunday.
        let fri = at("2026-03-27T09:00:00Z");
        // Seven open hours on Friday, one on Monday: 10:00 CEST is 08:00 UTC.
        assert_eq!(
            to_iso(cal.add_open(&Berlin, fri, b("8bh")).unwrap()),
            "2026-03-30T08:00:00.000Z"
        );
        // One open day: the same wall-clock time, Monday 10:00 CEST.
        assert_eq!(
            to_iso(cal.add_open(&Berlin, fri, b("1bd")).unwrap()),
            "2026-03-30T08:00:00.000Z"
        );
        // Autumn: Friday 23 October 16:00 CEST, 1bd is Monday 16:00 CET.
        let fri = at("2026-10-23T14:00:00Z");
        assert_eq!(
            to_iso(cal.add_open(&Berlin, fri, b("1bd")).unwrap()),
            "2026-10-26T15:00:00.000Z"
        );
    }

    #[test]
    fn open_time_across_a_clock_change_in_new_york() {
        let cal = office();
        // Friday 30 October 2026, 16:00 EDT; New York falls back on Sunday.
        let fri = at("2026-10-30T20:00:00Z");
        assert_eq!(
            to_iso(cal.add_open(&NewYork, fri, b("1bd")).unwrap()),
            "2026-11-02T21:00:00.000Z"
        );
        assert_eq!(
            to_iso(cal.add_open(&NewYork, fri, b("2bh")).unwrap()),
            "2026-11-02T15:00:00.000Z"
        );
        // Spring: Friday 6 March 2026 16:00 EST, 1bd is Monday 16:00 EDT.
        let fri = at("2026-03-06T21:00:00Z");
        assert_eq!(
            to_iso(cal.add_open(&NewYork, fri, b("1bd")).unwrap()),
            "2026-03-09T20:00:00.000Z"
        );
    }

    /// A night shift across the spring change holds one hour less that day.
    #[test]
    fn a_night_shift_across_the_spring_change_is_shorter() {
        let cal = Calendar::new(parse_hours("Sat 22:00-06:00").0, Default::default());
        let sat = at("2026-03-28T21:00:00Z"); // Saturday 22:00 CET
        let open = cal.open_between(&Berlin, sat, sat + 24.0 * HOUR).unwrap();
        assert_eq!(open, 7.0 * HOUR);
    }

    fn zone(i: u8) -> &'static dyn Zone {
        if i.is_multiple_of(2) {
            &Berlin
        } else {
            &NewYork
        }
    }

    /// 2026 and 2027 around both clock changes of both zones.
    fn instant() -> impl Strategy<Value = f64> {
        let from = at("2026-01-01T00:00:00Z");
        (0u32..(2 * 365 * 24 * 4)).prop_map(move |q| from + f64::from(q) * 15.0 * 60_000.0)
    }

    fn calendar() -> impl Strategy<Value = Calendar> {
        prop::sample::select(vec![
            "Mon-Fri 09:00-17:00",
            "Mon-Fri 09:00-12:30 13:30-17:00; Sat 10:00-14:00",
            "Sat-Sun 22:00-06:00",
            "Mon-Sun 00:30-03:30",
        ])
        .prop_flat_map(|hours| {
            prop::sample::select(vec!["", "2026-03-30", "2026-11-02, 2026-12-24/2026-12-31"])
                .prop_map(move |holidays| {
                    Calendar::new(parse_hours(hours).0, parse_holidays(holidays).0)
                })
        })
    }

    fn duration() -> impl Strategy<Value = Business> {
        (0u32..4, 0u32..20).prop_map(|(days, quarters)| Business {
            days,
            secs: f64::from(quarters) * 900.0,
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Adding open time never lands in closed time: the due time is open,
        /// or exactly where an open range ends; open hours added from an open
        /// start are exactly that much open time.
        #[test]
        fn never_lands_in_closed_time(cal in calendar(), z in 0u8..2, start in instant(), d in duration()) {
            let zone = zone(z);
            let due = cal.add_open(zone, start, d).unwrap();
            prop_assert!(due >= start);
            if !d.is_zero() {
                let open = cal.is_open(zone, due).unwrap();
                let closing = cal.open_between(zone, due - 60_000.0, due).unwrap() > 0.0;
                prop_assert!(open || closing, "{} from {} is due {} in closed time", d.secs, to_iso(start), to_iso(due));
            }
            if d.days == 0 && d.secs > 0.0 {
                prop_assert_eq!(cal.open_between(zone, start, due).unwrap(), d.secs * 1000.0);
            }
        }

        /// A later start, or more open time, is never due earlier.
        #[test]
        fn monotonic(cal in calendar(), z in 0u8..2, start in instant(), later in 0u32..(4 * 24 * 4), d in duration(), more in 0u32..8) {
            let zone = zone(z);
            let due = cal.add_open(zone, start, d).unwrap();
            let start2 = start + f64::from(later) * 15.0 * 60_000.0;
            prop_assert!(cal.add_open(zone, start2, d).unwrap() >= due);
            let longer = Business { days: d.days, secs: d.secs + f64::from(more) * 900.0 };
            prop_assert!(cal.add_open(zone, start, longer).unwrap() >= due);
            let day_more = Business { days: d.days + 1, secs: d.secs };
            prop_assert!(cal.add_open(zone, start, day_more).unwrap() >= due);
        }
    }

    /// Converts test JSON into the crate's JSON.
    fn json(v: serde_json::Value) -> Json {
        match v {
            serde_json::Value::Null => Json::Null,
            serde_json::Value::Bool(b) => Json::Bool(b),
            serde_json::Value::Number(n) => Json::Num(n.as_f64().unwrap()),
            serde_json::Value::String(s) => Json::Str(s),
            serde_json::Value::Array(a) => Json::Arr(a.into_iter().map(json).collect()),
            serde_json::Value::Object(o) => {
                Json::Obj(o.into_iter().map(|(k, v)| (k, json(v))).collect())
            }
        }
    }

    /// UTC formatting, plus the zone rules of the two test zones.
    struct Zoned;
    impl Format for Zoned {
        fn number(&self, n: f64) -> String {
            Plain.number(n)
        }
        fn percent(&self, f: f64) -> String {
            Plain.percent(f)
        }
        fn duration(&self, s: f64) -> String {
            Plain.duration(s)
        }
        fn date_time(&self, ms: f64) -> String {
            to_iso(ms)
        }
        fn when(&self, ms: f64, _now: f64) -> String {
            to_iso(ms)
        }
        fn duration_long(&self, s: f64) -> String {
            Plain.duration_long(s)
        }
        fn relative(&self, v: f64, u: crate::plan::clock::Unit) -> String {
            Plain.relative(v, u)
        }
        fn list(&self, items: &[String]) -> String {
            Plain.list(items)
        }
        fn zone_offset(&self, zone: &str, t: f64) -> f64 {
            match zone {
                "Europe/Berlin" => Berlin.offset_ms(t),
                "America/New_York" => NewYork.offset_ms(t),
                _ => 0.0,
            }
        }
    }

    fn render(config: &Config, doc: serde_json::Value, now: f64) -> crate::plan::View {
        let (doc, warnings) = parse_doc(&json(doc), true).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let mut e = Engine::new(config.clone(), Default::default());
        e.accept(&doc, Source::Replace, now);
        e.render(&Strings::default(), &Zoned, now);
        e.view().unwrap().clone()
    }

    fn berlin() -> Config {
        crate::input::config::parse(|n| match n {
            "time-zone" => Some("Europe/Berlin".into()),
            "holidays" => Some("2026-12-25".into()),
            _ => None,
        })
        .0
    }

    #[test]
    fn friday_16_55_with_one_business_day_is_monday() {
        let now = at("2026-11-27T15:55:00Z"); // Friday 16:55 in Berlin
        let v = render(
            &berlin(),
            serde_json::json!({ "steps": [
                { "id": "reply", "status": "active", "estimate": "1bd", "startedAt": "2026-11-27T15:55:00Z" }
            ]}),
            now,
        );
        assert_eq!(v.remaining, "Expected by 2026-11-30T15:55:00.000Z");
        assert_eq!(v.steps[0].time, "Expected by 2026-11-30T15:55:00.000Z");
    }

    #[test]
    fn steps_chain_on_the_calendar_and_holidays_are_closed() {
        let now = at("2026-12-24T14:00:00Z"); // Thursday 15:00 in Berlin
        let v = render(
            &berlin(),
            serde_json::json!({ "steps": [
                { "id": "a", "estimate": "4bh" },
                { "id": "b", "estimate": "30m" },
                { "id": "c", "estimate": "1bd" },
                { "id": "o", "estimate": "2bh", "optional": true }
            ]}),
            now,
        );
        // Thursday 15-17, Friday a holiday, the weekend closed, Monday 9-11.
        assert_eq!(v.steps[0].time, "Expected by 2026-12-28T10:00:00.000Z");
        assert_eq!(v.steps[1].time, "", "plain estimates show no calendar time");
        // From Monday 11:30: the same time one open day later.
        assert_eq!(v.steps[2].time, "Expected by 2026-12-29T10:30:00.000Z");
        assert_eq!(v.remaining, "Expected by 2026-12-29T10:30:00.000Z");
        // An optional step starts where the counted ones have got to.
        assert_eq!(v.steps[3].time, "Expected by 2026-12-29T12:30:00.000Z");
    }

    #[test]
    fn the_documents_calendar_wins_over_the_attributes() {
        let now = at("2026-11-27T15:55:00Z");
        let v = render(
            &berlin(),
            serde_json::json!({ "timeZone": "America/New_York", "hours": "Mon-Sat 09:00-17:00",
                "steps": [{ "id": "a", "estimate": "1bh" }] }),
            now,
        );
        // Friday 10:55 in New York: open, one hour later.
        assert_eq!(v.remaining, "Expected by 2026-11-27T16:55:00.000Z");
    }

    #[test]
    fn without_business_estimates_nothing_changes() {
        let now = at("2026-11-27T15:55:00Z");
        let v = render(
            &berlin(),
            serde_json::json!({ "steps": [{ "id": "a", "estimate": "2h" }] }),
            now,
        );
        assert_eq!(v.remaining, "About 120 minutes left");
        assert_eq!(v.steps[0].time, "");
    }
    #[test]
    fn finished_steps_that_disagree_make_a_range_that_leans_late() {
        let now = at("2026-11-20T15:00:00Z");
        let doc = |b_start: &str| {
            serde_json::json!({ "steps": [
                { "id": "a", "estimate": "2m", "status": "complete", "startedAt": "2026-11-20T14:50:00Z", "completedAt": "2026-11-20T14:54:00Z" },
                { "id": "b", "estimate": "2m", "status": "complete", "startedAt": b_start, "completedAt": "2026-11-20T14:56:00Z" },
                { "id": "c", "estimate": "4m" }
            ]})
        };
        let v = render(&Config::default(), doc("2026-11-20T14:54:00Z"), now);
        assert_eq!(
            v.remaining,
            "About 5 minutes–8 minutes left · based on your progress so far"
        );
        // Both took twice their estimate: they agree, one value.
        let v = render(&Config::default(), doc("2026-11-20T14:52:00Z"), now);
        assert_eq!(
            v.remaining,
            "About 6 minutes left · based on your progress so far"
        );
    }

    #[test]
    fn completed_steps_with_an_eta_say_on_time_or_how_late() {
        let now = at("2026-11-20T15:00:00Z");
        let v = render(
            &Config::default(),
            serde_json::json!({ "nextUpdateBy": "2026-11-20T14:00:00Z", "steps": [
                { "id": "a", "status": "complete", "eta": "2026-11-19T14:10:00Z", "completedAt": "2026-11-19T16:10:00Z" },
                { "id": "b", "status": "complete", "eta": "2026-11-20T12:00:00Z", "completedAt": "2026-11-20T12:00:00Z" },
                { "id": "c" }
            ]}),
            now,
        );
        assert_eq!(
            v.steps[0].time,
            "Completed 2026-11-19T16:10:00.000Z — 120 minutes late"
        );
        assert_eq!(
            v.steps[1].time,
            "Completed 2026-11-20T12:00:00.000Z — on time"
        );
        assert_eq!(
            v.promise,
            "We said 2026-11-20T14:00:00.000Z — still waiting"
        );
    }

    fn engine_with(doc: serde_json::Value, now: f64) -> Engine {
        let (doc, _) = parse_doc(&json(doc), true).unwrap();
        let mut e = Engine::new(Config::default(), Default::default());
        e.accept(&doc, Source::Replace, now);
        e
    }

    fn patch(e: &mut Engine, doc: serde_json::Value, now: f64) {
        let (doc, _) = parse_doc(&json(doc), false).unwrap();
        e.accept(&doc, Source::Patch, now);
    }

    #[test]
    fn each_promise_resolves_once_and_not_at_the_first_render() {
        let t0 = at("2026-11-20T15:00:00Z");
        let doc = serde_json::json!({ "nextUpdateBy": "2026-11-20T16:00:00Z", "steps": [
            { "id": "old", "status": "complete", "eta": "2026-11-20T10:00:00Z", "completedAt": "2026-11-20T11:00:00Z" },
            { "id": "a", "status": "active", "eta": "2026-11-20T15:30:00Z" },
            { "id": "b", "eta": "2026-11-20T17:00:00Z" }
        ]});
        let mut e = engine_with(doc, t0);
        let first = e.render(&Strings::default(), &Zoned, t0);
        assert!(
            first.promises.is_empty(),
            "resolved before the first render: silent"
        );
        // `a` completes by its eta: kept.
        let t1 = t0 + 0.25 * HOUR;
        patch(
            &mut e,
            serde_json::json!({ "steps": [{ "id": "a", "status": "complete", "completedAt": "2026-11-20T15:15:00Z" }] }),
            t1,
        );
        let r = e.render(&Strings::default(), &Zoned, t1);
        let kinds: Vec<_> = r
            .promises
            .iter()
            .map(|p| {
                (
                    p.kind.name(),
                    p.step_id.clone(),
                    p.kept,
                    p.actual_ms.map(to_iso),
                )
            })
            .collect();
        assert_eq!(
            kinds,
            [
                (
                    "eta",
                    Some("a".into()),
                    true,
                    Some("2026-11-20T15:15:00.000Z".into())
                ),
                ("reply", None, true, Some("2026-11-20T15:15:00.000Z".into()))
            ]
        );
        let remembered = r.record.iter().filter(|k| k.starts_with('p')).count();
        assert_eq!(remembered, 2, "remembered under the storage key");
        // Nothing new at the next render.
        assert!(e
            .render(&Strings::default(), &Zoned, t1 + 1000.0)
            .promises
            .is_empty());
        // `b`'s time passes first: missed, no actual time; once.
        let t2 = at("2026-11-20T17:00:01Z");
        let r = e.render(&Strings::default(), &Zoned, t2);
        assert_eq!(r.promises.len(), 1);
        assert_eq!((r.promises[0].kept, r.promises[0].actual_ms), (false, None));
        assert!(e
            .render(&Strings::default(), &Zoned, t2 + HOUR)
            .promises
            .is_empty());
        // Completing it late afterwards is wording, not a second event.
        patch(
            &mut e,
            serde_json::json!({ "steps": [{ "id": "b", "status": "complete", "completedAt": "2026-11-20T18:00:00Z" }] }),
            t2 + HOUR,
        );
        let r = e.render(&Strings::default(), &Zoned, t2 + HOUR);
        assert!(r.promises.is_empty());
        assert_eq!(
            e.view().unwrap().steps[2].time,
            "Completed 2026-11-20T18:00:00.000Z — 60 minutes late"
        );
    }

    #[test]
    fn promises_fired_under_the_storage_key_do_not_fire_again() {
        let t0 = at("2026-11-20T15:00:00Z");
        let doc = serde_json::json!({ "nextUpdateBy": "2026-11-20T16:00:00Z", "steps": [{ "id": "a", "eta": "2026-11-20T15:30:00Z" }] });
        let mut e = engine_with(doc.clone(), t0);
        e.render(&Strings::default(), &Zoned, t0);
        let r = e.render(&Strings::default(), &Zoned, t0 + 2.0 * HOUR);
        assert_eq!(r.promises.len(), 2);
        let fired = r.record;
        // A reload: the same key remembers both.
        let mut e = engine_with(doc, t0);
        e.set_fired(fired);
        e.render(&Strings::default(), &Zoned, t0);
        assert!(e
            .render(&Strings::default(), &Zoned, t0 + 2.0 * HOUR)
            .promises
            .is_empty());
    }
    #[test]
    fn stall_after_in_open_time_waits_over_the_weekend() {
        let config = crate::input::config::parse(|n| match n {
            "src" => Some("/s".into()),
            "stall-after" => Some("1bd".into()),
            "time-zone" => Some("Europe/Berlin".into()),
            _ => None,
        })
        .0;
        // Last update Friday 16:00 in Berlin: stalled only after Monday 16:00.
        let fri = at("2026-11-27T15:00:00Z");
        let (doc, _) = parse_doc(
            &json(serde_json::json!({ "updatedAt": "2026-11-27T15:00:00Z", "steps": [{ "id": "a", "status": "active" }] })),
            true,
        )
        .unwrap();
        let mut e = Engine::new(config, Default::default());
        e.accept(&doc, Source::Remote, fri);
        e.render(&Strings::default(), &Zoned, fri);
        let monday = at("2026-11-30T15:00:00Z");
        let (due, check_at) = e.check_stall(fri + 60_000.0);
        assert_eq!((due, check_at), (None, Some(monday)));
        assert!(e.check_stall(monday - 1.0).0.is_none());
        assert!(e.check_stall(monday + 1.0).0.is_some());
    }
    #[test]
    fn a_newer_document_with_a_new_promise_keeps_the_old_one() {
        let t0 = at("2026-11-20T15:00:00Z");
        let doc = |by: &str, updated: &str| serde_json::json!({ "updatedAt": updated, "nextUpdateBy": by, "steps": [{ "id": "a" }] });
        let mut e = engine_with(doc("2026-11-20T16:00:00Z", "2026-11-20T15:00:00Z"), t0);
        e.render(&Strings::default(), &Zoned, t0);
        let (next, _) = parse_doc(
            &json(doc("2026-11-20T18:00:00Z", "2026-11-20T15:30:00Z")),
            true,
        )
        .unwrap();
        e.accept(&next, Source::Remote, t0 + 0.5 * HOUR);
        let r = e.render(&Strings::default(), &Zoned, t0 + 0.5 * HOUR);
        assert_eq!(r.promises.len(), 1);
        let p = &r.promises[0];
        assert_eq!(
            (p.kind.name(), to_iso(p.promised_ms), p.kept),
            ("reply", "2026-11-20T16:00:00.000Z".into(), true)
        );
        assert_eq!(
            p.actual_ms.map(to_iso).as_deref(),
            Some("2026-11-20T15:30:00.000Z")
        );
        assert!(e
            .render(&Strings::default(), &Zoned, t0 + HOUR)
            .promises
            .is_empty());
    }
    #[test]
    fn long_chains_stop_within_the_walking_budget() {
        let now = at("2026-11-27T15:55:00Z");
        let steps: Vec<_> = (0..1000)
            .map(|i| serde_json::json!({ "id": format!("s{i}"), "estimate": "520bd" }))
            .collect();
        let v = render(&berlin(), serde_json::json!({ "steps": steps }), now);
        assert_eq!(v.remaining, "", "no overall time once the budget is spent");
        assert!(
            !v.steps[0].time.is_empty(),
            "the first steps still have theirs"
        );
        assert!(v.steps[999].time.is_empty());
    }
}
