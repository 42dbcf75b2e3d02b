// Storage of what a widget remembers per storage key.
import * as tabs from "./tabs.js";

// Celebrations fired and rows opened, per storage key; in memory when
// localStorage is unavailable or full. Celebrations other tabs recorded count
// too, also before they reach this tab's storage (rule 47).
const memory = new Map();
/** Celebrations fired and rows opened: `get(key)`, `set(key, value)`. */
export const store = {
  get(key) {
    let v = null;
    try { v = localStorage.getItem(key); } catch { /* blocked storage */ }
    return tabs.recorded(key, v ?? memory.get(key) ?? null);
  },
  set(key, value) {
    try { localStorage.setItem(key, value); return; } catch { /* blocked or full */ }
    memory.set(key, value);
  },
};

