// The playground (www/playground.html) and the theme recipes (www/themes.js),
// against the real server: every preview follows the form; the previews are
// exactly 375, 768 and 1280 px wide, light and dark, left to right and right
// to left; a pasted document is checked and explained; the link in the address
// bar restores the whole configuration; both snippets copy and, pasted into a
// blank page, give the same widget; the page passes axe; each theme meets WCAG
// AA on its own background. Screenshots go to docs/screenshots/.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { watch, partTexts } from "./helpers.mjs";

const axePath = fileURLToPath(new URL("../node_modules/axe-core/axe.min.js", import.meta.url));
const shots = fileURLToPath(new URL("../../docs/screenshots/", import.meta.url));
// www/ has no package.json, so Node would take its modules for CommonJS: the
// themes module is imported from its source as an ES module.
const themesSource = readFileSync(fileURLToPath(new URL("../../www/themes.js", import.meta.url)), "utf8");
const { THEMES, themeCss, contrastRatio } = await import(`data:text/javascript;base64,${Buffer.from(themesSource).toString("base64")}`);
const readme = readFileSync(fileURLToPath(new URL("../../README.md", import.meta.url)), "utf8");
const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const PREVIEWS = ".preview-stage momentum-progress";
// The lines both snippets start with, as in the README's snippet: the stylesheet that holds the widget's place, then the script.
const EMBED = '<link rel="stylesheet" href="/momentum/momentum.css">\n<script type="module" src="/momentum/momentum.js"></script>\n\n';

/** Every preview: its frame, attributes and what it renders. */
function previews(page) {
  return page.evaluate((sel) => [...document.querySelectorAll(sel)].map((el) => {
    const box = el.closest(".frame-box");
    const root = el.shadowRoot;
    const texts = (part) => (root ? [...root.querySelectorAll(`[part~="${part}"]`)].map((e) => e.textContent) : []);
    return {
      view: box.dataset.view, size: Number(box.dataset.size), dir: box.dir, lang: box.lang,
      width: el.offsetWidth,
      attrs: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])),
      variant: root?.querySelector("[part~=root]")?.dataset.variant ?? null,
      labels: texts("label"), summary: texts("summary").join(""), text: root ? root.textContent : "",
      steps: el.state?.steps?.map((s) => s.id) ?? [],
    };
  }), PREVIEWS);
}

/** Whether every preview has rendered its steps. */
const rendered = (page) => page.evaluate((sel) => {
  const all = [...document.querySelectorAll(sel)];
  return all.length > 0 && all.every((w) => w.shadowRoot && w.shadowRoot.querySelector("[part~=step]"));
}, PREVIEWS);

/** Opens the playground (optionally a shared link) once every preview has rendered. */
async function openPlayground(page, url = "/playground.html") {
  const w = watch(page);
  await page.goto(url);
  await expect.poll(() => rendered(page)).toBe(true);
  return w;
}

/** Everything a visitor configured and sees: the form, the steps, the snippets, the document, the previews. */
function snapshot(page) {
  return page.evaluate((sel) => ({
    controls: [...document.querySelectorAll("[name]")].filter((e) => e.name.includes("."))
      .map((e) => [e.name, e.type === "checkbox" || e.type === "radio" ? `${e.value}:${e.checked}` : e.value]),
    steps: [...document.querySelectorAll("#steps [data-field]")].map((e) => [e.id, e.type === "checkbox" ? e.checked : e.value]),
    element: document.getElementById("snippet-element").textContent,
    list: document.getElementById("snippet-list").textContent,
    doc: document.getElementById("doc").value,
    previews: [...document.querySelectorAll(sel)].map((el) => [
      el.closest(".frame-box").dataset.view, el.offsetWidth,
      [...el.attributes].map((a) => `${a.name}=${a.value}`).join(" "),
      getComputedStyle(el).backgroundColor, el.shadowRoot.textContent,
    ]),
  }), PREVIEWS);
}

/** The link the page holds now (Copy link writes it first). */
async function shareLink(page) {
  await page.locator("button[data-copy=share-link]").click();
  await expect(page.locator("#copy-status")).not.toBeEmpty();
  return page.locator("#share-link").inputValue();
}

// --- Editing ---------------------------------------------------------------------

