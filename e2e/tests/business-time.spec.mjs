// Honest time (rules 42-45): business durations on the business's calendar,
// ranges that lean late, promises kept or missed. Every test fixes the
// clock and the viewer's time zone; several put the viewer in another zone
// than the business.
import { test, expect } from "@playwright/test";
import { watch, blank } from "./helpers.mjs";
import { fileURLToPath } from "node:url";

const shots = fileURLToPath(new URL("../../docs/screenshots/", import.meta.url));

const MIN = 60_000, HOUR = 3_600_000;
const part = (page, name, id = "m") => page.locator(`#${id} [part~=${name}]`);
const PROMISES = `<script>window.__promises = []; document.addEventListener("momentum-promise", e => window.__promises.push({ detail: e.detail, cancelable: e.cancelable }));</script>`;
const promises = (page) => page.evaluate(() => window.__promises);

async function widget(page, attrs, doc, { head = "" } = {}) {
  await blank(page, `<momentum-progress id="m" locale="en-US" ${attrs}></momentum-progress>`, { head: PROMISES + head });
  await page.waitForFunction(() => customElements.get("momentum-progress"));
  if (doc) {
    await page.evaluate((doc) => { document.getElementById("m").state = doc; }, doc);
    // The wasm may still be on its way: the first document is shown once it is there.
    await page.locator("#m [part~=step]").first().waitFor();
  }
}

test.describe("a viewer in New York, a business in Berlin", () => {
  test.use({ timezoneId: "America/New_York", locale: "en-US" });

  test("Friday 16:55 with 1bd is expected on Monday, in the viewer's zone (rules 42, 43)", async ({ page }) => {
    const w = watch(page);
    // Friday 27 November 2026, 16:55 in Berlin (15:55 UTC, 10:55 AM in New York).
    const now = new Date("2026-11-27T15:55:00Z");
    await page.clock.install({ time: now });
    await widget(page, `variant="timeline" time-zone="Europe/Berlin" hours="Mon-Fri 09:00-17:00"`, {
      steps: [
        { id: "sent", label: "Request sent", status: "complete", completedAt: "2026-11-27T15:50:00Z" },
        { id: "reply", label: "First reply", status: "active", estimate: "1bd", startedAt: now.toISOString() },
      ],
    });
    // The same time of day one open day later: Monday 16:55 in Berlin.
    await expect(part(page, "remaining")).toHaveText("Expected by Mon 10:55 AM");
    await expect(page.locator("#m").locator("[part~=step]").nth(1)).toContainText("Expected by Mon 10:55 AM");
    w.assertClean();
  });
});

test.describe("a viewer in Berlin", () => {
  test.use({ timezoneId: "Europe/Berlin", locale: "en-US" });

  test("the day before a holiday counts on from the next open day (rules 42, 43)", async ({ page }) => {
    const w = watch(page);
    // Thursday 24 December 2026, 15:00 in Berlin; Friday 25 is a holiday.
    await page.clock.install({ time: new Date("2026-12-24T14:00:00Z") });
    await widget(page, `variant="checklist" time-zone="Europe/Berlin" holidays="2026-12-25"`, {
      steps: [
        { id: "docs", label: "Check your documents", estimate: "4bh" },
        { id: "sign", label: "Sign the contract" },
      ],
    });
    // Two open hours on Thursday, the holiday and the weekend closed, two on Monday.
    await expect(page.locator("#m").locator("[part~=step]").first()).toContainText("Expected by Mon 11:00 AM");
    // A counted step without an estimate: no overall time is invented.
    await expect(part(page, "remaining")).toBeHidden();
    await page.evaluate(() => document.getElementById("m").update({ steps: [{ id: "sign", estimate: "30m" }] }));
    await expect(part(page, "remaining")).toHaveText("Expected by Mon 11:30 AM");
    w.assertClean();
  });

  test("a clock change in the business's zone is kept (America/New_York, fall back)", async ({ page }) => {
    // Friday 30 October 2026, 16:00 in New York (EDT, 20:00 UTC). New York
    // falls back on Sunday 1 November; Berlin already did on 25 October.
    await page.clock.install({ time: new Date("2026-10-30T20:00:00Z") });
    await widget(page, `time-zone="America/New_York"`, {
      steps: [{ id: "a", label: "Review", status: "active", estimate: "1bd", startedAt: "2026-10-30T20:00:00Z" }],
    });
    // Monday 16:00 EST is 21:00 UTC, 10:00 PM in Berlin (not 9:00 PM).
    await expect(part(page, "remaining")).toHaveText("Expected by Mon 10:00 PM");
  });

  test("a clock change in the business's zone is kept (Europe/Berlin, spring forward)", async ({ page }) => {
    // Friday 27 March 2026, 10:00 in Berlin (CET, 09:00 UTC); Berlin springs forward on Sunday 29 March.
    await page.clock.install({ time: new Date("2026-03-27T09:00:00Z") });
    await widget(page, `time-zone="Europe/Berlin" hours="Mon-Fri 09:00-17:00"`, {
      steps: [{ id: "a", label: "Review", estimate: "8bh" }],
    });
    // Seven open hours on Friday, one on Monday: Monday 10:00 CEST.
    await expect(part(page, "remaining")).toHaveText("Expected by Mon 10:00 AM");
  });
});

