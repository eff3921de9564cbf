#!/usr/bin/env bash
# Benchmark: N synthetic tenants (plus the 7 examples) rendered with the real launcher, timed in
# one run against the floors of the same tree, each figure the median of REPEAT runs:
#
#   cold          render into an empty output/ and an empty .meshplate/ (no cache)
#   unchanged     render again with nothing changed
#   one-tenant    render after one tenant's access changed (an allowed path, new each run: its folders
#                 are rendered, every other folder comes from the cache, the whole-tree checks stand)
#   one-telemetry render after one tenant's telemetry changed (tracing, new each run): also what the
#                 folder keeps for the whole-tree checks changes, so they run again
#   check         check with the cache after those changes, as before a push (the deletion guard
#                 compares with the commit of output/, so the changed tenant's folders render again)
#   check fresh   check without .meshplate/cache/: what CI does on a fresh clone
#   cp -r / cat   copying output/ / reading every file of it: the floors for writing and reading
#
#   bench/render.sh [N=1000]          REPEAT=3 OVERLAYS="dev stage prod" KEEP=1 (keep the folder)
#                                     MESHPLATE="java -jar old.jar" (time another build)
#
# The synthetic tenants come from bench/workspace.sh. OVERLAYS keeps only those overlays (default:
# the three environments, as in DESIGN §10; OVERLAYS=all keeps every shipped overlay). Times are
# wall seconds, CPU is user+sys seconds, RSS is the peak resident set of the meshplate process.
# Numbers depend on the machine and its load; DESIGN §10 gives the targets.
set -euo pipefail
n=${1:-1000}
repeat=${REPEAT:-3}
overlays=${OVERLAYS:-"dev stage prod"}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# shellcheck source=common.sh
source "$here/bench/common.sh"
work_folder
# Every tree a run leaves is kept aside until the end (see aside in common.sh), and each holds some
# 52 files a tenant: the cold renders' trees, the copies, the tree itself and its Git objects
# (10,000 tenants with REPEAT=3 would fill a tmpfs halfway through).
room_for $(( (2 * repeat + 2) * 52 * (n + 7) )) REPEAT
synthetic_tree "$n" "$overlays"

read -r -a cmd <<< "${MESHPLATE:-$here/meshplate}"
"${cmd[@]}" --version >/dev/null   # build the jar and its class archive outside the measurement
settle "${cmd[@]}" --version        # how long JVM start takes on a settled machine
meshplate() { run "$1" "${cmd[@]}" --root "$work" "${@:2}"; }

cd "$work"
# A repository before the first render, as a real project is: meshplate keeps the key of its cache
# in .git/ once there is one, so a repository made after the cold renders would start every cache
# anew and the first "unchanged" run would time a render without a cache.
printf '.aside/\n' > .gitignore
git init -q .
for ((r = 0; r < repeat; r++)); do
  aside output .meshplate
  meshplate cold render
done
git add -A && git -c user.email=bench@invalid -c user.name=bench commit -qm bench
settle "${cmd[@]}" --version
for ((r = 0; r < repeat; r++)); do
  meshplate unchanged render
done
# Each change makes a state no earlier run rendered, as a pull request does (a state seen before
# would be served from the render cache).
for ((r = 0; r < repeat; r++)); do
  change_allowed_path . "r$r"
  meshplate one-tenant render
done
for ((r = 0; r < repeat; r++)); do
  sed -i -E "s/tracingPercent: [0-9.]+/tracingPercent: 1.$((r + 1))/" tenants/t0.yaml
  meshplate one-telemetry render
done
for ((r = 0; r < repeat; r++)); do
  meshplate check check
  rm -rf .meshplate/cache
  meshplate check-fresh check
done
for ((r = 0; r < repeat; r++)); do
  aside "$work/copy"
  run cp-r cp -r output "$work/copy"
  run cat sh -c 'find output -type f -print0 | xargs -0 cat > /dev/null'
done

files=$(find output -type f | wc -l)
echo "meshplate bench: $n tenants + 7 examples, overlays: $(ls templates/overlays | tr '\n' ' ')"
echo "output: $files files, $(du -sb output | cut -f1) bytes; median of $repeat runs; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-13s %8s %8s %9s\n' run "wall s" "cpu s" "RSS MiB"
for label in cold unchanged one-tenant one-telemetry check check-fresh cp-r cat; do
  printf '%-13s %8s %8s %9d\n' "$label" "$(median "$label.times" 1)" "$(median "$label.times" 2)" \
    $(( $(median "$label.times" 3) / 1024 ))
done
ratio() { awk -v a="$(median "$1.times" 1)" -v b="$(median "$2.times" 1)" 'BEGIN {printf "%.1f", (b > 0 ? a / b : 0)}'; }
echo "cold / cp -r: $(ratio cold cp-r)x   unchanged / cat: $(ratio unchanged cat)x   check fresh / cat: $(ratio check-fresh cat)x"
