//! Momentum's core: a progress widget's decisions, free of the browser.
//!
//! This crate is the pure core (parsing, merging, progress, view planning,
//! event decisions and the protocol encoder, all host-tested; no
//! wasm-bindgen). The thin wasm crate (`crates/wasm`) exports it to the
//! JavaScript shell (`js/`), which reads the page, applies the planned DOM
//! patches, fetches, and dispatches events. The public contract is `docs/reference.md`
//! and the numbered rules of `docs/rules.md`; the code cites them as "rule N".
#![cfg_attr(target_arch = "wasm32", no_std)]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

extern crate alloc;

// The data path, in order: page input -> model -> plan -> decisions ->
// wire. Leaves first; a module uses only those above it in this list (a
// host test, `layering`, checks it and that there is no cycle).
pub mod celebrate;
pub mod engine;
pub mod i18n;
pub mod idmap;
pub mod input;
pub mod json;
pub mod lint;
pub mod live;
pub mod model;
pub mod num;
pub mod plan;
#[doc(hidden)]
pub mod prelude;
pub mod text;
pub mod warning;
pub mod wire;
mod work;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod layering;
