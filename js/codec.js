// Values as the core's tokens, both ways (crates/core/src/wire/codec.rs),
// and how large input may be (rule 51), checked here before anything
// crosses into the wasm. The numbers
// are the core's (generated into protocol.js from crates/core/src/wire/protocol.rs).
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

/** Why a value is refused: thrown inside `encode`, returned by it. */
class Refused { constructor(why) { this.why = why; } }

/**
 * `value` as the core's tokens and numbers (crates/core/src/wire/codec.rs): `[tokens, nums]`,
 * or, when it passes `limits`, a string saying why not (`"is larger than 1 MB
 * as JSON"`). Size is counted as `JSON.stringify` would write it, in UTF-8.
 * Never throws, and stops at the first limit passed: a huge string or an
 * object shared many levels deep costs no more than the limit.
 */
export function encode(value, limits = PAGE_API) {
  const out = [], nums = [];
  let values = 0, bytes = 0;
  const add = (n) => {
    if ((bytes += n) > limits.bytes) throw new Refused(tooLarge(limits.bytes));
  };
  const text = (s) => {
    add(s.length + 2); // every character takes at least a byte
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
    return "s" + (s.includes(SEP) ? s.replaceAll(SEP, "\ufffd") : s);
  };
  const put = (v, depth) => {
    if (++values > limits.values) throw new Refused(`holds more than ${limits.values.toLocaleString("en")} values`);
    if (v !== null && typeof v === "object" && typeof v.toJSON === "function") v = v.toJSON();
    switch (typeof v) {
      case "string": out.push(text(v)); return;
      case "number": add(isFinite(v) ? String(v).length : 4); out.push("n"); nums.push(v); return;
      case "boolean": add(v ? 4 : 5); out.push(v ? "t" : "f"); return;
      case "object":
        if (v === null) break;
        if (depth >= limits.depth) throw new Refused(`is nested deeper than ${limits.depth} objects and arrays`);
        if (Array.isArray(v)) {
          add(Math.max(v.length + 1, 2)); // brackets and commas
          out.push("[");
          for (let i = 0; i < v.length; i++) put(v[i], depth + 1);
          out.push("]");
        } else {
          add(2);
          out.push("{");
          let first = true;
          for (const k of Object.keys(v)) {
            const item = v[k];
            if (item === undefined || typeof item === "function" || typeof item === "symbol") continue;
            add(first ? 1 : 2); // colon, comma
            first = false;
            out.push(text(k));
            put(item, depth + 1);
          }
          out.push("}");
        }
        return;
    }
    add(4);
    out.push("z");
  };
  try {
    put(value, 0);
  } catch (e) {
    return e instanceof Refused ? e.why : "cannot be read as JSON";
  }
  return [out.join(SEP), new Float64Array(nums)];
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

