// XSS corpus (issue #6): hostile text and URLs through every input path, in all
// four variants. Nothing executes, no active element appears in a widget, the
// payloads read as text, and only http(s) or relative URLs become links.
import { test, expect } from "@playwright/test";
import { watch, blank } from "./helpers.mjs";

/** Text payloads: each would call __pwn() (or a stubbed alert/confirm/prompt) if interpreted. */
const TEXT = [
  `<script>__pwn()</script>`,
  `<img src=x onerror=__pwn()>`,
  `<svg onload=__pwn()>`,
  `<svg><script>__pwn()</script></svg>`,
  `"><iframe src="javascript:__pwn()"></iframe>`,
  `'><iframe srcdoc="<script>parent.__pwn()</script>">`,
  `" onmouseover="__pwn()" onfocus="__pwn()" autofocus x="`,
  `<object data="javascript:__pwn()"></object><embed src="javascript:__pwn()">`,
  `<a href="javascript:__pwn()">click me</a>`,
  `</style><style>*{display:none}</style><script>alert(1)</script>`,
  `<details open ontoggle=__pwn()>x</details>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=__pwn()>`,
  `<input autofocus onfocus=confirm(1)>`,
  `Invoice \u202Efdp.exe and \u202Bmore\u202C`,
  `{{7*7}} {{constructor.constructor('__pwn()')()}}`,
  "${7*7} ${__pwn()} `${prompt(1)}`",
  `{completed} of {total} {label} {percent}`,
  `javascript:__pwn()`,
];

/** Hostile link targets: none may become an <a href>. */
const BAD_HREFS = [
  "javascript:__pwn()",
  "JaVaScRiPt:__pwn()",
  "java\tscript:__pwn()",
  "java\nscript:__pwn()",
  " \u0001javascript:__pwn()",
  "\u00a0javascript:__pwn()",
  "javascript://example.com/%0a__pwn()",
  "data:text/html,<script>parent.__pwn()</script>",
  "data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd24oKTwvc2NyaXB0Pg==",
  "vbscript:msgbox(1)",
  "file:///etc/passwd",
  "blob:https://example.com/x",
];
/** Safe ones: these do become links. Only the fragment is followed by clicking (it stays on the page). */
const GOOD_HREFS = ["#safe-fragment", "https://example.test/ok", "/ok/relative?x=1"];
const FOLLOWABLE = new Set(["#safe-fragment"]);

const VARIANTS = ["stepper", "checklist", "timeline", "tiers"];
const n = TEXT.length;
const STATUS = ["complete", "complete", "complete", "complete", "complete", "complete", "complete", "complete", "complete", "complete",
  "complete", "complete", "active", "blocked", "error", "skipped", "pending", "pending"];
const HREFS = [GOOD_HREFS[0], ...BAD_HREFS.slice(0, 6), GOOD_HREFS[1], ...BAD_HREFS.slice(6), GOOD_HREFS[2], BAD_HREFS[0], BAD_HREFS[1], BAD_HREFS[7]];

/** The hostile journey: every text field, id and href carries a payload. */
function steps() {
  return TEXT.map((_, i) => ({
    id: TEXT[(i + 3) % n],
    label: TEXT[i],
    status: STATUS[i],
    description: TEXT[(i + 5) % n],
    reason: TEXT[(i + 9) % n],
    href: HREFS[i % HREFS.length],
    estimate: "2m",
    threshold: i * 10,
    // The last step waits on the step whose id is `<img …>` and whose label has
    // phrase placeholders: its lock names that label, verbatim.
    ...(i === n - 1 ? { requires: [TEXT[1]] } : {}),
  }));
}
const TITLE = TEXT[0] + " " + TEXT[2];
const MESSAGE = TEXT[1] + " " + TEXT[13];
const DONE = `<img src=x onerror=__pwn()> all done \u202Eexe.txt`;
const STRINGS = { doneMessage: `<svg onload=__pwn()> ${DONE}`, complete: `<img src=x onerror=__pwn()>Done`, summary: `<script>__pwn()</script>{completed} of {total}`,
  showSteps: `<b onclick=__pwn()>Show</b>` };

