// What the widget does with an endpoint's answers (rule 39) and how often it
// asks after completion (rule 49), in every engine, against the server's
// scripted faults (/api/flaky?fault=…). No fake clock here: waits the server
// asks for are a few seconds, and each gap between two requests is read from
// the page's own Resource Timing entries.
import { test, assert } from "../harness.mjs";

/** How many requests the server saw for `session` at /api/flaky. */
async function flaky(t, session) {
  const r = await (await fetch(t.url(`/api/requests?session=${session}`))).json();
  return r.byPath["/api/flaky"] ?? 0;
}
const STEPS = `<ol><li data-step="a">Upload received</li><li data-step="b">Processing</li></ol>`;
const errorOf = (t, id) => t.wait((id) => window.__mo.events.find((e) => e.type === "momentum-error" && e.id === id), id,
  { message: `momentum-error from #${id}` });
const errorsOf = async (t, id) => (await t.events("momentum-error")).filter((e) => e.id === id);
const notice = (t, id) => t.eval((id) => {
  const n = window.__mo.$("[part~=notice]", "#" + id);
  return n && !n.hidden && n.getBoundingClientRect().height > 0 ? window.__mo.text(n) : null;
}, id);
const refresh = (t, id) => t.eval((id) => document.getElementById(id).refresh()
  .then((d) => ({ sequence: d.sequence }), (e) => ({ error: `${e instanceof Error}: ${e.message}` })), id);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test("rule 39: a login page after a redirect names its content type and the final URL", async (t) => {
  const s = t.session();
  await t.open(`<momentum-progress id="m" src="/api/flaky?session=${s}&fault=login" poll="2s">${STEPS}</momentum-progress>`);
  const err = await errorOf(t, "m");
  const origin = t.url("");
  assert.equal(err.detail.status, 200);
  assert.equal(err.detail.message, "the response is text/html, not JSON; is the endpoint behind a login? " +
    `(HTTP 200 from ${origin}/api/login?session=${s}&fault=login, redirected from ${origin}/api/flaky?session=${s}&fault=login)`);
  assert.ok(err.detail.retryInMs >= 1000, `retryInMs ${err.detail.retryInMs}`);
  // The markup steps stay, and the page is told plainly.
  assert.deepEqual(await t.parts("label", "#m"), ["Upload received", "Processing"]);
  await t.wait(() => window.__mo.parts("notice", "#m")?.[0] ===
    "Couldn't check for updates just now, so this may be out of date. Trying again.", null, { message: "the out-of-date notice" });
  assert.equal((await t.warnings()).filter((w) => w.text.includes("could not update from src: the response is text/html")).length, 1);
});

test("rule 39: 401 and 403 stop polling (retryInMs null) until a refresh() succeeds", async (t) => {
  const [s1, s3] = [t.session(), t.session()];
  const origin = t.url("");
  await t.open(`<momentum-progress id="u" src="/api/flaky?session=${s1}&fault=401&times=1" poll="2s">${STEPS}</momentum-progress>
    <momentum-progress id="f" src="/api/flaky?session=${s3}&fault=403&times=1" poll="2s">${STEPS}</momentum-progress>`);
  for (const [id, s, status, why] of [["u", s1, 401, "not signed in"], ["f", s3, 403, "not allowed"]]) {
    const err = await errorOf(t, id);
    assert.deepEqual(err.detail, {
      status, retryInMs: null,
      message: `the server refused the request as ${why}; no more requests until refresh() succeeds (HTTP ${status} from ${origin}/api/flaky?session=${s}&fault=${status}&times=1)`,
    });
    await t.wait((id) => window.__mo.parts("notice", "#" + id)?.[0] ===
      "Couldn't check for updates, so this may be out of date. Reload the page to try again.", id, { message: `#${id}: the notice` });
  }
  // Not one more request (a 401 used to be retried forever), where a poll of
  // 2 s or a first backoff of 1 to 2 s would have asked again.
  await sleep(3000);
  assert.deepEqual([await flaky(t, s1), await flaky(t, s3)], [1, 1]);
  assert.deepEqual([(await errorsOf(t, "u")).length, (await errorsOf(t, "f")).length], [1, 1]);
  // refresh() asks at once; its success resumes polling at the widget's interval.
  for (const [id, s] of [["u", s1], ["f", s3]]) {
    assert.deepEqual(await refresh(t, id), { sequence: 2 });
    assert.equal(await notice(t, id), null);
    await t.wait(async (s) => (await (await fetch(`/api/requests?session=${s}`)).json()).byPath["/api/flaky"] >= 3, s,
      { message: `#${id} polls again` });
  }
});

