// The playground: one configuration (playground-state.js) drives previews of
// the widget at three widths, in light and dark, left to right and right to
// left; two snippets that reproduce it; the state document; and the link in
// the address bar. Everything a visitor types is set as text, as an attribute
// value, or (theme values, once checked by CSS.supports) as a declaration in a
// constructed stylesheet; never parsed as HTML.

import { THEMES, themeById, themeCss, contrastRatio } from "./themes.js";
import * as S from "./playground-state.js";

const $ = (id) => document.getElementById(id);
const make = (tag, props = {}, ...children) => {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k.startsWith("data-") || k.startsWith("aria-") || k === "for" || k === "role") el.setAttribute(k, v);
    else el[k] = v;
  }
  el.append(...children);
  return el;
};

const EVENTS = [
  "momentum-ready", "momentum-change", "momentum-step-complete", "momentum-celebrate",
  "momentum-stalled", "momentum-error", "momentum-step-select", "momentum-promise",
];
const VIEW_NAMES = {
  "light-ltr": "Light, left to right", "light-rtl": "Light, right to left",
  "dark-ltr": "Dark, left to right", "dark-rtl": "Dark, right to left",
};
const supports = typeof CSS !== "undefined" && CSS.supports ? (p, v) => CSS.supports(p, v) : null;

const stage = $("stage");
const viewport = $("viewport");
const stepList = $("steps");
const docArea = $("doc");

/** The configuration being edited. */
let model = S.defaultModel();
/**
 * The preview widgets, in page order: at first the page's own (the default
 * configuration, written in the page so that momentum.css holds their place
 * until they render), then the ones `buildStage` makes.
 */
let widgets = [...stage.querySelectorAll("momentum-progress")];
/** Whether the stage still holds the page's own previews. */
let pageStage = widgets.length > 0;

// --- Form <-> model -------------------------------------------------------------

/** The value a named control shows for the model. */
function modelValue(name) {
  const [group, key] = name.split(".");
  if (group === "theme" && key !== "preset") return model.theme[key] || S.presetValue(model.theme.preset, key);
  return model[group][key];
}

/** Puts the model into every named control of the page. */
function fillForm() {
  for (const el of document.querySelectorAll("[name]")) {
    if (!el.name.includes(".")) continue;
    if (el.name === "view.views") el.checked = model.view.views.includes(el.value);
    else if (el.type === "radio") el.checked = modelValue(el.name) === el.value;
    else if (el.type === "checkbox") el.checked = Boolean(modelValue(el.name));
    else el.value = modelValue(el.name) ?? "";
  }
  for (const [key] of S.THEME_FIELDS) checkThemeValue(key);
  $("theme-summary").textContent = themeById(model.theme.preset)?.summary
    ?? "The widget's own colours, which follow the page's light and dark scheme.";
  checkValue();
}

/** Reads one named control into the model; returns what needs doing. */
function readControl(el) {
  const [group, key] = el.name.split(".");
  if (group === "view") {
    if (key === "views") {
      const checked = new Set([...document.querySelectorAll("input[name='view.views']:checked")].map((i) => i.value));
      model.view.views = S.VIEWS.filter((v) => checked.has(v));
      return { rebuild: true };
    }
    model.view[key] = el.type === "checkbox" ? el.checked : el.value;
    return {};
  }
  if (group === "theme") {
    if (key === "preset") {
      model.theme = { preset: el.value, ...Object.fromEntries(S.THEME_FIELDS.map(([k]) => [k, ""])) };
      fillForm();
      return {};
    }
    const v = el.value.trim();
    model.theme[key] = v === S.presetValue(model.theme.preset, key) ? "" : v;
    checkThemeValue(key);
    return {};
  }
  model[group][key] = el.type === "checkbox" ? el.checked : el.value;
  if (group === "widget" && key === "value") checkValue();
  return {};
}

document.addEventListener("input", (e) => {
  const el = e.target;
  if (!(el instanceof HTMLElement) || !el.name || !el.name.includes(".") || el.closest("#steps")) return;
  apply(readControl(el));
});
$("editor").addEventListener("submit", (e) => e.preventDefault());

