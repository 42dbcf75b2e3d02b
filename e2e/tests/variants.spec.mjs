// The four journey variants (issue #8), checked from outside.
import { test, expect } from "@playwright/test";
import { watch, blank, events } from "./helpers.mjs";
import { fileURLToPath } from "node:url";

const axePath = fileURLToPath(new URL("../node_modules/axe-core/axe.min.js", import.meta.url));

const STEPPER = `<momentum-progress id="m" variant="stepper"><ol>
  <li data-step="cart" data-status="complete" data-href="/cart">Cart</li>
  <li data-step="shipping" data-status="active" data-href="/shipping">Shipping</li>
  <li data-step="payment" data-href="/payment">Payment</li>
  <li data-step="review" data-href="javascript:alert(1)">Review</li></ol></momentum-progress>`;
const CHECKLIST = `<momentum-progress id="m" variant="checklist" interactive storage-key="variants-checklist"><ol>
  <li data-step="goals" data-status="complete" data-estimate="2m" data-description="Pick what matters.">Tell us your goals</li>
  <li data-step="connect" data-status="active" data-estimate="5m" data-description="Link your warehouse." data-href="#connect">Connect your data</li>
  <li data-step="invite" data-optional data-description="Bring your teammates.">Invite your team</li>
  <li data-step="dash" data-requires="connect" data-description="Pick your charts.">Customize your dashboard</li>
  <li data-step="import" data-status="skipped">Import history</li></ol></momentum-progress>`;
const TIMELINE = `<momentum-progress id="m" variant="timeline"><ol>
  <li data-step="placed" data-status="complete" data-completed-at="2026-11-20T10:00:00Z">Order placed</li>
  <li data-step="packed" data-status="blocked" data-reason="Waiting for an item to come back in stock">Packed</li>
  <li data-step="shipped" data-eta="2026-11-26T17:00:00Z">Shipped</li></ol></momentum-progress>`;
const TIERS = `<momentum-progress id="m" variant="tiers" value="640" unit="points" locale="en-US"><ol>
  <li data-step="member" data-threshold="0">Member</li><li data-step="silver" data-threshold="250">Silver</li>
  <li data-step="gold" data-threshold="500">Gold</li><li data-step="vip" data-threshold="1000">VIP</li></ol></momentum-progress>`;

const part = (page, name) => page.locator(`#m [part~=${name}]`);
const step = (page, id) => page.locator(`#m li[data-id="${id}"]`);

