//! The state document (docs/reference.md#the-state-document): types, lenient validation, step ids, merging
//! markup steps with document steps by id, and ordering of documents.
//!
//! Every input (markup, inline JSON, `src`, `el.state`, `el.update()`) becomes
//! a [`Doc`] and goes through [`State::merged`] or [`State::patched`]: there is
//! no second path.

pub mod business;
pub mod calendar;
pub mod estimate;
pub mod progress;
pub mod promise;

#[allow(unused_imports)]
use crate::prelude::*;

use crate::idmap::IdMap;
use crate::input::duration;
use crate::input::time::parse_iso;
use crate::json::Json;
use crate::num::uint_to_string;
use crate::warning::Warning;

/// Largest number of steps a document may have (docs/reference.md#limits).
pub const MAX_STEPS: usize = 1000;
pub use crate::text::{clip, MAX_TEXT};

/// The state of one step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Not started.
    Pending,
    /// In progress.
    Active,
    /// Done.
    Complete,
    /// Passed over; counts as done.
    Skipped,
    /// Waiting on something outside the person's control.
    Blocked,
    /// Went wrong.
    Error,
}

impl Status {
    /// Parses a status name; `None` for unknown names.
    pub fn parse(s: &str) -> Option<Status> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "pending" => Status::Pending,
            "active" => Status::Active,
            "complete" => Status::Complete,
            "skipped" => Status::Skipped,
            "blocked" => Status::Blocked,
            "error" => Status::Error,
            _ => return None,
        })
    }

    /// The status name used in documents and in `data-status`.
    pub fn name(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Active => "active",
            Status::Complete => "complete",
            Status::Skipped => "skipped",
            Status::Blocked => "blocked",
            Status::Error => "error",
        }
    }

    /// Whether the step counts as done (complete or skipped).
    pub fn is_done(self) -> bool {
        matches!(self, Status::Complete | Status::Skipped)
    }
}

/// A timestamp as given, with its parsed instant.
#[derive(Clone, Debug, PartialEq)]
pub struct Stamp {
    /// The text as it came.
    pub raw: String,
    /// Milliseconds since the Unix epoch.
    pub ms: f64,
}

impl Stamp {
    /// Parses an ISO 8601 timestamp.
    pub fn parse(raw: &str) -> Option<Stamp> {
        parse_iso(raw).map(|ms| Stamp {
            raw: raw.trim().to_string(),
            ms,
        })
    }
}

/// The fields of a step as one input gives them: every field may be absent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StepPatch {
    /// Step id (assigned by [`assign_ids`] when absent).
    pub id: Option<String>,
    /// Label.
    pub label: Option<String>,
    /// State.
    pub status: Option<Status>,
    /// Estimated duration, seconds.
    pub estimate: Option<f64>,
    /// Estimated duration in open time (`4bh`, `2bd`; rule 42), instead of
    /// `estimate`.
    pub business: Option<BusinessEstimate>,
    /// Whether the step is optional.
    pub optional: Option<bool>,
    /// Link for the step.
    pub href: Option<String>,
    /// Longer description.
    pub description: Option<String>,
    /// When work on the step started.
    pub started_at: Option<Stamp>,
    /// When the step was completed.
    pub completed_at: Option<Stamp>,
    /// When the step is expected.
    pub eta: Option<Stamp>,
    /// Why the step is blocked or in error.
    pub reason: Option<String>,
    /// Ids of steps that must be done first.
    pub requires: Option<Vec<String>>,
    /// Tier threshold (tiers variant).
    pub threshold: Option<f64>,
}

/// A step after merging: every field has a value.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// Unique id.
    pub id: String,
    /// Label (the id when no input gave one).
    pub label: String,
    /// State.
    pub status: Status,
    /// Estimated duration, seconds.
    pub estimate: Option<f64>,
    /// Estimated duration in open time (rule 42); `estimate` is then `None`.
    pub business: Option<BusinessEstimate>,
    /// Optional steps do not count against completion.
    pub optional: bool,
    /// Link for the step.
    pub href: Option<String>,
    /// Longer description.
    pub description: Option<String>,
    /// When work on the step started.
    pub started_at: Option<Stamp>,
    /// When the step was completed.
    pub completed_at: Option<Stamp>,
    /// When the step is expected.
    pub eta: Option<Stamp>,
    /// Why the step is blocked or in error.
    pub reason: Option<String>,
    /// Ids of steps that must be done first.
    pub requires: Vec<String>,
    /// Tier threshold (tiers variant).
    pub threshold: Option<f64>,
}

impl crate::idmap::Keyed for Step {
    fn key(&self) -> &str {
        &self.id
    }
}