/** Shows or clears a control's problem (`aria-invalid`, and the text it is described by). */
function setProblem(input, problemEl, text) {
  if (text) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
  problemEl.textContent = text;
  problemEl.hidden = !text;
}

function checkValue() {
  const v = model.widget.value.trim();
  setProblem($("value"), $("value-problem"), v && !Number.isFinite(Number(v)) ? `“${v}” is not a number.` : "");
}

// --- Look: theme presets and values ---------------------------------------------

const THEME_LABELS = {
  accent: ["Accent", "the current step, links, tiers"],
  done: ["Done", "completed steps and the bar"],
  error: ["Error", "blocked and failed steps"],
  muted: ["Muted", "secondary text, pending markers"],
  surface: ["Surface", "inside the markers; the marks on done steps"],
  background: ["Background", "the widget's card (CSS background)"],
  text: ["Text", "the widget's text (CSS color)"],
  radius: ["Corners", "the bar's radius"],
  font: ["Font", "the font family"],
};
const COLOURS = new Set(["accent", "done", "error", "muted", "surface", "background", "text"]);

function buildThemeRows() {
  for (const t of THEMES) $("theme").append(make("option", { value: t.id, text: t.name }));
  const rows = S.THEME_FIELDS.map(([key]) => {
    const [label, what] = THEME_LABELS[key];
    const id = `theme-${key}`;
    const describedBy = [`${id}-what`, COLOURS.has(key) ? `${id}-ratio` : "", `${id}-problem`].filter(Boolean).join(" ");
    const input = make("input", {
      type: "text", id, name: `theme.${key}`, maxLength: 200, spellcheck: false, autocomplete: "off",
      placeholder: "default", "aria-describedby": describedBy,
    });
    const pick = COLOURS.has(key)
      ? make("input", { type: "color", id: `${id}-pick`, "aria-label": `Pick the ${label.toLowerCase()} colour` })
      : make("span", { class: "no-pick" });
    if (COLOURS.has(key)) {
      pick.addEventListener("input", () => {
        input.value = pick.value;
        apply(readControl(input));
      });
    }
    const reset = make("button", { type: "button", class: "button small", text: "Reset", "aria-label": `Reset ${label.toLowerCase()}` });
    reset.addEventListener("click", () => {
      model.theme[key] = "";
      input.value = S.presetValue(model.theme.preset, key);
      checkThemeValue(key);
      apply();
    });
    return make("div", { class: "theme-row", "data-key": key },
      make("label", { for: id, text: label }), input, pick, reset,
      make("p", { class: "what muted", id: `${id}-what`, text: what }),
      ...(COLOURS.has(key) ? [make("p", { class: "ratio muted", id: `${id}-ratio` })] : []),
      make("p", { class: "problem", id: `${id}-problem`, hidden: true }));
  });
  $("theme-rows").replaceChildren(...rows);
}

function checkThemeValue(key) {
  const input = $(`theme-${key}`);
  const v = input.value.trim();
  const kindOf = key === "radius" ? "a CSS length" : key === "font" ? "a CSS font family" : "a CSS colour";
  setProblem(input, $(`theme-${key}-problem`), v && !S.cssValueOk(key, v, supports) ? `“${v}” is not ${kindOf}; it is left out.` : "");
}

// One constructed stylesheet carries the theme to the previews and the probes
// (allowed under a strict style-src, unlike a <style> element).
const themeSheet = new CSSStyleSheet();
document.adoptedStyleSheets = [...document.adoptedStyleSheets, themeSheet];
let themeText = null;

function syncTheme() {
  const theme = S.resolveTheme(model.theme, supports);
  const css = theme ? themeCss(theme, { host: ".preview-stage momentum-progress", extra: [".theme-probe"], comment: false }) : "";
  if (css !== themeText) {
    themeText = css;
    themeSheet.replaceSync(css);
  }
  return theme ? themeCss(theme) : "";
}