test("editing a field updates every preview and both snippets", async ({ page }) => {
  const w = await openPlayground(page);
  const snippetEl = page.locator("#snippet-element");
  const snippetList = page.locator("#snippet-list");
  let p = await previews(page);
  // Two rows by default (light left to right, dark right to left), three widths each.
  expect(p.map((x) => [x.view, x.size])).toEqual([
    ["light-ltr", 375], ["light-ltr", 768], ["light-ltr", 1280], ["dark-rtl", 375], ["dark-rtl", 768], ["dark-rtl", 1280],
  ]);
  for (const x of p) expect(x.labels).toEqual(["Cart", "Shipping", "Payment", "Review"]);
  // The design checks are on in every preview, and never in the snippets.
  for (const x of p) expect(x.attrs).toEqual({ variant: "stepper", lint: "" });
  // Both start as the README's snippet does, with the stylesheet that holds the widget's place.
  for (const [snippet, start] of [[snippetEl, EMBED + '<momentum-progress variant="stepper">\n'], [snippetList, EMBED + '<ol data-momentum data-variant="stepper">\n']]) {
    expect((await snippet.textContent()).slice(0, start.length)).toBe(start);
  }

  // The variant: every preview, both snippets.
  await page.selectOption("#variant", "checklist");
  await expect.poll(async () => (await previews(page)).map((x) => x.variant)).toEqual(Array(6).fill("checklist"));
  await expect(snippetEl).toContainText('<momentum-progress variant="checklist">');
  await expect(snippetList).toContainText('<ol data-momentum data-variant="checklist">');

  // A label with characters that must stay text: shown as typed, escaped in the snippets.
  const label = 'Ship <img src=x onerror="window.__pwned=1"> & go';
  await page.fill("#s1-label", label);
  await expect.poll(async () => (await previews(page)).map((x) => x.labels.includes(label))).toEqual(Array(6).fill(true));
  await expect(page.locator("#steps li").nth(1).locator("legend")).toHaveText(`Step 2: ${label}`);
  const escaped = '>Ship &lt;img src=x onerror="window.__pwned=1"&gt; &amp; go</li>';
  await expect(snippetEl).toContainText(escaped);
  await expect(snippetList).toContainText(escaped);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(await page.locator("img").count()).toBe(0);

  // A step's status, then the language: every preview says it.
  await page.selectOption("#s2-status", "complete");
  await expect.poll(async () => (await previews(page)).map((x) => x.summary)).toEqual(Array(6).fill(expect.stringContaining("2 of 4 complete")));
  await page.selectOption("#locale", "de");
  await expect.poll(async () => (await previews(page)).map((x) => [x.attrs.locale, x.lang, x.summary]))
    .toEqual(Array(6).fill(["de", "de", expect.stringContaining("2 von 4 erledigt")]));

  // The other widget settings become attributes of every preview and of both snippets.
  await page.selectOption("#orientation", "vertical");
  await page.selectOption("#celebrate", "none");
  await page.fill("#milestones", "0.25 0.75");
  await page.check("#interactive");
  await page.fill("#done-message", 'All "set"');
  const attrs = {
    variant: "checklist", orientation: "vertical", celebrate: "none", milestones: "0.25 0.75",
    interactive: "", "done-message": 'All "set"', locale: "de", lint: "",
  };
  await expect.poll(async () => (await previews(page)).map((x) => x.attrs)).toEqual(Array(6).fill(attrs));
  await expect(snippetEl).toContainText('<momentum-progress variant="checklist"\n                   orientation="vertical"');
  await expect(snippetEl).toContainText('done-message="All &quot;set&quot;"');
  await expect(snippetList).toContainText('data-done-message="All &quot;set&quot;"');
  await expect(snippetList).toContainText("data-interactive");
  expect(await snippetEl.textContent()).not.toContain("lint");
  expect(await snippetList.textContent()).not.toContain("lint");

  // The lint switch, tiers settings and a source URL.
  await page.uncheck("input[name='view.lint']");
  await expect.poll(async () => (await previews(page)).every((x) => !("lint" in x.attrs))).toBe(true);
  await page.selectOption("#variant", "tiers");
  await expect(page.locator("#value")).toBeVisible();
  await expect(page.locator("#s0-threshold")).toBeVisible();
  await page.fill("#value", "640");
  await page.fill("#unit", "points");
  await expect.poll(async () => (await previews(page)).map((x) => [x.attrs.value, x.attrs.unit])).toEqual(Array(6).fill(["640", "points"]));
  await page.selectOption("#variant", "timeline");
  await expect(page.locator("#value")).toBeHidden();
  await expect(page.locator("#s0-threshold")).toBeHidden();
  await expect(snippetEl).not.toContainText("value=");

  // live and poll only mean something with a source.
  await page.selectOption("#live", "off");
  await page.fill("#poll", "1m");
  expect((await previews(page)).some((x) => "live" in x.attrs || "poll" in x.attrs)).toBe(false);
  await page.fill("#src", "/api/static?session=playground");
  await expect.poll(async () => (await previews(page)).map((x) => [x.attrs.src, x.attrs.live, x.attrs.poll]))
    .toEqual(Array(6).fill(["/api/static?session=playground", "off", "1m"]));
  await expect(snippetEl).toContainText('src="/api/static?session=playground"');
  await expect(snippetList).toContainText('data-live="off"');
  w.assertClean();
  expect(w.warnings).toEqual([]);
});

