//! The wire format between the wasm core and the JavaScript shell.
//!
//! Crossing the boundary once per value is what makes a wasm widget slow, and
//! a binding per browser API is what makes it big. So everything crosses as
//! one string of tokens separated by U+001F (the "unit separator"), plus one
//! array of numbers, so the core needs no float formatting. That is the way
//! out (the shell's `js/codec.js` reads it); input comes in as JSON text, read
//! by [`crate::json`] within [`Bounds`]. [`decode`] reads the tokens back in
//! the core, for the host tests of the writer. A JSON value is written as:
//!
//! | token | value |
//! |---|---|
//! | `n` | the next number of the number array |
//! | `s…` | a string (the text after the `s`) |
//! | `t`, `f`, `z` | `true`, `false`, `null` |
//! | `[` … `]` | an array of the values in between |
//! | `{` … `}` | an object: key (an `s` token), value, key, value… |
//!
//! Text never contains U+001F: both sides replace it with U+FFFD, an
//! invisible control character being the only thing lost.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::json::{Bounds, Json};
use crate::wire::protocol::limit;

/// The token separator.
pub const SEP: char = '\u{1f}';

/// Most values a document within [`limit::MAX_BYTES`] can hold: every
/// value but the first takes at least a byte and a comma.
pub const MAX_DOC_VALUES: usize = limit::MAX_BYTES / 2 + 1;

/// The input limits of rule 51 ([`crate::wire::protocol::limit`]), as the
/// JSON reader takes them; the token decoder below keeps to their depth and
/// values.
impl Bounds {
    /// Input through the page API: `el.state`, `el.update()`, `strings`.
    pub const PAGE_API: Bounds = Bounds {
        depth: limit::MAX_DEPTH as u32,
        values: limit::MAX_VALUES,
        bytes: limit::MAX_BYTES,
    };
    /// A state document from `src`, the stream or inline JSON, which its
    /// size bounds.
    pub const DOCUMENT: Bounds = Bounds {
        depth: limit::MAX_DEPTH as u32,
        values: MAX_DOC_VALUES,
        bytes: limit::MAX_BYTES,
    };
}

/// Why a token stream could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Nested deeper, or more values, than its [`Bounds`] allow.
    TooLarge,
    /// Not a well-formed token stream (a bug in the other side).
    Malformed,
}

/// Reads one JSON value from `tokens` and `nums`, within [`Bounds::DOCUMENT`].
pub fn decode(tokens: &str, nums: &[f64]) -> Result<Json, DecodeError> {
    decode_within(tokens, nums, Bounds::DOCUMENT)
}

/// Reads one JSON value from `tokens` and `nums`, refusing it as soon as it
/// goes past the depth or the values of `limits`.
pub fn decode_within(tokens: &str, nums: &[f64], limits: Bounds) -> Result<Json, DecodeError> {
    let mut r = Reader {
        it: crate::text::split_ascii(tokens, SEP as u8),
        nums: nums.iter(),
        values: 0,
        limits,
    };
    let v = r.value(0)?;
    match r.it.next() {
        None => Ok(v),
        Some(_) => Err(DecodeError::Malformed),
    }
}

struct Reader<'a> {
    it: crate::text::SplitAscii<'a>,
    nums: core::slice::Iter<'a, f64>,
    /// Values read so far.
    values: usize,
    limits: Bounds,
}

enum Tok<'a> {
    Value(Json),
    Open(bool),
    Close,
    Str(&'a str),
}

