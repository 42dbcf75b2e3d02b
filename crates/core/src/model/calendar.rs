//! The business calendar: when the other side works, and what a business
//! duration (`4bh`, `2bd`, see [`crate::input::duration::Business`]) means as a
//! point in time.
//!
//! # The rules, in short
//!
//! - **Opening hours** (`hours`) are a weekly schedule in the business's own
//!   wall-clock time: `Mon-Fri 09:00-17:00`, several ranges a day
//!   (`Mon-Fri 09:00-12:30 13:30-17:00; Sat 10:00-14:00`), see
//!   [`parse_hours`]. Without `hours` the schedule is [`DEFAULT_HOURS`].
//! - **Holidays** (`holidays`) are whole local days that are closed, however
//!   the schedule reads; see [`parse_holidays`] and [`holidays_from_json`].
//! - **Open time** is real elapsed time while the business is open: an open
//!   range that a clock change shortens (a night shift across the spring
//!   change) holds less open time that day.
//! - **`n` open hours** from a start end at the earliest instant by which that
//!   much open time has passed since the start. A start in closed time counts
//!   from the next opening, and a due time that falls exactly where an open
//!   range ends is that closing time, not the next opening: `8bh` from Monday
//!   09:00 is Monday 17:00.
//! - **`n` open days** from a start end at the same wall-clock time of day `n`
//!   open days later (an open day is a local day with open hours that is not
//!   a holiday). A start in closed time counts from the next opening. When
//!   that time of day is not open on the last day, the due time is the last
//!   closing before it that day (a Saturday that closes at 14:00 makes a
//!   Friday 16:00 `1bd` due Saturday 14:00: never a further open day), or,
//!   before the day's first opening, the closing before that (so `1bd` from
//!   Friday 19:00 is due Monday 17:00, the end of the next full open day,
//!   not Tuesday 09:00, which is the same open time later).
//! - **Mixed** `1bd 4bh` counts the days first, then the hours from there.
//! - A due time is never in closed time, except exactly at a closing
//!   boundary; zero open time (`0bh`) is due at the start itself.
//! - **Bounded work.** The search never looks further than about three
//!   years ahead ([`HORIZON_DAYS`]): a calendar with no open time in that
//!   time (an empty schedule, years of holidays) has no due time (`None`),
//!   found after at most that many cheap day steps. Business durations are
//!   capped at two years of open time, so every one that can be met is.
//!
//! # Time zones without a time-zone database
//!
//! The calendar works in the business's local wall-clock time, but takes and
//! returns instants (milliseconds since the epoch, UTC). The only thing it
//! needs to know about the zone is its offset at an instant, through the
//! [`Zone`] port; the wasm carries no zone rules.
//!
//! A wall time that a clock change skips (a gap, 02:30 on a spring-forward
//! night) moves forward by the length of the gap (03:30). A wall time that
//! happens twice (an overlap, 02:30 on a fall-back night) is the first of
//! the two. The calendar assumes a zone changes its offset at most once in
//! any two and a half days, which every real zone does.
//!
//! # Design note for the shell: the `Zone` port through `Intl`
//!
//! The shell implements [`Zone`] with one `Intl.DateTimeFormat` per zone
//! name, made once and kept (the constructor is the slow part):
//!
//! ```js
//! const dtf = new Intl.DateTimeFormat("en-US", {
//!   timeZone,            // the `time-zone` attribute / `timeZone` field
//!   hourCycle: "h23",    // midnight is 00, never 24
//!   year: "numeric", month: "numeric", day: "numeric",
//!   hour: "numeric", minute: "numeric", second: "numeric",
//! });
//! export function zoneOffset(utcMs) {
//!   const t = Math.floor(utcMs / 1000) * 1000; // Intl has no milliseconds
//!   const p = {};
//!   for (const { type, value } of dtf.formatToParts(t)) p[type] = value;
//!   const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
//!   return wall - t; // e.g. 3600000 for Europe/Berlin in winter
//! }
//! ```
//!
//! - The constructor throws a `RangeError` for a name it does not know: that
//!   is a warning about `time-zone`, and the viewer's zone is used instead.
//! - The viewer's own zone (no `time-zone`) needs no formatter:
//!   `-new Date(utcMs).getTimezoneOffset() * 60000`.
//! - `{ timeZoneName: "longOffset" }` (`GMT+01:00`) is a shorter way to the
//!   same number where it is supported; formatToParts with numeric fields
//!   works in every browser the widget supports.
//! - On the Rust side the shell declares the function in its `intl.js`
//!   import block and wraps it in a struct that implements [`Zone`]. The
//!   answer must depend on the instant only. The calendar asks about one
//!   offset per open day it walks (consecutive days share their probes),
//!   about thirty more on a day with a clock change, and nothing for
//!   closed days: `2bd` costs a handful of calls, the three-year worst case
//!   about 1,500, so no cache is needed in JS.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::input::duration::Business;
use crate::input::time::parse_iso;
use crate::json::Json;
use crate::num::parse_uint;
use crate::text::{replace_chars, split_ascii};
use crate::warning::Warning;

/// One minute, in milliseconds.
pub const MINUTE_MS: f64 = 60_000.0;
/// One day of wall-clock time, in milliseconds.
pub const DAY_MS: f64 = 86_400_000.0;
/// The schedule when `hours` is absent (or says nothing usable).
pub const DEFAULT_HOURS: &str = "Mon-Fri 09:00-17:00";
/// The search for open time never looks further than this many local days
/// ahead (about three years; the longest business duration is two).
pub const HORIZON_DAYS: i64 = 3 * 366;
/// At most this many holiday entries (dates or date ranges) are kept.
pub const MAX_HOLIDAYS: usize = 1_000;
/// A holiday range (`2026-12-24/2026-12-31`) covers at most this many days.
pub const MAX_HOLIDAY_RANGE_DAYS: i64 = 366;

const DAY_MINUTES: u16 = 1_440;
/// Offsets beyond this are not a real zone's: the calculation gives up.
const MAX_OFFSET_MS: f64 = 18.0 * 3_600_000.0;
/// How far around a local day the zone is probed: every instant whose wall
/// time is on that day lies within it, for any offset up to the maximum.
const PROBE_MARGIN_MS: f64 = 19.0 * 3_600_000.0;
/// The last instant a JavaScript `Date` can hold.
const MAX_INSTANT_MS: f64 = 8.64e15;

const DAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

const ALLOWED_PART: &str =
    "days such as Mon-Fri or Sat,Sun followed by times such as 09:00-17:00; ignoring this part";
