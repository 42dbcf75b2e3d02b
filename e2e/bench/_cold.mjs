import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
const root = "/work/wt-cheaper", port = 8930, PKG = process.argv[2] || "/pkg";
const server = spawn(`${root}/target/debug/momentum-server`, ["--port", String(port), "--root", root], { stdio: ["ignore", "pipe", "inherit"] });
await new Promise((ok) => server.stdout.once("data", ok));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-dev-shm-usage"] });
for (let r = 0; r < 4; r++) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.route("**/__bench__/render.html", (rt) => rt.fulfill({ contentType: "text/html", body: `<!doctype html><html lang="en"><body><div id="stage"></div></body></html>` }));
  await page.goto(`http://127.0.0.1:${port}/__bench__/render.html`);
  const out = await page.evaluate(async (PKG) => {
    const a = performance.now();
    const mod = await import(`${PKG}/momentum.js`);
    const b = performance.now();
    const el = mod.mount(document.getElementById("stage"), { state: { steps: [{ id: "a", label: "A" }] } });
    while (!el.shadowRoot || !el.shadowRoot.querySelector("li[part~=step]")) await new Promise(requestAnimationFrame);
    const c = performance.now();
    const res = performance.getEntriesByType("resource").filter((e) => /momentum/.test(e.name)).map((e) => [e.name.split("/").pop(), Math.round(e.startTime - a), Math.round(e.responseEnd - a)]);
    return { importMs: Math.round(b - a), renderedMs: Math.round(c - a), res };
  }, PKG);
  console.log(JSON.stringify(out));
  await ctx.close();
}
await browser.close(); server.kill();