impl Step {
    /// A pending step with this id and nothing else set.
    pub(crate) fn new(id: String) -> Step {
        Step {
            label: String::new(),
            id,
            status: Status::Pending,
            estimate: None,
            business: None,
            optional: false,
            href: None,
            description: None,
            started_at: None,
            completed_at: None,
            eta: None,
            reason: None,
            requires: Vec::new(),
            threshold: None,
        }
    }

    /// Applies the fields `p` gives; absent fields keep their value.
    pub fn apply(&mut self, p: &StepPatch) {
        fn set<T: Clone>(dst: &mut T, src: &Option<T>) {
            if let Some(v) = src {
                *dst = v.clone();
            }
        }
        fn set_opt<T: Clone>(dst: &mut Option<T>, src: &Option<T>) {
            if src.is_some() {
                dst.clone_from(src);
            }
        }
        set(&mut self.label, &p.label);
        set(&mut self.status, &p.status);
        set_opt(&mut self.estimate, &p.estimate);
        // One estimate at a time: a plain one replaces a business one and back.
        if p.business.is_some() {
            self.business.clone_from(&p.business);
            self.estimate = None;
        } else if p.estimate.is_some() {
            self.business = None;
        }
        set(&mut self.optional, &p.optional);
        set_opt(&mut self.href, &p.href);
        set_opt(&mut self.description, &p.description);
        set_opt(&mut self.started_at, &p.started_at);
        set_opt(&mut self.completed_at, &p.completed_at);
        set_opt(&mut self.eta, &p.eta);
        set_opt(&mut self.reason, &p.reason);
        set(&mut self.requires, &p.requires);
        set_opt(&mut self.threshold, &p.threshold);
    }
}

/// A step estimate that counts open time only (rule 42), as written and as
/// read.
#[derive(Clone, Debug, PartialEq)]
pub struct BusinessEstimate {
    /// The open time asked for.
    pub value: duration::Business,
    /// The text as the input wrote it (trimmed), for `el.state`.
    pub raw: String,
}

/// Reads an estimate: plain seconds, or open time (`4bh`, `2bd`).
fn read_estimate(raw: &str) -> Option<(Option<f64>, Option<BusinessEstimate>)> {
    match duration::parse_span(raw)? {
        duration::Span::Plain(s) => Some((Some(s), None)),
        duration::Span::Business(value) => Some((
            None,
            Some(BusinessEstimate {
                value,
                raw: raw.trim().to_string(),
            }),
        )),
    }
}

/// What an estimate may be, for warnings.
const ESTIMATE_ALLOWED: &str =
    "a duration such as 90s, 2m, 1h30m, PT2M, a number of seconds, or open time such as 4bh or 2bd; ignored";

/// One state document as an input gave it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Doc {
    /// Heading of the journey.
    pub title: Option<String>,
    /// Current status line.
    pub message: Option<String>,
    /// When the journey last changed.
    pub updated_at: Option<Stamp>,
    /// When the next update is promised.
    pub next_update_by: Option<Stamp>,
    /// Ordering number.
    pub sequence: Option<f64>,
    /// Current value (tiers).
    pub value: Option<f64>,
    /// Unit of `value` (tiers).
    pub unit: Option<String>,
    /// The business's calendar, where the document gives it (rule 42).
    pub business: BusinessFields,
    /// Steps, ids assigned.
    pub steps: Vec<StepPatch>,
}

/// The document's `hours`, `holidays` and `timeZone`: each wins over its
/// attribute when given.
#[derive(Clone, Debug, Default)]
pub struct BusinessFields {
    /// Opening hours, as written and as read.
    pub hours: Option<(String, crate::model::calendar::Schedule)>,
    /// Closed days.
    pub holidays: Option<crate::model::calendar::Holidays>,
    /// IANA name of the business's zone (checked by the shell).
    pub time_zone: Option<String>,
}

impl PartialEq for BusinessFields {
    /// Hours compare by their text: the schedule is read from it, and
    /// comparing seven lists of ranges costs the wasm much more code.
    fn eq(&self, other: &Self) -> bool {
        self.hours.as_ref().map(|h| &h.0) == other.hours.as_ref().map(|h| &h.0)
            && self.holidays == other.holidays
            && self.time_zone == other.time_zone
    }
}

/// Why a document was rejected as a whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocError {
    /// The document is not a JSON object.
    NotAnObject(&'static str),
    /// `steps` is missing, not an array, or holds no usable step.
    NoSteps,
    /// More than [`MAX_STEPS`] steps.
    TooManySteps,
}

