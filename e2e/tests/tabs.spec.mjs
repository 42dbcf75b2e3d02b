// One poller per URL per browser (rule 47): tabs of one origin, as pages of
// one Playwright browser context (they share storage, BroadcastChannel and
// Web Locks like the tabs of one browser profile), against the real server,
// which counts the requests it sees. Waits run on the context's clock (it
// drives every tab), paused between steps, each step no longer than the 2 s
// interval once a request is due.
//
// A hidden tab: headless Chromium keeps every page visible, and neither
// CDP's Emulation.setFocusEmulationEnabled nor Page.setWebLifecycleState
// changes document.visibilityState, so `hide()` overrides it in the page and
// fires visibilitychange, which is all the widget listens to.
import { test, expect } from "@playwright/test";

let n = 0;
const session = () => `x${Date.now().toString(36)}${(n++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const MIN = 60_000;

/** Opens `bodies.length` tabs in `context`, one after another, each a page
 *  that loads momentum.js and records every momentum-* event. With `inOrder`,
 *  each tab shows its first document before the next opens, so the first tab
 *  is the one that took the lead (the page's load event does not wait for the
 *  wasm or for net.js, which elect the leader). */
async function openTabs(context, bodies, { inOrder = false } = {}) {
  const html = new Map();
  await context.route("**/__tab__.html*", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="/favicon.svg">
        <script>window.__events = []; for (const n of ["ready","change","step-complete","celebrate","error","stalled"]) document.addEventListener("momentum-" + n, e => window.__events.push({ type: e.type, detail: e.detail, id: e.target.id }));</script>
        <script type="module" src="/pkg/momentum.js"></script></head><body>${html.get(new URL(route.request().url()).searchParams.get("tab"))}</body></html>`,
    }),
  );
  const pages = [];
  for (const [i, body] of bodies.entries()) {
    html.set(String(i), body);
    const page = await context.newPage();
    page.sent = 0;
    page.errors = [];
    page.done = 0;
    page.on("request", (r) => { if (r.url().includes("/api/")) page.sent++; });
    for (const ev of ["requestfinished", "requestfailed"]) page.on(ev, (r) => { if (r.url().includes("/api/")) page.done++; });
    page.on("pageerror", (e) => page.errors.push(String(e)));
    page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") page.errors.push(m.text()); });
    await page.goto(`/__tab__.html?tab=${i}`);
    if (inOrder) await expect.poll(() => rendered(page)).toBeGreaterThan(0);
    pages.push(page);
  }
  return pages;
}

const widgets = (count, src, attrs = `poll="2s"`) =>
  Array.from({ length: count }, (_, i) => `<momentum-progress id="w${i}" src="${src}" ${attrs}></momentum-progress>`).join("");
