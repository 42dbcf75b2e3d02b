//! ISO 8601 / RFC 3339 timestamps to milliseconds since the Unix epoch, in
//! pure Rust so the core can order documents by `updatedAt`.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::num::parse_uint;

/// Days from 1970-01-01 to the given civil date (proleptic Gregorian).
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date (year, month, day) of a day count from 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Milliseconds since the epoch as `YYYY-MM-DDTHH:MM:SS.sssZ`, the form of
/// JavaScript's `toISOString()` (years 0 to 9999).
pub fn to_iso(ms: f64) -> String {
    let ms = ms
        .clamp(-62_167_219_200_000.0, 253_402_300_799_999.0)
        .floor() as i64;
    let days = ms.div_euclid(86_400_000);
    let rem = ms.rem_euclid(86_400_000);
    let (y, m, d) = civil_from_days(days);
    let mut s = String::with_capacity(24);
    let mut put = |n: i64, width: usize, after: &str| {
        let digits = crate::num::uint_to_string(n.unsigned_abs());
        for _ in digits.len()..width {
            s.push('0');
        }
        s.push_str(&digits);
        s.push_str(after);
    };
    put(y, 4, "-");
    put(m, 2, "-");
    put(d, 2, "T");
    put(rem / 3_600_000, 2, ":");
    put(rem / 60_000 % 60, 2, ":");
    put(rem / 1000 % 60, 2, ".");
    put(rem % 1000, 3, "Z");
    s
}

fn field(s: &str, range: core::ops::Range<usize>) -> Option<i64> {
    s.get(range).and_then(parse_uint).map(i64::from)
}

/// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM`, `…:SS`, `…:SS.fff` with `Z`,
/// `±HH:MM` or no zone (taken as UTC). Returns milliseconds since the epoch.
pub fn parse_iso(input: &str) -> Option<f64> {
    let s = input.trim();
    if s.len() < 10 || s.len() > 40 || !s.is_ascii() {
        return None;
    }
    let bytes = s.as_bytes();
    if bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return None;
    }
    let (y, mo, d) = (field(s, 0..4)?, field(s, 5..7)?, field(s, 8..10)?);
    let days_in_month = match mo {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => return None,
    };
    if d < 1 || d > days_in_month {
        return None;
    }
    let mut ms = days_from_civil(y, mo, d) as f64 * 86_400_000.0;
    let rest = s.get(10..)?;
    if rest.is_empty() {
        return Some(ms);
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let rb = rest.as_bytes();
    if rb.get(2) != Some(&b':') {
        return None;
    }
    let (h, mi) = (field(rest, 0..2)?, field(rest, 3..5)?);
    let mut i = 5;
    let mut sec = 0;
    let mut frac = 0.0;
    if rb.get(i) == Some(&b':') {
        sec = field(rest, 6..8)?;
        i = 8;
        if rb.get(i) == Some(&b'.') {
            let n = rb
                .get(i + 1..)?
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            let digits = rest.get(i + 1..i + 1 + n.min(3))?;
            if n == 0 {
                return None;
            }
            frac = f64::from(parse_uint(digits)?) / [1.0, 10.0, 100.0, 1000.0].get(digits.len())?;
            i += 1 + n;
        }
    }
    if h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    ms += ((h * 3600 + mi * 60 + sec) as f64 + frac) * 1000.0;
    let zone = rest.get(i..)?;
    let offset_min = match zone {
        "" | "Z" | "z" => 0,
        _ => {
            let sign = match zone.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let z = crate::text::replace_chars(zone.get(1..)?, &[':'], "");
            if z.len() != 4 {
                return None;
            }
            let (zh, zm) = (field(&z, 0..2)?, field(&z, 2..4)?);
            if zh > 23 || zm > 59 {
                return None;
            }
            sign * (zh * 60 + zm)
        }
    };
    Some(ms - offset_min as f64 * 60_000.0)
}

#[cfg(test)]
mod tests {
    use super::{parse_iso, to_iso};

    #[test]
    fn iso_round_trips_like_to_iso_string() {
        for t in [
            "1970-01-01T00:00:00.000Z",
            "2026-11-20T14:00:00.000Z",
            "2000-02-29T23:59:59.999Z",
            "1969-12-31T23:59:59.999Z",
            "2100-03-01T00:00:00.001Z",
            "0001-01-01T00:00:00.000Z",
        ] {
            assert_eq!(to_iso(parse_iso(t).unwrap()), t);
        }
        assert_eq!(to_iso(1_700_000_000_123.0), "2023-11-14T22:13:20.123Z");
    }

    #[test]
    fn known_instants() {
        assert_eq!(parse_iso("1970-01-01T00:00:00Z"), Some(0.0));
        assert_eq!(parse_iso("2026-11-23T10:00:00Z"), Some(1_795_428_000_000.0));
        assert_eq!(
            parse_iso("2026-11-23T10:00:00.250Z"),
            Some(1_795_428_000_250.0)
        );
        assert_eq!(
            parse_iso("2026-11-23T11:00:00+01:00"),
            Some(1_795_428_000_000.0)
        );
        assert_eq!(parse_iso("2026-11-23T10:00Z"), Some(1_795_428_000_000.0));
        assert_eq!(parse_iso("2026-11-23"), Some(1_795_392_000_000.0));
        assert_eq!(parse_iso("2024-02-29T00:00:00Z"), Some(1_709_164_800_000.0));
    }

    #[test]
    fn rejects() {
        for bad in [
            "",
            "2026",
            "2026-13-01",
            "2026-02-30",
            "2025-02-29",
            "2026-11-23T25:00Z",
            "2026-11-23X10:00",
            "2026-11-23T10:00:00+0",
            "yesterday",
            "2026-11-23T10:00:00.Z",
        ] {
            assert_eq!(parse_iso(bad), None, "{bad:?}");
        }
    }
}