impl DocError {
    /// A sentence a person can read.
    pub fn message(&self) -> String {
        match self {
            DocError::NotAnObject(kind) => {
                let mut s = String::from("the state document must be a JSON object, not ");
                s.push_str(kind);
                s
            }
            DocError::NoSteps => {
                String::from("the state document has no usable steps (\"steps\" must be a non-empty array of objects)")
            }
            DocError::TooManySteps => {
                let mut s = String::from("the state document has more than ");
                s.push_str(&uint_to_string(MAX_STEPS as u64));
                s.push_str(" steps");
                s
            }
        }
    }
}

/// Reads document fields, collecting a warning for each field of the wrong type.
struct Reader<'a> {
    warnings: &'a mut Vec<Warning>,
    step: String,
}

impl Reader<'_> {
    fn warn(&mut self, field: &str, value: &Json, allowed: &str) {
        let shown = match value {
            Json::Str(s) => clip(s),
            Json::Num(_) => String::from("a number"),
            other => String::from(other.kind()),
        };
        self.warnings
            .push(Warning::new(field, &shown, allowed).on_step(&self.step));
    }

    fn text(&mut self, obj: &Json, field: &str) -> Option<String> {
        match obj.get(field)? {
            Json::Str(s) => Some(clip(s.trim())),
            Json::Num(n) if field == "id" && n.fract() == 0.0 && n.abs() < 1e15 => {
                let mut s = String::new();
                if *n < 0.0 {
                    s.push('-');
                }
                s.push_str(&uint_to_string(n.abs() as u64));
                Some(s)
            }
            Json::Null => None,
            other => {
                let other = other.clone();
                self.warn(field, &other, "text; ignored");
                None
            }
        }
    }

    /// The document's `hours`, `holidays` and `timeZone` (rule 42).
    fn business(&mut self, obj: &Json) -> BusinessFields {
        let hours = self.text(obj, "hours").map(|raw| {
            let (schedule, warnings) = crate::model::calendar::parse_hours(&raw);
            self.warnings.extend(warnings);
            (raw, schedule)
        });
        let holidays = match obj.get("holidays") {
            None | Some(Json::Null) => None,
            Some(v) => {
                let (holidays, warnings) = crate::model::calendar::holidays_from_json(v);
                self.warnings.extend(warnings);
                Some(holidays)
            }
        };
        BusinessFields {
            hours,
            holidays,
            time_zone: self.text(obj, "timeZone").filter(|z| !z.is_empty()),
        }
    }

    fn number(&mut self, obj: &Json, field: &str) -> Option<f64> {
        match obj.get(field)? {
            Json::Num(n) if n.is_finite() => Some(*n),
            Json::Null => None,
            other => {
                let other = other.clone();
                self.warn(field, &other, "a number; ignored");
                None
            }
        }
    }

    fn stamp(&mut self, obj: &Json, field: &str) -> Option<Stamp> {
        let raw = self.text(obj, field)?;
        let stamp = Stamp::parse(&raw);
        if stamp.is_none() {
            self.warn(
                field,
                &Json::Str(raw),
                "an ISO 8601 date-time such as 2026-11-23T10:00:00Z; ignored",
            );
        }
        stamp
    }

    fn step(&mut self, obj: &Json) -> StepPatch {
        self.step = self.text(obj, "id").unwrap_or_default();
        let mut p = StepPatch {
            id: Some(self.step.clone()).filter(|s| !s.is_empty()),
            label: self.text(obj, "label"),
            href: self.text(obj, "href"),
            description: self.text(obj, "description"),
            reason: self.text(obj, "reason"),
            started_at: self.stamp(obj, "startedAt"),
            completed_at: self.stamp(obj, "completedAt"),
            eta: self.stamp(obj, "eta"),
            threshold: self.number(obj, "threshold"),
            ..StepPatch::default()
        };
        const STATUSES: &str = "pending, active, complete, skipped, blocked or error";
        p.status = match obj.get("status") {
            None | Some(Json::Null) => None,
            Some(Json::Str(raw)) => Some(Status::parse(raw).unwrap_or_else(|| {
                self.warn(
                    "status",
                    &Json::Str(raw.clone()),
                    &crate::text::concat(&[STATUSES, "; using pending"]),
                );
                Status::Pending
            })),
            Some(other) => {
                let other = other.clone();
                self.warn(
                    "status",
                    &other,
                    &crate::text::concat(&[STATUSES, "; ignored"]),
                );
                None
            }
        };
        p.estimate = match obj.get("estimate") {
            None | Some(Json::Null) => None,
            Some(Json::Num(n)) if (0.0..=duration::MAX_SECONDS).contains(n) => Some(*n),
            Some(Json::Str(s)) if read_estimate(s).is_some() => {
                let (plain, business) = read_estimate(s).unwrap_or_default();
                p.business = business;
                plain
            }
            Some(other) => {
                let other = other.clone();
                self.warn("estimate", &other, ESTIMATE_ALLOWED);
                None
            }
        };
        p.optional = match obj.get("optional") {
            None | Some(Json::Null) => None,
            Some(Json::Bool(b)) => Some(*b),
            Some(other) => {
                let other = other.clone();
                self.warn("optional", &other, "true or false; ignored");
                None
            }
        };
        p.requires = match obj.get("requires") {
            None | Some(Json::Null) => None,
            Some(Json::Arr(items)) => Some(requires_list(items.iter().filter_map(Json::as_str))),
            Some(Json::Str(s)) => Some(requires_list(s.split_whitespace())),
            Some(other) => {
                let other = other.clone();
                self.warn("requires", &other, "an array of step ids; ignored");
                None
            }
        };
        p
    }
}

