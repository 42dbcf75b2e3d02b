// pkg/ as an npm package: what `npm publish` would ship, what TypeScript sees,
// and an app bundled from it (by global-setup.mjs) running in Chromium.
import { test, expect } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../global-setup.mjs";
import { watch } from "./helpers.mjs";

const PKG = join(ROOT, "pkg");
const json = (path) => JSON.parse(readFileSync(path, "utf8"));

/** Every file a module of pkg/ loads by a relative URL: imports and `new URL(…, import.meta.url)`. */
function runtimeFiles() {
  const found = new Set(["momentum.js"]);
  for (const file of found) {
    const src = readFileSync(join(PKG, file), "utf8");
    const refs = [
      ...src.matchAll(/\bfrom\s*["']\.\/([^"']+)["']/g),
      ...src.matchAll(/\bimport\s*\(?\s*["']\.\/([^"']+)["']/g),
      ...src.matchAll(/new URL\(\s*["'](?:\.\/)?([^"'/:]+)["']\s*,\s*import\.meta\.url/g),
    ];
    for (const [, ref] of refs) found.add(ref);
  }
  return [...found].sort();
}

test("pkg/package.json is ready to publish", () => {
  const pkg = json(join(PKG, "package.json"));
  const cargoVersion = readFileSync(join(ROOT, "Cargo.toml"), "utf8").match(/^version = "([^"]+)"/m)[1];
  expect(pkg.name).toBe("momentum-progress");
  expect(pkg.version).toBe(cargoVersion);
  expect(pkg.type).toBe("module");
  expect(pkg.license).toBeTruthy();
  // Bundlers may drop modules without side effects: momentum.js registers the element.
  expect(pkg.sideEffects).toContain("./momentum.js");
  expect(pkg.exports["."]).toEqual({ types: "./momentum.d.ts", default: "./momentum.js" });
  expect(pkg.exports["./momentum_wasm_bg.wasm"]).toBe("./momentum_wasm_bg.wasm");
  // The host's stylesheet that holds each widget's place (rule 40), kept by bundlers too.
  expect(pkg.exports["./momentum.css"]).toBe("./momentum.css");
  expect(pkg.sideEffects).toContain("./momentum.css");
  expect(pkg.types).toBe("./momentum.d.ts");
  expect(pkg.customElements).toBe("custom-elements.json");
  expect(pkg.files).toEqual(expect.arrayContaining(["custom-elements.json", "momentum.d.ts", "react.d.ts", "vue.d.ts",
    "README.md", "LICENSE-MIT", "LICENSE-APACHE"]));
  // Framework types are opt-in, types-only entry points (no JavaScript behind them).
  expect(pkg.exports["./react"]).toEqual({ types: "./react.d.ts" });
  expect(pkg.exports["./vue"]).toEqual({ types: "./vue.d.ts" });
  // Every path the package names exists.
  const targets = [pkg.main, pkg.module, pkg.types, pkg.customElements,
    ...Object.values(pkg.exports).flatMap((t) => (typeof t === "string" ? [t] : Object.values(t)))];
  for (const t of targets) expect(existsSync(join(PKG, t.replace("/*", ""))), `${t} exists in pkg/`).toBe(true);
  // The manifest tools read is the one in the repository (js/custom-elements.json).
  expect(json(join(PKG, pkg.customElements))).toEqual(json(join(ROOT, "js", "custom-elements.json")));
  for (const [file, source] of [["momentum.d.ts", "js/momentum.d.ts"], ["react.d.ts", "js/react.d.ts"], ["vue.d.ts", "js/vue.d.ts"],
    ["README.md", "pkg-files/README.md"], ["LICENSE-MIT", "LICENSE-MIT"], ["LICENSE-APACHE", "LICENSE-APACHE"]]) {
    expect(readFileSync(join(PKG, file), "utf8"), `pkg/${file} is ${source}`).toBe(readFileSync(join(ROOT, source), "utf8"));
  }
});

test("the package has a README for its npm page and both licence texts of MIT OR Apache-2.0", () => {
  const pkg = json(join(PKG, "package.json"));
  const cargo = readFileSync(join(ROOT, "Cargo.toml"), "utf8").match(/^license = "([^"]+)"/m)[1];
  expect(pkg.license).toBe(cargo);
  expect(pkg.license).toBe("MIT OR Apache-2.0");
  const readme = readFileSync(join(PKG, "README.md"), "utf8");
  expect(readme).toMatch(/^# momentum-progress\n/);
  for (const needle of ["npm install momentum-progress", "<script type=\"module\"", 'import type {} from "momentum-progress/react"',
    'import type {} from "momentum-progress/vue"', "MIT OR Apache-2.0"]) expect(readme).toContain(needle);
  expect(readFileSync(join(PKG, "LICENSE-MIT"), "utf8")).toMatch(/^MIT License\n\nCopyright \(c\) .+\n\nPermission is hereby granted, free of charge/);
  const apache = readFileSync(join(PKG, "LICENSE-APACHE"), "utf8");
  expect(apache).toContain("Apache License\n                           Version 2.0, January 2004");
  expect(apache).toContain("END OF TERMS AND CONDITIONS");
});

test("npm pack ships what the module loads at run time, its types and its manifest", () => {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: PKG, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"],
  });
  const [packed] = JSON.parse(out);
  const files = packed.files.map((f) => f.path).sort();
  // net.js: following src, imported only by a page with a widget that has one.
  expect(runtimeFiles()).toEqual(["momentum.js", "momentum_wasm_bg.wasm", "net.js"]);
  for (const f of runtimeFiles()) expect(files).toContain(f);
  expect(files).toEqual(["LICENSE-APACHE", "LICENSE-MIT", "README.md", "custom-elements.json", "momentum.css", "momentum.d.ts", "momentum.js",
    "momentum_wasm_bg.wasm", "net.js", "package.json", "react.d.ts", "vue.d.ts",
    // The language files, fetched only for their language.
    ...["ar", "de", "es", "fr", "it", "ja", "nl", "pt"].map((l) => `lang/${l}.json`)].sort());
});

