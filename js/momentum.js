// Momentum: the one module a host page includes.
//
//   <script type="module" src="/momentum/momentum.js"></script>
//
// Loads momentum_wasm_bg.wasm from next to this file (import.meta.url),
// registers <momentum-progress>, and enhances every [data-momentum] element,
// now and later. Loading it twice (even from two URLs) is harmless: the first
// copy to finish registers everything, later copies reuse it.
//
// The build bundles this file with the rest of the shell (widget.js, dom.js,
// net.js, intl.js), the stylesheet and the wasm-bindgen glue into one minified
// pkg/momentum.js.
import init from "./momentum_wasm.js";
import { Widget, ATTRIBUTES } from "./widget.js";

export { ATTRIBUTES };

const TAG = "momentum-progress";
const WIDGET = Symbol.for("momentum.widget");
const ORIGIN = Symbol.for("momentum.origin");
const INSERTED = Symbol.for("momentum.inserted");
const STARTED = Symbol.for("momentum.started");
const STRINGS = Symbol.for("momentum.strings");
const SAVED = Symbol.for("momentum.saved");

/** Elements that can host a shadow root (SPEC §9.1). */
const HOSTABLE = new Set(["DIV", "SECTION", "ARTICLE", "NAV", "MAIN", "ASIDE", "HEADER", "FOOTER", "SPAN", "P"]);

// A second copy of this module finds the element registered and skips loading its wasm.
// Its memory is reachable as globalThis[Symbol.for("momentum.memory")], for
// leak checks (the tests watch it stay flat).
if (!customElements.get(TAG)) {
  const wasm = await init({ module_or_path: new URL("./momentum_wasm_bg.wasm", import.meta.url) });
  globalThis[Symbol.for("momentum.memory")] = wasm.memory;
}

function widgetOf(el) {
  if (!el[WIDGET]) {
    const widget = new Widget(el, el[ORIGIN] ?? null);
    el[WIDGET] = widget;
    // Back after a removal: the state it had, and the host's phrase overrides.
    if (SAVED in el) { widget.setState(el[SAVED]); delete el[SAVED]; }
    if (el[STRINGS]) widget.setStrings(el[STRINGS]);
  }
  return el[WIDGET];
}

/**
 * An element left the page. Unless it is back in the page by the next
 * microtask (a move), free the widget's wasm memory, keeping only the state
 * document in case the element returns.
 */
function release(el) {
  const widget = el[WIDGET];
  if (!widget) return;
  widget.disconnect();
  queueMicrotask(() => {
    if (!el.isConnected && el[WIDGET] === widget) retire(el, widget);
  });
}

/** Frees `el`'s widget, keeping its state document for a later widget. */
function retire(el, widget) {
  const state = widget.getState();
  if (state && Array.isArray(state.steps) && state.steps.length) el[SAVED] = state;
  delete el[WIDGET];
  widget.free();
}

/**
 * Runs `fn` with the element's widget. An element that is not in the page and
 * has no live widget gets a short-lived one, freed right after, so that using
 * the API on a detached element never re-forms the element-widget cycle.
 */
function use(el, fn) {
  if (el[WIDGET] || el.isConnected) return fn(widgetOf(el));
  const widget = widgetOf(el);
  try {
    return fn(widget);
  } finally {
    retire(el, widget);
  }
}

/** The element API of SPEC §6, shared by <momentum-progress> and [data-momentum] hosts. */
const API = {
  state: {
    get() { return use(this, (w) => w.getState()); },
    set(doc) {
      // Not in the page (mount() sets the state before appending): keep the
      // document for the widget the element gets when it joins the page,
      // rather than build one now only to free it.
      if (!this[WIDGET] && !this.isConnected) this[SAVED] = doc;
      else use(this, (w) => w.setState(doc));
    },
    configurable: true,
  },
  progress: {
    get() { return use(this, (w) => w.progress()); },
    configurable: true,
  },
  strings: {
    get() { return this[STRINGS] ?? {}; },
    set(value) { this[STRINGS] = value; if (this[WIDGET]) this[WIDGET].setStrings(value); },
    configurable: true,
  },
  update: {
    value(patch) { use(this, (w) => w.update(patch)); },
    configurable: true, writable: true,
  },
  refresh: {
    value() {
      if (!this.isConnected) return Promise.reject(new Error("Momentum: refresh() needs the element to be in the page"));
      return widgetOf(this).refresh();
    },
    configurable: true, writable: true,
  },
};

class MomentumProgress extends HTMLElement {
  static get observedAttributes() { return ATTRIBUTES; }
  connectedCallback() {
    // Properties set before the element was upgraded shadow the API: replay them.
    for (const prop of ["strings", "state"]) {
      if (Object.hasOwn(this, prop)) {
        const value = this[prop];
        delete this[prop];
        this[prop] = value;
      }
    }
    widgetOf(this).connect();
  }
  disconnectedCallback() { release(this); }
  attributeChangedCallback(_name, oldValue, newValue) {
    if (oldValue !== newValue) this[WIDGET]?.configure();
  }
}
Object.defineProperties(MomentumProgress.prototype, API);

/** Turns one [data-momentum] element into a widget (SPEC §9.1, §9.22). */
function enhance(el) {
  if (el[WIDGET] || el[INSERTED] || el.localName === TAG) return;
  if (HOSTABLE.has(el.tagName)) {
    const early = Object.hasOwn(el, "state") ? el.state : undefined;
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
    else if (el[WIDGET] && el.localName !== TAG) release(el);
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
          // A hostable widget back in the page reconnects (or starts again from
          // its saved state, if it was released meanwhile).
          if (n.nodeType === 1 && n.localName !== TAG && (n[WIDGET] || SAVED in n)) widgetOf(n).connect();
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
