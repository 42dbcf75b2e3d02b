//! Small persistent memory: `localStorage` when the page may use it, else an
//! in-memory map for the page's lifetime (storage blocked, private modes).

use std::cell::RefCell;
use std::collections::BTreeMap;

thread_local! {
    static MEMORY: RefCell<BTreeMap<String, String>> = const { RefCell::new(BTreeMap::new()) };
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads `key`.
pub fn get(key: &str) -> Option<String> {
    match storage().map(|s| s.get_item(key)) {
        Some(Ok(v)) => v,
        _ => MEMORY.with(|m| m.borrow().get(key).cloned()),
    }
}

/// Writes `key`; falls back to memory when storage refuses.
pub fn set(key: &str, value: &str) {
    let stored = storage().is_some_and(|s| s.set_item(key, value).is_ok());
    if !stored {
        MEMORY.with(|m| m.borrow_mut().insert(key.to_string(), value.to_string()));
    }
}
