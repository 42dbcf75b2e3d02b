// What the widget does with an endpoint's answers and how often it asks
// (rules 39, 48 and 49), against the real server, which scripts each answer
// (`/api/flaky?fault=…`). Long waits run on Playwright's clock: a test
// advances it in steps shorter than the 15 s request timeout once a request
// is due, and counts the requests the server saw.
import { test, expect } from "@playwright/test";
import { watch, blank, events } from "./helpers.mjs";

let n = 0;
const session = () => `e${Date.now().toString(36)}${(n++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const requests = async (page, s) => (await (await page.request.get(`/api/requests?session=${s}`)).json()).count;
const MIN = 60_000;
const STEPS = `<ol><li data-step="a">Upload received</li><li data-step="b">Processing</li></ol>`;
const widget = (src, attrs = `poll="2s"`) => `<momentum-progress id="m" src="${src}" ${attrs}>${STEPS}</momentum-progress>`;
const notice = (page) => page.locator("#m [part~=notice]");
const errors = (page) => events(page, "momentum-error");
/** Console errors other than the browser's own line for a failed HTTP status. */
const unexpected = (w) => w.errors.filter((e) => !e.includes("Failed to load resource"));
const refresh = (page) =>
  page.evaluate(() => document.getElementById("m").refresh().then((d) => ({ sequence: d.sequence }), (e) => ({ error: e.message })));

test("a login page after a redirect is named: its type, its URL, and a hint", async ({ page, baseURL }) => {
  const w = watch(page);
  const s = session();
  await blank(page, widget(`/api/flaky?session=${s}&fault=login`));
  await expect.poll(async () => (await errors(page)).length).toBeGreaterThan(0);
  const [err] = await errors(page);
  expect(err.detail.status).toBe(200);
  expect(err.detail.message).toBe(
    "the response is text/html, not JSON; is the endpoint behind a login? " +
      `(HTTP 200 from ${baseURL}/api/login?session=${s}&fault=login, redirected from ${baseURL}/api/flaky?session=${s}&fault=login)`,
  );
  expect(err.detail.retryInMs).toBeGreaterThanOrEqual(1000);
  // The markup steps stay, and the page is told plainly.
  await expect(page.locator("#m li[part~=step]")).toHaveCount(2);
  await expect(notice(page)).toHaveText("Couldn't check for updates just now, so this may be out of date. Trying again.");
  await expect.poll(() => w.warnings.some((x) => x.text.includes("could not update from src: the response is text/html"))).toBe(true);
  w.assertClean();
});

test("JSON that does not parse says so and names the URL", async ({ page, baseURL }) => {
  const w = watch(page);
  const s = session();
  await blank(page, widget(`/api/flaky?session=${s}&fault=malformed`));
  await expect.poll(async () => (await errors(page)).length).toBeGreaterThan(0);
  const [err] = await errors(page);
  expect(err.detail.message).toBe(`the response is not valid JSON (HTTP 200 from ${baseURL}/api/flaky?session=${s}&fault=malformed)`);
  w.assertClean();
});

for (const [status, why] of [[401, "not signed in"], [403, "not allowed"]]) {
  test(`${status} stops polling, says so plainly, and a successful refresh() resumes it`, async ({ page, baseURL }) => {
    const w = watch(page);
    const s = session();
    await page.clock.install();
    await blank(page, widget(`/api/flaky?session=${s}&fault=${status}&times=1`));
    await expect.poll(async () => (await errors(page)).length).toBe(1);
    const [err] = await errors(page);
    expect(err.detail).toEqual({
      status,
      retryInMs: null,
      message: `the server refused the request as ${why}; no more requests until refresh() succeeds (HTTP ${status} from ${baseURL}/api/flaky?session=${s}&fault=${status}&times=1)`,
    });
    await expect(notice(page)).toHaveText("Couldn't check for updates, so this may be out of date. Reload the page to try again.");
    // Ten minutes later: not one more request (before, a 401 was retried forever).
    await page.clock.runFor(10 * MIN);
    expect(await requests(page, s)).toBe(1);
    expect(await errors(page)).toHaveLength(1);
    // refresh() asks at once; its success resumes polling at the widget's interval.
    expect(await refresh(page)).toEqual({ sequence: 2 });
    await expect(notice(page)).toBeHidden();
    await page.clock.runFor(2500);
    await expect.poll(() => requests(page, s)).toBe(3);
    expect(unexpected(w)).toEqual([]);
  });
}

test("429 with Retry-After in seconds: no request before it, and retryInMs is that wait", async ({ page, baseURL }) => {
  const w = watch(page);
  const s = session();
  await page.clock.install();
  await blank(page, widget(`/api/flaky?session=${s}&fault=429&times=1&wait=30`));
  await expect.poll(async () => (await errors(page)).length).toBe(1);
  const [err] = await errors(page);
  expect(err.detail.status).toBe(429);
  expect(err.detail.message).toContain("the server is busy (too many requests); waiting as its Retry-After asks (HTTP 429 from ");
  // The backoff alone would be 1 to 2 s; Retry-After asks for 30.
  expect(err.detail.retryInMs).toBeGreaterThan(29_900);
  expect(err.detail.retryInMs).toBeLessThanOrEqual(30_000);
  // refresh() does not overrule the server either: it rejects without a request.
  const refused = await refresh(page);
  expect(refused.error).toMatch(/^Momentum: refresh\(\) sent no request, as the server asked to wait: the server is busy/);
  await page.clock.runFor(27_000);
  expect(await requests(page, s)).toBe(1);
  await page.clock.runFor(4_000);
  await expect.poll(() => requests(page, s)).toBe(2);
  await expect.poll(() => page.evaluate(() => document.getElementById("m").state?.sequence)).toBe(2);
  await expect(notice(page)).toBeHidden();
  expect(unexpected(w)).toEqual([]);
});

test("503 with Retry-After as an HTTP date: no request before that time", async ({ page }) => {
  const w = watch(page);
  const s = session();
  await page.clock.install();
  await blank(page, widget(`/api/flaky?session=${s}&fault=503&times=1&wait=60`));
  await expect.poll(async () => (await errors(page)).length).toBe(1);
  const [err] = await errors(page);
  expect(err.detail.status).toBe(503);
  expect(err.detail.message).toContain("the server is unavailable; waiting as its Retry-After asks");
  // An HTTP date has whole seconds: 59 to 60 s from now.
  expect(err.detail.retryInMs).toBeGreaterThan(57_000);
  expect(err.detail.retryInMs).toBeLessThanOrEqual(60_000);
  await page.clock.runFor(err.detail.retryInMs - 3_000);
  expect(await requests(page, s)).toBe(1);
  await page.clock.runFor(5_000);
  await expect.poll(() => requests(page, s)).toBe(2);
  expect(unexpected(w)).toEqual([]);
});

test("Cache-Control: max-age stretches the next poll", async ({ page }) => {
  const w = watch(page);
  const s = session();
  await page.clock.install();
  await blank(page, widget(`/api/flaky?session=${s}&fault=maxage&wait=20`));
  await expect.poll(() => page.evaluate(() => document.getElementById("m").state?.sequence)).toBe(1);
  // poll="2s", but the server said the document stays fresh for 20 s.
  await page.clock.runFor(18_000);
  expect(await requests(page, s)).toBe(1);
  await page.clock.runFor(4_000);
  await expect.poll(() => requests(page, s)).toBe(2);
  expect(w.warnings).toEqual([]);
  w.assertClean();
});

test("Cache-Control: max-age is honoured up to 10 minutes", async ({ page }) => {
  const w = watch(page);
  const s = session();
  await page.clock.install();
  await blank(page, widget(`/api/flaky?session=${s}&fault=maxage&wait=3600`));
  await expect.poll(() => page.evaluate(() => document.getElementById("m").state?.sequence)).toBe(1);
  // An hour asked for; 10 minutes honoured.
  await page.clock.runFor(10 * MIN - 5_000);
  expect(await requests(page, s)).toBe(1);
  await page.clock.runFor(8_000);
  await expect.poll(() => requests(page, s)).toBe(2);
  w.assertClean();
});

test("after completion: at most every 5 minutes, refresh() at once, and reopening resumes polling", async ({ page }) => {
  const w = watch(page);
  const s = session();
  await page.clock.install();
  // The journey is complete for the first two answers, then reopened.
  await blank(page, `<momentum-progress id="m" src="/api/flaky?session=${s}&fault=complete&times=2" poll="2s"></momentum-progress>`);
  await expect(page.locator("#m [part~=done]")).toBeVisible();
  await page.clock.runFor(60_000);
  expect(await requests(page, s)).toBe(1);
  // refresh() still fetches at once.
  expect(await refresh(page)).toEqual({ sequence: 2 });
  expect(await requests(page, s)).toBe(2);
  // Five minutes after the last request, one more: it reopens the journey...
  await page.clock.runFor(5 * MIN - 5_000);
  expect(await requests(page, s)).toBe(2);
  await page.clock.runFor(8_000);
  await expect.poll(() => requests(page, s)).toBe(3);
  await expect(page.locator("#m [part~=done]")).toBeHidden();
  // ...and polling is back to every 2 s.
  await page.clock.runFor(2_500);
  await expect.poll(() => requests(page, s)).toBe(4);
  expect(w.warnings).toEqual([]);
  w.assertClean();
});

test("after completion a poll longer than 5 minutes stays as it is", async ({ page }) => {
  const w = watch(page);
  const s = session();
  await page.clock.install();
  await blank(page, `<momentum-progress id="m" src="/api/flaky?session=${s}&fault=complete" poll="8m"></momentum-progress>`);
  await expect(page.locator("#m [part~=done]")).toBeVisible();
  await page.clock.runFor(8 * MIN - 5_000);
  expect(await requests(page, s)).toBe(1);
  await page.clock.runFor(8_000);
  await expect.poll(() => requests(page, s)).toBe(2);
  w.assertClean();
});

test("204 No Content keeps the state, like 304: no error, no notice", async ({ page }) => {
  const w = watch(page);
  const s = session();
  await blank(page, widget(`/api/flaky?session=${s}&fault=204`));
  await expect(page.locator("#m li[part~=step]")).toHaveCount(2);
  await expect.poll(() => requests(page, s), { timeout: 8000 }).toBeGreaterThanOrEqual(2);
  expect(await refresh(page)).toEqual({ sequence: undefined });
  expect(await errors(page)).toEqual([]);
  await expect(notice(page)).toBeHidden();
  await expect(page.locator("#m [part~=label]")).toHaveText(["Upload received", "Processing"]);
  expect(w.warnings).toEqual([]);
  w.assertClean();
});
