//! The shadow tree: built once, then changed only through [`Patch`]es.
//! Text from data is always set as text (`textContent`), never parsed as HTML.

use crate::num::uint_to_string;
use crate::strings::Strings;
use crate::view::{field, Patch, Slot, StepView, View};
use std::cell::RefCell;
use std::collections::BTreeMap;
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
    marker: Element,
    label: Element,
    state: Element,
    estimate: Element,
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
    live: Element,
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
    pub fn build(host: &Element, strings: &Strings) -> Result<Dom, JsValue> {
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
        bar.set_attribute("aria-label", strings.progress_label)?;
        let fill: HtmlElement = el(&doc, "div", "fill", None)?.unchecked_into();
        bar.append_child(&fill)?;
        let notice = el(&doc, "p", "notice", Some("notice"))?;
        let list = el(&doc, "ol", "list", Some("list"))?;
        let empty = el(&doc, "p", "empty", None)?;
        empty.set_text_content(Some(strings.empty));
        let live = el(&doc, "div", "sr-only", None)?;
        live.set_attribute("role", "status")?;
        live.set_attribute("aria-live", "polite")?;
        root.append_with_node_4(&head, &summary, &bar, &notice)?;
        root.append_child(&list)?;
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
            live,
            steps: BTreeMap::new(),
        })
    }

    fn new_step(&self, v: &StepView) -> Result<StepNodes, JsValue> {
        let d = &self.doc;
        let li = el(d, "li", "step", Some("step"))?;
        let marker = el(d, "span", "marker", Some("marker"))?;
        marker.set_attribute("aria-hidden", "true")?;
        let body = el(d, "span", "body", None)?;
        let label = el(d, "span", "label", Some("label"))?;
        let meta = el(d, "span", "meta", None)?;
        let state = el(d, "span", "state", None)?;
        let estimate = el(d, "span", "estimate", Some("estimate"))?;
        meta.append_with_node_2(&state, &estimate)?;
        body.append_with_node_2(&label, &meta)?;
        li.append_with_node_2(&marker, &body)?;
        let nodes = StepNodes {
            li,
            marker,
            label,
            state,
            estimate,
        };
        update_step(&nodes, v, field::ALL);
        Ok(nodes)
    }

    fn li(&self, id: &Option<String>) -> Option<&Element> {
        id.as_ref().and_then(|id| self.steps.get(id)).map(|s| &s.li)
    }

    /// Applies patches computed against the previous view; `view` is the new one.
    pub fn apply(&mut self, patches: &[Patch], view: &View) {
        for p in patches {
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
                            update_step(n, v, *fields);
                        }
                    }
                }
            }
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
            Slot::Title => text(&self.title, &v.title),
            Slot::Message => text(&self.message, &v.message),
            Slot::Notice => text(&self.notice, &v.notice),
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

    /// Announces `text` through the polite live region.
    pub fn announce(&self, text: &str) {
        self.live.set_text_content(Some(text));
    }
}

fn update_step(n: &StepNodes, v: &StepView, fields: u8) {
    if fields & field::STATUS != 0 {
        let _ = n.li.set_attribute("data-status", v.status.name());
    }
    if fields & field::LABEL != 0 {
        n.label.set_text_content(Some(&v.label));
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
    if fields & field::CURRENT != 0 {
        if v.current {
            let _ = n.li.set_attribute("aria-current", "step");
        } else {
            let _ = n.li.remove_attribute("aria-current");
        }
    }
}
