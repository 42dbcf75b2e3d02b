// A wasm that cannot load never reaches the host page (rule 37), in every
// engine: a .wasm that answers 404, a request that fails at the network, and a
// Content-Security-Policy without 'wasm-unsafe-eval'. The host's own module
// code after the import runs, one `Momentum:` console error names the .wasm
// URL and the cause, every widget fires momentum-error without a status or a
// retry, the fallback lists stay, and the element API never throws.
//
// Engines differ in what a failing module looks like, so each page's *first*
// importer of momentum.js is a static import whose own next line is checked:
// WebKit (2.50) runs nothing of the first module graph that imports a module
// whose evaluation rejected, reports no error at all, and then lets every
// later importer (static or dynamic `import()`) run as if the module had
// loaded. Chromium and Firefox fail every importer and report an uncaught
// error. WebKit also fires no `securitypolicyviolation` event when a CSP
// blocks WebAssembly (Chromium and Firefox report `script-src wasm-eval`).
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { test, assert, ROOT } from "../harness.mjs";
import { WIDGETS, useApiAfterFailure } from "../../tests/failed-load.mjs";

const BUNDLE = () => readFileSync(join(ROOT, "pkg", "momentum.js"), "utf8");

/**
 * A host module (a file) that imports `momentum` statically and records that
 * its own code after the import ran; and one that imports it dynamically.
 */
function hostModules(t, dir, momentum) {
  return {
    static: t.write(`${dir}/host.js`, `import { mount } from ${JSON.stringify(momentum)};\nwindow.__static = typeof mount;\n`),
    dynamic: t.write(`${dir}/late.js`,
      `import(${JSON.stringify(momentum)}).then((m) => { window.__dynamic = typeof m.mount; }, (e) => { window.__dynamic = "rejected: " + e; });\n`),
  };
}

/** A TCP port on this machine that nothing listens on (a refused connection, as when the server is down). */
function closedPort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

/**
 * What every failed load shares: the host's modules ran, nothing uncaught,
 * one actionable `Momentum:` line naming `wasmUrl` and the cause, each widget
 * fired momentum-error with status and retryInMs null, every fallback list is
 * visible, the API works without throwing, and a widget placed later is told.
 */
async function failedGracefully(t, wasmUrl, cause, { allowed = [] } = {}) {
  t.allowErrors();
  await t.wait(() => window.__mo.events.filter((e) => e.type === "momentum-error").length === 3, null,
    { message: "momentum-error from each widget" });
  await t.wait(() => window.__static && window.__dynamic, null, { message: "the host's modules ran" });
  assert.deepEqual(await t.eval(() => [window.__static, window.__dynamic]), ["function", "function"]);

  const errors = await t.errors();
  const ours = errors.filter((e) => e.startsWith("console.error: Momentum:"));
  assert.equal(ours.length, 1, errors.join("\n"));
  assert.ok(ours[0].includes(wasmUrl), ours[0]);
  assert.match(ours[0], cause);
  // Nothing uncaught or rejected, and no other console error: only what the
  // case expects from the browser itself (a CSP violation report).
  const others = errors.filter((e) => !e.startsWith("console.error: Momentum:") && !allowed.some((a) => a.test(e)));
  assert.deepEqual(others, []);

  const events = await t.events("momentum-error");
  assert.deepEqual(events.map((e) => [e.target, e.id]).sort(), [["DIV", "div"], ["MOMENTUM-PROGRESS", ""], ["MOMENTUM-PROGRESS", "el"]]);
  for (const e of events) {
    assert.equal(e.detail.status, null);
    assert.equal(e.detail.retryInMs, null);
    assert.match(e.detail.message, cause);
    assert.ok(e.detail.message.includes(wasmUrl), e.detail.message);
  }

  // What a reader sees: every fallback list, in every form.
  const lists = await t.eval(() => {
    const shown = (sel) => {
      const el = document.querySelector(sel);
      return [...el.querySelectorAll("li")].filter((li) => li.getBoundingClientRect().height > 0).map((li) => window.__mo.text(li));
    };
    return { el: shown("#el"), list: shown("#list"), div: shown("#div"), listHidden: document.getElementById("list").hidden };
  });
  assert.deepEqual(lists, { el: ["Alpha", "Beta"], list: ["Placed", "Shipped"], div: ["Profile"], listHidden: false });

  const api = await t.eval(useApiAfterFailure);
  assert.equal(api.threw, undefined);
  assert.deepEqual({ ...api, refresh: undefined }, {
    defined: true, inserted: "momentum-progress", backToList: true,
    el: { steps: 1, progress: 0, strings: "All set" }, "momentum-progress": { steps: 1, progress: 0, strings: "All set" },
    div: { steps: 1, progress: 0, strings: "All set" }, refresh: undefined,
  });
  assert.match(api.refresh, /^Momentum: could not load /);
  // A widget placed after the failure says so too; still one console line.
  await t.wait(() => window.__mo.events.some((e) => e.type === "momentum-error" && e.id === "late"), null,
    { message: "momentum-error from a widget placed later" });
  assert.equal((await t.errors()).filter((e) => e.startsWith("console.error: Momentum:")).length, 1);
  assert.deepEqual(await t.warnings(), []);
}

