//! Following `src`: one shared poller per URL (100 widgets on one URL make
//! one request per interval), ETag/304, a request timeout, abort on removal,
//! backoff with full jitter, no requests from hidden or offline pages, and
//! server-sent events with fallback to polling (SPEC §9.9, §9.10, §9.26).
//!
//! No registry borrow is ever held while a widget is called: deliveries are
//! collected first and made afterwards, because a widget's event listeners
//! may create or remove widgets.

use super::{deliver, Delivery, Inner};
use crate::json::Json;
use crate::live::{backoff_ms, MAX_DOC_BYTES, REQUEST_TIMEOUT_MS, SSE_MAX_FAILURES};
use crate::model::parse_doc;
use crate::num::uint_to_string;
use gloo_timers::callback::Timeout;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{
    AbortController, EventSource, Headers, MessageEvent, RequestCache, RequestInit, Response,
};

type Widget = Weak<RefCell<Inner>>;

/// One subscriber of a poller: a widget and its own poll interval (`None`
/// for `live="off"` and for SSE widgets that called `refresh()`).
struct Sub {
    widget: Widget,
    interval_ms: Option<f64>,
}

/// The shared fetch loop of one URL.
struct Poller {
    url: String,
    subs: Vec<Sub>,
    etag: Option<String>,
    /// The last good document, handed to widgets that subscribe later.
    last: Option<Rc<Delivery>>,
    failures: u32,
    timer: Option<Timeout>,
    abort: Option<AbortController>,
    last_end_ms: f64,
}

