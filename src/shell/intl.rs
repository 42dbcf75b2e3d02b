//! Number and duration formatting through the browser's `Intl`, so numbers
//! follow `locale` (SPEC §9.21, §9.32).

use crate::view::Format;
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

/// Formatters for one locale, created once per widget and locale.
pub struct Intl {
    locale: String,
    number: Option<NumberFormat>,
    percent: Option<NumberFormat>,
    units: Vec<(&'static str, Option<NumberFormat>)>,
    date_time: Option<DateTimeFormat>,
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
        let unit = |unit: &'static str| {
            (
                unit,
                make(options(&[
                    ("style", "unit".into()),
                    ("unit", unit.into()),
                    ("unitDisplay", "short".into()),
                    ("maximumFractionDigits", 1.into()),
                ])),
            )
        };
        Intl {
            locale: locale.to_string(),
            number: make(JsValue::UNDEFINED),
            percent: make(options(&[("style", "percent".into())])),
            units: vec![unit("second"), unit("minute"), unit("hour"), unit("day")],
            date_time: DateTimeFormat::new(
                &loc,
                &options(&[
                    ("dateStyle", "medium".into()),
                    ("timeStyle", "short".into()),
                ]),
            )
            .ok(),
        }
    }

    /// The locale these formatters were made for.
    pub fn locale(&self) -> &str {
        &self.locale
    }

    fn unit(&self, name: &str, value: f64) -> String {
        self.units
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, f)| f.as_ref())
            .map(|f| f.format(value))
            .unwrap_or_else(|| self.number(value))
    }
}

impl Format for Intl {
    fn date_time(&self, ms: f64) -> String {
        let date = js_sys::Date::new(&JsValue::from_f64(ms));
        match &self.date_time {
            Some(f) => f.format(&date),
            None => date.to_iso_string().into(),
        }
    }

    fn number(&self, n: f64) -> String {
        match &self.number {
            Some(f) => f.format(n),
            None => crate::num::uint_to_string(n.max(0.0) as u64),
        }
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
        if secs < 60.0 {
            self.unit("second", secs.round())
        } else if secs < 3600.0 {
            self.unit("minute", (secs / 60.0).round())
        } else if secs < 86_400.0 {
            self.unit("hour", (secs / 360.0).round() / 10.0)
        } else {
            self.unit("day", (secs / 8640.0).round() / 10.0)
        }
    }
}