const ALLOWED_RANGE: &str =
    "a time range such as 09:00-17:00 or 22:00-02:00, from 00:00 to 24:00; ignoring it";
const ALLOWED_DAYS_ALONE: &str =
    "times after the days, such as Sat 10:00-14:00, or closed; ignoring these days";
const ALLOWED_NOTHING: &str =
    "opening hours such as Mon-Fri 09:00-17:00; using Mon-Fri 09:00-17:00";
const ALLOWED_HOLIDAY: &str =
    "ISO dates such as 2026-12-24 or ranges such as 2026-12-24/2026-12-31, separated by commas; ignoring this one";
const ALLOWED_HOLIDAYS_JSON: &str =
    "an array of ISO dates such as [\"2026-12-24\"]; ignoring holidays";

/// The weekday of a day count from 1970-01-01 (a Thursday): 0 is Monday,
/// 6 is Sunday.
pub fn weekday(day: i64) -> usize {
    (day + 3).rem_euclid(7) as usize
}

/// A weekly schedule of open hours in the business's wall-clock time.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    /// Per weekday (0 is Monday): open ranges as minutes since local
    /// midnight, `[start, end)`, sorted, neither overlapping nor touching,
    /// `end` at most 1440 (24:00).
    days: [Vec<(u16, u16)>; 7],
}

impl Default for Schedule {
    /// Monday to Friday, 09:00 to 17:00.
    fn default() -> Self {
        let day = || vec![(540, 1_020)];
        Schedule {
            days: [day(), day(), day(), day(), day(), Vec::new(), Vec::new()],
        }
    }
}

impl Schedule {
    /// The open ranges of `weekday` (0 is Monday) as minutes since local
    /// midnight, `[start, end)`, sorted and disjoint; empty when closed.
    pub fn ranges(&self, weekday: usize) -> &[(u16, u16)] {
        self.days.get(weekday).map_or(&[], |r| r.as_slice())
    }

    /// Whether the schedule has no open time at all.
    pub fn is_empty(&self) -> bool {
        self.days.iter().all(|d| d.is_empty())
    }

    /// Open minutes in a week.
    pub fn weekly_minutes(&self) -> u32 {
        self.days
            .iter()
            .flatten()
            .map(|&(s, e)| u32::from(e.saturating_sub(s)))
            .sum()
    }
}

/// Sorts `ranges` by start and merges the overlapping and touching ones.
/// An insertion sort: a day has a handful of ranges.
fn normalise(ranges: &mut Vec<(u16, u16)>) {
    for i in 1..ranges.len() {
        let mut j = i;
        while j > 0 {
            let (Some(a), Some(b)) = (ranges.get(j - 1), ranges.get(j)) else {
                break;
            };
            if a.0 <= b.0 {
                break;
            }
            ranges.swap(j - 1, j);
            j -= 1;
        }
    }
    let mut out: Vec<(u16, u16)> = Vec::with_capacity(ranges.len());
    for &(s, e) in ranges.iter() {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    *ranges = out;
}

/// One token of `hours`.
enum Token {
    /// A set of weekdays, bit 0 is Monday.
    Days(u8),
    /// An open range in minutes; an end before the start runs past midnight
    /// and is stored as `end + 1440`.
    Range(u16, u16),
    /// `closed` / `off`: the days named have no open hours.
    Closed,
}

/// The weekday a name means: any prefix of at least two letters of the
/// English name (`Mo`, `Mon`, `Monday`, `thurs`), any case.
fn day_index(name: &str) -> Option<usize> {
    if name.len() < 2 {
        return None;
    }
    DAY_NAMES.iter().position(|full| {
        full.as_bytes()
            .get(..name.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(name.as_bytes()))
    })
}

/// `9:00`, `09:00`, `24:00` as minutes since midnight.
fn clock(text: &str) -> Option<u16> {
    let colon = crate::text::find_ascii(text, b':')?;
    let (h, m) = (text.get(..colon)?, text.get(colon + 1..)?);
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m) = (parse_uint(h)?, parse_uint(m)?);
    if m > 59 || h > 24 || (h == 24 && m > 0) {
        return None;
    }
    u16::try_from(h * 60 + m).ok()
}

fn token(text: &str) -> Option<Token> {
    if text.eq_ignore_ascii_case("closed") || text.eq_ignore_ascii_case("off") {
        return Some(Token::Closed);
    }
    if text.as_bytes().first()?.is_ascii_digit() {
        let dash = crate::text::find_ascii(text, b'-')?;
        let (start, end) = (clock(text.get(..dash)?)?, clock(text.get(dash + 1..)?)?);
        return match start {
            s if s >= DAY_MINUTES || s == end => None,
            s if end > s => Some(Token::Range(s, end)),
            s => Some(Token::Range(s, end + DAY_MINUTES)),
        };
    }
    let mut text = text;
    while text.ends_with(':') || text.ends_with('.') {
        text = text.get(..text.len() - 1)?;
    }
    let (first, last) = match crate::text::find_ascii(text, b'-') {
        Some(dash) => (
            day_index(text.get(..dash)?)?,
            day_index(text.get(dash + 1..)?)?,
        ),
        None => (day_index(text)?, day_index(text)?),
    };
    // A range that runs past Sunday wraps: Fri-Mon is Fri, Sat, Sun, Mon.
    let mut mask = 0u8;
    let mut d = first;
    for _ in 0..7 {
        mask |= 1 << d;
        if d == last {
            break;
        }
        d = (d + 1) % 7;
    }
    Some(Token::Days(mask))
}

/// The text with dashes unified, separators (spaces, tabs, commas) made
/// single spaces, and no spaces around dashes, so `Mon - Fri` and
/// `9:00 – 17:00` read as one token each.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        let c = match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            ',' | '\t' | '\n' | '\r' | '\u{a0}' | ' ' => {
                gap = true;
                continue;
            }
            c => c,
        };
        if gap && !out.is_empty() && !out.ends_with('-') && c != '-' {
            out.push(' ');
        }
        gap = false;
        out.push(c);
    }
    out
}

/// Days and the ranges that follow them, while `hours` is read.
#[derive(Default)]
struct Group<'a> {
    days: u8,
    /// The text of the first day token, for a warning.
    days_text: &'a str,
    ranges: Vec<(u16, u16)>,
    closed: bool,
    /// A part before the times could not be read (a misspelt day): times
    /// without any good day then apply to no day rather than to every day.
    broken: bool,
    /// A time was given, readable or not: the next day starts a new group.
    timed: bool,
}

