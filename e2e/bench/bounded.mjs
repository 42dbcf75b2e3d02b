// Measurement (run on demand, not part of the test pass/fail): what each
// hostile input of issue 14 costs, in one headless Chromium run against the
// real server. Each reproduction runs in a fresh page:
//
//   node bench/bounded.mjs [pkg dir, default "pkg"] [only these names…]
//
// Printed per reproduction: the longest main-thread task (PerformanceObserver
// "longtask", 0 when none was over 50 ms), the characters of shadow text the
// widget shows, the wasm memory and the JS heap after garbage collection, the
// console errors, and whether the tab crashed. Point it at a saved copy of
// an older pkg/ (e.g. `cp -r pkg pkg-before` before a change) to compare.
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const dir = process.argv[2] || "pkg";
const only = process.argv.slice(3);
const port = Number(process.env.MOMENTUM_BENCH_PORT || 8799);
const root = fileURLToPath(new URL("../..", import.meta.url));
const base = `http://127.0.0.1:${port}`;

const server = spawn(`${root}/target/debug/momentum-server`, ["--port", String(port), "--root", root], { stdio: ["ignore", "pipe", "inherit"] });
await new Promise((ok) => server.stdout.once("data", ok));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-dev-shm-usage", "--enable-precise-memory-info"] });

