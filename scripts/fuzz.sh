#!/bin/sh
# Runs the fuzz targets of fuzz/ (fuzz/README.md).
#
# Usage: sh scripts/fuzz.sh [SECONDS] [TARGET...]   explore with fresh seeds (default: 60 s, every target)
#        sh scripts/fuzz.sh replay [TARGET...]       replay the kept corpus only (what npm test runs)
#
# Exploring (`npm run fuzz`) adds the new inputs it finds to fuzz/corpus/TARGET, and copies
# an input that crashes or hangs there too (as well as into fuzz/artifacts/TARGET), so that
# every later replay holds the fix to it. A replay runs each kept input once, with no
# mutation: the same verdict every time.
set -eu
cd "$(dirname "$0")/.."
PATH="$HOME/.cargo/bin:$PATH"
mode=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-parse render font image}
command -v cargo-fuzz >/dev/null 2>&1 || { echo "fuzz: install cargo-fuzz first: cargo install cargo-fuzz" >&2; exit 1; }
# cargo-fuzz passes nightly flags (-Zsanitizer); RUSTC_BOOTSTRAP lets stable accept them.
export RUSTC_BOOTSTRAP=1
cd fuzz
status=0
for target in $targets; do
  mkdir -p "corpus/$target"
  if [ "$mode" = replay ]; then
    echo "=== fuzz $target: replaying $(ls "corpus/$target" | wc -l) kept inputs"
    cargo fuzz run "$target" "corpus/$target" -- -runs=0 -rss_limit_mb=2048 -timeout=10 || status=1
    continue
  fi
  echo "=== fuzz $target for $mode s"
  if ! cargo fuzz run "$target" "corpus/$target" -- -max_total_time="$mode" -rss_limit_mb=2048 -timeout=10 \
      -print_final_stats=1; then
    status=1
    for found in artifacts/"$target"/*; do
      [ -f "$found" ] || continue
      cp "$found" "corpus/$target/"
      echo "fuzz: kept $found in corpus/$target/ (fix it, then npm test replays it)" >&2
    done
  fi
done
exit $status
