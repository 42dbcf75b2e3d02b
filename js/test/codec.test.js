// Unit tests of the shell's pure parts (node --test): values as JSON text for
// the core, the input limits and the generated protocol reader.
import { test } from "node:test";
import assert from "node:assert/strict";
import { encode, decodeAt, parse, SEP, PAGE_API, DOCUMENT } from "../codec.js";
import { MAX_BYTES, MAX_DEPTH, MAX_VALUES, readStep, ATTRIBUTES } from "../protocol.js";

/** Reads back what `encode` wrote. */
function roundTrip(value) {
  const [text] = encode(value);
  return JSON.parse(text);
}

test("values survive encoding and decoding", () => {
  const doc = { version: 1, title: "Täst", steps: [{ id: "a", done: true, n: 2.5, gone: null }], empty: [], o: {} };
  assert.deepEqual(roundTrip(doc), doc);
  assert.equal(roundTrip("x"), "x");
  assert.equal(roundTrip(null), null);
  assert.equal(roundTrip(false), false);
});

// (The core reads the token separator in text as U+FFFD: crates/core/src/json.rs.)
test("what JSON cannot hold is written as JSON.stringify writes it (BigInt as null), never a throw", () => {
  assert.deepEqual(roundTrip([10n, Symbol("s"), () => 1, undefined, NaN, -Infinity]), [null, null, null, null, null, null]);
  assert.deepEqual(roundTrip({ big: 1n }), { big: null });
  assert.equal(roundTrip(undefined), null);
  assert.deepEqual(encode(`a${SEP}b`), [JSON.stringify(`a${SEP}b`)]);
});

test("tokens from the core read back as values", () => {
  const t = ["{", "sa", "n", "sb", "[", "t", "z", "]", "}"];
  assert.deepEqual(decodeAt(t, { i: 0, n: 0, nums: () => [2.5] }), { a: 2.5, b: [true, null] });
});

test("undefined members and functions are left out, as JSON.stringify does", () => {
  assert.deepEqual(roundTrip({ a: undefined, f() {}, b: 1 }), { b: 1 });
});

test("the page API's limits refuse with a reason, never throw", () => {
  let deep = [];
  for (let i = 1; i < MAX_DEPTH + 1; i++) deep = [deep];
  assert.equal(encode(deep), `is nested deeper than ${MAX_DEPTH} objects and arrays`);
  assert.equal(encode(Array(MAX_VALUES).fill(0)), `holds more than ${MAX_VALUES.toLocaleString("en")} values`);
  assert.ok(Array.isArray(encode(Array(MAX_VALUES - 1).fill(0))));
  assert.equal(encode("x".repeat(MAX_BYTES)), "is larger than 1 MB as JSON");
  assert.ok(Array.isArray(encode(Array(MAX_VALUES).fill(0), DOCUMENT)), "a document's size bounds its values");
  const cyclic = {};
  cyclic.self = cyclic;
  assert.equal(typeof encode(cyclic), "string");
});

test("the first limit passed is the one named, bytes counted exactly in UTF-8", () => {
  const limits = { bytes: 100, depth: 32, values: 5 };
  // 40 characters of 3 bytes pass 100 bytes at the string, before the sixth value.
  assert.equal(encode(["€".repeat(40), 1, 2, 3, 4, 5], limits), "is larger than 0.0001 MB as JSON");
  assert.equal(encode(["x".repeat(40), 1, 2, 3, 4, 5], limits), "holds more than 5 values");
  assert.deepEqual(encode(["€".repeat(30)], limits), [JSON.stringify(["€".repeat(30)])]);
  assert.equal(encode(["€".repeat(33)], limits), "is larger than 0.0001 MB as JSON");
});

test("JSON text is parsed within the limits", () => {
  assert.deepEqual(parse('{"a":1}', PAGE_API), { value: { a: 1 } });
  assert.deepEqual(parse("{", PAGE_API), { error: "is not valid JSON" });
  assert.deepEqual(parse(" ".repeat(MAX_BYTES + 1), PAGE_API), { error: "is larger than 1 MB as JSON" });
});

test("readStep reads the fields in the core's order", () => {
  const tokens = ["id", "active", "Label", "#h", "desc", "", "", "0", "In progress", "2", "5m", "", "1"];
  let i = 0;
  const next = () => tokens[i++];
  const step = readStep(next, () => next() === "1");
  assert.equal(i, tokens.length);
  assert.deepEqual(step, {
    id: "id", status: "active", label: "Label", href: "#h", description: "desc", locked: "", reason: "",
    reverted: false, state: "In progress", marker: "2", estimate: "5m", time: "", current: true,
  });
});

test("the attribute list has no repeats", () => {
  assert.equal(new Set(ATTRIBUTES).size, ATTRIBUTES.length);
  assert.ok(Object.isFrozen(ATTRIBUTES));
});
