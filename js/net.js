// Following `src` (port of src/shell/net.rs): one shared poller per URL (100
// widgets on one URL make one request per interval), ETag/304, a request
// timeout, abort on removal, backoff with full jitter, no requests from hidden
// or offline pages, and server-sent events with fallback to polling
// (SPEC §9.9, §9.10, §9.26).
//
// No client is called while state is half-updated: subscribers are collected
// first and called afterwards, because a client may subscribe or unsubscribe
// from inside `deliver`.

const MAX_DOC_BYTES = 1e6; // live.rs
const REQUEST_TIMEOUT_MS = 15e3;
const SSE_MAX_FAILURES = 3;
/** The longest timer wait (live.rs): a day. */
const MAX_TIMER_MS = 864e5;
const TOO_BIG = "the state document is larger than 1 MB";

let read, backoff, watching;
// url -> { url, subs: Map(client -> intervalMs|null), etag, last, failures, timer, ac, end, wait }
const pollers = new Map();
// url -> { src: EventSource, subs: Map(client -> fallback intervalMs), failures, timer }
const streams = new Map();

/** Called once by the loader before anything else. */
export function setup(core) {
  ({ read, backoff } = core);
}

/** `src` resolved against the document, so equal URLs share one poller. */
export function resolve(src) {
  try {
    return new URL(src, document.baseURI).href;
  } catch {
    return null;
  }
}

/** Milliseconds from now until `at` (ms since epoch), at least 0 and at most a day. */
export const until = (at) => Math.min(Math.max(at - Date.now(), 0), MAX_TIMER_MS);

/** Whether requests may be made: the page is visible and the browser online. */
const mayRequest = () => document.visibilityState == "visible" && navigator.onLine;

const failure = (message, status, retryInMs) => ({ failed: { message, status, retryInMs } });

/** Reads a state document from JSON text (shared by fetch and SSE): { doc } or { error }. */
const readText = (text) => (text.length > MAX_DOC_BYTES ? { error: TOO_BIG } : read(text));

/** Calls every client of `o`, collected before the first call. */
function send(o, d) {
  for (const c of [...o.subs.keys()]) c.deliver(d);
}

/** The smallest interval of the subscribers, or null. */
function every(p) {
  let m = null;
  for (const v of p.subs.values()) if (v != null && (m == null || v < m)) m = v;
  return m;
}

/** One GET of `url` with `Accept: application/json` and `If-None-Match`: [delivery, etag]. */
async function get(url, etag, ac) {
  let timedOut, status;
  const fail = (m) => [failure(timedOut ? "the request timed out after 15 s" : m, status)];
  const timer = setTimeout(() => {
    timedOut = 1;
    ac.abort();
  }, REQUEST_TIMEOUT_MS);
  try {
    const headers = { Accept: "application/json" };
    if (etag != null) headers["If-None-Match"] = etag;
    let r, text;
    try {
      // The widget does its own revalidation with the ETag it saw.
      r = await fetch(url, { headers, cache: "no-store", signal: ac.signal });
    } catch {
      return fail("the request failed (network error or blocked)");
    }
    status = r.status;
    if (status == 304) return [{ notModified: true }];
    if (!r.ok) return [failure("the server answered HTTP " + status, status)];
    const len = r.headers.get("Content-Length")?.trim();
    if (/^\d+$/.test(len) && +len > MAX_DOC_BYTES) {
      ac.abort();
      return [failure(TOO_BIG, status)];
    }
    try {
      text = await r.text();
    } catch {
      return fail("the response body could not be read");
    }
    const d = readText(text);
    return d.error != null ? [failure(d.error, status)] : [{ doc: d.doc }, r.headers.get("ETag")];
  } finally {
    clearTimeout(timer);
  }
}

function poller(url) {
  let p = pollers.get(url);
  if (!p) pollers.set(url, (p = { url, subs: new Map(), failures: 0, end: 0 }));
  return p;
}

/** Starts a request unless one is in flight. Without `force`, a hidden or
 *  offline page makes no request; the visibility/online listeners catch up. */
