// Build only what is shown (issue #16): a widget's shadow tree has the parts
// it shows; the completion view, the done group, the tier line, the promise
// and the status lines are made the first time they have something to show,
// and from then on behave as always (hidden again when empty).
import { test, expect } from "@playwright/test";
import { watch, blank } from "./helpers.mjs";

const SEVEN = Array.from({ length: 7 }, (_, i) => `<li data-step="s${i + 1}">Step ${i + 1}</li>`).join("");
const LAZY = ["done", "done-group", "done-list", "tier", "promise", "notice", "remaining", "updated", "title", "message"];

const part = (page, name, id = "m") => page.locator(`#${id} [part~=${name}]`);

/** Every node in the widget's shadow root, and the classes of the elements outside its rows. */
function tree(page, id = "m") {
  return page.evaluate((id) => {
    const root = document.getElementById(id).shadowRoot;
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
    let nodes = 0;
    while (walk.nextNode()) nodes++;
    const outside = [...root.querySelectorAll("*")].filter((e) => !e.closest("li")).map((e) => e.className);
    return { nodes, outside };
  }, id);
}

/** Sets `el.state` of widget `id`. */
const setState = (page, doc, id = "m") => page.evaluate(([doc, id]) => { document.getElementById(id).state = doc; }, [doc, id]);
const steps = (statuses) => statuses.map((status, i) => ({ id: `s${i + 1}`, label: `Step ${i + 1}`, status }));

test("a fresh 7-step widget has only the summary, bar, list and live region besides its rows", async ({ page }) => {
  const w = watch(page);
  await blank(page, `<momentum-progress id="m"><ol>${SEVEN}</ol></momentum-progress>`);
  await expect(part(page, "step")).toHaveCount(7);
  for (const name of LAZY) await expect(part(page, name), name).toHaveCount(0);
  const { nodes, outside } = await tree(page);
  // The stepper's compact line ("Step 1 of 7 · Step 1") is there: narrow widgets show it.
  expect(outside).toEqual(["root", "summary", "sr-only", "count", "percent", "bar", "fill", "compact", "list", "sr-only"]);
  // 10 elements and their 4 texts around 7 rows of 8 elements and 3 texts.
  expect(nodes).toBe(14 + 7 * 11);
  w.assertClean();
});

test("the completion view comes at the end, announced and celebrated, and hides again when a step reopens", async ({ page }) => {
  const w = watch(page);
  await blank(page, `<momentum-progress id="m"><ol>${SEVEN}</ol></momentum-progress>`);
  await expect(part(page, "step")).toHaveCount(7);
  await expect(part(page, "done")).toHaveCount(0);
  // In the same task as the update: the view is there for the celebration's animation.
  const atOnce = await page.evaluate(() => {
    const el = document.getElementById("m");
    el.update({ steps: Array.from({ length: 7 }, (_, i) => ({ id: `s${i + 1}`, status: "complete" })) });
    return !!el.shadowRoot.querySelector(".root[data-celebrating] [part~=done] .done-mark");
  });
  expect(atOnce).toBe(true);
  await expect(part(page, "done")).toBeVisible();
  await expect(part(page, "done")).toContainText("7 of 7 steps complete");
  await expect(part(page, "list")).toBeHidden();
  await expect(page.locator("#m [role=status]")).not.toBeEmpty();
  // The list stays reachable from the keyboard.
  const show = part(page, "done").locator("button");
  await show.focus();
  await page.keyboard.press("Enter");
  await expect(show).toHaveAttribute("aria-expanded", "true");
  await expect(part(page, "list")).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(part(page, "list")).toBeHidden();
  // A step reopens: the view hides, the list is back.
  await setState(page, { steps: steps(["complete", "complete", "complete", "complete", "complete", "complete", "active"]) });
  await expect(part(page, "done")).toBeHidden();
  await expect(part(page, "done")).toHaveCount(1);
  await expect(part(page, "list")).toBeVisible();
  w.assertClean();
});

