// Values as JSON text for the core (read by crates/core/src/json.rs), values
// from the core's tokens (crates/core/src/wire/codec.rs), and how large input
// may be (rule 51), checked here before anything crosses into the wasm. The
// numbers are the core's (generated into protocol.js from
// crates/core/src/wire/protocol.rs).
import { MAX_BYTES, MAX_DEPTH, MAX_VALUES } from "./protocol.js";

export { MAX_BYTES, MAX_DEPTH, MAX_VALUES };

/** What `el.state`, `el.update()` and `strings` may hold. */
export const PAGE_API = { bytes: MAX_BYTES, depth: MAX_DEPTH, values: MAX_VALUES };
/** What a state document from `src`, the stream or inline JSON may hold (its size bounds its values). */
export const DOCUMENT = { bytes: MAX_BYTES, depth: MAX_DEPTH, values: Infinity };

/** The token separator. */
export const SEP = "\u001f";

/** How input over `bytes` is refused, the one wording for it. */
export const tooLarge = (bytes) => `is larger than ${bytes / 1e6} MB as JSON`;

/** Why a value is refused: thrown inside `measure`. */
class Refused { constructor(why) { this.why = why; } }

/**
 * Why `value` passes `limits`, as `encode` words it, or undefined when it
 * does not (then it is safe to stringify). Walks the value as
 * `JSON.stringify` would and stops at the first limit passed, so a huge
 * string or an object shared many levels deep costs no more than the limit.
 * Bytes are counted as at least one a character and a number; `exact` also
 * counts what UTF-8, escapes and digits add (only needed to say which limit
 * came first).
 */
function measure(value, limits, exact) {
  let values = 0, bytes = 0, big = false;
  const add = (n) => {
    if ((bytes += n) > limits.bytes) throw new Refused(tooLarge(limits.bytes));
  };
  const text = (s) => {
    add(s.length + 2);
    if (!exact) return;
    let extra = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20) extra += c == 8 || c == 9 || c == 10 || c == 12 || c == 13 ? 1 : 5;
      else if (c == 0x22 || c == 0x5c) extra++;
      else if (c < 0x80) continue;
      else if (c < 0x800) extra++;
      else if (c >= 0xd800 && c < 0xdc00 && (s.charCodeAt(i + 1) & 0xfc00) == 0xdc00) { extra += 2; i++; }
      else extra += c >= 0xd800 && c < 0xe000 ? 5 : 2;
      if (extra > limits.bytes) break;
    }
    add(extra);
  };
  const put = (v, depth) => {
    if (++values > limits.values) throw new Refused(`holds more than ${limits.values.toLocaleString("en")} values`);
    if (v !== null && typeof v === "object" && typeof v.toJSON === "function") v = v.toJSON();
    switch (typeof v) {
      case "string": text(v); return;
      // At least a byte (the exact count writes the number, which costs more).
      case "number": add(exact ? (isFinite(v) ? String(v).length : 4) : 1); return;
      case "boolean": add(v ? 4 : 5); return;
      case "bigint": big = true; break;
      case "object":
        if (v === null) break;
        if (depth >= limits.depth) throw new Refused(`is nested deeper than ${limits.depth} objects and arrays`);
        if (Array.isArray(v)) {
          add(Math.max(v.length + 1, 2)); // brackets and commas
          for (let i = 0; i < v.length; i++) put(v[i], depth + 1);
        } else {
          add(2);
          let first = true;
          for (const k of Object.keys(v)) {
            const item = v[k];
            if (item === undefined || typeof item === "function" || typeof item === "symbol") continue;
            add(first ? 1 : 2); // colon, comma
            first = false;
            text(k);
            put(item, depth + 1);
          }
        }
        return;
    }
    add(4); // null
  };
  try {
    put(value, 0);
  } catch (e) {
    return { why: e instanceof Refused ? e.why : "cannot be read as JSON" };
  }
  return { big };
}

/** `text`'s length in UTF-8 (JSON.stringify writes no lone surrogates). */
function utf8(text) {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) n += c < 0x800 || (c & 0xf800) == 0xd800 ? 1 : 2; // a surrogate pair: 4 bytes for 2 units
  }
  return n;
}

/** What JSON.stringify cannot write: a BigInt, written as null. */
const noBigInt = (k, v) => (typeof v == "bigint" ? null : v);

/**
 * `value` as JSON text for the core: `[text]`, or, when it passes `limits`,
 * a string saying why not (`"is larger than 1 MB as JSON"`). Size is counted
 * as `JSON.stringify` writes it, in UTF-8. Never throws, and stops at the
 * first limit passed: a huge string or an object shared many levels deep
 * costs no more than the limit. The text itself is the engine's
 * `JSON.stringify` (what is not JSON is null, or left out in an object).
 * @returns {[string] | string}
 */
export function encode(value, limits = PAGE_API) {
  const m = measure(value, limits, false);
  // Counted at a byte a character, a limit other than size was passed: count
  // exactly to say which one came first.
  if (m.why !== undefined) return m.why.startsWith("is larger") ? m.why : measure(value, limits, true).why ?? m.why;
  let text;
  try {
    text = JSON.stringify(value, m.big ? noBigInt : undefined) ?? "null";
  } catch {
    return "cannot be read as JSON";
  }
  return text.length * 3 <= limits.bytes || utf8(text) <= limits.bytes ? [text] : tooLarge(limits.bytes);
}

/** JSON `text` (an attribute, an inline script), parsed within `limits`: { value } or { error }. */
export function parse(text, limits) {
  if (text.length > limits.bytes) return { error: tooLarge(limits.bytes) };
  let value;
  try { value = JSON.parse(text); } catch { return { error: "is not valid JSON" }; }
  const t = encode(value, limits);
  return typeof t == "string" ? { error: t } : { value };
}

/** Reads one JSON value at `r.i` of the tokens `t` (numbers from `r.nums()`). */
/**
 * @param {string[]} t the tokens
 * @param {{ i: number, n: number, nums: () => ArrayLike<number> }} r where to read, and the numbers
 * @returns {any}
 */
export function decodeAt(t, r) {
  const tok = t[r.i++] ?? "z";
  switch (tok[0]) {
    case "n": return r.nums()[r.n++];
    case "s": return tok.slice(1);
    case "t": return true;
    case "f": return false;
    case "[": { const a = []; while (t[r.i] !== "]" && r.i < t.length) a.push(decodeAt(t, r)); r.i++; return a; }
    case "{": {
      const o = {};
      while (t[r.i] !== "}" && r.i < t.length) { const k = t[r.i++].slice(1); o[k] = decodeAt(t, r); }
      r.i++;
      return o;
    }
  }
  return null;
}

