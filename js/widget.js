// One widget's lifecycle: the browser's side of a wasm `Core`. It reads the
// page, hands every input to the core as JSON text, and carries out what
// comes back as one token string (shadow-tree patches through dom.js,
// events, the clock, storage). The instruction set is
// defined in crates/core/src/wire/protocol.rs (generated into protocol.js); the token format
// in crates/core/src/wire/codec.rs.
import { newCore, check, backoff } from "./core.js";
import { Dom } from "./dom.js";
import * as tabs from "./tabs.js";
import { store } from "./store.js";
import * as languages from "./languages.js";
import { contrast } from "./contrast.js";
import { schedule, until } from "./clock.js";
import { encode, decodeAt, parse, tooLarge, SEP, PAGE_API, DOCUMENT, MAX_DEPTH } from "./codec.js";
import {
  ATTRIBUTES, MAX_WARNINGS, MAX_MARKUP_STEPS, readStep,
  OP_WARN, OP_PHRASES, OP_ROOT, OP_ROWS, OP_REMOVE, OP_INSERT, OP_MOVE, OP_UPDATE, OP_PLACE, OP_EMPTY,
  OP_OPEN, OP_TICK, OP_ANNOUNCE, OP_RECORD, OP_EVENT, OP_STALL, OP_DUE,
  SLOT_EXTRAS, SLOT_DONE, SLOT_BAR, ACTION_SUBTLE, ACTION_CONFETTI, ACTION_SELECT,
  ACCEPT_REMOTE, ACCEPT_REPLACE, ACCEPT_PATCH, ACCEPT_UNCHANGED, ACCEPT_STRINGS,
  LIVE_POLL, LIVE_SSE, OUT_OF_DATE_CURRENT, OUT_OF_DATE_RETRYING, OUT_OF_DATE_STOPPED,
} from "./protocol.js";

/** The page's side of the configuration wraps the inline document one level down. */
const PAGE = { bytes: Infinity, depth: MAX_DEPTH + 1, values: Infinity };

/**
 * Checks a state document for net.js, which has parsed it from the response
 * body or message (refusing one over 1 MB): within the document limits, and
 * usable by the core. { doc } or { error }.
 */
function read(value) {
  const doc = encode(value, DOCUMENT);
  if (typeof doc == "string") return { error: "the state document " + doc };
  const error = check(doc[0]);
  return error == null ? { doc } : { error };
}

/** net.js once it is here (see loadNet). */
let net = /** @type {typeof import("./net.js")} */ (null);
/** net.js on its way: null until the first call of loadNet. */
let netLoading = null;

/**
 * Loads net.js (following `src`), a file of its own next to momentum.js, the
 * first time a widget has a `src` (the loader asks as soon as it sees one, so
 * that it arrives alongside the wasm): a page without one never downloads it.
 * Resolves with the module, or rejects when it cannot be loaded.
 */
export function loadNet() {
  return (netLoading ??= import("./net.js").then((m) => {
    m.setup({ read, backoff, tabs, tooLarge });
    return (net = m);
  }));
}

/** Calls `fn(net)` now when net.js is here, else when it arrives; `failed(error)` when it cannot load. */
function withNet(fn, failed) {
  if (net) fn(net);
  else loadNet().then(fn, failed);
}