/** A page with `body`, momentum.js from `dir`, and a long-task recorder. */
async function open(body, routes = {}) {
  const page = await browser.newPage();
  const errors = [];
  let crashed = false;
  page.on("crash", () => { crashed = true; });
  page.on("pageerror", (e) => errors.push(String(e).slice(0, 160)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text().slice(0, 160)); });
  // Another copy of pkg/ (the server serves only pkg/): straight from the disk.
  if (dir !== "pkg") {
    await page.route(`**/${dir}/*`, (r) => {
      const file = new URL(r.request().url()).pathname.split("/").pop();
      r.fulfill({ path: `${root}/${dir}/${file}`, contentType: file.endsWith(".wasm") ? "application/wasm" : "text/javascript" });
    });
  }
  for (const [glob, make] of Object.entries(routes)) {
    await page.route(glob, (r) => r.fulfill({ contentType: "application/json", body: make() }));
  }
  await page.route("**/__bounded__.html", (r) => r.fulfill({ contentType: "text/html", body:
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="/favicon.svg">
     <script>window.__long = 0; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long = Math.max(window.__long, e.duration); }).observe({ type: "longtask", buffered: true });
     window.__imported = import("/${dir}/momentum.js").then(() => "ok", (e) => String(e));</script>
     </head><body>${body}</body></html>` }));
  await page.goto(`${base}/__bounded__.html`);
  const cdp = await page.context().newCDPSession(page);
  return { page, errors, cdp, crashed: () => crashed };
}

/** Runs `fn` in the page (with `arg`), then measures. */
async function run(name, body, fn, arg, { routes, settle = 300, after } = {}) {
  if (only.length && !only.includes(name)) return;
  const t = await open(body, routes);
  const { page, cdp } = t;
  const row = { name };
  try {
    row.import = await page.evaluate(() => window.__imported);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
    await page.evaluate(() => { window.__long = 0; });
    const started = Date.now();
    row.call = await Promise.race([
      // From a page task (a timer), so that the long-task observer sees it.
      page.evaluate(([code, arg]) => new Promise((ok, no) => setTimeout(() => {
        try { Promise.resolve((0, eval)(`(${code})`)(arg)).then(ok, no); } catch (e) { no(e); }
      }, 0)), [fn.toString(), arg]),
      new Promise((_, no) => setTimeout(() => no(new Error("no answer in 90 s")), 90_000)),
    ]);
    await page.waitForTimeout(settle);
    if (after) row.after = await page.evaluate(after);
    row.wallMs = Date.now() - started;
    row.longestTaskMs = Math.round(await page.evaluate(() => window.__long));
    row.shadowChars = await page.evaluate(() => [...document.querySelectorAll("momentum-progress, [data-momentum]")]
      .reduce((n, el) => n + (el.shadowRoot ? [...el.shadowRoot.childNodes].reduce((m, c) => m + (c.nodeName === "STYLE" ? 0 : c.textContent.length), 0) : 0), 0));
    for (let i = 0; i < 3; i++) await cdp.send("HeapProfiler.collectGarbage");
    row.heapMB = +((await cdp.send("Runtime.getHeapUsage")).usedSize / 2 ** 20).toFixed(1);
    row.wasmMB = await page.evaluate(() => +((globalThis[Symbol.for("momentum.memory")]?.buffer.byteLength ?? 0) / 2 ** 20).toFixed(1));
  } catch (e) {
    row.failed = String(e.message || e).split("\n")[0].slice(0, 120);
  }
  row.crashed = t.crashed();
  row.errors = t.errors;
  console.log(JSON.stringify(row));
  await page.close().catch(() => {});
}

const el = `<momentum-progress id="w"></momentum-progress>`;
const setState = (doc) => { document.getElementById("w").state = doc; return document.getElementById("w").state?.steps?.length ?? null; };

// 1. `requires` repeating one id, with a long label.
const requiresDoc = { steps: [{ id: "a", label: "x".repeat(4096) }, { id: "b", label: "B", requires: "a ".repeat(30000) }] };
await run("requires-repeat/el.state", el, setState, requiresDoc);
await run("requires-repeat-20k/el.state", el, setState, { steps: [requiresDoc.steps[0], { ...requiresDoc.steps[1], requires: "a ".repeat(20000) }] });
await run("requires-repeat/src", `<momentum-progress src="/bounded-src"></momentum-progress>`,
  () => new Promise((r) => setTimeout(r, 2000)), null, { routes: { "**/bounded-src": () => JSON.stringify(requiresDoc) } });
// 900 steps each requiring 100 long-labelled steps (no repeated id).
const dense = {
  steps: [
    ...Array.from({ length: 100 }, (_, i) => ({ id: `L${i}`, label: "x".repeat(3000) + i })),
    ...Array.from({ length: 900 }, (_, i) => ({ id: `d${i}`, label: `D${i}`, requires: Array.from({ length: 100 }, (_, k) => `L${k}`).join(" ") })),
  ],
};
console.log(`(dense requires document: ${JSON.stringify(dense).length} bytes; repeated: ${JSON.stringify(requiresDoc).length} bytes)`);
await run("requires-dense/el.state", el, setState, dense);

// 2. Duplicate long ids.
const dupes = { steps: Array.from({ length: 1000 }, () => ({ id: "i".repeat(300), label: "x" })) };
console.log(`(duplicate-id document: ${JSON.stringify(dupes).length} bytes)`);
await run("duplicate-ids/el.state", el, setState, dupes);
await run("duplicate-ids/src", `<momentum-progress src="/bounded-dupes"></momentum-progress>`,
  () => new Promise((r) => setTimeout(r, 3000)), null, { routes: { "**/bounded-dupes": () => JSON.stringify(dupes) }, settle: 1000 });

// 3. A bad `strings` value.
const deep = (n) => "[".repeat(n) + "]".repeat(n);
const manyKeys = JSON.stringify(Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`k${i}`, "v"])));
const attr = (s) => s.replaceAll("&", "&amp;").replaceAll('"', "&quot;");
await run("strings-deep/element", "", (json) => {
  const e = document.createElement("momentum-progress");
  e.setAttribute("strings", json);
  e.innerHTML = "<ol><li>One</li></ol>";
  document.body.append(e);
  let threw = null;
  try { e.state = { steps: [{ id: "a", label: "A" }] }; } catch (x) { threw = String(x); }
  return threw;
}, deep(40));
await run("strings-keys/data-momentum", `<ol data-momentum data-strings="${attr(manyKeys)}"><li>One</li></ol><ol data-momentum id="other"><li>Two</li></ol>`,
  () => new Promise((r) => setTimeout(r, 500)), null, { after: () => document.querySelectorAll("momentum-progress").length });

// 4. A wasm trap from the page API (a 360 MB string).
await run("huge-pad/el.state", el, () => {
  document.getElementById("w").state = { steps: [{ id: "a", label: "A" }], pad: "é" + "x".repeat(360e6) };
  return document.getElementById("w").state?.steps?.length ?? null;
}, null, { after: () => { const o = document.createElement("momentum-progress"); o.id = "o"; document.body.append(o); o.state = { steps: [{ id: "z", label: "Z" }] }; return o.shadowRoot?.querySelectorAll("li[part~=step]").length ?? 0; } });

// 5. Warnings remembered forever: 40 documents with 1,000 changing bad statuses, through refresh().
let poll = 0;
const badDoc = () => JSON.stringify({ sequence: ++poll, steps: Array.from({ length: 1000 }, (_, i) => ({ id: `s${i}`, label: "S", status: `${poll}`.padEnd(900, "z") })) });
await run("warnings/src x40", `<momentum-progress id="w" src="/bounded-warn" live="off"></momentum-progress>`, async () => {
  const e = document.getElementById("w");
  await new Promise((r) => setTimeout(r, 500));
  const heap = () => performance.memory.usedJSHeapSize;
  const h0 = heap();
  for (let i = 0; i < 40; i++) await e.refresh();
  return { heapGrowthMBnoGC: +((heap() - h0) / 2 ** 20).toFixed(1) };
}, null, { routes: { "**/bounded-warn": badDoc } });

// 6. A wrong order pins the widget.
for (const [name, first] of [["order/sequence-1e300", { sequence: 1e300 }], ["order/updatedAt-9999", { updatedAt: "9999-12-31T00:00:00Z" }]]) {
  let n = 0;
  await run(name, `<momentum-progress id="w" src="/bounded-order" live="off"></momentum-progress>`, async () => {
    const e = document.getElementById("w");
    await new Promise((r) => setTimeout(r, 300));
    const got = [];
    for (let i = 0; i < 4; i++) got.push((await e.refresh()).steps[0].label);
    return got;
  }, null, { routes: { "**/bounded-order": () => JSON.stringify(n++ === 0 ? { ...first, steps: [{ id: "a", label: "first" }] } : { sequence: n, updatedAt: new Date().toISOString(), steps: [{ id: "a", label: `later ${n}` }] }) } });
}
{
  let n = 0;
  await run("order/restarted-counter", `<momentum-progress id="w" src="/bounded-restart" live="off"></momentum-progress>`, async () => {
    const e = document.getElementById("w");
    await new Promise((r) => setTimeout(r, 300));
    const got = [];
    for (let i = 0; i < 4; i++) got.push((await e.refresh()).steps[0].label);
    return got;
  }, null, { routes: { "**/bounded-restart": () => JSON.stringify(n++ === 0 ? { sequence: 500, steps: [{ id: "a", label: "before restart" }] } : { sequence: n, steps: [{ id: "a", label: `after restart ${n}` }] }) } });
}

// 7. An object shared 26–28 levels deep.
await run("shared-deep/el.state", el, () => {
  let v = { steps: [{ id: "a", label: "A" }] };
  for (let i = 0; i < 27; i++) v = { a: v, b: v };
  const t = performance.now();
  document.getElementById("w").state = v;
  return Math.round(performance.now() - t);
});

await browser.close();
server.kill();
