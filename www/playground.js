// The playground: a form drives one <momentum-progress>, and a snippet that
// reproduces it is written out as text. Everything a visitor types is set as
// text or as an attribute value, never parsed as HTML.

const $ = (id) => document.getElementById(id);

/** Example steps for each variant ("Use the example steps"). */
const EXAMPLES = {
  stepper: {
    steps: [
      { id: "cart", label: "Cart", status: "complete", href: "#cart" },
      { id: "shipping", label: "Shipping", status: "active", href: "#shipping", description: "Where should we send your order?" },
      { id: "payment", label: "Payment", href: "#payment" },
      { id: "review", label: "Review", href: "#review" },
    ],
  },
  checklist: {
    steps: [
      { id: "profile", label: "Set up your profile", status: "complete", estimate: "2m", description: "Add your name, photo and time zone.", href: "#profile" },
      { id: "connect", label: "Connect your data", status: "active", estimate: "5m", description: "Link a spreadsheet, a database or one of 40 apps.", href: "#connect" },
      { id: "invite", label: "Invite your team", estimate: "1m", optional: true, description: "Bring colleagues in now or later.", href: "#invite" },
      { id: "dashboard", label: "Build your first dashboard", estimate: "10m", requires: "connect", description: "Start from a template, with your own numbers in it.", href: "#dashboard" },
      { id: "alerts", label: "Set up an alert", estimate: "3m", requires: "connect dashboard", description: "Hear when a number crosses a line you choose.", href: "#alerts" },
    ],
  },
  timeline: {
    steps: [
      { id: "placed", label: "Order placed", status: "complete" },
      { id: "paid", label: "Payment confirmed", status: "complete" },
      { id: "packed", label: "Packed", status: "active", estimate: "4h" },
      { id: "shipped", label: "Shipped", estimate: "1d" },
      { id: "delivered", label: "Delivered", estimate: "2d" },
    ],
  },
  tiers: {
    value: 640,
    unit: "points",
    steps: [
      { id: "member", label: "Member", threshold: "0" },
      { id: "silver", label: "Silver", threshold: "250" },
      { id: "gold", label: "Gold", threshold: "500" },
      { id: "vip", label: "VIP", threshold: "1000" },
      { id: "ambassador", label: "Ambassador", threshold: "2500" },
    ],
  },
};

const STATUSES = ["pending", "active", "complete", "skipped", "blocked", "error"];
/** Columns of the steps table, in order: field, heading (for labels), input type. */
const COLUMNS = [
  ["id", "id", "text"],
  ["label", "Label", "text"],
  ["status", "Status", "select"],
  ["threshold", "Threshold", "text"],
  ["requires", "Requires", "text"],
  ["estimate", "Estimate", "text"],
  ["optional", "Optional", "checkbox"],
  ["description", "Description", "text"],
  ["href", "Link", "text"],
];
const EVENTS = [
  "momentum-ready", "momentum-change", "momentum-step-complete", "momentum-celebrate",
  "momentum-stalled", "momentum-error", "momentum-step-select",
];
/** The card backgrounds of demo.css, for the contrast readout. */
const LIGHT_CARD = "#ffffff";
const DARK_CARD = "#171a21";

const frame = $("frame");
const rows = $("rows");
const table = $("steps");
const session = Math.random().toString(36).slice(2, 8);
let rounds = 0;
let nextKey = 1;
let preview = null;

/** The steps being edited; `key` is the table row's identity, never shown. */
let steps = [];
/** Custom properties the visitor set (null: the widget's default). */
const colours = {};
for (const row of document.querySelectorAll(".color-row")) colours[row.dataset.prop] = null;

function blankStep(fields = {}) {
  return {
    key: nextKey++, id: "", label: "", status: "pending", estimate: "", optional: false,
    description: "", href: "", requires: "", threshold: "", ...fields,
  };
}

/** The widget settings chosen in the form. */
function settings() {
  const variant = $("variant").value;
  return {
    variant,
    orientation: $("orientation").value,
    interactive: $("interactive").checked,
    celebrate: $("celebrate").value,
    locale: $("locale").value,
    doneMessage: $("done-message").value.trim(),
    value: $("value").value.trim(),
    unit: $("unit").value.trim(),
    radius: $("radius").value,
    font: $("font").value,
    showRequires: variant === "checklist",
    showThreshold: variant === "tiers",
  };
}

