// One small adapter over three ways of driving a browser, so a cross-engine
// case is written once:
//
//   chromium  Debian's chromium, puppeteer-core over CDP
//   firefox   Debian's firefox-esr, puppeteer-core over WebDriver BiDi
//   webkit    Debian's WebKitGTK MiniBrowser, selenium-webdriver talking to
//             WebKitWebDriver (classic WebDriver), under xvfb-run
//
// Nothing here downloads a browser or a driver: each binary comes from apt
// (scripts/setup.sh installs them).
//
// `launch(engine, profile)` starts one browser and returns
//   { engine, page, close() }
// where `page` has
//   goto(url)                 navigate and wait for the load event
//   evaluate(fn, arg)         run `fn(arg)` in the page (it may return a promise);
//                             the result travels as JSON (undefined fields vanish)
//   waitFor(fn, arg, opts)    poll `fn(arg)` in the page until it returns something
//                             truthy, and return that; opts: { timeout, message }
//   press(keys)               real key presses to the focused element:
//                             "Enter", "Space", "Tab", "Shift+Tab", "ArrowDown", …
//   click(fn, arg)            a real pointer click on the element `fn(arg)` returns
//                             (it may be inside a shadow root)
// `profile` is { reducedMotion: true } for a browser that prefers reduced motion
// (a separate browser: Firefox and WebKitGTK take it only at start-up).
//
// The page is reused for every case of a run: launching costs seconds, a
// navigation milliseconds.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";

export const ENGINES = ["chromium", "firefox", "webkit"];

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const FIREFOX = process.env.FIREFOX_PATH || "/usr/bin/firefox-esr";
/** Every browser runs in UTC, so dates and times read the same on every machine. */
const ENV = { ...process.env, TZ: "UTC", LANG: "en_US.UTF-8" };

/**
 * The page-side wrapper every evaluation goes through: runs FN(ARG), awaits
 * it, and answers JSON text `{ v }` or `{ e }` (so each engine's driver only
 * ever carries a string back, and a thrown error comes back as data).
 */
function expression(fn, arg) {
  return `(async () => { try { return JSON.stringify({ v: await (${fn})(${JSON.stringify(arg ?? null)}) }); }
    catch (e) { return JSON.stringify({ e: String(e) + (e && e.stack ? "\\n" + e.stack : "") }); } })()`;
}

/** In-page polling: one round trip per wait, checked every 25 ms. */
function poller(fn, arg, timeout) {
  return `(async () => { const deadline = Date.now() + ${Number(timeout)}; let last, error;
    for (;;) {
      try { last = await (${fn})(${JSON.stringify(arg ?? null)}); error = undefined; } catch (e) { error = String(e); }
      if (last) return JSON.stringify({ v: last });
      if (Date.now() > deadline) return JSON.stringify({ timeout: true, last: last === undefined ? "undefined" : JSON.stringify(last), error });
      await new Promise((r) => setTimeout(r, 25));
    } })()`;
}

function decode(text, fn) {
  const r = JSON.parse(text);
  if (r.e !== undefined) throw new Error(`in the page: ${r.e}\n  while evaluating ${String(fn).slice(0, 300)}`);
  return r.v;
}

/** The engine-neutral half of a page: everything is built on `run(expressionText)`. */
function page(impl) {
  return {
    goto: (url) => impl.goto(url),
    async evaluate(fn, arg) {
      return decode(await impl.run(expression(fn, arg)), fn);
    },
    async waitFor(fn, arg, { timeout = 10_000, message } = {}) {
      const r = JSON.parse(await impl.run(poller(fn, arg, timeout)));
      if (r.timeout) {
        throw new Error(`${message ? message + ": " : ""}timed out after ${timeout} ms waiting for ${String(fn).slice(0, 300)}` +
          `\n  last value: ${r.last}${r.error ? `\n  last error: ${r.error}` : ""}`);
      }
      return r.v;
    },
    press: (keys) => impl.press(keys),
    click: (fn, arg) => impl.click(fn, arg),
  };
}

// --- chromium and firefox: puppeteer-core -------------------------------------

const PUPPETEER_KEYS = { Space: " " };

async function puppeteerBrowser(engine, profile) {
  const { default: puppeteer } = await import("puppeteer-core");
  const options = engine === "firefox"
    ? {
      browser: "firefox", executablePath: FIREFOX,
      extraPrefsFirefox: profile.reducedMotion ? { "ui.prefersReducedMotion": 1 } : {},
    }
    : {
      browser: "chrome", executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", ...(profile.reducedMotion ? ["--force-prefers-reduced-motion"] : [])],
    };
  const browser = await puppeteer.launch({ ...options, headless: true, env: ENV, defaultViewport: { width: 1024, height: 768 } });
  // A new tab, not the one the browser opened with: headless Firefox's first
  // tab never has focus (document.hasFocus() is false), so keys reach the
  // focused button but never activate it (no click on Enter or Space).
  const initial = await browser.pages();
  const p = await browser.newPage();
  for (const other of initial) await other.close();
  await p.setViewport({ width: 1024, height: 768 });
  const press = async (keys) => {
    const parts = keys.split("+").map((k) => PUPPETEER_KEYS[k] ?? k);
    const key = parts.pop();
    for (const m of parts) await p.keyboard.down(m);
    await p.keyboard.press(key);
    for (const m of parts.reverse()) await p.keyboard.up(m);
  };
  return {
    page: page({
      goto: (url) => p.goto(url, { waitUntil: "load" }),
      run: (text) => p.evaluate(text),
      press,
      async click(fn, arg) {
        const handle = await p.evaluateHandle(`(${fn})(${JSON.stringify(arg ?? null)})`);
        const el = handle.asElement();
        if (!el) throw new Error(`click: ${String(fn).slice(0, 200)} returned no element`);
        await el.click();
        await handle.dispose();
      },
    }),
    close: () => browser.close(),
  };
}

