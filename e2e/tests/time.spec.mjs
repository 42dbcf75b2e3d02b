// Time estimates and completion moments (issue #5), with a controlled clock.
import { test, expect } from "@playwright/test";
import { watch, blank, events } from "./helpers.mjs";
const NOW = new Date("2026-11-23T10:00:00Z");
const iso = (ms) => new Date(NOW.getTime() + ms).toISOString();
const MIN = 60_000, HOUR = 3_600_000, DAY = 86_400_000;

test.use({ timezoneId: "UTC", locale: "en-US" });

async function setState(page, doc, id = "m") {
  await page.evaluate(([doc, id]) => { document.getElementById(id).state = doc; }, [doc, id]);
}
const part = (page, name, id = "m") => page.locator(`#${id} [part~=${name}]`);
const ONBOARDING = `
  <li data-step="goals" data-status="complete" data-estimate="2m">Tell us your goals</li>
  <li data-step="connect" data-status="active" data-estimate="5m">Connect your data</li>
  <li data-step="invite" data-optional data-estimate="1m">Invite your team</li>
  <li data-step="customize" data-estimate="2m">Customize your dashboard</li>`;

test("remaining time from the estimates, optional steps separately", async ({ page }) => {
  const w = watch(page);
  await page.clock.install({ time: NOW });
  await blank(page, `<momentum-progress id="m" locale="en-US"><ol>${ONBOARDING}</ol></momentum-progress>`);
  await expect(part(page, "remaining")).toHaveText("About 7 minutes left, plus 1 minute for optional steps");
  await expect(part(page, "estimate").first()).toHaveText("2 min");
  await page.evaluate(async () => {
    const { mount } = await import("/pkg/momentum.js");
    mount(document.body, { id: "j", locale: "en-US", state: { steps: [{ id: "a", label: "A", estimate: 20, status: "active" }] } });
  });
  await expect(part(page, "remaining", "j")).toHaveText("Less than a minute left");
  await setState(page, { steps: [{ id: "a", label: "A", estimate: "2d" }] }, "j");
  await expect(part(page, "remaining", "j")).toHaveText("About 2 days left");
  w.assertClean();
});

test("observed durations correct the estimate, and say so", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await blank(page, `<momentum-progress id="m" locale="en-US"></momentum-progress>`);
  await page.waitForFunction(() => customElements.get("momentum-progress"));
  // The first step was estimated at 2 minutes and took 6: later estimates grow (smoothed).
  await setState(page, { steps: [
    { id: "a", label: "A", estimate: "2m", status: "complete", startedAt: iso(-7 * MIN), completedAt: iso(-1 * MIN) },
    { id: "b", label: "B", estimate: "3m" } ] });
  await expect(part(page, "remaining")).toHaveText("About 5 minutes left · based on your progress so far");
});

test("'Updated … ago' keeps ticking on a schedule that fits its magnitude", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await blank(page, `<momentum-progress id="m" locale="en-US"></momentum-progress>`);
  await page.waitForFunction(() => customElements.get("momentum-progress"));
  await setState(page, { updatedAt: iso(-2 * MIN - 5000), steps: [{ id: "a", label: "A", status: "complete" }, { id: "b", label: "B" }] });
  await expect(part(page, "updated")).toHaveText("Updated 2 minutes ago");
  await page.clock.runFor(60_000);
  await expect(part(page, "updated")).toHaveText("Updated 3 minutes ago");
  await page.clock.runFor(HOUR);
  await expect(part(page, "updated")).toHaveText("Updated 1 hour ago");
  await page.clock.runFor(DAY);
  await expect(part(page, "updated")).toHaveText("Updated yesterday");
});

test("heartbeat while the other side works, a promise of when, and a plain stall", async ({ page }) => {
  const w = watch(page);
  await page.clock.install({ time: NOW });
  const doc = { updatedAt: iso(-3 * HOUR), nextUpdateBy: iso(3 * DAY + 4 * HOUR), message: "We're reviewing your documents",
    steps: [{ id: "sent", label: "Documents sent", status: "complete", completedAt: iso(-3 * HOUR) },
            { id: "review", label: "Review", status: "active", eta: iso(2 * DAY) }, { id: "done", label: "Decision" }] };
  await page.route("**/api/mock-review", (r) => r.fulfill({ contentType: "application/json", body: JSON.stringify(doc) }));
  await blank(page, `<momentum-progress id="m" locale="en-US" live="off" src="/api/mock-review"></momentum-progress>`);
  await expect(part(page, "updated")).toHaveText("Still working on it — last update 3 hours ago");
  await expect(part(page, "promise")).toHaveText("You'll hear back by Thu 2:00 PM — in 3 days");
  await expect(part(page, "time").nth(0)).toHaveText("Completed Mon 7:00 AM");
  await expect(part(page, "time").nth(1)).toHaveText("Expected by Wed 10:00 AM — in 2 days");
  // Past nextUpdateBy with no news: a plain stall, and the heartbeat steps aside;
  // the broken promise is owned, not hidden (rule 45).
  await page.clock.runFor(3 * DAY + 5 * HOUR);
  await expect(part(page, "notice")).toHaveText("No news since Nov 23, 2026, 7:00 AM. This is taking longer than expected.");
  await expect(part(page, "updated")).toBeHidden();
  await expect(part(page, "promise")).toHaveText("We said Thu 2:00 PM — still waiting");
  w.assertClean();
});

