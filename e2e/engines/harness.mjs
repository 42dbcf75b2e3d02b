// The cross-engine harness: cases are registered with `test()` by the files in
// specs/, and run.mjs runs each one in every engine. See README.md here for how
// to write one. A case gets a context `t`:
//
//   t.engine                      "chromium", "firefox" or "webkit"
//   t.open(body, opts)            writes a test page (the recorder hook.js, then
//                                 momentum.js, then `body`) and opens it.
//                                 opts: { head, lang = "en", dir, module, keepStorage, name }
//                                 module: the script URL to load (default /pkg/momentum.js;
//                                 false for none)
//   t.openFile(path)              opens a copy of the page www/<path> with hook.js
//                                 inserted first in its <head> (the copy sits in a
//                                 sub-folder of the same folder, so /strict/ pages keep
//                                 their CSP; the page must use absolute URLs)
//   t.write(path, content)        writes a file of this run, served by the server;
//                                 returns its URL path (e.g. a copy of momentum.js
//                                 without its wasm next to it)
//   t.goto(url)                   navigates (a path is resolved against the server)
//   t.eval(fn, arg)               page.evaluate: fn(arg) in the page, result as JSON
//   t.wait(fn, arg, opts)         polls fn(arg) in the page until truthy; returns it
//   t.press(keys), t.click(fn, arg)   real keyboard and pointer input
//   t.parts(part, sel)            texts of the shadow parts `part` of the first widget
//                                 matching sel (default any widget); null before it renders
//   t.events(type)                the momentum-* events recorded so far (optionally one type)
//   t.warnings()                  console.warn calls: { text, args, element }
//   t.errors()                    uncaught errors, console.error calls, CSP violations
//   t.session()                   a fresh session id for the server's /api routes
//   t.skip(reason)                ends the case as skipped (only when the engine truly
//                                 cannot do it; say why)
//   t.allowErrors()               this case expects console errors (otherwise every
//                                 case ends with a check that t.errors() is empty)
//
// In the page, hook.js provides window.__mo: .parts(part, sel), .text(el),
// .host(sel), .$(sel, hostSel), .$$(sel, hostSel), .events, .console, .errors.
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, rmdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export { default as assert } from "node:assert/strict";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const WWW = join(ROOT, "www");
/** Where a run's generated pages live, under www/ (git-ignored): /__engines__/<run>/… */
export const GENERATED = "__engines__";

/** Every registered case: { name, fn, options, file }. */
export const cases = [];

/**
 * Registers a case, run in every engine.
 * options: { profile: { reducedMotion: true }, timeout: ms (default 30 s), engines: [...] }
 */
export function test(name, fn, options = {}) {
  cases.push({ name, fn, options });
}

export class Skip extends Error {}

let sessions = 0;

/** Writes `data` to `path` atomically (two runs may share the tree). */
function put(path, data) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** The files of one run: a folder under www/ named after the run. */
export class RunFiles {
  constructor(run) {
    this.run = run;
    this.dir = join(WWW, GENERATED, run);
    this.base = `/${GENERATED}/${run}`;
    this.count = 0;
    this.written = [this.dir];
    mkdirSync(this.dir, { recursive: true });
    copyFileSync(join(dirname(fileURLToPath(import.meta.url)), "hook.js"), join(this.dir, "hook.js"));
  }
  /** Removes this run's files (and the __engines__ folders, once empty). */
  cleanup() {
    for (const dir of this.written) {
      rmSync(dir, { recursive: true, force: true });
      try { rmdirSync(dirname(dir)); } catch { /* another run's files are still there */ }
    }
  }
  get hook() { return `${this.base}/hook.js`; }
  write(path, content) {
    put(join(this.dir, path), content);
    return `${this.base}/${path}`;
  }
  /** A copy of www/<path> with the hook first in its head, in <its folder>/__engines__/<run>/. */
  copyPage(path) {
    const clean = path.replace(/^\/+/, "");
    const html = readFileSync(join(WWW, clean), "utf8");
    const injected = html.replace(/<head[^>]*>/i, (m) => `${m}<script src="${this.hook}"></script>`);
    if (injected === html) throw new Error(`openFile: ${path} has no <head>`);
    const folder = dirname(clean) === "." ? "" : dirname(clean) + "/";
    const rel = `${folder}${GENERATED}/${this.run}/${clean.split("/").pop()}`;
    const target = join(WWW, rel);
    if (folder) this.written.push(join(WWW, folder, GENERATED, this.run));
    put(target, injected);
    return `/${rel}`;
  }
  page(name, { body = "", head = "", lang = "en", dir, module = "/pkg/momentum.js" } = {}) {
    const file = `${name}-${++this.count}.html`;
    const html = `<!doctype html><html lang="${lang}"${dir ? ` dir="${dir}"` : ""}><head><meta charset="utf-8">
<link rel="icon" href="/favicon.svg"><title>${file}</title>
<script src="${this.hook}"></script>
${head}
${module ? `<script type="module" src="${module}"></script>` : ""}
</head><body>
${body}
</body></html>`;
    return this.write(file, html);
  }
}

/** The context `t` of one case in one engine. */
export function context({ engine, page, files, origin }) {
  let allowErrors = false;
  const url = (u) => (/^[a-z]+:/.test(u) ? u : origin + u);
  const t = {
    engine,
    page,
    url,
    async goto(u) { await page.goto(url(u)); },
    async open(body, opts = {}) {
      const path = files.page(opts.name || engine, { ...opts, body });
      await page.goto(url(path + (opts.keepStorage ? "?keep-storage" : "")));
      return path;
    },
    async openFile(path) {
      const copy = files.copyPage(path);
      await page.goto(url(copy));
      return copy;
    },
    write: (path, content) => files.write(path, content),
    eval: (fn, arg) => page.evaluate(fn, arg),
    wait: (fn, arg, opts) => page.waitFor(fn, arg, opts),
    press: (keys) => page.press(keys),
    click: (fn, arg) => page.click(fn, arg),
    parts: (part, sel) => page.evaluate(([p, s]) => window.__mo.parts(p, s), [part, sel || null]),
    async events(type) {
      const all = await page.evaluate(() => window.__mo.events);
      return type ? all.filter((e) => e.type === type) : all;
    },
    warnings: async () => (await page.evaluate(() => window.__mo.console)).filter((c) => c.level === "warn"),
    errors: () => page.evaluate(() => window.__mo.errors),
    session: () => `eng${process.pid.toString(36)}${(sessions++).toString(36)}${Math.random().toString(36).slice(2, 6)}`,
    skip(reason) { throw new Skip(reason); },
    allowErrors() { allowErrors = true; },
    get expectsErrors() { return allowErrors; },
  };
  return t;
}
