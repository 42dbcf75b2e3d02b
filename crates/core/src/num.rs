//! Tiny number helpers that avoid `core::fmt` float machinery (about 14 KB of
//! wasm) and `str::parse::<f64>`: decimal parsing and integer printing.

#[allow(unused_imports)]
use crate::prelude::*;

/// Parses an unsigned decimal such as `12`, `0.5` or `.25`. No sign, no
/// exponent, at most 15 significant digits; anything else is `None`.
pub fn parse_decimal(s: &str) -> Option<f64> {
    let bytes = s.as_bytes();
    if bytes.is_empty() {
        return None;
    }
    let mut value = 0f64;
    let mut scale = 1f64;
    let mut digits = 0u32;
    let mut seen_dot = false;
    for &b in bytes {
        match b {
            b'0'..=b'9' => {
                digits += 1;
                if digits > 15 {
                    return None;
                }
                value = value * 10.0 + f64::from(b - b'0');
                if seen_dot {
                    scale *= 10.0;
                }
            }
            b'.' if !seen_dot => seen_dot = true,
            _ => return None,
        }
    }
    if digits == 0 {
        return None;
    }
    Some(value / scale)
}

/// Parses an unsigned integer of at most 9 digits.
pub fn parse_uint(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 {
        return None;
    }
    let mut v = 0u32;
    for b in s.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u32::from(b - b'0');
    }
    Some(v)
}

/// Prints an unsigned integer in ASCII digits (no locale grouping).
pub fn uint_to_string(mut n: u64) -> String {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        if let Some(slot) = buf.get_mut(i) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    buf.get(i..)
        .map(|d| d.iter().map(|&b| char::from(b)).collect())
        .unwrap_or_default()
}

/// Sorts a few numbers ascending (`total_cmp` order). An insertion sort: the
/// lists are milestones, a handful of values, and the standard library's
/// stable sort would add kilobytes to the wasm for them.
pub fn sort_small(v: &mut [f64]) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 {
            let (Some(a), Some(b)) = (v.get(j - 1), v.get(j)) else {
                break;
            };
            if a.total_cmp(b).is_le() {
                break;
            }
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// `floor`, `round` and `fract` for the `no_std` wasm build, where `f64` has
/// no such methods; the host build's own methods shadow these.
pub trait FloatExt {
    /// The largest whole number not above `self`.
    fn floor(self) -> f64;
    /// The nearest whole number, halves away from zero (as `f64::round`).
    fn round(self) -> f64;
    /// `self` minus its whole part (as `f64::fract`).
    fn fract(self) -> f64;
}

/// Drops the fraction: beyond 2^52 every `f64` is whole already, and NaN
/// stays NaN.
pub fn trunc(x: f64) -> f64 {
    if x.abs() < 4.5e15 {
        x as i64 as f64
    } else {
        x
    }
}

/// `f64::floor` without the standard library.
pub fn floor(x: f64) -> f64 {
    let t = trunc(x);
    if t > x {
        t - 1.0
    } else {
        t
    }
}

/// `f64::round` without the standard library.
pub fn round(x: f64) -> f64 {
    let t = trunc(x);
    // `x - t` is exact, so this is exactly f64::round.
    if (x - t).abs() >= 0.5 {
        t + 1f64.copysign(x)
    } else {
        t
    }
}

#[cfg(target_arch = "wasm32")]
impl FloatExt for f64 {
    fn floor(self) -> f64 {
        floor(self)
    }
    fn round(self) -> f64 {
        round(self)
    }
    fn fract(self) -> f64 {
        self - trunc(self)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn small_sorts() {
        let mut v = vec![0.75, 0.25, 1.0, 0.5, 0.25, 0.0];
        sort_small(&mut v);
        assert_eq!(v, [0.0, 0.25, 0.25, 0.5, 0.75, 1.0]);
        let mut e: Vec<f64> = vec![];
        sort_small(&mut e);
        assert!(e.is_empty());
    }

    use super::*;

    #[test]
    fn decimals() {
        assert_eq!(parse_decimal("12"), Some(12.0));
        assert_eq!(parse_decimal("0.5"), Some(0.5));
        assert_eq!(parse_decimal(".25"), Some(0.25));
        assert_eq!(parse_decimal("1."), Some(1.0));
        assert_eq!(parse_decimal("."), None);
        assert_eq!(parse_decimal("-1"), None);
        assert_eq!(parse_decimal("1e3"), None);
        assert_eq!(parse_decimal("1.2.3"), None);
        assert_eq!(parse_decimal(""), None);
    }

    #[test]
    fn uints() {
        assert_eq!(parse_uint("2026"), Some(2026));
        assert_eq!(parse_uint("x"), None);
        assert_eq!(uint_to_string(0), "0");
        assert_eq!(uint_to_string(1234567890), "1234567890");
        assert_eq!(uint_to_string(u64::MAX), "18446744073709551615");
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// The no_std rounding used by the wasm build agrees with std's.
        #[test]
        fn rounding_matches_std(x in proptest::num::f64::ANY) {
            let same = |a: f64, b: f64| a == b || (a.is_nan() && b.is_nan());
            proptest::prop_assert!(same(super::trunc(x), x.trunc()), "trunc {x}");
            proptest::prop_assert!(same(super::floor(x), x.floor()), "floor {x}");
            proptest::prop_assert!(same(super::round(x), x.round()), "round {x}");
        }
    }
}