test("locale de-DE formats numbers, times and phrases", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await blank(page, `<momentum-progress id="m" locale="de-DE"><ol>${ONBOARDING}</ol></momentum-progress>`);
  await expect(part(page, "remaining")).toHaveText("Noch etwa 7 Minuten, plus 1 Minute für optionale Schritte");
  await expect(part(page, "summary")).toContainText("1 von 3 erledigt");
  await expect(part(page, "summary")).toContainText("33 %");
  await page.evaluate(async (updatedAt) => {
    const { mount } = await import("/pkg/momentum.js");
    mount(document.body, { id: "j", locale: "de-DE", state: { updatedAt, steps: [{ id: "a", label: "A", status: "active", estimate: 5400 }] } });
  }, iso(-2 * MIN));
  await expect(part(page, "updated", "j")).toHaveText("Aktualisiert vor 2 Minuten");
  await expect(part(page, "estimate", "j")).toHaveText("1,5 Std.");
});

test("right-to-left pages lay the stepper out mirrored", async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 700 });
  await page.route("**/rtl.html", (r) => r.fulfill({ contentType: "text/html", body:
    `<!doctype html><html lang="ar" dir="rtl"><head><link rel="icon" href="/favicon.svg"><script type="module" src="/pkg/momentum.js"></script></head>
     <body><momentum-progress id="m" orientation="horizontal"><ol><li data-step="a" data-status="complete">أ</li><li data-step="b">ب</li><li data-step="c">ج</li></ol></momentum-progress></body></html>` }));
  await page.goto("/rtl.html");
  await expect(part(page, "marker")).toHaveCount(3);
  const xs = await part(page, "marker").evaluateAll((ms) => ms.map((m) => m.getBoundingClientRect().x));
  expect(xs[0]).toBeGreaterThan(xs[1]);
  expect(xs[1]).toBeGreaterThan(xs[2]);
  const origin = await page.evaluate(() => getComputedStyle(document.getElementById("m").shadowRoot.querySelector(".fill")).transformOrigin);
  expect(origin.startsWith("0px")).toBe(false);
});

test("milestones fire once each, in order, with their detail", async ({ page }) => {
  await blank(page, `<momentum-progress id="m" milestones="0.25, 0.5, 0.75" celebrate="none"><ol>
    <li data-step="a">A</li><li data-step="b">B</li><li data-step="c">C</li><li data-step="d">D</li></ol></momentum-progress>
    <script>window.__c = []; document.addEventListener("momentum-celebrate", (e) => window.__c.push(e.detail));</script>`);
  await expect(part(page, "step")).toHaveCount(4);
  await page.evaluate(() => document.getElementById("m").update([{ id: "a", status: "complete" }]));
  await page.evaluate(() => document.getElementById("m").update([{ id: "b", status: "complete" }, { id: "c", status: "complete" }]));
  await page.evaluate(() => document.getElementById("m").update([{ id: "c", status: "pending" }]));
  await page.evaluate(() => document.getElementById("m").update([{ id: "c", status: "complete" }]));
  const got = await page.evaluate(() => window.__c);
  expect(got).toEqual([
    { reason: "milestone", progress: 0.25, milestone: 0.25, stepId: "a" },
    { reason: "milestone", progress: 0.75, milestone: 0.5, stepId: "c" },
    { reason: "milestone", progress: 0.75, milestone: 0.75, stepId: "c" },
  ]);
  // Step completions and milestones are announced through the polite live region.
  await expect(page.locator("#m [role=status]")).toContainText("C: done");
});

