//! Scripted journeys: pure functions from "how long since the session started"
//! to a state document (docs/reference.md#the-state-document). No I/O, no clocks: the handlers pass the time in.
//!
//! Every document carries `version`, `title`, `message`, `updatedAt` (when the
//! journey last moved) and `sequence` (how many times it moved), so a widget can
//! order documents and tell a quiet endpoint from a stalled one.

use serde_json::{json, Map, Value};

use crate::time::{iso8601, DAY};

/// A step's `estimate`: the spec allows a duration string or a number of seconds.
#[derive(Clone, Copy, Debug)]
enum Estimate {
    Text(&'static str),
    Seconds(u64),
}

/// The fixed part of a journey step.
#[derive(Clone, Copy, Debug)]
struct StepDef {
    id: &'static str,
    label: &'static str,
    description: &'static str,
    estimate: Option<Estimate>,
    optional: bool,
}

impl StepDef {
    /// The step as JSON with the given `status`; callers add timestamps.
    fn to_json(self, status: &str) -> Map<String, Value> {
        let mut step = Map::new();
        step.insert("id".into(), self.id.into());
        step.insert("label".into(), self.label.into());
        step.insert("status".into(), status.into());
        if !self.description.is_empty() {
            step.insert("description".into(), self.description.into());
        }
        match self.estimate {
            Some(Estimate::Text(text)) => step.insert("estimate".into(), text.into()),
            Some(Estimate::Seconds(secs)) => step.insert("estimate".into(), secs.into()),
            None => None,
        };
        if self.optional {
            step.insert("optional".into(), true.into());
        }
        step
    }
}

/// Adds an ISO 8601 timestamp field to a step.
fn stamp(step: &mut Map<String, Value>, field: &str, unix_secs: i64) {
    step.insert(field.into(), iso8601(unix_secs).into());
}

/// Unix time of the `k`-th advance of a journey that advances every `step_secs`.
fn advance_time(start_unix: i64, step_secs: u64, k: usize) -> i64 {
    let offset = step_secs.saturating_mul(k as u64);
    start_unix.saturating_add(i64::try_from(offset).unwrap_or(i64::MAX))
}

/// The scripted journeys that can also be streamed over SSE.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Journey {
    /// `/api/onboarding`: five user steps, one optional.
    Onboarding,
    /// `/api/order`: six order-tracking steps with ETAs.
    Order,
}

impl Journey {
    /// Seconds between advances when the request has no `step` parameter.
    pub fn default_step_secs(self) -> u64 {
        match self {
            Journey::Onboarding => 12,
            Journey::Order => 20,
        }
    }

    /// The document `elapsed_secs` after a start at `start_unix`.
    pub fn document(self, start_unix: i64, elapsed_secs: u64, step_secs: u64) -> Value {
        match self {
            Journey::Onboarding => onboarding(start_unix, elapsed_secs, step_secs),
            Journey::Order => order(start_unix, elapsed_secs, step_secs),
        }
    }
}

const ONBOARDING_STEPS: [StepDef; 5] = [
    StepDef {
        id: "goals",
        label: "Tell us your goals",
        description: "Pick what you want to track first; you can change it later.",
        estimate: Some(Estimate::Text("2m")),
        optional: false,
    },
    StepDef {
        id: "connect",
        label: "Connect your data",
        description: "Link a data source so your dashboard has something to show.",
        estimate: Some(Estimate::Seconds(300)),
        optional: false,
    },
    StepDef {
        id: "invite",
        label: "Invite your team",
        description: "Add colleagues now, or skip and invite them whenever you like.",
        estimate: Some(Estimate::Text("1m")),
        optional: true,
    },
    StepDef {
        id: "customize",
        label: "Customize your dashboard",
        description: "Arrange the charts you care about most.",
        estimate: Some(Estimate::Text("3m")),
        optional: false,
    },
    StepDef {
        id: "launch",
        label: "Launch",
        description: "Go live and share your dashboard.",
        estimate: Some(Estimate::Text("1m")),
        optional: false,
    },
];

/// `message` after 0, 1, … 5 advances.
const ONBOARDING_MESSAGES: [&str; 6] = [
    "Welcome! Let's start with your goals.",
    "Great, now connect your data.",
    "Invite your team, or skip this for now.",
    "Make the dashboard yours.",
    "One last step: launch!",
    "You're all set. Welcome aboard!",
];

