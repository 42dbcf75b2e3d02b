//! Momentum's wasm boundary: one [`Core`] per widget, driven by `momentum.js`.
//!
//! The JavaScript shell does the browser's part (the shadow tree, fetch and
//! server-sent events, timers, storage, dispatching events); everything it
//! decides with goes through here. Inputs cross as JSON text (read by
//! [`momentum_core::json::parse`]) and outputs as one token string
//! ([`momentum_core::wire::codec`]), so a render is one call, not one per node.
//!
//! A call returns a list of instructions for the shell, each an operation
//! and its operands: the operations, slots, step fields and enums are the
//! tables of [`momentum_core::wire::protocol`], from which `js/protocol.js` is generated.

#![cfg(target_arch = "wasm32")]
#![no_std]
#![deny(missing_docs)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

extern crate alloc;

/// The allocator: talc, a maintained allocator with a wasm configuration
/// (binned free lists, growing the memory as needed), in place of a
/// hand-written one; it measured 522 B gzip more than that one, and under
/// the 1 KB a maintained allocator may cost. (lol_alloc's free list was
/// 48 B smaller but searches its list on every allocation.)
#[global_allocator]
static HEAP: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[allow(unused_imports)]
use momentum_core::prelude::*;

use core::cell::RefCell;
use momentum_core::engine::{Accepted, Engine, Note, OutOfDate, Source};
use momentum_core::i18n::{Key, Strings};
use momentum_core::input::config::{self, Config, Warning};
use momentum_core::json::{self, Bounds, Json};
use momentum_core::model::{doc_from_markup, parse_doc, Doc, MarkupStep};
use momentum_core::plan::Format;
use momentum_core::wire::codec::Writer;
use momentum_core::wire::encode::{self, emit_patches, event};
use momentum_core::wire::protocol::{accept, action, limit, live, op, out_of_date};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(raw_module = "./intl.js")]
extern "C" {
    #[wasm_bindgen(js_name = useLocale)]
    fn use_locale(locale: &str);
    #[wasm_bindgen(js_name = isValidLocale)]
    fn is_valid_locale(tag: &str) -> bool;
    #[wasm_bindgen(js_name = number)]
    fn fmt_number(n: f64) -> String;
    #[wasm_bindgen(js_name = percent)]
    fn fmt_percent(fraction: f64) -> String;
    #[wasm_bindgen(js_name = duration)]
    fn fmt_duration(secs: f64) -> String;
    #[wasm_bindgen(js_name = dateTime)]
    fn fmt_date_time(ms: f64) -> String;
    #[wasm_bindgen(js_name = when)]
    fn fmt_when(ms: f64, now: f64) -> String;
    #[wasm_bindgen(js_name = durationLong)]
    fn fmt_duration_long(secs: f64) -> String;
    #[wasm_bindgen(js_name = relative)]
    fn fmt_relative(value: f64, unit: &str) -> String;
    #[wasm_bindgen(js_name = list)]
    fn fmt_list(joined: &str) -> String;
    #[wasm_bindgen(js_name = plural)]
    fn fmt_plural(n: f64) -> u8;
    #[wasm_bindgen(js_name = durationRange)]
    fn fmt_duration_range(low: f64, high: f64) -> String;
    #[wasm_bindgen(js_name = zoneOffset)]
    fn zone_offset(zone: &str, utc_ms: f64) -> f64;
    #[wasm_bindgen(js_name = isValidZone)]
    fn is_valid_zone(zone: &str) -> bool;
}

#[wasm_bindgen]
extern "C" {
    /// The browser's number parser, for the rare number the JSON reader
    /// cannot read exactly by itself (more than 15 digits, or a power of
    /// ten past 22): an exact parser of its own would cost kilobytes.
    #[wasm_bindgen(js_name = parseFloat)]
    fn parse_float(text: &str) -> f64;
}

