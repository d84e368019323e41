# The front door. `make serve` and `make test` are the two commands of the README.
# Debian's emcc runs node on its JS optimizer, which needs Debian's node modules.
EMENV := NODE_PATH=/usr/share/nodejs
JOBS ?= 2

.PHONY: serve test deps native sanitize wasm web offline bench clean

serve: web
	node tools/serve.mjs build/web $${PORT:-8000}

# In order: Catch2 (native), then the wasm module, the page and the offline file, then their
# node and browser tests. Each step stops the run when it fails.
test: native sanitize
	ctest --test-dir build/native --output-on-failure
	$(MAKE) --no-print-directory web
	node tools/build-offline.mjs
	node --test tests/wasm/
	node --test tests/web/
	LLL_BROWSER=firefox node --test tests/web/

deps:
	bash tools/install-deps.sh

native: deps
	cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release
	cmake --build build/native -j$(JOBS)

# The Catch2 suite again with Eigen's assertions on, under AddressSanitizer and UBSan: a
# Release build would let an out-of-bounds write pass silently. float-cast-overflow too (GCC's
# -fsanitize=undefined leaves it out): a double outside int's range cast to int, as one_hot()
# once did with a label of 1e300. (No leak checker: it needs ptrace, which some CI sandboxes
# refuse.)
sanitize: deps
	cmake -S . -B build/sanitize -DCMAKE_BUILD_TYPE=Debug \
	  -DCMAKE_CXX_FLAGS="-O1 -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all"
	cmake --build build/sanitize -j$(JOBS) --target core_tests
	ASAN_OPTIONS=detect_leaks=0 ctest --test-dir build/sanitize --output-on-failure -j$(JOBS)

wasm: deps
	$(EMENV) emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release
	$(EMENV) cmake --build build/wasm -j$(JOBS)

web: wasm
	node tools/build-web.mjs

# One HTML file with every page, the scenarios and the wasm core, that works opened from disk:
# build/offline/loss-landscape-lab.html (README "One file, offline").
offline: web
	node tools/build-offline.mjs

bench: native web
	node tools/benchmark.mjs scenarios/rescue.json scenarios/relu-blind-spot.json \
	  bench/playground-default.json bench/playground-wide.json
	node tools/benchmark.mjs --curvature
	node tools/benchmark.mjs --landscape
	node tools/benchmark-tfjs.mjs
	node tools/page-weight.mjs
	node tools/build-offline.mjs
	node tools/offline-weight.mjs

clean:
	rm -rf build
