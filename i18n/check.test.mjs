// Checks every language file in this folder against the English reference
// (en.json) and the built-in English table in crates/core/src/i18n.rs.
// Run with: node --test i18n/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";

const dir = new URL("./", import.meta.url);
const read = (name) => readFileSync(new URL(name, dir), "utf8");

/** The `{name}` placeholders of a text, in order, repeats kept. */
const holes = (text) => [...text.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]);

/** The texts of a phrase: itself, or every form of a plural object. */
const forms = (phrase) =>
  typeof phrase == "string"
    ? [["", phrase]]
    : Object.entries(phrase).filter(([k]) => k != "count").map(([k, v]) => [` (${k})`, v]);

const parse = (name) => {
  const text = read(name);
  try {
    return JSON.parse(text);
  } catch (e) {
    assert.fail(`${name} is not valid JSON: ${e.message}`);
  }
};

const en = parse("en.json");
const enKeys = Object.keys(en.phrases);
const languages = readdirSync(dir)
  .filter((f) => /^[a-z]{2,3}\.json$/.test(f) && f != "en.json")
  .map((f) => f.slice(0, -5))
  .sort();

test("the English reference matches the built-in English table", () => {
  const src = readFileSync(new URL("../crates/core/src/i18n.rs", dir), "utf8");
  // `Key "name" => "English", …;` rows of the `phrases!` table.
  const rows = [...src.matchAll(/^\s*\w+\s+"(\w+)"\s*=>\s*"((?:[^"\\]|\\.)*)"/gm)];
  assert.ok(rows.length > 0, "no phrase rows found in crates/core/src/i18n.rs");
  assert.equal(en.language, "en");
  assert.equal(en.dir, "ltr");
  for (const [, key, text] of rows) {
    assert.equal(en.phrases[key], JSON.parse(`"${text}"`), `en.json ${key}`);
  }
  for (const [key, text] of Object.entries(en.phrases)) {
    assert.equal(typeof text, "string", `en.json ${key} is a plain string`);
  }
});

test("at least the languages the widget promises are here", () => {
  for (const lang of ["fr", "de", "es", "it", "pt", "nl", "ja", "ar"]) {
    assert.ok(languages.includes(lang), `i18n/${lang}.json is missing`);
  }
});

for (const lang of languages) {
  test(`${lang}.json matches en.json`, () => {
    const file = `${lang}.json`;
    const data = parse(file);
    assert.deepEqual(Object.keys(data).sort(), ["dir", "language", "phrases"], `${file}: top-level fields`);
    assert.equal(data.language, lang, `${file}: language`);
    assert.equal(data.dir, lang == "ar" ? "rtl" : "ltr", `${file}: dir`);

    const keys = Object.keys(data.phrases);
    assert.deepEqual(
      keys.filter((k) => !enKeys.includes(k)),
      [],
      `${file}: keys that English does not have`,
    );
    assert.deepEqual(
      enKeys.filter((k) => !keys.includes(k)),
      [],
      `${file}: keys missing`,
    );

    const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    for (const key of enKeys) {
      const phrase = data.phrases[key];
      const want = holes(en.phrases[key]).sort();
      const where = `${file} ${key}`;
      if (typeof phrase != "string") {
        assert.ok(phrase && typeof phrase == "object" && !Array.isArray(phrase), `${where}: a string or a plural object`);
        assert.ok(want.includes(phrase.count), `${where}: "count" names a placeholder of the phrase (${want.join(", ")})`);
        assert.ok(categories.length > 1, `${where}: ${lang} has one plural form; use a plain string`);
        const has = Object.keys(phrase).filter((k) => k != "count");
        assert.ok(has.includes("other"), `${where}: a plural object needs "other"`);
        assert.deepEqual(
          has.filter((c) => !categories.includes(c)),
          [],
          `${where}: plural categories ${lang} does not use (it uses ${categories.join(", ")})`,
        );
        assert.deepEqual(
          categories.filter((c) => !has.includes(c)),
          [],
          `${where}: plural categories missing (${lang} uses ${categories.join(", ")})`,
        );
      }
      for (const [form, text] of forms(phrase)) {
        assert.equal(typeof text, "string", `${where}${form}: text`);
        assert.ok(text.trim() != "" && text == text.trim(), `${where}${form}: not empty, no outer spaces`);
        assert.equal(text, text.normalize("NFC"), `${where}${form}: NFC`);
        // Each placeholder once: a value is filled in only once.
        assert.deepEqual(holes(text).sort(), want, `${where}${form}: placeholders`);
        assert.doesNotMatch(text.replace(/\{[^{}]*\}/g, ""), /[{}]/, `${where}${form}: a stray brace`);
        if (lang == "ar") {
          assert.doesNotMatch(text, /[,;?]/, `${where}${form}: Arabic punctuation (، ؛ ؟), not Latin`);
        }
      }
    }
  });
}
