// The last line of defence (issue #6): no panic is reachable from page input,
// but if the wasm ever traps (a panic becomes a trap; here its memory runs
// out, forced by growing it to the limit from outside), the page gets one
// console line that says so, not a silent death, not an error thrown into
// the page and not a line per widget; widgets keep what they show.
import { test, expect } from "@playwright/test";
import { watch, blank } from "./helpers.mjs";

test("a trap in the wasm (its memory runs out) is reported once and stops the widgets where they are", async ({ page }) => {
  const log = watch(page);
  await blank(page, `<momentum-progress id="a"><ol><li>One</li><li>Two</li></ol></momentum-progress>`);
  await expect(page.locator("#a li[part~=step]")).toHaveCount(2);
  const filled = await page.evaluate(() => {
    const memory = globalThis[Symbol.for("momentum.memory")];
    // Take every page the wasm could still grow into, so its next large
    // allocation fails and the allocator's failure path panics.
    let step = 16384;
    while (step >= 1) {
      try { memory.grow(step); } catch { step >>= 1; }
    }
    return memory.buffer.byteLength;
  });
  expect(filled).toBeGreaterThan(1 << 30);
  await page.evaluate(() => {
    for (let i = 0; i < 3; i++) {
      const el = document.createElement("momentum-progress");
      el.innerHTML = `<ol>${Array.from({ length: 1000 }, (_, k) => `<li>${"step ".repeat(200)}${k}</li>`).join("")}</ol>`;
      try { document.body.append(el); } catch {}
    }
  });
  await page.waitForTimeout(500);
  expect(log.errors).toHaveLength(1);
  expect(log.errors[0]).toContain("Momentum: internal error; widgets on this page stop updating");
  await expect(page.locator("#a [part~=label]")).toHaveText(["One", "Two"]);
  // Stopped for good: a state set afterwards neither throws nor logs again.
  await page.evaluate(() => { document.getElementById("a").state = { steps: [{ id: "x", label: "X" }] }; });
  await page.waitForTimeout(200);
  expect(log.errors).toHaveLength(1);
  await expect(page.locator("#a [part~=label]")).toHaveText(["One", "Two"]);
});
