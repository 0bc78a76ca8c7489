#!/bin/sh
# Builds the three WebAssembly modules into pkg/ when the Rust sources changed since the
# last build, and optimizes them with wasm-opt from the npm package binaryen:
#   pkg/snapdf_bg.wasm        the media module (default features): what Node loads, and
#                             browsers' workers for a snapshot with images or fonts
#   pkg/snapdf_base_bg.wasm   the base module (--no-default-features --features render):
#                             what browsers' workers render with by default, without
#                             image and font support
#   pkg/snapdf_front_bg.wasm  the front module (--no-default-features): what a browser
#                             page's init() loads: tasks, cache policy and metrics, no
#                             snapshot reading (glue: pkg/snapdf_front.js)
# The render modules are driven by the same wasm-bindgen glue, pkg/snapdf.js; the build
# fails if the two builds' glue differs.
set -eu
cd "$(dirname "$0")/.."
PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export PATH

media=pkg/snapdf_bg.wasm
base=pkg/snapdf_base_bg.wasm
front=pkg/snapdf_front_bg.wasm
if [ -f "$media" ] && [ -f "$base" ] && [ -f "$front" ] && [ -z "$(find src Cargo.toml Cargo.lock .cargo scripts/build.sh -newer "$front" -print -quit)" ]; then
  exit 0
fi

# wasm-opt in place of $1, then moved to $2.
optimize() {
  wasm-opt -O --enable-simd --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-multivalue --enable-mutable-globals "$1" -o "$2.opt"
  mv "$2.opt" "$2"
}

# Panic messages name source files: without this machine's directories (the registry,
# the checkout) in the shipped module. Added to .cargo/config.toml's rustflags.
remap="target.wasm32-unknown-unknown.rustflags=['--remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src/=', '--remap-path-prefix=$PWD/=']"

# --mode no-install: use the wasm-bindgen CLI on PATH (scripts/setup.sh), never download.
echo "build: wasm-pack build (release, web target): the media module"
wasm-pack --quiet build --mode no-install --release --target web --out-dir pkg --out-name snapdf --no-pack \
  -- --config "$remap"
optimize "$media" "$media"
echo "build: wasm-pack build (release, web target, --no-default-features --features render): the base module"
wasm-pack --quiet build --mode no-install --release --target web --out-dir target/base-pkg --out-name snapdf --no-pack \
  -- --no-default-features --features render --config "$remap"
if ! cmp -s target/base-pkg/snapdf.js pkg/snapdf.js; then
  echo "build: the base and media modules need different glue (diff target/base-pkg/snapdf.js pkg/snapdf.js)" >&2
  exit 1
fi
optimize target/base-pkg/snapdf_bg.wasm "$base"
echo "build: wasm-pack build (release, web target, --no-default-features): the front module"
wasm-pack --quiet build --mode no-install --release --target web --out-dir target/front-pkg --out-name snapdf_front --no-pack \
  -- --no-default-features --config "$remap"
cp target/front-pkg/snapdf_front.js target/front-pkg/snapdf_front.d.ts pkg/
optimize target/front-pkg/snapdf_front_bg.wasm "$front"
echo "build: $(wc -c < "$media") bytes of WebAssembly (media), $(wc -c < "$base") (base), $(wc -c < "$front") (front)"