test("steps: added, moved and removed with the keyboard, announced, in every preview", async ({ page }) => {
  const w = await openPlayground(page);
  const labels = async () => [...new Set((await previews(page)).map((x) => x.labels.join("|")))];
  const status = page.locator("#steps-status");

  // Move "Shipping" up: at the top its Move up is disabled, so focus goes to its Move down.
  await page.locator("#steps li").nth(1).getByRole("button", { name: "Move up step 2" }).focus();
  await page.keyboard.press("Enter");
  await expect.poll(labels).toEqual(["Shipping|Cart|Payment|Review"]);
  await expect(page.getByRole("button", { name: "Move down step 1" })).toBeFocused();
  await expect(status).toHaveText("Moved “Shipping” to position 1 of 4.");
  await page.keyboard.press("Enter");
  await expect.poll(labels).toEqual(["Cart|Shipping|Payment|Review"]);
  await expect(page.getByRole("button", { name: "Move down step 2" })).toBeFocused();
  await expect(status).toHaveText("Moved “Shipping” to position 2 of 4.");

  // Add: the new row's label is focused and selected, so typing names it.
  await page.locator("#add").focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("#s4-label")).toBeFocused();
  await page.keyboard.type("Gift wrap");
  await page.check("#s4-optional");
  await page.fill("#s4-estimate", "1m");
  await expect.poll(labels).toEqual(["Cart|Shipping|Payment|Review|Gift wrap"]);
  await expect(page.locator("#snippet-element")).toContainText('<li data-step="step-5" data-estimate="1m" data-optional>Gift wrap</li>');

  // Remove the first step: focus moves to the next row's Remove.
  await page.getByRole("button", { name: "Remove step 1" }).focus();
  await page.keyboard.press("Enter");
  await expect.poll(labels).toEqual(["Shipping|Payment|Review|Gift wrap"]);
  await expect(page.getByRole("button", { name: "Remove step 1" })).toBeFocused();
  await expect(status).toHaveText("Removed “Cart”. 4 steps.");
  await expect(page.locator("#snippet-element")).not.toContainText("Cart");

  // Problems a row can fix itself are said next to it.
  await page.fill("#s1-id", "shipping");
  await page.fill("#s2-requires", "payment nowhere");
  await expect(page.locator("#s1-id")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#s1-problems")).toHaveText("The id “shipping” is also used by step 1.");
  await expect(page.locator("#s2-problems")).toHaveText("Requires “payment”, “nowhere”: no step has that id.");
  await page.fill("#s1-id", "payment");
  await expect(page.locator("#s1-id")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#s2-problems")).toHaveText("Requires “nowhere”: no step has that id.");
  w.assertClean();
});

// --- Loading ------------------------------------------------------------------------

// What the page lays out before its script runs is what the script and the
// widgets lay out (rule 40 for the playground itself): the previews, the form,
// the steps, the look and the snippets keep their places and sizes while the
// script, then the wasm, arrive. Each is held until the page before it has painted.
for (const [width, height] of [[1440, 1000], [800, 1000]]) {
  test(`nothing moves while the script and the widgets arrive (${width}px wide)`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    const w = watch(page);
    const gate = () => { let open; const shut = new Promise((r) => { open = r; }); return { shut, open }; };
    const script = gate(), wasm = gate();
    await page.route("**/playground.js", async (route) => { await script.shut; await route.fallback(); });
    await page.route("**/*.wasm", async (route) => { await wasm.shut; await route.fallback(); });
    const painted = () => page.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
    const layout = () => page.evaluate(() => Object.fromEntries([
      "#viewport", ".status-line", "#editor", "#steps", "#theme-rows", "#snippet-element", "#snippet-list", "#share-link",
      ...[...document.querySelectorAll(".frame-box")].map((_, i) => `.frame-box >> ${i}`),
      ...[...document.querySelectorAll("#editor .card")].map((_, i) => `#editor .card >> ${i}`),
    ].map((sel) => {
      const [css, nth] = sel.split(" >> ");
      const r = [...document.querySelectorAll(css)][Number(nth ?? 0)].getBoundingClientRect();
      return [sel, [r.x, r.y + scrollY, r.width, r.height]];
    })));
    // Where something moved or changed size by more than a pixel (a widget's height may differ from its list's by a fraction).
    const moved = (a, b) => Object.keys(a).filter((k) => a[k].some((v, i) => Math.abs(v - b[k][i]) > 1))
      .map((k) => `${k}: ${a[k].map(Math.round)} -> ${b[k].map(Math.round)}`);

    await page.goto("/playground.html", { waitUntil: "commit" });
    await page.waitForFunction(() => document.readyState !== "loading" && performance.getEntriesByType("paint").length > 0);
    await painted();
    const before = await layout();
    // The page's own previews are the default configuration's, lists laid out in the widgets' places.
    expect(await page.locator(`${PREVIEWS} > ol > li`).count()).toBe(6 * 4);

    script.open();
    await expect(page.locator("#share-link")).not.toHaveValue("");
    await painted();
    expect(moved(before, await layout()), "after the script ran").toEqual([]);

    wasm.open();
    await expect.poll(() => rendered(page)).toBe(true);
    await painted();
    const after = await layout();
    expect(moved(before, after), "after the widgets rendered").toEqual([]);
    // The script's own previews have taken over: their steps come from the form alone.
    expect(await page.locator(`${PREVIEWS} > ol`).count()).toBe(0);
    expect((await previews(page)).map((x) => x.labels.join("|"))).toEqual(Array(6).fill("Cart|Shipping|Payment|Review"));
    w.assertClean();
    expect(w.warnings).toEqual([]);
  });
}

// --- Previews ----------------------------------------------------------------------

