// Following `src`: one shared poller per URL (100
// widgets on one URL make one request per interval), ETag/304, a request
// timeout, abort on removal, backoff with full jitter, no requests from hidden
// or offline pages, and server-sent events with fallback to polling
// (rules 9, 10 and 26). What the endpoint answers steers the poller (rules 39,
// 48 and 49): 401/403 stop it until a fetch succeeds, `Retry-After` and
// `Cache-Control: max-age` set a time before which it asks nothing, and a
// complete journey is asked at most every 5 minutes.
//
// Across the tabs of the origin (rule 47, through tabs.js) each URL has one
// leading tab, elected among the visible tabs that follow it: only the leader
// polls (at the shortest interval any tab asks for, which the others
// announce) or holds the EventSource, and it shares every answer with the
// other tabs, which mirror its poller (ETag, last request, the server's hints,
// backoff) so that whichever tab leads next carries on where it stopped. A
// tab that joins gets the leader's last answer without a request. A
// `refresh()` in any tab fetches in that tab and shares the answer.
//
// No client is called while state is half-updated: subscribers are collected
// first and called afterwards, because a client may subscribe or unsubscribe
// from inside `deliver`.
//
// This file is its own download (pkg/net.js), imported by widget.js the first
// time a widget has a `src`: a page without one never loads it. So it imports
// no module that keeps state (tabs.js) or that the main bundle has anyway
// (codec.js): setup() hands them over.
import { until } from "./clock.js";
import { MAX_BYTES, REQUEST_TIMEOUT_MS, SSE_MAX_FAILURES, REST_MS } from "./protocol.js";

/** The longest `Cache-Control: max-age` honoured (rule 48): 10 minutes. */
const MAX_AGE_MS = 6e5;
const NOT_JSON = "the message is not valid JSON";

let read, backoff, watching, TOO_BIG;
/** tabs.js of the main bundle (one channel and one set of elections per page). */
let tabs = /** @type {typeof import("./tabs.js")} */ (null);
// url -> { url, subs: Map(client -> { ms: intervalMs|null, done }), etag, last,
//   failures, wait, fail: the last failure (until a success), timer, ac, end,
//   after: no poll before this time (the server's Retry-After or max-age),
//   lead: this tab polls, vote: its election (null without tabs.on),
//   tabs: Map(tab -> [ms, done]) the other tabs' intervals (while leading),
//   said: the interval this tab last announced }
const pollers = new Map();
// url -> { url, src: EventSource|null, subs: Map(client -> fallback intervalMs),
//   failures, timer, last: the last document, lead, vote }
const streams = new Map();

/**
 * Called once by widget.js before anything else: the core's checks, tabs.js
 * and codec.js's wording of the size limit.
 * @param {{ read: Function, backoff: Function, tabs: typeof import("./tabs.js"), tooLarge: (bytes: number) => string }} shell
 */
export function setup(shell) {
  ({ read, backoff, tabs } = shell);
  TOO_BIG = "the state document " + shell.tooLarge(MAX_BYTES);
}

const visible = () => document.visibilityState == "visible";

/** Whether requests may be made: the page is visible and the browser online. */
const mayRequest = () => visible() && navigator.onLine;

const failure = (message, status, retryInMs, stop) => ({ failed: { message, status, retryInMs, stop } });

/** Reads a state document from JSON text (shared by fetch, SSE and other
 *  tabs; the one place a body becomes a checked document): { doc, text } or
 *  { error }, with `notJson` as the error when the text is not JSON. Over
 *  1 MB (rule 51's limits, js/protocol.js) it is not even parsed; `read`
 *  checks the rest of the limits. */
function readText(text, notJson) {
  if (text.length > MAX_BYTES) return { error: TOO_BIG };
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: notJson };
  }
  const r = read(value);
  r.text = text;
  return r;
}

/** A delivery as another tab sent it (a document travels as its JSON text). */
function unwire(d) {
  if (d.text == null) return d;
  const r = readText(d.text, NOT_JSON);
  return r.error != null ? failure(r.error) : r;
}

/** Milliseconds a `Retry-After` value (seconds or an HTTP date) asks to wait; 0 without one. */
function retryAfter(v) {
  const ms = v == null ? 0 : /^\s*\d+\s*$/.test(v) ? v * 1e3 : Date.parse(v) - Date.now();
  return ms > 0 ? ms : 0;
}

