// A good guest in every host page (issue 13, rules 36-38 and 41): a wasm that
// cannot load never reaches the host's code, properties set before the upgrade
// are kept, old completions are no news, a document that only moves its order
// fires nothing, and the silent mistakes warn. Checked from outside in Chromium.
import { test, expect } from "@playwright/test";
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { ROOT, installedPackage } from "../global-setup.mjs";
import { watch, blank, events } from "./helpers.mjs";
import { WIDGETS, useApiAfterFailure } from "./failed-load.mjs";

const WASM = "**/pkg/momentum_wasm_bg.wasm";

/** Widgets in each form, with their fallback lists, and a host module that imports momentum.js. */
const PAGE = `${WIDGETS}
  <script type="module">
    import { mount } from "/pkg/momentum.js";
    window.__after = typeof mount;
  </script>`;

/** Lines starting with "Momentum:" among the console errors. */
const ours = (w) => w.errors.filter((e) => e.startsWith("Momentum:"));

/**
 * The checks every failed load shares: the host's module ran, no page error,
 * one actionable console line, each widget fired momentum-error without a
 * status or retry, the fallback lists are still there to read, and the API
 * neither throws nor pretends.
 */
async function failedGracefully(page, w, cause) {
  await expect.poll(() => events(page, "momentum-error").then((e) => e.length)).toBe(3);
  expect(await page.evaluate(() => window.__after)).toBe("function");
  expect(w.errors.filter((e) => !e.startsWith("Momentum:") && !e.startsWith("Failed to load resource")
    && !e.includes("Content Security Policy"))).toEqual([]);
  const lines = ours(w);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain("/pkg/momentum_wasm_bg.wasm");
  expect(lines[0]).toMatch(cause);

  const errors = await events(page, "momentum-error");
  expect(errors.map((e) => [e.target, e.id]).sort()).toEqual([["DIV", "div"], ["MOMENTUM-PROGRESS", ""], ["MOMENTUM-PROGRESS", "el"]]);
  for (const e of errors) {
    expect(e.detail.status).toBeNull();
    expect(e.detail.retryInMs).toBeNull();
    expect(e.detail.message).toMatch(cause);
  }
  // What a reader sees: every fallback list, in every form.
  await expect(page.locator("#el li")).toHaveText(["Alpha", "Beta"]);
  await expect(page.locator("#list li")).toHaveText(["Placed", "Shipped"]);
  await expect(page.locator("#list")).toBeVisible();
  await expect(page.locator("#div li")).toHaveText(["Profile"]);

  const api = await page.evaluate(useApiAfterFailure);
  expect(api).toMatchObject({
    defined: true, inserted: "momentum-progress", backToList: true,
    el: { steps: 1, progress: 0, strings: "All set" }, "momentum-progress": { steps: 1, progress: 0 }, div: { steps: 1, progress: 0 },
  });
  expect(api.threw).toBeUndefined();
  expect(api.refresh).toMatch(/^Momentum: could not load/);
  await expect.poll(() => events(page, "momentum-error").then((e) => e.filter((x) => x.id === "late").length)).toBe(1);
  expect(ours(w)).toHaveLength(1);
  expect(w.warnings).toEqual([]);
}

test("a .wasm that answers 404: the import still succeeds, one Momentum: line, momentum-error per widget, lists stay", async ({ page }) => {
  const w = watch(page);
  await page.route(WASM, (route) => route.fulfill({ status: 404, contentType: "text/plain", body: "Not found" }));
  await blank(page, PAGE);
  await failedGracefully(page, w, /answered 404/);
  expect(ours(w)[0]).toContain("serve momentum_wasm_bg.wasm next to momentum.js");
});

test("offline (the .wasm request fails): the same, and the line says the request failed", async ({ page }) => {
  const w = watch(page);
  await page.route(WASM, (route) => route.abort("internetdisconnected"));
  await blank(page, PAGE);
  await failedGracefully(page, w, /request failed/);
});

