// One widget: the browser's side of a wasm `Core`. It reads the page, hands
// every input to the core as one token string, and carries out what comes
// back (shadow-tree patches, events, timers, storage). The instruction set is
// documented in src/shell/mod.rs; the token format in src/codec.rs.
import { Core, check as wasmCheck, backoff as wasmBackoff } from "./momentum_wasm.js";
import { Dom } from "./dom.js";
import * as net from "./net.js";
import * as tabs from "./tabs.js";
import { encode, PAGE_API, DOCUMENT, MAX_DEPTH } from "./limits.js";
import { contrast } from "./contrast.js";
import * as languages from "./languages.js";

// The wasm never unwinds: an exception out of it (a trap, which is what a Rust
// panic becomes, or memory running out) can leave any core half-changed. So
// the first one stops them all: one console line, no call into the wasm
// after it, nothing thrown into the page, and every widget keeps showing its
// last good state. Each method's stand-in answer is what a core with nothing
// to say would give.
const IDLE = {
  ready: false, ensure: "", reconfigure: "", accept: "", render: "", stall: "", select: "",
  state: "z", nums: [], progress: 0, hasSteps: false, outOfDate: undefined,
  setStrings: undefined, src: undefined, live: 2, pollMs: 0, storageBase: undefined, free: undefined, lint: "",
};
let broken = false;
function guard(f, idle) {
  return function (...args) {
    if (!broken) {
      try { return f.apply(this, args); } catch (e) {
        broken = true;
        console.error("Momentum: internal error; widgets on this page stop updating. Please report it with this line:", e);
      }
    }
    return idle;
  };
}
for (const [name, idle] of Object.entries(IDLE)) Core.prototype[name] = guard(Core.prototype[name], idle);
const DEAD = Object.fromEntries(Object.entries(IDLE).map(([name, idle]) => [name, () => idle]));
const newCore = guard((prefixed) => new Core(prefixed), DEAD);
const check = guard(wasmCheck, undefined);
const backoff = guard(wasmBackoff, 30_000);

const SEP = "\u001f";
/** Most warnings a widget remembers as already logged (rule 52); older ones may be logged again. */
const MAX_WARNINGS = 1000;
/** The page's side of the configuration wraps the inline document one level down. */
const PAGE = { bytes: Infinity, depth: MAX_DEPTH + 1, values: Infinity };

/** Widget attributes (SPEC §2), without the `data-` prefix. */
export const ATTRIBUTES = [
  "src", "live", "poll", "variant", "orientation", "celebrate", "milestones",
  "stall-after", "done-message", "locale", "storage-key", "interactive", "strings",
  "value", "unit", "hours", "holidays", "time-zone", "lint",
];

/** JSON `text` (an attribute, an inline script), parsed within `limits`: { value } or { error }. */
function parse(text, limits) {
  if (text.length > limits.bytes) return { error: `is larger than ${limits.bytes / 1e6} MB as JSON` };
  let value;
  try { value = JSON.parse(text); } catch { return { error: "is not valid JSON" }; }
  const t = encode(value, limits);
  return typeof t == "string" ? { error: t } : { value };
}

/** Reads one JSON value at `r.i` of the tokens `t` (numbers from `r.nums()`). */
function decodeAt(t, r) {
  const tok = t[r.i++] ?? "z";
  switch (tok[0]) {
    case "n": return r.nums()[r.n++];
    case "s": return tok.slice(1);
    case "t": return true;
    case "f": return false;
    case "[": { const a = []; while (t[r.i] !== "]" && r.i < t.length) a.push(decodeAt(t, r)); r.i++; return a; }
    case "{": {
      const o = {};
      while (t[r.i] !== "}" && r.i < t.length) { const k = t[r.i++].slice(1); o[k] = decodeAt(t, r); }
      r.i++;
      return o;
    }
  }
  return null;
}

/**
 * Checks a state document for net.js, which has parsed it from the response
 * body or message (refusing one over 1 MB): within the document limits, and
 * usable by the core. { doc } or { error }.
 */
function read(value) {
  const doc = encode(value, DOCUMENT);
  if (typeof doc == "string") return { error: "the state document " + doc };
  const error = check(doc[0], doc[1]);
  return error == null ? { doc } : { error };
}
net.setup({ read, backoff });

