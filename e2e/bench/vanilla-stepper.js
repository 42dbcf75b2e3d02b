// The baseline for e2e/bench/render.mjs: a hand-written, framework-free stepper
// of equivalent function to Momentum's core view, written the way a competent
// developer would write it by hand for one project.
//
// <vanilla-stepper>: an open shadow root with one shared, adopted stylesheet; a
// "N of M complete" summary, a percentage, a progress bar (role="progressbar"),
// and an <ol> of steps, each with a marker (number or symbol), label, state in
// words and estimate; aria-current="step" on the current step. Same counting as
// Momentum: optional steps do not count (unless all are optional), skipped counts
// as done. `el.state = doc` replaces the steps, `el.update(patch)` merges steps by
// id; both re-render in place, keyed by step id, touching only what changed.
//
//   import { mountVanilla } from "./vanilla-stepper.js";
//   const el = mountVanilla(target, { state: { steps: [...] } });

const TAG = "vanilla-stepper";

const CSS = `
:host { display: block; font-family: inherit; line-height: 1.4; --_accent: #1d4ed8; --_done: #15803d; --_error: #b91c1c; --_muted: #4b5563; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.summary { display: flex; justify-content: space-between; gap: 1em; margin: 0 0 .375em; font-size: .875em; color: var(--_muted); }
.percent { font-variant-numeric: tabular-nums; font-weight: 600; }
.bar { height: .5em; border-radius: 999px; background: color-mix(in srgb, currentColor 14%, transparent); overflow: hidden; }
.fill { height: 100%; background: var(--_done); transform-origin: left center; transform: scaleX(var(--fraction, 0)); transition: transform .45s; }
.list { list-style: none; margin: 1em 0 0; padding: 0; display: flex; flex-direction: column; gap: .75em; }
.step { display: flex; gap: .75em; align-items: flex-start; }
.marker { flex: none; box-sizing: border-box; width: 2em; height: 2em; border-radius: 50%; display: grid; place-items: center;
  font-size: .875em; font-weight: 700; border: 2px solid var(--_muted); color: var(--_muted); }
.body { display: flex; flex-direction: column; min-width: 0; }
.label { font-weight: 550; overflow-wrap: anywhere; }
.meta { font-size: .8125em; color: var(--_muted); }
.estimate:not(:empty)::before { content: " · "; }
.step[data-status="complete"] .marker { background: var(--_done); border-color: var(--_done); color: Canvas; }
.step[data-status="active"] .marker { border-color: var(--_accent); color: var(--_accent); }
.step[data-status="error"] .marker, .step[data-status="blocked"] .marker { border-color: var(--_error); color: var(--_error); }
`;

const STATES = { pending: "Not started", active: "In progress", complete: "Done", skipped: "Skipped", blocked: "Blocked", error: "Needs attention" };
const SYMBOLS = { complete: "✓", skipped: "–", blocked: "‖", error: "!" };
const DONE = new Set(["complete", "skipped"]);

let sheet = null;
const numbers = new Intl.NumberFormat();
const units = new Map();
function unitFormat(unit) {
  let f = units.get(unit);
  if (!f) units.set(unit, (f = new Intl.NumberFormat(undefined, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 0 })));
  return f;
}

/** Seconds from "90s", "2m", "1h30m", "2d" or a number of seconds; NaN when unreadable. */
export function seconds(value) {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return NaN;
  const re = /(\d+(?:\.\d+)?)\s*([dhms])/g;
  let total = 0, any = false, m;
  while ((m = re.exec(value))) { any = true; total += Number(m[1]) * { d: 86400, h: 3600, m: 60, s: 1 }[m[2]]; }
  return any ? total : Number(value);
}

/** "45 sec", "2 min", "3 hr", "2 days". */
export function formatEstimate(value) {
  const s = seconds(value);
  if (!(s >= 0)) return "";
  if (s < 60) return unitFormat("second").format(s);
  if (s < 3600) return unitFormat("minute").format(Math.round(s / 60));
  if (s < 86400) return unitFormat("hour").format(Math.round(s / 3600));
  return unitFormat("day").format(Math.round(s / 86400));
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
}

export class VanillaStepper extends HTMLElement {
  #steps = [];
  #rows = new Map(); // id -> { li, marker, label, state, estimate, last: {...} }
  #root;
  #list;
  #count;
  #percent;
  #position;
  #bar;
  #fill;
  #shown = { count: null, percent: null, position: null, fraction: null };

  constructor() {
    super();
    if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(CSS); }
    this.#root = this.attachShadow({ mode: "open" });
    this.#root.adoptedStyleSheets = [sheet];
    const summary = el("p", "summary");
    this.#position = el("span", "sr-only");
    this.#count = el("span", "count");
    this.#percent = el("span", "percent");
    summary.append(this.#position, this.#count, this.#percent);
    this.#bar = el("div", "bar");
    this.#bar.setAttribute("role", "progressbar");
    this.#bar.setAttribute("aria-label", "Progress");
    this.#bar.setAttribute("aria-valuemin", "0");
    this.#bar.setAttribute("aria-valuemax", "100");
    this.#fill = el("div", "fill");
    this.#bar.append(this.#fill);
    this.#list = el("ol", "list");
    this.#root.append(summary, this.#bar, this.#list);
  }