test("an HTML page where the .wasm should be (a single-page app's fallback route): named by its content type", async ({ page }) => {
  const w = watch(page);
  await page.route(WASM, (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>App</title>" }));
  await blank(page, PAGE);
  await failedGracefully(page, w, /sent text\/html, not WebAssembly/);
});

test("a CSP without 'wasm-unsafe-eval': the line names the directive to add, and the host's own modules still run", async ({ page }) => {
  const w = watch(page);
  // No inline script may run here: the events are recorded by an init script, the host module is a file.
  await page.addInitScript(() => {
    window.__events = [];
    for (const n of ["momentum-ready", "momentum-error"]) {
      document.addEventListener(n, (e) => window.__events.push({ type: n, detail: e.detail, target: e.target.tagName, id: e.target.id }));
    }
  });
  await page.route("**/__host__.js", (route) => route.fulfill({
    contentType: "text/javascript",
    body: `import { mount } from "/pkg/momentum.js"; window.__after = typeof mount;`,
  }));
  await page.route("**/__csp__.html", (route) => route.fulfill({
    contentType: "text/html",
    headers: { "Content-Security-Policy": "script-src 'self'; style-src 'self'" },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="/favicon.svg">
      <script type="module" src="/pkg/momentum.js"></script><script type="module" src="/__host__.js"></script></head>
      <body>${PAGE.replace(/<script type="module">[\s\S]*<\/script>/, "")}</body></html>`,
  }));
  await page.goto("/__csp__.html");
  await failedGracefully(page, w, /Content Security Policy/);
  const line = ours(w)[0];
  expect(line).toContain("add 'wasm-unsafe-eval' to its script-src directive");
  // Not the browser's own advice: 'unsafe-eval' would allow eval() too.
  expect(line.replaceAll("'wasm-unsafe-eval'", "")).not.toContain("unsafe-eval");
});

test("a .wasm served with another content type still works, with one warning to serve it as application/wasm", async ({ page }) => {
  const w = watch(page);
  await page.route(WASM, async (route) => {
    const real = await route.fetch();
    await route.fulfill({ response: real, headers: { ...real.headers(), "content-type": "application/octet-stream" } });
  });
  await blank(page, `<momentum-progress id="m"><ol><li data-step="a">Alpha</li></ol></momentum-progress>`);
  await expect(page.locator("#m [part~=label]")).toHaveText(["Alpha"]);
  expect(w.warnings.map((x) => x.text)).toEqual([expect.stringMatching(
    /^Momentum: \S+\/pkg\/momentum_wasm_bg\.wasm came as application\/octet-stream; serve it as application\/wasm/)]);
  w.assertClean();
});

test("a page with no widget fetches the .wasm once, as soon as momentum.js runs; the first widget uses it", async ({ page }) => {
  const w = watch(page);
  const fetched = [];
  page.on("request", (r) => { if (r.url().endsWith(".wasm")) fetched.push(r.url()); });
  await blank(page, `<p>No widget here.</p>`);
  await page.waitForFunction(() => customElements.get("momentum-progress"));
  await expect.poll(() => fetched.length).toBe(1);
  await page.evaluate(async () => {
    const { mount } = await import("/pkg/momentum.js");
    mount(document.body, { state: { steps: [{ id: "a", label: "Mounted" }] } });
  });
  await expect(page.locator("momentum-progress [part~=label]")).toHaveText(["Mounted"]);
  expect(fetched).toHaveLength(1);
  w.assertClean();
});

test("properties set before the element is defined are applied when it upgrades, also when momentum.js loads late", async ({ page }) => {
  const w = watch(page);
  // No momentum.js on the page yet: a framework renders first and sets properties.
  await page.route("**/__late__.html", (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="/favicon.svg"></head><body>
      <momentum-progress id="el"></momentum-progress>
      <div id="div" data-momentum></div>
      <script>
        for (const id of ["el", "div"]) {
          const el = document.getElementById(id);
          el.state = { steps: [{ id: "a", label: "Set early", status: "complete" }, { id: "b", label: "Then this" }] };
          el.strings = { complete: "Finished" };
        }
        // Created (not yet in the page) before the element is defined, then added.
        const detached = document.createElement("momentum-progress");
        detached.id = "detached";
        detached.state = { steps: [{ id: "d", label: "Detached early" }] };
        window.__detached = detached;
      </script></body></html>`,
  }));
  await page.goto("/__late__.html");
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => customElements.get("momentum-progress"))).toBeUndefined();
  await page.evaluate(async () => {
    await import("/pkg/momentum.js");
    document.body.append(window.__detached);
  });
  for (const id of ["el", "div"]) {
    await expect(page.locator(`#${id} [part~=label]`)).toHaveText(["Set early", "Then this"]);
    await expect(page.locator(`#${id} li[part~=step]`).first()).toContainText("Finished");
  }
  await expect(page.locator("#detached [part~=label]")).toHaveText(["Detached early"]);
  expect(await page.evaluate(() => [document.getElementById("el").progress, document.getElementById("div").progress])).toEqual([0.5, 0.5]);
  w.assertClean();
  expect(w.warnings).toEqual([]);
});