/** Requests the server saw for the session (every path). */
const requests = async (context, s) => (await (await context.request.get(`/api/requests?session=${s}`)).json()).count;
/** How many widgets of the page show steps. */
const rendered = (page) => page.evaluate(() => [...document.querySelectorAll("momentum-progress")].filter((w) => w.shadowRoot?.querySelector("li")).length);
/** Each widget's state.sequence. */
const sequences = (page) => page.evaluate(() => [...document.querySelectorAll("momentum-progress")].map((w) => w.state?.sequence ?? null));
const tabEvents = (page, type) => page.evaluate((type) => window.__events.filter((e) => e.type === type), type);
function setVisibility(page, state) {
  return page.evaluate((state) => {
    Object.defineProperty(document, "visibilityState", { value: state, configurable: true });
    Object.defineProperty(document, "hidden", { value: state === "hidden", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  }, state);
}
const hide = (page) => setVisibility(page, "hidden");
const show = (page) => setVisibility(page, "visible");
/** The tabs that sent requests since `before` (an array of earlier `sent` counts). */
const senders = (pages, before) => pages.flatMap((p, i) => (p.sent > before[i] ? [i] : []));
/** Advances the clock once every tab has its answers in hand: a poll is
 *  scheduled when its answer is read, so an answer still on its way when the
 *  clock moves would be scheduled an interval late (on a busy machine). */
async function tick(context, pages, ms) {
  await expect.poll(() => pages.every((p) => p.isClosed() || p.done === p.sent)).toBe(true);
  for (const p of pages) if (!p.isClosed()) await p.evaluate(() => Promise.resolve());
  await context.clock.runFor(ms);
}
/** Fake time for every tab, standing still between the test's runFor() calls. */
async function freeze(context) {
  await context.clock.install();
  await context.clock.pauseAt(Date.now() + 1_000);
}
const clean = (pages) => { for (const p of pages) expect(p.errors, "no console errors or warnings").toEqual([]); };

test("3 tabs × 10 widgets on one URL: one request per interval across the tabs", async ({ context }) => {
  const s = session();
  await freeze(context);
  const tabs = await openTabs(context, [0, 1, 2].map(() => widgets(10, `/api/static?session=${s}`)));
  for (const t of tabs) await expect.poll(() => rendered(t)).toBe(10);
  // The tabs that joined later got the document from the first, without a request.
  expect(await requests(context, s)).toBe(1);
  for (let i = 1; i <= 10; i++) {
    await tick(context, tabs, 2_000);
    await expect.poll(() => requests(context, s)).toBe(1 + i);
  }
  // One tab did all the asking (before, each tab polled: 3 per interval).
  expect(tabs.map((t) => t.sent).sort()).toEqual([0, 0, 11]);
  // Every tab fired its own events (momentum-ready in each of the 30 widgets).
  for (const t of tabs) expect(await tabEvents(t, "momentum-ready")).toHaveLength(10);
  clean(tabs);
});

test("the polling tab hands over when it closes or is hidden; a tab that becomes visible takes over", async ({ context }) => {
  const s = session();
  await freeze(context);
  // /api/flaky answers sequence = the request's number: every tab must show each one.
  const tabs = await openTabs(context, [0, 1, 2].map(() => widgets(2, `/api/flaky?session=${s}`)));
  for (const t of tabs) await expect.poll(() => rendered(t)).toBe(2);
  const step = async (expected) => {
    const before = tabs.map((t) => t.sent);
    await tick(context, tabs, 2_000);
    await expect.poll(() => requests(context, s)).toBe(expected);
    return senders(tabs, before);
  };
  expect(await step(2)).toHaveLength(1);
  const [leader] = await step(3);
  const others = tabs.filter((_, i) => i !== leader);
  for (const t of others) await expect.poll(() => sequences(t)).toEqual([3, 3]);

  // Closing the polling tab: another one polls within one interval, alone.
  await tabs[leader].close();
  tabs[leader].sent = Infinity;
  const [next] = await step(4);
  expect(next).not.toBe(leader);
  expect(await step(5)).toEqual([next]);
  for (const t of others) await expect.poll(() => sequences(t)).toEqual([5, 5]);

  // Hiding it: the last visible tab takes over; the hidden one sends nothing.
  const last = tabs.findIndex((t, i) => i !== leader && i !== next);
  await hide(tabs[next]);
  expect(await step(6)).toEqual([last]);
  expect(await step(7)).toEqual([last]);

  // Every tab hidden: nothing at all, for ten minutes.
  await hide(tabs[last]);
  for (let i = 0; i < 5; i++) await context.clock.runFor(2 * MIN);
  await tabs[last].waitForTimeout(300);
  expect(await requests(context, s)).toBe(7);

  // One becomes visible: it asks at once (the last request is long past).
  const before = tabs.map((t) => t.sent);
  await show(tabs[next]);
  await expect.poll(() => requests(context, s)).toBe(8);
  expect(senders(tabs, before)).toEqual([next]);
  // The hidden tab still follows what the visible one fetched.
  await expect.poll(() => sequences(tabs[last])).toEqual([8, 8]);
  clean(others);
});

test("the leader polls at the shortest interval any tab asks for", async ({ context }) => {
  const s = session();
  await freeze(context);
  const [slow, fast] = await openTabs(context, [widgets(1, `/api/static?session=${s}`, `poll="20s"`), widgets(1, `/api/static?session=${s}`, `poll="2s"`)], { inOrder: true });
  await expect.poll(() => rendered(fast)).toBe(1);
  expect(await requests(context, s)).toBe(1);
  // The first tab polls, at the second tab's 2 s.
  for (let i = 1; i <= 3; i++) {
    await tick(context, [slow, fast], 2_000);
    await expect.poll(() => requests(context, s)).toBe(1 + i);
  }
  expect([slow.sent, fast.sent]).toEqual([4, 0]);
  // Once the second tab is hidden, its 2 s no longer counts: 20 s again.
  await hide(fast);
  await slow.waitForTimeout(200);
  await context.clock.runFor(16_000);
  await slow.waitForTimeout(300);
  expect(await requests(context, s)).toBe(4);
  await context.clock.runFor(5_000);
  await expect.poll(() => requests(context, s)).toBe(5);
  clean([slow, fast]);
});

test("refresh() in a tab that does not poll fetches at once, resolves, and every tab gets the answer", async ({ context }) => {
  const s = session();
  await freeze(context);
  const tabs = await openTabs(context, [0, 1].map(() => widgets(1, `/api/flaky?session=${s}`)));
  for (const t of tabs) await expect.poll(() => rendered(t)).toBe(1);
  const follower = tabs.find((t) => t.sent === 0);
  const leader = tabs.find((t) => t !== follower);
  const doc = await follower.evaluate(() => document.getElementById("w0").refresh().then((d) => d.sequence));
  expect(doc).toBe(2);
  expect(follower.sent).toBe(1);
  await expect.poll(() => sequences(leader)).toEqual([2]);
  // The leader's interval starts again from that request.
  await context.clock.runFor(1_500);
  await leader.waitForTimeout(300);
  expect(await requests(context, s)).toBe(2);
  await context.clock.runFor(700);
  await expect.poll(() => requests(context, s)).toBe(3);
  expect(leader.sent).toBe(2);
  clean(tabs);
});

test("Cache-Control: max-age holds every tab back, also after a hand-over", async ({ context }) => {
  const s = session();
  await freeze(context);
  const tabs = await openTabs(context, [0, 1, 2].map(() => widgets(3, `/api/flaky?session=${s}&fault=maxage&wait=20`)));
  for (const t of tabs) await expect.poll(() => rendered(t)).toBe(3);
  expect(await requests(context, s)).toBe(1);
  await context.clock.runFor(10_000);
  // The tab that asked closes; the next one still waits for the rest of the 20 s.
  const leader = tabs.findIndex((t) => t.sent > 0);
  await tabs[leader].close();
  await context.clock.runFor(8_000);
  await tabs[(leader + 1) % 3].waitForTimeout(300);
  expect(await requests(context, s)).toBe(1);
  await context.clock.runFor(3_000);
  await expect.poll(() => requests(context, s)).toBe(2);
  clean(tabs.filter((_, i) => i !== leader));
});

test("401 stops polling in every tab, and refresh() in any tab resumes it for all", async ({ context }) => {
  const s = session();
  await freeze(context);
  const tabs = await openTabs(context, [0, 1, 2].map(() => widgets(1, `/api/flaky?session=${s}&fault=401&times=1`)));
  for (const t of tabs) await expect.poll(() => tabEvents(t, "momentum-error")).toHaveLength(1);
  for (const t of tabs) {
    const [err] = await tabEvents(t, "momentum-error");
    expect(err.detail.status).toBe(401);
    expect(err.detail.retryInMs).toBeNull();
  }
  await context.clock.runFor(10 * MIN);
  expect(await requests(context, s)).toBe(1);
  const asker = tabs.find((t) => t.sent === 0);
  expect(await asker.evaluate(() => document.getElementById("w0").refresh().then((d) => d.sequence))).toBe(2);
  for (const t of tabs) await expect.poll(() => sequences(t)).toEqual([2]);
  await context.clock.runFor(2_500);
  await expect.poll(() => requests(context, s)).toBe(3);
});

test("live=sse: one EventSource for 3 tabs, and another tab opens it when that one closes", async ({ context }) => {
  test.setTimeout(45_000);
  const s = session();
  const src = `/api/onboarding/stream?session=${s}&step=3`;
  const tabs = await openTabs(context, [0, 1, 2].map(() => widgets(2, src, `live="sse"`)));
  const status = (page, i) => page.locator("#w1 li[part~=step]").nth(i);
  for (const t of tabs) await expect(status(t, 0)).toHaveAttribute("data-status", "complete", { timeout: 10_000 });
  expect(await requests(context, s)).toBe(1);
  const leader = tabs.findIndex((t) => t.sent > 0);
  await tabs[leader].close();
  const others = tabs.filter((_, i) => i !== leader);
  // One of the tabs left opens one new stream, and the journey goes on in both.
  await expect.poll(() => requests(context, s)).toBe(2);
  for (const t of others) await expect(status(t, 4)).toHaveAttribute("data-status", "complete", { timeout: 20_000 });
  expect(await requests(context, s)).toBe(2);
  expect(others.map((t) => t.sent).sort()).toEqual([0, 1]);
  for (const t of others) expect((await tabEvents(t, "momentum-step-complete")).filter((e) => e.id === "w0").map((e) => e.detail.stepId).slice(0, 2)).toEqual(["goals", "connect"]);
  clean(others);
});

/** A scripted endpoint (routed in the test, counted there): stage 0 has one
 *  step of four done, stage 1 three (past the 0.5 milestone), stage 2 all. */
async function scripted(context) {
  const state = { stage: 0, requests: 0 };
  await context.route("**/scripted/progress*", (route) => {
    state.requests++;
    const done = [1, 3, 4][state.stage];
    route.fulfill({
      contentType: "application/json",
      body: JSON.stringify({
        version: 1, sequence: state.stage,
        steps: ["a", "b", "c", "d"].map((id, i) => ({ id, label: `Step ${id}`, status: i < done ? "complete" : "active" })),
      }),
    });
  });
  return state;
}

for (const blocked of [false, true]) {
  test(`each celebration fires once per storage key across 3 tabs${blocked ? ", also with storage blocked" : ""}`, async ({ context }) => {
    if (blocked) {
      await context.addInitScript(() => {
        Object.defineProperty(window, "localStorage", { get() { throw new DOMException("blocked", "SecurityError"); } });
      });
    }
    const state = await scripted(context);
    const tabs = await openTabs(context, [0, 1, 2].map(() => widgets(3, "/scripted/progress")));
    for (const t of tabs) await expect.poll(() => rendered(t)).toBe(3);
    for (const stage of [1, 2]) {
      state.stage = stage;
      for (const t of tabs) await expect.poll(() => sequences(t), { timeout: 6_000 }).toEqual([stage, stage, stage]);
    }
    const all = (await Promise.all(tabs.map((t) => tabEvents(t, "momentum-celebrate")))).flat();
    expect(all.map((e) => e.detail.reason).sort()).toEqual(["complete", "milestone"]);
    // Every tab fired its own events for what changed.
    for (const t of tabs) expect((await tabEvents(t, "momentum-change")).length).toBe(6);
  });
}

for (const missing of ["BroadcastChannel", "Web Locks"]) {
  test(`without ${missing} each tab polls on its own, as before`, async ({ context }) => {
    const s = session();
    await context.addInitScript((missing) => {
      if (missing === "BroadcastChannel") delete window.BroadcastChannel;
      else delete Navigator.prototype.locks;
    }, missing);
    await freeze(context);
    const tabs = await openTabs(context, [0, 1, 2].map(() => widgets(10, `/api/static?session=${s}`)));
    for (const t of tabs) await expect.poll(() => rendered(t)).toBe(10);
    expect(await requests(context, s)).toBe(3);
    for (let i = 1; i <= 3; i++) {
      await tick(context, tabs, 2_000);
      await expect.poll(() => requests(context, s)).toBe(3 + 3 * i);
    }
    // Still one poller per URL within each page.
    expect(tabs.map((t) => t.sent)).toEqual([4, 4, 4]);
    clean(tabs);
  });
}
