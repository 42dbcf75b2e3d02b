//! The widget's phrases: English built in; another language's phrases come
//! from its language file (applied with [`Strings::apply_language`]); each is
//! overridable by the host by key (rule 21). Templates use `{name}`
//! placeholders; numbers inside phrases are formatted through `Intl` before
//! they are filled in (rule 32).

#[allow(unused_imports)]
use crate::prelude::*;

macro_rules! phrases {
    ($( $key:ident $name:literal => $en:literal, )*) => {
        /// One phrase of the widget.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum Key { $( $key, )* }

        /// `(key name, English)` of every phrase, in [`Key`] order.
        pub const TABLE: &[(&str, &str)] = &[ $( ($name, $en), )* ];
    };
}

phrases! {
    Summary "summary" => "{completed} of {total} complete",
    Position "position" => "Step {position} of {total}",
    ProgressLabel "progressLabel" => "Progress",
    Pending "pending" => "Not started",
    Active "active" => "In progress",
    Complete "complete" => "Done",
    Skipped "skipped" => "Skipped",
    Blocked "blocked" => "Blocked",
    Error "error" => "Needs attention",
    Optional "optional" => "Optional",
    AnnounceComplete "announceComplete" => "{label}: done",
    AnnounceCompleteMany "announceCompleteMany" => "{count} steps done",
    AnnounceMilestone "announceMilestone" => "{percent} done",
    Empty "empty" => "No steps yet",
    Stalled "stalled" => "No news since {when}. This is taking longer than expected.",
    OutOfDate "outOfDate" => "Couldn't check for updates just now, so this may be out of date. Trying again.",
    NotUpdating "notUpdating" => "Couldn't check for updates, so this may be out of date. Reload the page to try again.",
    LessThanMinute "lessThanMinute" => "Less than a minute left",
    AboutLeft "aboutLeft" => "About {duration} left",
    OptionalExtra "optionalExtra" => "plus {duration} for optional steps",
    Learned "learned" => "based on your progress so far",
    Updated "updated" => "Updated {relative}",
    Heartbeat "heartbeat" => "Still working on it — last update {relative}",
    HearBack "hearBack" => "You'll hear back by {date} — {relative}",
    Expected "expected" => "Expected by {date} — {relative}",
    CompletedAt "completedAt" => "Completed {date}",
    DoneMessage "doneMessage" => "You're all caught up",
    DoneSummary "doneSummary" => "{completed} of {total} steps complete",
    DoneTook "doneTook" => "in {duration}",
    Reopened "reopened" => "Reopened",
    Locked "locked" => "Cannot start yet — finish {steps} first",
    More "more" => "{count} more",
    Unlocked "unlocked" => "{label} can start now",
    DoneGroup "doneGroup" => "Done ({count})",
    TierPosition "tierPosition" => "Tier {position} of {total}",
    ToNext "toNext" => "{distance} {unit} to {tier}",
    ToNextNoUnit "toNextNoUnit" => "{distance} to {tier}",
    TopTier "topTier" => "Top tier reached",
    ShowSteps "showSteps" => "Show steps",
    HideSteps "hideSteps" => "Hide steps",
    ExpectedBy "expectedBy" => "Expected by {date}",
    AboutLeftRange "aboutLeftRange" => "About {range} left",
    CompletedOnTime "completedOnTime" => "Completed {date} — on time",
    CompletedLate "completedLate" => "Completed {date} — {duration} late",
    PromiseMissed "promiseMissed" => "We said {date} — still waiting",
}

/// The plural categories of `Intl.PluralRules`, in the order
/// [`crate::view::Format::plural`] numbers them.
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// A phrase that agrees with a number: the placeholder whose number picks
/// the form, and the forms by category (an index into [`CATEGORIES`]).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Plural {
    key: usize,
    count: String,
    forms: Vec<(u8, String)>,
}

/// The phrases in use by one widget.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Strings {
    values: Vec<String>,
    /// The phrases with plural forms (from a language file).
    plurals: Vec<Plural>,
}

impl Strings {
    /// The phrase for `key`.
    pub fn get(&self, key: Key) -> &str {
        self.values
            .get(key as usize)
            .map(String::as_str)
            .unwrap_or_default()
    }

    /// Puts `text` in the slot of the key named `name` (its plural forms,
    /// if any, then give way: see [`Strings::fill_counted`]); false when
    /// `name` is not a key.
    fn set(&mut self, name: &str, text: &str) -> bool {
        let Some(i) = TABLE.iter().position(|r| r.0 == name) else {
            return false;
        };
        if let Some(slot) = self.values.get_mut(i) {
            *slot = crate::model::clip(text);
        }
        true
    }

