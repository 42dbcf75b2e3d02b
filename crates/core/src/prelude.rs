//! What the standard prelude would give, for the `no_std` wasm build: the
//! wasm links only `core` and `alloc`, so the standard library's panic and
//! formatting machinery (kilobytes) stays out of the download.

#[cfg(target_arch = "wasm32")]
pub use crate::num::FloatExt;
pub use alloc::string::{String, ToString};
pub use alloc::vec;
pub use alloc::vec::Vec;
