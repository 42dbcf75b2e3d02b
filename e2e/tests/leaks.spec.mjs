// Leak check (issue #6): widgets mounted and removed many times leave nothing
// behind: JS and DOM heap, DOM nodes, event listeners on window and document,
// timers, animation frames, fetches in flight, and requests to the server.
// Garbage is collected through CDP before every measurement.
import { test, expect } from "@playwright/test";
import { watch, blank } from "./helpers.mjs";

const session = () => `leak${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const requests = async (page, s) => (await (await page.request.get(`/api/requests?session=${s}`)).json()).count;

/** Counts the page's pending timeouts, intervals and animation frames, and fetches in flight. */
function instrumentTimers() {
  const live = new Map();
  const frames = new Set();
  let fetching = 0;
  const { setTimeout: st, clearTimeout: ct, setInterval: si, clearInterval: ci, requestAnimationFrame: raf, cancelAnimationFrame: caf, fetch: f } = window;
  window.setTimeout = function (fn, ms, ...args) {
    const id = st.call(window, function (...a) { live.delete(id); return typeof fn === "function" ? fn.apply(this, a) : undefined; }, ms, ...args);
    live.set(id, "timeout");
    return id;
  };
  window.setInterval = function (fn, ms, ...args) { const id = si.call(window, fn, ms, ...args); live.set(id, "interval"); return id; };
  window.clearTimeout = function (id) { live.delete(id); return ct.call(window, id); };
  window.clearInterval = function (id) { live.delete(id); return ci.call(window, id); };
  window.requestAnimationFrame = function (fn) {
    const id = raf.call(window, (t) => { frames.delete(id); fn(t); });
    frames.add(id);
    return id;
  };
  window.cancelAnimationFrame = function (id) { frames.delete(id); return caf.call(window, id); };
  window.fetch = function (...args) {
    fetching++;
    const settle = () => { fetching--; };
    const p = f.apply(window, args);
    p.then(settle, settle);
    return p;
  };
  window.__pending = () => ({
    timeouts: [...live.values()].filter((k) => k === "timeout").length,
    intervals: [...live.values()].filter((k) => k === "interval").length,
    frames: frames.size,
    fetching,
  });
}

/** Runs `count` mount/unmount cycles starting at cycle number `from`. */
async function cycles(page, s, from, count) {
  return page.evaluate(async ([s, from, count]) => {
    const { mount } = await import("/pkg/momentum.js");
    const stage = document.getElementById("stage");
    const variants = ["stepper", "checklist", "timeline", "tiers"];
    const ready = (el) => el.shadowRoot?.querySelector("li[part~=step]") ? Promise.resolve() :
      new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no document for ${el.getAttribute("src")}`)), 5000);
        el.addEventListener("momentum-ready", () => { clearTimeout(t); resolve(); }, { once: true });
      });
    let withSrc = 0;
    for (let i = from; i < from + count; i++) {
      const variant = variants[i % 4];
      if (i % 10 === 0) {
        // Every tenth widget follows its own URL (its own poller): half are removed
        // once they have their document, half at once (their request is aborted).
        withSrc++;
        const el = mount(stage, { src: `/api/static?session=${s}&widget=${i}`, poll: "2s", variant });
        if (i % 20 === 0) await ready(el);
        el.remove();
        continue;
      }
      const el = mount(stage, {
        variant, interactive: variant === "checklist", value: variant === "tiers" ? 40 : undefined,
        state: { title: `Cycle ${i}`, updatedAt: new Date().toISOString(), steps: [
          { id: "a", label: "Alpha", status: "complete", estimate: "2m", threshold: 0, startedAt: "2026-01-01T10:00:00Z", completedAt: "2026-01-01T10:03:00Z" },
          { id: "b", label: "Beta", status: "active", estimate: "5m", threshold: 30, description: "Details", href: "/b" },
          { id: "c", label: "Gamma", estimate: "1m", threshold: 60, requires: ["b"] },
          { id: "d", label: "Delta", optional: true, threshold: 90 },
        ] },
      });
      if (i % 3 === 0) el.update({ steps: [{ id: "b", status: "complete" }] });
      if (i % 5 === 0) await new Promise((r) => setTimeout(r, 0));
      el.remove();
    }
    return { withSrc, left: stage.childElementCount };
  }, [s, from, count]);
}

