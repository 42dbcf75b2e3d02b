// The tabs of one origin working as one (rule 47): a Web Lock per name elects
// the one tab that does a job (net.js: polling one URL, or holding its
// EventSource), and one BroadcastChannel per origin carries what the tabs tell
// each other (documents, intervals, server hints, celebrations recorded).
//
// Without either API (an old browser, or a page that is not a secure context,
// where Web Locks do not exist) `on` is false, nothing here does anything, and
// each tab works on its own.
//
// Messages are plain objects: `t` the type, `f` the sending tab, `to` the one
// tab meant (others ignore it), anything else as the sender's module chose.
// The channel's name carries a version: tabs running an incompatible Momentum
// never hear each other, and each polls on its own.

const NAME = "momentum/1";
const locks = globalThis.navigator?.locks;

/** Whether tabs share their work: Web Locks and BroadcastChannel are both there. */
export const on = typeof locks?.request == "function" && typeof BroadcastChannel == "function";

/** This tab's id in messages. */
const me = Math.random();

let channel, hear;
/** Celebrations other tabs recorded, by storage key (comma-separated names). */
const heard = new Map();

/** The names of two comma-separated lists (either may be null), each once. */
const union = (a, b) => [...new Set(`${a ?? ""},${b ?? ""}`.split(","))].filter(Boolean).join(",");

function chan() {
  if (!channel) {
    channel = new BroadcastChannel(NAME);
    channel.onmessage = ({ data: m }) => {
      if (!m || m.f == me || (m.to != null && m.to != me)) return;
      if (m.t == "k") heard.set(m.k, union(heard.get(m.k), m.v));
      else hear?.(m);
    };
  }
  return channel;
}

/** Posts `m` to the other tabs (nothing without `on`). */
export function send(m) {
  if (!on) return;
  m.f = me;
  try {
    chan().postMessage(m);
  } catch {
    // Not cloneable, or the channel is gone: the other tabs fend for themselves.
  }
}

/** Calls `fn(message)` for every message of the other tabs (one listener). */
export function listen(fn) {
  hear = fn;
  if (on) chan();
}

/**
 * An election among the tabs for `name`. The returned `stand(yes)` enters it
 * (or withdraws); `lead(true)` is called when this tab becomes the leader and
 * `lead(false)` when it stops, after `stand(false)`. The lock is held while
 * leading, so a leader that closes or crashes hands over by itself, to the
 * tab that has stood longest.
 */
export function elect(name, lead) {
  let want = false, pending = null, release = null;
  return (yes) => {
    if (yes == want) return;
    want = yes;
    if (yes) {
      const mine = (pending = new AbortController());
      locks
        .request(NAME + " " + name, { signal: mine.signal }, () => {
          // Withdrawn after the lock was granted: give it straight back.
          if (pending != mine) return;
          pending = null;
          return new Promise((r) => {
            release = r;
            lead(true);
          });
        })
        .catch((e) => {
          // Aborted (withdrawn); or the browser refuses locks here (an opaque
          // origin, for one): then this tab leads on its own.
          if (pending == mine && e?.name != "AbortError") {
            pending = null;
            release = () => {};
            lead(true);
          }
        });
    } else {
      pending?.abort();
      pending = null;
      if (release) {
        release();
        release = null;
        lead(false);
      }
    }
  };
}

/** Calls `fn` only if no tab holds `name`'s lock now (nobody leads). */
export function vacant(name, fn) {
  locks.request(NAME + " " + name, { ifAvailable: true }, (lock) => lock && fn()).catch(fn);
}

/** Tells the other tabs which celebrations fired under storage key `k` (comma-separated `v`). */
export const tell = (k, v) => send({ t: "k", k, v });

/** `v`, what this tab's storage holds for `k`, with the celebrations other
 *  tabs recorded under it, so a record that has not reached this tab's
 *  storage yet (or storage that is blocked) still counts. */
export const recorded = (k, v) => (heard.has(k) ? union(v, heard.get(k)) : v);
