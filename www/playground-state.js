// The playground's configuration as plain data: what the form edits, what the
// previews show, what the snippets print and what the link in the address bar
// keeps. Nothing here touches the DOM, and nothing here throws on bad input:
// documents and links are checked and explained instead.

import { themeById } from "./themes.js";

/** The version of the link format (`#1.…`); a link of another version is refused with a message. */
export const FORMAT = 1;

export const VARIANTS = ["stepper", "checklist", "timeline", "tiers"];
export const ORIENTATIONS = ["auto", "horizontal", "vertical"];
export const CELEBRATIONS = ["subtle", "confetti", "none"];
export const LIVE_MODES = ["", "poll", "sse", "off"];
export const STATUSES = ["pending", "active", "complete", "skipped", "blocked", "error"];
/** Languages offered by the picker: [tag, name in that language]. */
export const LANGUAGES = [
  ["en", "English"], ["de", "Deutsch"], ["es", "Español"], ["fr", "Français"], ["it", "Italiano"],
  ["pt", "Português"], ["nl", "Nederlands"], ["ja", "日本語"], ["ar", "العربية"],
];
/** The preview rows: colour scheme and direction. */
export const VIEWS = ["light-ltr", "light-rtl", "dark-ltr", "dark-rtl"];
/** The preview widths, in CSS pixels. */
export const SIZES = [375, 768, 1280];

/** Widget settings: model key, attribute name, default. */
export const WIDGET_FIELDS = [
  ["variant", "variant", "stepper"],
  ["orientation", "orientation", "auto"],
  ["celebrate", "celebrate", "subtle"],
  ["milestones", "milestones", ""],
  ["interactive", "interactive", false],
  ["doneMessage", "done-message", ""],
  ["locale", "locale", ""],
  ["value", "value", ""],
  ["unit", "unit", ""],
  ["src", "src", ""],
  ["live", "live", ""],
  ["poll", "poll", ""],
];
/** Document fields kept beside the steps. */
export const DOC_FIELDS = ["title", "message", "nextUpdateBy", "updatedAt"];
/** Step fields: model key (= JSON field), markup attribute. */
export const STEP_FIELDS = [
  ["id", "data-step"], ["label", null], ["status", "data-status"], ["estimate", "data-estimate"],
  ["optional", "data-optional"], ["href", "data-href"], ["description", "data-description"],
  ["requires", "data-requires"], ["threshold", "data-threshold"], ["eta", "data-eta"],
  ["completedAt", "data-completed-at"], ["reason", "data-reason"],
];
/** Theme settings: model key, what it sets. */
export const THEME_FIELDS = [
  ["accent", "--momentum-accent"], ["done", "--momentum-done"], ["error", "--momentum-error"],
  ["muted", "--momentum-muted"], ["surface", "--momentum-surface"], ["background", "background"],
  ["text", "color"], ["radius", "--momentum-radius"], ["font", "--momentum-font"],
];
/** The most steps a document may have (the widget refuses more). */
export const MAX_STEPS = 1000;

/** A step with every field empty. */
export function blankStep(fields = {}) {
  return {
    id: "", label: "", status: "pending", estimate: "", optional: false, href: "", description: "",
    requires: "", threshold: "", eta: "", completedAt: "", reason: "", ...fields,
  };
}

