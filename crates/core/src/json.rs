//! A minimal JSON value used by the pure core, and its bounded reader.
//!
//! In the browser, input crosses as the JSON text the engine's own
//! `JSON.stringify` wrote (after the shell checked the input limits) and is
//! read into [`Json`] by [`parse`], within [`Bounds`]; on the host, tests
//! also build [`Json`] values directly. Keeping `serde_json` out of the wasm
//! saves tens of kilobytes, and lets validation be lenient field by field (a
//! wrong type in one field is a warning, not the loss of the whole document).

#[allow(unused_imports)]
use crate::prelude::*;

/// A JSON value. Object members keep their document order.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null` (and `undefined` coming from JavaScript).
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// Any number (always finite when it comes from `JSON.parse`).
    Num(f64),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<Json>),
    /// An object, members in order.
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// The member `key` of an object, if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The number, if this is a finite number.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Num(n) if n.is_finite() => Some(*n),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Arr(items) => Some(items),
            _ => None,
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// A short name of the value's type, for warnings ("a number", "an array").
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Num(_) => "a number",
            Json::Str(_) => "a string",
            Json::Arr(_) => "an array",
            Json::Obj(_) => "an object",
        }
    }
}

/// How much [`parse`] reads before it refuses the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bounds {
    /// Most nested objects and arrays, the outermost counting as 1.
    pub depth: u32,
    /// Most values (not keys), counting every one.
    pub values: usize,
    /// Most bytes of text.
    pub bytes: usize,
}

/// Why JSON text could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// Longer, nested deeper, or holding more values than its [`Bounds`] allow.
    TooLarge,
    /// Not JSON.
    Malformed,
}

/// U+001F, the separator of the tokens the core writes: text never holds
/// it (it is read as U+FFFD), so what the core writes back reads the same.
const SEP: char = '\u{1f}';

/// Reads the JSON text `text` (RFC 8259, strictly), refusing it as soon as
/// it goes past `bounds`. Numbers are read exactly when their digits and
/// exponent allow it in floating point (every number of up to 15 digits and
/// a power of ten within 22, which is nearly all real ones); `slow` reads
/// the others (the browser's `parseFloat` in the wasm, which would
/// otherwise carry a large exact parser). Never panics.
pub fn parse(text: &str, bounds: Bounds, slow: fn(&str) -> f64) -> Result<Json, ParseError> {
    if text.len() > bounds.bytes {
        return Err(ParseError::TooLarge);
    }
    let mut p = Parser {
        text,
        i: 0,
        values: 0,
        bounds,
        slow,
    };
    let v = p.value(0)?;
    p.space();
    match p.i == text.len() {
        true => Ok(v),
        false => Err(ParseError::Malformed),
    }
}