test("1,000 mount/unmount cycles leave heap, nodes, listeners and timers flat, and removed widgets stop requesting", async ({ page }) => {
  test.setTimeout(60_000);
  const w = watch(page);
  const s = session();
  await page.addInitScript(instrumentTimers);
  await blank(page, `<div id="stage"></div>`);
  await page.waitForFunction(() => customElements.get("momentum-progress"));
  const cdp = await page.context().newCDPSession(page);

  const listeners = async (expression) => {
    const { result } = await cdp.send("Runtime.evaluate", { expression });
    const { listeners } = await cdp.send("DOMDebugger.getEventListeners", { objectId: result.objectId });
    await cdp.send("Runtime.releaseObject", { objectId: result.objectId });
    return listeners.map((l) => l.type).sort();
  };
  const measure = async () => {
    // Past the 1.6 s of a celebration's clean-up timer, which holds its widget until then.
    await page.waitForTimeout(2000);
    for (let i = 0; i < 4; i++) await cdp.send("HeapProfiler.collectGarbage");
    const heap = await cdp.send("Runtime.getHeapUsage");
    const dom = await cdp.send("Memory.getDOMCounters");
    const wasm = await page.evaluate(async () => globalThis[Symbol.for("momentum.memory")].buffer.byteLength);
    return {
      heap: heap.usedSize + (heap.embedderHeapUsedSize ?? 0),
      js: heap.usedSize,
      nodes: dom.nodes,
      jsListeners: dom.jsEventListeners,
      window: await listeners("window"),
      document: await listeners("document"),
      pending: await page.evaluate(() => window.__pending()),
      wasm,
    };
  };

  // Warm-up: 100 cycles (10 with src), so caches, JIT and the shared clock exist.
  const warm = await cycles(page, s, 0, 100);
  expect(warm).toEqual({ withSrc: 10, left: 0 });
  const before = await measure();

  const started = Date.now();
  const run = await cycles(page, s, 100, 1000);
  expect(run).toEqual({ withSrc: 100, left: 0 });
  const after = await measure();
  const took = Date.now() - started;

  const report = { took, growthKB: Math.round((after.heap - before.heap) / 1024), jsGrowthKB: Math.round((after.js - before.js) / 1024),
    nodes: [before.nodes, after.nodes], jsListeners: [before.jsListeners, after.jsListeners], wasm: [before.wasm, after.wasm], pending: [before.pending, after.pending] };
  console.log("leak check:", JSON.stringify(report));

  // The JS + DOM heap is flat: one leaked widget holds ~60 nodes and a few hundred KB
  // of DOM and style data, so 2 MB over 1,000 widgets means at most a handful leaked.
  expect.soft(after.heap - before.heap, "JS + DOM heap growth over 1,000 cycles (bytes)").toBeLessThan(2 * 1024 * 1024);
  expect.soft(after.nodes - before.nodes, "DOM nodes still alive after 1,000 cycles").toBeLessThan(200);
  // The wasm side frees what it allocated: its memory does not grow by a widget's worth per cycle.
  expect.soft(after.wasm - before.wasm, "wasm linear memory growth (bytes)").toBeLessThanOrEqual(1024 * 1024);
  // Listeners on window and document, and all JS listeners of the page, are the same.
  expect.soft(after.window, "listeners on window").toEqual(before.window);
  expect.soft(after.document, "listeners on document").toEqual(before.document);
  expect.soft(after.jsListeners, "JS event listeners of the page").toBeLessThanOrEqual(before.jsListeners);
  // No timers, frames or fetches pile up (the shared clock may stay, but not one per widget).
  expect.soft(after.pending.timeouts, "pending timeouts").toBeLessThanOrEqual(before.pending.timeouts);
  expect.soft(after.pending.intervals, "intervals").toBeLessThanOrEqual(before.pending.intervals);
  expect.soft(after.pending.frames, "animation frames").toBeLessThanOrEqual(Math.max(before.pending.frames, 1));
  expect.soft(after.pending.fetching, "fetches in flight").toBe(0);

  // Removed widgets with src make no more requests: two poll intervals and more later,
  // the server has seen nothing new from the session.
  const seen = await requests(page, s);
  expect(seen).toBeGreaterThanOrEqual(55); // every waited-for widget fetched its own URL
  await page.waitForTimeout(4500);
  expect(await requests(page, s), "requests after every src widget was removed").toBe(seen);
  expect((await page.evaluate(() => window.__pending())).fetching).toBe(0);
  expect(took, "1,000 cycles and the measurement take well under a minute").toBeLessThan(40_000);
  w.assertClean();
});