impl Group<'_> {
    /// Whether the group has its times (a day token now starts a new group).
    fn has_times(&self) -> bool {
        self.closed || self.timed
    }

    /// Gives the days named their ranges: a later group naming a day
    /// replaces what an earlier one said about it.
    fn flush(self, own: &mut [Vec<(u16, u16)>; 7], warnings: &mut Vec<Warning>) {
        if self.ranges.is_empty() && !self.closed {
            if self.days != 0 && !self.timed {
                warnings.push(Warning::new("hours", self.days_text, ALLOWED_DAYS_ALONE));
            }
            return;
        }
        let days = match (self.days, self.broken) {
            (0, true) => return,
            (0, false) => 0x7f,
            (days, _) => days,
        };
        for (d, slot) in own.iter_mut().enumerate() {
            if days & (1 << d) != 0 {
                *slot = self.ranges.clone();
            }
        }
    }
}

/// Parses `hours` into a weekly [`Schedule`], leniently: every part it
/// cannot read is a [`Warning`] and is left out, never the whole text.
///
/// The grammar: groups of days followed by time ranges, groups separated by
/// `;` (or simply by the next day name after a time):
///
/// - days: `Mon`, `Mon-Fri`, lists `Mon,Wed,Fri`; names are any two-letter
///   or longer prefix of the English weekday (`Mo`, `Tue`, `Thursday`), in
///   any case. A range past Sunday wraps: `Sun-Mon` is Sunday and Monday,
///   `Fri-Mon` four days.
/// - times: `09:00-17:00`, several per group separated by spaces or commas;
///   one-digit hours are fine (`9:00`); `24:00` ends a range at midnight;
///   a range whose end is before its start runs past midnight into the next
///   day (`Fri 22:00-02:00` is Friday 22:00-24:00 and Saturday 00:00-02:00).
///   Overlapping and touching ranges merge.
/// - `closed` (or `off`) in place of times: the days named are closed.
/// - times without days apply to every day (but not times after a part
///   that could not be read, such as a misspelt day: those apply to none).
/// - a later group that names a day replaces what an earlier one said about
///   it (`Mon-Fri 09:00-17:00; Fri 09:00-13:00` is a short Friday), except
///   the part of an earlier day's range that ran past midnight.
///
/// A schedule with no open time at all (nothing readable, or every day
/// closed) is a warning and the default, [`DEFAULT_HOURS`].
pub fn parse_hours(text: &str) -> (Schedule, Vec<Warning>) {
    let mut warnings = Vec::new();
    // What each day's last group said (a closed day: nothing).
    let mut own: [Vec<(u16, u16)>; 7] = Default::default();
    let tidied = tidy(text);
    for segment in split_ascii(&tidied, b';') {
        let mut group = Group::default();
        for part in split_ascii(segment, b' ').filter(|p| !p.is_empty()) {
            match token(part) {
                Some(Token::Days(mask)) => {
                    if group.has_times() {
                        core::mem::take(&mut group).flush(&mut own, &mut warnings);
                    }
                    if group.days == 0 {
                        group.days_text = part;
                    }
                    group.days |= mask;
                }
                Some(Token::Range(s, e)) => {
                    group.ranges.push((s, e));
                    group.timed = true;
                }
                Some(Token::Closed) => group.closed = true,
                None if part.as_bytes().first().is_some_and(u8::is_ascii_digit) => {
                    group.timed = true;
                    warnings.push(Warning::new("hours", part, ALLOWED_RANGE));
                }
                None => {
                    if group.has_times() {
                        core::mem::take(&mut group).flush(&mut own, &mut warnings);
                    }
                    group.broken = true;
                    warnings.push(Warning::new("hours", part, ALLOWED_PART));
                }
            }
        }
        group.flush(&mut own, &mut warnings);
    }
    let mut schedule = Schedule {
        days: Default::default(),
    };
    for (d, ranges) in own.iter().enumerate() {
        for &(s, e) in ranges {
            if let Some(day) = schedule.days.get_mut(d) {
                day.push((s, e.min(DAY_MINUTES)));
            }
            if e > DAY_MINUTES {
                if let Some(next) = schedule.days.get_mut((d + 1) % 7) {
                    next.push((0, e - DAY_MINUTES));
                }
            }
        }
    }
    for day in schedule.days.iter_mut() {
        normalise(day);
    }
    if schedule.is_empty() {
        warnings.push(Warning::new("hours", text.trim(), ALLOWED_NOTHING));
        schedule = Schedule::default();
    }
    (schedule, warnings)
}

/// Closed local days: single dates and ranges of dates, as day counts from
/// 1970-01-01 in the business's zone.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Holidays {
    /// Inclusive `(first, last)` day counts, sorted, neither overlapping nor
    /// touching.
    spans: Vec<(i64, i64)>,
}

impl Holidays {
    /// Whether local day `day` (days since 1970-01-01) is a holiday.
    pub fn contains(&self, day: i64) -> bool {
        let i = self.spans.partition_point(|&(_, last)| last < day);
        self.spans.get(i).is_some_and(|&(first, _)| first <= day)
    }

    /// Whether there are no holidays.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Number of separate holiday spans (touching dates count as one).
    pub fn spans(&self) -> usize {
        self.spans.len()
    }

    /// Adds the days `first..=last` (day counts from 1970-01-01).
    pub fn add(&mut self, first: i64, last: i64) {
        let (mut f, mut l) = (first.min(last), first.max(last));
        match self.spans.last() {
            Some(&(_, end)) if end.saturating_add(1) >= f => {}
            _ => {
                // The common case: dates in order.
                self.spans.push((f, l));
                return;
            }
        }
        let mut out = Vec::with_capacity(self.spans.len() + 1);
        let mut placed = false;
        for &(s, e) in &self.spans {
            if e.saturating_add(1) < f {
                out.push((s, e));
            } else if s > l.saturating_add(1) {
                if !placed {
                    out.push((f, l));
                    placed = true;
                }
                out.push((s, e));
            } else {
                f = f.min(s);
                l = l.max(e);
            }
        }
        if !placed {
            out.push((f, l));
        }
        self.spans = out;
    }
}

/// `2026-12-24` as a day count from 1970-01-01.
fn iso_day(text: &str) -> Option<i64> {
    if text.len() != 10 {
        return None;
    }
    Some((parse_iso(text)? / DAY_MS).floor() as i64)
}

/// One holiday entry: a date, or an inclusive range `first/last` of at
/// most [`MAX_HOLIDAY_RANGE_DAYS`] days.
fn holiday(text: &str) -> Option<(i64, i64)> {
    let (a, b) = match crate::text::find_ascii(text, b'/') {
        Some(i) => (text.get(..i)?, text.get(i + 1..)?),
        None => (text, text),
    };
    let (first, last) = (iso_day(a)?, iso_day(b)?);
    (first <= last && last - first < MAX_HOLIDAY_RANGE_DAYS).then_some((first, last))
}