test("reduced motion: the completion view comes without the animation", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await blank(page, `<momentum-progress id="m"><ol>${SEVEN}</ol></momentum-progress>`);
  await expect(part(page, "step")).toHaveCount(7);
  const seen = await page.evaluate(() => {
    const el = document.getElementById("m");
    let fired = 0;
    el.addEventListener("momentum-celebrate", () => fired++);
    el.update({ steps: Array.from({ length: 7 }, (_, i) => ({ id: `s${i + 1}`, status: "complete" })) });
    const r = el.shadowRoot;
    return { fired, done: !!r.querySelector("[part~=done]"), celebrating: !!r.querySelector(".root[data-celebrating]") };
  });
  expect(seen).toEqual({ fired: 1, done: true, celebrating: false });
});

test("the checklist's done group comes with its first done step and hides when none is done", async ({ page }) => {
  const w = watch(page);
  await blank(page, `<momentum-progress id="m" variant="checklist"><ol>${SEVEN}</ol></momentum-progress>`);
  await expect(part(page, "step")).toHaveCount(7);
  await expect(part(page, "done-group")).toHaveCount(0);
  await setState(page, { steps: steps(["complete", "active", "pending", "pending", "pending", "pending", "pending"]) });
  await expect(part(page, "done-group")).toBeVisible();
  const toggle = page.locator("#m button.done-toggle");
  await expect(toggle).toHaveText("Done (1)");
  await expect(part(page, "done-list")).toBeHidden();
  await toggle.click();
  await expect(part(page, "done-list").locator("[part~=label]")).toHaveText(["Step 1"]);
  await expect(part(page, "list").first().locator("[part~=label]")).toHaveText(["Step 2", "Step 3", "Step 4", "Step 5", "Step 6", "Step 7"]);
  await setState(page, { steps: steps(["active", "pending", "pending", "pending", "pending", "pending", "pending"]) });
  await expect(part(page, "done-group")).toBeHidden();
  await expect(part(page, "list").first().locator("[part~=label]")).toHaveText(SEVEN.match(/Step \d/g));
  w.assertClean();
});

test("the tier line is made for a tiers widget only", async ({ page }) => {
  const w = watch(page);
  await blank(page, `<momentum-progress id="m"><ol>${SEVEN}</ol></momentum-progress>
    <momentum-progress id="t" variant="tiers" value="640" unit="points" locale="en-US"><ol>
      <li data-step="member" data-threshold="0">Member</li><li data-step="gold" data-threshold="500">Gold</li>
      <li data-step="vip" data-threshold="1000">VIP</li></ol></momentum-progress>`);
  await expect(part(page, "tier", "t")).toHaveText("360 points to VIP");
  await expect(part(page, "step")).toHaveCount(7);
  await expect(part(page, "tier")).toHaveCount(0);
  w.assertClean();
});

test("the promise, remaining and updated lines come with their data and hide without it", async ({ page }) => {
  const w = watch(page);
  await page.clock.install({ time: new Date("2026-11-23T10:00:00Z") });
  await blank(page, `<momentum-progress id="m" locale="en-US"><ol>${SEVEN}</ol></momentum-progress>`);
  await expect(part(page, "step")).toHaveCount(7);
  for (const name of ["promise", "remaining", "updated"]) await expect(part(page, name), name).toHaveCount(0);
  const later = { nextUpdateBy: "2026-11-26T14:00:00Z", updatedAt: "2026-11-23T09:58:00Z", steps: steps(["active", "pending", "pending", "pending", "pending", "pending", "pending"]).map((s) => ({ ...s, estimate: "5m" })) };
  await setState(page, later);
  await expect(part(page, "promise")).toHaveText("You'll hear back by Thu 2:00 PM — in 3 days");
  await expect(part(page, "remaining")).toHaveText("About 35 minutes left");
  await expect(part(page, "updated")).toHaveText("Updated 2 minutes ago");
  // The remaining time comes before the updated line, as always.
  expect(await page.evaluate(() => [...document.getElementById("m").shadowRoot.querySelector(".status").children].map((e) => e.getAttribute("part"))))
    .toEqual(["remaining", "updated"]);
  await setState(page, { steps: steps(["active", "pending", "pending", "pending", "pending", "pending", "pending"]) });
  for (const name of ["promise", "remaining", "updated"]) await expect(part(page, name), name).toBeHidden();
  // Made once: hiding keeps them.
  for (const name of ["promise", "remaining", "updated"]) await expect(part(page, name), name).toHaveCount(1);
  w.assertClean();
});

