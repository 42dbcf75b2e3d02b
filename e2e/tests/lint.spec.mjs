// The designer's view (rule 46): the `lint` attribute shows, inside the
// widget, every warning about it plus the design checks; `el.lint()` returns
// the same list whether or not the attribute is set. Each check is shown on a
// widget that has the mistake and is absent from one that does not; the
// panel works with the keyboard and passes axe. The README's screenshot of a
// misconfigured widget is taken here.
import { test, expect } from "@playwright/test";
import { fileURLToPath } from "node:url";
import { blank, watch } from "./helpers.mjs";

const axePath = fileURLToPath(new URL("../node_modules/axe-core/axe.min.js", import.meta.url));
const shots = fileURLToPath(new URL("../../docs/screenshots/", import.meta.url));

/** `n` steps s1..sn, each with `extra` fields. */
const steps = (n, extra = () => ({})) =>
  Array.from({ length: n }, (_, i) => ({ id: `s${i + 1}`, label: `Step ${i + 1}`, ...extra(i) }));

/** Places one <momentum-progress id=…> per entry of `widgets` ({ id, attrs, state, style }), waits until each rendered. */
async function place(page, widgets) {
  await blank(page, "<main><h1>Design checks</h1>" + widgets.map((w) =>
    `<momentum-progress id="${w.id}" ${w.attrs ?? ""}${w.style ? ` class="${w.id}"` : ""}></momentum-progress>`).join("\n") + "</main>",
  { head: `<title>Lint</title><style>${widgets.filter((w) => w.style).map((w) => `.${w.id} { ${w.style} }`).join("\n")}</style>` });
  await page.evaluate((widgets) => {
    for (const w of widgets) if (w.state) document.getElementById(w.id).state = w.state;
  }, widgets);
  await expect.poll(() => page.evaluate((ids) => ids.every((id) => document.getElementById(id).shadowRoot?.querySelector("[part~=root]")),
    widgets.map((w) => w.id))).toBe(true);
}

/** `el.lint()` of the widget `id`. */
const lintOf = (page, id) => page.evaluate((id) => document.getElementById(id).lint(), id);
/** The codes in `el.lint()` of the widget `id`. */
const codes = async (page, id) => (await lintOf(page, id)).map((i) => i.code);
/** The lint panel's summary and items of the widget `id`, or null when there is none. */
const panel = (page, id) => page.evaluate((id) => {
  const p = document.getElementById(id).shadowRoot.querySelector("[part~=lint]");
  return p && { summary: p.querySelector("summary").textContent, items: [...p.querySelectorAll("li")].map((li) => li.textContent) };
}, id);

