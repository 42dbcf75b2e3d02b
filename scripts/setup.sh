#!/usr/bin/env bash
# Idempotent toolchain set-up for Momentum (Debian bookworm, root).
# Installs only what is missing: the wasm32 target, wasm-bindgen-cli at exactly the
# version in Cargo.lock, Debian's chromium, and the npm packages (Playwright runner,
# binaryen wasm-opt, esbuild, axe-core, typescript, react, vue) from e2e/package-lock.json.
# Never downloads a prebuilt binary or browser. A second run takes a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for comp in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$comp"; then
    say "adding rust component $comp"
    rustup component add "$comp"
  fi
done

# The browser from Debian (Playwright drives it; no driver needed). Never Debian's
# binaryen: its wasm-opt 108 corrupts wasm-bindgen 0.2.130 output (see
# shared/TOOLCHAIN.md); wasm-opt comes from npm.
if ! command -v chromium >/dev/null; then
  say "installing chromium (apt)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# wasm-bindgen CLI pinned to the library version in Cargo.lock.
WBG=$(awk '$0=="name = \"wasm-bindgen\""{getline; gsub(/"/,""); print $3; exit}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WBG" ]; then
  say "installing wasm-bindgen-cli $WBG (cargo install, a few minutes)"
  # --locked can fail: the CLI's lockfile pins a webpki-roots the registry lacks.
  cargo install --locked wasm-bindgen-cli --version "$WBG" --force \
    || cargo install wasm-bindgen-cli --version "$WBG" --force
fi

# npm (e2e/package-lock.json): Playwright runner (uses the system Chromium), binaryen (wasm-opt),
# esbuild (bundles pkg/momentum.js), axe-core, and for the package tests typescript, react,
# react-dom and vue.
if [ ! -f e2e/node_modules/.setup-stamp ] \
   || [ e2e/package-lock.json -nt e2e/node_modules/.setup-stamp ]; then
  say "installing npm packages (npm ci)"
  (cd e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  touch e2e/node_modules/.setup-stamp
fi
say "toolchain ready"
