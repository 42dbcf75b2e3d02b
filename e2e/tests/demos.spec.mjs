// The variant demo pages (checkout, onboarding, tracking, loyalty), against the
// real server. Assertions hold whatever a variant looks like: steps, labels,
// attributes and the shared navigation. Variant-specific rendering is checked
// elsewhere; the playground in playground.spec.mjs.
import { test, expect } from "@playwright/test";
import { watch, partTexts } from "./helpers.mjs";

const NAV = [
  ["/index.html", "Overview"], ["/checkout.html", "Checkout"], ["/onboarding.html", "Onboarding"],
  ["/tracking.html", "Tracking"], ["/loyalty.html", "Loyalty"], ["/journey.html", "Journey"],
  ["/playground.html", "Playground"],
];

/** `el.state` of the first element matching `sel` (null until it is a widget). */
function stateOf(page, sel) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const s = el && el.shadowRoot && el.state;
    return s && Array.isArray(s.steps) ? s : null;
  }, sel);
}

/** `el.state` once the widget has one. */
async function readyState(page, sel) {
  await expect.poll(() => stateOf(page, sel)).not.toBeNull();
  return stateOf(page, sel);
}

async function stepLabels(page, sel) {
  return (await readyState(page, sel)).steps.map((s) => s.label);
}

/** Loads a demo page: one momentum.js script tag, the shared nav, then returns the watcher. */
async function open(page, path) {
  const w = watch(page);
  await page.goto(path);
  const scripts = await page.$$eval("script[src*='momentum']", (s) => s.map((e) => e.getAttribute("src")));
  expect(scripts).toEqual(["/pkg/momentum.js"]);
  const nav = page.locator(".topbar nav.demo-nav a");
  await expect(nav).toHaveText(NAV.map(([, name]) => name));
  expect(await nav.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual(NAV.map(([href]) => href));
  await expect(page.locator(".topbar nav a[aria-current=page]")).toHaveAttribute("href", path.split("?")[0]);
  return w;
}

const PAGES = [
  {
    path: "/checkout.html", sel: "#checkout-steps", widget: "momentum-progress",
    labels: ["Cart", "Shipping", "Payment", "Review"],
  },
  {
    path: "/onboarding.html", sel: "#setup", widget: "#setup",
    labels: ["Set up your profile", "Tell us your goals", "Connect your data", "Invite your team",
      "Build your first dashboard", "Set up an alert"],
  },
  {
    path: "/tracking.html", sel: "#order", widget: "#order",
    labels: ["Order placed", "Payment confirmed", "Packed", "Shipped", "Out for delivery", "Delivered"],
  },
  {
    path: "/loyalty.html", sel: "#rewards", widget: "#rewards",
    labels: ["Member", "Silver", "Gold", "VIP", "Ambassador"],
  },
];

for (const { path, sel, widget, labels } of PAGES) {
  test(`${path} loads with one script tag and shows its ${labels.length} steps`, async ({ page }) => {
    const w = await open(page, path);
    await expect(page.locator(widget)).toHaveCount(1);
    expect(await stepLabels(page, widget)).toEqual(labels);
    // Every label is rendered in the shadow tree, whichever variant draws it.
    await expect.poll(() => partTexts(page, "label", widget)).toEqual(expect.arrayContaining(labels));
    if (sel !== widget) await expect(page.locator(sel)).toBeHidden();
    w.assertClean();
    expect(w.warnings).toEqual([]);
  });
}

test("the checkout is configured only with data attributes on the list", async ({ page }) => {
  const w = await open(page, "/checkout.html");
  const widget = page.locator("momentum-progress");
  await expect(widget).toHaveAttribute("variant", "stepper");
  await expect(widget).toHaveAttribute("orientation", "auto");
  const state = await readyState(page, "momentum-progress");
  expect(state.steps.map((s) => [s.id, s.status, s.href])).toEqual([
    ["cart", "complete", "#cart"], ["shipping", "active", "#shipping"],
    ["payment", "pending", "#payment"], ["review", "pending", "#review"],
  ]);
  w.assertClean();
});

test("the onboarding checklist is interactive, with an optional step and prerequisites", async ({ page }) => {
  const w = await open(page, "/onboarding.html");
  const widget = page.locator("#setup");
  await expect(widget).toHaveAttribute("variant", "checklist");
  await expect(widget).toHaveAttribute("interactive", "");
  await expect(widget).toHaveAttribute("storage-key", "northwind-onboarding-v1");
  const { steps } = await readyState(page, "#setup");
  expect(steps.filter((s) => s.optional).map((s) => s.id)).toEqual(["invite"]);
  expect(steps.find((s) => s.id === "dashboard").requires).toEqual(["connect"]);
  for (const s of steps) {
    expect(s.description, s.id).toBeTruthy();
    expect(s.estimate, s.id).toBeGreaterThan(0);
    // Every link goes to a guide on the same page.
    expect(await page.locator(s.href).count(), s.href).toBe(1);
  }
  w.assertClean();
});

test("the tracking page follows its own order session and dates the return", async ({ page }) => {
  const orders = [];
  page.on("request", (r) => { if (r.url().includes("/api/order")) orders.push(new URL(r.url())); });
  const w = await open(page, "/tracking.html");
  const widget = page.locator("#order");
  await expect(widget).toHaveAttribute("variant", "timeline");
  await expect(widget).toHaveAttribute("src", /^\/api\/order\?session=[a-z0-9]+&step=20$/);
  // The server's document arrived: its title and status line are in the state.
  await expect.poll(async () => (await stateOf(page, "#order"))?.title).toBe("Order #MO-1042");
  expect((await stateOf(page, "#order")).message).toBeTruthy();
  expect(orders[0].searchParams.get("step")).toBe("20");
  expect(orders[0].searchParams.get("session")).toMatch(/^[a-z0-9]+$/);
  // The static return: times written relative to now, a blocked step with its reason.
  const ret = await readyState(page, "#return");
  expect(ret.steps).toHaveLength(5);
  const received = ret.steps.find((s) => s.id === "received");
  expect(received.status).toBe("blocked");
  expect(received.reason).toContain("courier");
  expect(Date.parse(ret.steps.find((s) => s.id === "dropped").completedAt)).toBeLessThan(Date.now());
  expect(Date.parse(ret.steps.find((s) => s.id === "refund").eta)).toBeGreaterThan(Date.now());
  w.assertClean();
  expect(w.warnings).toEqual([]);
});

test("the loyalty page gives tiers with thresholds, and the value and unit", async ({ page }) => {
  const w = await open(page, "/loyalty.html");
  const widget = page.locator("#rewards");
  await expect(widget).toHaveAttribute("variant", "tiers");
  await expect(widget).toHaveAttribute("value", "640");
  await expect(widget).toHaveAttribute("unit", "points");
  const { steps } = await readyState(page, "#rewards");
  expect(steps.map((s) => s.threshold)).toEqual([0, 250, 500, 1000, 2500]);
  w.assertClean();
});

test("every page linked from the demo navigation exists", async ({ page, request }) => {
  await open(page, "/playground.html");
  for (const [href] of NAV) expect((await request.get(href)).status(), href).toBe(200);
});

// The playground has its own page tests: playground.spec.mjs.
