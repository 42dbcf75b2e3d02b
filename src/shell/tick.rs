//! One shared clock for every widget on the page: relative times ("Updated
//! 2 minutes ago") re-render when their text would change, on one timer set
//! for the soonest of them, and not at all while the page is hidden.

use super::{with_inner, Inner};
use gloo_timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Weak;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

type Widget = Weak<RefCell<Inner>>;

#[derive(Default)]
struct Clock {
    due: Vec<(Widget, f64)>,
    timer: Option<(Timeout, f64)>,
    watching: bool,
}

thread_local! {
    static CLOCK: RefCell<Clock> = RefCell::new(Clock::default());
}

fn hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
}

/// Re-renders `widget` at `at` (ms since epoch); replaces its previous time.
pub fn schedule(widget: Widget, at: f64) {
    watch_visibility();
    CLOCK.with(|c| {
        let mut c = c.borrow_mut();
        c.due
            .retain(|(w, _)| !Weak::ptr_eq(w, &widget) && w.strong_count() > 0);
        c.due.push((widget, at));
    });
    arm();
}

/// Stops re-rendering `widget`.
pub fn forget(widget: &Widget) {
    CLOCK.with(|c| c.borrow_mut().due.retain(|(w, _)| !Weak::ptr_eq(w, widget)));
    arm();
}

/// Sets the one timer for the soonest due widget (none while hidden).
fn arm() {
    CLOCK.with(|c| {
        let mut c = c.borrow_mut();
        let soonest = c.due.iter().map(|(_, at)| *at).reduce(f64::min);
        match soonest {
            Some(at) if !hidden() => {
                if c.timer.as_ref().is_some_and(|(_, t)| *t <= at) {
                    return;
                }
                let wait = (at - js_sys::Date::now()).clamp(0.0, crate::live::MAX_TIMER_MS);
                c.timer = Some((Timeout::new(wait as u32 + 20, fire), at));
            }
            _ => c.timer = None,
        }
    });
}

fn fire() {
    let now = js_sys::Date::now();
    let due: Vec<Widget> = CLOCK.with(|c| {
        let mut c = c.borrow_mut();
        c.timer = None;
        if hidden() {
            return Vec::new();
        }
        let (ready, later): (Vec<_>, Vec<_>) =
            c.due.drain(..).partition(|(_, at)| *at <= now + 50.0);
        c.due = later;
        ready.into_iter().map(|(w, _)| w).collect()
    });
    // No clock borrow is held while widgets render (they schedule again).
    for w in due {
        if let Some(rc) = w.upgrade() {
            with_inner(&rc, |inner, events| inner.render(events));
        }
    }
    arm();
}

/// When the page becomes visible again, every clock-driven text catches up.
fn watch_visibility() {
    let first = CLOCK.with(|c| !std::mem::replace(&mut c.borrow_mut().watching, true));
    if !first {
        return;
    }
    let on_change = Closure::<dyn FnMut()>::new(|| {
        if hidden() {
            CLOCK.with(|c| c.borrow_mut().timer = None);
            return;
        }
        let all: Vec<Widget> =
            CLOCK.with(|c| c.borrow_mut().due.drain(..).map(|(w, _)| w).collect());
        for w in all {
            if let Some(rc) = w.upgrade() {
                with_inner(&rc, |inner, events| inner.render(events));
            }
        }
        arm();
    });
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        let _ = d.add_event_listener_with_callback(
            "visibilitychange",
            on_change.as_ref().unchecked_ref(),
        );
    }
    on_change.forget();
}