test("the previews: exactly 375, 768 and 1280 px, light and dark, left to right and right to left", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  const w = await openPlayground(page);
  await page.check("input[value=light-rtl]");
  await page.check("input[value=dark-ltr]");
  await expect(page.locator(PREVIEWS)).toHaveCount(12);
  await expect.poll(() => rendered(page)).toBe(true);
  const p = await previews(page);
  expect(p.map((x) => `${x.view} ${x.size}`)).toEqual(["light-ltr", "light-rtl", "dark-ltr", "dark-rtl"]
    .flatMap((v) => [375, 768, 1280].map((s) => `${v} ${s}`)));
  // Each widget is exactly its frame's width.
  for (const x of p) expect(x.width, `${x.view} ${x.size}`).toBe(x.size);

  const look = await page.evaluate((sel) => [...document.querySelectorAll(sel)].map((el) => {
    const r = el.shadowRoot;
    const markers = [...r.querySelectorAll("[part~=marker]")].map((m) => m.getBoundingClientRect());
    const compact = r.querySelector("[part~=compact]");
    return {
      view: el.closest(".frame-box").dataset.view, size: el.offsetWidth,
      scheme: getComputedStyle(el).colorScheme, direction: getComputedStyle(el).direction,
      done: getComputedStyle(r.querySelector("[data-status=complete] [part~=marker]")).backgroundColor,
      compact: compact && compact.checkVisibility() ? compact.textContent : null,
      oneRow: new Set(markers.map((m) => Math.round(m.top))).size === 1,
      firstRight: markers[0].left > markers[markers.length - 1].left,
    };
  }), PREVIEWS);
  for (const x of look) {
    const [scheme, dir] = x.view.split("-");
    const at = `${x.view} ${x.size}`;
    expect(x.scheme, at).toBe(scheme);
    // The default colours follow the frame's colour scheme.
    expect(x.done, at).toBe(scheme === "dark" ? "rgb(74, 222, 128)" : "rgb(21, 128, 61)");
    expect(x.direction, at).toBe(dir);
    // auto orientation: the phone-sized widget collapses, the wider ones are one row of steps.
    if (x.size === 375) expect(x.compact, at).toBe("Step 2 of 4 · Shipping");
    else {
      expect(x.compact, at).toBeNull();
      expect(x.oneRow, at).toBe(true);
      expect(x.firstRight, at).toBe(dir === "rtl");
    }
  }

  // Fit: every frame is on screen at once, scaled; Actual size: real pixels, and the region scrolls.
  const box = () => page.evaluate((sel) => {
    const v = document.getElementById("viewport").getBoundingClientRect();
    const frames = [...document.querySelectorAll(".frame-box")].map((f) => f.getBoundingClientRect());
    const last = [...document.querySelectorAll(sel)].pop();
    return {
      inside: frames.every((f) => f.right <= v.right + 1 && f.left >= v.left - 1),
      shown: last.getBoundingClientRect().width, scrolls: document.getElementById("viewport").scrollWidth > v.width + 1,
    };
  }, PREVIEWS);
  let b = await box();
  expect(b.inside).toBe(true);
  expect(b.shown).toBeLessThan(1280);
  await page.check("input[name='view.zoom'][value=actual]");
  await expect.poll(async () => (await box()).shown).toBe(1280);
  b = await box();
  expect(b.scrolls).toBe(true);
  w.assertClean();
  expect(w.warnings).toEqual([]);
});

test("a link inside a preview leaves the configuration in the address bar", async ({ page }) => {
  const w = await openPlayground(page);
  const link = await shareLink(page);
  const hash = new URL(link).hash;
  // The 1280 px stepper links its done step.
  await page.locator(PREVIEWS).nth(2).locator("a[href='#cart']").click();
  await expect.poll(() => page.evaluate(() => location.hash)).toBe(hash);
  expect((await previews(page)).length).toBe(6);
  w.assertClean();
});

// --- The state document --------------------------------------------------------------

