//! Property tests for the pure core: no parser panics on arbitrary input,
//! progress stays in 0..=1, ids stay unique, ordering is consistent.
#![cfg(not(target_arch = "wasm32"))]

use momentum_core::engine::{Engine, Source};
use momentum_core::i18n::Strings;
use momentum_core::input::config;
use momentum_core::input::duration;
use momentum_core::input::time::parse_iso;
use momentum_core::json::Json;
use momentum_core::model::progress::counts;
use momentum_core::model::{doc_from_markup, is_older, parse_doc, Doc, MarkupStep, State};
use momentum_core::plan::Format;
use momentum_core::wire::codec;
use proptest::prelude::*;

struct Plain;
impl Format for Plain {
    fn number(&self, n: f64) -> String {
        (n as u64).to_string()
    }
    fn percent(&self, f: f64) -> String {
        format!("{}%", (f * 100.0) as u64)
    }
    fn duration(&self, s: f64) -> String {
        format!("{s}s")
    }
    fn date_time(&self, ms: f64) -> String {
        format!("{ms}ms")
    }
    fn when(&self, ms: f64, _now: f64) -> String {
        format!("{ms}ms")
    }
    fn duration_long(&self, s: f64) -> String {
        format!("{s} seconds")
    }
    fn list(&self, items: &[String]) -> String {
        items.join(", ")
    }
    fn relative(&self, v: f64, u: momentum_core::plan::clock::Unit) -> String {
        format!("{v} {}", u.name())
    }
}

/// Arbitrary JSON, biased towards things that look like state documents.
fn json() -> impl Strategy<Value = Json> {
    let status = prop_oneof![
        Just("pending"),
        Just("active"),
        Just("complete"),
        Just("skipped"),
        Just("blocked"),
        Just("error"),
        Just("done"),
        Just("")
    ]
    .prop_map(|s| Json::Str(s.to_string()));
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<f64>().prop_map(Json::Num),
        ".{0,12}".prop_map(Json::Str),
        "[a-c]{1,2}".prop_map(Json::Str),
        status,
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        let key = prop_oneof![
            Just("id"),
            Just("label"),
            Just("status"),
            Just("estimate"),
            Just("optional"),
            Just("steps"),
            Just("sequence"),
            Just("updatedAt"),
            Just("requires"),
            Just("x")
        ]
        .prop_map(str::to_string);
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Json::Arr),
            prop::collection::vec((key, inner), 0..8).prop_map(Json::Obj),
        ]
    })
}

/// A valid-looking document with statuses drawn at random.
fn doc_json() -> impl Strategy<Value = Json> {
    let step = (
        "[a-e]",
        prop_oneof![
            Just("pending"),
            Just("active"),
            Just("complete"),
            Just("skipped"),
            Just("error")
        ],
        any::<bool>(),
    )
        .prop_map(|(id, status, optional)| {
            Json::Obj(vec![
                ("id".into(), Json::Str(id)),
                ("status".into(), Json::Str(status.into())),
                ("optional".into(), Json::Bool(optional)),
            ])
        });
    (prop::collection::vec(step, 1..12), 0u32..100).prop_map(|(steps, seq)| {
        Json::Obj(vec![
            ("sequence".into(), Json::Num(f64::from(seq))),
            ("steps".into(), Json::Arr(steps)),
        ])
    })
}

