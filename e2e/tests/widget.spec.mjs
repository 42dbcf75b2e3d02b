// Foundation behaviour of the widget, checked from outside in Chromium.
import { test, expect } from "@playwright/test";
import { watch, blank, events } from "./helpers.mjs";

const LIST = `
  <li data-step="goals" data-status="complete" data-estimate="2m">Tell us your goals</li>
  <li data-step="connect" data-estimate="5m">Connect your data</li>
  <li data-step="invite" data-optional>Invite your team</li>
  <li data-step="launch">Launch</li>`;

test("custom element form renders markup steps into an open shadow root", async ({ page }) => {
  const w = watch(page);
  await blank(page, `<momentum-progress id="m" variant="stepper"><ol>${LIST}</ol></momentum-progress>`);
  const el = page.locator("#m");
  await expect(el.locator("li[part~=step]")).toHaveCount(4);
  const shape = await page.evaluate(() => {
    const root = document.getElementById("m").shadowRoot;
    return {
      mode: root.mode,
      list: root.querySelector("[part~=list]").tagName,
      styleTags: root.querySelectorAll("style").length,
      adopted: root.adoptedStyleSheets.length,
      parts: [...new Set([...root.querySelectorAll("[part]")].flatMap((e) => e.getAttribute("part").split(" ")))].sort(),
    };
  });
  expect(shape).toEqual({
    mode: "open", list: "OL", styleTags: 0, adopted: 1,
    // Only the parts it shows: the completion view, done group, tier, title, message,
    // notice, promise, remaining and updated lines, and a step's time, lock, reason, panel,
    // description and link exist once there is one (the manifest test renders them all).
    parts: ["bar", "compact", "estimate", "label", "list", "marker", "root", "step", "summary"],
  });
  await expect(el.locator("[part~=summary]")).toContainText("1 of 3 complete");
  await expect(el.locator("[part~=summary]")).toContainText("Step 2 of 3");
  // Each step's state is in text, not only colour.
  await expect(el.locator("li[part~=step]").nth(1)).toContainText("Not started");
  await expect(el.locator("li[part~=step]").nth(1)).toHaveAttribute("aria-current", "step");
  const ready = await events(page, "momentum-ready");
  expect(ready).toEqual([{ type: "momentum-ready", detail: { completed: 1, total: 3, progress: 1 / 3 }, target: "MOMENTUM-PROGRESS", id: "m" }]);
  w.assertClean();
  expect(w.warnings).toEqual([]);
});

test("a hostable [data-momentum] element gets its own shadow root and the API", async ({ page }) => {
  const w = watch(page);
  await blank(page, `<section id="s" data-momentum data-orientation="vertical"><ol>${LIST}</ol></section>`);
  await expect(page.locator("#s li[part~=step]")).toHaveCount(4);
  expect(await page.locator("momentum-progress").count()).toBe(0);
  expect(await page.evaluate(() => document.getElementById("s").progress)).toBeCloseTo(1 / 3);
  await expect(page.locator("#s [part~=root]")).toHaveAttribute("data-orientation", "vertical");
  const ready = await events(page, "momentum-ready");
  expect(ready.map((e) => [e.target, e.id])).toEqual([["SECTION", "s"]]);
  w.assertClean();
});

test("the ol form inserts a widget before the list that takes its data- attributes", async ({ page }) => {
  const w = watch(page);
  await blank(page, `<div id="wrap"><ol id="l" data-momentum data-variant="stepper" data-orientation="horizontal">${LIST}</ol></div>`);
  await expect(page.locator("momentum-progress li[part~=step]")).toHaveCount(4);
  const info = await page.evaluate(() => {
    const list = document.getElementById("l");
    const widget = list.previousElementSibling;
    return { tag: widget.tagName, id: widget.id, listId: list.id, hidden: list.hidden, orientation: widget.getAttribute("orientation"), variant: widget.getAttribute("variant") };
  });
  expect(info).toEqual({ tag: "MOMENTUM-PROGRESS", id: "", listId: "l", hidden: true, orientation: "horizontal", variant: "stepper" });
  // Events come from the inserted widget and bubble to the document.
  expect((await events(page, "momentum-ready")).map((e) => e.target)).toEqual(["MOMENTUM-PROGRESS"]);
  // Removing the list removes its widget.
  await page.evaluate(() => document.getElementById("l").remove());
  await expect(page.locator("momentum-progress")).toHaveCount(0);
  w.assertClean();
});

