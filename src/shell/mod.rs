//! The browser shell: reads the page, feeds the [`Engine`], applies patches,
//! dispatches events. Everything here is thin; decisions live in the core.

mod convert;
mod dom;
mod intl;
mod net;
mod store;
mod tick;

use crate::celebrate::Celebration;
use crate::config::{self, Config, Warning};
use crate::engine::{Accepted, Engine, Rendered, Source};
use crate::json::Json;
use crate::model::{doc_from_markup, parse_doc, Doc, MarkupStep};
use crate::strings::Strings;
use gloo_timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, Element, HtmlElement};

use convert::{from_js, object, to_js};
use dom::Dom;
use intl::Intl;

/// An event waiting to be dispatched once no borrow is held (listeners may
/// call back into the widget).
struct Pending {
    name: &'static str,
    detail: JsValue,
    cancelable: bool,
    /// What happens unless a listener calls `preventDefault()`.
    default: Option<Default>,
}

/// The default action of a cancelable event.
enum Default {
    /// The built-in celebration (`true`: confetti).
    Celebrate(bool),
    /// Open the selected row and follow its link.
    Select(String, String),
}

/// What a fetch or a stream brought a widget.
pub(crate) enum Delivery {
    /// A valid state document, with its field warnings.
    Doc(Doc, Vec<Warning>),
    /// `304 Not Modified`: the current state is still current.
    NotModified,
    /// The request or the document failed.
    Failed {
        /// What went wrong, for a person.
        message: String,
        /// The HTTP status, when there was one.
        status: Option<u16>,
        /// When the next attempt is scheduled, if one is.
        retry_in_ms: Option<f64>,
    },
    /// The SSE stream failed repeatedly; the widget now polls.
    FellBack,
}

pub(crate) struct Inner {
    /// This widget, for timers and subscriptions.
    me: Weak<RefCell<Inner>>,
    /// The resolved `src` this widget follows, while connected.
    following: Option<(String, config::Live, f64)>,
    /// `refresh()` promises waiting for the next delivery.
    waiters: Vec<(js_sys::Function, js_sys::Function)>,
    stall_timer: Option<Timeout>,
    /// Phrases for the current locale, with the host's overrides.
    strings: Strings,
    /// The language `strings` were made for.
    strings_locale: Option<String>,
    /// Phrase overrides set through the `strings` property.
    string_overrides: Vec<(String, String)>,
    /// Hosts the shadow root and dispatches events.
    host: HtmlElement,
    /// The element the author wrote: markup source, named in warnings.
    origin: Element,
    /// Whether attributes carry the `data-` prefix on `host`.
    prefixed: bool,
    engine: Option<Engine>,
    dom: Option<Dom>,
    intl: Option<Rc<Intl>>,
    warned: Vec<String>,
    connected: bool,
}

/// One Momentum widget, created by `momentum.js` for each
/// `<momentum-progress>` and each hostable `[data-momentum]` element.
#[wasm_bindgen]
pub struct Widget {
    inner: Rc<RefCell<Inner>>,
}

fn console_warn(message: &str, element: &Element) {
    web_sys::console::warn_2(&JsValue::from_str(message), element);
}

fn error_detail(message: &str, retry_in_ms: Option<f64>) -> JsValue {
    object(&[
        ("message", JsValue::from_str(message)),
        (
            "retryInMs",
            retry_in_ms.map_or(JsValue::NULL, JsValue::from_f64),
        ),
    ])
}

fn counts_detail(c: &crate::progress::Counts) -> Vec<(&'static str, JsValue)> {
    vec![
        ("completed", JsValue::from_f64(f64::from(c.completed))),
        ("total", JsValue::from_f64(f64::from(c.total))),
        ("progress", JsValue::from_f64(c.progress)),
    ]
}