/** `src` resolved against the document, so equal URLs share one poller; null when it is not a URL. */
function resolve(src) {
  try {
    return new URL(src, document.baseURI).href;
  } catch {
    return null;
  }
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

/** How the page API's calls name what they refuse (rule 51), by kind (an ACCEPT_ code). */
const CALLS = {
  [ACCEPT_REPLACE]: ["el.state", "the document", "the current state stays"],
  [ACCEPT_PATCH]: ["el.update()", "the document", "the current state stays"],
  [ACCEPT_STRINGS]: ["el.strings", "the value", "the phrases stay as they were"],
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
 * Whether input for the page API call `kind` (ACCEPT_REPLACE el.state,
 * ACCEPT_PATCH el.update(), ACCEPT_STRINGS el.strings) may be kept for a widget still to come (the wasm on its way,
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

  /** The page's side of the configuration (and, `full`, the markup steps and inline JSON), as JSON text. */
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
      o.markup = [...items].slice(0, MAX_MARKUP_STEPS).map((li) => {
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
    return typeof page == "string" ? "null" : page[0];
  }

  /** `Momentum <ol id="x">`, naming the element in warnings. */
  #describe() {
    return describe(this.#host, this.#origin);
  }

  /** Logs a warning once per element and text (rule 14), and lists it for the lint. */
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

  /** Where the widget keeps `what`: under storage-key, else src, else the element's id (rule 7). */
  #key(what) {
    const base = this.#base ?? (this.#origin.id || null);
    return base === null ? null : `momentum:${base}:${what}`;
  }

  /**
   * Carries out the core's instructions (the operations of protocol.js), then
   * dispatches the events they queued. True when they say a render is due.
   */
  #run(text) {
    if (!text) return false;
    const t = text.split(SEP), events = [], r = this.#reader();
    let dom = this.#dom, due = false;
    const next = () => t[r.i++] ?? "";
    const flag = () => next() === "1";
    const count = () => Number(next());
    while (r.i < t.length) {
      switch (next()) {
        case OP_WARN: this.#warn(next()); break;
        case OP_PHRASES: {
          const progressLabel = next(), empty = next(), language = next();
          // Right to left when the core has a right-to-left language's file.
          const dir = this.#language === language && languages.data(language)?.dir == "rtl" ? "rtl" : null;
          if (!this.#dom) this.#dom = new Dom(this.#host, { progressLabel, empty }, (id) => this.#select(id));
          this.#dom.language({ progressLabel, empty }, dir);
          dom = this.#dom;
          this.#want(language);
          break;
        }
        case OP_ROOT: {
          const slot = next();
          if (slot === SLOT_EXTRAS) dom.extras(flag(), next(), next(), next());
          else if (slot === SLOT_DONE) dom.done(flag(), next(), next(), next(), next());
          else if (slot === SLOT_BAR) dom.bar(next(), next(), next());
          else dom.slot(slot, next()); // the slots with one value
          break;
        }
        case OP_ROWS: dom.setInteractive(flag()); break;
        case OP_REMOVE: dom.remove(next()); break;
        case OP_INSERT: { const before = next(); dom.insert(readStep(next, flag), before || null); break; }
        case OP_MOVE: { const id = next(); dom.move(id, next() || null); break; }
        case OP_UPDATE: { const fields = count(); dom.update(readStep(next, flag), fields); break; }
        case OP_PLACE: {
          const entries = [];
          for (let k = count(); k > 0; k--) entries.push([next(), flag()]);
          dom.place(entries);
          break;
        }
        case OP_EMPTY: dom.empty(flag()); break;
        case OP_OPEN: dom.setOpen(next()); break;
        case OP_TICK: { const ms = next(); schedule(this, ms === "" ? null : Date.now() + Number(ms)); break; }
        case OP_ANNOUNCE: {
          const sentences = [];
          for (let k = count(); k > 0; k--) sentences.push(next());
          dom.announce(sentences);
          break;
        }
        case OP_RECORD: {
          const key = this.#key("celebrated");
          const fired = new Set((key && store.get(key) || "").split(",").filter(Boolean));
          for (let k = count(); k > 0; k--) fired.add(next());
          const v = [...fired].join(",");
          if (key) { store.set(key, v); tabs.tell(key, v); }
          break;
        }
        case OP_EVENT: {
          const name = next(), cancelable = flag(), action = next();
          const select = action === ACTION_SELECT ? [next(), next()] : null;
          events.push({ name, cancelable, action, select, detail: decodeAt(t, r) });
          break;
        }
        case OP_STALL: {
          clearTimeout(this.#stallTimer);
          const at = next();
          if (at !== "" && this.#connected) {
            this.#stallTimer = setTimeout(() => this.#checkStall(), until(Number(at)) + 50);
          }
          break;
        }
        case OP_DUE: due = true; break;
      }
    }
    this.#dispatch(events);
    return due;
  }

  /** Dispatches events, then the default actions nobody prevented. */
  #dispatch(events) {
    let celebrate = null, select = null;
    for (const e of events) {
      if (!fire(this.#host, e.name, e.cancelable, e.detail)) continue;
      if (e.action === ACTION_SUBTLE || e.action === ACTION_CONFETTI) celebrate = celebrate || e.action === ACTION_CONFETTI;
      if (e.select) select = e.select;
    }
    // The event fired either way; reduced motion only skips the animation.
    if (celebrate !== null && !reducedMotion()) this.#dom?.celebrate(celebrate);
    if (select) {
      // rule 18: open the row, remember it for the next visit, follow the link.
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
      const out = this.#core.ensure(this.#page(true), Date.now());
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
    return src == null ? null : resolve(src);
  }

  /** Follows `src` as `live` says, if it is not already. */
  #follow() {
    const url = this.#src();
    const live = this.#core.live(), every = this.#core.pollMs();
    const want = url === null ? null : `${live} ${every} ${url}`;
    if (want === this.#following) return;
    this.#unfollow();
    if (url === null) return;
    this.#following = want;
    this.#url = url;
    withNet((net) => {
      // Still wanted (net.js may have arrived after an unfollow or a change).
      if (this.#following !== want) return;
      if (live === LIVE_SSE) net.subscribeStream(url, this, every);
      else net.subscribe(url, this, live === LIVE_POLL ? every : null);
    }, (e) => {
      if (this.#following === want) this.#warn(`: could not load net.js, so src is not followed (${e?.message ?? e})`);
    });
  }

  #unfollow() {
    if (this.#following !== null) {
      const url = this.#url;
      // Only after the subscription it undoes (callbacks on one promise run in order).
      withNet((net) => net.unsubscribe(url, this), () => {});
    }
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
      this.#run(this.#core.accept(ACCEPT_REMOTE, d.doc[0], Date.now()));
      this.#pace();
      this.render();
      this.#checkStall();
      this.#settle(null);
    } else if (d.notModified) {
      this.#core.outOfDate(OUT_OF_DATE_CURRENT);
      // The same document again: it counts towards a server restart (rule 53).
      this.#run(this.#core.accept(ACCEPT_UNCHANGED, "", Date.now()));
      this.#pace();
      this.render();
      this.#checkStall();
      this.#settle(null);
    } else if (d.failed) {
      const { message, status, retryInMs } = d.failed;
      const has = this.#core.hasSteps();
      // The notice promises another try only when one is scheduled.
      this.#core.outOfDate(has ? (retryInMs == null ? OUT_OF_DATE_STOPPED : OUT_OF_DATE_RETRYING) : OUT_OF_DATE_CURRENT);
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
    if (this.#following !== null && net) net.pace(this.#url, this, this.#core.progress() >= 1);
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
    const out = this.#core.reconfigure(this.#page(false));
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
      withNet((net) => net.fetchNow(url, this), (e) => this.#settle(`could not load net.js (${e?.message ?? e})`));
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
  setState(value) { this.#take(ACCEPT_REPLACE, value); }

  /** `el.update(patch)`: steps merged by id, other fields as given. */
  update(patch) { this.#take(ACCEPT_PATCH, patch); }

  #take(kind, value) {
    this.#ensure();
    const doc = admit(this.#host, (text) => this.#warn(text), kind, value);
    if (!doc) return;
    if (kind === ACCEPT_REPLACE) { this.#forget(ABOUT_DOCUMENTS); this.#forget(ABOUT_STEPS); }
    if (this.#run(this.#core.accept(kind, doc[0], Date.now()))) { this.#pace(); this.render(); this.#checkStall(); }
  }

  /**
   * Phrase overrides by key (`el.strings = { doneMessage: "All set" }`);
   * false when they pass the page API's limits and were refused.
   */
  setStrings(value) {
    const t = admit(this.#host, (text) => this.#warn(text), ACCEPT_STRINGS, value);
    if (!t) return false;
    this.#core.setStrings(t[0]);
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