// Celebrations fired and rows opened, per storage key; in memory when
// localStorage is unavailable or full. Celebrations other tabs recorded count
// too, also before they reach this tab's storage (rule 47).
const memory = new Map();
const store = {
  get(key) {
    let v = null;
    try { v = localStorage.getItem(key); } catch { /* blocked storage */ }
    return tabs.recorded(key, v ?? memory.get(key) ?? null);
  },
  set(key, value) {
    try { localStorage.setItem(key, value); return; } catch { /* blocked or full */ }
    memory.set(key, value);
  },
};

// One clock for every widget's relative times ("2 minutes ago"): one timer,
// none while the page is hidden, everything due re-rendered when it shows.
// `due`: widget -> when (ms since epoch); `clockTimer` fires at `clockAt`.
const due = new Map();
let clockTimer = 0, clockAt = Infinity, clockWatching = false;
const hidden = () => document.visibilityState === "hidden";
function arm() {
  let soonest = Infinity;
  for (const at of due.values()) soonest = Math.min(soonest, at);
  if (soonest === Infinity || hidden()) {
    clearTimeout(clockTimer);
    clockTimer = 0;
    clockAt = Infinity;
    return;
  }
  if (clockTimer && clockAt <= soonest) return;
  clearTimeout(clockTimer);
  clockAt = soonest;
  clockTimer = setTimeout(tick, net.until(soonest) + 20);
}
function tick() {
  clockTimer = 0;
  clockAt = Infinity;
  if (hidden()) return;
  const now = Date.now();
  for (const [w, at] of [...due]) {
    if (at <= now + 50) { due.delete(w); w.render(); }
  }
  arm();
}
function schedule(w, at) {
  if (!clockWatching) {
    clockWatching = true;
    document.addEventListener("visibilitychange", () => {
      if (hidden()) { arm(); return; }
      const all = [...due.keys()];
      due.clear();
      for (const w of all) w.render();
      arm();
    });
  }
  if (at == null) due.delete(w); else due.set(w, at);
  arm();
}

const reducedMotion = () => matchMedia("(prefers-reduced-motion: reduce)").matches;

/**
 * Dispatches one of the widget's events on `host` (rule 5: bubbles, composed);
 * false when a listener prevented its default.
 */
export function fire(host, name, cancelable, detail) {
  return host.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, cancelable, detail }));
}

/** How warnings name the element `origin` (its widget's `host`): `Momentum <ol id="x">`, else by its src. */
export function describe(host, origin) {
  const prefixed = host.localName !== "momentum-progress";
  const id = origin.id, src = host.getAttribute(prefixed ? "data-src" : "src");
  let s = "Momentum <" + origin.localName;
  if (id) s += ` id="${id}"`;
  else if (src !== null) s += `${prefixed ? " data-src" : " src"}="${src}"`;
  return s + ">";
}

/** Adds `m` to the warnings `seen` (at most MAX_WARNINGS, the oldest forgotten first); false when it was there. */
function remember(seen, m) {
  if (seen.has(m)) return false;
  if (seen.size >= MAX_WARNINGS) seen.delete(seen.values().next().value);
  seen.add(m);
  return true;
}

/** How the page API's calls name what they refuse (rule 51), by kind: 1 el.state, 2 el.update(), 3 el.strings. */
const CALLS = {
  1: ["el.state", "the document", "the current state stays"],
  2: ["el.update()", "the document", "the current state stays"],
  3: ["el.strings", "the value", "the phrases stay as they were"],
};

/**
 * `value` encoded for the page API call `kind` (see CALLS), or null when it
 * passes the limits: then `warn` says so and `host` fires momentum-error
 * (retryInMs null). Never throws.
 */
function admit(host, warn, kind, value) {
  const t = encode(value);
  if (typeof t != "string") return t;
  const [what, noun, outcome] = CALLS[kind];
  refuse(host, warn, what, `${noun} ${t}`, outcome);
  return null;
}

/** Input refused before it reached the core (rule 51): a warning and `momentum-error`, nothing changes. */
function refuse(host, warn, what, message, outcome) {
  warn(`: ${what} was rejected: ${message}; ${outcome}`);
  fire(host, "momentum-error", false, { message, retryInMs: null });
}

/** Warnings given about input set before an element had its widget, per element. */
const early = new WeakMap();