struct Parser<'a> {
    text: &'a str,
    /// The byte read next.
    i: usize,
    /// Values read so far.
    values: usize,
    bounds: Bounds,
    slow: fn(&str) -> f64,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.i).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.space();
        let found = self.peek() == Some(c);
        if found {
            self.i += 1;
        }
        found
    }

    /// The text from `from` to where the reader is.
    fn since(&self, from: usize) -> Result<&'a str, ParseError> {
        self.text.get(from..self.i).ok_or(ParseError::Malformed)
    }

    fn word(&mut self, word: &str, v: Json) -> Result<Json, ParseError> {
        let end = self.i + word.len();
        if self.text.as_bytes().get(self.i..end) != Some(word.as_bytes()) {
            return Err(ParseError::Malformed);
        }
        self.i = end;
        Ok(v)
    }

    fn value(&mut self, depth: u32) -> Result<Json, ParseError> {
        self.space();
        self.values += 1;
        if self.values > self.bounds.values {
            return Err(ParseError::TooLarge);
        }
        match self.peek() {
            Some(b'[' | b'{') if depth >= self.bounds.depth => Err(ParseError::TooLarge),
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                if self.eat(b']') {
                    return Ok(Json::Arr(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    if !self.eat(b',') {
                        return match self.eat(b']') {
                            true => Ok(Json::Arr(items)),
                            false => Err(ParseError::Malformed),
                        };
                    }
                }
            }
            Some(b'{') => {
                self.i += 1;
                // Room for a typical step's members: one allocation, not a regrowth at the fifth.
                let mut members = Vec::with_capacity(8);
                if self.eat(b'}') {
                    return Ok(Json::Obj(members));
                }
                loop {
                    self.space();
                    if self.peek() != Some(b'"') {
                        return Err(ParseError::Malformed);
                    }
                    let key = self.string()?;
                    if !self.eat(b':') {
                        return Err(ParseError::Malformed);
                    }
                    members.push((key, self.value(depth + 1)?));
                    if !self.eat(b',') {
                        return match self.eat(b'}') {
                            true => Ok(Json::Obj(members)),
                            false => Err(ParseError::Malformed),
                        };
                    }
                }
            }
            Some(b'"') => Ok(Json::Str(self.string()?)),
            Some(b't') => self.word("true", Json::Bool(true)),
            Some(b'f') => self.word("false", Json::Bool(false)),
            Some(b'n') => self.word("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number().map(Json::Num),
            _ => Err(ParseError::Malformed),
        }
    }

    /// A string, the reader at its opening quote.
    fn string(&mut self) -> Result<String, ParseError> {
        self.i += 1;
        let mut out = String::new();
        loop {
            let from = self.i;
            let rest = self.text.as_bytes().get(from..).unwrap_or_default();
            self.i += rest
                .iter()
                .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
                .unwrap_or(rest.len());
            let run = self.since(from)?;
            if out.is_empty() && self.peek() == Some(b'"') {
                // No escapes: the text as it stands (the common case).
                self.i += 1;
                return Ok(run.to_string());
            }
            out.push_str(run);
            match self.peek() {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = self.escape()?;
                    out.push(if c == SEP { '\u{fffd}' } else { c });
                }
                _ => return Err(ParseError::Malformed),
            }
        }
    }

    /// The character of an escape, the reader after its backslash. A lone
    /// surrogate reads as U+FFFD (as it would cross from JavaScript).
    fn escape(&mut self) -> Result<char, ParseError> {
        let c = self.peek().ok_or(ParseError::Malformed)?;
        self.i += 1;
        Ok(match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let high = self.hex4()?;
                let mut code = high;
                if (0xd800..0xdc00).contains(&high)
                    && self.text.as_bytes().get(self.i..self.i + 2) == Some(b"\\u")
                {
                    let back = self.i;
                    self.i += 2;
                    let low = self.hex4()?;
                    if (0xdc00..0xe000).contains(&low) {
                        code = 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00);
                    } else {
                        self.i = back;
                    }
                }
                char::from_u32(code).unwrap_or('\u{fffd}')
            }
            _ => return Err(ParseError::Malformed),
        })
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut n = 0;
        for _ in 0..4 {
            let d = self.peek().and_then(|c| (c as char).to_digit(16));
            n = n * 16 + d.ok_or(ParseError::Malformed)?;
            self.i += 1;
        }
        Ok(n)
    }

    /// Digits from the reader on, added to `mantissa` (false once it would
    /// overflow); how many there were.
    fn digits(&mut self, mantissa: &mut u64, fits: &mut bool) -> i32 {
        let mut n = 0;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            match mantissa
                .checked_mul(10)
                .and_then(|m| m.checked_add(u64::from(d - b'0')))
            {
                Some(m) => *mantissa = m,
                None => *fits = false,
            }
            self.i += 1;
            n += 1;
        }
        n
    }

    /// A number, the reader at its first character.
    fn number(&mut self) -> Result<f64, ParseError> {
        let from = self.i;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.i += 1;
        }
        let (mut mantissa, mut fits) = (0u64, true);
        let whole = match self.peek() {
            Some(b'0') => {
                self.i += 1;
                1
            }
            _ => self.digits(&mut mantissa, &mut fits),
        };
        let mut exponent = 0i32;
        if whole == 0 {
            return Err(ParseError::Malformed);
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            let n = self.digits(&mut mantissa, &mut fits);
            if n == 0 {
                return Err(ParseError::Malformed);
            }
            exponent = -n;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            let minus = self.peek() == Some(b'-');
            if matches!(self.peek(), Some(b'-' | b'+')) {
                self.i += 1;
            }
            let (mut e, mut small) = (0u64, true);
            if self.digits(&mut e, &mut small) == 0 {
                return Err(ParseError::Malformed);
            }
            let e = i32::try_from(e)
                .ok()
                .filter(|_| small)
                .unwrap_or(i32::MAX / 2);
            exponent = exponent.saturating_add(if minus { -e } else { e });
        }
        // Exact: both the mantissa and the power of ten are exact doubles,
        // so one multiplication or division rounds once, correctly.
        const EXACT: u64 = 1 << 53;
        let value = if fits && mantissa == 0 {
            0.0
        } else if fits && mantissa <= EXACT && (-22..=22).contains(&exponent) {
            let mut power = 1.0;
            for _ in 0..exponent.unsigned_abs() {
                power *= 10.0;
            }
            match exponent < 0 {
                true => mantissa as f64 / power,
                false => mantissa as f64 * power,
            }
        } else {
            return Ok((self.slow)(self.since(from)?));
        };
        Ok(if negative { -value } else { value })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANY: Bounds = Bounds {
        depth: 32,
        values: usize::MAX,
        bytes: usize::MAX,
    };

    fn read(text: &str) -> Result<Json, ParseError> {
        parse(text, ANY, |s| s.parse().unwrap_or(f64::NAN))
    }

    #[test]
    fn reads_what_json_stringify_writes() {
        let v = read(
            r#"{"steps":[{"id":"a","n":1.5,"x":null,"t":true,"f":false}],"":"é\n\"\\\/\b\f\r\t\u00e9\ud83d\ude00","e":[],"o":{}}"#,
        );
        let want = Json::Obj(vec![
            (
                "steps".into(),
                Json::Arr(vec![Json::Obj(vec![
                    ("id".into(), Json::Str("a".into())),
                    ("n".into(), Json::Num(1.5)),
                    ("x".into(), Json::Null),
                    ("t".into(), Json::Bool(true)),
                    ("f".into(), Json::Bool(false)),
                ])]),
            ),
            ("".into(), Json::Str("é\n\"\\/\u{8}\u{c}\r\té😀".into())),
            ("e".into(), Json::Arr(vec![])),
            ("o".into(), Json::Obj(vec![])),
        ]);
        assert_eq!(v, Ok(want));
        assert_eq!(
            read(" [ 1 , \"x\" ] \n"),
            Ok(Json::Arr(vec![Json::Num(1.0), Json::Str("x".into())]))
        );
    }

    #[test]
    fn the_separator_and_lone_surrogates_read_as_replacement_characters() {
        assert_eq!(read(r#""a\u001fb""#), Ok(Json::Str("a\u{fffd}b".into())));
        assert_eq!(
            read(r#"{"\u001f":1}"#),
            Ok(Json::Obj(vec![("\u{fffd}".into(), Json::Num(1.0))]))
        );
        assert_eq!(
            read(r#""\ud800x\udc00\ud800\u0041""#),
            Ok(Json::Str("\u{fffd}x\u{fffd}\u{fffd}A".into()))
        );
    }

    #[test]
    fn numbers_read_exactly() {
        for s in [
            "0",
            "-0",
            "1",
            "-1",
            "0.1",
            "0.3",
            "123.456",
            "1e21",
            "1e+21",
            "1.5e-7",
            "5e-324",
            "1.7976931348623157e308",
            "123456789012345678901234567890",
            "9007199254740993",
            "0.000001",
            "2.5E3",
            "1e400",
            "-1e-400",
            "1700000000000",
        ] {
            let want: f64 = s.parse().unwrap();
            match read(s) {
                Ok(Json::Num(n)) => assert_eq!(n.to_bits(), want.to_bits(), "{s}"),
                other => panic!("{s}: {other:?}"),
            }
        }
    }

    #[test]
    fn bad_text_is_an_error_not_a_panic() {
        for bad in [
            "",
            " ",
            "{",
            "[",
            "[1,]",
            "{\"a\":1,}",
            "{a:1}",
            "{\"a\" 1}",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "+1",
            "tru",
            "nul",
            "\"x",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\t\"",
            "[1 2]",
            "1 2",
            "NaN",
            "Infinity",
            "\"\\ud800\\u",
            "{\"a\":}",
            "é",
        ] {
            assert_eq!(read(bad), Err(ParseError::Malformed), "{bad:?}");
        }
    }

    #[test]
    fn bounds_count_nesting_from_one_every_value_and_every_byte() {
        let nested = |n: usize| "[".repeat(n) + &"]".repeat(n);
        assert!(read(&nested(32)).is_ok(), "32 deep is allowed");
        assert_eq!(read(&nested(33)), Err(ParseError::TooLarge));
        assert_eq!(read(&"[".repeat(100_000)), Err(ParseError::TooLarge));
        // An array of n nulls is n + 1 values; keys are not values.
        let nulls = |n: usize| "[".to_string() + &vec!["null"; n].join(",") + "]";
        let ten = Bounds { values: 10, ..ANY };
        let within = |t: &str, b: Bounds| parse(t, b, |_| 0.0);
        assert!(within(&nulls(9), ten).is_ok());
        assert_eq!(within(&nulls(10), ten), Err(ParseError::TooLarge));
        assert!(within(r#"{"a":null,"b":null}"#, Bounds { values: 3, ..ANY }).is_ok());
        assert_eq!(
            within(r#"{"a":null,"b":null}"#, Bounds { values: 2, ..ANY }),
            Err(ParseError::TooLarge)
        );
        assert!(within("\"é\"", Bounds { bytes: 4, ..ANY }).is_ok());
        assert_eq!(
            within("\"é\"", Bounds { bytes: 3, ..ANY }),
            Err(ParseError::TooLarge)
        );
    }
}