/// The shared `EventSource` of one URL.
struct Stream {
    source: EventSource,
    subs: Vec<Sub>,
    failures: u32,
    timer: Option<Timeout>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

thread_local! {
    static POLLERS: RefCell<BTreeMap<String, Rc<RefCell<Poller>>>> = const { RefCell::new(BTreeMap::new()) };
    static STREAMS: RefCell<BTreeMap<String, Rc<RefCell<Stream>>>> = const { RefCell::new(BTreeMap::new()) };
    static WATCHING: Cell<bool> = const { Cell::new(false) };
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// Whether requests may be made: the page is visible and the browser online.
fn may_request() -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    let visible = w
        .document()
        .is_none_or(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
    visible && w.navigator().on_line()
}

/// `src` resolved against the document, so equal URLs share one poller.
pub fn resolve(src: &str) -> Option<String> {
    let base = web_sys::window()?.document()?.base_uri().ok()??;
    web_sys::Url::new_with_base(src, &base)
        .ok()
        .map(|u| u.href())
}

fn same(w: &Widget, other: &Widget) -> bool {
    Weak::ptr_eq(w, other)
}

fn live(subs: &[Sub]) -> Vec<Rc<RefCell<Inner>>> {
    subs.iter().filter_map(|s| s.widget.upgrade()).collect()
}

/// A failed request: what a person can read, and the HTTP status if any.
struct Failure {
    message: String,
    status: Option<u16>,
}

fn failure(message: &str, status: Option<u16>) -> Failure {
    Failure {
        message: message.to_string(),
        status,
    }
}

enum Fetched {
    NotModified,
    Doc(Delivery, Option<String>),
}

/// Reads a state document from JSON text (shared by fetch and SSE).
fn read_text(text: &str) -> Result<Delivery, Failure> {
    if text.len() > MAX_DOC_BYTES {
        return Err(failure("the state document is larger than 1 MB", None));
    }
    let value =
        js_sys::JSON::parse(text).map_err(|_| failure("the response is not valid JSON", None))?;
    let json: Json = super::convert::from_js(&value).map_err(|_| {
        failure(
            "the state document is nested too deeply or is too large",
            None,
        )
    })?;
    let (doc, warnings) = parse_doc(&json, true).map_err(|e| failure(&e.message(), None))?;
    Ok(Delivery::Doc(doc, warnings))
}

/// One GET of `url` with `Accept: application/json` and `If-None-Match`.
async fn fetch(
    url: &str,
    etag: Option<String>,
    abort: &AbortController,
) -> Result<Fetched, Failure> {
    let window = web_sys::window().ok_or_else(|| failure("no window", None))?;
    let headers = Headers::new().map_err(|_| failure("could not build the request", None))?;
    let _ = headers.set("Accept", "application/json");
    if let Some(tag) = &etag {
        let _ = headers.set("If-None-Match", tag);
    }
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_headers_headers(&headers);
    // The widget does its own revalidation with the ETag it saw.
    init.set_cache(RequestCache::NoStore);
    init.set_signal(Some(&abort.signal()));
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let (abort, timed_out) = (abort.clone(), timed_out.clone());
        Timeout::new(REQUEST_TIMEOUT_MS as u32, move || {
            timed_out.set(true);
            abort.abort();
        })
    };
    let result = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await;
    let response: Response = match result {
        Ok(r) => r.unchecked_into(),
        Err(_) if timed_out.get() => return Err(failure("the request timed out after 15 s", None)),
        Err(_) => {
            return Err(failure(
                "the request failed (network error or blocked)",
                None,
            ))
        }
    };
    let status = response.status();
    if status == 304 {
        return Ok(Fetched::NotModified);
    }
    if !response.ok() {
        let mut m = String::from("the server answered HTTP ");
        m.push_str(&uint_to_string(u64::from(status)));
        return Err(failure(&m, Some(status)));
    }
    let too_big = response
        .headers()
        .get("Content-Length")
        .ok()
        .flatten()
        .and_then(|l| crate::num::parse_uint(l.trim()))
        .is_some_and(|l| l as usize > MAX_DOC_BYTES);
    if too_big {
        abort.abort();
        return Err(failure(
            "the state document is larger than 1 MB",
            Some(status),
        ));
    }
    let tag = response.headers().get("ETag").ok().flatten();
    let text = match response.text() {
        Ok(p) => JsFuture::from(p).await,
        Err(e) => Err(e),
    };
    drop(timer);
    let text = match text {
        Ok(t) => t.as_string().unwrap_or_default(),
        Err(_) if timed_out.get() => {
            return Err(failure("the request timed out after 15 s", Some(status)))
        }
        Err(_) => return Err(failure("the response body could not be read", Some(status))),
    };
    let delivery = read_text(&text).map_err(|mut f| {
        f.status = Some(status);
        f
    })?;
    Ok(Fetched::Doc(delivery, tag))
}

fn poller_for(url: &str) -> Rc<RefCell<Poller>> {
    POLLERS.with(|p| {
        p.borrow_mut()
            .entry(url.to_string())
            .or_insert_with(|| {
                Rc::new(RefCell::new(Poller {
                    url: url.to_string(),
                    subs: Vec::new(),
                    etag: None,
                    last: None,
                    failures: 0,
                    timer: None,
                    abort: None,
                    last_end_ms: 0.0,
                }))
            })
            .clone()
    })
}

fn interval(subs: &[Sub]) -> Option<f64> {
    subs.iter().filter_map(|s| s.interval_ms).reduce(f64::min)
}

/// Subscribes `widget` to the poller of `url`. A new poller fetches at once;
/// an existing one hands over its last document without a request.
pub fn subscribe(url: &str, widget: Widget, interval_ms: Option<f64>) {
    watch_page();
    let poller = poller_for(url);
    let (fresh, cached) = {
        let mut p = poller.borrow_mut();
        match p.subs.iter_mut().find(|s| same(&s.widget, &widget)) {
            Some(s) => s.interval_ms = interval_ms.or(s.interval_ms),
            None => p.subs.push(Sub {
                widget: widget.clone(),
                interval_ms,
            }),
        }
        let fresh = p.last.is_none() && p.abort.is_none() && p.timer.is_none();
        (fresh, p.last.clone())
    };
    if fresh {
        start(&poller, true);
    } else if let Some(doc) = cached {
        // Deliver outside the caller's borrow of the widget.
        spawn_local(async move {
            if let Some(w) = widget.upgrade() {
                deliver(&w, &doc);
            }
        });
        reschedule(&poller);
    } else {
        reschedule(&poller);
    }
}

/// Removes `widget` from the poller and stream of `url`; the last one out
/// aborts the request in flight and stops the timers.
pub fn unsubscribe(url: &str, widget: &Widget) {
    let drop_poller = POLLERS.with(|p| {
        let map = p.borrow();
        let Some(poller) = map.get(url) else {
            return false;
        };
        let mut pl = poller.borrow_mut();
        pl.subs
            .retain(|s| !same(&s.widget, widget) && s.widget.strong_count() > 0);
        pl.subs.is_empty()
    });
    if drop_poller {
        let removed = POLLERS.with(|p| p.borrow_mut().remove(url));
        if let Some(p) = removed {
            let mut p = p.borrow_mut();
            if let Some(a) = p.abort.take() {
                a.abort();
            }
            p.timer = None;
        }
    }
    let drop_stream = STREAMS.with(|s| {
        let map = s.borrow();
        let Some(stream) = map.get(url) else {
            return false;
        };
        let mut st = stream.borrow_mut();
        st.subs
            .retain(|s| !same(&s.widget, widget) && s.widget.strong_count() > 0);
        st.subs.is_empty()
    });
    if drop_stream {
        if let Some(s) = STREAMS.with(|s| s.borrow_mut().remove(url)) {
            let mut s = s.borrow_mut();
            s.source.close();
            s.timer = None;
        }
    }
}

/// Fetches `url` now (for `refresh()`), unless a request is already in flight.
pub fn fetch_now(url: &str) {
    let poller = poller_for(url);
    start(&poller, true);
}

/// Starts a request unless one is in flight. Without `force`, a hidden or
/// offline page makes no request; the visibility/online listeners catch up.
fn start(poller: &Rc<RefCell<Poller>>, force: bool) {
    let (url, etag, abort) = {
        let mut p = poller.borrow_mut();
        if p.abort.is_some() {
            return;
        }
        p.timer = None;
        if !force && !may_request() {
            return;
        }
        let Ok(abort) = AbortController::new() else {
            return;
        };
        p.abort = Some(abort.clone());
        (p.url.clone(), p.etag.clone(), abort)
    };
    let poller = Rc::downgrade(poller);
    spawn_local(async move {
        let result = fetch(&url, etag, &abort).await;
        // Gone when its last widget left the page (which aborted the request).
        let Some(poller) = poller.upgrade() else {
            return;
        };
        finish(&poller, result);
    });
}

/// Records a finished request, schedules the next, and delivers the outcome.
fn finish(poller: &Rc<RefCell<Poller>>, result: Result<Fetched, Failure>) {
    let (delivery, widgets) = {
        let mut p = poller.borrow_mut();
        p.abort = None;
        p.last_end_ms = now();
        let delivery = match result {
            Ok(Fetched::NotModified) => {
                p.failures = 0;
                Rc::new(Delivery::NotModified)
            }
            Ok(Fetched::Doc(doc, tag)) => {
                p.failures = 0;
                p.etag = tag;
                let doc = Rc::new(doc);
                p.last = Some(doc.clone());
                doc
            }
            Err(f) => {
                p.failures = p.failures.saturating_add(1);
                let retry =
                    interval(&p.subs).map(|_| backoff_ms(p.failures, js_sys::Math::random()));
                Rc::new(Delivery::Failed {
                    message: f.message,
                    status: f.status,
                    retry_in_ms: retry,
                })
            }
        };
        (delivery, live(&p.subs))
    };
    reschedule(poller);
    for w in widgets {
        deliver(&w, &delivery);
    }
}

/// Sets the timer for the next poll: the interval after the end of the last
/// request, or the backoff after a failure (SPEC §9.26).
fn reschedule(poller: &Rc<RefCell<Poller>>) {
    let mut p = poller.borrow_mut();
    if p.abort.is_some() {
        return;
    }
    let Some(every) = interval(&p.subs) else {
        p.timer = None;
        return;
    };
    let wait = if p.failures > 0 {
        backoff_ms(p.failures, js_sys::Math::random())
    } else {
        (p.last_end_ms + every - now()).max(0.0)
    };
    let weak = Rc::downgrade(poller);
    p.timer = Some(Timeout::new(
        wait.min(crate::live::MAX_TIMER_MS) as u32,
        move || {
            if let Some(p) = weak.upgrade() {
                start(&p, false);
            }
        },
    ));
}

/// Installs the page-wide `visibilitychange` and `online` listeners once:
/// when the page is visible and online again, each poller whose interval has
/// passed fetches once.
fn watch_page() {
    if WATCHING.with(|w| w.replace(true)) {
        return;
    }
    let catch_up = Closure::<dyn FnMut()>::new(|| {
        if !may_request() {
            return;
        }
        let pollers: Vec<Rc<RefCell<Poller>>> =
            POLLERS.with(|p| p.borrow().values().cloned().collect());
        for poller in pollers {
            let due = {
                let p = poller.borrow();
                let every = interval(&p.subs);
                p.abort.is_none() && every.is_some_and(|e| now() - p.last_end_ms >= e)
            };
            if due {
                start(&poller, false);
            }
        }
    });
    if let Some(w) = web_sys::window() {
        if let Some(d) = w.document() {
            let _ = d.add_event_listener_with_callback(
                "visibilitychange",
                catch_up.as_ref().unchecked_ref(),
            );
        }
        let _ = w.add_event_listener_with_callback("online", catch_up.as_ref().unchecked_ref());
    }
    catch_up.forget();
}

/// Subscribes `widget` to the shared `EventSource` of `url`.
pub fn subscribe_stream(url: &str, widget: Widget, fallback_interval_ms: f64) {
    let existing = STREAMS.with(|s| s.borrow().get(url).cloned());
    let stream = match existing {
        Some(s) => s,
        None => match open_stream(url) {
            Some(s) => s,
            None => {
                subscribe(url, widget, Some(fallback_interval_ms));
                return;
            }
        },
    };
    let mut st = stream.borrow_mut();
    if !st.subs.iter().any(|s| same(&s.widget, &widget)) {
        st.subs.push(Sub {
            widget,
            interval_ms: Some(fallback_interval_ms),
        });
    }
}

fn open_stream(url: &str) -> Option<Rc<RefCell<Stream>>> {
    let source = EventSource::new(url).ok()?;
    let key = url.to_string();
    let on_message = {
        let key = key.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let text = e.data().as_string().unwrap_or_default();
            let delivery = match read_text(&text) {
                Ok(d) => d,
                Err(f) => Delivery::Failed {
                    message: f.message,
                    status: None,
                    retry_in_ms: None,
                },
            };
            let widgets = STREAMS.with(|s| {
                s.borrow().get(&key).map(|st| {
                    let mut st = st.borrow_mut();
                    if matches!(delivery, Delivery::Doc(..)) {
                        st.failures = 0;
                    }
                    live(&st.subs)
                })
            });
            for w in widgets.unwrap_or_default() {
                deliver(&w, &delivery);
            }
        })
    };
    let on_error = {
        let key = key.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_e: web_sys::Event| stream_failed(&key))
    };
    source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let stream = Rc::new(RefCell::new(Stream {
        source,
        subs: Vec::new(),
        failures: 0,
        timer: None,
        _on_message: on_message,
        _on_error: on_error,
    }));
    STREAMS.with(|s| s.borrow_mut().insert(key, stream.clone()));
    Some(stream)
}

