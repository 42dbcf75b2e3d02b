//! Text helpers, a leaf every other module may use: splitting and finding
//! ASCII bytes, replacing characters, joining, cutting, isolating
//! bidirectional text and filling `{name}` templates. They stand in for
//! std's generic searchers, whose slicing panics would link the formatting
//! machinery into the wasm.

#[allow(unused_imports)]
use crate::prelude::*;

/// Longest text kept from any field, in bytes; longer text is cut.
pub const MAX_TEXT: usize = 4096;

/// Cuts text to [`MAX_TEXT`] bytes at a character boundary.
pub fn clip(s: &str) -> String {
    if s.len() <= MAX_TEXT {
        return s.to_string();
    }
    let mut end = MAX_TEXT;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or_default().to_string()
}

/// The parts of `text` between occurrences of the ASCII byte `at` (as
/// `str::split`), without the generic char searcher, whose slicing panic
/// would link the formatting machinery into the wasm.
pub fn split_ascii(text: &str, at: u8) -> SplitAscii<'_> {
    SplitAscii {
        rest: Some(text),
        at,
    }
}

/// The iterator of [`split_ascii`].
#[derive(Clone, Debug)]
pub struct SplitAscii<'a> {
    rest: Option<&'a str>,
    at: u8,
}

impl<'a> Iterator for SplitAscii<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        match find_ascii(rest, self.at) {
            // An ASCII byte is always a char boundary, so both halves exist.
            Some(i) => {
                self.rest = rest.get(i + 1..);
                rest.get(..i)
            }
            None => self.rest.take(),
        }
    }
}

/// Where the ASCII byte `b` first occurs in `text`.
pub fn find_ascii(text: &str, b: u8) -> Option<usize> {
    text.bytes().position(|c| c == b)
}

/// `text` with every one of the characters `from` replaced by `to`: one
/// small loop for all callers instead of a generic `str::replace` and its
/// searcher per pattern type.
pub fn replace_chars(text: &str, from: &[char], to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if from.contains(&c) {
            out.push_str(to);
        } else {
            out.push(c);
        }
    }
    out
}

/// The parts end to end: one small loop instead of `[..].concat()`, whose
/// generic code the wasm would carry once per call shape.
pub fn concat(parts: &[&str]) -> String {
    let mut out = String::new();
    for p in parts {
        out.push_str(p);
    }
    out
}

/// Text from data, made safe to embed in a phrase: when it holds bidi
/// controls or right-to-left letters it is wrapped in FIRST STRONG ISOLATE …
/// POP DIRECTIONAL ISOLATE, so an override inside a label (U+202E) cannot
/// reverse the words around it. Plain left-to-right text is left as it is.
pub fn isolate(text: &str) -> String {
    let needs = text.chars().any(|c| {
        matches!(c as u32,
            0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF
            | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069)
    });
    if needs {
        let mut s = String::with_capacity(text.len() + 6);
        s.push('\u{2068}');
        s.push_str(text);
        s.push('\u{2069}');
        s
    } else {
        text.to_string()
    }
}

/// `text` cut after `chars` characters, with "…" when it was longer.
pub fn shorten(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((end, _)) => {
            let mut s = String::from(text.get(..end).unwrap_or_default());
            s.push('…');
            s
        }
        None => text.to_string(),
    }
}

/// Replaces each `{name}` in `template` with its value from `args`; unknown
/// placeholders are left as they are. Each value is filled in once: a
/// repeated placeholder stays as written, so that an overriding phrase
/// cannot repeat a long value hundreds of times (rule 50).
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut used = 0u32;
    let mut rest = template;
    while let Some((before, tail)) = find_ascii(rest, b'{').and_then(|i| rest.split_at_checked(i)) {
        out.push_str(before);
        let Some(end) = find_ascii(tail, b'}') else {
            out.push_str(tail);
            return out;
        };
        let name = tail.get(1..end).unwrap_or_default();
        match args.iter().position(|(k, _)| *k == name) {
            Some(i) if i < 32 && used & (1 << i) == 0 => {
                used |= 1 << i;
                out.push_str(args.get(i).map_or("", |a| a.1));
            }
            _ => out.push_str(tail.get(..=end).unwrap_or_default()),
        }
        rest = tail.get(end + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortened_at_a_character() {
        assert_eq!(shorten("abc", 3), "abc");
        assert_eq!(shorten("abcd", 3), "abc…");
        assert_eq!(shorten("ééé", 2), "éé…");
        assert_eq!(shorten("", 0), "");
    }

    #[test]
    fn bidi_text_is_isolated_when_embedded() {
        assert_eq!(isolate("Connect your data"), "Connect your data");
        assert_eq!(
            isolate("Download \u{202E}gpj.exe"),
            "\u{2068}Download \u{202E}gpj.exe\u{2069}"
        );
        assert_eq!(isolate("ב"), "\u{2068}ב\u{2069}");
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// The small text helpers the wasm uses instead of std's generic
        /// searchers agree with std.
        #[test]
        fn text_helpers_match_std(text in "[a-c,\u{1f}é{}:]{0,12}") {
            let mine: Vec<&str> = split_ascii(&text, b',').collect();
            let std: Vec<&str> = text.split(',').collect();
            proptest::prop_assert_eq!(mine, std);
            proptest::prop_assert_eq!(find_ascii(&text, b'{'), text.find('{'));
            proptest::prop_assert_eq!(replace_chars(&text, &[',', ':'], "--"), text.replace([',', ':'], "--"));
            proptest::prop_assert_eq!(concat(&[&text, "x", &text]), [text.as_str(), "x", &text].concat());
        }
    }
}
