// Events with their details, the element API, and the two markup forms.
import { test, assert } from "../harness.mjs";

const LIST = `
  <li data-step="goals" data-status="complete" data-estimate="2m">Tell us your goals</li>
  <li data-step="connect" data-estimate="5m">Connect your data</li>
  <li data-step="invite" data-optional>Invite your team</li>
  <li data-step="launch">Launch</li>`;
/** [type, detail] of events, ordered by type then as fired (the contract does not order types). */
const ORDER = ["momentum-ready", "momentum-step-complete", "momentum-celebrate", "momentum-change", "momentum-error"];
const typed = (events) => events.map((e) => [e.type, e.detail]).sort((x, y) => ORDER.indexOf(x[0]) - ORDER.indexOf(y[0]));
const summary = (t, sel) => t.eval((sel) => window.__mo.parts("summary", sel)?.[0] ?? "", sel);

test("events: ready, step-complete, celebrate, change and error, with their details", async (t) => {
  await t.open(`<momentum-progress id="m" milestones="0.5" celebrate="none"><ol>
    <li data-step="a" data-status="complete">A</li><li data-step="b">B</li><li data-step="c">C</li><li data-step="d">D</li></ol></momentum-progress>`);
  await t.wait(() => window.__mo.events.length > 0, null, { message: "momentum-ready" });
  const shape = ({ type, detail, target, id }) => ({ type, detail, target, id });
  assert.deepEqual((await t.events()).map(shape),
    [{ type: "momentum-ready", detail: { completed: 1, total: 4, progress: 0.25 }, target: "MOMENTUM-PROGRESS", id: "m" }]);

  // One step done reaches the 0.5 milestone.
  await t.eval(() => document.getElementById("m").update([{ id: "b", status: "complete" }]));
  let all = await t.events();
  assert.deepEqual(typed(all.slice(1)), [
    ["momentum-step-complete", { stepId: "b", label: "B", index: 1 }],
    ["momentum-celebrate", { reason: "milestone", progress: 0.5, milestone: 0.5, stepId: "b" }],
    ["momentum-change", { completed: 2, total: 4, progress: 0.5, activeStep: "c", changed: ["b", "c"] }],
  ]);
  // Every event bubbles out of the shadow root; only celebrate is cancelable.
  for (const e of all) {
    assert.deepEqual([e.type, e.bubbles, e.composed, e.cancelable], [e.type, true, true, e.type === "momentum-celebrate"]);
  }

  // The rest at once: two completions, then only the complete celebration.
  await t.eval(() => document.getElementById("m").update([{ id: "c", status: "complete" }, { id: "d", status: "complete" }]));
  all = await t.events();
  assert.deepEqual(typed(all.slice(4)), [
    ["momentum-step-complete", { stepId: "c", label: "C", index: 2 }],
    ["momentum-step-complete", { stepId: "d", label: "D", index: 3 }],
    ["momentum-celebrate", { reason: "complete", progress: 1, stepId: "d" }],
    ["momentum-change", { completed: 4, total: 4, progress: 1, activeStep: null, changed: ["c", "d"] }],
  ]);

  // An invalid document: momentum-error without a retry; nothing thrown, the state stays.
  const threw = await t.eval(() => { try { document.getElementById("m").state = 42; return false; } catch { return true; } });
  assert.equal(threw, false);
  const [error] = await t.events("momentum-error");
  assert.equal(error.detail.retryInMs, null);
  assert.equal(typeof error.detail.message, "string");
  assert.ok(error.detail.message.length > 0);
  assert.deepEqual(await t.parts("label", "#m"), ["A", "B", "C", "D"]);
  assert.equal((await t.warnings()).filter((w) => w.text.includes("el.state was rejected")).length, 1);
});

