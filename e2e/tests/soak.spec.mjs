// Soak (issue #6): 100 widgets follow endpoints that cycle through every kind of
// failure (200, 500, malformed JSON, a 3 s hang, 200, again) at poll="2s" for a
// minute, next to a group on a good endpoint. No script errors, bounded memory,
// every widget still shows its steps and keeps following, the good group shows
// the latest state. All traffic goes to the test server on loopback.
import { test, expect } from "@playwright/test";
import { watch } from "./helpers.mjs";

const SOAK_MS = 60_000;
const FIRST_MEASURE_MS = 20_000;
const VARIANTS = ["stepper", "checklist", "timeline", "tiers"];

test("100 widgets on failing endpoints for a minute: no errors, bounded memory, still following", async ({ page }) => {
  test.setTimeout(SOAK_MS + 40_000);
  const w = watch(page);
  const s = `soak${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const good = `${s}-good`;
  const offLoopback = [];
  page.on("request", (r) => { if (!r.url().startsWith("http://127.0.0.1:")) offLoopback.push(r.url()); });

  // 100 widgets on 50 cycling endpoints (two widgets share each URL, so shared pollers
  // are soaked too), and 12 on one good, advancing journey (a step every 13 s).
  const cycling = Array.from({ length: 100 }, (_, i) =>
    `<momentum-progress class="cycle" variant="${VARIANTS[i % 4]}" ${i % 4 === 1 ? "interactive" : ""} value="40" poll="2s"
       src="/api/flaky?session=${s}-${i % 50}&amp;fault=cycle"></momentum-progress>`).join("\n");
  const steady = Array.from({ length: 12 }, (_, i) =>
    `<momentum-progress class="good" variant="${VARIANTS[i % 4]}" value="40" poll="2s" src="/api/onboarding?session=${good}&amp;step=13"></momentum-progress>`).join("\n");
  // A plain page (no event recorder), so the page's own memory is the widgets'.
  await page.route("**/__soak__.html", (route) => route.fulfill({ contentType: "text/html", body:
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="/favicon.svg">
     <script type="module" src="/pkg/momentum.js"></script></head><body>${cycling}${steady}</body></html>` }));
  const started = Date.now();
  await page.goto("/__soak__.html");
  await expect(page.locator("momentum-progress.cycle [part~=label]").filter({ hasText: "Processing" })).toHaveCount(100, { timeout: 15_000 });
  await expect(page.locator("momentum-progress.good [part~=label]").filter({ hasText: "Connect your data" })).toHaveCount(12);

  const cdp = await page.context().newCDPSession(page);
  const measure = async () => {
    for (let i = 0; i < 3; i++) await cdp.send("HeapProfiler.collectGarbage");
    const heap = await cdp.send("Runtime.getHeapUsage");
    const dom = await cdp.send("Memory.getDOMCounters");
    const page_ = await page.evaluate(async () => ({
      wasm: globalThis[Symbol.for("momentum.memory")].buffer.byteLength,
      sequences: [...document.querySelectorAll("momentum-progress.cycle")].map((el) => el.state.sequence ?? 0),
    }));
    return { heap: heap.usedSize + (heap.embedderHeapUsedSize ?? 0), nodes: dom.nodes, listeners: dom.jsEventListeners, ...page_ };
  };
  const until = async (ms) => { const left = started + ms - Date.now(); if (left > 0) await page.waitForTimeout(left); };

  await until(FIRST_MEASURE_MS);
  const early = await measure();
  await until(SOAK_MS);
  const late = await measure();
  console.log("soak:", JSON.stringify({
    heapKB: [early.heap, late.heap].map((b) => Math.round(b / 1024)), nodes: [early.nodes, late.nodes],
    listeners: [early.listeners, late.listeners], wasm: [early.wasm, late.wasm],
  }));

  // Nothing threw; the only console errors are the browser's own lines for the 500s.
  expect(w.errors.filter((e) => !e.startsWith("Failed to load resource")), "page errors and unexpected console errors").toEqual([]);
  expect(w.errors.length, "the 500s were seen").toBeGreaterThan(0);
  // Memory is bounded: 40 more seconds of failures and recoveries add no garbage that
  // survives collection beyond noise, and the DOM does not accumulate nodes or listeners.
  expect.soft(late.heap - early.heap, "JS + DOM heap growth from 20 s to 60 s (bytes)").toBeLessThan(3 * 1024 * 1024);
  expect.soft(late.nodes - early.nodes, "DOM node growth").toBeLessThan(500);
  expect.soft(late.listeners - early.listeners, "JS listener growth").toBeLessThanOrEqual(0);
  expect.soft(late.wasm - early.wasm, "wasm memory growth (bytes)").toBeLessThanOrEqual(1024 * 1024);

  // Every widget still shows its steps, and kept following its endpoint: a newer
  // good document arrived for each after the 20 s mark.
  const cycle = page.locator("momentum-progress.cycle");
  await expect(cycle.locator("li[part~=step]")).toHaveCount(100 * 3);
  await expect(cycle.locator("[part~=label]").filter({ hasText: "Processing" })).toHaveCount(100);
  const moved = late.sequences.filter((seq, i) => seq > early.sequences[i]).length;
  expect(moved, "widgets that received a newer document after 20 s").toBe(100);

  // Backoff held: each cycling endpoint was polled steadily, never in a tight loop. (Alone,
  // an endpoint sees ~25 requests a minute; 50 of them at once share the browser's six
  // connections per host with 3 s hangs, so ~10 each here.)
  const counts = await Promise.all(Array.from({ length: 50 }, async (_, i) =>
    (await (await page.request.get(`/api/requests?session=${s}-${i}`)).json()).count));
  console.log(`soak: requests per cycling endpoint ${Math.min(...counts)}..${Math.max(...counts)}`);
  expect(Math.min(...counts), "fewest requests to one cycling endpoint").toBeGreaterThanOrEqual(4);
  expect(Math.max(...counts), "most requests to one cycling endpoint (2 s interval, backoff on errors)").toBeLessThanOrEqual(40);

  // The good group shows the server's latest state.
  const byId = (steps) => JSON.stringify(Object.fromEntries(steps.map(([id, status]) => [id, status]).sort()));
  await expect.poll(async () => {
    const doc = await (await page.request.get(`/api/onboarding?session=${good}&step=13`)).json();
    const want = byId(doc.steps.map((st) => [st.id, st.status]));
    const shown = await page.evaluate(() => [...document.querySelectorAll("momentum-progress.good")].map((el) =>
      [...el.shadowRoot.querySelectorAll("li[part~=step]")].map((li) => [li.dataset.id, li.dataset.status])));
    return { advanced: doc.steps.filter((st) => st.status !== "pending").length >= 4, stale: shown.filter((st) => byId(st) !== want).length };
  }, { timeout: 6000, message: "every good widget shows the server's latest statuses" }).toEqual({ advanced: true, stale: 0 });
  expect(offLoopback, "requests that left the test server").toEqual([]);
});