test("steps may come from inline JSON, merged with markup by id", async ({ page }) => {
  const w = watch(page);
  const doc = { title: "Order 123", message: "Packing your order", sequence: 3, steps: [
    { id: "placed", status: "complete" }, { id: "packed", label: "Packed with care", status: "active" }, { id: "shipped", label: "Shipped", estimate: "2d" } ] };
  await blank(page, `<momentum-progress id="m"><ol><li data-step="placed">Order placed</li><li data-step="packed">Packed</li></ol>
    <script type="application/json">${JSON.stringify(doc)}</script></momentum-progress>`);
  const el = page.locator("#m");
  await expect(el.locator("[part~=label]")).toHaveText(["Order placed", "Packed with care", "Shipped"]);
  await expect(el.locator("[part~=title]")).toHaveText("Order 123");
  await expect(el.locator("[part~=message]")).toHaveText("Packing your order");
  await expect(el.locator("[part~=estimate]").nth(2)).toHaveText("2 days");
  w.assertClean();
  expect(w.warnings).toEqual([]);
});

test("bad attribute values warn once, name element, attribute, value and what is allowed, and still render", async ({ page }) => {
  const w = watch(page);
  await blank(page, `
    <momentum-progress id="bad" variant="carousel" orientation="diagonal" poll="1s" milestones="2" locale="not a locale!!">
      <ol><li data-step="a" data-estimate="soon">A</li><li>B</li><li data-step="a">C</li></ol></momentum-progress>
    <ol id="bad-list" data-momentum data-variant="carousel"><li data-step="x">X</li></ol>`);
  await expect(page.locator("#bad li[part~=step]")).toHaveCount(3);
  await expect(page.locator("momentum-progress:not(#bad) li[part~=step]")).toHaveCount(1);
  // Re-setting the same bad value does not warn again.
  await page.evaluate(() => document.getElementById("bad").setAttribute("variant", "carousel "));
  await page.evaluate(() => document.getElementById("bad").setAttribute("variant", "carousel"));
  // Ten distinct warnings are expected; console messages arrive asynchronously.
  await expect.poll(() => w.warnings.length).toBeGreaterThanOrEqual(10);
  const texts = w.warnings.map((x) => x.text);
  const one = (needle) => texts.filter((t) => t.includes(needle));
  expect(one('<momentum-progress id="bad">: variant="carousel"')).toHaveLength(1);
  expect(one('variant="carousel"')[0]).toContain("stepper, checklist, timeline or tiers");
  expect(one('orientation="diagonal"')[0]).toContain("horizontal, vertical or auto");
  expect(one('poll="1s"')[0]).toContain("using 2s");
  expect(one('milestones="2"')).toHaveLength(1);
  expect(one('locale="not a locale!!"')).toHaveLength(1);
  expect(one('step "a": data-estimate="soon"')).toHaveLength(1);
  expect(one('step "step-2"')).toHaveLength(1);
  expect(one("renamed to a-2")).toHaveLength(1);
  // The ol form names the list the author wrote, with the data- prefix.
  await expect.poll(() => w.warnings.find((x) => x.text.includes('<ol id="bad-list">: data-variant="carousel"'))?.element).toBe("OL");
  await expect.poll(() => w.warnings.find((x) => x.text.includes('id="bad"'))?.element).toBe("MOMENTUM-PROGRESS");
  expect(texts.filter((t) => t.includes('variant="carousel "'))).toHaveLength(1);
  w.assertClean();
});

test("malformed inline JSON warns, fires momentum-error without retry, and the markup still renders", async ({ page }) => {
  const w = watch(page);
  await blank(page, `<momentum-progress id="m"><ol><li data-step="a">Alpha</li><li data-step="b">Beta</li></ol>
    <script type="application/json">{"steps": [ {"id": "a", </script></momentum-progress>`);
  await expect(page.locator("#m [part~=label]")).toHaveText(["Alpha", "Beta"]);
  const errs = await events(page, "momentum-error");
  expect(errs).toHaveLength(1);
  expect(errs[0].detail.retryInMs).toBeNull();
  expect(errs[0].detail.message).toContain("not valid JSON");
  expect(w.warnings.some((x) => x.text.includes("not valid JSON") && x.text.includes("markup"))).toBe(true);
  w.assertClean();
});

