// The in-page recorder of the cross-engine cases: a classic script that every
// harness page loads first, before momentum.js. WebDriver's log endpoint does
// not exist in every engine (WebKitWebDriver has none), so the page records
// what a case checks itself:
//
//   __mo.console   every console.warn / console.error call: { level, text, args, element }
//   __mo.errors    uncaught errors, unhandled rejections, console.error and CSP
//                  violations, as text (a clean page has none)
//   __mo.events    every momentum-* event: { type, detail, target, id, bubbles, composed, cancelable }
//
// It is a file (not an inline script) so it also runs under a strict CSP.
(() => {
  if (window.__mo) return;
  const mo = (window.__mo = { console: [], errors: [], events: [] });
  /** An error's message and stack (Firefox's and WebKit's stack leaves the message out). */
  const describe = (e) => (e instanceof Error ? String(e) + (e.stack && !e.stack.startsWith(String(e)) ? "\n" + e.stack : "") : String(e));
  const show = (a) => {
    if (a instanceof Element) return `<${a.localName}>`;
    if (a instanceof Error) return describe(a);
    if (typeof a === "object" && a !== null) { try { return JSON.stringify(a); } catch { return String(a); } }
    return String(a);
  };
  for (const level of ["warn", "error"]) {
    const original = console[level];
    console[level] = function (...args) {
      const element = args.find((a) => a instanceof Element);
      const text = args.map(show).join(" ");
      mo.console.push({ level, text: show(args[0]), args: args.map(show), element: element ? element.tagName : null });
      if (level === "error") mo.errors.push("console.error: " + text);
      return original.apply(this, args);
    };
  }
  addEventListener("error", (e) => {
    // Capture phase: also failed <script>/<link>/<img> loads, which never bubble.
    if (e instanceof ErrorEvent) mo.errors.push("uncaught: " + (e.error ? describe(e.error) : e.message));
    else if (e.target && e.target !== window) mo.errors.push("failed to load: <" + e.target.localName + "> " + (e.target.src || e.target.href || ""));
  }, true);
  addEventListener("unhandledrejection", (e) => mo.errors.push("unhandled rejection: " + show(e.reason)));
  document.addEventListener("securitypolicyviolation", (e) => mo.errors.push(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  const EVENTS = ["ready", "change", "step-complete", "celebrate", "stalled", "error", "step-select", "promise"];
  for (const name of EVENTS) {
    addEventListener("momentum-" + name, (e) => {
      let detail;
      try { detail = JSON.parse(JSON.stringify(e.detail)); } catch { detail = String(e.detail); }
      mo.events.push({
        type: e.type, detail, target: e.target.tagName, id: e.target.id,
        bubbles: e.bubbles, composed: e.composed, cancelable: e.cancelable,
      });
    }, true);
  }
  // Each case starts with nothing remembered (celebrations, open rows), unless
  // its page asks to keep storage (a reload case).
  if (!/[?&]keep-storage\b/.test(location.search)) {
    try { localStorage.clear(); sessionStorage.clear(); } catch { /* storage blocked */ }
  }

  /** The first element matching `sel` that has a shadow root (the widget), or null. */
  const host = (sel) => [...document.querySelectorAll(sel || "momentum-progress, [data-momentum]")].find((e) => e.shadowRoot) || null;
  /** Text of each shadow part `part` of that widget (spaces normalised), or null. */
  mo.parts = (part, sel) => {
    const h = host(sel);
    return h ? [...h.shadowRoot.querySelectorAll(`[part~="${part}"]`)].map((e) => mo.text(e)) : null;
  };
  /** An element's text with runs of white space (also no-break and narrow spaces) as one space. */
  mo.text = (e) => (e ? e.textContent.replace(/[\s\u00a0\u202f]+/g, " ").trim() : null);
  mo.host = host;
  /** `sel` inside the widget's shadow root. */
  mo.$ = (sel, hostSel) => { const h = host(hostSel); return h ? h.shadowRoot.querySelector(sel) : null; };
  mo.$$ = (sel, hostSel) => { const h = host(hostSel); return h ? [...h.shadowRoot.querySelectorAll(sel)] : []; };
})();