/// The ids of a `requires` list: trimmed, cut at [`MAX_TEXT`], empty ones
/// dropped, each once (the first time it appears), and at most
/// [`MAX_STEPS`] of them: a list that names one step 30,000 times is one
/// step long (rule 50).
pub fn requires_list<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut seen = IdMap::with_capacity(8);
    let mut out = Vec::new();
    for id in ids {
        let id = id.trim();
        if !id.is_empty() && seen.insert(id.into(), 0) {
            out.push(clip(id));
            if out.len() == MAX_STEPS {
                break;
            }
        }
    }
    out
}

/// Gives every step an id: `step-N` (N its 1-based position) when it has
/// none, and `-2`, `-3`… appended to duplicates (rules 2 and 23,
/// docs/rules.md). Linear in the ids: each id remembers the next suffix to
/// try when it repeats. `attr` is where the author writes ids: `id` in
/// documents, `data-step` in markup, so that warnings name it.
pub fn assign_ids(steps: &mut [StepPatch], attr: &str, warnings: &mut Vec<Warning>) {
    let mut seen = IdMap::with_capacity(steps.len());
    for (i, step) in steps.iter_mut().enumerate() {
        let mut id = match step.id.take() {
            Some(id) => id,
            None => {
                let mut id = String::from("step-");
                id.push_str(&uint_to_string(i as u64 + 1));
                warnings.push(Warning::new(attr, "", "a unique step id; using ").on_step(&id));
                if let Some(w) = warnings.last_mut() {
                    w.allowed.push_str(&id);
                }
                id
            }
        };
        if let Some(mut n) = seen.get(&id) {
            let base = id;
            loop {
                let mut candidate = base.clone();
                candidate.push('-');
                candidate.push_str(&uint_to_string(n as u64));
                n += 1;
                if !seen.contains(&candidate) {
                    id = candidate;
                    break;
                }
            }
            seen.set(&base, n);
            let mut allowed = String::from("unique step ids; renamed to ");
            allowed.push_str(&id);
            warnings.push(Warning::new(attr, &base, &allowed).on_step(&base));
        }
        seen.insert(id.clone().into(), 2);
        step.id = Some(id);
    }
}

/// Parses a state document. With `need_steps`, a document without usable
/// steps is an error (a full document); without it (a patch for
/// `el.update()`), steps may be absent.
pub fn parse_doc(json: &Json, need_steps: bool) -> Result<(Doc, Vec<Warning>), DocError> {
    // A bare array is accepted as a list of steps for patches.
    let steps_json = match json {
        Json::Obj(_) => json.get("steps"),
        Json::Arr(_) if !need_steps => Some(json),
        other => return Err(DocError::NotAnObject(other.kind())),
    };
    let mut warnings = Vec::new();
    let mut r = Reader {
        warnings: &mut warnings,
        step: String::new(),
    };
    let mut doc = Doc {
        title: r.text(json, "title"),
        message: r.text(json, "message"),
        updated_at: r.stamp(json, "updatedAt"),
        next_update_by: r.stamp(json, "nextUpdateBy"),
        sequence: r.number(json, "sequence"),
        value: r.number(json, "value"),
        unit: r.text(json, "unit"),
        business: r.business(json),
        steps: Vec::new(),
    };
    match steps_json {
        Some(Json::Arr(items)) => {
            if items.len() > MAX_STEPS {
                return Err(DocError::TooManySteps);
            }
            for (i, item) in items.iter().enumerate() {
                if matches!(item, Json::Obj(_)) {
                    doc.steps.push(r.step(item));
                } else {
                    let mut at = String::from("steps[");
                    at.push_str(&uint_to_string(i as u64));
                    at.push(']');
                    r.step = String::new();
                    r.warn(&at, item, "a step object; ignored");
                }
            }
        }
        None | Some(Json::Null) if !need_steps => {}
        _ => return Err(DocError::NoSteps),
    }
    if need_steps && doc.steps.is_empty() {
        return Err(DocError::NoSteps);
    }
    assign_ids(&mut doc.steps, "id", &mut warnings);
    Ok((doc, warnings))
}

