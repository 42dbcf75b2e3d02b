//! Number and duration formatting through the browser's `Intl`, so numbers
//! follow `locale` (SPEC §9.21, §9.32).

use crate::view::Format;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `Intl.NumberFormat`.
    #[wasm_bindgen(js_namespace = Intl, js_name = NumberFormat)]
    type NumberFormat;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "NumberFormat", catch)]
    fn new(locale: &JsValue, options: &JsValue) -> Result<NumberFormat, JsValue>;

    #[wasm_bindgen(method, js_name = format)]
    fn format(this: &NumberFormat, n: f64) -> String;

    /// `Intl.DateTimeFormat`.
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type DateTimeFormat;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "DateTimeFormat", catch)]
    fn new(locale: &JsValue, options: &JsValue) -> Result<DateTimeFormat, JsValue>;

    #[wasm_bindgen(method, js_name = format)]
    fn format(this: &DateTimeFormat, date: &js_sys::Date) -> String;

    /// `Intl.ListFormat`.
    #[wasm_bindgen(js_namespace = Intl, js_name = ListFormat)]
    type ListFormat;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "ListFormat", catch)]
    fn new(locale: &JsValue, options: &JsValue) -> Result<ListFormat, JsValue>;

    #[wasm_bindgen(method, js_name = format)]
    fn format(this: &ListFormat, items: &js_sys::Array) -> String;

    /// `Intl.RelativeTimeFormat`.
    #[wasm_bindgen(js_namespace = Intl, js_name = RelativeTimeFormat)]
    type RelativeTimeFormat;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "RelativeTimeFormat", catch)]
    fn new(locale: &JsValue, options: &JsValue) -> Result<RelativeTimeFormat, JsValue>;

    #[wasm_bindgen(method, js_name = format)]
    fn format(this: &RelativeTimeFormat, value: f64, unit: &str) -> String;

    #[wasm_bindgen(js_namespace = Intl, js_name = getCanonicalLocales, catch)]
    fn get_canonical_locales(locale: &str) -> Result<js_sys::Array, JsValue>;
}

/// Whether `tag` is a well-formed BCP 47 language tag.
pub fn is_valid_locale(tag: &str) -> bool {
    get_canonical_locales(tag).is_ok_and(|a| a.length() == 1)
}

fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

thread_local! {
    /// One set of formatters per locale, shared by every widget on the page.
    static SHARED: RefCell<BTreeMap<String, Rc<Intl>>> = const { RefCell::new(BTreeMap::new()) };
}

/// The shared formatters for `locale` (created on first use).
pub fn shared(locale: &str) -> Rc<Intl> {
    SHARED.with(|m| {
        m.borrow_mut()
            .entry(locale.to_string())
            .or_insert_with(|| Rc::new(Intl::new(locale)))
            .clone()
    })
}

/// Most formatted numbers and durations remembered per locale.
const MEMO_LIMIT: usize = 4096;

