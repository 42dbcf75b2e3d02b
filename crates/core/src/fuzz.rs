//! The bounded-work fuzz target (rule 50). Documents and attribute sets,
//! arbitrary or built to hurt (repeated and long ids, dense and repeated
//! `requires`, phrases that repeat their placeholders), go through the core
//! the way the wasm shell drives it: attributes and markup read, phrases
//! overridden, each document encoded to the token stream, decoded within
//! its limits, parsed, accepted, rendered and diffed against the last
//! render. Every case checks that nothing panics, that what is shown stays
//! within the steps' own texts plus the widget's wording, and that the work
//! (bytes allocated plus lookups, counted by `crate::work`, not time) stays
//! within a bound linear in the input.
//!
//! `cargo test` runs a short fixed budget; run it longer with
//! `MOMENTUM_FUZZ_CASES=20000 cargo test --release -p momentum --lib fuzz`.

use crate::engine::{Engine, Rendered, Source};
use crate::i18n::{Strings, TABLE};
use crate::input::config;
use crate::json::Bounds;
use crate::json::Json;
use crate::model::{doc_from_markup, parse_doc, MarkupStep, State};
use crate::plan::tests::Plain;
use crate::plan::View;
use crate::wire::codec::{decode_within, Writer};
use proptest::prelude::*;

/// Cases per property: `MOMENTUM_FUZZ_CASES`, else `default`.
fn cases(default: u32) -> ProptestConfig {
    let n = std::env::var("MOMENTUM_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases: n,
        max_shrink_iters: 256,
        ..ProptestConfig::default()
    }
}

/// One input to a widget, as the shell hands it to the core.
#[derive(Clone, Debug)]
enum Input {
    /// A document from `src` or the stream.
    Remote(Json),
    /// `el.state = doc`.
    Replace(Json),
    /// `el.update(patch)`.
    Patch(Json),
    /// A clock tick: a render `ms` later.
    Tick(u32),
}

