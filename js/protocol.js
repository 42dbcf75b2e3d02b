// Generated from crates/core/src/wire/protocol.rs (the one definition of the boundary between the
// wasm core and this shell); do not edit. After changing the tables there, run
//   MOMENTUM_BLESS=1 cargo test -p momentum-core protocol
// A host test fails while this file differs from what the tables produce.

// Instructions from the core.
/** A console warning (text); the shell prefixes the element and drops repeats. */
export const OP_WARN = "w";
/** The phrases the tree is built with: progress label, empty text; then the language subtag whose file the shell loads. */
export const OP_PHRASES = "l";
/** A root slot changed: a slot code, then its values. */
export const OP_ROOT = "r";
/** The rows change kind (flag: buttons): drop them all; inserts follow. */
export const OP_ROWS = "x";
/** Remove the step (id). */
export const OP_REMOVE = "-";
/** Insert a step before the step (id, empty: at the end), then its fields. */
export const OP_INSERT = "+";
/** Move the step (id) before another (id, empty: to the end). */
export const OP_MOVE = ">";
/** Update a step: the changed field bits, then its fields. */
export const OP_UPDATE = "~";
/** Keep steps in the open or the done list, in order: count, then (id, flag: done) pairs. */
export const OP_PLACE = "p";
/** Whether there are no steps (flag). */
export const OP_EMPTY = "e";
/** Open the row of the step (id), resuming a visit. */
export const OP_OPEN = "o";
/** Render again after this long (ms, empty: no need), for relative times. */
export const OP_TICK = "t";
/** Announce politely: count, then sentences. */
export const OP_ANNOUNCE = "a";
/** Celebrations and resolved promises to remember as fired: count, then keys. */
export const OP_RECORD = "k";
/** An event: name, flag: cancelable, an action code and its operands, then the detail (a JSON value). */
export const OP_EVENT = "v";
/** When to check for a stall next (ms since epoch, empty: never). */
export const OP_STALL = "s";
/** The input was applied: a render is due. */
export const OP_DUE = "d";

// Root slots (after OP_ROOT).
/** `data-variant` on the root (name). */
export const SLOT_VARIANT = "V";
/** `data-orientation` on the root (name). */
export const SLOT_ORIENTATION = "O";
/** Flag: interactive rows; the compact line, the tier line, the done group's label. */
export const SLOT_EXTRAS = "X";
/** The title (text, hidden while empty). */
export const SLOT_TITLE = "T";
/** The message (text, hidden while empty). */
export const SLOT_MESSAGE = "M";
/** The notice (text, hidden while empty). */
export const SLOT_NOTICE = "N";
/** The remaining-time line (text, hidden while empty). */
export const SLOT_REMAINING = "R";
/** The updated/heartbeat line (text, hidden while empty). */
export const SLOT_PULSE = "U";
/** The hear-back promise (text, hidden while empty). */
export const SLOT_PROMISE = "H";
/** Flag: done; the completion heading, its detail, the show and hide labels. */
export const SLOT_DONE = "D";
/** The summary count (text). */
export const SLOT_SUMMARY = "S";
/** The position sentence for screen readers (text). */
export const SLOT_POSITION = "P";
/** The percentage (text). */
export const SLOT_PERCENT = "C";
/** The bar: whole percent, thousandths, percentage text. */
export const SLOT_BAR = "B";

// Changed step fields (bits, after OP_UPDATE).
/** `data-status`. */
export const FIELD_STATUS = 1;
/** The label text. */
export const FIELD_LABEL = 2;
/** The state text. */
export const FIELD_STATE = 4;
/** The marker glyph. */
export const FIELD_MARKER = 8;
/** The estimate text. */
export const FIELD_ESTIMATE = 16;
/** `aria-current`. */
export const FIELD_CURRENT = 32;
/** The completed-at or expected-by text. */
export const FIELD_TIME = 64;
/** The link, description, reason, lock and reverted mark. */
export const FIELD_DETAIL = 128;
/** Everything (a new step). */
export const FIELD_ALL = 255;

