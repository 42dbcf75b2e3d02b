//! The duration grammar shared by `data-estimate`, `poll`, `stall-after` and
//! the JSON `estimate` field: `90s`, `2m`, `1h30m`, `2d`, ISO 8601
//! `PT2M` / `P1DT2H`, or a plain number of seconds.
//!
//! Business durations (rule 42) count open time only, on the business's
//! calendar (see [`crate::model::calendar`]): `4bh` is four open hours, `30bm`
//! thirty open minutes, `2bd` two open days, which means the same time of day
//! two open days later. The units mix in falling order, days first:
//! `1bd 4bh` is one open day and then four open hours more. Open days are
//! whole (`1.5bd` is rejected: half of an open day depends on which day it
//! is); hours and minutes may be fractional (`1.5bh`). Business and plain
//! units never mix (`1d 4bh` is rejected), and ISO 8601 has no business form.
//! A business duration asks for at most two years of open time.
//! [`parse`] keeps meaning plain durations only, so every field that has not
//! learned about business time rejects `4bh` exactly as before; a field that
//! accepts both reads it with [`parse_span`].

#[allow(unused_imports)]
use crate::prelude::*;

use crate::num::parse_decimal;

/// The longest duration accepted: ten years, in seconds. Anything longer is a
/// typo, not a plan.
pub const MAX_SECONDS: f64 = 10.0 * 365.0 * 86_400.0;

/// What one duration unit letter is worth, in seconds.
fn unit_seconds(unit: u8) -> Option<f64> {
    match unit.to_ascii_lowercase() {
        b'w' => Some(604_800.0),
        b'd' => Some(86_400.0),
        b'h' => Some(3_600.0),
        b'm' => Some(60.0),
        b's' => Some(1.0),
        _ => None,
    }
}

/// Parses a duration into seconds. Returns `None` for anything that is not a
/// valid, non-negative duration of at most [`MAX_SECONDS`].
pub fn parse(input: &str) -> Option<f64> {
    let s = input.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    let secs = if let Some(rest) = s.strip_prefix(['P', 'p']) {
        parse_iso(rest)?
    } else if let Some(n) = parse_decimal(s) {
        n
    } else {
        parse_compact(s)?
    };
    (secs.is_finite() && (0.0..=MAX_SECONDS).contains(&secs)).then_some(secs)
}

/// `1h30m`, `2d`, `1h 30m`: number-unit pairs, each unit at most once and in
/// falling order.
fn parse_compact(s: &str) -> Option<f64> {
    let mut total = 0.0;
    let mut last_unit = f64::INFINITY;
    let mut rest = s;
    let mut parts = 0;
    while !rest.is_empty() {
        rest = rest.trim_start();
        let num_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'.')
            .count();
        let (num, tail) = rest.split_at_checked(num_len)?;
        let value = parse_decimal(num)?;
        let unit_byte = *tail.as_bytes().first()?;
        let unit = unit_seconds(unit_byte)?;
        if unit >= last_unit {
            return None;
        }
        last_unit = unit;
        total += value * unit;
        rest = tail.get(1..)?;
        parts += 1;
    }
    (parts > 0).then_some(total)
}

/// The part of an ISO 8601 duration after `P`: `[nW][nD][T[nH][nM][nS]]`.
fn parse_iso(s: &str) -> Option<f64> {
    let (date, time) = match s.find(['T', 't']) {
        Some(i) => (s.get(..i)?, Some(s.get(i + 1..)?)),
        None => (s, None),
    };
    let mut total = 0.0;
    let mut any = false;
    for (part, allowed) in [(Some(date), "WD"), (time, "HMS")] {
        let Some(part) = part else { continue };
        if time.is_some() && part.is_empty() && allowed == "HMS" {
            return None; // "PT" with nothing after it
        }
        let mut rest = part;
        let mut last = None::<usize>;
        while !rest.is_empty() {
            let num_len = rest
                .bytes()
                .take_while(|b| b.is_ascii_digit() || *b == b'.' || *b == b',')
                .count();
            let (num, tail) = rest.split_at_checked(num_len)?;
            let num = crate::text::replace_chars(num, &[','], ".");
            let value = parse_decimal(&num)?;
            let unit = tail.as_bytes().first()?.to_ascii_uppercase();
            let pos = allowed.bytes().position(|u| u == unit)?;
            if last.is_some_and(|l| pos <= l) {
                return None;
            }
            last = Some(pos);
            total += value * unit_seconds(if unit == b'M' { b'm' } else { unit })?;
            rest = tail.get(1..)?;
            any = true;
        }
    }
    any.then_some(total)
}

/// The most open days a business duration may ask for: two years of
/// working days. (The calendar looks three years ahead for a due time.)
pub const MAX_BUSINESS_DAYS: u32 = 520;
/// The most open time, in seconds, a business duration may ask for in hours
/// and minutes: two years of round-the-clock opening (17,520 open hours).
pub const MAX_BUSINESS_SECONDS: f64 = 2.0 * 365.0 * 86_400.0;

/// A duration that counts open time only (rule 42): `days` open days first,
/// then `secs` seconds of open time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Business {
    /// Whole open days (`bd`): the same time of day that many open days later.
    pub days: u32,
    /// Open seconds after the days (`bh`, `bm`), at least 0.
    pub secs: f64,
}

impl Business {
    /// Whether the duration asks for no open time at all (`0bh`).
    pub fn is_zero(&self) -> bool {
        self.days == 0 && self.secs <= 0.0
    }
}

/// What a duration field holds: plain elapsed time or open time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Span {
    /// Elapsed seconds, as [`parse`] reads them.
    Plain(f64),
    /// Open time on the business's calendar.
    Business(Business),
}