/** The label a step is shown with: an empty one would make the step unusable. */
const labelOf = (step) => step.label.trim() || "Untitled step";

/** The widget's attributes, as [name, value] pairs; `""` is a boolean attribute. */
function widgetAttributes(s) {
  const a = [["variant", s.variant]];
  if (s.orientation !== "auto") a.push(["orientation", s.orientation]);
  if (s.interactive) a.push(["interactive", ""]);
  if (s.celebrate !== "subtle") a.push(["celebrate", s.celebrate]);
  if (s.locale) a.push(["locale", s.locale]);
  if (s.doneMessage) a.push(["done-message", s.doneMessage]);
  if (s.variant === "tiers") {
    if (s.value !== "" && Number.isFinite(Number(s.value))) a.push(["value", String(Number(s.value))]);
    if (s.unit) a.push(["unit", s.unit]);
  }
  return a;
}

/** A step's `li` attributes, as [name, value] pairs. */
function stepAttributes(step, s) {
  const a = [];
  const id = step.id.trim();
  if (id) a.push(["data-step", id]);
  if (step.status !== "pending") a.push(["data-status", step.status]);
  if (step.estimate.trim()) a.push(["data-estimate", step.estimate.trim()]);
  if (step.optional) a.push(["data-optional", ""]);
  if (step.description.trim()) a.push(["data-description", step.description.trim()]);
  if (step.href.trim()) a.push(["data-href", step.href.trim()]);
  if (s.showRequires && step.requires.trim()) a.push(["data-requires", step.requires.trim().split(/\s+/).join(" ")]);
  if (s.showThreshold && step.threshold.trim()) a.push(["data-threshold", step.threshold.trim()]);
  return a;
}

/** The state document the preview shows: the same steps as the snippet's markup. */
function stateDoc(s) {
  const doc = { version: 1, steps: [] };
  for (const step of steps) {
    const out = { label: labelOf(step), status: step.status };
    for (const [name, value] of stepAttributes(step, s)) {
      switch (name) {
        case "data-step": out.id = value; break;
        case "data-estimate": out.estimate = value; break;
        case "data-optional": out.optional = true; break;
        case "data-description": out.description = value; break;
        case "data-href": out.href = value; break;
        case "data-requires": out.requires = value.split(" "); break;
        case "data-threshold": {
          const n = Number(value);
          if (Number.isFinite(n)) out.threshold = n;
          break;
        }
      }
    }
    doc.steps.push(out);
  }
  // The tiers value also goes into the document, so the preview follows the
  // form whichever of attribute and document the widget reads.
  for (const [name, value] of widgetAttributes(s)) {
    if (name === "value") doc.value = Number(value);
    if (name === "unit") doc.unit = value;
  }
  return doc;
}

/** Custom properties, as [name, value] pairs. */
function customProperties(s) {
  const p = [];
  for (const [name, value] of Object.entries(colours)) if (value) p.push([name, value]);
  if (s.radius) p.push(["--momentum-radius", s.radius]);
  if (s.font) p.push(["--momentum-font", s.font]);
  return p;
}

// --- The snippet, built as text -------------------------------------------

