#!/usr/bin/env bash
# Benchmark of the connectivity model: N synthetic tenants (bench/workspace.sh, plus the 7
# examples) run with the real launcher (its JVM settings and class-data archive), each figure
# the median of REPEAT runs:
#
#   bench/reach.sh [N=1000]          REPEAT=3 OVERLAYS="dev stage prod" (OVERLAYS=all: every shipped one)
#                                     KEEP=1 (keep the folder)
#                                     MESHPLATE="java -jar old.jar" (time another build)
#
#   version        JVM start and nothing else (the floor to subtract)
#   render         a cold render, which runs the intent check (reach) on every overlay
#   reach-first    meshplate reach right after that render: the first table of the tree, each folder's
#                  facts from the pack the render kept (.meshplate/cache/reach/), its flows from the
#                  table the render kept (.meshplate/cache/table/: that render evaluated every flow)
#   reach-check    meshplate reach --check over output/ with nothing changed since the last check:
#                  every finding kept in .meshplate/cache/gate/ stands and no flow is evaluated again
#   reach-whole    the same with the kept findings removed: every flow read, evaluated and checked
#   reach-cold     meshplate reach over output/: the whole flow table (text), with no table kept
#                  in .meshplate/cache/table/: every flow evaluated (the findings from the gate)
#   reach          the same with nothing changed since the last table: every flow taken from it
#   reach-pair     meshplate reach --from t0 --to t1: can one tenant reach another? (every layer's
#                  answer for that pair, the findings of every flow from the check)
#   reach-render   meshplate reach --check --render (a fresh render, streamed, evaluated)
#   reach-fresh    meshplate reach as on a fresh clone: no .meshplate/ at all, so every descriptor is
#                  validated and every output file parsed, and every flow evaluated
# With BASELINE_JAR=path/to/meshplate-all.jar (a build without the check) it also times that
# jar's cold render through the launcher (MESHPLATE_JAR: its settings, no class archive), to
# show what the check adds to render.
# Times are wall seconds, CPU is user+sys seconds, RSS the peak resident set. Numbers depend on
# the machine and its load: compare CPU time when other work shares the cores.
set -euo pipefail
n=${1:-1000}
repeat=${REPEAT:-3}
overlays=${OVERLAYS:-"dev stage prod"}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# shellcheck source=common.sh
source "$here/bench/common.sh"
work_folder
synthetic_tree "$n" "$overlays"

read -r -a cmd <<< "${MESHPLATE:-$here/meshplate}"
"${cmd[@]}" --version >/dev/null   # build the jar and its class archive outside the measurement
labels=(version)
settle "${cmd[@]}" --version   # how long JVM start takes on a settled machine, for the settle below
for ((r = 0; r < repeat; r++)); do
  run version "${cmd[@]}" --version
done
if [ -n "${BASELINE_JAR:-}" ]; then
  labels+=(render-baseline)
  for ((r = 0; r < repeat; r++)); do
    aside "$work/output" "$work/.meshplate"
    run render-baseline env MESHPLATE_JAR="$BASELINE_JAR" "$here/meshplate" --root "$work" render -q
  done
fi
labels+=(render reach-first reach-check reach-whole reach-cold reach reach-pair reach-render reach-fresh)
for ((r = 0; r < repeat; r++)); do
  aside "$work/output" "$work/.meshplate"
  run render "${cmd[@]}" --root "$work" render -q
  run reach-first "${cmd[@]}" --root "$work" reach
done
# The runs below write next to nothing: they start once the machine has settled after the
# renders above committed their trees (see settle in common.sh; reach-first is timed right after
# a render, as it is run).
settle "${cmd[@]}" --version
for ((r = 0; r < repeat; r++)); do
  run reach-check "${cmd[@]}" --root "$work" reach --check
  rm -rf "$work/.meshplate/cache/gate"
  run reach-whole "${cmd[@]}" --root "$work" reach --check
  rm -rf "$work/.meshplate/cache/table"
  run reach-cold "${cmd[@]}" --root "$work" reach
  run reach "${cmd[@]}" --root "$work" reach
  run reach-pair "${cmd[@]}" --root "$work" reach --from t0 --to t1
  run reach-render "${cmd[@]}" --root "$work" reach --check --render
done
for ((r = 0; r < repeat; r++)); do
  aside "$work/.meshplate"
  run reach-fresh "${cmd[@]}" --root "$work" reach
done

echo "meshplate reach bench: $n tenants + 7 examples, overlays: $(ls "$work/templates/overlays" | tr '\n' ' ')"
echo "output: $(find "$work/output" -type f | wc -l) files; median of $repeat runs; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-16s %8s %8s %9s\n' run "wall s" "cpu s" "RSS MiB"
for label in "${labels[@]}"; do
  printf '%-16s %8s %8s %9d\n' "$label" "$(median "$work/$label.times" 1)" "$(median "$work/$label.times" 2)" \
    $(( $(median "$work/$label.times" 3) / 1024 ))
done
