// Languages other than English. English is built into the wasm; every other
// language is one small JSON file in lang/ next to momentum.js (built from
// i18n/: its direction and phrases), fetched the first time a widget's locale
// asks for it, once per page, and shared by every widget of that language.
// A file that cannot be loaded is one console warning; widgets stay English.

/** The languages shipped as files (the first subtag of a locale). */
const SHIPPED = new Set(["fr", "de", "es", "it", "pt", "nl", "ja", "ar"]);

/** language -> { p: the file's promise, d: its data once here, null when it failed }. */
const files = new Map();

/** The language subtag of a locale: `de-AT` -> `de`. */
export const subtag = (locale) => String(locale).split(/[-_]/)[0].toLowerCase();

/**
 * Starts loading `language`'s file unless it is English, not shipped, or
 * asked for already. Returns a promise that resolves when it has arrived or
 * failed, or null when there is nothing to load.
 * @param {string} language a language subtag
 */
export function request(language) {
  if (!SHIPPED.has(language)) return null;
  let f = files.get(language);
  if (!f) {
    const url = new URL(`lang/${language}.json`, import.meta.url).href;
    files.set(language, (f = {}));
    f.p = fetch(url)
      .then((r) => (r.ok ? r.json() : Promise.reject(Error("the server answered " + r.status))))
      .then((d) => { f.d = d; }, (e) => {
        f.d = null;
        console.warn(`Momentum: could not load ${url} (${e.message}); showing English.`);
      });
  }
  return f.p;
}

/**
 * `language`'s file (`{ dir, phrases }`) once it has arrived, null when it
 * failed, undefined while it is on its way or was never asked for.
 * @param {string} language
 */
export const data = (language) => files.get(language)?.d;
