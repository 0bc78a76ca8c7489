#!/bin/sh
# Builds the WebAssembly package into pkg/ when the Rust sources changed since the
# last build, then optimizes it with wasm-opt from the npm package binaryen.
set -eu
cd "$(dirname "$0")/.."
PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export PATH

wasm=pkg/snapdf_bg.wasm
if [ -f "$wasm" ] && [ -z "$(find src Cargo.toml Cargo.lock .cargo scripts/build.sh -newer "$wasm" -print -quit)" ]; then
  exit 0
fi
echo "build: wasm-pack build (release, web target)"
# --mode no-install: use the wasm-bindgen CLI on PATH (scripts/setup.sh), never download.
wasm-pack --quiet build --mode no-install --release --target web --out-dir pkg --out-name snapdf --no-pack
wasm-opt -O --enable-simd --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-multivalue --enable-mutable-globals "$wasm" -o "$wasm.opt"
mv "$wasm.opt" "$wasm"
echo "build: $(wc -c < "$wasm") bytes of WebAssembly"