/** Example steps for each variant. */
export const EXAMPLES = {
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
    value: "640",
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

/** The example steps of `variant`, as model steps. */
export const exampleSteps = (variant) => (EXAMPLES[variant] ?? EXAMPLES.stepper).steps.map((s) => blankStep(s));

/** The configuration a fresh playground starts with. */
export function defaultModel() {
  const widget = Object.fromEntries(WIDGET_FIELDS.map(([k, , d]) => [k, d]));
  return {
    widget,
    doc: Object.fromEntries(DOC_FIELDS.map((k) => [k, ""])),
    steps: exampleSteps("stepper"),
    theme: { preset: "", ...Object.fromEntries(THEME_FIELDS.map(([k]) => [k, ""])) },
    view: { views: ["light-ltr", "dark-rtl"], zoom: "fit", lint: true },
  };
}

// --- What the widget is given -------------------------------------------------

const trim = (v) => String(v ?? "").trim();
const words = (v) => trim(v).split(/\s+/).filter(Boolean);

/** The label a step is shown with: an empty one would make the step unusable. */
export const labelOf = (step) => trim(step.label) || "Untitled step";

/** The widget's attributes, as [name, value] pairs (`""`: a boolean attribute). */
export function widgetAttributes(model) {
  const w = model.widget;
  const out = [];
  for (const [key, name, dflt] of WIDGET_FIELDS) {
    const v = w[key];
    if (key === "interactive") {
      if (v) out.push([name, ""]);
      continue;
    }
    if ((key === "value" || key === "unit") && w.variant !== "tiers") continue;
    if (key === "value") {
      if (trim(v) !== "" && Number.isFinite(Number(v))) out.push([name, String(Number(v))]);
      continue;
    }
    if (key === "live" || key === "poll") {
      if (!trim(w.src)) continue;
    }
    const t = trim(v);
    if (t !== "" && (t !== dflt || key === "variant")) out.push([name, t]);
  }
  return out;
}

/** A step's `li` attributes, as [name, value] pairs. */
export function stepAttributes(step, model) {
  const out = [];
  for (const [key, attr] of STEP_FIELDS) {
    if (!attr) continue;
    const v = step[key];
    if (key === "optional") {
      if (v) out.push([attr, ""]);
    } else if (key === "status") {
      if (v && v !== "pending") out.push([attr, v]);
    } else if (key === "requires") {
      if (words(v).length) out.push([attr, words(v).join(" ")]);
    } else if (key === "threshold") {
      if (model.widget.variant === "tiers" && trim(v) !== "") out.push([attr, trim(v)]);
    } else if (trim(v) !== "") {
      out.push([attr, trim(v)]);
    }
  }
  return out;
}

/** The document fields of the model that markup cannot carry (title, message, times). */
export function docExtras(model) {
  const out = {};
  for (const k of DOC_FIELDS) if (trim(model.doc[k])) out[k] = trim(model.doc[k]);
  return out;
}

/** The state document the previews show: the same steps as the snippets' markup. */
export function stateDoc(model) {
  const doc = { version: 1, ...docExtras(model), steps: [] };
  for (const step of model.steps) {
    const out = {};
    for (const [key] of STEP_FIELDS) {
      const v = step[key];
      if (key === "label") out.label = labelOf(step);
      else if (key === "status") out.status = STATUSES.includes(v) ? v : "pending";
      else if (key === "optional") { if (v) out.optional = true; }
      else if (key === "requires") { if (words(v).length) out.requires = words(v); }
      else if (key === "threshold") {
        const n = Number(trim(v));
        if (model.widget.variant === "tiers" && trim(v) !== "" && Number.isFinite(n)) out.threshold = n;
      } else if (trim(v) !== "") out[key] = trim(v);
    }
    doc.steps.push(out);
  }
  for (const [name, value] of widgetAttributes(model)) {
    if (name === "value") doc.value = Number(value);
    if (name === "unit") doc.unit = value;
  }
  return doc;
}

// --- Theme --------------------------------------------------------------------

/** Characters that could end a declaration or a rule: never let through. */
const UNSAFE_CSS = /[;{}<>\\]|\/\*/;

/**
 * Whether a theme value can be used. `supports` is `CSS.supports` in a
 * browser; without it, values are only checked for unsafe characters.
 */
export function cssValueOk(key, value, supports) {
  const v = trim(value);
  if (!v || UNSAFE_CSS.test(v)) return false;
  if (!supports) return true;
  const prop = key === "radius" ? "border-radius" : key === "font" ? "font-family" : key === "background" ? "background-color" : "color";
  try { return supports(prop, v); } catch { return false; }
}

/**
 * The theme the previews and snippets use: the preset (if any) with the
 * visitor's values in place of its own; invalid values are left out.
 * Returns null when there is nothing to style.
 */
export function resolveTheme(theme, supports) {
  const preset = themeById(theme.preset);
  const host = preset ? preset.host.map(([n, v]) => [n, v]) : [];
  const props = preset ? preset.props.map(([n, v]) => [n, v]) : [];
  for (const [key, target] of THEME_FIELDS) {
    const v = trim(theme[key]);
    if (!v || !cssValueOk(key, v, supports)) continue;
    const list = target.startsWith("--") ? props : host;
    const at = list.findIndex(([n]) => n === target);
    if (at >= 0) list[at] = [target, v];
    else list.push([target, v]);
  }
  if (!preset && !host.length && !props.length) return null;
  return {
    id: preset ? preset.id : "custom",
    name: preset ? preset.name : "",
    summary: preset ? preset.summary : "",
    schemes: preset ? preset.schemes : ["light", "dark"],
    host, props,
    parts: preset ? preset.parts : [],
  };
}

/** The value a theme field has in a preset (`""`: the widget's default). */
export function presetValue(presetId, key) {
  const preset = themeById(presetId);
  if (!preset) return "";
  const target = THEME_FIELDS.find(([k]) => k === key)?.[1];
  const found = [...preset.host, ...preset.props].find(([n]) => n === target);
  return found ? found[1] : "";
}

// --- Snippets -----------------------------------------------------------------

/**
 * The lines every snippet starts with: how a page loads Momentum, as the
 * README's snippet does. momentum.css lays the list out in the space the
 * widget will take until it renders, so nothing around it moves (rule 40).
 */
export const EMBED = [
  '<link rel="stylesheet" href="/momentum/momentum.css">',
  '<script type="module" src="/momentum/momentum.js"></' + "script>",
];

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

function head(css) {
  const out = [...EMBED, ""];
  if (css) {
    out.push("<style>");
    for (const line of css.trimEnd().split("\n")) out.push("  " + line);
    out.push("</style>", "");
  }
  return out;
}

/**
 * The document fields markup cannot carry, as an inline state document. Its
 * steps name only the ids (a document needs steps), so labels and the rest
 * come from the markup it is merged with.
 */
function inlineScript(model, indent) {
  const extras = docExtras(model);
  if (!Object.keys(extras).length) return [];
  // In a <script> element, "</" must not appear as written.
  const json = (v) => JSON.stringify(v).replace(/</g, "\\u003c");
  const ids = model.steps.map((s, i) => `{ "id": ${json(trim(s.id) || `step-${i + 1}`)} }`);
  const pad = indent + "  ";
  return [
    `${indent}<script type="application/json">`,
    `${pad}{`,
    ...Object.entries(extras).map(([k, v]) => `${pad}  ${json(k)}: ${json(v)},`),
    `${pad}  "steps": [${ids.join(", ")}]`,
    `${pad}}`,
    `${indent}</` + "script>",
  ];
}

/** The `<momentum-progress>` form: script, theme, element with its list. */
export function elementSnippet(model, css = "") {
  const out = head(css);
  out.push(openTag("momentum-progress", widgetAttributes(model), ""));
  out.push(...inlineScript(model, "  "));
  out.push("  <ol>");
  for (const step of model.steps) {
    out.push(`${openTag("li", stepAttributes(step, model), "    ")}${escapeText(labelOf(step))}</li>`);
  }
  out.push("  </ol>", "</momentum-progress>");
  return out.join("\n") + "\n";
}

/** The `<ol data-momentum>` form: the same widget as a plain list, for CMSes that strip unknown tags. */
export function listSnippet(model, css = "") {
  const out = head(css);
  const attrs = [["data-momentum", ""], ...widgetAttributes(model).map(([n, v]) => ["data-" + n, v])];
  out.push(openTag("ol", attrs, ""));
  out.push(...inlineScript(model, "  "));
  for (const step of model.steps) {
    out.push(`${openTag("li", stepAttributes(step, model), "  ")}${escapeText(labelOf(step))}</li>`);
  }
  out.push("</ol>");
  return out.join("\n") + "\n";
}

// --- A pasted state document ----------------------------------------------------

const kind = (v) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object"
  : typeof v === "string" ? "text" : typeof v === "number" ? "a number" : typeof v === "boolean" ? "true or false" : typeof v);