/// The stream broke: reconnect with backoff, or after repeated failures
/// fall back to polling and say so.
fn stream_failed(key: &str) {
    let Some(stream) = STREAMS.with(|s| s.borrow().get(key).cloned()) else {
        return;
    };
    let (failures, widgets, closed) = {
        let mut st = stream.borrow_mut();
        st.failures = st.failures.saturating_add(1);
        (
            st.failures,
            live(&st.subs),
            st.source.ready_state() == EventSource::CLOSED,
        )
    };
    if failures >= SSE_MAX_FAILURES {
        let subs = STREAMS.with(|s| s.borrow_mut().remove(key));
        if let Some(st) = subs {
            let mut st = st.borrow_mut();
            st.source.close();
            st.timer = None;
            for sub in st.subs.drain(..) {
                if let Some(w) = sub.widget.upgrade() {
                    deliver(&w, &Delivery::FellBack);
                }
                subscribe(key, sub.widget, sub.interval_ms);
            }
        }
        return;
    }
    let retry = backoff_ms(failures, js_sys::Math::random());
    if closed {
        // The browser gave up (HTTP error or wrong type): reopen ourselves.
        let weak_key = key.to_string();
        stream.borrow_mut().timer = Some(Timeout::new(retry as u32, move || reopen(&weak_key)));
    }
    let delivery = Delivery::Failed {
        message: String::from("the update stream was interrupted"),
        status: None,
        retry_in_ms: Some(if closed { retry } else { 3000.0 }),
    };
    for w in widgets {
        deliver(&w, &delivery);
    }
}

fn reopen(key: &str) {
    let Some(old) = STREAMS.with(|s| s.borrow_mut().remove(key)) else {
        return;
    };
    let (subs, failures) = {
        let mut o = old.borrow_mut();
        o.source.close();
        (std::mem::take(&mut o.subs), o.failures)
    };
    if let Some(new) = open_stream(key) {
        let mut n = new.borrow_mut();
        n.subs = subs;
        n.failures = failures;
    }
}
