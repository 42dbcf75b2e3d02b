//! The business calendar against real zone rules: clock changes in
//! Europe/Berlin and America/New_York, and property tests for adding open
//! time (never lands in closed time, monotonic, additive).
#![cfg(not(target_arch = "wasm32"))]

use momentum_core::input::duration::Business;
use momentum_core::input::time::{parse_iso, to_iso};
use momentum_core::model::calendar::{
    parse_holidays, parse_hours, to_utc, to_wall, weekday, Calendar, Holidays, Zone, UTC,
};
use proptest::prelude::*;

const HOUR: f64 = 3_600_000.0;
const DAY: f64 = 86_400_000.0;

/// The day count of the last `weekday` (0 Monday) on or before `day`.
fn on_or_before(day: i64, wd: usize) -> i64 {
    day - ((weekday(day) + 7 - wd) % 7) as i64
}

/// The day count of the first `weekday` on or after `day`.
fn on_or_after(day: i64, wd: usize) -> i64 {
    day + ((wd + 7 - weekday(day)) % 7) as i64
}

/// The UTC year of an instant.
fn year(utc: f64) -> i64 {
    to_iso(utc)[..4].parse().unwrap()
}

/// Days from 1970-01-01 to a date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    (parse_iso(&format!("{y:04}-{m:02}-{d:02}")).unwrap() / DAY) as i64
}

/// Europe/Berlin since 1996: UTC+1, and UTC+2 from the last Sunday of March
/// to the last Sunday of October, switching at 01:00 UTC.
struct Berlin;

impl Zone for Berlin {
    fn offset_ms(&self, utc: f64) -> f64 {
        let y = year(utc);
        let start = on_or_before(days_from_civil(y, 3, 31), 6) as f64 * DAY + HOUR;
        let end = on_or_before(days_from_civil(y, 10, 31), 6) as f64 * DAY + HOUR;
        if (start..end).contains(&utc) {
            2.0 * HOUR
        } else {
            HOUR
        }
    }
}

/// America/New_York since 2007: UTC-5, and UTC-4 from the second Sunday of
/// March to the first Sunday of November, switching at 02:00 local time.
struct NewYork;

impl Zone for NewYork {
    fn offset_ms(&self, utc: f64) -> f64 {
        let y = year(utc);
        let start = (on_or_after(days_from_civil(y, 3, 1), 6) + 7) as f64 * DAY + 7.0 * HOUR;
        let end = on_or_after(days_from_civil(y, 11, 1), 6) as f64 * DAY + 6.0 * HOUR;
        if (start..end).contains(&utc) {
            -4.0 * HOUR
        } else {
            -5.0 * HOUR
        }
    }
}

fn at(text: &str) -> f64 {
    parse_iso(text).unwrap()
}

fn calendar(hours: &str, holidays: &str) -> Calendar {
    let (schedule, w) = parse_hours(hours);
    assert!(w.is_empty(), "{w:?}");
    let (holidays, w) = parse_holidays(holidays);
    assert!(w.is_empty(), "{w:?}");
    Calendar::new(schedule, holidays)
}

fn bh(hours: f64) -> Business {
    Business {
        days: 0,
        secs: hours * 3600.0,
    }
}

fn bd(days: u32) -> Business {
    Business { days, secs: 0.0 }
}

#[test]
fn the_test_zones_switch_when_the_real_ones_do() {
    // 2026: Berlin switches on 29 March and 25 October, New York on 8 March
    // and 1 November.
    let cases: [(&dyn Zone, &str, f64); 8] = [
        (&Berlin, "2026-03-29T00:59:59Z", 1.0),
        (&Berlin, "2026-03-29T01:00:00Z", 2.0),
        (&Berlin, "2026-10-25T00:59:59Z", 2.0),
        (&Berlin, "2026-10-25T01:00:00Z", 1.0),
        (&NewYork, "2026-03-08T06:59:59Z", -5.0),
        (&NewYork, "2026-03-08T07:00:00Z", -4.0),
        (&NewYork, "2026-11-01T05:59:59Z", -4.0),
        (&NewYork, "2026-11-01T06:00:00Z", -5.0),
    ];
    for (zone, t, hours) in cases {
        assert_eq!(zone.offset_ms(at(t)), hours * HOUR, "{t}");
    }
}

