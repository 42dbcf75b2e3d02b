//! The protocol encoder: writes what a render decided (the view and its
//! patches) and events as the operations of [`crate::wire::protocol`], in the
//! token format of [`crate::wire::codec`]. Pure, so the host tests read back what
//! the shell will read.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::engine::Rendered;
use crate::input::config;
use crate::model::{Stamp, State, Step};
use crate::plan::{Patch, Slot, StepView, View};
use crate::wire::codec::Writer;
use crate::wire::protocol::{action, op, slot};

/// Starts an event: [`op::EVENT`], its name, whether it is cancelable, the default
/// action (its kind, then its operands) and the opening of the detail object
/// (see [`op::EVENT`]). The caller writes the members and the closing `}`.
pub fn event<'a>(
    w: &'a mut Writer,
    name: &str,
    cancelable: bool,
    action: &[&str],
) -> &'a mut Writer {
    w.raw(op::EVENT).raw(name).flag(cancelable);
    for a in action {
        w.raw(a);
    }
    w.raw("{")
}

/// Writes one step's fields, in the order of [`STEP_FIELDS`].
pub fn step_fields(w: &mut Writer, v: &StepView) {
    w.raw(&v.id)
        .raw(v.status.name())
        .raw(&v.label)
        .raw(&v.href)
        .raw(&v.description)
        .raw(&v.locked)
        .raw(&v.reason)
        .flag(v.reverted)
        .raw(&v.state)
        .raw(&v.marker)
        .raw(&v.estimate)
        .raw(&v.time)
        .flag(v.current);
}

/// Writes a root slot: [`op::ROOT`], the [`slot`] code, then its values.
pub fn slot_ops(w: &mut Writer, s: Slot, v: &View) {
    w.raw(op::ROOT);
    match s {
        Slot::Variant => w.raw(slot::VARIANT).raw(v.variant),
        Slot::Orientation => w.raw(slot::ORIENTATION).raw(v.orientation),
        Slot::Extras => w
            .raw(slot::EXTRAS)
            .flag(v.interactive)
            .raw(&v.compact)
            .raw(&v.tier_line)
            .raw(&v.done_group),
        Slot::Title => w.raw(slot::TITLE).raw(&v.title),
        Slot::Message => w.raw(slot::MESSAGE).raw(&v.message),
        Slot::Notice => w.raw(slot::NOTICE).raw(&v.notice),
        Slot::Remaining => w.raw(slot::REMAINING).raw(&v.remaining),
        Slot::Pulse => w.raw(slot::PULSE).raw(&v.pulse),
        Slot::Promise => w.raw(slot::PROMISE).raw(&v.promise),
        Slot::Done => w
            .raw(slot::DONE)
            .flag(v.done)
            .raw(&v.done_title)
            .raw(&v.done_detail)
            .raw(&v.show_steps)
            .raw(&v.hide_steps),
        Slot::Summary => w.raw(slot::SUMMARY).raw(&v.summary),
        Slot::Position => w.raw(slot::POSITION).raw(&v.position),
        Slot::Percent => w.raw(slot::PERCENT).raw(&v.percent),
        Slot::Bar => {
            let f = v.fraction.clamp(0.0, 1.0);
            w.raw(slot::BAR)
                .whole((f * 100.0).floor())
                .whole((f * 1000.0).round())
                .raw(&v.percent)
        }
    };
}

