// js/custom-elements.json (shipped as pkg/custom-elements.json) against what the
// element really exposes. Each list must match both ways: a name the code has and
// the manifest lacks fails, and so does a name the manifest has and the code lacks.
// When a feature lands, its attributes, parts, properties or events go into the
// manifest in the same change.
import { test, expect } from "@playwright/test";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../global-setup.mjs";
import { watch, blank } from "./helpers.mjs";

const manifest = JSON.parse(readFileSync(join(ROOT, "js", "custom-elements.json"), "utf8"));
const module = manifest.modules.find((m) => m.path === "momentum.js");
const element = module.declarations.find((d) => d.customElement && d.tagName === "momentum-progress");
const dts = readFileSync(join(ROOT, "js", "momentum.d.ts"), "utf8");
const names = (list) => (list ?? []).map((x) => x.name).sort();
const sorted = (xs) => [...new Set(xs)].sort();

/** The string literals of a manifest type such as `"poll" | "sse" | "off"`, or null. */
function literals(typeText) {
  const parts = typeText.split("|").map((s) => s.trim());
  return parts.every((p) => /^"[^"]*"$/.test(p)) ? parts.map((p) => p.slice(1, -1)) : null;
}

/** Every `.rs` file under `dir`. */
function rustFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return rustFiles(path);
    return name.endsWith(".rs") ? [path] : [];
  });
}

/** A blank page with momentum.js loaded and the element defined. */
async function loaded(page, body = "") {
  await blank(page, body);
  await page.evaluate(() => customElements.whenDefined("momentum-progress"));
}

/** The body of `interface NAME { … }` or `type NAME = …;` in momentum.d.ts. */
function dtsBlock(start) {
  const from = dts.indexOf(start);
  expect(from, `momentum.d.ts has ${start}`).toBeGreaterThanOrEqual(0);
  const end = start.startsWith("export type") ? dts.indexOf(";", from) : dts.indexOf("\n}", from);
  return dts.slice(from + start.length, end);
}

test("the manifest declares <momentum-progress> and exactly the exports of momentum.js", async ({ page }) => {
  expect(manifest.schemaVersion).toBe("1.0.0");
  expect(element).toBeTruthy();
  expect(module.exports).toContainEqual({
    kind: "custom-element-definition", name: "momentum-progress",
    declaration: { name: element.name, module: "momentum.js" },
  });
  await loaded(page);
  const real = await page.evaluate(async () => Object.keys(await import("/pkg/momentum.js")).sort());
  expect(sorted(module.exports.filter((e) => e.kind === "js").map((e) => e.name))).toEqual(real);
  const declared = module.declarations.filter((d) => !d.customElement).map((d) => d.name);
  expect(sorted(declared)).toEqual(real);
});