// Colours as the browser resolves them (light-dark(), named colours, any
// colour space), read back as sRGB bytes through a 1×1 canvas.
const pixel = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
pixel.canvas.width = pixel.canvas.height = 1;
function rgba(css) {
  pixel.clearRect(0, 0, 1, 1);
  pixel.fillStyle = "#000";
  pixel.fillStyle = css;
  pixel.fillRect(0, 0, 1, 1);
  const d = pixel.getImageData(0, 0, 1, 1).data;
  return [d[0], d[1], d[2], d[3] / 255];
}
const over = ([r, g, b, a], [br, bg, bb]) => [r * a + br * (1 - a), g * a + bg * (1 - a), b * a + bb * (1 - a)];
const hex = (c) => "#" + c.slice(0, 3).map((x) => Math.round(x).toString(16).padStart(2, "0")).join("");

/** The probe's colours in one scheme: the widget's background and each colour over it. */
function probeColours(scheme) {
  const frame = document.querySelector(`.probe-frame[data-scheme="${scheme}"]`);
  const probe = frame.querySelector(".theme-probe");
  const frameBg = over(rgba(getComputedStyle(frame).backgroundColor), [255, 255, 255]);
  const bg = over(rgba(getComputedStyle(probe).backgroundColor), frameBg);
  const out = { bg };
  for (const span of probe.querySelectorAll("[data-probe]")) {
    out[span.dataset.probe] = over(rgba(getComputedStyle(span).color), bg);
  }
  return out;
}

function showContrast() {
  const schemes = { light: probeColours("light"), dark: probeColours("dark") };
  for (const key of COLOURS) {
    const out = $(`theme-${key}-ratio`);
    const pick = $(`theme-${key}-pick`);
    if (pick && document.activeElement !== pick) pick.value = hex(key === "background" ? schemes.light.bg : schemes.light[key]);
    if (key === "background") {
      out.textContent = `Text on it: ${ratioText(schemes, "text")}`;
      continue;
    }
    if (key === "surface") {
      const r = (s) => Math.min(contrastRatio(s.surface, s.done), contrastRatio(s.surface, s.accent));
      out.textContent = `Marks on done and current steps: ${r(schemes.light).toFixed(1)}:1 light · ${r(schemes.dark).toFixed(1)}:1 dark`;
      out.classList.toggle("low", r(schemes.light) < 4.5 || r(schemes.dark) < 4.5);
      continue;
    }
    out.textContent = ratioText(schemes, key);
    out.classList.toggle("low", out.textContent.includes("below"));
  }
}

function ratioText(schemes, key) {
  const l = contrastRatio(schemes.light[key], schemes.light.bg);
  const d = contrastRatio(schemes.dark[key], schemes.dark.bg);
  return `${l.toFixed(1)}:1 light · ${d.toFixed(1)}:1 dark${l < 4.5 || d < 4.5 ? " · below 4.5:1" : ""}`;
}

// --- Steps ---------------------------------------------------------------------

const STEP_INPUTS = [
  ["id", "id", "text"], ["label", "Label", "text", "wide"], ["status", "Status", "select"],
  ["estimate", "Estimate", "text"], ["optional", "Optional", "checkbox"], ["threshold", "Threshold", "text"],
  ["requires", "Requires", "text"], ["href", "Link", "text"], ["eta", "ETA", "text"],
  ["completedAt", "Completed at", "text"], ["description", "Description", "text", "wide"], ["reason", "Reason", "text", "wide"],
];

const legendText = (step, i) => `Step ${i + 1}: ${S.labelOf(step)}`;

