// Importing momentum.js where there is no DOM (Node, a unit-test runner,
// server-side rendering) neither throws nor fetches anything (rule 37).
// Run by scripts/test.sh with `node --test`, against the built pkg/.
import { test } from "node:test";
import assert from "node:assert/strict";

test("importing pkg/momentum.js in plain Node does not throw and fetches nothing", async () => {
  const calls = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (...args) => {
    calls.push(String(args[0]));
    return Promise.reject(new Error("no request expected"));
  };
  try {
    assert.equal(typeof globalThis.document, "undefined", "a plain Node environment");
    const momentum = await import("../../pkg/momentum.js");
    assert.equal(typeof momentum.mount, "function");
    assert.ok(momentum.ATTRIBUTES.includes("src"));
    // Loading is never deferred to a later tick either.
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(calls, []);
  } finally {
    globalThis.fetch = realFetch;
  }
});
