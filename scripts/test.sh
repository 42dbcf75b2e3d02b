#!/usr/bin/env bash
# Every test, in order of speed: format, lints (host + wasm32), host tests
# (with the protocol drift and layering checks), the JS type check and unit tests,
# the load model's arithmetic, the language files, the build and its size budget, an import in plain
# Node, page tests
# (Playwright + system Chromium against the real server), then the
# cross-engine cases in Chromium, Firefox and WebKit (e2e/engines/). Stops at
# the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (host, all targets)"
cargo clippy --quiet --workspace --all-targets -- -D warnings
step "cargo clippy (wasm32)"
cargo clippy --quiet -p momentum-wasm -p momentum-core --target wasm32-unknown-unknown --all-targets -- -D warnings

step "host tests (cargo test)"
cargo test --workspace

step "JS types (tsc --checkJs over js/)"
node_modules/.bin/tsc -p jsconfig.json

step "JS unit tests (node --test js/test/)"
node --test js/test/

step "load model arithmetic (node --test)"
node --test e2e/bench/load-model.test.mjs

step "language files against English: keys, placeholders, plural forms (node --test)"
node --test i18n/

step "build pkg/ (release) and the server"
./scripts/build.sh
cargo build --quiet -p momentum-server

step "size budget"
./scripts/size.sh

step "import without a DOM (node --test)"
node --test e2e/node/*.test.mjs

step "page tests (Playwright, system Chromium)"
cd e2e
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npx --no-install playwright test --project=pages
step "timed page tests, alone (rule 50: no long task over 500 ms)"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npx --no-install playwright test --project=timed --workers=1

step "page tests in every engine (Chromium, Firefox, WebKit)"
node engines/run.mjs