// Default actions of events (after OP_EVENT's name and flag).
/** None. */
export const ACTION_NONE = "";
/** A subtle celebration. */
export const ACTION_SUBTLE = "*";
/** Confetti. */
export const ACTION_CONFETTI = "#";
/** Open the row of the step (id), remember it, then follow its link (href, empty: none). */
export const ACTION_SELECT = "@";

// Where a document given to Core.accept comes from.
/** From `src` or the stream, already checked. */
export const ACCEPT_REMOTE = 0;
/** `el.state = doc`. */
export const ACCEPT_REPLACE = 1;
/** `el.update(patch)`. */
export const ACCEPT_PATCH = 2;
/** The last document from `src` again, unchanged (an HTTP 304; no tokens). */
export const ACCEPT_UNCHANGED = 3;
/** `el.strings = phrases` (checked by the shell only; not accepted by the core). */
export const ACCEPT_STRINGS = 4;

// How a widget follows src (Core.live).
/** Poll every `poll` interval. */
export const LIVE_POLL = 0;
/** Server-sent events, falling back to polling. */
export const LIVE_SSE = 1;
/** Do not follow. */
export const LIVE_OFF = 2;

// Whether the state may be out of date (Core.outOfDate).
/** Current. */
export const OUT_OF_DATE_CURRENT = 0;
/** Possibly out of date; another fetch is scheduled. */
export const OUT_OF_DATE_RETRYING = 1;
/** Possibly out of date; no fetch is scheduled. */
export const OUT_OF_DATE_STOPPED = 2;

// Input limits (rule 51).
/** Largest input, in bytes of UTF-8 JSON: a state document from `src`, the stream or inline JSON, and what `el.state`, `el.update()` and `strings` take. */
export const MAX_BYTES = 1000000;
/** Most nested objects and arrays, the outermost counting as 1. */
export const MAX_DEPTH = 32;
/** Most values in total through the page API, counting every occurrence of a shared value: objects, arrays, strings, numbers, booleans and nulls (not keys). */
export const MAX_VALUES = 10000;
/** Most warnings a widget remembers as already logged (rule 52); older ones may be logged again. */
export const MAX_WARNINGS = 1000;
/** Most markup steps read from the page. */
export const MAX_MARKUP_STEPS = 1000;

// Timings of the network and the clock, in milliseconds (and counts).
/** How long one request may take before it is aborted. */
export const REQUEST_TIMEOUT_MS = 15000;
/** Failed server-sent-event connections in a row before falling back to polling. */
export const SSE_MAX_FAILURES = 3;
/** The longest single timer (browsers overflow past 2^31-1, so longer waits are re-checked): a day. */
export const MAX_TIMER_MS = 86400000;
/** After completion a journey is polled at most this often (rule 49): 5 minutes. */
export const REST_MS = 300000;

/** Every widget attribute, without the `data-` prefix. */
export const ATTRIBUTES = Object.freeze(["src", "live", "poll", "variant", "orientation", "celebrate", "milestones", "stall-after", "done-message", "locale", "storage-key", "interactive", "hours", "holidays", "time-zone", "strings", "value", "unit", "lint"]);

/**
 * @typedef {object} StepFields A step as OP_INSERT and OP_UPDATE carry it.
 * @property {string} id
 * @property {string} status
 * @property {string} label
 * @property {string} href
 * @property {string} description
 * @property {string} locked
 * @property {string} reason
 * @property {boolean} reverted
 * @property {string} state
 * @property {string} marker
 * @property {string} estimate
 * @property {string} time
 * @property {boolean} current
 */

/**
 * Reads a step's fields in the order the core writes them.
 * @param {() => string} next the next token
 * @param {() => boolean} flag the next token as a flag
 * @returns {StepFields}
 */
export function readStep(next, flag) {
  return {
    id: next(),
    status: next(),
    label: next(),
    href: next(),
    description: next(),
    locked: next(),
    reason: next(),
    reverted: flag(),
    state: next(),
    marker: next(),
    estimate: next(),
    time: next(),
    current: flag(),
  };
}