test("el.state, el.update, el.progress and refresh() without src", async (t) => {
  await t.open(`<momentum-progress id="m"></momentum-progress>`);
  await t.wait(() => customElements.get("momentum-progress"));
  assert.deepEqual(await t.events(), []);
  await t.eval(() => {
    document.getElementById("m").state = { sequence: 5, steps: [
      { id: "a", label: "Alpha", status: "active" }, { id: "b", label: "Beta" }, { id: "c", label: "Gamma", optional: true }] };
  });
  // Setting the first steps fires ready, not change (once the wasm has arrived:
  // the module fetches it when the first widget appears, so it may still be loading).
  await t.wait(() => window.__mo.events.length > 0);
  assert.deepEqual((await t.events()).map((e) => e.type), ["momentum-ready"]);
  const read = await t.eval(() => {
    const m = document.getElementById("m");
    return { progress: m.progress, steps: m.state.steps.map((s) => [s.id, s.status]), sequence: m.state.sequence };
  });
  assert.deepEqual(read, { progress: 0, steps: [["a", "active"], ["b", "pending"], ["c", "pending"]], sequence: 5 });

  await t.eval(() => document.getElementById("m").update({ steps: [{ id: "a", status: "complete" }] }));
  assert.equal(await t.eval(() => document.getElementById("m").progress), 0.5);
  assert.ok((await summary(t, "#m")).includes("1 of 2 complete"));
  // An identical update changes nothing visible: no second change.
  await t.eval(() => document.getElementById("m").update([{ id: "a", status: "complete" }]));
  assert.deepEqual((await t.events()).map((e) => e.type).filter((e) => e !== "momentum-celebrate"),
    ["momentum-ready", "momentum-step-complete", "momentum-change"]);
  // progress is read only.
  await t.eval(() => { try { document.getElementById("m").progress = 1; } catch { /* strict mode */ } });
  assert.equal(await t.eval(() => document.getElementById("m").progress), 0.5);
  // refresh() without src rejects with an Error that says so.
  const refreshed = await t.eval(() => document.getElementById("m").refresh().then(() => "resolved", (e) => `${e instanceof Error} ${e.message}`));
  assert.match(refreshed, /^true .*src/);
  // mount() builds a configured widget.
  const mounted = await t.eval(async () => {
    const { mount } = await import("/pkg/momentum.js");
    const el = mount(document.body, { id: "x", orientation: "vertical", state: { steps: [{ id: "p", label: "One", status: "complete" }, { id: "q", label: "Two" }] } });
    return { tag: el.tagName, orientation: el.getAttribute("orientation"), progress: el.progress };
  });
  assert.deepEqual(mounted, { tag: "MOMENTUM-PROGRESS", orientation: "vertical", progress: 0.5 });
  await t.wait(() => window.__mo.parts("label", "#x")?.join() === "One,Two", null, { message: "mounted widget renders" });
});

test("the ol data-momentum form: a widget inserted before the list takes its data- attributes", async (t) => {
  await t.open(`<div id="wrap"><ol id="l" data-momentum data-variant="stepper" data-orientation="horizontal">${LIST}</ol></div>`);
  await t.wait(() => window.__mo.$$("li[part~=step]").length === 4, null, { message: "the inserted widget renders" });
  const info = await t.eval(() => {
    const list = document.getElementById("l");
    const widget = list.previousElementSibling;
    return {
      tag: widget.tagName, id: widget.id, listId: list.id, listHidden: list.hidden,
      orientation: widget.getAttribute("orientation"), variant: widget.getAttribute("variant"),
      progress: widget.progress, labels: window.__mo.parts("label"),
      listVisible: list.getBoundingClientRect().height > 0,
    };
  });
  assert.deepEqual(info, {
    tag: "MOMENTUM-PROGRESS", id: "", listId: "l", listHidden: true, orientation: "horizontal", variant: "stepper",
    progress: 1 / 3, labels: ["Tell us your goals", "Connect your data", "Invite your team", "Launch"], listVisible: false,
  });
  assert.deepEqual((await t.events("momentum-ready")).map((e) => [e.target, e.detail]),
    [["MOMENTUM-PROGRESS", { completed: 1, total: 3, progress: 1 / 3 }]]);
  // Removing the list removes its widget.
  await t.eval(() => document.getElementById("l").remove());
  await t.wait(() => document.querySelectorAll("momentum-progress").length === 0, null, { message: "widget removed with its list" });
});

test("a [data-momentum] section gets its own shadow root and the element API", async (t) => {
  await t.open(`<section id="s" data-momentum data-orientation="vertical"><ol>${LIST}</ol></section>`);
  await t.wait(() => window.__mo.$$("li[part~=step]", "#s").length === 4, null, { message: "the section renders" });
  const info = await t.eval(() => {
    const s = document.getElementById("s");
    return { widgets: document.querySelectorAll("momentum-progress").length, mode: s.shadowRoot.mode, progress: s.progress,
      orientation: window.__mo.$("[part~=root]", "#s").dataset.orientation };
  });
  assert.deepEqual(info, { widgets: 0, mode: "open", progress: 1 / 3, orientation: "vertical" });
  await t.eval(() => document.getElementById("s").update([{ id: "connect", status: "complete" }]));
  assert.equal(await t.eval(() => document.getElementById("s").progress), 2 / 3);
  assert.deepEqual((await t.events()).filter((e) => e.type !== "momentum-celebrate").map((e) => [e.type, e.target]),
    [["momentum-ready", "SECTION"], ["momentum-step-complete", "SECTION"], ["momentum-change", "SECTION"]]);
});