test("the notice comes with a stall and hides when news arrives", async ({ page }) => {
  const w = watch(page);
  let age = 2 * 3_600_000;
  await page.route("**/parts/progress", (route) => route.fulfill({ contentType: "application/json",
    body: JSON.stringify({ updatedAt: new Date(Date.now() - age).toISOString(), steps: steps(["complete", "active", "pending"]) }) }));
  await blank(page, `<momentum-progress id="m" src="/parts/progress" live="off" stall-after="1h"></momentum-progress>
    <momentum-progress id="fresh"><ol>${SEVEN}</ol></momentum-progress>`);
  await expect(part(page, "notice")).toContainText("This is taking longer than expected");
  await expect(part(page, "step", "fresh")).toHaveCount(7);
  await expect(part(page, "notice", "fresh")).toHaveCount(0);
  age = 0;
  await page.evaluate(() => document.getElementById("m").refresh());
  await expect(part(page, "notice")).toBeHidden();
  w.assertClean();
});

test("an empty widget says so, and its line is made only then", async ({ page }) => {
  const w = watch(page);
  await blank(page, `<momentum-progress id="m"><ol>${SEVEN}</ol></momentum-progress><momentum-progress id="e" variant="checklist"></momentum-progress>`);
  await expect(page.locator("#e .empty")).toHaveText("No steps yet");
  await expect(page.locator("#e [part~=done-group]")).toHaveCount(0);
  await expect(part(page, "step")).toHaveCount(7);
  await expect(page.locator("#m .empty")).toHaveCount(0);
  w.assertClean();
});

test("a checklist step joining or leaving the done group moves only its own row (style stays local)", async ({ page }) => {
  const w = watch(page);
  const N = 40;
  const doc = (k) => ({ steps: Array.from({ length: N }, (_, i) => ({ id: `s${i}`, label: `Step ${i}`, status: i < k ? "complete" : i === k ? "active" : "pending" })) });
  await blank(page, `<momentum-progress id="m" variant="checklist"></momentum-progress>`);
  await page.waitForFunction(() => customElements.get("momentum-progress"));
  await setState(page, doc(20));
  await expect(part(page, "step")).toHaveCount(N);
  // The rows put into either list by one whole-document update.
  const moved = (next) => page.evaluate((next) => {
    const el = document.getElementById("m"), added = [];
    const mo = new MutationObserver(() => {});
    for (const l of el.shadowRoot.querySelectorAll("ol")) mo.observe(l, { childList: true });
    el.state = next;
    for (const r of mo.takeRecords()) for (const n of r.addedNodes) added.push(n.dataset.id);
    mo.disconnect();
    return added;
  }, next);
  const ids = (list) => part(page, list).locator(":scope > li").evaluateAll((lis) => lis.map((li) => li.dataset.id));
  const range = (a, b) => Array.from({ length: b - a }, (_, i) => `s${a + i}`);
  expect(await moved(doc(21))).toEqual(["s20"]);
  expect(await ids("done-list")).toEqual(range(0, 21));
  expect(await ids("list")).toEqual(range(21, N));
  expect(await moved(doc(20))).toEqual(["s20"]);
  expect(await ids("done-list")).toEqual(range(0, 20));
  expect(await ids("list")).toEqual(range(20, N));
  w.assertClean();
});
