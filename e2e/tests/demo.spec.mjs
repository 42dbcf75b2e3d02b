// The README's demo: one script tag, steps from data attributes only.
import { test, expect } from "@playwright/test";
import { watch } from "./helpers.mjs";
import { fileURLToPath } from "node:url";

const shots = fileURLToPath(new URL("../../docs/screenshots/", import.meta.url));

test("the onboarding demo renders from one script tag and reports to the page", async ({ page }) => {
  const w = watch(page);
  await page.goto("/index.html");
  // Only one script tag loads Momentum on the demo page.
  const scripts = await page.$$eval("script[src*='momentum']", (s) => s.map((e) => e.getAttribute("src")));
  expect(scripts).toEqual(["/pkg/momentum.js"]);

  const widget = page.locator("momentum-progress");
  await expect(widget).toHaveCount(1);
  // The ol form: the original list stays as the hidden markup source.
  await expect(page.locator("ol#onboarding")).toBeHidden();
  const steps = widget.locator("li[part~=step]");
  await expect(steps).toHaveCount(6);
  await expect(steps.locator("[part~=label]")).toHaveText([
    "Create your account", "Tell us your goals", "Connect your data",
    "Invite your team", "Customize your dashboard", "Launch",
  ]);
  await expect(widget.locator("[part~=summary]")).toContainText("2 of 5 complete");
  await expect(widget.locator("[part~=summary]")).toContainText("Step 3 of 5");
  await expect(widget.locator("[part~=summary]")).toContainText("40%");
  await expect(widget.locator("[part~=bar]")).toHaveAttribute("aria-valuenow", "40");
  await expect(steps.nth(2)).toHaveAttribute("aria-current", "step");
  await expect(steps.nth(0)).toContainText("Done");
  await expect(steps.nth(3)).toContainText("Optional");
  await expect(steps.nth(1).locator("[part~=estimate]")).toHaveText("2 min");

  // The page heard momentum-ready with docs/reference.md#events detail.
  await expect(page.locator("#log")).toContainText('momentum-ready {"completed":2,"total":5,"progress":0.4}');
  await page.screenshot({ path: shots + "demo.png" });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: shots + "demo-375.png", fullPage: true });
  w.assertClean();
  expect(w.warnings).toEqual([]);
});

test("the journey demo goes from start to 'all caught up', logging every event", async ({ page }) => {
  test.setTimeout(60_000);
  const w = watch(page);
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(`/journey.html?session=demo-${Date.now()}&step=2`);
  const widget = page.locator("momentum-progress");
  await expect(widget.locator("li[part~=step]")).toHaveCount(5);
  await expect(widget.locator("[part~=remaining]")).toContainText("left");
  await expect(widget.locator("[part~=updated]")).toContainText("Still working on it");
  await page.screenshot({ path: shots + "journey.png" });
  await expect(widget.locator("[part~=done]")).toBeVisible({ timeout: 20_000 });
  await expect(widget.locator("[part~=done]")).toContainText("You're all caught up");
  const log = await page.locator("#log li").allTextContents();
  expect(log.some((l) => l.includes('momentum-celebrate  {"reason":"complete"'))).toBe(true);
  expect(log.some((l) => l.includes("momentum-step-complete"))).toBe(true);
  await page.screenshot({ path: shots + "caught-up.png" });
  w.assertClean();
});

test("the stalled scenario says so plainly", async ({ page }) => {
  const w = watch(page);
  await page.goto(`/journey.html?scenario=stalled&session=stall-${Date.now()}`);
  const widget = page.locator("momentum-progress");
  await expect(widget.locator("[part~=notice]")).toContainText("This is taking longer than expected");
  await expect(page.locator("#log")).toContainText("momentum-stalled");
  await page.screenshot({ path: shots + "stalled.png" });
  w.assertClean();
});