/// One step as read from markup: its `data-*` attributes and text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MarkupStep {
    /// `(name, value)` of the `data-` attributes, names without `data-`.
    pub attrs: Vec<(String, String)>,
    /// The element's text, whitespace collapsed.
    pub label: String,
}

/// Turns markup steps into a document (docs/reference.md#step-attributes-in-markup).
pub fn doc_from_markup(items: &[MarkupStep]) -> (Doc, Vec<Warning>) {
    let mut warnings = Vec::new();
    let mut steps = Vec::with_capacity(items.len().min(MAX_STEPS));
    for item in items.iter().take(MAX_STEPS) {
        let get = |name: &str| {
            item.attrs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let id = get("step").map(str::trim).filter(|s| !s.is_empty());
        let at = id.unwrap_or_default();
        let mut warn = |attr: &str, value: &str, allowed: &str| {
            warnings.push(Warning::new(attr, value, allowed).on_step(at));
        };
        let text = |name: &str| get(name).map(|v| clip(v.trim())).filter(|v| !v.is_empty());
        let mut stamp = |name: &str, attr: &str| {
            let raw = text(name)?;
            let s = Stamp::parse(&raw);
            if s.is_none() {
                warn(
                    attr,
                    &raw,
                    "an ISO 8601 date-time such as 2026-11-23T10:00:00Z; ignored",
                );
            }
            s
        };
        let started_at = stamp("started-at", "data-started-at");
        let completed_at = stamp("completed-at", "data-completed-at");
        let eta = stamp("eta", "data-eta");
        let mut p = StepPatch {
            id: id.map(clip),
            label: Some(clip(&item.label)).filter(|l| !l.is_empty()),
            href: text("href"),
            description: text("description"),
            reason: text("reason"),
            started_at,
            completed_at,
            eta,
            requires: get("requires").map(|r| requires_list(r.split_whitespace())),
            optional: get("optional").map(|v| !v.trim().eq_ignore_ascii_case("false")),
            ..StepPatch::default()
        };
        if let Some(raw) = text("status") {
            p.status = Some(Status::parse(&raw).unwrap_or_else(|| {
                warn(
                    "data-status",
                    &raw,
                    "pending, active, complete, skipped, blocked or error; using pending",
                );
                Status::Pending
            }));
        }
        if let Some(raw) = text("estimate") {
            match read_estimate(&raw) {
                Some((plain, business)) => (p.estimate, p.business) = (plain, business),
                None => warn("data-estimate", &raw, ESTIMATE_ALLOWED),
            }
        }
        if let Some(raw) = text("threshold") {
            p.threshold = crate::num::parse_decimal(&raw);
            if p.threshold.is_none() {
                warn("data-threshold", &raw, "a non-negative number; ignored");
            }
        }
        steps.push(p);
    }
    assign_ids(&mut steps, "data-step", &mut warnings);
    (
        Doc {
            steps,
            ..Doc::default()
        },
        warnings,
    )
}

/// The merged, displayable state of a journey.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct State {
    /// Heading.
    pub title: Option<String>,
    /// Current status line.
    pub message: Option<String>,
    /// When the journey last changed.
    pub updated_at: Option<Stamp>,
    /// When the next update is promised.
    pub next_update_by: Option<Stamp>,
    /// Ordering number.
    pub sequence: Option<f64>,
    /// Current value (tiers).
    pub value: Option<f64>,
    /// Unit of `value` (tiers).
    pub unit: Option<String>,
    /// The business's calendar as the documents gave it.
    pub business: BusinessFields,
    /// Steps in display order, ids unique.
    pub steps: Vec<Step>,
}

impl State {
    /// The state a full document gives, on top of the markup steps: steps
    /// are merged by id (document values win), markup order first, then new
    /// document steps in document order.
    pub fn merged(markup: &Doc, doc: &Doc) -> State {
        let mut state = State::default();
        // Markup-level fields (e.g. a tiers widget's `value` attribute) first;
        // the document's win where it gives them.
        state.take_fields(markup, true);
        state.take_fields(doc, false);
        let mut index = IdMap::with_capacity(markup.steps.len() + doc.steps.len());
        for p in markup.steps.iter().chain(&doc.steps) {
            state.upsert(p, &mut index);
        }
        state.fill_labels();
        state
    }

    /// This state with a patch applied (`el.update()`): only the fields and
    /// steps the patch gives change.
    pub fn patched(&self, patch: &Doc) -> State {
        let mut state = self.clone();
        state.take_fields(patch, false);
        let mut index = IdMap::positions(&self.steps);
        for p in &patch.steps {
            state.upsert(p, &mut index);
        }
        state.fill_labels();
        state
    }