/// Formatting through `intl.js` (the browser's `Intl`, shared per locale),
/// remembering step numbers and estimates (the one memo of formatted text;
/// `intl.js` keeps only the formatters): a render of 500 steps asks for
/// the same few hundred strings every time, and each one would otherwise be
/// a call into JavaScript and a string copied back.
#[derive(Default)]
struct Intl {
    /// The locale the memos are for.
    locale: String,
    /// `number(n)` for whole n below [`NUMBER_MEMO`], by n.
    numbers: RefCell<Vec<Option<String>>>,
    /// `duration(secs)` for the last few distinct values.
    durations: RefCell<Vec<(f64, String)>>,
}

/// Whole numbers below this are remembered (step numbers, counts).
const NUMBER_MEMO: usize = 2048;
/// Distinct durations remembered (estimates repeat).
const DURATION_MEMO: usize = 64;

impl Intl {
    /// Switches `intl.js` to `locale`, forgetting memos of another one.
    fn use_locale(&mut self, locale: &str) {
        use_locale(locale);
        if self.locale != locale {
            self.locale = locale.to_string();
            self.numbers.get_mut().clear();
            self.durations.get_mut().clear();
        }
    }
}

impl Format for Intl {
    fn number(&self, n: f64) -> String {
        if !(n >= 0.0 && n < NUMBER_MEMO as f64 && n.fract() == 0.0) {
            return fmt_number(n);
        }
        let i = n as usize;
        // try_borrow_mut: no panic path (its message formatting is kilobytes).
        let Ok(mut memo) = self.numbers.try_borrow_mut() else {
            return fmt_number(n);
        };
        if memo.len() <= i {
            memo.resize(i + 1, None);
        }
        match memo.get_mut(i) {
            Some(Some(s)) => s.clone(),
            Some(slot) => slot.insert(fmt_number(n)).clone(),
            None => fmt_number(n),
        }
    }
    fn duration(&self, secs: f64) -> String {
        let Ok(mut memo) = self.durations.try_borrow_mut() else {
            return fmt_duration(secs);
        };
        if let Some((_, s)) = memo.iter().find(|(d, _)| *d == secs) {
            return s.clone();
        }
        let s = fmt_duration(secs);
        if memo.len() >= DURATION_MEMO {
            memo.clear();
        }
        memo.push((secs, s.clone()));
        s
    }
    fn percent(&self, fraction: f64) -> String {
        fmt_percent(fraction)
    }
    fn date_time(&self, ms: f64) -> String {
        fmt_date_time(ms)
    }
    fn when(&self, ms: f64, now: f64) -> String {
        fmt_when(ms, now)
    }
    fn duration_long(&self, secs: f64) -> String {
        fmt_duration_long(secs)
    }
    fn relative(&self, value: f64, unit: momentum_core::plan::clock::Unit) -> String {
        fmt_relative(value, unit.name())
    }
    fn list(&self, items: &[String]) -> String {
        let mut w = Writer::default();
        for item in items {
            w.raw(item);
        }
        fmt_list(&w.take().0)
    }
    fn plural(&self, n: f64) -> u8 {
        fmt_plural(n)
    }
    fn duration_range(&self, low: f64, high: f64) -> String {
        fmt_duration_range(low, high)
    }
    fn zone_offset(&self, zone: &str, utc_ms: f64) -> f64 {
        zone_offset(zone, utc_ms)
    }
}

