// Bounded by design (issue 14, rules 50-53): no input freezes, crashes or
// pins a widget, or traps the wasm. Each reproduction of the issue is here,
// through `el.state` and through `src`.
import { test, expect } from "@playwright/test";
import { watch, blank, events } from "./helpers.mjs";

// The shell's own limit check, run in Node (the root package.json marks js/ as ESM).
const { encode, PAGE_API } = await import(new URL("../../js/codec.js", import.meta.url).href);

/** Records the duration of every long task (over 50 ms) in `window.__long`. */
const LONG_TASKS = `<script>window.__long = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(Math.round(e.duration)); }).observe({ type: "longtask", buffered: true });</script>`;

/** The documents of the reproductions (built the same way in Node and in the page). */
function reproduction(name) {
  const ids = (n, f) => Array.from({ length: n }, (_, i) => f(i));
  switch (name) {
    // One step requiring a long-labelled one 30,000 times (64 KB): crashed the tab.
    case "repeated requires":
      return { steps: [{ id: "a", label: "x".repeat(4096) }, { id: "b", label: "B", requires: "a ".repeat(30000) }] };
    // 400 steps each requiring the same 100 long-labelled steps (260 KB):
    // 24 million characters of "finish … first" before.
    case "dense requires": {
      const all = ids(100, (k) => `L${k}`).join(" ");
      return { steps: [...ids(100, (i) => ({ id: `L${i}`, label: "x".repeat(600) + i })), ...ids(400, (i) => ({ id: `d${i}`, label: `D${i}`, requires: all }))] };
    }
    // 500 steps with one 300-character id (161 KB); the 1,000 took
    // 15 s through el.state and 31 s per poll from src (cubic: 500 take 2 s).
    case "duplicate ids":
      return { steps: ids(500, () => ({ id: "i".repeat(300), label: "x" })) };
  }
}

/** What the widget `sel` shows: characters of shadow text, steps, the first lock line. */
function shown(sel) {
  const root = document.querySelector(sel)?.shadowRoot;
  if (!root) return null;
  const text = [...root.childNodes].filter((n) => n.nodeName !== "STYLE").map((n) => n.textContent).join("");
  return { chars: text.length, steps: root.querySelectorAll("li[part~=step]").length, lock: root.querySelector("[part~=lock]")?.textContent ?? "" };
}

// One after another in one worker (the test command runs this file after all
// the others): each timing is of this widget alone.
test.describe.configure({ mode: "default" });

for (const name of ["repeated requires", "dense requires", "duplicate ids"]) {
  for (const via of ["el.state", "src"]) {
    test(`${name} through ${via}: no long task over 500 ms, text within the steps' own`, async ({ page }) => {
      const w = watch(page);
      const doc = reproduction(name);
      const size = JSON.stringify(doc).length;
      await page.route("**/bounded-doc", (r) => r.fulfill({ contentType: "application/json", body: JSON.stringify(doc) }));
      await blank(page, `<momentum-progress id="w" live="off"></momentum-progress>`, { head: LONG_TASKS });
      await page.waitForFunction(() => customElements.get("momentum-progress"));
      // Only the tasks from here on count (not loading the page).
      await page.evaluate(([build, name, via]) => new Promise((done) => {
        const doc = via === "src" ? null : (0, eval)(`(${build})`)(name);
        window.__long = [];
        // From a task of its own, as a host's code would.
        setTimeout(() => {
          const el = document.getElementById("w");
          if (via === "src") el.setAttribute("src", "/bounded-doc"); else el.state = doc;
          done();
        }, 0);
      }), [reproduction.toString(), name, via]);
      await expect.poll(() => page.evaluate(shown, "#w").then((s) => s?.steps), { timeout: 15_000 }).toBe(doc.steps.length);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
      const got = await page.evaluate(shown, "#w");
      const long = await page.evaluate(() => window.__long);
      console.log(`${name} through ${via}: ${size} B of JSON, ${got.chars} characters shown, long tasks ${JSON.stringify(long)} ms`);
      expect(Math.max(0, ...long), "the longest main-thread task (ms)").toBeLessThan(500);
      // At most the steps' own texts plus the widget's wording: never more than
      // the document (the ids and labels) and a few hundred characters a step.
      expect(got.chars).toBeLessThan(size + 300 * doc.steps.length);
      if (name !== "duplicate ids") expect(got.lock).toMatch(/^Cannot start yet — finish .* first$/);
      if (name === "dense requires") expect(got.lock).toContain("and 97 more");
      expect(w.errors).toEqual([]);
    });
  }
}

