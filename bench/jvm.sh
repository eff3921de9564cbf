#!/usr/bin/env bash
# Where a run's time goes beyond meshplate's own code: the JIT compiler and the garbage
# collector, as HotSpot accounts for them. N synthetic tenants (bench/workspace.sh, plus the 7
# examples) run through the real launcher (its JVM settings and class-data archive), each run
# once with -XX:+CITime and -Xlog:gc:
#
#   bench/jvm.sh [N=1000]          OVERLAYS="dev stage prod" (OVERLAYS=all: every shipped one)
#                                   KEEP=1 (keep the folder)
#
#   cold          render into an empty output/ and an empty .meshplate/
#   one tenant    render after changing one tenant's descriptor (the first after the cold one,
#                 which also starts the kept connectivity facts)
#   reach-check   meshplate reach --check over output/, its facts kept by the run before
#
# Columns: wall and CPU (user + sys) seconds; the methods the JIT compiled and the CPU seconds it
# spent on them; the GC pauses and their total wall seconds (a collection stops every thread while it
# collects, so a pause is lost time on every core). One run each: compare shares, not the last
# digit, and time with bench/render.sh or bench/reach.sh.
set -euo pipefail
n=${1:-1000}
overlays=${OVERLAYS:-"dev stage prod"}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# shellcheck source=common.sh
source "$here/bench/common.sh"
work_folder
synthetic_tree "$n" "$overlays"
"$here/meshplate" --version >/dev/null   # build the jar and its class archive outside the measurement

# measure LABEL ARGS...: one launcher run with the JIT's and the GC's accounting, as a table row
measure() {
  local label=$1; shift
  MESHPLATE_JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+CITime -Xlog:gc:file=$work/gc.log" \
    /usr/bin/time -f "%e %U %S" -o "$work/.t" "$here/meshplate" --root "$work" "$@" >"$work/out" 2>"$work/err" || {
      echo "$label failed:" >&2; cat "$work/err" >&2; exit 1; }
  local methods compile pauses
  methods=$(awk -F: '/Total compiled methods/ {gsub(/[^0-9]/, "", $2); print $2}' "$work/out")
  compile=$(awk -F: '/Total compilation time/ {sub(/ s.*/, "", $2); gsub(/ /, "", $2); print $2}' "$work/out")
  pauses=$(awk '/Pause/ {n++; ms += $NF + 0} END {printf "%d %.2f", n, ms / 1000}' "$work/gc.log")
  printf '%-12s %7s %7s %8s %9s %7s %8s\n' "$label" \
    $(awk '{printf "%.2f %.2f", $1, $2 + $3}' "$work/.t") "$methods" "$compile" $pauses
}

echo "meshplate JVM bench: $n tenants + 7 examples, overlays: $(ls "$work/templates/overlays" | tr '\n' ' ')"
echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s %7s %7s %8s %9s %7s %8s\n' run "wall s" "cpu s" methods "JIT cpu s" pauses "GC s"
measure cold render -q
sed -i 's/tracingPercent: [0-9]*/tracingPercent: 2/' "$work/tenants/t0.yaml"
measure "one tenant" render -q
"$here/meshplate" --root "$work" reach --check >/dev/null 2>&1   # keeps every folder's facts
measure reach-check reach --check