test("el.state, el.update, el.progress and events follow the reference (events, JavaScript API)", async ({ page }) => {
  const w = watch(page);
  await blank(page, `<momentum-progress id="m"></momentum-progress>`);
  await page.waitForFunction(() => customElements.get("momentum-progress"));
  // No steps yet: no ready.
  expect(await events(page)).toEqual([]);
  await page.evaluate(() => {
    document.getElementById("m").state = { sequence: 5, steps: [
      { id: "a", label: "Alpha", status: "active" }, { id: "b", label: "Beta" }, { id: "c", label: "Gamma", optional: true } ] };
  });
  // Setting the first steps fires ready, not change (rule 34).
  // (The wasm may still be on its way: the widget takes the state once it is there.)
  await expect.poll(async () => (await events(page)).map((e) => e.type)).toEqual(["momentum-ready"]);
  expect(await page.evaluate(() => document.getElementById("m").progress)).toBe(0);
  const state = await page.evaluate(() => document.getElementById("m").state);
  expect(state.steps.map((s) => [s.id, s.status])).toEqual([["a", "active"], ["b", "pending"], ["c", "pending"]]);
  expect(state.sequence).toBe(5);

  await page.evaluate(() => document.getElementById("m").update({ steps: [{ id: "a", status: "complete" }] }));
  let all = await events(page);
  expect(all.map((e) => e.type)).toEqual(["momentum-ready", "momentum-step-complete", "momentum-change"]);
  expect(all[1].detail).toEqual({ stepId: "a", label: "Alpha", index: 0 });
  expect(all[2].detail).toEqual({ completed: 1, total: 2, progress: 0.5, activeStep: "b", changed: ["a", "b"] });
  await expect(page.locator("#m [part~=summary]")).toContainText("1 of 2 complete");

  // An identical update changes nothing visible: no change event (rule 13).
  await page.evaluate(() => document.getElementById("m").update({ steps: [{ id: "a", status: "complete" }] }));
  expect((await events(page)).length).toBe(3);

  // An invalid document never throws; it warns, fires momentum-error, and the state stays.
  const threw = await page.evaluate(() => {
    try { document.getElementById("m").state = { steps: "nope" }; document.getElementById("m").state = 42; return false; } catch { return true; }
  });
  expect(threw).toBe(false);
  all = await events(page);
  expect(all.filter((e) => e.type === "momentum-error").map((e) => e.detail.retryInMs)).toEqual([null, null]);
  await expect(page.locator("#m [part~=label]")).toHaveText(["Alpha", "Beta", "Gamma"]);
  expect(w.warnings.filter((x) => x.text.includes("el.state was rejected"))).toHaveLength(2);
  // refresh() without src rejects with an Error.
  const refresh = await page.evaluate(() => document.getElementById("m").refresh().then(() => "resolved", (e) => e instanceof Error && e.message));
  expect(refresh).toContain("src");
  w.assertClean();
});

test("mount() appends a configured widget; state set before upgrade is kept", async ({ page }) => {
  const w = watch(page);
  await blank(page, `<div id="target"></div><momentum-progress id="early"></momentum-progress>
    <script>document.getElementById("early").state = { steps: [{ id: "x", label: "Early bird", status: "complete" }] };</script>`);
  await expect(page.locator("#early [part~=label]")).toHaveText(["Early bird"]);
  const info = await page.evaluate(async () => {
    const { mount } = await import("/pkg/momentum.js");
    const el = mount(document.getElementById("target"), { variant: "stepper", orientation: "vertical", interactive: true, doneMessage: "All set",
      state: { steps: [{ id: "a", label: "One", status: "complete" }, { id: "b", label: "Two" }] } });
    return { parent: el.parentElement.id, tag: el.tagName, orientation: el.getAttribute("orientation"), interactive: el.hasAttribute("interactive"), done: el.getAttribute("done-message"), progress: el.progress };
  });
  expect(info).toEqual({ parent: "target", tag: "MOMENTUM-PROGRESS", orientation: "vertical", interactive: true, done: "All set", progress: 0.5 });
  await expect(page.locator("#target [part~=label]")).toHaveText(["One", "Two"]);
  w.assertClean();
});

test("elements added later are enhanced, and loading the script twice is harmless", async ({ page }) => {
  const w = watch(page);
  await blank(page, `<div id="host"></div>`, { head: `<script type="module" src="/pkg/momentum.js?again"></script>` });
  await page.waitForFunction(() => customElements.get("momentum-progress"));
  await page.evaluate(() => {
    document.getElementById("host").innerHTML = `<ol id="late" data-momentum><li data-step="a" data-status="complete">A</li><li data-step="b">B</li></ol>
      <div id="late-div" data-momentum><ul><li data-step="c">C</li></ul></div>`;
  });
  await expect(page.locator("momentum-progress [part~=label]")).toHaveText(["A", "B"]);
  await expect(page.locator("#late-div [part~=label]")).toHaveText(["C"]);
  // Exactly one widget per element, one ready each, despite two copies of the module.
  expect(await page.locator("momentum-progress").count()).toBe(1);
  expect((await events(page, "momentum-ready")).length).toBe(2);
  w.assertClean();
});

