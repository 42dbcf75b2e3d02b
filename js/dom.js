// The shadow tree: the parts every widget shows are built with it, the others
// the first time they have something to show; from then on it changes only
// through the methods below, which the widget code calls while it decodes the
// wasm's patches. Text from data is always set as text (`textContent`), never parsed as HTML.
import CSS from "./style.css";
import {
  FIELD_STATUS as STATUS, FIELD_LABEL as LABEL, FIELD_STATE as STATE, FIELD_MARKER as MARKER,
  FIELD_ESTIMATE as ESTIMATE, FIELD_CURRENT as CURRENT, FIELD_TIME as TIME, FIELD_DETAIL as DETAIL, FIELD_ALL as ALL,
  SLOT_VARIANT, SLOT_ORIENTATION, SLOT_TITLE, SLOT_MESSAGE, SLOT_NOTICE, SLOT_REMAINING, SLOT_PULSE, SLOT_PROMISE,
  SLOT_SUMMARY, SLOT_POSITION, SLOT_PERCENT,
} from "./protocol.js";

let sheet;

/** One stylesheet object shared by every widget on the page (adopted: CSP-safe). */
function sharedSheet() {
  if (!sheet) {
    try {
      const s = new CSSStyleSheet();
      s.replaceSync(CSS);
      sheet = s;
    } catch {}
  }
  return sheet;
}

/**
 * A new `tag` of class `cls`, with `part` (unless empty), the attributes in
 * `attrs` and the `children`.
 */
function el(doc, tag, cls, part, attrs, ...children) {
  const e = doc.createElement(tag);
  e.className = cls;
  if (part) e.setAttribute("part", part);
  for (const name in attrs) e.setAttribute(name, attrs[name]);
  if (children.length) e.append(...children);
  return e;
}

/** The attribute of decoration a screen reader skips. */
const HIDDEN = { "aria-hidden": "true" };

const flag = (e, name, on) => e.toggleAttribute(name, on);

function text(e, t) {
  e.textContent = t;
  flag(e, "hidden", !t);
}

/** A "Show steps" / "Done (N)" toggle: button, list, expanded, done, labels. */
const toggler = (b, l, d) => ({ b, l, x: false, d, on: "", off: "" });

function sync(t) {
  t.b.setAttribute("aria-expanded", t.x ? "true" : "false");
  t.b.textContent = t.x ? t.off : t.on;
  flag(t.l, "hidden", t.d && !t.x);
}

// The root's children in order. The summary, bar, list and live region are
// made with the tree; the others the first time they have something to show,
// then kept (hidden while empty) as if made at the start.
const ORDER = ["title", "message", "summary", "bar", "status", "compact", "tier", "promise", "notice", "done", "list", "done-group", "empty", "live"];

// The one-line parts by root slot code (or name): class, part name (when not
// the class), and for the two in the status line whether it comes first.
const LINES = {
  [SLOT_TITLE]: ["title"], [SLOT_MESSAGE]: ["message"], [SLOT_NOTICE]: ["notice"], [SLOT_PROMISE]: ["promise"],
  [SLOT_REMAINING]: ["remaining", , 1], [SLOT_PULSE]: ["pulse", "updated", 0], compact: ["compact"], tier: ["tier"],
};

export class Dom {
  #root; #bar; #fill; #list; #live; #labels;
  /**
   * The root's children and the status line's two, by class (ORDER, LINES).
   * @type {Record<string, HTMLElement>}
   */
  #parts;
  /** The summary's three texts by slot code, always shown. */
  #summary;
  /** The two toggles, made with the completion view and the done group. */
  #show = null; #group = null;
  #doc;
  /** The lint panel's parts (rule 46), made when first shown. */
  #lint = null;
  #interactive = false;
  #open = null;
  #queued = [];
  #announceTimer;
  #celebrateTimer;
  /** @type {Map<string, any>} */
  #steps = new Map();