/** Milliseconds a `Cache-Control: max-age` asks to wait, at most 10 minutes; 0 without one. */
const maxAge = (v) => Math.min(+(/(?:^|,)\s*max-age\s*=\s*"?(\d+)/i.exec(v)?.[1] ?? 0) * 1e3, MAX_AGE_MS);

/** Calls every client of `o`, collected before the first call. */
function send(o, d) {
  for (const c of [...o.subs.keys()]) c.deliver(d);
}

/** The poller's interval, the shortest of its clients' (a client whose
 *  journey is complete asks at most every 5 minutes) and, with `all`, of the
 *  other tabs' (as they announced it), or null when none polls; and whether
 *  every polling client's journey is complete. */
function every(p, all) {
  let m = null, rest = true;
  const add = (t, done) => {
    if (t == null) return;
    if (m == null || t < m) m = t;
    rest &&= done;
  };
  for (const { ms, done } of p.subs.values()) add(ms != null && done ? Math.max(ms, REST_MS) : ms, done);
  if (all) for (const [t, done] of p.tabs.values()) add(t, done);
  return [m, rest];
}

/** When the next poll is due (ms since epoch), or null: the interval after
 *  the end of the last request (rule 26), the backoff after a failure (but a
 *  complete journey's interval still holds), never before the server's hint;
 *  none after a 401 or 403. */
function due(p) {
  const [e, rest] = every(p, 1);
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
    // An error's body is not used, but read to its end (and dropped, for at
    // most 15 s), so that the request ends as a complete load: Chromium does
    // not end a request whose body is left unread, and WebKit leaves a
    // cancelled one out of the page's Resource Timing, which a host's
    // monitoring reads.
    if (!r.ok) r.body?.pipeTo(new WritableStream(), { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }).catch(() => {});
    if (status == 401 || status == 403)
      return fail(`the server refused the request as ${status == 401 ? "not signed in" : "not allowed"}; no more requests until refresh() succeeds`, 1);
    if (!r.ok)
      return fail(
        ({ 404: "nothing was found at src; check the URL", 429: "the server is busy (too many requests)", 503: "the server is unavailable" }[status] ??
          "the server answered with an error") + (h.has("Retry-After") ? "; waiting as its Retry-After asks" : ""),
      );
    const len = h.get("Content-Length")?.trim();
    if (/^\d+$/.test(len) && +len > MAX_BYTES) {
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
    return d.error != null ? fail(d.error) : [d, h.get("ETag"), maxAge(h.get("Cache-Control"))];
  } finally {
    clearTimeout(timer);
  }
}

/** The poller of `url`, with `client` (at interval `ms`, or as it was, or
 *  none) among its clients. A new one, across tabs, joins the election. */
function poller(url, client, ms) {
  let p = pollers.get(url);
  const fresh = !p;
  if (fresh) pollers.set(url, (p = { url, subs: new Map(), tabs: new Map(), failures: 0, end: 0, after: 0, lead: !tabs.on }));
  const o = p.subs.get(client);
  p.subs.set(client, { ms: ms ?? o?.ms ?? null, done: o?.done });
  if (fresh && tabs.on) {
    p.vote = tabs.elect("poll " + url, (on) => lead(p, on));
    announce(p, 1);
    join(p, "poll ", () => p.end || p.ac || start(p, true));
  }
  return p;
}

/** A tab that follows `o` (a poller or stream), having said hello, stands
 *  for leader when visible. A hidden tab does not; it fetches once (`first`)
 *  only when no tab leads, as a tab on its own would. */
function join(o, kind, first) {
  visible() ? o.vote(true) : tabs.vacant(kind + o.url, first);
}

/** Tells the other tabs this tab's interval for `p` (none while hidden or
 *  without polling clients) when it changed, or always with `hi`: a hello,
 *  which the leader answers with its last answer. */
function announce(p, hi) {
  const [ms, done] = every(p),
    i = visible() && ms != null ? [ms, done] : null,
    k = String(i);
  if (p.vote && (hi || k != p.said)) tabs.send({ t: "i", u: p.url, i, h: hi }), (p.said = k);
}

/** This tab starts (`on`) or stops leading the poll of `p`. A new leader asks
 *  the others for their intervals and polls when due, at once when nothing
 *  was fetched yet. */
function lead(p, on) {
  p.lead = on;
  p.tabs.clear();
  if (on) {
    tabs.send({ t: "w", u: p.url });
    p.end || p.ac ? poll(p) : start(p, true);
  } else reschedule(p);
}

/** Shares an answer for `p` with the other tabs (or, with `to`, with one):
 *  the delivery and everything needed to carry on polling from it. Times
 *  travel as durations, so tabs need not agree on the clock. */
function share(p, d, to) {
  const now = Date.now();
  tabs.send({ t: "r", u: p.url, to, d: d.doc ? { text: d.text } : d, e: p.etag, a: now - p.end, n: p.after - now, x: p.failures, y: p.wait });
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
    const now = Date.now();
    if (d.failed) p.wait = backoff(++p.failures, Math.random());
    else p.failures = 0;
    take(p, d, tag, now, now + hint, 1);
    share(p, d);
  });
}