test("too large for the page API: rejected before the wasm with a warning and momentum-error, never a throw", async ({ page }) => {
  const w = watch(page);
  await blank(page, `<momentum-progress id="w"><ol><li data-step="a">Alpha</li></ol></momentum-progress>
    <momentum-progress id="other"><ol><li data-step="o">Other</li></ol></momentum-progress>`, { head: LONG_TASKS });
  await expect(page.locator("#w [part~=label]")).toHaveText(["Alpha"]);
  const results = await page.evaluate(() => {
    const el = document.getElementById("w");
    const steps = [{ id: "a", label: "A" }];
    // The document, its steps and the step are 3 levels; x adds the rest.
    const nested = (n) => { let v = 0; for (let i = 0; i < n - 3; i++) v = [v]; return { steps: [{ id: "a", label: "Deep", x: v }] }; };
    const utf8 = (s) => new TextEncoder().encode(s).length;
    const bytes = (v) => utf8(JSON.stringify(v));
    const sized = (n, ch) => {
      const d = { steps: [{ id: "a", label: "Sized" }], pad: "" };
      d.pad = ch.repeat(Math.floor((n - bytes(d)) / utf8(ch)));
      while (bytes(d) < n) d.pad += "x";
      return d;
    };
    const counted = (n) => ({ steps: [{ id: "a", label: "Counted" }], pad: Array(n - 6).fill(0) });
    const out = {};
    const tryIt = (name, f) => {
      const before = window.__events.filter((e) => e.type === "momentum-error").length;
      try { f(); } catch (e) { out[name] = "threw " + e; return; }
      const errors = window.__events.filter((e) => e.type === "momentum-error").slice(before);
      out[name] = { label: el.state.steps[0].label, errors: errors.map((e) => [e.detail.message, e.detail.retryInMs]) };
    };
    // The outermost object is the first of 32 levels; the 33rd is one too many.
    tryIt("depth 32", () => { el.state = nested(32); });
    tryIt("depth 33", () => { el.state = nested(33); });
    tryIt("10,000 values", () => { el.state = counted(10_000); });
    tryIt("10,001 values", () => { el.state = counted(10_001); });
    tryIt("1 MB", () => { el.state = sized(1_000_000, "é"); });
    tryIt("1 MB + 1", () => { el.state = sized(1_000_001, "x"); });
    tryIt("update 33 deep", () => { el.update(nested(33)); });
    // An object shared 27 levels deep: 134 million paths, stopped at 10,000 values.
    tryIt("shared", () => { let v = { steps }; for (let i = 0; i < 27; i++) v = { a: v, b: v }; el.state = v; });
    tryIt("strings", () => { let v = {}; for (let i = 0; i < 40; i++) v = { x: v }; el.strings = v; });
    return out;
  });
  const rejected = (message) => ({ label: expect.any(String), errors: [[message, null]] });
  expect(results["depth 32"]).toEqual({ label: "Deep", errors: [] });
  expect(results["depth 33"]).toEqual(rejected("the document is nested deeper than 32 objects and arrays"));
  expect(results["10,000 values"]).toEqual({ label: "Counted", errors: [] });
  expect(results["10,001 values"]).toEqual(rejected("the document holds more than 10,000 values"));
  expect(results["1 MB"]).toEqual({ label: "Sized", errors: [] });
  expect(results["1 MB + 1"]).toEqual(rejected("the document is larger than 1 MB as JSON"));
  expect(results["1 MB + 1"].label, "the state stays").toBe("Sized");
  expect(results["update 33 deep"]).toEqual(rejected("the document is nested deeper than 32 objects and arrays"));
  expect(results.shared).toEqual(rejected("the document holds more than 10,000 values"));
  expect(results.strings).toEqual(rejected("the value is nested deeper than 32 objects and arrays"));
  await expect(page.locator("#w [part~=label]")).toHaveText(["Sized"]);
  const texts = w.warnings.map((x) => x.text.replace(/ JSHandle@\w+$/, ""));
  // Once per text: the shared object's rejection reads as the 10,001 values'.
  expect(texts.filter((t) => t.startsWith('Momentum <momentum-progress id="w">: el.state was rejected: the document'))).toHaveLength(3);
  expect(texts).toContain('Momentum <momentum-progress id="w">: el.update() was rejected: the document is nested deeper than 32 objects and arrays; the current state stays');
  expect(texts).toContain('Momentum <momentum-progress id="w">: el.strings was rejected: the value is nested deeper than 32 objects and arrays; the phrases stay as they were');
  expect(Math.max(0, ...await page.evaluate(() => window.__long)), "no long task (ms)").toBeLessThan(500);

  // A 360 MB string: refused by its size, not a trap of the wasm ("internal error").
  await page.evaluate(() => { window.__pad = "é" + "x".repeat(360e6); });
  const pad = await page.evaluate(() => {
    const t = performance.now();
    document.getElementById("w").state = { steps: [{ id: "a", label: "A" }], pad: window.__pad };
    delete window.__pad;
    const other = document.getElementById("other");
    other.state = { steps: [{ id: "o", label: "Other, still updating" }] };
    return { ms: performance.now() - t, error: window.__events.filter((e) => e.type === "momentum-error").at(-1).detail };
  });
  expect(pad.error).toEqual({ message: "the document is larger than 1 MB as JSON", retryInMs: null });
  expect(pad.ms).toBeLessThan(500);
  await expect(page.locator("#other [part~=label]")).toHaveText(["Other, still updating"]);
  w.assertClean();
});

