#!/bin/sh
# Runs the fuzz targets of fuzz/ for a bounded time each (fuzz/README.md).
# Usage: sh scripts/fuzz.sh [SECONDS] [TARGET...]   (default: 60 s, every target)
# New inputs found go into fuzz/corpus/TARGET; with SNAPDF_FUZZ_SCRATCH=1 (the smoke run
# of npm test) the run works on a temporary copy and leaves the corpus alone.
set -eu
cd "$(dirname "$0")/.."
PATH="$HOME/.cargo/bin:$PATH"
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-parse render font image}
command -v cargo-fuzz >/dev/null 2>&1 || { echo "fuzz: install cargo-fuzz first: cargo install cargo-fuzz" >&2; exit 1; }
# cargo-fuzz passes nightly flags (-Zsanitizer); RUSTC_BOOTSTRAP lets stable accept them.
export RUSTC_BOOTSTRAP=1
cd fuzz
for target in $targets; do
  mkdir -p "corpus/$target"
  corpus="corpus/$target"
  if [ "${SNAPDF_FUZZ_SCRATCH:-}" = 1 ]; then
    corpus=$(mktemp -d)
    cp -R "corpus/$target/." "$corpus/"
  fi
  echo "=== fuzz $target for $seconds s"
  cargo fuzz run "$target" "$corpus" -- -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
  [ "$corpus" = "corpus/$target" ] || rm -rf "$corpus"
done
