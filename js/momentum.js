// Momentum: the one module a host page includes.
//
//   <script type="module" src="/momentum/momentum.js"></script>
//
// Registers <momentum-progress> and enhances every [data-momentum] element,
// now and later, as soon as it is imported; starts loading
// momentum_wasm_bg.wasm from next to this file (import.meta.url) as soon as it
// runs, compiling it while it downloads, and widgets start when it has
// arrived. A widget whose locale is not English also fetches its language's
// phrases (lang/xx.json) while the wasm loads. Loading it twice (even from two URLs) is
// harmless: the first copy registers everything, later copies reuse it.
//
// A guest in someone else's page, it never fails the import (no top-level
// await): when the wasm cannot be loaded (404, offline, a CSP without
// 'wasm-unsafe-eval'), one console error says why and how to fix it, every
// widget fires `momentum-error` and keeps showing its fallback list, and the
// element API keeps working without throwing. Where there is no DOM (Node, a
// test runner, server-side rendering) importing it does nothing at all.
//
// The build bundles this file with the rest of the shell (widget.js, dom.js,
// net.js, intl.js), the stylesheet and the wasm-bindgen glue into one minified
// pkg/momentum.js.
import init from "./momentum_wasm.js";
import { Widget, ATTRIBUTES, fire, admissible } from "./widget.js";
import * as languages from "./languages.js";

export { ATTRIBUTES };

const TAG = "momentum-progress";
const WIDGET = Symbol.for("momentum.widget");
const ORIGIN = Symbol.for("momentum.origin");
const INSERTED = Symbol.for("momentum.inserted");
const ENHANCED = Symbol.for("momentum.enhanced");
const STARTED = Symbol.for("momentum.started");
const STRINGS = Symbol.for("momentum.strings");
const SAVED = Symbol.for("momentum.saved");
const QUEUED = Symbol.for("momentum.queued");
const REPORTED = Symbol.for("momentum.reported");

/** The element properties a host may set, also before the element is defined (rule 38). */
const SETTABLE = ["strings", "state"];

/** Elements that can host a shadow root (rule 1). */
const HOSTABLE = new Set(["DIV", "SECTION", "ARTICLE", "NAV", "MAIN", "ASIDE", "HEADER", "FOOTER", "SPAN", "P"]);

/** Whether this is a page with a DOM (not Node, a test runner or server-side rendering). */
const PAGE = typeof document == "object" && typeof customElements == "object" && typeof HTMLElement == "function";

// The wasm, loaded once, when the first widget needs it: its exports once it
// is ready, or why it could not load. Elements placed meanwhile wait.
let wasm = null, failure = null, loading = null;
const waiting = new Set();

const SERVE = "serve momentum_wasm_bg.wasm next to momentum.js";

/** Fetches and instantiates the wasm at `url`; rejects with an Error saying why it cannot. */
async function instantiate(url) {
  let response;
  try {
    response = await fetch(url);
  } catch {
    throw new Error("the request failed (offline, or blocked)");
  }
  if (!response.ok) throw new Error(`the server answered ${response.status} (${SERVE})`);
  const type = response.headers.get("content-type") || "no content type";
  const streams = /wasm/.test(type);
  try {
    // Compiled from the bytes when the type is not application/wasm (slower:
    // streaming would refuse it), so that a failure below names the type.
    const exports = await init({ module_or_path: streams ? response : await response.arrayBuffer() });
    if (!streams) console.warn(`Momentum: ${url} came as ${type}; serve it as application/wasm, which browsers compile while it downloads.`);
    return exports;
  } catch (e) {
    const text = String(e?.message ?? e);
    // Chromium's own message names 'unsafe-eval', which is not what to add.
    if (e?.name == "EvalError" || /content.security.policy|\bCSP\b|unsafe-eval/i.test(text)) {
      throw new Error("the page's Content Security Policy blocks WebAssembly: add 'wasm-unsafe-eval' to its " +
        "script-src directive (for example script-src 'self' 'wasm-unsafe-eval')");
    }
    throw new Error(streams ? `it could not be compiled (${text})` : `the server sent ${type}, not WebAssembly (${SERVE}, as application/wasm)`);
  }
}