test("while the wasm is on its way, the page API refuses input over the limits at once, and keeps the last good", async ({ page }) => {
  const w = watch(page);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route("**/pkg/momentum_wasm_bg.wasm", async (route) => { await held; await route.continue(); });
  await blank(page, `<momentum-progress id="w"><ol><li data-step="a">Alpha</li></ol></momentum-progress>
    <div id="d" data-momentum><ol><li data-step="b">Beta</li></ol></div>
    <script type="module">
      import "/pkg/momentum.js";
      const deep = () => { let v = 0; for (let i = 0; i < 40; i++) v = [v]; return v; };
      const seen = {};
      for (const id of ["w", "d"]) {
        const el = document.getElementById(id), step = id == "w" ? "a" : "b";
        try {
          el.state = { steps: [{ id: step, label: "Good " + id }] };
          el.strings = { doneMessage: "Good phrases" };
          el.state = { steps: [{ id: step, label: "Deep", x: deep() }] };
          el.update({ steps: [{ id: step, label: "Deep", x: deep() }] });
          el.update({ steps: [{ id: step, status: "complete" }] });
          el.strings = { doneMessage: deep() };
          seen[id] = { label: el.state.steps[0].label, strings: el.strings.doneMessage, errors: window.__events.filter((e) => e.type == "momentum-error" && e.id == id).map((e) => e.detail) };
        } catch (e) { seen[id] = "threw " + e; }
      }
      window.__seen = seen;
    </script>`);
  await page.waitForFunction(() => window.__seen);
  const deepDoc = { message: "the document is nested deeper than 32 objects and arrays", retryInMs: null };
  const deepValue = { message: "the value is nested deeper than 32 objects and arrays", retryInMs: null };
  // Refused as they were set, before any wasm: the last good input stays.
  for (const id of ["w", "d"]) {
    expect((await page.evaluate(() => window.__seen))[id]).toEqual({ label: "Good " + id, strings: "Good phrases", errors: [deepDoc, deepDoc, deepValue] });
  }
  const texts = () => w.warnings.map((x) => x.text.replace(/ JSHandle@\w+$/, ""));
  expect(texts()).toEqual(expect.arrayContaining([
    'Momentum <momentum-progress id="w">: el.state was rejected: the document is nested deeper than 32 objects and arrays; the current state stays',
    'Momentum <div id="d">: el.update() was rejected: the document is nested deeper than 32 objects and arrays; the current state stays',
    'Momentum <div id="d">: el.strings was rejected: the value is nested deeper than 32 objects and arrays; the phrases stay as they were',
  ]));
  const warned = texts().length;
  // The wasm arrives: the widgets take what was kept, and nothing is refused again.
  release();
  await expect(page.locator("#w [part~=label]")).toHaveText(["Good w"]);
  await expect(page.locator("#d [part~=label]")).toHaveText(["Good d"]);
  await expect(page.locator("#w li[part~=step]")).toHaveAttribute("data-status", "complete");
  await expect(page.locator("#d li[part~=step]")).toHaveAttribute("data-status", "complete");
  expect(await events(page, "momentum-error")).toHaveLength(6);
  expect(texts()).toHaveLength(warned);
  w.assertClean();
});