test("stepper: links only for complete and current steps, never for unsafe hrefs", async ({ page }) => {
  const w = watch(page);
  await blank(page, STEPPER);
  await expect(part(page, "step")).toHaveCount(4);
  const links = await page.locator("#m [part~=label] a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  expect(links).toEqual(["/cart", "/shipping"]);
  await expect(part(page, "label")).toHaveText(["Cart", "Shipping", "Payment", "Review"]);
  w.assertClean();
});

test("checklist: keyboard selects rows; select is cancelable; one row open; done rows under Done (N)", async ({ page }) => {
  const w = watch(page);
  await blank(page, CHECKLIST + `<script>window.__sel = []; document.addEventListener("momentum-step-select", (e) => {
    window.__sel.push(e.detail); if (window.__cancel) e.preventDefault(); });</script>`);
  await expect(part(page, "step")).toHaveCount(5);
  // Rows are real buttons, in the natural tab order.
  const buttons = page.locator("#m button.row");
  await expect(buttons).toHaveCount(5);
  await expect(page.locator("#m button.done-toggle")).toHaveText("Done (2)");
  await expect(page.locator("#m .done-list")).toBeHidden();
  // Optional and locked rows say so.
  await expect(step(page, "invite")).toContainText("Optional");
  await expect(step(page, "dash")).toContainText("Cannot start yet — finish Connect your data first");
  // Keyboard: focus the first open row and press Enter.
  await step(page, "invite").locator("button.row").focus();
  await page.keyboard.press("Enter");
  expect(await page.evaluate(() => window.__sel)).toEqual([{ stepId: "invite", index: 2 }]);
  const invite = step(page, "invite");
  await expect(invite.locator("button.row")).toHaveAttribute("aria-expanded", "true");
  await expect(invite.locator("[part~=description]")).toBeVisible();
  // Shift+Tab to the previous row, Space selects it: one row open at a time.
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Space");
  const connect = step(page, "connect");
  await expect(connect.locator("button.row")).toHaveAttribute("aria-expanded", "true");
  await expect(invite.locator("button.row")).toHaveAttribute("aria-expanded", "false");
  // Its link was followed (a same-page anchor here).
  await expect(page).toHaveURL(/#connect$/);
  // preventDefault() keeps the row closed and the page where it is.
  await page.evaluate(() => { window.__cancel = true; });
  await invite.locator("button.row").click();
  await expect(invite.locator("button.row")).toHaveAttribute("aria-expanded", "false");
  await expect(connect.locator("button.row")).toHaveAttribute("aria-expanded", "true");
  // The done group opens.
  await page.locator("#m button.done-toggle").click();
  await expect(page.locator("#m .done-list [part~=label]")).toHaveText(["Tell us your goals", "Import history"]);
  w.assertClean();
});

test("checklist: a locked step cannot be selected, and its unlocking is announced", async ({ page }) => {
  const w = watch(page);
  await blank(page, CHECKLIST + `<script>window.__sel = []; document.addEventListener("momentum-step-select", (e) => window.__sel.push(e.detail.stepId));</script>`);
  const dash = step(page, "dash");
  await expect(dash.locator("button.row")).toHaveAttribute("aria-disabled", "true");
  // (force: Playwright itself refuses to click an aria-disabled element.)
  await dash.locator("button.row").click({ force: true });
  expect(await page.evaluate(() => window.__sel)).toEqual([]);
  await expect(dash.locator("button.row")).toHaveAttribute("aria-expanded", "false");
  await page.evaluate(() => document.getElementById("m").update([{ id: "connect", status: "complete" }]));
  await expect(dash.locator("button.row")).not.toHaveAttribute("aria-disabled", "true");
  await expect(dash).not.toContainText("Cannot start yet");
  await expect(page.locator("#m [role=status]")).toContainText("Customize your dashboard can start now");
  await dash.locator("button.row").click();
  expect(await page.evaluate(() => window.__sel)).toEqual(["dash"]);
  w.assertClean();
});

test("checklist: the open row is remembered across reloads", async ({ page }) => {
  await blank(page, CHECKLIST);
  const invite = () => step(page, "invite").locator("button.row");
  await invite().click();
  await expect(invite()).toHaveAttribute("aria-expanded", "true");
  await page.reload();
  await expect(invite()).toHaveAttribute("aria-expanded", "true");
});

test("timeline: times, reasons, and a step that went back is shown as reopened", async ({ page }) => {
  const w = watch(page);
  await page.clock.install({ time: new Date("2026-11-23T10:00:00Z") });
  await blank(page, TIMELINE);
  await expect(part(page, "step")).toHaveCount(3);
  const inStep = (i, name) => part(page, "step").nth(i).locator(`[part~=${name}]`);
  await expect(inStep(0, "time")).toContainText("Completed");
  await expect(part(page, "step").nth(1)).toContainText("Blocked");
  await expect(inStep(1, "reason")).toHaveText("Waiting for an item to come back in stock");
  await expect(inStep(2, "time")).toContainText("Expected by");
  // A part a step has nothing for is not made at all (rows stay small).
  await expect(inStep(0, "reason")).toHaveCount(0);
  await page.evaluate(() => document.getElementById("m").update([{ id: "placed", status: "active" }]));
  await expect(part(page, "step").first()).toContainText("Reopened");
  await expect(part(page, "step").first()).toHaveAttribute("data-reverted", "");
  w.assertClean();
});

test("tiers: value, unit, distance to the next tier; the top tier is completion", async ({ page }) => {
  const w = watch(page);
  await blank(page, TIERS + `<script>window.__c = []; document.addEventListener("momentum-celebrate", (e) => window.__c.push(e.detail.reason));</script>`);
  await expect(part(page, "tier")).toHaveText("360 points to VIP");
  await expect(part(page, "summary")).toContainText("640 points");
  await expect(part(page, "step").nth(2)).toHaveAttribute("data-status", "complete");
  await expect(part(page, "step").nth(3)).toHaveAttribute("aria-current", "step");
  await page.evaluate(() => document.getElementById("m").setAttribute("value", "1200"));
  await expect(part(page, "tier")).toHaveText("Top tier reached");
  await expect(part(page, "done")).toBeVisible();
  expect(await page.evaluate(() => window.__c)).toContain("complete");
  // Without a unit: "360 to VIP" (rule 31).
  await page.evaluate(() => { const m = document.getElementById("m"); m.removeAttribute("unit"); m.setAttribute("value", "640"); });
  await expect(part(page, "tier")).toHaveText("360 to VIP");
  // Just short of the top: the bar's value is whole percent rounded down, never 100 early.
  await page.evaluate(() => document.getElementById("m").setAttribute("value", "999.6"));
  await expect(part(page, "tier")).toContainText("to VIP");
  await expect(part(page, "bar")).toHaveAttribute("aria-valuenow", "99");
  w.assertClean();
});

test("auto orientation follows the widget's own width, not the viewport", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await blank(page, `<div id="box" style="width: 900px">${TIERS}</div>`);
  await expect(part(page, "marker")).toHaveCount(4);
  const ys = () => part(page, "marker").evaluateAll((ms) => ms.map((m) => Math.round(m.getBoundingClientRect().y)));
  expect(new Set(await ys()).size).toBe(1); // side by side
  await page.evaluate(() => { document.getElementById("box").style.width = "320px"; });
  await expect.poll(async () => new Set(await ys()).size).toBe(4); // stacked
  // The stepper collapses to "Step 2 of 4 · Shipping" when narrow.
  await page.evaluate((html) => { document.getElementById("box").innerHTML = html; }, STEPPER.replace('id="m"', 'id="s"'));
  await expect(page.locator("#s [part~=compact]")).toBeVisible();
  await expect(page.locator("#s [part~=compact]")).toHaveText("Step 2 of 4 · Shipping");
  await page.evaluate(() => { document.getElementById("box").style.width = "900px"; });
  await expect(page.locator("#s [part~=compact]")).toBeHidden();
});

for (const scheme of ["light", "dark"]) {
  for (const [name, html] of Object.entries({ stepper: STEPPER, checklist: CHECKLIST, timeline: TIMELINE, tiers: TIERS })) {
    test(`axe-core finds no violations: ${name}, ${scheme}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await blank(page, `<main style="padding: 1rem; background: Canvas; color: CanvasText"><h1>Your progress</h1>${html}</main>`,
        { head: `<meta name="color-scheme" content="light dark"><title>Momentum ${name}</title>` });
      await expect(part(page, "step").first()).toBeVisible();
      // Open a row and the done group too, so their contents are checked.
      if (name === "checklist") {
        await page.locator("#m button.done-toggle").click();
        await page.locator("#m button.row").first().click();
      }
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ["violations"] });
        return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" > ")).join(", ")}`);
      });
      expect(result).toEqual([]);
    });
  }
}

// Screenshots of every variant on its demo page, at phone and desktop widths,
// for the README. Each page must render its widget cleanly first.
const shots = fileURLToPath(new URL("../../docs/screenshots/", import.meta.url));
for (const [variant, path] of [["stepper", "/checkout.html"], ["checklist", "/onboarding.html"], ["timeline", "/tracking.html"], ["tiers", "/loyalty.html"]]) {
  for (const width of [375, 1280]) {
    test(`screenshot: ${variant} at ${width}px (${path})`, async ({ page }) => {
      const w = watch(page);
      await page.emulateMedia({ reducedMotion: "reduce" });
      await page.setViewportSize({ width, height: 900 });
      await page.goto(path);
      const widget = page.locator(`momentum-progress[variant="${variant}"], [data-variant="${variant}"]`).first();
      await expect(widget.locator("[part~=root]")).toHaveAttribute("data-variant", variant);
      await expect(widget.locator("li[part~=step]").first()).toBeVisible();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${shots}variant-${variant}-${width}.png`, fullPage: width === 375 });
      w.assertClean();
    });
  }
}