test("text from data is shown as text, never parsed as HTML", async ({ page }) => {
  const w = watch(page);
  await page.addInitScript(() => { window.__pwned = 0; });
  const evil = `<img src=x onerror="window.__pwned++"><script>window.__pwned++</script>`;
  await blank(page, `<momentum-progress id="m"></momentum-progress>`);
  await page.waitForFunction(() => customElements.get("momentum-progress"));
  await page.evaluate((evil) => {
    document.getElementById("m").state = { title: evil, message: evil, steps: [{ id: evil, label: evil, status: "error" }] };
  }, evil);
  await expect(page.locator("#m [part~=label]")).toHaveText([evil]);
  await expect(page.locator("#m [part~=title]")).toHaveText(evil);
  const injected = await page.evaluate(() => document.getElementById("m").shadowRoot.querySelectorAll("img, script").length);
  expect(injected).toBe(0);
  await page.waitForTimeout(100);
  expect(await page.evaluate(() => window.__pwned)).toBe(0);
  w.assertClean();
});

test("an update that changes one step of 500 touches a constant number of DOM nodes", async ({ page }) => {
  await blank(page, `<momentum-progress id="m"></momentum-progress>`);
  await page.waitForFunction(() => customElements.get("momentum-progress"));
  await page.evaluate(() => {
    document.getElementById("m").state = { steps: Array.from({ length: 500 }, (_, i) => ({ id: "s" + i, label: "Step " + i })) };
  });
  // The wasm is fetched when the first widget appears: the rows exist once it has arrived.
  await expect(page.locator("#m li[part~=step]")).toHaveCount(500);
  const mutations = await page.evaluate(async () => {
    const el = document.getElementById("m");
    const seen = new Set();
    let records = 0;
    const mo = new MutationObserver((rs) => { for (const r of rs) { records++; seen.add(r.target); } });
    mo.observe(el.shadowRoot, { subtree: true, childList: true, attributes: true, characterData: true });
    el.update({ steps: [{ id: "s250", status: "complete" }] });
    await new Promise((r) => setTimeout(r, 0));
    mo.disconnect();
    return { records, nodes: seen.size };
  });
  // Touched: step s250 (li status, marker, state text) and the summary count and bar:
  // a handful of nodes, independent of the 500 steps.
  expect(mutations.nodes).toBeLessThanOrEqual(10);
  expect(mutations.records).toBeLessThanOrEqual(14);
});

test("the widget works under a strict Content-Security-Policy", async ({ page }) => {
  const w = watch(page);
  const violations = [];
  await page.exposeFunction("__violation", (v) => violations.push(v));
  await page.addInitScript(() => document.addEventListener("securitypolicyviolation", (e) => window.__violation(`${e.violatedDirective} ${e.blockedURI}`)));
  await page.goto("/strict/index.html");
  await expect(page.locator("momentum-progress [part~=step]")).toHaveCount(3);
  await expect(page.locator("momentum-progress [part~=summary]")).toContainText("1 of 3 complete");
  // Styles applied: the bar has its track colour and the fill is scaled.
  const fill = await page.evaluate(() => {
    const f = document.querySelector("momentum-progress").shadowRoot.querySelector(".fill");
    return getComputedStyle(f).transform;
  });
  expect(fill).not.toBe("none");
  expect(violations).toEqual([]);
  w.assertClean();
});

test("a widget moved or removed and put back keeps its state", async ({ page }) => {
  const w = watch(page);
  await blank(page, `<div id="a"></div><div id="b"></div>
    <momentum-progress id="m"><ol><li data-step="x">X</li><li data-step="y">Y</li></ol></momentum-progress>
    <section id="s" data-momentum><ol><li data-step="p">P</li></ol></section>`);
  await expect(page.locator("#m [part~=step]")).toHaveCount(2);
  await page.evaluate(() => {
    document.getElementById("m").state = { steps: [{ id: "x", label: "Set by the host", status: "complete" }, { id: "z", label: "Z" }] };
    document.getElementById("s").update([{ id: "p", status: "complete" }]);
  });
  // A move within one task: the same widget, nothing lost.
  await page.evaluate(() => document.getElementById("a").append(document.getElementById("m")));
  await expect(page.locator("#a #m [part~=label]")).toHaveText(["Set by the host", "Y", "Z"]);
  // Removed (the widget is released), then put back later: the state returns.
  const removed = await page.evaluate(async () => {
    const m = document.getElementById("m"), s = document.getElementById("s");
    m.remove(); s.remove();
    await new Promise((r) => setTimeout(r, 50));
    window.__m = m; window.__s = s;
    return { progress: m.progress, state: m.state.steps.length };
  });
  expect(removed).toEqual({ progress: 1 / 3, state: 3 });
  await page.evaluate(() => { document.getElementById("b").append(window.__m, window.__s); });
  await expect(page.locator("#b #m [part~=label]")).toHaveText(["Set by the host", "Y", "Z"]);
  await expect(page.locator("#b #m [part~=step]").first()).toHaveAttribute("data-status", "complete");
  await expect(page.locator("#b #s [part~=step]")).toHaveAttribute("data-status", "complete");
  w.assertClean();
});