impl<'a> Reader<'a> {
    fn token(&mut self) -> Result<Tok<'a>, DecodeError> {
        let t = self.it.next().ok_or(DecodeError::Malformed)?;
        let mut chars = t.chars();
        Ok(match chars.next() {
            Some('n') => Tok::Value(Json::Num(
                self.nums.next().copied().ok_or(DecodeError::Malformed)?,
            )),
            Some('s') => Tok::Str(chars.as_str()),
            Some('t') => Tok::Value(Json::Bool(true)),
            Some('f') => Tok::Value(Json::Bool(false)),
            Some('z') => Tok::Value(Json::Null),
            Some('[') => Tok::Open(false),
            Some('{') => Tok::Open(true),
            Some(']') | Some('}') => Tok::Close,
            _ => return Err(DecodeError::Malformed),
        })
    }

    fn value(&mut self, depth: u32) -> Result<Json, DecodeError> {
        let t = self.token()?;
        self.finish(t, depth)
    }

    /// Ends the value that starts with `t`, `depth` containers deep.
    fn finish(&mut self, t: Tok<'a>, depth: u32) -> Result<Json, DecodeError> {
        if !matches!(t, Tok::Close) {
            self.values += 1;
            if self.values > self.limits.values {
                return Err(DecodeError::TooLarge);
            }
        }
        match t {
            Tok::Value(v) => Ok(v),
            Tok::Str(s) => Ok(Json::Str(s.to_string())),
            Tok::Close => Err(DecodeError::Malformed),
            Tok::Open(_) if depth >= self.limits.depth => Err(DecodeError::TooLarge),
            Tok::Open(false) => {
                let mut items = Vec::new();
                loop {
                    match self.token()? {
                        Tok::Close => return Ok(Json::Arr(items)),
                        t => items.push(self.finish(t, depth + 1)?),
                    }
                }
            }
            Tok::Open(true) => {
                let mut members = Vec::new();
                loop {
                    match self.token()? {
                        Tok::Close => return Ok(Json::Obj(members)),
                        Tok::Str(k) => {
                            let v = self.value(depth + 1)?;
                            members.push((k.to_string(), v));
                        }
                        _ => return Err(DecodeError::Malformed),
                    }
                }
            }
        }
    }
}

/// A token stream being written, with its numbers.
#[derive(Debug, Default)]
pub struct Writer {
    /// The tokens, separated by [`SEP`].
    pub text: String,
    /// The numbers the `n` tokens refer to, in order.
    pub nums: Vec<f64>,
}

impl Writer {
    fn sep(&mut self) {
        if !self.text.is_empty() {
            self.text.push(SEP);
        }
    }

    /// A raw token (an opcode, or a field at a fixed position).
    pub fn raw(&mut self, token: &str) -> &mut Self {
        self.token("", token)
    }

    /// A token: `prefix` then `text`, any separator in `text` replaced.
    fn token(&mut self, prefix: &str, text: &str) -> &mut Self {
        self.sep();
        self.text.push_str(prefix);
        if crate::text::find_ascii(text, SEP as u8).is_some() {
            self.text
                .push_str(&crate::text::replace_chars(text, &[SEP], "\u{fffd}"));
        } else {
            self.text.push_str(text);
        }
        self
    }

    /// A flag token: `1` or `0`.
    pub fn flag(&mut self, on: bool) -> &mut Self {
        self.raw(if on { "1" } else { "0" })
    }

    /// A whole number as a raw token.
    pub fn count(&mut self, n: usize) -> &mut Self {
        self.whole(n as f64)
    }

    /// A non-negative whole number (rounded down) as a raw token.
    pub fn whole(&mut self, n: f64) -> &mut Self {
        self.raw(&crate::num::uint_to_string(n.max(0.0) as u64))
    }

    /// A string value.
    pub fn str(&mut self, text: &str) -> &mut Self {
        self.token("s", text)
    }

    /// A number value.
    pub fn num(&mut self, n: f64) -> &mut Self {
        self.nums.push(n);
        self.raw("n")
    }

    /// A string value, or `null`.
    pub fn str_or_null(&mut self, text: Option<&str>) -> &mut Self {
        match text {
            Some(t) => self.str(t),
            None => self.raw("z"),
        }
    }

    /// An object member with a string value, left out when there is none.
    pub fn opt_str(&mut self, key: &str, text: Option<&str>) -> &mut Self {
        if let Some(t) = text {
            self.str(key).str(t);
        }
        self
    }

