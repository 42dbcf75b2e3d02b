// Benchmark (run on demand with `make bench`, not part of the test pass/fail):
// requests and bytes per hour at the server for one browser with 3 tabs of
// 10 widgets each on one URL (an unchanged document), measured against the
// real server, for
//   - this client: one poller per URL per browser (rule 47);
//   - before: the same page with BroadcastChannel and Web Locks removed, which
//     is what Momentum did before rule 47 (one poller per URL per page);
//   - every widget on its own: each widget given its own URL, as if every
//     widget polled by itself;
// then what the load model (load-model.mjs) predicts for the same setting.
//
//   node bench/tabs.mjs [seconds=30]     (MOMENTUM_BENCH_PORT, default 8796)
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { model } from "./load-model.mjs";

const seconds = Number(process.argv[2] || 30);
const port = Number(process.env.MOMENTUM_BENCH_PORT) || 8796;
const root = fileURLToPath(new URL("../..", import.meta.url));
const base = `http://127.0.0.1:${port}`;
const poll = 2; // seconds; the counts scale linearly with the interval
const TABS = 3, WIDGETS = 10;

const server = spawn(`${root}/target/debug/momentum-server`, ["--port", String(port), "--root", root], { stdio: ["ignore", "pipe", "inherit"] });
await new Promise((ok) => server.stdout.once("data", ok));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-dev-shm-usage"] });

async function run(name, { alone = false, ownUrl = false } = {}) {
  const session = `bench-tabs-${name.replace(/\W+/g, "-")}-${Date.now()}`;
  const context = await browser.newContext({ baseURL: base });
  if (alone) await context.addInitScript(() => { delete window.BroadcastChannel; delete Navigator.prototype.locks; });
  await context.route("**/bench-tab.html*", (r) => {
    const tab = new URL(r.request().url()).searchParams.get("tab");
    const src = (i) => `/api/static?session=${session}${ownUrl ? `&w=${tab}-${i}` : ""}`;
    r.fulfill({ contentType: "text/html", body:
      `<!doctype html><link rel="icon" href="/favicon.svg"><script type="module" src="/pkg/momentum.js"></script>` +
      Array.from({ length: WIDGETS }, (_, i) => `<momentum-progress src="${src(i)}" poll="${poll}s"></momentum-progress>`).join("") });
  });
  const pages = [];
  for (let t = 0; t < TABS; t++) {
    const page = await context.newPage();
    await page.goto(`/bench-tab.html?tab=${t}`);
    pages.push(page);
  }
  for (const page of pages) {
    await page.waitForFunction(() => [...document.querySelectorAll("momentum-progress")].every((w) => w.shadowRoot?.querySelector("li")));
  }
  await fetch(`${base}/api/requests/reset?session=${session}`, { method: "POST" });
  const answers = [];
  context.on("response", (r) => {
    if (r.url().includes(session)) answers.push(r.request().sizes().then((s) => ({ status: r.status(), bytes: s.responseHeadersSize + s.responseBodySize }), () => null));
  });
  await pages[0].waitForTimeout(seconds * 1000);
  const { count } = await (await fetch(`${base}/api/requests?session=${session}`)).json();
  const seen = (await Promise.all(answers)).filter(Boolean);
  await context.close();
  const statuses = {}, sizes = {};
  for (const a of seen) {
    statuses[a.status] = (statuses[a.status] || 0) + 1;
    (sizes[a.status] ??= []).push(a.bytes);
  }
  const mean = (xs) => (xs?.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const bytes = seen.reduce((a, b) => a + b.bytes, 0);
  return { name, count, perHour: (count / seconds) * 3600, bytesPerHour: (bytes / seconds) * 3600, statuses, size304: mean(sizes[304]), size200: mean(sizes[200]) };
}

const after = await run("one poller per URL per browser (now)");
const before = await run("one poller per URL per page (before)", { alone: true });
const naive = await run("every widget on its own URL", { alone: true, ownUrl: true });
await browser.close();
server.kill();

const fmt = (n) => Math.round(n).toLocaleString("en-US");
const kb = (n) => `${(n / 1000).toLocaleString("en-US", { maximumFractionDigits: 1 })} kB`;
const scale = poll / 30;
console.log(`${TABS} tabs × ${WIDGETS} widgets on one URL (an unchanged document), ${seconds} s at poll=${poll}s; per hour also scaled to the default poll=30s:`);
console.log(`| client | requests | per hour at poll=${poll}s | per hour at poll=30s | bytes per hour at poll=30s | answers |`);
console.log(`|---|---|---|---|---|---|`);
for (const r of [naive, before, after]) {
  console.log(`| ${r.name} | ${r.count} | ${fmt(r.perHour)} | ${fmt(r.perHour * scale)} | ${kb(r.bytesPerHour * scale)} | ${JSON.stringify(r.statuses)} |`);
}
console.log(`ratio, before / now: ${(before.count / after.count).toFixed(2)} (${TABS}.00 expected); every widget / now: ${(naive.count / after.count).toFixed(2)} (${TABS * WIDGETS}.00 expected)`);

// The model for the same setting: 1 customer, every tab visible, nothing complete,
// every answer a 304 of the size measured.
const m = model(1, { tabs: TABS, visible: 1, widgets: WIDGETS, poll: 30, complete: 0, notModified: 1, notModifiedBytes: after.size304 || 1 });
console.log(`the load model, same setting at poll=30s: per page ${fmt(m.perPage.requests * 3600)}/h, per browser ${fmt(m.perBrowser.requests * 3600)}/h ` +
  `(measured: ${fmt(before.perHour * scale)}/h and ${fmt(after.perHour * scale)}/h)`);