function renderSteps() {
  stepList.classList.toggle("tiers", model.widget.variant === "tiers");
  const items = model.steps.map((step, i) => {
    const fields = STEP_INPUTS.map(([field, label, type, wide]) => {
      const id = `s${i}-${field}`;
      let input;
      if (type === "select") {
        input = make("select", { id });
        for (const s of S.STATUSES) input.append(make("option", { value: s, text: s }));
        input.value = step.status;
      } else if (type === "checkbox") {
        input = make("input", { type: "checkbox", id, checked: step.optional });
      } else {
        input = make("input", { type: "text", id, value: step[field], maxLength: 4096, autocomplete: "off" });
        input.spellcheck = field === "label" || field === "description" || field === "reason";
        if (field === "threshold") input.inputMode = "decimal";
        if (field === "href") input.placeholder = "#anchor or URL";
      }
      input.dataset.field = field;
      input.setAttribute("aria-describedby", `s${i}-problems`);
      const cls = `field f-${field}${type === "checkbox" ? " check" : ""}${wide ? " wide" : ""}`;
      return type === "checkbox"
        ? make("div", { class: cls }, make("label", { for: id }, input, ` ${label}`))
        : make("div", { class: cls }, make("label", { for: id, text: label }), input);
    });
    const button = (text, action, name, disabled) =>
      make("button", { type: "button", class: "button small", text, "data-action": action, "aria-label": name, disabled });
    const actions = make("div", { class: "row-actions" },
      button("Move up", "up", `Move up step ${i + 1}`, i === 0),
      button("Move down", "down", `Move down step ${i + 1}`, i === model.steps.length - 1),
      button("Remove", "remove", `Remove step ${i + 1}`, model.steps.length === 1));
    return make("li", { "data-index": String(i) },
      make("fieldset", {},
        make("legend", { text: legendText(step, i) }),
        make("div", { class: "step-fields" }, ...fields),
        make("p", { class: "problem", id: `s${i}-problems`, hidden: true }),
        actions));
  });
  stepList.replaceChildren(...items);
  checkSteps();
}

