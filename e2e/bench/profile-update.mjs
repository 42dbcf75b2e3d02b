// Profile of one whole-document update (run on demand, not part of the tests):
// where the time of `el.state = doc` goes, at 7 and 500 steps.
//
//   ./scripts/build.sh && cd e2e && node bench/profile-update.mjs [updates=300]
//
// The script part is bundled again from the build's staging folder
// (target/web/) without minifying, next to the wasm as wasm-bindgen wrote it
// (before wasm-opt, so it keeps its function names). Two measurements:
//
// 1. performance.now() around `el.state = doc` (all of it runs synchronously:
//    encode, the wasm, the patches) and around the forced style and layout
//    after it: medians.
// 2. A CPU profile (CDP, 25 µs sampling) of `updates` whole-document updates
//    without forced layout; the script's self time is split by source file and,
//    in the wasm, by Rust module, and scaled to the median of (1).
import { chromium } from "@playwright/test";
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, copyFileSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const updates = Number(process.argv[2] || 300);
const port = Number(process.env.MOMENTUM_BENCH_PORT || 8798);
const root = fileURLToPath(new URL("../..", import.meta.url));
const out = `${root}/target/profile`;
mkdirSync(out, { recursive: true });
execFileSync(`${root}/e2e/node_modules/.bin/esbuild`, [`${root}/target/web/momentum.js`, "--bundle", "--format=esm",
  "--loader:.css=text", "--log-level=warning", `--outfile=${out}/momentum.js`]);
copyFileSync(`${root}/target/web/momentum_wasm_bg.wasm`, `${out}/momentum_wasm_bg.wasm`);

// Source file of each line of the bundle, from esbuild's `// path` comments.
const fileOfLine = [];
{
  let file = "?";
  for (const line of readFileSync(`${out}/momentum.js`, "utf8").split("\n")) {
    const m = /^\/\/ .*?([\w-]+\.js)$/.exec(line);
    if (m) file = m[1];
    fileOfLine.push(file);
  }
}

