// Runs once before the page tests: bundles each example of www/examples/ (every
// *.js and *.jsx directly in it) with esbuild, the way an app's build would,
// into www/examples/dist/ (git-ignored), served by the real server.
//
// The examples import the package by name ("momentum-progress"): it resolves
// through pkg/package.json's `exports`, from a temporary node_modules that links
// to pkg/, exactly as after `npm install momentum-progress`. React and Vue come
// from e2e/node_modules.
//
// esbuild (like Rollup) leaves `new URL("./momentum_wasm_bg.wasm", import.meta.url)`
// alone, so the bundle looks for the wasm next to itself: it is copied there, found
// through the package's "./momentum_wasm_bg.wasm" export.
//
// Files are written to a temporary name and renamed, so two test runs at once
// (different ports, same tree) never serve a half-written bundle.
import { build } from "esbuild";
import { createRequire } from "node:module";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const EXAMPLES = join(ROOT, "www", "examples");
export const DIST = join(EXAMPLES, "dist");

/** A temporary directory whose node_modules/momentum-progress links to pkg/. */
export function installedPackage() {
  const dir = mkdtempSync(join(tmpdir(), "momentum-app-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(join(ROOT, "pkg"), join(dir, "node_modules", "momentum-progress"), "dir");
  return dir;
}

function put(path, data) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

export default async function globalSetup() {
  if (!existsSync(join(ROOT, "pkg", "package.json"))) {
    throw new Error("pkg/ is missing or incomplete: build it first (scripts/build.sh, or make test)");
  }
  const app = installedPackage();
  try {
    const entryPoints = readdirSync(EXAMPLES)
      .filter((f) => /\.(js|jsx)$/.test(f))
      .map((f) => join(EXAMPLES, f));
    const result = await build({
      entryPoints,
      outdir: DIST,
      bundle: true,
      format: "esm",
      target: "es2022",
      jsx: "automatic",
      write: false,
      logLevel: "silent",
      nodePaths: [join(app, "node_modules"), join(ROOT, "e2e", "node_modules")],
      define: {
        // Development builds: React and Vue then warn about misuse, which the tests catch.
        "process.env.NODE_ENV": '"development"',
        __VUE_OPTIONS_API__: "true",
        __VUE_PROD_DEVTOOLS__: "false",
        __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false",
      },
    });
    mkdirSync(DIST, { recursive: true });
    for (const file of result.outputFiles) put(file.path, file.contents);
    const wasm = createRequire(join(app, "app.js")).resolve("momentum-progress/momentum_wasm_bg.wasm");
    const tmp = join(DIST, `${basename(wasm)}.${process.pid}.tmp`);
    copyFileSync(wasm, tmp);
    renameSync(tmp, join(DIST, basename(wasm)));
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
}