/// A widget's page side and what happens to it.
#[derive(Clone, Debug)]
struct Case {
    attrs: Vec<(&'static str, String)>,
    markup: Vec<MarkupStep>,
    overrides: Vec<(String, String)>,
    inputs: Vec<Input>,
}

/// Bytes of every text a view shows, plus the announcements and the event
/// details of its render.
fn shown(v: &View, r: &Rendered) -> usize {
    let root = [
        &v.compact,
        &v.done_group,
        &v.tier_line,
        &v.title,
        &v.message,
        &v.summary,
        &v.position,
        &v.percent,
        &v.notice,
        &v.remaining,
        &v.pulse,
        &v.promise,
        &v.done_title,
        &v.done_detail,
        &v.show_steps,
        &v.hide_steps,
    ];
    let steps: usize = v
        .steps
        .iter()
        .map(|s| {
            [
                &s.id,
                &s.label,
                &s.state,
                &s.marker,
                &s.estimate,
                &s.time,
                &s.href,
                &s.description,
                &s.reason,
                &s.locked,
            ]
            .iter()
            .map(|t| t.len())
            .sum::<usize>()
        })
        .sum();
    let events: usize = r
        .completed
        .iter()
        .map(|c| c.step_id.len() + c.label.len())
        .sum::<usize>()
        + r.change.as_ref().map_or(0, |(_, a, ids)| {
            a.as_ref().map_or(0, String::len) + ids.iter().map(String::len).sum::<usize>()
        });
    root.iter().map(|t| t.len()).sum::<usize>()
        + steps
        + events
        + r.announce.iter().map(String::len).sum::<usize>()
}

/// Bytes of the steps' own texts in a state.
fn own(s: &State) -> usize {
    s.title.as_ref().map_or(0, String::len)
        + s.message.as_ref().map_or(0, String::len)
        + s.steps
            .iter()
            .map(|t| {
                t.id.len()
                    + t.label.len()
                    + t.href.as_ref().map_or(0, String::len)
                    + t.description.as_ref().map_or(0, String::len)
                    + t.reason.as_ref().map_or(0, String::len)
            })
            .sum::<usize>()
}

/// What one case cost.
#[derive(Debug, Default)]
struct Cost {
    /// The largest (shown - allowance) of its renders; at most 0 when what
    /// is shown stays within the steps' own texts plus the wording.
    over: i64,
    /// Work units spent.
    work: u64,
    /// Bytes of input (the documents, attributes, markup and phrases) and
    /// of the texts shown.
    bytes: usize,
}

impl Cost {
    /// Whether the work is within the linear bound.
    fn linear(&self) -> bool {
        self.work <= WORK_PER_BYTE * self.bytes as u64 + FIXED_WORK
    }
}

/// Runs a case as the shell would, measuring it.
fn run(case: &Case) -> Cost {
    crate::work::take();
    let mut input_bytes = 0usize;
    let get = |name: &str| {
        case.attrs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    };
    input_bytes += case
        .attrs
        .iter()
        .map(|(k, v)| k.len() + v.len())
        .sum::<usize>();
    let (config, _) = config::parse(get);
    let done_message = config.done_message.as_ref().map_or(0, String::len);
    input_bytes += case
        .markup
        .iter()
        .map(|m| {
            m.label.len()
                + m.attrs
                    .iter()
                    .map(|(k, v)| k.len() + v.len())
                    .sum::<usize>()
        })
        .sum::<usize>();
    let (markup, _) = doc_from_markup(&case.markup);
    let mut strings = Strings::default();
    strings.apply_overrides(&case.overrides);
    input_bytes += case
        .overrides
        .iter()
        .map(|(k, v)| k.len() + v.len())
        .sum::<usize>();
    // The widget's own wording per step: the longest phrase a few times
    // over (status, optional, reopened, time, lock, count), and the unit.
    let phrase = case
        .overrides
        .iter()
        .map(|(_, v)| v.len().min(crate::model::MAX_TEXT))
        .chain(TABLE.iter().map(|r| r.1.len()))
        .max()
        .unwrap_or(0);
    let mut engine = Engine::new(config, markup);
    let mut now = 1.7e12;
    let mut shown_total = 0usize;
    let mut over = i64::MIN;
    let mut unit = 0usize;
    for input in &case.inputs {
        let (source, json, limits) = match input {
            Input::Remote(j) => (Source::Remote, j, Bounds::DOCUMENT),
            Input::Replace(j) => (Source::Replace, j, Bounds::PAGE_API),
            Input::Patch(j) => (Source::Patch, j, Bounds::PAGE_API),
            Input::Tick(ms) => {
                now += f64::from(*ms);
                let r = engine.render(&strings, &Plain, now);
                if let Some(v) = engine.view() {
                    shown_total += shown(v, &r);
                }
                continue;
            }
        };
        let mut w = Writer::default();
        w.json(json);
        input_bytes += w.text.len() + 8 * w.nums.len();
        let Ok(j) = decode_within(&w.text, &w.nums, limits) else {
            continue;
        };
        let Ok((doc, _warnings)) = parse_doc(&j, source != Source::Patch) else {
            continue;
        };
        engine.accept(&doc, source, now);
        let _ = engine.take_notes();
        // The shell warns about unknown `requires` after every document (rule 41).
        let _ = engine.unknown_requires(20);
        let r = engine.render(&strings, &Plain, now);
        let Some(v) = engine.view() else { continue };
        let s = shown(v, &r);
        shown_total += s;
        unit = unit.max(engine.state().unit.as_ref().map_or(0, String::len));
        let steps = engine.state().steps.len();
        let wording = 8 * phrase + unit + 1024;
        let allowance = 4 * own(engine.state()) + (steps + 1) * wording + done_message * 2 + 65_536;
        over = over.max(s as i64 - allowance as i64);
    }
    let work = crate::work::take();
    Cost {
        over,
        work,
        bytes: input_bytes + shown_total,
    }
}

/// Step ids that repeat, share long prefixes, or are empty.
fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-e]",
        (0usize..1000, "[a-c]{0,2}").prop_map(|(n, tail)| "i".repeat(n) + &tail),
        Just(String::new()),
        Just("step-2".to_string()),
        Just("a-2".to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z \u{5d0}\u{202e}]{0,12}",
        (0usize..2000).prop_map(|n| "x".repeat(n)),
        Just("{label}{steps}{count}".repeat(40)),
    ]
}

fn status() -> impl Strategy<Value = Json> {
    prop_oneof![
        Just("pending"),
        Just("active"),
        Just("complete"),
        Just("skipped"),
        Just("blocked"),
        Just("error"),
        Just("Done"),
    ]
    .prop_map(|s| Json::Str(s.into()))
}

/// A `requires` value: ids repeated many times (up to about 8 KB), as a
/// string or an array.
fn requires() -> impl Strategy<Value = Json> {
    (
        prop::collection::vec(id(), 0..30),
        1usize..2000,
        any::<bool>(),
    )
        .prop_map(|(ids, times, array)| {
            let mut bytes = 0;
            let all: Vec<&String> = ids
                .iter()
                .cycle()
                .take(ids.len() * times)
                .take_while(|i| {
                    bytes += i.len() + 1;
                    bytes < 8192
                })
                .collect();
            if array {
                Json::Arr(all.into_iter().map(|i| Json::Str(i.clone())).collect())
            } else {
                Json::Str(
                    all.into_iter()
                        .map(String::as_str)
                        .collect::<Vec<_>>()
                        .join(" "),
                )
            }
        })
}