/** Takes an answer (this tab's, `mine`, or one another tab shared): the
 *  poller's state, the next poll, then the clients. This tab first, so that
 *  what it records (celebrations) is known before other tabs apply it. */
function take(p, d, tag, end, after, mine) {
  p.end = end;
  p.after = after;
  p.fail = d.failed && d;
  if (d.doc) {
    p.etag = tag;
    p.last = d;
  }
  const wait = reschedule(p, end);
  // The wait actually scheduled after this answer, or null when none is.
  if (mine && d.failed) d.failed.retryInMs = wait;
  send(p, d);
}

/** Sets the timer for the next poll (see `due`) if this tab leads; returns
 *  the wait in ms from `now`, or null when no poll is scheduled. */
function reschedule(p, now = Date.now()) {
  if (p.ac) return null;
  clearTimeout(p.timer);
  p.timer = 0;
  const at = due(p);
  if (at == null) return null;
  if (p.lead) p.timer = setTimeout(() => poll(p), until(at));
  return Math.max(at - now, 0);
}

/** Polls when due (a timer waits at most a day, and the page may have been
 *  hidden or offline meanwhile), else waits on. */
function poll(p) {
  const at = due(p);
  if (p.lead && !p.ac && at != null) Date.now() >= at ? start(p, false) : reschedule(p);
}

/** The page became visible or hidden, or the browser came back online: each
 *  poller and stream stands for leader (or withdraws), each poller says its
 *  interval, and each poller that leads and is due fetches once; the others
 *  get their timer back. */
function wake() {
  const v = visible();
  for (const o of [...pollers.values(), ...streams.values()]) {
    o.vote?.(v);
    o.tabs && announce(o);
  }
  if (mayRequest()) for (const p of [...pollers.values()]) poll(p);
}

/** What another tab says (see tabs.js). */
function hear(m) {
  const p = pollers.get(m.u), s = streams.get(m.u);
  if (m.t == "i" && p) {
    // An interval (and, with `h`, a hello: the leader answers with what it has).
    if (p.lead) {
      m.i ? p.tabs.set(m.f, m.i) : p.tabs.delete(m.f);
      if (m.h) for (const d of [p.last, p.fail]) d && share(p, d, m.f);
      reschedule(p);
    }
  } else if (m.t == "w" && p) {
    // A new leader asks for the intervals.
    p.said = 0;
    announce(p);
  } else if (m.t == "r" && p) {
    // An answer: mirror it, so this tab carries on from it if it leads next.
    const now = Date.now();
    p.failures = m.x;
    p.wait = m.y;
    take(p, unwire(m.d), m.e, now - m.a, now + m.n);
  } else if (m.t == "h" && s?.lead && s.last) {
    tabs.send({ t: "s", u: s.url, to: m.f, d: { text: s.last.text } });
  } else if (m.t == "s" && s) {
    // Another tab holds the stream now: this one needs none of its own.
    if (!s.lead) close(s);
    const d = m.d && unwire(m.d);
    if (d?.fellBack) back(s);
    else if (d) {
      if (d.doc) s.last = d;
      send(s, d);
    }
  }
}

function watch() {
  if (watching) return;
  watching = 1;
  document.addEventListener("visibilitychange", wake);
  addEventListener("online", wake);
  if (tabs.on) {
    tabs.listen(hear);
    // Leaving (closing, navigating, into the back-forward cache): hand over.
    addEventListener("pagehide", () => {
      for (const o of [...pollers.values(), ...streams.values()]) o.vote(false);
      for (const p of pollers.values()) tabs.send({ t: "i", u: p.url, i: null }), (p.said = "null");
    });
    addEventListener("pageshow", (e) => e.persisted && wake());
  }
}

/** Subscribes `client` to the poller of `url`. A new poller fetches at once
 *  (or, across tabs, gets the leading tab's last answer); an existing one
 *  hands over its last document (and, when it stopped on a 401 or 403, that
 *  failure) without a request. */
export function subscribe(url, client, intervalMs) {
  watch();
  const p = poller(url, client, intervalMs);
  if (!p.vote && !p.last && !p.ac && !p.timer && !p.fail) return start(p, true);
  for (const d of [p.last, p.fail?.failed.stop && p.fail])
    if (d) queueMicrotask(() => p.subs.has(client) && client.deliver(d));
  reschedule(p);
  announce(p);
}

