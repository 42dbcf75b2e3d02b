//! The shadow tree: built once, then changed only through [`Patch`]es.
//! Text from data is always set as text (`textContent`), never parsed as HTML.

use crate::num::uint_to_string;
use crate::strings::{Key, Strings};
use crate::view::{field, Patch, Slot, StepView, View};
use gloo_timers::callback::Timeout;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    CssStyleSheet, Document, Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode,
};

/// The widget's stylesheet (adopted, so no inline `<style>` and CSP-safe).
const CSS: &str = include_str!("style.css");

thread_local! {
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
}

/// One stylesheet object shared by every widget on the page.
fn shared_sheet() -> Option<CssStyleSheet> {
    SHEET.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            let sheet = CssStyleSheet::new().ok()?;
            sheet.replace_sync(CSS).ok()?;
            *slot = Some(sheet);
        }
        slot.clone()
    })
}

/// The nodes of one step.
struct StepNodes {
    li: Element,
    row: Element,
    marker: Element,
    label: Element,
    state: Element,
    estimate: Element,
    time: Element,
    lock: Element,
    reason: Element,
    panel: Element,
    description: Element,
    panel_link: Element,
    /// The label shown as a link (non-interactive rows with a safe `href`).
    label_link: Element,
}

/// The completion view's "Show steps" toggle: its own small state, so a click
/// never needs the widget borrowed.
struct Toggle {
    button: Element,
    list: Element,
    expanded: Cell<bool>,
    done: Cell<bool>,
    labels: RefCell<(String, String)>,
}

impl Toggle {
    fn sync(&self) {
        let open = self.expanded.get();
        let _ = self
            .button
            .set_attribute("aria-expanded", if open { "true" } else { "false" });
        let labels = self.labels.borrow();
        self.button
            .set_text_content(Some(if open { &labels.1 } else { &labels.0 }));
        toggle(&self.list, "hidden", self.done.get() && !open);
    }
}

/// The widget's shadow tree and handles to every node it updates.
pub struct Dom {
    doc: Document,
    root: Element,
    title: Element,
    message: Element,
    summary: Element,
    position: Element,
    percent: Element,
    bar: Element,
    fill: HtmlElement,
    list: Element,
    notice: Element,
    remaining: Element,
    pulse: Element,
    promise: Element,
    done: Element,
    done_title: Element,
    done_detail: Element,
    toggle: Rc<Toggle>,
    _on_toggle: Closure<dyn FnMut()>,
    live: Element,
    compact: Element,
    tier: Element,
    done_group: Element,
    done_list: Element,
    done_toggle: Rc<Toggle>,
    _on_done_toggle: Closure<dyn FnMut()>,
    _on_click: Closure<dyn FnMut(web_sys::Event)>,
    interactive: bool,
    variant: &'static str,
    open: Option<String>,
    queued: Rc<RefCell<Vec<String>>>,
    announce_timer: Option<Timeout>,
    celebrate_timer: Option<Timeout>,
    steps: BTreeMap<String, StepNodes>,
}

fn el(doc: &Document, tag: &str, class: &str, part: Option<&str>) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    e.set_class_name(class);
    if let Some(p) = part {
        e.set_attribute("part", p)?;
    }
    Ok(e)
}

fn toggle(e: &Element, name: &str, on: bool) {
    let _ = e.toggle_attribute_with_force(name, on);
}