test("a pasted state document is checked, explained inline, and never breaks the page", async ({ page }) => {
  const w = await openPlayground(page);
  const doc = page.locator("#doc");
  const messages = page.locator("#doc-messages li");
  const before = await previews(page);

  // It shows the document the previews have.
  expect(JSON.parse(await doc.inputValue())).toEqual(await page.evaluate((sel) => document.querySelector(sel).state, PREVIEWS));

  const bad = [
    ["{\n  \"steps\": [\n    { \"id\": \"a\" \"label\": \"A\" }\n  ]\n}", "Not applied. This is not valid JSON at line 3, column 17: expected a comma or } after the property's value, found “\"label\": \"A\"”."],
    ["[1, 2]", "Not applied. A state document is a JSON object, { … }; this is an array."],
    ['{ "title": "x" }', 'Not applied. The document has no "steps". Add an array of steps, for example "steps": [{ "id": "cart", "label": "Cart" }].'],
    ['{ "steps": "a, b" }', 'Not applied. "steps" must be an array, [ … ]; it is text.'],
    ['{ "steps": [] }', 'Not applied. "steps" is empty: the widget needs at least one step.'],
    ["", 'Not applied. The document is empty. Paste a state document, for example { "steps": [{ "id": "cart", "label": "Cart" }] }.'],
  ];
  for (const [text, message] of bad) {
    await doc.fill(text);
    await expect(messages.first()).toHaveText(message);
    await expect(doc).toHaveAttribute("aria-invalid", "true");
    // The last good configuration stays on screen.
    expect((await previews(page)).map((x) => x.labels)).toEqual(before.map((x) => x.labels));
  }

  // A usable document applies, with a note for everything changed or left out.
  await doc.fill(JSON.stringify({
    title: "Your order", hours: "Mon-Fri 09:00-17:00", colour: "red",
    steps: [
      { id: "placed", label: "Placed", status: "done" },
      42,
      { label: "Packed", startedAt: "2026-01-01T00:00:00Z", estimate: 3600 },
      { id: "placed", label: "Shipped", requires: ["placed"], optional: "yes" },
    ],
  }));
  await expect(messages).toHaveText([
    "Applied: 3 steps.",
    'Step 1 (“Placed”): status "done" is not one of pending, active, complete, skipped, blocked, error; the widget shows it as pending.',
    "Step 2 is a number, not an object { … }: it is left out.",
    'Step 3 (“Packed”): "startedAt" is not edited by the playground and is left out.',
    'Step 3 (“Packed”) has no "id": it is called "step-3".',
    'Step 4 (“Shipped”): "optional" should be true or false; it is text, so it is left out.',
    'Step 4 (“Shipped”): the id "placed" is used by an earlier step, so this one is "placed-2".',
    'Not edited by the playground, so left out: "hours".',
    'The widget ignores "colour".',
  ]);
  await expect(doc).not.toHaveAttribute("aria-invalid", "true");
  await expect.poll(async () => (await previews(page)).map((x) => x.labels)).toEqual(Array(6).fill(["Placed", "Packed", "Shipped"]));
  await expect.poll(async () => (await previews(page)).map((x) => x.steps)).toEqual(Array(6).fill(["placed", "step-3", "placed-2"]));
  // The form follows: the title, and the steps editor.
  await expect(page.locator("#title")).toHaveValue("Your order");
  await expect(page.locator("#s1-estimate")).toHaveValue("3600");
  await expect(page.locator("#s2-requires")).toHaveValue("placed");
  await expect(page.locator("#snippet-element")).toContainText('"title": "Your order",');
  // Leaving the field shows the document as the previews have it.
  await page.locator("#title").focus();
  await expect.poll(async () => JSON.parse(await doc.inputValue()).steps.map((s) => s.id)).toEqual(["placed", "step-3", "placed-2"]);
  w.assertClean();
  expect(w.warnings).toEqual([]);
});

// --- The link ----------------------------------------------------------------------

