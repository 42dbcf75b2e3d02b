// The examples of www/examples/, loaded from the real server: plain HTML, React,
// React 19 (also with momentum.js loaded late), Vue 3 and the analytics recipe of docs/embedding.md. The React and Vue
// ones are bundled by esbuild in global-setup.mjs (development builds, so misuse
// shows up as console warnings, which fail the test).
import { test, expect } from "@playwright/test";
import { watch } from "./helpers.mjs";

const EXAMPLES = [
  { page: "plain.html", name: "plain HTML" },
  { page: "react.html", name: "React (ref + addEventListener)" },
  { page: "react19.html", name: "React 19 (props and on<event> straight to the element)" },
  { page: "react19-late.html", name: "React 19 with momentum.js imported in useEffect (state from a ref, before the upgrade)" },
  { page: "vue.html", name: "Vue 3" },
];

for (const { page: file, name } of EXAMPLES) {
  test(`${name}: the widget renders and its events reach the app`, async ({ page }) => {
    const w = watch(page);
    await page.goto(`/examples/${file}`);
    const widget = page.locator("momentum-progress");
    await expect(widget).toHaveCount(1);
    await expect(widget.locator("li[part~=step]")).toHaveCount(3);
    await expect(widget.locator("li[part~=step] [part~=label]")).toHaveText([
      "Tell us your goals", "Connect your data", "Invite your team",
    ]);
    await expect(widget.locator("[part~=summary]")).toContainText("1 of 3 complete");
    // The state went in as a property, never as an attribute ("[object Object]").
    expect(await widget.getAttribute("state")).toBeNull();
    await expect(page.locator("#change")).toHaveText("none yet");

    await page.getByRole("button", { name: "Finish “Connect your data”" }).click();
    await expect(widget.locator("[part~=summary]")).toContainText("2 of 3 complete");
    await expect(widget.locator("li[part~=step]").nth(1)).toHaveAttribute("data-status", "complete");
    // The app's own code received momentum-change and momentum-step-complete.
    await expect(page.locator("#change")).toHaveText("2 of 3 complete");
    await expect(page.locator("#completed")).toHaveText("Connect your data");

    w.assertClean();
    expect(w.warnings).toEqual([]);
  });
}

test("analytics recipe: step-complete, change and error reach the endpoint as JSON beacons", async ({ page }) => {
  const w = watch(page);
  const beacons = [];
  await page.route("**/analytics/momentum", async (route) => {
    const req = route.request();
    beacons.push({ kind: req.resourceType(), method: req.method(), contentType: req.headers()["content-type"], body: req.postDataJSON() });
    await route.fulfill({ status: 204 });
  });
  await page.goto("/examples/analytics.html");
  await expect(page.locator("#onboarding li[part~=step]")).toHaveCount(3);
  await expect(page.locator("#checkout").locator("xpath=preceding-sibling::momentum-progress[1]").locator("li[part~=step]")).toHaveCount(3);
  expect(beacons).toEqual([]);

  await page.getByRole("button", { name: "Finish “Connect your data”" }).click();
  await expect.poll(() => beacons.map((b) => b.body.event).sort()).toEqual(["momentum-change", "momentum-step-complete"]);
  for (const b of beacons) {
    expect(b.kind, "sent with navigator.sendBeacon").toBe("ping");
    expect(b.method).toBe("POST");
    expect(b.contentType).toBe("application/json");
    expect(b.body).toMatchObject({ journey: "onboarding", page: "/examples/analytics.html" });
    expect(Date.parse(b.body.at)).not.toBeNaN();
  }
  const step = beacons.find((b) => b.body.event === "momentum-step-complete").body;
  // durationMs = completedAt − startedAt: 4 minutes.
  expect(step).toMatchObject({ stepId: "connect", label: "Connect your data", index: 1, durationMs: 240_000 });
  const change = beacons.find((b) => b.body.event === "momentum-change").body;
  expect(change).toMatchObject({ completed: 2, total: 3, activeStep: "invite" });

  await page.getByRole("button", { name: "Send a bad document" }).click();
  await expect.poll(() => beacons.length).toBe(3);
  expect(beacons[2].body).toMatchObject({ event: "momentum-error", journey: "onboarding", retryInMs: null });
  expect(beacons[2].body.message).toBeTruthy();
  // The rejected document is also a console warning; the last good state stays.
  await expect(page.locator("#onboarding [part~=summary]")).toContainText("2 of 3 complete");
  await expect.poll(() => w.warnings.length).toBe(1);

  // The list form: its events name the journey by the list's id.
  await page.getByRole("button", { name: "Pay" }).click();
  await expect.poll(() => beacons.length).toBe(5);
  expect(beacons.slice(3).map((b) => [b.body.event, b.body.journey]).sort()).toEqual([
    ["momentum-change", "checkout"], ["momentum-step-complete", "checkout"],
  ]);
  w.assertClean();
});
