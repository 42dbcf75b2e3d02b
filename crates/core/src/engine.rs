//! The widget's decisions, free of the browser: accepting documents in order,
//! rendering through [`plan::plan`] and [`plan::diff`], and deciding which
//! events are due (docs/reference.md#events; rules 4, 5, 13 and 34).

#[allow(unused_imports)]
use crate::prelude::*;

use crate::celebrate::{self, Celebration};
use crate::i18n::{Key, Strings};
use crate::idmap::IdMap;
use crate::input::config::{Config, Warning};
use crate::live::stall_at;
use crate::model::progress::{counts, current_index, waiting_on, Counts};
use crate::model::{is_older, Doc, Order, State, Status};
use crate::plan::{self, changed_ids, Format, Moment, Patch, View};

/// More steps completing in one update than this are announced as a count.
pub const MAX_NAMED_COMPLETIONS: usize = 3;

/// How a document arrived; decides ordering and merging.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// From `src` or SSE: ignored when older than the baseline.
    Remote,
    /// The inline `<script type="application/json">`: ordered like `Remote`.
    Inline,
    /// `el.state = doc`: applied unconditionally, sets the baseline.
    Replace,
    /// `el.update(patch)`: merged into the current state.
    Patch,
}

/// What happened to a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accepted {
    /// Older than the current one: ignored.
    Stale,
    /// Applied (the state may or may not look different).
    Applied,
}

/// How far ahead of the viewer's clock an `updatedAt` may lie and still
/// order documents (rule 53): a day.
pub const MAX_AHEAD_MS: f64 = 86_400_000.0;

/// Documents older by `sequence` than the current one, but different, that
/// arrive in a row before the server counts as restarted (rule 53).
pub const RESTART_AFTER: u8 = 3;

/// Something about ordering a person should hear of (a console warning).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Note {
    /// A document's `updatedAt` lies more than [`MAX_AHEAD_MS`] ahead: it
    /// was shown but not used for ordering.
    Ahead,
    /// [`RESTART_AFTER`] documents in a row went back in `sequence`: the
    /// last was applied, and ordering continues from it.
    Restarted,
}

/// Most resolved promises a widget keeps in memory (rule 52); a forgotten
/// one is still remembered under the storage key once it fired.
const MAX_PROMISES_REMEMBERED: usize = 2_000;

/// The key under which a resolved promise is remembered with the storage
/// key's celebrations: `p`, the kind, a hash of the step id (ids may hold
/// the separator) and the promised time in ms.
fn promise_key(
    kind: crate::model::promise::Kind,
    step_id: Option<&str>,
    promised_ms: f64,
) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    for b in step_id.unwrap_or_default().bytes() {
        hash = (hash ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    crate::text::concat(&[
        "p",
        kind.name(),
        &crate::num::uint_to_string(u64::from(hash)),
        "@",
        &crate::num::uint_to_string(promised_ms.max(0.0) as u64),
    ])
}

/// A step that became complete.
#[derive(Clone, Debug, PartialEq)]
pub struct Completed {
    /// Step id.
    pub step_id: String,
    /// Step label.
    pub label: String,
    /// 0-based index among all steps.
    pub index: usize,
    /// How long the step took (`completedAt - startedAt`), when both are known.
    pub duration_ms: Option<f64>,
}

/// The result of one render.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rendered {
    /// DOM patches to apply.
    pub patches: Vec<Patch>,
    /// `momentum-ready` is due with these counts.
    pub ready: Option<Counts>,
    /// `momentum-change` is due: counts, active step id, changed step ids.
    pub change: Option<(Counts, Option<String>, Vec<String>)>,
    /// `momentum-step-complete` is due for each of these.
    pub completed: Vec<Completed>,
    /// `momentum-celebrate` is due for each of these, in order.
    pub celebrate: Vec<Celebrate>,
    /// Celebration keys to remember as fired for this storage key.
    pub record: Vec<String>,
    /// Sentences for the polite live region.
    pub announce: Vec<String>,
    /// `momentum-promise` is due for each of these (rule 45).
    pub promises: Vec<PromiseResolved>,
}

/// A due `momentum-promise`: a step's `eta` or the `nextUpdateBy` resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct PromiseResolved {
    /// `eta` or `reply`.
    pub kind: crate::model::promise::Kind,
    /// The step, for an `eta`.
    pub step_id: Option<String>,
    /// The promised time, ms since epoch.
    pub promised_ms: f64,
    /// When it was fulfilled, for a kept promise.
    pub actual_ms: Option<f64>,
    /// Whether it was kept.
    pub kept: bool,
}

/// A due `momentum-celebrate`.
#[derive(Clone, Debug, PartialEq)]
pub struct Celebrate {
    /// Milestone or completion.
    pub what: Celebration,
    /// The actual progress.
    pub progress: f64,
    /// The step whose change caused it, if one did.
    pub step_id: Option<String>,
}

/// The state machine of one widget.
#[derive(Clone, Debug, Default)]
pub struct Engine {
    /// Current configuration.
    pub config: Config,
    markup: Doc,
    state: State,
    baseline: Order,
    view: Option<View>,
    rendered: Option<State>,
    ready_fired: bool,
    dirty_state: bool,
    last_update_ms: Option<f64>,
    stalled: bool,
    out_of_date: OutOfDate,
    fired: Vec<String>,
    /// Steps that were complete and are not any more (shown as reopened).
    reverted: Vec<String>,
    /// `value` and `unit` as the documents gave them (they win over markup).
    doc_value: Option<f64>,
    doc_unit: Option<String>,
    /// By position (markup steps come first in the state, in order): whether
    /// nothing has stated the step's status yet (no `data-status`). The first
    /// document from `src` is their baseline (rule 36).
    unstated: Vec<bool>,
    /// Whether a document from `src` has been applied.
    src_seen: bool,
    /// By position: steps whose status only the first `src` document told;
    /// the render it causes reports no completion for them.
    quiet: Vec<bool>,
    /// Documents in a row older by `sequence` than the current one but
    /// different from it.
    behind: u8,
    /// Warnings about ordering not yet taken by [`Engine::take_notes`].
    notes: Vec<Note>,
    /// The last `nextUpdateBy` a newer document answered, and when (rule 45).
    reply_answer: Option<(f64, f64)>,
    /// Promises resolved in this page's life (fired, or resolved already at
    /// the first render), by key.
    promises_done: Vec<String>,
    /// With `stall-after` in open time: the last update and when that much
    /// open time after it has passed (worked out at render, where the
    /// business's zone can be asked).
    stall_open_due: Option<(f64, f64)>,
}

/// Whether the shown state may be out of date because updating from `src` failed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OutOfDate {
    /// The last fetch succeeded (or there was none).
    #[default]
    No,
    /// A fetch failed and another is scheduled.
    Retrying,
    /// A fetch failed and none is scheduled (`401`/`403`, or no polling):
    /// the notice must not promise another try.
    Stopped,
}

/// `momentum-stalled` is due.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stalled {
    /// The last update (ms since epoch), if known.
    pub last_update_ms: Option<f64>,
    /// The promised next update (ms since epoch), if any.
    pub next_update_by_ms: Option<f64>,
}

