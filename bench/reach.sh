#!/usr/bin/env bash
# Benchmark of the connectivity model: N synthetic tenants (bench/workspace.sh, plus the 7
# examples) in every shipped overlay.
#
#   bench/reach.sh [N=1000]
#
# Prints wall and CPU time (user+sys) and peak memory of:
#   version       JVM start and nothing else (the floor to subtract)
#   render        a cold render, which runs the intent check (reach) on every overlay
#   reach-check   meshplate reach --check over output/ (read from disk, evaluated, checked)
#   reach-render  meshplate reach --check --render (a fresh render in memory, evaluated)
# With BASELINE_JAR=path/to/meshplate-all.jar (a build without the check) it also times that
# jar's cold render of the same tenants, to show what the check adds to render.
set -euo pipefail
n=${1:-1000}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$here/bench/workspace.sh" "$n" "$work"

"$here/meshplate" --version >/dev/null   # build the jar outside the measurement
jar="$here/target/meshplate-all.jar"
measure() {
  local name=$1; shift
  /usr/bin/time -f "$name: %e s wall, %U+%S s CPU, %M KiB peak RSS" "$@" >/dev/null 2>"$work/err" \
    || { cat "$work/err" >&2; exit 1; }
  tail -1 "$work/err"
}
measure version java -jar "$jar" --version
if [ -n "${BASELINE_JAR:-}" ]; then
  rm -rf "$work/output"
  measure render-baseline java -jar "$BASELINE_JAR" --root "$work" render
  rm -rf "$work/output" "$work/.meshplate"
fi
measure render java -jar "$jar" --root "$work" render
measure reach-check java -jar "$jar" --root "$work" reach --check
measure reach-render java -jar "$jar" --root "$work" reach --check --render
echo "tenants: $((n + 7)), overlays: $(ls "$work/output" | wc -l), files: $(find "$work/output" -type f | wc -l)"
