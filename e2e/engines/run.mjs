#!/usr/bin/env node
// Runs the cross-engine cases (specs/*.mjs) in Chromium, Firefox and WebKit
// against the real server, launching each browser once and reusing it.
//
//   node engines/run.mjs [--engine firefox]… [--grep TEXT]
//
// Environment: MOMENTUM_ENGINES (comma-separated engines, default all three),
// MOMENTUM_ENGINES_PORT (the server's port; default MOMENTUM_TEST_PORT + 10,
// else 8798), MOMENTUM_WEBKIT_PORT (WebKitWebDriver's port; default a free one).
//
// Prints one line per case, a summary per engine, and last
// "engines: N passed, N failed" (", N skipped" when some were). Exits non-zero
// on any failure, or when no case ran.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ENGINES, launch } from "./drivers.mjs";
import { ROOT, RunFiles, Skip, cases, context } from "./harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => args.flatMap((a, i) => (a === name && args[i + 1] ? [args[i + 1]] : []));
const engines = flag("--engine").length ? flag("--engine")
  : (process.env.MOMENTUM_ENGINES || ENGINES.join(",")).split(",").map((e) => e.trim()).filter(Boolean);
const grep = flag("--grep")[0];
const port = Number(process.env.MOMENTUM_ENGINES_PORT) || (Number(process.env.MOMENTUM_TEST_PORT) || 8788) + 10;
const origin = `http://127.0.0.1:${port}`;

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const color = (code, s) => (process.stdout.isTTY ? `\x1b[${code}m${s}\x1b[0m` : s);

for (const file of readdirSync(join(here, "specs")).filter((f) => f.endsWith(".mjs")).sort()) {
  const before = cases.length;
  await import(pathToFileURL(join(here, "specs", file)).href);
  for (const c of cases.slice(before)) c.file = file;
}
const selected = cases.filter((c) => !grep || c.name.includes(grep));

// --- the server ---------------------------------------------------------------
if (await fetch(`${origin}/`).then(() => true, () => false)) {
  console.error(`engines: port ${port} is already in use; set MOMENTUM_ENGINES_PORT to a free port`);
  console.log("engines: 0 passed, 1 failed");
  process.exit(1);
}
const server = spawn(join(ROOT, "target", "debug", "momentum-server"), ["--port", String(port), "--root", ROOT],
  { stdio: ["ignore", "ignore", "pipe"] });
let serverLog = "";
server.stderr.on("data", (d) => { serverLog = (serverLog + d).slice(-4000); });
const files = new RunFiles(`${process.pid}`);
const open = new Set();
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([...open].map((b) => b.close()));
  server.kill("SIGTERM");
  files.cleanup();
  process.exit(code);
}
process.on("SIGINT", () => stop(130));
process.on("SIGTERM", () => stop(143));

async function waitForServer() {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`momentum-server exited (${server.exitCode}): ${serverLog}`);
    try { if ((await fetch(`${origin}/index.html`)).ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`momentum-server did not answer on ${origin} within 30 s`);
}

/** Runs `fn` with a time limit; a case that overruns fails (and its browser is replaced). */
function limited(ms, fn) {
  let timer;
  return Promise.race([
    fn().finally(() => clearTimeout(timer)),
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`the case took longer than ${ms} ms`)), ms); }),
  ]);
}

// --- the run ------------------------------------------------------------------
const totals = { passed: 0, failed: 0, skipped: 0 };
const perEngine = [];
const failures = [];
const started = Date.now();
try {
  await waitForServer();
  for (const engine of engines) {
    const mine = selected.filter((c) => !c.options.engines || c.options.engines.includes(engine));
    const stats = { engine, passed: 0, failed: 0, skipped: 0, launchMs: 0, casesMs: 0 };
    const t0 = Date.now();
    // One browser per profile (normally one), started on first use and reused.
    const browsers = new Map();
    const browserFor = async (profile) => {
      const key = JSON.stringify(profile || {});
      if (!browsers.has(key)) {
        // One browser of an engine at a time (memory, and one WebKitWebDriver port).
        for (const other of [...browsers.keys()]) await retire(JSON.parse(other));
        const l0 = Date.now();
        const b = await launch(engine, profile || {});
        stats.launchMs += Date.now() - l0;
        browsers.set(key, b);
        open.add(b);
      }
      return browsers.get(key);
    };
    const retire = async (profile) => {
      const key = JSON.stringify(profile || {});
      const b = browsers.get(key);
      browsers.delete(key);
      open.delete(b);
      await b?.close().catch(() => {});
    };
    // Cases needing another profile run after the others, so each browser is started once.
    const ordered = [...mine.filter((c) => !c.options.profile), ...mine.filter((c) => c.options.profile)];
    for (const c of ordered) {
      let c0 = Date.now();
      let outcome, detail = "";
      try {
        const browser = await browserFor(c.options.profile);
        c0 = Date.now();
        const t = context({ engine, page: browser.page, files, origin });
        await limited(c.options.timeout ?? 30_000, async () => {
          await c.fn(t);
          if (!t.expectsErrors) {
            const errors = await t.errors();
            if (errors.length) throw new Error(`the page logged errors:\n    ${errors.join("\n    ")}`);
          }
        });
        outcome = "passed";
      } catch (e) {
        if (e instanceof Skip) { outcome = "skipped"; detail = e.message; }
        else {
          outcome = "failed";
          detail = e.stack || String(e);
          // A failed case may leave its browser busy or broken: start afresh.
          await retire(c.options.profile);
        }
      }
      const ms = Date.now() - c0;
      stats[outcome]++;
      const mark = { passed: color(32, "✓"), failed: color(31, "✗"), skipped: color(33, "-") }[outcome];
      console.log(`  ${mark} ${engine} › ${c.file} › ${c.name} (${ms} ms)${outcome === "skipped" ? ` skipped: ${detail}` : ""}`);
      if (outcome === "failed") {
        console.log(color(31, detail.split("\n").map((l) => `      ${l}`).join("\n")));
        failures.push(`${engine} › ${c.file} › ${c.name}`);
      }
    }
    for (const key of [...browsers.keys()]) await retire(JSON.parse(key));
    stats.totalMs = Date.now() - t0;
    stats.casesMs = stats.totalMs - stats.launchMs;
    perEngine.push(stats);
    for (const k of ["passed", "failed", "skipped"]) totals[k] += stats[k];
  }
} catch (e) {
  console.error(color(31, `engines: could not run: ${e.stack || e}`));
  totals.failed++;
}

console.log("");
for (const s of perEngine) {
  console.log(`${s.engine.padEnd(8)} ${s.passed} passed, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ""}` +
    ` in ${seconds(s.totalMs)} (launching ${seconds(s.launchMs)})`);
}
if (failures.length) console.log(color(31, `failed:\n  ${failures.join("\n  ")}`));
console.log(`all engines in ${seconds(Date.now() - started)}`);
console.log(`engines: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
await stop(totals.failed || totals.passed === 0 ? 1 : 0);