/// Celebrations already fired under a storage key.
fn load_fired(key: &str) -> Vec<String> {
    store::get(key)
        .map(|v| {
            v.split(',')
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

fn iso(ms: f64) -> JsValue {
    js_sys::Date::new(&JsValue::from_f64(ms))
        .to_iso_string()
        .into()
}

impl Inner {
    /// Starts following `src` as `live` says, if it is not already.
    fn follow(&mut self) {
        let Some(engine) = &self.engine else { return };
        let c = &engine.config;
        let want = c
            .src
            .as_deref()
            .and_then(net::resolve)
            .map(|url| (url, c.live, c.poll_secs * 1000.0));
        if want == self.following {
            return;
        }
        self.unfollow();
        let Some((url, live, poll_ms)) = want.clone() else {
            return;
        };
        match live {
            config::Live::Poll => net::subscribe(&url, self.me.clone(), Some(poll_ms)),
            config::Live::Off => net::subscribe(&url, self.me.clone(), None),
            config::Live::Sse => net::subscribe_stream(&url, self.me.clone(), poll_ms),
        }
        self.following = want;
    }

    /// Stops following `src`: aborts a request in flight when this was its
    /// last widget, and stops the timers.
    fn unfollow(&mut self) {
        if let Some((url, _, _)) = self.following.take() {
            net::unsubscribe(&url, &self.me);
        }
    }

    fn settle_waiters(&mut self, error: Option<&str>) {
        let state = match (&self.engine, error) {
            (Some(e), None) => to_js(&e.state().to_json()),
            _ => JsValue::NULL,
        };
        for (resolve, reject) in self.waiters.drain(..) {
            let _ = match error {
                None => resolve.call1(&JsValue::NULL, &state),
                Some(m) => {
                    let mut text = String::from("Momentum: ");
                    text.push_str(m);
                    reject.call1(&JsValue::NULL, &js_sys::Error::new(&text))
                }
            };
        }
    }

    /// Takes in what a fetch or the stream brought.
    fn receive(&mut self, delivery: &Delivery, events: &mut Vec<Pending>) {
        match delivery {
            Delivery::Doc(doc, warnings) => {
                for w in warnings {
                    self.warn(w);
                }
                if let Some(e) = self.engine.as_mut() {
                    e.accept(doc, Source::Remote, js_sys::Date::now());
                    e.set_out_of_date(false);
                }
                self.render(events);
                self.check_stall(events);
                self.settle_waiters(None);
            }
            Delivery::NotModified => {
                if let Some(e) = self.engine.as_mut() {
                    e.set_out_of_date(false);
                }
                self.render(events);
                self.settle_waiters(None);
            }
            Delivery::Failed {
                message,
                status,
                retry_in_ms,
            } => {
                let has_state = self
                    .engine
                    .as_ref()
                    .is_some_and(|e| !e.state().steps.is_empty());
                if let Some(e) = self.engine.as_mut() {
                    e.set_out_of_date(has_state);
                }
                self.render(events);
                let mut m = String::from("could not update from src: ");
                m.push_str(message);
                m.push_str(if has_state {
                    "; the last good state stays"
                } else {
                    ""
                });
                self.warn_text(&m);
                let mut detail = vec![
                    ("message", JsValue::from_str(message)),
                    (
                        "retryInMs",
                        retry_in_ms.map_or(JsValue::NULL, JsValue::from_f64),
                    ),
                ];
                if let Some(s) = status {
                    detail.push(("status", JsValue::from_f64(f64::from(*s))));
                }
                events.push(Pending {
                    name: "momentum-error",
                    detail: object(&detail),
                    cancelable: false,
                    default: None,
                });
                self.settle_waiters(Some(message));
            }
            Delivery::FellBack => {
                self.warn_text(
                    "the update stream (live=\"sse\") failed 3 times in a row; polling src instead",
                );
            }
        }
    }

    /// Fires `momentum-stalled` when a stall began and sets the next check.
    fn check_stall(&mut self, events: &mut Vec<Pending>) {
        let Some(engine) = self.engine.as_mut() else {
            return;
        };
        let (due, next) = engine.check_stall(js_sys::Date::now());
        if let Some(s) = due {
            events.push(Pending {
                name: "momentum-stalled",
                detail: object(&[
                    ("lastUpdate", s.last_update_ms.map_or(JsValue::NULL, iso)),
                    (
                        "nextUpdateBy",
                        s.next_update_by_ms.map_or(JsValue::NULL, iso),
                    ),
                ]),
                cancelable: false,
                default: None,
            });
            self.render(events);
        }
        self.stall_timer = next.map(|at| {
            let wait = (at - js_sys::Date::now()).clamp(0.0, crate::live::MAX_TIMER_MS) + 50.0;
            let me = self.me.clone();
            Timeout::new(wait as u32, move || {
                if let Some(rc) = me.upgrade() {
                    with_inner(&rc, |inner, events| inner.check_stall(events));
                }
            })
        });
    }

    /// A person selected the row of step `id`: `momentum-step-select`, whose
    /// default action opens the row and follows its link.
    fn select(&mut self, id: &str, events: &mut Vec<Pending>) {
        let Some(view) = self.engine.as_ref().and_then(|e| e.view()) else {
            return;
        };
        if !view.interactive {
            return;
        }
        let Some((index, step)) = view.steps.iter().enumerate().find(|(_, s)| s.id == id) else {
            return;
        };
        if !step.locked.is_empty() {
            return; // "Cannot start yet": not selectable
        }
        events.push(Pending {
            name: "momentum-step-select",
            detail: object(&[
                ("stepId", JsValue::from_str(id)),
                ("index", JsValue::from_f64(index as f64)),
            ]),
            cancelable: true,
            default: Some(Default::Select(id.to_string(), step.href.clone())),
        });
    }

    /// Opens one row (or none) and remembers it under the storage key, so a
    /// person resumes where they left off (SPEC §9.7, §9.25).
    fn open_row(&mut self, id: Option<&str>) {
        if let Some(dom) = self.dom.as_mut() {
            dom.set_open(id);
        }
        if let Some(key) = self.storage_key_for("open") {
            store::set(&key, id.unwrap_or_default());
        }
    }

    /// Where the widget keeps `what` ("celebrated", "open"): under
    /// `storage-key`, else `src`, else the element's id (SPEC §9.7). `None`
    /// without any of them: then it is kept for this page load only.
    fn storage_key_for(&self, what: &str) -> Option<String> {
        let c = &self.engine.as_ref()?.config;
        let id = self.origin.id();
        let base = c
            .storage_key
            .clone()
            .or_else(|| c.src.clone())
            .or_else(|| (!id.is_empty()).then_some(id))?;
        let mut key = String::from("momentum:");
        key.push_str(&base);
        key.push(':');
        key.push_str(what);
        Some(key)
    }

    /// The tiers variant's `value` and `unit` attributes.
    fn value_attrs(&mut self) -> (Option<f64>, Option<String>) {
        let value = self.attr("value").and_then(|raw| {
            let trimmed = raw.trim().replace([',', '_'], "");
            let parsed = crate::num::parse_decimal(&trimmed);
            if parsed.is_none() {
                self.warn(&Warning::new(
                    "value",
                    &raw,
                    "a non-negative number such as 640; ignored",
                ));
            }
            parsed
        });
        let unit = self
            .attr("unit")
            .map(|u| crate::model::clip(u.trim()))
            .filter(|u| !u.is_empty());
        (value, unit)
    }

    /// The built-in phrases for `language`, with the `strings` attribute and
    /// property applied on top.
    fn build_strings(&mut self, language: &str) -> Strings {
        let mut strings = Strings::for_locale(language);
        let mut pairs = Vec::new();
        if let Some(raw) = self.attr("strings") {
            let json = js_sys::JSON::parse(&raw)
                .ok()
                .and_then(|v| from_js(&v).ok());
            match json {
                Some(Json::Obj(members)) => {
                    for (k, v) in members {
                        if let Json::Str(v) = v {
                            pairs.push((k, v));
                        }
                    }
                }
                _ => self.warn(&Warning::new(
                    "strings",
                    &raw,
                    "a JSON object of phrase keys to text, e.g. {\"doneMessage\": \"All set\"}; using the built-in phrases",
                )),
            }
        }
        pairs.extend(self.string_overrides.iter().cloned());
        for unknown in strings.apply_overrides(&pairs) {
            self.warn(&Warning::new(
                "strings",
                &unknown,
                "the phrase keys listed in the README; ignored",
            ));
        }
        strings
    }

    /// `<ol id="x">` / `<momentum-progress src="/api">`, for warnings.
    fn describe(&self) -> String {
        let mut s = String::from("Momentum <");
        s.push_str(&self.origin.tag_name().to_ascii_lowercase());
        let id = self.origin.id();
        let src = self.attr("src");
        if !id.is_empty() {
            s.push_str(" id=\"");
            s.push_str(&id);
            s.push('"');
        } else if let Some(src) = src {
            s.push_str(if self.prefixed {
                " data-src=\""
            } else {
                " src=\""
            });
            s.push_str(&src);
            s.push('"');
        }
        s.push('>');
        s
    }

    fn attr(&self, name: &str) -> Option<String> {
        if self.prefixed {
            let mut n = String::from("data-");
            n.push_str(name);
            self.host.get_attribute(&n)
        } else {
            self.host.get_attribute(name)
        }
    }

    /// Logs a warning once per element, attribute and value (SPEC §9.14).
    fn warn(&mut self, w: &Warning) {
        let mut key = w.step.clone();
        key.push('\u{0}');
        key.push_str(&w.attr);
        key.push('\u{0}');
        key.push_str(&w.value);
        if self.warned.contains(&key) {
            return;
        }
        self.warned.push(key);
        let mut m = self.describe();
        if !w.step.is_empty() {
            m.push_str(", step \"");
            m.push_str(&w.step);
            m.push('"');
        }
        m.push_str(": ");
        let widget_attr = w.step.is_empty()
            && (config::ATTRIBUTES.contains(&w.attr.as_str())
                || ["strings", "value", "unit"].contains(&w.attr.as_str()));
        if widget_attr && (self.prefixed || !self.origin.is_same_node(Some(&self.host))) {
            m.push_str("data-");
        }
        m.push_str(&w.attr);
        m.push_str("=\"");
        m.push_str(&w.value);
        m.push_str("\" is not valid; allowed: ");
        m.push_str(&w.allowed);
        m.push('.');
        console_warn(&m, &self.origin);
    }

    fn warn_text(&mut self, text: &str) {
        let mut m = self.describe();
        m.push_str(": ");
        m.push_str(text);
        if self.warned.contains(&m) {
            return;
        }
        self.warned.push(m.clone());
        console_warn(&m, &self.origin);
    }

    fn read_config(&mut self) -> Config {
        let (mut c, warnings) = config::parse(|name| self.attr(name));
        for w in &warnings {
            self.warn(w);
        }
        if let Some(loc) = c.locale.clone() {
            if !intl::is_valid_locale(&loc) {
                self.warn(&Warning::new(
                    "locale",
                    &loc,
                    "a BCP 47 language tag such as en-US or de-DE; using the page's language",
                ));
                c.locale = None;
            }
        }
        c
    }

    /// The locale: `locale`, else the nearest `lang`, else the browser's.
    fn locale(&self, c: &Config) -> String {
        if let Some(l) = &c.locale {
            return l.clone();
        }
        let lang = self
            .origin
            .closest("[lang]")
            .ok()
            .flatten()
            .and_then(|e| e.get_attribute("lang"))
            .filter(|l| !l.trim().is_empty() && intl::is_valid_locale(l.trim()));
        lang.map(|l| l.trim().to_string()).unwrap_or_default()
    }

    fn markup(&self) -> Vec<MarkupStep> {
        let tag = self.origin.tag_name();
        let selector = if tag == "OL" || tag == "UL" {
            ":scope > li"
        } else {
            ":scope > ol > li, :scope > ul > li"
        };
        let Ok(nodes) = self.origin.query_selector_all(selector) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for i in 0..nodes.length().min(crate::model::MAX_STEPS as u32) {
            let Some(li) = nodes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let names = li.get_attribute_names();
            let mut attrs = Vec::new();
            for n in names.iter() {
                let Some(name) = n.as_string() else { continue };
                if let (Some(short), Some(value)) =
                    (name.strip_prefix("data-"), li.get_attribute(&name))
                {
                    attrs.push((short.to_string(), value));
                }
            }
            let text = li.text_content().unwrap_or_default();
            let label = text.split_whitespace().collect::<Vec<_>>().join(" ");
            out.push(MarkupStep { attrs, label });
        }
        out
    }

    /// Inline `<script type="application/json">` in the markup, parsed.
    fn inline_doc(&mut self, events: &mut Vec<Pending>) -> Option<Doc> {
        let script = self
            .origin
            .query_selector("script[type='application/json']")
            .ok()
            .flatten()?;
        let text = script.text_content().unwrap_or_default();
        let json = match js_sys::JSON::parse(&text) {
            Ok(v) => from_js(&v).ok(),
            Err(_) => None,
        };
        let result = match json {
            Some(j) => parse_doc(&j, true).map_err(|e| e.message()),
            None => Err(String::from(
                "the inline <script type=\"application/json\"> is not valid JSON",
            )),
        };
        self.admit(
            result,
            |m| [m, "; showing the steps from the markup"].concat(),
            events,
        )
    }

    /// Takes a parsed document in, or rejects it: a rejected document is one
    /// console warning (worded by `explain`) and `momentum-error` with no
    /// retry (SPEC §9.20, §9.33); the current state stays.
    fn admit(
        &mut self,
        result: Result<(Doc, Vec<Warning>), String>,
        explain: impl Fn(&str) -> String,
        events: &mut Vec<Pending>,
    ) -> Option<Doc> {
        match result {
            Ok((doc, warnings)) => {
                for w in &warnings {
                    self.warn(w);
                }
                Some(doc)
            }
            Err(message) => {
                self.warn_text(&explain(&message));
                events.push(Pending {
                    name: "momentum-error",
                    detail: error_detail(&message, None),
                    cancelable: false,
                    default: None,
                });
                None
            }
        }
    }

    /// Creates the engine on first use: config, markup steps, inline JSON.
    fn ensure_engine(&mut self, events: &mut Vec<Pending>) {
        if self.engine.is_some() {
            return;
        }
        let config = self.read_config();
        let (mut markup, warnings) = doc_from_markup(&self.markup());
        for w in &warnings {
            self.warn(w);
        }
        (markup.value, markup.unit) = self.value_attrs();
        let mut engine = Engine::new(config, markup);
        if let Some(doc) = self.inline_doc(events) {
            engine.accept(&doc, Source::Remote, js_sys::Date::now());
        }
        self.engine = Some(engine);
    }

    /// Renders if connected, collecting the events that are due.
    fn render(&mut self, events: &mut Vec<Pending>) {
        if !self.connected {
            return;
        }
        let Some(engine) = self.engine.as_mut() else {
            return;
        };
        let locale = {
            let c = engine.config.clone();
            self.locale(&c)
        };
        if self.intl.as_ref().is_none_or(|i| i.locale() != locale) {
            self.intl = Some(intl::shared(&locale));
        }
        if self.dom.is_none() {
            let me = self.me.clone();
            let on_select = Box::new(move |id: String| {
                if let Some(rc) = me.upgrade() {
                    with_inner(&rc, |inner, events| inner.select(&id, events));
                }
            });
            match Dom::build(&self.host, &self.strings, on_select) {
                Ok(d) => self.dom = Some(d),
                Err(_) => {
                    self.warn_text("could not create the shadow root; is another script using it?");
                    return;
                }
            }
        }
        let language = if locale.is_empty() {
            web_sys::window()
                .and_then(|w| w.navigator().language())
                .unwrap_or_default()
        } else {
            locale.clone()
        };
        if self.strings_locale.as_deref() != Some(language.as_str()) {
            self.strings_locale = Some(language.clone());
            self.strings = self.build_strings(&language);
        }
        let store_key = self.storage_key_for("celebrated");
        let resume = if self.dom.as_ref().is_some_and(|d| d.fresh()) {
            self.storage_key_for("open")
                .and_then(|k| store::get(&k))
                .filter(|v| !v.is_empty())
        } else {
            None
        };
        let (Some(engine), Some(intl), Some(dom)) =
            (self.engine.as_mut(), &self.intl, self.dom.as_mut())
        else {
            return;
        };
        if let Some(key) = &store_key {
            engine.set_fired(load_fired(key));
        }
        let now = js_sys::Date::now();
        let out: Rendered = engine.render(&self.strings, intl.as_ref(), now);
        if let Some(view) = engine.view() {
            dom.apply(&out.patches, view);
            if let Some(id) =
                resume.filter(|id| view.interactive && view.steps.iter().any(|s| s.id == *id))
            {
                dom.set_open(Some(&id));
            }
            match view.next_tick_ms {
                Some(wait) => tick::schedule(self.me.clone(), now + wait),
                None => tick::forget(&self.me),
            }
        }
        dom.announce(&out.announce);
        if let (Some(key), false) = (&store_key, out.record.is_empty()) {
            let mut fired = load_fired(key);
            for r in &out.record {
                if !fired.contains(r) {
                    fired.push(r.clone());
                }
            }
            store::set(key, &fired.join(","));
        }
        let style = engine.config.celebrate;
        for c in &out.celebrate {
            let mut d = vec![
                (
                    "reason",
                    JsValue::from_str(match c.what {
                        Celebration::Complete => "complete",
                        Celebration::Milestone(_) => "milestone",
                    }),
                ),
                ("progress", JsValue::from_f64(c.progress)),
            ];
            if let Celebration::Milestone(m) = c.what {
                d.push(("milestone", JsValue::from_f64(m)));
            }
            if let Some(id) = &c.step_id {
                d.push(("stepId", JsValue::from_str(id)));
            }
            events.push(Pending {
                name: "momentum-celebrate",
                detail: object(&d),
                cancelable: true,
                default: match style {
                    config::Celebrate::None => None,
                    config::Celebrate::Subtle => Some(Default::Celebrate(false)),
                    config::Celebrate::Confetti => Some(Default::Celebrate(true)),
                },
            });
        }
        if let Some(c) = out.ready {
            events.push(Pending {
                name: "momentum-ready",
                detail: object(&counts_detail(&c)),
                cancelable: false,
                default: None,
            });
        }
        for c in &out.completed {
            let mut d = vec![
                ("stepId", JsValue::from_str(&c.step_id)),
                ("label", JsValue::from_str(&c.label)),
                ("index", JsValue::from_f64(c.index as f64)),
            ];
            if let Some(ms) = c.duration_ms {
                d.push(("durationMs", JsValue::from_f64(ms)));
            }
            events.push(Pending {
                name: "momentum-step-complete",
                detail: object(&d),
                cancelable: false,
                default: None,
            });
        }
        if let Some((c, active, changed)) = out.change {
            let mut d = counts_detail(&c);
            d.push((
                "activeStep",
                active.map_or(JsValue::NULL, |a| JsValue::from_str(&a)),
            ));
            let ids: js_sys::Array = changed.iter().map(|s| JsValue::from_str(s)).collect();
            d.push(("changed", ids.into()));
            events.push(Pending {
                name: "momentum-change",
                detail: object(&d),
                cancelable: false,
                default: None,
            });
        }
    }

    /// Reads a document from a JavaScript value; on failure warns, queues
    /// `momentum-error` (no retry) and returns `None`.
    fn read_doc(
        &mut self,
        value: &JsValue,
        need_steps: bool,
        what: &str,
        events: &mut Vec<Pending>,
    ) -> Option<Doc> {
        let result = match from_js(value) {
            Ok(j) => parse_doc(&j, need_steps).map_err(|e| e.message()),
            Err(_) => Err(String::from(
                "the document is nested too deeply or is too large",
            )),
        };
        self.admit(
            result,
            |m| [what, " was rejected: ", m, "; the current state stays"].concat(),
            events,
        )
    }
}

/// Installs, once, a panic hook that says what happened in one console line.
/// No panic is reachable from page input (clippy denies unwrap, expect,
/// panic and indexing in the library); this is the last line of defence, so
/// that a bug is reported instead of every widget dying silently.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let mut m = String::from(
            "Momentum: internal error; widgets on this page stop updating. Please report it with this line: ",
        );
        if let Some(loc) = info.location() {
            m.push_str(loc.file());
            m.push(':');
            m.push_str(&crate::num::uint_to_string(u64::from(loc.line())));
        }
        web_sys::console::error_1(&JsValue::from_str(&m));
    }));
}