test("the completion moment: done-message, what was achieved, Show steps, one complete celebration", async ({ page }) => {
  const w = watch(page);
  await blank(page, `<momentum-progress id="m" storage-key="done-test" done-message="Your workspace is ready"><ol>
    <li data-step="a" data-status="complete">A</li><li data-step="b" data-status="active">B</li></ol></momentum-progress>
    <script>window.__c = []; document.addEventListener("momentum-celebrate", (e) => window.__c.push(e.detail.reason));</script>`);
  await expect(part(page, "step")).toHaveCount(2);
  await expect(part(page, "done")).toBeHidden();
  await page.evaluate(() => document.getElementById("m").update({ steps: [
    { id: "a", startedAt: "2026-11-23T09:00:00Z", completedAt: "2026-11-23T09:04:00Z" },
    { id: "b", status: "complete", startedAt: "2026-11-23T09:04:00Z", completedAt: "2026-11-23T09:12:00Z" }] }));
  await expect(part(page, "done")).toBeVisible();
  await expect(part(page, "done")).toContainText("Your workspace is ready");
  await expect(part(page, "done")).toContainText("2 of 2 steps complete in 12 minutes");
  await expect(part(page, "list")).toBeHidden();
  const button = page.locator("#m [part~=done] button");
  await expect(button).toHaveText("Show steps");
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await button.click();
  await expect(part(page, "list")).toBeVisible();
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(button).toHaveText("Hide steps");
  await button.click();
  await expect(part(page, "list")).toBeHidden();
  // 50% was reached at the first render (rule 6); then completion.
  expect(await page.evaluate(() => window.__c)).toEqual(["milestone", "complete"]);
  // Analytics: how long the step took, when its times are known.
  const completes = await events(page, "momentum-step-complete");
  expect(completes.map((e) => e.detail)).toEqual([{ stepId: "b", label: "B", index: 1, durationMs: 8 * MIN }]);
  // A re-sent finished document and a reload do not celebrate again.
  await page.evaluate(() => { const m = document.getElementById("m"); m.state = m.state; });
  await page.reload();
  await page.evaluate(() => { window.__c = []; document.addEventListener("momentum-celebrate", (e) => window.__c.push(e.detail.reason)); });
  await expect(part(page, "step")).toHaveCount(2);
  await page.evaluate(() => document.getElementById("m").update([{ id: "b", status: "complete" }]));
  await expect(part(page, "done")).toBeVisible();
  expect(await page.evaluate(() => window.__c)).toEqual([]);
  // Another tab of the same origin: no second celebration either.
  const other = await page.context().newPage();
  await other.route("**/__test__.html", (r) => r.fulfill({ contentType: "text/html", body:
    `<!doctype html><link rel="icon" href="/favicon.svg"><script>window.__c=[];document.addEventListener("momentum-celebrate",e=>window.__c.push(e.detail.reason))</script>
     <script type="module" src="/pkg/momentum.js"></script><momentum-progress storage-key="done-test"><ol><li data-step="a" data-status="complete">A</li></ol></momentum-progress>` }));
  await other.goto("/__test__.html");
  await expect(other.locator("momentum-progress [part~=done]")).toBeVisible();
  expect(await other.evaluate(() => window.__c)).toEqual([]);
  w.assertClean();
});

test("the built-in celebration is the default action: preventDefault skips it", async ({ page }) => {
  await blank(page, `
    <momentum-progress id="m" celebrate="confetti"><ol><li data-step="a" data-status="active">A</li></ol></momentum-progress>
    <momentum-progress id="p" celebrate="confetti"><ol><li data-step="a" data-status="active">A</li></ol></momentum-progress>
    <script>document.getElementById("p").addEventListener("momentum-celebrate", (e) => e.preventDefault());</script>`);
  await expect(part(page, "step", "p")).toHaveCount(1);
  const observe = (id) => page.evaluate((id) => new Promise((resolve) => {
    const root = document.getElementById(id).shadowRoot;
    let canvas = false, marked = false;
    new MutationObserver(() => {
      canvas ||= !!root.querySelector("canvas");
      marked ||= root.querySelector(".root").hasAttribute("data-celebrating");
    }).observe(root, { subtree: true, childList: true, attributes: true });
    document.getElementById(id).update([{ id: "a", status: "complete" }]);
    setTimeout(() => resolve({ canvas, marked }), 300);
  }), id);
  expect(await observe("m")).toEqual({ canvas: true, marked: true });
  expect(await observe("p")).toEqual({ canvas: false, marked: false });
  // The canvas removes itself when the burst is over.
  await expect(page.locator("#m canvas")).toHaveCount(0, { timeout: 4000 });
});

test("reduced motion: the event fires, nothing animates, the bar jumps", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await blank(page, `<momentum-progress id="m" celebrate="confetti"><ol><li data-step="a" data-status="active">A</li></ol></momentum-progress>`);
  await expect(part(page, "step")).toHaveCount(1);
  const result = await page.evaluate(() => new Promise((resolve) => {
    const el = document.getElementById("m");
    const root = el.shadowRoot;
    let animated = false;
    new MutationObserver(() => { animated ||= !!root.querySelector("canvas") || root.querySelector(".root").hasAttribute("data-celebrating"); })
      .observe(root, { subtree: true, childList: true, attributes: true });
    const seen = [];
    el.addEventListener("momentum-celebrate", (e) => seen.push(e.detail.reason));
    el.update([{ id: "a", status: "complete" }]);
    setTimeout(() => resolve({ seen, animated, transition: getComputedStyle(root.querySelector(".fill")).transitionDuration }), 300);
  }));
  expect(result).toEqual({ seen: ["complete"], animated: false, transition: "0s" });
});

test("phrases can be overridden by key, through the attribute or the property", async ({ page }) => {
  const w = watch(page);
  await blank(page, `<momentum-progress id="m" strings='{"complete": "Finished", "summary": "{completed}/{total} finished", "nope": "x"}'>
    <ol><li data-step="a" data-status="complete">A</li><li data-step="b">B</li></ol></momentum-progress>`);
  await expect(part(page, "step").first()).toContainText("Finished");
  await expect(part(page, "summary")).toContainText("1/2 finished");
  await expect.poll(() => w.warnings.some((x) => x.text.includes('strings="nope"'))).toBe(true);
  await page.evaluate(() => { document.getElementById("m").strings = { pending: "Up next" }; });
  await expect(part(page, "step").nth(1)).toContainText("Up next");
});
