// What polling costs a host: requests and bytes per second at the server for
// three clients, from a few parameters. Run on demand (also by `make bench`):
//
//   node bench/load-model.mjs [--customers 10000,1000000,10000000] [--tabs 3]
//     [--visible 0.3] [--widgets 2] [--poll 30] [--not-modified 0.95]
//     [--complete 0.5] [--doc-bytes 2000] [--not-modified-bytes 300] [--rest 300]
//
// The clients:
//   naive     every widget polls on its own, every `poll`, in every tab,
//             visible or not, without an ETag: every answer is the document.
//   per page  Momentum before rule 47: one poller per URL per page, If-None-Match
//             (an unchanged document is a 304), no requests from hidden tabs,
//             the same interval after completion.
//   per browser  Momentum now: one poller per URL per browser, in whichever
//             visible tab leads (none when every tab is hidden), and after
//             completion at most every `rest` seconds (rule 49).
//
// Assumptions: each customer follows one journey (one URL); a tab is visible
// independently of the others with probability `visible`; a complete
// journey's document no longer changes (every answer a 304); of the polls of
// a journey in progress, `notModified` are answered 304. Bytes are what the
// server sends (status line, headers and body), not what it receives.

/** The parameters' defaults (see the top of this file). */
export const DEFAULTS = {
  customers: [10_000, 1_000_000, 10_000_000],
  tabs: 3,
  visible: 0.3,
  widgets: 2,
  poll: 30,
  notModified: 0.95,
  complete: 0.5,
  docBytes: 2000,
  notModifiedBytes: 300,
  rest: 300,
};

/**
 * Requests and bytes per second at the host for `customers` customers, for
 * each client: `{ naive, perPage, perBrowser }`, each `{ requests, bytes }`.
 */
export function model(customers, p = DEFAULTS) {
  const { tabs, visible, widgets, poll, notModified, complete, docBytes, notModifiedBytes, rest } = { ...DEFAULTS, ...p };
  // The mean size of an answer to a journey in progress, and to a complete one.
  const open = notModified * notModifiedBytes + (1 - notModified) * docBytes;
  const done = notModifiedBytes;
  /** Pollers per customer at the in-progress and complete intervals. */
  const cost = (pollers, restAfter) => {
    const inProgress = (customers * pollers * (1 - complete)) / poll;
    const finished = (customers * pollers * complete) / restAfter;
    return { requests: inProgress + finished, bytes: inProgress * open + finished * done };
  };
  const naiveRequests = (customers * tabs * widgets) / poll;
  return {
    naive: { requests: naiveRequests, bytes: naiveRequests * docBytes },
    perPage: cost(tabs * visible, poll),
    perBrowser: cost(1 - (1 - visible) ** tabs, Math.max(poll, rest)),
  };
}

const LABELS = { naive: "naive (every widget)", perPage: "per page (before)", perBrowser: "per browser (now)" };

/** A number with thousands separators and at most `digits` decimals. */
const fmt = (n, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits });

/** Bytes per second as a readable rate: "12.3 MB/s" (decimal units). */
export function rate(bytes) {
  const units = ["B/s", "kB/s", "MB/s", "GB/s"];
  let i = 0;
  while (bytes >= 1000 && i < units.length - 1) {
    bytes /= 1000;
    i++;
  }
  return `${fmt(bytes, bytes < 10 ? 2 : 1)} ${units[i]}`;
}

/** The model as a Markdown table, one row per customer count and client. */
export function table(p = DEFAULTS) {
  const lines = [
    "| customers | client | requests/s | egress | requests vs naive |",
    "|---|---|---|---|---|",
  ];
  for (const c of [].concat(p.customers ?? DEFAULTS.customers)) {
    const m = model(c, p);
    for (const [key, { requests, bytes }] of Object.entries(m)) {
      lines.push(`| ${fmt(c)} | ${LABELS[key]} | ${fmt(requests, requests < 10 ? 2 : 0)} | ${rate(bytes)} | ${fmt((requests / m.naive.requests) * 100, 1)} % |`);
    }
  }
  return lines.join("\n");
}

/** Parses `--name value` flags (kebab-case names of DEFAULTS; customers may be a list). */
export function parse(argv) {
  const p = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, "").replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!(name in DEFAULTS)) throw new Error(`unknown option ${argv[i]}; use ${Object.keys(DEFAULTS).join(", ")} (kebab-case)`);
    const values = String(argv[i + 1]).split(",").map(Number);
    if (values.some((v) => !Number.isFinite(v) || v < 0)) throw new Error(`${argv[i]} needs a number, not ${argv[i + 1]}`);
    p[name] = name === "customers" ? values : values[0];
  }
  return p;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const p = parse(process.argv.slice(2));
  console.log(
    `Load at the host: ${p.tabs} tabs per customer, ${p.visible * 100} % of tabs visible, ${p.widgets} widgets per tab, ` +
      `poll ${p.poll} s, ${p.notModified * 100} % of polls in progress answered 304, ${p.complete * 100} % of journeys complete ` +
      `(polled every ${Math.max(p.poll, p.rest)} s by the per-browser client), ${p.docBytes} B per document, ${p.notModifiedBytes} B per 304.\n`,
  );
  console.log(table(p));
}
