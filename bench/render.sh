#!/usr/bin/env bash
# Benchmark: renders N synthetic tenants (plus the 7 examples) into every shipped overlay with the real CLI, cold,
# then again with nothing changed. Prints wall time and peak memory of each run.
#
#   bench/render.sh [N=1000]
#
# The synthetic tenants come from bench/workspace.sh. Numbers depend on the machine; DESIGN §10
# gives the targets.
set -euo pipefail
n=${1:-1000}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$here/bench/workspace.sh" "$n" "$work"

"$here/meshplate" --version >/dev/null   # build the jar outside the measurement
for run in cold unchanged; do
  /usr/bin/time -f "$run: %e s wall, %M KiB peak RSS" "$here/meshplate" --root "$work" render
done
echo "files: $(find "$work/output" -type f | wc -l), bytes: $(du -sb "$work/output" | cut -f1)"