  get state() { return { steps: this.#steps.map((s) => ({ ...s })) }; }

  set state(doc) {
    if (!doc || !Array.isArray(doc.steps)) return;
    const seen = new Set();
    this.#steps = [];
    doc.steps.forEach((s, i) => {
      if (!s || typeof s !== "object") return;
      let id = typeof s.id === "string" && s.id ? s.id : `step-${i + 1}`;
      for (let k = 2; seen.has(id); k++) id = `${s.id}-${k}`;
      seen.add(id);
      this.#steps.push({ ...s, id, status: STATES[s.status] ? s.status : "pending" });
    });
    this.#render();
  }

  /** Merges steps by id (other fields of `patch` are ignored: this baseline shows steps only). */
  update(patch) {
    const steps = Array.isArray(patch) ? patch : patch?.steps;
    if (!Array.isArray(steps)) return;
    const index = new Map(this.#steps.map((s, i) => [s.id, i]));
    for (const p of steps) {
      if (!p || typeof p.id !== "string") continue;
      const i = index.get(p.id);
      if (i === undefined) { index.set(p.id, this.#steps.length); this.#steps.push({ status: "pending", ...p }); }
      else this.#steps[i] = { ...this.#steps[i], ...p };
    }
    this.#render();
  }

  get progress() { return this.#counts().progress; }

  #counts() {
    const steps = this.#steps;
    const counted = steps.some((s) => !s.optional) ? steps.filter((s) => !s.optional) : steps;
    const completed = counted.reduce((n, s) => n + (DONE.has(s.status) ? 1 : 0), 0);
    const total = counted.length;
    return { completed, total, progress: total ? completed / total : 0 };
  }

  #render() {
    const { completed, total, progress } = this.#counts();
    // The current step: the first active one, else the first counted one not done.
    let current = this.#steps.findIndex((s) => s.status === "active");
    if (current < 0) current = this.#steps.findIndex((s) => !s.optional && !DONE.has(s.status));
    const percent = Math.floor(progress * 100);

    this.#set("count", this.#count, `${numbers.format(completed)} of ${numbers.format(total)} complete`);
    this.#set("percent", this.#percent, `${percent}%`);
    this.#set("position", this.#position, current >= 0 ? `Step ${current + 1} of ${total}` : "");
    if (this.#shown.fraction !== progress) {
      this.#shown.fraction = progress;
      this.#fill.style.setProperty("--fraction", progress.toFixed(3));
      this.#bar.setAttribute("aria-valuenow", String(percent));
      this.#bar.setAttribute("aria-valuetext", `${percent}%`);
    }

    // Keyed reconciliation: reuse rows by id, create new ones, drop the rest,
    // and keep DOM order equal to state order with the fewest moves.
    const alive = new Set();
    let prev = null;
    this.#steps.forEach((step, i) => {
      alive.add(step.id);
      let row = this.#rows.get(step.id);
      if (!row) { row = this.#createRow(); this.#rows.set(step.id, row); }
      this.#patchRow(row, step, i, i === current);
      const want = prev ? prev.nextSibling : this.#list.firstChild;
      if (want !== row.li) this.#list.insertBefore(row.li, want);
      prev = row.li;
    });
    if (alive.size !== this.#rows.size) {
      for (const [id, row] of this.#rows) if (!alive.has(id)) { row.li.remove(); this.#rows.delete(id); }
    }
  }

  #set(key, node, text) {
    if (this.#shown[key] !== text) { this.#shown[key] = text; node.textContent = text; }
  }

  #createRow() {
    const li = el("li", "step");
    const marker = el("span", "marker");
    marker.setAttribute("aria-hidden", "true");
    const body = el("span", "body");
    const label = el("span", "label");
    const meta = el("span", "meta");
    const state = el("span", "state");
    const estimate = el("span", "estimate");
    meta.append(state, estimate);
    body.append(label, meta);
    li.append(marker, body);
    return { li, marker, label, state, estimate, last: {} };
  }

  #patchRow(row, step, index, isCurrent) {
    const last = row.last;
    const marker = SYMBOLS[step.status] ?? String(index + 1);
    const label = String(step.label ?? step.id);
    const stateText = step.optional ? `${STATES[step.status]} · Optional` : STATES[step.status];
    const estimate = step.estimate == null ? "" : formatEstimate(step.estimate);
    if (last.id !== step.id) { last.id = step.id; row.li.dataset.id = step.id; }
    if (last.status !== step.status) { last.status = step.status; row.li.dataset.status = step.status; }
    if (last.marker !== marker) { last.marker = marker; row.marker.textContent = marker; }
    if (last.label !== label) { last.label = label; row.label.textContent = label; }
    if (last.state !== stateText) { last.state = stateText; row.state.textContent = stateText; }
    if (last.estimate !== estimate) { last.estimate = estimate; row.estimate.textContent = estimate; }
    if (last.current !== isCurrent) {
      last.current = isCurrent;
      if (isCurrent) row.li.setAttribute("aria-current", "step");
      else row.li.removeAttribute("aria-current");
    }
  }
}

if (!customElements.get(TAG)) customElements.define(TAG, VanillaStepper);

/** Appends a <vanilla-stepper> to `target` with `options.state`, like Momentum's mount(). */
export function mountVanilla(target, { state } = {}) {
  const e = document.createElement(TAG);
  if (state !== undefined) e.state = state;
  target.append(e);
  return e;
}
