#!/usr/bin/env bash
# What a cold render pays for beyond rendering and writing: N synthetic tenants (bench/workspace.sh,
# plus the 7 examples) rendered cold four ways and copied, in alternating rounds, each render
# through the launcher with its JVM settings and without a class archive (MESHPLATE_JAR), every
# figure the median of ROUNDS runs:
#
#   bench/floor.sh [N=1000] [ROUNDS=3]      OVERLAYS="dev stage prod"   KEEP=1 (keep the folder)
#
#   shipped     render -q, as shipped: templates, writing, the policy invariants, the intent gate
#               (connectivity), and the caches a next run reads (.meshplate/cache/)
#   no-cache    render -q --no-cache: the same checks, nothing kept for a next run
#   no-gate     render -q with the intent gate left out (its caches too); the invariants and the
#               render cache stay
#   bare        render -q --no-cache with the gate and the folder, overlay and tree invariants left
#               out: templates, reading their text back, canonical YAML, the files, their journal and
#               pack, descriptor validation and the cross-tenant guardrails
#   cp -r       copying the same output/ (DESIGN §10's floor for writing it), in the same rounds
#
# no-gate and bare run a scratch build of the current sources with bench/patches/leave-out-checks.patch
# applied (built offline into the folder of the run): the product has no switch to leave a check
# out, and gets none for a benchmark. Every run must write the same output/ as the shipped one, byte
# for byte (the checks and caches decide whether a run passes, never what it writes): the script
# stops if one does not.
set -euo pipefail
n=${1:-1000}
rounds=${2:-3}
overlays=${OVERLAYS:-"dev stage prod"}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# shellcheck source=common.sh
source "$here/bench/common.sh"
work_folder
# Every tree a run leaves is kept aside until the end (see aside in common.sh): the expected one,
# the tree, and one per run, some 52 files a tenant each.
room_for $(( (5 * rounds + 3) * 52 * (n + 7) )) ROUNDS
"$here/meshplate" --version >/dev/null   # builds target/meshplate-all.jar from the current sources
shipped_jar="$here/target/meshplate-all.jar"

# The scratch build: these sources, the patch, the jar.
mkdir "$work/build"
(cd "$here" && tar -cf - pom.xml src) | tar -xf - -C "$work/build"
if ! (cd "$work/build" && git init -q . && git apply "$here/bench/patches/leave-out-checks.patch"); then
  echo "bench/floor.sh: bench/patches/leave-out-checks.patch no longer applies to these sources: mend it" >&2
  exit 2
fi
if ! (cd "$work/build" && mvn -q -B -o package -DskipTests) >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  echo "bench/floor.sh: the scratch build failed" >&2
  exit 1
fi
scratch_jar="$(ls "$work"/build/target/meshplate-*-all.jar)"

mkdir "$work/tree"
synthetic_tree "$n" "$overlays" "$work/tree"
labels=(shipped no-cache no-gate bare cp-r)
# variant LABEL: runs that variant once, cold, into $work/tree
variant() {
  aside "$work/tree/output" "$work/tree/.meshplate"
  case "$1" in
    shipped) run "$1" env MESHPLATE_JAR="$shipped_jar" "$here/meshplate" --root "$work/tree" render -q ;;
    no-cache) run "$1" env MESHPLATE_JAR="$shipped_jar" "$here/meshplate" --root "$work/tree" render -q --no-cache ;;
    no-gate) run "$1" env MESHPLATE_JAR="$scratch_jar" MESHPLATE_JAVA_OPTS=-Dmeshplate.bench.skip=gate \
      "$here/meshplate" --root "$work/tree" render -q ;;
    bare) run "$1" env MESHPLATE_JAR="$scratch_jar" MESHPLATE_JAVA_OPTS=-Dmeshplate.bench.skip=gate,invariants \
      "$here/meshplate" --root "$work/tree" render -q --no-cache ;;
    cp-r) run "$1" cp -r "$work/expected" "$work/tree/output" ;;
  esac
  if [ "$1" = shipped ]; then
    [ -d "$work/expected" ] || cp -r "$work/tree/output" "$work/expected"
  elif ! diff -rq "$work/expected" "$work/tree/output" >/dev/null; then
    echo "bench/floor.sh: the $1 render wrote another output/ than the shipped one" >&2
    exit 1
  fi
}
variant shipped   # the output every variant must match; untimed runs warm the file system
rm -f "$work/shipped.times"
settle "$here/meshplate" --version
for ((r = 0; r < rounds; r++)); do
  for label in "${labels[@]}"; do variant "$label"; done
done

files=$(find "$work/expected" -type f | wc -l)
echo "meshplate cold render, the parts it pays for: $n tenants + 7 examples, overlays: $overlays"
echo "output: $files files, identical in every run; median of $rounds alternating rounds; $(nproc) cores"
# Each ratio is the median over the rounds of the run's time over the other's in the same round:
# this machine's speed moves by half from one hour to the next, and a drift moves a whole round.
ratio() { paste -d' ' "$work/$1.times" "$work/$2.times" | awk '{printf "%.3f\n", $1 / $4}' > "$work/ratio"; median "$work/ratio" 1; }
printf '%-10s %8s %8s %9s %10s %8s\n' run "wall s" "cpu s" "RSS MiB" "/ shipped" "/ cp -r"
for label in "${labels[@]}"; do
  printf '%-10s %8s %8s %9d %10s %8s\n' "$label" "$(median "$work/$label.times" 1)" "$(median "$work/$label.times" 2)" \
    $(( $(median "$work/$label.times" 3) / 1024 )) "$(ratio "$label" shipped)" "$(ratio "$label" cp-r)"
done