const server = spawn(`${root}/target/debug/momentum-server`, ["--port", String(port), "--root", root], { stdio: ["ignore", "pipe", "inherit"] });
await new Promise((ok) => server.stdout.once("data", ok));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-dev-shm-usage"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
// The unminified build, from target/profile/ (the server serves only the site).
for (const [name, type] of [["momentum.js", "text/javascript"], ["momentum_wasm_bg.wasm", "application/wasm"]]) {
  await page.route(`**/__profile__/${name}`, (r) => r.fulfill({ contentType: type, body: readFileSync(`${out}/${name}`),
    headers: { "Cross-Origin-Resource-Policy": "same-origin" } }));
}
await page.route("**/__bench__/profile.html", (r) => r.fulfill({ contentType: "text/html",
  headers: { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" },
  body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="/favicon.svg"></head><body><div id="stage"></div></body></html>` }));
await page.goto(`http://127.0.0.1:${port}/__bench__/profile.html`);
await page.evaluate(async () => {
  const { mount } = await import("/__profile__/momentum.js");
  const state = (n) => ({ steps: Array.from({ length: n }, (_, i) => ({
    id: `s${i}`, label: `Step ${i + 1}: do the thing number ${i + 1}`,
    status: i < Math.floor(n / 5) ? "complete" : i === Math.floor(n / 5) ? "active" : "pending",
    estimate: `${(i % 9) + 1}m`, optional: i % 11 === 10 })) });
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
  window.__p = {
    async setup(n) {
      document.getElementById("stage").textContent = "";
      this.el = mount(document.getElementById("stage"), { state: state(n) });
      while (!this.el.shadowRoot || this.el.shadowRoot.querySelectorAll("li[part~=step]").length < n) await new Promise(requestAnimationFrame);
      this.n = n; this.text = JSON.stringify(state(n)); this.i = 0;
    },
    /** `k` whole documents, each parsed afresh (as a poll delivers them), one step near the end toggled in each. */
    docs(k) {
      const base = JSON.parse(this.text), docs = [];
      for (let i = 0; i < k; i++) {
        const s = base.steps[this.n - 1 - (this.i++ % Math.max(1, this.n >> 1))];
        s.status = s.status === "complete" ? "active" : "complete";
        docs.push(JSON.parse(JSON.stringify(base)));
      }
      return docs;
    },
    split(k) {
      const script = [], layout = [], docs = this.docs(k);
      for (const doc of docs) {
        const a = performance.now();
        this.el.state = doc;
        const b = performance.now();
        void this.el.offsetHeight;
        const c = performance.now();
        script.push(b - a); layout.push(c - b);
      }
      return { script: median(script), layout: median(layout) };
    },
    prepare(k) { this.ready = this.docs(k); },
    run() { for (const doc of this.ready) this.el.state = doc; },
  };
});

const cdp = await page.context().newCDPSession(page);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 25 });

/** The category of a profile node's self time. */
function category({ functionName: f, url, lineNumber }) {
  if (f === "(garbage collector)") return "garbage collection";
  if (f === "(program)" || f === "(idle)" || f === "(root)") return null;
  if (/\.wasm$/.test(url) || f.includes("::") || /^\$|^wasm-function/.test(f)) {
    if (/json::/.test(f)) return "wasm: read the JSON text";
    if (/model::|parse_doc|duration::|time::/.test(f)) return "wasm: read the document";
    if (/engine::Engine::accept|merge|idmap/.test(f)) return "wasm: merge";
    if (/plan::diff/.test(f)) return "wasm: diff";
    if (/plan::|estimate::|progress::|promise::|i18n::|clock::|calendar::|Format/.test(f)) return "wasm: plan (view)";
    if (/wire::|Writer|emit/.test(f)) return "wasm: write patches";
    if (/alloc|malloc|free|mem(cpy|move|set|cmp)|heap::|Vec|String|clone|drop_in_place/i.test(f)) return "wasm: memory (alloc, copy, drop)";
    return "wasm: other";
  }
  if (url.includes("/__profile__/momentum.js")) {
    const file = fileOfLine[lineNumber] ?? "?";
    return {
      "codec.js": "JS: check the limits, stringify (codec.js)",
      "momentum_wasm.js": "JS: wasm-bindgen glue (string copies)",
      "dom.js": "JS: apply patches (dom.js)",
      "widget.js": "JS: read instructions (widget.js)",
      "intl.js": "JS: Intl formatting (intl.js)",
      "net.js": "JS: net.js",
    }[file] ?? `JS: ${file}`;
  }
  if (url === "") return "native (DOM and built-ins called from the above)";
  return null; // the harness
}

const report = [];
for (const n of [7, 500]) {
  await page.evaluate((n) => window.__p.setup(n), n);
  await page.evaluate(() => window.__p.split(30)); // warm-up
  const split = await page.evaluate((k) => window.__p.split(k), Math.max(50, updates >> 1));
  await page.evaluate((k) => window.__p.prepare(k), updates);
  await cdp.send("Profiler.start");
  await page.evaluate(() => window.__p.run());
  const { profile } = await cdp.send("Profiler.stop");
  const self = new Map(), fns = new Map();
  const dt = new Map(profile.nodes.map((nd) => [nd.id, 0]));
  profile.samples.forEach((id, i) => dt.set(id, dt.get(id) + (profile.timeDeltas[i + 1] ?? 0)));
  let total = 0;
  for (const nd of profile.nodes) {
    const c = category(nd.callFrame);
    const t = dt.get(nd.id);
    if (!c || !t) continue;
    self.set(c, (self.get(c) ?? 0) + t);
    const f = `${nd.callFrame.functionName || "(anonymous)"} [${c}]`;
    fns.set(f, (fns.get(f) ?? 0) + t);
    total += t;
  }
  const top = [...fns].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([f, t]) => [f, t / total]);
  report.push({ n, split, top, rows: [...self].sort((a, b) => b[1] - a[1]).map(([c, t]) => [c, t / total]) });
}
await browser.close();
server.kill("SIGKILL");

console.log(`One whole-document update (el.state = doc, one step changed), headless Chromium ${browser.version?.() ?? ""}`);
for (const { n, split, rows, top } of report) {
  console.log(`\n${n} steps: script ${split.script.toFixed(3)} ms (median), then style + layout ${split.layout.toFixed(3)} ms (median)`);
  console.log("| where the script time goes | share | ms |\n|---|---|---|");
  for (const [c, share] of rows) if (share >= 0.005) console.log(`| ${c} | ${(share * 100).toFixed(1)}% | ${(share * split.script).toFixed(3)} |`);
  console.log("Functions with the most self time:");
  for (const [f, share] of top) console.log(`  ${(share * 100).toFixed(1)}%  ${f.replace(/::h[0-9a-f]{16}/g, "")}`);
}
