//! How large an input may be (rule 51). The same numbers are in
//! `js/limits.js`, which checks input before it crosses into the wasm; a
//! test below fails when the two differ.

/// Largest input, in bytes of UTF-8 JSON: a state document from `src`, the
/// stream or inline JSON, and what `el.state`, `el.update()` and `strings`
/// take.
pub const MAX_BYTES: usize = 1_000_000;

/// Most nested objects and arrays, the outermost counting as 1.
pub const MAX_DEPTH: u32 = 32;

/// Most values in total through the page API (`el.state`, `el.update()`,
/// `strings`), counting every occurrence of a shared value: objects, arrays,
/// strings, numbers, booleans and nulls (not keys).
pub const MAX_VALUES: usize = 10_000;

/// Most values a document within [`MAX_BYTES`] can hold: every value but the
/// first takes at least a byte and a comma.
pub const MAX_DOC_VALUES: usize = MAX_BYTES / 2 + 1;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// `export const NAME = 1_000;` in js/limits.js, as a number.
    fn js(name: &str) -> usize {
        let text = include_str!("../js/limits.js");
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("export const {name} = ")))
            .unwrap_or_else(|| panic!("js/limits.js does not export {name}"));
        let value = line.split('=').nth(1).unwrap().trim().trim_end_matches(';');
        value.replace('_', "").parse().unwrap()
    }

    #[test]
    fn javascript_checks_the_same_limits() {
        assert_eq!(js("MAX_BYTES"), MAX_BYTES);
        assert_eq!(js("MAX_DEPTH"), MAX_DEPTH as usize);
        assert_eq!(js("MAX_VALUES"), MAX_VALUES);
    }
}
