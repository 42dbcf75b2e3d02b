//! Momentum: a progress widget for the web, compiled from Rust to WebAssembly.
//!
//! The crate is a pure core (parsing, merging, progress, view planning and
//! event decisions, all host-testable) and a thin wasm boundary ([`shell`], wasm only) that the JavaScript
//! shell (`js/`) drives: it reads the page, applies the planned DOM patches,
//! fetches, and dispatches events. The public contract is `shared/SPEC.md`.
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

pub mod business;
pub mod calendar;
pub mod celebrate;
pub mod clock;
pub mod codec;
pub mod config;
pub mod duration;
pub mod engine;
pub mod estimate;
pub mod idmap;
pub mod json;
pub mod limits;
pub mod lint;
pub mod live;
pub mod model;
pub mod num;
mod prelude;
pub mod progress;
pub mod promise;
pub mod strings;
pub mod time;
pub mod view;
mod work;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz;

#[cfg(target_arch = "wasm32")]
pub mod heap;
#[cfg(target_arch = "wasm32")]
pub mod shell;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static HEAP: heap::Heap = heap::Heap::new();
