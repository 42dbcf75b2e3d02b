// The widget as a guest in the host page: a strict CSP, keyboard use, and
// reduced motion.
import { test, assert } from "../harness.mjs";

test("works under the strict Content-Security-Policy of www/strict/", async (t) => {
  // A copy of the page with the recorder first; the server serves it with the
  // same policy (CSP violations and console errors fail the case).
  await t.openFile("/strict/index.html");
  await t.wait(() => window.__mo.$$("li[part~=step]").length === 3, null, { message: "renders under the CSP" });
  const r = await t.eval(async () => {
    const host = window.__mo.host();
    return {
      policy: (await fetch(location.href)).headers.get("content-security-policy"),
      summary: window.__mo.parts("summary")[0],
      styleTags: host.shadowRoot.querySelectorAll("style").length,
      adopted: host.shadowRoot.adoptedStyleSheets.length,
      // Styles applied: the bar's fill is scaled by the stylesheet.
      fill: getComputedStyle(window.__mo.$(".fill")).transform,
    };
  });
  assert.equal(r.policy, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'");
  assert.ok(r.summary.includes("1 of 3 complete"), r.summary);
  assert.equal(r.styleTags, 0);
  assert.equal(r.adopted, 1);
  assert.notEqual(r.fill, "none");
});

const CHECKLIST = `<momentum-progress id="m" variant="checklist" interactive><ol>
  <li data-step="goals" data-status="complete">Tell us your goals</li>
  <li data-step="connect" data-status="active" data-description="Link your warehouse." data-href="#connect">Connect your data</li>
  <li data-step="invite" data-optional data-description="Bring your teammates.">Invite your team</li>
  <li data-step="dash" data-requires="connect">Customize your dashboard</li></ol></momentum-progress>
  <script>window.__sel = []; document.addEventListener("momentum-step-select", (e) => {
    window.__sel.push(e.detail); if (window.__cancel) e.preventDefault(); });</script>`;

test("interactive checklist: keyboard selects rows, one open at a time; select is cancelable", async (t) => {
  await t.open(CHECKLIST);
  await t.wait(() => window.__mo.$$("button.row", "#m").length === 4, null, { message: "rows are buttons" });
  const state = () => t.eval(() => ({
    // Open rows by step id (the done row sits in its own group).
    expanded: window.__mo.$$("li[data-id]", "#m").filter((li) => li.querySelector("button.row")?.getAttribute("aria-expanded") === "true")
      .map((li) => li.dataset.id),
    sel: window.__sel,
    hash: location.hash,
  }));
  // Focus the invite row and press Enter.
  await t.eval(() => window.__mo.$('li[data-id="invite"] button.row', "#m").focus());
  await t.press("Enter");
  let s = await state();
  assert.deepEqual(s.sel, [{ stepId: "invite", index: 2 }]);
  assert.deepEqual(s.expanded, ["invite"]);
  const described = await t.eval(() => {
    const d = window.__mo.$('li[data-id="invite"] [part~=description]', "#m");
    return d && !d.hidden && d.getBoundingClientRect().height > 0 ? window.__mo.text(d) : null;
  });
  assert.equal(described, "Bring your teammates.");
  // Shift+Tab to the previous row, Space selects it: one row open, its link followed.
  await t.press("Shift+Tab");
  await t.press("Space");
  s = await state();
  assert.deepEqual(s.sel.map((x) => x.stepId), ["invite", "connect"]);
  assert.deepEqual(s.expanded, ["connect"]);
  assert.equal(s.hash, "#connect");
  // A locked row cannot be selected.
  assert.equal(await t.eval(() => window.__mo.$('li[data-id="dash"] button.row', "#m").getAttribute("aria-disabled")), "true");
  // preventDefault(): a real click on invite neither opens it nor closes connect.
  await t.eval(() => { window.__cancel = true; });
  await t.click(() => window.__mo.$('li[data-id="invite"] button.row', "#m"));
  s = await state();
  assert.deepEqual(s.sel.map((x) => x.stepId), ["invite", "connect", "invite"]);
  assert.deepEqual(s.expanded, ["connect"]);
});

const DONE_SOON = `<momentum-progress id="m" celebrate="confetti" milestones="none"><ol>
  <li data-step="a" data-status="complete">A</li><li data-step="b" data-status="active">B</li></ol></momentum-progress>`;

/** Completes the journey and reports what moved. */
async function finish(t) {
  await t.wait(() => window.__mo.$$("li[part~=step]", "#m").length === 2, null, { message: "renders" });
  return t.eval(() => {
    document.getElementById("m").update([{ id: "b", status: "complete" }]);
    const root = window.__mo.$("[part~=root]", "#m");
    return {
      reduce: matchMedia("(prefers-reduced-motion: reduce)").matches,
      celebrated: window.__mo.events.filter((e) => e.type === "momentum-celebrate").map((e) => e.detail.reason),
      animating: root.hasAttribute("data-celebrating"),
      confetti: root.querySelectorAll("canvas").length,
      transition: getComputedStyle(window.__mo.$(".fill", "#m")).transitionDuration,
    };
  });
}

test("with motion allowed, completion animates (the counterpart of the reduced-motion case)", async (t) => {
  await t.open(DONE_SOON);
  const r = await finish(t);
  assert.deepEqual({ ...r, transition: r.transition !== "0s" },
    { reduce: false, celebrated: ["complete"], animating: true, confetti: 1, transition: true });
});

test("prefers-reduced-motion: the celebration event fires, nothing animates", async (t) => {
  await t.open(DONE_SOON);
  const r = await finish(t);
  assert.deepEqual(r, { reduce: true, celebrated: ["complete"], animating: false, confetti: 0, transition: "0s" });
}, { profile: { reducedMotion: true } });
