// Live state (issue #4): polling, ETag/304, faults, ordering, SSE, visibility,
// removal, stall, shared pollers, refresh(). All against the real server.
import { test, expect } from "@playwright/test";
import { watch, blank, events } from "./helpers.mjs";

let n = 0;
const session = () => `t${Date.now().toString(36)}${(n++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const requests = async (page, s) => (await (await page.request.get(`/api/requests?session=${s}`)).json()).count;
const labels = (page, sel = "momentum-progress") => page.locator(`${sel} [part~=label]`);
const steps = (page, sel = "momentum-progress") => page.locator(`${sel} li[part~=step]`);

test("polling follows the journey in order, with Accept and ETag revalidation", async ({ page }) => {
  const w = watch(page);
  const s = session();
  const sent = [];
  page.on("request", (r) => { if (r.url().includes("/api/onboarding")) sent.push(r.headers()); });
  await blank(page, `<momentum-progress id="m" src="/api/onboarding?session=${s}&step=2" poll="2s"></momentum-progress>`);
  await expect(steps(page)).toHaveCount(5);
  await expect(steps(page).nth(0)).toHaveAttribute("data-status", "active");
  // The journey advances every 2 s; the widget follows without host code.
  await expect(steps(page).nth(0)).toHaveAttribute("data-status", "complete", { timeout: 8000 });
  await expect(steps(page).nth(1)).toHaveAttribute("data-status", "complete", { timeout: 8000 });
  const changes = (await events(page, "momentum-change")).map((e) => e.detail.completed);
  expect(changes.length).toBeGreaterThan(0);
  expect(changes).toEqual([...changes].sort((a, b) => a - b));
  expect((await events(page, "momentum-step-complete")).map((e) => e.detail.stepId).slice(0, 2)).toEqual(["goals", "connect"]);
  expect(sent[0].accept).toBe("application/json");
  expect(sent.some((h) => h["if-none-match"])).toBe(true);
  w.assertClean();
});

test("an unchanged endpoint is revalidated with 304s and fires no change", async ({ page }) => {
  const w = watch(page);
  const s = session();
  const statuses = [];
  page.on("response", (r) => { if (r.url().includes("/api/static")) statuses.push(r.status()); });
  await blank(page, `<momentum-progress id="m" src="/api/static?session=${s}" poll="2s"></momentum-progress>`);
  await expect(steps(page)).not.toHaveCount(0);
  await expect.poll(() => statuses.length, { timeout: 9000 }).toBeGreaterThanOrEqual(3);
  expect(statuses[0]).toBe(200);
  expect(statuses.slice(1).every((st) => st === 304)).toBe(true);
  expect(await events(page, "momentum-change")).toEqual([]);
  expect((await events(page, "momentum-ready")).length).toBe(1);
  w.assertClean();
});

for (const [fault, expectation] of [
  ["500", { status: 500, message: "HTTP 500" }],
  ["404", { status: 404, message: "HTTP 404" }],
  ["malformed", { status: 200, message: "not valid JSON" }],
  ["notobject", { status: 200, message: "must be a JSON object" }],
  ["nosteps", { status: 200, message: "no usable steps" }],
  ["huge", { status: 200, message: "larger than 1 MB" }],
]) {
  test(`fault ${fault}: momentum-error, the last good state stays, then it recovers`, async ({ page }) => {
    const w = watch(page);
    const s = session();
    await blank(page, `<momentum-progress id="m" src="/api/flaky?session=${s}" poll="2s"></momentum-progress>`);
    await expect(steps(page)).not.toHaveCount(0);
    const good = await labels(page).allTextContents();
    await page.evaluate((url) => document.getElementById("m").setAttribute("src", url), `/api/flaky?session=${s}&fault=${fault}`);
    await expect.poll(async () => (await events(page, "momentum-error")).length, { timeout: 10000 }).toBeGreaterThan(0);
    const [err] = await events(page, "momentum-error");
    expect(err.detail.message).toContain(expectation.message);
    expect(err.detail.status).toBe(expectation.status);
    expect(err.detail.retryInMs).toBeGreaterThanOrEqual(1000);
    await expect(labels(page)).toHaveText(good);
    await expect(page.locator("#m [part~=notice]")).toContainText("may be out of date");
    // Back to a good endpoint: the notice goes away and polling resumes.
    await page.evaluate((url) => document.getElementById("m").setAttribute("src", url), `/api/flaky?session=${s}`);
    await expect(page.locator("#m [part~=notice]")).toBeHidden({ timeout: 10000 });
    expect(w.errors.filter((e) => !e.includes("Failed to load resource"))).toEqual([]);
  });
}

test("a request that hangs times out, errors, and the next one recovers", async ({ page }) => {
  test.setTimeout(60_000);
  const w = watch(page);
  const s = session();
  await blank(page, `<momentum-progress id="m" src="/api/flaky?session=${s}" poll="2s"></momentum-progress>`);
  await expect(steps(page)).not.toHaveCount(0);
  await page.evaluate((url) => document.getElementById("m").setAttribute("src", url), `/api/flaky?session=${s}&fault=timeout&delay=40`);
  await expect.poll(async () => (await events(page, "momentum-error")).length, { timeout: 25000 }).toBeGreaterThan(0);
  const [err] = await events(page, "momentum-error");
  expect(err.detail.message).toContain("timed out");
  await expect(steps(page)).not.toHaveCount(0);
  w.assertClean();
});

test("recovery after failures: errors with growing backoff, then the document appears", async ({ page }) => {
  const w = watch(page);
  const s = session();
  await blank(page, `<momentum-progress id="m" src="/api/flaky?session=${s}&fail=2" poll="2s"></momentum-progress>`);
  await expect(steps(page)).not.toHaveCount(0, { timeout: 20000 });
  const errors = await events(page, "momentum-error");
  expect(errors.map((e) => e.detail.status)).toEqual([500, 500]);
  for (const e of errors) expect(e.detail.retryInMs).toBeGreaterThanOrEqual(1000);
  expect((await events(page, "momentum-ready")).length).toBe(1);
  expect(w.errors.filter((e) => !e.includes("Failed to load resource"))).toEqual([]);
});

test("out-of-order documents are ignored", async ({ page }) => {
  const w = watch(page);
  const s = session();
  await blank(page, `<momentum-progress id="m" src="/api/flaky?session=${s}&fault=outoforder" poll="2s"></momentum-progress>`);
  await expect(steps(page)).not.toHaveCount(0);
  const first = await page.evaluate(() => document.getElementById("m").state);
  expect(first.sequence).toBeGreaterThan(100);
  // Several polls later, the old sequence-1 documents never took over.
  await expect.poll(() => requests(page, s), { timeout: 10000 }).toBeGreaterThanOrEqual(4);
  const later = await page.evaluate(() => document.getElementById("m").state);
  expect(later.sequence).toBeGreaterThan(100);
  w.assertClean();
});

test("wrong field types warn, hostile strings stay text", async ({ page }) => {
  const w = watch(page);
  const s = session();
  await page.addInitScript(() => { window.__pwned = 0; window.alert = () => window.__pwned++; });
  await blank(page, `<momentum-progress id="a" src="/api/flaky?session=${s}&fault=wrongtypes" live="off"></momentum-progress>
    <momentum-progress id="b" src="/api/flaky?session=${s}x&fault=hostile" live="off"></momentum-progress>`);
  await expect(steps(page, "#a")).not.toHaveCount(0);
  await expect(steps(page, "#b")).not.toHaveCount(0);
  // Each wrong field is named: element, step, field, value, what is allowed.
  // (Console messages reach the test asynchronously: wait for them.)
  await expect.poll(() => w.warnings.some((x) => x.text.startsWith('Momentum <momentum-progress id="a">, step')
    && /status="a number" is not valid; allowed: pending, active/.test(x.text))).toBe(true);
  const injected = await page.evaluate(() => document.getElementById("b").shadowRoot.querySelectorAll("img, script, svg, iframe").length);
  expect(injected).toBe(0);
  expect((await labels(page, "#b").allTextContents()).join(" ")).toContain("<");
  expect(await page.evaluate(() => window.__pwned)).toBe(0);
  w.assertClean();
});

test("server-sent events push documents as they happen", async ({ page }) => {
  const w = watch(page);
  const s = session();
  const urls = [];
  page.on("request", (r) => { if (r.url().includes("/api/")) urls.push(new URL(r.url()).pathname); });
  await blank(page, `<momentum-progress id="m" live="sse" src="/api/onboarding/stream?session=${s}&step=1"></momentum-progress>`);
  await expect(steps(page)).toHaveCount(5);
  await expect(steps(page).nth(1)).toHaveAttribute("data-status", "complete", { timeout: 8000 });
  expect(new Set(urls)).toEqual(new Set(["/api/onboarding/stream"]));
  expect((await events(page, "momentum-change")).length).toBeGreaterThan(0);
  w.assertClean();
});

test("a stream that keeps failing falls back to polling and says so", async ({ page }) => {
  const w = watch(page);
  const s = session();
  // /api/static is not an event stream: EventSource fails on its content type.
  await blank(page, `<momentum-progress id="m" live="sse" poll="2s" src="/api/static?session=${s}"></momentum-progress>`);
  await expect(steps(page)).not.toHaveCount(0, { timeout: 25000 });
  expect(w.warnings.some((x) => x.text.includes("polling src instead"))).toBe(true);
  expect((await events(page, "momentum-error")).length).toBeGreaterThan(0);
});

test("a hidden page makes no requests; becoming visible makes one", async ({ page }) => {
  const w = watch(page);
  const s = session();
  await blank(page, `<momentum-progress id="m" src="/api/static?session=${s}" poll="2s"></momentum-progress>`);
  await expect(steps(page)).not.toHaveCount(0);
  const setVisibility = (state) => page.evaluate((state) => {
    Object.defineProperty(document, "visibilityState", { value: state, configurable: true });
    Object.defineProperty(document, "hidden", { value: state === "hidden", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  }, state);
  await setVisibility("hidden");
  // A poll already on its way when the page was hidden may still land.
  await page.waitForTimeout(500);
  const before = await requests(page, s);
  await page.waitForTimeout(6500);
  expect(await requests(page, s)).toBe(before);
  await setVisibility("visible");
  await expect.poll(() => requests(page, s), { timeout: 3000 }).toBe(before + 1);
  w.assertClean();
});

test("offline pauses requests; coming back online makes one", async ({ page, context }) => {
  const w = watch(page);
  const s = session();
  await blank(page, `<momentum-progress id="m" src="/api/static?session=${s}" poll="2s"></momentum-progress>`);
  await expect(steps(page)).not.toHaveCount(0);
  await context.setOffline(true);
  await page.waitForTimeout(500);
  const before = await requests(page, s);
  await page.waitForTimeout(5000);
  expect(await requests(page, s)).toBe(before);
  await context.setOffline(false);
  await expect.poll(() => requests(page, s), { timeout: 4000 }).toBeGreaterThan(before);
  w.assertClean();
});

test("removing the element aborts its request and stops its timers", async ({ page }) => {
  const s = session();
  const aborted = [];
  page.on("requestfailed", (r) => aborted.push(r.failure()?.errorText));
  await blank(page, `<momentum-progress id="m" src="/api/flaky?session=${s}&fault=timeout&delay=20" poll="2s"><ol><li data-step="a">A</li></ol></momentum-progress>`);
  await expect(steps(page)).toHaveCount(1);
  await expect.poll(() => requests(page, s)).toBe(1);
  await page.evaluate(() => document.getElementById("m").remove());
  await expect.poll(() => aborted.length).toBe(1);
  expect(aborted[0]).toContain("ABORTED");
  await page.waitForTimeout(5000);
  expect(await requests(page, s)).toBe(1);
});

test("momentum-stalled fires once and the stall is said plainly", async ({ page }) => {
  const w = watch(page);
  const s = session();
  await page.route("**/stall-events", (r) => r.fulfill({ body: "" }));
  await blank(page, `<momentum-progress id="m" src="/api/stalled?session=${s}" poll="2s"></momentum-progress>
    <script>window.__stalls = []; document.addEventListener("momentum-stalled", (e) => window.__stalls.push(e.detail));</script>`);
  await expect(page.locator("#m [part~=notice]")).toContainText("No news since");
  await expect.poll(() => requests(page, s), { timeout: 8000 }).toBeGreaterThanOrEqual(3);
  const stalls = await page.evaluate(() => window.__stalls);
  expect(stalls).toHaveLength(1);
  expect(stalls[0].lastUpdate).toMatch(/^\d{4}-\d\d-\d\dT/);
  expect(stalls[0].nextUpdateBy).toMatch(/^\d{4}-\d\d-\d\dT/);
  w.assertClean();
});

test("100 widgets on one src share one poller", async ({ page }) => {
  const w = watch(page);
  const s = session();
  const many = Array.from({ length: 100 }, () => `<momentum-progress src="/api/static?session=${s}" poll="2s"></momentum-progress>`).join("");
  await blank(page, many);
  await expect(page.locator("momentum-progress li[part~=step]:first-child")).toHaveCount(100);
  await page.waitForTimeout(5000);
  // One request at start plus one per 2 s interval, not 100 of each.
  const count = await requests(page, s);
  expect(count).toBeGreaterThanOrEqual(2);
  expect(count).toBeLessThanOrEqual(5);
  w.assertClean();
});

test("refresh() resolves with the state, rejects with an Error on failure", async ({ page }) => {
  const w = watch(page);
  const s = session();
  await blank(page, `<momentum-progress id="m" live="off" src="/api/onboarding?session=${s}&step=1"></momentum-progress>
    <momentum-progress id="bad" live="off" src="/api/flaky?session=${s}&fault=500"><ol><li data-step="a">A</li></ol></momentum-progress>`);
  await expect(steps(page, "#m")).toHaveCount(5);
  const before = await requests(page, s);
  // live="off": one fetch at start, nothing more until refresh().
  await page.waitForTimeout(2500);
  expect(await requests(page, s)).toBe(before);
  const doc = await page.evaluate(() => document.getElementById("m").refresh());
  expect(doc.steps.length).toBe(5);
  expect(doc.steps[0].status).toBe("complete");
  const rejected = await page.evaluate(() => document.getElementById("bad").refresh().then(() => "resolved", (e) => `${e instanceof Error}: ${e.message}`));
  expect(rejected).toMatch(/^true: Momentum: .*HTTP 500/);
  expect(w.errors.filter((e) => !e.includes("Failed to load resource"))).toEqual([]);
});

test("net.js is loaded only by a page with a src, once for all its widgets", async ({ page }) => {
  const w = watch(page);
  const s = session();
  const loaded = [];
  page.on("request", (r) => { if (new URL(r.url()).pathname.endsWith("/net.js")) loaded.push(r.url()); });
  await blank(page, "");
  await page.evaluate(async () => {
    const { mount } = await import("/pkg/momentum.js");
    mount(document.body, { id: "plain", state: { steps: [{ id: "a", label: "A", status: "complete" }] } });
  });
  await expect(steps(page, "#plain")).toHaveCount(1);
  expect(loaded, "a page without src").toEqual([]);
  await page.evaluate((s) => document.body.insertAdjacentHTML("beforeend",
    `<momentum-progress id="b" src="/api/onboarding?session=${s}" live="off"></momentum-progress>
     <momentum-progress id="c" src="/api/onboarding?session=${s}" live="off"></momentum-progress>`), s);
  await expect(steps(page, "#b")).toHaveCount(5);
  await expect(steps(page, "#c")).toHaveCount(5);
  expect(loaded).toHaveLength(1);
  expect(w.warnings).toEqual([]);
  w.assertClean();
});

test("a net.js that cannot load: one warning per widget with a src, nothing thrown", async ({ page }) => {
  const w = watch(page);
  const s = session();
  await page.route("**/pkg/net.js", (r) => r.fulfill({ status: 404, body: "not here" }));
  await blank(page, `<momentum-progress id="m" src="/api/onboarding?session=${s}"></momentum-progress>`);
  await expect.poll(() => w.warnings.filter((x) => x.text.includes("could not load net.js")).length).toBe(1);
  expect(w.warnings.map((x) => x.text)).toEqual([expect.stringContaining('<momentum-progress id="m">: could not load net.js, so src is not followed')]);
  expect(w.errors.filter((e) => !/Failed to load resource|net\.js/.test(e))).toEqual([]);
});
