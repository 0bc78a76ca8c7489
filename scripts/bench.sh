#!/bin/sh
# Benchmarks: native (divan) and WebAssembly in Node, on real-data snapshots.
set -eu
cd "$(dirname "$0")/.."
PATH="$HOME/.cargo/bin:$PATH"
node examples/make-snapshots.mjs
cargo bench --locked --bench render
cargo bench --locked --bench metrics
node benches/wasm.mjs
node benches/cache.mjs
node benches/cache-browser.mjs
node benches/metrics.mjs
node benches/tasks.mjs
node benches/fonts.mjs
node benches/graphics.mjs
node benches/redis.mjs
node benches/render-browser.mjs
node benches/peers.mjs
