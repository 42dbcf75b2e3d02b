// Language and direction: de-DE numbers, durations, relative and absolute
// times through each engine's Intl, and a right-to-left page.
import { test, assert } from "../harness.mjs";

const ONBOARDING = `
  <li data-step="goals" data-status="complete" data-estimate="2m">Tell us your goals</li>
  <li data-step="connect" data-status="active" data-estimate="5m">Connect your data</li>
  <li data-step="invite" data-optional data-estimate="1m">Invite your team</li>
  <li data-step="customize" data-estimate="2m">Customize your dashboard</li>`;

test("de-DE: phrases, numbers, durations, relative and absolute times", async (t) => {
  await t.open(`<momentum-progress id="m" locale="de-DE"><ol>${ONBOARDING}</ol></momentum-progress>`);
  await t.wait(() => window.__mo.$$("li[part~=step]", "#m").length === 4, null, { message: "renders" });
  // The German phrases come from lang/de.json, which may arrive after the first render.
  await t.wait(() => window.__mo.parts("remaining", "#m")?.[0] === "Noch etwa 7 Minuten, plus 1 Minute für optionale Schritte", null, { message: "German phrases" });
  const [summary] = await t.parts("summary", "#m");
  assert.ok(summary.includes("1 von 3 erledigt"), summary);
  assert.ok(summary.includes("33 %"), summary);
  await t.eval(async () => {
    const { mount } = await import("/pkg/momentum.js");
    mount(document.body, { id: "j", locale: "de-DE", state: {
      updatedAt: new Date(Date.now() - 2 * 60_000 - 5_000).toISOString(),
      steps: [{ id: "a", label: "A", status: "complete", completedAt: "2026-03-05T14:30:00Z" },
        { id: "b", label: "B", status: "active", estimate: 5400 }] } });
  });
  await t.wait(() => window.__mo.parts("updated", "#j")?.[0] === "Aktualisiert vor 2 Minuten", null, { message: "relative time in German" });
  assert.deepEqual(await t.parts("estimate", "#j"), ["", "1,5 Std."]);
  const [time] = await t.eval(() => window.__mo.$$("[part~=time]", "#j").map(window.__mo.text));
  // 14:30 UTC (the browsers run in UTC): German day, month and 24-hour clock.
  assert.match(time, /5\. März/);
  assert.match(time, /14:30/);
});

test("right-to-left: the horizontal stepper is mirrored", async (t) => {
  await t.open(`<momentum-progress id="m" orientation="horizontal" style="display: block; width: 900px"><ol>
    <li data-step="a" data-status="complete">أ</li><li data-step="b">ب</li><li data-step="c">ج</li></ol></momentum-progress>`,
  { lang: "ar", dir: "rtl" });
  await t.wait(() => window.__mo.$$("[part~=marker]", "#m").length === 3, null, { message: "renders" });
  const r = await t.eval(() => ({
    xs: window.__mo.$$("[part~=marker]", "#m").map((m) => m.getBoundingClientRect().x),
    origin: getComputedStyle(window.__mo.$(".fill", "#m")).transformOrigin,
    direction: getComputedStyle(window.__mo.$("[part~=root]", "#m")).direction,
  }));
  assert.equal(r.direction, "rtl");
  assert.ok(r.xs[0] > r.xs[1] && r.xs[1] > r.xs[2], `markers right to left: ${r.xs}`);
  assert.ok(!r.origin.startsWith("0px"), `the bar fills from the right: ${r.origin}`);
});