test("a bad strings attribute warns and fires momentum-error; it never stops the module or other widgets", async ({ page }) => {
  const w = watch(page);
  const deep = "[".repeat(40) + "]".repeat(40);
  const keys = JSON.stringify(Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`k${i}`, "v"])));
  const attr = (s) => s.replaceAll("&", "&amp;").replaceAll('"', "&quot;");
  // A module after momentum.js's own tag: it runs only if the import succeeds.
  await blank(page, `<ol data-momentum id="many" data-strings="${attr(keys)}"><li data-step="a">A</li></ol>
    <ol data-momentum id="next"><li data-step="b">B</li></ol>
    <momentum-progress id="deep" strings="${deep}"><ol><li data-step="c">C</li></ol></momentum-progress>
    <script type="module">import("/pkg/momentum.js").then(() => { window.__imported = "ok"; }, (e) => { window.__imported = String(e); });</script>`);
  await expect.poll(() => page.evaluate(() => window.__imported)).toBe("ok");
  await expect(page.locator("momentum-progress [part~=label]")).toHaveText(["A", "B", "C"]);
  const errors = (await events(page, "momentum-error")).map((e) => [e.target, e.detail]);
  // The element upgrades first; the lists are enhanced after.
  expect(errors).toEqual([
    ["MOMENTUM-PROGRESS", { message: "the value is nested deeper than 32 objects and arrays", retryInMs: null }],
    ["MOMENTUM-PROGRESS", { message: "the value holds more than 10,000 values", retryInMs: null }],
  ]);
  const texts = w.warnings.map((x) => x.text.replace(/ JSHandle@\w+$/, ""));
  expect(texts).toContain('Momentum <ol id="many">: the data-strings attribute was rejected: the value holds more than 10,000 values; using the built-in phrases');
  expect(texts).toContain('Momentum <momentum-progress id="deep">: the strings attribute was rejected: the value is nested deeper than 32 objects and arrays; using the built-in phrases');
  // The API keeps working on both, and lists added later are enhanced.
  await page.evaluate(() => {
    document.getElementById("deep").state = { steps: [{ id: "c", label: "C2" }] };
    document.getElementById("deep").update({ steps: [{ id: "c", status: "complete" }] });
    document.body.insertAdjacentHTML("beforeend", `<ol data-momentum id="later"><li data-step="d">D</li></ol>`);
  });
  await expect(page.locator("momentum-progress [part~=label]")).toHaveText(["A", "B", "C2", "D"]);
  // Changing another attribute reports the same bad value no second time.
  await page.evaluate(() => document.getElementById("deep").setAttribute("variant", "checklist"));
  await expect(page.locator("#deep [part~=label]")).toHaveText(["C2"]);
  expect(await events(page, "momentum-error")).toHaveLength(2);
  w.assertClean();
});