function start(p, force) {
  if (p.ac) return;
  clearTimeout(p.timer);
  p.timer = 0;
  if (!force && !mayRequest()) return;
  get(p.url, p.etag, (p.ac = new AbortController())).then(([d, tag]) => {
    // Gone when its last client left (which aborted the request).
    if (pollers.get(p.url) != p) return;
    p.ac = null;
    p.end = Date.now();
    if (d.failed) {
      p.wait = backoff(++p.failures, Math.random());
      d.failed.retryInMs = every(p) != null ? p.wait : null;
    } else {
      p.failures = 0;
      if (!d.notModified) {
        p.etag = tag;
        p.last = d;
      }
    }
    reschedule(p);
    send(p, d);
  });
}

/** Sets the timer for the next poll: the interval after the end of the last
 *  request, or the backoff after a failure (SPEC §9.26). */
function reschedule(p) {
  if (p.ac) return;
  clearTimeout(p.timer);
  p.timer = 0;
  const e = every(p);
  if (e != null) {
    p.timer = setTimeout(() => start(p, false), until(p.end + (p.failures ? p.wait : e)));
  }
}

/** When the page is visible and online again, each poller whose interval
 *  has passed fetches once; the others get their timer back. */
function catchUp() {
  if (mayRequest())
    for (const p of [...pollers.values()]) {
      const e = every(p);
      if (!p.ac && e != null) Date.now() - p.end >= e ? start(p, false) : reschedule(p);
    }
}

/** Subscribes `client` to the poller of `url`. A new poller fetches at once;
 *  an existing one hands over its last document without a request. */
export function subscribe(url, client, intervalMs) {
  if (!watching) {
    watching = 1;
    document.addEventListener("visibilitychange", catchUp);
    addEventListener("online", catchUp);
  }
  const p = poller(url);
  p.subs.set(client, intervalMs ?? p.subs.get(client) ?? null);
  if (!p.last && !p.ac && !p.timer) return start(p, true);
  const d = p.last;
  if (d) queueMicrotask(() => p.subs.has(client) && client.deliver(d));
  reschedule(p);
}

function leave(map, url, client, stop) {
  const o = map.get(url);
  if (o && (o.subs.delete(client), !o.subs.size)) {
    map.delete(url);
    clearTimeout(o.timer);
    stop(o);
  }
}

/** Removes `client` from the poller and stream of `url`; the last one out
 *  aborts the request in flight and stops the timers. */
export function unsubscribe(url, client) {
  leave(pollers, url, client, (p) => p.ac?.abort());
  leave(streams, url, client, (s) => s.src.close());
}

/** Fetches `url` now (for `refresh()`), unless a request is already in flight. */
export function fetchNow(url) {
  start(poller(url), true);
}

/** Subscribes `client` to the shared `EventSource` of `url`. */
export function subscribeStream(url, client, pollMs) {
  let s = streams.get(url);
  if (!s)
    try {
      s = open(url);
    } catch {
      return subscribe(url, client, pollMs);
    }
  s.subs.has(client) || s.subs.set(client, pollMs);
}

function open(url) {
  const src = new EventSource(url);
  const s = { src, subs: new Map(), failures: 0 };
  src.onmessage = (e) => {
    if (streams.get(url) != s) return;
    const r = readText(typeof e.data == "string" ? e.data : "");
    if (r.error != null) send(s, failure(r.error, undefined, null));
    else {
      s.failures = 0;
      send(s, { doc: r.doc });
    }
  };
  src.onerror = () => streams.get(url) == s && failed(url, s);
  streams.set(url, s);
  return s;
}

/** The stream broke: reconnect with backoff, or after repeated failures
 *  fall back to polling and say so. */
function failed(url, s) {
  const n = ++s.failures;
  if (n >= SSE_MAX_FAILURES) {
    streams.delete(url);
    s.src.close();
    clearTimeout(s.timer);
    for (const [c, ms] of [...s.subs]) subscribe(url, c, ms);
    send(s, { fellBack: true });
    return;
  }
  const retry = backoff(n, Math.random());
  const closed = s.src.readyState == 2; // EventSource.CLOSED
  if (closed) {
    // The browser gave up (HTTP error or wrong type): reopen ourselves.
    clearTimeout(s.timer);
    s.timer = setTimeout(() => {
      streams.delete(url);
      s.src.close();
      try {
        const t = open(url);
        t.subs = s.subs;
        t.failures = s.failures;
      } catch {}
    }, retry);
  }
  send(s, failure("the update stream was interrupted", undefined, closed ? retry : 3000));
}
