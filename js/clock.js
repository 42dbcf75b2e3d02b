// The shared clock that re-renders relative times.
import { MAX_TIMER_MS } from "./protocol.js";

/** Milliseconds from now until `at` (ms since epoch), at least 0 and at most a day. */
export const until = (at) => Math.min(Math.max(at - Date.now(), 0), MAX_TIMER_MS);

// One clock for every widget's relative times ("2 minutes ago"): one timer,
// none while the page is hidden, everything due re-rendered when it shows.
// `due`: widget -> when (ms since epoch); `clockTimer` fires at `clockAt`.
const due = new Map();
let clockTimer = 0, clockAt = Infinity, clockWatching = false;
const hidden = () => document.visibilityState === "hidden";
function arm() {
  let soonest = Infinity;
  for (const at of due.values()) soonest = Math.min(soonest, at);
  if (soonest === Infinity || hidden()) {
    clearTimeout(clockTimer);
    clockTimer = 0;
    clockAt = Infinity;
    return;
  }
  if (clockTimer && clockAt <= soonest) return;
  clearTimeout(clockTimer);
  clockAt = soonest;
  clockTimer = setTimeout(tick, until(soonest) + 20);
}
function tick() {
  clockTimer = 0;
  clockAt = Infinity;
  if (hidden()) return;
  const now = Date.now();
  for (const [w, at] of [...due]) {
    if (at <= now + 50) { due.delete(w); w.render(); }
  }
  arm();
}
/**
 * Renders widget `w` again at `at` (ms since epoch), or never (`null`).
 * @param {{ render(): void }} w
 * @param {number | null} at
 */
export function schedule(w, at) {
  if (!clockWatching) {
    clockWatching = true;
    document.addEventListener("visibilitychange", () => {
      if (hidden()) { arm(); return; }
      const all = [...due.keys()];
      due.clear();
      for (const w of all) w.render();
      arm();
    });
  }
  if (at == null) due.delete(w); else due.set(w, at);
  arm();
}