/// Runs `f` with the widget borrowed, then dispatches the events it queued.
/// A re-entrant call (from a listener while busy) is ignored.
fn with_inner(rc: &Rc<RefCell<Inner>>, f: impl FnOnce(&mut Inner, &mut Vec<Pending>)) {
    let mut events = Vec::new();
    let host = {
        let Ok(mut inner) = rc.try_borrow_mut() else {
            return;
        };
        f(&mut inner, &mut events);
        inner.host.clone()
    };
    let mut celebrate = None;
    let mut select = None;
    for e in events {
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_cancelable(e.cancelable);
        init.set_detail(&e.detail);
        if let Ok(ev) = CustomEvent::new_with_event_init_dict(e.name, &init) {
            let proceed = host.dispatch_event(&ev).unwrap_or(true);
            match (proceed, e.default) {
                (true, Some(Default::Celebrate(confetti))) => {
                    celebrate = Some(confetti || celebrate.unwrap_or(false));
                }
                (true, Some(Default::Select(id, href))) => select = Some((id, href)),
                _ => {}
            }
        }
    }
    // The default action of momentum-celebrate, unless a listener prevented
    // it or the person asked for reduced motion (the event fired either way).
    if let Some(confetti) = celebrate.filter(|_| !reduced_motion()) {
        if let Ok(mut inner) = rc.try_borrow_mut() {
            if let Some(dom) = inner.dom.as_mut() {
                dom.celebrate(confetti);
            }
        }
    }
    // The default action of momentum-step-select (SPEC §9.18): open the row,
    // remember it for the next visit, follow the step's link.
    if let Some((id, href)) = select {
        if let Ok(mut inner) = rc.try_borrow_mut() {
            inner.open_row(Some(&id));
        }
        if !href.is_empty() {
            if let Some(w) = web_sys::window() {
                let _ = w.location().assign(&href);
            }
        }
    }
}

fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// Hands a fetch or stream outcome to a widget (called by [`net`]).
pub(crate) fn deliver(rc: &Rc<RefCell<Inner>>, delivery: &Delivery) {
    with_inner(rc, |inner, events| inner.receive(delivery, events));
}

impl Widget {
    fn with(&self, f: impl FnOnce(&mut Inner, &mut Vec<Pending>)) {
        with_inner(&self.inner, f);
    }
}

#[wasm_bindgen]
impl Widget {
    /// A widget rendering into `host`'s shadow root. `origin` is the element
    /// the author wrote (the list for the `ol` form; otherwise `host`).
    #[wasm_bindgen(constructor)]
    pub fn new(host: HtmlElement, origin: Option<Element>) -> Widget {
        let prefixed = host.tag_name() != "MOMENTUM-PROGRESS";
        let origin = origin.unwrap_or_else(|| host.clone().into());
        Widget {
            inner: Rc::new_cyclic(|me| {
                RefCell::new(Inner {
                    me: me.clone(),
                    following: None,
                    waiters: Vec::new(),
                    stall_timer: None,
                    strings: Strings::default(),
                    strings_locale: None,
                    string_overrides: Vec::new(),
                    host,
                    origin,
                    prefixed,
                    engine: None,
                    dom: None,
                    intl: None,
                    warned: Vec::new(),
                    connected: false,
                })
            }),
        }
    }

