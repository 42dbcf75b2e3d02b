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

pub mod calendar;
pub mod celebrate;
pub mod clock;
pub mod codec;
pub mod config;
pub mod duration;
pub mod encode;
pub mod engine;
pub mod estimate;
pub mod idmap;
pub mod json;
pub mod live;
pub mod model;
pub mod num;
#[doc(hidden)]
pub mod prelude;
pub mod progress;
pub mod promise;
pub mod protocol;
pub mod strings;
pub mod time;
pub mod view;
mod work;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz;