impl Dom {
    /// Builds the tree in `host`'s open shadow root (attached when missing).
    /// `on_select` is called with a step id when a person selects a row.
    pub fn build(
        host: &Element,
        strings: &Strings,
        on_select: Box<dyn Fn(String)>,
    ) -> Result<Dom, JsValue> {
        let doc = host
            .owner_document()
            .ok_or_else(|| JsValue::from_str("no document"))?;
        let shadow: ShadowRoot = match host.shadow_root() {
            Some(s) => s,
            None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
        };
        shadow.set_text_content(None);
        if let Some(sheet) = shared_sheet() {
            shadow.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
        }
        let root = el(&doc, "div", "root", Some("root"))?;
        let head = el(&doc, "div", "head", None)?;
        let title = el(&doc, "p", "title", Some("title"))?;
        let message = el(&doc, "p", "message", Some("message"))?;
        head.append_with_node_2(&title, &message)?;
        let summary = el(&doc, "p", "summary", Some("summary"))?;
        let count = el(&doc, "span", "count", None)?;
        let position = el(&doc, "span", "sr-only", None)?;
        let percent = el(&doc, "span", "percent", None)?;
        // The position sentence first, so a screen reader hears "Step 3 of 5".
        summary.append_with_node_3(&position, &count, &percent)?;
        let bar = el(&doc, "div", "bar", Some("bar"))?;
        bar.set_attribute("role", "progressbar")?;
        bar.set_attribute("aria-valuemin", "0")?;
        bar.set_attribute("aria-valuemax", "100")?;
        bar.set_attribute("aria-label", strings.get(Key::ProgressLabel))?;
        let fill: HtmlElement = el(&doc, "div", "fill", None)?.unchecked_into();
        bar.append_child(&fill)?;
        let notice = el(&doc, "p", "notice", Some("notice"))?;
        let status = el(&doc, "p", "status", None)?;
        let remaining = el(&doc, "span", "remaining", Some("remaining"))?;
        let pulse = el(&doc, "span", "pulse", Some("updated"))?;
        status.append_with_node_2(&remaining, &pulse)?;
        let promise = el(&doc, "p", "promise", Some("promise"))?;
        let done = el(&doc, "div", "done", Some("done"))?;
        let mark = el(&doc, "span", "done-mark", None)?;
        mark.set_attribute("aria-hidden", "true")?;
        mark.set_text_content(Some("✓"));
        let done_title = el(&doc, "p", "done-title", None)?;
        let done_detail = el(&doc, "p", "done-detail", None)?;
        let button = el(&doc, "button", "show-steps", None)?;
        button.set_attribute("type", "button")?;
        button.set_attribute("aria-controls", "momentum-list")?;
        done.append_with_node_4(&mark, &done_title, &done_detail, &button)?;
        let list = el(&doc, "ol", "list", Some("list"))?;
        list.set_id("momentum-list");
        let toggle = Rc::new(Toggle {
            button: button.clone(),
            list: list.clone(),
            expanded: Cell::new(false),
            done: Cell::new(false),
            labels: RefCell::new((
                strings.get(Key::ShowSteps).to_string(),
                strings.get(Key::HideSteps).to_string(),
            )),
        });
        let on_toggle = {
            let t = toggle.clone();
            Closure::<dyn FnMut()>::new(move || {
                t.expanded.set(!t.expanded.get());
                t.sync();
            })
        };
        button.add_event_listener_with_callback("click", on_toggle.as_ref().unchecked_ref())?;
        let compact = el(&doc, "p", "compact", Some("compact"))?;
        compact.set_attribute("aria-hidden", "true")?;
        let tier = el(&doc, "p", "tier", Some("tier"))?;
        let done_group = el(&doc, "div", "done-group", Some("done-group"))?;
        let done_button = el(&doc, "button", "done-toggle", None)?;
        done_button.set_attribute("type", "button")?;
        done_button.set_attribute("aria-controls", "momentum-done-list")?;
        let done_list = el(&doc, "ol", "list done-list", Some("done-list"))?;
        done_list.set_id("momentum-done-list");
        done_group.append_with_node_2(&done_button, &done_list)?;
        let done_toggle = Rc::new(Toggle {
            button: done_button.clone(),
            list: done_list.clone(),
            expanded: Cell::new(false),
            done: Cell::new(true),
            labels: RefCell::new((String::new(), String::new())),
        });
        let on_done_toggle = {
            let t = done_toggle.clone();
            Closure::<dyn FnMut()>::new(move || {
                t.expanded.set(!t.expanded.get());
                t.sync();
            })
        };
        done_button
            .add_event_listener_with_callback("click", on_done_toggle.as_ref().unchecked_ref())?;
        // One listener for every row: a click on a row button selects its step.
        let on_click = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            let row = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("button.row").ok().flatten());
            let id = row
                .and_then(|r| r.closest("li").ok().flatten())
                .and_then(|li| li.get_attribute("data-id"));
            if let Some(id) = id {
                on_select(id);
            }
        });
        let empty = el(&doc, "p", "empty", None)?;
        empty.set_text_content(Some(strings.get(Key::Empty)));
        let live = el(&doc, "div", "sr-only", None)?;
        live.set_attribute("role", "status")?;
        live.set_attribute("aria-live", "polite")?;
        root.append_with_node_4(&head, &summary, &bar, &status)?;
        root.append_with_node_4(&compact, &tier, &promise, &notice)?;
        root.append_with_node_3(&done, &list, &done_group)?;
        root.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;
        root.append_with_node_2(&empty, &live)?;
        shadow.append_child(&root)?;
        Ok(Dom {
            doc,
            root,
            title,
            message,
            summary: count,
            position,
            percent,
            bar,
            fill,
            list,
            notice,
            remaining,
            pulse,
            promise,
            done,
            done_title,
            done_detail,
            toggle,
            _on_toggle: on_toggle,
            live,
            compact,
            tier,
            done_group,
            done_list,
            done_toggle,
            _on_done_toggle: on_done_toggle,
            _on_click: on_click,
            interactive: false,
            variant: "",
            open: None,
            queued: Rc::new(RefCell::new(Vec::new())),
            announce_timer: None,
            celebrate_timer: None,
            steps: BTreeMap::new(),
        })
    }

    fn new_step(&self, v: &StepView) -> Result<StepNodes, JsValue> {
        let d = &self.doc;
        let li = el(d, "li", "step", Some("step"))?;
        li.set_attribute("data-id", &v.id)?;
        // Selectable rows are real buttons (SPEC §8); otherwise a plain box.
        let row = if self.interactive {
            let b = el(d, "button", "row", None)?;
            b.set_attribute("type", "button")?;
            b.set_attribute("aria-expanded", "false")?;
            b
        } else {
            el(d, "div", "row", None)?
        };
        let marker = el(d, "span", "marker", Some("marker"))?;
        marker.set_attribute("aria-hidden", "true")?;
        let body = el(d, "span", "body", None)?;
        let label = el(d, "span", "label", Some("label"))?;
        let label_link = el(d, "a", "label-link", None)?;
        let meta = el(d, "span", "meta", None)?;
        let state = el(d, "span", "state", None)?;
        let estimate = el(d, "span", "estimate", Some("estimate"))?;
        let time = el(d, "span", "time", Some("time"))?;
        meta.append_with_node_3(&state, &estimate, &time)?;
        let lock = el(d, "span", "lock", Some("lock"))?;
        let reason = el(d, "span", "reason", Some("reason"))?;
        body.append_with_node_4(&label, &meta, &lock, &reason)?;
        row.append_with_node_2(&marker, &body)?;
        let panel = el(d, "div", "panel", Some("panel"))?;
        let description = el(d, "p", "description", Some("description"))?;
        let panel_link = el(d, "a", "panel-link", Some("link"))?;
        panel.append_with_node_2(&description, &panel_link)?;
        li.append_with_node_2(&row, &panel)?;
        let nodes = StepNodes {
            li,
            row,
            marker,
            label,
            state,
            estimate,
            time,
            lock,
            reason,
            panel,
            description,
            panel_link,
            label_link,
        };
        update_step(&nodes, v, field::ALL, self.interactive);
        toggle(
            &nodes.li,
            "data-open",
            self.open.as_deref() == Some(v.id.as_str()),
        );
        Ok(nodes)
    }

    /// Whether no step has been rendered yet (the first render is next).
    pub fn fresh(&self) -> bool {
        self.steps.is_empty()
    }

    /// Opens the row of step `id` (one at a time), or none.
    pub fn set_open(&mut self, id: Option<&str>) {
        self.open = id.map(String::from);
        for (sid, n) in &self.steps {
            let open = id == Some(sid.as_str());
            toggle(&n.li, "data-open", open);
            if self.interactive {
                let _ = n
                    .row
                    .set_attribute("aria-expanded", if open { "true" } else { "false" });
            }
        }
    }

    /// Keeps every step in the list it belongs in, in view order: for the
    /// checklist, done steps live in the "Done (N)" group. Moves only what is
    /// out of place.
    fn place(&self, view: &View) {
        let checklist = view.variant == "checklist";
        let mut open = Vec::new();
        let mut done = Vec::new();
        for v in &view.steps {
            if let Some(n) = self.steps.get(&v.id) {
                if checklist && v.status.is_done() {
                    done.push(&n.li);
                } else {
                    open.push(&n.li);
                }
            }
        }
        for (list, want) in [(&self.list, open), (&self.done_list, done)] {
            let mut cursor = list.first_element_child();
            for li in want {
                if cursor.as_ref().is_some_and(|c| c.is_same_node(Some(li))) {
                    cursor = cursor.and_then(|c| c.next_element_sibling());
                } else {
                    let _ = list.insert_before(li, cursor.as_ref().map(|c| c.as_ref()));
                }
            }
        }
    }

    fn li(&self, id: &Option<String>) -> Option<&Element> {
        id.as_ref().and_then(|id| self.steps.get(id)).map(|s| &s.li)
    }

    /// Applies patches computed against the previous view; `view` is the new one.
    pub fn apply(&mut self, patches: &[Patch], view: &View) {
        // Rows change kind (button or box) with `interactive`: rebuild them.
        let rebuild = view.interactive != self.interactive;
        if rebuild {
            self.interactive = view.interactive;
            for (_, n) in std::mem::take(&mut self.steps) {
                n.li.remove();
            }
            for v in &view.steps {
                if let Ok(nodes) = self.new_step(v) {
                    let _ = self.list.append_child(&nodes.li);
                    self.steps.insert(v.id.clone(), nodes);
                }
            }
        }
        let regroup = view.variant == "checklist" || view.variant != self.variant;
        self.variant = view.variant;
        for p in patches {
            if rebuild && !matches!(p, Patch::Root(_)) {
                continue;
            }
            match p {
                Patch::Root(slot) => self.root_slot(*slot, view),
                Patch::Remove(id) => {
                    if let Some(n) = self.steps.remove(id) {
                        n.li.remove();
                    }
                }
                Patch::Insert { index, before } => {
                    let Some(v) = view.steps.get(*index) else {
                        continue;
                    };
                    let Ok(nodes) = self.new_step(v) else {
                        continue;
                    };
                    let _ = self
                        .list
                        .insert_before(&nodes.li, self.li(before).map(|e| e.as_ref()));
                    self.steps.insert(v.id.clone(), nodes);
                }
                Patch::Move { id, before } => {
                    if let Some(n) = self.steps.get(id) {
                        let _ = self
                            .list
                            .insert_before(&n.li, self.li(before).map(|e| e.as_ref()));
                    }
                }
                Patch::Step { index, fields } => {
                    if let Some(v) = view.steps.get(*index) {
                        if let Some(n) = self.steps.get(&v.id) {
                            update_step(n, v, *fields, self.interactive);
                        }
                    }
                }
            }
        }
        if regroup {
            self.place(view);
        }
        toggle(&self.root, "data-empty", view.steps.is_empty());
    }

    fn root_slot(&self, slot: Slot, v: &View) {
        let text = |e: &Element, t: &str| {
            e.set_text_content(Some(t));
            toggle(e, "hidden", t.is_empty());
        };
        match slot {
            Slot::Variant => {
                let _ = self.root.set_attribute("data-variant", v.variant);
            }
            Slot::Orientation => {
                let _ = self.root.set_attribute("data-orientation", v.orientation);
            }
            Slot::Extras => {
                toggle(&self.root, "data-interactive", v.interactive);
                text(&self.compact, &v.compact);
                text(&self.tier, &v.tier_line);
                toggle(&self.done_group, "hidden", v.done_group.is_empty());
                *self.done_toggle.labels.borrow_mut() =
                    (v.done_group.clone(), v.done_group.clone());
                self.done_toggle.sync();
            }
            Slot::Title => text(&self.title, &v.title),
            Slot::Message => text(&self.message, &v.message),
            Slot::Notice => text(&self.notice, &v.notice),
            Slot::Remaining => text(&self.remaining, &v.remaining),
            Slot::Pulse => text(&self.pulse, &v.pulse),
            Slot::Promise => text(&self.promise, &v.promise),
            Slot::Done => {
                self.done_title.set_text_content(Some(&v.done_title));
                self.done_detail.set_text_content(Some(&v.done_detail));
                toggle(&self.done, "hidden", !v.done);
                toggle(&self.root, "data-done", v.done);
                *self.toggle.labels.borrow_mut() = (v.show_steps.clone(), v.hide_steps.clone());
                self.toggle.done.set(v.done);
                self.toggle.sync();
            }
            Slot::Summary => self.summary.set_text_content(Some(&v.summary)),
            Slot::Position => self.position.set_text_content(Some(&v.position)),
            Slot::Percent => self.percent.set_text_content(Some(&v.percent)),
            Slot::Bar => {
                let pct = (v.fraction * 100.0).floor().clamp(0.0, 100.0) as u64;
                let _ = self
                    .bar
                    .set_attribute("aria-valuenow", &uint_to_string(pct));
                let _ = self.bar.set_attribute("aria-valuetext", &v.percent);
                let mut scale = String::from("0.");
                let thousandths = (v.fraction.clamp(0.0, 1.0) * 1000.0).round() as u64;
                if thousandths >= 1000 {
                    scale = String::from("1");
                } else {
                    let digits = uint_to_string(thousandths);
                    for _ in digits.len()..3 {
                        scale.push('0');
                    }
                    scale.push_str(&digits);
                }
                let _ = self
                    .fill
                    .style()
                    .set_property("--momentum-fraction", &scale);
            }
        }
    }

    /// Queues sentences for the polite live region. Announcements arriving
    /// close together are read as one, so a screen reader is not flooded.
    pub fn announce(&mut self, sentences: &[String]) {
        if sentences.is_empty() {
            return;
        }
        self.queued.borrow_mut().extend(sentences.iter().cloned());
        let (queued, live) = (self.queued.clone(), self.live.clone());
        self.announce_timer = Some(Timeout::new(250, move || {
            let text = queued.borrow_mut().drain(..).collect::<Vec<_>>().join(". ");
            live.set_text_content(Some(&text));
        }));
    }

    /// The built-in celebration: `subtle` marks the root for a short CSS
    /// animation, `confetti` also bursts a canvas over the widget. Both are
    /// removed when finished and never change the layout.
    pub fn celebrate(&mut self, confetti: bool) {
        let _ = self.root.set_attribute("data-celebrating", "");
        let root = self.root.clone();
        self.celebrate_timer = Some(Timeout::new(1600, move || {
            let _ = root.remove_attribute("data-celebrating");
        }));
        if confetti {
            let _ = burst(&self.doc, &self.root);
        }
    }
}