/** Problems a designer can fix in the row itself: ids, prerequisites, numbers, times. */
function checkSteps() {
  const ids = model.steps.map((s) => s.id.trim());
  model.steps.forEach((step, i) => {
    const li = stepList.children[i];
    if (!li) return;
    const bad = {};
    const id = ids[i];
    if (!id) bad.id = "Give the step an id.";
    else if (ids.indexOf(id) !== i) bad.id = `The id “${id}” is also used by step ${ids.indexOf(id) + 1}.`;
    const req = step.requires.trim().split(/\s+/).filter(Boolean);
    const unknown = req.filter((r) => !ids.includes(r));
    if (req.includes(id) && id) bad.requires = "A step cannot require itself.";
    else if (unknown.length) bad.requires = `Requires ${unknown.map((u) => `“${u}”`).join(", ")}: no step has that id.`;
    const th = step.threshold.trim();
    if (model.widget.variant === "tiers" && th && !Number.isFinite(Number(th))) bad.threshold = `Threshold “${th}” is not a number.`;
    for (const [field, name] of [["eta", "ETA"], ["completedAt", "Completed at"]]) {
      const v = step[field].trim();
      if (v && Number.isNaN(Date.parse(v))) bad[field] = `${name} “${v}” is not an ISO 8601 time, such as 2026-11-25T17:00:00Z.`;
    }
    for (const input of li.querySelectorAll("[data-field]")) {
      if (bad[input.dataset.field]) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
    const p = li.querySelector(".problem");
    p.textContent = Object.values(bad).join(" ");
    p.hidden = !p.textContent;
  });
}

const rowIndex = (el) => Number(el.closest("li[data-index]")?.dataset.index ?? -1);

stepList.addEventListener("input", (e) => {
  const field = e.target.dataset.field;
  const i = rowIndex(e.target);
  const step = model.steps[i];
  if (!field || !step) return;
  step[field] = field === "optional" ? e.target.checked : e.target.value;
  if (field === "label") e.target.closest("fieldset").querySelector("legend").textContent = legendText(step, i);
  checkSteps();
  apply();
});

const stepsStatus = $("steps-status");
function say(region, text) {
  // Cleared first, so the same words are announced again.
  region.textContent = "";
  setTimeout(() => { region.textContent = text; }, 60);
}

stepList.addEventListener("click", (e) => {
  const button = e.target.closest("button[data-action]");
  if (!button) return;
  const i = rowIndex(button);
  const action = button.dataset.action;
  if (i < 0 || i >= model.steps.length) return;
  if (action === "remove") {
    if (model.steps.length === 1) return;
    const [gone] = model.steps.splice(i, 1);
    renderSteps();
    apply();
    say(stepsStatus, `Removed “${S.labelOf(gone)}”. ${model.steps.length} steps.`);
    const next = stepList.querySelectorAll("button[data-action=remove]")[Math.min(i, model.steps.length - 1)];
    (next && !next.disabled ? next : $("add")).focus();
    return;
  }
  const j = action === "up" ? i - 1 : i + 1;
  if (j < 0 || j >= model.steps.length) return;
  [model.steps[i], model.steps[j]] = [model.steps[j], model.steps[i]];
  renderSteps();
  apply();
  say(stepsStatus, `Moved “${S.labelOf(model.steps[j])}” to position ${j + 1} of ${model.steps.length}.`);
  // Keep focus on the same button of the moved row, or its other move button at an end.
  const row = stepList.children[j];
  const same = row.querySelector(`button[data-action=${action}]`);
  (same.disabled ? row.querySelector(`button[data-action=${action === "up" ? "down" : "up"}]`) : same).focus();
});

function freshId() {
  const used = new Set(model.steps.map((s) => s.id.trim()));
  let n = model.steps.length + 1;
  while (used.has(`step-${n}`)) n++;
  return `step-${n}`;
}

$("add").addEventListener("click", () => {
  if (model.steps.length >= S.MAX_STEPS) return;
  model.steps.push(S.blankStep({ id: freshId(), label: "New step" }));
  renderSteps();
  apply();
  const input = $(`s${model.steps.length - 1}-label`);
  input.focus();
  input.select();
  say(stepsStatus, `Added step ${model.steps.length}.`);
});

$("example").addEventListener("click", () => {
  const variant = model.widget.variant;
  model.steps = S.exampleSteps(variant);
  const example = S.EXAMPLES[variant];
  if (example.value !== undefined) model.widget.value = example.value;
  if (example.unit !== undefined) model.widget.unit = example.unit;
  fillForm();
  renderSteps();
  apply();
  say(stepsStatus, `The example steps for ${variant}: ${model.steps.length} steps.`);
});

// --- The state document -----------------------------------------------------------

let docTimer = 0;
/** Whether the text area holds the visitor's own text, not the model's document. */
let docOwn = false;
/** Whether typed text waits to be checked. */
let docPending = false;

function showDocMessages(items) {
  $("doc-messages").replaceChildren(...items.map(([cls, text]) => make("li", { class: cls, text })));
}

docArea.addEventListener("input", () => {
  docOwn = true;
  docPending = true;
  clearTimeout(docTimer);
  docTimer = setTimeout(() => {
    docPending = false;
    applyDoc();
  }, 250);
});
docArea.addEventListener("blur", (e) => {
  if (docPending) {
    clearTimeout(docTimer);
    docPending = false;
    applyDoc();
    // Applying redraws the steps: keep focus where the visitor was going.
    const next = e.relatedTarget && e.relatedTarget.id ? $(e.relatedTarget.id) : null;
    if (next && next !== e.relatedTarget) next.focus();
  }
  // A valid document is shown again as the previews have it.
  if (docOwn && docArea.getAttribute("aria-invalid") !== "true") {
    docOwn = false;
    writeDoc();
  }
});

function applyDoc() {
  const result = S.parseDocument(docArea.value);
  if (result.errors) {
    docArea.setAttribute("aria-invalid", "true");
    showDocMessages([...result.errors.map((t) => ["error", `Not applied. ${t}`]), ...(result.notes ?? []).map((t) => ["note", t])]);
    return;
  }
  docArea.removeAttribute("aria-invalid");
  model.steps = result.steps;
  model.doc = result.doc;
  if (result.value !== "" || model.widget.variant === "tiers") model.widget.value = result.value;
  if (result.unit !== "" || model.widget.variant === "tiers") model.widget.unit = result.unit;
  showDocMessages([["ok", `Applied: ${result.steps.length} ${result.steps.length === 1 ? "step" : "steps"}.`], ...result.notes.map((t) => ["note", t])]);
  fillForm();
  renderSteps();
  apply({ fromDoc: true });
}

function writeDoc(doc = S.stateDoc(model)) {
  if (docOwn && document.activeElement === docArea) return;
  docOwn = false;
  const text = JSON.stringify(doc, null, 2);
  if (docArea.value !== text) docArea.value = text;
  if (docArea.getAttribute("aria-invalid") === "true") {
    docArea.removeAttribute("aria-invalid");
    showDocMessages([]);
  }
}

// --- Previews -----------------------------------------------------------------

/** Builds the rows of frames for the chosen views, each with a fresh widget. */
function buildStage() {
  pageStage = false;
  widgets = [];
  const rows = [];
  for (const view of model.view.views) {
    const [scheme, dir] = view.split("-");
    const heading = make("h3", { id: `row-${view}`, text: VIEW_NAMES[view] });
    const frames = S.SIZES.map((size) => {
      const widget = document.createElement("momentum-progress");
      widgets.push(widget);
      const box = make("div", { class: "frame-box", dir, "data-scheme": scheme, "data-size": String(size), "data-view": view }, widget);
      return make("figure", { class: "frame" }, make("figcaption", { text: `${size} px` }), box);
    });
    rows.push(make("section", { class: "preview-row", "aria-labelledby": heading.id }, heading, make("div", { class: "frames" }, ...frames)));
  }
  if (!rows.length) rows.push(make("p", { class: "empty-stage muted", text: "Choose at least one preview under Show." }));
  stage.replaceChildren(...rows);
}

const WIDGET_ATTRS = S.WIDGET_FIELDS.map(([, name]) => name);

function syncWidget(el, attrs, doc) {
  for (const name of WIDGET_ATTRS) {
    if (attrs.has(name)) {
      if (el.getAttribute(name) !== attrs.get(name)) el.setAttribute(name, attrs.get(name));
    } else if (el.hasAttribute(name)) el.removeAttribute(name);
  }
  // The design checks (rule 46) show inside the widget wherever it supports them.
  el.toggleAttribute("lint", model.view.lint);
  el.state = doc;
}

for (const name of EVENTS) {
  stage.addEventListener(name, (e) => {
    if (e.target === widgets[0]) $("last-event").textContent = `${name} ${JSON.stringify(e.detail)}`;
  });
}

// The page's previews merge their lists with every state they are given, so
// once they have rendered (the wasm has arrived), fresh ones whose steps come
// only from the form take their place, before the next frame: nothing moves.
stage.addEventListener("momentum-ready", () => {
  if (pageStage) queueMicrotask(() => { if (pageStage) apply({ rebuild: true }); });
});

// Where CSS can divide lengths and size a box to a fraction of its content
// (typed arithmetic, calc-size()), playground.css fits the stage from the
// first paint, before this script has run; elsewhere fit() does it.
const cssFits = Boolean(supports && supports("scale", "min(1, 100cqw / 2573px)") && supports("height", "calc-size(auto, size * .5)"));

/** "Fit": scales the stage so every frame is seen at once; the frames keep their real widths. */
function fit() {
  const actual = model.view.zoom === "actual";
  viewport.classList.toggle("actual", actual);
  if (actual || cssFits) {
    stage.style.removeProperty("transform");
    viewport.style.removeProperty("height");
    return;
  }
  const k = Math.min(1, viewport.clientWidth / Math.max(1, stage.scrollWidth));
  if (k < 1) stage.style.setProperty("transform", `scale(${k})`);
  else stage.style.removeProperty("transform");
  viewport.style.setProperty("height", `${Math.ceil(stage.offsetHeight * k)}px`);
}
let fitFrame = 0;
const refit = () => {
  cancelAnimationFrame(fitFrame);
  fitFrame = requestAnimationFrame(fit);
};
if (!cssFits) {
  new ResizeObserver(refit).observe(stage);
  new ResizeObserver(refit).observe(viewport);
}

$("replay").addEventListener("click", () => apply({ rebuild: true }));

// --- Apply: previews, snippets, document, link ---------------------------------

/** The views the stage shows (at first, those the page's own previews show). */
let builtViews = pageStage ? [...stage.querySelectorAll(".preview-row .frame-box[data-size]")]
  .map((box) => box.dataset.view).filter((v, i, all) => all.indexOf(v) === i).join() : null;

/** Brings the previews, snippets, document and link in line with the model. */
function apply({ rebuild = false, fromDoc = false } = {}) {
  const views = model.view.views.join();
  if (rebuild || views !== builtViews) {
    builtViews = views;
    buildStage();
  }
  const tiers = model.widget.variant === "tiers";
  $("tier-settings").hidden = !tiers;
  stepList.classList.toggle("tiers", tiers);
  $("example").textContent = `Use the example steps for “${model.widget.variant}”`;

  const css = syncTheme();
  const attrs = new Map(S.widgetAttributes(model));
  const doc = S.stateDoc(model);
  const lang = model.widget.locale || "en";
  for (const box of stage.querySelectorAll(".frame-box")) if (box.lang !== lang) box.lang = lang;
  for (const el of widgets) syncWidget(el, attrs, doc);

  $("snippet-element").textContent = S.elementSnippet(model, css);
  $("snippet-list").textContent = S.listSnippet(model, css);
  if (!fromDoc) writeDoc(doc);
  showContrast();
  refit();
  scheduleLink();
}

// --- The link ------------------------------------------------------------------

let linkTimer = 0;
let linkSeq = 0;
/** The hash (without #) the address bar holds for the current model. */
let currentHash = "";

function scheduleLink() {
  clearTimeout(linkTimer);
  linkTimer = setTimeout(writeLink, 150);
}

async function writeLink() {
  clearTimeout(linkTimer);
  const seq = ++linkSeq;
  const hash = await S.encodeModel(model);
  if (seq !== linkSeq) return;
  if (hash !== currentHash || location.hash.slice(1) !== hash) {
    currentHash = hash;
    history.replaceState(history.state, "", `#${hash}`);
  }
  $("share-link").value = location.href;
}

function showNotice(text) {
  $("link-notice").textContent = text;
  $("link-notice").hidden = !text;
}

async function restore(hash) {
  const result = await S.decodeModel(hash);
  if (!result.model) {
    showNotice(`${result.error} The playground shows the example instead.`);
    return false;
  }
  showNotice("");
  model = result.model;
  currentHash = hash;
  docOwn = false;
  fillForm();
  renderSteps();
  apply({ rebuild: true });
  return true;
}

addEventListener("hashchange", async () => {
  const hash = location.hash.slice(1);
  if (hash === currentHash) return;
  if (S.isConfigHash(hash)) {
    await restore(hash);
    return;
  }
  // A link inside a preview (such as #cart) moved the hash: keep the configuration's.
  if (currentHash) history.replaceState(history.state, "", `#${currentHash}`);
});

// --- Copy ----------------------------------------------------------------------

const COPY_WHAT = { "snippet-element": "the element form", "snippet-list": "the list form", "share-link": "the link" };
const copyStatus = $("copy-status");

for (const button of document.querySelectorAll("button[data-copy]")) {
  button.addEventListener("click", async () => {
    const id = button.dataset.copy;
    const what = COPY_WHAT[id];
    if (id === "share-link") await writeLink();
    const source = $(id);
    const text = source instanceof HTMLInputElement ? source.value : source.textContent;
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(text);
      say(copyStatus, `Copied ${what} to the clipboard.`);
      return;
    } catch {
      // No Clipboard API (an insecure origin) or no permission: select the text instead.
    }
    if (source instanceof HTMLInputElement) {
      source.focus();
      source.select();
    } else {
      const range = document.createRange();
      range.selectNodeContents(source);
      const selection = getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
    let copied = false;
    try { copied = document.execCommand("copy"); } catch { copied = false; }
    say(copyStatus, copied ? `Copied ${what} to the clipboard.` : `Selected ${what}: press Ctrl+C (⌘C on a Mac) to copy it.`);
  });
}

// --- Start -----------------------------------------------------------------------

for (const [tag, name] of S.LANGUAGES) $("locale").append(make("option", { value: tag, lang: tag, text: `${name} (${tag})` }));
buildThemeRows();

const initial = location.hash.slice(1);
if (!(initial && S.isConfigHash(initial) && (await restore(initial)))) {
  fillForm();
  renderSteps();
  // The page's previews stay until they have rendered (taken over at once if they already have).
  apply({ rebuild: !pageStage || widgets.some((w) => w.shadowRoot) });
}