#[test]
fn wall_times_in_gaps_move_forward_and_overlaps_take_the_first() {
    let wall = |t: &str| at(t);
    // Berlin, spring: 02:30 does not exist; it is 03:30 CEST (01:30Z).
    assert_eq!(
        to_utc(&Berlin, wall("2026-03-29T02:30Z")),
        Some(at("2026-03-29T01:30Z"))
    );
    // Berlin, autumn: 02:30 happens twice; the first is CEST (00:30Z).
    assert_eq!(
        to_utc(&Berlin, wall("2026-10-25T02:30Z")),
        Some(at("2026-10-25T00:30Z"))
    );
    // New York, spring: 02:30 is 03:30 EDT (07:30Z).
    assert_eq!(
        to_utc(&NewYork, wall("2026-03-08T02:30Z")),
        Some(at("2026-03-08T07:30Z"))
    );
    // New York, autumn: 01:30 EDT (05:30Z) comes before 01:30 EST.
    assert_eq!(
        to_utc(&NewYork, wall("2026-11-01T01:30Z")),
        Some(at("2026-11-01T05:30Z"))
    );
    // Ordinary times round-trip on both sides of the changes.
    for t in [
        "2026-03-29T00:30:00Z",
        "2026-03-29T03:00:00Z",
        "2026-10-25T03:00:00Z",
        "2026-07-01T12:00:00Z",
        "2026-12-24T09:15:00Z",
    ] {
        for zone in [&Berlin as &dyn Zone, &NewYork, &UTC] {
            let u = at(t);
            assert_eq!(to_utc(zone, to_wall(zone, u).unwrap()), Some(u), "{t}");
        }
    }
}

#[test]
fn two_open_days_from_the_friday_before_spring_forward() {
    let c = Calendar::default();
    // Berlin: Friday 27 March 10:00 CET (09:00Z) -> Tuesday 31 March 10:00
    // CEST (08:00Z): the same local time, an hour less apart in UTC.
    assert_eq!(
        c.add_open(&Berlin, at("2026-03-27T09:00Z"), bd(2)),
        Some(at("2026-03-31T08:00Z"))
    );
    // New York: Friday 6 March 10:00 EST (15:00Z) -> Tuesday 10 March
    // 10:00 EDT (14:00Z).
    assert_eq!(
        c.add_open(&NewYork, at("2026-03-06T15:00Z"), bd(2)),
        Some(at("2026-03-10T14:00Z"))
    );
    // And back in autumn: Berlin Friday 23 October 10:00 CEST (08:00Z) ->
    // Tuesday 27 October 10:00 CET (09:00Z).
    assert_eq!(
        c.add_open(&Berlin, at("2026-10-23T08:00Z"), bd(2)),
        Some(at("2026-10-27T09:00Z"))
    );
}

#[test]
fn four_open_hours_across_an_opening_the_clock_change_moved() {
    let c = Calendar::default();
    // Berlin: Friday 15:00 CET (14:00Z): two hours on Friday, then Monday
    // opens at 09:00 CEST, which is 07:00Z, no longer 08:00Z.
    assert_eq!(
        c.add_open(&Berlin, at("2026-03-27T14:00Z"), bh(4.0)),
        Some(at("2026-03-30T09:00Z"))
    );
    assert_eq!(
        c.open_between(&Berlin, at("2026-03-27T14:00Z"), at("2026-03-30T09:00Z")),
        Some(4.0 * HOUR)
    );
    // New York: Friday 15:00 EST (20:00Z) -> Monday 11:00 EDT (15:00Z).
    assert_eq!(
        c.add_open(&NewYork, at("2026-03-06T20:00Z"), bh(4.0)),
        Some(at("2026-03-09T15:00Z"))
    );
    // New York in autumn: Friday 30 October 15:00 EDT (19:00Z) -> Monday
    // 2 November 11:00 EST (16:00Z).
    assert_eq!(
        c.add_open(&NewYork, at("2026-10-30T19:00Z"), bh(4.0)),
        Some(at("2026-11-02T16:00Z"))
    );
}

#[test]
fn open_time_is_real_time_on_the_night_of_the_change() {
    let always = calendar("Mon-Sun 00:00-24:00", "");
    // Saturday 23:00 CET + 4 open hours is four real hours later: Sunday
    // 04:00 CEST, though the wall clock moved five hours.
    assert_eq!(
        always.add_open(&Berlin, at("2026-03-28T22:00Z"), bh(4.0)),
        Some(at("2026-03-29T02:00Z"))
    );
    // The spring Sunday in Berlin has 23 open hours, the autumn one 25.
    let day = |zone: &dyn Zone, wall: &str| {
        let start = to_utc(zone, at(wall)).unwrap();
        let end = to_utc(zone, at(wall) + DAY).unwrap();
        always.open_between(zone, start, end)
    };
    assert_eq!(day(&Berlin, "2026-03-29T00:00Z"), Some(23.0 * HOUR));
    assert_eq!(day(&Berlin, "2026-10-25T00:00Z"), Some(25.0 * HOUR));
    assert_eq!(day(&NewYork, "2026-03-08T00:00Z"), Some(23.0 * HOUR));
    // A night shift 01:00-04:00 holds two real hours on New York's spring
    // Sunday and four on the autumn one.
    let night = calendar("Sun 01:00-04:00", "");
    assert_eq!(
        day_total(&night, &NewYork, "2026-03-08T00:00Z"),
        Some(2.0 * HOUR)
    );
    assert_eq!(
        day_total(&night, &NewYork, "2026-11-01T00:00Z"),
        Some(4.0 * HOUR)
    );
    // One open day from Saturday 02:30 lands on Sunday's 02:30, which does
    // not exist in Berlin: it is 03:30 CEST.
    assert_eq!(
        always.add_open(&Berlin, at("2026-03-28T01:30Z"), bd(1)),
        Some(at("2026-03-29T01:30Z"))
    );
}