impl Engine {
    /// An engine with the given config and the steps found in markup.
    pub fn new(config: Config, markup: Doc) -> Engine {
        let state = State::merged(&markup, &Doc::default());
        let unstated = markup.steps.iter().map(|p| p.status.is_none()).collect();
        let mut engine = Engine {
            config,
            markup,
            state,
            dirty_state: true,
            unstated,
            ..Engine::default()
        };
        engine.derive();
        engine
    }

    /// The current merged state.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// Current counts.
    pub fn counts(&self) -> Counts {
        counts(&self.state.steps)
    }

    /// Whether `momentum-ready` has fired.
    pub fn is_ready(&self) -> bool {
        self.ready_fired
    }

    /// Sets statuses the variant derives: for `tiers` with a `value`, every
    /// tier whose threshold is reached is complete, the next is active.
    fn derive(&mut self) {
        if self.config.variant != crate::input::config::Variant::Tiers {
            return;
        }
        let Some(value) = self.state.value else {
            return;
        };
        let mut next_found = false;
        for s in self.state.steps.iter_mut() {
            let Some(t) = s.threshold else { continue };
            s.status = if value >= t {
                Status::Complete
            } else if !next_found {
                next_found = true;
                Status::Active
            } else {
                Status::Pending
            };
        }
    }

    /// Sets the markup-level `value` and `unit` (tiers attributes). A
    /// document's own `value`/`unit` still win when it gives them.
    pub fn set_markup_value(&mut self, value: Option<f64>, unit: Option<String>) {
        if self.markup.value == value && self.markup.unit == unit {
            return;
        }
        self.markup.value = value;
        self.markup.unit = unit;
        self.state.value = self.doc_value.or(self.markup.value);
        self.state.unit = self.doc_unit.clone().or_else(|| self.markup.unit.clone());
        self.derive();
        self.dirty_state = true;
    }

    /// Re-applies what the configuration derives (after a config change).
    pub fn reconfigure(&mut self, config: Config) {
        self.config = config;
        self.stall_open_due = None;
        self.derive();
    }

    /// The order of `doc` at `now`: without an `updatedAt` that lies
    /// more than a day ahead of the clock (noted).
    fn order_at(&mut self, doc: &Doc, now: f64) -> Order {
        let mut order = doc.order();
        if order.updated_ms.is_some_and(|t| t > now + MAX_AHEAD_MS) {
            order.updated_ms = None;
            self.notes.push(Note::Ahead);
        }
        order
    }

    /// Whether a remote document older than the baseline is ignored: yes,
    /// unless it is the [`RESTART_AFTER`]th in a row that is older by
    /// `sequence` and differs from the current state (rule 53).
    fn ignores(&mut self, doc: &Doc, order: Order) -> bool {
        let back = matches!((order.sequence, self.baseline.sequence), (Some(n), Some(b)) if n < b);
        let differs = back && {
            let mut next = State::merged(&self.markup, doc);
            next.sequence = self.state.sequence;
            next.updated_at.clone_from(&self.state.updated_at);
            next != self.state
        };
        if !differs {
            self.behind = 0;
            return true;
        }
        self.behind += 1;
        if self.behind < RESTART_AFTER {
            return true;
        }
        self.notes.push(Note::Restarted);
        false
    }

    /// Whether the last remote document went back in `sequence` (and was
    /// ignored): the same document arriving again counts too.
    pub fn going_back(&self) -> bool {
        self.behind > 0
    }

    /// Warnings about ordering since the last call.
    pub fn take_notes(&mut self) -> Vec<Note> {
        core::mem::take(&mut self.notes)
    }

    /// Takes a document in at time `now` (ms since epoch). Stale remote
    /// documents are ignored.
    pub fn accept(&mut self, doc: &Doc, source: Source, now: f64) -> Accepted {
        let order = self.order_at(doc, now);
        let ordered = matches!(source, Source::Remote | Source::Inline);
        if ordered && is_older(order, self.baseline) && self.ignores(doc, order) {
            return Accepted::Stale;
        }
        if source != Source::Patch {
            self.behind = 0;
        }
        let next = match source {
            Source::Remote | Source::Inline | Source::Replace => {
                self.baseline = order;
                self.doc_value = doc.value;
                self.doc_unit.clone_from(&doc.unit);
                State::merged(&self.markup, doc)
            }
            Source::Patch => {
                self.doc_value = doc.value.or(self.doc_value);
                if doc.unit.is_some() {
                    self.doc_unit.clone_from(&doc.unit);
                }
                if order.sequence.is_some() {
                    self.baseline.sequence = order.sequence;
                }
                if order.updated_ms.is_some() {
                    self.baseline.updated_ms = order.updated_ms;
                }
                self.state.patched(doc)
            }
        };
        let promised = self.state.next_update_by.as_ref().map(|t| t.ms);
        // The old state moves out rather than being copied: an update of one
        // step in 500 no longer clones all 500.
        let mut before = core::mem::replace(&mut self.state, next);
        self.derive();
        self.take_baseline(doc, source, &before);
        let changed = self.state != before;
        // The last update is the document's updatedAt, or when the widget last
        // received a document that changed anything (rules 15 and 27,
        // docs/rules.md); an updatedAt far in the future is not believed.
        let at = self.state.updated_at.as_ref().map(|t| t.ms);
        if let Some(at) = at.filter(|t| *t <= now + MAX_AHEAD_MS) {
            self.last_update_ms = Some(at);
        } else if changed || self.last_update_ms.is_none() {
            self.last_update_ms = Some(now);
        }
        if let (true, Some(p)) = (changed, promised) {
            // A newer document answers the promised reply (rule 45), at its
            // `updatedAt` when it gives a believable one, else on arrival.
            if self.reply_answer.is_none_or(|(q, _)| q != p) {
                let at = self.state.updated_at.as_ref().map(|t| t.ms);
                self.reply_answer = Some((p, at.filter(|t| *t <= now).unwrap_or(now)));
            }
        }
        if changed {
            // A newer document may end a stall; `check_stall` decides.
            let s = self.stall_now(now);
            if !s.stalled {
                self.stalled = false;
            }
            // A document that differs only in `sequence` or `updatedAt`
            // changes nothing visible: no events (rule 27).
            before.sequence = self.state.sequence;
            before.updated_at.clone_from(&self.state.updated_at);
            if self.state != before {
                self.dirty_state = true;
            }
        }
        Accepted::Applied
    }

    /// Keeps track of which statuses were stated (rule 36). A markup step
    /// without `data-status` states nothing: the first document from `src`
    /// tells its status, and a step already complete in it is no news (nor is
    /// a step the widget did not show yet). Statuses stated by markup, inline
    /// JSON, `el.state` or `el.update()` count as usual.
    fn take_baseline(&mut self, doc: &Doc, source: Source, before: &State) {
        self.quiet.clear();
        if source == Source::Remote && !self.src_seen {
            self.src_seen = true;
            let unstated = core::mem::take(&mut self.unstated);
            let shown = IdMap::positions(&before.steps);
            self.quiet = (self.state.steps.iter().enumerate())
                .map(|(i, s)| unstated.get(i) == Some(&true) || !shown.contains(&s.id))
                .collect();
        } else if self.unstated.contains(&true) && !doc.steps.is_empty() {
            let at = IdMap::positions(&self.state.steps);
            for p in &doc.steps {
                let i = match (&p.status, &p.id) {
                    (Some(_), Some(id)) => at.get(id),
                    _ => None,
                };
                if let Some(u) = i.and_then(|i| self.unstated.get_mut(i)) {
                    *u = false;
                }
            }
        }
    }

