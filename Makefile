# Momentum: the two commands a newcomer needs are `make demo` and `make test`.
# Both set up the toolchain first (idempotent, seconds when already done).
PORT ?= 8080
CARGO ?= cargo
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: demo test setup build server bench clean

## Set up if needed, build pkg/ (release) and serve the demos on http://127.0.0.1:$(PORT)/
demo: setup build server
	./target/debug/momentum-server --port $(PORT) --root .

## Set up if needed, build, and run every test (what CI runs)
test: setup
	./scripts/test.sh

setup:
	./scripts/setup.sh

build:
	./scripts/build.sh

server:
	$(CARGO) build --quiet -p momentum-server

clean:
	rm -rf pkg target e2e/test-results

## Benchmarks, run on demand (not part of make test): requests per hour (one page, and
## 3 tabs x 10 widgets on one URL), the load model at scale, live-state sharing, render,
## hostile input
bench: setup build server
	cd e2e && node bench/requests.mjs 30
	cd e2e && node bench/tabs.mjs 30
	cd e2e && node bench/load-model.mjs
	cd e2e && node bench/render.mjs 20
	cd e2e && node bench/bounded.mjs