test("attributes: the manifest, observedAttributes, ATTRIBUTES and the types name the same ones", async ({ page }) => {
  await loaded(page);
  const real = await page.evaluate(async () => {
    const { ATTRIBUTES } = await import("/pkg/momentum.js");
    return { observed: [...customElements.get("momentum-progress").observedAttributes].sort(), exported: [...ATTRIBUTES].sort() };
  });
  const listed = names(element.attributes);
  expect(listed).toEqual(real.observed);
  expect(listed).toEqual(real.exported);
  // momentum.d.ts: the MomentumAttribute union, and mount()'s options in camelCase plus `state`.
  const union = [...dtsBlock("export type MomentumAttribute =").matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  expect(sorted(union)).toEqual(listed);
  const options = [...dtsBlock("export interface MomentumOptions {").matchAll(/^\s*(\w+)\?:/gm)].map((m) => m[1]);
  const camel = (n) => n.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  expect(sorted(options)).toEqual(sorted([...listed.map(camel), "state"]));
});

test("attribute values: every value the manifest lists is accepted, and a bad value's warning names them all", async ({ page }) => {
  const w = watch(page);
  await loaded(page);
  const enums = element.attributes
    .map((a) => ({ name: a.name, values: a.type && literals(a.type.text) }))
    .filter((a) => a.values);
  expect(enums.map((a) => a.name)).toEqual(["live", "variant", "orientation", "celebrate"]);
  const render = (attrs) =>
    page.evaluate((attrs) => {
      const el = document.createElement("momentum-progress");
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      el.innerHTML = '<ol><li data-step="a">A</li></ol>';
      document.body.append(el);
    }, attrs);
  for (const { name, values } of enums) {
    for (const value of values) await render({ [name]: value });
  }
  await expect(page.locator("momentum-progress li[part~=step]")).toHaveCount(enums.flatMap((a) => a.values).length);
  expect(w.warnings.map((x) => x.text)).toEqual([]);
  for (const { name } of enums) await render({ [name]: "no-such-value" });
  await expect.poll(() => w.warnings.length).toBe(enums.length);
  expect(w.warnings.filter((x) => !x.text.includes("no-such-value")), "accepted values never warn").toEqual([]);
  for (const { name, values } of enums) {
    const warning = w.warnings.find((x) => x.text.includes(name) && x.text.includes("no-such-value"));
    expect(warning, `a warning about ${name}`).toBeTruthy();
    for (const value of values) expect(warning.text, `the ${name} warning names ${value}`).toContain(value);
  }
  w.assertClean();
});

test("properties and methods: the manifest lists exactly the element's API", async ({ page }) => {
  await loaded(page);
  const real = await page.evaluate(() => {
    const lifecycle = new Set(["constructor", "connectedCallback", "disconnectedCallback", "adoptedCallback",
      "attributeChangedCallback", "connectedMoveCallback", "formAssociatedCallback", "formResetCallback",
      "formDisabledCallback", "formStateRestoreCallback"]);
    const proto = customElements.get("momentum-progress").prototype;
    return Object.getOwnPropertyNames(proto).filter((n) => !lifecycle.has(n)).sort().map((n) => {
      const d = Object.getOwnPropertyDescriptor(proto, n);
      return typeof d.value === "function"
        ? { name: n, kind: "method" }
        : { name: n, kind: "field", readonly: !d.set && !d.writable };
    });
  });
  const listed = [...element.members]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((m) => (m.kind === "method" ? { name: m.name, kind: "method" } : { name: m.name, kind: "field", readonly: !!m.readonly }));
  expect(listed).toEqual(real);
});

test("events: the manifest lists exactly the events the widget dispatches, and the types cover them", () => {
  // The JS shell dispatches every event from one place (Widget.dispatch in js/widget.js); the
  // core names them (crates/wasm/src/lib.rs, crates/core/src/wire/encode.rs). A second way to dispatch would escape this test: fail then.
  const shell = readFileSync(join(ROOT, "js/widget.js"), "utf8");
  const constructions = [...shell.matchAll(/new CustomEvent\(/g)];
  expect(constructions.length, "one place creates the widget's events (update this test if that changes)").toBe(1);
  const sources = [shell, ...["crates/wasm/src/lib.rs", "crates/core/src/wire/encode.rs"].map((f) => readFileSync(join(ROOT, f), "utf8"))];
  const dispatched = sorted([...new Set(sources.flatMap((s) => [...s.matchAll(/"(momentum-[a-z][a-z-]*)"/g)].map((m) => m[1])))]
    .filter((n) => n !== "momentum-progress"));
  expect(dispatched.length).toBeGreaterThan(0);
  expect(names(element.events)).toEqual(dispatched);
  const typed = [...dtsBlock("export interface MomentumEventMap {").matchAll(/^\s*"(momentum-[a-z-]+)":/gm)].map((m) => m[1]);
  for (const e of element.events) {
    expect(typed, `momentum.d.ts types ${e.name}`).toContain(e.name);
    expect(e.type.text).toMatch(/^CustomEvent<\w+>$/);
    expect(dts).toContain(`"${e.name}": ${e.type.text};`);
  }
});

test("phrases: the types' MomentumPhraseKey names exactly the phrase keys of the core", () => {
  const table = readFileSync(join(ROOT, "crates", "core", "src", "i18n.rs"), "utf8");
  const keys = [...table.matchAll(/^\s*[A-Z]\w* "(\w+)" =>/gm)].map((m) => m[1]);
  expect(keys.length).toBeGreaterThan(0);
  const typed = [...dtsBlock("export type MomentumPhraseKey =").matchAll(/"(\w+)"/g)].map((m) => m[1]);
  expect(sorted(typed)).toEqual(sorted(keys));
});

/** Widgets with every feature that creates parts: each variant, in progress and complete. */
async function renderEverything(page) {
  const variants = literals(element.attributes.find((a) => a.name === "variant").type.text);
  const steps = (done) => [
    { id: "goals", label: "Tell us your goals", status: "complete", estimate: "2m", description: "Why you are here", href: "#goals", threshold: 0 },
    { id: "connect", label: "Connect your data", status: done ? "complete" : "active", estimate: "5m", startedAt: "2026-01-01T10:00:00Z", threshold: 100 },
    { id: "verify", label: "Verify", status: done ? "complete" : "blocked", reason: "Waiting for documents", threshold: 200 },
    { id: "import", label: "Import", status: done ? "skipped" : "error", reason: "The file was empty", threshold: 300 },
    { id: "invite", label: "Invite your team", status: done ? "complete" : "pending", optional: true, requires: ["connect"], eta: "2030-01-01T10:00:00Z", threshold: 400 },
  ];
  await page.evaluate(({ variants, docs }) => {
    for (const variant of variants) {
      for (const [i, doc] of docs.entries()) {
        const el = document.createElement("momentum-progress");
        el.id = `${variant}-${i}`;
        el.setAttribute("variant", variant);
        el.setAttribute("interactive", "");
        el.setAttribute("stall-after", "1h");
        // The design checks' box (rule 46) in one widget of each variant.
        if (i === 0) el.setAttribute("lint", "");
        el.state = doc;
        document.body.append(el);
      }
    }
    // Those stall at once: one that is not shows the remaining time and when it was updated
    // (parts made only when shown).
    const el = document.createElement("momentum-progress");
    el.state = { updatedAt: new Date().toISOString(), steps: [{ id: "a", label: "A", status: "active", estimate: "5m" }] };
    document.body.append(el);
  }, {
    variants,
    docs: [false, true].map((done) => ({
      title: "Set up your workspace", message: "We're reviewing your documents",
      updatedAt: "2026-01-01T10:00:00Z", nextUpdateBy: "2026-01-02T10:00:00Z", value: 250, unit: "points",
      steps: steps(done),
    })),
  });
  await expect(page.locator("momentum-progress li[part~=step]")).toHaveCount(variants.length * 2 * 5 + 1);
}

test("CSS parts: the manifest lists exactly the parts a rendered widget has", async ({ page }) => {
  await loaded(page);
  await renderEverything(page);
  const real = await page.evaluate(() =>
    [...new Set([...document.querySelectorAll("momentum-progress")].flatMap((host) =>
      [...host.shadowRoot.querySelectorAll("[part]")].flatMap((e) => e.getAttribute("part").split(/\s+/).filter(Boolean))))].sort());
  expect(names(element.cssParts)).toEqual(real);
});

test("CSS custom properties: the manifest lists exactly the --momentum-* hooks of the stylesheet, with their defaults", async ({ page }) => {
  await loaded(page);
  await renderEverything(page);
  const { css, internal } = await page.evaluate(() => {
    const hosts = [...document.querySelectorAll("momentum-progress")];
    const sheets = new Set(hosts.flatMap((h) => [...h.shadowRoot.adoptedStyleSheets]));
    const css = [...sheets].flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join("\n");
    // Properties the widget writes on its own inner elements are its internals, not hooks.
    const internal = new Set();
    for (const h of hosts) for (const e of h.shadowRoot.querySelectorAll("[style]")) {
      for (const p of e.style) if (p.startsWith("--momentum-")) internal.add(p);
    }
    return { css, internal: [...internal] };
  });
  const hooks = sorted([...css.matchAll(/--momentum-[a-z0-9-]+/g)].map((m) => m[0])).filter((p) => !internal.includes(p));
  expect(names(element.cssProperties)).toEqual(hooks);
  // The default is the fallback of the first var(--momentum-x, fallback): the light scheme's.
  for (const p of element.cssProperties) {
    const at = css.indexOf(`var(${p.name},`);
    expect(at, `${p.name} is read with a fallback`).toBeGreaterThanOrEqual(0);
    let depth = 0;
    let end = at + 4;
    for (; end < css.length; end++) {
      if (css[end] === "(") depth++;
      else if (css[end] === ")" && depth-- === 0) break;
    }
    expect(p.default, `default of ${p.name}`).toBe(css.slice(at + `var(${p.name},`.length, end).trim());
  }
});