    /// Applies a language file's `phrases` object: a key's text, or a plural
    /// object (`count` names the placeholder whose number picks the form, one
    /// form per plural category, `other` also being the form used when the
    /// category is missing). Keys that are not phrases and values of another
    /// shape are skipped: the file is checked against English by the tests.
    pub fn apply_language(&mut self, phrases: &crate::json::Json) {
        let crate::json::Json::Obj(members) = phrases else {
            return;
        };
        for (name, value) in members {
            if let Some(text) = value.as_str() {
                self.set(name, text);
                continue;
            }
            let (Some(count), Some(other)) = (
                value.get("count").and_then(|c| c.as_str()),
                value.get("other").and_then(|c| c.as_str()),
            ) else {
                continue;
            };
            if !self.set(name, other) {
                continue;
            }
            let forms = CATEGORIES
                .iter()
                .zip(0u8..)
                .filter_map(|(c, i)| Some((i, crate::model::clip(value.get(c)?.as_str()?))))
                .collect();
            if let Some(key) = TABLE.iter().position(|r| r.0 == name) {
                self.plurals.push(Plural {
                    key,
                    count: count.to_string(),
                    forms,
                });
            }
        }
    }

    /// Replaces phrases by key name. Returns the names that are not keys.
    pub fn apply_overrides(&mut self, pairs: &[(String, String)]) -> Vec<String> {
        let mut unknown = Vec::new();
        for (name, value) in pairs {
            if !self.set(name, value) {
                unknown.push(name.clone());
            }
        }
        unknown
    }

    /// Fills the template of `key`.
    pub fn fill(&self, key: Key, args: &[(&str, &str)]) -> String {
        fill(self.get(key), args)
    }

    /// Fills the template of `key` that agrees with a number: `counts` are
    /// the raw numbers of the placeholders, and `fmt` picks the plural form
    /// for the one the language counts by. The forms apply while the key's
    /// slot still holds their `other` form: a host's phrase replaces them all.
    pub fn fill_counted(
        &self,
        key: Key,
        args: &[(&str, &str)],
        counts: &[(&str, f64)],
        fmt: &dyn crate::view::Format,
    ) -> String {
        let form = self
            .plurals
            .iter()
            .find(|p| p.key == key as usize)
            .filter(|p| p.forms.iter().any(|(c, t)| *c == 5 && t == self.get(key)))
            .and_then(|p| {
                let n = counts.iter().find(|(name, _)| *name == p.count)?.1;
                let category = fmt.plural(n);
                p.forms.iter().find(|(c, _)| *c == category)
            });
        match form {
            Some((_, text)) => fill(text, args),
            None => self.fill(key, args),
        }
    }
}

impl Default for Strings {
    /// The built-in English phrases.
    fn default() -> Self {
        Strings {
            values: TABLE.iter().map(|r| r.1.to_string()).collect(),
            plurals: Vec::new(),
        }
    }
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
    fn fills_placeholders() {
        let en = Strings::default();
        assert_eq!(
            en.fill(Key::Summary, &[("completed", "3"), ("total", "5")]),
            "3 of 5 complete"
        );
        assert_eq!(fill("{a}{b}{c}", &[("a", "x"), ("b", "y")]), "xy{c}");
        assert_eq!(
            fill("{a}{b}{a}", &[("a", "x"), ("b", "y")]),
            "xy{a}",
            "a value is filled in once"
        );
        assert_eq!(fill("keep {unknown} and {", &[]), "keep {unknown} and {");
        assert_eq!(
            fill("{label}", &[("label", "{label}")]),
            "{label}",
            "values are not re-scanned"
        );
    }

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

    #[test]
    fn languages_and_overrides() {
        use crate::json::Json;
        use crate::view::{tests::Plain, Format};
        let str = |s: &str| Json::Str(s.into());
        let mut s = Strings::default();
        assert_eq!(s.get(Key::Complete), "Done");
        s.apply_language(&Json::Obj(vec![
            ("complete".into(), str("Erledigt")),
            ("nope".into(), str("x")),
            (
                "more".into(),
                Json::Obj(vec![
                    ("count".into(), str("count")),
                    ("one".into(), str("{count} weiteren")),
                    ("other".into(), str("{count} weitere")),
                ]),
            ),
        ]));
        assert_eq!(s.get(Key::Complete), "Erledigt");
        let more = |s: &Strings, n: f64| {
            s.fill_counted(
                Key::More,
                &[("count", &Plain.number(n))],
                &[("count", n)],
                &Plain,
            )
        };
        assert_eq!(more(&s, 1.0), "1 weiteren", "Plain selects English rules");
        assert_eq!(more(&s, 3.0), "3 weitere");
        let unknown = s.apply_overrides(&[
            ("complete".into(), "Finished".into()),
            ("more".into(), "{count} others".into()),
            ("nope".into(), "x".into()),
        ]);
        assert_eq!(s.get(Key::Complete), "Finished", "the host's phrase wins");
        assert_eq!(more(&s, 1.0), "1 others", "over every plural form");
        assert_eq!(unknown, ["nope"]);
        assert_eq!(TABLE.len(), Key::PromiseMissed as usize + 1);
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