    /// Whether the step at `index` is one only the first `src` document told.
    fn is_quiet(&self, index: usize) -> bool {
        self.quiet.get(index) == Some(&true)
    }

    fn tracks_stall(&self) -> bool {
        self.config.src.is_some()
            || self.state.updated_at.is_some()
            || self.state.next_update_by.is_some()
    }

    fn stall_now(&self, now: f64) -> crate::live::Stall {
        if !self.tracks_stall() {
            return crate::live::Stall {
                stalled: false,
                check_at: None,
            };
        }
        let mut after_ms = self.config.stall_after_secs * 1000.0;
        if let (Some((last, due)), Some(_)) = (self.stall_open_due, self.config.stall_after_open) {
            if Some(last) == self.last_update_ms {
                after_ms = (due - last).max(1.0);
            }
        }
        stall_at(
            now,
            self.last_update_ms,
            self.state.next_update_by.as_ref().map(|s| s.ms),
            after_ms,
        )
    }

    /// Checks for a stall at `now`. Returns the event when a new stall began
    /// (once per stall) and when to check again.
    pub fn check_stall(&mut self, now: f64) -> (Option<Stalled>, Option<f64>) {
        let s = self.stall_now(now);
        let mut due = None;
        if s.stalled && !self.stalled {
            self.stalled = true;
            due = Some(Stalled {
                last_update_ms: self.last_update_ms,
                next_update_by_ms: self.state.next_update_by.as_ref().map(|s| s.ms),
            });
        }
        (due, s.check_at)
    }

    /// Whether the journey is stalled (as of the last check).
    pub fn is_stalled(&self) -> bool {
        self.stalled
    }

    /// The last update, ms since epoch.
    pub fn last_update_ms(&self) -> Option<f64> {
        self.last_update_ms
    }

    /// Sets which celebrations already fired for this storage key (read by
    /// the shell from storage before a render, so other tabs count too).
    pub fn set_fired(&mut self, fired: Vec<String>) {
        self.fired = fired;
    }

    /// Marks the shown state as possibly out of date (a fetch failed, with or
    /// without another try scheduled) or current again (a fetch succeeded).
    pub fn set_out_of_date(&mut self, how: OutOfDate) {
        self.out_of_date = how;
    }

    /// Renders the current state at `now` (ms since epoch). Events are due
    /// only for renders caused by new state; a clock tick or a configuration
    /// change only updates what is shown.
    pub fn render(&mut self, strings: &Strings, fmt: &dyn Format, now: f64) -> Rendered {
        let new_state = core::mem::take(&mut self.dirty_state);
        if let (Some(b), Some(last)) = (self.config.stall_after_open, self.last_update_ms) {
            if self.stall_open_due.is_none_or(|(l, _)| l != last) {
                let (cal, name) = crate::model::business::calendar(&self.state, &self.config);
                let zone = crate::model::business::FormatZone { fmt, name };
                self.stall_open_due = cal.add_open(&zone, last, b).map(|due| (last, due));
            }
        }
        self.reverted = self.reverted_ids();
        let moment = Moment {
            now,
            last_update_ms: self.last_update_ms,
            live: self.config.src.is_some(),
            notice: self.notice(strings, fmt),
            reverted: self.reverted.clone(),
            reply_answered: self.reply_answer.map(|(p, _)| p),
        };
        let view = plan::plan(&self.state, &self.config, strings, fmt, &moment);
        let patches = plan::diff(self.view.as_ref(), &view);
        let counts = counts(&self.state.steps);
        let mut out = Rendered::default();
        let first = !self.ready_fired && !self.state.steps.is_empty();
        if first {
            self.ready_fired = true;
            out.ready = Some(counts);
        } else if self.ready_fired && new_state && !patches.is_empty() {
            let active = current_index(&self.state.steps)
                .and_then(|i| self.state.steps.get(i))
                .map(|s| s.id.clone());
            let changed = changed_ids(&patches, &view);
            out.completed = newly_completed(self.rendered.as_ref(), &self.state);
            out.completed.retain(|c| !self.is_quiet(c.index));
            out.change = Some((counts, active, changed));
        }
        if first || (self.ready_fired && new_state) {
            self.announce_completed(&mut out, strings, fmt);
            self.announce_unlocked(&mut out, strings);
            self.celebrate(&mut out, &counts, &view, strings, fmt);
        }
        if self.ready_fired {
            out.promises = self.resolve_promises(first, now);
            for p in &out.promises {
                let key = promise_key(p.kind, p.step_id.as_deref(), p.promised_ms);
                self.fired.push(key.clone());
                out.record.push(key);
            }
        }
        if new_state {
            self.quiet.clear();
        }
        if self.ready_fired {
            self.rendered = Some(self.state.clone());
        }
        out.patches = patches;
        self.view = Some(view);
        out
    }

    /// The notice line: stalled, possibly out of date, or none.
    fn notice(&self, strings: &Strings, fmt: &dyn Format) -> String {
        if self.stalled {
            let when = self
                .last_update_ms
                .map(|ms| fmt.date_time(ms))
                .unwrap_or_default();
            strings.fill(Key::Stalled, &[("when", &when)])
        } else if self.out_of_date == OutOfDate::Retrying {
            String::from(strings.get(Key::OutOfDate))
        } else if self.out_of_date == OutOfDate::Stopped {
            String::from(strings.get(Key::NotUpdating))
        } else {
            String::new()
        }
    }

    /// The reopened steps: not complete now, and complete at the last render
    /// or reopened already.
    fn reverted_ids(&self) -> Vec<String> {
        let was = self
            .rendered
            .as_ref()
            .map(|prev| (prev, IdMap::positions(&prev.steps)));
        let reopened = IdMap::positions(&self.reverted);
        self.state
            .steps
            .iter()
            .filter(|s| s.status != Status::Complete)
            .filter(|s| {
                reopened.contains(&s.id)
                    || was.as_ref().is_some_and(|(prev, at)| {
                        at.get(&s.id)
                            .and_then(|i| prev.steps.get(i))
                            .is_some_and(|p| p.status == Status::Complete)
                    })
            })
            .map(|s| s.id.clone())
            .collect()
    }

    /// Announces the completed steps: a few by name; more at once (a whole
    /// order confirmed, a bulk update) as one sentence, not a flood.
    fn announce_completed(&self, out: &mut Rendered, strings: &Strings, fmt: &dyn Format) {
        if out.completed.len() > MAX_NAMED_COMPLETIONS {
            let n = out.completed.len() as f64;
            out.announce.push(strings.fill_counted(
                Key::AnnounceCompleteMany,
                &[("count", &fmt.number(n))],
                &[("count", n)],
                fmt,
            ));
        } else {
            for c in &out.completed {
                out.announce.push(strings.fill(
                    Key::AnnounceComplete,
                    &[("label", &crate::text::isolate(&c.label))],
                ));
            }
        }
    }