fn day_total(c: &Calendar, zone: &dyn Zone, wall: &str) -> Option<f64> {
    let start = to_utc(zone, at(wall)).unwrap();
    let end = to_utc(zone, at(wall) + DAY).unwrap();
    c.open_between(zone, start, end)
}

#[test]
fn holidays_are_local_days() {
    // 24 December in New York starts at 05:00Z: a start at 04:00Z on the
    // 24th (still the 23rd locally, 23:00) is after closing on the 23rd.
    let c = calendar("Mon-Fri 09:00-17:00", "2026-12-24/2026-12-25");
    assert_eq!(
        c.add_open(&NewYork, at("2026-12-24T04:00Z"), bh(1.0)),
        Some(at("2026-12-28T15:00Z")),
        "Monday 28 December 10:00 EST"
    );
}

#[test]
fn an_all_closed_calendar_gives_up_quickly() {
    let mut h = Holidays::default();
    h.add(days_from_civil(2026, 1, 1), days_from_civil(2040, 1, 1));
    let c = Calendar::new(Default::default(), h);
    for zone in [&Berlin as &dyn Zone, &NewYork] {
        assert_eq!(c.add_open(zone, at("2026-06-01T00:00Z"), bd(3)), None);
        assert_eq!(c.add_open(zone, at("2026-06-01T00:00Z"), bh(3.0)), None);
        assert_eq!(c.next_open(zone, at("2026-06-01T00:00Z")), None);
    }
}

// ---- property tests ----

/// The three zones the properties run in.
fn zone(i: usize) -> &'static dyn Zone {
    match i % 3 {
        0 => &UTC,
        1 => &Berlin,
        _ => &NewYork,
    }
}