impl Span {
    /// The seconds of a plain duration; `None` for a business one, whose
    /// length depends on when it starts.
    pub fn plain_secs(&self) -> Option<f64> {
        match self {
            Span::Plain(s) => Some(*s),
            Span::Business(_) => None,
        }
    }

    /// The business duration, if this is one.
    pub fn business(&self) -> Option<Business> {
        match self {
            Span::Plain(_) => None,
            Span::Business(b) => Some(*b),
        }
    }
}

/// Parses a plain or a business duration: everything [`parse`] accepts, as
/// [`Span::Plain`] with the same seconds, and `4bh`, `30bm`, `2bd`,
/// `1bd 4bh` as [`Span::Business`]. `None` for anything else.
pub fn parse_span(input: &str) -> Option<Span> {
    let s = input.trim();
    if s.bytes().any(|b| b.eq_ignore_ascii_case(&b'b')) {
        parse_business(s).map(Span::Business)
    } else {
        parse(s).map(Span::Plain)
    }
}

/// `2bd`, `4bh`, `30bm`, `1bd 4bh`, `1.5bh`: number-unit pairs with a `b`
/// before the unit, each unit at most once and in falling order, whole days.
fn parse_business(s: &str) -> Option<Business> {
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    let mut out = Business { days: 0, secs: 0.0 };
    let mut last_rank = 0u8;
    let mut rest = s;
    while !rest.is_empty() {
        rest = rest.trim_start();
        let num_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'.')
            .count();
        let (num, tail) = rest.split_at_checked(num_len)?;
        let value = parse_decimal(num)?;
        let unit = tail.get(..2)?.as_bytes();
        let (rank, per) = match unit {
            [b'b' | b'B', u] => match u.to_ascii_lowercase() {
                b'd' => (1, 0.0),
                b'h' => (2, 3_600.0),
                b'm' => (3, 60.0),
                _ => return None,
            },
            _ => return None,
        };
        if rank <= last_rank {
            return None;
        }
        last_rank = rank;
        if rank == 1 {
            if value.fract() != 0.0 || value > f64::from(MAX_BUSINESS_DAYS) {
                return None;
            }
            out.days = value as u32;
        } else {
            out.secs += value * per;
        }
        rest = tail.get(2..)?;
    }
    (last_rank > 0 && out.secs <= MAX_BUSINESS_SECONDS).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::{parse, parse_span, Business, Span};

    #[test]
    fn spec_examples() {
        assert_eq!(parse("90s"), Some(90.0));
        assert_eq!(parse("2m"), Some(120.0));
        assert_eq!(parse("1h30m"), Some(5400.0));
        assert_eq!(parse("2d"), Some(172_800.0));
        assert_eq!(parse("PT2M"), Some(120.0));
        assert_eq!(parse("300"), Some(300.0));
    }

    #[test]
    fn more_forms() {
        assert_eq!(parse(" 1h 30m "), Some(5400.0));
        assert_eq!(parse("1.5h"), Some(5400.0));
        assert_eq!(parse("P1DT2H"), Some(93_600.0));
        assert_eq!(parse("P2W"), Some(1_209_600.0));
        assert_eq!(parse("pt0,5m"), Some(30.0));
        assert_eq!(parse("48h"), Some(172_800.0));
        assert_eq!(parse("0"), Some(0.0));
    }

    #[test]
    fn rejects() {
        for bad in [
            "", "abc", "-5", "5x", "m", "1m1h", "1m1m", "P", "PT", "P1H", "PT1D", "1e3", "NaN",
            "Infinity", "P1DT", "11000d",
        ] {
            assert_eq!(parse(bad), None, "{bad:?} should be rejected");
        }
    }

    fn business(days: u32, secs: f64) -> Option<Span> {
        Some(Span::Business(Business { days, secs }))
    }

    #[test]
    fn business_units() {
        assert_eq!(parse_span("4bh"), business(0, 14_400.0));
        assert_eq!(parse_span("2bd"), business(2, 0.0));
        assert_eq!(parse_span("30bm"), business(0, 1_800.0));
        assert_eq!(parse_span(" 1bd 4bh "), business(1, 14_400.0));
        assert_eq!(parse_span("1BD4BH30BM"), business(1, 16_200.0));
        assert_eq!(parse_span("1.5bh"), business(0, 5_400.0));
        assert_eq!(parse_span("0bh"), business(0, 0.0));
        assert_eq!(parse_span("520bd"), business(520, 0.0));
        assert_eq!(parse_span("17520bh"), business(0, 63_072_000.0));
    }

    #[test]
    fn plain_spans_are_what_parse_says() {
        for plain in ["90s", "1h30m", "PT2M", "300", "2d", "0"] {
            assert_eq!(parse_span(plain), parse(plain).map(Span::Plain), "{plain}");
        }
        assert_eq!(parse_span("2m").and_then(|s| s.plain_secs()), Some(120.0));
        assert_eq!(parse_span("2bd").and_then(|s| s.plain_secs()), None);
        assert_eq!(
            parse_span("2bd").and_then(|s| s.business()),
            Some(Business { days: 2, secs: 0.0 })
        );
    }

    #[test]
    fn plain_parse_still_rejects_business_units() {
        for b in ["4bh", "2bd", "1bd 4bh"] {
            assert_eq!(parse(b), None, "{b}");
        }
    }

    #[test]
    fn rejects_bad_business_durations() {
        for bad in [
            "b", "bh", "4b", "4bx", "1.5bd", "4bh 1bd", "4bh4bh", "1d 4bh", "4bh 30m", "PT4BH",
            "-4bh", "521bd", "1e3bh", "4 bh", "17521bh",
        ] {
            assert_eq!(parse_span(bad), None, "{bad:?} should be rejected");
        }
    }
}