/**
 * An app folder as after `npm install momentum-progress react @types/react vue`:
 * the package copied into node_modules (so its own `import "react"` resolves from
 * the app, as it would), React's types and Vue linked from e2e/node_modules.
 */
function typedApp() {
  const dir = mkdtempSync(join(tmpdir(), "momentum-types-"));
  mkdirSync(join(dir, "node_modules"));
  cpSync(PKG, join(dir, "node_modules", "momentum-progress"), { recursive: true });
  for (const name of ["react", "@types", "vue"]) {
    symlinkSync(join(ROOT, "e2e", "node_modules", name), join(dir, "node_modules", name), "dir");
  }
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
  return dir;
}

/** Runs tsc --noEmit on `files` (copied from e2e/types/, optionally edited) in an app folder: { code, output }. */
function typeCheck(files, { resolution = "bundler", jsx = "react-jsx", edit = (_name, text) => text } = {}) {
  const dir = typedApp();
  try {
    for (const f of files) writeFileSync(join(dir, f), edit(f, readFileSync(join(ROOT, "e2e", "types", f), "utf8")));
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
      compilerOptions: {
        target: "es2022",
        module: resolution === "bundler" ? "esnext" : "nodenext",
        moduleResolution: resolution,
        lib: ["es2022", "dom"],
        jsx,
        strict: true,
        noEmit: true,
        types: [],
      },
      files,
    }));
    try {
      const output = execFileSync(join(ROOT, "e2e", "node_modules", ".bin", "tsc"), ["-p", dir], { encoding: "utf8", cwd: dir });
      return { code: 0, output };
    } catch (e) {
      return { code: e.status, output: `${e.stdout}${e.stderr}` };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const USAGES = ["usage.ts", "react-usage.tsx", "vue-usage.ts"];

// Both module resolutions, and both JSX transforms (each tsc run takes seconds).
for (const [resolution, jsx] of [["bundler", "react-jsx"], ["nodenext", "react-jsx"], ["bundler", "react"]]) {
  test(`the types check TypeScript, React 19 JSX and Vue usage (tsc --noEmit, moduleResolution ${resolution}, jsx ${jsx})`, () => {
    const { code, output } = typeCheck(USAGES, { resolution, jsx });
    expect(output.trim(), "tsc reports nothing").toBe("");
    expect(code).toBe(0);
  });
}

test("without the opt-in type import, the React and Vue usages do not type-check", () => {
  const { code, output } = typeCheck(["react-usage.tsx", "vue-usage.ts"], {
    edit: (_name, text) => text.replace(/^import type \{\} from "momentum-progress\/(react|vue)";$/m, ""),
  });
  expect(code).not.toBe(0);
  expect(output).toContain("react-usage.tsx");
  expect(output).toContain("Property 'momentum-progress' does not exist on type 'JSX.IntrinsicElements'");
  expect(output).toContain("vue-usage.ts");
  expect(output).toMatch(/Property 'momentum-progress' does not exist on type 'GlobalComponents'/);
});

test("an app bundled from the package by name renders, with the wasm next to the bundle", async ({ page }) => {
  const w = watch(page);
  const requested = [];
  page.on("request", (r) => requested.push(new URL(r.url()).pathname));
  await page.goto("/examples/bundler.html");
  const widget = page.locator("#app > momentum-progress");
  await expect(widget.locator("li[part~=step]")).toHaveCount(3);
  await expect(widget.locator("[part~=summary]")).toContainText("1 of 3 complete");
  // mount() turned the camelCase options into attributes.
  await expect(widget).toHaveAttribute("stall-after", "2d");
  await expect(widget.locator("[part~=root]")).toHaveAttribute("data-orientation", "vertical");
  await page.getByRole("button", { name: "Save the address" }).click();
  await expect(widget.locator("[part~=summary]")).toContainText("2 of 3 complete");
  await expect(page.locator("#completed")).toHaveText("Address");
  // One bundle and the wasm beside it; nothing from the server's copy of pkg/.
  expect(requested).toContain("/examples/dist/bundler.js");
  expect(requested).toContain("/examples/dist/momentum_wasm_bg.wasm");
  expect(requested.filter((p) => p.startsWith("/pkg/"))).toEqual([]);
  w.assertClean();
  expect(w.warnings).toEqual([]);
});