/// The onboarding journey `elapsed_secs` after the session started at `start_unix`,
/// advancing one step every `step_secs`.
///
/// After `k` advances the first `k` steps are done (`complete`, or `skipped` for
/// the optional `invite`), step `k` is `active` and the rest are `pending`.
/// After the fifth advance everything is done and the journey stops moving.
pub fn onboarding(start_unix: i64, elapsed_secs: u64, step_secs: u64) -> Value {
    let step_secs = step_secs.max(1);
    let advances = usize::try_from(elapsed_secs / step_secs)
        .unwrap_or(usize::MAX)
        .min(ONBOARDING_STEPS.len());
    let at = |k: usize| advance_time(start_unix, step_secs, k);

    let steps: Vec<Value> = ONBOARDING_STEPS
        .iter()
        .enumerate()
        .map(|(i, def)| {
            let step = if i < advances && def.optional {
                def.to_json("skipped")
            } else if i < advances {
                let mut step = def.to_json("complete");
                stamp(&mut step, "startedAt", at(i));
                stamp(&mut step, "completedAt", at(i + 1));
                step
            } else if i == advances {
                let mut step = def.to_json("active");
                stamp(&mut step, "startedAt", at(i));
                step
            } else {
                def.to_json("pending")
            };
            Value::Object(step)
        })
        .collect();

    json!({
        "version": 1,
        "title": "Set up your workspace",
        "message": ONBOARDING_MESSAGES[advances],
        "updatedAt": iso8601(at(advances)),
        "sequence": advances,
        "steps": steps,
    })
}

const ORDER_STEPS: [StepDef; 6] = [
    StepDef {
        id: "placed",
        label: "Order placed",
        description: "We've received your order #MO-1042.",
        estimate: None,
        optional: false,
    },
    StepDef {
        id: "paid",
        label: "Payment confirmed",
        description: "Your payment has been authorised.",
        estimate: None,
        optional: false,
    },
    StepDef {
        id: "packed",
        label: "Packed",
        description: "Your items are packed and labelled.",
        estimate: None,
        optional: false,
    },
    StepDef {
        id: "shipped",
        label: "Shipped",
        description: "Handed to the courier.",
        estimate: None,
        optional: false,
    },
    StepDef {
        id: "out-for-delivery",
        label: "Out for delivery",
        description: "The courier is on the way to you.",
        estimate: None,
        optional: false,
    },
    StepDef {
        id: "delivered",
        label: "Delivered",
        description: "Left at your front door.",
        estimate: None,
        optional: false,
    },
];

/// `message` when 1, 2, … 6 steps are complete.
const ORDER_MESSAGES: [&str; 6] = [
    "We've got your order",
    "Payment confirmed, we're packing your order",
    "Packed and waiting for the courier",
    "Your parcel is on its way",
    "Out for delivery today",
    "Delivered. Enjoy!",
];

/// The order-tracking journey `elapsed_secs` after `start_unix`, advancing every
/// `step_secs`.
///
/// `placed` is complete from the start; after `k` advances steps `0..=k` are
/// complete (with `completedAt`), the next one is `active` and every step not
/// done has an `eta`. `nextUpdateBy` promises the next advance with a grace
/// period of one step (at least 10 s), and disappears once delivered.
pub fn order(start_unix: i64, elapsed_secs: u64, step_secs: u64) -> Value {
    let step_secs = step_secs.max(1);
    let last = ORDER_STEPS.len() - 1;
    let advances = usize::try_from(elapsed_secs / step_secs)
        .unwrap_or(usize::MAX)
        .min(last);
    let at = |k: usize| advance_time(start_unix, step_secs, k);

    let steps: Vec<Value> = ORDER_STEPS
        .iter()
        .enumerate()
        .map(|(i, def)| {
            let step = if i <= advances {
                let mut step = def.to_json("complete");
                stamp(&mut step, "completedAt", at(i));
                step
            } else if i == advances + 1 {
                let mut step = def.to_json("active");
                stamp(&mut step, "startedAt", at(advances));
                stamp(&mut step, "eta", at(i));
                step
            } else {
                let mut step = def.to_json("pending");
                stamp(&mut step, "eta", at(i));
                step
            };
            Value::Object(step)
        })
        .collect();

    let mut doc = json!({
        "version": 1,
        "title": "Order #MO-1042",
        "message": ORDER_MESSAGES[advances],
        "updatedAt": iso8601(at(advances)),
        "sequence": advances,
        "steps": steps,
    });
    if advances < last {
        let grace = i64::try_from(step_secs.max(10)).unwrap_or(i64::MAX);
        let next_update_by = at(advances + 1).saturating_add(grace);
        doc["nextUpdateBy"] = iso8601(next_update_by).into();
    }
    doc
}