test("rule 37: a .wasm that answers 404 never reaches the host", async (t) => {
  // A copy of momentum.js in a folder with no .wasm beside it.
  const js = t.write("nowasm/momentum.js", BUNDLE());
  const host = hostModules(t, "nowasm", "./momentum.js");
  await t.open(WIDGETS, { module: js, head: `<script type="module" src="${host.static}"></script><script type="module" src="${host.dynamic}"></script>` });
  const wasm = t.url(js.replace(/momentum\.js$/, "momentum_wasm_bg.wasm"));
  await failedGracefully(t, wasm, /answered 404/);
  assert.match((await t.errors()).find((e) => e.includes("Momentum:")), /serve momentum_wasm_bg\.wasm next to momentum\.js/);
});

test("rule 37: a .wasm request that fails at the network (server down) never reaches the host", async (t) => {
  // The same module with its .wasm on a port where nothing listens: the fetch
  // fails as it does offline.
  const port = await closedPort();
  const wasm = `http://127.0.0.1:${port}/momentum_wasm_bg.wasm`;
  const bundle = BUNDLE();
  const rewired = bundle.replace('new URL("./momentum_wasm_bg.wasm",import.meta.url)', `new URL(${JSON.stringify(wasm)})`);
  assert.notEqual(rewired, bundle, "the bundle locates its .wasm as expected");
  const js = t.write("offline/momentum.js", rewired);
  const host = hostModules(t, "offline", "./momentum.js");
  await t.open(WIDGETS, { module: js, head: `<script type="module" src="${host.static}"></script><script type="module" src="${host.dynamic}"></script>` });
  await failedGracefully(t, wasm, /the request failed/);
});

test("rule 37: a CSP without 'wasm-unsafe-eval' (a meta tag) names the directive to add", async (t) => {
  const host = hostModules(t, "csp", "/pkg/momentum.js");
  await t.open(WIDGETS, {
    head: `<meta http-equiv="Content-Security-Policy" content="script-src 'self'">
      <script type="module" src="${host.static}"></script><script type="module" src="${host.dynamic}"></script>`,
  });
  await failedGracefully(t, t.url("/pkg/momentum_wasm_bg.wasm"), /Content Security Policy/, { allowed: [/^CSP violation: /] });
  const line = (await t.errors()).find((e) => e.includes("Momentum:"));
  assert.ok(line.includes("add 'wasm-unsafe-eval' to its script-src directive"), line);
  // Not a browser's own advice: 'unsafe-eval' would allow eval() too.
  assert.ok(!line.replaceAll("'wasm-unsafe-eval'", "").includes("unsafe-eval"), line);
});

test("rule 37: an inline module that imports momentum.js statically runs on when the .wasm is missing", async (t) => {
  const js = t.write("inline/momentum.js", BUNDLE());
  await t.open(`${WIDGETS}
    <script type="module">import { mount } from ${JSON.stringify(js)}; window.__static = typeof mount;</script>
    <script type="module">import(${JSON.stringify(js)}).then((m) => { window.__dynamic = typeof m.mount; });</script>`, { module: false });
  await failedGracefully(t, t.url(js.replace(/momentum\.js$/, "momentum_wasm_bg.wasm")), /answered 404/);
});
