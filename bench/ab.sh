#!/usr/bin/env bash
# Compares two builds on one command, in alternating runs: the way to tell a change worth a few
# percent from this machine's noise, which moves a single run by 10% or more. Each build gets its
# own copy of the tree (the caches in .meshplate/ belong to the build that wrote them), warmed by
# one untimed run; then A and B take turns, each run started after a `sync`.
#
#   bench/ab.sh OLD.jar NEW.jar [N=1000] [RUNS=8] -- COMMAND...
#       PREP='rm -rf .meshplate/cache/table'   run in the tree before each timed run (untimed), with
#                                              $MESHPLATE that side's launcher and (without CDS) MESHPLATE_JAR its build
#       OVERLAYS="dev stage prod"              as bench/render.sh
#       KEEP=1                                 keep the folder (both trees)
#       CDS=1                                  each build runs through a copy of the launcher of its own,
#                                              with the class archive that launcher dumps for it, as users
#                                              run meshplate (a change to what starts up, or to how classes
#                                              and call sites load, shows only then)
#       OPTS_A='...' OPTS_B='...'              JVM options added to that side's launcher settings
#                                              (as MESHPLATE_JAVA_OPTS: the later option wins; the
#                                              collector cannot be changed this way): give one jar
#                                              twice to compare settings
#
# COMMAND is a meshplate command line (`render -q`, `reach --check`); both builds run through the
# launcher with its JVM settings (MESHPLATE_JAR) and, unless CDS=1, without a class archive. Prints, for A and B,
# the median and the lowest wall time and the median CPU time (user + sys), in seconds, then the
# median over the rounds of B's time divided by A's in the same round. Examples:
#
#   bench/ab.sh old.jar target/meshplate-all.jar -- reach --check
#   PREP='rm -rf output .meshplate' bench/ab.sh old.jar new.jar 1000 6 -- render -q   # cold renders
#   PREP='rm -rf output .meshplate && $MESHPLATE render -q' bench/ab.sh old.jar new.jar -- reach
#                                                                 # the first table after a render
#   OPTS_B=-XX:TieredStopAtLevel=4 PREP='rm -rf output .meshplate' bench/ab.sh x.jar x.jar 1000 4 -- render -q
#                                                                 # the launcher's quick compiler against both
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar_a=$(readlink -f "$1")
jar_b=$(readlink -f "$2")
shift 2
n=1000
runs=8
[ "${1:-}" != "--" ] && { n=$1; shift; }
[ "${1:-}" != "--" ] && { runs=$1; shift; }
[ "${1:-}" = "--" ] || { echo "usage: bench/ab.sh OLD.jar NEW.jar [N] [RUNS] -- COMMAND..." >&2; exit 2; }
shift
overlays=${OVERLAYS:-"dev stage prod"}

# shellcheck source=common.sh
source "$here/bench/common.sh"
work_folder
mkdir "$work/a"
synthetic_tree "$n" "$overlays" "$work/a"
cp -r "$work/a" "$work/b"

jar_of() { if [ "$1" = a ]; then echo "$jar_a"; else echo "$jar_b"; fi; }
opts_of() { if [ "$1" = a ]; then echo "${OPTS_A:-}"; else echo "${OPTS_B:-}"; fi; }
launcher=("$here/meshplate")
if [ -n "${CDS:-}" ]; then
  # A launcher per side, in a folder laid out like a checkout (its training runs check and render the
  # examples there), with that side's build as its jar: it dumps the archive on its first run.
  for s in a b; do
    mkdir -p "$work/launcher-$s/target" "$work/launcher-$s/src/main"
    cp -r "$here/meshplate" "$here/tenants" "$here/templates" "$here/output" "$work/launcher-$s/"
    cp "$(jar_of "$s")" "$work/launcher-$s/target/meshplate-all.jar"
  done
fi
# as_side SIDE: what follows in this (sub)shell runs that side's launcher with its build and options
as_side() {
  export MESHPLATE_JAVA_OPTS="$(opts_of "$1")"
  if [ -n "${CDS:-}" ]; then
    launcher=("$work/launcher-$1/meshplate")
  else
    export MESHPLATE_JAR="$(jar_of "$1")"
  fi
}
for s in a b; do
  ( as_side "$s"
    # output/ and this build's caches, then what the command itself keeps
    "${launcher[@]}" --root "$work/$s" render -q >/dev/null
    "${launcher[@]}" --root "$work/$s" "$@" >/dev/null 2>&1 || true )
done
for ((r = 0; r < runs; r++)); do
  for s in a b; do
    ( as_side "$s"
      if [ -n "${PREP:-}" ]; then
        (cd "$work/$s" && MESHPLATE="${launcher[0]}" sh -c "$PREP")
      fi
      run "$s" "${launcher[@]}" --root "$work/$s" "$@" )
  done
done
echo "bench/ab.sh: $n tenants + 7 examples, overlays: $overlays; $runs alternating runs of: meshplate $*${CDS:+ (class archives)}"
for s in a b; do
  printf '%s  wall median %s  lowest %s  cpu median %s  (%s%s)\n' "${s^^}" "$(median "$work/$s.times" 1)" \
    "$(sort -n "$work/$s.times" | head -1 | cut -d' ' -f1)" "$(median "$work/$s.times" 2)" "$(jar_of "$s")" \
    "$(o="$(opts_of "$s")"; [ -n "$o" ] && echo " $o")"
done
# B's time over A's within each round, A and B having run one after the other: this machine's
# speed drifts by more than a change worth a few percent, and a drift moves both runs of a round.
paste -d' ' "$work/a.times" "$work/b.times" | awk '{printf "%.3f %.3f\n", $4 / $1, $5 / $2}' > "$work/ratios"
printf 'B/A  wall median of the %d rounds %s  cpu %s\n' "$runs" "$(median "$work/ratios" 1)" "$(median "$work/ratios" 2)"