fn add_holiday(holidays: &mut Holidays, warnings: &mut Vec<Warning>, part: &str) -> bool {
    if holidays.spans() >= MAX_HOLIDAYS {
        warnings.push(Warning::new(
            "holidays",
            part,
            "at most 1000 holidays; ignoring the rest",
        ));
        return false;
    }
    match holiday(part) {
        Some((f, l)) => holidays.add(f, l),
        None => warnings.push(Warning::new("holidays", part, ALLOWED_HOLIDAY)),
    }
    true
}

/// Parses the `holidays` attribute: ISO dates separated by commas (or
/// spaces, or semicolons), each a closed local day in the business's zone;
/// `2026-12-24/2026-12-31` is every day from the first to the last. Every
/// entry it cannot read is a [`Warning`] and is left out.
pub fn parse_holidays(text: &str) -> (Holidays, Vec<Warning>) {
    let mut holidays = Holidays::default();
    let mut warnings = Vec::new();
    let tidied = replace_chars(text, &[',', ';', '\t', '\n', '\r'], " ");
    for part in split_ascii(&tidied, b' ').filter(|p| !p.is_empty()) {
        if !add_holiday(&mut holidays, &mut warnings, part) {
            break;
        }
    }
    (holidays, warnings)
}

/// Reads the document's `holidays`: an array of ISO date strings (each as
/// in [`parse_holidays`]); a string is read as the attribute would be. Every
/// entry it cannot read is a [`Warning`] and is left out.
pub fn holidays_from_json(value: &Json) -> (Holidays, Vec<Warning>) {
    match value {
        Json::Str(text) => parse_holidays(text),
        Json::Arr(items) => {
            let mut holidays = Holidays::default();
            let mut warnings = Vec::new();
            for item in items {
                let keep_going = match item {
                    Json::Str(s) => add_holiday(&mut holidays, &mut warnings, s.trim()),
                    other => {
                        warnings.push(Warning::new("holidays", other.kind(), ALLOWED_HOLIDAY));
                        true
                    }
                };
                if !keep_going {
                    break;
                }
            }
            (holidays, warnings)
        }
        other => (
            Holidays::default(),
            vec![Warning::new(
                "holidays",
                other.kind(),
                ALLOWED_HOLIDAYS_JSON,
            )],
        ),
    }
}

/// The port to the business's time zone. The shell implements it with
/// `Intl.DateTimeFormat` (see the module's design note); tests implement it
/// with a zone's rules.
pub trait Zone {
    /// The zone's wall-clock time minus UTC, in milliseconds, at the instant
    /// `utc_ms` (milliseconds since the epoch): `3_600_000.0` for
    /// Europe/Berlin in winter, `-14_400_000.0` for America/New_York in
    /// summer. A value that is not finite or beyond 18 hours makes every
    /// calculation that asked for it give up.
    fn offset_ms(&self, utc_ms: f64) -> f64;
}

/// A zone whose offset never changes; `FixedZone(0.0)` is UTC.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FixedZone(pub f64);

impl Zone for FixedZone {
    fn offset_ms(&self, _utc_ms: f64) -> f64 {
        self.0
    }
}

/// Coordinated Universal Time.
pub const UTC: FixedZone = FixedZone(0.0);

fn offset(zone: &dyn Zone, utc_ms: f64) -> Option<f64> {
    let o = zone.offset_ms(utc_ms);
    (o.is_finite() && o.abs() <= MAX_OFFSET_MS).then_some(o)
}

/// The wall-clock time of instant `utc_ms` in `zone`, as milliseconds that
/// read as that local date and time when taken as UTC.
pub fn to_wall(zone: &dyn Zone, utc_ms: f64) -> Option<f64> {
    Some(utc_ms + offset(zone, utc_ms)?)
}

/// The instant of wall-clock time `wall_ms` (local date and time written as
/// if it were UTC) in `zone`. A wall time in a gap moves forward by the gap's
/// length; one that happens twice is the first.
pub fn to_utc(zone: &dyn Zone, wall_ms: f64) -> Option<f64> {
    if !wall_ms.is_finite() || wall_ms.abs() > MAX_INSTANT_MS {
        return None;
    }
    let day = (wall_ms / DAY_MS).floor() as i64;
    Some(Probe::new(zone).day(day)?.to_utc(wall_ms))
}

/// How one local day's wall times map to instants.
#[derive(Clone, Copy, Debug)]
enum Conv {
    /// One offset all day.
    Fixed(f64),
    /// The offset changes from `before` to `after` at instant `at`.
    Switch { before: f64, after: f64, at: f64 },
}

impl Conv {
    fn offset(self, utc: f64) -> f64 {
        match self {
            Conv::Fixed(o) => o,
            Conv::Switch { before, after, at } => {
                if utc < at {
                    before
                } else {
                    after
                }
            }
        }
    }

    fn to_wall(self, utc: f64) -> f64 {
        utc + self.offset(utc)
    }

    fn to_utc(self, wall: f64) -> f64 {
        match self {
            Conv::Fixed(o) => wall - o,
            Conv::Switch { before, after, .. } => {
                let (first, second) = (wall - before, wall - after);
                let real = |u: f64| self.offset(u) == wall - u;
                match (real(first), real(second)) {
                    // An overlap: the wall time happens twice; take the first.
                    (true, true) => first.min(second),
                    (false, true) => second,
                    // Otherwise `first` is real, or the wall time is in a gap,
                    // where the offset from before moves it forward past it.
                    _ => first,
                }
            }
        }
    }
}

/// Asks the zone about local days, remembering a stretch of time over which
/// the offset is known not to change, so that consecutive days cost one
/// question each.
struct Probe<'z> {
    zone: &'z dyn Zone,
    /// `(from, to, offset)`: the offset on `[from, to]`.
    known: Option<(f64, f64, f64)>,
}

impl<'z> Probe<'z> {
    fn new(zone: &'z dyn Zone) -> Self {
        Probe { zone, known: None }
    }

    fn at(&self, utc: f64) -> Option<f64> {
        match self.known {
            Some((from, to, o)) if from <= utc && utc <= to => Some(o),
            _ => offset(self.zone, utc),
        }
    }