/// Writes the DOM patches of one render (the shell's rows are kept in
/// step: `rows_interactive` and `variant` are what the shell was last told).
pub fn emit_patches(
    w: &mut Writer,
    patches: &[Patch],
    view: &View,
    rows_interactive: &mut bool,
    variant: &mut &'static str,
) {
    let rebuild = view.interactive != *rows_interactive;
    if rebuild {
        *rows_interactive = view.interactive;
        w.raw(op::ROWS).flag(view.interactive);
        for s in &view.steps {
            w.raw(op::INSERT).raw("");
            step_fields(w, s);
        }
    }
    let regroup = view.variant == "checklist" || view.variant != *variant;
    *variant = view.variant;
    for p in patches {
        match p {
            Patch::Root(slot) => slot_ops(w, *slot, view),
            _ if rebuild => {}
            Patch::Remove(id) => {
                w.raw(op::REMOVE).raw(id);
            }
            Patch::Insert { index, before } => {
                if let Some(s) = view.steps.get(*index) {
                    w.raw(op::INSERT).raw(before.as_deref().unwrap_or_default());
                    step_fields(w, s);
                }
            }
            Patch::Move { id, before } => {
                w.raw(op::MOVE)
                    .raw(id)
                    .raw(before.as_deref().unwrap_or_default());
            }
            Patch::Step { index, fields } => {
                if let Some(s) = view.steps.get(*index) {
                    w.raw(op::UPDATE).count(usize::from(*fields));
                    step_fields(w, s);
                }
            }
        }
    }
    if regroup {
        let checklist = view.variant == "checklist";
        w.raw(op::PLACE).count(view.steps.len());
        for s in &view.steps {
            w.raw(&s.id).flag(checklist && s.status.is_done());
        }
    }
    w.raw(op::EMPTY).flag(view.steps.is_empty());
}

/// Writes what a render decided besides its patches: when to render again,
/// the announcements, the celebrations to remember, and the events due
/// (a celebration's default action is `style`).
pub fn outcome(w: &mut Writer, view: &View, out: &Rendered, style: config::Celebrate) {
    w.raw(op::TICK);
    match view.next_tick_ms {
        Some(ms) => w.whole(ms),
        None => w.raw(""),
    };
    if !out.announce.is_empty() {
        w.raw(op::ANNOUNCE).count(out.announce.len());
        for s in &out.announce {
            w.raw(s);
        }
    }
    if !out.record.is_empty() {
        w.raw(op::RECORD).count(out.record.len());
        for s in &out.record {
            w.raw(s);
        }
    }
    let default = match style {
        config::Celebrate::None => action::NONE,
        config::Celebrate::Subtle => action::SUBTLE,
        config::Celebrate::Confetti => action::CONFETTI,
    };
    let counts = |w: &mut Writer, c: &crate::model::progress::Counts| {
        w.str("completed")
            .num(f64::from(c.completed))
            .str("total")
            .num(f64::from(c.total))
            .str("progress")
            .num(c.progress);
    };
    for c in &out.celebrate {
        let (reason, milestone) = match c.what {
            crate::celebrate::Celebration::Complete => ("complete", None),
            crate::celebrate::Celebration::Milestone(m) => ("milestone", Some(m)),
        };
        event(w, "momentum-celebrate", true, &[default])
            .str("reason")
            .str(reason)
            .str("progress")
            .num(c.progress)
            .opt_num("milestone", milestone)
            .opt_str("stepId", c.step_id.as_deref())
            .raw("}");
    }
    if let Some(c) = &out.ready {
        counts(event(w, "momentum-ready", false, &[action::NONE]), c);
        w.raw("}");
    }
    for c in &out.completed {
        event(w, "momentum-step-complete", false, &[action::NONE])
            .str("stepId")
            .str(&c.step_id)
            .str("label")
            .str(&c.label)
            .str("index")
            .num(c.index as f64)
            .opt_num("durationMs", c.duration_ms)
            .raw("}");
    }
    for p in &out.promises {
        event(w, "momentum-promise", false, &[action::NONE])
            .str("kind")
            .str(p.kind.name())
            .opt_str("stepId", p.step_id.as_deref())
            .str("promised")
            .str(&crate::input::time::to_iso(p.promised_ms))
            .opt_str(
                "actual",
                p.actual_ms.map(crate::input::time::to_iso).as_deref(),
            )
            .str("kept")
            .raw(if p.kept { "t" } else { "f" })
            .raw("}");
    }
    if let Some((c, active, changed)) = &out.change {
        counts(event(w, "momentum-change", false, &[action::NONE]), c);
        w.str("activeStep")
            .str_or_null(active.as_deref())
            .str("changed")
            .raw("[");
        for id in changed {
            w.str(id);
        }
        w.raw("]").raw("}");
    }
}