// --- webkit: WebKitWebDriver + selenium-webdriver ------------------------------

/** The MiniBrowser that Debian's libwebkit2gtk-4.1-0 installs (path differs per architecture). */
export function miniBrowser() {
  if (process.env.MINIBROWSER_PATH) return process.env.MINIBROWSER_PATH;
  const files = execFileSync("dpkg", ["-L", "libwebkit2gtk-4.1-0"], { encoding: "utf8" });
  const found = files.split("\n").find((f) => /\/MiniBrowser$/.test(f));
  if (!found) throw new Error("MiniBrowser not found in libwebkit2gtk-4.1-0 (run scripts/setup.sh)");
  return found;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

async function waitForUrl(url, ms, child) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    try { if ((await fetch(url)).ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

async function webkitBrowser(profile) {
  const { Builder, Key } = await import("selenium-webdriver");
  const port = Number(process.env.MOMENTUM_WEBKIT_PORT) || await freePort();
  const env = { ...ENV };
  let config = null;
  if (profile.reducedMotion) {
    // WebKitGTK answers prefers-reduced-motion from GTK's gtk-enable-animations.
    config = mkdtempSync(join(tmpdir(), "momentum-gtk-"));
    mkdirSync(join(config, "gtk-3.0"));
    writeFileSync(join(config, "gtk-3.0", "settings.ini"), "[Settings]\ngtk-enable-animations=0\n");
    env.XDG_CONFIG_HOME = config;
  }
  // MiniBrowser has no headless mode: a virtual X display, in its own process
  // group so that closing kills Xvfb, the driver and the browser together.
  const driver = spawn("xvfb-run", ["-a", "-s", "-screen 0 1280x1024x24", "WebKitWebDriver", `--port=${port}`],
    { detached: true, stdio: ["ignore", "ignore", "pipe"], env });
  let stderr = "";
  driver.stderr.on("data", (d) => { stderr = (stderr + d).slice(-4000); });
  const kill = () => {
    try { process.kill(-driver.pid, "SIGTERM"); } catch { /* already gone */ }
    if (config) rmSync(config, { recursive: true, force: true });
  };
  let d;
  try {
    await waitForUrl(`http://127.0.0.1:${port}/status`, 20_000, driver);
    d = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities({
      browserName: "MiniBrowser",
      // Without --automation the session fails to start, or hangs.
      "webkitgtk:browserOptions": { binary: miniBrowser(), args: ["--automation"] },
    }).build();
    await d.manage().setTimeouts({ script: 120_000, pageLoad: 30_000 });
    await d.manage().window().setRect({ width: 1024, height: 768 });
  } catch (e) {
    kill();
    throw new Error(`WebKitWebDriver did not start a MiniBrowser session: ${e.message}\n${stderr}`);
  }
  const KEYS = { Enter: Key.ENTER, Space: Key.SPACE, Tab: Key.TAB, Shift: Key.SHIFT, Escape: Key.ESCAPE,
    ArrowDown: Key.ARROW_DOWN, ArrowUp: Key.ARROW_UP, ArrowLeft: Key.ARROW_LEFT, ArrowRight: Key.ARROW_RIGHT,
    Home: Key.HOME, End: Key.END, Control: Key.CONTROL, Alt: Key.ALT };
  const key = (k) => KEYS[k] ?? k;
  return {
    page: page({
      goto: (url) => d.get(url),
      run: (text) => d.executeAsyncScript(`const done = arguments[arguments.length - 1]; (${text}).then(done);`),
      async press(keys) {
        const parts = keys.split("+").map(key);
        const last = parts.pop();
        let a = d.actions();
        for (const m of parts) a = a.keyDown(m);
        a = a.keyDown(last).keyUp(last);
        for (const m of parts.reverse()) a = a.keyUp(m);
        await a.perform();
      },
      async click(fn, arg) {
        const el = await d.executeScript(`return (${fn})(arguments[0]);`, arg ?? null);
        if (!el) throw new Error(`click: ${String(fn).slice(0, 200)} returned no element`);
        await d.actions().move({ origin: el }).click().perform();
      },
    }),
    async close() {
      try { await d.quit(); } catch { /* the browser may be gone already */ }
      kill();
    },
  };
}

/** Starts `engine` with `profile` ({ reducedMotion }) and returns { engine, page, close }. */
export async function launch(engine, profile = {}) {
  if (!ENGINES.includes(engine)) throw new Error(`unknown engine ${engine}; use one of ${ENGINES.join(", ")}`);
  const b = engine === "webkit" ? await webkitBrowser(profile) : await puppeteerBrowser(engine, profile);
  return { engine, ...b };
}
