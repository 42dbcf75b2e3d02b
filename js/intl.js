// Number, date and duration formatting through the browser's `Intl`, so
// numbers follow `locale` (rules 21 and 32). The wasm core imports these as
// plain functions: `useLocale` picks the formatter set the others use.
//
// One set per locale (at most 16, the oldest dropped first), shared by every
// widget on the page. Each formatter is made on first use; one whose
// constructor throws is remembered as missing and its function falls back.
// Formatted numbers and durations are remembered in one place, by the core
// (its `Intl` port), so that a render does not call here for each of them.

/** Most locales whose formatters are kept (rule 52); the oldest goes first. */
const LOCALE_LIMIT = 16;

const sets = new Map();
let cur;

/** Makes `locale`'s formatters current ("" means the browser default). */
export function useLocale(locale) {
  cur = sets.get(locale);
  if (!cur) {
    if (sets.size >= LOCALE_LIMIT) sets.delete(sets.keys().next().value);
    sets.set(locale, (cur = { l: locale || undefined, f: {} }));
  }
}

/**
 * Whether `tag` is a BCP 47 language tag a locale can have: well formed (as
 * `Intl` checks it) and with a language of 2 or 3 letters. `Intl` also takes
 * a language of 5 to 8 letters, which BCP 47 reserves for registration and
 * none has: it lets words such as "english" or "deutsch" through.
 */
export function isValidLocale(tag) {
  try {
    return Intl.getCanonicalLocales(tag).length == 1 && /^[a-z]{2,3}(-|$)/i.test(tag);
  } catch {
    return false;
  }
}

// The current locale's `new Intl[type](locale, options)`, kept under `key`;
// null when the constructor throws.
function fmt(key, type, options) {
  const f = cur.f;
  if (f[key] === undefined) {
    try {
      f[key] = new Intl[type](cur.l, options);
    } catch {
      f[key] = null;
    }
  }
  return f[key];
}

// A unit formatter, `display` "short" or "long".
const unitFmt = (display, unit) =>
  fmt(display + unit, "NumberFormat", { style: "unit", unit, unitDisplay: display, maximumFractionDigits: 1 });

// Rust's `x as u64` (NaN and negatives 0, saturating) in plain ASCII digits.
const u64 = (x) => (x >= 2 ** 64 ? "18446744073709551615" : String(BigInt(x > 0 ? Math.trunc(x) : 0)));

// Rust's `f64::round`: halves away from zero (Math.round takes -2.5 to -2).
const round = (x) => (x < 0 ? -Math.round(-x) : Math.round(x));

// The unit and rounded value a duration reads best in.
/** @returns {[string, number]} */
function parts(secs) {
  return secs < 60 ? ["second", round(secs)]
    : secs < 3600 ? ["minute", round(secs / 60)]
    : secs < 86400 ? ["hour", round(secs / 360) / 10]
    : ["day", round(secs / 8640) / 10];
}

/** A count, e.g. "1,000". */
export function number(n) {
  return fmt("n", "NumberFormat")?.format(n) ?? u64(n);
}

/** A fraction as a percentage, e.g. 0.6 -> "60%". */
export function percent(fraction) {
  return fmt("p", "NumberFormat", { style: "percent" })?.format(fraction) ?? u64(fraction * 100) + "%";
}

/** A short duration, e.g. 120 s -> "2 min". */
export function duration(secs) {
  const [unit, value] = parts(secs);
  return unitFmt("short", unit)?.format(value) ?? number(value);
}

/** A wall-clock moment (ms since epoch), e.g. "Nov 20, 2026, 2:00 PM". */
export function dateTime(ms) {
  return fmt("t", "DateTimeFormat", { dateStyle: "medium", timeStyle: "short" })?.format(ms) ?? new Date(ms).toISOString();
}

/** A nearby moment in the shortest clear form, e.g. "Fri 2:00 PM". */
export function when(ms, now) {
  const f = Math.abs(ms - now) < 6 * 86400000
    ? fmt("w", "DateTimeFormat", { weekday: "short", hour: "numeric", minute: "2-digit" })
    : fmt("m", "DateTimeFormat", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
  return f ? f.format(ms) : dateTime(ms);
}

/** A duration in words, e.g. 420 s -> "7 minutes". */
export function durationLong(secs) {
  const [unit, value] = parts(secs);
  return unitFmt("long", unit)?.format(value) ?? duration(secs);
}

/** A relative time, e.g. (-2, "minute") -> "2 minutes ago". */
export function relative(value, unit) {
  return fmt("r", "RelativeTimeFormat", { numeric: "auto" })?.format(value, unit) ?? number(value);
}

/** A list in words, items joined with U+001F, e.g. "A\u001fB\u001fC" -> "A, B, and C". */
export function list(joined) {
  const items = joined ? joined.split("\x1f") : [];
  return fmt("l", "ListFormat", { type: "conjunction" })?.format(items) ?? items.join(", ");
}

const CATEGORIES = ["zero", "one", "two", "few", "many", "other"];

/**
 * The plural category of `n` in the current locale, as its index in
 * zero, one, two, few, many, other; "other" (5) when `Intl` cannot tell.
 */
export function plural(n) {
  const i = CATEGORIES.indexOf(fmt("pl", "PluralRules")?.select(n));
  return i < 0 ? 5 : i;
}

/** A range of durations in the larger one's unit, e.g. (240, 360) -> "4–6 minutes" (rule 44). */
export function durationRange(low, high) {
  const [unit, hi] = parts(high);
  const lo = Math.min(hi, round((low / { second: 1, minute: 60, hour: 3600, day: 86400 }[unit]) * 10) / 10);
  const f = unitFmt("long", unit);
  if (lo == hi || !f) return durationLong(high);
  try {
    return f.formatRange(lo, hi);
  } catch {
    return `${number(lo)}–${f.format(hi)}`;
  }
}

// One "h23" formatter per IANA zone name (the constructor is the slow part);
// null for a name `Intl` does not know. Bounded like the locale sets.
const zones = new Map();
function zoneFmt(zone) {
  let f = zones.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric",
        hour: "numeric", minute: "numeric", second: "numeric",
      });
    } catch {
      f = null;
    }
    if (zones.size >= LOCALE_LIMIT) zones.delete(zones.keys().next().value);
    zones.set(zone, f);
  }
  return f;
}

/** Whether `zone` is an IANA time zone name `Intl` knows (rule 42). */
export function isValidZone(zone) {
  return !!zoneFmt(zone);
}

/**
 * The offset of `zone` from UTC at instant `utcMs`, in ms (Europe/Berlin in
 * winter: 3600000). "" or an unknown name: the viewer's own zone.
 */
export function zoneOffset(zone, utcMs) {
  const t = Math.floor(utcMs / 1000) * 1000;
  const f = zone ? zoneFmt(zone) : null;
  if (!f) return -new Date(t).getTimezoneOffset() * 60000;
  const p = {};
  for (const { type, value } of f.formatToParts(t)) p[type] = value;
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - t;
}