fn step() -> impl Strategy<Value = Json> {
    (
        prop::option::of(id()),
        prop::option::of(text()),
        prop::option::of(status()),
        prop::option::of(requires()),
        prop::option::of(prop_oneof![
            Just(Json::Num(120.0)),
            Just(Json::Str("2bh".into())),
            Just(Json::Str("x".repeat(300)))
        ]),
        prop::option::of(prop_oneof![
            Just(Json::Str("2026-01-01T10:00:00Z".into())),
            Just(Json::Str("9999-12-31".into()))
        ]),
        prop::option::of(0.0f64..2000.0),
        any::<bool>(),
    )
        .prop_map(
            |(id, label, status, requires, estimate, at, threshold, optional)| {
                let mut m = Vec::new();
                let mut put = |k: &str, v: Option<Json>| {
                    if let Some(v) = v {
                        m.push((k.to_string(), v));
                    }
                };
                put("id", id.map(Json::Str));
                put("label", label.map(Json::Str));
                put("status", status);
                put("requires", requires);
                put("estimate", estimate);
                put("completedAt", at.clone());
                put("eta", at);
                put("threshold", threshold.map(Json::Num));
                put("optional", optional.then_some(Json::Bool(true)));
                Json::Obj(m)
            },
        )
}

/// A state document built to hurt: up to 60 steps (the fixed reproductions
/// below have 1,000).
fn document() -> impl Strategy<Value = Json> {
    (
        prop::collection::vec(step(), 0..60),
        prop::option::of(prop_oneof![Just(1e300), Just(-1.0), 0.0f64..10.0]),
        prop::option::of(text()),
        prop::option::of(prop_oneof![
            Just(Json::Str("9999-12-31T00:00:00Z".into())),
            Just(Json::Str("2026-01-01T00:00:00Z".into()))
        ]),
        prop::option::of(0.0f64..3000.0),
        prop::option::of(text()),
    )
        .prop_map(|(steps, sequence, title, updated, value, unit)| {
            let mut m = vec![("steps".to_string(), Json::Arr(steps))];
            if let Some(s) = sequence {
                m.push(("sequence".into(), Json::Num(s)));
            }
            if let Some(t) = title {
                m.push(("title".into(), Json::Str(t)));
            }
            if let Some(u) = updated {
                m.push(("updatedAt".into(), u));
            }
            if let Some(v) = value {
                m.push(("value".into(), Json::Num(v)));
            }
            if let Some(u) = unit {
                m.push(("unit".into(), Json::Str(u)));
            }
            Json::Obj(m)
        })
}

/// Arbitrary JSON, shaped like documents at times.
fn json() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<f64>().prop_map(Json::Num),
        ".{0,8}".prop_map(Json::Str),
        id().prop_map(Json::Str),
        status(),
    ];
    leaf.prop_recursive(6, 200, 12, |inner| {
        let key = prop_oneof![
            Just("id"),
            Just("label"),
            Just("status"),
            Just("steps"),
            Just("requires"),
            Just("sequence"),
            Just("updatedAt"),
            Just("threshold"),
            Just("x"),
        ]
        .prop_map(str::to_string);
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..12).prop_map(Json::Arr),
            prop::collection::vec((key, inner), 0..12).prop_map(Json::Obj),
        ]
    })
}

fn attrs() -> impl Strategy<Value = Vec<(&'static str, String)>> {
    let value = prop_oneof![
        Just(String::new()),
        Just("tiers".to_string()),
        Just("checklist".to_string()),
        Just("0.1 0.5 0.9".to_string()),
        Just("0.5 ".repeat(150)),
        Just("2s".to_string()),
        Just("de-DE".to_string()),
        Just("/api/x".to_string()),
        text(),
    ];
    prop::collection::vec((prop::sample::select(config::ATTRIBUTES), value), 0..6)
}

fn overrides() -> impl Strategy<Value = Vec<(String, String)>> {
    let key = prop_oneof![
        prop::sample::select(TABLE.iter().map(|r| r.0).collect::<Vec<_>>())
            .prop_map(str::to_string),
        "[a-z]{1,8}",
    ];
    let value = prop_oneof![
        "[a-z ]{0,12}",
        Just("{steps}".repeat(500)),
        Just("{label} {label} {count}".repeat(100)),
    ];
    prop::collection::vec((key, value), 0..4)
}

