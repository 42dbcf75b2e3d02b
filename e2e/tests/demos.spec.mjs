// The variant demo pages (checkout, onboarding, tracking, loyalty) and the
// playground, against the real server. Assertions hold whatever a variant looks
// like: steps, labels, attributes, the shared navigation and the playground's
// snippet. Variant-specific rendering is checked elsewhere.
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
  // The server's document arrived (only it has a sequence): its title and
  // status line are in the state, as the page wrote them at first.
  await expect.poll(async () => (await stateOf(page, "#order"))?.sequence).toBeGreaterThanOrEqual(0);
  expect((await stateOf(page, "#order")).title).toBe("Order #MO-1042");
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

// --- The playground ----------------------------------------------------------

/** Re-parses the snippet's HTML in the page; returns the new widget's state and attributes. */
async function reparseSnippet(page) {
  // The snippet's /momentum/ is where a host copies pkg/ to.
  await page.route("**/momentum/**", (route) => route.continue({ url: route.request().url().replace("/momentum/", "/pkg/") }));
  await page.evaluate(() => {
    document.getElementById("reparsed")?.remove();
    const box = document.createElement("div");
    box.id = "reparsed";
    // Test only: the snippet is parsed as HTML to check it reproduces the widget
    // (a <script> inserted this way does not run).
    box.innerHTML = document.getElementById("snippet").textContent;
    document.body.append(box);
  });
  await expect.poll(() => stateOf(page, "#reparsed momentum-progress")).not.toBeNull();
  return page.evaluate(() => {
    const el = document.querySelector("#reparsed momentum-progress");
    const attrs = Object.fromEntries([...el.attributes].map((a) => [a.name, a.value]));
    const css = getComputedStyle(el);
    return {
      attrs, steps: el.state.steps,
      accent: css.getPropertyValue("--momentum-accent").trim(),
      scripts: el.parentElement.querySelectorAll("script").length,
    };
  });
}

const row = (page, n) => page.locator("#rows tr").nth(n);

test("the playground updates the widget and the snippet as the form changes", async ({ page }) => {
  const w = await open(page, "/playground.html");
  const preview = page.locator("#preview");
  await expect.poll(() => stateOf(page, "#preview")).not.toBeNull();
  expect(await stepLabels(page, "#preview")).toEqual(["Cart", "Shipping", "Payment", "Review"]);
  const snippet = page.locator("#snippet");
  await expect(snippet).toContainText('<link rel="stylesheet" href="/momentum/momentum.css">\n<script type="module" src="/momentum/momentum.js"></script>');
  await expect(snippet).toContainText('<momentum-progress variant="stepper">');

  // The variant: the widget's attribute, the shadow root's data-variant, the snippet.
  await page.selectOption("#variant", "checklist");
  await expect(preview).toHaveAttribute("variant", "checklist");
  await expect(preview.locator("[part~=root]")).toHaveAttribute("data-variant", "checklist");
  await expect(snippet).toContainText('<momentum-progress variant="checklist">');
  await page.check("#interactive");
  await expect(preview).toHaveAttribute("interactive", "");
  await expect(snippet).toContainText('<momentum-progress variant="checklist" interactive>');

  // A step's label, with characters that must stay text: shown as typed, escaped in the snippet.
  const label = 'Ship <img src=x onerror="window.__pwned=1"> & go';
  await row(page, 1).locator("input[data-field=label]").fill(label);
  await expect.poll(() => partTexts(page, "label", "#preview")).toContain(label);
  await expect(snippet).toContainText('>Ship &lt;img src=x onerror="window.__pwned=1"&gt; &amp; go</li>');
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(await page.locator("img").count()).toBe(0);

  // A step's status.
  await row(page, 2).locator("select[data-field=status]").selectOption("complete");
  await expect.poll(async () => (await stateOf(page, "#preview")).steps[2].status).toBe("complete");
  await expect(preview.locator("[part~=summary]")).toContainText("2 of 4 complete");
  await expect(snippet).toContainText('<li data-step="payment" data-status="complete" data-href="#payment">Payment</li>');

  // Done message and locale become attributes.
  await page.fill("#done-message", 'All "set"');
  await expect(preview).toHaveAttribute("done-message", 'All "set"');
  await expect(snippet).toContainText('done-message="All &quot;set&quot;"');

  // The snippet, parsed as HTML, reproduces the same widget.
  const copy = await reparseSnippet(page);
  const original = await stateOf(page, "#preview");
  expect(copy.steps).toEqual(original.steps);
  expect(copy.attrs).toEqual({ variant: "checklist", interactive: "", "done-message": 'All "set"' });
  expect(copy.scripts).toBe(1);
  w.assertClean();
});