/**
 * The first syntax error in `text`, as `{ pos, expected }`, or null. Browsers
 * word (and place) JSON.parse errors differently, some not at all; this says
 * where and what was expected in the same words everywhere.
 */
function jsonSyntaxError(text) {
  let i = 0;
  const fail = (expected) => { throw { pos: i, expected }; };
  const ws = () => { while (i < text.length && " \t\n\r".includes(text[i])) i++; };
  const num = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const string = () => {
    i++;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') { i++; return; }
      if (c === "\\") {
        i++;
        if (!'"\\/bfnrtu'.includes(text[i] ?? "x")) fail("an escape such as \\n or \\\" after the backslash");
        if (text[i] === "u" && !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail("four hex digits after \\u");
        i += text[i] === "u" ? 5 : 1;
        continue;
      }
      if (c < " ") fail("an escape such as \\n instead of a line break or control character inside the text");
      i++;
    }
    fail("the closing double quote of the text");
  };
  const value = (depth) => {
    if (depth > 500) fail("at most 500 levels of nesting");
    ws();
    const c = text[i];
    if (c === "{") {
      i++; ws();
      if (text[i] === "}") { i++; return; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail("a property name in double quotes");
        string(); ws();
        if (text[i] !== ":") fail("a colon after the property name");
        i++;
        value(depth + 1); ws();
        if (text[i] === ",") { i++; continue; }
        if (text[i] === "}") { i++; return; }
        fail("a comma or } after the property's value");
      }
    }
    if (c === "[") {
      i++; ws();
      if (text[i] === "]") { i++; return; }
      for (;;) {
        value(depth + 1); ws();
        if (text[i] === ",") { i++; continue; }
        if (text[i] === "]") { i++; return; }
        fail("a comma or ] after the item");
      }
    }
    if (c === '"') return string();
    num.lastIndex = i;
    const m = num.exec(text);
    if (m) { i += m[0].length; return; }
    for (const word of ["true", "false", "null"]) if (text.startsWith(word, i)) { i += word.length; return; }
    fail("a value: an object, an array, text in double quotes, a number, true, false or null");
  };
  try {
    value(0); ws();
    if (i < text.length) fail("nothing after the end of the document");
    return null;
  } catch (e) {
    if (e && typeof e.pos === "number") return e;
    throw e;
  }
}

