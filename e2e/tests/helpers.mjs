// Shared helpers for page tests.
import { expect } from "@playwright/test";

/** Collects console messages and page errors; `assertClean()` fails on any error. */
export function watch(page) {
  const warnings = [];
  const errors = [];
  page.on("console", (msg) => {
    if (msg.type() === "warning") {
      // Recorded at once, in order; the element argument is looked up after.
      const entry = { text: msg.text(), element: undefined };
      warnings.push(entry);
      const second = msg.args()[1];
      if (second) second.evaluate((e) => (e && e.tagName) || null).then((t) => { entry.element = t; }, () => { entry.element = null; });
      else entry.element = null;
    }
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  return {
    warnings,
    errors,
    assertClean() { expect(errors, "no console errors or page errors").toEqual([]); },
  };
}

/** A blank test page that loads momentum.js with one script tag, then `body`. */
export async function blank(page, body, { head = "", lang = "en" } = {}) {
  await page.route("**/__test__.html", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><link rel="icon" href="/favicon.svg">
        <script>window.__events = []; for (const n of ["momentum-ready","momentum-change","momentum-step-complete","momentum-error","momentum-stalled"]) document.addEventListener(n, e => window.__events.push({ type: n, detail: e.detail, target: e.target.tagName, id: e.target.id }));</script>
        ${head}<script type="module" src="/pkg/momentum.js"></script></head><body>${body}</body></html>`,
    }),
  );
  await page.goto("/__test__.html");
}

/** Text content of the shadow part `part` of the first widget matching `sel`. */
export async function partTexts(page, part, sel = "momentum-progress, [data-momentum]") {
  return page.evaluate(
    ([part, sel]) => {
      const host = [...document.querySelectorAll(sel)].find((e) => e.shadowRoot);
      return host ? [...host.shadowRoot.querySelectorAll(`[part~="${part}"]`)].map((e) => e.textContent) : null;
    },
    [part, sel],
  );
}

/** Events recorded by the blank page's listeners. */
export async function events(page, type) {
  const all = await page.evaluate(() => window.__events);
  return type ? all.filter((e) => e.type === type) : all;
}