    /// The element joined the document: render (building the tree once)
    /// and start following `src`.
    pub fn connect(&self) {
        self.with(|inner, events| {
            if inner.connected {
                return;
            }
            inner.connected = true;
            inner.ensure_engine(events);
            inner.render(events);
            inner.follow();
            inner.check_stall(events);
        });
    }

    /// The element left the document: abort its request, stop its timers.
    pub fn disconnect(&self) {
        self.with(|inner, _| {
            inner.connected = false;
            inner.unfollow();
            inner.stall_timer = None;
            tick::forget(&inner.me);
            inner.settle_waiters(Some("the element was removed from the page"));
        });
    }

    /// Fetches `src` now, whatever `live` is (`el.refresh()`). Resolves with
    /// the state document; rejects with an `Error` on failure or without `src`.
    pub fn refresh(&self) -> js_sys::Promise {
        let inner = self.inner.clone();
        js_sys::Promise::new(
            &mut move |resolve: js_sys::Function, reject: js_sys::Function| {
                with_inner(&inner, |inner, events| {
                    inner.ensure_engine(events);
                    let src = inner.engine.as_ref().and_then(|e| e.config.src.clone());
                    let Some(url) = src.as_deref().and_then(net::resolve) else {
                        let e = js_sys::Error::new("Momentum: refresh() needs a src attribute");
                        let _ = reject.call1(&JsValue::NULL, &e);
                        return;
                    };
                    inner.waiters.push((resolve, reject));
                    if inner
                        .following
                        .as_ref()
                        .is_none_or(|(u, live, _)| *u != url || *live == config::Live::Sse)
                    {
                        // Not polling this URL: take part in its poller without an interval.
                        net::subscribe(&url, inner.me.clone(), None);
                    }
                    net::fetch_now(&url);
                });
            },
        )
    }