test("warnings are remembered 1,000 per widget: documents whose bad values change every poll leave the heap flat", async ({ page }) => {
  test.setTimeout(120_000);
  const w = watch(page);
  let poll = 0;
  // 200 steps with a 4,000-character bad status that changes on every poll (800 KB).
  await page.route("**/bounded-warn", (r) => {
    poll++;
    const steps = Array.from({ length: 200 }, (_, i) => ({ id: `s${i}`, label: "S", status: `${poll}-${i}-`.padEnd(4000, "z") }));
    r.fulfill({ contentType: "application/json", body: JSON.stringify({ sequence: poll, steps }) });
  });
  await blank(page, `<momentum-progress id="w" src="/bounded-warn" live="off"></momentum-progress>`);
  await expect(page.locator("#w li[part~=step]")).toHaveCount(200);
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => {
    for (let i = 0; i < 4; i++) await cdp.send("HeapProfiler.collectGarbage");
    const h = await cdp.send("Runtime.getHeapUsage");
    return h.usedSize;
  };
  const polls = (n) => page.evaluate(async (n) => { for (let i = 0; i < n; i++) await document.getElementById("w").refresh(); }, n);
  // Past 1,000 remembered warnings (20 are listed per document, the rest counted).
  await polls(60);
  const early = await heap();
  await polls(60);
  const late = await heap();
  console.log(`warnings soak: ${poll} documents, heap ${Math.round(early / 1024)} KB -> ${Math.round(late / 1024)} KB, ${w.warnings.length} warnings`);
  expect(late - early, "JS heap growth over 60 more documents (bytes)").toBeLessThan(1024 * 1024);
  // Each document lists 20 of its 200 problems and counts the rest.
  expect(w.warnings.filter((x) => x.text.includes("and 180 more warnings like these about the same input, not listed")).length).toBeGreaterThan(0);
  expect(w.errors).toEqual([]);
});

test("a server that restarts its counter is followed after three documents, with one warning", async ({ page }) => {
  const w = watch(page);
  let n = 0;
  const etag = '"same-after-restart"';
  await page.route("**/bounded-restart", (r) => {
    n++;
    if (n === 1) return r.fulfill({ contentType: "application/json", body: JSON.stringify({ sequence: 1e300, steps: [{ id: "a", label: "Before the restart" }] }) });
    // After the restart: sequence 1, then the same document again (304s).
    if (r.request().headers()["if-none-match"] === etag) return r.fulfill({ status: 304, headers: { ETag: etag } });
    return r.fulfill({ contentType: "application/json", headers: { ETag: etag }, body: JSON.stringify({ sequence: 1, steps: [{ id: "a", label: "After the restart" }] }) });
  });
  await blank(page, `<momentum-progress id="w" src="/bounded-restart" live="off"></momentum-progress>`);
  await expect(page.locator("#w [part~=label]")).toHaveText(["Before the restart"]);
  const labels = await page.evaluate(async () => {
    const el = document.getElementById("w");
    const out = [];
    for (let i = 0; i < 4; i++) out.push((await el.refresh()).steps[0].label);
    return out;
  });
  expect(labels).toEqual(["Before the restart", "Before the restart", "After the restart", "After the restart"]);
  await expect(page.locator("#w [part~=label]")).toHaveText(["After the restart"]);
  const restarts = w.warnings.filter((x) => x.text.includes("taking the server as restarted"));
  expect(restarts).toHaveLength(1);
  expect(restarts[0].text).toContain('Momentum <momentum-progress id="w">: three documents in a row had a lower sequence than the one shown; taking the server as restarted, the last of them is shown and ordering continues from it');
  w.assertClean();
});

test("a document dated far in the future is shown but does not pin the widget", async ({ page }) => {
  const w = watch(page);
  let n = 0;
  await page.route("**/bounded-future", (r) => {
    n++;
    const doc = n === 1
      ? { updatedAt: "9999-12-31T00:00:00Z", steps: [{ id: "a", label: "From the far future" }] }
      : { updatedAt: new Date(Date.now() - 60_000 + n).toISOString(), steps: [{ id: "a", label: `Now ${n}` }] };
    r.fulfill({ contentType: "application/json", body: JSON.stringify(doc) });
  });
  await blank(page, `<momentum-progress id="w" src="/bounded-future" live="off"></momentum-progress>`);
  await expect(page.locator("#w [part~=label]")).toHaveText(["From the far future"]);
  const labels = await page.evaluate(async () => {
    const el = document.getElementById("w");
    return [(await el.refresh()).steps[0].label, (await el.refresh()).steps[0].label];
  });
  expect(labels).toEqual(["Now 2", "Now 3"]);
  await expect(page.locator("#w [part~=label]")).toHaveText(["Now 3"]);
  const ahead = w.warnings.filter((x) => x.text.includes("ahead of this device's clock"));
  expect(ahead).toHaveLength(1);
  w.assertClean();
});

