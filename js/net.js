// Following `src` (port of src/shell/net.rs): one shared poller per URL (100
// widgets on one URL make one request per interval), ETag/304, a request
// timeout, abort on removal, backoff with full jitter, no requests from hidden
// or offline pages, and server-sent events with fallback to polling
// (rules 9, 10 and 26). What the endpoint answers steers the poller (rules 39,
// 48 and 49): 401/403 stop it until a fetch succeeds, `Retry-After` and
// `Cache-Control: max-age` set a time before which it asks nothing, and a
// complete journey is asked at most every 5 minutes.
//
// No client is called while state is half-updated: subscribers are collected
// first and called afterwards, because a client may subscribe or unsubscribe
// from inside `deliver`.

const MAX_DOC_BYTES = 1e6; // live.rs
const REQUEST_TIMEOUT_MS = 15e3;
const SSE_MAX_FAILURES = 3;
/** The longest timer wait (live.rs): a day. */
const MAX_TIMER_MS = 864e5;
/** After completion a client is polled at most this often (rule 49): 5 minutes. */
const REST_MS = 3e5;
/** The longest `Cache-Control: max-age` honoured (rule 48): 10 minutes. */
const MAX_AGE_MS = 6e5;
const TOO_BIG = "the state document is larger than 1 MB";

let read, backoff, watching;
// url -> { url, subs: Map(client -> { ms: intervalMs|null, done }), etag, last,
//   failures, wait, fail: the last failure (until a success), timer, ac, end,
//   after: no poll before this time (the server's Retry-After or max-age) }
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

const failure = (message, status, retryInMs, stop) => ({ failed: { message, status, retryInMs, stop } });

/** Reads a state document from JSON text (shared by fetch and SSE): { doc } or
 *  { error }, with `notJson` as the error when the text is not JSON. */
function readText(text, notJson) {
  if (text.length > MAX_DOC_BYTES) return { error: TOO_BIG };
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: notJson };
  }
  return read(value);
}

/** Milliseconds a `Retry-After` value (seconds or an HTTP date) asks to wait; 0 without one. */
function retryAfter(v) {
  const ms = v == null ? 0 : /^\s*\d+\s*$/.test(v) ? v * 1e3 : Date.parse(v) - Date.now();
  return ms > 0 ? ms : 0;
}

