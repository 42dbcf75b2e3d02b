// A good guest, in every engine: old completions are no news (rule 36),
// properties set before the element is defined are kept (rule 38), and the
// silent mistakes warn (rule 41).
import { test, assert } from "../harness.mjs";

test("rule 38: state and strings set before momentum.js loads are applied on upgrade; a state attribute warns once", async (t) => {
  // A framework renders first: no momentum.js on the page yet.
  await t.open(`<momentum-progress id="el"></momentum-progress>
    <div id="div" data-momentum></div>
    <momentum-progress id="attr" state="[object Object]"><ol><li data-step="a">From the list</li></ol></momentum-progress>
    <script>
      for (const id of ["el", "div"]) {
        const el = document.getElementById(id);
        el.state = { steps: [{ id: "a", label: "Set early", status: "complete" }, { id: "b", label: "Then this" }] };
        el.strings = { complete: "Finished" };
      }
      // Created (not yet in the page) before the element is defined, added later.
      const detached = document.createElement("momentum-progress");
      detached.id = "detached";
      detached.state = { steps: [{ id: "d", label: "Detached early" }] };
      window.__detached = detached;
    </script>`, { module: false });
  assert.equal(await t.eval(() => customElements.get("momentum-progress") === undefined), true);
  await t.eval(async () => {
    await import("/pkg/momentum.js");
    document.body.append(window.__detached);
  });
  for (const id of ["#el", "#div"]) {
    await t.wait((sel) => window.__mo.parts("label", sel)?.join() === "Set early,Then this", id, { message: `${id} shows the early state` });
    assert.match((await t.parts("step", id))[0], /Finished/);
  }
  await t.wait(() => window.__mo.parts("label", "#detached")?.join() === "Detached early", null, { message: "the detached element" });
  assert.deepEqual(await t.eval(() => ["el", "div"].map((id) => document.getElementById(id).progress)), [0.5, 0.5]);
  assert.deepEqual(await t.parts("label", "#attr"), ["From the list"]);
  const warnings = await t.warnings();
  assert.equal(warnings.length, 1, warnings.map((w) => w.text).join("\n"));
  assert.match(warnings[0].text, /^Momentum <momentum-progress id="attr">: state="\[object Object\]" is an attribute, which the widget does not read; allowed: the state property \(el\.state = doc\)/);
  assert.equal(warnings[0].element, "MOMENTUM-PROGRESS");
});

const ORDER = ["placed", "paid", "packed", "shipped", "delivered"];

test("rule 36: a delivered order (markup without data-status, a src document all complete) fires no step-complete, on load and reload", async (t) => {
  const doc = t.write("delivered.json", JSON.stringify({
    version: 1, sequence: 6, updatedAt: new Date(Date.now() - 3600_000).toISOString(),
    steps: ORDER.map((id) => ({ id, status: "complete" })),
  }));
  const list = ORDER.map((id) => `<li data-step="${id}">${id}</li>`).join("");
  for (const visit of ["load", "reload"]) {
    // The reload keeps what the first visit stored.
    await t.open(`<ol id="order" data-momentum data-src="${doc}" data-variant="timeline">${list}</ol>`, { keepStorage: visit === "reload" });
    await t.wait(() => window.__mo.$$('li[part~=step][data-status="complete"]').length === 5, null, { message: `${visit}: all complete` });
    // Past the live region's 250 ms gathering.
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(await t.events("momentum-step-complete"), [], visit);
    const said = await t.eval(() => window.__mo.$("[aria-live]").textContent);
    assert.doesNotMatch(said, /: done|steps done/, visit);
  }
});

test("rule 36: a journey followed live reports only what happens after the first document", async (t) => {
  const s = t.session();
  const ids = ["placed", "paid", "packed", "shipped", "out-for-delivery", "delivered"];
  await t.open(`<momentum-progress id="m" src="/api/order?session=${s}&step=2" poll="1s"><ol>${ids.map((id) => `<li data-step="${id}">${id}</li>`).join("")}</ol></momentum-progress>`);
  // The first document: "placed" is already complete. No news.
  await t.wait(() => window.__mo.$$("li[part~=step]", "#m")[0]?.dataset.status === "complete", null, { message: "placed complete" });
  assert.deepEqual(await t.events("momentum-step-complete"), []);
  // The journey moves on: that is news, once per step.
  await t.wait(() => window.__mo.events.some((e) => e.type === "momentum-step-complete" && e.detail.stepId === "paid"),
    null, { timeout: 12_000, message: "paid completes" });
  const fired = (await t.events("momentum-step-complete")).map((e) => e.detail.stepId);
  assert.ok(!fired.includes("placed"), fired.join());
  assert.equal(new Set(fired).size, fired.length, fired.join());
}, { timeout: 40_000 });

test("rule 41: the silent mistakes warn once each, with the element", async (t) => {
  await t.open(`
    <momentum-progress id="loose"><li data-step="a">Loose A</li><li data-step="b">Loose B</li></momentum-progress>
    <momentum-progress id="req"><ol><li data-step="a">A</li><li data-step="b" data-requires="a zz">B</li></ol></momentum-progress>
    <momentum-progress id="loc" locale="english"><ol><li data-step="a">A</li></ol></momentum-progress>
    <ol id="other" data-momentum variant="checklist"><li data-step="a">A</li></ol>
    <momentum-progress id="other2" data-variant="timeline"><ol><li data-step="a">A</li></ol></momentum-progress>`);
  await t.wait(() => window.__mo.parts("label", "#loose")?.join() === "Loose A,Loose B", null, { message: "loose li steps render" });
  await t.wait(() => window.__mo.$$("li[part~=step]", "#other2").length === 1, null, { message: "every widget renders" });
  // Re-configuring every widget must not repeat a warning.
  await t.eval(() => { for (const el of document.querySelectorAll("momentum-progress")) el.setAttribute("orientation", "vertical"); });
  await new Promise((r) => setTimeout(r, 200));
  const warnings = await t.warnings();
  const expected = [
    [/^Momentum <momentum-progress id="loose">: <li> steps are not inside an <ol> or <ul>; allowed: /, "MOMENTUM-PROGRESS"],
    [/^Momentum <momentum-progress id="req">, step "b": data-requires="zz" is not valid; allowed: the id of another step of this widget/, "MOMENTUM-PROGRESS"],
    [/^Momentum <momentum-progress id="loc">: locale="english" is not valid; allowed: a BCP 47 language tag/, "MOMENTUM-PROGRESS"],
    [/^Momentum <ol id="other">: variant="checklist" is not read on a \[data-momentum\] element; allowed: data-variant\.$/, "OL"],
    [/^Momentum <momentum-progress id="other2">: data-variant="timeline" is not read on <momentum-progress>; allowed: variant\.$/, "MOMENTUM-PROGRESS"],
  ];
  for (const [pattern, element] of expected) {
    const hits = warnings.filter((w) => pattern.test(w.text));
    assert.equal(hits.length, 1, `${pattern}\n  in: ${warnings.map((w) => w.text).join("\n      ")}`);
    assert.equal(hits[0].element, element, String(pattern));
  }
  assert.equal(warnings.length, expected.length, warnings.map((w) => w.text).join("\n"));
});