test.describe("a viewer in UTC", () => {
  test.use({ timezoneId: "UTC", locale: "en-US" });
  const NOW = new Date("2026-11-20T15:00:00Z"); // Friday 3:00 PM
  const iso = (ms) => new Date(NOW.getTime() + ms).toISOString();

  test("a step that overran makes remaining time a range that leans late (rule 44)", async ({ page }) => {
    await page.clock.install({ time: NOW });
    await widget(page, "", {
      steps: [
        { id: "a", label: "A", estimate: "2m", status: "complete", startedAt: iso(-10 * MIN), completedAt: iso(-6 * MIN) },
        { id: "b", label: "B", estimate: "2m", status: "complete", startedAt: iso(-6 * MIN), completedAt: iso(-4 * MIN) },
        { id: "c", label: "C", estimate: "4m" },
      ],
    });
    // A took twice its estimate, B its estimate: 5 minutes learned, up to 4 × 2 = 8.
    await expect(part(page, "remaining")).toHaveText("About 5–8 minutes left · based on your progress so far");
    // When the finished steps agree, one value.
    await page.evaluate((t) => document.getElementById("m").update({ steps: [{ id: "b", startedAt: t }] }), iso(-8 * MIN));
    await expect(part(page, "remaining")).toHaveText("About 6 minutes left · based on your progress so far");
  });

  test("the range in German and Spanish", async ({ page }) => {
    await page.clock.install({ time: NOW });
    const doc = { steps: [
      { id: "a", label: "A", estimate: "2m", status: "complete", startedAt: iso(-10 * MIN), completedAt: iso(-6 * MIN) },
      { id: "b", label: "B", estimate: "2m", status: "complete", startedAt: iso(-6 * MIN), completedAt: iso(-4 * MIN) },
      { id: "c", label: "C", estimate: "4m" },
    ] };
    await widget(page, "", doc);
    await page.evaluate(() => document.getElementById("m").setAttribute("locale", "de-DE"));
    await expect(part(page, "remaining")).toHaveText(/^Noch etwa 5–8 Minuten/);
    await page.evaluate(() => document.getElementById("m").setAttribute("locale", "es-ES"));
    // Intl writes the Spanish range with a hyphen: "5-8 minutos".
    await expect(part(page, "remaining")).toContainText(/5[-–]8 minutos/);
  });

  test("late and on-time wording, and a reply that did not come (rule 45)", async ({ page }) => {
    await page.clock.install({ time: NOW });
    await widget(page, `variant="timeline"`, {
      nextUpdateBy: "2026-11-20T14:00:00Z",
      steps: [
        { id: "a", label: "Application received", status: "complete", eta: "2026-11-19T14:10:00Z", completedAt: "2026-11-19T16:10:00Z" },
        { id: "b", label: "Identity checked", status: "complete", eta: "2026-11-20T12:00:00Z", completedAt: "2026-11-20T11:00:00Z" },
        { id: "c", label: "Decision" },
      ],
    });
    const steps = page.locator("#m").locator("[part~=step]");
    await expect(steps.nth(0)).toContainText("Completed Thu 4:10 PM — 2 hours late");
    await expect(steps.nth(1)).toContainText("Completed Fri 11:00 AM — on time");
    await expect(part(page, "promise")).toHaveText("We said Fri 2:00 PM — still waiting");
    // Resolved before the first render: no event.
    expect(await promises(page)).toEqual([]);
  });

  test("momentum-promise fires once per promise, also across reloads (rule 45)", async ({ page }) => {
    const w = watch(page);
    await page.clock.install({ time: NOW });
    const base = {
      updatedAt: iso(-HOUR),
      nextUpdateBy: iso(HOUR),
      steps: [
        { id: "a", label: "Documents", status: "active", eta: iso(30 * MIN) },
        { id: "b", label: "Decision", eta: iso(2 * HOUR) },
      ],
    };
    await widget(page, `storage-key="loan-42"`, base);
    // The step completes by its eta: kept, with the actual time.
    await page.clock.runFor(10 * MIN);
    await page.evaluate((t) => document.getElementById("m").update({ updatedAt: t, steps: [{ id: "a", status: "complete", completedAt: t }] }), iso(10 * MIN));
    await expect.poll(() => promises(page)).toEqual([
      { cancelable: false, detail: { kind: "eta", stepId: "a", promised: iso(30 * MIN), actual: iso(10 * MIN), kept: true } },
      // That newer document also answered the promised reply (at its updatedAt).
      { cancelable: false, detail: { kind: "reply", promised: iso(HOUR), actual: iso(10 * MIN), kept: true } },
    ]);
    // The decision's eta passes first: missed, without an actual time.
    await page.clock.runFor(2 * HOUR);
    await expect.poll(async () => (await promises(page)).length).toBe(3);
    expect((await promises(page))[2]).toEqual({ cancelable: false, detail: { kind: "eta", stepId: "b", promised: iso(2 * HOUR), kept: false } });
    await page.clock.runFor(HOUR);
    expect((await promises(page)).length).toBe(3);

    // Reload under the same key with the same state: nothing fires again,
    // also when the (already answered) reply time would pass later.
    await page.reload();
    await page.clock.setSystemTime(new Date(NOW.getTime() + 20 * MIN));
    await page.waitForFunction(() => customElements.get("momentum-progress"));
    await page.evaluate((doc) => { document.getElementById("m").state = doc; }, { ...base, updatedAt: iso(10 * MIN), steps: [{ ...base.steps[0], status: "complete", completedAt: iso(10 * MIN) }, base.steps[1]] });
    await expect(part(page, "promise")).toContainText("You'll hear back by");
    await page.clock.runFor(3 * HOUR);
    await expect(part(page, "promise")).toContainText("We said");
    await expect(page.locator("#m [part~=step]").nth(1)).toContainText("ago");
    expect(await promises(page)).toEqual([]);
    w.assertClean();
  });
});

