#!/usr/bin/env bash
# Builds pkg/: the release wasm (size-optimised), the wasm-bindgen glue, the
# momentum.js loader, its types and package.json. Prints the gzip size of what
# a host downloads.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

cargo build --quiet --lib --target wasm32-unknown-unknown --release -p momentum
rm -rf pkg && mkdir -p pkg
wasm-bindgen --target web --no-typescript --out-dir pkg --out-name momentum_wasm \
  target/wasm32-unknown-unknown/release/momentum.wasm
# binaryen from npm (Debian's wasm-opt 108 corrupts wasm-bindgen output).
e2e/node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
  pkg/momentum_wasm_bg.wasm -o pkg/momentum_wasm_bg.wasm
cp js/momentum.js js/momentum.d.ts js/custom-elements.json pkg/

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
    "./momentum_wasm_bg.wasm": "./momentum_wasm_bg.wasm",
    "./custom-elements.json": "./custom-elements.json",
    "./package.json": "./package.json"
  },
  "files": ["momentum.js", "momentum.d.ts", "momentum_wasm.js", "momentum_wasm_bg.wasm", "custom-elements.json"],
  "sideEffects": ["./momentum.js"],
  "customElements": "custom-elements.json"
}
JSON

gz() { gzip -9 -c "$1" | wc -c; }
js=$(( $(gz pkg/momentum.js) + $(gz pkg/momentum_wasm.js) ))
wasm=$(gz pkg/momentum_wasm_bg.wasm)
printf 'build: pkg/ ready; a host downloads %s B gzip (js %s B + wasm %s B; wasm raw %s B)\n' \
  "$((js + wasm))" "$js" "$wasm" "$(wc -c < pkg/momentum_wasm_bg.wasm)"