test("playground: adding and removing steps, colours, and the tiers variant", async ({ page }) => {
  const w = await open(page, "/playground.html");
  await expect.poll(() => stateOf(page, "#preview")).not.toBeNull();
  const snippet = page.locator("#snippet");

  await page.click("#add");
  await expect(page.locator("#rows tr")).toHaveCount(5);
  await expect(row(page, 4).locator("input[data-field=label]")).toBeFocused();
  await page.keyboard.type("Gift wrap");
  await row(page, 4).locator("input[data-field=optional]").check();
  await row(page, 4).locator("input[data-field=estimate]").fill("1m");
  await expect.poll(() => stepLabels(page, "#preview")).toEqual(["Cart", "Shipping", "Payment", "Review", "Gift wrap"]);
  await expect(snippet).toContainText('<li data-step="step-5" data-estimate="1m" data-optional>Gift wrap</li>');

  await row(page, 0).getByRole("button", { name: "Remove step 1" }).click();
  await expect(page.locator("#rows tr")).toHaveCount(4);
  await expect.poll(() => stepLabels(page, "#preview")).toEqual(["Shipping", "Payment", "Review", "Gift wrap"]);
  await expect(snippet).not.toContainText("Cart");

  // A colour: set on the widget and in the snippet's <style>, with its contrast.
  await page.locator("#accent").fill("#7c3aed");
  await expect(snippet).toContainText("--momentum-accent: #7c3aed;");
  expect(await page.locator("#preview").evaluate((e) => e.style.getPropertyValue("--momentum-accent"))).toBe("#7c3aed");
  await expect(page.locator("#accent-contrast")).toContainText(":1 light");
  let copy = await reparseSnippet(page);
  expect(copy.accent).toBe("#7c3aed");
  expect(copy.steps).toEqual((await stateOf(page, "#preview")).steps);
  await page.locator(".color-row[data-prop='--momentum-accent'] .reset").click();
  await expect(snippet).not.toContainText("<style>");

  // Tiers: the example tiers, thresholds, value and unit.
  await page.selectOption("#variant", "tiers");
  await expect(page.locator("#value")).toBeVisible();
  await expect(page.locator("th.col-threshold")).toBeVisible();
  await page.click("#example");
  await expect.poll(() => stepLabels(page, "#preview")).toEqual(["Member", "Silver", "Gold", "VIP", "Ambassador"]);
  await expect(snippet).toContainText('<momentum-progress variant="tiers" value="640" unit="points">');
  await expect(snippet).toContainText('<li data-step="vip" data-threshold="1000">VIP</li>');
  copy = await reparseSnippet(page);
  expect(copy.steps).toEqual((await stateOf(page, "#preview")).steps);
  expect(copy.steps.map((s) => s.threshold)).toEqual([0, 250, 500, 1000, 2500]);
  // Other variants hide the tiers-only fields and leave them out of the snippet.
  await page.selectOption("#variant", "timeline");
  await expect(page.locator("#value")).toBeHidden();
  await expect(snippet).not.toContainText("data-threshold");
  w.assertClean();
});

test("playground: Copy uses the clipboard, or selects the snippet when there is none", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const w = await open(page, "/playground.html");
  await expect(page.locator("#snippet")).toContainText("momentum-progress");
  const text = await page.locator("#snippet").textContent();
  await page.click("#copy");
  await expect(page.locator("#copy-status")).toHaveText("Copied to the clipboard.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);

  // Without the clipboard API: the snippet is selected (and copied if the browser allows).
  await page.evaluate(() => Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true }));
  await page.evaluate(() => document.getElementById("copy-status").replaceChildren());
  await page.click("#copy");
  await expect(page.locator("#copy-status")).not.toBeEmpty();
  expect((await page.evaluate(() => getSelection().toString())).trimEnd()).toBe(text.trimEnd());
  w.assertClean();
});
