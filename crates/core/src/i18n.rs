//! The widget's phrases: English built in; another language's phrases come
//! from its language file (applied with [`Strings::apply_language`]); each is
//! overridable by the host by key (rule 21). Templates use `{name}`
//! placeholders; numbers inside phrases are formatted through `Intl` before
//! they are filled in (rule 32).

#[allow(unused_imports)]
use crate::prelude::*;

use crate::text::fill;

/// Locale-aware formatting the shell provides (through `Intl` in the browser).
pub trait Format {
    /// A count, e.g. "1,000".
    fn number(&self, n: f64) -> String;
    /// A fraction as a percentage, e.g. 0.6 -> "60%".
    fn percent(&self, fraction: f64) -> String;
    /// A short duration, e.g. 120 s -> "2 min".
    fn duration(&self, secs: f64) -> String;
    /// A wall-clock moment (ms since epoch), e.g. "Nov 20, 2026, 2:00 PM".
    fn date_time(&self, ms: f64) -> String;
    /// A nearby moment in the shortest clear form, e.g. "Fri 2:00 PM".
    fn when(&self, ms: f64, now: f64) -> String;
    /// A duration in words, e.g. 420 s -> "7 minutes".
    fn duration_long(&self, secs: f64) -> String;
    /// A relative time, e.g. (-2, Minute) -> "2 minutes ago".
    fn relative(&self, value: f64, unit: crate::plan::clock::Unit) -> String;
    /// A list in words, e.g. ["A", "B", "C"] -> "A, B, and C".
    fn list(&self, items: &[String]) -> String;
    /// A range of durations in words, in the unit of the larger, e.g.
    /// (240 s, 360 s) -> "4–6 minutes".
    fn duration_range(&self, low: f64, high: f64) -> String {
        crate::text::concat(&[&self.duration_long(low), "–", &self.duration_long(high)])
    }
    /// The offset of time zone `zone` (an IANA name; empty: the viewer's
    /// zone) from UTC at instant `utc_ms`, in milliseconds (rule 42). The
    /// default is UTC.
    fn zone_offset(&self, zone: &str, utc_ms: f64) -> f64 {
        let _ = (zone, utc_ms);
        0.0
    }
    /// The plural category of `n` in the locale, an index into
    /// [`crate::i18n::CATEGORIES`]; "other" unless a formatter knows better.
    fn plural(&self, _n: f64) -> u8 {
        5
    }
}

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
/// [`Format::plural`] numbers them.
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
            *slot = crate::text::clip(text);
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
                .filter_map(|(c, i)| Some((i, crate::text::clip(value.get(c)?.as_str()?))))
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
        fmt: &dyn Format,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fill;

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
    fn languages_and_overrides() {
        use crate::json::Json;
        use crate::plan::{tests::Plain, Format};
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
}