fn hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A schedule text from up to three ranges a day, on a quarter-hour grid;
/// ranges may run past midnight.
fn hours_text() -> impl Strategy<Value = String> {
    let range = (0u32..96, 1u32..48).prop_map(|(s, len)| {
        let (s, e) = (s * 15, (s + len) * 15);
        format!(
            "{}-{}",
            hhmm(s),
            if e == 1440 {
                "24:00".into()
            } else {
                hhmm(e % 1440)
            }
        )
    });
    proptest::collection::vec(proptest::collection::vec(range, 0..3), 7).prop_map(|days| {
        let names = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
        days.iter()
            .zip(names)
            .filter(|(r, _)| !r.is_empty())
            .map(|(r, n)| format!("{n} {}", r.join(" ")))
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// A calendar: a schedule and a few holidays in 2026.
fn calendars() -> impl Strategy<Value = Calendar> {
    (hours_text(), proptest::collection::vec(0i64..400, 0..6)).prop_map(|(text, days)| {
        let (schedule, _) = parse_hours(&text);
        let mut holidays = Holidays::default();
        let base = days_from_civil(2026, 1, 1);
        for d in days {
            holidays.add(base + d, base + d);
        }
        Calendar::new(schedule, holidays)
    })
}

/// An instant in 2026 (both clock changes of both zones included), on the
/// quarter hour more often than not, so starts hit openings and closings.
fn instants() -> impl Strategy<Value = f64> {
    let base = days_from_civil(2026, 1, 1) as f64 * DAY;
    prop_oneof![
        (0u32..400 * 96).prop_map(move |q| base + f64::from(q) * 15.0 * 60_000.0),
        (0u32..400 * 1440).prop_map(move |m| base + f64::from(m) * 60_000.0),
    ]
}

fn hours_ms() -> impl Strategy<Value = f64> {
    (0u32..4000).prop_map(|m| f64::from(m) * 60_000.0)
}

fn business(days: u32, ms: f64) -> Business {
    Business {
        days,
        secs: ms / 1000.0,
    }
}

/// Open at `t`, or `t` closes an open range.
fn open_or_closing(c: &Calendar, zone: &dyn Zone, t: f64) -> bool {
    c.is_open(zone, t) == Some(true) || c.is_open(zone, t - 1.0) == Some(true)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A due time is never in closed time, except exactly where an open range
    /// ends; it is after the start.
    #[test]
    fn never_lands_in_closed_time(
        c in calendars(), z in 0usize..3, start in instants(), days in 1u32..4, ms in hours_ms()
    ) {
        prop_assume!(ms > 0.0);
        let zone = zone(z);
        for d in [business(days, 0.0), business(0, ms), business(days, ms)] {
            let due = c.add_open(zone, start, d);
            prop_assert!(due.is_some(), "a calendar with open time always has a due time");
            let due = due.unwrap();
            prop_assert!(due > start);
            prop_assert!(open_or_closing(&c, zone, due), "{d:?}: due {due} is in closed time");
        }
    }

    /// A later start is never due earlier, for open hours and open days.
    #[test]
    fn monotonic_in_the_start(
        c in calendars(), z in 0usize..3, a in instants(), b in instants(),
        days in 0u32..4, ms in hours_ms()
    ) {
        let zone = zone(z);
        let (a, b) = (a.min(b), a.max(b));
        let d = business(days, ms);
        prop_assert!(c.add_open(zone, a, d) <= c.add_open(zone, b, d));
        let only_days = business(days, 0.0);
        prop_assert!(c.add_open(zone, a, only_days) <= c.add_open(zone, b, only_days));
    }

    /// More open time, or more open days, is never due earlier.
    #[test]
    fn monotonic_in_the_duration(
        c in calendars(), z in 0usize..3, start in instants(),
        x in hours_ms(), y in hours_ms(), m in 0u32..6, n in 0u32..6
    ) {
        let zone = zone(z);
        let (x, y) = (x.min(y), x.max(y));
        prop_assert!(
            c.add_open(zone, start, business(0, x)) <= c.add_open(zone, start, business(0, y))
        );
        let (m, n) = (m.min(n), m.max(n));
        prop_assert!(
            c.add_open(zone, start, business(m, 0.0)) <= c.add_open(zone, start, business(n, 0.0))
        );
        prop_assert!(
            c.add_open(zone, start, business(m, x)) <= c.add_open(zone, start, business(m, y))
        );
    }

    /// Adding a then b open hours is adding a + b; the open time between the
    /// start and the due time is what was added.
    #[test]
    fn open_hours_add_up(
        c in calendars(), z in 0usize..3, start in instants(), a in hours_ms(), b in hours_ms()
    ) {
        let zone = zone(z);
        let once = c.add_open(zone, start, business(0, a + b));
        let twice = c
            .add_open(zone, start, business(0, a))
            .and_then(|t| c.add_open(zone, t, business(0, b)));
        prop_assert_eq!(once, twice);
        let due = once.unwrap();
        prop_assert_eq!(c.open_between(zone, start, due), Some(a + b));
    }

    /// On a schedule with the same hours every open day, `n` open days from
    /// an open start keep the wall-clock time of day, on the n-th open day.
    #[test]
    fn open_days_keep_the_time_of_day(
        open in 0u32..88, len in 1u32..8, z in 0usize..3, start in instants(), n in 1u32..8,
        holidays in proptest::collection::vec(0i64..400, 0..6)
    ) {
        let zone = zone(z);
        let (o, e) = (open * 15, (open + len * 4).min(95) * 15);
        let text = format!("Mon-Fri {}-{}", hhmm(o), hhmm(e));
        let (schedule, _) = parse_hours(&text);
        let mut h = Holidays::default();
        let base = days_from_civil(2026, 1, 1);
        for d in holidays {
            h.add(base + d, base + d);
        }
        let c = Calendar::new(schedule, h);
        let start = c.next_open(zone, start).unwrap();
        let due = c.add_open(zone, start, business(n, 0.0)).unwrap();
        let (ws, wd) = (to_wall(zone, start).unwrap(), to_wall(zone, due).unwrap());
        let (ds, dd) = ((ws / DAY).floor() as i64, (wd / DAY).floor() as i64);
        let open_days = (ds + 1..=dd)
            .filter(|&d| weekday(d) < 5 && !c.holidays.contains(d))
            .count();
        if ws.rem_euclid(DAY) == f64::from(o) * 60_000.0 {
            // From an opening, the same open time has passed at the closing
            // of the open day before.
            prop_assert_eq!(wd.rem_euclid(DAY), f64::from(e) * 60_000.0);
            prop_assert_eq!(open_days, n as usize - 1);
        } else {
            prop_assert_eq!(ws.rem_euclid(DAY), wd.rem_euclid(DAY));
            prop_assert_eq!(open_days, n as usize);
        }
    }

    /// The parsers never panic and never leave a calendar without open
    /// time, whatever the text.
    #[test]
    fn parsers_take_any_text(
        text in "([MoTuWeThFrSaSu0-9:;,. -]|[a-z]|\\PC){0,80}"
    ) {
        let (schedule, _) = parse_hours(&text);
        prop_assert!(!schedule.is_empty());
        let _ = parse_holidays(&text);
        let _ = momentum_core::input::duration::parse_span(&text);
    }
}