/** A document finished in every variant (tiers: by `value`), for the done message. */
function finished() {
  return TEXT.slice(0, 4).map((t, i) => ({ id: `f${i}` + t, label: t, status: "complete", threshold: i * 10, href: BAD_HREFS[i] }));
}

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const json = (doc) => JSON.stringify(doc).replace(/</g, "\\u003c");

async function setup(page) {
  await page.addInitScript(() => {
    window.__pwned = 0;
    window.__pwn = () => { window.__pwned++; };
    for (const f of ["alert", "confirm", "prompt", "print"]) window[f] = () => { window.__pwned++; };
    window.open = () => { window.__pwned++; return null; };
  });
}

/** Widgets of the page: hosts with a shadow root. */
const HOSTS = "momentum-progress, [data-momentum]";

/** Everything a user could notice, checked in every widget of the page. */
async function inspect(page) {
  return page.evaluate((HOSTS) => {
    const out = { widgets: 0, active: [], handlers: [], links: [], labels: [], text: "", bodyActive: 0 };
    for (const host of document.querySelectorAll(HOSTS)) {
      const root = host.shadowRoot;
      if (!root) continue;
      out.widgets++;
      for (const e of root.querySelectorAll("img, script, svg, iframe, object, embed, math, style, link, base, form, input, details, frame, frameset, meta, template, audio, video, source"))
        out.active.push(e.outerHTML.slice(0, 120));
      for (const e of root.querySelectorAll("*")) {
        for (const a of e.attributes) {
          if (/^on/i.test(a.name) || /^(srcdoc|formaction|xlink:href|action)$/i.test(a.name)) out.handlers.push(`${e.localName} ${a.name}`);
          if (/^(href|src|action|formaction|data|poster|srcset|background|ping)$/i.test(a.name) && /^(javascript|vbscript|data):/i.test(a.value.replace(/[\u0000-\u0020\u00a0]/g, "")))
            out.handlers.push(`${e.localName} ${a.name}=${a.value}`);
        }
      }
      for (const a of root.querySelectorAll("a[href]")) out.links.push({ raw: a.getAttribute("href"), protocol: a.protocol, variant: root.querySelector("[part~=root]")?.dataset.variant });
      out.labels.push(...[...root.querySelectorAll("[part~=label]")].map((e) => e.textContent));
      out.text += "\n" + root.textContent;
    }
    // The host page's own markup stays inert too (no element was created outside the widgets).
    out.bodyActive = document.body.querySelectorAll("img, svg, iframe, object, embed, math, details, input").length +
      [...document.body.querySelectorAll("script")].filter((s) => s.type !== "application/json").length;
    return out;
  }, HOSTS);
}

/**
 * Opens the rows of the interactive checklists (and their "Done (N)" groups): the
 * first ones with real mouse clicks, the rest with DOM clicks (same handlers, faster).
 * Rows whose safe link would leave the page are not clicked. Returns what opened.
 */
async function openRows(page, followable, descriptions) {
  const checklist = page.locator(HOSTS).filter({ has: page.locator("[part~=root][data-variant=checklist][data-interactive]") }).first();
  await checklist.locator("button.done-toggle").click();
  const rows = checklist.locator("li[part~=step]:has(> button.row:not([disabled]):not([aria-disabled=true]))");
  const ids = await rows.evaluateAll((lis) => lis.map((li) => li.dataset.id));
  const targets = ids.map((id, i) => [id, i]).filter(([id]) => followable(id));
  for (const [, i] of targets.slice(0, 3)) {
    await rows.nth(i).locator("> button.row").click();
    await expect(rows.nth(i).locator("> button.row")).toHaveAttribute("aria-expanded", "true");
  }
  const rest = targets.slice(3).map(([id]) => id);
  const opened = await checklist.evaluate((host, rest) => {
    const out = [];
    for (const li of host.shadowRoot.querySelectorAll("li[part~=step]")) {
      if (!rest.includes(li.dataset.id)) continue;
      const button = li.querySelector(":scope > button.row");
      button.click();
      const description = li.querySelector("[part~=description]");
      out.push({ id: li.dataset.id, status: li.dataset.status, expanded: button.getAttribute("aria-expanded"), description: description && !description.hidden ? description.textContent : null });
    }
    return out;
  }, rest);
  for (const o of opened) {
    expect(o.expanded, `a clicked row opens: ${JSON.stringify(opened.map((x) => [x.id, x.status, x.expanded]))}`).toBe("true");
    if (o.description !== null) expect(descriptions).toContain(o.description);
  }
  return targets.length;
}