    fn take_fields(&mut self, doc: &Doc, replace: bool) {
        fn take<T: Clone>(dst: &mut Option<T>, src: &Option<T>, replace: bool) {
            if replace || src.is_some() {
                dst.clone_from(src);
            }
        }
        take(&mut self.title, &doc.title, replace);
        take(&mut self.message, &doc.message, replace);
        take(&mut self.updated_at, &doc.updated_at, replace);
        take(&mut self.next_update_by, &doc.next_update_by, replace);
        take(&mut self.sequence, &doc.sequence, replace);
        take(&mut self.value, &doc.value, replace);
        take(&mut self.unit, &doc.unit, replace);
        let (b, from) = (&mut self.business, &doc.business);
        take(&mut b.hours, &from.hours, replace);
        take(&mut b.holidays, &from.holidays, replace);
        take(&mut b.time_zone, &from.time_zone, replace);
    }

    /// Applies `p` to its step, or adds it. `index`: where each step is,
    /// by id (the ids are borrowed from the inputs, which outlive it).
    fn upsert<'a>(&mut self, p: &'a StepPatch, index: &mut IdMap<'a>) {
        let Some(id) = p.id.as_deref() else { return };
        if let Some(step) = index.get(id).and_then(|i| self.steps.get_mut(i)) {
            step.apply(p);
        } else if self.steps.len() < MAX_STEPS {
            let mut step = Step::new(id.to_string());
            step.apply(p);
            index.insert(id.into(), self.steps.len());
            self.steps.push(step);
        }
    }

    fn fill_labels(&mut self) {
        for s in &mut self.steps {
            if s.label.is_empty() {
                s.label.clone_from(&s.id);
            }
        }
    }

    /// The ordering key of this state (see [`is_older`]).
    pub fn order(&self) -> Order {
        Order {
            sequence: self.sequence,
            updated_ms: self.updated_at.as_ref().map(|s| s.ms),
        }
    }
}

impl Doc {
    /// The ordering key of this document.
    pub fn order(&self) -> Order {
        Order {
            sequence: self.sequence,
            updated_ms: self.updated_at.as_ref().map(|s| s.ms),
        }
    }
}

/// What orders documents: `sequence`, or without it `updatedAt`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Order {
    /// `sequence`, if given.
    pub sequence: Option<f64>,
    /// `updatedAt` in ms, if given.
    pub updated_ms: Option<f64>,
}