/** "line L, column C" of a position in `text`. */
function place(text, pos) {
  const lines = text.slice(0, pos).split("\n");
  return `line ${lines.length}, column ${lines[lines.length - 1].length + 1}`;
}

/** Fields the widget reads that the playground does not edit (kept out, with a note). */
const DOC_KNOWN = new Set(["version", "sequence", "hours", "holidays", "timeZone"]);
const STEP_KNOWN = new Set(["startedAt"]);

/**
 * Checks a pasted state document. Never throws.
 * Returns `{ errors }` (nothing applied) or `{ steps, doc, value, unit, notes }`,
 * where `notes` say what was changed or left out, naming the step.
 * @param {string} text
 */
export function parseDocument(text) {
  try {
    return parseDocumentUnsafe(String(text ?? ""));
  } catch (e) {
    return { errors: [`The document could not be read (${e && e.message ? e.message : e}).`] };
  }
}

function parseDocumentUnsafe(text) {
  if (!text.trim()) {
    return { errors: ['The document is empty. Paste a state document, for example { "steps": [{ "id": "cart", "label": "Cart" }] }.'] };
  }
  if (new TextEncoder().encode(text).length > 1_000_000) {
    return { errors: ["The document is larger than 1 MB, which the widget refuses."] };
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const at = jsonSyntaxError(text);
    if (!at) return { errors: [`This is not valid JSON: ${e && e.message ? e.message : e}`] };
    const c = text[at.pos];
    const found = c === undefined ? "the end of the text" : c === "\n" || c === "\r" ? "a line break"
      : c < " " ? "a control character" : `“${text.slice(at.pos, at.pos + 12).split(/[\r\n]/)[0]}”`;
    return { errors: [`This is not valid JSON at ${place(text, at.pos)}: expected ${at.expected}, found ${found}.`] };
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    return { errors: [`A state document is a JSON object, { … }; this is ${kind(json)}.`] };
  }
  if (!("steps" in json)) {
    return { errors: ['The document has no "steps". Add an array of steps, for example "steps": [{ "id": "cart", "label": "Cart" }].'] };
  }
  if (!Array.isArray(json.steps)) {
    return { errors: [`"steps" must be an array, [ … ]; it is ${kind(json.steps)}.`] };
  }
  if (json.steps.length === 0) return { errors: ['"steps" is empty: the widget needs at least one step.'] };
  if (json.steps.length > MAX_STEPS) {
    return { errors: [`"steps" has ${json.steps.length} steps; the widget refuses more than ${MAX_STEPS}.`] };
  }

  const notes = [];
  const steps = [];
  const ids = new Set();
  json.steps.forEach((raw, i) => {
    const n = i + 1;
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      notes.push(`Step ${n} is ${kind(raw)}, not an object { … }: it is left out.`);
      return;
    }
    const step = blankStep();
    const name = () => (typeof raw.label === "string" && raw.label.trim() ? `Step ${n} (“${raw.label.trim()}”)` : `Step ${n}`);
    const unknown = [];
    for (const [key, v] of Object.entries(raw)) {
      switch (key) {
        case "id": case "label": case "href": case "description": case "eta": case "completedAt": case "reason":
          if (typeof v === "string") step[key] = v;
          else if (v !== null) notes.push(`${name()}: "${key}" should be text; it is ${kind(v)}, so it is left out.`);
          break;
        case "status":
          if (typeof v === "string" && STATUSES.includes(v)) step.status = v;
          else if (v !== null) notes.push(`${name()}: status ${JSON.stringify(v)} is not one of ${STATUSES.join(", ")}; the widget shows it as pending.`);
          break;
        case "estimate":
          if (typeof v === "string" || (typeof v === "number" && Number.isFinite(v))) step.estimate = String(v);
          else if (v !== null) notes.push(`${name()}: "estimate" should be a duration such as "5m" or a number of seconds; it is ${kind(v)}, so it is left out.`);
          break;
        case "optional":
          if (typeof v === "boolean") step.optional = v;
          else if (v !== null) notes.push(`${name()}: "optional" should be true or false; it is ${kind(v)}, so it is left out.`);
          break;
        case "requires":
          if (Array.isArray(v) && v.every((x) => typeof x === "string")) step.requires = v.join(" ");
          else if (typeof v === "string") step.requires = v;
          else if (v !== null) notes.push(`${name()}: "requires" should be an array of step ids; it is ${kind(v)}, so it is left out.`);
          break;
        case "threshold":
          if (typeof v === "number" && Number.isFinite(v)) step.threshold = String(v);
          else if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) step.threshold = v.trim();
          else if (v !== null) notes.push(`${name()}: "threshold" should be a number; it is ${kind(v)}, so it is left out.`);
          break;
        default:
          if (STEP_KNOWN.has(key)) notes.push(`${name()}: "${key}" is not edited by the playground and is left out.`);
          else unknown.push(key);
      }
    }
    if (unknown.length) notes.push(`${name()}: the widget ignores ${unknown.map((k) => `"${k}"`).join(", ")}.`);
    if (!step.id.trim()) {
      step.id = `step-${n}`;
      notes.push(`${name()} has no "id": it is called "${step.id}".`);
    }
    if (ids.has(step.id.trim())) {
      let k = 2;
      while (ids.has(`${step.id.trim()}-${k}`)) k++;
      notes.push(`${name()}: the id "${step.id.trim()}" is used by an earlier step, so this one is "${step.id.trim()}-${k}".`);
      step.id = `${step.id.trim()}-${k}`;
    }
    ids.add(step.id.trim());
    if (!step.label.trim()) notes.push(`${name()} has no "label": it is shown as “Untitled step”.`);
    steps.push(step);
  });
  if (!steps.length) return { errors: ['None of the steps is an object { "id": …, "label": … }: there is nothing to show.'], notes };

  const doc = Object.fromEntries(DOC_FIELDS.map((k) => [k, ""]));
  let value = "", unit = "";
  const unknown = [];
  const leftOut = [];
  for (const [key, v] of Object.entries(json)) {
    if (key === "steps") continue;
    if (DOC_FIELDS.includes(key)) {
      if (typeof v === "string") doc[key] = v;
      else if (v !== null) notes.push(`"${key}" should be text; it is ${kind(v)}, so it is left out.`);
    } else if (key === "value") {
      if (typeof v === "number" && Number.isFinite(v)) value = String(v);
      else if (v !== null) notes.push(`"value" should be a number; it is ${kind(v)}, so it is left out.`);
    } else if (key === "unit") {
      if (typeof v === "string") unit = v;
      else if (v !== null) notes.push(`"unit" should be text; it is ${kind(v)}, so it is left out.`);
    } else if (DOC_KNOWN.has(key)) {
      if (key !== "version" && key !== "sequence") leftOut.push(key);
    } else unknown.push(key);
  }
  if (leftOut.length) notes.push(`Not edited by the playground, so left out: ${leftOut.map((k) => `"${k}"`).join(", ")}.`);
  if (unknown.length) notes.push(`The widget ignores ${unknown.map((k) => `"${k}"`).join(", ")}.`);
  return { steps, doc, value, unit, notes };
}