/// The wasm build's panic handler: traps. No panic is reachable from page
/// input (clippy denies unwrap, expect, panic and indexing in the library);
/// this is the last line of defence, and `widget.js` reports the trap once on
/// the console and stops calling the wasm, so that a bug is reported instead
/// of every widget dying silently. It reads neither the message nor the
/// location, so none of the formatting machinery is linked.
#[cfg(not(test))]
#[panic_handler]
fn panicked(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

/// Checks a state document from `src` or the stream (JSON text): `None`
/// when it is usable, else why not (rule 20).
#[wasm_bindgen]
pub fn check(text: &str) -> Option<String> {
    read_doc(text, true, Bounds::DOCUMENT).err()
}

/// The wait before retry number `failures`, with full jitter (`random` in 0..1).
#[wasm_bindgen]
pub fn backoff(failures: u32, random: f64) -> f64 {
    momentum_core::live::backoff_ms(failures, random)
}

/// Most warnings listed about one input (a document, the markup, the
/// phrases); the rest are counted in one more line.
const MAX_LISTED: usize = 20;

/// The page's side of the configuration: it wraps the inline document one
/// level down, and its markup is bounded by the page, not by the limits.
const PAGE: Bounds = Bounds {
    depth: limit::MAX_DEPTH as u32 + 1,
    values: usize::MAX,
    bytes: usize::MAX,
};

/// JSON text from the shell, read within `bounds`.
fn read_json(text: &str, bounds: Bounds) -> Result<Json, json::ParseError> {
    json::parse(text, bounds, parse_float)
}

fn read_doc(text: &str, need_steps: bool, bounds: Bounds) -> Result<(Doc, Vec<Warning>), String> {
    match read_json(text, bounds) {
        Ok(j) => parse_doc(&j, need_steps).map_err(|e| e.message()),
        Err(_) => Err(String::from(
            "the document is nested too deeply or is too large",
        )),
    }
}

/// The decisions of one widget.
#[wasm_bindgen]
pub struct Core {
    engine: Option<Engine>,
    /// The page's side of the configuration: attributes by name, plus `lang`
    /// (the nearest `lang`), `language` (the browser's) and `phrases` (a
    /// language file's phrases, by language subtag).
    page: Json,
    /// Whether widget attributes are written `data-name` by the author.
    prefixed: bool,
    strings: Strings,
    strings_lang: Option<String>,
    overrides: Vec<(String, String)>,
    /// Whether the shell's rows are buttons (as last told).
    rows_interactive: bool,
    /// The variant the shell's rows were last placed for.
    variant: &'static str,
    intl: Intl,
    out: Writer,
    nums: Vec<f64>,
    /// The last document from `src` (JSON text) while it goes back in `sequence`.
    behind: Option<String>,
}

impl Default for Core {
    fn default() -> Self {
        Core::new(false)
    }
}

#[wasm_bindgen]
impl Core {
    /// A widget's core. `prefixed`: the author writes `data-` attributes.
    #[wasm_bindgen(constructor)]
    pub fn new(prefixed: bool) -> Core {
        Core {
            engine: None,
            page: Json::Null,
            prefixed,
            strings: Strings::default(),
            strings_lang: None,
            overrides: Vec::new(),
            rows_interactive: false,
            variant: "",
            intl: Intl::default(),
            out: Writer::default(),
            nums: Vec::new(),
            behind: None,
        }
    }

    /// Whether the engine exists (`ensure` was called).
    pub fn ready(&self) -> bool {
        self.engine.is_some()
    }

    /// Creates the engine on first use from the page's side (attributes,
    /// `markup` steps, and the `inline` JSON document or `inlineError`), as JSON text.
    pub fn ensure(&mut self, text: &str, now: f64) -> String {
        if self.engine.is_none() {
            self.page = read_json(text, PAGE).unwrap_or(Json::Null);
            let config = self.read_config();
            let items: Vec<MarkupStep> = self
                .page
                .get("markup")
                .and_then(Json::as_array)
                .unwrap_or_default()
                .iter()
                .filter_map(|item| {
                    let pair = item.as_array()?;
                    let attrs = match pair.first()? {
                        Json::Obj(m) => m
                            .iter()
                            .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                            .collect(),
                        _ => Vec::new(),
                    };
                    let label = pair.get(1)?.as_str()?.to_string();
                    Some(MarkupStep { attrs, label })
                })
                .collect();
            let (mut markup, warnings) = doc_from_markup(&items);
            self.warn_all(&warnings);
            (markup.value, markup.unit) = self.value_attrs();
            let mut engine = Engine::new(config, markup);
            let inline = if let Some(v) = self.page.get("inline") {
                Some(parse_doc(v, true).map_err(|e| e.message()))
            } else {
                let error = self.page.get("inlineError").and_then(Json::as_str);
                error.map(|m| Err(String::from(m)))
            };
            if let Some(result) = inline {
                let doc = self.admit(result, |m| {
                    momentum_core::text::concat(&[m, "; showing the steps from the markup"])
                });
                if let Some(mut doc) = doc {
                    self.check_zone(&mut doc);
                    engine.accept(&doc, Source::Inline, now);
                }
            }
            self.engine = Some(engine);
            self.warn_notes();
            self.warn_requires();
        }
        self.flush()
    }

    /// An attribute changed: re-reads the page's side (JSON text).
    pub fn reconfigure(&mut self, text: &str) -> String {
        if self.engine.is_some() {
            if let Ok(page) = read_json(text, PAGE) {
                self.page = page;
            }
            let config = self.read_config();
            let (value, unit) = self.value_attrs();
            if let Some(engine) = self.engine.as_mut() {
                engine.reconfigure(config);
                engine.set_markup_value(value, unit);
            }
            self.strings_lang = None;
        }
        self.flush()
    }

    /// Takes in a document (JSON text); `kind` is an [`accept`] code:
    /// [`accept::UNCHANGED`] (no text) counts towards a server restart
    /// (rule 53). The instructions include [`op::DUE`] when a render is due.
    pub fn accept(&mut self, kind: u8, text: &str, now: f64) -> String {
        if kind == accept::UNCHANGED {
            return match self.behind.take() {
                Some(t) => self.accept(accept::REMOTE, &t, now),
                None => self.applied(false),
            };
        }
        let (source, what, bounds) = match kind {
            accept::REMOTE => (Source::Remote, "the document from src", Bounds::DOCUMENT),
            accept::REPLACE => (Source::Replace, "el.state", Bounds::PAGE_API),
            _ => (Source::Patch, "el.update()", Bounds::PAGE_API),
        };
        let result = read_doc(text, source != Source::Patch, bounds);
        let doc = self.admit(result, |m| {
            momentum_core::text::concat(&[what, " was rejected: ", m, "; the current state stays"])
        });
        let mut applied = false;
        let doc = doc.map(|mut d| {
            self.check_zone(&mut d);
            d
        });
        if let (Some(doc), Some(e)) = (doc, self.engine.as_mut()) {
            applied = e.accept(&doc, source, now) == Accepted::Applied || source != Source::Patch;
            if source == Source::Remote {
                e.set_out_of_date(OutOfDate::No);
                // Kept while documents go back in sequence, for a 304 to repeat.
                self.behind = e.going_back().then(|| text.to_string());
            }
            self.warn_requires();
        }
        self.applied(applied)
    }

    /// Renders at `now`. `resume`: the row to open if it exists (the first
    /// render only); `fired`: celebrations already fired under the storage
    /// key, comma-separated (`None` without a key).
    pub fn render(&mut self, now: f64, resume: &str, fired: Option<String>) -> String {
        self.render_into(now, resume, fired);
        self.flush()
    }

    /// Fires `momentum-stalled` when a stall began (and re-renders), and
    /// says when to check next.
    pub fn stall(&mut self, now: f64) -> String {
        let Some(engine) = self.engine.as_mut() else {
            return self.flush();
        };
        let (due, next) = engine.check_stall(now);
        if let Some(s) = due {
            let iso = |ms: Option<f64>| ms.map(momentum_core::input::time::to_iso);
            event(&mut self.out, "momentum-stalled", false, &[action::NONE])
                .str("lastUpdate")
                .str_or_null(iso(s.last_update_ms).as_deref())
                .str("nextUpdateBy")
                .str_or_null(iso(s.next_update_by_ms).as_deref())
                .raw("}");
            self.render_into(now, "", None);
        }
        self.out.raw(op::STALL);
        match next {
            Some(at) => self.out.whole(at),
            None => self.out.raw(""),
        };
        self.flush()
    }

    /// A person selected the row of step `id`: `momentum-step-select`,
    /// whose default action opens the row and follows its link.
    pub fn select(&mut self, id: &str) -> String {
        let found = self.engine.as_ref().and_then(|e| e.view()).and_then(|v| {
            if !v.interactive {
                return None;
            }
            let (index, step) = v.steps.iter().enumerate().find(|(_, s)| s.id == id)?;
            step.locked.is_empty().then(|| (index, step.href.clone()))
        });
        if let Some((index, href)) = found {
            event(
                &mut self.out,
                "momentum-step-select",
                true,
                &[action::SELECT, id, &href],
            )
            .str("stepId")
            .str(id)
            .str("index")
            .num(index as f64)
            .raw("}");
        }
        self.flush()
    }

    /// The current state document as JSON tokens (`el.state`).
    pub fn state(&mut self) -> String {
        match &self.engine {
            Some(e) => momentum_core::wire::encode::state(&mut self.out, e.state()),
            None => {
                self.out.raw("z");
            }
        }
        self.flush()
    }

    /// The design checks for the `lint` attribute and `el.lint()` (rule
    /// 46) that are about state and configuration, as tokens: code, step id
    /// (empty for none) and message for each finding.
    pub fn lint(&mut self) -> String {
        if let Some(e) = self.engine.as_ref() {
            for f in momentum_core::lint::design(e.state(), &e.config, self.prefixed) {
                self.out
                    .raw(f.code)
                    .raw(f.step.as_deref().unwrap_or_default())
                    .raw(&f.message);
            }
        }
        self.flush()
    }

    /// The numbers of the last output's `n` tokens.
    pub fn nums(&mut self) -> Vec<f64> {
        core::mem::take(&mut self.nums)
    }

    /// Progress from 0 to 1 (`el.progress`).
    pub fn progress(&self) -> f64 {
        self.engine.as_ref().map_or(0.0, |e| e.counts().progress)
    }

    /// Whether there are steps to show (so a failed update keeps them).
    #[wasm_bindgen(js_name = hasSteps)]
    pub fn has_steps(&self) -> bool {
        self.engine
            .as_ref()
            .is_some_and(|e| !e.state().steps.is_empty())
    }

    /// Marks the state as current again, or possibly out of date (an
    /// [`out_of_date`] code).
    #[wasm_bindgen(js_name = outOfDate)]
    pub fn out_of_date(&mut self, level: u8) {
        if let Some(e) = self.engine.as_mut() {
            e.set_out_of_date(match level {
                out_of_date::CURRENT => OutOfDate::No,
                out_of_date::RETRYING => OutOfDate::Retrying,
                _ => OutOfDate::Stopped,
            });
        }
    }

    /// Phrase overrides from the `strings` property (a JSON object, as text).
    #[wasm_bindgen(js_name = setStrings)]
    pub fn set_strings(&mut self, text: &str) {
        self.overrides = match read_json(text, Bounds::PAGE_API) {
            Ok(Json::Obj(members)) => members
                .into_iter()
                .filter_map(|(k, v)| match v {
                    Json::Str(v) => Some((k, v)),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        self.strings_lang = None;
    }

    /// `src` as configured.
    pub fn src(&self) -> Option<String> {
        self.engine.as_ref()?.config.src.clone()
    }

    /// `live`, as a [`live`] code.
    pub fn live(&self) -> u8 {
        match self.engine.as_ref().map(|e| e.config.live) {
            Some(config::Live::Poll) => live::POLL,
            Some(config::Live::Sse) => live::SSE,
            _ => live::OFF,
        }
    }

    /// The poll interval in ms.
    #[wasm_bindgen(js_name = pollMs)]
    pub fn poll_ms(&self) -> f64 {
        self.engine
            .as_ref()
            .map_or(config::DEFAULT_POLL_SECS, |e| e.config.poll_secs)
            * 1000.0
    }

    /// What storage keys are made of: `storage-key`, else `src` (the shell
    /// falls back to the element's id) (rule 7).
    #[wasm_bindgen(js_name = storageBase)]
    pub fn storage_base(&self) -> Option<String> {
        let c = &self.engine.as_ref()?.config;
        c.storage_key.clone().or_else(|| c.src.clone())
    }
}

impl Core {
    /// The instructions after a document was taken in: the ordering
    /// warnings (rule 53), then [`op::DUE`] when a render is due.
    fn applied(&mut self, applied: bool) -> String {
        self.warn_notes();
        if applied {
            self.out.raw(op::DUE);
        }
        self.flush()
    }

    /// The ordering warnings since the last call (rule 53).
    fn warn_notes(&mut self) {
        let notes = self
            .engine
            .as_mut()
            .map(Engine::take_notes)
            .unwrap_or_default();
        for note in notes {
            self.warn_text(match note {
                Note::Ahead => "updatedAt lies more than 24 hours ahead of this device's clock; the document is shown, but not used to order documents",
                Note::Restarted => "three documents in a row had a lower sequence than the one shown; taking the server as restarted, the last of them is shown and ordering continues from it",
            });
        }
    }

    fn flush(&mut self) -> String {
        let (text, nums) = self.out.take();
        self.nums = nums;
        text
    }

    fn attr(&self, name: &str) -> Option<String> {
        self.page.get(name)?.as_str().map(String::from)
    }

    /// Logs a warning once per element, attribute and value (rule 14);
    /// the shell prefixes the element and drops repeats.
    fn warn(&mut self, w: &Warning) {
        let mut m = String::new();
        if !w.step.is_empty() {
            m.push_str(", step \"");
            m.push_str(&w.step);
            m.push('"');
        }
        m.push_str(": ");
        let widget_attr = w.step.is_empty()
            && momentum_core::wire::protocol::ATTRIBUTES.contains(&w.attr.as_str());
        if widget_attr && self.prefixed {
            m.push_str("data-");
        }
        m.push_str(&w.attr);
        m.push_str("=\"");
        // Cut, so that what the shell remembers per warning stays small.
        m.push_str(&momentum_core::text::clip(&w.value));
        m.push_str("\" is not valid; allowed: ");
        m.push_str(&w.allowed);
        m.push('.');
        self.out.raw(op::WARN).raw(&m);
    }

    /// Warns about `requires` ids that name no step (rule 41), listing at
    /// most [`MAX_LISTED`].
    fn warn_requires(&mut self) {
        let (warnings, all) = self
            .engine
            .as_ref()
            .map(|e| e.unknown_requires(MAX_LISTED))
            .unwrap_or_default();
        self.warn_listed(&warnings, all);
    }

    /// The warnings about one input: the first [`MAX_LISTED`], then how many
    /// more there are, so that a document with a bad value in each of 1,000
    /// steps costs the console a few lines, not a thousand (rule 50).
    fn warn_all(&mut self, warnings: &[Warning]) {
        self.warn_listed(warnings, warnings.len());
    }

    /// The first [`MAX_LISTED`] of `warnings`, then a line counting the rest
    /// of `all`.
    fn warn_listed(&mut self, warnings: &[Warning], all: usize) {
        for w in warnings.iter().take(MAX_LISTED) {
            self.warn(w);
        }
        if let Some(more) = all.checked_sub(MAX_LISTED).filter(|n| *n > 0) {
            let n = momentum_core::num::uint_to_string(more as u64);
            self.warn_text(&momentum_core::text::concat(&[
                "and ",
                &n,
                " more warnings like these about the same input, not listed",
            ]));
        }
    }

    fn warn_text(&mut self, text: &str) {
        let mut m = String::from(": ");
        m.push_str(text);
        self.out.raw(op::WARN).raw(&m);
    }

    /// Takes a parsed document in, or rejects it: a rejected document is one
    /// console warning (worded by `explain`) and `momentum-error` with no
    /// retry (rules 20 and 33); the current state stays.
    fn admit(
        &mut self,
        result: Result<(Doc, Vec<Warning>), String>,
        explain: impl Fn(&str) -> String,
    ) -> Option<Doc> {
        match result {
            Ok((doc, warnings)) => {
                self.warn_all(&warnings);
                Some(doc)
            }
            Err(message) => {
                self.warn_text(&explain(&message));
                event(&mut self.out, "momentum-error", false, &[action::NONE])
                    .str("message")
                    .str(&message)
                    .str("retryInMs")
                    .raw("z")
                    .raw("}");
                None
            }
        }
    }

    /// Drops a document's `timeZone` that `Intl` does not know, with a
    /// warning: the attribute's zone (or the viewer's) is used instead.
    fn check_zone(&mut self, doc: &mut Doc) {
        if let Some(z) = doc.business.time_zone.take() {
            if is_valid_zone(&z) {
                doc.business.time_zone = Some(z);
            } else {
                self.warn(&Warning::new(
                    "timeZone",
                    &z,
                    "an IANA time zone such as Europe/Berlin or America/New_York; ignored",
                ));
            }
        }
    }

    fn read_config(&mut self) -> Config {
        let (mut c, warnings) = config::parse(|name| self.attr(name));
        for w in &warnings {
            self.warn(w);
        }
        if let Some(z) = c.time_zone.clone() {
            if !is_valid_zone(&z) {
                self.warn(&Warning::new(
                    "time-zone",
                    &z,
                    "an IANA time zone such as Europe/Berlin or America/New_York; using the viewer's zone",
                ));
                c.time_zone = None;
            }
        }
        if let Some(loc) = c.locale.clone() {
            if !is_valid_locale(&loc) {
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

    /// The tiers variant's `value` and `unit` attributes (parsed by the
    /// configuration; a bad `value` is warned about here).
    fn value_attrs(&mut self) -> (Option<f64>, Option<String>) {
        let (value, unit, warning) = config::parse_value(|name| self.attr(name));
        if let Some(w) = warning {
            self.warn(&w);
        }
        (value, unit)
    }

    /// The locale: `locale`, else the nearest `lang`, else the browser's ("").
    fn locale(&self) -> String {
        if let Some(l) = self.engine.as_ref().and_then(|e| e.config.locale.clone()) {
            return l;
        }
        self.attr("lang")
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty() && is_valid_locale(l))
            .unwrap_or_default()
    }

    /// The phrases for the language subtag `language`: English, the
    /// phrases of its language file when the page's side has them (`phrases`,
    /// by language), and the `strings` attribute and property on top.
    fn build_strings(&mut self, language: &str) -> Strings {
        let mut strings = Strings::default();
        if let Some(phrases) = self.page.get("phrases").and_then(|p| p.get(language)) {
            strings.apply_language(phrases);
        }
        let mut pairs = Vec::new();
        if let Some(raw) = self.attr("strings") {
            match self.page.get("stringsJson") {
                Some(Json::Obj(members)) => {
                    for (k, v) in members {
                        if let Json::Str(v) = v {
                            pairs.push((k.clone(), v.clone()));
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
        pairs.extend(self.overrides.iter().cloned());
        let unknown: Vec<Warning> = strings
            .apply_overrides(&pairs)
            .iter()
            .map(|k| {
                Warning::new(
                    "strings",
                    k,
                    "the phrase keys listed in the README; ignored",
                )
            })
            .collect();
        self.warn_all(&unknown);
        strings
    }

    fn render_into(&mut self, now: f64, resume: &str, fired: Option<String>) {
        if self.engine.is_none() {
            return;
        }
        let locale = self.locale();
        self.intl.use_locale(&locale);
        let language = if locale.is_empty() {
            self.attr("language").unwrap_or_default()
        } else {
            locale
        };
        if self.strings_lang.as_deref() != Some(language.as_str()) {
            // The language subtag (`de-AT` -> `de`) picks the language file.
            let subtag = momentum_core::text::split_ascii(&language, b'-')
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase();
            self.strings = self.build_strings(&subtag);
            self.strings_lang = Some(language);
            self.out
                .raw(op::PHRASES)
                .raw(self.strings.get(Key::ProgressLabel))
                .raw(self.strings.get(Key::Empty))
                .raw(&subtag);
        }
        let Some(engine) = self.engine.as_mut() else {
            return;
        };
        if let Some(f) = fired {
            engine.set_fired(
                momentum_core::text::split_ascii(&f, b',')
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect(),
            );
        }
        let out = engine.render(&self.strings, &self.intl, now);
        let style = engine.config.celebrate;
        let Some(view) = engine.view() else {
            return;
        };
        let w = &mut self.out;
        emit_patches(
            w,
            &out.patches,
            view,
            &mut self.rows_interactive,
            &mut self.variant,
        );
        if !resume.is_empty() && view.interactive && view.steps.iter().any(|s| s.id == resume) {
            w.raw(op::OPEN).raw(resume);
        }
        encode::outcome(w, view, &out, style);
    }
}