    /// How local day `day` maps to instants: its offset is probed before the
    /// earliest and after the latest instant any of its wall times can be;
    /// when the two differ, the change is found by bisection.
    fn day(&mut self, day: i64) -> Option<Conv> {
        let start = day as f64 * DAY_MS;
        let (lo, hi) = (start - PROBE_MARGIN_MS, start + DAY_MS + PROBE_MARGIN_MS);
        let (before, after) = (self.at(lo)?, self.at(hi)?);
        if before == after {
            self.known = match self.known {
                Some((from, to, o)) if o == before && from <= lo && lo <= to => Some((from, hi, o)),
                _ => Some((lo, hi, before)),
            };
            return Some(Conv::Fixed(before));
        }
        let (mut a, mut b) = (lo, hi);
        while b - a > 1.0 {
            let mid = ((a + b) / 2.0).floor();
            if offset(self.zone, mid)? == before {
                a = mid;
            } else {
                b = mid;
            }
        }
        self.known = Some((b, hi, after));
        Some(Conv::Switch {
            before,
            after,
            at: b,
        })
    }
}

/// One stretch of open time: `[start, end)` in UTC milliseconds, on local
/// day `day`.
#[derive(Clone, Copy, Debug)]
struct Interval {
    day: i64,
    start: f64,
    end: f64,
    conv: Conv,
}

/// The open stretches from an instant on, in order, each starting no
/// earlier than the instant and than the end of the one before.
struct Open<'a> {
    calendar: &'a Calendar,
    probe: Probe<'a>,
    day: i64,
    conv: Option<Conv>,
    index: usize,
    floor: f64,
    last_day: i64,
    failed: bool,
}

impl<'a> Open<'a> {
    fn new(calendar: &'a Calendar, zone: &'a dyn Zone, from: f64) -> Self {
        // No local day before this one has a wall time at or after `from`.
        let day = ((from - PROBE_MARGIN_MS) / DAY_MS).floor() as i64;
        Open {
            calendar,
            probe: Probe::new(zone),
            day,
            conv: None,
            index: 0,
            floor: from,
            last_day: day + HORIZON_DAYS,
            failed: false,
        }
    }
}

impl Iterator for Open<'_> {
    type Item = Interval;

    fn next(&mut self) -> Option<Interval> {
        let schedule = &self.calendar.schedule;
        loop {
            if let Some(conv) = self.conv {
                let ranges = schedule.ranges(weekday(self.day));
                if let Some(&(s, e)) = ranges.get(self.index) {
                    self.index += 1;
                    let midnight = self.day as f64 * DAY_MS;
                    let start = conv.to_utc(midnight + f64::from(s) * MINUTE_MS);
                    let end = conv.to_utc(midnight + f64::from(e) * MINUTE_MS);
                    let start = start.max(self.floor);
                    if end <= start {
                        continue;
                    }
                    self.floor = end;
                    return Some(Interval {
                        day: self.day,
                        start,
                        end,
                        conv,
                    });
                }
                self.conv = None;
                self.day += 1;
            }
            if self.day > self.last_day {
                return None;
            }
            if self.calendar.holidays.contains(self.day)
                || schedule.ranges(weekday(self.day)).is_empty()
            {
                self.day += 1;
                continue;
            }
            let Some(conv) = self.probe.day(self.day) else {
                self.failed = true;
                return None;
            };
            self.conv = Some(conv);
            self.index = 0;
        }
    }
}

fn usable(ms: f64) -> bool {
    ms.is_finite() && ms.abs() <= MAX_INSTANT_MS
}

/// A business's opening hours and holidays; the zone is passed to each
/// question, as the port the shell provides.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Calendar {
    /// Weekly open hours.
    pub schedule: Schedule,
    /// Closed days.
    pub holidays: Holidays,
}

impl Calendar {
    /// A calendar of `schedule` and `holidays`.
    pub fn new(schedule: Schedule, holidays: Holidays) -> Self {
        Calendar { schedule, holidays }
    }

    /// When a business duration `d` that starts at `start_ms` is due, as UTC
    /// milliseconds (the rules are in the module documentation). `None` when
    /// the calendar has no open time within reach (see [`HORIZON_DAYS`]),
    /// the start is not a usable instant, or the zone gave an
    /// unusable offset.
    pub fn add_open(&self, zone: &dyn Zone, start_ms: f64, d: Business) -> Option<f64> {
        if !usable(start_ms) || !d.secs.is_finite() {
            return None;
        }
        if d.is_zero() {
            return Some(start_ms);
        }
        if self.schedule.is_empty() {
            return None;
        }
        let mut t = start_ms;
        if d.days > 0 {
            t = self.add_days(zone, t, d.days)?;
        }
        if d.secs > 0.0 {
            t = self.add_ms(zone, t, d.secs * 1000.0)?;
        }
        Some(t)
    }

    /// The same time of day `n` open days later (`n` at least 1).
    fn add_days(&self, zone: &dyn Zone, start: f64, n: u32) -> Option<f64> {
        let mut open = Open::new(self, zone, start);
        let first = open.next()?;
        let time_of_day = first.conv.to_wall(first.start) - first.day as f64 * DAY_MS;
        let (mut day, mut count, mut prev_close) = (first.day, 0, first.end);
        let target = loop {
            let iv = open.next()?;
            if iv.day != day {
                day = iv.day;
                count += 1;
                if count == n {
                    break iv;
                }
            }
            prev_close = iv.end;
        };
        let due = target.conv.to_utc(target.day as f64 * DAY_MS + time_of_day);
        if due <= target.start {
            // Before the day's first opening: the same open time was already
            // reached at the closing before it.
            return Some(prev_close);
        }
        let mut best = due.min(target.end);
        for iv in open {
            if iv.day != target.day || iv.start >= due {
                break;
            }
            best = due.min(iv.end);
        }
        Some(best)
    }

    /// The earliest instant by which `ms` of open time has passed since
    /// `start` (`ms` above 0).
    fn add_ms(&self, zone: &dyn Zone, start: f64, ms: f64) -> Option<f64> {
        let mut left = ms;
        for iv in Open::new(self, zone, start) {
            let len = iv.end - iv.start;
            if left <= len {
                return Some(iv.start + left);
            }
            left -= len;
        }
        None
    }

    /// Open time, in milliseconds, between the instants `from_ms` and
    /// `to_ms` (0 when `to_ms` is not after `from_ms`). `None` when the two
    /// are more than [`HORIZON_DAYS`] apart or the zone gave an unusable offset.
    pub fn open_between(&self, zone: &dyn Zone, from_ms: f64, to_ms: f64) -> Option<f64> {
        if !usable(from_ms) || !usable(to_ms) {
            return None;
        }
        if to_ms <= from_ms {
            return Some(0.0);
        }
        if to_ms - from_ms > (HORIZON_DAYS - 2) as f64 * DAY_MS {
            return None;
        }
        let mut open = Open::new(self, zone, from_ms);
        let mut total = 0.0;
        for iv in open.by_ref() {
            if iv.start >= to_ms {
                break;
            }
            total += iv.end.min(to_ms) - iv.start;
        }
        (!open.failed).then_some(total)
    }