test("React 19, momentum.js imported in useEffect: the state React set before the element was defined is shown", async ({ page }) => {
  const w = watch(page);
  // When momentum.js defines the element, React has already rendered it and set its state.
  await page.addInitScript(() => {
    const define = customElements.define.bind(customElements);
    customElements.define = (name, ...rest) => {
      const el = document.querySelector(name);
      window.__atDefine = { rendered: !!el, ownState: !!el && Object.hasOwn(el, "state") };
      return define(name, ...rest);
    };
  });
  await page.goto("/examples/react19-late.html");
  const widget = page.locator("momentum-progress");
  await expect(widget.locator("[part~=label]")).toHaveText(["Tell us your goals", "Connect your data", "Invite your team"]);
  expect(await page.evaluate(() => window.__atDefine)).toEqual({ rendered: true, ownState: true });
  await expect(widget.locator("[part~=summary]")).toContainText("1 of 3 complete");
  expect(await widget.getAttribute("state")).toBeNull();
  w.assertClean();
  expect(w.warnings).toEqual([]);
});

/** Bundles a React 19 app (JSX source) against the package, as an app's build would. */
async function reactApp(source) {
  const app = installedPackage();
  try {
    const out = await build({
      stdin: { contents: source, loader: "jsx", resolveDir: app },
      bundle: true, format: "esm", target: "es2022", jsx: "automatic", write: false, logLevel: "silent",
      nodePaths: [join(app, "node_modules"), join(ROOT, "e2e", "node_modules")],
      define: { "process.env.NODE_ENV": '"development"' },
    });
    return out.outputFiles[0].text;
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
}

test("React 19 writes state={doc} as an attribute before the element is defined: one warning names the property", async ({ page }) => {
  const w = watch(page);
  const bundle = await reactApp(`
    import { useEffect, useState } from "react";
    import { createRoot } from "react-dom/client";
    const first = { steps: [{ id: "a", label: "Alpha", status: "complete" }, { id: "b", label: "Beta" }] };
    function App() {
      const [journey, setJourney] = useState(first);
      useEffect(() => { import("momentum-progress"); }, []);
      const next = () => setJourney({ steps: [{ id: "a", label: "Alpha", status: "complete" }, { id: "b", label: "Beta", status: "complete" }] });
      return <><momentum-progress id="m" state={journey} /><button onClick={next}>Next</button></>;
    }
    createRoot(document.getElementById("app")).render(<App />);`);
  await page.route("**/examples/dist/__react__.js", (route) => route.fulfill({ contentType: "text/javascript", body: bundle }));
  await page.route("**/examples/__react__.html", (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="/favicon.svg">
      <script type="module" src="./dist/__react__.js"></script></head><body><div id="app"></div></body></html>`,
  }));
  await page.goto("/examples/__react__.html");
  // React wrote the object as text: the widget cannot use it, and says what to do instead.
  await expect.poll(() => w.warnings.length).toBe(1);
  expect(w.warnings[0].text).toMatch(/^Momentum <momentum-progress id="m">: state="\[object Object\]" is an attribute, which the widget does not read; allowed: the state property \(el\.state = doc\)\. React 19 writes an attribute if momentum\.js is not loaded yet: import it before rendering\./);
  // Once the element is defined, React sets the property: the next state shows.
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.locator("#m [part~=label]")).toHaveText(["Alpha", "Beta"]);
  await expect(page.locator("#m [part~=summary]")).toContainText("2 of 2 complete");
  expect(w.warnings).toHaveLength(1);
  w.assertClean();
});

test("a [data-momentum] element has the whole API as soon as it is enhanced, before the wasm has arrived", async ({ page }) => {
  const w = watch(page);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(WASM, async (route) => { await held; await route.continue(); });
  await page.route("**/__api__.html", (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="/favicon.svg"></head><body>
      <div id="div" data-momentum><ol><li data-step="a">Alpha</li><li data-step="b">Beta</li></ol></div>
      <script type="module">
        import "/pkg/momentum.js";
        const div = document.getElementById("div");
        const seen = { api: ["state", "update", "refresh", "progress", "strings", "momentumList"].filter((k) => !(k in div)) };
        div.update([{ id: "a", status: "complete" }]);
        seen.progress = div.progress;
        window.__seen = seen;
      </script></body></html>`,
  }));
  await page.goto("/__api__.html");
  await page.waitForFunction(() => window.__seen);
  expect(await page.evaluate(() => window.__seen)).toEqual({ api: [], progress: 0 });
  // The list is still the list while the wasm is on its way.
  await expect(page.locator("#div li")).toHaveText(["Alpha", "Beta"]);
  release();
  await expect(page.locator("#div li[part~=step]").first()).toHaveAttribute("data-status", "complete");
  expect(await page.evaluate(() => document.getElementById("div").progress)).toBe(0.5);
  w.assertClean();
});

