//! The core's module graph, checked: every `crate::` path in a module's
//! code (tests and comments left out) names a module in the same layer or
//! one below, and there is no cycle. The layers follow the data path; a new
//! module is added to [`LAYERS`] (the test fails until it is).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each module and its layer, lowest first: leaves, shared types, input,
/// model, plan, decisions, wire.
const LAYERS: &[(&str, u8)] = &[
    ("prelude", 0),
    ("json", 0),
    ("num", 0),
    ("text", 0),
    ("work", 0),
    ("wire::protocol", 0),
    ("idmap", 1),
    ("plan::clock", 1),
    ("warning", 1),
    ("i18n", 1),
    ("input", 2),
    ("input::time", 2),
    ("input::duration", 2),
    ("input::config", 2),
    ("model", 3),
    ("model::progress", 3),
    ("model::estimate", 3),
    // Business-time maths and the parsing of `hours` and `holidays`, which
    // the configuration reads: beside the input.
    ("model::calendar", 2),
    ("model::promise", 3),
    ("model::business", 3),
    ("plan", 4),
    ("celebrate", 5),
    ("live", 5),
    ("engine", 5),
    ("lint", 5),
    ("wire", 6),
    ("wire::codec", 6),
    ("wire::encode", 6),
];

/// Modules that are only tests, or the crate root.
const SKIPPED: &[&str] = &["lib", "layering", "fuzz"];

/// `model/mod.rs` -> `model`, `model/progress.rs` -> `model::progress`.
fn module_name(rel: &Path) -> String {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts.join("::")
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a module without its tests and comments.
fn code(text: &str) -> String {
    let end = ["#[cfg(test)]", "#[cfg(all(test"]
        .iter()
        .filter_map(|m| text.find(m))
        .min()
        .unwrap_or(text.len());
    text[..end]
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules a module's code names through `crate::`.
fn uses(code: &str, known: &BTreeSet<&str>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        let path: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
        // The longest prefix that is a module.
        let found = (1..=segments.len())
            .rev()
            .map(|n| segments[..n].join("::"))
            .find(|m| known.contains(m.as_str()));
        if let Some(m) = found {
            out.insert(m);
        } else if let Some(first) = segments.first() {
            // `use crate::{a, b}` and the like are not used here; fail loudly.
            panic!("crate::{first}… names no module in LAYERS");
        }
    }
    out
}

#[test]
fn modules_follow_the_layers_without_cycles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    files(&src, &mut paths);
    let layer: BTreeMap<&str, u8> = LAYERS.iter().copied().collect();
    let known: BTreeSet<&str> = layer.keys().copied().collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in &paths {
        let name = module_name(path.strip_prefix(&src).unwrap());
        if SKIPPED.contains(&name.as_str()) {
            continue;
        }
        let Some(&own) = layer.get(name.as_str()) else {
            panic!("{name} is not in LAYERS (crates/core/src/layering.rs): give it a layer");
        };
        let text = std::fs::read_to_string(path).unwrap();
        let mut deps = uses(&code(&text), &known);
        deps.remove(&name);
        deps.remove("prelude");
        for d in &deps {
            let theirs = layer[d.as_str()];
            assert!(
                theirs <= own,
                "{name} (layer {own}) uses {d} (layer {theirs}): a module may use only its own layer or those below"
            );
        }
        graph.insert(name, deps);
    }
    // No cycle: repeatedly remove modules with no remaining dependencies.
    let mut left = graph.clone();
    while !left.is_empty() {
        let free: Vec<String> = left
            .iter()
            .filter(|(_, deps)| deps.iter().all(|d| !left.contains_key(d)))
            .map(|(m, _)| m.clone())
            .collect();
        assert!(!free.is_empty(), "an import cycle among {:?}", left.keys());
        for m in free {
            left.remove(&m);
        }
    }
}

/// Longest function allowed in the core's code (tests left out), in lines:
/// "about 80".
const MAX_FN_LINES: usize = 90;

#[test]
fn no_function_is_longer_than_about_80_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    files(&src, &mut paths);
    let mut long = Vec::new();
    for path in &paths {
        if path.ends_with("fuzz.rs") {
            continue; // tests only
        }
        let text = std::fs::read_to_string(path).unwrap();
        let end = ["#[cfg(test)]", "#[cfg(all(test"]
            .iter()
            .filter_map(|m| text.find(m))
            .min()
            .unwrap_or(text.len());
        let lines: Vec<&str> = text[..end].lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let body = line.trim_start();
            let indent = &line[..line.len() - body.len()];
            let is_fn = [
                "fn ",
                "pub fn ",
                "pub(crate) fn ",
                "const fn ",
                "pub const fn ",
            ]
            .iter()
            .any(|p| body.starts_with(p));
            if !is_fn || body.ends_with(';') {
                continue;
            }
            let close = format!("{indent}}}");
            if let Some(n) = lines[i..].iter().position(|l| *l == close) {
                if n + 1 > MAX_FN_LINES {
                    long.push(format!("{}:{} ({} lines)", path.display(), i + 1, n + 1));
                }
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over {MAX_FN_LINES} lines: {long:#?}"
    );
}
