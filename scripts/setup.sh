#!/bin/sh
# Installs what a fresh machine lacks to build and test snapdf, and skips what is
# already there; safe to run again and again. Used by `npm run demo`, `npm test`
# and .ci/run.
#
# - Debian packages (only when run as root with apt-get): qpdf, poppler-utils,
#   chromium, chromium-driver, fonts-dejavu-core, fonts-ipafont-gothic (the Japanese
#   example of the gallery), fonts-cantarell (a font with CFF outlines, for tests), fontconfig (the CLI's
#   installed fonts), fonts-noto-core and libharfbuzz-bin (world scripts, checked with hb-shape), zbar-tools (zbarimg reads QR codes back), librsvg2-bin (rsvg-convert
#   draws the SVG test files to compare with the PDF), adwaita-icon-theme (real SVG icons). Never binaryen: Debian's wasm-opt
#   108 silently breaks wasm-bindgen output (see ARCHITECTURE.md).
# - The wasm32-unknown-unknown Rust target.
# - wasm-pack, and wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock
#   (wasm-pack uses the CLI on PATH only on an exact match, and cannot download one here).
# - cargo-fuzz, for the short fuzzing smoke run of npm test (fuzz/README.md).
# - npm dependencies (npm ci), when node_modules is missing or older than package-lock.json.
set -eu
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }
PATH="$HOME/.cargo/bin:$PATH"
export PATH

# --- Debian packages -------------------------------------------------------------
missing=""
command -v qpdf >/dev/null 2>&1 || missing="$missing qpdf"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v chromedriver >/dev/null 2>&1 || missing="$missing chromium-driver"
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$missing fonts-dejavu-core"
[ -e /usr/share/fonts/opentype/ipafont-gothic/ipag.ttf ] || missing="$missing fonts-ipafont-gothic"
[ -e /usr/share/fonts/opentype/cantarell/Cantarell-Regular.otf ] || missing="$missing fonts-cantarell"
command -v redis-server >/dev/null 2>&1 || missing="$missing redis-server"
# fc-list and fc-match: the CLI's installed fonts (--font NAME, --system-fonts).
command -v fc-list >/dev/null 2>&1 || missing="$missing fontconfig"
# zbarimg: the QR code tests read the codes back from the rendered pages.
command -v zbarimg >/dev/null 2>&1 || missing="$missing zbar-tools"
# rsvg-convert: the SVG tests compare poppler's drawing of a page with librsvg's.
command -v rsvg-convert >/dev/null 2>&1 || missing="$missing librsvg2-bin"
# World scripts: Noto Sans Arabic, Hebrew, Devanagari and Thai (the shaping tests and
# the gallery), and HarfBuzz's hb-shape, the reference the tests compare shaping with.
[ -e /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf ] || missing="$missing fonts-noto-core"
command -v hb-shape >/dev/null 2>&1 || missing="$missing libharfbuzz-bin"
# Real SVG files for those tests: the Adwaita icon theme's scalable icons.
[ -d /usr/share/icons/Adwaita/scalable ] || missing="$missing adwaita-icon-theme"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian packages:$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    say "missing system packages:$missing (install them with your package manager)" >&2
  fi
fi

# --- Rust ------------------------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

WASM_PACK_VERSION=0.15.1
BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
[ -n "$BINDGEN_VERSION" ] || { say "no wasm-bindgen in Cargo.lock" >&2; exit 1; }

pids=""
if [ "$(wasm-pack --version 2>/dev/null)" != "wasm-pack $WASM_PACK_VERSION" ]; then
  say "installing wasm-pack $WASM_PACK_VERSION (about 3 minutes)"
  cargo install --quiet wasm-pack --version "$WASM_PACK_VERSION" --locked &
  pids="$pids $!"
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $BINDGEN_VERSION (about 3 minutes)"
  # --locked can fail to resolve against the registry mirror; then resolve afresh.
  ( cargo install --quiet wasm-bindgen-cli --version "$BINDGEN_VERSION" --locked 2>/dev/null ||
    cargo install --quiet wasm-bindgen-cli --version "$BINDGEN_VERSION" ) &
  pids="$pids $!"
fi
CARGO_FUZZ_VERSION=0.13.2
if [ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
  say "installing cargo-fuzz $CARGO_FUZZ_VERSION (about 2 minutes; the smoke run of fuzz/ in npm test)"
  cargo install --quiet cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked &
  pids="$pids $!"
fi
for pid in $pids; do wait "$pid"; done

# --- npm -------------------------------------------------------------------------
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies"
  # npm ci refuses a lock file that lacks optional platform packages, and the lock file
  # lacks the ones a registry mirror does not serve (msgpackr-extract's prebuilt
  # binaries for other platforms, through bullmq). npm install then installs exactly
  # the locked versions of everything else, without rewriting the lock file.
  npm ci --no-audit --no-fund --loglevel=error 2>/dev/null ||
    npm install --no-save --no-audit --no-fund --loglevel=error
fi