    /// Whether the business is open at instant `t_ms` (an open range
    /// includes its opening and excludes its closing). `None` as for
    /// [`Calendar::open_between`].
    pub fn is_open(&self, zone: &dyn Zone, t_ms: f64) -> Option<bool> {
        if !usable(t_ms) {
            return None;
        }
        let mut open = Open::new(self, zone, t_ms);
        match open.next() {
            Some(iv) => Some(iv.start == t_ms),
            None => (!open.failed).then_some(false),
        }
    }

    /// The first open instant at or after `t_ms`: `t_ms` itself when open,
    /// else the next opening. `None` when there is none within reach.
    pub fn next_open(&self, zone: &dyn Zone, t_ms: f64) -> Option<f64> {
        if !usable(t_ms) {
            return None;
        }
        Open::new(self, zone, t_ms).next().map(|iv| iv.start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(text: &str) -> Schedule {
        let (s, w) = parse_hours(text);
        assert!(w.is_empty(), "{text:?}: {w:?}");
        s
    }

    fn warned(text: &str) -> (Schedule, Vec<String>) {
        let (s, w) = parse_hours(text);
        (s, w.into_iter().map(|w| w.value).collect())
    }

    fn day(ranges: &[(&str, &str)]) -> Vec<(u16, u16)> {
        ranges
            .iter()
            .map(|(a, b)| (clock(a).unwrap(), clock(b).unwrap()))
            .collect()
    }

    #[test]
    fn weekdays_from_day_counts() {
        assert_eq!(weekday(0), 3, "1970-01-01 was a Thursday");
        assert_eq!(weekday(-1), 2);
        let monday = crate::input::time::days_from_civil(2026, 11, 23);
        assert_eq!(weekday(monday), 0);
        assert_eq!(weekday(monday + 6), 6);
    }

    #[test]
    fn the_default_is_office_hours() {
        let s = Schedule::default();
        assert_eq!(s, hours(DEFAULT_HOURS));
        assert_eq!(s.ranges(0), day(&[("09:00", "17:00")]).as_slice());
        assert!(s.ranges(5).is_empty() && s.ranges(6).is_empty());
        assert!(s.ranges(7).is_empty());
        assert_eq!(s.weekly_minutes(), 5 * 8 * 60);
    }

    #[test]
    fn several_ranges_and_groups() {
        let s = hours("Mon-Fri 09:00-12:30 13:30-17:00; Sat 10:00-14:00");
        for d in 0..5 {
            assert_eq!(s.ranges(d), day(&[("09:00", "12:30"), ("13:30", "17:00")]));
        }
        assert_eq!(s.ranges(5), day(&[("10:00", "14:00")]));
        assert!(s.ranges(6).is_empty());
    }

    #[test]
    fn day_lists_names_and_wrapping_ranges() {
        let s = hours("Mon,Wed 09:00-17:00");
        assert_eq!(s.ranges(0).len(), 1);
        assert!(s.ranges(1).is_empty());
        assert_eq!(s.ranges(2).len(), 1);
        let s = hours("sun-mon 10:00-11:00");
        assert!(!s.ranges(6).is_empty() && !s.ranges(0).is_empty());
        assert!((1..6).all(|d| s.ranges(d).is_empty()));
        let s = hours("Fr-Mo 10:00-11:00");
        assert_eq!(
            (0..7).filter(|&d| !s.ranges(d).is_empty()).count(),
            4,
            "Fri, Sat, Sun, Mon"
        );
        let s = hours("Monday-Thursday 9:00-17:00, Friday: 9:00-12:00");
        assert_eq!(s.ranges(3), day(&[("09:00", "17:00")]));
        assert_eq!(s.ranges(4), day(&[("09:00", "12:00")]));
        assert_eq!(hours("Mon - Fri 09:00 – 17:00"), Schedule::default());
        assert_eq!(hours("MO-FR 09:00-17:00"), Schedule::default());
    }

    #[test]
    fn a_group_follows_the_last_time_without_a_semicolon() {
        assert_eq!(
            hours("Mon-Fri 09:00-12:30 13:30-17:00 Sat 10:00-14:00"),
            hours("Mon-Fri 09:00-12:30 13:30-17:00; Sat 10:00-14:00")
        );
    }

    #[test]
    fn midnight_and_overnight() {
        let s = hours("Mon 18:00-24:00; Tue 00:00-24:00");
        assert_eq!(s.ranges(0), day(&[("18:00", "24:00")]));
        assert_eq!(s.ranges(1), day(&[("00:00", "24:00")]));
        let s = hours("Fri 22:00-02:00; Sat 10:00-14:00");
        assert_eq!(s.ranges(4), day(&[("22:00", "24:00")]));
        assert_eq!(
            s.ranges(5),
            day(&[("00:00", "02:00"), ("10:00", "14:00")]),
            "what runs past midnight stays, even when Saturday is named later"
        );
        let s = hours("Sun 22:00-00:00");
        assert_eq!(s.ranges(6), day(&[("22:00", "24:00")]));
        assert!(s.ranges(0).is_empty());
    }

    #[test]
    fn overlapping_ranges_merge() {
        let s = hours("Mon 09:00-12:00 11:00-13:00 13:00-14:00 08:00-08:30");
        assert_eq!(s.ranges(0), day(&[("08:00", "08:30"), ("09:00", "14:00")]));
    }

    #[test]
    fn later_groups_replace_earlier_days() {
        let s = hours("Mon-Fri 09:00-17:00; Fri 09:00-13:00; Wed closed");
        assert_eq!(s.ranges(4), day(&[("09:00", "13:00")]));
        assert!(s.ranges(2).is_empty());
        assert_eq!(s.ranges(0), day(&[("09:00", "17:00")]));
    }

    #[test]
    fn times_alone_mean_every_day() {
        let s = hours("10:00-16:00");
        assert!((0..7).all(|d| s.ranges(d) == day(&[("10:00", "16:00")])));
    }

    #[test]
    fn bad_parts_warn_and_the_rest_stays() {
        let (s, w) = warned("Mon-Fri 09:00-17:00 25:00-26:00; Funday 10:00-12:00; Sat");
        assert_eq!(s, Schedule::default());
        assert_eq!(w, ["25:00-26:00", "Funday", "Sat"]);
        let (s, w) = warned("Mon 09:00-09:00 9-17 09:60-10:00 24:00-24:00 Tue 10:00-11:00");
        assert_eq!(s.ranges(1), day(&[("10:00", "11:00")]));
        assert!(s.ranges(0).is_empty(), "Monday's ranges are all bad");
        assert_eq!(w, ["09:00-09:00", "9-17", "09:60-10:00", "24:00-24:00"]);
        let (_, warnings) = parse_hours("M 09:00-17:00");
        assert_eq!(warnings.first().map(|w| w.attr.as_str()), Some("hours"));
    }

    #[test]
    fn no_open_time_is_the_default_with_a_warning() {
        for text in ["", "nonsense", "Mon-Sun closed", "Sat"] {
            let (s, w) = parse_hours(text);
            assert_eq!(s, Schedule::default(), "{text:?}");
            assert_eq!(
                w.last().map(|w| w.allowed.as_str()),
                Some(ALLOWED_NOTHING),
                "{text:?}"
            );
        }
    }

    fn d(y: i64, m: i64, day: i64) -> i64 {
        crate::input::time::days_from_civil(y, m, day)
    }

    #[test]
    fn holidays_from_text() {
        let (h, w) = parse_holidays("2026-12-24, 2026-12-25 2026-12-31;2027-01-01");
        assert!(w.is_empty(), "{w:?}");
        for day in [
            d(2026, 12, 24),
            d(2026, 12, 25),
            d(2026, 12, 31),
            d(2027, 1, 1),
        ] {
            assert!(h.contains(day));
        }
        assert!(!h.contains(d(2026, 12, 26)) && !h.contains(d(2026, 12, 23)));
        assert_eq!(h.spans(), 2, "touching dates are one span");
    }

    #[test]
    fn holiday_ranges_and_order() {
        let (h, w) = parse_holidays("2026-12-24/2026-12-31, 2026-08-01/2026-08-02, 2026-12-20");
        assert!(w.is_empty(), "{w:?}");
        assert!((24..=31).all(|day| h.contains(d(2026, 12, day))));
        assert!(h.contains(d(2026, 8, 2)) && h.contains(d(2026, 12, 20)));
        assert!(!h.contains(d(2026, 12, 21)) && !h.contains(d(2027, 1, 1)));
        let mut merged = Holidays::default();
        merged.add(10, 12);
        merged.add(20, 22);
        merged.add(13, 19);
        merged.add(1, 1);
        assert_eq!(merged.spans, [(1, 1), (10, 22)]);
    }

    #[test]
    fn bad_holidays_warn() {
        let (h, w) = parse_holidays(
            "2026-02-30, tomorrow, 2026-12-24, 2026-12-31/2026-12-24, 2026-12-25T10:00Z",
        );
        assert!(h.contains(d(2026, 12, 24)));
        assert_eq!(h.spans(), 1);
        let values: Vec<&str> = w.iter().map(|w| w.value.as_str()).collect();
        assert_eq!(
            values,
            [
                "2026-02-30",
                "tomorrow",
                "2026-12-31/2026-12-24",
                "2026-12-25T10:00Z"
            ]
        );
        assert!(w.iter().all(|w| w.attr == "holidays"));
        let (_, w) = parse_holidays("2026-01-01/2027-06-01");
        assert_eq!(w.len(), 1, "a range longer than a year");
    }

    #[test]
    fn holidays_as_json() {
        let arr = Json::Arr(vec![
            Json::Str("2026-12-24".into()),
            Json::Num(3.0),
            Json::Str(" 2026-12-25 ".into()),
        ]);
        let (h, w) = holidays_from_json(&arr);
        assert!(h.contains(d(2026, 12, 24)) && h.contains(d(2026, 12, 25)));
        assert_eq!(w.len(), 1);
        assert_eq!(w.first().map(|w| w.value.as_str()), Some("a number"));
        let (h, w) = holidays_from_json(&Json::Str("2026-12-24".into()));
        assert!(h.contains(d(2026, 12, 24)) && w.is_empty());
        let (h, w) = holidays_from_json(&Json::Bool(true));
        assert!(h.is_empty() && w.len() == 1);
    }

    #[test]
    fn too_many_holidays_stop_with_one_warning() {
        let many: Vec<Json> = (0..3000)
            .map(|i| {
                Json::Str(crate::input::time::to_iso(f64::from(i) * 2.0 * DAY_MS)[..10].to_string())
            })
            .collect();
        let (h, w) = holidays_from_json(&Json::Arr(many));
        assert_eq!(h.spans(), MAX_HOLIDAYS);
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn dates_before_1970() {
        let (h, _) = parse_holidays("1969-12-31");
        assert!(h.contains(-1) && !h.contains(0) && !h.contains(-2));
    }

    /// Milliseconds of `2026-11-23T10:00Z`-style text.
    fn at(text: &str) -> f64 {
        parse_iso(text).unwrap()
    }

    fn office() -> Calendar {
        Calendar::default()
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

    // 2026-11-20 is a Friday; 2026-11-23 a Monday.

    #[test]
    fn open_hours_skip_the_weekend() {
        let c = office();
        assert_eq!(
            c.add_open(&UTC, at("2026-11-20T15:00Z"), bh(4.0)),
            Some(at("2026-11-23T11:00Z"))
        );
        assert_eq!(
            c.add_open(&UTC, at("2026-11-23T09:00Z"), bh(8.0)),
            Some(at("2026-11-23T17:00Z")),
            "ending exactly at closing is the closing, not the next opening"
        );
        assert_eq!(
            c.add_open(&UTC, at("2026-11-21T12:00Z"), bh(1.0)),
            Some(at("2026-11-23T10:00Z")),
            "a start on Saturday counts from Monday's opening"
        );
        assert_eq!(
            c.add_open(&UTC, at("2026-11-21T12:00Z"), bh(0.0)),
            Some(at("2026-11-21T12:00Z")),
            "no open time is due at once"
        );
    }

    #[test]
    fn open_days_keep_the_time_of_day() {
        let c = office();
        assert_eq!(
            c.add_open(&UTC, at("2026-11-20T16:55Z"), bd(1)),
            Some(at("2026-11-23T16:55Z")),
            "Friday 16:55 + 1bd is Monday 16:55"
        );
        assert_eq!(
            c.add_open(&UTC, at("2026-11-20T19:00Z"), bd(1)),
            Some(at("2026-11-23T17:00Z")),
            "Friday evening + 1bd is due Monday, by its closing"
        );
        assert_eq!(
            c.add_open(&UTC, at("2026-11-23T08:00Z"), bd(1)),
            Some(at("2026-11-23T17:00Z"))
        );
        assert_eq!(
            c.add_open(&UTC, at("2026-11-23T10:30Z"), bd(5)),
            Some(at("2026-11-30T10:30Z"))
        );
        assert_eq!(
            c.add_open(
                &UTC,
                at("2026-11-20T16:00Z"),
                Business {
                    days: 1,
                    secs: 4.0 * 3600.0
                }
            ),
            Some(at("2026-11-24T12:00Z")),
            "1bd 4bh: Monday 16:00, then four open hours"
        );
    }

    #[test]
    fn open_days_on_a_shorter_day_end_at_its_closing() {
        let c = Calendar::new(
            hours("Mon-Fri 09:00-17:00; Sat 10:00-14:00"),
            Holidays::default(),
        );
        assert_eq!(
            c.add_open(&UTC, at("2026-11-20T16:00Z"), bd(1)),
            Some(at("2026-11-21T14:00Z"))
        );
        assert_eq!(
            c.add_open(&UTC, at("2026-11-20T11:00Z"), bd(1)),
            Some(at("2026-11-21T11:00Z"))
        );
        let lunch = Calendar::new(
            hours("Mon-Fri 09:00-12:30 13:30-17:00"),
            Holidays::default(),
        );
        assert_eq!(
            lunch.add_open(&UTC, at("2026-11-20T13:00Z"), bd(1)),
            Some(at("2026-11-23T12:30Z")),
            "a start at lunch counts from the afternoon opening; Monday 13:30 is \
             that opening, and the same open time has passed at the lunch closing"
        );
        assert_eq!(
            lunch.add_open(&UTC, at("2026-11-20T13:45Z"), bd(1)),
            Some(at("2026-11-23T13:45Z"))
        );
        assert_eq!(
            lunch.add_open(&UTC, at("2026-11-20T12:00Z"), bh(1.0)),
            Some(at("2026-11-20T14:00Z"))
        );
    }

    #[test]
    fn holidays_are_closed() {
        let (h, _) = parse_holidays("2026-11-23");
        let c = Calendar::new(Schedule::default(), h);
        assert_eq!(
            c.add_open(&UTC, at("2026-11-20T16:55Z"), bd(1)),
            Some(at("2026-11-24T16:55Z")),
            "the day before a holiday: the Monday holiday is skipped"
        );
        assert_eq!(
            c.add_open(&UTC, at("2026-11-20T16:00Z"), bh(2.0)),
            Some(at("2026-11-24T10:00Z"))
        );
        assert_eq!(c.is_open(&UTC, at("2026-11-23T10:00Z")), Some(false));
    }

    #[test]
    fn open_between_counts_only_open_time() {
        let c = office();
        let h = 3_600_000.0;
        assert_eq!(
            c.open_between(&UTC, at("2026-11-20T15:00Z"), at("2026-11-23T11:00Z")),
            Some(4.0 * h)
        );
        assert_eq!(
            c.open_between(&UTC, at("2026-11-21T00:00Z"), at("2026-11-22T23:00Z")),
            Some(0.0)
        );
        assert_eq!(
            c.open_between(&UTC, at("2026-11-23T10:00Z"), at("2026-11-23T09:00Z")),
            Some(0.0)
        );
        assert_eq!(
            c.open_between(&UTC, at("2026-11-23T00:00Z"), at("2026-11-30T00:00Z")),
            Some(40.0 * h)
        );
        assert_eq!(
            c.open_between(&UTC, 0.0, 4.0 * 365.0 * DAY_MS),
            None,
            "four years is beyond reach"
        );
    }

    #[test]
    fn is_open_and_next_open() {
        let c = office();
        assert_eq!(c.is_open(&UTC, at("2026-11-23T09:00Z")), Some(true));
        assert_eq!(c.is_open(&UTC, at("2026-11-23T16:59Z")), Some(true));
        assert_eq!(c.is_open(&UTC, at("2026-11-23T17:00Z")), Some(false));
        assert_eq!(
            c.next_open(&UTC, at("2026-11-20T17:00Z")),
            Some(at("2026-11-23T09:00Z"))
        );
        assert_eq!(
            c.next_open(&UTC, at("2026-11-23T12:00Z")),
            Some(at("2026-11-23T12:00Z"))
        );
    }

    #[test]
    fn nothing_open_gives_up() {
        let mut empty = office();
        empty.schedule = Schedule {
            days: Default::default(),
        };
        assert_eq!(empty.add_open(&UTC, 0.0, bh(1.0)), None);
        assert_eq!(empty.next_open(&UTC, 0.0), None);
        assert_eq!(empty.is_open(&UTC, 0.0), Some(false));
        // Holidays every day for five years, in ranges of a year.
        let mut h = Holidays::default();
        for y in 2026..2031 {
            h.add(d(y, 1, 1), d(y, 12, 31));
        }
        let c = Calendar::new(Schedule::default(), h);
        assert_eq!(c.add_open(&UTC, at("2026-01-01T00:00Z"), bd(1)), None);
        assert_eq!(c.add_open(&UTC, at("2026-01-01T00:00Z"), bh(1.0)), None);
        assert_eq!(
            c.add_open(&UTC, at("2029-06-01T00:00Z"), bh(1.0)),
            Some(at("2031-01-01T10:00Z")),
            "less than three years closed is waited out"
        );
    }

    #[test]
    fn unusable_input_and_zones() {
        let c = office();
        assert_eq!(c.add_open(&UTC, f64::NAN, bh(1.0)), None);
        assert_eq!(c.add_open(&UTC, 1e300, bh(1.0)), None);
        assert_eq!(c.add_open(&FixedZone(f64::NAN), 0.0, bh(1.0)), None);
        assert_eq!(c.is_open(&FixedZone(f64::INFINITY), 0.0), None);
        assert_eq!(c.open_between(&FixedZone(1e12), 0.0, DAY_MS * 10.0), None);
        assert_eq!(
            c.add_open(
                &UTC,
                0.0,
                Business {
                    days: 0,
                    secs: f64::NAN
                }
            ),
            None
        );
        assert_eq!(to_utc(&UTC, f64::INFINITY), None);
    }

    #[test]
    fn fixed_zones_shift_the_hours() {
        // Tokyo, UTC+9: Monday 09:00 local is Monday 00:00 UTC.
        let tokyo = FixedZone(9.0 * 3_600_000.0);
        let c = office();
        assert_eq!(
            c.next_open(&tokyo, at("2026-11-21T00:00Z")),
            Some(at("2026-11-23T00:00Z"))
        );
        assert_eq!(to_wall(&tokyo, 0.0), Some(9.0 * 3_600_000.0));
        assert_eq!(to_utc(&tokyo, 9.0 * 3_600_000.0), Some(0.0));
    }
}