/**
 * Whether input for the page API call `kind` (1 el.state, 2 el.update(), 3
 * el.strings) may be kept for a widget still to come (the wasm on its way,
 * or the element out of the page): within the limits (rule 51). When it is
 * not, the element warns and fires momentum-error as its widget would.
 * @param {HTMLElement} host the element with the API
 * @param {Element} origin the element the author wrote (the list of the `ol` form)
 */
export function admissible(host, origin, kind, value) {
  const warn = (text) => {
    let seen = early.get(host);
    if (!seen) early.set(host, (seen = new Set()));
    const m = describe(host, origin) + text;
    if (remember(seen, m)) console.warn(m, origin);
  };
  return admit(host, warn, kind, value) !== null;
}

/** The colours the lint checks for contrast (rule 46). */
const PROBED = ["accent", "done", "error", "muted"];
let canvas2d;

/**
 * The contrast findings (rule 46) for each colour of PROBED as the widget
 * resolves it, against its background: the first opaque one from the element
 * up, over the page's canvas colour. A canvas paints each colour over the
 * background and reads the pixel, so transparency and every CSS colour
 * syntax count.
 */
function colours(host) {
  const root = host.shadowRoot;
  canvas2d ??= document.createElement("canvas").getContext("2d", { willReadFrequently: true });
  if (!root || !canvas2d) return [];
  const probe = document.createElement("i");
  root.append(probe);
  const color = (c) => { probe.style.color = c; return getComputedStyle(probe).color; };
  const layers = [];
  for (let e = host; e; e = e.parentElement ?? e.getRootNode().host) {
    const c = getComputedStyle(e).backgroundColor;
    layers.unshift(c);
    if (/^rgb\(|^#/.test(c)) break;
  }
  layers.unshift(color("Canvas"));
  const paint = (top) => {
    canvas2d.clearRect(0, 0, 1, 1);
    for (const c of [...layers, top]) { canvas2d.fillStyle = c; canvas2d.fillRect(0, 0, 1, 1); }
    return [...canvas2d.getImageData(0, 0, 1, 1).data.slice(0, 3)];
  };
  const out = contrast(paint("transparent"), PROBED.map((name) => [`--momentum-${name}`, paint(color(`var(--_${name})`))]));
  probe.remove();
  return out;
}

// Which listed warnings an input replaces: attribute changes those about
// widget attributes; a new document those about its steps and earlier documents.
const ABOUT_ATTRIBUTES = /^(data-)?[a-z-]+="/;
const ABOUT_DOCUMENTS = /^(the document|el\.|could not update|updatedAt|three documents)/;
const ABOUT_STEPS = Object.assign(/^step "/, { steps: true });

/** `text` cut to 60 characters, for quoting a value in a warning. */
const quote = (text) => (text.length > 60 ? text.slice(0, 59) + "…" : text);

/** The browser's side of one widget. */
export class Widget {
  // Private (momentum.js, net.js and the clock use only the public methods).
  #host; #origin; #prefixed; #core; #url;
  #dom = null;
  #connected = false;
  /** What `follow` set up, as "live poll url"; null when not following. */
  #following = null;
  /** `refresh()` promises waiting for the next fetch: [resolve, reject]. */
  #waiters = [];
  #stallTimer = 0;
  /** Warnings already logged, oldest first (at most MAX_WARNINGS). */
  #warned = new Set();
  /** The `strings` attribute last refused for its size, so it is reported once. */
  #refusedStrings = null;
  /** The core's part of storage keys (storage-key, else src), read once per configuration. */
  #base;
  /** The warnings about what the widget has now, for the lint (rule 46): message -> item. */
  #notes = new Map();
  /** Whether the lint panel is due for an update (a microtask is queued). */
  #linting = false;
  /** The language the core renders in (its subtag), and the one whose file the core has. */
  #wanted = "";
  #language = "";

  /**
   * @param {HTMLElement} host the element whose shadow root shows the widget
   * @param {Element|null} origin the element the author wrote (the list for
   *   the `ol` form); `host` when null
   */
  constructor(host, origin) {
    this.#host = host;
    this.#origin = origin ?? host;
    this.#prefixed = host.localName !== "momentum-progress";
    this.#core = newCore(this.#prefixed || this.#origin !== host);
  }

  #attr(name) {
    return this.#host.getAttribute(this.#prefixed ? "data-" + name : name);
  }

  /** The page's side of the configuration (and, `full`, the markup steps and inline JSON). */
  #page(full) {
    const o = {};
    for (const name of ATTRIBUTES) {
      const v = this.#attr(name);
      if (v !== null) o[name] = v;
    }
    if (o.strings !== undefined) {
      const r = parse(o.strings, PAGE_API);
      o.stringsJson = r.value;
      if (r.error && r.error != "is not valid JSON") {
        // Too large for the page API: refused here (the core then uses the built-in phrases).
        o.stringsJson = {};
        if (this.#refusedStrings !== o.strings) {
          this.#refusedStrings = o.strings;
          const data = this.#prefixed || this.#origin !== this.#host;
          refuse(this.#host, (text) => this.#warn(text), `the ${data ? "data-" : ""}strings attribute`, "the value " + r.error,
            "using the built-in phrases");
        }
      }
    }
    const lang = this.#origin.closest("[lang]");
    if (lang) o.lang = lang.getAttribute("lang");
    o.language = navigator.language || "";
    const d = languages.data(this.#language);
    if (d) o.phrases = { [this.#language]: d.phrases };
    if (full) {
      const isList = /^(OL|UL)$/.test(this.#origin.tagName);
      let items = this.#origin.querySelectorAll(isList ? ":scope > li" : ":scope > ol > li, :scope > ul > li");
      if (!items.length && !isList) {
        // Steps written straight into the widget: used, but they are no list
        // before the widget loads (rule 41).
        items = this.#origin.querySelectorAll(":scope > li");
        if (items.length) {
          this.#warn(": <li> steps are not inside an <ol> or <ul>; allowed: an <ol> or <ul> of <li> steps " +
            "(a list before the widget loads); using them anyway.");
        }
      }
      o.markup = [...items].slice(0, 1000).map((li) => {
        const attrs = {};
        for (const name of li.getAttributeNames()) {
          if (name.startsWith("data-")) attrs[name.slice(5)] = li.getAttribute(name);
        }
        return [attrs, li.textContent.split(/\s+/).filter(Boolean).join(" ")];
      });
      const script = this.#origin.querySelector("script[type='application/json']");
      if (script) {
        const r = parse(script.textContent, DOCUMENT);
        if (r.error) o.inlineError = `the inline <script type="application/json"> ${r.error}`;
        else o.inline = r.value;
      }
    }
    const page = encode(o, PAGE);
    return typeof page == "string" ? ["z", new Float64Array(0)] : page;
  }

  /** `Momentum <ol id="x">`, naming the element in warnings. */
  #describe() {
    return describe(this.#host, this.#origin);
  }

  /** Logs a warning once per element and text (SPEC §9.14), and lists it for the lint. */
  #warn(text) {
    const step = /^, step "(.*?)": /.exec(text)?.[1];
    const message = text.replace(/^[:,] /, "");
    const note = { code: /\brequires="/.test(text) ? "requires-unknown" : "warning", message };
    if (step !== undefined) note.stepId = step;
    this.#notes.delete(message);
    if (this.#notes.size >= MAX_WARNINGS) this.#notes.delete(this.#notes.keys().next().value);
    this.#notes.set(message, note);
    this.#lintLater();
    const m = this.#describe() + text;
    if (remember(this.#warned, m)) console.warn(m, this.#origin);
  }

  /** Where the widget keeps `what`: under storage-key, else src, else the element's id (SPEC §9.7). */
  #key(what) {
    const base = this.#base ?? (this.#origin.id || null);
    return base === null ? null : `momentum:${base}:${what}`;
  }

  /** Carries out the core's instructions, then dispatches the events they queued. */
  #run(text) {
    if (!text) return;
    const t = text.split(SEP), events = [], r = this.#reader();
    let dom = this.#dom;
    const next = () => t[r.i++] ?? "";
    const flag = () => next() === "1";
    const step = () => ({
      id: next(), status: next(), label: next(), href: next(), description: next(), locked: next(),
      reason: next(), reverted: flag(), state: next(), marker: next(), estimate: next(), time: next(), current: flag(),
    });
    while (r.i < t.length) {
      const op = next();
      switch (op) {
        case "w": this.#warn(next()); break;
        case "L": {
          const progressLabel = next(), empty = next(), language = next();
          // Right to left when the core has a right-to-left language's file.
          const dir = this.#language === language && languages.data(language)?.dir == "rtl" ? "rtl" : null;
          if (!this.#dom) this.#dom = new Dom(this.#host, { progressLabel, empty }, (id) => this.#select(id));
          this.#dom.language({ progressLabel, empty }, dir);
          dom = this.#dom;
          this.#want(language);
          break;
        }
        case "r": {
          const slot = next();
          if (slot === "X") dom.extras(flag(), next(), next(), next());
          else if (slot === "D") dom.done(flag(), next(), next(), next(), next());
          else if (slot === "B") dom.bar(next(), next(), next());
          else dom.slot(slot, next()); // the slots with one value
          break;
        }
        case "x": dom.setInteractive(flag()); break;
        case "-": dom.remove(next()); break;
        case "+": { const before = next(); dom.insert(step(), before || null); break; }
        case ">": { const id = next(); dom.move(id, next() || null); break; }
        case "~": { const fields = Number(next()); dom.update(step(), fields); break; }
        case "p": {
          const entries = [];
          for (let k = Number(next()); k > 0; k--) entries.push([next(), flag()]);
          dom.place(entries);
          break;
        }
        case "e": dom.empty(flag()); break;
        case "o": dom.setOpen(next()); break;
        case "t": { const ms = next(); schedule(this, ms === "" ? null : Date.now() + Number(ms)); break; }
        case "a": {
          const sentences = [];
          for (let k = Number(next()); k > 0; k--) sentences.push(next());
          dom.announce(sentences);
          break;
        }
        case "k": {
          const key = this.#key("celebrated");
          const fired = new Set((key && store.get(key) || "").split(",").filter(Boolean));
          for (let k = Number(next()); k > 0; k--) fired.add(next());
          const v = [...fired].join(",");
          if (key) { store.set(key, v); tabs.tell(key, v); }
          break;
        }
        case "E": {
          const name = next(), cancelable = flag(), action = next();
          const select = action === "s" ? [next(), next()] : null;
          events.push({ name, cancelable, action, select, detail: decodeAt(t, r) });
          break;
        }
        case "T": {
          clearTimeout(this.#stallTimer);
          const at = next();
          if (at !== "" && this.#connected) {
            this.#stallTimer = setTimeout(() => this.#checkStall(), net.until(Number(at)) + 50);
          }
          break;
        }
      }
    }
    this.#dispatch(events);
  }

  /** Dispatches events, then the default actions nobody prevented. */
  #dispatch(events) {
    let celebrate = null, select = null;
    for (const e of events) {
      if (!fire(this.#host, e.name, e.cancelable, e.detail)) continue;
      if (e.action === "c" || e.action === "C") celebrate = celebrate || e.action === "C";
      if (e.select) select = e.select;
    }
    // The event fired either way; reduced motion only skips the animation.
    if (celebrate !== null && !reducedMotion()) this.#dom?.celebrate(celebrate);
    if (select) {
      // SPEC §9.18: open the row, remember it for the next visit, follow the link.
      const [id, href] = select;
      this.#dom?.setOpen(id);
      const key = this.#key("open");
      if (key) store.set(key, id);
      if (href) location.assign(href);
    }
  }

  /**
   * Warns about attributes the widget does not read (rules 38 and 41): one of
   * the other form (`variant` on a [data-momentum] element, `data-variant` on
   * <momentum-progress>), and a `state` attribute where the property was meant.
   */
  #checkAttributes() {
    const o = this.#origin, own = o.localName === "momentum-progress";
    const where = own ? "<momentum-progress>" : "a [data-momentum] element";
    for (const name of ATTRIBUTES) {
      const wrong = own ? "data-" + name : name;
      const v = o.getAttribute(wrong);
      if (v !== null) this.#warn(`: ${wrong}="${quote(v)}" is not read on ${where}; allowed: ${own ? name : "data-" + name}.`);
    }
    const state = own ? "state" : "data-state";
    const v = o.getAttribute(state);
    if (v !== null) {
      this.#warn(`: ${state}="${quote(v)}" is an attribute, which the widget does not read; allowed: the state ` +
        "property (el.state = doc). React 19 writes an attribute if momentum.js is not loaded yet: import it before rendering.");
    }
  }

  #ensure() {
    if (!this.#core.ready()) {
      this.#checkAttributes();
      const [t, n] = this.#page(true);
      const out = this.#core.ensure(t, n, Date.now());
      this.#base = this.#core.storageBase();
      this.#run(out);
    }
  }

  /**
   * The core renders in `language`: give it that language's file, now if it
   * has arrived, else when it does (English meanwhile). Each file is fetched
   * once per page; one that fails leaves the widget in English.
   */
  #want(language) {
    this.#wanted = language;
    if (this.#language === language) return;
    const arrived = languages.request(language);
    if (!arrived) return;
    const give = () => {
      if (!languages.data(language) || !this.#connected || this.#wanted !== language || this.#language === language) return;
      // The page's side now carries the file's phrases (see #page), under the host's `strings`.
      this.#language = language;
      this.configure();
    };
    // Arrived already: after this output is carried out, before the page paints.
    if (languages.data(language) !== undefined) queueMicrotask(give);
    else arrived.then(give);
  }

  render() {
    if (!this.#connected) return;
    const fired = this.#key("celebrated");
    const open = this.#dom?.fresh() !== false ? this.#key("open") : null;
    const resume = (open && store.get(open)) || "";
    this.#run(this.#core.render(Date.now(), resume, fired ? store.get(fired) ?? "" : undefined));
    this.#lintLater();
  }

  /**
   * Forgets the warnings `which` matches, before the input they were about is
   * read again (the core and the shell warn again about what is still wrong).
   */
  #forget(which) {
    for (const [m, note] of this.#notes) if (which.test(m) && (note.stepId === undefined) === !which.steps) this.#notes.delete(m);
  }

  /** Updates the lint panel (rule 46) once the current work is done, when it is shown or is to go. */
  #lintLater() {
    if (this.#linting || !this.#dom || (this.#attr("lint") === null && !this.#dom.linted())) return;
    this.#linting = true;
    queueMicrotask(() => {
      this.#linting = false;
      if (this.#dom && this.#connected) this.#dom.lint(this.#attr("lint") === null ? null : this.lint());
    });
  }

  /**
   * The lint list (rule 46): the warnings about what the widget has now, then
   * the design checks, as `{ code, message, stepId? }`.
   */
  lint() {
    this.#ensure();
    const t = this.#core.lint().split(SEP), out = [...this.#notes.values()];
    for (let i = 0; i + 2 < t.length; i += 3) {
      const item = { code: t[i], message: t[i + 2] };
      if (t[i + 1]) item.stepId = t[i + 1];
      out.push(item);
    }
    return this.#connected ? out.concat(colours(this.#host)) : out;
  }

  #checkStall() {
    this.#run(this.#core.stall(Date.now()));
  }

  #select(id) {
    this.#run(this.#core.select(id));
  }

  /** `src` resolved against the document, or null (none, or not a URL). */
  #src() {
    const src = this.#core.src();
    return src == null ? null : net.resolve(src);
  }

  /** Follows `src` as `live` says, if it is not already. */
  #follow() {
    const url = this.#src();
    const live = this.#core.live(), every = this.#core.pollMs();
    const want = url === null ? null : `${live} ${every} ${url}`;
    if (want === this.#following) return;
    this.#unfollow();
    if (url === null) return;
    if (live === 1) net.subscribeStream(url, this, every);
    else net.subscribe(url, this, live === 0 ? every : null);
    this.#following = want;
    this.#url = url;
  }

  #unfollow() {
    if (this.#following !== null) net.unsubscribe(this.#url, this);
    this.#following = null;
  }

  #settle(error) {
    const state = error ? null : this.getState();
    for (const [resolve, reject] of this.#waiters.splice(0)) {
      if (error) reject(new Error("Momentum: " + error)); else resolve(state);
    }
  }

  /** What a fetch or the stream brought (called by net.js). */
  deliver(d) {
    if (d.doc) {
      this.#forget(ABOUT_DOCUMENTS);
      this.#forget(ABOUT_STEPS);
      this.#run(this.#core.accept(0, d.doc[0], d.doc[1], Date.now()).slice(2));
      this.#pace();
      this.render();
      this.#checkStall();
      this.#settle(null);
    } else if (d.notModified) {
      this.#core.outOfDate(0);
      // The same document again: it counts towards a server restart (rule 53).
      this.#run(this.#core.accept(3, "", new Float64Array(0), Date.now()).slice(2));
      this.#pace();
      this.render();
      this.#checkStall();
      this.#settle(null);
    } else if (d.failed) {
      const { message, status, retryInMs } = d.failed;
      const has = this.#core.hasSteps();
      // The notice promises another try only when one is scheduled.
      this.#core.outOfDate(has ? (retryInMs == null ? 2 : 1) : 0);
      this.render();
      this.#warn(": could not update from src: " + message + (has ? "; the last good state stays" : ""));
      const detail = { message, retryInMs: retryInMs ?? null };
      if (status !== undefined) detail.status = status;
      this.#dispatch([{ name: "momentum-error", cancelable: false, detail }]);
      this.#settle(message);
    } else if (d.fellBack) {
      this.#warn(": the update stream (live=\"sse\") failed 3 times in a row; polling src instead");
    }
  }

  /** Tells the poller whether this journey is complete (every counted step
   *  done): then it asks at most every 5 minutes (rule 49). */
  #pace() {
    if (this.#following !== null) net.pace(this.#url, this, this.#core.progress() >= 1);
  }

  /** The element joined the document: render (building the tree once) and follow `src`. */
  connect() {
    if (this.#connected) return;
    this.#connected = true;
    this.#ensure();
    this.render();
    // Back in the page while its language file arrived: take it now.
    if (this.#wanted !== this.#language) this.#want(this.#wanted);
    this.#follow();
    this.#checkStall();
  }

  /** The element left the document: abort its request, stop its timers. */
  disconnect() {
    this.#connected = false;
    this.#unfollow();
    clearTimeout(this.#stallTimer);
    schedule(this, null);
    this.#settle("the element was removed from the page");
  }

  /** A widget attribute changed: re-read the configuration and re-render. */
  configure() {
    if (!this.#core.ready()) return;
    this.#forget(ABOUT_ATTRIBUTES);
    this.#checkAttributes();
    const [t, n] = this.#page(false);
    const out = this.#core.reconfigure(t, n);
    this.#base = this.#core.storageBase();
    this.#run(out);
    this.render();
    if (this.#connected) { this.#follow(); this.#checkStall(); }
  }

  /** Fetches `src` now (`el.refresh()`): resolves with the state, rejects with an Error. */
  refresh() {
    return new Promise((resolve, reject) => {
      this.#ensure();
      const url = this.#src();
      if (url === null) { reject(new Error("Momentum: refresh() needs a src attribute")); return; }
      this.#waiters.push([resolve, reject]);
      // Not polling this URL: take part in its poller without an interval.
      net.fetchNow(url, this);
    });
  }

  /** The current state document (`el.state`). */
  getState() {
    return decodeAt(this.#core.state().split(SEP), this.#reader());
  }

  /** A position in the core's last output: token index, and its numbers, fetched on first use. */
  #reader() {
    let nums = null;
    return { i: 0, n: 0, nums: () => (nums ??= this.#core.nums()) };
  }

  /** `el.state = doc`: never throws; an invalid document is a warning and `momentum-error`. */
  setState(value) { this.#take(1, value); }

  /** `el.update(patch)`: steps merged by id, other fields as given. */
  update(patch) { this.#take(2, patch); }

  #take(kind, value) {
    this.#ensure();
    const doc = admit(this.#host, (text) => this.#warn(text), kind, value);
    if (!doc) return;
    if (kind === 1) { this.#forget(ABOUT_DOCUMENTS); this.#forget(ABOUT_STEPS); }
    const out = this.#core.accept(kind, doc[0], doc[1], Date.now());
    this.#run(out.slice(2));
    if (out[0] === "1") { this.#pace(); this.render(); this.#checkStall(); }
  }

  /**
   * Phrase overrides by key (`el.strings = { doneMessage: "All set" }`);
   * false when they pass the page API's limits and were refused.
   */
  setStrings(value) {
    const t = admit(this.#host, (text) => this.#warn(text), 3, value);
    if (!t) return false;
    this.#core.setStrings(t[0], t[1]);
    this.render();
    return true;
  }

  /** Progress from 0 to 1 (`el.progress`). */
  progress() { return this.#core.progress(); }

  /** Frees the wasm side; the widget must not be used afterwards. */
  free() {
    this.disconnect();
    this.#core.free();
  }
}