fn markup() -> impl Strategy<Value = Vec<MarkupStep>> {
    let item = (id(), text(), prop::option::of(requires())).prop_map(|(id, label, requires)| {
        let mut attrs = vec![("step".to_string(), id)];
        if let Some(Json::Str(r)) = requires {
            attrs.push(("requires".into(), r));
        }
        MarkupStep { attrs, label }
    });
    prop::collection::vec(item, 0..40)
}

fn input(doc: BoxedStrategy<Json>) -> impl Strategy<Value = Input> {
    prop_oneof![
        3 => doc.clone().prop_map(Input::Remote),
        2 => doc.clone().prop_map(Input::Replace),
        1 => doc.prop_map(Input::Patch),
        1 => (0u32..200_000_000).prop_map(Input::Tick),
    ]
}

fn case(doc: BoxedStrategy<Json>) -> impl Strategy<Value = Case> {
    (
        attrs(),
        markup(),
        overrides(),
        prop::collection::vec(input(doc), 1..5),
    )
        .prop_map(|(attrs, markup, overrides, inputs)| Case {
            attrs,
            markup,
            overrides,
            inputs,
        })
}

/// Work units per byte of input and output a linear core stays under: each
/// text is copied and each id hashed a few times. The quadratic paths this
/// guards against reach thousands.
const WORK_PER_BYTE: u64 = 100;

/// Work of a widget with nothing in it (the phrase table, the first render).
const FIXED_WORK: u64 = 200_000;

proptest! {
    #![proptest_config(cases(16))]

    /// Adversarial documents: output within the steps' own texts plus the
    /// widget's wording, work linear in input and output.
    #[test]
    fn adversarial_documents_cost_what_their_size_does(c in case(document().boxed())) {
        let cost = run(&c);
        prop_assert!(cost.over <= 0, "shown {} bytes over the allowance", cost.over);
        prop_assert!(cost.linear(), "{} units of work for {} bytes", cost.work, cost.bytes);
    }
}

proptest! {
    #![proptest_config(cases(48))]

    /// Arbitrary JSON and attributes: no panic, and the same bounds.
    #[test]
    fn arbitrary_input_never_panics_and_stays_bounded(c in case(json().boxed())) {
        let cost = run(&c);
        prop_assert!(cost.over <= 0, "shown {} bytes over the allowance", cost.over);
        prop_assert!(cost.linear(), "{} units of work for {} bytes", cost.work, cost.bytes);
    }
}

/// The reproductions of the issue as documents, each within the bounds.
#[test]
fn the_reproductions_cost_what_their_size_does() {
    let obj =
        |m: Vec<(&str, Json)>| Json::Obj(m.into_iter().map(|(k, v)| (k.to_string(), v)).collect());
    let s = |t: &str| Json::Str(t.to_string());
    let doc = |steps: Vec<Json>| obj(vec![("steps", Json::Arr(steps))]);
    let repeated = doc(vec![
        obj(vec![("id", s("a")), ("label", s(&"x".repeat(4096)))]),
        obj(vec![
            ("id", s("b")),
            ("label", s("B")),
            ("requires", s(&"a ".repeat(30_000))),
        ]),
    ]);
    let long: Vec<Json> = (0..100)
        .map(|i| {
            obj(vec![
                ("id", s(&format!("L{i}"))),
                ("label", s(&format!("{}{i}", "x".repeat(3000)))),
            ])
        })
        .collect();
    let all: String = (0..100).map(|k| format!("L{k} ")).collect();
    let dense = doc(long
        .into_iter()
        .chain((0..900).map(|i| obj(vec![("id", s(&format!("d{i}"))), ("requires", s(&all))])))
        .collect());
    let duplicates = doc((0..1000)
        .map(|_| obj(vec![("id", s(&"i".repeat(300))), ("label", s("x"))]))
        .collect());
    for (name, d) in [
        ("repeated requires", repeated),
        ("dense requires", dense),
        ("duplicate ids", duplicates),
    ] {
        for input in [Input::Remote(d.clone()), Input::Replace(d.clone())] {
            let c = Case {
                attrs: vec![],
                markup: vec![],
                overrides: vec![],
                inputs: vec![input, Input::Tick(1000)],
            };
            let cost = run(&c);
            assert!(
                cost.over <= 0,
                "{name}: shown {} bytes over the allowance",
                cost.over
            );
            assert!(
                cost.linear(),
                "{name}: {} units of work for {} bytes",
                cost.work,
                cost.bytes
            );
            eprintln!(
                "{name}: {} units of work for {} bytes",
                cost.work, cost.bytes
            );
        }
    }
}