// --- The link: the whole configuration in the address bar's hash ----------------

/** The model without empty and default values (what the link stores). */
function compact(model) {
  const out = {};
  const widget = {};
  for (const [key, , dflt] of WIDGET_FIELDS) if (model.widget[key] !== dflt) widget[key] = model.widget[key];
  if (Object.keys(widget).length) out.w = widget;
  const doc = {};
  for (const k of DOC_FIELDS) if (model.doc[k]) doc[k] = model.doc[k];
  if (Object.keys(doc).length) out.d = doc;
  const empty = blankStep();
  out.s = model.steps.map((step) => {
    const s = {};
    for (const [key] of STEP_FIELDS) if (step[key] !== empty[key]) s[key] = step[key];
    return s;
  });
  const theme = {};
  for (const [k, v] of Object.entries(model.theme)) if (v) theme[k] = v;
  if (Object.keys(theme).length) out.t = theme;
  const dv = defaultModel().view;
  const view = {};
  if (model.view.views.join() !== dv.views.join()) view.views = model.view.views;
  if (model.view.zoom !== dv.zoom) view.zoom = model.view.zoom;
  if (model.view.lint !== dv.lint) view.lint = model.view.lint;
  if (Object.keys(view).length) out.v = view;
  return out;
}

const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const oneOf = (v, list, dflt) => (list.includes(v) ? v : dflt);
const text = (v, max = 4096) => (typeof v === "string" ? v.slice(0, max) : "");