/// A journey that went quiet: last updated 3 days before `now_unix`, and its
/// promised next update (`nextUpdateBy`) is already a day overdue.
pub fn stalled(now_unix: i64) -> Value {
    json!({
        "version": 1,
        "title": "Open your business account",
        "message": "We're reviewing your documents",
        "updatedAt": iso8601(now_unix - 3 * DAY),
        "nextUpdateBy": iso8601(now_unix - DAY),
        "sequence": 3,
        "steps": [
            { "id": "apply", "label": "Submit your application", "status": "complete",
              "completedAt": iso8601(now_unix - 4 * DAY) },
            { "id": "upload", "label": "Upload your documents", "status": "complete",
              "completedAt": iso8601(now_unix - 3 * DAY) },
            { "id": "review", "label": "Reviewing your documents", "status": "active",
              "startedAt": iso8601(now_unix - 3 * DAY), "estimate": "1d",
              "description": "A specialist checks your documents by hand." },
            { "id": "decision", "label": "Decision", "status": "pending" },
            { "id": "ready", "label": "Account ready", "status": "pending" },
        ],
    })
}

/// A document that never changes (not even its timestamps), for tests that an
/// unchanged endpoint costs only `304 Not Modified` answers.
pub fn unchanging() -> Value {
    const JAN_1_2026: i64 = 1_767_225_600;
    json!({
        "version": 1,
        "title": "Read the handbook",
        "message": "Nothing new here",
        "updatedAt": iso8601(JAN_1_2026),
        "sequence": 1,
        "steps": [
            { "id": "intro", "label": "Introduction", "status": "complete",
              "completedAt": iso8601(JAN_1_2026 - DAY) },
            { "id": "values", "label": "Our values", "status": "active", "estimate": "5m" },
            { "id": "tools", "label": "Tools we use", "status": "pending", "estimate": 600 },
        ],
    })
}

/// The small journey `/api/flaky` serves when it is not injecting a fault.
/// Only `sequence` and `updatedAt` differ between requests.
pub fn flaky(sequence: u64, updated_unix: i64) -> Value {
    json!({
        "version": 1,
        "title": "Syncing your files",
        "message": "Processing your upload",
        "updatedAt": iso8601(updated_unix),
        "sequence": sequence,
        "steps": [
            { "id": "received", "label": "Upload received", "status": "complete" },
            { "id": "processing", "label": "Processing", "status": "active", "estimate": "1m" },
            { "id": "done", "label": "Ready to use", "status": "pending" },
        ],
    })
}

/// [`flaky`] finished: every step complete. A plain [`flaky`] document after
/// it (with a higher `sequence`) reopens the journey.
pub fn flaky_complete(sequence: u64, updated_unix: i64) -> Value {
    json!({
        "version": 1,
        "title": "Syncing your files",
        "message": "Your files are ready",
        "updatedAt": iso8601(updated_unix),
        "sequence": sequence,
        "steps": [
            { "id": "received", "label": "Upload received", "status": "complete" },
            { "id": "processing", "label": "Processing", "status": "complete", "estimate": "1m" },
            { "id": "done", "label": "Ready to use", "status": "complete" },
        ],
    })
}