/// An animation-frame callback that re-schedules itself.
type Frame = Rc<RefCell<Option<Closure<dyn FnMut()>>>>;

/// A short confetti burst on a canvas laid over `root` (absolutely positioned,
/// pointer-events off), removed after about 1.6 s.
fn burst(doc: &Document, root: &Element) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let canvas: web_sys::HtmlCanvasElement = doc.create_element("canvas")?.unchecked_into();
    canvas.set_class_name("confetti");
    canvas.set_attribute("aria-hidden", "true")?;
    let rect = root.get_bounding_client_rect();
    let ratio = window.device_pixel_ratio().max(1.0);
    let (w, h) = (rect.width().max(1.0), rect.height().max(120.0));
    canvas.set_width((w * ratio) as u32);
    canvas.set_height((h * ratio) as u32);
    root.append_child(&canvas)?;
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d context"))?
        .unchecked_into();
    ctx.scale(ratio, ratio)?;
    const COLORS: [&str; 5] = ["#1d4ed8", "#15803d", "#f59e0b", "#db2777", "#7c3aed"];
    let rnd = js_sys::Math::random;
    // x, y, vx, vy, angle, spin, colour
    let mut bits: Vec<(f64, f64, f64, f64, f64, f64, usize)> = (0..90)
        .map(|i| {
            (
                w / 2.0 + (rnd() - 0.5) * w * 0.3,
                h * 0.35,
                (rnd() - 0.5) * 9.0,
                -4.0 - rnd() * 7.0,
                rnd() * 6.3,
                (rnd() - 0.5) * 0.4,
                i % COLORS.len(),
            )
        })
        .collect();
    let start = js_sys::Date::now();
    let frame: Frame = Rc::new(RefCell::new(None));
    let again = frame.clone();
    *frame.borrow_mut() = Some(Closure::new(move || {
        let t = js_sys::Date::now() - start;
        ctx.clear_rect(0.0, 0.0, w, h);
        if t > 1600.0 || !canvas.is_connected() {
            canvas.remove();
            again.borrow_mut().take();
            return;
        }
        ctx.set_global_alpha((1.0 - t / 1600.0).clamp(0.0, 1.0));
        for b in bits.iter_mut() {
            b.0 += b.2;
            b.1 += b.3;
            b.3 += 0.35;
            b.2 *= 0.99;
            b.4 += b.5;
            ctx.save();
            let _ = ctx.translate(b.0, b.1);
            let _ = ctx.rotate(b.4);
            ctx.set_fill_style_str(COLORS.get(b.6).copied().unwrap_or("#15803d"));
            ctx.fill_rect(-4.0, -2.5, 8.0, 5.0);
            ctx.restore();
        }
        if let (Some(w), Some(cb)) = (web_sys::window(), again.borrow().as_ref()) {
            let _ = w.request_animation_frame(cb.as_ref().unchecked_ref());
        }
    }));
    if let Some(cb) = frame.borrow().as_ref() {
        window.request_animation_frame(cb.as_ref().unchecked_ref())?;
    }
    Ok(())
}

