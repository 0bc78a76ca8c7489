#!/bin/sh
# Every test suite, in order: Rust gates and native tests, the WebAssembly boundary in
# Node, a Chromium page and a dedicated worker, then the JS package and CLI tests.
# Run through `npm test`, which first runs scripts/setup.sh and scripts/build.sh.
set -eu
cd "$(dirname "$0")/.."
PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export PATH

step() { printf '\n=== %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check

step "cargo clippy (warnings are errors)"
cargo clippy --locked --all-targets -- -D warnings
cargo clippy --locked --target wasm32-unknown-unknown -- -D warnings
# The base module: the build without the `media` feature.
cargo clippy --locked --target wasm32-unknown-unknown --no-default-features --features render -- -D warnings
cargo clippy --locked --no-default-features --features render --lib --tests -- -D warnings
# The front module: without `render` either (tasks, cache policy, metrics).
cargo clippy --locked --target wasm32-unknown-unknown --no-default-features -- -D warnings
cargo clippy --locked --no-default-features --lib -- -D warnings

step "cargo doc (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps --quiet

step "the core does not import wasm crates (only src/bindings/ may)"
if grep -rnE '(use|extern crate) +(wasm_bindgen|js_sys|web_sys)|#\[wasm_bindgen' src --include='*.rs' | grep -v '^src/bindings/'; then
  echo "wasm-bindgen code outside src/bindings/" >&2
  exit 1
fi

step "cargo test (native)"
cargo test --locked
step "cargo test (native, unit tests of the base build: no images, no supplied fonts)"
cargo test --locked --no-default-features --features render --lib
step "cargo test (native, unit tests of the front build: tasks, cache policy, metrics)"
cargo test --locked --no-default-features --lib

# wasm-bindgen-test in one environment; fails if the run reports zero passed tests
# (a browser run that is not configured for the browser passes with none).
wasm_test() {
  env_name=$1; shift
  step "wasm-bindgen-test: $env_name"
  log=$(mktemp)
  if ! "$@" wasm-pack test --mode no-install "$([ "$env_name" = node ] && echo --node || echo --headless)" \
      $([ "$env_name" = node ] || echo --chrome) -- --test wasm >"$log" 2>&1; then
    cat "$log"; rm -f "$log"; exit 1
  fi
  grep -E '^test |test result' "$log"
  passed=$(sed -n 's/^test result: ok\. \([0-9]*\) passed.*/\1/p' "$log" | head -n 1)
  rm -f "$log"
  if [ -z "$passed" ] || [ "$passed" -eq 0 ]; then
    echo "wasm-bindgen-test ran no tests in $env_name" >&2
    exit 1
  fi
}
wasm_test node env
wasm_test chromium-page env WASM_BINDGEN_USE_BROWSER=1
wasm_test chromium-worker env WASM_BINDGEN_USE_DEDICATED_WORKER=1

step "TypeScript declarations (tsc --noEmit)"
tsc -p tsconfig.json

step "webpack: the demo app in www/ bundles the package as a user's app would"
webpack --mode production >/dev/null

step "fuzzing: every kept input of each cargo-fuzz target, replayed (fuzz/README.md)"
log=$(mktemp)
sh scripts/fuzz.sh replay >"$log" 2>&1 || { tail -40 "$log"; rm -f "$log"; exit 1; }
grep -E '^(=== fuzz|Done)' "$log"
rm -f "$log"

step "node --test (package API, CLI, cache, tasks, metrics, Chromium, the www app)"
node --test --test-reporter=spec tests/js/
