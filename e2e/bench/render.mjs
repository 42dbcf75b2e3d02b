// Benchmark (run on demand with `make bench`, not part of the test pass/fail):
// Momentum against a hand-written vanilla-JS stepper (bench/vanilla-stepper.js)
// in one headless Chromium run, against the real server.
//
//   node bench/render.mjs [repeats=20]
//
// Every time is measured inside the page with performance.now() and is the
// median of `repeats` runs (after warm-up runs that are not counted), with the
// two implementations interleaved so that neither gets a warmer or cooler CPU:
//
// - first render: from creating the element with its state (Momentum's
//   `mount(target, { state })`, the baseline's `mountVanilla`) to every step
//   being in the DOM; "+ layout" adds a forced style and layout pass.
// - first render including module load: a fresh browser context per run (an
//   empty cache), from `import()` of the module to every step in the DOM.
// - update: one step of 500 changes (`el.update({ steps: [one] })`) until its
//   row shows it; then one update completing all 500 steps.
// - whole-document update: the whole state document, one step changed, handed
//   to `el.state` as a poll delivers it (a freshly parsed object), at 7 and
//   500 steps; "+ layout" adds the forced style and layout pass after it.
// - completing all at 7 steps, as one patch.
// - 100 widgets of 7 steps mounted on one page.
// - heap: a fresh page per implementation, garbage collected through CDP before
//   and after mounting 100 widgets of 7 steps and one of 500.
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";

const repeats = Number(process.argv[2] || 20);
const port = Number(process.env.MOMENTUM_BENCH_PORT || 8798);
// Where momentum.js is served from: another build can be compared (a copy of
// it copied into pkg/, e.g. MOMENTUM_BENCH_PKG=/pkg/before).
const PKG = process.env.MOMENTUM_BENCH_PKG || "/pkg";
const root = fileURLToPath(new URL("../..", import.meta.url));
const base = `http://127.0.0.1:${port}`;
const vanillaJs = readFileSync(new URL("./vanilla-stepper.js", import.meta.url), "utf8");

const server = spawn(`${root}/target/debug/momentum-server`, ["--port", String(port), "--root", root], { stdio: ["ignore", "pipe", "inherit"] });
await new Promise((ok) => server.stdout.once("data", ok));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-dev-shm-usage"] });