fn update_step(n: &StepNodes, v: &StepView, fields: u8, interactive: bool) {
    if fields & field::STATUS != 0 {
        let _ = n.li.set_attribute("data-status", v.status.name());
    }
    if fields & (field::LABEL | field::DETAIL) != 0 {
        // A safe href makes the label a link, except inside a row button
        // (a link in a button is not allowed): there it goes in the panel.
        let link_label = !v.href.is_empty() && !interactive;
        if link_label {
            n.label_link.set_text_content(Some(&v.label));
            let _ = n.label_link.set_attribute("href", &v.href);
            if !n.label_link.is_connected() || n.label.first_element_child().is_none() {
                n.label.set_text_content(None);
                let _ = n.label.append_child(&n.label_link);
            }
        } else {
            n.label.set_text_content(Some(&v.label));
        }
        n.panel_link.set_text_content(Some(&v.label));
        if v.href.is_empty() || !interactive {
            let _ = n.panel_link.remove_attribute("href");
            toggle(&n.panel_link, "hidden", true);
        } else {
            let _ = n.panel_link.set_attribute("href", &v.href);
            toggle(&n.panel_link, "hidden", false);
        }
    }
    if fields & field::DETAIL != 0 {
        n.description.set_text_content(Some(&v.description));
        toggle(&n.description, "hidden", v.description.is_empty());
        toggle(
            &n.panel,
            "hidden",
            v.description.is_empty() && (v.href.is_empty() || !interactive),
        );
        n.lock.set_text_content(Some(&v.locked));
        toggle(&n.lock, "hidden", v.locked.is_empty());
        n.reason.set_text_content(Some(&v.reason));
        toggle(&n.reason, "hidden", v.reason.is_empty());
        toggle(&n.li, "data-reverted", v.reverted);
        toggle(&n.li, "data-locked", !v.locked.is_empty());
        if interactive {
            if v.locked.is_empty() {
                let _ = n.row.remove_attribute("aria-disabled");
            } else {
                let _ = n.row.set_attribute("aria-disabled", "true");
            }
        }
    }
    if fields & field::STATE != 0 {
        n.state.set_text_content(Some(&v.state));
    }
    if fields & field::MARKER != 0 {
        n.marker.set_text_content(Some(&v.marker));
    }
    if fields & field::ESTIMATE != 0 {
        n.estimate.set_text_content(Some(&v.estimate));
        toggle(&n.estimate, "hidden", v.estimate.is_empty());
    }
    if fields & field::TIME != 0 {
        n.time.set_text_content(Some(&v.time));
        toggle(&n.time, "hidden", v.time.is_empty());
    }
    if fields & field::CURRENT != 0 {
        if v.current {
            let _ = n.li.set_attribute("aria-current", "step");
        } else {
            let _ = n.li.remove_attribute("aria-current");
        }
    }
}