test("the link keeps the whole configuration: opened in a new page, it restores it exactly", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const w = await openPlayground(page);
  await page.selectOption("#variant", "tiers");
  await page.click("#example");
  await page.fill("#value", "1200");
  await page.fill("#unit", "stars");
  await page.selectOption("#locale", "fr");
  await page.selectOption("#theme", "playful");
  await page.fill("#theme-accent", "#9a3412");
  await page.fill("#title", "Vos récompenses");
  await page.fill("#done-message", "Tout en haut !");
  await page.fill("#milestones", "0.25 0.75");
  await page.selectOption("#celebrate", "none");
  await page.selectOption("#orientation", "vertical");
  await page.check("#interactive");
  await page.locator("#steps li").nth(2).getByRole("button", { name: "Move up step 3" }).click();
  await page.fill("#s0-description", "Bienvenue");
  await page.selectOption("#s1-status", "blocked");
  await page.fill("#s1-reason", "En attente");
  await page.fill("#s1-eta", "2031-05-01T12:00:00Z");
  await page.fill("#s3-requires", "gold");
  await page.check("input[value=dark-ltr]");
  await page.uncheck("input[value=light-ltr]");
  await page.check("input[name='view.zoom'][value=actual]");
  await page.uncheck("input[name='view.lint']");
  await expect.poll(() => rendered(page)).toBe(true);

  const link = await shareLink(page);
  await expect(page.locator("#copy-status")).toHaveText("Copied the link to the clipboard.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  expect(link).toBe(page.url());
  expect(new URL(link).hash).toMatch(/^#1\.[A-Za-z0-9_-]+$/);
  expect(link.length).toBeLessThan(1200);
  const before = await snapshot(page);
  expect(before.previews.map(([view]) => view)).toEqual(["dark-ltr", "dark-ltr", "dark-ltr", "dark-rtl", "dark-rtl", "dark-rtl"]);

  const again = await context.newPage();
  const w2 = await openPlayground(again, link);
  await expect.poll(() => snapshot(again)).toEqual(before);
  expect(again.url()).toBe(link);
  w.assertClean();
  w2.assertClean();
  expect(w2.warnings).toEqual([]);
});

test("a damaged or foreign link says so and shows the example", async ({ page }) => {
  for (const [hash, says] of [
    ["#1.AAAAAAAA", "This link is damaged (cut short or changed), so its configuration cannot be read. The playground shows the example instead."],
    ["#9.abc", "This link was made by another version of the playground (format 9; this one reads format 1). The playground shows the example instead."],
  ]) {
    const w = await openPlayground(page, `/playground.html${hash}`);
    await expect(page.locator("#link-notice")).toHaveText(says);
    expect((await previews(page))[0].labels).toEqual(["Cart", "Shipping", "Payment", "Review"]);
    w.assertClean();
  }
});

// --- Copy ----------------------------------------------------------------------------

test("Copy puts each snippet on the clipboard; pasted into a blank page, it renders the same steps", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const w = await openPlayground(page);
  await page.selectOption("#variant", "checklist");
  await page.click("#example");
  await page.fill("#title", "Set up your workspace");
  await page.fill("#s3-eta", "2031-01-01T09:00:00Z");
  await page.selectOption("#theme", "brand");
  await expect.poll(async () => (await previews(page))[0].labels.length).toBe(5);
  const preview = await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    return { state: el.state, background: getComputedStyle(el).backgroundColor, accent: getComputedStyle(el).getPropertyValue("--momentum-accent").trim() };
  }, PREVIEWS);
  const labels = await partTexts(page, "label", PREVIEWS);

  for (const [id, what] of [["snippet-element", "the element form"], ["snippet-list", "the list form"]]) {
    await page.locator(`button[data-copy=${id}]`).click();
    await expect(page.locator("#copy-status")).toHaveText(`Copied ${what} to the clipboard.`);
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toBe(await page.locator(`#${id}`).textContent());
    // It loads Momentum as the README's snippet does: the stylesheet that holds the widget's place, then the script.
    expect(text.slice(0, EMBED.length), what).toBe(EMBED);

    // A blank page with nothing but the pasted snippet (its /momentum/ is where a host puts pkg/).
    const blank = await context.newPage();
    const bw = watch(blank);
    await blank.route("**/momentum/**", (route) => route.continue({ url: route.request().url().replace("/momentum/", "/pkg/") }));
    await blank.route("**/__paste__.html", (route) => route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pasted</title><link rel="icon" href="/favicon.svg"></head><body>\n${text}</body></html>`,
    }));
    await blank.goto("/__paste__.html");
    const widget = blank.locator("momentum-progress");
    await expect(widget).toHaveCount(1);
    await expect.poll(() => widget.evaluate((el) => el.state?.steps?.length ?? 0)).toBe(5);
    // The pasted link line brought momentum.css in.
    expect(await blank.evaluate(() => [...document.styleSheets]
      .filter((s) => s.href?.endsWith("/momentum/momentum.css")).map((s) => s.cssRules.length > 0)), what).toEqual([true]);
    const pasted = await widget.evaluate((el) => ({
      state: el.state, background: getComputedStyle(el).backgroundColor, accent: getComputedStyle(el).getPropertyValue("--momentum-accent").trim(),
    }));
    expect(pasted.state.steps, what).toEqual(preview.state.steps);
    expect(pasted.state.title, what).toBe("Set up your workspace");
    // The theme came along.
    expect([pasted.background, pasted.accent], what).toEqual([preview.background, preview.accent]);
    expect(await partTexts(blank, "label", "momentum-progress")).toEqual(labels);
    bw.assertClean();
    expect(bw.warnings, what).toEqual([]);
    await blank.close();
  }
  w.assertClean();
});

test("without the Clipboard API, Copy selects the snippet and says so", async ({ page }) => {
  const w = await openPlayground(page);
  await page.evaluate(() => Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true }));
  const text = await page.locator("#snippet-list").textContent();
  await page.locator("button[data-copy=snippet-list]").click();
  await expect(page.locator("#copy-status")).toHaveText(/^(Copied the list form to the clipboard\.|Selected the list form: press Ctrl\+C \(⌘C on a Mac\) to copy it\.)$/);
  expect((await page.evaluate(() => getSelection().toString())).trimEnd()).toBe(text.trimEnd());
  await page.locator("button[data-copy=share-link]").click();
  await expect(page.locator("#share-link")).toBeFocused();
  expect(await page.locator("#share-link").evaluate((i) => i.value.slice(i.selectionStart, i.selectionEnd))).toBe(page.url());
  w.assertClean();
});

// --- Accessibility and CSP --------------------------------------------------------------

for (const scheme of ["light", "dark"]) {
  test(`axe-core finds no violations in the playground (${scheme})`, async ({ page }) => {
    test.slow();
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 900 });
    await openPlayground(page);
    await page.addScriptTag({ path: axePath });
    for (const v of ["light-rtl", "dark-ltr"]) await page.check(`input[value=${v}]`);
    const configs = [
      async () => {},
      async () => {
        await page.selectOption("#variant", "checklist");
        await page.click("#example");
        await page.check("#interactive");
        await page.selectOption("#s2-status", "blocked");
        await page.fill("#s2-reason", "Waiting for an admin");
        await page.selectOption("#theme", "contrast");
        await page.check("input[name='view.zoom'][value=actual]");
        await page.locator("#doc").fill("{ not json");
        await page.fill("#theme-muted", "not a colour");
        await page.fill("#s0-id", "");
      },
      async () => {
        await page.selectOption("#variant", "tiers");
        await page.click("#example");
        await page.selectOption("#theme", "playful");
        await page.selectOption("#locale", "ar");
      },
      async () => {
        await page.selectOption("#variant", "timeline");
        await page.click("#example");
        await page.selectOption("#theme", "brand");
      },
    ];
    for (const configure of configs) {
      await configure();
      await expect.poll(() => rendered(page)).toBe(true);
      const violations = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ["violations"] });
        return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" > ")).join(", ")}`);
      });
      expect(violations).toEqual([]);
    }
  });
}