proptest! {
    #[test]
    fn duration_parser_never_panics(s in ".{0,80}") {
        if let Some(secs) = duration::parse(&s) {
            prop_assert!(secs.is_finite() && (0.0..=duration::MAX_SECONDS).contains(&secs));
        }
    }

    #[test]
    fn duration_grammar_round_trips(h in 0u32..100, m in 0u32..60, s in 0u32..60) {
        let text = format!("{h}h{m}m{s}s");
        prop_assert_eq!(duration::parse(&text), Some(f64::from(h * 3600 + m * 60 + s)));
        let iso = format!("PT{h}H{m}M{s}S");
        prop_assert_eq!(duration::parse(&iso), Some(f64::from(h * 3600 + m * 60 + s)));
    }

    #[test]
    fn timestamp_parser_never_panics(s in ".{0,48}", t in "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?") {
        let _ = parse_iso(&s);
        if let Some(ms) = parse_iso(&t) {
            prop_assert!(ms.is_finite());
        }
    }

    #[test]
    fn config_parser_never_panics(values in prop::collection::vec(".{0,24}", 12)) {
        let (c, warnings) = config::parse(|name| {
            let i = config::ATTRIBUTES.iter().position(|a| *a == name)?;
            values.get(i).cloned()
        });
        prop_assert!(c.poll_secs >= config::MIN_POLL_SECS);
        prop_assert!(c.milestones.iter().all(|m| *m > 0.0 && *m < 1.0));
        prop_assert!(warnings.len() <= config::ATTRIBUTES.len());
    }

    #[test]
    fn document_parser_never_panics_and_ids_are_unique(j in json()) {
        for need in [true, false] {
            if let Ok((doc, _)) = parse_doc(&j, need) {
                let mut ids: Vec<&str> = doc.steps.iter().filter_map(|s| s.id.as_deref()).collect();
                prop_assert_eq!(ids.len(), doc.steps.len(), "every step has an id");
                ids.sort_unstable();
                ids.dedup();
                prop_assert_eq!(ids.len(), doc.steps.len(), "ids are unique");
            }
        }
    }

    #[test]
    fn markup_parser_never_panics(items in prop::collection::vec(
        (prop::collection::vec(("(step|status|estimate|optional|eta|requires|x)", ".{0,10}"), 0..5), ".{0,10}"), 0..10)) {
        let items: Vec<MarkupStep> = items.into_iter().map(|(attrs, label)| MarkupStep { attrs, label }).collect();
        let (doc, _) = doc_from_markup(&items);
        prop_assert_eq!(doc.steps.len(), items.len());
    }

    #[test]
    fn progress_is_always_between_zero_and_one(j in doc_json(), extra in json()) {
        let (doc, _) = parse_doc(&j, true).unwrap();
        let state = State::merged(&Doc::default(), &doc);
        let c = counts(&state.steps);
        prop_assert!((0.0..=1.0).contains(&c.progress));
        prop_assert!(c.completed <= c.total);
        prop_assert!(c.total as usize <= state.steps.len());
        if let Ok((patch, _)) = parse_doc(&extra, false) {
            let c = counts(&state.patched(&patch).steps);
            prop_assert!((0.0..=1.0).contains(&c.progress));
        }
    }

    #[test]
    /// (At most three documents: three in a row older than the current one
    /// would count as a server restart, rule 53.)
    fn newest_document_wins_whatever_the_arrival_order(docs in prop::collection::vec(doc_json(), 1..4), seed in any::<u64>()) {
        let parsed: Vec<Doc> = docs.iter().map(|j| parse_doc(j, true).unwrap().0).collect();
        let mut order: Vec<usize> = (0..parsed.len()).collect();
        // A cheap deterministic shuffle.
        let mut x = seed | 1;
        for i in (1..order.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            order.swap(i, (x % (i as u64 + 1)) as usize);
        }
        let mut engine = Engine::new(Default::default(), Doc::default());
        for &i in &order {
            engine.accept(&parsed[i], Source::Remote, 0.0);
            engine.render(&Strings::default(), &Plain, 0.0);
        }
        // The highest sequence wins; among equal sequences, the last to arrive.
        let max = parsed.iter().filter_map(|d| d.sequence).fold(f64::MIN, f64::max);
        let winner = order.iter().rev().find(|&&i| parsed[i].sequence == Some(max)).unwrap();
        prop_assert_eq!(engine.state(), &State::merged(&Doc::default(), &parsed[*winner]));
        for d in &parsed {
            prop_assert!(!is_older(engine.state().order(), d.order()));
        }
    }

    #[test]
    fn token_decoder_never_panics(t in "[nstfz\\[\\]{}!\u{1f}a-c]{0,64}", nums in prop::collection::vec(any::<f64>(), 0..4)) {
        let _ = codec::decode(&t, &nums);
    }

    #[test]
    fn every_json_value_survives_the_token_trip(j in json()) {
        let mut w = codec::Writer::default();
        w.json(&j);
        let back = codec::decode(&w.text, &w.nums);
        // NaN is not equal to itself: compare the re-encoded streams instead.
        let mut again = codec::Writer::default();
        if let Ok(b) = &back {
            again.json(b);
        }
        prop_assert!(back.is_ok());
        prop_assert_eq!(&again.text, &w.text);
        prop_assert_eq!(
            again.nums.iter().map(|n| n.to_bits()).collect::<Vec<_>>(),
            w.nums.iter().map(|n| n.to_bits()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn json_reader_never_panics(t in "[\\[\\]{}\",:0-9eE.+\\-tfnrulsa\\\\ \u{e9}\u{1f}]{0,64}") {
        let bounds = momentum_core::json::Bounds { depth: 8, values: 32, bytes: 64 };
        let _ = momentum_core::json::parse(&t, bounds, |s| s.parse().unwrap_or(f64::NAN));
    }

    #[test]
    fn json_numbers_read_as_exactly_as_the_standard_parser(x in any::<f64>().prop_filter("finite", |x| x.is_finite()), digits in 0usize..18) {
        let bounds = momentum_core::json::Bounds { depth: 1, values: 1, bytes: 400 };
        // Shortest, fixed and scientific forms, and rounded ones (as authors write them).
        for s in [format!("{x}"), format!("{x:e}"), format!("{x:.digits$e}"), format!("{:.digits$}", x % 1e6)] {
            let want: f64 = s.parse().unwrap();
            let got = momentum_core::json::parse(&s, bounds, |_| f64::NAN);
            // The slow path (NaN here) is taken only for what the fast one cannot do exactly.
            if let Ok(Json::Num(n)) = got {
                prop_assert!(n.is_nan() || n.to_bits() == want.to_bits(), "{} read as {}", s, n);
            } else {
                prop_assert!(false, "{} not read: {:?}", s, got);
            }
        }
    }
}
