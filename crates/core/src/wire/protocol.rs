//! The boundary between the wasm core and the JavaScript shell, defined once.
//!
//! Everything both sides must agree on lives in the tables below: the
//! instructions a call returns ([`op`]), the root slots ([`slot`]), the order
//! and kind of a step's fields ([`STEP_FIELDS`]), which fields changed
//! ([`field`]), the default actions of events ([`action`]), the numbers the
//! shell passes in ([`accept`], [`live`], [`out_of_date`]), the input limits
//! and timings ([`limit`], [`timing`]) and the widget attributes
//! ([`ATTRIBUTES`]).
//!
//! `js/protocol.js` is generated from these tables ([`render_js`]) and
//! committed; a host test fails when the committed file differs from what the
//! tables produce, and prints the command that regenerates it:
//! `MOMENTUM_BLESS=1 cargo test -p momentum-core protocol`.
//!
//! Values travel in the token format of [`crate::wire::codec`]: every instruction
//! is an operation token followed by its operands.

#[allow(unused_imports)]
use crate::prelude::*;

/// A constant rendered as a JavaScript literal in `js/protocol.js`.
pub trait JsLiteral {
    /// The literal, as JavaScript source.
    fn js(&self) -> String;
}

impl JsLiteral for &str {
    fn js(&self) -> String {
        let mut s = String::from("\"");
        for c in self.chars() {
            match c {
                '"' => s.push_str("\\\""),
                '\\' => s.push_str("\\\\"),
                c => s.push(c),
            }
        }
        s.push('"');
        s
    }
}

macro_rules! js_number {
    ($($t:ty),*) => {$(
        impl JsLiteral for $t {
            fn js(&self) -> String {
                crate::num::uint_to_string(*self as u64)
            }
        }
    )*};
}
js_number!(u8, u32, usize);