test("the playground works under a strict Content-Security-Policy", async ({ page }) => {
  await page.route("**/playground.html", async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": STRICT_CSP } });
  });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const w = await openPlayground(page);
  await page.selectOption("#theme", "contrast");
  await expect.poll(() => page.locator(PREVIEWS).first().evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(0, 0, 0)");
  await page.check("input[name='view.zoom'][value=actual]");
  await page.check("input[name='view.zoom'][value=fit]");
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
  w.assertClean();
});

test("screenshot: the playground's side-by-side preview", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce", colorScheme: "light" });
  await page.setViewportSize({ width: 1440, height: 1000 });
  const w = await openPlayground(page);
  await page.waitForTimeout(300);
  await page.locator(".preview-card").screenshot({ path: `${shots}playground.png` });
  w.assertClean();
});

// --- Themes ------------------------------------------------------------------------------

const STEPPER = `<momentum-progress variant="stepper" orientation="horizontal">
  <ol>
    <li data-step="cart" data-status="complete">Cart</li>
    <li data-step="shipping" data-status="active">Shipping</li>
    <li data-step="payment">Payment</li>
    <li data-step="review">Review</li>
  </ol>
</momentum-progress>`;
const CHECKLIST = `<momentum-progress variant="checklist">
  <script type="application/json">{ "title": "Set up your workspace", "steps": [{ "id": "profile" }] }</script>
  <ol>
    <li data-step="profile" data-status="complete" data-estimate="2m">Set up your profile</li>
    <li data-step="connect" data-status="active" data-estimate="5m" data-description="Link a spreadsheet or a database.">Connect your data</li>
    <li data-step="import" data-status="blocked" data-estimate="3m" data-reason="Waiting for an admin to approve">Import history</li>
    <li data-step="invite" data-optional data-estimate="1m">Invite your team</li>
    <li data-step="dashboard" data-requires="connect" data-estimate="10m">Build a dashboard</li>
  </ol>
</momentum-progress>`;
const TIMELINE = `<momentum-progress variant="timeline">
  <ol>
    <li data-step="placed" data-status="complete">Order placed</li>
    <li data-step="packed" data-status="active">Packed</li>
    <li data-step="shipped" data-status="error" data-reason="The courier could not collect it">Shipped</li>
    <li data-step="delivered">Delivered</li>
  </ol>
</momentum-progress>`;
const TIERS = `<momentum-progress variant="tiers" value="640" unit="points" orientation="horizontal">
  <ol>
    <li data-step="member" data-threshold="0">Member</li>
    <li data-step="gold" data-threshold="500">Gold</li>
    <li data-step="vip" data-threshold="1000">VIP</li>
  </ol>
</momentum-progress>`;
/** The page each scheme's widgets sit on (demo.css's page colours). */
const PAGE = { light: "color-scheme: light; background: #f6f7f9; color: #111827", dark: "color-scheme: dark; background: #0f1115; color: #e5e7eb" };
const PROBES = ["accent", "done", "error", "muted", "surface"].map((k) => `<span data-probe="${k}"></span>`).join("") + '<span data-probe="text"></span>';

/** A page showing `theme` with all four variants in each of its schemes; the screenshot is of `#shot`. */
function themePage(theme) {
  const cell = (scheme, html) => `<div class="cell" style="${PAGE[scheme]}">${html}</div>`;
  const probe = (scheme) => `<div class="cell" style="${PAGE[scheme]}"><div class="probe" data-scheme="${scheme}">${PROBES}</div></div>`;
  const [shot, more] = theme.schemes.length === 2
    ? [[STEPPER, CHECKLIST], [TIMELINE, TIERS]].map((list) => list.flatMap((html) => theme.schemes.map((s) => cell(s, html))).join(""))
    : [[STEPPER, TIERS, CHECKLIST, TIMELINE].map((html) => cell(theme.schemes[0], html)).join(""), ""];
  return `<style>
    body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    .grid { display: grid; grid-template-columns: repeat(2, 560px); gap: 0; padding: 0; }
    .cell { padding: 24px; }
    .probe [data-probe="accent"] { color: var(--momentum-accent); }
    .probe [data-probe="done"] { color: var(--momentum-done); }
    .probe [data-probe="error"] { color: var(--momentum-error); }
    .probe [data-probe="muted"] { color: var(--momentum-muted); }
    .probe [data-probe="surface"] { color: var(--momentum-surface); }
    momentum-progress + momentum-progress { margin-top: 16px; }
  </style>
  <style>${themeCss(theme, { extra: [".probe"] })}</style>
  <main><h1 class="sr-only">Theme: ${theme.name}</h1>
    <div class="grid" id="shot">${shot}</div>
    <div class="grid">${more}</div>
    <div class="grid">${theme.schemes.map(probe).join("")}</div>
  </main>`;
}

const rgb = (s) => {
  const m = /^rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)$/.exec(s);
  if (!m) throw new Error(`not an rgb() colour: ${s}`);
  return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
};