/** A delivered order: every step of the markup already complete on the server. */
const DELIVERED = {
  version: 1, sequence: 6, updatedAt: new Date(Date.now() - 3600_000).toISOString(),
  steps: ["placed", "paid", "packed", "shipped", "delivered"].map((id) => ({ id, status: "complete" })),
};
const ORDER_LIST = ["placed", "paid", "packed", "shipped", "delivered"].map((id) => `<li data-step="${id}">${id}</li>`).join("");

test("baseline: a delivered order's page fires no step-complete and announces none, on load and on reload", async ({ page }) => {
  const w = watch(page);
  await page.route("**/orders/42/progress", (route) => route.fulfill({ contentType: "application/json", body: JSON.stringify(DELIVERED) }));
  for (const visit of ["load", "reload"]) {
    await blank(page, `<ol id="order" data-momentum data-src="/orders/42/progress" data-variant="timeline">${ORDER_LIST}</ol>`);
    await expect(page.locator("momentum-progress li[part~=step][data-status=complete]")).toHaveCount(5);
    await page.waitForTimeout(500); // past the live region's 250 ms gathering
    expect(await events(page, "momentum-step-complete"), visit).toEqual([]);
    const said = await page.evaluate(() => document.querySelector("momentum-progress").shadowRoot.querySelector("[aria-live]").textContent);
    expect(said, visit).not.toMatch(/: done|steps done/);
  }
  w.assertClean();
});

test("baseline: a journey followed live reports only what happens after the first document", async ({ page }) => {
  const w = watch(page);
  const s = `base${Date.now().toString(36)}`;
  const ids = ["placed", "paid", "packed", "shipped", "out-for-delivery", "delivered"];
  await blank(page, `<momentum-progress id="m" src="/api/order?session=${s}&step=2" poll="2s"><ol>${ids.map((id) => `<li data-step="${id}">${id}</li>`).join("")}</ol></momentum-progress>`);
  // The first document: "placed" is already complete. No news.
  await expect(page.locator("#m li[part~=step]").first()).toHaveAttribute("data-status", "complete");
  expect(await events(page, "momentum-step-complete")).toEqual([]);
  // The journey moves on: that is news, once per step.
  await expect(page.locator("#m li[part~=step]").nth(1)).toHaveAttribute("data-status", "complete", { timeout: 8000 });
  await expect.poll(() => events(page, "momentum-step-complete").then((e) => e.map((x) => x.detail.stepId)), { timeout: 8000 })
    .toEqual(expect.arrayContaining(["paid"]));
  const fired = (await events(page, "momentum-step-complete")).map((x) => x.detail.stepId);
  expect(fired).not.toContain("placed");
  expect(new Set(fired).size).toBe(fired.length);
  w.assertClean();
});

test("a document that differs only in sequence and updatedAt fires no momentum-change, yet ends a stall", async ({ page }) => {
  const w = watch(page);
  let served = 0;
  const steps = [{ id: "a", label: "Alpha", status: "complete" }, { id: "b", label: "Beta", status: "active" }];
  await page.route("**/quiet/progress", (route) => {
    served++;
    // The first document is two hours old (past stall-after); the next ones are fresh.
    const ago = served === 1 ? 2 * 3600_000 : 0;
    route.fulfill({ contentType: "application/json", body: JSON.stringify({ sequence: served, updatedAt: new Date(Date.now() - ago).toISOString(), steps }) });
  });
  await page.addInitScript(() => document.addEventListener("momentum-stalled", (e) => (window.__stalled = (window.__stalled || 0) + 1)));
  await blank(page, `<momentum-progress id="m" src="/quiet/progress" poll="2s" stall-after="1h"></momentum-progress>`);
  await expect(page.locator("#m li[part~=step]")).toHaveCount(2);
  await expect.poll(() => page.evaluate(() => window.__stalled)).toBe(1);
  await expect(page.locator("#m [part~=notice]")).toBeVisible();
  // The next document says nothing new but "still here": the stall is over...
  await expect(page.locator("#m [part~=notice]")).toBeHidden({ timeout: 8000 });
  await expect.poll(() => served, { timeout: 8000 }).toBeGreaterThanOrEqual(3);
  // ...and nothing visible changed, so no momentum-change (not even with changed: []).
  expect(await events(page, "momentum-change")).toEqual([]);
  expect((await events(page, "momentum-ready")).length).toBe(1);
  w.assertClean();
});