const escapeText = (t) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (t) => escapeText(t).replace(/"/g, "&quot;");

/** `<tag a="…" b>`, wrapping attributes onto lines of their own when long. */
function openTag(tag, attrs, indent) {
  const parts = attrs.map(([n, v]) => (v === "" ? n : `${n}="${escapeAttr(v)}"`));
  const oneLine = `${indent}<${tag}${parts.map((p) => " " + p).join("")}>`;
  if (oneLine.length <= 100 || parts.length < 2) return oneLine;
  const pad = " ".repeat(indent.length + tag.length + 2);
  return `${indent}<${tag} ${parts[0]}\n${parts.slice(1).map((p) => pad + p).join("\n")}>`;
}

function snippetText(s) {
  const out = ['<link rel="stylesheet" href="/momentum/momentum.css">', '<script type="module" src="/momentum/momentum.js"></' + "script>", ""];
  const props = customProperties(s);
  if (props.length) {
    out.push("<style>", "  momentum-progress {");
    for (const [n, v] of props) out.push(`    ${n}: ${v};`);
    out.push("  }", "</style>", "");
  }
  out.push(openTag("momentum-progress", widgetAttributes(s), ""));
  out.push("  <ol>");
  for (const step of steps) {
    out.push(`${openTag("li", stepAttributes(step, s), "    ")}${escapeText(labelOf(step))}</li>`);
  }
  out.push("  </ol>", "</momentum-progress>");
  return out.join("\n") + "\n";
}

// --- The preview -----------------------------------------------------------

/** A fresh widget with its own storage key, so its celebrations can be seen again. */
function createPreview() {
  const el = document.createElement("momentum-progress");
  el.id = "preview";
  el.setAttribute("storage-key", `playground-${session}-${rounds++}`);
  if (preview) preview.replaceWith(el);
  else frame.replaceChildren(el);
  preview = el;
}

const ATTRS = ["variant", "orientation", "interactive", "celebrate", "locale", "done-message", "value", "unit"];
const PROPS = ["--momentum-accent", "--momentum-done", "--momentum-muted", "--momentum-error", "--momentum-radius", "--momentum-font"];

/** Brings the preview, the table's columns and the snippet in line with the form. */
function apply() {
  const s = settings();
  $("tier-settings").hidden = !s.showThreshold;
  table.classList.toggle("show-requires", s.showRequires);
  table.classList.toggle("show-threshold", s.showThreshold);
  $("example").textContent = `Use the example steps for “${s.variant}”`;

  const attrs = new Map(widgetAttributes(s));
  for (const name of ATTRS) {
    if (attrs.has(name)) {
      if (preview.getAttribute(name) !== attrs.get(name)) preview.setAttribute(name, attrs.get(name));
    } else if (preview.hasAttribute(name)) {
      preview.removeAttribute(name);
    }
  }
  const props = new Map(customProperties(s));
  for (const name of PROPS) {
    if (props.has(name)) preview.style.setProperty(name, props.get(name));
    else preview.style.removeProperty(name);
  }
  preview.state = stateDoc(s);
  $("snippet").textContent = snippetText(s);
}

// --- The steps table -------------------------------------------------------

function cell(step, [field, heading, type], index) {
  const td = document.createElement("td");
  td.className = field === "requires" || field === "threshold" ? `${field} col-${field}` : field;
  const name = `${heading} of step ${index + 1}`;
  let input;
  if (type === "select") {
    input = document.createElement("select");
    for (const status of STATUSES) {
      const option = document.createElement("option");
      option.value = status;
      option.textContent = status;
      input.append(option);
    }
    input.value = step.status;
  } else if (type === "checkbox") {
    input = document.createElement("input");
    input.type = "checkbox";
    input.checked = step.optional;
  } else {
    input = document.createElement("input");
    input.type = "text";
    input.value = step[field];
    input.spellcheck = field === "label" || field === "description";
    if (field === "threshold") input.inputMode = "decimal";
    if (field === "href") input.placeholder = "#anchor or URL";
  }
  input.dataset.field = field;
  input.setAttribute("aria-label", name);
  td.append(input);
  return td;
}

function renderRows() {
  const trs = steps.map((step, i) => {
    const tr = document.createElement("tr");
    tr.dataset.key = String(step.key);
    for (const column of COLUMNS) tr.append(cell(step, column, i));
    const td = document.createElement("td");
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "button small remove";
    remove.textContent = "Remove";
    remove.setAttribute("aria-label", `Remove step ${i + 1}`);
    remove.disabled = steps.length === 1;
    td.append(remove);
    tr.append(td);
    return tr;
  });
  rows.replaceChildren(...trs);
}

function stepOf(target) {
  const tr = target.closest("tr[data-key]");
  return tr ? steps.find((s) => String(s.key) === tr.dataset.key) : undefined;
}

function onEdit(e) {
  const field = e.target.dataset.field;
  const step = stepOf(e.target);
  if (!field || !step) return;
  step[field] = field === "optional" ? e.target.checked : e.target.value;
  apply();
}
rows.addEventListener("input", onEdit);
rows.addEventListener("change", onEdit);

rows.addEventListener("click", (e) => {
  const button = e.target.closest("button.remove");
  if (!button || steps.length === 1) return;
  const index = steps.indexOf(stepOf(button));
  if (index < 0) return;
  steps.splice(index, 1);
  renderRows();
  apply();
  const next = rows.querySelectorAll("button.remove")[Math.min(index, steps.length - 1)];
  (next && !next.disabled ? next : $("add")).focus();
});

/** An id not used yet: step-N. */
function freshId() {
  const used = new Set(steps.map((s) => s.id.trim()));
  let n = steps.length + 1;
  while (used.has(`step-${n}`)) n++;
  return `step-${n}`;
}

$("add").addEventListener("click", () => {
  steps.push(blankStep({ id: freshId(), label: "New step" }));
  renderRows();
  apply();
  const labels = rows.querySelectorAll("input[data-field=label]");
  labels[labels.length - 1].select();
});

function loadExample(variant) {
  const example = EXAMPLES[variant];
  steps = example.steps.map((fields) => blankStep(fields));
  if (example.value !== undefined) $("value").value = String(example.value);
  if (example.unit !== undefined) $("unit").value = example.unit;
  renderRows();
}

$("example").addEventListener("click", () => {
  loadExample($("variant").value);
  apply();
});

// --- Settings, colours, preview controls -----------------------------------

const controls = $("controls");
controls.addEventListener("submit", (e) => e.preventDefault());
controls.addEventListener("input", apply);
controls.addEventListener("change", apply);

/** WCAG contrast ratio of two #rrggbb colours. */
function contrast(a, b) {
  const lum = (hex) => {
    const [r, g, b2] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b2;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

function showContrast(row) {
  const input = row.querySelector("input[type=color]");
  const out = row.querySelector(".contrast");
  const value = colours[row.dataset.prop];
  if (!value) {
    out.textContent = "default";
    out.classList.remove("low");
    return;
  }
  const light = contrast(value, LIGHT_CARD);
  const dark = contrast(value, DARK_CARD);
  const low = light < 4.5 || dark < 4.5;
  out.textContent = `${light.toFixed(1)}:1 light · ${dark.toFixed(1)}:1 dark${low ? " · low" : ""}`;
  out.classList.toggle("low", low);
  input.title = low ? "Below 4.5:1 on one of the backgrounds" : "";
}

for (const row of document.querySelectorAll(".color-row")) {
  const input = row.querySelector("input[type=color]");
  input.addEventListener("input", () => {
    colours[row.dataset.prop] = input.value;
    showContrast(row);
  });
  row.querySelector(".reset").addEventListener("click", () => {
    colours[row.dataset.prop] = null;
    input.value = row.dataset.default;
    showContrast(row);
    apply();
  });
}

for (const radio of document.querySelectorAll("input[name=width]")) {
  radio.addEventListener("change", () => frame.classList.toggle("narrow", radio.value === "narrow" && radio.checked));
}

$("replay").addEventListener("click", () => {
  createPreview();
  apply();
});

const lastEvent = $("last-event");
for (const name of EVENTS) {
  frame.addEventListener(name, (e) => {
    lastEvent.textContent = `${name} ${JSON.stringify(e.detail)}`;
  });
}

// --- Copy ------------------------------------------------------------------

const copyStatus = $("copy-status");
$("copy").addEventListener("click", async () => {
  const code = $("snippet");
  try {
    await navigator.clipboard.writeText(code.textContent);
    copyStatus.textContent = "Copied to the clipboard.";
    return;
  } catch {
    // No clipboard API (an insecure origin) or permission denied: select the text instead.
  }
  const selection = getSelection();
  const range = document.createRange();
  range.selectNodeContents(code);
  selection.removeAllRanges();
  selection.addRange(range);
  let copied = false;
  try { copied = document.execCommand("copy"); } catch { copied = false; }
  copyStatus.textContent = copied
    ? "Copied to the clipboard."
    : "The snippet is selected: press Ctrl+C (⌘C on a Mac) to copy it.";
});

// --- Start -----------------------------------------------------------------

loadExample("stepper");
// The page's own preview (the stepper example, written in the page) holds its
// place until it renders; then a fresh one, whose steps come only from the
// form, takes over in the same task, so nothing moves.
preview = $("preview");
if (preview) preview.addEventListener("momentum-ready", () => { createPreview(); apply(); }, { once: true });
else createPreview();
apply();
