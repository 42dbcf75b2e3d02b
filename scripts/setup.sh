#!/usr/bin/env bash
# Idempotent toolchain set-up for Momentum (Debian bookworm, root).
# Installs only what is missing: the wasm32 target, wasm-bindgen-cli at exactly the
# version in Cargo.lock, Debian's chromium, firefox-esr, webkit2gtk-driver and xvfb,
# the build tools (esbuild, binaryen's wasm-opt, typescript) from package-lock.json, and the
# page-test packages (Playwright runner, puppeteer-core, selenium-webdriver, binaryen wasm-opt,
# esbuild, axe-core, typescript, react and its types, vue) from e2e/package-lock.json.
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

# The browsers from Debian, never downloaded: chromium (Playwright and
# puppeteer-core drive it; no driver needed), firefox-esr (puppeteer-core over
# WebDriver BiDi; no geckodriver), and WebKitGTK's WebKitWebDriver with its
# MiniBrowser (selenium-webdriver), which needs an X display: xvfb-run (xvfb,
# xauth). Never Debian's binaryen: its wasm-opt 108 corrupts wasm-bindgen
# 0.2.130 output; wasm-opt comes from npm.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v firefox-esr >/dev/null || missing+=(firefox-esr)
command -v WebKitWebDriver >/dev/null || missing+=(webkit2gtk-driver)
command -v xvfb-run >/dev/null || missing+=(xvfb)
command -v xauth >/dev/null || missing+=(xauth)
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${missing[*]} (apt)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# wasm-bindgen CLI pinned to the library version in Cargo.lock.
WBG=$(awk '$0=="name = \"wasm-bindgen\""{getline; gsub(/"/,""); print $3; exit}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WBG" ]; then
  say "installing wasm-bindgen-cli $WBG (cargo install, a few minutes)"
  # --locked can fail: the CLI's lockfile pins a webpki-roots the registry lacks.
  cargo install --locked wasm-bindgen-cli --version "$WBG" --force \
    || cargo install wasm-bindgen-cli --version "$WBG" --force
fi

# npm, root package-lock.json: the build and JS checks (esbuild, binaryen's
# wasm-opt, typescript).
if [ ! -f node_modules/.setup-stamp ] || [ package-lock.json -nt node_modules/.setup-stamp ]; then
  say "installing the build tools (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules/.setup-stamp
fi

# npm (e2e/package-lock.json): Playwright runner (uses the system Chromium), puppeteer-core
# and selenium-webdriver (the cross-engine runner, e2e/engines/), binaryen (wasm-opt),
# esbuild (bundles pkg/momentum.js), axe-core, and for the package tests typescript, react,
# @types/react, react-dom and vue. None of them downloads a browser.
if [ ! -f e2e/node_modules/.setup-stamp ] \
   || [ e2e/package-lock.json -nt e2e/node_modules/.setup-stamp ]; then
  say "installing npm packages (npm ci)"
  (cd e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  touch e2e/node_modules/.setup-stamp
fi
say "toolchain ready"