    /// A widget attribute changed: re-read the configuration and re-render.
    pub fn configure(&self) {
        self.with(|inner, events| {
            if inner.engine.is_none() {
                return;
            }
            let config = inner.read_config();
            let (value, unit) = inner.value_attrs();
            if let Some(engine) = inner.engine.as_mut() {
                engine.reconfigure(config);
                engine.set_markup_value(value, unit);
            }
            inner.strings_locale = None;
            inner.render(events);
            if inner.connected {
                inner.follow();
                inner.check_stall(events);
            }
        });
    }

    /// The current state document (`el.state`).
    #[wasm_bindgen(js_name = getState)]
    pub fn get_state(&self) -> JsValue {
        let Ok(inner) = self.inner.try_borrow() else {
            return JsValue::NULL;
        };
        match &inner.engine {
            Some(e) => to_js(&e.state().to_json()),
            None => to_js(&Json::Null),
        }
    }

    /// Replaces the state (`el.state = doc`). Never throws: an invalid
    /// document is a warning and `momentum-error`, and the state stays.
    #[wasm_bindgen(js_name = setState)]
    pub fn set_state(&self, value: JsValue) {
        self.with(|inner, events| {
            inner.ensure_engine(events);
            if let Some(doc) = inner.read_doc(&value, true, "el.state", events) {
                if let Some(e) = inner.engine.as_mut() {
                    e.accept(&doc, Source::Replace, js_sys::Date::now());
                }
                inner.render(events);
                inner.check_stall(events);
            }
        });
    }