for (const theme of THEMES) {
  test(`theme "${theme.name}": every colour meets WCAG AA on its background, in the README, screenshot`, async ({ page }) => {
    const w = watch(page);
    await page.emulateMedia({ reducedMotion: "reduce" });
    await page.setViewportSize({ width: 1120, height: 900 });
    await page.route("**/__theme__.html", (route) => route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${theme.name}</title><link rel="icon" href="/favicon.svg">
        <script type="module" src="/pkg/momentum.js"></script></head><body>${themePage(theme)}</body></html>`,
    }));
    await page.goto("/__theme__.html");
    await expect.poll(() => page.evaluate(() => [...document.querySelectorAll("momentum-progress")]
      .every((w) => w.shadowRoot && w.shadowRoot.querySelector("[part~=step]")))).toBe(true);

    // Each custom colour, resolved by the browser in each of the theme's schemes, against the theme's background.
    for (const scheme of theme.schemes) {
      const c = await page.evaluate((scheme) => {
        const probe = document.querySelector(`.probe[data-scheme="${scheme}"]`);
        const out = { background: getComputedStyle(probe).backgroundColor, text: getComputedStyle(probe).color };
        for (const span of probe.querySelectorAll("[data-probe]")) out[span.dataset.probe] = getComputedStyle(span).color;
        // The widgets on this scheme's page have the same background.
        out.widgets = [...document.querySelectorAll(".cell")].filter((c) => getComputedStyle(c).colorScheme === scheme)
          .flatMap((c) => [...c.querySelectorAll("momentum-progress")]).map((el) => getComputedStyle(el).backgroundColor);
        return out;
      }, scheme);
      const bg = rgb(c.background);
      expect(bg[3], `${scheme}: the theme sets an opaque background`).toBe(1);
      expect(new Set(c.widgets), scheme).toEqual(new Set([c.background]));
      const ratios = {};
      for (const key of ["accent", "done", "error", "muted", "text"]) ratios[key] = contrastRatio(rgb(c[key]), bg);
      // The marks drawn in the surface colour on done and current markers.
      ratios["surface on done"] = contrastRatio(rgb(c.surface), rgb(c.done));
      ratios["surface on accent"] = contrastRatio(rgb(c.surface), rgb(c.accent));
      for (const [key, ratio] of Object.entries(ratios)) expect(ratio, `${theme.id} ${scheme} ${key}: ${ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(4.5);
    }

    // The widget's own contrast check (lint, rule 46) agrees, in every widget of every scheme.
    const lint = await page.evaluate(() => [...document.querySelectorAll("momentum-progress")].map((el) => el.lint()));
    expect(lint.length).toBeGreaterThan(2);
    expect(lint.flat().filter((i) => i.code === "contrast")).toEqual([]);

    // axe-core's color-contrast rule on the rendered widgets (and every other rule).
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ["violations", "passes"] });
      const contrast = r.passes.find((p) => p.id === "color-contrast");
      return {
        violations: r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary}`).join(", ")}`),
        checked: contrast ? contrast.nodes.filter((n) => n.target.some((t) => Array.isArray(t))).length : 0,
        sample: contrast ? JSON.stringify(contrast.nodes.slice(0, 3).map((n) => n.target)) : "",
      };
    });
    expect(result.violations).toEqual([]);
    // The rule looked inside the widgets' shadow roots.
    expect(result.checked, result.sample).toBeGreaterThan(20);

    await page.locator("#shot").screenshot({ path: `${shots}theme-${theme.id}.png` });
    w.assertClean();
    // The README prints the theme exactly as the playground and this test apply it.
    expect(readme).toContain("```css\n" + themeCss(theme) + "```");
    expect(w.warnings).toEqual([]);
  });
}

// --- Design checks --------------------------------------------------------------------

test("every preview shows its lint panel; a mistake in the form shows in each; the switch hides them", async ({ page }) => {
  const w = await openPlayground(page);
  const panels = () => page.evaluate((sel) => [...document.querySelectorAll(sel)].map((el) => {
    const p = el.shadowRoot.querySelector("[part~=lint]");
    return p && { summary: p.querySelector("summary").textContent, items: [...p.querySelectorAll("li")].map((li) => li.dataset.code) };
  }), PREVIEWS);
  await expect.poll(async () => (await panels(page)).every((p) => p && /^Design checks \(lint\): /.test(p.summary))).toBe(true);
  expect((await panels(page)).length).toBe(6);
  // A requirement on a step that does not exist, and a requirement cycle.
  await page.fill("#s3-requires", "nowhere");
  await expect.poll(async () => (await panels(page)).every((p) => p.items.includes("requires-unknown"))).toBe(true);
  await page.fill("#s3-requires", "");
  await page.fill("#s1-requires", "review");
  await page.fill("#s3-requires", "shipping");
  await expect.poll(async () => (await panels(page)).map((p) => p.items.includes("requires-cycle") && !p.items.includes("requires-unknown")))
    .toEqual([true, true, true, true, true, true]);
  await page.uncheck("input[name='view.lint']");
  await expect.poll(async () => (await panels(page)).every((p) => p === null)).toBe(true);
  w.assertClean();
});