/** A model from a link's data, every field checked; unknown or wrong values become defaults. */
export function modelFrom(raw) {
  const m = defaultModel();
  if (!isObj(raw)) return m;
  const w = isObj(raw.w) ? raw.w : {};
  m.widget.variant = oneOf(w.variant, VARIANTS, "stepper");
  m.widget.orientation = oneOf(w.orientation, ORIENTATIONS, "auto");
  m.widget.celebrate = oneOf(w.celebrate, CELEBRATIONS, "subtle");
  m.widget.interactive = w.interactive === true;
  m.widget.locale = oneOf(w.locale, ["", ...LANGUAGES.map(([t]) => t)], "");
  m.widget.live = oneOf(w.live, LIVE_MODES, "");
  for (const k of ["milestones", "doneMessage", "value", "unit", "src", "poll"]) m.widget[k] = text(w[k]);
  const d = isObj(raw.d) ? raw.d : {};
  for (const k of DOC_FIELDS) m.doc[k] = text(d[k]);
  const steps = Array.isArray(raw.s) ? raw.s.slice(0, MAX_STEPS) : [];
  m.steps = steps.filter(isObj).map((s) => {
    const step = blankStep();
    for (const [key] of STEP_FIELDS) {
      if (key === "optional") step.optional = s.optional === true;
      else if (key === "status") step.status = oneOf(s.status, STATUSES, "pending");
      else step[key] = text(s[key]);
    }
    return step;
  });
  const t = isObj(raw.t) ? raw.t : {};
  m.theme.preset = themeById(t.preset) ? t.preset : "";
  for (const [k] of THEME_FIELDS) m.theme[k] = text(t[k], 200);
  const v = isObj(raw.v) ? raw.v : {};
  if (Array.isArray(v.views)) m.view.views = VIEWS.filter((x) => v.views.includes(x));
  m.view.zoom = oneOf(v.zoom, ["fit", "actual"], "fit");
  if (typeof v.lint === "boolean") m.view.lint = v.lint;
  return m;
}