    /// Merges a patch (`el.update(patch)`): steps by id, other fields as given.
    pub fn update(&self, patch: JsValue) {
        self.with(|inner, events| {
            inner.ensure_engine(events);
            if let Some(doc) = inner.read_doc(&patch, false, "el.update()", events) {
                if let Some(e) = inner.engine.as_mut() {
                    if e.accept(&doc, Source::Patch, js_sys::Date::now()) == Accepted::Applied {
                        inner.render(events);
                        inner.check_stall(events);
                    }
                }
            }
        });
    }

    /// Overrides phrases by key (`el.strings = { doneMessage: "All set" }`).
    #[wasm_bindgen(js_name = setStrings)]
    pub fn set_strings(&self, value: JsValue) {
        self.with(|inner, events| {
            inner.string_overrides = match from_js(&value) {
                Ok(Json::Obj(members)) => members
                    .into_iter()
                    .filter_map(|(k, v)| match v {
                        Json::Str(v) => Some((k, v)),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            inner.strings_locale = None;
            inner.render(events);
        });
    }

    /// Progress from 0 to 1 (`el.progress`).
    pub fn progress(&self) -> f64 {
        self.inner
            .try_borrow()
            .ok()
            .and_then(|i| i.engine.as_ref().map(|e| e.counts().progress))
            .unwrap_or(0.0)
    }
}
