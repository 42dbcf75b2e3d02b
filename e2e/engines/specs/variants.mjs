// One case per variant: what each renders, from markup, in every engine.
import { test, assert } from "../harness.mjs";

const has = (text, needle) => assert.ok(text.includes(needle), `${JSON.stringify(text)} should contain ${JSON.stringify(needle)}`);

/** Waits for widget #m to show `n` steps, then returns what its steps and parts say. */
async function rendered(t, n) {
  await t.wait((n) => window.__mo.$$("li[part~=step]", "#m").length === n, n, { message: `#m shows ${n} steps` });
  return t.eval(() => {
    const $$ = (s) => window.__mo.$$(s, "#m");
    return {
      variant: window.__mo.$("[part~=root]", "#m").dataset.variant,
      steps: $$("li[part~=step]").map((li) => ({
        id: li.dataset.id, status: li.dataset.status, current: li.getAttribute("aria-current"),
        label: window.__mo.text(li.querySelector("[part~=label]")), text: window.__mo.text(li),
      })),
      summary: window.__mo.parts("summary", "#m")[0],
      bar: $$("[part~=bar]")[0].getAttribute("aria-valuenow"),
    };
  });
}

test("stepper: labels, state in text, links only for done and current steps, position", async (t) => {
  await t.open(`<momentum-progress id="m" variant="stepper"><ol>
    <li data-step="cart" data-status="complete" data-href="/cart">Cart</li>
    <li data-step="shipping" data-status="active" data-href="/shipping">Shipping</li>
    <li data-step="payment" data-href="/payment">Payment</li>
    <li data-step="review" data-href="javascript:alert(1)">Review</li></ol></momentum-progress>`);
  const r = await rendered(t, 4);
  assert.equal(r.variant, "stepper");
  assert.deepEqual(r.steps.map((s) => [s.id, s.status, s.label, s.current]), [
    ["cart", "complete", "Cart", null], ["shipping", "active", "Shipping", "step"],
    ["payment", "pending", "Payment", null], ["review", "pending", "Review", null]]);
  has(r.steps[0].text, "Done");
  has(r.steps[1].text, "In progress");
  has(r.steps[2].text, "Not started");
  has(r.summary, "1 of 4 complete");
  has(r.summary, "Step 2 of 4");
  assert.equal(r.bar, "25");
  const links = await t.eval(() => window.__mo.$$("[part~=label] a", "#m").map((a) => a.getAttribute("href")));
  assert.deepEqual(links, ["/cart", "/shipping"]);
});

test("checklist: optional and locked rows say so, done rows under Done (N), row buttons", async (t) => {
  await t.open(`<momentum-progress id="m" variant="checklist" interactive><ol>
    <li data-step="goals" data-status="complete" data-estimate="2m">Tell us your goals</li>
    <li data-step="connect" data-status="active" data-estimate="5m" data-description="Link your warehouse.">Connect your data</li>
    <li data-step="invite" data-optional>Invite your team</li>
    <li data-step="dash" data-requires="connect">Customize your dashboard</li>
    <li data-step="import" data-status="skipped">Import history</li></ol></momentum-progress>`);
  const r = await rendered(t, 5);
  assert.equal(r.variant, "checklist");
  const byId = Object.fromEntries(r.steps.map((s) => [s.id, s]));
  has(byId.invite.text, "Optional");
  has(byId.dash.text, "Cannot start yet — finish Connect your data first");
  // Skipped counts as done; the optional step does not count.
  has(r.summary, "2 of 4 complete");
  const ui = await t.eval(() => {
    const $ = (s) => window.__mo.$(s, "#m");
    return {
      buttons: window.__mo.$$("button.row", "#m").length,
      doneToggle: window.__mo.text($("button.done-toggle")),
      doneListHidden: $(".done-list").hidden,
      done: window.__mo.$$(".done-list [part~=label]", "#m").map(window.__mo.text),
      locked: $("li[data-id=dash] button.row").getAttribute("aria-disabled"),
    };
  });
  assert.deepEqual(ui, {
    buttons: 5, doneToggle: "Done (2)", doneListHidden: true, done: ["Tell us your goals", "Import history"],
    locked: "true",
  });
});

test("timeline: completed time, blocked reason, expected-by time", async (t) => {
  await t.open(`<momentum-progress id="m" variant="timeline" locale="en-US"><ol>
    <li data-step="placed" data-status="complete" data-completed-at="2026-11-20T10:00:00Z">Order placed</li>
    <li data-step="packed" data-status="blocked" data-reason="Waiting for an item to come back in stock">Packed</li>
    <li data-step="shipped" data-eta="2099-11-26T17:00:00Z">Shipped</li></ol></momentum-progress>`);
  const r = await rendered(t, 3);
  assert.equal(r.variant, "timeline");
  assert.deepEqual(r.steps.map((s) => s.status), ["complete", "blocked", "pending"]);
  const parts = await t.eval(() => window.__mo.$$("li[part~=step]", "#m").map((li) => ({
    time: window.__mo.text(li.querySelector("[part~=time]")),
    reason: window.__mo.text(li.querySelector("[part~=reason]")),
  })));
  has(parts[0].time, "Completed");
  has(parts[0].time, "Nov 20");
  has(parts[0].time, "10:00 AM"); // the browsers run in UTC
  assert.equal(parts[0].reason, null);
  has(r.steps[1].text, "Blocked");
  assert.equal(parts[1].reason, "Waiting for an item to come back in stock");
  has(parts[2].time, "Expected by");
});

test("tiers: value, unit, distance to the next tier; the top tier is completion", async (t) => {
  await t.open(`<momentum-progress id="m" variant="tiers" value="640" unit="points" locale="en-US"><ol>
    <li data-step="member" data-threshold="0">Member</li><li data-step="silver" data-threshold="250">Silver</li>
    <li data-step="gold" data-threshold="500">Gold</li><li data-step="vip" data-threshold="1000">VIP</li></ol></momentum-progress>`);
  const r = await rendered(t, 4);
  assert.equal(r.variant, "tiers");
  assert.deepEqual(r.steps.map((s) => [s.id, s.status, s.current]),
    [["member", "complete", null], ["silver", "complete", null], ["gold", "complete", null], ["vip", r.steps[3].status, "step"]]);
  assert.deepEqual(await t.parts("tier", "#m"), ["360 points to VIP"]);
  has(r.summary, "640 points");
  await t.eval(() => document.getElementById("m").setAttribute("value", "1200"));
  await t.wait(() => window.__mo.parts("tier", "#m")[0] === "Top tier reached", null, { message: "top tier" });
  await t.wait(() => !window.__mo.$("[part~=done]", "#m").hidden, null, { message: "completion view shown" });
  assert.deepEqual((await t.events("momentum-celebrate")).map((e) => e.detail.reason).filter((x) => x === "complete"), ["complete"]);
  await t.eval(() => { const m = document.getElementById("m"); m.removeAttribute("unit"); m.setAttribute("value", "640"); });
  await t.wait(() => window.__mo.parts("tier", "#m")[0] === "360 to VIP", null, { message: "without a unit" });
});