function toBase64Url(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(s) {
  const b = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) out[i] = b.charCodeAt(i);
  return out;
}

async function pipe(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

const canCompress = () => typeof CompressionStream === "function" && typeof DecompressionStream === "function";

/**
 * The link's hash (without `#`) for a model: `1.` and the compacted model as
 * raw-deflated, base64url JSON (`1j.` and plain base64url JSON where the
 * browser cannot compress).
 */
export async function encodeModel(model) {
  const bytes = new TextEncoder().encode(JSON.stringify(compact(model)));
  if (canCompress()) {
    try { return `${FORMAT}.${toBase64Url(await pipe(bytes, new CompressionStream("deflate-raw")))}`; } catch { /* below */ }
  }
  return `${FORMAT}j.${toBase64Url(bytes)}`;
}

/** Whether a hash (without `#`) looks like one of the playground's links, of any version. */
export const isConfigHash = (hash) => /^\d+j?\./.test(hash);

/**
 * The model a link's hash (without `#`) holds: `{ model }`, or `{ error }`
 * saying why it cannot be read. Never throws.
 */
export async function decodeModel(hash) {
  const m = /^(\d+)(j?)\.([A-Za-z0-9_-]*)$/.exec(hash);
  if (!m) return { error: "This link does not hold a playground configuration." };
  if (Number(m[1]) !== FORMAT) {
    return { error: `This link was made by another version of the playground (format ${m[1]}; this one reads format ${FORMAT}).` };
  }
  try {
    let bytes = fromBase64Url(m[3]);
    if (!m[2]) {
      if (!canCompress()) return { error: "This browser cannot read compressed links." };
      bytes = await pipe(bytes, new DecompressionStream("deflate-raw"));
    }
    const raw = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    const model = modelFrom(raw);
    if (!model.steps.length) return { error: "This link's configuration has no steps." };
    return { model };
  } catch {
    return { error: "This link is damaged (cut short or changed), so its configuration cannot be read." };
  }
}