/// An earlier state of [`flaky`] (`sequence` 1, an hour old, less progress):
/// what a delayed, out-of-order response looks like.
pub fn flaky_outdated(now_unix: i64) -> Value {
    json!({
        "version": 1,
        "title": "Syncing your files",
        "message": "Waiting for your upload",
        "updatedAt": iso8601(now_unix - 3600),
        "sequence": 1,
        "steps": [
            { "id": "received", "label": "Upload received", "status": "active" },
            { "id": "processing", "label": "Processing", "status": "pending", "estimate": "1m" },
            { "id": "done", "label": "Ready to use", "status": "pending" },
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const START: i64 = 1_795_428_000; // 2026-11-23T10:00:00Z

    fn statuses(doc: &Value) -> Vec<&str> {
        doc["steps"]
            .as_array()
            .map(|steps| steps.iter().filter_map(|s| s["status"].as_str()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn onboarding_at_start_has_the_first_step_active() {
        let doc = onboarding(START, 0, 12);
        assert_eq!(doc["version"], 1);
        assert_eq!(doc["sequence"], 0);
        assert_eq!(doc["updatedAt"], "2026-11-23T10:00:00Z");
        assert_eq!(
            statuses(&doc),
            ["active", "pending", "pending", "pending", "pending"]
        );
        assert_eq!(doc["steps"][0]["startedAt"], "2026-11-23T10:00:00Z");
        assert_eq!(doc["steps"][0]["estimate"], "2m");
        assert_eq!(doc["steps"][1]["estimate"], 300);
        assert_eq!(doc["steps"][2]["optional"], true);
        assert!(doc["steps"][0].get("completedAt").is_none());
    }

    #[test]
    fn onboarding_midway_completes_and_skips() {
        // 40 s at 12 s per step: three advances.
        let doc = onboarding(START, 40, 12);
        assert_eq!(doc["sequence"], 3);
        assert_eq!(doc["updatedAt"], "2026-11-23T10:00:36Z");
        assert_eq!(
            statuses(&doc),
            ["complete", "complete", "skipped", "active", "pending"]
        );
        assert_eq!(doc["steps"][1]["startedAt"], "2026-11-23T10:00:12Z");
        assert_eq!(doc["steps"][1]["completedAt"], "2026-11-23T10:00:24Z");
        assert!(doc["steps"][2].get("completedAt").is_none());
        assert_eq!(doc["steps"][3]["startedAt"], "2026-11-23T10:00:36Z");
    }

    #[test]
    fn optional_step_is_active_before_it_is_skipped() {
        let doc = onboarding(START, 24, 12);
        assert_eq!(
            statuses(&doc),
            ["complete", "complete", "active", "pending", "pending"]
        );
    }

    #[test]
    fn onboarding_ends_all_done_and_stops_moving() {
        let end = onboarding(START, 60, 12);
        assert_eq!(
            statuses(&end),
            ["complete", "complete", "skipped", "complete", "complete"]
        );
        assert_eq!(end["sequence"], 5);
        assert_eq!(end["message"], "You're all set. Welcome aboard!");
        assert_eq!(onboarding(START, 10_000, 12), end);
    }

    #[test]
    fn zero_step_is_treated_as_one_second() {
        assert_eq!(onboarding(START, 2, 0)["sequence"], 2);
    }

    #[test]
    fn order_starts_placed_and_ends_delivered() {
        let start = order(START, 0, 20);
        assert_eq!(
            statuses(&start),
            ["complete", "active", "pending", "pending", "pending", "pending"]
        );
        assert_eq!(start["steps"][0]["completedAt"], "2026-11-23T10:00:00Z");
        assert_eq!(start["steps"][1]["eta"], "2026-11-23T10:00:20Z");
        assert_eq!(start["steps"][5]["eta"], "2026-11-23T10:01:40Z");
        // Next advance at 10:00:20, plus one step of grace.
        assert_eq!(start["nextUpdateBy"], "2026-11-23T10:00:40Z");

        let mid = order(START, 65, 20);
        assert_eq!(mid["sequence"], 3);
        assert_eq!(mid["message"], "Your parcel is on its way");
        assert_eq!(
            statuses(&mid),
            ["complete", "complete", "complete", "complete", "active", "pending"]
        );

        let end = order(START, 500, 20);
        assert_eq!(statuses(&end), ["complete"; 6]);
        assert!(end.get("nextUpdateBy").is_none());
    }

    #[test]
    fn stalled_is_overdue() {
        let doc = stalled(START);
        assert_eq!(doc["updatedAt"], "2026-11-20T10:00:00Z");
        assert_eq!(doc["nextUpdateBy"], "2026-11-22T10:00:00Z");
        assert_eq!(doc["steps"][2]["label"], "Reviewing your documents");
        assert_eq!(doc["steps"][2]["status"], "active");
    }

    #[test]
    fn unchanging_is_constant() {
        assert_eq!(unchanging(), unchanging());
    }

    #[test]
    fn flaky_complete_is_flaky_with_every_step_done() {
        let done = flaky_complete(2, START);
        assert_eq!(statuses(&done), ["complete"; 3]);
        assert_eq!(done["sequence"], 2);
        let ids = |doc: &Value| {
            doc["steps"]
                .as_array()
                .map(|s| s.iter().map(|s| s["id"].clone()).collect::<Vec<_>>())
        };
        assert_eq!(ids(&done), ids(&flaky(1, START)));
    }

    #[test]
    fn journeys_dispatch() {
        assert_eq!(Journey::Order.document(START, 30, 20), order(START, 30, 20));
        assert_eq!(Journey::Onboarding.default_step_secs(), 12);
    }
}
