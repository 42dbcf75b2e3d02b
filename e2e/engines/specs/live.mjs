// src against the real server: a scripted journey followed by polling and by
// server-sent events, refresh(), and an endpoint fault.
import { test, assert } from "../harness.mjs";

/** The server's request counts for a session: { count, byPath }. */
async function requests(t, session) {
  return (await fetch(t.url(`/api/requests?session=${session}`))).json();
}
const statuses = (t, sel = "#m") => t.eval((sel) => window.__mo.$$("li[part~=step]", sel).map((li) => li.dataset.status), sel);

test("src with polling follows the scripted onboarding journey in order", async (t) => {
  const s = t.session();
  await t.open(`<momentum-progress id="m" src="/api/onboarding?session=${s}&step=2" poll="2s"></momentum-progress>`);
  await t.wait(() => window.__mo.$$("li[part~=step]", "#m").length === 5, null, { message: "the first document" });
  assert.deepEqual(await t.parts("label", "#m"),
    ["Tell us your goals", "Connect your data", "Invite your team", "Customize your dashboard", "Launch"]);
  // The journey advances every 2 s; the widget follows with no host code.
  await t.wait(() => window.__mo.$$("li[part~=step]", "#m").slice(0, 2).every((li) => li.dataset.status === "complete"),
    null, { timeout: 15_000, message: "goals and connect complete" });
  const st = await statuses(t);
  assert.deepEqual(st.slice(0, 2), ["complete", "complete"]);
  const changes = (await t.events("momentum-change")).map((e) => e.detail.completed);
  assert.ok(changes.length > 0);
  assert.deepEqual(changes, [...changes].sort((a, b) => a - b), "progress only moves forward");
  assert.deepEqual((await t.events("momentum-step-complete")).map((e) => e.detail.stepId).slice(0, 2), ["goals", "connect"]);
  assert.equal((await t.events("momentum-ready")).length, 1);
  assert.deepEqual(Object.keys((await requests(t, s)).byPath), ["/api/onboarding"]);
}, { timeout: 40_000 });

test("src with live=sse follows the journey over one event stream", async (t) => {
  const s = t.session();
  await t.open(`<momentum-progress id="m" live="sse" src="/api/onboarding/stream?session=${s}&step=1"></momentum-progress>`);
  await t.wait(() => window.__mo.$$("li[part~=step]", "#m").length === 5, null, { message: "the first document" });
  await t.wait(() => window.__mo.$$("li[part~=step]", "#m")[1]?.dataset.status === "complete",
    null, { timeout: 15_000, message: "connect complete" });
  assert.ok((await t.events("momentum-change")).length > 0);
  assert.deepEqual((await t.events("momentum-step-complete")).map((e) => e.detail.stepId).slice(0, 2), ["goals", "connect"]);
  // Everything came through the stream: no polling.
  assert.deepEqual(Object.keys((await requests(t, s)).byPath), ["/api/onboarding/stream"]);
}, { timeout: 40_000 });

test("refresh() resolves with the document; a failing endpoint gives momentum-error and the last good state stays", async (t) => {
  const s = t.session();
  await t.open(`<momentum-progress id="m" live="off" src="/api/onboarding?session=${s}&step=1"></momentum-progress>
    <momentum-progress id="f" src="/api/flaky?session=${s}" poll="2s"></momentum-progress>`);
  await t.wait(() => window.__mo.$$("li[part~=step]", "#m").length === 5 && window.__mo.$$("li[part~=step]", "#f").length > 0,
    null, { message: "both widgets have their first document" });
  // The journey moves every second; refresh() fetches now and resolves with what it got.
  await new Promise((r) => setTimeout(r, 1200));
  const doc = await t.eval(() => document.getElementById("m").refresh());
  assert.equal(doc.steps.length, 5);
  assert.equal(doc.steps[0].status, "complete");
  await t.wait(() => window.__mo.$$("li[part~=step]", "#m")[0].dataset.status === "complete", null, { message: "refresh() renders" });

  const good = await t.parts("label", "#f");
  await t.eval((url) => document.getElementById("f").setAttribute("src", url), `/api/flaky?session=${s}&fault=500`);
  const error = await t.wait(() => window.__mo.events.find((e) => e.type === "momentum-error" && e.id === "f"),
    null, { timeout: 10_000, message: "momentum-error" });
  assert.equal(error.detail.status, 500);
  assert.match(error.detail.message, /HTTP 500/);
  assert.ok(error.detail.retryInMs >= 1000, `retryInMs ${error.detail.retryInMs}`);
  assert.deepEqual(await t.parts("label", "#f"), good);
  await t.wait(() => (window.__mo.parts("notice", "#f")[0] || "").includes("may be out of date"), null, { message: "out-of-date notice" });
  const rejected = await t.eval(() => document.getElementById("f").refresh().then(() => "resolved", (e) => `${e instanceof Error}: ${e.message}`));
  assert.match(rejected, /^true: Momentum: .*HTTP 500/);
}, { timeout: 40_000 });

test("two documents of one origin share one poller for one src (rule 47)", async (t) => {
  const s = t.session();
  const doc = (name) => t.write(`${name}-${s}.html`, `<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="/favicon.svg"><script type="module" src="/pkg/momentum.js"></script></head>
<body><momentum-progress id="m" src="/api/static?session=${s}" poll="1h"></momentum-progress></body></html>`);
  await t.open(`<iframe id="a" src="${doc("a")}"></iframe><iframe id="b" src="${doc("b")}"></iframe>`);
  const shown = () => ["a", "b"].every((id) => document.getElementById(id).contentDocument?.getElementById("m")?.shadowRoot?.querySelector("li"));
  await t.wait(shown, null, { message: "both documents show the steps" });
  await new Promise((r) => setTimeout(r, 500));
  // Where the browser has Web Locks and BroadcastChannel the second document
  // gets the first one's answer; without them, each asks on its own.
  const shared = await t.eval(() => typeof BroadcastChannel == "function" && typeof navigator.locks?.request == "function");
  assert.equal((await requests(t, s)).count, shared ? 1 : 2, `requests (shared: ${shared})`);
});
