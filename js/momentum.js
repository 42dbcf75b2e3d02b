// Momentum: the one module a host page includes.
//
//   <script type="module" src="/momentum/momentum.js"></script>
//
// Loads momentum_wasm_bg.wasm from next to this file (import.meta.url),
// registers <momentum-progress>, and enhances every [data-momentum] element,
// now and later. Loading it twice (even from two URLs) is harmless: the first
// copy to finish registers everything, later copies reuse it.
import init, { Widget } from "./momentum_wasm.js";

const TAG = "momentum-progress";
const WIDGET = Symbol.for("momentum.widget");
const ORIGIN = Symbol.for("momentum.origin");
const INSERTED = Symbol.for("momentum.inserted");
const STARTED = Symbol.for("momentum.started");
const STRINGS = Symbol.for("momentum.strings");

/** Widget attributes (SPEC §2), without the `data-` prefix. */
export const ATTRIBUTES = [
  "src", "live", "poll", "variant", "orientation", "celebrate", "milestones",
  "stall-after", "done-message", "locale", "storage-key", "interactive", "strings",
  "value", "unit",
];

/** Elements that can host a shadow root (SPEC §9.1). */
const HOSTABLE = new Set(["DIV", "SECTION", "ARTICLE", "NAV", "MAIN", "ASIDE", "HEADER", "FOOTER", "SPAN", "P"]);

// A second copy of this module finds the element registered and skips loading its wasm.
if (!customElements.get(TAG)) {
  await init({ module_or_path: new URL("./momentum_wasm_bg.wasm", import.meta.url) });
}

function widgetOf(el) {
  if (!el[WIDGET]) el[WIDGET] = new Widget(el, el[ORIGIN] ?? null);
  return el[WIDGET];
}

/** The element API of SPEC §6, shared by <momentum-progress> and [data-momentum] hosts. */
const API = {
  state: {
    get() { return widgetOf(this).getState(); },
    set(doc) { widgetOf(this).setState(doc); },
    configurable: true,
  },
  progress: {
    get() { return widgetOf(this).progress(); },
    configurable: true,
  },
  strings: {
    get() { return this[STRINGS] ?? {}; },
    set(value) { this[STRINGS] = value; widgetOf(this).setStrings(value); },
    configurable: true,
  },
  update: {
    value(patch) { widgetOf(this).update(patch); },
    configurable: true, writable: true,
  },
  refresh: {
    value() { return widgetOf(this).refresh(); },
    configurable: true, writable: true,
  },
};

class MomentumProgress extends HTMLElement {
  static get observedAttributes() { return ATTRIBUTES; }
  connectedCallback() {
    // Properties set before the element was upgraded shadow the API: replay them.
    for (const prop of ["strings", "state"]) {
      if (Object.prototype.hasOwnProperty.call(this, prop)) {
        const value = this[prop];
        delete this[prop];
        this[prop] = value;
      }
    }
    widgetOf(this).connect();
  }
  disconnectedCallback() { this[WIDGET]?.disconnect(); }
  attributeChangedCallback(_name, oldValue, newValue) {
    if (oldValue !== newValue) this[WIDGET]?.configure();
  }
}
Object.defineProperties(MomentumProgress.prototype, API);

/** Turns one [data-momentum] element into a widget (SPEC §9.1, §9.22). */
function enhance(el) {
  if (el[WIDGET] || el[INSERTED] || el.localName === TAG) return;
  if (HOSTABLE.has(el.tagName)) {
    const early = Object.prototype.hasOwnProperty.call(el, "state") ? el.state : undefined;
    Object.defineProperties(el, API);
    if (early !== undefined) el.state = early;
    widgetOf(el).connect();
    return;
  }
  // Lists and other elements that cannot host a shadow root: insert a
  // <momentum-progress> before it that takes its data- attributes.
  const widget = document.createElement(TAG);
  for (const { name, value } of el.attributes) {
    if (name.startsWith("data-") && name !== "data-momentum") widget.setAttribute(name.slice(5), value);
  }
  widget[ORIGIN] = el;
  el[INSERTED] = widget;
  el.before(widget);
  el.hidden = true;
}

function scan(root) {
  if (root.nodeType !== 1) return;
  if (root.hasAttribute("data-momentum")) enhance(root);
  for (const el of root.querySelectorAll("[data-momentum]")) enhance(el);
}

function forget(root) {
  if (root.nodeType !== 1) return;
  for (const el of [root, ...root.querySelectorAll("[data-momentum]")]) {
    if (el.isConnected) continue;
    if (el[INSERTED]) { el[INSERTED].remove(); delete el[INSERTED]; el.hidden = false; }
    else if (el[WIDGET] && el.localName !== TAG) el[WIDGET].disconnect();
  }
}

if (!customElements.get(TAG)) customElements.define(TAG, MomentumProgress);

if (!globalThis[STARTED]) {
  globalThis[STARTED] = true;
  const start = () => {
    scan(document.documentElement);
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.removedNodes) forget(n);
        for (const n of r.addedNodes) {
          scan(n);
          // A hostable widget moved back into the page reconnects.
          if (n.nodeType === 1 && n[WIDGET] && n.localName !== TAG) n[WIDGET].connect();
        }
      }
    }).observe(document.documentElement, { childList: true, subtree: true });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
  else start();
}

/**
 * Appends a <momentum-progress> to `target`, configured by `options`
 * (attribute names in camelCase, plus `state`), and returns it (SPEC §9.12).
 * @param {Element} target
 * @param {Record<string, unknown>} [options]
 * @returns {HTMLElement}
 */
export function mount(target, options = {}) {
  const el = document.createElement(TAG);
  for (const [key, value] of Object.entries(options)) {
    if (key === "state" || value === false || value == null) continue;
    const name = key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());
    el.setAttribute(name, value === true ? "" : String(value));
  }
  if (options.state !== undefined) el.state = options.state;
  target.append(el);
  return el;
}
