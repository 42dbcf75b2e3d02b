// The load model's arithmetic (node --test, run by scripts/test.sh), so that
// the README's table cannot silently drift from what the model says.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULTS, model, parse, rate, table } from "./load-model.mjs";

const close = (actual, expected, what) => assert.ok(Math.abs(actual - expected) < 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual} != ${expected}`);

test("3 tabs x 10 widgets, all visible, poll 2 s, nothing complete: 15, 1.5 and 0.5 requests/s", () => {
  const m = model(1, { tabs: 3, visible: 1, widgets: 10, poll: 2, complete: 0, notModified: 1, docBytes: 1000, notModifiedBytes: 100 });
  close(m.naive.requests, 15, "naive");
  close(m.perPage.requests, 1.5, "per page");
  close(m.perBrowser.requests, 0.5, "per browser");
  // The naive client gets the document every time; the others only 304s here.
  close(m.naive.bytes, 15_000, "naive bytes");
  close(m.perPage.bytes, 150, "per page bytes");
  close(m.perBrowser.bytes, 50, "per browser bytes");
});

test("hidden tabs: per page counts visible tabs, per browser the chance that any is visible", () => {
  const m = model(1000, { tabs: 2, visible: 0.5, widgets: 1, poll: 10, complete: 0 });
  close(m.naive.requests, 200, "naive polls hidden tabs too");
  close(m.perPage.requests, 100, "per page");
  close(m.perBrowser.requests, 75, "per browser: 1 - 0.5^2 of customers");
});

test("complete journeys: per browser polls them every 5 minutes (or poll, when longer), all answered 304", () => {
  const p = { tabs: 1, visible: 1, widgets: 1, poll: 30, complete: 1, notModified: 0, docBytes: 2000, notModifiedBytes: 300 };
  const m = model(300, p);
  close(m.perPage.requests, 10, "per page: the same interval");
  close(m.perPage.bytes, 3000, "per page: every answer a 304");
  close(m.perBrowser.requests, 1, "per browser: every 300 s");
  close(m.perBrowser.bytes, 300, "per browser bytes");
  close(model(600, { ...p, poll: 600 }).perBrowser.requests, 1, "a poll longer than 5 minutes stays");
});

test("bytes mix documents and 304s by the share of 304s", () => {
  const m = model(1, { tabs: 1, visible: 1, widgets: 1, poll: 1, complete: 0, notModified: 0.75, docBytes: 1000, notModifiedBytes: 200 });
  close(m.perPage.bytes, 0.75 * 200 + 0.25 * 1000, "mean answer");
});

test("the defaults give the README's table", () => {
  const m = model(1_000_000);
  close(m.naive.requests, 200_000, "naive");
  close(m.perPage.requests, 30_000, "per page");
  close(m.perBrowser.requests, (1 - 0.7 ** 3) * 1e6 * (0.5 / 30 + 0.5 / 300), "per browser");
  const t = table(DEFAULTS);
  assert.match(t, /\| 1,000,000 \| per browser \(now\) \| 12,045 \| 4\.54 MB\/s \| 6 % \|/);
  assert.equal(t.split("\n").length, 2 + 3 * DEFAULTS.customers.length);
});

test("rates and options", () => {
  assert.equal(rate(999), "999 B/s");
  assert.equal(rate(45_400), "45.4 kB/s");
  assert.equal(rate(4e9), "4 GB/s");
  assert.deepEqual(parse(["--customers", "10,20", "--not-modified", "0.5"]).customers, [10, 20]);
  assert.equal(parse(["--not-modified-bytes", "250"]).notModifiedBytes, 250);
  assert.throws(() => parse(["--tabz", "2"]), /unknown option --tabz/);
  assert.throws(() => parse(["--poll", "soon"]), /needs a number/);
});