/** The assertions every input path shares. */
async function assertInert(page, w, { widgets, labels = TEXT, descriptions = TEXT, title = true, rows = 1 }) {
  await expect(page.locator(`${HOSTS}`).locator("li[part~=step]").first()).toBeVisible();
  await expect.poll(async () => (await inspect(page)).widgets).toBe(widgets);
  const byId = new Map(steps().map((s) => [s.id, s.href]));
  const clicked = await openRows(page, (id) => !GOOD_HREFS.includes(byId.get(id)) || FOLLOWABLE.has(byId.get(id)), descriptions);
  expect(clicked, "checklist rows opened by clicking").toBeGreaterThanOrEqual(rows);
  // Give onerror/onload handlers, autofocus and navigation time to run if anything was injected.
  await page.waitForTimeout(300);
  const seen = await inspect(page);
  expect(await page.evaluate(() => window.__pwned), "payloads executed").toBe(0);
  expect(seen.active, "active elements in shadow roots").toEqual([]);
  expect(seen.handlers, "event-handler or script-URL attributes in shadow roots").toEqual([]);
  expect(seen.bodyActive, "elements created in the page outside the widgets").toBe(0);
  // Only http(s) and relative URLs became links, and the safe ones did.
  for (const link of seen.links) expect(["http:", "https:"], `link ${JSON.stringify(link.raw)}`).toContain(link.protocol);
  for (const bad of BAD_HREFS) expect(seen.links.map((l) => l.raw), `hostile href ${JSON.stringify(bad)}`).not.toContain(bad);
  // Payload text is shown as text, exactly.
  for (const label of labels) expect(seen.labels, "labels").toContain(label);
  if (title) {
    await expect(page.locator(`${HOSTS}`).locator("[part~=title]").first()).toHaveText(TITLE);
    await expect(page.locator(`${HOSTS}`).locator("[part~=message]").first()).toHaveText(MESSAGE);
  }
  expect(page.url(), "the page never navigated away").toMatch(/\/__test__\.html(#safe-fragment)?$/);
  w.assertClean();
  return seen;
}

/** Checks that fields other than labels reach the screen as the payload text. */
async function assertFieldsShown(page, seen, { lock = true } = {}) {
  for (const t of [TEXT[(0 + 5) % n], TEXT[(13 + 9) % n]]) expect(seen.text).toContain(t); // a description, a reason
  // The stepper shows descriptions and reasons under the steps, visibly.
  const stepper = page.locator(HOSTS).filter({ has: page.locator("[part~=root][data-variant=stepper]") }).first();
  const blocked = stepper.locator("li[part~=step][data-status=blocked]");
  await expect(blocked.locator("[part~=reason]")).toBeVisible();
  await expect(blocked.locator("[part~=reason]")).toHaveText(TEXT[(13 + 9) % n]);
  await expect(blocked.locator("[part~=label]")).toHaveText(TEXT[13]);
  // The lock names the step whose id is markup, by its label.
  if (lock) await expect(stepper.locator("li[part~=step]").last().locator("[part~=lock]")).toContainText(TEXT[16]);
  // Safe links did become links somewhere (the check above is not vacuous).
  const raws = seen.links.map((l) => l.raw);
  for (const good of GOOD_HREFS) expect(raws, `safe href ${good}`).toContain(good);
  // The done view of the finished widgets shows the hostile done message as text.
  const done = page.locator(HOSTS).locator(".done-title").filter({ visible: true });
  await expect(done).toHaveText(VARIANTS.map(() => DONE));
}

const docFor = () => ({ title: TITLE, message: MESSAGE, sequence: 2, steps: steps() });

test("markup: li text and data- attributes of [data-momentum] lists", async ({ page }) => {
  const w = watch(page);
  await setup(page);
  const li = (s) => `<li data-step="${esc(s.id)}" data-status="${s.status}" data-description="${esc(s.description)}" data-reason="${esc(s.reason)}"
    data-href="${esc(s.href)}" data-estimate="2m" data-threshold="${s.threshold}">${esc(s.label)}</li>`;
  // data-requires is space separated, and these ids have spaces: the lock is checked through the JSON paths.
  const body = VARIANTS.map((v) => `
    <ol data-momentum data-variant="${v}" data-value="75" ${v === "checklist" ? "data-interactive" : ""} data-done-message="${esc(DONE)}">${steps().map(li).join("")}</ol>
    <div data-momentum data-variant="${v}" data-value="1000" data-done-message="${esc(DONE)}"><ol>${finished().map(li).join("")}</ol></div>`).join("");
  await blank(page, body);
  const seen = await assertInert(page, w, { widgets: 8, title: false });
  await assertFieldsShown(page, seen, { lock: false });
});

test("inline <script type=application/json> state documents", async ({ page }) => {
  const w = watch(page);
  await setup(page);
  const body = VARIANTS.map((v) => `
    <momentum-progress variant="${v}" value="75" ${v === "checklist" ? "interactive" : ""} done-message="${esc(DONE)}"><script type="application/json">${json(docFor())}</script></momentum-progress>
    <momentum-progress variant="${v}" value="1000" done-message="${esc(DONE)}"><script type="application/json">${json({ title: TITLE, message: MESSAGE, steps: finished() })}</script></momentum-progress>`).join("");
  await blank(page, body);
  const seen = await assertInert(page, w, { widgets: 8 });
  await assertFieldsShown(page, seen);
});

test("el.state and mount()", async ({ page }) => {
  const w = watch(page);
  await setup(page);
  await blank(page, `<div id="stage"></div>`);
  await page.evaluate(async ([variants, doc, fin, done]) => {
    const { mount } = await import("/pkg/momentum.js");
    for (const v of variants) {
      const a = document.createElement("momentum-progress");
      a.setAttribute("variant", v);
      a.setAttribute("value", "75");
      if (v === "checklist") a.setAttribute("interactive", "");
      a.setAttribute("done-message", done);
      document.getElementById("stage").append(a);
      a.state = doc;
      mount(document.getElementById("stage"), { variant: v, value: 1000, doneMessage: done, state: fin });
    }
  }, [VARIANTS, docFor(), { title: TITLE, message: MESSAGE, steps: finished() }, DONE]);
  const seen = await assertInert(page, w, { widgets: 8 });
  await assertFieldsShown(page, seen);
});

test("el.update patches", async ({ page }) => {
  const w = watch(page);
  await setup(page);
  await blank(page, `<div id="stage"></div>`);
  await page.evaluate(async ([variants, doc, fin, done]) => {
    const { mount } = await import("/pkg/momentum.js");
    for (const v of variants) {
      // Harmless first, then everything hostile arrives as patches.
      const a = mount(document.getElementById("stage"), { variant: v, value: 75, interactive: v === "checklist", doneMessage: done,
        state: { steps: doc.steps.map((s) => ({ id: s.id, label: "placeholder" })) } });
      a.update({ title: doc.title, message: doc.message });
      a.update(doc.steps.slice(0, 9));
      a.update({ steps: doc.steps.slice(9) });
      const b = mount(document.getElementById("stage"), { variant: v, value: 1000, doneMessage: done, state: { steps: fin.steps.map((s) => ({ ...s, status: "pending" })) } });
      b.update({ title: fin.title, message: fin.message, steps: fin.steps });
    }
  }, [VARIANTS, docFor(), { title: TITLE, message: MESSAGE, steps: finished() }, DONE]);
  const seen = await assertInert(page, w, { widgets: 8 });
  await assertFieldsShown(page, seen);
});

test("the strings attribute and property", async ({ page }) => {
  const w = watch(page);
  await setup(page);
  const body = VARIANTS.map((v) => `
    <momentum-progress variant="${v}" value="75" ${v === "checklist" ? "interactive" : ""} strings="${esc(JSON.stringify(STRINGS))}"><script type="application/json">${json(docFor())}</script></momentum-progress>
    <momentum-progress class="fin" variant="${v}" value="1000"><script type="application/json">${json({ title: TITLE, message: MESSAGE, steps: finished() })}</script></momentum-progress>`).join("");
  await blank(page, body);
  await page.waitForFunction(() => customElements.get("momentum-progress"));
  await page.evaluate((strings) => { for (const el of document.querySelectorAll(".fin")) el.strings = strings; }, STRINGS);
  const seen = await assertInert(page, w, { widgets: 8 });
  // The overridden phrases are shown as the text given.
  expect(seen.text).toContain(STRINGS.complete);
  expect(seen.text).toContain(STRINGS.doneMessage);
  expect(seen.text).toMatch(/<script>__pwn\(\)<\/script>\d+ of \d+/);
  await expect(page.locator(".fin").first().locator("button.show-steps")).toHaveText(STRINGS.showSteps);
});

test("the server's hostile document through src", async ({ page }) => {
  const w = watch(page);
  await setup(page);
  const s = `xss${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const doc = await (await page.request.get(`/api/flaky?session=${s}-probe&fault=hostile`)).json();
  const body = VARIANTS.map((v, i) =>
    `<momentum-progress variant="${v}" value="75" ${v === "checklist" ? "interactive" : ""} live="off" src="/api/flaky?session=${s}${i}&amp;fault=hostile"></momentum-progress>`).join("");
  await blank(page, body);
  await expect(page.locator("momentum-progress li[part~=step]")).toHaveCount(4 * doc.steps.length);
  const descriptions = doc.steps.map((st) => st.description).filter(Boolean);
  const seen = await assertInert(page, w, { widgets: 4, labels: doc.steps.map((st) => st.label), descriptions, title: false });
  await expect(page.locator("momentum-progress [part~=title]").first()).toHaveText(doc.title);
  await expect(page.locator("momentum-progress [part~=message]").first()).toHaveText(doc.message);
  expect(seen.links).toEqual([]); // every href of the hostile document is a script or data URL
  for (const st of doc.steps) if (st.description) expect(seen.text).toContain(st.description);
});

test("a direction override in a label stays inside it: the widget's own words around it read in order", async ({ page }) => {
  const w = watch(page);
  await setup(page);
  // U+202E (right-to-left override) without its closing U+202C: unless the label is
  // isolated, it also reverses the rest of the phrase it is put in.
  const label = "Download \u202Egpj.exe";
  await blank(page, ["stepper", "checklist"].map((v) => `<momentum-progress variant="${v}" ${v === "checklist" ? "interactive" : ""}>
    <ol><li data-step="a" data-status="active">${label}</li><li data-step="b" data-requires="a">Next</li></ol></momentum-progress>`).join(""));
  const locks = page.locator("momentum-progress li[data-id=b] [part~=lock]");
  await expect(locks).toHaveCount(2);
  for (let i = 0; i < 2; i++) {
    const lock = locks.nth(i);
    await expect(lock).toBeVisible();
    await expect(lock).toContainText(label);
    // Where the label's characters and the phrase's last word are drawn.
    const geometry = await lock.evaluate((el, label) => {
      const text = el.textContent;
      const rects = (start, end) => {
        const range = document.createRange();
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let pos = 0, node;
        while ((node = walker.nextNode())) {
          const len = node.data.length;
          if (start >= pos && start <= pos + len) range.setStart(node, start - pos);
          if (end >= pos && end <= pos + len) { range.setEnd(node, end - pos); break; }
          pos += len;
        }
        return [...range.getClientRects()].filter((r) => r.width > 0);
      };
      const at = text.indexOf(label);
      const after = text.slice(at + label.length).trim();
      const afterAt = text.lastIndexOf(after);
      return {
        after,
        labelRight: Math.max(...rects(at, at + label.length).map((r) => r.right)),
        afterLeft: Math.min(...rects(afterAt, afterAt + after.length).map((r) => r.left)),
        lines: new Set([...rects(0, text.length)].map((r) => Math.round(r.top))).size,
      };
    }, label);
    expect(geometry.lines, "the phrase fits on one line").toBe(1);
    expect(geometry.after.length, "the phrase has words after the label").toBeGreaterThan(0);
    expect(geometry.afterLeft, `"${geometry.after}" is drawn after (right of) the label, not reversed into it`).toBeGreaterThanOrEqual(geometry.labelRight - 0.5);
  }
  w.assertClean();
});
