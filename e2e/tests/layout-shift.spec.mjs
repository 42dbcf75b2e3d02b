// Layout shift (rule 40): enhancing a list and applying the first `src`
// document must not push the content around the widget. Each page's
// cumulative layout shift (the sum of every layout-shift entry without recent
// input, as a PerformanceObserver reports it) is printed and held to 0.02.
//
// The worst order is made deterministic rather than left to timing: the
// `.wasm` is held until the page has painted (so the fallback list is on
// screen before any widget renders, as on a slow network), and the first
// `/api/` answer is held until every widget has rendered (so the first `src`
// document lands on a widget already on screen). The measurement ends when
// every widget has rendered, every `src` widget has its first document, and
// two more frames have been drawn.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";

const BUDGET = 0.02;

// The README's embed snippet, exactly as written there, in a page with text
// above and below it. /momentum/ (the snippet's folder) is served from pkg/.
const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const SNIPPET = README.split("## Embed it")[1]?.match(/```html\n([\s\S]*?)```/)?.[1];
const PARAGRAPH = "<p>Your workspace is almost ready. Each step takes a few minutes; you can stop at any point and pick up where you left off, on any device.</p>";
const SNIPPET_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>README snippet</title>
<link rel="icon" href="/favicon.svg"></head>
<body style="font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem">
<h1>Set up your workspace</h1>
${PARAGRAPH}
${SNIPPET}
<h2>What happens next</h2>
${PARAGRAPH.repeat(8)}
</body></html>`;

// The same with `data-src`: the first document from the endpoint confirms the
// markup's steps and says when it was updated (the "Updated …" line).
const SNIPPET_SRC_PAGE = SNIPPET_PAGE.replace("<ol data-momentum", '<ol data-momentum data-src="/api/readme-state"');
const README_STATE = {
  version: 1, sequence: 1, updatedAt: new Date().toISOString(),
  steps: [{ id: "goals", status: "complete" }, { id: "connect", status: "active" }, { id: "invite" }, { id: "launch" }],
};

// Every demo page under www/ that shows a widget.
const PAGES = [
  "/index.html", "/checkout.html", "/onboarding.html", "/tracking.html", "/loyalty.html",
  "/journey.html", "/playground.html", "/strict/index.html",
];

/** Runs in the page before anything else: sums layout shifts as they are reported. */
function observe() {
  const cls = (window.__cls = { value: 0, shifts: [] });
  const describe = (n) => {
    if (!n) return "?";
    if (n.nodeType !== 1) return n.nodeName;
    return n.localName + (n.id ? "#" + n.id : "") + (n.className && typeof n.className === "string" ? "." + n.className.trim().split(/\s+/).join(".") : "");
  };
  const take = (entries) => {
    for (const e of entries) {
      if (e.hadRecentInput) continue;
      cls.value += e.value;
      cls.shifts.push({
        at: Math.round(e.startTime),
        value: Number(e.value.toFixed(4)),
        moved: (e.sources || []).map((s) => `${describe(s.node)} ${Math.round(s.previousRect.y)}→${Math.round(s.currentRect.y)}`),
      });
    }
  };
  const po = new PerformanceObserver((list) => take(list.getEntries()));
  po.observe({ type: "layout-shift", buffered: true });
  cls.flush = () => take(po.takeRecords());

  // Every widget (each <momentum-progress>, and each hostable [data-momentum]
  // element) has rendered.
  const widgets = () => [...document.querySelectorAll("momentum-progress, [data-momentum]")]
    .filter((e) => e.localName === "momentum-progress" || !/^(OL|UL|MENU|DL)$/.test(e.tagName));
  cls.rendered = () => {
    const all = widgets();
    return all.length > 0 && all.every((h) => h.shadowRoot && h.shadowRoot.querySelector("[part~=root]"));
  };
  // ... and each one with `src` has applied its first document.
  cls.settled = () => cls.rendered() && widgets().every((h) => {
    if (!(h.hasAttribute("src") || h.hasAttribute("data-src"))) return true;
    const s = h.state;
    return !!s && (s.sequence !== undefined || s.updatedAt !== undefined);
  });
}

const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

/** Loads `path` in the worst order (see the top of this file) and returns its CLS. */
async function measure(page, path) {
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.addInitScript(observe);
  await page.route("**/__snippet__.html", (route) => route.fulfill({ contentType: "text/html", body: SNIPPET_PAGE }));
  await page.route("**/__snippet_src__.html", (route) => route.fulfill({ contentType: "text/html", body: SNIPPET_SRC_PAGE }));
  await page.route("**/momentum/**", (route) => route.continue({ url: route.request().url().replace("/momentum/", "/pkg/") }));
  // The fallback list is on screen before the widget can render.
  await page.route("**/*.wasm", async (route) => {
    await page.waitForFunction(() => performance.getEntriesByType("paint").length > 0, null, { polling: 10 });
    await frames(page);
    await route.fallback();
  });
  // The first src document arrives after the widgets have rendered.
  let held = null;
  const hold = () => (held ??= page.waitForFunction(() => window.__cls.rendered(), null, { polling: 10 }).then(() => frames(page)));
  await page.route("**/api/**", async (route) => { await hold(); await route.continue(); });
  await page.route("**/api/readme-state", async (route) => { await hold(); await route.fulfill({ json: README_STATE }); });
  await page.goto(path);
  await page.waitForFunction(() => window.__cls.settled(), null, { polling: 20 });
  await frames(page);
  const cls = await page.evaluate(() => { window.__cls.flush(); return { value: window.__cls.value, shifts: window.__cls.shifts }; });
  expect(errors, "no console errors").toEqual([]);
  return cls;
}

function report(name, cls) {
  const detail = cls.shifts.map((s) => `  ${s.at} ms  ${s.value}  ${s.moved.join(", ")}`).join("\n");
  console.log(`CLS ${cls.value.toFixed(4)}  ${name}${cls.value > BUDGET ? "\n" + detail : ""}`);
}

test("the README snippet links momentum.css next to momentum.js and places a widget", () => {
  expect(SNIPPET).toContain('<link rel="stylesheet" href="/momentum/momentum.css">');
  expect(SNIPPET).toContain('<script type="module" src="/momentum/momentum.js"></script>');
  expect(SNIPPET).toContain("data-momentum");
});

for (const [width, height] of [[1280, 720], [375, 667]]) {
  for (const [name, path] of [["README snippet", "/__snippet__.html"], ["README snippet with data-src", "/__snippet_src__.html"]]) {
    test(`${name} at ${width}px: layout shift at most ${BUDGET}`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      const cls = await measure(page, path);
      report(`${name}, ${width}px`, cls);
      expect(cls.value).toBeLessThanOrEqual(BUDGET);
    });
  }
}

for (const path of PAGES) {
  test(`${path}: layout shift at most ${BUDGET}`, async ({ page }) => {
    const cls = await measure(page, path);
    report(path, cls);
    await expect(page.locator('link[rel=stylesheet][href="/pkg/momentum.css"]')).toHaveCount(1);
    expect(cls.value).toBeLessThanOrEqual(BUDGET);
  });
}

// The placeholder itself (momentum.css): before the widget renders, each
// list takes the height the widget will have, whatever the variant, form and
// width. One widget per case, each in a box of its own. The lines the widget
// writes itself (remaining time, "Cannot start yet — finish …", times) fit on
// one line here even 320px wide: a line that wraps is not foreseen.
const at = (days) => new Date(Date.now() + days * 86_400_000).toISOString();
const CASES = {
  "stepper, estimates": `<momentum-progress locale="en-US"><ol>
    <li data-step="a" data-status="complete" data-estimate="2m">Tell us your goals</li>
    <li data-step="b" data-status="active" data-estimate="5m">Connect your data</li>
    <li data-step="c" data-estimate="1m">Invite your team</li><li data-step="d" data-estimate="1m">Launch</li></ol></momentum-progress>`,
  "stepper, vertical": `<momentum-progress orientation="vertical" locale="en-US"><ol>
    <li data-step="a" data-status="complete">Cart</li><li data-step="b" data-status="active">Shipping</li>
    <li data-step="c">Payment</li></ol></momentum-progress>`,
  "stepper, horizontal": `<momentum-progress orientation="horizontal" locale="en-US"><ol>
    <li data-step="a" data-status="complete">Cart</li><li data-step="b" data-status="active">Ship</li>
    <li data-step="c">Pay</li></ol></momentum-progress>`,
  "checklist, interactive": `<momentum-progress variant="checklist" interactive locale="en-US"><ol>
    <li data-step="a" data-status="complete" data-description="Done already.">Set up your profile</li>
    <li data-step="b" data-status="active" data-estimate="5m" data-description="Link a spreadsheet.">Connect</li>
    <li data-step="c" data-optional>Invite your team</li>
    <li data-step="d" data-requires="b" data-estimate="10m">Build a dashboard</li></ol></momentum-progress>`,
  "checklist": `<momentum-progress variant="checklist" locale="en-US"><ol>
    <li data-step="a" data-description="Add your name and photo.">Set up your profile</li>
    <li data-step="b">Connect your data</li></ol></momentum-progress>`,
  "timeline": `<momentum-progress variant="timeline" locale="en-US"><ol>
    <li data-step="a" data-status="complete" data-completed-at="${at(-1)}">Order placed</li>
    <li data-step="b" data-status="blocked" data-reason="Waiting for an item.">Packed</li>
    <li data-step="c" data-eta="${at(2)}" data-description="Handed to the courier.">Shipped</li></ol></momentum-progress>`,
  "tiers": `<momentum-progress variant="tiers" value="640" unit="points" locale="en-US"><ol>
    <li data-step="a" data-threshold="0" data-description="Free delivery">Member</li>
    <li data-step="b" data-threshold="500">Gold</li><li data-step="c" data-threshold="1000">VIP</li></ol></momentum-progress>`,
  "ol data-momentum": `<ol data-momentum data-variant="timeline" data-locale="en-US">
    <li data-step="a" data-status="complete">Requested</li><li data-step="b" data-status="active">Received</li></ol>`,
  "div data-momentum": `<div data-momentum data-variant="stepper" data-locale="en-US"><ul>
    <li data-step="a" data-status="active">Cart</li><li data-step="b">Shipping</li></ul></div>`,
};

for (const width of [900, 320]) {
  test(`before it renders, each list holds its widget's height (${width}px wide)`, async ({ page }) => {
    const body = Object.entries(CASES).map(([name, html]) => `<section data-case="${name}" style="width: ${width}px; margin: 0 0 2rem">${html}</section>`).join("\n");
    await page.route("**/__cases__.html", (route) => route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="/favicon.svg">
        <link rel="stylesheet" href="/pkg/momentum.css"><script type="module" src="/pkg/momentum.js"></script></head>
        <body style="font-family: system-ui, sans-serif">${body}</body></html>`,
    }));
    let release;
    const wasm = new Promise((r) => { release = r; });
    await page.route("**/*.wasm", async (route) => { await wasm; await route.continue(); });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto("/__cases__.html");
    const heights = () => page.$$eval("section[data-case]", (all) => Object.fromEntries(all.map((s) => [s.dataset.case, Math.round(s.getBoundingClientRect().height)])));
    const before = await heights();
    release();
    await page.waitForFunction(() => [...document.querySelectorAll("section[data-case]")].every((s) => s.querySelector("momentum-progress, div[data-momentum]")?.shadowRoot));
    await frames(page);
    const after = await heights();
    const off = Object.keys(CASES).filter((name) => Math.abs(before[name] - after[name]) > 2)
      .map((name) => `${name}: ${before[name]}px before, ${after[name]}px after`);
    expect(off).toEqual([]);
  });
}
