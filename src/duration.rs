//! The duration grammar shared by `data-estimate`, `poll`, `stall-after` and
//! the JSON `estimate` field (SPEC §2): `90s`, `2m`, `1h30m`, `2d`, ISO 8601
//! `PT2M` / `P1DT2H`, or a plain number of seconds.

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
            let num = crate::strings::replace_chars(num, &[','], ".");
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

#[cfg(test)]
mod tests {
    use super::parse;

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
}