/** Starts loading the wasm (once); resolves when it is ready or has failed. */
function load() {
  if (!loading) {
    let url = "momentum_wasm_bg.wasm";
    loading = (async () => {
      url = new URL("./momentum_wasm_bg.wasm", import.meta.url).href;
      return instantiate(url);
    })().then(
      (exports) => {
        wasm = exports;
        // Reachable for leak checks (the tests watch it stay flat).
        globalThis[Symbol.for("momentum.memory")] = exports.memory;
      },
      (e) => {
        failure = `could not load ${url}: ${e.message}`;
        console.error(`Momentum: ${failure}. The widgets show their fallback content.`);
      },
    ).then(() => {
      for (const el of [...waiting]) {
        waiting.delete(el);
        place(el);
      }
    });
  }
  return loading;
}

/**
 * Starts the widget of an element in the page: at once when the wasm is
 * ready, when it arrives otherwise. When it cannot load, the element fires
 * `momentum-error` (once) and its fallback list stays as it is.
 */
function place(el) {
  if (!el.isConnected) return;
  if (wasm) {
    widgetOf(el).connect();
    // The list form: the widget now shows the steps, so the list steps aside.
    if (el[ORIGIN]) el[ORIGIN].hidden = true;
  } else if (failure) {
    if (el[REPORTED]) return;
    el[REPORTED] = true;
    queueMicrotask(() => fire(el, "momentum-error", false, { message: failure, status: null, retryInMs: null }));
  } else {
    waiting.add(el);
    load();
    // The language the widget will most likely ask for (the core decides),
    // fetched alongside the wasm so that it is there for the first render.
    const own = el.localName === TAG ? "locale" : "data-locale";
    languages.request(languages.subtag(el.getAttribute(own) || el.closest("[lang]")?.lang || navigator.language));
  }
}

