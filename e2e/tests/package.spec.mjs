// pkg/ as an npm package: what `npm publish` would ship, what TypeScript sees,
// and an app bundled from it (by global-setup.mjs) running in Chromium.
import { test, expect } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, installedPackage } from "../global-setup.mjs";
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
  expect(pkg.types).toBe("./momentum.d.ts");
  expect(pkg.customElements).toBe("custom-elements.json");
  expect(pkg.files).toEqual(expect.arrayContaining(["custom-elements.json", "momentum.d.ts"]));
  // Every path the package names exists.
  const targets = [pkg.main, pkg.module, pkg.types, pkg.customElements,
    ...Object.values(pkg.exports).flatMap((t) => (typeof t === "string" ? [t] : Object.values(t)))];
  for (const t of targets) expect(existsSync(join(PKG, t)), `${t} exists in pkg/`).toBe(true);
  // The manifest tools read is the one in the repository (js/custom-elements.json).
  expect(json(join(PKG, pkg.customElements))).toEqual(json(join(ROOT, "js", "custom-elements.json")));
  expect(readFileSync(join(PKG, "momentum.d.ts"), "utf8")).toBe(readFileSync(join(ROOT, "js", "momentum.d.ts"), "utf8"));
});

test("npm pack ships what the module loads at run time, its types and its manifest", () => {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: PKG, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"],
  });
  const [packed] = JSON.parse(out);
  const files = packed.files.map((f) => f.path).sort();
  expect(runtimeFiles()).toEqual(["momentum.js", "momentum_wasm_bg.wasm"]);
  for (const f of runtimeFiles()) expect(files).toContain(f);
  expect(files).toEqual(["custom-elements.json", "momentum.d.ts", "momentum.js", "momentum_wasm_bg.wasm", "package.json"]);
});

for (const resolution of ["bundler", "nodenext"]) {
  test(`the types check a TypeScript usage example (tsc --noEmit, moduleResolution ${resolution})`, () => {
    // The package as installed: node_modules/momentum-progress -> pkg/, so tsc
    // finds the types through package.json ("exports" -> "types").
    const dir = installedPackage();
    try {
      copyFileSync(join(ROOT, "e2e", "types", "usage.ts"), join(dir, "usage.ts"));
      writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
      writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
        compilerOptions: {
          target: "es2022",
          module: resolution === "bundler" ? "esnext" : "nodenext",
          moduleResolution: resolution,
          lib: ["es2022", "dom"],
          strict: true,
          noEmit: true,
          types: [],
        },
        files: ["usage.ts"],
      }));
      let output = "";
      let code = 0;
      try {
        output = execFileSync(join(ROOT, "e2e", "node_modules", ".bin", "tsc"), ["-p", dir], { encoding: "utf8", cwd: dir });
      } catch (e) {
        code = e.status;
        output = `${e.stdout}${e.stderr}`;
      }
      expect(output.trim(), "tsc reports nothing").toBe("");
      expect(code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

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