/** Milliseconds a `Cache-Control: max-age` asks to wait, at most 10 minutes; 0 without one. */
const maxAge = (v) => Math.min((/(?:^|,)\s*max-age\s*=\s*"?(\d+)/i.exec(v)?.[1] ?? 0) * 1e3, MAX_AGE_MS);

/** Calls every client of `o`, collected before the first call. */
function send(o, d) {
  for (const c of [...o.subs.keys()]) c.deliver(d);
}

/** The poller's interval, the shortest of its clients' (a client whose
 *  journey is complete asks at most every 5 minutes), or null when none
 *  polls; and whether every polling client's journey is complete. */
function every(p) {
  let m = null, rest = true;
  for (const { ms, done } of p.subs.values()) {
    if (ms == null) continue;
    const t = done ? Math.max(ms, REST_MS) : ms;
    if (m == null || t < m) m = t;
    rest &&= done;
  }
  return [m, rest];
}

/** When the next poll is due (ms since epoch), or null: the interval after
 *  the end of the last request (rule 26), the backoff after a failure (but a
 *  complete journey's interval still holds), never before the server's hint;
 *  none after a 401 or 403. */
function due(p) {
  const [e, rest] = every(p);
  return e == null || p.fail?.failed.stop ? null : Math.max(p.end + (p.failures && !rest ? p.wait : e), p.after);
}

/** One GET of `url` with `Accept: application/json` and `If-None-Match`:
 *  [delivery, etag, ms the server asked to wait]. Every failure's message
 *  says what happened and names the URL (and the status, when there is one). */
async function get(url, etag, ac) {
  let timedOut;
  const timer = setTimeout(() => {
    timedOut = 1;
    ac.abort();
  }, REQUEST_TIMEOUT_MS);
  try {
    const headers = { Accept: "application/json" };
    if (etag != null) headers["If-None-Match"] = etag;
    let r, text;
    try {
      // The widget does its own revalidation with the ETag it saw, and its
      // own waiting (max-age): the HTTP cache never answers for the server.
      r = await fetch(url, { headers, cache: "no-store", signal: ac.signal });
    } catch {
      return [failure((timedOut ? "the request timed out after 15 s" : "the request failed (offline, blocked by CORS or a content blocker, or the server is down)") + ` (GET ${url})`)];
    }
    const { status, headers: h } = r;
    const at = ` (HTTP ${status} from ${r.url}${r.redirected ? ", redirected from " + url : ""})`;
    const fail = (m, stop) => [failure(m + at, status, null, stop), , stop ? 0 : retryAfter(h.get("Retry-After"))];
    // 204: nothing new to say, like 304.
    if (status == 304 || status == 204) return [{ notModified: true }, , maxAge(h.get("Cache-Control"))];
    if (status == 401 || status == 403)
      return fail(`the server refused the request as ${status == 401 ? "not signed in" : "not allowed"}; no more requests until refresh() succeeds`, 1);
    if (!r.ok)
      return fail(
        ({ 404: "nothing was found at src; check the URL", 429: "the server is busy (too many requests)", 503: "the server is unavailable" }[status] ??
          "the server answered with an error") + (h.has("Retry-After") ? "; waiting as its Retry-After asks" : ""),
      );
    const len = h.get("Content-Length")?.trim();
    if (/^\d+$/.test(len) && +len > MAX_DOC_BYTES) {
      ac.abort();
      return fail(TOO_BIG);
    }
    try {
      text = await r.text();
    } catch {
      return fail("the response body could not be read");
    }
    // Judged by the body: JSON served with another type still works; a
    // login page (HTML after a redirect) is named as what it is.
    const type = h.get("Content-Type")?.split(";")[0].trim().toLowerCase();
    const d = readText(
      text,
      !type || /[/+]json$/.test(type)
        ? "the response is not valid JSON"
        : `the response is ${type}, not JSON; ${type == "text/html" ? "is the endpoint behind a login?" : "send application/json"}`,
    );
    return d.error != null ? fail(d.error) : [{ doc: d.doc }, h.get("ETag"), maxAge(h.get("Cache-Control"))];
  } finally {
    clearTimeout(timer);
  }
}

function poller(url) {
  let p = pollers.get(url);
  if (!p) pollers.set(url, (p = { url, subs: new Map(), failures: 0, end: 0, after: 0 }));
  return p;
}

/** Starts a request unless one is in flight. Without `force`, a hidden or
 *  offline page makes no request; the visibility/online listeners catch up. */
function start(p, force) {
  if (p.ac) return;
  clearTimeout(p.timer);
  p.timer = 0;
  if (!force && !mayRequest()) return;
  get(p.url, p.etag, (p.ac = new AbortController())).then(([d, tag, hint = 0]) => {
    // Gone when its last client left (which aborted the request).
    if (pollers.get(p.url) != p) return;
    p.ac = null;
    p.end = Date.now();
    p.after = p.end + hint;
    p.fail = d.failed && d;
    if (d.failed) {
      p.wait = backoff(++p.failures, Math.random());
      // The wait actually scheduled after this answer, or null when none is.
      d.failed.retryInMs = reschedule(p, p.end);
    } else {
      p.failures = 0;
      if (d.doc) {
        p.etag = tag;
        p.last = d;
      }
      reschedule(p);
    }
    send(p, d);
  });
}

/** Sets the timer for the next poll (see `due`); returns the wait in ms from
 *  `now`, or null when no poll is scheduled. */
function reschedule(p, now = Date.now()) {
  if (p.ac) return null;
  clearTimeout(p.timer);
  p.timer = 0;
  const at = due(p);
  if (at == null) return null;
  p.timer = setTimeout(() => poll(p), until(at));
  return Math.max(at - now, 0);
}

/** Polls when due (a timer waits at most a day, and the page may have been
 *  hidden or offline meanwhile), else waits on. */
function poll(p) {
  const at = due(p);
  if (!p.ac && at != null) Date.now() >= at ? start(p, false) : reschedule(p);
}

/** When the page is visible and online again, each poller that is due
 *  fetches once; the others get their timer back. */
function catchUp() {
  if (mayRequest()) for (const p of [...pollers.values()]) poll(p);
}

/** Subscribes `client` to the poller of `url`. A new poller fetches at once;
 *  an existing one hands over its last document (and, when it stopped on a
 *  401 or 403, that failure) without a request. */
export function subscribe(url, client, intervalMs) {
  if (!watching) {
    watching = 1;
    document.addEventListener("visibilitychange", catchUp);
    addEventListener("online", catchUp);
  }
  const p = poller(url);
  const o = p.subs.get(client);
  p.subs.set(client, { ms: intervalMs ?? o?.ms ?? null, done: o?.done });
  if (!p.last && !p.ac && !p.timer && !p.fail) return start(p, true);
  for (const d of [p.last, p.fail?.failed.stop && p.fail])
    if (d) queueMicrotask(() => p.subs.has(client) && client.deliver(d));
  reschedule(p);
}

/** Tells the poller of `url` whether `client`'s journey is complete: then it
 *  is asked at most every 5 minutes, or at its interval when longer (rule 49). */
export function pace(url, client, done) {
  const p = pollers.get(url), o = p?.subs.get(client);
  if (o && o.done != done) {
    o.done = done;
    reschedule(p);
  }
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

/** Fetches `url` now for `client` (`refresh()`), which joins its poller
 *  without an interval if it is not there yet; a request already in flight
 *  answers it. While a `Retry-After` holds, no request is made: the client
 *  gets a failure saying so. Max-age and completion do not hold it back. */
export function fetchNow(url, client) {
  const p = poller(url);
  p.subs.has(client) || p.subs.set(client, { ms: null });
  if (p.fail && !p.ac && Date.now() < p.after) {
    const { message, status } = p.fail.failed;
    const d = failure("refresh() sent no request, as the server asked to wait: " + message, status, reschedule(p));
    return queueMicrotask(() => client.deliver(d));
  }
  start(p, true);
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
    const r = readText(typeof e.data == "string" ? e.data : "", "the message is not valid JSON");
    if (r.error != null) send(s, failure(r.error + ` (a message of the update stream ${url})`, undefined, null));
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
  send(s, failure(`the update stream ${url} was interrupted; reconnecting`, undefined, closed ? retry : 3000));
}