function widgetOf(el) {
  if (!el[WIDGET]) {
    const widget = new Widget(el, el[ORIGIN] ?? null);
    el[WIDGET] = widget;
    // Back after a removal, or set before the wasm arrived: the state, the
    // updates made since, and the host's phrase overrides.
    if (SAVED in el) { widget.setState(el[SAVED]); delete el[SAVED]; }
    for (const patch of el[QUEUED] ?? []) widget.update(patch);
    delete el[QUEUED];
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
  waiting.delete(el);
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
 * Only called once the wasm is ready.
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

/**
 * Whether input for the page API call `kind` (1 `state`, 2 `update`, 3
 * `strings`) may be kept on `el` for the widget to come: within the limits,
 * else refused at once with a warning and `momentum-error` (rule 51).
 */
const keeps = (el, kind, value) => admissible(el, el[ORIGIN] ?? el, kind, value);

/**
 * The element API (rule 6), shared by <momentum-progress> and [data-momentum]
 * hosts. Until the wasm has arrived (or when it cannot), it never throws:
 * `state` reads back what was set, `update` is kept for later, `progress` is 0
 * and `refresh()` waits for the wasm (rejecting with an Error when it failed).
 * Input over the page API's limits is refused as it is set, also then.
 */
const API = {
  state: {
    get() { return wasm ? use(this, (w) => w.getState()) : this[SAVED] ?? { version: 1, steps: [] }; },
    set(doc) {
      // Not in the page (mount() sets the state before appending), or the
      // wasm not here yet: keep the document for the widget to come.
      if (!this[WIDGET] && (!wasm || !this.isConnected)) {
        if (!keeps(this, 1, doc)) return;
        this[SAVED] = doc;
        delete this[QUEUED];
      } else use(this, (w) => w.setState(doc));
    },
    configurable: true,
  },
  progress: {
    get() { return wasm ? use(this, (w) => w.progress()) : 0; },
    configurable: true,
  },
  strings: {
    get() { return this[STRINGS] ?? {}; },
    set(value) {
      // Kept only when taken (the last good phrases stay).
      if (this[WIDGET] ? this[WIDGET].setStrings(value) : keeps(this, 3, value)) this[STRINGS] = value;
    },
    configurable: true,
  },
  update: {
    value(patch) {
      if (wasm) use(this, (w) => w.update(patch));
      else if (!failure && keeps(this, 2, patch)) (this[QUEUED] ??= []).push(patch);
    },
    configurable: true, writable: true,
  },
  refresh: {
    value() {
      if (!this.isConnected) return Promise.reject(new Error("Momentum: refresh() needs the element to be in the page"));
      if (wasm) return widgetOf(this).refresh();
      if (failure) return Promise.reject(new Error("Momentum: " + failure));
      return load().then(() => this.refresh());
    },
    configurable: true, writable: true,
  },
  lint: {
    /** The warnings and design checks (rule 46); [] until the widget has started. */
    value() { return this[WIDGET] ? this[WIDGET].lint() : []; },
    configurable: true, writable: true,
  },
  momentumList: {
    get() { return this[ORIGIN] ?? null; },
    configurable: true,
  },
};

/**
 * Takes off `el` the properties set on it before it had the API (a framework
 * rendering before momentum.js loaded), for the API's setters (rule 38).
 */
function early(el) {
  const set = {};
  for (const prop of SETTABLE) {
    if (Object.hasOwn(el, prop)) {
      set[prop] = el[prop];
      delete el[prop];
    }
  }
  return set;
}

class MomentumProgress extends (PAGE ? HTMLElement : class {}) {
  static get observedAttributes() { return ATTRIBUTES; }
  connectedCallback() {
    Object.assign(this, early(this));
    place(this);
  }
  disconnectedCallback() { release(this); }
  attributeChangedCallback(_name, oldValue, newValue) {
    if (oldValue !== newValue) this[WIDGET]?.configure();
  }
}
Object.defineProperties(MomentumProgress.prototype, API);

/** Turns one [data-momentum] element into a widget (rules 1 and 22). */
function enhance(el) {
  if (el[INSERTED] || el.localName === TAG) return;
  if (HOSTABLE.has(el.tagName)) {
    if (!el[ENHANCED]) {
      el[ENHANCED] = true;
      const set = early(el);
      Object.defineProperties(el, API);
      Object.assign(el, set);
    }
    place(el);
    return;
  }
  // Lists and other elements that cannot host a shadow root: insert a
  // <momentum-progress> before it that takes its data- attributes. The list
  // is hidden once the widget shows the steps, never before.
  const widget = document.createElement(TAG);
  for (const { name, value } of el.attributes) {
    if (name.startsWith("data-") && name !== "data-momentum") widget.setAttribute(name.slice(5), value);
  }
  widget[ORIGIN] = el;
  el[INSERTED] = widget;
  Object.defineProperty(el, "momentumWidget", { value: widget, configurable: true });
  el.before(widget);
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
    if (el[INSERTED]) {
      el[INSERTED].remove();
      delete el[INSERTED];
      delete el.momentumWidget;
      el.hidden = false;
    } else if (el[ENHANCED]) release(el);
  }
}

if (PAGE && !customElements.get(TAG)) customElements.define(TAG, MomentumProgress);

if (PAGE && !globalThis[STARTED]) {
  globalThis[STARTED] = true;
  // The wasm's request starts now, not when the first widget connects: it
  // downloads and compiles while the page parses (a failure is caught in
  // load(), so the import still resolves).
  load();
  const start = () => {
    scan(document.documentElement);
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.removedNodes) forget(n);
        // Elements added, and hostable widgets back in the page (they
        // reconnect, or start again from their saved state).
        for (const n of r.addedNodes) scan(n);
      }
    }).observe(document.documentElement, { childList: true, subtree: true });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
  else start();
}

/**
 * Appends a <momentum-progress> to `target`, configured by `options`
 * (attribute names in camelCase, plus `state`), and returns it (rule 12).
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