    /// An object member with a number value, left out when there is none.
    pub fn opt_num(&mut self, key: &str, n: Option<f64>) -> &mut Self {
        if let Some(n) = n {
            self.str(key).num(n);
        }
        self
    }

    /// A JSON value (the reference encoder of the round-trip tests; the core
    /// writes its own output member by member with `str`, `num` and `opt_*`).
    pub fn json(&mut self, v: &Json) -> &mut Self {
        match v {
            Json::Null => self.raw("z"),
            Json::Bool(b) => self.raw(if *b { "t" } else { "f" }),
            Json::Num(n) => self.num(*n),
            Json::Str(s) => self.str(s),
            Json::Arr(items) => {
                self.raw("[");
                for i in items {
                    self.json(i);
                }
                self.raw("]")
            }
            Json::Obj(members) => {
                self.raw("{");
                for (k, v) in members {
                    self.str(k).json(v);
                }
                self.raw("}")
            }
        }
    }

    /// Takes the text and numbers written so far, leaving the writer empty.
    pub fn take(&mut self) -> (String, Vec<f64>) {
        (
            core::mem::take(&mut self.text),
            core::mem::take(&mut self.nums),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(v: &Json) -> Json {
        let mut w = Writer::default();
        w.json(v);
        decode(&w.text, &w.nums).unwrap()
    }

    #[test]
    fn values_survive_the_trip() {
        let v = Json::Obj(vec![
            ("steps".into(), Json::Arr(vec![Json::Num(1.5), Json::Null])),
            ("a".into(), Json::Str("".into())),
            ("b".into(), Json::Bool(true)),
            ("c".into(), Json::Obj(vec![])),
            ("d".into(), Json::Arr(vec![])),
            ("".into(), Json::Str("x\u{1f}y".into())),
        ]);
        let mut want = v.clone();
        if let Json::Obj(m) = &mut want {
            m[5].1 = Json::Str("x\u{fffd}y".into());
        }
        assert_eq!(roundtrip(&v), want);
    }

    #[test]
    fn bad_streams_are_errors_not_panics() {
        for bad in [
            "",
            "q",
            "[",
            "{",
            "{sa",
            "{n}",
            "]",
            "n",
            "st\u{1f}sx",
            "{z\u{1f}z}",
        ] {
            assert!(decode(bad, &[]).is_err(), "{bad:?}");
        }
        let deep = "[\u{1f}".repeat(40) + &"]\u{1f}".repeat(39) + "]";
        assert_eq!(decode(&deep, &[]), Err(DecodeError::TooLarge));
    }

    #[test]
    fn limits_count_nesting_from_one_and_every_value() {
        let nested = |n: usize| "[\u{1f}".repeat(n) + &"]\u{1f}".repeat(n - 1) + "]";
        assert!(decode(&nested(32), &[]).is_ok(), "32 deep is allowed");
        assert_eq!(decode(&nested(33), &[]), Err(DecodeError::TooLarge));
        // An array of n nulls is n + 1 values; keys are not values.
        let nulls = |n: usize| "[\u{1f}".to_string() + &"z\u{1f}".repeat(n) + "]";
        let page = Bounds::PAGE_API;
        assert!(decode_within(&nulls(page.values - 1), &[], page).is_ok());
        assert_eq!(
            decode_within(&nulls(page.values), &[], page),
            Err(DecodeError::TooLarge)
        );
        let obj = "{\u{1f}sa\u{1f}z\u{1f}sb\u{1f}z\u{1f}}";
        let two = Bounds {
            depth: 1,
            values: 3,
            bytes: usize::MAX,
        };
        assert!(decode_within(obj, &[], two).is_ok());
        assert_eq!(
            decode_within(obj, &[], Bounds { values: 2, ..two }),
            Err(DecodeError::TooLarge)
        );
    }
}