/** Tells the poller of `url` whether `client`'s journey is complete: then it
 *  is asked at most every 5 minutes, or at its interval when longer (rule 49). */
export function pace(url, client, done) {
  const p = pollers.get(url), o = p?.subs.get(client);
  if (o && o.done != done) {
    o.done = done;
    reschedule(p);
    announce(p);
  }
}

/** Removes `client` from the poller and stream of `url`; the last one out
 *  aborts the request in flight, stops the timers and hands over. */
export function unsubscribe(url, client) {
  const p = pollers.get(url), s = streams.get(url);
  if (p?.subs.delete(client)) {
    if (!p.subs.size) {
      pollers.delete(url);
      clearTimeout(p.timer);
      p.ac?.abort();
      p.vote?.(false);
    }
    announce(p);
  }
  if (s?.subs.delete(client) && !s.subs.size) {
    streams.delete(url);
    clearTimeout(s.timer);
    close(s);
    s.vote?.(false);
  }
}

/** Fetches `url` now for `client` (`refresh()`), which joins its poller
 *  without an interval if it is not there yet; a request already in flight
 *  in this tab answers it (another tab's does not: this one asks, and shares
 *  the answer). While a `Retry-After` holds, no request is made: the client
 *  gets a failure saying so. Max-age and completion do not hold it back. */
export function fetchNow(url, client) {
  watch();
  const p = poller(url, client);
  if (p.fail && !p.ac && Date.now() < p.after) {
    const { message, status } = p.fail.failed;
    const d = failure("refresh() sent no request, as the server asked to wait: " + message, status, reschedule(p));
    return queueMicrotask(() => client.deliver(d));
  }
  start(p, true);
}

/** Subscribes `client` to the shared `EventSource` of `url`. A client that
 *  joins a stream gets its last document. */
export function subscribeStream(url, client, pollMs) {
  watch();
  let s = streams.get(url);
  if (!s) {
    streams.set(url, (s = { url, subs: new Map(), failures: 0, src: null, lead: !tabs.on }));
    if (tabs.on) {
      s.vote = tabs.elect("sse " + url, (on) => {
        if ((s.lead = on)) {
          tabs.send({ t: "s", u: url });
          s.src || open(s);
        }
      });
      tabs.send({ t: "h", u: url });
      join(s, "sse ", () => s.src || open(s));
    } else open(s);
  } else if (s.last) queueMicrotask(() => s.subs.has(client) && client.deliver(s.last));
  s.subs.has(client) || s.subs.set(client, pollMs);
}

/** Opens the stream's EventSource; when one cannot even be made, polls instead. */
function open(s) {
  let src;
  try {
    src = s.src = new EventSource(s.url);
  } catch {
    return queueMicrotask(() => back(s, 1));
  }
  src.onmessage = (e) => {
    if (s.src != src) return;
    const r = readText(typeof e.data == "string" ? e.data : "", NOT_JSON);
    if (r.error != null) return tell(s, failure(r.error + ` (a message of the update stream ${s.url})`, undefined, null));
    s.failures = 0;
    s.last = r;
    tell(s, r);
  };
  src.onerror = () => s.src == src && failed(s);
}

function close(s) {
  s.src?.close();
  s.src = null;
}

/** Delivers `d` to the stream's clients here and in the other tabs. */
function tell(s, d) {
  send(s, d);
  tabs.send({ t: "s", u: s.url, d: d.doc ? { text: d.text } : d });
}

/** The stream broke: reconnect with backoff, or after repeated failures
 *  fall back to polling and say so. */
function failed(s) {
  const n = ++s.failures;
  if (n >= SSE_MAX_FAILURES) return back(s, 1);
  const retry = backoff(n, Math.random());
  const closed = s.src.readyState == 2; // EventSource.CLOSED
  if (closed) {
    // The browser gave up (HTTP error or wrong type): reopen ourselves.
    clearTimeout(s.timer);
    s.timer = setTimeout(() => s.src && (close(s), open(s)), retry);
  }
  tell(s, failure(`the update stream ${s.url} was interrupted; reconnecting`, undefined, closed ? retry : 3000));
}

/** Polls instead of the stream, in this tab and (`mine`: this tab decided
 *  it) the others. */
function back(s, mine) {
  if (streams.get(s.url) != s) return;
  streams.delete(s.url);
  close(s);
  clearTimeout(s.timer);
  s.vote?.(false);
  for (const [c, ms] of [...s.subs]) subscribe(s.url, c, ms);
  if (mine) tabs.send({ t: "s", u: s.url, d: { fellBack: true } });
  send(s, { fellBack: true });
}