/// Whether a document with order `new` is older than the baseline `base` and
/// must be ignored (docs/reference.md#the-state-document). Equal or incomparable documents are not older.
pub fn is_older(new: Order, base: Order) -> bool {
    match (new.sequence, base.sequence) {
        (Some(n), Some(b)) => n < b,
        _ => match (new.updated_ms, base.updated_ms) {
            (Some(n), Some(b)) => n < b,
            _ => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Json {
        Json::Str(v.to_string())
    }

    fn obj(members: &[(&str, Json)]) -> Json {
        Json::Obj(
            members
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }

    fn step(id: &str, status: &str) -> Json {
        obj(&[("id", s(id)), ("label", s(id)), ("status", s(status))])
    }

    fn doc(steps: Vec<Json>) -> Json {
        obj(&[("version", Json::Num(1.0)), ("steps", Json::Arr(steps))])
    }

    #[test]
    fn parses_the_spec_example() {
        let j = obj(&[
            ("title", s("Set up your workspace")),
            ("updatedAt", s("2026-11-23T10:00:00Z")),
            ("sequence", Json::Num(42.0)),
            (
                "steps",
                Json::Arr(vec![
                    obj(&[
                        ("id", s("goals")),
                        ("label", s("Tell us your goals")),
                        ("status", s("complete")),
                        ("estimate", s("2m")),
                        ("completedAt", s("2026-11-23T09:58:00Z")),
                    ]),
                    obj(&[
                        ("id", s("connect")),
                        ("status", s("active")),
                        ("estimate", Json::Num(300.0)),
                    ]),
                    obj(&[
                        ("id", s("invite")),
                        ("optional", Json::Bool(true)),
                        ("unknownField", s("ignored")),
                    ]),
                ]),
            ),
        ]);
        let (d, w) = parse_doc(&j, true).unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(d.title.as_deref(), Some("Set up your workspace"));
        assert_eq!(d.sequence, Some(42.0));
        assert_eq!(d.steps.len(), 3);
        assert_eq!(d.steps[0].estimate, Some(120.0));
        assert_eq!(d.steps[1].estimate, Some(300.0));
        assert_eq!(d.steps[1].status, Some(Status::Active));
        assert_eq!(d.steps[2].optional, Some(true));
    }

    #[test]
    fn rejects_non_documents() {
        assert_eq!(
            parse_doc(&Json::Arr(vec![]), true),
            Err(DocError::NotAnObject("an array"))
        );
        assert_eq!(
            parse_doc(&s("x"), true),
            Err(DocError::NotAnObject("a string"))
        );
        assert_eq!(parse_doc(&obj(&[]), true), Err(DocError::NoSteps));
        assert_eq!(parse_doc(&doc(vec![]), true), Err(DocError::NoSteps));
        assert_eq!(
            parse_doc(&doc(vec![Json::Num(1.0)]), true),
            Err(DocError::NoSteps)
        );
        let many = doc((0..=MAX_STEPS).map(|_| obj(&[])).collect());
        assert_eq!(parse_doc(&many, true), Err(DocError::TooManySteps));
    }

    #[test]
    fn wrong_types_are_warnings_not_failures() {
        let j = doc(vec![obj(&[
            ("id", s("a")),
            ("label", Json::Arr(vec![Json::Num(1.0)])),
            ("status", Json::Num(5.0)),
            ("estimate", obj(&[])),
            ("optional", s("yes")),
            ("completedAt", s("last tuesday")),
        ])]);
        let (d, w) = parse_doc(&j, true).unwrap();
        assert_eq!(d.steps.len(), 1);
        assert_eq!(d.steps[0].label, None);
        let fields: Vec<&str> = w.iter().map(|w| w.attr.as_str()).collect();
        assert_eq!(
            fields,
            ["label", "completedAt", "status", "estimate", "optional"]
        );
        assert!(w.iter().all(|w| w.step == "a"));
    }

    #[test]
    fn unknown_status_is_pending_with_warning() {
        let (d, w) = parse_doc(&doc(vec![step("a", "done")]), true).unwrap();
        assert_eq!(d.steps[0].status, Some(Status::Pending));
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].value, "done");
    }

    #[test]
    fn ids_are_assigned_and_deduplicated() {
        let j = doc(vec![
            obj(&[("label", s("First"))]),
            step("a", "pending"),
            step("a", "pending"),
            step("a", "pending"),
            obj(&[("id", Json::Num(7.0))]),
        ]);
        let (d, w) = parse_doc(&j, true).unwrap();
        let ids: Vec<&str> = d.steps.iter().map(|s| s.id.as_deref().unwrap()).collect();
        assert_eq!(ids, ["step-1", "a", "a-2", "a-3", "7"]);
        assert_eq!(w.len(), 3);
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn requires_lists_name_each_step_once() {
        let j = doc(vec![
            obj(&[("id", s("a"))]),
            obj(&[("id", s("b")), ("requires", s(&"a ".repeat(30_000)))]),
            obj(&[
                ("id", s("c")),
                (
                    "requires",
                    Json::Arr(vec![
                        s(" b "),
                        s("a"),
                        s("b"),
                        s(""),
                        Json::Num(1.0),
                        s("a"),
                    ]),
                ),
            ]),
        ]);
        let (d, _) = parse_doc(&j, true).unwrap();
        assert_eq!(
            d.steps[1].requires.as_deref(),
            Some(&[String::from("a")][..])
        );
        assert_eq!(d.steps[2].requires, Some(vec!["b".into(), "a".into()]));
        let many: Vec<String> = (0..2 * MAX_STEPS).map(|i| format!("x{i}")).collect();
        assert_eq!(
            requires_list(many.iter().map(String::as_str)).len(),
            MAX_STEPS
        );
        let (m, _) = doc_from_markup(&[MarkupStep {
            attrs: vec![("requires".into(), "a  b a\tb".into())],
            label: "L".into(),
        }]);
        assert_eq!(m.steps[0].requires, Some(vec!["a".into(), "b".into()]));
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn a_thousand_equal_long_ids_are_renamed_in_linear_work() {
        let id = "i".repeat(300);
        let j = doc((0..MAX_STEPS).map(|_| obj(&[("id", s(&id))])).collect());
        crate::work::take();
        let (d, w) = parse_doc(&j, true).unwrap();
        let work = crate::work::take();
        assert_eq!(
            d.steps[999].id.as_deref(),
            Some(format!("{id}-1000").as_str())
        );
        assert_eq!(w.len(), MAX_STEPS - 1);
        // About a few kilobytes per step (the ids, warnings and the step);
        // the old scan compared every id with every other: gigabytes.
        assert!(work < 20_000 * MAX_STEPS as u64, "{work} units of work");
        let ids: std::collections::HashSet<_> = d.steps.iter().map(|s| s.id.clone()).collect();
        assert_eq!(ids.len(), MAX_STEPS);
    }

    #[test]
    fn markup_steps() {
        let item = |attrs: &[(&str, &str)], label: &str| MarkupStep {
            attrs: attrs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            label: label.to_string(),
        };
        let (d, w) = doc_from_markup(&[
            item(
                &[
                    ("step", "goals"),
                    ("estimate", "2m"),
                    ("status", "complete"),
                ],
                "Goals",
            ),
            item(&[("step", "connect"), ("estimate", "soon")], "Connect"),
            item(&[("step", "invite"), ("optional", "")], "Invite"),
            item(&[], "No id"),
            item(&[("step", "goals")], "Dup"),
        ]);
        let ids: Vec<&str> = d.steps.iter().map(|s| s.id.as_deref().unwrap()).collect();
        assert_eq!(ids, ["goals", "connect", "invite", "step-4", "goals-2"]);
        assert_eq!(d.steps[0].estimate, Some(120.0));
        assert_eq!(d.steps[0].status, Some(Status::Complete));
        assert_eq!(d.steps[1].estimate, None);
        assert_eq!(d.steps[2].optional, Some(true));
        let attrs: Vec<&str> = w.iter().map(|w| w.attr.as_str()).collect();
        // Ids are named as the author writes them in markup.
        assert_eq!(attrs, ["data-estimate", "data-step", "data-step"]);
    }

    #[test]
    fn merge_keeps_markup_labels_and_server_wins() {
        let markup = Doc {
            steps: vec![
                StepPatch {
                    id: Some("a".into()),
                    label: Some("Markup A".into()),
                    estimate: Some(60.0),
                    ..Default::default()
                },
                StepPatch {
                    id: Some("b".into()),
                    label: Some("Markup B".into()),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let (server, _) = parse_doc(
            &doc(vec![
                obj(&[
                    ("id", s("b")),
                    ("status", s("complete")),
                    ("label", s("Server B")),
                ]),
                obj(&[("id", s("a")), ("status", s("active"))]),
                obj(&[("id", s("c"))]),
            ]),
            true,
        )
        .unwrap();
        let st = State::merged(&markup, &server);
        let ids: Vec<&str> = st.steps.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(st.steps[0].label, "Markup A");
        assert_eq!(st.steps[0].estimate, Some(60.0));
        assert_eq!(st.steps[0].status, Status::Active);
        assert_eq!(st.steps[1].label, "Server B");
        assert_eq!(st.steps[2].label, "c", "label falls back to the id");
    }

    #[test]
    fn patch_changes_only_what_it_gives() {
        let (d, _) = parse_doc(
            &obj(&[
                ("title", s("T")),
                (
                    "steps",
                    Json::Arr(vec![step("a", "active"), step("b", "pending")]),
                ),
            ]),
            true,
        )
        .unwrap();
        let st = State::merged(&Doc::default(), &d);
        let (p, _) = parse_doc(
            &Json::Arr(vec![obj(&[("id", s("a")), ("status", s("complete"))])]),
            false,
        )
        .unwrap();
        let next = st.patched(&p);
        assert_eq!(next.title.as_deref(), Some("T"));
        assert_eq!(next.steps[0].status, Status::Complete);
        assert_eq!(next.steps[0].label, "a");
        assert_eq!(next.steps[1].status, Status::Pending);
    }

    #[test]
    fn ordering() {
        let o = |sequence: Option<f64>, updated_ms: Option<f64>| Order {
            sequence,
            updated_ms,
        };
        assert!(is_older(o(Some(1.0), None), o(Some(2.0), None)));
        assert!(!is_older(o(Some(2.0), None), o(Some(2.0), None)));
        assert!(!is_older(o(Some(3.0), Some(0.0)), o(Some(2.0), Some(9.0))));
        assert!(is_older(o(None, Some(1.0)), o(None, Some(2.0))));
        assert!(!is_older(o(None, None), o(Some(5.0), Some(5.0))));
    }

    #[test]
    fn round_trip_through_json() {
        let (d, _) = parse_doc(
            &obj(&[
                ("title", s("T")),
                ("updatedAt", s("2026-11-23T10:00:00Z")),
                ("steps", Json::Arr(vec![step("a", "complete")])),
            ]),
            true,
        )
        .unwrap();
        let st = State::merged(&Doc::default(), &d);
        let mut out = crate::wire::codec::Writer::default();
        crate::wire::encode::state(&mut out, &st);
        let json = crate::wire::codec::decode(&out.text, &out.nums).unwrap();
        let (again, w) = parse_doc(&json, true).unwrap();
        assert!(w.is_empty());
        assert_eq!(State::merged(&Doc::default(), &again), st);
    }

    #[test]
    fn long_text_is_clipped_at_a_char_boundary() {
        let long = "é".repeat(MAX_TEXT);
        let c = clip(&long);
        assert!(c.len() <= MAX_TEXT);
        assert!(c.chars().all(|ch| ch == 'é'));
    }
}