// Each check: a widget with the mistake and one without; the mistake's code is listed for the first only.
const CHECKS = [
  {
    code: "stepper-steps", what: "more than 7 steps in a horizontal stepper",
    bad: { state: { steps: steps(8) } },
    good: { state: { steps: steps(7) } },
    says: /horizontal stepper of 8 steps.*orientation="vertical"/,
  },
  {
    code: "stepper-steps", what: "more than 7 steps, but vertical",
    bad: { attrs: 'orientation="horizontal"', state: { steps: steps(9) } },
    good: { attrs: 'orientation="vertical"', state: { steps: steps(9) } },
    says: /9 steps/,
  },
  {
    code: "label-length", what: "a stepper label over 40 characters",
    bad: { state: { steps: [{ id: "a", label: "x".repeat(41) }, { id: "b", label: "Short" }] } },
    good: { state: { steps: [{ id: "a", label: "x".repeat(40) }, { id: "b", label: "Short" }] } },
    says: /^step "a": the label has 41 characters.*data-description/, stepId: "a",
  },
  {
    code: "contrast", what: "a custom colour below 4.5:1",
    bad: { style: "--momentum-muted: #aaaaaa; background: #ffffff", state: { steps: steps(2) } },
    good: { style: "--momentum-muted: #595959; background: #ffffff", state: { steps: steps(2) } },
    says: /^--momentum-muted: #aaaaaa on the widget's background #ffffff has a contrast of 2\.3:1, below the 4\.5:1.*darker colour/,
  },
  {
    code: "contrast", what: "a colour that is fine on white but not on the page's dark background",
    bad: { style: "color-scheme: dark; --momentum-accent: #1d4ed8; background: #111111", state: { steps: steps(2) } },
    good: { style: "color-scheme: dark; background: #111111", state: { steps: steps(2) } },
    says: /^--momentum-accent: #1d4ed8 .* #111111 has a contrast of 2\.\d:1.*lighter colour/,
  },
  {
    code: "requires-cycle", what: "a requires cycle",
    bad: { attrs: 'variant="checklist"', state: { steps: [{ id: "a", label: "A", requires: ["c"] }, { id: "b", label: "B", requires: ["a"] }, { id: "c", label: "C", requires: ["b"] }] } },
    good: { attrs: 'variant="checklist"', state: { steps: [{ id: "a", label: "A" }, { id: "b", label: "B", requires: ["a"] }, { id: "c", label: "C", requires: ["b"] }] } },
    says: /^step "a": .*cycle, "a" → "c" → "b" → "a"/, stepId: "a",
  },
  {
    code: "requires-unknown", what: "a requires id that names no step (the rule 41 warning)",
    bad: { attrs: 'variant="checklist"', state: { steps: [{ id: "a", label: "A" }, { id: "b", label: "B", requires: ["nope"] }] } },
    good: { attrs: 'variant="checklist"', state: { steps: [{ id: "a", label: "A" }, { id: "b", label: "B", requires: ["a"] }] } },
    says: /^step "b": requires="nope" is not valid; allowed: the id of another step/, stepId: "b",
  },
  {
    code: "all-optional", what: "every step optional",
    bad: { state: { steps: steps(3, () => ({ optional: true })) } },
    good: { state: { steps: steps(3, (i) => ({ optional: i > 0 })) } },
    says: /every step is optional/,
  },
  {
    code: "estimates-partial", what: "estimates on some required steps but not all",
    bad: { state: { steps: steps(3, (i) => (i === 0 ? { estimate: "2m" } : { optional: i === 2 })) } },
    good: { state: { steps: steps(3, (i) => (i < 2 ? { estimate: "2m" } : { optional: true })) } },
    says: /^step "s2": no estimate, while other required steps have one.*data-estimate/, stepId: "s2",
  },
  {
    code: "tiers-order", what: "tiers whose thresholds do not rise",
    bad: { attrs: 'variant="tiers"', state: { value: 10, steps: [{ id: "bronze", label: "Bronze", threshold: 0 }, { id: "gold", label: "Gold", threshold: 1000 }, { id: "silver", label: "Silver", threshold: 500 }] } },
    good: { attrs: 'variant="tiers"', state: { value: 10, steps: [{ id: "bronze", label: "Bronze", threshold: 0 }, { id: "silver", label: "Silver", threshold: 500 }, { id: "gold", label: "Gold", threshold: 1000 }] } },
    says: /^step "silver": its threshold is not above that of "gold"/, stepId: "silver",
  },
  {
    code: "warning", what: "a bad attribute value (a console warning)",
    bad: { attrs: 'variant="stepper" celebrate="fireworks"', state: { steps: steps(2) } },
    good: { attrs: 'variant="stepper" celebrate="none"', state: { steps: steps(2) } },
    says: /^celebrate="fireworks" is not valid; allowed: /,
  },
  {
    code: "warning", what: "an attribute of the other form (rule 41)",
    bad: { attrs: 'data-variant="checklist"', state: { steps: steps(2) } },
    good: { attrs: 'variant="checklist"', state: { steps: steps(2) } },
    says: /^data-variant="checklist" is not read on <momentum-progress>; allowed: variant/,
  },
];

for (const c of CHECKS) {
  test(`lint: ${c.what} is listed, and not without the mistake`, async ({ page }) => {
    const w = watch(page);
    await page.emulateMedia({ reducedMotion: "reduce" });
    await place(page, [{ id: "bad", ...c.bad, attrs: `${c.bad.attrs ?? ""} lint` }, { id: "good", ...c.good, attrs: `${c.good.attrs ?? ""} lint` }]);
    await expect.poll(() => codes(page, "bad")).toContain(c.code);
    const found = (await lintOf(page, "bad")).filter((i) => i.code === c.code);
    expect(found.length, JSON.stringify(found)).toBe(1);
    expect(found[0].message).toMatch(c.says);
    expect(found[0].stepId).toBe(c.stepId);
    expect(Object.keys(found[0]).sort()).toEqual(c.stepId ? ["code", "message", "stepId"] : ["code", "message"]);
    expect(await lintOf(page, "good")).toEqual([]);
    // The panel shows the same list, after the widget has settled.
    await expect.poll(async () => (await panel(page, "bad"))?.items).toContain(`${c.code} ${found[0].message}`);
    await expect.poll(async () => (await panel(page, "good"))?.summary).toBe("Design checks (lint): no problems");
    expect((await panel(page, "good")).items).toEqual([]);
    w.assertClean();
  });
}

