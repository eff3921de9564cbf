#!/usr/bin/env bash
# Benchmark: the pull-request gate (ci/pr.sh) as CI runs it, on a fresh clone of a repository of
# N synthetic tenants (plus the 7 examples) whose last commit changes one tenant's allowed path
# and commits the re-rendered output. Prints, each the median of REPEAT runs, the wall and CPU
# time and peak memory of each step (scope, validate, check, diff) and of the whole gate.
#
#   bench/pr.sh [N=1000]      REPEAT=3 OVERLAYS="dev stage prod" KEEP=1 (keep the folder)
#                             MESHPLATE="java -jar old.jar" (time another build)
#                             SHARED=1 (a cache CI restores, see below)
#
# Every run starts from a new clone: no .meshplate/, and a Git index written by the clone, as on a
# CI runner. With SHARED=1 the gate runs as CI runs it with a shared cache (README, "Render
# cache"): a clone of the base commit runs `check` once with a MESHPLATE_CACHE_KEY, as the main
# branch's job does, and its .meshplate/cache/ is copied into every new clone before the gate,
# which runs with the same key. Numbers depend on the machine and its load.
set -euo pipefail
n=${1:-1000}
repeat=${REPEAT:-3}
overlays=${OVERLAYS:-"dev stage prod"}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# shellcheck source=common.sh
source "$here/bench/common.sh"
work_folder
mkdir "$work/origin"
synthetic_tree "$n" "$overlays" "$work/origin"
cp -r "$here/ci" "$work/origin/"

read -r -a cmd <<< "${MESHPLATE:-$here/meshplate}"
"${cmd[@]}" --version >/dev/null   # build the jar and its class archive outside the measurement
commit() { git -c user.email=bench@invalid -c user.name=bench commit -qm "$1"; }

cd "$work/origin"
printf '.meshplate/\ntarget/\n' > .gitignore
git init -q -b main .
# No garbage collection behind the script's back (it raced the clones, removing loose objects
# they were copying); the history is packed once, as a clone over the network receives it.
git config gc.auto 0
"${cmd[@]}" --root . render -q
git add -A && commit base
change_allowed_path . pr
"${cmd[@]}" --root . render -q
git add -A && commit "t0: a new allowed path"
git repack -adq

# Each step through a wrapper that times it into $work/<step>.times (see run in common.sh).
cat > "$work/step" <<EOF
#!/usr/bin/env bash
step=\$1; [ "\$step" = --no-color ] && step=\$2
/usr/bin/time -f "%e %U %S %M" -o "$work/.step" ${cmd[*]} "\$@"
code=\$?
awk '{printf "%.2f %.2f %d\n", \$1, \$2 + \$3, \$4}' "$work/.step" >> "$work/\$step.times"
exit \$code
EOF
chmod +x "$work/step"
if [ -n "${SHARED:-}" ]; then
  export MESHPLATE_CACHE_KEY="bench-pr-${RANDOM}${RANDOM}-shared-between-the-clones-of-one-run"
  git clone -q "$work/origin" "$work/main"
  (cd "$work/main" && git checkout -q HEAD~1 && "${cmd[@]}" --root . check -q)
  mv "$work/main/.meshplate/cache" "$work/saved-cache"
  rm -rf "$work/main"
fi
settle "${cmd[@]}" --version
for ((r = 0; r < repeat; r++)); do
  aside "$work/clone"
  git clone -q "$work/origin" "$work/clone"
  if [ -n "${SHARED:-}" ]; then
    mkdir -p "$work/clone/.meshplate" && cp -r "$work/saved-cache" "$work/clone/.meshplate/cache"
  fi
  (cd "$work/clone" && MESHPLATE_BASE=HEAD~1 MESHPLATE="$work/step" run gate bash ci/pr.sh)
done

echo "meshplate bench/pr.sh: $n tenants + 7 examples, overlays: $overlays; a one-tenant change, fresh clone${SHARED:+, with the cache of the base restored}"
echo "median of $repeat runs; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %8s %8s %9s\n' step "wall s" "cpu s" "RSS MiB"
for label in scope validate check diff gate; do
  [ -f "$work/$label.times" ] || continue
  printf '%-10s %8s %8s %9d\n' "$label" "$(median "$work/$label.times" 1)" "$(median "$work/$label.times" 2)" \
    $(( $(median "$work/$label.times" 3) / 1024 ))
done