/// Declares a group of named constants and its table (`TABLE`: name, value,
/// documentation), from which `js/protocol.js` is generated.
macro_rules! group {
    ($(#[doc = $mdoc:literal])* $m:ident: $ty:ty {
        $( $(#[doc = $d:literal])* $name:ident = $val:expr, )*
    }) => {
        $(#[doc = $mdoc])*
        pub mod $m {
            $( $(#[doc = $d])* pub const $name: $ty = $val; )*
            /// Every constant of the group: name, value, documentation.
            pub const TABLE: &[(&str, $ty, &str)] = &[ $( (stringify!($name), $name, concat!($($d),*)) ),* ];
        }
    };
}

group! {
    /// The instructions a call into the core returns, each an operation token
    /// followed by its operands.
    op: &str {
        /// A console warning (text); the shell prefixes the element and drops repeats.
        WARN = "w",
        /// The phrases the tree is built with: progress label, empty text; then the language subtag whose file the shell loads.
        PHRASES = "l",
        /// A root slot changed: a slot code, then its values.
        ROOT = "r",
        /// The rows change kind (flag: buttons): drop them all; inserts follow.
        ROWS = "x",
        /// Remove the step (id).
        REMOVE = "-",
        /// Insert a step before the step (id, empty: at the end), then its fields.
        INSERT = "+",
        /// Move the step (id) before another (id, empty: to the end).
        MOVE = ">",
        /// Update a step: the changed field bits, then its fields.
        UPDATE = "~",
        /// Keep steps in the open or the done list, in order: count, then (id, flag: done) pairs.
        PLACE = "p",
        /// Whether there are no steps (flag).
        EMPTY = "e",
        /// Open the row of the step (id), resuming a visit.
        OPEN = "o",
        /// Render again after this long (ms, empty: no need), for relative times.
        TICK = "t",
        /// Announce politely: count, then sentences.
        ANNOUNCE = "a",
        /// Celebrations and resolved promises to remember as fired: count, then keys.
        RECORD = "k",
        /// An event: name, flag: cancelable, an action code and its operands, then the detail (a JSON value).
        EVENT = "v",
        /// When to check for a stall next (ms since epoch, empty: never).
        STALL = "s",
        /// The input was applied: a render is due.
        DUE = "d",
    }
}

group! {
    /// The root slots an [`op::ROOT`] instruction names, with their values.
    slot: &str {
        /// `data-variant` on the root (name).
        VARIANT = "V",
        /// `data-orientation` on the root (name).
        ORIENTATION = "O",
        /// Flag: interactive rows; the compact line, the tier line, the done group's label.
        EXTRAS = "X",
        /// The title (text, hidden while empty).
        TITLE = "T",
        /// The message (text, hidden while empty).
        MESSAGE = "M",
        /// The notice (text, hidden while empty).
        NOTICE = "N",
        /// The remaining-time line (text, hidden while empty).
        REMAINING = "R",
        /// The updated/heartbeat line (text, hidden while empty).
        PULSE = "U",
        /// The hear-back promise (text, hidden while empty).
        PROMISE = "H",
        /// Flag: done; the completion heading, its detail, the show and hide labels.
        DONE = "D",
        /// The summary count (text).
        SUMMARY = "S",
        /// The position sentence for screen readers (text).
        POSITION = "P",
        /// The percentage (text).
        PERCENT = "C",
        /// The bar: whole percent, thousandths, percentage text.
        BAR = "B",
    }
}

group! {
    /// Which fields of a step changed, as bits of the first operand of [`op::UPDATE`].
    field: u8 {
        /// `data-status`.
        STATUS = 1,
        /// The label text.
        LABEL = 2,
        /// The state text.
        STATE = 4,
        /// The marker glyph.
        MARKER = 8,
        /// The estimate text.
        ESTIMATE = 16,
        /// `aria-current`.
        CURRENT = 32,
        /// The completed-at or expected-by text.
        TIME = 64,
        /// The link, description, reason, lock and reverted mark.
        DETAIL = 128,
        /// Everything (a new step).
        ALL = 255,
    }
}

group! {
    /// The default action of an event, after its cancelable flag.
    action: &str {
        /// None.
        NONE = "",
        /// A subtle celebration.
        SUBTLE = "*",
        /// Confetti.
        CONFETTI = "#",
        /// Open the row of the step (id), remember it, then follow its link (href, empty: none).
        SELECT = "@",
    }
}

group! {
    /// Where a document given to `Core.accept` comes from.
    accept: u8 {
        /// From `src` or the stream, already checked.
        REMOTE = 0,
        /// `el.state = doc`.
        REPLACE = 1,
        /// `el.update(patch)`.
        PATCH = 2,
        /// The last document from `src` again, unchanged (an HTTP 304; no tokens).
        UNCHANGED = 3,
        /// `el.strings = phrases` (checked by the shell only; not accepted by the core).
        STRINGS = 4,
    }
}

group! {
    /// How a widget follows `src` (`Core.live`).
    live: u8 {
        /// Poll every `poll` interval.
        POLL = 0,
        /// Server-sent events, falling back to polling.
        SSE = 1,
        /// Do not follow.
        OFF = 2,
    }
}

group! {
    /// Whether the state may be out of date (`Core.outOfDate`).
    out_of_date: u8 {
        /// Current.
        CURRENT = 0,
        /// Possibly out of date; another fetch is scheduled.
        RETRYING = 1,
        /// Possibly out of date; no fetch is scheduled.
        STOPPED = 2,
    }
}

group! {
    /// How large input may be (rule 51), checked by the shell before it
    /// crosses into the wasm, and by the core.
    limit: usize {
        /// Largest input, in bytes of UTF-8 JSON: a state document from `src`, the stream or inline JSON, and what `el.state`, `el.update()` and `strings` take.
        MAX_BYTES = 1_000_000,
        /// Most nested objects and arrays, the outermost counting as 1.
        MAX_DEPTH = 32,
        /// Most values in total through the page API, counting every occurrence of a shared value: objects, arrays, strings, numbers, booleans and nulls (not keys).
        MAX_VALUES = 10_000,
        /// Most warnings a widget remembers as already logged (rule 52); older ones may be logged again.
        MAX_WARNINGS = 1_000,
        /// Most markup steps read from the page.
        MAX_MARKUP_STEPS = 1_000,
    }
}

group! {
    /// Timings of the shell's network and clock, in milliseconds.
    timing: u32 {
        /// How long one request may take before it is aborted.
        REQUEST_TIMEOUT_MS = 15_000,
        /// Failed server-sent-event connections in a row before falling back to polling.
        SSE_MAX_FAILURES = 3,
        /// The longest single timer (browsers overflow past 2^31-1, so longer waits are re-checked): a day.
        MAX_TIMER_MS = 86_400_000,
        /// After completion a journey is polled at most this often (rule 49): 5 minutes.
        REST_MS = 300_000,
    }
}

/// Every widget attribute, without the `data-` prefix: the one list the
/// configuration, the shell's `observedAttributes` and the manifest follow.
#[rustfmt::skip]
pub const ATTRIBUTES: [&str; 19] = [
    "src", "live", "poll", "variant", "orientation", "celebrate", "milestones", "stall-after",
    "done-message", "locale", "storage-key", "interactive", "hours", "holidays", "time-zone",
    "strings", "value", "unit", "lint",
];

/// How a step field is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// A text token.
    Text,
    /// A flag token (`1` or `0`).
    Flag,
}

/// A step's fields as [`op::INSERT`] and [`op::UPDATE`] write them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepField {
    /// The step id.
    Id,
    /// The status name.
    Status,
    /// The label.
    Label,
    /// The safe link target.
    Href,
    /// The description.
    Description,
    /// Why it cannot start yet.
    Locked,
    /// Why it is blocked or in error.
    Reason,
    /// Whether it went back from complete.
    Reverted,
    /// The state in words.
    State,
    /// The marker glyph.
    Marker,
    /// The estimate.
    Estimate,
    /// When it was completed or is expected.
    Time,
    /// Whether it is the current step.
    Current,
}

/// The step fields in the order they are written: field, its name in the
/// shell's step object, its kind.
pub const STEP_FIELDS: [(StepField, &str, FieldKind); 13] = [
    (StepField::Id, "id", FieldKind::Text),
    (StepField::Status, "status", FieldKind::Text),
    (StepField::Label, "label", FieldKind::Text),
    (StepField::Href, "href", FieldKind::Text),
    (StepField::Description, "description", FieldKind::Text),
    (StepField::Locked, "locked", FieldKind::Text),
    (StepField::Reason, "reason", FieldKind::Text),
    (StepField::Reverted, "reverted", FieldKind::Flag),
    (StepField::State, "state", FieldKind::Text),
    (StepField::Marker, "marker", FieldKind::Text),
    (StepField::Estimate, "estimate", FieldKind::Text),
    (StepField::Time, "time", FieldKind::Text),
    (StepField::Current, "current", FieldKind::Flag),
];

/// `js/protocol.js`, as the tables above produce it.
#[cfg(not(target_arch = "wasm32"))]
pub fn render_js() -> String {
    let mut s = String::from(
        "// Generated from crates/core/src/wire/protocol.rs (the one definition of the boundary between the\n\
         // wasm core and this shell); do not edit. After changing the tables there, run\n\
         //   MOMENTUM_BLESS=1 cargo test -p momentum-core protocol\n\
         // A host test fails while this file differs from what the tables produce.\n",
    );
    fn section<T: JsLiteral>(s: &mut String, prefix: &str, doc: &str, all: &[(&str, T, &str)]) {
        s.push_str("\n// ");
        s.push_str(doc);
        s.push('\n');
        for (name, value, d) in all {
            s.push_str("/** ");
            s.push_str(d.trim());
            s.push_str(" */\nexport const ");
            s.push_str(prefix);
            s.push_str(name);
            s.push_str(" = ");
            s.push_str(&value.js());
            s.push_str(";\n");
        }
    }
    section(&mut s, "OP_", "Instructions from the core.", op::TABLE);
    section(&mut s, "SLOT_", "Root slots (after OP_ROOT).", slot::TABLE);
    section(
        &mut s,
        "FIELD_",
        "Changed step fields (bits, after OP_UPDATE).",
        field::TABLE,
    );
    section(
        &mut s,
        "ACTION_",
        "Default actions of events (after OP_EVENT's name and flag).",
        action::TABLE,
    );
    section(
        &mut s,
        "ACCEPT_",
        "Where a document given to Core.accept comes from.",
        accept::TABLE,
    );
    section(
        &mut s,
        "LIVE_",
        "How a widget follows src (Core.live).",
        live::TABLE,
    );
    section(
        &mut s,
        "OUT_OF_DATE_",
        "Whether the state may be out of date (Core.outOfDate).",
        out_of_date::TABLE,
    );
    section(&mut s, "", "Input limits (rule 51).", limit::TABLE);
    section(
        &mut s,
        "",
        "Timings of the network and the clock, in milliseconds (and counts).",
        timing::TABLE,
    );
    s.push_str("\n/** Every widget attribute, without the `data-` prefix. */\nexport const ATTRIBUTES = Object.freeze([");
    let names: Vec<String> = ATTRIBUTES.iter().map(|a| a.js()).collect();
    s.push_str(&names.join(", "));
    s.push_str("]);\n\n");
    render_js_steps(&mut s);
    s
}

/// The step fields' type and reader, for [`render_js`].
#[cfg(not(target_arch = "wasm32"))]
fn render_js_steps(s: &mut String) {
    s.push_str(
        "/**\n * @typedef {object} StepFields A step as OP_INSERT and OP_UPDATE carry it.\n",
    );
    for (_, name, kind) in STEP_FIELDS {
        s.push_str(" * @property {");
        s.push_str(match kind {
            FieldKind::Text => "string",
            FieldKind::Flag => "boolean",
        });
        s.push_str("} ");
        s.push_str(name);
        s.push('\n');
    }
    s.push_str(" */\n\n");
    s.push_str(
        "/**\n * Reads a step's fields in the order the core writes them.\n \
         * @param {() => string} next the next token\n \
         * @param {() => boolean} flag the next token as a flag\n \
         * @returns {StepFields}\n */\nexport function readStep(next, flag) {\n  return {\n",
    );
    for (_, name, kind) in STEP_FIELDS {
        s.push_str("    ");
        s.push_str(name);
        s.push_str(match kind {
            FieldKind::Text => ": next(),\n",
            FieldKind::Flag => ": flag(),\n",
        });
    }
    s.push_str("  };\n}\n");
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// The repository's root (this crate is `crates/core`).
    const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    const JS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../js/protocol.js");

    #[test]
    fn protocol_js_is_generated_from_the_tables() {
        let want = render_js();
        if std::env::var_os("MOMENTUM_BLESS").is_some() {
            std::fs::write(JS, &want).unwrap();
        }
        let have = std::fs::read_to_string(JS).unwrap_or_default();
        assert!(
            have == want,
            "js/protocol.js differs from the tables in src/protocol.rs; regenerate it with\n  \
             MOMENTUM_BLESS=1 cargo test -p momentum-core protocol"
        );
    }

    #[test]
    fn codes_are_unique_and_one_token_each() {
        let mut seen = HashSet::new();
        for (name, code, _) in op::TABLE.iter().chain(slot::TABLE).chain(action::TABLE) {
            assert!(seen.insert(*code), "{name}: code {code:?} is used twice");
            assert!(!code.contains(crate::wire::codec::SEP), "{name}");
        }
        for group in [accept::TABLE, live::TABLE, out_of_date::TABLE] {
            let values: HashSet<u8> = group.iter().map(|(_, v, _)| *v).collect();
            assert_eq!(values.len(), group.len());
        }
        let bits: Vec<u8> = field::TABLE.iter().map(|(_, v, _)| *v).collect();
        let all = bits
            .iter()
            .filter(|b| **b != field::ALL)
            .fold(0, |a, b| a | b);
        assert_eq!(all, field::ALL, "ALL is every field bit");
        let names: HashSet<&str> = STEP_FIELDS.iter().map(|(_, n, _)| *n).collect();
        assert_eq!(names.len(), STEP_FIELDS.len());
        let attrs: HashSet<&str> = ATTRIBUTES.into_iter().collect();
        assert_eq!(attrs.len(), ATTRIBUTES.len());
    }

    /// The manifest and the types name exactly the widget attributes of
    /// [`ATTRIBUTES`] (the page tests check them against the element too).
    #[test]
    fn manifest_and_types_list_the_attributes() {
        let root = ROOT;
        let manifest: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(format!("{root}/js/custom-elements.json")).unwrap(),
        )
        .unwrap();
        let mut listed: Vec<String> = manifest["modules"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|m| m["declarations"].as_array().cloned().unwrap_or_default())
            .filter(|d| d["tagName"].as_str() == Some("momentum-progress"))
            .flat_map(|d| d["attributes"].as_array().cloned().unwrap_or_default())
            .map(|a| a["name"].as_str().unwrap().to_string())
            .collect();
        listed.sort();
        let mut ours: Vec<String> = ATTRIBUTES.iter().map(|a| a.to_string()).collect();
        ours.sort();
        assert_eq!(listed, ours, "js/custom-elements.json lists the attributes");
        let dts = std::fs::read_to_string(format!("{root}/js/momentum.d.ts")).unwrap();
        let union = dts
            .split("export type MomentumAttribute =")
            .nth(1)
            .and_then(|t| t.split(';').next())
            .unwrap();
        let mut typed: Vec<String> = union
            .split('"')
            .skip(1)
            .step_by(2)
            .map(String::from)
            .collect();
        typed.sort();
        assert_eq!(
            typed, ours,
            "momentum.d.ts MomentumAttribute names the attributes"
        );
    }
}
