//! The widget's built-in phrases and a tiny `{name}` template filler.
//!
//! Numbers inside phrases are formatted by the shell through
//! `Intl.NumberFormat` before they are filled in (SPEC §9.32).

/// Every user-visible phrase. Templates use `{name}` placeholders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Strings {
    /// Summary: `{completed}`, `{total}`.
    pub summary: &'static str,
    /// Screen-reader position: `{position}`, `{total}`.
    pub position: &'static str,
    /// Accessible name of the progress bar.
    pub progress_label: &'static str,
    /// State text of a pending step.
    pub pending: &'static str,
    /// State text of an active step.
    pub active: &'static str,
    /// State text of a complete step.
    pub complete: &'static str,
    /// State text of a skipped step.
    pub skipped: &'static str,
    /// State text of a blocked step.
    pub blocked: &'static str,
    /// State text of a step in error.
    pub error: &'static str,
    /// Added to the state text of optional steps.
    pub optional: &'static str,
    /// Announcement when a step completes: `{label}`.
    pub announce_complete: &'static str,
    /// Shown when there are no steps yet.
    pub empty: &'static str,
    /// Notice when the journey is stalled: `{when}` is the last update.
    pub stalled: &'static str,
    /// Notice when the shown state may be out of date (a fetch failed).
    pub out_of_date: &'static str,
}

/// English, the fallback for every language without built-in phrases.
pub const EN: Strings = Strings {
    summary: "{completed} of {total} complete",
    position: "Step {position} of {total}",
    progress_label: "Progress",
    pending: "Not started",
    active: "In progress",
    complete: "Done",
    skipped: "Skipped",
    blocked: "Blocked",
    error: "Needs attention",
    optional: "Optional",
    announce_complete: "{label}: done",
    empty: "No steps yet",
    stalled: "No news since {when}. This is taking longer than expected.",
    out_of_date: "Couldn't check for updates just now, so this may be out of date. Trying again.",
};

/// Replaces each `{name}` in `template` with its value from `args`; unknown
/// placeholders are left as they are.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let (before, tail) = rest.split_at(start);
        out.push_str(before);
        let Some(end) = tail.find('}') else {
            out.push_str(tail);
            return out;
        };
        let name = tail.get(1..end).unwrap_or_default();
        match args.iter().find(|(k, _)| *k == name) {
            Some((_, v)) => out.push_str(v),
            None => out.push_str(tail.get(..=end).unwrap_or_default()),
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
        assert_eq!(
            fill(EN.summary, &[("completed", "3"), ("total", "5")]),
            "3 of 5 complete"
        );
        assert_eq!(fill("{a}{b}{a}", &[("a", "x"), ("b", "y")]), "xyx");
        assert_eq!(fill("keep {unknown} and {", &[]), "keep {unknown} and {");
        assert_eq!(
            fill("{label}", &[("label", "{label}")]),
            "{label}",
            "values are not re-scanned"
        );
    }
}
