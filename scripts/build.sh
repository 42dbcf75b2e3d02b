#!/usr/bin/env bash
# Builds pkg/: the release wasm (size-optimised) and one minified momentum.js
# (the loader, the JS shell in js/, the stylesheet and the wasm-bindgen glue,
# bundled by esbuild), its types, README, licences and package.json. Prints the gzip size of
# what a host downloads.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

cargo build --quiet --lib --target wasm32-unknown-unknown --release -p momentum-wasm
stage=target/web
rm -rf pkg "$stage" && mkdir -p pkg "$stage"
# The loader always hands the glue the wasm's response (no default path), and
# every supported browser has TextEncoder.encodeInto (55 B less gzip).
wasm-bindgen --target web --no-typescript --omit-default-module-path --encode-into always --out-dir "$stage" --out-name momentum_wasm \
  target/wasm32-unknown-unknown/release/momentum.wasm
# binaryen from npm (Debian's wasm-opt 108 corrupts wasm-bindgen output).
# Size flags, each measured on the gzip download: -ocimfs=20 stops inlining
# big functions into their one caller (more raw bytes, but 1.4 KB less gzip,
# as the bodies compress better on their own); the module's memory is its own
# (zero-filled) and Rust leaves its first 1 KB unused (about 275 B).
node_modules/.bin/wasm-opt -Oz --converge -ocimfs=20 --low-memory-unused --zero-filled-memory \
  --strip-debug --strip-producers \
  "$stage/momentum_wasm_bg.wasm" -o pkg/momentum_wasm_bg.wasm
# The glue imports ./intl.js, so the shell sits next to it for the bundle
# (the tools come from the root package.json).
cp js/*.js "$stage/"
node_modules/.bin/esbuild js/style.css --minify --target=chrome111,firefox120,safari17 \
  --log-level=warning --outfile="$stage/style.css"
node_modules/.bin/esbuild "$stage/momentum.js" --bundle --format=esm --target=es2022 \
  --minify --legal-comments=none --loader:.css=text --log-level=warning --external:./net.js --outfile=pkg/momentum.js
# Following src (net.js) is a file of its own, imported by the first widget with
# a src: a page without one never downloads it. It imports only stateless code
# (the rest comes through its setup()), so nothing is loaded twice.
node_modules/.bin/esbuild "$stage/net.js" --bundle --format=esm --target=es2022 \
  --minify --legal-comments=none --log-level=warning --outfile=pkg/net.js
# The host's stylesheet: holds each widget's place until it renders.
node_modules/.bin/esbuild js/momentum.css --minify --target=chrome111,firefox120,safari17 \
  --log-level=warning --outfile=pkg/momentum.css
# The language files (English is built in): each i18n/xx.json as pkg/lang/xx.json,
# minified, with only what the widget reads (its direction and phrases).
mkdir -p pkg/lang
for f in i18n/*.json; do
  lang=$(basename "$f" .json)
  [ "$lang" = en ] && continue
  node -e 'const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    process.stdout.write(JSON.stringify({ dir: d.dir, phrases: d.phrases }))' "$f" > "pkg/lang/$lang.json"
done
# Types (the element, and opt-in JSX types for React and GlobalComponents for Vue),
# the manifest, and the npm page's README and the licence texts.
cp js/momentum.d.ts js/react.d.ts js/vue.d.ts js/custom-elements.json pkg-files/README.md \
  LICENSE-MIT LICENSE-APACHE pkg/

version=$(awk -F'"' '/^version = /{print $2; exit}' Cargo.toml)
cat > pkg/package.json <<JSON
{
  "name": "momentum-progress",
  "version": "$version",
  "description": "Honest progress for any web page: one script tag, a Rust/WebAssembly custom element.",
  "keywords": ["progress", "stepper", "checklist", "onboarding", "web-component", "custom-element", "webassembly"],
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "./momentum.js",
  "module": "./momentum.js",
  "types": "./momentum.d.ts",
  "exports": {
    ".": { "types": "./momentum.d.ts", "default": "./momentum.js" },
    "./momentum.js": { "types": "./momentum.d.ts", "default": "./momentum.js" },
    "./react": { "types": "./react.d.ts" },
    "./vue": { "types": "./vue.d.ts" },
    "./momentum_wasm_bg.wasm": "./momentum_wasm_bg.wasm",
    "./net.js": "./net.js",
    "./momentum.css": "./momentum.css",
    "./lang/*": "./lang/*",
    "./custom-elements.json": "./custom-elements.json",
    "./package.json": "./package.json"
  },
  "files": ["momentum.js", "net.js", "momentum.css", "momentum.d.ts", "react.d.ts", "vue.d.ts", "momentum_wasm_bg.wasm",
    "lang", "custom-elements.json", "README.md", "LICENSE-MIT", "LICENSE-APACHE"],
  "sideEffects": ["./momentum.js", "./net.js", "./momentum.css"],
  "customElements": "custom-elements.json"
}
JSON

gz() { gzip -9 -c "$1" | wc -c; }
js=$(gz pkg/momentum.js)
wasm=$(gz pkg/momentum_wasm_bg.wasm)
printf 'build: pkg/ ready; a host downloads %s B gzip (momentum.js %s B + wasm %s B; wasm raw %s B; net.js %s B with a src)\n' \
  "$((js + wasm))" "$js" "$wasm" "$(wc -c < pkg/momentum_wasm_bg.wasm)" "$(gz pkg/net.js)"