/// Writes the state as a state document (what `el.state` returns), in the
/// token format of [`crate::wire::codec`].
pub fn state(w: &mut Writer, s: &State) {
    w.raw("{")
        .str("version")
        .num(1.0)
        .opt_str("title", s.title.as_deref())
        .opt_str("message", s.message.as_deref())
        .opt_str("updatedAt", raw_stamp(&s.updated_at))
        .opt_str("nextUpdateBy", raw_stamp(&s.next_update_by))
        .opt_num("sequence", s.sequence)
        .opt_num("value", s.value)
        .opt_str("unit", s.unit.as_deref())
        .opt_str("hours", s.business.hours.as_ref().map(|h| h.0.as_str()))
        .opt_str("timeZone", s.business.time_zone.as_deref())
        .str("steps")
        .raw("[");
    for step in &s.steps {
        write_step(w, step);
    }
    w.raw("]").raw("}");
}

/// Writes a step as a JSON object in the document's field names.
fn write_step(w: &mut Writer, step: &Step) {
    w.raw("{")
        .str("id")
        .str(&step.id)
        .str("label")
        .str(&step.label)
        .str("status")
        .str(step.status.name())
        .opt_num("estimate", step.estimate)
        .opt_str("estimate", step.business.as_ref().map(|b| b.raw.as_str()));
    if step.optional {
        w.str("optional").raw("t");
    }
    w.opt_str("href", step.href.as_deref())
        .opt_str("description", step.description.as_deref())
        .opt_str("startedAt", raw_stamp(&step.started_at))
        .opt_str("completedAt", raw_stamp(&step.completed_at))
        .opt_str("eta", raw_stamp(&step.eta))
        .opt_str("reason", step.reason.as_deref());
    if !step.requires.is_empty() {
        w.str("requires").raw("[");
        for r in &step.requires {
            w.str(r);
        }
        w.raw("]");
    }
    w.opt_num("threshold", step.threshold).raw("}");
}

/// A time stamp as the document wrote it.
fn raw_stamp(s: &Option<Stamp>) -> Option<&str> {
    s.as_ref().map(|s| s.raw.as_str())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::wire::protocol::{FieldKind, STEP_FIELDS};

    /// The writer puts each field where [`STEP_FIELDS`] says the shell
    /// reads it (the generated `readStep` follows the table).
    #[test]
    fn step_fields_follow_the_table() {
        let v = StepView {
            id: "id".into(),
            status: crate::model::Status::Active,
            label: "label".into(),
            state: "state".into(),
            marker: "marker".into(),
            estimate: "estimate".into(),
            current: true,
            time: "time".into(),
            href: "href".into(),
            description: "description".into(),
            reason: "reason".into(),
            locked: "locked".into(),
            reverted: false,
        };
        let mut w = Writer::default();
        step_fields(&mut w, &v);
        let (text, _) = w.take();
        let tokens: Vec<&str> = text.split(crate::wire::codec::SEP).collect();
        assert_eq!(tokens.len(), STEP_FIELDS.len());
        for ((_, name, kind), token) in STEP_FIELDS.iter().zip(&tokens) {
            match (kind, *name) {
                (FieldKind::Flag, "current") => assert_eq!(*token, "1"),
                (FieldKind::Flag, "reverted") => assert_eq!(*token, "0"),
                (FieldKind::Text, "status") => assert_eq!(*token, "active"),
                (FieldKind::Text, name) => assert_eq!(*token, name),
                (FieldKind::Flag, name) => panic!("unexpected flag {name}"),
            }
        }
    }
}