    /// Announces the steps whose prerequisites just got done (the `requires`
    /// field), comparing the state shown last with the state now. The first
    /// `src` document tells what is unlocked already, as it tells what is
    /// done: no news.
    fn announce_unlocked(&self, out: &mut Rendered, strings: &Strings) {
        let (Some(_), Some(old)) = (&self.view, &self.rendered) else {
            return;
        };
        if self.quiet.contains(&true) {
            return;
        }
        let (old_at, now_at) = (
            IdMap::positions(&old.steps),
            IdMap::positions(&self.state.steps),
        );
        for s in &self.state.steps {
            let was_locked = old_at
                .get(&s.id)
                .and_then(|i| old.steps.get(i))
                .is_some_and(|o| waiting_on(&old.steps, &old_at, o).next().is_some());
            if was_locked && waiting_on(&self.state.steps, &now_at, s).next().is_none() {
                out.announce.push(
                    strings.fill(Key::Unlocked, &[("label", &crate::text::isolate(&s.label))]),
                );
            }
        }
    }

    /// The celebrations due, announced and recorded as fired.
    fn celebrate(
        &mut self,
        out: &mut Rendered,
        counts: &Counts,
        view: &View,
        strings: &Strings,
        fmt: &dyn Format,
    ) {
        let (fire, record) = celebrate::due(
            counts.progress,
            counts.is_complete(),
            &self.config.milestones,
            &self.fired,
        );
        let step_id = out.completed.last().map(|c| c.step_id.clone());
        for what in fire {
            out.announce.push(match what {
                Celebration::Milestone(m) => {
                    strings.fill(Key::AnnounceMilestone, &[("percent", &fmt.percent(m))])
                }
                Celebration::Complete => view.done_title.clone(),
            });
            out.celebrate.push(Celebrate {
                what,
                progress: counts.progress,
                step_id: step_id.clone(),
            });
        }
        self.fired.extend(record.iter().cloned());
        out.record = record;
    }

    /// The promises (steps' `eta`, the `nextUpdateBy`) that resolved since
    /// the last render and have not fired under this storage key (rule 45).
    /// At the first render, those resolved already are remembered silently.
    fn resolve_promises(&mut self, first: bool, now: f64) -> Vec<PromiseResolved> {
        use crate::model::promise::{resolve, Kind};
        let mut due = Vec::new();
        let eta = self.state.steps.iter().filter_map(|s| {
            let eta = s.eta.as_ref()?.ms;
            let done = (s.status == Status::Complete)
                .then(|| s.completed_at.as_ref().map_or(now, |t| t.ms));
            Some((Kind::Eta, Some(s.id.as_str()), eta, done))
        });
        let current = self.state.next_update_by.as_ref().map(|by| by.ms);
        let reply = current.map(|by| {
            let answered = self.reply_answer.filter(|(p, _)| *p == by);
            (Kind::Reply, None, by, answered.map(|(_, at)| at))
        });
        // The promise a newer document answered, when that one promised anew.
        let answered = (self.reply_answer)
            .filter(|(p, _)| Some(*p) != current)
            .map(|(p, at)| (Kind::Reply, None, p, Some(at)));
        for (kind, step_id, promised, fulfilled) in eta.chain(reply).chain(answered) {
            let Some(r) = resolve(promised, fulfilled, now).resolution() else {
                continue;
            };
            let key = promise_key(kind, step_id, promised);
            // Sorted: each render looks every resolved promise up (rule 50);
            // the storage key's list is asked once per promise.
            let Err(at) = self.promises_done.binary_search(&key) else {
                continue;
            };
            let fired = self.fired.contains(&key);
            if self.promises_done.len() >= MAX_PROMISES_REMEMBERED {
                self.promises_done.clear();
                self.promises_done.push(key);
            } else {
                self.promises_done.insert(at, key);
            }
            if !first && !fired {
                due.push(PromiseResolved {
                    kind,
                    step_id: step_id.map(String::from),
                    promised_ms: promised,
                    actual_ms: r.actual_ms,
                    kept: r.kept,
                });
            }
        }
        due
    }

    /// A warning for each `requires` id that names no step (rule 41): the
    /// first `max` of them, and how many there are in all. None while the
    /// first `src` document, which may bring the step, is still to come.
    /// Linear in the `requires` lists (rule 50): each id is looked up once.
    pub fn unknown_requires(&self, max: usize) -> (Vec<Warning>, usize) {
        let mut out = Vec::new();
        if self.config.src.is_some() && !self.src_seen {
            return (out, 0);
        }
        let at = IdMap::positions(&self.state.steps);
        let mut count = 0;
        for (i, s) in self.state.steps.iter().enumerate() {
            for r in s.requires.iter().filter(|r| !at.contains(r)) {
                count += 1;
                if out.len() == max {
                    continue;
                }
                let markup = (self.markup.steps.get(i))
                    .and_then(|p| p.requires.as_ref())
                    .is_some_and(|m| m.contains(r));
                out.push(
                    Warning::new(
                        if markup { "data-requires" } else { "requires" },
                        r,
                        "the id of another step of this widget; it names no step and is ignored",
                    )
                    .on_step(&s.id),
                );
            }
        }
        (out, count)
    }

    /// The last rendered view.
    pub fn view(&self) -> Option<&View> {
        self.view.as_ref()
    }
}

