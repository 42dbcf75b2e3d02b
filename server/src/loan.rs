//! The loan journey of the business-time demo (`/api/loan`): a bank that
//! works `Mon-Fri 09:00-17:00` in `Europe/Berlin` and is closed on the first
//! weekday after the journey starts (a holiday), with estimates in open time
//! (`4bh`, `1bd`, `2bd`). The widget works out when each step is expected on
//! that calendar; started on a Friday afternoon, every estimate crosses the
//! weekend and the holiday.
//!
//! Like the other scripted journeys it is a pure function of the time: the
//! journey starts at `start_unix` (the demo page passes its own clock as
//! `from`, so a page test with a fixed clock sees the same story) and moves
//! one step every `step_secs` of the session's clock. Completed steps carry
//! the `eta` that was promised: the documents arrive on time, the credit
//! check two hours late.

use serde_json::{json, Value};

use crate::time::{iso8601, DAY};

/// `(id, label, estimate)` of each step, in order.
const STEPS: [(&str, &str, &str); 5] = [
    ("applied", "Application received", ""),
    ("documents", "Documents checked", "4bh"),
    ("credit", "Credit check", "1bd"),
    ("decision", "Decision", "1bd"),
    ("payout", "Money in your account", "2bd"),
];

/// `message` after 0 … 4 advances.
const MESSAGES: [&str; 5] = [
    "Thanks! We're checking your documents.",
    "Your documents are fine. Next: the credit check.",
    "Credit check done. A loan officer is deciding now.",
    "Approved! We're sending the money.",
    "The money is in your account.",
];

/// The first weekday (Monday to Friday, by UTC date) after the day of
/// `unix_secs`, as `YYYY-MM-DD`: the demo's holiday.
pub fn next_weekday(unix_secs: i64) -> String {
    let mut day = unix_secs.div_euclid(DAY) + 1;
    // 1970-01-01 was a Thursday: weekday 0 is Monday.
    while (day + 3).rem_euclid(7) >= 5 {
        day += 1;
    }
    iso8601(day * DAY)[..10].to_string()
}

/// The loan journey `elapsed_secs` after it started at `start_unix`.
pub fn loan(start_unix: i64, elapsed_secs: u64, step_secs: u64) -> Value {
    let step_secs = step_secs.max(1);
    let last = STEPS.len() - 1;
    let advances = usize::try_from(elapsed_secs / step_secs)
        .unwrap_or(usize::MAX)
        .min(last);
    let at = |k: usize| {
        let offset = i64::try_from(step_secs.saturating_mul(k as u64)).unwrap_or(i64::MAX);
        start_unix.saturating_add(offset)
    };
    let steps: Vec<Value> = STEPS
        .iter()
        .enumerate()
        .map(|(i, (id, label, estimate))| {
            let mut s = json!({ "id": id, "label": label });
            if !estimate.is_empty() {
                s["estimate"] = (*estimate).into();
            }
            if i <= advances {
                s["status"] = "complete".into();
                s["completedAt"] = iso8601(at(i)).into();
                match *id {
                    // Promised with a minute to spare, and kept.
                    "documents" => s["eta"] = iso8601(at(i) + 60).into(),
                    // Promised two hours before it came.
                    "credit" => s["eta"] = iso8601(at(i) - 7_200).into(),
                    _ => {}
                }
            } else if i == advances + 1 {
                s["status"] = "active".into();
                s["startedAt"] = iso8601(at(advances)).into();
            } else {
                s["status"] = "pending".into();
            }
            s
        })
        .collect();
    let mut doc = json!({
        "version": 1,
        "title": "Loan application #L-2207",
        "message": MESSAGES[advances],
        "updatedAt": iso8601(at(advances)),
        "sequence": advances,
        "hours": "Mon-Fri 09:00-17:00",
        "timeZone": "Europe/Berlin",
        "holidays": [next_weekday(start_unix)],
        "steps": steps,
    });
    if advances < last {
        doc["nextUpdateBy"] = iso8601(at(advances + 1) + 10).into();
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Friday 27 November 2026, 15:55 UTC (16:55 in Berlin).
    const FRIDAY: i64 = 1_795_794_900;

    #[test]
    fn the_holiday_is_the_next_weekday() {
        assert_eq!(iso8601(FRIDAY), "2026-11-27T15:55:00Z");
        assert_eq!(next_weekday(FRIDAY), "2026-11-30");
        assert_eq!(next_weekday(FRIDAY - DAY), "2026-11-27");
    }

    #[test]
    fn it_starts_with_the_documents_and_ends_paid_out() {
        let doc = loan(FRIDAY, 0, 8);
        assert_eq!(doc["steps"][0]["status"], "complete");
        assert_eq!(doc["steps"][1]["status"], "active");
        assert_eq!(doc["steps"][1]["estimate"], "4bh");
        assert_eq!(doc["holidays"][0], "2026-11-30");
        assert_eq!(doc["nextUpdateBy"], "2026-11-27T15:55:18Z");
        let doc = loan(FRIDAY, 16, 8);
        assert_eq!(doc["steps"][2]["completedAt"], "2026-11-27T15:55:16Z");
        assert_eq!(doc["steps"][2]["eta"], "2026-11-27T13:55:16Z");
        let done = loan(FRIDAY, 10_000, 8);
        assert!(done["steps"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["status"] == "complete"));
        assert!(done.get("nextUpdateBy").is_none());
    }
}
