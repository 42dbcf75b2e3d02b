//! The widget's decisions, free of the browser: accepting documents in order,
//! rendering through [`view::plan`] and [`view::diff`], and deciding which
//! events are due (SPEC §5, §9.4, §9.5, §9.13, §9.34).

use crate::config::Config;
use crate::model::{is_older, Doc, Order, State, Status};
use crate::progress::{counts, current_index, Counts};
use crate::strings::Strings;
use crate::view::{self, changed_ids, Format, Patch, View};

/// How a document arrived; decides ordering and merging.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// From `src`, SSE or inline JSON: ignored when older than the baseline.
    Remote,
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

/// A step that became complete.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completed {
    /// Step id.
    pub step_id: String,
    /// Step label.
    pub label: String,
    /// 0-based index among all steps.
    pub index: usize,
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
}

impl Engine {
    /// An engine with the given config and the steps found in markup.
    pub fn new(config: Config, markup: Doc) -> Engine {
        let state = State::merged(&markup, &Doc::default());
        Engine {
            config,
            markup,
            state,
            dirty_state: true,
            ..Engine::default()
        }
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

    /// Takes a document in. Stale remote documents are ignored.
    pub fn accept(&mut self, doc: &Doc, source: Source) -> Accepted {
        match source {
            Source::Remote if is_older(doc.order(), self.baseline) => return Accepted::Stale,
            Source::Remote | Source::Replace => {
                self.state = State::merged(&self.markup, doc);
                self.baseline = doc.order();
            }
            Source::Patch => {
                self.state = self.state.patched(doc);
                let o = doc.order();
                if o.sequence.is_some() {
                    self.baseline.sequence = o.sequence;
                }
                if o.updated_ms.is_some() {
                    self.baseline.updated_ms = o.updated_ms;
                }
            }
        }
        self.dirty_state = true;
        Accepted::Applied
    }

    /// Renders the current state. `strings` and `fmt` give the words and
    /// numbers. Events are due only for renders caused by new state.
    pub fn render(&mut self, strings: &Strings, fmt: &dyn Format) -> Rendered {
        let new_state = std::mem::take(&mut self.dirty_state);
        let view = view::plan(&self.state, &self.config, strings, fmt);
        let patches = view::diff(self.view.as_ref(), &view);
        let counts = counts(&self.state.steps);
        let mut out = Rendered::default();
        if !self.ready_fired && !self.state.steps.is_empty() {
            self.ready_fired = true;
            out.ready = Some(counts);
        } else if self.ready_fired && new_state && !patches.is_empty() {
            let active = current_index(&self.state.steps)
                .and_then(|i| self.state.steps.get(i))
                .map(|s| s.id.clone());
            let changed = changed_ids(&patches, &view);
            out.completed = newly_completed(self.rendered.as_ref(), &self.state);
            out.change = Some((counts, active, changed));
        }
        if self.ready_fired {
            self.rendered = Some(self.state.clone());
        }
        out.patches = patches;
        self.view = Some(view);
        out
    }

    /// The last rendered view.
    pub fn view(&self) -> Option<&View> {
        self.view.as_ref()
    }
}

/// Steps complete in `next` that were not complete at the previous render.
pub fn newly_completed(prev: Option<&State>, next: &State) -> Vec<Completed> {
    let Some(prev) = prev else { return Vec::new() };
    next.steps
        .iter()
        .enumerate()
        .filter(|(_, s)| s.status == Status::Complete)
        .filter(|(_, s)| {
            prev.steps
                .iter()
                .find(|p| p.id == s.id)
                .is_none_or(|p| p.status != Status::Complete)
        })
        .map(|(index, s)| Completed {
            step_id: s.id.clone(),
            label: s.label.clone(),
            index,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Json;
    use crate::model::parse_doc;
    use crate::strings::EN;
    use crate::view::tests::Plain;

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
        let r = e.render(&EN, &Plain);
        assert_eq!(r.ready, None, "no steps yet: no ready");
        e.accept(
            &doc(1.0, &[("a", "active"), ("b", "pending")]),
            Source::Remote,
        );
        let r = e.render(&EN, &Plain);
        assert_eq!(r.ready.map(|c| c.total), Some(2));
        assert_eq!(r.change, None, "first steps fire ready, not change");
        // Same document again: nothing visible changed.
        e.accept(
            &doc(2.0, &[("a", "active"), ("b", "pending")]),
            Source::Remote,
        );
        let r = e.render(&EN, &Plain);
        assert!(r.patches.is_empty());
        assert_eq!(r.change, None);
        // A real change.
        e.accept(
            &doc(3.0, &[("a", "complete"), ("b", "active")]),
            Source::Remote,
        );
        let r = e.render(&EN, &Plain);
        let (c, active, changed) = r.change.unwrap();
        assert_eq!((c.completed, c.total), (1, 2));
        assert_eq!(active.as_deref(), Some("b"));
        assert_eq!(changed, ["a", "b"]);
        assert_eq!(
            r.completed,
            [Completed {
                step_id: "a".into(),
                label: "a".into(),
                index: 0
            }]
        );
        assert_eq!(r.ready, None);
    }

    #[test]
    fn stale_documents_are_ignored_but_replace_is_not() {
        let mut e = Engine::new(Config::default(), Doc::default());
        assert_eq!(
            e.accept(&doc(5.0, &[("a", "active")]), Source::Remote),
            Accepted::Applied
        );
        assert_eq!(
            e.accept(&doc(4.0, &[("a", "complete")]), Source::Remote),
            Accepted::Stale
        );
        assert_eq!(e.state().steps[0].status, Status::Active);
        assert_eq!(
            e.accept(&doc(1.0, &[("a", "pending")]), Source::Replace),
            Accepted::Applied
        );
        assert_eq!(e.state().steps[0].status, Status::Pending);
        // The replaced document is the new baseline.
        assert_eq!(
            e.accept(&doc(0.0, &[("a", "complete")]), Source::Remote),
            Accepted::Stale
        );
        assert_eq!(
            e.accept(&doc(2.0, &[("a", "complete")]), Source::Remote),
            Accepted::Applied
        );
    }

    #[test]
    fn steps_complete_at_first_render_do_not_fire_but_reopened_ones_do() {
        let mut e = Engine::new(Config::default(), Doc::default());
        e.accept(
            &doc(1.0, &[("a", "complete"), ("b", "active")]),
            Source::Remote,
        );
        assert!(e.render(&EN, &Plain).completed.is_empty());
        e.accept(
            &doc(2.0, &[("a", "pending"), ("b", "skipped")]),
            Source::Remote,
        );
        assert!(
            e.render(&EN, &Plain).completed.is_empty(),
            "skipped does not fire"
        );
        e.accept(
            &doc(3.0, &[("a", "complete"), ("b", "skipped")]),
            Source::Remote,
        );
        let ids: Vec<String> = e
            .render(&EN, &Plain)
            .completed
            .into_iter()
            .map(|c| c.step_id)
            .collect();
        assert_eq!(ids, ["a"]);
    }

    #[test]
    fn config_renders_fire_no_change() {
        let mut e = Engine::new(Config::default(), doc(0.0, &[("a", "active")]));
        assert!(e.render(&EN, &Plain).ready.is_some());
        e.config.variant = crate::config::Variant::Checklist;
        let r = e.render(&EN, &Plain);
        assert!(!r.patches.is_empty());
        assert_eq!(r.change, None);
    }

    #[test]
    fn patch_merges_and_counts_as_new() {
        let mut e = Engine::new(Config::default(), Doc::default());
        e.accept(
            &doc(7.0, &[("a", "active"), ("b", "pending")]),
            Source::Remote,
        );
        e.render(&EN, &Plain);
        let (p, _) = parse_doc(
            &Json::Arr(vec![Json::Obj(vec![
                ("id".into(), Json::Str("a".into())),
                ("status".into(), Json::Str("complete".into())),
            ])]),
            false,
        )
        .unwrap();
        e.accept(&p, Source::Patch);
        let r = e.render(&EN, &Plain);
        assert_eq!(r.completed.len(), 1);
        assert_eq!(e.state().steps[1].status, Status::Pending);
        assert_eq!(
            e.accept(&doc(6.0, &[("a", "pending")]), Source::Remote),
            Accepted::Stale
        );
    }
}
