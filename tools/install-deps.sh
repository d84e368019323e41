#!/usr/bin/env bash
# Installs what the build and the tests need and is missing, on Debian (bookworm):
# the toolchain from Debian's packages, the web tooling from package-lock.json.
# Safe to run again: it does nothing when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v cmake >/dev/null || missing+=(cmake)
command -v g++ >/dev/null || missing+=(g++)
command -v make >/dev/null || missing+=(make)
command -v em++ >/dev/null || missing+=(emscripten)
command -v chromium >/dev/null || missing+=(chromium)
# The page tests' Chromium: the same engine without the browser's interface, half the CPU a page.
command -v chromium-headless-shell >/dev/null || missing+=(chromium-headless-shell)
# The second browser of the page tests (driven by puppeteer-core over WebDriver BiDi).
command -v firefox-esr >/dev/null || missing+=(firefox-esr)
[ -f /usr/include/eigen3/Eigen/Core ] || missing+=(libeigen3-dev)
[ -f /usr/include/catch2/catch.hpp ] || missing+=(catch2)
[ -f /usr/include/nlohmann/json.hpp ] || missing+=(nlohmann-json3-dev)
# The sanitizer build's compiler is emscripten's clang-14; its ASan and UBSan runtimes are a
# package clang only recommends.
compgen -G '/usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.asan-x86_64.a' >/dev/null || missing+=(libclang-rt-14-dev)
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v node >/dev/null || { echo "install-deps: Node.js 20 and npm are needed (not Debian's nodejs 18)" >&2; exit 1; }
# npm ci when node_modules is missing or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
