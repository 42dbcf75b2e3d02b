//! Browser tests: the Rust `Widget` driving a real DOM in headless Chromium.
#![cfg(target_arch = "wasm32")]

use momentum::shell::Widget;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CustomEvent, Document, Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A `<div data-momentum>` with the given inner HTML, attached to the body.
fn host(inner: &str) -> HtmlElement {
    let d = document();
    let div: HtmlElement = d.create_element("div").unwrap().unchecked_into();
    div.set_attribute("data-momentum", "").unwrap();
    div.set_inner_html(inner);
    d.body().unwrap().append_child(&div).unwrap();
    div
}

fn shadow_texts(host: &Element, selector: &str) -> Vec<String> {
    let root = host.shadow_root().unwrap();
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

/// Records `(type, JSON of detail)` of Momentum events reaching `target`.
fn record(target: &Element, names: &[&str]) -> Rc<RefCell<Vec<(String, String)>>> {
    let log = Rc::new(RefCell::new(Vec::new()));
    for name in names {
        let log = log.clone();
        let cb = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            let e: CustomEvent = e.unchecked_into();
            let detail = js_sys::JSON::stringify(&e.detail())
                .unwrap()
                .as_string()
                .unwrap();
            log.borrow_mut().push((e.type_(), detail));
        });
        target
            .add_event_listener_with_callback(name, cb.as_ref().unchecked_ref())
            .unwrap();
        cb.forget();
    }
    log
}

fn json(s: &str) -> JsValue {
    js_sys::JSON::parse(s).unwrap()
}

#[wasm_bindgen_test]
fn renders_markup_and_fires_ready_once() {
    let el = host(
        r#"<ol><li data-step="a" data-status="complete">Alpha</li>
           <li data-step="b">Beta</li><li data-step="c" data-optional>Gamma</li></ol>"#,
    );
    let log = record(&el, &["momentum-ready", "momentum-change"]);
    let w = Widget::new(el.clone(), None);
    w.connect();
    w.connect(); // reconnecting does not render twice or fire twice
    assert_eq!(
        shadow_texts(&el, "[part~=label]"),
        ["Alpha", "Beta", "Gamma"]
    );
    assert_eq!(shadow_texts(&el, ".count"), ["1 of 2 complete"]);
    assert_eq!(
        *log.borrow(),
        [(
            "momentum-ready".to_string(),
            r#"{"completed":1,"total":2,"progress":0.5}"#.to_string()
        )]
    );
    assert_eq!(w.progress(), 0.5);
}

#[wasm_bindgen_test]
fn updates_patch_in_place_and_keep_nodes() {
    let el = host(r#"<ol><li data-step="a">Alpha</li><li data-step="b">Beta</li></ol>"#);
    let w = Widget::new(el.clone(), None);
    w.connect();
    let root = el.shadow_root().unwrap();
    let first_li = root.query_selector("li").unwrap().unwrap();
    w.update(json(r#"{"steps":[{"id":"a","status":"complete"}]}"#));
    let again = root.query_selector("li").unwrap().unwrap();
    assert!(
        first_li.is_same_node(Some(&again)),
        "the step node is reused, not rebuilt"
    );
    assert_eq!(
        again.get_attribute("data-status").as_deref(),
        Some("complete")
    );
    let second = root.query_selector_all("li").unwrap().item(1).unwrap();
    let second: Element = second.unchecked_into();
    assert_eq!(
        second.get_attribute("aria-current").as_deref(),
        Some("step")
    );
    assert!(again.get_attribute("aria-current").is_none());
}

#[wasm_bindgen_test]
fn reordering_moves_nodes_instead_of_recreating_them() {
    let el = host("");
    let w = Widget::new(el.clone(), None);
    w.connect();
    w.set_state(json(r#"{"steps":[{"id":"a"},{"id":"b"},{"id":"c"}]}"#));
    let root = el.shadow_root().unwrap();
    let c_before = root.query_selector_all("li").unwrap().item(2).unwrap();
    w.set_state(json(r#"{"steps":[{"id":"c"},{"id":"a"},{"id":"d"}]}"#));
    assert_eq!(shadow_texts(&el, "[part~=label]"), ["c", "a", "d"]);
    let c_after = root.query_selector_all("li").unwrap().item(0).unwrap();
    assert!(c_before.is_same_node(Some(&c_after)));
}

#[wasm_bindgen_test]
fn a_listener_that_calls_back_into_the_widget_does_not_break_it() {
    let el = host(r#"<ol><li data-step="a">Alpha</li><li data-step="b">Beta</li></ol>"#);
    let w = Rc::new(Widget::new(el.clone(), None));
    w.connect();
    let inner = w.clone();
    let cb = Closure::<dyn FnMut(web_sys::Event)>::new(move |_e: web_sys::Event| {
        // Re-entrant: read and write the widget from inside its own event.
        let _ = inner.get_state();
        inner.update(json(r#"{"steps":[{"id":"b","status":"complete"}]}"#));
    });
    el.add_event_listener_with_callback("momentum-step-complete", cb.as_ref().unchecked_ref())
        .unwrap();
    cb.forget();
    w.update(json(r#"{"steps":[{"id":"a","status":"complete"}]}"#));
    assert_eq!(w.progress(), 1.0);
    assert_eq!(shadow_texts(&el, ".count"), ["2 of 2 complete"]);
}

#[wasm_bindgen_test]
fn invalid_state_is_rejected_without_throwing() {
    let el = host(r#"<ol><li data-step="a">Alpha</li></ol>"#);
    let log = record(&el, &["momentum-error"]);
    let w = Widget::new(el.clone(), None);
    w.connect();
    w.set_state(JsValue::from_f64(3.0));
    w.set_state(json(r#"{"steps":[]}"#));
    // Deeply nested input is refused, not recursed into.
    let mut deep = String::from(r#"{"steps":[{"id":"x","label":"#);
    deep.push_str(&"[".repeat(200));
    deep.push_str(&"]".repeat(200));
    deep.push_str("}]}");
    w.set_state(json(&deep));
    assert_eq!(shadow_texts(&el, "[part~=label]"), ["Alpha"]);
    let log = log.borrow();
    assert_eq!(log.len(), 3);
    assert!(log.iter().all(|(_, d)| d.contains(r#""retryInMs":null"#)));
}

#[wasm_bindgen_test]
fn numbers_follow_the_locale() {
    let el = host(r#"<ol><li data-step="a" data-estimate="90m">A</li></ol>"#);
    el.set_attribute("data-locale", "de-DE").unwrap();
    let w = Widget::new(el.clone(), None);
    w.connect();
    let mut steps = String::from(r#"{"steps":["#);
    for i in 0..1200 {
        if i > 0 {
            steps.push(',');
        }
        steps.push_str(r#"{"id":"s"#);
        steps.push_str(&i.to_string());
        steps.push_str(r#"","status":"complete"}"#);
    }
    steps.push_str("]}");
    w.set_state(json(&steps));
    // 1,200 steps are over the 1,000 limit: rejected, the markup stays.
    assert_eq!(shadow_texts(&el, "[part~=label]"), ["A"]);
    assert_eq!(shadow_texts(&el, "[part~=estimate]"), ["1,5 Std."]);
    assert_eq!(shadow_texts(&el, ".percent"), ["0\u{a0}%"]);
}