test("lint: el.lint() lists without the attribute, the panel comes and goes with it", async ({ page }) => {
  const w = watch(page);
  await place(page, [{ id: "x", attrs: 'poll="soon"', state: { steps: steps(3, () => ({ optional: true })) } }]);
  const items = await lintOf(page, "x");
  expect(items.map((i) => i.code)).toEqual(["warning", "all-optional"]);
  expect(items[0].message).toMatch(/^poll="soon" is not valid/);
  // Nothing of it in the widget without the attribute.
  expect(await panel(page, "x")).toBeNull();
  await page.evaluate(() => document.getElementById("x").setAttribute("lint", ""));
  await expect.poll(async () => (await panel(page, "x"))?.summary).toBe("Design checks (lint): 2 problems");
  // Fixing the attribute drops its warning from the list and the panel; a new document replaces the step checks.
  await page.evaluate(() => document.getElementById("x").setAttribute("poll", "1m"));
  await expect.poll(async () => (await panel(page, "x"))?.summary).toBe("Design checks (lint): 1 problem");
  await page.evaluate(() => { document.getElementById("x").state = { steps: [{ id: "a", label: "A" }] }; });
  await expect.poll(async () => (await panel(page, "x"))?.summary).toBe("Design checks (lint): no problems");
  expect(await lintOf(page, "x")).toEqual([]);
  await page.evaluate(() => document.getElementById("x").removeAttribute("lint"));
  await expect.poll(() => panel(page, "x")).toBeNull();
  // The console warned once, as before.
  expect(w.warnings.map((x) => x.text)).toEqual([expect.stringMatching(/^Momentum <momentum-progress id="x">: poll="soon" is not valid/)]);
  w.assertClean();
});

test("lint: the [data-momentum] and list forms name data- attributes; el.lint() before the wasm is []", async ({ page }) => {
  const w = watch(page);
  await blank(page, `<div id="d" data-momentum data-lint data-orientation="sideways">
      <ol>${steps(8).map((s) => `<li data-step="${s.id}">${s.label}</li>`).join("")}</ol></div>
    <ol id="l" data-momentum data-lint><li data-step="a" data-optional>A</li></ol>`);
  await expect.poll(() => page.evaluate(() => document.querySelector("#d").shadowRoot?.querySelector("[part~=lint]")?.textContent ?? "")).toContain("stepper-steps");
  const d = await page.evaluate(() => document.querySelector("#d").lint());
  expect(d.map((i) => i.code)).toEqual(["warning", "stepper-steps"]);
  expect(d[0].message).toMatch(/^data-orientation="sideways" is not valid/);
  expect(d[1].message).toMatch(/set data-orientation="vertical"/);
  await expect.poll(() => page.evaluate(() => document.querySelector("#l").momentumWidget.lint().map((i) => i.code))).toEqual(["all-optional"]);
  // A detached element that never started has nothing to list yet (and does not throw).
  expect(await page.evaluate(() => document.createElement("momentum-progress").lint())).toEqual([]);
  w.assertClean();
});

test("lint: the panel works with the keyboard, reads well, passes axe; README screenshot", async ({ page }) => {
  const w = watch(page);
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.setViewportSize({ width: 900, height: 700 });
  const state = {
    title: "Checkout",
    steps: [
      { id: "cart", label: "Cart", status: "complete", estimate: "1m" },
      { id: "address", label: "Shipping address and delivery preferences for this order", status: "active" },
      { id: "pay", label: "Payment", requires: ["review"] },
      { id: "review", label: "Review", requires: ["pay"] },
      { id: "done", label: "Done", status: "bogus" },
    ],
  };
  await place(page, [{ id: "shot", attrs: "lint", style: "--momentum-muted: #a3a3a3; background: #ffffff; display: block; padding: 16px", state }]);
  await expect.poll(async () => (await panel(page, "shot"))?.summary).toBe("Design checks (lint): 8 problems");
  const codesNow = await codes(page, "shot");
  expect(codesNow).toEqual(["warning", "label-length", "estimates-partial", "estimates-partial", "estimates-partial",
    "estimates-partial", "requires-cycle", "contrast"]);
  await page.locator("#shot").screenshot({ path: `${shots}lint.png` });
  // axe checks the widget's own colours too: from here on, a muted colour that passes.
  await page.evaluate(() => document.getElementById("shot").style.setProperty("--momentum-muted", "#525252"));
  expect(await codes(page, "shot")).not.toContain("contrast");

  // The disclosure: reached with Tab, its name says how many, Enter folds and unfolds it.
  await page.keyboard.press("Tab");
  const focused = () => page.evaluate(() => {
    const a = document.getElementById("shot").shadowRoot.activeElement;
    return a && { tag: a.localName, open: a.parentElement.open, text: a.textContent };
  });
  expect(await focused()).toEqual({ tag: "summary", open: true, text: "Design checks (lint): 8 problems" });
  await page.keyboard.press("Enter");
  expect((await focused()).open).toBe(false);
  await page.keyboard.press("Space");
  expect((await focused()).open).toBe(true);
  const tree = await page.locator("#shot").ariaSnapshot();
  expect(tree).toContain("Design checks (lint): 8 problems");
  // A group named by its summary, holding a list of the 8 findings.
  const panelTree = tree.slice(tree.indexOf("- group:"));
  expect(panelTree).toMatch(/^- group:\n\s+- text: "Design checks \(lint\): 8 problems"\n\s+- list:\n/);
  expect(panelTree.match(/- listitem:/g)).toHaveLength(8);

  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations
    .map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`));
  expect(violations).toEqual([]);
  w.assertClean();
});