test("rule 39: 429 and 503 with Retry-After (seconds, an HTTP date): no request before it, and retryInMs is that wait", async (t) => {
  const [busy, down] = [t.session(), t.session()];
  // A poll of 2 s and a first backoff of 1 to 2 s: only Retry-After explains a longer wait.
  await t.open(`<momentum-progress id="busy" src="/api/flaky?session=${busy}&fault=429&times=1&wait=4" poll="2s">${STEPS}</momentum-progress>
    <momentum-progress id="down" src="/api/flaky?session=${down}&fault=503&times=1&wait=4" poll="2s">${STEPS}</momentum-progress>`);
  const e429 = await errorOf(t, "busy");
  assert.equal(e429.detail.status, 429);
  assert.ok(e429.detail.message.startsWith("the server is busy (too many requests); waiting as its Retry-After asks (HTTP 429 from "), e429.detail.message);
  assert.ok(e429.detail.retryInMs > 3900 && e429.detail.retryInMs <= 4000, `retryInMs ${e429.detail.retryInMs}`);
  const e503 = await errorOf(t, "down");
  assert.equal(e503.detail.status, 503);
  assert.ok(e503.detail.message.startsWith("the server is unavailable; waiting as its Retry-After asks (HTTP 503 from "), e503.detail.message);
  // An HTTP date has whole seconds: 3 to 4 s ahead when it was sent.
  assert.ok(e503.detail.retryInMs > 2500 && e503.detail.retryInMs <= 4000, `retryInMs ${e503.detail.retryInMs}`);
  // refresh() does not overrule the server either: it rejects without a request.
  const refused = await refresh(t, "busy");
  assert.match(refused.error, /^true: Momentum: refresh\(\) sent no request, as the server asked to wait: the server is busy/);
  // The next request comes once the wait is over, not before, and the journey shows.
  for (const [id, s, err] of [["busy", busy, e429], ["down", down, e503]]) {
    await t.wait((id) => document.getElementById(id).state?.sequence === 2, id, { message: `#${id} asks again after the wait` });
    assert.equal(await flaky(t, s), 2);
    // Every request the server saw is in the page's Resource Timing (an
    // error's unread body would keep it out in Chromium).
    // (An engine may add an entry a moment after the response was read.)
    const [first, second] = await t.wait((s) => {
      const entries = performance.getEntriesByType("resource").filter((e) => e.name.includes(`session=${s}`));
      return entries.length === 2 && entries.map((e) => [e.startTime, e.responseEnd]);
    }, s, { timeout: 3000, message: `#${id}: both requests in Resource Timing` });
    const gap = second[0] - first[1];
    assert.ok(gap >= err.detail.retryInMs - 50, `#${id}: the next request ${Math.round(gap)} ms after the answer; retryInMs ${err.detail.retryInMs}`);
    assert.equal(await notice(t, id), null);
  }
}, { timeout: 40_000 });

test("rule 49: after completion the next poll is scheduled 5 minutes out; refresh() fetches at once; reopening resumes polling", async (t) => {
  const s = t.session();
  // The scheduled wait is read from the page's timers: long ones are recorded.
  await t.open(`<script>
      window.__waits = [];
      const setTimer = window.setTimeout;
      window.setTimeout = function (fn, ms, ...rest) { if (ms >= 10_000) window.__waits.push(Math.round(ms)); return setTimer.call(this, fn, ms, ...rest); };
    </script>
    <momentum-progress id="m" src="/api/flaky?session=${s}&fault=complete&times=1" poll="2s"></momentum-progress>`);
  await t.wait(() => window.__mo.$("[part~=done]", "#m")?.getBoundingClientRect().height > 0, null, { message: "the journey is complete" });
  await t.wait(() => window.__waits.some((ms) => ms > 295_000 && ms <= 300_000), null, { message: "a poll 5 minutes out" });
  // poll="2s", yet two and a half seconds later still the one request.
  await sleep(2500);
  assert.equal(await flaky(t, s), 1);
  // refresh() still fetches at once; this answer reopens the journey...
  assert.deepEqual(await refresh(t, "m"), { sequence: 2 });
  assert.equal(await flaky(t, s), 2);
  await t.wait(() => !(window.__mo.$("[part~=done]", "#m")?.getBoundingClientRect().height > 0), null, { message: "reopened" });
  // ...and polling is back to every 2 s.
  await t.wait(async (s) => (await (await fetch(`/api/requests?session=${s}`)).json()).byPath["/api/flaky"] >= 4, s,
    { message: "polling every 2 s again" });
  assert.deepEqual(await t.warnings(), []);
});
