#!/usr/bin/env bash
# What holds the heap of a render: N synthetic tenants (bench/workspace.sh, plus the 7 examples)
# rendered through the real launcher with Java Flight Recorder's old-object sampler; at each of
# the seconds in AT the recording is dumped with the path from every sampled live object to a GC
# root, and the objects are counted by the first meshplate field on that path (the structure that
# keeps them), and by the meshplate method that allocated them:
#
#   bench/heap.sh [N=1000] [WHAT=cold]  AT="5" (seconds after the start; 10,000 tenants: AT="35 60")
#                                   OVERLAYS="dev stage prod"   TOP=25 rows per table
#
#   cold         a render into an empty output/ and .meshplate/
#   one-tenant   a render after one tenant's allowed path changed, the tree rendered once before
#                (not sampled): every other folder comes from the render cache (10,000 tenants:
#                AT="9 13")
#
# The sampler keeps few objects (about 60 at 5 s into 1,000 tenants, 750 at 60 s into 10,000):
# run it on a large tree. It picks objects as they are allocated, in proportion to the bytes
# allocated, and keeps those still alive; each is charged to one path to a root, though others
# may hold it too. So the counts are shares of the live heap to compare, not bytes, and a
# structure that shares its objects with another (an interned string) may be charged for them.
# An object the dump found no path to a root for is garbage no collection has taken yet, and is
# left out; a row "(no meshplate field on the printed path) X" is a live object whose path as JFR
# prints it names no meshplate class (X is the last holder printed). The run's GC log gives the
# live heap after each full collection, to scale the shares by.
set -euo pipefail
n=${1:-1000}
what=${2:-cold}
overlays=${OVERLAYS:-"dev stage prod"}
at=${AT:-5}
top=${TOP:-25}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "$what" in cold | one-tenant) ;;
  *) echo "usage: bench/heap.sh [N] [cold|one-tenant]" >&2; exit 2 ;; esac
work="$(mktemp -d)"
pid=""
trap '{ [ -z "$pid" ] || kill "$pid" 2>/dev/null; } || true; rm -rf "$work"' EXIT
jdk="$(dirname "$(readlink -f "$(command -v java)")")"

# shellcheck source=common.sh
source "$here/bench/common.sh"
synthetic_tree "$n" "$overlays"
"$here/meshplate" --version >/dev/null   # build the jar and its class archive outside the measurement
label="a cold render"
if [ "$what" = one-tenant ]; then
  "$here/meshplate" --root "$work" render -q >/dev/null
  change_allowed_path "$work" heap
  label="a render after one tenant changed"
fi

MESHPLATE_JAVA_OPTS="-XX:StartFlightRecording=settings=profile,name=heap
  -XX:FlightRecorderOptions=old-object-queue-size=4096 -Xlog:gc:file=$work/gc.log" \
  "$here/meshplate" --root "$work" render -q >"$work/out" 2>&1 &
pid=$!   # the launcher execs the JVM: this is its process
began=$SECONDS
for second in $at; do
  while (( SECONDS - began < second )); do sleep 0.2; done
  kill -0 "$pid" 2>/dev/null || { echo "the render ended before ${second}s: use a smaller AT" >&2; break; }
  "$jdk/jcmd" "$pid" JFR.dump name=heap filename="$work/at$second.jfr" path-to-gc-roots=true >/dev/null
  "$jdk/jfr" print --events jdk.OldObjectSample --stack-depth 64 "$work/at$second.jfr" > "$work/at$second.txt"
  echo "== ${second}s into $label of $n tenants; live heap after each full collection so far (MiB):" \
    "$(awk '/Pause Full/ {split($0, a, "->"); sub(/M.*/, "", a[2]); printf "%s ", a[2]}' "$work/gc.log")"
  awk -v top="$top" '
    /^jdk.OldObjectSample/ { inObject = 0; inStack = 0; holder = ""; last = ""; allocator = ""; rooted = 1 }
    /^  object = / { inObject = 1; first = 1; next }
    inObject && /^  \]/ { inObject = 0 }
    inObject { line = $0; sub(/^ +/, "", line); last = line
               if (first) { first = 0 } else if (holder == "" && line ~ /io\.meshplate/) { holder = line } }
    /^  root = N\/A/ { rooted = 0 }
    /^  stackTrace = / { inStack = 1; next }
    inStack && /^  \]/ { inStack = 0 }
    inStack && allocator == "" && /io\.meshplate/ { line = $0; sub(/^ +/, "", line); sub(/ line:.*/, "", line); allocator = line }
    /^}/ {
      samples++
      if (!rooted) { unrooted++; next }
      live++
      held[holder == "" ? "(no meshplate field on the printed path) " last : holder]++
      made[allocator == "" ? "(no meshplate frame)" : allocator]++
    }
    function table(title, counts,   k, n, i, j, t, keys) {
      printf "%s\n", title
      n = 0; for (k in counts) { keys[++n] = k }
      for (i = 1; i <= n; i++) { for (j = i + 1; j <= n; j++) { if (counts[keys[j]] > counts[keys[i]]) { t = keys[i]; keys[i] = keys[j]; keys[j] = t } } }
      for (i = 1; i <= n && i <= top; i++) { printf "%5.1f%%  %s\n", 100 * counts[keys[i]] / live, keys[i] }
    }
    END {
      printf "%d objects sampled, %d with a path to a root (the others are garbage not collected yet)\n", samples, live
      table("kept by (the first meshplate field on the path to a root):", held)
      table("allocated in (of those with a path):", made)
    }' "$work/at$second.txt"
done
wait "$pid" || true