test("the size limit counts bytes as JSON.stringify writes them in UTF-8", () => {
  const values = [
    "", "x", "é", "€", "😀", "\ud800", "a\"b\\c", "\n\t\u0001\u001f", "\u2028",
    [], {}, [1, "two", null, true, false], { a: [1.5e300, -0, 1e-7], "ké": { "": "y" } },
    { d: new Date(0), skip: undefined, f: () => 1, list: [undefined, () => 1] }, NaN, -Infinity, 123456789012,
  ];
  for (const v of values) {
    const n = new TextEncoder().encode(JSON.stringify(v) ?? "null").length;
    const at = (bytes) => encode(v, { ...PAGE_API, bytes });
    expect(Array.isArray(at(n)), `${JSON.stringify(v)} fits in ${n} bytes`).toBe(true);
    expect(at(n - 1), `${JSON.stringify(v)} does not fit in ${n - 1}`).toMatch(/^is larger than/);
  }
});

test("a document from src at exactly each limit is taken, one over is refused, and the core reads what was taken", async ({ page }) => {
  const w = watch(page);
  let body = "";
  await page.route("**/limit-doc", (r) => r.fulfill({ contentType: "application/json", body }));
  await blank(page, `<momentum-progress id="w" live="off" src="/limit-doc"></momentum-progress>`);
  const utf8 = (s) => Buffer.byteLength(s);
  // The document, its steps and the step are 3 levels; x adds the rest.
  const nested = (n) => { let v = 0; for (let i = 0; i < n - 3; i++) v = [v]; return { steps: [{ id: "a", label: `Deep ${n}`, x: v }] }; };
  const sized = (n, ch) => {
    const d = { steps: [{ id: "a", label: `Sized ${n}` }], pad: "" };
    d.pad = ch.repeat(Math.floor((n - utf8(JSON.stringify(d))) / utf8(ch)));
    while (utf8(JSON.stringify(d)) < n) d.pad += "x";
    return d;
  };
  const cases = [
    ["depth 32", nested(32)], ["depth 33", nested(33)],
    ["1 MB", sized(1_000_000, "é")], ["1 MB + 1", sized(1_000_001, "x")],
    // A document's size bounds its values: more than the page API's 10,000 is fine.
    ["20,000 values", { steps: [{ id: "a", label: "Counted" }], pad: Array(20_000).fill(0) }],
    // Numbers, escapes and text outside the BMP arrive as they were sent.
    ["values", { sequence: 123456789012345680, value: 0.1, steps: [{ id: "a", label: "Tab\there \"quoted\" é\u2028😀", threshold: 1.5e-7 }] }],
  ];
  const got = {};
  for (const [name, doc] of cases) {
    body = JSON.stringify(doc);
    got[name] = await page.evaluate(() => document.getElementById("w").refresh().then(
      (s) => ({ label: s.steps[0].label, numbers: [s.sequence, s.value, s.steps[0].threshold] }),
      (e) => e.message));
  }
  const none = [undefined, undefined, undefined];
  expect(got["depth 32"]).toEqual({ label: "Deep 32", numbers: none });
  const from = " (HTTP 200 from " + new URL("/limit-doc", page.url()).href + ")";
  expect(got["depth 33"]).toBe("Momentum: the state document is nested deeper than 32 objects and arrays" + from);
  expect(got["1 MB"]).toEqual({ label: "Sized 1000000", numbers: none });
  expect(got["1 MB + 1"]).toBe("Momentum: the state document is larger than 1 MB as JSON" + from);
  expect(got["20,000 values"]).toEqual({ label: "Counted", numbers: none });
  expect(got.values).toEqual({ label: "Tab\there \"quoted\" é\u2028😀", numbers: [123456789012345680, 0.1, 1.5e-7] });
  await expect.poll(() => page.evaluate(() => document.getElementById("w").shadowRoot.querySelector("[part~=label]").textContent))
    .toBe("Tab\there \"quoted\" é\u2028😀");
  w.assertClean();
});