/// Steps complete in `next` that were not complete at the previous render.
pub fn newly_completed(prev: Option<&State>, next: &State) -> Vec<Completed> {
    let Some(prev) = prev else { return Vec::new() };
    let at = IdMap::positions(&prev.steps);
    next.steps
        .iter()
        .enumerate()
        .filter(|(_, s)| s.status == Status::Complete)
        .filter(|(_, s)| {
            at.get(&s.id)
                .and_then(|i| prev.steps.get(i))
                .is_none_or(|p| p.status != Status::Complete)
        })
        .map(|(index, s)| Completed {
            step_id: s.id.clone(),
            label: s.label.clone(),
            index,
            duration_ms: match (&s.started_at, &s.completed_at) {
                (Some(a), Some(b)) if b.ms >= a.ms => Some(b.ms - a.ms),
                _ => None,
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Strings;
    use crate::json::Json;
    use crate::model::parse_doc;
    use crate::plan::tests::Plain;

    fn doc(seq: f64, spec: &[(&str, &str)]) -> Doc {
        let items = spec
            .iter()
            .map(|(id, status)| {
                Json::Obj(vec![
                    ("id".into(), Json::Str(id.to_string())),
                    ("status".into(), Json::Str(status.to_string())),
                ])
            })
            .collect();
        let j = Json::Obj(vec![
            ("sequence".into(), Json::Num(seq)),
            ("steps".into(), Json::Arr(items)),
        ]);
        parse_doc(&j, true).unwrap().0
    }

    #[test]
    fn ready_once_then_change_only_when_visible() {
        let mut e = Engine::new(Config::default(), Doc::default());
        let r = e.render(&Strings::default(), &Plain, 0.0);
        assert_eq!(r.ready, None, "no steps yet: no ready");
        e.accept(
            &doc(1.0, &[("a", "active"), ("b", "pending")]),
            Source::Remote,
            0.0,
        );
        let r = e.render(&Strings::default(), &Plain, 0.0);
        assert_eq!(r.ready.map(|c| c.total), Some(2));
        assert_eq!(r.change, None, "first steps fire ready, not change");
        // Same document again: nothing visible changed.
        e.accept(
            &doc(2.0, &[("a", "active"), ("b", "pending")]),
            Source::Remote,
            0.0,
        );
        let r = e.render(&Strings::default(), &Plain, 0.0);
        assert!(r.patches.is_empty());
        assert_eq!(r.change, None);
        // A real change.
        e.accept(
            &doc(3.0, &[("a", "complete"), ("b", "active")]),
            Source::Remote,
            0.0,
        );
        let r = e.render(&Strings::default(), &Plain, 0.0);
        let (c, active, changed) = r.change.unwrap();
        assert_eq!((c.completed, c.total), (1, 2));
        assert_eq!(active.as_deref(), Some("b"));
        assert_eq!(changed, ["a", "b"]);
        assert_eq!(
            r.completed,
            [Completed {
                step_id: "a".into(),
                label: "a".into(),
                index: 0,
                duration_ms: None,
            }]
        );
        assert_eq!(r.ready, None);
    }

    #[test]
    fn the_out_of_date_notice_promises_a_retry_only_when_one_is_scheduled() {
        let mut e = Engine::new(Config::default(), Doc::default());
        e.accept(&doc(1.0, &[("a", "active")]), Source::Remote, 0.0);
        let strings = Strings::default();
        let mut notice = |how| {
            e.set_out_of_date(how);
            e.render(&strings, &Plain, 0.0);
            e.view().map(|v| v.notice.clone()).unwrap_or_default()
        };
        assert!(notice(OutOfDate::Retrying).ends_with("Trying again."));
        assert!(notice(OutOfDate::Stopped).ends_with("Reload the page to try again."));
        assert_eq!(notice(OutOfDate::No), "");
    }

    #[test]
    fn a_few_completions_are_announced_by_name_many_as_a_count() {
        let ids = ["a", "b", "c", "d", "e", "f"];
        let all = |status: &'static str| ids.map(|id| (id, status)).to_vec();
        let mut e = Engine::new(Config::default(), Doc::default());
        e.accept(&doc(1.0, &all("pending")), Source::Remote, 0.0);
        e.render(&Strings::default(), &Plain, 0.0);
        let mut two = all("pending");
        two[0].1 = "complete";
        two[1].1 = "complete";
        e.accept(&doc(2.0, &two), Source::Remote, 0.0);
        let r = e.render(&Strings::default(), &Plain, 0.0);
        assert_eq!(r.announce, ["a: done", "b: done"]);
        e.accept(&doc(3.0, &all("complete")), Source::Remote, 0.0);
        let r = e.render(&Strings::default(), &Plain, 0.0);
        assert_eq!(r.completed.len(), 4, "every step still gets its event");
        assert_eq!(r.announce.first().map(String::as_str), Some("4 steps done"));
    }

    #[test]
    fn stale_documents_are_ignored_but_replace_is_not() {
        let mut e = Engine::new(Config::default(), Doc::default());
        assert_eq!(
            e.accept(&doc(5.0, &[("a", "active")]), Source::Remote, 0.0),
            Accepted::Applied
        );
        assert_eq!(
            e.accept(&doc(4.0, &[("a", "complete")]), Source::Remote, 0.0),
            Accepted::Stale
        );
        assert_eq!(e.state().steps[0].status, Status::Active);
        assert_eq!(
            e.accept(&doc(1.0, &[("a", "pending")]), Source::Replace, 0.0),
            Accepted::Applied
        );
        assert_eq!(e.state().steps[0].status, Status::Pending);
        // The replaced document is the new baseline.
        assert_eq!(
            e.accept(&doc(0.0, &[("a", "complete")]), Source::Remote, 0.0),
            Accepted::Stale
        );
        assert_eq!(
            e.accept(&doc(2.0, &[("a", "complete")]), Source::Remote, 0.0),
            Accepted::Applied
        );
    }

    fn status_of(e: &Engine) -> &str {
        e.state().steps[0].status.name()
    }

    #[test]
    fn any_finite_sequence_orders() {
        let mut e = Engine::new(Config::default(), Doc::default());
        for (seq, status, applied) in [
            (-5.5, "active", true),
            (1e300, "complete", true),
            (-1e300, "pending", false),
            (1e300, "error", true),
        ] {
            let got = e.accept(&doc(seq, &[("a", status)]), Source::Remote, 0.0);
            assert_eq!(got == Accepted::Applied, applied, "{seq}");
        }
        assert_eq!(status_of(&e), "error");
        assert!(e.take_notes().is_empty());
    }

    #[test]
    fn a_restarted_counter_is_followed_after_three_documents() {
        let mut e = Engine::new(Config::default(), Doc::default());
        e.accept(&doc(1e300, &[("a", "active")]), Source::Remote, 0.0);
        // The same content with a lower sequence is no restart, and breaks a run.
        assert_eq!(
            e.accept(&doc(1.0, &[("a", "active")]), Source::Remote, 0.0),
            Accepted::Stale
        );
        assert_eq!(
            e.accept(&doc(1.0, &[("a", "pending")]), Source::Remote, 0.0),
            Accepted::Stale
        );
        assert_eq!(
            e.accept(&doc(2.0, &[("a", "pending")]), Source::Remote, 0.0),
            Accepted::Stale
        );
        assert_eq!(status_of(&e), "active");
        assert!(e.take_notes().is_empty(), "the first two silently");
        assert_eq!(
            e.accept(&doc(3.0, &[("a", "complete")]), Source::Remote, 0.0),
            Accepted::Applied
        );
        assert_eq!(status_of(&e), "complete");
        assert_eq!(e.take_notes(), [Note::Restarted]);
        // Ordering continues from the third.
        assert_eq!(
            e.accept(&doc(2.5, &[("a", "error")]), Source::Remote, 0.0),
            Accepted::Stale
        );
        assert_eq!(
            e.accept(&doc(4.0, &[("a", "error")]), Source::Remote, 0.0),
            Accepted::Applied
        );
        assert!(e.take_notes().is_empty());
    }

    #[test]
    fn a_run_going_back_is_broken_by_a_newer_or_unchanged_document() {
        let mut e = Engine::new(Config::default(), Doc::default());
        e.accept(&doc(10.0, &[("a", "active")]), Source::Remote, 0.0);
        e.accept(&doc(1.0, &[("a", "pending")]), Source::Remote, 0.0);
        e.accept(&doc(2.0, &[("a", "pending")]), Source::Remote, 0.0);
        e.accept(&doc(11.0, &[("a", "active")]), Source::Remote, 0.0);
        e.accept(&doc(3.0, &[("a", "pending")]), Source::Remote, 0.0);
        e.accept(&doc(4.0, &[("a", "pending")]), Source::Remote, 0.0);
        e.accept(&doc(5.0, &[("a", "active")]), Source::Remote, 0.0);
        assert_eq!(
            e.accept(&doc(6.0, &[("a", "pending")]), Source::Remote, 0.0),
            Accepted::Stale
        );
        assert_eq!(status_of(&e), "active");
        assert!(e.going_back());
        // The same document again (a 304) is the next arrival.
        let same = doc(6.0, &[("a", "pending")]);
        assert_eq!(e.accept(&same, Source::Remote, 0.0), Accepted::Stale);
        assert_eq!(e.accept(&same, Source::Remote, 0.0), Accepted::Applied);
        assert_eq!(status_of(&e), "pending");
        assert_eq!(e.take_notes(), [Note::Restarted]);
        assert!(!e.going_back());
    }

    #[test]
    fn the_inline_document_orders_like_src_and_a_restart_is_still_followed() {
        let mut e = Engine::new(Config::default(), Doc::default());
        e.accept(&doc(5.0, &[("a", "active")]), Source::Inline, 0.0);
        for _ in 0..2 {
            assert_eq!(
                e.accept(&doc(1.0, &[("a", "pending")]), Source::Remote, 0.0),
                Accepted::Stale
            );
        }
        assert_eq!(status_of(&e), "active");
        assert_eq!(
            e.accept(&doc(1.0, &[("a", "pending")]), Source::Remote, 0.0),
            Accepted::Applied
        );
        assert_eq!(e.take_notes(), [Note::Restarted]);
    }

    #[test]
    fn an_updated_at_far_ahead_is_shown_but_does_not_order() {
        let day = MAX_AHEAD_MS;
        let at = |iso: &str, status: &str| {
            let j = Json::Obj(vec![
                ("updatedAt".into(), Json::Str(iso.into())),
                (
                    "steps".into(),
                    Json::Arr(vec![Json::Obj(vec![
                        ("id".into(), Json::Str("a".into())),
                        ("status".into(), Json::Str(status.into())),
                    ])]),
                ),
            ]);
            parse_doc(&j, true).unwrap().0
        };
        let now = crate::input::time::parse_iso("2026-11-23T10:00:00Z").unwrap();
        let mut e = Engine::new(Config::default(), Doc::default());
        assert_eq!(
            e.accept(&at("9999-12-31T00:00:00Z", "complete"), Source::Remote, now),
            Accepted::Applied,
            "shown"
        );
        assert_eq!(status_of(&e), "complete");
        assert_eq!(e.take_notes(), [Note::Ahead]);
        assert_eq!(
            e.last_update_ms(),
            Some(now),
            "not believed as the last update"
        );
        assert_eq!(
            e.accept(&at("2026-11-23T09:00:00Z", "active"), Source::Remote, now),
            Accepted::Applied,
            "later documents are not pinned"
        );
        assert_eq!(status_of(&e), "active");
        // Less than a day ahead still orders.
        let soon = crate::input::time::to_iso(now + day - 60_000.0);
        e.accept(&at(&soon, "error"), Source::Remote, now);
        assert_eq!(
            e.accept(&at("2026-11-23T09:30:00Z", "pending"), Source::Remote, now),
            Accepted::Stale
        );
        assert!(e.take_notes().is_empty());
        // el.state with a far updatedAt: applied, noted, no baseline from it.
        e.accept(
            &at("9999-01-01T00:00:00Z", "complete"),
            Source::Replace,
            now,
        );
        assert_eq!(e.take_notes(), [Note::Ahead]);
        assert_eq!(
            e.accept(&at("2026-11-23T09:45:00Z", "active"), Source::Remote, now),
            Accepted::Applied
        );
    }

    #[test]
    fn steps_complete_at_first_render_do_not_fire_but_reopened_ones_do() {
        let mut e = Engine::new(Config::default(), Doc::default());
        e.accept(
            &doc(1.0, &[("a", "complete"), ("b", "active")]),
            Source::Remote,
            0.0,
        );
        assert!(e
            .render(&Strings::default(), &Plain, 0.0)
            .completed
            .is_empty());
        e.accept(
            &doc(2.0, &[("a", "pending"), ("b", "skipped")]),
            Source::Remote,
            0.0,
        );
        assert!(
            e.render(&Strings::default(), &Plain, 0.0)
                .completed
                .is_empty(),
            "skipped does not fire"
        );
        e.accept(
            &doc(3.0, &[("a", "complete"), ("b", "skipped")]),
            Source::Remote,
            0.0,
        );
        let ids: Vec<String> = e
            .render(&Strings::default(), &Plain, 0.0)
            .completed
            .into_iter()
            .map(|c| c.step_id)
            .collect();
        assert_eq!(ids, ["a"]);
    }

    #[test]
    fn stall_fires_once_and_again_only_after_a_newer_document_ended_it() {
        let h = 3_600_000.0;
        let cfg = Config {
            src: Some("/s".into()),
            stall_after_secs: 10.0 * 3600.0,
            ..Config::default()
        };
        let mut e = Engine::new(cfg, Doc::default());
        e.accept(&doc(1.0, &[("a", "active")]), Source::Remote, 0.0);
        assert_eq!(e.check_stall(1.0 * h), (None, Some(10.0 * h)));
        let (due, _) = e.check_stall(11.0 * h);
        assert_eq!(due.map(|d| d.last_update_ms), Some(Some(0.0)));
        assert!(e.is_stalled());
        assert_eq!(e.check_stall(12.0 * h).0, None, "once per stall");
        // The same document again ends nothing.
        e.accept(&doc(1.0, &[("a", "active")]), Source::Remote, 12.0 * h);
        assert!(e.is_stalled());
        // A document that differs only in sequence ends the stall (rule 27).
        e.accept(&doc(2.0, &[("a", "active")]), Source::Remote, 13.0 * h);
        assert!(!e.is_stalled());
        assert_eq!(e.check_stall(14.0 * h).0, None);
        assert!(
            e.check_stall(23.5 * h).0.is_some(),
            "a new stall fires again"
        );
    }

    /// Markup steps as the shell reads them: (id, data-status if written).
    fn markup(spec: &[(&str, Option<&str>)]) -> Doc {
        let items: Vec<crate::model::MarkupStep> = spec
            .iter()
            .map(|(id, status)| {
                let mut attrs = vec![(String::from("step"), id.to_string())];
                if let Some(st) = status {
                    attrs.push((String::from("status"), st.to_string()));
                }
                crate::model::MarkupStep {
                    attrs,
                    label: id.to_uppercase(),
                }
            })
            .collect();
        crate::model::doc_from_markup(&items).0
    }

    fn with_src() -> Config {
        Config {
            src: Some("/order".into()),
            ..Config::default()
        }
    }

    fn completed_ids(r: &Rendered) -> Vec<&str> {
        r.completed.iter().map(|c| c.step_id.as_str()).collect()
    }

    #[test]
    fn the_first_src_document_is_the_baseline_for_steps_the_markup_left_unstated() {
        let s = Strings::default();
        let unstated = markup(&[("placed", None), ("packed", None), ("shipped", None)]);
        let mut e = Engine::new(with_src(), unstated.clone());
        assert!(e.render(&s, &Plain, 0.0).ready.is_some());
        // A delivered order: every step already complete in the first document.
        let delivered = doc(
            9.0,
            &[
                ("placed", "complete"),
                ("packed", "complete"),
                ("shipped", "active"),
            ],
        );
        e.accept(&delivered, Source::Remote, 0.0);
        let r = e.render(&s, &Plain, 0.0);
        assert!(r.completed.is_empty(), "no news: {:?}", r.completed);
        assert!(
            !r.announce.iter().any(|a| a.ends_with(": done")),
            "{:?}",
            r.announce
        );
        assert!(r.change.is_some(), "what is shown did change");
        // Later documents are compared as usual.
        let later = doc(
            10.0,
            &[
                ("placed", "complete"),
                ("packed", "complete"),
                ("shipped", "complete"),
            ],
        );
        e.accept(&later, Source::Remote, 0.0);
        let r = e.render(&s, &Plain, 0.0);
        assert_eq!(completed_ids(&r), ["shipped"]);
        assert_eq!(
            r.announce.first().map(String::as_str),
            Some("SHIPPED: done")
        );

        // A reload is a fresh engine: the same again, nothing fires.
        let mut reload = Engine::new(with_src(), unstated);
        reload.render(&s, &Plain, 0.0);
        reload.accept(&later, Source::Remote, 0.0);
        assert!(reload.render(&s, &Plain, 0.0).completed.is_empty());
    }

    #[test]
    fn statuses_the_markup_or_inline_json_stated_are_compared_as_usual() {
        let s = Strings::default();
        let mut e = Engine::new(
            with_src(),
            markup(&[
                ("placed", Some("complete")),
                ("packed", Some("active")),
                ("shipped", None),
            ]),
        );
        e.accept(&doc(1.0, &[("shipped", "pending")]), Source::Inline, 0.0);
        e.render(&s, &Plain, 0.0);
        let all = doc(
            2.0,
            &[
                ("placed", "complete"),
                ("packed", "complete"),
                ("shipped", "complete"),
            ],
        );
        e.accept(&all, Source::Remote, 0.0);
        let r = e.render(&s, &Plain, 0.0);
        assert_eq!(completed_ids(&r), ["packed", "shipped"]);
    }

    #[test]
    fn a_baseline_that_changes_nothing_does_not_silence_the_next_document() {
        let s = Strings::default();
        let mut e = Engine::new(with_src(), markup(&[("a", None), ("b", None)]));
        e.render(&s, &Plain, 0.0);
        e.accept(
            &doc(1.0, &[("a", "pending"), ("b", "pending")]),
            Source::Remote,
            0.0,
        );
        e.render(&s, &Plain, 0.0);
        e.accept(
            &doc(2.0, &[("a", "complete"), ("b", "pending")]),
            Source::Remote,
            0.0,
        );
        assert_eq!(completed_ids(&e.render(&s, &Plain, 0.0)), ["a"]);
    }

    #[test]
    fn without_src_the_host_states_statuses_and_completions_fire() {
        let s = Strings::default();
        let mut e = Engine::new(Config::default(), markup(&[("a", None), ("b", None)]));
        e.render(&s, &Plain, 0.0);
        e.accept(
            &doc(1.0, &[("a", "complete"), ("b", "active")]),
            Source::Replace,
            0.0,
        );
        assert_eq!(completed_ids(&e.render(&s, &Plain, 0.0)), ["a"]);
    }

    #[test]
    fn a_document_that_differs_only_in_its_order_fires_nothing_but_ends_a_stall() {
        let h = 3_600_000.0;
        let s = Strings::default();
        let cfg = Config {
            stall_after_secs: 10.0 * 3600.0,
            ..with_src()
        };
        let at = |seq: f64, hour: &str| {
            let mut d = doc(seq, &[("a", "complete"), ("b", "active")]);
            let mut iso = String::from("2026-01-01T");
            iso.push_str(hour);
            iso.push_str(":00:00Z");
            d.updated_at = crate::model::Stamp::parse(&iso);
            d
        };
        let mut e = Engine::new(cfg, Doc::default());
        let t0 = at(1.0, "00").updated_at.unwrap().ms;
        e.accept(&at(1.0, "00"), Source::Remote, t0);
        e.render(&s, &Plain, t0);
        assert!(e.check_stall(t0 + 11.0 * h).0.is_some());
        assert!(e.is_stalled());
        // Newer sequence and updatedAt, nothing else: no change event...
        e.accept(&at(2.0, "12"), Source::Remote, t0 + 12.0 * h);
        let r = e.render(&s, &Plain, t0 + 12.0 * h);
        assert_eq!(r.change, None, "{:?}", r.change);
        assert!(r.completed.is_empty() && r.celebrate.is_empty());
        // ...but the stall is over.
        assert!(!e.is_stalled());
        assert_eq!(e.check_stall(t0 + 13.0 * h).0, None);
        // The same through el.update(): a newer sequence only.
        let (p, _) =
            parse_doc(&Json::Obj(vec![("sequence".into(), Json::Num(3.0))]), false).unwrap();
        e.accept(&p, Source::Patch, t0 + 13.0 * h);
        assert_eq!(e.render(&s, &Plain, t0 + 13.0 * h).change, None);
    }

    #[test]
    fn requires_ids_that_name_no_step_are_found_once_the_steps_are_known() {
        let mut m = markup(&[("a", None), ("b", None)]);
        m.steps[1].requires = Some(vec!["a".into(), "zz".into()]);
        let e = Engine::new(Config::default(), m.clone());
        let (w, all) = e.unknown_requires(usize::MAX);
        assert_eq!(w.len(), 1);
        assert_eq!(all, 1);
        assert_eq!(
            (w[0].step.as_str(), w[0].attr.as_str(), w[0].value.as_str()),
            ("b", "data-requires", "zz")
        );
        // With src, the document may still bring the step: nothing yet.
        let mut e = Engine::new(with_src(), m);
        assert!(e.unknown_requires(usize::MAX).0.is_empty());
        e.accept(&doc(1.0, &[("zz", "pending")]), Source::Remote, 0.0);
        assert!(e.unknown_requires(usize::MAX).0.is_empty());
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn unknown_requires_are_counted_in_linear_work_and_listed_up_to_a_limit() {
        // 1,000 steps, each requiring 500 ids of which half name no step.
        let n = crate::model::MAX_STEPS;
        let mut m = markup(&[]);
        for i in 0..n {
            let mut p = crate::model::StepPatch {
                id: Some(format!("s{i}")),
                ..Default::default()
            };
            p.requires = Some(
                (0..500)
                    .map(|k| format!("{}{k}", if k % 2 == 0 { "s" } else { "x" }))
                    .collect(),
            );
            m.steps.push(p);
        }
        let e = Engine::new(Config::default(), m);
        crate::work::take();
        let (w, all) = e.unknown_requires(20);
        let work = crate::work::take();
        assert_eq!((w.len(), all), (20, 250 * n));
        // A lookup each (the old scan compared each id with every step: 500 million).
        assert!(work < 5_000_000, "{work} units of work");
    }

    #[test]
    fn static_widgets_without_times_never_stall() {
        let mut e = Engine::new(Config::default(), doc(0.0, &[("a", "active")]));
        e.render(&Strings::default(), &Plain, 0.0);
        assert_eq!(e.check_stall(1e15), (None, None));
    }

    #[test]
    fn celebrations_once_per_key_and_only_complete_when_one_change_finishes() {
        let cfg = Config {
            milestones: vec![0.25, 0.5],
            ..Config::default()
        };
        let mut e = Engine::new(cfg, Doc::default());
        e.accept(
            &doc(
                1.0,
                &[
                    ("a", "complete"),
                    ("b", "active"),
                    ("c", "pending"),
                    ("d", "pending"),
                ],
            ),
            Source::Remote,
            0.0,
        );
        let r = e.render(&Strings::default(), &Plain, 0.0);
        // At the first render, 25% is reached: it fires (rule 6).
        assert_eq!(
            r.celebrate
                .iter()
                .map(|c| c.what.clone())
                .collect::<Vec<_>>(),
            [Celebration::Milestone(0.25)]
        );
        assert_eq!(r.record, ["m250000"]);
        // One change completes everything: only `complete`, 50% recorded silently.
        e.accept(
            &doc(
                2.0,
                &[
                    ("a", "complete"),
                    ("b", "complete"),
                    ("c", "skipped"),
                    ("d", "complete"),
                ],
            ),
            Source::Remote,
            0.0,
        );
        let r = e.render(&Strings::default(), &Plain, 0.0);
        assert_eq!(r.celebrate.len(), 1);
        assert_eq!(r.celebrate[0].what, Celebration::Complete);
        assert_eq!(r.celebrate[0].step_id.as_deref(), Some("d"));
        assert_eq!(r.record, ["m500000", "complete"]);
        assert!(r.announce.contains(&String::from("You're all caught up")));
        // Reopened and completed again: no second celebration (rule 35).
        e.accept(
            &doc(
                3.0,
                &[
                    ("a", "pending"),
                    ("b", "complete"),
                    ("c", "skipped"),
                    ("d", "complete"),
                ],
            ),
            Source::Remote,
            0.0,
        );
        assert!(e
            .render(&Strings::default(), &Plain, 0.0)
            .celebrate
            .is_empty());
        e.accept(
            &doc(
                4.0,
                &[
                    ("a", "complete"),
                    ("b", "complete"),
                    ("c", "skipped"),
                    ("d", "complete"),
                ],
            ),
            Source::Remote,
            0.0,
        );
        assert!(e
            .render(&Strings::default(), &Plain, 0.0)
            .celebrate
            .is_empty());
    }

    #[test]
    fn fired_elsewhere_is_respected_after_a_reload() {
        let mut e = Engine::new(Config::default(), doc(0.0, &[("a", "complete")]));
        e.set_fired(vec![String::from("complete"), String::from("m500000")]);
        assert!(e
            .render(&Strings::default(), &Plain, 0.0)
            .celebrate
            .is_empty());
        let mut fresh = Engine::new(Config::default(), doc(0.0, &[("a", "complete")]));
        let r = fresh.render(&Strings::default(), &Plain, 0.0);
        assert_eq!(
            r.celebrate.len(),
            1,
            "already complete at first render: complete once"
        );
    }

    #[test]
    fn clock_ticks_change_text_without_events() {
        let cfg = Config {
            src: Some("/s".into()),
            ..Config::default()
        };
        let mut e = Engine::new(cfg, Doc::default());
        e.accept(&doc(1.0, &[("a", "active")]), Source::Remote, 0.0);
        let r = e.render(&Strings::default(), &Plain, 5_000.0);
        assert!(r.ready.is_some());
        let before = e.view().unwrap().pulse.clone();
        assert!(before.starts_with("Still working on it"), "{before}");
        let r = e.render(&Strings::default(), &Plain, 125_000.0);
        assert_eq!(r.patches, [Patch::Root(crate::plan::Slot::Pulse)]);
        assert_eq!(r.change, None);
        assert_eq!(e.view().unwrap().next_tick_ms, Some(55_000.0));
    }

    #[test]
    fn with_src_the_update_line_keeps_its_place_until_the_first_document() {
        let src = Config {
            src: Some("/s".into()),
            ..Config::default()
        };
        let markup = || doc(0.0, &[("a", "active")]);
        let pulse = |e: &Engine| e.view().unwrap().pulse.clone();
        // Before the first document: a blank line, not an empty one.
        let mut e = Engine::new(src.clone(), markup());
        e.render(&Strings::default(), &Plain, 0.0);
        assert_eq!(pulse(&e), "\u{a0}");
        // The document: the line says when it was updated.
        e.accept(&doc(1.0, &[("a", "active")]), Source::Remote, 1_000.0);
        e.render(&Strings::default(), &Plain, 2_000.0);
        assert!(
            pulse(&e).starts_with("Still working on it"),
            "{}",
            pulse(&e)
        );
        // The first fetch failed: the notice takes the line's place.
        let mut e = Engine::new(src, markup());
        e.set_out_of_date(OutOfDate::Retrying);
        e.render(&Strings::default(), &Plain, 0.0);
        assert_eq!(pulse(&e), "");
        // No src: no line.
        let mut e = Engine::new(Config::default(), markup());
        e.render(&Strings::default(), &Plain, 0.0);
        assert_eq!(pulse(&e), "");
    }

    #[test]
    fn tiers_derive_statuses_from_the_value() {
        let cfg = Config {
            variant: crate::input::config::Variant::Tiers,
            ..Config::default()
        };
        let tier = |id: &str, t: f64| crate::model::StepPatch {
            id: Some(id.into()),
            threshold: Some(t),
            ..Default::default()
        };
        let markup = Doc {
            value: Some(640.0),
            unit: Some("points".into()),
            steps: vec![
                tier("member", 0.0),
                tier("gold", 500.0),
                tier("vip", 1000.0),
            ],
            ..Doc::default()
        };
        let mut e = Engine::new(cfg, markup);
        let statuses: Vec<Status> = e.state().steps.iter().map(|s| s.status).collect();
        assert_eq!(
            statuses,
            [Status::Complete, Status::Complete, Status::Active]
        );
        e.render(&Strings::default(), &Plain, 0.0);
        let v = e.view().unwrap();
        assert_eq!(v.tier_line, "360 points to vip");
        assert_eq!(v.percent, "640 points");
        assert!((v.fraction - (1.0 + 140.0 / 500.0) / 2.0).abs() < 1e-9);
        // Reaching the top tier is completion (rule 31).
        e.set_markup_value(Some(1200.0), Some("points".into()));
        let r = e.render(&Strings::default(), &Plain, 0.0);
        assert_eq!(e.view().unwrap().tier_line, "Top tier reached");
        assert!(e.view().unwrap().done);
        assert!(r.celebrate.iter().any(|c| c.what == Celebration::Complete));
    }

    #[test]
    fn config_renders_fire_no_change() {
        let mut e = Engine::new(Config::default(), doc(0.0, &[("a", "active")]));
        assert!(e.render(&Strings::default(), &Plain, 0.0).ready.is_some());
        e.config.variant = crate::input::config::Variant::Checklist;
        let r = e.render(&Strings::default(), &Plain, 0.0);
        assert!(!r.patches.is_empty());
        assert_eq!(r.change, None);
    }

    #[test]
    fn patch_merges_and_counts_as_new() {
        let mut e = Engine::new(Config::default(), Doc::default());
        e.accept(
            &doc(7.0, &[("a", "active"), ("b", "pending")]),
            Source::Remote,
            0.0,
        );
        e.render(&Strings::default(), &Plain, 0.0);
        let (p, _) = parse_doc(
            &Json::Arr(vec![Json::Obj(vec![
                ("id".into(), Json::Str("a".into())),
                ("status".into(), Json::Str("complete".into())),
            ])]),
            false,
        )
        .unwrap();
        e.accept(&p, Source::Patch, 0.0);
        let r = e.render(&Strings::default(), &Plain, 0.0);
        assert_eq!(r.completed.len(), 1);
        assert_eq!(e.state().steps[1].status, Status::Pending);
        assert_eq!(
            e.accept(&doc(6.0, &[("a", "pending")]), Source::Remote, 0.0),
            Accepted::Stale
        );
    }
}