test.describe("bad values", () => {
  test.use({ timezoneId: "UTC", locale: "en-US" });
  test("hours, holidays and time-zone warn and fall back (rule 41 style)", async ({ page }) => {
    const w = watch(page);
    await page.clock.install({ time: new Date("2026-11-20T15:00:00Z") });
    await widget(page, `hours="Mon-Fri 9-5pm" holidays="2026-13-01" time-zone="Mars/Olympus"`, {
      steps: [{ id: "a", label: "A", estimate: "1bh" }],
    });
    // Office hours in the viewer's zone: 1 open hour from Friday 15:00 is 16:00.
    await expect(part(page, "remaining")).toHaveText("Expected by Fri 4:00 PM");
    await expect.poll(() => w.warnings.map((x) => x.text).join("\n")).toContain('time-zone="Mars/Olympus" is not valid');
    const all = w.warnings.map((x) => x.text).join("\n");
    expect(all).toContain('hours="');
    expect(all).toContain('holidays="2026-13-01" is not valid');
    w.assertClean();
  });
});

test.describe("the loan demo, viewed from New York on a Friday afternoon in Berlin", () => {
  test.use({ timezoneId: "America/New_York", locale: "en-US", viewport: { width: 1100, height: 900 } });

  test("every estimate crosses the weekend and the holiday; promises are owned", async ({ page }) => {
    const w = watch(page);
    // Friday 27 November 2026, 16:55 in Berlin; the demo's holiday is Monday 30.
    await page.clock.install({ time: new Date("2026-11-27T15:55:00Z") });
    await page.goto(`/loan.html?session=loan-${test.info().workerIndex}-${Date.now()}&step=3`);
    const loan = page.locator("#loan");
    await expect(part(page, "message", "loan")).toHaveText("Thanks! We're checking your documents.");
    const steps = loan.locator("[part~=step]");
    // Five minutes on Friday, the holiday, the weekend, then Tuesday 09:00-12:55 in Berlin.
    await expect(steps.nth(1)).toContainText("Expected by Tue 6:55 AM");
    await expect(steps.nth(2)).toContainText("Expected by Wed 6:55 AM");
    await expect(steps.nth(4)).toContainText("Expected by Dec 7, 6:55 AM");
    await expect(part(page, "remaining", "loan")).toHaveText("Expected by Dec 7, 6:55 AM");
    await page.screenshot({ path: shots + "business-time.png" });
    // The server moves on: the documents came by their eta, the credit check two hours late.
    await expect(steps.nth(1)).toContainText("— on time", { timeout: 15_000 });
    await expect(steps.nth(2)).toContainText("2 hours late", { timeout: 15_000 });
    await expect(page.locator("#promises")).toContainText("reply kept");
    await page.screenshot({ path: shots + "business-time-promises.png" });
    w.assertClean();
    expect(w.warnings).toEqual([]);
  });
});