/// Formatters for one locale, with small memos: an update re-plans every
/// step, and asking `Intl` again for "3" or "2 min" each time is the
/// expensive part.
pub struct Intl {
    numbers: RefCell<BTreeMap<u64, String>>,
    durations: RefCell<BTreeMap<u64, String>>,
    locale: String,
    number: Option<NumberFormat>,
    percent: Option<NumberFormat>,
    units: Vec<(&'static str, Option<NumberFormat>)>,
    long_units: Vec<(&'static str, Option<NumberFormat>)>,
    date_time: Option<DateTimeFormat>,
    weekday_time: Option<DateTimeFormat>,
    day_time: Option<DateTimeFormat>,
    relative: Option<RelativeTimeFormat>,
    list: Option<ListFormat>,
}

impl Intl {
    /// Formatters for `locale` (an empty string means the browser default).
    pub fn new(locale: &str) -> Intl {
        let loc = if locale.is_empty() {
            JsValue::UNDEFINED
        } else {
            JsValue::from_str(locale)
        };
        let make = |opts: JsValue| NumberFormat::new(&loc, &opts).ok();
        let unit_fmt = |unit: &'static str, display: &str| {
            (
                unit,
                make(options(&[
                    ("style", "unit".into()),
                    ("unit", unit.into()),
                    ("unitDisplay", display.into()),
                    ("maximumFractionDigits", 1.into()),
                ])),
            )
        };
        let unit = |u| unit_fmt(u, "short");
        let long = |u| unit_fmt(u, "long");
        let dates = |pairs: &[(&str, JsValue)]| DateTimeFormat::new(&loc, &options(pairs)).ok();
        Intl {
            numbers: RefCell::new(BTreeMap::new()),
            durations: RefCell::new(BTreeMap::new()),
            locale: locale.to_string(),
            number: make(JsValue::UNDEFINED),
            percent: make(options(&[("style", "percent".into())])),
            units: vec![unit("second"), unit("minute"), unit("hour"), unit("day")],
            long_units: vec![long("second"), long("minute"), long("hour"), long("day")],
            date_time: dates(&[
                ("dateStyle", "medium".into()),
                ("timeStyle", "short".into()),
            ]),
            weekday_time: dates(&[
                ("weekday", "short".into()),
                ("hour", "numeric".into()),
                ("minute", "2-digit".into()),
            ]),
            day_time: dates(&[
                ("month", "short".into()),
                ("day", "numeric".into()),
                ("hour", "numeric".into()),
                ("minute", "2-digit".into()),
            ]),
            relative: RelativeTimeFormat::new(&loc, &options(&[("numeric", "auto".into())])).ok(),
            list: ListFormat::new(&loc, &options(&[("type", "conjunction".into())])).ok(),
        }
    }

    /// The locale these formatters were made for.
    pub fn locale(&self) -> &str {
        &self.locale
    }

    fn unit(&self, name: &str, value: f64) -> String {
        Self::unit_in(&self.units, name, value).unwrap_or_else(|| self.number(value))
    }

    fn unit_in(
        list: &[(&'static str, Option<NumberFormat>)],
        name: &str,
        value: f64,
    ) -> Option<String> {
        list.iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, f)| f.as_ref())
            .map(|f| f.format(value))
    }
}

/// `make(x)`, remembered for whole non-negative `x` (the common case).
fn memo(cache: &RefCell<BTreeMap<u64, String>>, x: f64, make: impl Fn(f64) -> String) -> String {
    if !(x >= 0.0 && x.fract() == 0.0 && x < 1e15) {
        return make(x);
    }
    let key = x as u64;
    if let Some(s) = cache.borrow().get(&key) {
        return s.clone();
    }
    let s = make(x);
    let mut c = cache.borrow_mut();
    if c.len() >= MEMO_LIMIT {
        c.clear();
    }
    c.insert(key, s.clone());
    s
}

/// The unit and rounded value a duration reads best in.
fn duration_parts(secs: f64) -> (&'static str, f64) {
    if secs < 60.0 {
        ("second", secs.round())
    } else if secs < 3600.0 {
        ("minute", (secs / 60.0).round())
    } else if secs < 86_400.0 {
        ("hour", (secs / 360.0).round() / 10.0)
    } else {
        ("day", (secs / 8640.0).round() / 10.0)
    }
}

impl Format for Intl {
    fn when(&self, ms: f64, now: f64) -> String {
        let date = js_sys::Date::new(&JsValue::from_f64(ms));
        let near = (ms - now).abs() < 6.0 * 86_400_000.0;
        match (near, &self.weekday_time, &self.day_time) {
            (true, Some(f), _) | (false, _, Some(f)) => f.format(&date),
            _ => self.date_time(ms),
        }
    }

    fn duration_long(&self, secs: f64) -> String {
        let (unit, value) = duration_parts(secs);
        Self::unit_in(&self.long_units, unit, value).unwrap_or_else(|| self.duration(secs))
    }

    fn list(&self, items: &[String]) -> String {
        match &self.list {
            Some(f) => f.format(&items.iter().map(|s| JsValue::from_str(s)).collect()),
            None => items.join(", "),
        }
    }

    fn relative(&self, value: f64, unit: crate::clock::Unit) -> String {
        match &self.relative {
            Some(f) => f.format(value, unit.name()),
            None => self.number(value),
        }
    }

    fn date_time(&self, ms: f64) -> String {
        let date = js_sys::Date::new(&JsValue::from_f64(ms));
        match &self.date_time {
            Some(f) => f.format(&date),
            None => date.to_iso_string().into(),
        }
    }

    fn number(&self, n: f64) -> String {
        let plain = |n: f64| match &self.number {
            Some(f) => f.format(n),
            None => crate::num::uint_to_string(n.max(0.0) as u64),
        };
        memo(&self.numbers, n, plain)
    }

    fn percent(&self, fraction: f64) -> String {
        match &self.percent {
            Some(f) => f.format(fraction),
            None => {
                let mut s = crate::num::uint_to_string((fraction * 100.0) as u64);
                s.push('%');
                s
            }
        }
    }

    fn duration(&self, secs: f64) -> String {
        memo(&self.durations, secs, |secs| {
            let (unit, value) = duration_parts(secs);
            self.unit(unit, value)
        })
    }
}
