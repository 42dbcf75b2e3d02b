// Benchmark (run on demand with `make bench`, not part of the test pass/fail):
// requests per hour for one widget on an unchanged endpoint, and for 100
// widgets on one page sharing the same src, measured against the real server.
//
//   node bench/requests.mjs [seconds=30]
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const seconds = Number(process.argv[2] || 30);
const port = 8797;
const root = fileURLToPath(new URL("../..", import.meta.url));
const base = `http://127.0.0.1:${port}`;
const poll = 2; // seconds; the measurement scales linearly with the interval

const server = spawn(`${root}/target/debug/momentum-server`, ["--port", String(port), "--root", root], { stdio: ["ignore", "pipe", "inherit"] });
await new Promise((ok) => server.stdout.once("data", ok));

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-dev-shm-usage"] });

async function run(widgets) {
  const session = `bench-${widgets}-${Date.now()}`;
  const page = await browser.newPage();
  const statuses = {};
  page.on("response", (r) => { if (r.url().includes("/api/")) statuses[r.status()] = (statuses[r.status()] || 0) + 1; });
  await page.route("**/bench.html", (r) => r.fulfill({ contentType: "text/html", body:
    `<!doctype html><link rel="icon" href="/favicon.svg"><script type="module" src="/pkg/momentum.js"></script>` +
    Array.from({ length: widgets }, () => `<momentum-progress src="/api/static?session=${session}" poll="${poll}s"></momentum-progress>`).join("") }));
  await page.goto(`${base}/bench.html`);
  await page.waitForTimeout(seconds * 1000);
  const { count } = await (await fetch(`${base}/api/requests?session=${session}`)).json();
  await page.close();
  const perHour = (count / seconds) * 3600;
  return { widgets, count, perHour, atDefault: perHour * (poll / 30), statuses };
}

const one = await run(1);
const hundred = await run(100);
await browser.close();
server.kill();

const fmt = (n) => Math.round(n).toLocaleString("en-US");
console.log(`Requests to an unchanged endpoint over ${seconds} s, poll=${poll}s (scaled to the default poll=30s in the last column):`);
console.log(`| widgets on the page | requests | per hour at poll=${poll}s | per hour at poll=30s | responses |`);
console.log(`|---|---|---|---|---|`);
for (const r of [one, hundred]) {
  console.log(`| ${r.widgets} | ${r.count} | ${fmt(r.perHour)} | ${fmt(r.atDefault)} | ${JSON.stringify(r.statuses)} |`);
}
console.log(`ratio, 100 widgets / 1 widget: ${(hundred.count / one.count).toFixed(2)} (100.00 if every widget polled on its own)`);
