# The front door. `make serve` and `make test` are the two commands of the README.
# Debian's emcc runs node on its JS optimizer, which needs Debian's node modules.
EMENV := NODE_PATH=/usr/share/nodejs
JOBS ?= 2

.PHONY: serve test check check-build test-page test-loaded deps cli native sanitize sanitize-build wasm web offline bench clean

serve: web
	node tools/serve.mjs build/web $${PORT:-8000}

# Before submitting: everything, in order (installs, the three builds and the offline file,
# Catch2 natively and under the sanitizers, the node tests, the page tests in Chromium and in
# Firefox), stopping at the first tier that fails; it ends with the time of each tier and the
# slowest ten tests (tools/run-tests.mjs).
test:
	node tools/run-tests.mjs full

# After every change: the Catch2 suite without its [slow] cases and the node tests, after an
# incremental build (under two minutes once built).
check:
	node tools/run-tests.mjs check

check-build: native offline

# Hunting races: the page passes ROUNDS times (3 unless told) in BROWSERS (both unless told;
# a browser named twice runs two passes) on a machine loaded with LOOPS busy loops (one per core
# unless told), the passes of a round at once.
test-loaded: BROWSERS ?= chromium,firefox
test-loaded:
	node tools/run-tests.mjs loaded $(or $(ROUNDS),3) $(BROWSERS) "$(LOOPS)" $(or $(COMPILE),0)

# One page test file in one browser: make test-page NAME=playground [BROWSER=firefox]
test-page:
	node tools/run-tests.mjs page "$(NAME)" $(or $(BROWSER),chromium)

deps:
	bash tools/install-deps.sh

native: deps
	cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release
	cmake --build build/native -j$(JOBS)

# The core and its command line only (what the node tests need), without the Catch2 suite.
cli: deps
	cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release
	cmake --build build/native -j$(JOBS) --target landscape

# The Catch2 suite again with Eigen's assertions on, under AddressSanitizer and UBSan: a
# Release build would let an out-of-bounds write pass silently. float-cast-overflow too (named
# because GCC's -fsanitize=undefined leaves it out): a double outside int's range cast to int,
# as one_hot() once did with a label of 1e300. (No leak checker: it needs ptrace, which some CI
# sandboxes refuse.) Debug information is -g1 (functions and lines, what a sanitizer's report
# prints). Compiled by clang (Debian's clang-14, which emscripten brings; its sanitizer
# runtimes come with libclang-rt-14-dev): this is the largest build of `make test`, and clang
# builds it with a quarter less CPU time than GCC (about 490 s against 655 s here, file by
# file). It is a unity build (CMake compiles the core's files, and the tests', eight at a time
# as one) with Eigen, nlohmann/json and Catch2's header precompiled, so the headers and the
# template code that files share are compiled once per batch, not once per file: built side
# by side on a loaded machine, the core took 221 s of CPU time instead of 374 s, and the first
# eight test files 86 s (and 6 s for their precompiled header) instead of 176 s. This build only
# runs the tests, so how its files are batched changes no result anyone uses.
sanitize: sanitize-build
	ASAN_OPTIONS=detect_leaks=0 ctest --test-dir build/sanitize --output-on-failure -j$(JOBS)

sanitize-build: deps
	cmake -S . -B build/sanitize -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++-14 \
	  -DCMAKE_CXX_FLAGS="-O1 -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all" \
	  -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DCMAKE_UNITY_BUILD=ON -DLANDSCAPE_PRECOMPILED_HEADERS=ON
	cmake --build build/sanitize -j$(JOBS) --target core_tests

wasm: deps
	$(EMENV) emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release
	$(EMENV) cmake --build build/wasm -j$(JOBS)

web: wasm
	node tools/build-web.mjs

# One HTML file with every page, the scenarios and the wasm core, that works opened from disk:
# build/offline/loss-landscape-lab.html (docs/embedding.md, "One file, offline").
offline: web
	node tools/build-offline.mjs

bench: native web
	node tools/benchmark.mjs scenarios/rescue.json scenarios/relu-blind-spot.json \
	  bench/playground-default.json bench/playground-wide.json
	node tools/benchmark.mjs --curvature
	node tools/benchmark.mjs --landscape
	node tools/benchmark-tfjs.mjs
	LLL_HEAP_COUNT=1000 node --test tests/web/heap.test.mjs
	node tools/page-weight.mjs
	node tools/lighthouse.mjs
	node tools/build-offline.mjs
	node tools/offline-weight.mjs

clean:
	rm -rf build