  /**
   * Builds the tree in `host`'s open shadow root (attached when missing, else
   * cleared): the parts every widget shows; the others come when first needed.
   * @param {Element} host
   * @param {{progressLabel: string, empty: string}} labels
   * @param {(id: string) => void} onSelect called when a person clicks a row button
   */
  constructor(host, labels, onSelect) {
    const d = (this.#doc = host.ownerDocument);
    this.#labels = labels;
    const shadow = host.shadowRoot || host.attachShadow({ mode: "open" });
    shadow.textContent = "";
    const s = sharedSheet();
    if (s) shadow.adoptedStyleSheets = [s];
    const numbers = (this.#summary = {
      [SLOT_SUMMARY]: el(d, "span", "count"),
      [SLOT_POSITION]: el(d, "span", "sr-only"),
      [SLOT_PERCENT]: el(d, "span", "percent"),
    });
    const parts = (this.#parts = {
      // The position sentence first, so a screen reader hears "Step 3 of 5".
      summary: el(d, "p", "summary", "summary", null, numbers[SLOT_POSITION], numbers[SLOT_SUMMARY], numbers[SLOT_PERCENT]),
      bar: (this.#bar = el(d, "div", "bar", "bar", {
        role: "progressbar", "aria-valuemin": "0", "aria-valuemax": "100", "aria-label": labels.progressLabel,
      }, (this.#fill = el(d, "div", "fill")))),
      list: (this.#list = el(d, "ol", "list", "list", { id: "momentum-list" })),
      // The polite live region is there from the start, so that a screen
      // reader reads what is put in it later.
      live: (this.#live = el(d, "div", "sr-only", "", { role: "status", "aria-live": "polite" })),
    });
    const root = (this.#root = el(d, "div", "root", "root", null, parts.summary, parts.bar, parts.list, parts.live));
    // One listener for the whole tree: the two toggles flip on their own (no
    // call back into the widget); a click on a row button selects its step.
    root.addEventListener("click", (e) => {
      const t = e.target;
      if (!t.closest) return;
      const g = t.closest(".show-steps") ? this.#show : t.closest(".done-toggle") ? this.#group : null;
      if (g) {
        g.x = !g.x;
        sync(g);
        return;
      }
      const id = t.closest("button.row")?.closest("li")?.getAttribute("data-id");
      if (id != null) onSelect(id);
    });
    shadow.append(root);
  }

  /** The root child `name` (of ORDER), made by `make` and put in its place the first time. */
  #part(name, make) {
    const p = this.#parts;
    if (!p[name]) {
      const e = (p[name] = make());
      let i = ORDER.indexOf(name), next;
      while (!(next = p[ORDER[++i]]));
      this.#root.insertBefore(e, next);
    }
    return p[name];
  }

  /** Shows `t` on the line `key` (of LINES), made when it first has a text; hidden while empty. */
  #line(key, t) {
    const [cls, part = cls, first] = LINES[key], p = this.#parts, d = this.#doc;
    let e = p[cls];
    if (!e) {
      if (!t) return;
      e = el(d, first == null ? "p" : "span", cls, part, cls == "compact" ? HIDDEN : null);
      if (first == null) this.#part(cls, () => e);
      else {
        const status = this.#part("status", () => el(d, "p", "status"));
        if (first) status.prepend(e);
        else status.append(e);
        p[cls] = e;
      }
    }
    text(e, t);
  }

  /**
   * The lint panel (rule 46), a disclosure listing `items` ({ code, message }),
   * made the first time; `null` removes it.
   */
  lint(items) {
    const d = this.#doc;
    let p = this.#lint;
    if (!items) {
      p?.box.remove();
      this.#lint = null;
      return;
    }
    if (!p) {
      const summary = el(d, "summary", "");
      const list = el(d, "ul", "");
      p = this.#lint = { box: el(d, "details", "lint", "lint", { open: "" }, summary, list), summary, list };
      this.#root.append(p.box);
    }
    const n = items.length;
    p.summary.textContent = `Design checks (lint): ${n ? n : "no"} problem${n == 1 ? "" : "s"}`;
    p.list.replaceChildren(...items.map((i) => el(d, "li", "", "", { "data-code": i.code }, el(d, "code", "", "", null, i.code), " " + i.message)));
    flag(p.list, "hidden", !n);
  }

  /** Whether the lint panel is shown. */
  linted() {
    return !!this.#lint;
  }

  /** Whether no step has been rendered yet (the first render is next). */
  fresh() {
    return this.#steps.size === 0;
  }

  /** Opens the row of step `id` (one at a time), or none (`null`). */
  setOpen(id) {
    this.#open = id ?? null;
    for (const [sid, n] of this.#steps) {
      const open = id === sid;
      flag(n.li, "data-open", open);
      if (this.#interactive) n.row.setAttribute("aria-expanded", open ? "true" : "false");
    }
  }

  /**
   * The phrases the tree was built with, in another language, and its
   * direction: `rtl` for a right-to-left language file, else the page's.
   * @param {{progressLabel: string, empty: string}} labels
   * @param {"rtl" | null} dir
   */
  language(labels, dir) {
    this.#labels = labels;
    this.#bar.setAttribute("aria-label", labels.progressLabel);
    if (this.#parts.empty) this.#parts.empty.textContent = labels.empty;
    if (dir) this.#root.setAttribute("dir", dir);
    else this.#root.removeAttribute("dir");
  }

  // Root slots (Slot in view.rs).

  /**
   * A root slot that takes one value, by its code (protocol.js SLOT_): the
   * variant, the orientation, the texts hidden while empty, and the summary's
   * three, always shown.
   */
  slot(slot, value) {
    if (slot === SLOT_VARIANT) this.#root.setAttribute("data-variant", value);
    else if (slot === SLOT_ORIENTATION) this.#root.setAttribute("data-orientation", value);
    else if (LINES[slot]) this.#line(slot, value);
    else if (this.#summary[slot]) this.#summary[slot].textContent = value;
  }

  extras(interactive, compact, tier, doneGroup) {
    flag(this.#root, "data-interactive", !!interactive);
    this.#line("compact", compact);
    this.#line("tier", tier);
    if (!doneGroup && !this.#group) return;
    const g = this.#doneGroup();
    flag(this.#parts["done-group"], "hidden", !doneGroup);
    g.on = g.off = doneGroup;
    sync(g);
  }

  /** The checklist's "Done (N)" group and its toggle, made when a step is first done there. */
  #doneGroup() {
    if (!this.#group) {
      const d = this.#doc;
      const b = el(d, "button", "done-toggle", "", { type: "button", "aria-controls": "momentum-done-list" });
      const l = el(d, "ol", "list done-list", "done-list", { id: "momentum-done-list" });
      this.#part("done-group", () => el(d, "div", "done-group", "done-group", { hidden: "" }, b, l));
      this.#group = toggler(b, l, true);
    }
    return this.#group;
  }

  done(isDone, doneTitle, doneDetail, showSteps, hideSteps) {
    isDone = !!isDone;
    flag(this.#root, "data-done", isDone);
    if (!isDone && !this.#show) return;
    const d = this.#doc, t = (this.#show ||= toggler(
      el(d, "button", "show-steps", "", { type: "button", "aria-controls": "momentum-list" }), this.#list, false));
    // The completion view, made when the journey is first complete.
    const box = this.#part("done", () => {
      const mark = el(d, "span", "done-mark", "", HIDDEN);
      mark.textContent = "✓";
      return el(d, "div", "done", "done", null, mark, el(d, "p", "done-title"), el(d, "p", "done-detail"), t.b);
    });
    box.children[1].textContent = doneTitle;
    box.children[2].textContent = doneDetail;
    flag(box, "hidden", !isDone);
    t.on = showSteps;
    t.off = hideSteps;
    t.d = isDone;
    sync(t);
  }

  /**
   * The bar, as the core computed it: `percent` the whole percentage for
   * aria-valuenow, `thousandths` (0..1000) the fill's scale, `percentText` its words.
   */
  bar(percent, thousandths, percentText) {
    this.#bar.setAttribute("aria-valuenow", percent);
    this.#bar.setAttribute("aria-valuetext", percentText);
    // Written "0.375", "0.000" or "1".
    this.#fill.style.setProperty("--momentum-fraction", thousandths >= 1000 ? "1" : "0." + thousandths.padStart(3, "0"));
  }

  // Steps.

  /** Rows change kind (button or box) with `interactive`: removes every row; the caller inserts them again. */
  setInteractive(on) {
    this.#interactive = !!on;
    for (const n of this.#steps.values()) n.li.remove();
    this.#steps.clear();
  }

  remove(id) {
    const n = this.#steps.get(id);
    if (n) {
      n.li.remove();
      this.#steps.delete(id);
    }
  }

  /** Creates the step and inserts it before the row of `beforeId` (at the end when none). */
  insert(step, beforeId) {
    const n = this.#newStep(step);
    this.#list.insertBefore(n.li, this.#before(beforeId));
    this.#steps.set(step.id, n);
  }

  move(id, beforeId) {
    const n = this.#steps.get(id);
    if (n) this.#list.insertBefore(n.li, this.#before(beforeId));
  }

  update(step, fields) {
    const n = this.#steps.get(step.id);
    if (n) updateStep(n, step, fields, this.#interactive);
  }

  /**
   * Keeps every step in the list it belongs in, in view order (for the
   * checklist, done steps live in the "Done (N)" group). Moves only what is
   * out of place. `entries`: [id, inDoneList] in view order.
   */
  place(entries) {
    const open = [];
    const done = [];
    for (const [id, inDone] of entries) {
      const n = this.#steps.get(id);
      if (n) (inDone ? done : open).push(n.li);
    }
    // A row on its way to the other list is passed over, not moved around.
    const inDone = new Set(done);
    arrange(this.#list, open, (li) => inDone.has(li));
    if (done.length || this.#group) arrange(this.#doneGroup().l, done, (li) => !inDone.has(li));
  }

  /** Marks the widget as having no steps; the "No steps yet" line is made the first time. */
  empty(on) {
    flag(this.#root, "data-empty", !!on);
    if (on) this.#part("empty", () => el(this.#doc, "p", "empty", "", null, this.#labels.empty));
  }

  /**
   * Queues sentences for the polite live region. Announcements arriving
   * close together are read as one, so a screen reader is not flooded.
   */
  announce(sentences) {
    if (!sentences || !sentences.length) return;
    const q = this.#queued;
    q.push(...sentences);
    clearTimeout(this.#announceTimer);
    this.#announceTimer = setTimeout(() => {
      this.#live.textContent = q.splice(0).join(". ");
    }, 250);
  }

  /**
   * The built-in celebration: marks the root for a short CSS animation;
   * `confetti` also bursts a canvas over the widget. Both are removed when
   * finished and never change the layout.
   */
  celebrate(confetti) {
    const root = this.#root;
    root.setAttribute("data-celebrating", "");
    clearTimeout(this.#celebrateTimer);
    this.#celebrateTimer = setTimeout(() => root.removeAttribute("data-celebrating"), 1600);
    if (confetti) {
      try {
        burst(this.#doc, root);
      } catch {}
    }
  }

  /** The row of `id` when it is in the main list, else null (the end). */
  #before(id) {
    const li = id ? this.#steps.get(id)?.li : null;
    return li && li.parentNode === this.#list ? li : null;
  }

  #newStep(v) {
    const li = newRow(this.#doc, this.#interactive);
    li.setAttribute("data-id", v.id);
    const row = li.firstChild, body = row.lastChild, meta = body.lastChild;
    // The parts a step rarely has (time, lock, reason, the panel with its
    // description and link) are made when first needed: most rows then have
    // 8 elements, not 15.
    const n = {
      li, row, marker: row.firstChild, body, label: body.firstChild, meta, state: meta.firstChild,
      estimate: meta.lastChild, time: null, lock: null, reason: null, panel: null, description: null,
      panelLink: null, labelLink: null,
    };
    updateStep(n, v, ALL, this.#interactive);
    flag(li, "data-open", this.#open === v.id);
    return n;
  }
}

// A step's row with the parts every step has. (Cloning a prototype row was
// measured slower in Chromium than building it.)
function newRow(d, interactive) {
  // Selectable rows are real buttons (docs/reference.md#accessibility); otherwise a plain box.
  const row = interactive
    ? el(d, "button", "row", "", { type: "button", "aria-expanded": "false" })
    : el(d, "div", "row");
  row.append(
    el(d, "span", "marker", "marker", HIDDEN),
    el(d, "span", "body", "", null,
      el(d, "span", "label", "label"),
      el(d, "span", "meta", "", null, el(d, "span", "state"), el(d, "span", "estimate", "estimate"))),
  );
  return el(d, "li", "step", "step", null, row);
}

/**
 * Puts `want` in `list` in order, moving only what is out of place; rows
 * that `leaves` (bound for the other list) are passed over.
 */
function arrange(list, want, leaves) {
  let cursor = list.firstElementChild;
  for (const li of want) {
    while (cursor && leaves(cursor)) cursor = cursor.nextElementSibling;
    if (cursor === li) cursor = cursor.nextElementSibling;
    else list.insertBefore(li, cursor);
  }
}

/**
 * Shows `value` in the step's span `n[key]` (class and part `key`), which is
 * made, and placed by `put`, the first time there is a value.
 */
function optional(n, key, value, put) {
  if (!value && !n[key]) return;
  if (!n[key]) put((n[key] = el(n.li.ownerDocument, "span", key, key)));
  text(n[key], value);
}

function updateStep(n, v, f, interactive) {
  const { li, row, label } = n;
  const d = li.ownerDocument;
  if (f & STATUS) li.setAttribute("data-status", v.status);
  if (f & (LABEL | DETAIL)) {
    // A safe href makes the label a link, except inside a row
    // button (a link in a button is not allowed): there it goes in the panel.
    if (v.href && !interactive) {
      const a = (n.labelLink ||= el(d, "a", "label-link"));
      a.textContent = v.label;
      a.setAttribute("href", v.href);
      if (!a.isConnected || !label.firstElementChild) {
        label.textContent = "";
        label.append(a);
      }
    } else {
      label.textContent = v.label;
    }
    if (!n.panel && (v.description || (v.href && interactive))) {
      n.panel = el(d, "div", "panel", "panel", null,
        (n.description = el(d, "p", "description", "description")),
        (n.panelLink = el(d, "a", "panel-link", "link")));
      li.append(n.panel);
      f |= DETAIL;
    }
    const panelLink = n.panelLink;
    if (panelLink) {
      panelLink.textContent = v.label;
      if (!v.href || !interactive) {
        panelLink.removeAttribute("href");
        flag(panelLink, "hidden", true);
      } else {
        panelLink.setAttribute("href", v.href);
        flag(panelLink, "hidden", false);
      }
    }
  }
  if (f & DETAIL) {
    if (n.panel) {
      text(n.description, v.description);
      flag(n.panel, "hidden", !v.description && (!v.href || !interactive));
    }
    optional(n, "lock", v.locked, (e) => n.meta.after(e));
    optional(n, "reason", v.reason, (e) => n.body.append(e));
    flag(li, "data-reverted", !!v.reverted);
    flag(li, "data-locked", !!v.locked);
    if (interactive) {
      if (v.locked) row.setAttribute("aria-disabled", "true");
      else row.removeAttribute("aria-disabled");
    }
  }
  if (f & STATE) n.state.textContent = v.state;
  if (f & MARKER) n.marker.textContent = v.marker;
  if (f & ESTIMATE) text(n.estimate, v.estimate);
  if (f & TIME) optional(n, "time", v.time, (e) => n.meta.append(e));
  if (f & CURRENT) {
    if (v.current) li.setAttribute("aria-current", "step");
    else li.removeAttribute("aria-current");
  }
}

const COLORS = ["#1d4ed8", "#15803d", "#f59e0b", "#db2777", "#7c3aed"];

/**
 * A short confetti burst on a canvas laid over `root` (absolutely positioned
 * by the stylesheet, pointer-events off), removed after about 1.6 s or as
 * soon as it leaves the page.
 */
function burst(doc, root) {
  const canvas = el(doc, "canvas", "confetti", "", HIDDEN);
  const rect = root.getBoundingClientRect();
  const ratio = Math.max(devicePixelRatio, 1);
  const w = Math.max(rect.width, 1);
  const h = Math.max(rect.height, 120);
  canvas.width = w * ratio;
  canvas.height = h * ratio;
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  root.append(canvas);
  ctx.scale(ratio, ratio);
  const rnd = Math.random;
  // x, y, vx, vy, angle, spin, colour
  const bits = [];
  for (let i = 0; i < 90; i++) {
    bits.push([
      w / 2 + (rnd() - 0.5) * w * 0.3,
      h * 0.35,
      (rnd() - 0.5) * 9,
      -4 - rnd() * 7,
      rnd() * 6.3,
      (rnd() - 0.5) * 0.4,
      i % 5,
    ]);
  }
  const start = Date.now();
  const frame = () => {
    const t = Date.now() - start;
    ctx.clearRect(0, 0, w, h);
    if (t > 1600 || !canvas.isConnected) {
      canvas.remove();
      return;
    }
    ctx.globalAlpha = Math.min(Math.max(1 - t / 1600, 0), 1);
    for (const b of bits) {
      b[0] += b[2];
      b[1] += b[3];
      b[3] += 0.35;
      b[2] *= 0.99;
      b[4] += b[5];
      ctx.save();
      ctx.translate(b[0], b[1]);
      ctx.rotate(b[4]);
      ctx.fillStyle = COLORS[b[6]];
      ctx.fillRect(-4, -2.5, 8, 5);
      ctx.restore();
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}