test("silent mistakes warn once each, in the usual form, with the element", async ({ page }) => {
  const w = watch(page);
  await blank(page, `
    <momentum-progress id="loose"><li data-step="a">Loose A</li><li data-step="b">Loose B</li></momentum-progress>
    <momentum-progress id="req"><ol><li data-step="a">A</li><li data-step="b" data-requires="a zz">B</li></ol></momentum-progress>
    <momentum-progress id="loc" locale="english"><ol><li data-step="a">A</li></ol></momentum-progress>
    <ol id="other" data-momentum variant="checklist"><li data-step="a">A</li></ol>
    <momentum-progress id="other2" data-variant="timeline"><ol><li data-step="a">A</li></ol></momentum-progress>
    <momentum-progress id="ids"><ol><li>No id</li><li data-step="a">A</li><li data-step="a">Again</li></ol></momentum-progress>
    <momentum-progress id="attr" state="[object Object]"><ol><li data-step="a">A</li></ol></momentum-progress>
    <momentum-progress id="empty" variant="checklist"></momentum-progress>`);
  await expect(page.locator("#loose [part~=label]")).toHaveText(["Loose A", "Loose B"]);
  await expect(page.locator("#ids li[part~=step]")).toHaveCount(3);
  // Re-configuring every widget must not repeat a warning.
  await page.evaluate(() => { for (const el of document.querySelectorAll("momentum-progress")) el.setAttribute("orientation", "vertical"); });
  await page.waitForTimeout(200);
  // (The text ends with Playwright's rendering of the element argument.)
  const texts = w.warnings.map((x) => x.text.replace(/ JSHandle@node$/, ""));
  const expected = [
    [/^Momentum <momentum-progress id="loose">: <li> steps are not inside an <ol> or <ul>; allowed: /],
    [/^Momentum <momentum-progress id="req">, step "b": data-requires="zz" is not valid; allowed: the id of another step of this widget/],
    [/^Momentum <momentum-progress id="loc">: locale="english" is not valid; allowed: a BCP 47 language tag/],
    [/^Momentum <ol id="other">: variant="checklist" is not read on a \[data-momentum\] element; allowed: data-variant\.$/],
    [/^Momentum <momentum-progress id="other2">: data-variant="timeline" is not read on <momentum-progress>; allowed: variant\.$/],
    [/^Momentum <momentum-progress id="ids">, step "step-1": data-step="" is not valid; allowed: a unique step id; using step-1/],
    [/^Momentum <momentum-progress id="ids">, step "a": data-step="a" is not valid; allowed: unique step ids; renamed to a-2/],
    [/^Momentum <momentum-progress id="attr">: state="\[object Object\]" is an attribute, which the widget does not read; allowed: the state property \(el\.state = doc\)/],
  ];
  for (const [pattern] of expected) expect(texts.filter((t) => pattern.test(t)), String(pattern)).toHaveLength(1);
  expect(texts).toHaveLength(expected.length);
  expect(texts.join("\n")).not.toContain('id=""');
  await expect.poll(() => w.warnings.every((x) => x.element !== undefined)).toBe(true);
  expect(w.warnings.map((x) => x.element).sort()).toEqual([...Array(7).fill("MOMENTUM-PROGRESS"), "OL"]);
  // An empty checklist says "No steps yet", not "Done (0)".
  await expect(page.locator("#empty button.done-toggle")).toBeHidden();
  await expect(page.locator("#empty [part~=done-group]")).toBeHidden();
  w.assertClean();
});

test("list form: the list leads to its widget and back, in every state of the load", async ({ page }) => {
  const w = watch(page);
  await blank(page, `<ol id="checkout" data-momentum><li data-step="cart" data-status="complete">Cart</li><li data-step="pay">Pay</li></ol>`);
  await expect(page.locator("momentum-progress li[part~=step]")).toHaveCount(2);
  const info = await page.evaluate(() => {
    const list = document.getElementById("checkout");
    const widget = list.momentumWidget;
    widget.update([{ id: "pay", status: "complete" }]);
    return { tag: widget.localName, before: widget.nextElementSibling === list, back: widget.momentumList === list, progress: widget.progress, hidden: list.hidden };
  });
  expect(info).toEqual({ tag: "momentum-progress", before: true, back: true, progress: 1, hidden: true });
  // The custom element written by the author has no list behind it.
  expect(await page.evaluate(() => document.createElement("momentum-progress").momentumList)).toBeNull();
  w.assertClean();
});
