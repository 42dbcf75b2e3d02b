//! Step ids looked up in constant time: a small open-addressing hash table
//! over FNV-1a, so that de-duplicating ids and matching steps between two
//! renders never compares every id with every other (rule 50: duplicate or
//! long ids cost no more than an ordinary document of the same size).
//!
//! A leaf: it imports nothing of the crate but the prelude. The wasm is
//! `no_std`, so std's `HashMap` is not available; this is a few hundred bytes
//! of wasm where `hashbrown` would be several kilobytes.

#[allow(unused_imports)]
use crate::prelude::*;

use alloc::borrow::Cow;

/// Ids, borrowed or owned, with a `usize` each, in insertion order. (One
/// key type, so the wasm carries one copy of the code.)
#[derive(Clone, Debug)]
pub struct IdMap<'a> {
    /// Hash, key and value of each id, in insertion order.
    entries: Vec<(u64, Cow<'a, str>, usize)>,
    /// 0 for an empty slot, else 1 + the entry's index. The length is a power
    /// of two and at least twice the entries, so a probe always ends.
    slots: Vec<usize>,
}

/// Something with an id.
pub trait Keyed {
    /// The id.
    fn key(&self) -> &str;
}

impl Keyed for String {
    fn key(&self) -> &str {
        self
    }
}

impl Keyed for &str {
    fn key(&self) -> &str {
        self
    }
}

/// FNV-1a over the bytes, with the high half folded into the low one (the
/// slot is taken from the low bits).
fn hash(key: &str) -> u64 {
    crate::work::add(key.len());
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^ (h >> 32)
}

impl<'a> IdMap<'a> {
    /// An empty map with room for `n` ids before it grows.
    pub fn with_capacity(n: usize) -> IdMap<'a> {
        IdMap {
            entries: Vec::with_capacity(n),
            slots: vec![0; n.saturating_mul(2).next_power_of_two().max(8)],
        }
    }

    /// The number of ids.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry index of `key` (`Ok`), or the empty slot where it would go.
    fn find(&self, h: u64, key: &str) -> Result<usize, usize> {
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        loop {
            crate::work::add(1);
            match self.slots.get(i) {
                Some(0) | None => return Err(i),
                Some(&e) => {
                    let at = e - 1;
                    if let Some((eh, k, _)) = self.entries.get(at) {
                        if *eh == h && {
                            crate::work::add(key.len());
                            k == key
                        } {
                            return Ok(at);
                        }
                    }
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// The value of `key`, if it is in the map.
    pub fn get(&self, key: &str) -> Option<usize> {
        let at = self.find(hash(key), key).ok()?;
        self.entries.get(at).map(|e| e.2)
    }

    /// Whether `key` is in the map.
    pub fn contains(&self, key: &str) -> bool {
        self.find(hash(key), key).is_ok()
    }

    /// Adds `key` with `value`. A key already there keeps its value, and
    /// the answer is false.
    pub fn insert(&mut self, key: Cow<'a, str>, value: usize) -> bool {
        if (self.entries.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let h = hash(&key);
        match self.find(h, &key) {
            Ok(_) => false,
            Err(slot) => {
                self.entries.push((h, key, value));
                if let Some(s) = self.slots.get_mut(slot) {
                    *s = self.entries.len();
                }
                true
            }
        }
    }

    /// Sets the value of `key` if it is in the map.
    pub fn set(&mut self, key: &str, value: usize) {
        if let Ok(at) = self.find(hash(key), key) {
            if let Some(e) = self.entries.get_mut(at) {
                e.2 = value;
            }
        }
    }

    /// Doubles the slots and places every entry again by its hash.
    fn grow(&mut self) {
        let len = self.slots.len() * 2;
        let mask = len - 1;
        self.slots = vec![0; len];
        for (n, (h, _, _)) in self.entries.iter().enumerate() {
            let mut i = *h as usize & mask;
            while self.slots.get(i).is_some_and(|s| *s != 0) {
                crate::work::add(1);
                i = (i + 1) & mask;
            }
            if let Some(s) = self.slots.get_mut(i) {
                *s = n + 1;
            }
        }
    }

    /// The id of each item with its position; a repeated id keeps the first.
    #[inline(never)]
    pub fn positions<T: Keyed>(items: &'a [T]) -> IdMap<'a> {
        let mut map = IdMap::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            map.insert(Cow::Borrowed(item.key()), i);
        }
        map
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn a_few_ids() {
        let mut m = IdMap::with_capacity(0);
        assert!(m.is_empty());
        assert!(m.insert("a".into(), 1));
        assert!(
            !m.insert(String::from("a").into(), 2),
            "a key keeps its first value"
        );
        assert!(m.insert(String::new().into(), 3));
        assert_eq!(
            (m.get("a"), m.get(""), m.get("b")),
            (Some(1), Some(3), None)
        );
        m.set("a", 7);
        m.set("b", 9);
        assert_eq!((m.get("a"), m.get("b"), m.len()), (Some(7), None, 2));
        let p = IdMap::positions(&["x", "y", "x"]);
        assert_eq!((p.get("x"), p.get("y"), p.len()), (Some(0), Some(1), 2));
    }

    proptest::proptest! {
        /// The map answers as std's HashMap does, through growth, repeats,
        /// empty and long keys.
        #[test]
        fn agrees_with_std(ops in proptest::collection::vec((0u8..3, "[ab]{0,3}|[a-z]{0,40}", 0usize..50), 0..300), cap in 0usize..20) {
            let mut mine = IdMap::with_capacity(cap);
            let mut std: HashMap<String, usize> = HashMap::new();
            for (op, key, value) in ops {
                match op {
                    0 => {
                        let fresh = !std.contains_key(&key);
                        std.entry(key.clone()).or_insert(value);
                        proptest::prop_assert_eq!(mine.insert(key.into(), value), fresh);
                    }
                    1 => {
                        if let Some(v) = std.get_mut(&key) {
                            *v = value;
                        }
                        mine.set(&key, value);
                    }
                    _ => {
                        proptest::prop_assert_eq!(mine.get(&key), std.get(&key).copied());
                        proptest::prop_assert_eq!(mine.contains(&key), std.contains_key(&key));
                    }
                }
                proptest::prop_assert_eq!(mine.len(), std.len());
            }
            for (k, v) in &std {
                proptest::prop_assert_eq!(mine.get(k), Some(*v));
            }
        }
    }

    #[test]
    fn work_is_linear_in_the_ids() {
        crate::work::take();
        let ids: Vec<String> = (0..4000).map(|i| format!("step-{i}")).collect();
        let m = IdMap::positions(&ids);
        for id in &ids {
            assert!(m.contains(id));
        }
        let per_id = crate::work::take() / 4000;
        assert!(per_id < 200, "{per_id} units of work per id");
    }
}
