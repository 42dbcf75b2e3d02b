// Languages as separate files (issue 16): English is built in, every other
// language is pkg/lang/xx.json, fetched once per page when a widget's locale
// asks for it, under the host's `strings`; and the wasm's request starts as
// soon as momentum.js runs.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { watch, blank } from "./helpers.mjs";

test.use({ locale: "en-US" });

const LANGUAGES = ["fr", "de", "es", "it", "pt", "nl", "ja", "ar"];
const file = (lang) => JSON.parse(readFileSync(new URL(`../../i18n/${lang}.json`, import.meta.url), "utf8"));
const STEPS = `<ol><li data-step="a" data-status="complete">A</li><li data-step="b" data-status="active">B</li><li data-step="c">C</li></ol>`;
const shadow = (page, sel, id = "m") =>
  page.locator(`#${id}`).evaluate((host, sel) => [...(host.shadowRoot?.querySelectorAll(sel) ?? [])].map((e) => e.textContent), sel);
/** Counts the page's requests for language files, by file name. */
function languageRequests(page) {
  const seen = [];
  page.on("request", (r) => { const m = /\/lang\/([^/]+)\.json$/.exec(new URL(r.url()).pathname); if (m) seen.push(m[1]); });
  return seen;
}

for (const lang of LANGUAGES) {
  test(`${lang}: the widget speaks the language file's phrases`, async ({ page }) => {
    const w = watch(page);
    const { phrases, dir } = file(lang);
    await blank(page, `<momentum-progress id="m" locale="${lang}" orientation="horizontal" style="display: block; width: 900px">${STEPS}</momentum-progress>`);
    await expect.poll(() => shadow(page, ".state")).toEqual([phrases.complete, phrases.active, phrases.pending]);
    await expect(page.locator("#m [part~=bar]")).toHaveAttribute("aria-label", phrases.progressLabel);
    const r = await page.locator("#m").evaluate((host) => ({
      direction: getComputedStyle(host.shadowRoot.querySelector("[part~=root]")).direction,
      xs: [...host.shadowRoot.querySelectorAll("[part~=marker]")].map((m) => m.getBoundingClientRect().x),
      origin: getComputedStyle(host.shadowRoot.querySelector(".fill")).transformOrigin,
    }));
    // The page is left to right; an Arabic widget in it is right to left, end to end.
    expect(r.direction).toBe(dir);
    if (dir == "rtl") {
      expect(r.xs[0]).toBeGreaterThan(r.xs[1]);
      expect(r.xs[1]).toBeGreaterThan(r.xs[2]);
      expect(r.origin.startsWith("0px")).toBe(false);
    } else {
      expect(r.xs[0]).toBeLessThan(r.xs[1]);
    }
    w.assertClean();
    expect(w.warnings).toEqual([]);
  });
}

test("plural forms follow the number (Intl.PluralRules)", async ({ page }) => {
  await blank(page, `
    <momentum-progress id="one" locale="de-DE"><ol><li data-step="a" data-status="complete">A</li></ol></momentum-progress>
    <momentum-progress id="two" locale="de-DE"><ol><li data-step="a" data-status="complete">A</li><li data-step="b" data-status="complete">B</li></ol></momentum-progress>`);
  await expect(page.locator("#one [part~=done]")).toContainText("1 von 1 Schritt erledigt");
  await expect(page.locator("#two [part~=done]")).toContainText("2 von 2 Schritten erledigt");
});

test("an English page loads no language file; a language's file is fetched once for all its widgets", async ({ page }) => {
  const seen = languageRequests(page);
  await blank(page, `<momentum-progress id="m">${STEPS}</momentum-progress>
    <momentum-progress id="n" locale="en-GB">${STEPS}</momentum-progress>
    <ol id="o" data-momentum data-locale="xx-unknown"><li data-step="a">A</li></ol>`);
  await expect.poll(() => shadow(page, ".state", "n")).toEqual(["Done", "In progress", "Not started"]);
  await expect.poll(() => shadow(page, ".state")).toEqual(["Done", "In progress", "Not started"]);
  await page.evaluate(async () => {
    const { mount } = await import("/pkg/momentum.js");
    for (const id of ["d1", "d2", "d3"]) mount(document.body, { id, locale: "de-AT", state: { steps: [{ id: "a", label: "A", status: "complete" }] } });
  });
  for (const id of ["d1", "d2", "d3"]) await expect.poll(() => shadow(page, ".state", id)).toEqual(["Erledigt"]);
  expect(seen).toEqual(["de"]);
});

test("a missing language file: English, and one warning for the page", async ({ page }) => {
  const w = watch(page);
  await page.route("**/lang/fr.json", (r) => r.fulfill({ status: 404, body: "not here" }));
  await blank(page, `<momentum-progress id="m" locale="fr-FR">${STEPS}</momentum-progress>
    <momentum-progress id="n" locale="fr-CA">${STEPS}</momentum-progress>`);
  await expect.poll(() => w.warnings.filter((x) => x.text.includes("lang/fr.json")).length).toBe(1);
  for (const id of ["m", "n"]) await expect.poll(() => shadow(page, ".state", id)).toEqual(["Done", "In progress", "Not started"]);
  await expect(page.locator("#m [part~=summary]")).toContainText("1 of 3 complete");
  expect(w.warnings.map((x) => x.text)).toEqual([expect.stringMatching(/^Momentum: could not load .*\/lang\/fr\.json \(the server answered 404\); showing English\.$/)]);
  // Only the browser's own line about the 404.
  expect(w.errors.filter((e) => !e.startsWith("Failed to load resource"))).toEqual([]);
});

test("the host's strings win over the language file", async ({ page }) => {
  await blank(page, `<momentum-progress id="m" locale="de" strings='{"complete": "Fertig"}'>${STEPS}</momentum-progress>`);
  await expect.poll(() => shadow(page, ".state")).toEqual(["Fertig", "In Arbeit", "Nicht begonnen"]);
  await page.evaluate(() => { document.getElementById("m").strings = { active: "Läuft" }; });
  await expect.poll(() => shadow(page, ".state")).toEqual(["Fertig", "Läuft", "Nicht begonnen"]);
  await expect(page.locator("#m [part~=summary]")).toContainText("1 von 3 erledigt");
});

test("the wasm's request starts when momentum.js runs, before any widget is on the page", async ({ page }) => {
  const order = [];
  page.on("request", (r) => { if (/momentum_wasm_bg\.wasm$/.test(r.url())) order.push("wasm request"); });
  await page.exposeFunction("__mark", (what) => order.push(what));
  // No widget until the test adds one, after the wasm was asked for.
  await blank(page, "");
  await expect.poll(() => order.includes("wasm request")).toBe(true);
  await page.evaluate(() => {
    document.addEventListener("momentum-ready", () => window.__mark("widget ready"), { once: true });
    window.__mark("widget added");
    document.body.insertAdjacentHTML("beforeend", `<momentum-progress id="m"><ol><li data-step="a">A</li></ol></momentum-progress>`);
  });
  await expect(page.locator("#m [part~=step]")).toHaveCount(1);
  expect(order.slice(0, 2)).toEqual(["wasm request", "widget added"]);
});