async function benchPage(context = browser) {
  const page = await context.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("pageerror", (e) => { console.error("page error:", e); process.exitCode = 1; });
  await page.route("**/__bench__/vanilla-stepper.js", (r) => r.fulfill({ contentType: "text/javascript", body: vanillaJs }));
  // Cross-origin isolated, so performance.now() counts in 5 µs steps rather
  // than 100 µs: a 7-step render takes about a millisecond.
  await page.route("**/__bench__/render.html", (r) => r.fulfill({ contentType: "text/html",
    headers: { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" }, body:
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="/favicon.svg"><title>render bench</title></head>
     <body><div id="stage"></div></body></html>` }));
  await page.goto(`${base}/__bench__/render.html`);
  return page;
}

/** Installs the in-page harness; `which` picks the implementations to load. */
async function harness(page, which) {
  return page.evaluate(async ([which, PKG]) => {
    const load = {};
    const t0 = performance.now();
    if (which.includes("momentum")) {
      load.momentum = (await import(`${PKG}/momentum.js`)).mount;
      // Until its wasm is ready: a widget shows its steps once it has a shadow root.
      const probe = load.momentum(document.body, { state: { steps: [{ id: "p", label: "p" }] } });
      while (!probe.shadowRoot) await new Promise(requestAnimationFrame);
      probe.remove();
    }
    const t1 = performance.now();
    if (which.includes("vanilla")) load.vanilla = (await import("/__bench__/vanilla-stepper.js")).mountVanilla;
    const t2 = performance.now();
    const STEP = { momentum: "li[part~=step]", vanilla: "li.step" };
    const stage = document.getElementById("stage");
    const state = (n, done = Math.floor(n / 5)) => ({
      steps: Array.from({ length: n }, (_, i) => ({
        id: `s${i}`, label: `Step ${i + 1}: do the thing number ${i + 1}`,
        status: i < done ? "complete" : i === done ? "active" : "pending",
        estimate: `${(i % 9) + 1}m`, optional: i % 11 === 10,
      })),
    });
    const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
    const host = () => stage.appendChild(document.createElement("div"));
    // 0 until the widget has its shadow root (Momentum: once the wasm is ready).
    const count = (el, impl) => el.shadowRoot?.querySelectorAll(STEP[impl]).length ?? 0;
    const settle = () => new Promise((r) => setTimeout(r, 0));
    /** Times one patch completing all `n` steps of `el` until every row shows it: [ms, ms + layout]. */
    const timeCompleting = async (h, el, impl, n) => {
      const all = { steps: Array.from({ length: n }, (_, i) => ({ id: `s${i}`, status: "complete" })) };
      const a = performance.now();
      el.update(all);
      while (el.shadowRoot.querySelectorAll(`${STEP[impl]}[data-status=complete]`).length < n) await new Promise(requestAnimationFrame);
      const b = performance.now();
      void h.offsetHeight;
      return [b - a, performance.now() - a];
    };

    window.__bench = {
      load: { momentum: t1 - t0, vanilla: t2 - t1 },
      /** Median ms from creating the element to all `n` steps in the DOM (and + layout). */
      async firstRender(impl, n, runs, warm) {
        const dom = [], layout = [];
        for (let r = 0; r < warm + runs; r++) {
          const h = host();
          const s = state(n);
          const a = performance.now();
          const el = load[impl](h, { state: s });
          while (count(el, impl) < n) await new Promise(requestAnimationFrame);
          const b = performance.now();
          void h.offsetHeight;
          const c = performance.now();
          if (r >= warm) { dom.push(b - a); layout.push(c - a); }
          h.remove();
          await settle();
        }
        return { dom: median(dom), layout: median(layout) };
      },
      /** One round at `n` steps: `k` one-step updates, then one update completing all. */
      async updates(impl, n, k) {
        const h = host();
        const el = load[impl](h, { state: state(n) });
        void h.offsetHeight;
        await settle();
        const one = [], oneLayout = [];
        for (let i = 0; i < k; i++) {
          const id = `s${n - 1 - i * Math.floor((n / 2) / k)}`;
          const a = performance.now();
          el.update({ steps: [{ id, status: "complete" }] });
          const row = el.shadowRoot.querySelector(`li[data-id="${id}"]`);
          while (row.dataset.status !== "complete") await new Promise(requestAnimationFrame);
          const b = performance.now();
          void h.offsetHeight;
          const c = performance.now();
          one.push(b - a); oneLayout.push(c - a);
          await settle();
        }
        const [all, allLayout] = await timeCompleting(h, el, impl, n);
        h.remove();
        await settle();
        return { one, oneLayout, all, allLayout };
      },
      /** Median ms to mount `widgets` widgets of `n` steps each. */
      async many(impl, widgets, n, runs, warm) {
        const dom = [], layout = [];
        for (let r = 0; r < warm + runs; r++) {
          const h = host();
          const states = Array.from({ length: widgets }, () => state(n, 3));
          const a = performance.now();
          const els = states.map((s) => load[impl](h, { state: s }));
          for (const el of els) while (count(el, impl) < n) await new Promise(requestAnimationFrame);
          const b = performance.now();
          void h.offsetHeight;
          const c = performance.now();
          if (r >= warm) { dom.push(b - a); layout.push(c - a); }
          h.remove();
          await settle();
        }
        return { dom: median(dom), layout: median(layout) };
      },
      /** Mounts 100 widgets of 7 steps and one of 500, and keeps them. */
      mountForHeap(impl) {
        const h = host();
        for (let i = 0; i < 100; i++) load[impl](h, { state: state(7, 3) });
        load[impl](h, { state: state(500) });
        void h.offsetHeight;
        return h.querySelectorAll("*").length;
      },
      /** `k` whole-document updates at `n` steps (one step changed in each), each timed with and without layout. */
      async wholeDocs(impl, n, k) {
        const h = host();
        const el = load[impl](h, { state: state(n) });
        while (count(el, impl) < n) await new Promise(requestAnimationFrame);
        void h.offsetHeight;
        await settle();
        const doc = [], docLayout = [];
        const text = JSON.stringify(state(n));
        for (let i = 0; i < k; i++) {
          // A step near the end toggles each time, as a poll brings news of it.
          const id = `s${n - 1 - (i % Math.max(1, n >> 1))}`;
          const next = JSON.parse(text);
          const target = next.steps.find((s) => s.id === id);
          target.status = el.shadowRoot.querySelector(`li[data-id="${id}"]`).dataset.status === "complete" ? "active" : "complete";
          const a = performance.now();
          el.state = next;
          const row = el.shadowRoot.querySelector(`li[data-id="${id}"]`);
          while (row.dataset.status !== target.status) await new Promise(requestAnimationFrame);
          const b = performance.now();
          void h.offsetHeight;
          const c = performance.now();
          doc.push(b - a); docLayout.push(c - a);
          await settle();
        }
        h.remove();
        await settle();
        return { doc, docLayout };
      },
      /** One patch completing all `n` steps, until every row shows it. */
      async completeAll(impl, n) {
        const h = host();
        const el = load[impl](h, { state: state(n) });
        while (count(el, impl) < n) await new Promise(requestAnimationFrame);
        void h.offsetHeight;
        await settle();
        const [ms] = await timeCompleting(h, el, impl, n);
        h.remove();
        await settle();
        return ms;
      },
      async wasmBytes() {
        if (!load.momentum) return 0;
        return globalThis[Symbol.for("momentum.memory")].buffer.byteLength;
      },
    };
    return true;
  }, [which, PKG]);
}

/** ms from `import()` of the module to all `n` steps in the DOM, in a fresh context (empty cache). */
async function coldRender(impl, n) {
  const context = await browser.newContext();
  const page = await benchPage(context);
  const ms = await page.evaluate(async ([impl, n, PKG]) => {
    const steps = Array.from({ length: n }, (_, i) => ({
      id: `s${i}`, label: `Step ${i + 1}: do the thing number ${i + 1}`,
      status: i < Math.floor(n / 5) ? "complete" : i === Math.floor(n / 5) ? "active" : "pending", estimate: `${(i % 9) + 1}m`,
    }));
    const sel = impl === "momentum" ? "li[part~=step]" : "li.step";
    const a = performance.now();
    const mod = await import(impl === "momentum" ? `${PKG}/momentum.js` : "/__bench__/vanilla-stepper.js");
    const el = (mod.mount ?? mod.mountVanilla)(document.getElementById("stage"), { state: { steps } });
    while (!el.shadowRoot || el.shadowRoot.querySelectorAll(sel).length < n) await new Promise(requestAnimationFrame);
    return performance.now() - a;
  }, [impl, n, PKG]);
  await context.close();
  return ms;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const IMPLS = ["momentum", "vanilla"];
const results = {};
const put = (key, impl, value) => { (results[key] ??= {})[impl] = value; };

// Timings: both implementations in one page, interleaved.
{
  const page = await benchPage();
  await harness(page, IMPLS);
  const warm = 5;
  for (const n of [7, 500]) {
    const runs = { momentum: { dom: [], layout: [] }, vanilla: { dom: [], layout: [] } };
    // Interleave in blocks: one measurement each, alternating who goes first.
    for (let r = 0; r < repeats; r++) {
      const order = r % 2 ? [...IMPLS].reverse() : IMPLS;
      for (const impl of order) {
        const m = await page.evaluate(([impl, n, w]) => window.__bench.firstRender(impl, n, 1, w), [impl, n, r === 0 ? warm : 0]);
        runs[impl].dom.push(m.dom); runs[impl].layout.push(m.layout);
      }
    }
    for (const impl of IMPLS) {
      put(`first render, ${n} steps`, impl, median(runs[impl].dom));
      put(`first render + layout, ${n} steps`, impl, median(runs[impl].layout));
    }
  }
  // Updates at 500 steps: 5 rounds of 20 one-step updates and one complete-all, interleaved.
  const upd = { momentum: { one: [], oneLayout: [], all: [], allLayout: [] }, vanilla: { one: [], oneLayout: [], all: [], allLayout: [] } };
  for (const impl of IMPLS) await page.evaluate((impl) => window.__bench.updates(impl, 500, 20), impl); // warm-up
  for (let r = 0; r < 5; r++) {
    for (const impl of r % 2 ? [...IMPLS].reverse() : IMPLS) {
      const m = await page.evaluate((impl) => window.__bench.updates(impl, 500, 20), impl);
      upd[impl].one.push(...m.one); upd[impl].oneLayout.push(...m.oneLayout); upd[impl].all.push(m.all); upd[impl].allLayout.push(m.allLayout);
    }
  }
  for (const impl of IMPLS) {
    put("update one step, 500 steps", impl, median(upd[impl].one));
    put("update one step + layout, 500 steps", impl, median(upd[impl].oneLayout));
    put("update completing all, 500 steps", impl, median(upd[impl].all));
    put("update completing all + layout, 500 steps", impl, median(upd[impl].allLayout));
  }
  // Whole documents at 7 and 500 steps: 5 rounds of 20, interleaved; and completing all at 7.
  for (const n of [7, 500]) {
    const w = { momentum: { doc: [], docLayout: [] }, vanilla: { doc: [], docLayout: [] } };
    for (const impl of IMPLS) await page.evaluate(([impl, n]) => window.__bench.wholeDocs(impl, n, 10), [impl, n]); // warm-up
    for (let r = 0; r < 5; r++) {
      for (const impl of r % 2 ? [...IMPLS].reverse() : IMPLS) {
        const m = await page.evaluate(([impl, n]) => window.__bench.wholeDocs(impl, n, 20), [impl, n]);
        w[impl].doc.push(...m.doc); w[impl].docLayout.push(...m.docLayout);
      }
    }
    for (const impl of IMPLS) {
      put(`whole-document update, ${n} steps`, impl, median(w[impl].doc));
      put(`whole-document update + layout, ${n} steps`, impl, median(w[impl].docLayout));
    }
  }
  {
    const all7 = { momentum: [], vanilla: [] };
    for (let r = 0; r < repeats + 3; r++) {
      for (const impl of r % 2 ? [...IMPLS].reverse() : IMPLS) {
        const m = await page.evaluate(([impl]) => window.__bench.completeAll(impl, 7), [impl]);
        if (r >= 3) all7[impl].push(m);
      }
    }
    for (const impl of IMPLS) put("update completing all, 7 steps", impl, median(all7[impl]));
  }
  const many = { momentum: { dom: [], layout: [] }, vanilla: { dom: [], layout: [] } };
  const manyRuns = Math.max(5, Math.round(repeats / 2));
  for (let r = 0; r < manyRuns; r++) {
    for (const impl of r % 2 ? [...IMPLS].reverse() : IMPLS) {
      const m = await page.evaluate(([impl, w]) => window.__bench.many(impl, 100, 7, 1, w), [impl, r === 0 ? 2 : 0]);
      many[impl].dom.push(m.dom); many[impl].layout.push(m.layout);
    }
  }
  for (const impl of IMPLS) {
    put("100 widgets × 7 steps, mount", impl, median(many[impl].dom));
    put("100 widgets × 7 steps, mount + layout", impl, median(many[impl].layout));
  }
  await page.close();
}

// First render including module load: a fresh context (empty cache) per run, interleaved.
{
  const cold = { 7: { momentum: [], vanilla: [] }, 500: { momentum: [], vanilla: [] } };
  const coldRuns = Math.max(7, Math.round(repeats / 3));
  for (let r = 0; r < coldRuns; r++) {
    for (const n of [7, 500]) {
      for (const impl of r % 2 ? [...IMPLS].reverse() : IMPLS) cold[n][impl].push(await coldRender(impl, n));
    }
  }
  for (const n of [7, 500]) for (const impl of IMPLS) put(`first render incl. module load (fresh context), ${n} steps`, impl, median(cold[n][impl]));
}

// Memory: a fresh page per implementation, each loading only its own code.
const heap = {};
for (const impl of IMPLS) {
  const page = await benchPage();
  const cdp = await page.context().newCDPSession(page);
  const gc = async () => { for (let i = 0; i < 3; i++) await cdp.send("HeapProfiler.collectGarbage"); };
  const usage = async () => {
    await gc();
    const u = await cdp.send("Runtime.getHeapUsage");
    const dom = await cdp.send("Memory.getDOMCounters");
    return { js: u.usedSize, embedder: u.embedderHeapUsedSize ?? 0, nodes: dom.nodes, wasm: await page.evaluate(() => window.__bench.wasmBytes()) };
  };
  await harness(page, [impl]);
  const load = await page.evaluate((impl) => window.__bench.load[impl], impl);
  const before = await usage();
  await page.evaluate((impl) => window.__bench.mountForHeap(impl), impl);
  await page.waitForTimeout(200);
  const after = await usage();
  heap[impl] = { before, after, load };
  await page.close();
}

const chromiumVersion = browser.version();
await browser.close();
server.kill("SIGKILL"); // SIGTERM waits for open connections, keeping the port busy for the next run

const mb = (b) => `${(b / 1048576).toFixed(2)} MB`;
put("module load (import, incl. wasm)", "momentum", heap.momentum.load);
put("module load (import, incl. wasm)", "vanilla", heap.vanilla.load);
const memRows = [
  ["JS heap (V8) after mount", (h) => h.after.js],
  ["JS heap (V8) growth from mounting", (h) => h.after.js - h.before.js],
  ["DOM heap (Blink) growth from mounting", (h) => h.after.embedder - h.before.embedder],
  ["wasm linear memory after mount", (h) => h.after.wasm],
  ["JS + DOM + wasm after mount", (h) => h.after.js + h.after.embedder + h.after.wasm],
];

const cpu = (() => { try { return (readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.*)$/m) || [])[1] || os.cpus()[0]?.model; } catch { return os.cpus()[0]?.model; } })();
const nproc = os.availableParallelism ? os.availableParallelism() : os.cpus().length;
// Issue 16's targets, as ratios to the vanilla stepper of the same run.
const GOALS = {
  "whole-document update, 7 steps": 1.5, "whole-document update, 500 steps": 2,
  "first render incl. module load (fresh context), 7 steps": 1.3, "first render incl. module load (fresh context), 500 steps": 1.6,
  "update completing all, 7 steps": 1.5, "update completing all, 500 steps": 1.5,
  "100 widgets × 7 steps, mount": 2,
};

console.log(`Momentum vs a hand-written vanilla-JS stepper (e2e/bench/vanilla-stepper.js), one run of headless Chromium ${chromiumVersion}`);
console.log(`Machine: ${nproc} CPUs (nproc), ${cpu}; Node ${process.version}. Momentum from ${PKG}/. Times: median of ${repeats} runs (updates and whole documents: 5 rounds × 20; fresh-context renders: ${Math.max(7, Math.round(repeats / 3))}), ms.`);
console.log("");
console.log("| metric | Momentum | baseline | ratio (Momentum/baseline) | goal |");
console.log("|---|---|---|---|---|");
const ms = (x) => `${x < 1 ? x.toFixed(3) : x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;
for (const [metric, r] of Object.entries(results)) {
  const ratio = r.momentum / r.vanilla;
  const goal = GOALS[metric];
  const verdict = goal ? `≤ ${goal}× ${ratio <= goal ? "(met)" : "(NOT met)"}` : "";
  console.log(`| ${metric} | ${ms(r.momentum)} | ${ms(r.vanilla)} | ${ratio.toFixed(2)}× | ${verdict} |`);
}
console.log(`| (memory: 100 widgets × 7 steps + 1 × 500 steps, after CDP garbage collection) | | | | |`);
for (const [metric, f] of memRows) {
  const m = f(heap.momentum), v = f(heap.vanilla);
  console.log(`| ${metric} | ${mb(m)} | ${v ? mb(v) : "—"} | ${v ? `${(m / v).toFixed(2)}×` : "—"} | |`);
}
console.log(`| DOM nodes after mount | ${heap.momentum.after.nodes} | ${heap.vanilla.after.nodes} | ${(heap.momentum.after.nodes / heap.vanilla.after.nodes).toFixed(2)}× | |`);
